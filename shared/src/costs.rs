//! Which costs of a service count (aanvaardbare kosten). RULES.md §4; seeds 001, 002.
//!
//! Every amount is excl. VAT (001: "altijd exclusief btw"). The fee counts; the provider's
//! travel costs and catering count when functionally tied to the training, catering at most
//! € 25 per person per day; course material only when used exclusively during the training;
//! exam fees never. The eligible cost must reach the regime's minimum (€ 100 excl. VAT).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use serde_json::Value;

use crate::error::{FieldError, Note, Reason};
use crate::form::Fields;
use crate::format;
use crate::money::Money;
use crate::regime::Regime;

/// Catering counts up to € 25 per person per day (001). Not part of [`Regime`]: no source
/// dates a change of it.
pub const CATERING_LIMIT_PER_PERSON_PER_DAY: Money = Money::from_whole_euro(25);

/// Catering costs (cateringkosten), excl. VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catering {
    pub total: Money,
    /// Training days with catering.
    pub days: u32,
    /// Persons catered for.
    pub persons: u32,
    /// In a functional relation with the training (001).
    pub functionally_tied: bool,
}

/// Course material (cursusmateriaal), excl. VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseMaterial {
    pub amount: Money,
    /// Used exclusively during the training (001).
    pub used_only_during_training: bool,
}

/// The provider's travel costs (verplaatsingskosten van de opleidingsverstrekker), excl. VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderTravel {
    pub amount: Money,
    /// In a functional relation with the training (001).
    pub functionally_tied: bool,
}

/// The costs of one service as on the enrolment or contract, every amount excl. VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostBreakdown {
    /// The enrolment fee or the advice fee (inschrijvingsgeld, honorarium).
    pub fee: Money,
    #[serde(default)]
    pub catering: Option<Catering>,
    #[serde(default)]
    pub course_material: Option<CourseMaterial>,
    #[serde(default)]
    pub travel: Option<ProviderTravel>,
    /// Examenkosten: listed so they can be shown as excluded.
    #[serde(default)]
    pub exam_fees: Option<Money>,
}

/// Most catering days and persons one breakdown states; more is a typing error.
pub const MAX_CATERING_DAYS: u32 = 366;
pub const MAX_CATERING_PERSONS: u32 = 1_000;

const FIELDS: &[(&str, &str)] = &[
    ("fee", CostKind::Fee.label_nl()),
    ("catering", CostKind::Catering.label_nl()),
    ("course_material", CostKind::CourseMaterial.label_nl()),
    ("travel", CostKind::Travel.label_nl()),
    ("exam_fees", CostKind::ExamFees.label_nl()),
];
const CATERING_FIELDS: &[(&str, &str)] = &[
    ("total", "Catering: totaal"),
    ("days", "Catering: aantal dagen"),
    ("persons", "Catering: aantal personen"),
    (
        "functionally_tied",
        "Catering: functioneel verbonden met de opleiding",
    ),
];
const MATERIAL_FIELDS: &[(&str, &str)] = &[
    ("amount", "Cursusmateriaal: bedrag"),
    (
        "used_only_during_training",
        "Cursusmateriaal: enkel tijdens de opleiding gebruikt",
    ),
];
const TRAVEL_FIELDS: &[(&str, &str)] = &[
    ("amount", "Verplaatsingskosten: bedrag"),
    (
        "functionally_tied",
        "Verplaatsingskosten: functioneel verbonden met de opleiding",
    ),
];

