//! Building a client of any API: [`ClientBuilder`].

use crate::runtime::config::{BasePath, Config, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY, DEFAULT_TIMEOUT};
use crate::runtime::credentials::Credentials;
use crate::runtime::error::{Error, Result};
use crate::runtime::hooks::{Api, Context};
use crate::runtime::limit::{Limiter, RateLimiter, RetryPolicy};
use crate::runtime::url_policy::check_base_url;
use reqwest::header::HeaderValue;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

/// The client of one Altegio API, as the builder sees it (implemented by each API's
/// `Client`; not meant to be implemented outside this crate).
pub trait ApiClient: Sized + sealed::Sealed {
    /// The API's production base URL.
    const PRODUCTION_URL: &'static str;
}

pub(crate) mod sealed {
    use super::{Api, Context};

    /// Keeps [`ApiClient`](super::ApiClient) to this crate's clients, and carries what
    /// the builder needs of them.
    pub trait Sealed: Sized {
        /// What the runtime knows of the API.
        fn api() -> &'static Api;
        /// The generated client from its parts.
        fn from_parts(base: &str, http: reqwest::Client, ctx: Context) -> Self;
    }
}

/// Configures the client of an API (`C`: [`b2b::Client`](crate::b2b::Client),
/// `booking::Client`, `devtools::Client`); start with that type's `builder(partner_token)`.
/// The same settings hold for every API.
#[must_use = "a client builder does nothing until `.build()`"]
pub struct ClientBuilder<C> {
    partner_token: String,
    pub(crate) user_token: Option<String>,
    base_url: String,
    servers: Vec<(String, String)>,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    http: Option<reqwest::ClientBuilder>,
    allow_insecure_http: bool,
    limiter: Option<Arc<dyn Limiter>>,
    retry: RetryPolicy,
    max_body: usize,
    api: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("partner_token", &"***")
            .field("user_token", &self.user_token.as_ref().map(|_| "***"))
            .field("base_url", &self.base_url)
            .field("servers", &self.servers)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .finish_non_exhaustive()
    }
}

impl<C: ApiClient> ClientBuilder<C> {
    /// A builder for a client that authenticates with this partner token.
    pub fn new(partner_token: impl Into<String>) -> Self {
        ClientBuilder {
            partner_token: partner_token.into(),
            user_token: None,
            base_url: C::PRODUCTION_URL.to_string(),
            servers: Vec::new(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: concat!("altegio-rs/", env!("CARGO_PKG_VERSION")).to_string(),
            http: None,
            allow_insecure_http: false,
            limiter: Some(RateLimiter::shared() as Arc<dyn Limiter>),
            retry: RetryPolicy::default(),
            max_body: DEFAULT_MAX_BODY,
            api: PhantomData,
        }
    }

    /// Talks to another server (a mock, a proxy). Only `https`, or `http` to a loopback
    /// address, unless [`allow_insecure_http`](Self::allow_insecure_http) is set.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Sends the operations the spec places on another server (`server`, as the spec
    /// names it: `https://app.alteg.io` for some marketplace calls) to `url` instead,
    /// with the same rules as [`base_url`](Self::base_url). Unless told, such operations
    /// go to their documented server, whatever the base URL.
    pub fn server_url(mut self, server: impl Into<String>, url: impl Into<String>) -> Self {
        let server = server.into();
        self.servers.retain(|(s, _)| *s != server);
        self.servers.push((server, url.into()));
        self
    }

    /// Allows a plain-`http` base URL on a non-loopback host. Tokens then travel
    /// unencrypted.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Time allowed for a whole request, reply body included (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed to open a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = agent.into();
        self
    }

    /// Builds the HTTP client from this `reqwest::ClientBuilder` (its proxy, TLS, pool
    /// and other settings), with the crate's own policy applied on top: redirects are never
    /// followed (a redirected write could be replayed, and tokens must not follow a
    /// redirect to another host), and the connect timeout is this builder's.
    pub fn http_client(mut self, builder: reqwest::ClientBuilder) -> Self {
        self.http = Some(builder);
        self
    }

    /// Uses this rate limiter: any [`Limiter`], such as a [`RateLimiter`] (shared between
    /// clients through `Arc` or a clone), a `RedisLimiter` (feature `redis`, shared
    /// between processes) or one of your own. Clients that send from the same IP address,
    /// of any API, should share one. By default every client, of every API, uses
    /// [`RateLimiter::shared`] (5/s and 200/min).
    pub fn rate_limiter(mut self, limiter: impl Limiter + 'static) -> Self {
        self.limiter = Some(Arc::new(limiter));
        self
    }

    /// Sends without client-side rate limiting (Altegio still answers 429 past its limits).
    pub fn no_rate_limit(mut self) -> Self {
        self.limiter = None;
        self
    }

    /// The retry policy (default: 3 attempts; only idempotent calls are retried).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The largest reply body read (default 32 MiB); a larger reply is a decode error.
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<C> {
        let credentials = Credentials::new(&self.partner_token, self.user_token.as_deref())?;
        let tls = crate::runtime::config::HAS_TLS;
        let base = check_base_url(&self.base_url, self.allow_insecure_http, tls)?;
        let mut servers = Vec::new();
        for (server, url) in &self.servers {
            servers.push((server.clone(), check_base_url(url, self.allow_insecure_http, tls)?));
        }
        let user_agent = HeaderValue::from_str(&self.user_agent)
            .map_err(|_| Error::invalid_request("the user agent cannot be sent in a header"))?;
        let loopback = std::iter::once(&base)
            .chain(servers.iter().map(|(_, u)| u))
            .all(|b| url::Url::parse(b).is_ok_and(|u| crate::runtime::url_policy::is_loopback(&u)));
        let http = crate::runtime::config::build_http(self.http, self.connect_timeout, loopback)?;
        let config = Config {
            timeout: self.timeout,
            user_agent,
            limiter: self.limiter,
            retry: self.retry,
            max_body: self.max_body,
            base: BasePath::new(&base),
            servers,
        };
        let ctx = Context::new(credentials, config, C::api());
        Ok(C::from_parts(&base, http, ctx))
    }
}
