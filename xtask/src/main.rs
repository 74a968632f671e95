//! Spec tasks for the altegio crate: `cargo xtask help`.

mod spec;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi");
    match spec::load(&dir) {
        Ok(s) => println!("{} operations", spec::operations(&s.doc).len()),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
