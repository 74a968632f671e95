//! Each operation builder's `send` becomes the crate-private `send_raw`; a public `send`
//! and `send_with` run it through the runtime (`typed` or `untyped`), which waits for the
//! limiter, retries what is safe and maps every outcome to the client's error type. The
//! tables that name each operation's types (`decode_success`, `request_schema`,
//! `response_schema`) come from the same walk.

use proc_macro2::{Ident, Span};
use quote::{ToTokens, quote};
use syn::visit::Visit;

/// Wraps every `send`; returns the table items to add to the module.
pub fn apply(file: &mut syn::File, runtime: &syn::Path) -> Result<Vec<syn::Item>, String> {
    let mut sends = 0usize;
    let mut decoders: Vec<(String, Option<syn::Type>)> = Vec::new();
    let mut bodies: Vec<(String, syn::Type)> = Vec::new();
    if let Some(items) = super::module_items(file, "builder") {
        // Builder struct -> the type of its `body` field (`Result<types::[builder::]X, String>`).
        let mut body_of = std::collections::HashMap::new();
        for item in items.iter() {
            if let syn::Item::Struct(st) = item
                && let Some(ty) = st.fields.iter().find(|f| f.ident.as_ref().is_some_and(|i| i == "body"))
                && let Some(name) = last_generic_ident(&ty.ty)
            {
                body_of.insert(st.ident.to_string(), name);
            }
        }
        for item in items.iter_mut() {
            let syn::Item::Impl(imp) = item else { continue };
            let builder = super::subject(&imp.self_ty).unwrap_or_default();
            if let Some((op, ty)) = wrap_send(imp, runtime)? {
                sends += 1;
                if let Some(name) = body_of.get(&builder) {
                    let ident = Ident::new(name, Span::call_site());
                    bodies.push((op.clone(), syn::parse_quote!(types::#ident)));
                }
                decoders.push((op, ty));
            }
        }
    }
    if sends == 0 && file.to_token_stream().to_string().contains("OperationInfo {") {
        return Err("progenitor's builders have no `send` to wrap: the generator changed shape".into());
    }
    let mut tables = vec![decoder(&decoders, runtime)];
    let typed: Vec<(String, syn::Type)> = decoders.into_iter().filter_map(|(op, ty)| ty.map(|t| (op, t))).collect();
    tables.push(schema_table("request_schema", "request body", &bodies));
    tables.push(schema_table("response_schema", "success reply", &typed));
    Ok(tables)
}

/// The last identifier inside `Result<types::builder::X, String>`: `X`.
fn last_generic_ident(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(p) = ty else { return None };
    let syn::PathArguments::AngleBracketed(args) = &p.path.segments.last()?.arguments else {
        return None;
    };
    let Some(syn::GenericArgument::Type(syn::Type::Path(inner))) = args.args.first() else {
        return None;
    };
    Some(inner.path.segments.last()?.ident.to_string())
}

/// `fn <name>(operation_id) -> Option<schemars::Schema>` (only with the `schemars` feature).
fn schema_table(name: &str, what: &str, ops: &[(String, syn::Type)]) -> syn::Item {
    let name = Ident::new(name, Span::call_site());
    let doc = format!(" The JSON Schema of an operation's {what} type; `None` when it has none.");
    let arms = ops.iter().map(|(op, ty)| quote! { #op => Some(schemars::schema_for!(#ty)), });
    // schemars 0.8: `schema_for!` gives a `RootSchema`.
    syn::parse_quote! {
        #[doc = #doc]
        #[cfg(feature = "schemars")]
        pub fn #name(operation_id: &str) -> Option<schemars::schema::RootSchema> {
            match operation_id {
                #(#arms)*
                _ => None,
            }
        }
    }
}

/// `decode_success(operation_id, body)`: decodes a success body into the operation's
/// typed response, so tests can check every example of the spec.
fn decoder(ops: &[(String, Option<syn::Type>)], runtime: &syn::Path) -> syn::Item {
    let arms = ops.iter().map(|(op, ty)| match ty {
        Some(ty) => quote! { #op => Some(#runtime::check_decode::<#ty>(body)), },
        None => quote! { #op => Some(Ok(())), },
    });
    syn::parse_quote! {
        /// Decodes a success body of an operation into its typed response; `None` for an
        /// unknown operation, `Some(Ok(()))` for replies without a typed body.
        pub fn decode_success(operation_id: &str, body: &[u8]) -> Option<Result<(), String>> {
            match operation_id {
                #(#arms)*
                _ => None,
            }
        }
    }
}

fn wrap_send(imp: &mut syn::ItemImpl, runtime: &syn::Path) -> Result<Option<(String, Option<syn::Type>)>, String> {
    let Some(pos) = imp.items.iter().position(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == "send")) else {
        return Ok(None);
    };
    let syn::ImplItem::Fn(send) = &mut imp.items[pos] else {
        return Ok(None);
    };
    let op_id = operation_id(&send.block).ok_or("a builder `send` without an OperationInfo")?;
    let ok_type =
        success_type(&send.sig.output).ok_or_else(|| format!("`{op_id}`: unexpected return type of `send`"))?;
    send.sig.ident = Ident::new("send_raw", Span::call_site());
    send.vis = syn::parse_quote!(pub(crate));
    send.attrs.retain(|a| !a.path().is_ident("doc"));
    let untyped = matches!(ok_type.to_token_stream().to_string().as_str(), "()" | "ByteStream");
    let runner: syn::Path =
        if untyped { syn::parse_quote!(#runtime::untyped) } else { syn::parse_quote!(#runtime::typed) };
    let doc = format!(
        " Sends the request of `{op_id}` and decodes the reply.\n\n Every failure is a [`crate::Error`]; \
         `send_with` takes per-call [`CallOptions`](crate::CallOptions)."
    );
    let wrapper: syn::ImplItem = syn::parse_quote! {
        #[doc = #doc]
        pub async fn send(self) -> #runtime::Result<ResponseValue<#ok_type>> {
            #runner(#op_id, #runtime::CallOptions::default(), self.send_raw()).await
        }
    };
    let wrapper_with: syn::ImplItem = syn::parse_quote! {
        /// Like `send`, with per-call options (timeout, retries) that override the client's.
        pub async fn send_with(self, options: #runtime::CallOptions) -> #runtime::Result<ResponseValue<#ok_type>> {
            #runner(#op_id, options, self.send_raw()).await
        }
    };
    imp.items.push(wrapper);
    imp.items.push(wrapper_with);
    Ok(Some((op_id, (!untyped).then_some(ok_type))))
}

/// The operation id a builder's `send` names in its `OperationInfo`.
pub(crate) fn operation_id(block: &syn::Block) -> Option<String> {
    let mut finder = OpIdFinder(None);
    finder.visit_block(block);
    finder.0
}

/// `Result<ResponseValue<T>, Error<E>>` -> `T`.
pub(crate) fn success_type(output: &syn::ReturnType) -> Option<syn::Type> {
    let syn::ReturnType::Type(_, ty) = output else {
        return None;
    };
    let syn::Type::Path(p) = ty.as_ref() else {
        return None;
    };
    let last = p.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let Some(syn::GenericArgument::Type(syn::Type::Path(rv))) = args.args.first() else {
        return None;
    };
    let rv_last = rv.path.segments.last()?;
    if rv_last.ident != "ResponseValue" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(inner) = &rv_last.arguments else {
        return None;
    };
    match inner.args.first() {
        Some(syn::GenericArgument::Type(t)) => Some(t.clone()),
        _ => None,
    }
}

struct OpIdFinder(Option<String>);

impl<'ast> Visit<'ast> for OpIdFinder {
    fn visit_expr_struct(&mut self, e: &'ast syn::ExprStruct) {
        if e.path.is_ident("OperationInfo") {
            for f in &e.fields {
                if let (syn::Member::Named(n), syn::Expr::Lit(l)) = (&f.member, &f.expr)
                    && n == "operation_id"
                    && let syn::Lit::Str(s) = &l.lit
                {
                    self.0 = Some(s.value());
                }
            }
        }
        syn::visit::visit_expr_struct(self, e);
    }
}
