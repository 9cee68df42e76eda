//! The plain version of `shapes::induce` with the record shapes of session 4
//! (shapes2: signatures closing a text line, two-line heads, action bars,
//! short ages, relative dates in words, field lines without brackets, rule
//! lines ending the list), without the per-line facts, the `usable` gate and
//! the skip of keys that cannot beat the best reading: the differential test
//! in `shapes` compares the two on the test pages and perturbed copies of
//! them. A change to what `induce` reads belongs in both (or here first, then
//! made fast there).

#![allow(dead_code)]

use super::super::cues::{self, ReplyRef};
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// One comment read from a repeated shape.
#[derive(Debug)]
pub(crate) struct Record {
    pub author: Option<String>,
    pub date: Option<String>,
    pub lines: Vec<String>,
    pub indent: usize,
    pub reply: Option<ReplyRef>,
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
    key: String,
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
    if let Some((a, b)) = cues::find_date(s) {
        let kind = if s.get(a..).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())) { 'D' } else { 'R' };
        return Some((a, b, kind));
    }
    if let Some(m) = TIME.captures(s).and_then(|c| c.get(1)) {
        return Some((m.start(), m.end(), 'T'));
    }
    let b = s.as_bytes();
    if !memchr::memchr_iter(b'.', b).any(|i| i >= 2 && matches!(&b[i - 2..i], b"Tg" | b"td" | b"in" | b"ek" | b"Wo" | b"on")) {
        return None;
    }
    let m = SHORT_AGE.captures(s)?.get(1)?;
    Some((m.start(), m.end(), 'R'))
}

