//! Golden tests: each folder of `tests/cases/` is a small spec (one per rewrite of
//! progenitor's output and one per trap); its generated client, or the error it gives,
//! is compared with the file checked in beside it. A progenitor upgrade or a change of a
//! rewrite shows here as a diff. `UPDATE_GOLDEN=1 cargo test -p altegio-codegen` writes the
//! files anew; review the diff before committing.

use altegio_codegen::{Request, Settings, build_api};
use std::path::{Path, PathBuf};

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases").join(name)
}

fn settings() -> Settings {
    let mut s = Settings::for_api("golden");
    s.client_doc = "The client of the golden tests.".into();
    s
}

/// Compares `actual` with the checked-in file `name` of the case, or writes it.
fn golden(case_name: &str, file: &str, actual: &str) {
    let path = case(case_name).join(file);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write the golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1 to create it)", path.display()));
    if expected != actual {
        let first = expected.lines().zip(actual.lines()).position(|(a, b)| a != b);
        panic!(
            "{} differs from the generated output (first differing line: {:?}); run with UPDATE_GOLDEN=1 and review \
             the diff",
            path.display(),
            first.map(|n| n + 1)
        );
    }
}

/// The code without white space, so that checks do not depend on prettyplease's layout.
fn squash(code: &str) -> String {
    code.split_whitespace().collect()
}

