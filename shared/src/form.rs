//! Reading a JSON request body field by field, collecting every field error at once.
//!
//! The API promises `{ "errors": [{ "field", "code", "message" }] }` naming each wrong field,
//! so parsing does not stop at the first problem. Unknown fields are refused too: a misspelt
//! optional field would otherwise be silently ignored.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::error::FieldError;
use crate::money::Money;

/// A JSON object being read; every accessor records its field as known.
pub struct Fields<'a> {
    object: &'a Map<String, Value>,
    labels: &'a [(&'static str, &'static str)],
    errors: Vec<FieldError>,
    /// Before every field's name in errors: `costs.catering.` for a nested object.
    prefix: String,
}

impl<'a> Fields<'a> {
    /// `labels` lists every accepted field with its Dutch label (used in messages).
    pub fn new(
        body: &'a Value,
        labels: &'a [(&'static str, &'static str)],
    ) -> Result<Fields<'a>, Vec<FieldError>> {
        match body.as_object() {
            Some(object) => Ok(Fields {
                object,
                labels,
                errors: Vec::new(),
                prefix: String::new(),
            }),
            None => Err(vec![FieldError::new(
                "",
                "body_not_an_object",
                "De aanvraag moet een JSON-object zijn.",
            )]),
        }
    }

    /// An object inside a body, named `prefix` in errors (`costs.catering`): its fields are
    /// named `prefix.field`.
    pub fn nested(
        value: &'a Value,
        prefix: &str,
        labels: &'a [(&'static str, &'static str)],
    ) -> Result<Fields<'a>, Vec<FieldError>> {
        match value.as_object() {
            Some(object) => Ok(Fields {
                object,
                labels,
                errors: Vec::new(),
                prefix: format!("{prefix}."),
            }),
            None => Err(vec![FieldError::new(
                prefix,
                "expected_object",
                "verwacht een object met velden.",
            )]),
        }
    }

    /// The value of `field` when the key is there, `null` included.
    pub fn present(&self, field: &str) -> Option<&'a Value> {
        self.object.get(field)
    }

    /// The full name of `field` in errors.
    pub fn path(&self, field: &str) -> String {
        format!("{}{field}", self.prefix)
    }

    /// Takes over the errors of a nested object.
    pub fn extend(&mut self, errors: Vec<FieldError>) {
        self.errors.extend(errors);
    }

    /// A whole number from `min` to `max` that must be present.
    pub fn required_count(&mut self, field: &str, min: u32, max: u32) -> Option<u32> {
        let value = self.object.get(field);
        // JSON has one number type: `2.0` is the whole number 2, as JSON Schema's integer says.
        let whole = value.and_then(|v| {
            v.as_u64().or_else(|| {
                v.as_f64()
                    .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                    .map(|f| f as u64)
            })
        });
        match whole {
            Some(n) if n >= u64::from(min) && n <= u64::from(max) => u32::try_from(n).ok(),
            _ if value.is_none_or(Value::is_null) => {
                self.error(field, "required", "dit veld is verplicht.");
                None
            }
            _ => {
                self.error(
                    field,
                    "invalid_count",
                    format!("een geheel getal van {min} tot {max}."),
                );
                None
            }
        }
    }

    fn label(&self, field: &str) -> &'static str {
        self.labels
            .iter()
            .find(|(f, _)| *f == field)
            .map_or("Veld", |(_, l)| *l)
    }

    /// Records an error for `field`.
    pub fn error(&mut self, field: &str, code: &'static str, message: impl Into<String>) {
        let message = format!("{}: {}", self.label(field), message.into());
        let path = self.path(field);
        self.errors.push(FieldError::new(&path, code, message));
    }

    /// A string field; `null` and absent count as missing.
    pub fn optional_str(&mut self, field: &str) -> Option<&'a str> {
        match self.object.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.as_str()),
            Some(_) => {
                self.error(
                    field,
                    "expected_string",
                    "verwacht tekst tussen aanhalingstekens.",
                );
                None
            }
        }
    }

    pub fn required_str(&mut self, field: &str) -> Option<&'a str> {
        let present = matches!(self.object.get(field), Some(v) if !v.is_null());
        let value = self.optional_str(field);
        if !present {
            self.error(field, "required", "dit veld is verplicht.");
        }
        value
    }

    /// A required line of text, trimmed: 1 to `max_chars` characters, no control characters.
    /// Anything else records `code` with `hint` (what to fill in). Exactly what
    /// [`line_of_text_pattern`] says to API clients (openapi.json).
    pub fn required_text(
        &mut self,
        field: &str,
        max_chars: usize,
        code: &'static str,
        hint: &str,
    ) -> Option<String> {
        let raw = self.required_str(field)?;
        let fits = is_line_of_text(raw, max_chars);
        if !fits {
            self.error(field, code, hint);
        }
        fits.then(|| raw.trim().to_string())
    }

    /// A value from a fixed list of ids.
    pub fn required_choice<T>(
        &mut self,
        field: &str,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &[&str],
    ) -> Option<T> {
        let raw = self.required_str(field)?;
        self.choice(field, raw, parse, allowed)
    }

    /// A value from a fixed list of ids, or nothing when the field is absent or `null`.
    pub fn optional_choice<T>(
        &mut self,
        field: &str,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &[&str],
    ) -> Option<T> {
        let raw = self.optional_str(field)?;
        self.choice(field, raw, parse, allowed)
    }

    fn choice<T>(
        &mut self,
        field: &str,
        raw: &str,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &[&str],
    ) -> Option<T> {
        let parsed = parse(raw);
        if parsed.is_none() {
            self.error(
                field,
                "unknown_value",
                format!("kies een van: {}.", allowed.join(", ")),
            );
        }
        parsed
    }

    /// An e-mail address read from `raw` (the value of `field`), trimmed; the error recorded when
    /// it is not one.
    pub fn email(&mut self, field: &str, raw: &str) -> Option<String> {
        let e = raw.trim();
        if is_plausible_email(e) {
            Some(e.to_string())
        } else {
            self.error(
                field,
                "invalid_email",
                "geef een geldig e-mailadres, bv. naam@bedrijf.be.",
            );
            None
        }
    }

    /// A Belgian IBAN read from `raw` (the value of `field`), in electronic form; the error
    /// recorded when it is not one.
    pub fn belgian_iban(&mut self, field: &str, raw: &str) -> Option<String> {
        match crate::ids::iban::BeIban::parse(raw) {
            Ok(i) => Some(i.electronic()),
            Err(e) => {
                self.error(field, e.code(), e.message());
                None
            }
        }
    }

    /// A `true`/`false` field that may be absent.
    pub fn optional_bool(&mut self, field: &str) -> Option<bool> {
        match self.object.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => {
                self.error(field, "expected_boolean", "verwacht true of false.");
                None
            }
        }
    }

    /// A `true`/`false` field that must be present.
    pub fn required_bool(&mut self, field: &str) -> Option<bool> {
        match self.object.get(field) {
            Some(Value::Bool(b)) => Some(*b),
            None | Some(Value::Null) => {
                self.error(field, "required", "dit veld is verplicht.");
                None
            }
            Some(_) => {
                self.error(field, "expected_boolean", "verwacht true of false.");
                None
            }
        }
    }

    pub fn optional_money(&mut self, field: &str) -> Option<Money> {
        let raw = self.optional_str(field)?;
        match Money::parse_api(raw) {
            Ok(m) => Some(m),
            Err(e) => {
                self.error(field, e.code(), e.message());
                None
            }
        }
    }

    pub fn required_money(&mut self, field: &str) -> Option<Money> {
        if !matches!(self.object.get(field), Some(v) if !v.is_null()) {
            self.error(field, "required", "dit veld is verplicht.");
            return None;
        }
        self.optional_money(field)
    }

    /// A calendar date written `YYYY-MM-DD`.
    pub fn optional_date(&mut self, field: &str) -> Option<NaiveDate> {
        let raw = self.optional_str(field)?;
        match parse_iso_date(raw) {
            Some(d) => Some(d),
            None => {
                self.error(
                    field,
                    "invalid_date",
                    "geef een bestaande datum in de vorm JJJJ-MM-DD.",
                );
                None
            }
        }
    }

    /// Ends reading: refuses fields the endpoint does not know, returns all errors.
    pub fn finish(mut self) -> Result<(), Vec<FieldError>> {
        let unknown: Vec<&String> = self
            .object
            .keys()
            .filter(|k| !self.labels.iter().any(|(f, _)| f == k))
            .collect();
        for key in unknown {
            let field: String = key.chars().take(64).collect();
            let path = format!("{}{field}", self.prefix);
            self.errors.push(FieldError::new(
                &path,
                "unknown_field",
                format!("Onbekend veld '{field}'."),
            ));
        }
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

/// Whitespace as Rust's `str::trim` (Unicode White_Space) removes it, as a regular-expression
/// class for JSON Schema patterns.
pub const WHITESPACE: &str =
    r"\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";
/// Control characters (`char::is_control`: Unicode Cc) as a regular-expression class.
const CONTROL: &str = r"\u0000-\u001f\u007f-\u009f";

/// A line of text as the API accepts it: trimmed, 1 to `max_chars` characters, no control
/// characters.
pub fn is_line_of_text(raw: &str, max_chars: usize) -> bool {
    let text = raw.trim();
    !text.is_empty() && text.chars().count() <= max_chars && !text.chars().any(char::is_control)
}

/// The JSON Schema pattern of [`is_line_of_text`]: whitespace around, then a first and a last
/// character that are neither whitespace nor control, and at most `max_chars` in all.
pub fn line_of_text_pattern(max_chars: usize) -> String {
    let inner = max_chars.saturating_sub(2);
    format!(
        "^[{WHITESPACE}]*[^{CONTROL}{WHITESPACE}](?:[^{CONTROL}]{{0,{inner}}}[^{CONTROL}{WHITESPACE}])?[{WHITESPACE}]*$"
    )
}

/// Text of several lines as the API accepts it (a reason): trimmed, 1 to `max_chars`
/// characters.
pub fn is_text(raw: &str, max_chars: usize) -> bool {
    let text = raw.trim();
    !text.is_empty() && text.chars().count() <= max_chars
}

/// The JSON Schema pattern of [`is_text`].
pub fn text_pattern(max_chars: usize) -> String {
    let inner = max_chars.saturating_sub(2);
    format!(
        r"^[{WHITESPACE}]*[^{WHITESPACE}](?:[\s\S]{{0,{inner}}}[^{WHITESPACE}])?[{WHITESPACE}]*$"
    )
}

/// An e-mail address worth sending to: one `@` with a name before it and a domain with a dot
/// (not at either end) after it, no spaces or control characters, at most 254 bytes (RFC 5321).
pub fn is_plausible_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    e.len() <= 254
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.chars().any(|c| c.is_whitespace() || c.is_control())
        && !domain.contains('@')
}

