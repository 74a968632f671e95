//! The spec side of issue 15 over loopback: request fields typed as the official catalog
//! says, the client's `gender` kept, dates sent as dates, and the two shapes of an
//! appointment body.

mod common;
use altegio::b2b::types;
use altegio::mock::MockResponse;
use chrono::NaiveDate;
use common::*;
use serde_json::json;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn client_input() -> types::AppointmentClientInput {
    types::AppointmentClientInput { name: Some("Ada".into()), phone: Some("+13155550175".into()), email: None }
}

#[tokio::test]
async fn loyalty_card_type_id_is_sent_as_the_string_the_catalog_describes() {
    // The official example body, as written: the type id is a string.
    let body: types::LoyaltyCardIssue = serde_json::from_value(json!({
        "loyalty_card_number": "01010101",
        "loyalty_card_type_id": "8230",
        "phone": 13155550175_i64
    }))
    .expect("the official example body is accepted");
    assert_eq!(body.loyalty_card_type_id.as_deref(), Some("8230"));

    let mock = server().await;
    let client = user_client(&mock);
    client.issue_loyalty_card().location_id(4564).body(body).send().await.unwrap();
    let sent = mock.requests_for(op::ISSUE_LOYALTY_CARD)[0].json().unwrap();
    assert_eq!(sent["loyalty_card_type_id"], json!("8230"), "a JSON string, not a number");
    assert_eq!(sent["loyalty_card_number"], json!("01010101"));
    assert_eq!(sent["phone"], json!(13155550175_i64));
}

#[tokio::test]
async fn a_client_reply_keeps_gender() {
    let mock = server().await;
    let client = user_client(&mock);
    mock.respond(
        op::GET_CLIENT,
        MockResponse::json(
            200,
            json!({"success": true, "meta": [], "data": {
                "id": 17330212, "name": "Sarah", "phone": "+13155550178",
                "sex_id": 0, "sex": "Unknown", "gender_id": 0, "gender": "unknown"
            }}),
        ),
    );
    let reply = client.get_client().location_id(4564).id(17330212).send().await.unwrap();
    let profile = reply.data.as_ref().unwrap();
    assert_eq!(profile.gender.as_deref(), Some("unknown"));
    assert_eq!(profile.gender_id.map(|g| g.get()), Some(0));

    // The spec's own list example carries it too, and a null is no error.
    let list = client.deprecated_get_client_list().location_id(4564).send().await.unwrap();
    assert!(list.data.iter().any(|c| c.gender.as_deref() == Some("unknown")));
    let null: types::ClientProfile = serde_json::from_value(json!({"gender": null})).unwrap();
    assert_eq!(null.gender, None);
}

#[tokio::test]
async fn date_parameters_take_a_naive_date_and_send_yyyy_mm_dd() {
    let mock = server().await;
    let client = user_client(&mock);
    client
        .get_appointment_list()
        .location_id(4564)
        .start_date(day(2026, 1, 16))
        .end_date(day(2026, 1, 31))
        .c_start_date(day(2025, 12, 1))
        .send()
        .await
        .unwrap();
    let query = mock.requests_for(op::GET_APPOINTMENT_LIST)[0].query_pairs();
    for pair in [("start_date", "2026-01-16"), ("end_date", "2026-01-31"), ("c_start_date", "2025-12-01")] {
        assert!(query.contains(&(pair.0.to_string(), pair.1.to_string())), "{pair:?} in {query:?}");
    }

    // A date in the path goes out the same way.
    client
        .get_appointment_calendar_sessions()
        .location_id(4564)
        .team_member_id(8886)
        .date(day(2026, 3, 9))
        .send()
        .await
        .unwrap();
    assert_eq!(
        mock.requests_for(op::GET_APPOINTMENT_CALENDAR_SESSIONS)[0].path,
        "/timetable/seances/4564/8886/2026-03-09"
    );

    // A date in a body too.
    let body = types::builder::ClientCreate::default()
        .name("Ada".to_string())
        .phone("+13155550175".to_string())
        .birth_date(Some(day(1990, 4, 12)));
    client.create_client().location_id(4564).body(body).send().await.unwrap();
    assert_eq!(mock.requests_for(op::CREATE_CLIENT)[0].json().unwrap()["birth_date"], json!("1990-04-12"));
}

