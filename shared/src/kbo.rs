//! An enterprise as the public KBO data describe it, and what the eligibility rules read from it.
//! RULES.md §1 (registration), §3 (who is eligible), §8 (KBO Open Data).
//!
//! The KBO Open Data of the FPS Economy ("Cookbook KBO Open data") are loaded into D1 by
//! `scripts/kbo-import.sh` (the `kmo-kbo` tool reads the published CSV files). This module
//! knows the published codes — the enterprise status, the type of enterprise, the legal form
//! codes, the address and denomination types — and turns one enterprise's stored rows
//! ([`KboRecord`]) into the facts the rules check ([`KboRecord::facts`]) and the facts a person
//! sees ([`KboRecord::shown`]).

use chrono::NaiveDate;
use serde::Deserialize;

use crate::api::registration::{Establishment, KboFacts, MainActivity};
use crate::enterprise::{EnterpriseFacts, KboStatus, LegalForm, Region};
use crate::error::Reason;
use crate::ids::EnterpriseNumber;
use crate::nace::NaceCode;
use crate::size::{EnterpriseSize, Share};

/// How many establishment units in the Flemish Region a person is shown; the count says how
/// many there are in all.
pub const SHOWN_ESTABLISHMENTS: usize = 20;

/// The postcodes of the Flemish Region (RULES.md §8): 1500–3999 and 8000–9999. Brussels is
/// 1000–1299, the Walloon Region the rest (1300–1499, 4000–7999).
pub const FLEMISH_POSTCODES: [(u16, u16); 2] = [(1500, 3999), (8000, 9999)];
const BRUSSELS_POSTCODES: (u16, u16) = (1000, 1299);

impl Region {
    /// The region of an address in the KBO: `country_nl` is empty for a Belgian address.
    pub fn of_address(country_nl: &str, zipcode: &str) -> Region {
        // Exactly as stored (the SQL of [`flemish_address_sql`] reads the same columns).
        let belgian = BELGIUM.contains(&country_nl);
        let code = zipcode;
        let postcode = (code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()))
            .then(|| code.parse::<u16>().ok())
            .flatten();
        match (belgian, postcode) {
            (true, Some(p)) if FLEMISH_POSTCODES.iter().any(|&(a, b)| (a..=b).contains(&p)) => {
                Region::Flemish
            }
            (true, Some(p)) if (BRUSSELS_POSTCODES.0..=BRUSSELS_POSTCODES.1).contains(&p) => {
                Region::Brussels
            }
            (true, Some(p)) if (1000..=9999).contains(&p) => Region::Walloon,
            _ => Region::Abroad,
        }
    }
}

/// The country names that mean Belgium in an address of the KBO (empty for a Belgian address).
const BELGIUM: [&str; 2] = ["", "België"];

/// An SQL condition that holds when an address (its `country_nl` and `zipcode` columns, under
/// the table alias `alias`) is in the Flemish Region, for queries that count establishment
/// units by region: built from [`FLEMISH_POSTCODES`], so the rule is written once.
pub fn flemish_address_sql(alias: &str) -> String {
    let zip = format!("{alias}.zipcode");
    let ranges: Vec<String> = FLEMISH_POSTCODES
        .iter()
        .map(|(a, b)| format!("{zip} BETWEEN '{a}' AND '{b}'"))
        .collect();
    let countries: Vec<String> = BELGIUM.iter().map(|c| format!("'{c}'")).collect();
    format!(
        "({alias}.country_nl IN ({}) AND {zip} GLOB '[0-9][0-9][0-9][0-9]' AND ({}))",
        countries.join(", "),
        ranges.join(" OR ")
    )
}

/// The legal form codes of the KBO (code.csv, category `JuridicalForm`) that map onto a legal
/// form of the rules, one per line: `code | form id | KBO description` (the data file's header
/// says where they come from). A code not listed is another legal form, not eligible.
const LEGAL_FORM_CODES: &str = include_str!("../data/kbo_legal_forms.txt");

