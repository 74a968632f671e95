//! Every error shape of the API, as the server sends it, mapped to the right error.

mod common;
use altegio::ErrorKind;
use altegio::mock::MockResponse;
use common::*;
use serde_json::json;
use std::time::{Duration, Instant};

async fn get_location_error(response: MockResponse) -> altegio::Error {
    let server = server().await;
    server.respond(op::GET_LOCATION, response);
    // One attempt, so that retryable statuses show their mapping directly.
    let options = altegio::CallOptions::new().retry(altegio::RetryPolicy::none());
    let err = user_client(&server).get_location().location_id(1).send_with(options).await.unwrap_err();
    assert_eq!(err.operation(), Some("get_location"));
    assert_eq!(err.attempts(), 1);
    err
}

fn envelope(message: &str) -> serde_json::Value {
    json!({"success": false, "data": null, "meta": {"message": message}})
}

#[tokio::test]
async fn status_codes_map_to_kinds_and_keep_the_message() {
    for (status, kind) in [
        (401, ErrorKind::Unauthorized),
        (402, ErrorKind::Forbidden),
        (403, ErrorKind::Forbidden),
        (404, ErrorKind::NotFound),
        (400, ErrorKind::Validation),
        (422, ErrorKind::Validation),
        (409, ErrorKind::Conflict),
        (429, ErrorKind::RateLimited),
        (500, ErrorKind::Server),
        (503, ErrorKind::Server),
        (418, ErrorKind::OtherApi),
    ] {
        let err = get_location_error(MockResponse::json(status, envelope("Something is off"))).await;
        assert_eq!(err.kind(), kind, "HTTP {status}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(err.message(), Some("Something is off"));
        assert!(err.is_api());
        assert!(err.to_string().starts_with("get_location: "), "{err}");
        assert!(err.to_string().contains(&format!("HTTP {status}")), "{err}");
    }
}

#[tokio::test]
async fn validation_errors_keep_the_field_map() {
    let body = json!({"success": false, "data": null, "meta": {"message": "Invalid filter value", "errors": {"filters": ["unknown filter"], "phone": ["too short", "not a number"]}}});
    let err = get_location_error(MockResponse::json(400, body)).await;
    assert!(err.is_validation());
    assert_eq!(err.field_errors()["phone"], vec!["too short", "not a number"]);
    assert!(err.to_string().contains("phone: too short, not a number"), "{err}");
}

#[tokio::test]
async fn other_error_shapes_are_read() {
    let err =
        get_location_error(MockResponse::json(401, json!({"errors": {"message": "Partner not found", "code": 401}})))
            .await;
    assert!(err.is_unauthorized());
    assert_eq!(err.message(), Some("Partner not found"));

    let err = get_location_error(MockResponse::json(
        401,
        json!({"error_code": 20, "error_message": "invalid partner token"}),
    ))
    .await;
    assert_eq!((err.error_code(), err.message()), (Some(20), Some("invalid partner token")));

    let err = get_location_error(MockResponse::json(
        400,
        json!({"error_code": 10, "errors": [{"field_name": "phone", "field_value": "12", "error_message": "bad phone"}]}),
    ))
    .await;
    assert!(err.is_validation());
    assert_eq!(err.error_code(), Some(10));
    assert_eq!(err.field_errors()["phone"], vec!["bad phone"]);

    let err = get_location_error(MockResponse::json(
        409,
        json!({"success": false, "data": null, "meta": {"message": "The team member is busy", "conflict": true}}),
    ))
    .await;
    assert!(err.is_conflict());

    let err = get_location_error(MockResponse::json(
        422,
        json!({"success": false, "meta": {"message": "Time taken"}, "error_code": 433}),
    ))
    .await;
    assert_eq!((err.kind(), err.error_code()), (ErrorKind::Validation, Some(433)));
}

#[tokio::test]
async fn success_false_with_http_200_is_an_error() {
    let err = get_location_error(MockResponse::json(200, envelope("Location is blocked"))).await;
    assert_eq!(err.kind(), ErrorKind::OtherApi);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(err.message(), Some("Location is blocked"));
    // Also when the rest of the body would decode fine.
    let err = get_location_error(MockResponse::json(200, json!({"success": "0", "data": {"id": 1}, "meta": []}))).await;
    assert_eq!(err.kind(), ErrorKind::OtherApi);
    // And for operations without a typed body.
    let server = server().await;
    server.respond(op::DELETE_LOCATION, MockResponse::json(202, envelope("Cannot delete")));
    let err = user_client(&server).delete_location().location_id(1).send().await.unwrap_err();
    assert_eq!((err.kind(), err.message()), (ErrorKind::OtherApi, Some("Cannot delete")));
}

#[tokio::test]
async fn rate_limit_keeps_retry_after() {
    let err =
        get_location_error(MockResponse::json(429, envelope("Too many requests")).header("retry-after", "3")).await;
    assert!(err.is_rate_limited());
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3)));
}

#[tokio::test]
async fn an_html_error_page_keeps_status_and_excerpt() {
    let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n".repeat(20);
    let err = get_location_error(MockResponse::raw(502, "text/html", page)).await;
    assert!(err.is_server_error());
    assert_eq!(err.status().map(|s| s.as_u16()), Some(502));
    let ex = err.body_excerpt().unwrap();
    assert!(ex.contains("502 Bad Gateway") && ex.chars().count() <= 301, "{ex}");
    assert!(!ex.contains('\n'));
}

