//! Per-call overhead: one typed call through the crate, against the same request written
//! by hand with reqwest and decoded into `serde_json::Value`, and against a bare hyper
//! request that only reads the body (the floor). All three talk to one loopback server.

mod common;

use bytes::Bytes;
use common::{AUTHORIZATION, Row, Server};
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

const ACCEPT: &str = "application/vnd.api.v2+json";
/// Records in the reply of the list call.
const PAGE: u64 = 100;
/// Interleaved rounds per case, and the length of each block in a round.
const ROUNDS: usize = 21;
const BLOCK: Duration = Duration::from_millis(60);

type Hyper = HyperClient<HttpConnector, Empty<Bytes>>;

fn hyper_client() -> Hyper {
    let mut connector = HttpConnector::new();
    // reqwest turns Nagle's algorithm off too.
    connector.set_nodelay(true);
    HyperClient::builder(TokioExecutor::new()).build(connector)
}

async fn by_hand(http: &reqwest::Client, url: String) -> Value {
    by_hand_with(http, url, None).await
}

/// The hand-written call, optionally with a per-request timeout as the crate sets one.
async fn by_hand_with(http: &reqwest::Client, url: String, timeout: Option<Duration>) -> Value {
    let mut request =
        http.get(url).header(reqwest::header::AUTHORIZATION, AUTHORIZATION).header(reqwest::header::ACCEPT, ACCEPT);
    if let Some(t) = timeout {
        request = request.timeout(t);
    }
    let reply = request.send().await.expect("send");
    assert!(reply.status().is_success());
    reply.json::<Value>().await.expect("JSON")
}

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

