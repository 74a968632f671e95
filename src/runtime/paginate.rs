//! Streams over paged list operations.
//!
//! One walker serves both entry points: the `pages()` and `stream()` methods of every
//! paged list builder (the page size comes from the builder, so it is given once), and
//! [`paginate`] for lists paged in a request body. It asks for pages by number; the
//! position it keeps is private to this module, so a cursor can take its place for an API
//! that pages by cursor without changing either entry point.

use crate::runtime::error::{Error, ErrorKind, Result};
use crate::wire::Meta;
use futures_core::Stream;
use futures_util::StreamExt;
use progenitor_client::ResponseValue;
use std::future::Future;
use std::hash::Hasher;

/// One page of a list reply: its items and the total the API reported, if any.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// `meta.total_count` (or `meta.count`) when the API sends it.
    pub total: Option<i64>,
    /// The page number it was asked for (from 1); 0 for a page not fetched by a stream.
    pub number: i64,
}

/// A list reply that can be split into a [`Page`]; implemented for every envelope whose
/// `data` is an array.
pub trait Paged {
    /// The item type.
    type Item: serde::Serialize;
    /// The items and the reported total.
    fn into_page(self) -> Page<Self::Item>;
}

/// The reported total of a `meta`.
#[cfg_attr(not(feature = "b2b"), allow(dead_code))] // unused by some single areas
pub(crate) fn total_of(meta: Option<&Meta>) -> Option<i64> {
    meta.and_then(Meta::total)
}

/// Where the walk is and what it has seen.
struct Walk {
    operation: &'static str,
    /// The page number to ask for next.
    next: i64,
    /// The page size asked for, when known.
    asked: Option<usize>,
    /// The page size the server keeps to: the size asked for, or the first page's length,
    /// lowered when the server caps pages below it.
    size: Option<usize>,
    seen: u64,
    /// The first reported total (bounds the page count).
    first_total: Option<u64>,
    /// A fingerprint of the previous page.
    previous: Option<u64>,
    done: bool,
}

impl Walk {
    fn error(&self, message: String) -> Error {
        Error::new(ErrorKind::Pagination).with_message(message).with_operation(self.operation)
    }

    /// Checks a page and decides whether another follows; an error ends the stream.
    fn take<T: serde::Serialize>(&mut self, page: &Page<T>) -> Result<()> {
        let n = page.items.len();
        let number = page.number;
        let total = page.total.map(|t| t.max(0) as u64);
        if n == 0 {
            self.done = true;
            return match total {
                Some(t) if self.seen < t => Err(self.error(format!(
                    "page {number} was empty after {} of the {t} items total_count reported",
                    self.seen
                ))),
                _ => Ok(()),
            };
        }
        let fingerprint = fingerprint(&page.items);
        if self.previous == Some(fingerprint) {
            self.done = true;
            return Err(self.error(format!(
                "page {number} repeats page {} after {} items (the server may ignore the page number)",
                number - 1,
                self.seen
            )));
        }
        self.previous = Some(fingerprint);
        self.seen += n as u64;
        self.next += 1;
        let size = *self.size.get_or_insert(self.asked.unwrap_or(n));
        match total {
            Some(t) => {
                if self.seen >= t {
                    self.done = true;
                    return Ok(());
                }
                // A short page while items remain: the server caps pages below the size
                // asked for; its pages are this long from now on.
                let size = if n < size { n } else { size };
                self.size = Some(size);
                let first = *self.first_total.get_or_insert(t);
                // The pages the first total allows, with room for a tenth more items
                // arriving while the list is read.
                let allowed = (first + first / 10).div_ceil(size as u64) + 1;
                if number as u64 >= allowed && self.seen < t {
                    self.done = true;
                    return Err(self.error(format!(
                        "page {number} is past the {allowed} pages that a total_count of {first} allows at {size} \
                         per page ({} items so far)",
                        self.seen
                    )));
                }
            }
            // Without a total, a short page is the last one.
            None if n < size => self.done = true,
            None => {}
        }
        Ok(())
    }
}

