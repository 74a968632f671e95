//! An SMS provider (aggregator) integrated with Altegio: a small hyper server that
//! receives Altegio's send requests, checks the partner token, answers per message, and
//! then reports delivery statuses to the callback URL Altegio gave.
//!
//! `cargo run --example sms_provider` runs a demo against the embedded mock: it starts the
//! provider on 127.0.0.1, plays Altegio and sends it a request for three phones (one
//! beyond the demo balance, one with a wrong token), and shows the status report arriving
//! at the mock's `/delivery/status`.
//!
//! For real use set `SMS_LISTEN` (e.g. `0.0.0.0:8080`) and `ALTEGIO_PARTNER_TOKEN`, and
//! enter `https://<your host>/sms` as the operator URL in Altegio.

#[path = "support/mod.rs"]
mod support;

use altegio::b2b::operations as op;
use altegio::b2b::types::{SmsStatusReport, SmsStatusReportList};
use altegio::sms::{self, SmsDeliveryStatus, SmsProviderError, SmsProviderReply, SmsProviderRequest, SmsSendResult};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use tokio::net::TcpListener;

/// The path the provider answers on.
pub const PATH: &str = "/sms";
/// The largest body accepted.
pub const MAX_BODY: usize = 1 << 20;
/// Price of one SMS part in the demo, in cents.
pub const PART_PRICE_CENTS: i64 = 5;

/// The provider: the partner token Altegio must present, a client for delivery reports
/// (with the same partner token), and a prepaid balance.
pub struct Provider {
    pub partner_token: String,
    pub client: altegio::Client,
    pub balance_cents: AtomicI64,
    next_ext_id: AtomicU64,
}

impl Provider {
    pub fn new(partner_token: &str, client: altegio::Client, balance_cents: i64) -> Self {
        Provider {
            partner_token: partner_token.to_string(),
            client,
            balance_cents: AtomicI64::new(balance_cents),
            next_ext_id: AtomicU64::new(1),
        }
    }
}

/// How many SMS parts a text takes: 160/153 characters in GSM-7, 70/67 otherwise.
pub fn parts(text: &str) -> i64 {
    let chars = text.chars().count() as i64;
    let (single, multi) = if text.is_ascii() { (160, 153) } else { (70, 67) };
    if chars <= single { 1 } else { (chars + multi - 1) / multi }
}

fn json<T: serde::Serialize>(status: u16, body: &T) -> Response<Full<Bytes>> {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    let mut r = Response::new(Full::new(Bytes::from(bytes)));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut().insert(hyper::header::CONTENT_TYPE, hyper::header::HeaderValue::from_static("application/json"));
    r
}

/// Answers one request from Altegio. Accepted messages are charged and their delivery
/// is reported afterwards, in the background.
pub async fn handle(request: Request<Incoming>, provider: Arc<Provider>) -> Response<Full<Bytes>> {
    if request.method() != Method::POST || request.uri().path() != PATH {
        return json(404, &SmsProviderError::new(30, "no such path"));
    }
    let authorization = request.headers().get(hyper::header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    if !sms::verify_partner_token(authorization, &provider.partner_token) {
        let e = SmsProviderError::invalid_partner_token();
        return json(e.http_status(), &e);
    }
    let body = match Limited::new(request.into_body(), MAX_BODY).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => return json(400, &SmsProviderError::invalid_body("the body is too large")),
    };
    let sms: SmsProviderRequest = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            let e = SmsProviderError::invalid_body(format!("not a send request: {e}"));
            return json(e.http_status(), &e);
        }
    };
    let cost = parts(&sms.text) * PART_PRICE_CENTS;
    let mut results = Vec::new();
    let mut delivered = Vec::new();
    for destination in &sms.destination_params {
        let id = destination.id.to_string();
        let charged = provider.balance_cents.fetch_sub(cost, Ordering::SeqCst) >= cost;
        if !charged {
            provider.balance_cents.fetch_add(cost, Ordering::SeqCst);
            results.push(SmsSendResult::rejected(id, sms::INSUFFICIENT_FUNDS, "insufficient funds"));
            continue;
        }
        let ext_id = format!("ext-{:08}", provider.next_ext_id.fetch_add(1, Ordering::SeqCst));
        results.push(SmsSendResult::accepted(id.clone(), ext_id));
        delivered.push(SmsStatusReport {
            id,
            status: SmsDeliveryStatus::Delivered,
            payment_sum: Some(cost as f64 / 100.0),
            currency_iso: Some("USD".into()),
            parts_amount: Some(parts(&sms.text)),
        });
    }
    if !delivered.is_empty() {
        // A real provider reports when its operator confirms; the demo does it at once.
        let callback = sms.delivery_callback_url.clone();
        tokio::spawn(async move {
            let report = SmsStatusReportList(delivered);
            if let Err(e) = provider.client.report_sms_delivery().callback_url(callback).body(report).send().await {
                eprintln!("delivery report failed: {e}");
            }
        });
    }
    json(200, &SmsProviderReply(results))
}

/// Serves Altegio's SMS requests on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener, provider: Arc<Provider>) -> std::io::Result<()> {
    loop {
        let (stream, _) = listener.accept().await?;
        let provider = provider.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let provider = provider.clone();
                async move { Ok::<_, Infallible>(handle(request, provider).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

/// A send request as Altegio makes it.
pub fn sample_request(callback_url: &str, phones: &[&str]) -> serde_json::Value {
    let destinations: Vec<_> = phones
        .iter()
        .enumerate()
        .map(|(i, p)| serde_json::json!({"id": (232674 + i).to_string(), "phone": p}))
        .collect();
    serde_json::json!({
        "destination_params": destinations,
        "from": "Altegio",
        "text": "Your appointment is confirmed for Dec 1 at 10:00.",
        "type": "sms",
        "dispatch_type": "service",
        "delivery_callback_url": callback_url,
    })
}

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if let Some(addr) = support::env("SMS_LISTEN") {
        let partner = support::env("ALTEGIO_PARTNER_TOKEN").ok_or("set ALTEGIO_PARTNER_TOKEN")?;
        let client = altegio::Client::builder(partner.clone()).build()?;
        let listener = TcpListener::bind(&addr).await?;
        println!("Serving Altegio SMS requests on {addr}{PATH}");
        serve(listener, Arc::new(Provider::new(&partner, client, 100_000))).await?;
        return Ok(());
    }

    // The demo: the embedded mock is Altegio's callback side; this program plays the sender.
    let mock = altegio::mock::MockServer::start().await?;
    let partner = "demo-partner-token";
    let client = altegio::Client::builder(partner).base_url(mock.url()).build()?;
    let provider = Arc::new(Provider::new(partner, client, 2 * PART_PRICE_CENTS));
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}{PATH}", listener.local_addr()?);
    tokio::spawn(serve(listener, provider));

    let callback = format!("{}/delivery/status", mock.url());
    let request = sample_request(&callback, &["13155550175", "13155550176", "13155550177"]);
    let http = reqwest::Client::new();
    let forged = http.post(&url).bearer_auth("not-the-token").json(&request).send().await?;
    println!("Request with a wrong token -> {} {}", forged.status(), forged.text().await?);
    let reply = http.post(&url).bearer_auth(partner).json(&request).send().await?;
    println!("Request for 3 phones -> {} {}", reply.status(), reply.text().await?);

    for _ in 0..50 {
        if let Some(report) = mock.requests_for(op::GET_MESSAGE_STATUS_LIST).first() {
            println!("Altegio got the delivery report: {}", String::from_utf8_lossy(&report.body));
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    Err("no delivery report arrived".into())
}
