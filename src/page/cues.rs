//! Shared cue lexicons: furniture phrases, comment markers, dates, UI words.
//!
//! Every cue here is general: it names a layout convention of German news
//! pages (a comment-count header, an author/date line, a share bar, a photo
//! credit), never a particular site. The cues look at one line at a time;
//! [`super::text`] combines them with context (position, indentation,
//! neighbouring lines) into a segmentation.
//!
//! All functions take trimmed lines and never panic; regexes are compiled
//! once.

use regex::Regex;
use std::sync::LazyLock;

/// `r.captures(s)` after a cheaper `is_match`: the capturing search
/// allocates its slots and runs a slower engine even when nothing matches,
/// and most lines match none of the capturing cues.
fn captures<'h>(r: &StartRegex, s: &'h str) -> Option<regex::Captures<'h>> {
    if r.is_match(s) {
        r.captures(s)
    } else {
        None
    }
}

/// `s.trim()`, answered without decoding a char at an end that is a
/// visible ASCII char (white space never is one), as almost every
/// normalised line begins and ends; `str::trim` decodes and classifies both
/// end chars. An empty `s` is its own trim.
#[inline(always)]
pub(crate) fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [] => s,
        [f, .., l] if f.is_ascii_graphic() && l.is_ascii_graphic() => s,
        [f, ..] if f.is_ascii_graphic() => s.trim_end(),
        [.., l] if l.is_ascii_graphic() => s.trim_start(),
        _ => s.trim(),
    }
}

/// `s.trim_end()`, answered without decoding a char when `s` ends with a
/// visible ASCII char (or is empty).
#[inline(always)]
pub(crate) fn trim_end(s: &str) -> &str {
    match s.as_bytes().last() {
        None => s,
        Some(l) if l.is_ascii_graphic() => s,
        _ => s.trim_end(),
    }
}

/// `s.trim_start()`, answered without decoding a char when `s` begins with
/// a visible ASCII char (or is empty).
#[inline(always)]
fn trim_start(s: &str) -> &str {
    match s.as_bytes().first() {
        None => s,
        Some(f) if f.is_ascii_graphic() => s,
        _ => s.trim_start(),
    }
}

/// Byte facts of a line, gathered in one pass over its bytes when a text
/// dump is split into lines (`text::split_lines`), so that the byte
/// presence tests of the cues asked about the line are bit tests instead of
/// searches (most lines answer no, and a `memchr` call on a short line
/// costs more than the bit test, and mispredicts more often).
///
/// Each bit of `classes` is set when a byte of one class ([`BYTE_CLASS`])
/// occurs in the line. A cue that takes `Facts` (the `…_in` forms) may be
/// given the facts of a string that *contains* the haystack it is asked
/// about (a part of the line: trimmed, a field, a name): a byte absent from
/// the line is absent from every part of it, so a clear bit answers "no"
/// for any part. A set bit answers "yes" only for the string the facts were
/// gathered from, which a part is exactly when its length is the same
/// ([`Facts::holds`]). [`Facts::ANY`] (every bit set, no length) makes each
/// `…_in` cue its plain form.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts {
    classes: u64,
    len: usize,
}

/// `normalize_line`'s special bytes: '\r' and the lead bytes 0xC2, 0xE2,
/// 0xE3, 0xEF.
pub(crate) const C_NORM: u64 = 1 << 0;
/// What [`may_hold_date`]'s byte pass looks for: an ASCII digit, or a byte
/// from 0xC4 on other than 0xE2.
pub(crate) const C_DIGITISH: u64 = 1 << 1;
/// 'v' or 'V' (of "vor").
pub(crate) const C_V: u64 = 1 << 2;
/// 'g' or 'G' (of "gerade").
pub(crate) const C_G: u64 = 1 << 3;
/// The sentence punctuation [`is_prose`] needs: '.', '!', '?', ':', ','.
const C_PROSE_PUNCT: u64 = 1 << 4;
pub(crate) const C_DOT: u64 = 1 << 5;
pub(crate) const C_COLON: u64 = 1 << 6;
const C_OPEN: u64 = 1 << 7;
const C_CLOSE: u64 = 1 << 8;
pub(crate) const C_BAR: u64 = 1 << 9;
/// '>' or '/'.
pub(crate) const C_GT_SLASH: u64 = 1 << 10;
/// 0xB7, the last byte of '·' (C2 B7).
pub(crate) const C_B7: u64 = 1 << 11;
/// 0xA2, the last byte of '•' (E2 80 A2).
pub(crate) const C_A2: u64 = 1 << 12;
/// 0xBB or 0xBA, the last bytes of '»' (C2 BB) and '›' (E2 80 BA).
const C_BB_BA: u64 = 1 << 13;
/// 0x93 or 0x94, the last bytes of '–' (E2 80 93) and '—' (E2 80 94).
const C_DASHES: u64 = 1 << 14;
/// 0xA6, the last byte of '…' (E2 80 A6).
const C_A6: u64 = 1 << 15;
/// 0xB0, the last byte of '°' (C2 B0).
const C_B0: u64 = 1 << 16;
/// The ASCII name breakers of [`has_name_breaker`]: '?', '!', ';', '"'.
const C_NAME_ASCII: u64 = 1 << 17;
/// 0xAB, 0xBB, 0x9E, 0x9C or 0xA6: the last bytes of '«', '»', '„', '“', '…'.
const C_QUOTE_LAST: u64 = 1 << 18;
/// 'a' or 'A'.
const C_A: u64 = 1 << 19;
/// 't' or 'T'.
pub(crate) const C_T: u64 = 1 << 20;
/// 'w' or 'W'.
const C_W: u64 = 1 << 21;
/// The lead bytes of multi-byte white space: 0xC2, 0xE1, 0xE2, 0xE3.
const C_WS_LEAD: u64 = 1 << 22;
/// 0xA3, the last byte of 'Σ' (CE A3).
const C_A3: u64 = 1 << 23;
/// The ASCII white space other than the space: '\t', '\n', '\x0b', '\x0c', '\r'.
const C_WS_CTRL: u64 = 1 << 24;

/// The bytes of each class whose bytes are listed (the digit-like class is
/// a range, filled apart).
const CLASS_BYTES: [(u64, &[u8]); 24] = [
    (C_NORM, b"\r\xc2\xe2\xe3\xef"),
    (C_V, b"vV"),
    (C_G, b"gG"),
    (C_PROSE_PUNCT, b".!?:,"),
    (C_DOT, b"."),
    (C_COLON, b":"),
    (C_OPEN, b"("),
    (C_CLOSE, b")"),
    (C_BAR, b"|"),
    (C_GT_SLASH, b">/"),
    (C_B7, b"\xb7"),
    (C_A2, b"\xa2"),
    (C_BB_BA, b"\xbb\xba"),
    (C_DASHES, b"\x93\x94"),
    (C_A6, b"\xa6"),
    (C_B0, b"\xb0"),
    (C_NAME_ASCII, b"?!;\""),
    (C_QUOTE_LAST, b"\xab\xbb\x9e\x9c\xa6"),
    (C_WS_LEAD, b"\xc2\xe1\xe2\xe3"),
    (C_A3, b"\xa3"),
    (C_WS_CTRL, b"\t\n\x0b\x0c\r"),
    (C_A, b"aA"),
    (C_T, b"tT"),
    (C_W, b"wW"),
];

/// The class bits of each byte value (see [`Facts`]).
static BYTE_CLASS: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut k = 0;
    while k < CLASS_BYTES.len() {
        let (class, bytes) = CLASS_BYTES[k];
        let mut j = 0;
        while j < bytes.len() {
            t[bytes[j] as usize] |= class;
            j += 1;
        }
        k += 1;
    }
    // What `may_hold_date`'s byte pass looks for.
    let mut c = 0usize;
    while c <= 0xff {
        if (c as u8).is_ascii_digit() || c >= 0xc4 && c != 0xe2 {
            t[c] |= C_DIGITISH;
        }
        c += 1;
    }
    t
};

impl Facts {
    /// No facts: every bit set, the length of no string.
    pub(crate) const ANY: Facts = Facts { classes: u64::MAX, len: usize::MAX };

    /// The facts of `s`.
    pub(crate) fn of(s: &str) -> Facts {
        Facts { classes: s.as_bytes().iter().fold(0u64, |acc, &b| acc | BYTE_CLASS[b as usize]), len: s.len() }
    }

    /// Whether the string may hold a part separator ('|', '·', '•', '–', '—').
    #[inline(always)]
    pub(crate) fn may_separate(&self) -> bool {
        self.may(C_BAR | C_B7 | C_A2 | C_DASHES)
    }

    /// Whether the string these facts were gathered from (and so any part
    /// of it) may hold a byte of class `c`.
    #[inline(always)]
    pub(crate) fn may(&self, c: u64) -> bool {
        self.classes & c != 0
    }

    /// Whether the string these facts were gathered from may hold a byte of
    /// each class in `cs`.
    #[inline(always)]
    fn may_all(&self, cs: u64) -> bool {
        self.classes & cs == cs
    }

    /// Whether `s`, a part of the string these facts were gathered from,
    /// holds a byte of class `c`, where `scan()` tells exactly that: a clear
    /// bit says no, a set bit says yes when `s` is that string itself (the
    /// only part of its length), else `scan` decides.
    #[inline(always)]
    pub(crate) fn holds(&self, s: &str, c: u64, scan: impl FnOnce() -> bool) -> bool {
        self.may(c) && (self.len == s.len() || scan())
    }
}

fn re(pattern: &str) -> Regex {
    // The patterns are literals of this module; a typo is a programming
    // error caught by the unit tests, never something input can trigger.
    Regex::new(pattern).expect("cue regex must compile")
}

/// A cue regex whose every match begins at the start of the haystack (it
/// is anchored with `^`), with the one- and two-byte beginnings a match can
/// have. Most lines begin otherwise, and two byte tests are much cheaper
/// than the call into the regex engine, even when the engine gives up after
/// a byte or two.
struct StartRegex {
    re: Regex,
    starts: Option<Box<Starts>>,
}

/// The beginnings of a [`StartRegex`]'s matches: `one[b]` whether a match
/// can begin with byte b, `two[b][c >> 6] >> (c & 63) & 1` whether a haystack
/// beginning with b, c can hold one; `three[b << 8 | c]`, for such a pair
/// where the third byte still decides, the third bytes d with which a
/// haystack beginning b, c, d can hold one (as `two`; no entry: any d).
/// The third byte rules out most of the lines that begin like a German UI
/// word or header ("Di", "Ge", "An"), on which the engine call, even one
/// that gives up after three bytes, costs a few hundred instructions
/// (speed22).
struct Starts {
    one: [bool; 256],
    two: [[u64; 4]; 256],
    three: rustc_hash::FxHashMap<u16, [u64; 4]>,
}

impl StartRegex {
    fn new(pattern: &str) -> StartRegex {
        StartRegex { re: re(pattern), starts: starts(pattern).map(Box::new) }
    }

    /// [`StartRegex::new`] with a lazy-DFA cache of up to 16 MiB instead of
    /// the regex crate's 2 MiB, for a pattern whose DFA needs more states
    /// than that over varied pages. [`UI_LINE`] (a repeated alternation of
    /// ~150 UI items, some with a `.*` tail) outgrew the default in session 17:
    /// the cache was cleared and its states rebuilt again and again, and the
    /// text path's instructions rose by half (callgrind `segment_loop 3`:
    /// 216.9 M with the default cache, 147.7 M with this one, on the same
    /// 131 pages). The cache only grows as states are built.
    fn with_cache(pattern: &str) -> StartRegex {
        let re = regex::RegexBuilder::new(pattern).dfa_size_limit(16 << 20).build().expect("cue regex must compile");
        StartRegex { re, starts: starts(pattern).map(Box::new) }
    }

    /// Whether a haystack of two or more bytes that begins with the first
    /// two bytes of `s` may match (true without tables or when `s` is
    /// shorter).
    fn may_match_two_byte_prefix_of(&self, s: &str) -> bool {
        match (&self.starts, s.as_bytes()) {
            (Some(t), [b, c, ..]) => t.two[*b as usize][(*c >> 6) as usize] >> (c & 63) & 1 == 1,
            _ => true,
        }
    }

    /// The tests of the first two bytes: false when `s` cannot match.
    #[inline(always)]
    fn may_match(&self, s: &str) -> bool {
        match (&self.starts, s.as_bytes()) {
            (Some(t), [b, c, d, ..]) => {
                t.two[*b as usize][(*c >> 6) as usize] >> (c & 63) & 1 == 1
                    && t.three.get(&(u16::from(*b) << 8 | u16::from(*c))).is_none_or(|m| m[(*d >> 6) as usize] >> (d & 63) & 1 == 1)
            }
            (Some(t), [b, c, ..]) => t.two[*b as usize][(*c >> 6) as usize] >> (c & 63) & 1 == 1,
            (Some(t), [b]) => t.one[*b as usize],
            _ => true,
        }
    }

    /// `Regex::is_match`, after the tests of the first two bytes.
    fn is_match(&self, s: &str) -> bool {
        self.may_match(s) && self.re.is_match(s)
    }
}

impl std::ops::Deref for StartRegex {
    type Target = Regex;
    fn deref(&self) -> &Regex {
        &self.re
    }
}

/// For a pattern anchored at the start (the regex syntax says so: `^` is a
/// prefix of every match), the one- and two-byte beginnings of haystacks it
/// can match, read off the regex's own automaton: regex-automata's lazy DFA,
/// the engine inside `regex`, built with the same default syntax. From the
/// start state of an anchored search at the start of a haystack, a byte
/// that leads to the dead state begins no match; so does a second byte
/// that leads there, unless a match already ended (a match state: the DFA
/// reports matches one byte late, and the dead state is never one). Each
/// transition sees its byte as look-ahead, so `\b` and empty matches are
/// accounted for. `None` (no tests) for patterns that are not anchored or
/// when the DFA cannot be built.
fn starts(pattern: &str) -> Option<Starts> {
    use regex_automata::{hybrid::dfa::DFA, Anchored, Input};
    let hir = regex_syntax::parse(pattern).ok()?;
    if !hir.properties().look_set_prefix().contains(regex_syntax::hir::Look::Start) {
        return None;
    }
    // A cache large enough that the states of the first three bytes are
    // never cleared while their ids are held (a cleared cache gives no
    // tables: see the clear count below).
    let dfa = DFA::builder().configure(DFA::config().cache_capacity(64 << 20)).build(pattern).ok()?;
    let mut cache = dfa.create_cache();
    let start = dfa.start_state_forward(&mut cache, &Input::new("").anchored(Anchored::Yes)).ok()?;
    let mut t = Starts { one: [false; 256], two: [[0; 4]; 256], three: Default::default() };
    for b in 0..=255u8 {
        let s1 = dfa.next_state(&mut cache, start, b).ok()?;
        t.one[b as usize] = !s1.is_dead();
        if s1.is_dead() {
            continue;
        }
        for c in 0..=255u8 {
            let s2 = dfa.next_state(&mut cache, s1, c).ok()?;
            if s1.is_match() || !s2.is_dead() {
                t.two[b as usize][(c >> 6) as usize] |= 1 << (c & 63);
            }
            // A third byte decides only where no match has ended yet (a
            // match state reports the match that ended a byte before).
            if s1.is_match() || s2.is_dead() || s2.is_match() {
                continue;
            }
            let mut third = [0u64; 4];
            for d in 0..=255u8 {
                if !dfa.next_state(&mut cache, s2, d).ok()?.is_dead() {
                    third[(d >> 6) as usize] |= 1 << (d & 63);
                }
            }
            if third != [u64::MAX; 4] {
                t.three.insert(u16::from(b) << 8 | u16::from(c), third);
            }
        }
    }
    (cache.clear_count() == 0).then_some(t)
}

/// Month names and abbreviations as German pages print them.
const MONTHS: &str = r"(?:Januar|Jänner|Jan\.?|Februar|Feb\.?|März|Mär\.?|Maerz|April|Apr\.?|Mai|Juni|Jun\.?|Juli|Jul\.?|August|Aug\.?|September|Sept?\.?|Oktober|Okt\.?|November|Nov\.?|Dezember|Dez\.?)";

/// A time after a date: "21:47", "21:47 Uhr", "um 18:12 Uhr", "21.47 Uhr",
/// an English widget's "6:02 PM".
const TIME_TAIL: &str = r"(?:\s*(?:[,/|·•–—-]|(?-u:\b)um(?-u:\b)|T)?\s*(?:um\s+)?(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*Uhr(?-u:\b)|\s?(?-i:[AP]\.?M)(?-u:\b)\.?)?|\d{1,2}\.\d{2}\s*Uhr(?-u:\b)))?";

/// English month names and abbreviations, as an English comment widget
/// prints them before the day ("Nov 20, 2026").
const EN_MONTHS: &str = r"(?:January|Jan|February|Feb|March|Mar|April|Apr|May|June|Jun|July|Jul|August|Aug|September|Sept|Sep|October|Oct|November|Nov|December|Dec)";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let abs = format!(
        r"(?:(?-u:\b)\d{{1,2}}\.\s?\d{{1,2}}\.\s?(?:\d{{4}}|\d{{2}})(?-u:\b)|(?-u:\b)\d{{1,2}}\.\s*{MONTHS}\s*\d{{4}}(?-u:\b)|(?-u:\b){EN_MONTHS}\.?\s\d{{1,2}},\s\d{{4}}(?-u:\b)|(?-u:\b)\d{{1,2}}\s{EN_MONTHS}\.?\s\d{{4}}(?-u:\b)|(?-u:\b)\d{{4}}-\d{{2}}-\d{{2}}){TIME_TAIL}|(?-u:\b)\d{{1,2}}\.\s?(?:\d{{1,2}}\.(?:,|\s*[·•])?|{MONTHS}\s*[·•])\s+(?:um\s+)?\d{{1,2}}:\d{{2}}(?:\s*Uhr(?-u:\b))?"
    );
    let units = r"(?:(?:Sekunden?|Minuten?|Stunden?|Tagen?|Tag|Wochen?|Monaten?|Monat|Jahren?|Jahr)(?-u:\b)|(?:Sek|Min|Std)(?-u:\b)\.?)";
    let rel = format!(
        r"(?-u:\b)vor\s+(?:\d+|einer|einem|einen|eine|ein|wenigen|ein\s+paar|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)\s+{units}|(?-u:\b)(?:heute|gestern|vorgestern)\s*,?\s*(?:um\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*Uhr(?-u:\b))?|(?-u:\b)gerade\s+eben(?-u:\b)|(?-u:\b)(?:\d{{1,3}}|an?)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago(?-u:\b)"
    );
    re(&format!(r"(?i){abs}|{rel}"))
});

/// Finds the first date/time expression in `s`, as a byte range on char
/// boundaries, spanning from the day's first digit (or the relative word) to
/// the end of the time including a directly following "Uhr".
pub fn find_date(s: &str) -> Option<(usize, usize)> {
    find_date_in(s, &Facts::ANY)
}

/// [`find_date`] of `s`, a part of the string `f` was gathered from.
pub(crate) fn find_date_in(s: &str, f: &Facts) -> Option<(usize, usize)> {
    if !may_hold_date_in(s, f) {
        return None;
    }
    DATE.find(s).map(|m| (m.start(), m.end()))
}

/// The last date expression in `s`.
pub fn find_last_date(s: &str) -> Option<(usize, usize)> {
    find_last_date_in(s, &Facts::ANY)
}

/// [`find_last_date`] of `s`, a part of the string `f` was gathered from.
fn find_last_date_in(s: &str, f: &Facts) -> Option<(usize, usize)> {
    if !may_hold_date_in(s, f) {
        return None;
    }
    DATE.find_iter(s).last().map(|m| (m.start(), m.end()))
}

/// The most [`DATE`] matches a line's scan keeps ([`DateScan`]); the parts
/// of a line with more are answered by the direct search.
const SCAN_SPANS: usize = 4;

/// The [`DATE`] matches of one line, found once and kept in the line's cell
/// (`text::Line`), read through [`LineDates`]. `stage` 0: not scanned yet;
/// 1: the first match is `spans[0]` (the scan stopped there); 2: every
/// match, `n` of them (`n` = `SCAN_SPANS + 1`: more than are kept, only the
/// first `SCAN_SPANS` known). The spans are byte ranges of the line, in
/// order, as `DATE.find_iter(line)` gives them (a line longer than
/// `u16::MAX` bytes is not scanned: the direct search answers).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct DateScan {
    stage: u8,
    n: u8,
    spans: [(u16, u16); SCAN_SPANS],
}

/// An answer from a line's scan for the part `p..q` of the line
/// ([`LineDates::first_scanned`], [`LineDates::last_scanned`]): None where
/// the scan cannot tell.
type Scanned<'a> = fn(&LineDates<'a>, &std::cell::Cell<DateScan>, usize, usize) -> Option<Option<(usize, usize)>>;

/// A line's text, its byte facts and its [`DateScan`] cell: the date cues
/// ([`find_date_in`], [`find_last_date_in`], [`date_only`]) of the line and
/// of its parts answered from one scan of the line, computed on first use
/// (`NONE`: no line, every answer by the direct search).
///
/// Why a match found in the whole line answers for a part `line[p..q]`:
/// [`DATE`] looks around only at the edges of an ASCII word boundary
/// `(?-u:\b)`, which sees the bytes on its two sides (no anchors, no
/// Unicode `\b`; test `date_looks_around_only_by_ascii_word_boundaries`).
/// When the byte before `p` and the byte at `q` are no ASCII word bytes (or
/// the part reaches the line's start or end), every boundary test inside the
/// part, at its edges too, answers as in the line, so the part's matching
/// paths are exactly the line's paths that lie within `p..q`. Then, if no
/// match of the line's leftmost-first iteration crosses `p` or `q` (starts
/// before and ends after it), the part's iteration gives exactly the line's
/// matches that lie within `p..q`: where the line's iteration resumes at or
/// before `p`, it found no match starting before its next match, so no
/// position of the part before it starts one either; and from a match's start
/// the line's preferred path ends within the part, so it is also the part's
/// preferred one (the part has fewer paths, never more). The first date of
/// a part needs only the line's first match that ends after `p`: it must
/// not start before `p`, and it must end by `q` unless it starts at or after
/// `q` (then the part has none). Where these conditions fail (a cut inside
/// a word or a date), the part is searched directly. Test
/// `line_dates_agree_with_the_direct_search`.
#[derive(Clone, Copy)]
pub(crate) struct LineDates<'a> {
    line: &'a str,
    /// The byte facts of a string that holds `line` (or `Facts::ANY`).
    pub(crate) facts: &'a Facts,
    scan: Option<&'a std::cell::Cell<DateScan>>,
}

impl<'a> LineDates<'a> {
    /// No line: each answer is the direct search.
    pub(crate) const NONE: LineDates<'static> = LineDates { line: "", facts: &Facts::ANY, scan: None };

    /// The date answers of `line`, whose facts are `facts` (of `line` or a
    /// string that holds it), kept in `scan` (which must be `line`'s alone:
    /// a scan of other text answers wrongly).
    pub(crate) fn new(line: &'a str, facts: &'a Facts, scan: &'a std::cell::Cell<DateScan>) -> LineDates<'a> {
        LineDates { line, facts, scan: Some(scan) }
    }

    /// Where `s` lies in the line (its first byte's offset), when `s` is a
    /// part of the line cut where the part's dates are the line's (see
    /// [`LineDates`]), with the line's scan cell: None where the direct
    /// search must answer.
    #[inline]
    fn cut(&self, s: &str) -> Option<(&'a std::cell::Cell<DateScan>, usize)> {
        let cell = self.scan?;
        let line = self.line.as_bytes();
        let p = (s.as_ptr() as usize).wrapping_sub(line.as_ptr() as usize);
        if p > line.len() || s.len() > line.len() - p || line.len() > usize::from(u16::MAX) {
            return None;
        }
        let q = p + s.len();
        let word = |i: usize| line.get(i).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_');
        if p > 0 && word(p - 1) || word(q) {
            return None;
        }
        Some((cell, p))
    }

    /// The line's scan, at least to its first match.
    #[inline]
    fn scan_first(&self, cell: &std::cell::Cell<DateScan>) -> DateScan {
        let d = cell.get();
        if d.stage > 0 {
            return d;
        }
        let mut d = DateScan { stage: 2, ..DateScan::default() };
        if may_hold_date_in(self.line, self.facts) {
            if let Some(m) = DATE.find(self.line) {
                d = DateScan { stage: 1, n: 1, spans: [(m.start() as u16, m.end() as u16); SCAN_SPANS] };
            }
        }
        cell.set(d);
        d
    }

    /// The line's scan with every match (up to [`SCAN_SPANS`] kept).
    fn scan_all(&self, cell: &std::cell::Cell<DateScan>) -> DateScan {
        let mut d = self.scan_first(cell);
        if d.stage == 2 {
            return d;
        }
        let mut at = usize::from(d.spans[0].1);
        while let Some(m) = DATE.find_at(self.line, at) {
            if usize::from(d.n) == SCAN_SPANS {
                d.n += 1;
                break;
            }
            d.spans[usize::from(d.n)] = (m.start() as u16, m.end() as u16);
            d.n += 1;
            at = m.end();
        }
        d.stage = 2;
        cell.set(d);
        d
    }

    /// Whether the line may hold a date ([`may_hold_date_in`] without its
    /// searches): a clear bit answers for every part.
    #[inline(always)]
    fn may_hold(&self) -> bool {
        self.facts.may(C_DIGITISH | C_V | C_G)
    }

    /// A date of `s` (the line or a part of it): None where the line's bytes
    /// rule out every date, else `scanned`'s answer from the line's scan (given
    /// the cell and where `s` lies in the line), or where it cannot tell
    /// `direct`'s search of `s`.
    #[inline(always)]
    fn answer(&self, s: &str, scanned: Scanned<'a>, direct: fn(&str, &Facts) -> Option<(usize, usize)>) -> Option<(usize, usize)> {
        if !self.may_hold() {
            return None;
        }
        self.scanned(s, scanned).unwrap_or_else(|| direct(s, self.facts))
    }

    /// `scanned`'s answer for `s` from the line's scan, None where it cannot tell.
    #[inline(always)]
    fn scanned(&self, s: &str, scanned: Scanned<'a>) -> Option<Option<(usize, usize)>> {
        self.cut(s).and_then(|(cell, p)| scanned(self, cell, p, p + s.len()))
    }

    /// [`find_date_in`]`(s, self.facts)` for `s`, the line or a part of it.
    #[inline]
    pub(crate) fn first(&self, s: &str) -> Option<(usize, usize)> {
        self.answer(s, Self::first_scanned, find_date_in)
    }

    /// The first date of the part `p..q` from the line's scan, None where it cannot tell.
    fn first_scanned(&self, cell: &std::cell::Cell<DateScan>, p: usize, q: usize) -> Option<Option<(usize, usize)>> {
        let mut d = self.scan_first(cell);
        // The line's first match ending after `p` decides.
        if d.stage == 1 && usize::from(d.spans[0].1) <= p {
            d = self.scan_all(cell);
        }
        let kept = &d.spans[..usize::from(d.n).min(SCAN_SPANS)];
        let Some(&(a, b)) = kept.iter().find(|&&(_, b)| usize::from(b) > p) else {
            // None of the line's dates reaches past `p` (unless it has more than are kept).
            return (usize::from(d.n) <= SCAN_SPANS).then_some(None);
        };
        let (a, b) = (usize::from(a), usize::from(b));
        match (a >= p, a >= q, b <= q) {
            (false, _, _) => None,
            (true, true, _) => Some(None),
            (true, false, true) => Some(Some((a - p, b - p))),
            (true, false, false) => None,
        }
    }

    /// [`find_last_date_in`]`(s, self.facts)` for `s`, the line or a part of it.
    #[inline]
    pub(crate) fn last(&self, s: &str) -> Option<(usize, usize)> {
        self.answer(s, Self::last_scanned, find_last_date_in)
    }

    /// The last date of the part `p..q` from the line's scan, None where it cannot tell.
    fn last_scanned(&self, cell: &std::cell::Cell<DateScan>, p: usize, q: usize) -> Option<Option<(usize, usize)>> {
        let d = self.scan_all(cell);
        let n = usize::from(d.n);
        if n > SCAN_SPANS {
            return None;
        }
        let mut last = None;
        for &(a, b) in &d.spans[..n] {
            let (a, b) = (usize::from(a), usize::from(b));
            if a < p && p < b || a < q && q < b {
                return None;
            }
            if a >= p && b <= q {
                last = Some((a - p, b - p));
            }
        }
        Some(last)
    }

    /// [`date_only`] of `s`, the line or a part of it.
    pub(crate) fn date_only<'s>(&self, s: &'s str) -> Option<&'s str> {
        let (a, b) = self.first(s)?;
        date_only_at(s, a, b)
    }
}

/// Whether `s` holds what every [`DATE`] match holds: a digit (`\d`, any
/// Unicode decimal digit), "vor", "gerade" or "ago" (case-insensitively; no
/// non-ASCII char folds to one of their letters, test
/// `only_kelvin_sign_and_long_s_fold_to_ascii_letters`). The digit test is
/// one branch-free pass: an ASCII digit, or the lead byte of a char outside
/// U+0000..U+00FF and U+2000..U+2FFF (lead bytes 0xC2, 0xC3, 0xE2), which
/// hold no other decimal digits (test `dates_need_a_digit_vor_or_gerade`).
pub(crate) fn may_hold_date(s: &str) -> bool {
    may_hold_date_in(s, &Facts::ANY)
}

/// [`may_hold_date`] of `s`, a part of the string `f` was gathered from
/// (the byte pass is the class [`C_DIGITISH`]; "vor" needs a 'v', "gerade" and "ago" a 'g').
pub(crate) fn may_hold_date_in(s: &str, f: &Facts) -> bool {
    let b = s.as_bytes();
    f.holds(s, C_DIGITISH, || b.iter().fold(false, |acc, &c| acc | c.is_ascii_digit() | (c >= 0xc4) & (c != 0xe2)))
        || f.may(C_V) && contains_ascii_ci(b, b"vor", 0)
        || f.may(C_G) && gerade_or_ago(b)
}

/// Whether `b` holds "gerade" or "ago" (of "gerade eben", "a day ago"), any
/// case: one pass over its 'g's.
fn gerade_or_ago(b: &[u8]) -> bool {
    memchr::memchr2_iter(b'g', b'G', b).any(|i| {
        b.get(i..i + 6).is_some_and(|w| w.eq_ignore_ascii_case(b"gerade"))
            || i > 0 && b.get(i - 1..i + 2).is_some_and(|w| w.eq_ignore_ascii_case(b"ago"))
    })
}

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:am\s+)?(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|Mo|Di|Mi|Do|Fr|Sa|So)\.?,?\s*$")
});

/// A date line under a name line: a [`date_only`] line, or the short forms
/// social-media copies show there: a day and month without a year
/// ("20. Nov.", "3. März") or a short age ("5 Std.", "12 Min.", "3 Tg.").
pub fn short_date_line(s: &str) -> Option<&str> {
    if let Some(d) = date_only(s) {
        return Some(d);
    }
    let t = trim(s);
    if t.len() > 24 || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)^\d{{1,2}}\.\s?{MONTHS}$")));
    // An app's compact age ("14h", "47m", "2d") too.
    static AGE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\d{1,3}(?:\s?(?:Sek|Min|Std|Tg|Wo)\.|[mhdw])$"));
    (DAY_MONTH.is_match(t) || AGE.is_match(t)).then_some(t)
}

/// A line that is only a date ("15.10.2014", "Mi, 28.12.16 01:21", "vor 3 Stunden",
/// "am 14.10.2014 um 21:47 Uhr"), possibly with a weekday, "am", separators.
pub fn date_only(s: &str) -> Option<&str> {
    let (a, b) = find_date(s)?;
    date_only_at(s, a, b)
}

/// [`date_only`] given `find_date(s) == Some((a, b))`.
fn date_only_at(s: &str, a: usize, b: usize) -> Option<&str> {
    let before = s.get(..a)?.trim();
    let after = s.get(b..)?.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '|' | ',' | '.' | '·'));
    let before_ok = before.is_empty()
        || WEEKDAY.is_match(before)
        || before.eq_ignore_ascii_case("am")
        || before.eq_ignore_ascii_case("um");
    if before_ok && after.is_empty() {
        s.get(a..b)
    } else {
        None
    }
}

/// Collapses all white space (including no-break spaces) to single spaces.
pub fn collapse_ws(s: &str) -> String {
    if is_collapsed(s) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for w in words(s) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether [`collapse_ws`] would return `s` unchanged: no white space at
/// either end, and every white-space character is a single ASCII space
/// between two words. One pass without branching per byte, then a look at
/// the (rare) bytes that can start multi-byte white space.
pub(crate) fn is_collapsed(s: &str) -> bool {
    is_collapsed_in(s, &Facts::ANY)
}

/// [`is_collapsed`] of `s`, a part of the string `f` was gathered from.
fn is_collapsed_in(s: &str, f: &Facts) -> bool {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else { return true };
    first != b' '
        && last != b' '
        && !is_ascii_ws_not_space(last)
        && !b.iter().zip(&b[1..]).fold(false, |bad, (&c, &d)| bad | is_ascii_ws_not_space(c) | (c == b' ') & (d == b' '))
        && !(f.may(C_WS_LEAD) && has_multi_ws(b))
}

/// ASCII white space other than the space: `\t`, `\n`, `\x0b`, `\x0c`, `\r`.
#[inline(always)]
fn is_ascii_ws_not_space(c: u8) -> bool {
    c.wrapping_sub(9) < 5
}

/// Whether `b` holds a multi-byte white-space character.
fn has_multi_ws(b: &[u8]) -> bool {
    memchr::memchr3_iter(0xc2, 0xe2, 0xe3, b).any(|i| ws_len_multi(b, i) > 0)
        || memchr::memchr_iter(0xe1, b).any(|i| ws_len_multi(b, i) > 0)
}

/// Whether `author` is `name` or a longer display name that begins with it
/// and a space ("Gerd Maus aus Forst" for "Gerd Maus"): how a reply that
/// names its parent is matched to the parent's author.
pub fn is_name_or_longer(author: &str, name: &str) -> bool {
    author.strip_prefix(name).is_some_and(|r| r.is_empty() || r.starts_with(' '))
}

/// `collapse_ws(s).to_lowercase()`, without the intermediate string. Only
/// the capital sigma lower-cases differently by context (`str::to_lowercase`
/// gives a final sigma at a word end), so lines with one take the two-step
/// path.
pub fn collapse_ws_lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_collapse_ws_lower(&mut out, s);
    out
}

/// Appends [`collapse_ws_lower`]`(s)` to `out` (many keys in one buffer
/// instead of a string each). Returns whether `collapse_ws(s)` is known to
/// be `s` itself (false when not, or not looked at: a line with a capital
/// sigma), so that a caller that also needs `collapse_ws(s)` can skip its
/// scan.
pub fn push_collapse_ws_lower(out: &mut String, s: &str) -> bool {
    push_collapse_ws_lower_in(out, s, &Facts::ANY)
}

/// [`push_collapse_ws_lower`] of `s`, a part of the string `f` was gathered from.
pub(crate) fn push_collapse_ws_lower_in(out: &mut String, s: &str, f: &Facts) -> bool {
    if f.may(C_A3) && has_char(s, 'Σ') {
        out.push_str(&collapse_ws(s).to_lowercase());
        return false;
    }
    if is_collapsed_in(s, f) {
        push_lower(out, s);
        return true;
    }
    let mut first = true;
    for w in words(s) {
        if !first {
            out.push(' ');
        }
        first = false;
        push_lower(out, w);
    }
    false
}

/// Whether `c.to_lowercase()` is `c` itself, answered without the case
/// tables for the blocks German text mostly uses outside ASCII: the Latin-1
/// symbols and small letters, general punctuation and currency signs.
#[inline]
fn lowercase_is_itself(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{bf}' | '\u{df}'..='\u{ff}' | '\u{2000}'..='\u{206f}' | '\u{20a0}'..='\u{20cf}') || {
        let mut l = c.to_lowercase();
        l.next() == Some(c) && l.next().is_none()
    }
}

/// Appends `w` lower-cased char by char (as `char::to_lowercase` does, the
/// same as `str::to_lowercase` for text without a capital sigma). Runs of
/// ASCII and of chars that stay the same are copied and ASCII-lower-cased
/// in one go.
fn push_lower(out: &mut String, w: &str) {
    let b = w.as_bytes();
    let mut run = 0usize;
    let mut i = 0usize;
    while i < b.len() {
        // ASCII eight bytes at a time.
        while let Some(block) = b.get(i..i + 8).and_then(|x| <[u8; 8]>::try_from(x).ok()) {
            if u64::from_le_bytes(block) & 0x8080_8080_8080_8080 != 0 {
                break;
            }
            i += 8;
        }
        if i >= b.len() {
            break;
        }
        if b[i] < 0x80 {
            i += 1;
            continue;
        }
        let Some(c) = w.get(i..).and_then(|r| r.chars().next()) else { break };
        let len = c.len_utf8();
        if !lowercase_is_itself(c) {
            let at = out.len();
            out.push_str(w.get(run..i).unwrap_or(""));
            out[at..].make_ascii_lowercase();
            out.extend(c.to_lowercase());
            run = i + len;
        }
        i += len;
    }
    let at = out.len();
    out.push_str(w.get(run..).unwrap_or(""));
    out[at..].make_ascii_lowercase();
}

/// The number of [`words`] of `s`: word starts counted over ASCII white
/// space without branching per byte; multi-byte white space (rare) takes
/// the word iterator.
/// `s.contains(c)` by a SIMD search for the last byte of `c`'s UTF-8 form
/// (the standard library's char search scans with a slower byte loop).
/// UTF-8 is self-synchronising: a place where the whole byte form of `c`
/// occurs is always that char.
pub fn has_char(s: &str, c: char) -> bool {
    let mut buf = [0u8; 4];
    let enc = c.encode_utf8(&mut buf).as_bytes();
    let b = s.as_bytes();
    let n = enc.len();
    memchr::memchr_iter(enc[n - 1], b).any(|i| i + 1 >= n && b[i + 1 - n..=i] == *enc)
}

/// `word_count(s) <= n`: on a line over 64 bytes by the words up to the
/// (n + 1)-th (a short line of text has few words, and a long one is told
/// after its first words instead of a count over all its bytes); up to 64
/// bytes by the count, which takes eight bytes at a time there. Exact:
/// `word_count` counts what `words` yields (test
/// `fast_cues_agree_with_the_reference`, and `at_most_words_agrees_with_word_count`).
/// A long line is first told by the words that begin in its first 64
/// bytes, counted eight bytes at a time: where those bytes hold no lead
/// byte of multi-byte white space, each such start follows ASCII white
/// space or the start of `s` and begins a word of `s`, so more than `n` of
/// them rule the line out (speed23).
pub fn at_most_words(s: &str, n: usize) -> bool {
    let b = s.as_bytes();
    if b.len() <= 64 {
        return word_count(s) <= n;
    }
    let (starts, lead) = word_starts_swar(&b[..64]);
    (lead || starts <= n) && words(s).nth(n).is_none()
}

pub fn word_count(s: &str) -> usize {
    let b = s.as_bytes();
    if b.len() <= 64 {
        // Short pieces (nav items, names, short lines) take the word-start
        // count eight bytes at a time (the block loop below leaves them to
        // its byte-by-byte remainder).
        let (n, lead) = word_starts_swar(b);
        return if lead && has_multi_ws(b) { words(s).count() } else { n };
    }
    let Some(&first) = b.first() else { return 0 };
    let (starts, leads) = ascii_word_starts(b);
    // Multi-byte white space (rare) begins with one of the lead bytes; the
    // SIMD search for it only runs when one of them is in the line.
    if (leads || is_multi_ws_lead(first)) && has_multi_ws(b) {
        return words(s).count();
    }
    !is_ascii_ws(first) as usize + starts
}

