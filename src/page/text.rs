//! Plain-text dumps: line classification into title, body, comments and furniture.
//!
//! The dump is read as lines with their indentation. The segmenter works in
//! three passes:
//!
//! 1. **Comment section.** Every comment-section header ("31 Kommentare",
//!    "insgesamt 31 Beiträge", "Leserkommentare", "Forum zum Artikel") is a
//!    candidate opener; the first one after which comments can actually be
//!    read (author/date lines, numbered titles, bullet-plus-indented blocks)
//!    opens the section. Without a header, a run of at least two author/date
//!    lines with full (not teaser-truncated) texts does. Inside the section UI
//!    words close a comment, teaser headings and copyright lines end the
//!    section, and forum teasers of other threads (excerpts cut with "..."
//!    before a date) are discarded.
//! 2. **Teaser segments.** Before the comment section, headings such as
//!    "Mehr zum Thema", "Weitere Themen", "Newsletter", "Wetter" open
//!    segments. A segment is article text only if it holds a run of
//!    consecutive prose paragraphs (headline + summary pairs of a teaser list
//!    never form one).
//! 3. **Lines.** Every remaining line is checked against the furniture cues of
//!    [`super::cues`] (banners, navigation, meta data, photo credits, agency
//!    sign-offs, share bars, weather); the headline is the last headline-like
//!    line before the first prose paragraph; repeated lines (captions shown
//!    twice, the headline repeated) are dropped.

use super::cues::{self, Header, ReplyRef, TeaserHeading};
use super::shapes;
use super::{Comment, Page};
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::sync::LazyLock;

mod readings;
#[path = "text_induce.rs"]
mod induce;

/// One input line: its indentation and its trimmed, space-normalised text.
#[derive(Debug, Clone)]
struct Line<'a> {
    indent: usize,
    /// Borrowed from the page unless normalising changed it.
    text: Cow<'a, str>,
    /// The byte facts (`cues::Facts`) of a string that holds `text`: of the
    /// normalised line (`normalize_line`, whose pass over the bytes gathers
    /// them), which a borrowed text is a part of, and of the text itself once
    /// an owned text is final (`split_lines`); `Facts::ANY` for lines made
    /// later.
    facts: cues::Facts,
    /// Cues every pass needs, computed for every line.
    header: Option<Header>,
    teaser: Option<TeaserHeading>,
    /// Cues computed on first use: body and title assembly ask for them on
    /// the lines before the comment section, the comment pass again and
    /// again (once per attempt) on a few lines of the section.
    furniture: OnceCell<bool>,
    prose: OnceCell<bool>,
    ui: OnceCell<bool>,
    strong: OnceCell<bool>,
    nav: OnceCell<bool>,
    author: OnceCell<Option<cues::AuthorLine>>,
    /// `cues::word_count` of the text, asked by the prose cue and the shape
    /// reading's key loop (`Cached`), often of the same line.
    words: OnceCell<usize>,
    /// The text's date matches (`cues::DateScan`, read through
    /// [`Line::dates`]), scanned on first use; `split_lines`, which changes
    /// texts, does not ask for them (a scan belongs to its text).
    dates: Cell<cues::DateScan>,
}

impl Line<'_> {
    fn blank(&self) -> bool {
        self.text.is_empty()
    }
    fn ui(&self) -> bool {
        *self.ui.get_or_init(|| cues::is_ui_line(&self.text))
    }
    fn strong(&self) -> bool {
        *self.strong.get_or_init(|| cues::is_strong_furniture(&self.text))
    }
    fn nav(&self) -> bool {
        *self.nav.get_or_init(|| cues::is_nav_line_in(&self.text, &self.facts))
    }
    fn author(&self) -> Option<&cues::AuthorLine> {
        self.author.get_or_init(|| cues::author_line_in(&self.text, &self.dates())).as_ref()
    }
    /// The date cues of the text and its parts, from one scan of the text.
    fn dates(&self) -> cues::LineDates<'_> {
        cues::LineDates::new(&self.text, &self.facts, &self.dates)
    }
    fn prose(&self) -> bool {
        *self.prose.get_or_init(|| !self.blank() && cues::is_prose_counted(&self.text, &self.facts, || self.words()))
    }
    fn words(&self) -> usize {
        *self.words.get_or_init(|| cues::word_count(&self.text))
    }
    /// Line-level furniture: the same cues as [`is_furniture`], in the same
    /// order, the cached ones through the line's cells.
    fn furniture(&self) -> bool {
        *self.furniture.get_or_init(|| {
            let t: &str = &self.text;
            if self.header.is_some() || self.teaser.is_some() || !t.chars().any(|c| c.is_alphanumeric()) {
                return true;
            }
            // The strong-furniture and lexicon cues by one search when both
            // are still open (a line up to 300 bytes, trimmed: the haystack
            // of both).
            let quiet = self.strong.get().is_none() && t.len() <= 300 && cues::trim(t).len() == t.len() && cues::neither_strong_nor_lexicon(t);
            if quiet {
                let _ = self.strong.set(false);
            }
            self.strong()
                || self.ui()
                || self.nav()
                // A prose line is no teaser line (`is_prose` checks that),
                // so the prose cue (needed for most lines anyway) goes first.
                || is_furniture_rest_with(t, self.prose(), quiet, &self.dates())
        })
    }
}

/// Bytes at which [`normalize_line`] must look at the char: `\r` and the
/// lead bytes of the chars it replaces or drops (U+00A0, U+00AD: 0xC2;
/// U+2002..U+200D, U+202F: 0xE2; U+3000: 0xE3; U+FEFF: 0xEF).
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\r' as usize] = true;
    t[0xc2] = true;
    t[0xe2] = true;
    t[0xe3] = true;
    t[0xef] = true;
    t
};

/// What `normalize_line` does with a char: replace it by a space, drop it,
/// or keep it.
#[inline]
fn map_char(c: char) -> Option<char> {
    match c {
        '\u{a0}' | '\u{2007}' | '\u{2009}' | '\u{202f}' | '\u{2002}' | '\u{2003}' | '\u{3000}' => Some(' '),
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' | '\r' => None,
        c => Some(c),
    }
}

/// Whether a zero-width joiner between `prev` and `next` joins an emoji
/// sequence ("👨‍👩‍👧", "🏳️‍🌈", session 6): both are non-ASCII symbols (no
/// letter, digit or white space) that line normalisation keeps.
fn joins_symbols(prev: Option<char>, next: Option<char>) -> bool {
    let sym = |c: char| !c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace() && map_char(c) == Some(c) && c != '\u{200d}';
    prev.is_some_and(sym) && next.is_some_and(sym)
}

/// A raw line's indentation (a space counts 1, a tab 4) and its text with
/// special spaces made plain, zero-width characters and soft hyphens
/// dropped (a zero-width joiner inside an emoji sequence stays), and
/// trailing white space trimmed; and the byte facts of a string that holds
/// the text (`cues::Facts`: of the text itself when it changed, else of the
/// text before its end was trimmed).
fn normalize_line(raw: &str) -> (usize, Cow<'_, str>, cues::Facts) {
    let (mut indent, mut rest, tree) = lead(raw, true);
    // Box-drawing chars before the text are a tree's indentation only when
    // they hold a branch or a vertical line ("├─ ", "│  └─ ") and text
    // follows; a rule ("────") or "── Titel ──" keeps them.
    if tree != Tree::None && (tree == Tree::Rule || rest.is_empty()) {
        (indent, rest, _) = lead(raw, false);
    }
    // From the first text char on: without a special byte (most lines) the
    // text is the rest itself, trimmed; else copy runs of ordinary bytes and
    // look at the chars that start with a special byte.
    // The facts' pass also tells whether the text holds a special byte.
    let b = rest.as_bytes();
    let facts = cues::Facts::of(rest);
    if !facts.may(cues::C_NORM) {
        return (indent, Cow::Borrowed(cues::trim_end(rest)), facts);
    }
    // Most special bytes begin chars that stay ('„', '“', '–' begin with
    // 0xE2 too): copy only when a char changes.
    let mut i = 0;
    let changes = loop {
        let Some(off) = b.get(i..).and_then(|r| r.iter().position(|&x| SPECIAL[x as usize])) else { break false };
        i += off;
        let Some(c) = rest.get(i..).and_then(|r| r.chars().next()) else { break false };
        if map_char(c) != Some(c) {
            break true;
        }
        i += c.len_utf8();
    };
    if !changes {
        return (indent, Cow::Borrowed(cues::trim_end(rest)), facts);
    }
    let mut out = String::with_capacity(rest.len());
    let mut i = 0;
    while i < b.len() {
        let start = i;
        while i < b.len() && !SPECIAL[b[i] as usize] {
            i += 1;
        }
        out.push_str(rest.get(start..i).unwrap_or(""));
        if let Some(c) = rest.get(i..).and_then(|r| r.chars().next()) {
            if c == '\u{200d}' && joins_symbols(out.chars().next_back(), rest.get(i + c.len_utf8()..).and_then(|r| r.chars().next())) {
                out.push(c);
            } else if let Some(m) = map_char(c) {
                out.push(m);
            }
            i += c.len_utf8();
        } else {
            break;
        }
    }
    out.truncate(out.trim_end().len());
    let facts = cues::Facts::of(&out);
    (indent, Cow::Owned(out), facts)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tree {
    None,
    /// Only horizontal box-drawing chars were skipped.
    Rule,
    /// A branch or vertical box-drawing char was skipped.
    Branch,
}

/// A raw line's indentation and the text from its first char on; with
/// `boxes`, box-drawing chars (U+2500..U+257F) before the text count one
/// column each, like spaces ("│  └─ Name …": a reply two levels deep).
#[inline]
fn lead(raw: &str, boxes: bool) -> (usize, &str, Tree) {
    let mut indent = 0;
    let mut tree = Tree::None;
    for (i, c) in raw.char_indices() {
        let Some(c) = map_char(c) else { continue };
        if c == ' ' {
            indent += 1;
            continue;
        }
        if c == '\t' {
            indent += 4;
            continue;
        }
        if boxes && ('\u{2500}'..='\u{257f}').contains(&c) {
            indent += 1;
            let horizontal = matches!(c, '─' | '━' | '═' | '┄' | '┅' | '┈' | '┉' | '╌' | '╍' | '╴' | '╶' | '╸' | '╺');
            if !horizontal {
                tree = Tree::Branch;
            } else if tree == Tree::None {
                tree = Tree::Rule;
            }
            continue;
        }
        return (indent, raw.get(i..).unwrap_or(""), tree);
    }
    (indent, "", tree)
}

/// `text.lines()` by a SIMD search for the newlines (the standard library
/// searches each line's end with a generic char searcher): pieces between
/// '\n's, each without one '\r' before its '\n', no empty piece after a
/// final '\n'.
fn raw_lines(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut nls = memchr::memchr_iter(b'\n', b);
    let mut start = 0usize;
    std::iter::from_fn(move || match nls.next() {
        Some(nl) => {
            let line = text.get(start..nl).unwrap_or("");
            start = nl + 1;
            Some(line.strip_suffix('\r').unwrap_or(line))
        }
        None if start < b.len() => {
            let line = text.get(start..).unwrap_or("");
            start = b.len();
            Some(line)
        }
        None => None,
    })
}

/// The lines of `text` ([`split_lines_marked`]), for the tests.
#[cfg(test)]
fn split_lines(text: &str) -> Vec<Line<'_>> {
    split_lines_marked(text).0
}

/// The lines of `text` with the cues every pass needs, and whether the page
/// is a Markdown dump (five or more Markdown links: its marks are stripped
/// here, and [`parse`] reads its wrapped paragraphs as prose). Each cue runs
/// over all lines before the next one starts (rather than all cues line by
/// line), so that one regex's automaton stays in the CPU caches for the
/// whole page.
fn split_lines_marked(text: &str) -> (Vec<Line<'_>>, bool) {
    // Sized up front: growing a vector of lines this large copies it each time.
    let mut lines: Vec<Line> = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    // Whether a line opens with a screen reader's heading role.
    let mut screen_reader = false;
    lines.extend(raw_lines(text).map(|raw| {
            let (indent, text, facts) = normalize_line(raw);
            if !screen_reader && matches!(text.as_bytes().first(), Some(0xc3 | b'H')) {
                screen_reader = text.starts_with("Überschrift Ebene ") || text.starts_with("Heading level ");
            }
            let mut line = Line::new(if text.is_empty() { 0 } else { indent }, text);
            line.facts = facts;
            line
        }));
    // A text browser's dump (lynx, links) numbers every link ("[31]Klaus
    // Hemmerich", "[32]Antworten [33]Melden"): the numbers are no text, and
    // the cues see the names and UI words without them. Read only where the
    // page holds several (one "[2]Foo" is not a dump).
    if cues::link_ref_count(text) >= 5 {
        for l in lines.iter_mut() {
            if memchr::memchr(b'[', l.text.as_bytes()).is_some() {
                if let Some(t) = cues::strip_link_refs(&l.text) {
                    l.text = Cow::Owned(t);
                    l.facts = cues::Facts::of(&l.text);
                }
            }
        }
    }
    // A Markdown dump (html2text, pandoc: links "[Antworten](url)", headings
    // "## Kommentare (12)", "**Name**"): the marks are no text. Read only
    // where the page holds several Markdown links.
    let markdown = cues::markdown_link_count(text, 5) >= 5;
    if markdown {
        for l in lines.iter_mut() {
            if let Some(t) = cues::strip_markdown(&l.text) {
                l.text = Cow::Owned(t);
                l.facts = cues::Facts::of(&l.text);
            }
        }
    }
    // A screen reader's text export: role prefixes are not text, and a
    // heading's level is its depth (a reply's heading is one level deeper).
    if screen_reader {
        // A heading starts a block, as a blank line would in other dumps.
        let mut out: Vec<Line> = Vec::with_capacity(lines.len() + lines.len() / 4);
        for mut l in lines {
            if let Some((skip, level)) = cues::screen_reader_role(&l.text) {
                l.text = match std::mem::take(&mut l.text) {
                    Cow::Borrowed(t) => Cow::Borrowed(t.get(skip..).unwrap_or("")),
                    Cow::Owned(t) => Cow::Owned(t.get(skip..).unwrap_or("").to_string()),
                };
                if let Some(level) = level {
                    l.indent = 2 * usize::from(level.saturating_sub(1));
                    if out.last().is_some_and(|p: &Line| !p.blank()) {
                        out.push(blank_line());
                    }
                }
            }
            out.push(l);
        }
        lines = out;
    }
    // A profile badge under a commenter's name ("Abonnentin seit 2014",
    // "Offizieller Account") is no text: the name moves down onto the
    // badge's line, so that it sits right above its date line.
    // Reply markers to put under notification-style reply heads.
    let mut replies: Vec<(usize, String)> = Vec::new();
    // Whether the page holds a browser's print footer (seg28).
    let mut print_footers = false;
    // Lines that open with a list glyph and a tab (seg28).
    let mut glyph_items = 0usize;
    // Lines that may be a forum's verb line (true) or a backend's status or
    // user line (false), as the cheap byte tests in the loop say (seg28).
    let mut verb_or_backend_heads: Vec<(usize, bool)> = Vec::new();
    // "Kommentar von NAME" heads over a date, and how many "Antwort von"
    // heads were read (seg30).
    let mut said_heads: Vec<(usize, usize, usize)> = Vec::new();
    let mut said_heads_seen = 0usize;
    // A verification mark after a name ("Stadtwerke ✓") is no part of it;
    // a reply head "↳ Antwort von NAME" over a date names the reply's author.
    for i in 0..lines.len() {
        let b = lines[i].text.as_bytes();
        let (Some(&first), Some(&last)) = (b.first(), b.last()) else { continue };
        // Session 18 (seg28), in this loop to share its first and last
        // bytes: a print footer (`without_print_margins`), a forum head's
        // verb line (`verb_date_head`), a backend's status or user line
        // (`backend_head`).
        // (Each gated by the line's byte facts: a '/', a date's bytes, a separator.)
        let facts = lines[i].facts;
        if b.len() > 3 && (b[1] == b'\t' || b[2] == b'\t' || b[3] == b'\t') && lines[i].indent == 0 && list_glyph(&lines[i].text).is_some() {
            glyph_items += 1;
        }
        if last.is_ascii_digit() && !print_footers && b.len() <= 300 && facts.may(cues::C_GT_SLASH) {
            print_footers = print_footer(&lines[i].text);
        }
        // The heads are read after this loop (its badge step moves names).
        if matches!(first, b's' | b'a' | b'k' | b'w' | b'p' | b'r') {
            if facts.may(cues::C_DIGITISH | cues::C_V | cues::C_G) {
                verb_or_backend_heads.push((i, true));
            }
        } else if (first == b'#' || first.is_ascii_uppercase() || first >= 0xc3) && facts.may(cues::C_BAR | cues::C_B7 | cues::C_A2) {
            verb_or_backend_heads.push((i, false));
        }
        if matches!(last, 0x91 | 0x93 | 0x94) {
            let t: &str = &lines[i].text;
            if let Some(name) = t.strip_suffix(['✓', '✔', '☑']).map(str::trim_end) {
                if !name.is_empty() && cues::word_count(name) <= 6 {
                    let len = name.len();
                    lines[i].text = cut_cow(std::mem::take(&mut lines[i].text), 0, len);
                }
            }
        }
        if matches!(first, 0xe2 | b'A' | b'R' | b'K') {
            let cut = {
                let t: &str = &lines[i].text;
                let s = cues::strip_reply_arrow(t);
                let (said, name) = match s.strip_prefix("Antwort von ").or_else(|| s.strip_prefix("Reply from ")) {
                    Some(n) => (false, Some(n)),
                    None => (true, s.strip_prefix("Kommentar von ")),
                };
                name.map(str::trim).and_then(|name| {
                    // "Antwort von A auf B" (a screen reader's text made
                    // visible): the writer A, the parent B (seg30).
                    let (name, parent) = match name.split_once(" auf ") {
                        Some((w, p)) if !said && cues::is_name_like(p.trim()) && cues::word_count(p) <= 4 => (w.trim_end(), Some(p.trim())),
                        _ => (name, None),
                    };
                    let date = (i + 1..lines.len().min(i + 3)).find(|&q| cues::may_hold_date(&lines[q].text) && cues::date_only(&lines[q].text).is_some());
                    let ok = (1..=4).contains(&cues::word_count(name)) && name.starts_with(|c: char| c.is_uppercase() || c == '@') && date.is_some();
                    // (`name` is a slice of `t`.)
                    let a = name.as_ptr() as usize - t.as_ptr() as usize;
                    (ok && t.get(a..a + name.len()) == Some(name)).then(|| (a, a + name.len(), said, parent.map(str::to_string).zip(date)))
                })
            };
            if cut.is_none() && i > 0 {
                let typed = type_line(&lines[i].text).map(|(a, b, p)| (a, b, p.map(|p| format!("Antwort auf {p}"))));
                if let Some((a, b, parent)) = typed.filter(|_| cues::is_name_like(&lines[i - 1].text)) {
                    lines[i].text = cut_cow(std::mem::take(&mut lines[i].text), a, b);
                    if let Some(m) = parent {
                        replies.push((i, m));
                    }
                }
            }
            if let Some((a, b, said, parent)) = cut {
                if said {
                    // "Kommentar von NAME" is a byline too: read as a head
                    // only where the page has two such heads (seg30).
                    said_heads.push((i, a, b));
                } else {
                    lines[i].text = cut_cow(std::mem::take(&mut lines[i].text), a, b);
                    said_heads_seen += 1;
                    if let Some((p, q)) = parent {
                        replies.push((q, format!("Antwort auf {p}")));
                    }
                }
            }
        }
        // A portal's time line under the name that opens with its separator
        // (session 21, seg35): "· 3 Std." / "· 2 Std. · Antwort auf NAME"
        // reads as the date, the reply part as a marker line under it.
        if first == 0xc2 && i > 0 && lines[i].text.len() <= 120 {
            let cut = lead_dot_time(&lines[i].text).map(|(a, b, p)| (a, b, p.map(str::to_string)));
            if let Some((a, b, parent)) = cut.filter(|_| cues::is_name_like(&lines[i - 1].text)) {
                lines[i].text = cut_cow(std::mem::take(&mut lines[i].text), a, b);
                if let Some(m) = parent {
                    replies.push((i, m));
                }
                // The avatar's initials over the name ("KW" / "Karl Wels")
                // are no text of the comment above.
                if i >= 2 && avatar_letters(&lines[i - 2].text, &lines[i - 1].text) && (i == 2 || lines[i - 3].blank()) {
                    lines[i - 2].text = Cow::Borrowed("");
                    lines[i - 2].indent = 0;
                }
            }
        }
        // A notification-style reply head "X hat auf den Kommentar von Y
        // geantwortet · DATE" names its author X: it reads as "X · DATE".
        if last.is_ascii_digit() && (first.is_ascii_uppercase() || first >= 0xc3) {
            let t: &str = &lines[i].text;
            if let Some(p) = memchr::memmem::find(t.as_bytes(), " hat auf den Kommentar von ".as_bytes()) {
                if let Some(q) = t.get(p..).and_then(|r| r.find(" geantwortet")).map(|q| p + q + " geantwortet".len()) {
                    let parent = t.get(p + " hat auf den Kommentar von ".len()..q - " geantwortet".len()).unwrap_or("").trim();
                    if !parent.is_empty() {
                        replies.push((i, format!("Antwort auf {parent}")));
                    }
                    let head = format!("{}{}", &t[..p], t.get(q..).unwrap_or(""));
                    lines[i].text = Cow::Owned(head);
                }
            }
        }
        if i == 0 {
            continue;
        }
        let b = lines[i].text.as_bytes();
        let Some(&last) = b.last() else { continue };
        if !(last.is_ascii_digit() || matches!(b[0], b'O' | b'V')) || !cues::is_profile_badge(&lines[i].text) || lines[i - 1].blank() {
            continue;
        }
        lines.swap(i - 1, i);
        lines[i - 1].text = Cow::Borrowed("");
        lines[i - 1].indent = 0;
    }
    if said_heads.len() + said_heads_seen >= 2 {
        for (i, a, b) in said_heads {
            lines[i].text = cut_cow(std::mem::take(&mut lines[i].text), a, b);
        }
    }
    for (i, verb) in verb_or_backend_heads {
        if verb {
            verb_date_head(&mut lines, i, &mut replies);
        } else {
            backend_head(&mut lines, i);
        }
    }
    // The parent named in a reply head becomes a reply marker line under
    // it ("Antwort auf Y"), which both readings know.
    if !replies.is_empty() {
        let mut out: Vec<Line> = Vec::with_capacity(lines.len() + replies.len());
        replies.sort_by_key(|r| r.0);
        let mut next = replies.into_iter().peekable();
        for (i, l) in lines.into_iter().enumerate() {
            let indent = l.indent;
            out.push(l);
            while let Some((_, m)) = next.next_if(|(k, _)| *k == i) {
                let mut marker = blank_line();
                marker.text = Cow::Owned(m);
                marker.indent = indent;
                out.push(marker);
            }
        }
        lines = out;
    }
    // A word processor's plain-text export of a pasted page (seg28).
    if glyph_items >= 3 {
        lines = list_glyph_items(lines);
    }
    // A browser's print margins on a page copied out of a PDF (seg28).
    if print_footers {
        lines = without_print_margins(lines);
    }
    head_labels(&mut lines);
    for l in &mut lines {
        // A borrowed text is a part of the normalised line whose facts it
        // holds (cut at most); an owned one may be new text (a reply head
        // rewritten, a reply marker added).
        if matches!(l.text, Cow::Owned(_)) {
            l.facts = cues::Facts::of(&l.text);
        }
        l.header = cues::comment_header_in(&l.text, &l.facts);
    }
    for l in &mut lines {
        l.teaser = cues::teaser_heading_in(&l.text, &l.facts);
    }
    (lines, markdown)
}

