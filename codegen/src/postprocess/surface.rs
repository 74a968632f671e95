//! What a user meets first: builders that warn when never sent, no generated constructor
//! that would bypass the client's own builder, and the client's doc comment written for
//! users rather than the spec's description.

/// The `#[must_use]` message of operation builders.
const MUST_USE: &str = "a request builder does nothing until `.send().await`";

/// Applies the surface rewrites; `client_doc` replaces the generated client's doc comment.
pub fn apply(file: &mut syn::File, client_doc: &str) {
    if let Some(items) = super::module_items(file, "builder") {
        for item in items.iter_mut() {
            if let syn::Item::Struct(st) = item {
                st.attrs.push(syn::parse_quote!(#[must_use = #MUST_USE]));
            }
        }
    }
    if let Some(types) = super::module_items(file, "types")
        && let Some(builders) = types.iter_mut().find_map(|i| match i {
            syn::Item::Mod(m) if m.ident == "builder" => m.content.as_mut().map(|(_, items)| items),
            _ => None,
        })
    {
        for item in builders.iter_mut() {
            if let syn::Item::Struct(st) = item {
                st.attrs.push(
                    syn::parse_quote!(#[must_use = "a type builder does nothing until it is converted into its type"]),
                );
            }
        }
    }
    for item in file.items.iter_mut() {
        match item {
            syn::Item::Struct(st) if st.ident == "Client" && !client_doc.is_empty() => {
                st.attrs.retain(|a| !a.path().is_ident("doc"));
                let lines: Vec<syn::Attribute> = client_doc
                    .lines()
                    .map(|l| {
                        let l = format!(" {l}");
                        syn::parse_quote!(#[doc = #l])
                    })
                    .collect();
                st.attrs.splice(0..0, lines);
            }
            // `Client::new` / `new_with_client` take the crate's inner type: only the
            // client crate's own builder may call them.
            syn::Item::Impl(imp)
                if imp.trait_.is_none() && super::subject(&imp.self_ty).as_deref() == Some("Client") =>
            {
                for it in imp.items.iter_mut() {
                    if let syn::ImplItem::Fn(f) = it
                        && (f.sig.ident == "new" || f.sig.ident == "new_with_client")
                    {
                        f.vis = syn::parse_quote!(pub(crate));
                    }
                }
            }
            _ => {}
        }
    }
}
