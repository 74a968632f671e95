//! The spec as `cargo xtask` reads it: the same functions as the build script's, from
//! the `altegio-codegen` crate.

#[cfg(test)]
pub use altegio_codegen::load::merge;
pub use altegio_codegen::load::{AREAS_DIR, ROOT_FILE, Spec, load, load_all, parse_yaml};
pub use altegio_codegen::model::{
    METHODS, Operation, collect_refs, esc, operations, reachable, success_response, tag_areas,
};
pub use altegio_codegen::prepare::{OR_EMPTY_SUFFIX, REPLACEMENTS, or_empty_target, prepare};
pub use altegio_codegen::{Settings, SpecError};

/// Runs the generator on a prepared document with the settings of the API `api`.
pub fn generate(spec: &Spec, api: &str, doc: &serde_json::Value) -> Result<String, SpecError> {
    altegio_codegen::generate::generate(spec, doc, &Settings::for_api(api))
}
