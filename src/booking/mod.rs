//! Online Booking: the API behind Altegio's booking widget, for a partner that builds a
//! booking experience. What can be booked (services, team members, dates, time slots),
//! checking and creating a booking, and the end customer's own account (their bookings,
//! profile and password).
//!
//! [`Client`] has one method per operation of the spec in `openapi/booking/`, named after
//! its official operationId. Calls made for an end customer need that customer's token, a
//! [`BookingUserToken`]: a different principal from a B2B staff user, with a type of its
//! own, so that one cannot be sent where the other is expected. It comes from
//! [`Client::login`] (login and password) or from the SMS-code flow
//! ([`Client::login_with_code`] after `send_booking_verification_code`).
//!
//! ```compile_fail
//! # async fn f(b2b: altegio::b2b::Client, token: altegio::booking::BookingUserToken) {
//! // A booking user's token is no B2B user token:
//! let _ = b2b.with_user_token(token);
//! # }
//! ```
//!
//! ```compile_fail
//! # async fn f(booking: altegio::booking::Client) {
//! // ...and a booking client takes only a booking user's token, not any string:
//! let _ = booking.with_booking_user("a B2B user token");
//! # }
//! ```

mod auth;
pub mod operations;

crate::runtime::hooks::generated_module!("booking");

pub use auth::BookingUserToken;
pub use generated::Client;
/// The request builders returned by the client's methods, one per operation.
pub use generated::builder as requests;
/// The request and response types of the Online Booking spec.
pub use generated::types;

pub(crate) use crate::runtime::hooks::Context;

/// The production base URL of the Online Booking API.
pub const PRODUCTION_URL: &str = "https://api.alteg.io/api/v1";

/// Configures an Online Booking [`Client`]; start with [`Client::builder`].
pub type ClientBuilder = crate::ClientBuilder<Client>;

/// What the runtime knows of the Online Booking API.
pub(crate) static API: crate::runtime::hooks::Api = crate::runtime::hooks::Api {
    find: operations::find,
    user_hint: "it is made for an end customer: log them in with `booking::Client::login` or \
                `booking::Client::login_with_code`, or use `booking::Client::with_booking_user`",
};

crate::runtime::hooks::api_client!(generated::Client, &API, PRODUCTION_URL);
