//! Enterprise size (ondernemingsgrootte) by the EU SME definition. RULES.md §3.
//!
//! [`assess_size`] computes the category of one financial year from the enterprise's figures
//! and those of its partner and linked enterprises; [`established_size`] applies the rule that a
//! category changes only after two consecutive years; [`size_for_year`] fixes the size for a
//! calendar year by its first application (003).

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{FieldError, Note};

/// The size category that decides the rate. Micro counts as small (RULES.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum EnterpriseSize {
    /// Kleine onderneming.
    Small,
    /// Middelgrote onderneming.
    Medium,
    /// Grote onderneming: not eligible.
    Large,
}

impl EnterpriseSize {
    pub const ALL: [EnterpriseSize; 3] = [
        EnterpriseSize::Small,
        EnterpriseSize::Medium,
        EnterpriseSize::Large,
    ];

    /// The API id.
    pub fn id(self) -> &'static str {
        match self {
            EnterpriseSize::Small => "small",
            EnterpriseSize::Medium => "medium",
            EnterpriseSize::Large => "large",
        }
    }

    pub fn parse(s: &str) -> Option<EnterpriseSize> {
        EnterpriseSize::ALL.into_iter().find(|t| t.id() == s)
    }

    /// Dutch label as in the manual ("Kleine Onderneming").
    pub fn label_nl(self) -> &'static str {
        match self {
            EnterpriseSize::Small => "Kleine onderneming",
            EnterpriseSize::Medium => "Middelgrote onderneming",
            EnterpriseSize::Large => "Grote onderneming",
        }
    }

    /// Inside a sentence: "een kleine onderneming" (no Unicode case tables in the bundles).
    pub fn in_sentence_nl(self) -> &'static str {
        match self {
            EnterpriseSize::Small => "kleine onderneming",
            EnterpriseSize::Medium => "middelgrote onderneming",
            EnterpriseSize::Large => "grote onderneming",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The EU SME definition: Commission Recommendation 2003/361/EC, Annex (RULES.md §3).
// ---------------------------------------------------------------------------------------------

/// A share of capital or voting rights (aandeel), `0 ..= 100` percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Share(Decimal);

/// Why a number is not a share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareError {
    /// Below 0 % or above 100 %.
    OutOfRange,
}

impl ShareError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        "share_out_of_range"
    }

    /// Dutch message for people.
    pub fn message(self) -> String {
        "Een aandeel ligt tussen 0 en 100 procent.".to_string()
    }
}

impl Share {
    /// A share of `percent` %, refused outside `0 ..= 100`.
    pub fn from_percent(percent: Decimal) -> Result<Share, ShareError> {
        if percent < Decimal::ZERO || percent > Decimal::ONE_HUNDRED {
            Err(ShareError::OutOfRange)
        } else {
            Ok(Share(percent.normalize()))
        }
    }

    /// The share in percent, `0 ..= 100`.
    pub fn percent(self) -> Decimal {
        self.0
    }
}

impl Serialize for Share {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for Share {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Share, D::Error> {
        let percent = <Decimal as Deserialize>::deserialize(d)?;
        Share::from_percent(percent).map_err(|e| serde::de::Error::custom(e.code()))
    }
}

/// The figures of one enterprise for one closed financial year (boekjaar), or the sum of an
/// enterprise and its partner and linked enterprises. Never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Figures {
    /// Staff headcount in annual work units (jaararbeidseenheden, JAE / AWU). Annex art. 5.
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "crate::api::schema::DecimalText")
    )]
    pub staff_awu: Decimal,
    /// Annual turnover (jaaromzet) in euro, excl. VAT.
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "crate::api::schema::DecimalText")
    )]
    pub turnover: Decimal,
    /// Annual balance sheet total (balanstotaal) in euro.
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "crate::api::schema::DecimalText")
    )]
    pub balance_sheet_total: Decimal,
}

/// The raw form of [`Figures`] as sent, before its checks.
#[derive(Deserialize)]
struct FiguresInput {
    staff_awu: Decimal,
    turnover: Decimal,
    balance_sheet_total: Decimal,
}

