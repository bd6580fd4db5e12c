//! Whether an enterprise may apply at all. RULES.md §3; seeds 000, 001, 003.
//!
//! [`check_enterprise`] reports **every** condition the enterprise fails, each as a
//! [`Reason`] with a stable code and a Dutch message, so a person can fix them all at once.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::de_minimis::{self, DeMinimisAid};
use crate::error::Reason;
use crate::nace::{self, NaceCode};
use crate::size::{EnterpriseSize, Share};

/// The legal form (rechtsvorm) as registered in the KBO.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LegalForm {
    NaturalPerson,
    Nv,
    Bv,
    Cv,
    Vof,
    Commv,
    Commva,
    Esv,
    Se,
    Sce,
    Eesv,
    ForeignEquivalent,
    TemporaryPartnership,
    CoOwnersAssociation,
    DeFactoAssociation,
    SilentPartnership,
    Partnership,
    Vzw,
    /// Any other legal form of the KBO (a foundation, a public body, ...): not eligible.
    Other,
}

/// What the rules say about one legal form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LegalFormRule {
    pub form: LegalForm,
    /// The API id (equal to the form's serde name).
    pub id: &'static str,
    /// Dutch label.
    pub label: &'static str,
    pub eligible: bool,
}

const fn rule(
    form: LegalForm,
    id: &'static str,
    label: &'static str,
    eligible: bool,
) -> LegalFormRule {
    LegalFormRule {
        form,
        id,
        label,
        eligible,
    }
}

/// Every legal form, in the order of [`LegalForm`]. Eligible: VLAIO 'aanvaardbare rechtsvormen'
/// (RULES.md §3), self-employed in secondary occupation and student-entrepreneurs included as
/// natural persons (000). Not eligible: the enterprises without legal personality of 000 and
/// 001, and the vzw (000, 001, 002).
pub const LEGAL_FORMS: [LegalFormRule; 19] = [
    rule(
        LegalForm::NaturalPerson,
        "natural_person",
        "Natuurlijk persoon (eenmanszaak of vrij beroep)",
        true,
    ),
    rule(LegalForm::Nv, "nv", "Naamloze vennootschap (nv)", true),
    rule(LegalForm::Bv, "bv", "Besloten vennootschap (bv)", true),
    rule(LegalForm::Cv, "cv", "Coöperatieve vennootschap (cv)", true),
    rule(
        LegalForm::Vof,
        "vof",
        "Vennootschap onder firma (vof)",
        true,
    ),
    rule(
        LegalForm::Commv,
        "commv",
        "Commanditaire vennootschap (commv)",
        true,
    ),
    rule(
        LegalForm::Commva,
        "commva",
        "Commanditaire vennootschap op aandelen (commva)",
        true,
    ),
    rule(
        LegalForm::Esv,
        "esv",
        "Economisch samenwerkingsverband (esv)",
        true,
    ),
    rule(LegalForm::Se, "se", "Europese vennootschap (se)", true),
    rule(
        LegalForm::Sce,
        "sce",
        "Europese coöperatieve vennootschap (sce)",
        true,
    ),
    rule(
        LegalForm::Eesv,
        "eesv",
        "Europees economisch samenwerkingsverband (eesv)",
        true,
    ),
    rule(
        LegalForm::ForeignEquivalent,
        "foreign_equivalent",
        "Buitenlandse rechtsvorm die gelijkwaardig is aan een aanvaardbare rechtsvorm",
        true,
    ),
    rule(
        LegalForm::TemporaryPartnership,
        "temporary_partnership",
        "Tijdelijke handelsvennootschap",
        false,
    ),
    rule(
        LegalForm::CoOwnersAssociation,
        "co_owners_association",
        "Vereniging van mede-eigenaars",
        false,
    ),
    rule(
        LegalForm::DeFactoAssociation,
        "de_facto_association",
        "Feitelijke vereniging",
        false,
    ),
    rule(
        LegalForm::SilentPartnership,
        "silent_partnership",
        "Stille handelsvennootschap",
        false,
    ),
    rule(
        LegalForm::Partnership,
        "partnership",
        "Maatschap (zonder rechtspersoonlijkheid)",
        false,
    ),
    rule(
        LegalForm::Vzw,
        "vzw",
        "Vereniging zonder winstoogmerk (vzw)",
        false,
    ),
    rule(LegalForm::Other, "other", "Andere rechtsvorm", false),
];

