//! Every example, run against the embedded mock; the two inbound servers are driven over
//! loopback. The examples are compiled in as modules, so what runs here is their code.
#![allow(dead_code)]
// Each example brings its own copy of `examples/support`, as it does when built alone.
#![allow(clippy::duplicate_mod)]

mod common;

#[path = "../examples/create_client.rs"]
mod create_client;
#[path = "../examples/incremental_sync.rs"]
mod incremental_sync;
#[path = "../examples/login_and_appointments.rs"]
mod login_and_appointments;
#[path = "../examples/online_booking.rs"]
mod online_booking;
#[path = "../examples/quickstart.rs"]
mod quickstart;
#[path = "../examples/sms_provider.rs"]
mod sms_provider;
#[path = "../examples/update_appointment.rs"]
mod update_appointment;
#[path = "../examples/webhook_receiver.rs"]
mod webhook_receiver;

use altegio::mock::MockResponse;
use altegio::webhook::{EventStatus, Payload, WebhookSecret};
use common::{PARTNER, op, server, user_client};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

#[tokio::test]
async fn login_and_list_a_weeks_appointments() {
    let mock = server().await;
    let client = common::partner_client(&mock);
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 12).unwrap();
    let end = start + chrono::Days::new(6);
    let credentials = Some(("+13155550175", "pw"));
    let week = login_and_appointments::run(&client, credentials, start, end).await.unwrap().unwrap();
    assert_eq!(week.location_id, 1050);
    assert_eq!((week.start, week.end), (start, end));
    assert!(!week.appointments.is_empty());
    let list = mock.requests_for(op::GET_APPOINTMENT_LIST);
    assert_eq!(list.len(), 1, "one short page ends the stream");
    let query = list[0].query_pairs();
    for pair in [("start_date", "2026-01-12"), ("end_date", "2026-01-18"), ("page", "1"), ("count", "50")] {
        assert!(query.contains(&(pair.0.to_string(), pair.1.to_string())), "{query:?}");
    }
    // The user token from the login travels with the list call.
    assert!(list[0].header("authorization").unwrap().contains(", User "));
}

#[tokio::test]
async fn create_a_client_and_see_validation_errors() {
    let mock = server().await;
    let client = user_client(&mock);
    let id = create_client::run(&client, 4564, "Ada Lovelace", "+13155550175").await.unwrap();
    assert!(id.is_some());
    let sent = mock.requests_for(op::CREATE_CLIENT)[0].json().unwrap();
    assert_eq!(sent["name"], "Ada Lovelace");
    assert_eq!(sent["phone"], "+13155550175");

    mock.respond(
        op::CREATE_CLIENT,
        MockResponse::json(
            422,
            json!({"success": false, "data": null, "meta": {"message": "Invalid phone", "errors": {"phone": ["Invalid phone"]}}}),
        ),
    );
    let e = create_client::run(&client, 4564, "Ada", "12").await.unwrap_err();
    assert!(e.is_validation(), "{e:?}");
    assert_eq!(e.message(), Some("Invalid phone"));
    assert_eq!(mock.requests_for(op::CREATE_CLIENT).len(), 2, "a refused create is not retried");
}

#[tokio::test]
async fn incremental_sync_moves_the_watermark() {
    let mock = server().await;
    let client = user_client(&mock);
    let since = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
    mock.respond(
        op::GET_APPOINTMENT_LIST,
        MockResponse::json(
            200,
            json!({"success": true, "meta": {"total_count": 3}, "data": [
                {"id": 1, "last_change_date": "2026-01-17T19:41:44-0500", "deleted": false},
                {"id": "2", "last_change_date": "2026-02-01 08:00:00", "deleted": 1},
                {"id": 3, "last_change_date": "2026-01-20T10:00:00.000-05:00", "deleted": "0"}
            ]}),
        ),
    );
    let pass = incremental_sync::run(&client, 4564, since).await.unwrap();
    assert_eq!(pass.changed.len(), 2);
    assert_eq!(pass.deleted, vec![2]);
    assert_eq!(pass.next_since.to_string(), "2026-02-01 08:00:00");
    let query = mock.requests_for(op::GET_APPOINTMENT_LIST)[0].query_pairs();
    assert!(query.contains(&("changed_after".into(), "2026-01-01T00:00:00".into())), "{query:?}");
    assert!(query.contains(&("with_deleted".into(), "1".into())), "{query:?}");
}

