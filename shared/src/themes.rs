//! The eight eligible themes and their known sub-themes. RULES.md §4; seeds 000, 002 and
//! VLAIO 'subsidieerbare diensten'. Since 2023-01-01 only these themes are eligible (002).

use serde::Serialize;

/// A theme (thema) with its sub-themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Theme {
    /// Stable API id, e.g. `digitalisering`.
    pub id: &'static str,
    /// Dutch label, e.g. `Digitalisering`.
    pub label: &'static str,
    /// Known sub-themes; empty when the theme has none.
    pub subthemes: &'static [SubTheme],
}

/// A sub-theme, e.g. `digitalisering` / `cybersecurity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SubTheme {
    pub id: &'static str,
    pub label: &'static str,
}

const fn sub(id: &'static str, label: &'static str) -> SubTheme {
    SubTheme { id, label }
}

/// Every theme, in the order of the manual's drop-down (alphabetical).
pub const THEMES: &[Theme] = &[
    Theme {
        id: "bedrijfsstrategie",
        label: "Bedrijfsstrategie",
        subthemes: &[],
    },
    Theme {
        id: "beroepsspecifieke-competenties",
        label: "Beroepsspecifieke competenties",
        subthemes: &[],
    },
    Theme {
        id: "digitalisering",
        label: "Digitalisering",
        subthemes: &[
            sub("software", "Software"),
            sub("hardware", "Hardware"),
            sub("infrastructuur", "Infrastructuur"),
            sub("onlinetoepassingen", "Onlinetoepassingen"),
            sub("cybersecurity", "Cybersecurity"),
        ],
    },
    Theme {
        id: "duurzaamheid",
        label: "Duurzaamheid",
        subthemes: &[
            sub(
                "afvalpreventie-en-verwerking",
                "Afvalpreventie en -verwerking",
            ),
            sub(
                "vermindering-uitstoot-broeikasgassen",
                "Vermindering uitstoot broeikasgassen",
            ),
            sub("efficient-materiaalgebruik", "Efficiënt materiaalgebruik"),
            sub(
                "energie-efficientie",
                "Energie-efficiëntie en alternatieve energiebronnen",
            ),
            sub("recyclage", "Recyclage"),
            sub("water-en-luchtzuivering", "Water- en luchtzuivering"),
        ],
    },
    Theme {
        id: "financiele-geletterdheid",
        label: "Financiële geletterdheid",
        subthemes: &[
            sub("boekhouding", "Boekhouding"),
            sub("facturatie", "Facturatie"),
            sub("fiscaliteit", "Fiscaliteit"),
        ],
    },
    Theme {
        id: "innovatie",
        label: "Innovatie",
        subthemes: &[],
    },
    Theme {
        id: "internationalisering",
        label: "Internationalisering",
        subthemes: &[],
    },
    Theme {
        id: "personeelsmanagement",
        label: "Personeelsmanagement",
        subthemes: &[
            sub(
                "arbeidsorganisatie-en-bedrijfsprocessen",
                "Arbeidsorganisatie en bedrijfsprocessen",
            ),
            sub("competentiebeleid", "Competentiebeleid"),
            sub(
                "diversiteit-en-non-discriminatiebeleid",
                "Diversiteit- en non-discriminatiebeleid",
            ),
            sub("personeelsplanning", "Personeelsplanning"),
            sub("sociale-wetgeving", "Sociale wetgeving"),
        ],
    },
];

/// The theme whose only services are on VLAIO's limitative list (002).
pub const LIMITATIVE_LIST_THEME: &str = "beroepsspecifieke-competenties";

/// A theme and optional sub-theme that exist together in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThemeChoice {
    pub theme: &'static Theme,
    pub subtheme: Option<&'static SubTheme>,
}

/// Why a theme choice is not in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeError {
    UnknownTheme,
    UnknownSubtheme,
}

impl ThemeChoice {
    /// Looks up ids as sent by the API or the forms.
    pub fn parse(theme: &str, subtheme: Option<&str>) -> Result<ThemeChoice, ThemeError> {
        let theme = theme_by_id(theme).ok_or(ThemeError::UnknownTheme)?;
        let subtheme = match subtheme {
            None => None,
            Some(id) => Some(
                theme
                    .subthemes
                    .iter()
                    .find(|s| s.id == id)
                    .ok_or(ThemeError::UnknownSubtheme)?,
            ),
        };
        Ok(ThemeChoice { theme, subtheme })
    }

    /// True for `theme` / `subtheme` by ids.
    pub fn is(&self, theme: &str, subtheme: &str) -> bool {
        self.theme.id == theme && self.subtheme.is_some_and(|s| s.id == subtheme)
    }

    /// The label as the manual writes it: `'Digitalisering - Infrastructuur'`.
    pub fn label(&self) -> String {
        match self.subtheme {
            Some(s) => format!("{} - {}", self.theme.label, s.label),
            None => self.theme.label.to_string(),
        }
    }
}

pub fn theme_by_id(id: &str) -> Option<&'static Theme> {
    THEMES.iter().find(|t| t.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_eight_themes_with_unique_ids() {
        assert_eq!(THEMES.len(), 8);
        let mut ids: Vec<_> = THEMES.iter().map(|t| t.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), 8);
    }

    #[test]
    fn a_subtheme_belongs_to_its_own_theme_only() {
        assert!(ThemeChoice::parse("digitalisering", Some("cybersecurity")).is_ok());
        assert_eq!(
            ThemeChoice::parse("duurzaamheid", Some("cybersecurity")),
            Err(ThemeError::UnknownSubtheme)
        );
        assert_eq!(
            ThemeChoice::parse("marketing", None),
            Err(ThemeError::UnknownTheme)
        );
    }

    #[test]
    fn label_follows_the_manual() {
        let c = ThemeChoice::parse("digitalisering", Some("infrastructuur")).unwrap();
        assert_eq!(c.label(), "Digitalisering - Infrastructuur");
    }
}
