//! The one model of an operation and the spec-walking helpers every task shares: the
//! build script, the lint, the coverage report and the tables all read the spec through
//! these, so they cannot disagree on what an operation is.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// HTTP methods an OpenAPI path item may hold.
pub const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Escapes one JSON pointer segment.
pub fn esc(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// One operation of a spec, as the build, the lint and the tables see it.
#[derive(Debug, Clone, Default)]
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
    /// Whether a user token is required: every security alternative of the operation
    /// names a user scheme (`BearerPartnerUser`, the B2B staff user, or
    /// `BearerPartnerBookingUser`, the online-booking end customer). An operation that also
    /// lists `BearerPartner` alone takes the user token when the client has one.
    pub needs_user: bool,
    /// The operation's own server (`servers[0].url` on the operation), when it is not the
    /// document's: some Developer Tools calls live on `https://app.alteg.io`.
    pub server: Option<String>,
    /// Sent with the partner token alone even when the client holds a user token
    /// (`x-altegio-partner-only: true`): login, and reports to a partner's callback.
    pub partner_only: bool,
    /// The query parameters that narrow a mass mailing (`x-altegio-mass-mailing: [...]`);
    /// empty for an operation that is not one. Without any of them the mailing reaches
    /// every client of the location, which the client refuses unless told otherwise.
    pub mass_mailing_filters: Vec<String>,
    /// Altegio accepts the partner token alone although the docs list the user token
    /// (`x-altegio-partner-token-accepted: true`); the embedded mock does the same.
    pub partner_token_accepted: bool,
    /// The declared success status.
    pub status: u16,
    /// The success reply may come without a body (`x-altegio-may-be-empty: true` on the
    /// response); the client then decodes it as `{}`.
    pub may_be_empty: bool,
    /// The example of the success body, as JSON text.
    pub example: Option<String>,
    /// Deprecated in the spec.
    pub deprecated: bool,
    /// Written by hand rather than generated (`x-altegio-handwritten`).
    pub handwritten: bool,
    /// The official documentation page, when known (`externalDocs.url`).
    pub docs_url: Option<String>,
}

/// Whether a security scheme sends a user token besides the partner token
/// (`BearerPartnerUser`, `BearerPartnerBookingUser`).
pub fn is_user_scheme(name: &str) -> bool {
    name.starts_with("BearerPartner") && name.ends_with("User")
}

/// One parameter of an operation (path-level and operation-level, `$ref` resolved).
#[derive(Debug, Clone)]
pub struct Parameter {
    /// JSON pointer of the parameter as written (the `$ref` itself when it is one).
    pub pointer: String,
    /// The parameter's name on the wire.
    pub name: String,
    /// `path`, `query`, `header` or `cookie` (empty when missing).
    pub location: String,
    /// Declared required.
    pub required: bool,
    /// The parameter object, `$ref` resolved.
    pub value: Value,
}

impl Parameter {
    /// The description, or empty.
    pub fn description(&self) -> &str {
        self.value.get("description").and_then(Value::as_str).unwrap_or_default()
    }

    /// The schema, `$ref` resolved against `doc`.
    pub fn schema<'a>(&'a self, doc: &'a Value) -> Option<&'a Value> {
        self.value.get("schema").and_then(|s| resolve(doc, s))
    }
}

/// Follows a local `$ref` (`#/components/...`); anything else is returned as it is.
/// `None` when the target does not exist.
pub fn resolve<'a>(doc: &'a Value, v: &'a Value) -> Option<&'a Value> {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => doc.pointer(r.strip_prefix('#')?),
        None => Some(v),
    }
}

/// The parameters of the operation at `pointer`: the path item's, then the operation's.
/// A `$ref` that does not resolve is returned as `Err(pointer)`.
pub fn parameters(doc: &Value, pointer: &str) -> Vec<Result<Parameter, String>> {
    let item = pointer.rsplit_once('/').map(|(a, _)| a).unwrap_or(pointer);
    let mut out = Vec::new();
    for base in [format!("{item}/parameters"), format!("{pointer}/parameters")] {
        for (i, raw) in doc.pointer(&base).and_then(Value::as_array).into_iter().flatten().enumerate() {
            let ptr = format!("{base}/{i}");
            match resolve(doc, raw) {
                Some(v) => out.push(Ok(Parameter {
                    pointer: ptr,
                    name: str_of(v, "name").to_string(),
                    location: str_of(v, "in").to_string(),
                    required: v.get("required").and_then(Value::as_bool).unwrap_or(false),
                    value: v.clone(),
                })),
                None => out.push(Err(ptr)),
            }
        }
    }
    out
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
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

/// Lists the operations of a merged document, in path order.
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
            let needs_user = security.and_then(Value::as_array).is_some_and(|reqs| {
                !reqs.is_empty()
                    && reqs
                        .iter()
                        .all(|r| r.as_object().is_some_and(|schemes| schemes.keys().any(|k| is_user_scheme(k))))
            });
            let server = op.pointer("/servers/0/url").and_then(Value::as_str).map(str::to_string);
            let (status, example, may_be_empty) = success_response(op)
                .map(|(code, resp)| {
                    let ex = resp
                        .pointer("/content/application~1json/example")
                        .map(|v| serde_json::to_string(v).unwrap_or_default());
                    let empty = resp.get("x-altegio-may-be-empty").and_then(Value::as_bool).unwrap_or(false);
                    (code.parse().unwrap_or(200), ex, empty)
                })
                .unwrap_or((200, None, false));
            let flag = |key: &str| op.get(key).and_then(Value::as_bool).unwrap_or(false);
            out.push(Operation {
                id: str_of(op, "operationId").to_string(),
                method: method.to_uppercase(),
                path: path.clone(),
                pointer: format!("/paths/{}/{}", esc(path), method),
                area: areas.get(&tag).cloned().unwrap_or_default(),
                tag,
                summary: str_of(op, "summary").to_string(),
                needs_user,
                server,
                partner_only: flag("x-altegio-partner-only"),
                mass_mailing_filters: op
                    .get("x-altegio-mass-mailing")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                    .unwrap_or_default(),
                partner_token_accepted: flag("x-altegio-partner-token-accepted"),
                status,
                may_be_empty,
                example,
                deprecated: flag("deprecated"),
                handwritten: flag("x-altegio-handwritten"),
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

/// Collects every `#/components/<kind>/<name>` reference below `v`, as `<kind>/<name>`.
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

/// Every component (`<kind>/<name>`) reachable from `roots` through `$ref`s, roots included.
pub fn reachable(doc: &Value, roots: impl IntoIterator<Item = String>) -> BTreeSet<String> {
    let comps = doc.get("components").unwrap_or(&Value::Null);
    let mut reached = BTreeSet::new();
    let mut queue: Vec<String> = Vec::new();
    for r in roots {
        if reached.insert(r.clone()) {
            queue.push(r);
        }
    }
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
    reached
}

/// The name of the component schema a `$ref` points to (`#/components/schemas/X` → `X`).
pub fn schema_ref(v: &Value) -> Option<&str> {
    v.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/components/schemas/"))
}