#[tokio::test]
async fn online_booking_checks_then_books_the_first_free_slot() {
    let mock = server().await;
    let client = user_client(&mock);
    let booking = online_booking::Booking {
        location_id: 4564,
        team_member_id: 8886,
        service_id: 331,
        day: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        utc_offset: chrono::FixedOffset::west_opt(5 * 3600).unwrap(),
        client_name: "Ada",
        client_phone: "+13155550175",
    };
    mock.respond(
        op::GET_APPOINTMENT_CALENDAR_SESSIONS,
        MockResponse::json(
            200,
            json!({"success": true, "meta": [], "data": [{"time": "09:00", "is_free": 0}, {"time": "09:15", "is_free": "1"}]}),
        ),
    );
    let outcome = online_booking::run(&client, &booking).await.unwrap();
    let slot = chrono::DateTime::parse_from_rfc3339("2026-12-01T09:15:00-05:00").unwrap();
    assert!(matches!(&outcome, online_booking::Outcome::Booked { datetime, .. } if *datetime == slot));
    let sent = mock.requests_for(op::CREATE_APPOINTMENT)[0].json().unwrap();
    // The start goes out in ISO 8601 with the location's offset.
    assert_eq!(sent["datetime"], "2026-12-01T09:15:00-05:00");
    assert_eq!(sent["staff_id"], 8886);
    assert_eq!(sent["services"][0]["id"], 331);

    mock.respond(
        op::GET_APPOINTMENT_CALENDAR_SESSIONS,
        MockResponse::json(200, json!({"success": true, "meta": [], "data": [{"time": "09:00", "is_free": false}]})),
    );
    assert_eq!(online_booking::run(&client, &booking).await.unwrap(), online_booking::Outcome::NoSlot);
    assert_eq!(mock.requests_for(op::CREATE_APPOINTMENT).len(), 1, "no booking without a free slot");
}

