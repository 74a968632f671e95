//! What happens around every generated call: sending, reading the reply once, and
//! turning every outcome into [`crate::Error`].
//!
//! The generated builders' `send` runs the request inside a task-local [`CallState`];
//! the `exec` hook records the reply there (status, `Retry-After`, the whole body), and the
//! runners below read it to recognise `success: false` inside a 2xx reply, to name the
//! JSON path of a decode error, and to attach a short body excerpt to errors.

use crate::runtime::config::Config;
use crate::runtime::error::{ApiErrorBody, Error, ErrorKind, excerpt};
use crate::runtime::limit::RetryPolicy;
use bytes::Bytes;
use progenitor_client::{OperationInfo, ResponseValue};
use reqwest::ResponseBuilderExt;
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
#[must_use = "call options take effect only when passed to `send_with`"]
pub struct CallOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) deadline: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) entire_client_base: bool,
    /// Send the partner token alone (set by handwritten calls to a partner's callback).
    pub(crate) partner_only: bool,
}

impl CallOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Time allowed for each attempt of this call, reply body included (the client's
    /// timeout, `ClientBuilder::timeout`, otherwise). With retries, the call as a
    /// whole may take several times as long; see [`deadline`](Self::deadline).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Time allowed for the whole call: the wait for a rate-limit slot, every attempt and
    /// the waits between retries together. When it passes, the call ends with
    /// [`ErrorKind::Timeout`] wherever it was; as with any timeout, a write cut off after
    /// it was sent may or may not have been applied. No deadline by default: each attempt
    /// is bounded by [`timeout`](Self::timeout), and the retries by the [`RetryPolicy`].
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The retry policy of this call (only idempotent calls are ever retried).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Allows an SMS or e-mail campaign by filter without any filter, which Altegio sends
    /// to **every client of the location**. Without this, such a call is refused.
    pub fn allow_entire_client_base(mut self) -> Self {
        self.entire_client_base = true;
        self
    }
}

/// What one call has seen so far.
#[derive(Default)]
pub(crate) struct CallState {
    options: CallOptions,
    attempts: u32,
    status: Option<StatusCode>,
    retry_after: Option<Duration>,
    body: Bytes,
    truncated: bool,
    secrets: Vec<String>,
    /// Why the rate limiter granted no slot, if it did not (nothing was sent).
    limiter_error: Option<String>,
}

tokio::task_local! {
    static CALL: RefCell<CallState>;
}

/// Adds secrets in use by this call (tokens, a login's password and code), to mask them
/// in every string of its error.
pub(crate) fn note_secrets(secrets: Vec<String>) {
    let _ = CALL.try_with(|c| {
        let known = &mut c.borrow_mut().secrets;
        for s in secrets {
            if !known.contains(&s) {
                known.push(s);
            }
        }
    });
}

/// Whether this call may run a campaign without filters (see
/// [`CallOptions::allow_entire_client_base`]).
pub(crate) fn allows_entire_client_base() -> bool {
    CALL.try_with(|c| c.borrow().options.entire_client_base).unwrap_or(false)
}

/// Whether this call carries the partner token alone (see [`handwritten`]).
pub(crate) fn partner_only_call() -> bool {
    CALL.try_with(|c| c.borrow().options.partner_only).unwrap_or(false)
}

fn set_attempts(n: u32) {
    let _ = CALL.try_with(|c| c.borrow_mut().attempts = n);
}

