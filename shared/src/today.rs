//! Which calendar day it is in Belgium. RULES.md §6 counts deadlines in calendar days, and the
//! product's "today" (the simulator's default date, the deadline job) is the day in Brussels,
//! whether the clock asking runs at the edge (UTC) or in a browser anywhere.
//!
//! Belgium is on CET (UTC+1) with EU summer time (UTC+2) from the last Sunday of March, 01:00
//! UTC, to the last Sunday of October, 01:00 UTC (Directive 2000/84/EC). A time-zone database
//! would cost the browser bundle far more than these lines.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime};

/// The Belgian calendar day at `unix_millis` (milliseconds since 1970-01-01 UTC).
pub fn belgian_date(unix_millis: i64) -> NaiveDate {
    let utc = DateTime::from_timestamp_millis(unix_millis)
        .unwrap_or_default()
        .naive_utc();
    let offset = if is_summer_time(utc) { 2 } else { 1 };
    (utc + Duration::hours(offset)).date()
}

fn is_summer_time(utc: NaiveDateTime) -> bool {
    let year = utc.year();
    let starts = last_sunday(year, 3).and_hms_opt(1, 0, 0);
    let ends = last_sunday(year, 10).and_hms_opt(1, 0, 0);
    matches!((starts, ends), (Some(s), Some(e)) if utc >= s && utc < e)
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let last_day = NaiveDate::from_ymd_opt(year, month + 1, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or_default();
    let back = last_day.weekday().num_days_from_sunday();
    last_day - Duration::days(i64::from(back))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis(s: &str) -> i64 {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
            .timestamp_millis()
    }

    #[test]
    fn the_belgian_day_starts_at_23h_utc_in_winter_and_22h_in_summer() {
        let cases = [
            ("2026-11-22 22:59", "2026-11-22"),
            ("2026-11-22 23:00", "2026-11-23"),
            ("2026-07-01 21:59", "2026-07-01"),
            ("2026-07-01 22:00", "2026-07-02"),
            ("2026-12-31 23:30", "2027-01-01"),
        ];
        for (utc, day) in cases {
            assert_eq!(belgian_date(millis(utc)).to_string(), day, "{utc}");
        }
    }

    #[test]
    fn summer_time_runs_from_the_last_sunday_of_march_to_the_last_sunday_of_october() {
        assert_eq!(last_sunday(2026, 3).to_string(), "2026-03-29");
        assert_eq!(last_sunday(2026, 10).to_string(), "2026-10-25");
        // 2026-03-29 00:59 UTC is still winter (01:59 local); 22:30 UTC that day is summer.
        assert_eq!(
            belgian_date(millis("2026-03-28 23:30")).to_string(),
            "2026-03-29"
        );
        assert_eq!(
            belgian_date(millis("2026-03-29 22:30")).to_string(),
            "2026-03-30"
        );
        assert_eq!(
            belgian_date(millis("2026-10-25 22:30")).to_string(),
            "2026-10-25"
        );
    }
}
