//! How the API's values are shown: money as `€ 1.234,56` and dates as `dd/mm/yyyy`, both by
//! `shared::format`; a moment by its day. Nothing here computes an amount.

use chrono::NaiveDate;
use shared::api::Timestamp;
pub use shared::format::{date, euro, euro_total};

/// The day of a moment as the API sends it (`YYYY-MM-DD HH:MM:SS`), formatted; empty when it
/// does not start with a date.
pub fn day_of(moment: &Timestamp) -> String {
    moment
        .0
        .get(..10)
        .and_then(|d| d.parse::<NaiveDate>().ok())
        .map(date)
        .unwrap_or_default()
}

/// `★★★★☆` for a whole number of stars out of five.
pub fn stars(n: u8) -> String {
    let n = usize::from(n.min(5));
    format!("{}{}", "★".repeat(n), "☆".repeat(5 - n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::money::Money;

    #[test]
    fn api_values_are_shown_the_belgian_way() {
        assert_eq!(euro(Money::parse("1234.56").unwrap()), "€ 1.234,56");
        assert_eq!(day_of(&Timestamp(String::new())), "");
        let day = NaiveDate::from_ymd_opt(2026, 4, 21).unwrap();
        assert_eq!(date(day), "21/04/2026");
        assert_eq!(
            day_of(&Timestamp("2026-04-21 10:00:00".into())),
            "21/04/2026"
        );
        assert_eq!(stars(4), "★★★★☆");
    }
}
