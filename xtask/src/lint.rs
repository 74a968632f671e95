//! `cargo xtask lint`: the project's rules for the OpenAPI document (see `openapi/README.md`).

use crate::spec::{self, METHODS, Spec, SpecError, esc};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Checks a merged spec and returns every finding.
pub fn lint(spec: &Spec, api: &str) -> Vec<SpecError> {
    let mut l = Linter { spec, api, out: Vec::new() };
    l.version();
    l.root();
    l.operations();
    l.refs();
    l.schemas();
    l.partials();
    l.collisions();
    l.out
}

/// Checks the cargo features of `Cargo.toml` (its text) against the areas of an API's spec:
/// the feature named after the API (`b2b`) lists exactly the spec's areas, and each area is
/// a feature of its own. An area can then never vanish from the build silently.
pub fn features(spec: &Spec, api: &str, cargo_toml: &str) -> Vec<SpecError> {
    let err = |pointer: String, message: String| SpecError { file: "Cargo.toml".into(), pointer, message };
    let manifest: toml::Table = match cargo_toml.parse() {
        Ok(t) => t,
        Err(e) => return vec![err(String::new(), format!("not valid TOML: {e}"))],
    };
    let declared = manifest.get("features").and_then(toml::Value::as_table).cloned().unwrap_or_default();
    let areas: BTreeSet<String> = spec::tag_areas(&spec.doc).into_values().collect();
    let mut out = Vec::new();
    // A small API is one area named after the API: its feature is the area's own.
    if areas.len() == 1 && areas.contains(api) {
        if !declared.contains_key(api) {
            out.push(err(format!("/features/{api}"), format!("the API `{api}` has no cargo feature")));
        }
        return out;
    }
    let listed: BTreeSet<String> = match declared.get(api).and_then(toml::Value::as_array) {
        Some(list) => list.iter().filter_map(toml::Value::as_str).map(str::to_string).collect(),
        None => {
            out.push(err(
                format!("/features/{api}"),
                format!("the feature `{api}` (every area of the API) is missing"),
            ));
            BTreeSet::new()
        }
    };
    for area in areas.difference(&listed) {
        out.push(err(
            format!("/features/{api}"),
            format!("the area `{area}` of openapi/{api}/ is not in the feature `{api}`"),
        ));
    }
    for extra in listed.difference(&areas) {
        out.push(err(
            format!("/features/{api}"),
            format!("`{extra}` is in the feature `{api}` but is no area of openapi/{api}/"),
        ));
    }
    for area in &areas {
        if !declared.contains_key(area) {
            out.push(err(
                format!("/features/{}", esc(area)),
                format!("the area `{area}` has no cargo feature of its own"),
            ));
        }
    }
    out
}

/// Runs progenitor on the operations of `areas` (all when empty) and reports what it rejects.
pub fn generation(spec: &Spec, api: &str, areas: &BTreeSet<String>) -> Vec<SpecError> {
    let doc = spec::prepare(spec, (!areas.is_empty()).then_some(areas));
    match spec::generate(spec, api, &doc) {
        Ok(_) => Vec::new(),
        Err(e) => vec![e],
    }
}

struct Linter<'a> {
    /// The API's folder name under `openapi/`.
    api: &'a str,
    spec: &'a Spec,
    out: Vec<SpecError>,
}

const ERROR_REF: &str = "#/components/responses/Error";

