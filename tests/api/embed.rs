//! The embeddable calculator's files (issue 6): only its page may be framed by other sites,
//! and each file is cached as long as its URL allows.

use kmo_blackbox::{base_url, get};

/// GET with the body as text (the frame page is HTML, not JSON).
fn text(path: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut res = agent
        .get(format!("{}{path}", base_url()))
        .call()
        .expect("the server answers");
    let status = res.status().as_u16();
    (status, res.body_mut().read_to_string().unwrap_or_default())
}

#[test]
fn the_calculator_page_may_be_framed_by_any_site_and_is_cached_briefly() {
    let a = get("/embed/frame?provider=DV.O123456&price=1250.00");
    assert_eq!(a.status, 200);
    assert_eq!(a.header("x-frame-options"), None);
    let csp = a.header("content-security-policy").unwrap_or_default();
    assert!(csp.contains("frame-ancestors *"), "{csp}");
    assert!(!csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(a.header("cache-control"), Some("public, max-age=300"));
}

#[test]
fn every_other_page_still_refuses_to_be_framed() {
    for path in [
        "/",
        "/aanvraag",
        "/embed/",
        "/embed/unknown",
        "/embed/loader.js",
    ] {
        let a = get(path);
        assert_eq!(a.header("x-frame-options"), Some("DENY"), "{path}");
        assert!(
            a.header("content-security-policy")
                .is_some_and(|c| c.contains("frame-ancestors 'none'")),
            "{path}"
        );
    }
}

#[test]
fn the_loader_is_cached_briefly_and_the_hashed_files_for_ever() {
    let loader = get("/embed/loader.js");
    assert_eq!(loader.status, 200);
    assert_eq!(loader.header("cache-control"), Some("public, max-age=300"));

    let (status, page) = text("/embed/frame");
    assert_eq!(status, 200);
    let pkg = page
        .split("/embed/")
        .skip(1)
        .filter_map(|rest| rest.split('/').next())
        .find(|folder| folder.starts_with("pkg-"))
        .expect("the frame names its hashed folder");
    for file in ["widget.js", "widget_bg.wasm", "boot.js"] {
        let a = get(&format!("/embed/{pkg}/{file}"));
        assert_eq!(a.status, 200, "{file}");
        assert_eq!(
            a.header("cache-control"),
            Some("public, max-age=31536000, immutable"),
            "{file}"
        );
    }
}
