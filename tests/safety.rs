//! Guards against costly mistakes: campaigns to a whole client base, plain-http tokens,
//! path injection.

mod common;
use altegio::{CallOptions, types};
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
async fn string_path_parameters_stay_one_segment() {
    // `/validation/validate_phone/{phone}` and the like take strings; the encoder keeps
    // `+`, and encodes `/`, `?`, `#`, `..`.
    for (raw, encoded) in [("+13155550175", "+13155550175"), ("a/b", "a%2Fb"), ("..", "%2E%2E"), ("x?y#z", "x%3Fy%23z")]
    {
        assert_eq!(altegio::wire::encode_path(raw), encoded);
    }
}