/// The legal form of an enterprise from its `TypeOfEnterprise` (1: natural person) and
/// `JuridicalForm` code.
pub fn legal_form(type_of_enterprise: &str, juridical_form: &str) -> LegalForm {
    if type_of_enterprise == TYPE_NATURAL_PERSON {
        return LegalForm::NaturalPerson;
    }
    LEGAL_FORM_CODES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut parts = l.split('|').map(str::trim);
            Some((parts.next()?, parts.next()?))
        })
        .find(|(code, _)| *code == juridical_form)
        .and_then(|(_, id)| LegalForm::parse(id))
        .unwrap_or(LegalForm::Other)
}

/// The JuridicalForm 'Vennootschap in oprichting': a kmo in oprichting (000, 001).
pub const IN_FORMATION: &str = "200";

/// `TypeOfEnterprise` of a natural person (code.csv `TypeOfEnterprise`).
pub const TYPE_NATURAL_PERSON: &str = "1";

/// The enterprise status: `AC` is active; every other status (`ST` stopped) is not.
pub fn status(code: &str) -> KboStatus {
    if code == "AC" {
        KboStatus::Active
    } else {
        KboStatus::Stopped
    }
}

/// A KBO date, written `dd-mm-yyyy`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%d-%m-%Y").ok()
}

/// The digits of an enterprise number (`0403.227.515`) or establishment unit number
/// (`2.123.456.789`) as the KBO writes them: ten digits, the first 0 or 1 for an enterprise,
/// 2 to 8 for an establishment unit.
pub fn entity_digits(s: &str) -> Option<String> {
    let groups: Vec<&str> = s.split('.').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let shape = match lengths.as_slice() {
        [4, 3, 3] => matches!(s.as_bytes()[0], b'0' | b'1'),
        [1, 3, 3, 3] => matches!(s.as_bytes()[0], b'2'..=b'8'),
        _ => false,
    };
    let digits = groups.concat();
    (shape && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// An establishment unit number written the KBO's way: `2.123.456.789`.
pub fn establishment_shown(digits: &str) -> String {
    match (
        digits.get(0..1),
        digits.get(1..4),
        digits.get(4..7),
        digits.get(7..10),
    ) {
        (Some(a), Some(b), Some(c), Some(d)) => format!("{a}.{b}.{c}.{d}"),
        _ => digits.to_string(),
    }
}

/// `TypeOfDenomination`: the enterprise's name, its abbreviation, a commercial name (the
/// import keeps these three; 004, a branch office's name, is not read).
pub const NAME: &str = "001";
pub const ABBREVIATION: &str = "002";
pub const COMMERCIAL_NAME: &str = "003";
pub const NAME_TYPES: [&str; 3] = [NAME, ABBREVIATION, COMMERCIAL_NAME];
/// `Language` of Dutch (code.csv `Language`: 1 French, 2 Dutch, 3 German, 4 English).
const DUTCH: &str = "2";

/// An enterprise row (`kbo_enterprises`), with the Dutch label of its legal form.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct EnterpriseRow {
    pub number: EnterpriseNumber,
    pub status: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub juridical_form: String,
    pub start_date: NaiveDate,
    /// code.csv's Dutch description of the legal form, when it has one.
    pub juridical_form_label: Option<String>,
    /// The snapshot date of the newest extract applied: the data are as of that day (absent
    /// only when no extract was ever recorded).
    pub updated_on: Option<NaiveDate>,
}

/// A denomination (`kbo_denominations`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NameRow {
    pub language: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub denomination: String,
}

/// An address (`kbo_addresses`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AddressRow {
    pub country_nl: String,
    pub zipcode: String,
    pub municipality_nl: String,
    pub municipality_fr: String,
    pub street_nl: String,
    pub street_fr: String,
    pub house_number: String,
    #[serde(rename = "box")]
    pub box_number: String,
}