/// A browser's print footer: the page's address, a gap of two or more
/// spaces and the page count ("https://…?druck=1     2/3").
fn print_footer(t: &str) -> bool {
    // The last space, with another before it; the count after it holds a '/'.
    let b = t.as_bytes();
    let Some(sp) = memchr::memrchr(b' ', b) else { return false };
    if sp == 0 || b[sp - 1] != b' ' || memchr::memchr(b'/', &b[sp..]).is_none() {
        return false;
    }
    let (url, count) = (t[..sp].trim_end(), &t[sp + 1..]);
    let count_ok = count.split_once('/').is_some_and(|(n, m)| {
        !n.is_empty() && !m.is_empty() && n.len() <= 3 && m.len() <= 3 && n.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
    });
    count_ok && !url.contains(' ') && (url.contains("://") || url.starts_with("www."))
}

/// A browser's print header: the date and time of printing, a gap of two or
/// more spaces and the page's title ("24.11.26, 21:07     TITLE | SITE").
fn print_header(t: &str) -> bool {
    t.split_once("  ").is_some_and(|(d, rest)| !rest.trim().is_empty() && d.bytes().next().is_some_and(|b| b.is_ascii_digit()) && cues::date_only(d).is_some_and(|x| x.len() == d.trim().len()))
}

/// Session 18 (seg28): a page printed to PDF and copied out of the PDF
/// viewer carries the browser's print margins between its pages: a footer
/// with the address and "2/3", a header with the time of printing and the
/// title. They cut through the body and through comments (a comment's
/// wrapped lines run on after them). Where the page holds a footer line,
/// the footers and the headers next to them (within two lines, or on the
/// first line) are dropped, so that the text on both sides joins. Keyed on
/// a lone address followed by a page count after a gap, which no sentence
/// and no comment head has.
fn without_print_margins(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    let footer = |l: &Line| l.text.as_bytes().last().is_some_and(u8::is_ascii_digit) && l.text.len() <= 300 && print_footer(&l.text);
    let footers: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| footer(l)).map(|(i, _)| i).collect();
    if footers.is_empty() {
        return lines;
    }
    let first = lines.iter().position(|l| !l.blank());
    let near = |i: usize| footers.iter().any(|&f| f.abs_diff(i) <= 2);
    lines
        .into_iter()
        .enumerate()
        .filter(|(i, l)| !(footers.contains(i) || (Some(*i) == first || near(*i)) && l.text.len() <= 300 && print_header(&l.text)))
        .map(|(_, l)| l)
        .collect()
}

/// The glyph of a list item a word processor wrote to plain text: one
/// bullet char, then a tab, then the item's text ("•\tNAME"), or None.
fn list_glyph(t: &str) -> Option<char> {
    let mut cs = t.chars();
    let g = cs.next()?;
    let glyph = matches!(g, '•' | 'o' | '§' | '-' | '▪' | '◦' | '·' | '*' | '■' | '□' | '◆' | '➢' | 'Ø' | '–');
    (glyph && cs.next() == Some('\t') && cs.next().is_some_and(|c| !c.is_whitespace())).then_some(g)
}

/// Session 18 (seg28): a page pasted into a word processor and saved as
/// plain text ("Nur Text", "Plain Text"): a list's indentation is lost and
/// each item's first line keeps only its level's bullet glyph and a tab
/// ("•\tNAME", "o\tNAME", "§\tNAME": Word's defaults for levels 1-3 are
/// •, o and § (Wingdings' square); other editors use ◦, ▪, -). A comment
/// thread pasted this way nests by glyph. Where three or more lines open so
/// (a single "-\tfoo" is no list; [`split_lines_marked`] counts them), the glyph and tab are cut, the item's
/// level becomes its indentation (two columns per level) and the item starts
/// a block, as a blank line would. The level of a glyph is the order in
/// which the page first uses it: in a nested list every level appears after
/// the level above it, so first use gives the depth whatever glyph scheme
/// the editor had. The tab after one glyph char is what keys it: typed
/// text and other dumps write a space after a bullet.
fn list_glyph_items(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    let mut levels: Vec<char> = Vec::new();
    let mut out: Vec<Line> = Vec::with_capacity(lines.len() + lines.len() / 4);
    for mut l in lines {
        if let Some(g) = (l.indent == 0).then(|| list_glyph(&l.text)).flatten() {
            let depth = levels.iter().position(|&x| x == g).unwrap_or_else(|| {
                levels.push(g);
                levels.len() - 1
            });
            let a = g.len_utf8() + 1;
            let len = l.text.len();
            l.text = cut_cow(std::mem::take(&mut l.text), a, len);
            l.indent = 2 * depth;
            if out.last().is_some_and(|p: &Line| !p.blank()) {
                out.push(blank_line());
            }
        }
        out.push(l);
    }
    out
}

/// A forum's date line that opens with the writer's verb: "schrieb vor 6
/// Stunden", "antwortete auf NAME vor 5 Stunden", "wrote 2 hours ago",
/// "replied to NAME 3 days ago" -> (the date's start, the parent named).
/// The verb stands where a name would; the date runs to the line's end.
fn verb_date(t: &str) -> Option<(usize, Option<&str>)> {
    let (rest, reply) = ["schrieb ", "schreibt ", "kommentierte ", "wrote ", "posted "]
        .iter()
        .find_map(|v| t.strip_prefix(v).map(|r| (r, false)))
        .or_else(|| ["antwortete ", "antwortet ", "replied "].iter().find_map(|v| t.strip_prefix(v).map(|r| (r, true))))?;
    let (a, b) = cues::find_date(rest)?;
    if b != rest.len() {
        return None;
    }
    let off = t.len() - rest.len();
    let before = rest.get(..a)?.trim();
    let before = before.strip_prefix("am ").map_or(before, str::trim).trim_end_matches(" am");
    if !reply {
        return before.is_empty().then_some((off + a, None));
    }
    let parent = ["auf ", "to "].iter().find_map(|w| before.strip_prefix(w)).unwrap_or(before).trim();
    let parent = (!parent.is_empty()).then_some(parent).filter(|p| cues::is_short_name(p, 5));
    (before.is_empty() || parent.is_some()).then_some((off + a, parent))
}

/// Session 18 (seg28): a forum embedded under an article (NodeBB-,
/// Discourse-like, copied as text) gives each post a head block "#3" /
/// NAME / user group ("Mitglied", "Moderatoren") / reputation ("Ruf 412") /
/// "schrieb vor 6 Stunden" or "antwortete auf NAME vor 5 Stunden". The verb
/// line is cut to its date, the name moves down onto the line above it (the
/// group and reputation lines, short lines of at most three words between
/// them, are blanked) so that the block reads as a name over its date, and
/// the parent named after "antwortete auf" becomes a reply marker under the
/// date ("Antwort auf NAME"). Keyed on the verb opening a line that ends in
/// a date, with a name-like line at most four lines up, below a blank line
/// or a post number: a sentence in a comment that starts "schrieb" ends in
/// no date. Asked of line `i` by the line loop of [`split_lines_marked`].
fn verb_date_head(lines: &mut [Line], i: usize, replies: &mut Vec<(usize, String)>) {
    // A date's bytes (a digit, "vor", "gestern").
    if i == 0 || lines[i].text.len() > 120 || !lines[i].facts.may(cues::C_DIGITISH | cues::C_V | cues::C_G) {
        return;
    }
    let Some((a, parent)) = verb_date(&lines[i].text) else { return };
    // The head block: up to four lines above, after a blank line or a post number.
    let mut top = i;
    while top > 0 && i - top < 4 && !lines[top - 1].blank() && cues::post_number(&lines[top - 1].text).is_none() {
        top -= 1;
    }
    let block_starts = top == 0 || lines[top - 1].blank() || cues::post_number(&lines[top - 1].text).is_some();
    let short = |l: &Line| l.text.len() <= 30 && cues::word_count(&l.text) <= 3;
    if top == i || !block_starts || !cues::is_name_like(&lines[top].text) || !lines[top + 1..i].iter().all(short) {
        return;
    }
    let parent = parent.map(|p| format!("Antwort auf {p}"));
    let len = lines[i].text.len();
    lines[i].text = cut_cow(std::mem::take(&mut lines[i].text), a, len);
    lines.swap(top, i - 1);
    for l in &mut lines[top..i - 1] {
        l.text = Cow::Borrowed("");
        l.indent = 0;
    }
    if let Some(m) = parent {
        replies.push((i, m));
    }
}

/// A moderation backend's part that states a comment's status in capitals
/// ("FREIGEGEBEN", "GEMELDET (1 Meldung)", "ABGELEHNT (Beleidigung)"): a
/// word of three or more capitals, perhaps with a note in brackets.
fn status_part(p: &str) -> bool {
    let w = p.split(" (").next().unwrap_or(p);
    w.chars().count() >= 3 && w.chars().all(|c| c.is_uppercase() || c == '-') && (w.len() == p.len() || p.ends_with(')'))
}

/// A user line's profile field after the name: an e-mail address or an
/// account kind ("Team-Konto", "team account"). ("Nutzer seit 2017" and
/// "412 Kommentare" may stand beside them but prove nothing alone: "Debatte
/// · 5 Beiträge" is a section's count header, and "Urgestein | Mitglied seit
/// 2009" a rank line under the name.)
fn profile_field(p: &str) -> bool {
    let email = p.split_once('@').is_some_and(|(u, d)| !u.is_empty() && d.contains('.') && !p.contains(' '));
    email || p.ends_with("-Konto") || p.ends_with(" account")
}

/// Session 18 (seg28): a comment moderation backend copied with Ctrl+A
/// (thread view) heads each comment with a status line "#591219 ·
/// FREIGEGEBEN · Antwort auf #591204" and a user line "NAME · e-mail · Nutzer
/// seit 2017 · 412 Kommentare" over the date. The status line becomes a post
/// number with its reply in brackets ("#591219 (Antwort auf #591204)",
/// which `cues::post_number` reads), the user line its first part, the name.
/// Keyed on parts in capitals after a '#' number (no reader writes a status
/// word), and on a profile field only a backend shows (an e-mail address,
/// an account kind) after a name-like first part, with no date on the
/// line. A reply is kept only where a date line follows within three
/// lines: a rejected entry without text answers no one and must not pass
/// its parent on.
fn backend_head(lines: &mut [Line], i: usize) {
    // The parts between separators (" · ", " | ", " • "), trimmed.
    fn parts(t: &str) -> impl Iterator<Item = &str> {
        t.split(['·', '|', '•']).map(str::trim)
    }
    {
        let t: &str = &lines[i].text;
        let Some(&first) = t.as_bytes().first() else { return };
        // Most lines hold none of the separators ('|', '·', '•'): the line's
        // byte facts say so without a scan.
        if t.len() > 160 || !(first == b'#' || first.is_ascii_uppercase() || first >= 0xc3) || !lines[i].facts.may(cues::C_BAR | cues::C_B7 | cues::C_A2) {
            return;
        }
        // A user line names its profile by an e-mail address or an account
        // kind: '@' or "Konto"/"account" (a SIMD search built once).
        static KONTO: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("Konto"));
        let b = t.as_bytes();
        if first != b'#' && memchr::memchr(b'@', b).is_none() && KONTO.find(b).is_none() && !t.ends_with(" account") && !t.contains(" account ") {
            return;
        }
        let mut ps = parts(t);
        let head = ps.next().unwrap_or("");
        if first == b'#' {
            let digits = head.get(1..).unwrap_or("");
            if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return;
            }
            let mut reply = None;
            let mut statuses = 0;
            let ok = ps.all(|p| {
                if reply.is_none() {
                    if let Some(ReplyRef::Number(n)) = cues::reply_marker(p) {
                        reply = Some(n);
                        return true;
                    }
                }
                statuses += 1;
                status_part(p)
            });
            if !ok || statuses == 0 {
                return;
            }
            let dated = (i + 1..lines.len().min(i + 4)).any(|k| cues::date_only(&lines[k].text).is_some());
            let text = match reply.filter(|_| dated) {
                Some(n) => format!("{head} (Antwort auf #{n})"),
                None => head.to_string(),
            };
            drop(ps);
            lines[i].text = Cow::Owned(text);
        } else {
            // The profile fields first (plain string tests), the name and
            // date tests only where one is found.
            let mut fields = 0;
            let short = ps.all(|p| {
                fields += usize::from(profile_field(p));
                p.len() <= 40
            });
            if !short || fields == 0 || !cues::is_name_like(head) || cues::find_date(t).is_some() {
                return;
            }
            let a = t.len() - t.trim_start().len();
            let len = head.len();
            drop(ps);
            lines[i].text = cut_cow(std::mem::take(&mut lines[i].text), a, a + len);
        }
    }
}

/// An app's type line under the name (session 21, seg35): "Kommentar ·
/// DATE" or "Antwort · DATE · an NAME" -> the date's byte range and the
/// parent. The type word is no name, the "an NAME" part no date.
fn type_line(t: &str) -> Option<(usize, usize, Option<&str>)> {
    let a = ["Kommentar · ", "Antwort · "].iter().find_map(|w| t.starts_with(w).then_some(w.len()))?;
    if t.len() > 120 {
        return None;
    }
    let rest = &t[a..];
    let (date, parent) = match rest.rfind(" · an ") {
        Some(p) => (&rest[..p], Some(cues::trim(&rest[p + " · an ".len()..]))),
        None => (rest, None),
    };
    if parent.is_some_and(|p| !cues::is_name_like(p)) || cues::date_only(date).is_none() {
        return None;
    }
    Some((a, a + date.len(), parent))
}

/// An avatar's letters over a name: one to three capitals, the first the
/// name's first letter ("KW" over "Karl Wels", "DN" over "Der_Nordwind").
fn avatar_letters(t: &str, name: &str) -> bool {
    let t = cues::trim(t);
    (1..=3).contains(&t.chars().count()) && t.chars().all(char::is_uppercase) && t.chars().next() == name.chars().next()
}

/// A time line that opens with its separator: "· 3 Std." or "· 2 Std. ·
/// Antwort auf NAME" -> the date's byte range and the reply part (a
/// [`cues::reply_marker`]).
fn lead_dot_time(t: &str) -> Option<(usize, usize, Option<&str>)> {
    let a = t.strip_prefix("· ").map(|r| t.len() - r.len())?;
    let rest = &t[a..];
    let (date, reply) = match rest.find(" · ") {
        Some(p) => (&rest[..p], Some(cues::trim(&rest[p + " · ".len()..]))),
        None => (rest, None),
    };
    if cues::short_date_line(date).is_none() || reply.is_some_and(|r| !matches!(cues::reply_marker(r), Some(ReplyRef::Name(_)))) {
        return None;
    }
    Some((a, a + date.len(), reply))
}

/// Session 6 (seg10), gated by a line's first byte '[': a badge label in
/// capitals opening a head line ("[PRO]  NAME · DATE", "[OFFIZIELLE
/// ANTWORT]  NAME · Verwaltung · DATE") is no part of the name: it is cut
/// where the rest is an author line with a date.
fn head_labels(lines: &mut [Line]) {
    for l in lines.iter_mut() {
        let Some(&first) = l.text.as_bytes().first() else { continue };
        if first == b'[' {
            let cut = cues::strip_caps_label(&l.text).and_then(|rest| {
                let al = cues::author_line(rest)?;
                (al.author.is_some() && al.date.is_some()).then(|| l.text.len() - rest.len())
            });
            if let Some(a) = cut {
                let len = l.text.len();
                l.text = cut_cow(std::mem::take(&mut l.text), a, len);
            }
        }
    }
}

/// A role or badge word after the name of a head "NAME · ROLE · DATE"
/// ("Annegret Hofmann · Bürger*in", "Umweltamt · Verwaltung") is no part of
/// the name (session 6): one word without digits after the last " · ", or a
/// badge word in brackets ("NAME (Redaktion)", session 16). Nor is the
/// separator a name line ends in ("NAME ·" over its date line).
/// An edit mark alone ("bearbeitet") is no name.
fn role_tails(comments: &mut [Comment]) {
    for c in comments {
        let Some(a) = c.author.as_deref() else { continue };
        // An edit mark read from a head without a name ("#2 · vor 58 Min. ·
        // bearbeitet") is no author.
        if matches!(a, "bearbeitet" | "editiert" | "geändert" | "edited" | "(bearbeitet)" | "(edited)") {
            c.author = None;
            continue;
        }
        // A name line that ends in its head's separator, the date being on
        // the next line ("NAME ·" / "vor 5 Std."): the name.
        let mut name = a.trim_end();
        if let Some(bare) = ['·', '|', '•', '–'].iter().find_map(|&c| name.strip_suffix(c)).map(str::trim_end).filter(|b| !b.is_empty()) {
            name = bare;
        }
        // A check mark after the name, with its badge word or alone
        // ("NAME  ✓ Verifiziert", "NAME ✔").
        if let Some(p) = name.find(['✓', '✔']).filter(|&p| p > 0) {
            let badge = name[p..].trim_start_matches(['✓', '✔']).trim();
            if badge.is_empty() || cues::is_badge_word(badge) {
                name = name[..p].trim_end();
            }
        }
        // A badge in brackets after the name ("NAME (Redaktion)").
        if let Some((bare, badge)) = name.strip_suffix(')').and_then(|r| r.rsplit_once(" (")) {
            if !bare.trim().is_empty() && cues::is_badge_word(badge) {
                name = bare.trim_end();
            }
        }
        // A badge after a bar ("NAME | Redaktion", seg28): a word
        // processor's copy of a head whose badge was a label of its own.
        if let Some((bare, badge)) = cues::rfind_at(name.as_bytes(), b" | ", 1).map(|p| (&name[..p], &name[p + 3..])) {
            if !bare.trim().is_empty() && cues::is_badge_word(badge.trim()) {
                name = bare.trim_end();
            }
        }
        if name.len() < a.len() {
            c.author = Some(name.to_string());
            continue;
        }
        let Some(p) = cues::rfind_at(a.as_bytes(), " · ".as_bytes(), 2) else { continue };
        let (name, tail) = (a[..p].trim_end(), a[p + " · ".len()..].trim());
        if !name.is_empty() && !tail.is_empty() && cues::word_count(tail) == 1 && !tail.bytes().any(|b| b.is_ascii_digit()) && !name.contains(" · ") {
            // "NAME (ORT) · ROLE" (seg31): the place in brackets goes too,
            // as it does where no role follows.
            c.author = Some(cues::strip_place(name).to_string());
        }
    }
}

