//! Constructors from the required fields: a request schema marked
//! `x-altegio-constructor: true` gets `X::new(required fields...)`, the optional ones left
//! out, so a body of one of several shapes (`AppointmentStandard`) is written in one call
//! and still cannot be built without what it requires. Optional fields are then set on the
//! value (`body.comment = Some(...)`). A `String` parameter takes `impl Into<String>`.

use quote::{format_ident, quote};
use serde_json::Value;

/// The extension's key.
pub const EXTENSION: &str = "x-altegio-constructor";

/// Adds the constructors; returns how many.
pub fn apply(file: &mut syn::File, doc: &Value) -> Result<usize, String> {
    let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) else { return Ok(0) };
    // Each marked schema with its `required` list: the constructor's parameters, in that order.
    let marked: Vec<(String, Vec<String>)> = schemas
        .iter()
        .filter(|(_, s)| s.get(EXTENSION).and_then(Value::as_bool) == Some(true))
        .map(|(name, s)| {
            let required = s.get("required").and_then(Value::as_array).into_iter().flatten();
            (crate::casing::pascal(name), required.filter_map(Value::as_str).map(crate::casing::snake).collect())
        })
        .collect();
    if marked.is_empty() {
        return Ok(0);
    }
    let Some(types) = super::module_items(file, "types") else { return Ok(0) };
    let mut impls: Vec<syn::Item> = Vec::new();
    for (name, order) in &marked {
        let Some(s) = types.iter().find_map(|i| match i {
            syn::Item::Struct(s) if s.ident == name.as_str() => Some(s),
            _ => None,
        }) else {
            continue; // its area is off
        };
        let syn::Fields::Named(fields) = &s.fields else {
            return Err(format!("at /components/schemas/{name}: `{EXTENSION}` needs an object schema with properties"));
        };
        let mut params = Vec::new();
        let mut inits = Vec::new();
        let mut names = Vec::new();
        let mut ordered: Vec<&syn::Field> = fields.named.iter().collect();
        let rank = |f: &syn::Field| {
            let ident = f.ident.as_ref().map(|i| i.to_string()).unwrap_or_default();
            order.iter().position(|r| *r == ident).unwrap_or(order.len())
        };
        ordered.sort_by_key(|f| rank(f));
        for f in ordered {
            let Some(ident) = &f.ident else { continue };
            let optional = super::update_from::is_option(&f.ty) || super::update_from::is_defaulted(&f.attrs);
            if optional {
                inits.push(quote!(#ident: ::std::default::Default::default()));
                continue;
            }
            let ty = &f.ty;
            if super::update_from::is_string(ty) {
                params.push(quote!(#ident: impl ::std::convert::Into<::std::string::String>));
                inits.push(quote!(#ident: #ident.into()));
            } else {
                params.push(quote!(#ident: #ty));
                inits.push(quote!(#ident));
            }
            names.push(format!("`{}`", ident.to_string().trim_start_matches("r#")));
        }
        let ty = format_ident!("{name}");
        let doc = if names.is_empty() {
            " A value with every field left out; set the ones to send on it.".to_string()
        } else {
            format!(
                " A value with its required fields ({}); the optional ones are left out, set them on the value.",
                names.join(", ")
            )
        };
        impls.push(syn::parse_quote! {
            impl #ty {
                #[doc = #doc]
                pub fn new(#(#params),*) -> Self {
                    Self { #(#inits,)* }
                }
            }
        });
    }
    let n = impls.len();
    types.extend(impls);
    Ok(n)
}
