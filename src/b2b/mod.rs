//! Business Management, the B2B API (V1): locations, appointments, clients, team members,
//! services, payments, inventory, loyalty and the rest of a salon's back office.
//!
//! [`Client`] has one method per operation of the spec in `openapi/b2b/`, named after its
//! official operationId; each returns a request builder of [`requests`] whose setters
//! take the parameters and the body, and whose `send()` performs the call. The request
//! and reply types are in [`types`].
//!
//! The base URL is [`PRODUCTION_URL`]; Altegio's rate limits are [`RATE_LIMITS`]. The
//! builders of paged lists have `stream()` and `pages()`; lists paged in a request body
//! stream through [`paginate`].

mod auth;
mod client;
mod multipart;
pub mod operations;
mod raw;

crate::runtime::hooks::generated_module!("b2b");

pub(crate) use crate::runtime::hooks::Context;
pub use crate::runtime::paginate::{Page, Paged, paginate};
pub use client::{ClientBuilder, PRODUCTION_URL};
pub use generated::Client;
/// The request builders returned by the client's methods, one per operation.
pub use generated::builder as requests;
/// The request and response types of the B2B spec.
pub use generated::types;
#[cfg(feature = "clients")]
pub use multipart::UploadClientFile;
#[cfg(feature = "utilities")]
pub use multipart::{DeleteImage, UploadImage};
pub use multipart::{ImageTarget, Upload};
pub use raw::{RAW_REQUEST, RawRequest};

/// What the runtime knows of the B2B API.
pub(crate) static API: crate::runtime::hooks::Api = crate::runtime::hooks::Api {
    find: operations::find,
    user_hint: "use the client `Client::login` returns, or `Client::with_user_token`",
};

crate::runtime::hooks::api_client!(generated::Client, &API, PRODUCTION_URL);

/// Altegio's rate limits for one IP address: 5 requests per second and 200 per minute,
/// what [`crate::RateLimiter::shared`] enforces.
pub const RATE_LIMITS: [(u32, std::time::Duration); 2] = crate::runtime::limit::ALTEGIO_LIMITS;
