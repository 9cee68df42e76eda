//! Comment-record shapes induced from the page itself (text dumps).
//!
//! The cue-based comment pass of [`super::text`] knows the layouts it was
//! written for. When it finds nothing, this pass looks for the one thing every
//! comment layout has: a short metadata line, repeated once per comment, that
//! carries a date or time and a name ("Beitrag von NAME (ORT) – DATUM",
//! "[DATUM] NAME: text", "(17:02) <NAME> text", "NAME, ORT, DATUM" under a
//! letter). Each candidate line gets a *shape key* (the class of its first
//! token, the kind and position of its date, whether text follows inline,
//! whether it ends in a colon); keys that repeat, with reader prose between
//! the repetitions, in the part of the page after the first prose paragraph,
//! are comment headers (text after them) or signatures (text before them).
//! The best-covered key wins. Words common to most repetitions are the
//! layout's labels ("Beitrag", "von", "schreibt", "am"); what is left is the
//! author. Lines that repeat in several comments with little text of their
//! own ("[freigeben] [ablehnen]", "Status: offen", "IP: …") are UI.
//!
//! Other record shapes: a signature closing the text line ("… (NAME, 19:44)"),
//! a name line above a bare date line (two-line heads), and an action bar
//! under the text ("Gefällt mir · Antworten · 2 Tg.") whose record opens
//! with the name or a handle.
//!
//! Everything is linear in the page: one pass computes the keys, one pass per
//! candidate key (at most a few) reads the regions between repetitions.

use super::cues::{self, ReplyRef};
use regex::Regex;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::sync::LazyLock;

#[cfg(test)]
#[path = "shapes_reference.rs"]
mod reference;

/// One comment read from a repeated shape.
#[derive(Debug)]
pub(crate) struct Record {
    pub author: Option<String>,
    pub date: Option<String>,
    pub lines: Vec<String>,
    pub indent: usize,
    pub reply: Option<ReplyRef>,
    /// "#7" on a line of its own in the record.
    pub number: Option<u32>,
}

/// The comments of a page found by shape, and the line where they begin.
#[derive(Debug)]
pub(crate) struct Induced {
    pub start: usize,
    pub records: Vec<Record>,
}

static TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(\[<])(\d{1,2}:\d{2}(?::\d{2})?(?:\s*Uhr\b)?)").expect("time regex"));

/// Lower-case words a metadata line may hold besides names and the date.
const CONNECTORS: &[&str] = &["von", "am", "um", "aus", "in", "im", "bei", "zu", "an", "auf", "und", "uhr", "vom", "der", "die", "den"];

/// A metadata line: its key, the byte span of its date, where its head ends
/// and inline text starts (if any).
#[derive(Debug, Clone)]
struct Meta {
    key: Key,
    date: (usize, usize),
    head_end: usize,
    inline: Option<usize>,
    /// A signature at the end of a text line ("text … (NAME, 19:44)"): the
    /// byte where it starts; the text is the line before it.
    sig: Option<usize>,
    /// A date line without a name under a line that holds the name (a
    /// two-line record head: "NAME (ORT)" / "14.11.2026 · 18:40").
    above: bool,
}

/// A shape key: lead, date kind, date position, inline or not, colon
/// (`format!("{lead}{kind}{pos}{I|L}{colon}")` as chars, without the string).
/// The other shapes' keys have '-' in third place, where a head's has 'S'
/// or 'E': action bars `('A', kind, '-', '-', '-')` (the reference's
/// "A{kind}"), signatures `('S', 'I', 'G', '-', '-')` ("SIG"), dates under
/// a name line `('2', kind, '-', '-', '-')` ("2{kind}").
type Key = (char, char, char, char, char);

/// Whether `w.to_lowercase()` is one of [`CONNECTORS`]: they are ASCII, and
/// the only non-ASCII chars whose lower case is ASCII are the Kelvin sign
/// (to 'k', in no connector) and U+0130 (to "i\u{307}", not ASCII), so
/// exactly the ASCII words equal to one but for case (test
/// `connector_test_agrees_with_to_lowercase`).
fn is_connector(w: &str) -> bool {
    (2..=3).contains(&w.len()) && CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(w))
}

/// A short relative age without "vor", as apps show it: "3 Tg.", "23 Std.", "5 Min.".
static SHORT_AGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(\[·•|])(\d{1,3}\s?(?:Tg|Std|Min|Sek|Wo|Mon)\.)").expect("age regex"));

/// UI action words of a comment's action bar, each with the index of the
/// byte [`cues::contains_ascii_ci`] looks for first.
const ACTIONS: &[(&[u8], usize)] = &[(b"antworten", 3), ("gefällt".as_bytes(), 2), (b"melden", 3), (b"teilen", 2), (b"likes", 2)];

/// Whether a line carries an action bar's words ("Gefällt mir · Antworten").
fn has_action(s: &str) -> bool {
    let b = s.as_bytes();
    ACTIONS.iter().any(|&(w, key)| cues::contains_ascii_ci(b, w, key))
}

/// The name of a bracketed signature that opens an action bar:
/// "[ NAME | 21.11.2026, 17:02 ]   ▲ 24   Antworten · Melden" (`a`: where
/// the date begins). The bracket must close right after the date.
fn bar_signature_name(t: &str, a: usize, b: usize) -> Option<String> {
    let close = match t.as_bytes().first()? {
        b'[' => ']',
        b'(' => ')',
        _ => return None,
    };
    if !t.get(b..)?.trim_start().starts_with(close) {
        return None;
    }
    let name = t.get(1..a)?.trim().trim_end_matches(['|', ',', '·', '•', '–', '—']).trim();
    (!name.is_empty() && cues::word_count(name) <= 4 && !has_action(name) && cues::is_name_like(name)).then(|| name.to_string())
}

/// A record's number line, perhaps with the number it answers:
/// "#7", "#2  ↳ zu #1", "#3 → #1".
fn number_ref(s: &str) -> Option<(u32, Option<ReplyRef>)> {
    let rest = s.strip_prefix('#')?;
    let d = rest.bytes().take_while(u8::is_ascii_digit).count();
    if d == 0 || d > 5 {
        return None;
    }
    let n = rest.get(..d)?.parse().ok()?;
    let tail = rest.get(d..)?.trim();
    if tail.is_empty() {
        return Some((n, None));
    }
    let arrow = cues::strip_reply_arrow(tail);
    let arrow = if arrow.len() == tail.len() { tail.strip_prefix('→')?.trim_start() } else { arrow };
    let arrow = ["zu ", "an ", "auf "].iter().find_map(|w| arrow.strip_prefix(w)).unwrap_or(arrow).trim_start();
    let m = arrow.strip_prefix('#')?;
    (!m.is_empty() && m.len() <= 5 && m.bytes().all(|c| c.is_ascii_digit())).then(|| (n, m.parse().ok().map(ReplyRef::Number)))
}

/// The separators between a head's parts ("Nr. 7 · NAME · DATE", "#7 |
/// NAME | DATE").
const HEAD_SEPS: [char; 5] = ['·', '|', '•', '–', '—'];

/// A reply part after a head's date, behind a separator ("· bezieht sich
/// auf Nr. 4", "· Antwort auf Jana K."), or None.
fn head_tail_reply(tail: &str) -> Option<ReplyRef> {
    let rest = tail.trim_start();
    let rest = rest.strip_prefix(|c: char| HEAD_SEPS.contains(&c) || c == ',')?.trim_start();
    (!rest.is_empty() && rest.len() <= 80 && rest.starts_with(cues::may_start_reply_marker)).then(|| cues::reply_marker(rest)).flatten()
}

