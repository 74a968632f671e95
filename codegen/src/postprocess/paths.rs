//! progenitor encodes path parameters with its own `encode_path`, which leaves `.` and
//! `..` as they are; URL normalisation would then move the call to another path. Every
//! `encode_path` in a macro call (the URL's `format!`) becomes the runtime's.

use proc_macro2::{Group, TokenStream, TokenTree};
use quote::quote;
use syn::visit_mut::VisitMut;

/// Points every `encode_path` at `runtime::encode_path`.
pub fn apply(file: &mut syn::File, runtime: &syn::Path) {
    PathEncoder(runtime).visit_file_mut(file);
}

struct PathEncoder<'a>(&'a syn::Path);

impl VisitMut for PathEncoder<'_> {
    fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
        m.tokens = rewrite(std::mem::take(&mut m.tokens), self.0);
    }
}

fn rewrite(tokens: TokenStream, runtime: &syn::Path) -> TokenStream {
    let mut out = TokenStream::new();
    for tt in tokens {
        match tt {
            TokenTree::Ident(i) if i == "encode_path" => {
                out.extend(quote!(#runtime::encode_path));
            }
            TokenTree::Group(g) => {
                let mut ng = Group::new(g.delimiter(), rewrite(g.stream(), runtime));
                ng.set_span(g.span());
                out.extend(std::iter::once(TokenTree::Group(ng)));
            }
            other => out.extend(std::iter::once(other)),
        }
    }
    out
}
