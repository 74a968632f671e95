//! Loading, bundling and generating the Altegio OpenAPI document.
//!
//! This one file is shared by `build.rs` (which includes it with `#[path]`) and by the
//! `xtask` binary, so that the build and the linter read the spec the same way.
//! Every failure is a `SpecError` that names the file and the JSON pointer.

#![allow(dead_code)]

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// The root document, relative to the spec directory.
pub const ROOT_FILE: &str = "openapi.yaml";
/// The folder of area files, relative to the spec directory.
pub const AREAS_DIR: &str = "areas";

/// Named quirk schemas and the handwritten Rust types that replace them.
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
];

/// Suffix of schemas `XOrEmpty` (`oneOf: [X, EmptyArray]`), replaced by `OrEmpty<X>`.
pub const OR_EMPTY_SUFFIX: &str = "OrEmpty";

/// The module path under which the generated code is included.
pub const GENERATED_TYPES: &str = "crate::generated::types";

/// HTTP methods an OpenAPI path item may hold.
pub const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// A problem found in the spec, with where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The file, relative to the repository root when possible.
    pub file: String,
    /// A JSON pointer into that file (`/paths/~1auth/post`), or empty.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pointer.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.pointer, self.message)
        }
    }
}

impl std::error::Error for SpecError {}

/// Escapes one JSON pointer segment.
pub fn esc(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// The spec as read from disk: the merged document plus where each part came from.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The merged OpenAPI document.
    pub doc: Value,
    /// The files read, for `rerun-if-changed`.
    pub files: Vec<PathBuf>,
    /// For each path template, the file that declared it.
    pub path_files: BTreeMap<String, String>,
    /// For each component (`schemas/Name`, `parameters/Name`, ...), the file that declared it.
    pub component_files: BTreeMap<String, String>,
    /// The root file's display name.
    pub root_file: String,
}

impl Spec {
    /// The file that declared `pointer` in the merged document (best effort).
    pub fn file_of(&self, pointer: &str) -> String {
        let parts: Vec<String> = pointer.split('/').skip(1).map(|p| p.replace("~1", "/").replace("~0", "~")).collect();
        match parts.as_slice() {
            [first, path, ..] if first == "paths" => self.path_files.get(path).cloned(),
            [first, kind, name, ..] if first == "components" => {
                self.component_files.get(&format!("{kind}/{name}")).cloned()
            }
            _ => None,
        }
        .unwrap_or_else(|| self.root_file.clone())
    }

    /// A `SpecError` located at `pointer` of the merged document.
    pub fn error(&self, pointer: &str, message: impl Into<String>) -> SpecError {
        SpecError { file: self.file_of(pointer), pointer: pointer.to_string(), message: message.into() }
    }
}

fn display(dir: &Path, file: &Path) -> String {
    // Named from the repository root: `openapi/<api>/...`.
    let parent = dir.ancestors().nth(2).unwrap_or(dir);
    file.strip_prefix(parent).unwrap_or(file).display().to_string()
}

/// Parses one YAML file into JSON.
pub fn parse_yaml(name: &str, text: &str) -> Result<Value, SpecError> {
    serde_saphyr::from_str::<Value>(text).map_err(|e| SpecError {
        file: name.to_string(),
        pointer: String::new(),
        message: format!("not valid YAML for an OpenAPI document: {e}"),
    })
}

/// Reads the root document and every area file of `dir` and merges them; fails on the
/// first problem (all problems are listed by [`load_all`]).
pub fn load(dir: &Path) -> Result<Spec, SpecError> {
    let (spec, mut errors) = load_all(dir);
    match (spec, errors.is_empty()) {
        (Some(spec), true) => Ok(spec),
        _ => Err(if errors.is_empty() {
            SpecError { file: ROOT_FILE.into(), pointer: String::new(), message: "cannot load the spec".into() }
        } else {
            let first = errors.remove(0);
            if errors.is_empty() {
                first
            } else {
                SpecError {
                    message: format!("{} (and {} more problems; run `cargo xtask lint`)", first.message, errors.len()),
                    ..first
                }
            }
        }),
    }
}

