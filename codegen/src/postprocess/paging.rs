//! Paged list builders get `pages()` and `stream()`: the builder of an operation that
//! takes a `page` query parameter and a page size (`count`, `page_size`, `limit` or
//! `editable_length`), and whose reply is a list (a `Paged` type), walks the list through
//! the runtime's `pages` and `items`, taking the page size from the builder itself.

use std::collections::BTreeSet;

/// The query parameters that set a page's size, in the order they are looked for.
pub const SIZE_PARAMETERS: [&str; 4] = ["count", "page_size", "limit", "editable_length"];

/// Adds the methods to every paged list builder; `lists` names the `Paged` reply types.
/// Returns how many builders got them.
pub fn apply(file: &mut syn::File, lists: &BTreeSet<String>, runtime: &syn::Path) -> usize {
    let Some(items) = super::module_items(file, "builder") else { return 0 };
    // Builder struct -> its page-size field and whether that is optional
    // (`Result<Option<_>, String>`) or required (`Result<_, String>`), for builders with a
    // `page` field.
    let mut sizes = std::collections::HashMap::new();
    for item in items.iter() {
        let syn::Item::Struct(st) = item else { continue };
        let fields: Vec<(String, String)> = st
            .fields
            .iter()
            .filter_map(|f| {
                f.ident.as_ref().map(|i| (i.to_string(), quote::ToTokens::to_token_stream(&f.ty).to_string()))
            })
            .collect();
        if !fields.iter().any(|(f, _)| f == "page") {
            continue;
        }
        if let Some((size, ty)) = SIZE_PARAMETERS.iter().find_map(|s| fields.iter().find(|(f, _)| f == s)) {
            let optional = ty.contains("Option");
            sizes.insert(
                st.ident.to_string(),
                (SIZE_PARAMETERS.iter().find(|p| *p == size).copied().unwrap_or("count"), optional),
            );
        }
    }
    let mut added = 0;
    for item in items.iter_mut() {
        let syn::Item::Impl(imp) = item else { continue };
        let Some((size, optional)) = super::subject(&imp.self_ty).and_then(|b| sizes.get(&b).copied()) else {
            continue;
        };
        let Some((op, ok)) = imp.items.iter().find_map(|i| match i {
            syn::ImplItem::Fn(f) if f.sig.ident == "send_raw" => {
                let op = super::send::operation_id(&f.block)?;
                Some((op, super::send::success_type(&f.sig.output)?))
            }
            _ => None,
        }) else {
            continue;
        };
        if !super::subject(&ok).is_some_and(|name| lists.contains(&name)) {
            continue;
        }
        let size_field = syn::Ident::new(size, proc_macro2::Span::call_site());
        let per_page: syn::Expr = if optional {
            syn::parse_quote!(self.#size_field.as_ref().ok().copied().flatten().and_then(|n| i64::try_from(n).ok()))
        } else {
            syn::parse_quote!(self.#size_field.as_ref().ok().copied().and_then(|n| i64::try_from(n).ok()))
        };
        let pages_doc = format!(
            " Every page of the list, each fetched as the stream is read, `{size}` items at a time as set on \
             this builder (the server's default otherwise); `page` is set by the stream.\n\n The stream ends \
             once `meta.total_count` items came, after an empty page, or (for a list without a total) after a \
             short page; it never ends early in silence (see [`crate::ErrorKind::Pagination`]). At most one \
             page is held in memory."
        );
        let stream_doc = format!(
            " Every item of the list, one at a time, fetched page by page as the stream is read; see \
             [`pages`](Self::pages). For example `client.{op}()...{size}(100).stream()`."
        );
        let methods: [syn::ImplItem; 2] = [
            syn::parse_quote! {
                #[doc = #pages_doc]
                pub fn pages(self) -> impl #runtime::Stream<Item = #runtime::Result<#runtime::Page<<#ok as #runtime::Paged>::Item>>> + 'a {
                    let per_page = #per_page;
                    #runtime::pages(#op, per_page, move |page| self.clone().page(page).send())
                }
            },
            syn::parse_quote! {
                #[doc = #stream_doc]
                pub fn stream(self) -> impl #runtime::Stream<Item = #runtime::Result<<#ok as #runtime::Paged>::Item>> + 'a {
                    #runtime::items(self.pages())
                }
            },
        ];
        imp.items.extend(methods);
        added += 1;
    }
    added
}