impl AddressRow {
    /// One line, the Dutch names first: `Kerkstraat 1 bus 2, 9000 Gent`.
    pub fn line(&self) -> String {
        let pick = |nl: &str, fr: &str| if nl.is_empty() { fr } else { nl }.trim().to_string();
        let mut street = pick(&self.street_nl, &self.street_fr);
        if !self.house_number.is_empty() {
            street = format!("{street} {}", self.house_number.trim());
        }
        if !self.box_number.is_empty() {
            street = format!("{street} bus {}", self.box_number.trim());
        }
        let place = format!(
            "{} {}",
            self.zipcode.trim(),
            pick(&self.municipality_nl, &self.municipality_fr)
        );
        let country = self.country_nl.trim();
        [street.trim(), place.trim(), country]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn region(&self) -> Region {
        Region::of_address(&self.country_nl, &self.zipcode)
    }
}

/// A main activity (`kbo_activities`) of the enterprise or of one of its establishment units,
/// with its Dutch label when code.csv has one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ActivityRow {
    /// The enterprise's or the establishment unit's number (10 digits).
    pub entity: String,
    pub activity_group: String,
    pub nace_version: String,
    pub nace_code: String,
    pub label: Option<String>,
}

/// An establishment unit in the Flemish Region, with its address and first name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct EstablishmentRow {
    pub number: String,
    pub name: Option<String>,
    /// Read from a JSON object of the address columns.
    pub address: AddressRow,
}

/// Everything the KBO data say about one enterprise, as read from D1 in one round trip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KboRecord {
    pub enterprise: EnterpriseRow,
    pub names: Vec<NameRow>,
    /// The registered office (maatschappelijke zetel), if the KBO gives one.
    pub registered_office: Option<AddressRow>,
    pub activities: Vec<ActivityRow>,
    /// How many establishment units it has in the Flemish Region.
    pub flemish_establishments: u32,
    /// How many establishment units it has in all.
    pub establishments: u32,
    /// The first [`SHOWN_ESTABLISHMENTS`] of them in the Flemish Region, by number.
    pub shown_establishments: Vec<EstablishmentRow>,
    /// The snapshot date of the newest extract applied: the facts are as of that day.
    pub updated_on: NaiveDate,
}

/// What the enterprise declares itself at registration (public participation, size) and later
/// (de minimis aid from elsewhere, step 4 of 003): stored with its wallet.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Declared {
    /// The participation of public authorities in capital or votes (000: less than 25 %).
    pub public_participation: Share,
    /// The size it declared (003 'Grootte van de onderneming'); the year's first application
    /// fixes the size of a calendar year.
    pub size: EnterpriseSize,
    /// The figures the size was declared with (the size wizard's question), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_figures: Option<crate::api::public::SizeAssessmentRequest>,
    #[serde(default)]
    pub de_minimis_aid: Vec<crate::de_minimis::DeMinimisAid>,
}

/// The enterprise is not in the KBO data the product has.
pub fn unknown() -> Reason {
    Reason::new(
        "kbo_unknown",
        "Uw onderneming staat niet in de gegevens van de Kruispuntbank van Ondernemingen (KBO) \
         waarover de kmo-portefeuille beschikt. Een nieuwe onderneming verschijnt er na de \
         volgende dagelijkse bijwerking.",
    )
}

/// A registered enterprise the KBO data no longer have: the KBO Open Data carry active
/// enterprises only, so it was stopped (001: the status must be 'actief').
pub fn no_longer_active() -> Reason {
    Reason::new(
        "kbo_not_active",
        "Uw onderneming staat niet meer als actieve onderneming in de Kruispuntbank van \
         Ondernemingen (KBO). U kan pas een aanvraag indienen wanneer de status van uw \
         onderneming in de KBO op 'actief' staat.",
    )
}

