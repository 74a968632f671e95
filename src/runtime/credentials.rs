//! The tokens of a client and the `Authorization` header, for every API: the partner
//! token alone (`Bearer <partner>`) or with a user's token (`Bearer <partner>, User
//! <user>`). Which kind of user a token belongs to (a location's staff user for B2B and
//! Developer Tools, an end customer for Online Booking) is a matter of the API's client
//! type; the header has the same shape.

use crate::runtime::error::{Error, Result};
use crate::runtime::secret::{Secret, sensitive, validate_token};
use reqwest::header::HeaderValue;
use std::fmt;

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
    /// `hint` tells, in an error, how to get a client with a user token.
    pub(crate) fn header_for(
        &self,
        operation: &str,
        needs_user: bool,
        partner_only: bool,
        hint: &str,
    ) -> Result<HeaderValue> {
        if partner_only {
            return Ok(self.partner_header.clone());
        }
        match (&self.user, needs_user) {
            (Some((_, h)), _) => Ok(h.clone()),
            (None, false) => Ok(self.partner_header.clone()),
            (None, true) => Err(Error::invalid_request(format!("`{operation}` needs a user token: {hint}"))),
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
        assert_eq!(c.header_for("get_location", false, false, "").unwrap(), "Bearer P123");
        assert!(c.header_for("create_location", true, false, "").unwrap_err().is_invalid_request());
        let c = c.fork(Some("U456")).unwrap();
        assert_eq!(c.header_for("create_location", true, false, "").unwrap(), "Bearer P123, User U456");
        assert_eq!(c.header_for("get_location", false, false, "").unwrap(), "Bearer P123, User U456");
        assert_eq!(c.header_for("authorize_user", false, true, "").unwrap(), "Bearer P123");
        assert!(c.header_for("x", true, false, "").unwrap().is_sensitive());
        assert!(c.fork(Some("bad token")).is_err());
        assert_eq!(c.without_user().header_for("get_location", false, false, "").unwrap(), "Bearer P123");
    }

    #[test]
    fn debug_never_shows_secrets() {
        let c = Credentials::new("PARTNERTOKEN", Some("USERTOKEN")).unwrap();
        let s = format!("{c:?} {:?}", Secret::new("PASSWORD"));
        assert!(!s.contains("PARTNERTOKEN") && !s.contains("USERTOKEN") && !s.contains("PASSWORD"), "{s}");
    }
}
