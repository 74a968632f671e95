//! Rewrites of progenitor's output, one file each, applied in this order:
//!
//! - [`send`]: each builder's `send` becomes the crate-private `send_raw`; a public `send`
//!   (and `send_with`) runs it through the runtime, which maps every outcome to the
//!   client's one error type; the tables `decode_success`, `request_schema` and
//!   `response_schema` are added.
//! - [`paging`]: paged list builders get `pages()` and `stream()`.
//! - [`optional_setters`]: optional fields' setters in `types::builder` take the plain
//!   value (`.surname("Lovelace")`), through the runtime's `IntoOptional`.
//! - [`prune_builders`]: `types::builder::X` only for types that are sent.
//! - [`reply_enums`]: an enumeration in a type no request reaches (a reply, an inbound
//!   event) becomes the runtime's `OrUnknown<E>`, so a new server value still decodes.
//! - [`update_from`]: the body of a full-replacement update converts from the entity a
//!   reply carries (`x-altegio-update-from`), through the wire module's `FromReply`.
//! - [`constructors`]: `X::new(required fields)` for schemas marked
//!   `x-altegio-constructor: true` (the shapes of an alternative body).
//! - [`limits`]: request limits typify ignores (`minimum`, `maximum`, `multipleOf`,
//!   `minItems`, `maxItems`) checked in `send_raw` before anything is sent.
//! - [`paths`]: path parameters are encoded by the runtime's `encode_path`, which also
//!   encodes `.` and `..` segments that URL normalisation would otherwise resolve.
//! - [`raw_gen`]: typify's `gen` identifier (a keyword since edition 2024) becomes `r#gen`.
//! - [`docs`]: doc comments on every operation-builder setter (from the parameter's
//!   description) and on every field that typify left without one (from the property's
//!   description next to a `$ref`).
//! - [`surface`]: what users meet: `#[must_use]` on builders, the generated constructors
//!   hidden, the client's doc comment replaced.
//!
//! Each has golden tests in `tests/golden.rs`.

pub mod constructors;
pub mod docs;
pub mod limits;
pub mod optional_setters;
pub mod paging;
pub mod paths;
pub mod prune_builders;
pub mod raw_gen;
pub mod reply_enums;
pub mod send;
pub mod surface;
pub mod update_from;

use crate::Settings;
use serde_json::Value;
use std::collections::BTreeSet;

/// Applies every rewrite.
pub fn apply(
    file: &mut syn::File,
    doc: &Value,
    builder_roots: &BTreeSet<String>,
    settings: &Settings,
) -> Result<(), String> {
    let runtime: syn::Path =
        syn::parse_str(&settings.runtime).map_err(|e| format!("the runtime path `{}`: {e}", settings.runtime))?;
    let tables = send::apply(file, &runtime)?;
    let lists: BTreeSet<String> = crate::prepare::paged_schemas(doc).into_iter().map(|(list, _, _)| list).collect();
    paging::apply(file, &lists, &runtime);
    prune_builders::apply(file, builder_roots);
    optional_setters::apply(file, &runtime);
    let wire: syn::Path = syn::parse_quote!(crate::wire);
    reply_enums::apply(file, &wire);
    update_from::apply(file, doc, &wire)?;
    constructors::apply(file, doc)?;
    limits::apply(file, doc, &wire);
    paths::apply(file, &runtime);
    raw_gen::apply(file);
    docs::apply(file, doc);
    surface::apply(file, &settings.client_doc);
    file.items.extend(tables);
    Ok(())
}

/// The items of the generated module `name` (`builder`, `types`), if there is one.
pub(crate) fn module_items<'a>(file: &'a mut syn::File, name: &str) -> Option<&'a mut Vec<syn::Item>> {
    file.items.iter_mut().find_map(|i| match i {
        syn::Item::Mod(m) if m.ident == name => m.content.as_mut().map(|(_, items)| items),
        _ => None,
    })
}

/// The last identifier of a type path (`types::builder::X` → `X`).
pub(crate) fn subject(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(p) = ty else { return None };
    Some(p.path.segments.last()?.ident.to_string())
}

/// Adds the last identifier of every path in a type (generic arguments included) to `out`.
pub(crate) fn type_names(ty: &syn::Type, out: &mut std::collections::BTreeSet<String>) {
    struct V<'a>(&'a mut std::collections::BTreeSet<String>);
    impl<'ast> syn::visit::Visit<'ast> for V<'_> {
        fn visit_path(&mut self, p: &'ast syn::Path) {
            if let Some(last) = p.segments.last() {
                self.0.insert(last.ident.to_string());
            }
            syn::visit::visit_path(self, p);
        }
    }
    syn::visit::Visit::visit_type(&mut V(out), ty);
}