/// The number a head opens with before a separator ("Nr. 7 · NAME · DATE",
/// "#7 · NAME · DATE"), or None.
fn head_number(t: &str) -> Option<u32> {
    let rest = t.strip_prefix("Nr.").or_else(|| t.strip_prefix('#'))?.trim_start();
    let d = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest.get(d..)?.trim_start();
    (d > 0 && d <= 5 && after.starts_with(HEAD_SEPS)).then(|| rest.get(..d)?.parse().ok()).flatten()
}

/// A removed record's placeholder: "– Beitrag vom Verfasser gelöscht –",
/// "[Von der Moderation entfernt]".
fn removed_line(s: &str) -> bool {
    // The placeholder keeps its number in a numbered list ("Nr. 6 · Dieser
    // Kommentar wurde … entfernt.", seg28).
    let s = match s.as_bytes().first() {
        Some(b'N' | b'#') if head_number(s).is_some() => s.split_once(HEAD_SEPS).map_or(s, |(_, r)| r.trim_start()),
        _ => s,
    };
    let b = s.as_bytes();
    if b.len() > 120 || !matches!(b.last(), Some(b't' | b'.' | b']' | b')' | 0x93 | 0x94)) {
        return false;
    }
    let t = s.trim_matches(|c: char| !c.is_alphanumeric());
    if cues::word_count(t) > 8 || !["gelöscht", "entfernt", "gesperrt", "ausgeblendet"].iter().any(|w| t.ends_with(w)) {
        return false;
    }
    // Set apart by dashes or brackets, or naming the post or the moderation
    // (a reader's "Das Plakat wurde entfernt." is text).
    let wrapped = s.starts_with(['–', '—', '-', '[', '(', '*', '_']) && !s.ends_with(|c: char| c.is_alphanumeric());
    let l = t.to_lowercase();
    wrapped || ["beitrag", "kommentar", "moderation", "verfasser", "redaktion"].iter().any(|w| l.contains(w))
}

/// A handle opening a line of text ("lena.fh Echt schade …"): lower case,
/// digits, '.' or '_' inside; the rest of the line is the text.
fn lead_handle(s: &str) -> Option<(&str, &str)> {
    let (h, rest) = s.split_once(' ')?;
    let inner = h.get(1..h.len().saturating_sub(1))?;
    let ok = h.chars().count() >= 3
        && h.chars().all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '.' || c == '_')
        && h.starts_with(|c: char| c.is_lowercase())
        && !h.ends_with('.')
        && (inner.contains('.') || inner.contains('_') || h.chars().any(|c| c.is_ascii_digit()));
    (ok && !rest.trim().is_empty()).then(|| (h, rest.trim()))
}

fn date_span(s: &str) -> Option<(usize, usize, char)> {
    date_span_in(s, &cues::LineDates::NONE)
}

/// [`date_span`] of `s`, the line of `d` or a part of it.
fn date_span_in(s: &str, d: &cues::LineDates) -> Option<(usize, usize, char)> {
    let f = d.facts;
    if let Some((a, b)) = d.first(s) {
        let kind = if s.get(a..).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())) { 'D' } else { 'R' };
        return Some((a, b, kind));
    }
    // Every TIME match holds an ASCII ':'.
    if f.holds(s, cues::C_COLON, || s.as_bytes().contains(&b':')) && TIME.is_match(s) {
        if let Some(m) = TIME.captures(s).and_then(|c| c.get(1)) {
            return Some((m.start(), m.end(), 'T'));
        }
    }
    let b = s.as_bytes();
    if !f.may(cues::C_DOT) || !memchr::memchr_iter(b'.', b).any(|i| i >= 2 && matches!(&b[i - 2..i], b"Tg" | b"td" | b"in" | b"ek" | b"Wo" | b"on")) {
        return None;
    }
    let m = SHORT_AGE.captures(s)?.get(1)?;
    Some((m.start(), m.end(), 'R'))
}

/// Whether `s` holds a ": " or "> " (without one there is no inline text).
fn has_inline_sep(s: &str) -> bool {
    memchr::memchr2_iter(b':', b'>', s.as_bytes()).any(|i| s.as_bytes().get(i + 1) == Some(&b' '))
}

/// A head whose text follows its time on the same line without a
/// separator ("NAME › PARENT gestern, 19:41 Ich pendle …": a tablet's copy
/// joins the head's inline spans and the first paragraph with a space):
/// the first time ("H:MM", perhaps "Uhr") in the first 120 bytes, then one
/// space and a capital, a quote mark or an emoji. Returns where the time
/// ends and where the text starts.
pub(super) fn time_then_text(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let i = memchr::memchr(b':', &b[..b.len().min(120)])?;
    if i == 0 || !b[i - 1].is_ascii_digit() || !b.get(i + 1..i + 3)?.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut end = i + 3;
    if b.get(end..end + 4) == Some(b" Uhr") {
        end += 4;
    }
    if b.get(end) != Some(&b' ') {
        return None;
    }
    let c = s.get(end + 1..)?.chars().next()?;
    // An emoji (the pictographs and the dingbats), not a separator ("·", "|").
    let emoji = c as u32 >= 0x1F000 || (0x2600..0x27C0).contains(&(c as u32));
    (c.is_uppercase() || matches!(c, '„' | '"' | '@') || emoji).then_some((end, end + 1))
}

