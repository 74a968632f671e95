//! The client-side rate limiter, proved by the request times the server saw.

mod common;
use altegio::mock::MockResponse;
use altegio::{Client, RateLimiter};
use common::*;
use serde_json::json;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The most requests seen within any window of `len`.
fn busiest(times: &[Instant], len: Duration) -> usize {
    times.iter().map(|start| times.iter().filter(|t| **t >= *start && **t - *start < len).count()).max().unwrap_or(0)
}

#[tokio::test]
async fn clients_sharing_a_limiter_stay_within_both_windows() {
    // Altegio's 5/s and 200/min, scaled down so that the test takes seconds.
    let (short, long) = (Duration::from_millis(300), Duration::from_millis(2400));
    let limiter = Arc::new(RateLimiter::new(&[(5, short), (20, long)]));
    let server = server().await;
    let clients: Vec<Client> = (0..3)
        .map(|_| Client::builder(PARTNER).base_url(server.url()).rate_limiter(limiter.clone()).build().unwrap())
        .collect();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, c) in clients.iter().enumerate() {
        for _ in 0..3 {
            let c = c.clone();
            tasks.push(tokio::spawn(async move {
                for _ in 0..3 {
                    c.get_location().location_id(i as i64).send().await.unwrap();
                }
            }));
        }
    }
    for t in tasks {
        t.await.unwrap();
    }
    let elapsed = started.elapsed();
    let times: Vec<Instant> = server.requests().iter().map(|r| r.at).collect();
    assert_eq!(times.len(), 27);
    // A few milliseconds of slack for the trip from client to server.
    let slack = Duration::from_millis(15);
    assert!(busiest(&times, short - slack) <= 5, "short window: {}", busiest(&times, short - slack));
    assert!(busiest(&times, long - slack) <= 20, "long window: {}", busiest(&times, long - slack));
    // 27 requests with at most 20 per 2.4 s: the last ones had to wait for the long window.
    assert!(elapsed >= long - slack, "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
}

#[tokio::test]
async fn without_a_limiter_a_burst_goes_out_at_once() {
    let server = server().await;
    let client = partner_client(&server);
    let started = Instant::now();
    let calls = (0..12).map(|_| client.get_location().location_id(1).send());
    for r in futures_util::future::join_all(calls).await {
        r.unwrap();
    }
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(server.requests().len(), 12);
}

#[test]
fn the_default_limiter_is_altegios_and_shared() {
    assert_eq!(RateLimiter::shared().limits(), &altegio::b2b::RATE_LIMITS);
    assert!(Arc::ptr_eq(&RateLimiter::shared(), &RateLimiter::shared()));
}

#[tokio::test]
async fn a_window_as_long_as_the_clock_allows_waits_instead_of_panicking() {
    let limiter = RateLimiter::new(&[(1, std::time::Duration::MAX)]);
    let _first = limiter.acquire().await;
    // The second permit never comes; the point is that asking for it does not panic.
    let second = tokio::time::timeout(std::time::Duration::from_millis(100), limiter.acquire()).await;
    assert!(second.is_err(), "a second permit within an endless window");
}