impl Figures {
    /// No enterprise, nor its group, comes near these; larger numbers are typing errors (and
    /// the bound keeps every sum of figures far from `Decimal`'s range).
    pub const MAX_STAFF_AWU: Decimal = Decimal::from_parts(10_000_000, 0, 0, false, 0);
    /// € 1.000.000.000.000.000 (10^15): see [`Figures::MAX_STAFF_AWU`].
    pub const MAX_EURO: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

    pub const ZERO: Figures = Figures {
        staff_awu: Decimal::ZERO,
        turnover: Decimal::ZERO,
        balance_sheet_total: Decimal::ZERO,
    };

    /// Checks every figure, naming each wrong field (`staff_awu`, `turnover`,
    /// `balance_sheet_total`).
    pub fn new(
        staff_awu: Decimal,
        turnover: Decimal,
        balance_sheet_total: Decimal,
    ) -> Result<Figures, Vec<FieldError>> {
        let mut errors = Vec::new();
        for (field, label, value, max) in [
            (
                "staff_awu",
                "Personeel (JAE)",
                staff_awu,
                Figures::MAX_STAFF_AWU,
            ),
            ("turnover", "Jaaromzet", turnover, Figures::MAX_EURO),
            (
                "balance_sheet_total",
                "Balanstotaal",
                balance_sheet_total,
                Figures::MAX_EURO,
            ),
        ] {
            if value.is_sign_negative() && !value.is_zero() {
                errors.push(FieldError::new(
                    field,
                    "negative_figure",
                    format!("{label}: mag niet negatief zijn."),
                ));
            } else if value > max {
                errors.push(FieldError::new(
                    field,
                    "figure_too_large",
                    format!("{label}: dit getal is onwaarschijnlijk groot."),
                ));
            }
        }
        if errors.is_empty() {
            Ok(Figures {
                staff_awu: staff_awu.abs(),
                turnover: turnover.abs(),
                balance_sheet_total: balance_sheet_total.abs(),
            })
        } else {
            Err(errors)
        }
    }

    /// `self + other × fraction` (fraction `0 ..= 1`).
    fn plus_part(self, other: &Figures, fraction: Decimal) -> Figures {
        Figures {
            staff_awu: self.staff_awu + other.staff_awu * fraction,
            turnover: self.turnover + other.turnover * fraction,
            balance_sheet_total: self.balance_sheet_total + other.balance_sheet_total * fraction,
        }
    }
}

impl<'de> Deserialize<'de> for Figures {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Figures, D::Error> {
        let raw = FiguresInput::deserialize(d)?;
        Figures::new(raw.staff_awu, raw.turnover, raw.balance_sheet_total).map_err(|errors| {
            let codes: Vec<&str> = errors.iter().map(|e| e.code).collect();
            serde::de::Error::custom(codes.join(", "))
        })
    }
}

/// Another enterprise whose figures count for the size (Annex art. 3 and 6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// The share of capital or voting rights, whichever is greater, that one enterprise holds
    /// in the other (either direction). Annex art. 6(2).
    pub share: Share,
    /// Control without a majority share: the right to appoint or dismiss the majority of the
    /// board, a dominant influence by contract or statutes, or control of the majority of the
    /// votes by agreement (Annex art. 3(3) b–d). Makes the enterprise linked whatever the share.
    #[serde(default)]
    pub control: bool,
    /// That enterprise's figures, including those of its own linked enterprises (art. 6(3)).
    pub figures: Figures,
}

/// How a related enterprise counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum RelationKind {
    /// Below 25 %: not counted (zelfstandige onderneming).
    Autonomous,
    /// 25 % up to and including 50 %: counted in proportion to the share (partneronderneming).
    Partner,
    /// Above 50 %, or control: counted in full (verbonden onderneming).
    Linked,
}

