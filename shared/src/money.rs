//! `Money`: an amount in euro with exactly two decimals, never negative.
//!
//! RULES.md §5: money is `rust_decimal::Decimal`, euro with two decimals. A `Money` can only be
//! made by parsing (API strings, user input) or by the rounding functions here, so every amount
//! in the product is a whole number of cents and within [`Money::MAX`].

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An amount of euro, `0.00 ..= Money::MAX`, always held with scale 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

/// Why a text is not an amount of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// Empty or not a decimal number.
    NotANumber,
    /// Below zero.
    Negative,
    /// More than two decimals (cents are the smallest unit).
    TooManyDecimals,
    /// Above [`Money::MAX`].
    TooLarge,
}

impl MoneyError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            MoneyError::NotANumber => "not_a_number",
            MoneyError::Negative => "negative_amount",
            MoneyError::TooManyDecimals => "too_many_decimals",
            MoneyError::TooLarge => "amount_too_large",
        }
    }

    /// Dutch message for people.
    pub fn message(self) -> String {
        match self {
            MoneyError::NotANumber => "Vul een bedrag in, bijvoorbeeld 1250,00.".to_string(),
            MoneyError::Negative => "Het bedrag mag niet negatief zijn.".to_string(),
            MoneyError::TooManyDecimals => {
                "Een bedrag heeft hoogstens twee cijfers na de komma.".to_string()
            }
            MoneyError::TooLarge => format!(
                "Het bedrag mag niet hoger zijn dan {}.",
                crate::format::euro(Money::MAX)
            ),
        }
    }
}

impl Money {
    /// Zero euro.
    pub const ZERO: Money = Money(Decimal::from_parts(0, 0, 0, false, 2));
    /// The largest amount the product accepts: € 10.000.000,00. No training or advice project
    /// of an SME comes near it; anything larger is a typing error or an attack.
    pub const MAX: Money = Money(Decimal::from_parts(1_000_000_000, 0, 0, false, 2));

    /// A whole number of euro; only rule tables call this, with constants within range.
    pub const fn from_whole_euro(euro: u32) -> Money {
        Money(Decimal::from_parts(euro.wrapping_mul(100), 0, 0, false, 2))
    }

    /// Parses the API form: a plain decimal with a point (`"980"`, `"980.5"`, `"980.00"`).
    pub fn parse(s: &str) -> Result<Money, MoneyError> {
        let s = s.trim();
        let plain = !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
            && s.chars().filter(|c| *c == '.').count() <= 1
            && s.chars().skip(1).all(|c| c != '-')
            && s.chars().any(|c| c.is_ascii_digit())
            && !s.starts_with('.')
            && !s.ends_with('.');
        if !plain || s.len() > 32 {
            return Err(MoneyError::NotANumber);
        }
        let d = Decimal::from_str(s).map_err(|_| MoneyError::NotANumber)?;
        Money::from_decimal(d)
    }

    /// Parses an amount sent to the API, exactly as `MoneyInput` in openapi.json describes it:
    /// `0` or digits without a leading zero, optionally a point and one or two decimals, at most
    /// 10,000,000 (`"980"`, `"980.5"`, `"980.00"`). No sign, no spaces, no exponent: what the
    /// schema refuses the server refuses, and the other way round.
    pub fn parse_api(s: &str) -> Result<Money, MoneyError> {
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        let (int, frac) = match s.split_once('.') {
            Some((int, frac)) => (int, Some(frac)),
            None => (s, None),
        };
        let int_ok = digits(int) && (int == "0" || !int.starts_with('0')) && int.len() <= 8;
        match frac {
            _ if s.starts_with('-') => Err(MoneyError::Negative),
            _ if !int_ok => Err(MoneyError::NotANumber),
            Some(f) if !digits(f) => Err(MoneyError::NotANumber),
            Some(f) if f.len() > 2 => Err(MoneyError::TooManyDecimals),
            _ => Money::parse(s),
        }
    }

    /// Parses what a person types in a Belgian form: `1.234,56`, `1234,56`, `7.000`, `€ 980`.
    /// A comma is the decimal separator and points before it are thousands separators. Without
    /// a comma, points in groups of three (`7.000`, `1.250.000`) are thousands too, as a Belgian
    /// writes them; any other text is read in the API form (`1234.5`).
    pub fn parse_nl(s: &str) -> Result<Money, MoneyError> {
        Money::parse(&api_form_nl(s).ok_or(MoneyError::NotANumber)?)
    }

    /// Accepts a decimal that is a whole number of cents within range.
    pub fn from_decimal(d: Decimal) -> Result<Money, MoneyError> {
        if d.is_sign_negative() && !d.is_zero() {
            return Err(MoneyError::Negative);
        }
        if d.normalize().scale() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        let m = Money::scaled(d.abs());
        if m > Money::MAX {
            return Err(MoneyError::TooLarge);
        }
        Ok(m)
    }