/// A server that counts each request when it "arrives": after a pseudo-random delay of up
/// to `max_delay` (what a pool wait, a cold connection or a slow network add on the way),
/// like a server at the far end of a real network. It answers `get_location` with the
/// spec's example.
async fn counting_server(max_delay: Duration) -> (String, Arc<Mutex<Vec<Instant>>>) {
    use http_body_util::Full;
    use hyper::service::service_fn;
    let body: &'static str =
        altegio::b2b::operations::find("get_location").and_then(|o| o.example).expect("an example");
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api/v1", listener.local_addr().unwrap());
    let seen = arrivals.clone();
    let counter = Arc::new(AtomicU64::new(0x9E37_79B9_7F4A_7C15));
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else { return };
            let (seen, counter) = (seen.clone(), counter.clone());
            tokio::spawn(async move {
                let service = service_fn(move |_req| {
                    let (seen, counter) = (seen.clone(), counter.clone());
                    async move {
                        // xorshift over a shared counter: delays differ per request.
                        let mut x = counter.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
                        x ^= x >> 31;
                        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
                        x ^= x >> 29;
                        let delay = max_delay.mul_f64((x % 1000) as f64 / 1000.0);
                        tokio::time::sleep(delay).await;
                        seen.lock().unwrap().push(Instant::now());
                        let mut reply = hyper::Response::new(Full::new(bytes::Bytes::from_static(body.as_bytes())));
                        reply.headers_mut().insert("content-type", "application/json".parse().unwrap());
                        Ok::<_, std::convert::Infallible>(reply)
                    }
                });
                let io = hyper_util::rt::TokioIo::new(stream);
                let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, service).await;
            });
        }
    });
    (url, arrivals)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counted_at_the_server_no_window_ever_holds_more_than_the_limit() {
    // 1,000 concurrent calls over 8 clients sharing one limiter; requests take up to 40 ms
    // to arrive, differently each time. Scaled-down limits keep the test short.
    let (short, long) = (Duration::from_millis(100), Duration::from_millis(500));
    let limiter = Arc::new(RateLimiter::new(&[(50, short), (250, long)]));
    let (url, arrivals) = counting_server(Duration::from_millis(40)).await;
    let clients: Vec<Client> = (0..8)
        .map(|_| Client::builder(PARTNER).base_url(&url).rate_limiter(limiter.clone()).build().unwrap())
        .collect();
    let calls = (0..1000).map(|i| {
        let c = clients[i % 8].clone();
        async move { c.get_location().location_id(1).send().await.map(|_| ()) }
    });
    for r in futures_util::future::join_all(calls).await {
        r.unwrap();
    }
    let times = arrivals.lock().unwrap().clone();
    assert_eq!(times.len(), 1000);
    // No slack: the server's clock is the client's, and each arrival lies between the
    // grant and the reply.
    assert!(busiest(&times, short) <= 50, "{} within {short:?}", busiest(&times, short));
    assert!(busiest(&times, long) <= 250, "{} within {long:?}", busiest(&times, long));
}

#[tokio::test]
async fn a_bulk_job_runs_close_to_the_budget() {
    // The sustained rate is measured in `benches/` (BENCHMARKS.md); this only catches a
    // limiter that crawls: 200 calls at 20 per 100 ms ideally take 900 ms.
    let limiter = Arc::new(RateLimiter::new(&[(20, Duration::from_millis(100))]));
    let server = server().await;
    let client = Client::builder(PARTNER).base_url(server.url()).rate_limiter(limiter).build().unwrap();
    let started = Instant::now();
    let calls = (0..200).map(|_| client.get_location().location_id(1).send());
    for r in futures_util::future::join_all(calls).await {
        r.unwrap();
    }
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(900), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(1800), "{elapsed:?}");
}

