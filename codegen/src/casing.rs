//! progenitor's identifiers: how an operationId, a parameter or a property name becomes a
//! Rust name. The one copy used by the lint (two names that collide), by the tables (the
//! setter a test calls) and by the post-processor (which setter documents which parameter).
//! The golden tests compare it with progenitor's real output, so an upgrade that changes
//! the rule shows up there.

use heck::{ToPascalCase, ToSnakeCase};

/// Rust keywords that progenitor (through typify) suffixes with `_`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

fn sanitize(input: &str, to_case: fn(&str) -> String) -> String {
    let out = match input {
        "+1" => "plus1".to_string(),
        "-1" => "minus1".to_string(),
        _ => to_case(&input.replace('\'', "").replace(|c: char| !(c.is_alphanumeric() || c == '_'), "-")),
    };
    let out = match out.chars().next() {
        None => to_case("x"),
        Some(c) if c.is_alphabetic() || c == '_' => out,
        Some(_) => format!("_{out}"),
    };
    if KEYWORDS.contains(&out.as_str()) { format!("{out}_") } else { out }
}

/// The snake-case name progenitor gives a parameter's setter or an operation's method.
pub fn snake(name: &str) -> String {
    sanitize(name, |s| s.to_snake_case())
}

/// The Pascal-case name progenitor gives an operation's builder or a schema's type.
pub fn pascal(name: &str) -> String {
    sanitize(name, |s| s.to_pascal_case())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_progenitor_writes_them() {
        assert_eq!(snake("location_id"), "location_id");
        assert_eq!(snake("staffId"), "staff_id");
        assert_eq!(snake("services[]"), "services");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("-1"), "minus1");
        assert_eq!(pascal("get_location_list"), "GetLocationList");
        assert_eq!(pascal("ClientCreate"), "ClientCreate");
    }
}