/// Every reason an enterprise cannot register (RULES.md §1, §3; 000 procedure step 2): what the
/// KBO data say about it, with what it declares. Before it has declared anything, the
/// declarations are taken as allowing it (no public participation, small), so the reasons are
/// those of the KBO facts alone.
pub fn registration_reasons(
    record: Option<&KboRecord>,
    declared: Option<&Declared>,
    on: NaiveDate,
) -> Vec<Reason> {
    let Some(record) = record else {
        return vec![unknown()];
    };
    let neutral = Declared {
        public_participation: Share::default(),
        size: EnterpriseSize::Small,
        size_figures: None,
        de_minimis_aid: Vec::new(),
    };
    crate::enterprise::standing(&record.facts(declared.unwrap_or(&neutral)), on)
}

impl KboRecord {
    /// The name: the Dutch name, else the name in another language, else an abbreviation or
    /// commercial name.
    pub fn name(&self) -> String {
        let find = |kind: &str, dutch: bool| {
            self.names
                .iter()
                .find(|n| n.kind == kind && (!dutch || n.language == DUTCH))
        };
        find(NAME, true)
            .or_else(|| find(NAME, false))
            .or_else(|| find(ABBREVIATION, false))
            .or_else(|| find(COMMERCIAL_NAME, false))
            .map(|n| n.denomination.trim().to_string())
            .unwrap_or_else(|| self.enterprise.number.to_string())
    }

    pub fn legal_form(&self) -> LegalForm {
        legal_form(&self.enterprise.kind, &self.enterprise.juridical_form)
    }

    pub fn status(&self) -> KboStatus {
        status(&self.enterprise.status)
    }

    /// The main activity: the enterprise's own before one of an establishment unit (the KBO
    /// registers activities at either level); of those, the newest NACE-BEL version (2025 before
    /// 2008), and the lowest activity group (001, the VAT activities, first).
    pub fn main_activity(&self) -> Option<(NaceCode, &ActivityRow)> {
        let own = self.enterprise.number.digits();
        let mut sorted: Vec<&ActivityRow> = self.activities.iter().collect();
        sorted.sort_by(|a, b| {
            (b.entity == own)
                .cmp(&(a.entity == own))
                .then(b.nace_version.cmp(&a.nace_version))
                .then(a.activity_group.cmp(&b.activity_group))
                .then(a.nace_code.cmp(&b.nace_code))
        });
        sorted
            .into_iter()
            .find_map(|a| NaceCode::parse(&a.nace_code).ok().map(|c| (c, a)))
    }

    /// Where it is established: in the Flemish Region when one of its establishment units is
    /// (000: "een vestiging in het Vlaams Gewest"); without establishment units, where its
    /// registered office is.
    pub fn region(&self) -> Region {
        if self.flemish_establishments > 0 {
            Region::Flemish
        } else if self.establishments > 0 {
            // Establishment units, none of them in Flanders: the region does not matter for
            // the rules, as long as it is not the Flemish Region.
            self.registered_office
                .as_ref()
                .map(AddressRow::region)
                .filter(|r| *r != Region::Flemish)
                .unwrap_or(Region::Walloon)
        } else {
            self.registered_office
                .as_ref()
                .map_or(Region::Abroad, AddressRow::region)
        }
    }

    /// The facts the eligibility rules check (RULES.md §3): the KBO's, with what the enterprise
    /// declared.
    pub fn facts(&self, declared: &Declared) -> EnterpriseFacts {
        EnterpriseFacts {
            legal_form: self.legal_form(),
            kbo_status: self.status(),
            in_formation: self.enterprise.juridical_form == IN_FORMATION,
            establishment_region: self.region(),
            public_participation: declared.public_participation,
            main_activity: self.main_activity().map(|(c, _)| c),
            size: declared.size,
            de_minimis_aid: declared.de_minimis_aid.clone(),
        }
    }

