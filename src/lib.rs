//! A typed async client for the [Altegio](https://alteg.io) APIs, the international brand
//! of YCLIENTS.
//!
//! Each Altegio API is a module generated at build time from a hand-maintained OpenAPI
//! document (`openapi/<api>/`) by [progenitor](https://docs.rs/progenitor), through the
//! generator crate `altegio-codegen`:
//!
//! - [`b2b`]: Business Management, the B2B API (V1): locations, appointments, clients,
//!   team members, services, payments, inventory, loyalty... (feature `b2b`, on by default).
//! - `booking`: Online Booking, the booking widget's API, for end customers (feature
//!   `booking`, on by default). The end customer's token is a `booking::BookingUserToken`,
//!   a type of its own that no B2B call takes.
//! - `devtools`: Developer Tools: the marketplace, webhook settings, VoIP, dictionaries,
//!   and the webhooks Altegio sends (feature `devtools`, on by default). Marketplace calls
//!   documented on `https://app.alteg.io` go there.
//!
//! Each API's client is built the same way (`Client::builder(partner_token)`, a
//! [`ClientBuilder`]) and shares the runtime: the same errors, retries, redaction, tracing
//! and, by default, one rate limiter for every client of the process, since Altegio counts
//! calls per IP address whatever the API or host.
//!
//! What every API shares is written by hand once: Altegio's two-token `Authorization`
//! header, one [`Error`] for every failure, lenient types for the PHP-style wire format
//! ([`wire`]), the rate limiter, write-safe retries, pagination, the embedded mock.
//!
//! # Quick start
//!
//! ```no_run
//! # async fn demo() -> altegio::Result<()> {
//! let client = altegio::Client::builder("PARTNER_TOKEN").build()?;
//! let (client, _user) = client.login("+13155550175", "password").await?; // carries the user token
//! let locations = client.get_location_list().my(true).send().await?;
//! for location in locations.data.iter() {
//!     println!("{:?} {:?}", location.id, location.title);
//! }
//! # Ok(()) }
//! ```
//!
//! [`Client`] is the B2B client ([`b2b::Client`]). Every operation of the spec is a method
//! named after its official operationId; it returns a request builder (`b2b::requests`)
//! whose setters take the parameters and the body, and whose `send()` (or
//! `send_with(CallOptions)`) performs the call. A builder does nothing until it is sent,
//! and the compiler warns when one is dropped unsent.
//!
//! The types are in [`b2b::types`]. Every type that is sent (request bodies, what they
//! contain, and the bodies of webhooks and of the SMS-provider flow) also has a builder in
//! `types::builder` that checks required fields when it is turned into the type; reply
//! types are plain structs with public fields and have none, which keeps the generated
//! code, and so the build, about a third smaller.
//!
//! # Authentication
//!
//! Every request carries `Authorization: Bearer <partner_token>` or, once a user token is
//! known, `Authorization: Bearer <partner_token>, User <user_token>`, plus
//! `Accept: application/vnd.api.v2+json`. [`Client::login`] calls `POST /auth` with the
//! partner token alone and returns a client that sends the returned user token. A client
//! never changes its tokens: [`Client::with_user_token`] and
//! [`Client::without_user_token`] derive another (same connection pool, settings and
//! limiter), so a server acting for many users keeps one partner client and derives one
//! per user, and no call in flight is ever re-authorised as someone else. An operation
//! documented as needing the user token fails before sending when none is set. Tokens
//! with characters that cannot travel in a header are refused, and no token or password
//! ever appears in `Debug` output, error messages or logs.
//!
//! # Errors
//!
//! Every call returns [`Result`]. An [`Error`] has an [`ErrorKind`] (unauthorized,
//! forbidden, not found, validation, conflict, rate limited, server, transport, timeout,
//! decode, ...), and keeps the HTTP status, Altegio's message, the field errors, the
//! numeric `error_code` and `Retry-After`. A `2xx` reply whose envelope says
//! `success: false` is an error, not a success. A reply that does not fit the schema is a
//! decode error naming the operation, the JSON path and a short excerpt of the body.
//!
//! # Rate limits, retries, timeouts
//!
//! Altegio allows 5 requests per second and 200 per minute per IP address, counted when
//! requests arrive. Every client waits for a slot of a [`RateLimiter`] before sending; by
//! default all clients of the process share [`RateLimiter::shared`], so several tenants
//! behind one IP stay within the limits together. The guarantee: counted at the server, no
//! window ever holds more requests than its limit, whatever delays a request meets on its
//! way, because a request occupies its slot from the moment it is granted until one window
//! after its reply arrived; a bulk job still runs at over 97% of the budget. A 429 holds
//! back every client sharing the limiter for its `Retry-After`.
//! [`ClientBuilder::rate_limiter`] takes another [`Limiter`] (shared through `Arc` or a
//! clone), [`ClientBuilder::no_rate_limit`] turns it off. Processes and machines that send
//! from one IP address share one budget through Redis with `RedisLimiter` (feature
//! `redis`), with the same guarantee; a limiter of your own implements [`Limiter`].
//!
//! A failed call is sent again only when that cannot duplicate a write: any method after a
//! 429 (Altegio refused it before doing anything) or when the connection could not be
//! opened (nothing was sent); `GET` and `HEAD` also after 502, 503, 504, another
//! connection error or a timeout. A `POST`, `PUT`, `PATCH` or `DELETE` that may have
//! reached the server is never sent twice. Waits grow exponentially with jitter and honour
//! `Retry-After`; attempts and total time are bounded by a [`RetryPolicy`], set per client
//! ([`ClientBuilder::retry`]) or per call ([`CallOptions::retry`]). [`Error::attempts`]
//! says how many attempts were made.
//!
//! Each attempt has a timeout (30 s by default, [`ClientBuilder::timeout`],
//! [`CallOptions::timeout`]); connecting has its own (10 s). [`CallOptions::deadline`]
//! bounds a whole call: the wait for a slot, every attempt and the waits between them.
//! Redirects are not followed.
//!
//! # Pagination
//!
//! The builder of every list paged by `page` and a page size (`count`, `page_size`...) has
//! `stream()`, a `Stream` of items, and `pages()`, a `Stream` of [`b2b::Page`]s; both
//! fetch page after page as they are read, take the page size from the builder, and hold
//! one page at a time. The stream ends at `meta.total_count`, after an empty page, or (for
//! a list without a total) after a short page, and never ends early in silence: a page
//! repeated, an empty page before the total, or more pages than the total allows end it
//! with an [`ErrorKind::Pagination`] error naming the counts. Lists paged in a request
//! body go through [`b2b::paginate`] with the same rules.
//!
//! ```no_run
//! # async fn demo(client: altegio::Client) -> altegio::Result<()> {
//! use futures_util::TryStreamExt;
//! let all: Vec<_> = client.get_location_list().count(100).stream().try_collect().await?;
//! # Ok(()) }
//! ```
//!
//! # Safety guards
//!
//! A campaign by filter without any filter (`send_sms_campaign_to_filtered_clients`,
//! `send_email_campaign_to_filtered_clients`) would reach every client of the location: it
//! is refused unless the call opts in with [`CallOptions::allow_entire_client_base`].
//! Plain-`http` base URLs are refused unless the host is loopback or
//! [`ClientBuilder::allow_insecure_http`] is set. Path parameters are always
//! percent-encoded (`/`, `?`, `#`, backslash...), and a call whose path parameter is empty, `.` or
//! `..` is refused, since URL normalisation would otherwise move it to another path.
//!
//! # Uploads
//!
//! The three multipart operations that progenitor cannot generate are handwritten methods
//! with the same behaviour: [`Client::upload_client_file`], [`Client::upload_image`] and
//! [`Client::delete_image`].
//!
//! # The wire format
//!
//! Fields that the API sends in several shapes use the types of [`wire`]: [`wire::FlexBool`]
//! (`true`, `1`, `"1"`), [`wire::FlexInt`] (`77`, `"77"`), [`wire::FlexNumber`],
//! [`wire::FlexString`], [`wire::FlexDateTime`] (every date format seen, raw text kept),
//! [`wire::Meta`] (`[]`, `{}`, objects) and [`wire::OrEmpty`] (objects sent as `[]`).
//!
//! # Webhooks
//!
//! Altegio POSTs one JSON event per change to the URLs of a location's webhook settings
//! (`get_event_notification_settings` / `update_event_notification_settings` of the
//! Developer Tools client).
//! [`webhook::WebhookEvent::parse`] types the event by `resource` ([`webhook::Payload`]:
//! appointment, client, team member, service, product, goods operation, financial
//! transaction, location), accepts partial payloads, and keeps unknown resources as raw
//! JSON. Altegio signs nothing, so register a URL that carries a secret and check it:
//!
//! ```no_run
//! # fn demo(request_uri: &http::Uri, body: &[u8]) -> altegio::Result<()> {
//! use altegio::webhook::{Payload, WebhookEvent, WebhookSecret};
//! let secret = WebhookSecret::new("a-random-secret-of-32-characters")?;
//! let url = secret.url_for("https://hooks.example.com/altegio")?; // register this URL
//! // In the handler: refuse without the secret (compared in constant time), then parse.
//! if secret.verify_uri(request_uri) {
//!     if let Payload::Record(appointment) = WebhookEvent::parse(body)?.payload {
//!         println!("appointment {:?} changed", appointment.id);
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! `examples/webhook_receiver.rs` is a complete receiver (hyper), tested over loopback.
//!
//! # The SMS-provider side
//!
//! An SMS aggregator integrated with Altegio receives [`sms::SmsProviderRequest`]s with
//! `Authorization: Bearer <partner_token>` ([`sms::verify_partner_token`]), answers with
//! an [`sms::SmsProviderReply`] ([`sms::SmsSendResult::accepted`] /
//! [`sms::SmsSendResult::rejected`]) or an [`sms::SmsProviderError`], and reports delivery
//! statuses with [`Client::report_sms_delivery`], which sends the partner token alone and
//! only to an Altegio (or the client's own) host, since the callback URL comes from the
//! inbound request. `examples/sms_provider.rs` is a complete provider.
//!
//! # JSON Schemas
//!
//! With the `schemars` feature every request and response type implements
//! `schemars::JsonSchema` (schemars 0.8, the version progenitor's type generator writes
//! for), the lenient wire types carry the spec's own schemas, and
//! [`b2b::operations::request_schema`][request-schema] / [`b2b::operations::response_schema`][response-schema] give the schema of an
//! operation by id, e.g. for a validator or an LLM tool definition.
//!
//! # Cargo features
//!
//! - `rustls` (default): TLS by rustls, with the crypto provider reqwest ships (aws-lc-rs).
//!   Nothing is installed for the whole process: the program's own `reqwest` clients,
//!   with or without TLS features of their own, behave as they would without this crate.
//! - `native-tls`: the platform's TLS library (OpenSSL, SChannel, Security.framework).
//!   Build with `default-features = false` and one of the two, plus `b2b` or areas.
//!   Without any, `https` base URLs are refused when the client is built.
//! - `b2b` (default): the B2B API with every area. Each area is also a feature of its own
//!   (`appointments`, `clients`, `webhooks`...): a build with fewer areas generates and
//!   compiles less; `altegio::b2b` exists as soon as one area is enabled.
//! - `mock`: the embedded mock server. `schemars`: JSON Schemas.
//! - `redis`: `RedisLimiter`, one rate-limit budget shared through Redis by every process
//!   and machine sending from the same IP address.
//! - `http2`: HTTP/2 over TLS when the server offers it. Off by default: within
//!   Altegio's rate limits HTTP/1.1 keep-alive carries every call as well, and HTTP/2
//!   makes a clean build about 12 s longer.
//!
//! # Testing without the API
//!
//! With the `mock` feature, [`mock::MockServer`][mock-server] starts an in-process server on
//! `127.0.0.1` that answers every operation with the example of the spec, checks the
//! `Authorization` header, lets tests override replies and records what it received:
//!
//! ```no_run
//! # #[cfg(feature = "mock")]
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use altegio::b2b::operations as op;
//! use altegio::mock::{MockResponse, MockServer};
//! let mock = MockServer::start().await?;
//! // Its URL, test tokens and no process-wide rate limiter, so a test suite runs at full speed.
//! let client = mock.client()?;
//! // Override one operation's reply (named by a typed constant), here with a validation error.
//! mock.respond(
//!     op::CREATE_CLIENT,
//!     MockResponse::json(422, serde_json::json!({"success": false, "meta": {"message": "Invalid phone"}})),
//! );
//! let body = altegio::b2b::types::builder::ClientCreate::default().name("Ada".to_string()).phone("12".to_string());
//! let err = client.create_client().location_id(1).body(body).send().await.unwrap_err();
//! assert!(err.is_validation());
//! // Inspect what went over the wire.
//! let sent = &mock.requests_for(op::CREATE_CLIENT)[0];
//! assert_eq!(sent.json().unwrap()["phone"], "12");
//! # Ok(()) }
//! ```
//!
//! [`mock::MockServer::respond_with`][mock-respond-with] computes replies from the request; `cargo xtask mock
//! --port N` runs the same server on its own for other languages and tools.

