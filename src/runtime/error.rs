//! The one error type of every operation.

use crate::wire::{field_errors, int_of};
use reqwest::StatusCode;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, in the terms a caller acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// 401, or error code 20: a token is missing, wrong or revoked (a password change
    /// revokes the user token).
    Unauthorized,
    /// 402/403, or error code 15: no permission, or the location's licence has run out.
    Forbidden,
    /// 404, or error code 30.
    NotFound,
    /// 400/422, field errors, or error codes 5/10: the request did not pass validation.
    Validation,
    /// 409: the change conflicts with existing data (e.g. the team member is busy).
    Conflict,
    /// 429: too many requests; see [`Error::retry_after`].
    RateLimited,
    /// 5xx.
    Server,
    /// An API error of none of the kinds above, including `success: false` inside a 2xx
    /// reply. [`Error::is_api`] is true for it and for every other kind the API reported.
    OtherApi,
    /// The connection failed before a reply arrived.
    Transport,
    /// No complete reply within the timeout.
    Timeout,
    /// The reply is not what the operation's schema describes.
    Decode,
    /// The request was not sent: a missing parameter, an invalid token, a refused
    /// unsafe call, a missing user token.
    InvalidRequest,
    /// A reply with a status the operation does not document (e.g. a 3xx).
    Unexpected,
    /// A paged list did not add up: a page came back empty before the reported total, a
    /// page repeated the previous one, or there were more pages than the total allows.
    Pagination,
    /// The shared rate limiter could not grant a slot (Redis unreachable or too slow) and
    /// its policy is to fail the call rather than fall back; nothing was sent.
    LimiterUnavailable,
}

