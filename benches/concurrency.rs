//! Concurrency: 64 calls in flight at once through the crate (limiter off), against 64
//! raw hyper requests, to the same loopback server.

mod common;

use bytes::Bytes;
use common::{AUTHORIZATION, Row, Server};
use futures_util::future::join_all;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

const ACCEPT: &str = "application/vnd.api.v2+json";
const IN_FLIGHT: usize = 64;
const GROUP: &str = "concurrency_64_get_client";
/// Interleaved rounds, and the length of each block in a round.
const ROUNDS: usize = 15;
const BLOCK: Duration = Duration::from_millis(100);

type Hyper = HyperClient<HttpConnector, Empty<Bytes>>;

async fn bare(http: &Hyper, url: &str) -> Bytes {
    let request = hyper::Request::get(url)
        .header(hyper::header::AUTHORIZATION, AUTHORIZATION)
        .header(hyper::header::ACCEPT, ACCEPT)
        .body(Empty::new())
        .expect("request");
    let reply = http.request(request).await.expect("send");
    assert!(reply.status().is_success());
    reply.into_body().collect().await.expect("body").to_bytes()
}

async fn by_hand(http: &reqwest::Client, url: String) -> Value {
    let reply = http
        .get(url)
        .header(reqwest::header::AUTHORIZATION, AUTHORIZATION)
        .header(reqwest::header::ACCEPT, ACCEPT)
        .send()
        .await
        .expect("send");
    assert!(reply.status().is_success());
    reply.json::<Value>().await.expect("JSON")
}

fn main() {
    let started = SystemTime::now();
    let body = Bytes::from(common::spec_body("get_client"));
    let body_len = body.len();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let server = Server::start_on(&rt, Arc::new(move |_: &http::request::Parts| body.clone()));
    let base = server.base_url();
    let client = common::altegio_client(&base);
    let reqwest = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    let hyper: Hyper = HyperClient::builder(TokioExecutor::new()).build(connector);
    let url = |i: usize| format!("{base}/client/37532/{}", 4_000_000 + i);

    let crate_batch = || {
        join_all((0..IN_FLIGHT).map(|i| {
            let client = &client;
            async move { client.get_client().location_id(37532).id(4_000_000 + i as i64).send().await.expect("call") }
        }))
    };
    let hyper_batch = || {
        join_all((0..IN_FLIGHT).map(|i| {
            let url = url(i);
            let hyper = &hyper;
            async move { bare(hyper, &url).await }
        }))
    };
    let reqwest_batch = || join_all((0..IN_FLIGHT).map(|i| by_hand(&reqwest, url(i))));

    // Every path must succeed (and open its connections) before anything is timed.
    rt.block_on(async {
        assert!(crate_batch().await.into_iter().all(|r| r.into_inner().data.is_some()));
        assert!(hyper_batch().await.iter().all(|b| !b.is_empty()));
        assert!(reqwest_batch().await.iter().all(|v| v["data"].is_object()));
    });

    let mut c = common::criterion();
    {
        let mut g = c.benchmark_group(GROUP);
        g.throughput(criterion::Throughput::Elements(IN_FLIGHT as u64));
        // Batches vary more than single calls: measure longer.
        g.measurement_time(Duration::from_secs(5));
        g.bench_function("altegio_typed", |b| b.to_async(&rt).iter(|| async { black_box(crate_batch().await) }));
        g.bench_function("hyper_bytes", |b| b.to_async(&rt).iter(|| async { black_box(hyper_batch().await) }));
        g.bench_function("reqwest_value", |b| b.to_async(&rt).iter(|| async { black_box(reqwest_batch().await) }));
        g.finish();
    }
    c.final_summary();

    let per_sec = |ns: f64| IN_FLIGHT as f64 / (ns / 1e9);
    let mut rows = Vec::new();
    let median = |f: &str| common::median_ns(GROUP, f, started);
    if let (Some(typed), Some(raw), Some(hand)) =
        (median("altegio_typed"), median("hyper_bytes"), median("reqwest_value"))
    {
        let rounds = common::interleaved(
            ROUNDS,
            BLOCK,
            &[
                &common::timed(&rt, &crate_batch),
                &common::timed(&rt, &hyper_batch),
                &common::timed(&rt, &reqwest_batch),
            ],
        );
        // Throughput ratios: baseline time over the crate's time.
        let paired = common::paired_ratio(&rounds[0], &rounds[1]).inverse();
        rows.push(Row {
            case: format!("{IN_FLIGHT} in flight, get_client"),
            subject: "altegio typed calls".into(),
            baseline: "raw hyper requests, body read".into(),
            unit: "calls/s".into(),
            value: per_sec(typed),
            baseline_value: per_sec(raw),
            ratio_of: "throughput / baseline throughput".into(),
            ratio: raw / typed,
            paired_ratio: Some(paired),
            target: "≥ 0.9".into(),
            met: Some(paired.median >= 0.9),
        });
        rows.push(Row {
            case: format!("{IN_FLIGHT} in flight, get_client"),
            subject: "altegio typed calls".into(),
            baseline: "reqwest + serde_json::Value by hand".into(),
            unit: "calls/s".into(),
            value: per_sec(typed),
            baseline_value: per_sec(hand),
            ratio_of: "throughput / baseline throughput".into(),
            ratio: hand / typed,
            paired_ratio: Some(common::paired_ratio(&rounds[0], &rounds[2]).inverse()),
            target: String::new(),
            met: None,
        });
    }
    let method = format!(
        "One iteration starts {IN_FLIGHT} requests at once (`join_all`) and waits for all of them; \
         throughput is {IN_FLIGHT} over the median iteration time. Client and server share one \
         single-threaded Tokio runtime, so throughput is bounded by the CPU cost of a call on both \
         ends (the server's share is the same for every client) rather than by thread wake-ups. \
         The server answers every request with the spec's `get_client` example in the API's \
         envelope (`success` first; {body_len} bytes). \
         The crate's client has the limiter off (`no_rate_limit()`); the raw requests use \
         hyper-util's pooled client with the same headers and only read the body. Each client \
         keeps its {IN_FLIGHT} keep-alive connections open between iterations. Besides criterion's \
         medians, the three are run in {ROUNDS} interleaved rounds (blocks of about {BLOCK:?}, \
         order rotating) and the target is judged on the median of the per-round ratios."
    );
    common::write_results("concurrency", "Concurrency", &method, &rows, started);
}
