//! Shared set-up of the integration tests: the embedded mock server on 127.0.0.1.
#![allow(dead_code)]

use altegio::Client;
#[allow(unused_imports)]
pub use altegio::b2b::operations as op;
use altegio::mock::MockServer;

pub const PARTNER: &str = "partner-7f3a9c";
pub const USER: &str = "user-51bd02";
/// The user token of the spec's login example.
pub const LOGIN_TOKEN: &str = "9f2c1be04a7d4e6c8b5a33d1e0f7a2c4";

pub async fn server() -> MockServer {
    MockServer::start().await.expect("mock server starts")
}

/// A client with the partner token only.
pub fn partner_client(server: &MockServer) -> Client {
    Client::builder(PARTNER).base_url(server.url()).no_rate_limit().build().expect("client builds")
}

/// A client with both tokens.
pub fn user_client(server: &MockServer) -> Client {
    Client::builder(PARTNER).user_token(USER).base_url(server.url()).no_rate_limit().build().expect("client builds")
}

/// A plain reqwest client for raw requests (after the crate has installed its TLS provider).
pub fn raw_http() -> reqwest::Client {
    let _ = Client::builder(PARTNER).build();
    reqwest::Client::new()
}