    /// From whole cents (used by tests and generators).
    pub fn from_cents(cents: i64) -> Result<Money, MoneyError> {
        Money::from_decimal(Decimal::new(cents, 2))
    }

    /// Rounds down to the cent (towards zero). Negative input counts as zero.
    pub fn round_down(d: Decimal) -> Money {
        Money::clamped(d.round_dp_with_strategy(2, RoundingStrategy::ToZero))
    }

    /// Rounds half away from zero to the cent (the usual commercial rounding).
    pub fn round_half_up(d: Decimal) -> Money {
        Money::clamped(d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }

    fn clamped(d: Decimal) -> Money {
        if d.is_sign_negative() {
            Money::ZERO
        } else {
            Money::scaled(d).min(Money::MAX)
        }
    }

    fn scaled(mut d: Decimal) -> Money {
        d.rescale(2);
        Money(d)
    }

    /// The amount as a `Decimal` (scale 2).
    pub fn amount(self) -> Decimal {
        self.0
    }

    /// Whole cents.
    pub fn cents(self) -> i64 {
        // Bounded by MAX (10^9 cents), so the mantissa always fits an i64.
        self.0.mantissa() as i64
    }

    /// `self - other`, or `None` when that would be negative.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        (self.0 >= other.0).then(|| Money::scaled(self.0 - other.0))
    }

    /// `self - other`, floored at zero.
    pub fn saturating_sub(self, other: Money) -> Money {
        self.checked_sub(other).unwrap_or(Money::ZERO)
    }

    /// `self + other`, or `None` above [`Money::MAX`].
    pub fn checked_add(self, other: Money) -> Option<Money> {
        let sum = Money::scaled(self.0 + other.0);
        (sum <= Money::MAX).then_some(sum)
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
}

/// `7.000`, `12.500`, `1.250.000`: digits in groups of three after a first group of one to three.
/// A number typed the Belgian way (`1.234,56`, `7.000`, `€ 980`, `12,5`) in the API's form
/// (`1234.56`, `7000`, `980`, `12.5`), not bounded like an amount; `None` when a point follows
/// the decimal comma. Other text is returned as typed (trimmed), for the parser to name.
pub fn api_form_nl(s: &str) -> Option<String> {
    let s: String = s
        .trim()
        .trim_start_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if s.contains(',') {
        let (int, frac) = s.rsplit_once(',')?;
        if frac.contains('.') {
            return None;
        }
        Some(format!("{}.{frac}", int.replace('.', "")))
    } else if is_thousands_grouped(&s) {
        Some(s.replace('.', ""))
    } else {
        Some(s)
    }
}

fn is_thousands_grouped(s: &str) -> bool {
    let mut groups = s.split('.');
    let first = groups.next().unwrap_or_default();
    let rest: Vec<&str> = groups.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// The API form: `"1234.56"`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        let s = String::deserialize(d)?;
        Money::parse(&s).map_err(|e| serde::de::Error::custom(e.code()))
    }
}

/// A sum of amounts (a provider's payments received, across all its projects): never negative,
/// without the bound of a single [`Money`] amount, written like one (`"12500000.00"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Total(i64);

impl Total {
    /// The sum of `amounts`.
    pub fn of(amounts: impl IntoIterator<Item = Money>) -> Total {
        Total(amounts.into_iter().map(Money::cents).sum())
    }

    /// A sum of whole cents as a database adds them up; a negative one is no sum of amounts.
    pub fn from_cents(cents: i64) -> Option<Total> {
        (cents >= 0).then_some(Total(cents))
    }

    pub fn cents(self) -> i64 {
        self.0
    }
}

