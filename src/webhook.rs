//! Webhooks: the events Altegio POSTs to an integrator's URL, and checking that they
//! come from Altegio.
//!
//! Altegio sends one JSON object per change:
//! `{company_id, resource, resource_id, status: create|update|delete, data}`, where `data`
//! is the changed entity in its REST shape, possibly with only some fields.
//! [`WebhookEvent::parse`] turns it into a typed [`Payload`] by `resource`, reusing the
//! entity types of the API (whose fields are all optional, which the spec lint checks),
//! and keeps resources it does not know as raw JSON.
//!
//! Altegio signs nothing. The documented practice is a secret in the webhook URL:
//! [`WebhookSecret::url_for`] builds the URL to register (with
//! `devtools::Client::update_event_notification_settings`) and [`WebhookSecret::verify_uri`] checks an incoming
//! request in constant time.

use crate::b2b::generated::types;
use crate::runtime::error::{Error, ErrorKind, Result, json_error_without_values, mismatch};
use crate::wire::FlexInt;
use serde::Deserialize;
use serde_json::Value;
use subtle::ConstantTimeEq;

/// The query parameter that carries the webhook secret.
pub const SECRET_PARAM: &str = "secret";

/// The shortest secret [`WebhookSecret::new`] accepts.
pub const MIN_SECRET_LEN: usize = 16;

/// What happened to the resource.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum EventStatus {
    /// `create`
    Create,
    /// `update`
    Update,
    /// `delete`
    Delete,
    /// Any other value, kept as sent.
    Other(String),
}

impl EventStatus {
    fn from_wire(s: &str) -> Self {
        match s {
            "create" => EventStatus::Create,
            "update" => EventStatus::Update,
            "delete" => EventStatus::Delete,
            other => EventStatus::Other(other.to_string()),
        }
    }
}

/// Which goods operation a `goods_operations_*` event is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GoodsOperation {
    /// `goods_operations_sale`
    Sale,
    /// `goods_operations_receipt`
    Receipt,
    /// `goods_operations_consumable`: consumables written off.
    Consumable,
    /// `goods_operations_stolen`: products written off.
    WriteOff,
    /// `goods_operations_move`: a transfer between storages.
    Move,
    /// Another `goods_operations_*` suffix, kept as sent.
    Other(String),
}

/// The typed `data` of an event, by `resource`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Payload {
    /// `record`: an appointment.
    Record(Box<types::Appointment>),
    /// `client`
    Client(Box<types::ClientProfile>),
    /// `staff`: a team member.
    Staff(Box<types::TeamMember>),
    /// `service`
    Service(Box<types::Service>),
    /// `service_category`
    ServiceCategory(Box<types::ServiceCategory>),
    /// `good`: a product.
    Good(Box<types::Product>),
    /// `goods_operations_*`: a storage transaction.
    GoodsOperation(GoodsOperation, Box<types::StorageTransaction>),
    /// `finances_operation`: a financial transaction.
    FinancesOperation(Box<types::FinanceTransaction>),
    /// `company` (or `salon`): the location itself.
    Company(Box<types::Location>),
    /// `loyalty_card`: a loyalty card (its balance changed, for example).
    LoyaltyCard(Box<types::LoyaltyCard>),
    /// `schedule`: the work schedule of the team member `resource_id` changed; Altegio
    /// sends no data, so read the schedule to see what changed.
    Schedule,
    /// A resource this crate does not know: `data` as sent.
    Unknown(Value),
}

/// One webhook event.
///
/// It serialises as the event Altegio sent and deserialises by parsing that again, so an
/// event can be queued or stored (in any serde format) and read back whole.
#[derive(Clone, Debug, PartialEq)]
pub struct WebhookEvent {
    /// The location (company) where the change happened.
    pub company_id: Option<i64>,
    /// The resource name as sent (`record`, `client`...).
    pub resource: String,
    /// The id of the changed entity.
    pub resource_id: Option<i64>,
    /// Create, update or delete.
    pub status: EventStatus,
    /// The entity, typed by resource.
    pub payload: Payload,
    raw: Value,
}

#[derive(Deserialize)]
struct Envelope {
    company_id: Option<FlexInt>,
    resource: Option<String>,
    resource_id: Option<FlexInt>,
    status: Option<String>,
    #[serde(default)]
    data: Value,
}

const OPERATION: &str = "webhook";