/// The `exec` hook: waits for the rate limiter, sends the request, reads the whole reply,
/// and retries what can be retried without duplicating a write.
pub(crate) async fn execute(
    http: &reqwest::Client,
    config: &Config,
    mut request: reqwest::Request,
    info: &OperationInfo,
) -> reqwest::Result<reqwest::Response> {
    let (timeout, policy) = CALL
        .try_with(|c| {
            let o = &c.borrow().options;
            (o.timeout, o.retry.clone())
        })
        .unwrap_or_default();
    let timeout = timeout.unwrap_or(config.timeout);
    let policy = policy.unwrap_or_else(|| config.retry.clone());
    // Only these methods can be sent twice without a second effect.
    let idempotent = matches!(*request.method(), reqwest::Method::GET | reqwest::Method::HEAD);
    let started = Instant::now();
    let mut attempt = 0u32;
    // A request whose URL cannot be sent at all (an `http::Uri` has a length limit) fails
    // in reqwest before any connection: let it fail there at once, without a limiter slot
    // and without retries, since nothing was or will be sent.
    if let Some(host) = request.url().host_str() {
        tracing::Span::current().record("server.address", host);
    }
    if http::Uri::try_from(request.url().as_str()).is_err() {
        set_attempts(1);
        return http.execute(request).await;
    }
    loop {
        attempt += 1;
        let spare = if attempt < policy.max_attempts { request.try_clone() } else { None };
        let permit = match &config.limiter {
            Some(limiter) => {
                let asked = Instant::now();
                let permit = limiter.acquire().await;
                let waited = asked.elapsed();
                if waited >= Duration::from_millis(1) {
                    tracing::debug!(wait_ms = waited.as_millis() as u64, attempt, "waited for a rate-limit slot");
                }
                match permit {
                    Ok(permit) => Some(permit),
                    Err(e) => {
                        // Nothing is sent: the call ends with the limiter's error, which
                        // `finish` reports instead of the stand-in error returned here.
                        set_attempts(attempt);
                        let _ = CALL.try_with(|c| c.borrow_mut().limiter_error = Some(e.to_string()));
                        return not_sent(http).await;
                    }
                }
            }
            None => None,
        };
        set_attempts(attempt);
        // What one attempt saw says nothing about the next one.
        let _ = CALL.try_with(|c| c.borrow_mut().truncated = false);
        *request.timeout_mut() = Some(timeout);
        let sent = http.execute(request).await;
        // The reply (or the failure) is here: the server has counted the request, if ever.
        if let Some(permit) = permit {
            permit.release().await;
        }
        let outcome = match sent {
            Ok(mut response) => match read_body(&mut response, config.max_body).await {
                Ok(body) => Ok((response, body)),
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        };
        let retry_after_header;
        let may_retry = match &outcome {
            Ok((response, _)) => {
                retry_after_header = retry_after(response.headers());
                let status = response.status().as_u16();
                if status == 429
                    && let Some(limiter) = &config.limiter
                {
                    // The server refused before doing anything; everyone sending from this
                    // IP waits, not only this call.
                    let wait = retry_after_header.unwrap_or(policy.base_delay).min(policy.max_delay);
                    limiter.hold_off(wait).await;
                }
                // A 429 was refused before anything happened, so any method may go again.
                status == 429 || (idempotent && matches!(status, 502..=504))
            }
            Err(e) => {
                retry_after_header = None;
                // A failed connect never sent anything; everything else may have reached
                // the server, and only idempotent requests may go again.
                !e.is_builder() && (e.is_connect() || idempotent)
            }
        };
        if may_retry
            && let Some(next) = spare
            && let Some(wait) = policy.next_wait(attempt, started.elapsed(), retry_after_header)
        {
            tracing::debug!(operation = info.operation_id, attempt, wait_ms = wait.as_millis() as u64, "retrying");
            tokio::time::sleep(wait).await;
            request = next;
            continue;
        }
        let (mut response, mut body) = outcome?;
        // An operation whose success may come without a body decodes nothing as `{}`.
        if body.is_empty()
            && response.status().is_success()
            && crate::runtime::find_operation(info.operation_id).is_some_and(|o| o.may_be_empty)
        {
            body = Bytes::from_static(b"{}");
        }
        let _ = CALL.try_with(|c| {
            let mut c = c.borrow_mut();
            c.status = Some(response.status());
            c.retry_after = retry_after_header;
            c.body = body.clone();
        });
        return Ok(rebuild(&mut response, body));
    }
}

/// What the exec hook returns for a call that ends before anything is sent (it can
/// return no error type but reqwest's): a request to a relative URL, which reqwest
/// refuses to build, so nothing leaves the client. `finish` reports the real reason, kept
/// in [`CallState`], whatever this returned.
async fn not_sent(http: &reqwest::Client) -> reqwest::Result<reqwest::Response> {
    let request = http.get("/").build()?;
    http.execute(request).await
}

/// The reply handed back to the generated code: the status, version, headers and URL of
/// `read` (whose body has been read) with the body read. The URL goes along so that reqwest
/// does not parse a placeholder URL for it, and the headers are moved, not copied.
fn rebuild(read: &mut reqwest::Response, body: Bytes) -> reqwest::Response {
    let template = http::Response::builder().url(read.url().clone()).body(()).unwrap_or_default();
    let (mut parts, ()) = template.into_parts();
    parts.status = read.status();
    parts.version = read.version();
    parts.headers = std::mem::take(read.headers_mut());
    reqwest::Response::from(http::Response::from_parts(parts, body))
}

/// Reads a whole body; past `max` bytes the rest is dropped and the reply is marked as
/// cut, which makes it fail to decode rather than fill memory.
async fn read_body(response: &mut reqwest::Response, max: usize) -> reqwest::Result<Bytes> {
    // The buffer grows with what arrives: a `Content-Length` is a promise, and twenty
    // stalled replies announcing 32 MiB must not reserve 640 MiB. A small reply still gets
    // its whole room at once.
    const FIRST_ROOM: usize = 64 * 1024;
    let announced = response.content_length().map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX));
    let mut buf = bytes::BytesMut::with_capacity(announced.min(max).min(FIRST_ROOM));
    while let Some(chunk) = response.chunk().await? {
        if buf.len() + chunk.len() > max {
            let _ = CALL.try_with(|c| c.borrow_mut().truncated = true);
            let room = max - buf.len();
            buf.extend_from_slice(&chunk[..room]);
            break;
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}

pub(crate) type Raw<T, E> = std::result::Result<ResponseValue<T>, progenitor_client::Error<E>>;

/// Runs a call whose reply is decoded into `T`.
///
/// The generated request future is large (over ten kilobytes with the hooks inlined);
/// it is boxed here, once, so that the layers wrapping it stay small and it is not
/// copied again each time one of them is moved.
pub(crate) fn typed<'a, T: DeserializeOwned + 'a, E: 'a>(
    operation: &'static str,
    options: CallOptions,
    call: impl Future<Output = Raw<T, E>> + 'a,
) -> impl Future<Output = crate::Result<ResponseValue<T>>> + 'a {
    let call = Box::pin(call);
    async move {
        let (result, state, span) = run(operation, options, call).await;
        let outcome = finish(operation, result, state, json_path_of::<T>);
        record_outcome(&span, &outcome);
        outcome
    }
}

