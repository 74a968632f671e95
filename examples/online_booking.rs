//! Online booking, the B2B way: check that the location takes online bookings, find a
//! free slot of a team member, then create the appointment in it.
//!
//! (Altegio's public booking-widget API, `book_check`/`book_record`, is not part of the
//! B2B V1 catalog this crate covers.)
//!
//! `cargo run --example online_booking` runs against the embedded mock. Against production
//! (`ALTEGIO_PARTNER_TOKEN`, `ALTEGIO_USER_TOKEN`, `ALTEGIO_LOCATION_ID`,
//! `ALTEGIO_TEAM_MEMBER_ID`, `ALTEGIO_SERVICE_ID`, `ALTEGIO_DAY`, `ALTEGIO_UTC_OFFSET`) it books only with
//! `ALTEGIO_ALLOW_WRITES=1`.

#[path = "support/mod.rs"]
mod support;

use altegio::Client;
use altegio::b2b::types;

/// What to book.
pub struct Booking<'a> {
    pub location_id: i64,
    pub team_member_id: i64,
    pub service_id: i64,
    pub day: chrono::NaiveDate,
    /// The location's offset from UTC on that day: the appointment's start is sent with it.
    pub utc_offset: chrono::FixedOffset,
    pub client_name: &'a str,
    pub client_phone: &'a str,
}

/// The outcome.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// Online booking is switched off for the location.
    Closed,
    /// The team member has no free slot that day.
    NoSlot,
    /// Booked at this time (the location's local time and offset); the new appointment's id.
    Booked { datetime: chrono::DateTime<chrono::FixedOffset>, appointment_id: Option<i64> },
}

pub async fn run(client: &Client, b: &Booking<'_>) -> altegio::Result<Outcome> {
    // 1. Does the location take bookings at all? (`any_master`, `seance_delay_step`...)
    let settings = client.get_online_booking_settings().location_id(b.location_id).send().await?;
    if settings.data.is_none() {
        return Ok(Outcome::Closed);
    }
    // 2. The team member's slots that day; the first free one.
    let slots = client
        .get_appointment_calendar_sessions()
        .location_id(b.location_id)
        .team_member_id(b.team_member_id)
        .date(b.day)
        .send()
        .await?;
    let free = slots.data.iter().filter(|s| s.is_free.is_some_and(|f| f.get()));
    let Some(time) = free.filter_map(|s| chrono::NaiveTime::parse_from_str(s.time.as_deref()?, "%H:%M").ok()).next()
    else {
        return Ok(Outcome::NoSlot);
    };
    let Some(datetime) = b.day.and_time(time).and_local_timezone(b.utc_offset).single() else {
        return Ok(Outcome::NoSlot);
    };
    // 3. Book it: a standard appointment needs its team member, services, client, start and
    // length (a group-event booking would be `types::AppointmentGroupEvent`). Not retried: a
    // create that may have reached Altegio is never sent twice.
    let service = types::AppointmentServiceInput::new(b.service_id);
    let who = types::AppointmentClientInput {
        name: Some(b.client_name.to_string()),
        phone: Some(b.client_phone.to_string()),
        email: None,
    };
    let mut body = types::AppointmentStandard::new(b.team_member_id, vec![service], who, datetime, 3600);
    body.save_if_busy = Some(false);
    let created = client.create_appointment().location_id(b.location_id).body(body).send().await?;
    let appointment_id = match &created.data {
        Some(types::AppointmentOneOrList::Variant0(a)) => a.id.map(|i| i.get()),
        Some(types::AppointmentOneOrList::Variant1(list)) => list.0.first().and_then(|a| a.id).map(|i| i.get()),
        None => None,
    };
    Ok(Outcome::Booked { datetime, appointment_id })
}

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = support::connect().await?;
    if !target.may_write() {
        println!("Not booking in production without ALTEGIO_ALLOW_WRITES=1.");
        return Ok(());
    }
    let day = support::env("ALTEGIO_DAY").unwrap_or_else(|| "2026-12-01".into()).parse()?;
    // The location's UTC offset in hours (its `timezone`, e.g. `-5`).
    let hours: i32 = support::env("ALTEGIO_UTC_OFFSET").unwrap_or_else(|| "-5".into()).parse()?;
    let booking = Booking {
        location_id: support::env_id("ALTEGIO_LOCATION_ID", 4564),
        team_member_id: support::env_id("ALTEGIO_TEAM_MEMBER_ID", 8886),
        service_id: support::env_id("ALTEGIO_SERVICE_ID", 331),
        day,
        utc_offset: chrono::FixedOffset::east_opt(hours * 3600).ok_or("ALTEGIO_UTC_OFFSET is out of range")?,
        client_name: "Ada Lovelace",
        client_phone: "+13155550175",
    };
    match run(&target.client, &booking).await? {
        Outcome::Closed => println!("The location does not take online bookings."),
        Outcome::NoSlot => println!("No free slot on {day}."),
        Outcome::Booked { datetime, appointment_id } => {
            println!("Booked {datetime}: appointment #{}", appointment_id.unwrap_or_default())
        }
    }
    Ok(())
}