#[tokio::test]
async fn a_standard_appointment_goes_out_with_its_five_required_fields() {
    let mock = server().await;
    let client = user_client(&mock);
    let start = chrono::DateTime::parse_from_rfc3339("2026-01-16T10:00:00-05:00").unwrap();
    // Leaving out any of staff_id, services, client, datetime or seance_length does not compile.
    let mut service = types::AppointmentServiceInput::new(331);
    service.first_cost = Some(25.0);
    let mut standard = types::AppointmentStandard::new(8886, vec![service], client_input(), start, 3600);
    standard.attendance = Some(types::Attendance::try_from(2).unwrap());
    standard.comment = Some("First visit".into());
    standard.save_if_busy = Some(false);
    client.create_appointment().location_id(4564).body(standard).send().await.unwrap();
    let sent = mock.requests_for(op::CREATE_APPOINTMENT)[0].json().unwrap();
    assert_eq!(sent["staff_id"], 8886);
    assert_eq!(sent["services"], json!([{"id": 331, "first_cost": 25.0}]));
    assert_eq!(sent["client"], json!({"name": "Ada", "phone": "+13155550175"}));
    assert_eq!(sent["seance_length"], 3600);
    assert_eq!(sent["attendance"], 2);
    assert!(sent.get("activity_id").is_none(), "a standard appointment names no group event");
    // ISO 8601 with the caller's offset: the local day and time go out unchanged.
    assert_eq!(sent["datetime"], "2026-01-16T10:00:00-05:00");
}

#[tokio::test]
async fn a_group_event_booking_goes_out_with_the_event_and_the_client() {
    let mock = server().await;
    let client = user_client(&mock);
    let mut group = types::AppointmentGroupEvent::new(5821, client_input());
    group.send_sms = Some(true);
    client.update_appointment().location_id(4564).record_id(29614361).body(group).send().await.unwrap();
    let sent = mock.requests_for(op::UPDATE_APPOINTMENT)[0].json().unwrap();
    assert_eq!(
        sent,
        json!({"activity_id": 5821, "client": {"name": "Ada", "phone": "+13155550175"}, "send_sms": true})
    );
}

#[test]
fn an_appointment_body_is_one_of_the_two_shapes() {
    let standard = json!({
        "staff_id": 8886, "services": [{"id": 331}], "client": {"phone": "+13155550175"},
        "datetime": "2026-01-16T10:00:00-05:00", "seance_length": 3600
    });
    let group = json!({"activity_id": 5821, "client": {"phone": "+13155550175"}});
    assert!(matches!(serde_json::from_value(standard.clone()), Ok(types::AppointmentCreate::Standard(_))));
    assert!(matches!(serde_json::from_value(group), Ok(types::AppointmentUpdate::GroupEvent(_))));
    // A group-event booking that repeats the event's team member, services and start stays one.
    let mut both = standard.clone();
    both["activity_id"] = json!(5821);
    assert!(matches!(serde_json::from_value(both), Ok(types::AppointmentCreate::GroupEvent(_))));
    // `activity_id: 0` is the standard shape's way of naming no event.
    let mut zero = standard;
    zero["activity_id"] = json!(0);
    assert!(matches!(serde_json::from_value(zero), Ok(types::AppointmentCreate::Standard(_))));
    // A client alone is neither shape.
    assert!(serde_json::from_value::<types::AppointmentCreate>(json!({"client": {"phone": "+1"}})).is_err());
}

