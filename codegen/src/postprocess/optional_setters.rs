//! The setters of optional fields in `types::builder` take the plain value: typify bounds
//! them by `TryInto<Option<X>>`, so `.surname("Lovelace")` is refused (a `&str` is not an
//! `Option<String>`) while the required `.name("Ada")` works. A setter whose `X` is not a
//! generated type (a string, number, flag, date, wire type) is bounded by the runtime's
//! `IntoOptional<X>` instead, which takes `X`, `Option<X>`, and `&str` for a `String`.
//! Setters of generated types keep typify's bound, which takes their builders.

use quote::ToTokens;

/// Rewrites the setters; returns how many.
pub fn apply(file: &mut syn::File, runtime: &syn::Path) -> usize {
    let Some(types) = super::module_items(file, "types") else { return 0 };
    let Some(builder) = types.iter_mut().find_map(|i| match i {
        syn::Item::Mod(m) if m.ident == "builder" => m.content.as_mut().map(|(_, items)| items),
        _ => None,
    }) else {
        return 0;
    };
    let mut rewritten = 0;
    for item in builder.iter_mut() {
        let syn::Item::Impl(imp) = item else { continue };
        for it in imp.items.iter_mut() {
            let syn::ImplItem::Fn(f) = it else { continue };
            let Some(inner) = optional_target(f) else { continue };
            let name = &f.sig.ident;
            let doc: Vec<&syn::Attribute> = f.attrs.iter().filter(|a| a.path().is_ident("doc")).collect();
            *f = syn::parse_quote! {
                #(#doc)*
                pub fn #name<T>(mut self, value: T) -> Self
                where
                    T: #runtime::IntoOptional<#inner>,
                {
                    self.#name = Ok(value.into_optional());
                    self
                }
            };
            rewritten += 1;
        }
    }
    rewritten
}

/// `X` of a setter bounded by `T: TryInto<Option<X>>`, when `X` is not a generated type
/// (`super::...`) and the setter's field has the setter's name.
fn optional_target(f: &syn::ImplItemFn) -> Option<syn::Type> {
    let where_clause = f.sig.generics.where_clause.as_ref()?;
    for predicate in &where_clause.predicates {
        let syn::WherePredicate::Type(p) = predicate else { continue };
        for bound in &p.bounds {
            let syn::TypeParamBound::Trait(t) = bound else { continue };
            let last = t.path.segments.last()?;
            if last.ident != "TryInto" {
                continue;
            }
            let syn::PathArguments::AngleBracketed(args) = &last.arguments else { continue };
            let Some(syn::GenericArgument::Type(syn::Type::Path(option))) = args.args.first() else { continue };
            let option_last = option.path.segments.last()?;
            if option_last.ident != "Option" {
                continue;
            }
            let syn::PathArguments::AngleBracketed(inner) = &option_last.arguments else { continue };
            let Some(syn::GenericArgument::Type(ty)) = inner.args.first() else { continue };
            let generated = ty.to_token_stream().to_string().replace(' ', "").starts_with("super::");
            return (!generated).then(|| ty.clone());
        }
    }
    None
}