const SWAR_ONES: u64 = 0x0101_0101_0101_0101;
const SWAR_HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `y` that is zero (exact: no carry crosses a byte).
#[inline(always)]
fn swar_zero(y: u64) -> u64 {
    !(((y & !SWAR_HIGH) + !SWAR_HIGH) | y) & SWAR_HIGH
}

/// The high bit of each byte of `x7` (bytes below 0x80) that is at least `n` (9 <= n < 0x80).
#[inline(always)]
fn swar_ge(x7: u64, n: u8) -> u64 {
    (x7 + u64::from(0x80 - n) * SWAR_ONES) & SWAR_HIGH
}

/// For `b` of at most 255 bytes: the number of positions where a byte that
/// is no ASCII white space follows ASCII white space or the start (the
/// words of `b` when it holds no multi-byte white space), and whether `b`
/// holds a byte that can begin a multi-byte white-space char
/// ([`is_multi_ws_lead`]). Eight bytes at a time in a `u64`: per byte, the
/// high bit marks white space (the space, `\t`..`\r`); a word starts where
/// the previous byte's mark is set and its own is not; a last short block is
/// padded with spaces (white space, so no word starts there).
fn word_starts_swar(b: &[u8]) -> (usize, bool) {
    let mut prev = 0x80u64;
    let mut starts = 0u64;
    let mut lead = 0u64;
    let mut block = |x: u64| {
        let ascii = !x & SWAR_HIGH;
        let x7 = x & !SWAR_HIGH;
        let ws = (swar_zero(x ^ (0x20 * SWAR_ONES)) | swar_ge(x7, 9) & !swar_ge(x7, 14)) & ascii;
        lead |= swar_zero(x ^ (0xc2 * SWAR_ONES)) | swar_ge(x7, 0x61) & !swar_ge(x7, 0x64) & !ascii;
        starts += ((ws << 8 | prev) & !ws & SWAR_HIGH) >> 7;
        prev = ws >> 56;
    };
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        block(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut x = 0x20 * SWAR_ONES;
        for (i, &c) in rest.iter().enumerate() {
            x ^= u64::from(c ^ 0x20) << (8 * i);
        }
        block(x);
    }
    // Each byte counter holds at most 255: add them up in the top byte.
    let n = starts.wrapping_mul(SWAR_ONES) >> 56;
    (n as usize, lead != 0)
}

/// A byte that can begin a multi-byte white-space char (0xC2, 0xE1, 0xE2, 0xE3).
#[inline(always)]
fn is_multi_ws_lead(c: u8) -> bool {
    (c == 0xc2) | (c.wrapping_sub(0xe1) < 3)
}

/// ASCII white space: space, `\t`, `\n`, `\x0b`, `\x0c`, `\r`.
#[inline(always)]
fn is_ascii_ws(c: u8) -> bool {
    (c == b' ') | is_ascii_ws_not_space(c)
}

/// The number of positions `i >= 1` where `b[i - 1]` is ASCII white space
/// and `b[i]` is not, and whether one of the bytes `b[1..]` can begin a
/// multi-byte white-space char. Counted in blocks of up to 255 bytes into a
/// byte counter, which the compiler turns into SIMD compares and adds.
fn ascii_word_starts(b: &[u8]) -> (usize, bool) {
    let Some(last) = b.len().checked_sub(1) else { return (0, false) };
    let mut n = 0usize;
    let mut leads = false;
    for (p, c) in b[..last].chunks(255).zip(b[1..].chunks(255)) {
        let mut acc = 0u8;
        let mut lead = false;
        for (&x, &y) in p.iter().zip(c) {
            acc += (is_ascii_ws(x) & !is_ascii_ws(y)) as u8;
            lead |= is_multi_ws_lead(y);
        }
        n += acc as usize;
        leads |= lead;
    }
    (n, leads)
}

/// `s.chars().count() > n`, counting only when the byte length cannot
/// tell (a char takes one to four bytes).
pub fn chars_more_than(s: &str, n: usize) -> bool {
    if s.len() <= n {
        false
    } else if s.len() > 4 * n {
        true
    } else {
        // Chars are the bytes that are no UTF-8 continuation byte (0x80..=0xBF),
        // counted in blocks of up to 255 into a byte counter (SIMD compares
        // and adds; `chars().count()` costs more on lines this short).
        let b = s.as_bytes();
        let cont: usize = b.chunks(255).map(|c| c.iter().fold(0u8, |acc, &x| acc + ((x as i8) < -64) as u8) as usize).sum();
        b.len() - cont > n
    }
}

/// Byte classes for the word splitter: 0 cannot start a white-space
/// character, 1 is ASCII white space (`\t`, `\n`, `\x0b`, `\x0c`, `\r`, space),
/// 2 is the lead byte of a possible multi-byte one (0xC2, 0xE1, 0xE2, 0xE3:
/// U+0085, U+00A0, U+1680, U+2000..=U+200A, U+2028, U+2029, U+202F, U+205F,
/// U+3000).
static WS_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = 1;
    let mut c = 0x09;
    while c <= 0x0d {
        t[c] = 1;
        c += 1;
    }
    t[0xc2] = 2;
    t[0xe1] = 2;
    t[0xe2] = 2;
    t[0xe3] = 2;
    t
};

/// Byte length of the multi-byte white-space character starting at byte `i`
/// of `b` (whose class is 2), or 0.
#[inline]
fn ws_len_multi(b: &[u8], i: usize) -> usize {
    match b[i] {
        0xc2 => matches!(b.get(i + 1), Some(0x85 | 0xa0)) as usize * 2,
        0xe1 => (b.get(i + 1..i + 3) == Some(&[0x9a, 0x80][..])) as usize * 3,
        0xe2 => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(0x80..=0x8a | 0xa8 | 0xa9 | 0xaf)) | (Some(0x81), Some(0x9f)) => 3,
            _ => 0,
        },
        0xe3 => (b.get(i + 1..i + 3) == Some(&[0x80, 0x80][..])) as usize * 3,
        _ => 0,
    }
}

/// Byte length of the white-space character (`char::is_whitespace`) starting
/// at byte `i` of `b`, or 0.
#[inline(always)]
fn ws_len(b: &[u8], i: usize) -> usize {
    match WS_CLASS[b[i] as usize] {
        0 => 0,
        1 => 1,
        _ => ws_len_multi(b, i),
    }
}

/// The words of `s` exactly as `s.split_whitespace()` yields them, by a plain
/// byte loop (the generic char splitter is several times slower).
pub fn words(s: &str) -> Words<'_> {
    Words { s, i: 0 }
}

/// Iterator of [`words`].
pub struct Words<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let b = self.s.as_bytes();
        let mut i = self.i;
        // Skip white space.
        loop {
            if i >= b.len() {
                self.i = i;
                return None;
            }
            let w = ws_len(b, i);
            if w == 0 {
                break;
            }
            i += w;
        }
        let start = i;
        i += 1;
        while i < b.len() {
            match WS_CLASS[b[i] as usize] {
                0 => i += 1,
                1 => break,
                _ => {
                    if ws_len_multi(b, i) > 0 {
                        break;
                    }
                    i += 1;
                }
            }
        }
        self.i = i;
        // `start` and `i` sit at a non-continuation byte or the end: char boundaries.
        self.s.get(start..i)
    }
}

// ---------------------------------------------------------------------------
// Comment-section headers

static COUNT_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"(?ix)^(?:
        (?:es\s+(?:sind|gibt)\s+(?:bereits\s+|bisher\s+|schon\s+)?)?(?:insgesamt|alle|bisher|schon|bereits)?\s*(?P<n1>\d{1,6})\s+(?:Leser-?)?(?:Kommentare?|Comments?|Beiträge?|Beitraege?|Reaktionen|Leserbriefe?|Leserstimmen|Zuschriften|Meinungen|Postings?|Einträge|Gedanken\s+zu(?-u:\b).*|Antworten\s+(?:zu|auf)\s+["„»“].*)
            (?:\s+(?:zu|zum|zur|für|über)(?-u:\b).*|\s*:.*|\s+(?:bisher|insgesamt|vorhanden))?
      | (?:(?:Leser-?)?(?:Kommentare|Diskussion|Debatte|Forum)(?:\s+zu(?:m|\s+diesem)\s+(?:Artikel|Beitrag|Thema))?|Ihre\s+Meinung|Leserforum|Leserstimmen|Leser-?meinungen|Leser-?zuschriften)\s*[:(\[–·|-]\s*(?:insgesamt\s+|bisher\s+)?(?P<n5>\d{1,6})\s+(?:Leser-?)?(?:Kommentare?|Beiträge?|Reaktionen|Meinungen)\s*[)\]]?
      | (?:Alle\s+)?(?:Leser-?)?(?:Kommentare|Beiträge|Reaktionen|Meinungen|Zuschriften|Leserbriefe|Leserstimmen|Diskussion|Debatte|Forum|Postings|Comments)\s*(?:zum\s+Artikel|zu\s+diesem\s+Artikel)?\s*(?:\((?P<n2>\d{1,6})\)|:\s*(?P<n3>\d{1,6})|\[(?P<n4>\d{1,6})\]|\s+(?P<n6>\d{1,5}))
      | Antworten\s*:\s*(?P<n7>\d{1,6})
      | (?:Kein|Keine|Noch\s+keine)\s+(?:Leser-?)?(?:Kommentare?|Beiträge?)(?:\s+vorhanden)?
    )\s*[.!]?$"#)
});

static PLAIN_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)^(?:
        (?:Leser-?)?Kommentare|Leserkommentare|Leserbriefe|Leserforum|Leserdebatte|Leserdiskussion|Diskussion|Debatte|Forum|
        Leser-?(?:meinungen|reaktionen|zuschriften)|
        (?:Leser-?)?Kommentare\s+(?:zum|zu\s+diesem)\s+(?:Artikel|Beitrag|Thema)|
        Forum\s+zu(?:m|\s+diesem)\s+(?:Artikel|Beitrag|Thema)|Diskussion\s+zu(?:m|\s+diesem)\s+(?:Artikel|Beitrag|Thema)|
        (?:Ihre\s+)?Meinung(?:\s+zu(?:m|\s+diesem)\s+(?:Artikel|Beitrag|Thema))?|
        Diskutieren\s+Sie\s+mit!?|Was\s+meinen\s+Sie\?|Leserstimmen|Kommentarbereich|Kommentarspalte|
        Ihre\s+Meinung\s+(?:ist\s+gefragt|zählt|interessiert\s+uns)!?|Leserdiskussion|Leserdebatte
    )\s*:?$")
});

/// What a comment-section header line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// "31 Kommentare", "insgesamt 31 Beiträge", "Kommentare (31)", "Keine Kommentare" (0).
    Count(usize),
    /// "Kommentare", "Leserkommentare", "Forum zum Artikel" without a number.
    Plain,
}

static SORT_CONTROL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?:\s{2,}|\s*[|·▾▼]\s*)(?:sortier(?:en|t|ung)(?:\s+nach)?\b.*|(?:neueste|älteste|beste|top)\s+(?:zuerst|zuletzt|oben|unten)\b.*)$")
});

/// Removes a sort control that follows a section header on the same line
/// ("17 Kommentare   Sortieren nach: Beste ▾", "Kommentare | Neueste zuerst").
/// The header before it stays.
pub fn strip_sort_control(s: &str) -> &str {
    strip_sort_control_in(s, &Facts::ANY)
}

/// [`strip_sort_control`] of `s`, a part of the string `f` was gathered from.
fn strip_sort_control_in<'s>(s: &'s str, f: &Facts) -> &'s str {
    if !may_have_sort_separator_in(s, f) || !may_have_sort_control(s) {
        return s;
    }
    match SORT_CONTROL.find(s) {
        Some(m) if m.start() > 0 => s.get(..m.start()).unwrap_or(s).trim_end(),
        _ => s,
    }
}

/// Whether `s` holds what every [`SORT_CONTROL`] match holds: "ortier" (of
/// "sortier"), "zuer" (of "zuerst"), "zule" (of "zuletzt"), "oben" or "unten",
/// ASCII-case-insensitively.
/// Under `(?i)` only the long s (U+017F) and the Kelvin sign fold to ASCII
/// letters (test `only_kelvin_sign_and_long_s_fold_to_ascii_letters`), and
/// none of these words' letters is s or k; so a line without them has no
/// match, and the regex, which would scan the whole line, is skipped.
fn may_have_sort_control(s: &str) -> bool {
    let b = s.as_bytes();
    contains_ascii_ci(b, b"oben", 1)
        || contains_ascii_ci(b, b"zuer", 0)
        || contains_ascii_ci(b, b"zule", 0)
        || contains_ascii_ci(b, b"unten", 2)
        || contains_ascii_ci(b, b"ortier", 0)
}

/// Whether `s` holds what every [`SORT_CONTROL`] match begins with: two
/// white-space chars in a row (`\s{2,}`), or one of the separators '|',
/// '·', '▾', '▼'. One branch-free pass for pairs of ASCII white space, a
/// search for '|', then a look at the bytes that begin '·', '▾', '▼' or a
/// multi-byte white-space char (any one of those counts, a conservative
/// answer). Most lines have none, and the keyword searches of
/// [`may_have_sort_control`] (on frequent letters) are skipped.
#[cfg(test)]
fn may_have_sort_separator(s: &str) -> bool {
    may_have_sort_separator_in(s, &Facts::ANY)
}

/// [`may_have_sort_separator`] of `s`, a part of the string `f` was gathered
/// from, with the same answer: where the facts rule out the ASCII white
/// space other than the space, a pair of ASCII white space is two spaces,
/// found by a SIMD search for them (instead of the pass over every byte
/// pair); where they rule out '|' or the lead bytes 0xC2, 0xE1..0xE3 (of
/// '·', '▾', '▼' and the multi-byte white space), those searches are
/// skipped (test `sort_separator_facts_agree`).
fn may_have_sort_separator_in(s: &str, f: &Facts) -> bool {
    static TWO_SPACES: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("  "));
    let b = s.as_bytes();
    let ws_pair = if f.may(C_WS_CTRL) {
        b.iter().zip(b.iter().skip(1)).fold(false, |acc, (&c, &d)| acc | (is_ascii_ws(c) & is_ascii_ws(d)))
    } else {
        TWO_SPACES.find(b).is_some()
    };
    ws_pair
        || f.may(C_BAR) && memchr::memchr(b'|', b).is_some()
        || f.may(C_WS_LEAD)
            && memchr::memchr3_iter(0xc2, 0xe2, 0xe3, b)
            .chain(memchr::memchr_iter(0xe1, b))
            .any(|i| ws_len_multi(b, i) > 0 || matches!(&b[i..], [0xc2, 0xb7, ..] | [0xe2, 0x96, 0xbe | 0xbc, ..]))
}

/// Whether `b` contains `needle` (ASCII letters, lower case) compared
/// ASCII-case-insensitively, found by a SIMD search for both cases of its
/// byte at `key` (choose a rare one).
pub(crate) fn contains_ascii_ci(b: &[u8], needle: &[u8], key: usize) -> bool {
    let k = needle[key];
    memchr::memchr2_iter(k, k.to_ascii_uppercase(), b)
        .any(|i| i >= key && b.get(i - key..i - key + needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(needle)))
}

/// Whether `b` contains `lit`, found by a SIMD search for its byte at `key`
/// (choose a rare one); `str::contains` with a string pattern sets up a
/// two-way searcher on every call, which costs more than the search on a
/// line.
pub(crate) fn contains_at(b: &[u8], lit: &[u8], key: usize) -> bool {
    memchr::memchr_iter(lit[key], b).any(|i| i >= key && b.get(i - key..i - key + lit.len()) == Some(lit))
}

/// `s.split_once('\n')` by a SIMD search for the newline (the standard
/// library's char search scans with a slower byte loop).
pub(crate) fn split_first_line(s: &str) -> Option<(&str, &str)> {
    let i = memchr::memchr(b'\n', s.as_bytes())?;
    Some((&s[..i], &s[i + 1..]))
}

/// `str::rfind` of `lit` in `b` (the start of its last occurrence), by a
/// SIMD search backwards for its byte at `key` (choose a rare one);
/// `str::rfind` and `rsplit_once` with a string pattern set up a two-way
/// searcher on every call.
pub(crate) fn rfind_at(b: &[u8], lit: &[u8], key: usize) -> Option<usize> {
    memchr::memrchr_iter(lit[key], b).filter(|&i| i >= key).map(|i| i - key).find(|&p| b.get(p..p + lit.len()) == Some(lit))
}

/// The starts of the occurrences of `lit` in `b` that `str::match_indices`
/// yields (from the left, each search going on after the last match, so no
/// two overlap), by a SIMD search for its byte at `key`.
pub(crate) fn match_starts_at<'b>(b: &'b [u8], lit: &'b [u8], key: usize) -> impl Iterator<Item = usize> + 'b {
    let mut next = 0usize;
    memchr::memchr_iter(lit[key], b).filter_map(move |i| {
        let p = i.checked_sub(key).filter(|&p| p >= next && b.get(p..p + lit.len()) == Some(lit))?;
        next = p + lit.len();
        Some(p)
    })
}

/// Leading reply arrows of indented replies ("↳ Name antwortete …", "↪ Antwort an Name").
pub fn strip_reply_arrow(s: &str) -> &str {
    let t = trim_start(s);
    match t.strip_prefix(['↳', '↪', '⤷', '⮡', '↘', '➥', '⤶']) {
        Some(rest) => rest.trim_start(),
        None => s,
    }
}

/// Recognises a comment-section header. Teaser headlines that merely contain
/// the word ("Kommentar: Warum ...", "Der Chefredakteur kommentiert: ...") do
/// not match: the whole line must be the header.
pub fn comment_header(s: &str) -> Option<Header> {
    comment_header_in(s, &Facts::ANY)
}

/// [`comment_header`] of `s`, a part of the string `f` was gathered from.
pub(crate) fn comment_header_in(s: &str, f: &Facts) -> Option<Header> {
    static KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)komment|beitr|reaktion|leser|diskus|forum|debatt|meinung|gedanken|posting|eintr|zuschrift|antwort|stimmen|was meinen|comments")
    });
    let s = trim(s);
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if s.as_bytes()[0] >= 0xe2 {
        if let Some(rest) = after_icon(s) {
            return comment_header_in(rest, f);
        }
    }
    // Every line `header_match` is asked about below is a prefix of `s`
    // (trailing UI words and a sort control are cut off the end, then white
    // space; `s` begins with no white space), at least one byte long. No
    // header is one byte long, and one of two or more bytes begins with two
    // bytes the start tables of the header regex admit: when those of `s`
    // are not admitted, nothing below can find a header.
    if !ANY_HEADER.may_match_two_byte_prefix_of(s) {
        return None;
    }
    // A header needs a keyword anywhere in the line and a whole-line match of
    // a header regex. The header regexes are anchored and give up after a few
    // bytes on most lines, cheaper than the keyword scan over the whole line,
    // so they go first, unless trailing UI words must be stripped first (the
    // stripping scans the line, so the keyword decides first as before).
    let strip = has_ui_separator_in(s, f);
    if strip && !KEYWORD.is_match(s) {
        return None;
    }
    if strip {
        if let Some(n) = reaction_counts(s) {
            return Some(Header::Count(n));
        }
    }
    // Without a separator `strip_trailing_ui` returns `s`, which is trimmed.
    let t = if strip { trim(strip_trailing_ui(s)) } else { s };
    if let Some(h) = header_match(t) {
        return (strip || KEYWORD.is_match(s)).then_some(h);
    }
    // A sort control after the header ("Kommentare (12)  Sortieren: Neueste"):
    // stripping it is ruled out by a byte search on almost every line (see
    // `may_have_sort_control`), cheaper than the keyword scan, so it goes
    // first (both are pure; the header needs both).
    let u = strip_sort_control_in(t, f);
    if u.len() == t.len() {
        return None;
    }
    if !strip && !KEYWORD.is_match(s) {
        return None;
    }
    header_match(u)
}

/// A header behind an icon (session 6): "💬 Diskussion zum Artikel (5)",
/// "💬 Beiträge (6)   Filter: Alle | Pro" (a toolbar after three spaces is
/// cut). The rest after the icon char (a char of three or four bytes that
/// is no letter or digit), a variation selector and spaces, when it opens
/// with a letter or digit.
fn after_icon(s: &str) -> Option<&str> {
    if s.as_bytes().first().is_none_or(|&b| b < 0xe2) {
        return None;
    }
    let mut cs = s.chars();
    if !cs.next().is_some_and(is_icon) {
        return None;
    }
    let rest = cs.as_str().trim_start_matches(['\u{fe0f}', ' ']);
    let rest = rest.split("   ").next().unwrap_or(rest).trim_end();
    (rest.len() < s.len() && rest.starts_with(char::is_alphanumeric)).then_some(rest)
}

/// Both header regexes in one alternation: one search instead of two on the
/// many lines that are no header. Only its start tables are used: the
/// search is [`HEADERS`]'s.
static ANY_HEADER: LazyLock<StartRegex> =
    LazyLock::new(|| StartRegex::new(&format!("(?:{})|(?:{})", COUNT_HEADER.as_str(), PLAIN_HEADER.as_str())));

/// [`COUNT_HEADER`] and [`PLAIN_HEADER`] as the two patterns of one regex
/// (speed25): an anchored search matches where [`ANY_HEADER`] does and
/// names the pattern, 0 exactly when [`COUNT_HEADER`] matches (both are
/// anchored at both ends, and leftmost-first prefers the first pattern, as
/// the alternation its first branch; test `header_pattern_is_count_header`).
/// A header line then costs one walk of one lazy DFA instead of a second
/// walk of [`COUNT_HEADER`]'s, whose states a page touched only on header
/// lines and found evicted from L2 when the pages rotate.
static HEADERS: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    regex_automata::meta::Regex::new_many(&[COUNT_HEADER.as_str(), PLAIN_HEADER.as_str()]).expect("cue regex must compile")
});

/// Whether `s` is a whole [`COUNT_HEADER`] (`Some(true)`) or only a whole
/// [`PLAIN_HEADER`] (`Some(false)`), by one search of [`HEADERS`] after the
/// start tables of [`ANY_HEADER`]; `None` when neither matches.
fn header_pattern(s: &str) -> Option<bool> {
    use regex_automata::{Anchored, Input};
    if !ANY_HEADER.may_match(s) {
        return None;
    }
    HEADERS.search_half(&Input::new(s).anchored(Anchored::Yes)).map(|m| m.pattern().as_usize() == 0)
}

/// Reaction counts of a post shown as a comment section (fediverse,
/// social media): "5 Antworten · 14 Boosts · 38 Favoriten" -> 5.
fn reaction_counts(s: &str) -> Option<usize> {
    static COUNTS: LazyLock<StartRegex> = LazyLock::new(|| {
        StartRegex::new(r"(?i)^(\d{1,6})\s+(?:Antworten|Antwort|Kommentare?)\s*[·|•]\s*\d{1,6}\s+(?:Boosts?|Reblogs?|Favoriten|Favs?|Likes?|Shares?|Retweets?|Reposts?)(?:\s*[·|•]\s*\d{1,6}\s+\w+){0,3}$")
    });
    match captures(&COUNTS, s) {
        Some(c) => c.get(1)?.as_str().parse().ok(),
        None => reaction_counts_any_order(s),
    }
}

/// Reaction counts in any order (session 6): "27 Likes · 9 Reposts · 5
/// Antworten · 2 Erwähnungen" -> 5. Every item is a count and one word, one
/// of them replies or comments, another likes, reposts or the like.
fn reaction_counts_any_order(s: &str) -> Option<usize> {
    if s.len() > 120 || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (mut replies, mut reactions, mut items) = (None, 0usize, 0usize);
    for item in s.split(['·', '|', '•']) {
        let (num, word) = item.trim().split_once(' ')?;
        let n: usize = num.parse().ok()?;
        let w = word.trim().to_lowercase();
        if w.contains(' ') || w.is_empty() {
            return None;
        }
        items += 1;
        if matches!(w.as_str(), "antworten" | "antwort" | "kommentare" | "kommentar" | "replies" | "reply" | "comments" | "comment") {
            replies.get_or_insert(n);
        } else if matches!(
            w.as_str(),
            "likes" | "like" | "reposts" | "repost" | "boosts" | "boost" | "favoriten" | "favs" | "shares" | "retweets" | "reblogs" | "gefällt-mir" | "herzen"
        ) {
            reactions += 1;
        }
    }
    (items >= 2 && reactions >= 1).then_some(replies).flatten()
}

/// [`comment_header`] without the keyword test, on a line whose trailing UI
/// words are stripped.
fn header_match(s: &str) -> Option<Header> {
    let count = header_pattern(s)?;
    if count {
        // The count is the first run of digits in the line: in every
        // alternative of COUNT_HEADER only words and spaces come before its
        // number group (n1 ... n6), and the alternative without one ("Keine
        // Kommentare") has no digit at all. (The capturing search that would
        // name the group is many times slower.)
        static DIGITS: LazyLock<Regex> = LazyLock::new(|| re(r"\d+"));
        let n = DIGITS.find(s).and_then(|m| m.as_str().parse::<usize>().ok()).unwrap_or(0);
        // "1 Kommentar zu ..." is a header; a long sentence that starts with a
        // number ("3 Beiträge über die Reform sind erschienen, ...") is not.
        if s.len() <= 160 || s.contains('"') || s.contains('„') || s.contains('»') {
            return Some(Header::Count(n));
        }
        // A long count line may still be a plain header (rare: asked anew).
        return PLAIN_HEADER.is_match(s).then_some(Header::Plain);
    }
    Some(Header::Plain)
}

// ---------------------------------------------------------------------------
// UI words of comment sections and share bars

const UI_ITEM: &str = r"(?:
    antworten|antwort\s+schreiben|auf\s+diesen\s+(?:beitrag|kommentar)\s+antworten|melden|(?:beitrag|kommentar|missbrauch)\s+melden|empfehlen|teilen|zitieren|bearbeiten|löschen|permalink|link\s+kopieren|
    gefällt\s+mir(?:\s+nicht)?|
    (?:empfehlungen|empfehlen|zustimmen|zustimmung|ablehnen|ablehnung|likes?|dislikes?|daumen\s+(?:hoch|runter)|gefällt\s+mir(?:\s+nicht)?|hilfreich|nicht\s+hilfreich|danke)\s*(?:\(\s*\d+\s*\)|[:·]?\s*\d+)|
    \d+\s+(?:likes?|empfehlungen|zustimmungen|personen\s+gefällt\s+das|gefällt\s+das|antworten|antwort)|(?:antworten|antwort)\s*\(\s*\d+\s*\)|
    \d+\s+(?:leser(?:innen)?|personen|nutzer(?:innen)?)\s+(?:finden|fanden)\s+(?:diesen|den)\s+(?:kommentar|beitrag)\s+(?:gut|hilfreich|lesenswert)|
    \d+\s*[👍👎]|[👍👎]\s*\d+|[▲▼△▽⬆⬇↑↓]\s*\d+|[▲▼△▽⬆⬇↑↓⌄⌃▴▾]|[↩⇄★☆🔁⭐]\s*\d+|
    (?:war|ist|fanden\s+sie|finden\s+sie|fandest\s+du|findest\s+du)\s+diese[rn]?\s+(?:kommentar|beitrag|antwort)\s+hilfreich\s*\??|(?:ja|nein)\s*\(\s*\d+\s*\)|
    \d+\s+(?:boosts?|favoriten|favs?|reblogs?|upvotes?|downvotes?|punkte|stimmen)|
    (?:aufrufe|zugriffe|views|hits)\s*:?\s*\d[\d.]*|\d[\d.]*\s+(?:aufrufe|zugriffe)|neues\s+thema(?:\s+erstellen)?|neue\s+antwort|
    (?:beginne|starte|eröffne)n?\s+(?:sie\s+)?(?:eine\s+)?(?:neue\s+)?diskussion(?:\s+.{1,60})?|
    alle\s+(?:\d+\s+)?(?:kommentare|beiträge|antworten)\s*(?:öffnen|anzeigen|laden|lesen|einblenden|ansehen)?|
    (?:weitere|mehr|ältere|neuere|frühere)\s+(?:\d+\s+)?(?:kommentare|beiträge|antworten)(?:\s+(?:laden|anzeigen|einblenden|lesen|ansehen))?(?:\s*\(\s*\d+\s*\))?|
    (?:\d+\s+)?(?:antworten|antwort)\s+(?:anzeigen|einblenden|ausblenden|verbergen)|
    (?:einen\s+|ihren\s+|neuen\s+|neue\s+|eine\s+)?(?:kommentar|beitrag|antwort|leserbrief|thema)\s+(?:schreiben|verfassen|abgeben|hinzufügen|absenden|erstellen)(?:\s*\([^)]{0,40}\))?|jetzt\s+(?:kommentieren|mitdiskutieren)|kommentieren|mitdiskutieren|
    kommentar(?:e|bereich|spalte)?\s+(?:ein-?\s*/\s*aus|ein|aus)?(?:blenden|einblenden|ausblenden|anzeigen|verbergen)|
    zurück\s+zu(?:m|r)?\s+.{1,40}|zum\s+(?:leser)?forum|alle\s+diskussionen(?:\s+im\s+\S+)?|wer\s+ist\s+online\??|
    (?:nachricht|antwort)\s+an\s+\S{1,40}\s+(?:senden|schreiben)|ihr\s+name|ihre\s+e-?mail(?:-?adresse)?|ihr\s+kommentar|(?:deine|eure)\s+meinung|name\s*\*?|e-?mail\s*\*?|kommentar|absenden|abschicken|senden|pflichtfeld(?:er)?|
    seite\s+\d+(?:\s+von\s+\d+)?|(?:kommentar|beitrag|antwort|eintrag)\s+(?:nr\.?\s*)?\d+\s+(?:von|/)\s+\d+|(?:nächste|vorherige|erste|letzte)\s+seite|weiter\s*[»›>]?|[«‹<]?\s*zurück|[»›«‹]|
    sortier(?:en|ung)(?:\s*(?:nach)?\s*:?.*)?|(?:neueste|älteste|beliebteste|beste)(?:\s+(?:zuerst|zuletzt|oben|unten))?(?:\s*[▾▼⌄])?|
    zum\s+seitenanfang|nach\s+oben|nach\s+unten|top|zum\s+forum\.*|gespeichert|seiten\s*:(?:\s*\[?\d+\]?)+|(?:«\s*)?(?:vorheriges|nächstes)(?:\s+thema)?(?:\s*»)?|
    (?:die\s+)?diskussion(?:\s+zu\s+diesem\s+(?:artikel|beitrag|thema))?\s+(?:ist\s+|wurde\s+)?(?:geschlossen|beendet).*|kommentare\s+geschlossen.*|kommentare\s+(?:werden|sind|bleiben)\s+.{0,40}?(?:geschlossen|deaktiviert|gesperrt)(?-u:\b).*|(?:die\s+)?kommentarfunktion(?-u:\b).*(?:geschlossen|deaktiviert|abgeschaltet|nicht\s+(?:mehr\s+)?(?:möglich|verfügbar)).*|
    das\s+kommentieren(?-u:\b).*(?:deaktiviert|geschlossen|nicht\s+(?:mehr\s+)?möglich).*|
    (?:ab|an)melden|einloggen|ausloggen|login|logout|registrieren|netiquette|
    lesen\s+sie\s+die\s+beiträge!?|mehr\s+anzeigen|weniger\s+anzeigen|ausklappen|einklappen|
    (?:redaktionell\s+)?empfohlen|redaktionsempfehlung|top-?kommentar|
    neu\s+laden|aktualisieren|
    like|reply|share|report|post|avatar|profilbild|benutzerbild|(?:reply|replies|share|teilen)\s*[·:]?\s*\d+|log\s+in|sign\s+(?:in|up)|sort\s+by(?:\s*:?.*)?|(?:newest|oldest|latest|best|popular)(?:\s+first)?|(?:add|write)\s+a\s+(?:comment|reply)|view\s+(?:all\s+)?(?:\d+\s+)?(?:more\s+)?(?:comments|replies)|
    (?:top|all|newest|oldest|latest)\s+comments|load\s+more(?:\s+comments)?|(?:show|hide)\s+(?:\d+\s+)?(?:more\s+)?(?:repl(?:y|ies)|comments?)|
    (?:noch\s+|bisher\s+|derzeit\s+)?keine\s+(?:leser-?)?(?:kommentare|beiträge)(?:\s+vorhanden)?\.?|
    (?:schreiben|verfassen)\s+sie\s+(?:den|einen)\s+ersten\s+(?:kommentar|beitrag)|seien\s+sie\s+(?:der|die)\s+erste(?:\s+oder\s+(?:der|die)\s+erste)?(?:,?\s+(?:der|die)\s+(?:kommentiert|etwas\s+schreibt))?
)";

static UI_LINE: LazyLock<StartRegex> = LazyLock::new(|| {
    StartRegex::with_cache(&format!(
        r"(?ix)^(?:[|·•/]\s*)?\[?\s*{UI_ITEM}\s*\]?(?:\s*[|·•/,]?\s*\[?\s*{UI_ITEM}\s*\]?)*\s*[|·•/]?\s*(?:[.!]|…|\.\.\.)?$"
    ))
});

/// A line made only of comment-section UI words: "Antworten Melden Gefällt mir 21",
/// "Empfehlen (41) · Melden", "Alle Kommentare öffnen", "Seite 1 von 4 | weiter »",
/// "Das Kommentieren dieses Artikels wurde deaktiviert.".
pub fn is_ui_line(s: &str) -> bool {
    let s = trim(s);
    !s.is_empty() && s.len() <= 300 && UI_LINE.is_match(s)
}

// ---------------------------------------------------------------------------
// Furniture lexicon

/// The separators of navigation items; [`nav_split`] splits by it without
/// the regex engine (the regex stays as its reference).
#[cfg(test)]
static NAV_SEP: LazyLock<Regex> = LazyLock::new(|| re(r"\s+[|·›»>/•]\s+|\s{3,}|\s*\|\s*"));

/// `NAV_SEP.split(s)` by a byte loop (the regex engine's split costs more
/// than the whole rest of [`is_nav_line`]).
fn nav_split(s: &str) -> impl Iterator<Item = &str> {
    let b = s.as_bytes();
    let mut start = Some(0usize);
    std::iter::from_fn(move || {
        let from = start?;
        match nav_sep_find(b, from) {
            Some((ms, me)) => {
                start = Some(me);
                Some(s.get(from..ms).unwrap_or(""))
            }
            None => {
                start = None;
                Some(s.get(from..).unwrap_or(""))
            }
        }
    })
}

/// The end of the run of white space that starts at byte `i` of `b` (`i`
/// itself when none does), and the number of its chars.
#[inline]
fn ws_run(b: &[u8], mut i: usize) -> (usize, usize) {
    let mut n = 0;
    while i < b.len() {
        let w = ws_len(b, i);
        if w == 0 {
            break;
        }
        i += w;
        n += 1;
    }
    (i, n)
}

/// Byte length of the separator char of `[|·›»>/•]` at byte `i` of `b`, or 0.
#[inline]
fn nav_sep_char_len(b: &[u8], i: usize) -> usize {
    match b.get(i..).unwrap_or(&[]) {
        [b'|' | b'>' | b'/', ..] => 1,
        [0xc2, 0xb7 | 0xbb, ..] => 2,
        [0xe2, 0x80, 0xba | 0xa2, ..] => 3,
        _ => 0,
    }
}

/// The first match of [`NAV_SEP`] (`\s+[|·›»>/•]\s+|\s{3,}|\s*\|\s*`) at or
/// after byte `from` of `b`, as the regex finds it (leftmost, the first
/// alternative that matches there, each repetition greedy). A match can only
/// begin at the start of a run of white space or at a '|' without white
/// space before it: inside a run, each alternative fails where it failed at
/// the run's start (the same char follows the run, fewer white space).
fn nav_sep_find(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut p = from;
    while p < b.len() {
        if ws_len(b, p) == 0 {
            if b[p] == b'|' {
                return Some((p, ws_run(b, p + 1).0));
            }
            p += 1;
            continue;
        }
        let (r, n) = ws_run(b, p);
        let sl = nav_sep_char_len(b, r);
        if sl > 0 {
            let e = ws_run(b, r + sl).0;
            if e > r + sl {
                return Some((p, e));
            }
        }
        if n >= 3 {
            return Some((p, r));
        }
        if b.get(r) == Some(&b'|') {
            return Some((p, ws_run(b, r + 1).0));
        }
        p = r;
    }
    None
}

/// A navigation or link bar: three or more short items separated by
/// "|", "·", "›", "»" ("Startseite › Politik › Land", "Impressum | Datenschutz | AGB").
pub fn is_nav_line(s: &str) -> bool {
    is_nav_line_in(s, &Facts::ANY)
}

/// [`is_nav_line`] of `s`, a part of the string `f` was gathered from.
pub(crate) fn is_nav_line_in(s: &str, f: &Facts) -> bool {
    static THREE_SPACES: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("   "));
    // s.contains(['|', '·', '›', '»', '>', '/', '•']) || s.contains("   "), by bytes:
    // '·' is C2 B7, '»' C2 BB, '›' E2 80 BA, '•' E2 80 A2.
    let b = s.as_bytes();
    let sep = || {
        f.may(C_BAR | C_GT_SLASH) && memchr::memchr3(b'|', b'>', b'/', b).is_some()
            || f.may(C_B7 | C_BB_BA | C_A2)
                && memchr::memchr2_iter(0xc2, 0xe2, b).any(|i| matches!(&b[i..], [0xc2, 0xb7 | 0xbb, ..] | [0xe2, 0x80, 0xba | 0xa2, ..]))
            || THREE_SPACES.find(b).is_some()
    };
    if s.len() > 400 || !sep() {
        return false;
    }
    // One pass over the parts, stopping at the first part too long for a link.
    let mut n = 0usize;
    for p in nav_split(s).map(trim).filter(|p| !p.is_empty()) {
        if chars_more_than(p, 40) {
            return false;
        }
        let w = word_count(p);
        if w > 4 || p.ends_with('.') && w > 2 {
            return false;
        }
        n += 1;
    }
    n >= 3
}

