//! Read–modify–write without loss: the body of a full-replacement update is built from the
//! entity a reply carries. A request schema marked
//!
//! ```yaml
//! x-altegio-update-from:
//!   schema: Product                  # the reply's entity schema
//!   fields: {sale_unit_id: unit_id}  # body field: reply field, where the names differ
//!   skip: [correction_rules]         # body fields the reply does not carry (left out)
//! ```
//!
//! gets `impl FromReply<Product> for ProductUpdate` (the runtime's `crate::wire::FromReply`)
//! and `impl TryFrom<&Product> for ProductUpdate`: every body field takes the reply field of
//! the same wire name (or the one `fields` names), its lenient wire type resolved (`FlexInt`
//! into `i64`, `FlexBool` into `Flag`...). A path `categories[].id` takes the `id` of each
//! item of a list (tag objects in the reply, tag ids in the body); a path `type.code` takes
//! the `code` of a nested object. A body field of a
//! generated type converts through that type's own `x-altegio-update-from`; an integer
//! request enumeration (`Attendance`) takes the reply's integer and refuses codes it lacks.
//!
//! A `oneOf` body of alternative shapes chooses its shape from an integer of the reply:
//! `{schema: Appointment, choose: {field: activity_id, positive: AppointmentGroupEvent,
//! otherwise: AppointmentStandard}}`.
//!
//! Every body field must be accounted for: a field the reply lacks that is neither mapped nor
//! skipped, a required field skipped, or a pair of types with no conversion fails the build
//! with the schema's JSON pointer (the build names its file). When the reply's or the body's
//! type is not generated (its area is off), nothing is generated for the pair.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The extension's key.
pub const EXTENSION: &str = "x-altegio-update-from";

/// `(body, reply)` pairs of wire or std types the runtime converts through `FromReply`.
const SCALARS: &[(&str, &str)] = &[
    ("i64", "FlexInt"),
    ("i64", "FlexString"),
    ("f64", "FlexNumber"),
    ("f64", "FlexInt"),
    ("String", "FlexString"),
    ("String", "FlexInt"),
    ("String", "FlexNumber"),
    ("String", "FlexDateTime"),
    ("String", "FlexDate"),
    ("bool", "FlexBool"),
    ("Flag", "FlexBool"),
    ("Flag", "FlexInt"),
    ("NaiveDate", "FlexDateTime"),
    ("NaiveDate", "FlexDate"),
    ("DateTime<FixedOffset>", "FlexDateTime"),
];

struct Field {
    ident: syn::Ident,
    wire: String,
    ty: syn::Type,
    defaulted: bool,
}

struct Struct {
    fields: Vec<Field>,
    /// `struct X(pub Inner)`: the inner type.
    newtype: Option<syn::Type>,
}

enum Plan {
    Fields { reply: String, fields: BTreeMap<String, String>, skip: BTreeSet<String> },
    Choose { reply: String, field: String, positive: String, otherwise: String },
}

