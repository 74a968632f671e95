//! Inbound traffic: webhook events, the webhook settings calls, the SMS-provider types and
//! the delivery report helper.

mod common;

use altegio::b2b::types::{SmsStatusReport, SmsStatusReportList};
use altegio::sms::{SmsDeliveryStatus, SmsProviderRequest};
use altegio::webhook::{GoodsOperation, Payload, WebhookEvent};
use common::{PARTNER, op, server, user_client};
use serde_json::json;

fn event(resource: &str, data: serde_json::Value) -> WebhookEvent {
    let body = json!({"company_id": 4564, "resource": resource, "resource_id": "7", "status": "update", "data": data});
    WebhookEvent::parse(body.to_string().as_bytes()).unwrap_or_else(|e| panic!("{resource}: {e}"))
}

#[test]
fn every_known_resource_accepts_a_partial_or_empty_payload() {
    let resources = [
        "record",
        "client",
        "staff",
        "service",
        "service_category",
        "good",
        "goods_operations_sale",
        "goods_operations_receipt",
        "goods_operations_consumable",
        "goods_operations_stolen",
        "goods_operations_move",
        "finances_operation",
        "company",
        "salon",
    ];
    for resource in resources {
        for data in [json!({}), json!([]), json!(null), json!({"id": "7"}), json!({"id": 7, "unknown_field": [1, 2]})] {
            let e = event(resource, data.clone());
            assert!(!matches!(e.payload, Payload::Unknown(_)), "{resource} is known");
            assert_eq!(e.resource_id, Some(7));
        }
    }
    assert!(
        matches!(event("salon", json!({"title": "Main St"})).payload, Payload::Company(l) if l.title.as_deref() == Some("Main St"))
    );
    assert!(
        matches!(event("staff", json!({"fired": "1"})).payload, Payload::Staff(t) if t.fired.is_some_and(|f| f.get()))
    );
    assert!(matches!(
        event("goods_operations_move", json!({"amount": "-1.5"})).payload,
        Payload::GoodsOperation(GoodsOperation::Move, t) if t.amount.map(|a| a.get()) == Some(-1.5)
    ));
    assert!(matches!(
        event("finances_operation", json!({"amount": "100", "date": "2026-01-17 19:41:44"})).payload,
        Payload::FinancesOperation(f) if f.amount.map(|a| a.get()) == Some(100.0)
    ));
}

#[test]
fn unknown_resources_keep_their_raw_data() {
    let e = event("subscription_renewal", json!({"id": 1, "nested": {"a": [1, "2"]}}));
    assert!(matches!(&e.payload, Payload::Unknown(v) if v["nested"]["a"][1] == "2"));
    assert_eq!(e.raw()["data"]["nested"]["a"][0], 1);
    let e = event("goods_operations_future", json!({"id": 3}));
    assert!(matches!(e.payload, Payload::GoodsOperation(GoodsOperation::Other(k), _) if k == "future"));
}