    /// The facts as a person sees them.
    pub fn shown(&self) -> KboFacts {
        let form = self.legal_form();
        KboFacts {
            number: crate::api::enterprise::EnterpriseNumberDigits(self.enterprise.number),
            name: self.name(),
            legal_form: form,
            legal_form_label: self
                .enterprise
                .juridical_form_label
                .clone()
                .filter(|_| form != LegalForm::NaturalPerson)
                .unwrap_or_else(|| form.rule().label.to_string()),
            status: self.status(),
            start_date: self.enterprise.start_date,
            main_activity: self.main_activity().map(|(code, row)| MainActivity {
                code: code.digits(),
                shown: code.to_string(),
                version: row.nace_version.clone(),
                label: row.label.clone().unwrap_or_default(),
            }),
            registered_office: self.registered_office.as_ref().map(AddressRow::line),
            region: self.region(),
            establishments: self.establishments,
            flemish_establishments: self.flemish_establishments,
            shown_establishments: self
                .shown_establishments
                .iter()
                .map(|e| Establishment {
                    number: establishment_shown(&e.number),
                    name: e.name.clone().unwrap_or_default(),
                    address: e.address.line(),
                })
                .collect(),
            updated_on: self.updated_on,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(country: &str, zip: &str) -> AddressRow {
        AddressRow {
            country_nl: country.into(),
            zipcode: zip.into(),
            municipality_nl: "Gent".into(),
            municipality_fr: "Gand".into(),
            street_nl: "Kerkstraat".into(),
            street_fr: String::new(),
            house_number: "1".into(),
            box_number: String::new(),
        }
    }

    #[test]
    fn regions_by_postcode() {
        for (zip, region) in [
            ("1000", Region::Brussels),
            ("1299", Region::Brussels),
            ("1300", Region::Walloon),
            ("1499", Region::Walloon),
            ("1500", Region::Flemish),
            ("3999", Region::Flemish),
            ("4000", Region::Walloon),
            ("7999", Region::Walloon),
            ("8000", Region::Flemish),
            ("9999", Region::Flemish),
            ("999", Region::Abroad),
            ("", Region::Abroad),
        ] {
            assert_eq!(Region::of_address("", zip), region, "{zip}");
        }
        assert_eq!(Region::of_address("Nederland", "9000"), Region::Abroad);
    }

    #[test]
    fn the_sql_condition_names_the_same_ranges() {
        assert_eq!(
            flemish_address_sql("a"),
            "(a.country_nl IN ('', 'België') AND a.zipcode GLOB '[0-9][0-9][0-9][0-9]' AND \
             (a.zipcode BETWEEN '1500' AND '3999' OR a.zipcode BETWEEN '8000' AND '9999'))"
        );
    }

    #[test]
    fn kbo_numbers_and_dates() {
        assert_eq!(entity_digits("0403.227.515").as_deref(), Some("0403227515"));
        assert_eq!(
            entity_digits("2.123.456.789").as_deref(),
            Some("2123456789")
        );
        assert_eq!(entity_digits("0403227515"), None);
        assert_eq!(entity_digits("0403.227.51a"), None);
        assert_eq!(entity_digits("9.000.006.626"), None, "a branch id");
        assert_eq!(entity_digits("2.1234.56.789"), None);
        assert_eq!(establishment_shown("2123456789"), "2.123.456.789");
        assert_eq!(
            parse_date("01-02-2016"),
            NaiveDate::from_ymd_opt(2016, 2, 1)
        );
        assert_eq!(parse_date("2016-02-01"), None);
    }

    #[test]
    fn every_legal_form_code_names_a_form_of_the_rules() {
        for line in LEGAL_FORM_CODES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            assert_eq!(parts.len(), 3, "{line}");
            assert!(
                parts[0].len() == 3 && parts[0].bytes().all(|b| b.is_ascii_digit()),
                "{line}"
            );
            assert!(LegalForm::parse(parts[1]).is_some(), "{line}");
        }
        assert_eq!(legal_form("2", IN_FORMATION), LegalForm::Other);
    }

    #[test]
    fn legal_forms_from_codes() {
        assert_eq!(legal_form("1", ""), LegalForm::NaturalPerson);
        assert_eq!(legal_form("2", "014"), LegalForm::Nv);
        assert_eq!(legal_form("2", "610"), LegalForm::Bv);
        assert_eq!(legal_form("2", "017"), LegalForm::Vzw);
        assert_eq!(legal_form("2", "999"), LegalForm::Other);
        assert_eq!(status("AC"), KboStatus::Active);
        assert_eq!(status("ST"), KboStatus::Stopped);
    }

    fn record() -> KboRecord {
        let activity = |entity: &str, group: &str, version: &str, code: &str| ActivityRow {
            entity: entity.into(),
            activity_group: group.into(),
            nace_version: version.into(),
            nace_code: code.into(),
            label: None,
        };
        KboRecord {
            enterprise: EnterpriseRow {
                number: EnterpriseNumber::parse("0403227515").unwrap(),
                status: "AC".into(),
                kind: "2".into(),
                juridical_form: "610".into(),
                start_date: NaiveDate::from_ymd_opt(1998, 3, 12).unwrap(),
                juridical_form_label: Some("Besloten Vennootschap".into()),
                updated_on: None,
            },
            names: vec![
                NameRow {
                    language: "1".into(),
                    kind: NAME.into(),
                    denomination: "Boulangerie Peeters".into(),
                },
                NameRow {
                    language: DUTCH.into(),
                    kind: NAME.into(),
                    denomination: "Bakkerij Peeters".into(),
                },
            ],
            registered_office: Some(address("", "1000")),
            activities: vec![
                activity("2000100001", "001", "2025", "01110"),
                activity("0403227515", "006", "2025", "47240"),
                activity("0403227515", "001", "2008", "10710"),
                activity("0403227515", "001", "2025", "10710"),
            ],
            flemish_establishments: 1,
            establishments: 2,
            shown_establishments: Vec::new(),
            updated_on: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        }
    }

    #[test]
    fn facts_of_a_record() {
        let r = record();
        assert_eq!(r.name(), "Bakkerij Peeters");
        let (code, _) = r.main_activity().unwrap();
        assert_eq!(code.digits(), "10710", "own, 2025, group 001");
        let declared = Declared {
            public_participation: Share::default(),
            size: EnterpriseSize::Small,
            size_figures: None,
            de_minimis_aid: Vec::new(),
        };
        let facts = r.facts(&declared);
        assert_eq!(facts.legal_form, LegalForm::Bv);
        assert_eq!(
            facts.establishment_region,
            Region::Flemish,
            "an establishment in Flanders"
        );
        assert!(!facts.in_formation);
        let mut elsewhere = r.clone();
        elsewhere.flemish_establishments = 0;
        assert_eq!(elsewhere.region(), Region::Brussels, "the seat's region");
        elsewhere.registered_office = Some(address("", "9000"));
        assert_eq!(
            elsewhere.region(),
            Region::Walloon,
            "not Flemish whatever the seat"
        );
        let mut only_units = r.clone();
        only_units.activities.retain(|a| a.entity != "0403227515");
        assert_eq!(only_units.main_activity().unwrap().0.digits(), "01110");
        let shown = r.shown();
        assert_eq!(shown.legal_form_label, "Besloten Vennootschap");
        assert_eq!(shown.main_activity.unwrap().shown, "10.710");
    }

    #[test]
    fn an_address_on_one_line() {
        let mut a = address("", "9000");
        a.box_number = "2".into();
        assert_eq!(a.line(), "Kerkstraat 1 bus 2, 9000 Gent");
        assert_eq!(
            address("Nederland", "4811").line(),
            "Kerkstraat 1, 4811 Gent, Nederland"
        );
    }
}
