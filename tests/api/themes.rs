use kmo_blackbox::get;

#[test]
fn themes_lists_the_eight_themes_with_dutch_labels() {
    let a = get("/api/v1/themes");
    assert_eq!(a.status, 200);
    let themes = a.body["themes"].as_array().expect("themes array");
    let ids: Vec<&str> = themes.iter().filter_map(|t| t["id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            "bedrijfsstrategie",
            "beroepsspecifieke-competenties",
            "digitalisering",
            "duurzaamheid",
            "financiele-geletterdheid",
            "innovatie",
            "internationalisering",
            "personeelsmanagement"
        ]
    );
    let duurzaamheid = &themes[3];
    assert_eq!(duurzaamheid["label"], "Duurzaamheid");
    assert!(duurzaamheid["subthemes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == "energie-efficientie"));
    assert!(themes[2]["subthemes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == "cybersecurity" && s["label"] == "Cybersecurity"));
}
