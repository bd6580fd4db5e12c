//! One outbox mail as an RFC 5322 / MIME message for Cloudflare's `send_email` binding, which
//! takes the raw message as text.
//!
//! The body is `multipart/alternative` (the Dutch text as stored, and HTML made from it); with an
//! EPC QR code the alternative sits in a `multipart/related` beside the code as an inline PNG
//! that the HTML shows (RFC 2387), and the whole in a `multipart/mixed` that also carries the
//! PNG as an attachment, for a reader who wants to save it or whose client shows only the text.
//!
//! Nothing here reads a clock or a host name: Date, Message-ID and the boundaries are set from
//! the input, so the same outbox row always gives the same message and the builder's own
//! `SystemTime::now()` (std's panics on wasm32-unknown-unknown) is never called. The builder
//! adds `MIME-Version: 1.0` itself.

use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::date::Date;
use mail_builder::mime::MimePart;
use mail_builder::MessageBuilder;
use qrcodegen::{QrCode, QrCodeEcc};
use shared::format::escape_html_into;

/// The alt text of the QR code, read out by screen readers and shown where images are blocked.
const QR_ALT: &str = "EPC QR-code om de eigen bijdrage te betalen";
const QR_FILENAME: &str = "epc-qr-code.png";
/// Pixels per QR module and the quiet zone in modules (ISO/IEC 18004 asks for 4).
const QR_SCALE: u32 = 6;
const QR_QUIET_ZONE: u32 = 4;

/// One mail to send: configuration (`from`, `from_name`) and one outbox row.
pub struct Outgoing<'a> {
    pub from: &'a str,
    pub from_name: &'a str,
    pub to: &'a str,
    /// Dutch, UTF-8: RFC 2047-encoded when it is not ASCII.
    pub subject: &'a str,
    /// Dutch plain text as stored: paragraphs separated by blank lines.
    pub text: &'a str,
    /// Stable per outbox row, without the angle brackets: a retried send is recognisably the
    /// same message.
    pub message_id: &'a str,
    /// Seconds since the epoch, for the Date header (written in UTC).
    pub date_unix: i64,
    /// An EPC069-12 payload, shown as a QR code in the HTML and attached as a PNG.
    pub qr: Option<&'a str>,
}

/// Why a mail cannot be composed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MimeError {
    /// The sender address is not one plain address (a line break would inject headers).
    From,
    /// The sender name holds a line break or another control character.
    FromName,
    /// The recipient address is not one plain address.
    To,
    /// The Message-ID is not one `left@right` token.
    MessageId,
    /// The payload does not fit in a QR code.
    QrCode,
}

impl MimeError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            MimeError::From => "mail_from_invalid",
            MimeError::FromName => "mail_from_name_invalid",
            MimeError::To => "mail_to_invalid",
            MimeError::MessageId => "mail_message_id_invalid",
            MimeError::QrCode => "mail_qr_code_unencodable",
        }
    }

    /// Dutch message for people.
    pub fn message(self) -> &'static str {
        match self {
            MimeError::From => "het afzenderadres is geen geldig e-mailadres",
            MimeError::FromName => "de naam van de afzender bevat een ongeldig teken",
            MimeError::To => "het adres van de bestemmeling is geen geldig e-mailadres",
            MimeError::MessageId => "de berichtcode (Message-ID) is ongeldig",
            MimeError::QrCode => "de betaalgegevens passen niet in een QR-code",
        }
    }
}

/// Whether the configured sender can head a message (checked before any mail is taken to send:
/// a configuration error must leave the mails waiting, not park them).
pub fn check_sender(from: &str, from_name: &str) -> Result<(), MimeError> {
    if !is_plain_address(from) {
        return Err(MimeError::From);
    }
    if from_name.chars().any(char::is_control) {
        return Err(MimeError::FromName);
    }
    Ok(())
}

