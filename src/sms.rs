//! The SMS-provider side: what an SMS aggregator integrated with Altegio receives, what
//! it answers, and how it reports delivery statuses.
//!
//! 1. Altegio POSTs an [`SmsProviderRequest`] to the provider's URL with
//!    `Authorization: Bearer <partner_token>` (the token entered in the location's
//!    notification settings): check it with [`verify_partner_token`].
//! 2. The provider answers HTTP 200 with an [`SmsProviderReply`], one [`SmsSendResult`]
//!    per message ([`SmsSendResult::accepted`] or [`SmsSendResult::rejected`]), or refuses
//!    the whole request with an [`SmsProviderError`] and its [`SmsProviderError::http_status`].
//! 3. Later it reports each message's [`SmsDeliveryStatus`] to the request's
//!    `delivery_callback_url` with `Client::report_sms_delivery` (a builder: `callback_url`,
//!    `body`, then `send()`).

pub use crate::b2b::generated::types::{
    SmsDestination, SmsFieldError, SmsProviderError, SmsProviderReply, SmsProviderRequest, SmsSendResult,
};
pub use crate::wire::SmsDeliveryStatus;
use subtle::ConstantTimeEq;

/// Error code of a message refused for lack of funds (sent inside an HTTP 200 reply).
pub const INSUFFICIENT_FUNDS: i64 = 32;

/// Whether an `Authorization` header value is `Bearer <partner_token>`, compared in
/// constant time (only the length can be learnt from timing). The scheme is matched
/// without regard to case; anything else (a missing header, another scheme, a `User`
/// part) is refused.
pub fn verify_partner_token(authorization: Option<&str>, partner_token: &str) -> bool {
    let Some(value) = authorization else { return false };
    let Some((scheme, token)) = value.trim().split_once(' ') else { return false };
    scheme.eq_ignore_ascii_case("bearer")
        && !partner_token.is_empty()
        && bool::from(token.trim().as_bytes().ct_eq(partner_token.as_bytes()))
}

impl SmsSendResult {
    /// The message was accepted; `ext_id` is the provider's own id of it.
    pub fn accepted(id: impl Into<String>, ext_id: impl Into<String>) -> Self {
        SmsSendResult { id: id.into(), ext_id: Some(ext_id.into()), error_code: None, error_message: None }
    }

    /// The message was refused (e.g. [`INSUFFICIENT_FUNDS`]).
    pub fn rejected(id: impl Into<String>, error_code: i64, error_message: impl Into<String>) -> Self {
        SmsSendResult {
            id: id.into(),
            ext_id: None,
            error_code: Some(error_code),
            error_message: Some(error_message.into()),
        }
    }

    /// Whether the provider took the message.
    pub fn is_accepted(&self) -> bool {
        self.error_code.is_none() && self.ext_id.is_some()
    }
}

impl SmsProviderError {
    /// An error answer with a code and a message.
    pub fn new(error_code: i64, error_message: impl Into<String>) -> Self {
        SmsProviderError { error_code, error_message: Some(error_message.into()), errors: Vec::new() }
    }

    /// The partner token is missing or wrong (code 20, HTTP 401).
    pub fn invalid_partner_token() -> Self {
        SmsProviderError::new(20, "partner token is missing or invalid")
    }

    /// The body is not a valid request (code 5, HTTP 400).
    pub fn invalid_body(message: impl Into<String>) -> Self {
        SmsProviderError::new(5, message)
    }

    /// The HTTP status that goes with the error code, as Altegio documents it: 5 and 10
    /// are 400, 15 is 403, 20 is 401, 30 is 404, 32 is 200; anything else 400.
    pub fn http_status(&self) -> u16 {
        match self.error_code {
            15 => 403,
            20 => 401,
            30 => 404,
            INSUFFICIENT_FUNDS => 200,
            _ => 400,
        }
    }
}

#[cfg(feature = "notifications")]
pub use report::ReportSmsDelivery;

#[cfg(feature = "notifications")]
mod report {
    use crate::b2b::generated::{Client, types};
    use crate::{Error, ResponseValue, Result};

    /// Hosts that may receive the partner token in a delivery report, besides the
    /// client's own base URL host.
    const ALTEGIO_DOMAINS: &[&str] = &["alteg.io", "yclients.com"];

    impl Client {
        /// Reports delivery statuses of SMS messages to the `delivery_callback_url` of
        /// the [`SmsProviderRequest`](super::SmsProviderRequest) they came in, with
        /// `Authorization: Bearer <partner_token>` (never the user token).
        ///
        /// The callback URL comes from an inbound request, so it is checked before the
        /// partner token is sent to it: it must be `https` on an Altegio or YCLIENTS
        /// domain (`alteg.io`, `yclients.com` and their subdomains) or on the host of the
        /// client's base URL, or plain `http` to loopback. Anything else is refused
        /// without sending. A report is a write: it is not retried once it may have
        /// reached the server.
        ///
        /// Set `callback_url` and `body`, then `send()`.
        #[cfg_attr(docsrs, doc(cfg(feature = "notifications")))]
        pub fn report_sms_delivery(&self) -> ReportSmsDelivery<'_> {
            ReportSmsDelivery {
                client: self,
                callback_url: Err("callback_url was not initialized".into()),
                body: Err("body was not initialized".into()),
            }
        }

