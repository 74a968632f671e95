//! The flows of the Online Booking and Developer Tools APIs, run as their examples do,
//! against the embedded mock over loopback, checking what went over the wire.
#![allow(dead_code)]

mod common;

#[path = "../examples/booking_widget.rs"]
mod booking_widget;
#[path = "../examples/marketplace_app.rs"]
mod marketplace_app;

use altegio::booking::operations as booking_op;
use altegio::mock::{MOCK_PARTNER_TOKEN, MockServer};

const CUSTOMER_TOKEN: &str = "c83e1f5a2b9d4e07a6f1b3c5d7e9f012";

#[tokio::test]
async fn the_booking_widget_flow_books_reads_moves_and_cancels_as_the_end_customer() {
    let mock = MockServer::start().await.unwrap();
    let client =
        altegio::booking::Client::builder(MOCK_PARTNER_TOKEN).base_url(mock.url()).no_rate_limit().build().unwrap();
    let booked = booking_widget::run(&client, 1050, "13155550142", "4821").await.unwrap();
    assert_eq!((booked.service_id, booked.team_member_id, booked.record_id), (10402, 2841, 60184215));

    // The calls, in order, each with its Authorization header.
    let partner = format!("Bearer {MOCK_PARTNER_TOKEN}");
    let customer = format!("Bearer {MOCK_PARTNER_TOKEN}, User {CUSTOMER_TOKEN}");
    let seen: Vec<(&str, String)> = mock
        .requests()
        .iter()
        .map(|r| (r.operation.unwrap_or("?"), r.header("authorization").unwrap_or_default().to_string()))
        .collect();
    let expected = [
        (booking_op::GET_SERVICES_AVAILABLE_FOR_BOOKING, &partner),
        (booking_op::GET_TEAM_MEMBERS_AVAILABLE_FOR_BOOKING, &partner),
        (booking_op::GET_DATES_AVAILABLE_FOR_BOOKING, &partner),
        (booking_op::GET_TIME_SLOTS_FOR_BOOKING, &partner),
        (booking_op::VALIDATE_BOOKING_PARAMS, &partner),
        (booking_op::SEND_BOOKING_VERIFICATION_CODE, &partner),
        (booking_op::LOG_IN_WITH_PHONE_NUMBER_AND_CODE, &partner),
        (booking_op::CREATE_ONLINE_BOOKING, &customer),
        (booking_op::GET_ONLINE_BOOKING_DETAILS, &customer),
        (booking_op::UPDATE_ONLINE_BOOKING_DATETIME, &customer),
        (booking_op::DELETE_USER_APPOINTMENT, &customer),
    ];
    let expected: Vec<(&str, String)> = expected.iter().map(|(op, auth)| (op.id, auth.to_string())).collect();
    assert_eq!(seen, expected);

    // What the customer chose is what was booked, with the slot's offset kept.
    let create = &mock.requests_for(booking_op::CREATE_ONLINE_BOOKING)[0];
    let body = create.json().unwrap();
    assert_eq!(create.path, "/book_record/1050");
    assert_eq!(body["appointments"][0]["staff_id"], 2841);
    assert_eq!(body["appointments"][0]["services"], serde_json::json!([10402]));
    assert_eq!(body["appointments"][0]["datetime"], booked.first_slot.to_rfc3339());
    assert_eq!(body["code"], "4821");
    let times = &mock.requests_for(booking_op::GET_TIME_SLOTS_FOR_BOOKING)[0];
    assert_eq!(times.path, "/book_times/1050/2841/2026-12-15");
    let code = mock.requests_for(booking_op::LOG_IN_WITH_PHONE_NUMBER_AND_CODE)[0].json().unwrap();
    assert_eq!(code, serde_json::json!({"phone": "13155550142", "code": "4821"}));
    let cancel = &mock.requests_for(booking_op::DELETE_USER_APPOINTMENT)[0];
    assert_eq!(cancel.path, format!("/user/records/60184215/{}", booked.record_hash));
}

