//! An in-process mock of the Altegio API, for tests and demos (feature `mock`).
//!
//! [`MockServer::start`] listens on `127.0.0.1` and answers every operation of the spec
//! with the spec's example, at the documented success status. It checks the
//! `Authorization` header like Altegio does (401 in Altegio's error shape when it is
//! missing, malformed, or lacks the user token an operation needs), answers unknown
//! routes with an Altegio-shaped 404, records every request, and lets a test replace the
//! reply of any operation.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use altegio::mock::{MockResponse, MockServer};
//! let server = MockServer::start().await?;
//! use altegio::b2b::operations::GET_LOCATION;
//! let server = MockServer::start().await?;
//! server.respond(GET_LOCATION, MockResponse::json(404, serde_json::json!({
//!     "success": false, "data": null, "meta": {"message": "Location not found"}
//! })));
//! // A client for the mock: its URL, test tokens, and no process-wide rate limiter.
//! let client = server.client()?;
//! let err = client.get_location().location_id(1).send().await.unwrap_err();
//! assert!(err.is_not_found());
//! assert_eq!(server.requests()[0].path, "/company/1");
//! # Ok(()) }
//! ```

use crate::Operation;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The path prefix the mock serves the API under, like production (`/api/v1`).
pub const BASE_PATH: &str = "/api/v1";

/// The partner token of [`MockServer::client`].
pub const MOCK_PARTNER_TOKEN: &str = "mock-partner-token";
/// The user token of [`MockServer::client`].
pub const MOCK_USER_TOKEN: &str = "mock-user-token";

/// A request the mock received.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    /// The operation it was routed to, if any.
    pub operation: Option<&'static str>,
    /// The HTTP method.
    pub method: String,
    /// The path below [`BASE_PATH`], still percent-encoded (`/company/1`).
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// The headers.
    pub headers: http::HeaderMap,
    /// The body.
    pub body: Bytes,
    /// When the request was complete.
    pub at: std::time::Instant,
}

impl RecordedRequest {
    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The query decoded into `(name, value)` pairs, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        self.query
            .as_deref()
            .map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default()
    }

    /// The body parsed as JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// A reply the mock sends instead of an operation's example.
#[derive(Clone, Debug)]
pub struct MockResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: Bytes,
    delay: Option<std::time::Duration>,
}

impl MockResponse {
    /// A JSON reply.
    pub fn json(status: u16, body: Value) -> Self {
        MockResponse {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: Bytes::from(body.to_string()),
            delay: None,
        }
    }

    /// A reply with a raw body and content type.
    pub fn raw(status: u16, content_type: &str, body: impl Into<Bytes>) -> Self {
        MockResponse {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
            delay: None,
        }
    }

    /// Waits this long before answering (to test timeouts).
    pub fn delay(mut self, delay: std::time::Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// A reply computed from the request.
type Responder = Arc<dyn Fn(&RecordedRequest) -> MockResponse + Send + Sync>;

#[derive(Clone)]
enum Override {
    Fixed(MockResponse),
    Computed(Responder),
}

#[derive(Default)]
struct State {
    requests: Vec<RecordedRequest>,
    overrides: HashMap<String, Override>,
}

/// A running mock server; it stops when dropped.
pub struct MockServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer").field("addr", &self.addr).finish_non_exhaustive()
    }
}

