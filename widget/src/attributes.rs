//! The snippet's attributes (`data-provider`, `data-price`, ...) as the loader hands them to
//! the frame, in its query string. Each is read on its own; a value that is not valid is
//! dropped, so the calculator uses its default for that attribute and never shows an error page.

use shared::ids::provider_number::ProviderNumber;
use shared::money::Money;
use shared::service::ServiceType;
use shared::themes::ThemeChoice;

use crate::color::Color;
use crate::texts::{self, Texts};

/// Which provider the calculator speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderRef {
    /// No `data-provider`: the general calculator, every theme.
    None,
    Number(ProviderNumber),
    /// Something that is no provider number: treated like an unknown provider.
    Malformed,
}

/// The attributes, each valid or absent.
#[derive(Debug, Clone, Copy)]
pub struct Attributes {
    pub provider: ProviderRef,
    /// A fixed price excl. VAT (`1250.00` or `1.250,00`).
    pub price: Option<Money>,
    pub service: Option<ServiceType>,
    /// A theme, with the sub-theme only when it belongs to that theme.
    pub choice: Option<ThemeChoice>,
    pub texts: &'static Texts,
    pub color: Color,
}

impl Attributes {
    /// Reads the frame's query string (`?provider=DV.O123456&price=1250.00`); unknown names
    /// are ignored, and of a name given twice the first counts.
    pub fn from_query(query: &str) -> Attributes {
        let pairs = query_pairs(query);
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim())
                .filter(|s| !s.is_empty())
        };
        let id = |name: &str| get(name).map(str::to_ascii_lowercase);
        let provider = match get("provider") {
            None => ProviderRef::None,
            Some(s) => ProviderNumber::parse(s).map_or(ProviderRef::Malformed, ProviderRef::Number),
        };
        let choice = id("theme").and_then(|theme| {
            let subtheme = id("subtheme");
            ThemeChoice::parse(&theme, subtheme.as_deref())
                .or_else(|_| ThemeChoice::parse(&theme, None))
                .ok()
        });
        Attributes {
            provider,
            price: get("price").and_then(|s| Money::parse_nl(s).ok()),
            service: id("service").and_then(|s| ServiceType::parse(&s)),
            choice,
            texts: texts::for_lang(get("lang").unwrap_or_default()),
            color: get("color")
                .and_then(Color::parse)
                .unwrap_or(Color::DEFAULT),
        }
    }
}