/// The bytes `a..b` of a line's text, borrowed where the text is.
fn cut_cow(c: Cow<'_, str>, a: usize, b: usize) -> Cow<'_, str> {
    match c {
        Cow::Borrowed(t) => Cow::Borrowed(t.get(a..b).unwrap_or(t)),
        Cow::Owned(t) => Cow::Owned(t.get(a..b).unwrap_or(&t).to_string()),
    }
}

impl<'a> Line<'a> {
    /// A line with its cues not yet computed.
    fn new(indent: usize, text: Cow<'a, str>) -> Line<'a> {
        Line {
            indent,
            text,
            facts: cues::Facts::ANY,
            header: None,
            teaser: None,
            furniture: OnceCell::new(),
            prose: OnceCell::new(),
            ui: OnceCell::new(),
            strong: OnceCell::new(),
            nav: OnceCell::new(),
            author: OnceCell::new(),
            words: OnceCell::new(),
            dates: Cell::default(),
        }
    }
}

/// An empty line (a block boundary).
fn blank_line<'a>() -> Line<'a> {
    Line::new(0, Cow::Borrowed(""))
}

/// Parses a plain-text dump of a news page.
pub fn parse(text: &str) -> Page {
    // A forwarded mail that quotes a copied page: the quoted page alone.
    if let Some(inner) = forwarded_quote(text) {
        return parse(&inner);
    }
    let (mut lines, markdown) = split_lines_marked(text);
    let n = lines.len();
    // A mail digest or thread copy: each message has its own header block.
    if let Some(page) = mail_page(&lines) {
        return page;
    }
    // A wiki talk page: comments end in a signature with a talk link (the
    // signature cue tests a line's last byte first).
    if let Some(page) = wiki_page(&lines) {
        return page;
    }
    // A chat log or a list of header-field entries (`readings`).
    if let Some(page) = readings::chat_log_page(&lines).or_else(|| readings::field_entries_page(&lines)).or_else(|| readings::live_blog_page(&lines)) {
        return page;
    }
    // A Markdown dump wraps its paragraphs at a fixed width (html2text: 78
    // columns): after the comment section's header, the wrapped paragraphs
    // (every line 45-80 chars, none prose on its own) are prose for every pass.
    if markdown {
        if let Some(h) = lines.iter().position(|l| matches!(l.header, Some(Header::Count(_)))) {
            let wrapped = wrapped_prose(&lines[h..], n - h);
            for (l, _) in lines[h..].iter_mut().zip(&wrapped).filter(|(_, w)| **w) {
                l.prose = OnceCell::from(true);
            }
        }
    }
    let lines = lines;
    let first_prose = lines.iter().position(|l| l.prose() && !l.furniture());

    // Pass 1: the comment section.
    // Each attempt reads to the end at worst, so the number of attempts is
    // bounded to keep the pass linear.
    let mut section: Option<(usize, Attempt)> = None;
    let mut attempts = 0usize;
    for (i, l) in lines.iter().enumerate() {
        let Some(h) = l.header else { continue };
        attempts += 1;
        if attempts > 12 {
            break;
        }
        if h == Header::Plain && first_prose.is_none_or(|p| i < p) {
            continue;
        }
        let mut att = parse_comments(&lines, i + 1);
        if !att.comments.is_empty() {
            // The count of the header that opens the section.
            if let Header::Count(c) = h {
                att.declared.get_or_insert(c);
            }
            section = Some((i, att));
            break;
        }
    }
    let segs = SegmentFlags::new(&lines);
    if section.is_none() {
        if let Some(p) = first_prose {
            for (i, l) in lines.iter().enumerate().skip(p + 1) {
                if segs.get(i) {
                    continue;
                }
                if attempts > 24 {
                    break;
                }
                if cues::time_first_comment(&l.text).is_none() && !name_handle_date(&lines, i) && !name_short_date(&lines, i) {
                    // An author line with a date holds what its date holds (a
                    // digit, "vor" or "gerade"), which most lines lack; their
                    // author line is not read here
                    // (test `dated_author_lines_may_hold_a_date`).
                    if !cues::may_hold_date_in(&l.text, &l.facts) {
                        continue;
                    }
                    let Some(al) = l.author() else { continue };
                    // A numbered anonymous head ("#1 · vor 4 Std.") counts as named.
                    if al.author.is_none() && al.number.is_none() || al.date.is_none() {
                        continue;
                    }
                }
                attempts += 1;
                let att = parse_comments(&lines, i);
                if att.comments.len() >= 2 {
                    section = Some((i, att));
                    break;
                }
            }
        }
    }
    // Quoted reader voices, each with its signature on the next line.
    if section.is_none() {
        if let Some(p) = first_prose {
            for i in p + 1..n {
                if segs.get(i) || !cues::opens_voice(&lines[i].text) {
                    continue;
                }
                let att = parse_voices(&lines, i);
                if att.comments.len() >= 2 {
                    section = Some((i, att));
                    break;
                }
            }
        }
    }
    // A count announced outside the section: a standalone header line (after
    // a blank line or another header), not a count under a teaser headline.
    let declared_anywhere = (0..n).find_map(|i| match lines[i].header {
        Some(Header::Count(c))
            if !segs.get(i)
                && (i == 0
                    || lines[i - 1].blank()
                    || lines[i - 1].header.is_some()
                    // After a share bar or tag line, or followed by the section's UI
                    // ("Die Kommentarfunktion ist geschlossen").
                    || lines[i - 1].furniture()
                    || lines.get(i + 1).is_some_and(|l| l.ui())) =>
        {
            Some(c)
        }
        _ => None,
    });

    // A forum dump without an article: the opening post is the body, its
    // subject the title, the replies from the second post header on are
    // the comments.
    let mut forum_title = None;
    // The forum reading's body: every line up to the end of the opening
    // post's header counts as segment (flagged).
    let mut seg_forum = None;
    if section.is_none() {
        let posts = forum_post_headers(&lines);
        if posts.len() >= 2 && first_prose.is_none_or(|p| p > posts[0].start) {
            let att = parse_comments(&lines, posts[1].start);
            if !att.comments.is_empty() {
                section = Some((posts[1].start, att));
                forum_title = posts[0].subject.clone();
                seg_forum = Some(posts[0].end);
            }
        }
    }
    // No cue found the comments, or the cues read a section whose lines
    // repeat a metadata shape more completely: induce the comment-record
    // shape from the page.
    if let Some(p) = first_prose {
        // A shape reading replaces a cue reading only with three or more
        // comments and no fewer than it (more, unless the cue reading can
        // be weak at the same count).
        let usable = |n: usize| match &section {
            None => true,
            Some((_, catt)) => {
                let c = &catt.comments;
                n >= 3 && (n > c.len() || n == c.len() && cue_reading_may_be_weak_without_more(c))
            }
        };
        // What of a shape reading can replace the cue reading (below): three
        // or more comments and no fewer; at the same count (each shape
        // comment a record, in order, with the record's author) only when
        // the cue reading is weak, which then needs more than half of the
        // authors to pair as `names_with_layout`, unless a test that reads
        // the cue comments alone says it may be weak.
        let cue = section.as_ref().map(|(_, catt)| catt.comments.as_slice()).unwrap_or_default();
        let weak_anyway = OnceCell::new();
        let names = |k: usize, b: &str| cue.get(k).and_then(|c| c.author.as_deref()).is_some_and(|a| names_with_layout(a, b));
        let weak = || *weak_anyway.get_or_init(|| cue_reading_may_be_weak_by_the_comments(cue));
        let demand = section.is_some().then(|| shapes::Demand { min: cue.len().max(3), count: cue.len(), names_with_layout: &names, weak_anyway: &weak });
        if let Some((s, att)) = shape_section(&lines, p + 1, usable, demand.as_ref()) {
            let replace = match &section {
                None => true,
                Some((cs, catt)) => {
                    att.comments.len() >= 3
                        && att.comments.len() >= catt.comments.len()
                        // The same section: the shape starts near the cue section's
                        // start, or only UI and short lines lie between.
                        && s + 2 >= *cs && (s <= *cs + 3 || (*cs..s).all(|k| !lines[k].prose()))
                        && att.comments.iter().all(|c| c.author.is_some() && c.date.is_some())
                        && cue_reading_is_weak(&catt.comments, &att.comments)
                }
            };
            if replace {
                section = Some((s, att));
                seg_forum = None;
                forum_title = None;
            }
        }
    }
    // The page's own repeated record (`induce`): read when no reading found
    // comments, or when the reading is a dated teaser list or a part of it.
    if induce::apply(text, &lines, first_prose, &mut section) {
        seg_forum = None;
        forum_title = None;
    }
    // A verbatim record (a parliament's or council's speeches, each under
    // its speaker and time, with interjections in brackets on lines of their
    // own: "(Beifall bei …)", "(Zuruf von …)"): its heads are speakers, no
    // commenters. Not under a comment section's header (readers may write
    // such an aside).
    if section.as_ref().is_some_and(|(s, _)| lines[*s].header.is_none() && lines[*s..].iter().filter(|l| cues::stage_direction(&l.text)).nth(1).is_some()) {
        section = None;
        seg_forum = None;
        forum_title = None;
    }
    let body_end = section.as_ref().map_or(n, |(s, _)| *s);
    let (title, body) = body_and_title(&lines, body_end, &segs.up_to(body_end, seg_forum.unwrap_or(0)));
    let title = forum_title.or(title);
    let (comments, declared) = match section {
        Some((_, att)) => (att.comments, att.declared.or(declared_anywhere)),
        None => (Vec::new(), declared_anywhere),
    };
    let mut page = Page { source: String::new(), title, body, comments, declared_comments: declared };
    role_tails(&mut page.comments);
    thread_opener(&mut page);
    page
}

/// A forwarded mail that quotes a copied page (session 18): the text opens
/// with a mail's header fields ("Von:"/"From:" first, a "Betreff:" or
/// "Subject:" among them), and two thirds or more of its non-blank lines
/// are quoted with ">" (20 or more). The quoted lines without one level of
/// quote marks are the page; the mail's own lines (headers, the sender's
/// note and signature, a confidentiality footer) are neither its body nor
/// its comments. A mail thread quotes a few lines per message (`mail_page`
/// reads those); a Markdown note's ">" callouts stand under no header block.
fn forwarded_quote(text: &str) -> Option<String> {
    let mut raw = raw_lines(text).skip_while(|l| l.trim().is_empty());
    let (first, _) = mail_field(raw.next()?.trim_start_matches('\u{feff}'))?;
    if !(first.eq_ignore_ascii_case("von") || first.eq_ignore_ascii_case("from")) {
        return None;
    }
    let mut subject = false;
    let (mut quoted, mut own) = (0usize, 0usize);
    for l in raw_lines(text) {
        let t = l.trim_start();
        if t.starts_with('>') {
            quoted += 1;
        } else if !t.is_empty() {
            own += 1;
            subject = subject || mail_field(t).is_some_and(|(n, _)| ["betreff", "subject"].iter().any(|s| n.eq_ignore_ascii_case(s)));
        }
    }
    if !subject || quoted < 20 || quoted < own * 2 {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for l in raw_lines(text) {
        if let Some(q) = l.trim_start().strip_prefix('>') {
            out.push_str(q.strip_prefix(' ').unwrap_or(q));
            out.push('\n');
        }
    }
    Some(out)
}

/// The subject of a reply's title ("Re: SUBJECT", "AW: SUBJECT").
fn reply_subject(t: &str) -> Option<&str> {
    let b = t.as_bytes();
    if b.len() < 5 || !matches!(b[0], b'R' | b'A') {
        return None;
    }
    ["Re: ", "RE: ", "AW: ", "Aw: ", "WG: "].iter().find_map(|p| t.strip_prefix(p)).map(str::trim)
}

/// A forum thread whose posts answer the first one ("Re: SUBJECT" titles,
/// the first post without one, under SUBJECT as its heading): the first
/// post is the opening post that holds the article, not a comment. Its
/// text is the body, SUBJECT the title; replies to it are top level.
fn thread_opener(page: &mut Page) {
    let c = &page.comments;
    if c.len() < 3 || c[0].title.as_deref().is_some_and(|t| reply_subject(t).is_some()) {
        return;
    }
    let Some(subject) = c[1].title.as_deref().and_then(reply_subject) else { return };
    let same = c[1..].iter().filter(|x| x.title.as_deref().and_then(reply_subject) == Some(subject)).count();
    let named = c[0].title.as_deref() == Some(subject) || page.title.as_deref() == Some(subject) || page.body.iter().any(|p| p == subject);
    if same < 2 || !named || !c[0].text.contains(|ch: char| ch == '.') {
        return;
    }
    // An article above and an explicit answer to the first post (a reply
    // field or cue): the first post is a comment (seg13).
    let article = page.body.iter().filter(|p| cues::word_count(p) >= 8 && p.ends_with(['.', '!', '?'])).count() >= 2;
    if article && c[1..].iter().any(|x| x.reply_to == Some(0)) {
        return;
    }
    let subject = subject.to_string();
    let opener = page.comments.remove(0);
    for x in &mut page.comments {
        x.reply_to = x.reply_to.and_then(|r| r.checked_sub(1));
    }
    page.body = opener.text.split('\n').map(str::to_string).filter(|p| !p.trim().is_empty()).collect();
    page.title = Some(subject);
}

// ---------------------------------------------------------------------------
// Mail digests and threads

/// One message's header block (RFC 2822 fields, one per line).
#[derive(Default)]
struct MailHead {
    /// First line of the block and the first line after it.
    start: usize,
    end: usize,
    from: Option<String>,
    date: Option<String>,
    id: Option<String>,
    in_reply_to: Option<String>,
}

/// A header field line: "Name: value" with a field name of letters and '-'.
fn mail_field(t: &str) -> Option<(&str, &str)> {
    // `t.split_once(": ")` where its name can be one (30 bytes at most): the
    // first ": " then begins in the first 31 bytes, found by a byte search
    // for the colon (no substring searcher set up per line).
    let b = t.as_bytes();
    let p = memchr::memchr_iter(b':', &b[..b.len().min(31)]).find(|&p| b.get(p + 1) == Some(&b' '))?;
    let (name, value) = (t.get(..p)?, t.get(p + 2..)?);
    (!name.is_empty() && name.len() <= 30 && name.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')).then(|| (name, value.trim()))
}

/// The header blocks of a mail digest: runs of field lines (folded lines
/// indented under them) that hold both a "From:" and a "Date:" field.
fn mail_heads(lines: &[Line]) -> Vec<MailHead> {
    let mut heads = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].blank() || lines[i].indent > 0 || mail_field(&lines[i].text).is_none() {
            i += 1;
            continue;
        }
        let mut h = MailHead { start: i, ..MailHead::default() };
        let mut j = i;
        while j < lines.len() && !lines[j].blank() {
            let t: &str = &lines[j].text;
            if lines[j].indent == 0 {
                let Some((name, value)) = mail_field(t) else { break };
                match name.to_ascii_lowercase().as_str() {
                    "from" | "von" => h.from = Some(value.to_string()),
                    "date" | "datum" => h.date = Some(value.to_string()),
                    "message-id" => h.id = Some(value.to_string()),
                    "in-reply-to" => h.in_reply_to = Some(value.to_string()),
                    _ => {}
                }
            }
            j += 1;
        }
        h.end = j;
        if h.from.is_some() && h.date.is_some() {
            heads.push(h);
        }
        i = j.max(i + 1);
    }
    heads
}

/// "Heinz Vogt <h.vogt@x.example>", "\"Dr. A. Rieß\" <a@x>" -> the display
/// name; a bare address stays as it is.
fn mail_name(from: &str) -> String {
    let name = match from.find('<') {
        Some(p) if p > 0 => from.get(..p).unwrap_or(from),
        _ => from,
    };
    cues::collapse_ws(name.trim().trim_matches(['"', '\'', ' ']))
}

/// "Fri, 20 Nov 2026 09:12:48 +0100" -> "20 Nov 2026 09:12:48": without
/// the weekday and the zone.
fn mail_date(date: &str) -> String {
    let d = date.trim();
    let d = match d.split_once(", ") {
        Some((w, rest)) if w.len() <= 3 && w.bytes().all(|b| b.is_ascii_alphabetic()) => rest,
        _ => d,
    };
    let mut parts: Vec<&str> = d.split_whitespace().collect();
    while parts.last().is_some_and(|p| p.starts_with(['+', '-', '(']) || p.len() <= 4 && p.bytes().all(|b| b.is_ascii_uppercase())) && parts.len() > 1 {
        parts.pop();
    }
    parts.join(" ")
}

/// The lines of a record whose head ends at `from`: up to the next record's
/// head (`next`, else the page's end) or a rule line ("-----", "_____")
/// before it, as a range `(from, end)`.
fn content_until_rule(lines: &[Line], from: usize, next: Option<usize>) -> (usize, usize) {
    let limit = next.unwrap_or(lines.len());
    (from, (from..limit).find(|&q| cues::is_separator(&lines[q].text)).unwrap_or(limit))
}

/// A page that is a mail digest or a copied thread: two or more header
/// blocks with "From:" and "Date:". The first message is the article
/// (the body) when it answers nothing; every other message is a comment,
/// its author from "From:", its date from "Date:", its parent from
/// "In-Reply-To:". Quoted lines ("> …"), their attribution ("Am … schrieb
/// NAME:") and the "-- " signature block are not the comment's text.
fn mail_page(lines: &[Line]) -> Option<Page> {
    // Cheap gate: two "From: " lines.
    if lines.iter().filter(|l| l.text.starts_with("From: ")).nth(1).is_none() {
        return None;
    }
    let mut heads = mail_heads(lines);
    // Where messages carry ids, a block without one is the digest's own
    // header ("Betreff: … Digest", "Von: …-request@…").
    if heads.iter().any(|h| h.id.is_some()) {
        heads.retain(|h| h.id.is_some());
    }
    if heads.len() < 2 {
        return None;
    }
    // The content of message k: from its header block to the next block
    // (or a rule line "-----" / "_____" closing it).
    let content = |k: usize| -> (usize, usize) {
        let (a, b) = content_until_rule(lines, heads[k].end, heads.get(k + 1).map(|h| h.start));
        // The "-- " signature block ends the message's own text.
        let b = (a..b).find(|&q| lines[q].text.as_ref() == "--").unwrap_or(b);
        (a, b)
    };
    let body_msg = heads[0].in_reply_to.is_none();
    let first_comment = usize::from(body_msg);
    let mut comments: Vec<Comment> = Vec::new();
    let mut ids: Vec<Option<&str>> = Vec::new();
    for k in first_comment..heads.len() {
        let (a, b) = content(k);
        let mut text: Vec<&str> = Vec::new();
        for q in a..b {
            let t: &str = &lines[q].text;
            if t.is_empty() {
                if text.last().is_some_and(|l| !l.is_empty()) {
                    text.push("");
                }
                continue;
            }
            let attribution = || cues::quote_attribution(t).is_some() || t.ends_with(':') && (t.contains("schrieb") || t.contains("wrote"));
            if cues::is_quote_line(t) || nxt_is_quote(lines, q) && attribution() {
                continue;
            }
            text.push(t);
        }
        while text.last().is_some_and(|l| l.is_empty()) {
            text.pop();
        }
        if text.is_empty() {
            continue;
        }
        // Paragraphs are lines here; white space is collapsed by readers.
        let text = text.into_iter().filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
        let h = &heads[k];
        let reply_to = h.in_reply_to.as_deref().and_then(|r| ids.iter().rposition(|id| *id == Some(r)));
        comments.push(Comment {
            author: h.from.as_deref().map(mail_name),
            date: h.date.as_deref().map(mail_date),
            title: None,
            text,
            reply_to,
        });
        ids.push(h.id.as_deref());
    }
    if comments.is_empty() {
        return None;
    }
    let (title, body) = if body_msg {
        // The first message alone: the digest's table of contents above it
        // is no teaser box of the article.
        let (a, b) = content(0);
        let seg = segment_flags(lines, a, b);
        body_and_title(&lines[a..], b - a, &seg[a..])
    } else {
        body_and_title(lines, heads[0].start, &segment_flags(lines, 0, heads[0].start))
    };
    Some(Page { source: String::new(), title, body, comments, declared_comments: None })
}

/// A wiki talk page: each comment runs from the previous signature (or
/// section heading, whose text is the comment's title) to the line ending
/// in its own signature ("--NAME (Diskussion) 09:41, 19. Nov. 2026 (CET)");
/// leading ':' give the reply depth (one more colon answers the comment
/// above). The article is what stands above the talk section; the talk
/// page's own heading ("Diskussion:TITLE") names it.
fn wiki_page(lines: &[Line]) -> Option<Page> {
    let first_sig = lines.iter().position(|l| cues::wiki_signature(&l.text).is_some())?;
    let last_sig = lines.iter().rposition(|l| cues::wiki_signature(&l.text).is_some())?;
    if last_sig == first_sig {
        return None;
    }
    let talk_heading = |t: &str| -> Option<String> {
        let rest = t.strip_prefix("Diskussion:").or_else(|| t.strip_prefix("Talk:"))?;
        let rest = rest.trim();
        (!rest.is_empty() && !t.as_bytes().get(t.len() - rest.len() - 1).is_some_and(|b| *b == b' ')).then(|| rest.to_string())
    };
    // Where the talk section starts: its page heading, else the first
    // section heading, else the first signed paragraph.
    let page_head = (0..first_sig).rev().find_map(|q| talk_heading(&lines[q].text).map(|t| (q, t)));
    let start = match &page_head {
        Some((q, _)) => *q,
        None => (0..first_sig)
            .rev()
            .find(|&q| cues::wiki_section_heading(&lines[q].text).is_some())
            .unwrap_or_else(|| (0..first_sig).rev().find(|&q| lines[q].blank()).map_or(0, |q| q + 1)),
    };
    let mut comments: Vec<Comment> = Vec::new();
    let mut depths: Vec<usize> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    let mut pending_depth: Option<usize> = None;
    let mut title: Option<String> = None;
    for l in &lines[start..=last_sig] {
        let t: &str = &l.text;
        if t.is_empty() {
            continue;
        }
        if let Some(h) = cues::wiki_section_heading(t) {
            pending.clear();
            pending_depth = None;
            title = Some(h.to_string());
            continue;
        }
        let colons = t.bytes().take_while(|&b| b == b':' || b == b'*').count();
        let body = t[colons..].trim_start();
        let sig = cues::wiki_signature(body);
        let own = match sig {
            Some((at, _, _)) => body[..at].trim_end(),
            None => body,
        };
        if pending_depth.is_none() {
            pending_depth = Some(colons);
        }
        if !own.is_empty() {
            pending.push(own);
        }
        let Some((_, name, date)) = sig else { continue };
        let depth = pending_depth.take().unwrap_or(colons);
        if pending.is_empty() {
            continue;
        }
        let reply_to = if depth == 0 { None } else { depths.iter().rposition(|&d| d < depth) };
        comments.push(Comment {
            author: Some(name.to_string()),
            date: Some(date.to_string()),
            title: title.take(),
            text: pending.join("\n"),
            reply_to,
        });
        depths.push(depth);
        pending.clear();
    }
    if comments.len() < 2 {
        return None;
    }
    let (title, body) = body_and_title(lines, start, &segment_flags(lines, 0, start));
    let title = page_head.map(|(_, t)| t).or(title);
    Some(Page { source: String::new(), title, body, comments, declared_comments: None })
}

// ---------------------------------------------------------------------------
// Furniture and body

/// Line-level furniture, judged without context.
pub(crate) fn is_furniture(t: &str) -> bool {
    cues::comment_header(t).is_some() || cues::teaser_heading(t).is_some() || is_furniture_without_headings(t)
}

/// [`is_furniture`] without the lexicon cue.
pub(crate) fn is_furniture_except_lexicon(t: &str) -> bool {
    cues::comment_header(t).is_some()
        || cues::teaser_heading(t).is_some()
        || !t.chars().any(|c| c.is_alphanumeric())
        || cues::is_strong_furniture(t)
        || cues::is_ui_line(t)
        || cues::is_nav_line(t)
        || is_furniture_rest_with(t, false, true, &cues::LineDates::NONE)
}

/// [`is_furniture`] minus the heading cues (which `split_lines` has computed already).
fn is_furniture_without_headings(t: &str) -> bool {
    !t.chars().any(|c| c.is_alphanumeric()) || cues::is_strong_furniture(t) || cues::is_ui_line(t) || cues::is_nav_line(t) || is_furniture_rest(t)
}

/// [`is_furniture_without_headings`] minus its first four cues.
fn is_furniture_rest(t: &str) -> bool {
    is_furniture_rest_with(t, false, false, &cues::LineDates::NONE)
}

/// [`is_furniture_rest`]; `prose` says that `cues::is_prose(t)` holds, which
/// includes `!cues::is_teaser_line(t)`, so that check is skipped; `no_lexicon`
/// that the lexicon regex matches nowhere in `t`; `d` are the date answers
/// of the line `t` is (`cues::LineDates`), with the facts of a string that
/// holds `t` (`cues::Facts`).
fn is_furniture_rest_with(t: &str, prose: bool, no_lexicon: bool, d: &cues::LineDates) -> bool {
    let f = d.facts;
    cues::is_url_line(t)
        || cues::is_meta_line_in(t, d)
        || cues::is_credit_in(t, f)
        || cues::is_signoff(t)
        || cues::is_weather_line_in(t, f)
        || !no_lexicon && cues::is_lexicon_furniture(t)
        || !prose && cues::is_teaser_line_in(t, f)
        || cues::is_excerpt_with_date_in(t, f)
        || cues::is_inline_teaser(t)
}

/// A teaser/related-content segment: its heading line, the end of its
/// lines, and the run of consecutive prose paragraphs that makes its lines
/// article text after all.
struct Segment {
    head: usize,
    end: usize,
    need: usize,
}

/// The teaser segments of lines `from..to`: headings and extents only,
/// which ask no lazy cue (see [`teaser_lines`]).
fn segments(lines: &[Line], from: usize, to: usize) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let Some(kind) = lines[i].teaser else {
            i += 1;
            continue;
        };
        if menu_item(lines, i) {
            i += 1;
            continue;
        }
        // The segment runs to the next teaser heading.
        let mut j = i + 1;
        while j < to && lines[j].teaser.is_none() && !is_section_header(lines, j) {
            j += 1;
        }
        // A bare ad label covers only its own block (up to the next blank line).
        if cues::is_ad_label(&lines[i].text) {
            j = (i + 1..j).find(|&k| lines[k].blank()).unwrap_or(j);
        }
        let need = match kind {
            TeaserHeading::Soft => 2,
            TeaserHeading::Hard => 3,
        };
        out.push(Segment { head: i, end: j, need });
        i = j;
    }
    out
}

