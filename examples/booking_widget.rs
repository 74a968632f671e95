//! A booking widget, as the end customer sees it, on the Online Booking API: pick a
//! service, a team member, a day and a time slot; check the choice; confirm the phone
//! number with an SMS code (which also signs the customer in); book; read the booking
//! back; move it to another slot; cancel it.
//!
//! `cargo run --example booking_widget` runs against the embedded mock server and needs
//! no credentials.

use altegio::booking::{Client, types};
use altegio::mock::MockServer;

/// What the flow did, for the caller (and the tests) to check.
#[derive(Debug)]
pub struct Booked {
    /// The service, team member and start that were booked.
    pub service_id: i64,
    /// The team member booked.
    pub team_member_id: i64,
    /// The start of the first slot offered, as the API gave it.
    pub first_slot: chrono::DateTime<chrono::FixedOffset>,
    /// The new appointment and its hash.
    pub record_id: i64,
    /// The hash that reads or cancels the appointment.
    pub record_hash: String,
    /// The start after rescheduling, as read back.
    pub moved_to: Option<String>,
}

/// Runs the flow for a location with a partner-token client; `phone` and `code` are the
/// customer's phone number and the code the SMS brought.
pub async fn run(
    client: &Client,
    location_id: i64,
    phone: &str,
    code: &str,
) -> Result<Booked, Box<dyn std::error::Error>> {
    // 1. What can be booked: services, then the team members who offer the first one.
    let services = client.get_services_available_for_booking().location_id(location_id).send().await?;
    let services = services.into_inner().data.and_then(|d| d.services).unwrap_or_default();
    let service = services.first().ok_or("no service can be booked")?;
    let service_id = service.id.map(|i| i.get()).ok_or("a service without an id")?;
    println!("Service #{service_id}: {}", service.title.as_deref().unwrap_or("?"));

    let team = client
        .get_team_members_available_for_booking()
        .location_id(location_id)
        .service_ids(vec![service_id])
        .send()
        .await?;
    let team = team.into_inner().data.unwrap_or_default();
    let member = team.iter().find(|m| m.bookable.is_some_and(|b| b.0)).ok_or("nobody can be booked")?;
    let team_member_id = member.id.map(|i| i.get()).ok_or("a team member without an id")?;
    println!("Team member #{team_member_id}: {}", member.name.as_deref().unwrap_or("?"));

    // 2. The days with free slots, then the slots of the first one.
    let dates = client
        .get_dates_available_for_booking()
        .location_id(location_id)
        .staff_id(team_member_id)
        .service_ids(vec![service_id])
        .send()
        .await?;
    let day = dates
        .into_inner()
        .data
        .and_then(|d| d.booking_dates)
        .unwrap_or_default()
        .iter()
        .find_map(|d| d.date())
        .ok_or("no day has a free slot")?;
    let slots = client
        .get_time_slots_for_booking()
        .location_id(location_id)
        .team_member_id(team_member_id)
        .date(day)
        .service_ids(vec![service_id])
        .send()
        .await?;
    let first_slot = slots
        .into_inner()
        .data
        .unwrap_or_default()
        .iter()
        .find_map(|s| s.datetime.as_ref().and_then(|d| d.to_fixed()))
        .ok_or("the day has no slot")?;
    println!("First slot on {day}: {first_slot}");

    // 3. Check the choice before asking anything of the customer.
    let appointment = |id: i64| {
        types::OnlineBookingAppointment::builder()
            .id(id)
            .services(vec![service_id])
            .staff_id(team_member_id)
            .datetime(first_slot)
    };
    client
        .validate_booking_params()
        .location_id(location_id)
        .body(types::BookingCheck::builder().appointments(vec![
            types::BookingCheckAppointment::builder()
                .id(1)
                .services(vec![service_id])
                .staff_id(team_member_id)
                .datetime(first_slot)
                .try_into()?,
        ]))
        .send()
        .await?;

    // 4. Confirm the phone number: a code by SMS, then sign in with it. The returned
    //    client acts for the customer (their token goes with each call).
    client
        .send_booking_verification_code()
        .location_id(location_id)
        .body(types::BookingCodeRequest::builder().phone(phone).fullname("Ada Lovelace"))
        .send()
        .await?;
    let (customer, token) = client.login_with_code(phone, code).await?;
    println!("Signed in; the customer's token is kept as {token:?}");

    // 5. Book.
    let created = customer
        .create_online_booking()
        .location_id(location_id)
        .body(
            types::OnlineBookingCreate::builder()
                .phone(phone)
                .fullname("Ada Lovelace")
                .email("ada@example.com")
                .code(Some(altegio::Secret::new(code)))
                .comment(Some("First visit".to_string()))
                .appointments(vec![appointment(1).try_into()?]),
        )
        .send()
        .await?;
    let created = created.into_inner().data.unwrap_or_default();
    let booking = created.first().ok_or("the booking reply lists no appointment")?;
    let record_id = booking.record_id.map(|i| i.get()).ok_or("no record id")?;
    let record_hash = booking.record_hash.clone().ok_or("no record hash")?;
    println!("Booked appointment #{record_id}");

    // 6. Read it back, move it, cancel it.
    let details = customer
        .get_online_booking_details()
        .location_id(location_id)
        .record_id(record_id)
        .record_hash(&record_hash)
        .send()
        .await?;
    let record = match details.into_inner() {
        types::OnlineBookingRecordReply::Envelope(e) => e.data,
        types::OnlineBookingRecordReply::Bare(b) => b.0,
    };
    println!(
        "Read back: #{} on {}",
        record.id.map(|i| i.get()).unwrap_or_default(),
        record.datetime.as_ref().map_or("?", |d| d.raw())
    );

    let later = first_slot + chrono::Duration::days(1);
    let moved = customer
        .update_online_booking_datetime()
        .location_id(location_id)
        .record_id(record_id)
        .body(types::OnlineBookingReschedule::builder().datetime(later.to_rfc3339()))
        .send()
        .await?;
    let moved_to = moved.into_inner().data.and_then(|r| r.datetime.or(r.date)).map(|d| d.raw().to_string());
    println!("Moved to {}", moved_to.as_deref().unwrap_or("?"));

    customer.delete_user_appointment().record_id(record_id).record_hash(&record_hash).send().await?;
    println!("Cancelled.");
    Ok(Booked { service_id, team_member_id, first_slot, record_id, record_hash, moved_to })
}

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mock = MockServer::start().await?;
    println!("Using the embedded mock server at {}", mock.url());
    // The widget's own client holds the partner token alone; the customer's token comes
    // from the SMS sign-in.
    let client = Client::builder(altegio::mock::MOCK_PARTNER_TOKEN).base_url(mock.url()).no_rate_limit().build()?;
    run(&client, 1050, "13155550142", "4821").await?;
    Ok(())
}
