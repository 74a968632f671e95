//! Read–modify–write without loss: for every entity whose update is a full replacement,
//! the entity a reply carries converts into the update's body (`TryFrom<&Entity>`), so an
//! update that changes one field sends every other field as it was read.
//!
//! Each test reads the entity from the mock (the spec's example), converts it, changes one
//! field, sends the update and compares the body the mock received with the JSON the read
//! returned: every field the body and the entity share must be there, unchanged, apart from
//! the one changed. The body's fields come from its JSON Schema, not from the generator, so
//! a field the conversion forgets fails here.

mod common;
use altegio::b2b::types;
use altegio::mock::MockResponse;
use common::*;
use serde_json::{Value, json};

/// The `data` of an operation's example, as the mock sends it.
fn example_data(operation: &altegio::Operation) -> Value {
    let example: Value = serde_json::from_str(operation.example.expect("the operation has an example")).unwrap();
    example["data"].clone()
}

/// The property names of a body type, from its JSON Schema.
fn body_fields<T: altegio::schemars::JsonSchema>() -> Vec<String> {
    let schema = altegio::schemars::schema_for!(T);
    let object = schema.schema.object.expect("an object schema");
    object.properties.keys().cloned().collect()
}

/// The same value on the wire, allowing for the lenient reply's spellings: `"77"` and `77`,
/// `1`, `"1"` and `true`, `[]` and `{}`, `-0400` and `-04:00`.
fn same(sent: &Value, read: &Value) -> bool {
    use chrono::DateTime;
    let instant =
        |s: &str| DateTime::parse_from_rfc3339(s).or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z")).ok();
    match (sent, read) {
        (a, b) if a == b => true,
        (Value::Number(a), Value::String(b)) | (Value::String(b), Value::Number(a)) => {
            b.trim().parse::<f64>().ok() == a.as_f64()
        }
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Number(a), Value::Bool(b)) | (Value::Bool(b), Value::Number(a)) => {
            a.as_f64() == Some(if *b { 1.0 } else { 0.0 })
        }
        (Value::String(a), Value::Bool(b)) | (Value::Bool(b), Value::String(a)) => {
            a.trim() == if *b { "1" } else { "0" } || a.trim() == b.to_string()
        }
        (Value::String(a), Value::String(b)) => {
            // Same instant and same offset: a date-time must not move.
            matches!((instant(a), instant(b)), (Some(x), Some(y)) if x == y && x.offset() == y.offset())
        }
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y)),
        // Every field of a nested object sent is the one read.
        (Value::Object(a), Value::Object(b)) => a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w))),
        (Value::Object(a), Value::Array(b)) | (Value::Array(b), Value::Object(a)) => a.is_empty() && b.is_empty(),
        _ => false,
    }
}

fn empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// The reply's value for a body field: the field of the same name, or the path the spec's
/// `x-altegio-update-from` gives (`categories[].id`: the `id` of each item; `type.code`: a
/// field of a nested object).
fn read_value(read: &Value, source: &str) -> Option<Value> {
    match source.split_once("[].") {
        Some((list, sub)) => {
            let items = read.get(list)?.as_array()?;
            Some(Value::Array(items.iter().map(|i| i[sub].clone()).collect()))
        }
        None => match source.split_once('.') {
            Some((object, sub)) => read.get(object)?.get(sub).cloned(),
            None => read.get(source).cloned(),
        },
    }
}

/// Checks the body sent against the entity read; returns how many fields were compared.
fn check_unchanged(read: &Value, sent: &Value, fields: &[String], renames: &[(&str, &str)], changed: &str) -> usize {
    let mut compared = 0;
    for field in fields {
        if field == changed {
            continue;
        }
        let source = renames.iter().find(|(b, _)| b == field).map_or(field.as_str(), |(_, r)| *r);
        let Some(value) = read_value(read, source).filter(|v| !empty(v)) else {
            continue;
        };
        let Some(out) = sent.get(field) else {
            panic!("`{field}` was read as {value} but the update left it out: {sent}");
        };
        assert!(same(out, &value), "`{field}` was read as {value} but sent as {out}");
        compared += 1;
    }
    compared
}

