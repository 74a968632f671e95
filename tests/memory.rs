//! Memory taken by replies that promise more than they send. Alone in its test binary,
//! so the counting allocator sees this scenario only.

mod common;
use common::*;
use peak_alloc::PeakAlloc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

#[tokio::test]
async fn buffers_grow_with_what_arrives_not_with_what_the_header_promises() {
    // Twenty replies each announce 32 MiB (the default body limit), send a few bytes and
    // stall.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/api/v1", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 8192];
                let _ = stream.read(&mut buf).await;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 33554432\r\n\r\n";
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(br#"{"success": true, "data": ["#).await;
                tokio::time::sleep(Duration::from_secs(30)).await;
            });
        }
    });
    let client = altegio::Client::builder(PARTNER)
        .base_url(&url)
        .no_rate_limit()
        .timeout(Duration::from_millis(800))
        .retry(altegio::RetryPolicy::none())
        .build()
        .unwrap();
    let before = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let calls = (0..20).map(|_| client.get_location().location_id(1).send());
    for r in futures_util::future::join_all(calls).await {
        assert!(r.unwrap_err().is_timeout());
    }
    let peak = HEAP.peak_usage().saturating_sub(before);
    // The old code reserved the announced 32 MiB per reply (640 MiB); what arrived is a
    // few dozen bytes each, plus connections and buffers of ordinary size.
    assert!(peak < 16 * 1024 * 1024, "peak heap {} KiB for 20 stalled replies", peak / 1024);
}
