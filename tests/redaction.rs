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

    let (_, user) = client.login("+13155550175", PASSWORD).await.unwrap();
    assert_clean(&format!("{user:?} {client:?}"));

    // An error body that echoes the tokens and a password.
    let echo = format!(
        r#"{{"success": false, "meta": {{}}, "data": {{"partner": "{PARTNER_SECRET}", "user_token": "{LOGIN_TOKEN}", "password": "{PASSWORD}"}}}}"#
    );
    server.respond(op::GET_LOCATION, MockResponse::raw(500, "application/json", echo.clone()));
    let err = client.get_location().location_id(1).send().await.unwrap_err();
    assert!(err.body_excerpt().is_some());
    assert_clean(&format!("{err} {err:?}"));

    // A reply that fails to decode, holding a user token.
    server.respond(
        op::AUTHORIZE_USER,
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

/// Tokens with a `/` (which PHP's `json_encode` escapes as `\/`), a password with
/// characters it escapes as `\u00xx`, and a 2FA code.
const SLASH_PARTNER: &str = "PARTNER/SECRET+0123456789";
const SLASH_USER: &str = "USER/SECRET=0123456789";
const ODD_PASSWORD: &str = "pä/ss<wörd>&'1\"x";
const CODE: &str = "918273";

/// Every form in which the secrets above may come back: as is, JSON-escaped the way PHP's
/// `json_encode` writes them (default flags, and with `JSON_HEX_*`), and percent-encoded.
const ECHOES: &[&str] = &[
    SLASH_PARTNER,
    r"PARTNER\/SECRET+0123456789",
    "PARTNER%2FSECRET%2B0123456789",
    SLASH_USER,
    r"USER\/SECRET=0123456789",
    "USER%2fSECRET%3d0123456789",
    ODD_PASSWORD,
    r#"p\u00e4\/ss<w\u00f6rd>&'1\"x"#,
    r"p\u00e4\/ss\u003Cw\u00f6rd\u003E\u0026\u00271\u0022x",
    "p%C3%A4%2Fss%3Cw%C3%B6rd%3E%26%271%22x",
    "p%c3%a4%2fss%3cw%c3%b6rd%3e%26%271%22x",
    CODE,
];

fn assert_masked(err: &altegio::Error) {
    let text = format!("{err} {err:?}");
    for echo in ECHOES {
        assert!(!text.contains(echo), "`{echo}` leaked: {text}");
    }
    assert!(text.contains("***"), "{text}");
}

#[tokio::test]
async fn echoed_secrets_are_masked_in_every_form_and_every_string() {
    let server = server().await;
    let client = altegio::Client::builder(SLASH_PARTNER)
        .user_token(SLASH_USER)
        .base_url(server.url())
        .no_rate_limit()
        .build()
        .unwrap();
    let get = || async { client.get_location().location_id(1).send().await.unwrap_err() };

    // 401 with the tokens in `meta.message`, JSON-escaped in the body (so raw in the message).
    let body = r#"{"success":false,"meta":{"message":"Partner PARTNER\/SECRET+0123456789 or user USER\/SECRET=0123456789 is not valid"}}"#;
    server.respond(op::GET_LOCATION, MockResponse::raw(401, "application/json", body));
    let err = get().await;
    assert!(err.message().is_some_and(|m| m.contains("***")), "{err:?}");
    assert_masked(&err);

    // 422 with the tokens in `meta.errors`: in a field name, JSON-escaped inside a message.
    let body = r#"{"success":false,"meta":{"message":"Invalid","errors":{"PARTNER/SECRET+0123456789":["unknown"],"token":["USER\\/SECRET=0123456789 is refused"]}}}"#;
    server.respond(op::GET_LOCATION, MockResponse::raw(422, "application/json", body));
    assert_masked(&get().await);

    // A page without a message: the excerpt holds a percent-encoded and an escaped token.
    let body = r"echo: Authorization=Bearer PARTNER%2FSECRET%2B0123456789, User USER\/SECRET=0123456789";
    server.respond(op::GET_LOCATION, MockResponse::raw(500, "text/plain", body));
    let err = get().await;
    assert!(err.body_excerpt().is_some());
    assert_masked(&err);

    // A failed login that echoes the password: as a JSON `pass` (PHP's escapes, with and
    // without `JSON_HEX_*`), in `var_dump` form, and as form text.
    for (status, content_type, body) in [
        (
            422,
            "application/json",
            r#"{"success":false,"data":{"login":"+13155550175","pass":"p\u00e4\/ss\u003Cw\u00f6rd\u003E\u0026\u00271\u0022x","again":"p\u00e4\/ss<w\u00f6rd>&'1\"x"}}"#,
        ),
        (
            401,
            "text/plain",
            "array(2) {\n  [\"login\"]=>\n  string(12) \"+13155550175\"\n  [\"pass\"]=>\n  string(17) \"pä/ss<wörd>&'1\"x\"\n}",
        ),
        (
            400,
            "application/x-www-form-urlencoded",
            "login=%2B13155550175&pass=p%C3%A4%2Fss%3Cw%C3%B6rd%3E%26%271%22x&pass2=p%c3%a4%2fss%3cw%c3%b6rd%3e%26%271%22x",
        ),
    ] {
        server.respond(op::AUTHORIZE_USER, MockResponse::raw(status, content_type, body));
        let err = client.login("+13155550175", ODD_PASSWORD).await.unwrap_err();
        assert!(err.body_excerpt().is_some(), "{err:?}");
        assert_masked(&err);
    }

    // A reply asking for a second factor whose uuid echoes the password.
    let body = json!({"success": true, "data": {"uuid": format!("uuid-{ODD_PASSWORD}")}});
    server.respond(op::AUTHORIZE_USER, MockResponse::json(201, body));
    let err = client.login("+13155550175", ODD_PASSWORD).await.unwrap_err();
    assert!(err.message().is_some_and(|m| m.contains("uuid-***")), "{err:?}");
    assert_masked(&err);

    // The 2FA code echoed in the message of the second step.
    let body = r#"{"success":false,"meta":{"message":"Code 918273 is wrong"}}"#;
    server.respond(op::AUTHORIZE_USER, MockResponse::raw(422, "application/json", body));
    let err = client.login_second_factor("+13155550175", ODD_PASSWORD, "uuid-1", CODE).await.unwrap_err();
    assert_masked(&err);
}