impl CostBreakdown {
    /// Reads the breakdown named `field` of a request body (`costs`), every amount in the API
    /// form ([`Money::parse_api`]); every wrong field is named (`costs.catering.days`).
    pub fn from_json(value: &Value, field: &str) -> Result<CostBreakdown, Vec<FieldError>> {
        let mut f = Fields::nested(value, field, FIELDS)?;
        let fee = f.required_money("fee");
        let catering = nested(&mut f, "catering", CATERING_FIELDS, |c| {
            let total = c.required_money("total");
            let days = c.required_count("days", 1, MAX_CATERING_DAYS);
            let persons = c.required_count("persons", 1, MAX_CATERING_PERSONS);
            let tied = c.required_bool("functionally_tied");
            Some(Catering {
                total: total?,
                days: days?,
                persons: persons?,
                functionally_tied: tied?,
            })
        });
        let course_material = nested(&mut f, "course_material", MATERIAL_FIELDS, |c| {
            let amount = c.required_money("amount");
            let only = c.required_bool("used_only_during_training");
            Some(CourseMaterial {
                amount: amount?,
                used_only_during_training: only?,
            })
        });
        let travel = nested(&mut f, "travel", TRAVEL_FIELDS, |c| {
            let amount = c.required_money("amount");
            let tied = c.required_bool("functionally_tied");
            Some(ProviderTravel {
                amount: amount?,
                functionally_tied: tied?,
            })
        });
        let exam_fees = match f.present("exam_fees") {
            None => None,
            Some(Value::Null) => {
                f.error(
                    "exam_fees",
                    "expected_string",
                    "verwacht een bedrag als tekst.",
                );
                None
            }
            Some(_) => f.optional_money("exam_fees"),
        };
        let exam_ok = exam_fees.is_some() || f.present("exam_fees").is_none();
        f.finish()?;
        match (fee, catering, course_material, travel, exam_ok) {
            (Some(fee), Some(catering), Some(course_material), Some(travel), true) => {
                Ok(CostBreakdown {
                    fee,
                    catering,
                    course_material,
                    travel,
                    exam_fees,
                })
            }
            // Every None above recorded an error, so finish() already returned them.
            _ => Err(vec![FieldError::new(
                field,
                "invalid_request",
                "Ongeldige kosten.",
            )]),
        }
    }
}

impl CostBreakdown {
    /// Everything claimed, what counts or not, at most [`Money::MAX`] (a larger sum is refused
    /// by [`assess_costs`] as `cost_too_large`).
    pub fn claimed(&self) -> Money {
        [
            Some(self.fee),
            self.catering.map(|c| c.total),
            self.course_material.map(|m| m.amount),
            self.travel.map(|t| t.amount),
            self.exam_fees,
        ]
        .into_iter()
        .flatten()
        .fold(Money::ZERO, |sum, m| {
            sum.checked_add(m).unwrap_or(Money::MAX)
        })
    }
}

/// Exactly one of `cost` (one eligible cost) and `costs` (a breakdown by kind): the cost as
/// entered, or the breakdown's claimed total with the breakdown. `None` when either is wrong or
/// both or neither are given (the error recorded in `f`).
pub fn cost_or_breakdown(f: &mut Fields) -> (Option<Money>, Option<CostBreakdown>) {
    // Presence is the key, `null` included: the schema allows exactly one of the two keys.
    match f.present("costs") {
        None => (f.required_money("cost"), None),
        Some(_) if f.present("cost").is_some() => {
            f.error(
                "costs",
                "cost_and_costs",
                "geef ofwel één kost (cost), ofwel de kosten opgesplitst (costs), niet beide.",
            );
            (None, None)
        }
        Some(value) => match CostBreakdown::from_json(value, &f.path("costs")) {
            Ok(b) => (Some(b.claimed()), Some(b)),
            Err(errors) => {
                f.extend(errors);
                (None, None)
            }
        },
    }
}

/// A breakdown as a person types it ("Kosten opsplitsen" in the simulator and the wizard):
/// amounts in Belgian notation, counts as text. Empty amounts leave their kind out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TypedCosts {
    pub fee: String,
    pub catering: String,
    pub catering_days: String,
    pub catering_persons: String,
    pub catering_tied: bool,
    pub course_material: String,
    pub material_only_during_training: bool,
    pub travel: String,
    pub travel_tied: bool,
    pub exam_fees: String,
}