/// 25 %: from here on the other enterprise is a partner (Annex art. 3(2)).
const PARTNER_FROM: Decimal = Decimal::from_parts(25, 0, 0, false, 0);
/// 50 %: above this it holds the majority and is linked (Annex art. 3(3) a).
const LINKED_ABOVE: Decimal = Decimal::from_parts(50, 0, 0, false, 0);

impl Relation {
    pub fn kind(&self) -> RelationKind {
        let share = self.share.percent();
        if self.control || share > LINKED_ABOVE {
            RelationKind::Linked
        } else if share >= PARTNER_FROM {
            RelationKind::Partner
        } else {
            RelationKind::Autonomous
        }
    }

    /// The part of this enterprise's figures that counts, `0 ..= 1`.
    pub fn counted_fraction(&self) -> Decimal {
        match self.kind() {
            RelationKind::Autonomous => Decimal::ZERO,
            RelationKind::Partner => self.share.percent() / Decimal::ONE_HUNDRED,
            RelationKind::Linked => Decimal::ONE,
        }
    }
}

/// The ceilings of one size category (Annex art. 2). An enterprise fits when its staff is
/// below `staff_below` and its turnover **or** its balance sheet total is within its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SizeCeiling {
    pub size: EnterpriseSize,
    pub staff_below: Decimal,
    pub turnover_at_most: Decimal,
    pub balance_sheet_total_at_most: Decimal,
}

/// Small, then medium; everything above is large. Micro (< 10 AWU, ≤ € 2 m) is not a category
/// of its own here: it counts as small (RULES.md §3).
pub const SIZE_CEILINGS: [SizeCeiling; 2] = [
    SizeCeiling {
        size: EnterpriseSize::Small,
        staff_below: Decimal::from_parts(50, 0, 0, false, 0),
        turnover_at_most: Decimal::from_parts(10_000_000, 0, 0, false, 0),
        balance_sheet_total_at_most: Decimal::from_parts(10_000_000, 0, 0, false, 0),
    },
    SizeCeiling {
        size: EnterpriseSize::Medium,
        staff_below: Decimal::from_parts(250, 0, 0, false, 0),
        turnover_at_most: Decimal::from_parts(50_000_000, 0, 0, false, 0),
        balance_sheet_total_at_most: Decimal::from_parts(43_000_000, 0, 0, false, 0),
    },
];

/// What a ceiling measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Criterion {
    /// Personeel (JAE).
    Staff,
    /// Jaaromzet.
    Turnover,
    /// Balanstotaal.
    BalanceSheetTotal,
}

/// One comparison of a figure with a ceiling, for the UI to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ThresholdCheck {
    /// The category whose ceiling this is (small or medium).
    pub category: EnterpriseSize,
    pub criterion: Criterion,
    /// The combined figure (exact; shown rounded in `message`).
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "crate::api::schema::DecimalText")
    )]
    pub value: Decimal,
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "crate::api::schema::DecimalText")
    )]
    pub limit: Decimal,
    /// True when the figure is within the ceiling (staff below it, money at most it).
    pub within: bool,
    /// True when this comparison decided the category.
    pub decisive: bool,
    /// The comparison in Dutch: "Personeel 49 JAE is minder dan 50 JAE (kleine onderneming)."
    pub message: String,
}

/// The size by the EU definition, with how it was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SizeAssessment {
    pub size: EnterpriseSize,
    /// The enterprise's figures plus the counted parts of its partner and linked enterprises.
    pub combined: Figures,
    /// How each related enterprise counted, in the order given.
    pub relations: Vec<CountedRelation>,
    /// Every ceiling compared, small first; `decisive` marks the ones that decided.
    pub checks: Vec<ThresholdCheck>,
    /// One Dutch sentence naming the category and what decided it; code `size_small`,
    /// `size_medium` or `size_large`.
    #[cfg_attr(feature = "openapi", schemars(with = "crate::api::Reason"))]
    pub summary: Note,
}

/// How one related enterprise counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CountedRelation {
    pub kind: RelationKind,
    pub share: Share,
    /// The part of its figures added, `0 ..= 1`.
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "crate::api::schema::DecimalText")
    )]
    pub fraction: Decimal,
}

