//! What runs on every call of every API, apart from generated code: the pipeline
//! (limiter, send, body cap, retry decision, error mapping), errors, secrets, the URL
//! policy, pagination, the HTTP client's settings and the embedded mock. Nothing here is specific to one
//! Altegio API; each API's module (`crate::b2b`) plugs its generated client into it
//! through progenitor's hooks.
//!
//! This module is also the contract with the generator (`altegio-codegen`): generated
//! code calls `typed`, `untyped`, `check_decode`, `encode_path`, `CallOptions`, `Result`,
//! `Paged`, `Page`, `total_of`, `pages`, `items` and `Stream` through `crate::runtime`.

pub(crate) mod builder;
pub(crate) mod config;
pub(crate) mod credentials;
pub(crate) mod error;
pub(crate) mod hooks;
pub(crate) mod limit;
#[cfg(feature = "mock")]
pub mod mock;
pub(crate) mod operation;
pub(crate) mod paginate;
pub(crate) mod pipeline;
pub(crate) mod secret;
pub(crate) mod url_policy;

pub use operation::Operation;

// What generated code calls: a single area may leave some of it unused.
#[cfg_attr(not(feature = "b2b"), allow(unused_imports))]
pub(crate) use {
    crate::wire::IntoOptional,
    error::Result,
    futures_core::Stream,
    paginate::{Page, Paged, items, pages, total_of},
    pipeline::{CallOptions, check_decode, typed, untyped},
    url_policy::encode_path,
};

/// Every operation of every enabled API (the mock serves them all).
#[cfg_attr(not(feature = "mock"), allow(dead_code))]
pub(crate) fn all_operations() -> Vec<&'static Operation> {
    let mut out: Vec<&'static Operation> = Vec::new();
    #[cfg(altegio_b2b)]
    out.extend(crate::b2b::operations::all());
    #[cfg(altegio_booking)]
    out.extend(crate::booking::operations::all());
    #[cfg(altegio_devtools)]
    out.extend(crate::devtools::operations::all());
    out
}

/// The facts of an operation of any enabled API, by its operationId.
pub(crate) fn find_operation(id: &str) -> Option<&'static Operation> {
    #[cfg(altegio_b2b)]
    if let Some(op) = crate::b2b::operations::find(id) {
        return Some(op);
    }
    #[cfg(altegio_booking)]
    if let Some(op) = crate::booking::operations::find(id) {
        return Some(op);
    }
    #[cfg(altegio_devtools)]
    if let Some(op) = crate::devtools::operations::find(id) {
        return Some(op);
    }
    let _ = id;
    None
}