#[tokio::test]
async fn a_reply_that_does_not_fit_the_schema_names_operation_path_and_body() {
    let body =
        json!({"success": true, "data": {"title": "Ok", "bookforms": [{"id": 1}, {"id": "not-a-number"}]}, "meta": []});
    let err = get_location_error(MockResponse::json(200, body)).await;
    assert!(err.is_decode(), "{err:?}");
    assert_eq!(err.json_path(), Some("data.bookforms[1].id"));
    assert!(err.body_excerpt().unwrap().contains("not-a-number"));
    let text = err.to_string();
    assert!(
        text.contains("get_location") && text.contains("data.bookforms[1].id") && text.contains("not-a-number"),
        "{text}"
    );
}

#[tokio::test]
async fn broken_bodies_are_decode_errors() {
    for body in ["", "{\"success\": true, \"data\": {\"id\": 1", "not json at all", "[1, 2"] {
        let err = get_location_error(MockResponse::raw(200, "application/json", body)).await;
        assert!(err.is_decode(), "{body:?}: {err:?}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
    }
}

#[tokio::test]
async fn an_undocumented_status_is_unexpected() {
    let err = get_location_error(MockResponse::raw(302, "text/plain", "moved").header("location", "/elsewhere")).await;
    assert_eq!(err.kind(), ErrorKind::Unexpected);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(302));
}

#[tokio::test]
async fn a_slow_reply_times_out() {
    let server = server().await;
    server.respond(
        op::GET_LOCATION,
        MockResponse::json(200, json!({"success": true, "data": {}})).delay(Duration::from_secs(3)),
    );
    let client = user_client(&server);
    let started = Instant::now();
    let err = client
        .get_location()
        .location_id(1)
        .send_with(altegio::CallOptions::new().timeout(Duration::from_millis(200)))
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    let client =
        altegio::Client::builder(PARTNER).base_url(server.url()).timeout(Duration::from_millis(200)).build().unwrap();
    assert!(client.get_location().location_id(1).send().await.unwrap_err().is_timeout());
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client = altegio::Client::builder(PARTNER).base_url(format!("http://127.0.0.1:{port}/api/v1")).build().unwrap();
    let err = client.get_location().location_id(1).send().await.unwrap_err();
    assert!(err.is_transport(), "{err:?}");
    assert_eq!(err.status(), None);
}

#[tokio::test]
async fn missing_required_parameters_are_refused_before_sending() {
    let server = server().await;
    let err = user_client(&server).get_location().send().await.unwrap_err();
    assert!(err.is_invalid_request());
    assert!(err.to_string().contains("location_id"), "{err}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn server_text_is_cleaned_and_bounded_in_display_and_debug() {
    let huge = format!("first line\nsecond\x1b[2J\u{202e}line {}", "x".repeat(1 << 20));
    let long_field_message = "y".repeat(100_000);
    let body = json!({"success": false, "meta": {"message": huge, "errors": {
        "phone\r\nX-Injected: 1": ["bad\x1b[0m", long_field_message],
    }}});
    let err = get_location_error(MockResponse::json(422, body)).await;
    for text in [err.to_string(), format!("{err:?}")] {
        assert!(text.chars().count() < 2_000, "{} chars", text.chars().count());
        assert!(!text.chars().any(|c| c.is_control() || c == '\u{202e}'), "{text}");
        assert!(text.contains(&format!("[{} chars]", huge.chars().count())), "{text}");
        assert!(text.contains("first line second"), "{text}");
    }
    // The accessors keep the whole text.
    assert_eq!(err.message(), Some(huge.as_str()));
    assert_eq!(err.field_errors()["phone\r\nX-Injected: 1"][1].len(), 100_000);
}

#[tokio::test]
async fn display_does_not_repeat_what_source_returns() {
    use std::error::Error as _;
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client = altegio::Client::builder(PARTNER).base_url(format!("http://127.0.0.1:{port}/api/v1")).build().unwrap();
    let options = altegio::CallOptions::new().retry(altegio::RetryPolicy::none());
    let err = client.get_location().location_id(1).send_with(options).await.unwrap_err();
    assert!(err.is_transport());
    let shown = err.to_string();
    let mut cause = err.source();
    assert!(cause.is_some(), "the transport error is the source");
    // A chain reporter (anyhow's `{:#}`, eyre) prints each of these once.
    while let Some(c) = cause {
        assert!(!shown.contains(&c.to_string()), "`{shown}` repeats its cause `{c}`");
        cause = c.source();
    }
}

#[tokio::test]
async fn details_give_the_whole_error_body_with_secrets_masked() {
    let server = server().await;
    server.respond(
        op::GET_LOCATION,
        MockResponse::json(
            409,
            json!({"success": false, "data": null, "meta": {
                "message": "The team member is busy",
                "conflict": {"record_id": 77, "note": format!("booked with token {PARTNER}")}
            }}),
        ),
    );
    let err = partner_client(&server).get_location().location_id(1).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(err.is_api());
    let details = err.details().expect("an API error has details");
    assert_eq!(details.raw["meta"]["conflict"]["record_id"], 77);
    let note = details.raw["meta"]["conflict"]["note"].as_str().unwrap();
    assert!(!note.contains(PARTNER), "{note}");
    // An error that did not come from the API has none.
    let offline = altegio::Client::builder(PARTNER).base_url("http://127.0.0.1:9/api/v1").build().unwrap();
    let err = offline
        .get_location()
        .location_id(1)
        .send_with(altegio::CallOptions::new().retry(altegio::RetryPolicy::none()))
        .await
        .unwrap_err();
    assert!(err.details().is_none() && !err.is_api());
}
