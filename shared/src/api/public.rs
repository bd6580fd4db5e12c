//! Public routes, no sign-in: health, themes, the simulator and the provider directory.
//! Their field names are a promise to integrators (the widget and providers' own sites).

use serde::{Deserialize, Serialize};

use crate::ids::ProviderNumber;
use crate::money::Money;
use crate::service_eligibility::ProviderRegistration;

/// `GET /api/v1/health`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Health {
    /// The D1 database answers.
    pub d1: bool,
    /// The KV namespace answers.
    pub kv: bool,
}

/// `GET /api/v1/themes`: every theme with its sub-themes, in the manual's order.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ThemeList {
    pub themes: &'static [crate::themes::Theme],
}

/// `POST /api/v1/simulate`. Read by [`crate::simulate::SimulationRequest::from_json`], which
/// names every wrong field; this type is what a client sends. Unknown fields are refused (400
/// unknown_field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(rename = "SimulationRequest"))]
#[serde(deny_unknown_fields)]
pub struct SimulateRequest {
    pub size: crate::size::EnterpriseSize,
    pub service: crate::service::ServiceType,
    /// Theme id from GET /api/v1/themes.
    pub theme: ThemeId,
    /// Sub-theme id of that theme; absent, null or empty for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtheme: Option<SubthemeId>,
    /// Eligible cost excl. VAT (kost exclusief btw). Exactly one of `cost` and `costs`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(with = "MoneyInput"))]
    pub cost: Option<MoneyInput>,
    /// The costs split by kind ("Kosten opsplitsen"); the answer says what counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(with = "CostsInput"))]
    pub costs: Option<CostsInput>,
    /// Date whose rules apply; default today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::simulation_date")
    )]
    pub date: Option<chrono::NaiveDate>,
    /// Support already received this calendar year; default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::used_this_year")
    )]
    pub used_this_year: Option<MoneyInput>,
}

/// The costs of a service split by kind, every amount excl. VAT: read by
/// [`crate::costs::CostBreakdown::from_json`]; [`crate::costs::assess_costs`] decides what counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CostsInput {
    /// Enrolment fee or advice fee (inschrijvingsgeld, honorarium).
    pub fee: MoneyInput,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(with = "CateringInput"))]
    pub catering: Option<CateringInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(with = "CourseMaterialInput"))]
    pub course_material: Option<CourseMaterialInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(with = "TravelInput"))]
    pub travel: Option<TravelInput>,
    /// Exam fees (examenkosten): never eligible, listed to be shown as such.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(with = "MoneyInput"))]
    pub exam_fees: Option<MoneyInput>,
}

/// Catering (cateringkosten): counts up to € 25 per person per day when functionally tied to
/// the training.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CateringInput {
    pub total: MoneyInput,
    /// Training days with catering.
    #[cfg_attr(feature = "openapi", schemars(range(min = 1, max = 366)))]
    pub days: u32,
    /// Persons catered for.
    #[cfg_attr(feature = "openapi", schemars(range(min = 1, max = 1000)))]
    pub persons: u32,
    pub functionally_tied: bool,
}

/// Course material (cursusmateriaal): counts only when used exclusively during the training.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CourseMaterialInput {
    pub amount: MoneyInput,
    pub used_only_during_training: bool,
}

/// The provider's travel costs: count when functionally tied to the training.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TravelInput {
    pub amount: MoneyInput,
    pub functionally_tied: bool,
}

/// A theme id (`digitalisering`): one of GET /api/v1/themes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ThemeId(pub String);

/// A sub-theme id (`cybersecurity`), or empty for none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SubthemeId(pub String);

/// An amount as a client sends it: text, at most two decimals (`"980"`, `"980.00"`), from 0 to
/// 10,000,000; never a JSON number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MoneyInput(pub String);

/// Average stars and count of published ratings ("★★★★★(6)").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingSummary {
    /// Number of ratings.
    pub count: u32,
    /// Average stars, one decimal ("4.5"); null without ratings.
    #[cfg_attr(feature = "openapi", schemars(regex(pattern = r"^[1-5]\.\d$")))]
    pub average: Option<String>,
}

/// A registered, active service provider (dienstverlener), as the directory shows it (003
/// step 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Provider {
    pub number: ProviderNumber,
    pub name: String,
    pub address: String,
    pub email: String,
    pub registration: ProviderRegistration,
    pub rating: RatingSummary,
}

/// `GET /api/v1/providers`: at most 25, by name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProviderList {
    #[cfg_attr(feature = "openapi", schemars(length(max = 25)))]
    pub providers: Vec<Provider>,
}

/// `GET /api/v1/regimes`: every rule set, oldest first, from the data the rules use
/// ([`crate::regime::REGIMES`]).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RegimeList {
    pub regimes: Vec<RegimeInfo>,
}

/// `GET /api/v1/regimes?on=YYYY-MM-DD`: the rule set in force that day.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RegimeOn {
    pub regime: RegimeInfo,
}

