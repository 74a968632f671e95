//! Facts about every operation of the B2B spec, generated at build time.

use crate::runtime::Operation;

include!(concat!(env!("OUT_DIR"), "/b2b_operations.rs"));

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
include!(concat!(env!("OUT_DIR"), "/b2b_spec_schemas.rs"));

/// The spec's own (OpenAPI 3.0) schema of an operation's JSON request body, as written in
/// `openapi/b2b/`, with `$ref`s left as they are (feature `schemars`).
#[cfg(feature = "schemars")]
#[cfg_attr(docsrs, doc(cfg(feature = "schemars")))]
pub fn spec_request_schema(operation_id: &str) -> Option<serde_json::Value> {
    SPEC_REQUEST_SCHEMAS
        .iter()
        .find(|(id, _)| *id == operation_id)
        .and_then(|(_, json)| serde_json::from_str(json).ok())
}
