use kmo_blackbox::get;

#[test]
fn d1_and_kv_answer_through_the_worker() {
    let a = get("/api/v1/health");
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(a.body["d1"], true);
    assert_eq!(a.body["kv"], true);
}

#[test]
fn unknown_api_paths_are_404_and_wrong_methods_405() {
    assert_eq!(get("/api/v1/nothing-here").status, 404);
    assert_eq!(get("/api/v1/simulate").status, 405);
}

#[test]
fn the_front_end_is_served_on_the_same_origin_and_refuses_framing() {
    let a = get("/");
    assert_eq!(a.status, 200);
    assert_eq!(a.header("x-frame-options"), Some("DENY"));
    assert!(a
        .header("content-security-policy")
        .is_some_and(|c| c.contains("frame-ancestors 'none'")));
    // Deep links of the single-page app fall back to index.html.
    assert_eq!(get("/simulator").status, 200);
}
