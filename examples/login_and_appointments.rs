//! Log in, pick a location, list a week's appointments page by page.
//!
//! `cargo run --example login_and_appointments` runs against the embedded mock. For
//! production set `ALTEGIO_PARTNER_TOKEN`, `ALTEGIO_LOGIN`, `ALTEGIO_PASSWORD` and
//! optionally `ALTEGIO_START` (`YYYY-MM-DD`, default today): the week from that day. It
//! only reads.

#[path = "support/mod.rs"]
mod support;

use altegio::Client;
use altegio::b2b::types;
use futures_util::TryStreamExt;

/// What the example found.
pub struct Period {
    pub location_id: i64,
    pub start: chrono::NaiveDate,
    pub end: chrono::NaiveDate,
    pub appointments: Vec<types::Appointment>,
}

/// Logs in when credentials are given, takes the user's first location and collects the
/// appointments from `start` to `end` (both days included), 50 per page.
pub async fn run(
    client: &Client,
    credentials: Option<(&str, &str)>,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
) -> altegio::Result<Option<Period>> {
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
        .start_date(start)
        .end_date(end)
        .count(50)
        .stream()
        .try_collect()
        .await?;
    Ok(Some(Period { location_id, start, end, appointments }))
}

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = support::connect().await?;
    let credentials = if target.is_mock() {
        Some(("+13155550175".to_string(), "demo-password".to_string()))
    } else {
        support::env("ALTEGIO_LOGIN").zip(support::env("ALTEGIO_PASSWORD"))
    };
    let start: chrono::NaiveDate = match support::env("ALTEGIO_START") {
        Some(day) => day.parse()?,
        None => chrono::Local::now().date_naive(),
    };
    // A week: the start and the six days after it.
    let end =
        start.checked_add_days(chrono::Days::new(6)).ok_or("the start is too close to the end of the calendar")?;
    let credentials = credentials.as_ref().map(|(l, p)| (l.as_str(), p.as_str()));
    let found = run(&target.client, credentials, start, end).await?;
    if let Some(found) = found {
        let (count, id) = (found.appointments.len(), found.location_id);
        println!("{count} appointment(s) at location #{id} from {} to {}:", found.start, found.end);
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
