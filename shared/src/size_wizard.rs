//! The size wizard ("Welke grootte heeft mijn onderneming?"): `POST /api/v1/size-assessment`,
//! the public page and the portal's size declaration ask [`crate::size`] the same question.
//!
//! [`SizeQuestion::from_json`] reads the figures as text (400 naming every wrong field,
//! `relations[0].figures.turnover`); [`answer`] applies the EU SME definition to this year's
//! figures with the partner and linked enterprises (Recommendation 2003/361/EC, Annex art. 2,
//! 3 and 6) and, when earlier years are given, the two-year rule (Annex art. 4(2)).

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use crate::api::public::{FiguresInput, RelationInput, SizeAssessmentRequest};
use crate::error::{FieldError, Note, Reason};
use crate::form::Fields;
use crate::size::{
    assess_size, established_size, EnterpriseSize, Figures, Relation, SizeAssessment,
};

/// Most related enterprises one year takes, and most earlier years: more is a typing error.
pub const MAX_RELATIONS: usize = 50;
pub const MAX_EARLIER_YEARS: usize = 5;

/// The figures of one closed financial year: the enterprise's own and its related enterprises'.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearFigures {
    pub own: Figures,
    pub relations: Vec<Relation>,
}

/// A well-formed question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizeQuestion {
    /// The last closed financial year.
    pub year: YearFigures,
    /// The financial years before it, oldest first (for the two-year rule).
    pub earlier_years: Vec<YearFigures>,
    /// The size established before the first earlier year; when absent, the first earlier
    /// year's own category (a new enterprise, Annex art. 4(3)).
    pub size_so_far: Option<EnterpriseSize>,
}

/// The wizard's answer: this year's assessment, and the size that holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SizeAnswer {
    #[serde(flatten)]
    pub assessment: SizeAssessment,
    /// The size that holds: `size`, unless the two-year rule keeps an earlier one.
    pub established_size: EnterpriseSize,
    /// With earlier years: how the two-year rule decided (code `two_year_rule`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(with = "Option<crate::api::Reason>"))]
    pub two_year_rule: Option<Note>,
}

const FIELDS: &[(&str, &str)] = &[
    ("own", "Cijfers van uw onderneming"),
    ("relations", "Partner- en verbonden ondernemingen"),
    ("earlier_years", "Vorige boekjaren"),
    ("size_so_far", "Grootte tot nu"),
];
const YEAR_FIELDS: &[(&str, &str)] = &[
    ("own", "Cijfers van uw onderneming"),
    ("relations", "Partner- en verbonden ondernemingen"),
];
const FIGURE_FIELDS: &[(&str, &str)] = &[
    ("staff_awu", "Personeel (JAE)"),
    ("turnover", "Jaaromzet"),
    ("balance_sheet_total", "Balanstotaal"),
];
const RELATION_FIELDS: &[(&str, &str)] = &[
    ("share", "Aandeel in kapitaal of stemrechten (%)"),
    ("control", "Zeggenschap zonder meerderheid"),
    ("figures", "Cijfers van die onderneming"),
];

