//! Pages of a list: every list of the API answers at most [`MAX_LIMIT`] items at a time, newest
//! first, with the cursor of the next page. Nothing is ever cut off without saying so: a list
//! with more items names `next_cursor`, and the next page starts right after the last item
//! shown, so items added meanwhile (newer ones, at the top) neither shift nor repeat a page.
//!
//! Query: `?limit=` (1 to 100, default 25) and `?cursor=` (the `next_cursor` of the previous
//! page, opaque to the client). Answer: `{ "<items>": [...], "next_cursor": "<opaque>" | null }`.

use crate::error::FieldError;

/// Items per page when the request names no `limit`.
pub const DEFAULT_LIMIT: u32 = 25;
/// The most items a page holds, whatever the request asks.
pub const MAX_LIMIT: u32 = 100;

/// Where a page starts: right after the item with this id (lists run newest first, by id).
/// Written as an opaque token so clients pass it back as received rather than build it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor(i64);

/// Cursors are versioned, so the encoding can change without reading an old one wrongly.
const CURSOR_PREFIX: &str = "c1.";

/// The largest id a cursor holds: fifteen hex digits, far beyond any table's row ids.
const MAX_ID: i64 = 0x0fff_ffff_ffff_ffff;

impl Cursor {
    /// The page after the item with id `id` (a positive row id).
    pub fn after(id: i64) -> Option<Cursor> {
        (1..=MAX_ID).contains(&id).then_some(Cursor(id))
    }

    /// The id the next page stays below.
    pub fn id(self) -> i64 {
        self.0
    }

    pub fn encode(self) -> String {
        format!("{CURSOR_PREFIX}{:x}", self.0)
    }

    /// A cursor as [`Cursor::encode`] wrote it; anything else is none.
    pub fn decode(text: &str) -> Option<Cursor> {
        let hex = text.strip_prefix(CURSOR_PREFIX)?;
        if hex.is_empty() || hex.len() > 15 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        // Only the form encode writes: lower case, no leading zeros.
        if hex.starts_with('0') || hex.bytes().any(|b| b.is_ascii_uppercase()) {
            return None;
        }
        i64::from_str_radix(hex, 16).ok().and_then(Cursor::after)
    }
}

/// Which page a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// 1 to [`MAX_LIMIT`].
    pub limit: u32,
    /// `None`: the first page.
    pub cursor: Option<Cursor>,
}

impl Default for PageRequest {
    fn default() -> PageRequest {
        PageRequest {
            limit: DEFAULT_LIMIT,
            cursor: None,
        }
    }
}

impl PageRequest {
    /// Reads `limit` and `cursor` as the query string gives them (absent or empty: the default).
    /// Every wrong one is named, in Dutch, with a stable code.
    pub fn parse(
        limit: Option<&str>,
        cursor: Option<&str>,
    ) -> Result<PageRequest, Vec<FieldError>> {
        let mut errors = Vec::new();
        let limit = match limit.filter(|l| !l.is_empty()) {
            None => DEFAULT_LIMIT,
            Some(l) => match l.parse::<u32>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) && l.bytes().all(|b| b.is_ascii_digit()) => n,
                _ => {
                    errors.push(FieldError::new(
                        "limit",
                        "invalid_limit",
                        format!("limit: geef een geheel getal van 1 tot en met {MAX_LIMIT}."),
                    ));
                    DEFAULT_LIMIT
                }
            },
        };
        let cursor = match cursor.filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => {
                let read = Cursor::decode(c);
                if read.is_none() {
                    errors.push(FieldError::new(
                        "cursor",
                        "invalid_cursor",
                        "cursor: geef de next_cursor van de vorige pagina, zoals ontvangen.",
                    ));
                }
                read
            }
        };
        if errors.is_empty() {
            Ok(PageRequest { limit, cursor })
        } else {
            Err(errors)
        }
    }

    /// The id every item of this page stays below (`i64::MAX` on the first page).
    pub fn below(&self) -> i64 {
        self.cursor.map_or(i64::MAX, Cursor::id)
    }

    /// How many rows to read: one more than the page holds, to know whether another follows.
    pub fn rows_to_read(&self) -> i64 {
        i64::from(self.limit) + 1
    }

    /// The page of `rows` (read newest first with [`PageRequest::rows_to_read`]) and the
    /// `next_cursor` when more rows follow.
    pub fn split<T>(&self, mut rows: Vec<T>, id: impl Fn(&T) -> i64) -> (Vec<T>, Option<String>) {
        let limit = self.limit as usize;
        if rows.len() <= limit {
            return (rows, None);
        }
        rows.truncate(limit);
        let next = rows
            .last()
            .and_then(|r| Cursor::after(id(r)))
            .map(Cursor::encode);
        (rows, next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_as_written_and_nothing_else_reads() {
        for id in [1, 9, 16, 255, 1_000_000, MAX_ID] {
            let c = Cursor::after(id).unwrap();
            assert_eq!(Cursor::decode(&c.encode()), Some(c), "{id}");
        }
        assert_eq!(Cursor::after(0), None);
        assert_eq!(Cursor::after(-3), None);
        assert_eq!(Cursor::after(MAX_ID + 1), None);
        for bad in [
            "",
            "c1.",
            "c1.0",
            "c1.01",
            "c1.A",
            "c1.-1",
            "c1.g",
            "c2.1",
            "1",
            "c1.8000000000000000",
            "c1.ffffffffffffffff",
            "c1.1000000000000000",
            " c1.1",
            "c1.1 ",
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn limit_and_cursor_default_and_every_wrong_one_is_named() {
        assert_eq!(PageRequest::parse(None, None), Ok(PageRequest::default()));
        assert_eq!(
            PageRequest::parse(Some(""), Some("")),
            Ok(PageRequest::default())
        );
        let p = PageRequest::parse(Some("100"), Some("c1.2a")).unwrap();
        assert_eq!((p.limit, p.below(), p.rows_to_read()), (100, 42, 101));
        assert_eq!(PageRequest::parse(Some("1"), None).unwrap().limit, 1);
        for bad in ["0", "101", "-1", "+5", "2.5", "abc", "99999999999"] {
            let errors = PageRequest::parse(Some(bad), None).unwrap_err();
            assert_eq!(errors.len(), 1, "{bad}");
            assert_eq!(
                (errors[0].field.as_str(), errors[0].code),
                ("limit", "invalid_limit")
            );
        }
        let both = PageRequest::parse(Some("0"), Some("42")).unwrap_err();
        let codes: Vec<_> = both.iter().map(|e| e.code).collect();
        assert_eq!(codes, ["invalid_limit", "invalid_cursor"]);
    }

    #[test]
    fn a_page_names_the_next_only_when_more_rows_follow() {
        let page = PageRequest::parse(Some("2"), None).unwrap();
        assert_eq!(
            page.split(vec![9, 8, 7], |r| *r),
            (vec![9, 8], Some("c1.8".into()))
        );
        assert_eq!(page.split(vec![9, 8], |r| *r), (vec![9, 8], None));
        assert_eq!(page.split(Vec::<i64>::new(), |r| *r), (vec![], None));
        // The next page asks below the last id shown.
        let next = PageRequest::parse(Some("2"), Some("c1.8")).unwrap();
        assert_eq!(next.below(), 8);
        assert_eq!(
            (next.limit, next.cursor.map(Cursor::encode)),
            (2, Some("c1.8".into()))
        );
    }
}