// Links to items that exist only with some features: to the item when it is there, to
// docs.rs (built with every documented feature) when it is not.
#![doc = ""]
#![cfg_attr(feature = "mock", doc = "[mock-server]: mock::MockServer")]
#![cfg_attr(feature = "mock", doc = "[mock-respond-with]: mock::MockServer::respond_with")]
#![cfg_attr(
    not(feature = "mock"),
    doc = "[mock-server]: https://docs.rs/altegio/latest/altegio/mock/struct.MockServer.html"
)]
#![cfg_attr(
    not(feature = "mock"),
    doc = "[mock-respond-with]: https://docs.rs/altegio/latest/altegio/mock/struct.MockServer.html#method.respond_with"
)]
#![cfg_attr(all(altegio_b2b, feature = "schemars"), doc = "[request-schema]: b2b::operations::request_schema")]
#![cfg_attr(all(altegio_b2b, feature = "schemars"), doc = "[response-schema]: b2b::operations::response_schema")]
#![cfg_attr(
    not(all(altegio_b2b, feature = "schemars")),
    doc = "[request-schema]: https://docs.rs/altegio/latest/altegio/b2b/operations/fn.request_schema.html"
)]
#![cfg_attr(
    not(all(altegio_b2b, feature = "schemars")),
    doc = "[response-schema]: https://docs.rs/altegio/latest/altegio/b2b/operations/fn.response_schema.html"
)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(altegio_b2b)]
#[cfg_attr(docsrs, doc(cfg(feature = "b2b")))]
pub mod b2b;
#[cfg(altegio_booking)]
#[cfg_attr(docsrs, doc(cfg(feature = "booking")))]
pub mod booking;
#[cfg(altegio_devtools)]
#[cfg_attr(docsrs, doc(cfg(feature = "devtools")))]
pub mod devtools;
#[cfg(feature = "schemars")]
mod json_schema;
mod runtime;
#[cfg(altegio_b2b)]
#[cfg_attr(docsrs, doc(cfg(feature = "b2b")))]
pub mod sms;
#[cfg(altegio_b2b)]
#[cfg_attr(docsrs, doc(cfg(feature = "b2b")))]
pub mod webhook;
pub mod wire;

