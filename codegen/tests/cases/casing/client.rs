#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
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
    /**Parameters with awkward names

Authorization: partner token (`Bearer <partner>`); a user token is sent too when the client has one.

Success status: 200.

Sends a `GET` request to `/odd`

Arguments:
- `_2fa`: Starts with a digit.
- `http_status`: An acronym.
- `services`: Brackets.
- `staff_id`: camelCase.
- `type_`: A keyword.
- `with_dash`: A dash.
```ignore
let response = client.get_oddly_named()
    ._2fa(_2fa)
    .http_status(http_status)
    .services(services)
    .staff_id(staff_id)
    .type_(type_)
    .with_dash(with_dash)
    .send()
    .await;
```*/
    pub fn get_oddly_named(&self) -> builder::GetOddlyNamed<'_> {
        builder::GetOddlyNamed::new(self)
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
    /**Builder for [`Client::get_oddly_named`]

[`Client::get_oddly_named`]: super::Client::get_oddly_named*/
    #[derive(Debug, Clone)]
    #[must_use = "a request builder does nothing until `.send().await`"]
    pub struct GetOddlyNamed<'a> {
        client: &'a super::Client,
        _2fa: Result<Option<::std::string::String>, String>,
        http_status: Result<Option<::std::string::String>, String>,
        services: Result<Option<::std::vec::Vec<i64>>, String>,
        staff_id: Result<Option<i64>, String>,
        type_: Result<Option<::std::string::String>, String>,
        with_dash: Result<Option<::std::string::String>, String>,
    }
    impl<'a> GetOddlyNamed<'a> {
        /// A builder with no parameter set yet; the client's method gives one.
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                _2fa: Ok(None),
                http_status: Ok(None),
                services: Ok(None),
                staff_id: Ok(None),
                type_: Ok(None),
                with_dash: Ok(None),
            }
        }
        /// Starts with a digit.
        ///
        /// Optional (query parameter `2fa`).
        pub fn _2fa<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self._2fa = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for _2fa failed"
                        .to_string()
                });
            self
        }
        /// An acronym.
        ///
        /// Optional (query parameter `HTTPStatus`).
        pub fn http_status<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.http_status = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for http_status failed"
                        .to_string()
                });
            self
        }
        /// Brackets.
        ///
        /// Optional (query parameter `services[]`).
        pub fn services<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::vec::Vec<i64>>,
        {
            self.services = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: vec :: Vec < i64 >` for services failed"
                        .to_string()
                });
            self
        }
        /// camelCase.
        ///
        /// Optional (query parameter `staffId`).
        pub fn staff_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.staff_id = value
                .try_into()
                .map(Some)
                .map_err(|_| "conversion to `i64` for staff_id failed".to_string());
            self
        }
        /// A keyword.
        ///
        /// Optional (query parameter `type`).
        pub fn type_<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.type_ = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for type_ failed"
                        .to_string()
                });
            self
        }
        /// A dash.
        ///
        /// Optional (query parameter `with-dash`).
        pub fn with_dash<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.with_dash = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for with_dash failed"
                        .to_string()
                });
            self
        }
        pub(crate) async fn send_raw(self) -> Result<ResponseValue<()>, Error<()>> {
            let Self {
                client,
                _2fa,
                http_status,
                services,
                staff_id,
                type_,
                with_dash,
            } = self;
            let _2fa = _2fa.map_err(Error::InvalidRequest)?;
            let http_status = http_status.map_err(Error::InvalidRequest)?;
            let services = services.map_err(Error::InvalidRequest)?;
            let staff_id = staff_id.map_err(Error::InvalidRequest)?;
            let type_ = type_.map_err(Error::InvalidRequest)?;
            let with_dash = with_dash.map_err(Error::InvalidRequest)?;
            let url = format!("{}/odd", client.baseurl,);
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
                .query(&progenitor_client::QueryParam::new("2fa", &_2fa))
                .query(&progenitor_client::QueryParam::new("HTTPStatus", &http_status))
                .query(&progenitor_client::QueryParam::new("services[]", &services))
                .query(&progenitor_client::QueryParam::new("staffId", &staff_id))
                .query(&progenitor_client::QueryParam::new("type", &type_))
                .query(&progenitor_client::QueryParam::new("with-dash", &with_dash))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_oddly_named",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200..=299 => Ok(ResponseValue::empty(response)),
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
        /** Sends the request of `get_oddly_named` and decodes the reply.

 Every failure is a [`crate::Error`]; `send_with` takes per-call [`CallOptions`](crate::CallOptions).*/
        pub async fn send(self) -> crate::runtime::Result<ResponseValue<()>> {
            crate::runtime::untyped(
                    "get_oddly_named",
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
            crate::runtime::untyped("get_oddly_named", options, self.send_raw()).await
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
        "get_oddly_named" => Some(Ok(())),
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
        _ => None,
    }
}
