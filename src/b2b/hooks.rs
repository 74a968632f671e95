//! The state every generated call reaches through progenitor's inner type, and the
//! hooks that put the handwritten layer around each request.

use crate::auth::{Credentials, SharedCredentials};
use crate::error::Result;
use crate::generated::Client;
use crate::limit::{RateLimiter, RetryPolicy};
use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderName, HeaderValue, USER_AGENT};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// The media type Altegio asks for in `Accept`.
pub const ACCEPT_V2: &str = "application/vnd.api.v2+json";

/// Settings fixed when the client is built.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// Time allowed for a whole request, reply body included.
    pub timeout: Duration,
    pub user_agent: HeaderValue,
    pub limiter: Option<Arc<RateLimiter>>,
    pub retry: RetryPolicy,
    /// Largest reply body read, in bytes.
    pub max_body: usize,
    /// The base URL the client was built with, and its path: kept so that the path check
    /// of every call does not parse the base URL again.
    pub base: BasePath,
}

/// A base URL and the path part of it.
#[derive(Debug, Clone, Default)]
pub(crate) struct BasePath {
    url: String,
    path: String,
}

impl BasePath {
    pub(crate) fn new(url: &str) -> Self {
        BasePath { url: url.to_string(), path: path_of(url) }
    }

    /// The path of `url`, from the cache when `url` is the one it was made for.
    fn path_of<'a>(&'a self, url: &str) -> std::borrow::Cow<'a, str> {
        if url == self.url { std::borrow::Cow::Borrowed(&self.path) } else { std::borrow::Cow::Owned(path_of(url)) }
    }
}

fn path_of(url: &str) -> String {
    reqwest::Url::parse(url).map(|u| u.path().to_string()).unwrap_or_default()
}

/// progenitor's inner type: credentials and settings, cheap to clone.
#[derive(Clone, Debug)]
pub struct Context {
    credentials: SharedCredentials,
    pub(crate) config: Arc<Config>,
}

impl Context {
    pub(crate) fn new(credentials: Credentials, config: Config) -> Self {
        Context { credentials: Arc::new(RwLock::new(credentials)), config: Arc::new(config) }
    }

    pub(crate) fn read_credentials<T>(&self, f: impl FnOnce(&Credentials) -> T) -> T {
        let guard = self.credentials.read().unwrap_or_else(|p| p.into_inner());
        f(&guard)
    }

    pub(crate) fn write_credentials(&self, f: impl FnOnce(&mut Credentials) -> Result<()>) -> Result<()> {
        let mut guard = self.credentials.write().unwrap_or_else(|p| p.into_inner());
        f(&mut guard)
    }

    /// A context with its own credentials (same partner token, given user token) and the
    /// same settings.
    pub(crate) fn fork_credentials(&self, user: Option<&str>) -> Result<Context> {
        let creds = self.read_credentials(|c| c.fork(user))?;
        Ok(Context { credentials: Arc::new(RwLock::new(creds)), config: self.config.clone() })
    }
}

impl ClientHooks<Context> for Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> std::result::Result<(), progenitor_client::Error<E>> {
        let operation = crate::operations::find(info.operation_id);
        if let Some(op) = operation
            && !path_fits(&self.inner().config.base.path_of(ClientInfo::baseurl(self)), op.path, request.url())
        {
            return Err(progenitor_client::Error::InvalidRequest(format!(
                "a path parameter of `{}` is empty, `.` or `..`, which cannot be sent as a path segment",
                info.operation_id
            )));
        }
        let needs_user = operation.is_some_and(|o| o.needs_user_token);
        let auth = self
            .inner()
            .read_credentials(|c| c.header_for(info.operation_id, needs_user))
            .map_err(|e| progenitor_client::Error::InvalidRequest(e.message().unwrap_or_default().to_string()))?;
        if MASS_MAILINGS.contains(&info.operation_id)
            && !has_filter(request.url())
            && !crate::call::allows_entire_client_base()
        {
            return Err(progenitor_client::Error::InvalidRequest(format!(
                "`{}` without a filter would message every client of the location; add a filter, or pass \
                 `CallOptions::new().allow_entire_client_base()` to `send_with`",
                info.operation_id
            )));
        }
        crate::call::note_secrets(self.inner().read_credentials(Credentials::secrets));
        let headers = request.headers_mut();
        headers.insert(AUTHORIZATION, auth);
        headers.insert(ACCEPT, HeaderValue::from_static(ACCEPT_V2));
        headers.insert(USER_AGENT, self.inner().config.user_agent.clone());
        // progenitor adds the spec's version as `api-version`; Altegio has no use for it.
        headers.remove(HeaderName::from_static("api-version"));
        Ok(())
    }

    async fn exec(&self, request: reqwest::Request, info: &OperationInfo) -> reqwest::Result<reqwest::Response> {
        crate::call::execute(self.client(), &self.inner().config, request, info).await
    }
}

/// Campaigns that go to every client of a location when no filter is given.
const MASS_MAILINGS: &[&str] = &["send_sms_campaign_to_filtered_clients", "send_email_campaign_to_filtered_clients"];

/// Whether the query has a non-empty client filter.
fn has_filter(url: &reqwest::Url) -> bool {
    url.query_pairs()
        .any(|(k, v)| matches!(k.as_ref(), "fullname" | "phone" | "email" | "card") && !v.trim().is_empty())
}

/// Whether the request path is the base path plus the template with each placeholder
/// filled by exactly one non-empty segment. URL normalisation removes `.` and `..`
/// segments (even percent-encoded), so this is the check that they never moved a call.
fn path_fits(base_path: &str, template: &str, url: &reqwest::Url) -> bool {
    let mut expected = base_path.split('/').chain(template.split('/')).filter(|s| !s.is_empty());
    let mut actual = url.path().split('/').skip(1);
    loop {
        match (expected.next(), actual.next()) {
            (None, None) => return true,
            (Some(e), Some(a)) if !a.is_empty() && (e.starts_with('{') || e == a) => {}
            _ => return false,
        }
    }
}
