//! The lifecycle webhook of a Marketplace application: what Altegio POSTs to the
//! application's callback URL when it is uninstalled from a location or frozen there.

use super::types;
use crate::runtime::error::{Error, ErrorKind, Result, json_error_without_values, mismatch};
use serde_json::Value;
use subtle::ConstantTimeEq;

/// What happened to the application at a location.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LifecycleKind {
    /// Removed from the location: stop calling for it and drop its data as your terms say.
    Uninstall,
    /// Suspended at the location (for example, unpaid): pause the service there.
    Freeze,
    /// A value this crate does not know yet, kept as sent.
    #[serde(untagged)]
    Other(String),
}

/// A marketplace lifecycle webhook, parsed: `marketplace_webhook` in Altegio's Developer
/// Tools docs. Answer with a 2xx at once and do the work later.
///
/// ```
/// use altegio::devtools::{LifecycleEvent, LifecycleKind};
/// let body = br#"{"salon_id": "1050", "application_id": 1284, "event": "uninstall",
///                 "partner_token": "pt_4f8a1c9e"}"#;
/// let event = LifecycleEvent::parse(body)?;
/// assert!(event.is_from(&"pt_4f8a1c9e")); // compare with your partner token
/// assert_eq!((event.location_id, event.kind.clone()), (1050, LifecycleKind::Uninstall));
/// # Ok::<(), altegio::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LifecycleEvent {
    /// The location concerned (`salon_id`).
    pub location_id: i64,
    /// The application (`application_id`).
    pub application_id: i64,
    /// What happened (`event`).
    pub kind: LifecycleKind,
    /// The body as typed by the spec (`MarketplaceEvent`).
    pub event: types::MarketplaceEvent,
}

impl LifecycleEvent {
    /// Parses the body. Fails with [`ErrorKind::Decode`] when it is not the documented
    /// object; the error names the JSON path and the kind of mismatch, never a value, and
    /// never the partner token the body carries.
    pub fn parse(body: &[u8]) -> Result<LifecycleEvent> {
        let fail = |message: String, path: Option<String>| {
            let e = Error::new(ErrorKind::Decode).with_operation("marketplace_webhook").with_message(message);
            match path {
                Some(p) => e.with_json_path(p),
                None => e,
            }
        };
        let raw: Value = serde_json::from_slice(body).map_err(|e| {
            fail(format!("the marketplace webhook is not JSON: {}", json_error_without_values(&e)), None)
        })?;
        let event: types::MarketplaceEvent = serde_path_to_error::deserialize(&raw).map_err(|e| {
            let path = e.path().to_string();
            fail(format!("the marketplace webhook does not fit: {}", mismatch(&e.inner().to_string())), Some(path))
        })?;
        let kind = match event.event.as_str() {
            "uninstall" => LifecycleKind::Uninstall,
            "freeze" => LifecycleKind::Freeze,
            other => LifecycleKind::Other(other.to_string()),
        };
        Ok(LifecycleEvent {
            location_id: event.salon_id.get(),
            application_id: event.application_id.get(),
            kind,
            event,
        })
    }

    /// Whether the body carries this partner token, compared in constant time: the check
    /// that the call comes from Altegio. `false` when the body has none.
    pub fn is_from(&self, partner_token: &impl AsRef<str>) -> bool {
        match &self.event.partner_token {
            Some(sent) => sent.expose().as_bytes().ct_eq(partner_token.as_ref().as_bytes()).into(),
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_events_parse_and_unknown_ones_are_kept() {
        let freeze = LifecycleEvent::parse(br#"{"salon_id": 7, "application_id": "9", "event": "freeze"}"#).unwrap();
        assert_eq!((freeze.location_id, freeze.application_id, freeze.kind.clone()), (7, 9, LifecycleKind::Freeze));
        assert!(!freeze.is_from(&"anything"), "no token in the body");
        let other = LifecycleEvent::parse(br#"{"salon_id": 7, "application_id": 9, "event": "resume"}"#).unwrap();
        assert_eq!(other.kind, LifecycleKind::Other("resume".into()));
    }

    #[test]
    fn a_bad_body_names_the_path_and_never_the_token() {
        let e = LifecycleEvent::parse(
            br#"{"salon_id": "Seven", "application_id": 9, "event": "uninstall", "partner_token": "pt_SECRET"}"#,
        )
        .unwrap_err();
        assert!(e.is_decode());
        assert_eq!(e.json_path(), Some("salon_id"));
        let shown = format!("{e} {e:?}");
        assert!(!shown.contains("Seven") && !shown.contains("pt_SECRET"), "{shown}");
        let e = LifecycleEvent::parse(br#"{"salon_id": 7}"#).unwrap_err();
        assert!(e.is_decode(), "{e}");
        let token = LifecycleEvent::parse(
            br#"{"salon_id": 7, "application_id": 9, "event": "uninstall", "partner_token": "pt_1"}"#,
        )
        .unwrap();
        assert!(token.is_from(&"pt_1") && !token.is_from(&"pt_2") && !token.is_from(&"pt_10"));
        assert!(!format!("{token:?}").contains("pt_1"));
    }
}