/// An error from any call of this crate.
///
/// It keeps what Altegio said (status, `meta.message`, field errors, numeric
/// `error_code`) and what the client knows (operation, attempts, a short excerpt of
/// the body). The secrets of the call (the partner and user tokens, a login's password and
/// 2FA code) are masked as `***` in every string it carries, whether the server echoed
/// them as is, JSON-escaped or percent-encoded.
///
/// `Display` and `Debug` show server text safely: control characters (line breaks,
/// ESC...) become spaces, and each server-provided string is cut after a few hundred
/// characters, with `…` and its full length. [`message`](Self::message),
/// [`field_errors`](Self::field_errors), [`json_path`](Self::json_path) and
/// [`body_excerpt`](Self::body_excerpt) give the whole text as received (secrets masked).
///
/// `Display` says what failed; the underlying error (e.g. the connection failure of a
/// transport error) is not repeated in it but returned by
/// [`source()`](std::error::Error::source), so chain reporters (anyhow, eyre) print each
/// cause once.
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Default)]
struct Inner {
    kind: Option<ErrorKind>,
    operation: Option<&'static str>,
    status: Option<StatusCode>,
    message: Option<String>,
    field_errors: BTreeMap<String, Vec<String>>,
    error_code: Option<i64>,
    retry_after: Option<Duration>,
    attempts: u32,
    excerpt: Option<String>,
    json_path: Option<String>,
    raw_body: Option<Vec<u8>>,
    details: Option<Box<ApiErrorBody>>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl ErrorKind {
    /// A short, stable name (`"rate_limited"`, `"timeout"`...), as logs and metrics want it
    /// (the `error.type` of the call's tracing span).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Validation => "validation",
            ErrorKind::Conflict => "conflict",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Server => "server",
            ErrorKind::OtherApi => "other_api",
            ErrorKind::Transport => "transport",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Decode => "decode",
            ErrorKind::InvalidRequest => "invalid_request",
            ErrorKind::Unexpected => "unexpected",
            ErrorKind::Pagination => "pagination",
            ErrorKind::LimiterUnavailable => "limiter_unavailable",
        }
    }
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error { inner: Box::new(Inner { kind: Some(kind), ..Inner::default() }) }
    }

    pub(crate) fn invalid_request(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidRequest).with_message(message)
    }

    pub(crate) fn with_message(mut self, message: impl Into<String>) -> Self {
        self.inner.message = Some(message.into());
        self
    }

    pub(crate) fn with_operation(mut self, op: &'static str) -> Self {
        self.inner.operation = Some(op);
        self
    }

    pub(crate) fn with_status(mut self, status: StatusCode) -> Self {
        self.inner.status = Some(status);
        self
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.inner.attempts = attempts;
        self
    }

    pub(crate) fn with_retry_after(mut self, d: Option<Duration>) -> Self {
        self.inner.retry_after = d;
        self
    }

    pub(crate) fn with_excerpt(mut self, excerpt: Option<String>) -> Self {
        self.inner.excerpt = excerpt.filter(|e| !e.is_empty());
        self
    }

    pub(crate) fn with_json_path(mut self, path: impl Into<String>) -> Self {
        self.inner.json_path = Some(path.into());
        self
    }

    #[cfg_attr(not(altegio_b2b), allow(dead_code))] // used by the B2B webhooks
    pub(crate) fn with_raw_body(mut self, body: &[u8]) -> Self {
        self.inner.raw_body = Some(body.to_vec());
        self
    }

    pub(crate) fn with_source(mut self, e: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.inner.source = Some(Box::new(e));
        self
    }

    /// Masks `secrets` (see [`mask_secrets`]) in every string the error carries.
    pub(crate) fn masked(mut self, secrets: &[&str]) -> Self {
        let i = &mut *self.inner;
        for text in [&mut i.message, &mut i.excerpt, &mut i.json_path].into_iter().flatten() {
            *text = mask_secrets(text, secrets);
        }
        i.field_errors = mask_fields(std::mem::take(&mut i.field_errors), secrets);
        if let Some(d) = i.details.as_deref_mut() {
            d.message = d.message.as_deref().map(|m| mask_secrets(m, secrets));
            d.errors = mask_fields(std::mem::take(&mut d.errors), secrets);
            mask_json(&mut d.raw, secrets);
        }
        self
    }

    /// Builds the error for an API error body (`status` may be 2xx for `success: false`).
    pub(crate) fn api(status: StatusCode, body: &ApiErrorBody) -> Self {
        let kind = classify(status, body);
        let mut e = Error::new(kind).with_status(status);
        e.inner.message = body.message.clone();
        e.inner.field_errors = body.errors.clone();
        e.inner.error_code = body.error_code;
        e.inner.details = Some(Box::new(body.clone()));
        e
    }

    /// The error body Altegio sent, parsed, with its JSON in
    /// [`raw`](ApiErrorBody::raw) for the fields this type does not name
    /// (`meta.conflict`, ...); secrets in use are masked in it, as everywhere in an error.
    /// `None` for an error that did not come from an API reply.
    pub fn details(&self) -> Option<&ApiErrorBody> {
        self.inner.details.as_deref()
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind.unwrap_or(ErrorKind::OtherApi)
    }

    /// The operationId of the call that failed.
    pub fn operation(&self) -> Option<&'static str> {
        self.inner.operation
    }

    /// The HTTP status, when a reply arrived.
    pub fn status(&self) -> Option<StatusCode> {
        self.inner.status
    }

    /// Altegio's message (`meta.message`, `errors.message` or `error_message`), or this
    /// crate's description for errors that did not come from the API. The whole text as
    /// received, with secrets masked; `Display` shows it cleaned and cut.
    pub fn message(&self) -> Option<&str> {
        self.inner.message.as_deref()
    }

    /// Validation messages per field (`meta.errors`, or the `errors` list of the
    /// SMS-provider endpoints), whole, with secrets masked.
    pub fn field_errors(&self) -> &BTreeMap<String, Vec<String>> {
        &self.inner.field_errors
    }

    /// The numeric `error_code` when the body has one (5, 10, 15, 20, 30, 32, 431-437...).
    pub fn error_code(&self) -> Option<i64> {
        self.inner.error_code
    }

    /// The server's `Retry-After`, when it sent one.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after
    }

    /// How many times the request was sent (0 when it never left the client).
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// A short excerpt of the reply body, with secrets masked.
    pub fn body_excerpt(&self) -> Option<&str> {
        self.inner.excerpt.as_deref()
    }

    /// For decode errors: where in the JSON the reply stopped fitting the schema.
    pub fn json_path(&self) -> Option<&str> {
        self.inner.json_path.as_deref()
    }

    /// For inbound parse errors ([`WebhookEvent::parse`](crate::webhook::WebhookEvent::parse)):
    /// the whole body that failed, as received. It may hold personal data (client names,
    /// phones), which is why neither `Display` nor `Debug` shows any of it.
    pub fn raw_body(&self) -> Option<&[u8]> {
        self.inner.raw_body.as_deref()
    }

    /// 401 or error code 20.
    pub fn is_unauthorized(&self) -> bool {
        self.kind() == ErrorKind::Unauthorized
    }
    /// 402/403 or error code 15.
    pub fn is_forbidden(&self) -> bool {
        self.kind() == ErrorKind::Forbidden
    }
    /// 404 or error code 30.
    pub fn is_not_found(&self) -> bool {
        self.kind() == ErrorKind::NotFound
    }
    /// A validation failure.
    pub fn is_validation(&self) -> bool {
        self.kind() == ErrorKind::Validation
    }
    /// 409.
    pub fn is_conflict(&self) -> bool {
        self.kind() == ErrorKind::Conflict
    }
    /// 429.
    pub fn is_rate_limited(&self) -> bool {
        self.kind() == ErrorKind::RateLimited
    }
    /// 5xx.
    pub fn is_server_error(&self) -> bool {
        self.kind() == ErrorKind::Server
    }
    /// A connection failure.
    pub fn is_transport(&self) -> bool {
        self.kind() == ErrorKind::Transport
    }
    /// A timeout.
    pub fn is_timeout(&self) -> bool {
        self.kind() == ErrorKind::Timeout
    }
    /// A reply that does not fit the schema.
    pub fn is_decode(&self) -> bool {
        self.kind() == ErrorKind::Decode
    }
    /// A request refused before sending.
    pub fn is_invalid_request(&self) -> bool {
        self.kind() == ErrorKind::InvalidRequest
    }
    /// Any error reported by the API (a reply with an error status or `success: false`).
    pub fn is_api(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::Unauthorized
                | ErrorKind::Forbidden
                | ErrorKind::NotFound
                | ErrorKind::Validation
                | ErrorKind::Conflict
                | ErrorKind::RateLimited
                | ErrorKind::Server
                | ErrorKind::OtherApi
        )
    }
}

