//! The end customer's token and the clients that carry it.

use super::generated::Client;
use crate::runtime::error::Result;
use crate::runtime::secret::Secret;
use std::fmt;

/// The token of an online-booking end customer (`User <token>` after the partner token
/// in the `Authorization` header). It is not a B2B user token, and the types keep the two
/// apart: a [`booking::Client`](Client) takes only this, a B2B client never takes it.
///
/// Get one from [`Client::login`] or [`Client::login_with_code`]; to restore one you
/// stored, [`BookingUserToken::new`]. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct BookingUserToken(Secret);

impl BookingUserToken {
    /// Wraps a token received earlier from Altegio's booking login.
    pub fn new(token: impl Into<String>) -> Self {
        BookingUserToken(Secret::new(token))
    }

    /// The token itself, to store it.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl fmt::Debug for BookingUserToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BookingUserToken(***)")
    }
}

impl crate::ClientBuilder<Client> {
    /// Acts for this end customer: their token goes with every call
    /// (`Bearer <partner>, User <token>`).
    pub fn booking_user(mut self, token: &BookingUserToken) -> Self {
        self.user_token = Some(token.expose().to_string());
        self
    }
}

impl Client {
    /// A client acting for this end customer: the same connection pool, settings and rate
    /// limiter; this client is left as it was. Fails when the token cannot be sent in a
    /// header.
    pub fn with_booking_user(&self, token: &BookingUserToken) -> Result<Client> {
        self.with_user_token_str(token.expose())
    }
}
