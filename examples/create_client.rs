//! Create a client card, and tell a validation error from other failures.
//!
//! `cargo run --example create_client` runs against the embedded mock. Against production
//! (`ALTEGIO_PARTNER_TOKEN`, `ALTEGIO_USER_TOKEN`, `ALTEGIO_LOCATION_ID`) it writes only
//! with `ALTEGIO_ALLOW_WRITES=1`.

#[path = "support/mod.rs"]
mod support;

use altegio::Client;
use altegio::b2b::types;

/// Creates a client and returns its id. A rejected card comes back as a validation error
/// with Altegio's message and the offending fields.
pub async fn run(client: &Client, location_id: i64, name: &str, phone: &str) -> altegio::Result<Option<i64>> {
    let body = types::builder::ClientCreate::default()
        .name(name.to_string())
        .phone(phone.to_string())
        .email(Some("ada@example.com".to_string()))
        .comment(Some("Created by the altegio crate's example".to_string()));
    let reply = client.create_client().location_id(location_id).body(body).send().await?;
    Ok(reply.data.as_ref().and_then(|c| c.id).map(|id| id.get()))
}

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = support::connect().await?;
    if !target.may_write() {
        println!("Not creating a client in production without ALTEGIO_ALLOW_WRITES=1.");
        return Ok(());
    }
    let location_id = support::env_id("ALTEGIO_LOCATION_ID", 4564);
    match run(&target.client, location_id, "Ada Lovelace", "+13155550175").await {
        Ok(id) => println!("Created client #{}", id.unwrap_or_default()),
        Err(e) if e.is_validation() => {
            println!("Altegio refused the card: {}", e.message().unwrap_or("no message"));
            for (field, problems) in e.field_errors() {
                println!("  {field}: {}", problems.join("; "));
            }
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