static STRONG_FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)
        ^(?:copyright|\(c\)|©)\s*(?:©\s*)?\d{4}|^©|©\s*\d{4}|(?-u:\b)copyright\s*©|
        alle\s+rechte\s+vorbehalten|
        vervielfältigung\s+nur\s+mit|
        ^(?:alle\s+akzeptieren|akzeptieren(?:\s+und\s+(?:weiter|schließen))?|zustimmen(?:\s+und\s+weiter)?|alle\s+ablehnen|ablehnen|
            nur\s+(?:notwendige|essenzielle|erforderliche)\s+cookies(?:\s+(?:akzeptieren|zulassen))?|einstellungen(?:\s+(?:verwalten|anpassen|ändern))?|
            cookie-?einstellungen|datenschutz-?einstellungen|privatsphäre-?einstellungen|nein,?\s+danke|ja,?\s+bitte|jetzt\s+aktivieren|aktivieren|später|
            vielleicht\s+später|schließen|ok|okay|verstanden|einverstanden|hinweis\s+(?:nicht\s+mehr\s+anzeigen|schließen)\.?|nicht\s+mehr\s+anzeigen\.?|
            jetzt\s+(?:aufrufen|lesen|abonnieren|testen|anmelden|registrieren|abschließen|bestellen|weiterlesen|sichern)\.?|
            anzeige|werbung|sponsored|gesponsert|advertorial|paid\s+content|e-?mail-?adresse(?:\s+eingeben)?|(?:kostenlos\s+)?abonnieren|abo(?:\s+abschließen)?|e-?paper|
            zur\s+startseite|startseite|impressum|datenschutz(?:erklärung)?|agb|kontakt|mediadaten|nutzungsbedingungen|barrierefreiheit|
            plus|premium|exklusiv|zum\s+angebot|mehr\s+optionen|individuelle\s+einstellungen|ja,?\s+gerne|details|zum\s+inhalt\s+springen|menü|suche)\s*[.!]?$|
        ^(?:pingback|trackback)\s*:|netiquette|kommentarrichtlinien|diskussionsregeln|forenregeln|community-?richtlinien|nutzungsregeln|
        vor\s+der\s+veröffentlichung\s+geprüft|meinung\s+(?:ihrer|der)\s+(?:verfasser|verfasserinnen|autoren|einsender)|behält\s+sich\s+(?:das\s+recht\s+auf\s+)?kürzungen\s+vor|von\s+der\s+redaktion\s+(?:geprüft|freigeschaltet)|freigeschaltet(?-u:\b)|behält\s+sich\s+vor|
        melden\s+sie\s+sich\s+an|um\s+zu\s+kommentieren|mit\s+dem\s+absenden|anmeldung\s+erforderlich|keine\s+weiteren\s+kommentare|
        ^wer\s+ist\s+online|^mitglieder\s+in\s+diesem|(?-u:\b)ist\s+ein\s+angebot\s+(?:der|des|von)(?-u:\b)
    ")
});

/// Furniture that is safe to drop anywhere, even inside a comment section:
/// copyright lines, consent and notification buttons, paywall buttons.
pub fn is_strong_furniture(s: &str) -> bool {
    let s = trim(s);
    !s.is_empty() && s.len() <= 300 && STRONG_FURNITURE.is_match(s)
}

/// Whether neither the strong-furniture nor the lexicon regex matches
/// anywhere in `s`, by one search of their alternation (which matches
/// exactly when one of them does, and costs little more than one of them).
/// Then [`is_strong_furniture`]`(s)` is false, and so is
/// [`is_lexicon_furniture`]`(s)` for a trimmed `s` (the strong cue trims).
pub fn neither_strong_nor_lexicon(s: &str) -> bool {
    static BOTH: LazyLock<Regex> = LazyLock::new(|| re(&format!("(?:{})|(?:{})", STRONG_FURNITURE.as_str(), LEXICON.as_str())));
    !BOTH.is_match(s)
}

static LEXICON: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)
        (?-u:\b)cookies?(?-u:\b)|cookie-|(?-u:\b)consent(?-u:\b)|(?-u:\b)tracking(?-u:\b)|
        (?-u:\b)benachrichtigung(?:en)?(?-u:\b)|push-?(?:nachricht|benachrichtigung|mitteilung)|(?-u:\b)newsletter|
        (?-u:\b)abonnier|(?-u:\b)abonnent|(?-u:\b)abonnement|(?-u:\b)jetzt\s+abo|(?-u:\b)abo(?-u:\b)|(?-u:\b)paywall(?-u:\b)|(?-u:\b)plus-?artikel|(?-u:\b)exklusiv\s+für\s+(?:abonnenten|abonnentinnen|abonnierende)|
        (?-u:\b)weiterlesen(?-u:\b)|(?-u:\b)mehr\s+lesen(?-u:\b)|(?-u:\b)artikel\s+(?:merken|speichern)(?-u:\b)|(?-u:\b)mitteilungen\s+(?:aktivieren|einschalten)(?-u:\b)|(?-u:\b)vorlesen(?-u:\b)|(?-u:\b)drucken(?-u:\b)|
        (?-u:\b)datenschutz|(?-u:\b)werbung(?-u:\b)|(?-u:\b)anzeige(?-u:\b)|(?-u:\b)werbefrei|(?-u:\b)werbeblocker|(?-u:\b)adblock|
        (?-u:\b)registrieren(?-u:\b)|(?-u:\b)einloggen(?-u:\b)|(?-u:\b)anmelden(?-u:\b)|(?-u:\b)passwort(?-u:\b)|(?-u:\b)browser(?-u:\b)|
        (?-u:\b)facebook(?-u:\b)|(?-u:\b)twitter(?-u:\b)|(?-u:\b)whatsapp(?-u:\b)|(?-u:\b)instagram(?-u:\b)|(?-u:\b)telegram(?-u:\b)|(?-u:\b)linkedin(?-u:\b)|(?-u:\b)pinterest(?-u:\b)|(?-u:\b)artikel\s+teilen(?-u:\b)|(?-u:\b)teilen(?:$|[^\s\w]|\s+(?:[^s\s]|s[^i]|si[^c]|sic[^h]))|(?-u:\b)per\s+e-?mail(?-u:\b)|
        (?-u:\b)kommentieren\s+sie(?-u:\b)|(?-u:\b)schreiben\s+sie\s+(?:uns|einen\s+kommentar)|(?-u:\b)diskutieren\s+sie(?-u:\b)|
        (?-u:\b)impressum(?-u:\b)|(?-u:\b)agb(?-u:\b)|(?-u:\b)nutzungsbedingungen(?-u:\b)|(?-u:\b)mediadaten(?-u:\b)|
        (?-u:\b)startseite(?-u:\b)|(?-u:\b)homepage(?-u:\b)|(?-u:\b)zur\s+übersicht(?-u:\b)|(?-u:\b)wetter(?-u:\b)|(?-u:\b)horoskop(?-u:\b)|(?-u:\b)stellenmarkt(?-u:\b)|(?-u:\b)kreditrechner(?-u:\b)|(?-u:\b)gewinnspiel(?-u:\b)|
        (?-u:\b)video-?seite(?-u:\b)|(?-u:\b)bildergalerie(?-u:\b)|(?-u:\b)fotostrecke(?-u:\b)|(?-u:\b)podcast(?-u:\b)|(?-u:\b)jetzt\s+(?:aktivieren|lesen|testen|abonnieren|herunterladen|installieren)(?-u:\b)|
        (?-u:\b)app\s+(?:herunterladen|installieren|laden)(?-u:\b)|(?-u:\b)postfach(?-u:\b)|(?-u:\b)e-?mail-?adresse(?-u:\b)|(?-u:\b)push(?-u:\b)|
        (?-u:\b)kündbar(?-u:\b)|\d\s?€|€\s?\d|(?-u:\b)probeabo|(?-u:\b)weiterlesen\s+mit(?-u:\b)|(?-u:\b)bereits\s+(?:ein\s+)?abo|(?-u:\b)jetzt\s+testen(?-u:\b)|
        ^service\s*:|(?-u:\b)finden\s+sie\s+(?:auf|in|unter)\s+unser|(?-u:\b)folgen\s+sie\s+uns(?-u:\b)|(?-u:\b)einwilligung(?-u:\b)|(?-u:\b)widerrufen(?-u:\b)|(?-u:\b)ihrem\s+gerät(?-u:\b)|
        (?-u:\b)ein\s+angebot\s+(?:der|des|von)(?-u:\b)|(?-u:\b)mitglieder(?-u:\b).*(?-u:\b)gäste(?-u:\b)|(?-u:\b)interaktiven\s+grafik(?-u:\b)|
        (?-u:\b)frei\s+(?:lesbar|zugänglich)(?-u:\b)|(?-u:\b)förder-?(?:abo|mitglied)|(?-u:\b)unterstützer-?abo|
        (?-u:\b)(?:kannst\s+du|können\s+sie|könnt\s+ihr)\s(?:[^.!?]{0,60}\s)?(?:kommentieren|mitdiskutieren)(?-u:\b)|
        (?-u:\b)speichern\s+und\s*/\s*oder\s+greifen(?-u:\b)
    ")
});

/// Strong single cues: one hit on a short line is enough.
static LEXICON_STRONG: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?-u:\b)cookies?(?-u:\b)|(?-u:\b)benachrichtigung(?:en)?(?-u:\b)|push-?benachrichtigung|(?-u:\b)newsletter|(?-u:\b)abonnier|(?-u:\b)paywall(?-u:\b)|(?-u:\b)kommentieren\s+sie(?-u:\b)|(?-u:\b)registrieren(?-u:\b)|(?-u:\b)datenschutz|(?-u:\b)frei\s+lesbar(?-u:\b)|(?-u:\b)speichern\s+und\s*/\s*oder\s+greifen(?-u:\b)|(?-u:\b)(?:kannst\s+du|können\s+sie|könnt\s+ihr)\s(?:[^.!?]{0,60}\s)?(?:kommentieren|mitdiskutieren)(?-u:\b)")
});

/// Whether `s` holds a strong lexicon term (cookies, newsletter, paywall, ...).
pub fn has_strong_lexicon(s: &str) -> bool {
    LEXICON_STRONG.is_match(s)
}

/// [`LEXICON`] for counting matches by their ends alone.
static LEXICON_ENDS: LazyLock<regex_automata::meta::Regex> =
    LazyLock::new(|| regex_automata::meta::Regex::new(LEXICON.as_str()).expect("cue regex must compile"));

/// `LEXICON.find_iter(s).take(max).count()`: each search goes on from the
/// end of the match before, as `find_iter` does, but finds only where its
/// match ends (the forward search of the engine; `find_iter` also searches
/// backwards from each end for the start, which the count does not need).
/// The ends are the same: the forward search alone decides where a
/// leftmost-first match ends, and no match of the lexicon is empty (test
/// `lexicon_count_agrees_with_find_iter`).
fn lexicon_count(s: &str, max: usize) -> usize {
    let mut n = 0;
    let mut at = 0;
    while n < max {
        let Some(m) = LEXICON_ENDS.search_half(&regex_automata::Input::new(s).range(at..)) else { break };
        n += 1;
        at = m.offset();
    }
    n
}

/// Lexicon score of a line (number of furniture terms it contains).
pub fn lexicon_hits(s: &str) -> usize {
    lexicon_count(s, usize::MAX)
}

/// A furniture line judged by the lexicon: banners, consent texts, share
/// bars, newsletter and paywall boxes, service links. Long prose needs more
/// evidence than a short line.
pub fn is_lexicon_furniture(s: &str) -> bool {
    if s.len() > 1400 {
        return false;
    }
    // A short line needs one hit (`is_match` stops at the first); on a
    // longer one hits are counted only as far as the rule below needs them
    // (up to four), from the first on (no `is_match` scan before them).
    if !chars_more_than(s, 90) {
        return LEXICON.is_match(s);
    }
    // Up to 600 chars two hits decide (`hits >= 2` is the rule's first
    // case; one hit needs the strong cue); a longer line needs four.
    if chars_more_than(s, 600) {
        return lexicon_count(s, 4) >= 4;
    }
    match lexicon_count(s, 2) {
        0 => false,
        1 => !chars_more_than(s, 300) && LEXICON_STRONG.is_match(s),
        _ => true,
    }
}

static CREDIT_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?:^|[\s(\[|·])(?:Foto|Fotos|Bild|Bilder|Quelle|Grafik|Illustration|Video|Karte|Copyright|Archivfoto|Titelbild|Bildquelle)\s*:\s*[^.!?]+[)\]]?\s*$")
});
static CREDIT_MARK: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\((?:Archivbild|Symbolbild|Archivfoto|Symbolfoto|Foto|Bild|Illustration)\)|^Bildunterschrift\s*:")
});
static CREDIT_AGENCY: LazyLock<StartRegex> = LazyLock::new(|| {
    StartRegex::new(r"(?i)^(?:©\s*|\(c\)\s*)?(?:dpa|afp|ap|reuters|epa|getty\s+images|imago(?:\s+images)?|picture[\s-]alliance|keystone|ddp|sda|apa|action\s+press|shutterstock|istock)(?:\s*[/,]\s*[^/,]+)*$")
});

/// A photo caption or credit: "Foto: dpa", "Bild: Reuters", "... (Archivbild)",
/// a line that is only an agency or picture-desk name ("REUTERS").
pub fn is_credit(s: &str) -> bool {
    is_credit_in(s, &Facts::ANY)
}

/// [`is_credit`] of `s`, a part of the string `f` was gathered from.
pub(crate) fn is_credit_in(s: &str, f: &Facts) -> bool {
    let s = trim(s);
    if s.is_empty() || chars_more_than(s, 400) {
        return false;
    }
    if (f.holds(s, C_OPEN, || has_char(s, '(')) || s.starts_with("Bildunterschrift")) && may_hold_credit_mark(s, f) && CREDIT_MARK.is_match(s) {
        return true;
    }
    if f.holds(s, C_COLON, || has_char(s, ':')) {
        let t = tail(s, 130);
        if may_hold_credit_tail(t) {
            if let Some(m) = CREDIT_TAIL.find(t) {
                if t.get(m.start()..).is_some_and(|t| !chars_more_than(t, 100)) {
                    return true;
                }
            }
        }
    }
    if (s.starts_with('©') || s.starts_with("(c)")) && !chars_more_than(s, 70) {
        return true;
    }
    !chars_more_than(s, 100) && CREDIT_AGENCY.is_match(s)
}

/// Whether `s` may match [`CREDIT_MARK`]: its first alternative ends in a
/// ')' after a 'd', 'o' or 'n' ("(Symbolbild)", "(Foto)", "(Illustration)"),
/// its second begins with a 'b'. Under `(?i)` these letters match only
/// themselves in either case (of the non-ASCII chars only the Kelvin sign
/// and the long s match ASCII letters, test
/// `only_kelvin_sign_and_long_s_fold_to_ascii_letters`). A ')' is rare; a
/// byte search for it is cheaper than the regex's scan of the line.
fn may_hold_credit_mark(s: &str, f: &Facts) -> bool {
    let b = s.as_bytes();
    matches!(b.first(), Some(b'b' | b'B')) || f.may(C_CLOSE) && memchr::memchr_iter(b')', b).any(|i| i > 0 && matches!(b[i - 1], b'd' | b'D' | b'o' | b'O' | b'n' | b'N'))
}

/// Whether `t` may hold a match of [`CREDIT_TAIL`]: a ':' after its last
/// '.', '!' or '?' (anywhere if it has none; after the label's colon the
/// regex allows none of these chars up to the end) that follows a label,
/// whose last letter is o, s, d, r, e, k, n or t in either case (or a long s
/// or Kelvin sign, the only non-ASCII chars `(?i)` matches with ASCII
/// letters, test `only_kelvin_sign_and_long_s_fold_to_ascii_letters`),
/// with white space (`\s*`) between: a non-ASCII byte before the colon and
/// its ASCII white space is let through. A time ("12:30") is ruled out by
/// its digit.
fn may_hold_credit_tail(t: &str) -> bool {
    let b = t.as_bytes();
    let from = memchr::memrchr3(b'.', b'!', b'?', b).map_or(0, |p| p + 1);
    memchr::memchr_iter(b':', &b[from..]).any(|i| {
        let mut j = from + i;
        while j > 0 && matches!(b[j - 1], b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            j -= 1;
        }
        j > 0 && (b[j - 1] >= 0x80 || matches!(b[j - 1] | 0x20, b'o' | b's' | b'd' | b'r' | b'e' | b'k' | b'n' | b't'))
    })
}

/// A line that is only a credit (no caption text before it).
pub fn is_credit_only(s: &str) -> bool {
    let s = trim(s).trim_matches(|c| c == '(' || c == ')');
    // The word count first: most lines are longer, and it is cheaper than
    // the credit regexes (all three tests are pure).
    word_count(s) <= 6 && !s.contains(". ") && is_credit(s)
}

const AGENCIES: &[&str] = &[
    "dpa", "afp", "ap", "reuters", "sda", "kna", "epd", "apa", "dts", "ddp", "sid", "rtr", "afx", "dapd", "ots", "idea",
    "ats", "red",
];

/// An agency or author sign-off: "vet/dpa/Reuters", "(mbr/dpa/AFP)", "(fest/sda)", "afp".
pub fn is_signoff(s: &str) -> bool {
    let t = trim(strip_bullet(s).unwrap_or(s));
    let t = t.trim_start_matches(['(', '[']).trim_end_matches([')', ']', '.']);
    if t.is_empty() || t.len() > 40 || t.contains(' ') && !t.contains('/') && !t.contains(',') {
        return false;
    }
    let parts: Vec<&str> = t.split(['/', ',']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() || parts.len() > 5 {
        return false;
    }
    let all_short = parts
        .iter()
        .all(|p| p.chars().count() <= 8 && !p.contains(' ') && p.chars().all(|c| c.is_alphabetic() || c == '-'));
    if !all_short {
        return false;
    }
    let agency = parts.iter().any(|p| AGENCIES.contains(&p.to_lowercase().as_str()));
    agency && (parts.len() >= 2 || t.chars().count() <= 8)
        || parts.len() >= 2 && parts.iter().all(|p| p.chars().all(|c| c.is_lowercase()))
}

static META: LazyLock<StartRegex> = LazyLock::new(|| {
    StartRegex::new(r"(?ix)^(?:
        (?:stand|aktualisiert|zuletzt\s+(?:aktualisiert|geändert|bearbeitet)|veröffentlicht|publiziert|erstellt|erschienen|datum|lesezeit|lesedauer|autor(?:in)?|quelle|text|redaktion|fotos?|bilder?)\s*:
      | (?:zuletzt\s+)?(?:aktualisiert|veröffentlicht|publiziert|erstellt|erschienen)\s+(?:am|um|vor|seit)(?-u:\b)
      | (?:aktualisiert|veröffentlicht|publiziert)\s*$
      | (?:lesezeit|lesedauer)(?-u:\b)
      | (?:ein\s+(?:kommentar|gastbeitrag|interview|bericht|essay|meinungsbeitrag)\s+)?von\s+\S+(?:\s+\S+){0,4}\s*$
    )")
});

/// Article meta data: "Stand: 12.09.2023, 17:40 Uhr", "Lesezeit: 1 min",
/// "Aktualisiert am", "publiziert: ...", bylines "Von Max Muster", date lines.
pub fn is_meta_line(s: &str) -> bool {
    is_meta_line_in(s, &LineDates::NONE)
}

/// [`is_meta_line`] of `s`, the line of `d` or a part of it.
pub(crate) fn is_meta_line_in(s: &str, d: &LineDates) -> bool {
    let s = trim(s);
    if s.is_empty() || s.len() > 200 {
        return false;
    }
    let s = strip_bullet(s).unwrap_or(s);
    if META.is_match(s) && !(s.ends_with('.') && word_count(s) > 6) {
        return true;
    }
    // A date line, possibly with weekday and a short label.
    if let Some((a, b)) = d.first(s) {
        let rest = format!("{} {}", s.get(..a).unwrap_or(""), s.get(b..).unwrap_or(""));
        let rest = rest.trim_matches(|c: char| !c.is_alphanumeric());
        // "von Name", "Text: Name", "Fotos: Name" beside the date.
        // `rest.to_lowercase().starts_with("von ")`: no non-ASCII char lower-cases to v, o, n or a space.
        let rest_words = word_count(rest);
        let byline = (rest.get(..4).is_some_and(|v| v.eq_ignore_ascii_case("von ")) || META.is_match(rest)) && rest_words <= 6;
        // A dateline with a byline: "Ort, 21. November 2026 – Von Name".
        let before = s.get(..a).unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric());
        let after = s.get(b..).unwrap_or("").trim_start_matches(|c: char| !c.is_alphanumeric());
        let dateline = word_count(before) <= 3
            && after.get(..4).is_some_and(|v| v.eq_ignore_ascii_case("von "))
            && word_count(after) <= 5;
        if (rest_words <= 2 || byline || dateline) && !s.ends_with('.') || date_only_at(s, a, b).is_some() {
            return true;
        }
    }
    false
}

static URL_LINE: LazyLock<StartRegex> = LazyLock::new(|| StartRegex::new(r"(?i)^(?:https?://|www\.)\S+$"));

pub fn is_url_line(s: &str) -> bool {
    URL_LINE.is_match(trim(s))
}

static WEATHER: LazyLock<Regex> = LazyLock::new(|| re(r"-?\d{1,2}\s?°\s?[CF]?(?-u:\b)|-?\d{1,2}\s?°"));

/// A weather-table line ("Berlin 4°C / -1°C bedeckt").
pub fn is_weather_line(s: &str) -> bool {
    is_weather_line_in(s, &Facts::ANY)
}

/// [`is_weather_line`] of `s`, a part of the string `f` was gathered from.
pub(crate) fn is_weather_line_in(s: &str, f: &Facts) -> bool {
    f.may(C_B0) && has_char(s, '°') && !chars_more_than(s, 250) && WEATHER.is_match(s)
}

/// Soft teaser headings ([`TeaserHeading::Soft`]), a `(?ix)` pattern.
const TEASER_SOFT: &str = r"mehr\s+zum\s+thema|zum\s+thema|lesen\s+sie\s+(?:hier\s+|auch\s+)?(?:mehr\s+)?(?:zum\s+thema|auch|hier)?|
            (?:\d+\s+)?(?:meldungen|artikel|beiträge|nachrichten)\s+(?:im|zum)\s+(?:zusammenhang|thema)|
            dazu\s+passend|passend\s+zum\s+thema|auch\s+interessant|auch\s+lesenswert|lesenswert|siehe\s+auch|mehr\s+dazu|hintergrund";

/// Hard teaser headings ([`TeaserHeading::Hard`]), a `(?ix)` pattern.
const TEASER_HARD: &str = r"weitere\s+themen|top-?\s?meldungen|top-?\s?themen|top-?\s?news|themen\s+des\s+tages|
            das\s+könnte\s+sie\s+(?:auch\s+)?interessieren|könnte\s+sie\s+(?:auch\s+)?interessieren|
            weitere\s+(?:artikel|nachrichten|meldungen|beiträge|news|videos)(?:\s+.{0,40})?|mehr\s+(?:artikel|nachrichten|news|meldungen)(?:\s+.{0,40})?|
            mehr\s+aus\s+(?:dem\s+ressort|der\s+rubrik|\S+)|aus\s+dem\s+ressort|
            verwandte\s+(?:artikel|themen)|ähnliche\s+(?:artikel|themen)|empfehlungen|empfohlene\s+artikel|unsere\s+empfehlungen?|redaktionsempfehlungen?|
            meistgelesen(?:e\s+artikel)?|meist\s+gelesen|leser\s+diskutieren|am\s+meisten\s+gelesen|meistkommentiert|meistdiskutiert|meist\s+kommentiert|(?:die\s+)?meist(?:diskutierten|kommentierten|gelesenen)(?:\s+(?:artikel|beiträge|themen))?|beliebte\s+artikel|
            neueste\s+artikel|neueste\s+nachrichten|(?:neueste|letzte|ähnliche|verwandte)\s+(?:beiträge|einträge|posts)|aktuelle\s+nachrichten|newsticker|nachrichtenticker|
            newsletter(?:\s+.{0,30})?|wetter|das\s+wetter|serviceangebote|service|stellenmarkt|anzeigen?|partner-?angebote?|
            aus\s+dem\s+forum|(?:neueste|aktuelle|letzte)\s+(?:forums?beiträge|diskussionen|kommentare\s+im\s+forum)|
            bildergalerien?|fotostrecken?|videos?|podcasts?|mehr\s+zu\s*:.{0,40}|(?:aktuell|neu)\s+im\s+(?:leser)?forum|beliebt\s+bei\s+(?:unseren\s+)?lesern|
            meistgelesen\s+.{0,30}|(?:das\s+)?wetter\s+(?:in|für)\s+.{1,30}|
            (?:auch\s+)?im\s+netz|rund\s+ums?\s+.{1,20}|also\s+on\s+.{1,40}";

static AD_LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^[-–—\s]*(?:anzeige|werbung|sponsored|advertisement)[-–—\s]*:?$"));

static INLINE_TEASER: LazyLock<StartRegex> = LazyLock::new(|| {
    StartRegex::new(r"(?ix)^(?:lesen\s+sie\s+(?:auch|hier|mehr)|mehr\s+zum\s+thema|auch\s+interessant|siehe\s+auch|passend\s+zum\s+thema|mehr\s+dazu|ähnliche\s+(?:themen|beiträge|artikel)|verwandte\s+(?:themen|beiträge|artikel)|(?:weiter|fortsetzung)\s+auf\s+seite\s+\d{1,3})\s*:\s*\S")
});

/// A teaser label with the linked headline on the same line
/// ("Lesen Sie auch: Neue Brücke freigegeben", "Mehr zum Thema: …").
pub fn is_inline_teaser(s: &str) -> bool {
    let t = trim_start(s);
    // The start tables of the anchored regex ([`StartRegex`]) rule out most
    // lines after their first two or three bytes (every alternative starts
    // with l, m, a, s, p, ä, v, w or f, and goes on with its second letter).
    t.len() <= 300 && INLINE_TEASER.is_match(t)
}

/// A bare ad label ("Anzeige", "- Werbung -"): it marks one ad slot, not a
/// section, so it must not swallow the paragraphs after it.
pub fn is_ad_label(s: &str) -> bool {
    s.len() <= 40 && AD_LABEL.is_match(trim(s))
}

/// The hard teaser headings whose word may come anywhere in their first 25
/// or 30 chars: "Top-Teaser der Woche", "Wetter.de" (a `(?ix)` pattern).
/// Kept apart from [`TEASER_HARD`], whose headings begin with their word, so
/// that the regex of those gets selective start tables ([`StartRegex`]);
/// these are ruled out on almost every line by a byte search
/// ([`may_name_teaser_or_weather`]).
const TEASER_HARD_INNER: &str = r".{0,30}(?-u:\b)teaser(?-u:\b).{0,30}|.{0,25}(?-u:\b)wetter\.\S{2,30}";

/// A whole line that is a teaser heading, soft or hard, other than the
/// [`TEASER_HARD_INNER`] ones.
static TEASER_HEADING: LazyLock<StartRegex> =
    LazyLock::new(|| StartRegex::new(&format!(r"(?ix)^(?:(?:{TEASER_SOFT})|(?:{TEASER_HARD}))\s*:?\s*$")));

/// A whole line that is one of the [`TEASER_HARD_INNER`] headings.
static TEASER_HEADING_INNER: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?ix)^(?:{TEASER_HARD_INNER})\s*:?\s*$")));

/// Whether `s` may hold what [`TEASER_HARD_INNER`] needs: "teaser" or
/// "wetter." case-insensitively, by one search for the 'a' or '.' they hold:
/// an 'a' after "te" or a '.' after "wetter" (ASCII-case-insensitively).
/// Under `(?i)` only the long s (U+017F, which matches s) and the Kelvin
/// sign (k) are non-ASCII chars that match an ASCII letter (test
/// `only_kelvin_sign_and_long_s_fold_to_ascii_letters`); the 't', 'e', 'a',
/// 'w' and 'r' of these words are matched only by themselves in either
/// case, so "teaser" with a long s still has an 'a' after "te".
fn may_name_teaser_or_weather(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr3_iter(b'a', b'A', b'.', b).any(|i| {
        if b[i] == b'.' {
            i >= 6 && b[i - 6..i].eq_ignore_ascii_case(b"wetter")
        } else {
            i >= 2 && b[i - 2..i].eq_ignore_ascii_case(b"te")
        }
    })
}

/// The soft alternatives alone. The combined regex is anchored at both ends
/// and prefers its first alternative, so a heading it matches is soft
/// exactly when this one matches too (an `is_match` is much cheaper than
/// the capturing search that would tell which group took part).
static TEASER_HEADING_SOFT: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?ix)^(?:{TEASER_SOFT})\s*:?\s*$")));

/// Strength of a teaser/related-content heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeaserHeading {
    /// "Mehr zum Thema": often a box whose contents were not dumped; the text
    /// after it may still be article.
    Soft,
    /// "Weitere Themen", "Topmeldungen", "Newsletter", "Wetter": what follows
    /// is other content.
    Hard,
}

/// A heading that opens a teaser, related-article, newsletter or weather box.
pub fn teaser_heading(s: &str) -> Option<TeaserHeading> {
    teaser_heading_in(s, &Facts::ANY)
}

/// [`teaser_heading`] of `s`, a part of the string `f` was gathered from
/// ([`may_name_teaser_or_weather`] needs an 'a' after "te" or a '.' after
/// "wetter": an 'a' and a 't', or a '.' and a 'w').
pub(crate) fn teaser_heading_in(s: &str, f: &Facts) -> Option<TeaserHeading> {
    let s = trim(s);
    if s.is_empty() || chars_more_than(s, 70) {
        return None;
    }
    // The two regexes together are the alternation of all headings.
    let inner = || (f.may_all(C_A | C_T) || f.may_all(C_DOT | C_W)) && may_name_teaser_or_weather(s) && TEASER_HEADING_INNER.is_match(s);
    if !(TEASER_HEADING.is_match(s) || inner()) {
        None
    } else if TEASER_HEADING_SOFT.is_match(s) {
        Some(TeaserHeading::Soft)
    } else {
        Some(TeaserHeading::Hard)
    }
}

/// Teaser-line cues at the very end of a line: "mehr lesen", "weiterlesen",
/// "mehr »", "zum Artikel", "zum Video" (a `(?ix)` pattern).
const TEASER_LINE_END: &str = r"(?-u:\b)mehr\s*lesen\s*\S{0,3}\s*\d*\s*$|(?-u:\b)weiterlesen\s*\S{0,3}\s*$|(?-u:\b)mehr\s*[»›>]\s*$|(?-u:\b)zum\s+artikel\s*\S{0,3}\s*$|(?-u:\b)zum\s+video\s*\S{0,3}\s*$";

/// Teaser-line cues with an ellipsis: text cut with "..." at the end (or
/// before a final "mehr ..."), "... mehr" at the start (a `(?ix)` pattern).
const TEASER_LINE_DOTS: &str = r"\w\s*(?:\.\.\.|…)\s*(?:mehr(?-u:\b).*)?$|^\s*(?:\.\.\.|…)\s*mehr(?-u:\b)";

/// The end cues alone: anchored at the end, so the regex engine reads a
/// line backwards from its end and gives up after a few bytes on most lines.
static TEASER_LINE_AT_END: LazyLock<Regex> = LazyLock::new(|| re(&format!("(?ix){TEASER_LINE_END}")));

/// The ellipsis cues, needed only on lines with an ellipsis.
static TEASER_LINE_DOTTED: LazyLock<Regex> = LazyLock::new(|| re(&format!("(?ix){TEASER_LINE_DOTS}")));

/// A teaser line: a truncated excerpt ("... mehr lesen", ending in "..."),
/// a "weiterlesen" link.
pub fn is_teaser_line(s: &str) -> bool {
    is_teaser_line_in(s, &Facts::ANY)
}

/// [`is_teaser_line`] of `s`, a part of the string `f` was gathered from.
pub(crate) fn is_teaser_line_in(s: &str, f: &Facts) -> bool {
    let s = trim(s);
    if s.len() < 20 {
        return false;
    }
    // All cues but one sit at the end of the line.
    let t = if s.starts_with("...") || s.starts_with('…') { s } else { tail(s, 80) };
    // One regex of both cue groups (the alternation) would read all of `t`.
    chars_more_than(s, 19)
        && (TEASER_LINE_AT_END.is_match(t) || f.may(C_DOT | C_A6) && has_ellipsis(t) && TEASER_LINE_DOTTED.is_match(t))
}

static EXCERPT_WITH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?:\.\.\.|…)\s*(?:[|·–—-]\s*)?(?:(?:Mo|Di|Mi|Do|Fr|Sa|So|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)\.?,?\s*)?(?:am\s+)?\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}")
});

/// `s.contains("...")`: a SIMD search for the (rare) periods. (A prebuilt
/// `memmem::Finder` costs more per call on lines this short.)
fn has_three_dots(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'.', b).any(|i| b.get(i..i + 3) == Some(b"..."))
}

/// `has_three_dots(s) || has_char(s, '…')` in one byte search: a '.' that
/// begins "...", or the last byte (0xA6) of '…' (E2 80 A6) after its first two.
fn has_ellipsis(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr2_iter(b'.', 0xa6, b).any(|i| if b[i] == b'.' { b.get(i..i + 3) == Some(b"...") } else { i >= 2 && b[i - 2..i] == [0xe2, 0x80] })
}

/// A forum-teaser excerpt: text truncated with "..." followed by a date
/// ("... Mi, 28.12.16 01:21"), as lists of *other* threads show them.
pub fn is_excerpt_with_date(s: &str) -> bool {
    is_excerpt_with_date_in(s, &Facts::ANY)
}

/// [`is_excerpt_with_date`] of `s`, a part of the string `f` was gathered from.
pub(crate) fn is_excerpt_with_date_in(s: &str, f: &Facts) -> bool {
    f.may(C_DOT | C_A6) && has_ellipsis(s) && EXCERPT_WITH_DATE.is_match(s)
}

/// The last `n` bytes of `s` (or more, to start on a char boundary).
pub fn tail(s: &str, n: usize) -> &str {
    let start = s.len().saturating_sub(n);
    let start = (0..=start).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
    s.get(start..).unwrap_or(s)
}

// ---------------------------------------------------------------------------
// Comment structure: bullets, author lines, numbering, replies

/// The end of a text browser's link reference at byte `i` of `b` ("[31]" of
/// "[31]Klaus Hemmerich", lynx and links number every link so): '[' at the
/// start or after white space, 1–4 ASCII digits, ']', and right after it the
/// link's text (no white space, ':' or bracket: "[1]: url" is a Markdown
/// reference, "Satz [3] weiter" a footnote).
fn link_ref_end(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'[') || i > 0 && !b[i - 1].is_ascii_whitespace() {
        return None;
    }
    let digits = b.get(i + 1..)?.iter().take(5).take_while(|c| c.is_ascii_digit()).count();
    let close = i + 1 + digits;
    let next = *b.get(close + 1)?;
    ((1..=4).contains(&digits) && b.get(close) == Some(&b']') && !next.is_ascii_whitespace() && !matches!(next, b':' | b'[' | b']')).then_some(close + 1)
}

/// How many text-browser link references `s` holds (see [`link_ref_end`]).
pub(crate) fn link_ref_count(s: &str) -> usize {
    let b = s.as_bytes();
    memchr::memchr_iter(b'[', b).filter(|&i| link_ref_end(b, i).is_some()).count()
}

/// How many Markdown links ("[text](url)", "![alt](url)") `s` holds, counted
/// up to `max`: a '[' whose first ']' on the same line is followed by '('.
/// A search for '[' (rare on other pages), not for "](".
pub(crate) fn markdown_link_count(s: &str, max: usize) -> usize {
    let b = s.as_bytes();
    memchr::memchr_iter(b'[', b)
        .filter(|&i| memchr::memchr2(b']', b'\n', &b[i..]).is_some_and(|p| b[i + p] == b']' && b.get(i + p + 1) == Some(&b'(')))
        .take(max)
        .count()
}

/// A line of a Markdown dump (html2text, pandoc) as text: a heading's marks
/// ("## Kommentare (12)"), images ("![alt](url)"), link targets ("[Antworten](url)"
/// -> "Antworten") and emphasis marks ("**Name**", "_(Redaktion)_") are no
/// text. None when the line holds none of them.
pub(crate) fn strip_markdown(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let hashes = b.iter().take_while(|&&c| c == b'#').count();
    let heading = (1..=6).contains(&hashes) && b.get(hashes) == Some(&b' ');
    if !heading && memchr::memchr3(b'[', b'*', b'_', b).is_none() {
        return None;
    }
    let s = if heading { &s[hashes + 1..] } else { s };
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // "[text](url)" and "![alt](url)": the text, no image.
        if c == b'[' || c == b'!' && b.get(i + 1) == Some(&b'[') {
            let open = if c == b'!' { i + 1 } else { i };
            if let Some(close) = memchr::memchr(b']', &b[open..]).map(|p| open + p) {
                if b.get(close + 1) == Some(&b'(') {
                    if let Some(end) = memchr::memchr(b')', &b[close..]).map(|p| close + p) {
                        if !s[close + 2..end].contains(' ') {
                            if c != b'!' {
                                out.push_str(&s[open + 1..close]);
                            }
                            i = end + 1;
                            continue;
                        }
                    }
                }
            }
        }
        // "**" and "__" anywhere; a single '_' or '*' at a word's edge.
        if matches!(c, b'*' | b'_') {
            if b.get(i + 1) == Some(&c) {
                i += 2;
                continue;
            }
            let before = i == 0 || b[i - 1].is_ascii_whitespace();
            let after = i + 1 == b.len() || b[i + 1].is_ascii_whitespace();
            if before != after {
                i += 1;
                continue;
            }
        }
        let ch = s[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    let out = collapse_ws(out.trim());
    (out != s || heading).then_some(out)
}

/// `s` without its text-browser link references ("[32]Antworten [33]Melden"
/// -> "Antworten Melden"), or None when it holds none.
pub(crate) fn strip_link_refs(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut from = 0;
    for i in memchr::memchr_iter(b'[', b) {
        if i < from {
            continue;
        }
        if let Some(end) = link_ref_end(b, i) {
            out.push_str(s.get(from..i)?);
            from = end;
        }
    }
    (from > 0).then(|| {
        out.push_str(s.get(from..).unwrap_or(""));
        out
    })
}

/// The content after a bullet marker ("• ", "* ", "- ", "– ", "· ", "▪ "), if any.
/// Text browsers draw the bullets of nested lists as "*", "+", "o" (lynx:
/// one per level), so "+ " and "o " are bullets too.
pub fn strip_bullet(s: &str) -> Option<&str> {
    let t = trim_start(s);
    // Every bullet starts with one of these bytes.
    if !matches!(t.as_bytes().first(), Some(0xe2 | 0xc2 | b'*' | b'-' | b'+' | b'o')) {
        return None;
    }
    for b in ["•", "◦", "▪", "▸", "►", "·", "*", "-", "–", "—", "+", "o"] {
        if let Some(rest) = t.strip_prefix(b) {
            if rest.starts_with(char::is_whitespace) {
                let rest = rest.trim();
                if !rest.is_empty() {
                    return Some(rest);
                }
            }
        }
    }
    None
}

/// The pattern [`numbered_title`] reads by hand (the test reference).
#[cfg(test)]
static NUMBERED: LazyLock<StartRegex> = LazyLock::new(|| StartRegex::new(r"^(?:#\s?)?(\d{1,5})[.)]\s+(\S.*)$"));

/// A numbered comment title "3. Text" -> (3, "Text").
///
/// Read by hand as the captures of `^(?:#\s?)?(\d{1,5})[.)]\s+(\S.*)$`
/// ([`NUMBERED`], kept for the agreement test
/// `numbered_title_agrees_with_the_captures`) read it, without the bounded
/// backtracker (~4 k instructions a matching line): `#` and one white-space
/// char (`\s` is `char::is_whitespace`); the number is the run of `\d`
/// before `.` or `)`, which parses only when it is ASCII digits, so a run of
/// ASCII digits followed by anything but `.` or `)` (another digit, a
/// non-ASCII `\d`) answers None as the regex does (no match, or no parse);
/// `\s+` takes every white-space char, so the text is the rest from the
/// first other char, which `.*$` takes when it holds no line feed.
pub fn numbered_title(s: &str) -> Option<(u32, &str)> {
    let s = s.trim();
    let r = match s.strip_prefix('#') {
        Some(t) => t.strip_prefix(|c: char| c.is_whitespace()).unwrap_or(t),
        None => s,
    };
    let n = r.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=5).contains(&n) {
        return None;
    }
    let rest = r[n..].strip_prefix(['.', ')'])?;
    let text = rest.trim_start();
    if text.len() == rest.len() || text.is_empty() || text.contains('\n') {
        return None;
    }
    Some((r[..n].parse().ok()?, text))
}

