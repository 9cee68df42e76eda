//! Scraped page -> [`Page`]: the article's title and body paragraphs, and the
//! reader comments (author, date, title, text, reply nesting), with page
//! furniture (banners, teasers, navigation, weather, ...) dropped.
//!
//! Input is raw bytes: [`decode`] turns them into text (UTF-8, or
//! Windows-1252 as German pages often are), [`parse`] detects the format
//! (plain-text dump or HTML) and hands it to [`text`] or [`html`].

pub mod cues;
pub mod eval;
pub mod html;
mod shapes;
pub mod text;
#[cfg(test)]
pub(crate) mod testgen;

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// One parsed article page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Where the page came from (a path, as given by the user).
    pub source: String,
    /// The article's headline, if one was found.
    pub title: Option<String>,
    /// Article body paragraphs, in reading order, furniture removed.
    pub body: Vec<String>,
    /// Reader comments, in page order.
    pub comments: Vec<Comment>,
    /// Number of comments the page itself announces ("31 Kommentare",
    /// "insgesamt 31 Beiträge"), which may exceed the comments in the dump.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_comments: Option<usize>,
}

/// One reader comment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    pub author: Option<String>,
    /// The date (and time) as the page shows it, e.g. "15.10.2014" or "vor 3 Stunden".
    pub date: Option<String>,
    /// A comment's own headline, where the layout has one (numbering removed).
    pub title: Option<String>,
    /// The comment's text; paragraphs separated by "\n".
    pub text: String,
    /// Index (into `Page::comments`) of the comment this one replies to.
    pub reply_to: Option<usize>,
}

/// The input formats `parse` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
}

/// Why a page could not be read. The CLI adds the file name.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PageError {
    #[error("the page is empty; give a scraped page with text in it")]
    Empty,
    #[error("the file looks binary (NUL bytes near offset {offset}), not a scraped page; give a text dump or an HTML file")]
    Binary { offset: usize },
}

/// Decodes page bytes: UTF-8 (with or without BOM), else the charset an HTML
/// `<meta charset>` names, else the encoding chardetng guesses (for German
/// pages: Windows-1252, the superset of Latin-1 that browsers use for it).
pub fn decode(bytes: &[u8]) -> Result<String, PageError> {
    decode_borrowed(bytes).map(Cow::into_owned)
}

/// [`decode`], borrowing the bytes when they are UTF-8 already.
fn decode_borrowed(bytes: &[u8]) -> Result<Cow<'_, str>, PageError> {
    if let Some(pos) = memchr::memchr(0, &bytes[..bytes.len().min(64 * 1024)]) {
        return Err(PageError::Binary { offset: pos });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // simdutf8: the same validation as `std::str::from_utf8`, SIMD (only Ok/Err is read).
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            let enc = html_meta_charset(bytes).unwrap_or_else(|| guess_encoding(bytes));
            let (cow, _, _) = enc.decode(bytes);
            Cow::Owned(cow.into_owned())
        }
    };
    // Control characters other than whitespace mean this is not text.
    // Control characters (Cc) are U+0000..=U+001F, U+007F and U+0080..=U+009F
    // (bytes 0xC2 0x80..=0x9F); a byte scan that finds none of them answers 0
    // without decoding chars.
    let b = text.as_bytes();
    let maybe_control = maybe_control_bytes(b);
    let controls = if maybe_control {
        text.chars()
            .take(64 * 1024)
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0c}'))
            .count()
    } else {
        0
    };
    if controls > 8 {
        return Err(PageError::Binary { offset: 0 });
    }
    if text.trim().is_empty() {
        return Err(PageError::Empty);
    }
    Ok(text)
}

