//! Every operation of the foundation areas over loopback: the request as sent (method,
//! path, query, body) and the typed decoding of the reply. Plus every example of the
//! spec decoded into its typed response.

mod common;
use altegio::b2b::types;
use altegio::wire::{FlexInt, SmsDeliveryStatus};
use common::*;
use serde_json::json;

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[tokio::test]
async fn every_spec_example_decodes_and_the_mock_serves_it() {
    let server = server().await;
    let http = raw_http();
    let ops = altegio::b2b::operations::all();
    assert!(ops.len() >= 14);
    for op in ops {
        if let Some(ex) = op.example {
            match altegio::b2b::operations::decode_success(op.id, ex.as_bytes()) {
                Some(r) => assert!(r.is_ok(), "the example of `{}` does not fit its type: {:?}", op.id, r),
                None => assert!(op.handwritten, "`{}` has no decoder", op.id),
            }
        }
        let path = op.path.split('/').map(|s| if s.starts_with('{') { "7" } else { s }).collect::<Vec<_>>().join("/");
        let method = reqwest::Method::from_bytes(op.method.as_bytes()).unwrap();
        let resp = http
            .request(method, format!("{}{path}", server.url()))
            .header("authorization", format!("Bearer {PARTNER}, User {USER}"))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), op.success_status, "{} {}", op.method, path);
        let body = resp.bytes().await.unwrap();
        if let Some(ex) = op.example {
            assert_eq!(
                serde_json::from_slice::<serde_json::Value>(&body).unwrap(),
                serde_json::from_str::<serde_json::Value>(ex).unwrap()
            );
        }
        assert_eq!(server.requests().last().unwrap().operation, Some(op.id), "routed to the right operation");
    }
}

#[tokio::test]
async fn authorize_user() {
    let server = server().await;
    let reply = partner_client(&server)
        .authorize_user()
        .body(types::AuthRequest { login: "jane@example.com".into(), password: "pw".into(), x2fa: None })
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 201);
    let data = reply.into_inner().data.unwrap();
    assert_eq!(data.user_token.unwrap().expose(), LOGIN_TOKEN);
    assert!(data.is_email_confirmed.unwrap().get(), "1 reads as true");
    let req = &server.requests()[0];
    assert_eq!((req.method.as_str(), req.path.as_str()), ("POST", "/auth"));
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(req.json().unwrap(), json!({"login": "jane@example.com", "password": "pw"}));
}

#[tokio::test]
async fn get_location_list() {
    let server = server().await;
    let reply = partner_client(&server)
        .get_location_list()
        .my(true)
        .include(vec![types::GetLocationListIncludeItem::Staff, types::GetLocationListIncludeItem::Positions])
        .page(2)
        .count(50)
        .send()
        .await
        .unwrap();
    let req = &server.requests()[0];
    assert_eq!((req.method.as_str(), req.path.as_str()), ("GET", "/companies"));
    let mut q = req.query_pairs();
    q.sort();
    assert_eq!(
        q,
        pairs(&[("count", "50"), ("include", "positions"), ("include", "staff"), ("my", "1"), ("page", "2")])
    );
    assert!(req.body.is_empty());
    // Decoded with the quirks: "1050" and 1051 as ids, "1" and 1 as flags, main_group [] or an object.
    let data = &reply.data;
    assert_eq!(data[0].id, Some(FlexInt(1050)));
    assert_eq!(data[1].id, Some(FlexInt(1051)));
    assert!(data[0].active.unwrap().get() && data[1].active.unwrap().get());
    assert!(data[0].main_group.as_ref().unwrap().value().is_none());
    assert_eq!(data[1].main_group.as_ref().unwrap().value().unwrap().id, Some(FlexInt(83)));
    assert_eq!(data[0].coordinate_lat.unwrap().get(), 43.048122);
    assert_eq!(data[1].phone.as_ref().unwrap().as_str(), "13155550176");
    assert_eq!(reply.meta.as_ref().unwrap().count, Some(2));
}