/// The raw message, 7-bit clean: RFC 2047 headers; bodies as 7-bit ASCII, quoted-printable or
/// base64, whichever the builder finds needed.
pub fn compose(m: &Outgoing) -> Result<String, MimeError> {
    check_sender(m.from, m.from_name)?;
    if !is_plain_address(m.to) {
        return Err(MimeError::To);
    }
    if !is_plain_address(m.message_id) {
        return Err(MimeError::MessageId);
    }
    let qr = m.qr.map(qr_png).transpose()?;
    let cid = format!("epc-qr.{}", m.message_id);
    let image = qr.as_ref().map(|q| (cid.as_str(), q.side));
    let html = html(m.subject, m.text, image);

    let texts = [m.text, html.as_str()];
    let alternative = multipart(
        "multipart/alternative",
        boundary("alternative", &texts),
        vec![
            MimePart::new("text/plain", m.text).language("nl"),
            MimePart::new("text/html", html.as_str()).language("nl"),
        ],
    );
    let body = match qr {
        None => alternative,
        Some(Png { bytes: png, .. }) => {
            let inline = MimePart::new("image/png", png.clone())
                .inline()
                .cid(cid.as_str());
            // RFC 2387 §3.1: `type` names the root part, the alternative.
            let related = MimePart::new(
                ContentType::new("multipart/related")
                    .attribute("type", "multipart/alternative")
                    .attribute("boundary", boundary("related", &texts)),
                vec![alternative, inline],
            );
            let attachment = MimePart::new("image/png", png).attachment(QR_FILENAME);
            multipart(
                "multipart/mixed",
                boundary("mixed", &texts),
                vec![related, attachment],
            )
        }
    };

    let mut raw = Vec::new();
    MessageBuilder::new()
        .from(Address::new_address(Some(m.from_name), m.from))
        .to(m.to)
        .subject(m.subject)
        .date(Date::new(m.date_unix))
        .message_id(m.message_id)
        .body(body)
        .serialize(&mut raw);
    // The builder writes only ASCII (every header and body is encoded); a lossy conversion
    // cannot lose anything.
    Ok(String::from_utf8_lossy(&raw).into_owned())
}

/// One `local@domain` with nothing that could end the header or add a second address.
fn is_plain_address(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.is_empty()
        && !s
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || "<>,;:\"()[]\\".contains(c))
}

fn multipart<'x>(kind: &'x str, boundary: String, parts: Vec<MimePart<'x>>) -> MimePart<'x> {
    MimePart::new(
        ContentType::new(kind).attribute("boundary", boundary),
        parts,
    )
}

/// A fixed boundary that occurs in no text body. "=_" cannot occur in quoted-printable or base64
/// output, so only a body that goes out as 7-bit text could hold it; a counter moves past that.
fn boundary(kind: &str, bodies: &[&str]) -> String {
    let mut candidate = format!("=_kmo_{kind}");
    let mut n = 0u32;
    while bodies.iter().any(|b| b.contains(&candidate)) {
        n += 1;
        candidate = format!("=_kmo_{kind}_{n}");
    }
    candidate
}

struct Png {
    bytes: Vec<u8>,
    /// Width and height in pixels: the HTML shows it at this size, so no module is resampled.
    side: u32,
}

/// The EPC QR code as a 1-bit grayscale PNG (EPC069-12 asks for error correction level M).
fn qr_png(payload: &str) -> Result<Png, MimeError> {
    let qr = QrCode::encode_text(payload, QrCodeEcc::Medium).map_err(|_| MimeError::QrCode)?;
    let modules = u32::try_from(qr.size()).map_err(|_| MimeError::QrCode)?;
    let side = (modules + 2 * QR_QUIET_ZONE) * QR_SCALE;
    let row_bytes = side.div_ceil(8) as usize;
    // Bit 1 is white: start all white and clear the dark modules.
    let mut pixels = vec![0xFFu8; row_bytes * side as usize];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = (x / QR_SCALE, y / QR_SCALE);
            let inside = QR_QUIET_ZONE..QR_QUIET_ZONE + modules;
            if inside.contains(&mx)
                && inside.contains(&my)
                && qr.get_module((mx - QR_QUIET_ZONE) as i32, (my - QR_QUIET_ZONE) as i32)
            {
                pixels[y as usize * row_bytes + (x / 8) as usize] &= !(0x80u8 >> (x % 8));
            }
        }
    }
    Ok(Png {
        bytes: png_one_bit(side, row_bytes, &pixels),
        side,
    })
}

