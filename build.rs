//! Generates the typed client from the OpenAPI document in `openapi/`.
//!
//! The document is read and merged by `xtask/src/spec.rs` (shared with `cargo xtask`),
//! handed to progenitor, and written to `$OUT_DIR/altegio.rs`; a table of the operations
//! goes to `$OUT_DIR/operations.rs`. Any problem stops the build with the file and the
//! JSON pointer of the part of the spec at fault.

#[path = "xtask/src/spec.rs"]
mod spec;

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    if let Err(e) = run() {
        // One clear line instead of a backtrace; cargo shows it as the build error.
        eprintln!("error: the OpenAPI spec cannot be compiled into a client\n  {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let dir = root.join("openapi");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed={}", dir.join(spec::AREAS_DIR).display());
    println!("cargo:rerun-if-changed=xtask/src/spec.rs");
    let loaded = spec::load(&dir)?;
    for f in &loaded.files {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    let doc = spec::prepare(&loaded, None);
    let code = spec::generate(&loaded, &doc)?;
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    std::fs::write(out.join("altegio.rs"), code)?;
    std::fs::write(out.join("operations.rs"), operations_table(&loaded.doc, &doc))?;
    Ok(())
}

/// `static OPERATIONS: &[Operation]`, sorted by operation id for binary search.
/// Facts come from the document as written (`full`), the selection from the prepared one.
fn operations_table(full: &serde_json::Value, prepared: &serde_json::Value) -> String {
    let mock = std::env::var_os("CARGO_FEATURE_MOCK").is_some();
    let kept: std::collections::BTreeSet<String> = spec::operations(prepared).into_iter().map(|o| o.id).collect();
    let mut ops: Vec<_> =
        spec::operations(full).into_iter().filter(|o| kept.contains(&o.id) || o.handwritten).collect();
    ops.sort_by(|a, b| a.id.cmp(&b.id));
    let mut s =
        String::from("/// Every generated operation, sorted by id.\npub static OPERATIONS: &[Operation] = &[\n");
    for op in &ops {
        let example = match (&op.example, mock) {
            (Some(ex), true) => format!("Some({ex:?})"),
            _ => "None".to_string(),
        };
        let _ = writeln!(
            s,
            "    Operation {{ id: {:?}, method: {:?}, path: {:?}, tag: {:?}, area: {:?}, summary: {:?}, \
             needs_user_token: {}, success_status: {}, deprecated: {}, example: {} }},",
            op.id, op.method, op.path, op.tag, op.area, op.summary, op.needs_user, op.status, op.deprecated, example
        );
    }
    s.push_str("];\n");
    for (list, item, nullable) in spec::paged_schemas(prepared) {
        let items = if nullable { "self.data.unwrap_or_default()" } else { "self.data" };
        let _ = writeln!(
            s,
            "impl crate::Paged for crate::types::{list} {{\n    type Item = crate::types::{item};\n    \
             fn into_page(self) -> crate::Page<Self::Item> {{\n        \
             crate::Page {{ total: crate::paginate::total_of(self.meta.as_ref()), items: {items} }}\n    }}\n}}"
        );
    }
    s
}
