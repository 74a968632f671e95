//! What the crate knows about each operation of an API, from its spec.

/// One operation of the Altegio API as described by the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Operation {
    /// The official operationId; the client method has the same name.
    pub id: &'static str,
    /// Upper-case HTTP method.
    pub method: &'static str,
    /// Path template relative to the base URL, e.g. `/company/{location_id}`.
    pub path: &'static str,
    /// The official tag.
    pub tag: &'static str,
    /// The area (cargo feature) the operation belongs to.
    pub area: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Whether the call needs the user token (`Bearer <partner>, User <user>`).
    pub needs_user_token: bool,
    /// The documented success status.
    pub success_status: u16,
    /// Marked deprecated by Altegio.
    pub deprecated: bool,
    /// Written by hand in this crate rather than generated (multipart uploads).
    pub handwritten: bool,
    /// The spec's example of the success body, as JSON (only with the `mock` feature).
    pub example: Option<&'static str>,
    /// Sent with the partner token alone even when the client holds a user token.
    pub partner_only: bool,
    /// For a mailing that reaches every client of a location unless narrowed: the query
    /// parameters that narrow it. Empty for every other operation.
    pub mass_mailing_filters: &'static [&'static str],
    /// Altegio accepts the partner token alone although the docs list the user token.
    pub partner_token_accepted: bool,
    /// The success reply may come without a body (Altegio sometimes answers `200` with
    /// nothing); the client then decodes it as `{}`.
    pub may_be_empty: bool,
}
