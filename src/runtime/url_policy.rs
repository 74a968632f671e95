//! Which URLs a client may talk to, and how path parameters travel.

use crate::runtime::error::{Error, Result};

/// Whether the URL's host is this machine (`localhost`, `127.0.0.0/8`, `::1`).
pub(crate) fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Refuses base URLs that would send tokens in clear text to another machine.
pub(crate) fn check_base_url(url: &str, allow_insecure: bool, has_tls: bool) -> Result<String> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| Error::invalid_request(format!("the base URL `{url}` is not a URL: {e}")))?;
    let loopback = is_loopback(&parsed);
    match parsed.scheme() {
        "https" if !has_tls => {
            return Err(Error::invalid_request(
                "this build of altegio has no TLS, so it cannot call an `https` URL: enable the cargo feature \
                 `rustls` (the default) or `native-tls`",
            ));
        }
        "https" => {}
        "http" if loopback || allow_insecure => {}
        "http" => {
            return Err(Error::invalid_request(format!(
                "refusing plain http to `{}`: tokens would travel unencrypted; use https, or \
                 `allow_insecure_http(true)`",
                parsed.host_str().unwrap_or_default()
            )));
        }
        other => {
            return Err(Error::invalid_request(format!("unsupported URL scheme `{other}`")));
        }
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        // Named without the credentials: they would otherwise end up in errors and logs.
        return Err(Error::invalid_request(format!(
            "the base URL for `{}` carries a user name or password; give the host without credentials",
            parsed.host_str().unwrap_or_default()
        )));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::invalid_request("the base URL must not have a query or fragment"));
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// Whether the request path is the base path plus the template with each placeholder
/// filled by exactly one non-empty segment. URL normalisation removes `.` and `..`
/// segments (even percent-encoded), so this is the check that they never moved a call.
pub(crate) fn path_fits(base_path: &str, template: &str, url: &reqwest::Url) -> bool {
    let mut expected = base_path.split('/').chain(template.split('/')).filter(|s| !s.is_empty());
    let mut actual = url.path().split('/').skip(1);
    loop {
        match (expected.next(), actual.next()) {
            (None, None) => return true,
            (Some(e), Some(a)) if !a.is_empty() && (e.starts_with('{') || e == a) => {}
            _ => return false,
        }
    }
}

/// Percent-encodes one path parameter so that it stays one segment.
///
/// `.` and `..` cannot be sent as a segment at all (URL normalisation removes them even
/// when percent-encoded); the client refuses such calls before sending.
pub(crate) fn encode_path(segment: &str) -> String {
    match segment {
        "." => "%2E".to_string(),
        ".." => "%2E%2E".to_string(),
        s => percent_encoding::utf8_percent_encode(s, SEGMENT).to_string(),
    }
}

/// Characters percent-encoded in a path segment: everything that could end the segment,
/// start a query or fragment, or be read as a separator (`\` counts for http URLs).
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'\\')
    .add(b'%')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_must_be_https_unless_loopback() {
        assert_eq!(check_base_url("https://api.alteg.io/api/v1/", false, true).unwrap(), "https://api.alteg.io/api/v1");
        assert!(check_base_url("http://127.0.0.1:8080", false, true).is_ok());
        assert!(check_base_url("http://localhost:8080/api", false, true).is_ok());
        assert!(check_base_url("http://[::1]:8080", false, true).is_ok());
        let e = check_base_url("http://api.alteg.io/api/v1", false, true).unwrap_err();
        assert!(e.is_invalid_request() && e.to_string().contains("unencrypted"), "{e}");
        assert!(check_base_url("http://10.0.0.5", true, true).is_ok());
        assert!(check_base_url("ftp://x", true, true).is_err());
        assert!(check_base_url("not a url", false, true).is_err());
        assert!(check_base_url("https://x/?a=1", false, true).is_err());
    }

    #[test]
    fn credentials_in_the_base_url_are_refused_without_echoing_them() {
        for url in ["http://admin:secret@127.0.0.1:9/api", "https://admin@api.alteg.io/api/v1", "https://:secret@x.io"]
        {
            let e = check_base_url(url, false, true).unwrap_err();
            assert!(e.is_invalid_request() && e.to_string().contains("user name or password"), "{url}: {e}");
            assert!(!e.to_string().contains("secret") && !e.to_string().contains("admin"), "{e}");
        }
    }

    #[test]
    fn https_needs_a_tls_feature() {
        let e = check_base_url("https://api.alteg.io/api/v1", false, false).unwrap_err();
        assert!(e.is_invalid_request(), "{e}");
        for feature in ["`rustls`", "`native-tls`"] {
            assert!(e.to_string().contains(feature), "{e}");
        }
        // Plain http to loopback (the embedded mock) needs no TLS.
        assert!(check_base_url("http://127.0.0.1:8080", false, false).is_ok());
        assert!(check_base_url("https://api.alteg.io/api/v1", false, true).is_ok());
    }

    #[test]
    fn path_segments_cannot_escape() {
        assert_eq!(encode_path("+13155550175"), "+13155550175");
        assert_eq!(encode_path("a/b"), "a%2Fb");
        assert_eq!(encode_path(".."), "%2E%2E");
        assert_eq!(encode_path("."), "%2E");
        assert_eq!(encode_path("x?y=1#z"), "x%3Fy=1%23z");
        assert_eq!(encode_path("a\\b"), "a%5Cb");
        assert_eq!(encode_path("50%"), "50%25");
        assert_eq!(encode_path("çé"), "%C3%A7%C3%A9");
    }
}
