//! Login and user tokens of the B2B client.

use super::generated::Client;
#[cfg(feature = "auth")]
use super::generated::types;
use crate::runtime::error::Result;
#[cfg(feature = "auth")]
use crate::runtime::{error::Error, secret::Secret};

impl Client {
    /// Logs a user in (`POST /auth`, sent with the partner token alone) and returns a
    /// client that sends the returned user token, with the user's profile. This client
    /// is left as it was: a client never changes its credentials, so a call of one user
    /// already in flight is never re-authorised as another (see
    /// [`with_user_token`](Self::with_user_token) for one client per user).
    ///
    /// `login` is a phone number (`+13155550175`) or an e-mail address. For an account
    /// with two-factor authentication this returns an [`ErrorKind::OtherApi`](crate::ErrorKind::OtherApi)
    /// error whose message names the `uuid`; finish with
    /// [`login_second_factor`](Self::login_second_factor).
    #[cfg(feature = "auth")]
    #[cfg_attr(docsrs, doc(cfg(feature = "auth")))]
    pub async fn login(&self, login: &str, password: &str) -> Result<(Client, types::AuthUser)> {
        self.login_inner(login, password, None).await
    }

    /// Finishes a two-factor login with the `uuid` from the first step and the code the
    /// user received.
    #[cfg(feature = "auth")]
    #[cfg_attr(docsrs, doc(cfg(feature = "auth")))]
    pub async fn login_second_factor(
        &self,
        login: &str,
        password: &str,
        uuid: &str,
        code: &str,
    ) -> Result<(Client, types::AuthUser)> {
        let second = types::AuthSecondFactor { uuid: uuid.to_string(), secret: Secret::new(code) };
        self.login_inner(login, password, Some(second)).await
    }

    #[cfg(feature = "auth")]
    async fn login_inner(
        &self,
        login: &str,
        password: &str,
        second: Option<types::AuthSecondFactor>,
    ) -> Result<(Client, types::AuthUser)> {
        // The password and the code count as secrets of this call: masked in its error.
        let mut secrets = vec![password.to_string()];
        secrets.extend(second.as_ref().map(|s| s.secret.expose().to_string()));
        let body = types::AuthRequest { login: login.to_string(), password: Secret::new(password), x2fa: second };
        let request = self.authorize_user().body(body);
        let call = async move {
            crate::runtime::pipeline::note_secrets(secrets);
            request.send_raw().await
        };
        let reply = crate::runtime::typed("authorize_user", crate::CallOptions::default(), call).await?.into_inner();
        let user = reply.data.ok_or_else(|| {
            Error::new(crate::ErrorKind::Decode)
                .with_operation("authorize_user")
                .with_message("the login reply has no `data`")
        })?;
        match (&user.user_token, &user.uuid) {
            (Some(token), _) if !token.expose().is_empty() => Ok((self.with_user_token(token.expose())?, user)),
            // The uuid is server text too: a password echoed in it is masked.
            (_, Some(uuid)) => Err(Error::new(crate::ErrorKind::OtherApi)
                .with_operation("authorize_user")
                .with_message(format!(
                    "two-factor authentication required: call `login_second_factor` with uuid {uuid}"
                ))
                .masked(&[password])),
            _ => Err(Error::new(crate::ErrorKind::Decode)
                .with_operation("authorize_user")
                .with_message("the login reply has neither a user token nor a two-factor uuid")),
        }
    }

    /// A client for another user: the same connection pool, settings and rate limiter,
    /// its own user token; this client is left as it was. Fails when the token cannot be
    /// sent in a header.
    ///
    /// A server acting for many users keeps one client with the partner token and
    /// derives one per user (or per request) with this: cheap (no new connection pool),
    /// and no user's calls can ever carry another user's token.
    pub fn with_user_token(&self, token: &str) -> Result<Client> {
        self.with_user_token_str(token)
    }
}
