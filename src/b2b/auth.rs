//! Tokens, the `Authorization` header, and login.

use super::generated::Client;
#[cfg(feature = "auth")]
use super::generated::types;
use crate::runtime::error::{Error, Result};
use crate::runtime::secret::{Secret, sensitive, validate_token};
use reqwest::header::HeaderValue;
use std::fmt;
use std::sync::{Arc, RwLock};

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
        let mut c = Credentials { partner: Secret::new(partner), partner_header, user: None };
        if let Some(u) = user {
            c.set_user(Some(u))?;
        }
        Ok(c)
    }

    pub(crate) fn set_user(&mut self, user: Option<&str>) -> Result<()> {
        self.user = match user {
            None => None,
            Some(u) => {
                validate_token("user", u)?;
                let header = sensitive(format!("Bearer {}, User {u}", self.partner.expose()))?;
                Some((Secret::new(u), header))
            }
        };
        Ok(())
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
                "`{operation}` needs a user token: call `Client::login` or `set_user_token` first"
            ))),
        }
    }

    /// New credentials with the same partner token and the given user token.
    pub(crate) fn fork(&self, user: Option<&str>) -> Result<Credentials> {
        Credentials::new(self.partner.expose(), user)
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

/// Shared, switchable credentials.
pub(crate) type SharedCredentials = Arc<RwLock<Credentials>>;

impl Client {
    /// Logs a user in (`POST /auth`, sent with the partner token alone) and keeps the
    /// returned user token for every later call of this client and its clones.
    ///
    /// `login` is a phone number (`+13155550175`) or an e-mail address. For an account
    /// with two-factor authentication this returns an [`ErrorKind::Api`](crate::ErrorKind::Api)
    /// error whose message names the `uuid`; finish with
    /// [`login_second_factor`](Self::login_second_factor).
    #[cfg(feature = "auth")]
    #[cfg_attr(docsrs, doc(cfg(feature = "auth")))]
    pub async fn login(&self, login: &str, password: &str) -> Result<types::AuthUser> {
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
    ) -> Result<types::AuthUser> {
        let second = types::AuthSecondFactor { uuid: uuid.to_string(), secret: Secret::new(code) };
        self.login_inner(login, password, Some(second)).await
    }

    #[cfg(feature = "auth")]
    async fn login_inner(
        &self,
        login: &str,
        password: &str,
        second: Option<types::AuthSecondFactor>,
    ) -> Result<types::AuthUser> {
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
            (Some(token), _) if !token.expose().is_empty() => {
                self.set_user_token(token.expose())?;
                Ok(user)
            }
            // The uuid is server text too: a password echoed in it is masked.
            (_, Some(uuid)) => Err(Error::new(crate::ErrorKind::Api)
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

    /// Sets the user token for every later call of this client and its clones.
    ///
    /// Fails, leaving the previous token in place, when the token cannot be sent in a
    /// header.
    pub fn set_user_token(&self, token: &str) -> Result<()> {
        self.inner.write_credentials(|c| c.set_user(Some(token)))
    }

    /// Forgets the user token: later calls send the partner token alone.
    pub fn clear_user_token(&self) -> Result<()> {
        self.inner.write_credentials(|c| c.set_user(None))
    }

    /// Whether a user token is set.
    pub fn has_user_token(&self) -> bool {
        self.inner.read_credentials(Credentials::has_user)
    }

    /// A client for another user: the same connection pool, settings and rate limiter,
    /// its own user token. Changing either client's token does not affect the other.
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
        let mut c = Credentials::new("P123", None).unwrap();
        assert_eq!(c.header_for("get_location", false, false).unwrap(), "Bearer P123");
        assert!(c.header_for("create_location", true, false).unwrap_err().is_invalid_request());
        c.set_user(Some("U456")).unwrap();
        assert_eq!(c.header_for("create_location", true, false).unwrap(), "Bearer P123, User U456");
        assert_eq!(c.header_for("get_location", false, false).unwrap(), "Bearer P123, User U456");
        assert_eq!(c.header_for("authorize_user", false, true).unwrap(), "Bearer P123");
        assert!(c.header_for("x", true, false).unwrap().is_sensitive());
        assert!(c.set_user(Some("bad token")).is_err());
        assert_eq!(c.header_for("x", true, false).unwrap(), "Bearer P123, User U456");
    }

    #[test]
    fn debug_never_shows_secrets() {
        let c = Credentials::new("PARTNERTOKEN", Some("USERTOKEN")).unwrap();
        let s = format!("{c:?} {:?}", Secret::new("PASSWORD"));
        assert!(!s.contains("PARTNERTOKEN") && !s.contains("USERTOKEN") && !s.contains("PASSWORD"), "{s}");
    }
}
