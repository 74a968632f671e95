//! Reading a spec folder: the root document and its area files, merged into one document,
//! with the file each part came from so that every error can name it.

use crate::SpecError;
use crate::model::esc;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The root document of an API's folder (`openapi/<api>/openapi.yaml`).
pub const ROOT_FILE: &str = "openapi.yaml";
/// The folder of area files, relative to an API's folder.
pub const AREAS_DIR: &str = "areas";

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
            SpecError::file(ROOT_FILE, "cannot load the spec")
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
