//! Streaming paged lists: page after page, stopping at the right place.

mod common;
use altegio::mock::{MockResponse, MockServer};
use common::*;
use futures_util::TryStreamExt;
use serde_json::json;

/// Serves `total` locations, `per_page` at a time, from `?page=&count=`; `report_total`
/// adds `meta.total_count`, `extra_empty` answers an empty page after the last one.
fn serve_locations(server: &MockServer, total: usize, report_total: bool) {
    server.respond_with("get_location_list", move |req| {
        let q = req.query_pairs();
        let get = |k: &str| q.iter().find(|(n, _)| n == k).and_then(|(_, v)| v.parse::<usize>().ok());
        let (page, count) = (get("page").unwrap_or(1), get("count").unwrap_or(20));
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
    server.respond("get_location_list", MockResponse::json(403, json!({"success": false, "meta": {"message": "no"}})));
    let err = stream.try_next().await.unwrap_err();
    assert!(err.is_forbidden());
    assert!(stream.try_next().await.unwrap().is_none(), "the stream ends after an error");
}
