#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///`Envelope`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct Envelope {
        ///Whether the call succeeded.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub success: ::std::option::Option<bool>,
    }
    ///`Note`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct Note {
        ///ID of the note.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<i64>,
    }
    ///`NoteListResponse`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct NoteListResponse {
        ///The notes of this page.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub data: ::std::vec::Vec<Note>,
        ///Whether the call succeeded.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub success: ::std::option::Option<bool>,
    }
    ///`NoteSummaryResponse`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct NoteSummaryResponse {
        /// The summary.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub data: ::std::option::Option<NoteSummaryResponseData>,
        ///Whether the call succeeded.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub success: ::std::option::Option<bool>,
    }
    ///The summary.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct NoteSummaryResponseData {
        ///How many notes there are.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub notes: ::std::option::Option<i64>,
    }
    /// Types for composing complex structures.
    pub mod builder {}
    /// Error types.
    pub mod error {
        /// Error from a `TryFrom` or `FromStr` implementation.
        pub struct ConversionError(::std::borrow::Cow<'static, str>);
        impl ::std::error::Error for ConversionError {}
        impl ::std::fmt::Display for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::std::fmt::Debug for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Debug::fmt(&self.0, f)
            }
        }
        impl From<&'static str> for ConversionError {
            fn from(value: &'static str) -> Self {
                Self(value.into())
            }
        }
        impl From<String> for ConversionError {
            fn from(value: String) -> Self {
                Self(value.into())
            }
        }
    }
}
/// The client of the golden tests.
#[derive(Clone, Debug)]
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
    pub(crate) inner: crate::golden::Context,
}
impl Client {
    /// Create a new client.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub(crate) fn new(baseurl: &str, inner: crate::golden::Context) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let client = {
            let dur = ::std::time::Duration::from_secs(15u64);
            reqwest::ClientBuilder::new().connect_timeout(dur).timeout(dur)
        };
        #[cfg(target_arch = "wasm32")]
        let client = reqwest::ClientBuilder::new();
        Self::new_with_client(baseurl, client.build().unwrap(), inner)
    }
    /// Construct a new client with an existing `reqwest::Client`,
    /// allowing more control over its configuration.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub(crate) fn new_with_client(
        baseurl: &str,
        client: reqwest::Client,
        inner: crate::golden::Context,
    ) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
            inner,
        }
    }
}
impl ClientInfo<crate::golden::Context> for Client {
    fn api_version() -> &'static str {
        "1.0.0"
    }
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
    fn inner(&self) -> &crate::golden::Context {
        &self.inner
    }
}
const _: () = {
    #[allow(dead_code)]
    fn assert_client_hooks()
    where
        Client: ClientHooks<crate::golden::Context>,
    {}
};
impl Client {
    /**List notes, a page at a time

Authorization: partner token (`Bearer <partner>`); a user token is sent too when the client has one.

Success status: 200.

Sends a `GET` request to `/notes`

Arguments:
- `count`: Notes per page.
- `page`: Page number (from 1).
```ignore
let response = client.get_note_list()
    .count(count)
    .page(page)
    .send()
    .await;
```*/
    pub fn get_note_list(&self) -> builder::GetNoteList<'_> {
        builder::GetNoteList::new(self)
    }
    /**List notes with a page number but no page size

Authorization: partner token (`Bearer <partner>`); a user token is sent too when the client has one.

Success status: 200.

Sends a `GET` request to `/notes/all`

Arguments:
- `page`: Page number (from 1).
```ignore
let response = client.get_every_note()
    .page(page)
    .send()
    .await;
```*/
    pub fn get_every_note(&self) -> builder::GetEveryNote<'_> {
        builder::GetEveryNote::new(self)
    }
    /**A summary whose reply is not a list

Authorization: partner token (`Bearer <partner>`); a user token is sent too when the client has one.

Success status: 200.

Sends a `GET` request to `/notes/summary`

Arguments:
- `count`: Notes per page.
- `page`: Page number (from 1).
```ignore
let response = client.get_note_summary()
    .count(count)
    .page(page)
    .send()
    .await;
```*/
    pub fn get_note_summary(&self) -> builder::GetNoteSummary<'_> {
        builder::GetNoteSummary::new(self)
    }
}
/// Types for composing operation parameters.
#[allow(clippy::all)]
pub mod builder {
    use super::types;
    #[allow(unused_imports)]
    use super::{
        encode_path, ByteStream, ClientInfo, ClientHooks, Error, OperationInfo,
        RequestBuilderExt, ResponseValue,
    };
    /**Builder for [`Client::get_note_list`]

[`Client::get_note_list`]: super::Client::get_note_list*/
    #[derive(Debug, Clone)]
    #[must_use = "a request builder does nothing until `.send().await`"]
    pub struct GetNoteList<'a> {
        client: &'a super::Client,
        count: Result<Option<i64>, String>,
        page: Result<Option<i64>, String>,
    }
    impl<'a> GetNoteList<'a> {
        /// A builder with no parameter set yet; the client's method gives one.
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                count: Ok(None),
                page: Ok(None),
            }
        }
        /// Notes per page.
        ///
        /// Optional (query parameter `count`).
        pub fn count<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.count = value
                .try_into()
                .map(Some)
                .map_err(|_| "conversion to `i64` for count failed".to_string());
            self
        }
        /// Page number (from 1).
        ///
        /// Optional (query parameter `page`).
        pub fn page<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.page = value
                .try_into()
                .map(Some)
                .map_err(|_| "conversion to `i64` for page failed".to_string());
            self
        }
        pub(crate) async fn send_raw(
            self,
        ) -> Result<ResponseValue<types::NoteListResponse>, Error<()>> {
            let Self { client, count, page } = self;
            let count = count.map_err(Error::InvalidRequest)?;
            let page = page.map_err(Error::InvalidRequest)?;
            let url = format!("{}/notes", client.baseurl,);
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("count", &count))
                .query(&progenitor_client::QueryParam::new("page", &page))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_note_list",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200..=299 => ResponseValue::from_response(response).await,
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
        /** Sends the request of `get_note_list` and decodes the reply.

 Every failure is a [`crate::Error`]; `send_with` takes per-call [`CallOptions`](crate::CallOptions).*/
        pub async fn send(
            self,
        ) -> crate::runtime::Result<ResponseValue<types::NoteListResponse>> {
            crate::runtime::typed(
                    "get_note_list",
                    crate::runtime::CallOptions::default(),
                    self.send_raw(),
                )
                .await
        }
        /// Like `send`, with per-call options (timeout, retries) that override the client's.
        pub async fn send_with(
            self,
            options: crate::runtime::CallOptions,
        ) -> crate::runtime::Result<ResponseValue<types::NoteListResponse>> {
            crate::runtime::typed("get_note_list", options, self.send_raw()).await
        }
        /** Every page of the list, each fetched as the stream is read, `count` items at a time as set on this builder (the server's default otherwise); `page` is set by the stream.

 The stream ends once `meta.total_count` items came, after an empty page, or (for a list without a total) after a short page; it never ends early in silence (see [`crate::ErrorKind::Pagination`]). At most one page is held in memory.*/
        pub fn pages(
            self,
        ) -> impl crate::runtime::Stream<
            Item = crate::runtime::Result<
                crate::runtime::Page<
                    <types::NoteListResponse as crate::runtime::Paged>::Item,
                >,
            >,
        > + 'a {
            let per_page = self
                .count
                .as_ref()
                .ok()
                .copied()
                .flatten()
                .and_then(|n| i64::try_from(n).ok());
            crate::runtime::pages(
                "get_note_list",
                per_page,
                move |page| self.clone().page(page).send(),
            )
        }
        /// Every item of the list, one at a time, fetched page by page as the stream is read; see [`pages`](Self::pages). For example `client.get_note_list()...count(100).stream()`.
        pub fn stream(
            self,
        ) -> impl crate::runtime::Stream<
            Item = crate::runtime::Result<
                <types::NoteListResponse as crate::runtime::Paged>::Item,
            >,
        > + 'a {
            crate::runtime::items(self.pages())
        }
    }
    /**Builder for [`Client::get_every_note`]

[`Client::get_every_note`]: super::Client::get_every_note*/
    #[derive(Debug, Clone)]
    #[must_use = "a request builder does nothing until `.send().await`"]
    pub struct GetEveryNote<'a> {
        client: &'a super::Client,
        page: Result<Option<i64>, String>,
    }
    impl<'a> GetEveryNote<'a> {
        /// A builder with no parameter set yet; the client's method gives one.
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                page: Ok(None),
            }
        }
        /// Page number (from 1).
        ///
        /// Optional (query parameter `page`).
        pub fn page<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.page = value
                .try_into()
                .map(Some)
                .map_err(|_| "conversion to `i64` for page failed".to_string());
            self
        }
        pub(crate) async fn send_raw(
            self,
        ) -> Result<ResponseValue<types::NoteListResponse>, Error<()>> {
            let Self { client, page } = self;
            let page = page.map_err(Error::InvalidRequest)?;
            let url = format!("{}/notes/all", client.baseurl,);
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("page", &page))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_every_note",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200..=299 => ResponseValue::from_response(response).await,
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
        /** Sends the request of `get_every_note` and decodes the reply.

 Every failure is a [`crate::Error`]; `send_with` takes per-call [`CallOptions`](crate::CallOptions).*/
        pub async fn send(
            self,
        ) -> crate::runtime::Result<ResponseValue<types::NoteListResponse>> {
            crate::runtime::typed(
                    "get_every_note",
                    crate::runtime::CallOptions::default(),
                    self.send_raw(),
                )
                .await
        }
        /// Like `send`, with per-call options (timeout, retries) that override the client's.
        pub async fn send_with(
            self,
            options: crate::runtime::CallOptions,
        ) -> crate::runtime::Result<ResponseValue<types::NoteListResponse>> {
            crate::runtime::typed("get_every_note", options, self.send_raw()).await
        }
    }
    /**Builder for [`Client::get_note_summary`]

[`Client::get_note_summary`]: super::Client::get_note_summary*/
    #[derive(Debug, Clone)]
    #[must_use = "a request builder does nothing until `.send().await`"]
    pub struct GetNoteSummary<'a> {
        client: &'a super::Client,
        count: Result<Option<i64>, String>,
        page: Result<Option<i64>, String>,
    }
    impl<'a> GetNoteSummary<'a> {
        /// A builder with no parameter set yet; the client's method gives one.
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                count: Ok(None),
                page: Ok(None),
            }
        }
        /// Notes per page.
        ///
        /// Optional (query parameter `count`).
        pub fn count<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.count = value
                .try_into()
                .map(Some)
                .map_err(|_| "conversion to `i64` for count failed".to_string());
            self
        }
        /// Page number (from 1).
        ///
        /// Optional (query parameter `page`).
        pub fn page<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.page = value
                .try_into()
                .map(Some)
                .map_err(|_| "conversion to `i64` for page failed".to_string());
            self
        }
        pub(crate) async fn send_raw(
            self,
        ) -> Result<ResponseValue<types::NoteSummaryResponse>, Error<()>> {
            let Self { client, count, page } = self;
            let count = count.map_err(Error::InvalidRequest)?;
            let page = page.map_err(Error::InvalidRequest)?;
            let url = format!("{}/notes/summary", client.baseurl,);
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("count", &count))
                .query(&progenitor_client::QueryParam::new("page", &page))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_note_summary",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200..=299 => ResponseValue::from_response(response).await,
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
        /** Sends the request of `get_note_summary` and decodes the reply.

 Every failure is a [`crate::Error`]; `send_with` takes per-call [`CallOptions`](crate::CallOptions).*/
        pub async fn send(
            self,
        ) -> crate::runtime::Result<ResponseValue<types::NoteSummaryResponse>> {
            crate::runtime::typed(
                    "get_note_summary",
                    crate::runtime::CallOptions::default(),
                    self.send_raw(),
                )
                .await
        }
        /// Like `send`, with per-call options (timeout, retries) that override the client's.
        pub async fn send_with(
            self,
            options: crate::runtime::CallOptions,
        ) -> crate::runtime::Result<ResponseValue<types::NoteSummaryResponse>> {
            crate::runtime::typed("get_note_summary", options, self.send_raw()).await
        }
    }
}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    pub use self::super::Client;
}
/// Decodes a success body of an operation into its typed response; `None` for an
/// unknown operation, `Some(Ok(()))` for replies without a typed body.
pub fn decode_success(operation_id: &str, body: &[u8]) -> Option<Result<(), String>> {
    match operation_id {
        "get_note_list" => {
            Some(crate::runtime::check_decode::<types::NoteListResponse>(body))
        }
        "get_every_note" => {
            Some(crate::runtime::check_decode::<types::NoteListResponse>(body))
        }
        "get_note_summary" => {
            Some(crate::runtime::check_decode::<types::NoteSummaryResponse>(body))
        }
        _ => None,
    }
}
/// The JSON Schema of an operation's request body type; `None` when it has none.
#[cfg(feature = "schemars")]
pub fn request_schema(operation_id: &str) -> Option<schemars::schema::RootSchema> {
    match operation_id {
        _ => None,
    }
}
/// The JSON Schema of an operation's success reply type; `None` when it has none.
#[cfg(feature = "schemars")]
pub fn response_schema(operation_id: &str) -> Option<schemars::schema::RootSchema> {
    match operation_id {
        "get_note_list" => Some(schemars::schema_for!(types::NoteListResponse)),
        "get_every_note" => Some(schemars::schema_for!(types::NoteListResponse)),
        "get_note_summary" => Some(schemars::schema_for!(types::NoteSummaryResponse)),
        _ => None,
    }
}