impl Linter<'_> {
    fn push(&mut self, pointer: &str, message: impl Into<String>) {
        self.out.push(self.spec.error(pointer, message));
    }

    fn doc(&self) -> &Value {
        &self.spec.doc
    }

    fn version(&mut self) {
        match self.doc().get("openapi").and_then(Value::as_str) {
            Some(v) if v.starts_with("3.0.") => {}
            Some(v) => self.push("/openapi", format!("must be OpenAPI 3.0.x (progenitor reads no other), found {v}")),
            None => self.push("/openapi", "missing `openapi: 3.0.3`"),
        }
    }

    fn root(&mut self) {
        for (name, _) in spec::REPLACEMENTS {
            if self.doc().pointer(&format!("/components/schemas/{name}")).is_none() {
                self.push("/components/schemas", format!("the quirk schema `{name}` is missing"));
            }
        }
        if self.doc().pointer("/components/responses/Error").is_none() {
            self.push("/components/responses", "the shared `Error` response is missing");
        }
        let areas = spec::tag_areas(self.doc());
        let tags = self.doc().get("tags").and_then(Value::as_array).cloned().unwrap_or_default();
        for (i, t) in tags.iter().enumerate() {
            if t.get("x-area").and_then(Value::as_str).is_none() {
                self.push(
                    &format!("/tags/{i}"),
                    "a tag needs `x-area`, the area (file and cargo feature) it belongs to",
                );
            }
        }
        let _ = areas;
    }

    fn operations(&mut self) {
        let ops = spec::operations(self.doc());
        let areas = spec::tag_areas(self.doc());
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for op in &ops {
            let p = op.pointer.as_str();
            let node = self.doc().pointer(p).cloned().unwrap_or(Value::Null);
            // operationId
            if op.id.is_empty() {
                self.push(p, "missing operationId");
            } else {
                if !is_snake(&op.id) {
                    self.push(&format!("{p}/operationId"), format!("`{}` is not snake_case", op.id));
                }
                if let Some(prev) = seen.insert(op.id.clone(), p.to_string()) {
                    self.push(&format!("{p}/operationId"), format!("`{}` is also used at {prev}", op.id));
                }
            }
            // tag
            match node.get("tags").and_then(Value::as_array).map(Vec::len) {
                Some(1) => {
                    if !areas.contains_key(&op.tag) {
                        self.push(&format!("{p}/tags"), format!("tag `{}` is not declared in the root `tags`", op.tag));
                    } else {
                        let file = self.spec.file_of(p);
                        let want = format!("{}/{}.yaml", spec::AREAS_DIR, op.area);
                        if !file.ends_with(&want) {
                            self.push(
                                p,
                                format!("operations tagged `{}` belong in openapi/{}/{want}", op.tag, self.api),
                            );
                        }
                    }
                }
                _ => self.push(&format!("{p}/tags"), "exactly one tag per operation"),
            }
            if op.summary.trim().is_empty() {
                self.push(p, "missing summary (it becomes the first line of the method's docs)");
            }
            self.security(p, &node);
            self.parameters(p, &op.path, &node);
            self.request_body(p, &node, op.handwritten);
            self.responses(p, &node);
        }
    }

    /// One requirement naming one scheme: `BearerPartner` or a user scheme the document
    /// declares (`BearerPartnerUser`, `BearerPartnerBookingUser`); or, for a user token
    /// that is optional, two: `BearerPartner` and a user scheme.
    fn security(&mut self, p: &str, node: &Value) {
        let declared = |name: &str| self.doc().pointer(&format!("/components/securitySchemes/{name}")).is_some();
        let scheme = |r: &Value| -> Option<String> {
            let m = r.as_object()?;
            (m.len() == 1).then(|| m.keys().next().cloned()).flatten()
        };
        let schemes: Option<Vec<String>> =
            node.get("security").and_then(Value::as_array).map(|reqs| reqs.iter().filter_map(scheme).collect());
        let allowed = |s: &String| s == "BearerPartner" || altegio_codegen::model::is_user_scheme(s);
        let ok = match schemes.as_deref() {
            Some([one]) => allowed(one) && declared(one),
            Some([a, b]) => {
                a == "BearerPartner" && altegio_codegen::model::is_user_scheme(b) && declared(a) && declared(b)
            }
            _ => false,
        } && node.get("security").and_then(Value::as_array).map(Vec::len) == schemes.as_ref().map(Vec::len);
        if !ok {
            self.push(
                &format!("{p}/security"),
                "needs one requirement, `BearerPartner` or a declared user scheme (`BearerPartnerUser`...), \
                 or two for an optional user token: `BearerPartner` then the user scheme",
            );
        }
    }

    fn parameters(&mut self, p: &str, path: &str, _node: &Value) {
        let mut declared: Vec<(String, Value)> = Vec::new();
        for param in altegio_codegen::model::parameters(self.doc(), p) {
            match param {
                Ok(param) => declared.push((param.pointer, param.value)),
                Err(ptr) => self.push(&ptr, "unresolved parameter $ref"),
            }
        }
        let placeholders: BTreeSet<String> =
            path.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string())).collect();
        let mut path_params = BTreeSet::new();
        let mut setters: BTreeMap<String, String> = BTreeMap::new();
        for (ptr, param) in &declared {
            let name = param.get("name").and_then(Value::as_str).unwrap_or_default();
            if let Some(prev) = setters.insert(snake_case(name), name.to_string()) {
                self.push(ptr, format!("parameters `{name}` and `{prev}` become the same Rust setter; keep one"));
            }
            match param.get("in").and_then(Value::as_str) {
                Some("path") => {
                    path_params.insert(name.to_string());
                    if param.get("required").and_then(Value::as_bool) != Some(true) {
                        self.push(ptr, format!("path parameter `{name}` must be required"));
                    }
                }
                Some("query" | "header") => {
                    if param.pointer("/schema/type").and_then(Value::as_str) == Some("object")
                        && param.get("required").and_then(Value::as_bool) != Some(true)
                    {
                        self.push(ptr, format!("optional object query parameter `{name}` makes progenitor panic"));
                    }
                    if param.get("style").and_then(Value::as_str) == Some("deepObject") {
                        self.push(ptr, "deepObject parameters are not supported by progenitor");
                    }
                }
                Some("cookie") => self.push(ptr, "cookie parameters are not supported by progenitor"),
                _ => self.push(ptr, "parameter without a valid `in`"),
            }
            if param.get("schema").is_none() {
                self.push(ptr, format!("parameter `{name}` has no schema"));
            }
            if param.get("description").and_then(Value::as_str).is_none_or(|d| d.trim().is_empty()) {
                self.push(
                    ptr,
                    format!("describe the parameter `{name}`: its `description` becomes the setter's doc comment"),
                );
            }
            let ty = param.pointer("/schema/type").and_then(Value::as_str);
            let id_like = name == "id" || name.ends_with("_id") || name == "page" || name == "count";
            if ty == Some("number") && id_like {
                self.push(ptr, format!("`{name}` is an id or a count: use `type: integer, format: int64`"));
            }
        }
        for ph in placeholders.difference(&path_params) {
            self.push(p, format!("the path placeholder `{{{ph}}}` has no path parameter"));
        }
        for extra in path_params.difference(&placeholders) {
            self.push(p, format!("path parameter `{extra}` is not in the path"));
        }
    }

    fn request_body(&mut self, p: &str, node: &Value, handwritten: bool) {
        let Some(body) = node.get("requestBody") else {
            return;
        };
        let ptr = format!("{p}/requestBody");
        let Some(content) = body.get("content").and_then(Value::as_object) else {
            self.push(&ptr, "a request body needs `content`");
            return;
        };
        if content.len() != 1 {
            self.push(&format!("{ptr}/content"), "exactly one media type (progenitor panics on more)");
        }
        for (media, m) in content {
            let mp = format!("{ptr}/content/{}", esc(media));
            match media.as_str() {
                "application/json" | "application/x-www-form-urlencoded" => {}
                "multipart/form-data" if handwritten => {}
                "multipart/form-data" => {
                    self.push(&mp, "progenitor cannot generate multipart bodies: add `x-altegio-handwritten: true`")
                }
                other => self.push(&mp, format!("unsupported request media type `{other}`")),
            }
            if m.pointer("/schema/$ref").is_none() {
                self.push(&format!("{mp}/schema"), "a request body schema must be a $ref to a named schema");
            }
        }
    }

    fn responses(&mut self, p: &str, node: &Value) {
        let rp = format!("{p}/responses");
        let Some(responses) = node.get("responses").and_then(Value::as_object) else {
            self.push(&rp, "missing responses");
            return;
        };
        let success: Vec<(&String, &Value)> = responses.iter().filter(|(c, _)| c.starts_with('2')).collect();
        if success.len() != 1 {
            self.push(&rp, format!("exactly one success response, found {}", success.len()));
        }
        for (code, resp) in &success {
            let sp = format!("{rp}/{}", esc(code));
            if !matches!(code.as_str(), "200" | "201" | "202" | "204") {
                self.push(&sp, format!("success status must be the real code (200, 201, 202 or 204), found `{code}`"));
            }
            match resp.get("content").and_then(Value::as_object) {
                None => {
                    if !matches!(code.as_str(), "202" | "204" | "200" | "201") {
                        self.push(&sp, "missing content");
                    }
                }
                Some(content) => {
                    if content.len() != 1 {
                        self.push(&format!("{sp}/content"), "exactly one media type");
                    }
                    if code.as_str() == "204" {
                        self.push(&format!("{sp}/content"), "a 204 reply has no body: drop `content`");
                    }
                    for (media, m) in content {
                        let mp = format!("{sp}/content/{}", esc(media));
                        if m.pointer("/schema/$ref").is_none() {
                            self.push(&format!("{mp}/schema"), "a response schema must be a $ref to a named schema");
                        }
                        match media.as_str() {
                            "application/json" => {
                                match m.get("example") {
                                    None => self
                                        .push(&mp, "the success body needs an `example` of what the API really sends"),
                                    Some(ex) => {
                                        // The mock serves a list example as the whole list, which
                                        // a stream checks against the reported total.
                                        let items = ex.get("data").and_then(Value::as_array).map(Vec::len);
                                        let total = ex.pointer("/meta/total_count").and_then(Value::as_u64);
                                        if let (Some(items), Some(total)) = (items, total)
                                            && items as u64 != total
                                        {
                                            self.push(
                                                &format!("{mp}/example/meta/total_count"),
                                                format!(
                                                    "a list example is served by the mock as the whole list: its \
                                                     total_count ({total}) must be its number of items ({items})"
                                                ),
                                            );
                                        }
                                    }
                                }
                            }
                            "application/pdf" | "application/octet-stream" => {}
                            other => self.push(&mp, format!("unsupported response media type `{other}`")),
                        }
                    }
                }
            }
        }
        for (code, resp) in responses {
            if code.starts_with('2') {
                continue;
            }
            let ep = format!("{rp}/{}", esc(code));
            if !matches!(code.as_str(), "4XX" | "5XX") {
                self.push(&ep, format!("errors are declared only as `4XX` and `5XX`, found `{code}`"));
            } else if resp.get("$ref").and_then(Value::as_str) != Some(ERROR_REF) {
                self.push(&ep, format!("must be `$ref: '{ERROR_REF}'`"));
            }
        }
        for code in ["4XX", "5XX"] {
            if !responses.contains_key(code) {
                self.push(&rp, format!("missing `{code}: $ref '{ERROR_REF}'`"));
            }
        }
    }

    fn refs(&mut self) {
        let mut found = Vec::new();
        walk(self.doc(), "", &mut |ptr, v| {
            if let Some(r) = v.get("$ref").and_then(Value::as_str) {
                found.push((ptr.to_string(), r.to_string()));
            }
        });
        for (ptr, r) in found {
            let ok = r.strip_prefix('#').is_some_and(|rest| self.doc().pointer(rest).is_some());
            if !ok {
                self.push(&ptr, format!("unresolved $ref `{r}`"));
            } else if ptr.starts_with("/paths/") && ptr.split('/').count() == 3 {
                self.push(&ptr, "path items cannot be $refs");
            }
        }
    }

    fn schemas(&mut self) {
        let schemas = self.doc().pointer("/components/schemas").and_then(Value::as_object).cloned().unwrap_or_default();
        let response_reach = self.response_schemas();
        let mut rust_names: BTreeMap<String, String> = BTreeMap::new();
        for (name, schema) in &schemas {
            let sp = format!("/components/schemas/{}", esc(name));
            if !is_pascal(name) {
                self.push(&sp, format!("schema names are PascalCase: `{name}`"));
            }
            if let Some(prev) = rust_names.insert(pascal(name), name.clone()) {
                self.push(&sp, format!("`{name}` and `{prev}` become the same Rust type name"));
            }
            if name.ends_with(spec::OR_EMPTY_SUFFIX) && spec::or_empty_target(name, self.doc()).is_none() {
                let base = name.trim_end_matches(spec::OR_EMPTY_SUFFIX);
                self.push(&sp, format!("an `...OrEmpty` schema is exactly `oneOf: [$ref {base}, $ref EmptyArray]`"));
            }
            let in_response = response_reach.contains(name);
            let mut findings = Vec::new();
            walk(schema, &sp, &mut |ptr, v| {
                let Some(obj) = v.as_object() else { return };
                // A `properties` map holds property names, not keywords.
                if ptr.ends_with("/properties") {
                    return;
                }
                if let Some(t) = obj.get("type") {
                    if !t.is_string() {
                        findings.push((
                            ptr.to_string(),
                            "OpenAPI 3.1 `type` lists are not 3.0: use `nullable: true`".to_string(),
                        ));
                    } else if t.as_str() == Some("null") {
                        findings.push((ptr.to_string(), "`type: null` is not 3.0: use `nullable: true`".to_string()));
                    }
                }
                if obj.get("additionalProperties") == Some(&Value::Bool(false)) {
                    findings.push((
                        ptr.to_string(),
                        "no `additionalProperties: false`: new fields from Altegio would break decoding".into(),
                    ));
                }
                if in_response {
                    for k in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength"] {
                        if obj.contains_key(k) {
                            findings.push((
                                ptr.to_string(),
                                format!(
                                    "no `{k}` in response schemas: typify turns bounds into types that reject real data"
                                ),
                            ));
                        }
                    }
                    if let Some(f @ ("date" | "date-time")) = obj.get("format").and_then(Value::as_str) {
                        findings.push((
                            ptr.to_string(),
                            format!("no `format: {f}` in response schemas: use FlexDate/FlexDateTime"),
                        ));
                    }
                }
                if let Some(props) = obj.get("properties").and_then(Value::as_object) {
                    for (k, v) in props {
                        let described =
                            v.get("description").and_then(Value::as_str).is_some_and(|d| !d.trim().is_empty());
                        if !described {
                            findings.push((
                                format!("{ptr}/properties/{}", esc(k)),
                                "describe the property: its `description` becomes the field's doc comment".to_string(),
                            ));
                        }
                    }
                    let mut snake: BTreeMap<String, &String> = BTreeMap::new();
                    for k in props.keys() {
                        if let Some(prev) = snake.insert(snake_case(k), k) {
                            findings.push((
                                ptr.to_string(),
                                format!("properties `{k}` and `{prev}` become the same Rust field"),
                            ));
                        }
                    }
                }
            });
            for (ptr, msg) in findings {
                self.push(&ptr, msg);
            }
        }
    }

    /// Schemas marked `x-altegio-partial: true` (webhook payloads) describe data that may
    /// carry any subset of its fields: nothing they reach may be `required`.
    fn partials(&mut self) {
        let schemas = self.doc().pointer("/components/schemas").and_then(Value::as_object).cloned().unwrap_or_default();
        for (root, schema) in &schemas {
            if schema.get("x-altegio-partial").and_then(Value::as_bool) != Some(true) {
                continue;
            }
            let reached: BTreeSet<String> = spec::reachable(self.doc(), [format!("schemas/{root}")])
                .into_iter()
                .filter_map(|k| k.strip_prefix("schemas/").map(str::to_string))
                .collect();
            let mut findings = Vec::new();
            for name in &reached {
                let sp = format!("/components/schemas/{}", esc(name));
                walk(schemas.get(name).unwrap_or(&Value::Null), &sp, &mut |ptr, v| {
                    if ptr.ends_with("/properties") {
                        return;
                    }
                    if v.get("required").and_then(Value::as_array).is_some_and(|r| !r.is_empty()) {
                        findings.push((
                            ptr.to_string(),
                            format!("`{root}` is partial (x-altegio-partial): nothing it reaches may be `required`"),
                        ));
                    }
                });
            }
            for (ptr, msg) in findings {
                self.push(&ptr, msg);
            }
        }
    }

    /// Schema names reachable from success responses.
    fn response_schemas(&self) -> BTreeSet<String> {
        let mut refs = BTreeSet::new();
        for op in spec::operations(self.doc()) {
            if let Some((_, resp)) = self.doc().pointer(&op.pointer).and_then(spec::success_response) {
                spec::collect_refs(resp, &mut refs);
            }
        }
        spec::reachable(self.doc(), refs)
            .into_iter()
            .filter_map(|k| k.strip_prefix("schemas/").map(str::to_string))
            .collect()
    }

    /// Path templates that are the same to OpenAPI.
    fn collisions(&mut self) {
        let Some(paths) = self.doc().get("paths").and_then(Value::as_object).cloned() else {
            return;
        };
        type PathItems = Vec<(String, Map<String, Value>)>;
        let mut by_shape: BTreeMap<String, PathItems> = BTreeMap::new();
        for (path, item) in paths {
            let shape =
                path.split('/').map(|s| if s.starts_with('{') { "{}" } else { s }).collect::<Vec<_>>().join("/");
            by_shape.entry(shape).or_default().push((path, item.as_object().cloned().unwrap_or_default()));
        }
        for (_, items) in by_shape.into_iter().filter(|(_, v)| v.len() > 1) {
            let marked = items.iter().all(|(_, i)| i.get("x-altegio-template-collision") == Some(&Value::Bool(true)));
            let mut methods = BTreeSet::new();
            let overlap = items
                .iter()
                .flat_map(|(_, i)| i.keys().filter(|k| METHODS.contains(&k.as_str())).cloned().collect::<Vec<_>>())
                .any(|m| !methods.insert(m));
            for (path, _) in &items {
                if !marked {
                    self.push(
                        &format!("/paths/{}", esc(path)),
                        "this template is the same to OpenAPI as another one: mark both `x-altegio-template-collision: true` if intended",
                    );
                } else if overlap {
                    self.push(&format!("/paths/{}", esc(path)), "colliding templates must not share a method");
                }
            }
        }
    }
}