/// Adds the conversions; returns how many bodies got one.
pub fn apply(file: &mut syn::File, doc: &Value, runtime_wire: &syn::Path) -> Result<usize, String> {
    let plans = plans(doc)?;
    if plans.is_empty() {
        return Ok(0);
    }
    let Some(types) = super::module_items(file, "types") else { return Ok(0) };
    let mut structs = BTreeMap::new();
    let mut enums = BTreeMap::new();
    let mut int_enums = BTreeSet::new();
    for item in types.iter() {
        match item {
            syn::Item::Struct(s) => {
                structs.insert(s.ident.to_string(), read_struct(s));
            }
            syn::Item::Enum(e) => {
                let variants: Vec<(syn::Ident, String)> = e
                    .variants
                    .iter()
                    .filter_map(|v| match &v.fields {
                        syn::Fields::Unnamed(u) if u.unnamed.len() == 1 => {
                            Some((v.ident.clone(), norm(&u.unnamed[0].ty)))
                        }
                        _ => None,
                    })
                    .collect();
                enums.insert(e.ident.to_string(), variants);
            }
            syn::Item::Impl(imp) => {
                if let Some((trait_path, _)) = &imp.trait_
                    && trait_path.segments.last().is_some_and(|s| s.ident == "TryFrom")
                    && norm_path_args(trait_path).as_deref() == Some("i64")
                {
                    int_enums.insert(norm(&imp.self_ty));
                }
            }
            _ => {}
        }
    }
    let generated = |name: &str| structs.contains_key(name) || enums.contains_key(name);
    // Which (body, reply) pairs convert, known before any expression is written.
    let mut pairs = BTreeSet::new();
    for (body, plan) in &plans {
        let reply = match plan {
            Plan::Fields { reply, .. } | Plan::Choose { reply, .. } => reply,
        };
        if generated(body) && generated(reply) {
            pairs.insert((body.clone(), reply.clone()));
        }
    }
    let ctx = Ctx { structs: &structs, int_enums: &int_enums, pairs: &pairs, wire: runtime_wire };
    let mut impls: Vec<syn::Item> = Vec::new();
    for (body, plan) in &plans {
        let pointer = format!("/components/schemas/{body}");
        let at = |m: String| format!("at {pointer}: {m}");
        match plan {
            Plan::Fields { reply, fields, skip } => {
                if !pairs.contains(&(body.clone(), reply.clone())) {
                    continue;
                }
                let Some(b) = structs.get(body) else {
                    return Err(at(format!(
                        "`{EXTENSION}` with `fields` needs an object schema, and `{body}` is not one"
                    )));
                };
                let Some(r) = structs.get(reply) else {
                    return Err(at(format!("`{reply}` is not an object schema, so no body converts from it")));
                };
                let mut inits = Vec::new();
                for f in &b.fields {
                    let ident = &f.ident;
                    let required = !f.defaulted && option_inner(&f.ty).is_none();
                    if skip.contains(&f.wire) {
                        if required {
                            return Err(at(format!(
                                "`{}` is required by the body, so it cannot be skipped in `{EXTENSION}`",
                                f.wire
                            )));
                        }
                        inits.push(quote!(#ident: ::std::default::Default::default()));
                        continue;
                    }
                    let source = fields.get(&f.wire).cloned().unwrap_or_else(|| f.wire.clone());
                    let expr = ctx
                        .field(&f.ty, f.defaulted, r, reply, &source, quote!(value))
                        .map_err(|m| at(format!("body field `{}`: {m}", f.wire)))?;
                    inits.push(quote!(#ident: #expr));
                }
                for name in fields.keys().chain(skip.iter()) {
                    if !b.fields.iter().any(|f| &f.wire == name) {
                        return Err(at(format!("`{EXTENSION}` names `{name}`, which `{body}` does not have")));
                    }
                }
                let body_ty = format_ident!("{body}");
                let reply_ty = format_ident!("{reply}");
                let wire = runtime_wire;
                impls.push(syn::parse_quote! {
                    impl #wire::FromReply<#reply_ty> for #body_ty {
                        fn from_reply(value: &#reply_ty) -> ::std::result::Result<::std::option::Option<Self>, #wire::ReplyConversionError> {
                            ::std::result::Result::Ok(::std::option::Option::Some(Self { #(#inits,)* }))
                        }
                    }
                });
            }
            Plan::Choose { reply, field, positive, otherwise } => {
                if !pairs.contains(&(body.clone(), reply.clone())) {
                    continue;
                }
                let Some(variants) = enums.get(body) else {
                    return Err(at(format!(
                        "`{EXTENSION}` with `choose` needs a `oneOf` schema, and `{body}` is not one"
                    )));
                };
                let variant = |shape: &str| {
                    let v = variants.iter().find(|(_, ty)| ty == shape).map(|(v, _)| v.clone());
                    match v {
                        Some(v) if pairs.contains(&(shape.to_string(), reply.clone())) => Ok(v),
                        Some(_) => Err(at(format!("`{shape}` has no `{EXTENSION}` from `{reply}`"))),
                        None => Err(at(format!("`{shape}` is not one of the shapes of `{body}`"))),
                    }
                };
                let (pos, other) = (variant(positive)?, variant(otherwise)?);
                let Some(r) = structs.get(reply) else {
                    return Err(at(format!("`{reply}` is not an object schema, so no body converts from it")));
                };
                let Some(chooser) = r.fields.iter().find(|f| &f.wire == field) else {
                    return Err(at(format!("`{reply}` has no field `{field}` to choose the shape by")));
                };
                if option_inner(&chooser.ty).map(norm).as_deref() != Some("FlexInt") {
                    return Err(at(format!(
                        "the shape is chosen by an optional `FlexInt`, and `{reply}.{field}` is not one"
                    )));
                }
                let chooser = &chooser.ident;
                let body_ty = format_ident!("{body}");
                let reply_ty = format_ident!("{reply}");
                let wire = runtime_wire;
                impls.push(syn::parse_quote! {
                    impl #wire::FromReply<#reply_ty> for #body_ty {
                        fn from_reply(value: &#reply_ty) -> ::std::result::Result<::std::option::Option<Self>, #wire::ReplyConversionError> {
                            if #wire::reply::positive(value.#chooser.as_ref()) {
                                ::std::result::Result::Ok(#wire::reply::convert(value)?.map(Self::#pos))
                            } else {
                                ::std::result::Result::Ok(#wire::reply::convert(value)?.map(Self::#other))
                            }
                        }
                    }
                });
            }
        }
        let body_ty = format_ident!("{body}");
        let reply_ty = match plan {
            Plan::Fields { reply, .. } | Plan::Choose { reply, .. } => format_ident!("{reply}"),
        };
        let wire = runtime_wire;
        let doc = format!(
            " The body of the update, from the `{reply_ty}` a reply carries: every field they share, \
             lenient wire types resolved (spec extension `{EXTENSION}`)."
        );
        impls.push(syn::parse_quote! {
            #[doc = #doc]
            impl ::std::convert::TryFrom<&#reply_ty> for #body_ty {
                type Error = #wire::ReplyConversionError;
                fn try_from(value: &#reply_ty) -> ::std::result::Result<Self, Self::Error> {
                    #wire::reply::whole(#wire::FromReply::from_reply(value))
                }
            }
        });
    }
    let n = pairs.len();
    if let Some(types) = super::module_items(file, "types") {
        types.extend(impls);
    }
    Ok(n)
}

struct Ctx<'a> {
    structs: &'a BTreeMap<String, Struct>,
    int_enums: &'a BTreeSet<String>,
    pairs: &'a BTreeSet<(String, String)>,
    wire: &'a syn::Path,
}

impl Ctx<'_> {
    /// The initialiser of one body field from the reply struct `r` bound to `value`.
    fn field(
        &self,
        body_ty: &syn::Type,
        defaulted: bool,
        r: &Struct,
        reply_name: &str,
        source: &str,
        value: TokenStream,
    ) -> Result<TokenStream, String> {
        let wire = self.wire;
        // `list[].sub` (each item's `sub`) or `object.sub` (a field of a nested object).
        let (head, rest, nested) = match source.split_once("[].") {
            Some((h, rest)) => (h, Some(rest), false),
            None => match source.split_once('.') {
                Some((h, rest)) => (h, Some(rest), true),
                None => (source, None, false),
            },
        };
        let Some(rf) = r.fields.iter().find(|f| f.wire == head) else {
            return Err(format!(
                "`{reply_name}` has no field `{head}`: name the reply's field in `fields` or list the field in `skip`"
            ));
        };
        let (access, reply_inner) = accessor(&rf.ident, &rf.ty, &value);
        let (kind, body_inner) = match option_inner(body_ty) {
            Some(inner) => (quote!(optional), inner.clone()),
            None if defaulted => (quote!(defaulted), body_ty.clone()),
            None => (quote!(required), body_ty.clone()),
        };
        let convert = match rest {
            None => self.convert(&body_inner, &reply_inner)?,
            Some(sub) if nested => {
                let object_name = norm(&reply_inner);
                let Some(object) = self.structs.get(&object_name) else {
                    return Err(format!("`{head}` is `{object_name}`, not an object type"));
                };
                let Some(sf) = object.fields.iter().find(|f| f.wire == sub) else {
                    return Err(format!("`{object_name}` has no field `{sub}`"));
                };
                let (sub_access, sub_inner) = accessor(&sf.ident, &sf.ty, &quote!(object));
                let inner = self.convert(&body_inner, &sub_inner)?;
                quote!(|object| #wire::reply::optional(#sub_access, #sub, #inner))
            }
            Some(sub) => {
                // `list[].sub`: each item's `sub`.
                let (Some(body_item), Some(reply_item)) = (vec_inner(&body_inner), vec_inner(&reply_inner)) else {
                    return Err(format!("`{source}` needs a list on both sides"));
                };
                let item_name = norm(reply_item);
                let Some(item) = self.structs.get(&item_name) else {
                    return Err(format!("the items of `{head}` are `{item_name}`, not an object type"));
                };
                let Some(sf) = item.fields.iter().find(|f| f.wire == sub) else {
                    return Err(format!("`{item_name}` has no field `{sub}`"));
                };
                let (sub_access, sub_inner) = accessor(&sf.ident, &sf.ty, &quote!(item));
                let inner = self.convert(body_item, &sub_inner)?;
                quote!(|items| #wire::reply::each(items, |item| #wire::reply::required(#sub_access, #sub, #inner).map(::std::option::Option::Some)))
            }
        };
        Ok(quote!(#wire::reply::#kind(#access, #head, #convert)?))
    }

    /// A function from `&reply` to `Result<Option<body>, _>`.
    fn convert(&self, body: &syn::Type, reply: &syn::Type) -> Result<TokenStream, String> {
        let wire = self.wire;
        let (b, r) = (norm(body), norm(reply));
        if b == r {
            return Ok(quote!(#wire::reply::same));
        }
        if let (Some(bi), Some(ri)) = (vec_inner(body), vec_inner(reply)) {
            let inner = self.convert(bi, ri)?;
            return Ok(quote!(|items| #wire::reply::each(items, #inner)));
        }
        if r == format!("OrUnknown<{b}>") {
            return Ok(quote!(#wire::reply::known));
        }
        if self.int_enums.contains(&b) && r == "FlexInt" {
            return Ok(quote!(#wire::reply::int_enum));
        }
        if self.pairs.contains(&(b.clone(), r.clone())) {
            return Ok(quote!(#wire::reply::convert));
        }
        if let Some(inner) = self.structs.get(&r).and_then(|s| s.newtype.as_ref())
            && norm(inner) == b
        {
            return Ok(quote!(|v| #wire::reply::same(&v.0)));
        }
        if SCALARS.contains(&(b.as_str(), r.as_str())) {
            return Ok(quote!(#wire::reply::convert));
        }
        if self.structs.contains_key(&b) {
            return Err(format!("`{b}` has no `{EXTENSION}` from `{r}`"));
        }
        Err(format!("no conversion from the reply's `{r}` into the body's `{b}`"))
    }
}

/// `(expression of type Option<&T>, T)` for a reply field: `Option` and `OrEmpty` peeled.
fn accessor(ident: &syn::Ident, ty: &syn::Type, value: &TokenStream) -> (TokenStream, syn::Type) {
    match option_inner(ty) {
        Some(inner) => match or_empty_inner(inner) {
            Some(x) => (quote!(#value.#ident.as_ref().and_then(|v| v.value())), x.clone()),
            None => (quote!(#value.#ident.as_ref()), inner.clone()),
        },
        None => match or_empty_inner(ty) {
            Some(x) => (quote!(#value.#ident.value()), x.clone()),
            None => (quote!(::std::option::Option::Some(&#value.#ident)), ty.clone()),
        },
    }
}

fn read_struct(s: &syn::ItemStruct) -> Struct {
    let mut fields = Vec::new();
    let mut newtype = None;
    match &s.fields {
        syn::Fields::Named(named) => {
            for f in &named.named {
                let Some(ident) = f.ident.clone() else { continue };
                let (rename, defaulted) = serde_attrs(&f.attrs);
                let wire = rename.unwrap_or_else(|| ident.to_string().trim_start_matches("r#").to_string());
                fields.push(Field { ident, wire, ty: f.ty.clone(), defaulted });
            }
        }
        syn::Fields::Unnamed(u) if u.unnamed.len() == 1 && matches!(u.unnamed[0].vis, syn::Visibility::Public(_)) => {
            newtype = Some(u.unnamed[0].ty.clone());
        }
        _ => {}
    }
    Struct { fields, newtype }
}

/// `(rename, default)` of a field's `#[serde(...)]`.
fn serde_attrs(attrs: &[syn::Attribute]) -> (Option<String>, bool) {
    let mut rename = None;
    let mut default = false;
    for a in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = a.parse_nested_meta(|m| {
            if m.path.is_ident("rename") {
                let s: syn::LitStr = m.value()?.parse()?;
                rename = Some(s.value());
            } else if m.path.is_ident("default") {
                default = true;
                if m.input.peek(syn::Token![=]) {
                    let _: syn::LitStr = m.value()?.parse()?;
                }
            } else if m.input.peek(syn::Token![=]) {
                let _: syn::Expr = m.value()?.parse()?;
            }
            Ok(())
        });
    }
    (rename, default)
}

fn generic_inner<'a>(ty: &'a syn::Type, name: &str) -> Option<&'a syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != name {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else { return None };
    match args.args.first()? {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    generic_inner(ty, "Option")
}

fn vec_inner(ty: &syn::Type) -> Option<&syn::Type> {
    generic_inner(ty, "Vec")
}

fn or_empty_inner(ty: &syn::Type) -> Option<&syn::Type> {
    generic_inner(ty, "OrEmpty")
}

/// A type by the last segment of each path: `::std::vec::Vec<crate::wire::FlexInt>` is
/// `Vec<FlexInt>`, `super::Tag` and `crate::b2b::generated::types::Tag` are `Tag`.
fn norm(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) => match p.path.segments.last() {
            Some(last) => {
                let args = match &last.arguments {
                    syn::PathArguments::AngleBracketed(a) => {
                        let inner: Vec<String> = a
                            .args
                            .iter()
                            .map(|g| match g {
                                syn::GenericArgument::Type(t) => norm(t),
                                other => other.to_token_stream().to_string(),
                            })
                            .collect();
                        format!("<{}>", inner.join(","))
                    }
                    _ => String::new(),
                };
                format!("{}{args}", last.ident)
            }
            None => String::new(),
        },
        other => other.to_token_stream().to_string().replace(' ', ""),
    }
}

/// The normalised generic arguments of a trait path (`TryFrom<i64>` → `i64`).
fn norm_path_args(path: &syn::Path) -> Option<String> {
    let syn::PathArguments::AngleBracketed(a) = &path.segments.last()?.arguments else { return None };
    match a.args.first()? {
        syn::GenericArgument::Type(t) => Some(norm(t)),
        _ => None,
    }
}

/// The extension of every schema that carries it.
fn plans(doc: &Value) -> Result<BTreeMap<String, Plan>, String> {
    let mut out = BTreeMap::new();
    let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) else { return Ok(out) };
    for (name, schema) in schemas {
        let Some(ext) = schema.get(EXTENSION) else { continue };
        let at = |m: &str| format!("at /components/schemas/{name}/{EXTENSION}: {m}");
        let Some(reply) = ext.get("schema").and_then(Value::as_str) else {
            return Err(at("`schema` (the reply's entity schema) is required"));
        };
        let reply = crate::casing::pascal(reply);
        let names = |key: &str| -> Result<Vec<String>, String> {
            match ext.get(key) {
                None => Ok(Vec::new()),
                Some(Value::Array(a)) => a
                    .iter()
                    .map(|v| v.as_str().map(str::to_string).ok_or_else(|| at(&format!("`{key}` lists field names"))))
                    .collect(),
                Some(_) => Err(at(&format!("`{key}` is a list of field names"))),
            }
        };
        let plan = match ext.get("choose") {
            Some(choose) => {
                let get = |k: &str| {
                    choose
                        .get(k)
                        .and_then(Value::as_str)
                        .map(str::to_string)
                        .ok_or_else(|| at(&format!("`choose.{k}` is required")))
                };
                Plan::Choose {
                    reply,
                    field: get("field")?,
                    positive: crate::casing::pascal(&get("positive")?),
                    otherwise: crate::casing::pascal(&get("otherwise")?),
                }
            }
            None => {
                let mut fields = BTreeMap::new();
                match ext.get("fields") {
                    None => {}
                    Some(Value::Object(m)) => {
                        for (k, v) in m {
                            let Some(v) = v.as_str() else {
                                return Err(at(&format!("`fields.{k}` names the reply's field (a string)")));
                            };
                            fields.insert(k.clone(), v.to_string());
                        }
                    }
                    Some(_) => return Err(at("`fields` maps body fields to reply fields")),
                }
                Plan::Fields { reply, fields, skip: names("skip")?.into_iter().collect() }
            }
        };
        out.insert(crate::casing::pascal(name), plan);
    }
    Ok(out)
}

/// Whether a field's type is an `Option`.
pub(crate) fn is_option(ty: &syn::Type) -> bool {
    option_inner(ty).is_some()
}

/// Whether a field has `#[serde(default)]` (a list or a map left out when empty).
pub(crate) fn is_defaulted(attrs: &[syn::Attribute]) -> bool {
    serde_attrs(attrs).1
}

/// Whether a type is `String`.
pub(crate) fn is_string(ty: &syn::Type) -> bool {
    norm(ty) == "String"
}
