//! The B2B client's inner type (credentials and settings) and the hooks that put the
//! runtime around each generated request: the path check, the `Authorization` header,
//! the mass-mailing guard, and the pipeline of `crate::runtime` for sending.

use super::auth::{Credentials, SharedCredentials};
use super::generated::Client;
use crate::runtime::config::Config;
use crate::runtime::error::Result;
use crate::runtime::url_policy::path_fits;
use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderName, HeaderValue, USER_AGENT};
use std::sync::Arc;

/// The media type Altegio asks for in `Accept`.
pub(crate) const ACCEPT_V2: &str = "application/vnd.api.v2+json";

/// progenitor's inner type: credentials and settings, cheap to clone.
#[derive(Clone, Debug)]
pub struct Context {
    credentials: SharedCredentials,
    pub(crate) config: Arc<Config>,
}

impl Context {
    pub(crate) fn new(credentials: Credentials, config: Config) -> Self {
        Context { credentials: Arc::new(credentials), config: Arc::new(config) }
    }

    pub(crate) fn read_credentials<T>(&self, f: impl FnOnce(&Credentials) -> T) -> T {
        f(&self.credentials)
    }

    /// A context with its own credentials (same partner token, given user token) and the
    /// same settings.
    pub(crate) fn fork_credentials(&self, user: Option<&str>) -> Result<Context> {
        let creds = self.credentials.fork(user)?;
        Ok(Context { credentials: Arc::new(creds), config: self.config.clone() })
    }

    /// The same settings and partner token, no user token.
    pub(crate) fn without_user(&self) -> Context {
        Context { credentials: Arc::new(self.credentials.without_user()), config: self.config.clone() }
    }
}

impl ClientHooks<Context> for Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> std::result::Result<(), progenitor_client::Error<E>> {
        let operation = super::operations::find(info.operation_id);
        if let Some(op) = operation
            && !path_fits(&self.inner().config.base.path_of(ClientInfo::baseurl(self)), op.path, request.url())
        {
            return Err(progenitor_client::Error::InvalidRequest(format!(
                "a path parameter of `{}` is empty, `.` or `..`, which cannot be sent as a path segment",
                info.operation_id
            )));
        }
        let needs_user = operation.is_some_and(|o| o.needs_user_token);
        let partner_only = operation.is_some_and(|o| o.partner_only) || crate::runtime::pipeline::partner_only_call();
        let auth = self
            .inner()
            .read_credentials(|c| c.header_for(info.operation_id, needs_user, partner_only))
            .map_err(|e| progenitor_client::Error::InvalidRequest(e.message().unwrap_or_default().to_string()))?;
        if let Some(op) = operation
            && !op.mass_mailing_filters.is_empty()
            && !has_filter(request.url(), op.mass_mailing_filters)
            && !crate::runtime::pipeline::allows_entire_client_base()
        {
            return Err(progenitor_client::Error::InvalidRequest(format!(
                "`{}` without a filter would message every client of the location; add a filter, or pass \
                 `CallOptions::new().allow_entire_client_base()` to `send_with`",
                info.operation_id
            )));
        }
        crate::runtime::pipeline::note_secrets(self.inner().read_credentials(Credentials::secrets));
        let headers = request.headers_mut();
        headers.insert(AUTHORIZATION, auth);
        headers.insert(ACCEPT, HeaderValue::from_static(ACCEPT_V2));
        headers.insert(USER_AGENT, self.inner().config.user_agent.clone());
        // progenitor adds the spec's version as `api-version`; Altegio has no use for it.
        headers.remove(HeaderName::from_static("api-version"));
        Ok(())
    }

    async fn exec(&self, request: reqwest::Request, info: &OperationInfo) -> reqwest::Result<reqwest::Response> {
        crate::runtime::pipeline::execute(self.client(), &self.inner().config, request, info).await
    }
}

/// Whether one of the operation's narrowing filters (`x-altegio-mass-mailing` in the spec)
/// really narrows: its value holds at least one letter or digit. Blank text, invisible
/// characters (a zero-width space), a bare wildcard (`%`) or separator (`@`, `+`) match
/// every client and do not count.
fn has_filter(url: &reqwest::Url, filters: &[&str]) -> bool {
    url.query_pairs().any(|(k, v)| filters.contains(&k.as_ref()) && v.chars().any(char::is_alphanumeric))
}
