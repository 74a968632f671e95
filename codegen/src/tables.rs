//! The tables the client crate includes next to the generated client: facts about every
//! operation (`operations.rs`), the spec's own schemas (with `schemars`), and the calls
//! that exercise every operation over loopback (`every_operation.rs`, for tests only).

use crate::Settings;
use crate::casing::snake;
use crate::model::{Operation, operations, parameters, resolve, schema_ref};
use crate::prepare::{REPLACEMENTS, paged_schemas};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::{Value, json};
use std::collections::BTreeSet;

fn path(s: &str) -> syn::Path {
    syn::parse_str(s).unwrap_or_else(|_| syn::parse_quote!(crate))
}

fn unparse(tokens: TokenStream) -> Result<String, String> {
    syn::parse2::<syn::File>(tokens).map(|f| prettyplease::unparse(&f)).map_err(|e| e.to_string())
}

/// `static OPERATIONS: &[Operation]`, sorted by operation id for binary search, and the
/// `Paged` impls of the list replies. Facts come from the document as written (`full`),
/// the selection from the prepared one; examples only when `with_examples` (the mock).
pub fn operations_table(
    full: &Value,
    prepared: &Value,
    settings: &Settings,
    with_examples: bool,
) -> Result<String, String> {
    let runtime = path(&settings.runtime);
    let types = path(&format!("{}::types", settings.module));
    let kept: BTreeSet<String> = operations(prepared).into_iter().map(|o| o.id).collect();
    let mut ops: Vec<Operation> =
        operations(full).into_iter().filter(|o| kept.contains(&o.id) || o.handwritten).collect();
    ops.sort_by(|a, b| a.id.cmp(&b.id));
    let rows = ops.iter().map(|op| {
        let (id, method, p, tag, area, summary) = (&op.id, &op.method, &op.path, &op.tag, &op.area, &op.summary);
        let (user, status, deprecated, handwritten) = (op.needs_user, op.status, op.deprecated, op.handwritten);
        let (partner_only, mock_partner, may_be_empty) = (op.partner_only, op.partner_token_accepted, op.may_be_empty);
        let filters = &op.mass_mailing_filters;
        let server = match &op.server {
            Some(url) => quote!(Some(#url)),
            None => quote!(None),
        };
        let example = match (&op.example, with_examples) {
            (Some(ex), true) => quote!(Some(#ex)),
            _ => quote!(None),
        };
        quote! {
            Operation {
                id: #id, method: #method, path: #p, tag: #tag, area: #area, summary: #summary,
                needs_user_token: #user, partner_only: #partner_only, mass_mailing_filters: &[#(#filters),*],
                success_status: #status, deprecated: #deprecated, handwritten: #handwritten,
                example: #example, partner_token_accepted: #mock_partner, may_be_empty: #may_be_empty,
                server: #server,
            }
        }
    });
    let paged = paged_schemas(prepared).into_iter().map(|(list, item, nullable)| {
        let (list, item) = (format_ident!("{list}"), format_ident!("{item}"));
        let items = if nullable { quote!(self.data.unwrap_or_default()) } else { quote!(self.data) };
        quote! {
            impl #runtime::Paged for #types::#list {
                type Item = #types::#item;
                fn into_page(self) -> #runtime::Page<Self::Item> {
                    #runtime::Page { total: #runtime::total_of(self.meta.as_ref()), items: #items, number: 0 }
                }
            }
        }
    });
    // One typed name per operation (`CREATE_CLIENT`), for what takes an operation: a
    // misspelt name does not compile.
    let names = ops.iter().enumerate().map(|(i, op)| {
        let name = format_ident!("{}", op.id.to_uppercase());
        let doc = format!(" `{}`: {}", op.id, op.summary);
        quote! {
            #[doc = #doc]
            pub static #name: &Operation = &OPERATIONS[#i];
        }
    });
    unparse(quote! {
        /// Every operation of this build, sorted by id.
        pub(crate) static OPERATIONS: &[Operation] = &[#(#rows),*];
        #(#names)*
        #(#paged)*
    })
}

/// With the `schemars` feature: the spec's own schema of each JSON request body (to check
/// the generated types against) and of each quirk schema (the JSON Schema of the
/// handwritten wire types), as JSON text.
pub fn spec_schemas(doc: &Value) -> Result<String, String> {
    let component = |name: &str| doc.pointer(&format!("/components/schemas/{}", crate::model::esc(name))).cloned();
    let mut requests = Vec::new();
    for op in operations(doc) {
        let Some(node) = doc.pointer(&op.pointer) else { continue };
        let target =
            node.pointer("/requestBody/content/application~1json/schema").and_then(schema_ref).and_then(component);
        if let Some(schema) = target {
            let (id, text) = (&op.id, schema.to_string());
            requests.push(quote!((#id, #text)));
        }
    }
    let mut quirks = Vec::new();
    for (name, _) in REPLACEMENTS {
        let Some(mut schema) = component(name) else { continue };
        inline_refs(&mut schema, &component);
        let text = schema.to_string();
        quirks.push(quote!((#name, #text)));
    }
    unparse(quote! {
        pub(crate) static SPEC_REQUEST_SCHEMAS: &[(&str, &str)] = &[#(#requests),*];
        // The wire types' schemas are the same in every API; the crate reads one API's.
        #[allow(dead_code)]
        pub(crate) static QUIRK_SCHEMAS: &[(&str, &str)] = &[#(#quirks),*];
    })
}

/// Replaces `$ref`s to components by the components themselves (the quirk schemas only
/// refer to each other, one level deep).
fn inline_refs(v: &mut Value, component: &dyn Fn(&str) -> Option<Value>) {
    match v {
        Value::Object(m) => {
            if let Some(found) = schema_ref(&Value::Object(m.clone())).and_then(component) {
                *v = found;
                return;
            }
            m.values_mut().for_each(|x| inline_refs(x, component));
        }
        Value::Array(a) => a.iter_mut().for_each(|x| inline_refs(x, component)),
        _ => {}
    }
}

/// `call_every_operation(client, id)`: calls an operation through its generated builder
/// with every required parameter and a minimal valid body, for the tests that exercise
/// every operation over loopback. `api` is the module users name (`altegio::b2b`).
pub fn every_operation(doc: &Value, api: &str) -> Result<String, String> {
    let api = path(api);
    let mut fns = Vec::new();
    let mut rows = Vec::new();
    for op in operations(doc) {
        let Some(node) = doc.pointer(&op.pointer) else { continue };
        let method = format_ident!("{}", op.id);
        let mut setters = Vec::new();
        for p in parameters(doc, &op.pointer).into_iter().flatten().filter(|p| p.required) {
            let setter = format_ident!("{}", snake(&p.name));
            let value = literal(doc, p.schema(doc).unwrap_or(&Value::Null))?;
            setters.push(quote!(.#setter(#value)));
        }
        if let Some(name) = node
            .pointer("/requestBody/content")
            .and_then(Value::as_object)
            .and_then(|c| c.values().next())
            .and_then(|r| r.get("schema"))
            .and_then(schema_ref)
        {
            let sample = sample_json(doc, &json!({"$ref": format!("#/components/schemas/{name}")}), 0).to_string();
            let ty = format_ident!("{}", crate::casing::pascal(name));
            let what = format!("sample body of {}", op.id);
            setters.push(quote!(.body(serde_json::from_str::<#api::types::#ty>(#sample).expect(#what))));
        }
        let f = format_ident!("call_{}", op.id);
        let id = &op.id;
        fns.push(quote! {
            fn #f(client: &#api::Client) -> CallFuture<'_> {
                Box::pin(async move {
                    client.#method() #(#setters)*
                        .send_with(altegio::CallOptions::new().allow_entire_client_base()).await.map(|_| ())
                })
            }
        });
        rows.push(quote!((#id, #f)));
    }
    unparse(quote! {
        // One small function per operation: a single function with every call in it would
        // need megabytes of stack in debug builds.
        type CallFuture<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = altegio::Result<()>> + 'a>>;
        type CallFn = for<'a> fn(&'a #api::Client) -> CallFuture<'a>;
        #(#fns)*
        static CALLS: &[(&str, CallFn)] = &[#(#rows),*];
        /// Calls one operation with sample arguments; `None` for an unknown id.
        pub async fn call_every_operation(client: &#api::Client, op: &str) -> Option<altegio::Result<()>> {
            let call = CALLS.iter().find(|(id, _)| *id == op)?.1;
            Some(call(client).await)
        }
    })
}

/// A Rust expression accepted by a setter of this parameter schema.
fn literal(doc: &Value, schema: &Value) -> Result<TokenStream, String> {
    let schema = resolve(doc, schema).unwrap_or(schema);
    let ty = schema.get("type").and_then(Value::as_str).unwrap_or("string");
    let format = schema.get("format").and_then(Value::as_str).unwrap_or_default();
    if let Some(first) = schema.get("enum").and_then(Value::as_array).and_then(|e| e.first()) {
        return Ok(match first {
            Value::String(v) => quote!(#v),
            other => other.to_string().parse().map_err(|e| format!("{e}"))?,
        });
    }
    Ok(match (ty, format) {
        ("integer", "int32") => quote!(7i32),
        ("integer", _) => quote!(7i64),
        ("number", _) => quote!(7.5f64),
        ("boolean", _) => quote!(true),
        ("string", "date") => quote!(chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()),
        ("string", "date-time") => quote!(chrono::DateTime::<chrono::Utc>::from_timestamp(1_768_471_200, 0).unwrap()),
        ("array", _) => {
            let item = literal(doc, schema.get("items").unwrap_or(&Value::Null))?;
            quote!(vec![#item])
        }
        _ => quote!("7"),
    })
}

/// A minimal JSON value that fits the schema (required properties only).
pub fn sample_json(doc: &Value, schema: &Value, depth: usize) -> Value {
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
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut out = serde_json::Map::new();
            for (k, v) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
                if required.contains(&k.as_str()) {
                    out.insert(k.clone(), sample_json(doc, v, depth + 1));
                }
            }
            Value::Object(out)
        }
        Some("object") => json!({}),
        // Within the schema's limits, which the client checks before sending.
        Some("array") => {
            let n = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
            let item = schema.get("items").map_or(Value::Null, |i| sample_json(doc, i, depth + 1));
            Value::Array(vec![item; n])
        }
        Some("integer") => json!(within_limits(schema, 7.0) as i64),
        Some("number") => json!(within_limits(schema, 7.5)),
        Some("boolean") => json!(true),
        Some("string") => match schema.get("format").and_then(Value::as_str) {
            Some("date") => json!("2026-01-15"),
            Some("date-time") => json!("2026-01-15T10:00:00Z"),
            _ => json!("7"),
        },
        _ => Value::Null,
    }
}

/// `value` moved into the schema's `minimum`..`maximum`, on a `multipleOf` step.
fn within_limits(schema: &Value, value: f64) -> f64 {
    let min = schema.get("minimum").and_then(Value::as_f64);
    let max = schema.get("maximum").and_then(Value::as_f64);
    let mut v = value.clamp(min.unwrap_or(f64::MIN), max.unwrap_or(f64::MAX));
    if let Some(step) = schema.get("multipleOf").and_then(Value::as_f64).filter(|s| *s > 0.0) {
        v = (v / step).floor() * step;
        if min.is_some_and(|m| v < m) {
            v += step;
        }
    }
    v
}
