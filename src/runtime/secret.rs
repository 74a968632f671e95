//! Secrets: tokens and passwords that never show in `Debug`, and the check that a token
//! can travel in a header unchanged.

use crate::runtime::error::{Error, Result};
use reqwest::header::HeaderValue;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A token or password: usable, but never shown by `Debug` (and it has no `Display`).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value, for the rare code that must send or store it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<&str> for Secret {
    fn from(v: &str) -> Self {
        Secret(v.to_string())
    }
}

impl From<String> for Secret {
    fn from(v: String) -> Self {
        Secret(v)
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Option::<String>::deserialize(d).map(|s| Secret(s.unwrap_or_default()))
    }
}

/// Checks that a token can travel in the `Authorization` header unchanged: not empty,
/// visible ASCII only, no `,` (which separates the partner and user parts).
pub(crate) fn validate_token(which: &str, token: &str) -> Result<()> {
    if token.is_empty() {
        return Err(Error::invalid_request(format!("the {which} token is empty")));
    }
    if let Some(bad) = token.chars().find(|c| !c.is_ascii_graphic() || *c == ',') {
        let what = match bad {
            '\r' | '\n' => "a line break".to_string(),
            ' ' | '\t' => "white space".to_string(),
            ',' => "a comma".to_string(),
            c if c.is_ascii_control() => "a control character".to_string(),
            _ => "a non-ASCII character".to_string(),
        };
        return Err(Error::invalid_request(format!(
            "the {which} token contains {what}, which cannot be sent in a header"
        )));
    }
    Ok(())
}

pub(crate) fn sensitive(value: String) -> Result<HeaderValue> {
    let mut v =
        HeaderValue::from_str(&value).map_err(|_| Error::invalid_request("a token cannot be sent in a header"))?;
    v.set_sensitive(true);
    Ok(v)
}