/// The B2B API's client, the one most integrations start with (also `altegio::b2b::Client`).
#[cfg(altegio_b2b)]
#[cfg_attr(docsrs, doc(cfg(feature = "b2b")))]
pub use b2b::Client;
pub use progenitor_client::{ByteStream, ResponseValue};
pub use runtime::Operation;
pub use runtime::builder::{ApiClient, ClientBuilder};
pub use runtime::config::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY, DEFAULT_TIMEOUT};
pub use runtime::error::{ApiErrorBody, Error, ErrorKind, Result};
/// The rate limiter shared through Redis (feature `redis`).
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use runtime::limit::{Fallback, RedisLimiter, RedisLimiterBuilder};
pub use runtime::limit::{Limiter, LimiterError, RateLimiter, RatePermit, RetryPolicy};
/// The embedded mock server (feature `mock`).
#[cfg(feature = "mock")]
#[cfg_attr(docsrs, doc(cfg(feature = "mock")))]
pub use runtime::mock;
pub use runtime::pipeline::CallOptions;
pub use runtime::secret::Secret;
/// The schemars version whose `JsonSchema` the types implement (feature `schemars`).
#[cfg(feature = "schemars")]
#[cfg_attr(docsrs, doc(cfg(feature = "schemars")))]
pub use schemars;

/// Compiles the README's Rust examples as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
