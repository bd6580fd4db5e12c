//! The provider's colour (`data-color`): only a hex colour is accepted, so nothing else can
//! reach the style sheet.

/// An sRGB colour from `#rgb` or `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color {
    r: u8,
    g: u8,
    b: u8,
}

impl Color {
    /// The product's own blue, used when no valid colour is given.
    pub const DEFAULT: Color = Color {
        r: 0x1d,
        g: 0x3b,
        b: 0x6f,
    };

    /// `#1d3b6f` or `#abc` (any case, surrounding spaces ignored); anything else is `None`.
    pub fn parse(s: &str) -> Option<Color> {
        let hex = s.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(hex.get(i..=i)?, 16).ok();
        match hex.len() {
            3 => Some(Color {
                r: digit(0)? * 17,
                g: digit(1)? * 17,
                b: digit(2)? * 17,
            }),
            6 => Some(Color {
                r: digit(0)? * 16 + digit(1)?,
                g: digit(2)? * 16 + digit(3)?,
                b: digit(4)? * 16 + digit(5)?,
            }),
            _ => None,
        }
    }

    /// `#rrggbb`, for CSS.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Text that stays readable on this colour: white on dark colours, black on light ones.
    /// The switch is where both have the same WCAG 2.x contrast (relative luminance 0.179,
    /// 4.58:1 either way), with the sRGB curve taken as a square so it stays in integers.
    pub fn text_on(self) -> &'static str {
        let sq = |c: u8| u64::from(c) * u64::from(c);
        let luminance = 2126 * sq(self.r) + 7152 * sq(self.g) + 722 * sq(self.b);
        // 0.2105 × 10 000 × 255²: mid-grey (#757575) and lighter get dark text.
        if luminance >= 136_877_625 {
            "#000000"
        } else {
            "#ffffff"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_of_three_and_six_digits_are_accepted() {
        for (input, css) in [
            ("#1d3b6f", "#1d3b6f"),
            ("#1D3B6F", "#1d3b6f"),
            (" #abc ", "#aabbcc"),
            ("#000", "#000000"),
            ("#ffffff", "#ffffff"),
        ] {
            assert_eq!(
                Color::parse(input).map(Color::css).as_deref(),
                Some(css),
                "{input}"
            );
        }
    }

    #[test]
    fn anything_but_a_hex_colour_is_refused() {
        for input in [
            "",
            "#",
            "red",
            "1d3b6f",
            "#12",
            "#1234",
            "#12345",
            "#1234567",
            "#ggg",
            "#1d3b6f; background: url(x)",
            "#abc\"",
            "rgb(0,0,0)",
            "#ÿÿÿ",
            "#+1f",
        ] {
            assert_eq!(Color::parse(input), None, "{input}");
        }
    }

    #[test]
    fn text_is_white_on_dark_and_dark_on_light_colours() {
        assert_eq!(Color::DEFAULT.text_on(), "#ffffff");
        assert_eq!(Color::parse("#000").map(Color::text_on), Some("#ffffff"));
        assert_eq!(Color::parse("#ffff00").map(Color::text_on), Some("#000000"));
        assert_eq!(Color::parse("#fff").map(Color::text_on), Some("#000000"));
        // Pure red reads better with black (5.3:1) than with white (4.0:1).
        assert_eq!(Color::parse("#f00").map(Color::text_on), Some("#000000"));
        assert_eq!(Color::parse("#00f").map(Color::text_on), Some("#ffffff"));
    }
}