static LEAD_NUMBER: LazyLock<StartRegex> =
    LazyLock::new(|| StartRegex::new(r"^(?:#\s?(\d{1,6})|(?:Nr\.|Beitrag|Kommentar)\s*#?\s*(\d{1,6})|(\d{1,4})\))\s*[:.]?\s*(?:[—–|·:-]\s*)?"));

/// [`LEAD_NUMBER`]'s match of `s`: the number of the group that took part
/// (None when it does not parse) and the end of the match. Read by hand
/// ([`lead_number_by_hand`]) where that is sure, else by the captures.
#[inline]
fn lead_number(s: &str) -> Option<(Option<u32>, usize)> {
    // The start tables of the regex first, as `captures` asks them: most
    // lines begin otherwise.
    if !LEAD_NUMBER.may_match(s) {
        return None;
    }
    lead_number_by_hand(s).unwrap_or_else(|| lead_number_by_captures(s))
}

/// [`lead_number`] read from [`LEAD_NUMBER`]'s captures (the bounded
/// backtracker): the way every line was read before the by-hand reading,
/// and its test reference.
fn lead_number_by_captures(s: &str) -> Option<(Option<u32>, usize)> {
    let c = captures(&LEAD_NUMBER, s)?;
    let number = c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3)).and_then(|m| m.as_str().parse().ok());
    Some((number, c.get(0).map_or(0, |m| m.end())))
}

/// [`lead_number`] without the bounded backtracker (~3 k instructions a
/// capture): Some(the answer), or None where a char may be a non-ASCII `\d`.
/// The pattern backtracks nowhere that matters: after the number its tail
/// (`\s*[:.]?\s*(?:[—–|·:-]\s*)?`) always matches, greedily; `#\s?` takes
/// the white space when a digit follows it (else no path has a digit
/// there); `\d{1,6}` takes up to six digits; the labels begin with
/// different letters; `(\d{1,4})\)` needs the whole digit run (at most four)
/// before ')'. `\s` is `char::is_whitespace`; a digit run ends sure at an
/// ASCII char or a char that is not `char::is_numeric` (a superset of
/// `\d`); else None. Test `lead_number_agrees_with_the_captures`.
fn lead_number_by_hand(s: &str) -> Option<Option<(Option<u32>, usize)>> {
    let b = s.as_bytes();
    let char_at = |i: usize| s.get(i..).and_then(|t| t.chars().next());
    // The end of a run of white-space chars from `i`.
    let spaces = |mut i: usize| {
        while let Some(c) = char_at(i).filter(|c| c.is_whitespace()) {
            i += c.len_utf8();
        }
        i
    };
    // The end of the ASCII digits from `i`, at most `max`; None when a char
    // that may be a `\d` follows fewer.
    let digits = |i: usize, max: usize| {
        let j = i + b[i..].iter().take(max).take_while(|c| c.is_ascii_digit()).count();
        match char_at(j) {
            Some(c) if j - i < max && !c.is_ascii() && c.is_numeric() => None,
            _ => Some(j),
        }
    };
    let (from, to, end) = match b.first() {
        Some(b'#') => {
            let i = match char_at(1) {
                Some(c) if c.is_whitespace() => 1 + c.len_utf8(),
                _ => 1,
            };
            let j = digits(i, 6)?;
            if j == i {
                // No digit after the white space (or after '#'): with or
                // without `\s?` no path has one there.
                return Some(None);
            }
            (i, j, j)
        }
        Some(b'N' | b'B' | b'K') => {
            let Some(label) = ["Nr.", "Beitrag", "Kommentar"].into_iter().find(|l| s.starts_with(l)) else { return Some(None) };
            let mut i = spaces(label.len());
            if b.get(i) == Some(&b'#') {
                i = spaces(i + 1);
            }
            let j = digits(i, 6)?;
            if j == i {
                return Some(None);
            }
            (i, j, j)
        }
        Some(c) if c.is_ascii_digit() => {
            let j = digits(0, 5)?;
            if j > 4 || b.get(j) != Some(&b')') {
                return Some(None);
            }
            (0, j, j + 1)
        }
        _ => return if b.first().is_some_and(|c| !c.is_ascii()) { None } else { Some(None) },
    };
    let mut e = spaces(end);
    if matches!(b.get(e), Some(b':' | b'.')) {
        e = spaces(e + 1);
    }
    if let Some(c) = char_at(e).filter(|c| matches!(c, '—' | '–' | '|' | '·' | ':' | '-')) {
        e = spaces(e + c.len_utf8());
    }
    Some(Some((s[from..to].parse().ok(), e)))
}

static FIELD_LABEL: LazyLock<StartRegex> = LazyLock::new(|| {
    StartRegex::new(r"(?i)^(?:(?P<name>name|nickname|nutzername|benutzername|autor|autorin|verfasser|verfasserin|absender)|(?P<date>datum|date|zeit|erstellt(?:\s+am)?|geschrieben(?:\s+am)?|verfasst(?:\s+am)?|gepostet(?:\s+am)?))\s*:\s*(?P<value>\S.*)$")
});

static NAME_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)(?:\s*[—–|,·:(\[»›>-]\s*|\s+)(?:(?:schrieb|schreibt|kommentierte|kommentiert|meinte|meint|antwortete|antwortet|sagt|sagte|postete)(?-u:\b)\s*)?(?:am|um|vom)?\s*$")
});

/// The verbs of a "Name schrieb:" header, a `(?ix)` pattern. WordPress's
/// "Name sagt:" / "Name says:" needs its colon (without it the words are
/// prose: "Die Ministerin sagt").
const SCHRIEB_VERB: &str = r"(?:schrieb|schreibt|kommentierte|meinte|meint|antwortete|(?P<says>sagt|says)|schrieb\s+als\s+antwort)\s*:?$";

static SCHRIEB: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?ix)^(?P<name>.+?)\s+{SCHRIEB_VERB}")));

/// The end of [`SCHRIEB`] alone: every line `SCHRIEB` matches ends with a
/// match of this one, which the regex engine finds by a short backward scan
/// from the end (`SCHRIEB` itself scans the whole line).
static SCHRIEB_END: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?ix){SCHRIEB_VERB}")));

const NAME_STOP: &[&str] = &[
    "ist", "sind", "war", "waren", "hat", "haben", "hatte", "wird", "werden", "wurde", "kann", "muss", "soll", "will", "der",
    "die", "das", "den", "dem", "des", "und", "oder", "aber", "bis", "seit", "am", "um", "im", "in", "zum", "zur", "vom",
    "mit", "für", "auf", "nach", "bei", "ein", "eine", "einen", "nicht", "es", "sie", "er", "wir", "ich", "ab", "gegen",
    "über", "unter", "wie", "als", "dass", "wenn", "so", "auch", "noch", "nur", "schon", "stand", "aktualisiert",
    "veröffentlicht", "publiziert", "erstellt", "datum", "lesezeit", "seite", "heute", "gestern", "zuletzt", "geändert",
];

/// A name ([`is_name_like`]) of at most `max_words` words.
pub fn is_short_name(s: &str, max_words: usize) -> bool {
    is_name_like(s) && word_count(s) <= max_words
}

/// A user name: 1-5 words, no sentence punctuation, no prose function words
/// (an article as the first word is allowed: "Der Realist").
pub fn is_name_like(s: &str) -> bool {
    is_name_like_in(s, &Facts::ANY)
}

/// [`is_name_like`] of `s`, a part of the string `f` was gathered from.
fn is_name_like_in(s: &str, f: &Facts) -> bool {
    let s = trim(s);
    if s.is_empty() || chars_more_than(s, 50) {
        return false;
    }
    if has_name_breaker(s, f) && !bang_handle(s) || f.may(C_DOT) && has_three_dots(s) {
        return false;
    }
    if !s.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '@') {
        return false;
    }
    // At most five words, kept on the stack.
    let mut buf = [""; 5];
    let mut n = 0;
    for w in words(s) {
        if n == buf.len() {
            return false;
        }
        buf[n] = w;
        n += 1;
    }
    let words = &buf[..n];
    if words.is_empty() {
        return false;
    }
    // A final period only after an initial ("Nadine K.") or abbreviation.
    if let Some(last) = words.last() {
        let plain_word = !last.trim_end_matches('.').contains(['.', '_', '-']);
        if last.ends_with('.') && plain_word && last.chars().filter(|c| c.is_alphabetic()).count() > 3 {
            return false;
        }
        if last.ends_with(',') {
            return false;
        }
    }
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        // An ASCII word of up to 7 bytes by its key (lower-cased, as
        // `to_lowercase` does ASCII): "der", "die", "das" and the table of
        // the short NAME_STOP words.
        if (1..=7).contains(&w.len()) && w.is_ascii() {
            let k = word_key(w.as_bytes());
            if i == 0 && words.len() > 1 && (k == ARTICLE_KEYS[0] || k == ARTICLE_KEYS[1] || k == ARTICLE_KEYS[2]) {
                continue;
            }
            if key_known(&NAME_STOP_TABLE, k) {
                return false;
            }
            continue;
        }
        // Lower-cased on the stack when ASCII (`to_lowercase` allocates).
        let mut low = [0u8; 16];
        let owned;
        let lw = if w.is_ascii() && w.len() <= low.len() {
            low[..w.len()].copy_from_slice(w.as_bytes());
            low[..w.len()].make_ascii_lowercase();
            std::str::from_utf8(&low[..w.len()]).unwrap_or("")
        } else {
            owned = w.to_lowercase();
            owned.as_str()
        };
        if i == 0 && words.len() > 1 && matches!(lw, "der" | "die" | "das") {
            continue;
        }
        if is_name_stop(lw) {
            return false;
        }
    }
    true
}

/// `s.contains(['?', '!', ';', '"', '„', '“', '«', '»', '…']) || s.contains(": ")`
/// by bytes: one branch-free pass for the ASCII ones, then a look at the
/// lead bytes of the others ('«' C2 AB, '»' C2 BB, '„' E2 80 9E, '“' E2 80 9C,
/// '…' E2 80 A6); the char search decodes every char.
fn has_name_breaker(s: &str, f: &Facts) -> bool {
    let b = s.as_bytes();
    f.holds(s, C_NAME_ASCII, || b.iter().fold(false, |acc, &c| acc | matches!(c, b'?' | b'!' | b';' | b'"')))
        || f.may(C_COLON) && memchr::memchr_iter(b':', b).any(|i| b.get(i + 1) == Some(&b' '))
        || f.may(C_QUOTE_LAST)
            && memchr::memchr2_iter(0xc2, 0xe2, b).any(|i| matches!(&b[i..], [0xc2, 0xab | 0xbb, ..] | [0xe2, 0x80, 0x9e | 0x9c | 0xa6, ..]))
}

/// A handle with an exclamation mark in it ("Frieden_jetzt_!", seg28): one
/// token of at most 30 bytes that joins words with '_' (the mark of a
/// handle, which no sentence has) and whose only breaker is '!'. Handles
/// are typed as slogans; the underscore keeps a shouted word ("Schande!")
/// out.
fn bang_handle(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() <= 30
        && memchr::memchr(b'_', b).is_some()
        && !b.iter().any(|&c| c.is_ascii_whitespace() || matches!(c, b'?' | b';' | b'"' | b':'))
        && !s.contains(['„', '“', '«', '»', '…'])
}

/// The keys of the articles a name may begin with ("Der Realist").
const ARTICLE_KEYS: [u64; 3] = [word_key(b"der"), word_key(b"die"), word_key(b"das")];

/// The keys of the [`NAME_STOP`] words of up to 7 bytes.
static NAME_STOP_TABLE: [u64; 256] = key_table(NAME_STOP);

/// Whether the lower-cased word `lw` is one of [`NAME_STOP`] (a binary
/// search in the sorted list).
fn is_name_stop(lw: &str) -> bool {
    static SORTED: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        let mut v = NAME_STOP.to_vec();
        v.sort_unstable();
        v
    });
    SORTED.binary_search(&lw).is_ok()
}

/// A parsed comment header line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthorLine {
    pub author: Option<String>,
    pub date: Option<String>,
    /// "#12" numbering in the header.
    pub number: Option<u32>,
    /// "(Antwort auf Name)" after the date.
    pub reply: Option<ReplyRef>,
}

/// Parses a comment header: "Name 15.10.2014", "Name vor 3 Stunden",
/// "#12 — Name — 14.10.2014, 21:47 Uhr", "Name schrieb am 14.10.2014 um 21:47 Uhr:",
/// "Name schrieb:", "15.10.2014 | Name", "von Name am 15.10.2014", or a bare date.
pub fn author_line(s: &str) -> Option<AuthorLine> {
    author_line_in(s, &LineDates::NONE)
}

/// [`author_line`] of `s`, the line of `d` or a part of it.
pub(crate) fn author_line_in(s: &str, d: &LineDates) -> Option<AuthorLine> {
    author_line_plain(s, d).or_else(|| part_header_in(s, d)).or_else(|| {
        letter_header(s).map(|name| AuthorLine { author: Some(name.to_string()), ..AuthorLine::default() })
    })
}

/// The header of a letter to the editor: "Leserbrief von Name, Ort",
/// "Zuschrift von Name (Ort)" -> the name without the place.
pub fn letter_header(s: &str) -> Option<&str> {
    static LETTER: LazyLock<StartRegex> = LazyLock::new(|| {
        StartRegex::new(r"(?i)^(?:Leserbrief|Leserzuschrift|Zuschrift|Leserpost|Brief|Leserbrief\s+zum\s+Thema)\s+(?:von|vom\s+Leser|von\s+Leserin)\s+(?P<name>[^,:(]{2,60}?)\s*(?:,\s*[^,:]{2,40}|\([^)]{2,40}\))?\s*:?$")
    });
    let s = trim(s);
    if s.len() > 140 {
        return None;
    }
    let name = captures(&LETTER, s)?.name("name")?.as_str().trim();
    is_short_name(name, 5).then_some(name)
}

/// A label before a date that makes the line a bare date: "eingegangen am
/// 19.11.2026", "verfasst am …".
fn is_date_label(s: &str) -> bool {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)^(?:eingegangen|eingereicht|eingesandt|gesendet|geschrieben|verfasst|gepostet|erstellt|veröffentlicht|erschienen)$")
    });
    LABEL.is_match(s)
}

/// A relative age without "vor": "3 Std.", "47 Min.", "2 Tage", "5 h".
static SHORT_AGE: LazyLock<StartRegex> = LazyLock::new(|| {
    StartRegex::new(r"(?i)^\d{1,3}\s?(?:Sek|Min|Std|Sekunden?|Minuten?|Stunden?|Tage?|Tagen|Wochen?|Monate?|Monaten|Jahre?|Jahren|[smhdw])\.?$")
});

/// A badge or state word in a header: "bearbeitet", "Redaktion", "Autor".
/// The article's author as a role line ("Autor des Artikels", seg27/seg28) is the
/// one phrase of several words: it names a role, never a person.
static BADGE: LazyLock<StartRegex> = LazyLock::new(|| {
    StartRegex::new(r"(?i)^(?:[✓✔]\s*)?(?:bearbeitet|editiert|geändert|redaktion|moderation|moderator(?:in)?|mod|autor(?:in)?|op|verifiziert|verified|abonnent(?:in)?|admin|team|angepinnt|angeheftet|top-?kommentar|top-?kommentator(?:in)?|top commenter|top-?fan|staff|mitarbeiter(?:in)?|(?:leser|redaktions)-?empfehlung|autor(?:in)?\s+des\s+(?:artikels|beitrags|textes))$")
});

/// A badge or state word ([`BADGE`]: "Redaktion", "Moderator", "Autor").
pub(crate) fn is_badge_word(s: &str) -> bool {
    BADGE.is_match(s)
}

/// A header made of parts between separators, in any order: one name, one
/// date or age, and perhaps a reply marker and badges
/// ("u/name · 2 Std. · Antwort auf u/other · bearbeitet").
pub fn part_header(s: &str) -> Option<AuthorLine> {
    part_header_in(s, &LineDates::NONE)
}

/// [`part_header`] of `s`, the line of `d` or a part of it.
fn part_header_in(s: &str, d: &LineDates) -> Option<AuthorLine> {
    let f = d.facts;
    static SEP: LazyLock<Regex> = LazyLock::new(|| re(r"\s+[|·•–—]\s+"));
    let s = trim(s);
    if s.len() > 160 || !has_part_separator(s, f) {
        return None;
    }
    let mut al = AuthorLine::default();
    let mut parts = 0;
    for p in SEP.split(s) {
        let p = trim(p);
        parts += 1;
        // No part of a header is a sentence: long parts end the search early.
        if p.is_empty() || parts > 6 || chars_more_than(p, 80) {
            return None;
        }
        if al.reply.is_none() {
            if let Some(r) = reply_marker(p) {
                al.reply = Some(r);
                continue;
            }
        }
        if BADGE.is_match(p) || UI_ITEM_ONLY.is_match(p) {
            continue;
        }
        if al.date.is_none() {
            if let Some(date) = d.date_only(p) {
                al.date = Some(date.to_string());
                continue;
            }
            if SHORT_AGE.is_match(p) {
                al.date = Some(p.to_string());
                continue;
            }
        }
        let name = strip_von(p);
        if al.author.is_none() && is_name_like_in(name, f) && word_count(name) <= 4 && d.first(name).is_none() {
            al.author = Some(name.to_string());
            continue;
        }
        return None;
    }
    (parts >= 2 && al.author.is_some() && al.date.is_some()).then_some(al)
}

fn author_line_plain(s: &str, d: &LineDates) -> Option<AuthorLine> {
    let f = d.facts;
    let s = trim(s);
    if s.is_empty() || chars_more_than(s, 140) {
        return None;
    }
    let mut number = None;
    let mut rest = s;
    if let Some((n, end)) = lead_number(s) {
        number = n;
        rest = s.get(end..).unwrap_or("").trim();
    }
    let rest = strip_bullet(rest).unwrap_or(rest);
    // Strip trailing UI words ("| Antworten", "· Melden").
    let rest = strip_trailing_ui_in(rest, f);
    let mut rest = trim(trim(rest).trim_end_matches(':'));
    // A reply marker in parentheses after the date: "(Antwort auf Name)".
    let mut reply = None;
    if rest.ends_with(')') {
        if let Some(open) = rest.rfind('(') {
            if let Some(r) = rest.get(open..).and_then(reply_marker) {
                reply = Some(r);
                rest = rest.get(..open).unwrap_or(rest).trim();
            }
        }
    }
    let number_reply = |a: AuthorLine| AuthorLine { reply: reply.clone(), ..a };

    // Labelled fields of form-like layouts: "Name: Hilde P.", "Datum: 04.05.2024 – 13:12".
    if let Some(c) = captures(&FIELD_LABEL, rest) {
        let value = c.name("value").map_or("", |m| m.as_str()).trim();
        if c.name("date").is_some() {
            let date = d.date_only(value)?;
            return Some(number_reply(AuthorLine { author: None, date: Some(date.to_string()), number, reply: None }));
        }
        // The label vouches for the name: any short value that is not a sentence.
        let short_value = word_count(value) <= 6 && value.chars().count() <= 50 && !value.ends_with(['.', '!', '?', ',']);
        if (is_name_like_in(value, f) || short_value) && d.first(value).is_none() {
            return Some(number_reply(AuthorLine { author: Some(value.to_string()), date: None, number, reply: None }));
        }
        return None;
    }

    // Name ... DATE (date at the end).
    if let Some((a, b)) = d.last(rest) {
        let tail = rest.get(b..).unwrap_or("").trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '|' | ')' | ']' | ',' | '·'));
        if tail.is_empty() {
            let date = trim(rest.get(a..b).unwrap_or("")).to_string();
            let head = rest.get(..a).unwrap_or("");
            let head = strip_weekday_tail(head);
            let name = NAME_TAIL.replace(head, "");
            let name = trim(&name).trim_start_matches(|c: char| c == '|' || c == '—' || c == '–');
            let full = trim(name);
            let name = strip_von(full);
            if name.is_empty() || is_date_label(name) {
                return Some(number_reply(AuthorLine { author: None, date: Some(date), number, reply: None }));
            }
            // "Antwort von A an B, DATE": the writer and the parent.
            if name.len() < full.len() && reply.is_none() {
                if let Some((w, p)) = writer_parent(full) {
                    return Some(AuthorLine { author: Some(w.to_string()), date: Some(date), number, reply: Some(ReplyRef::Name(p.to_string())) });
                }
            }
            // "Antwort an NAME · DATE" (under the writer's name line): the
            // parent, no writer.
            if reply.is_none() && name.starts_with(may_start_reply_marker) {
                if let Some(r) = reply_marker(name) {
                    return Some(AuthorLine { author: None, date: Some(date), number, reply: Some(r) });
                }
            }
            if is_name_like_in(name, f) {
                return Some(number_reply(AuthorLine { author: Some(name.to_string()), date: Some(date), number, reply: None }));
            }
            return None;
        }
        // DATE ... Name (date first); "Am DATE schrieb NAME", "Am DATE
        // antwortete NAME auf NAME" (the head as a sentence, session 21).
        if a == 0 || rest.get(..a).is_some_and(|h| WEEKDAY.is_match(trim(h)) || trim(h).is_empty() || trim(h).eq_ignore_ascii_case("am")) {
            let tail = trim(rest.get(b..).unwrap_or(""));
            let tail = tail.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '—' | '–' | '-' | '|' | ',' | '·'));
            let (tail, parent) = verb_first(tail.trim());
            let tail = strip_von(tail);
            if is_name_like_in(tail, f) && word_count(tail) <= 3 {
                let date = rest.get(a..b).unwrap_or("").trim().to_string();
                let reply = parent.map(|p| ReplyRef::Name(p.to_string()));
                let al = number_reply(AuthorLine { author: Some(tail.to_string()), date: Some(date), number, reply: None });
                return Some(AuthorLine { reply: reply.or(al.reply), ..al });
            }
        }
        return None;
    }
    if let Some(c) = SCHRIEB_END.is_match(rest).then(|| SCHRIEB.captures(rest)).flatten().filter(|c| c.name("says").is_none() || s.ends_with(':')) {
        let name = strip_von(c.name("name").map_or("", |m| m.as_str()).trim());
        if is_name_like_in(name, f) {
            return Some(number_reply(AuthorLine { author: Some(name.to_string()), date: None, number, reply: None }));
        }
    }
    None
}

/// A writer's verb before the name of a date-first head ("schrieb NAME",
/// "antwortete NAME auf NAME"): the name, and the parent an answer names.
fn verb_first(t: &str) -> (&str, Option<&str>) {
    if let Some(r) = ["schrieb ", "schreibt ", "kommentierte ", "meinte "].iter().find_map(|v| t.strip_prefix(v)) {
        return (trim(r), None);
    }
    let Some(r) = ["antwortete ", "antwortet "].iter().find_map(|v| t.strip_prefix(v)) else { return (t, None) };
    match r.rsplit_once(" auf ") {
        Some((w, p)) if is_short_name(trim(p), 5) => (trim(w), Some(trim(p))),
        _ => (trim(r), None),
    }
}

/// A numbered name line without a date: "Kommentar #3 von Name", "#3 Name",
/// "3) Name" -> (3, "Name"). The line must carry a number.
pub fn numbered_name(s: &str) -> Option<(u32, &str)> {
    let s = trim(s);
    if s.len() > 120 {
        return None;
    }
    let (number, end) = lead_number(s)?;
    let number = number?;
    let rest = strip_von(s.get(end..).unwrap_or("").trim());
    (is_short_name(rest, 4) && find_date(rest).is_none()).then_some((number, rest))
}

/// A comment line cut by the page, its "show more" link appended
/// ("… abgeschafft. Mehr anzeigen") -> the text without the link.
pub fn strip_more_link(s: &str) -> &str {
    const LINKS: &[&str] = &["Mehr anzeigen", "mehr anzeigen", "Weiterlesen", "weiterlesen", "Mehr lesen", "mehr lesen", "Alles anzeigen", "Vollständig anzeigen"];
    let t = s.trim_end();
    if !t.ends_with('n') {
        return s;
    }
    for l in LINKS {
        if let Some(head) = t.strip_suffix(l) {
            let head = head.trim_end();
            if head.len() < t.len() - l.len() && head.ends_with(['.', '!', '?', '…', '"', '“', ')']) {
                return head;
            }
        }
    }
    s
}

/// A line that is only a post number: "#3", "# 3", "Beitrag #3" -> 3.
pub fn lone_number(s: &str) -> Option<u32> {
    post_number(s).map(|(n, _)| n)
}

/// A post-number label on a line of its own: "#3", "Beitrag #3", "Beitrag 3",
/// "Kommentar 12", with a reply reference in brackets behind it
/// ("Beitrag 3 (Antwort auf Beitrag 1)") -> (3, reply to 1). A label word
/// ("Beitrag", "Kommentar", "Post", "Eintrag", "Nachricht") may go without
/// the '#'; a bare number may not.
pub fn post_number(s: &str) -> Option<(u32, Option<ReplyRef>)> {
    let s = trim(s);
    // (The first byte: these chars are ASCII.)
    if s.len() > 70 || !matches!(s.as_bytes().first(), Some(b'#' | b'B' | b'K' | b'P' | b'E' | b'N')) {
        return None;
    }
    let (head, reply) = match s.find('(') {
        Some(i) if s.ends_with(')') => {
            let r = reply_marker(s.get(i..)?)?;
            (s.get(..i)?.trim_end(), Some(r))
        }
        _ if s.len() > 16 => return None,
        _ => (s, None),
    };
    let labelled = ["Beitrag", "Kommentar", "Post", "Eintrag", "Nachricht"].iter().find_map(|w| head.strip_prefix(w));
    let rest = labelled.unwrap_or(head).trim_start();
    let digits = match rest.strip_prefix('#') {
        Some(d) => d.trim_start(),
        None if labelled.is_some_and(|r| r.starts_with(' ')) => rest,
        None => return None,
    };
    // Up to seven digits: a backend's comment IDs ("#591219", seg28) as well as post numbers.
    let n = (!digits.is_empty() && digits.len() <= 7 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.parse().ok()).flatten()?;
    Some((n, reply))
}

/// A line that is only a user handle: "@name" or "@name@server.example".
/// Returns the handle without the leading "@".
pub fn handle_line(s: &str) -> Option<&str> {
    let h = s.trim().strip_prefix('@')?;
    if h.is_empty() || h.len() > 80 {
        return None;
    }
    let mut parts = h.split('@');
    let ok = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'));
    let user = parts.next()?;
    let server = parts.next();
    (ok(user) && server.is_none_or(|p| ok(p) && p.contains('.')) && parts.next().is_none()).then_some(h)
}

fn strip_von(s: &str) -> &str {
    static VON: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)^(?:(?:beitrag|kommentar|antwort|eintrag|post|nachricht|frage)\s+von|(?:verfasst|geschrieben|gepostet|kommentiert)\s+von|von|by)\s+")
    });
    match VON.find(s) {
        Some(m) => s.get(m.end()..).unwrap_or(s).trim(),
        None => s,
    }
}

/// A separator line ("-----", "=====", "* * *").
pub fn is_separator(s: &str) -> bool {
    let s = trim(s);
    chars_more_than(s, 2) && s.chars().all(|c| matches!(c, '-' | '=' | '_' | '*' | '~' | '─' | '━' | '—' | '–' | '·' | '.' | ' ' | '#' | '+'))
}

fn strip_weekday_tail(head: &str) -> &str {
    static WD_TAIL: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)(?:^|[\s,|—–-])(?:am\s+)?(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|Mo|Di|Mi|Do|Fr|Sa|So)\.?,?\s*$")
    });
    match WD_TAIL.find(head) {
        Some(m) => head.get(..m.start()).unwrap_or(head),
        None => head,
    }
}

/// Trailing UI words after a separator, to the end of the line: the
/// reference of [`strip_trailing_ui`] (its first match's start is where the
/// UI words begin).
#[cfg(test)]
static TRAILING_UI: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"(?ix)\s*[|·•]\s*{UI_ITEM}(?:\s*[|·•]?\s*{UI_ITEM})*\s*[|·•]?\s*$"))
});

/// [`TRAILING_UI`] from its separator on, searched anchored at a separator
/// (session 9, speed13). `TRAILING_UI.find` ran the reverse lazy DFA from
/// the end of the line over the whole line: with the `.*` and `.{1,40}`
/// of [`UI_ITEM`], its states encode the counters of every open item, so
/// nearly every line with a separator built new states (the DFA's cache
/// filled and was cleared again and again): 72 % of the text path's
/// instructions went into building them.
static TRAILING_UI_AT_SEP: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    regex_automata::meta::Regex::new(&format!(r"(?ix)[|·•]\s*{UI_ITEM}(?:\s*[|·•]?\s*{UI_ITEM})*\s*[|·•]?\s*$"))
        .expect("cue regex must compile")
});

/// Whether `s` has a separator that can start trailing UI words ('|', '·'
/// (C2 B7), '•' (E2 80 A2)); without one, [`strip_trailing_ui`] returns `s`.
fn has_ui_separator(s: &str) -> bool {
    has_ui_separator_in(s, &Facts::ANY)
}

/// [`has_ui_separator`] of `s`, a part of the string `f` was gathered from.
fn has_ui_separator_in(s: &str, f: &Facts) -> bool {
    let b = s.as_bytes();
    f.holds(s, C_BAR, || memchr::memchr(b'|', b).is_some())
        || f.may(C_B7 | C_A2) && memchr::memchr2_iter(0xc2, 0xe2, b).any(|i| matches!(&b[i..], [0xc2, 0xb7, ..] | [0xe2, 0x80, 0xa2, ..]))
}


/// Whether `s` has a separator of [`part_header`]'s: one of
/// [`has_ui_separator`]'s or '–' (E2 80 93) or '—' (E2 80 94), by the same
/// searches (two prebuilt-per-call substring searchers cost more on lines
/// this short).
fn has_part_separator(s: &str, f: &Facts) -> bool {
    let b = s.as_bytes();
    f.holds(s, C_BAR, || memchr::memchr(b'|', b).is_some())
        || f.may(C_B7 | C_A2 | C_DASHES)
            && memchr::memchr2_iter(0xc2, 0xe2, b).any(|i| matches!(&b[i..], [0xc2, 0xb7, ..] | [0xe2, 0x80, 0xa2 | 0x93 | 0x94, ..]))
}

/// Removes UI words appended after a separator ("Name 15.10.2014 | Antworten").
///
/// The same cut as `TRAILING_UI.find(s)` (test
/// `strip_trailing_ui_agrees_with_the_regex`): a match of it is white space
/// (`\s*`), a separator and a match of [`TRAILING_UI_AT_SEP`] anchored
/// there, so it can begin only at a separator or at the start of the run of
/// white space before one (`\s*` takes the whole run, and no separator is
/// white space). The leftmost match therefore begins before the first
/// separator at which the anchored search matches, at the start of its run
/// of white space (for two separators, the later one's run begins after the
/// earlier one). The anchored search sees the whole line, so `\b` looks at
/// the bytes before the separator as before; on most separators it gives up
/// after a few bytes.
pub fn strip_trailing_ui(s: &str) -> &str {
    strip_trailing_ui_in(s, &Facts::ANY)
}

/// [`strip_trailing_ui`] of `s`, a part of the string `f` was gathered from.
fn strip_trailing_ui_in<'s>(s: &'s str, f: &Facts) -> &'s str {
    use regex_automata::{Anchored, Input};
    if !has_ui_separator_in(s, f) {
        return s;
    }
    let b = s.as_bytes();
    for q in memchr::memchr3_iter(b'|', 0xc2, 0xe2, b) {
        if !matches!(&b[q..], [b'|', ..] | [0xc2, 0xb7, ..] | [0xe2, 0x80, 0xa2, ..]) {
            continue;
        }
        if TRAILING_UI_AT_SEP.is_match(Input::new(s).range(q..).anchored(Anchored::Yes)) {
            // The start of the run of white space (`\s`: Unicode White_Space,
            // as `char::is_whitespace`) that ends at the separator.
            let head = s.get(..q).unwrap_or("");
            let r = head.trim_end_matches(char::is_whitespace).len();
            return if r > 0 { s.get(..r).unwrap_or(s) } else { s };
        }
    }
    s
}

/// What a reply marker refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyRef {
    Name(String),
    Number(u32),
}

/// A reply marker line: "Antwort auf NAME", "Antwort an #3", "Replying to
/// NAME"; an arrow may stand for "an"/"to" ("Antwort ▸ NAME", a reaction
/// widget's reply line, seg28: the arrow points at the parent as the word
/// would).
static REPLY: LazyLock<StartRegex> = LazyLock::new(|| {
    StartRegex::new(r"(?ix)^[(\[]?(?:(?:als\s+|in\s+)?(?:antwort|antworten)\s+(?:auf|an|zu|[▸►▶→›»])|(?:in\s+)?reply(?:ing)?\s+(?:to|[▸►▶→›»]))\s+(?:(?:den\s+)?(?:beitrag|kommentar|post(?:ing)?)\s+(?:von\s+)?)?(?:(?:nr\.?\s*|\#\s?)?(?P<num>\d{1,6})|(?:@)?(?P<name>[^:\]]{1,50}?))(?:\s+(?:vom|am)\s+.{1,40})?\s*:?[)\]]?$")
});

/// Whether a line whose first char (after white space) is `c` may be a
/// [`reply_marker`]: `c` begins REPLY ("(", "[", "als", "in antwort", "antwort", an
/// English widget's "replying to", "in reply to") or BEZUG ("bezug",
/// "bezieht", "zu"), in any case (no other char case-folds to a, b, i, r or
/// z). Keep in step with both patterns. Lets a caller skip building the line
/// (test `reply_markers_begin_as_announced`).
pub fn may_start_reply_marker(c: char) -> bool {
    matches!(c, '(' | '[' | 'a' | 'A' | 'b' | 'B' | 'i' | 'I' | 'r' | 'R' | 'z' | 'Z')
}

/// "Antwort auf Nadine K.", "Antwort auf #3", "Antwort an @Name:" -> the referenced comment.
pub fn reply_marker(s: &str) -> Option<ReplyRef> {
    let s = trim(s);
    if chars_more_than(s, 100) {
        return None;
    }
    // A letter's reference to another letter: "Bezug: Leserbrief von Name".
    static BEZUG: LazyLock<StartRegex> = LazyLock::new(|| {
        StartRegex::new(r"(?i)^(?:Bezug|Bezieht\s+sich\s+auf|Zu)\s*:?\s+(?:den\s+)?(?:Leserbrief|Zuschrift|Kommentar|Beitrag)\s+von\s+(?P<name>[^,:(]{2,60}?)\s*(?:,\s*[^,:]{2,40}|\([^)]{2,40}\))?\s*$")
    });
    if let Some(c) = captures(&BEZUG, s) {
        let name = c.name("name")?.as_str().trim();
        return is_name_like(name).then(|| ReplyRef::Name(name.to_string()));
    }
    // A print view's reference by number (seg28): "bezieht sich auf Nr. 4",
    // "bezieht sich auf #4", "bezieht sich auf Kommentar 4". A head part
    // that states the parent's number as the "Antwort auf Nr. 4" of other
    // layouts does.
    static BEZUG_NR: LazyLock<StartRegex> = LazyLock::new(|| {
        StartRegex::new(r"(?i)^bezieht\s+sich\s+auf\s+(?:Nr\.?\s*|\#\s?|(?:den\s+)?(?:Kommentar|Beitrag)\s+(?:Nr\.?\s*|\#\s?)?)(?P<num>\d{1,6})$")
    });
    if s.get(..7).is_some_and(|w| w.eq_ignore_ascii_case("bezieht")) {
        if let Some(c) = captures(&BEZUG_NR, s) {
            return c.name("num")?.as_str().parse().ok().map(ReplyRef::Number);
        }
    }
    if !REPLY.is_match(s) {
        return None;
    }
    let (num, name) = match reply_groups_ascii(s) {
        Some(g) => g,
        None => {
            let c = REPLY.captures(s)?;
            (c.name("num").map(|m| m.as_str()), c.name("name").map(|m| m.as_str()))
        }
    };
    if let Some(n) = num.and_then(|m| m.parse().ok()) {
        return Some(ReplyRef::Number(n));
    }
    let name = name?.trim();
    if let Some(rest) = name.strip_prefix('#').or_else(|| name.strip_prefix("Nr.")) {
        if let Ok(n) = rest.trim().parse() {
            return Some(ReplyRef::Number(n));
        }
    }
    if is_name_like(name) || name.chars().count() <= 40 && word_count(name) <= 4 {
        Some(ReplyRef::Name(name.to_string()))
    } else {
        None
    }
}

/// The `num` and `name` groups of [`REPLY`]'s match of `s`, a trimmed line
/// that REPLY matches, read by hand on a plain line, or None (the caller
/// takes the captures: the bounded backtracker costs ~12–16 k instructions
/// a line here). Plain: ASCII (so `(?i)` is ASCII case folding and `\s` the
/// ASCII white space), and the text after the preposition (`r`) printable
/// ASCII, not beginning with "den", "beitrag", "kommentar" or "post" (the
/// optional label group, left to the captures) and without " vom " or
/// " am " (the optional date group). The captures are those of the first
/// successful path in the pattern's priority order; each choice here takes
/// the first option or one whose predecessors cannot succeed, and any other
/// case answers None: the bracket and "als " are taken when present (not
/// taking them leaves no way to "antwort"); "antwort" is "antworten" only
/// when 'e' follows (`\s+` must); the white-space runs are taken whole
/// (the next item needs a non-space). Then `r` is a group and a tail of
/// `\s*:?[)\]]?` to the end (the date group cannot match): the longest such
/// tail (`m` is `r` without it) follows the number (no digit is a tail
/// char) and the shortest name (a lazy `{1,50}?`; tails are closed under
/// suffixes, so every shorter name leaves a non-tail). The number
/// alternative comes first and matches when `m` is `(?:nr\.?\s*|#\s?)`
/// and 1–6 digits; else the name is `m` without a leading '@' (taken when
/// present), 1–50 chars without ':' or ']'. Test
/// `reply_groups_agree_with_the_captures`.
fn reply_groups_ascii(s: &str) -> Option<(Option<&str>, Option<&str>)> {
    let b = s.as_bytes();
    if !b.is_ascii() {
        return None;
    }
    let ws = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let at = |i: usize, w: &[u8]| b.get(i..i + w.len()).is_some_and(|x| x.eq_ignore_ascii_case(w));
    // A run of white space from `i`, at least one char, or None.
    let run = |i: usize| {
        let j = i + b.get(i..)?.iter().take_while(|&&c| ws(c)).count();
        (j > i).then_some(j)
    };
    let mut i = matches!(b.first(), Some(b'(' | b'[')) as usize;
    if at(i, b"als") && b.get(i + 3).is_some_and(|&c| ws(c)) {
        i = run(i + 3)?;
    } else if at(i, b"in") && b.get(i + 2).is_some_and(|&c| ws(c)) {
        i = run(i + 2)?;
    }
    if !at(i, b"antwort") {
        return None;
    }
    i += 7;
    i = match run(i) {
        Some(j) => j,
        None if at(i, b"en") => run(i + 2)?,
        None => return None,
    };
    let p = if at(i, b"auf") {
        3
    } else if at(i, b"an") || at(i, b"zu") {
        2
    } else {
        return None;
    };
    i = run(i + p)?;
    let r = &s[i..];
    let rb = r.as_bytes();
    if !rb.iter().all(|&c| (0x20..0x7f).contains(&c)) || [&b"den"[..], b"beitrag", b"kommentar", b"post"].iter().any(|w| at(i, w)) {
        return None;
    }
    let lower = rb.to_ascii_lowercase();
    if memchr::memmem::find(&lower, b" vom ").is_some() || memchr::memmem::find(&lower, b" am ").is_some() {
        return None;
    }
    let mut k = rb.len();
    if k > 0 && matches!(rb[k - 1], b')' | b']') {
        k -= 1;
    }
    if k > 0 && rb[k - 1] == b':' {
        k -= 1;
    }
    while k > 0 && rb[k - 1] == b' ' {
        k -= 1;
    }
    let m = &r[..k];
    let mb = m.as_bytes();
    let d = mb.len() - mb.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    if (1..=6).contains(&(mb.len() - d)) {
        let p = &mb[..d];
        let label = match p {
            [] | [b'#'] | [b'#', b' '] => true,
            [n, r, rest @ ..] if [*n, *r].eq_ignore_ascii_case(b"nr") => {
                rest.strip_prefix(b".").unwrap_or(rest).iter().all(|&c| c == b' ')
            }
            _ => false,
        };
        if label {
            return Some((Some(&m[d..]), None));
        }
    }
    let name = m.strip_prefix('@').unwrap_or(m);
    if name.is_empty() || name.len() > 50 || name.contains([':', ']']) {
        return None;
    }
    Some((None, Some(name)))
}