/// Whether the UTF-8 bytes `b` may hold a control character other than
/// `\n`, `\r`, `\t` and form feed: an ASCII control byte, DEL, or a C1
/// control (0xC2 0x80..=0x9F). Blocks of 64 bytes are tested without
/// branching per byte; 0xC2 is found with `memchr`.
fn maybe_control_bytes(b: &[u8]) -> bool {
    let ascii_control = |x: u8| (x < 0x20 && !matches!(x, b'\n' | b'\r' | b'\t' | 0x0c)) | (x == 0x7f);
    b.chunks(4096).any(|c| c.iter().fold(false, |acc, &x| acc | ascii_control(x)))
        || memchr::memchr_iter(0xc2, b).any(|i| b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
}

/// The encoding of bytes that are not UTF-8 and declare no charset, guessed
/// by chardetng (the detector Firefox uses) with German as the expected
/// language; Windows-1252 when it has no better guess.
fn guess_encoding(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(Some(b"de"), chardetng::Utf8Detection::Deny);
    // UTF-8 was ruled out already; UTF-16 needs a BOM, and other
    // non-ASCII-compatible guesses would garble the markup.
    if enc.is_ascii_compatible() && enc != encoding_rs::UTF_8 {
        enc
    } else {
        encoding_rs::WINDOWS_1252
    }
}

/// The encoding named by `<meta charset=...>` or `content="...; charset=..."`
/// in the first 4 KiB, if any.
fn html_meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// Detects the format from the file name and, failing that, from the text.
pub fn detect_format(source: &str, text: &str) -> Format {
    let lower = source.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        return Format::Html;
    }
    // Markup within the first 2048 chars, compared ASCII-case-insensitively.
    // The markers are ASCII, so one lies within those chars when the chars up
    // to its end are no more than 2048 (counted only when the bytes are more).
    let within = |end: usize| end <= 2048 || text.get(..end).is_some_and(|h| h.chars().count() <= 2048);
    let t = text.trim_start();
    let lead = text.len() - t.len();
    let starts = |p: &[u8]| t.as_bytes().get(..p.len()).is_some_and(|b| b.eq_ignore_ascii_case(p)) && within(lead + p.len());
    let b = text.as_bytes();
    let body = memchr::memchr_iter(b'<', b).find(|&i| b.get(i..i + 5).is_some_and(|w| w.eq_ignore_ascii_case(b"<body")));
    if starts(b"<!doctype html") || starts(b"<html") || body.is_some_and(|i| within(i + 5)) {
        return Format::Html;
    }
    Format::Text
}

/// Parses page bytes from `source` (used for format detection and recorded in the page).
pub fn parse(bytes: &[u8], source: &str) -> Result<Page, PageError> {
    let text = decode_borrowed(bytes)?;
    let mut page = match detect_format(source, &text) {
        Format::Text => text::parse(&text),
        Format::Html => html::parse(&text),
    };
    thread_parts_to_body(&mut page);
    page.source = source.to_string();
    Ok(page)
}