fn walk(v: &Value, ptr: &str, f: &mut dyn FnMut(&str, &Value)) {
    f(ptr, v);
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "example" || k == "examples" {
                    continue;
                }
                walk(x, &format!("{ptr}/{}", esc(k)), f);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(x, &format!("{ptr}/{i}"), f);
            }
        }
        _ => {}
    }
}

fn is_snake(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && s.starts_with(|c: char| c.is_ascii_lowercase())
}

fn is_pascal(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

fn pascal(s: &str) -> String {
    altegio_codegen::casing::pascal(s)
}

fn snake_case(s: &str) -> String {
    altegio_codegen::casing::snake(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::merge;

    const ROOT: &str = include_str!("../../openapi/b2b/openapi.yaml");

    /// A minimal valid area with one operation; each test breaks one thing.
    const AREA: &str = r##"
paths:
  /company/{location_id}:
    get:
      operationId: get_location
      tags: [Locations]
      summary: Get one location.
      security: [{BearerPartner: []}]
      parameters:
        - {name: location_id, in: path, required: true, description: ID of the location., schema: {type: integer, format: int64}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/LocationResponse'}
              example: {success: true, data: {id: "1"}, meta: []}
        "4XX": {$ref: '#/components/responses/Error'}
        "5XX": {$ref: '#/components/responses/Error'}
components:
  schemas:
    Location:
      type: object
      properties:
        id: {$ref: '#/components/schemas/FlexInt', description: ID of the location.}
    LocationResponse:
      allOf:
        - $ref: '#/components/schemas/Envelope'
        - type: object
          properties:
            data: {$ref: '#/components/schemas/Location', description: The location.}
"##;

    /// The project's root with `area` as its only area file.
    fn merged(area: &str) -> Spec {
        let root = crate::spec::parse_yaml("openapi/b2b/openapi.yaml", ROOT).unwrap();
        let part = crate::spec::parse_yaml("openapi/b2b/areas/locations.yaml", area).unwrap();
        let (spec, errors) =
            merge(vec![("openapi/b2b/openapi.yaml".into(), root), ("openapi/b2b/areas/locations.yaml".into(), part)]);
        assert!(errors.is_empty(), "{errors:?}");
        spec.unwrap()
    }

    fn findings(area: &str) -> Vec<String> {
        lint(&merged(area), "b2b").iter().map(|e| e.to_string()).collect()
    }

    fn fires(area: &str, needle: &str) {
        let f = findings(area);
        assert!(f.iter().any(|m| m.contains(needle)), "expected a finding with `{needle}`, got {f:#?}");
        assert!(f.iter().all(|m| m.starts_with("openapi/")), "findings name their file: {f:#?}");
    }

    #[test]
    fn the_minimal_area_is_clean() {
        assert_eq!(findings(AREA), Vec::<String>::new());
    }

    #[test]
    fn rule_descriptions() {
        fires(&AREA.replace(", description: ID of the location.}", "}"), "describe the property");
        fires(
            &AREA.replace("description: ID of the location., schema", "schema"),
            "describe the parameter `location_id`",
        );
    }

    #[test]
    fn cargo_features_match_the_areas() {
        let root = crate::spec::parse_yaml("r", "tags: [{name: Locations, x-area: locations}]").unwrap();
        let spec = merge(vec![("openapi/b2b/openapi.yaml".into(), root)]).0.unwrap();
        let good = "[features]\nb2b = [\"locations\"]\nlocations = []\n";
        assert!(features(&spec, "b2b", good).is_empty());
        let missing = features(&spec, "b2b", "[features]\nb2b = []\nlocations = []\n");
        assert!(missing.iter().any(|e| e.message.contains("`locations` of openapi/b2b/ is not in")), "{missing:?}");
        let extra = features(&spec, "b2b", "[features]\nb2b = [\"locations\", \"gone\"]\nlocations = []\n");
        assert!(extra.iter().any(|e| e.message.contains("`gone` is in the feature")), "{extra:?}");
        let own = features(&spec, "b2b", "[features]\nb2b = [\"locations\"]\n");
        assert!(own.iter().any(|e| e.message.contains("no cargo feature of its own")), "{own:?}");
    }

    #[test]
    fn the_project_features_match_the_areas() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let (spec, _) = crate::spec::load_all(&root.join("openapi/b2b"));
        let text = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
        let found = features(&spec.expect("loads"), "b2b", &text);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn the_project_spec_is_clean() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/b2b");
        let (spec, mut errors) = crate::spec::load_all(&dir);
        let spec = spec.expect("the root loads");
        errors.extend(lint(&spec, "b2b"));
        if errors.is_empty() {
            errors.extend(generation(&spec, "b2b", &BTreeSet::new()));
        }
        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert!(text.is_empty(), "cargo xtask lint findings:\n{}", text.join("\n"));
    }

    /// Builders are generated for what is sent (bodies and what they contain, inbound
    /// schemas), not for reply-only types.
    #[test]
    fn builders_only_for_sent_types() {
        let area = AREA.replace(
            "components:\n  schemas:\n",
            r##"  /company/{location_id}/notes:
    post:
      operationId: create_location_note
      tags: [Locations]
      summary: Add a note.
      security: [{BearerPartner: [], User: []}]
      parameters:
        - {name: location_id, in: path, required: true, schema: {type: integer, format: int64}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NoteWrite'}
      responses:
        "201": {description: created}
        "4XX": {$ref: '#/components/responses/Error'}
        "5XX": {$ref: '#/components/responses/Error'}
components:
  schemas:
    NoteWrite:
      type: object
      properties:
        text: {type: string}
        author: {$ref: '#/components/schemas/NoteAuthor'}
    NoteAuthor:
      type: object
      properties:
        name: {type: string}
    NoteEvent:
      x-altegio-inbound: true
      type: object
      properties:
        note: {type: string}
"##,
        );
        let spec = merged(&area);
        let doc = spec::prepare(&spec, None);
        let code = spec::generate(&spec, "b2b", &doc).expect("generates");
        let file: syn::File = syn::parse_str(&code).expect("parses");
        let types = file
            .items
            .iter()
            .find_map(|i| match i {
                syn::Item::Mod(m) if m.ident == "types" => m.content.as_ref().map(|c| &c.1),
                _ => None,
            })
            .expect("a types module");
        let builders: BTreeSet<String> = types
            .iter()
            .filter_map(|i| match i {
                syn::Item::Mod(m) if m.ident == "builder" => m.content.as_ref().map(|c| &c.1),
                _ => None,
            })
            .flatten()
            .filter_map(|i| match i {
                syn::Item::Struct(s) => Some(s.ident.to_string()),
                _ => None,
            })
            .collect();
        for sent in ["NoteWrite", "NoteAuthor", "NoteEvent"] {
            assert!(builders.contains(sent), "`{sent}` lost its builder: {builders:?}");
        }
        for read in ["Location", "LocationResponse"] {
            assert!(!builders.contains(read), "`{read}` is only read, yet has a builder");
            assert!(!code.contains(&format!("fn builder() -> builder::{read} ")), "`{read}::builder()` is left");
        }
    }

    #[test]
    fn rule_openapi_version() {
        let root = crate::spec::parse_yaml("r", &ROOT.replace("openapi: 3.0.3", "openapi: 3.1.0")).unwrap();
        let (spec, _) = merge(vec![("openapi/b2b/openapi.yaml".into(), root)]);
        let f: Vec<String> = lint(&spec.unwrap(), "b2b").iter().map(|e| e.to_string()).collect();
        assert!(f.iter().any(|m| m.contains("OpenAPI 3.0.x")), "{f:?}");
    }

    #[test]
    fn rule_operation_id_snake_case() {
        fires(&AREA.replace("operationId: get_location", "operationId: getLocation"), "not snake_case");
    }

    #[test]
    fn rule_operation_id_present() {
        fires(&AREA.replace("      operationId: get_location\n", ""), "missing operationId");
    }

    #[test]
    fn rule_operation_id_unique() {
        let dup = AREA.replace("components:", "  /companies:\n    get:\n      operationId: get_location\n      tags: [Locations]\n      summary: x\n      security: [{BearerPartner: []}]\n      responses:\n        \"204\": {description: none}\n        \"4XX\": {$ref: '#/components/responses/Error'}\n        \"5XX\": {$ref: '#/components/responses/Error'}\ncomponents:");
        fires(&dup, "is also used at");
    }

    #[test]
    fn rule_one_tag() {
        fires(&AREA.replace("tags: [Locations]", "tags: [Locations, Clients]"), "exactly one tag");
        fires(&AREA.replace("tags: [Locations]", "tags: [Clients]"), "belong in openapi/b2b/areas/clients.yaml");
    }

    #[test]
    fn rule_summary() {
        fires(&AREA.replace("summary: Get one location.", "summary: ''"), "missing summary");
    }

    #[test]
    fn rule_security() {
        fires(&AREA.replace("      security: [{BearerPartner: []}]\n", ""), "BearerPartnerUser");
        fires(&AREA.replace("BearerPartner: []", "ApiKey: []"), "BearerPartnerUser");
    }

    #[test]
    fn rule_path_parameters_match() {
        fires(&AREA.replace("{name: location_id, in: path", "{name: company_id, in: path"), "has no path parameter");
        fires(&AREA.replace("in: path, required: true", "in: path, required: false"), "must be required");
        fires(
            &AREA.replace("schema: {type: integer, format: int64}}", "schema: {type: number}}"),
            "use `type: integer",
        );
    }

    #[test]
    fn rule_unique_parameter_setters() {
        fires(
            &AREA.replace(
                "        - {name: location_id, in: path, required: true, description: ID of the location., schema: {type: integer, format: int64}}",
                "        - {name: location_id, in: path, required: true, description: ID of the location., schema: {type: integer, format: int64}}\n        - {name: id, in: query, schema: {type: integer}}\n        - {name: 'id[]', in: query, schema: {type: array, items: {type: integer}}}",
            ),
            "same Rust setter",
        );
    }

    #[test]
    fn rule_ref_bodies() {
        fires(
            &AREA.replace("schema: {$ref: '#/components/schemas/LocationResponse'}", "schema: {type: object}"),
            "must be a $ref",
        );
    }

    #[test]
    fn rule_one_success_and_error_schema() {
        fires(
            &AREA.replace("        \"4XX\":", "        \"201\": {description: also}\n        \"4XX\":"),
            "exactly one success",
        );
        fires(
            &AREA.replace("\"5XX\": {$ref: '#/components/responses/Error'}", "\"500\": {description: x}"),
            "only as `4XX` and `5XX`",
        );
        fires(
            &AREA.replace(
                "\"4XX\": {$ref: '#/components/responses/Error'}",
                "\"4XX\": {$ref: '#/components/responses/Other'}",
            ),
            "must be `$ref",
        );
    }

    #[test]
    fn rule_example_required() {
        fires(
            &AREA.replace("              example: {success: true, data: {id: \"1\"}, meta: []}\n", ""),
            "needs an `example`",
        );
    }

    #[test]
    fn rule_list_example_total_matches_its_items() {
        fires(
            &AREA.replace(
                "example: {success: true, data: {id: \"1\"}, meta: []}",
                "example: {success: true, data: [{id: \"1\"}], meta: {total_count: 9}}",
            ),
            "total_count (9) must be its number of items (1)",
        );
    }

    #[test]
    fn rule_unresolved_ref() {
        fires(
            &AREA.replace("$ref: '#/components/schemas/FlexInt'", "$ref: '#/components/schemas/Nope'"),
            "unresolved $ref",
        );
    }

    #[test]
    fn rule_no_additional_properties_false() {
        fires(
            &AREA.replace(
                "    Location:\n      type: object\n",
                "    Location:\n      type: object\n      additionalProperties: false\n",
            ),
            "additionalProperties: false",
        );
    }

    #[test]
    fn rule_no_bounds_in_responses() {
        fires(
            &AREA.replace(
                "id: {$ref: '#/components/schemas/FlexInt', description: ID of the location.}",
                "id: {type: integer, minimum: 1, description: d}",
            ),
            "no `minimum`",
        );
        fires(
            &AREA.replace(
                "id: {$ref: '#/components/schemas/FlexInt', description: ID of the location.}",
                "id: {type: string, format: date-time, description: d}",
            ),
            "FlexDateTime",
        );
    }

    #[test]
    fn rule_3_1_types() {
        fires(
            &AREA.replace(
                "id: {$ref: '#/components/schemas/FlexInt', description: ID of the location.}",
                "id: {type: [string, 'null'], description: d}",
            ),
            "3.1",
        );
    }

    #[test]
    fn rule_unique_rust_names() {
        fires(
            &AREA.replace(
                "components:\n  schemas:\n",
                "components:\n  schemas:\n    location_response: {type: object}\n",
            ),
            "same Rust type name",
        );
        fires(
            &AREA.replace(
                "        id: {$ref: '#/components/schemas/FlexInt', description: ID of the location.}\n",
                "        id: {$ref: '#/components/schemas/FlexInt', description: ID of the location.}\n        Id: {type: string, description: d}\n",
            ),
            "same Rust field",
        );
    }

    #[test]
    fn rule_or_empty_shape() {
        fires(
            &AREA
                .replace("components:\n  schemas:\n", "components:\n  schemas:\n    LocationOrEmpty: {type: object}\n"),
            "OrEmpty",
        );
    }

    #[test]
    fn rule_template_collisions() {
        let two = AREA.replace("components:", "  /company/{id}:\n    put:\n      operationId: put_location\n      tags: [Locations]\n      summary: x\n      security: [{BearerPartner: []}]\n      parameters:\n        - {name: id, in: path, required: true, description: d, schema: {type: integer, format: int64}}\n      responses:\n        \"204\": {description: none}\n        \"4XX\": {$ref: '#/components/responses/Error'}\n        \"5XX\": {$ref: '#/components/responses/Error'}\ncomponents:");
        fires(&two, "same to OpenAPI");
        let marked = two
            .replace(
                "  /company/{location_id}:\n",
                "  /company/{location_id}:\n    x-altegio-template-collision: true\n",
            )
            .replace("  /company/{id}:\n", "  /company/{id}:\n    x-altegio-template-collision: true\n");
        assert_eq!(findings(&marked), Vec::<String>::new());
    }

    #[test]
    fn rule_partial_payloads_require_nothing() {
        let partial = AREA.replace(
            "components:\n  schemas:\n",
            "components:\n  schemas:\n    Payloads:\n      x-altegio-partial: true\n      type: object\n      properties:\n        location: {$ref: '#/components/schemas/Location', description: d}\n",
        );
        assert_eq!(findings(&partial), Vec::<String>::new());
        fires(
            &partial.replace(
                "      properties:\n        id: {$ref",
                "      required: [id]\n      properties:\n        id: {$ref",
            ),
            "x-altegio-partial",
        );
    }

    #[test]
    fn rule_multipart_needs_handwritten() {
        let mp = AREA.replace("      responses:", "      requestBody:\n        content:\n          multipart/form-data:\n            schema: {$ref: '#/components/schemas/Location'}\n      responses:");
        fires(&mp, "x-altegio-handwritten");
    }

    #[test]
    fn progenitor_panics_name_the_operation() {
        // progenitor asserts on two different success bodies; the linter names the operation.
        let root = crate::spec::parse_yaml("openapi/b2b/openapi.yaml", ROOT).unwrap();
        let bad = AREA.replace(
            "        \"4XX\": {$ref: '#/components/responses/Error'}",
            "        \"4XX\":\n          description: other\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Location'}",
        );
        let part = crate::spec::parse_yaml("openapi/b2b/areas/locations.yaml", &bad).unwrap();
        let (spec, _) =
            merge(vec![("openapi/b2b/openapi.yaml".into(), root), ("openapi/b2b/areas/locations.yaml".into(), part)]);
        let errs = generation(&spec.unwrap(), "b2b", &BTreeSet::new());
        let text = errs.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n");
        assert!(text.contains("openapi/b2b/areas/locations.yaml") && text.contains("get_location"), "{text}");
    }

    #[test]
    fn casing_helpers() {
        assert_eq!(pascal("location_response"), "LocationResponse");
        assert_eq!(pascal("LocationResponse"), "LocationResponse");
        assert_eq!(snake_case("showBookforms"), "show_bookforms");
        assert_eq!(snake_case("x-y"), "x_y");
    }
}
