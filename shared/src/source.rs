//! The legal texts and documents the rules rest on (RULES.md §1b, the seeds), cited by every
//! explanation ([`crate::explanation`]) and listed per regime (`GET /api/v1/regimes`).
//!
//! Titles are as the texts name themselves; the decree's and the government decision's are
//! quoted from the declaration on honour of manual 003 (step 4). Only articles a source names
//! are cited: art. 18 (rates) and art. 31 (eligible costs) in RULES.md §1b, art. 3(2) of the
//! de minimis Regulation; elsewhere the reference says what the text settles, not an article.

use serde::Serialize;

/// One text, and the part of it that matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Source {
    /// The text as it names itself.
    pub title: &'static str,
    /// The article, or what the text settles.
    pub reference: &'static str,
}

impl Source {
    /// "title, reference": how an explanation cites it.
    pub fn cite(&self) -> String {
        format!("{}, {}", self.title, self.reference)
    }
}

const BVR_2016_TITLE: &str = "Besluit van de Vlaamse Regering van 26 februari 2016 tot \
    toekenning van steun aan kleine en middelgrote ondernemingen voor \
    ondernemerschapsbevorderende diensten en kmo-groeitrajecten";

/// The decree the support rests on.
pub const DECREE_2012: Source = Source {
    title: "Decreet van 16 maart 2012 betreffende het economisch ondersteuningsbeleid",
    reference: "rechtsgrond van de kmo-portefeuille",
};

/// The government decision that organises the kmo-portefeuille.
pub const BVR_2016: Source = Source {
    title: BVR_2016_TITLE,
    reference: "steun per onderneming per kalenderjaar, aanvraag en eigen bijdrage",
};

/// Art. 18: the support rates.
pub const BVR_2016_ART_18: Source = Source {
    title: BVR_2016_TITLE,
    reference: "art. 18 (steunpercentages)",
};

/// The ministerial decree of 30 March 2016, art. 31: which costs count.
pub const MB_2016_ART_31: Source = Source {
    title: "Ministerieel besluit van 30 maart 2016 (uitvoering van de kmo-portefeuille)",
    reference: "art. 31 (aanvaardbare kosten)",
};

/// The ministerial decree of 7 September 2021: the higher rate for cybersecurity.
pub const MB_2021: Source = Source {
    title: "Ministerieel besluit van 7 september 2021",
    reference: "wijziging van art. 18: verhoogd steunpercentage voor cybersecurity \
        (aanvragen vanaf 13 september 2021)",
};

/// The 2026 reform.
pub const VR_2026: Source = Source {
    title: "Beslissing van de Vlaamse Regering van 23 januari 2026",
    reference: "hervorming van de kmo-portefeuille vanaf 1 februari 2026 (VLAIO-nieuwsbericht)",
};

/// The EU SME definition.
pub const SME_RECOMMENDATION: Source = Source {
    title: "Aanbeveling 2003/361/EG van de Commissie van 6 mei 2003 betreffende de definitie \
        van kleine, middelgrote en micro-ondernemingen",
    reference: "bijlage, art. 2 tot 6 (drempels, partner- en verbonden ondernemingen)",
};

/// The de minimis Regulation.
pub const DE_MINIMIS_REGULATION: Source = Source {
    title: "Verordening (EU) 2023/2831 van de Commissie van 13 december 2023 betreffende de \
        toepassing van de artikelen 107 en 108 van het Verdrag betreffende de werking van de \
        Europese Unie op de-minimissteun",
    reference: "art. 3, lid 2 (€ 300.000 over elke periode van drie jaar)",
};

/// The official manual: how the amounts are split (step 2).
pub const MANUAL_AMOUNTS: Source = Source {
    title: "VLAIO, Handleiding kmo-portefeuille voor ondernemingen (versie 16 juni 2025)",
    reference: "stap 2: kost, projectbedrag, bijdrage onderneming en bijdrage Vlaamse overheid",
};

/// The 2023 reform: the eight themes (seed 002).
pub const THEMES_2023: Source = Source {
    title: "Hervorming kmo-portefeuille 2023 (Syntra Midden-Vlaanderen, seed 002)",
    reference: "acht thema's vanaf 1 januari 2023",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_names_the_text_and_the_part() {
        assert_eq!(
            BVR_2016_ART_18.cite(),
            format!("{BVR_2016_TITLE}, art. 18 (steunpercentages)")
        );
        assert!(DE_MINIMIS_REGULATION.cite().contains("2023/2831"));
        assert!(!DE_MINIMIS_REGULATION.title.contains("  "));
    }
}
