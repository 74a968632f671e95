//! Streaming paged lists: page after page, stopping at the right place.

mod common;
use altegio::ErrorKind;
use altegio::mock::{MockResponse, MockServer};
use common::*;
use futures_util::{StreamExt, TryStreamExt};
use serde_json::json;

/// Serves `total` locations, `per_page` at a time, from `?page=&count=`; `report_total`
/// adds `meta.total_count`.
fn serve_locations(server: &MockServer, total: usize, report_total: bool) {
    serve_capped(server, total, report_total, usize::MAX);
}

/// Like `serve_locations`, with pages of at most `cap` items whatever `count` asks (as
/// Altegio caps lists at 100, 200 or 300), counted from the capped size.
fn serve_capped(server: &MockServer, total: usize, report_total: bool, cap: usize) {
    server.respond_with(op::GET_LOCATION_LIST, move |req| {
        let q = req.query_pairs();
        let get = |k: &str| q.iter().find(|(n, _)| n == k).and_then(|(_, v)| v.parse::<usize>().ok());
        let (page, count) = (get("page").unwrap_or(1), get("count").unwrap_or(20).min(cap));
        let from = (page - 1) * count;
        let items: Vec<_> =
            (from..total.min(from + count)).map(|i| json!({"id": i.to_string(), "title": format!("L{i}")})).collect();
        let meta = if report_total { json!({"total_count": total}) } else { json!([]) };
        MockResponse::json(200, json!({"success": true, "data": items, "meta": meta}))
    });
}

async fn collect(server: &MockServer, per_page: i64) -> Vec<i64> {
    let client = partner_client(server);
    let stream = altegio::b2b::paginate(per_page, |page| client.get_location_list().page(page).count(per_page).send());
    stream.map_ok(|l| l.id.unwrap().get()).try_collect().await.unwrap()
}

fn pages_requested(server: &MockServer) -> Vec<String> {
    server.requests().iter().map(|r| r.query_pairs().into_iter().find(|(k, _)| k == "page").unwrap().1).collect()
}

#[tokio::test]
async fn stops_after_a_short_last_page() {
    let server = server().await;
    serve_locations(&server, 23, false);
    assert_eq!(collect(&server, 10).await, (0..23).collect::<Vec<_>>());
    assert_eq!(pages_requested(&server), vec!["1", "2", "3"]);
}

#[tokio::test]
async fn stops_after_an_empty_page() {
    let server = server().await;
    serve_locations(&server, 20, false);
    assert_eq!(collect(&server, 10).await.len(), 20);
    assert_eq!(pages_requested(&server), vec!["1", "2", "3"], "page 3 is empty");
}

#[tokio::test]
async fn stops_at_total_count_without_asking_for_an_empty_page() {
    let server = server().await;
    serve_locations(&server, 20, true);
    assert_eq!(collect(&server, 10).await.len(), 20);
    assert_eq!(pages_requested(&server), vec!["1", "2"]);
}

#[tokio::test]
async fn an_empty_list_is_one_request() {
    let server = server().await;
    serve_locations(&server, 0, true);
    assert!(collect(&server, 10).await.is_empty());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn pages_are_fetched_lazily_and_errors_end_the_stream() {
    let server = server().await;
    serve_locations(&server, 30, false);
    let client = partner_client(&server);
    let mut stream =
        Box::pin(altegio::b2b::paginate(10, |page| client.get_location_list().page(page).count(10).send()));
    for _ in 0..10 {
        stream.try_next().await.unwrap().unwrap();
    }
    assert_eq!(server.requests().len(), 1, "one page in memory, the next not fetched yet");
    server
        .respond(op::GET_LOCATION_LIST, MockResponse::json(403, json!({"success": false, "meta": {"message": "no"}})));
    let err = stream.try_next().await.unwrap_err();
    assert!(err.is_forbidden());
    assert!(stream.try_next().await.unwrap().is_none(), "the stream ends after an error");
}

fn ids(items: Vec<altegio::b2b::types::Location>) -> Vec<i64> {
    items.into_iter().map(|l| l.id.unwrap().get()).collect()
}

#[tokio::test]
async fn a_server_capping_pages_below_the_size_asked_for_still_yields_every_item() {
    let server = server().await;
    serve_capped(&server, 500, true, 50);
    let client = partner_client(&server);
    let all = client.get_location_list().count(100).stream().try_collect().await.unwrap();
    assert_eq!(ids(all), (0..500).collect::<Vec<_>>());
    assert_eq!(server.requests().len(), 10);
    // The same through `paginate` with two sizes that differ.
    let server = self::server().await;
    serve_locations(&server, 250, true);
    let client = partner_client(&server);
    let all: Vec<_> = altegio::b2b::paginate(100, |page| client.get_location_list().page(page).count(50).send())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(all), (0..250).collect::<Vec<_>>());
}