#[tokio::test]
async fn an_appointment_keeps_every_field_but_the_comment() {
    let server = server().await;
    let client = server.client().unwrap();
    let appointment = client.get_appointment().location_id(1).record_id(2).send().await.unwrap().into_inner();
    let appointment = appointment.data.unwrap();

    // Read, change one field, write.
    let mut body = types::AppointmentStandard::try_from(&appointment).unwrap();
    body.comment = Some("Window seat, please".into());
    client.update_appointment().location_id(1).record_id(2).body(body).send().await.unwrap();

    let sent = server.requests_for(op::UPDATE_APPOINTMENT)[0].json().unwrap();
    assert_eq!(sent["comment"], "Window seat, please");
    let read = example_data(op::GET_APPOINTMENT);
    let fields = body_fields::<types::AppointmentStandard>();
    let compared = check_unchanged(&read, &sent, &fields, &[("record_labels", "record_labels[].id")], "comment");
    assert!(compared >= 10, "only {compared} fields compared: {sent}");
    // The lenient reply's types are resolved: ids as integers, tag ids as the body's strings,
    // the start with the location's offset, the services with their prices.
    assert_eq!(sent["staff_id"], 55436);
    assert_eq!(sent["record_labels"], json!(["67345"]));
    assert_eq!(sent["datetime"], "2026-09-21T15:00:00-04:00");
    assert_eq!(sent["services"][0]["id"], 389045);
    assert_eq!(sent["client"]["phone"], "+13155550142");
    assert_eq!(sent["attendance"], 2);
}

#[tokio::test]
async fn an_appointment_converts_to_its_shape() {
    let server = server().await;
    let client = server.client().unwrap();
    let mut data = example_data(op::GET_APPOINTMENT);
    data["activity_id"] = json!("77");
    server.respond(op::GET_APPOINTMENT, MockResponse::json(200, json!({"success": true, "data": data, "meta": []})));
    let appointment = client.get_appointment().location_id(1).record_id(2).send().await.unwrap().into_inner();
    let appointment = appointment.data.unwrap();

    // A booking into a group event becomes the group-event shape.
    let body = types::AppointmentUpdate::try_from(&appointment).unwrap();
    let types::AppointmentUpdate::GroupEvent(event) = &body else { panic!("{body:?}") };
    assert_eq!(event.activity_id, 77);
    assert_eq!(event.comment.as_deref(), Some("Wants a shorter fringe"));
    client.update_appointment().location_id(1).record_id(2).body(body).send().await.unwrap();
    let sent = server.requests_for(op::UPDATE_APPOINTMENT)[0].json().unwrap();
    assert_eq!(sent["activity_id"], 77);
    assert!(sent.get("staff_id").is_none(), "{sent}");
    let compared = check_unchanged(
        &data,
        &sent,
        &body_fields::<types::AppointmentGroupEvent>(),
        &[("record_labels", "record_labels[].id")],
        "",
    );
    assert!(compared >= 6, "only {compared} fields compared: {sent}");

    // It cannot pass for a standard appointment: its event id is refused, by name.
    let err = types::AppointmentStandard::try_from(&appointment).unwrap_err();
    assert_eq!(err.field(), "activity_id");
    // A standard appointment becomes the standard shape.
    let mut standard = appointment.clone();
    standard.activity_id = Some(0.into());
    assert!(matches!(types::AppointmentUpdate::try_from(&standard), Ok(types::AppointmentUpdate::Standard(_))));
}