/// `span` is the line's [`date_span`].
fn meta(s: &str, span: (usize, usize, char)) -> Option<Meta> {
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
    if let Some((_, p)) = super::time_then_text(s).filter(|&(e, _)| e == b) {
        head_end = b;
        inline = Some(p);
    }
    if let Some(rest) = s.get(b..) {
        for sep in [": ", "> "] {
            if let Some(p) = rest.find(sep) {
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
    let mut words = 0usize;
    let mut lower = 0usize;
    let mut name = false;
    for w in before.split_whitespace().chain(after.split_whitespace()) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '_');
        if w.is_empty() {
            continue;
        }
        words += 1;
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() || first == '@' || w.contains('_') {
            name = true;
        } else if first.is_lowercase() && !CONNECTORS.contains(&w.to_lowercase().as_str()) {
            lower += 1;
        }
    }
    if !name || words > 10 || lower > 2 {
        return None;
    }
    if inline.is_none() && cues::word_count(s) > 16 {
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
    let key = if inline.is_none() && has_action(s) {
        format!("A{kind}")
    } else {
        format!("{lead}{kind}{pos}{}{colon}", if inline.is_some() { 'I' } else { 'L' })
    };
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
    Some(Meta { key: "SIG".to_string(), date: (p + 1 + a, p + 1 + b), head_end: s.len(), inline: None, sig: Some(p), above: false })
}

/// A line that can hold a name on its own above a date line: short, with a
/// capital or '@' first, no date, not prose or a question.
fn name_line(s: &str) -> bool {
    s.starts_with(|c: char| c.is_uppercase() || c == '@')
        && !s.ends_with(['!', '?', ':'])
        && (1..=12).contains(&cues::word_count(s))
        && !prose_ish(s)
        && !cues::is_ui_line(s)
        && date_span(s).is_none()
        && name_of_line(s).is_some_and(|n| {
            // A numbering ("Nr. 1", "Beitrag 4", "#3") is no name.
            let numbered = n.split_whitespace().last().is_some_and(|w| w.trim_start_matches('#').chars().all(|c| c.is_ascii_digit())) && cues::word_count(&n) <= 2;
            n.starts_with(|c: char| c.is_uppercase() || c == '@') && !numbered
        })
}

/// A date line with (almost) nothing else, under a name line:
/// "14.11.2026 · 18:40", "2 Tg.", "1 Tg. (bearbeitet)".
fn date_under_name(texts: &[&str], i: usize, from: usize, span: (usize, usize, char)) -> Option<Meta> {
    let s = texts[i];
    if i <= from || s.len() > 48 || texts[i - 1].is_empty() {
        return None;
    }
    let (a, b, kind) = span;
    let rest = cues::word_count(s.get(..a)?) + cues::word_count(s.get(b..)?);
    if rest > 2 || s.get(..a)?.chars().any(char::is_alphabetic) || !name_line(texts[i - 1]) {
        return None;
    }
    Some(Meta { key: format!("2{kind}"), date: (a, b), head_end: s.len(), inline: None, sig: None, above: true })
}

/// The name on a name line: without a "Label:" in front and without what
/// follows a separator (" · Beruf", " (Ort)", ", Ort", " | …").
fn name_of_line(s: &str) -> Option<String> {
    let s = match s.split_once(": ") {
        Some((l, r)) if cues::word_count(l) <= 2 && !r.trim().is_empty() => r,
        _ => s,
    };
    let mut end = s.len();
    for sep in [" · ", " (", ", ", " | ", " – ", " - ", " • "] {
        if let Some(p) = s.find(sep) {
            end = end.min(p);
        }
    }
    let name = s.get(..end)?.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// Normalised form of a line for the repeated-UI test: lower case, digits as '#'.
pub(super) fn ui_form(s: &str) -> String {
    let s = match s.find(": ") {
        // "Label: value" lines repeat by their label.
        Some(p) if p <= 24 && cues::word_count(s.get(..p).unwrap_or("")) <= 2 && field_words(s) <= 8 => s.get(..p).unwrap_or(s),
        _ => s,
    };
    s.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).flat_map(char::to_lowercase).collect()
}

/// Words of a short field line, not counting what stands in brackets
/// ("Nutzer: NAME (Verein) (ID 3021, verifiziertes Konto)" is a short field).
fn field_words(s: &str) -> usize {
    let n = cues::word_count(s);
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

fn is_text_line(s: &str) -> bool {
    !s.is_empty() && !cues::is_ui_line(s)
}

/// Whether a line reads as reader prose (several words, some lower-case).
fn prose_ish(s: &str) -> bool {
    cues::word_count(s) >= 6 && s.split_whitespace().filter(|w| w.starts_with(|c: char| c.is_lowercase())).nth(1).is_some()
}

/// `texts` are the trimmed lines of the page, `indents` their indentation;
/// comments are looked for from line `from` on.
pub(crate) fn induce(texts: &[&str], indents: &[usize], from: usize) -> Option<Induced> {
    let n = texts.len();
    let mut metas: Vec<Option<Meta>> = vec![None; n];
    let mut groups: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for i in from..n {
        let t = texts[i];
        // A date has a digit, or is a relative one in words ("vor einer Stunde").
        if t.is_empty() || !t.bytes().any(|b| b.is_ascii_digit()) && !(t.len() <= 120 && t.contains("vor ein")) {
            continue;
        }
        let Some(span) = date_span(t) else { continue };
        let m = if t.ends_with(')') { tail_meta(t).or_else(|| meta(t, span)) } else { meta(t, span) };
        let m = m.or_else(|| date_under_name(texts, i, from, span));
        if let Some(m) = m {
            groups.entry(m.key.clone()).or_default().push(i);
            metas[i] = Some(m);
        }
    }
    let mut best: Option<(usize, Induced)> = None;
    let mut keys: Vec<_> = groups.into_iter().filter(|(_, v)| v.len() >= 2).collect();
    keys.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.1[0].cmp(&b.1[0])));
    for (_, mut reps) in keys.into_iter().take(6) {
        // A comment-section header after the first repetition: the
        // repetitions before it belong to the page, not to the comments.
        while reps.len() >= 3 && (reps[0] + 1..reps[1]).any(|k| cues::comment_header(texts[k]).is_some()) {
            reps.remove(0);
        }
        if let Some((score, ind)) = read_shape(texts, indents, &metas, &reps) {
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, ind));
            }
        }
    }
    best.map(|(_, ind)| ind)
}

/// End of the last comment's text after line `i`: the block up to a blank
/// line, then further blocks only while they open with prose.
/// A reaction: a line without letters or digits ("❤️", "👍") over a count line.
fn reaction(texts: &[&str], i: usize) -> bool {
    texts.get(i + 1).is_some_and(|n| cues::is_count_only(n)) && !texts[i].is_empty() && !texts[i].chars().any(char::is_alphanumeric) || cues::is_reaction_bar(texts[i])
}

fn block_end(texts: &[&str], i: usize) -> usize {
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
        if k < n && prose_ish(texts[k]) && cues::is_prose(texts[k]) && !cues::is_strong_furniture(texts[k]) && cues::comment_header(texts[k]).is_none() {
            j = k;
            while j < n && !texts[j].is_empty() {
                j += 1;
            }
        } else {
            return j;
        }
    }
}