fn classify(status: StatusCode, body: &ApiErrorBody) -> ErrorKind {
    match status.as_u16() {
        401 => return ErrorKind::Unauthorized,
        402 | 403 => return ErrorKind::Forbidden,
        404 => return ErrorKind::NotFound,
        400 | 422 => return ErrorKind::Validation,
        409 => return ErrorKind::Conflict,
        429 => return ErrorKind::RateLimited,
        500..=599 => return ErrorKind::Server,
        _ => {}
    }
    match body.error_code {
        Some(20) => ErrorKind::Unauthorized,
        Some(15) => ErrorKind::Forbidden,
        Some(30) => ErrorKind::NotFound,
        Some(5 | 10) => ErrorKind::Validation,
        _ if !body.errors.is_empty() => ErrorKind::Validation,
        _ => ErrorKind::OtherApi,
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        let what = match self.kind() {
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not found",
            ErrorKind::Validation => "validation failed",
            ErrorKind::Conflict => "conflict",
            ErrorKind::RateLimited => "rate limited",
            ErrorKind::Server => "server error",
            ErrorKind::OtherApi => "api error",
            ErrorKind::Transport => "connection failed",
            ErrorKind::Timeout => "timed out",
            ErrorKind::Decode => "reply does not fit the schema",
            ErrorKind::InvalidRequest => "request not sent",
            ErrorKind::Unexpected => "unexpected reply",
            ErrorKind::Pagination => "the paged list does not add up",
            ErrorKind::LimiterUnavailable => "the shared rate limiter is unavailable",
        };
        if let Some(op) = i.operation {
            write!(f, "{op}: ")?;
        }
        f.write_str(what)?;
        if let Some(s) = i.status {
            write!(f, " (HTTP {})", s.as_u16())?;
        }
        if let Some(c) = i.error_code {
            write!(f, " [code {c}]")?;
        }
        if let Some(m) = &i.message {
            write!(f, ": {}", Shown::Text(m))?;
        }
        if !i.field_errors.is_empty() {
            write!(f, "; {}", Shown::Fields(&i.field_errors))?;
        }
        if let Some(p) = &i.json_path {
            write!(f, " at `{}`", Shown::Text(p))?;
        }
        if i.attempts > 1 {
            write!(f, " (after {} attempts)", i.attempts)?;
        }
        if let Some(ex) = &i.excerpt {
            write!(f, "; body: {}", Shown::Text(ex))?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.kind());
        if let Some(op) = i.operation {
            d.field("operation", &op);
        }
        if let Some(s) = i.status {
            d.field("status", &s.as_u16());
        }
        if let Some(m) = &i.message {
            d.field("message", &Shown::Text(m));
        }
        if !i.field_errors.is_empty() {
            d.field("field_errors", &Shown::Fields(&i.field_errors));
        }
        if let Some(c) = i.error_code {
            d.field("error_code", &c);
        }
        if let Some(r) = i.retry_after {
            d.field("retry_after", &r);
        }
        d.field("attempts", &i.attempts);
        if let Some(p) = &i.json_path {
            d.field("json_path", &Shown::Text(p));
        }
        if let Some(ex) = &i.excerpt {
            d.field("body_excerpt", &Shown::Text(ex));
        }
        if let Some(src) = &i.source {
            d.field("source", &Shown::Text(&src.to_string()));
        }
        d.finish()
    }
}