/// `span` is the line's [`date_span`], `words()` is `cues::word_count(s)`.
/// (The caller skips the date search where this returns None anyway: lines
/// over 400 bytes, and lines of more than 16 words without a ": " or "> "
/// and without text right after a time.)
fn meta(s: &str, span: (usize, usize, char), words: impl Fn() -> usize) -> Option<Meta> {
    if s.len() > 400 {
        return None;
    }
    let (a, b, kind) = span;
    if a > 120 {
        return None;
    }
    // Inline text: a ": " or "> " after the date and a name, within the first 120 bytes.
    let mut inline = None;
    let mut head_end = s.len();
    // Text right after the time (a tablet copy's joined head) comes first:
    // a ": " in that text is the text's.
    if let Some((_, p)) = time_then_text(s).filter(|&(e, _)| e == b) {
        head_end = b;
        inline = Some(p);
    }
    if let Some(rest) = s.get(b..) {
        for sep in [": ", "> "] {
            // `str::find` with a &str pattern builds a searcher per call: a byte search instead.
            let r = rest.as_bytes();
            if let Some(p) = memchr::memchr_iter(sep.as_bytes()[0], r).find(|&i| r.get(i + 1) == Some(&b' ')) {
                let at = b + p;
                if at <= 120 && s.get(at + sep.len()..).is_some_and(|t| !t.trim().is_empty()) && head_end > at {
                    head_end = at + sep.len() - 1;
                    inline = Some(at + sep.len());
                }
            }
        }
    }
    let head = s.get(..head_end)?;
    let before = head.get(..a)?;
    let after = head.get(b.min(head.len())..)?;
    // The head without the date: a name slot, few lower-case words.
    let mut head_words = 0usize;
    let mut lower = 0usize;
    let mut name = false;
    for w in before.split_whitespace().chain(after.split_whitespace()) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '_');
        if w.is_empty() {
            continue;
        }
        head_words += 1;
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() || first == '@' || w.contains('_') {
            name = true;
        } else if first.is_lowercase() && !is_connector(w) {
            lower += 1;
        }
    }
    if !name || head_words > 10 || lower > 2 {
        return None;
    }
    if inline.is_none() && words() > 16 {
        return None;
    }
    let first = s.chars().next()?;
    // A lower-case handle with '_' or a digit ("kiesel_77") leads as a
    // capitalised name does: both are a name slot.
    let handle = || s.split_whitespace().next().is_some_and(|w| w.chars().any(|c| c == '_' || c.is_ascii_digit()));
    let lead = if a == 0 {
        'D'
    } else if first.is_uppercase() || first.is_lowercase() && handle() {
        'W'
    } else if first.is_lowercase() {
        'w'
    } else if first.is_ascii_digit() {
        'N'
    } else {
        first
    };
    let pos = if before.trim_matches(|c: char| !c.is_alphanumeric()).is_empty() { 'S' } else { 'E' };
    let colon = if inline.is_none() && s.ends_with(':') { ':' } else { '.' };
    // Action bars share one shape whatever the order of their parts
    // ("Gefällt mir · Antworten · 2 Tg." / "2 Tg.  Gefällt mir  Antworten").
    let key = if inline.is_none() && has_action(s) { ('A', kind, '-', '-', '-') } else { (lead, kind, pos, if inline.is_some() { 'I' } else { 'L' }, colon) };
    Some(Meta { key, date: (a, b), head_end, inline, sig: None, above: false })
}
/// A line of reader text that ends in its signature in brackets, a name and
/// a date or time: "… wirken. (Horst E., 19:44)", "… (Resi aus Ruhstorf, 20:21)".
fn tail_meta(s: &str) -> Option<Meta> {
    let body = s.strip_suffix(')')?;
    let p = body.rfind('(')?;
    let inside = body.get(p + 1..)?;
    if inside.len() > 64 || cues::word_count(body.get(..p)?) < 3 {
        return None;
    }
    let (a, b, _) = date_span(inside)?;
    // The date closes the bracket; a name comes before it.
    if !inside.get(b..)?.trim().is_empty() {
        return None;
    }
    let name = inside.get(..a)?.trim().trim_end_matches([',', ';', '-', '–']).trim();
    let first = name.chars().next()?;
    // "(Sendung vom 14.11.2026)" is a reference, not a signature.
    let last = name.rsplit(' ').next().unwrap_or("").to_lowercase();
    if !(first.is_uppercase() || first == '@') || cues::word_count(name) > 4 || CONNECTORS.contains(&last.as_str()) {
        return None;
    }
    Some(Meta { key: ('S', 'I', 'G', '-', '-'), date: (p + 1 + a, p + 1 + b), head_end: s.len(), inline: None, sig: Some(p), above: false })
}

/// A line that can hold a name on its own above a date line: short, with a
/// capital or '@' first, no date, not prose or a question.
fn name_line(s: &str) -> bool {
    name_line_with(s, || cues::is_ui_line(s))
}

/// [`name_line`], `ui` answering `cues::is_ui_line(s)`.
fn name_line_with(s: &str, ui: impl FnOnce() -> bool) -> bool {
    s.starts_with(|c: char| c.is_uppercase() || c == '@')
        && !s.ends_with(['!', '?', ':'])
        && (1..=12).contains(&cues::word_count(s))
        && !prose_ish(s)
        && !ui()
        && date_span(s).is_none()
        && name_of_line(s).is_some_and(|n| {
            // A numbering ("Nr. 1", "Beitrag 4", "#3") is no name.
            let numbered = n.split_whitespace().last().is_some_and(|w| w.trim_start_matches('#').chars().all(|c| c.is_ascii_digit())) && cues::word_count(&n) <= 2;
            n.starts_with(|c: char| c.is_uppercase() || c == '@') && !numbered
        })
}

/// A date line with (almost) nothing else, under a name line:
/// "14.11.2026 · 18:40", "2 Tg.", "1 Tg. (bearbeitet)".
fn date_under_name(f: &Facts, i: usize, from: usize, span: (usize, usize, char)) -> Option<Meta> {
    let texts = f.texts;
    let s = texts[i];
    if i <= from || s.len() > 48 || texts[i - 1].is_empty() {
        return None;
    }
    let (a, b, kind) = span;
    let rest = cues::word_count(s.get(..a)?) + cues::word_count(s.get(b..)?);
    if rest > 2 || s.get(..a)?.chars().any(char::is_alphabetic) || !f.name_line(i - 1) {
        return None;
    }
    Some(Meta { key: ('2', kind, '-', '-', '-'), date: (a, b), head_end: s.len(), inline: None, sig: None, above: true })
}

/// A short attribute line under a name in a three-line head ("Lindenau",
/// "Lokale Organisation"): one to three words, no digit, no date.
fn attribute_line(s: &str) -> bool {
    s.len() <= 40 && (1..=3).contains(&cues::word_count(s)) && !s.bytes().any(|b| b.is_ascii_digit()) && !cues::is_ui_line(s) && cues::is_name_like(s)
}

/// `s.find(": ")` by a byte search for ':' (a `str` pattern builds a
/// searcher per call).
fn colon_space(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memchr_iter(b':', b).find(|&i| b.get(i + 1) == Some(&b' '))
}

/// What ends the name on a name line.
const NAME_SEPS: [&str; 7] = [" · ", " (", ", ", " | ", " – ", " - ", " • "];

/// The name on a name line: without a "Label:" in front and without what
/// follows a separator (" · Beruf", " (Ort)", ", Ort", " | …").
fn name_of_line(s: &str) -> Option<String> {
    let s = match colon_space(s).map(|p| (&s[..p], &s[p + 2..])) {
        Some((l, r)) if cues::word_count(l) <= 2 && !r.trim().is_empty() => r,
        _ => s,
    };
    // The first place where one of the separators begins (each begins with
    // a space or a comma).
    let b = s.as_bytes();
    let end = memchr::memchr2_iter(b' ', b',', b)
        .find(|&p| NAME_SEPS.iter().any(|sep| b.get(p..).is_some_and(|r| r.starts_with(sep.as_bytes()))))
        .unwrap_or(s.len());
    let name = s.get(..end)?.trim();
    (!name.is_empty()).then(|| name.to_string())
}


/// Normalised form of a line for the repeated-UI test: lower case, digits as '#'.
fn ui_form(s: &str) -> String {
    let s = match colon_space(s) {
        // "Label: value" lines repeat by their label.
        Some(p) if p <= 24 && cues::word_count(s.get(..p).unwrap_or("")) <= 2 && field_words(s) <= 8 => s.get(..p).unwrap_or(s),
        _ => s,
    };
    // Char by char (as `flat_map(char::to_lowercase)`), ASCII without the
    // Unicode tables.
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(if c.is_ascii_digit() { '#' } else { c.to_ascii_lowercase() });
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Words of a short field line, not counting what stands in brackets
/// ("Nutzer: NAME (Verein) (ID 3021, verifiziertes Konto)" is a short field).
fn field_words(s: &str) -> usize {
    field_words_of(s, cues::word_count(s))
}

/// [`field_words`] with `n` = `cues::word_count(s)`.
fn field_words_of(s: &str, n: usize) -> usize {
    if n <= 8 || !s.contains('(') {
        return n;
    }
    let mut depth = 0usize;
    let outside: String = s
        .chars()
        .map(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > 0 || c == ')' { ' ' } else { c }
        })
        .collect();
    cues::word_count(&outside)
}

/// Whether a line reads as reader prose (several words, some lower-case).
fn prose_ish(s: &str) -> bool {
    cues::word_count(s) >= 6 && lower_words_at_least_two(s)
}