/// Whether line `i` is the last item of a menu copied one item per line
/// ("Sport" / "Kultur" / "Podcast" and a blank line): the two lines above
/// it are short items too (one to three words, no sentence), and the line
/// below it is blank. A section name there ("Podcast", "Wetter") opens no
/// teaser segment, which would run on over the article below.
fn menu_item(lines: &[Line], i: usize) -> bool {
    let item = |l: &Line| {
        let t: &str = &l.text;
        !l.blank() && t.len() <= 30 && (1..=3).contains(&cues::word_count(t)) && !t.contains(['.', '!', '?', ':'])
    };
    i >= 2 && item(&lines[i - 1]) && item(&lines[i - 2]) && lines.get(i + 1).is_none_or(|l| l.blank())
}

/// Whether the lines under a segment's heading are teasers (no run of
/// `need` consecutive prose paragraphs among them).
fn teaser_lines(lines: &[Line], s: &Segment) -> bool {
    let mut best = 0usize;
    let mut run = 0usize;
    for l in &lines[s.head + 1..s.end] {
        if l.blank() {
            continue;
        }
        if l.furniture() {
            continue;
        }
        if l.prose() {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best < s.need
}

/// Where the teaser lines of a segment end: at its heading when its lines
/// are article text, else at its end, or before the prose paragraphs that
/// close it after the box's button ("Newsletter" / … / "Jetzt anmelden" /
/// the article's next paragraph: a copy without blank lines runs the box
/// into the text).
fn teaser_end(lines: &[Line], s: &Segment) -> usize {
    if !teaser_lines(lines, s) {
        return s.head + 1;
    }
    // From the end back: prose paragraphs and furniture (a share bar after
    // them) up to the button: a UI line or a short furniture line without a
    // colon ("Jetzt kostenlos anmelden"; a teaser headline has more words
    // or a "Place: …" colon).
    let button = |l: &Line| l.ui() || l.furniture() && cues::word_count(&l.text) <= 4 && !l.text.contains(':');
    let mut start = s.end;
    for k in (s.head + 1..s.end).rev() {
        let l = &lines[k];
        if l.blank() {
            continue;
        }
        if l.prose() && !l.furniture() {
            start = k;
        } else if start < s.end && button(l) {
            return start;
        } else if !l.furniture() {
            return s.end;
        }
    }
    s.end
}

/// For lines `from..to`, whether each lies in a teaser/related-content
/// segment (true) rather than in article text.
fn segment_flags(lines: &[Line], from: usize, to: usize) -> Vec<bool> {
    let mut flags = vec![false; lines.len()];
    for s in segments(lines, from, to) {
        flags[s.head] = true;
        flags[s.head + 1..teaser_end(lines, &s)].fill(true);
    }
    flags
}

/// [`segment_flags`] of the whole page, each segment's lines classified on
/// the first question about one of them (`parse` asks about the lines
/// before the body's end, and about later ones only on some paths; the
/// segments after a comment section are mostly never asked about). The
/// answers are those of `segment_flags(lines, 0, lines.len())`: the
/// extents do not depend on the lazy cues, and the cues are pure (so does
/// `teaser_end`, computed once per segment).
struct SegmentFlags<'p, 'a> {
    lines: &'p [Line<'a>],
    segs: Vec<Segment>,
    /// Per line, 1 + the index of its segment in `segs` (0: in none).
    of: Vec<u32>,
    teaser: Vec<OnceCell<usize>>,
}

impl<'p, 'a> SegmentFlags<'p, 'a> {
    fn new(lines: &'p [Line<'a>]) -> Self {
        let segs = segments(lines, 0, lines.len());
        let mut of = vec![0u32; lines.len()];
        for (k, s) in segs.iter().enumerate() {
            of[s.head..s.end].fill(k as u32 + 1);
        }
        let teaser = vec![OnceCell::new(); segs.len()];
        SegmentFlags { lines, segs, of, teaser }
    }
    fn get(&self, i: usize) -> bool {
        match self.of[i] {
            0 => false,
            k => {
                let k = k as usize - 1;
                let s = &self.segs[k];
                i == s.head || i < *self.teaser[k].get_or_init(|| teaser_end(self.lines, s))
            }
        }
    }
    /// The flags of lines `..end`, all lines before `forced` flagged.
    fn up_to(&self, end: usize, forced: usize) -> Vec<bool> {
        (0..end).map(|i| i < forced || self.get(i)).collect()
    }
}

/// A standalone comment-section header (not a count under a teaser headline).
fn is_section_header(lines: &[Line], j: usize) -> bool {
    match lines[j].header {
        Some(Header::Plain) => true,
        Some(Header::Count(_)) => j == 0 || lines[j - 1].blank() || lines[j - 1].header.is_some(),
        None => false,
    }
}

fn norm_key(s: &str) -> String {
    cues::collapse_ws_lower(s)
}

/// A control in brackets, as text browsers show buttons and links ("[Liveblog
/// neu laden]", "[Alle Fotos der Strecke]"): a short bracketed line (up to six
/// words) without a sentence in it. Neither title nor body ("[Anmerkung der
/// Redaktion: … aktualisiert.]" is a sentence and stays).
fn bracketed_control(t: &str) -> bool {
    t.len() >= 3 && t.starts_with('[') && t.ends_with(']') && !t[1..t.len() - 1].contains(['[', ']', '.', '!', '?', ':']) && cues::word_count(t) <= 6
}

/// The lines of hard-wrapped prose paragraphs before `end` (a dump wrapped
/// at a fixed width, every line too short to be prose on its own): blocks
/// of two or more lines without a blank between them, all but the last 45
/// to 80 chars long, whose joined text is prose. A byte-length test per line
/// first; the prose test only on such blocks.
fn wrapped_prose(lines: &[Line], end: usize) -> Vec<bool> {
    let mut out = vec![false; end];
    let wide = |l: &Line| l.text.len() >= 45 && !cues::chars_more_than(&l.text, 80);
    let mut i = 0;
    while i < end {
        if lines[i].blank() || !wide(&lines[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < end && !lines[j].blank() && wide(&lines[j]) {
            j += 1;
        }
        // The block's last line may be short (the paragraph's end).
        let last = if j < end && !lines[j].blank() && lines[j].text.len() < 45 { j + 1 } else { j };
        if last - i >= 2 {
            let joined = lines[i..last].iter().map(|l| l.text.as_ref()).collect::<Vec<&str>>().join(" ");
            if cues::is_prose(&joined) && joined.bytes().filter(|&b| matches!(b, b'.' | b'!' | b'?')).count() >= 1 {
                out[i..last].fill(true);
            }
        }
        i = last.max(i + 1);
    }
    out
}

fn body_and_title(lines: &[Line], end: usize, seg: &[bool]) -> (Option<String>, Vec<String>) {
    let mut keep = vec![false; end];
    for i in 0..end {
        keep[i] = !lines[i].blank() && !seg[i] && !lines[i].furniture() && !bracketed_control(&lines[i].text);
    }
    // Captions: a line directly above a credit-only line ("Foto: dpa", "REUTERS").
    // Only a kept line can be dropped, and a kept line is not blank (`keep[i - 1]`
    // is not changed before this test); cheap tests before the credit cue.
    for i in 1..end {
        if keep[i - 1] && !lines[i].blank() && !cues::chars_more_than(&lines[i - 1].text, 250) && cues::is_credit_only(&lines[i].text) {
            keep[i - 1] = false;
        }
    }
    // Title: the last headline-like kept line before the first prose line
    // (a kicker or badge of one or two words only if nothing longer is there).
    // A page without a prose line may be wrapped at a fixed width: its
    // wrapped paragraphs are its prose.
    let mut first_prose = (0..end).find(|&i| keep[i] && lines[i].prose());
    let wrapped = if first_prose.is_none() { wrapped_prose(lines, end) } else { vec![false; end] };
    if first_prose.is_none() {
        first_prose = (0..end).find(|&i| keep[i] && wrapped[i]);
    }
    let head_end = first_prose.unwrap_or(end);
    // A link line ("=> URL label", gemtext) is no headline, nor a control
    // (`bracketed_control`, dropped above).
    let headline = |i: usize| keep[i] && !lines[i].text.starts_with("=>") && cues::is_headline_like(&lines[i].text) && !cues::is_greeting_or_address_field(&lines[i].text);
    // A line that ends in a date ("Pressemitteilung der Stadt vom
    // 16.11.2026") is a source or dateline under the headline, a title only
    // when no other line is one (session 6).
    let dated = |i: usize| {
        let t: &str = &lines[i].text;
        t.as_bytes().last().is_some_and(u8::is_ascii_digit) && lines[i].dates().first(t).is_some_and(|(_, b)| b == t.len())
    };
    let title_idx = (0..head_end)
        .rev()
        .find(|&i| headline(i) && cues::word_count(&lines[i].text) >= 3 && !dated(i))
        .or_else(|| (0..head_end).rev().find(|&i| headline(i) && cues::word_count(&lines[i].text) >= 3))
        .or_else(|| (0..head_end).rev().find(|&i| headline(i)));
    // A sub-headline under the headline (directly or after blank lines): a longer
    // line of nine or more words under one of five or more.
    let title_idx = title_idx.map(|t| {
        let above = (0..t).rev().find(|&k| !lines[k].blank());
        match above {
            Some(h) if headline(h) && t - h >= 1 => {
                let (wh, wt) = (cues::word_count(&lines[h].text), cues::word_count(&lines[t].text));
                if wh >= 5 && wt >= 9 && wt > wh {
                    h
                } else {
                    t
                }
            }
            _ => t,
        }
    });
    // Link lists: three or more consecutive short non-prose lines (teaser
    // headlines, tables, menus) after the headline.
    let from = title_idx.map_or(0, |t| t + 1);
    // A sentence right below a prose line (no blank between) continues the
    // paragraph and starts no list.
    let mut i = from;
    while i < end {
        // A quoted sentence (a voice in a street survey) is no list item.
        let quoted = |t: &str| t.starts_with(['„', '"', '»', '“']) && t.ends_with(['“', '"', '«', '”']) && cues::word_count(t) >= 4;
        let short = |k: usize| !lines[k].blank() && !wrapped[k] && !lines[k].prose() && !cues::chars_more_than(&lines[k].text, 120) && !quoted(&lines[k].text);
        let continues = |k: usize| k > 0 && lines[k - 1].prose() && lines[k].text.ends_with(['.', '!', '?']) && cues::word_count(&lines[k].text) >= 4;
        if !short(i) || continues(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < end && short(j) {
            j += 1;
        }
        if j - i >= 3 {
            for k in &mut keep[i..j] {
                *k = false;
            }
        }
        i = j;
    }
    // A forum thread's title carries its label ("Thema: …", "Betreff: …").
    let title = title_idx.map(|i| {
        let t = lines[i].text.as_ref();
        let t = match cues::post_field(t) {
            Some((cues::PostField::Subject, v)) if !v.trim().is_empty() => v,
            _ => t,
        };
        // A Markdown or gemtext heading's marks ("## Titel") are not the title's.
        let marks = t.bytes().take_while(|&b| b == b'#').count();
        let t = match t.get(marks..) {
            Some(rest) if (1..=6).contains(&marks) && rest.starts_with(' ') && !rest.trim().is_empty() => rest,
            _ => t,
        };
        cues::collapse_ws(t)
    });
    let body_start = title_idx.map_or_else(|| first_prose.unwrap_or(end), |t| t + 1);

    // Keys of the non-blank lines, computed once; `seen` and the window of the
    // twelve most recent keys borrow them. All keys in one buffer, each a
    // range of it. Only up to the last line the body may take: a later
    // key could only make a later line a duplicate.
    let keyed = (body_start..end).rev().find(|&i| keep[i]).map_or(0, |i| i + 1);
    let mut buf = String::with_capacity(lines[..keyed].iter().map(|l| l.text.len()).sum());
    // Whether a line's text is already collapsed comes with its key: the
    // body copies such a line as it is (`collapse_ws` would scan it again).
    let mut collapsed = vec![false; keyed];
    let spans: Vec<(usize, usize, usize)> = (0..keyed)
        .filter(|&i| !lines[i].blank())
        .map(|i| {
            let a = buf.len();
            collapsed[i] = cues::push_collapse_ws_lower_in(&mut buf, &lines[i].text, &lines[i].facts);
            (i, a, buf.len())
        })
        .collect();
    let keys: Vec<(usize, &str)> = spans.iter().map(|&(i, a, b)| (i, buf.get(a..b).unwrap_or(""))).collect();
    let mut seen: FxHashSet<&str> = FxHashSet::with_capacity_and_hasher(keys.len(), Default::default());
    let mut body = Vec::new();
    for (k, &(i, key)) in keys.iter().enumerate() {
        let recent = &keys[k.saturating_sub(12)..k];
        // Inserted either way: one lookup tells whether it was there.
        let dup = !seen.insert(key) || cues::chars_more_than(key, 29) && recent.iter().any(|(_, r)| r.len() > key.len() && r.starts_with(key));
        if i >= body_start && keep[i] && !dup {
            let t: &str = &lines[i].text;
            body.push(if collapsed[i] { t.to_owned() } else { cues::collapse_ws(t) });
        }
    }
    (title, body)
}

// ---------------------------------------------------------------------------
// Comments

#[derive(Debug, Default)]
struct Draft<'a> {
    author: Option<String>,
    date: Option<String>,
    title: Option<String>,
    number: Option<u32>,
    /// The comment's text lines, borrowed from the page's lines (owned only
    /// where a shape reading built them).
    lines: Vec<Cow<'a, str>>,
    indent: usize,
    bullet: bool,
    open: bool,
    reply: Option<ReplyRef>,
    /// The author's handle shown under the name ("@name@server"), without the "@".
    handle: Option<String>,
    /// A letter to the editor ("Leserbrief von Name, Ort"): its first short
    /// line may be the letter's title.
    letter: bool,
    /// The parent's first words, quoted in a bar above the text ("┃ NAME
    /// schrieb: first words …"): of NAME's comments, the one they open.
    quoted: Option<&'a str>,
    /// The parent's own date, named with it ("Antwort auf NAME vom DATE"):
    /// of NAME's comments, the one of that date.
    parent_date: Option<&'a str>,
}

#[derive(Debug, Default)]
struct Attempt {
    comments: Vec<Comment>,
    declared: Option<usize>,
}

/// Reader voices from `from` on: a quote („…“, over up to eight lines), its
/// signature on the next line (name, affiliation), blank lines between.
fn parse_voices(lines: &[Line], from: usize) -> Attempt {
    let mut comments = Vec::new();
    let mut k = from;
    loop {
        while k < lines.len() && lines[k].blank() {
            k += 1;
        }
        if k >= lines.len() || !cues::opens_voice(&lines[k].text) {
            break;
        }
        let mut m = k;
        while m < lines.len() && m < k + 8 && !lines[m].blank() && !cues::closes_voice(&lines[m].text) {
            m += 1;
        }
        if m >= lines.len() || lines[m].blank() || !cues::closes_voice(&lines[m].text) {
            break;
        }
        let Some(name) = lines.get(m + 1).and_then(|l| cues::voice_signature(&l.text)) else { break };
        let text: Vec<&str> = (k..=m).map(|q| lines[q].text.as_ref()).collect();
        let text = cues::strip_voice_quotes(&text.join("\n")).to_string();
        if text.is_empty() {
            break;
        }
        comments.push(Comment { author: Some(cues::collapse_ws(name)), date: None, title: None, text, reply_to: None });
        k = m + 2;
    }
    Attempt { comments, declared: None }
}

/// A copyright line: '©', "rechte vorbehalten" or a leading "copyright", the
/// words in any case. `to_lowercase` changes no non-ASCII char into an
/// ASCII letter of theirs (only the Kelvin sign becomes 'k', U+0130 an 'i'
/// with a combining dot), so an ASCII-case-insensitive search finds the
/// same (test `copyright_line_agrees_with_lowercasing`).
fn copyright_line(t: &str) -> bool {
    cues::has_char(t, '©')
        || cues::contains_ascii_ci(t.as_bytes(), b"rechte vorbehalten", 6)
        || t.get(..9).is_some_and(|p| p.eq_ignore_ascii_case("copyright"))
}

/// Whether the next non-blank line after `j` is a quoted line ("> …").
fn nxt_is_quote(lines: &[Line], j: usize) -> bool {
    next_nonblank(lines, j + 1).is_some_and(|k| cues::is_quote_line(&lines[k].text))
}

/// A forum post header: consecutive labelled field lines with at least a
/// name and a date ("Autor: …", "Verfasst am: …", "Betreff: …").
struct PostHeader {
    start: usize,
    end: usize,
    subject: Option<String>,
}

fn forum_post_headers(lines: &[Line]) -> Vec<PostHeader> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some((f, v)) = cues::post_field_in(&lines[i].text, &lines[i].facts) else {
            i += 1;
            continue;
        };
        let (mut name, mut date) = (f == cues::PostField::Name, f == cues::PostField::Date);
        let mut subject = (f == cues::PostField::Subject).then(|| cues::collapse_ws(v));
        let mut j = i + 1;
        while j < lines.len() && j < i + 4 {
            match cues::post_field_in(&lines[j].text, &lines[j].facts) {
                Some((cues::PostField::Name, _)) if !name => name = true,
                Some((cues::PostField::Date, _)) if !date => date = true,
                Some((cues::PostField::Subject, v)) if subject.is_none() => subject = Some(cues::collapse_ws(v)),
                _ => break,
            }
            j += 1;
        }
        if name && date {
            out.push(PostHeader { start: i, end: j, subject });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// A line that is only a middle dot or bullet ("·"), as separators between
/// the parts of a record head copied one per line.
fn is_dot_line(t: &str) -> bool {
    matches!(t, "·" | "•" | "⋅")
}

/// A name line with a handle line under it, then (after a lone "·") a
/// short date line: "NAME" / "@handle" / "·" / "20. Nov.".
fn name_handle_date(lines: &[Line], j: usize) -> bool {
    let Some(k) = lines.get(j + 1).filter(|l| l.text.starts_with('@')).map(|_| j + 1) else { return false };
    if cues::handle_line(&lines[k].text).is_none() || !cues::is_name_like(&lines[j].text) || cues::word_count(&lines[j].text) > 5 {
        return false;
    }
    let Some(mut d) = next_nonblank(lines, k + 1) else { return false };
    if is_dot_line(&lines[d].text) {
        let Some(e) = next_nonblank(lines, d + 1) else { return false };
        d = e;
    }
    cues::short_date_line(&lines[d].text).is_some()
}

/// The short date of the head whose name is line `j` and whose date line
/// is `k` ([`cues::short_date_line`]: "21. Nov.", "14h", "5 Std."), where
/// the record stands on its own: a blank line, the start or a UI line
/// ([`record_break`]) above the name, the comment's text right below the date.
fn short_date_head<'l>(lines: &'l [Line], j: usize, k: usize) -> Option<&'l str> {
    let t: &str = &lines[k].text;
    if t.len() > 24 || !t.starts_with(|c: char| c.is_ascii_digit()) || j > 0 && !record_break(&lines[j - 1]) {
        return None;
    }
    lines.get(k + 1).filter(|n| !n.blank() && !n.ui() && n.dates().date_only(&n.text).is_none())?;
    cues::short_date_line(t)
}

/// Whether a record may open under line `l`: a blank line, a UI line (the
/// comment above's "Reply · Share", a reply group's "Hide 2 Replies") or a
/// removed entry's placeholder.
fn record_break(l: &Line) -> bool {
    l.blank() || l.ui() || cues::is_removal_placeholder(&l.text)
}

/// A name line over a short date line and the text ([`short_date_head`]):
/// "NAME" / "21. Nov." / text, a comment record that no other cue opens.
fn name_short_date(lines: &[Line], j: usize) -> bool {
    lines.get(j + 1).is_some_and(|d| d.text.len() <= 24 && d.text.starts_with(|c: char| c.is_ascii_digit()))
        && cues::is_name_like(&lines[j].text)
        && cues::word_count(&lines[j].text) <= 5
        && short_date_head(lines, j, j + 1).is_some()
}

/// A reply line between a name and its date: a [`cues::reply_marker`]
/// ("Replying to @NAME", "Antwort auf NAME") or a reply tab, an arrow and a
/// name ("↪ NAME").
fn reply_tab(t: &str) -> Option<ReplyRef> {
    let first = t.chars().next()?;
    let rest = cues::strip_reply_arrow(t);
    if rest.len() < t.len() {
        if let Some(r) = cues::reply_marker(rest) {
            return Some(r);
        }
        // A name, or the path of all ancestors ("↳ A › B › C", seg31): the
        // parent is the last name.
        let mut parts = rest.split(['›', '»']).map(cues::trim);
        let name = parts.next_back()?;
        let short = |n: &str| cues::is_short_name(n, 4) && !cues::chars_more_than(n, 40);
        return (short(name) && parts.all(short)).then(|| ReplyRef::Name(name.to_string()));
    }
    if !cues::may_start_reply_marker(first) {
        return None;
    }
    cues::reply_marker(t)
}

/// A name line of two names apart by a gap of two or more spaces or by the
/// word "an" ("to"), the second the author of one of the comments before
/// (`drafts`, then `cur`) -> (NAME, PARENT): "NAME  PARENT", a widget's
/// reply head whose arrow icon the copy lost; "NAME an PARENT", the reply
/// head of a copied comment list that prints writer and parent instead of
/// nesting (session 18). Safe for a name that holds "an" ("Haus an der
/// Elbe"): the part after the split must be an earlier commenter's whole
/// name, and the part before a name of its own.
fn gap_parent<'l>(core: &'l str, drafts: &[Draft], cur: Option<&Draft>) -> Option<(&'l str, &'l str)> {
    let t = core.trim();
    if t.len() > 110 || drafts.is_empty() && cur.is_none() {
        return None;
    }
    let earlier = |p: &str| cur.iter().copied().chain(drafts.iter().rev().take(200)).any(|d| d.author.as_deref() == Some(p));
    let split = |p: usize, q: usize| {
        let (w, parent) = (t[..p].trim_end(), t[q..].trim_start());
        (cues::is_name_like(parent) && earlier(parent) && cues::is_name_like(w)).then_some((w, parent))
    };
    let b = t.as_bytes();
    if let Some(p) = memchr::memchr_iter(b' ', b).find(|&i| b.get(i + 1) == Some(&b' ')) {
        return split(p, p);
    }
    [" an ", " to "].iter().find_map(|sep| cues::match_starts_at(b, sep.as_bytes(), 1).find_map(|p| split(p, p + sep.len())))
}

