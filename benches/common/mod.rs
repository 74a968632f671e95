//! What the benchmarks share: a loopback HTTP server with canned or generated replies,
//! realistic list bodies derived from the spec's examples, and the result files that
//! `cargo xtask bench-report` turns into BENCHMARKS.md.
//!
//! Each bench binary compiles this module on its own and uses part of it.
#![allow(dead_code)]

use bytes::Bytes;
use criterion::Criterion;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The two tokens every benchmark client sends.
pub const PARTNER: &str = "partner";
pub const USER: &str = "user";
/// The `Authorization` value the crate sends for these tokens; the baselines send the same.
pub const AUTHORIZATION: &str = "Bearer partner, User user";
/// The path prefix the server answers under (like production's `/api/v1`).
pub const BASE_PATH: &str = "/api/v1";

/// Builds the reply body for a request (method, path and query are in `parts`).
pub type Handler = Arc<dyn Fn(&http::request::Parts) -> Bytes + Send + Sync>;

/// An HTTP/1.1 server on 127.0.0.1 that answers every request with `200`,
/// `Content-Type: application/json` and the handler's body.
pub struct Server {
    /// `http://127.0.0.1:<port>`.
    pub url: String,
}

impl Server {
    /// Serves on `rt`, the runtime the measured client runs on. With a single-threaded
    /// runtime, client and server then take turns on one thread: a measured call costs
    /// its CPU time on both ends and no thread wake-up, which keeps the figures steady on
    /// a shared machine. The server's share is the same for every client compared.
    pub fn start_on(rt: &tokio::runtime::Runtime, handler: Handler) -> Server {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).expect("non-blocking listener");
        let addr = listener.local_addr().expect("local address");
        let _guard = rt.enter();
        let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
        rt.spawn(serve(listener, handler));
        Server { url: format!("http://{addr}") }
    }

    /// Serves from a thread of its own with its own single-threaded runtime; the thread
    /// lives until the process ends.
    pub fn start(handler: Handler) -> Server {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("bench-server".into())
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("server runtime");
                let server = Server::start_on(&rt, handler);
                tx.send(server.url).expect("report address");
                rt.block_on(std::future::pending::<()>());
            })
            .expect("server thread");
        Server { url: rx.recv().expect("server address") }
    }

    /// The base URL to give the client: the server's URL plus [`BASE_PATH`].
    pub fn base_url(&self) -> String {
        format!("{}{BASE_PATH}", self.url)
    }
}

async fn serve(listener: tokio::net::TcpListener, handler: Handler) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let _ = stream.set_nodelay(true);
        let handler = handler.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req: Request<Incoming>| {
                let handler = handler.clone();
                async move {
                    let (parts, body) = req.into_parts();
                    let _ = body.collect().await;
                    let mut reply = Response::new(Full::new(handler(&parts)));
                    reply.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    Ok::<_, Infallible>(reply)
                }
            });
            let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

/// A crate client for the server at `base_url`, limiter off.
pub fn altegio_client(base_url: &str) -> altegio::Client {
    altegio::Client::builder(PARTNER).user_token(USER).base_url(base_url).no_rate_limit().build().expect("client")
}

/// The example success body the spec gives for an operation.
pub fn spec_example(operation: &str) -> Value {
    let op = altegio::b2b::operations::find(operation).unwrap_or_else(|| panic!("no operation `{operation}`"));
    let text = op.example.unwrap_or_else(|| panic!("`{operation}` has no example"));
    serde_json::from_str(text).expect("example is JSON")
}

/// `n` appointments numbered from `first`, derived from the two records of the spec's
/// `get_appointment_list` example and varied per record in the ways the real API varies:
/// ids as numbers or strings, flags as `true`, `1`, `"1"`, `0`, `"0"`, dates in several
/// formats, `null` and empty values.
pub fn appointments(templates: &[Value], first: u64, n: u64) -> Vec<Value> {
    (first..first + n).map(|i| appointment(templates, i)).collect()
}