/// A figure as sent: digits without a leading zero, at most two decimals, no sign, at most
/// `max` (the pattern of openapi.json's `StaffInput` and `EuroFigureInput`).
pub fn parse_figure(raw: &str, max: Decimal) -> Option<Decimal> {
    let (whole, fraction) = match raw.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (raw, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let whole_ok = digits(whole) && (whole == "0" || !whole.starts_with('0')) && whole.len() <= 16;
    let fraction_ok = fraction.is_none_or(|f| digits(f) && f.len() <= 2);
    if !whole_ok || !fraction_ok {
        return None;
    }
    raw.parse::<Decimal>().ok().filter(|d| *d <= max)
}

impl SizeQuestion {
    pub fn from_json(body: &Value) -> Result<SizeQuestion, Vec<FieldError>> {
        SizeQuestion::from_json_at(body, "")
    }

    /// The question inside a larger body, at `path` (`figures` of the portal's size
    /// declaration): its errors are named `figures.own.turnover`.
    pub fn from_json_at(body: &Value, path: &str) -> Result<SizeQuestion, Vec<FieldError>> {
        let mut f = if path.is_empty() {
            Fields::new(body, FIELDS)?
        } else {
            Fields::nested(body, path, FIELDS)?
        };
        let dot = if path.is_empty() {
            String::new()
        } else {
            format!("{path}.")
        };
        let year = year_figures(&mut f, body, path);
        let earlier = match f.present("earlier_years") {
            None => Some(Vec::new()),
            Some(Value::Array(years)) if years.len() <= MAX_EARLIER_YEARS => {
                read_all(years.iter().enumerate().map(|(i, y)| {
                    let path = format!("{dot}earlier_years[{i}]");
                    let mut inner = match Fields::nested(y, &path, YEAR_FIELDS) {
                        Ok(inner) => inner,
                        Err(errors) => {
                            f.extend(errors);
                            return None;
                        }
                    };
                    let one = year_figures(&mut inner, y, &path);
                    match inner.finish() {
                        Ok(()) => one,
                        Err(errors) => {
                            f.extend(errors);
                            None
                        }
                    }
                }))
            }
            Some(_) => {
                f.error(
                    "earlier_years",
                    "expected_list",
                    format!(
                        "een lijst van hoogstens {MAX_EARLIER_YEARS} boekjaren, het oudste eerst."
                    ),
                );
                None
            }
        };
        let size_so_far = match f.present("size_so_far") {
            None => Some(None),
            Some(_) => f
                .required_choice(
                    "size_so_far",
                    EnterpriseSize::parse,
                    &["small", "medium", "large"],
                )
                .map(Some),
        };
        f.finish()?;
        match (year, earlier, size_so_far) {
            (Some(year), Some(earlier_years), Some(size_so_far)) => Ok(SizeQuestion {
                year,
                earlier_years,
                size_so_far,
            }),
            // Every None above recorded an error, so finish() already returned them.
            _ => Err(vec![FieldError::new(
                "",
                "invalid_request",
                "Ongeldige vraag.",
            )]),
        }
    }
}

/// Every item read, each recording its own errors; `None` when any was wrong.
fn read_all<T>(items: impl Iterator<Item = Option<T>>) -> Option<Vec<T>> {
    // Not `try_fold`: the items after a wrong one are read too, so their errors are named.
    let mut all = Some(Vec::new());
    for one in items {
        match one {
            Some(item) => {
                if let Some(read) = all.as_mut() {
                    read.push(item);
                }
            }
            None => all = None,
        }
    }
    all
}

/// `own` and `relations` of one year, read from the object `f` reads (`path` its name).
fn year_figures(f: &mut Fields, object: &Value, path: &str) -> Option<YearFigures> {
    let dot = if path.is_empty() {
        String::new()
    } else {
        format!("{path}.")
    };
    let own = match f.present("own") {
        None => {
            f.error("own", "required", "dit veld is verplicht.");
            None
        }
        Some(v) => figures(f, v, &format!("{dot}own")),
    };
    let relations = match object.get("relations") {
        None => Some(Vec::new()),
        Some(Value::Array(list)) if list.len() <= MAX_RELATIONS => read_all(
            list.iter()
                .enumerate()
                .map(|(i, r)| relation(f, r, &format!("{dot}relations[{i}]"))),
        ),
        Some(_) => {
            f.error(
                "relations",
                "expected_list",
                format!("een lijst van hoogstens {MAX_RELATIONS} ondernemingen."),
            );
            None
        }
    };
    Some(YearFigures {
        own: own?,
        relations: relations?,
    })
}

fn figures(f: &mut Fields, value: &Value, path: &str) -> Option<Figures> {
    let mut inner = match Fields::nested(value, path, FIGURE_FIELDS) {
        Ok(inner) => inner,
        Err(errors) => {
            f.extend(errors);
            return None;
        }
    };
    let mut read = |field: &str, max: Decimal, hint: &str| {
        let raw = inner.required_str(field)?;
        let parsed = parse_figure(raw, max);
        if parsed.is_none() {
            inner.error(field, "invalid_figure", hint);
        }
        parsed
    };
    let staff = read(
        "staff_awu",
        Figures::MAX_STAFF_AWU,
        "een aantal jaararbeidseenheden als tekst, hoogstens twee decimalen, bv. \"12.5\".",
    );
    let turnover = read(
        "turnover",
        Figures::MAX_EURO,
        "een bedrag in euro als tekst, hoogstens twee decimalen, bv. \"1800000.00\".",
    );
    let balance = read(
        "balance_sheet_total",
        Figures::MAX_EURO,
        "een bedrag in euro als tekst, hoogstens twee decimalen, bv. \"900000.00\".",
    );
    if let Err(errors) = inner.finish() {
        f.extend(errors);
        return None;
    }
    // Within the bounds and never negative by the pattern, so `new` accepts them.
    Figures::new(staff?, turnover?, balance?).ok()
}

fn relation(f: &mut Fields, value: &Value, path: &str) -> Option<Relation> {
    let mut inner = match Fields::nested(value, path, RELATION_FIELDS) {
        Ok(inner) => inner,
        Err(errors) => {
            f.extend(errors);
            return None;
        }
    };
    let share = inner.required_str("share").and_then(|raw| {
        let share = crate::api::registration::parse_percent(raw);
        if share.is_none() {
            inner.error(
                "share",
                "invalid_share",
                "een percentage van 0 tot 100 als tekst, hoogstens twee decimalen, bv. \"30\".",
            );
        }
        share
    });
    let control = match inner.present("control") {
        None => Some(false),
        Some(_) => inner.required_bool("control"),
    };
    let figures_value = inner.present("figures");
    if figures_value.is_none() {
        inner.error("figures", "required", "dit veld is verplicht.");
    }
    let own_fields_ok = match inner.finish() {
        Ok(()) => true,
        Err(errors) => {
            f.extend(errors);
            false
        }
    };
    let figures = figures_value.and_then(|v| figures(f, v, &format!("{path}.figures")));
    if !own_fields_ok {
        return None;
    }
    Some(Relation {
        share: share?,
        control: control?,
        figures: figures?,
    })
}

/// The size of this year's figures and, with earlier years, the size the two-year rule keeps.
pub fn answer(q: &SizeQuestion) -> SizeAnswer {
    let assessment = assess_size(&q.year.own, &q.year.relations);
    if q.earlier_years.is_empty() {
        return SizeAnswer {
            established_size: assessment.size,
            assessment,
            two_year_rule: None,
        };
    }
    let mut years: Vec<EnterpriseSize> = q
        .earlier_years
        .iter()
        .map(|y| assess_size(&y.own, &y.relations).size)
        .collect();
    years.push(assessment.size);
    let previous = q.size_so_far.unwrap_or(years[0]);
    let established = established_size(previous, &years);
    let listed: Vec<&str> = years.iter().map(|s| s.in_sentence_nl()).collect();
    let message = if established == assessment.size {
        format!(
            "Uw onderneming is een {}: de cijfers van de boekjaren (het oudste eerst: {}) \
             bevestigen die grootte.",
            established.in_sentence_nl(),
            listed.join(", ")
        )
    } else {
        format!(
            "Uw onderneming blijft een {}: een onderneming verandert pas van grootte als haar \
             cijfers twee opeenvolgende boekjaren boven of onder de drempels liggen (boekjaren, \
             het oudste eerst: {}).",
            established.in_sentence_nl(),
            listed.join(", ")
        )
    };
    SizeAnswer {
        established_size: established,
        assessment,
        two_year_rule: Some(Note::new("two_year_rule", message)),
    }
}

/// 003 "Bevestig grootte onderneming": the size declared on honour. With the figures it gave,
/// the enterprise declares the size they establish (the system proposes it, manual 003); a
/// declaration against its own figures is refused.
pub fn check_declaration(
    size: EnterpriseSize,
    figures: Option<&SizeQuestion>,
) -> Result<(), Reason> {
    let Some(q) = figures else {
        return Ok(());
    };
    let established = answer(q).established_size;
    if established == size {
        return Ok(());
    }
    Err(Reason::new(
        "size_differs_from_figures",
        format!(
            "Volgens de cijfers die u invulde, is uw onderneming een {}, geen {}. Controleer de \
             cijfers of bevestig de grootte die eruit volgt.",
            established.in_sentence_nl(),
            size.in_sentence_nl()
        ),
    ))
}

/// The wizard's fields as a person types them (the public page and the portal): amounts in
/// Belgian notation (`1.800.000,00`), staff with a decimal comma (`12,5`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedSize {
    pub own: TypedFigures,
    pub relations: Vec<TypedRelation>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedFigures {
    pub staff_awu: String,
    pub turnover: String,
    pub balance_sheet_total: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedRelation {
    pub share: String,
    pub control: bool,
    pub figures: TypedFigures,
}

/// What the typed wizard shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SizeOutcome {
    /// Not all of the enterprise's own figures typed yet.
    Empty,
    /// Fields the rules cannot read, each named (`relations[0].share`).
    Invalid(Vec<FieldError>),
    Assessed(Box<SizeAnswer>),
}

impl TypedFigures {
    fn request(&self) -> FiguresInput {
        // A typed number: Belgian thousands points and decimal comma become the API form;
        // anything else is passed on, so the parser names it.
        let number = |s: &str| crate::money::api_form_nl(s).unwrap_or_else(|| s.trim().into());
        FiguresInput {
            staff_awu: number(&self.staff_awu),
            turnover: number(&self.turnover),
            balance_sheet_total: number(&self.balance_sheet_total),
        }
    }

    /// The figures as the API form holds them, typed the Belgian way again (`1800000,00`).
    fn from_request(f: &FiguresInput) -> TypedFigures {
        let typed = |s: &str| s.replace('.', ",");
        TypedFigures {
            staff_awu: typed(&f.staff_awu),
            turnover: typed(&f.turnover),
            balance_sheet_total: typed(&f.balance_sheet_total),
        }
    }

    fn is_empty(&self) -> bool {
        [&self.staff_awu, &self.turnover, &self.balance_sheet_total]
            .iter()
            .any(|s| s.trim().is_empty())
    }
}

impl TypedSize {
    /// The API body of `POST /api/v1/size-assessment` (and the `figures` of the portal's size
    /// declaration).
    pub fn request(&self) -> SizeAssessmentRequest {
        let relations = self
            .relations
            .iter()
            .map(|r| RelationInput {
                share: r.share.trim().replace(',', "."),
                control: Some(r.control),
                figures: r.figures.request(),
            })
            .collect();
        SizeAssessmentRequest {
            own: self.own.request(),
            relations: Some(relations),
            earlier_years: None,
            size_so_far: None,
        }
    }

    /// The fields filled in with figures given before (the enterprise's declaration).
    pub fn from_request(r: &SizeAssessmentRequest) -> TypedSize {
        let relations = r.relations.as_deref().unwrap_or_default();
        TypedSize {
            own: TypedFigures::from_request(&r.own),
            relations: relations
                .iter()
                .map(|x| TypedRelation {
                    share: x.share.replace('.', ","),
                    control: x.control.unwrap_or(false),
                    figures: TypedFigures::from_request(&x.figures),
                })
                .collect(),
        }
    }

    /// Not all of the enterprise's own figures are typed yet.
    pub fn is_empty(&self) -> bool {
        self.own.is_empty()
    }

    /// The same parse and answer as the API.
    pub fn evaluate(&self) -> SizeOutcome {
        if self.own.is_empty() {
            return SizeOutcome::Empty;
        }
        let body = serde_json::to_value(self.request()).unwrap_or_default();
        match SizeQuestion::from_json(&body) {
            Ok(q) => SizeOutcome::Assessed(Box::new(answer(&q))),
            Err(errors) => SizeOutcome::Invalid(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ask(body: Value) -> SizeAnswer {
        answer(&SizeQuestion::from_json(&body).expect("well-formed"))
    }

    fn errors(body: Value) -> Vec<(String, &'static str)> {
        SizeQuestion::from_json(&body)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    fn figures(staff: &str, turnover: &str, balance: &str) -> Value {
        json!({ "staff_awu": staff, "turnover": turnover, "balance_sheet_total": balance })
    }

    #[test]
    fn the_issue_example_counts_a_30_percent_partner_in_proportion() {
        // Own 12.5 AWU, € 1.8 m; a partner at 30 % with 140 AWU adds 42: 54.5 AWU is not below
        // 50, so medium.
        let a = ask(json!({
            "own": figures("12.5", "1800000.00", "900000.00"),
            "relations": [ { "share": "30", "control": false,
                             "figures": figures("140", "20000000", "9000000") } ]
        }));
        assert_eq!(a.assessment.size, EnterpriseSize::Medium);
        assert_eq!(a.established_size, EnterpriseSize::Medium);
        assert_eq!(
            a.assessment.combined.staff_awu.normalize().to_string(),
            "54.5"
        );
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(v["relations"][0]["kind"], "partner");
        assert_eq!(v["summary"]["code"], "size_medium");
        assert!(v.get("two_year_rule").is_none());
    }

    #[test]
    fn one_year_over_the_ceilings_keeps_the_size_two_years_change_it() {
        let small = figures("10", "1000000", "1000000");
        let medium = figures("60", "1000000", "1000000");
        let kept = ask(
            json!({ "own": medium, "earlier_years": [ { "own": small } ],
                               "size_so_far": "small" }),
        );
        assert_eq!(kept.assessment.size, EnterpriseSize::Medium);
        assert_eq!(kept.established_size, EnterpriseSize::Small);
        let note = kept.two_year_rule.unwrap();
        assert!(note
            .message
            .starts_with("Uw onderneming blijft een kleine onderneming"));
        let changed = ask(
            json!({ "own": medium, "earlier_years": [ { "own": medium } ],
                                  "size_so_far": "small" }),
        );
        assert_eq!(changed.established_size, EnterpriseSize::Medium);
    }

    #[test]
    fn every_wrong_field_is_named_with_its_path() {
        assert_eq!(
            errors(json!({
                "own": { "staff_awu": "-1", "turnover": "1.234", "balance_sheet_total": 5 },
                "relations": [ { "share": "130", "figures": figures("1", "1", "1") },
                               { "share": "30", "control": "no", "figures": {} } ],
                "earlier_years": {},
                "size_so_far": "huge",
                "extra": 1
            })),
            [
                ("own.staff_awu".to_string(), "invalid_figure"),
                ("own.turnover".to_string(), "invalid_figure"),
                ("own.balance_sheet_total".to_string(), "expected_string"),
                ("relations[0].share".to_string(), "invalid_share"),
                ("relations[1].control".to_string(), "expected_boolean"),
                ("relations[1].figures.staff_awu".to_string(), "required"),
                ("relations[1].figures.turnover".to_string(), "required"),
                (
                    "relations[1].figures.balance_sheet_total".to_string(),
                    "required"
                ),
                ("earlier_years".to_string(), "expected_list"),
                ("size_so_far".to_string(), "unknown_value"),
                ("extra".to_string(), "unknown_field"),
            ]
        );
        assert_eq!(errors(json!({})), [("own".to_string(), "required")]);
    }

    #[test]
    fn typed_belgian_figures_assess_like_the_api() {
        let typed = TypedSize {
            own: TypedFigures {
                staff_awu: "12,5".into(),
                turnover: "1.800.000,00".into(),
                balance_sheet_total: "900000".into(),
            },
            relations: vec![TypedRelation {
                share: "30".into(),
                control: false,
                figures: TypedFigures {
                    staff_awu: "140".into(),
                    turnover: "20.000.000".into(),
                    balance_sheet_total: "9.000.000".into(),
                },
            }],
        };
        let body = typed.request();
        assert_eq!(body.own.staff_awu, "12.5");
        assert_eq!(body.own.turnover, "1800000.00");
        let relations = body.relations.as_deref().unwrap();
        assert_eq!(relations[0].figures.turnover, "20000000");
        // Figures given before fill the fields in again, typed the Belgian way.
        let again = TypedSize::from_request(&body);
        assert_eq!(again.own.staff_awu, "12,5");
        assert_eq!(again.own.turnover, "1800000,00");
        assert_eq!(again.request(), body);
        let SizeOutcome::Assessed(a) = typed.evaluate() else {
            panic!("assessed");
        };
        assert_eq!(a.established_size, EnterpriseSize::Medium);
        let wrong = TypedSize {
            relations: vec![TypedRelation {
                share: "veel".into(),
                ..typed.relations[0].clone()
            }],
            ..typed.clone()
        };
        assert!(matches!(wrong.evaluate(),
            SizeOutcome::Invalid(e) if e[0].field == "relations[0].share"));
        assert_eq!(TypedSize::default().evaluate(), SizeOutcome::Empty);
    }

    /// 003: the system proposes the size from the figures; declaring another is refused.
    #[test]
    fn a_declaration_with_figures_is_the_size_they_establish() {
        let medium = json!({
            "own": { "staff_awu": "60", "turnover": "12000000.00", "balance_sheet_total": "9000000.00" }
        });
        let q = SizeQuestion::from_json(&medium).unwrap();
        assert_eq!(check_declaration(EnterpriseSize::Medium, Some(&q)), Ok(()));
        let refused = check_declaration(EnterpriseSize::Small, Some(&q)).unwrap_err();
        assert_eq!(refused.code, "size_differs_from_figures");
        assert!(
            refused
                .message
                .contains("middelgrote onderneming, geen kleine"),
            "{}",
            refused.message
        );
        // Without figures, the declaration on honour stands alone.
        assert_eq!(check_declaration(EnterpriseSize::Small, None), Ok(()));
    }

    #[test]
    fn a_question_inside_a_larger_body_names_its_fields_by_their_whole_path() {
        let body = json!({
            "own": { "staff_awu": "12.5", "turnover": "veel", "balance_sheet_total": "1.00" },
            "relations": [{ "share": "30", "figures": { "staff_awu": "1" } }],
            "earlier_years": [{ "own": { "staff_awu": "-1", "turnover": "1", "balance_sheet_total": "1" } }]
        });
        let errors = SizeQuestion::from_json_at(&body, "figures").unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        for expected in [
            "figures.own.turnover",
            "figures.relations[0].figures.turnover",
            "figures.relations[0].figures.balance_sheet_total",
            "figures.earlier_years[0].own.staff_awu",
        ] {
            assert!(fields.contains(&expected), "{expected} in {fields:?}");
        }
        let not_an_object = SizeQuestion::from_json_at(&json!("12"), "figures").unwrap_err();
        assert_eq!(not_an_object[0].field, "figures");
    }

    #[test]
    fn figures_are_text_with_at_most_two_decimals_and_no_sign() {
        let max = Figures::MAX_EURO;
        assert_eq!(parse_figure("0", max), Some(Decimal::ZERO));
        assert_eq!(
            parse_figure("12.5", max).map(|d| d.to_string()),
            Some("12.5".into())
        );
        for wrong in [
            "", "-0", "+1", "01", "1.", ".5", "1.234", "1e3", " 1", "1,5",
        ] {
            assert_eq!(parse_figure(wrong, max), None, "{wrong:?}");
        }
        assert_eq!(parse_figure("10000000.01", Figures::MAX_STAFF_AWU), None);
        assert!(parse_figure("1000000000000000", max).is_some());
        assert_eq!(parse_figure("1000000000000000.01", max), None);
    }
}
