//! From the spec as written to the document progenitor is given: the enabled areas only,
//! success codes widened, the docs completed, unused components dropped.

use crate::load::Spec;
use crate::model::{METHODS, Operation, collect_refs, esc, operations, reachable, schema_ref, success_response};
use serde_json::Value;
use std::collections::BTreeSet;

/// Named quirk schemas and the handwritten Rust types of the client crate that replace them.
pub const REPLACEMENTS: &[(&str, &str)] = &[
    ("FlexBool", "crate::wire::FlexBool"),
    ("FlexInt", "crate::wire::FlexInt"),
    ("FlexNumber", "crate::wire::FlexNumber"),
    ("FlexString", "crate::wire::FlexString"),
    ("FlexDateTime", "crate::wire::FlexDateTime"),
    ("FlexDate", "crate::wire::FlexDate"),
    ("Meta", "crate::wire::Meta"),
    ("EmptyArray", "crate::wire::EmptyArray"),
    ("SmsDeliveryStatus", "crate::wire::SmsDeliveryStatus"),
    ("ErrorEnvelope", "crate::ApiErrorBody"),
    ("Secret", "crate::Secret"),
    ("Flag", "crate::wire::Flag"),
];

/// Suffix of schemas `XOrEmpty` (`oneOf: [X, EmptyArray]`), replaced by `OrEmpty<X>`.
pub const OR_EMPTY_SUFFIX: &str = "OrEmpty";

/// Produces the document progenitor is given: only the enabled areas (all if `None`),
/// no handwritten operations, every success code widened to `2XX`, the docs completed,
/// and no schema left that nothing uses.
pub fn prepare(spec: &Spec, enabled: Option<&BTreeSet<String>>) -> Value {
    let mut doc = spec.doc.clone();
    let ops = operations(&doc);
    let keep: BTreeSet<String> = ops
        .iter()
        .filter(|o| !o.handwritten && enabled.is_none_or(|e| e.contains(&o.area)))
        .map(|o| o.pointer.clone())
        .collect();
    // Handwritten operations are not generated, but their reply types are.
    let mut extra_roots = BTreeSet::new();
    for o in ops.iter().filter(|o| o.handwritten && enabled.is_none_or(|e| e.contains(&o.area))) {
        if let Some((_, resp)) = doc.pointer(&o.pointer).and_then(success_response) {
            collect_refs(resp, &mut extra_roots);
        }
    }
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            item.retain(|method, _| {
                !METHODS.contains(&method.as_str()) || keep.contains(&format!("/paths/{}/{}", esc(path), method))
            });
            for (method, op) in item.iter_mut() {
                if !METHODS.contains(&method.as_str()) {
                    continue;
                }
                complete_docs(op, &ops, &format!("/paths/{}/{}", esc(path), method));
                widen_success(op);
            }
        }
        paths.retain(|_, item| item.as_object().is_some_and(|i| i.keys().any(|k| METHODS.contains(&k.as_str()))));
    }
    prune_components(&mut doc, extra_roots);
    doc
}

fn complete_docs(op: &mut Value, ops: &[Operation], pointer: &str) {
    let Some(info) = ops.iter().find(|o| o.pointer == pointer) else {
        return;
    };
    let mut extra = Vec::new();
    extra.push(if info.needs_user {
        "Authorization: partner token and user token (`Bearer <partner>, User <user>`).".to_string()
    } else {
        "Authorization: partner token (`Bearer <partner>`); a user token is sent too when the client has one."
            .to_string()
    });
    extra.push(format!("Success status: {}.", info.status));
    if let Some(url) = &info.docs_url {
        extra.push(format!("Official documentation: <{url}>"));
    }
    let Some(map) = op.as_object_mut() else {
        return;
    };
    let base = map.get("description").and_then(Value::as_str).unwrap_or_default().to_string();
    let text = if base.is_empty() { extra.join("\n\n") } else { format!("{base}\n\n{}", extra.join("\n\n")) };
    map.insert("description".into(), Value::String(text));
}

fn widen_success(op: &mut Value) {
    let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
        return;
    };
    let codes: Vec<String> = responses.keys().filter(|c| c.starts_with('2')).cloned().collect();
    if codes.len() == 1
        && let Some(resp) = responses.remove(&codes[0])
    {
        responses.insert("2XX".into(), resp);
    }
}