/// The second half of [`prose_ish`]: two or more words begin lower-case.
fn lower_words_at_least_two(s: &str) -> bool {
    // `cues::words` splits as `split_whitespace` does; the second such word settles it.
    cues::words(s).filter(|w| w.starts_with(|c: char| c.is_lowercase())).nth(1).is_some()
}

/// Line cues the caller may have at hand already (`text.rs` keeps them per
/// line): each answer must be the cue's answer on `texts[i]`.
pub(crate) trait LineCues {
    /// `cues::comment_header(texts[i]).is_some()`.
    fn header(&self, i: usize) -> bool;
    /// `cues::teaser_heading(texts[i]).is_some()`.
    fn teaser(&self, i: usize) -> bool;
    /// `cues::is_prose(texts[i])`.
    fn prose(&self, i: usize) -> bool;
    /// `cues::is_strong_furniture(texts[i])`.
    fn strong(&self, i: usize) -> bool;
    /// `cues::is_ui_line(texts[i])`.
    fn ui(&self, i: usize) -> bool;
    /// The date answers of `texts[i]` (its byte facts and date scan), `cues::LineDates`.
    fn dates(&self, i: usize) -> cues::LineDates<'_> {
        let _ = i;
        cues::LineDates::NONE
    }
    /// `cues::word_count(texts[i])` when the caller keeps it (None: count here).
    fn words(&self, i: usize) -> Option<usize> {
        let _ = i;
        None
    }
}

/// The cues asked of the texts themselves.
#[cfg(test)]
struct Plain<'a>(&'a [&'a str]);

#[cfg(test)]
impl LineCues for Plain<'_> {
    fn header(&self, i: usize) -> bool {
        cues::comment_header(self.0[i]).is_some()
    }
    fn teaser(&self, i: usize) -> bool {
        cues::teaser_heading(self.0[i]).is_some()
    }
    fn prose(&self, i: usize) -> bool {
        cues::is_prose(self.0[i])
    }
    fn strong(&self, i: usize) -> bool {
        cues::is_strong_furniture(self.0[i])
    }
    fn ui(&self, i: usize) -> bool {
        cues::is_ui_line(self.0[i])
    }
}

/// Facts about the page's lines that every candidate key reads again (the
/// regions of up to six keys overlap), each computed on first use.
struct Facts<'a> {
    texts: &'a [&'a str],
    cues: &'a dyn LineCues,
    words: Vec<OnceCell<usize>>,
    prose_ish: Vec<OnceCell<bool>>,
    /// `cues::is_prose(t) && !cues::is_strong_furniture(t)`.
    article_prose: Vec<OnceCell<bool>>,
    text_line: Vec<OnceCell<bool>>,
    /// [`field_words`].
    field_words: Vec<OnceCell<usize>>,
    /// [`name_line`].
    name_line: Vec<OnceCell<bool>>,
    /// The line's [`ui_form`], as an index into `forms`.
    form: Vec<OnceCell<usize>>,
    /// [`reaction`].
    reaction: Vec<OnceCell<bool>>,
    forms: RefCell<FxHashMap<String, usize>>,
}

impl<'a> Facts<'a> {
    fn new(texts: &'a [&'a str], cues: &'a dyn LineCues) -> Facts<'a> {
        let n = texts.len();
        Facts {
            texts,
            cues,
            words: vec![OnceCell::new(); n],
            prose_ish: vec![OnceCell::new(); n],
            article_prose: vec![OnceCell::new(); n],
            text_line: vec![OnceCell::new(); n],
            field_words: vec![OnceCell::new(); n],
            name_line: vec![OnceCell::new(); n],
            form: vec![OnceCell::new(); n],
            reaction: vec![OnceCell::new(); n],
            forms: RefCell::new(FxHashMap::default()),
        }
    }
    fn words(&self, i: usize) -> usize {
        *self.words[i].get_or_init(|| self.cues.words(i).unwrap_or_else(|| cues::word_count(self.texts[i])))
    }
    fn prose_ish(&self, i: usize) -> bool {
        // `prose_ish` with the cached word count.
        *self.prose_ish[i].get_or_init(|| self.words(i) >= 6 && lower_words_at_least_two(self.texts[i]))
    }
    fn article_prose(&self, i: usize) -> bool {
        *self.article_prose[i].get_or_init(|| self.cues.prose(i) && !self.cues.strong(i))
    }
    fn text_line(&self, i: usize) -> bool {
        *self.text_line[i].get_or_init(|| !self.texts[i].is_empty() && !self.cues.ui(i))
    }
    fn field_words(&self, i: usize) -> usize {
        *self.field_words[i].get_or_init(|| field_words_of(self.texts[i], self.words(i)))
    }
    fn name_line(&self, i: usize) -> bool {
        *self.name_line[i].get_or_init(|| name_line_with(self.texts[i], || self.cues.ui(i)))
    }
    fn reaction(&self, i: usize) -> bool {
        *self.reaction[i].get_or_init(|| reaction(self.texts, i))
    }
    fn form(&self, i: usize) -> usize {
        *self.form[i].get_or_init(|| {
            let f = ui_form(self.texts[i]);
            let mut forms = self.forms.borrow_mut();
            let next = forms.len();
            *forms.entry(f).or_insert(next)
        })
    }
}

/// `texts` are the trimmed lines of the page, `indents` their indentation;
/// comments are looked for from line `from` on. A reading gives at most one
/// record per repetition of its key: `usable(n)` says whether the caller
/// can use a reading of `n` records (false for fewer when false for `n`);
/// when it cannot for the most repeated key, the keys are not read (None,
/// as the caller would discard any answer).
#[cfg(test)]
pub(crate) fn induce(texts: &[&str], indents: &[usize], from: usize, usable: impl FnOnce(usize) -> bool) -> Option<Induced> {
    induce_with(texts, &Plain(texts), indents, from, usable, None)
}

/// What a caller that holds a reading of its own (`text::parse`'s cue
/// reading of `count` comments) can use of a shape reading, beyond
/// `usable`: only a reading of `min` records or more; and where no key
/// repeats more than `count` times, only a reading of exactly `count`
/// records in which more than half of the records `k` have an author `b`
/// with `names_with_layout(k, b)`, unless `weak_anyway()` (the caller may
/// use it on grounds that do not read the authors). A reading that cannot
/// meet this is not finished ([`Unusable`]); when it would have been the
/// best one, the answer is None, which the caller treats as it would have
/// treated the reading (session 19).
pub(crate) struct Demand<'d> {
    pub min: usize,
    pub count: usize,
    pub names_with_layout: &'d dyn Fn(usize, &str) -> bool,
    pub weak_anyway: &'d dyn Fn() -> bool,
}

/// A reading that [`Demand`] rules out, left unfinished: its score is not
/// known.
struct Unusable;

