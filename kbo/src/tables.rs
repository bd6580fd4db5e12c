//! What the import keeps of each KBO file and where it goes: one table of
//! db/migrations/0005_kbo.sql per file, with only the rows registration and the eligibility
//! rules read (shared::kbo). Of the ~47 million rows of a full extract most are left out:
//! secondary and 2003 activities, branch offices, contacts.

use crate::error::Error;
use crate::extract::Row;

/// A D1 table the import fills, named after the KBO file it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Enterprises,
    Establishments,
    Denominations,
    Addresses,
    Activities,
    Codes,
}

/// The column of an update's `<file>_delete.csv` and the D1 column it names. A key removes
/// every row of that entity from the one table (cookbook 1.5.2: "DELETE FROM denomination
/// WHERE entitynumber IN (SELECT entitynumber FROM denomination_delete.csv)").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeleteKey {
    /// The delete file's one column.
    pub file_columns: &'static [&'static str],
    pub table_column: &'static str,
}

/// The `TypeOfDenomination`s kept: name, abbreviation, commercial name (not 004, the name of a
/// branch office).
const DENOMINATION_TYPES: [&str; 3] = shared::kbo::NAME_TYPES;
/// The `TypeOfAddress`es kept: registered office and establishment unit (not ABBR, a branch
/// office, nor OBAD).
const ADDRESS_TYPES: [&str; 2] = ["REGO", "BAET"];
/// The NACE-BEL versions the rules read; 2003 is history.
const NACE_VERSIONS: [&str; 2] = ["2008", "2025"];
/// The code.csv categories whose labels are shown.
const CODE_CATEGORIES: [&str; 4] = [
    "JuridicalForm",
    "JuridicalSituation",
    "Nace2008",
    "Nace2025",
];

