//! Every operation of the spec, called once through its generated method against the
//! embedded mock over loopback, with its reply decoded into the typed result.

mod common;
use common::*;

include!(concat!(env!("OUT_DIR"), "/b2b_every_operation.rs"));

mod booking_calls {
    include!(concat!(env!("OUT_DIR"), "/booking_every_operation.rs"));
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