/// A fingerprint of a page: its length, first and last items, enough to recognise a page
/// served twice.
fn fingerprint<T: serde::Serialize>(items: &[T]) -> u64 {
    struct Hash(std::collections::hash_map::DefaultHasher);
    impl std::io::Write for Hash {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.write(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut h = Hash(std::collections::hash_map::DefaultHasher::new());
    h.0.write_usize(items.len());
    for item in [items.first(), items.last()].into_iter().flatten() {
        // Items are generated types, which always serialise.
        let _ = serde_json::to_writer(&mut h, item);
    }
    h.0.finish()
}

/// Streams the pages of a list, fetching each (from 1) as the stream is read.
#[cfg_attr(not(feature = "b2b"), allow(dead_code))] // unused by some single areas
pub(crate) fn pages<'a, R, F, Fut>(
    operation: &'static str,
    per_page: Option<i64>,
    fetch: F,
) -> impl Stream<Item = Result<Page<R::Item>>> + 'a
where
    R: Paged + 'a,
    F: FnMut(i64) -> Fut + 'a,
    Fut: Future<Output = Result<ResponseValue<R>>> + 'a,
{
    let walk = Walk {
        operation,
        next: 1,
        asked: per_page.and_then(|n| usize::try_from(n).ok()).filter(|n| *n > 0),
        size: None,
        seen: 0,
        first_total: None,
        previous: None,
        done: false,
    };
    futures_util::stream::unfold((walk, fetch), move |(mut walk, mut fetch)| async move {
        if walk.done {
            return None;
        }
        let number = walk.next;
        let page = match fetch(number).await {
            Ok(reply) => Page { number, ..reply.into_inner().into_page() },
            Err(e) => {
                walk.done = true;
                return Some((Err(e), (walk, fetch)));
            }
        };
        let checked = walk.take(&page).map(|()| page);
        // An empty last page yields nothing.
        match checked {
            Ok(page) if page.items.is_empty() => None,
            result => Some((result, (walk, fetch))),
        }
    })
}

/// The items of a stream of pages, one at a time; at most one page is held.
#[cfg_attr(not(feature = "b2b"), allow(dead_code))] // unused by some single areas
pub(crate) fn items<'a, T: 'a>(pages: impl Stream<Item = Result<Page<T>>> + 'a) -> impl Stream<Item = Result<T>> + 'a {
    use futures_util::future::Either;
    pages.flat_map(|page| match page {
        Ok(page) => Either::Left(futures_util::stream::iter(page.items.into_iter().map(Ok))),
        Err(e) => Either::Right(futures_util::stream::iter(std::iter::once(Err(e)))),
    })
}

/// Streams every item of a list paged by a request body (or any paged call), fetching
/// page after page (from 1) as the stream is read.
///
/// Prefer the `stream()` and `pages()` methods of a paged list's builder
/// (`client.get_location_list().count(50).stream()`), which take the page size from the
/// builder. For the rest, `fetch(page)` sends the request for one page, asking for
/// `per_page` items.
///
/// The stream ends after an empty page, once `meta.total_count` items came, or, for a list
/// that reports no total, after a page shorter than the page size. It never ends early in
/// silence: a page shorter than asked while the total says more remain is a page-size cap
/// of the server, and the walk goes on; an empty page before the total, a page identical
/// to the previous one, or more pages than the total allows end the stream with an
/// [`ErrorKind::Pagination`] error that names the counts. Without a total, a server that
/// caps pages below `per_page` cannot be told from a last page: ask for at most the
/// documented maximum. It holds at most one page in memory; each request goes through the
/// client's rate limiter and retries. An error ends the stream after it is yielded.
///
/// ```no_run
/// # async fn demo(client: altegio::Client) -> altegio::Result<()> {
/// use futures_util::TryStreamExt;
/// let search = |page| {
///     let body = altegio::b2b::types::builder::ClientSearchRequest::default().page(page).page_size(50);
///     client.get_client_list().location_id(1).body(body).send()
/// };
/// let clients = altegio::b2b::paginate(50, search);
/// let mut clients = std::pin::pin!(clients);
/// while let Some(client) = clients.try_next().await? {
///     println!("{:?}", client.id);
/// }
/// # Ok(()) }
/// ```
#[cfg_attr(not(altegio_b2b), allow(dead_code))] // re-exported by b2b
pub fn paginate<'a, R, F, Fut>(per_page: i64, fetch: F) -> impl Stream<Item = Result<R::Item>> + 'a
where
    R: Paged + 'a,
    R::Item: 'a,
    F: FnMut(i64) -> Fut + 'a,
    Fut: Future<Output = Result<ResponseValue<R>>> + 'a,
{
    items(pages("paged list", Some(per_page), fetch))
}