        fn checked_callback(&self, callback_url: &str) -> Result<url::Url> {
            let url = url::Url::parse(callback_url)
                .map_err(|e| Error::invalid_request(format!("the delivery callback URL is not a URL: {e}")))?;
            let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
            let base_host =
                url::Url::parse(self.baseurl()).ok().and_then(|b| b.host_str().map(str::to_ascii_lowercase));
            let trusted = ALTEGIO_DOMAINS.iter().any(|d| host == *d || host.ends_with(&format!(".{d}")))
                || base_host.as_deref() == Some(host.as_str());
            let ok = match url.scheme() {
                "https" => trusted,
                "http" => crate::runtime::url_policy::is_loopback(&url),
                _ => false,
            };
            if !ok || !url.username().is_empty() || url.password().is_some() {
                return Err(Error::invalid_request(format!(
                    "refusing to send the partner token to the delivery callback host `{host}`: only https to \
                     Altegio's domains or the client's base URL host is allowed"
                )));
            }
            Ok(url)
        }
    }

    /// The builder of [`Client::report_sms_delivery`].
    #[cfg_attr(docsrs, doc(cfg(feature = "notifications")))]
    #[derive(Debug, Clone)]
    #[must_use = "a request builder does nothing until `.send().await`"]
    pub struct ReportSmsDelivery<'a> {
        client: &'a Client,
        callback_url: std::result::Result<String, String>,
        body: std::result::Result<types::SmsStatusReportList, String>,
    }

    impl ReportSmsDelivery<'_> {
        /// The `delivery_callback_url` of the [`SmsProviderRequest`](super::SmsProviderRequest)
        /// the messages came in. Required; checked before anything is sent.
        pub fn callback_url(mut self, url: impl Into<String>) -> Self {
            self.callback_url = Ok(url.into());
            self
        }

        /// The statuses to report ([`types::SmsStatusReportList`], or anything that converts
        /// into it). Required.
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: TryInto<types::SmsStatusReportList>,
            V::Error: std::fmt::Display,
        {
            self.body =
                value.try_into().map_err(|e| format!("conversion to `SmsStatusReportList` for body failed: {e}"));
            self
        }

        /// Sends the report.
        pub async fn send(self) -> Result<ResponseValue<types::SuccessFlag>> {
            self.send_with(crate::CallOptions::default()).await
        }

        /// Sends the report with per-call options (a timeout, a deadline...).
        pub async fn send_with(self, options: crate::CallOptions) -> Result<ResponseValue<types::SuccessFlag>> {
            const OP: &str = "report_sms_delivery";
            let invalid = |m: String| Error::invalid_request(m).with_operation(OP);
            let callback_url = self.callback_url.map_err(invalid)?;
            let body = self.body.map_err(invalid)?;
            let url = self.client.checked_callback(&callback_url)?;
            crate::runtime::pipeline::handwritten(self.client, OP, true, options, |http| http.post(url).json(&body))
                .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_partner_token_is_checked() {
        assert!(verify_partner_token(Some("Bearer abc123"), "abc123"));
        assert!(verify_partner_token(Some("bearer abc123"), "abc123"));
        assert!(!verify_partner_token(Some("Bearer abc124"), "abc123"));
        assert!(!verify_partner_token(Some("Bearer abc123, User u"), "abc123"));
        assert!(!verify_partner_token(Some("Basic abc123"), "abc123"));
        assert!(!verify_partner_token(Some("Bearer"), "abc123"));
        assert!(!verify_partner_token(None, "abc123"));
        assert!(!verify_partner_token(Some("Bearer "), ""));
    }

    #[test]
    fn replies_serialize_as_documented() {
        let reply = SmsProviderReply(vec![
            SmsSendResult::accepted("232674", "609aff0f"),
            SmsSendResult::rejected("232675", INSUFFICIENT_FUNDS, "no funds"),
        ]);
        assert_eq!(
            serde_json::to_value(&reply).unwrap(),
            serde_json::json!([
                {"id": "232674", "ext_id": "609aff0f"},
                {"id": "232675", "error_code": 32, "error_message": "no funds"}
            ])
        );
        assert!(reply.0[0].is_accepted() && !reply.0[1].is_accepted());
        assert_eq!(SmsProviderError::invalid_partner_token().http_status(), 401);
        assert_eq!(SmsProviderError::new(10, "bad phone").http_status(), 400);
        assert_eq!(SmsProviderError::new(15, "forbidden").http_status(), 403);
        assert_eq!(SmsProviderError::new(30, "no such path").http_status(), 404);
    }
}
