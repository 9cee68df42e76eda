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
//! Everything is linear in the page: one pass computes the keys, one pass per
//! candidate key (at most a few) reads the regions between repetitions.

use super::cues::{self, ReplyRef};
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
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
}

/// A shape key: lead, date kind, date position, inline or not, colon
/// (`format!("{lead}{kind}{pos}{I|L}{colon}")` as chars, without the string).
type Key = (char, char, char, char, char);

/// Whether `w.to_lowercase()` is one of [`CONNECTORS`]: they are ASCII, and
/// the only non-ASCII chars whose lower case is ASCII are the Kelvin sign
/// (to 'k', in no connector) and U+0130 (to "i\u{307}", not ASCII), so
/// exactly the ASCII words equal to one but for case (test
/// `connector_test_agrees_with_to_lowercase`).
fn is_connector(w: &str) -> bool {
    (2..=3).contains(&w.len()) && CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(w))
}

fn date_span(s: &str) -> Option<(usize, usize, char)> {
    if let Some((a, b)) = cues::find_date(s) {
        let kind = if s.get(a..).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())) { 'D' } else { 'R' };
        return Some((a, b, kind));
    }
    // Every TIME match holds an ASCII ':'.
    if !s.as_bytes().contains(&b':') || !TIME.is_match(s) {
        return None;
    }
    let c = TIME.captures(s)?;
    let m = c.get(1)?;
    Some((m.start(), m.end(), 'T'))
}

/// `words()` is `cues::word_count(s)`.
fn meta(s: &str, words: impl Fn() -> usize) -> Option<Meta> {
    if s.len() > 400 {
        return None;
    }
    // Without a ": " or "> " there is no inline text, and then a line of
    // more than 16 words is no head (the test at the end): the date search
    // is skipped on most prose lines.
    if !memchr::memchr2_iter(b':', b'>', s.as_bytes()).any(|i| s.as_bytes().get(i + 1) == Some(&b' ')) && words() > 16 {
        return None;
    }
    let (a, b, kind) = date_span(s)?;
    if a > 120 {
        return None;
    }
    // Inline text: a ": " or "> " after the date and a name, within the first 120 bytes.
    let mut inline = None;
    let mut head_end = s.len();
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
    let lead = if a == 0 {
        'D'
    } else if first.is_uppercase() {
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
    let key = (lead, kind, pos, if inline.is_some() { 'I' } else { 'L' }, colon);
    Some(Meta { key, date: (a, b), head_end, inline })
}

/// Normalised form of a line for the repeated-UI test: lower case, digits as '#'.
fn ui_form(s: &str) -> String {
    let s = match s.find(": ") {
        // "Label: value" lines repeat by their label.
        Some(p) if p <= 24 && cues::word_count(s.get(..p).unwrap_or("")) <= 2 && cues::word_count(s) <= 8 => s.get(..p).unwrap_or(s),
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

fn is_text_line(s: &str) -> bool {
    !s.is_empty() && !cues::is_ui_line(s)
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

/// Facts about the page's lines that every candidate key reads again (the
/// regions of up to six keys overlap), each computed on first use.
struct Facts<'a> {
    texts: &'a [&'a str],
    words: Vec<OnceCell<usize>>,
    prose_ish: Vec<OnceCell<bool>>,
    /// `cues::is_prose(t) && !cues::is_strong_furniture(t)`.
    article_prose: Vec<OnceCell<bool>>,
    text_line: Vec<OnceCell<bool>>,
    /// The line's [`ui_form`], as an index into `forms`.
    form: Vec<OnceCell<usize>>,
    forms: RefCell<FxHashMap<String, usize>>,
}

impl<'a> Facts<'a> {
    fn new(texts: &'a [&'a str]) -> Facts<'a> {
        let n = texts.len();
        Facts {
            texts,
            words: vec![OnceCell::new(); n],
            prose_ish: vec![OnceCell::new(); n],
            article_prose: vec![OnceCell::new(); n],
            text_line: vec![OnceCell::new(); n],
            form: vec![OnceCell::new(); n],
            forms: RefCell::new(FxHashMap::default()),
        }
    }
    fn words(&self, i: usize) -> usize {
        *self.words[i].get_or_init(|| cues::word_count(self.texts[i]))
    }
    fn prose_ish(&self, i: usize) -> bool {
        // `prose_ish` with the cached word count.
        *self.prose_ish[i].get_or_init(|| self.words(i) >= 6 && lower_words_at_least_two(self.texts[i]))
    }
    fn article_prose(&self, i: usize) -> bool {
        *self.article_prose[i].get_or_init(|| cues::is_prose(self.texts[i]) && !cues::is_strong_furniture(self.texts[i]))
    }
    fn text_line(&self, i: usize) -> bool {
        *self.text_line[i].get_or_init(|| is_text_line(self.texts[i]))
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
pub(crate) fn induce(texts: &[&str], indents: &[usize], from: usize, usable: impl FnOnce(usize) -> bool) -> Option<Induced> {
    let n = texts.len();
    let mut metas: Vec<Option<Meta>> = vec![None; n];
    let mut groups: FxHashMap<Key, Vec<usize>> = FxHashMap::default();
    let facts = Facts::new(texts);
    for i in from..n {
        let t = texts[i];
        // `meta` takes no line over 400 bytes; the digit test is one
        // branch-free pass.
        if t.is_empty() || t.len() > 400 || !t.bytes().fold(false, |acc, b| acc | b.is_ascii_digit()) {
            continue;
        }
        if let Some(m) = meta(t, || facts.words(i)) {
            groups.entry(m.key).or_default().push(i);
            metas[i] = Some(m);
        }
    }
    let mut best: Option<(usize, Induced)> = None;
    // The keys' first lines differ (a line has one key), so the order is
    // total whatever the map's order.
    if !usable(groups.values().map(Vec::len).max().unwrap_or(0)) {
        return None;
    }
    let mut keys: Vec<_> = groups.into_iter().filter(|(_, v)| v.len() >= 2).collect();
    keys.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.1[0].cmp(&b.1[0])));
    for (_, mut reps) in keys.into_iter().take(6) {
        // A comment-section header after the first repetition: the
        // repetitions before it belong to the page, not to the comments.
        while reps.len() >= 3 && (reps[0] + 1..reps[1]).any(|k| cues::comment_header(texts[k]).is_some()) {
            reps.remove(0);
        }
        if let Some((score, ind)) = read_shape(&facts, indents, &metas, &reps) {
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, ind));
            }
        }
    }
    best.map(|(_, ind)| ind)
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
        if k < n && f.prose_ish(k) && cues::is_prose(texts[k]) && !cues::is_strong_furniture(texts[k]) && cues::comment_header(texts[k]).is_none() {
            j = k;
            while j < n && !texts[j].is_empty() {
                j += 1;
            }
        } else {
            return j;
        }
    }
}