#[tokio::test]
async fn a_reply_that_cannot_be_resent_says_which_field() {
    let server = server().await;
    let client = server.client().unwrap();
    let mut data = example_data(op::GET_APPOINTMENT);
    data["datetime"] = json!("2026-09-21 15:00:00");
    data["services"][0]["id"] = Value::Null;
    server.respond(op::GET_APPOINTMENT, MockResponse::json(200, json!({"success": true, "data": data})));
    let appointment = client.get_appointment().location_id(1).record_id(2).send().await.unwrap().into_inner();
    let appointment = appointment.data.unwrap();
    // A start without an offset would be sent as another time: refused, never guessed.
    let err = types::AppointmentStandard::try_from(&appointment).unwrap_err();
    assert_eq!(err.field(), "datetime", "{err}");
    let mut fixed = appointment.clone();
    fixed.datetime = Some("2026-09-21T15:00:00-04:00".into());
    let err = types::AppointmentStandard::try_from(&fixed).unwrap_err();
    assert_eq!(err.field(), "services[0].id", "{err}");
    // `?` turns it into the crate's error: a request refused before sending, naming the field.
    let err: altegio::Error = err.into();
    assert!(err.is_invalid_request(), "{err:?}");
    assert_eq!(err.json_path(), Some("services[0].id"));
}

#[tokio::test]
async fn a_client_keeps_every_field_but_the_surname() {
    let server = server().await;
    let client = server.client().unwrap();
    let profile = client.get_client().location_id(1).id(2).send().await.unwrap().into_inner().data.unwrap();
    let mut body = types::ClientUpdate::try_from(&profile).unwrap();
    body.surname = Some("Carter-Jones".into());
    client.update_client().location_id(1).id(2).body(body).send().await.unwrap();

    let sent = server.requests_for(op::UPDATE_CLIENT)[0].json().unwrap();
    assert_eq!(sent["surname"], "Carter-Jones");
    let read = example_data(op::GET_CLIENT);
    let fields = body_fields::<types::ClientUpdate>();
    let compared = check_unchanged(&read, &sent, &fields, &[("labels", "categories[].id")], "surname");
    assert!(compared >= 12, "only {compared} fields compared: {sent}");
    // Tags as the body takes them (ids), flags as 0/1, the birth date as a date.
    assert_eq!(sent["labels"], json!([9931]));
    assert_eq!(sent["sms_check"], 1);
    assert_eq!(sent["birth_date"], "1990-04-12");
    assert_eq!(sent["custom_fields"], json!({"referral-source": "Instagram"}));
}

#[tokio::test]
async fn a_team_member_keeps_every_field_but_the_name() {
    let server = server().await;
    let client = server.client().unwrap();
    let reply = client.get_team_member().location_id(1).team_member_id(2).send().await.unwrap().into_inner();
    let member = match reply.data.unwrap() {
        types::TeamMemberOneOrMany::TeamMember(m) => m,
        types::TeamMemberOneOrMany::Array(mut list) => list.remove(0),
    };
    let mut body = types::TeamMemberUpdate::try_from(&member).unwrap();
    body.name = Some("Ashley J.".into());
    client.update_team_member().location_id(1).team_member_id(2).body(body).send().await.unwrap();

    let sent = server.requests_for(op::UPDATE_TEAM_MEMBER)[0].json().unwrap();
    assert_eq!(sent["name"], "Ashley J.");
    let read = match example_data(op::GET_TEAM_MEMBER) {
        Value::Array(mut a) => a.remove(0),
        one => one,
    };
    let compared = check_unchanged(&read, &sent, &body_fields::<types::TeamMemberUpdate>(), &[], "name");
    assert!(compared >= 6, "only {compared} fields compared: {sent}");
}

#[tokio::test]
async fn a_service_keeps_every_field_but_the_title() {
    let server = server().await;
    let client = server.client().unwrap();
    let reply = client.get_service().location_id(1).service_id(2).send().await.unwrap().into_inner();
    let service = match reply.data.unwrap() {
        types::ServiceOneOrMany::Service(s) => s,
        types::ServiceOneOrMany::Array(mut list) => list.remove(0),
    };
    let mut body = types::ServiceUpdate::try_from(&service).unwrap();
    body.title = Some("Long haircut".into());
    client.deprecated_update_service_by_id().location_id(1).service_id(2).body(body).send().await.unwrap();

    let sent = server.requests_for(op::DEPRECATED_UPDATE_SERVICE_BY_ID)[0].json().unwrap();
    assert_eq!(sent["title"], "Long haircut");
    let read = match example_data(op::GET_SERVICE) {
        Value::Array(mut a) => a.remove(0),
        one => one,
    };
    let compared = check_unchanged(&read, &sent, &body_fields::<types::ServiceUpdate>(), &[], "title");
    assert!(compared >= 6, "only {compared} fields compared: {sent}");
}