/// At most this many characters of each server-provided string (message, field errors,
/// JSON path, excerpt) appear in `Display` and `Debug`; the accessors give the whole text.
const SHOWN_CHARS: usize = 300;

/// Server text as `Display` and `Debug` show it: control characters (line breaks, ESC...)
/// and bidirectional overrides become spaces, and past [`SHOWN_CHARS`] characters the rest
/// is replaced by `…` and the full length (`… [1048576 chars]`).
enum Shown<'a> {
    Text(&'a str),
    /// Field errors as `field: message, message; field: message`, bounded as one text.
    Fields(&'a BTreeMap<String, Vec<String>>),
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        let mut out = Clip { f, chars: 0 };
        match self {
            Shown::Text(t) => out.write_str(t)?,
            Shown::Fields(fields) => {
                for (n, (field, messages)) in fields.iter().enumerate() {
                    out.write_str(if n == 0 { "" } else { "; " })?;
                    write!(out, "{field}:")?;
                    for (m, message) in messages.iter().enumerate() {
                        out.write_str(if m == 0 { " " } else { ", " })?;
                        out.write_str(message)?;
                    }
                }
            }
        }
        if out.chars > SHOWN_CHARS {
            write!(out.f, "… [{} chars]", out.chars)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\"")
    }
}

/// Writes the first [`SHOWN_CHARS`] characters, cleaned, and counts the rest.
struct Clip<'a, 'f> {
    f: &'a mut fmt::Formatter<'f>,
    chars: usize,
}

