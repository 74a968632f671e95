//! Types that work with the integrator: what goes over the wire is what the caller gave,
//! and replies compare with `==`.

mod common;
use altegio::b2b::types;
use common::*;

#[tokio::test]
async fn a_request_date_time_keeps_the_callers_offset() {
    let server = server().await;
    let client = user_client(&server);
    let till: chrono::DateTime<chrono::FixedOffset> = "2026-12-31T23:59:59-05:00".parse().unwrap();
    let body = types::builder::ChainMembershipFreeze::default().freeze_till(till);
    client.chain_loyalty_memberships_freeze().chain_id(1).membership_id(2).body(body).send().await.unwrap();
    let sent = server.requests_for(op::CHAIN_LOYALTY_MEMBERSHIPS_FREEZE)[0].json().unwrap();
    // The same instant in UTC would be 2027-01-01T04:59:59Z: another calendar day.
    assert_eq!(sent["freeze_till"], "2026-12-31T23:59:59-05:00");
}

#[tokio::test]
async fn replies_compare_with_eq() {
    let server = server().await;
    let client = partner_client(&server);
    let a = client.get_location().location_id(1).send().await.unwrap().into_inner();
    let b = client.get_location().location_id(1).send().await.unwrap().into_inner();
    assert_eq!(a, b);
    let mut c = b.clone();
    if let Some(d) = c.data.as_mut() {
        d.title = Some("Another".into());
    }
    assert_ne!(a, c);
}

#[tokio::test]
async fn a_reply_documented_as_possibly_empty_decodes_when_empty() {
    use altegio::mock::MockResponse;
    let server = server().await;
    server.respond(op::UPDATE_VISIT, MockResponse::raw(200, "application/json", Vec::new()));
    let client = user_client(&server);
    let body: types::VisitUpdate =
        serde_json::from_value(serde_json::json!({"attendance": 1, "comment": "Arrived on time"})).unwrap();
    client.update_visit().visit_id(2).record_id(3).body(body).send().await.unwrap();
    // Elsewhere an empty 200 is still a decode error, not a silent success.
    server.respond(op::GET_LOCATION, MockResponse::raw(200, "application/json", Vec::new()));
    let err = client.get_location().location_id(1).send().await.unwrap_err();
    assert!(err.is_decode(), "{err:?}");
}

#[tokio::test]
async fn the_mocks_client_is_quick_and_operations_are_named_by_type() {
    let server = server().await;
    let client = server.client().unwrap();
    let second = server.client().unwrap();
    let started = std::time::Instant::now();
    for _ in 0..30 {
        client.get_location().location_id(1).send().await.unwrap();
    }
    second.get_location().location_id(1).send().await.unwrap();
    // With the process-wide limiter (5 per second) these 31 calls took over 5 s.
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
    assert_eq!(server.requests_for(op::GET_LOCATION).len(), 31);
    assert_eq!(op::GET_LOCATION.id, "get_location");
    assert_eq!(op::GET_LOCATION.path, "/company/{location_id}");
    // An id known only at run time is looked up, and an unknown one says so.
    assert!(altegio::b2b::operations::find("get_locaton").is_none());
}

#[tokio::test]
async fn optional_body_fields_take_the_plain_value() {
    let server = server().await;
    let client = server.client().unwrap();
    // `surname` is optional, `name` required: both take a `&str`; `None` leaves a field out.
    let body = types::builder::ClientCreate::default()
        .name("Ada")
        .surname("Lovelace")
        .phone("+13155550175")
        .email(None)
        .balance(12.5);
    client.create_client().location_id(1).body(body).send().await.unwrap();
    let sent = server.requests_for(op::CREATE_CLIENT)[0].json().unwrap();
    assert_eq!(sent["surname"], "Lovelace");
    assert_eq!(sent["balance"], 12.5);
    assert!(sent.get("email").is_none(), "{sent}");
}