static THREAD_STARTER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)diskutieren\s+sie\s+(?:hier\s+)?mit|(?-u:\b)zum\s+artikel\s*:|hier\s+(?:können|könnt)\s+(?:sie|ihr)\s+.{0,40}diskutieren|was\s+(?:halten|meinen|denken)\s+sie\s+(?:von|dazu|darüber)")
});

/// The automatic first post of a forum thread that links an article
/// ("Was halten Sie von ...? Diskutieren Sie mit! Zum Artikel: ...").
pub fn is_thread_starter(text: &str) -> bool {
    !chars_more_than(text, 400) && thread_starter_anchors_at_least_two(text) && THREAD_STARTER.find_iter(text).count() >= 2
}

/// Whether `t` holds two or more places where a match of [`THREAD_STARTER`]
/// may lie, by byte searches: a 'k' with "utieren" after it (diskutieren,
/// which the first and third alternatives hold) or "arti" before it
/// (artikel), or a Kelvin sign (let through by its last byte, 0xAA); and a
/// 'w' with 'a' and 's' or a long s after it ("was", which opens the fourth
/// alternative), all ASCII-case-insensitively (under `(?i)` only k and s
/// also match a non-ASCII char: test
/// `only_kelvin_sign_and_long_s_fold_to_ascii_letters`). Every match holds
/// one of these places and matches do not overlap, so two matches need two
/// places: a text with fewer has fewer than two matches (the count
/// `is_thread_starter` asks for). Two searches (k, w) instead of the three of the
/// one-place test before speed22 (k, l for "halten", m for "meinen"); most
/// comments hold no such place at all (test
/// `thread_starter_anchors_bound_the_match_count`).
fn thread_starter_anchors_at_least_two(t: &str) -> bool {
    let b = t.as_bytes();
    let ci = |from: usize, w: &[u8]| b.get(from..from + w.len()).is_some_and(|x| x.eq_ignore_ascii_case(w));
    let ks = memchr::memchr3_iter(b'k', b'K', 0xaa, b).filter(|&i| b[i] == 0xaa || ci(i + 1, b"utieren") || i >= 4 && ci(i - 4, b"arti"));
    let ws = memchr::memchr2_iter(b'w', b'W', b).filter(|&i| ci(i + 1, b"a") && (ci(i + 2, b"s") || b.get(i + 2..i + 4) == Some(&[0xc5, 0xbf])));
    ks.chain(ws).nth(1).is_some()
}

/// A comment signature: a dash, then author and date ("— Name, gestern, 22:14").
pub fn signature(s: &str) -> Option<AuthorLine> {
    let t = trim_start(s);
    if !(t.starts_with('—') || t.starts_with('–') || t.starts_with("- ") || t.starts_with("--")) {
        return None;
    }
    let t = t.trim_start_matches(['—', '–', '-', ' ']);
    // A card's footer that names the parent after the date ("— NAME, vor 2
    // Std., zu NAME", seg31): the parent, and the head before it.
    let (t, parent) = match t.rfind(", zu ") {
        Some(i) if is_short_name(trim(&t[i + 5..]), 4) => (&t[..i], Some(trim(&t[i + 5..]))),
        _ => (t, None),
    };
    let mut a = author_line(t)?;
    if let Some(p) = parent {
        a.reply = Some(ReplyRef::Name(p.to_string()));
    }
    (a.author.is_some() && a.date.is_some()).then_some(a)
}

/// A line that points a comment at another article: "zu: Neue Busspur auf
/// der Brücke", "Zum Artikel: …", "Kommentar zu: …". Boxes of the latest
/// comments site-wide ("Leser diskutieren") label every entry so; a
/// comment on the article itself needs no such line.
pub fn points_elsewhere(s: &str) -> bool {
    let t = trim(s);
    let b = t.as_bytes();
    if !matches!(b.first(), Some(b'z' | b'Z' | b'k' | b'K')) || t.len() > 300 {
        return false;
    }
    static ELSEWHERE: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)^(?:zu|zum\s+artikel|zu\s+dem\s+artikel|kommentar\s+zu|kommentiert\s+zu)\s*:\s*\S"));
    // The whole line a quoted title: "zu „TITEL“", "Zu „TITEL“:".
    static QUOTED: LazyLock<Regex> = LazyLock::new(|| re(r#"(?i)^(?:zu|zum\s+artikel|kommentar\s+zu)\s+[„"»“‚]([^„"»«“”‚‘]{3,200})[“"«”‘]\s*:?$"#));
    ELSEWHERE.is_match(t) || b.len() > 8 && matches!(b[b.len() - 1], b':' | 0x9c | 0x9d | b'"' | 0xab | 0x98) && QUOTED.is_match(t)
}

/// A line that is only a count, as social-media copies show the reply,
/// repost, like and view counts under a post: "17", "2,1 Tsd.", "1.204",
/// "3 Mio.".
pub fn is_count_only(s: &str) -> bool {
    let t = trim(s);
    let b = t.as_bytes();
    if b.is_empty() || b.len() > 12 || !b[0].is_ascii_digit() {
        return false;
    }
    let num_end = b.iter().position(|&c| !(c.is_ascii_digit() || c == b'.' || c == b',')).unwrap_or(b.len());
    // The number must end in a digit ("3." is a list number).
    if !b[num_end - 1].is_ascii_digit() {
        return false;
    }
    matches!(t.get(num_end..).map(str::trim), Some("" | "Tsd." | "Mio." | "K" | "k" | "M" | "Tsd"))
}

/// A hierarchical number on a line of its own ("1.1", "4.1", "1.1.2"; a
/// trailing '.' may follow): how many numbers it holds (2 to 6), the depth
/// of the entry it opens in a numbered thread. Each number has one or two
/// digits ("1.244" is a count with a thousands dot).
pub(crate) fn outline_number_depth(s: &str) -> Option<usize> {
    let t = trim(s);
    let t = t.strip_suffix('.').unwrap_or(t);
    let b = t.as_bytes();
    if b.len() < 3 || b.len() > 17 || !b[0].is_ascii_digit() {
        return None;
    }
    let mut depth = 0;
    for part in t.split('.') {
        if !(1..=2).contains(&part.len()) || !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        depth += 1;
    }
    (2..=6).contains(&depth).then_some(depth)
}

/// A reply line naming handles that follow on lines of their own:
/// "Antwort an" (then "@handle", "und", "@handle"), "Als Antwort an".
pub fn is_reply_to_handles(s: &str) -> bool {
    let t = trim(s);
    t.len() <= 20 && {
        let t = t.strip_prefix("Als ").or_else(|| t.strip_prefix("als ")).unwrap_or(t);
        t.eq_ignore_ascii_case("antwort an") || t.eq_ignore_ascii_case("als antwort an")
    }
}

/// The verbs a removal placeholder ends with ([`is_removal_placeholder`]).
pub(crate) const REMOVAL_VERBS: [&str; 8] = ["entfernt", "gelöscht", "gesperrt", "ausgeblendet", "zurückgezogen", "deleted", "removed", "hidden"];

/// What stands where a comment was removed or cut: a moderation note
/// ([`is_moderation_note`]) or a short notice (up to 12 words, brackets
/// and end punctuation aside) ending in "entfernt", "gelöscht", "gesperrt",
/// "ausgeblendet", "zurückgezogen", "deleted" or "removed" ("Dieser
/// Kommentar wurde entfernt.", "[gelöscht]"). Shared by the comment pass
/// (a placeholder closes the block above a name) and the field and table
/// readings (a record that is only a placeholder is no comment).
pub(crate) fn is_removal_placeholder(t: &str) -> bool {
    if is_moderation_note(t) {
        return true;
    }
    // (Spaces inside the brackets too: "[ Beitrag gelöscht. ]".)
    let t = t.trim().trim_matches(['[', ']', '(', ')']).trim().trim_end_matches(['.', '!']).to_lowercase();
    t.len() <= 140 && REMOVAL_VERBS.iter().any(|w| t.ends_with(w)) && word_count(&t) <= 12
}

/// A moderation note appended to a comment, in square brackets:
/// "[Beitrag von der Moderation gekürzt. Bitte bleiben Sie sachlich.]",
/// "[Von der Redaktion bearbeitet]".
pub fn is_moderation_note(s: &str) -> bool {
    let t = trim(s);
    if !(t.starts_with('[') && t.ends_with(']')) || t.len() > 300 {
        return false;
    }
    static NOTE: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)^\[[^\]]{0,60}(?:moderation|redaktion|admin)[^\]]{0,40}(?:gekürzt|bearbeitet|editiert|geändert|entfernt|gelöscht)|^\[[^\]]{0,40}(?:gekürzt|bearbeitet|editiert|geändert)[^\]]{0,20}(?:moderation|redaktion|admin)")
    });
    NOTE.is_match(t)
}

/// A chat system message: someone joined or left ("Name ist der Diskussion
/// beigetreten.", "→ Name hat die Gruppe über einen Einladungslink
/// betreten.", "Name hat den Chat verlassen.") or a message was removed
/// ("Eine Nachricht von @x wurde wegen … entfernt."). Ruled out by the last
/// word before any regex.
pub fn is_system_line(s: &str) -> bool {
    const LAST: &[&str] = &["beigetreten", "betreten", "verlassen", "entfernt", "gelöscht", "ausgeblendet"];
    let t = trim_end(s).trim_end_matches(['.', '!']);
    // Each of them ends in 'n' or 't': the last byte first.
    if t.len() > 200 || !matches!(t.as_bytes().last(), Some(b'n' | b't')) || !LAST.iter().any(|w| t.ends_with(w)) {
        return false;
    }
    static SYSTEM: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?ix)^[→←➡⇢»>\s]*(?:
            \S+(?:\s+\S+){0,3}\s+(?:hat|ist|wurde)\s+(?:(?:die|der|den|dem)\s+)?(?:gruppe|kanal|chat|diskussion|server|raum|unterhaltung|community)(?:\s+.{1,50}?)?\s+(?:beigetreten|betreten|verlassen|hinzugefügt)
          | (?:eine\s+)?(?:nachricht|beitrag|kommentar)\s+(?:von\s+\S+(?:\s+\S+){0,2}\s+)?wurde\s+.{0,80}?(?:entfernt|gelöscht|ausgeblendet)
        )\s*[.!]?\s*$")
    });
    SYSTEM.is_match(trim(s))
}

/// A dash with a name alone ("— Jonas"): a signature without a date, taken
/// only where dated signatures close the comments around it.
pub fn name_signature(s: &str) -> Option<AuthorLine> {
    let t = trim_start(s);
    if !(t.starts_with('—') || t.starts_with('–')) {
        return None;
    }
    let name = trim(t.trim_start_matches(['—', '–', ' ']));
    (!chars_more_than(name, 40) && word_count(name) <= 4 && is_name_like(name))
        .then(|| AuthorLine { author: Some(collapse_ws(name)), ..AuthorLine::default() })
}

// ---------------------------------------------------------------------------
// Prose

const STOPWORDS: &[&str] = &[
    "der", "die", "das", "und", "in", "den", "von", "zu", "mit", "sich", "des", "auf", "für", "ist", "im", "dem", "nicht",
    "ein", "eine", "als", "auch", "es", "an", "er", "hat", "aus", "bei", "sie", "nach", "wird", "einer", "um", "am", "sind",
    "noch", "wie", "einem", "über", "einen", "so", "zum", "war", "haben", "nur", "oder", "aber", "vor", "zur", "bis", "mehr",
    "durch", "man", "dass", "wenn", "werden", "kann", "wurde", "gegen", "seien", "sei", "habe", "hatten", "wir", "ich",
];

/// A word of at most 7 bytes as one number: its bytes, ASCII-lowercased,
/// little-endian in the low 7 bytes, its length in the top byte.
const fn word_key(b: &[u8]) -> u64 {
    let mut k = (b.len() as u64) << 56;
    let mut j = 0;
    while j < b.len() {
        k |= (b[j].to_ascii_lowercase() as u64) << (8 * j);
        j += 1;
    }
    k
}

/// [`word_key`] of a word of 2 to 7 bytes by two overlapping loads (the
/// bytes they share are the same, so OR-ing them is exact) and a SWAR
/// ASCII lowercase (0x20 added to the bytes 'A'..='Z' only; the zero bytes
/// above the word and non-ASCII bytes stay). Test
/// `fast_word_keys_agree_with_word_key`.
#[inline(always)]
fn word_key_2_7(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!((2..=7).contains(&n));
    let x = if n >= 4 {
        let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
        let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]) as u64;
        lo | hi << (8 * (n - 4))
    } else {
        let lo = u16::from_le_bytes([b[0], b[1]]) as u64;
        let hi = u16::from_le_bytes([b[n - 2], b[n - 1]]) as u64;
        lo | hi << (8 * (n - 2))
    };
    let x7 = x & !SWAR_HIGH;
    let upper = swar_ge(x7, 0x41) & !swar_ge(x7, 0x5b) & !x & SWAR_HIGH;
    (x | upper >> 2) | (n as u64) << 56
}

/// The slot of a word key in a [`key_table`] (the top bits of a
/// multiplicative hash).
const fn key_slot(k: u64) -> usize {
    (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize
}

/// The keys ([`word_key`]) of the words of `words` that are 1 to 7 bytes
/// long, in an open-addressing table of 256 slots (linear probing; 0,
/// no key, marks an empty slot): one or two compares per word instead of a
/// binary search's seven.
const fn key_table(words: &[&str]) -> [u64; 256] {
    let mut t = [0u64; 256];
    let mut i = 0;
    while i < words.len() {
        let b = words[i].as_bytes();
        if !b.is_empty() && b.len() <= 7 {
            let k = word_key(b);
            let mut j = key_slot(k);
            while t[j] != 0 && t[j] != k {
                j = (j + 1) % 256;
            }
            t[j] = k;
        }
        i += 1;
    }
    t
}

/// Whether `k` (a word's key, never 0) is in `table`.
#[inline]
fn key_known(table: &[u64; 256], k: u64) -> bool {
    let mut j = key_slot(k);
    loop {
        let e = table[j];
        if e == k {
            return true;
        }
        if e == 0 {
            return false;
        }
        j = (j + 1) % 256;
    }
}

/// The keys of [`STOPWORDS`].
static STOPWORD_TABLE: [u64; 256] = key_table(STOPWORDS);

/// Whether `w` is one of [`STOPWORDS`], compared ASCII case-insensitively
/// (as `eq_ignore_ascii_case` does): the word's key ([`word_key`]) is looked
/// up in the sorted keys.
fn is_stopword(w: &str) -> bool {
    let b = w.as_bytes();
    let hit = (2..=7).contains(&b.len()) && key_known(&STOPWORD_TABLE, word_key_2_7(b));
    debug_assert_eq!(hit, STOPWORDS.iter().any(|sw| sw.eq_ignore_ascii_case(w)));
    hit
}

/// `u8::is_ascii_alphanumeric` as a table.
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    t
};

/// Whether a word of `s` (as [`words`] yields it) is a function word once
/// the non-alphanumeric chars at its ends are trimmed.
#[inline]
fn is_stopword_token(w: &str) -> bool {
    let b = w.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else { return false };
    if ASCII_ALNUM[first as usize] & ASCII_ALNUM[last as usize] {
        // Nothing to trim.
        return is_stopword(w);
    }
    // Trim ASCII punctuation bytewise; a non-ASCII char at an end takes the
    // char-wise trim.
    let mut t = b;
    while let [rest @ .., c] = t {
        if c.is_ascii() && !c.is_ascii_alphanumeric() {
            t = rest;
        } else {
            break;
        }
    }
    while let [c, rest @ ..] = t {
        if c.is_ascii() && !c.is_ascii_alphanumeric() {
            t = rest;
        } else {
            break;
        }
    }
    match (t.first(), t.last()) {
        (Some(f), Some(l)) if f.is_ascii() && l.is_ascii() => t.len() <= 7 && std::str::from_utf8(t).is_ok_and(is_stopword),
        (None, _) | (_, None) => false,
        _ => {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.len() <= 7 && is_stopword(w)
        }
    }
}

/// Share of German function words among the words of `s`.
pub fn stopword_density(s: &str) -> f32 {
    let (total, stop) = stopword_counts(s);
    if total == 0 {
        0.0
    } else {
        stop as f32 / total as f32
    }
}

/// (words, function words) of `s`.
fn stopword_counts(s: &str) -> (usize, usize) {
    let mut total = 0usize;
    let mut stop = 0usize;
    for w in words(s) {
        total += 1;
        stop += is_stopword_token(w) as usize;
    }
    (total, stop)
}

/// `word_count(s) >= 12 && stopword_density(s) >= 0.12`, stopping at the
/// first word from which on the share is reached (the share of the whole
/// line can only be larger: more function words over the same total).
/// `total`: the word count of `s` (`word_count(s)`, perhaps cached).
fn prose_words(s: &str, total: usize) -> bool {
    if total < 12 {
        return false;
    }
    let need = prose_need(total);
    let mut stop = 0usize;
    for w in words(s) {
        if is_stopword_token(w) {
            stop += 1;
            if stop == need {
                return true;
            }
        }
    }
    false
}

/// The least count of function words among `total` words whose share
/// reaches 0.12, by the same f32 test as `stop as f32 / total as f32 >= 0.12`
/// (monotone in the count): ~0.12 * total, corrected. Test
/// `fast_word_keys_agree_with_word_key`.
fn prose_need(total: usize) -> usize {
    let t = total as f32;
    let mut need = ((0.12 * t) as usize).max(1);
    while need > 1 && (need - 1) as f32 / t >= 0.12 {
        need -= 1;
    }
    while (need as f32) / t < 0.12 {
        need += 1;
    }
    need
}

/// A prose sentence line: long enough, with function words and sentence punctuation.
pub fn is_prose(s: &str) -> bool {
    is_prose_in(s, &Facts::ANY)
}

/// [`is_prose`] of `s`, a part of the string `f` was gathered from.
pub(crate) fn is_prose_in(s: &str, f: &Facts) -> bool {
    is_prose_counted(s, f, || word_count(s))
}

/// [`is_prose_in`] with `words()` giving `word_count(s)` (a caller's cached
/// count; the count of the trimmed line is the same, as `trim` cuts only
/// white space, which separates words and starts none).
pub(crate) fn is_prose_counted(s: &str, f: &Facts, words: impl FnOnce() -> usize) -> bool {
    let s = trim(s);
    chars_more_than(s, 79)
        && f.holds(s, C_PROSE_PUNCT, || s.bytes().any(|b| matches!(b, b'.' | b'!' | b'?' | b':' | b',')))
        && prose_words(s, words())
        && !is_teaser_line_in(s, f)
}

/// A headline-like line: short, no sentence-final period.
/// A salutation ("Hallo zusammen", "Liebe Leserinnen und Leser", "Sehr
/// geehrte Frau Becker", "Guten Morgen") or an address field of a mail
/// ("Von: …", "An: …", "Cc: …", "Gesendet: …"): no headline (session 6).
pub fn is_greeting_or_address_field(s: &str) -> bool {
    let s = trim(s);
    let b = s.as_bytes();
    if !matches!(b.first(), Some(b'H' | b'L' | b'S' | b'G' | b'M' | b'V' | b'A' | b'C' | b'F' | b'T')) {
        return false;
    }
    const FIELDS: [&str; 10] = ["Von: ", "An: ", "Cc: ", "CC: ", "Gesendet: ", "From: ", "To: ", "Sent: ", "Antwort an: ", "Kopie: "];
    if FIELDS.iter().any(|f| s.starts_with(f)) {
        return true;
    }
    const GREETINGS: [&str; 12] =
        ["Hallo ", "Hallo,", "Liebe ", "Lieber ", "Sehr geehrte ", "Guten Morgen", "Guten Tag", "Guten Abend", "Moin ", "Moin,", "Servus ", "Grüß Gott"];
    s.len() <= 80 && (GREETINGS.iter().any(|g| s.starts_with(g)) || s == "Hallo" || s == "Moin")
}

pub fn is_headline_like(s: &str) -> bool {
    let s = trim(s);
    chars_more_than(s, 1)
        && !chars_more_than(s, 220)
        && !s.ends_with('.')
        && !s.ends_with(',')
        && !s.ends_with(':')
        && (1..=25).contains(&word_count(s))
}

#[cfg(test)]
mod tests {
    #[test]
    fn writer_parent_heads() {
        let wp = |s| writer_parent(s);
        assert_eq!(wp("Antwort von Weserbote_77 an Hannelore Brinkhoff"), Some(("Weserbote_77", "Hannelore Brinkhoff")));
        assert_eq!(wp("Reply from Ann Lee to Bo Kim"), Some(("Ann Lee", "Bo Kim")));
        assert_eq!(wp("Frerk Albers ▸ Wiebke Thormählen"), Some(("Frerk Albers", "Wiebke Thormählen")));
        assert_eq!(wp("Frerk Albers → @wiebke_t"), Some(("Frerk Albers", "wiebke_t")));
        assert_eq!(wp("Ann Lee replied to Bo Kim"), Some(("Ann Lee", "Bo Kim")));
        assert_eq!(wp("Olaf Z. antwortet auf Manuela G."), Some(("Olaf Z.", "Manuela G.")));
        assert_eq!(wp("Antwort von Stadtverwaltung Frankfurt (Oder) an M. Szymańska"), Some(("Stadtverwaltung Frankfurt (Oder)", "M. Szymańska")));
        // One name, or no names on both sides: no head of this kind.
        assert_eq!(wp("Frerk Albers"), None);
        assert_eq!(wp("Preise → steigen, das ist doch klar, oder?"), None);
        assert_eq!(wp("→ Frerk Albers"), None);
        assert_eq!(wp("Antwort an Frerk Albers"), None);
    }

    #[test]
    fn reply_markers_begin_as_announced() {
        let mut lines = crate::page::testgen::lines();
        for l in ["Antwort auf Nadine K.", "(Antwort an #3)", "[als Antwort zu @Max:]", "Bezug: Leserbrief von Anna Berg", "Zu: Kommentar von Max", "ANTWORT AUF Bert", "Replying to Anna B.", "In reply to Max"] {
            lines.push(l.to_string());
            lines.push(format!(" \u{a0}{}", l.to_lowercase()));
        }
        let mut found = 0;
        for l in &lines {
            if super::reply_marker(l).is_some() {
                found += 1;
                let first = l.trim_start().chars().next().expect("a marker has text");
                assert!(super::may_start_reply_marker(first), "{l:?}");
            }
        }
        assert!(found >= 12, "{found}");
    }

    use super::*;

    fn date(s: &str) -> Option<&str> {
        find_date(s).and_then(|(a, b)| s.get(a..b))
    }

    #[test]
    fn date_spans() {
        assert_eq!(date("#12 — Name — 14.10.2014, 21:47 Uhr"), Some("14.10.2014, 21:47 Uhr"));
        assert_eq!(date("joG 15.10.2014"), Some("15.10.2014"));
        assert_eq!(date("Mi, 28.12.16 01:21"), Some("28.12.16 01:21"));
        assert_eq!(date("am 3. März 2024 um 18:12 Uhr schrieb"), Some("3. März 2024 um 18:12 Uhr"));
        assert_eq!(date("Nadine K. vor 25 Minuten"), Some("vor 25 Minuten"));
        assert_eq!(date("Name gestern, 18:03"), Some("gestern, 18:03"));
        assert_eq!(date("heute 09:12 Uhr"), Some("heute 09:12 Uhr"));
        assert_eq!(date("Dienstag, 14. Okt 2014 / 21:47 Uhr"), Some("14. Okt 2014 / 21:47 Uhr"));
        assert_eq!(date("vor 3 Std."), Some("vor 3 Std."));
        assert_eq!(date("keine Zahl hier"), None);
        assert_eq!(date("2024-02-14T08:15"), Some("2024-02-14T08:15"));
        assert_eq!(date_only("Mi, 28.12.16 01:21"), Some("28.12.16 01:21"));
        assert_eq!(date_only("Text 28.12.16"), None);
        // Without a year, a time must follow ("Sa., 14.3., 09:05").
        assert_eq!(date_only("Sa., 14.3., 09:05"), Some("14.3., 09:05"));
        assert_eq!(short_date_line("20. Nov."), Some("20. Nov."));
        assert_eq!(short_date_line("5 Std."), Some("5 Std."));
        assert_eq!(short_date_line("5 Stühle"), None);
        assert_eq!(short_date_line("20. Novemberregen"), None);
        assert_eq!(date_only("Di, 03.02. um 18:30 Uhr"), Some("03.02. um 18:30 Uhr"));
        assert_eq!(find_date("Version 2.3. und mehr"), None);
    }

    #[test]
    fn author_lines() {
        let a = author_line("joG 15.10.2014").unwrap();
        assert_eq!(a.author.as_deref(), Some("joG"));
        assert_eq!(a.date.as_deref(), Some("15.10.2014"));
        let a = author_line("#12 — Name B. — 14.10.2014, 21:47 Uhr").unwrap();
        assert_eq!((a.author.as_deref(), a.date.as_deref(), a.number), (Some("Name B."), Some("14.10.2014, 21:47 Uhr"), Some(12)));
        let a = author_line("Leser_1 schrieb am 14.10.2014 um 21:47 Uhr:").unwrap();
        assert_eq!((a.author.as_deref(), a.date.as_deref()), (Some("Leser_1"), Some("14.10.2014 um 21:47 Uhr")));
        let a = author_line("Ole aus Ort vor 6 Stunden").unwrap();
        assert_eq!(a.author.as_deref(), Some("Ole aus Ort"));
        let a = author_line("Leserin schrieb:").unwrap();
        assert_eq!((a.author.as_deref(), a.date), (Some("Leserin"), None));
        let a = author_line("15.10.2014 | Leserin").unwrap();
        assert_eq!(a.author.as_deref(), Some("Leserin"));
        let a = author_line("Leserin 15.10.2014 | Antworten").unwrap();
        assert_eq!(a.author.as_deref(), Some("Leserin"));
        assert!(author_line("Der Vertrag läuft bis 15.10.2014").is_none());
        assert!(author_line("viel Text hier und noch mehr ... Mi, 28.12.16 01:21").is_none());
        assert_eq!(author_line("15.10.2014").unwrap().author, None);
        assert_eq!(author_line("Name: Hilde P.").unwrap().author.as_deref(), Some("Hilde P."));
        let a = author_line("Datum: 04.05.2024 – 13:12").unwrap();
        assert_eq!((a.author, a.date.as_deref()), (None, Some("04.05.2024 – 13:12")));
        assert!(author_line("Datum: kein Datum hier").is_none());
        // WordPress's "Name sagt:" needs its colon.
        assert_eq!(author_line("Gerda Holm sagt:").unwrap().author.as_deref(), Some("Gerda Holm"));
        assert_eq!(author_line("Piet says:").unwrap().author.as_deref(), Some("Piet"));
        assert!(author_line("Gerda Holm sagt").is_none());
        // English widget dates.
        let a = author_line("Piet Lorenz Nov 20, 2026, 6:02 PM").unwrap();
        assert_eq!((a.author.as_deref(), a.date.as_deref()), (Some("Piet Lorenz"), Some("Nov 20, 2026, 6:02 PM")));
        assert_eq!(date_only("Nov 21, 2026, 7:58 AM"), Some("Nov 21, 2026, 7:58 AM"));
        assert_eq!(find_date("am 20.11.2026, 18:02 am Markt").map(|(a, b)| b - a), Some("20.11.2026, 18:02".len()));
    }

    #[test]
    fn words_match_split_whitespace() {
        for s in [
            "",
            "  a  b ",
            "Ein\u{a0}Satz\u{2009}mit\u{3000}Leer\u{1680}zeichen\u{85}und\u{2028}Ümläuten\u{205f}x\u{202f}y",
            "\u{200b}kein\u{200b}Leerzeichen\t\ttab\r\n",
            "für über © ½ – — \u{2000}\u{200a}\u{200b}",
        ] {
            assert_eq!(words(s).collect::<Vec<_>>(), s.split_whitespace().collect::<Vec<_>>(), "{s:?}");
            assert_eq!(word_count(s), s.split_whitespace().count());
        }
        for c in (0u32..0x3100).filter_map(char::from_u32) {
            let s = format!("a{c}b {c}");
            assert_eq!(words(&s).collect::<Vec<_>>(), s.split_whitespace().collect::<Vec<_>>(), "U+{:04X}", c as u32);
        }
        for sw in STOPWORDS {
            assert!(is_stopword(sw) && is_stopword(&sw.to_ascii_uppercase()), "{sw}");
        }
        assert!(!is_stopword("Über") && !is_stopword("dies") && !is_stopword("d"));
    }

    /// The cues as they were written before the speed work, kept as the
    /// reference that the faster versions must agree with exactly.
    mod reference {
        use super::super::*;

        pub fn is_thread_starter(text: &str) -> bool {
            text.chars().count() <= 400 && THREAD_STARTER.find_iter(text).count() >= 2
        }

        /// is_credit before its byte tests for the mark and the tail.
        pub fn is_credit(s: &str) -> bool {
            let s = trim(s);
            if s.is_empty() || chars_more_than(s, 400) {
                return false;
            }
            if (has_char(s, '(') || s.starts_with("Bildunterschrift")) && CREDIT_MARK.is_match(s) {
                return true;
            }
            if has_char(s, ':') {
                let t = tail(s, 130);
                if let Some(m) = CREDIT_TAIL.find(t) {
                    if t.get(m.start()..).is_some_and(|t| !chars_more_than(t, 100)) {
                        return true;
                    }
                }
            }
            if (s.starts_with('©') || s.starts_with("(c)")) && !chars_more_than(s, 70) {
                return true;
            }
            !chars_more_than(s, 100) && CREDIT_AGENCY.is_match(s)
        }

        /// The teaser/weather prefilter before it became one search.
        pub fn may_name_teaser_or_weather(s: &str) -> bool {
            let b = s.as_bytes();
            let teaser = memchr::memchr2_iter(b'a', b'A', b).any(|i| i >= 2 && b.get(i - 2..i + 4).is_some_and(|w| w.eq_ignore_ascii_case(b"teaser")));
            let wetter = || memchr::memchr_iter(b'.', b).any(|i| i >= 6 && b[i - 6..i].eq_ignore_ascii_case(b"wetter"));
            teaser || wetter() || has_char(s, '\u{17f}')
        }

        pub fn is_meta_line(s: &str) -> bool {
            let s = s.trim();
            if s.is_empty() || s.len() > 200 {
                return false;
            }
            let s = strip_bullet(s).unwrap_or(s);
            if META.is_match(s) && !(s.ends_with('.') && s.split_whitespace().count() > 6) {
                return true;
            }
            if let Some((a, b)) = find_date(s) {
                let rest = format!("{} {}", s.get(..a).unwrap_or(""), s.get(b..).unwrap_or(""));
                let rest = rest.trim_matches(|c: char| !c.is_alphanumeric());
                let byline = (rest.to_lowercase().starts_with("von ") || META.is_match(rest)) && rest.split_whitespace().count() <= 6;
                let before = s.get(..a).unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric());
                let after = s.get(b..).unwrap_or("").trim_start_matches(|c: char| !c.is_alphanumeric());
                let dateline = before.split_whitespace().count() <= 3
                    && after.get(..4).is_some_and(|v| v.eq_ignore_ascii_case("von "))
                    && after.split_whitespace().count() <= 5;
                if (rest.split_whitespace().count() <= 2 || byline || dateline) && !s.ends_with('.') || date_only(s).is_some() {
                    return true;
                }
            }
            false
        }

        pub fn collapse_ws(s: &str) -> String {
            s.split_whitespace().collect::<Vec<_>>().join(" ")
        }

        pub fn is_prose(s: &str) -> bool {
            let s = s.trim();
            let words: Vec<&str> = s.split_whitespace().collect();
            let stop = words
                .iter()
                .filter(|w| {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    STOPWORDS.iter().any(|sw| sw.eq_ignore_ascii_case(w))
                })
                .count();
            s.chars().count() >= 80
                && s.bytes().any(|b| matches!(b, b'.' | b'!' | b'?' | b':' | b','))
                && words.len() >= 12
                && stop as f32 / words.len() as f32 >= 0.12
                && !is_teaser_line(s)
        }

        pub fn is_nav_line(s: &str) -> bool {
            if s.len() > 400 || !(s.contains(['|', '·', '›', '»', '>', '/', '•']) || s.contains("   ")) {
                return false;
            }
            let mut n = 0usize;
            for p in NAV_SEP.split(s).map(str::trim).filter(|p| !p.is_empty()) {
                let w = p.split_whitespace().count();
                if w > 4 || p.chars().count() > 40 || p.ends_with('.') && w > 2 {
                    return false;
                }
                n += 1;
            }
            n >= 3
        }

