//! Runs the embedded mock of the Altegio API until interrupted (`cargo xtask mock`).
//!
//! `cargo run --example mock_server -- --port 8080`

use altegio::mock::MockServer;
use std::net::SocketAddr;

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut port: u16 = 8080;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--port" => port = args.next().ok_or("--port needs a number")?.parse()?,
            other => return Err(format!("unexpected argument `{other}`").into()),
        }
    }
    let server = MockServer::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    println!("Altegio mock listening at {}", server.url());
    println!(
        "{} operations; any token of the documented shape is accepted. Ctrl-C stops.",
        altegio::b2b::operations::all().len()
    );
    tokio::signal::ctrl_c().await?;
    Ok(())
}
