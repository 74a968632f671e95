//! The Authorization and Accept headers as they go over the wire.

mod common;
use common::*;

#[tokio::test]
async fn partner_only_client_sends_bearer_partner() {
    let server = server().await;
    let client = partner_client(&server);
    client.get_location().location_id(1).send().await.unwrap();
    let req = &server.requests()[0];
    assert_eq!(req.header("authorization"), Some(format!("Bearer {PARTNER}").as_str()));
    assert_eq!(req.header("accept"), Some("application/vnd.api.v2+json"));
    assert_eq!(req.header("api-version"), None, "progenitor's api-version header is removed");
    assert!(req.header("user-agent").unwrap().starts_with("altegio-rs/"));
}

#[tokio::test]
async fn user_client_sends_both_tokens() {
    let server = server().await;
    let client = user_client(&server);
    client.get_location_notification_settings().location_id(1).send().await.unwrap();
    client.get_location().location_id(1).send().await.unwrap();
    for req in server.requests() {
        assert_eq!(req.header("authorization"), Some(format!("Bearer {PARTNER}, User {USER}").as_str()));
        assert_eq!(req.header("accept"), Some("application/vnd.api.v2+json"));
    }
}

#[tokio::test]
async fn login_sends_partner_only_then_returns_a_client_with_the_user_token() {
    let server = server().await;
    let client = partner_client(&server);
    assert!(!client.has_user_token());
    let (user_client, user) = client.login("+13155550175", "s3cret-pass").await.unwrap();
    assert_eq!(user.id.map(|i| i.get()), Some(1294412));
    assert!(user_client.has_user_token());
    assert!(!client.has_user_token(), "the client that logged in is left as it was");
    user_client.get_location_notification_settings().location_id(5).send().await.unwrap();

    let reqs = server.requests();
    assert_eq!(reqs[0].method, "POST");
    assert_eq!(reqs[0].path, "/auth");
    assert_eq!(reqs[0].header("authorization"), Some(format!("Bearer {PARTNER}").as_str()));
    assert_eq!(reqs[0].json().unwrap(), serde_json::json!({"login": "+13155550175", "password": "s3cret-pass"}));
    assert_eq!(reqs[1].header("authorization"), Some(format!("Bearer {PARTNER}, User {LOGIN_TOKEN}").as_str()));
}

#[tokio::test]
async fn login_is_always_partner_only_even_with_a_user_token() {
    let server = server().await;
    let client = user_client(&server);
    client.login("a@example.com", "pw").await.unwrap();
    assert_eq!(server.requests()[0].header("authorization"), Some(format!("Bearer {PARTNER}").as_str()));
}

#[tokio::test]
async fn user_tokens_are_switched_by_deriving_clients() {
    let server = server().await;
    let client = partner_client(&server);
    let first = client.with_user_token("first-user").unwrap();
    first.get_location().location_id(1).send().await.unwrap();
    let second = first.with_user_token("second-user").unwrap();
    second.get_location().location_id(1).send().await.unwrap();
    second.without_user_token().get_location().location_id(1).send().await.unwrap();
    let auth: Vec<String> = server.requests().iter().map(|r| r.header("authorization").unwrap().to_string()).collect();
    assert_eq!(
        auth,
        vec![
            format!("Bearer {PARTNER}, User first-user"),
            format!("Bearer {PARTNER}, User second-user"),
            format!("Bearer {PARTNER}"),
        ]
    );
}

#[tokio::test]
async fn a_login_never_reauthorises_calls_of_another_user_in_flight() {
    // One shared client in a server; user A's call is in flight while user B logs in.
    let server = server().await;
    server.respond(
        op::GET_LOCATION,
        altegio::mock::MockResponse::json(200, serde_json::json!({"success": true, "data": {"id": 1}, "meta": []}))
            .delay(std::time::Duration::from_millis(200)),
    );
    let shared = partner_client(&server);
    let alice = shared.with_user_token("alice-token").unwrap();
    let in_flight = tokio::spawn({
        let alice = alice.clone();
        async move {
            // Two calls: one before B's login, one after.
            alice.get_location().location_id(1).send().await.unwrap();
            alice.get_location().location_id(1).send().await.unwrap();
        }
    });
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let (bob, _) = shared.login("+13155550175", "bobs-password").await.unwrap();
    in_flight.await.unwrap();
    bob.get_location().location_id(1).send().await.unwrap();
    let auth: Vec<String> =
        server.requests_for(op::GET_LOCATION).iter().map(|r| r.header("authorization").unwrap().to_string()).collect();
    assert_eq!(
        auth[..2],
        [format!("Bearer {PARTNER}, User alice-token"), format!("Bearer {PARTNER}, User alice-token")]
    );
    assert_eq!(auth[2], format!("Bearer {PARTNER}, User {LOGIN_TOKEN}"));
    assert!(!shared.has_user_token());
}

#[tokio::test]
async fn a_call_that_needs_the_user_token_is_not_sent_without_it() {
    let server = server().await;
    let client = partner_client(&server);
    let err = client.get_location_notification_settings().location_id(1).send().await.unwrap_err();
    assert!(err.is_invalid_request(), "{err:?}");
    assert!(err.to_string().contains("needs a user token"), "{err}");
    assert_eq!(err.attempts(), 0);
    assert!(server.requests().is_empty(), "nothing went over the wire");
}

#[tokio::test]
async fn the_mock_rejects_a_missing_user_part_like_altegio() {
    let server = server().await;
    // A raw request with the partner token alone to an operation that needs the user token.
    let resp = raw_http()
        .get(format!("{}/notification_settings/1/notification_types", server.url()))
        .header("authorization", format!("Bearer {PARTNER}"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["success"], false);
    assert!(body["meta"]["message"].as_str().unwrap().contains("user token"));
}

#[tokio::test]
async fn invalid_tokens_are_refused_with_a_clear_error() {
    for bad in ["", "has space", "line\r\nbreak", "com,ma", "ünï"] {
        let err = altegio::Client::builder(bad).build().unwrap_err();
        assert!(err.is_invalid_request());
        assert!(err.to_string().contains("partner token"), "{err}");
    }
    let server = server().await;
    let client = partner_client(&server);
    let err = client.with_user_token("evil\r\nX-Injected: 1").unwrap_err();
    assert!(err.is_invalid_request() && err.to_string().contains("user token"), "{err}");
    assert!(!client.has_user_token());
}