impl Table {
    /// Every table, in the order the import writes them.
    pub const ALL: [Table; 6] = [
        Table::Enterprises,
        Table::Establishments,
        Table::Denominations,
        Table::Addresses,
        Table::Activities,
        Table::Codes,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Enterprises => "kbo_enterprises",
            Table::Establishments => "kbo_establishments",
            Table::Denominations => "kbo_denominations",
            Table::Addresses => "kbo_addresses",
            Table::Activities => "kbo_activities",
            Table::Codes => "kbo_codes",
        }
    }

    /// The KBO file's name without `.csv`; an update names its files `<file>_delete.csv` and
    /// `<file>_insert.csv`, except code.csv.
    pub fn file(self) -> &'static str {
        match self {
            Table::Enterprises => "enterprise",
            Table::Establishments => "establishment",
            Table::Denominations => "denomination",
            Table::Addresses => "address",
            Table::Activities => "activity",
            Table::Codes => "code",
        }
    }

    /// The columns of the KBO file that are read.
    pub fn file_columns(self) -> &'static [&'static str] {
        match self {
            Table::Enterprises => &[
                "EnterpriseNumber",
                "Status",
                "JuridicalSituation",
                "TypeOfEnterprise",
                "JuridicalForm",
                "StartDate",
            ],
            Table::Establishments => &["EstablishmentNumber", "StartDate", "EnterpriseNumber"],
            Table::Denominations => &[
                "EntityNumber",
                "Language",
                "TypeOfDenomination",
                "Denomination",
            ],
            Table::Addresses => &[
                "EntityNumber",
                "TypeOfAddress",
                "CountryNL",
                "Zipcode",
                "MunicipalityNL",
                "MunicipalityFR",
                "StreetNL",
                "StreetFR",
                "HouseNumber",
                "Box",
            ],
            Table::Activities => &[
                "EntityNumber",
                "ActivityGroup",
                "NaceVersion",
                "NaceCode",
                "Classification",
            ],
            Table::Codes => &["Category", "Code", "Language", "Description"],
        }
    }

    /// The D1 columns [`Table::keep`] gives values for, in that order (`extract` is added).
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Enterprises => &[
                "number",
                "status",
                "juridical_situation",
                "type",
                "juridical_form",
                "start_date",
            ],
            Table::Establishments => &["number", "enterprise_number", "start_date"],
            Table::Denominations => &["entity", "language", "type", "denomination"],
            Table::Addresses => &[
                "entity",
                "type",
                "country_nl",
                "zipcode",
                "municipality_nl",
                "municipality_fr",
                "street_nl",
                "street_fr",
                "house_number",
                "box",
            ],
            Table::Activities => &["entity", "activity_group", "nace_version", "nace_code"],
            Table::Codes => &["category", "code", "language", "description"],
        }
    }

    /// The key of the update's delete file; code.csv has none, an update carries the whole
    /// list of codes again.
    pub fn delete_key(self) -> Option<DeleteKey> {
        let (file_columns, table_column): (&'static [&'static str], _) = match self {
            Table::Enterprises => (&["EnterpriseNumber"], "number"),
            Table::Establishments => (&["EstablishmentNumber"], "number"),
            Table::Denominations | Table::Addresses | Table::Activities => {
                (&["EntityNumber"], "entity")
            }
            Table::Codes => return None,
        };
        Some(DeleteKey {
            file_columns,
            table_column,
        })
    }

    /// The values to store for `row`, in the order of [`Table::columns`], or `None` when the
    /// import leaves the row out. A row left out is not checked any further.
    pub fn keep(self, row: &Row<'_>) -> Result<Option<Vec<String>>, Error> {
        let text = |column| row.get(column).to_string();
        let values = match self {
            Table::Enterprises => vec![
                row.number("EnterpriseNumber")?,
                text("Status"),
                text("JuridicalSituation"),
                text("TypeOfEnterprise"),
                // Empty for a natural person.
                text("JuridicalForm"),
                row.date("StartDate")?,
            ],
            Table::Establishments => vec![
                row.number("EstablishmentNumber")?,
                row.number("EnterpriseNumber")?,
                row.date("StartDate")?,
            ],
            Table::Denominations => {
                if !DENOMINATION_TYPES.contains(&row.get("TypeOfDenomination")) {
                    return Ok(None);
                }
                vec![
                    row.number("EntityNumber")?,
                    text("Language"),
                    text("TypeOfDenomination"),
                    text("Denomination"),
                ]
            }
            Table::Addresses => {
                if !ADDRESS_TYPES.contains(&row.get("TypeOfAddress")) {
                    return Ok(None);
                }
                let mut values = vec![row.number("EntityNumber")?];
                values.extend(self.file_columns()[1..].iter().map(|c| text(c)));
                values
            }
            Table::Activities => {
                let kept = row.get("Classification") == "MAIN"
                    && NACE_VERSIONS.contains(&row.get("NaceVersion"))
                    && five_digits(row.get("NaceCode"));
                if !kept {
                    return Ok(None);
                }
                vec![
                    row.number("EntityNumber")?,
                    text("ActivityGroup"),
                    text("NaceVersion"),
                    text("NaceCode"),
                ]
            }
            Table::Codes => {
                let category = row.get("Category");
                if !CODE_CATEGORIES.contains(&category) {
                    return Ok(None);
                }
                let mut code = text("Code");
                if category.starts_with("Nace") {
                    // code.csv writes `62.010` where activity.csv writes `62010`; of the
                    // hierarchy (section letters, 2 to 4 digits) only the subclasses are kept.
                    code.retain(|c| c != '.');
                    if !five_digits(&code) {
                        return Ok(None);
                    }
                }
                vec![
                    category.to_string(),
                    code,
                    text("Language"),
                    text("Description"),
                ]
            }
        };
        Ok(Some(values))
    }
}

