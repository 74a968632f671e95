//! What happens around every generated call: sending, reading the reply once, and
//! turning every outcome into [`crate::Error`].
//!
//! The generated builders' `send` runs the request inside a task-local [`CallState`];
//! the `exec` hook records the reply there (status, headers, the whole body), and the
//! runners below read it to recognise `success: false` inside a 2xx reply, to name the
//! JSON path of a decode error, and to attach a short body excerpt to errors.

use crate::context::Config;
use crate::error::{ApiErrorBody, Error, ErrorKind, excerpt};
use bytes::Bytes;
use progenitor_client::{OperationInfo, ResponseValue};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::future::Future;
use std::time::{Duration, Instant};
use tracing::Instrument;

/// Options for one call, overriding the client's settings (see `send_with`).
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct CallOptions {
    pub(crate) timeout: Option<Duration>,
}

impl CallOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Time allowed for this call, reply body included.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}

/// What one call has seen so far.
#[derive(Default)]
pub(crate) struct CallState {
    options: CallOptions,
    attempts: u32,
    status: Option<StatusCode>,
    headers: HeaderMap,
    body: Bytes,
    secrets: Vec<String>,
}

tokio::task_local! {
    static CALL: RefCell<CallState>;
}

/// Records the secrets of the credentials in use, to mask them in error excerpts.
pub(crate) fn note_secrets(secrets: Vec<String>) {
    let _ = CALL.try_with(|c| c.borrow_mut().secrets = secrets);
}

/// The `exec` hook: sends the request and reads the whole reply.
pub(crate) async fn execute(
    http: &reqwest::Client,
    config: &Config,
    mut request: reqwest::Request,
    _info: &OperationInfo,
) -> reqwest::Result<reqwest::Response> {
    let timeout = CALL
        .try_with(|c| c.borrow().options.timeout)
        .ok()
        .flatten()
        .unwrap_or(config.timeout);
    *request.timeout_mut() = Some(timeout);
    let _ = CALL.try_with(|c| c.borrow_mut().attempts += 1);
    let response = http.execute(request).await?;
    let status = response.status();
    let version = response.version();
    let headers = response.headers().clone();
    let body = response.bytes().await?;
    let _ = CALL.try_with(|c| {
        let mut c = c.borrow_mut();
        c.status = Some(status);
        c.headers = headers.clone();
        c.body = body.clone();
    });
    let mut rebuilt = http::Response::new(body);
    *rebuilt.status_mut() = status;
    *rebuilt.version_mut() = version;
    *rebuilt.headers_mut() = headers;
    Ok(reqwest::Response::from(rebuilt))
}

type Raw<T, E> = std::result::Result<ResponseValue<T>, progenitor_client::Error<E>>;

/// Runs a call whose reply is decoded into `T`.
pub(crate) async fn typed<T: DeserializeOwned, E>(
    operation: &'static str,
    options: CallOptions,
    call: impl Future<Output = Raw<T, E>>,
) -> crate::Result<ResponseValue<T>> {
    let (result, state) = run(operation, options, call).await;
    finish(operation, result, state, json_path_of::<T>)
}

/// Runs a call whose reply has no typed body (`()` or a byte stream).
pub(crate) async fn untyped<T, E>(
    operation: &'static str,
    options: CallOptions,
    call: impl Future<Output = Raw<T, E>>,
) -> crate::Result<ResponseValue<T>> {
    let (result, state) = run(operation, options, call).await;
    finish(operation, result, state, |_| None)
}

async fn run<R>(
    operation: &'static str,
    options: CallOptions,
    call: impl Future<Output = R>,
) -> (R, CallState) {
    let (method, path) =
        crate::operations::find(operation).map_or(("", ""), |o| (o.method, o.path));
    let span = tracing::debug_span!(
        "altegio.request",
        operation,
        method,
        path,
        status = tracing::field::Empty,
        attempts = tracing::field::Empty,
        latency_ms = tracing::field::Empty,
    );
    let cell = RefCell::new(CallState {
        options,
        ..CallState::default()
    });
    let started = Instant::now();
    let (result, state) = CALL
        .scope(cell, async move {
            let result = call.await;
            (result, CALL.with(|c| c.take()))
        })
        .instrument(span.clone())
        .await;
    let latency = started.elapsed().as_millis() as u64;
    span.record("attempts", state.attempts);
    span.record("latency_ms", latency);
    if let Some(s) = state.status {
        span.record("status", s.as_u16());
    }
    span.in_scope(|| {
        tracing::debug!(
            status = state.status.map(|s| s.as_u16()),
            attempts = state.attempts,
            latency_ms = latency,
            "reply"
        )
    });
    (result, state)
}