/// A 1-bit grayscale PNG (ISO/IEC 15948) of `side` × `side` pixels, rows of `row_bytes` packed
/// bits. The format's framing is a few lines (signature, IHDR, IDAT, IEND, each chunk with its
/// CRC-32); the compression is miniz_oxide's zlib stream, and the CRC crc32fast's. The `png`
/// crate would add every deflate backend it supports (~28 kB gzipped to the Worker), for
/// an image of one kind.
fn png_one_bit(side: u32, row_bytes: usize, pixels: &[u8]) -> Vec<u8> {
    // Every scanline starts with its filter type: 0, none (a QR code compresses well without).
    let mut raw = Vec::with_capacity(pixels.len() + side as usize);
    for row in pixels.chunks(row_bytes) {
        raw.push(0);
        raw.extend_from_slice(row);
    }
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&side.to_be_bytes());
    // Bit depth 1, colour type 0 (grayscale), compression 0, filter 0, no interlace.
    header.extend_from_slice(&[1, 0, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (b"IHDR", header),
        (b"IDAT", miniz_oxide::deflate::compress_to_vec_zlib(&raw, 9)),
        (b"IEND", Vec::new()),
    ] {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(&data);
        out.extend_from_slice(kind);
        out.extend_from_slice(&data);
        out.extend_from_slice(&crc.finalize().to_be_bytes());
    }
    out
}

/// The HTML alternative of the text: one `<p>` per paragraph, `<br>` for a single line break, a
/// list for lines that start with "- ", links for http(s) URLs. No external resources and no
/// scripts: mail clients block both, and a reader must not need them.
fn html(subject: &str, text: &str, qr: Option<(&str, u32)>) -> String {
    let subject = subject.split_whitespace().collect::<Vec<_>>().join(" ");
    let subject = subject.as_str();
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    escape_html_into(&mut out, subject);
    out.push_str(
        "</title>\n</head>\n<body style=\"margin:0;padding:16px;background:#ffffff;\
         color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5\">\n\
         <div role=\"article\" aria-label=\"",
    );
    escape_html_into(&mut out, subject);
    out.push_str("\" style=\"max-width:40em\">\n");
    for paragraph in paragraphs(text) {
        push_paragraph(&mut out, &paragraph);
    }
    if let Some((cid, side)) = qr {
        out.push_str("<p><img src=\"cid:");
        escape_html_into(&mut out, cid);
        out.push_str(&format!(
            "\" alt=\"{QR_ALT}\" width=\"{side}\" height=\"{side}\" \
             style=\"display:block;max-width:100%;height:auto\"></p>\n"
        ));
    }
    out.push_str("</div>\n</body>\n</html>\n");
    out
}

/// The paragraphs of the text: runs of non-blank lines.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut all = Vec::new();
    let mut current = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                all.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        all.push(current);
    }
    all
}

/// A paragraph's lines: consecutive "- " lines as a list, the others as `<p>` with `<br>`.
fn push_paragraph(out: &mut String, lines: &[&str]) {
    let mut rest = lines;
    while let Some(first) = rest.first() {
        let is_item = first.starts_with("- ");
        let run = rest
            .iter()
            .position(|l| l.starts_with("- ") != is_item)
            .unwrap_or(rest.len());
        let (block, tail) = rest.split_at(run);
        if is_item {
            out.push_str("<ul>\n");
            for item in block {
                out.push_str("<li>");
                push_line(out, item.strip_prefix("- ").unwrap_or(item));
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        } else {
            out.push_str("<p>");
            for (i, line) in block.iter().enumerate() {
                if i > 0 {
                    out.push_str("<br>\n");
                }
                push_line(out, line);
            }
            out.push_str("</p>\n");
        }
        rest = tail;
    }
}

/// One line, escaped, with its http(s) URLs as links.
fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    while let Some((start, end)) = find_url(rest) {
        escape_html_into(out, &rest[..start]);
        let url = &rest[start..end];
        out.push_str("<a href=\"");
        escape_html_into(out, url);
        out.push_str("\">");
        escape_html_into(out, url);
        out.push_str("</a>");
        rest = &rest[end..];
    }
    escape_html_into(out, rest);
}

