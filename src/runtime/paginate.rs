//! Streams over paged list operations.

use crate::runtime::error::Result;
use crate::wire::Meta;
use futures_core::Stream;
use progenitor_client::ResponseValue;
use std::collections::VecDeque;
use std::future::Future;

/// One page of a list reply: its items and the total the API reported, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// `meta.total_count` (or `meta.count`) when the API sends it.
    pub total: Option<i64>,
}

/// A list reply that can be split into a [`Page`]; implemented for every envelope whose
/// `data` is an array.
pub trait Paged {
    /// The item type.
    type Item;
    /// The items and the reported total.
    fn into_page(self) -> Page<Self::Item>;
}

/// The reported total of a `meta`.
#[cfg_attr(not(feature = "b2b"), allow(dead_code))] // unused by some single areas
pub(crate) fn total_of(meta: Option<&Meta>) -> Option<i64> {
    meta.and_then(Meta::total)
}

/// Streams every item of a paged list, fetching page after page (from 1) as the stream is
/// read.
///
/// `fetch(page)` sends the request for one page with `per_page` items (set the operation's
/// page-size parameter: `count`, `page_size`, `editable_length`...). The stream ends after
/// an empty page, a page shorter than `per_page`, or once `meta.total_count` items came.
/// It holds at most one page in memory, and each request goes through the client's rate
/// limiter and retries. An error ends the stream after it is yielded.
///
/// ```no_run
/// # async fn demo(client: altegio::Client) -> altegio::Result<()> {
/// use futures_util::TryStreamExt;
/// let locations = altegio::b2b::paginate(50, |page| client.get_location_list().page(page).count(50).send());
/// let mut locations = std::pin::pin!(locations);
/// while let Some(location) = locations.try_next().await? {
///     println!("{:?}", location.title);
/// }
/// # Ok(()) }
/// ```
pub fn paginate<R, F, Fut>(per_page: i64, fetch: F) -> impl Stream<Item = Result<R::Item>>
where
    R: Paged,
    F: FnMut(i64) -> Fut,
    Fut: Future<Output = Result<ResponseValue<R>>>,
{
    struct State<F, T> {
        fetch: F,
        next_page: i64,
        buffer: VecDeque<T>,
        seen: i64,
        done: bool,
    }
    let state = State { fetch, next_page: 1, buffer: VecDeque::new(), seen: 0, done: false };
    futures_util::stream::unfold(state, move |mut s| async move {
        loop {
            if let Some(item) = s.buffer.pop_front() {
                return Some((Ok(item), s));
            }
            if s.done {
                return None;
            }
            // The drained buffer still has the capacity of the last page; free it before
            // the next page is read, or two pages' worth would be held during the fetch.
            s.buffer = VecDeque::new();
            match (s.fetch)(s.next_page).await {
                Err(e) => {
                    s.done = true;
                    return Some((Err(e), s));
                }
                Ok(reply) => {
                    let page = reply.into_inner().into_page();
                    let n = page.items.len() as i64;
                    s.seen += n;
                    s.next_page += 1;
                    let reached_total = page.total.is_some_and(|t| s.seen >= t);
                    if n == 0 || n < per_page || reached_total {
                        s.done = true;
                    }
                    s.buffer = page.items.into();
                }
            }
        }
    })
}