/// `application/x-www-form-urlencoded` pairs, as `URLSearchParams` writes them: `+` is a
/// space, `%XX` a byte; a `%` not followed by two hex digits stays as it is. A value that is
/// not UTF-8 after decoding reads as empty, which every attribute treats as absent.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |j: usize| b.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The query the loader writes for these attributes.
    fn read(pairs: &[(&str, &str)]) -> Attributes {
        let encode = |s: &str| {
            s.bytes()
                .map(|b| match b {
                    b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'_' => {
                        (b as char).to_string()
                    }
                    b' ' => "+".to_string(),
                    _ => format!("%{b:02X}"),
                })
                .collect::<String>()
        };
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        Attributes::from_query(&format!("?{}", query.join("&")))
    }

    #[test]
    fn the_query_is_decoded_as_url_search_params_writes_it() {
        assert_eq!(
            query_pairs("?color=%231d3b6f&name=a+b%20c&x&=v&&bad=%zz%4"),
            [
                ("color".to_string(), "#1d3b6f".to_string()),
                ("name".to_string(), "a b c".to_string()),
                ("x".to_string(), String::new()),
                (String::new(), "v".to_string()),
                ("bad".to_string(), "%zz%4".to_string()),
            ]
        );
        assert_eq!(query_pairs("?t=%C3%A9")[0].1, "é");
        assert_eq!(query_pairs("?t=%C3%A9%FF")[0].1, "", "not UTF-8");
        assert!(query_pairs("").is_empty());
    }

    #[test]
    fn every_attribute_of_the_readme_example_is_read() {
        let a = read(&[
            ("provider", "DV.O123456"),
            ("price", "1250.00"),
            ("service", "training"),
            ("theme", "digitalisering"),
            ("subtheme", "software"),
            ("lang", "nl"),
            ("color", "#1d3b6f"),
        ]);
        assert_eq!(
            a.provider,
            ProviderRef::Number(ProviderNumber::parse("DV.O123456").unwrap())
        );
        assert_eq!(a.price.map(|m| m.to_string()).as_deref(), Some("1250.00"));
        assert_eq!(a.service, Some(ServiceType::Training));
        let choice = a.choice.expect("a theme");
        assert!(choice.is("digitalisering", "software"));
        assert_eq!(a.texts.code, "nl");
        assert_eq!(a.color.css(), "#1d3b6f");
    }

    #[test]
    fn no_attributes_give_the_general_calculator() {
        for input in ["", "?", "?&&", "?unknown=1", "?provider=", "?price=%20"] {
            let a = Attributes::from_query(input);
            assert_eq!(a.provider, ProviderRef::None, "{input}");
            assert_eq!(a.price, None);
            assert_eq!(a.service, None);
            assert_eq!(a.choice, None);
            assert_eq!(a.texts.code, "nl");
            assert_eq!(a.color, Color::DEFAULT);
        }
    }

    #[test]
    fn bad_values_fall_back_to_their_defaults() {
        let a = read(&[
            ("price", "twaalf"),
            ("service", "cooking"),
            ("theme", "marketing"),
            ("subtheme", "software"),
            ("lang", "xx"),
            ("color", "red; background: url(https://evil.example/)"),
        ]);
        assert_eq!(a.price, None);
        assert_eq!(a.service, None);
        assert_eq!(a.choice, None);
        assert_eq!(a.texts.code, "nl");
        assert_eq!(a.color, Color::DEFAULT);
    }

    #[test]
    fn a_negative_or_absurd_price_is_no_price() {
        for price in ["-5", "10000000.01", "1e3", "12,345"] {
            assert_eq!(read(&[("price", price)]).price, None, "{price}");
        }
    }

    #[test]
    fn belgian_prices_are_read_too() {
        let a = read(&[("price", "1.250,00")]);
        assert_eq!(a.price.map(|m| m.to_string()).as_deref(), Some("1250.00"));
    }

    #[test]
    fn a_subtheme_of_another_theme_keeps_the_theme_only() {
        let a = read(&[("theme", "innovatie"), ("subtheme", "cybersecurity")]);
        let choice = a.choice.expect("the theme stays");
        assert_eq!(choice.theme.id, "innovatie");
        assert_eq!(choice.subtheme, None);
    }

    #[test]
    fn ids_are_read_in_any_case() {
        let a = read(&[
            ("service", "Advice"),
            ("theme", "DIGITALISERING"),
            ("subtheme", "CyberSecurity"),
        ]);
        assert_eq!(a.service, Some(ServiceType::Advice));
        assert!(a
            .choice
            .is_some_and(|c| c.is("digitalisering", "cybersecurity")));
    }

    #[test]
    fn the_first_of_a_repeated_attribute_counts() {
        let a = Attributes::from_query("?color=%23000&color=%23fff");
        assert_eq!(a.color.css(), "#000000");
    }

    #[test]
    fn a_malformed_provider_number_is_not_the_general_calculator() {
        assert_eq!(
            read(&[("provider", "DV.X1")]).provider,
            ProviderRef::Malformed
        );
        assert_eq!(read(&[("provider", "  ")]).provider, ProviderRef::None);
        let lower = read(&[("provider", "dv.o123456")]).provider;
        assert_eq!(
            lower,
            ProviderRef::Number(ProviderNumber::parse("DV.O123456").unwrap())
        );
    }
}
