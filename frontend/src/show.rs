//! How the API's values are shown: money `"1234.56"` as `€ 1.234,56` and dates `YYYY-MM-DD`
//! as `dd/mm/yyyy`, both by `shared::format`. Nothing here computes an amount.

use chrono::NaiveDate;
use serde_json::Value;
use shared::format;
use shared::money::Money;

/// A money field of an API answer, formatted; empty when absent.
pub fn euro(v: &Value) -> String {
    money(v).map(format::euro).unwrap_or_default()
}

pub fn money(v: &Value) -> Option<Money> {
    v.as_str().and_then(|s| Money::parse(s).ok())
}

/// A date field (`YYYY-MM-DD`, or a timestamp starting with one), formatted.
pub fn date(v: &Value) -> String {
    day(v).map(format::date).unwrap_or_default()
}

pub fn day(v: &Value) -> Option<NaiveDate> {
    let s = v.as_str()?;
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// A text field, empty when absent.
pub fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// `★★★★☆` for a whole number of stars out of five.
pub fn stars(n: u8) -> String {
    let n = usize::from(n.min(5));
    format!("{}{}", "★".repeat(n), "☆".repeat(5 - n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn api_values_are_shown_the_belgian_way() {
        assert_eq!(euro(&json!("1234.56")), "€ 1.234,56");
        assert_eq!(euro(&json!(null)), "");
        assert_eq!(date(&json!("2026-04-21")), "21/04/2026");
        assert_eq!(date(&json!("2026-04-21 10:00:00")), "21/04/2026");
        assert_eq!(text(&json!(2026)), "2026");
        assert_eq!(stars(4), "★★★★☆");
    }
}