impl fmt::Write for Clip<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            if self.chars < SHOWN_CHARS {
                let hidden = c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
                self.f.write_char(if hidden { ' ' } else { c })?;
            }
            self.chars += 1;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source.as_ref().map(|e| e.as_ref() as &(dyn std::error::Error + 'static))
    }
}

/// An error body of the API, read leniently from whatever shape it has.
///
/// Handles the V1 envelope (`meta.message`, `meta.errors`), `errors.message`,
/// `error_message` with a numeric `error_code`, the SMS-provider list
/// `errors: [{field_name, error_message}]`, and `meta.conflict`. The JSON is kept in
/// [`raw`](Self::raw).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ApiErrorBody {
    /// The human-readable message.
    pub message: Option<String>,
    /// Messages per field.
    pub errors: BTreeMap<String, Vec<String>>,
    /// The numeric error code.
    pub error_code: Option<i64>,
    /// The body as sent.
    pub raw: Value,
}

impl ApiErrorBody {
    /// Reads any JSON value.
    pub fn from_value(raw: Value) -> Self {
        let str_at = |p: &str| raw.pointer(p).and_then(Value::as_str).map(str::to_string);
        let message = str_at("/meta/message")
            .or_else(|| str_at("/errors/message"))
            .or_else(|| str_at("/error_message"))
            .or_else(|| str_at("/message"))
            .or_else(|| str_at("/error"))
            .or_else(|| str_at("/data/message"));
        let mut errors = raw.pointer("/meta/errors").map(field_errors).unwrap_or_default();
        if let Some(list) = raw.get("errors").and_then(Value::as_array) {
            for item in list {
                let field = item.get("field_name").and_then(Value::as_str).unwrap_or("_").to_string();
                let msg = item
                    .get("error_message")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| item.to_string());
                errors.entry(field).or_default().push(msg);
            }
        } else if let Some(obj) = raw.get("errors").filter(|e| e.is_object()) {
            let mut more = field_errors(obj);
            more.remove("message");
            errors.extend(more);
        }
        let error_code = raw
            .get("error_code")
            .or_else(|| raw.pointer("/meta/error_code"))
            .or_else(|| raw.pointer("/errors/code"))
            .and_then(int_of);
        ApiErrorBody { message, errors, error_code, raw }
    }

    /// Reads a body; text that is not JSON is kept as a string in `raw`.
    pub fn from_slice(body: &[u8]) -> Self {
        match serde_json::from_slice::<Value>(body) {
            Ok(v) => Self::from_value(v),
            Err(_) => {
                ApiErrorBody { raw: Value::String(String::from_utf8_lossy(body).into_owned()), ..Default::default() }
            }
        }
    }
}

impl Serialize for ApiErrorBody {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(s)
    }
}

impl<'de> Deserialize<'de> for ApiErrorBody {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Value::deserialize(d).map(ApiErrorBody::from_value)
    }
}

/// At most this many characters of a body go into an error.
pub(crate) const EXCERPT_CHARS: usize = 300;

