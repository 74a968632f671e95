//! Fault injection: a local server that misbehaves on demand. Each scenario checks the
//! exact outcome, how many requests the server saw, and that it ends in bounded time.
//! Writes (POST, PUT, PATCH, DELETE) are never duplicated, whatever the fault.

mod common;
use altegio::b2b::types;
use altegio::{Client, ErrorKind, RetryPolicy};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one connection.
#[derive(Clone, Debug)]
enum Fault {
    /// Answer with this status, extra headers and body.
    Reply(u16, Vec<(&'static str, String)>, Vec<u8>),
    /// Close the connection before reading anything.
    CloseBeforeRequest,
    /// Read the whole request, then close without answering.
    CloseAfterRequest,
    /// Read the whole request and never answer.
    Stall,
}

fn json(status: u16, body: &str) -> Fault {
    Fault::Reply(status, vec![("content-type", "application/json".into())], body.as_bytes().to_vec())
}

const OK_LOCATION: &str = r#"{"success": true, "data": {"id": 1, "title": "Main"}, "meta": []}"#;
const ERR: &str = r#"{"success": false, "data": null, "meta": {"message": "Try later"}}"#;

/// A server that plays a script of faults, one per connection; once the script is used
/// up, it answers `OK_LOCATION`.
struct FaultServer {
    url: String,
    /// Requests that arrived complete (head and body).
    seen: Arc<Mutex<Vec<(String, Instant)>>>,
}

impl FaultServer {
    async fn start(script: Vec<Fault>) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/api/v1", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new(VecDeque::from(script)));
        let seen2 = seen.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { return };
                let fault = script.lock().unwrap().pop_front().unwrap_or_else(|| json(200, OK_LOCATION));
                let seen = seen2.clone();
                tokio::spawn(serve(stream, fault, seen));
            }
        });
        FaultServer { url, seen }
    }

    fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    fn client(&self, policy: RetryPolicy) -> Client {
        Client::builder("partner")
            .user_token("user")
            .base_url(&self.url)
            .no_rate_limit()
            .timeout(Duration::from_millis(300))
            .retry(policy)
            .build()
            .unwrap()
    }
}

