//! Turns each enabled Altegio API's spec (`openapi/<api>/`) into a typed client.
//!
//! The work is done by the `altegio-codegen` crate (also used by `cargo xtask`): it reads
//! and merges the spec, runs progenitor and rewrites its output. This script only picks
//! the APIs and areas from the enabled cargo features and writes the results to
//! `$OUT_DIR`. Any problem stops the build with the file and the JSON pointer of the part
//! of the spec at fault.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The APIs of the crate: the module and spec folder name, and the generated client's
/// doc comment.
const APIS: &[(&str, &str)] = &[("b2b", B2B_DOC), ("booking", BOOKING_DOC), ("devtools", DEVTOOLS_DOC)];

fn main() {
    if let Err(e) = run() {
        // One clear line instead of a backtrace; cargo shows it as the build error.
        eprintln!("error: the OpenAPI spec cannot be compiled into a client\n  {e}");
        std::process::exit(1);
    }
}

fn feature(name: &str) -> bool {
    std::env::var_os(format!("CARGO_FEATURE_{}", name.to_uppercase().replace('-', "_"))).is_some()
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    for (api, doc) in APIS {
        println!("cargo::rustc-check-cfg=cfg(altegio_{api})");
        let dir = root.join("openapi").join(api);
        println!("cargo::rerun-if-changed={}", dir.display());
        if !dir.join(altegio_codegen::load::ROOT_FILE).exists() {
            continue;
        }
        println!("cargo::rerun-if-changed={}", dir.join(altegio_codegen::load::AREAS_DIR).display());
        // One cargo feature per area (`locations`, `clients`...): only enabled areas are
        // generated, and the API's module exists when at least one is.
        let spec = altegio_codegen::load(&dir)?;
        let areas: BTreeSet<String> =
            altegio_codegen::model::tag_areas(&spec.doc).into_values().filter(|a| feature(a)).collect();
        if areas.is_empty() {
            continue;
        }
        println!("cargo::rustc-cfg=altegio_{api}");
        let mut settings = altegio_codegen::Settings::for_api(api);
        if feature("schemars") {
            settings.derives.push("schemars::JsonSchema".into());
        }
        settings.client_doc = (*doc).into();
        let request = altegio_codegen::Request {
            areas: Some(areas),
            examples: feature("mock"),
            spec_schemas: feature("schemars"),
        };
        let output = altegio_codegen::build_api(&dir, &settings, &request)?;
        for f in &output.files {
            println!("cargo::rerun-if-changed={}", f.display());
        }
        write(&out.join(format!("{api}.rs")), &output.client)?;
        write(&out.join(format!("{api}_operations.rs")), &output.operations)?;
        write(&out.join(format!("{api}_spec_schemas.rs")), &output.spec_schemas)?;
        write(&out.join(format!("{api}_every_operation.rs")), &output.every_operation)?;
    }
    Ok(())
}

/// Writes a file only when its content changed, so an edit that does not change the
/// output leaves the file's time alone.
fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text)
}

/// The doc comment of the generated B2B client, written for users.
const B2B_DOC: &str = "\
The client of Altegio's B2B API (Business Management, V1).

Build one with [`Client::builder`] and a partner token. Each operation of the API is a
method named after its official operationId (`get_location_list`, `create_appointment`...);
it returns a request builder: set the parameters and the body, then `send().await` (or
`send_with(CallOptions)`). Every failure is an [`Error`](crate::Error).

A client is cheap to clone: clones share the connection pool, the settings and the rate
limiter.";

/// The doc comment of the generated Online Booking client.
const BOOKING_DOC: &str = "\
The client of Altegio's Online Booking API (the API behind the booking widget).

Build one with [`Client::builder`] and a partner token. Calls made for an end customer
(their bookings, their account) need the customer's token: log in with
[`Client::login`] or the SMS-code flow ([`Client::login_with_code`]), or derive a client
with [`Client::with_booking_user`]. Each operation is a method named after its official
operationId; it returns a request builder: set the parameters and the body, then
`send().await` (or `send_with(CallOptions)`). Every failure is an [`Error`](crate::Error).

A client is cheap to clone: clones share the connection pool, the settings and the rate
limiter.";

/// The doc comment of the generated Developer Tools client.
const DEVTOOLS_DOC: &str = "\
The client of Altegio's Developer Tools API: the marketplace (installations, payments,
the integration status), webhook settings, VoIP telephony and dictionaries.

Build one with [`Client::builder`] and a partner token; the webhook settings and the call
list also need a location's staff user token (`ClientBuilder::user_token`). The marketplace
calls that Altegio serves from `https://app.alteg.io` go there (change it with
`ClientBuilder::server_url`); the rest go to the base URL. Each operation is a method named
after its official operationId; it returns a request builder: set the parameters and the
body, then `send().await` (or `send_with(CallOptions)`). Every failure is an
[`Error`](crate::Error).

A client is cheap to clone: clones share the connection pool, the settings and the rate
limiter.";