/// Whether `name` (after a reply chip's "an ") is a name that an earlier
/// draft's author is or begins with ("Gerd Maus" of "Gerd Maus aus Forst").
fn chip_parent(name: &str, drafts: &[Draft]) -> bool {
    let name = cues::trim(name);
    if name.len() > 60 || !cues::is_name_like(name) {
        return false;
    }
    drafts.iter().rev().take(200).any(|d| {
        d.author.as_deref().is_some_and(|a| cues::is_name_or_longer(a, name))
    })
}

/// A guest label under a commenter's name ("NAME" / "Gast" / DATE, a
/// WordPress comment plugin's copy; session 18): no author. Not under a
/// single letter: that is the avatar's initial of a guest whose name is
/// "Gast" ("G" / "Gast" / DATE). Kept out of the badge lexicon, where
/// "Gast" alone on a head line is the name.
fn guest_label(t: &str, name: &str) -> bool {
    let t = cues::trim(t);
    (t.eq_ignore_ascii_case("gast") || t.eq_ignore_ascii_case("guest")) && cues::trim(name).chars().nth(1).is_some()
}

/// A reply line that carries the head's date after a separator ("Antwort
/// an NAME · vor 4 Std.", "Replying to NAME · 2h") under a name line ->
/// the parent and the date.
fn reply_date_line<'l>(l: &'l Line) -> Option<(ReplyRef, &'l str)> {
    let t: &str = &l.text;
    if t.len() > 120 || !t.trim_start().starts_with(cues::may_start_reply_marker) {
        return None;
    }
    let (a, b) = [" · ", " | ", " • ", " – "].iter().find_map(|sep| t.rfind(sep).map(|p| (p, p + sep.len())))?;
    let date = cues::date_only(&t[b..])?;
    let r = cues::reply_marker(&t[..a])?;
    Some((r, date))
}

/// A date alone on its line in square brackets ("[23.11.2026, 12:20 Uhr]",
/// session 21) -> the date.
fn bracketed_date(t: &str) -> Option<&str> {
    let inner = cues::trim(t).strip_prefix('[')?.strip_suffix(']')?;
    cues::date_only(inner)
}

/// A member's handle line under the display name, with role and age
/// ("@tomu_plauen · Mitglied · vor 2 Tagen", session 21) -> the handle
/// (without "@") and the date.
fn handle_head_line(t: &str) -> Option<(&str, &str)> {
    if !t.starts_with('@') || t.len() > 120 {
        return None;
    }
    let (h, rest) = t.split_once(" · ")?;
    let h = cues::handle_line(h)?;
    let date = rest.rsplit(" · ").next()?;
    let date = cues::date_only(date)?;
    Some((h, date))
}

/// Whether a comment record opens at line `m`: a section header, a
/// dated author line, a name line above a date line (perhaps with a handle
/// between them).
fn starts_record(lines: &[Line], m: usize) -> bool {
    let l = &lines[m];
    !l.blank()
        && (l.header.is_some()
            || name_handle_date(lines, m)
            || l.author().is_some_and(|a| a.author.is_some() && a.date.is_some())
            || cues::is_name_like(&l.text) && next_nonblank(lines, m + 1).is_some_and(|k| cues::date_only(&lines[k].text).is_some())
            || name_head_at(lines, m))
}

/// A date alone on line `j` (nothing but a weekday or "am" before it) with
/// a rating line or a closing UI line right under it: a comment's footer that closes the
/// text above it ("12. Mai 2027, 08:40" / "+ 12  – 3" / "Antworten").
fn lone_footer_date<'l>(lines: &'l [Line], j: usize) -> Option<&'l str> {
    let l = &lines[j];
    let t: &str = &l.text;
    if t.len() > 48 || !l.facts.may(cues::C_DIGITISH) {
        return None;
    }
    let n = lines.get(j + 1).filter(|n| !n.blank())?;
    // A UI line ends the footer (a blank or another UI line after it), so
    // a field label over the text ("Datum" / DATE / "Text" / …) is none.
    if !(cues::is_reaction_bar(&n.text) || n.ui() && lines.get(j + 2).is_none_or(|m| m.blank() || m.ui())) {
        return None;
    }
    l.dates().date_only(t)
}

/// Whether line `m` is a name line with its date line right under it or
/// under one attribute or badge line ("NAME" / "Leserempfehlung" / DATE).
fn name_head_at(lines: &[Line], m: usize) -> bool {
    let date_at = |k: usize| lines.get(k).is_some_and(|n| n.dates().date_only(&n.text).is_some());
    lines.get(m).is_some_and(|n| cues::is_short_name(&n.text, 5)) && (date_at(m + 1) || date_at(m + 2) && lines.get(m + 1).is_some_and(attribute_line))
}

/// A comment head over its date line: a name line or a reply head
/// ("NAME antwortet auf NAME") with a date-only line right below it.
fn head_over_date(lines: &[Line], m: usize) -> bool {
    let t: &str = &lines[m].text;
    !lines[m].blank()
        && !cues::chars_more_than(t, 80)
        && (cues::is_short_name(t, 5) || cues::reply_header(t).is_some_and(|a| a.author.is_some()))
        && lines.get(m + 1).is_some_and(|n| n.dates().date_only(&n.text).is_some())
}

/// A short attribute line under a commenter's name: a place, a role or a
/// badge ("Äußere Neustadt", "Lokale Organisation"): one to three words,
/// name-like, no digit, no UI.
fn attribute_line(l: &Line) -> bool {
    let t: &str = &l.text;
    !l.blank() && t.len() <= 40 && !t.bytes().any(|b| b.is_ascii_digit()) && (1..=3).contains(&cues::word_count(t)) && !l.ui() && cues::is_name_like(t)
}

/// A role phrase under a commenter's name: two to four words, the first
/// capitalised, no digit, no UI, no sentence mark ("Autorin des Artikels").
fn role_phrase(l: &Line) -> bool {
    let t: &str = &l.text;
    t.len() <= 40
        && t.starts_with(char::is_uppercase)
        && !t.bytes().any(|b| b.is_ascii_digit() || matches!(b, b'.' | b'!' | b'?' | b':' | b','))
        && (2..=4).contains(&cues::word_count(t))
        && !l.ui()
}

fn next_nonblank(lines: &[Line], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&k| !lines[k].blank())
}

/// Whether the block starting at `j` (up to the next blank or UI line) ends
/// in a signature line ("— Name, gestern, 22:14").
fn block_has_signature(lines: &[Line], j: usize) -> bool {
    for l in lines.iter().skip(j).take(12) {
        if l.blank() || l.ui() {
            return false;
        }
        if cues::signature(&l.text).is_some() {
            return true;
        }
    }
    false
}

fn new_draft<'a>(
    al: cues::AuthorLine,
    indent: usize,
    bullet: bool,
    pending_reply: &mut Option<ReplyRef>,
    pending_title: &mut Option<(String, Option<u32>)>,
    pending_quote: &mut Option<&'a str>,
) -> Draft<'a> {
    let (title, tnum) = match pending_title.take() {
        Some((t, n)) => (Some(t), n),
        None => (None, None),
    };
    // A head naming the writer and the parent ("A ▸ B", "A replied to B").
    let mut reply = al.reply;
    let mut author = al.author;
    if let Some((w, p)) = author.as_deref().and_then(cues::writer_parent) {
        reply = reply.or_else(|| Some(ReplyRef::Name(p.to_string())));
        author = Some(w.to_string());
    }
    Draft {
        // "Name (Ort)": the place in brackets is not part of the name.
        author: author.map(|a| cues::strip_place(&a).to_string()),
        date: al.date,
        title,
        number: al.number.or(tnum),
        indent,
        bullet,
        open: true,
        reply: reply.or_else(|| pending_reply.take()),
        quoted: pending_quote.take(),
        ..Draft::default()
    }
}

/// The parent's date in a reply marker that names it after the name
/// ("Antwort auf NAME vom 13.03.2027 • 18:02 Uhr", "… am DATE"), or None.
fn parent_date(t: &str) -> Option<&str> {
    let b = t.as_bytes();
    let i = memchr::memmem::find(b, b" vom ").map(|i| i + 5).or_else(|| memchr::memmem::find(b, b" am ").map(|i| i + 4))?;
    let rest = &t[i..];
    cues::find_date(rest).map(|(a, e)| &rest[a..e])
}

/// The name on the line above head `j` (a blank line may lie between) when
/// the line above the name holds its initials, as an avatar shows them
/// ("RM" / "Reinhard Maier"), and the name line's index.
fn avatar_name_above<'l>(lines: &'l [Line], j: usize) -> Option<(&'l str, usize)> {
    let k = (j.checked_sub(2)?..j).rev().find(|&k| !lines[k].blank())?;
    let name: &str = &lines[k].text;
    let initials: &str = &lines[k.checked_sub(1)?].text;
    (cues::initials_of(name, initials) && cues::is_name_like(name)).then_some((name, k))
}