/// Reads and merges what can be read; every file that cannot be read or merged becomes
/// an error and is left out. `None` when the root itself cannot be read.
pub fn load_all(dir: &Path) -> (Option<Spec>, Vec<SpecError>) {
    let mut errors = Vec::new();
    let mut read = |path: &Path| -> Option<(String, Value)> {
        let name = display(dir, path);
        match std::fs::read_to_string(path) {
            Ok(text) => match parse_yaml(&name, &text) {
                Ok(v) => Some((name, v)),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
            Err(e) => {
                errors.push(SpecError { file: name, pointer: String::new(), message: format!("cannot read: {e}") });
                None
            }
        }
    };
    let root_path = dir.join(ROOT_FILE);
    let Some(root) = read(&root_path) else {
        return (None, errors);
    };
    let mut sources = vec![root];
    let mut files = vec![root_path];
    let mut area_files: Vec<PathBuf> = match std::fs::read_dir(dir.join(AREAS_DIR)) {
        Ok(rd) => {
            rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect()
        }
        Err(_) => Vec::new(),
    };
    area_files.sort();
    for path in area_files {
        if let Some(src) = read(&path) {
            sources.push(src);
        }
        files.push(path);
    }
    let (spec, merge_errors) = merge(sources);
    errors.extend(merge_errors);
    (
        spec.map(|mut s| {
            s.files = files;
            s
        }),
        errors,
    )
}

/// Merges `(file name, document)` pairs; the first is the root. Parts that clash are
/// reported and left out.
pub fn merge(sources: Vec<(String, Value)>) -> (Option<Spec>, Vec<SpecError>) {
    let mut errors = Vec::new();
    let mut iter = sources.into_iter();
    let Some((root_file, mut doc)) = iter.next() else {
        errors.push(SpecError { file: ROOT_FILE.into(), pointer: String::new(), message: "no root document".into() });
        return (None, errors);
    };
    if !doc.is_object() {
        errors.push(SpecError {
            file: root_file,
            pointer: String::new(),
            message: "the document is not a mapping".into(),
        });
        return (None, errors);
    }
    let mut path_files = BTreeMap::new();
    let mut component_files = BTreeMap::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for p in paths.keys() {
            path_files.insert(p.clone(), root_file.clone());
        }
    }
    if let Some(comps) = doc.get("components").and_then(Value::as_object) {
        for (kind, items) in comps {
            if let Some(items) = items.as_object() {
                for name in items.keys() {
                    component_files.insert(format!("{kind}/{name}"), root_file.clone());
                }
            }
        }
    }
    for (file, part) in iter {
        let Some(part) = part.as_object() else {
            errors.push(SpecError { file, pointer: String::new(), message: "an area file must be a mapping".into() });
            continue;
        };
        for key in part.keys() {
            if key != "paths" && key != "components" {
                errors.push(SpecError {
                    file: file.clone(),
                    pointer: format!("/{}", esc(key)),
                    message: "an area file holds only `paths` and `components`".into(),
                });
            }
        }
        if let Some(paths) = part.get("paths") {
            match paths.as_object() {
                None => errors.push(SpecError {
                    file: file.clone(),
                    pointer: "/paths".into(),
                    message: "must be a mapping".into(),
                }),
                Some(paths) => {
                    let target = obj_entry(&mut doc, "paths");
                    for (p, item) in paths {
                        if let Some(prev) = path_files.get(p) {
                            errors.push(SpecError {
                                file: file.clone(),
                                pointer: format!("/paths/{}", esc(p)),
                                message: format!("path already declared in {prev}"),
                            });
                            continue;
                        }
                        path_files.insert(p.clone(), file.clone());
                        target.insert(p.clone(), item.clone());
                    }
                }
            }
        }
        if let Some(comps) = part.get("components") {
            let Some(comps) = comps.as_object() else {
                errors.push(SpecError {
                    file: file.clone(),
                    pointer: "/components".into(),
                    message: "must be a mapping".into(),
                });
                continue;
            };
            for (kind, items) in comps {
                let Some(items) = items.as_object() else {
                    errors.push(SpecError {
                        file: file.clone(),
                        pointer: format!("/components/{}", esc(kind)),
                        message: "must be a mapping".into(),
                    });
                    continue;
                };
                let comps_target = obj_entry(&mut doc, "components");
                let target = obj_entry_map(comps_target, kind);
                for (name, item) in items {
                    let key = format!("{kind}/{name}");
                    if let Some(prev) = component_files.get(&key) {
                        errors.push(SpecError {
                            file: file.clone(),
                            pointer: format!("/components/{}/{}", esc(kind), esc(name)),
                            message: format!("component already declared in {prev}"),
                        });
                        continue;
                    }
                    component_files.insert(key, file.clone());
                    target.insert(name.clone(), item.clone());
                }
            }
        }
    }
    (Some(Spec { doc, files: Vec::new(), path_files, component_files, root_file }), errors)
}

