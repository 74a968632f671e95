//! Guards against costly mistakes: campaigns to a whole client base, plain-http tokens,
//! path injection.

mod common;
use altegio::CallOptions;
use altegio::b2b::types;
use common::*;

#[tokio::test]
async fn a_campaign_without_filter_is_refused_unless_opted_in() {
    let server = server().await;
    let client = user_client(&server);
    let sms =
        || client.send_sms_campaign_to_filtered_clients().location_id(7).body(types::SmsMailing { text: "Hi".into() });
    let err = sms().send().await.unwrap_err();
    assert!(err.is_invalid_request() && err.to_string().contains("every client"), "{err}");
    let err = sms().phone("   ").send().await.unwrap_err();
    assert!(err.is_invalid_request(), "a blank filter is no filter");
    let email = || {
        client
            .send_email_campaign_to_filtered_clients()
            .location_id(7)
            .body(types::EmailMailing { subject: "S".into(), text: "T".into() })
    };
    assert!(email().send().await.unwrap_err().is_invalid_request());
    // Filters that match everyone do not count: invisible text, a bare wildcard or separator.
    for value in ["\u{200B}", "@", "%", " + ", "\u{2060}%"] {
        for err in [
            email().fullname(value).send().await.unwrap_err(),
            email().email(value).send().await.unwrap_err(),
            sms().phone(value).send().await.unwrap_err(),
        ] {
            assert!(err.is_invalid_request() && err.to_string().contains("every client"), "{value:?}: {err}");
        }
    }
    assert!(server.requests().is_empty(), "nothing was sent");

    sms().phone("+1315").send().await.unwrap();
    sms().send_with(CallOptions::new().allow_entire_client_base()).await.unwrap();
    email().fullname("Smith").send().await.unwrap();
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn tokens_never_travel_over_plain_http_to_other_hosts() {
    let err = altegio::Client::builder("p").base_url("http://api.alteg.io/api/v1").build().unwrap_err();
    assert!(err.is_invalid_request() && err.to_string().contains("unencrypted"), "{err}");
    altegio::Client::builder("p").base_url("http://127.0.0.1:9/api/v1").build().unwrap();
    altegio::Client::builder("p").base_url("http://proxy.internal/api/v1").allow_insecure_http(true).build().unwrap();
}

#[tokio::test]
async fn a_base_url_with_credentials_is_refused_and_never_printed() {
    let server = server().await;
    let url = server.url().replace("http://", "http://admin:hunter2@");
    let err = altegio::Client::builder("p").base_url(url).build().unwrap_err();
    assert!(err.is_invalid_request(), "{err}");
    for shown in [err.to_string(), format!("{err:?}")] {
        assert!(!shown.contains("hunter2") && !shown.contains("admin"), "{shown}");
    }
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_hostile_phone_cannot_change_the_request_path() {
    let server = server().await;
    let client = user_client(&server);
    for (phone, encoded) in
        [("+13155550175", "+13155550175"), ("../../companies", "..%2F..%2Fcompanies"), ("1?my=1#x", "1%3Fmy=1%23x")]
    {
        client.phone_number_format_check().phone(phone).send().await.unwrap();
        let req = server.requests().pop().unwrap();
        assert_eq!(req.operation, Some("phone_number_format_check"), "{phone}");
        assert_eq!(req.path, format!("/validation/validate_phone/{encoded}"), "{phone}");
        assert_eq!(req.query, None, "{phone}");
    }
    // `.`, `..` and `` cannot be one segment: URL normalisation would drop them (even as
    // %2E%2E), so the call is refused before sending.
    for odd in ["..", ".", ""] {
        let n = server.requests().len();
        let err = client.phone_number_format_check().phone(odd).send().await.unwrap_err();
        assert!(err.is_invalid_request() && err.to_string().contains("path segment"), "{odd:?}: {err}");
        assert_eq!(server.requests().len(), n, "{odd:?} was sent");
    }
}

#[tokio::test]
async fn a_supplied_http_client_never_follows_a_redirect() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // The other server counts what reaches it; the first answers every request with a 307 to it.
    let target = server().await;
    let redirector = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/api/v1", redirector.local_addr().unwrap());
    let location = format!("{}/company/1/clients", target.url());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = redirector.accept().await {
            let location = location.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 64 * 1024];
                let _ = stream.read(&mut buf).await;
                let reply =
                    format!("HTTP/1.1 307 Temporary Redirect\r\nlocation: {location}\r\ncontent-length: 0\r\n\r\n");
                let _ = stream.write_all(reply.as_bytes()).await;
            });
        }
    });
    // reqwest's own default follows up to ten redirects; the crate's policy wins.
    let client = altegio::Client::builder(PARTNER)
        .user_token(USER)
        .base_url(base)
        .http_client(reqwest::Client::builder())
        .build()
        .unwrap();
    let body = types::builder::ClientCreate::default().name("Ada".to_string()).phone("+13155550175".to_string());
    let err = client.create_client().location_id(1).body(body).send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(307), "{err:?}");
    assert!(target.requests().is_empty(), "the write followed the redirect");
}

#[tokio::test]
async fn a_loopback_base_url_never_goes_through_a_proxy() {
    use tokio::io::AsyncReadExt;
    // A "proxy" that records whatever reaches it.
    let proxy = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<u8>::new()));
    let seen2 = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = proxy.accept().await {
            let mut buf = vec![0u8; 4096];
            if let Ok(n) = stream.read(&mut buf).await {
                seen2.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        }
    });
    let server = server().await;
    // A proxy for every scheme, as HTTP_PROXY/ALL_PROXY would give.
    let builder = reqwest::Client::builder().proxy(reqwest::Proxy::all(&proxy_url).unwrap());
    let client =
        altegio::Client::builder(PARTNER).user_token(USER).base_url(server.url()).http_client(builder).build().unwrap();
    client.get_location().location_id(1).send().await.unwrap();
    assert_eq!(server.requests().len(), 1, "the call went straight to the server");
    assert!(seen.lock().unwrap().is_empty(), "the proxy saw the request (and the tokens)");
}