fn appointment(templates: &[Value], i: u64) -> Value {
    let mut r = templates[(i % templates.len() as u64) as usize].clone();
    let Some(o) = r.as_object_mut() else { return r };
    let id = 1_000_000 + i;
    let flag = |k: u64| match (i + k) % 5 {
        0 => json!(true),
        1 => json!(1),
        2 => json!("1"),
        3 => json!(0),
        _ => json!("0"),
    };
    let day = 1 + i % 28;
    let month = 1 + (i / 28) % 12;
    let (hour, minute) = (8 + i % 10, (i % 4) * 15);
    o.insert("id".into(), if i.is_multiple_of(3) { json!(id.to_string()) } else { json!(id) });
    o.insert("visit_id".into(), if i.is_multiple_of(2) { json!(id + 7) } else { json!((id + 7).to_string()) });
    o.insert("company_id".into(), if i.is_multiple_of(4) { json!("37532") } else { json!(37532) });
    o.insert("staff_id".into(), json!(9 + i % 40));
    o.insert("date".into(), json!(format!("2026-{month:02}-{day:02} {hour:02}:{minute:02}:00")));
    o.insert("datetime".into(), json!(format!("2026-{month:02}-{day:02}T{hour:02}:{minute:02}:00-05:00")));
    o.insert(
        "create_date".into(),
        match i % 3 {
            0 => json!(format!("2026-{month:02}-{day:02}T07:41:44-0500")),
            1 => json!(format!("2026-{month:02}-{day:02} 07:41:44")),
            _ => json!(format!("2026-{month:02}-{day:02}T07:41:44-05:00")),
        },
    );
    o.insert("last_change_date".into(), json!(format!("2026-{month:02}-{day:02}T19:41:44-0500")));
    o.insert(
        "comment".into(),
        if i.is_multiple_of(4) { json!("") } else { json!(format!("Note {i}: prefers the window seat")) },
    );
    o.insert("confirmed".into(), flag(0));
    o.insert("deleted".into(), if i.is_multiple_of(50) { json!(true) } else { json!(false) });
    o.insert("online".into(), flag(1));
    o.insert("paid_full".into(), flag(2));
    o.insert("notified".into(), flag(3));
    o.insert("seance_length".into(), if i.is_multiple_of(2) { json!(3600) } else { json!("5400") });
    o.insert("api_id".into(), if i.is_multiple_of(5) { Value::Null } else { json!(format!("ext-{i}")) });
    if let Some(Value::Object(client)) = o.get_mut("client") {
        client.insert(
            "id".into(),
            if i.is_multiple_of(2) { json!(4_000_000 + i) } else { json!((4_000_000 + i).to_string()) },
        );
        client.insert("name".into(), json!(format!("Client {i}")));
        client.insert(
            "phone".into(),
            if i.is_multiple_of(2) {
                json!(13_155_550_000u64 + i)
            } else {
                json!(format!("+1315555{:04}", i % 10_000))
            },
        );
    }
    r
}

/// The two records of the spec's `get_appointment_list` example.
pub fn appointment_templates() -> Vec<Value> {
    let example = spec_example("get_appointment_list");
    let data = example["data"].as_array().expect("example data is a list").clone();
    assert!(!data.is_empty());
    data
}

/// A list reply: the envelope around `records` with the given `meta`.
pub fn list_body(records: Vec<Value>, meta: Value) -> Vec<u8> {
    envelope(&Value::Array(records), &meta)
}