#[tokio::test]
async fn a_call_for_the_end_customer_is_refused_before_sending_without_their_token() {
    let mock = MockServer::start().await.unwrap();
    let client =
        altegio::booking::Client::builder(MOCK_PARTNER_TOKEN).base_url(mock.url()).no_rate_limit().build().unwrap();
    let e = client.get_booking_user().send().await.unwrap_err();
    assert!(e.is_invalid_request(), "{e}");
    assert!(e.to_string().contains("end customer"), "{e}");
    assert!(mock.requests().is_empty(), "nothing was sent");
    // With the customer's token the same call goes out with it.
    let token = altegio::booking::BookingUserToken::new("customer-1");
    let customer = client.with_booking_user(&token).unwrap();
    customer.get_booking_user().send().await.unwrap();
    let auth = mock.requests()[0].header("authorization").unwrap().to_string();
    assert_eq!(auth, format!("Bearer {MOCK_PARTNER_TOKEN}, User customer-1"));
    assert_eq!(format!("{token:?}"), "BookingUserToken(***)");
}

#[tokio::test]
async fn a_failed_booking_login_masks_the_password() {
    let mock = MockServer::start().await.unwrap();
    mock.respond(
        booking_op::AUTHORIZE_ONLINE_BOOKING_USER,
        altegio::mock::MockResponse::json(
            401,
            serde_json::json!({"success": false, "meta": {"message": "wrong password hunter2-secret"}}),
        ),
    );
    let client =
        altegio::booking::Client::builder(MOCK_PARTNER_TOKEN).base_url(mock.url()).no_rate_limit().build().unwrap();
    let e = client.login("ada@example.com", "hunter2-secret").await.unwrap_err();
    assert!(!format!("{e} {e:?}").contains("hunter2-secret"), "{e}");
    let (customer, token) = {
        mock.reset();
        client.login("ada@example.com", "hunter2-secret").await.unwrap()
    };
    assert!(customer.has_user_token() && !client.has_user_token());
    assert!(!token.expose().is_empty());
}

