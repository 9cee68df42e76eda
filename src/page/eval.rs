//! Segmentation quality against gold files: comment precision/recall/F1,
//! author/date/reply accuracy, body-sentence recall, furniture leakage.
//!
//! A folder of pages is evaluated page by page: every page `NAME.txt` /
//! `NAME.html` with a gold file `NAME.expected.json` beside it (format in
//! `tests/fixtures/README.md` and the README). A found comment matches a gold
//! comment when their texts overlap by at least [`MATCH_OVERLAP`] of their
//! tokens (see [`token_overlap`]); matching is one-to-one, greedy by overlap.

use super::{Comment, Page};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Minimum token overlap for a found comment to count as a gold comment.
pub const MATCH_OVERLAP: f64 = 0.8;

/// A gold file (`NAME.expected.json`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Gold {
    pub title: Option<String>,
    #[serde(default)]
    pub declared_comments: Option<usize>,
    pub comments: Vec<GoldComment>,
    #[serde(default)]
    pub body_contains: Vec<String>,
    #[serde(default)]
    pub furniture: Vec<String>,
}

/// One gold comment.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct GoldComment {
    pub author: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub reply_to: Option<usize>,
}

/// Counts for one page (or summed over pages).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    pub gold_comments: usize,
    pub found_comments: usize,
    pub matched: usize,
    pub author_correct: usize,
    pub date_correct: usize,
    pub reply_correct: usize,
    pub body_sentences: usize,
    pub body_found: usize,
    pub furniture_strings: usize,
    /// Furniture strings found in the body or in a comment's text, title or author.
    pub furniture_leaks: usize,
    pub title_correct: usize,
    /// Pages whose announced comment count ("31 Kommentare") was read as the gold file says.
    pub declared_correct: usize,
    pub pages: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold_comments += o.gold_comments;
        self.found_comments += o.found_comments;
        self.matched += o.matched;
        self.author_correct += o.author_correct;
        self.date_correct += o.date_correct;
        self.reply_correct += o.reply_correct;
        self.body_sentences += o.body_sentences;
        self.body_found += o.body_found;
        self.furniture_strings += o.furniture_strings;
        self.furniture_leaks += o.furniture_leaks;
        self.title_correct += o.title_correct;
        self.declared_correct += o.declared_correct;
        self.pages += o.pages;
    }

    /// Share of found comments that match a gold comment (1 when nothing was found and nothing was due).
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.found_comments)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold_comments)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Over matched comments.
    pub fn author_accuracy(&self) -> f64 {
        ratio(self.author_correct, self.matched)
    }
    pub fn date_accuracy(&self) -> f64 {
        ratio(self.date_correct, self.matched)
    }
    pub fn reply_accuracy(&self) -> f64 {
        ratio(self.reply_correct, self.matched)
    }
    pub fn body_recall(&self) -> f64 {
        ratio(self.body_found, self.body_sentences)
    }
    pub fn title_accuracy(&self) -> f64 {
        ratio(self.title_correct, self.pages)
    }
    pub fn declared_accuracy(&self) -> f64 {
        ratio(self.declared_correct, self.pages)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The evaluation of one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageEval {
    pub page: String,
    pub counts: Counts,
    /// Human-readable mismatches (missed and spurious comments, wrong fields, leaks).
    pub problems: Vec<String>,
}

/// The evaluation of a folder.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub pages: Vec<PageEval>,
    pub total: Counts,
}

/// Why a folder could not be evaluated.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: cannot read the gold folder ({source}); give a folder of pages with NAME.expected.json files beside them")]
    Dir { path: PathBuf, source: std::io::Error },
    #[error("{path}: no page with a gold file (NAME.expected.json beside NAME.txt or NAME.html) in this folder")]
    NoPages { path: PathBuf },
    #[error("{path}: cannot read ({source})")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}: not a valid gold file ({source}); see the gold format in tests/fixtures/README.md")]
    Gold { path: PathBuf, source: serde_json::Error },
    #[error("{path}: {source}")]
    Page { path: PathBuf, source: super::PageError },
}

fn collapse(s: &str) -> String {
    super::cues::collapse_ws(s)
}

/// An ISO timestamp with a time zone after it: "2026-11-22T18:14:07+01:00",
/// "2026-11-20 17:31:40 UTC", "2026-11-20 18:14:52+01", "…T17:14:07Z".
static ISO_ZONE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(?:Z|[+-]\d{2}(?::?\d{2})?| ?(?:UTC|GMT))$").expect("ISO_ZONE compiles")
});

