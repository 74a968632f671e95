//! Drops typify's `types::builder::X` for every type that is never sent.
//!
//! progenitor's builder style gives every struct a builder: about half of the generated
//! code, and most of it for reply types that users only read. Builders are kept for the
//! types an operation builder takes as its body, for the roots (request body schemas and
//! inbound schemas), and for every type those contain, so anything that is sent can be
//! built field by field.

use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::BTreeSet;
use syn::visit::Visit;

/// Drops the builders of types that are never sent (see the module docs).
pub fn apply(file: &mut syn::File, roots: &BTreeSet<String>) {
    let words = |tokens: TokenStream| -> BTreeSet<String> {
        fn walk(tokens: TokenStream, out: &mut BTreeSet<String>) {
            for tt in tokens {
                match tt {
                    TokenTree::Ident(i) => {
                        out.insert(i.to_string());
                    }
                    TokenTree::Group(g) => walk(g.stream(), out),
                    _ => {}
                }
            }
        }
        let mut out = BTreeSet::new();
        walk(tokens, &mut out);
        out
    };
    let mut keep: BTreeSet<String> = roots.clone();
    // Bodies of the operation builders: `Result<types::builder::X, String>`.
    struct BuilderPaths<'a>(&'a mut BTreeSet<String>);
    impl Visit<'_> for BuilderPaths<'_> {
        fn visit_path(&mut self, p: &syn::Path) {
            let s: Vec<&Ident> = p.segments.iter().map(|s| &s.ident).collect();
            if let [.., t, b, x] = s.as_slice()
                && *t == "types"
                && *b == "builder"
            {
                self.0.insert(x.to_string());
            }
            syn::visit::visit_path(self, p);
        }
    }
    for item in &file.items {
        if let syn::Item::Mod(m) = item
            && m.ident == "builder"
        {
            BuilderPaths(&mut keep).visit_item_mod(m);
        }
    }
    let Some(types) = file.items.iter_mut().find_map(|i| match i {
        syn::Item::Mod(m) if m.ident == "types" => m.content.as_mut().map(|(_, items)| items),
        _ => None,
    }) else {
        return;
    };
    // The types each type mentions, to keep whatever a kept type contains.
    let mut mentions = std::collections::BTreeMap::new();
    for item in types.iter() {
        let (name, tokens) = match item {
            syn::Item::Struct(s) => (s.ident.to_string(), s.to_token_stream()),
            syn::Item::Enum(e) => (e.ident.to_string(), e.to_token_stream()),
            _ => continue,
        };
        mentions.insert(name, words(tokens));
    }
    let mut stack: Vec<String> = keep.iter().cloned().collect();
    while let Some(name) = stack.pop() {
        for word in mentions.get(&name).into_iter().flatten() {
            if mentions.contains_key(word) && keep.insert(word.clone()) {
                stack.push(word.clone());
            }
        }
    }
    let subject = |ty: &syn::Type| -> Option<String> {
        let syn::Type::Path(p) = ty else { return None };
        Some(p.path.segments.last()?.ident.to_string())
    };
    // `impl X { pub fn builder() -> builder::X }` in `types`.
    types.retain(|item| match item {
        syn::Item::Impl(imp) if imp.trait_.is_none() => {
            let only_builder = imp.items.iter().all(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == "builder"));
            !only_builder || subject(&imp.self_ty).is_none_or(|s| keep.contains(&s))
        }
        _ => true,
    });
    // The builder structs and their impls (`Default`, setters, `TryFrom<X> for super::X`,
    // `From<super::X> for X`): every one names its builder in its self type or trait.
    for item in types.iter_mut() {
        let syn::Item::Mod(m) = item else { continue };
        if m.ident != "builder" {
            continue;
        }
        let Some((_, items)) = &mut m.content else { continue };
        items.retain(|item| match item {
            syn::Item::Struct(s) => keep.contains(&s.ident.to_string()),
            syn::Item::Impl(imp) => subject(&imp.self_ty).is_none_or(|s| keep.contains(&s)),
            _ => true,
        });
    }
}
