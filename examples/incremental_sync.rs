//! Incremental sync: fetch only the appointments changed since the last run, deleted ones
//! included, and move the watermark forward.
//!
//! `cargo run --example incremental_sync` runs against the embedded mock. For production
//! set `ALTEGIO_PARTNER_TOKEN`, `ALTEGIO_USER_TOKEN`, `ALTEGIO_LOCATION_ID` and
//! `ALTEGIO_SINCE` (`YYYY-MM-DDTHH:MM:SS`). It only reads.

#[path = "support/mod.rs"]
mod support;

use altegio::Client;
use altegio::b2b::types;
use futures_util::TryStreamExt;

/// One pass of the sync.
pub struct Pass {
    /// Appointments created or changed since the watermark.
    pub changed: Vec<types::Appointment>,
    /// Ids of appointments deleted since the watermark.
    pub deleted: Vec<i64>,
    /// The watermark for the next pass: the latest `last_change_date` seen (or the old one).
    pub next_since: chrono::NaiveDateTime,
}

/// Streams the appointments changed after `since` (deleted ones too, `with_deleted=1`),
/// 100 per page, holding one page at a time.
pub async fn run(client: &Client, location_id: i64, since: chrono::NaiveDateTime) -> altegio::Result<Pass> {
    let since_text = since.format("%Y-%m-%dT%H:%M:%S").to_string();
    let mut pages = std::pin::pin!(
        client
            .get_appointment_list()
            .location_id(location_id)
            .changed_after(since_text.as_str())
            .with_deleted(true)
            .count(100)
            .stream()
    );
    let mut pass = Pass { changed: Vec::new(), deleted: Vec::new(), next_since: since };
    while let Some(a) = pages.try_next().await? {
        // `last_change_date` comes as `2026-01-17T19:41:44-0500` or naive; keep the local time.
        if let Some(changed) = a.last_change_date.as_ref().and_then(|d| d.naive()) {
            pass.next_since = pass.next_since.max(changed);
        }
        if a.deleted.is_some_and(|d| d.get()) {
            pass.deleted.extend(a.id.map(|i| i.get()));
        } else {
            pass.changed.push(a);
        }
    }
    Ok(pass)
}

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = support::connect().await?;
    let location_id = support::env_id("ALTEGIO_LOCATION_ID", 4564);
    let since = support::env("ALTEGIO_SINCE")
        .map(|s| chrono::NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S"))
        .transpose()?
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default().into());
    let pass = run(&target.client, location_id, since).await?;
    println!(
        "Since {since}: {} changed, {} deleted; next run: ALTEGIO_SINCE={}",
        pass.changed.len(),
        pass.deleted.len(),
        pass.next_since.format("%Y-%m-%dT%H:%M:%S")
    );
    Ok(())
}