/// Sends a request written by hand (what progenitor cannot generate: multipart bodies,
/// absolute callback URLs, raw requests) through the same hooks and runner as a generated
/// call of `client`; `partner_only` sends the partner token alone.
#[cfg_attr(not(altegio_b2b), allow(dead_code))] // B2B's uploads and raw requests
pub(crate) async fn handwritten<C, I, T>(
    client: &C,
    operation_id: &'static str,
    partner_only: bool,
    options: CallOptions,
    build: impl FnOnce(&reqwest::Client) -> reqwest::RequestBuilder,
) -> crate::Result<ResponseValue<T>>
where
    C: progenitor_client::ClientHooks<I> + progenitor_client::ClientInfo<I>,
    T: DeserializeOwned,
{
    let call = async move {
        let mut request = build(client.client()).build()?;
        let info = OperationInfo { operation_id };
        client.pre::<ApiErrorBody>(&mut request, &info).await?;
        let response = client.exec(request, &info).await?;
        match response.status().as_u16() {
            200..=299 => ResponseValue::from_response(response).await,
            400..=599 => Err(progenitor_client::Error::ErrorResponse(
                ResponseValue::<ApiErrorBody>::from_response(response).await?,
            )),
            _ => Err(progenitor_client::Error::UnexpectedResponse(response)),
        }
    };
    let options = CallOptions { partner_only, ..options };
    typed(operation_id, options, call).await
}

/// Runs a call whose reply has no typed body (`()` or a byte stream); boxed like
/// [`typed`].
#[cfg_attr(not(feature = "b2b"), allow(dead_code))] // unused by some single areas
pub(crate) fn untyped<'a, T: 'a, E: 'a>(
    operation: &'static str,
    options: CallOptions,
    call: impl Future<Output = Raw<T, E>> + 'a,
) -> impl Future<Output = crate::Result<ResponseValue<T>>> + 'a {
    let call = Box::pin(call);
    async move {
        let (result, state, span) = run(operation, options, call).await;
        let outcome = finish(operation, result, state, |_| None);
        record_outcome(&span, &outcome);
        outcome
    }
}

