//! A webhook receiver: a small hyper server that checks the secret in the URL, parses
//! each event into its typed payload and answers at once.
//!
//! `cargo run --example webhook_receiver` runs a demo against the embedded mock: it starts
//! the receiver on 127.0.0.1, registers its URL (with the secret) through
//! `devtools::Client::update_event_notification_settings`, then plays Altegio and POSTs a few events to it, one of them
//! with a wrong secret.
//!
//! To receive real webhooks set `WEBHOOK_LISTEN` (e.g. `0.0.0.0:8080`) and
//! `WEBHOOK_SECRET` (16+ characters of `A-Z a-z 0-9 - . _ ~`), put the server behind
//! https, and register `https://<your host>/altegio/webhook?secret=<WEBHOOK_SECRET>`.

#[path = "support/mod.rs"]
mod support;

use altegio::webhook::{EventStatus, Payload, WebhookEvent, WebhookSecret};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// The path the receiver answers on.
pub const PATH: &str = "/altegio/webhook";
/// The largest body accepted.
pub const MAX_BODY: usize = 1 << 20;

/// Events as Altegio sends them: an appointment with the four date formats of one real
/// payload, a partial client update with PHP-style values, a delete with empty `data`,
/// and a resource this crate does not know.
pub const SAMPLE_EVENTS: &[&str] = &[
    r#"{"company_id":4564,"resource":"record","resource_id":29614361,"status":"create","data":{"id":29614361,"company_id":"4564","staff_id":8886,"services":[{"id":331,"title":"Haircut","cost":"25","first_cost":25,"discount":0,"amount":1}],"client":{"id":"17330212","name":"Emily Carter","phone":"+13155550175"},"date":"2026-12-01 10:00:00","datetime":"2026-12-01T10:00:00-05:00","create_date":"2026-11-27T12:27:06-0500","last_change_date":"2026-11-27T12:27:06-0500","seance_length":3600,"attendance":0,"confirmed":"1","deleted":false,"online":true}}"#,
    r#"{"company_id":"4564","resource":"client","resource_id":"17330212","status":"update","data":{"id":"17330212","name":"Emily Carter","phone":13155550175,"sms_check":"1","custom_fields":[],"birth_date":null}}"#,
    r#"{"company_id":4564,"resource":"service","resource_id":331,"status":"delete","data":[]}"#,
    r#"{"company_id":4564,"resource":"loyalty_transaction","resource_id":77,"status":"create","data":{"id":77,"amount":"12.5"}}"#,
];

fn reply(status: StatusCode, body: &'static str) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    *r.status_mut() = status;
    r.headers_mut().insert(hyper::header::CONTENT_TYPE, hyper::header::HeaderValue::from_static("application/json"));
    r
}

/// Answers one request: 404 off the path or not a POST, 401 without the right secret
/// (checked before the body is read), 413 past [`MAX_BODY`], 400 for a body that is not
/// an event, 200 otherwise, after handing the event to `events`.
pub async fn handle(
    request: Request<Incoming>,
    secret: &WebhookSecret,
    events: &mpsc::UnboundedSender<WebhookEvent>,
) -> Response<Full<Bytes>> {
    if request.method() != Method::POST || request.uri().path() != PATH {
        return reply(StatusCode::NOT_FOUND, r#"{"success":false}"#);
    }
    if !secret.verify_uri(request.uri()) {
        return reply(StatusCode::UNAUTHORIZED, r#"{"success":false}"#);
    }
    let body = match Limited::new(request.into_body(), MAX_BODY).collect().await {
        Ok(body) => body.to_bytes(),
        Err(_) => return reply(StatusCode::PAYLOAD_TOO_LARGE, r#"{"success":false}"#),
    };
    match WebhookEvent::parse(&body) {
        Ok(event) => {
            // Answer fast; the work happens elsewhere.
            let _ = events.send(event);
            reply(StatusCode::OK, r#"{"success":true}"#)
        }
        Err(e) => {
            eprintln!("rejected a webhook: {e}");
            reply(StatusCode::BAD_REQUEST, r#"{"success":false}"#)
        }
    }
}

/// Serves webhooks on `listener` until the task is dropped.
pub async fn serve(
    listener: TcpListener,
    secret: WebhookSecret,
    events: mpsc::UnboundedSender<WebhookEvent>,
) -> std::io::Result<()> {
    let secret = Arc::new(secret);
    loop {
        let (stream, _) = listener.accept().await?;
        let (secret, events) = (secret.clone(), events.clone());
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let (secret, events) = (secret.clone(), events.clone());
                async move { Ok::<_, Infallible>(handle(request, &secret, &events).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

/// One line about an event.
pub fn describe(event: &WebhookEvent) -> String {
    let what = match &event.payload {
        Payload::Record(a) => format!(
            "appointment at {} with {} service(s)",
            a.datetime.as_ref().map(|d| d.raw()).unwrap_or("?"),
            a.services.as_ref().map_or(0, Vec::len)
        ),
        Payload::Client(c) => format!("client {}", c.name.as_deref().unwrap_or("?")),
        Payload::Service(s) => format!("service {}", s.title.as_deref().unwrap_or("(no fields sent)")),
        Payload::Unknown(data) => format!("unknown resource, raw data {data}"),
        other => format!("{other:?}").chars().take(60).collect(),
    };
    let status = match &event.status {
        EventStatus::Create => "create".to_string(),
        EventStatus::Update => "update".to_string(),
        EventStatus::Delete => "delete".to_string(),
        EventStatus::Other(s) => s.clone(),
    };
    format!("{} #{} {status}: {what}", event.resource, event.resource_id.unwrap_or_default())
}

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = WebhookSecret::new(support::env("WEBHOOK_SECRET").unwrap_or_else(|| "demo-Zr4pQ8vT2mW9xK1c".into()))?;
    let (tx, mut rx) = mpsc::unbounded_channel();
    if let Some(addr) = support::env("WEBHOOK_LISTEN") {
        let listener = TcpListener::bind(&addr).await?;
        println!("Listening on {addr}{PATH}; register {}", secret.url_for("https://your.host/altegio/webhook")?);
        tokio::spawn(serve(listener, secret, tx));
        while let Some(event) = rx.recv().await {
            println!("{}", describe(&event));
        }
        return Ok(());
    }

    // The demo: Altegio is the embedded mock, and this program plays its webhook sender.
    let target = support::connect().await?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let endpoint = format!("http://{}{PATH}", listener.local_addr()?);
    let url = secret.url_for(&endpoint)?;
    tokio::spawn(serve(listener, secret, tx));

    if target.may_write() {
        let on = true;
        let settings = altegio::devtools::types::builder::EventNotificationSettingsWrite::default()
            .urls(vec![url.clone()])
            .active(on)
            .record(on)
            .client(on)
            .service(on);
        let devtools = target.devtools()?;
        let saved = devtools.update_event_notification_settings().location_id(4564).body(settings).send().await?;
        println!(
            "Registered webhook URLs: {:?}",
            saved.data.as_ref().and_then(|d| d.urls.as_ref()).map_or(0, Vec::len)
        );
    }

    let http = reqwest::Client::new();
    for body in SAMPLE_EVENTS {
        let status = http.post(&url).body(*body).send().await?.status();
        println!("POST event -> {status}");
    }
    let forged = http.post(format!("{endpoint}?secret=guess-guess-guess")).body(SAMPLE_EVENTS[0]).send().await?;
    println!("POST with a wrong secret -> {}", forged.status());
    for _ in SAMPLE_EVENTS {
        if let Some(event) = rx.recv().await {
            println!("received {}", describe(&event));
        }
    }
    Ok(())
}