/// A NACE-BEL subclass as the rules read it: 5 digits. activity.csv also has 7-digit national
/// sub-codes (`4724001`).
fn five_digits(code: &str) -> bool {
    code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::CsvFile;

    /// What `table` keeps of each record of `records` (a header line is added).
    fn kept(table: Table, records: &str) -> Vec<Option<Vec<String>>> {
        let text = format!("{}\n{records}", table.file_columns().join(","));
        let mut file = CsvFile::new("test.csv", text.as_bytes(), table.file_columns()).unwrap();
        let mut out = Vec::new();
        while let Some(row) = file.next_row().unwrap() {
            out.push(table.keep(&row).unwrap());
        }
        out
    }

    fn values(v: &[&str]) -> Option<Vec<String>> {
        Some(v.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn every_table_has_a_value_per_column() {
        for table in Table::ALL {
            let record = match table {
                Table::Enterprises => "0403.227.515,AC,000,2,610,12-03-1998",
                Table::Establishments => "2.000.100.001,12-03-1998,0403.227.515",
                Table::Denominations => "0403.227.515,2,001,Bakkerij",
                Table::Addresses => "0403.227.515,REGO,,2000,Antwerpen,Anvers,Meir,Meir,12,",
                Table::Activities => "0403.227.515,001,2025,10710,MAIN",
                Table::Codes => "Nace2025,10.710,NL,Brood",
            };
            let row = kept(table, record).remove(0).unwrap();
            assert_eq!(row.len(), table.columns().len(), "{table:?}");
        }
    }

    #[test]
    fn enterprises_and_establishments_are_written_with_digits_and_iso_dates() {
        assert_eq!(
            kept(Table::Enterprises, "0823.456.754,AC,000,1,,15-09-2016\n"),
            vec![values(&["0823456754", "AC", "000", "1", "", "2016-09-15"])]
        );
        assert_eq!(
            kept(
                Table::Establishments,
                "2.000.100.001,12-03-1998,1012.706.130\n"
            ),
            vec![values(&["2000100001", "1012706130", "1998-03-12"])]
        );
    }

    #[test]
    fn only_names_abbreviations_and_commercial_names_are_kept() {
        let records = "0403.227.515,2,001,A\n0403.227.515,2,002,B\n\
                       0403.227.515,2,003,C\n9.000.006.626,2,004,D\n";
        let kinds: Vec<bool> = kept(Table::Denominations, records)
            .iter()
            .map(Option::is_some)
            .collect();
        assert_eq!(kinds, [true, true, true, false]);
    }

    #[test]
    fn only_registered_office_and_establishment_addresses_are_kept() {
        let records = "0403.227.515,REGO,,2000,Antwerpen,Anvers,Meir,Meir,12,\n\
                       2.000.100.001,BAET,Nederland,4811,Breda,Breda,\"Markt, Oost\",,1,b\n\
                       9.000.006.626,ABBR,,2000,Antwerpen,Anvers,Meir,Meir,12,\n\
                       0403.227.515,OBAD,,2000,Antwerpen,Anvers,Meir,Meir,12,\n";
        assert_eq!(
            kept(Table::Addresses, records),
            vec![
                values(&[
                    "0403227515",
                    "REGO",
                    "",
                    "2000",
                    "Antwerpen",
                    "Anvers",
                    "Meir",
                    "Meir",
                    "12",
                    ""
                ]),
                values(&[
                    "2000100001",
                    "BAET",
                    "Nederland",
                    "4811",
                    "Breda",
                    "Breda",
                    "Markt, Oost",
                    "",
                    "1",
                    "b"
                ]),
                None,
                None,
            ]
        );
    }

    #[test]
    fn only_main_activities_of_nace_2008_and_2025_with_five_digits_are_kept() {
        for (record, keep) in [
            ("0403.227.515,001,2008,10710,MAIN", true),
            ("0403.227.515,006,2025,10710,MAIN", true),
            ("0403.227.515,001,2025,47240,SECO", false),
            ("0403.227.515,001,2025,47240,ANCI", false),
            ("0403.227.515,001,2003,15811,MAIN", false),
            ("0403.227.515,003,2025,4724001,MAIN", false),
            ("0403.227.515,001,2025,4724,MAIN", false),
        ] {
            assert_eq!(
                kept(Table::Activities, record)[0].is_some(),
                keep,
                "{record}"
            );
        }
    }

    #[test]
    fn codes_keep_legal_forms_situations_and_nace_subclasses_without_the_dot() {
        let records = "JuridicalForm,014,DE,Aktiengesellschaft\n\
                       JuridicalSituation,000,NL,Normale toestand\n\
                       Nace2008,62.010,NL,Programmeren\n\
                       Nace2025,A,NL,Landbouw\n\
                       Nace2025,62.01,NL,Groep\n\
                       Nace2003,72.210,NL,Oud\n\
                       Status,AC,NL,Actief\n";
        assert_eq!(
            kept(Table::Codes, records),
            vec![
                values(&["JuridicalForm", "014", "DE", "Aktiengesellschaft"]),
                values(&["JuridicalSituation", "000", "NL", "Normale toestand"]),
                values(&["Nace2008", "62010", "NL", "Programmeren"]),
                None,
                None,
                None,
                None,
            ]
        );
    }

    #[test]
    fn a_row_left_out_is_not_checked() {
        // A branch office's name: its Id is no enterprise number, and it is not kept anyway.
        assert_eq!(
            kept(Table::Denominations, "9.000.006.62x,2,004,D\n"),
            vec![None]
        );
    }

    #[test]
    fn a_kept_row_with_a_malformed_number_or_date_is_an_error() {
        let text =
            "EnterpriseNumber,Status,JuridicalSituation,TypeOfEnterprise,JuridicalForm,StartDate\n\
                    0403.227.515,AC,000,2,610,1998-03-12\n";
        let columns = Table::Enterprises.file_columns();
        let mut file = CsvFile::new("enterprise.csv", text.as_bytes(), columns).unwrap();
        let row = file.next_row().unwrap().unwrap();
        assert_eq!(
            Table::Enterprises.keep(&row).unwrap_err().to_string(),
            "enterprise.csv, line 2, field StartDate: \"1998-03-12\" is not a date dd-mm-yyyy"
        );
    }
}
