//! `cargo xtask coverage`: compares each API's spec with the reference catalog of the
//! official Altegio docs: B2B with `../shared/reference/altegio-catalog.json` (source
//! `v1`), Online Booking and Developer Tools with `altegio-more-catalog.json` (sources
//! `booking` and `devtools`). An inbound entry (a payload Altegio sends, not a call) is
//! covered by a schema of the spec that names it: `x-altegio-inbound: <operationId>`.

use crate::spec::{self, Spec};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The deliberate differences, each with its reason (`openapi/coverage-exceptions.yaml`).
pub const EXCEPTIONS_FILE: &str = "coverage-exceptions.yaml";

/// One difference between the spec and the catalog.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Difference {
    /// The official operationId.
    pub operation: String,
    /// What differs: `missing`, `extra`, `method`, `path`, `body`, or `param <in>:<name>`.
    pub key: String,
    /// Details.
    pub detail: String,
}

/// The result of a comparison.
pub struct Report {
    /// Catalog operations (in scope).
    pub catalog: usize,
    /// Of those, present in the spec with the same operationId.
    pub covered: usize,
    /// Differences not listed as exceptions.
    pub unexplained: Vec<Difference>,
    /// Differences listed as exceptions, with their reason.
    pub explained: Vec<(Difference, String)>,
    /// Exceptions that matched nothing (stale).
    pub stale: Vec<(String, String)>,
}

fn catalog_ops<'a>(catalog: &'a Value, source: &str) -> Vec<&'a Value> {
    catalog
        .get("operations")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter(|o| o.get("source").and_then(Value::as_str) == Some(source)).collect())
        .unwrap_or_default()
}

/// The catalog file and source of an API (`b2b`, `booking`, `devtools`).
pub fn catalog_of(api: &str) -> (&'static str, &'static str) {
    match api {
        "booking" => ("altegio-more-catalog.json", "booking"),
        "devtools" => ("altegio-more-catalog.json", "devtools"),
        _ => ("altegio-catalog.json", "v1"),
    }
}

/// The official operationIds the spec's inbound schemas name (`x-altegio-inbound: <id>`).
fn inbound_ids(doc: &Value) -> BTreeSet<String> {
    doc.pointer("/components/schemas")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(_, schema)| schema.get("x-altegio-inbound").and_then(Value::as_str).map(str::to_string))
        .collect()
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or_default()
}

/// Parameters of a spec operation (path-level and operation-level, `$ref`s resolved):
/// `(in, name) -> required`.
fn spec_params(doc: &Value, pointer: &str) -> BTreeMap<(String, String), bool> {
    altegio_codegen::model::parameters(doc, pointer)
        .into_iter()
        .flatten()
        .map(|p| ((p.location, p.name), p.required))
        .collect()
}

