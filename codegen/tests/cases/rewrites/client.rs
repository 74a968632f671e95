#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///`Note`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct Note {
        /// A person who writes notes.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub author: ::std::option::Option<NoteAuthor>,
        ///ID of the note.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<i64>,
        ///Text of the note.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub text: ::std::option::Option<::std::string::String>,
    }
    ///A person who writes notes.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct NoteAuthor {
        ///Full name.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
    }
    impl NoteAuthor {
        pub fn builder() -> builder::NoteAuthor {
            Default::default()
        }
    }
    ///`NoteEvent`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct NoteEvent {
        ///Text of the note that changed.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub note: ::std::option::Option<::std::string::String>,
    }
    impl NoteEvent {
        pub fn builder() -> builder::NoteEvent {
            Default::default()
        }
    }
    ///`NoteResponse`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct NoteResponse {
        /// The note.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub data: ::std::option::Option<Note>,
        ///Whether the call succeeded.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub success: ::std::option::Option<bool>,
    }
    ///`NoteWrite`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct NoteWrite {
        /// Who wrote it.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub author: ::std::option::Option<NoteAuthor>,
        ///Text of the note.
        pub text: ::std::string::String,
    }
    impl NoteWrite {
        pub fn builder() -> builder::NoteWrite {
            Default::default()
        }
    }
    /// Types for composing complex structures.
    pub mod builder {
        #[derive(Clone, Debug)]
        #[must_use = "a type builder does nothing until it is converted into its type"]
        pub struct NoteAuthor {
            name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for NoteAuthor {
            fn default() -> Self {
                Self {
                    name: Ok(Default::default()),
                }
            }
        }
        impl NoteAuthor {
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: crate::runtime::IntoOptional<::std::string::String>,
            {
                self.name = Ok(value.into_optional());
                self
            }
        }
        impl ::std::convert::TryFrom<NoteAuthor> for super::NoteAuthor {
            type Error = super::error::ConversionError;
            fn try_from(
                value: NoteAuthor,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { name: value.name? })
            }
        }
        impl ::std::convert::From<super::NoteAuthor> for NoteAuthor {
            fn from(value: super::NoteAuthor) -> Self {
                Self { name: Ok(value.name) }
            }
        }
        #[derive(Clone, Debug)]
        #[must_use = "a type builder does nothing until it is converted into its type"]
        pub struct NoteEvent {
            note: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for NoteEvent {
            fn default() -> Self {
                Self {
                    note: Ok(Default::default()),
                }
            }
        }
        impl NoteEvent {
            pub fn note<T>(mut self, value: T) -> Self
            where
                T: crate::runtime::IntoOptional<::std::string::String>,
            {
                self.note = Ok(value.into_optional());
                self
            }
        }
        impl ::std::convert::TryFrom<NoteEvent> for super::NoteEvent {
            type Error = super::error::ConversionError;
            fn try_from(
                value: NoteEvent,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { note: value.note? })
            }
        }
        impl ::std::convert::From<super::NoteEvent> for NoteEvent {
            fn from(value: super::NoteEvent) -> Self {
                Self { note: Ok(value.note) }
            }
        }
        #[derive(Clone, Debug)]
        #[must_use = "a type builder does nothing until it is converted into its type"]
        pub struct NoteWrite {
            author: ::std::result::Result<
                ::std::option::Option<super::NoteAuthor>,
                ::std::string::String,
            >,
            text: ::std::result::Result<::std::string::String, ::std::string::String>,
        }
        impl ::std::default::Default for NoteWrite {
            fn default() -> Self {
                Self {
                    author: Ok(Default::default()),
                    text: Err("no value supplied for text".to_string()),
                }
            }
        }
        impl NoteWrite {
            pub fn author<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::NoteAuthor>>,
                T::Error: ::std::fmt::Display,
            {
                self.author = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for author: {e}")
                    });
                self
            }
            pub fn text<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.text = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for text: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<NoteWrite> for super::NoteWrite {
            type Error = super::error::ConversionError;
            fn try_from(
                value: NoteWrite,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    author: value.author?,
                    text: value.text?,
                })
            }
        }
        impl ::std::convert::From<super::NoteWrite> for NoteWrite {
            fn from(value: super::NoteWrite) -> Self {
                Self {
                    author: Ok(value.author),
                    text: Ok(value.text),
                }
            }
        }
    }
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
    /**Add a note

Authorization: partner token (`Bearer <partner>`); a user token is sent too when the client has one.

Success status: 201.

Sends a `POST` request to `/company/{location_id}/notes`

Arguments:
- `location_id`: ID of the location.
- `body`
```ignore
let response = client.create_note()
    .location_id(location_id)
    .body(body)
    .send()
    .await;
```*/
    pub fn create_note(&self) -> builder::CreateNote<'_> {
        builder::CreateNote::new(self)
    }
    /**Delete every note

Authorization: partner token (`Bearer <partner>`); a user token is sent too when the client has one.

Success status: 204.

Sends a `DELETE` request to `/company/{location_id}/notes`

Arguments:
- `location_id`: ID of the location.
```ignore
let response = client.delete_notes()
    .location_id(location_id)
    .send()
    .await;
```*/
    pub fn delete_notes(&self) -> builder::DeleteNotes<'_> {
        builder::DeleteNotes::new(self)
    }
    /**Read a note

Authorization: partner token (`Bearer <partner>`); a user token is sent too when the client has one.

Success status: 200.

Sends a `GET` request to `/company/{location_id}/notes/{note_id}`

Arguments:
- `location_id`: ID of the location.
- `note_id`: ID of the note.
```ignore
let response = client.get_note()
    .location_id(location_id)
    .note_id(note_id)
    .send()
    .await;
```*/
    pub fn get_note(&self) -> builder::GetNote<'_> {
        builder::GetNote::new(self)
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
    /**Builder for [`Client::create_note`]

[`Client::create_note`]: super::Client::create_note*/
    #[derive(Debug, Clone)]
    #[must_use = "a request builder does nothing until `.send().await`"]
    pub struct CreateNote<'a> {
        client: &'a super::Client,
        location_id: Result<i64, String>,
        body: Result<types::builder::NoteWrite, String>,
    }
    impl<'a> CreateNote<'a> {
        /// A builder with no parameter set yet; the client's method gives one.
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                location_id: Err("location_id was not initialized".to_string()),
                body: Ok(::std::default::Default::default()),
            }
        }
        /// ID of the location.
        ///
        /// Required (path parameter `location_id`).
        pub fn location_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.location_id = value
                .try_into()
                .map_err(|_| "conversion to `i64` for location_id failed".to_string());
            self
        }
        /// The request body: [`types::NoteWrite`](super::types::NoteWrite), or its builder. Required.
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::NoteWrite>,
            <V as std::convert::TryInto<types::NoteWrite>>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!("conversion to `NoteWrite` for body failed: {}", s)
                });
            self
        }
        /// Changes the request body ([`types::NoteWrite`](super::types::NoteWrite)) through its builder, starting from the body set so far.
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(types::builder::NoteWrite) -> types::builder::NoteWrite,
        {
            self.body = self.body.map(f);
            self
        }
        pub(crate) async fn send_raw(
            self,
        ) -> Result<ResponseValue<types::NoteResponse>, Error<crate::ApiErrorBody>> {
            let Self { client, location_id, body } = self;
            let location_id = location_id.map_err(Error::InvalidRequest)?;
            let body = body
                .and_then(|v| types::NoteWrite::try_from(v).map_err(|e| e.to_string()))
                .map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/company/{}/notes", client.baseurl, crate ::runtime::encode_path(&
                location_id.to_string()),
            );
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
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "create_note",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200..=299 => ResponseValue::from_response(response).await,
                400u16..=499u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
        /** Sends the request of `create_note` and decodes the reply.

 Every failure is a [`crate::Error`]; `send_with` takes per-call [`CallOptions`](crate::CallOptions).*/
        pub async fn send(
            self,
        ) -> crate::runtime::Result<ResponseValue<types::NoteResponse>> {
            crate::runtime::typed(
                    "create_note",
                    crate::runtime::CallOptions::default(),
                    self.send_raw(),
                )
                .await
        }
        /// Like `send`, with per-call options (timeout, retries) that override the client's.
        pub async fn send_with(
            self,
            options: crate::runtime::CallOptions,
        ) -> crate::runtime::Result<ResponseValue<types::NoteResponse>> {
            crate::runtime::typed("create_note", options, self.send_raw()).await
        }
    }
    /**Builder for [`Client::delete_notes`]

[`Client::delete_notes`]: super::Client::delete_notes*/
    #[derive(Debug, Clone)]
    #[must_use = "a request builder does nothing until `.send().await`"]
    pub struct DeleteNotes<'a> {
        client: &'a super::Client,
        location_id: Result<i64, String>,
    }
    impl<'a> DeleteNotes<'a> {
        /// A builder with no parameter set yet; the client's method gives one.
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                location_id: Err("location_id was not initialized".to_string()),
            }
        }
        /// ID of the location.
        ///
        /// Required (path parameter `location_id`).
        pub fn location_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.location_id = value
                .try_into()
                .map_err(|_| "conversion to `i64` for location_id failed".to_string());
            self
        }
        pub(crate) async fn send_raw(
            self,
        ) -> Result<ResponseValue<()>, Error<crate::ApiErrorBody>> {
            let Self { client, location_id } = self;
            let location_id = location_id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/company/{}/notes", client.baseurl, crate ::runtime::encode_path(&
                location_id.to_string()),
            );
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
                .delete(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "delete_notes",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200..=299 => Ok(ResponseValue::empty(response)),
                400u16..=499u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
        /** Sends the request of `delete_notes` and decodes the reply.

 Every failure is a [`crate::Error`]; `send_with` takes per-call [`CallOptions`](crate::CallOptions).*/
        pub async fn send(self) -> crate::runtime::Result<ResponseValue<()>> {
            crate::runtime::untyped(
                    "delete_notes",
                    crate::runtime::CallOptions::default(),
                    self.send_raw(),
                )
                .await
        }
        /// Like `send`, with per-call options (timeout, retries) that override the client's.
        pub async fn send_with(
            self,
            options: crate::runtime::CallOptions,
        ) -> crate::runtime::Result<ResponseValue<()>> {
            crate::runtime::untyped("delete_notes", options, self.send_raw()).await
        }
    }
    /**Builder for [`Client::get_note`]

[`Client::get_note`]: super::Client::get_note*/
    #[derive(Debug, Clone)]
    #[must_use = "a request builder does nothing until `.send().await`"]
    pub struct GetNote<'a> {
        client: &'a super::Client,
        location_id: Result<i64, String>,
        note_id: Result<::std::string::String, String>,
    }
    impl<'a> GetNote<'a> {
        /// A builder with no parameter set yet; the client's method gives one.
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                location_id: Err("location_id was not initialized".to_string()),
                note_id: Err("note_id was not initialized".to_string()),
            }
        }
        /// ID of the location.
        ///
        /// Required (path parameter `location_id`).
        pub fn location_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.location_id = value
                .try_into()
                .map_err(|_| "conversion to `i64` for location_id failed".to_string());
            self
        }
        /// ID of the note.
        ///
        /// Required (path parameter `note_id`).
        pub fn note_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.note_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for note_id failed"
                        .to_string()
                });
            self
        }
        pub(crate) async fn send_raw(
            self,
        ) -> Result<ResponseValue<types::NoteResponse>, Error<crate::ApiErrorBody>> {
            let Self { client, location_id, note_id } = self;
            let location_id = location_id.map_err(Error::InvalidRequest)?;
            let note_id = note_id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/company/{}/notes/{}", client.baseurl, crate ::runtime::encode_path(&
                location_id.to_string()), crate ::runtime::encode_path(& note_id
                .to_string()),
            );
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
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_note",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200..=299 => ResponseValue::from_response(response).await,
                400u16..=499u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
        /** Sends the request of `get_note` and decodes the reply.

 Every failure is a [`crate::Error`]; `send_with` takes per-call [`CallOptions`](crate::CallOptions).*/
        pub async fn send(
            self,
        ) -> crate::runtime::Result<ResponseValue<types::NoteResponse>> {
            crate::runtime::typed(
                    "get_note",
                    crate::runtime::CallOptions::default(),
                    self.send_raw(),
                )
                .await
        }
        /// Like `send`, with per-call options (timeout, retries) that override the client's.
        pub async fn send_with(
            self,
            options: crate::runtime::CallOptions,
        ) -> crate::runtime::Result<ResponseValue<types::NoteResponse>> {
            crate::runtime::typed("get_note", options, self.send_raw()).await
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
        "create_note" => Some(crate::runtime::check_decode::<types::NoteResponse>(body)),
        "delete_notes" => Some(Ok(())),
        "get_note" => Some(crate::runtime::check_decode::<types::NoteResponse>(body)),
        _ => None,
    }
}
/// The JSON Schema of an operation's request body type; `None` when it has none.
#[cfg(feature = "schemars")]
pub fn request_schema(operation_id: &str) -> Option<schemars::schema::RootSchema> {
    match operation_id {
        "create_note" => Some(schemars::schema_for!(types::NoteWrite)),
        _ => None,
    }
}
/// The JSON Schema of an operation's success reply type; `None` when it has none.
#[cfg(feature = "schemars")]
pub fn response_schema(operation_id: &str) -> Option<schemars::schema::RootSchema> {
    match operation_id {
        "create_note" => Some(schemars::schema_for!(types::NoteResponse)),
        "get_note" => Some(schemars::schema_for!(types::NoteResponse)),
        _ => None,
    }
}
