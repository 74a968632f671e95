//! Enumerations in replies keep values they do not list: every field of a type no request
//! body reaches (a reply, an inbound event) whose type is a generated enumeration (a string
//! enum, or an integer enum such as `Attendance`) becomes `crate::wire::OrUnknown<E>`, so a
//! new server value decodes as `Unknown(raw)` instead of failing the whole reply. Types a
//! request body reaches keep the strict enumeration, in the type and in its builder.

use std::collections::BTreeSet;
use syn::visit_mut::VisitMut;

/// Rewrites the fields; returns how many.
pub fn apply(file: &mut syn::File, wire: &syn::Path) -> usize {
    let request_roots = request_bodies(file);
    let Some(types) = super::module_items(file, "types") else { return 0 };
    let mut enums = BTreeSet::new();
    for item in types.iter() {
        match item {
            syn::Item::Enum(e) if !e.variants.is_empty() && e.variants.iter().all(|v| v.fields.is_empty()) => {
                enums.insert(e.ident.to_string());
            }
            syn::Item::Impl(imp) => {
                if let Some((path, _)) = &imp.trait_
                    && path.segments.last().is_some_and(|s| s.ident == "TryFrom")
                    && first_arg(path).as_deref() == Some("i64")
                    && let Some(name) = super::subject(&imp.self_ty)
                {
                    enums.insert(name);
                }
            }
            _ => {}
        }
    }
    if enums.is_empty() {
        return 0;
    }
    let requests = closure(types, request_roots);
    let mut rewrite = Rewrite { enums: &enums, wire, count: 0 };
    let mut reply_structs = BTreeSet::new();
    for item in types.iter_mut() {
        if let syn::Item::Struct(s) = item
            && !requests.contains(&s.ident.to_string())
        {
            reply_structs.insert(s.ident.to_string());
            for f in s.fields.iter_mut() {
                rewrite.visit_type_mut(&mut f.ty);
            }
        }
    }
    let count = rewrite.count;
    // The builders of those types (inbound events keep one): fields and setter bounds.
    if let Some(builder) = types.iter_mut().find_map(|i| match i {
        syn::Item::Mod(m) if m.ident == "builder" => m.content.as_mut().map(|(_, items)| items),
        _ => None,
    }) {
        for item in builder.iter_mut() {
            match item {
                syn::Item::Struct(s) if reply_structs.contains(&s.ident.to_string()) => {
                    for f in s.fields.iter_mut() {
                        rewrite.visit_type_mut(&mut f.ty);
                    }
                }
                syn::Item::Impl(imp)
                    if imp.trait_.is_none()
                        && super::subject(&imp.self_ty).is_some_and(|n| reply_structs.contains(&n)) =>
                {
                    for it in imp.items.iter_mut() {
                        if let syn::ImplItem::Fn(f) = it
                            && let Some(w) = f.sig.generics.where_clause.as_mut()
                        {
                            for p in w.predicates.iter_mut() {
                                rewrite.visit_where_predicate_mut(p);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    count
}

struct Rewrite<'a> {
    enums: &'a BTreeSet<String>,
    wire: &'a syn::Path,
    count: usize,
}

impl VisitMut for Rewrite<'_> {
    fn visit_type_mut(&mut self, ty: &mut syn::Type) {
        if let syn::Type::Path(p) = ty
            && p.qself.is_none()
            && let Some(last) = p.path.segments.last()
        {
            let name = last.ident.to_string();
            let local = p.path.segments.len() == 1 || p.path.segments.first().is_some_and(|s| s.ident == "super");
            if local && last.arguments.is_empty() && self.enums.contains(&name) {
                let wire = self.wire;
                let inner = ty.clone();
                *ty = syn::parse_quote!(#wire::OrUnknown<#inner>);
                self.count += 1;
                return;
            }
            if last.ident == "OrUnknown" {
                return;
            }
        }
        syn::visit_mut::visit_type_mut(self, ty);
    }
}

fn first_arg(path: &syn::Path) -> Option<String> {
    let syn::PathArguments::AngleBracketed(a) = &path.segments.last()?.arguments else { return None };
    match a.args.first()? {
        syn::GenericArgument::Type(t) => super::subject(t),
        _ => None,
    }
}

/// The body types of the operation builders (`body: Result<types::builder::X, String>`).
fn request_bodies(file: &mut syn::File) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let Some(builders) = super::module_items(file, "builder") else { return out };
    for item in builders.iter() {
        let syn::Item::Struct(s) = item else { continue };
        for f in s.fields.iter() {
            if f.ident.as_ref().is_some_and(|i| i == "body") {
                super::type_names(&f.ty, &mut out);
            }
        }
    }
    out
}

/// Every generated type a set of types reaches through their fields and variants.
fn closure(types: &[syn::Item], roots: BTreeSet<String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<String> = roots.into_iter().collect();
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let mut found = BTreeSet::new();
        for item in types {
            match item {
                syn::Item::Struct(s) if s.ident == name.as_str() => {
                    for f in s.fields.iter() {
                        super::type_names(&f.ty, &mut found);
                    }
                }
                syn::Item::Enum(e) if e.ident == name.as_str() => {
                    for v in &e.variants {
                        for f in v.fields.iter() {
                            super::type_names(&f.ty, &mut found);
                        }
                    }
                }
                _ => {}
            }
        }
        todo.extend(found.into_iter().filter(|n| !seen.contains(n)));
    }
    seen
}