impl TypedCosts {
    /// The API's `costs` object. Text that is no amount or count is passed on as typed, so
    /// [`CostBreakdown::from_json`] names what is wrong with it (`costs.catering.days`).
    pub fn to_request(&self) -> Value {
        // Built by hand, not with `json!`: that links serde_json's value serializer into the
        // simulator and the widget.
        let money = |s: &str| {
            Value::String(match Money::parse_nl(s) {
                Ok(m) => m.to_string(),
                Err(_) => s.trim().to_string(),
            })
        };
        let count = |s: &str| match s.trim().parse::<u32>() {
            Ok(n) => Value::from(n),
            Err(_) => Value::String(s.trim().to_string()),
        };
        let object = |fields: Vec<(&str, Value)>| {
            Value::Object(
                fields
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect(),
            )
        };
        let given = |s: &str| !s.trim().is_empty();
        let mut costs = vec![("fee", money(&self.fee))];
        if given(&self.catering) {
            costs.push((
                "catering",
                object(vec![
                    ("total", money(&self.catering)),
                    ("days", count(&self.catering_days)),
                    ("persons", count(&self.catering_persons)),
                    ("functionally_tied", Value::Bool(self.catering_tied)),
                ]),
            ));
        }
        if given(&self.course_material) {
            costs.push((
                "course_material",
                object(vec![
                    ("amount", money(&self.course_material)),
                    (
                        "used_only_during_training",
                        Value::Bool(self.material_only_during_training),
                    ),
                ]),
            ));
        }
        if given(&self.travel) {
            costs.push((
                "travel",
                object(vec![
                    ("amount", money(&self.travel)),
                    ("functionally_tied", Value::Bool(self.travel_tied)),
                ]),
            ));
        }
        if given(&self.exam_fees) {
            costs.push(("exam_fees", money(&self.exam_fees)));
        }
        object(costs)
    }
}

/// An optional object of the breakdown: `Some(None)` when absent, `None` when wrong (its errors
/// recorded in `f`).
fn nested<T>(
    f: &mut Fields,
    field: &str,
    labels: &'static [(&'static str, &'static str)],
    read: impl FnOnce(&mut Fields) -> Option<T>,
) -> Option<Option<T>> {
    // `null` is no object: the schema has these objects or nothing.
    let Some(value) = f.present(field) else {
        return Some(None);
    };
    let path = f.path(field);
    let mut inner = match Fields::nested(value, &path, labels) {
        Ok(inner) => inner,
        Err(errors) => {
            f.extend(errors);
            return None;
        }
    };
    let read = read(&mut inner);
    match inner.finish() {
        Ok(()) => read.map(Some),
        Err(errors) => {
            f.extend(errors);
            None
        }
    }
}

/// The kind of a cost line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CostKind {
    Fee,
    Catering,
    CourseMaterial,
    Travel,
    ExamFees,
}

impl CostKind {
    /// The stable code, as serialized.
    pub fn id(self) -> &'static str {
        match self {
            CostKind::Fee => "fee",
            CostKind::Catering => "catering",
            CostKind::CourseMaterial => "course_material",
            CostKind::Travel => "travel",
            CostKind::ExamFees => "exam_fees",
        }
    }

    /// The kind as a person reads it.
    pub const fn label_nl(self) -> &'static str {
        match self {
            CostKind::Fee => "Inschrijvingsgeld of honorarium",
            CostKind::Catering => "Catering",
            CostKind::CourseMaterial => "Cursusmateriaal",
            CostKind::Travel => "Verplaatsingskosten dienstverlener",
            CostKind::ExamFees => "Examenkosten",
        }
    }
}

/// One line of the breakdown: what was claimed, what counts, and why a part does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CostLine {
    pub kind: CostKind,
    pub claimed: Money,
    pub eligible: Money,
    /// Why (part of) the claimed amount does not count; absent when all of it counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<crate::api::Reason>,
}

/// The eligible cost ("Kost van de inschrijving exclusief de niet-toegestane kosten en
/// exclusief btw", 003 step 2) with how it was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CostAssessment {
    pub eligible_cost: Money,
    /// One line per cost given, fee first, each with why a part of it does not count (which
    /// does not refuse the service).
    pub lines: Vec<CostLine>,
    /// Why the service is refused on its costs (below the minimum); empty when it is not.
    pub reasons: Vec<Reason>,
    pub notes: Vec<Note>,
}