/// [`induce`] with the caller's answers of some line cues, and what the
/// caller can use ([`Demand`]; None: any reading `usable` admits).
pub(crate) fn induce_with(
    texts: &[&str],
    line_cues: &dyn LineCues,
    indents: &[usize],
    from: usize,
    usable: impl FnOnce(usize) -> bool,
    demand: Option<&Demand>,
) -> Option<Induced> {
    let n = texts.len();
    let mut metas: Vec<Option<Meta>> = vec![None; n];
    let mut groups: FxHashMap<Key, Vec<usize>> = FxHashMap::default();
    let facts = Facts::new(texts, line_cues);
    for i in from..n {
        let t = texts[i];
        // A date has a digit, or is a relative one in words ("vor einer
        // Stunde"); the digit test is one branch-free pass.
        if t.is_empty() || !t.bytes().fold(false, |acc, b| acc | b.is_ascii_digit()) && !(t.len() <= 120 && cues::contains_at(t.as_bytes(), b"vor ein", 0)) {
            continue;
        }
        // The readings a line can have, by what each asks before the date:
        // a signature closing it (`tail_meta`: ends in ')'), a head
        // (`meta`: at most 400 bytes, and with more than 16 words only with
        // a ": " or "> " or text right after a time), the date line of a two-line head
        // (`date_under_name`: at most 48 bytes, under a line with text).
        // Without any of them the date search is skipped.
        let as_sig = t.ends_with(')');
        let as_head = t.len() <= 400 && (has_inline_sep(t) || facts.words(i) <= 16 || time_then_text(t).is_some());
        let as_two = i > from && t.len() <= 48 && !texts[i - 1].is_empty();
        if !as_sig && !as_head && !as_two {
            continue;
        }
        let Some(span) = date_span_in(t, &line_cues.dates(i)) else { continue };
        let mut m = if as_sig { tail_meta(t) } else { None };
        if m.is_none() && as_head {
            m = meta(t, span, || facts.words(i));
        }
        if m.is_none() && as_two {
            m = date_under_name(&facts, i, from, span);
        }
        if let Some(m) = m {
            groups.entry(m.key).or_default().push(i);
            metas[i] = Some(m);
        }
    }
    // (score, key's place in the order, reading)
    let mut best: Option<(usize, usize, Induced)> = None;
    let most = groups.values().map(Vec::len).max().unwrap_or(0);
    if !usable(most) {
        return None;
    }
    // Whether a reading must have exactly `count` records and the authors
    // the demand names (no key repeats more often).
    let exact = demand.is_some_and(|d| most <= d.count);
    // The keys' first lines differ (a line has one key), so the order is
    // total whatever the map's order.
    let mut keys: Vec<_> = groups.into_iter().filter(|(_, v)| v.len() >= 2).collect();
    keys.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.1[0].cmp(&b.1[0])));
    // The keys whose reading the demand ruled out, with their place.
    let mut unusable: Vec<(usize, Vec<usize>)> = Vec::new();
    for (place, (_, mut reps)) in keys.into_iter().take(6).enumerate() {
        // A comment-section header after the first repetition: the
        // repetitions before it belong to the page, not to the comments.
        while reps.len() >= 3 && (reps[0] + 1..reps[1]).any(|k| line_cues.header(k)) {
            reps.remove(0);
        }
        // A reading scores at most 3 per repetition: skip keys that cannot win.
        if best.as_ref().is_some_and(|(s, _, _)| *s >= 3 * reps.len()) {
            continue;
        }
        match read_shape(&facts, indents, &metas, &reps, demand.map(|d| (d, exact))) {
            Ok(Some((score, ind))) => {
                if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                    best = Some((score, place, ind));
                }
            }
            Ok(None) => {}
            Err(Unusable) => unusable.push((place, reps)),
        }
    }
    // The best reading is the first of the highest score over all keys
    // (a key skipped above cannot beat the reading that made it skip). When
    // a ruled-out key was left unread, the best of the others decides only if
    // it beats that key: read those keys in full. If none of the others
    // gave a reading, the best is a ruled-out one or none: None either way
    // for the caller.
    if !unusable.is_empty() {
        best.as_ref()?;
        for (place, reps) in unusable {
            if let Ok(Some((score, ind))) = read_shape(&facts, indents, &metas, &reps, None) {
                if best.as_ref().is_none_or(|(s, p, _)| score > *s || score == *s && place < *p) {
                    best = Some((score, place, ind));
                }
            }
        }
    }
    best.map(|(_, _, ind)| ind)
}

/// A reaction: a line without letters or digits ("❤️", "👍") over a count
/// line ("6"); reactions are neither text nor repeated UI.
fn reaction(texts: &[&str], i: usize) -> bool {
    texts.get(i + 1).is_some_and(|n| cues::is_count_only(n)) && !texts[i].is_empty() && !texts[i].chars().any(char::is_alphanumeric) || cues::is_reaction_bar(texts[i])
}

/// End of the last comment's text after line `i`: the block up to a blank
/// line, then further blocks only while they open with prose.
fn block_end(f: &Facts, i: usize) -> usize {
    let texts = f.texts;
    let n = texts.len();
    let mut j = i;
    while j < n && !texts[j].is_empty() {
        j += 1;
    }
    loop {
        let mut k = j;
        while k < n && texts[k].is_empty() {
            k += 1;
        }
        if k < n && f.prose_ish(k) && f.article_prose(k) && !f.cues.header(k) {
            j = k;
            while j < n && !texts[j].is_empty() {
                j += 1;
            }
        } else {
            return j;
        }
    }
}

/// The last record's region ends at a teaser heading ("Meistgelesen",
/// "Leser diskutieren"): where no blank line closes the list, the boxes
/// after it are not the record's text.
fn before_teaser(f: &Facts, from: usize, end: usize) -> usize {
    (from..end).find(|&k| f.cues.teaser(k)).unwrap_or(end)
}

