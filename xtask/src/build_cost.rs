//! `cargo xtask build-cost`: what building the crate costs on this machine.
//!
//! Everything runs in its own target directory (`target/build-cost`) so that the normal
//! one is left alone, and each step is one real `cargo build --lib`:
//! 1. a clean build with default features, dependencies included (what a new user waits);
//! 2. the crate alone, default features (`cargo clean -p altegio` first);
//! 3. the crate alone with one area (`--no-default-features --features rustls,locations`);
//! 4. a rebuild after a one-line spec edit (a comment added to an area file);
//! 5. a rebuild after a one-line edit of the handwritten layer (a comment in `src/`);
//! 6. a clean build of an empty crate that depends on `altegio` with default features, in
//!    its own target directory and with cargo's default profile: what an integrator waits
//!    for, without this workspace's profile settings and, as for a crates.io dependency,
//!    without incremental compilation;
//! 7. the first `cargo check` of that crate after that build, in the same target directory
//!    (what rust-analyzer runs next: build scripts and proc macros are reused, every crate
//!    is checked again);
//! 8. a clean build of a crate that depends on `altegio` with `rustls` and one area.
//!
//! With `--baseline REV`, steps 6 to 8 also run on the crate as it was at commit `REV` (a
//! git worktree in `target/build-cost/baseline-src`), in the same run, and the rows give
//! the ratio to those figures. Without it the ratios are to the figures measured before the
//! layout change (148 s, 48 s, 70 s). The spec-edit rebuild is compared with the 19 s
//! measured then.
//!
//! It also reports the size of the generated code. Files edited for steps 4 and 5 are restored, also
//! when a step fails. Results go to `target/bench-results/build_cost.json`.

use serde_json::json;

#[path = "../../benches/common/machine.rs"]
mod machine_info;
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
    cargo_with(repo, target, args, &[])
}

fn cargo_with(dir: &Path, target: &Path, args: &[&str], env: &[(&str, &str)]) -> Result<f64, String> {
    let started = Instant::now();
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .envs(env.iter().copied())
        .arg("--target-dir")
        .arg(target)
        .current_dir(dir)
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
        .map(|e| e.path().join("out/b2b.rs"))
        .filter(|p| p.exists())
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())?;
    let text = std::fs::read_to_string(&newest).ok()?;
    Some((text.lines().count(), text.len() as u64))
}