/// A date as compared: white space collapsed, and an ISO timestamp without
/// its trailing time zone. Gold files may write the zone or leave it out
/// (tests/fixtures/README.md, "date"): the zone is how the page prints the
/// timestamp, not a different date, and earlier gold files differ on it.
fn date_key(s: &str) -> String {
    let s = collapse(s);
    match ISO_ZONE.captures(&s) {
        Some(c) => c[1].to_string(),
        None => s,
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '„' | '“' | '”' | '‚' | '‘' | '’' | '«' | '»' | '‹' | '›' | '…' | '–' | '—' | '·' | '•')
}

/// Lower-cased tokens: white-space separated chunks with punctuation trimmed
/// (an emoji is a token; a chunk of punctuation only is none).
pub fn tokens(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| w.trim_matches(is_punct))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Overlap of two token multisets: shared tokens divided by the size of the
/// larger one (so a found comment that swallowed its neighbour does not
/// match either of them). Two texts without tokens overlap fully if equal.
pub fn token_overlap(a: &str, b: &str) -> f64 {
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return if collapse(a) == collapse(b) { 1.0 } else { 0.0 };
    }
    let mut bag: HashMap<&str, usize> = HashMap::new();
    for t in &ta {
        *bag.entry(t.as_str()).or_default() += 1;
    }
    let mut shared = 0usize;
    for t in &tb {
        if let Some(n) = bag.get_mut(t.as_str()) {
            if *n > 0 {
                *n -= 1;
                shared += 1;
            }
        }
    }
    shared as f64 / ta.len().max(tb.len()) as f64
}

/// One-to-one matching of gold to found comments: pairs with overlap ≥
/// [`MATCH_OVERLAP`], best first (ties: page order). Returns, per gold
/// comment, the index of its found comment.
pub fn match_comments(gold: &[GoldComment], found: &[Comment]) -> Vec<Option<usize>> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (g, gc) in gold.iter().enumerate() {
        for (f, fc) in found.iter().enumerate() {
            let o = token_overlap(&gc.text, &fc.text);
            if o >= MATCH_OVERLAP {
                pairs.push((o, g, f));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut of_gold = vec![None; gold.len()];
    let mut used = vec![false; found.len()];
    for (_, g, f) in pairs {
        if of_gold[g].is_none() && !used[f] {
            of_gold[g] = Some(f);
            used[f] = true;
        }
    }
    of_gold
}

fn short(s: &str) -> String {
    let s = collapse(s);
    if s.chars().count() > 60 {
        s.chars().take(60).collect::<String>() + "…"
    } else {
        s
    }
}

/// Evaluates one parsed page against its gold file.
pub fn evaluate_page(page: &Page, gold: &Gold) -> (Counts, Vec<String>) {
    let mut c = Counts { pages: 1, ..Counts::default() };
    let mut problems = Vec::new();
    let opt = |s: &Option<String>| s.as_deref().map(collapse);
    if opt(&page.title) == opt(&gold.title) {
        c.title_correct = 1;
    } else {
        problems.push(format!("title {:?}, gold {:?}", page.title, gold.title));
    }
    if page.declared_comments == gold.declared_comments {
        c.declared_correct = 1;
    } else {
        problems.push(format!("declared_comments {:?}, gold {:?}", page.declared_comments, gold.declared_comments));
    }
    c.gold_comments = gold.comments.len();
    c.found_comments = page.comments.len();
    let m = match_comments(&gold.comments, &page.comments);
    let mut used = vec![false; page.comments.len()];
    for (g, f) in m.iter().enumerate() {
        let gc = &gold.comments[g];
        let Some(f) = *f else {
            problems.push(format!("missed comment #{g} by {:?}: {:?}", gc.author, short(&gc.text)));
            continue;
        };
        used[f] = true;
        c.matched += 1;
        let fc = &page.comments[f];
        if opt(&fc.author) == opt(&gc.author) {
            c.author_correct += 1;
        } else {
            problems.push(format!("comment #{g}: author {:?}, gold {:?}", fc.author, gc.author));
        }
        if fc.date.as_deref().map(date_key) == gc.date.as_deref().map(date_key) {
            c.date_correct += 1;
        } else {
            problems.push(format!("comment #{g}: date {:?}, gold {:?}", fc.date, gc.date));
        }
        let want = gc.reply_to.map(|r| m.get(r).copied().flatten());
        let ok = match (fc.reply_to, want) {
            (None, None) => true,
            (Some(x), Some(Some(y))) => x == y,
            _ => false,
        };
        if ok {
            c.reply_correct += 1;
        } else {
            problems.push(format!("comment #{g}: reply_to {:?}, gold {:?}", fc.reply_to, gc.reply_to));
        }
    }
    for (f, fc) in page.comments.iter().enumerate() {
        if !used[f] {
            problems.push(format!("spurious comment #{f} by {:?}: {:?}", fc.author, short(&fc.text)));
        }
    }
    let body = collapse(&page.body.join(" "));
    c.body_sentences = gold.body_contains.len();
    for s in &gold.body_contains {
        if body.contains(&collapse(s)) {
            c.body_found += 1;
        } else {
            problems.push(format!("body lacks {:?}", short(s)));
        }
    }
    c.furniture_strings = gold.furniture.len();
    for f in &gold.furniture {
        let f = collapse(f);
        if f.is_empty() {
            continue;
        }
        let in_comment = page.comments.iter().any(|cm| {
            [Some(&cm.text), cm.title.as_ref(), cm.author.as_ref()].into_iter().flatten().any(|v| collapse(v).contains(&f))
        });
        if body.contains(&f) || in_comment {
            c.furniture_leaks += 1;
            problems.push(format!("furniture leaked: {:?}", short(&f)));
        }
    }
    (c, problems)
}

/// The pages in `dir` that have a gold file, sorted by name.
pub fn gold_pages(dir: &Path) -> Result<Vec<(PathBuf, PathBuf)>, EvalError> {
    let rd = std::fs::read_dir(dir).map_err(|e| EvalError::Dir { path: dir.to_path_buf(), source: e })?;
    let mut v: Vec<(PathBuf, PathBuf)> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            p.is_file() && !name.ends_with(".json") && !name.ends_with(".md")
        })
        .filter_map(|p| {
            let g = p.with_extension("expected.json");
            g.is_file().then_some((p, g))
        })
        .collect();
    v.sort();
    if v.is_empty() {
        return Err(EvalError::NoPages { path: dir.to_path_buf() });
    }
    Ok(v)
}

