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
    let dir = root.join("openapi").join("b2b");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed={}", dir.join(spec::AREAS_DIR).display());
    println!("cargo:rerun-if-changed=xtask/src/spec.rs");
    let loaded = spec::load(&dir)?;
    for f in &loaded.files {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    // One cargo feature per area (`locations`, `clients`...): only enabled areas are generated.
    let enabled: std::collections::BTreeSet<String> = spec::tag_areas(&loaded.doc)
        .into_values()
        .filter(|area| std::env::var_os(format!("CARGO_FEATURE_{}", area.to_uppercase().replace('-', "_"))).is_some())
        .collect();
    let doc = spec::prepare(&loaded, Some(&enabled));
    let schemars = std::env::var_os("CARGO_FEATURE_SCHEMARS").is_some();
    let derives: &[&str] = if schemars { &["schemars::JsonSchema"] } else { &[] };
    let code = spec::generate(&loaded, &doc, derives)?;
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    std::fs::write(out.join("altegio.rs"), code)?;
    let mut table = operations_table(&loaded.doc, &doc);
    if schemars {
        table.push_str(&spec_schemas(&doc));
    }
    std::fs::write(out.join("operations.rs"), table)?;
    std::fs::write(out.join("every_operation.rs"), every_operation(&doc))?;
    Ok(())
}

/// With the `schemars` feature: the spec's own schema of each JSON request body (to
/// check the generated types against) and of each quirk schema (the JSON Schema of the
/// handwritten wire types), as JSON text.
fn spec_schemas(doc: &serde_json::Value) -> String {
    let component = |name: &str| doc.pointer(&format!("/components/schemas/{}", spec::esc(name))).cloned();
    let mut s =
        String::from("#[cfg(feature = \"schemars\")]\npub(crate) static SPEC_REQUEST_SCHEMAS: &[(&str, &str)] = &[\n");
    for op in spec::operations(doc) {
        let Some(node) = doc.pointer(&op.pointer) else { continue };
        let target = node
            .pointer("/requestBody/content/application~1json/schema/$ref")
            .and_then(|r| r.as_str())
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
            .and_then(component);
        if let Some(schema) = target {
            let _ = writeln!(s, "    ({:?}, {:?}),", op.id, schema.to_string());
        }
    }
    s.push_str("];\n#[cfg(feature = \"schemars\")]\npub(crate) static QUIRK_SCHEMAS: &[(&str, &str)] = &[\n");
    for (name, _) in spec::REPLACEMENTS {
        let Some(mut schema) = component(name) else { continue };
        inline_refs(&mut schema, &component);
        let _ = writeln!(s, "    ({name:?}, {:?}),", schema.to_string());
    }
    s.push_str("];\n");
    s
}

/// Replaces `$ref`s to components by the components themselves (the quirk schemas only
/// refer to each other, one level deep).
fn inline_refs(v: &mut serde_json::Value, component: &dyn Fn(&str) -> Option<serde_json::Value>) {
    match v {
        serde_json::Value::Object(m) => {
            let target = m.get("$ref").and_then(|r| r.as_str()).and_then(|r| r.strip_prefix("#/components/schemas/"));
            if let Some(found) = target.and_then(component) {
                *v = found;
                return;
            }
            m.values_mut().for_each(|x| inline_refs(x, component));
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| inline_refs(x, component)),
        _ => {}
    }
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
             needs_user_token: {}, success_status: {}, deprecated: {}, handwritten: {}, example: {} }},",
            op.id,
            op.method,
            op.path,
            op.tag,
            op.area,
            op.summary,
            op.needs_user,
            op.status,
            op.deprecated,
            op.handwritten,
            example
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

