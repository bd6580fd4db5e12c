//! `Rating`: the enterprise's rating of its service provider (beoordeling van de dienstverlener).
//!
//! RULES.md §7, manual 003 "Beoordelen prestaties dienstverlener": after payment; "een score in
//! aantal sterren, gaande van 1 (zeer ontevreden) tot 5 (zeer tevreden)" (required), "Toelichting
//! (max. 500 tekens)" (optional), "Mijn naam en bedrijfsnaam mogen samen met mijn beoordeling
//! gepubliceerd worden" (published anonymously unless ticked; the provider always sees who
//! rated), "Ik ontvang graag ook zelf een kopie van deze feedback in mijn inbox".

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::FieldError;

/// "max. 500 tekens": counted in characters, not bytes.
pub const MAX_TEXT_CHARS: usize = 500;

/// A score of 1 (zeer ontevreden) to 5 (zeer tevreden) stars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stars(u8);

/// The explanation (toelichting): trimmed, at most 500 characters, may be empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RatingText(String);

/// A complete, valid rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    stars: Stars,
    text: RatingText,
    /// Publish the rater's name and company with the rating; otherwise it is published
    /// anonymously (the provider itself always sees who rated).
    publish_name: bool,
    /// Send the rater a copy by mail.
    copy_by_mail: bool,
}

/// Why a part of a rating cannot be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingError {
    /// No score was given.
    StarsRequired,
    /// The score is not 1 to 5.
    StarsOutOfRange,
    /// The explanation is longer than 500 characters.
    TextTooLong,
    /// The explanation holds a control character (other than a line break or tab).
    TextInvalidCharacter,
}

impl RatingError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            RatingError::StarsRequired => "stars_required",
            RatingError::StarsOutOfRange => "stars_out_of_range",
            RatingError::TextTooLong => "rating_text_too_long",
            RatingError::TextInvalidCharacter => "rating_text_invalid_character",
        }
    }

    /// Dutch message for people.
    pub fn message(self) -> String {
        match self {
            RatingError::StarsRequired | RatingError::StarsOutOfRange => {
                "Geef een score van 1 (zeer ontevreden) tot 5 (zeer tevreden) sterren.".to_string()
            }
            RatingError::TextTooLong => {
                format!("De toelichting telt hoogstens {MAX_TEXT_CHARS} tekens.")
            }
            RatingError::TextInvalidCharacter => {
                "De toelichting bevat een teken dat niet toegestaan is.".to_string()
            }
        }
    }

    /// The request field the error is about: `stars` or `text`.
    pub fn field(self) -> &'static str {
        match self {
            RatingError::StarsRequired | RatingError::StarsOutOfRange => "stars",
            RatingError::TextTooLong | RatingError::TextInvalidCharacter => "text",
        }
    }

    fn field_error(self) -> FieldError {
        FieldError::new(self.field(), self.code(), self.message())
    }
}

impl Stars {
    /// The score `n`, which must be 1 to 5.
    pub fn new(n: i64) -> Result<Stars, RatingError> {
        match u8::try_from(n) {
            Ok(n @ 1..=5) => Ok(Stars(n)),
            _ => Err(RatingError::StarsOutOfRange),
        }
    }