impl MockServer {
    /// Starts a server on a free port of `127.0.0.1`.
    pub async fn start() -> std::io::Result<MockServer> {
        Self::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Starts a server on the given address.
    pub async fn bind(addr: SocketAddr) -> std::io::Result<MockServer> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(Mutex::new(State::default()));
        let routes = Arc::new(Routes::new(crate::runtime::all_operations()));
        let (tx, mut rx) = oneshot::channel::<()>();
        let task_state = state.clone();
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = &mut rx => break,
                    accepted = listener.accept() => {
                        let Ok((stream, _)) = accepted else { continue };
                        let state = task_state.clone();
                        let routes = routes.clone();
                        tokio::spawn(async move {
                            let svc = service_fn(move |req| handle(req, state.clone(), routes.clone()));
                            let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), svc).await;
                        });
                    }
                }
            }
        });
        Ok(MockServer { addr, state, shutdown: Some(tx) })
    }

    /// The base URL to give [`ClientBuilder::base_url`](crate::ClientBuilder::base_url).
    pub fn url(&self) -> String {
        format!("http://{}{BASE_PATH}", self.addr)
    }

    /// The socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Replaces the reply of an operation until [`reset`](Self::reset). Operations are
    /// named by their typed constants (`altegio::b2b::operations::CREATE_CLIENT`), so a
    /// misspelt one does not compile; [`find`](crate::b2b::operations::find) turns an id
    /// known only at run time into one, or says it is unknown.
    pub fn respond(&self, operation: &Operation, response: MockResponse) {
        self.lock().overrides.insert(operation.id.to_string(), Override::Fixed(response));
    }

    /// Computes the reply of an operation from each request (e.g. pages from `?page=`),
    /// until [`reset`](Self::reset). The responder runs while the server holds its state
    /// lock: it must not call back into this `MockServer`.
    pub fn respond_with(
        &self,
        operation: &Operation,
        responder: impl Fn(&RecordedRequest) -> MockResponse + Send + Sync + 'static,
    ) {
        self.lock().overrides.insert(operation.id.to_string(), Override::Computed(Arc::new(responder)));
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    /// The requests routed to one operation.
    pub fn requests_for(&self, operation: &Operation) -> Vec<RecordedRequest> {
        self.lock().requests.iter().filter(|r| r.operation == Some(operation.id)).cloned().collect()
    }

    /// A client builder for this mock: its URL, the test tokens [`MOCK_PARTNER_TOKEN`] and
    /// [`MOCK_USER_TOKEN`], and no rate limiter. The default client shares the process-wide
    /// limiter (5 requests per second), which would make a test suite against the mock
    /// crawl; add a limiter back with `rate_limiter` to test against it.
    #[cfg(altegio_b2b)]
    pub fn client_builder(&self) -> crate::b2b::ClientBuilder {
        crate::Client::builder(MOCK_PARTNER_TOKEN).user_token(MOCK_USER_TOKEN).base_url(self.url()).no_rate_limit()
    }

    /// A client for this mock, as [`client_builder`](Self::client_builder) makes it.
    #[cfg(altegio_b2b)]
    pub fn client(&self) -> crate::Result<crate::Client> {
        self.client_builder().build()
    }

    /// An Online Booking client builder for this mock: its URL, [`MOCK_PARTNER_TOKEN`],
    /// [`MOCK_USER_TOKEN`] as the end customer's token, and no rate limiter.
    #[cfg(altegio_booking)]
    pub fn booking_client_builder(&self) -> crate::booking::ClientBuilder {
        crate::booking::Client::builder(MOCK_PARTNER_TOKEN)
            .booking_user(&crate::booking::BookingUserToken::new(MOCK_USER_TOKEN))
            .base_url(self.url())
            .no_rate_limit()
    }

    /// An Online Booking client for this mock, as
    /// [`booking_client_builder`](Self::booking_client_builder) makes it.
    #[cfg(altegio_booking)]
    pub fn booking_client(&self) -> crate::Result<crate::booking::Client> {
        self.booking_client_builder().build()
    }

    /// A Developer Tools client builder for this mock: its URL for both the API and the
    /// application host (`app_url`), [`MOCK_PARTNER_TOKEN`] and [`MOCK_USER_TOKEN`], and
    /// no rate limiter.
    #[cfg(altegio_devtools)]
    pub fn devtools_client_builder(&self) -> crate::devtools::ClientBuilder {
        crate::devtools::Client::builder(MOCK_PARTNER_TOKEN)
            .user_token(MOCK_USER_TOKEN)
            .base_url(self.url())
            .app_url(self.url())
            .no_rate_limit()
    }

    /// A Developer Tools client for this mock, as
    /// [`devtools_client_builder`](Self::devtools_client_builder) makes it.
    #[cfg(altegio_devtools)]
    pub fn devtools_client(&self) -> crate::Result<crate::devtools::Client> {
        self.devtools_client_builder().build()
    }

    /// Forgets recorded requests and overrides.
    pub fn reset(&self) {
        let mut s = self.lock();
        s.requests.clear();
        s.overrides.clear();
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Path templates split into segments, most specific first.
struct Routes {
    routes: Vec<(&'static Operation, Vec<Segment>)>,
}

enum Segment {
    Literal(&'static str),
    Param,
}

impl Routes {
    fn new(ops: Vec<&'static Operation>) -> Self {
        let mut routes: Vec<(&'static Operation, Vec<Segment>)> = ops
            .into_iter()
            .map(|op| {
                let segs = op
                    .path
                    .split('/')
                    .filter(|s| !s.is_empty())
                    .map(|s| if s.starts_with('{') { Segment::Param } else { Segment::Literal(s) })
                    .collect();
                (op, segs)
            })
            .collect();
        // More literal segments first, so `/goods/search/{id}` wins over `/goods/{a}/{b}`.
        routes.sort_by_key(|(_, segs)| {
            std::cmp::Reverse(segs.iter().filter(|s| matches!(s, Segment::Literal(_))).count())
        });
        Routes { routes }
    }

    fn find(&self, method: &str, path: &str) -> Option<&'static Operation> {
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        self.routes
            .iter()
            .find(|(op, segs)| {
                op.method.eq_ignore_ascii_case(method)
                    && segs.len() == parts.len()
                    && segs.iter().zip(&parts).all(|(s, p)| match s {
                        Segment::Literal(l) => l == p,
                        Segment::Param => !p.is_empty(),
                    })
            })
            .map(|(op, _)| *op)
    }
}

fn altegio_error(status: u16, message: &str) -> MockResponse {
    MockResponse::json(status, json!({"success": false, "data": null, "meta": {"message": message}}))
}

/// Whether the header is `Bearer <token>` or `Bearer <token>, User <token>`; returns
/// `Some(has_user)` when it is.
fn auth_shape(header: Option<&str>) -> Option<bool> {
    let token_ok = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_graphic() && c != ',');
    let rest = header?.strip_prefix("Bearer ")?;
    match rest.split_once(", User ") {
        Some((p, u)) => (token_ok(p) && token_ok(u)).then_some(true),
        None => token_ok(rest).then_some(false),
    }
}

async fn handle(
    req: Request<Incoming>,
    state: Arc<Mutex<State>>,
    routes: Arc<Routes>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = req.into_parts();
    let body = body.collect().await.map(|b| b.to_bytes()).unwrap_or_default();
    let full_path = parts.uri.path().to_string();
    let path = full_path.strip_prefix(BASE_PATH).map(str::to_string);
    let op = path.as_deref().and_then(|p| routes.find(parts.method.as_str(), p));
    let reply = {
        let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
        s.requests.push(RecordedRequest {
            operation: op.map(|o| o.id),
            method: parts.method.to_string(),
            path: path.clone().unwrap_or(full_path.clone()),
            query: parts.uri.query().map(str::to_string),
            headers: parts.headers.clone(),
            body,
            at: std::time::Instant::now(),
        });
        match op {
            None => altegio_error(404, &format!("No route for {} {}", parts.method, full_path)),
            Some(op) => {
                let auth = auth_shape(parts.headers.get(http::header::AUTHORIZATION).and_then(|v| v.to_str().ok()));
                match auth {
                    None => altegio_error(
                        401,
                        "Authentication needed: send `Authorization: Bearer <partner_token>[, User <user_token>]`",
                    ),
                    Some(false) if op.needs_user_token && !op.partner_token_accepted => {
                        altegio_error(401, "Authentication needed: this call needs the user token")
                    }
                    _ => match s.overrides.get(op.id) {
                        Some(Override::Fixed(r)) => r.clone(),
                        Some(Override::Computed(f)) => match s.requests.last() {
                            Some(r) => f(r),
                            None => altegio_error(500, "no request recorded"),
                        },
                        None => match op.example {
                            Some(ex) => {
                                MockResponse::raw(op.success_status, "application/json", ex.as_bytes().to_vec())
                            }
                            None => MockResponse::raw(op.success_status, "application/json", Vec::new()),
                        },
                    },
                }
            }
        }
    };
    Ok(into_response(reply).await)
}

async fn into_response(reply: MockResponse) -> Response<Full<Bytes>> {
    if let Some(d) = reply.delay {
        tokio::time::sleep(d).await;
    }
    let mut resp = Response::new(Full::new(reply.body));
    *resp.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (k, v) in &reply.headers {
        if let (Ok(k), Ok(v)) = (http::HeaderName::from_bytes(k.as_bytes()), http::HeaderValue::from_str(v)) {
            resp.headers_mut().append(k, v);
        }
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_shapes() {
        assert_eq!(auth_shape(Some("Bearer p")), Some(false));
        assert_eq!(auth_shape(Some("Bearer p, User u")), Some(true));
        for bad in ["", "Bearer ", "bearer p", "Bearer p,User u", "Bearer p, User ", "Bearer a b", "Token p"] {
            assert_eq!(auth_shape(Some(bad)), None, "{bad}");
        }
        assert_eq!(auth_shape(None), None);
    }
}