/// A thread the article is posted as, part by part ("Headline (1/3)", then
/// "(2/3) …", "(3/3) …" by the same poster): the parts that open the comment
/// list are the article's body, not comments. A reply to a part answers the
/// article (none).
fn thread_parts_to_body(page: &mut Page) {
    let Some(total) = page.title.as_deref().and_then(|t| t.trim_end().strip_suffix(')')).and_then(|t| t.rsplit_once("(1/")) else { return };
    let Ok(total) = total.1.parse::<usize>() else { return };
    let part_text = |k: usize, c: &Comment| c.text.strip_prefix(&format!("({}/{total})", k + 2)).map(str::trim_start).filter(|t| !t.is_empty()).map(str::to_string);
    let mut parts = Vec::new();
    for (k, c) in page.comments.iter().enumerate() {
        if k + 2 > total || c.author != page.comments[0].author || c.reply_to.is_some() {
            break;
        }
        let Some(t) = part_text(k, c) else { break };
        parts.push(t);
    }
    let n = parts.len();
    if n == 0 {
        return;
    }
    page.body.extend(parts.iter().flat_map(|t| t.split('\n')).map(str::to_string));
    page.comments.drain(..n);
    for c in &mut page.comments {
        c.reply_to = c.reply_to.and_then(|r| r.checked_sub(n));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_parts_open_the_comments() {
        let c = |a: &str, t: &str, r: Option<usize>| Comment { author: Some(a.into()), date: None, title: None, text: t.into(), reply_to: r };
        let page = |title: &str| Page {
            source: String::new(),
            title: Some(title.into()),
            body: vec!["Teil eins.".into()],
            comments: vec![c("Blatt", "(2/2) Teil zwei.", None), c("Uwe", "@Blatt Gut.", Some(0)), c("Ina", "Und?", Some(1))],
            declared_comments: None,
        };
        let mut p = page("Fähre fällt aus (1/2)");
        thread_parts_to_body(&mut p);
        assert_eq!(p.body, ["Teil eins.", "Teil zwei."]);
        assert_eq!(p.comments.iter().map(|c| c.reply_to).collect::<Vec<_>>(), [None, Some(0)]);
        // No "(1/2)" in the headline, or no part that continues it: comments stay.
        for (title, first) in [("Fähre fällt aus", "(2/2) Teil zwei."), ("Fähre fällt aus (1/2)", "(3/3) Teil drei."), ("Fähre fällt aus (1/2)", "(2/2)")] {
            let mut p = page(title);
            p.comments[0].text = first.into();
            thread_parts_to_body(&mut p);
            assert_eq!(p.comments.len(), 3);
        }
    }

    #[test]
    fn format_sniffing_agrees_with_the_lower_cased_head() {
        let old = |text: &str| {
            let head: String = text.chars().take(2048).collect::<String>().to_ascii_lowercase();
            let head = head.trim_start();
            head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
        };
        let mut cases: Vec<String> = testgen::lines();
        for s in ["<!DOCTYPE HTML>", "  \u{2003}<HtMl lang=de>", "<BODY>", "text <bOdY", "<!doctype htm", "<ht", "<", ""] {
            cases.push(s.to_string());
            cases.push(format!("{}{s}", "ä".repeat(2046)));
            cases.push(format!("{}{s}", "a".repeat(2046)));
            cases.push(format!("{}{s}", "\u{2003}".repeat(2044)));
            cases.push(format!("{}{s}", " ".repeat(2043)));
        }
        for s in cases {
            assert_eq!(detect_format("x.txt", &s) == Format::Html, old(&s), "{s:?}");
        }
    }

    #[test]
    fn control_byte_scan_agrees_with_the_window_scan() {
        let old = |b: &[u8]| {
            b.iter().any(|&x| x < 0x20 && !matches!(x, b'\n' | b'\r' | b'\t' | 0x0c) || x == 0x7f)
                || b.windows(2).any(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]))
        };
        let mut cases: Vec<String> = testgen::lines();
        cases.extend((0u32..0x800).filter_map(char::from_u32).map(|c| format!("{}{c}x", "a".repeat(c as usize % 130))));
        for s in cases {
            assert_eq!(maybe_control_bytes(s.as_bytes()), old(s.as_bytes()), "{s:?}");
        }
    }

    #[test]
    fn undeclared_latin1_is_detected() {
        // "Die Gebühren für Kitas steigen, sagt der Bürgermeister." in ISO-8859-1, no charset anywhere.
        let bytes = b"<html><body><p>Die Geb\xfchren f\xfcr Kitas steigen, sagt der B\xfcrgermeister. Gr\xfc\xdfe!</p></body></html>";
        let text = decode(bytes).unwrap();
        assert!(text.contains("Gebühren für") && text.contains("Bürgermeister. Grüße!"), "{text}");
        // A declared charset wins over detection.
        let bytes = b"<html><head><meta charset=\"iso-8859-15\"></head><body>Preis: 5 \xa4</body></html>";
        assert!(decode(bytes).unwrap().contains("5 €"));
    }
}
