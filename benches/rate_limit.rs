//! Sustained rate: how close a bulk job gets to the rate limit's budget.
//!
//! 400 calls start at once through one client whose limiter allows 5 requests per
//! 100 ms and 200 per 6 s (Altegio's 5 per second and 200 per minute, scaled down ten
//! times). The server, on loopback, records when each request arrives. The figure is the
//! time from the start to the last arrival against the ideal: the time a limiter with no
//! latency at all would need to grant the last slot (9.90 s here). The limiter keeps a
//! slot until a window after the reply, so every window costs one round trip on top.

mod common;

use common::{Row, Server};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

const CALLS: usize = 400;
const LIMITS: [(u32, Duration); 2] = [(5, Duration::from_millis(100)), (200, Duration::from_secs(6))];
/// The target: the sustained rate is at least this share of the budget.
const TARGET: f64 = 0.97;

fn main() {
    // `cargo test --benches` runs bench targets with no `--bench` flag: stay quick there.
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("rate_limit: run through `cargo bench` to measure");
        return;
    }
    let started = SystemTime::now();
    let arrivals = Arc::new(Mutex::new(Vec::<Instant>::new()));
    let seen = arrivals.clone();
    let body = bytes::Bytes::from(common::spec_body("get_location"));
    let server = Server::start(Arc::new(move |_parts: &http::request::Parts| {
        seen.lock().expect("arrivals").push(Instant::now());
        body.clone()
    }));
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let limiter = Arc::new(altegio::RateLimiter::new(&LIMITS));
    let client = altegio::Client::builder(common::PARTNER)
        .user_token(common::USER)
        .base_url(server.base_url())
        .rate_limiter(limiter)
        .build()
        .expect("client");
    let first_call = Instant::now();
    rt.block_on(async {
        let calls = (0..CALLS).map(|_| client.get_location().location_id(1).send());
        for r in futures_util::future::join_all(calls).await {
            r.expect("call");
        }
    });
    let times = arrivals.lock().expect("arrivals").clone();
    assert_eq!(times.len(), CALLS);
    let last = times.iter().max().map(|t| *t - first_call).unwrap_or_default();
    let ideal = common::ideal(CALLS, &LIMITS);
    let ratio = ideal.as_secs_f64() / last.as_secs_f64();
    eprintln!("rate_limit: {CALLS} calls, last arrival after {last:?}, ideal {ideal:?}, rate {ratio:.3} of the budget");
    let rows = vec![Row {
        case: format!("{CALLS} calls at once, 5 per 100 ms and 200 per 6 s, loopback"),
        subject: "start to last arrival at the server".into(),
        baseline: "a limiter with no latency (last grant)".into(),
        unit: "s".into(),
        value: last.as_secs_f64(),
        baseline_value: ideal.as_secs_f64(),
        ratio_of: "sustained rate / budget (ideal time / time)".into(),
        ratio,
        paired_ratio: None,
        target: format!("≥ {TARGET}"),
        met: Some(ratio >= TARGET),
    }];
    let method = format!(
        "{CALLS} calls of `get_location` started at once (`join_all`) through one client whose \
         `RateLimiter` allows 5 requests per 100 ms and 200 per 6 s (Altegio's limits scaled down \
         ten times), on a two-thread runtime; the server runs on its own thread on loopback and \
         records each arrival. The ideal is when a limiter with no latency would grant the last \
         slot. A request holds its slot until one window after its reply, so each window also \
         costs one round trip: over a real network, the per-second window runs at about \
         1 s / (1 s + round trip) of its budget, the per-minute window (which binds a long job) \
         at 60 s / (60 s + round trip). Target: ≥ {TARGET} of the budget."
    );
    common::write_results("rate_limit", "Sustained rate against the budget", &method, &rows, started);
}
