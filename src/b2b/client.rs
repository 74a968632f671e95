//! Building a B2B [`Client`]: the settings every API shares are on
//! [`ClientBuilder`](crate::ClientBuilder); the user token is B2B's own.

use super::generated::Client;

/// The production base URL of the B2B API (V1).
pub const PRODUCTION_URL: &str = "https://api.alteg.io/api/v1";

/// Configures a B2B [`Client`]; start with [`Client::builder`].
pub type ClientBuilder = crate::ClientBuilder<Client>;

impl crate::ClientBuilder<Client> {
    /// Sends this user token (a location's staff user, from [`Client::login`]) with every
    /// call (`Bearer <partner>, User <user>`).
    pub fn user_token(mut self, token: impl Into<String>) -> Self {
        self.user_token = Some(token.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_rejects_bad_tokens_without_echoing_them() {
        let e = Client::builder("good").user_token("bad\r\nInjected: 1").build().unwrap_err();
        assert!(e.is_invalid_request());
        assert!(!e.to_string().contains("Injected"));
        let dbg = format!("{:?}", Client::builder("PARTNER-SECRET").user_token("USER-SECRET"));
        assert!(!dbg.contains("SECRET"), "{dbg}");
    }
}