#[test]
fn malformed_events_are_decode_errors_that_say_where() {
    let e = WebhookEvent::parse(b"<html>502</html>").unwrap_err();
    assert!(e.is_decode() && e.operation() == Some("webhook"));
    assert_eq!(e.raw_body(), Some(&b"<html>502</html>"[..]));
    assert_eq!(e.body_excerpt(), None);
    let e = WebhookEvent::parse(br#"{"status":"create","data":{}}"#).unwrap_err();
    assert_eq!(e.json_path(), Some("resource"));
    let e = WebhookEvent::parse(br#"{"resource":"client","data":{"id":{"nested":true}}}"#).unwrap_err();
    assert!(e.is_decode());
    assert_eq!(e.json_path(), Some("data.id"));
    assert!(e.to_string().contains("client"), "{e}");
    let e = WebhookEvent::parse(br#"{"resource":"record","data":"text"}"#).unwrap_err();
    assert!(e.is_decode());
}

#[tokio::test]
async fn webhook_settings_round_trip_over_the_wire() {
    let mock = server().await;
    let client = mock.devtools_client().unwrap();
    let current = client.get_event_notification_settings().location_id(4564).send().await.unwrap();
    let data = current.data.as_ref().unwrap();
    assert!(data.active.is_some_and(|a| a.get()));
    assert_eq!(data.urls.as_ref().map(Vec::len), Some(1));

    let body = altegio::devtools::types::builder::EventNotificationSettingsWrite::default()
        .urls(vec!["https://hooks.example.com/altegio?secret=Zr4pQ8vT2mW9xK1c".to_string()])
        .active(true)
        .record(true)
        .client(false);
    client.update_event_notification_settings().location_id(4564).body(body).send().await.unwrap();
    let sent = &mock.requests_for(altegio::devtools::operations::UPDATE_EVENT_NOTIFICATION_SETTINGS)[0];
    assert_eq!(sent.method, "POST");
    assert_eq!(sent.path, "/hooks_settings/4564");
    let (partner, user) = (altegio::mock::MOCK_PARTNER_TOKEN, altegio::mock::MOCK_USER_TOKEN);
    assert_eq!(sent.header("authorization"), Some(format!("Bearer {partner}, User {user}").as_str()));
    assert_eq!(
        sent.json().unwrap(),
        json!({"urls": ["https://hooks.example.com/altegio?secret=Zr4pQ8vT2mW9xK1c"], "active": 1, "record": 1, "client": 0})
    );
    // Both calls need the user token.
    let partner_only = client.without_user_token();
    let e = partner_only.get_event_notification_settings().location_id(4564).send().await.unwrap_err();
    assert!(e.is_invalid_request(), "{e}");
}

#[test]
fn the_blueprint_send_request_decodes() {
    let body = r#"{"destination_params":[{"id":"232674","phone":"71000000002"},{"id":232675,"phone":71000000003}],
        "from":"yclients","text":"text","type":"sms","dispatch_type":"service",
        "delivery_callback_url":"https://api.yclients.com/api/v1/delivery/status"}"#;
    let r: SmsProviderRequest = serde_json::from_str(body).unwrap();
    assert_eq!(r.destination_params.len(), 2);
    assert_eq!(r.destination_params[1].id.to_string(), "232675");
    assert_eq!(r.destination_params[1].phone.to_string(), "71000000003");
    assert_eq!(r.type_.as_deref(), Some("sms"));
    let e: altegio::sms::SmsProviderError = serde_json::from_str(
        r#"{"error_code":10,"errors":[{"field_name":"phone","field_value":"1","error_message":"bad"}]}"#,
    )
    .unwrap();
    assert_eq!((e.error_code, e.errors.len(), e.http_status()), (10, 1, 400));
}

fn report() -> SmsStatusReportList {
    SmsStatusReportList(vec![SmsStatusReport {
        id: "232674".into(),
        status: SmsDeliveryStatus::SentToPhone,
        payment_sum: Some(0.0),
        currency_iso: Some("USD".into()),
        parts_amount: Some(2),
    }])
}

#[tokio::test]
async fn delivery_reports_carry_the_partner_token_alone() {
    let mock = server().await;
    let client = user_client(&mock);
    let reply = client
        .report_sms_delivery()
        .callback_url(format!("{}/delivery/status", mock.url()))
        .body(report())
        .send()
        .await
        .unwrap();
    assert!(reply.success.is_some_and(|s| s.get()));
    let sent = &mock.requests_for(op::GET_MESSAGE_STATUS_LIST)[0];
    assert_eq!(sent.header("authorization"), Some(format!("Bearer {PARTNER}").as_str()));
    assert_eq!(
        sent.json().unwrap(),
        json!([{"id": "232674", "status": 4, "payment_sum": 0.0, "currency_iso": "USD", "parts_amount": 2}])
    );

    // An error reply is an error, and a report is a write: never sent twice.
    mock.respond(
        op::GET_MESSAGE_STATUS_LIST,
        altegio::mock::MockResponse::json(503, json!({"success": false, "meta": {"message": "busy"}})),
    );
    let e = client
        .report_sms_delivery()
        .callback_url(format!("{}/delivery/status", mock.url()))
        .body(report())
        .send()
        .await
        .unwrap_err();
    assert!(e.is_server_error());
    assert_eq!(mock.requests_for(op::GET_MESSAGE_STATUS_LIST).len(), 2);
}

#[tokio::test]
async fn the_partner_token_goes_to_no_foreign_callback() {
    let mock = server().await;
    let client = user_client(&mock);
    for url in [
        "https://evil.example.com/delivery/status",
        "https://alteg.io.evil.example.com/status",
        "https://evilalteg.io/status",
        "http://app.alteg.io/smsprovider/status/callback/x",
        "https://user:pw@app.alteg.io/cb",
        "ftp://app.alteg.io/cb",
        "not a url",
    ] {
        let e = client.report_sms_delivery().callback_url(url).body(report()).send().await.unwrap_err();
        assert!(e.is_invalid_request(), "{url}: {e:?}");
        assert!(!e.to_string().contains(PARTNER), "{e}");
    }
    assert!(mock.requests().is_empty(), "nothing was sent");
}

#[test]
fn webhook_errors_name_path_and_mismatch_but_no_personal_data() {
    let personal = ["Ada Lovelace", "+13155550175", "ada@example.com"];
    let bodies: [&[u8]; 4] = [
        // A value of the wrong type (serde quotes it: `invalid value: string "Ada Lovelace"`).
        br#"{"resource":"client","data":{"name":"x","phone":"+13155550175","id":"Ada Lovelace"}}"#,
        br#"{"resource":"client","data":{"email":"ada@example.com","id":{"+13155550175":"Ada Lovelace"}}}"#,
        // An envelope field of the wrong type.
        br#"{"resource":"record","company_id":"Ada Lovelace +13155550175","data":{}}"#,
        // Not JSON at all.
        b"{\"phone\":\"+13155550175\",\"name\":\"Ada Lovelace\", email=ada@example.com",
    ];
    for body in bodies {
        let e = WebhookEvent::parse(body).unwrap_err();
        assert!(e.is_decode());
        let text = format!("{e} {e:?}");
        for p in personal {
            assert!(!text.contains(p), "`{p}` in {text}");
        }
        // The raw body stays with the error for a caller who asks.
        assert_eq!(e.raw_body(), Some(body));
    }
    let e = WebhookEvent::parse(bodies[0]).unwrap_err();
    assert_eq!(e.json_path(), Some("data.id"));
    assert!(e.to_string().contains("invalid value: string, expected"), "{e}");
    let e = WebhookEvent::parse(bodies[2]).unwrap_err();
    assert_eq!(e.json_path(), Some("company_id"));
}

#[test]
fn an_event_can_be_queued_and_read_back_whole() {
    let body = json!({"company_id": 4564, "resource": "client", "resource_id": 7, "status": "update",
        "data": {"id": 7, "name": "Ada", "phone": "+13155550175", "custom_field": "kept"}});
    let event = WebhookEvent::parse(body.to_string().as_bytes()).unwrap();
    let queued = serde_json::to_string(&event).unwrap();
    assert_eq!(serde_json::from_str::<serde_json::Value>(&queued).unwrap(), body, "stored as Altegio sent it");
    let back: WebhookEvent = serde_json::from_str(&queued).unwrap();
    assert_eq!(back, event);
    assert!(serde_json::from_str::<WebhookEvent>(r#"{"status": "create"}"#).is_err());
}
