//! The end customer's token and the clients that carry it.

use super::generated::Client;
use crate::runtime::error::{Error, Result};
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

impl Client {
    /// Logs an end customer in with the login (phone number or e-mail address) and
    /// password of their booking account (`authorize_online_booking_user`, sent with the
    /// partner token alone) and returns a client acting for them, with their token to
    /// store. This client is left as it was.
    pub async fn login(&self, login: &str, password: &str) -> Result<(Client, BookingUserToken)> {
        let body = super::types::BookingUserLogin { login: login.to_string(), password: Secret::new(password) };
        let request = self.authorize_online_booking_user().body(body);
        self.log_in("authorize_online_booking_user", password, request.send_raw()).await
    }

    /// Logs an end customer in with the code texted to their phone by
    /// `send_booking_verification_code` (`log_in_with_phone_number_and_code`) and returns a
    /// client acting for them, with their token to store.
    pub async fn login_with_code(&self, phone: &str, code: &str) -> Result<(Client, BookingUserToken)> {
        let body = super::types::PhoneCodeLogin { phone: phone.to_string(), code: Secret::new(code) };
        let request = self.log_in_with_phone_number_and_code().body(body);
        self.log_in("log_in_with_phone_number_and_code", code, request.send_raw()).await
    }

    async fn log_in<E>(
        &self,
        operation: &'static str,
        secret: &str,
        call: impl Future<Output = crate::runtime::pipeline::Raw<super::types::BookingUserReply, E>>,
    ) -> Result<(Client, BookingUserToken)> {
        // The password or code counts as a secret of this call: masked in its error.
        let secrets = vec![secret.to_string()];
        let call = async move {
            crate::runtime::pipeline::note_secrets(secrets);
            call.await
        };
        let reply = crate::runtime::typed(operation, crate::CallOptions::default(), call).await?.into_inner();
        // The account comes inside the V1 envelope or bare, as the docs show it.
        let json = serde_json::to_value(&reply).unwrap_or_default();
        let token = json
            .get("user_token")
            .or_else(|| json.pointer("/data/user_token"))
            .and_then(serde_json::Value::as_str)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                Error::new(crate::ErrorKind::Decode)
                    .with_operation(operation)
                    .with_message("the login reply has no user token")
            })?;
        let token = BookingUserToken::new(token);
        Ok((self.with_booking_user(&token)?, token))
    }
}