#[tokio::test]
async fn the_webhook_receiver_checks_parses_and_answers() {
    let _ = altegio::Client::builder(PARTNER).build(); // installs the TLS provider for reqwest
    let secret = WebhookSecret::new("Zr4pQ8vT2mW9xK1c-test").unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}{}", listener.local_addr().unwrap(), webhook_receiver::PATH);
    let url = secret.url_for(&endpoint).unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let server = tokio::spawn(webhook_receiver::serve(listener, secret, tx));
    let http = reqwest::Client::new();
    let post = |url: String, body: Vec<u8>| {
        let http = http.clone();
        async move { http.post(url).body(body).send().await.unwrap().status().as_u16() }
    };

    for body in webhook_receiver::SAMPLE_EVENTS {
        assert_eq!(post(url.clone(), body.as_bytes().to_vec()).await, 200);
    }
    let forged = format!("{endpoint}?secret=Zr4pQ8vT2mW9xK1c-tesT");
    assert_eq!(post(forged, webhook_receiver::SAMPLE_EVENTS[0].into()).await, 401);
    assert_eq!(post(endpoint.clone(), webhook_receiver::SAMPLE_EVENTS[0].into()).await, 401);
    assert_eq!(post(url.replace("/altegio/webhook", "/other"), b"{}".to_vec()).await, 404);
    assert_eq!(post(url.clone(), b"{\"resource\":".to_vec()).await, 400);
    assert_eq!(post(url.clone(), br#"{"company_id":1,"status":"create"}"#.to_vec()).await, 400);
    assert_eq!(post(url.clone(), br#"{"resource":"record","data":{"id":{"x":1}}}"#.to_vec()).await, 400);
    assert_eq!(post(url.clone(), vec![b' '; webhook_receiver::MAX_BODY + 1]).await, 413);

    let mut events = Vec::new();
    for _ in webhook_receiver::SAMPLE_EVENTS {
        events.push(tokio::time::timeout(Duration::from_secs(5), rx.recv()).await.unwrap().unwrap());
    }
    assert!(rx.try_recv().is_err(), "refused requests deliver no event");
    match &events[0].payload {
        Payload::Record(a) => {
            assert_eq!(a.id.map(|i| i.get()), Some(29614361));
            assert_eq!(a.company_id.map(|i| i.get()), Some(4564));
            assert!(a.confirmed.is_some_and(|c| c.get()));
            let created = a.create_date.as_ref().and_then(|d| d.to_fixed()).unwrap();
            assert_eq!(created.to_rfc3339(), "2026-11-27T12:27:06-05:00");
            assert_eq!(a.date.as_ref().and_then(|d| d.naive()).unwrap().to_string(), "2026-12-01 10:00:00");
        }
        other => panic!("expected an appointment, got {other:?}"),
    }
    assert_eq!(events[0].status, EventStatus::Create);
    match &events[1].payload {
        Payload::Client(c) => {
            assert_eq!(c.name.as_deref(), Some("Emily Carter"));
            assert_eq!(c.phone.as_ref().map(|p| p.to_string()).as_deref(), Some("13155550175"));
            assert!(c.email.is_none(), "partial payloads leave the rest empty");
        }
        other => panic!("expected a client, got {other:?}"),
    }
    assert_eq!((events[1].company_id, events[1].resource_id), (Some(4564), Some(17330212)));
    assert!(matches!(&events[2].payload, Payload::Service(s) if s.id.is_none()));
    assert_eq!(events[2].status, EventStatus::Delete);
    assert!(matches!(&events[3].payload, Payload::Unknown(v) if v["amount"] == "12.5"));
    assert_eq!(events[3].raw()["resource"], "loyalty_transaction");
    server.abort();
}

#[tokio::test]
async fn the_sms_provider_answers_and_reports_delivery() {
    let mock = server().await;
    let partner = PARTNER;
    // A client that also has a user token: the report must still carry the partner token alone.
    let client = user_client(&mock);
    let provider = Arc::new(sms_provider::Provider::new(partner, client, 2 * sms_provider::PART_PRICE_CENTS));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}{}", listener.local_addr().unwrap(), sms_provider::PATH);
    let server_task = tokio::spawn(sms_provider::serve(listener, provider.clone()));
    let http = common::raw_http();
    let callback = format!("{}/delivery/status", mock.url());
    let request = sms_provider::sample_request(&callback, &["13155550175", "13155550176", "13155550177"]);

    let forged = http.post(&url).bearer_auth("wrong").json(&request).send().await.unwrap();
    assert_eq!(forged.status(), 401);
    assert_eq!(forged.json::<serde_json::Value>().await.unwrap()["error_code"], 20);
    let missing = http.post(&url).json(&request).send().await.unwrap();
    assert_eq!(missing.status(), 401);
    let bad = http.post(&url).bearer_auth(partner).body("{\"text\": 1}").send().await.unwrap();
    assert_eq!(bad.status(), 400);
    assert_eq!(bad.json::<serde_json::Value>().await.unwrap()["error_code"], 5);

    let reply = http.post(&url).bearer_auth(partner).json(&request).send().await.unwrap();
    assert_eq!(reply.status(), 200);
    let results: altegio::sms::SmsProviderReply = reply.json().await.unwrap();
    assert_eq!(results.0.len(), 3);
    assert!(results.0[0].is_accepted() && results.0[1].is_accepted());
    assert_eq!((results.0[2].id.as_str(), results.0[2].error_code), ("232676", Some(32)));

    let mut report = None;
    for _ in 0..250 {
        if let Some(r) = mock.requests_for(op::GET_MESSAGE_STATUS_LIST).pop() {
            report = Some(r);
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let report = report.expect("the delivery report reaches the callback URL");
    assert_eq!(report.header("authorization"), Some(format!("Bearer {partner}").as_str()));
    let body = report.json().unwrap();
    assert_eq!(body.as_array().unwrap().len(), 2, "only accepted messages are reported");
    assert_eq!(
        body[0],
        json!({"id": "232674", "status": 1, "payment_sum": 0.05, "currency_iso": "USD", "parts_amount": 1})
    );
    assert_eq!(provider.balance_cents.load(std::sync::atomic::Ordering::SeqCst), 0);
    server_task.abort();
}

#[test]
fn sms_parts_follow_the_gsm_and_unicode_sizes() {
    assert_eq!(sms_provider::parts(&"a".repeat(160)), 1);
    assert_eq!(sms_provider::parts(&"a".repeat(161)), 2);
    assert_eq!(sms_provider::parts(&"a".repeat(306)), 2);
    assert_eq!(sms_provider::parts(&"я".repeat(70)), 1);
    assert_eq!(sms_provider::parts(&"я".repeat(71)), 2);
}

/// The `main` of every example that needs no server of its own, exactly as
/// `cargo run --example` runs it (without production credentials in the environment).
#[test]
fn every_example_main_runs_against_the_mock() {
    if std::env::var_os("ALTEGIO_PARTNER_TOKEN").is_some() {
        eprintln!("ALTEGIO_PARTNER_TOKEN is set: not running the examples' mains, they would talk to production");
        return;
    }
    quickstart::main().unwrap();
    login_and_appointments::main().unwrap();
    create_client::main().unwrap();
    incremental_sync::main().unwrap();
    online_booking::main().unwrap();
    if std::env::var_os("WEBHOOK_LISTEN").is_none() {
        webhook_receiver::main().unwrap();
    }
    if std::env::var_os("SMS_LISTEN").is_none() {
        sms_provider::main().unwrap();
    }
}

#[tokio::test]
async fn read_an_appointment_change_its_comment_write_it_back() {
    let mock = server().await;
    let client = mock.client().unwrap();
    let written = update_appointment::run(&client, 37532, 511202, "Window seat, please").await.unwrap();
    assert!(written.is_some());
    let sent = mock.requests_for(op::UPDATE_APPOINTMENT)[0].json().unwrap();
    assert_eq!(sent["comment"], "Window seat, please");
    // Everything else as read (the spec's example of get_appointment).
    assert_eq!(sent["staff_id"], 55436);
    assert_eq!(sent["datetime"], "2026-09-21T15:00:00-04:00");
    assert_eq!(sent["seance_length"], 3600);
    assert_eq!(sent["attendance"], 2);
    assert_eq!(sent["custom_color"], "f44336");
    assert_eq!(sent["record_labels"], json!(["67345"]));
    assert_eq!(sent["services"], json!([{"id": 389045, "first_cost": 45.0, "discount": 0.0, "cost": 45.0}]));
    assert_eq!(
        sent["client"],
        json!({"name": "Emily Carter", "phone": "+13155550142", "email": "emily.carter@example.com"})
    );
}