/// Reads comments from `from` on. Gives up (no comments) when prose that
/// belongs to no comment comes before the first comment: the header was
/// then not the comment section.
fn parse_comments(lines: &[Line], from: usize) -> Attempt {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut cur: Option<Draft> = None;
    let mut pending_reply: Option<ReplyRef> = None;
    let mut pending_title: Option<(String, Option<u32>)> = None;
    // "Antwort auf „TITLE“" above a reply's title and head (seg30): the
    // parent's title (or first words) for the next draft, and its line.
    let mut pending_quote: Option<&str> = None;
    let mut quote_line = usize::MAX;
    // Lines that belong to no comment yet (a signature may claim them).
    let mut pending: Vec<(&str, bool)> = Vec::new();
    let mut orphans = 0usize;
    let mut declared = None;
    let mut skip_to = 0usize;
    // After "Zitat von Name:": lines copied from earlier comments are the quote.
    let mut quoting = false;
    // A post number on a line of its own ("#3") for the header below it.
    let mut pending_number: Option<u32> = None;
    // A dated signature ("— Name, date") has closed a comment.
    let mut signed = false;
    // A hierarchical number line ("1.1.2") above the next head: the head's
    // reply depth, added to its indentation (a plain number, depth 1, adds
    // nothing).
    let mut outline_indent: Option<usize> = None;

    fn flush<'a>(cur: &mut Option<Draft<'a>>, drafts: &mut Vec<Draft<'a>>) {
        if let Some(d) = cur.take() {
            drafts.push(d);
        }
    }
    fn close(cur: &mut Option<Draft>) {
        if let Some(d) = cur.as_mut() {
            d.open = false;
        }
    }

    // The end of an expanded reply group ("▾ 3 Antworten" … "▴ Antworten
    // ausblenden"): the heads before it answer the comment above the group.
    let mut group_end = 0usize;
    // An expanded group without a closer: the heads before this count of
    // comments are its replies.
    let mut group_heads = 0usize;
    // Whether the section closes a reply group anywhere (asked once).
    let mut closers: Option<bool> = None;

    for j in from..lines.len() {
        if j < skip_to {
            continue;
        }
        let l = &lines[j];
        if l.blank() {
            continue;
        }
        let t: &str = &l.text;
        // A reply group's opener, where its closer follows before the next
        // opener: the comment above ends, the heads up to the closer are
        // one level deeper.
        // (An opener ends in "Antwort(en)", "Reply", "Replies": its last byte first.)
        if j >= group_end
            && matches!(t.as_bytes().last(), Some(b'n' | b't' | b's' | b'y'))
            && t.len() <= 48
            && (!drafts.is_empty() || cur.is_some())
            && l.facts.may(cues::C_DIGITISH)
            && cues::reply_group_open(t)
        {
            let end = (j + 1..lines.len().min(j + 400)).take_while(|&k| !cues::reply_group_open(&lines[k].text)).find(|&k| cues::reply_group_close(&lines[k].text));
            if let Some(k) = end {
                group_end = k;
                close(&mut cur);
                pending.clear();
                continue;
            }
            // Without a closer, an opener with an open arrow ("▾ 3
            // Antworten", a comment plugin's expanded replies): the next
            // N heads are the group.
            // (Not where the page closes its groups elsewhere: there an
            // opener without its closer is a collapsed group.)
            if t.starts_with(['▾', '▼', '⌄']) && !*closers.get_or_insert_with(|| lines[from..].iter().any(|x| cues::reply_group_close(&x.text))) {
                let n: usize = cues::after_symbols(t).bytes().take_while(u8::is_ascii_digit).fold(0, |a, b| a * 10 + usize::from(b - b'0'));
                group_heads = drafts.len() + usize::from(cur.is_some()) + n;
                close(&mut cur);
                pending.clear();
                continue;
            }
        }
        // A head inside an expanded reply group is one level deeper.
        let indent = l.indent + 2 * usize::from(j < group_end || drafts.len() + usize::from(cur.is_some()) < group_heads);
        let open_with_text = cur.as_ref().is_some_and(|d| d.open && !d.lines.is_empty());
        // Asked only by the comment-title test below.
        let prev_blank_or_ui = || j == from || lines[j - 1].blank() || lines[j - 1].ui() || quote_line == j - 1 || cues::is_separator(&lines[j - 1].text);

        // `is_stop(t)`, with the line's cached cues.
        // An inline teaser list ("Ähnliche Themen: A · B") also ends the section.
        let stop = l.teaser.is_some()
            || l.strong() && copyright_line(t)
            || cues::is_inline_teaser(t);
        // A bare ad label ("Anzeige") between comments marks one ad slot:
        // the lines up to the next comment head are the ad.
        if stop && l.teaser.is_some() && !drafts.is_empty() && cues::is_ad_label(t) {
            close(&mut cur);
            pending.clear();
            if let Some(m) = (j + 1..lines.len().min(j + 13)).find(|&m| starts_record(lines, m)) {
                // The record's own title right over its head (after a blank
                // line), and a reply's "Antwort auf „TITLE“" over that, are
                // its first lines (seg30).
                let mut m = m;
                if m > j + 2 && !lines[m - 1].blank() && cues::is_headline_like(&lines[m - 1].text) && (lines[m - 2].blank() || cues::reply_quote(&lines[m - 2].text).is_some()) {
                    m -= 1;
                }
                if m > j + 1 && cues::reply_quote(&lines[m - 1].text).is_some() {
                    m -= 1;
                }
                skip_to = m;
            }
            continue;
        }
        // A teaser box between comments ("Das könnte Sie auch interessieren"
        // and two headlines, after a comment's UI footer): where a head over
        // its date line follows within a few lines, the box is skipped.
        if stop && l.teaser.is_some() && !drafts.is_empty() && !open_with_text {
            if let Some(m) = (j + 1..lines.len().min(j + 8)).find(|&m| head_over_date(lines, m)) {
                close(&mut cur);
                pending.clear();
                skip_to = m;
                continue;
            }
        }
        if stop && !(open_with_text && cues::chars_more_than(t, 70)) {
            break;
        }
        if let Some(h) = l.header {
            if drafts.is_empty() && cur.is_none() {
                if let Header::Count(c) = h {
                    declared.get_or_insert(c);
                }
            }
            if open_with_text {
                close(&mut cur);
            }
            pending.clear();
            continue;
        }
        if cues::is_separator(t) {
            close(&mut cur);
            pending.clear();
            continue;
        }
        // Forum replies: the subject field under the post header, quotes
        // ("> …") and their attribution ("Name schrieb:" above them).
        // (The draft is asked first: most lines are text of a draft that has lines.)
        if let Some(d) = cur.as_mut().filter(|d| d.open && d.lines.is_empty() && d.title.is_none()) {
            if let Some((cues::PostField::Subject, subj)) = cues::post_field(t) {
                d.title = Some(cues::collapse_ws(subj));
                continue;
            }
        }
        if cues::is_quote_line(t) {
            continue;
        }
        // A quoted-parent bar under the head ("┃ NAME schrieb: first words
        // …"; a box-drawing bar is read as indentation).
        if let Some(d) = cur.as_mut().filter(|d| d.open && d.lines.is_empty() && (l.indent > d.indent || t.as_bytes()[0] >= 0xe2)) {
            if t.len() <= 300 {
                let bar = if l.indent > d.indent { cues::quote_bar_rest(t) } else { cues::quote_bar(t) };
                if let Some((name, words)) = bar {
                    d.reply = Some(ReplyRef::Name(name));
                    d.quoted = Some(words).filter(|w| !w.is_empty());
                    continue;
                }
            }
        }
        if let Some((num, reply)) = cues::post_number(t) {
            close(&mut cur);
            pending.clear();
            pending_number = Some(num);
            if reply.is_some() {
                pending_reply = reply;
            }
            continue;
        }
        // "Zitat von Name:" without quote marks: the quoted lines that follow
        // are copied from an earlier comment.
        if let Some(name) = cues::quote_intro(t) {
            match cur.as_mut() {
                Some(d) if d.open && d.lines.is_empty() => d.reply = Some(ReplyRef::Name(name)),
                _ => pending_reply = Some(ReplyRef::Name(name)),
            }
            quoting = true;
            continue;
        }
        if quoting {
            let copied = cur.as_ref().is_some_and(|d| d.open && d.lines.is_empty()) && {
                let key = cues::collapse_ws(t);
                // The recent comments only: the check stays linear on any input.
                key.chars().count() >= 8 && drafts.iter().rev().take(40).any(|e| cues::collapse_ws(&e.lines.join(" ")).contains(&key))
            };
            if copied {
                continue;
            }
            quoting = false;
        }
        if nxt_is_quote(lines, j) {
            if let Some(name) = cues::quote_attribution(t) {
                match cur.as_mut() {
                    Some(d) if d.open && d.lines.is_empty() => d.reply = Some(ReplyRef::Name(name)),
                    _ => pending_reply = Some(ReplyRef::Name(name)),
                }
                continue;
            }
        }
        // A chat-like line, time first: "14:32 – Name: text".
        if let Some((time, name, text)) = cues::time_first_comment(t) {
            if drafts.is_empty() && cur.is_none() && orphans > 2 {
                return Attempt::default();
            }
            flush(&mut cur, &mut drafts);
            pending.clear();
            let al = cues::AuthorLine { author: Some(cues::collapse_ws(name)), date: Some(time.to_string()), number: None, reply: None };
            let mut d = new_draft(al, indent, false, &mut pending_reply, &mut pending_title, &mut pending_quote);
            d.lines.push(Cow::Borrowed(text));
            cur = Some(d);
            continue;
        }
        // A footer of UI words with the date ("Antworten · Gefällt mir · 5 Std."):
        // it closes the comment above it, whose first line may be its name line.
        // A date alone on its line right above a rating or UI line (the
        // footer over two lines: "3. Mai 2027, 10:12" / "+ 4  – 1") is one too.
        let footer = cues::ui_footer_date_in(t, &l.dates()).or_else(|| {
            (!cur.as_ref().is_some_and(|d| d.open && d.lines.is_empty()))
                .then(|| lone_footer_date(lines, j))
                .flatten()
        });
        if let Some(date) = footer {
            match cur.as_mut() {
                Some(d) if d.open && !d.lines.is_empty() => {
                    if d.date.is_none() {
                        d.date = Some(date.to_string());
                    }
                    d.open = false;
                }
                _ if !pending.is_empty() && pending.len() <= 12 => {
                    flush(&mut cur, &mut drafts);
                    let counted = pending.iter().filter(|(_, c)| *c).count();
                    orphans = orphans.saturating_sub(counted);
                    let mut texts: Vec<Cow<str>> = pending.drain(..).map(|(s, _)| Cow::Borrowed(s)).collect();
                    // The name line: the last short name-like line above the text.
                    // A profile or badge line under the name ("Wohnt in ORT",
                    // "Top-Fan") is neither the name nor text.
                    let attribute = |x: &str| cues::is_profile_line(x) || cues::is_badge_word(cues::trim(x));
                    let name = |x: &str| cues::is_short_name(x, 4) && !cues::chars_more_than(x, 40) && !attribute(x);
                    // A name line with its attribute line under it is the
                    // name even when a short line (the comment's title)
                    // follows; that line is then the title.
                    let over_attribute = (0..texts.len().saturating_sub(2)).rev().find(|&k| name(&texts[k]) && attribute(&texts[k + 1]));
                    let name_at = over_attribute.or_else(|| (0..texts.len().saturating_sub(1)).rev().find(|&k| name(&texts[k])));
                    let author = name_at.map(|k| {
                        let a = cues::collapse_ws(&texts[k]);
                        texts.drain(..=k);
                        if texts.len() >= 2 && attribute(&texts[0]) {
                            texts.remove(0);
                        }
                        a
                    });
                    let title = (over_attribute.is_some() && texts.len() >= 2 && cues::is_headline_like(&texts[0]) && !cues::chars_more_than(&texts[0], 80))
                        .then(|| cues::collapse_ws(&texts.remove(0)));
                    drafts.push(Draft {
                        author,
                        title,
                        date: Some(date.to_string()),
                        lines: texts,
                        indent: l.indent,
                        reply: pending_reply.take(),
                        ..Draft::default()
                    });
                }
                _ => {}
            }
            pending.clear();
            continue;
        }
        // A chat system message ("Name ist der Diskussion beigetreten.")
        // belongs to no comment.
        if cues::is_system_line(t) || cues::is_moderation_note(t) {
            continue;
        }
        // A reply tab above the head (read before the link bars it looks like), after a blank or UI line ("↳ NAME",
        // or the path of all ancestors "↳ A › B › C", an app's thread
        // view; seg31): the parent of the comment that follows.
        if t.as_bytes()[0] >= 0xe2 && prev_blank_or_ui() && cues::strip_reply_arrow(t).len() < t.len() {
            if let Some(r) = reply_tab(t) {
                pending_reply = Some(r);
                continue;
            }
        }
        // A header with separators ("Name | 20.11.2026 | 18:22") looks like a
        // link bar; its name and date make it a header.
        // (The UI cue first: on a UI line, which most link bars in a section
        // are, the nav cue is not needed below either.)
        let nav_header = !l.ui() && l.nav() && !l.strong() && l.author().is_some_and(|a| a.author.is_some() && a.date.is_some());
        if !nav_header && (l.ui() || l.strong() || l.nav()) {
            if open_with_text || l.strong() || l.nav() {
                close(&mut cur);
            }
            pending.clear();
            continue;
        }
        // "Antwort an" / "@handle" [/ "und" / "@handle"]: the first handle decides.
        if cues::is_reply_to_handles(t) {
            if let Some((k, h)) = next_nonblank(lines, j + 1).and_then(|k| cues::handle_line(&lines[k].text).map(|h| (k, h))) {
                let r = ReplyRef::Name(format!("@{h}"));
                match cur.as_mut() {
                    Some(d) if d.open && d.lines.is_empty() => d.reply = Some(r),
                    _ => pending_reply = Some(r),
                }
                let mut e = k + 1;
                while let Some(m) = next_nonblank(lines, e) {
                    let u: &str = &lines[m].text;
                    if cues::handle_line(u).is_some() || matches!(u, "und" | "and" | "," | "&") {
                        e = m + 1;
                    } else {
                        break;
                    }
                }
                skip_to = e;
                continue;
            }
        }
        // A reply label above a head ("Antwort" / NAME / [badge] / DATE): the
        // head is one level deeper, as an indented reply would be.
        if matches!(t, "Antwort" | "Antwort:" | "Reply" | "Reply:")
            && name_head_at(lines, j + 1)
        {
            close(&mut cur);
            pending.clear();
            outline_indent = Some(2);
            continue;
        }
        if let Some(depth) = cues::outline_number_depth(t) {
            close(&mut cur);
            pending.clear();
            outline_indent = Some(2 * (depth - 1));
            continue;
        }
        // A bare count ("17", "2,1 Tsd."): reply, like or view counts; a
        // reaction bar ("♡ 29  ⚑", or the count first: "9 ♥") likewise.
        if cues::is_count_only(t) || t.as_bytes().first().is_some_and(|&c| c >= 0x80 || c.is_ascii_digit()) && cues::is_reaction_bar(t) {
            if open_with_text {
                // A reaction ("❤️") over its count is no text either.
                if let Some(d) = cur.as_mut() {
                    if d.lines.len() >= 2 && d.lines.last().is_some_and(|x| !x.chars().any(char::is_alphanumeric)) {
                        d.lines.pop();
                    }
                }
                close(&mut cur);
            }
            pending.clear();
            continue;
        }
        // "Antwort auf „first words …“" under the head: the parent is the
        // comment those words open.
        if let Some(d) = cur.as_mut().filter(|d| d.open && d.lines.is_empty() && d.reply.is_none()) {
            if cues::may_start_reply_marker(t.chars().next().unwrap_or(' ')) {
                if let Some(words) = cues::reply_quote(t) {
                    d.quoted = Some(words);
                    continue;
                }
            }
        }
        // Above a reply's head (seg30): the parent named by its title or
        // first words, for the comment that follows. After a blank or UI
        // line, or right over a title line and its head (an ad's line may
        // stand above it).
        if t.len() <= 300 && cues::may_start_reply_marker(t.chars().next().unwrap_or(' ')) {
            if let Some(words) = cues::reply_quote(t) {
                let over_title = || {
                    lines.get(j + 1).is_some_and(|n| !n.blank() && cues::is_headline_like(&n.text))
                        && lines.get(j + 2).is_some_and(|n| n.author().is_some_and(|a| a.author.is_some()))
                };
                if prev_blank_or_ui() || over_title() {
                    pending_quote = Some(words);
                    quote_line = j;
                    continue;
                }
            }
        }
        // (`reply_marker` trims, and begins as announced: its first char first.)
        let marker = cues::strip_reply_arrow(t);
        if let Some(r) = cues::trim(marker).starts_with(cues::may_start_reply_marker).then(|| cues::reply_marker(marker)).flatten() {
            match cur.as_mut() {
                Some(d) if d.open && d.lines.is_empty() => {
                    // "Antwort auf NAME vom DATE" (seg31): an author with
                    // several comments is answered at one of them.
                    if matches!(r, ReplyRef::Name(_)) {
                        d.parent_date = parent_date(t);
                    }
                    d.reply = Some(r);
                }
                _ => pending_reply = Some(r),
            }
            continue;
        }
        // A reply chip "an NAME" on its own line between a head and the
        // text (session 21, seg35): NAME an earlier commenter, whole or as
        // the start of a longer display name ("NAME aus ORT").
        if let Some(name) = t.strip_prefix("an ") {
            if let Some(d) = cur.as_mut().filter(|d| d.open && d.lines.is_empty() && d.reply.is_none()) {
                if chip_parent(name, &drafts) {
                    d.reply = Some(ReplyRef::Name(cues::trim(name).to_string()));
                    continue;
                }
            }
        }
        // A signature closes the lines above it into a comment. Once a dated
        // signature has closed one, a dash with a name alone ("— Jonas") is
        // one too.
        let sig = cues::signature(t).inspect(|_| signed = true).or_else(|| signed.then(|| cues::name_signature(t)).flatten());
        if let Some(sig) = sig {
            match cur.as_mut() {
                Some(d) if d.open && !d.lines.is_empty() && d.author.is_none() && pending.is_empty() => {
                    d.author = sig.author;
                    d.date = sig.date;
                    d.reply = sig.reply.or(d.reply.take());
                    d.open = false;
                }
                _ if !pending.is_empty() && pending.len() <= 10 => {
                    flush(&mut cur, &mut drafts);
                    let counted = pending.iter().filter(|(_, c)| *c).count();
                    orphans = orphans.saturating_sub(counted);
                    let mut texts: Vec<Cow<str>> = pending.drain(..).map(|(s, _)| Cow::Borrowed(s)).collect();
                    // A removed comment's placeholder above the text (a card
                    // without a footer, seg31) is neither title nor text.
                    while texts.len() >= 2 && cues::is_removal_placeholder(&texts[0]) {
                        texts.remove(0);
                    }
                    let title = if texts.len() >= 2 && cues::is_headline_like(&texts[0]) && texts[0].chars().count() <= 80 {
                        Some(texts.remove(0).into_owned())
                    } else {
                        None
                    };
                    drafts.push(Draft {
                        author: sig.author,
                        date: sig.date,
                        title,
                        number: pending_number.take(),
                        lines: texts,
                        indent: l.indent,
                        reply: sig.reply.or_else(|| pending_reply.take()),
                        ..Draft::default()
                    });
                }
                _ => {}
            }
            pending.clear();
            continue;
        }
        let bullet = cues::strip_bullet(t);
        let core = bullet.unwrap_or(t);
        let nxt = next_nonblank(lines, j + 1);
        let direct_next = lines.get(j + 1).filter(|n| !n.blank());

        // Author/date header, or a reply header ("↳ Name antwortete Other · heute, 07:44").
        // A head with only the time of day needs its text right below it
        // (not another such line: a programme's "NAME um 19:00 Uhr" lines).
        let time_head = || {
            cues::name_time_head(t).filter(|_| direct_next.is_some_and(|n| cues::name_time_head(&n.text).is_none()))
        };
        if let Some(al) = l.author().cloned().or_else(|| cues::reply_header(cues::strip_reply_arrow(t))).or_else(time_head) {
            if al.author.is_none() {
                // A bare date: the header's second line, a trailing date, or an
                // anonymous comment.
                if let Some(d) = cur.as_mut() {
                    if d.open && d.date.is_none() {
                        d.date = al.date;
                        if d.reply.is_none() {
                            d.reply = al.reply;
                        }
                        if !d.lines.is_empty() {
                            d.open = false;
                        }
                        continue;
                    }
                }
            }
            if drafts.is_empty() && cur.is_none() && orphans > 2 {
                return Attempt::default();
            }
            // A reply-context line above the head ("@NAME first words…"):
            // `finish` reads it from the end of the comment before.
            if let (Some(d), Some((p, _))) = (cur.as_mut(), pending.last()) {
                if p.starts_with('@') && !d.lines.is_empty() {
                    d.lines.push(Cow::Borrowed(p));
                }
            }
            // One word as the head's name ("Mitglied · vor 3 Tagen") under
            // an avatar's initials and a name ("RM" / "Reinhard Maier"): the
            // word is a role, the name is the author's, no text of the
            // comment before.
            let mut al = al;
            if let Some((name, k)) = al.author.as_deref().filter(|a| cues::word_count(a) == 1).and_then(|_| avatar_name_above(lines, j)) {
                if let Some(d) = cur.as_mut() {
                    if d.lines.len() >= 2 && d.lines[d.lines.len() - 1] == lines[k].text && d.lines[d.lines.len() - 2] == lines[k - 1].text {
                        d.lines.truncate(d.lines.len() - 2);
                        // A removed entry's placeholder above the initials
                        // is no text of the comment before either.
                        if d.lines.len() >= 2 && d.lines.last().is_some_and(|x| cues::is_removal_placeholder(x)) {
                            d.lines.pop();
                        }
                    }
                }
                al.author = Some(name.to_string());
            }
            flush(&mut cur, &mut drafts);
            pending.clear();
            let mut d = new_draft(al, indent + outline_indent.take().unwrap_or(0), bullet.is_some(), &mut pending_reply, &mut pending_title, &mut pending_quote);
            d.letter = cues::letter_header(t).is_some();
            cur = Some(d);
            continue;
        }
        // A comment title right above its author line ("Re: Thema", "3. Titel").
        if prev_blank_or_ui()
            && cues::is_headline_like(t)
            && direct_next.is_some_and(|n| n.author().is_some_and(|a| a.author.is_some()) && handle_head_line(&n.text).is_none())
        {
            let (num, title) = match cues::numbered_title(t) {
                Some((n, rest)) => (Some(n), rest),
                None => (None, t),
            };
            if cues::is_headline_like(title) && title.chars().count() <= 100 && cues::word_count(title) <= 14 {
                close(&mut cur);
                pending_title = Some((cues::collapse_ws(title), num));
                continue;
            }
        }
        // A role or badge line between a head without a date and its date
        // line ("NAME antwortet auf NAME" / "Redaktion" / "vor 3 Stunden"):
        // no new author.
        // A role phrase counts too ("Autorin des Artikels", "Aus der
        // Redaktion"): a short line, no digit, no sentence.
        if cur.as_ref().is_some_and(|d| d.open && d.lines.is_empty() && d.author.is_some() && d.date.is_none())
            && (attribute_line(l) || role_phrase(l))
            && direct_next.is_some_and(|n| n.dates().date_only(&n.text).is_some())
        {
            continue;
        }
        // A badge line right under a head's date, the text below it ("NAME" /
        // DATE / "Leserempfehlung" / text): no text of the comment. Only the
        // badge lexicon counts here, so a short first line of text stays.
        if t.len() <= 40
            && direct_next.is_some()
            && cur.as_ref().is_some_and(|d| d.open && d.lines.is_empty() && d.author.is_some() && d.date.is_some())
            && cues::is_badge_word(cues::trim(t))
        {
            continue;
        }
        // Name line ("Name", "Kommentar #3 von Name", "3) Name") followed by a
        // date line, perhaps with the author's handle between them
        // ("@name@server").
        // A forum post may show the author's profile line between name and
        // date ("Mitglied seit 2012 · 811 Beiträge").
        let (lead_num, core) = match cues::numbered_name(core) {
            Some((num, name)) => (Some(num), name),
            None => (None, core),
        };
        // "NAME an PARENT" may run past five words ("A B an Dr. C D").
        // (Asked of a longer line only where it holds " an " or " to ", then
        // of its next line's date; of a name line once its date is found.)
        let named = cues::is_short_name(core, 5);
        let long_pair = (!named && core.len() <= 110 && (cues::contains_at(core.as_bytes(), b" an ", 1) || cues::contains_at(core.as_bytes(), b" to ", 1)))
            .then(|| nxt.filter(|&k| lines[k].dates().date_only(&lines[k].text).is_some()).and_then(|_| gap_parent(core, &drafts, cur.as_ref())))
            .flatten();
        if named || long_pair.is_some() {
            let handle = nxt.and_then(|k| cues::handle_line(&lines[k].text).map(|h| (k, h)));
            // A lone "·" or "•" may stand between the handle (or the name) and the date.
            let past_dot = |d: usize| if is_dot_line(&lines[d].text) { next_nonblank(lines, d + 1).unwrap_or(d) } else { d };
            let mut date_at = match handle {
                Some((k, _)) => next_nonblank(lines, k + 1).map(past_dot),
                None => nxt.map(past_dot),
            };
            // The display name over a handle line with role and age
            // ("@handle · Mitglied · vor 2 Tagen", session 21): the name
            // line is the author, the handle the member's.
            let handle_head = if handle.is_none() { nxt.and_then(|k| handle_head_line(&lines[k].text)) } else { None };
            // A reply line between the name and its date ("Replying to @NAME",
            // a forum's reply tab "↪ NAME") says whom the comment answers.
            let mut tab_reply = None;
            // The date of a reply line that carries it ("Antwort an NAME · vor 4 Std.").
            // (Under a handle head line, its own date: no line to skip.)
            let mut tab_date = handle_head.map(|(_, date)| date);
            for step in 0..if handle_head.is_some() { 0 } else { 2 } {
                match date_at {
                    Some(k) if cues::is_profile_line(&lines[k].text) => date_at = next_nonblank(lines, k + 1),
                    Some(k) if handle.is_none() && tab_reply.is_none() && k == j + 1 + step && {
                        tab_date = reply_date_line(&lines[k]).map(|(r, d)| {
                            tab_reply = Some(r);
                            d
                        });
                        tab_date.is_some()
                    } => break,
                    Some(k) if handle.is_none() && tab_reply.is_none() && k == j + 1 + step && {
                        tab_reply = reply_tab(&lines[k].text);
                        tab_reply.is_some()
                    } => date_at = next_nonblank(lines, k + 1),
                    // A badge line ("Abonnent", "Verifiziert", a guest label) between a name and its date.
                    // A place line ("aus Dessau-Roßlau", session 21) likewise.
                    Some(k)
                        if handle.is_none()
                            && k == j + 1 + step
                            && (lines[k].text.len() <= 24 && (cues::is_badge_word(cues::trim(&lines[k].text)) || guest_label(&lines[k].text, core))
                                || cues::place_phrase(&lines[k].text)) =>
                    {
                        date_at = Some(k + 1).filter(|&d| d < lines.len())
                    }
                    // One short attribute line under a name right after a
                    // UI line or removal placeholder ("Antworten" / "NAME" /
                    // "Äußere Neustadt" / "vor 2 Std.", an app copy): a
                    // place, role or badge, not the author. (After a blank
                    // line the first line may be a comment title.)
                    Some(k) if step == 0 && handle.is_none() && k == j + 1 && j > from && (lines[j - 1].ui() || cues::is_removal_placeholder(&lines[j - 1].text)) && attribute_line(&lines[k]) => date_at = Some(k + 1).filter(|&d| d < lines.len()),
                    _ => break,
                }
            }
            let lead_num = lead_num.or(pending_number.take());
            if let Some(k) = date_at {
                // Under a handle, the short dates of social-media copies count too;
                // so they do in a record of its own: a blank line, the name, the
                // date, the text right below ("NAME" / "21. Nov." / text, "14h").
                let date = if tab_date.is_some() {
                    tab_date
                } else if handle.is_some() {
                    cues::short_date_line(&lines[k].text)
                } else {
                    lines[k].dates().date_only(&lines[k].text).or_else(|| short_date_head(lines, j, k)).or_else(|| bracketed_date(&lines[k].text))
                };
                if let Some(date) = date {
                    if drafts.is_empty() && cur.is_none() && orphans > 2 {
                        return Attempt::default();
                    }
                    flush(&mut cur, &mut drafts);
                    pending.clear();
                    let mut al = cues::AuthorLine { author: Some(cues::collapse_ws(core)), date: Some(date.to_string()), number: lead_num, reply: None };
                    // "NAME  PARENT": a widget's reply head whose arrow icon
                    // the copy lost, two names apart by a wide gap, the
                    // second an earlier comment's author.
                    if let Some((w, p)) = long_pair.or_else(|| gap_parent(core, &drafts, None)) {
                        al.author = Some(w.to_string());
                        al.reply = Some(ReplyRef::Name(p.to_string()));
                    }
                    let mut d = new_draft(al, indent + outline_indent.take().unwrap_or(0), bullet.is_some(), &mut pending_reply, &mut pending_title, &mut pending_quote);
                    if tab_reply.is_some() {
                        d.reply = tab_reply;
                    }
                    d.handle = handle.map(|(_, h)| h).or(handle_head.map(|(h, _)| h)).map(str::to_string);
                    cur = Some(d);
                    skip_to = k + 1;
                    continue;
                }
            }
        }
        // Bullet line with indented text below: a comment headed by its title.
        if let Some(b) = bullet {
            let inside = cur.as_ref().is_some_and(|d| d.open && d.bullet && l.indent > d.indent);
            if !inside && nxt.is_some_and(|k| lines[k].indent > l.indent) {
                if drafts.is_empty() && cur.is_none() && orphans > 2 {
                    return Attempt::default();
                }
                flush(&mut cur, &mut drafts);
                pending.clear();
                cur = Some(Draft {
                    title: Some(cues::collapse_ws(b)),
                    indent: l.indent,
                    bullet: true,
                    open: true,
                    reply: pending_reply.take(),
                    ..Draft::default()
                });
                continue;
            }
        }
        // A letter's title: a short headline line before its text.
        if let Some(d) = cur.as_mut() {
            if d.letter
                && d.open
                && d.lines.is_empty()
                && d.title.is_none()
                && cues::is_headline_like(t)
                && !cues::chars_more_than(t, 80)
                && !t.ends_with(['.', '!', '?', ':', '…'])
                && direct_next.is_some_and(|n| n.prose())
            {
                d.title = Some(cues::collapse_ws(t));
                continue;
            }
        }
        // Numbered comment title right after the header.
        if let Some(d) = cur.as_mut() {
            if d.open && d.lines.is_empty() && d.title.is_none() && (d.author.is_some() || d.date.is_some()) {
                if let Some((num, title)) = cues::numbered_title(t) {
                    d.title = Some(cues::collapse_ws(title));
                    d.number.get_or_insert(num);
                    continue;
                }
            }
        }
        // A short name line after a closed comment, followed by text.
        let closed = cur.as_ref().is_none_or(|d| !d.open);
        // A badge or profile line may stand between the name and the text
        // ("NAME" / "Top-Fan" / text).
        let badge_under = || nxt.filter(|&k| lines[k].text.len() <= 64 && (cues::is_badge_word(cues::trim(&lines[k].text)) || cues::is_profile_line(&lines[k].text)));
        if closed
            && !drafts.is_empty()
            && cues::is_name_like(t)
            && cues::word_count(t) <= 3
            && !cues::chars_more_than(t, 40)
            && badge_under().map_or(nxt, |k| next_nonblank(lines, k + 1)).is_some_and(|k| {
                let n: &str = &lines[k].text;
                !lines[k].furniture() && cues::word_count(n) >= 4 && (lines[k].prose() || n.ends_with(['.', '!', '?', '…', '"', '“', ')']))
            })
            && !block_has_signature(lines, j)
        {
            flush(&mut cur, &mut drafts);
            pending.clear();
            let al = cues::AuthorLine { author: Some(cues::collapse_ws(t)), ..Default::default() };
            cur = Some(new_draft(al, indent, false, &mut pending_reply, &mut pending_title, &mut pending_quote));
            if let Some(k) = badge_under() {
                skip_to = k + 1;
            }
            continue;
        }
        // Text.
        match cur.as_mut() {
            Some(d) if d.open && !(d.bullet && l.indent <= d.indent) => {
                d.lines.push(Cow::Borrowed(cues::strip_more_link(t)));
                outline_indent = None;
                continue;
            }
            Some(d) => d.open = false,
            None => {}
        }
        let counted = drafts.is_empty() && cur.is_none() && cues::chars_more_than(t, 30) && !l.furniture();
        if counted {
            orphans += 1;
        }
        pending.push((t, counted));
    }
    flush(&mut cur, &mut drafts);
    if drafts.first().is_some_and(|d| d.author.is_some() || d.date.is_some() || d.title.is_some()) && orphans > 2 && drafts.iter().all(|d| d.lines.is_empty()) {
        return Attempt::default();
    }
    finish(drafts, declared)
}

