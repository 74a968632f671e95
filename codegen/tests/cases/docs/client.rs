#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///`GetVisitsStatus`
    #[derive(::serde::Serialize, Clone, Debug, PartialEq)]
    #[serde(transparent)]
    pub struct GetVisitsStatus(i64);
    impl ::std::ops::Deref for GetVisitsStatus {
        type Target = i64;
        fn deref(&self) -> &i64 {
            &self.0
        }
    }
    impl ::std::convert::From<GetVisitsStatus> for i64 {
        fn from(value: GetVisitsStatus) -> Self {
            value.0
        }
    }
    impl ::std::convert::TryFrom<i64> for GetVisitsStatus {
        type Error = self::error::ConversionError;
        fn try_from(
            value: i64,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if ![-1_i64, 0_i64, 1_i64, 2_i64].contains(&value) {
                Err("invalid value".into())
            } else {
                Ok(Self(value))
            }
        }
    }
    impl<'de> ::serde::Deserialize<'de> for GetVisitsStatus {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            Self::try_from(<i64>::deserialize(deserializer)?)
                .map_err(|e| { <D::Error as ::serde::de::Error>::custom(e.to_string()) })
        }
    }
    ///The team member who served the visit.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct Staff {
        ///Full name.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
    }
    ///`Visit`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct Visit {
        /// Who assisted.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub assistant: ::std::option::Option<Staff>,
        ///ID of the visit.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<i64>,
        ///Whether the client came before.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub kind: ::std::option::Option<crate::wire::OrUnknown<VisitKind>>,
        /// The team member who served the visit.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub staff: ::std::option::Option<Staff>,
    }
    ///Whether the client came before.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    pub enum VisitKind {
        #[serde(rename = "first")]
        First,
        #[serde(rename = "repeat")]
        Repeat,
    }
    impl ::std::fmt::Display for VisitKind {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::First => f.write_str("first"),
                Self::Repeat => f.write_str("repeat"),
            }
        }
    }
    impl ::std::str::FromStr for VisitKind {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "first" => Ok(Self::First),
                "repeat" => Ok(Self::Repeat),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for VisitKind {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for VisitKind {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`VisitList`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default, PartialEq)]
    pub struct VisitList {
        ///The visits.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub data: ::std::vec::Vec<Visit>,
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
    /**List visits

Authorization: partner token (`Bearer <partner>`); a user token is sent too when the client has one.

Success status: 200.

Sends a `GET` request to `/visits`

Arguments:
- `start_date`: First day of the range.
- `status`: Visit status.
- `undocumented`
```ignore
let response = client.get_visits()
    .start_date(start_date)
    .status(status)
    .undocumented(undocumented)
    .send()
    .await;
```*/
    pub fn get_visits(&self) -> builder::GetVisits<'_> {
        builder::GetVisits::new(self)
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
    /**Builder for [`Client::get_visits`]

[`Client::get_visits`]: super::Client::get_visits*/
    #[derive(Debug, Clone)]
    #[must_use = "a request builder does nothing until `.send().await`"]
    pub struct GetVisits<'a> {
        client: &'a super::Client,
        start_date: Result<::chrono::naive::NaiveDate, String>,
        status: Result<Option<types::GetVisitsStatus>, String>,
        undocumented: Result<Option<::std::string::String>, String>,
    }
    impl<'a> GetVisits<'a> {
        /// A builder with no parameter set yet; the client's method gives one.
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                start_date: Err("start_date was not initialized".to_string()),
                status: Ok(None),
                undocumented: Ok(None),
            }
        }
        /// First day of the range.
        ///
        /// A date, `YYYY-MM-DD`. Required (query parameter `start_date`).
        pub fn start_date<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::chrono::naive::NaiveDate>,
        {
            self.start_date = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: chrono :: naive :: NaiveDate` for start_date failed"
                        .to_string()
                });
            self
        }
        /// Visit status.
        ///
        /// One of `-1`, `0`, `1`, `2`. Optional (query parameter `status`).
        pub fn status<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::GetVisitsStatus>,
        {
            self.status = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `GetVisitsStatus` for status failed".to_string()
                });
            self
        }
        /// The `undocumented` query parameter.
        ///
        /// Optional (query parameter `undocumented`).
        pub fn undocumented<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.undocumented = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for undocumented failed"
                        .to_string()
                });
            self
        }
        pub(crate) async fn send_raw(
            self,
        ) -> Result<ResponseValue<types::VisitList>, Error<()>> {
            let Self { client, start_date, status, undocumented } = self;
            let start_date = start_date.map_err(Error::InvalidRequest)?;
            let status = status.map_err(Error::InvalidRequest)?;
            let undocumented = undocumented.map_err(Error::InvalidRequest)?;
            let url = format!("{}/visits", client.baseurl,);
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
                .query(&progenitor_client::QueryParam::new("start_date", &start_date))
                .query(&progenitor_client::QueryParam::new("status", &status))
                .query(
                    &progenitor_client::QueryParam::new("undocumented", &undocumented),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_visits",
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
        /** Sends the request of `get_visits` and decodes the reply.

 Every failure is a [`crate::Error`]; `send_with` takes per-call [`CallOptions`](crate::CallOptions).*/
        pub async fn send(
            self,
        ) -> crate::runtime::Result<ResponseValue<types::VisitList>> {
            crate::runtime::typed(
                    "get_visits",
                    crate::runtime::CallOptions::default(),
                    self.send_raw(),
                )
                .await
        }
        /// Like `send`, with per-call options (timeout, retries) that override the client's.
        pub async fn send_with(
            self,
            options: crate::runtime::CallOptions,
        ) -> crate::runtime::Result<ResponseValue<types::VisitList>> {
            crate::runtime::typed("get_visits", options, self.send_raw()).await
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
        "get_visits" => Some(crate::runtime::check_decode::<types::VisitList>(body)),
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
        "get_visits" => Some(schemars::schema_for!(types::VisitList)),
        _ => None,
    }
}