fn read_shape(f: &Facts, indents: &[usize], metas: &[Option<Meta>], reps: &[usize]) -> Option<(usize, Induced)> {
    let texts = f.texts;
    let n = texts.len();
    let first = *reps.first()?;
    let last = *reps.last()?;
    let m_last = metas[last].as_ref()?;
    let next_after = |i: usize| (i + 1..n).find(|&k| !texts[k].is_empty());
    // Header or footer: text after the last repetition, or text right before the first.
    let header = m_last.inline.is_some()
        || next_after(last).is_some_and(|k| f.text_line(k) && metas[k].is_none() && (f.prose_ish(k) || k == last + 1));
    let footer = !header && first > 0 && f.prose_ish(first - 1);
    if !header && !footer {
        return None;
    }
    // Regions of text per repetition.
    let mut regions: Vec<(usize, usize)> = Vec::with_capacity(reps.len());
    for (k, &r) in reps.iter().enumerate() {
        if header {
            let end = reps.get(k + 1).copied().unwrap_or_else(|| block_end(f, r + 1));
            regions.push((r + 1, end));
        } else {
            let start = if k == 0 {
                let mut s = r;
                while s > 0 && !texts[s - 1].is_empty() && metas[s - 1].is_none() && f.prose_ish(s - 1) {
                    s -= 1;
                }
                s
            } else {
                reps[k - 1] + 1
            };
            regions.push((start, r));
        }
    }
    // After the section: no more article prose (two such lines are enough to tell).
    let end = regions.last().map_or(n, |r| r.1.max(last + 1));
    let later_prose = (end..n).filter(|&k| f.article_prose(k)).take(2).count();
    if later_prose >= 2 {
        return None;
    }
    // Repeated short lines across regions are UI / metadata: per form, the
    // number of regions holding it (and the last region counted).
    let mut seen: FxHashMap<usize, (usize, usize)> = FxHashMap::default();
    for (ri, &(a, b)) in regions.iter().enumerate() {
        for k in a..b {
            if !texts[k].is_empty() && f.words(k) <= 8 {
                let e = seen.entry(f.form(k)).or_insert((usize::MAX, 0));
                if e.0 != ri {
                    *e = (ri, e.1 + 1);
                }
            }
        }
    }
    let repeated = |k: usize| f.words(k) <= 8 && seen.get(&f.form(k)).is_some_and(|&(_, c)| c >= 2);
    // Labels: words in more than half of the repetitions' heads.
    let mut word_reps: FxHashMap<String, usize> = FxHashMap::default();
    for &r in reps {
        let m = metas[r].as_ref()?;
        let head = texts[r].get(..m.head_end).unwrap_or("");
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
    let mut records = Vec::with_capacity(reps.len());
    let mut with_text = 0usize;
    let mut with_prose = 0usize;
    for (k, &r) in reps.iter().enumerate() {
        let m = metas[r].as_ref()?;
        let t = texts[r];
        let (a, b) = m.date;
        let date = t.get(a..b).map(|d| d.trim().to_string());
        let mut lines: Vec<String> = Vec::new();
        // Whether a line of the record reads as prose: the inline text's
        // answer, or the cached one of a page line taken.
        let mut prose = false;
        let mut reply = None;
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
            if line.is_empty() || !f.text_line(q) || repeated(q) {
                continue;
            }
            if let Some(rr) = cues::reply_marker(line) {
                reply = Some(rr);
                continue;
            }
            prose = prose || f.prose_ish(q);
            lines.push(line.to_string());
        }
        if lines.is_empty() {
            continue;
        }
        with_text += 1;
        if prose {
            with_prose += 1;
        }
        let mut author = author_of(t.get(..m.head_end).unwrap_or(""), (a, b), &labels);
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
        records.push(Record { author, date, lines, indent: indents[r], reply });
    }
    if with_text < 2 || with_prose < 2 {
        return None;
    }
    let start = if header { first } else { regions.first().map_or(first, |r| r.0) };
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

    /// The induced records of the cached reading and of the plain one
    /// (`shapes_reference.rs`) on the test pages and perturbed copies.
    #[test]
    fn induce_agrees_with_the_reference() {
        let pages = crate::page::testgen::pages().into_iter().chain(crate::page::testgen::pages_perturbed(6));
        let mut found = 0usize;
        for page in pages {
            let lines: Vec<(usize, String)> = page
                .lines()
                .map(|l| {
                    let t = l.trim_start();
                    (l.len() - t.len(), t.trim_end().to_string())
                })
                .collect();
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
}
