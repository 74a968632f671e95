//! TLS never disturbs the host program: a program that builds its own `reqwest` clients,
//! before or after an `altegio::Client`, with or without reqwest's own TLS features, runs
//! as it would without this crate, and nothing is installed for the whole process.

use std::process::Command;

/// Builds and runs `tests/tls_probe` (a downstream program) as its own process.
fn run_probe(features: &[&str]) {
    let root = env!("CARGO_MANIFEST_DIR");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args(["run", "--quiet", "--manifest-path", &format!("{root}/tests/tls_probe/Cargo.toml")])
        .env("CARGO_TARGET_DIR", format!("{root}/target/tls-probe"));
    if !features.is_empty() {
        cmd.args(["--features", &features.join(",")]);
    }
    let out = cmd.output().expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.lines().last() == Some("ok"),
        "the probe failed ({features:?}):\n{stdout}\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_program_whose_reqwest_has_no_tls_of_its_own_is_not_disturbed() {
    run_probe(&[]);
}

#[test]
fn a_program_with_reqwests_default_features_is_not_disturbed() {
    run_probe(&["reqwest-default"]);
}

#[test]
fn no_crypto_provider_is_installed_for_the_process() {
    altegio::Client::builder("partner").build().expect("builds");
    assert!(
        rustls::crypto::CryptoProvider::get_default().is_none(),
        "building a client installed a process-wide rustls provider"
    );
}