/// The part of the catering that counts, at most € 25 per person per day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CateringAssessment {
    pub eligible: Money,
    /// € 25 × days × persons (capped at [`Money::MAX`]).
    pub limit: Money,
    /// Set when the total is above the limit.
    pub reason: Option<Reason>,
}

/// Catering limited to € 25 per person per day (001).
pub fn eligible_catering(total: Money, days: u32, persons: u32) -> CateringAssessment {
    let limit = Money::round_down(
        CATERING_LIMIT_PER_PERSON_PER_DAY.amount() * Decimal::from(days) * Decimal::from(persons),
    );
    if total <= limit {
        return CateringAssessment {
            eligible: total,
            limit,
            reason: None,
        };
    }
    CateringAssessment {
        eligible: limit,
        limit,
        reason: Some(Reason::new(
            "catering_above_limit",
            format!(
                "Catering telt mee tot {} per persoon per dag: voor {persons} {} en {days} {} \
                 is dat hoogstens {}. {} van {} komt niet in aanmerking.",
                format::euro(CATERING_LIMIT_PER_PERSON_PER_DAY),
                if persons == 1 { "persoon" } else { "personen" },
                if days == 1 { "dag" } else { "dagen" },
                format::euro(limit),
                format::euro(total.saturating_sub(limit)),
                format::euro(total)
            ),
        )),
    }
}

/// The minimum eligible cost excl. VAT of the regime (RULES.md §4; 001, 002: EUR 100).
pub fn meets_minimum(cost: Money, regime: &Regime) -> Result<(), Reason> {
    if cost >= regime.minimum_cost {
        Ok(())
    } else {
        Err(Reason::new(
            "cost_below_minimum",
            format!(
                "De kost moet minstens {} exclusief btw bedragen.",
                format::euro(regime.minimum_cost)
            ),
        ))
    }
}

/// The eligible cost of `costs` under `regime` (for its minimum cost).
pub fn assess_costs(costs: &CostBreakdown, regime: &Regime) -> CostAssessment {
    let mut lines = vec![line(CostKind::Fee, costs.fee, costs.fee, None)];
    if let Some(c) = costs.catering {
        lines.push(if c.functionally_tied {
            let a = eligible_catering(c.total, c.days, c.persons);
            line(CostKind::Catering, c.total, a.eligible, a.reason)
        } else {
            refused(
                CostKind::Catering,
                "catering_not_tied",
                "Cateringkosten komen enkel in aanmerking als ze in een functionele relatie \
                 staan met de opleiding",
                c.total,
            )
        });
    }
    if let Some(m) = costs.course_material {
        lines.push(if m.used_only_during_training {
            line(CostKind::CourseMaterial, m.amount, m.amount, None)
        } else {
            refused(
                CostKind::CourseMaterial,
                "course_material_not_exclusive",
                "Cursusmateriaal komt enkel in aanmerking als het uitsluitend tijdens de \
                 opleiding gebruikt wordt",
                m.amount,
            )
        });
    }
    if let Some(t) = costs.travel {
        lines.push(if t.functionally_tied {
            line(CostKind::Travel, t.amount, t.amount, None)
        } else {
            refused(
                CostKind::Travel,
                "travel_not_tied",
                "Verplaatsingskosten van de dienstverlener komen enkel in aanmerking als ze in \
                 een functionele relatie staan met de opleiding",
                t.amount,
            )
        });
    }
    if let Some(exam) = costs.exam_fees {
        lines.push(refused(
            CostKind::ExamFees,
            "exam_fees_excluded",
            "Examenkosten komen nooit in aanmerking",
            exam,
        ));
    }

    // Summed as money: a sum beyond the range of one amount is refused, not wrapped.
    let total = lines
        .iter()
        .try_fold(Money::ZERO, |sum, l| sum.checked_add(l.eligible));
    let eligible_cost = total.unwrap_or(Money::MAX);
    let mut reasons = Vec::new();
    if total.is_none() {
        reasons.push(Reason::new(
            "cost_too_large",
            format!(
                "De aanvaardbare kost mag niet hoger zijn dan {}.",
                format::euro(Money::MAX)
            ),
        ));
    }
    if eligible_cost < regime.minimum_cost {
        reasons.push(Reason::new(
            "cost_below_minimum",
            format!(
                "De aanvaardbare kost moet minstens {} exclusief btw bedragen; zonder de kosten \
                 die niet in aanmerking komen is dat {}.",
                format::euro(regime.minimum_cost),
                format::euro(eligible_cost)
            ),
        ));
    }
    CostAssessment {
        eligible_cost,
        lines,
        reasons,
        notes: vec![Note::new(
            "excl_vat",
            "Alle kosten voor de kmo-portefeuille zijn exclusief btw.",
        )],
    }
}