/// Writes an empty library crate depending on the crate at `repo` (default features),
/// with the repository's lock file so that it builds the same dependency versions.
fn dependent_crate(repo: &Path, dir: &Path, features: &str) -> Result<(), String> {
    let io = |e: std::io::Error| format!("{}: {e}", dir.display());
    std::fs::create_dir_all(dir.join("src")).map_err(io)?;
    let manifest = format!(
        "[package]\nname = \"altegio-build-cost-dependent\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\naltegio = {{ path = {:?}{features} }}\n\n[workspace]\n",
        repo.display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(io)?;
    std::fs::write(dir.join("src/lib.rs"), "pub use altegio;\n").map_err(io)?;
    std::fs::copy(repo.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(io)?;
    Ok(())
}

/// What an integrator waits for, in seconds: a clean build of a crate depending on `altegio`
/// (default features), its first `cargo check` after that build, and a clean build with
/// `rustls` and one area.
struct Downstream {
    clean: f64,
    check: f64,
    minimal: f64,
}

fn downstream(src: &Path, work: &Path, step: &str) -> Result<Downstream, String> {
    println!("{step} clean build of a crate that depends on altegio (default profile)...");
    let dependent = work.join("dependent");
    dependent_crate(src, &dependent, "")?;
    let clean =
        cargo_with(&dependent, &dependent.join("target"), &["build", "--quiet"], &[("CARGO_INCREMENTAL", "0")])?;
    println!("    {clean:.1} s");
    println!("{step} first `cargo check` of that crate after the build...");
    let check = cargo_with(&dependent, &dependent.join("target"), &["check", "--quiet"], &[])?;
    println!("    {check:.1} s");
    println!("{step} clean build of a crate that depends on altegio with rustls and one area...");
    let minimal_dir = work.join("dependent-minimal");
    dependent_crate(src, &minimal_dir, ", default-features = false, features = [\"rustls\", \"locations\"]")?;
    let minimal =
        cargo_with(&minimal_dir, &minimal_dir.join("target"), &["build", "--quiet"], &[("CARGO_INCREMENTAL", "0")])?;
    println!("    {minimal:.1} s");
    Ok(Downstream { clean, check, minimal })
}

/// A detached git worktree of `rev`, removed when dropped.
struct Worktree {
    repo: PathBuf,
    path: PathBuf,
}

impl Worktree {
    fn add(repo: &Path, path: &Path, rev: &str) -> Result<Worktree, String> {
        let _ = Command::new("git").arg("-C").arg(repo).args(["worktree", "remove", "--force"]).arg(path).status();
        let ok = Command::new("git")
            .arg("-C")
            .arg(repo)
            .args(["worktree", "add", "--detach", "--quiet"])
            .arg(path)
            .arg(rev)
            .status()
            .map_err(|e| format!("git: {e}"))?
            .success();
        if !ok {
            return Err(format!("cannot check out `{rev}` as a worktree"));
        }
        Ok(Worktree { repo: repo.to_path_buf(), path: path.to_path_buf() })
    }
}

impl Drop for Worktree {
    fn drop(&mut self) {
        let _ = Command::new("git")
            .arg("-C")
            .arg(&self.repo)
            .args(["worktree", "remove", "--force"])
            .arg(&self.path)
            .status();
    }
}

pub fn run(repo: &Path, rest: &[String]) -> Result<bool, String> {
    if rest.iter().any(|a| a == "--apis") {
        return apis(repo);
    }
    let keep = rest.iter().any(|a| a == "--keep");
    let baseline_rev = rest.iter().position(|a| a == "--baseline").and_then(|i| rest.get(i + 1)).cloned();
    let target = repo.join("target/build-cost");
    if !keep && target.exists() {
        std::fs::remove_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    let started_unix =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let build = ["build", "--lib", "--quiet"];
    println!("1/8 clean build, default features, dependencies included...");
    let clean_full = cargo(repo, &target, &build)?;
    println!("    {clean_full:.1} s");
    let (lines, bytes) = generated_size(&target).unwrap_or_default();

    println!("2/8 the crate alone, default features...");
    cargo(repo, &target, &["clean", "--quiet", "-p", "altegio"])?;
    let crate_default = cargo(repo, &target, &build)?;
    println!("    {crate_default:.1} s");

    println!("3/8 the crate alone, one area (locations)...");
    let one_area_args = ["build", "--lib", "--quiet", "--no-default-features", "--features", "rustls,locations"];
    cargo(repo, &target, &one_area_args)?; // dependencies of this feature set
    cargo(repo, &target, &["clean", "--quiet", "-p", "altegio"])?;
    let crate_one_area = cargo(repo, &target, &one_area_args)?;
    println!("    {crate_one_area:.1} s");
    let (one_area_lines, _) = generated_size(&target).unwrap_or_default();

    cargo(repo, &target, &build)?; // back to default features
    // A one-line edit of `file`, one rebuild timed, then the file restored and rebuilt.
    let edit_rebuild = |step: &str, file: &str, line: &str| -> Result<f64, String> {
        println!("{step}");
        let seconds = {
            let _restore = Restore::append(&repo.join(file), line)?;
            cargo(repo, &target, &build)?
        };
        println!("    {seconds:.1} s");
        cargo(repo, &target, &build)?;
        Ok(seconds)
    };
    let spec_edit = edit_rebuild(
        "4/8 rebuild after a one-line spec edit...",
        "openapi/b2b/areas/locations.yaml",
        "# build-cost: a one-line edit\n",
    )?;
    let handwritten_edit = edit_rebuild(
        "5/8 rebuild after a one-line edit of the handwritten layer...",
        "src/runtime/paginate.rs",
        "// build-cost: a one-line edit\n",
    )?;

    let current = downstream(repo, &target, "6-8/8")?;
    let (as_dependency, first_check, as_minimal_dependency) = (current.clean, current.check, current.minimal);
    let (base_label, base) = match &baseline_rev {
        Some(rev) => {
            let src = target.join("baseline-src");
            let _tree = Worktree::add(repo, &src, rev)?;
            let b = downstream(&src, &target.join("baseline"), &format!("baseline {rev}:"))?;
            (format!("`{rev}`, measured in the same run"), b)
        }
        None => ("before the layout change".to_string(), Downstream { clean: 148.0, check: 48.0, minimal: 70.0 }),
    };

    let row = |case: &str, value: f64, unit: &str, baseline: &str, base: f64, target: Option<f64>| {
        let ratio = value / base;
        json!({
            "case": case, "subject": "measured", "value": value, "unit": unit,
            "baseline": baseline, "baseline_value": base, "ratio": ratio, "ratio_of": "measured / baseline",
            "target": target.map(|t| format!("≤ {t:.2}")).unwrap_or_default(),
            "met": target.map(|t| ratio <= t),
        })
    };
    // Ratios to the baseline; the targets (absolute) as ratios to it.
    let rows = vec![
        row(
            "clean build as a dependency, default features (target ≤ 100 s)",
            as_dependency,
            "s",
            &base_label,
            base.clean,
            Some(100.0 / base.clean),
        ),
        row(
            "first `cargo check` as a dependency, after that build (target ≤ 30 s)",
            first_check,
            "s",
            &base_label,
            base.check,
            Some(30.0 / base.check),
        ),
        row(
            "clean build as a dependency, `rustls` + one area (target: no slower)",
            as_minimal_dependency,
            "s",
            &base_label,
            base.minimal,
            Some(1.0),
        ),
        row(
            "rebuild after a one-line spec edit (target ≤ 10 s)",
            spec_edit,
            "s",
            "before the layout change (19 s)",
            19.0,
            Some(10.0 / 19.0),
        ),
        row(
            "clean build in this workspace, default features",
            clean_full,
            "s",
            "the clean build as a dependency",
            as_dependency,
            None,
        ),
        row("the crate alone, default features", crate_default, "s", "the clean build", clean_full, None),
        row(
            "the crate alone, one area (`locations`)",
            crate_one_area,
            "s",
            "the crate alone, default features",
            crate_default,
            None,
        ),
        row("rebuild after a one-line edit in `src/`", handwritten_edit, "s", "the spec-edit rebuild", spec_edit, None),
        row(
            "generated code, one area (`locations`)",
            one_area_lines as f64,
            "lines",
            "generated code, all areas",
            lines as f64,
            None,
        ),
    ];
    let method = format!(
        "`cargo xtask build-cost`: real `cargo build --lib` runs in their own target directory \
             (`target/build-cost`), dev profile, timed from start to end. The clean build starts from an \
             empty target directory; \"the crate alone\" follows `cargo clean -p altegio`; the edits add \
             one comment line to `openapi/b2b/areas/locations.yaml` or `src/runtime/paginate.rs` and are undone \
             afterwards. The dependent build compiles an empty crate with `altegio = {{ path = ... }}` and the \
             repository's lock file, in its own target directory, with cargo's default dev profile (full \
             debug info, build scripts unoptimised) and `CARGO_INCREMENTAL=0`, as a crates.io dependency is \
             built; its first `cargo check` runs right after, in the same target directory. The baseline of \
             those three is {base_label}. All areas generate {lines} lines ({bytes} bytes) of Rust. One run each, \
             not a median."
    );
    write_result(repo, "build_cost", "Build cost", &method, started_unix, rows)
}

/// `cargo xtask build-cost --apis`: what each API's feature costs. In its own target
/// directory, with the dependencies built once, the crate alone (`cargo clean -p altegio`
/// before each) with B2B only, B2B and one more API, all three, and each new API alone;
/// ratios against B2B alone, measured in the same run.
fn apis(repo: &Path) -> Result<bool, String> {
    let target = repo.join("target/build-cost-apis");
    let started_unix =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let sets: [(&str, &str); 6] = [
        ("B2B alone", "rustls,b2b"),
        ("B2B + Online Booking", "rustls,b2b,booking"),
        ("B2B + Developer Tools", "rustls,b2b,devtools"),
        ("all three APIs (default features)", "rustls,b2b,booking,devtools"),
        ("Online Booking alone", "rustls,booking"),
        ("Developer Tools alone", "rustls,devtools"),
    ];
    println!("dependencies, built once...");
    cargo(repo, &target, &["build", "--lib", "--quiet", "--no-default-features", "--features", sets[3].1])?;
    let mut times = Vec::new();
    for (i, (name, features)) in sets.iter().enumerate() {
        println!("{}/{} the crate alone, {name} ({features})...", i + 1, sets.len());
        cargo(repo, &target, &["clean", "--quiet", "-p", "altegio"])?;
        let t = cargo(repo, &target, &["build", "--lib", "--quiet", "--no-default-features", "--features", features])?;
        println!("    {t:.1} s");
        times.push(t);
    }
    let base = times[0];
    let rows: Vec<serde_json::Value> = sets
        .iter()
        .zip(&times)
        .map(|((name, features), t)| {
            json!({
                "case": format!("the crate alone, {name} (`{features}`)"), "subject": "measured", "value": t,
                "unit": "s", "baseline": "the crate alone, B2B only, same run", "baseline_value": base,
                "ratio": t / base, "ratio_of": "time / B2B-only time",
            })
        })
        .collect();
    let method = "`cargo xtask build-cost --apis`: real `cargo build --lib --no-default-features --features <set>` \
                   runs in their own target directory (`target/build-cost-apis`), dev profile, the dependencies \
                   built once beforehand and `cargo clean -p altegio` before each timed build, so each figure is \
                   the crate itself (build script, generation, compilation) with that set of APIs. One run each, \
                   in one run, not a median.";
    write_result(repo, "api_build_cost", "Build cost of each API's feature", method, started_unix, rows)
}

/// Writes a result file of `cargo xtask build-cost` to `target/bench-results/<name>.json`,
/// where `cargo xtask bench-report` reads it, with the machine and the times of the run.
fn write_result(
    repo: &Path,
    name: &str,
    title: &str,
    method: &str,
    started_unix: u64,
    rows: Vec<serde_json::Value>,
) -> Result<bool, String> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    // The profile is that of the build measured, not of this program.
    let mut machine = machine_info::machine();
    if let Some(o) = machine.as_object_mut() {
        o.insert("profile".into(), json!("dev profile (`cargo build`)"));
    }
    let result = json!({
        "name": name,
        "title": title,
        "method": method,
        "machine": machine,
        "started_unix": started_unix,
        "finished_unix": now,
        "loadavg_after": machine_info::loadavg(),
        "rows": rows,
    });
    let out = repo.join("target/bench-results");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let text = serde_json::to_string_pretty(&result).map_err(|e| e.to_string())?;
    std::fs::write(out.join(format!("{name}.json")), &text).map_err(|e| e.to_string())?;
    println!("{text}");
    println!("written to target/bench-results/{name}.json; `cargo xtask bench-report` puts it in BENCHMARKS.md");
    Ok(true)
}