fn obj_entry<'a>(doc: &'a mut Value, key: &str) -> &'a mut Map<String, Value> {
    let map = doc.as_object_mut().expect("checked to be an object");
    obj_entry_map(map, key)
}

fn obj_entry_map<'a>(map: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    let slot = map.entry(key.to_string()).or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    slot.as_object_mut().expect("just made an object")
}

/// One operation of the spec, as the build and the linter see it.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The official operationId.
    pub id: String,
    /// Upper-case HTTP method.
    pub method: String,
    /// The path template, relative to the server URL.
    pub path: String,
    /// JSON pointer of the operation object.
    pub pointer: String,
    /// The operation's single tag (empty if missing).
    pub tag: String,
    /// The area (cargo feature) of the tag.
    pub area: String,
    /// The summary.
    pub summary: String,
    /// Whether the user token is required (`BearerPartnerUser`).
    pub needs_user: bool,
    /// The declared success status.
    pub status: u16,
    /// The example of the success body, as JSON text.
    pub example: Option<String>,
    /// Deprecated in the spec.
    pub deprecated: bool,
    /// Written by hand rather than generated (`x-altegio-handwritten`).
    pub handwritten: bool,
    /// The official documentation page, when known (`externalDocs.url`).
    pub docs_url: Option<String>,
}

/// Maps each tag name to its area (`x-area`).
pub fn tag_areas(doc: &Value) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for t in doc.get("tags").and_then(Value::as_array).into_iter().flatten() {
        if let (Some(name), Some(area)) =
            (t.get("name").and_then(Value::as_str), t.get("x-area").and_then(Value::as_str))
        {
            out.insert(name.to_string(), area.to_string());
        }
    }
    out
}

/// Lists the operations of the merged document, in path order.
pub fn operations(doc: &Value) -> Vec<Operation> {
    let areas = tag_areas(doc);
    let mut out = Vec::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return out;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, op) in item {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            let tag = op
                .get("tags")
                .and_then(Value::as_array)
                .and_then(|t| t.first())
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let security = op.get("security").or_else(|| doc.get("security"));
            let needs_user = security
                .and_then(Value::as_array)
                .is_some_and(|reqs| reqs.iter().any(|r| r.get("BearerPartnerUser").is_some()));
            let (status, example) = success_response(op)
                .map(|(code, resp)| {
                    let ex = resp
                        .pointer("/content/application~1json/example")
                        .map(|v| serde_json::to_string(v).unwrap_or_default());
                    (code.parse().unwrap_or(200), ex)
                })
                .unwrap_or((200, None));
            out.push(Operation {
                id: op.get("operationId").and_then(Value::as_str).unwrap_or_default().to_string(),
                method: method.to_uppercase(),
                path: path.clone(),
                pointer: format!("/paths/{}/{}", esc(path), method),
                area: areas.get(&tag).cloned().unwrap_or_default(),
                tag,
                summary: op.get("summary").and_then(Value::as_str).unwrap_or_default().to_string(),
                needs_user,
                status,
                example,
                deprecated: op.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
                handwritten: op.get("x-altegio-handwritten").and_then(Value::as_bool).unwrap_or(false),
                docs_url: op.pointer("/externalDocs/url").and_then(Value::as_str).map(str::to_string),
            });
        }
    }
    out
}

/// The single 2xx response of an operation: `(status code, response object)`.
pub fn success_response(op: &Value) -> Option<(&str, &Value)> {
    op.get("responses")?
        .as_object()?
        .iter()
        .find(|(code, _)| code.starts_with('2'))
        .map(|(code, resp)| (code.as_str(), resp))
}

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