/// Compares the spec with the catalog's operations of `source`; `areas` limits the
/// comparison to those areas (all when empty).
pub fn compare(
    spec: &Spec,
    catalog: &Value,
    source: &str,
    exceptions: &[(String, String, String)],
    areas: &BTreeSet<String>,
) -> Report {
    let doc = &spec.doc;
    let tag_areas = spec::tag_areas(doc);
    let in_scope = |tag: &str| areas.is_empty() || tag_areas.get(tag).is_some_and(|a| areas.contains(a));
    let ours: BTreeMap<String, spec::Operation> =
        spec::operations(doc).into_iter().map(|o| (o.id.clone(), o)).collect();
    let mut diffs = Vec::new();
    let mut catalog_n = 0;
    let mut covered = 0;
    let mut catalog_ids = BTreeSet::new();
    let inbound = inbound_ids(doc);
    for c in catalog_ops(catalog, source) {
        let id = s(c, "operationId").to_string();
        let tag = c.pointer("/tags/0").and_then(Value::as_str).unwrap_or_default();
        catalog_ids.insert(id.clone());
        if !in_scope(tag) {
            continue;
        }
        catalog_n += 1;
        let d = |key: &str, detail: String| Difference { operation: id.clone(), key: key.to_string(), detail };
        if c.get("inbound").and_then(Value::as_bool) == Some(true) {
            if inbound.contains(&id) {
                covered += 1;
            } else {
                diffs.push(d("missing", format!("no schema is marked `x-altegio-inbound: {id}` ({})", s(c, "path"))));
            }
            continue;
        }
        let Some(op) = ours.get(&id) else {
            diffs.push(d("missing", format!("{} {} is not in the spec", s(c, "method"), s(c, "path"))));
            continue;
        };
        covered += 1;
        if !op.method.eq_ignore_ascii_case(s(c, "method")) {
            diffs.push(d("method", format!("catalog {} vs spec {}", s(c, "method"), op.method)));
        }
        let cpath = s(c, "path");
        let cpath = cpath.strip_prefix("/api/v1").unwrap_or(cpath);
        if op.path != cpath {
            diffs.push(d("path", format!("catalog {cpath} vs spec {}", op.path)));
        }
        let theirs: BTreeMap<(String, String), bool> = c
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|p| {
                (
                    (s(p, "in").to_string(), s(p, "name").to_string()),
                    p.get("required").and_then(Value::as_bool).unwrap_or(false),
                )
            })
            .collect();
        let mine = spec_params(doc, &op.pointer);
        for (k, req) in &theirs {
            let key = format!("param {}:{}", k.0, k.1);
            match mine.get(k) {
                None => diffs.push(d(&key, "in the catalog, not in the spec".into())),
                Some(r) if r != req => diffs.push(d(&key, format!("required: catalog {req}, spec {r}"))),
                _ => {}
            }
        }
        for k in mine.keys().filter(|k| !theirs.contains_key(*k)) {
            diffs.push(d(&format!("param {}:{}", k.0, k.1), "in the spec, not in the catalog".into()));
        }
        let body_c = c.get("requestBody").is_some();
        let body_s = doc.pointer(&format!("{}/requestBody", op.pointer)).is_some();
        if body_c != body_s {
            diffs.push(d("body", format!("request body: catalog {body_c}, spec {body_s}")));
        }
    }
    for (id, op) in &ours {
        if !catalog_ids.contains(id) && in_scope(&op.tag) {
            diffs.push(Difference {
                operation: id.clone(),
                key: "extra".into(),
                detail: format!("{} {} is not in the catalog", op.method, op.path),
            });
        }
    }
    let mut used = BTreeSet::new();
    let mut unexplained = Vec::new();
    let mut explained = Vec::new();
    for d in diffs {
        match exceptions.iter().position(|(o, k, _)| *o == d.operation && *k == d.key) {
            Some(i) => {
                used.insert(i);
                explained.push((d, exceptions[i].2.clone()));
            }
            None => unexplained.push(d),
        }
    }
    let stale = exceptions
        .iter()
        .enumerate()
        .filter(|(i, (o, _, _))| {
            !used.contains(i) && (areas.is_empty() || ours.get(o).is_some_and(|op| in_scope(&op.tag)))
        })
        .map(|(_, (o, k, _))| (o.clone(), k.clone()))
        .collect();
    Report { catalog: catalog_n, covered, unexplained, explained, stale }
}

/// Reads `openapi/coverage-exceptions.yaml`: a list of `{operation, difference, reason}`.
pub fn load_exceptions(dir: &Path) -> Result<Vec<(String, String, String)>, String> {
    let path = dir.join(EXCEPTIONS_FILE);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v = spec::parse_yaml(EXCEPTIONS_FILE, &text).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (i, e) in v.as_array().into_iter().flatten().enumerate() {
        let (o, k, r) = (s(e, "operation"), s(e, "difference"), s(e, "reason"));
        if o.is_empty() || k.is_empty() || r.trim().is_empty() {
            return Err(format!("{}: entry {i} needs `operation`, `difference` and a `reason`", path.display()));
        }
        out.push((o.to_string(), k.to_string(), r.to_string()));
    }
    Ok(out)
}

/// Where a reference catalog file lives, relative to the repository root.
pub fn catalog_path(repo: &Path, file: &str) -> std::path::PathBuf {
    repo.join("../shared/reference").join(file)
}