#[tokio::test]
async fn a_product_keeps_every_field_but_the_title() {
    let server = server().await;
    let client = server.client().unwrap();
    // The official reply of `get_product` has no `category_id`, which the update requires:
    // the conversion says so instead of sending a product without its category.
    let product = client.get_product().location_id(1).product_id(2).send().await.unwrap().into_inner().data.unwrap();
    let err = types::ProductUpdate::try_from(&product).unwrap_err();
    assert_eq!(err.field(), "category_id", "{err}");
    // With the category known, everything read goes back.
    let mut read = example_data(op::GET_PRODUCT);
    read["category_id"] = json!("4411");
    server.respond(op::GET_PRODUCT, MockResponse::json(200, json!({"success": true, "data": read, "meta": []})));
    let product = client.get_product().location_id(1).product_id(2).send().await.unwrap().into_inner().data.unwrap();
    let mut body = types::ProductUpdate::try_from(&product).unwrap();
    body.title = "Shampoo, 500 ml".into();
    client.update_product().location_id(1).product_id(2).body(body).send().await.unwrap();

    let sent = server.requests_for(op::UPDATE_PRODUCT)[0].json().unwrap();
    assert_eq!(sent["title"], "Shampoo, 500 ml");
    // The body's `sale_unit_id` is the reply's `unit_id`.
    let renames = [("sale_unit_id", "unit_id")];
    let compared = check_unchanged(&read, &sent, &body_fields::<types::ProductUpdate>(), &renames, "title");
    assert!(compared >= 8, "only {compared} fields compared: {sent}");
    assert!(sent.get("sale_unit_id").is_some(), "{sent}");
}

#[tokio::test]
async fn categories_keep_every_field_but_the_title() {
    let server = server().await;
    let client = server.client().unwrap();
    // A service category.
    let reply = client.get_service_category().location_id(1).id(2).send().await.unwrap().into_inner();
    let category = match reply.data.unwrap() {
        types::ServiceCategoryOneOrMany::ServiceCategory(c) => c,
        types::ServiceCategoryOneOrMany::Array(mut list) => list.remove(0),
    };
    let mut body = types::ServiceCategoryUpdate::try_from(&category).unwrap();
    body.title = Some("Colouring".into());
    client.update_service_category().location_id(1).id(2).body(body).send().await.unwrap();
    let sent = server.requests_for(op::UPDATE_SERVICE_CATEGORY)[0].json().unwrap();
    assert_eq!(sent["title"], "Colouring");
    let read = match example_data(op::GET_SERVICE_CATEGORY) {
        Value::Array(mut a) => a.remove(0),
        one => one,
    };
    let compared = check_unchanged(&read, &sent, &body_fields::<types::ServiceCategoryUpdate>(), &[], "title");
    assert!(compared >= 2, "only {compared} fields compared: {sent}");

    // A product category.
    let list =
        client.get_product_category_list().location_id(1).parent_category_id(0).send().await.unwrap().into_inner();
    // The second one: the first has no parent (`null`), so only its title would be compared.
    let category = list.data.into_iter().nth(1).expect("two categories");
    let mut body = types::ProductCategoryWrite::try_from(&category).unwrap();
    body.title = "Hair care".into();
    client.update_product_category().location_id(1).category_id(2).body(body).send().await.unwrap();
    let sent = server.requests_for(op::UPDATE_PRODUCT_CATEGORY)[0].json().unwrap();
    assert_eq!(sent["title"], "Hair care");
    let read = example_data(op::GET_PRODUCT_CATEGORY_LIST)[1].clone();
    let compared = check_unchanged(&read, &sent, &body_fields::<types::ProductCategoryWrite>(), &[], "title");
    assert!(compared >= 1, "only {compared} fields compared: {sent}");
}