fn main() {
    let started = SystemTime::now();
    let client_body = Bytes::from(common::spec_body("get_client"));
    let templates = common::appointment_templates();
    let list_body = Bytes::from(common::list_body(
        common::appointments(&templates, 0, PAGE),
        json!({"page": 1, "total_count": 908}),
    ));
    let (client_size, list_size) = (client_body.len(), list_body.len());
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let server = Server::start_on(
        &rt,
        Arc::new(
            move |parts: &http::request::Parts| {
                if parts.uri.path().contains("/records/") { list_body.clone() } else { client_body.clone() }
            },
        ),
    );
    let base = server.base_url();
    let client = common::altegio_client(&base);
    let reqwest = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let hyper = hyper_client();
    let (location, id) = (37532i64, 4821977i64);
    let client_url = move |base: &str| format!("{base}/client/{location}/{id}");
    let list_url = move |base: &str| format!("{base}/records/{location}?page=1&count={PAGE}");

    // Every path must succeed, and the typed ones must decode, before anything is timed.
    rt.block_on(async {
        let one = client.get_client().location_id(location).id(id).send().await.expect("typed get_client");
        assert!(one.into_inner().data.is_some());
        let list = client
            .get_appointment_list()
            .location_id(location)
            .page(1)
            .count(PAGE as i64)
            .send()
            .await
            .expect("typed list");
        assert_eq!(list.into_inner().data.len(), PAGE as usize);
        assert!(by_hand(&reqwest, client_url(&base)).await["data"].is_object());
        assert_eq!(by_hand(&reqwest, list_url(&base)).await["data"].as_array().map(Vec::len), Some(PAGE as usize));
        assert!(!bare(&hyper, &client_url(&base)).await.is_empty());
    });

    // The three ways of making each call, used by criterion and by the interleaved rounds.
    let typed_one = || async {
        black_box(client.get_client().location_id(location).id(id).send().await.expect("call"));
    };
    let typed_list = || async {
        black_box(
            client.get_appointment_list().location_id(location).page(1).count(PAGE as i64).send().await.expect("call"),
        );
    };
    let hand_one = || async { black_box(by_hand(&reqwest, client_url(&base)).await) };
    let hand_list = || async { black_box(by_hand(&reqwest, list_url(&base)).await) };
    let timeout = Some(altegio::DEFAULT_TIMEOUT);
    let hand_one_t = || async { black_box(by_hand_with(&reqwest, client_url(&base), timeout).await) };
    let hand_list_t = || async { black_box(by_hand_with(&reqwest, list_url(&base), timeout).await) };
    let bare_one = || async { black_box(bare(&hyper, &client_url(&base)).await) };
    let bare_list = || async { black_box(bare(&hyper, &list_url(&base)).await) };

    let mut c = common::criterion();
    let cases =
        [("per_call_get_client", "get_client"), ("per_call_list_appointments", "get_appointment_list (100 records)")];
    {
        let mut g = c.benchmark_group(cases[0].0);
        g.bench_function("altegio_typed", |b| b.to_async(&rt).iter(typed_one));
        g.bench_function("reqwest_value", |b| b.to_async(&rt).iter(hand_one));
        g.bench_function("reqwest_value_timeout", |b| b.to_async(&rt).iter(hand_one_t));
        g.bench_function("hyper_bytes", |b| b.to_async(&rt).iter(bare_one));
        g.finish();
    }
    {
        let mut g = c.benchmark_group(cases[1].0);
        g.bench_function("altegio_typed", |b| b.to_async(&rt).iter(typed_list));
        g.bench_function("reqwest_value", |b| b.to_async(&rt).iter(hand_list));
        g.bench_function("reqwest_value_timeout", |b| b.to_async(&rt).iter(hand_list_t));
        g.bench_function("hyper_bytes", |b| b.to_async(&rt).iter(bare_list));
        g.finish();
    }
    c.final_summary();

    let mut rows = Vec::new();
    for (group, case) in cases {
        let median = |f: &str| common::median_ns(group, f, started);
        let (Some(typed), Some(hand), Some(hand_t), Some(floor)) =
            (median("altegio_typed"), median("reqwest_value"), median("reqwest_value_timeout"), median("hyper_bytes"))
        else {
            continue;
        };
        let rounds = if group == cases[0].0 {
            common::interleaved(
                ROUNDS,
                BLOCK,
                &[
                    &common::timed(&rt, &typed_one),
                    &common::timed(&rt, &hand_one),
                    &common::timed(&rt, &bare_one),
                    &common::timed(&rt, &hand_one_t),
                ],
            )
        } else {
            common::interleaved(
                ROUNDS,
                BLOCK,
                &[
                    &common::timed(&rt, &typed_list),
                    &common::timed(&rt, &hand_list),
                    &common::timed(&rt, &bare_list),
                    &common::timed(&rt, &hand_list_t),
                ],
            )
        };
        let paired = common::paired_ratio(&rounds[0], &rounds[1]);
        rows.push(Row {
            case: case.into(),
            subject: "altegio typed call".into(),
            baseline: "reqwest + serde_json::Value by hand".into(),
            unit: "µs/call".into(),
            value: typed / 1e3,
            baseline_value: hand / 1e3,
            ratio_of: "time / baseline time".into(),
            ratio: typed / hand,
            paired_ratio: Some(paired),
            target: "≤ 1.05".into(),
            met: Some(paired.median <= 1.05),
        });
        rows.push(Row {
            case: case.into(),
            subject: "altegio typed call".into(),
            baseline: "reqwest + Value by hand, with the crate's 30 s timeout".into(),
            unit: "µs/call".into(),
            value: typed / 1e3,
            baseline_value: hand_t / 1e3,
            ratio_of: "time / baseline time".into(),
            ratio: typed / hand_t,
            paired_ratio: Some(common::paired_ratio(&rounds[0], &rounds[3])),
            target: String::new(),
            met: None,
        });
        rows.push(Row {
            case: case.into(),
            subject: "altegio typed call".into(),
            baseline: "bare hyper, body read, no decoding (floor)".into(),
            unit: "µs/call".into(),
            value: typed / 1e3,
            baseline_value: floor / 1e3,
            ratio_of: "time / baseline time".into(),
            ratio: typed / floor,
            paired_ratio: Some(common::paired_ratio(&rounds[0], &rounds[2])),
            target: String::new(),
            met: None,
        });
    }
    let method = format!(
        "One call at a time on a single-threaded Tokio runtime that also runs the server, so \
         each figure is the CPU time of a call on both ends of the loopback connection (the \
         server's share is the same for all three clients) with no thread wake-up in between. \
         The server answers with a fixed body in the API's envelope (`success` first, then \
         `data` and `meta`): the spec's `get_client` example ({client_size} bytes), or a page \
         of {PAGE} appointments ({list_size} bytes). Keep-alive connections are \
         reused by all three clients. The typed call is `client.get_client().location_id(..).id(..).send()` \
         (or `get_appointment_list().location_id(..).page(1).count({PAGE}).send()`) with the limiter off; \
         the hand-written call sends the same headers with reqwest and decodes into `serde_json::Value` \
         (once as is, once with the same per-request timeout the crate sets, 30 s by default); \
         the floor sends the same request with hyper-util's pooled client and only reads the body. \
         Besides criterion's medians, the four are then run in {ROUNDS} interleaved rounds \
         (blocks of about {BLOCK:?} each, order rotating) and the target is judged on the median \
         of the per-round ratios, which slow spells of the shared machine skew far less."
    );
    common::write_results("per_call", "Per-call overhead", &method, &rows, started);
}