/// The first http(s) URL in `s` as a byte range: it starts a word and runs to whitespace or a
/// character that cannot be in it unescaped; punctuation that ends a sentence is left out.
fn find_url(s: &str) -> Option<(usize, usize)> {
    s.match_indices("http").find_map(|(start, _)| {
        let tail = &s[start..];
        let scheme = ["https://", "http://"]
            .into_iter()
            .find(|p| tail.starts_with(p))?;
        if s[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            return None;
        }
        let raw = tail
            .find(|c: char| c.is_whitespace() || "<>\"".contains(c))
            .unwrap_or(tail.len());
        let mut url = &tail[..raw];
        loop {
            let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
            let trimmed = match trimmed.strip_suffix(')') {
                Some(t) if !t.contains('(') => t,
                _ => trimmed,
            };
            if trimmed.len() == url.len() {
                break;
            }
            url = trimmed;
        }
        (url.len() > scheme.len()).then_some((start, start + url.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::{MessageParser, MimeHeaders};

    const TEXT: &str = "Beste,\n\nUw aanvraag van € 1.250 werd goedgekeurd (dossier é-42).\n\
        Bekijk ze via https://kmo-portefeuille.example/projecten/7.\n\n\
        - eerste punt\n- tweede <script>alert(1)</script> & meer\n\n\
        Met vriendelijke groeten,\nhet team kmo-portefeuille\n";

    fn outgoing(qr: Option<&'static str>) -> Outgoing<'static> {
        Outgoing {
            from: "noreply@kmo-portefeuille.example",
            from_name: "kmo-portefeuille",
            to: "zaakvoerder@bedrijf.example",
            subject: "Uw aanvraag werd goedgekeurd: € 1.250 voor het café",
            text: TEXT,
            message_id: "outbox-42@kmo-portefeuille.example",
            date_unix: 1_767_225_600, // 2026-01-01T00:00:00Z
            qr,
        }
    }

    const EPC: &str = "BCD\n002\n1\nSCT\nGKCCBEBB\nVLAIO\nBE71096123456769\nEUR250.00\n\n\
        +++090/9337/55493+++\n\n";

    #[test]
    fn headers_decode_to_the_input() {
        let raw = compose(&outgoing(None)).expect("composes");
        let msg = MessageParser::default()
            .parse(raw.as_bytes())
            .expect("parses");
        let from = msg.from().and_then(|a| a.first()).expect("from");
        assert_eq!(from.name(), Some("kmo-portefeuille"));
        assert_eq!(from.address(), Some("noreply@kmo-portefeuille.example"));
        let to = msg.to().and_then(|a| a.first()).expect("to");
        assert_eq!(to.address(), Some("zaakvoerder@bedrijf.example"));
        assert_eq!(
            msg.subject(),
            Some("Uw aanvraag werd goedgekeurd: € 1.250 voor het café")
        );
        assert_eq!(msg.date().map(|d| d.to_timestamp()), Some(1_767_225_600));
        assert_eq!(msg.message_id(), Some("outbox-42@kmo-portefeuille.example"));
        assert!(raw.contains("\r\nMIME-Version: 1.0\r\n"));
        assert_eq!(raw.matches("MIME-Version").count(), 1);
    }

    #[test]
    fn message_is_seven_bit_and_the_same_for_the_same_row() {
        let raw = compose(&outgoing(Some(EPC))).expect("composes");
        assert!(raw.is_ascii());
        assert!(raw.contains("=?utf-8?"), "subject RFC 2047-encoded");
        assert_eq!(compose(&outgoing(Some(EPC))), Ok(raw));
    }

    #[test]
    fn text_part_is_the_stored_text() {
        let raw = compose(&outgoing(None)).expect("composes");
        let msg = MessageParser::default()
            .parse(raw.as_bytes())
            .expect("parses");
        let text = msg.body_text(0).expect("text part").replace("\r\n", "\n");
        assert_eq!(text.trim_end(), TEXT.trim_end());
        assert_eq!(msg.text_body_count(), 1);
        assert_eq!(msg.html_body_count(), 1);
    }

    #[test]
    fn html_part_escapes_the_text_and_links_urls() {
        let raw = compose(&outgoing(None)).expect("composes");
        let msg = MessageParser::default()
            .parse(raw.as_bytes())
            .expect("parses");
        let html = msg.body_html(0).expect("html part").replace("\r\n", "\n");
        assert!(html.contains("<html lang=\"nl\">"));
        assert!(html.contains("<li>tweede &lt;script&gt;alert(1)&lt;/script&gt; &amp; meer</li>"));
        assert!(!html.contains("<script"));
        assert!(html.contains(
            "via <a href=\"https://kmo-portefeuille.example/projecten/7\">\
             https://kmo-portefeuille.example/projecten/7</a>."
        ));
        assert!(html.contains("<p>Met vriendelijke groeten,<br>\nhet team kmo-portefeuille</p>"));
        assert!(html.contains("€ 1.250"));
        assert!(!html.contains("<img"));
    }

    #[test]
    fn qr_code_is_an_inline_png_referenced_from_the_html_and_an_attachment() {
        let raw = compose(&outgoing(Some(EPC))).expect("composes");
        let msg = MessageParser::default()
            .parse(raw.as_bytes())
            .expect("parses");
        let pngs: Vec<_> = msg
            .parts
            .iter()
            .filter(|p| p.content_type().is_some_and(|c| c.ctype() == "image"))
            .collect();
        assert!(raw.contains("multipart/related; type=\"multipart/alternative\""));
        assert_eq!(pngs.len(), 2);
        for p in &pngs {
            assert_eq!(p.content_type().and_then(|c| c.subtype()), Some("png"));
            assert!(p.contents().starts_with(b"\x89PNG\r\n\x1a\n"));
        }
        let inline = pngs
            .iter()
            .find(|p| p.content_disposition().is_some_and(|d| d.is_inline()))
            .expect("inline part");
        let cid = inline.content_id().expect("Content-ID");
        let html = msg.body_html(0).expect("html part");
        assert!(html.contains(&format!("<img src=\"cid:{cid}\" alt=\"{QR_ALT}\"")));
        let attached = pngs
            .iter()
            .find(|p| p.content_disposition().is_some_and(|d| d.is_attachment()))
            .expect("attachment");
        assert_eq!(attached.attachment_name(), Some(QR_FILENAME));
        assert_eq!(msg.text_body_count(), 1);
    }

    #[test]
    fn qr_png_is_one_bit_grayscale_with_a_quiet_zone() {
        let qr = qr_png(EPC).expect("encodes");
        let decoder = png::Decoder::new(std::io::Cursor::new(qr.bytes));
        let mut reader = decoder.read_info().expect("decodes");
        let mut buf = vec![0; reader.output_buffer_size().expect("fits")];
        let frame = reader.next_frame(&mut buf).expect("pixels decode");
        let code = QrCode::encode_text(EPC, QrCodeEcc::Medium).unwrap();
        // Every pixel is its module's colour (1 = white), the quiet zone white.
        let side = frame.width;
        for y in 0..side {
            for x in 0..side {
                let bit =
                    buf[(y as usize) * frame.line_size + (x / 8) as usize] & (0x80 >> (x % 8));
                let (mx, my) = ((x / QR_SCALE) as i32 - 4, (y / QR_SCALE) as i32 - 4);
                assert_eq!(bit == 0, code.get_module(mx, my), "pixel {x},{y}");
            }
        }
        let info = reader.info();
        assert_eq!(info.color_type, png::ColorType::Grayscale);
        assert_eq!(info.bit_depth, png::BitDepth::One);
        let modules =
            u32::try_from(QrCode::encode_text(EPC, QrCodeEcc::Medium).unwrap().size()).unwrap();
        assert_eq!(info.width, (modules + 8) * QR_SCALE);
        assert_eq!(info.height, info.width);
        assert_eq!(info.width, qr.side);
    }

    #[test]
    fn header_injection_is_refused() {
        type Change = fn(&mut Outgoing<'static>);
        let cases: [(Change, MimeError); 8] = [
            (|m| m.to = "a@b.example\r\nBcc: c@d.example", MimeError::To),
            (|m| m.to = "a@b.example\nBcc: c@d.example", MimeError::To),
            (|m| m.to = "a@b.example, c@d.example", MimeError::To),
            (|m| m.to = "geen-adres", MimeError::To),
            (|m| m.from = "x@y.example\r\nSubject: spam", MimeError::From),
            (|m| m.from = "@y.example", MimeError::From),
            (
                |m| m.from_name = "kmo\r\nBcc: c@d.example",
                MimeError::FromName,
            ),
            (|m| m.message_id = "x@y>\r\nBcc: c@d", MimeError::MessageId),
        ];
        for (change, error) in cases {
            let mut m = outgoing(None);
            change(&mut m);
            assert_eq!(compose(&m), Err(error));
        }
    }

    #[test]
    fn subject_with_a_line_break_stays_one_header() {
        let mut m = outgoing(None);
        m.subject = "Hallo\r\nBcc: c@d.example";
        let raw = compose(&m).expect("composes");
        let (headers, _) = raw.split_once("\r\n\r\n").expect("header section");
        assert!(!headers.contains("\nBcc:"), "{headers}");
        let msg = MessageParser::default()
            .parse(raw.as_bytes())
            .expect("parses");
        assert!(msg.bcc().is_none());
        let html = msg.body_html(0).expect("html part");
        assert!(html.contains("<title>Hallo Bcc: c@d.example</title>"));
    }

    #[test]
    fn qr_payload_too_long_is_refused() {
        let long = "x".repeat(5000);
        let mut m = outgoing(None);
        m.qr = Some(&long);
        let error = compose(&m).expect_err("too long");
        assert_eq!(error.code(), "mail_qr_code_unencodable");
    }

    #[test]
    fn boundary_moves_past_text_that_holds_it() {
        assert_eq!(boundary("mixed", &["a --=_kmo_mixed b"]), "=_kmo_mixed_1");
        assert_eq!(boundary("mixed", &["plain"]), "=_kmo_mixed");
    }

    #[test]
    fn urls_are_found_at_word_starts_without_trailing_punctuation() {
        let cases = [
            ("zie https://a.example/x.", Some("https://a.example/x")),
            ("(https://a.example/x)", Some("https://a.example/x")),
            ("https://a.example/(x)", Some("https://a.example/(x)")),
            (
                "<http://a.example/?a=1&b=2>",
                Some("http://a.example/?a=1&b=2"),
            ),
            ("xhttps://a.example", None),
            ("https://", None),
            ("geen link", None),
        ];
        for (line, url) in cases {
            assert_eq!(find_url(line).map(|(s, e)| &line[s..e]), url, "{line}");
        }
    }

    #[test]
    fn link_href_is_escaped() {
        let mut out = String::new();
        push_line(&mut out, "https://a.example/?a=1&b=\"2\"");
        assert_eq!(
            out,
            "<a href=\"https://a.example/?a=1&amp;b=\">https://a.example/?a=1&amp;b=</a>&quot;2&quot;"
        );
    }
}