impl fmt::Display for Total {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl Serialize for Total {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Total {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Total, D::Error> {
        let s = String::deserialize(d)?;
        let (whole, cents) = s
            .split_once('.')
            .filter(|(w, c)| {
                !w.is_empty()
                    && c.len() == 2
                    && w.len() <= 16
                    && w.bytes().chain(c.bytes()).all(|b| b.is_ascii_digit())
            })
            .ok_or_else(|| serde::de::Error::custom("not_a_total"))?;
        let parse = |t: &str| t.parse::<i64>().map_err(serde::de::Error::custom);
        Ok(Total(parse(whole)? * 100 + parse(cents)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn parses_the_api_form_and_always_shows_two_decimals() {
        for (input, shown) in [
            ("980", "980.00"),
            ("980.5", "980.50"),
            ("980.00", "980.00"),
            ("0", "0.00"),
            (" 12.30 ", "12.30"),
            ("10000000.00", "10000000.00"),
        ] {
            assert_eq!(m(input).to_string(), shown, "{input}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for (input, err) in [
            ("", MoneyError::NotANumber),
            ("abc", MoneyError::NotANumber),
            ("1e3", MoneyError::NotANumber),
            ("1,5", MoneyError::NotANumber),
            (".5", MoneyError::NotANumber),
            ("5.", MoneyError::NotANumber),
            ("1.2.3", MoneyError::NotANumber),
            ("--1", MoneyError::NotANumber),
            ("NaN", MoneyError::NotANumber),
            ("-1.00", MoneyError::Negative),
            ("1.001", MoneyError::TooManyDecimals),
            ("10000000.01", MoneyError::TooLarge),
            ("99999999999999999999999999999", MoneyError::NotANumber),
            ("123456789012345678901234567890123", MoneyError::NotANumber),
        ] {
            assert_eq!(Money::parse(input), Err(err), "{input}");
        }
    }

    #[test]
    fn a_total_goes_past_the_bound_of_one_amount() {
        let ten_million = Money::MAX;
        let t = Total::of([ten_million, Money::from_cents(250).unwrap()]);
        assert_eq!(t.to_string(), "10000002.50");
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Total>(&json).unwrap(), t);
        assert!(serde_json::from_str::<Total>("\"1.5\"").is_err());
    }

    #[test]
    fn the_api_form_is_strict() {
        for (input, shown) in [
            ("0", "0.00"),
            ("980", "980.00"),
            ("980.5", "980.50"),
            ("0.01", "0.01"),
            ("10000000.00", "10000000.00"),
        ] {
            assert_eq!(
                Money::parse_api(input).map(|m| m.to_string()),
                Ok(shown.to_string()),
                "{input}"
            );
        }
        for (input, err) in [
            ("", MoneyError::NotANumber),
            (" 980", MoneyError::NotANumber),
            ("980 ", MoneyError::NotANumber),
            ("980\n", MoneyError::NotANumber),
            ("007", MoneyError::NotANumber),
            ("1.500", MoneyError::TooManyDecimals),
            ("-0", MoneyError::Negative),
            ("-5", MoneyError::Negative),
            ("1e3", MoneyError::NotANumber),
            ("5.", MoneyError::NotANumber),
            (".5", MoneyError::NotANumber),
            ("10000000.01", MoneyError::TooLarge),
            ("123456789", MoneyError::NotANumber),
        ] {
            assert_eq!(Money::parse_api(input), Err(err), "{input:?}");
        }
    }

    #[test]
    fn trailing_zero_decimals_beyond_cents_are_accepted() {
        assert_eq!(m("1.500").to_string(), "1.50");
        assert_eq!(m("-0").to_string(), "0.00");
    }

    #[test]
    fn parses_belgian_input() {
        for (input, value) in [
            ("1.234,56", "1234.56"),
            ("1234,5", "1234.50"),
            ("€ 980", "980.00"),
            ("1234.56", "1234.56"),
            ("1 250,00", "1250.00"),
            ("7.000", "7000.00"),
            ("1.250.000", "1250000.00"),
            ("7.5", "7.50"),
            ("12.34", "12.34"),
        ] {
            assert_eq!(
                Money::parse_nl(input).unwrap().to_string(),
                value,
                "{input}"
            );
        }
        assert_eq!(Money::parse_nl("1,2,3"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse_nl("1,23.4"), Err(MoneyError::NotANumber));
    }

    #[test]
    fn rounding_down_and_half_up() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(Money::round_down(d("333.3399")).to_string(), "333.33");
        assert_eq!(Money::round_half_up(d("99.995")).to_string(), "100.00");
        assert_eq!(Money::round_half_up(d("99.994")).to_string(), "99.99");
        assert_eq!(Money::round_down(d("-5")), Money::ZERO);
    }

    #[test]
    fn arithmetic_never_goes_negative_or_above_max() {
        assert_eq!(m("5").checked_sub(m("6")), None);
        assert_eq!(m("5").saturating_sub(m("6")), Money::ZERO);
        assert_eq!(Money::MAX.checked_add(m("0.01")), None);
        assert_eq!(m("0.10").checked_add(m("0.20")), Some(m("0.30")));
        assert_eq!(m("12.34").cents(), 1234);
    }

    #[test]
    fn serde_uses_strings() {
        assert_eq!(serde_json::to_string(&m("5")).unwrap(), "\"5.00\"");
        let back: Money = serde_json::from_str("\"7.1\"").unwrap();
        assert_eq!(back, m("7.10"));
        assert!(serde_json::from_str::<Money>("7.1").is_err());
    }
}