/// Collects every `#/components/<kind>/<name>` reference below `v`.
pub fn collect_refs(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            if let Some(rest) = m.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/components/")) {
                out.insert(rest.to_string());
            }
            for x in m.values() {
                collect_refs(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}

/// Drops components that no kept operation reaches (quirk schemas always stay).
fn prune_components(doc: &mut Value, extra_roots: BTreeSet<String>) {
    let mut reached = extra_roots;
    if let Some(paths) = doc.get("paths") {
        collect_refs(paths, &mut reached);
    }
    for (name, _) in REPLACEMENTS {
        reached.insert(format!("schemas/{name}"));
    }
    // Inbound types (what Altegio sends to integrators) are used by no operation.
    if let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) {
        for (name, schema) in schemas {
            if schema.get("x-altegio-inbound").and_then(Value::as_bool) == Some(true) {
                reached.insert(format!("schemas/{name}"));
            }
        }
    }
    let comps = doc.get("components").cloned().unwrap_or(Value::Null);
    let mut queue: Vec<String> = reached.iter().cloned().collect();
    while let Some(key) = queue.pop() {
        let ptr = format!("/{}", key.split('/').map(esc).collect::<Vec<_>>().join("/"));
        if let Some(item) = comps.pointer(&ptr) {
            let mut found = BTreeSet::new();
            collect_refs(item, &mut found);
            for f in found {
                if reached.insert(f.clone()) {
                    queue.push(f);
                }
            }
        }
    }
    if let Some(comps) = doc.get_mut("components").and_then(Value::as_object_mut) {
        for kind in ["schemas", "parameters", "responses", "requestBodies"] {
            if let Some(items) = comps.get_mut(kind).and_then(Value::as_object_mut) {
                items.retain(|name, _| reached.contains(&format!("{kind}/{name}")));
            }
        }
    }
}

/// The `(schema name, Rust type)` replacements for a prepared document.
pub fn replacements(doc: &Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = REPLACEMENTS.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    if let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) {
        for name in schemas.keys() {
            if let Some(inner) = or_empty_target(name, doc) {
                out.push((name.clone(), format!("crate::wire::OrEmpty<{GENERATED_TYPES}::{inner}>")));
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
    let refs: Vec<&str> = one_of.iter().filter_map(|s| s.get("$ref").and_then(Value::as_str)).collect();
    let expected = [format!("#/components/schemas/{base}"), "#/components/schemas/EmptyArray".to_string()];
    (one_of.len() == 2 && refs.len() == 2 && refs.iter().all(|r| expected.iter().any(|e| e == r)))
        .then(|| base.to_string())
}

/// Runs progenitor on a prepared document and returns formatted Rust source.
///
/// Generator panics (progenitor asserts on some constructs) are caught and reported
/// with the operation being generated when it can be told.
/// `derives` are extra derives for every generated type (e.g. `schemars::JsonSchema`).
pub fn generate(spec: &Spec, doc: &Value, derives: &[&str]) -> Result<String, SpecError> {
    use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle, TypeImpl};

    let api: openapiv3::OpenAPI = serde_json::from_value(doc.clone()).map_err(|e| SpecError {
        file: spec.root_file.clone(),
        pointer: String::new(),
        message: format!("not an OpenAPI 3.0 document progenitor can read: {e}"),
    })?;
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        .with_inner_type(quote::quote! { crate::context::Context })
        .with_hooks(HooksMode::Expected)
        .with_map_type("::std::collections::BTreeMap");
    for d in derives {
        settings.with_derive(*d);
    }
    for (name, ty) in replacements(doc) {
        settings.with_replacement(name, ty, std::iter::empty::<TypeImpl>());
    }
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| Generator::new(&settings).generate_tokens(&api)));
    let tokens = match result {
        Ok(Ok(tokens)) => tokens,
        Ok(Err(e)) => return Err(locate_generator_error(spec, doc, &e.to_string())),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            return Err(find_panicking_operation(spec, doc, &settings, &msg));
        }
    };
    let mut file: syn::File = syn::parse2(tokens).map_err(|e| SpecError {
        file: spec.root_file.clone(),
        pointer: String::new(),
        message: format!("progenitor produced code that does not parse: {e}"),
    })?;
    postprocess::apply(&mut file, &builder_roots(doc)).map_err(|message| SpecError {
        file: spec.root_file.clone(),
        pointer: String::new(),
        message,
    })?;
    Ok(prettyplease::unparse(&file))
}

