//! The client-side rate limiter, proved by the request times the server saw.

mod common;
use altegio::{Client, RateLimiter};
use common::*;
use std::sync::Arc;
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
    limiter.acquire().await;
    // The second permit never comes; the point is that asking for it does not panic.
    let second = tokio::time::timeout(std::time::Duration::from_millis(100), limiter.acquire()).await;
    assert!(second.is_err(), "a second permit within an endless window");
}