        pub fn teaser_heading(s: &str) -> Option<TeaserHeading> {
            static GROUPS: LazyLock<Regex> =
                LazyLock::new(|| re(&format!(r"(?ix)^(?:(?P<soft>{TEASER_SOFT})|(?P<hard>{TEASER_HARD}|{TEASER_HARD_INNER}))\s*:?\s*$")));
            let s = s.trim();
            if s.is_empty() || s.chars().count() > 70 {
                return None;
            }
            let c = GROUPS.captures(s)?;
            Some(if c.name("hard").is_some() { TeaserHeading::Hard } else { TeaserHeading::Soft })
        }
        pub fn is_name_like(s: &str) -> bool {
            let s = s.trim();
            let n = s.chars().count();
            if n == 0 || n > 50 {
                return false;
            }
            let bang_handle = s.len() <= 30 && s.contains('_') && !s.contains(|c: char| c.is_ascii_whitespace() || matches!(c, '?' | ';' | '"' | ':' | '„' | '“' | '«' | '»' | '…'));
            if s.contains(['?', '!', ';', '"', '„', '“', '«', '»', '…']) && !bang_handle || s.contains("...") || s.contains(": ") {
                return false;
            }
            if !s.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '@') {
                return false;
            }
            let words: Vec<&str> = s.split_whitespace().collect();
            if words.is_empty() || words.len() > 5 {
                return false;
            }
            if let Some(last) = words.last() {
                let plain_word = !last.trim_end_matches('.').contains(['.', '_', '-']);
                if last.ends_with('.') && plain_word && last.chars().filter(|c| c.is_alphabetic()).count() > 3 {
                    return false;
                }
                if last.ends_with(',') {
                    return false;
                }
            }
            for (i, w) in words.iter().enumerate() {
                let lw = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                if i == 0 && words.len() > 1 && matches!(lw.as_str(), "der" | "die" | "das") {
                    continue;
                }
                if NAME_STOP.contains(&lw.as_str()) {
                    return false;
                }
            }
            true
        }

        pub fn is_teaser_line(s: &str) -> bool {
            static TEASER_LINE: LazyLock<Regex> = LazyLock::new(|| re(&format!("(?ix)(?:{TEASER_LINE_END}|{TEASER_LINE_DOTS})")));
            let s = s.trim();
            if s.len() < 20 {
                return false;
            }
            let t = if s.starts_with("...") || s.starts_with('…') { s } else { tail(s, 80) };
            s.chars().count() >= 20 && TEASER_LINE.is_match(t)
        }

        pub fn comment_header(s: &str) -> Option<Header> {
            static KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
                re(r"(?i)komment|beitr|reaktion|leser|diskus|forum|debatt|meinung|gedanken|posting|eintr|zuschrift|antwort|stimmen|was meinen|comments")
            });
            let s = s.trim();
            if s.is_empty() || s.len() > 200 {
                return None;
            }
            if let Some(rest) = super::super::after_icon(s) {
                return comment_header(rest);
            }
            if !KEYWORD.is_match(s) {
                return None;
            }
            if let Some(n) = reaction_counts(s) {
                return Some(Header::Count(n));
            }
            let s = strip_sort_control(strip_trailing_ui(s).trim());
            if let Some(c) = COUNT_HEADER.captures(s) {
                let n = ["n1", "n2", "n3", "n4", "n5", "n6", "n7"]
                    .iter()
                    .find_map(|k| c.name(k))
                    .and_then(|m| m.as_str().parse::<usize>().ok())
                    .unwrap_or(0);
                if s.len() <= 160 || s.contains('"') || s.contains('„') || s.contains('»') {
                    return Some(Header::Count(n));
                }
            }
            PLAIN_HEADER.is_match(s).then_some(Header::Plain)
        }

        pub fn is_lexicon_furniture(s: &str) -> bool {
            if s.len() > 1400 {
                return false;
            }
            let len = s.chars().count();
            let hits = LEXICON.find_iter(s).count();
            if hits == 0 {
                return false;
            }
            let strong = LEXICON_STRONG.is_match(s);
            (len <= 90) || (hits >= 2 && len <= 600) || (strong && len <= 300) || hits >= 4
        }

        pub fn strip_bullet(s: &str) -> Option<&str> {
            let t = s.trim_start();
            for b in ["•", "◦", "▪", "▸", "►", "·", "*", "-", "–", "—", "+", "o"] {
                if let Some(rest) = t.strip_prefix(b) {
                    if rest.starts_with(char::is_whitespace) {
                        let rest = rest.trim();
                        if !rest.is_empty() {
                            return Some(rest);
                        }
                    }
                }
            }
            None
        }
    }

    /// Every line of the pages and perturbed copies (case, Kelvin sign, long
    /// s, non-ASCII digits, white space, symbols), raw and trimmed.
    fn test_lines() -> Vec<String> {
        let mut v = crate::page::testgen::lines();
        let trimmed: Vec<String> = v.iter().map(|l| l.trim().to_string()).collect();
        v.extend(trimmed);
        v
    }

    #[test]
    fn fast_cues_agree_with_the_reference() {
        for l in test_lines() {
            let l = l.as_str();
            assert_eq!(words(l).collect::<Vec<_>>(), l.split_whitespace().collect::<Vec<_>>(), "{l:?}");
            assert_eq!(word_count(l), l.split_whitespace().count(), "{l:?}");
            assert_eq!(collapse_ws(l), reference::collapse_ws(l), "{l:?}");
            assert_eq!(collapse_ws_lower(l), reference::collapse_ws(l).to_lowercase(), "{l:?}");
            assert_eq!(is_prose(l), reference::is_prose(l), "{l:?}");
            assert_eq!(is_nav_line(l), reference::is_nav_line(l), "{l:?}");
            assert_eq!(nav_split(l).collect::<Vec<_>>(), NAV_SEP.split(l).collect::<Vec<_>>(), "{l:?}");
            assert_eq!(teaser_heading(l), reference::teaser_heading(l), "{l:?}");
            assert_eq!(is_thread_starter(l), reference::is_thread_starter(l), "{l:?}");
            assert!(THREAD_STARTER.find_iter(l).count() < 2 || thread_starter_anchors_at_least_two(l), "{l:?}");
            assert_eq!(is_credit(l), reference::is_credit(l), "{l:?}");
            assert!(!CREDIT_MARK.is_match(l) || may_hold_credit_mark(l, &Facts::ANY), "{l:?}");
            for n in [20, 60, 130] {
                let t = tail(l, n);
                assert!(CREDIT_TAIL.find(t).is_none() || may_hold_credit_tail(t), "{t:?}");
            }
            // The one-search prefilter admits every line the old one did
            // that the inner headings' regex matches.
            if reference::may_name_teaser_or_weather(l) && TEASER_HEADING_INNER.is_match(l) {
                assert!(may_name_teaser_or_weather(l), "{l:?}");
            }
            assert!(!TEASER_HEADING_INNER.is_match(l) || may_name_teaser_or_weather(l), "{l:?}");
            assert_eq!(comment_header(l), reference::comment_header(l), "{l:?}");
            assert_eq!(is_teaser_line(l), reference::is_teaser_line(l), "{l:?}");
            assert_eq!(has_name_breaker(l, &Facts::ANY), l.contains(['?', '!', ';', '"', '„', '“', '«', '»', '…']) || l.contains(": "), "{l:?}");
            assert_eq!(is_meta_line(l), reference::is_meta_line(l), "{l:?}");
            assert_eq!(has_part_separator(l, &Facts::ANY), has_ui_separator(l) || l.contains('\u{2013}') || l.contains('\u{2014}'), "{l:?}");
            assert_eq!(is_name_like(l), reference::is_name_like(l), "{l:?}");
            for w in l.split_whitespace().take(3) {
                assert_eq!(is_name_like(w), reference::is_name_like(w), "{w:?}");
            }
            assert_eq!(is_lexicon_furniture(l), reference::is_lexicon_furniture(l), "{l:?}");
            assert_eq!(strip_bullet(l), reference::strip_bullet(l), "{l:?}");
            assert_eq!(has_three_dots(l), l.contains("..."), "{l:?}");
            assert_eq!(has_ellipsis(l), l.contains("...") || l.contains('…'), "{l:?}");
            assert_eq!(trim(l), l.trim(), "{l:?}");
            assert_eq!(trim_start(l), l.trim_start(), "{l:?}");
            assert_eq!(trim_end(l), l.trim_end(), "{l:?}");
            for c in ['Σ', '(', ':', '°', '…', '©', 'ß', '\u{212a}', '\u{1d400}', ' '] {
                assert_eq!(has_char(l, c), l.contains(c), "{c:?} {l:?}");
            }
            for n in [0, 1, 2, 19, 29, 30, 40, 50, 70, 79, 90, 100, 120, 140, 220, 250, 300, 400, 600] {
                assert_eq!(chars_more_than(l, n), l.chars().count() > n, "{n} {l:?}");
            }
            for w in words(l) {
                let t = w.trim_matches(|c: char| !c.is_alphanumeric());
                assert_eq!(is_stopword_token(w), STOPWORDS.iter().any(|sw| sw.eq_ignore_ascii_case(t)), "{w:?}");
            }
            assert_eq!(has_ui_separator(l), l.contains(['|', '·', '•']), "{l:?}");
            for t in [l, "antwortet", "erwiderte", "wantwortetw", "erwiderterwiderte", "antworte", "rwiderte"] {
                assert_eq!(has_reply_verb(t.as_bytes()), t.contains("antwortet") || t.contains("erwiderte"), "{t:?}");
            }
            // SCHRIEB_END is a necessary condition for SCHRIEB.
            assert!(!SCHRIEB.is_match(l) || SCHRIEB_END.is_match(l), "{l:?}");
        }
    }

    #[test]
    fn fast_word_keys_agree_with_word_key() {
        let mut n = 0;
        for l in test_lines() {
            for w in l.split_whitespace() {
                let b = w.as_bytes();
                for i in 0..b.len() {
                    for j in i + 2..=(i + 7).min(b.len()) {
                        assert_eq!(word_key_2_7(&b[i..j]), word_key(&b[i..j]), "{:?}", &b[i..j]);
                        n += 1;
                    }
                }
            }
        }
        for x in 0..=255u8 {
            for y in [b'a', b'Z', b'@', b'[', 0x80, 0xc3, 0xff, 0] {
                for k in [[x, y].as_slice(), &[y, x, y], &[x, x, y, x, y, x, x]] {
                    assert_eq!(word_key_2_7(k), word_key(k), "{k:?}");
                }
            }
        }
        assert!(n > 100_000, "{n}");
        // The count of function words prose_words needs, against the share test.
        for total in 12..5000usize {
            let need = (1..).find(|&k| k as f32 / total as f32 >= 0.12).unwrap();
            assert_eq!(prose_need(total), need, "{total}");
        }
    }

    #[test]
    fn lead_number_agrees_with_the_captures() {
        let mut lines = test_lines();
        let heads = ["", "#", "# ", "#\u{2009}", "#  ", "#\u{a0}", "Nr.", "Nr. ", "Nr.#", "Nr. # ", "Nr #", "Beitrag", "Beitrag #", "Kommentar  # ", "NR.", "beitrag ", "x", "\u{663}"];
        let nums = ["", "3", "12", "1234", "12345", "123456", "1234567", "\u{663}", "1\u{663}", "12\u{bd}", "\u{ff11}"];
        let seps = ["", ")", "))", " )", ":", ".", " .", "\u{2009}"];
        let tails = ["", " Name", " \u{2014} Name", ": Name", " :: x", " | x", "\u{b7} x", " - x", "\u{a0}x", "\u{c4}rger", "\u{2009}\u{2013}\u{2009}x", "\u{2013}x", ".: -", " 5"];
        for h in heads {
            for n in nums {
                for sep in seps {
                    for t in tails {
                        lines.push(format!("{h}{n}{sep}{t}"));
                    }
                }
            }
        }
        let (mut sure, mut some) = (0, 0);
        for l in &lines {
            let reference = lead_number_by_captures(l);
            if let Some(m) = lead_number_by_hand(l) {
                sure += 1;
                some += m.is_some() as usize;
                assert_eq!(m, reference, "{l:?}");
            }
            assert_eq!(lead_number(l), reference, "{l:?}");
        }
        assert!(sure > 20_000 && some > 5_000, "{sure} {some}");
    }

    #[test]
    fn reply_groups_agree_with_the_captures() {
        let mut lines = test_lines();
        let opens = ["", "(", "[", "(als ", "Als\t", "als  "];
        let verbs = ["Antwort", "antworten", "ANTWORT", "Antworte", "antwortEN"];
        let gaps = [" ", "\t ", "\u{a0}", "\x0b"];
        let preps = ["auf", "an", "zu", "AUF", "Zu", "um", "aufs"];
        let labels = ["", "den ", "Beitrag ", "kommentar von ", "Post ", "den Kommentar von ", "Dennis ", "Postbote "];
        let groups = [
            "3", "#3", "# 3", "#  3", "nr. 7", "Nr.7", "NR 12", "nr..7", "1234567", "123456", "@Max", "@", "Nadine K.", "Lene \u{1f30a}", "x:y", "a]b",
            "Max 3", "3 Leute", "\u{212a}laus", "\u{17f}abine", "#Nr. 5", "@#4", "Nr. 4", ")", "Max)", "A Very Long Name That Goes On And On And On Forever More",
        ];
        let tails = ["", " vom 12.03.2024", " am Montag", " am", ")", "]", ":", ":)", " :]", "  ", "))", ": x", " AM 3", " Vom x", "\u{e4}"];
        for o in opens {
            for v in verbs {
                for g in gaps {
                    for p in preps {
                        for l in labels {
                            for gr in groups {
                                for t in tails {
                                    lines.push(format!("{o}{v}{g}{p}{g}{l}{gr}{t}"));
                                }
                            }
                        }
                    }
                }
            }
        }
        let (mut matched, mut fast) = (0, 0);
        for l in &lines {
            let t = trim(l);
            if !REPLY.is_match(t) {
                continue;
            }
            matched += 1;
            if let Some(g) = reply_groups_ascii(t) {
                fast += 1;
                let c = REPLY.captures(t).expect("REPLY matches");
                assert_eq!(g, (c.name("num").map(|m| m.as_str()), c.name("name").map(|m| m.as_str())), "{l:?}");
            }
        }
        assert!(matched > 20_000 && fast > 10_000, "{matched} {fast}");
    }

    #[test]
    fn numbered_title_agrees_with_the_captures() {
        let reference = |s: &str| -> Option<(u32, String)> {
            let c = captures(&NUMBERED, s.trim())?;
            let n = c.get(1)?.as_str().parse().ok()?;
            Some((n, c.get(2)?.as_str().trim().to_string()))
        };
        let mut lines = test_lines();
        let heads = ["", "#", "# ", "#\u{a0}", "#  ", "#\n", " #", "##"];
        let nums = ["", "3", "12", "99999", "123456", "0", "\u{663}", "1\u{663}", "\u{663}1", "\u{ff11}", "1a"];
        let seps = [".", ")", ":", "", ".)", "]", "\u{2024}"];
        let gaps = ["", " ", "  ", "\t", "\n", " \n ", "\u{a0}", "\u{3000}", "\u{85}", "\u{180e}", "\u{200b}", "\u{2028}"];
        let texts = ["", "Titel", "Die Ukraine ist ein. ...", "x\ny", " ", "\u{e4}rger", "\u{200b}"];
        for h in heads {
            for n in nums {
                for sep in seps {
                    for g in gaps {
                        for t in texts {
                            lines.push(format!("{h}{n}{sep}{g}{t}"));
                        }
                    }
                }
            }
        }
        // Every char as the white space after the number and after '#'.
        for c in (0u32..0x3100).filter_map(char::from_u32) {
            lines.push(format!("3.{c}Titel"));
            lines.push(format!("#{c}3) Titel"));
        }
        let mut some = 0;
        for l in &lines {
            let fast = numbered_title(l);
            some += fast.is_some() as usize;
            assert_eq!(fast.map(|(n, t)| (n, t.to_string())), reference(l), "{l:?}");
        }
        assert!(some > 1000, "{some}");
    }

    #[test]
    fn is_name_or_longer_takes_the_name_whole_or_before_a_space() {
        assert!(is_name_or_longer("Gerd Maus", "Gerd Maus"));
        assert!(is_name_or_longer("Gerd Maus aus Forst", "Gerd Maus"));
        assert!(!is_name_or_longer("Gerd Mausfeld", "Gerd Maus"));
        assert!(!is_name_or_longer("Gerd", "Gerd Maus"));
        assert!(!is_name_or_longer("gerd maus", "Gerd Maus"));
    }

    #[test]
    fn header_pattern_is_count_header() {
        let mut lines: Vec<String> = test_lines();
        lines.extend(
            [
                "Kommentare", "Kommentare (12)", "12 Kommentare", "Keine Kommentare", "Leserkommentare: 3", "Forum zum Artikel",
                "Diskussion", "Ihre Meinung", "Ihre Meinung: 4 Kommentare", "Antworten: 7", "Kommentare 12", "", "Ä", "Kommentäre",
                "Diskutieren Sie mit!", "Meinung", "Noch keine Beiträge vorhanden.", "Kommentare\u{a0}(3)",
            ]
            .map(String::from),
        );
        let (mut count, mut plain) = (0, 0);
        for l in &lines {
            for t in [l.as_str(), trim(l)] {
                let want = match (COUNT_HEADER.is_match(t), PLAIN_HEADER.is_match(t)) {
                    (true, _) => Some(true),
                    (false, true) => Some(false),
                    (false, false) => None,
                };
                // The start tables never rule out a match (test below).
                assert_eq!(header_pattern(t), want, "{t:?}");
                count += usize::from(want == Some(true));
                plain += usize::from(want == Some(false));
            }
        }
        assert!(count > 20 && plain > 20, "{count} {plain}");
    }

    #[test]
    fn no_header_is_one_byte_long_and_headers_pass_the_start_tables() {
        assert!(ANY_HEADER.starts.is_some());
        for b in 0u8..0x80 {
            let c = (b as char).to_string();
            assert_eq!(header_match(&c), None, "{c:?}");
        }
        for l in test_lines() {
            let t = l.trim();
            if t.len() > 200 {
                continue;
            }
            // Every prefix that is a header passes the test of the whole line.
            for (i, _) in t.char_indices().skip(1) {
                if header_match(&t[..i]).is_some() {
                    assert!(ANY_HEADER.may_match_two_byte_prefix_of(t), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn nav_split_agrees_with_the_regex() {
        let items = ["", "a", "Eins zwei", "x.", "ä"];
        let gaps = ["", " ", "  ", "   ", "\t\t\t", "\u{a0}", "\u{a0}\u{a0}\u{a0}", " \u{3000} ", "\u{2009}\u{2009}", "\u{85}\n\u{2028}", "\u{1680}\u{205f}\u{202f}", "\u{200b}"];
        let seps = ["", "|", "||", "/", ">", "·", "›", "»", "•", "-", "\u{b6}", "\u{2022}\u{2022}"];
        for i in items {
            for g1 in gaps {
                for sep in seps {
                    for g2 in gaps {
                        let l = format!("{i}{g1}{sep}{g2}{i}{g2}{sep}{g1}B{sep}");
                        assert_eq!(nav_split(&l).collect::<Vec<_>>(), NAV_SEP.split(&l).collect::<Vec<_>>(), "{l:?}");
                        assert_eq!(is_nav_line(&l), reference::is_nav_line(&l), "{l:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn dates_need_a_digit_vor_or_gerade() {
        let digit = Regex::new(r"\d").unwrap();
        for c in (0x80u32..0x100).chain(0x2000..0x3000).filter_map(char::from_u32) {
            assert!(!digit.is_match(&c.to_string()), "U+{:04X}", c as u32);
        }
        let mut lines = test_lines();
        for l in ["vor 3 Stunden", "VOR EINER WOCHE", "gerade eben", "GERADE  EBEN", "a day ago", "AN HOUR AGO", "5 hours ago", "heute, 12:30", "١٢.٠٣.٢٠٢٤", "𝟏𝟐.𝟎𝟑.𝟐𝟎𝟐𝟒"] {
            lines.push(l.to_string());
            lines.push(format!("Name {l}"));
        }
        for l in &lines {
            assert_eq!(find_date(l), DATE.find(l).map(|m| (m.start(), m.end())), "{l:?}");
            assert_eq!(find_last_date(l), DATE.find_iter(l).last().map(|m| (m.start(), m.end())), "{l:?}");
        }
    }

    /// The gate of the text pass's search for a section without a header:
    /// an author line with both a name and a date is read only from lines
    /// that [`may_hold_date`] admits. Every date an author line gives is a
    /// date match, a `date_only` part or a short age ("3 Std."), each within
    /// the line.
    #[test]
    fn dated_author_lines_may_hold_a_date() {
        let mut lines = test_lines();
        for l in [
            "joG 15.10.2014", "Name vor 3 Stunden", "NAME VOR EINER WOCHE", "Lena gerade eben", "u/name · 3 Std. · bearbeitet",
            "Nutzer · ١٢.٠٣.٢٠٢٤", "Ole · 𝟑 Std.", "Datum: 04.05.2024 – 13:12", "Leserbrief von Hans Meier, Kiel", "Leserin schrieb:",
        ] {
            lines.push(l.to_string());
        }
        let mut both = 0usize;
        for l in &lines {
            for t in [l.as_str(), l.trim()] {
                if author_line(t).is_some_and(|a| a.author.is_some() && a.date.is_some()) {
                    both += 1;
                    assert!(may_hold_date(t), "{t:?}");
                }
            }
        }
        assert!(both >= 50, "{both}");
    }

    #[test]
    fn signature_groups_agree_with_the_capturing_search() {
        let mut lines = crate::page::testgen::lines();
        let long = "x".repeat(61);
        let longer = "y".repeat(63);
        let heads = ["", "Danke! ", "Text davor", " ", "\u{a0}", "Ein Satz. "];
        let dashes = ["", "--", "-- ", "---", "—", "— ", "–", " – ", " -- ", "\u{2009}—\u{a0}", " (-- "];
        let phrases = ["", "Der vorstehende nicht signierte Beitrag stammt von ", "Preceding unsigned comment added by  "];
        let names = ["Max", "Max Mustermann", "A", long.as_str(), longer.as_str(), "Na(me", "\u{212a}elvin", "Ä Ö ", "-- Ref", "a — b"];
        let talks = [" (Diskussion)", "(Disk.)", "\u{a0}(talk)", " (Talk | Beiträge)", " (Diskussion · Beiträge)", " (Disk)"];
        let dates = [" 14:02, 5 March 2026", "09:05, 12. Okt. 2024", "\u{a0}14:02, 5. März 2026 ", " 1:02, 5 Mä 2026"];
        let zones = [" (CET)", "(UTC)", " (MESZ)", "\u{2009}(CEST)", " (CEST))"];
        let mut k = 0usize;
        for h in heads {
            for d in dashes {
                for p in phrases {
                    for n in names {
                        for t in talks {
                            for dt in dates {
                                for z in zones {
                                    k += 1;
                                    if k % 7 == 0 || d.is_empty() && k % 3 == 0 {
                                        lines.push(format!("{h}{d}{p}{n}{t}{dt}{z}"));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let mut hits = 0;
        for l in &lines {
            assert_eq!(signature_groups(l), signature_groups_captured(l), "{l:?}");
            hits += wiki_signature(l).is_some() as usize;
        }
        assert!(hits >= 2000, "{hits}");
    }

    #[test]
    fn cues_with_line_facts_agree_with_the_plain_cues() {
        // Each `…_in` cue given the facts of the line, on the line itself
        // (where a set bit answers) and on parts of it (where only a clear
        // bit does), against the plain cue; the date cues also with the
        // line's date scan, shared by the parts as a line's cell is.
        let mut n = 0usize;
        let mut hits = 0usize;
        for l in crate::page::testgen::lines() {
            let f = Facts::of(&l);
            let scan = std::cell::Cell::default();
            let d = LineDates::new(&l, &f, &scan);
            let ends: Vec<usize> = (0..=l.len()).filter(|&i| l.is_char_boundary(i)).collect();
            let mut parts: Vec<&str> = vec![&l, trim(&l)];
            parts.extend(ends.iter().step_by(7).map(|&a| &l[a..]));
            parts.extend(ends.iter().step_by(11).map(|&b| &l[..b]));
            for p in parts {
                macro_rules! agree {
                    ($($fast:ident = $plain:ident),* $(,)?) => {$(
                        assert_eq!($fast(p, &f), $plain(p), "{}: {p:?}", stringify!($plain));
                    )*};
                }
                agree!(
                    may_hold_date_in = may_hold_date, find_date_in = find_date, find_last_date_in = find_last_date,
                    comment_header_in = comment_header, has_ui_separator_in = has_ui_separator,
                    strip_trailing_ui_in = strip_trailing_ui, is_nav_line_in = is_nav_line, is_credit_in = is_credit,
                    is_weather_line_in = is_weather_line,
                    is_teaser_line_in = is_teaser_line, is_excerpt_with_date_in = is_excerpt_with_date,
                    is_prose_in = is_prose, teaser_heading_in = teaser_heading, is_name_like_in = is_name_like,
                    is_collapsed_in = is_collapsed, post_field_in = post_field,
                );
                assert_eq!(has_part_separator(p, &f), has_part_separator(p, &Facts::ANY), "{p:?}");
                let (mut a, mut b) = (String::new(), String::new());
                assert_eq!(push_collapse_ws_lower_in(&mut a, p, &f), push_collapse_ws_lower(&mut b, p), "{p:?}");
                assert_eq!(a, b, "{p:?}");
                assert_eq!(is_meta_line_in(p, &d), is_meta_line(p), "{p:?}");
                assert_eq!(ui_footer_date_in(p, &d), ui_footer_date(p), "{p:?}");
                let al = author_line_in(p, &d);
                hits += al.is_some() as usize;
                assert_eq!(al, author_line(p), "{p:?}");
                n += 1;
            }
        }
        assert!(n > 50_000 && hits > 500, "{n} {hits}");
    }

    /// The argument of [`LineDates`] needs [`DATE`] to look around only by
    /// ASCII word boundaries (no anchors, no Unicode `\b`).
    #[test]
    fn date_looks_around_only_by_ascii_word_boundaries() {
        use regex_syntax::hir::Look;
        let hir = regex_syntax::parse(DATE.as_str()).expect("DATE parses");
        let looks = hir.properties().look_set();
        assert!(looks.contains(Look::WordAscii), "{looks:?}");
        assert!(looks.iter().all(|l| l == Look::WordAscii), "{looks:?}");
    }

    #[test]
    fn line_dates_agree_with_the_direct_search() {
        // The first and last date of the testgen lines and of many parts of
        // them (prefixes, suffixes, pieces, and cuts at, inside and beside
        // each date of the line), answered from the line's scan against
        // the direct search of the part. Each line once with one scan cell
        // for all its parts (asked in turn, as a line's cues ask) and once
        // with a fresh cell for each part (first asked first, then last
        // asked first).
        let mut lines = crate::page::testgen::lines();
        lines.extend(
            [
                "x14.10.2014 um 21:47 Uhrzeit",
                "Am 3.4.2024 um 18:12 Uhr schrieb Name_1 am 5.5.2024, 9:05",
                "vor 3 Stunden, vor einer Woche und gerade eben: 1.2.2020 1.2.2021 1.2.2022 1.2.2023 1.2.2024 1.2.2025",
                "12.10.2014.13.10.2014 14:00 Uhr",
                "Name 14.10.2014 / 21:47 Uhrmacher",
                "a12.10.2014b 12.10.2014_ 12.10.2014",
            ]
            .map(String::from),
        );
        let (mut n, mut answered) = (0usize, 0usize);
        for l in &lines {
            let f = Facts::of(l);
            let ends: Vec<usize> = (0..=l.len()).filter(|&i| l.is_char_boundary(i)).collect();
            let mut cuts: Vec<(usize, usize)> = vec![(0, l.len())];
            cuts.extend(ends.iter().step_by(3).map(|&a| (a, l.len())));
            cuts.extend(ends.iter().step_by(5).map(|&b| (0, b)));
            cuts.extend(ends.windows(2).step_by(13).flat_map(|w| ends.iter().step_by(17).filter(move |&&b| b >= w[0]).map(move |&b| (w[0], b))));
            let near = |i: usize| ends.iter().copied().filter(move |&e| e + 2 >= i && e <= i + 2);
            for m in DATE.find_iter(l) {
                for a in near(m.start()) {
                    cuts.extend(near(m.end()).filter(|&b| b >= a).map(|b| (a, b)));
                    cuts.push((a, l.len()));
                }
                cuts.extend(near(m.end()).map(|b| (0, b)));
            }
            let shared = std::cell::Cell::default();
            let d = LineDates::new(l, &f, &shared);
            for (k, &(a, b)) in cuts.iter().enumerate() {
                let p = &l[a..b];
                let (first, last) = (find_date(p), find_last_date(p));
                let fresh = std::cell::Cell::default();
                let e = LineDates::new(l, &f, &fresh);
                if k % 2 == 0 {
                    assert_eq!((d.first(p), e.first(p), e.last(p)), (first, first, last), "{l:?} {a}..{b}");
                    assert_eq!(d.last(p), last, "{l:?} {a}..{b}");
                } else {
                    assert_eq!((d.last(p), e.last(p), e.first(p)), (last, last, first), "{l:?} {a}..{b}");
                    assert_eq!(d.first(p), first, "{l:?} {a}..{b}");
                }
                assert_eq!(d.date_only(p), date_only(p), "{l:?} {a}..{b}");
                n += 1;
                // Parts with a date that the scan answered (not the direct search).
                if a > 0 && b < l.len() && first.is_some() && d.may_hold() && d.scanned(p, LineDates::first_scanned).is_some() && d.scanned(p, LineDates::last_scanned).is_some() {
                    answered += 1;
                }
            }
        }
        assert!(n > 1_000_000 && answered > 3_000, "{n} {answered}");
    }

    #[test]
    fn short_word_counts_agree_with_split_whitespace() {
        // Every piece of up to 70 bytes of the testgen lines (at char
        // boundaries), and each white-space and lead-byte neighbour
        // at every offset of an eight-byte block.
        let mut n = 0usize;
        for l in crate::page::testgen::lines() {
            let ends: Vec<usize> = (0..=l.len()).filter(|&i| l.is_char_boundary(i)).collect();
            for (k, &a) in ends.iter().enumerate().step_by(3) {
                for &b in ends[k..].iter().take_while(|&&b| b - a <= 70) {
                    let p = &l[a..b];
                    assert_eq!(word_count(p), p.split_whitespace().count(), "{p:?}");
                    n += 1;
                }
            }
        }
        assert!(n > 100_000, "{n}");
        let fill = ["a", " ", "\t", "\r", "\n", "\u{b}", "\u{c}", "\u{a0}", "\u{85}", "\u{2009}", "\u{3000}", "\u{1680}", "ä", "\u{e1}", "€", "\u{212a}", "\u{17f}", "\u{8d}", "\u{89}", "~", "\u{7f}"];
        for len in 0..=66 {
            for at in 0..len.max(1) {
                for x in fill {
                    for y in ["a", " ", "\u{a0}", "é"] {
                        let mut s = String::new();
                        for i in 0..len {
                            s.push_str(if i == at { x } else if i % 5 == 4 { y } else { "b" });
                        }
                        assert_eq!(word_count(&s), s.split_whitespace().count(), "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn word_counts_across_block_boundaries() {
        for len in [1, 2, 254, 255, 256, 257, 510, 511, 512, 600] {
            for at in [0, 1, 253, 254, 255, 256, 257, 300, 509, 510, 511] {
                for ws in [" ", "\t", "\r", "  "] {
                    let mut s = "a".repeat(len);
                    if at < len {
                        s.replace_range(at..at + 1, ws);
                    }
                    let t = format!("{s} b {s}");
                    for x in [s.as_str(), t.as_str()] {
                        assert_eq!(word_count(x), x.split_whitespace().count(), "{len} {at} {ws:?}");
                    }
                    let u = s.replace(' ', "ä").replace('\t', "€");
                    for n in [len / 4, len / 2, len - 1, len] {
                        assert_eq!(chars_more_than(&u, n), u.chars().count() > n, "{len} {at} {n}");
                    }
                }
            }
        }
    }

    #[test]
    fn sort_control_gate_hides_no_match() {
        let mut lines = test_lines();
        for h in ["17 Kommentare", "Kommentare", ""] {
            for c in ["Sortieren nach: Beste ▾", "Sortiert nach Datum", "Sortierung", "Neueste zuerst", "älteste oben", "TOP  OBEN", "beste\u{a0}zuerst", "Neueste zuletzt", "älteste UNTEN"] {
                for sep in ["   ", " | ", "·", " ▾ ", "▼", "\u{2003}\u{2003}", "\t\t", " \u{85}", "\u{1680}\u{2004}", "\u{205f}\u{3000}", "\u{2028} ", "\u{a0}\u{2029}", "\u{202f}\u{200a}", "\r\n", " x "] {
                    for v in [format!("{h}{sep}{c}"), format!("{h}{sep}{c}").to_uppercase(), format!("{h}{sep}{c}").replace('s', "\u{17f}").replace(['k', 'K'], "\u{212a}")] {
                        lines.push(v);
                    }
                }
            }
        }
        for l in &lines {
            assert!(SORT_CONTROL.find(l).is_none() || may_have_sort_control(l) && may_have_sort_separator(l), "{l:?}");
            let old = match SORT_CONTROL.find(l) {
                Some(m) if m.start() > 0 => l.get(..m.start()).unwrap_or(l).trim_end(),
                _ => l.as_str(),
            };
            assert_eq!(strip_sort_control(l), old, "{l:?}");
        }
        assert!(contains_ascii_ci(b"xOBen", b"oben", 1) && !contains_ascii_ci(b"obe", b"oben", 1) && !contains_ascii_ci(b"b", b"oben", 1));
    }

    #[test]
    fn teaser_lines_at_either_end() {
        let long = "Ein langer Satz, der hier steht und weitergeht, bis er irgendwann";
        for s in [
            "… mehr zum Thema hier und dort und anderswo",
            "... mehr lesen, was heute alles geschah in der Stadt",
            "Text, der mitten im Satz abbricht ... mehr",
            "Text, der mitten im Satz abbricht …",
            "Der Text eines Anreißers hört auf mit mehr lesen 3",
            &format!("{long} ... mehr"),
            &format!("{long} {long} ... mehr dazu hier"),
            &format!("{long}{long} ...mehr"),
            &format!("{long} zum Artikel »"),
            &format!("{long} weiterlesen"),
            "Kein Teaser, sondern ein ganz normaler Satz.",
        ] {
            assert_eq!(is_teaser_line(s), reference::is_teaser_line(s), "{s}");
        }
    }

    #[test]
    fn header_counts_are_the_first_digits() {
        for s in [
            "31 Kommentare",
            "es gibt bereits 1234567 Kommentare",
            "insgesamt31 Beiträge",
            "Kommentare (12)",
            "Kommentare: 7 zum Artikel",
            "Kommentare [٣]",
            "٣٣ Kommentare",
            "3٣ Kommentare zu 2024",
            "Diskussion - 4 Beiträge",
            "Leserkommentare 5",
            "Keine Kommentare",
            "1 Kommentar zu \"Irgendein Titel: 2 Dinge\"",
            "Antworten 2",
            "12 Antworten auf „Titel 3“",
        ] {
            assert_eq!(comment_header(s), reference::comment_header(s), "{s}");
        }
    }

    #[test]
    fn start_byte_tests_never_hide_a_match() {
        let cues: [(&str, &StartRegex); 17] = [
            ("UI_LINE", &UI_LINE),
            ("INLINE_TEASER", &INLINE_TEASER),
            ("TEASER_HEADING", &TEASER_HEADING),
            ("META", &META),
            ("URL_LINE", &URL_LINE),
            ("CREDIT_AGENCY", &CREDIT_AGENCY),
            ("REPLY", &REPLY),
            ("NUMBERED", &NUMBERED),
            ("LEAD_NUMBER", &LEAD_NUMBER),
            ("FIELD_LABEL", &FIELD_LABEL),
            ("CHAT_LINE", &CHAT_LINE),
            ("POST_FIELD", &POST_FIELD),
            ("BADGE", &BADGE),
            ("PROFILE_LINE", &PROFILE_LINE),
            ("SOCIAL_PROFILE", &SOCIAL_PROFILE),
            ("UI_ITEM_ONLY", &UI_ITEM_ONLY),
            ("QUOTE_BY", &QUOTE_BY),
        ];
        let mut lines = test_lines();
        // Short haystacks, where the tables end.
        lines.extend((0u32..0x300).filter_map(char::from_u32).flat_map(|c| [c.to_string(), format!("{c}a"), format!("#{c}"), format!("w{c}")]));
        // Three-byte beginnings: each line's first two bytes with every
        // third char, and the lines cut after two and three bytes.
        let heads: Vec<String> = test_lines().iter().filter_map(|l| l.get(..2).map(str::to_string)).collect();
        for h in heads.iter().take(400) {
            lines.extend((0u32..0x180).filter_map(char::from_u32).map(|c| format!("{h}{c}")));
            lines.extend((0u32..0x80).filter_map(char::from_u32).map(|c| format!("{h}{c}ntworten")));
        }
        for w in ["Antworten", "Melden", "Gefällt mir", "Kommentare (3)", "Diskussion", "Redaktion", "Mitglied seit 2012", "Wohnt in Jena", "Zitat von Max:"] {
            for k in 1..=w.len() {
                if let Some(p) = w.get(..k) {
                    lines.push(p.to_string());
                    lines.push(p.to_uppercase());
                }
            }
        }
        for (name, r) in cues {
            // Anchored, so tables were built, and they rule out some bytes.
            assert!(r.starts.as_ref().is_some_and(|t| t.one.iter().any(|&ok| !ok)), "{name}");
            for l in &lines {
                assert_eq!(r.is_match(l), r.re.is_match(l), "{name} {l:?}");
            }
        }
        // Unanchored patterns get no tables.
        assert!(starts(r"\d+").is_none() && starts(r"(?i)^a|b").is_none());
        // A match that ends early counts for every later byte: "^" and "^x?"
        // match every haystack, "^a" every one beginning with a.
        for p in [r"^", r"^(?:x)?"] {
            let t = starts(p).unwrap();
            assert!(t.one.iter().all(|&ok| ok) && t.two.iter().all(|r| r.iter().all(|&w| w == u64::MAX)), "{p}");
        }
        let a = StartRegex::new(r"^a");
        assert!(a.is_match("a") && a.is_match("ab") && a.is_match("a\u{e4}") && !a.is_match("ba"));
        // The Kelvin sign and the long s begin matches of (?i)k and (?i)s.
        let t = starts(r"(?i)^(?:k|s)").unwrap();
        assert!(t.one[b'k' as usize] && t.one[b'K' as usize] && t.one[b'S' as usize] && t.one[0xe2] && t.one[0xc5] && !t.one[b'a' as usize]);
        let ks = StartRegex::new(r"(?i)^(?:ka|sa)");
        for s in ["\u{212a}a", "\u{17f}a", "Ka", "sA"] {
            assert!(ks.is_match(s), "{s}");
        }
    }

    #[test]
    fn split_at_finder_gives_the_pieces_of_str_split() {
        let f: &'static memchr::memmem::Finder<'static> = Box::leak(Box::new(memchr::memmem::Finder::new(" · ")));
        let g: &'static memchr::memmem::Finder<'static> = Box::leak(Box::new(memchr::memmem::Finder::new("  ")));
        for s in ["", " · ", "a · b", " · a ·  · b · ", "a ·· b · · c", "x", "👍 47 · Hilfreich", "a    b", "   ", "  a  "] {
            assert_eq!(split_at_finder(s, f).collect::<Vec<_>>(), s.split(" · ").collect::<Vec<_>>(), "{s:?}");
            assert_eq!(split_at_finder(s, g).collect::<Vec<_>>(), s.split("  ").collect::<Vec<_>>(), "{s:?}");
        }
    }

    #[test]
    fn only_kelvin_sign_and_long_s_fold_to_ascii_letters() {
        // The ASCII-case-insensitive shortcuts rely on this: under the
        // regexes' Unicode case folding, `(?i)x` for an ASCII letter x
        // matches x, X and, for k and s only, one more char.
        for l in 'a'..='z' {
            let r = re(&format!("(?i)^{l}$"));
            let extra: Vec<char> = (0x80u32..0x11_0000).filter_map(char::from_u32).filter(|c| r.is_match(&c.to_string())).collect();
            let want: &[char] = match l {
                'k' => &['\u{212a}'],
                's' => &['\u{17f}'],
                _ => &[],
            };
            assert_eq!(extra, want, "{l}");
        }
    }

    #[test]
    fn sort_separator_facts_agree() {
        // The facts of the line and of a string that holds it (the line with
        // white space, separators or a tab around it).
        let mut lines = test_lines();
        lines.extend(["a  b", "a\t b", "x | y", "Neueste · zuerst", "a ▾ b", "a\u{a0} b", "a\u{1680}b", "a \u{3000}b", "Kommentare\r\n oben"].map(String::from));
        for l in &lines {
            for outer in [l.clone(), format!("{l}\t"), format!("| {l}"), format!("{l} ·"), format!("\u{2003}{l}")] {
                let f = Facts::of(&outer);
                assert_eq!(may_have_sort_separator_in(l, &f), may_have_sort_separator(l), "{l:?} in {outer:?}");
                assert_eq!(strip_sort_control_in(l, &f), strip_sort_control(l), "{l:?} in {outer:?}");
            }
        }
    }

    #[test]
    fn at_most_words_agrees_with_word_count() {
        let mut texts = test_lines();
        let long = "Die Hilfe wird endlich langfristig geplant, und jede Lieferung hängt nicht von der Tagespolitik ab.";
        for ws in [" ", "  ", "\u{a0}", "\u{2009}", "\t", " \u{3000} "] {
            texts.push(long.replace(' ', ws));
            texts.push(format!("{ws}{long}{ws}{long}"));
        }
        texts.extend(["x ".repeat(40), "x".repeat(70), format!("{} a b c d e f g h", "y".repeat(60))]);
        for l in texts {
            for n in 0..=20 {
                assert_eq!(at_most_words(&l, n), word_count(&l) <= n, "{l:?} {n}");
            }
        }
    }

    #[test]
    fn split_first_line_agrees_with_split_once() {
        let mut texts = test_lines();
        texts.extend(["", "\n", "a\n", "\nb", "a\nb\nc", "„Zitat“\r\n· 3 Std."].map(String::from));
        for t in &texts {
            assert_eq!(split_first_line(t), t.split_once('\n'), "{t:?}");
        }
    }

    #[test]
    fn byte_searches_agree_with_the_str_searches() {
        // Each pattern with the key byte the callers search for, over the
        // test lines and strings made to hold overlapping occurrences.
        let pats: [(&str, usize); 5] = [(" | ", 1), (" · ", 2), (" an ", 1), (" to ", 1), (" (", 1)];
        let mut texts = test_lines();
        texts.extend(
            ["a | b | c", " |  | | ", "x · y ·  · z", " an an an ", "A an B to C an", "an ", " to to", "· ·", "||", " ( (", ""].map(String::from),
        );
        for t in &texts {
            for (p, key) in pats {
                assert_eq!(rfind_at(t.as_bytes(), p.as_bytes(), key), t.rfind(p), "{t:?} {p:?}");
                assert_eq!(match_starts_at(t.as_bytes(), p.as_bytes(), key).collect::<Vec<_>>(), t.match_indices(p).map(|(i, _)| i).collect::<Vec<_>>(), "{t:?} {p:?}");
            }
        }
    }

    #[test]
    fn lexicon_count_agrees_with_find_iter() {
        let mut texts = test_lines();
        let furniture = "Jetzt Abo abschließen: Newsletter, Push-Benachrichtigung und Cookies; Datenschutz | Impressum | AGB, teilen per E-Mail. Werbung 3 €, Anzeige";
        texts.extend([furniture.to_string(), furniture.repeat(3), furniture.to_uppercase(), format!("Service: {furniture}"), format!("x{furniture}y"), String::new()]);
        for t in &texts {
            for max in [0, 1, 2, 4, usize::MAX] {
                assert_eq!(lexicon_count(t, max), LEXICON.find_iter(t).take(max).count(), "{t:?} {max}");
            }
            assert!(LEXICON.find_iter(t).all(|m| !m.is_empty()), "{t:?}");
        }
    }

    #[test]
    fn thread_starter_anchors_bound_the_match_count() {
        // Texts of two or more matches, with the odd letters the regex folds,
        // and the test lines alone and joined in pairs (two matches may come
        // from two lines).
        let starters = [
            "Was halten Sie von der Reform? Diskutieren Sie mit!",
            "Was denken Sie darüber? Zum Artikel: https://example.org",
            "Was den\u{212a}en Sie dazu? Zum Arti\u{212a}el: x",
            "WA\u{17f} meinen sie dazu? Was halten Sie von ihm?",
            "Hier können Sie über das Thema diskutieren. Was meinen Sie dazu?",
            "Hier könnt ihr frei diskutieren. Zum artikel : x",
        ];
        let lines = test_lines();
        let mut texts: Vec<String> = starters.iter().map(|s| s.to_string()).collect();
        texts.extend(lines.iter().cloned());
        texts.extend(lines.iter().zip(lines.iter().skip(7)).map(|(a, b)| format!("{a}\n{b}")));
        texts.extend(starters.iter().zip(lines.iter()).map(|(a, b)| format!("{b} {a}")));
        for t in &texts {
            let matches = THREAD_STARTER.find_iter(t).count();
            assert!(matches < 2 || thread_starter_anchors_at_least_two(t), "{t:?}");
            assert_eq!(is_thread_starter(t), reference::is_thread_starter(t), "{t:?}");
        }
        for t in starters {
            assert!(THREAD_STARTER.find_iter(t).count() >= 2, "two matches: {t:?} {:?}", THREAD_STARTER.find_iter(t).map(|m| m.as_str()).collect::<Vec<_>>());
        }
    }

    #[test]
    fn thread_starters_with_odd_letters() {
        for t in [
            "Was halten Sie von der Reform? Diskutieren Sie mit!",
            "Was denken Sie darüber? Zum Artikel: https://example.org",
            "Was den\u{212a}en Sie dazu? Zum Arti\u{212a}el: x",
            "Was DENKEN sie dazu? DI\u{17f}KUTIEREN \u{17f}IE MIT",
            "Hier können Sie über das Thema diskutieren. Was meinen Sie dazu?",
            "Was halten Sie von der Reform?",
        ] {
            assert_eq!(is_thread_starter(t), reference::is_thread_starter(t), "{t:?}");
        }
        assert!(is_thread_starter("Was den\u{212a}en Sie dazu? Zum Arti\u{212a}el: x"));
    }

    #[test]
    fn teaser_headings_with_the_word_inside() {
        for s in [
            "Top-Teaser heute", "TEASER", "Teaſer der Woche", "TEAſER", "Das Wetter.de", "mehr bei wetter.com", "WETTER.DE:",
            "ein teaser-block", "teasers", "Wetterdienst", "wetter.", "aTeaser", "Wetter", "Teaser:", "Mehr zum Thema",
        ] {
            assert_eq!(teaser_heading(s), reference::teaser_heading(s), "{s}");
        }
        assert_eq!(teaser_heading("Teaſer"), Some(TeaserHeading::Hard));
    }

    #[test]
    fn lowercase_shortcut_is_exact() {
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            if lowercase_is_itself(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "U+{:04X}", c as u32);
            }
            let s = format!("Ab{c}Σ{c} x{c}");
            let mut out = String::new();
            push_lower(&mut out, &s);
            let want: String = s.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(out, want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn headers() {
        assert_eq!(comment_header("31 Kommentare"), Some(Header::Count(31)));
        assert_eq!(comment_header("insgesamt 31 Beiträge"), Some(Header::Count(31)));
        assert_eq!(comment_header("1 Kommentar zu \"Irgendein Titel: mit Doppelpunkt\""), Some(Header::Count(1)));
        assert_eq!(comment_header("Kommentare (12)"), Some(Header::Count(12)));
        assert_eq!(comment_header("Kommentare 5"), Some(Header::Count(5)));
        assert_eq!(comment_header("Leserkommentare"), Some(Header::Plain));
        assert_eq!(comment_header("Forum zum Artikel"), Some(Header::Plain));
        assert_eq!(comment_header("Kommentar: Warum die Reform scheitert"), None);
        assert_eq!(comment_header("Der Chefredakteur kommentiert: etwas"), None);
        assert_eq!(comment_header("11 Meldungen im Zusammenhang"), None);
        assert_eq!(comment_header("Kommentieren Sie jetzt diese Meldung."), None);
    }

    #[test]
    fn ui_words() {
        for s in [
            "Antworten",
            "Antworten Melden Gefällt mir 21",
            "Empfehlen (41) · Melden",
            "Alle Kommentare öffnen",
            "Seite 1",
            "Seite 1 von 4   |   weiter »",
            "Weitere Kommentare laden",
            "Diskussion geschlossen - lesen Sie die Beiträge! zum Forum...",
            "Das Kommentieren dieses Artikels wurde deaktiviert.",
            "Kommentar schreiben",
            "Sortieren: Neueste zuerst",
            "Gefällt mir 12",
            "12 Antworten anzeigen",
            "Kommentar 2 von 17",
        ] {
            assert!(is_ui_line(s), "{s}");
        }
        for s in ["Antworten sind wichtig, sagte er.", "Melden Sie sich bei uns, wenn Sie Fragen haben", "Wer antwortet?"] {
            assert!(!is_ui_line(s), "{s}");
        }
        assert_eq!(strip_trailing_ui("Name 1.1.2020 | Antworten · Melden"), "Name 1.1.2020");
    }

    #[test]
    fn teasers_and_furniture() {
        assert!(is_teaser_line("Moskau - Russland hat die im Land und ... mehr lesen"));
        assert!(is_teaser_line("Der Text eines Anreißers, der mitten im Satz abbricht und dann..."));
        assert!(!is_teaser_line("Ein ganz normaler Satz endet mit einem Punkt."));
        assert!(is_excerpt_with_date("Das kommt schon fast in die Nähe ... Mi, 28.12.16 01:21"));
        assert_eq!(teaser_heading("Mehr zum Thema:"), Some(TeaserHeading::Soft));
        assert_eq!(teaser_heading("Weitere Themen"), Some(TeaserHeading::Hard));
        assert_eq!(teaser_heading("Das könnte Sie auch interessieren"), Some(TeaserHeading::Hard));
        assert_eq!(teaser_heading("Titel Forum Teaser"), Some(TeaserHeading::Hard));
        assert_eq!(teaser_heading("Kiew fordert mehr Flugabwehr"), None);
        assert!(is_signoff("vet/dpa/Reuters"));
        assert!(is_signoff("(mbr/dpa/AFP)"));
        assert!(is_signoff("  • afp"));
        assert!(!is_signoff("Basta"));
        assert!(is_credit("Foto: dpa"));
        for l in [
            "Foto\u{a0}: dpa", "Grafi\u{212a}: Name", "Foto\u{17f}: AP", "Bildquelle:\tdpa", "Um 12:30. Foto: dpa", "Stand 12:30",
            "Text (Symbolbild)", "Text (SYMBOLFOTO) mehr", "BILDUNTERSCHRIFT: (x)", "Bildunterschrift: x", "Karte  :  OSM",
        ] {
            assert_eq!(is_credit(l), reference::is_credit(l), "{l:?}");
        }
        assert!(is_credit("(Foto: dpa)"));
        assert!(is_credit("Bild: Reuters"));
        assert!(is_credit("REUTERS"));
        assert!(is_credit("Ein Bild vom Ort. (Archivbild) Foto: AP/Name Nachname"));
        assert!(!is_credit("Die Regierung hat am Dienstag beraten."));
        assert!(is_nav_line("Startseite › Land › Politik"));
        assert!(is_nav_line("Impressum · Datenschutz · Nutzungsbedingungen · Netiquette"));
        assert!(!is_nav_line("Ein Satz | mit Strich"));
        assert!(is_strong_furniture("Copyright © 2024 Irgendwer. Alle Rechte vorbehalten."));
        assert!(is_strong_furniture("Nein, danke"));
        assert!(is_meta_line("Lesezeit: 1 min"));
        assert!(is_meta_line("08.03.2017 02:29"));
        assert!(is_meta_line("Stand: 12.09.2023, 17:40 Uhr | Von A B | Lesedauer: 3 Minuten"));
        assert!(is_lexicon_furniture("Wir verwenden Cookies, um Inhalte zu personalisieren und Zugriffe zu analysieren."));
        assert!(is_weather_line("Stadt 4°C / -1°C bedeckt"));
    }

    #[test]
    fn sort_controls_arrows_ads_and_empty_threads() {
        assert_eq!(strip_sort_control("23 Kommentare   Sortieren nach: Älteste ▾"), "23 Kommentare");
        assert_eq!(comment_header("23 Kommentare   Sortieren nach: Älteste ▾"), Some(Header::Count(23)));
        assert_eq!(comment_header("Kommentare | Neueste zuerst"), Some(Header::Plain));
        assert_eq!(strip_sort_control("Sortieren nach: Beste"), "Sortieren nach: Beste");
        assert_eq!(strip_reply_arrow("   ↪ Antwort an Paul K."), "Antwort an Paul K.");
        assert_eq!(strip_reply_arrow("Paul K."), "Paul K.");
        assert!(reply_header(strip_reply_arrow("↳ Jo Berg antwortete Paul K. · heute, 09:01")).is_some());
        assert!(is_inline_teaser("Lesen Sie auch: Neue Brücke freigegeben") && !is_inline_teaser("Lesen Sie auch die Satzung."));
        assert!(is_ad_label("Anzeige") && is_ad_label("- Werbung -") && !is_ad_label("Anzeige: Jetzt Küchen kaufen"));
        assert!(is_ui_line("▲ 4 ▼ 0   Antworten") && is_ui_line("Weitere Kommentare anzeigen (12)"));
        assert!(is_ui_line("Noch keine Kommentare. Schreiben Sie den ersten Kommentar!"));
        assert!(is_ui_line("Kommentare werden nach 14 Tagen automatisch geschlossen."));
        assert!(is_ui_line("Nachricht an #lokales senden"));
        // Link buttons in square brackets, as mail and print copies show them.
        assert!(is_ui_line("[Alle 23 Kommentare ansehen]") && is_ui_line("[Antworten] [Melden]"));
        assert!(!is_ui_line("Noch keine Kommentare zu haben ist für diesen Verein ungewöhnlich."));
    }

    #[test]
    fn replies_and_names() {
        assert_eq!(reply_marker("Antwort auf Nadine K."), Some(ReplyRef::Name("Nadine K.".into())));
        assert_eq!(reply_marker("Antwort auf #3"), Some(ReplyRef::Number(3)));
        assert_eq!(reply_marker("Antwort auf Beitrag Nr. 7"), Some(ReplyRef::Number(7)));
        // Messenger copies put the marker in square brackets on its own line.
        assert_eq!(reply_marker("[Als Antwort auf Lene 🌊]"), Some(ReplyRef::Name("Lene 🌊".into())));
        assert_eq!(reply_marker("[Antwort auf #4]"), Some(ReplyRef::Number(4)));
        assert_eq!(reply_marker("Replying to Anna B."), Some(ReplyRef::Name("Anna B.".into())));
        assert_eq!(reply_marker("In reply to @maxi"), Some(ReplyRef::Name("maxi".into())));
        assert_eq!(reply_marker("Replying to the question of whether the bridge stays closed after the flood"), None);
        assert!(is_name_like("spon-facebook-10000122439"));
        assert!(is_name_like("M. Danneberg"));
        assert!(!is_name_like("Das ist doch klar."));
        assert_eq!(numbered_title("1. Die Ukraine ist ein. ..."), Some((1, "Die Ukraine ist ein. ...")));
        assert_eq!(strip_bullet("  • Titel"), Some("Titel"));
    }
}

// ---------------------------------------------------------------------------
// Forum and comment-header cues, added for the HTML path (the text path may
// use them too).

static PROFILE_LINE: LazyLock<StartRegex> = LazyLock::new(|| {
    StartRegex::new(r"(?i)^(?:(?:registriert|anmeldedatum|beiträge|beitraege|posts|wohnort|herkunft|rang|geschlecht|alter|mitglied\s+seit|dabei\s+seit|registriert\s+seit)\s*:\s*\S|(?:mitglied|dabei|registriert)\s+seit\s+\S)")
});

static SOCIAL_PROFILE: LazyLock<StartRegex> = LazyLock::new(|| {
    StartRegex::new(r"^(?:(?:Wohnt|Lebt)\s+in|Arbeitet\s+(?:bei|als|für)|Studiert(?:e)?\s+(?:an|in)|Ging\s+(?:zur|zum|auf\s+die)|Kommt\s+aus|Lives\s+in|Works\s+at|Studied\s+at|Went\s+to)\s+\S")
});

/// A line of a forum profile column: "Registriert: Mo 12. Jan 2015, 19:03",
/// "Beiträge: 1.204", "Wohnort: Ort", "Mitglied seit März 2019". It is never
/// a comment header or comment text. A rank or badge may come first, the
/// fields after it, parted by " · " or " | " ("Stammgast · Beiträge: 1.244 ·
/// dabei seit 03/2011"): every part short, a later one a profile field.
pub fn is_profile_line(s: &str) -> bool {
    let s = trim(s);
    if s.len() > 120 {
        return false;
    }
    if PROFILE_LINE.is_match(s) {
        return true;
    }
    // A member's counts under the name ("640 Beiträge, 12 Fans", "3.105
    // Kommentare · 40 Abonnenten"): two or more "NUMBER WORD" parts.
    if s.as_bytes().first().is_some_and(u8::is_ascii_digit) && member_counts(s) {
        return true;
    }
    // A social profile's line under the name ("Wohnt in Sondershausen",
    // "Arbeitet bei NAME", "Studierte an NAME"): short, no sentence.
    if s.len() <= 64 && !s.ends_with(['.', '!', '?', '…', ':']) && SOCIAL_PROFILE.is_match(s) {
        return true;
    }
    let sep = if s.contains(" · ") { " · " } else if s.contains(" | ") { " | " } else { return false };
    let mut parts = s.split(sep).map(trim);
    parts.next().is_some_and(|rank| (1..=3).contains(&word_count(rank)))
        && parts.clone().all(|p| (1..=4).contains(&word_count(p)))
        && parts.any(|p| PROFILE_LINE.is_match(p))
}

/// Two to four parts, parted by ",", "·" or "|", each a number and a word
/// of a member's counts (posts, comments, followers, fans, points).
fn member_counts(s: &str) -> bool {
    let mut parts = 0usize;
    for p in s.split([',', '·', '|']).map(trim) {
        let Some((num, word)) = p.split_once(' ') else { return false };
        if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return false;
        }
        let w = word.trim().to_lowercase();
        // ("post" also begins "posting".)
        let known = ["beitr", "kommentar", "follower", "abonnent", "fan", "punkt", "post", "comment"];
        if !known.iter().any(|k| w.starts_with(k)) || w.contains(' ') {
            return false;
        }
        parts += 1;
    }
    (2..=4).contains(&parts)
}

static QUOTE_BY: LazyLock<StartRegex> = LazyLock::new(|| {
    StartRegex::new(r"(?ix)^(?:
        (?:zitat|quote)\s+(?:von|from|of)\s+(?P<a>[^:]{1,50}?)\s*(?::|$|(?-u:\b)(?:am|vom|on)\s)
      | (?:originally\s+posted\s+by|ursprünglich\s+geschrieben\s+von)\s+(?P<b>[^:]{1,50}?)\s*(?::|$)
      | (?P<c>[^:]{1,50}?)\s+(?:hat\s+geschrieben|schrieb|schreibt|wrote|said)\s*(?::|$)
    )")
});

/// A reaction bar: symbols with counts and no word ("♡ 29    ⚑", "▲ 12 ▼",
/// "👍 4  💬 2"). An emoji-only comment holds no digit and stays text.
pub(crate) fn is_reaction_bar(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first().is_some_and(|&c| c >= 0xe2) && is_symbol_bar(s) {
        return true;
    }
    b.len() <= 48
        && b.iter().any(|c| c.is_ascii_digit())
        && b.iter().any(|&c| c >= 0x80)
        && !s.chars().any(char::is_alphabetic)
        && !b.iter().any(|&c| matches!(c, b':' | b'.' | b',' | b'/' | b'-'))
}

/// `s.split(pattern)` with the pattern's static memmem finder: the same
/// pieces (matches found left to right, not overlapping), without building a
/// `str` searcher per call.
fn split_at_finder<'a>(s: &'a str, finder: &'static memchr::memmem::Finder<'static>) -> impl Iterator<Item = &'a str> {
    let len = finder.needle().len();
    let mut ends = finder.find_iter(s.as_bytes()).map(Some).chain(std::iter::once(None));
    let mut start = 0usize;
    std::iter::from_fn(move || {
        let end = ends.next()?;
        let piece = s.get(start..end.unwrap_or(s.len())).unwrap_or("");
        start = end.map_or(s.len(), |e| e + len);
        Some(piece)
    })
}

/// An action bar of icon-led items (session 6): "👍 Zustimmung 38   👎
/// Ablehnung 6   ↩ Antworten   ⚐ Melden", "▲ 143   💬 7   ⤴ Teilen", "👍 47 ·
/// Hilfreich". Items are split at runs of two or more spaces, " · " or " | ";
/// there are two or more, the first opens with a symbol (no letter or digit),
/// each has at most three words (the icon one of them) and 24 chars, and an
/// item without an icon is one or two words. A line of one item is a bar
/// only as icon, word and count ("♥ Danke 6").
pub(crate) fn is_symbol_bar(s: &str) -> bool {
    if s.len() > 160 || !s.chars().next().is_some_and(is_icon) {
        return false;
    }
    static TWO_SPACES: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("  "));
    static DOT: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new(" · "));
    static PIPE: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new(" | "));
    let mut n = 0usize;
    for item in split_at_finder(s, &TWO_SPACES).flat_map(|p| split_at_finder(p, &DOT)).flat_map(|p| split_at_finder(p, &PIPE)) {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let icon = item.chars().next().is_some_and(is_icon);
        let words = word_count(item);
        if words > 3 || item.chars().count() > 24 || !icon && words > 2 || n == 0 && !icon {
            return false;
        }
        n += 1;
    }
    // One item: an icon, a word and its count ("♥ Danke 6").
    n >= 2 || n == 1 && word_count(s) == 3 && s.trim_end().ends_with(|c: char| c.is_ascii_digit())
}

/// An icon char: no letter or digit, from the arrows (U+2190) on (arrows,
/// technical and geometric symbols, dingbats, emoji), so that dashes,
/// bullets and quotation marks are none.
fn is_icon(c: char) -> bool {
    c >= '\u{2190}' && !c.is_alphanumeric()
}

/// A badge label in square brackets opening a head line (session 6):
/// "[PRO]  NAME · 16.11.2026", "[OFFIZIELLE ANTWORT]  NAME · DATE": upper-case
/// letters, spaces and '-' only, 2 to 30 bytes. Returns the rest of the line.
pub(crate) fn strip_caps_label(s: &str) -> Option<&str> {
    let r = s.strip_prefix('[')?;
    let close = memchr::memchr(b']', &r.as_bytes()[..r.len().min(32)])?;
    let label = r.get(..close)?;
    if label.len() < 2 || !label.chars().all(|c| c.is_uppercase() || c == ' ' || c == '-' || c == '*') || !label.chars().any(char::is_uppercase) {
        return None;
    }
    let rest = r.get(close + 1..)?;
    (rest.starts_with(' ') && !rest.trim().is_empty()).then(|| rest.trim_start())
}

/// A profile badge on a line of its own under a commenter's name: a
/// membership age ("Abonnentin seit 2014", "Mitglied seit März 2019",
/// "Member since 2020") or an account mark ("Offizieller Account",
/// "Verifiziertes Konto").
pub(crate) fn is_profile_badge(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 10 || b.len() > 48 {
        return false;
    }
    let last = b[b.len() - 1];
    if last.is_ascii_digit() {
        // Static finders: `str::find` with a &str pattern builds a searcher per call.
        static SEIT: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new(" seit "));
        static SINCE: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new(" since "));
        let Some(p) = SEIT.find(b).or_else(|| SINCE.find(b)) else { return false };
        let (who, when) = (&s[..p], s[p..].trim_start());
        let when = when.split_once(' ').map_or("", |(_, w)| w);
        let year = when.rsplit(' ').next().unwrap_or("");
        let month = when.len() > year.len();
        return word_count(who) == 1
            && who.starts_with(char::is_uppercase)
            && who.chars().all(char::is_alphabetic)
            && year.len() == 4
            && year.bytes().all(|c| c.is_ascii_digit())
            && (!month || word_count(when) == 2 && when.starts_with(char::is_uppercase));
    }
    matches!(b[0], b'O' | b'V')
        && matches!(s, "Offizieller Account" | "Offizielles Konto" | "Offizielles Profil" | "Verifizierter Account" | "Verifiziertes Konto" | "Verifiziertes Profil" | "Official account" | "Verified account")
}

/// A screen reader's role prefix on a line of its text export ("Überschrift
/// Ebene 3: NAME", "Text: …", "Schaltfläche Antworten",
/// "Heading level 2: …", "Button Reply"): the byte length of the prefix and,
/// for a heading, its level. Only asked on pages that hold heading roles.
pub(crate) fn screen_reader_role(s: &str) -> Option<(usize, Option<u8>)> {
    for head in ["Überschrift Ebene ", "Heading level "] {
        if let Some(rest) = s.strip_prefix(head) {
            let b = rest.as_bytes();
            let level = *b.first()?;
            if level.is_ascii_digit() && b.get(1) == Some(&b':') {
                let skip = head.len() + 2 + usize::from(b.get(2) == Some(&b' '));
                return Some((skip, Some(level - b'0')));
            }
            return None;
        }
    }
    // Links stay as they are: a link list is navigation, its items no headings.
    for role in ["Text: ", "Schaltfläche ", "Button "] {
        if s.starts_with(role) && s.len() > role.len() {
            return Some((role.len(), None));
        }
    }
    None
}

/// A wiki talk-page signature at the end of a line: "--NAME (Diskussion)
/// 09:41, 19. Nov. 2026 (CET)", "— Der vorstehende nicht signierte Beitrag
/// stammt von IP (Diskussion) …", "NAME (talk) 14:02, 5 March 2026 (UTC)".
/// Returns the byte offset where the signature starts, the name and the
/// date (time first, as shown, without the zone).
pub(crate) fn wiki_signature(s: &str) -> Option<(usize, &str, &str)> {
    // Cheap gate: a closing bracket at the end and the talk link's bracket.
    if !s.ends_with(')') || s.len() < 30 {
        return None;
    }
    let b = s.as_bytes();
    if memchr::memmem::find(b, b"(Dis").is_none() && memchr::memmem::find(b, b"(talk").is_none() && memchr::memmem::find(b, b"(Talk").is_none() {
        return None;
    }
    let (start, name_start, n, date) = signature_groups(s)?;
    // A match from the line start ("Danke! --NAME (Diskussion) …") takes
    // the text into the name: the signature starts at its dash.
    let dash = ["--", "— ", "– "].iter().filter_map(|d| n.rfind(d).map(|k| (k, d.len()))).max();
    if let Some((k, len)) = dash.filter(|&(k, _)| k == 0 || n[..k].ends_with(char::is_whitespace)) {
        let rest = n[k + len..].trim_start();
        if rest.is_empty() {
            return None;
        }
        return Some((name_start + n[..k].trim_end().len(), rest, date));
    }
    Some((start, n, date))
}

static SIG: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:(?:^|\s)(?:--|—|–)\s*|^)(?:(?:Der vorstehende nicht signierte Beitrag stammt von|Preceding unsigned comment added by)\s+)?([^\s()](?:[^()]{0,60}?[^\s()])?)\s*\((?:Diskussion|Disk\.?|talk|Talk)(?:\s*[|·•]\s*[^()]{1,30})?\)\s*(\d{1,2}:\d{2}, \d{1,2}\.? \p{L}{3,9}\.? \d{4})\s*\((?:CES?T|MES?Z|UTC)\)$")
});

/// The start of [`SIG`]'s match in `s`, the start of its name group, the
/// name and the date group. The capturing search runs the bounded
/// backtracker over the match with the NFA of `[^()]{0,60}?` and
/// `\p{L}{3,9}` (~47 k instructions a line); the groups follow from the
/// match (found by the lazy DFA) wherever its opening is plain:
/// - from byte 0 without a dash (or white space and a dash) there, the
///   opening is `^` alone (`(?:^|\s)(?:--|—|–)` cannot match there, and
///   the name cannot begin with white space); later, it is a white-space
///   char, a dash and `\s*` (greedy, and the name cannot begin with white
///   space), so the name begins at the first char after them;
/// - unless an unsigned-comment phrase follows (then the capturing search);
/// - the name holds no bracket, nor do the talk link's words, the date and
///   the zone: so the line's last '(' opens the zone, the ')' before it
///   closes the talk link, the '(' before that opens it; the name runs to
///   that '(' less white space (its last char is none), the date fills the
///   space between the talk link and the zone less white space (`\s*` on
///   both sides; it begins and ends with a digit).
fn signature_groups(s: &str) -> Option<(usize, usize, &str, &str)> {
    let captured = || signature_groups_captured(s);
    let start = SIG.find(s)?.start();
    let rest = s.get(start..)?;
    let first = rest.chars().next()?;
    let dash_len = |t: &str| ["--", "—", "–"].into_iter().find(|d| t.starts_with(d)).map(str::len);
    let name_start = if start == 0 {
        if first.is_whitespace() || dash_len(rest).is_some() {
            return captured();
        }
        0
    } else {
        let Some(d) = first.is_whitespace().then(|| dash_len(rest.get(first.len_utf8()..)?)).flatten() else { return captured() };
        let t = rest.get(first.len_utf8() + d..)?;
        start + first.len_utf8() + d + (t.len() - t.trim_start().len())
    };
    let at = s.get(name_start..)?;
    if at.starts_with("Der vorstehende nicht signierte Beitrag stammt von") || at.starts_with("Preceding unsigned comment added by") {
        return captured();
    }
    let open_zone = s.rfind('(')?;
    let close_talk = s.get(..open_zone)?.rfind(')')?;
    let open_talk = s.get(..close_talk)?.rfind('(')?;
    if open_talk < name_start {
        return captured();
    }
    Some((start, name_start, s.get(name_start..open_talk)?.trim_end(), s.get(close_talk + 1..open_zone)?.trim()))
}

/// [`signature_groups`] by the capturing search alone (its fallback, and the
/// reference its shortcut is tested against).
fn signature_groups_captured(s: &str) -> Option<(usize, usize, &str, &str)> {
    let c = SIG.captures(s)?;
    let name = c.get(1)?;
    Some((c.get(0)?.start(), name.start(), name.as_str(), c.get(2)?.as_str()))
}

/// A wiki section heading with its edit link ("Quelle fehlt [Bearbeiten |
/// Quelltext bearbeiten]", "Sources [edit]"): the heading's text.
pub(crate) fn wiki_section_heading(s: &str) -> Option<&str> {
    if !s.ends_with(']') {
        return None;
    }
    let open = s.rfind('[')?;
    let link = &s[open + 1..s.len() - 1];
    let lower_ok = link.starts_with("Bearbeiten") || link.starts_with("bearbeiten") || link.starts_with("edit") || link.starts_with("Edit");
    let head = s[..open].trim_end();
    (lower_ok && link.len() <= 40 && !head.is_empty()).then_some(head)
}


/// The author a quote attributes itself to: "Name hat geschrieben:",
/// "Zitat von Name:", "Name schrieb:" (a date after it is allowed).
pub fn quote_attribution(s: &str) -> Option<String> {
    let s = trim(s);
    if s.len() > 200 {
        return None;
    }
    let c = captures(&QUOTE_BY, s)?;
    let name = c.name("a").or_else(|| c.name("b")).or_else(|| c.name("c"))?.as_str().trim();
    let name = name.trim_start_matches('@').trim();
    is_name_like(name).then(|| name.to_string())
}

/// A quoted-parent bar at the start of a reply ("┃ NAME schrieb: first
/// words …", a box-drawing or block bar, then a [`quote_attribution`]):
/// the parent's name and the quoted words, without the ellipsis.
pub fn quote_bar(s: &str) -> Option<(String, &str)> {
    let rest = trim(s).strip_prefix(['┃', '│', '▌', '▍', '▎', '▏', '║'])?.trim_start();
    quote_bar_rest(rest)
}

/// [`quote_bar`] after its bar ("NAME schrieb: first words …"; the text
/// path reads a box-drawing bar as indentation).
pub(crate) fn quote_bar_rest(rest: &str) -> Option<(String, &str)> {
    let name = quote_attribution(rest)?;
    let colon = memchr::memchr(b':', rest.as_bytes())?;
    let words = rest[colon + 1..].trim().trim_end_matches(['…', '.', ' ']);
    Some((name, words))
}

/// A reply line that quotes the start of the parent's text instead of its
/// author (an app's flat list: "Antwort auf „First words, …“", "Replying
/// to “first words …”"): the quoted words, without the ellipsis and a
/// trailing comma.
pub fn reply_quote(s: &str) -> Option<&str> {
    static OPEN: LazyLock<Regex> = LazyLock::new(|| re(r#"(?i)^(?:als\s+|in\s+)?(?:antwort\s+(?:auf|an|zu)|reply(?:ing)?\s+to)\s*:?\s*[„"»“‚‘]"#));
    let s = trim(s);
    if s.len() > 300 {
        return None;
    }
    let m = OPEN.find(s)?;
    let inner = s[m.end()..].strip_suffix(['“', '"', '«', '”', '‘', '’'])?;
    let words = inner.trim().trim_end_matches(['…', '.', ',', ' ']);
    (!words.is_empty()).then_some(words)
}

/// A quote introduction on a line of its own, the quote following without
/// quote marks: "Zitat von Name:", "Zitat Name:" -> the quoted author.
pub fn quote_intro(s: &str) -> Option<String> {
    let s = trim(s);
    let head = s.get(..5)?;
    if !head.eq_ignore_ascii_case("zitat") || !s.ends_with(':') {
        return None;
    }
    quote_attribution(s)
}

static REPLY_VERB: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\s(?:antwortete|antwortet|erwiderte)\s+(?:auf\s+)?@?"));

static REPLY_TAIL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:\s*[,·|–—-]\s*|\s+)(?:am|um|vom)?\s*$"));

/// Whether `b` holds "antwortet" or "erwiderte", by one search for the 'w'
/// both have (at 3 and at 2) instead of one search each.
fn has_reply_verb(b: &[u8]) -> bool {
    memchr::memchr_iter(b'w', b).any(|i| i >= 3 && b.get(i - 3..i + 6) == Some(b"antwortet") || i >= 2 && b.get(i - 2..i + 7) == Some(b"erwiderte"))
}

/// The arrows a reply head puts between the writer and the parent
/// ("NAME ▸ PARENT", "NAME → PARENT", "NAME › PARENT": the single guillemet
/// of breadcrumbs, asked only in a head, where both sides are names).
const WRITER_PARENT_ARROWS: &[char] = &['▸', '▶', '►', '→', '⇒', '➜', '➔', '⟶', '↪', '↳', '⤷', '›'];

/// A reply head's name part that names both the writer and the parent
/// comment's author (session 17, seg26): "Antwort von A an B", "Reply from
/// A to B", "A ▸ B", "A → B", "A replied to B", "A in reply to B", "A
/// antwortet B" -> (A, B), both name-like. The widgets of apps and copied
/// comment pages print such heads instead of nesting the replies.
pub fn writer_parent(s: &str) -> Option<(&str, &str)> {
    let s = trim(s);
    if s.len() > 120 || !s.contains(' ') {
        return None;
    }
    fn ok<'s>(w: &'s str, p: &'s str) -> Option<(&'s str, &'s str)> {
        let (w, p) = (trim(w), trim(p).trim_start_matches('@'));
        // A name may carry a place in brackets ("Stadtverwaltung Frankfurt (Oder)").
        let name = |n: &str| (is_name_like(n) || is_name_like(strip_place(n))) && word_count(n) <= 5;
        (name(w) && name(p)).then_some((w, p))
    }
    let b = s.as_bytes();
    // An arrow between two names (each arrow's UTF-8 starts with 0xe2).
    if memchr::memchr(0xe2, b).is_some() {
        if let Some((i, c)) = s.char_indices().find(|&(i, c)| i > 0 && WRITER_PARENT_ARROWS.contains(&c)) {
            return ok(&s[..i], &s[i + c.len_utf8()..]);
        }
    }
    // "Antwort von A an B", "Reply from A to B".
    let lower_starts = |p: &str| b.len() > p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    for (lead, to) in [("antwort von ", " an "), ("reply from ", " to "), ("kommentar von ", " an ")] {
        if lower_starts(lead) {
            let rest = &s[lead.len()..];
            let (w, p) = rest.rsplit_once(to)?;
            return ok(w, p);
        }
    }
    // "A replied to B", "A antwortet B": a verb between two names.
    if !(contains_at(b, b"ntwort", 0) || contains_at(b, b"repl", 0)) {
        return None;
    }
    for verb in [" replied to ", " in reply to ", " replying to ", " antwortet auf ", " antwortete auf ", " antwortet ", " antwortete "] {
        if let Some(i) = s.find(verb) {
            return ok(&s[..i], &s[i + verb.len()..]);
        }
    }
    None
}

/// A reply header: "Name antwortete Other am 9. Juni 2024 um 22:15 Uhr:",
/// "Name antwortete auf Other · heute, 07:44". The date may be missing.
pub fn reply_header(s: &str) -> Option<AuthorLine> {
    let s = trim(s).trim_end_matches(':').trim_end();
    if !has_reply_verb(s.as_bytes()) || chars_more_than(s, 160) {
        return None;
    }
    let (head, date) = match find_last_date(s) {
        Some((a, b)) => {
            let tail = s.get(b..).unwrap_or("").trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | ')' | ','));
            if !tail.is_empty() {
                return None;
            }
            let head = strip_weekday_tail(s.get(..a).unwrap_or(""));
            let head = REPLY_TAIL.find(head).map_or(head, |m| head.get(..m.start()).unwrap_or(head));
            (head, s.get(a..b).map(|d| d.trim().to_string()))
        }
        None => (s, None),
    };
    let m = REPLY_VERB.find(head)?;
    let author = head.get(..m.start())?.trim();
    let to = head.get(m.end()..)?.trim();
    let author_ok = is_name_like(author) || is_name_like(strip_author_extras(author));
    (author_ok && is_name_like(to)).then(|| AuthorLine {
        author: Some(author.to_string()),
        date,
        number: None,
        reply: Some(ReplyRef::Name(to.to_string())),
    })
}

static AUTHOR_EXTRAS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)
        \s*\(\s*(?:nicht\s+(?:überprüft|verifiziert|registriert)|unverified|not\s+verified|gast|guest)\s*\)\s*$
    ")
});

/// Words the page puts after an author name that are not part of it:
/// Drupal's "(nicht überprüft)" for anonymous names, "(Gast)".
pub fn strip_author_extras(s: &str) -> &str {
    let s = trim(s);
    match AUTHOR_EXTRAS.find(s) {
        Some(m) if m.start() > 0 => s.get(..m.start()).unwrap_or(s).trim(),
        _ => s,
    }
}

/// Words in brackets after a name that say what the person is, not where
/// they live: kept in the author ("Name (Redaktion)").
const ROLE_WORDS: &[&str] = &[
    "redaktion", "moderation", "moderator", "moderatorin", "admin", "administrator", "autor", "autorin", "team", "verlag",
    "leserbeirat", "red", "red.", "mod",
];

/// A place name as it follows a commenter's name: one to three capitalised
/// words ("Dessau-Roßlau", "Bad Saarow", "Frankfurt a. M."), no role word.
fn place_like(place: &str) -> bool {
    !place.is_empty()
        && place.chars().count() <= 40
        && word_count(place) <= 3
        && place.split([' ', '-', '/']).filter(|w| !w.is_empty()).all(|w| {
            let mut ch = w.chars();
            ch.next().is_some_and(|c| c.is_uppercase()) && ch.clone().next().is_some_and(|c| c.is_lowercase()) && ch.all(|c| c.is_alphabetic() || c == '.')
                || matches!(w, "a." | "am" | "an" | "der" | "im" | "in" | "bei" | "ob" | "vor" | "d.")
        })
        && !place.split([' ', '-', '/']).any(|w| ROLE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// A commenter's place on its own, as a line under the name or a span after
/// it: "aus Dessau-Roßlau", "aus Bad Saarow", "aus Storkow (Mark)"
/// (session 21). Never a name.
pub fn place_phrase(s: &str) -> bool {
    let Some(p) = trim(s).strip_prefix("aus ") else { return false };
    // A qualifier in brackets after the town ("Frankfurt (Oder)").
    let p = match trim(p).strip_suffix(')').and_then(|i| i.rsplit_once(" (")) {
        Some((town, q)) if place_like(q) => town,
        _ => p,
    };
    place_like(trim(p))
}

/// A name followed by a place in brackets ("Hubert Moll (Girkhausen)") or
/// after a comma ("Gerda Ullrich, Pinneberg", session 17: a name of two or
/// more words) -> the name. Roles in brackets ("(Redaktion)") and anything
/// that does not look like a place name stay.
pub fn strip_place(s: &str) -> &str {
    let s = trim(s);
    let (name, place, comma) = match s.strip_suffix(')') {
        Some(inner) => {
            let Some(open) = inner.rfind('(') else { return s };
            (inner.get(..open).unwrap_or("").trim(), inner.get(open + 1..).unwrap_or("").trim(), false)
        }
        None => {
            let Some(p) = memchr::memchr(b',', s.as_bytes()) else { return s };
            (s[..p].trim(), s[p + 1..].trim(), true)
        }
    };
    let place_like = place_like(place);
    let name_ok = !name.is_empty() && word_count(name) <= 5 && name.chars().count() <= 50 && !name.contains(['?', '!', ':', ';', '(', ',']);
    if place_like && name_ok && (!comma || word_count(name) >= 2 && is_name_like(name)) {
        name
    } else {
        s
    }
}

#[cfg(test)]
mod forum_cue_tests {
    use super::*;

    #[test]
    fn profile_lines() {
        assert!(is_profile_line("Registriert: Di 5. Mai 2020, 10:11"));
        assert!(is_profile_line("Beiträge: 2.716"));
        assert!(is_profile_line("Mitglied seit Juni 2019"));
        assert!(!is_profile_line("Beiträge zum Thema gibt es viele."));
        assert!(is_profile_line("Wohnt in Bad Frankenhausen"));
        assert!(is_profile_line("Arbeitet bei Stadtwerke Sömmerda"));
        assert!(!is_profile_line("Wohnt in der Nähe und hört den Lärm jede Nacht."));
    }

    #[test]
    fn quotes() {
        assert_eq!(quote_attribution("Anna_B hat geschrieben: ↑ Fr 8. Mär 2024, 13:17").as_deref(), Some("Anna_B"));
        assert_eq!(quote_attribution("Zitat von Paul K.:").as_deref(), Some("Paul K."));
        assert_eq!(quote_attribution("Ole schrieb:").as_deref(), Some("Ole"));
        assert_eq!(quote_attribution("Die Stadt hat geschrieben, dass alles gut wird, und niemand glaubt es"), None);
    }

    #[test]
    fn author_extras() {
        assert_eq!(strip_author_extras("Waltraud (nicht überprüft)"), "Waltraud");
        assert_eq!(strip_author_extras("Ben (Gast)"), "Ben");
    }

    #[test]
    fn reply_headers() {
        let a = reply_header("Mara (Redaktion) antwortete Ben_K am 3. Mai 2024 um 10:15 Uhr:").unwrap();
        assert_eq!(a.author.as_deref(), Some("Mara (Redaktion)"));
        assert_eq!(a.date.as_deref(), Some("3. Mai 2024 um 10:15 Uhr"));
        assert_eq!(a.reply, Some(ReplyRef::Name("Ben_K".into())));
        let a = reply_header("Ben antwortete Mara · heute, 07:44").unwrap();
        assert_eq!((a.author.as_deref(), a.date.as_deref()), (Some("Ben"), Some("heute, 07:44")));
        let a = reply_header("Ben antwortete auf Mara").unwrap();
        assert_eq!((a.author.as_deref(), a.date), (Some("Ben"), None));
        assert!(reply_header("Der Minister antwortete ausweichend auf alle Fragen der Presse.").is_none());
    }

    #[test]
    fn places_after_names() {
        assert_eq!(strip_place("Hubert Moll (Girkhausen)"), "Hubert Moll");
        assert_eq!(strip_place("Eva (Bad Ems)"), "Eva");
        assert_eq!(strip_place("Winzer vom Berg (Forst)"), "Winzer vom Berg");
        assert_eq!(strip_place("Jo (Heilbronn-Böckingen)"), "Jo");
        assert_eq!(strip_place("Katrin Lenski (Redaktion)"), "Katrin Lenski (Redaktion)");
        assert_eq!(strip_place("Peter (63)"), "Peter (63)");
        assert_eq!(strip_place("Uwe (NRW)"), "Uwe (NRW)");
        assert_eq!(strip_place("Ina Maas (Redaktion Kusel)"), "Ina Maas (Redaktion Kusel)");
    }
}

// ---------------------------------------------------------------------------
// Text-dump layouts of apps, chats, forums and e-papers

/// One UI word or phrase alone (an item of a UI line).
static UI_ITEM_ONLY: LazyLock<StartRegex> = LazyLock::new(|| StartRegex::new(&format!(r"(?ix)^{UI_ITEM}$")));

/// A short relative time as apps print it: "5 Std.", "47 Min.", "2 Tg.", "3 h", "1 Tag", "vor 4 Wochen".
static SHORT_RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)^(?:vor\s+)?\d{1,3}\s*(?:
        (?:Sek|Min|Std|Tg|Wo|Mon|Mo|J)\.?|[hdwm]|
        (?:Sekunden?|Minuten?|Stunden?|Tagen?|Tage|Tag|Wochen?|Monaten?|Monate?|Jahren?|Jahre?)
    )$")
});

/// A date as a comment footer shows it: a full date expression or a short
/// relative time ("5 Std.").
pub fn footer_date(s: &str) -> Option<&str> {
    footer_date_in(s, &LineDates::NONE)
}

/// [`footer_date`] of `s`, the line of `d` or a part of it.
fn footer_date_in<'s>(s: &'s str, d: &LineDates) -> Option<&'s str> {
    let s = trim(s);
    if s.is_empty() || s.len() > 60 {
        return None;
    }
    if let Some(date) = d.date_only(s) {
        return Some(date);
    }
    SHORT_RELATIVE.is_match(s).then_some(s)
}

/// A comment's footer line: UI words and a date, separated by "·", "|" or
/// "•" ("Antworten · Gefällt mir · 5 Std.", "Gefällt mir (3) · Antworten · vor 2 Std.").
/// Gives the date.
pub fn ui_footer_date(s: &str) -> Option<&str> {
    ui_footer_date_in(s, &LineDates::NONE)
}

/// [`ui_footer_date`] of `s`, the line of `d` or a part of it.
pub(crate) fn ui_footer_date_in<'s>(s: &'s str, d: &LineDates) -> Option<&'s str> {
    let s = trim(s);
    if s.len() > 160 || !has_ui_separator(s) {
        return None;
    }
    let mut date = None;
    let mut ui = 0usize;
    for part in s.split(['·', '|', '•']).map(trim).filter(|p| !p.is_empty()) {
        if UI_ITEM_ONLY.is_match(part) {
            ui += 1;
        } else if date.is_none() {
            date = Some(footer_date_in(part, d)?);
        } else {
            return None;
        }
    }
    date.filter(|_| ui >= 1)
}

#[cfg(test)]
mod layout_cue_tests {
    use super::*;

    #[test]
    fn footers_with_dates() {
        assert_eq!(ui_footer_date("Antworten · Gefällt mir · 5 Std."), Some("5 Std."));
        assert_eq!(ui_footer_date("Gefällt mir (12) · Antworten · vor 2 Std."), Some("vor 2 Std."));
        assert_eq!(ui_footer_date("Antworten | 14.10.2024, 21:47 Uhr"), Some("14.10.2024, 21:47 Uhr"));
        assert_eq!(ui_footer_date("Antworten · Gefällt mir"), None);
        assert_eq!(ui_footer_date("Politik · Wirtschaft · 5 Std."), None);
        assert_eq!(ui_footer_date("5 Std. · 3 Min."), None);
    }
}

/// A chat-like comment line of [`time_first_comment`].
static CHAT_LINE: LazyLock<StartRegex> = LazyLock::new(|| {
    StartRegex::new(r"^(?P<time>\d{1,2}[:.]\d{2}(?:\s*Uhr)?)\s*[–—|·-]\s*(?P<name>[^:]{1,50}?)\s*:\s+(?P<text>\S.*)$")
});

/// A chat-like comment line, time first: "14:32 – Name: text",
/// "18:05 Uhr — Name: text". Gives (time, name, text).
pub fn time_first_comment(s: &str) -> Option<(&str, &str, &str)> {
    let s = trim(s);
    let b = s.as_bytes();
    // Gate: a digit, then ':' or '.' at the second or third byte.
    if b.len() < 10 || !b[0].is_ascii_digit() || !(matches!(b[1], b':' | b'.') || b[1].is_ascii_digit() && matches!(b[2], b':' | b'.')) {
        return None;
    }
    if !CHAT_LINE.is_match(s) {
        return None;
    }
    let c = CHAT_HEAD.captures(s)?;
    let name = c.name("name")?.as_str().trim();
    let text = s.get(c.get(0)?.end()..)?;
    // Names of several words are capitalised ("Selma K."), bar particles.
    let capitalised = word_count(name) == 1
        || words(name).all(|w| w.chars().next().is_some_and(char::is_uppercase) || matches!(w, "von" | "van" | "de" | "der" | "zu" | "vom" | "da" | "di" | "le"));
    (capitalised && is_short_name(name, 4)).then(|| (c.name("time").map_or("", |m| m.as_str()), name, text))
}

/// A line's words after the symbols that lead it ("▾ 3 Antworten" -> "3 Antworten").
pub(crate) fn after_symbols(s: &str) -> &str {
    s.trim().trim_start_matches(|c: char| !c.is_alphanumeric() && c != '@').trim_start()
}

/// The opener of an expanded reply group: a count of answers, perhaps after
/// an arrow ("▾ 3 Antworten", "2 weitere Antworten", "1 Antwort").
pub(crate) fn reply_group_open(s: &str) -> bool {
    let t = after_symbols(s);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 || t.len() > 40 {
        return false;
    }
    let rest = t[digits..].trim_start();
    let rest = rest.strip_prefix("weitere ").unwrap_or(rest);
    matches!(rest.trim_end(), "Antworten" | "Antwort" | "antworten" | "Replies" | "replies" | "Reply" | "reply")
}

/// The closer of an expanded reply group ("▴ Antworten ausblenden",
/// "Antworten verbergen", "Hide replies").
pub(crate) fn reply_group_close(s: &str) -> bool {
    let t = after_symbols(s);
    t.len() <= 32
        && matches!(
            t.trim_end(),
            "Antworten ausblenden" | "Antworten verbergen" | "Antworten einklappen" | "Weniger Antworten" | "Hide replies" | "Hide Replies"
        )
}

/// Whether `initials` (two or three capitals, as an avatar shows them:
/// "RM", "DC") are the initials of `name` (two to four capitalised words:
/// the first letters of its first and last word, or of every word).
pub(crate) fn initials_of(name: &str, initials: &str) -> bool {
    let caps: Vec<char> = initials.trim().chars().collect();
    if !(2..=3).contains(&caps.len()) || !caps.iter().all(|c| c.is_uppercase()) {
        return false;
    }
    let firsts: Vec<char> = name.split_whitespace().filter_map(|w| w.chars().next()).collect();
    if !(2..=4).contains(&firsts.len()) || !firsts.iter().all(|c| c.is_uppercase()) {
        return false;
    }
    caps == firsts || caps.len() == 2 && caps[0] == firsts[0] && caps[1] == firsts[firsts.len() - 1]
}

/// A stage direction of a verbatim record on a line of its own: an
/// interjection in brackets that opens with applause, a call or laughter
/// ("(Beifall bei der SPD)", "(Zuruf von der CDU: …)", "(Heiterkeit)").
pub(crate) fn stage_direction(s: &str) -> bool {
    let t = s.trim();
    let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else { return false };
    let first = inner.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    t.len() <= 300
        && matches!(
            first,
            "Beifall" | "Zuruf" | "Zurufe" | "Zwischenruf" | "Zwischenrufe" | "Heiterkeit" | "Lachen" | "Widerspruch" | "Unruhe" | "Applaus" | "Buhrufe"
        )
}

/// The length of a time of day at the start of `t` ("18:42", "7:05:10"):
/// one or two digits, ':', two digits, perhaps ':' and two more, and no
/// digit after them.
pub(crate) fn time_prefix(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    let h = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&h) || b.get(h) != Some(&b':') || !b.get(h + 1..h + 3).is_some_and(|m| m.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    let mut e = h + 3;
    if b.get(e) == Some(&b':') && b.get(e + 1..e + 3).is_some_and(|m| m.iter().all(u8::is_ascii_digit)) {
        e += 3;
    }
    (!b.get(e).is_some_and(u8::is_ascii_digit)).then_some(e)
}

/// A time alone: "18:34", "18:34:05", "18:34 Uhr".
pub(crate) fn bare_time(p: &str) -> bool {
    let t = p.strip_suffix("Uhr").map_or(p, str::trim_end);
    time_prefix(t) == Some(t.len())
}

/// A head that gives a name and only the time of day, the day being given
/// elsewhere (a day separator line above the comments, or none):
/// "NAME um 18:02 Uhr:", "NAME, 18:02", "NAME · 18:02 Uhr" -> the name and
/// the time. The name is name-like, at most five words, and holds no date.
pub(crate) fn name_time_head(s: &str) -> Option<AuthorLine> {
    let s = trim(s).trim_end_matches(':').trim_end();
    let b = s.as_bytes();
    if b.len() > 90 || !(b.last()?.is_ascii_digit() || s.ends_with("Uhr")) {
        return None;
    }
    let core = s.strip_suffix("Uhr").map_or(s, str::trim_end);
    let sp = core.rfind(' ')?;
    let time = s.get(sp + 1..)?;
    if !bare_time(time) {
        return None;
    }
    let head = s.get(..sp)?.trim_end();
    let head = head.strip_suffix(" um").unwrap_or(head);
    let name = trim(head.trim_end_matches([',', '·', '|', '–', '—', '-', ' ']));
    (!name.is_empty() && word_count(name) <= 5 && is_name_like(name) && find_date(name).is_none()).then(|| AuthorLine {
        author: Some(name.to_string()),
        date: Some(time.to_string()),
        number: None,
        reply: None,
    })
}

/// [`CHAT_LINE`] up to its text group: on a line that one matches, the
/// match ends where `text` begins (the greedy `\s+` takes all white space
/// after the colon, `text` begins with the next char), with the same time
/// and name (the lazy name ends before the first colon either way). Its
/// capturing search reads the head only (see [`POST_FIELD_HEAD`]).
static CHAT_HEAD: LazyLock<Regex> = LazyLock::new(|| re(r"^(?P<time>\d{1,2}[:.]\d{2}(?:\s*Uhr)?)\s*[–—|·-]\s*(?P<name>[^:]{1,50}?)\s*:\s+"));

#[cfg(test)]
mod chat_cue_tests {
    use super::*;

    /// `time_first_comment` as it was: the groups of a capturing search of the whole line.
    fn time_first_comment_plain(s: &str) -> Option<(&str, &str, &str)> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || !b[0].is_ascii_digit() || !(matches!(b[1], b':' | b'.') || b[1].is_ascii_digit() && matches!(b[2], b':' | b'.')) {
            return None;
        }
        let c = CHAT_LINE.re.captures(s)?;
        let name = c.name("name")?.as_str().trim();
        let capitalised = word_count(name) == 1
            || words(name).all(|w| w.chars().next().is_some_and(char::is_uppercase) || matches!(w, "von" | "van" | "de" | "der" | "zu" | "vom" | "da" | "di" | "le"));
        (capitalised && is_short_name(name, 4)).then(|| (c.name("time").map_or("", |m| m.as_str()), name, c.name("text").map_or("", |m| m.as_str())))
    }

    #[test]
    fn strip_trailing_ui_agrees_with_the_regex() {
        fn reference(s: &str) -> &str {
            match TRAILING_UI.find(s) {
                Some(m) if m.start() > 0 => s.get(..m.start()).unwrap_or(s),
                _ => s,
            }
        }
        let mut lines = crate::page::testgen::lines();
        let trimmed: Vec<String> = lines.iter().map(|l| l.trim().to_string()).collect();
        lines.extend(trimmed);
        let heads = ["Name 1.1.2020", "Anna K. · vor 3 Std.", "", " ", "Zurück zur Übersicht", "x\u{a0}", "Kommentare geschlossen", "a|b", "Ä\u{2003}"];
        let tails = [
            "Antworten", "Antworten · Melden", "Melden | ", "Zurück zum Artikel über die Stadt", "Zurück zu den Beiträgen | Melden",
            "Sortieren nach: Neueste", "Kommentare geschlossen seit gestern", "Gefällt mir 12", "Seite 2 von 4", "Politik", "12.03.2024",
            "ANTWORTEN\u{a0}", "Antworten  ", "» ", "Antworten · Politik", "Empfehlen (41)", "Teilen\u{2009}|\u{2009}Melden",
        ];
        for h in heads {
            for sep in ["|", " | ", " · ", "·", "\u{a0}•\u{a0}", " \u{3000}| ", "  •  ", " || ", " |· "] {
                for t in tails {
                    lines.push(format!("{h}{sep}{t}"));
                    lines.push(format!("{h}{sep}{t}{sep}{t}"));
                    lines.push(format!("{h}{sep}{t} | Politik{sep}{t}"));
                }
            }
        }
        let mut cut = 0usize;
        for l in &lines {
            let got = strip_trailing_ui(l);
            assert_eq!(got, reference(l), "{l:?}");
            cut += (got.len() < l.len()) as usize;
        }
        assert!(cut >= 500, "{cut}");
    }

    #[test]
    fn time_first_comment_agrees_with_the_whole_line_captures() {
        let mut lines = crate::page::testgen::lines();
        for t in ["14:32", "8:05 Uhr", "8.05", "08:05Uhr", "1:2"] {
            for sep in [" – ", "—", " | ", " · ", "-", "  -  ", " "] {
                for n in ["Selma K.", "tom_ks", "Der Rat beschloss", "A", "Anna Maria von Berg Hof", "x:y", "Ümit  Ö", ""] {
                    for tail in [": Text hier.", " : Text", ":Text", ": ", ":\u{a0} x", ": a: b", ":  \n x", ": x\ny"] {
                        lines.push(format!("{t}{sep}{n}{tail}"));
                    }
                }
            }
        }
        crate::page::testgen::assert_agree_on(&lines, time_first_comment, time_first_comment_plain, 50);
    }

    #[test]
    fn time_first_lines() {
        assert_eq!(time_first_comment("14:32 – Selma K.: Ich fahre jede Nacht."), Some(("14:32", "Selma K.", "Ich fahre jede Nacht.")));
        assert_eq!(time_first_comment("8:05 Uhr — tom_ks: @Eva Stimmt."), Some(("8:05 Uhr", "tom_ks", "@Eva Stimmt.")));
        assert_eq!(time_first_comment("14:32 – Der Rat beschloss: Die Linie fällt weg."), None);
        assert_eq!(time_first_comment("14:3"), None);
    }
}

/// A labelled field of a forum post header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostField {
    /// "Autor: Name", "Verfasser: Name".
    Name,
    /// "Verfasst am: 15.11.2026, 20:14", "Datum: …".
    Date,
    /// "Betreff: Re: …", "Titel: …", "Thema: …".
    Subject,
}

