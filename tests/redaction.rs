//! Tokens and passwords never show up in Debug, Display or error messages.

mod common;
use altegio::mock::MockResponse;
use common::*;
use serde_json::json;

const PARTNER_SECRET: &str = "PARTNERSECRET0123456789";
const USER_SECRET: &str = "USERSECRET0123456789";
const PASSWORD: &str = "PASSWORDSECRET0123";

fn assert_clean(text: &str) {
    for s in [PARTNER_SECRET, USER_SECRET, PASSWORD, LOGIN_TOKEN] {
        assert!(!text.contains(s), "a secret leaked: {text}");
    }
}

#[tokio::test]
async fn secrets_stay_out_of_debug_display_and_errors() {
    let server = server().await;
    let builder = altegio::Client::builder(PARTNER_SECRET).user_token(USER_SECRET).base_url(server.url());
    assert_clean(&format!("{builder:?}"));
    let client = builder.build().unwrap();
    assert_clean(&format!("{client:?}"));

    let user = client.login("+13155550175", PASSWORD).await.unwrap();
    assert_clean(&format!("{user:?} {client:?}"));

    // An error body that echoes the tokens and a password.
    let echo = format!(
        r#"{{"success": false, "meta": {{}}, "data": {{"partner": "{PARTNER_SECRET}", "user_token": "{LOGIN_TOKEN}", "password": "{PASSWORD}"}}}}"#
    );
    server.respond("get_location", MockResponse::raw(500, "application/json", echo.clone()));
    let err = client.get_location().location_id(1).send().await.unwrap_err();
    assert!(err.body_excerpt().is_some());
    assert_clean(&format!("{err} {err:?}"));

    // A reply that fails to decode, holding a user token.
    server.respond(
        "authorize_user",
        MockResponse::json(
            201,
            json!({"success": true, "data": {"id": "not-an-id", "user_token": "ANOTHERSECRET-TOKEN-42"}}),
        ),
    );
    let err = client.login("+13155550175", PASSWORD).await.unwrap_err();
    assert!(err.is_decode());
    let text = format!("{err} {err:?}");
    assert_clean(&text);
    assert!(!text.contains("ANOTHERSECRET-TOKEN-42"), "{text}");

    // Invalid tokens are refused without echoing them.
    let err = altegio::Client::builder(format!("{PARTNER_SECRET} x")).build().unwrap_err();
    assert_clean(&format!("{err} {err:?}"));
}