/// Schemas that keep a `types::builder::X`: every schema a request body refers to, and
/// every `x-altegio-inbound` schema (the bodies of webhooks and of the SMS-provider
/// flow, which users build in their tests and replies). Generated inline bodies are
/// added by the post-processor from the operation builders.
fn builder_roots(doc: &Value) -> BTreeSet<String> {
    fn refs(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                if let Some(name) =
                    m.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/components/schemas/"))
                {
                    out.insert(name.to_string());
                }
                m.values().for_each(|x| refs(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    for item in doc.get("paths").and_then(Value::as_object).into_iter().flat_map(|p| p.values()) {
        for op in item.as_object().into_iter().flat_map(|i| i.values()) {
            if let Some(body) = op.get("requestBody") {
                refs(body, &mut out);
            }
        }
    }
    for (name, schema) in doc.pointer("/components/schemas").and_then(Value::as_object).into_iter().flatten() {
        if schema.get("x-altegio-inbound").and_then(Value::as_bool) == Some(true) {
            out.insert(name.clone());
        }
    }
    out
}

fn locate_generator_error(spec: &Spec, doc: &Value, message: &str) -> SpecError {
    // progenitor names the operation id or the path in most of its errors.
    for op in operations(doc) {
        if !op.id.is_empty() && message.contains(&op.id) || message.contains(&op.path) {
            return spec.error(&op.pointer, format!("progenitor rejected the operation `{}`: {message}", op.id));
        }
    }
    spec.error("", format!("progenitor rejected the document: {message}"))
}

/// After a generator panic, generates each operation alone to find the culprit.
fn find_panicking_operation(
    spec: &Spec,
    doc: &Value,
    settings: &progenitor::GenerationSettings,
    message: &str,
) -> SpecError {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut culprit = None;
    for op in operations(doc) {
        let mut single = doc.clone();
        if let Some(paths) = single.get_mut("paths").and_then(Value::as_object_mut) {
            for (path, item) in paths.iter_mut() {
                if let Some(item) = item.as_object_mut() {
                    item.retain(|m, _| {
                        !METHODS.contains(&m.as_str()) || format!("/paths/{}/{}", esc(path), m) == op.pointer
                    });
                }
            }
            paths.retain(|_, item| item.as_object().is_some_and(|i| i.keys().any(|k| METHODS.contains(&k.as_str()))));
        }
        let Ok(api) = serde_json::from_value::<openapiv3::OpenAPI>(single) else {
            continue;
        };
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            progenitor::Generator::new(settings).generate_tokens(&api)
        }));
        if r.is_err() {
            culprit = Some(op);
            break;
        }
    }
    std::panic::set_hook(hook);
    match culprit {
        Some(op) => spec.error(&op.pointer, format!("progenitor panicked on the operation `{}`: {message}", op.id)),
        None => spec.error("", format!("progenitor panicked: {message}")),
    }
}

/// Rewrites progenitor's output where the handwritten layer must take part.
///
/// - Each builder's `send` becomes the crate-private `send_raw`; a new public `send`
///   runs it through `crate::call`, which maps every outcome to `crate::Error`.
/// - Path parameters are encoded by `crate::wire::encode_path`, which also encodes
///   `.` and `..` segments that URL normalisation would otherwise resolve.
mod postprocess {
    use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
    use quote::{ToTokens, quote};
    use std::collections::BTreeSet;
    use syn::visit::Visit;
    use syn::visit_mut::VisitMut;

