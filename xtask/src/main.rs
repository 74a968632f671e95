//! Spec tasks for the altegio crate. Run `cargo xtask help`.

mod bench_report;
mod build_cost;
mod coverage;
mod lint;
mod spec;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <task>

  lint [--api API] [--area A]...
                          check openapi/API/ (default b2b) against the project's rules and run
                          progenitor on it; with --area, report only findings in those areas' files
  coverage [--api API] [--area A]...
                          compare each API's spec (or only API's) with its official catalog in
                          ../shared/reference/ (altegio-catalog.json, altegio-more-catalog.json)
  areas [--check]         print the table of areas and operation counts, and write it into
                          README.md between its markers (--check: fail if README.md is stale)
  mock [--port N]         run the embedded mock server (default port 8080)
  build-cost [--keep] [--baseline REV] | build-cost --apis
                          measure clean build, one-area build, spec-edit and handwritten-edit
                          rebuilds, builds as a dependency and the generated code size, in
                          target/build-cost (--keep: reuse that target dir instead of starting
                          clean; --baseline: also measure the dependency builds at commit REV;
                          --apis: only the cost of each API's feature, the crate alone)
  bench-report            write BENCHMARKS.md from the results of `cargo bench`
  help                    this text
";

/// The APIs of the crate, each a folder of `openapi/`.
const APIS: &[&str] = &["b2b", "booking", "devtools"];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (task, rest) = args.split_first().map(|(t, r)| (t.as_str(), r)).unwrap_or(("help", &[]));
    let result = match task {
        "lint" => run_lint(rest),
        "coverage" => run_coverage(rest),
        "areas" => run_areas(rest),
        "mock" => run_mock(rest),
        "build-cost" => build_cost::run(&repo(), rest),
        "bench-report" => bench_report::run(&repo()),
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(true)
        }
        other => Err(format!("unknown task `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `--api A` (default `b2b`) and `--area A`... from the arguments.
fn api_areas_args(rest: &[String]) -> Result<(String, BTreeSet<String>), String> {
    let mut api = "b2b".to_string();
    let mut areas = BTreeSet::new();
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--area" => {
                areas.insert(it.next().ok_or("--area needs a name")?.clone());
            }
            "--api" => {
                api = it.next().ok_or("--api needs a name")?.clone();
                if !repo().join("openapi").join(&api).join(spec::ROOT_FILE).exists() {
                    return Err(format!("no API `{api}`: openapi/{api}/{} does not exist", spec::ROOT_FILE));
                }
            }
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok((api, areas))
}

fn run_lint(rest: &[String]) -> Result<bool, String> {
    let (api, areas) = api_areas_args(rest)?;
    let (spec, mut findings) = spec::load_all(&repo().join("openapi").join(&api));
    let Some(spec) = spec else {
        for f in &findings {
            println!("{f}");
        }
        return Ok(false);
    };
    findings.extend(lint::lint(&spec, &api));
    let manifest = std::fs::read_to_string(repo().join("Cargo.toml")).map_err(|e| format!("Cargo.toml: {e}"))?;
    findings.extend(lint::features(&spec, &api, &manifest));
    let mine = |f: &spec::SpecError| {
        areas.is_empty()
            || areas.iter().any(|a| f.file.ends_with(&format!("areas/{a}.yaml")))
            || f.file.ends_with(spec::ROOT_FILE)
            || f.file == "Cargo.toml"
    };
    let mut shown: Vec<&spec::SpecError> = findings.iter().filter(|f| mine(f)).collect();
    let generation = if shown.is_empty() { lint::generation(&spec, &api, &areas) } else { Vec::new() };
    shown.extend(generation.iter());
    for f in &shown {
        println!("{f}");
    }
    let hidden = findings.len() - findings.iter().filter(|f| mine(f)).count();
    if hidden > 0 {
        println!("({hidden} findings in other areas not shown)");
    }
    if shown.is_empty() {
        let n = spec::operations(&spec.doc).len();
        println!("lint: openapi/{api}/ clean ({n} operations)");
    }
    Ok(shown.is_empty())
}

fn run_coverage(rest: &[String]) -> Result<bool, String> {
    let (api, areas) = api_areas_args(rest)?;
    let apis: Vec<String> = if rest.iter().any(|a| a == "--api") {
        vec![api]
    } else {
        APIS.iter()
            .filter(|a| repo().join("openapi").join(a).join(spec::ROOT_FILE).exists())
            .map(|a| a.to_string())
            .collect()
    };
    let mut clean = true;
    for api in apis {
        let dir = repo().join("openapi").join(&api);
        let spec = spec::load(&dir).map_err(|e| e.to_string())?;
        let (file, source) = coverage::catalog_of(&api);
        let path = coverage::catalog_path(&repo(), file);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let catalog: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let exceptions = coverage::load_exceptions(&dir)?;
        println!("{api} (openapi/{api}/ against {file}, source `{source}`):");
        clean &= coverage::print(&coverage::compare(&spec, &catalog, source, &exceptions, &areas));
    }
    Ok(clean)
}

const TABLE_START: &str = "<!-- areas:start (cargo xtask areas) -->";
const TABLE_END: &str = "<!-- areas:end -->";

/// The Markdown table of areas: tag, cargo feature, operations, deprecated.
fn areas_table(doc: &serde_json::Value) -> String {
    let ops = spec::operations(doc);
    let mut rows = String::from("| area (feature) | official tag | operations | deprecated |\n|---|---|---:|---:|\n");
    let mut total = (0, 0);
    for (tag, area) in spec::tag_areas(doc) {
        let n = ops.iter().filter(|o| o.tag == tag).count();
        let d = ops.iter().filter(|o| o.tag == tag && o.deprecated).count();
        total.0 += n;
        total.1 += d;
        rows.push_str(&format!("| `{area}` | {tag} | {n} | {d} |\n"));
    }
    rows.push_str(&format!("| | **total** | **{}** | **{}** |\n", total.0, total.1));
    rows
}

fn run_areas(rest: &[String]) -> Result<bool, String> {
    let check = rest.iter().any(|a| a == "--check");
    let spec = spec::load(&repo().join("openapi/b2b")).map_err(|e| e.to_string())?;
    let table = areas_table(&spec.doc);
    let readme_path = repo().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).map_err(|e| format!("README.md: {e}"))?;
    let (Some(a), Some(b)) = (readme.find(TABLE_START), readme.find(TABLE_END)) else {
        return Err(format!("README.md lacks the markers {TABLE_START} and {TABLE_END}"));
    };
    let updated = format!("{}{TABLE_START}\n{table}{}", &readme[..a], &readme[b..]);
    if check {
        if updated != readme {
            println!("README.md's table of areas is stale: run `cargo xtask areas`");
            return Ok(false);
        }
        return Ok(true);
    }
    print!("{table}");
    if updated != readme {
        std::fs::write(&readme_path, updated).map_err(|e| format!("README.md: {e}"))?;
        println!("README.md updated");
    }
    Ok(true)
}

fn run_mock(rest: &[String]) -> Result<bool, String> {
    let mut port = "8080".to_string();
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" => port = it.next().ok_or("--port needs a number")?.clone(),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(cargo)
        .current_dir(repo())
        .args(["run", "--quiet", "--example", "mock_server", "--", "--port", &port])
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    Ok(status.success())
}

#[cfg(test)]
mod tests {
    #[test]
    fn readme_table_is_fresh() {
        let spec = crate::spec::load(&crate::repo().join("openapi/b2b")).unwrap();
        let readme = std::fs::read_to_string(crate::repo().join("README.md")).unwrap();
        let table = crate::areas_table(&spec.doc);
        assert!(readme.contains(&table), "README.md's table of areas is stale: run `cargo xtask areas`");
    }
}