/// One key's reading: its score and records. `demand`: the caller's
/// [`Demand`], and whether it asks for exactly `count` records; a reading it
/// rules out is left as soon as that is clear (`Err(Unusable)`), which may
/// be before a test that would have given no reading at all (the caller
/// cannot use either).
fn read_shape(f: &Facts, indents: &[usize], metas: &[Option<Meta>], reps: &[usize], demand: Option<(&Demand, bool)>) -> Result<Option<(usize, Induced)>, Unusable> {
    let texts = f.texts;
    let n = texts.len();
    // A reading has at most one record per repetition.
    if demand.is_some_and(|(d, _)| reps.len() < d.min) {
        return Err(Unusable);
    }
    let (Some(&first), Some(&last)) = (reps.first(), reps.last()) else { return Ok(None) };
    let Some(m_last) = metas[last].as_ref() else { return Ok(None) };
    let next_after = |i: usize| (i + 1..n).find(|&k| !texts[k].is_empty());
    // Header or footer: text after the last repetition, or text right before the first.
    // A repeated line with action words under the text is an action bar:
    // the record's text comes before it.
    let signed = m_last.sig.is_some();
    // An action bar: three quarters of the heads or more carry action words,
    // i.e. at most a quarter lack them (counted until more do).
    let bar = !signed && {
        let mut lacking = 0usize;
        reps.iter().all(|&r| {
            lacking += usize::from(!has_action(texts[r]));
            lacking * 4 <= reps.len()
        })
    };
    let header = !signed && !bar && m_last.inline.is_some()
        || !signed && !bar && next_after(last).is_some_and(|k| f.text_line(k) && metas[k].is_none() && (f.prose_ish(k) || k == last + 1));
    let footer = !header && (signed || first > 0 && f.text_line(first - 1) && (bar || f.prose_ish(first - 1)));
    if !header && !footer {
        return Ok(None);
    }
    if reps.iter().any(|&r| metas[r].is_none()) {
        return Ok(None);
    }
    // Labels: words in more than half of the repetitions' heads, read when
    // a head's name slot is first asked for (a name line above the date
    // needs none).
    let labels = OnceCell::new();
    let labels = || -> &[String] {
        labels.get_or_init(|| {
            // Each head's distinct lower-case words (a head has a few: a list,
            // not a set), borrowed where the word is ASCII without an upper-case
            // letter (its own lower case); counted per head. The labels' order
            // does not matter (`author_of` asks whether any matches).
            let mut word_reps: FxHashMap<Cow<str>, usize> = FxHashMap::default();
            let mut here: Vec<Cow<str>> = Vec::new();
            for &r in reps {
                let Some(m) = metas[r].as_ref() else { continue };
                let head = texts[r].get(m.sig.unwrap_or(0)..m.head_end).unwrap_or("");
                for w in head.split_whitespace() {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    if w.is_empty() {
                        continue;
                    }
                    let l = if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) { Cow::Borrowed(w) } else { Cow::Owned(w.to_lowercase()) };
                    if !here.contains(&l) {
                        here.push(l);
                    }
                }
                for w in here.drain(..) {
                    *word_reps.entry(w).or_default() += 1;
                }
            }
            word_reps.into_iter().filter(|(_, c)| c * 4 >= reps.len() * 3).map(|(w, _)| w.into_owned()).collect::<Vec<String>>()
        })
    };
    // Two-line heads: the name on its own line above the date line (or a
    // date line whose head names nobody, under such a line).
    let above: Vec<usize> = reps
        .iter()
        .enumerate()
        .map(|(k, &r)| {
            let Some(m) = metas[r].as_ref() else { return 0 };
            let one = r > 0
                && (k == 0 || reps[k - 1] + 1 < r - 1 || !header)
                && metas[r - 1].is_none()
                && (m.above
                    || m.sig.is_none() && m.inline.is_none() && f.name_line(r - 1) && author_of(texts[r].get(..m.head_end).unwrap_or(""), m.date, labels()).is_none());
            // A short attribute line (a place, role or badge) between the
            // name and the date, the name right under the UI line or removal
            // placeholder that closes the record before it (an app copy, one
            // field per line): a three-line head. After a blank line the
            // first line may be a comment title above NAME / DATE.
            let two = one
                // The name at r - 2, the UI line or placeholder above it.
                && r >= 3
                && attribute_line(texts[r - 1])
                && !texts[r - 2].is_empty()
                && metas[r - 2].is_none()
                && (k == 0 || reps[k - 1] + 2 < r - 1)
                && f.name_line(r - 2)
                && (cues::is_ui_line(texts[r - 3]) || removed_line(texts[r - 3]));
            usize::from(one) + usize::from(two)
        })
        .collect();
    // The author each record's head names (before the fallbacks below for
    // a head without one), and the parent a writer-parent head names ("A an
    // B, DATE").
    let head = |k: usize| {
        let r = reps[k];
        let Some(m) = metas[r].as_ref() else { return (None, None) };
        let t = texts[r];
        let (a, b) = m.date;
        let author = match m.sig {
            _ if above[k] > 0 => name_of_line(texts[r - above[k]]),
            Some(p) => author_of(t.get(p + 1..).unwrap_or(""), (a - p - 1, b - p - 1), labels()),
            // An action bar holds no name ("… · Bearbeitet"), unless it opens
            // with a bracketed signature.
            None if bar => bar_signature_name(t, a, b),
            None => author_of(t.get(..m.head_end).unwrap_or(""), (a, b), labels()),
        };
        // A head naming the writer and the parent before its date ("Antwort
        // von A an B, DATE", "A ▸ B · DATE"): the writer, and the reply.
        match (above[k] == 0 && !bar && author.is_some()).then(|| writer_parent_head(t, (a, b), m.head_end, m.sig)).flatten() {
            Some((w, p)) => (Some(w.to_string()), Some(p)),
            None => (author, None),
        }
    };
    // The heads read up front where the demand asks for exactly `count`
    // records: such a reading keeps a record for every repetition, so
    // record `k` is the caller's comment `k`, and its author is the head's
    // or (without one) whatever a fallback below finds. When too few of
    // them can have the authors the demand names, the reading is ruled out
    // before its regions are read.
    // Read until the count is settled either way (the heads not read here
    // are read in the loop below).
    let mut heads = Vec::new();
    if let Some((d, true)) = demand {
        let mut may = 0usize;
        for k in 0..reps.len() {
            if may * 2 > d.count || (may + reps.len() - k) * 2 <= d.count {
                break;
            }
            let h = head(k);
            may += usize::from(h.0.as_deref().is_none_or(|b| (d.names_with_layout)(k, b)));
            heads.push(Some(h));
        }
        if may * 2 <= d.count && !(d.weak_anyway)() {
            return Err(Unusable);
        }
    }
    // After the section: no more article prose (two such lines are enough
    // to tell). A rule line ("────") closes the list; what follows it is
    // the page's footer. The last header's region ends where the section does.
    let last_end = header.then(|| block_end(f, last + 1));
    let end = last_end.map_or(last + 1, |e| e.max(last + 1));
    let is_rule = |t: &str| t.chars().count() >= 5 && !t.chars().any(char::is_alphanumeric);
    if (end..n).take_while(|&k| !is_rule(texts[k])).filter(|&k| f.article_prose(k)).nth(1).is_some() {
        return Ok(None);
    }
    // Regions of text per repetition.
    let mut regions: Vec<(usize, usize)> = Vec::with_capacity(reps.len());
    for (k, &r) in reps.iter().enumerate() {
        if header {
            let end = match reps.get(k + 1) {
                Some(&next) => next - above[k + 1],
                None => last_end.map_or(r + 1, |e| before_teaser(f, r + 1, e)),
            };
            regions.push((r + 1, end.max(r + 1)));
        } else {
            let own = r - above[k];
            let start = if k == 0 {
                let mut s = own;
                // Above an action bar the whole block is the record (name line, short text).
                while s > 0
                    && !texts[s - 1].is_empty()
                    && metas[s - 1].is_none()
                    && (f.prose_ish(s - 1) || bar && f.text_line(s - 1) && date_span(texts[s - 1]).is_none() && !texts[s - 1].starts_with('#'))
                {
                    s -= 1;
                }
                s
            } else {
                reps[k - 1] + 1
            };
            regions.push((start, own.max(start)));
        }
    }
    // Repeated short lines across regions are UI / metadata: per form, the
    // number of regions holding it (and the last region counted). Field
    // lines are short without their brackets.
    let mut seen: FxHashMap<usize, (usize, usize)> = FxHashMap::default();
    for (ri, &(a, b)) in regions.iter().enumerate() {
        for k in a..b {
            if !texts[k].is_empty() && f.field_words(k) <= 8 && !f.reaction(k) {
                let e = seen.entry(f.form(k)).or_insert((usize::MAX, 0));
                if e.0 != ri {
                    *e = (ri, e.1 + 1);
                }
            }
        }
    }
    let repeated = |k: usize| !texts[k].is_empty() && f.field_words(k) <= 8 && !f.reaction(k) && seen.get(&f.form(k)).is_some_and(|&(_, c)| c >= 2);
    let mut records = Vec::with_capacity(reps.len());
    let mut with_text = 0usize;
    // Lines pointing at other articles ("zu: TITEL").
    let mut elsewhere = 0usize;
    let mut with_prose = 0usize;
    for (k, &r) in reps.iter().enumerate() {
        let Some(m) = metas[r].as_ref() else { return Ok(None) };
        let t = texts[r];
        let (a, b) = m.date;
        let date = t.get(a..b).map(|d| d.trim().to_string());
        let mut lines: Vec<String> = Vec::new();
        // Whether a line of the record reads as prose: the inline text's or
        // the signed text's answer, or the cached one of a page line taken.
        let mut prose = false;
        let mut reply = None;
        let mut number = None;
        if let Some(p) = m.inline {
            if let Some(rest) = t.get(p..) {
                let rest = rest.trim();
                prose = prose_ish(rest);
                lines.push(rest.to_string());
            }
        }
        let (ra, rb) = regions[k];
        for q in ra..rb {
            let line = texts[q];
            if line.is_empty() {
                continue;
            }
            // A reply marker counts even when its label repeats ("Antwort auf: #1").
            if let Some(rr) = cues::reply_marker(line) {
                reply = Some(rr);
                continue;
            }
            // "#7" or "#2 ↳ zu #1": the record's number and the one it answers.
            if line.starts_with('#') {
                if let Some((n, rr)) = number_ref(line) {
                    number = Some(n);
                    reply = rr.or(reply);
                    continue;
                }
            }
            // A removed record's placeholder: under a head, it ends the record
            // (the rest is the removed one's); above a footer, what came before
            // it was the removed record's.
            if removed_line(line) {
                if header {
                    break;
                }
                lines.clear();
                prose = false;
                number = None;
                reply = None;
                continue;
            }
            // A chat system message ("Name ist der Diskussion beigetreten.").
            if cues::is_system_line(line) {
                continue;
            }
            // A pointer to another article ("zu: TITEL"): the record is an
            // entry of a box of comments on other articles.
            if cues::points_elsewhere(line) {
                elsewhere += 1;
            }
            // A bare count ("6", "2,1 Tsd.") is a reaction or view count.
            if !f.text_line(q) || repeated(q) || bar && has_action(line) && f.words(q) <= 5 || cues::is_count_only(line) || f.reaction(q) {
                continue;
            }
            prose = prose || f.prose_ish(q);
            lines.push(line.to_string());
        }
        // The first record's number line stands above its block.
        if number.is_none() && k == 0 && ra > 0 {
            number = number_ref(texts[ra - 1]).map(|(n, _)| n);
        }
        if let Some(p) = m.sig {
            let own = t.get(..p).unwrap_or("").trim();
            if !own.is_empty() {
                prose = prose || prose_ish(own);
                lines.push(own.to_string());
            }
        }
        if lines.is_empty() {
            continue;
        }
        with_text += 1;
        if prose {
            with_prose += 1;
        }
        let (mut author, parent) = heads.get_mut(k).and_then(Option::take).unwrap_or_else(|| head(k));
        // A print view's head numbers the comment and names its parent by
        // number after the date ("Nr. 7 · NAME · DATE · bezieht sich auf Nr.
        // 4", seg28): the number is the record's, the last part its reply.
        if m.sig.is_none() && m.inline.is_none() && !bar && above[k] == 0 {
            if reply.is_none() {
                reply = head_tail_reply(t.get(b..).unwrap_or(""));
            }
            number = number.or_else(|| head_number(t));
        }
        // A writer-parent head's parent is the reply.
        if let Some(p) = parent {
            reply = reply.or_else(|| Some(ReplyRef::Name(p.to_string())));
        }
        // A head without a name: the first repeated "Label: Value" line of
        // the record whose value reads as a name.
        if author.is_none() {
            author = (ra..rb).filter(|&q| repeated(q)).find_map(|q| {
                let l = texts[q];
                let (_, v) = l.split_once(": ")?;
                let v = v.split(" (").next()?.trim();
                let c = v.chars().next()?;
                ((c.is_uppercase() || c == '@' || v.contains('_') || v.chars().any(|c| c.is_ascii_digit()) && c.is_alphabetic())
                    && cues::word_count(v) <= 4
                    && !v.chars().all(|c| c.is_ascii_digit() || c == '.'))
                .then(|| v.to_string())
            });
        }
        // An action bar names nobody: the name opens the record, on a line
        // of its own ("NAME" / text) or as a handle before the text.
        if author.is_none() && bar {
            if lines.len() >= 2 && name_line(&lines[0]) {
                author = name_of_line(&lines[0]);
                lines.remove(0);
            } else if let Some((h, rest)) = lead_handle(&lines[0]) {
                author = Some(h.to_string());
                lines[0] = rest.to_string();
            }
        }
        records.push(Record { author, date, lines, indent: indents[r], reply, number });
    }
    // Handles without '.', '_' or digits ("fahrradjens Abends …") count
    // where most records open with a handle.
    if bar && records.iter().filter(|r| r.author.is_some()).count() * 2 >= records.len() {
        for r in records.iter_mut().filter(|r| r.author.is_none()) {
            let Some(first) = r.lines.first() else { continue };
            let Some((h, rest)) = first.split_once(' ') else { continue };
            if h.chars().count() >= 3 && h.chars().all(|c| c.is_lowercase()) && rest.starts_with(|c: char| !c.is_lowercase()) {
                let rest = rest.trim().to_string();
                r.author = Some(h.to_string());
                r.lines[0] = rest;
            }
        }
    }
    if with_text < 2 || with_prose < 2 || elsewhere * 2 >= with_text {
        return Ok(None);
    }
    // A footer reading starts at the first record's number line ("#1") when one stands above it.
    let start = if header {
        first - above[0]
    } else {
        regions.first().map_or(first, |r| r.0 - usize::from(r.0 > 0 && number_ref(texts[r.0 - 1]).is_some()))
    };
    Ok(Some((with_text * 2 + with_prose, Induced { start, records })))
}