// The table is indexed by the enum: checked when compiling.
const _: () = {
    let mut i = 0;
    while i < LEGAL_FORMS.len() {
        assert!(LEGAL_FORMS[i].form as usize == i);
        i += 1;
    }
};

impl LegalForm {
    /// What the rules say about this form.
    pub fn rule(self) -> &'static LegalFormRule {
        &LEGAL_FORMS[self as usize]
    }

    pub fn id(self) -> &'static str {
        self.rule().id
    }

    pub fn parse(s: &str) -> Option<LegalForm> {
        LEGAL_FORMS.iter().find(|r| r.id == s).map(|r| r.form)
    }
}

/// The enterprise's status in the KBO (Kruispuntbank van Ondernemingen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum KboStatus {
    /// Actief.
    Active,
    /// Stopgezet.
    Stopped,
}

/// The region of the establishment (vestiging).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// Vlaams Gewest.
    Flemish,
    /// Brussels Hoofdstedelijk Gewest.
    Brussels,
    /// Waals Gewest.
    Walloon,
    /// Buiten België.
    Abroad,
}

/// The facts about an enterprise that decide whether it may apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnterpriseFacts {
    pub legal_form: LegalForm,
    pub kbo_status: KboStatus,
    /// Kmo in oprichting: not yet established.
    pub in_formation: bool,
    /// Where the establishment is, and the 'werkenden' work (000).
    pub establishment_region: Region,
    /// The participation of public (administrative) authorities in capital or votes.
    pub public_participation: Share,
    /// The 5-digit NACE-BEL code of the main activity in the KBO; none when the KBO names none
    /// (the code the enterprise fills in at step 1 of 003 is checked with every application).
    pub main_activity: Option<NaceCode>,
    /// The size that applies this calendar year (see [`crate::size::size_for_year`]).
    pub size: EnterpriseSize,
    /// De minimis aid granted to the enterprise (at group level for linked enterprises, 003
    /// step 4), from any authority; older aid than three years may be included.
    #[serde(default)]
    pub de_minimis_aid: Vec<DeMinimisAid>,
}

/// Public participation from 25 % on makes an enterprise public sector (000).
const PUBLIC_PARTICIPATION_BELOW: Decimal = Decimal::from_parts(25, 0, 0, false, 0);

/// Every reason the enterprise may not receive `new_aid` (the subsidy asked, on the day it
/// would be granted). Pass a zero amount to check the enterprise before the amount is known.
pub fn check_enterprise(facts: &EnterpriseFacts, new_aid: DeMinimisAid) -> Result<(), Vec<Reason>> {
    let reasons: Vec<Reason> = [
        size(facts.size),
        legal_form(facts.legal_form),
        not_in_formation(facts.in_formation),
        kbo_active(facts.kbo_status),
        in_flanders(facts.establishment_region),
        private_sector(facts.public_participation),
        facts.main_activity.map_or(Ok(()), nace::is_acceptable),
        de_minimis::within_ceiling(&facts.de_minimis_aid, new_aid),
    ]
    .into_iter()
    .filter_map(Result::err)
    .collect();
    if reasons.is_empty() {
        Ok(())
    } else {
        Err(reasons)
    }
}

