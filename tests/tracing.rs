//! Everything the crate logs through `tracing` during a login-and-call flow: one span per
//! request with the operation, and never a token or password.

mod common;
use altegio::mock::MockResponse;
use common::*;
use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_name_operations_and_never_secrets() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    const PARTNER_SECRET: &str = "PARTNER-SECRET-7c1e";
    const PASSWORD: &str = "PASSWORD-SECRET-99";
    let server = server().await;
    let client = altegio::Client::builder(PARTNER_SECRET).base_url(server.url()).no_rate_limit().build().unwrap();
    let (_, user) = client.login("+13155550175", PASSWORD).await.unwrap();
    client.get_location_list().my(true).send().await.unwrap();
    server.respond(
        op::GET_LOCATION,
        MockResponse::json(401, serde_json::json!({"success": false, "meta": {"message": "bad token"}})),
    );
    let err = client.get_location().location_id(1).send().await.unwrap_err();
    let errors = format!("{err} {err:?} {user:?} {client:?}");
    // A wait for a rate-limit slot is an event of the call.
    let limited = altegio::Client::builder(PARTNER_SECRET)
        .base_url(server.url())
        .rate_limiter(std::sync::Arc::new(altegio::RateLimiter::new(&[(1, std::time::Duration::from_millis(100))])))
        .build()
        .unwrap();
    limited.get_location_list().send().await.unwrap();
    limited.get_location_list().send().await.unwrap();

    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("altegio.request"), "one span per request:\n{logs}");
    for op in ["authorize_user", "get_location_list", "get_location"] {
        assert!(logs.contains(op), "{op} missing from:\n{logs}");
    }
    // OpenTelemetry's HTTP client attribute names.
    for field in [
        "http.response.status_code=401",
        "url.template=\"/company/{location_id}\"",
        "http.request.method=\"GET\"",
        "server.address=\"127.0.0.1\"",
        "error.type=\"unauthorized\"",
    ] {
        assert!(logs.contains(field), "{field} missing from:\n{logs}");
    }
    assert!(logs.contains("waited for a rate-limit slot"), "{logs}");
    for secret in [PARTNER_SECRET, PASSWORD, LOGIN_TOKEN] {
        assert!(!logs.contains(secret), "secret in logs:\n{logs}");
        assert!(!errors.contains(secret), "secret in errors: {errors}");
    }
}