/// A chat copy marks posts of bots and apps with a badge line under the
/// name ("ModBot" / "APP" / "— heute um 07:33"): such a post inside a
/// comment's lines is no reader's text, so the comment ends above its name.
fn cut_app_posts(drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        let badge = (1..d.lines.len()).find(|&m| {
            matches!(d.lines[m].trim(), "APP" | "BOT" | "App" | "Bot")
                && !cues::chars_more_than(&d.lines[m - 1], 40)
                && cues::word_count(&d.lines[m - 1]) <= 4
                && !d.lines[m - 1].ends_with(['.', '!', '?', ':', ','])
        });
        if let Some(m) = badge {
            d.lines.truncate(m - 1);
        }
    }
}

/// A chat copy shows the start of the parent above a reply's head
/// ("@NAME first words of NAME's message…"): that line, at the end of the
/// record before, is the next record's reply reference, not text.
fn reply_context_lines(drafts: &mut [Draft]) {
    for k in 1..drafts.len() {
        let Some(last) = drafts[k - 1].lines.last() else { continue };
        if !last.starts_with('@') || drafts[k - 1].lines.len() < 2 || drafts[k].reply.is_some() {
            continue;
        }
        let quoted = last.trim_end_matches(['…', '.', ' ']);
        let parent = (0..k).rev().find(|&j| {
            let Some(a) = drafts[j].author.as_deref() else { return false };
            let Some(rest) = quoted.strip_prefix('@').and_then(|r| r.strip_prefix(a)) else { return false };
            let rest = cues::collapse_ws(rest);
            cues::word_count(&rest) >= 2 && drafts[j].lines.first().is_some_and(|l| cues::collapse_ws(l).starts_with(&rest))
        });
        if let Some(j) = parent {
            let name = drafts[j].author.clone().unwrap_or_default();
            drafts[k - 1].lines.pop();
            drafts[k].reply = Some(ReplyRef::Name(name));
        }
    }
}

/// Drops teaser entries and empty drafts, resolves reply references.
fn finish(mut drafts: Vec<Draft>, declared: Option<usize>) -> Attempt {
    reply_context_lines(&mut drafts);
    cut_app_posts(&mut drafts);
    let total = drafts.len();
    let mut teasers = 0usize;
    // Each kept draft with its text (joined once).
    let mut kept: Vec<Draft> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    for d in drafts {
        if d.lines.is_empty() {
            continue;
        }
        let text = d.lines.join("\n");
        let last = d.lines.last().map(|l| l.as_ref()).unwrap_or("");
        // An entry pointing at another article ("zu: TITEL") is a teaser too.
        if cues::is_excerpt_with_date(&text)
            || d.lines.len() == 1 && cues::is_teaser_line(last)
            || d.lines.iter().any(|l| cues::points_elsewhere(l))
        {
            teasers += 1;
            continue;
        }
        if cues::is_thread_starter(&text) {
            continue;
        }
        // A removed entry that kept its head ("Beitrag #5 · DATE" / "Dieser
        // Beitrag wurde von der Moderation entfernt."): no comment.
        if d.lines.len() == 1 && removed_entry(&text) {
            continue;
        }
        kept.push(d);
        texts.push(text);
    }
    // A list that is mostly teasers is a teaser list through and through.
    if teasers * 2 >= total.max(1) && teasers > 0 {
        return Attempt { comments: Vec::new(), declared };
    }
    let min_indent = kept.iter().map(|d| d.indent).min().unwrap_or(0);
    // Name keys of the authors, computed when a reply reference first asks
    // (every later comment may compare with every earlier author).
    let names = NameKeys::new(&kept);
    let mut comments: Vec<Comment> = Vec::with_capacity(kept.len());
    for (idx, (d, text)) in kept.iter().zip(texts).enumerate() {
        // "Antwort auf Name" names the author exactly or as the start of a
        // longer display name ("Name aus Ort").
        let by_name = |name: &str| -> Option<usize> {
            // Without a trailing emoji or symbol ("Rico 🏎"): readings that
            // drop it from the author still match.
            let name = name.trim_end_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '.' | ')' | '_'));
            let key = norm_key(name);
            let exact = (0..idx).rev().find(|&k| names.norm(k).is_some_and(|a| a == key));
            // "Antwort an @handle": the handle shown under an author's name.
            let exact = exact.or_else(|| (0..idx).rev().find(|&k| names.lower(k)[1].as_deref().is_some_and(|h| h == key)));
            exact.or_else(|| {
                (0..idx).rev().find(|&k| {
                    names.norm(k).is_some_and(|a| cues::is_name_or_longer(a, &key))
                })
            })
        };
        // Whether comment `k`'s text opens with the quoted `words`.
        let opens = |k: usize, words: &str| kept[k].lines.first().is_some_and(|l| cues::collapse_ws(l).starts_with(words));
        let mut reply_to = match &d.reply {
            // With the parent's quoted first words: the latest comment by
            // NAME that they open, else NAME's latest.
            // With the parent's own date ("Antwort auf NAME vom DATE"):
            // NAME's latest comment of that date, else NAME's latest.
            Some(ReplyRef::Name(name)) if d.quoted.is_some() || d.parent_date.is_some() => {
                let key = norm_key(name);
                let words = d.quoted.map(cues::collapse_ws);
                let at = d.parent_date.map(cues::collapse_ws);
                let dated = |k: usize| kept[k].date.as_deref().is_some_and(|x| Some(cues::collapse_ws(x)) == at);
                (0..idx)
                    .rev()
                    .find(|&k| names.norm(k) == Some(key.as_str()) && words.as_deref().is_none_or(|w| opens(k, w)) && (at.is_none() || dated(k)))
                    .or_else(|| by_name(name))
                    // "Antwort auf den Kommentar vom DATE" (session 21): the
                    // parent named by its date alone.
                    .or_else(|| at.as_ref().and_then(|_| (0..idx).rev().find(|&k| dated(k))))
            }
            Some(ReplyRef::Name(name)) => by_name(name.trim_start_matches('@')),
            // The parent's quoted first words alone: the latest comment they open.
            None if d.quoted.is_some() => {
                let words = d.quoted.map(cues::collapse_ws).unwrap_or_default();
                // Or the comment of that title (titles are shown whole).
                (0..idx).rev().find(|&k| opens(k, &words) || kept[k].title.as_deref() == Some(words.as_str()))
            }
            Some(ReplyRef::Number(num)) => (0..idx)
                .rev()
                .find(|&k| kept[k].number == Some(*num))
                .or_else(|| (*num as usize).checked_sub(1).filter(|&k| k < idx && kept.iter().all(|x| x.number.is_none()))),
            None => None,
        };
        if reply_to.is_none() {
            // "@Name" opening the text, or a comment title that is a mention.
            let lead = text.strip_prefix('@').or_else(|| d.title.as_deref().and_then(|t| t.strip_prefix('@')));
            if let Some(rest) = lead {
                reply_to = mention_target(&names, idx, rest);
            }
        }
        if reply_to.is_none() {
            // "@3 …" where heads are numbered per poster ("#3 · vor 3 Std."):
            // the latest comment of poster 3.
            if let Some(n) = at_number(&text) {
                reply_to = (0..idx).rev().find(|&k| kept[k].number == Some(n));
            }
        }
        if reply_to.is_none() && text.starts_with(char::is_uppercase) {
            // A name tag without "@" (a comment plugin's reply: "NAME
            // first words"): an earlier author's full name as written, two
            // words or more, then a space.
            reply_to = (0..idx).rev().find(|&k| {
                kept[k].author.as_deref().is_some_and(|a| text.starts_with(a) && text.as_bytes().get(a.len()) == Some(&b' ') && a.contains(' '))
            });
        }
        if reply_to.is_none() && d.indent > min_indent {
            reply_to = (0..idx).rev().find(|&k| kept[k].indent < d.indent);
        }
        comments.push(Comment {
            author: d.author.clone(),
            date: d.date.clone(),
            title: d.title.clone(),
            text,
            reply_to,
        });
    }
    Attempt { comments, declared }
}

/// The text of a removed entry: a removal placeholder that names what was
/// removed or who removed it ("Dieser Beitrag wurde von der Moderation
/// entfernt.", "Kommentar gelöscht"; not "Mein Konto ist gelöscht.").
fn removed_entry(text: &str) -> bool {
    // A placeholder is short (at most 140 bytes lower-cased) and ends with
    // its verb: other texts are not lower-cased at all.
    let tail = text.trim_end_matches(['.', '!', ']', ')', ' ']);
    let verb = cues::REMOVAL_VERBS
        .iter()
        .any(|v| tail.len() >= v.len() && tail.get(tail.len() - v.len()..).is_some_and(|w| w.eq_ignore_ascii_case(v)));
    text.len() <= 200 && verb && cues::is_removal_placeholder(text) && {
        let l = text.to_lowercase();
        ["beitrag", "kommentar", "moderation", "redaktion", "verfasser", "nachricht", "posting", "comment"].iter().any(|w| l.contains(w))
    }
}

/// "@3 text": the number addressed at a text's start (session 6).
fn at_number(text: &str) -> Option<u32> {
    let rest = text.strip_prefix('@')?;
    let n = rest.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 4 || !rest.as_bytes().get(n).is_none_or(|b| matches!(b, b' ' | b':' | b',')) {
        return None;
    }
    rest.get(..n)?.parse().ok()
}

/// Whether the shape reading explains the section better than the cue
/// reading: it finds more comments, or dates more of them, or the cue
/// reading carries the same short line in several comment texts (UI the cues
/// did not know), or its authors are the shape's authors with layout words in
/// front ("Leser NAME") or separators behind ("NAME •").
fn cue_reading_is_weak(cue: &[Comment], shape: &[Comment]) -> bool {
    if shape.len() > cue.len() {
        return true;
    }
    // The shape dates comments the cues left undated.
    let dated = |cs: &[Comment]| cs.iter().filter(|c| c.date.is_some()).count();
    if dated(shape) > dated(cue) {
        return true;
    }
    // One "author" on every comment while the shape reads several: a
    // layout label read as a name.
    if one_author_throughout(cue) && distinct_authors(shape) >= 2 {
        return true;
    }
    if repeats_a_short_line(cue) {
        return true;
    }
    // Authors with layout words in front ("Leser NAME") or separators
    // behind ("NAME •").
    cue.iter().zip(shape).filter(|(c, s)| match (&c.author, &s.author) {
        (Some(a), Some(b)) => names_with_layout(a, b),
        _ => false,
    }).count() * 2 > cue.len()
}

/// The cue reading's author `a` is the shape reading's `b` with layout
/// words in front ("Leser NAME") or separators behind ("NAME •").
fn names_with_layout(a: &str, b: &str) -> bool {
    a.len() > b.len() && a.ends_with(b) && a[..a.len() - b.len()].ends_with(' ') || a.len() > b.len() && a.starts_with(b) && !a[b.len()..].chars().any(char::is_alphanumeric)
}

/// Whether [`cue_reading_is_weak`]`(cue, shape)` can hold for a `shape` of
/// no more comments than `cue`: only by the tests that do not count the
/// comments. Dating more comments needs a cue comment without a date (the
/// shape has no more comments to date); the author test needs more than half
/// of the cue authors to hold a space (before the shape's author) or to end
/// in a char that is not alphanumeric (a separator behind the shape's
/// author).
fn cue_reading_may_be_weak_without_more(cue: &[Comment]) -> bool {
    cue.iter().filter(|c| c.author.as_deref().is_some_and(|a| a.contains(' ') || a.ends_with(|ch: char| !ch.is_alphanumeric()))).count() * 2 > cue.len()
        || cue_reading_may_be_weak_by_the_comments(cue)
}

/// Whether [`cue_reading_is_weak`]`(cue, shape)` can hold for a `shape` of
/// no more comments than `cue`, each dated, by the tests that do not pair
/// the authors: one author throughout, a cue comment without a date, a
/// repeated short line.
fn cue_reading_may_be_weak_by_the_comments(cue: &[Comment]) -> bool {
    // The costly test last.
    one_author_throughout(cue) || cue.iter().any(|c| c.date.is_none()) || repeats_a_short_line(cue)
}