#[test]
fn attendance_in_a_request_is_one_of_the_documented_codes() {
    for code in [-1, 0, 1, 2] {
        assert_eq!(*types::Attendance::try_from(code).unwrap(), code);
    }
    assert!(types::Attendance::try_from(3).is_err());
    assert!(serde_json::from_value::<types::AppointmentAttendanceUpdate>(json!({"attendance": 5})).is_err());
}

#[tokio::test]
async fn an_inventory_operation_always_sends_its_product_lines() {
    let mock = server().await;
    let client = user_client(&mock);
    let line: types::StorageOperationTransaction =
        serde_json::from_value(json!({"good_id": 232674, "amount": 1, "operation_unit_type": 1, "cost_per_unit": 100, "cost": 100, "discount": 0}))
            .unwrap();
    // `goods_transactions` is a required field: a literal without it does not compile.
    let body = types::StorageOperationCreate {
        type_id: 1,
        storage_id: 91271,
        create_date: "2026-04-25 14:00:00".into(),
        goods_transactions: vec![line],
        account_id: None,
        comment: None,
        master_id: None,
        paid: None,
        transactions: Vec::new(),
    };
    client.create_inventory_operation().location_id(4564).body(body).send().await.unwrap();
    let sent = mock.requests_for(op::CREATE_INVENTORY_OPERATION)[0].json().unwrap();
    assert_eq!(sent["goods_transactions"][0]["good_id"], 232674);
    assert_eq!(sent["create_date"], "2026-04-25 14:00:00");
    // The official description requires the lines: a body without them is refused when read.
    assert!(
        serde_json::from_value::<types::StorageOperationCreate>(
            json!({"type_id": 1, "storage_id": 91271, "create_date": "2026-04-25 14:00:00"})
        )
        .is_err()
    );
}

#[tokio::test]
async fn flags_go_out_as_zero_or_one() {
    let mock = server().await;
    let client = user_client(&mock);
    client.get_appointment_list().location_id(4564).with_deleted(true).send().await.unwrap();
    let query = mock.requests_for(op::GET_APPOINTMENT_LIST)[0].query_pairs();
    assert!(query.contains(&("with_deleted".to_string(), "1".to_string())), "{query:?}");
    client.get_appointment_list().location_id(4564).with_deleted(false).send().await.unwrap();
    let query = mock.requests_for(op::GET_APPOINTMENT_LIST)[1].query_pairs();
    assert!(query.contains(&("with_deleted".to_string(), "0".to_string())), "{query:?}");
}

/// The properties a schema requires, following `$ref`s into `definitions`.
fn required_of(root: &serde_json::Value, schema: &serde_json::Value) -> std::collections::BTreeSet<String> {
    let schema = match schema["$ref"].as_str().and_then(|r| r.rsplit('/').next()) {
        Some(name) => &root["definitions"][name],
        None => schema,
    };
    schema["required"].as_array().into_iter().flatten().filter_map(|s| s.as_str().map(str::to_string)).collect()
}

#[test]
fn the_appointment_bodies_schema_lists_both_shapes_with_their_required_fields() {
    let want = [
        ["client", "datetime", "seance_length", "services", "staff_id"].as_slice(),
        ["activity_id", "client"].as_slice(),
    ];
    for op in ["create_appointment", "update_appointment"] {
        let spec = altegio::b2b::operations::spec_request_schema(op).unwrap();
        let shapes = spec["oneOf"].as_array().unwrap_or_else(|| panic!("{op}: the spec's body is a oneOf"));
        assert_eq!(shapes.len(), 2, "{op}");
        let rust = serde_json::to_value(altegio::b2b::operations::request_schema(op).unwrap()).unwrap();
        let variants = rust["anyOf"].as_array().or(rust["oneOf"].as_array()).expect("the Rust type is an enum");
        let found: Vec<_> = variants.iter().map(|v| required_of(&rust, v)).collect();
        for required in want {
            let required: std::collections::BTreeSet<String> = required.iter().map(|s| s.to_string()).collect();
            assert!(found.contains(&required), "{op}: no shape requires exactly {required:?} (found {found:?})");
        }
    }
}