/// A short, single-line excerpt of a body with the given secrets and any
/// `user_token`/`password` values masked.
pub(crate) fn excerpt(body: &[u8], secrets: &[&str]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut text = mask_secrets(&text, secrets);
    text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > EXCERPT_CHARS {
        let cut: String = text.chars().take(EXCERPT_CHARS).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// Masks each secret of at least four characters, and the string value of any
/// `user_token`, `partner_token`, `password` or `secret` key.
///
/// A secret is found in any form a server may echo it in, even mixed: as is, JSON-escaped
/// (`\/`, `\"`, `\\`, `\n`..., and `\u00e4` or `\u003C` in either case, as PHP's
/// `json_encode` writes them by default or with `JSON_HEX_*`), and percent-encoded (`%2F` or
/// `%2f`, `+` for a space).
/// [`mask_secrets`] over field names and messages.
fn mask_fields(fields: BTreeMap<String, Vec<String>>, secrets: &[&str]) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (field, messages) in fields {
        let messages = messages.iter().map(|m| mask_secrets(m, secrets));
        out.entry(mask_secrets(&field, secrets)).or_default().extend(messages);
    }
    out
}

/// [`mask_secrets`] over every string (and key) of a JSON value.
fn mask_json(value: &mut Value, secrets: &[&str]) {
    match value {
        Value::String(s) => *s = mask_secrets(s, secrets),
        Value::Array(items) => items.iter_mut().for_each(|v| mask_json(v, secrets)),
        Value::Object(map) => {
            let entries = std::mem::take(map);
            for (k, mut v) in entries {
                mask_json(&mut v, secrets);
                map.insert(mask_secrets(&k, secrets), v);
            }
        }
        _ => {}
    }
}

pub(crate) fn mask_secrets(text: &str, secrets: &[&str]) -> String {
    let mut secrets: Vec<&str> = secrets.iter().copied().filter(|s| s.chars().count() >= 4).collect();
    // The longest first, so that a secret holding another is masked whole.
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut out = text.to_string();
    for secret in secrets {
        let mut masked = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(c) = rest.chars().next() {
            match echo_len(rest, secret) {
                Some(len) => {
                    masked.push_str("***");
                    rest = rest.get(len..).unwrap_or_default();
                }
                None => {
                    masked.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        out = masked;
    }
    for key in ["\"user_token\"", "\"partner_token\"", "\"password\"", "\"secret\""] {
        let mut from = 0;
        while let Some(pos) = out[from..].find(key) {
            let start = from + pos + key.len();
            let rest = &out[start..];
            let skip = rest.len() - rest.trim_start_matches([' ', ':', '\t']).len();
            let vstart = start + skip;
            if out[vstart..].starts_with('"') {
                let after = vstart + 1;
                out.replace_range(after..string_end(&out, after), "***");
                from = after + 3;
            } else {
                from = start;
            }
        }
    }
    out
}

/// Where the JSON string that starts at `from` ends (its closing quote, or the end).
fn string_end(text: &str, from: usize) -> usize {
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate().skip(from) {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'"' => return i,
            _ => {}
        }
    }
    text.len()
}

/// The length of `secret` at the start of `text`, in whichever form each of its characters
/// comes (see [`mask_secrets`]); `None` when `text` does not start with it.
fn echo_len(text: &str, secret: &str) -> Option<usize> {
    let mut len = 0;
    for c in secret.chars() {
        len += char_echo_len(text.get(len..)?.as_bytes(), c)?;
    }
    Some(len)
}

/// The length of one character at the start of `text`: as is, JSON-escaped or
/// percent-encoded.
fn char_echo_len(text: &[u8], c: char) -> Option<usize> {
    let mut utf8 = [0; 4];
    let raw = c.encode_utf8(&mut utf8).as_bytes();
    if text.starts_with(raw) {
        return Some(raw.len());
    }
    let hex = |at: usize, digits: usize| {
        let d = text.get(at..at + digits).filter(|d| d.iter().all(u8::is_ascii_hexdigit))?;
        u32::from_str_radix(std::str::from_utf8(d).ok()?, 16).ok()
    };
    match text.first() {
        Some(b'+') if c == ' ' => Some(1),
        Some(b'%') => {
            // Each byte of the UTF-8 form as `%XX`.
            let all = raw
                .iter()
                .enumerate()
                .all(|(i, b)| text.get(3 * i) == Some(&b'%') && hex(3 * i + 1, 2) == Some(u32::from(*b)));
            all.then_some(3 * raw.len())
        }
        Some(b'\\') => {
            let short = match c {
                '"' | '\\' | '/' => c as u8,
                '\u{8}' => b'b',
                '\u{c}' => b'f',
                '\n' => b'n',
                '\r' => b'r',
                '\t' => b't',
                _ => 0,
            };
            if short != 0 && text.get(1) == Some(&short) {
                return Some(2);
            }
            // `\uXXXX`, two of them (a surrogate pair) past U+FFFF.
            let mut units = [0; 2];
            let units = c.encode_utf16(&mut units);
            let all = units.iter().enumerate().all(|(i, u)| {
                text.get(6 * i..6 * i + 2) == Some(&b"\\u"[..]) && hex(6 * i + 2, 4) == Some(u32::from(*u))
            });
            all.then_some(6 * units.len())
        }
        _ => None,
    }
}

/// serde's description of a mismatch without the values it quotes, which may be personal
/// data: `invalid value: string "Ada", expected an integer` becomes `invalid value: string,
/// expected an integer`. What serde says after `, expected` is the type's side, never input.
/// What is wrong with a body that does not parse as JSON, without quoting it: a syntax
/// error names a line and column only; a data error may quote a value, which is dropped.
#[cfg_attr(not(any(altegio_b2b, altegio_devtools)), allow(dead_code))] // webhook parsers
pub(crate) fn json_error_without_values(e: &serde_json::Error) -> String {
    match e.classify() {
        serde_json::error::Category::Data => mismatch(&e.to_string()),
        _ => e.to_string(),
    }
}

#[cfg_attr(not(any(altegio_b2b, altegio_devtools)), allow(dead_code))] // webhook parsers
pub(crate) fn mismatch(message: &str) -> String {
    /// How serde names what it found (`Unexpected`), before the value it quotes.
    const FOUND: &[&str] = &[
        "boolean",
        "integer",
        "floating point",
        "character",
        "string",
        "byte array",
        "unit value",
        "null",
        "Option value",
        "newtype struct",
        "sequence",
        "map",
        "enum",
        "unit variant",
        "newtype variant",
        "tuple variant",
        "struct variant",
    ];
    let expected = message.rfind(", expected ").map_or("", |i| &message[i..]);
    for kind in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(kind) {
            let found = rest.split(['"', '`', ',']).next().unwrap_or_default().trim();
            let found = if FOUND.contains(&found) { found } else { "a value" };
            return format!("{kind}{found}{expected}");
        }
    }
    for kind in ["invalid length", "unknown variant", "unknown field", "missing field", "duplicate field"] {
        if message.starts_with(kind) {
            return format!("{kind}{expected}");
        }
    }
    "a value does not fit its type".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_every_error_shape() {
        let b = ApiErrorBody::from_value(json!({"success": false, "data": null, "meta": {"message": "Not found"}}));
        assert_eq!(b.message.as_deref(), Some("Not found"));
        let b = ApiErrorBody::from_value(json!({"errors": {"message": "Token invalid", "code": 401}}));
        assert_eq!(b.message.as_deref(), Some("Token invalid"));
        assert_eq!(b.error_code, Some(401));
        let b = ApiErrorBody::from_value(json!({"error_code": 20, "error_message": "bad partner"}));
        assert_eq!((b.message.as_deref(), b.error_code), (Some("bad partner"), Some(20)));
        let b = ApiErrorBody::from_value(json!({
            "error_code": 10,
            "errors": [{"field_name": "phone", "field_value": "1", "error_message": "too short"}]
        }));
        assert_eq!(b.errors["phone"], vec!["too short"]);
        let b = ApiErrorBody::from_value(json!({
            "success": false, "meta": {"message": "Invalid filter value", "errors": {"filters": ["unknown filter"]}}
        }));
        assert_eq!(b.errors["filters"], vec!["unknown filter"]);
        let b = ApiErrorBody::from_slice(b"<html>502 Bad Gateway</html>");
        assert_eq!(b.raw, json!("<html>502 Bad Gateway</html>"));
        assert_eq!(b.message, None);
    }

    #[test]
    fn classifies_by_status_then_code() {
        let empty = ApiErrorBody::default();
        for (s, k) in [
            (401, ErrorKind::Unauthorized),
            (402, ErrorKind::Forbidden),
            (403, ErrorKind::Forbidden),
            (404, ErrorKind::NotFound),
            (400, ErrorKind::Validation),
            (422, ErrorKind::Validation),
            (409, ErrorKind::Conflict),
            (429, ErrorKind::RateLimited),
            (503, ErrorKind::Server),
            (200, ErrorKind::OtherApi),
            (418, ErrorKind::OtherApi),
        ] {
            assert_eq!(classify(StatusCode::from_u16(s).unwrap(), &empty), k, "{s}");
        }
        let coded = |c| ApiErrorBody { error_code: Some(c), ..Default::default() };
        assert_eq!(classify(StatusCode::OK, &coded(20)), ErrorKind::Unauthorized);
        assert_eq!(classify(StatusCode::OK, &coded(32)), ErrorKind::OtherApi);
        assert_eq!(classify(StatusCode::OK, &coded(10)), ErrorKind::Validation);
    }

    #[test]
    fn excerpts_are_short_single_line_and_masked() {
        let body = br#"{"data": {"user_token": "abcdef123456", "password" : "hunter22"}, "note": "PARTNERSECRET"}"#;
        let ex = excerpt(body, &["PARTNERSECRET"]);
        assert!(!ex.contains("abcdef123456") && !ex.contains("hunter22") && !ex.contains("PARTNERSECRET"), "{ex}");
        let long = "x".repeat(1000);
        assert_eq!(excerpt(long.as_bytes(), &[]).chars().count(), EXCERPT_CHARS + 1);
        assert_eq!(excerpt(b"a\n  b", &[]), "a b");
    }

    #[test]
    fn display_names_operation_status_and_message() {
        let body =
            ApiErrorBody::from_value(json!({"meta": {"message": "Wrong login", "errors": {"login": ["unknown"]}}}));
        let e = Error::api(StatusCode::UNAUTHORIZED, &body).with_operation("authorize_user").with_attempts(1);
        assert_eq!(e.to_string(), "authorize_user: unauthorized (HTTP 401): Wrong login; login: unknown");
        assert!(e.is_unauthorized() && e.is_api());
    }

    #[test]
    fn server_text_is_shown_cleaned_and_cut() {
        let e = Error::new(ErrorKind::OtherApi).with_message(format!("a\nb\u{1b}[2J\u{202e}c{}", "x".repeat(400)));
        let shown = format!("api error: a b [2J c{}… [409 chars]", "x".repeat(SHOWN_CHARS - 9));
        assert_eq!(e.to_string(), shown);
        assert_eq!(e.message().map(str::len), Some(411));
        let short = Error::new(ErrorKind::OtherApi).with_message("one\ttwo");
        assert_eq!(format!("{short:?}"), r#"Error { kind: OtherApi, message: "one two", attempts: 0 }"#);
    }

    #[test]
    fn secrets_are_masked_in_every_echoed_form() {
        let secrets = ["a/b c\"😀é", "abc"];
        for echo in [
            "a/b c\"😀é",
            r#"a\/b c\"\ud83d\ude00\u00e9"#,
            r"a\u002Fb\u0020c\u0022\uD83D\uDE00\u00E9",
            "a%2Fb+c%22%F0%9F%98%80%C3%A9",
            "a%2fb%20c%22%f0%9f%98%80%c3%a9",
            r#"a%2Fb c\"😀%C3%A9"#,
        ] {
            assert_eq!(mask_secrets(&format!("[{echo}]"), &secrets), "[***]", "{echo}");
        }
        // Too short to mask without garbling the text; a near miss stays.
        assert_eq!(mask_secrets("abc a/b c\"😀e %2", &secrets), "abc a/b c\"😀e %2");
        // A masked key's value ends at its closing quote, not at an escaped one.
        assert_eq!(mask_secrets(r#"{"password": "x\"y", "n": 1}"#, &[]), r#"{"password": "***", "n": 1}"#);
    }
}