impl WebhookEvent {
    /// Parses a webhook body.
    ///
    /// Fails with [`ErrorKind::Decode`] when the body is not a JSON object with a
    /// `resource`, or when the `data` of a known resource does not fit its type. The error
    /// names the JSON path and the kind of mismatch, never the values (client names and
    /// phones end up in logs); [`Error::raw_body`] gives the body. An empty `data` (`null`,
    /// `[]`, `{}`, as deletes may send) gives an entity with every field `None`.
    pub fn parse(body: &[u8]) -> Result<WebhookEvent> {
        let decode_error = |message: String, path: Option<String>| {
            let mut e =
                Error::new(ErrorKind::Decode).with_operation(OPERATION).with_message(message).with_raw_body(body);
            if let Some(p) = path {
                e = e.with_json_path(p);
            }
            e
        };
        let raw: Value = serde_json::from_slice(body).map_err(|e| {
            decode_error(format!("the webhook body is not JSON: {}", json_error_without_values(&e)), None)
        })?;
        let envelope: Envelope = serde_path_to_error::deserialize(&raw).map_err(|e| {
            let path = e.path().to_string();
            decode_error(format!("the webhook envelope does not fit: {}", mismatch(&e.inner().to_string())), Some(path))
        })?;
        let resource = envelope
            .resource
            .ok_or_else(|| decode_error("the webhook has no `resource`".into(), Some("resource".into())))?;
        let data = match envelope.data {
            Value::Null => Value::Object(Default::default()),
            Value::Array(a) if a.is_empty() => Value::Object(Default::default()),
            other => other,
        };
        let payload = Payload::decode(&resource, data).map_err(|(path, message)| {
            decode_error(format!("the `data` of a `{resource}` webhook does not fit: {message}"), Some(path))
        })?;
        Ok(WebhookEvent {
            company_id: envelope.company_id.map(FlexInt::get),
            resource,
            resource_id: envelope.resource_id.map(FlexInt::get),
            status: EventStatus::from_wire(envelope.status.as_deref().unwrap_or_default()),
            payload,
            raw,
        })
    }

    /// The whole event as received.
    pub fn raw(&self) -> &Value {
        &self.raw
    }
}

impl serde::Serialize for WebhookEvent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.raw.serialize(s)
    }
}

impl<'de> Deserialize<'de> for WebhookEvent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = Value::deserialize(d)?;
        let body = serde_json::to_vec(&raw).map_err(serde::de::Error::custom)?;
        WebhookEvent::parse(&body).map_err(serde::de::Error::custom)
    }
}

impl Payload {
    fn decode(resource: &str, data: Value) -> std::result::Result<Payload, (String, String)> {
        fn typed<T: serde::de::DeserializeOwned>(data: Value) -> std::result::Result<Box<T>, (String, String)> {
            serde_path_to_error::deserialize(data)
                .map(Box::new)
                .map_err(|e| (format!("data.{}", e.path()), mismatch(&e.inner().to_string())))
        }
        Ok(match resource {
            "record" => Payload::Record(typed(data)?),
            "client" => Payload::Client(typed(data)?),
            "staff" | "master" => Payload::Staff(typed(data)?),
            "service" => Payload::Service(typed(data)?),
            "service_category" => Payload::ServiceCategory(typed(data)?),
            "good" => Payload::Good(typed(data)?),
            "finances_operation" => Payload::FinancesOperation(typed(data)?),
            "company" | "salon" => Payload::Company(typed(data)?),
            "loyalty_card" => Payload::LoyaltyCard(typed(data)?),
            "schedule" => Payload::Schedule,
            other => match other.strip_prefix("goods_operations_") {
                Some(kind) => {
                    let kind = match kind {
                        "sale" => GoodsOperation::Sale,
                        "receipt" => GoodsOperation::Receipt,
                        "consumable" => GoodsOperation::Consumable,
                        "stolen" => GoodsOperation::WriteOff,
                        "move" => GoodsOperation::Move,
                        k => GoodsOperation::Other(k.to_string()),
                    };
                    Payload::GoodsOperation(kind, typed(data)?)
                }
                None => Payload::Unknown(data),
            },
        })
    }
}

/// The secret that proves a webhook came from Altegio: it is part of the URL registered
/// with Altegio, so only Altegio (and whoever reads the settings) knows it.
///
/// `Debug` never shows it; comparisons take the same time whatever the input.
#[derive(Clone)]
pub struct WebhookSecret(crate::Secret);

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebhookSecret(***)")
    }
}

