//! What every API's generated client carries (its [`Context`]: credentials and settings)
//! and what runs around each of its requests through progenitor's hooks: the path check,
//! the operation's own server, the `Authorization` header, the mass-mailing guard, then
//! the pipeline for sending. Each API module plugs its client in with
//! [`api_client!`](crate::runtime::api_client).

use crate::runtime::Operation;
use crate::runtime::config::Config;
use crate::runtime::credentials::Credentials;
use crate::runtime::error::Result;
use crate::runtime::url_policy::path_fits;
use progenitor_client::OperationInfo;
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderName, HeaderValue, USER_AGENT};
use std::sync::Arc;

/// The media type Altegio asks for in `Accept`.
pub(crate) const ACCEPT_V2: &str = "application/vnd.api.v2+json";

/// What the runtime needs to know about one API (not nameable outside the crate).
#[derive(Debug)]
pub struct Api {
    /// The facts of one of the API's operations, by operationId.
    pub(crate) find: fn(&str) -> Option<&'static Operation>,
    /// How to get a client with a user token, for the error of a call that needs one.
    pub(crate) user_hint: &'static str,
}

/// progenitor's inner type for every API: credentials and settings, cheap to clone.
#[derive(Clone, Debug)]
pub struct Context {
    credentials: Arc<Credentials>,
    pub(crate) config: Arc<Config>,
    pub(crate) api: &'static Api,
}

impl Context {
    pub(crate) fn new(credentials: Credentials, config: Config, api: &'static Api) -> Self {
        Context { credentials: Arc::new(credentials), config: Arc::new(config), api }
    }

    pub(crate) fn read_credentials<T>(&self, f: impl FnOnce(&Credentials) -> T) -> T {
        f(&self.credentials)
    }

    /// A context with its own credentials (same partner token, given user token) and the
    /// same settings.
    pub(crate) fn fork_credentials(&self, user: Option<&str>) -> Result<Context> {
        let creds = self.credentials.fork(user)?;
        Ok(Context { credentials: Arc::new(creds), config: self.config.clone(), api: self.api })
    }

    /// The same settings and partner token, no user token.
    pub(crate) fn without_user(&self) -> Context {
        Context { credentials: Arc::new(self.credentials.without_user()), config: self.config.clone(), api: self.api }
    }
}

/// progenitor's `pre` hook for every API: `baseurl` is the client's base URL.
#[allow(clippy::result_large_err)] // progenitor's error type, as its hook returns it
pub(crate) fn pre<E>(
    ctx: &Context,
    baseurl: &str,
    request: &mut reqwest::Request,
    info: &OperationInfo,
) -> std::result::Result<(), progenitor_client::Error<E>> {
    let invalid = |m: String| progenitor_client::Error::InvalidRequest(m);
    let operation = (ctx.api.find)(info.operation_id);
    // An operation on another server (the marketplace calls on app.alteg.io): the same
    // path under the base URL configured for that server.
    let base = match operation.and_then(|o| o.server) {
        Some(server) => {
            let target = ctx.config.server_url(server);
            let rest = request.url().as_str().strip_prefix(baseurl).map(str::to_string);
            let moved =
                rest.and_then(|rest| reqwest::Url::parse(&format!("{}{rest}", target.trim_end_matches('/'))).ok());
            match moved {
                Some(url) => *request.url_mut() = url,
                None => {
                    return Err(invalid(format!(
                        "`{}` cannot be sent to its server {server}: the URL does not fit",
                        info.operation_id
                    )));
                }
            }
            target.to_string()
        }
        None => baseurl.to_string(),
    };
    if let Some(op) = operation
        && !path_fits(&ctx.config.base.path_of(&base), op.path, request.url())
    {
        return Err(invalid(format!(
            "a path parameter of `{}` is empty, `.` or `..`, which cannot be sent as a path segment",
            info.operation_id
        )));
    }
    let needs_user = operation.is_some_and(|o| o.needs_user_token);
    let partner_only = operation.is_some_and(|o| o.partner_only) || crate::runtime::pipeline::partner_only_call();
    let auth = ctx
        .read_credentials(|c| c.header_for(info.operation_id, needs_user, partner_only, ctx.api.user_hint))
        .map_err(|e| invalid(e.message().unwrap_or_default().to_string()))?;
    if let Some(op) = operation
        && !op.mass_mailing_filters.is_empty()
        && !has_filter(request.url(), op.mass_mailing_filters)
        && !crate::runtime::pipeline::allows_entire_client_base()
    {
        return Err(invalid(format!(
            "`{}` without a filter would message every client of the location; add a filter, or pass \
             `CallOptions::new().allow_entire_client_base()` to `send_with`",
            info.operation_id
        )));
    }
    crate::runtime::pipeline::note_secrets(ctx.read_credentials(Credentials::secrets));
    let headers = request.headers_mut();
    headers.insert(AUTHORIZATION, auth);
    headers.insert(ACCEPT, HeaderValue::from_static(ACCEPT_V2));
    headers.insert(USER_AGENT, ctx.config.user_agent.clone());
    // progenitor adds the spec's version as `api-version`; Altegio has no use for it.
    headers.remove(HeaderName::from_static("api-version"));
    Ok(())
}