/// Altegio's envelope in the order the API writes it: `success` first, then `data` and
/// `meta` (a `serde_json::Value` would sort the keys and put `success` last).
pub fn envelope(data: &Value, meta: &Value) -> Vec<u8> {
    let mut body = br#"{"success":true,"data":"#.to_vec();
    serde_json::to_writer(&mut body, data).expect("serialise");
    body.extend_from_slice(br#","meta":"#);
    serde_json::to_writer(&mut body, meta).expect("serialise");
    body.push(b'}');
    body
}

/// The spec's example reply of an operation, as the API would write it.
pub fn spec_body(operation: &str) -> Vec<u8> {
    let example = spec_example(operation);
    assert_eq!(example["success"], json!(true), "`{operation}`'s example is a success envelope");
    envelope(&example["data"], &example["meta"])
}

/// One query parameter of a request, as an integer.
pub fn query_int(parts: &http::request::Parts, name: &str) -> Option<u64> {
    parts.uri.query()?.split('&').find_map(|kv| kv.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
}

// ---------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------

/// The cargo target directory: `$CARGO_TARGET_DIR`, or the one the bench executable
/// was built in (`<target>/<profile>/deps/<bench>`).
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let exe = std::env::current_exe().expect("bench executable path");
    exe.ancestors().nth(3).map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("target"))
}

/// Criterion with short warm-up and measurement times so the whole suite stays within a
/// few minutes; command-line options still override these.
pub fn criterion() -> Criterion {
    Criterion::default()
        .output_directory(&target_dir().join("criterion"))
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30)
        .configure_from_args()
}

/// The median (ns per iteration) criterion estimated for `group/function` in this run;
/// `None` when that benchmark did not run now (filtered out, or `--test` mode).
pub fn median_ns(group: &str, function: &str, since: SystemTime) -> Option<f64> {
    let path = target_dir().join("criterion").join(group).join(function).join("new").join("estimates.json");
    let fresh = std::fs::metadata(&path).and_then(|m| m.modified()).is_ok_and(|t| t >= since);
    if !fresh {
        return None;
    }
    let estimates: Value = serde_json::from_slice(&std::fs::read(&path).ok()?).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}

/// A routine for [`interleaved`]: `n` runs of `f`, one after the other, on `rt`, timed.
pub fn timed<'a, F, Fut>(rt: &'a tokio::runtime::Runtime, f: &'a F) -> impl Fn(u64) -> Duration + 'a
where
    F: Fn() -> Fut,
    Fut: std::future::Future,
{
    move |n| {
        let t = std::time::Instant::now();
        rt.block_on(async {
            for _ in 0..n {
                std::hint::black_box(f().await);
            }
        });
        t.elapsed()
    }
}

/// Measures routines in alternation: each round runs every routine for a block of
/// iterations (about `block` long, sized once up front), so a slow spell of the machine
/// falls on all of them alike. `run(n)` performs `n` iterations and returns the time they
/// took. Returns, per routine, the mean time per iteration (ns) of each round.
pub fn interleaved(rounds: usize, block: Duration, routines: &[&dyn Fn(u64) -> Duration]) -> Vec<Vec<f64>> {
    let sizes: Vec<u64> = routines
        .iter()
        .map(|run| {
            let probe = run(8).as_secs_f64() / 8.0;
            ((block.as_secs_f64() / probe.max(1e-9)) as u64).max(1)
        })
        .collect();
    let mut out = vec![Vec::with_capacity(rounds); routines.len()];
    for round in 0..rounds {
        // Rotate the order too, so no routine always runs first.
        for k in 0..routines.len() {
            let i = (round + k) % routines.len();
            let took = routines[i](sizes[i]);
            out[i].push(took.as_secs_f64() * 1e9 / sizes[i] as f64);
        }
    }
    out
}

/// The median of some values.
pub fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// The per-round ratios `a[round] / b[round]`: their median, and the first and third
/// quartiles as a measure of spread.
pub fn paired_ratio(a: &[f64], b: &[f64]) -> Paired {
    let mut ratios: Vec<f64> = a.iter().zip(b).map(|(x, y)| x / y).collect();
    ratios.sort_by(f64::total_cmp);
    let at = |q: f64| ratios.get(((ratios.len() - 1) as f64 * q).round() as usize).copied().unwrap_or(f64::NAN);
    Paired { median: median(&ratios), q1: at(0.25), q3: at(0.75) }
}

/// See [`paired_ratio`].
#[derive(Clone, Copy, Debug)]
pub struct Paired {
    pub median: f64,
    pub q1: f64,
    pub q3: f64,
}