#[tokio::test]
async fn a_location_keeps_every_field_but_the_address() {
    let server = server().await;
    let client = server.client().unwrap();
    let location = client.get_location().location_id(1).send().await.unwrap().into_inner().data.unwrap();
    let mut body = types::LocationUpdate::try_from(&location).unwrap();
    body.address = Some("122 Walton St".into());
    client.update_location().location_id(1).body(body).send().await.unwrap();

    let sent = server.requests_for(op::UPDATE_LOCATION)[0].json().unwrap();
    assert_eq!(sent["address"], "122 Walton St");
    let read = example_data(op::GET_LOCATION);
    let compared = check_unchanged(&read, &sent, &body_fields::<types::LocationUpdate>(), &[], "address");
    assert!(compared >= 10, "only {compared} fields compared: {sent}");
    // Coordinates as numbers, the ZIP code as the string it was, the social handles kept.
    assert_eq!(sent["coordinate_lat"], 43.048122);
    assert_eq!(sent["zip"], "13202");
    assert_eq!(sent["social"]["instagram"], "sunsetbeauty");
}

#[tokio::test]
async fn a_financial_transaction_keeps_every_field_but_the_amount() {
    let server = server().await;
    let client = server.client().unwrap();
    let reply = client.get_financial_transaction().location_id(1).transaction_id(2).send().await.unwrap();
    let transaction = match reply.into_inner().data.unwrap() {
        types::FinanceTransactionOneOrMany::FinanceTransaction(t) => t,
        types::FinanceTransactionOneOrMany::Array(mut list) => list.remove(0),
    };
    let mut body = types::FinanceTransactionUpdate::try_from(&transaction).unwrap();
    body.amount = Some(450.0);
    client.update_financial_transaction().location_id(1).transaction_id(2).body(body).send().await.unwrap();

    let sent = server.requests_for(op::UPDATE_FINANCIAL_TRANSACTION)[0].json().unwrap();
    assert_eq!(sent["amount"], 450.0);
    let read = example_data(op::GET_FINANCIAL_TRANSACTION);
    let fields = body_fields::<types::FinanceTransactionUpdate>();
    let compared = check_unchanged(&read, &sent, &fields, &[], "amount");
    assert!(compared >= 7, "only {compared} fields compared: {sent}");
    // Both names of the payment item go back, and the date as it was read.
    assert_eq!(sent["expense_id"], 2640);
    assert_eq!(sent["type_id"], 2640);
    assert_eq!(sent["date"], "2026-04-04 20:00:00");
}

#[tokio::test]
async fn a_tag_keeps_every_field_but_the_colour() {
    let server = server().await;
    let client = server.client().unwrap();
    let list = client
        .get_tag_list_by_entity()
        .location_id(1)
        .entity(types::GetTagListByEntityEntity::Record)
        .send()
        .await
        .unwrap()
        .into_inner();
    let tag = list.data.into_iter().nth(1).expect("two tags");
    let mut body = types::TagUpdate::try_from(&tag).unwrap();
    body.color = Some("#aa0000".into());
    client.update_tag_by_tag_id().location_id(1).tag_id(2).body(body).send().await.unwrap();

    let sent = server.requests_for(op::UPDATE_TAG_BY_TAG_ID)[0].json().unwrap();
    assert_eq!(sent["color"], "#aa0000");
    let read = example_data(op::GET_TAG_LIST_BY_ENTITY)[1].clone();
    let compared = check_unchanged(&read, &sent, &body_fields::<types::TagUpdate>(), &[], "color");
    assert!(compared >= 3, "only {compared} fields compared: {sent}");
    // The V1 list sends the kind as a string; the body takes the integer.
    assert_eq!(sent["entity"], 2);
}

