//! typify writes schemars impls with an identifier `gen`, a keyword since edition 2024.

use proc_macro2::Ident;
use syn::visit_mut::VisitMut;

/// Makes every `gen` identifier `r#gen`.
pub fn apply(file: &mut syn::File) {
    RawGen.visit_file_mut(file);
}

struct RawGen;

impl VisitMut for RawGen {
    fn visit_ident_mut(&mut self, i: &mut Ident) {
        if i == "gen" {
            *i = Ident::new_raw("gen", i.span());
        }
    }
}