/// Every reason the enterprise cannot apply on `on`, before any amount is known (no new aid).
pub fn standing(facts: &EnterpriseFacts, on: chrono::NaiveDate) -> Vec<Reason> {
    let no_aid = DeMinimisAid {
        granted_on: on,
        amount: crate::money::Money::ZERO,
    };
    check_enterprise(facts, no_aid).err().unwrap_or_default()
}

/// Large enterprises are excluded (000, 001, 002).
pub fn size(size: EnterpriseSize) -> Result<(), Reason> {
    match size {
        EnterpriseSize::Large => Err(Reason::new(
            "enterprise_large",
            "Grote ondernemingen komen niet in aanmerking voor de kmo-portefeuille.",
        )),
        EnterpriseSize::Small | EnterpriseSize::Medium => Ok(()),
    }
}

/// An acceptable legal form (000, 001); the vzw has its own reason, as the seeds name it apart.
pub fn legal_form(form: LegalForm) -> Result<(), Reason> {
    let rule = form.rule();
    match (rule.eligible, form) {
        (true, _) => Ok(()),
        (false, LegalForm::Vzw) => Err(Reason::new(
            "enterprise_vzw",
            "Vzw's komen niet in aanmerking voor de kmo-portefeuille.",
        )),
        (false, LegalForm::Other) => Err(Reason::new(
            "legal_form_not_eligible",
            "De rechtsvorm van uw onderneming komt niet in aanmerking voor de kmo-portefeuille. \
             Aanvaard zijn: natuurlijk persoon, nv, bv, cv, vof, commv, commva, esv, se, sce, \
             eesv en gelijkwaardige buitenlandse rechtsvormen.",
        )),
        (false, _) => Err(Reason::new(
            "legal_form_not_eligible",
            format!(
                "De rechtsvorm '{}' komt niet in aanmerking voor de kmo-portefeuille: een \
                 onderneming zonder rechtspersoonlijkheid zoals deze kan geen steun aanvragen.",
                rule.label
            ),
        )),
    }
}

/// Kmo's in oprichting are excluded (000, 001).
pub fn not_in_formation(in_formation: bool) -> Result<(), Reason> {
    if in_formation {
        Err(Reason::new(
            "enterprise_in_formation",
            "Een kmo in oprichting komt nog niet in aanmerking voor de kmo-portefeuille.",
        ))
    } else {
        Ok(())
    }
}

/// The KBO status must be 'actief' (001).
pub fn kbo_active(status: KboStatus) -> Result<(), Reason> {
    match status {
        KboStatus::Active => Ok(()),
        KboStatus::Stopped => Err(Reason::new(
            "kbo_not_active",
            "U kan pas een aanvraag indienen wanneer de status van uw onderneming in de KBO op \
             'actief' staat.",
        )),
    }
}

/// The establishment is in the Flemish Region (000, 001).
pub fn in_flanders(region: Region) -> Result<(), Reason> {
    match region {
        Region::Flemish => Ok(()),
        Region::Brussels | Region::Walloon | Region::Abroad => Err(Reason::new(
            "establishment_not_flemish",
            "De vestiging van uw onderneming moet in het Vlaams Gewest liggen, en de werkenden \
             moeten daar aan de slag zijn.",
        )),
    }
}