#[tokio::test]
async fn create_location() {
    let server = server().await;
    let body = types::LocationCreate {
        title: Some("Sunset Beauty Airport".into()),
        country_id: Some(3),
        city_id: Some(112),
        coordinate_lat: Some(43.1),
        coordinate_lot: Some(-76.1),
        ..Default::default()
    };
    let reply = user_client(&server).create_location().body(body).send().await.unwrap();
    assert_eq!(reply.status(), 201);
    assert_eq!(reply.data.as_ref().unwrap().id, Some(FlexInt(1052)));
    let req = &server.requests()[0];
    assert_eq!((req.method.as_str(), req.path.as_str()), ("POST", "/companies"));
    assert_eq!(
        req.json().unwrap(),
        json!({"title": "Sunset Beauty Airport", "country_id": 3, "city_id": 112, "coordinate_lat": 43.1, "coordinate_lot": -76.1})
    );
}

#[tokio::test]
async fn get_location() {
    let server = server().await;
    let reply =
        partner_client(&server).get_location().location_id(37532).my(true).show_groups(true).send().await.unwrap();
    let req = &server.requests()[0];
    assert_eq!((req.method.as_str(), req.path.as_str()), ("GET", "/company/37532"));
    let mut q = req.query_pairs();
    q.sort();
    assert_eq!(q, pairs(&[("my", "1"), ("show_groups", "1")]));
    let loc = reply.into_inner().data.unwrap();
    assert_eq!(loc.id, Some(FlexInt(37532)));
    assert!(loc.push_notification_phone_confirm.unwrap().get());
    assert_eq!(loc.next_slot.unwrap().naive().unwrap().to_string(), "2026-09-22 10:00:00");
    assert_eq!(loc.groups.unwrap().value().unwrap().0["83"].title.as_deref(), Some("Sunset Beauty Group"));
    assert_eq!(loc.bookforms.unwrap()[0].id, Some(FlexInt(4021)));
}

#[tokio::test]
async fn update_location() {
    let server = server().await;
    let body = types::LocationUpdate {
        address: Some("122 Walton St".into()),
        phones: vec!["+13155550175".into()],
        ..Default::default()
    };
    let reply = user_client(&server).update_location().location_id(37532).body(body).send().await.unwrap();
    let loc = reply.into_inner().data.unwrap();
    assert!(loc.phone_confirmation.unwrap().get(), "\"1\" reads as true");
    assert!(!loc.push_notification_phone_confirm.unwrap().get());
    let req = &server.requests()[0];
    assert_eq!((req.method.as_str(), req.path.as_str()), ("PUT", "/company/37532"));
    assert_eq!(req.json().unwrap(), json!({"address": "122 Walton St", "phones": ["+13155550175"]}));
}

#[tokio::test]
async fn delete_location() {
    let server = server().await;
    let reply = user_client(&server).delete_location().location_id(37532).send().await.unwrap();
    assert_eq!(reply.status(), 202);
    let req = &server.requests()[0];
    assert_eq!((req.method.as_str(), req.path.as_str()), ("DELETE", "/company/37532"));
}

#[tokio::test]
async fn get_message_status_list_reports_statuses() {
    let server = server().await;
    let body = types::SmsStatusReportList(vec![
        types::SmsStatusReport {
            id: "232674".into(),
            status: SmsDeliveryStatus::Delivered,
            payment_sum: Some(0.05),
            currency_iso: Some("USD".into()),
            parts_amount: Some(1),
        },
        types::SmsStatusReport {
            id: "232675".into(),
            status: SmsDeliveryStatus::Unknown(64),
            payment_sum: None,
            currency_iso: None,
            parts_amount: None,
        },
    ]);
    let reply = user_client(&server).get_message_status_list().body(body).send().await.unwrap();
    assert!(reply.success.unwrap().get());
    let req = &server.requests()[0];
    assert_eq!((req.method.as_str(), req.path.as_str()), ("POST", "/delivery/status"));
    assert_eq!(
        req.json().unwrap(),
        json!([
            {"id": "232674", "status": 1, "payment_sum": 0.05, "currency_iso": "USD", "parts_amount": 1},
            {"id": "232675", "status": 64}
        ])
    );
}