/// The writer and the parent a head names before its date (`a`): "Antwort
/// von A an B, DATE", "A ▸ B · DATE" ([`cues::writer_parent`]); or after
/// it (`b`) where nothing stands before the date: "DATE | Antwort von A an
/// B", the heads of copied comment pages that put the date first.
fn writer_parent_head(t: &str, (a, b): (usize, usize), head_end: usize, sig: Option<usize>) -> Option<(&str, &str)> {
    let sep = |c: char| c.is_whitespace() || matches!(c, ',' | '·' | '|' | '–' | '-');
    let before = t.get(..a.min(head_end))?.trim_end_matches(sep);
    let part = if before.is_empty() { t.get(b.min(head_end)..head_end)?.trim_start_matches(sep) } else { before };
    sig.is_none().then(|| cues::writer_parent(part)).flatten()
}

/// The name slot of a head: the head without its date, numbers and labels,
/// cut before a place ("aus Ort", "(Ort)", ", Ort").
fn author_of(head: &str, date: (usize, usize), labels: &[String]) -> Option<String> {
    let before = head.get(..date.0.min(head.len())).unwrap_or("");
    let after = head.get(date.1.min(head.len())..).unwrap_or("");
    let is_label = |w: &str| {
        let l = w.to_lowercase();
        labels.iter().any(|x| *x == l || x.chars().count() >= 4 && l.starts_with(x.as_str()))
    };
    for part in [before, after] {
        let mut name: Vec<&str> = Vec::new();
        for w in part.split_whitespace() {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '@' | '_' | '.' | '-'));
            let core = core.trim_end_matches(['.', '-']).trim_start_matches(['.', '-']);
            let keep_dot = w.trim_end_matches([':', ',', ')', '>', ']', '"', '“']).ends_with('.') && core.chars().count() <= 2;
            if core.is_empty() || core.chars().all(|c| c.is_ascii_digit()) || is_label(w.trim_matches(|c: char| !c.is_alphanumeric())) || is_connector(core) {
                if !name.is_empty() {
                    break;
                }
                continue;
            }
            if core.eq_ignore_ascii_case("aus") || w.starts_with('(') {
                break;
            }
            let _ = keep_dot;
            name.push(w);
            if w.ends_with(',') || w.ends_with(':') || w.ends_with('>') || w.ends_with(')') {
                break;
            }
        }
        if !name.is_empty() {
            let s = name.join(" ");
            let s = s.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '@' | '_' | '.')).trim_start_matches('.');
            let s = s.strip_suffix(':').unwrap_or(s);
            if !s.is_empty() {
                return Some(s.to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_of_line_agrees_with_the_separator_searches() {
        let plain = |s: &str| -> Option<String> {
            let s = match s.split_once(": ") {
                Some((l, r)) if cues::word_count(l) <= 2 && !r.trim().is_empty() => r,
                _ => s,
            };
            let mut end = s.len();
            for sep in NAME_SEPS {
                if let Some(p) = s.find(sep) {
                    end = end.min(p);
                }
            }
            let name = s.get(..end)?.trim();
            (!name.is_empty()).then(|| name.to_string())
        };
        let mut lines = crate::page::testgen::lines();
        for l in ["Eva · Beruf", "Eva (Ort), Kiel", "Eva, Ort · x", "Eva | x - y", "Eva – x • y", "Eva • y", "Eva -x", ",Eva", " (Eva", "Name: Eva M. (Kiel)", "Eva  (Ort)"] {
            lines.push(l.to_string());
        }
        for l in &lines {
            assert_eq!(name_of_line(l), plain(l), "{l:?}");
        }
    }

    #[test]
    fn ui_form_agrees_with_the_char_map() {
        for l in crate::page::testgen::lines() {
            assert_eq!(ui_form(&l), reference::ui_form(&l), "{l:?}");
        }
    }

    #[test]
    fn connector_test_agrees_with_to_lowercase() {
        let mut words: Vec<String> = crate::page::testgen::lines().iter().flat_map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>()).collect();
        for c in CONNECTORS {
            words.push(c.to_uppercase());
            words.push(c.replace('i', "\u{130}"));
        }
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            words.push(c.to_string());
            words.push(format!("{c}n"));
            words.push(format!("i{c}"));
        }
        for w in &words {
            assert_eq!(is_connector(w), CONNECTORS.contains(&w.to_lowercase().as_str()), "{w:?}");
        }
    }

    /// A three-line head (NAME / attribute / DATE) whose name is the page's
    /// first line: there is no line above it for the UI test to read
    /// (session 14 review: the test read line r − 3 of a head at r = 2).
    #[test]
    fn three_line_head_at_the_first_line() {
        let mut texts: Vec<&str> = Vec::new();
        for (name, place, date) in [("Anna Berg", "Lindenau", "vor 2 Std."), ("Bernd Kurz", "Plagwitz", "vor 3 Std."), ("Carla Jung", "Gohlis", "vor 4 Std."), ("Dieter Falk", "Connewitz", "vor 5 Std.")] {
            texts.extend([name, place, date, "Ich finde die Entscheidung richtig, weil es ruhiger wird.", "Antworten"]);
        }
        let indents = vec![0; texts.len()];
        let got = induce(&texts, &indents, 0, |_| true);
        assert_eq!(format!("{got:?}"), format!("{:?}", reference::induce(&texts, &indents, 0)));
        let authors: Vec<Option<String>> = got.expect("four records").records.into_iter().map(|r| r.author).collect();
        // After the first record the heads follow a UI line: the attribute
        // line is no author.
        assert_eq!(&authors[1..], &[Some("Bernd Kurz".to_string()), Some("Carla Jung".to_string()), Some("Dieter Falk".to_string())]);
    }

    /// A test page's lines as (indentation, trimmed text).
    fn indented_lines(page: &str) -> Vec<(usize, String)> {
        page.lines()
            .map(|l| {
                let t = l.trim_start();
                (l.len() - t.len(), t.trim_end().to_string())
            })
            .collect()
    }

    /// The induced records of the cached reading and of the plain one
    /// (`shapes_reference.rs`) on the test pages and perturbed copies.
    #[test]
    fn induce_agrees_with_the_reference() {
        let pages = crate::page::testgen::pages().into_iter().chain(crate::page::testgen::pages_perturbed(6));
        let mut found = 0usize;
        for page in pages {
            let lines = indented_lines(&page);
            let texts: Vec<&str> = lines.iter().map(|l| l.1.as_str()).collect();
            let indents: Vec<usize> = lines.iter().map(|l| l.0).collect();
            for from in [0, texts.len() / 4, texts.len() / 2] {
                let got = induce(&texts, &indents, from, |_| true);
                let fast = format!("{got:?}");
                let plain = format!("{:?}", reference::induce(&texts, &indents, from));
                assert_eq!(fast, plain, "from {from}:\n{page}");
                // The gate on the number of records passes every reading
                // with that many records.
                if let Some(ind) = &got {
                    for m in [3, ind.records.len()] {
                        if ind.records.len() >= m {
                            assert_eq!(format!("{:?}", induce(&texts, &indents, from, |n| n >= m)), fast, "min {m}, from {from}:\n{page}");
                        }
                    }
                }
                found += fast.starts_with("Some") as usize;
            }
        }
        assert!(found >= 10, "the test pages should induce records ({found})");
    }

    /// A reading under a [`Demand`] is the full reading, or None where the
    /// caller could not have used the full reading (session 19): on the test
    /// pages and perturbed copies, with demands of one record fewer, as many
    /// and one more than the full reading holds, author pairings that hold
    /// for none, all, every other or the first of its records, with and
    /// without `weak_anyway`.
    #[test]
    fn a_demand_leaves_only_readings_the_caller_cannot_use() {
        let pages = crate::page::testgen::pages().into_iter().chain(crate::page::testgen::pages_perturbed(6));
        let (mut same, mut ruled_out, mut by_authors) = (0usize, 0usize, 0usize);
        for page in pages {
            let lines = indented_lines(&page);
            let texts: Vec<&str> = lines.iter().map(|l| l.1.as_str()).collect();
            let indents: Vec<usize> = lines.iter().map(|l| l.0).collect();
            for from in [0, texts.len() / 4, texts.len() / 2] {
                let full = induce(&texts, &indents, from, |_| true);
                let Some(ind) = &full else {
                    continue;
                };
                let r = ind.records.len();
                // The most repeated key's count, as `usable` is asked it.
                let most = std::cell::Cell::new(0);
                induce(&texts, &indents, from, |n| {
                    most.set(n);
                    false
                });
                let most = most.get();
                let authors: Vec<Option<&str>> = ind.records.iter().map(|x| x.author.as_deref()).collect();
                // Pairings by the record's place and author.
                let pairings: [&dyn Fn(usize, &str) -> bool; 4] = [&|_, _| false, &|_, _| true, &|k, _| k % 2 == 0, &|k, b| k == 0 && authors[0] == Some(b)];
                for count in [r.saturating_sub(1), r, r + 1] {
                    for names in pairings {
                        for weak in [false, true] {
                            let weak_anyway = move || weak;
                            let d = Demand { min: count.max(3), count, names_with_layout: names, weak_anyway: &weak_anyway };
                            let got = induce_with(&texts, &Plain(&texts), &indents, from, |_| true, Some(&d));
                            // What the caller could use of the full reading.
                            let pairs = ind.records.iter().enumerate().filter(|(k, x)| x.author.as_deref().is_some_and(|b| names(*k, b))).count();
                            let used = r >= d.min && (most > count || r == count && (weak || pairs * 2 > count));
                            match &got {
                                Some(g) => {
                                    assert_eq!(format!("{g:?}"), format!("{ind:?}"));
                                    same += 1;
                                }
                                None => {
                                    assert!(!used, "count {count}, weak {weak}, from {from}:\n{page}");
                                    ruled_out += 1;
                                    by_authors += usize::from(r >= d.min);
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(same > 0 && ruled_out > 0 && by_authors > 0, "{same} kept, {ruled_out} ruled out ({by_authors} by the authors)");
    }
}