/// Prints a report; returns whether it is clean.
pub fn print(report: &Report) -> bool {
    println!("covered {}/{} catalog operations", report.covered, report.catalog);
    for (d, why) in &report.explained {
        println!("  explained  {} [{}]: {} — {}", d.operation, d.key, d.detail, why);
    }
    for d in &report.unexplained {
        println!("  DIFFERENT  {} [{}]: {}", d.operation, d.key, d.detail);
    }
    for (o, k) in &report.stale {
        println!("  STALE exception {o} [{k}]: matches no difference any more");
    }
    report.unexplained.is_empty() && report.stale.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spec_matches_its_catalog_or_explains_why() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for api in crate::APIS {
            let dir = repo.join("openapi").join(api);
            if !dir.join(spec::ROOT_FILE).exists() {
                continue;
            }
            let (file, source) = catalog_of(api);
            let catalog_file = catalog_path(&repo, file);
            let Ok(text) = std::fs::read_to_string(&catalog_file) else {
                // CI always has ../shared beside the repository; a checkout without it
                // (a packaged crate) cannot compare.
                assert!(std::env::var_os("CI").is_none(), "reference catalog missing: {}", catalog_file.display());
                eprintln!("reference catalog not present at {}; coverage not checked", catalog_file.display());
                continue;
            };
            let catalog: Value = serde_json::from_str(&text).expect("the catalog is JSON");
            let spec = spec::load(&dir).expect("the spec loads");
            let exceptions = load_exceptions(&dir).expect("exceptions load");
            let r = compare(&spec, &catalog, source, &exceptions, &BTreeSet::new());
            let text: Vec<String> =
                r.unexplained.iter().map(|d| format!("{} [{}]: {}", d.operation, d.key, d.detail)).collect();
            assert!(text.is_empty(), "{api}: unexplained differences from the catalog:\n{}", text.join("\n"));
            assert!(r.stale.is_empty(), "{api}: stale exceptions: {:?}", r.stale);
        }
    }

    #[test]
    fn an_inbound_entry_is_covered_by_the_schema_that_names_it() {
        let root = spec::parse_yaml("r", include_str!("../../openapi/b2b/openapi.yaml")).unwrap();
        let named = spec::parse_yaml(
            "a",
            "components:\n  schemas:\n    SalonEvent:\n      type: object\n      x-altegio-inbound: webhook_salon\n",
        )
        .unwrap();
        let catalog = serde_json::json!({"operations": [
            {"source": "devtools", "operationId": "webhook_salon", "method": "POST", "path": "SalonEvent",
             "tags": ["Webhooks"], "inbound": true},
            {"source": "devtools", "operationId": "webhook_staff", "method": "POST", "path": "StaffEvent",
             "tags": ["Webhooks"], "inbound": true}
        ]});
        let (spec, _) = spec::merge(vec![("r".into(), root), ("areas/x.yaml".into(), named)]);
        let r = compare(&spec.unwrap(), &catalog, "devtools", &[], &BTreeSet::new());
        assert_eq!((r.covered, r.catalog), (1, 2));
        assert_eq!(r.unexplained.len(), 1);
        assert!(r.unexplained[0].operation == "webhook_staff" && r.unexplained[0].key == "missing");
    }

    #[test]
    fn differences_are_found() {
        let root = spec::parse_yaml("r", include_str!("../../openapi/b2b/openapi.yaml")).unwrap();
        let area = spec::parse_yaml(
            "a",
            r#"
paths:
  /companies:
    get:
      operationId: get_location_list
      tags: [Locations]
      parameters:
        - {name: page, in: query, required: true, schema: {type: integer}}
        - {name: extra, in: query, schema: {type: integer}}
      responses: {}
"#,
        )
        .unwrap();
        let (spec, _) = spec::merge(vec![
            ("openapi/b2b/openapi.yaml".into(), root),
            ("openapi/b2b/areas/locations.yaml".into(), area),
        ]);
        let catalog = serde_json::json!({"operations": [
            {"source": "v1", "operationId": "get_location_list", "method": "GET", "path": "/companies", "tags": ["Locations"],
             "parameters": [{"name": "page", "in": "query", "required": false}, {"name": "count", "in": "query", "required": false}],
             "requestBody": {"contentType": "application/json"}},
            {"source": "v1", "operationId": "get_location", "method": "GET", "path": "/company/{location_id}", "tags": ["Locations"], "parameters": []}
        ]});
        let r = compare(
            &spec.unwrap(),
            &catalog,
            "v1",
            &[("get_location".into(), "missing".into(), "because".into())],
            &BTreeSet::new(),
        );
        let keys: Vec<String> = r.unexplained.iter().map(|d| format!("{}:{}", d.operation, d.key)).collect();
        assert_eq!(
            keys,
            vec![
                "get_location_list:param query:count",
                "get_location_list:param query:page",
                "get_location_list:param query:extra",
                "get_location_list:body",
            ]
        );
        assert_eq!(r.explained.len(), 1);
        assert_eq!((r.catalog, r.covered), (2, 1));
    }
}