/// Strictly `YYYY-MM-DD` (no times, no other separators).
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    // Read by hand rather than with chrono's format parser, which costs every browser bundle
    // about 7 kB. The shape check above makes every slice ASCII digits.
    let year = s[0..4].parse().ok()?;
    let month = s[5..7].parse().ok()?;
    let day = s[8..10].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const LABELS: &[(&str, &str)] = &[("a", "Veld A"), ("d", "Datum")];

    #[test]
    fn collects_every_error_and_names_unknown_fields() {
        let body = json!({ "a": 5, "d": "2024-02-30", "x": 1 });
        let mut f = Fields::new(&body, LABELS).unwrap();
        assert_eq!(f.optional_str("a"), None);
        assert_eq!(f.optional_date("d"), None);
        let errors = f.finish().unwrap_err();
        let codes: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            codes,
            [
                ("a", "expected_string"),
                ("d", "invalid_date"),
                ("x", "unknown_field")
            ]
        );
        assert!(errors[0].message.starts_with("Veld A:"));
    }

    #[test]
    fn required_text_is_trimmed_bounded_and_free_of_control_characters() {
        let body = json!({ "a": "  Factuur 12 ", "d": "x\u{7}" });
        let mut f = Fields::new(&body, LABELS).unwrap();
        assert_eq!(
            f.required_text("a", 10, "bad", "kort"),
            Some("Factuur 12".into())
        );
        assert_eq!(f.required_text("d", 10, "bad", "kort"), None);
        let errors = f.finish().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].field.as_str(), errors[0].code), ("d", "bad"));
        let body = json!({ "a": "12345678901", "d": "   " });
        let mut f = Fields::new(&body, LABELS).unwrap();
        assert_eq!(f.required_text("a", 10, "bad", "kort"), None);
        assert_eq!(f.required_text("d", 10, "bad", "kort"), None);
        assert_eq!(f.finish().unwrap_err().len(), 2);
    }

    #[test]
    fn a_body_that_is_not_an_object_is_refused() {
        let body = json!([1, 2]);
        let errors = Fields::new(&body, LABELS).err().unwrap();
        assert_eq!(errors[0].code, "body_not_an_object");
    }

    #[test]
    fn plausible_email_addresses() {
        assert!(is_plausible_email("naam@bedrijf.be"));
        for wrong in [
            "geen-adres",
            "@bedrijf.be",
            "a@b",
            "a@.be",
            "a@be.",
            "a b@c.be",
            "a@b@c.be",
        ] {
            assert!(!is_plausible_email(wrong), "{wrong}");
        }
    }

    #[test]
    fn iso_dates_only() {
        assert!(parse_iso_date("2026-11-22").is_some());
        for bad in [
            "2026-2-1",
            "22/11/2026",
            "2026-11-22T00:00",
            "+2026-11-2",
            "2026-13-01",
        ] {
            assert!(parse_iso_date(bad).is_none(), "{bad}");
        }
    }
}
