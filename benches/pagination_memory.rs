//! Pagination memory: the peak heap of the client process while a paged list's `stream()`
//! streams 10,000 and 100,000 appointments, against the peak of fetching a single page.
//!
//! Heap use is counted by `peak_alloc`'s global allocator: the package forbids unsafe
//! code in every target (`[lints.rust] unsafe_code = "forbid"`), so the counting
//! allocator comes from that crate rather than being written here. The page server runs
//! in a child process (this same executable, started with `PAGE_SERVER_ENV` set) so that
//! only the client's allocations are counted. It makes every page on the fly: the
//! location id in the path is the total number of records, `page` and `count` pick the
//! slice.

mod common;

use common::{Row, Server};
use futures_util::StreamExt;
use peak_alloc::PeakAlloc;
use serde_json::json;
use std::hint::black_box;
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Instant, SystemTime};

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

const PAGE_SERVER_ENV: &str = "ALTEGIO_BENCH_PAGE_SERVER";
const PAGE_SIZES: [u64; 3] = [50, 200, 1_000];
const TOTALS: [u64; 2] = [10_000, 100_000];
/// The target: streaming any total peaks at most this many times the single-page peak.
const BOUND: f64 = 1.5;

/// The child process: serves pages until its standard input closes.
fn serve_pages() {
    let templates = common::appointment_templates();
    let server = Server::start(Arc::new(move |parts: &http::request::Parts| {
        let total: u64 = parts.uri.path().rsplit('/').next().and_then(|s| s.parse().ok()).unwrap_or(0);
        let page = common::query_int(parts, "page").unwrap_or(1).max(1);
        let count = common::query_int(parts, "count").unwrap_or(25);
        let first = (page - 1) * count;
        let n = count.min(total.saturating_sub(first));
        let meta = if page.is_multiple_of(2) { json!([]) } else { json!({"page": page, "total_count": total}) };
        common::list_body(common::appointments(&templates, first, n), meta).into()
    }));
    println!("{}", server.base_url());
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}

/// Streams `total` records `per_page` at a time; returns the peak heap above the level
/// before the stream started, and the time taken.
fn stream(rt: &tokio::runtime::Runtime, client: &altegio::Client, per_page: u64, total: u64) -> (usize, f64) {
    let before = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let started = Instant::now();
    let seen = rt.block_on(async {
        let items = client.get_appointment_list().location_id(total as i64).count(per_page as i64).stream();
        let mut items = std::pin::pin!(items);
        let mut seen = 0u64;
        while let Some(item) = items.next().await {
            black_box(item.expect("page"));
            seen += 1;
        }
        seen
    });
    let elapsed = started.elapsed().as_secs_f64();
    assert_eq!(seen, total, "records streamed");
    (HEAP.peak_usage().saturating_sub(before), elapsed)
}

fn main() {
    if std::env::var_os(PAGE_SERVER_ENV).is_some() {
        return serve_pages();
    }
    // `cargo test --benches` runs bench targets with no `--bench` flag: stay quick there.
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("pagination_memory: run through `cargo bench` to measure");
        return;
    }
    let started = SystemTime::now();
    let mut child = Command::new(std::env::current_exe().expect("own path"))
        .env(PAGE_SERVER_ENV, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the page server");
    let mut base = String::new();
    BufReader::new(child.stdout.take().expect("child stdout")).read_line(&mut base).expect("server address");
    let base = base.trim().to_string();

    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = common::altegio_client(&base);
    // Warm up: opens the connection and lets lazily built state settle before counting.
    stream(&rt, &client, 200, 1_000);

    let templates = common::appointment_templates();
    let mut rows = Vec::new();
    for per_page in PAGE_SIZES {
        let page_bytes = common::list_body(common::appointments(&templates, 0, per_page), json!({})).len();
        // The single-page peak also holds whatever the connection and the runtime happen
        // to allocate along the way; the smallest of a few runs is the (stricter) reference.
        let one_page = (0..3).map(|_| stream(&rt, &client, per_page, per_page).0).min().unwrap_or(0);
        for total in TOTALS {
            let (peak, secs) = stream(&rt, &client, per_page, total);
            let ratio = peak as f64 / one_page as f64;
            eprintln!(
                "per_page {per_page}: {total} records in {secs:.2} s, peak {peak} B, one page {one_page} B \
                 (body {page_bytes} B), ratio {ratio:.2}"
            );
            rows.push(Row {
                case: format!("{per_page} per page ({page_bytes}-byte page body), {total} records"),
                subject: format!("peak heap streaming {total} records ({:.0} records/s)", total as f64 / secs),
                baseline: "peak heap fetching one page".into(),
                unit: "KiB".into(),
                value: peak as f64 / 1024.0,
                baseline_value: one_page as f64 / 1024.0,
                ratio_of: "peak / one-page peak".into(),
                ratio,
                paired_ratio: None,
                target: format!("≤ {BOUND}"),
                met: Some(ratio <= BOUND),
            });
        }
    }
    drop(child.stdin.take());
    let _ = child.wait();

    let method = format!(
        "`client.get_appointment_list().location_id(..).count(per_page).stream()` read to the end on a single-threaded runtime, each item dropped \
         as it comes. The server is a child process that builds every page on the fly (appointments \
         varied as in the decode benchmark, `meta` alternating between `{{page, total_count}}` and \
         `[]`). Peak heap is counted by a counting global allocator (`peak_alloc`) in the client \
         process, as bytes above the level just before the stream starts; the one-page baseline \
         is the smallest peak of three streams over a total of exactly one page. Page sizes {PAGE_SIZES:?}, totals \
         {TOTALS:?}; target: peak ≤ {BOUND} × the one-page peak, whatever the total."
    );
    common::write_results("pagination_memory", "Pagination memory", &method, &rows, started);
}