#[tokio::test]
async fn a_429_is_retried_for_any_method_and_holds_back_every_sharer() {
    let server = server().await;
    let refused = Arc::new(AtomicUsize::new(0));
    let r = refused.clone();
    server.respond_with(op::CREATE_CLIENT, move |_| {
        if r.fetch_add(1, Ordering::SeqCst) == 0 {
            MockResponse::json(429, json!({"success": false, "data": null, "meta": {"message": "Too many requests"}}))
                .header("Retry-After", "1")
        } else {
            MockResponse::json(201, json!({"success": true, "data": {"id": 9, "name": "Ada"}, "meta": []}))
        }
    });
    let limiter = Arc::new(RateLimiter::new(&[(100, Duration::from_secs(1))]));
    let writer =
        Client::builder(PARTNER).user_token(USER).base_url(server.url()).rate_limiter(limiter.clone()).build().unwrap();
    let reader = Client::builder(PARTNER).base_url(server.url()).rate_limiter(limiter).build().unwrap();
    let write = tokio::spawn(async move {
        writer
            .create_client()
            .location_id(1)
            .body(
                altegio::b2b::types::builder::ClientCreate::default()
                    .name("Ada".to_string())
                    .phone("+13155550175".to_string()),
            )
            .send()
            .await
    });
    // Once the 429 is in, a call of another client sharing the limiter waits too.
    while server.requests_for(op::CREATE_CLIENT).is_empty() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    let refused_at = server.requests_for(op::CREATE_CLIENT)[0].at;
    reader.get_location().location_id(1).send().await.unwrap();
    let created = write.await.unwrap().unwrap();
    assert_eq!(created.status().as_u16(), 201);
    let posts = server.requests_for(op::CREATE_CLIENT);
    assert_eq!(posts.len(), 2, "the refused POST is sent once more");
    let read_at = server.requests_for(op::GET_LOCATION)[0].at;
    assert!(read_at - refused_at >= Duration::from_millis(950), "the sharer waited {:?}", read_at - refused_at);
    assert!(posts[1].at - refused_at >= Duration::from_millis(950));
}

/// A limiter of the user's own: counts grants and releases, records hold-offs, and
/// refuses when told to.
#[derive(Debug, Default)]
struct OwnLimiter {
    granted: AtomicUsize,
    released: Arc<AtomicUsize>,
    refuse: std::sync::atomic::AtomicBool,
    held_off: Mutex<Vec<Duration>>,
}

struct OwnSlot(Arc<AtomicUsize>);

impl Drop for OwnSlot {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

impl altegio::Limiter for OwnLimiter {
    fn acquire(&self) -> futures_util::future::BoxFuture<'_, Result<altegio::RatePermit, altegio::LimiterError>> {
        Box::pin(async move {
            if self.refuse.load(Ordering::SeqCst) {
                return Err("the budget service is down".into());
            }
            self.granted.fetch_add(1, Ordering::SeqCst);
            Ok(altegio::RatePermit::new(OwnSlot(self.released.clone())))
        })
    }

    fn hold_off(&self, wait: Duration) -> futures_util::future::BoxFuture<'_, ()> {
        self.held_off.lock().unwrap().push(wait);
        Box::pin(async {})
    }
}

#[tokio::test]
async fn a_limiter_of_ones_own_plugs_in() {
    let server = server().await;
    let seen = Arc::new(AtomicUsize::new(0));
    let s = seen.clone();
    server.respond_with(op::GET_LOCATION, move |_| {
        if s.fetch_add(1, Ordering::SeqCst) == 0 {
            MockResponse::json(429, json!({"success": false, "data": null, "meta": {"message": "Too many requests"}}))
                .header("Retry-After", "0")
        } else {
            MockResponse::json(200, json!({"success": true, "data": {"id": 1}, "meta": []}))
        }
    });
    let limiter = Arc::new(OwnLimiter::default());
    let client = Client::builder(PARTNER).base_url(server.url()).rate_limiter(limiter.clone()).build().unwrap();
    client.get_location().location_id(1).send().await.unwrap();
    // The 429 and its retry: two permits, both released once the replies were in, and
    // the 429 held the limiter off.
    assert_eq!(limiter.granted.load(Ordering::SeqCst), 2);
    assert_eq!(limiter.released.load(Ordering::SeqCst), 2);
    assert_eq!(*limiter.held_off.lock().unwrap(), vec![Duration::ZERO]);
    // A limiter that cannot grant ends the call with its reason, and nothing is sent.
    limiter.refuse.store(true, Ordering::SeqCst);
    let e = client.get_location().location_id(1).send().await.unwrap_err();
    assert_eq!(e.kind(), altegio::ErrorKind::LimiterUnavailable, "{e}");
    assert!(e.to_string().contains("the budget service is down"), "{e}");
    assert_eq!(server.requests().len(), 2);
}