/// Runs a call in its own [`CallState`]; `None` when the call's deadline passed first.
async fn run<R>(
    operation: &'static str,
    options: CallOptions,
    call: impl Future<Output = R>,
) -> (Option<R>, CallState, tracing::Span) {
    let (method, path) = crate::runtime::find_operation(operation).map_or(("", ""), |o| (o.method, o.path));
    // OpenTelemetry's HTTP client attribute names, so a tracing-opentelemetry layer maps
    // them as they are; nothing here can hold a secret (the path is the template).
    let span = tracing::debug_span!(
        "altegio.request",
        operation,
        http.request.method = method,
        url.template = path,
        server.address = tracing::field::Empty,
        http.response.status_code = tracing::field::Empty,
        error.r#type = tracing::field::Empty,
        attempts = tracing::field::Empty,
        latency_ms = tracing::field::Empty,
    );
    let deadline = options.deadline;
    let cell = RefCell::new(CallState { options, ..CallState::default() });
    let started = Instant::now();
    let (result, state) = CALL
        .scope(cell, async move {
            let result = match deadline {
                Some(d) => tokio::time::timeout(d, call).await.ok(),
                None => Some(call.await),
            };
            (result, CALL.with(|c| c.take()))
        })
        .instrument(span.clone())
        .await;
    let latency = started.elapsed().as_millis() as u64;
    span.record("attempts", state.attempts);
    span.record("latency_ms", latency);
    if let Some(s) = state.status {
        span.record("http.response.status_code", s.as_u16());
    }
    span.in_scope(|| {
        tracing::debug!(
            http.response.status_code = state.status.map(|s| s.as_u16()),
            attempts = state.attempts,
            latency_ms = latency,
            "reply"
        )
    });
    (result, state, span)
}

/// Records the kind of a failed call on its span (`error.type`).
fn record_outcome<T>(span: &tracing::Span, outcome: &crate::Result<T>) {
    if let Err(e) = outcome {
        span.record("error.type", e.kind().as_str());
        span.in_scope(|| tracing::debug!(attempts = e.attempts(), "call failed"));
    }
}

fn finish<T, E>(
    operation: &'static str,
    result: Option<Raw<T, E>>,
    state: CallState,
    path_of: fn(&[u8]) -> Option<(String, String)>,
) -> crate::Result<ResponseValue<T>> {
    let Some(result) = result else {
        let deadline = state.options.deadline.unwrap_or_default();
        return Err(Error::new(ErrorKind::Timeout)
            .with_message(format!("the call's deadline of {deadline:?} passed"))
            .with_operation(operation)
            .with_attempts(state.attempts));
    };
    if let Some(why) = state.limiter_error {
        return Err(Error::new(ErrorKind::LimiterUnavailable)
            .with_message(why)
            .with_operation(operation)
            .with_attempts(state.attempts));
    }
    let secrets: Vec<&str> = state.secrets.iter().map(String::as_str).collect();
    // A cut body fails to decode; but an error status says what happened whatever its
    // page (a 429 stays rate limited), so only a success reply becomes a decode error.
    if state.truncated && state.status.is_none_or(|s| s.is_success()) {
        let mut e = Error::new(ErrorKind::Decode)
            .with_message("the reply body is larger than the client's limit (ClientBuilder::max_body_size)");
        if let Some(s) = state.status {
            e = e.with_status(s);
        }
        return Err(e.with_operation(operation).with_attempts(state.attempts));
    }
    let outcome = match (state.status, result) {
        (Some(status), _) if status.is_success() && reports_failure(&state.body) => {
            Err(api_error(status, &state, &secrets))
        }
        (_, Ok(v)) => Ok(v),
        (_, Err(e)) => Err(map_error(e, &state, &secrets, path_of)),
    };
    outcome.map_err(|e| e.with_operation(operation).with_attempts(state.attempts).masked(&secrets))
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
                let (path, message) = path_of(&body).unwrap_or_else(|| (String::new(), err.to_string()));
                let mut e =
                    Error::new(ErrorKind::Decode).with_message(message).with_excerpt(Some(excerpt(&body, secrets)));
                if !path.is_empty() && path != "." {
                    e = e.with_json_path(path);
                }
                match status {
                    Some(s) => e.with_status(s),
                    None => e,
                }
            }
        },
        P::UnexpectedResponse(r) => {
            Error::new(ErrorKind::Unexpected).with_status(r.status()).with_excerpt(Some(excerpt(&state.body, secrets)))
        }
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
    let mut e = Error::api(status, &body).with_retry_after(state.retry_after);
    if body.message.is_none() {
        e = e.with_excerpt(Some(excerpt(&state.body, secrets)));
    }
    e
}