fn generated(name: &str) -> altegio_codegen::Output {
    build_api(&case(name), &settings(), &Request::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn error(name: &str) -> String {
    match build_api(&case(name), &settings(), &Request::default()) {
        Ok(_) => panic!("{name} should not generate"),
        Err(e) => e.to_string().replace(env!("CARGO_MANIFEST_DIR"), "<codegen>"),
    }
}

#[test]
fn rewrites() {
    let out = generated("rewrites");
    golden("rewrites", "client.rs", &out.client);
    golden("rewrites", "operations.rs", &out.operations);
    let code = &squash(&out.client);
    // send -> send_raw + send/send_with through the runtime.
    assert!(code.contains(&squash("pub(crate) async fn send_raw(")), "send_raw");
    assert!(code.contains(&squash("crate::runtime::typed(\"get_note\"")), "typed runner");
    assert!(code.contains(&squash("crate::runtime::untyped(\"delete_notes\"")), "untyped runner for a 204");
    // Path parameters go through the runtime's encoder.
    assert!(code.contains(&squash("crate::runtime::encode_path(&note_id.to_string())")), "encode_path");
    // Builders only for what is sent.
    for sent in ["pub struct NoteWrite {", "pub struct NoteAuthor {", "pub struct NoteEvent {"] {
        assert_eq!(code.matches(&squash(sent)).count(), 2, "{sent}: the type and its builder");
    }
    assert_eq!(code.matches(&squash("pub struct Note {")).count(), 1, "a reply type has no builder");
    // An optional field's setter takes the plain value; a generated type's keeps TryInto.
    assert!(code.contains(&squash("T: crate::runtime::IntoOptional<::std::string::String>")), "IntoOptional");
    assert!(code.contains(&squash("T: ::std::convert::TryInto<::std::option::Option<super::NoteAuthor>>")));
    // must_use, hidden constructors, the client's docs.
    assert!(code.contains(&squash("#[must_use = \"a request builder does nothing until `.send().await`\"]")));
    assert!(code.contains(&squash("pub(crate) fn new(baseurl: &str")), "Client::new is hidden");
    assert!(code.contains(&squash("/// The client of the golden tests.")));
    assert!(!code.contains(&squash("replaced.")), "progenitor's client doc is gone");
}

#[test]
fn paged_list_builders_stream() {
    let out = generated("paging");
    golden("paging", "client.rs", &out.client);
    let file: syn::File = syn::parse_str(&out.client).expect("parses");
    // Builder -> its public methods.
    let mut methods = std::collections::BTreeMap::<String, Vec<String>>::new();
    for item in &file.items {
        let syn::Item::Mod(m) = item else { continue };
        for item in m.content.as_ref().map(|c| &c.1[..]).unwrap_or_default() {
            let syn::Item::Impl(imp) = item else { continue };
            let syn::Type::Path(p) = imp.self_ty.as_ref() else { continue };
            let name = p.path.segments.last().expect("a name").ident.to_string();
            for it in &imp.items {
                if let syn::ImplItem::Fn(f) = it {
                    methods.entry(name.clone()).or_default().push(f.sig.ident.to_string());
                }
            }
        }
    }
    let has = |builder: &str, method: &str| methods.get(builder).is_some_and(|m| m.iter().any(|n| n == method));
    assert!(has("GetNoteList", "pages") && has("GetNoteList", "stream"), "{methods:?}");
    assert!(!has("GetEveryNote", "pages"), "no page size, no stream");
    assert!(!has("GetNoteSummary", "pages"), "not a list, no stream");
    let code = squash(&out.client);
    assert!(code.contains(&squash(
        "crate::runtime::pages(\"get_note_list\", per_page, move |page| self.clone().page(page).send()"
    )));
    assert!(code.contains(&squash("let per_page = self.count.as_ref()")), "the page size comes from the builder");
}

#[test]
fn setter_and_field_docs() {
    let out = generated("docs");
    golden("docs", "client.rs", &out.client);
    let code = &out.client;
    assert!(code.contains("/// First day of the range."), "setter doc from the description");
    assert!(code.contains("/// A date, `YYYY-MM-DD`. Required (query parameter `start_date`)."), "format and required");
    assert!(code.contains("/// One of `-1`, `0`, `1`, `2`. Optional (query parameter `status`)."), "enum values");
    assert!(
        code.contains("/// The `undocumented` query parameter."),
        "a fallback for a parameter without a description"
    );
    assert!(code.contains("/// Who assisted."), "field doc from beside a $ref");
    assert!(code.contains("/// The team member who served the visit."), "field doc from the referenced schema");
}

#[test]
fn casing_matches_progenitor() {
    let out = generated("casing");
    golden("casing", "client.rs", &out.client);
    let file: syn::File = syn::parse_str(&out.client).expect("parses");
    let mut setters = Vec::new();
    for item in &file.items {
        let syn::Item::Mod(m) = item else { continue };
        if m.ident != "builder" {
            continue;
        }
        for item in &m.content.as_ref().expect("inline").1 {
            let syn::Item::Impl(imp) = item else { continue };
            for it in &imp.items {
                if let syn::ImplItem::Fn(f) = it
                    && matches!(f.vis, syn::Visibility::Public(_))
                {
                    setters.push(f.sig.ident.to_string());
                }
            }
        }
    }
    for name in ["staffId", "services[]", "type", "2fa", "HTTPStatus", "with-dash"] {
        let ours = altegio_codegen::casing::snake(name);
        assert!(setters.contains(&ours), "`{name}`: we say `{ours}`, progenitor wrote {setters:?}");
    }
    assert!(setters.contains(&"get_oddly_named".to_string()) || out.client.contains("fn get_oddly_named("));
}

#[test]
fn two_success_bodies_name_the_operation() {
    let e = error("two_success_bodies");
    golden("two_success_bodies", "error.txt", &e);
    assert!(e.contains("two_bodies") && e.contains("openapi.yaml"), "{e}");
}

#[test]
fn openapi_3_1_is_refused() {
    let e = error("openapi_3_1");
    golden("openapi_3_1", "error.txt", &e);
    assert!(e.contains("3.1.0"), "{e}");
}

#[test]
fn bad_yaml_names_the_file() {
    let e = error("bad_yaml");
    golden("bad_yaml", "error.txt", &e);
    assert!(e.contains("bad_yaml/openapi.yaml") && e.contains("not valid YAML"), "{e}");
}

#[test]
fn a_path_declared_twice_names_both_files() {
    let e = error("duplicate_path");
    golden("duplicate_path", "error.txt", &e);
    assert!(e.contains("areas/t.yaml") && e.contains("/paths/~1a") && e.contains("already declared"), "{e}");
}

#[test]
fn update_bodies_convert_from_the_reply() {
    let out = generated("update_from");
    golden("update_from", "client.rs", &out.client);
    let code = &squash(&out.client);
    for pair in ["FromReply<Pet> for PetUpdate", "FromReply<Pet> for PetAdoption", "FromReply<Pet> for PetReplace"] {
        assert!(code.contains(&squash(&format!("impl crate::wire::{pair}"))), "{pair}");
    }
    assert!(code.contains(&squash("impl ::std::convert::TryFrom<&Pet> for PetUpdate")), "TryFrom for callers");
    assert!(code.contains(&squash("impl crate::wire::FromReply<PetToy> for PetToyInput")), "a nested body type");
    // Same name, lenient type resolved; a required field; a rename; a list path; a skipped field.
    assert!(code.contains(&squash(
        "weight: crate::wire::reply::optional(value.weight.as_ref(), \"weight\", crate::wire::reply::convert,)?"
    )));
    assert!(code.contains(&squash(
        "born: crate::wire::reply::required(value.born.as_ref(), \"born\", crate::wire::reply::convert,)?"
    )));
    assert!(code.contains(&squash("tag: crate::wire::reply::optional(value.label.as_ref(), \"label\"")), "renamed");
    assert!(
        code.contains(&squash("value.owners.as_ref(), \"owners\", |items| crate::wire::reply::each(items,")),
        "a path"
    );
    assert!(code.contains(&squash(
        "legs: crate::wire::reply::optional(value.legs.as_ref(), \"legs\", crate::wire::reply::int_enum,)?"
    )));
    assert!(code.contains(&squash(
        "kind: crate::wire::reply::optional(value.kind.as_ref(), \"kind\", crate::wire::reply::known,)?"
    )));
    // Enumerations in the reply keep unknown values; the body's stay strict.
    assert!(code.contains(&squash("pub kind: ::std::option::Option<crate::wire::OrUnknown<PetKind>>,")), "reply enum");
    assert!(code.contains(&squash("pub status: ::std::option::Option<crate::wire::OrUnknown<PetStatus>>,")), "string");
    assert!(code.contains(&squash("pub kind: ::std::option::Option<PetKind>,")), "request enum");
    // Limits: the body's own, through the alternative shapes, checked in send_raw.
    assert!(code.contains(&squash(
        "crate::wire::limits::number(\"weight\", &self.weight, ::std::option::Option::Some(0f64), ::std::option::Option::Some(200f64), ::std::option::Option::None,)?;"
    )));
    assert!(code.contains(&squash("Self::Update(v) => crate::wire::CheckLimits::check_limits(v)")), "{code}");
    assert!(code.contains(&squash("crate::wire::CheckLimits::check_limits(&body).map_err(Error::InvalidRequest)?;")));
    assert!(code.contains(&squash("value.toy.as_ref().and_then(|v| v.value())")), "OrEmpty peeled");
    assert!(code.contains(&squash("notify: ::std::default::Default::default()")), "skipped");
    assert!(code.contains(&squash("if crate::wire::reply::positive(value.shelter_id.as_ref())")), "the shape chosen");
    // x-altegio-constructor: the required fields as parameters in the schema's order, a string
    // through Into.
    assert!(code.contains(&squash(
        "pub fn new(name: impl ::std::convert::Into<::std::string::String>, born: ::chrono::DateTime<::chrono::FixedOffset>,) -> Self"
    )));
    assert!(code.contains(&squash("weight: ::std::default::Default::default(),")), "optional fields left out");
}

#[test]
fn an_update_field_without_a_source_names_the_file_and_schema() {
    let e = error("update_from_unmapped");
    golden("update_from_unmapped", "error.txt", &e);
    assert!(e.contains("areas/pets.yaml"), "{e}");
    assert!(e.contains("/components/schemas/PetUpdate"), "{e}");
    assert!(e.contains("`nickname`"), "{e}");
}