#[tokio::test]
async fn mailings_by_filter_send_filters_as_query() {
    let server = server().await;
    let client = user_client(&server);
    client
        .send_sms_campaign_to_filtered_clients()
        .location_id(7)
        .fullname("Jane Smith")
        .phone("+1315")
        .body(types::SmsMailing { text: "Hello & welcome".into() })
        .send()
        .await
        .unwrap();
    client
        .send_email_campaign_to_filtered_clients()
        .location_id(7)
        .email("jane@example.com")
        .body(types::EmailMailing { subject: "News".into(), text: "Hi".into() })
        .send()
        .await
        .unwrap();
    let reqs = server.requests();
    assert_eq!((reqs[0].method.as_str(), reqs[0].path.as_str()), ("POST", "/sms/clients/by_filter/7"));
    let mut q = reqs[0].query_pairs();
    q.sort();
    assert_eq!(q, pairs(&[("fullname", "Jane Smith"), ("phone", "+1315")]));
    assert_eq!(reqs[0].json().unwrap(), json!({"text": "Hello & welcome"}));
    assert_eq!((reqs[1].method.as_str(), reqs[1].path.as_str()), ("POST", "/email/clients/by_filter/7"));
    assert_eq!(reqs[1].query_pairs(), pairs(&[("email", "jane@example.com")]));
    assert_eq!(reqs[1].json().unwrap(), json!({"subject": "News", "text": "Hi"}));
}

#[tokio::test]
async fn mailings_by_id() {
    let server = server().await;
    let client = user_client(&server);
    let sms = client
        .send_sms_to_clients()
        .location_id(7)
        .body(types::SmsMailingById { client_ids: vec![1, 2, 3], text: "Hi".into() })
        .send()
        .await
        .unwrap();
    assert_eq!(sms.status(), 201);
    client
        .send_email_newsletter_to_clients()
        .location_id(7)
        .body(types::EmailMailingById { client_ids: vec![4], subject: "S".into(), text: "T".into() })
        .send()
        .await
        .unwrap();
    let reqs = server.requests();
    assert_eq!((reqs[0].method.as_str(), reqs[0].path.as_str()), ("POST", "/sms/clients/by_id/7"));
    assert_eq!(reqs[0].json().unwrap(), json!({"client_ids": [1, 2, 3], "text": "Hi"}));
    assert_eq!((reqs[1].method.as_str(), reqs[1].path.as_str()), ("POST", "/email/clients/by_id/7"));
    assert_eq!(reqs[1].json().unwrap(), json!({"client_ids": [4], "subject": "S", "text": "T"}));
}

#[tokio::test]
async fn notification_settings() {
    let server = server().await;
    let client = user_client(&server);
    let loc = client.get_location_notification_settings().location_id(7).send().await.unwrap();
    let first = loc.data[0].channels.as_ref().unwrap().value().unwrap();
    assert_eq!((first.push.unwrap().get(), first.sms.unwrap().get(), first.email.unwrap().get()), (true, false, true));
    let user = client.get_user_notification_settings().location_id(7).user_id(9).send().await.unwrap();
    assert_eq!(user.data.as_ref().unwrap().mode.as_deref(), Some("staff"));
    let update = types::UserNotificationSettingsUpdate {
        notification_types: vec![types::NotificationTypeUpdate {
            type_: "record_create_online_staff".into(),
            channels: types::NotificationChannelsUpdate { push: Some(false.into()) },
        }],
    };
    let changed =
        client.update_user_notification_settings().location_id(7).user_id(9).body(update).send().await.unwrap();
    assert_eq!(changed.data.as_ref().unwrap().mode.as_deref(), Some("admin"));
    let reqs = server.requests();
    assert_eq!(
        (reqs[0].method.as_str(), reqs[0].path.as_str()),
        ("GET", "/notification_settings/7/notification_types")
    );
    assert_eq!((reqs[1].method.as_str(), reqs[1].path.as_str()), ("GET", "/notification_settings/7/users/9"));
    assert_eq!((reqs[2].method.as_str(), reqs[2].path.as_str()), ("POST", "/notification_settings/7/users/9"));
    assert_eq!(
        reqs[2].json().unwrap(),
        json!({"notification_types": [{"type": "record_create_online_staff", "channels": {"push": 0}}]})
    );
}
