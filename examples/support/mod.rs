//! What the examples share: a client for production when `ALTEGIO_PARTNER_TOKEN` is set,
//! otherwise a client for the embedded mock server, so that every example runs with no
//! credentials.
#![allow(dead_code)]

use altegio::Client;
use altegio::mock::MockServer;

/// The client an example talks through, and the mock server behind it, if any.
pub struct Target {
    pub client: Client,
    pub mock: Option<MockServer>,
    partner: String,
    user: Option<String>,
}

impl Target {
    /// Whether the example talks to the embedded mock rather than production.
    pub fn is_mock(&self) -> bool {
        self.mock.is_some()
    }

    /// Writes go to production only when `ALTEGIO_ALLOW_WRITES=1`: running an example
    /// must never create data by accident.
    pub fn may_write(&self) -> bool {
        self.is_mock() || env("ALTEGIO_ALLOW_WRITES").as_deref() == Some("1")
    }

    /// A Developer Tools client with the same tokens, for the same target.
    pub fn devtools(&self) -> altegio::Result<altegio::devtools::Client> {
        let mut builder = altegio::devtools::Client::builder(&self.partner);
        if let Some(user) = &self.user {
            builder = builder.user_token(user);
        }
        if let Some(mock) = &self.mock {
            builder = builder.base_url(mock.url()).app_url(mock.url());
        }
        builder.build()
    }
}

/// An environment variable, if set and not empty.
pub fn env(key: &str) -> Option<String> {
    std::env::var(key).ok().filter(|v| !v.is_empty())
}

/// Production with `ALTEGIO_PARTNER_TOKEN` (and `ALTEGIO_USER_TOKEN` if set), else the mock
/// with both tokens.
pub async fn connect() -> Result<Target, Box<dyn std::error::Error>> {
    match env("ALTEGIO_PARTNER_TOKEN") {
        Some(partner) => {
            println!("Talking to production ({}).", altegio::b2b::PRODUCTION_URL);
            let user = env("ALTEGIO_USER_TOKEN");
            let mut builder = Client::builder(&partner);
            if let Some(user) = &user {
                builder = builder.user_token(user);
            }
            Ok(Target { client: builder.build()?, mock: None, partner, user })
        }
        None => {
            let mock = MockServer::start().await?;
            println!("No ALTEGIO_PARTNER_TOKEN: using the embedded mock server at {}", mock.url());
            let (partner, user) = ("demo-partner-token".to_string(), "demo-user-token".to_string());
            let client = Client::builder(&partner).user_token(&user).base_url(mock.url()).build()?;
            Ok(Target { client, mock: Some(mock), partner, user: Some(user) })
        }
    }
}

/// A number from the environment, or a default (the ids of the spec's examples).
pub fn env_id(key: &str, default: i64) -> i64 {
    env(key).and_then(|v| v.parse().ok()).unwrap_or(default)
}
