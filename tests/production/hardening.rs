//! The production build: no development route, the only sign-in is OpenID Connect, and the
//! hardening of every answer (origin, HSTS, Allow, robots, capped bodies, rate limits).

use serde_json::json;

use crate::oidc::{call, sign_in};
use crate::{fresh_address, prod_url};
use kmo_blackbox::{fetch, post_chunked};

fn at(
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> kmo_blackbox::Answer {
    fetch(
        method,
        &format!("{}{path}", prod_url()),
        headers,
        body.map(|b| ("application/json", b)),
    )
}

/// A GET from client address `ip` (the rate limits count per address).
fn get_from(ip: &str, path: &str) -> kmo_blackbox::Answer {
    at("GET", path, &[("cf-connecting-ip", ip)], None)
}

#[test]
fn development_routes_do_not_exist_in_the_production_build() {
    let demo = json!({ "role": "operator", "subject": "x" }).to_string();
    for (method, path, body) in [
        ("POST", "/api/v1/dev/sign-in", Some(demo.as_str())),
        ("GET", "/api/v1/dev/outbox", None),
        ("GET", "/api/v1/dev/clock", None),
        ("PUT", "/api/v1/dev/clock", Some(r#"{"date":"2030-01-01"}"#)),
    ] {
        let a = at(method, path, &[], body);
        assert_eq!(a.status, 404, "{method} {path}: {:?}", a.body);
        assert_eq!(a.body["errors"][0]["code"], "not_found");
    }
    // The only way in is OpenID Connect: the sign-in page is told so, and its login answers
    // with the identity provider.
    let options = at("GET", "/api/v1/auth/options", &[], None);
    assert_eq!(options.body, json!({ "government": true, "demo": false }));
    let login = get_from(&fresh_address(), "/api/v1/auth/login");
    assert_eq!(login.status, 303);
    assert!(login
        .header("location")
        .unwrap()
        .starts_with(&crate::idp_url()));
}

#[test]
fn changing_requests_must_come_from_the_public_origin() {
    let eva = sign_in("eva").session.unwrap();
    let own = prod_url();
    // The same server under another name. (The https:// twin of the own origin is refused by
    // the rule too, see worker/src/guard.rs's tests, but cannot be sent through `wrangler dev`:
    // its local proxy rewrites any header URL naming its own host to its own scheme.)
    let twin = own.replacen("127.0.0.1", "localhost", 1);
    let patch = |origin: &str, email: &str| {
        fetch(
            "PATCH",
            &format!("{own}/api/v1/enterprise"),
            &[("cookie", &eva.cookie), ("origin", origin)],
            Some(("application/json", &json!({ "email": email }).to_string())),
        )
    };
    assert_eq!(
        patch(&own, "boekhouding@bakkerij-peeters.example").status,
        200
    );
    for origin in [twin.as_str(), "https://evil.example", "null"] {
        let a = patch(origin, "evil@example.be");
        assert_eq!(a.status, 403, "{origin}");
        assert_eq!(a.body["errors"][0]["code"], "cross_origin");
    }
    assert_ne!(
        call(&eva, "GET", "/api/v1/enterprise", None).body["email"],
        "evil@example.be"
    );
    assert_eq!(
        patch(&own, "boekhouding@bakkerij-peeters.example").status,
        200
    );
    // Sign-out from another site is refused too.
    let out = fetch(
        "POST",
        &format!("{own}/api/v1/sign-out"),
        &[("cookie", &eva.cookie), ("origin", "https://evil.example")],
        None,
    );
    assert_eq!(out.status, 403);
    assert_eq!(call(&eva, "GET", "/api/v1/me", None).status, 200);
}

#[test]
fn every_answer_carries_strict_transport_security() {
    for path in [
        "/",
        "/aanmelden",
        "/api/v1/health",
        "/api/v1/nothing-here",
        "/robots.txt",
    ] {
        let a = at("GET", path, &[], None);
        let hsts = a.header("strict-transport-security").unwrap_or_default();
        assert!(hsts.starts_with("max-age=63072000"), "{path}: {hsts:?}");
    }
}

#[test]
fn a_wrong_method_answers_405_with_allow() {
    for (method, path, allow) in [
        ("DELETE", "/api/v1/enterprise", "GET, PATCH"),
        ("POST", "/api/v1/health", "GET"),
        ("GET", "/api/v1/simulate", "POST"),
        ("DELETE", "/api/v1/projects/2026KMO000001", "GET"),
        ("HEAD", "/api/v1/auth/callback", "GET"),
    ] {
        let a = at(method, path, &[], None);
        assert_eq!(a.status, 405, "{method} {path}");
        assert_eq!(a.header("allow"), Some(allow), "{method} {path}");
        if method != "HEAD" {
            // (A HEAD answer has no body.)
            assert_eq!(a.body["errors"][0]["code"], "method_not_allowed");
        }
    }
}

#[test]
fn a_method_the_router_does_not_know_never_reaches_a_get_handler() {
    // (The worker crate reads an unknown method as GET.) Sent by hand: the HTTP client of the
    // tests knows only the standard methods.
    for (method, path) in [
        ("QUERY", "/api/v1/health"),
        ("PROPFIND", "/api/v1/auth/callback"),
    ] {
        let head = raw_request(method, path);
        assert!(head.starts_with("HTTP/1.1 405"), "{method} {path}: {head}");
        assert!(
            head.to_ascii_lowercase().contains("\r\nallow: get\r\n"),
            "{head}"
        );
    }
    assert!(raw_request("QUERY", "/api/v1/nothing-here").starts_with("HTTP/1.1 404"));
}

/// The status line and headers of a request with any method, over a plain socket.
fn raw_request(method: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let host = prod_url().trim_start_matches("http://").to_string();
    let mut socket = std::net::TcpStream::connect(&host).expect("the server listens");
    write!(
        socket,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("sent");
    let mut answer = String::new();
    socket.read_to_string(&mut answer).expect("an answer");
    answer
        .split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn robots_and_sitemap_are_text_for_crawlers() {
    let robots = at("GET", "/robots.txt", &[], None);
    assert_eq!(robots.status, 200);
    assert!(robots
        .header("content-type")
        .unwrap()
        .starts_with("text/plain"));
    let text = fetch_text("/robots.txt");
    assert!(text.contains("Disallow: /api/"), "{text}");
    assert!(text.contains(&format!("Sitemap: {}/sitemap.xml", prod_url())));
    let sitemap = at("GET", "/sitemap.xml", &[], None);
    assert_eq!(sitemap.status, 200);
    assert!(sitemap
        .header("content-type")
        .unwrap()
        .starts_with("application/xml"));
    let xml = fetch_text("/sitemap.xml");
    assert!(xml.contains(&format!("<loc>{}/</loc>", prod_url())));
    assert!(!xml.contains("portefeuille"));
}

fn fetch_text(path: &str) -> String {
    let mut res = ureq::get(format!("{}{path}", prod_url()))
        .call()
        .expect("answers");
    res.body_mut().read_to_string().expect("text")
}

#[test]
fn a_body_without_length_is_refused_once_it_passes_the_limit() {
    // 200 kB of JSON, streamed without Content-Length: refused with 413, not read whole.
    let big = format!(
        "{{\"size\":\"small\",\"x\":\"{}\"}}",
        "a".repeat(200 * 1024)
    );
    let a = post_chunked(
        &format!("{}/api/v1/simulate", prod_url()),
        "application/json",
        big.into_bytes(),
    );
    assert_eq!(a.status, 413, "{:?}", a.body);
    assert_eq!(a.body["errors"][0]["code"], "body_too_large");
    // A small streamed body is read as usual.
    let small =
        json!({ "size": "small", "service": "training", "theme": "innovatie", "cost": "1000.00" });
    let ok = post_chunked(
        &format!("{}/api/v1/simulate", prod_url()),
        "application/json",
        small.to_string().into_bytes(),
    );
    assert_eq!(ok.status, 200, "{:?}", ok.body);
}

#[test]
fn sign_in_attempts_are_limited_per_client_address() {
    let ip = fresh_address();
    let login = || get_from(&ip, "/api/v1/auth/login");
    for i in 0..10 {
        assert_eq!(login().status, 303, "attempt {}", i + 1);
    }
    let over = login();
    assert_eq!(over.status, 429);
    assert_eq!(over.header("retry-after"), Some("60"));
    assert_eq!(over.body["errors"][0]["code"], "rate_limited");
    // The callback counts in the same bucket.
    let cb = get_from(&ip, "/api/v1/auth/callback?code=x&state=y");
    assert_eq!(cb.status, 429);
    // A browser (it navigates there) gets a page a person can read, with the same status.
    let browser = at(
        "GET",
        "/api/v1/auth/login",
        &[
            ("cf-connecting-ip", &ip),
            ("accept", "text/html,application/xhtml+xml"),
        ],
        None,
    );
    assert_eq!(browser.status, 429);
    assert_eq!(browser.header("retry-after"), Some("60"));
    assert!(browser
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    // Another address is not affected.
    let other = get_from(&fresh_address(), "/api/v1/auth/login");
    assert_eq!(other.status, 303);
}

#[test]
fn provider_searches_are_limited_per_client_address() {
    let ip = fresh_address();
    let search = |path: &str| get_from(&ip, path);
    for i in 0..60 {
        let path = if i % 2 == 0 {
            "/api/v1/providers?q=syntra"
        } else {
            "/api/v1/providers/DV.O123456"
        };
        assert_eq!(search(path).status, 200, "request {}", i + 1);
    }
    let over = search("/api/v1/providers?q=syntra");
    assert_eq!(over.status, 429);
    assert_eq!(over.header("retry-after"), Some("60"));
    let other = get_from(&fresh_address(), "/api/v1/providers?q=syntra");
    assert_eq!(other.status, 200);
}