/// The size category of an enterprise from its own figures and those of its partner and linked
/// enterprises (Recommendation 2003/361/EC, Annex art. 2, 3 and 6; RULES.md §3).
///
/// Small: staff < 50 and (turnover ≤ € 10 m or balance sheet total ≤ € 10 m). Medium: staff
/// < 250 and (turnover ≤ € 50 m or balance sheet total ≤ € 43 m). Otherwise large. These are
/// the figures of one closed financial year; [`established_size`] applies the two-year rule.
pub fn assess_size(own: &Figures, relations: &[Relation]) -> SizeAssessment {
    let mut combined = *own;
    let mut counted = Vec::with_capacity(relations.len());
    for relation in relations {
        let fraction = relation.counted_fraction();
        combined = combined.plus_part(&relation.figures, fraction);
        counted.push(CountedRelation {
            kind: relation.kind(),
            share: relation.share,
            fraction,
        });
    }

    let fits = |c: &SizeCeiling| {
        combined.staff_awu < c.staff_below
            && (combined.turnover <= c.turnover_at_most
                || combined.balance_sheet_total <= c.balance_sheet_total_at_most)
    };
    let size = SIZE_CEILINGS
        .iter()
        .find(|c| fits(c))
        .map_or(EnterpriseSize::Large, |c| c.size);

    let checks: Vec<ThresholdCheck> = SIZE_CEILINGS
        .iter()
        .flat_map(|c| ceiling_checks(c, &combined, size))
        .collect();
    SizeAssessment {
        size,
        combined,
        relations: counted,
        summary: summary(size, &checks),
        checks,
    }
}

fn ceiling_checks(c: &SizeCeiling, f: &Figures, size: EnterpriseSize) -> [ThresholdCheck; 3] {
    let staff_within = f.staff_awu < c.staff_below;
    let turnover_within = f.turnover <= c.turnover_at_most;
    let balance_within = f.balance_sheet_total <= c.balance_sheet_total_at_most;
    let financial_within = turnover_within || balance_within;
    // The category found decides by the criteria it meets; the category just below it (the
    // one missed) decides by the criteria it fails: its staff, or both financial figures.
    let (staff_decides, turnover_decides, balance_decides) = if c.size == size {
        (true, turnover_within, balance_within)
    } else if rank(c.size) + 1 == rank(size) {
        if staff_within {
            (false, !financial_within, !financial_within)
        } else {
            (true, false, false)
        }
    } else {
        (false, false, false)
    };
    [
        check(
            c.size,
            Criterion::Staff,
            f.staff_awu,
            c.staff_below,
            staff_within,
            staff_decides,
        ),
        check(
            c.size,
            Criterion::Turnover,
            f.turnover,
            c.turnover_at_most,
            turnover_within,
            turnover_decides,
        ),
        check(
            c.size,
            Criterion::BalanceSheetTotal,
            f.balance_sheet_total,
            c.balance_sheet_total_at_most,
            balance_within,
            balance_decides,
        ),
    ]
}

fn check(
    category: EnterpriseSize,
    criterion: Criterion,
    value: Decimal,
    limit: Decimal,
    within: bool,
    decisive: bool,
) -> ThresholdCheck {
    let message = format!(
        "{}.",
        capitalised(&comparison(category, criterion, value, limit, within))
    );
    ThresholdCheck {
        category,
        criterion,
        value,
        limit,
        within,
        decisive,
        message,
    }
}

