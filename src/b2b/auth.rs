//! Tokens, the `Authorization` header, and login.

use super::generated::Client;
#[cfg(feature = "auth")]
use super::generated::types;
use crate::runtime::error::{Error, Result};
use crate::runtime::secret::{Secret, sensitive, validate_token};
use reqwest::header::HeaderValue;
use std::fmt;
use std::sync::Arc;

/// The tokens of a client, with both header values prepared.
pub(crate) struct Credentials {
    partner: Secret,
    partner_header: HeaderValue,
    user: Option<(Secret, HeaderValue)>,
}

impl Credentials {
    pub(crate) fn new(partner: &str, user: Option<&str>) -> Result<Self> {
        validate_token("partner", partner)?;
        let partner_header = sensitive(format!("Bearer {partner}"))?;
        let user = match user {
            None => None,
            Some(u) => {
                validate_token("user", u)?;
                Some((Secret::new(u), sensitive(format!("Bearer {partner}, User {u}"))?))
            }
        };
        Ok(Credentials { partner: Secret::new(partner), partner_header, user })
    }

    /// The header for an operation: partner only for operations marked `x-altegio-partner-only` in the spec, partner and user
    /// whenever a user token is set, and an error when the operation needs a user token
    /// and there is none.
    pub(crate) fn header_for(&self, operation: &str, needs_user: bool, partner_only: bool) -> Result<HeaderValue> {
        if partner_only {
            return Ok(self.partner_header.clone());
        }
        match (&self.user, needs_user) {
            (Some((_, h)), _) => Ok(h.clone()),
            (None, false) => Ok(self.partner_header.clone()),
            (None, true) => Err(Error::invalid_request(format!(
                "`{operation}` needs a user token: use the client `Client::login` returns, or \
                 `Client::with_user_token`"
            ))),
        }
    }

    /// New credentials with the same partner token and the given user token.
    pub(crate) fn fork(&self, user: Option<&str>) -> Result<Credentials> {
        Credentials::new(self.partner.expose(), user)
    }

    /// The same partner token, no user token.
    pub(crate) fn without_user(&self) -> Credentials {
        Credentials { partner: self.partner.clone(), partner_header: self.partner_header.clone(), user: None }
    }

    pub(crate) fn has_user(&self) -> bool {
        self.user.is_some()
    }

    /// The secret values, for masking in error excerpts.
    pub(crate) fn secrets(&self) -> Vec<String> {
        let mut v = vec![self.partner.expose().to_string()];
        if let Some((u, _)) = &self.user {
            v.push(u.expose().to_string());
        }
        v
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("partner_token", &"***")
            .field("user_token", &self.user.as_ref().map(|_| "***"))
            .finish()
    }
}

/// Credentials shared by a client's clones; never changed once built.
pub(crate) type SharedCredentials = Arc<Credentials>;

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

    /// The same client without a user token: its calls send the partner token alone.
    pub fn without_user_token(&self) -> Client {
        let ctx = self.inner.without_user();
        Client::new_with_client(self.baseurl(), self.client().clone(), ctx)
    }

    /// Whether a user token is set.
    pub fn has_user_token(&self) -> bool {
        self.inner.read_credentials(Credentials::has_user)
    }

    /// A client for another user: the same connection pool, settings and rate limiter,
    /// its own user token; this client is left as it was. Fails when the token cannot be
    /// sent in a header.
    ///
    /// A server acting for many users keeps one client with the partner token and
    /// derives one per user (or per request) with this: cheap (no new connection pool),
    /// and no user's calls can ever carry another user's token.
    pub fn with_user_token(&self, token: &str) -> Result<Client> {
        let ctx = self.inner.fork_credentials(Some(token))?;
        Ok(Client::new_with_client(self.baseurl(), self.client().clone(), ctx))
    }

    pub(crate) fn baseurl(&self) -> &str {
        progenitor_client::ClientInfo::baseurl(self)
    }

    fn client(&self) -> &reqwest::Client {
        progenitor_client::ClientInfo::client(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_with_header_breaking_characters_are_rejected() {
        for bad in ["", "abc\r\nX-Evil: 1", "a b", "a,b", "tök", "a\tb", "a\0b"] {
            let e = validate_token("partner", bad).unwrap_err();
            assert!(e.is_invalid_request());
            assert!(!e.to_string().contains(bad) || bad.is_empty(), "{e}");
        }
        validate_token("user", "abcDEF0123-_.~+/=").unwrap();
    }

    #[test]
    fn header_has_exactly_the_documented_shapes() {
        let c = Credentials::new("P123", None).unwrap();
        assert_eq!(c.header_for("get_location", false, false).unwrap(), "Bearer P123");
        assert!(c.header_for("create_location", true, false).unwrap_err().is_invalid_request());
        let c = c.fork(Some("U456")).unwrap();
        assert_eq!(c.header_for("create_location", true, false).unwrap(), "Bearer P123, User U456");
        assert_eq!(c.header_for("get_location", false, false).unwrap(), "Bearer P123, User U456");
        assert_eq!(c.header_for("authorize_user", false, true).unwrap(), "Bearer P123");
        assert!(c.header_for("x", true, false).unwrap().is_sensitive());
        assert!(c.fork(Some("bad token")).is_err());
        assert_eq!(c.without_user().header_for("get_location", false, false).unwrap(), "Bearer P123");
    }

    #[test]
    fn debug_never_shows_secrets() {
        let c = Credentials::new("PARTNERTOKEN", Some("USERTOKEN")).unwrap();
        let s = format!("{c:?} {:?}", Secret::new("PASSWORD"));
        assert!(!s.contains("PARTNERTOKEN") && !s.contains("USERTOKEN") && !s.contains("PASSWORD"), "{s}");
    }
}