async fn serve(mut stream: TcpStream, fault: Fault, seen: Arc<Mutex<Vec<(String, Instant)>>>) {
    if matches!(fault, Fault::CloseBeforeRequest) {
        drop(stream);
        return;
    }
    // Read the head, then the body by Content-Length.
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let Ok(n) = stream.read(&mut chunk).await else { return };
        if n == 0 {
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let len: usize = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
        .unwrap_or(0);
    while buf.len() < head_end + len {
        let Ok(n) = stream.read(&mut chunk).await else { return };
        if n == 0 {
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let request_line = head.lines().next().unwrap_or_default().to_string();
    seen.lock().unwrap().push((request_line, Instant::now()));
    match fault {
        Fault::Reply(status, headers, body) => {
            let mut out = format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n", body.len());
            for (k, v) in headers {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
            out.push_str("\r\n");
            let _ = stream.write_all(out.as_bytes()).await;
            let _ = stream.write_all(&body).await;
            let _ = stream.shutdown().await;
        }
        Fault::CloseAfterRequest => drop(stream),
        Fault::Stall => tokio::time::sleep(Duration::from_secs(30)).await,
        Fault::CloseBeforeRequest => {}
    }
}

fn quick_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts: attempts,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_secs(2),
        max_elapsed: Duration::from_secs(5),
    }
}

async fn get(server: &FaultServer, policy: RetryPolicy) -> altegio::Result<()> {
    server.client(policy).get_location().location_id(1).send().await.map(|_| ())
}

/// One write per non-idempotent method.
async fn write(server: &FaultServer, method: &str) -> altegio::Result<()> {
    let c = server.client(quick_retries(3));
    match method {
        "POST" => c.create_location().body(types::LocationCreate::default()).send().await.map(|_| ()),
        "PUT" => c.update_location().location_id(1).body(types::LocationUpdate::default()).send().await.map(|_| ()),
        "DELETE" => c.delete_location().location_id(1).send().await.map(|_| ()),
        "PATCH" => {
            let body: types::OnlineBookingSettingsUpdate = serde_json::from_value(serde_json::json!({
                "activity_online_record_clients_count_max": 1, "any_master": true, "confirm_number": false, "seance_delay_step": 900
            }))
            .expect("a valid settings body");
            c.update_online_booking_settings().location_id(1).body(body).send().await.map(|_| ())
        }
        _ => unreachable!(),
    }
}

#[tokio::test]
async fn status_429_with_retry_after_is_waited_for_then_retried() {
    let s = FaultServer::start(vec![Fault::Reply(429, vec![("retry-after", "1".into())], ERR.into())]).await;
    let t = Instant::now();
    get(&s, quick_retries(3)).await.unwrap();
    assert_eq!(s.count(), 2);
    let gap = {
        let seen = s.seen.lock().unwrap();
        seen[1].1 - seen[0].1
    };
    assert!(gap >= Duration::from_millis(950), "waited {gap:?}");
    assert!(t.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn status_429_without_retry_after_backs_off_then_retries() {
    let s = FaultServer::start(vec![json(429, ERR)]).await;
    get(&s, quick_retries(3)).await.unwrap();
    assert_eq!(s.count(), 2);
}

#[tokio::test]
async fn a_retry_after_beyond_the_budget_ends_with_the_429() {
    let s = FaultServer::start(vec![Fault::Reply(429, vec![("retry-after", "120".into())], ERR.into())]).await;
    let t = Instant::now();
    let err = get(&s, quick_retries(3)).await.unwrap_err();
    assert!(err.is_rate_limited());
    assert_eq!(err.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!((s.count(), err.attempts()), (1, 1));
    assert!(t.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn status_500_is_not_retried() {
    let s = FaultServer::start(vec![json(500, ERR)]).await;
    let err = get(&s, quick_retries(3)).await.unwrap_err();
    assert!(err.is_server_error());
    assert_eq!((s.count(), err.attempts()), (1, 1));
}

#[tokio::test]
async fn status_502_503_504_once_then_success() {
    for status in [502, 503, 504] {
        let s = FaultServer::start(vec![json(status, ERR)]).await;
        get(&s, quick_retries(3)).await.unwrap();
        assert_eq!(s.count(), 2, "HTTP {status}");
    }
}

#[tokio::test]
async fn a_burst_longer_than_the_budget_reports_every_attempt() {
    let s = FaultServer::start(vec![json(503, ERR), json(503, ERR), json(503, ERR), json(503, ERR)]).await;
    let t = Instant::now();
    let err = get(&s, quick_retries(3)).await.unwrap_err();
    assert!(err.is_server_error());
    assert_eq!((s.count(), err.attempts()), (3, 3));
    assert!(err.to_string().contains("after 3 attempts"), "{err}");
    assert!(t.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn an_html_502_page_is_a_server_error_with_an_excerpt() {
    let page = b"<html><body><h1>502 Bad Gateway</h1></body></html>".to_vec();
    let s = FaultServer::start(vec![Fault::Reply(502, vec![("content-type", "text/html".into())], page)]).await;
    let err = get(&s, RetryPolicy::none()).await.unwrap_err();
    assert!(err.is_server_error());
    assert_eq!(err.status().map(|s| s.as_u16()), Some(502));
    assert!(err.body_excerpt().unwrap().contains("502 Bad Gateway"));
    assert_eq!(s.count(), 1);
}

#[tokio::test]
async fn a_connection_closed_before_the_request_is_retried_for_reads() {
    let s = FaultServer::start(vec![Fault::CloseBeforeRequest]).await;
    get(&s, quick_retries(3)).await.unwrap();
    assert_eq!(s.count(), 1, "only the successful attempt arrived");
}

#[tokio::test]
async fn a_connection_closed_after_the_request_is_retried_for_reads() {
    let s = FaultServer::start(vec![Fault::CloseAfterRequest]).await;
    get(&s, quick_retries(3)).await.unwrap();
    assert_eq!(s.count(), 2);
}

#[tokio::test]
async fn a_stalled_reply_times_out_and_reads_are_retried_within_bounds() {
    let s = FaultServer::start(vec![Fault::Stall, Fault::Stall, Fault::Stall]).await;
    let t = Instant::now();
    let err = get(&s, quick_retries(3)).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!((s.count(), err.attempts()), (3, 3));
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
}

#[tokio::test]
async fn a_deadline_bounds_the_whole_call_with_its_retries() {
    let s = FaultServer::start(vec![Fault::Stall; 5]).await;
    let client = s.client(quick_retries(5));
    let per_attempt = altegio::CallOptions::new().timeout(Duration::from_millis(100));
    // Without a deadline: five attempts of 100 ms and the waits between them.
    let t = Instant::now();
    let err = client.get_location().location_id(1).send_with(per_attempt.clone()).await.unwrap_err();
    assert!(err.is_timeout() && err.attempts() == 5, "{err:?}");
    assert!(t.elapsed() >= Duration::from_millis(500), "{:?}", t.elapsed());
    // With one, the call ends when it passes, wherever it is.
    let s = FaultServer::start(vec![Fault::Stall; 5]).await;
    let client = s.client(quick_retries(5));
    let t = Instant::now();
    let err = client
        .get_location()
        .location_id(1)
        .send_with(per_attempt.deadline(Duration::from_millis(250)))
        .await
        .unwrap_err();
    let took = t.elapsed();
    assert!(err.is_timeout(), "{err:?}");
    assert!(err.to_string().contains("deadline"), "{err}");
    assert!((2..=3).contains(&err.attempts()), "{err:?}");
    assert!(took >= Duration::from_millis(250) && took < Duration::from_millis(400), "{took:?}");
}

#[tokio::test]
async fn malformed_replies_are_decode_errors_and_not_retried() {
    for (body, what) in [
        (r#"{"success": true, "data": {"id": 1, "ti"#, "truncated JSON"),
        ("", "empty body"),
        (r#"{"success": true, "data": {"id": "one"}}"#, "does not fit the schema"),
    ] {
        let s = FaultServer::start(vec![json(200, body)]).await;
        let err = get(&s, quick_retries(3)).await.unwrap_err();
        assert!(err.is_decode(), "{what}: {err:?}");
        assert_eq!(s.count(), 1, "{what}");
    }
}

#[tokio::test]
async fn success_false_with_200_is_an_api_error() {
    let s = FaultServer::start(vec![json(200, ERR)]).await;
    let err = get(&s, quick_retries(3)).await.unwrap_err();
    assert_eq!((err.kind(), err.message()), (ErrorKind::OtherApi, Some("Try later")));
    assert_eq!(s.count(), 1);
}

#[tokio::test]
async fn an_oversized_error_page_does_not_spoil_the_next_attempt_or_the_kind() {
    let page = format!("<html>{}</html>", "x".repeat(64 * 1024));
    let html = |status| Fault::Reply(status, vec![("content-type", "text/html".into())], page.clone().into_bytes());
    let client = |s: &FaultServer, policy| {
        Client::builder("p").base_url(&s.url).no_rate_limit().max_body_size(4 * 1024).retry(policy).build().unwrap()
    };
    // A 503 whose page is over the limit, retried, then a 200: the call succeeds.
    let s = FaultServer::start(vec![html(503)]).await;
    let reply = client(&s, quick_retries(3)).get_location().location_id(1).send().await;
    assert!(reply.is_ok(), "{reply:?}");
    assert_eq!(s.count(), 2);
    // A 429 with an oversized page is still a rate limit, not a decode error.
    let s = FaultServer::start(vec![html(429)]).await;
    let err = client(&s, RetryPolicy::none()).get_location().location_id(1).send().await.unwrap_err();
    assert!(err.is_rate_limited(), "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
}

#[tokio::test]
async fn a_request_that_cannot_be_built_is_not_retried_and_takes_no_slot() {
    let s = FaultServer::start(vec![]).await;
    // One request per 10 s: a second slot taken would make the next call wait.
    let limiter = std::sync::Arc::new(altegio::RateLimiter::new(&[(1, Duration::from_secs(10))]));
    let client = Client::builder("p").base_url(&s.url).rate_limiter(limiter).retry(quick_retries(3)).build().unwrap();
    let huge = "1".repeat(70 * 1024); // past the longest URI a request may have
    let err = client.phone_number_format_check().phone(huge.as_str()).send().await.unwrap_err();
    assert_eq!(err.attempts(), 1, "{err:?}");
    assert!(!err.to_string().contains("after 3 attempts"), "{err}");
    assert_eq!(s.count(), 0);
    let started = Instant::now();
    client.get_location().location_id(1).send().await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(2), "the failed call took a limiter slot");
}

#[tokio::test]
async fn retry_after_beyond_any_clock_neither_panics_nor_is_ignored() {
    let huge = |v: &str| Fault::Reply(429, vec![("retry-after", v.into())], ERR.into());
    // Past u64: as long as can be, so the default policy stops at once instead of retrying.
    for v in ["18446744073709551616", "18446744073709551615", "999999"] {
        let s = FaultServer::start(vec![huge(v)]).await;
        let started = Instant::now();
        let err = get(&s, quick_retries(3)).await.unwrap_err();
        assert!(err.is_rate_limited() && err.attempts() == 1, "{v}: {err:?}");
        assert!(started.elapsed() < Duration::from_secs(1), "{v}");
    }
    // A policy without bounds honours it: the call waits (and does not panic).
    let s = FaultServer::start(vec![huge("18446744073709551615")]).await;
    let unbounded = RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::MAX,
        max_elapsed: Duration::MAX,
    };
    let waited = tokio::time::timeout(Duration::from_millis(300), get(&s, unbounded)).await;
    assert!(waited.is_err(), "the call should still be waiting: {waited:?}");
    assert_eq!(s.count(), 1);
}

#[tokio::test]
async fn a_very_large_body_is_cut_at_the_limit() {
    let mut big = br#"{"success": true, "data": {"title": ""#.to_vec();
    big.extend(std::iter::repeat_n(b'x', 8 * 1024 * 1024));
    big.extend(br#""}}"#);
    let s = FaultServer::start(vec![json(200, std::str::from_utf8(&big).unwrap())]).await;
    let client = Client::builder("p").base_url(&s.url).no_rate_limit().max_body_size(1024 * 1024).build().unwrap();
    let err = client.get_location().location_id(1).send().await.unwrap_err();
    assert!(err.is_decode(), "{err:?}");
    assert!(err.to_string().contains("larger than"), "{err}");
    // Within the limit, the same body decodes.
    let s = FaultServer::start(vec![json(200, std::str::from_utf8(&big).unwrap())]).await;
    let client = Client::builder("p").base_url(&s.url).no_rate_limit().build().unwrap();
    let reply = client.get_location().location_id(1).send().await.unwrap();
    assert_eq!(reply.data.as_ref().unwrap().title.as_ref().map(String::len), Some(8 * 1024 * 1024));
}

#[tokio::test]
async fn writes_are_never_duplicated_under_any_fault() {
    // A 429 is not among them: the server refused the request before doing anything, so
    // any method goes again (see `a_refused_write_is_sent_again_after_a_429`).
    let faults: Vec<(&str, Fault)> = vec![
        ("500", json(500, ERR)),
        ("502", json(502, ERR)),
        ("503", json(503, ERR)),
        ("504", json(504, ERR)),
        ("closed after the request", Fault::CloseAfterRequest),
        ("stalled", Fault::Stall),
    ];
    for method in ["POST", "PUT", "PATCH", "DELETE"] {
        for (name, fault) in &faults {
            let s = FaultServer::start(vec![fault.clone()]).await;
            let err = write(&s, method).await.unwrap_err();
            assert_eq!(s.count(), 1, "{method} under `{name}` reached the server {} times", s.count());
            assert_eq!(err.attempts(), 1, "{method} under `{name}`");
        }
        // Closed before the request arrived: still not retried, since the client cannot
        // know how much of it the server read.
        let s = FaultServer::start(vec![Fault::CloseBeforeRequest]).await;
        assert!(write(&s, method).await.unwrap_err().is_transport());
        assert_eq!(s.count(), 0);
    }
}

#[tokio::test]
async fn a_refused_write_is_sent_again_after_a_429() {
    for method in ["POST", "PUT", "PATCH", "DELETE"] {
        for fault in [json(429, ERR), Fault::Reply(429, vec![("retry-after", "0".into())], ERR.into())] {
            let s = FaultServer::start(vec![fault]).await;
            // The script's end answers 200 with a location, which no write decodes: the
            // point is that the second attempt went out, once.
            let _ = write(&s, method).await;
            assert_eq!(s.count(), 2, "{method} after a 429");
        }
    }
}

#[tokio::test]
async fn a_write_is_retried_only_when_the_connection_never_opened() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client = Client::builder("p")
        .user_token("u")
        .base_url(format!("http://127.0.0.1:{port}/api/v1"))
        .no_rate_limit()
        .retry(quick_retries(3))
        .build()
        .unwrap();
    let t = Instant::now();
    let err = client.create_location().body(types::LocationCreate::default()).send().await.unwrap_err();
    assert!(err.is_transport(), "{err:?}");
    assert_eq!(err.attempts(), 3, "connection refused: nothing was sent, so retrying is safe");
    assert!(t.elapsed() < Duration::from_secs(2));
}