#[tokio::test]
async fn the_marketplace_install_flow_reaches_each_host_with_the_partner_token_alone() {
    use altegio::devtools::operations as dev_op;
    let api = MockServer::start().await.unwrap();
    let app = MockServer::start().await.unwrap();
    let partner = "pt_4f8a1c9e2b7d6a3f0e5c";
    // A client that also holds a staff user token: marketplace calls still send the
    // partner token alone.
    let client = altegio::devtools::Client::builder(partner)
        .user_token("staff-user")
        .base_url(api.url())
        .app_url(app.url())
        .no_rate_limit()
        .build()
        .unwrap();
    let location = marketplace_app::location_from_redirect("user_id=77&salon_id=1050").unwrap();
    assert_eq!(marketplace_app::location_from_redirect("salon_id=-3"), None);
    let installed = marketplace_app::install(&client, location, "7c9e6679-key").await.unwrap();
    assert_eq!(installed.status.as_deref(), Some("active"));
    assert!(installed.payment_id.is_some());

    assert!(api.requests().is_empty(), "every call of this flow lives on app.alteg.io: {:?}", api.requests());
    let calls: Vec<&str> = app.requests().iter().map(|r| r.operation.unwrap_or("?")).collect();
    assert_eq!(
        calls,
        [
            dev_op::MARKETPLACE_NOTIFICATION_SETTINGS_REDIRECT_CALLBACK.id,
            dev_op::MARKETPLACE_NOTIFICATION_PAYMENT_CALLBACK.id,
            dev_op::GET_MARKETPLACE_INTEGRATION_STATUS.id
        ]
    );
    for r in app.requests() {
        assert_eq!(r.header("authorization"), Some(format!("Bearer {partner}").as_str()), "{:?}", r.operation);
    }
    let connect = app.requests_for(dev_op::MARKETPLACE_NOTIFICATION_SETTINGS_REDIRECT_CALLBACK)[0].json().unwrap();
    assert_eq!(connect["salon_id"], 1050);
    assert_eq!(connect["application_id"], marketplace_app::APPLICATION_ID);
    assert_eq!(connect["api_key"], "7c9e6679-key");
    assert_eq!(connect["webhook_urls"][0], "https://partner.example.com/altegio/hooks?location=1050");
    let status = &app.requests_for(dev_op::GET_MARKETPLACE_INTEGRATION_STATUS)[0];
    assert_eq!(status.path, "/marketplace/salon/1050/application/1284");

    // The uninstall webhook: answered 200 with the partner token, 401 with another, 400
    // when it is not the documented body.
    let body = |token: &str| {
        format!(r#"{{"salon_id": "1050", "application_id": 1284, "event": "uninstall", "partner_token": "{token}"}}"#)
    };
    let (code, todo) = marketplace_app::answer_lifecycle(body(partner).as_bytes(), partner);
    assert_eq!((code, todo), (200, Some((1050, altegio::devtools::LifecycleKind::Uninstall))));
    assert_eq!(marketplace_app::answer_lifecycle(body("forged").as_bytes(), partner), (401, None));
    assert_eq!(marketplace_app::answer_lifecycle(b"{\"event\": 1}", partner), (400, None));
}

/// The per-entity webhooks of Developer Tools: each documented example parses as its
/// typed event, and through `altegio::webhook` into the B2B entity types.
#[test]
fn every_inbound_example_parses_as_its_event_type_and_through_the_webhook_machinery() {
    let spec: serde_json::Value =
        serde_saphyr::from_str(include_str!("../openapi/devtools/areas/devtools.yaml")).expect("the spec is YAML");
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    let mut seen = 0;
    for (name, schema) in schemas {
        let Some(entry) = schema.get("x-altegio-inbound").and_then(|v| v.as_str()) else { continue };
        let example = serde_json::to_vec(&schema["example"]).unwrap();
        assert!(schema.get("example").is_some(), "{name} has no example");
        seen += 1;
        if entry == "marketplace_webhook" {
            altegio::devtools::LifecycleEvent::parse(&example).unwrap();
            continue;
        }
        decode_event(name, &example).unwrap_or_else(|e| panic!("{name}: {e}"));
        let event = altegio::webhook::WebhookEvent::parse(&example).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!matches!(event.payload, altegio::webhook::Payload::Unknown(_)), "{name}: {event:?}");
        if name == "SalonEvent" {
            // The docs call the location's resource `salon`, the Blueprint `company`: both parse,
            // as the location event type and as the typed B2B location.
            let mut renamed: serde_json::Value = serde_json::from_slice(&example).unwrap();
            for resource in ["salon", "company"] {
                renamed["resource"] = resource.into();
                let body = serde_json::to_vec(&renamed).unwrap();
                decode_event(name, &body).unwrap();
                let event = altegio::webhook::WebhookEvent::parse(&body).unwrap();
                assert!(matches!(event.payload, altegio::webhook::Payload::Company(_)), "{resource}");
            }
        }
    }
    assert_eq!(seen, 12);
}

/// Decodes a body as the Developer Tools event type of this name.
fn decode_event(name: &str, body: &[u8]) -> Result<(), String> {
    use altegio::devtools::types;
    macro_rules! events {
        ($($ty:ident),*) => {
            match name {
                $(stringify!($ty) => serde_json::from_slice::<types::$ty>(body).map(|_| ()).map_err(|e| e.to_string()),)*
                other => Err(format!("no event type {other}")),
            }
        };
    }
    events!(
        SalonEvent,
        StaffEvent,
        ServiceEvent,
        ServiceCategoryEvent,
        ClientEvent,
        RecordEvent,
        LoyaltyCardEvent,
        ScheduleEvent,
        GoodEvent,
        GoodsOperationEvent,
        FinancesOperationEvent
    )
}
