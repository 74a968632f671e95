//! Running progenitor on a prepared document, with errors narrowed to one operation.

use crate::load::Spec;
use crate::model::{METHODS, esc, operations};
use crate::prepare::{builder_roots, replacements};
use crate::{Settings, SpecError};
use serde_json::Value;

/// Runs progenitor on a prepared document and returns formatted Rust source.
///
/// Generator panics (progenitor asserts on some constructs) are caught and reported
/// with the operation being generated when it can be told.
pub fn generate(spec: &Spec, doc: &Value, settings: &Settings) -> Result<String, SpecError> {
    use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle, TypeImpl};

    let api: openapiv3::OpenAPI = serde_json::from_value(doc.clone()).map_err(|e| SpecError {
        file: spec.root_file.clone(),
        pointer: String::new(),
        message: format!("not an OpenAPI 3.0 document progenitor can read: {e}"),
    })?;
    let inner: proc_macro2::TokenStream = settings.inner_type.parse().map_err(|e| SpecError {
        file: spec.root_file.clone(),
        pointer: String::new(),
        message: format!("the inner type `{}` is not a Rust path: {e}", settings.inner_type),
    })?;
    let progenitor_settings = {
        let mut s = GenerationSettings::new();
        s.with_interface(InterfaceStyle::Builder)
            .with_tag(TagStyle::Merged)
            .with_inner_type(inner)
            .with_hooks(HooksMode::Expected)
            .with_map_type("::std::collections::BTreeMap");
        for d in &settings.derives {
            s.with_derive(d);
        }
        // A date-time keeps the caller's offset: a salon's 23:59 on the last day of the
        // year must not go out as the next day in UTC.
        let date_time = schemars::schema::SchemaObject {
            instance_type: Some(schemars::schema::InstanceType::String.into()),
            format: Some("date-time".into()),
            ..Default::default()
        };
        s.with_conversion(
            date_time,
            "::chrono::DateTime<::chrono::FixedOffset>",
            [TypeImpl::Display, TypeImpl::FromStr].into_iter(),
        );
        for (name, ty) in replacements(doc, &format!("{}::types", settings.module)) {
            s.with_replacement(name, ty, std::iter::empty::<TypeImpl>());
        }
        s
    };
    let settings_in = settings;
    let settings = &progenitor_settings;
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| Generator::new(settings).generate_tokens(&api)));
    let tokens = match result {
        Ok(Ok(tokens)) => tokens,
        Ok(Err(e)) => return Err(locate_generator_error(spec, doc, &e.to_string())),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            return Err(find_panicking_operation(spec, doc, settings, &msg));
        }
    };
    let mut file: syn::File = syn::parse2(tokens).map_err(|e| SpecError {
        file: spec.root_file.clone(),
        pointer: String::new(),
        message: format!("progenitor produced code that does not parse: {e}"),
    })?;
    // A rewrite's error `at <JSON pointer>: <message>` names the file that declared it.
    crate::postprocess::apply(&mut file, doc, &builder_roots(doc), settings_in).map_err(|message| {
        match message.strip_prefix("at ").and_then(|m| m.split_once(": ")) {
            Some((pointer, m)) if pointer.starts_with('/') => spec.error(pointer, m),
            _ => SpecError { file: spec.root_file.clone(), pointer: String::new(), message },
        }
    })?;
    Ok(prettyplease::unparse(&file))
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
