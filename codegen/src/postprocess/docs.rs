//! Doc comments where progenitor and typify leave none.
//!
//! - Operation-builder setters: progenitor writes none. Each setter is matched to its
//!   parameter through progenitor's casing ([`crate::casing::snake`]) and gets the
//!   parameter's description, its format (dates), its allowed values and whether it is
//!   required. `body` and `body_map` get a line naming the body type.
//! - Type fields: typify documents a field from its property's `description`, except
//!   when the property is a `$ref` (OpenAPI 3.0 reads nothing beside a `$ref`). Those get
//!   the description written beside the `$ref`, or else the referenced schema's own.

use crate::casing::{pascal, snake};
use crate::model::{operations, parameters, resolve};
use serde_json::Value;
use std::collections::BTreeMap;

/// Adds the missing doc comments.
pub fn apply(file: &mut syn::File, doc: &Value) {
    setters(file, doc);
    fields(file, doc);
}

fn has_doc(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("doc"))
}

fn doc_attrs(text: &str) -> Vec<syn::Attribute> {
    text.lines()
        .map(|line| {
            let line = format!(" {line}");
            syn::parse_quote!(#[doc = #line])
        })
        .collect()
}

/// What a schema adds to a description: format, allowed values.
pub fn schema_facts(schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    match schema.get("format").and_then(Value::as_str) {
        Some("date") => out.push("A date, `YYYY-MM-DD`.".to_string()),
        Some("date-time") => out.push("A date and time with its UTC offset (RFC 3339).".to_string()),
        _ => {}
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let list: Vec<String> = values
            .iter()
            .map(|v| match v {
                Value::String(s) => format!("`{s}`"),
                other => format!("`{other}`"),
            })
            .collect();
        out.push(format!("One of {}.", list.join(", ")));
    }
    if let Some(items) = schema.get("items")
        && schema.get("type").and_then(Value::as_str) == Some("array")
    {
        for fact in schema_facts(items) {
            out.push(format!("Each item: {}{}", fact[..1].to_lowercase(), &fact[1..]));
        }
    }
    out
}

fn setters(file: &mut syn::File, doc: &Value) {
    // Builder name -> setter name -> doc text.
    let mut by_builder: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for op in operations(doc) {
        let mut setters = BTreeMap::new();
        for p in parameters(doc, &op.pointer).into_iter().flatten() {
            let mut text = p.description().trim().to_string();
            if text.is_empty() {
                text = format!("The `{}` {} parameter.", p.name, p.location);
            }
            let schema = p.schema(doc).cloned().unwrap_or(Value::Null);
            let mut facts = schema_facts(&schema);
            facts.push(if p.required {
                format!("Required ({} parameter `{}`).", p.location, p.name)
            } else {
                format!("Optional ({} parameter `{}`).", p.location, p.name)
            });
            setters.insert(snake(&p.name), format!("{text}\n\n{}", facts.join(" ")));
        }
        let node = doc.pointer(&op.pointer).cloned().unwrap_or(Value::Null);
        if let Some(body) =
            node.pointer("/requestBody/content").and_then(Value::as_object).and_then(|c| c.values().next())
        {
            let name = body.pointer("/schema/$ref").and_then(Value::as_str).and_then(|r| r.rsplit('/').next());
            let ty =
                name.map(|n| format!("[`types::{0}`](super::types::{0})", pascal(n))).unwrap_or("the body type".into());
            let required = node.pointer("/requestBody/required").and_then(Value::as_bool).unwrap_or(false);
            let what = if required { "Required" } else { "Optional" };
            setters.insert("body".into(), format!("The request body: {ty}, or its builder. {what}."));
            setters.insert(
                "body_map".into(),
                format!("Changes the request body ({ty}) through its builder, starting from the body set so far."),
            );
        }
        by_builder.insert(pascal(&op.id), setters);
    }
    let Some(items) = super::module_items(file, "builder") else { return };
    for item in items.iter_mut() {
        let syn::Item::Impl(imp) = item else { continue };
        if imp.trait_.is_some() {
            continue;
        }
        let Some(setters) = super::subject(&imp.self_ty).and_then(|b| by_builder.get(&b)) else { continue };
        for it in imp.items.iter_mut() {
            let syn::ImplItem::Fn(f) = it else { continue };
            if has_doc(&f.attrs) || !matches!(f.vis, syn::Visibility::Public(_)) {
                continue;
            }
            let name = f.sig.ident.to_string();
            let name = name.strip_prefix("r#").unwrap_or(&name);
            if let Some(text) = setters.get(name) {
                let mut attrs = doc_attrs(text);
                attrs.append(&mut f.attrs);
                f.attrs = attrs;
            } else if name == "new" {
                f.attrs.insert(
                    0,
                    syn::parse_quote!(#[doc = " A builder with no parameter set yet; the client's method gives one."]),
                );
            }
        }
    }
}

/// The properties of a schema, through `allOf` and `$ref`s: name -> property schema.
fn properties<'a>(doc: &'a Value, schema: &'a Value, out: &mut BTreeMap<String, &'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    let Some(schema) = resolve(doc, schema) else { return };
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (k, v) in props {
            out.entry(k.clone()).or_insert(v);
        }
    }
    for part in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        properties(doc, part, out, depth + 1);
    }
}

fn property_doc(doc: &Value, prop: &Value) -> Option<String> {
    let own = prop.get("description").and_then(Value::as_str).map(str::trim).filter(|d| !d.is_empty());
    let target = resolve(doc, prop).filter(|t| !std::ptr::eq(*t, prop));
    let text = own.or_else(|| target.and_then(|t| t.get("description")).and_then(Value::as_str).map(str::trim))?;
    let mut facts = schema_facts(target.unwrap_or(prop));
    facts.retain(|f| !text.contains(f.as_str()));
    Some(if facts.is_empty() { text.to_string() } else { format!("{text}\n\n{}", facts.join(" ")) })
}

/// The wire name of a field: its `#[serde(rename = "...")]`, else its identifier.
fn wire_name(field: &syn::Field) -> Option<String> {
    for a in &field.attrs {
        if !a.path().is_ident("serde") {
            continue;
        }
        let mut found = None;
        let _ = a.parse_nested_meta(|m| {
            if m.path.is_ident("rename") {
                let s: syn::LitStr = m.value()?.parse()?;
                found = Some(s.value());
            } else if let Ok(v) = m.value() {
                let _: Option<syn::Expr> = v.parse().ok();
            }
            Ok(())
        });
        if found.is_some() {
            return found;
        }
    }
    let ident = field.ident.as_ref()?.to_string();
    Some(ident.strip_prefix("r#").unwrap_or(&ident).to_string())
}

fn fields(file: &mut syn::File, doc: &Value) {
    let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) else { return };
    let by_type: BTreeMap<String, &Value> = schemas.iter().map(|(k, v)| (pascal(k), v)).collect();
    let Some(items) = super::module_items(file, "types") else { return };
    for item in items.iter_mut() {
        let syn::Item::Struct(st) = item else { continue };
        let Some(schema) = by_type.get(&st.ident.to_string()) else { continue };
        let mut props = BTreeMap::new();
        properties(doc, schema, &mut props, 0);
        for field in st.fields.iter_mut() {
            if has_doc(&field.attrs) {
                continue;
            }
            let Some(text) = wire_name(field).and_then(|n| props.get(&n).and_then(|p| property_doc(doc, p))) else {
                continue;
            };
            let mut attrs = doc_attrs(&text);
            attrs.append(&mut field.attrs);
            field.attrs = attrs;
        }
    }
}
