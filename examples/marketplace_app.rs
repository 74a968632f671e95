//! A Marketplace application's side of Altegio, on the Developer Tools API: a location
//! installs the application, Altegio sends the user to the partner's page with the
//! location's id; the partner connects it (the redirect callback, with the location's API
//! key and the webhook URLs to notify), reports the payment, reads the installation's
//! status, and later receives and answers the uninstall webhook.
//!
//! `cargo run --example marketplace_app` runs against the embedded mock server (which
//! stands for both `api.alteg.io` and `app.alteg.io`) and needs no credentials.

use altegio::devtools::{Client, LifecycleEvent, LifecycleKind, types};
use altegio::mock::MockServer;

/// The application's id in the Altegio Marketplace.
pub const APPLICATION_ID: i64 = 1284;

/// What the installation looked like at each step, for the caller (and the tests).
#[derive(Debug)]
pub struct Installed {
    /// The location that installed the application.
    pub location_id: i64,
    /// The id Altegio gave the reported payment (for a refund).
    pub payment_id: Option<i64>,
    /// The installation's state as Altegio reports it (`active`, `pending`, `freezed`).
    pub status: Option<String>,
}

/// Step 1, the partner's registration page: Altegio sends the user there with the
/// location's id in the query (`?salon_id=1050`); anything else is refused.
pub fn location_from_redirect(query: &str) -> Option<i64> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "salon_id")
        .and_then(|(_, v)| v.parse().ok())
        .filter(|id| *id > 0)
}

/// Steps 2–4 for a location that came through the redirect: connect it, report its
/// payment, read the installation's status.
pub async fn install(
    client: &Client,
    location_id: i64,
    api_key: &str,
) -> Result<Installed, Box<dyn std::error::Error>> {
    // 2. Connect: the location's key in the partner's system and where to send webhooks.
    client
        .marketplace_notification_settings_redirect_callback()
        .body(
            types::MarketplaceInstallSettings::builder()
                .salon_id(location_id)
                .application_id(APPLICATION_ID)
                .api_key(Some(altegio::Secret::new(api_key)))
                .webhook_urls(vec![format!("https://partner.example.com/altegio/hooks?location={location_id}")]),
        )
        .send()
        .await?;
    println!("Connected location #{location_id}");

    // 3. The location paid for a month: report it.
    let payment = client
        .marketplace_notification_payment_callback()
        .body(
            types::MarketplacePaymentReport::builder()
                .salon_id(location_id)
                .application_id(APPLICATION_ID)
                .currency_iso("USD")
                .payment_sum(29.0)
                .payment_date("2026-12-06 10:15:00")
                .period_from("2026-12-06 00:00:00")
                .period_to("2027-01-05 23:59:59"),
        )
        .send()
        .await?;
    let payment_id = payment.into_inner().data.and_then(|p| p.id).map(|i| i.get());
    println!("Payment reported as #{}", payment_id.unwrap_or_default());

    // 4. Where the installation stands.
    let status = client
        .get_marketplace_integration_status()
        .location_id(location_id)
        .application_id(APPLICATION_ID)
        .send()
        .await?;
    let status = status.into_inner().data.and_then(|s| s.connection_status).and_then(|c| c.status);
    println!("Installation status: {}", status.as_deref().unwrap_or("?"));
    Ok(Installed { location_id, payment_id, status })
}

/// Step 5, the application's callback URL: answers a lifecycle webhook with the HTTP
/// status to send back, after checking that it carries the partner token. What to do
/// about it is returned for the partner's own queue (answer first, work later).
pub fn answer_lifecycle(body: &[u8], partner_token: &str) -> (u16, Option<(i64, LifecycleKind)>) {
    match LifecycleEvent::parse(body) {
        Ok(event) if event.is_from(&partner_token) => (200, Some((event.location_id, event.kind))),
        Ok(_) => (401, None),
        Err(e) => {
            eprintln!("rejected a lifecycle webhook: {e}");
            (400, None)
        }
    }
}

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mock = MockServer::start().await?;
    println!("Using the embedded mock server at {} for api.alteg.io and app.alteg.io", mock.url());
    let partner_token = "pt_4f8a1c9e2b7d6a3f0e5c";
    // Marketplace calls send the partner token alone; `app_url` points the calls that
    // live on app.alteg.io at the mock too.
    let client = Client::builder(partner_token).base_url(mock.url()).app_url(mock.url()).no_rate_limit().build()?;

    let location_id = location_from_redirect("salon_id=1050&user_id=77").ok_or("no location in the redirect")?;
    install(&client, location_id, "7c9e6679-7425-40de-944b-e07fc1f90ae7").await?;

    // Later, Altegio POSTs the uninstall webhook.
    let body = br#"{"salon_id": 1050, "application_id": 1284, "event": "uninstall", "partner_token": "pt_4f8a1c9e2b7d6a3f0e5c"}"#;
    let (status, todo) = answer_lifecycle(body, partner_token);
    println!("Answered the lifecycle webhook with {status}; to do: {todo:?}");
    Ok(())
}
