//! The generator behind the [`altegio`](https://docs.rs/altegio) crate.
//!
//! It reads the hand-maintained OpenAPI 3.0 document of one Altegio API (a folder
//! `openapi/<api>/` with a root `openapi.yaml` and one file per area), checks and prepares
//! it, runs [progenitor](https://docs.rs/progenitor) on it and rewrites progenitor's output
//! where the client crate's runtime takes part. `altegio`'s build script calls
//! [`build_api`]; its `cargo xtask` uses the same functions for the lint, the coverage
//! report and the tables, so every task reads a spec the same way.
//!
//! - [`load`](mod@load): read and merge a spec folder, every error naming its file and JSON pointer.
//! - [`model`]: the one model of an operation and the spec-walking helpers.
//! - [`casing`]: progenitor's identifiers.
//! - [`prepare`]: the document progenitor is given.
//! - [`generate`]: progenitor, with its errors and panics narrowed to one operation.
//! - [`postprocess`]: the rewrites of progenitor's output, one module each.
//! - [`tables`]: the operation table and the test scaffolding.
//!
//! The generated code names the client crate's runtime through [`Settings::runtime`]:
//! `typed`, `untyped`, `check_decode`, `encode_path`, `CallOptions`, `Result`, `Paged`,
//! `Page`, `total_of`, `pages`, `items` and `Stream` must be reachable there, and the wire
//! types under `crate::wire`.

pub mod casing;
mod error;
pub mod generate;
pub mod load;
pub mod model;
pub mod postprocess;
pub mod prepare;
pub mod tables;

pub use error::SpecError;
pub use load::{Spec, load, load_all};
pub use model::{Operation, Parameter, operations};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// How the generated code fits into the client crate.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The module path where the generated code is included (`crate::b2b::generated`).
    pub module: String,
    /// The module path users name (`altegio::b2b`), for the test scaffolding.
    pub public_module: String,
    /// progenitor's inner type, carried by the generated client (`crate::b2b::Context`).
    pub inner_type: String,
    /// The module path of the runtime the generated code calls (`crate::runtime`).
    pub runtime: String,
    /// Extra derives on every generated type: `PartialEq` by default (so tests can compare
    /// replies), plus e.g. `schemars::JsonSchema`.
    pub derives: Vec<String>,
    /// The generated client's doc comment (empty: progenitor's own).
    pub client_doc: String,
}

impl Settings {
    /// The settings for the API whose module is `crate::<api>`.
    pub fn for_api(api: &str) -> Self {
        Settings {
            module: format!("crate::{api}::generated"),
            public_module: format!("altegio::{api}"),
            inner_type: format!("crate::{api}::Context"),
            runtime: "crate::runtime".into(),
            derives: vec!["PartialEq".into()],
            client_doc: String::new(),
        }
    }
}

/// What [`build_api`] writes, as Rust source.
#[derive(Debug, Clone)]
pub struct Output {
    /// The client: progenitor's output, rewritten.
    pub client: String,
    /// `OPERATIONS` and the `Paged` impls (see [`tables::operations_table`]).
    pub operations: String,
    /// The spec's own schemas (see [`tables::spec_schemas`]); empty unless asked for.
    pub spec_schemas: String,
    /// The every-operation scaffolding for tests (see [`tables::every_operation`]).
    pub every_operation: String,
    /// Every file read, for `cargo:rerun-if-changed`.
    pub files: Vec<PathBuf>,
}

/// What a build asks of [`build_api`].
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The areas to generate; `None` for all.
    pub areas: Option<BTreeSet<String>>,
    /// Put the success examples in the operation table (the mock serves them).
    pub examples: bool,
    /// Produce [`Output::spec_schemas`].
    pub spec_schemas: bool,
}

/// Loads the spec folder `dir`, generates the client and its tables.
pub fn build_api(dir: &Path, settings: &Settings, request: &Request) -> Result<Output, SpecError> {
    let spec = load(dir)?;
    let doc = prepare::prepare(&spec, request.areas.as_ref());
    let wrap = |e: String| SpecError::file(spec.root_file.clone(), e);
    let client = generate::generate(&spec, &doc, settings)?;
    Ok(Output {
        client,
        operations: tables::operations_table(&spec.doc, &doc, settings, request.examples).map_err(wrap)?,
        spec_schemas: if request.spec_schemas { tables::spec_schemas(&doc).map_err(wrap)? } else { String::new() },
        every_operation: tables::every_operation(&doc, &settings.public_module).map_err(wrap)?,
        files: spec.files.clone(),
    })
}