/// Reads a gold file.
pub fn read_gold(path: &Path) -> Result<Gold, EvalError> {
    let s = std::fs::read_to_string(path).map_err(|e| EvalError::Read { path: path.to_path_buf(), source: e })?;
    serde_json::from_str(&s).map_err(|e| EvalError::Gold { path: path.to_path_buf(), source: e })
}

/// Parses and evaluates every page with a gold file in `dir`.
pub fn evaluate_dir(dir: &Path) -> Result<Report, EvalError> {
    let mut pages = Vec::new();
    let mut total = Counts::default();
    for (page_path, gold_path) in gold_pages(dir)? {
        let gold = read_gold(&gold_path)?;
        let bytes = std::fs::read(&page_path).map_err(|e| EvalError::Read { path: page_path.clone(), source: e })?;
        let name = page_path.to_string_lossy().to_string();
        let page = super::parse(&bytes, &name).map_err(|e| EvalError::Page { path: page_path.clone(), source: e })?;
        let (counts, problems) = evaluate_page(&page, &gold);
        total.add(&counts);
        pages.push(PageEval { page: name, counts, problems });
    }
    Ok(Report { pages, total })
}

impl Report {
    /// A readable table: one line per page, then the totals.
    pub fn render(&self, verbose: bool) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "{:<48} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}\n",
            "page", "gold", "found", "match", "author", "date", "body"
        ));
        for p in &self.pages {
            let c = &p.counts;
            let name = Path::new(&p.page).file_name().and_then(|n| n.to_str()).unwrap_or(&p.page);
            s.push_str(&format!(
                "{:<48} {:>5} {:>5} {:>5} {:>6} {:>6} {:>3}/{:<2}{}\n",
                name,
                c.gold_comments,
                c.found_comments,
                c.matched,
                format!("{}/{}", c.author_correct, c.matched),
                format!("{}/{}", c.date_correct, c.matched),
                c.body_found,
                c.body_sentences,
                if c.furniture_leaks > 0 { format!("  {} furniture leak(s)", c.furniture_leaks) } else { String::new() }
            ));
            if verbose {
                for pr in &p.problems {
                    s.push_str(&format!("    - {pr}\n"));
                }
            }
        }
        let t = &self.total;
        s.push_str(&format!(
            "\n{} pages, {} gold comments, {} found, {} matched (token overlap ≥ {:.0} %)\n",
            t.pages,
            t.gold_comments,
            t.found_comments,
            t.matched,
            MATCH_OVERLAP * 100.0
        ));
        s.push_str(&format!("comment precision {:.3}  recall {:.3}  F1 {:.3}\n", t.precision(), t.recall(), t.f1()));
        s.push_str(&format!(
            "author accuracy {:.3}  date accuracy {:.3}  reply accuracy {:.3}  (of matched comments)\n",
            t.author_accuracy(),
            t.date_accuracy(),
            t.reply_accuracy()
        ));
        s.push_str(&format!(
            "body-sentence recall {:.3} ({}/{})  title accuracy {:.3}  announced-count accuracy {:.3}\n",
            t.body_recall(),
            t.body_found,
            t.body_sentences,
            t.title_accuracy(),
            t.declared_accuracy()
        ));
        s.push_str(&format!(
            "furniture leakage {} of {} furniture strings\n",
            t.furniture_leaks, t.furniture_strings
        ));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_compare_without_an_iso_zone() {
        for (a, b) in [
            ("2026-11-22T18:14:07+01:00", "2026-11-22T18:14:07"),
            ("2026-11-20 17:31:40 UTC", "2026-11-20 17:31:40"),
            ("2026-11-20 18:14:52+01", "2026-11-20 18:14:52"),
            ("2026-11-22T17:14:07Z", "2026-11-22T17:14:07"),
            ("2026-11-22T18:14:07.250-05:00", "2026-11-22T18:14:07.250"),
            ("14.10.2014,  21:47 Uhr", "14.10.2014, 21:47 Uhr"),
        ] {
            assert_eq!(date_key(a), date_key(b), "{a:?} vs {b:?}");
        }
        // Only a zone after an ISO timestamp is left out: other dates and
        // other times stay different.
        for (a, b) in [
            ("2026-11-22T18:14:07+01:00", "2026-11-22T19:14:07"),
            ("2026-11-22T18:14:07+01:00", "2026-11-22"),
            ("14.10.2014, 21:47 Uhr MEZ", "14.10.2014, 21:47 Uhr"),
            ("vor 3 Stunden", "vor 3 Std."),
        ] {
            assert_ne!(date_key(a), date_key(b), "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn overlap_and_matching() {
        assert_eq!(token_overlap("Das ist gut.", "das ist gut"), 1.0);
        assert!(token_overlap("a b c d e", "a b c d e f g h i j") < 0.8);
        assert_eq!(token_overlap("👍", "👍"), 1.0);
        assert_eq!(token_overlap("...", "!!!"), 0.0);
        let gold = vec![
            GoldComment { text: "eins zwei drei vier fünf".into(), ..Default::default() },
            GoldComment { text: "sechs sieben acht neun zehn".into(), ..Default::default() },
        ];
        let found = vec![
            Comment { text: "sechs sieben acht neun zehn".into(), ..Default::default() },
            Comment { text: "eins zwei drei vier".into(), ..Default::default() },
        ];
        assert_eq!(match_comments(&gold, &found), vec![Some(1), Some(0)]);
    }

    #[test]
    fn page_counts() {
        let gold = Gold {
            title: Some("T".into()),
            comments: vec![
                GoldComment { author: Some("A".into()), text: "eins zwei drei vier fünf".into(), ..Default::default() },
                GoldComment { author: Some("B".into()), text: "sechs sieben acht neun".into(), reply_to: Some(0), ..Default::default() },
            ],
            body_contains: vec!["Der Satz.".into(), "Fehlt.".into()],
            furniture: vec!["Newsletter".into()],
            ..Default::default()
        };
        let page = Page {
            title: Some("T".into()),
            body: vec!["Der Satz. Newsletter".into()],
            comments: vec![
                Comment { author: Some("A".into()), text: "eins zwei drei vier fünf".into(), ..Default::default() },
                Comment { author: Some("C".into()), text: "sechs sieben acht neun".into(), reply_to: Some(0), ..Default::default() },
                Comment { text: "etwas anderes".into(), ..Default::default() },
            ],
            ..Default::default()
        };
        let (c, problems) = evaluate_page(&page, &gold);
        assert_eq!((c.matched, c.found_comments, c.author_correct, c.reply_correct), (2, 3, 1, 2));
        assert_eq!((c.body_found, c.body_sentences, c.furniture_leaks), (1, 2, 1));
        assert!(problems.iter().any(|p| p.starts_with("spurious")));
    }
}
