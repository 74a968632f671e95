//! The escape hatch: a request to a path the spec lacks, sent like every operation
//! (authorization, rate limiter, retries, redaction, error mapping).

use super::generated::Client;
use crate::runtime::error::{Error, Result};
use crate::{CallOptions, ResponseValue};
use serde::de::DeserializeOwned;

/// The operation name a raw request carries in errors and tracing.
pub const RAW_REQUEST: &str = "raw_request";

/// A request built by hand for an endpoint the spec does not describe; see
/// [`Client::request`]. Like an operation's builder, it does nothing until sent.
#[derive(Debug, Clone)]
#[must_use = "a request builder does nothing until `.send().await`"]
pub struct RawRequest<'a> {
    client: &'a Client,
    method: reqwest::Method,
    path: String,
    query: Vec<(String, String)>,
    body: Result<Option<serde_json::Value>, String>,
}

impl Client {
    /// A request to a path the spec lacks, given as its segments after the base URL
    /// (`["company", "123", "new_feature"]` for `/company/123/new_feature`). Each segment
    /// is percent-encoded, so a value cannot change the path. It goes through the same
    /// pipeline as every operation: the `Authorization` header (with the user token when
    /// the client has one), the rate limiter, the retry rules (a `POST` that may have
    /// reached the server is never sent twice), redaction and the error type.
    pub fn request<S: AsRef<str>>(&self, method: reqwest::Method, segments: &[S]) -> RawRequest<'_> {
        let path: String = segments.iter().map(|s| format!("/{}", crate::runtime::encode_path(s.as_ref()))).collect();
        RawRequest { client: self, method, path, query: Vec::new(), body: Ok(None) }
    }
}

impl RawRequest<'_> {
    /// Adds a query parameter (encoded).
    pub fn query(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        self.query.push((name.into(), value.to_string()));
        self
    }

    /// Sets a JSON body.
    pub fn json(mut self, body: &impl serde::Serialize) -> Self {
        self.body = serde_json::to_value(body).map(Some).map_err(|e| format!("the body cannot be serialised: {e}"));
        self
    }

    /// Sends the request and decodes the reply into `T` (`serde_json::Value` for any JSON).
    pub async fn send<T: DeserializeOwned>(self) -> Result<ResponseValue<T>> {
        self.send_with(CallOptions::default()).await
    }

    /// Like [`send`](Self::send), with per-call options.
    pub async fn send_with<T: DeserializeOwned>(self, options: CallOptions) -> Result<ResponseValue<T>> {
        let body = self.body.map_err(|m| Error::invalid_request(m).with_operation(RAW_REQUEST))?;
        let url = format!("{}{}", self.client.baseurl(), self.path);
        let (method, query) = (self.method, self.query);
        crate::runtime::pipeline::handwritten(self.client, RAW_REQUEST, false, options, move |http| {
            let request = http.request(method, url).query(&query);
            match body {
                Some(body) => request.json(&body),
                None => request,
            }
        })
        .await
    }
}