fn distinct_authors(cs: &[Comment]) -> usize {
    cs.iter().filter_map(|c| c.author.as_deref()).collect::<FxHashSet<_>>().len()
}

/// Three or more comments, all by the same author.
fn one_author_throughout(cue: &[Comment]) -> bool {
    cue.len() >= 3 && cue.iter().all(|c| c.author.is_some()) && distinct_authors(cue) == 1
}

/// The same short line (six words or fewer) in two comment texts.
fn repeats_a_short_line(cue: &[Comment]) -> bool {
    // Each short line with the first comment that holds it: a line met again
    // in a later comment repeats (one map, no set per comment).
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    for (k, c) in cue.iter().enumerate() {
        // (`raw_lines` is `str::lines` by a SIMD search for the newlines.)
        for l in raw_lines(&c.text).map(str::trim).filter(|l| !l.is_empty() && cues::at_most_words(l, 6)) {
            if *seen.entry(l).or_insert(k) != k {
                return true;
            }
        }
    }
    false
}

/// Comments by the page's own repeated metadata-line shape ([`shapes`]).
/// `usable`: see [`shapes::induce`]; `demand`: [`shapes::Demand`].
fn shape_section(lines: &[Line], from: usize, usable: impl FnOnce(usize) -> bool, demand: Option<&shapes::Demand>) -> Option<(usize, Attempt)> {
    let texts: Vec<&str> = lines.iter().map(|l| &*l.text).collect();
    let indents: Vec<usize> = lines.iter().map(|l| l.indent).collect();
    let ind = shapes::induce_with(&texts, &Cached(lines), &indents, from, usable, demand)?;
    let drafts: Vec<Draft> = ind
        .records
        .into_iter()
        .map(|r| Draft {
            author: r.author,
            date: r.date,
            title: None,
            number: r.number,
            lines: r.lines.into_iter().map(Cow::Owned).collect(),
            indent: r.indent,
            bullet: false,
            open: false,
            reply: r.reply,
            handle: None,
            letter: false,
            quoted: None,
            parent_date: None,
        })
        .collect();
    let att = finish(drafts, None);
    (att.comments.len() >= 2).then_some((ind.start, att))
}

/// The lines' cues for [`shapes::induce_with`]: `header` and `teaser`
/// are `comment_header` and `teaser_heading` of the final text
/// (`split_lines`), the others the lines' cells (a blank line is no prose
/// for `cues::is_prose` either).
struct Cached<'p, 'a>(&'p [Line<'a>]);

impl shapes::LineCues for Cached<'_, '_> {
    fn header(&self, i: usize) -> bool {
        self.0[i].header.is_some()
    }
    fn teaser(&self, i: usize) -> bool {
        self.0[i].teaser.is_some()
    }
    fn prose(&self, i: usize) -> bool {
        self.0[i].prose()
    }
    fn strong(&self, i: usize) -> bool {
        self.0[i].strong()
    }
    fn ui(&self, i: usize) -> bool {
        self.0[i].ui()
    }
    fn dates(&self, i: usize) -> cues::LineDates<'_> {
        self.0[i].dates()
    }
    fn words(&self, i: usize) -> Option<usize> {
        Some(self.0[i].words())
    }
}

/// Keys of the kept drafts' names for reply references, each computed on
/// first use: the author's [`norm_key`], and the author and handle with
/// white space collapsed and lower-cased (for "@" mentions).
struct NameKeys<'a> {
    drafts: &'a [Draft<'a>],
    norm: Vec<OnceCell<Option<String>>>,
    lower: Vec<OnceCell<[Option<String>; 2]>>,
}

impl<'a> NameKeys<'a> {
    fn new(drafts: &'a [Draft<'a>]) -> NameKeys<'a> {
        NameKeys { drafts, norm: vec![OnceCell::new(); drafts.len()], lower: vec![OnceCell::new(); drafts.len()] }
    }
    fn norm(&self, k: usize) -> Option<&str> {
        self.norm[k].get_or_init(|| self.drafts[k].author.as_deref().map(norm_key)).as_deref()
    }
    fn lower(&self, k: usize) -> &[Option<String>; 2] {
        self.lower[k].get_or_init(|| {
            let d = &self.drafts[k];
            [d.author.as_deref(), d.handle.as_deref()].map(|a| a.map(cues::collapse_ws_lower))
        })
    }
}

/// The latest comment before `idx` whose author the "@" mention names.
fn mention_target(names: &NameKeys, idx: usize, rest: &str) -> Option<usize> {
    let rest_l = rest.to_lowercase();
    let mut best: Option<(usize, usize)> = None; // (index, name length)
    for k in (0..idx).rev() {
        for a in names.lower(k).iter().flatten() {
            if a.is_empty() || !rest_l.starts_with(a.as_str()) {
                continue;
            }
            let after = rest_l.get(a.len()..).and_then(|s| s.chars().next());
            if after.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '@') {
                continue;
            }
            if best.is_none_or(|(_, len)| a.len() > len) {
                best = Some((k, a.len()));
            }
        }
    }
    best.map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char loop `split_lines` used before the byte loop of `normalize_line`.
    fn reference_normalize(raw: &str) -> (usize, String) {
        let mut indent = 0;
        let mut started = false;
        let mut out = String::new();
        let is_box = |c: char| ('\u{2500}'..='\u{257f}').contains(&c);
        let dropped = |c: char| matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' | '\r');
        let blank = |c: char| matches!(c, ' ' | '\t' | '\u{a0}' | '\u{2007}' | '\u{2009}' | '\u{202f}' | '\u{2002}' | '\u{2003}' | '\u{3000}') || dropped(c);
        // The chars before the text: a tree prefix when a box char in it is
        // not a horizontal line and some text follows.
        let prefix: Vec<char> = raw.chars().take_while(|&c| blank(c) || is_box(c)).collect();
        let has_text = raw.chars().count() > prefix.len();
        let tree = has_text && prefix.iter().any(|&c| is_box(c) && !"─━═┄┅┈┉╌╍╴╶╸╺".contains(c));
        let chars: Vec<char> = raw.chars().collect();
        for (k, &c) in chars.iter().enumerate() {
            let c = match c {
                '\u{a0}' | '\u{2007}' | '\u{2009}' | '\u{202f}' | '\u{2002}' | '\u{2003}' | '\u{3000}' => ' ',
                // A joiner between two emoji (kept symbols) stays.
                '\u{200d}' if started && joins_symbols(out.chars().next_back(), chars.get(k + 1).copied()) => c,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' | '\r' => continue,
                c => c,
            };
            if !started {
                if c == ' ' || tree && is_box(c) {
                    indent += 1;
                    continue;
                }
                if c == '\t' {
                    indent += 4;
                    continue;
                }
                started = true;
            }
            out.push(c);
        }
        out.truncate(out.trim_end().len());
        (indent, out)
    }

    #[test]
    fn zero_width_joiner_stays_inside_an_emoji() {
        assert_eq!(normalize_line("Familie 👨\u{200d}👩\u{200d}👧 heute").1, "Familie 👨\u{200d}👩\u{200d}👧 heute");
        assert_eq!(normalize_line("❤\u{fe0f}\u{200d}🔥").1, "❤\u{fe0f}\u{200d}🔥");
        // Between letters, at the edges or beside a space it goes.
        assert_eq!(normalize_line("Wort\u{200d}teil \u{200d}👩").1, "Wortteil 👩");
        assert_eq!(normalize_line("\u{200d}👩\u{200d}").1, "👩");
    }

    #[test]
    fn greetings_and_address_fields_are_no_title() {
        let prose = "Nach zwei Jahren Bauzeit öffnet das Hallenbad in Eschwege am Samstag wieder für alle Besucherinnen und Besucher der Stadt.\nDie Sanierung hat rund neun Millionen Euro gekostet, mehr als ursprünglich geplant war.\n";
        for head in ["An: Redaktion Lokales\nHallenbad\n", "Hallo liebe Leute\nHallenbad\n", "Von: Stadtverwaltung Eschwege\n\nHallenbad\n", "Sehr geehrte Frau Becker\nHallenbad\n"] {
            let p = parse(&format!("{head}{prose}"));
            assert_eq!(p.title.as_deref(), Some("Hallenbad"), "{head:?}");
        }
    }

    #[test]
    fn a_dateline_under_the_headline_is_no_title() {
        let page = "Rathaus Fulda\n\nNeue Parkgebühren: Stadt erhöht Preise in der Innenstadt\n\nMitteilung des Ordnungsamts vom 03.02.2026\n\nAb März kostet eine Stunde Parken in der Fuldaer Innenstadt zwei Euro statt bisher einen Euro und fünfzig Cent.\nDie Einnahmen sollen in den Ausbau des Busverkehrs fließen, teilte die Stadt mit.\n";
        assert_eq!(parse(page).title.as_deref(), Some("Neue Parkgebühren: Stadt erhöht Preise in der Innenstadt"));
        // Alone, a dated line may still be the title.
        let page = "Sitzung des Stadtrats vom 03.02.2026\n\nAb März kostet eine Stunde Parken in der Fuldaer Innenstadt zwei Euro statt bisher einen Euro und fünfzig Cent.\n";
        assert_eq!(parse(page).title.as_deref(), Some("Sitzung des Stadtrats vom 03.02.2026"));
    }

    #[test]
    fn share_verbs_in_body_sentences_stay() {
        let page = "Zwei Dörfer, ein Bauhof\n\nDie Gemeinden Rotenburg und Bebra teilen sich seit diesem Jahr einen Bauhof, das spart nach Angaben beider Bürgermeister rund 80.000 Euro im Jahr.\nDie Kosten teilen sich Land und Kreis.\nDie Mitarbeiter sind weiter bei ihrer Gemeinde angestellt, die Fahrzeuge werden gemeinsam genutzt.\n\nArtikel teilen\n";
        let p = parse(page);
        let body = p.body.join(" ");
        assert!(body.contains("Die Kosten teilen sich Land und Kreis."), "{body}");
        assert!(body.contains("teilen sich seit diesem Jahr"), "{body}");
        assert!(!body.contains("Artikel teilen"), "{body}");
    }

    #[test]
    fn raw_lines_agree_with_str_lines() {
        let mut texts: Vec<String> = ["", "\n", "\r\n", "a", "a\n", "a\r", "a\r\n", "\n\na\r\r\nb", "a\nb\r\n\r\nc\r", "\r", "ä\r\nö\n\n"].iter().map(|s| s.to_string()).collect();
        texts.extend(crate::page::testgen::lines());
        texts.push(crate::page::testgen::lines().join("\n"));
        texts.push(crate::page::testgen::lines().join("\r\n"));
        for t in &texts {
            assert_eq!(raw_lines(t).collect::<Vec<_>>(), t.lines().collect::<Vec<_>>(), "{t:?}");
        }
    }

    #[test]
    fn app_posts_end_a_comment() {
        let mut d = vec![Draft { author: Some("Kalle".into()), lines: vec!["und wer zahlt das?".into(), "ModBot".into(), "APP".into(), "Regel 2 beachten.".into()], ..Draft::default() }];
        cut_app_posts(&mut d);
        assert_eq!(d[0].lines, vec!["und wer zahlt das?".to_string()]);
        // A sentence over the badge is no name: the line stays.
        let mut d = vec![Draft { lines: vec!["Das ist so.".into(), "BOT".into()], ..Draft::default() }];
        cut_app_posts(&mut d);
        assert_eq!(d[0].lines.len(), 2);
        let mut d = vec![Draft { lines: vec!["Wächter".into(), "BOT".into(), "Bitte sachlich bleiben.".into()], ..Draft::default() }];
        cut_app_posts(&mut d);
        assert!(d[0].lines.is_empty());
    }

    #[test]
    fn mail_fields() {
        assert_eq!(mail_name("\"Dr. Ina Vogt\" <i.vogt@x.example>"), "Dr. Ina Vogt");
        assert_eq!(mail_name("Ole Sand <o@x.example>"), "Ole Sand");
        assert_eq!(mail_name("o@x.example"), "o@x.example");
        assert_eq!(mail_date("Fri, 20 Nov 2026 09:12:48 +0100"), "20 Nov 2026 09:12:48");
        assert_eq!(mail_date("20 Nov 2026 09:12 (CET)"), "20 Nov 2026 09:12");
        assert_eq!(mail_date("Mo, 3. Mai 2027 10:00 MEZ"), "3. Mai 2027 10:00");
        // One header block is no digest; nothing panics on a truncated one.
        assert!(parse("From: a <a@x>\nDate: Fri, 20 Nov 2026 09:12:48 +0100\n\nText hier.").comments.is_empty());
        let p = parse("From: a <a@x>\nDate: x\nMessage-ID: <1>\n\nFrom: b <b@x>\nDate: y\nMessage-ID: <2>\nIn-Reply-To: <1>");
        assert!(p.comments.is_empty());
    }

    #[test]
    fn normalize_line_agrees_with_the_char_loop() {
        let mut lines = crate::page::testgen::lines();
        // Lead bytes of chars that stay, alone and before ones that change.
        for tail in ["", "\u{a0}x", "\u{200b}", "\r", "\u{feff}", " \u{3000}", "\u{2009}"] {
            for head in ["„Zitat“ – gut…", "  „a“", "\t–", "ä·ö", "€", "├─ Name: a", "│  └─ b", "──── ", "── x ──", "\u{a0}╰─\u{200b}c", "│ ", "👨\u{200d}👩", "a\u{200d}b", "🏳\u{fe0f}\u{200d}🌈", "\u{200d}👩", "👨\u{200d}\u{200d}👩\u{200d}"] {
                lines.push(format!("{head}{tail}"));
                lines.push(format!("{tail}{head}{tail}{head}"));
            }
        }
        for l in lines {
            let (indent, text, _) = normalize_line(&l);
            assert_eq!((indent, text.into_owned()), reference_normalize(&l), "{l:?}");
        }
    }

    #[test]
    fn lazy_line_cues_agree_with_the_eager_ones() {
        for page in crate::page::testgen::pages().into_iter().chain(crate::page::testgen::pages_perturbed(6)) {
            let lines = split_lines(&page);
            // Ask in an order different from `parse`: prose first on even lines.
            for (i, l) in lines.iter().enumerate() {
                let (p, f) = if i % 2 == 0 { (l.prose(), l.furniture()) } else { let f = l.furniture(); (l.prose(), f) };
                assert_eq!(p, !l.blank() && cues::is_prose(&l.text), "{:?}", l.text);
                assert_eq!(f, is_furniture(&l.text), "{:?}", l.text);
            }
        }
    }

    /// `repeats_a_short_line` as written before session 19 (a set per comment).
    fn repeats_a_short_line_with_sets(cue: &[Comment]) -> bool {
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        for c in cue {
            let mut here: FxHashSet<&str> = FxHashSet::default();
            // (`raw_lines` is `str::lines` by a SIMD search for the newlines.)
            for l in raw_lines(&c.text).map(str::trim).filter(|l| !l.is_empty() && cues::at_most_words(l, 6)) {
                here.insert(l);
            }
            for l in here {
                if !seen.insert(l) {
                    return true;
                }
            }
        }
        false
    }

    #[test]
    fn repeats_a_short_line_agrees_with_the_sets() {
        let lines = crate::page::testgen::lines();
        let comment = |text: String| Comment { author: None, date: None, title: None, text, reply_to: None };
        let mut cases: Vec<Vec<Comment>> = crate::page::testgen::pages().iter().map(|p| parse(p).comments).collect();
        // Comments of testgen lines: a line twice in one comment, in two,
        // in neither; short and long lines.
        for w in lines.windows(3) {
            let (a, b, c) = (&w[0], &w[1], &w[2]);
            cases.push(vec![comment(format!("{a}\n{a}")), comment(b.clone())]);
            cases.push(vec![comment(format!("{a}\n{b}")), comment(format!("{c}\n {a} "))]);
            cases.push(vec![comment(a.clone()), comment(b.clone()), comment(format!("{c}\n{b}"))]);
        }
        let mut repeating = 0usize;
        for cue in &cases {
            let old = repeats_a_short_line_with_sets(cue);
            assert_eq!(repeats_a_short_line(cue), old, "{cue:#?}");
            repeating += usize::from(old);
        }
        assert!(repeating > 0 && repeating < cases.len());
    }

    #[test]
    fn cue_reading_is_weak_at_its_length_only_when_it_may_be() {
        let mut checked = 0usize;
        for page in crate::page::testgen::pages().into_iter().chain(crate::page::testgen::pages_perturbed(3)) {
            let cue = parse(&page).comments;
            if cue.is_empty() || cue_reading_may_be_weak_without_more(&cue) {
                continue;
            }
            // Shape readings of no more comments: the same, authors cut to
            // their last word, to a suffix after a space, to a prefix before
            // trailing separators, all distinct, fewer; each also with every
            // comment dated.
            let with = |f: &dyn Fn(usize, &str) -> Option<String>| -> Vec<Comment> {
                cue.iter().enumerate().map(|(i, c)| Comment { author: c.author.as_deref().and_then(|a| f(i, a)), ..c.clone() }).collect()
            };
            let dated = |cs: Vec<Comment>| -> Vec<Comment> { cs.into_iter().map(|c| Comment { date: Some(c.date.unwrap_or_else(|| "1.1.2026".into())), ..c }).collect() };
            let mut shapes = vec![
                cue.clone(),
                with(&|_, a| a.rsplit(' ').next().map(str::to_string)),
                with(&|_, a| a.split_once(' ').map(|(_, b)| b.to_string())),
                with(&|_, a| Some(a.trim_end_matches(|c: char| !c.is_alphanumeric()).to_string())),
                with(&|_, a| a.get(..a.len().saturating_sub(1)).filter(|b| !b.is_empty()).map(str::to_string)),
                with(&|i, _| Some(format!("N{i}"))),
                with(&|_, _| None),
                cue[..cue.len() - 1].to_vec(),
            ];
            shapes.extend(shapes.clone().into_iter().map(dated));
            for shape in &shapes {
                assert!(!cue_reading_is_weak(&cue, shape), "{cue:#?}\n{shape:#?}");
                checked += 1;
            }
        }
        assert!(checked > 0);
    }

    #[test]
    fn copyright_line_agrees_with_lowercasing() {
        let mut lines = crate::page::testgen::lines();
        for l in ["Alle Rechte vorbehalten", "COPYRIGHT 2024", "© dpa", "copyright", "Copyr\u{130}ght", "alle rechte\u{a0}vorbehalten", "RECHTE VORBEHALTEN."] {
            lines.push(l.to_string());
            lines.push(format!("x {l}"));
        }
        for t in &lines {
            let plain = cues::has_char(t, '©') || t.to_lowercase().contains("rechte vorbehalten") || t.to_lowercase().starts_with("copyright");
            assert_eq!(copyright_line(t), plain, "{t:?}");
        }
    }

    #[test]
    fn empty_and_tiny() {
        assert_eq!(parse("").comments.len(), 0);
        assert_eq!(parse("Nur eine Zeile").title.as_deref(), Some("Nur eine Zeile"));
        let p = parse("Startseite\nImpressum | Datenschutz | AGB\nAlle Rechte vorbehalten");
        assert!(p.body.is_empty() && p.comments.is_empty());
    }

    #[test]
    fn comment_section_with_ui_and_replies() {
        let page = "Eine Überschrift für den Test\n\n\
            Der erste Absatz des Artikels ist lang genug, damit er als Fließtext gilt, und er hat auch ein paar Wörter.\n\n\
            3 Kommentare\n\
            Leser_A vor 3 Stunden\nIch finde das richtig.\nAntworten Melden\n\
            Antwort auf Leser_A\nLeserin B vor 2 Stunden\nSehe ich anders.\nAntworten Melden\n\
            Leser C vor 1 Stunde\n@Leser_A Warum?\nAntworten\n";
        let p = parse(page);
        assert_eq!(p.declared_comments, Some(3));
        assert_eq!(p.comments.len(), 3, "{:#?}", p.comments);
        assert_eq!(p.comments[1].reply_to, Some(0));
        assert_eq!(p.comments[2].reply_to, Some(0));
        assert_eq!(p.comments[2].date.as_deref(), Some("vor 1 Stunde"));
        assert_eq!(p.title.as_deref(), Some("Eine Überschrift für den Test"));
    }

    #[test]
    fn kommentar_in_teaser_does_not_open_section() {
        let page = "Titel des Artikels\n\nDer erste Absatz des Artikels ist lang genug, damit er als Fließtext gilt, und er hat auch Wörter.\n\n\
            Weitere Themen\nKommentar: Warum das so nicht geht\nLeser 15.10.2014\nKurzer Anreißer, der abbricht ...\n";
        let p = parse(page);
        assert!(p.comments.is_empty(), "{:#?}", p.comments);
    }
}