    /// 1 to 5.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl RatingText {
    /// Trims the explanation and checks its length (≤ 500 characters) and characters (no
    /// control characters besides line breaks and tabs). An empty explanation is allowed.
    pub fn parse(s: &str) -> Result<RatingText, RatingError> {
        let s = s.trim();
        if s.chars().count() > MAX_TEXT_CHARS {
            return Err(RatingError::TextTooLong);
        }
        if s.chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            return Err(RatingError::TextInvalidCharacter);
        }
        Ok(RatingText(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Rating {
    /// Builds a rating from the parts of the form, reporting every wrong part at once (fields
    /// `stars` and `text`). `stars` is `None` when no score was chosen.
    pub fn parse(
        stars: Option<i64>,
        text: &str,
        publish_name: bool,
        copy_by_mail: bool,
    ) -> Result<Rating, Vec<FieldError>> {
        let stars = stars.ok_or(RatingError::StarsRequired).and_then(Stars::new);
        let text = RatingText::parse(text);
        match (stars, text) {
            (Ok(stars), Ok(text)) => Ok(Rating {
                stars,
                text,
                publish_name,
                copy_by_mail,
            }),
            (stars, text) => Err([stars.err(), text.err()]
                .into_iter()
                .flatten()
                .map(RatingError::field_error)
                .collect()),
        }
    }

    pub fn stars(&self) -> Stars {
        self.stars
    }

    /// The explanation, trimmed; may be empty.
    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    /// Whether name and company may be published with the rating (otherwise anonymous).
    pub fn publish_name(&self) -> bool {
        self.publish_name
    }

    /// Whether the rater gets a copy by mail.
    pub fn copy_by_mail(&self) -> bool {
        self.copy_by_mail
    }
}

/// `★★★☆☆`, as the manual shows a score.
impl fmt::Display for Stars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let full = usize::from(self.0);
        write!(f, "{}{}", "★".repeat(full), "☆".repeat(5 - full))
    }
}

/// A number, `3`.
impl Serialize for Stars {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}

impl<'de> Deserialize<'de> for Stars {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Stars, D::Error> {
        let n = i64::deserialize(d)?;
        Stars::new(n).map_err(|e| serde::de::Error::custom(e.code()))
    }
}

impl Serialize for RatingText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for RatingText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RatingText, D::Error> {
        let s = String::deserialize(d)?;
        RatingText::parse(&s).map_err(|e| serde::de::Error::custom(e.code()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn codes(errors: &[FieldError]) -> Vec<(&str, &str)> {
        errors.iter().map(|e| (e.field.as_str(), e.code)).collect()
    }

    #[test]
    fn rating_of_one_to_five_stars_with_or_without_explanation_is_accepted() {
        for (stars, text) in [
            (1, ""),
            (5, "Zeer goede opleiding, duidelijke lesgever."),
            (3, "  Goed, maar te kort.  "),
            (4, "Regel één\nRegel twee"),
        ] {
            let r = Rating::parse(Some(stars), text, false, true).unwrap();
            assert_eq!(i64::from(r.stars().get()), stars);
            assert_eq!(r.text(), text.trim());
            assert!(!r.publish_name());
            assert!(r.copy_by_mail());
        }
    }

    #[test]
    fn rating_without_stars_or_outside_one_to_five_is_refused() {
        for (stars, code) in [
            (None, "stars_required"),
            (Some(0), "stars_out_of_range"),
            (Some(6), "stars_out_of_range"),
            (Some(-1), "stars_out_of_range"),
            (Some(256 + 3), "stars_out_of_range"),
        ] {
            let errors = Rating::parse(stars, "", true, false).unwrap_err();
            assert_eq!(codes(&errors), [("stars", code)], "{stars:?}");
        }
    }

    #[test]
    fn explanation_of_500_characters_is_accepted_and_501_refused() {
        // "é" is two bytes: the limit counts characters.
        let five_hundred = "é".repeat(MAX_TEXT_CHARS);
        assert_eq!(
            Rating::parse(Some(4), &five_hundred, false, false)
                .unwrap()
                .text(),
            five_hundred
        );
        let errors = Rating::parse(Some(4), &"é".repeat(501), false, false).unwrap_err();
        assert_eq!(codes(&errors), [("text", "rating_text_too_long")]);
        // Surrounding spaces do not count.
        let padded = format!("  {five_hundred}  ");
        assert!(Rating::parse(Some(4), &padded, false, false).is_ok());
    }

    #[test]
    fn explanation_with_control_characters_is_refused() {
        let errors = Rating::parse(Some(2), "slecht\u{0}", false, false).unwrap_err();
        assert_eq!(codes(&errors), [("text", "rating_text_invalid_character")]);
    }

    #[test]
    fn every_wrong_part_is_reported_at_once() {
        let errors = Rating::parse(Some(9), &"x".repeat(600), false, false).unwrap_err();
        assert_eq!(
            codes(&errors),
            [
                ("stars", "stars_out_of_range"),
                ("text", "rating_text_too_long")
            ]
        );
        assert!(errors.iter().all(|e| !e.message.is_empty()));
    }

    #[test]
    fn stars_are_shown_as_in_the_manual() {
        assert_eq!(Stars::new(3).unwrap().to_string(), "★★★☆☆");
        assert_eq!(Stars::new(5).unwrap().to_string(), "★★★★★");
        assert_eq!(Stars::new(1).unwrap().to_string(), "★☆☆☆☆");
    }

    #[test]
    fn serde_round_trips_and_refuses_invalid_parts() {
        let r = Rating::parse(Some(4), "Goed", true, false).unwrap();
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"{"stars":4,"text":"Goed","publish_name":true,"copy_by_mail":false}"#
        );
        assert_eq!(serde_json::from_str::<Rating>(&json).unwrap(), r);
        let bad = r#"{"stars":6,"text":"","publish_name":true,"copy_by_mail":false}"#;
        assert!(serde_json::from_str::<Rating>(bad).is_err());
    }

    proptest! {
        #[test]
        fn any_score_from_one_to_five_and_short_text_is_a_rating(
            stars in 1i64..=5,
            text in "\\PC{0,500}",
        ) {
            let r = Rating::parse(Some(stars), &text, false, false).unwrap();
            prop_assert_eq!(i64::from(r.stars().get()), stars);
            prop_assert!(r.text().chars().count() <= MAX_TEXT_CHARS);
        }

        #[test]
        fn no_score_outside_one_to_five_is_accepted(stars in any::<i64>()) {
            prop_assume!(!(1..=5).contains(&stars));
            prop_assert_eq!(Stars::new(stars), Err(RatingError::StarsOutOfRange));
        }
    }
}