impl Paired {
    /// The inverse ratio (for throughput from times).
    pub fn inverse(self) -> Paired {
        Paired { median: 1.0 / self.median, q1: 1.0 / self.q3, q3: 1.0 / self.q1 }
    }
}

/// One figure: a measured value of the project's path against the same measure of a
/// baseline, with the ratio and whether it meets the target.
pub struct Row {
    pub case: String,
    pub subject: String,
    pub baseline: String,
    /// What `value` and `baseline_value` measure (`ns/call`, `MiB/s`, `bytes`...).
    pub unit: String,
    pub value: f64,
    pub baseline_value: f64,
    /// How the ratio is formed, e.g. `time / baseline time`.
    pub ratio_of: String,
    /// The ratio of the two criterion medians.
    pub ratio: f64,
    /// The same ratio from interleaved rounds (median of the per-round ratios), when
    /// measured; the target is judged on it.
    pub paired_ratio: Option<Paired>,
    /// The target in words (`≤ 1.05`); empty for an informative row.
    pub target: String,
    /// `None` for an informative row.
    pub met: Option<bool>,
}

impl Row {
    fn to_json(&self) -> Value {
        json!({
            "case": self.case,
            "subject": self.subject,
            "baseline": self.baseline,
            "unit": self.unit,
            "value": self.value,
            "baseline_value": self.baseline_value,
            "ratio_of": self.ratio_of,
            "ratio": self.ratio,
            "paired_ratio": self.paired_ratio.map(|p| p.median),
            "paired_q1": self.paired_ratio.map(|p| p.q1),
            "paired_q3": self.paired_ratio.map(|p| p.q3),
            "target": self.target,
            "met": self.met,
        })
    }
}

/// What the figures were measured on (shared with `cargo xtask build-cost`).
#[path = "machine.rs"]
mod machine_info;
use machine_info::{loadavg, machine};

/// Writes `<target>/bench-results/<name>.json`; nothing when no row was measured.
pub fn write_results(name: &str, title: &str, method: &str, rows: &[Row], started: SystemTime) {
    if rows.is_empty() {
        eprintln!("{name}: no figure measured in this run; results left unchanged");
        return;
    }
    let now = SystemTime::now();
    let doc = json!({
        "name": name,
        "title": title,
        "method": method,
        "started_unix": started.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0),
        "finished_unix": now.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0),
        "loadavg_after": loadavg(),
        "machine": machine(),
        "rows": rows.iter().map(Row::to_json).collect::<Vec<_>>(),
    });
    let dir = target_dir().join("bench-results");
    std::fs::create_dir_all(&dir).expect("create bench-results");
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, serde_json::to_vec_pretty(&doc).expect("serialise")).expect("write results");
    for r in rows {
        let verdict = match r.met {
            Some(true) => "met",
            Some(false) => "MISSED",
            None => "info",
        };
        eprintln!(
            "{name}/{}: {} {:.1} {} vs {} {:.1} -> {:.3} (interleaved {}) ({}) target {} {verdict}",
            r.case,
            r.subject,
            r.value,
            r.unit,
            r.baseline,
            r.baseline_value,
            r.ratio,
            r.paired_ratio.map_or("-".to_string(), |p| format!("{:.3} [{:.3}, {:.3}]", p.median, p.q1, p.q3)),
            r.ratio_of,
            r.target
        );
    }
    eprintln!("wrote {}", path.display());
}

/// When a perfect limiter (no latency, slots free exactly a window after the grant)
/// grants the last of `calls` slots, from the first grant.
pub fn ideal(calls: usize, limits: &[(u32, std::time::Duration)]) -> std::time::Duration {
    let mut grants: Vec<std::time::Duration> = Vec::with_capacity(calls);
    for i in 0..calls {
        let at = limits
            .iter()
            .filter_map(|(n, w)| i.checked_sub(*n as usize).map(|j| grants[j] + *w))
            .max()
            .unwrap_or_default();
        grants.push(at);
    }
    grants.last().copied().unwrap_or_default()
}