fn line(kind: CostKind, claimed: Money, eligible: Money, reason: Option<Reason>) -> CostLine {
    CostLine {
        kind,
        claimed,
        eligible,
        reason: reason.as_ref().map(crate::api::Reason::from),
    }
}

/// A line of which nothing counts; a zero amount excludes nothing, so says nothing.
fn refused(kind: CostKind, code: &'static str, rule: &str, amount: Money) -> CostLine {
    let reason = (!amount.is_zero()).then(|| {
        Reason::new(
            code,
            format!("{rule}: {} telt niet mee.", format::euro(amount)),
        )
    });
    line(kind, amount, Money::ZERO, reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    /// Why parts of the claimed costs do not count, line by line.
    fn excluded_parts(a: &CostAssessment) -> impl Iterator<Item = &crate::api::Reason> {
        a.lines.iter().filter_map(|l| l.reason.as_ref())
    }

    fn regime() -> &'static Regime {
        Regime::on(NaiveDate::from_ymd_opt(2025, 5, 31).unwrap()).unwrap()
    }

    fn fee(amount: &str) -> CostBreakdown {
        CostBreakdown {
            fee: m(amount),
            catering: None,
            course_material: None,
            travel: None,
            exam_fees: None,
        }
    }

    fn catering(total: &str, days: u32, persons: u32, tied: bool) -> Option<Catering> {
        Some(Catering {
            total: m(total),
            days,
            persons,
            functionally_tied: tied,
        })
    }

    #[test]
    fn catering_limit_table() {
        for (total, days, persons, eligible, over) in [
            ("25.00", 1, 1, "25.00", false),
            ("25.01", 1, 1, "25.00", true),
            ("150.00", 2, 3, "150.00", false),
            ("150.01", 2, 3, "150.00", true),
            ("400.00", 2, 3, "150.00", true),
            ("10.00", 0, 3, "0.00", true),
            ("0.00", 0, 0, "0.00", false),
        ] {
            let a = eligible_catering(m(total), days, persons);
            assert_eq!(a.eligible, m(eligible), "{total} {days}d {persons}p");
            assert_eq!(a.reason.is_some(), over, "{total} {days}d {persons}p");
        }
    }

    #[test]
    fn catering_of_25_euro_per_person_per_day_counts_in_full() {
        let a = eligible_catering(m("25.00"), 1, 1);
        assert_eq!(a.eligible, m("25.00"));
        assert_eq!(a.reason, None);
    }

    #[test]
    fn catering_of_25_01_per_person_per_day_is_capped_with_a_reason() {
        let a = eligible_catering(m("25.01"), 1, 1);
        assert_eq!(a.eligible, m("25.00"));
        let r = a.reason.unwrap();
        assert_eq!(r.code, "catering_above_limit");
        assert_eq!(
            r.message,
            "Catering telt mee tot € 25,00 per persoon per dag: voor 1 persoon en 1 dag is dat \
             hoogstens € 25,00. € 0,01 van € 25,01 komt niet in aanmerking."
        );
    }

    #[test]
    fn the_catering_limit_never_overflows() {
        let a = eligible_catering(Money::MAX, u32::MAX, u32::MAX);
        assert_eq!(a.eligible, Money::MAX);
        assert_eq!(a.limit, Money::MAX);
    }

    #[test]
    fn minimum_cost_of_100_excl_vat_comes_from_the_regime() {
        assert_eq!(regime().minimum_cost, m("100"));
        assert!(assess_costs(&fee("100.00"), regime()).reasons.is_empty());
        let a = assess_costs(&fee("99.99"), regime());
        let codes: Vec<_> = a.reasons.iter().map(|r| r.code).collect();
        assert_eq!(codes, ["cost_below_minimum"]);
        assert_eq!(
            a.reasons[0].message,
            "De aanvaardbare kost moet minstens € 100,00 exclusief btw bedragen; zonder de \
             kosten die niet in aanmerking komen is dat € 99,99."
        );
    }

    #[test]
    fn exam_fees_never_count_even_to_reach_the_minimum() {
        let costs = CostBreakdown {
            exam_fees: Some(m("50.00")),
            ..fee("60.00")
        };
        let a = assess_costs(&costs, regime());
        assert_eq!(a.eligible_cost, m("60.00"));
        let reasons: Vec<_> = a.reasons.iter().map(|r| r.code).collect();
        assert_eq!(reasons, ["cost_below_minimum"]);
        let excluded: Vec<_> = excluded_parts(&a).map(|r| r.code.as_str()).collect();
        assert_eq!(excluded, ["exam_fees_excluded"]);
        assert_eq!(
            excluded_parts(&a).next().unwrap().message,
            "Examenkosten komen nooit in aanmerking: € 50,00 telt niet mee."
        );
    }

    #[test]
    fn each_cost_rule_table() {
        let cases: &[(&str, CostBreakdown, &str, &[&str])] = &[
            ("fee only", fee("980.00"), "980.00", &[]),
            (
                "tied catering within the limit",
                CostBreakdown {
                    catering: catering("100.00", 2, 2, true),
                    ..fee("500.00")
                },
                "600.00",
                &[],
            ),
            (
                "tied catering above the limit",
                CostBreakdown {
                    catering: catering("120.00", 2, 2, true),
                    ..fee("500.00")
                },
                "600.00",
                &["catering_above_limit"],
            ),
            (
                "catering not tied",
                CostBreakdown {
                    catering: catering("50.00", 2, 2, false),
                    ..fee("500.00")
                },
                "500.00",
                &["catering_not_tied"],
            ),
            (
                "course material used only during the training",
                CostBreakdown {
                    course_material: Some(CourseMaterial {
                        amount: m("40.00"),
                        used_only_during_training: true,
                    }),
                    ..fee("500.00")
                },
                "540.00",
                &[],
            ),
            (
                "course material kept afterwards",
                CostBreakdown {
                    course_material: Some(CourseMaterial {
                        amount: m("40.00"),
                        used_only_during_training: false,
                    }),
                    ..fee("500.00")
                },
                "500.00",
                &["course_material_not_exclusive"],
            ),
            (
                "travel tied",
                CostBreakdown {
                    travel: Some(ProviderTravel {
                        amount: m("35.50"),
                        functionally_tied: true,
                    }),
                    ..fee("500.00")
                },
                "535.50",
                &[],
            ),
            (
                "travel not tied",
                CostBreakdown {
                    travel: Some(ProviderTravel {
                        amount: m("35.50"),
                        functionally_tied: false,
                    }),
                    ..fee("500.00")
                },
                "500.00",
                &["travel_not_tied"],
            ),
            (
                "zero exam fees say nothing",
                CostBreakdown {
                    exam_fees: Some(Money::ZERO),
                    ..fee("500.00")
                },
                "500.00",
                &[],
            ),
        ];
        for (name, costs, eligible, excluded) in cases {
            let a = assess_costs(costs, regime());
            assert_eq!(a.eligible_cost, m(eligible), "{name}");
            let codes: Vec<_> = excluded_parts(&a).map(|r| r.code.as_str()).collect();
            assert_eq!(codes, *excluded, "{name}");
            assert!(a.reasons.is_empty(), "{name}");
        }
    }

    #[test]
    fn the_breakdown_lists_every_line_and_says_excl_vat() {
        let costs = CostBreakdown {
            fee: m("800.00"),
            catering: catering("60.00", 1, 2, true),
            course_material: Some(CourseMaterial {
                amount: m("30.00"),
                used_only_during_training: false,
            }),
            travel: Some(ProviderTravel {
                amount: m("20.00"),
                functionally_tied: true,
            }),
            exam_fees: Some(m("75.00")),
        };
        let a = assess_costs(&costs, regime());
        assert_eq!(a.eligible_cost, m("870.00"));
        let lines: Vec<_> = a
            .lines
            .iter()
            .map(|l| (l.kind, l.claimed.to_string(), l.eligible.to_string()))
            .collect();
        assert_eq!(
            lines,
            [
                (CostKind::Fee, "800.00".into(), "800.00".into()),
                (CostKind::Catering, "60.00".into(), "50.00".into()),
                (CostKind::CourseMaterial, "30.00".into(), "0.00".into()),
                (CostKind::Travel, "20.00".into(), "20.00".into()),
                (CostKind::ExamFees, "75.00".into(), "0.00".into()),
            ]
        );
        assert_eq!(a.notes[0].code, "excl_vat");
    }

    #[test]
    fn a_total_above_the_money_range_is_refused() {
        let costs = CostBreakdown {
            travel: Some(ProviderTravel {
                amount: Money::MAX,
                functionally_tied: true,
            }),
            ..fee("10000000.00")
        };
        let a = assess_costs(&costs, regime());
        assert_eq!(a.eligible_cost, Money::MAX);
        assert_eq!(a.reasons[0].code, "cost_too_large");
    }

    #[test]
    fn a_kinds_id_is_its_serialized_code() {
        for kind in [
            CostKind::Fee,
            CostKind::Catering,
            CostKind::CourseMaterial,
            CostKind::Travel,
            CostKind::ExamFees,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.id());
        }
    }

    #[test]
    fn the_breakdown_reads_from_json() {
        let costs: CostBreakdown = serde_json::from_str(
            r#"{ "fee": "500.00",
                 "catering": { "total": "75.00", "days": 1, "persons": 3, "functionally_tied": true },
                 "exam_fees": "20.00" }"#,
        )
        .unwrap();
        assert_eq!(assess_costs(&costs, regime()).eligible_cost, m("575.00"));
        assert!(serde_json::from_str::<CostBreakdown>(r#"{ "fee": "-1" }"#).is_err());
    }

    fn any_money() -> impl Strategy<Value = Money> {
        (0i64..=100_000_000).prop_map(|c| Money::from_cents(c).unwrap())
    }

    proptest! {
        #[test]
        fn eligible_catering_is_the_lesser_of_total_and_limit(
            total in any_money(),
            days in 0u32..30,
            persons in 0u32..50,
        ) {
            let a = eligible_catering(total, days, persons);
            let limit = Money::from_cents(2_500 * i64::from(days) * i64::from(persons)).unwrap();
            prop_assert_eq!(a.limit, limit);
            prop_assert_eq!(a.eligible, total.min(limit));
            prop_assert_eq!(a.reason.is_some(), total > limit);
        }

        #[test]
        fn eligible_cost_never_exceeds_what_was_claimed_and_ignores_exam_fees(
            fee_amount in any_money(),
            cat in any_money(),
            material in any_money(),
            travel in any_money(),
            exam in any_money(),
            flags in 0u8..8,
        ) {
            let costs = CostBreakdown {
                fee: fee_amount,
                catering: Some(Catering { total: cat, days: 2, persons: 2, functionally_tied: flags & 1 != 0 }),
                course_material: Some(CourseMaterial { amount: material, used_only_during_training: flags & 2 != 0 }),
                travel: Some(ProviderTravel { amount: travel, functionally_tied: flags & 4 != 0 }),
                exam_fees: Some(exam),
            };
            let a = assess_costs(&costs, regime());
            let claimed: Decimal = a.lines.iter().map(|l| l.claimed.amount()).sum();
            prop_assert!(a.eligible_cost.amount() <= claimed);
            prop_assert!(a.lines.iter().all(|l| l.eligible <= l.claimed));
            let without_exam = assess_costs(&CostBreakdown { exam_fees: None, ..costs }, regime());
            prop_assert_eq!(a.eligible_cost, without_exam.eligible_cost);
            prop_assert!(a.eligible_cost >= fee_amount);
        }
    }
}