/// "personeel 49 JAE is minder dan 50 JAE (grens kleine onderneming)".
fn comparison(
    category: EnterpriseSize,
    criterion: Criterion,
    value: Decimal,
    limit: Decimal,
    within: bool,
) -> String {
    let (what, value, verb, limit) = match criterion {
        Criterion::Staff => (
            "personeel",
            // Rounded towards zero so a value just below the limit never shows as the limit.
            format!(
                "{} JAE",
                decimal_nl(value.round_dp_with_strategy(2, RoundingStrategy::ToZero))
            ),
            if within {
                "is minder dan"
            } else {
                "is niet minder dan"
            },
            format!("{} JAE", decimal_nl(limit)),
        ),
        Criterion::Turnover | Criterion::BalanceSheetTotal => (
            if criterion == Criterion::Turnover {
                "jaaromzet"
            } else {
                "balanstotaal"
            },
            // Rounded away from zero so a value just above the limit never shows as the limit.
            euro_nl(value.round_dp_with_strategy(2, RoundingStrategy::AwayFromZero)),
            if within {
                "is niet hoger dan"
            } else {
                "is hoger dan"
            },
            euro_nl(limit),
        ),
    };
    format!(
        "{what} {value} {verb} {limit} (grens {})",
        category.label_nl().to_lowercase()
    )
}