fn read_shape(texts: &[&str], indents: &[usize], metas: &[Option<Meta>], reps: &[usize]) -> Option<(usize, Induced)> {
    let n = texts.len();
    let first = *reps.first()?;
    let last = *reps.last()?;
    let m_last = metas[last].as_ref()?;
    let next_after = |i: usize| (i + 1..n).find(|&k| !texts[k].is_empty());
    // Header or footer: text after the last repetition, or text right before the first.
    // A repeated line with action words under the text is an action bar:
    // the record's text comes before it.
    let signed = m_last.sig.is_some();
    let bar = !signed && reps.iter().filter(|&&r| has_action(texts[r])).count() * 4 >= reps.len() * 3;
    let header = !signed && !bar && m_last.inline.is_some()
        || !signed && !bar && next_after(last).is_some_and(|k| is_text_line(texts[k]) && metas[k].is_none() && (prose_ish(texts[k]) || k == last + 1));
    let footer = !header && (signed || first > 0 && is_text_line(texts[first - 1]) && (bar || prose_ish(texts[first - 1])));
    if !header && !footer {
        return None;
    }
    // After the section: no more article prose.
    let end = if header { block_end(texts, last + 1).max(last + 1) } else { last + 1 };
    // (Two prose lines are enough to know.)
    // A rule line ("────") closes the list; what follows it is the page's footer.
    let is_rule = |t: &str| t.chars().count() >= 5 && !t.chars().any(char::is_alphanumeric);
    if (end..n).take_while(|&k| !is_rule(texts[k])).filter(|&k| cues::is_prose(texts[k]) && !cues::is_strong_furniture(texts[k])).nth(1).is_some() {
        return None;
    }
    // Labels: words in more than half of the repetitions' heads.
    let mut word_reps: FxHashMap<String, usize> = FxHashMap::default();
    for &r in reps {
        let m = metas[r].as_ref()?;
        let head = texts[r].get(m.sig.unwrap_or(0)..m.head_end).unwrap_or("");
        let mut here: FxHashSet<String> = FxHashSet::default();
        for w in head.split_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if !w.is_empty() {
                here.insert(w.to_lowercase());
            }
        }
        for w in here {
            *word_reps.entry(w).or_default() += 1;
        }
    }
    let labels: Vec<String> = word_reps.into_iter().filter(|(_, c)| c * 4 >= reps.len() * 3).map(|(w, _)| w).collect();
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
                    || m.sig.is_none() && m.inline.is_none() && name_line(texts[r - 1]) && author_of(texts[r].get(..m.head_end).unwrap_or(""), m.date, &labels).is_none());
            // A short attribute line (a place, role or badge) between the
            // name and the date, the name right under the UI line or removal
            // placeholder that closes the record before it (an app copy, one
            // field per line): a three-line head. After a blank line the
            // first line may be a comment title above NAME / DATE.
            let two = one
                // The name at r - 2, the UI line or placeholder above it.
                && r >= 3
                && super::attribute_line(texts[r - 1])
                && !texts[r - 2].is_empty()
                && metas[r - 2].is_none()
                && (k == 0 || reps[k - 1] + 2 < r - 1)
                && name_line(texts[r - 2])
                && (cues::is_ui_line(texts[r - 3]) || super::removed_line(texts[r - 3]));
            usize::from(one) + usize::from(two)
        })
        .collect();
    // Regions of text per repetition.
    let mut regions: Vec<(usize, usize)> = Vec::with_capacity(reps.len());
    for (k, &r) in reps.iter().enumerate() {
        if header {
            let end = match reps.get(k + 1) {
                Some(&next) => next - above[k + 1],
                // Up to a teaser heading ("Meistgelesen") inside the block.
                None => {
                    let e = block_end(texts, r + 1);
                    (r + 1..e).find(|&k| cues::teaser_heading(texts[k]).is_some()).unwrap_or(e)
                }
            };
            regions.push((r + 1, end.max(r + 1)));
        } else {
            let own = r - above[k];
            let start = if k == 0 {
                let mut s = own;
                // Above an action bar the whole block is the record (name line, short text).
                while s > 0 && !texts[s - 1].is_empty() && metas[s - 1].is_none() && (prose_ish(texts[s - 1]) || bar && is_text_line(texts[s - 1]) && date_span(texts[s - 1]).is_none() && !texts[s - 1].starts_with('#')) {
                    s -= 1;
                }
                s
            } else {
                reps[k - 1] + 1
            };
            regions.push((start, own.max(start)));
        }
    }
    // Repeated short lines across regions are UI / metadata.
    // Each short line's form is computed once and shared by the count and the test.
    let mut forms: Vec<Option<String>> = vec![None; n];
    for &(a, b) in &regions {
        for i in a..b {
            let t = texts[i];
            if !t.is_empty() && forms[i].is_none() && field_words(t) <= 8 && !reaction(texts, i) {
                forms[i] = Some(ui_form(t));
            }
        }
    }
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    for &(a, b) in &regions {
        let here: FxHashSet<&str> = forms[a..b].iter().filter_map(|f| f.as_deref()).collect();
        for f in here {
            *seen.entry(f).or_default() += 1;
        }
    }
    let repeated = |i: usize| forms[i].as_deref().is_some_and(|f| seen.get(f).is_some_and(|&c| c >= 2));
    let mut records = Vec::with_capacity(reps.len());
    let mut with_text = 0usize;
    // Lines pointing at other articles ("zu: TITEL").
    let mut elsewhere = 0usize;
    let mut with_prose = 0usize;
    for (k, &r) in reps.iter().enumerate() {
        let m = metas[r].as_ref()?;
        let t = texts[r];
        let (a, b) = m.date;
        let date = t.get(a..b).map(|d| d.trim().to_string());
        let mut lines: Vec<String> = Vec::new();
        let mut reply = None;
        let mut number = None;
        if let Some(p) = m.inline {
            if let Some(rest) = t.get(p..) {
                lines.push(rest.trim().to_string());
            }
        }
        let (ra, rb) = regions[k];
        for li in ra..rb {
            let line = texts[li];
            if line.is_empty() {
                continue;
            }
            // A reply marker counts even when its label repeats ("Antwort auf: #1").
            if let Some(rr) = cues::reply_marker(line) {
                reply = Some(rr);
                continue;
            }
            if let Some((n, rr)) = super::number_ref(line) {
                number = Some(n);
                reply = rr.or(reply);
                continue;
            }
            if super::removed_line(line) {
                if header {
                    break;
                }
                lines.clear();
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
            if !is_text_line(line) || repeated(li) || bar && has_action(line) && cues::word_count(line) <= 5 || cues::is_count_only(line) || reaction(texts, li) {
                continue;
            }
            lines.push(line.to_string());
        }
        // The first record's number line stands above its block.
        if number.is_none() && k == 0 && ra > 0 {
            number = super::number_ref(texts[ra - 1]).map(|(n, _)| n);
        }
        if let Some(p) = m.sig {
            let own = t.get(..p).unwrap_or("").trim();
            if !own.is_empty() {
                lines.push(own.to_string());
            }
        }
        if lines.is_empty() {
            continue;
        }
        with_text += 1;
        if lines.iter().any(|l| prose_ish(l)) {
            with_prose += 1;
        }
        let mut author = match m.sig {
            _ if above[k] > 0 => name_of_line(texts[r - above[k]]),
            Some(p) => author_of(t.get(p + 1..).unwrap_or(""), (a - p - 1, b - p - 1), &labels),
            // An action bar holds no name ("… · Bearbeitet").
            None if bar => super::bar_signature_name(t, a, b),
            None => author_of(t.get(..m.head_end).unwrap_or(""), (a, b), &labels),
        };
        // A numbered head with its parent's number after the date (seg28).
        if m.sig.is_none() && m.inline.is_none() && !bar && above[k] == 0 {
            if reply.is_none() {
                reply = super::head_tail_reply(t.get(b..).unwrap_or(""));
            }
            number = number.or_else(|| super::head_number(t));
        }
        if let Some((w, p)) = (above[k] == 0 && !bar && author.is_some()).then(|| super::writer_parent_head(t, (a, b), m.head_end, m.sig)).flatten() {
            author = Some(w.to_string());
            reply = reply.or_else(|| Some(ReplyRef::Name(p.to_string())));
        }
        // A head without a name: the first repeated "Label: Value" line of
        // the record whose value reads as a name.
        if author.is_none() {
            author = (ra..rb).filter(|&i| repeated(i)).map(|i| texts[i]).find_map(|l| {
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
        return None;
    }
    // A footer reading starts at the first record's number line ("#1") when one stands above it.
    let start = if header {
        first - above[0]
    } else {
        regions.first().map_or(first, |r| r.0 - usize::from(r.0 > 0 && super::number_ref(texts[r.0 - 1]).is_some()))
    };
    Some((with_text * 2 + with_prose, Induced { start, records }))
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
            if core.is_empty() || core.chars().all(|c| c.is_ascii_digit()) || is_label(w.trim_matches(|c: char| !c.is_alphanumeric())) || CONNECTORS.contains(&core.to_lowercase().as_str()) {
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