/// A field line of [`post_field`].
static POST_FIELD: LazyLock<StartRegex> = LazyLock::new(|| {
    StartRegex::new(r"(?i)^(?:(?P<name>autor|autorin|verfasser|verfasserin|benutzer|mitglied|von)|(?P<date>verfasst(?:\s+am)?|geschrieben(?:\s+am)?|gepostet(?:\s+am)?|erstellt(?:\s+am)?|datum|am)|(?P<subj>betreff|titel|thema|subject))\s*:\s*(?P<v>\S.*)$")
});

/// The label part of [`POST_FIELD`]: on a line it matches, the match ends
/// where the value group `v` begins (the greedy `\s*` takes all white space
/// after the colon, and `v` begins with the next char), and its groups are
/// the same (no two labels match at the start of one line). Its capturing
/// search reads the label only; one over the whole line costs a bounded
/// backtracker's visited set of the regex's size times the line's length.
static POST_FIELD_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:(?P<name>autor|autorin|verfasser|verfasserin|benutzer|mitglied|von)|(?P<date>verfasst(?:\s+am)?|geschrieben(?:\s+am)?|gepostet(?:\s+am)?|erstellt(?:\s+am)?|datum|am)|(?P<subj>betreff|titel|thema|subject))\s*:\s*")
});

