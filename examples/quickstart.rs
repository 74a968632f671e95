//! The quickstart: log in, list locations, read notification settings, report SMS
//! delivery statuses.
//!
//! `cargo run --example quickstart` runs against the embedded mock server and needs no
//! credentials. With `ALTEGIO_PARTNER_TOKEN` (and `ALTEGIO_LOGIN` + `ALTEGIO_PASSWORD`, or
//! `ALTEGIO_USER_TOKEN`) it talks to production instead, and only reads.

use altegio::b2b::types::{SmsStatusReport, SmsStatusReportList};
use altegio::wire::SmsDeliveryStatus;
use altegio::{Client, mock::MockServer};

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let (client, _mock) = match env("ALTEGIO_PARTNER_TOKEN") {
        Some(partner) => {
            println!("Talking to production ({}), read-only.", altegio::b2b::PRODUCTION_URL);
            let mut builder = Client::builder(partner);
            if let Some(user) = env("ALTEGIO_USER_TOKEN") {
                builder = builder.user_token(user);
            }
            (builder.build()?, None)
        }
        None => {
            let mock = MockServer::start().await?;
            println!("No ALTEGIO_PARTNER_TOKEN: using the embedded mock server at {}", mock.url());
            let client = Client::builder("demo-partner-token").base_url(mock.url()).build()?;
            (client, Some(mock))
        }
    };
    let production = _mock.is_none();

    // 1. Log in (POST /auth, partner token alone); the login returns a client that sends
    //    the user token.
    let credentials = if production {
        env("ALTEGIO_LOGIN").zip(env("ALTEGIO_PASSWORD"))
    } else {
        Some(("+13155550175".to_string(), "demo-password".to_string()))
    };
    let client = match credentials {
        Some((login, password)) => {
            let (user_client, user) = client.login(&login, &password).await?;
            println!(
                "Logged in as {} (user id {})",
                user.name.as_deref().unwrap_or("?"),
                user.id.map(|i| i.get()).unwrap_or_default()
            );
            user_client
        }
        None => client,
    };

    // 2. The locations the user manages.
    let locations = client.get_location_list().my(true).send().await?;
    println!("{} location(s):", locations.data.len());
    for l in &locations.data {
        println!(
            "  #{} {} — {}, {} (group: {})",
            l.id.map(|i| i.get()).unwrap_or_default(),
            l.title.as_deref().unwrap_or("?"),
            l.address.as_deref().unwrap_or("?"),
            l.city.as_deref().unwrap_or("?"),
            l.main_group
                .as_ref()
                .and_then(|g| g.value())
                .and_then(|g| g.title.clone())
                .unwrap_or_else(|| "none".into()),
        );
    }

    // 3. Notification settings of the first location (needs the user token).
    if let Some(id) = locations.data.first().and_then(|l| l.id)
        && client.has_user_token()
    {
        let settings = client.get_location_notification_settings().location_id(id.get()).send().await?;
        println!("Notification types of location #{id}:");
        for t in &settings.data {
            let ch = t.channels.as_ref().and_then(|c| c.value());
            let on = |f: Option<altegio::wire::FlexBool>| {
                if f.is_some_and(|b| b.get()) { "on" } else { "off" }
            };
            println!(
                "  {:<32} push {:<3} sms {:<3} email {}",
                t.type_.as_deref().unwrap_or("?"),
                on(ch.and_then(|c| c.push)),
                on(ch.and_then(|c| c.sms)),
                on(ch.and_then(|c| c.email)),
            );
        }
    }

    // 4. Report two SMS delivery statuses (an SMS provider's job). A write: mock only.
    if production {
        println!("Skipping the SMS status report: the quickstart never writes to production.");
    } else {
        let report = SmsStatusReportList(vec![
            SmsStatusReport {
                id: "232674".into(),
                status: SmsDeliveryStatus::Delivered,
                payment_sum: Some(0.05),
                currency_iso: Some("USD".into()),
                parts_amount: Some(1),
            },
            SmsStatusReport {
                id: "232675".into(),
                status: SmsDeliveryStatus::RejectedByOperator,
                payment_sum: None,
                currency_iso: None,
                parts_amount: None,
            },
        ]);
        let reply = client.get_message_status_list().body(report).send().await?;
        println!(
            "Reported 2 SMS statuses (delivered, rejected): accepted = {}",
            reply.success.map(|s| s.get()).unwrap_or(false)
        );
    }
    Ok(())
}