/// `call_every_operation(client, id)`: calls an operation through its generated builder
/// with every required parameter and a minimal valid body, for the tests that exercise
/// every operation over loopback.
fn every_operation(doc: &serde_json::Value) -> String {
    use serde_json::Value;
    // One small function per operation: a single function with every call in it would
    // need megabytes of stack in debug builds.
    let mut s = String::from(
        "type CallFuture<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = altegio::Result<()>> + 'a>>;\n\
         type CallFn = for<'a> fn(&'a altegio::Client) -> CallFuture<'a>;\n",
    );
    let mut table = String::from("static CALLS: &[(&str, CallFn)] = &[\n");
    for op in spec::operations(doc) {
        let Some(node) = doc.pointer(&op.pointer) else { continue };
        let item = op.pointer.rsplit_once('/').map(|(a, _)| a).unwrap_or_default();
        let mut call = format!("client.{}()", op.id);
        let params: Vec<Value> = [doc.pointer(&format!("{item}/parameters")), node.get("parameters")]
            .into_iter()
            .flatten()
            .filter_map(Value::as_array)
            .flatten()
            .filter_map(|p| resolve(doc, p).cloned())
            .collect();
        for p in params {
            let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
            if !required {
                continue;
            }
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
            let schema = p.get("schema").and_then(|sc| resolve(doc, sc)).cloned().unwrap_or(Value::Null);
            let _ = write!(call, ".{}({})", setter_name(name), literal(doc, &schema));
        }
        if let Some(name) = node
            .pointer("/requestBody/content")
            .and_then(Value::as_object)
            .and_then(|c| c.values().next())
            .and_then(|r| r.pointer("/schema/$ref"))
            .and_then(Value::as_str)
            .and_then(|x| x.rsplit('/').next())
        {
            let sample = sample_json(doc, &serde_json::json!({"$ref": format!("#/components/schemas/{name}")}), 0);
            let _ = write!(
                call,
                ".body(serde_json::from_value::<altegio::types::{name}>(serde_json::json!({sample})).expect(\"sample body of {}\"))",
                op.id
            );
        }
        let _ = writeln!(
            s,
            "fn call_{id}(client: &altegio::Client) -> CallFuture<'_> {{\n    Box::pin(async move {{ {call}.send_with(altegio::CallOptions::new().allow_entire_client_base()).await.map(|_| ()) }})\n}}",
            id = op.id
        );
        let _ = writeln!(table, "    ({:?}, call_{}),", op.id, op.id);
    }
    table.push_str("];\n");
    s.push_str(&table);
    s.push_str(
        "/// Calls one operation with sample arguments; `None` for an unknown id.\n\
         pub async fn call_every_operation(client: &altegio::Client, op: &str) -> Option<altegio::Result<()>> {\n    \
         let call = CALLS.iter().find(|(id, _)| *id == op)?.1;\n    Some(call(client).await)\n}\n",
    );
    s
}

fn resolve<'a>(doc: &'a serde_json::Value, v: &'a serde_json::Value) -> Option<&'a serde_json::Value> {
    match v.get("$ref").and_then(serde_json::Value::as_str) {
        Some(r) => doc.pointer(r.strip_prefix('#')?),
        None => Some(v),
    }
}

/// progenitor's setter name for a parameter: snake case, keywords and brackets handled.
fn setter_name(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower {
                out.push('_');
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            out.push(c.to_ascii_lowercase());
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    let out = out.trim_end_matches('_').to_string();
    match out.as_str() {
        "type" | "match" | "self" | "ref" | "where" | "in" | "for" | "move" | "use" | "loop" => format!("{out}_"),
        _ => out,
    }
}

/// A Rust literal accepted by a setter of this parameter schema.
fn literal(doc: &serde_json::Value, schema: &serde_json::Value) -> String {
    use serde_json::Value;
    let schema = resolve(doc, schema).unwrap_or(schema);
    let ty = schema.get("type").and_then(Value::as_str).unwrap_or("string");
    let format = schema.get("format").and_then(Value::as_str).unwrap_or_default();
    if let Some(first) = schema.get("enum").and_then(Value::as_array).and_then(|e| e.first()) {
        return match first {
            Value::String(v) => format!("{v:?}"),
            other => other.to_string(),
        };
    }
    match (ty, format) {
        ("integer", "int32") => "7i32".into(),
        ("integer", _) => "7i64".into(),
        ("number", _) => "7.5f64".into(),
        ("boolean", _) => "true".into(),
        ("string", "date") => "chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()".into(),
        ("string", "date-time") => "chrono::DateTime::<chrono::Utc>::from_timestamp(1_768_471_200, 0).unwrap()".into(),
        ("array", _) => {
            let item = schema.get("items").cloned().unwrap_or(Value::Null);
            format!("vec![{}]", literal(doc, &item))
        }
        _ => "\"7\"".into(),
    }
}

/// A minimal JSON value that fits the schema (required properties only).
fn sample_json(doc: &serde_json::Value, schema: &serde_json::Value, depth: usize) -> serde_json::Value {
    use serde_json::{Value, json};
    if depth > 12 {
        return Value::Null;
    }
    let schema = resolve(doc, schema).unwrap_or(schema);
    if let Some(first) = schema.get("enum").and_then(Value::as_array).and_then(|e| e.first()) {
        return first.clone();
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        let mut out = serde_json::Map::new();
        for part in all {
            if let Value::Object(m) = sample_json(doc, part, depth + 1) {
                out.extend(m);
            }
        }
        return Value::Object(out);
    }
    if let Some(first) =
        schema.get("oneOf").or_else(|| schema.get("anyOf")).and_then(Value::as_array).and_then(|a| a.first())
    {
        return sample_json(doc, first, depth + 1);
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("object") | None if schema.get("properties").is_some() => {
            let mut out = serde_json::Map::new();
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for (k, v) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
                if required.contains(&k.as_str()) {
                    out.insert(k.clone(), sample_json(doc, v, depth + 1));
                }
            }
            Value::Object(out)
        }
        Some("object") => json!({}),
        Some("array") => json!([]),
        Some("integer") => json!(7),
        Some("number") => json!(7.5),
        Some("boolean") => json!(true),
        Some("string") => match schema.get("format").and_then(Value::as_str) {
            Some("date") => json!("2026-01-15"),
            Some("date-time") => json!("2026-01-15T10:00:00Z"),
            _ => json!("7"),
        },
        _ => Value::Null,
    }
}
