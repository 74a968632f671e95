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
    /// The server the operation lives on when it is not the API's base URL: the spec's
    /// URL for it (`https://app.alteg.io` for some marketplace calls). The client sends
    /// such a call to the base URL configured for that server.
    pub server: Option<&'static str>,
}

/// The body of an API's `operations` module: the generated table of its operations (with
/// one typed static per operation), lookup, decoding a success body, and, with
/// `schemars`, the schemas. `$api` is the API's module name, a literal (`"b2b"`).
macro_rules! operations_module {
    ($api:literal) => {
        use $crate::runtime::Operation;

        include!(concat!(env!("OUT_DIR"), "/", $api, "_operations.rs"));

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
            super::generated::decode_success(operation_id, body)
        }

        /// The JSON Schema of an operation's request body type (feature `schemars`); `None` for
        /// an unknown operation or one without a JSON body. Handy for validators and for tool
        /// definitions of LLM agents.
        #[cfg(feature = "schemars")]
        #[cfg_attr(docsrs, doc(cfg(feature = "schemars")))]
        pub fn request_schema(operation_id: &str) -> Option<schemars::schema::RootSchema> {
            super::generated::request_schema(operation_id)
        }

        /// The JSON Schema of an operation's typed success reply (feature `schemars`).
        #[cfg(feature = "schemars")]
        #[cfg_attr(docsrs, doc(cfg(feature = "schemars")))]
        pub fn response_schema(operation_id: &str) -> Option<schemars::schema::RootSchema> {
            super::generated::response_schema(operation_id)
        }

        #[cfg(feature = "schemars")]
        include!(concat!(env!("OUT_DIR"), "/", $api, "_spec_schemas.rs"));

        /// The spec's own (OpenAPI 3.0) schema of an operation's JSON request body, as
        /// written in the API's folder of `openapi/`, with `$ref`s left as they are (feature
        /// `schemars`).
        #[cfg(feature = "schemars")]
        #[cfg_attr(docsrs, doc(cfg(feature = "schemars")))]
        pub fn spec_request_schema(operation_id: &str) -> Option<serde_json::Value> {
            SPEC_REQUEST_SCHEMAS
                .iter()
                .find(|(id, _)| *id == operation_id)
                .and_then(|(_, json)| serde_json::from_str(json).ok())
        }
    };
}
pub(crate) use operations_module;