/// `Retry-After` as seconds or as an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        // Seconds; a number past u64 is as long a wait as can be, not an absent header.
        return Some(v.parse::<u64>().map_or(Duration::MAX, Duration::from_secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let wait = when.signed_duration_since(chrono::Utc::now()).num_milliseconds();
    Some(Duration::from_millis(wait.max(0) as u64))
}

/// Whether a 2xx body is an envelope that says `success: false` (or `0`, `"0"`).
pub(crate) fn reports_failure(body: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(default)]
        success: Option<crate::wire::FlexBool>,
    }
    if opens_with_success_true(body) || !body.windows(9).any(|w| w == b"\"success\"") {
        return false;
    }
    matches!(serde_json::from_slice::<Probe>(body), Ok(Probe { success: Some(s) }) if !s.get())
}

/// Whether the body starts `{"success": true` followed by `,` or `}` (whitespace
/// allowed), as Altegio's envelope does. Then the full probe could only answer "no
/// failure" (a second `success` key makes the probe fail, which also means no), so a
/// large reply need not be parsed twice.
fn opens_with_success_true(body: &[u8]) -> bool {
    fn token<'a>(rest: &'a [u8], token: &[u8]) -> Option<&'a [u8]> {
        rest.trim_ascii_start().strip_prefix(token)
    }
    let rest = token(body, b"{")
        .and_then(|r| token(r, b"\"success\""))
        .and_then(|r| token(r, b":"))
        .and_then(|r| token(r, b"true"));
    matches!(rest.map(<[u8]>::trim_ascii_start), Some([b',' | b'}', ..]))
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
        assert!(reports_failure(br#"{"success": false, "data": null, "meta": {"message": "x"}}"#));
        assert!(reports_failure(br#"{"success": 0}"#));
        assert!(reports_failure(br#"{"success": "0"}"#));
        assert!(!reports_failure(br#"{"success": true, "data": []}"#));
        assert!(!reports_failure(br#"[{"success": false}]"#));
        assert!(!reports_failure(br#"{"data": {"success": false}}"#));
        assert!(!reports_failure(b"<html>"));
        assert!(!reports_failure(b""));
        // The shortcut for `{"success": true, ...` agrees with the full probe.
        assert!(!reports_failure(br#"{"success":true,"data":[{"success":false}]}"#));
        assert!(!reports_failure(b" { \"success\" :\n true }"));
        assert!(!reports_failure(br#"{"success": true, "success": false}"#));
        for body in [
            &br#"{"success":true}"#[..],
            br#"{"success": true , "data": null}"#,
            br#"{"success":trueish}"#,
            br#"{"success":"true","meta":{}}"#,
            br#"{"data":1,"success":false}"#,
            br#"{"success":true"#,
        ] {
            assert_eq!(reports_failure(body), reports_failure_slow(body), "{}", String::from_utf8_lossy(body));
        }
    }

    /// `reports_failure` without the shortcut.
    fn reports_failure_slow(body: &[u8]) -> bool {
        #[derive(serde::Deserialize)]
        struct Probe {
            #[serde(default)]
            success: Option<crate::wire::FlexBool>,
        }
        matches!(serde_json::from_slice::<Probe>(body), Ok(Probe { success: Some(s) }) if !s.get())
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        h.insert(RETRY_AFTER, "Sun, 06 Nov 1994 08:49:37 GMT".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
        let later = (chrono::Utc::now() + chrono::Duration::seconds(30)).to_rfc2822();
        h.insert(RETRY_AFTER, later.parse().unwrap());
        let d = retry_after(&h).unwrap();
        assert!(d > Duration::from_secs(25) && d <= Duration::from_secs(30), "{d:?}");
        h.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&h), None);
    }
}
