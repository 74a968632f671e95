//! Settings fixed when a client is built, and the HTTP client every API's client uses.

use crate::runtime::error::{Error, Result};
use crate::runtime::limit::{Limiter, RetryPolicy};
use reqwest::header::HeaderValue;
use std::sync::Arc;
use std::time::Duration;

/// Default time allowed for a whole request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Default largest reply body read: 32 MiB.
pub const DEFAULT_MAX_BODY: usize = 32 * 1024 * 1024;

/// Settings fixed when the client is built.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// Time allowed for a whole request, reply body included.
    pub timeout: Duration,
    pub user_agent: HeaderValue,
    pub limiter: Option<Arc<dyn Limiter>>,
    pub retry: RetryPolicy,
    /// Largest reply body read, in bytes.
    pub max_body: usize,
    /// The base URL the client was built with, and its path: kept so that the path check
    /// of every call does not parse the base URL again.
    pub base: BasePath,
    /// Base URLs for operations the spec places on another server: (the spec's server
    /// URL, the URL to use instead).
    pub servers: Vec<(String, String)>,
}

impl Config {
    /// Where to send an operation whose spec names the server `server`: the URL set for
    /// it when the client was built, else that server.
    pub(crate) fn server_url<'a>(&'a self, server: &'a str) -> &'a str {
        self.servers.iter().find(|(s, _)| s == server).map_or(server, |(_, url)| url.as_str())
    }
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
    pub(crate) fn path_of<'a>(&'a self, url: &str) -> std::borrow::Cow<'a, str> {
        if url == self.url { std::borrow::Cow::Borrowed(&self.path) } else { std::borrow::Cow::Owned(path_of(url)) }
    }
}

fn path_of(url: &str) -> String {
    reqwest::Url::parse(url).map(|u| u.path().to_string()).unwrap_or_default()
}

/// Whether this build can speak TLS (feature `rustls` or `native-tls`).
pub(crate) const HAS_TLS: bool = cfg!(any(feature = "rustls", feature = "native-tls"));

/// The HTTP client a client builds for itself: no redirects (a redirected write could be
/// replayed, and tokens must not follow a redirect to another host; a 3xx is reported as
/// an error), the connect timeout, and TLS as the features choose.
///
/// TLS never touches process-wide state. With `rustls` (the default) reqwest brings its
/// own crypto provider (aws-lc-rs), so a `reqwest::Client` built anywhere else in the
/// program, with or without TLS features of its own, works whether or not an altegio
/// client exists (`tests/tls.rs` runs such a program).
///
/// A builder given by the user keeps its settings; the redirect policy and the connect
/// timeout are the crate's, whatever it said. A client for a loopback base URL (the
/// embedded mock, a local gateway) uses no proxy at all, not even one from `HTTP_PROXY`:
/// the tokens would otherwise travel in clear to the proxy.
pub(crate) fn build_http(
    user: Option<reqwest::ClientBuilder>,
    connect_timeout: Duration,
    loopback: bool,
) -> Result<reqwest::Client> {
    let builder = user.unwrap_or_default();
    let builder = if loopback { builder.no_proxy() } else { builder };
    builder
        .connect_timeout(connect_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| Error::invalid_request("cannot build the HTTP client").with_source(e))
}