#[tokio::test]
async fn a_schedule_keeps_every_day_but_the_one_changed() {
    let server = server().await;
    let client = server.client().unwrap();
    let (start, end) = (date(2026, 10, 5), date(2026, 10, 7));
    let reply = client
        .get_team_member_schedule()
        .location_id(1)
        .team_member_id(2)
        .start_date(start)
        .end_date(end)
        .send()
        .await
        .unwrap()
        .into_inner();
    // Each day read becomes a day of the body; the first day ends an hour later.
    let mut days =
        reply.data.iter().map(types::WorkScheduleDayUpdate::try_from).collect::<Result<Vec<_>, _>>().unwrap();
    days[0].slots[1].to = "20:15".into();
    client
        .update_team_member_schedule()
        .location_id(1)
        .team_member_id(2)
        .start_date(start)
        .end_date(end)
        .body(days)
        .send()
        .await
        .unwrap();

    let sent = server.requests_for(op::UPDATE_TEAM_MEMBER_SCHEDULE)[0].json().unwrap();
    let sent = sent.as_array().expect("a list of days");
    let read = example_data(op::GET_TEAM_MEMBER_SCHEDULE);
    let read = read.as_array().expect("a list of days");
    assert_eq!(sent.len(), read.len());
    assert_eq!(sent[0]["slots"][1], json!({"from": "15:00", "to": "20:15"}));
    let fields = body_fields::<types::WorkScheduleDayUpdate>();
    let mut compared = check_unchanged(&read[0], &sent[0], &fields, &[], "slots");
    assert_eq!(sent[0]["slots"][0], read[0]["slots"][0]);
    for (s, r) in sent.iter().zip(read).skip(1) {
        compared += check_unchanged(r, s, &fields, &[], "");
    }
    assert!(compared >= 5, "only {compared} fields compared: {sent:?}");
    // The flags as booleans, and the day without hours sent with its empty slots.
    assert_eq!(sent[0]["is_working"], true);
    assert_eq!(sent[2], json!({"date": "2026-10-07", "is_working": false, "slots": []}));
}

fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

#[tokio::test]
async fn a_storage_document_keeps_every_field_but_the_comment() {
    let server = server().await;
    let client = server.client().unwrap();
    let document = client.get_document().location_id(1).document_id(2).send().await.unwrap().into_inner().data.unwrap();
    let mut body = types::StorageDocumentWrite::try_from(&document).unwrap();
    body.comment = Some("Retail sale, paid by card".into());
    client.update_document().location_id(1).document_id(2).body(body).send().await.unwrap();

    let sent = server.requests_for(op::UPDATE_DOCUMENT)[0].json().unwrap();
    assert_eq!(sent["comment"], "Retail sale, paid by card");
    let read = example_data(op::GET_DOCUMENT);
    let compared = check_unchanged(&read, &sent, &body_fields::<types::StorageDocumentWrite>(), &[], "comment");
    assert_eq!(compared, 3, "{sent}");
    assert_eq!(sent["create_date"], "2026-09-21 15:30:00");
}

#[tokio::test]
async fn a_custom_field_keeps_every_field_but_the_title() {
    let server = server().await;
    let client = server.client().unwrap();
    let list = client.get_custom_field_list().location_id(1).field_category("client").send().await.unwrap();
    let entry = list.into_inner().data.into_iter().nth(1).expect("two custom fields");
    let field = entry.custom_field.expect("the field's definition");
    let mut body = types::CustomFieldUpdate::try_from(&field).unwrap();
    body.title = "How did you hear of us?".into();
    client.update_custom_field().location_id(1).field_category("client").field_id(7).body(body).send().await.unwrap();

    let sent = server.requests_for(op::UPDATE_CUSTOM_FIELD)[0].json().unwrap();
    assert_eq!(sent["title"], "How did you hear of us?");
    let read = example_data(op::GET_CUSTOM_FIELD_LIST)[1]["custom_field"].clone();
    let renames = [("type", "type.code")];
    let compared = check_unchanged(&read, &sent, &body_fields::<types::CustomFieldUpdate>(), &renames, "title");
    assert_eq!(compared, 4, "{sent}");
    // The type as its code; the flags, read as `1` and `"0"`, as booleans.
    assert_eq!(sent["type"], "list");
    assert_eq!(sent["show_in_ui"], true);
    assert_eq!(sent["user_can_edit"], false);
}