/// Whether one of the operation's narrowing filters (`x-altegio-mass-mailing` in the spec)
/// really narrows: its value holds at least one letter or digit. Blank text, invisible
/// characters (a zero-width space), a bare wildcard (`%`) or separator (`@`, `+`) match
/// every client and do not count.
fn has_filter(url: &reqwest::Url, filters: &[&str]) -> bool {
    url.query_pairs().any(|(k, v)| filters.contains(&k.as_ref()) && v.chars().any(char::is_alphanumeric))
}

/// Plugs an API's generated `Client` into the runtime: progenitor's hooks, building
/// from a [`ClientBuilder`](crate::ClientBuilder), and the methods every API's client
/// has (switching the user token, the base URL). `$api` is the API's
/// [`Api`](crate::runtime::hooks::Api) static.
macro_rules! api_client {
    ($client:ty, $api:expr, $production:expr) => {
        impl progenitor_client::ClientHooks<$crate::runtime::hooks::Context> for $client {
            async fn pre<E>(
                &self,
                request: &mut reqwest::Request,
                info: &progenitor_client::OperationInfo,
            ) -> std::result::Result<(), progenitor_client::Error<E>> {
                $crate::runtime::hooks::pre((&self.inner), progenitor_client::ClientInfo::baseurl(self), request, info)
            }

            async fn exec(
                &self,
                request: reqwest::Request,
                info: &progenitor_client::OperationInfo,
            ) -> reqwest::Result<reqwest::Response> {
                $crate::runtime::pipeline::execute(
                    progenitor_client::ClientInfo::client(self),
                    &self.inner.config,
                    request,
                    info,
                )
                .await
            }
        }

        impl $crate::runtime::builder::sealed::Sealed for $client {
            fn api() -> &'static $crate::runtime::hooks::Api {
                $api
            }
            fn from_parts(base: &str, http: reqwest::Client, ctx: $crate::runtime::hooks::Context) -> Self {
                <$client>::new_with_client(base, http, ctx)
            }
        }

        impl $crate::runtime::builder::ApiClient for $client {
            const PRODUCTION_URL: &'static str = $production;
        }

        impl $client {
            /// Starts configuring a client that authenticates with this partner token.
            pub fn builder(partner_token: impl Into<String>) -> $crate::ClientBuilder<$client> {
                $crate::ClientBuilder::new(partner_token)
            }

            /// The same client without a user token: its calls send the partner token alone.
            pub fn without_user_token(&self) -> $client {
                <$client>::new_with_client(
                    self.baseurl(),
                    progenitor_client::ClientInfo::client(self).clone(),
                    self.inner.without_user(),
                )
            }

            /// Whether a user token is set.
            pub fn has_user_token(&self) -> bool {
                self.inner.read_credentials($crate::runtime::credentials::Credentials::has_user)
            }

            /// A client with this user token (checked: it must fit in a header), sharing
            /// this one's connection pool, settings and rate limiter.
            #[allow(dead_code)]
            pub(crate) fn with_user_token_str(&self, token: &str) -> $crate::Result<$client> {
                let ctx = self.inner.fork_credentials(Some(token))?;
                Ok(<$client>::new_with_client(self.baseurl(), progenitor_client::ClientInfo::client(self).clone(), ctx))
            }

            /// The base URL the client sends to.
            pub fn base_url(&self) -> &str {
                progenitor_client::ClientInfo::baseurl(self)
            }

            #[allow(dead_code)]
            pub(crate) fn baseurl(&self) -> &str {
                progenitor_client::ClientInfo::baseurl(self)
            }
        }
    };
}
pub(crate) use api_client;

/// `pub(crate) mod generated`: the client progenitor generated for the API `$api` (the
/// file `$OUT_DIR/<api>.rs` that build.rs writes), with the lints that generated code
/// cannot meet turned off.
macro_rules! generated_module {
    ($api:literal) => {
        #[allow(
            missing_docs,
            unused_imports,
            dead_code,
            private_interfaces,
            clippy::all,
            clippy::pedantic,
            rustdoc::all,
            irrefutable_let_patterns
        )]
        pub(crate) mod generated {
            include!(concat!(env!("OUT_DIR"), "/", $api, ".rs"));
        }
    };
}
pub(crate) use generated_module;
