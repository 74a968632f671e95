//! The JSON Schemas of the generated types (feature `schemars`) agree with the spec: for
//! every JSON request body, the same properties, the same required ones, and the same
//! JSON type for each property the spec types directly.

use altegio::b2b::operations;
use serde_json::Value;
use std::collections::BTreeSet;

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()
}

fn names(v: &Value) -> BTreeSet<String> {
    v.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

/// The JSON types a schema admits (`["integer"]`, `["string", "null"]`...), following
/// `$ref`s into the root schema's `definitions` and through `allOf`/`anyOf`/`oneOf`.
fn admitted(root: &Value, v: &Value) -> BTreeSet<String> {
    if let Some(name) = v["$ref"].as_str().and_then(|r| r.strip_prefix("#/definitions/")) {
        return admitted(root, &root["definitions"][name]);
    }
    let mut out: BTreeSet<String> = match &v["type"] {
        Value::String(s) => BTreeSet::from([s.clone()]),
        Value::Array(a) => a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect(),
        _ => BTreeSet::new(),
    };
    for key in ["allOf", "anyOf", "oneOf"] {
        for sub in v[key].as_array().into_iter().flatten() {
            out.extend(admitted(root, sub));
        }
    }
    if v["nullable"] == true {
        out.insert("null".into());
    }
    out
}

fn json_types(v: &Value) -> BTreeSet<String> {
    admitted(&Value::Null, v)
}

#[test]
fn request_body_schemas_agree_with_the_spec() {
    let mut checked = 0;
    let mut properties_checked = 0;
    for op in operations::all() {
        let Some(spec) = operations::spec_request_schema(op.id) else { continue };
        let rust =
            operations::request_schema(op.id).unwrap_or_else(|| panic!("{}: no JSON Schema for the body", op.id));
        let rust = serde_json::to_value(&rust).unwrap();
        let id = op.id;
        checked += 1;
        if let Some(spec_props) = spec.get("properties") {
            let props = &rust["properties"];
            assert_eq!(keys(props), keys(spec_props), "{id}: properties differ");
            // A required but nullable property is an `Option` that is always sent; schemars
            // lists it as optional and nullable.
            let nullable = |name: &String| {
                spec_props[name.as_str()]["nullable"] == true && admitted(&rust, &props[name.as_str()]).contains("null")
            };
            let spec_required: BTreeSet<String> =
                names(&spec["required"]).into_iter().filter(|n| !nullable(n)).collect();
            assert_eq!(names(&rust["required"]), spec_required, "{id}: required properties differ");
            for (name, s) in spec_props.as_object().unwrap() {
                let Some(t) = s.get("type").and_then(Value::as_str) else { continue };
                let mut types = admitted(&rust, &props[name]);
                // `integer` is a `number` to JSON Schema too.
                if types.contains("integer") {
                    types.insert("number".into());
                }
                assert!(types.contains(t), "{id}.{name}: the spec says {t}, the type admits {types:?}");
                properties_checked += 1;
            }
        } else if spec.get("type").and_then(Value::as_str) == Some("array") {
            assert!(json_types(&rust).contains("array"), "{id}: the spec's body is an array");
        }
    }
    assert!(checked > 80, "only {checked} bodies checked");
    assert!(properties_checked > 300, "only {properties_checked} properties checked");
}

#[test]
fn every_typed_operation_has_a_response_schema() {
    let mut n = 0;
    for op in operations::all().iter().filter(|o| !o.handwritten) {
        let Some(decoded) = operations::decode_success(op.id, b"{}") else { continue };
        if let Some(schema) = operations::response_schema(op.id) {
            n += 1;
            let v = serde_json::to_value(&schema).unwrap();
            assert!(v.is_object(), "{}", op.id);
        } else {
            assert_eq!(decoded, Ok(()), "{}: a typed reply without a schema", op.id);
        }
    }
    assert!(n > 200, "{n}");
    // A schema can be handed to a validator or an LLM tool definition as it is.
    let create_client = serde_json::to_value(operations::request_schema("create_client").unwrap()).unwrap();
    assert_eq!(create_client["title"], "ClientCreate");
    assert!(names(&create_client["required"]).contains("phone"));
    assert!(operations::request_schema("get_location_list").is_none(), "no body, no schema");
}