    pub fn apply(file: &mut syn::File, builder_roots: &BTreeSet<String>) -> Result<(), String> {
        let mut sends = 0usize;
        let mut decoders: Vec<(String, Option<syn::Type>)> = Vec::new();
        let mut bodies: Vec<(String, syn::Type)> = Vec::new();
        for item in &mut file.items {
            let syn::Item::Mod(m) = item else { continue };
            if m.ident != "builder" {
                continue;
            }
            let Some((_, items)) = &mut m.content else {
                continue;
            };
            // Builder struct -> the type of its `body` field (`Result<types::[builder::]X, String>`).
            let mut body_of = std::collections::HashMap::new();
            for item in items.iter() {
                if let syn::Item::Struct(st) = item
                    && let Some(ty) = st.fields.iter().find(|f| f.ident.as_ref().is_some_and(|i| i == "body"))
                    && let Some(name) = last_generic_ident(&ty.ty)
                {
                    body_of.insert(st.ident.to_string(), name);
                }
            }
            for item in items.iter_mut() {
                let syn::Item::Impl(imp) = item else { continue };
                let builder = imp.self_ty.to_token_stream().to_string();
                let builder = builder.split_whitespace().next().unwrap_or_default().to_string();
                if let Some((op, ty)) = wrap_send(imp)? {
                    sends += 1;
                    if let Some(name) = body_of.get(&builder) {
                        let ident = Ident::new(name, Span::call_site());
                        bodies.push((op.clone(), syn::parse_quote!(types::#ident)));
                    }
                    decoders.push((op, ty));
                }
            }
        }
        if sends == 0 && file.to_token_stream().to_string().contains("OperationInfo {") {
            return Err("progenitor's builders have no `send` to wrap: the generator changed shape".into());
        }
        prune_builders(file, builder_roots);
        PathEncoder.visit_file_mut(file);
        RawGen.visit_file_mut(file);
        file.items.push(decoder(&decoders));
        let typed: Vec<(String, syn::Type)> = decoders.into_iter().filter_map(|(op, ty)| ty.map(|t| (op, t))).collect();
        file.items.push(schema_table("request_schema", "request body", &bodies));
        file.items.push(schema_table("response_schema", "success reply", &typed));
        Ok(())
    }

    /// Drops typify's `types::builder::X` for every type that is never sent.
    ///
    /// progenitor's builder style gives every struct a builder: about half of the generated
    /// code, and most of it for reply types that users only read. Builders are kept for the
    /// types an operation builder takes as its body, for `roots` (see `builder_roots`), and
    /// for every type those contain, so anything that is sent can be built field by field.
    fn prune_builders(file: &mut syn::File, roots: &BTreeSet<String>) {
        let words = |tokens: TokenStream| -> BTreeSet<String> {
            fn walk(tokens: TokenStream, out: &mut BTreeSet<String>) {
                for tt in tokens {
                    match tt {
                        TokenTree::Ident(i) => {
                            out.insert(i.to_string());
                        }
                        TokenTree::Group(g) => walk(g.stream(), out),
                        _ => {}
                    }
                }
            }
            let mut out = BTreeSet::new();
            walk(tokens, &mut out);
            out
        };
        let mut keep: BTreeSet<String> = roots.clone();
        // Bodies of the operation builders: `Result<types::builder::X, String>`.
        struct BuilderPaths<'a>(&'a mut BTreeSet<String>);
        impl Visit<'_> for BuilderPaths<'_> {
            fn visit_path(&mut self, p: &syn::Path) {
                let s: Vec<&Ident> = p.segments.iter().map(|s| &s.ident).collect();
                if let [.., t, b, x] = s.as_slice()
                    && *t == "types"
                    && *b == "builder"
                {
                    self.0.insert(x.to_string());
                }
                syn::visit::visit_path(self, p);
            }
        }
        for item in &file.items {
            if let syn::Item::Mod(m) = item
                && m.ident == "builder"
            {
                BuilderPaths(&mut keep).visit_item_mod(m);
            }
        }
        let Some(types) = file.items.iter_mut().find_map(|i| match i {
            syn::Item::Mod(m) if m.ident == "types" => m.content.as_mut().map(|(_, items)| items),
            _ => None,
        }) else {
            return;
        };
        // The types each type mentions, to keep whatever a kept type contains.
        let mut mentions = std::collections::BTreeMap::new();
        for item in types.iter() {
            let (name, tokens) = match item {
                syn::Item::Struct(s) => (s.ident.to_string(), s.to_token_stream()),
                syn::Item::Enum(e) => (e.ident.to_string(), e.to_token_stream()),
                _ => continue,
            };
            mentions.insert(name, words(tokens));
        }
        let mut stack: Vec<String> = keep.iter().cloned().collect();
        while let Some(name) = stack.pop() {
            for word in mentions.get(&name).into_iter().flatten() {
                if mentions.contains_key(word) && keep.insert(word.clone()) {
                    stack.push(word.clone());
                }
            }
        }
        let subject = |ty: &syn::Type| -> Option<String> {
            let syn::Type::Path(p) = ty else { return None };
            Some(p.path.segments.last()?.ident.to_string())
        };
        // `impl X { pub fn builder() -> builder::X }` in `types`.
        types.retain(|item| match item {
            syn::Item::Impl(imp) if imp.trait_.is_none() => {
                let only_builder =
                    imp.items.iter().all(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == "builder"));
                !only_builder || subject(&imp.self_ty).is_none_or(|s| keep.contains(&s))
            }
            _ => true,
        });
        // The builder structs and their impls (`Default`, setters, `TryFrom<X> for super::X`,
        // `From<super::X> for X`): every one names its builder in its self type or trait.
        for item in types.iter_mut() {
            let syn::Item::Mod(m) = item else { continue };
            if m.ident != "builder" {
                continue;
            }
            let Some((_, items)) = &mut m.content else { continue };
            items.retain(|item| match item {
                syn::Item::Struct(s) => keep.contains(&s.ident.to_string()),
                syn::Item::Impl(imp) => subject(&imp.self_ty).is_none_or(|s| keep.contains(&s)),
                _ => true,
            });
        }
    }

    /// The last identifier inside `Result<types::builder::X, String>`: `X`.
    fn last_generic_ident(ty: &syn::Type) -> Option<String> {
        let syn::Type::Path(p) = ty else { return None };
        let syn::PathArguments::AngleBracketed(args) = &p.path.segments.last()?.arguments else {
            return None;
        };
        let Some(syn::GenericArgument::Type(syn::Type::Path(inner))) = args.args.first() else {
            return None;
        };
        Some(inner.path.segments.last()?.ident.to_string())
    }

    /// typify writes schemars impls with an identifier `gen`, a keyword since edition 2024.
    struct RawGen;
    impl VisitMut for RawGen {
        fn visit_ident_mut(&mut self, i: &mut Ident) {
            if i == "gen" {
                *i = Ident::new_raw("gen", i.span());
            }
        }
    }

    /// `fn <name>(operation_id) -> Option<schemars::Schema>` (only with the `schemars` feature).
    fn schema_table(name: &str, what: &str, ops: &[(String, syn::Type)]) -> syn::Item {
        let name = Ident::new(name, Span::call_site());
        let doc = format!(" The JSON Schema of an operation's {what} type; `None` when it has none.");
        let arms = ops.iter().map(|(op, ty)| quote! { #op => Some(schemars::schema_for!(#ty)), });
        // schemars 0.8: `schema_for!` gives a `RootSchema`.
        syn::parse_quote! {
            #[doc = #doc]
            #[cfg(feature = "schemars")]
            pub fn #name(operation_id: &str) -> Option<schemars::schema::RootSchema> {
                match operation_id {
                    #(#arms)*
                    _ => None,
                }
            }
        }
    }

    /// `decode_success(operation_id, body)`: decodes a success body into the operation's
    /// typed response, so tests can check every example of the spec.
    fn decoder(ops: &[(String, Option<syn::Type>)]) -> syn::Item {
        let arms = ops.iter().map(|(op, ty)| match ty {
            Some(ty) => quote! { #op => Some(crate::call::check_decode::<#ty>(body)), },
            None => quote! { #op => Some(Ok(())), },
        });
        syn::parse_quote! {
            /// Decodes a success body of an operation into its typed response; `None` for an
            /// unknown operation, `Some(Ok(()))` for replies without a typed body.
            pub fn decode_success(operation_id: &str, body: &[u8]) -> Option<Result<(), String>> {
                match operation_id {
                    #(#arms)*
                    _ => None,
                }
            }
        }
    }

    fn wrap_send(imp: &mut syn::ItemImpl) -> Result<Option<(String, Option<syn::Type>)>, String> {
        let Some(pos) = imp.items.iter().position(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == "send"))
        else {
            return Ok(None);
        };
        let syn::ImplItem::Fn(send) = &mut imp.items[pos] else {
            return Ok(None);
        };
        let mut finder = OpIdFinder(None);
        finder.visit_block(&send.block);
        let op_id = finder.0.ok_or("a builder `send` without an OperationInfo")?;
        let ok_type =
            success_type(&send.sig.output).ok_or_else(|| format!("`{op_id}`: unexpected return type of `send`"))?;
        send.sig.ident = Ident::new("send_raw", Span::call_site());
        send.vis = syn::parse_quote!(pub(crate));
        send.attrs.retain(|a| !a.path().is_ident("doc"));
        let untyped = matches!(ok_type.to_token_stream().to_string().as_str(), "()" | "ByteStream");
        let runner: syn::Path =
            if untyped { syn::parse_quote!(crate::call::untyped) } else { syn::parse_quote!(crate::call::typed) };
        let doc = format!(
            " Sends the request of `{op_id}` and decodes the reply.\n\n Every failure is a [`crate::Error`]; \
             `send_with` takes per-call [`crate::CallOptions`]."
        );
        let wrapper: syn::ImplItem = syn::parse_quote! {
            #[doc = #doc]
            pub async fn send(self) -> crate::Result<ResponseValue<#ok_type>> {
                #runner(#op_id, crate::CallOptions::default(), self.send_raw()).await
            }
        };
        let wrapper_with: syn::ImplItem = syn::parse_quote! {
            /// Like `send`, with per-call options (timeout, retries) that override the client's.
            pub async fn send_with(self, options: crate::CallOptions) -> crate::Result<ResponseValue<#ok_type>> {
                #runner(#op_id, options, self.send_raw()).await
            }
        };
        imp.items.push(wrapper);
        imp.items.push(wrapper_with);
        Ok(Some((op_id, (!untyped).then_some(ok_type))))
    }

    /// `Result<ResponseValue<T>, Error<E>>` -> `T`.
    fn success_type(output: &syn::ReturnType) -> Option<syn::Type> {
        let syn::ReturnType::Type(_, ty) = output else {
            return None;
        };
        let syn::Type::Path(p) = ty.as_ref() else {
            return None;
        };
        let last = p.path.segments.last()?;
        let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
            return None;
        };
        let Some(syn::GenericArgument::Type(syn::Type::Path(rv))) = args.args.first() else {
            return None;
        };
        let rv_last = rv.path.segments.last()?;
        if rv_last.ident != "ResponseValue" {
            return None;
        }
        let syn::PathArguments::AngleBracketed(inner) = &rv_last.arguments else {
            return None;
        };
        match inner.args.first() {
            Some(syn::GenericArgument::Type(t)) => Some(t.clone()),
            _ => None,
        }
    }