#[tokio::test]
async fn the_builder_streams_with_its_own_page_size_or_the_servers() {
    let server = server().await;
    serve_locations(&server, 45, false);
    let client = partner_client(&server);
    let all = client.get_location_list().count(10).stream().try_collect().await.unwrap();
    assert_eq!(ids(all), (0..45).collect::<Vec<_>>());
    assert_eq!(pages_requested(&server), vec!["1", "2", "3", "4", "5"]);
    // No size set: the first page tells the server's (20 here).
    server.reset();
    serve_locations(&server, 45, false);
    let pages: Vec<_> = client.get_location_list().pages().try_collect().await.unwrap();
    let shape: Vec<(i64, usize)> = pages.iter().map(|p| (p.number, p.items.len())).collect();
    assert_eq!(shape, vec![(1, 20), (2, 20), (3, 5)]);
}

#[tokio::test]
async fn a_list_that_ends_before_its_total_is_an_error_naming_the_counts() {
    let server = server().await;
    serve_locations(&server, 30, false);
    // Reports 45 but has 30.
    server.respond_with(op::GET_LOCATION_LIST, |req| {
        let page: usize = req.query_pairs().iter().find(|(k, _)| k == "page").unwrap().1.parse().unwrap();
        let items: Vec<_> = (0..30).skip((page - 1) * 10).take(10).map(|i| json!({"id": i, "title": "L"})).collect();
        MockResponse::json(200, json!({"success": true, "data": items, "meta": {"total_count": 45}}))
    });
    let client = partner_client(&server);
    let results: Vec<_> = client.get_location_list().count(10).stream().collect::<Vec<_>>().await;
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 30);
    let err = results.last().unwrap().as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Pagination);
    assert_eq!(err.operation(), Some("get_location_list"));
    let text = err.to_string();
    assert!(text.contains("30") && text.contains("45") && text.contains("page 4"), "{text}");
}

#[tokio::test]
async fn a_server_ignoring_the_page_number_ends_the_stream_with_an_error() {
    let server = server().await;
    // Every page is the first one, and the total is huge.
    server.respond_with(op::GET_LOCATION_LIST, |_| {
        let items: Vec<_> = (0..10).map(|i| json!({"id": i, "title": "L"})).collect();
        MockResponse::json(200, json!({"success": true, "data": items, "meta": {"total_count": 1_000_000_000}}))
    });
    let client = partner_client(&server);
    let results: Vec<_> = client.get_location_list().count(10).stream().collect::<Vec<_>>().await;
    assert_eq!(results.len(), 11, "ten items, then the error");
    let err = results[10].as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Pagination);
    assert!(err.to_string().contains("repeats page 1"), "{err}");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn more_pages_than_the_total_allows_end_the_stream_with_an_error() {
    let server = server().await;
    // New, full pages forever, each reporting a total just beyond what came so far.
    server.respond_with(op::GET_LOCATION_LIST, |req| {
        let page: i64 = req.query_pairs().iter().find(|(k, _)| k == "page").unwrap().1.parse().unwrap();
        let items: Vec<_> = (0..10).map(|i| json!({"id": page * 10 + i, "title": "L"})).collect();
        MockResponse::json(200, json!({"success": true, "data": items, "meta": {"total_count": page * 10 + 1}}))
    });
    let client = partner_client(&server);
    let results: Vec<_> = client.get_location_list().count(10).stream().collect::<Vec<_>>().await;
    let err = results.last().unwrap().as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Pagination);
    assert!(err.to_string().contains("past the"), "{err}");
    // A total of 11 at 10 per page allows 3 pages (a tenth more for growth, plus one).
    assert!(server.requests().len() <= 4, "{} pages", server.requests().len());
}
