//! `cargo xtask build-cost`: what building the crate costs on this machine.
//!
//! Everything runs in its own target directory (`target/build-cost`) so that the normal
//! one is left alone, and each step is one real `cargo build --lib`:
//! 1. a clean build with default features, dependencies included (what a new user waits);
//! 2. the crate alone, default features (`cargo clean -p altegio` first);
//! 3. the crate alone with one area (`--no-default-features --features rustls,locations`);
//! 4. a rebuild after a one-line spec edit (a comment added to an area file);
//! 5. a rebuild after a one-line edit of the handwritten layer (a comment in `src/`).
//!
//! It also reports the size of the generated code. Files edited for steps 4 and 5 are restored, also
//! when a step fails. Results go to `target/bench-results/build-cost.json`.

use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Restores a file's content when dropped.
struct Restore {
    path: PathBuf,
    original: Vec<u8>,
}

impl Restore {
    fn append(path: &Path, line: &str) -> Result<Restore, String> {
        let original = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut edited = original.clone();
        edited.extend_from_slice(line.as_bytes());
        std::fs::write(path, edited).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Restore { path: path.to_path_buf(), original })
    }
}

impl Drop for Restore {
    fn drop(&mut self) {
        if let Err(e) = std::fs::write(&self.path, &self.original) {
            eprintln!("error: could not restore {}: {e}", self.path.display());
        }
    }
}

fn cargo(repo: &Path, target: &Path, args: &[&str]) -> Result<f64, String> {
    let started = Instant::now();
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .arg("--target-dir")
        .arg(target)
        .current_dir(repo)
        .env("CARGO_TERM_COLOR", "never")
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("`cargo {}` failed", args.join(" ")));
    }
    Ok(started.elapsed().as_secs_f64())
}

/// The newest generated client under the target directory: (lines, bytes).
fn generated_size(target: &Path) -> Option<(usize, u64)> {
    let build = target.join("debug/build");
    let newest = std::fs::read_dir(build)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join("out/altegio.rs"))
        .filter(|p| p.exists())
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())?;
    let text = std::fs::read_to_string(&newest).ok()?;
    Some((text.lines().count(), text.len() as u64))
}

pub fn run(repo: &Path, rest: &[String]) -> Result<bool, String> {
    let keep = rest.iter().any(|a| a == "--keep");
    let target = repo.join("target/build-cost");
    if !keep && target.exists() {
        std::fs::remove_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    let build = ["build", "--lib", "--quiet"];
    println!("1/5 clean build, default features, dependencies included...");
    let clean_full = cargo(repo, &target, &build)?;
    println!("    {clean_full:.1} s");
    let (lines, bytes) = generated_size(&target).unwrap_or_default();

    println!("2/5 the crate alone, default features...");
    cargo(repo, &target, &["clean", "--quiet", "-p", "altegio"])?;
    let crate_default = cargo(repo, &target, &build)?;
    println!("    {crate_default:.1} s");

    println!("3/5 the crate alone, one area (locations)...");
    let one_area_args = ["build", "--lib", "--quiet", "--no-default-features", "--features", "rustls,locations"];
    cargo(repo, &target, &one_area_args)?; // dependencies of this feature set
    cargo(repo, &target, &["clean", "--quiet", "-p", "altegio"])?;
    let crate_one_area = cargo(repo, &target, &one_area_args)?;
    println!("    {crate_one_area:.1} s");
    let (one_area_lines, _) = generated_size(&target).unwrap_or_default();

    cargo(repo, &target, &build)?; // back to default features
    println!("4/5 rebuild after a one-line spec edit...");
    let spec_edit = {
        let _restore = Restore::append(&repo.join("openapi/areas/locations.yaml"), "# build-cost: a one-line edit\n")?;
        cargo(repo, &target, &build)?
    };
    println!("    {spec_edit:.1} s");
    cargo(repo, &target, &build)?;

    println!("5/5 rebuild after a one-line edit of the handwritten layer...");
    let handwritten_edit = {
        let _restore = Restore::append(&repo.join("src/paginate.rs"), "// build-cost: a one-line edit\n")?;
        cargo(repo, &target, &build)?
    };
    println!("    {handwritten_edit:.1} s");
    cargo(repo, &target, &build)?;

    let result = json!({
        "clean_build_default_s": clean_full,
        "crate_only_default_s": crate_default,
        "crate_only_one_area_s": crate_one_area,
        "spec_edit_rebuild_s": spec_edit,
        "handwritten_edit_rebuild_s": handwritten_edit,
        "generated_lines": lines,
        "generated_bytes": bytes,
        "generated_lines_one_area": one_area_lines,
        "targets": {"clean_build_default_s": 120.0, "spec_edit_rebuild_s": 15.0},
    });
    let out = repo.join("target/bench-results");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let text = serde_json::to_string_pretty(&result).map_err(|e| e.to_string())?;
    std::fs::write(out.join("build-cost.json"), &text).map_err(|e| e.to_string())?;
    println!("{text}");
    println!("written to target/bench-results/build-cost.json");
    Ok(true)
}