impl WebhookSecret {
    /// A secret of at least [`MIN_SECRET_LEN`] characters from `A-Z a-z 0-9 - . _ ~`
    /// (so it travels in a URL unchanged). Use a random one, e.g. 32 characters from a
    /// password generator.
    pub fn new(secret: impl Into<String>) -> Result<Self> {
        let secret = secret.into();
        if secret.len() < MIN_SECRET_LEN {
            return Err(Error::invalid_request(format!("a webhook secret needs at least {MIN_SECRET_LEN} characters")));
        }
        if !secret.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)) {
            return Err(Error::invalid_request("a webhook secret may only hold A-Z a-z 0-9 - . _ ~"));
        }
        Ok(WebhookSecret(crate::Secret::new(secret)))
    }

    /// The URL to register with Altegio: `endpoint` with `secret=<secret>` added to its
    /// query. The endpoint must be an absolute `https` URL (or `http` to loopback, for
    /// tests).
    pub fn url_for(&self, endpoint: &str) -> Result<String> {
        let mut url =
            url::Url::parse(endpoint).map_err(|e| Error::invalid_request("invalid webhook endpoint").with_source(e))?;
        if url.scheme() != "https" && !(url.scheme() == "http" && crate::runtime::url_policy::is_loopback(&url)) {
            return Err(Error::invalid_request("a webhook endpoint must use https (the secret travels in it)"));
        }
        if url.query_pairs().any(|(k, _)| k == SECRET_PARAM) {
            return Err(Error::invalid_request(format!("the endpoint already has a `{SECRET_PARAM}` parameter")));
        }
        url.query_pairs_mut().append_pair(SECRET_PARAM, self.0.expose());
        Ok(url.to_string())
    }

    /// Whether `candidate` is the secret, compared in constant time (only the length can
    /// be learnt from timing).
    pub fn verify(&self, candidate: &str) -> bool {
        self.0.expose().as_bytes().ct_eq(candidate.as_bytes()).into()
    }

    /// Whether a request URI (path and query, as a server sees it) carries the secret in
    /// its `secret` query parameter, exactly once.
    pub fn verify_uri(&self, uri: &http::Uri) -> bool {
        let Some(query) = uri.query() else { return false };
        let mut found = url::form_urlencoded::parse(query.as_bytes()).filter(|(k, _)| k == SECRET_PARAM);
        match (found.next(), found.next()) {
            (Some((_, value)), None) => self.verify(&value),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_checked_and_hidden() {
        assert!(WebhookSecret::new("short").is_err());
        assert!(WebhookSecret::new("has space inside it!").is_err());
        let s = WebhookSecret::new("Zr4pQ8vT2mW9xK1c").unwrap();
        assert_eq!(format!("{s:?}"), "WebhookSecret(***)");
        assert!(s.verify("Zr4pQ8vT2mW9xK1c"));
        assert!(!s.verify("Zr4pQ8vT2mW9xK1d"));
        assert!(!s.verify("Zr4pQ8vT2mW9xK1"));
        assert!(!s.verify(""));
    }

    #[test]
    fn the_url_carries_the_secret_once() {
        let s = WebhookSecret::new("Zr4pQ8vT2mW9xK1c").unwrap();
        let url = s.url_for("https://hooks.example.com/altegio?tenant=7").unwrap();
        assert_eq!(url, "https://hooks.example.com/altegio?tenant=7&secret=Zr4pQ8vT2mW9xK1c");
        assert!(s.url_for("http://hooks.example.com/altegio").is_err());
        assert!(s.url_for("http://127.0.0.1:8080/hook").is_ok());
        assert!(s.url_for("https://h.example.com/?secret=x").is_err());
        assert!(s.url_for("not a url").is_err());
        let uri: http::Uri = "/altegio?tenant=7&secret=Zr4pQ8vT2mW9xK1c".parse().unwrap();
        assert!(s.verify_uri(&uri));
        for bad in ["/altegio", "/altegio?secret=nope", "/a?secret=Zr4pQ8vT2mW9xK1c&secret=Zr4pQ8vT2mW9xK1c"] {
            assert!(!s.verify_uri(&bad.parse().unwrap()), "{bad}");
        }
    }

    #[test]
    fn statuses_and_goods_operations() {
        assert_eq!(EventStatus::from_wire("delete"), EventStatus::Delete);
        assert_eq!(EventStatus::from_wire("archive"), EventStatus::Other("archive".into()));
        let body = br#"{"company_id":"4564","resource":"goods_operations_stolen","resource_id":9,"status":"create","data":{"id":9,"amount":"-2"}}"#;
        let e = WebhookEvent::parse(body).unwrap();
        assert!(matches!(e.payload, Payload::GoodsOperation(GoodsOperation::WriteOff, _)));
        assert_eq!(e.company_id, Some(4564));
    }

    #[test]
    fn mismatches_keep_the_kind_and_drop_the_values() {
        for (serde, shown) in [
            (r#"invalid type: string "Ada, expected x", expected i64"#, "invalid type: string, expected i64"),
            ("invalid value: integer `79001234567`, expected a date", "invalid value: integer, expected a date"),
            ("invalid type: map, expected a string", "invalid type: map, expected a string"),
            ("invalid value: Ada Lovelace, expected a name", "invalid value: a value, expected a name"),
            ("unknown variant `Ada`, expected one of `a`, `b`", "unknown variant, expected one of `a`, `b`"),
            ("invalid length 3, expected 2 elements", "invalid length, expected 2 elements"),
            ("Ada Lovelace is not a date", "a value does not fit its type"),
        ] {
            assert_eq!(mismatch(serde), shown);
        }
    }
}