/// Private sector: public authorities hold less than 25 % (000).
pub fn private_sector(public_participation: Share) -> Result<(), Reason> {
    if public_participation.percent() < PUBLIC_PARTICIPATION_BELOW {
        Ok(())
    } else {
        Err(Reason::new(
            "public_participation_too_high",
            format!(
                "De participatie van een administratieve overheid moet minder dan 25 procent \
                 zijn; bij uw onderneming is dat {} procent.",
                public_participation
                    .percent()
                    .normalize()
                    .to_string()
                    .replace('.', ",")
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn share(s: &str) -> Share {
        Share::from_percent(Decimal::from_str(s).unwrap()).unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn new_aid(amount: &str) -> DeMinimisAid {
        DeMinimisAid {
            granted_on: date("2025-06-01"),
            amount: Money::parse(amount).unwrap(),
        }
    }

    fn eligible() -> EnterpriseFacts {
        EnterpriseFacts {
            legal_form: LegalForm::Bv,
            kbo_status: KboStatus::Active,
            in_formation: false,
            establishment_region: Region::Flemish,
            public_participation: share("0"),
            main_activity: Some(NaceCode::parse("62.010").unwrap()),
            size: EnterpriseSize::Small,
            de_minimis_aid: vec![],
        }
    }

    fn codes(facts: &EnterpriseFacts, aid: &str) -> Vec<&'static str> {
        match check_enterprise(facts, new_aid(aid)) {
            Ok(()) => vec![],
            Err(reasons) => reasons.iter().map(|r| r.code).collect(),
        }
    }

    #[test]
    fn a_small_active_flemish_bv_is_eligible() {
        assert_eq!(check_enterprise(&eligible(), new_aid("294.00")), Ok(()));
    }

    #[test]
    fn each_condition_table() {
        type Change = fn(&mut EnterpriseFacts);
        let cases: &[(&str, Change, &[&str])] = &[
            ("medium", |f| f.size = EnterpriseSize::Medium, &[]),
            (
                "large",
                |f| f.size = EnterpriseSize::Large,
                &["enterprise_large"],
            ),
            (
                "natural person",
                |f| f.legal_form = LegalForm::NaturalPerson,
                &[],
            ),
            (
                "foreign equivalent",
                |f| f.legal_form = LegalForm::ForeignEquivalent,
                &[],
            ),
            (
                "vzw",
                |f| f.legal_form = LegalForm::Vzw,
                &["enterprise_vzw"],
            ),
            (
                "maatschap",
                |f| f.legal_form = LegalForm::Partnership,
                &["legal_form_not_eligible"],
            ),
            (
                "feitelijke vereniging",
                |f| f.legal_form = LegalForm::DeFactoAssociation,
                &["legal_form_not_eligible"],
            ),
            (
                "in formation",
                |f| f.in_formation = true,
                &["enterprise_in_formation"],
            ),
            (
                "stopped",
                |f| f.kbo_status = KboStatus::Stopped,
                &["kbo_not_active"],
            ),
            (
                "brussels",
                |f| f.establishment_region = Region::Brussels,
                &["establishment_not_flemish"],
            ),
            (
                "walloon",
                |f| f.establishment_region = Region::Walloon,
                &["establishment_not_flemish"],
            ),
            (
                "public 24.99 %",
                |f| f.public_participation = share("24.99"),
                &[],
            ),
            (
                "public 25 %",
                |f| f.public_participation = share("25"),
                &["public_participation_too_high"],
            ),
            (
                "fishery",
                |f| f.main_activity = Some(NaceCode::parse("03.110").unwrap()),
                &["main_activity_not_acceptable"],
            ),
            (
                "de minimis full",
                |f| {
                    f.de_minimis_aid = vec![DeMinimisAid {
                        granted_on: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                        amount: Money::from_whole_euro(299_706),
                    }]
                },
                &[],
            ),
            (
                "de minimis over",
                |f| {
                    f.de_minimis_aid = vec![DeMinimisAid {
                        granted_on: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                        amount: Money::from_whole_euro(299_707),
                    }]
                },
                &["de_minimis_exceeded"],
            ),
        ];
        for (name, change, expected) in cases {
            let mut facts = eligible();
            change(&mut facts);
            assert_eq!(codes(&facts, "294.00"), *expected, "{name}");
        }
    }

    #[test]
    fn all_failures_are_reported_at_once() {
        let facts = EnterpriseFacts {
            legal_form: LegalForm::Vzw,
            kbo_status: KboStatus::Stopped,
            in_formation: true,
            establishment_region: Region::Abroad,
            public_participation: share("50"),
            main_activity: Some(NaceCode::parse("01110").unwrap()),
            size: EnterpriseSize::Large,
            de_minimis_aid: vec![],
        };
        assert_eq!(
            codes(&facts, "300000.01"),
            [
                "enterprise_large",
                "enterprise_vzw",
                "enterprise_in_formation",
                "kbo_not_active",
                "establishment_not_flemish",
                "public_participation_too_high",
                "main_activity_not_acceptable",
                "de_minimis_exceeded",
            ]
        );
    }

    #[test]
    fn messages_are_dutch_and_name_the_facts() {
        let r = legal_form(LegalForm::SilentPartnership).unwrap_err();
        assert_eq!(
            r.message,
            "De rechtsvorm 'Stille handelsvennootschap' komt niet in aanmerking voor de \
             kmo-portefeuille: een onderneming zonder rechtspersoonlijkheid zoals deze kan geen \
             steun aanvragen."
        );
        let r = private_sector(share("33.5")).unwrap_err();
        assert_eq!(
            r.message,
            "De participatie van een administratieve overheid moet minder dan 25 procent zijn; \
             bij uw onderneming is dat 33,5 procent."
        );
    }

    #[test]
    fn the_legal_form_table_matches_the_seeds() {
        let excluded: Vec<&str> = LEGAL_FORMS
            .iter()
            .filter(|r| !r.eligible)
            .map(|r| r.id)
            .collect();
        assert_eq!(
            excluded,
            [
                "temporary_partnership",
                "co_owners_association",
                "de_facto_association",
                "silent_partnership",
                "partnership",
                "vzw",
                "other"
            ]
        );
        for r in LEGAL_FORMS {
            assert_eq!(LegalForm::parse(r.id), Some(r.form));
            assert_eq!(
                serde_json::to_value(r.form).unwrap(),
                serde_json::Value::from(r.id)
            );
        }
        assert_eq!(LegalForm::parse("bvba"), None);
    }

    #[test]
    fn facts_read_from_json() {
        let facts: EnterpriseFacts = serde_json::from_str(
            r#"{ "legal_form": "nv", "kbo_status": "active", "in_formation": false,
                 "establishment_region": "flemish", "public_participation": "10",
                 "main_activity": "70.220", "size": "medium",
                 "de_minimis_aid": [{ "granted_on": "2024-03-01", "amount": "1000.00" }] }"#,
        )
        .unwrap();
        assert_eq!(check_enterprise(&facts, new_aid("0")), Ok(()));
        assert!(serde_json::from_str::<EnterpriseFacts>(
            r#"{ "legal_form": "nv", "kbo_status": "active", "in_formation": false,
                 "establishment_region": "flemish", "public_participation": "10",
                 "main_activity": "7022", "size": "medium" }"#
        )
        .is_err());
    }

    proptest! {
        #[test]
        fn every_failed_condition_is_reported_independently(mask in 0u8..=255) {
            let mut facts = eligible();
            let mut expected = Vec::new();
            let on = |bit: u8| mask & (1 << bit) != 0;
            if on(0) { facts.size = EnterpriseSize::Large; expected.push("enterprise_large"); }
            if on(1) { facts.legal_form = LegalForm::Vzw; expected.push("enterprise_vzw"); }
            if on(2) { facts.in_formation = true; expected.push("enterprise_in_formation"); }
            if on(3) { facts.kbo_status = KboStatus::Stopped; expected.push("kbo_not_active"); }
            if on(4) {
                facts.establishment_region = Region::Walloon;
                expected.push("establishment_not_flemish");
            }
            if on(5) {
                facts.public_participation = share("25");
                expected.push("public_participation_too_high");
            }
            if on(6) {
                facts.main_activity = Some(NaceCode::parse("03.210").unwrap());
                expected.push("main_activity_not_acceptable");
            }
            let aid = if on(7) { expected.push("de_minimis_exceeded"); "300000.01" } else { "300000" };
            prop_assert_eq!(codes(&facts, aid), expected);
        }
    }
}
