//! Developer Tools: what a partner integration needs beside the business data. The
//! marketplace (connecting an installation, reporting payments and refunds, the connected
//! locations and an installation's status, uninstalling), the webhook settings of a
//! location, VoIP telephony (call events and the call list), and dictionaries (countries,
//! cities, business types).
//!
//! [`Client`] has one method per operation of the spec in `openapi/devtools/`, named after
//! its official operationId. Marketplace calls that Altegio serves from [`APP_URL`] go
//! there; the rest to [`PRODUCTION_URL`]; both can be changed on the [`ClientBuilder`]
//! (a mock, a gateway). The webhook settings and the call list need a location's staff
//! user token, as B2B calls do ([`ClientBuilder::user_token`]).
//!
//! # One rate limit for both hosts
//!
//! Altegio documents its limits (5 requests per second, 200 per minute) per IP address,
//! and says nothing of `app.alteg.io` apart. This crate assumes the two hosts count
//! together: a client sends its calls to both through one limiter, shared by default with
//! every other client of the process ([`crate::RateLimiter::shared`]). To give the
//! application host a budget of its own, build a second client with its own
//! `rate_limiter` and use it for the marketplace calls.
//!
//! What Altegio sends to a partner: the marketplace's uninstall and freeze webhook,
//! parsed by [`LifecycleEvent::parse`] (which also checks the partner token it carries),
//! and the per-entity webhooks, typed in [`types`] after their documented schemas
//! (`RecordEvent`, `ClientEvent`, `SalonEvent`...) and parsed by
//! `altegio::webhook::WebhookEvent::parse` into the B2B entity types.

mod marketplace;
pub mod operations;

crate::runtime::hooks::generated_module!("devtools");

pub use generated::Client;
/// The request builders returned by the client's methods, one per operation.
pub use generated::builder as requests;
/// The request, response and inbound (webhook) types of the Developer Tools spec.
pub use generated::types;
pub use marketplace::{LifecycleEvent, LifecycleKind};

pub(crate) use crate::runtime::hooks::Context;

/// The production base URL of the Developer Tools calls (as for B2B).
pub const PRODUCTION_URL: &str = "https://api.alteg.io/api/v1";

/// The server of the marketplace calls documented on Altegio's application host
/// (`list_marketplace_app_locations`, the status, uninstall and the partner callbacks).
pub const APP_URL: &str = "https://app.alteg.io";

/// Configures a Developer Tools [`Client`]; start with [`Client::builder`].
pub type ClientBuilder = crate::ClientBuilder<Client>;

/// What the runtime knows of the Developer Tools API.
pub(crate) static API: crate::runtime::hooks::Api = crate::runtime::hooks::Api {
    find: operations::find,
    user_hint: "build the client with `ClientBuilder::user_token` (a location's staff user, as for B2B), or use \
                `Client::with_user_token`",
};

crate::runtime::hooks::api_client!(generated::Client, &API, PRODUCTION_URL);

impl crate::ClientBuilder<Client> {
    /// Sends this user token (a location's staff user, as for B2B) with every call that
    /// takes one (`Bearer <partner>, User <user>`).
    pub fn user_token(mut self, token: impl Into<String>) -> Self {
        self.user_token = Some(token.into());
        self
    }

    /// Sends the marketplace calls that live on [`APP_URL`] to `url` instead (a mock, a
    /// gateway); the same as `server_url(APP_URL, url)`.
    pub fn app_url(self, url: impl Into<String>) -> Self {
        self.server_url(APP_URL, url)
    }
}

impl Client {
    /// A client for another staff user: the same connection pool, settings and rate
    /// limiter, its own user token; this client is left as it was.
    pub fn with_user_token(&self, token: &str) -> crate::Result<Client> {
        self.with_user_token_str(token)
    }
}