/// One rule set: when it applies, its parameters and the texts it rests on.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RegimeInfo {
    /// As the simulator's `regime` names it.
    pub id: &'static str,
    pub valid_from: chrono::NaiveDate,
    /// Last day; null while no later rule set is known.
    pub valid_until: Option<chrono::NaiveDate>,
    /// What the rule set is, in Dutch.
    pub summary: &'static str,
    pub parameters: RegimeParameters,
    pub sources: &'static [crate::source::Source],
}

/// The numbers and theme rules of a rule set.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RegimeParameters {
    /// Support per enterprise per calendar year, training and advice together.
    pub annual_ceiling: Money,
    /// Minimum eligible cost excl. VAT.
    pub minimum_cost: Money,
    pub rates: SizeRates,
    /// Where the higher rate applies.
    pub higher_rate_for: Vec<ThemeRuleInfo>,
    /// When set, advice is eligible only for these themes.
    pub advice_only_for: Option<Vec<ThemeRuleInfo>>,
    /// Catering counts up to this per person per day.
    pub catering_per_person_per_day: Money,
    /// De minimis aid over any three years (Regulation (EU) 2023/2831).
    pub de_minimis_ceiling: Money,
    /// Application at the latest this many days after the service starts.
    pub apply_days_after_start: u64,
    /// Own contribution on the wallet account within this many days of the application.
    pub deposit_days_after_application: u64,
}

/// The rates of small and medium enterprises (large ones are not eligible).
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SizeRates {
    pub small: RatePair,
    pub medium: RatePair,
}

/// The base and the higher rate of one size.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RatePair {
    pub base: crate::rate::Rate,
    pub higher: crate::rate::Rate,
}

/// A theme and sub-theme with the services a rule covers.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ThemeRuleInfo {
    pub theme: &'static str,
    pub subtheme: &'static str,
    pub services: &'static [crate::service::ServiceType],
}

impl From<&crate::regime::Regime> for RegimeInfo {
    fn from(r: &crate::regime::Regime) -> RegimeInfo {
        let rules = |rules: &[crate::regime::ThemeRule]| {
            rules
                .iter()
                .map(|t| ThemeRuleInfo {
                    theme: t.theme,
                    subtheme: t.subtheme,
                    services: t.services,
                })
                .collect::<Vec<_>>()
        };
        RegimeInfo {
            id: r.id,
            valid_from: r.starts(),
            valid_until: r.until(),
            summary: r.summary,
            parameters: RegimeParameters {
                annual_ceiling: r.annual_ceiling,
                minimum_cost: r.minimum_cost,
                rates: SizeRates {
                    small: RatePair {
                        base: r.base_rate.0,
                        higher: r.higher_rate.0,
                    },
                    medium: RatePair {
                        base: r.base_rate.1,
                        higher: r.higher_rate.1,
                    },
                },
                higher_rate_for: rules(r.higher_rate_for),
                advice_only_for: r.advice_only_for.map(rules),
                catering_per_person_per_day: crate::costs::CATERING_LIMIT_PER_PERSON_PER_DAY,
                de_minimis_ceiling: crate::de_minimis::DE_MINIMIS_CEILING,
                apply_days_after_start: crate::deadlines::APPLY_DAYS_AFTER_START,
                deposit_days_after_application: crate::deadlines::DEPOSIT_DAYS_AFTER_APPLICATION,
            },
            sources: r.sources,
        }
    }
}

/// `POST /api/v1/size-assessment`: the size wizard's question. Read by
/// [`crate::size_wizard::SizeQuestion::from_json`], which names every wrong field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SizeAssessmentRequest {
    /// The last closed financial year: the enterprise's own figures.
    pub own: FiguresInput,
    /// Its partner and linked enterprises that year (at most 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "Vec<RelationInput>", length(max = 50))
    )]
    pub relations: Option<Vec<RelationInput>>,
    /// The financial years before it, oldest first (at most 5), for the two-year rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "Vec<YearInput>", length(max = 5))
    )]
    pub earlier_years: Option<Vec<YearInput>>,
    /// The size established before the first earlier year; default the first earlier year's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(with = "crate::size::EnterpriseSize"))]
    pub size_so_far: Option<crate::size::EnterpriseSize>,
}

/// One earlier financial year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct YearInput {
    pub own: FiguresInput,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "Vec<RelationInput>", length(max = 50))
    )]
    pub relations: Option<Vec<RelationInput>>,
}

/// The figures of one enterprise for one closed financial year, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FiguresInput {
    /// Staff in annual work units (JAE), at most two decimals, e.g. "12.5".
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::staff_awu")
    )]
    pub staff_awu: String,
    /// Annual turnover excl. VAT in euro, at most two decimals.
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::euro_figure")
    )]
    pub turnover: String,
    /// Balance sheet total in euro, at most two decimals.
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::euro_figure")
    )]
    pub balance_sheet_total: String,
}

/// A partner or linked enterprise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RelationInput {
    /// The share of capital or voting rights, whichever is greater, in percent (0 to 100).
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::percent")
    )]
    pub share: String,
    /// Control without a majority (board, contract, agreement): linked whatever the share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(with = "bool"))]
    pub control: Option<bool>,
    /// That enterprise's figures, including its own linked enterprises'.
    pub figures: FiguresInput,
}
