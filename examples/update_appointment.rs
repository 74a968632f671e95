//! Read an appointment, change its comment, write it back: the update is a full
//! replacement, and the body converted from what was read keeps every other field (team
//! member, services and prices, client, start with its offset, status, tags, custom fields).
//!
//! `cargo run --example update_appointment` runs against the embedded mock. Against
//! production (`ALTEGIO_PARTNER_TOKEN`, `ALTEGIO_USER_TOKEN`, `ALTEGIO_LOCATION_ID`,
//! `ALTEGIO_RECORD_ID`) it writes only with `ALTEGIO_ALLOW_WRITES=1`.

#[path = "support/mod.rs"]
mod support;

use altegio::Client;
use altegio::b2b::types;

/// Replaces the comment of an appointment and returns the appointment as Altegio answers.
pub async fn run(
    client: &Client,
    location_id: i64,
    record_id: i64,
    comment: &str,
) -> altegio::Result<Option<types::Appointment>> {
    let read = client.get_appointment().location_id(location_id).record_id(record_id).send().await?;
    let Some(appointment) = read.into_inner().data else { return Ok(None) };

    // Read, change one field, write. A standard appointment or a group-event booking
    // takes its own shape; a field the update needs but the reply lacks is an error, never
    // a silent reset.
    let mut body = types::AppointmentUpdate::try_from(&appointment)?;
    match &mut body {
        types::AppointmentUpdate::Standard(b) => b.comment = Some(comment.to_string()),
        types::AppointmentUpdate::GroupEvent(b) => b.comment = Some(comment.to_string()),
    }
    let written = client.update_appointment().location_id(location_id).record_id(record_id).body(body).send().await?;
    Ok(written.into_inner().data)
}

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = support::connect().await?;
    if !target.may_write() {
        println!("Not changing an appointment in production without ALTEGIO_ALLOW_WRITES=1.");
        return Ok(());
    }
    let location_id = support::env_id("ALTEGIO_LOCATION_ID", 37532);
    let record_id = support::env_id("ALTEGIO_RECORD_ID", 511202);
    match run(&target.client, location_id, record_id, "Window seat, please").await? {
        Some(a) => println!("Appointment #{}: {:?}", a.id.map(|i| i.get()).unwrap_or_default(), a.comment),
        None => println!("No such appointment."),
    }
    Ok(())
}