fn summary(size: EnterpriseSize, checks: &[ThresholdCheck]) -> Note {
    let decisive: Vec<String> = checks
        .iter()
        .filter(|c| c.decisive)
        .map(|c| comparison(c.category, c.criterion, c.value, c.limit, c.within))
        .collect();
    let code = match size {
        EnterpriseSize::Small => "size_small",
        EnterpriseSize::Medium => "size_medium",
        EnterpriseSize::Large => "size_large",
    };
    Note::new(
        code,
        format!("{}: {}.", size.label_nl(), decisive.join("; ")),
    )
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A plain number the Belgian way: `49,5`, `12`.
fn decimal_nl(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

/// An amount in euro the Belgian way, `€ 10.000.000,00`, for figures beyond [`crate::money::Money`]'s
/// range (turnover and balance sheet totals reach tens of millions).
fn euro_nl(d: Decimal) -> String {
    let mut cents = d.round_dp_with_strategy(2, RoundingStrategy::AwayFromZero);
    cents.rescale(2);
    let text = cents.abs().to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((text.as_str(), "00"));
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("€ {grouped},{frac}")
}

/// Small < medium < large.
fn rank(size: EnterpriseSize) -> u8 {
    match size {
        EnterpriseSize::Small => 0,
        EnterpriseSize::Medium => 1,
        EnterpriseSize::Large => 2,
    }
}

/// The size that holds after the last closed financial years (Annex art. 4(2)): an enterprise
/// gains or loses a category only when its figures are over, or under, the ceilings for **two
/// consecutive** financial years.
///
/// `previous` is the size established before the first year of `years`; `years` are the
/// categories computed by [`assess_size`] for the following financial years, oldest first.
/// When two consecutive years are both above (or both below) the size then established, the
/// size moves to the nearer of the two: small → (medium, large) becomes medium, and becomes
/// large only if a further year is large too. Years on both sides of it change nothing.
/// A new enterprise without an established size passes its first year's category as
/// `previous`.
pub fn established_size(previous: EnterpriseSize, years: &[EnterpriseSize]) -> EnterpriseSize {
    years.windows(2).fold(previous, |established, pair| {
        let (a, b) = (rank(pair[0]), rank(pair[1]));
        let current = rank(established);
        if a > current && b > current {
            if a <= b {
                pair[0]
            } else {
                pair[1]
            }
        } else if a < current && b < current {
            if a >= b {
                pair[0]
            } else {
                pair[1]
            }
        } else {
            established
        }
    })
}

/// The size that applies to an application (003, 'Kmo-portefeuille: steunaanvraag'): the size
/// under which the first application of the calendar year was filed holds for the whole year.
/// `first_of_year` is that size, or `None` when this is the year's first application; then the
/// `proposed` size (confirmed by the enterprise, 003 'Bevestig grootte onderneming') applies.
/// A size that is no longer right is corrected by the kmo-portefeuille service, not here.
pub fn size_for_year(
    first_of_year: Option<EnterpriseSize>,
    proposed: EnterpriseSize,
) -> EnterpriseSize {
    first_of_year.unwrap_or(proposed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    use EnterpriseSize::{Large, Medium, Small};

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn figures(staff: &str, turnover: &str, balance: &str) -> Figures {
        Figures::new(d(staff), d(turnover), d(balance)).unwrap()
    }

    fn relation(share: &str, control: bool, f: Figures) -> Relation {
        Relation {
            share: Share::from_percent(d(share)).unwrap(),
            control,
            figures: f,
        }
    }

    #[test]
    fn the_ceilings_table() {
        let cases = [
            // staff, turnover, balance sheet total, size
            ("0", "0", "0", Small),
            ("49", "10000000", "99000000", Small),
            ("49.99", "99000000", "10000000", Small),
            ("49", "10000000.01", "10000000.01", Medium),
            ("50", "1", "1", Medium),
            ("249", "50000000", "99000000", Medium),
            ("249", "99000000", "43000000", Medium),
            ("249", "50000000.01", "43000000.01", Large),
            ("250", "1", "1", Large),
            ("1000", "0", "0", Large),
        ];
        for (staff, turnover, balance, size) in cases {
            assert_eq!(
                assess_size(&figures(staff, turnover, balance), &[]).size,
                size,
                "{staff} AWU, turnover {turnover}, balance {balance}"
            );
        }
    }

    #[test]
    fn staff_of_49_is_small() {
        assert_eq!(assess_size(&figures("49", "0", "0"), &[]).size, Small);
    }

    #[test]
    fn staff_of_50_is_not_small() {
        assert_eq!(assess_size(&figures("50", "0", "0"), &[]).size, Medium);
    }

    #[test]
    fn turnover_of_exactly_10_million_is_still_small() {
        let a = assess_size(&figures("10", "10000000", "20000000"), &[]);
        assert_eq!(a.size, Small);
    }

    #[test]
    fn balance_sheet_of_exactly_43_million_keeps_a_medium_enterprise_medium() {
        let a = assess_size(&figures("100", "60000000", "43000000"), &[]);
        assert_eq!(a.size, Medium);
    }

    #[test]
    fn staff_of_250_is_large() {
        assert_eq!(assess_size(&figures("250", "0", "0"), &[]).size, Large);
    }

    #[test]
    fn a_share_below_25_percent_is_not_counted() {
        let r = relation("24.99", false, figures("100", "100000000", "100000000"));
        assert_eq!(r.kind(), RelationKind::Autonomous);
        let a = assess_size(&figures("10", "1000000", "1000000"), &[r]);
        assert_eq!(a.combined, figures("10", "1000000", "1000000"));
        assert_eq!(a.size, Small);
    }

    #[test]
    fn a_share_of_25_percent_makes_a_partner_counted_in_proportion() {
        let r = relation("25", false, figures("160", "40000000", "40000000"));
        assert_eq!(r.kind(), RelationKind::Partner);
        let a = assess_size(&figures("10", "1000000", "1000000"), &[r]);
        assert_eq!(a.combined, figures("50", "11000000", "11000000"));
        assert_eq!(a.size, Medium);
        assert_eq!(a.relations[0].fraction, d("0.25"));
    }

    #[test]
    fn a_share_of_50_percent_is_still_a_partner_counted_for_half() {
        let r = relation("50", false, figures("60", "2000000", "2000000"));
        assert_eq!(r.kind(), RelationKind::Partner);
        let a = assess_size(&figures("19", "1000000", "1000000"), &[r]);
        assert_eq!(a.combined, figures("49", "2000000", "2000000"));
        assert_eq!(a.size, Small);
    }

    #[test]
    fn a_share_above_50_percent_links_and_counts_in_full() {
        let r = relation("50.01", false, figures("60", "2000000", "2000000"));
        assert_eq!(r.kind(), RelationKind::Linked);
        let a = assess_size(&figures("19", "1000000", "1000000"), &[r]);
        assert_eq!(a.combined, figures("79", "3000000", "3000000"));
        assert_eq!(a.size, Medium);
    }

    #[test]
    fn control_without_majority_links_the_enterprise() {
        let r = relation("10", true, figures("300", "0", "0"));
        assert_eq!(r.kind(), RelationKind::Linked);
        assert_eq!(assess_size(&figures("1", "0", "0"), &[r]).size, Large);
    }

    #[test]
    fn partner_and_linked_enterprises_add_up() {
        let rs = [
            relation("30", false, figures("100", "10000000", "5000000")),
            relation("100", false, figures("5", "500000", "500000")),
            relation("10", false, figures("1000", "1000000000", "1000000000")),
        ];
        let a = assess_size(&figures("10", "1000000", "1000000"), &rs);
        assert_eq!(a.combined, figures("45", "4500000", "3000000"));
        let kinds: Vec<_> = a.relations.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [
                RelationKind::Partner,
                RelationKind::Linked,
                RelationKind::Autonomous
            ]
        );
    }

    #[test]
    fn the_reasoning_names_what_decided_in_dutch() {
        let small = assess_size(&figures("12", "1200000", "20000000"), &[]);
        assert_eq!(small.summary.code, "size_small");
        assert_eq!(
            small.summary.message,
            "Kleine onderneming: personeel 12 JAE is minder dan 50 JAE (grens kleine \
             onderneming); jaaromzet € 1.200.000,00 is niet hoger dan € 10.000.000,00 (grens \
             kleine onderneming)."
        );
        let decisive: Vec<_> = small
            .checks
            .iter()
            .filter(|c| c.decisive)
            .map(|c| (c.category, c.criterion))
            .collect();
        assert_eq!(
            decisive,
            [(Small, Criterion::Staff), (Small, Criterion::Turnover)]
        );
        assert_eq!(small.checks.len(), 6);

        let medium = assess_size(&figures("49.5", "12000000", "11000000"), &[]);
        assert_eq!(medium.summary.code, "size_medium");
        let decisive: Vec<_> = medium
            .checks
            .iter()
            .filter(|c| c.decisive)
            .map(|c| (c.category, c.criterion, c.within))
            .collect();
        assert_eq!(
            decisive,
            [
                (Small, Criterion::Turnover, false),
                (Small, Criterion::BalanceSheetTotal, false),
                (Medium, Criterion::Staff, true),
                (Medium, Criterion::Turnover, true),
                (Medium, Criterion::BalanceSheetTotal, true),
            ]
        );
        assert_eq!(
            medium.checks[0].message,
            "Personeel 49,5 JAE is minder dan 50 JAE (grens kleine onderneming)."
        );

        let large = assess_size(&figures("300", "1", "1"), &[]);
        assert_eq!(
            large.summary.message,
            "Grote onderneming: personeel 300 JAE is niet minder dan 250 JAE (grens \
             middelgrote onderneming)."
        );
    }

    #[test]
    fn shown_figures_never_round_onto_the_wrong_side_of_a_limit() {
        let a = assess_size(&figures("49.999", "10000000.001", "10000000.001"), &[]);
        assert_eq!(
            a.checks[0].message,
            "Personeel 49,99 JAE is minder dan 50 JAE (grens kleine onderneming)."
        );
        assert_eq!(
            a.checks[1].message,
            "Jaaromzet € 10.000.000,01 is hoger dan € 10.000.000,00 (grens kleine onderneming)."
        );
    }

    #[test]
    fn figures_refuse_negative_and_absurd_numbers_naming_each_field() {
        let errors = Figures::new(d("-1"), d("1000000000000000.01"), d("-0.01")).unwrap_err();
        let got: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            got,
            [
                ("staff_awu", "negative_figure"),
                ("turnover", "figure_too_large"),
                ("balance_sheet_total", "negative_figure"),
            ]
        );
        assert_eq!(Figures::MAX_EURO, d("1000000000000000"));
        assert!(Figures::new(d("-0"), d("0"), d("0")).is_ok());
    }

    #[test]
    fn shares_are_between_0_and_100_percent() {
        assert!(Share::from_percent(d("0")).is_ok());
        assert!(Share::from_percent(d("100")).is_ok());
        assert_eq!(
            Share::from_percent(d("100.01")),
            Err(ShareError::OutOfRange)
        );
        assert_eq!(Share::from_percent(d("-1")), Err(ShareError::OutOfRange));
    }

    #[test]
    fn inputs_read_from_json() {
        let r: Relation = serde_json::from_str(
            r#"{ "share": "30", "figures": { "staff_awu": "12.5", "turnover": "1000000",
                 "balance_sheet_total": "500000" } }"#,
        )
        .unwrap();
        assert_eq!(r.kind(), RelationKind::Partner);
        assert!(serde_json::from_str::<Share>(r#""101""#).is_err());
        assert!(serde_json::from_str::<Figures>(
            r#"{ "staff_awu": "-1", "turnover": "0", "balance_sheet_total": "0" }"#
        )
        .is_err());
        let out = serde_json::to_value(assess_size(&r.figures, &[])).unwrap();
        assert_eq!(out["size"], "small");
        assert_eq!(out["combined"]["staff_awu"], "12.5");
    }

    #[test]
    fn a_category_changes_only_after_two_consecutive_years() {
        let cases: &[(EnterpriseSize, &[EnterpriseSize], EnterpriseSize)] = &[
            (Small, &[], Small),
            (Small, &[Medium], Small),
            (Small, &[Medium, Small], Small),
            (Small, &[Medium, Medium], Medium),
            (Small, &[Medium, Small, Medium], Small),
            (Small, &[Large, Large], Large),
            (Small, &[Medium, Large], Medium),
            (Small, &[Large, Medium], Medium),
            (Small, &[Medium, Large, Large], Large),
            (Medium, &[Small], Medium),
            (Medium, &[Small, Small], Small),
            (Medium, &[Small, Large], Medium),
            (Medium, &[Large, Large], Large),
            (Large, &[Medium, Small], Medium),
            (Large, &[Small, Small, Small], Small),
            (Medium, &[Small, Small, Medium], Small),
            (Medium, &[Small, Small, Medium, Medium], Medium),
        ];
        for (previous, years, expected) in cases {
            assert_eq!(
                established_size(*previous, years),
                *expected,
                "{previous:?} then {years:?}"
            );
        }
    }

    #[test]
    fn the_first_application_of_the_year_fixes_the_size_for_that_year() {
        assert_eq!(size_for_year(None, Medium), Medium);
        assert_eq!(size_for_year(Some(Small), Medium), Small);
        assert_eq!(size_for_year(Some(Medium), Small), Medium);
    }

    fn any_size() -> impl Strategy<Value = EnterpriseSize> {
        prop::sample::select(EnterpriseSize::ALL.to_vec())
    }

    fn any_figures() -> impl Strategy<Value = Figures> {
        (0i64..400_000, 0i64..10_000_000_000, 0i64..10_000_000_000).prop_map(|(s, t, b)| {
            Figures::new(Decimal::new(s, 2), Decimal::new(t, 2), Decimal::new(b, 2)).unwrap()
        })
    }

    proptest! {
        #[test]
        fn more_figures_never_make_an_enterprise_smaller(
            own in any_figures(),
            extra in any_figures(),
            share in 0u32..=100,
        ) {
            let r = relation(&share.to_string(), false, extra);
            let alone = assess_size(&own, &[]).size;
            let grouped = assess_size(&own, &[r]).size;
            prop_assert!(rank(grouped) >= rank(alone));
        }

        #[test]
        fn exactly_one_category_and_a_summary_with_a_decisive_check(own in any_figures()) {
            let a = assess_size(&own, &[]);
            prop_assert!(a.checks.iter().any(|c| c.decisive));
            prop_assert!(a.summary.message.starts_with(a.size.label_nl()));
        }

        #[test]
        fn a_single_deviating_year_never_changes_the_established_size(
            previous in any_size(),
            odd in any_size(),
        ) {
            prop_assert_eq!(established_size(previous, &[odd]), previous);
            prop_assert_eq!(established_size(previous, &[previous, odd]), previous);
            prop_assert_eq!(established_size(previous, &[odd, previous]), previous);
        }

        #[test]
        fn two_equal_years_establish_their_category(previous in any_size(), year in any_size()) {
            prop_assert_eq!(established_size(previous, &[year, year]), year);
        }
    }
}