/// Drops components that no kept operation reaches (quirk schemas and inbound schemas
/// always stay; `extra_roots` are the reply types of handwritten operations).
fn prune_components(doc: &mut Value, extra_roots: BTreeSet<String>) {
    let mut roots = extra_roots;
    if let Some(paths) = doc.get("paths") {
        collect_refs(paths, &mut roots);
    }
    for (name, _) in REPLACEMENTS {
        roots.insert(format!("schemas/{name}"));
    }
    // Inbound types (what Altegio sends to integrators) are used by no operation.
    for name in inbound_schemas(doc) {
        roots.insert(format!("schemas/{name}"));
    }
    let reached = reachable(doc, roots);
    if let Some(comps) = doc.get_mut("components").and_then(Value::as_object_mut) {
        for kind in ["schemas", "parameters", "responses", "requestBodies"] {
            if let Some(items) = comps.get_mut(kind).and_then(Value::as_object_mut) {
                items.retain(|name, _| reached.contains(&format!("{kind}/{name}")));
            }
        }
    }
}

/// Schemas marked `x-altegio-inbound` (`true`, or the official operationId of the inbound
/// entry they describe, such as `webhook_salon`): what Altegio sends to an integrator.
pub fn inbound_schemas(doc: &Value) -> Vec<String> {
    doc.pointer("/components/schemas")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, s)| match s.get("x-altegio-inbound") {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(id)) => !id.is_empty(),
            _ => false,
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// The `(schema name, Rust type)` replacements for a prepared document; `types` is the
/// module path of the generated types (`OrEmpty<X>` names `X` through it).
pub fn replacements(doc: &Value, types: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = REPLACEMENTS.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    if let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) {
        for name in schemas.keys() {
            if let Some(inner) = or_empty_target(name, doc) {
                out.push((name.clone(), format!("crate::wire::OrEmpty<{types}::{inner}>")));
            }
        }
    }
    out
}

/// For a schema `XOrEmpty` shaped `oneOf: [$ref X, $ref EmptyArray]`, returns `X`.
pub fn or_empty_target(name: &str, doc: &Value) -> Option<String> {
    let base = name.strip_suffix(OR_EMPTY_SUFFIX)?;
    let schema = doc.pointer(&format!("/components/schemas/{}", esc(name)))?;
    let one_of = schema.get("oneOf")?.as_array()?;
    let refs: Vec<&str> = one_of.iter().filter_map(schema_ref).collect();
    (one_of.len() == 2 && refs.len() == 2 && refs.iter().all(|r| *r == base || *r == "EmptyArray"))
        .then(|| base.to_string())
}

/// Schemas that keep a `types::builder::X`: every schema a request body refers to, and
/// every `x-altegio-inbound` schema (the bodies of webhooks and of the SMS-provider
/// flow, which users build in their tests and replies). Generated inline bodies are
/// added by the post-processor from the operation builders.
pub fn builder_roots(doc: &Value) -> BTreeSet<String> {
    let mut refs = BTreeSet::new();
    for item in doc.get("paths").and_then(Value::as_object).into_iter().flat_map(|p| p.values()) {
        for op in item.as_object().into_iter().flat_map(|i| i.values()) {
            if let Some(body) = op.get("requestBody") {
                collect_refs(body, &mut refs);
            }
        }
    }
    let mut out: BTreeSet<String> =
        refs.into_iter().filter_map(|r| r.strip_prefix("schemas/").map(str::to_string)).collect();
    out.extend(inbound_schemas(doc));
    out
}

/// List replies: `(response schema, item schema, data nullable)` for every schema shaped
/// `allOf: [$ref Envelope, {properties: {data: {type: array, items: $ref X}}}]`.
pub fn paged_schemas(doc: &Value) -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) else { return out };
    for (name, schema) in schemas {
        let Some(parts) = schema.get("allOf").and_then(Value::as_array) else { continue };
        if !parts.iter().any(|p| schema_ref(p) == Some("Envelope")) {
            continue;
        }
        for p in parts {
            let Some(data) = p.pointer("/properties/data") else { continue };
            if data.get("type").and_then(Value::as_str) != Some("array") {
                continue;
            }
            if let Some(item) = data.get("items").and_then(schema_ref) {
                if replaced(item) {
                    continue;
                }
                let nullable = data.get("nullable").and_then(Value::as_bool).unwrap_or(false);
                out.push((name.clone(), item.to_string(), nullable));
            }
        }
    }
    out
}

/// Whether a schema is replaced by a handwritten type rather than generated.
pub fn replaced(name: &str) -> bool {
    REPLACEMENTS.iter().any(|(n, _)| *n == name) || name.ends_with(OR_EMPTY_SUFFIX)
}