/// A field line of a forum post header (SMF/phpBB text dumps): the field
/// and its value ("Betreff: Re: Thema" -> (Subject, "Re: Thema")).
pub fn post_field(s: &str) -> Option<(PostField, &str)> {
    post_field_in(s, &Facts::ANY)
}

/// [`post_field`] of `s`, a part of the string `f` was gathered from.
pub(crate) fn post_field_in<'s>(s: &'s str, f: &Facts) -> Option<(PostField, &'s str)> {
    if !f.may(C_COLON) {
        return None;
    }
    let s = trim(s);
    // Gate: a colon within the first 24 bytes (the labels are short).
    let head = s.as_bytes().get(..s.len().min(24))?;
    if s.len() > 200 || memchr::memchr(b':', head).is_none() || !POST_FIELD.is_match(s) {
        return None;
    }
    let c = POST_FIELD_HEAD.captures(s)?;
    let v = s.get(c.get(0)?.end()..)?.trim();
    if c.name("name").is_some() {
        (word_count(v) <= 5 && !chars_more_than(v, 50) && !v.ends_with(['.', '!', '?', ','])).then_some((PostField::Name, v))
    } else if c.name("date").is_some() {
        date_only(v).map(|d| (PostField::Date, d))
    } else {
        Some((PostField::Subject, v))
    }
}

/// A quoted line of a forum reply ("> text", ">").
pub fn is_quote_line(s: &str) -> bool {
    let s = trim_start(s);
    s == ">" || s.starts_with("> ") || s.starts_with(">>")
}

#[cfg(test)]
mod post_field_tests {
    use super::*;

    /// `post_field` as it was: the value from the capturing search of the whole line.
    fn post_field_plain(s: &str) -> Option<(PostField, &str)> {
        let s = s.trim();
        let head = s.as_bytes().get(..s.len().min(24))?;
        if s.len() > 200 || memchr::memchr(b':', head).is_none() {
            return None;
        }
        let c = POST_FIELD.re.captures(s)?;
        let v = c.name("v")?.as_str().trim();
        if c.name("name").is_some() {
            (word_count(v) <= 5 && !chars_more_than(v, 50) && !v.ends_with(['.', '!', '?', ','])).then_some((PostField::Name, v))
        } else if c.name("date").is_some() {
            date_only(v).map(|d| (PostField::Date, d))
        } else {
            Some((PostField::Subject, v))
        }
    }

    #[test]
    fn post_field_agrees_with_the_whole_line_captures() {
        let mut lines = crate::page::testgen::lines();
        let labels = ["Autor", "autorin", "VERFASSER", "Verfasserin", "Benutzer", "Mitglied", "von", "Verfasst am", "verfasst", "Geschrieben  am", "gepostet am", "Erstellt", "Datum", "am", "Betreff", "Titel", "Thema", "Subject", "Verfaßt", "Autor\u{a0}", "\u{212a}\u{17f}"];
        let values = ["Bea_K", "Re: Neue Halle", "15.11.2025, 20:14", "", " ", "\u{a0}x", "Der Gemeinderat hat das beschlossen.", "a\nb", "\u{2003}Name", "am: 12.01.2024", ":"];
        for l in labels {
            for v in values {
                for sep in [":", " : ", ":  ", "\t:\t", ":\u{3000}", " ", ""] {
                    lines.push(format!("{l}{sep}{v}"));
                }
            }
        }
        crate::page::testgen::assert_agree_on(&lines, post_field, post_field_plain, 100);
    }

    #[test]
    fn post_fields() {
        assert_eq!(post_field("Autor: Bea_K"), Some((PostField::Name, "Bea_K")));
        assert_eq!(post_field("Verfasst am: 15.11.2025, 20:14"), Some((PostField::Date, "15.11.2025, 20:14")));
        assert_eq!(post_field("Betreff: Re: Neue Halle"), Some((PostField::Subject, "Re: Neue Halle")));
        assert_eq!(post_field("Autor: Der Gemeinderat hat das beschlossen."), None);
        assert_eq!(post_field("Das ist ein Satz: mit Doppelpunkt"), None);
        assert!(is_quote_line("> zitiert") && !is_quote_line("->"));
    }
}

/// The opening quote marks of a quoted reader voice.
const OPEN_QUOTES: [char; 5] = ['„', '"', '»', '“', '«'];
/// The closing quote marks of a quoted reader voice.
const CLOSE_QUOTES: [char; 5] = ['“', '"', '«', '”', '»'];

/// A line that opens a quoted reader voice („…).
pub fn opens_voice(s: &str) -> bool {
    trim_start(s).starts_with(OPEN_QUOTES)
}

/// A line that closes a quoted reader voice (…“).
pub fn closes_voice(s: &str) -> bool {
    s.trim_end().ends_with(CLOSE_QUOTES)
}

/// The text of a quoted reader voice without its enclosing quote marks.
pub fn strip_voice_quotes(s: &str) -> &str {
    let s = trim(s);
    let s = s.strip_prefix(OPEN_QUOTES).unwrap_or(s);
    s.strip_suffix(CLOSE_QUOTES).unwrap_or(s).trim()
}

/// The signature line under a quoted reader voice: a name, optionally with
/// an affiliation after a comma or a place in brackets ("Eva Roth, DLRG
/// Ortsgruppe", "Jo Kern (Bramsche)") -> the name.
pub fn voice_signature(s: &str) -> Option<&str> {
    let s = s.trim().trim_start_matches(['—', '–', '-']).trim();
    if s.is_empty() || chars_more_than(s, 80) || s.ends_with(['.', '!', '?', ':']) {
        return None;
    }
    let name = match s.split_once(',') {
        Some((n, rest)) => {
            let rest = rest.trim();
            if rest.is_empty() || word_count(rest) > 6 {
                return None;
            }
            n.trim()
        }
        None => strip_place(s),
    };
    let wc = word_count(name);
    let capitalised = words(name).all(|w| w.chars().next().is_some_and(char::is_uppercase) || matches!(w, "von" | "van" | "de" | "der" | "zu" | "vom"));
    ((1..=4).contains(&wc) && capitalised && is_name_like(name)).then_some(name)
}

#[cfg(test)]
mod voice_cue_tests {
    use super::*;

    #[test]
    fn voices() {
        assert!(opens_voice("„Das ist gut.“") && closes_voice("„Das ist gut.“"));
        assert_eq!(strip_voice_quotes("„Das ist gut.“"), "Das ist gut.");
        assert_eq!(voice_signature("Eva Roth, DLRG Ortsgruppe"), Some("Eva Roth"));
        assert_eq!(voice_signature("Jo Kern (Bramsche)"), Some("Jo Kern"));
        assert_eq!(voice_signature("Heiko Bruns"), Some("Heiko Bruns"));
        assert_eq!(voice_signature("sagte der Bürgermeister."), None);
    }

    #[test]
    fn header_families_of_textfix4() {
        // Separator headers in any order, with ages, replies and badges.
        let a = author_line("u/kiesel_77 · 2 Std. · Antwort auf u/moor_anna · bearbeitet").unwrap();
        assert_eq!((a.author.as_deref(), a.date.as_deref()), (Some("u/kiesel_77"), Some("2 Std.")));
        assert_eq!(a.reply, Some(ReplyRef::Name("u/moor_anna".into())));
        let a = author_line("Greta Lind | 03.02.2026 | 07:15").unwrap();
        assert_eq!((a.author.as_deref(), a.date.as_deref()), (Some("Greta Lind"), Some("03.02.2026 | 07:15")));
        assert_eq!(author_line("Die Stadt – so der Bürgermeister – plant"), None);
        assert_eq!(author_line("Politik · Wirtschaft · Sport"), None);
        // Numbered lines and letters.
        let a = author_line("7) jo.m – 02.03.26, 09:41").unwrap();
        assert_eq!((a.author.as_deref(), a.number), (Some("jo.m"), Some(7)));
        assert_eq!(numbered_name("Kommentar #12 von Elke"), Some((12, "Elke")));
        assert_eq!(numbered_name("Elke"), None);
        assert_eq!(letter_header("Leserbrief von Dr. Ina Vogt, Gießen"), Some("Dr. Ina Vogt"));
        assert_eq!(letter_header("Leserbriefe geben die Meinung ihrer Verfasser wieder"), None);
        let a = author_line("eingegangen am 04.05.2026").unwrap();
        assert_eq!((a.author, a.date.as_deref()), (None, Some("04.05.2026")));
        assert_eq!(reply_marker("Bezug: Leserbrief von Ina Vogt"), Some(ReplyRef::Name("Ina Vogt".into())));
        // Handles, post numbers, quote introductions, reaction counts.
        assert_eq!(handle_line("@ole@nord.example"), Some("ole@nord.example"));
        assert_eq!(handle_line("@ole hat recht"), None);
        assert_eq!(lone_number("#14"), Some(14));
        assert_eq!(lone_number("#14 Titel"), None);
        assert_eq!(lone_number("Beitrag 3"), Some(3));
        assert_eq!(lone_number("Beitrag 3 von 7 Leserinnen"), None);
        assert_eq!(lone_number("14"), None);
        assert_eq!(post_number("Kommentar 4 (Antwort auf Kommentar 2)"), Some((4, Some(ReplyRef::Number(2)))));
        assert_eq!(post_number("Beitrag 5 (Antwort auf Nils)"), Some((5, Some(ReplyRef::Name("Nils".into())))));
        assert_eq!(post_number("Beitrag 5 (Mehr dazu unten)"), None);
        assert_eq!(post_number("Beiträge 5"), None);
        assert!(is_count_only("17") && is_count_only("2,1 Tsd.") && is_count_only("1.204") && is_count_only("3 Mio."));
        assert!(!is_count_only("3.") && !is_count_only("17 Leute") && !is_count_only("+1"));
        assert!(is_reply_to_handles("Antwort an") && !is_reply_to_handles("Antwort an alle"));
        assert!(points_elsewhere("zu: Neue Ortsmitte für Kirchheim"));
        assert!(points_elsewhere("Zum Artikel: Brücke gesperrt"));
        assert!(!points_elsewhere("Zugegeben: Das war knapp."));
        assert!(!points_elsewhere("zu teuer: Das sagen alle."));
        assert!(points_elsewhere("zu „Hafenfest: Feuerwerk fällt aus“"));
        assert!(points_elsewhere("Zu „Neue Ampel am Markt“:"));
        assert!(!points_elsewhere("Zu „teuer“ sage ich nur: schaut euch die Zahlen an."));
        assert!(is_moderation_note("[Kommentar von der Moderation gekürzt. Bitte sachlich bleiben.]"));
        assert!(is_moderation_note("[Von der Redaktion bearbeitet]"));
        assert!(!is_moderation_note("[Sticker 😎]") && !is_moderation_note("[Link entfernt, weil kaputt]"));
        assert!(is_system_line("→ Pia ist der Diskussion beigetreten."));
        assert!(is_system_line("Horst Brand hat die Gruppe über einen Einladungslink betreten."));
        assert!(is_system_line("lena_k hat den Chat verlassen"));
        assert!(is_system_line("Eine Nachricht von @spam_bot wurde von der Moderation entfernt."));
        assert!(!is_system_line("Der Bürgermeister hat die Sitzung nach zehn Minuten verlassen."));
        assert!(!is_system_line("Die alten Bäume am Markt wurden schon im Frühjahr entfernt."));
        assert_eq!(quote_intro("Zitat von kai_r:").as_deref(), Some("kai_r"));
        assert_eq!(quote_intro("Zitat des Tages"), None);
        assert_eq!(comment_header("3 Antworten · 7 Boosts · 12 Favoriten"), Some(Header::Count(3)));
        assert_eq!(comment_header("Antworten: 12 · Aufrufe: 1.204"), Some(Header::Count(12)));
        // UI and vote lines.
        for s in ["War dieser Kommentar hilfreich? Ja (2) Nein (0)", "▲ 12 ▼", "↩ 1   ⇄ 0   ★ 4", "Antworten · Neues Thema"] {
            assert!(is_ui_line(s), "{s}");
        }
        assert!(is_strong_furniture("Pingback: Wochenschau | Radblog"));
        assert_eq!(strip_more_link("Das war gut. Mehr anzeigen"), "Das war gut.");
        assert_eq!(strip_more_link("Wir wollen mehr anzeigen"), "Wir wollen mehr anzeigen");
    }
}

#[cfg(test)]
mod session6_tests {
    use super::*;

    #[test]
    fn icon_led_action_bars() {
        assert!(is_symbol_bar("👍 Zustimmung 38   👎 Ablehnung 6   ↩ Antworten   ⚐ Melden"));
        assert!(is_symbol_bar("▲ 143   💬 7   ⤴ Teilen"));
        assert!(is_symbol_bar("👍 47 · Hilfreich"));
        assert!(is_reaction_bar("♥ Danke 14   ↩ Antworten   ⚑ Melden"));
        assert!(is_symbol_bar("♥ Danke 6"));
        assert!(!is_symbol_bar("😂 Danke dir"));
        // One item, prose after an emoji, document links: no bar.
        assert!(!is_symbol_bar("🤡🤡🤡"));
        assert!(!is_symbol_bar("😂 Genau so habe ich das auch erlebt, danke"));
        assert!(!is_symbol_bar("📄 Satzungsentwurf (PDF, 412 KB)   📄 Erläuterungen (PDF, 1,1 MB)"));
        assert!(!is_symbol_bar("Gefällt mir   Antworten"));
        assert!(!is_symbol_bar("— Gast, 2026-11-20T06:15"));
        assert!(!is_symbol_bar(""));
    }

    #[test]
    fn reaction_counts_in_any_order() {
        assert_eq!(comment_header("27 Likes · 9 Reposts · 5 Antworten · 2 Erwähnungen"), Some(Header::Count(5)));
        assert_eq!(comment_header("3 Kommentare · 12 Likes"), Some(Header::Count(3)));
        assert_eq!(reaction_counts_any_order("5 Antworten · 2 Erwähnungen"), None);
        assert_eq!(reaction_counts_any_order("27 Likes · 9 Reposts"), None);
    }

    #[test]
    fn icon_headers_and_share_words() {
        assert_eq!(comment_header("💬 Diskussion zum Artikel (5)"), Some(Header::Count(5)));
        assert_eq!(comment_header("💬 Beiträge (6)   Filter: Alle | Pro | Contra"), Some(Header::Count(6)));
        assert_eq!(comment_header("💬 Unser Bürgermeister im Interview"), None);
        // "teilen sich" is no share button; "Teilen" and "Teilen Sie …" are.
        assert!(!is_lexicon_furniture("Die beiden Gemeinden teilen sich seit 2019 einen Bauhof."));
        assert!(is_lexicon_furniture("Teilen"));
        assert!(is_lexicon_furniture("Teilen Sie diesen Artikel"));
        assert!(is_lexicon_furniture("Seite teilen:"));
        assert!(!is_lexicon_furniture("Die Kosten teilen sich Land und Kreis."));
    }

    #[test]
    fn caps_labels_before_a_head() {
        assert_eq!(strip_caps_label("[PRO]  Annegret Hofmann · 16.11.2026"), Some("Annegret Hofmann · 16.11.2026"));
        assert_eq!(strip_caps_label("[OFFIZIELLE ANTWORT] Amt · 17.11.2026"), Some("Amt · 17.11.2026"));
        assert_eq!(strip_caps_label("[Als Antwort auf Lena]"), None);
        assert_eq!(strip_caps_label("[OK]"), None);
        assert_eq!(strip_caps_label("[Ü"), None);
        assert_eq!(strip_caps_label("[ÄÖÜ] x"), Some("x"));
    }
}

// ---------------------------------------------------------------------------
// Session 15 (seg20): cues of heads that carry over between sites

#[cfg(test)]
mod seg20_tests {
    use super::*;

    #[test]
    fn text_browser_link_references() {
        assert_eq!(strip_link_refs("[32]Antworten [33]Melden   Gefällt mir (4)").as_deref(), Some("Antworten Melden   Gefällt mir (4)"));
        assert_eq!(strip_link_refs("o [37]WÜ Kundendienst – 20.11.2026").as_deref(), Some("o WÜ Kundendienst – 20.11.2026"));
        // Footnotes, Markdown references, brackets without digits, too many digits: kept.
        assert_eq!(strip_link_refs("Satz.[3] Weiter"), None);
        assert_eq!(strip_link_refs("Satz [3] weiter"), None);
        assert_eq!(strip_link_refs("[1]: https://example.org"), None);
        assert_eq!(strip_link_refs("[Beitrag entfernt]"), None);
        assert_eq!(strip_link_refs("[12345]Name"), None);
        assert_eq!(strip_link_refs("[7]"), None);
        assert_eq!(strip_link_refs("x [7"), None);
        assert_eq!(link_ref_count("[1]a [2]b Satz [3] c [4]: d [5]e"), 3);
    }

    #[test]
    fn lynx_bullets() {
        assert_eq!(strip_bullet("   + Renate Sauer – 20.11.2026"), Some("Renate Sauer – 20.11.2026"));
        assert_eq!(strip_bullet("      o Jonas P."), Some("Jonas P."));
        assert_eq!(strip_bullet("oder nicht"), None);
        assert_eq!(strip_bullet("+49 30 1234"), None);
    }

    #[test]
    fn heads_with_the_time_of_day_only() {
        let a = name_time_head("Uta Behrens um 18:02 Uhr:").unwrap();
        assert_eq!((a.author.as_deref(), a.date.as_deref()), (Some("Uta Behrens"), Some("18:02 Uhr")));
        let a = name_time_head("Kai aus Norden · 07:45").unwrap();
        assert_eq!((a.author.as_deref(), a.date.as_deref()), (Some("Kai aus Norden"), Some("07:45")));
        assert!(name_time_head("Der Zug fuhr erst um 18:02 Uhr los, viel zu spät.").is_none());
        assert!(name_time_head("am 20.11.2026 um 18:02 Uhr").is_none());
        assert!(name_time_head("18:02 Uhr").is_none());
        assert!(name_time_head("Termin um 1802").is_none());
        assert!(bare_time("18:34") && bare_time("18:34:05") && bare_time("8:34 Uhr") && !bare_time("18:3") && !bare_time("183:34"));
    }

    #[test]
    fn hierarchical_numbers() {
        assert_eq!(outline_number_depth("1.1"), Some(2));
        assert_eq!(outline_number_depth("4.1.2."), Some(3));
        assert_eq!(outline_number_depth("1"), None);
        assert_eq!(outline_number_depth("1.244"), None);
        assert_eq!(outline_number_depth("1.1 Titel"), None);
        assert_eq!(outline_number_depth("1..2"), None);
    }

    #[test]
    fn profile_lines_with_a_rank_first() {
        assert!(is_profile_line("Beiträge: 1.204"));
        assert!(is_profile_line("Vielschreiber · Beiträge: 2.310 · dabei seit 03/2011"));
        assert!(is_profile_line("Urgestein | Beiträge: 88 | Mitglied seit 2009"));
        assert!(!is_profile_line("Kai Roth · 20.11.2026"));
        assert!(!is_profile_line("Wir haben das geprüft · Beiträge: 3 sind online und der Rest folgt später"));
    }

    #[test]
    fn reader_opinion_headers() {
        assert_eq!(comment_header("Lesermeinungen (14)"), Some(Header::Count(14)));
        assert_eq!(comment_header("Leserzuschriften: 3"), Some(Header::Count(3)));
        assert_eq!(comment_header("Leserreaktionen"), Some(Header::Plain));
        assert_eq!(comment_header("Meinungen zum Haushalt der Stadt"), None);
    }
}

/// The text cues of session 16 (seg21).
#[cfg(test)]
mod seg21_tests {
    use super::*;

    #[test]
    fn markdown_marks_are_no_text() {
        // Each line and what is left of it (None: nothing to strip). Inside
        // a word, and as a bullet with spaces on both sides, the marks stay;
        // a bracket that is no link stays.
        let cases = [
            ("## Kommentare (7)", Some("Kommentare (7)")),
            ("* **Ole Timm** _(Redaktion)_ · 20.11.2026, 18:02", Some("* Ole Timm (Redaktion) · 20.11.2026, 18:02")),
            ("[Antworten](https://x.example/a/1) [Melden](https://x.example/m/1)", Some("Antworten Melden")),
            ("![Logo](https://x.example/logo.png)", Some("")),
            ("_Dieser Kommentar wurde entfernt._", Some("Dieser Kommentar wurde entfernt.")),
            ("Gruß an alle Bürger*innen von wald_fee", None),
            ("Preis 3 * 4 Euro", None),
            ("Ein Satz ohne Auszeichnung.", None),
            ("[Anzeige] Jetzt lesen (gratis)", None),
        ];
        for (line, want) in cases {
            assert_eq!(strip_markdown(line).as_deref(), want, "{line:?}");
        }
        assert_eq!(markdown_link_count("[a](u) [b](v)\n[c] (d) [e](w)", 5), 3);
    }

    #[test]
    fn reply_groups() {
        let open = ["▾ 3 Antworten", "2 weitere Antworten", "1 Antwort", "⌄ 12 Antworten"];
        let close = ["▴ Antworten ausblenden", "Antworten verbergen", "Hide replies"];
        let neither = ["👍 14   Antworten   Melden", "Antworten", "3 Antworten anzeigen, bitte", "2026 Antworten auf alles"];
        assert!(open.iter().all(|l| reply_group_open(l)) && close.iter().all(|l| reply_group_close(l)));
        assert!(neither.iter().all(|l| !reply_group_open(l) && !reply_group_close(l)));
    }

    #[test]
    fn avatar_initials() {
        let cases = [("Reto Imhof", "RI", true), ("Anna Lena Vogt", "AV", true), ("Anna Lena Vogt", "ALV", true), ("Reto Imhof", "RM", false), ("reto imhof", "RI", false), ("Imhof", "I", false)];
        for (name, initials, want) in cases {
            assert_eq!(initials_of(name, initials), want, "{name:?} {initials:?}");
        }
    }

    #[test]
    fn stage_directions_of_a_verbatim_record() {
        let yes = ["(Beifall bei der SPD und der CDU)", "(Zuruf von der FDP: Das stimmt nicht!)", "  (Heiterkeit)"];
        let no = ["(Foto: Archiv)", "Beifall bei der SPD", "(Beifall) und dann ging es weiter"];
        assert!(yes.iter().all(|l| stage_direction(l)) && !no.iter().any(|l| stage_direction(l)));
    }
}
