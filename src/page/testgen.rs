//! Test inputs for the exact rewrites of the segmentation cues: the lines of
//! the fixture pages (and of the seed pages in ../shared/seeds, read by path)
//! plus perturbed copies of them, with the characters where a shortcut could
//! go wrong: case changes, the Kelvin sign and the long s (which `(?i)`
//! regexes match as k and s), non-ASCII digits (which `\d` matches), every
//! kind of white space, zero-width characters, separators and symbols.
//! Deterministic (a fixed xorshift seed) and small enough to run in debug
//! builds.

use std::path::Path;

/// White space and invisible characters the cues treat specially.
pub const SPACES: &[&str] = &[
    "\u{a0}", "\u{2000}", "\u{2001}", "\u{2002}", "\u{2003}", "\u{2004}", "\u{2005}", "\u{2006}", "\u{2007}", "\u{2008}", "\u{2009}",
    "\u{200a}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{85}", "\u{2028}", "\u{2029}", "\u{1680}", "\t", "\u{b}", "\u{c}", "\r", "  ",
    "   ", "\u{200b}", "\u{200c}", "\u{200d}", "\u{ad}", "\u{feff}",
];

/// Characters that case-fold, look like digits or separate items.
pub const ODD: &[&str] = &[
    "\u{212a}", "\u{17f}", "\u{3a3}", "\u{130}", "\u{131}", "\u{1e9e}", "\u{2126}", "\u{212b}", "\u{fb00}", "Ä", "Ö", "Ü", "ß", "Σ",
    "\u{391}", "|", "·", "›", "»", "«", "/", "•", "...", "…", "°", "©", "€", "„", "“", "\"", ":", "(", ")", "#", "@", "–", "—", "-",
    "*", "µ", "×", "\u{2160}", "\u{24b6}", "\u{2c00}", "\u{1d400}", "\u{660}", "\u{669}", "\u{ff11}", "\u{966}", "\u{1d7ce}", "٣",
];

/// Non-ASCII decimal digits (`\d` matches them, `u8::is_ascii_digit` does not).
const DIGITS: &[char] = &['\u{660}', '\u{661}', '\u{662}', '\u{663}', '\u{664}', '\u{665}', '\u{666}', '\u{667}', '\u{668}', '\u{669}', '\u{ff10}', '\u{ff15}', '\u{966}', '\u{969}', '\u{1d7ce}', '\u{1d7d7}'];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// The text pages beside the gold files and the seed pages (if present).
pub fn pages() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [root.join("tests/fixtures"), root.join("../shared/seeds")] {
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.extension().and_then(|x| x.to_str()) == Some("txt") {
                if let Ok(s) = std::fs::read_to_string(&p) {
                    out.push(s);
                }
            }
        }
    }
    assert!(!out.is_empty(), "no text fixtures found");
    out
}

/// One perturbed copy of `line`.
fn perturb(line: &str, rng: &mut Rng, kind: usize) -> String {
    match kind {
        0 => line.to_uppercase(),
        1 => line.to_lowercase(),
        2 => line.replace(['k', 'K'], "\u{212a}").replace('s', "\u{17f}"),
        3 => line.chars().map(|c| if c.is_ascii_digit() { DIGITS[rng.below(DIGITS.len())] } else { c }).collect(),
        4 => format!("{}{}{}", rng.pick(SPACES), line, rng.pick(SPACES)),
        5 | 6 => {
            // Random insertions and replacements.
            let mut out = String::new();
            for c in line.chars() {
                match rng.below(40) {
                    0 => out.push_str(rng.pick(SPACES)),
                    1 => out.push_str(rng.pick(ODD)),
                    2 if c == ' ' => out.push_str(rng.pick(SPACES)),
                    3 => out.extend(c.to_uppercase()),
                    4 if c == 's' => out.push('\u{17f}'),
                    5 if c == 'k' || c == 'K' => out.push('\u{212a}'),
                    6 => continue,
                    _ => out.push(c),
                }
                if kind == 6 && c == ' ' && rng.below(3) == 0 {
                    out.push_str(rng.pick(ODD));
                }
            }
            out
        }
        7 => {
            // A prefix or suffix of the line.
            let cut: Vec<usize> = line.char_indices().map(|(i, _)| i).collect();
            let at = cut.get(rng.below(cut.len() + 1)).copied().unwrap_or(line.len());
            if rng.below(2) == 0 {
                line[..at].to_string()
            } else {
                line[at..].to_string()
            }
        }
        _ => line.to_string(),
    }
}

/// Every line of the pages, each with eight perturbed copies (raw: not
/// trimmed or normalised, as they appear in a page).
pub fn lines() -> Vec<String> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::new();
    for page in pages() {
        for line in page.lines() {
            out.push(line.to_string());
            for kind in 0..8 {
                out.push(perturb(line, &mut rng, kind));
            }
        }
    }
    for s in SPACES.iter().chain(ODD) {
        out.push(s.to_string());
        out.push(format!("a{s}b {s} c"));
    }
    out
}

/// The parts of every line of [`lines`]: its prefixes and suffixes cut at
/// every `step`-th char boundary, each given with the whole line's facts
/// (a line the parser cuts keeps them).
pub(crate) fn line_parts(step: usize, mut f: impl FnMut(&str, &crate::page::cues::Facts)) {
    for l in lines() {
        let facts = crate::page::cues::Facts::of(&l);
        let cuts: Vec<usize> = (0..=l.len()).filter(|&k| l.is_char_boundary(k)).step_by(step).collect();
        for &a in &cuts {
            f(&l[a..], &facts);
            f(&l[..a], &facts);
        }
    }
}

/// Perturbed copies of whole pages: lines shuffled, lines replaced by
/// perturbed ones, lines from other pages mixed in.
pub fn pages_perturbed(copies: usize) -> Vec<String> {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let pages = pages();
    let all: Vec<&str> = pages.iter().flat_map(|p| p.lines()).collect();
    let mut out = Vec::new();
    for page in &pages {
        let lines: Vec<&str> = page.lines().collect();
        for c in 0..copies {
            let mut v: Vec<String> = match c % 3 {
                0 => lines.iter().map(|l| { let k = rng.below(10); perturb(l, &mut rng, k) }).collect(),
                1 => {
                    let mut v: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                    for i in (1..v.len()).rev() {
                        v.swap(i, rng.below(i + 1));
                    }
                    v
                }
                _ => lines.iter().map(|l| if rng.below(4) == 0 { all[rng.below(all.len())].to_string() } else { l.to_string() }).collect(),
            };
            if c % 2 == 1 {
                for l in &mut v {
                    if rng.below(3) == 0 {
                        let k = rng.below(8);
                        *l = perturb(l, &mut rng, k);
                    }
                }
            }
            out.push(v.join(if c % 5 == 4 { "\r\n" } else { "\n" }));
        }
    }
    out
}

/// A fast cue and its plain version agree on every line, and the fast
/// one matches at least `min_hits` of them (so the lines test something).
pub fn assert_agree_on<'a, T: PartialEq + std::fmt::Debug>(
    lines: &'a [String],
    fast: impl Fn(&'a str) -> Option<T>,
    plain: impl Fn(&'a str) -> Option<T>,
    min_hits: usize,
) {
    let mut hits = 0usize;
    for l in lines {
        let got = fast(l);
        assert_eq!(got, plain(l), "{l:?}");
        hits += got.is_some() as usize;
    }
    assert!(hits >= min_hits, "{hits}");
}
