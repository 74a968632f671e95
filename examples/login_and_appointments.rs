//! Log in, pick a location, list one day's appointments page by page.
//!
//! `cargo run --example login_and_appointments` runs against the embedded mock. For
//! production set `ALTEGIO_PARTNER_TOKEN`, `ALTEGIO_LOGIN`, `ALTEGIO_PASSWORD` and
//! optionally `ALTEGIO_DAY` (`YYYY-MM-DD`, default today). It only reads.

#[path = "support/mod.rs"]
mod support;

use altegio::Client;
use altegio::b2b::types;
use futures_util::TryStreamExt;

/// What the example found.
pub struct Day {
    pub location_id: i64,
    pub appointments: Vec<types::Appointment>,
}

/// Logs in when credentials are given, takes the user's first location and collects the
/// appointments of `day`, 50 per page.
pub async fn run(
    client: &Client,
    credentials: Option<(&str, &str)>,
    day: chrono::NaiveDate,
) -> altegio::Result<Option<Day>> {
    // A login returns a client that carries the user token; `client` itself is unchanged.
    let client = match credentials {
        Some((login, password)) => {
            let (user_client, user) = client.login(login, password).await?;
            println!("Logged in as {}", user.name.as_deref().unwrap_or("?"));
            user_client
        }
        None => client.clone(),
    };
    let locations = client.get_location_list().my(true).send().await?;
    let Some(location_id) = locations.data.iter().find_map(|l| l.id) else {
        println!("The user manages no location.");
        return Ok(None);
    };
    let location_id = location_id.get();
    let appointments: Vec<types::Appointment> = client
        .get_appointment_list()
        .location_id(location_id)
        .start_date(day)
        .end_date(day)
        .count(50)
        .stream()
        .try_collect()
        .await?;
    Ok(Some(Day { location_id, appointments }))
}

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = support::connect().await?;
    let credentials = if target.is_mock() {
        Some(("+13155550175".to_string(), "demo-password".to_string()))
    } else {
        support::env("ALTEGIO_LOGIN").zip(support::env("ALTEGIO_PASSWORD"))
    };
    let day = match support::env("ALTEGIO_DAY") {
        Some(day) => day.parse()?,
        None => chrono::Local::now().date_naive(),
    };
    let found = run(&target.client, credentials.as_ref().map(|(l, p)| (l.as_str(), p.as_str())), day).await?;
    if let Some(found) = found {
        println!("{} appointment(s) at location #{} on {day}:", found.appointments.len(), found.location_id);
        for a in &found.appointments {
            println!(
                "  #{} {} — {} with {}",
                a.id.map(|i| i.get()).unwrap_or_default(),
                a.datetime.as_ref().map(|d| d.raw()).unwrap_or("?"),
                a.client.as_ref().and_then(|c| c.value()).and_then(|c| c.name.clone()).unwrap_or_else(|| "?".into()),
                a.staff.as_ref().and_then(|s| s.name.clone()).unwrap_or_else(|| "?".into()),
            );
        }
    }
    Ok(())
}