#[tokio::test]
async fn a_raw_request_reaches_paths_the_spec_lacks_through_the_same_pipeline() {
    use reqwest::Method;
    let server = server().await;
    let client = server.client().unwrap();
    // A path the spec knows, read as JSON.
    let reply = client.request(Method::GET, &["company", "1"]).query("lang", "en").send::<serde_json::Value>().await;
    let reply = reply.unwrap().into_inner();
    assert_eq!(reply["success"], true);
    let sent = &server.requests()[0];
    assert_eq!(sent.path, "/company/1");
    assert_eq!(sent.query.as_deref(), Some("lang=en"));
    assert!(sent.header("authorization").unwrap().starts_with("Bearer "), "same auth");
    // A hostile segment stays one segment; an unknown path is an error naming the raw call.
    let err = client
        .request(Method::POST, &["company", "../../auth", "thing"])
        .json(&serde_json::json!({"a": 1}))
        .send::<serde_json::Value>()
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    assert_eq!(err.operation(), Some(altegio::b2b::RAW_REQUEST));
    assert_eq!(err.attempts(), 1, "a write is not sent twice");
    let sent = server.requests().last().unwrap().clone();
    assert_eq!(sent.path, "/company/..%2F..%2Fauth/thing");
    assert_eq!(sent.json().unwrap(), serde_json::json!({"a": 1}));
}

#[tokio::test]
async fn a_reply_enumeration_keeps_a_value_it_does_not_list() {
    use altegio::mock::MockResponse;
    use altegio::wire::OrUnknown;
    let server = server().await;
    let client = server.client().unwrap();
    let example: serde_json::Value = serde_json::from_str(op::GET_APPOINTMENT.example.unwrap()).unwrap();
    let mut data = example["data"].clone();
    data["attendance"] = serde_json::json!(7);
    data["visit_attendance"] = serde_json::json!("-1");
    server.respond(op::GET_APPOINTMENT, MockResponse::json(200, serde_json::json!({"success": true, "data": data})));
    // A code Altegio may add one day does not break the reply; a code as a string still reads.
    let appointment = client.get_appointment().location_id(1).record_id(2).send().await.unwrap().into_inner();
    let appointment = appointment.data.unwrap();
    assert_eq!(appointment.attendance, Some(OrUnknown::Unknown(serde_json::json!(7))));
    let no_show = appointment.visit_attendance.as_ref().and_then(|a| a.known()).map(|a| **a);
    assert_eq!(no_show, Some(-1));
    // It goes back out as it came.
    assert_eq!(serde_json::to_value(&appointment).unwrap()["attendance"], 7);
    // A request takes only the documented codes: resending the unknown one is refused, by name.
    let err = types::AppointmentStandard::try_from(&appointment).unwrap_err();
    assert_eq!(err.field(), "attendance", "{err}");
    // In requests the enumeration stays strict.
    assert!(
        serde_json::from_value::<types::AppointmentAttendanceUpdate>(serde_json::json!({"attendance": 7})).is_err()
    );
}

#[tokio::test]
async fn request_limits_are_checked_before_sending() {
    let server = server().await;
    let client = server.client().unwrap();
    // "At least one location": an empty list is refused, naming the field; nothing is sent.
    let body = types::UserRemoveFromLocations { user_company_links: Vec::new() };
    let err = client.remove_user_from_locations().location_id(1).user_id(2).body(body).send().await.unwrap_err();
    assert!(err.is_invalid_request(), "{err:?}");
    assert!(err.message().unwrap_or_default().contains("`user_company_links` has 0 item(s), at least 1"), "{err}");
    // The break is whole 5-minute steps up to an hour, also inside an alternative shape.
    let start: chrono::DateTime<chrono::FixedOffset> = "2026-09-21T15:00:00-04:00".parse().unwrap();
    let mut appointment = types::AppointmentStandard::new(
        5,
        vec![types::AppointmentServiceInput::new(1)],
        Default::default(),
        start,
        3600,
    );
    appointment.technical_break_duration = Some(450);
    let err = client.create_appointment().location_id(1).body(appointment.clone()).send().await.unwrap_err();
    assert!(err.message().unwrap_or_default().contains("`technical_break_duration` is 450, not a multiple of 300"));
    appointment.technical_break_duration = Some(3900);
    let err = client.create_appointment().location_id(1).body(appointment.clone()).send().await.unwrap_err();
    assert!(err.message().unwrap_or_default().contains("above the maximum 3600"), "{err}");
    assert!(server.requests().is_empty(), "nothing was sent");
    // Within the limits it goes out.
    appointment.technical_break_duration = Some(600);
    client.create_appointment().location_id(1).body(appointment).send().await.unwrap();
    assert_eq!(server.requests_for(op::CREATE_APPOINTMENT).len(), 1);
}
