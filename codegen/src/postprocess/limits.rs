//! Request limits that typify does not enforce (`minimum`, `maximum`, `multipleOf`,
//! `minItems`, `maxItems` on the properties of a request schema) are checked before
//! sending: every body type with such a property, and every type that holds one (an
//! alternative-shape enum, a wrapping object), gets the runtime's `CheckLimits`, and the
//! `send_raw` of an operation with such a body checks it right after building it. A body
//! out of bounds is an `InvalidRequest` error naming the field; nothing is sent.

use quote::{format_ident, quote};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// One check of a field, as a statement on `self`.
struct Limit {
    check: proc_macro2::TokenStream,
}

/// Adds the checks; returns how many operations check their body.
pub fn apply(file: &mut syn::File, doc: &Value, wire: &syn::Path) -> usize {
    let own = own_limits(doc, wire);
    if own.is_empty() {
        return 0;
    }
    let Some(types) = super::module_items(file, "types") else { return 0 };
    // Field name -> generated type names, per struct; variant payloads per enum.
    let mut struct_fields: BTreeMap<String, Vec<(syn::Ident, BTreeSet<String>)>> = BTreeMap::new();
    let mut enum_variants: BTreeMap<String, Vec<(syn::Ident, String)>> = BTreeMap::new();
    for item in types.iter() {
        match item {
            syn::Item::Struct(s) => {
                let fields = s
                    .fields
                    .iter()
                    .filter_map(|f| {
                        let mut names = BTreeSet::new();
                        super::type_names(&f.ty, &mut names);
                        f.ident.clone().map(|i| (i, names))
                    })
                    .collect();
                struct_fields.insert(s.ident.to_string(), fields);
            }
            syn::Item::Enum(e) => {
                let variants = e
                    .variants
                    .iter()
                    .filter_map(|v| match &v.fields {
                        syn::Fields::Unnamed(u) if u.unnamed.len() == 1 => {
                            super::subject(&u.unnamed[0].ty).map(|t| (v.ident.clone(), t))
                        }
                        _ => None,
                    })
                    .collect();
                enum_variants.insert(e.ident.to_string(), variants);
            }
            _ => {}
        }
    }
    // Types that check something: their own limits, or a part that does (to a fixpoint).
    let mut checked: BTreeSet<String> = own.keys().filter(|n| struct_fields.contains_key(*n)).cloned().collect();
    loop {
        let before = checked.len();
        for (name, fields) in &struct_fields {
            if fields.iter().any(|(_, names)| names.iter().any(|n| checked.contains(n))) {
                checked.insert(name.clone());
            }
        }
        for (name, variants) in &enum_variants {
            if variants.iter().any(|(_, t)| checked.contains(t)) {
                checked.insert(name.clone());
            }
        }
        if checked.len() == before {
            break;
        }
    }
    let mut impls: Vec<syn::Item> = Vec::new();
    for name in &checked {
        let ty = format_ident!("{name}");
        let body = if let Some(variants) = enum_variants.get(name) {
            let arms = variants.iter().map(|(v, t)| {
                if checked.contains(t) {
                    quote!(Self::#v(v) => #wire::CheckLimits::check_limits(v))
                } else {
                    quote!(Self::#v(_) => ::std::result::Result::Ok(()))
                }
            });
            quote!(match self { #(#arms,)* })
        } else {
            let mut steps = Vec::new();
            for limit in own.get(name).into_iter().flatten() {
                steps.push(limit.check.clone());
            }
            for (field, names) in struct_fields.get(name).into_iter().flatten() {
                if names.iter().any(|n| checked.contains(n)) {
                    steps.push(quote!(#wire::CheckLimits::check_limits(&self.#field)?;));
                }
            }
            quote!(#(#steps)* ::std::result::Result::Ok(()))
        };
        impls.push(syn::parse_quote! {
            impl #wire::CheckLimits for #ty {
                fn check_limits(&self) -> ::std::result::Result<(), ::std::string::String> {
                    #body
                }
            }
        });
    }
    types.extend(impls);
    // Operation builders whose body is checked: check it in send_raw.
    let Some(builders) = super::module_items(file, "builder") else { return 0 };
    let mut with_checked_body = BTreeSet::new();
    for item in builders.iter() {
        let syn::Item::Struct(s) = item else { continue };
        for f in s.fields.iter() {
            if f.ident.as_ref().is_some_and(|i| i == "body") {
                let mut names = BTreeSet::new();
                super::type_names(&f.ty, &mut names);
                if names.iter().any(|n| checked.contains(n)) {
                    with_checked_body.insert(s.ident.to_string());
                }
            }
        }
    }
    let mut count = 0;
    for item in builders.iter_mut() {
        let syn::Item::Impl(imp) = item else { continue };
        if imp.trait_.is_some() || !super::subject(&imp.self_ty).is_some_and(|n| with_checked_body.contains(&n)) {
            continue;
        }
        for it in imp.items.iter_mut() {
            let syn::ImplItem::Fn(f) = it else { continue };
            if f.sig.ident != "send_raw" {
                continue;
            }
            let at = f.block.stmts.iter().position(|s| match s {
                syn::Stmt::Local(l) => matches!(&l.pat, syn::Pat::Ident(p) if p.ident == "body"),
                _ => false,
            });
            if let Some(at) = at {
                let check: syn::Stmt =
                    syn::parse_quote!(#wire::CheckLimits::check_limits(&body).map_err(Error::InvalidRequest)?;);
                f.block.stmts.insert(at + 1, check);
                count += 1;
            }
        }
    }
    count
}

/// For each schema, the checks of its own properties.
fn own_limits(doc: &Value, wire: &syn::Path) -> BTreeMap<String, Vec<Limit>> {
    let mut out: BTreeMap<String, Vec<Limit>> = BTreeMap::new();
    let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) else { return out };
    for (name, schema) in schemas {
        let Some(props) = schema.get("properties").and_then(Value::as_object) else { continue };
        for (prop, p) in props {
            let num = |k: &str| p.get(k).and_then(Value::as_f64);
            let opt_f = |v: Option<f64>| match v {
                Some(v) => quote!(::std::option::Option::Some(#v)),
                None => quote!(::std::option::Option::None),
            };
            let opt_u = |v: Option<u64>| match v {
                Some(v) => {
                    let v = v as usize;
                    quote!(::std::option::Option::Some(#v))
                }
                None => quote!(::std::option::Option::None),
            };
            let field = format_ident!("{}", crate::casing::snake(prop));
            let label = prop.as_str();
            let (min, max, step) = (num("minimum"), num("maximum"), num("multipleOf"));
            if min.is_some() || max.is_some() || step.is_some() {
                let (min, max, step) = (opt_f(min), opt_f(max), opt_f(step));
                out.entry(crate::casing::pascal(name))
                    .or_default()
                    .push(Limit { check: quote!(#wire::limits::number(#label, &self.#field, #min, #max, #step)?;) });
            }
            let (lo, hi) = (p.get("minItems").and_then(Value::as_u64), p.get("maxItems").and_then(Value::as_u64));
            if lo.is_some() || hi.is_some() {
                let (lo, hi) = (opt_u(lo), opt_u(hi));
                out.entry(crate::casing::pascal(name))
                    .or_default()
                    .push(Limit { check: quote!(#wire::limits::items(#label, &self.#field, #lo, #hi)?;) });
            }
        }
    }
    out
}
