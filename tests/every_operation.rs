//! Every operation of the spec, called once through its generated method against the
//! embedded mock over loopback, with its reply decoded into the typed result.

mod common;
use common::*;

include!(concat!(env!("OUT_DIR"), "/b2b_every_operation.rs"));

mod booking_calls {
    include!(concat!(env!("OUT_DIR"), "/booking_every_operation.rs"));
}
mod devtools_calls {
    include!(concat!(env!("OUT_DIR"), "/devtools_every_operation.rs"));
}

#[tokio::test]
async fn every_operation_is_callable_and_decodes() {
    let server = server().await;
    let client = user_client(&server);
    let mut called = 0;
    let mut failures = Vec::new();
    for op in altegio::b2b::operations::all() {
        let Some(result) = call_every_operation(&client, op.id).await else {
            assert!(op.handwritten, "{} has no generated method", op.id);
            continue;
        };
        called += 1;
        if let Err(e) = result {
            failures.push(format!("{}: {e}", op.id));
            continue;
        }
        let req = server.requests().pop().expect("a request reached the server");
        assert_eq!(req.operation, Some(op.id), "{} was routed elsewhere ({} {})", op.id, req.method, req.path);
        assert_eq!(req.method, op.method, "{}", op.id);
    }
    assert!(failures.is_empty(), "{} of {called} operations failed:\n{}", failures.len(), failures.join("\n"));
    assert!(called >= 14, "only {called} operations were called");
    eprintln!("{called} operations called over loopback");
}

#[tokio::test]
async fn every_online_booking_operation_is_callable_and_decodes() {
    let server = server().await;
    let client = server.booking_client().unwrap();
    let mut called = 0;
    let mut failures = Vec::new();
    for op in altegio::booking::operations::all() {
        let result =
            booking_calls::call_every_operation(&client, op.id).await.expect("every booking call is generated");
        called += 1;
        if let Err(e) = result {
            failures.push(format!("{}: {e}", op.id));
            continue;
        }
        let req = server.requests().pop().expect("a request reached the server");
        assert_eq!(req.operation, Some(op.id), "{} was routed elsewhere ({} {})", op.id, req.method, req.path);
        let auth = req.header("authorization").unwrap_or_default().to_string();
        let with_user =
            format!("Bearer {}, User {}", altegio::mock::MOCK_PARTNER_TOKEN, altegio::mock::MOCK_USER_TOKEN);
        if op.partner_only {
            assert_eq!(auth, format!("Bearer {}", altegio::mock::MOCK_PARTNER_TOKEN), "{}", op.id);
        } else {
            assert_eq!(auth, with_user, "{}", op.id);
        }
    }
    assert!(failures.is_empty(), "{} of {called} operations failed:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(called, 24);
}

/// Every Developer Tools call against two loopback servers, one standing for
/// `api.alteg.io/api/v1` and one for `app.alteg.io`: each call reaches the server of its
/// documented host, with the header its security asks for.
#[tokio::test]
async fn every_developer_tools_operation_reaches_its_host_and_decodes() {
    let api = server().await;
    let app = server().await;
    let client = altegio::devtools::Client::builder(altegio::mock::MOCK_PARTNER_TOKEN)
        .user_token(altegio::mock::MOCK_USER_TOKEN)
        .base_url(api.url())
        .app_url(app.url())
        .no_rate_limit()
        .build()
        .unwrap();
    let partner = format!("Bearer {}", altegio::mock::MOCK_PARTNER_TOKEN);
    let with_user = format!("Bearer {}, User {}", altegio::mock::MOCK_PARTNER_TOKEN, altegio::mock::MOCK_USER_TOKEN);
    let mut failures = Vec::new();
    let mut on_app = 0;
    for op in altegio::devtools::operations::all() {
        let result = devtools_calls::call_every_operation(&client, op.id).await.expect("every call is generated");
        if let Err(e) = result {
            failures.push(format!("{}: {e}", op.id));
            continue;
        }
        let (reached, other) = if op.server == Some(altegio::devtools::APP_URL) { (&app, &api) } else { (&api, &app) };
        on_app += usize::from(op.server.is_some());
        let req = reached.requests().pop().unwrap_or_else(|| panic!("{} did not reach its host", op.id));
        assert!(other.requests().is_empty(), "{} also reached the other host", op.id);
        assert_eq!(req.operation, Some(op.id), "{} was routed elsewhere ({} {})", op.id, req.method, req.path);
        let auth = req.header("authorization").unwrap_or_default();
        let want = if op.partner_only { &partner } else { &with_user };
        assert_eq!(auth, want.as_str(), "{}", op.id);
        api.reset();
        app.reset();
    }
    assert!(failures.is_empty(), "{} operations failed:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(altegio::devtools::operations::all().len(), 19);
    assert_eq!(on_app, 8, "the marketplace calls documented on app.alteg.io");
}

/// Without `app_url`, the marketplace calls go to `https://app.alteg.io`, whatever the
/// base URL: the request leaves for that host (and fails here, with no network beyond
/// loopback), never for the base URL.
#[tokio::test]
async fn marketplace_calls_go_to_the_application_host_by_default() {
    let api = server().await;
    let client = altegio::devtools::Client::builder("p").base_url(api.url()).no_rate_limit().build().unwrap();
    let e = client
        .get_marketplace_integration_status()
        .location_id(1)
        .application_id(2)
        .send_with(altegio::CallOptions::new().timeout(std::time::Duration::from_millis(300)))
        .await
        .unwrap_err();
    assert!(api.requests().is_empty(), "the call went to the base URL: {e}");
    assert!(e.is_transport() || e.is_timeout(), "{e:?}");
}
