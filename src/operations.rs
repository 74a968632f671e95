//! Facts about every operation of the spec, generated at build time.

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
}

include!(concat!(env!("OUT_DIR"), "/operations.rs"));

/// Every operation, sorted by id.
pub fn all() -> &'static [Operation] {
    OPERATIONS
}

/// The operation with this operationId.
pub fn find(id: &str) -> Option<&'static Operation> {
    OPERATIONS.binary_search_by(|o| o.id.cmp(id)).ok().map(|i| &OPERATIONS[i])
}

/// Decodes a success body of an operation into the operation's typed response.
///
/// `None` for an unknown operation; `Some(Ok(()))` for operations without a typed body;
/// otherwise whether the body fits, with the JSON path where it does not. Handy to check
/// fixtures of your own tests against the types.
pub fn decode_success(operation_id: &str, body: &[u8]) -> Option<Result<(), String>> {
    crate::generated::decode_success(operation_id, body)
}