    struct OpIdFinder(Option<String>);

    impl<'ast> Visit<'ast> for OpIdFinder {
        fn visit_expr_struct(&mut self, e: &'ast syn::ExprStruct) {
            if e.path.is_ident("OperationInfo") {
                for f in &e.fields {
                    if let (syn::Member::Named(n), syn::Expr::Lit(l)) = (&f.member, &f.expr)
                        && n == "operation_id"
                        && let syn::Lit::Str(s) = &l.lit
                    {
                        self.0 = Some(s.value());
                    }
                }
            }
            syn::visit::visit_expr_struct(self, e);
        }
    }

    struct PathEncoder;

    impl VisitMut for PathEncoder {
        fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
            m.tokens = rewrite(std::mem::take(&mut m.tokens));
        }
    }

    fn rewrite(tokens: TokenStream) -> TokenStream {
        let mut out = TokenStream::new();
        for tt in tokens {
            match tt {
                TokenTree::Ident(i) if i == "encode_path" => {
                    out.extend(quote!(crate::wire::encode_path));
                }
                TokenTree::Group(g) => {
                    let mut ng = Group::new(g.delimiter(), rewrite(g.stream()));
                    ng.set_span(g.span());
                    out.extend(std::iter::once(TokenTree::Group(ng)));
                }
                other => out.extend(std::iter::once(other)),
            }
        }
        out
    }
}

/// List replies: `(response schema, item schema, data nullable)` for every schema shaped
/// `allOf: [$ref Envelope, {properties: {data: {type: array, items: $ref X}}}]`.
pub fn paged_schemas(doc: &Value) -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) else { return out };
    for (name, schema) in schemas {
        let Some(parts) = schema.get("allOf").and_then(Value::as_array) else { continue };
        if !parts.iter().any(|p| p.get("$ref").and_then(Value::as_str) == Some("#/components/schemas/Envelope")) {
            continue;
        }
        for p in parts {
            let Some(data) = p.pointer("/properties/data") else { continue };
            if data.get("type").and_then(Value::as_str) != Some("array") {
                continue;
            }
            if let Some(item) = data
                .pointer("/items/$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
            {
                if spec_replaced(item) {
                    continue;
                }
                let nullable = data.get("nullable").and_then(Value::as_bool).unwrap_or(false);
                out.push((name.clone(), item.to_string(), nullable));
            }
        }
    }
    out
}

fn spec_replaced(name: &str) -> bool {
    REPLACEMENTS.iter().any(|(n, _)| *n == name) || name.ends_with(OR_EMPTY_SUFFIX)
}