fn finish<T, E>(
    operation: &'static str,
    result: Raw<T, E>,
    state: CallState,
    path_of: fn(&[u8]) -> Option<(String, String)>,
) -> crate::Result<ResponseValue<T>> {
    let secrets: Vec<&str> = state.secrets.iter().map(String::as_str).collect();
    let outcome = match (state.status, result) {
        (Some(status), _) if status.is_success() && reports_failure(&state.body) => {
            Err(api_error(status, &state, &secrets))
        }
        (_, Ok(v)) => Ok(v),
        (_, Err(e)) => Err(map_error(e, &state, &secrets, path_of)),
    };
    outcome.map_err(|e| e.with_operation(operation).with_attempts(state.attempts))
}

fn map_error<E>(
    e: progenitor_client::Error<E>,
    state: &CallState,
    secrets: &[&str],
    path_of: fn(&[u8]) -> Option<(String, String)>,
) -> Error {
    use progenitor_client::Error as P;
    match e {
        P::InvalidRequest(m) | P::Custom(m) => Error::invalid_request(m),
        P::CommunicationError(e) | P::ResponseBodyError(e) | P::InvalidUpgrade(e) => transport(e),
        P::ErrorResponse(rv) => api_error(rv.status(), state, secrets),
        P::InvalidResponsePayload(body, err) => match state.status {
            Some(s) if !s.is_success() => api_error(s, state, secrets),
            status => {
                let (path, message) =
                    path_of(&body).unwrap_or_else(|| (String::new(), err.to_string()));
                let mut e = Error::new(ErrorKind::Decode)
                    .with_message(message)
                    .with_excerpt(Some(excerpt(&body, secrets)));
                if !path.is_empty() && path != "." {
                    e = e.with_json_path(path);
                }
                match status {
                    Some(s) => e.with_status(s),
                    None => e,
                }
            }
        },
        P::UnexpectedResponse(r) => Error::new(ErrorKind::Unexpected)
            .with_status(r.status())
            .with_excerpt(Some(excerpt(&state.body, secrets))),
    }
}

fn transport(e: reqwest::Error) -> Error {
    let kind = if e.is_timeout() {
        ErrorKind::Timeout
    } else if e.is_builder() {
        ErrorKind::InvalidRequest
    } else {
        ErrorKind::Transport
    };
    Error::new(kind).with_source(e.without_url())
}

fn api_error(status: StatusCode, state: &CallState, secrets: &[&str]) -> Error {
    let body = ApiErrorBody::from_slice(&state.body);
    let mut e = Error::api(status, &body).with_retry_after(retry_after(&state.headers));
    if body.message.is_none() {
        e = e.with_excerpt(Some(excerpt(&state.body, secrets)));
    }
    e
}

/// `Retry-After` as seconds or as an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let wait = when
        .signed_duration_since(chrono::Utc::now())
        .num_milliseconds();
    Some(Duration::from_millis(wait.max(0) as u64))
}

/// Whether a 2xx body is an envelope that says `success: false` (or `0`, `"0"`).
pub(crate) fn reports_failure(body: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(default)]
        success: Option<crate::wire::FlexBool>,
    }
    if !body.windows(9).any(|w| w == b"\"success\"") {
        return false;
    }
    matches!(serde_json::from_slice::<Probe>(body), Ok(Probe { success: Some(s) }) if !s.get())
}

/// Decodes a body into `T`, saying where it failed (used by `operations::decode_success`).
pub(crate) fn check_decode<T: DeserializeOwned>(body: &[u8]) -> Result<(), String> {
    match json_path_of::<T>(body) {
        None => Ok(()),
        Some((path, message)) => Err(format!("at `{path}`: {message}")),
    }
}

/// Decodes again, tracking the path, to say where a body stopped fitting `T`.
fn json_path_of<T: DeserializeOwned>(body: &[u8]) -> Option<(String, String)> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(_) => None,
        Err(e) => Some((e.path().to_string(), e.inner().to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_false_is_recognised_in_every_spelling() {
        assert!(reports_failure(
            br#"{"success": false, "data": null, "meta": {"message": "x"}}"#
        ));
        assert!(reports_failure(br#"{"success": 0}"#));
        assert!(reports_failure(br#"{"success": "0"}"#));
        assert!(!reports_failure(br#"{"success": true, "data": []}"#));
        assert!(!reports_failure(br#"[{"success": false}]"#));
        assert!(!reports_failure(br#"{"data": {"success": false}}"#));
        assert!(!reports_failure(b"<html>"));
        assert!(!reports_failure(b""));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        h.insert(
            RETRY_AFTER,
            "Sun, 06 Nov 1994 08:49:37 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
        let later = (chrono::Utc::now() + chrono::Duration::seconds(30)).to_rfc2822();
        h.insert(RETRY_AFTER, later.parse().unwrap());
        let d = retry_after(&h).unwrap();
        assert!(
            d > Duration::from_secs(25) && d <= Duration::from_secs(30),
            "{d:?}"
        );
        h.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&h), None);
    }
}
