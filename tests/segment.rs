//! Segmentation tests through the library API (`comment_radar::page::parse`):
//! the five seed pages in ../shared/seeds (third-party text, read by path,
//! never copied), every gold fixture in tests/fixtures, and robustness.

use comment_radar::page::{self, Comment, Page};
use std::path::{Path, PathBuf};

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

/// Line `n` (1-based) of a seed page, trimmed: expectations are read from the
/// seed file itself rather than copied into this repository.
fn seed_line(prefix: &str, n: usize) -> String {
    let path = seed_path(prefix);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().nth(n - 1).unwrap_or_else(|| panic!("{} has no line {n}", path.display())).trim().to_string()
}

fn seed_path(prefix: &str) -> PathBuf {
    let dir = seeds_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!("seed pages missing: cannot read {} ({e}); the seed tests need the shared seeds checked out beside the crate", dir.display())
    });
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
        .collect();
    paths.sort();
    let path = paths
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("seed page {prefix}_* missing in {}", dir.display()));
    path
}

fn seed(prefix: &str) -> Page {
    let path = seed_path(prefix);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    page::parse(&bytes, &path.to_string_lossy()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn body_text(p: &Page) -> String {
    collapse(&p.body.join(" "))
}

fn assert_not_in_body(p: &Page, needles: &[&str]) {
    let body = body_text(p);
    for n in needles {
        assert!(!body.contains(n), "{}: furniture {n:?} found in body:\n{:#?}", p.source, p.body);
    }
}

fn assert_no_comments(p: &Page) {
    assert!(p.comments.is_empty(), "{}: expected no comments, got {:#?}", p.source, p.comments);
}

#[test]
fn seed_000_one_comment_without_author() {
    let p = seed("000");
    assert_eq!(p.comments.len(), 1, "{:#?}", p.comments);
    let c = &p.comments[0];
    assert_eq!(c.author, None);
    assert_eq!(c.date, None);
    assert_eq!(c.reply_to, None);
    let title = c.title.as_deref().expect("the bullet line is the comment title");
    assert!(title.starts_with("Russland und USA"), "title {title:?}");
    assert!(c.text.trim_end().ends_with("Basta"), "text {:?}", c.text);
    assert!(!c.text.contains("Serviceangebote"));
    assert!(c.text.lines().count() >= 3, "the indented paragraphs belong to the comment: {:?}", c.text);
    assert_eq!(p.declared_comments, Some(1));
    assert!(p.title.as_deref().is_some_and(|t| t.starts_with("Geheimdienst-Kooperation")), "title {:?}", p.title);
    assert_not_in_body(&p, &["Benachrichtigung aktivieren", "Jetzt Aktivieren", "Nein, danke", "Serviceangebote", "Startseite", "Kommentar"]);
    assert!(body_text(&p).contains("Im Kampf gegen die Extremistenorganisation"));
    assert!(body_text(&p).contains("an der Ausbildung von"));
}

#[test]
fn seed_001_forum_teasers_are_not_comments() {
    let p = seed("001");
    assert_no_comments(&p);
    assert_eq!(p.title.as_deref(), Some(seed_line("001", 3).as_str()), "the headline (line 3), not the kicker above it");
    assert_not_in_body(
        &p,
        &["Lesen Sie hier mehr zum Thema", "mehr lesen", "Forum Teaser", "keinschaf", "Wladiwostok", "wetter", "Wetter", "°C", "Kreditrechner", "Kommentieren Sie"],
    );
    let body = body_text(&p);
    assert!(body.contains("Im Kampf gegen die Extremistenorganisation"));
    assert!(body.contains("Mailand angekündigt."), "the article's last paragraph is body");
}

#[test]
fn seed_002_five_numbered_comments() {
    let p = seed("002");
    let authors: Vec<_> = p.comments.iter().map(|c| c.author.clone().unwrap_or_default()).collect();
    assert_eq!(authors, ["joG", "spon-facebook-10000122439", "Gerixxx", "DieterFr", "humorrid"], "{:#?}", p.comments);
    for c in &p.comments {
        assert_eq!(c.date.as_deref(), Some("15.10.2014"));
        assert_eq!(c.reply_to, None);
        let t = c.title.as_deref().unwrap_or("");
        assert!(!t.is_empty() && !t.starts_with(|ch: char| ch.is_ascii_digit()), "title with numbering: {t:?}");
        assert!(!c.text.is_empty());
    }
    assert_eq!(p.comments[0].title.as_deref(), Some("Die Ukraine ist ein. ..."));
    assert_eq!(p.declared_comments, Some(31));
    assert_eq!(p.title.as_deref(), Some(seed_line("002", 1).as_str()), "the headline is the first line");
    let last = &p.comments[4].text;
    for f in ["Alle Kommentare", "Seite 1", "Diskussion geschlossen", "Rechte vorbehalten", "SPIEGEL", "Homepage"] {
        assert!(!last.contains(f), "{f:?} in the last comment: {last:?}");
    }
    assert_not_in_body(&p, &["insgesamt 31", "Alle Kommentare", "REUTERS", "Rechte vorbehalten", "Homepage"]);
    assert!(body_text(&p).contains("Poltorak ist der vierte"));
}

#[test]
fn seed_003_teasers_after_article() {
    let p = seed("003");
    assert_no_comments(&p);
    assert_eq!(p.title.as_deref(), Some(seed_line("003", 3).as_str()), "the headline (line 3), not the section label above it");
    assert_not_in_body(&p, &["DWN", "26.07.2024", "Chefredakteur", "KaDeWe", "Cookies", "Lesezeit", "Mehr zum Thema"]);
    let body = body_text(&p);
    assert!(body.contains("Generalstabschefs der Türkei"));
    assert!(body.contains("mit der die Türkei verfeindet ist."));
}

#[test]
fn seed_004_related_blocks_dropped() {
    let p = seed("004");
    assert_no_comments(&p);
    assert!(p.title.as_deref().is_some_and(|t| t.starts_with("Syrien-Krise")), "title {:?}", p.title);
    assert_not_in_body(&p, &["Weitere Themen", "Topmeldungen", "Newsletter", "Boris Johnson", "Hitzewelle", "faz.net", "Bild: Reuters"]);
    let body = body_text(&p);
    assert!(body.contains("Strittig blieb aber die künftige Rolle"));
    assert!(body.contains("Am Montagabend hatten sich"));
}

// ---------------------------------------------------------------------------
// Gold fixtures

#[derive(serde::Deserialize)]
struct Gold {
    title: Option<String>,
    #[serde(default)]
    declared_comments: Option<usize>,
    comments: Vec<GoldComment>,
    #[serde(default)]
    body_contains: Vec<String>,
    #[serde(default)]
    furniture: Vec<String>,
}

#[derive(serde::Deserialize)]
struct GoldComment {
    author: Option<String>,
    date: Option<String>,
    title: Option<String>,
    text: String,
    reply_to: Option<usize>,
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(collapse)
}

fn show(c: &Comment) -> String {
    let mut t = collapse(&c.text);
    if t.chars().count() > 70 {
        t = t.chars().take(70).collect::<String>() + "…";
    }
    format!("author={:?} date={:?} title={:?} reply_to={:?} text={t:?}", c.author, c.date, c.title, c.reply_to)
}

/// Compares a parsed page with its gold file; returns the mismatches.
fn check_fixture(name: &str, page: &Page, gold: &Gold) -> Vec<String> {
    let mut errs = Vec::new();
    if opt(&page.title) != opt(&gold.title) {
        errs.push(format!("title: got {:?}, want {:?}", page.title, gold.title));
    }
    if page.declared_comments != gold.declared_comments {
        errs.push(format!("declared_comments: got {:?}, want {:?}", page.declared_comments, gold.declared_comments));
    }
    if page.comments.len() != gold.comments.len() {
        errs.push(format!("comment count: got {}, want {}", page.comments.len(), gold.comments.len()));
    }
    for (i, g) in gold.comments.iter().enumerate() {
        let Some(c) = page.comments.get(i) else {
            errs.push(format!("comment #{i} missing (want author={:?} text={:?})", g.author, collapse(&g.text)));
            continue;
        };
        let mut diffs = Vec::new();
        if opt(&c.author) != opt(&g.author) {
            diffs.push(format!("author {:?} != {:?}", c.author, g.author));
        }
        if c.date != g.date {
            diffs.push(format!("date {:?} != {:?}", c.date, g.date));
        }
        if opt(&c.title) != opt(&g.title) {
            diffs.push(format!("title {:?} != {:?}", c.title, g.title));
        }
        if collapse(&c.text) != collapse(&g.text) {
            diffs.push(format!("text\n        got:  {:?}\n        want: {:?}", collapse(&c.text), collapse(&g.text)));
        }
        if c.reply_to != g.reply_to {
            diffs.push(format!("reply_to {:?} != {:?}", c.reply_to, g.reply_to));
        }
        if !diffs.is_empty() {
            errs.push(format!("comment #{i}: {}", diffs.join("; ")));
        }
    }
    for (i, c) in page.comments.iter().enumerate().skip(gold.comments.len()) {
        errs.push(format!("extra comment #{i}: {}", show(c)));
    }
    let body = body_text(page);
    for s in &gold.body_contains {
        if !body.contains(&collapse(s)) {
            errs.push(format!("body lacks {s:?}"));
        }
    }
    for f in &gold.furniture {
        let f = collapse(f);
        if body.contains(&f) {
            errs.push(format!("furniture {f:?} in body"));
        }
        for (i, c) in page.comments.iter().enumerate() {
            for (what, v) in [("text", Some(c.text.clone())), ("title", c.title.clone()), ("author", c.author.clone())] {
                if v.as_deref().is_some_and(|v| collapse(v).contains(&f)) {
                    errs.push(format!("furniture {f:?} in comment #{i} {what}"));
                }
            }
        }
    }
    if !errs.is_empty() {
        errs.insert(0, format!("fixture {name}:"));
        if page.comments.len() != gold.comments.len() {
            errs.push("  parsed comments:".into());
            errs.extend(page.comments.iter().enumerate().map(|(i, c)| format!("    #{i} {}", show(c))));
        }
    }
    errs
}

fn fixture_pages() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        !name.ends_with(".json") && !name.ends_with(".md") && p.with_extension("expected.json").exists()
    });
    v.sort();
    v
}

#[test]
fn fixtures_match_gold_files() {
    let pages = fixture_pages();
    let mut failures = Vec::new();
    for path in &pages {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_string();
        let gold_path = path.with_extension("expected.json");
        let gold: Gold = match std::fs::read_to_string(&gold_path).map_err(|e| e.to_string()).and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string())) {
            Ok(g) => g,
            Err(e) => {
                failures.push(format!("fixture {name}: cannot read gold file {}: {e}", gold_path.display()));
                continue;
            }
        };
        let bytes = std::fs::read(path).unwrap_or_default();
        let page = match page::parse(&bytes, &path.to_string_lossy()) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("fixture {name}: parse error {e}"));
                continue;
            }
        };
        failures.extend(check_fixture(&name, &page, &gold));
    }
    let failed = failures.iter().filter(|l| l.starts_with("fixture ")).count();
    assert!(failures.is_empty(), "{failed} of {} fixtures fail:\n{}", pages.len(), failures.join("\n"));
}

// ---------------------------------------------------------------------------
// Robustness: no input panics.

#[test]
fn robustness_no_panics() {
    let long_line = "Wort ".repeat(200_000);
    let mut inputs: Vec<(Vec<u8>, &str)> = vec![
        (b"".to_vec(), "empty.txt"),
        (b"   \n\n\t".to_vec(), "blank.txt"),
        (b"Eine Zeile".to_vec(), "one.txt"),
        ("Startseite\nImpressum | Datenschutz | AGB\nCookies akzeptieren\nNewsletter\n© 2024".as_bytes().to_vec(), "furniture.txt"),
        (long_line.clone().into_bytes(), "long.txt"),
        (format!("31 Kommentare\n{long_line}\n").into_bytes(), "longc.txt"),
        ("1 Kommentar\n  • ä\n    ö\n  •\n•\n#\n1.\n@\n@@ x\nAntwort auf \n".as_bytes().to_vec(), "odd.txt"),
        ("<html><body><div class=\"comment\"><div class=\"comment\"></div></div>".as_bytes().to_vec(), "x.html"),
        ("<article><p>ä".as_bytes().to_vec(), "y.html"),
        (format!("<html><body>{}</body></html>", "<div>".repeat(5000)).into_bytes(), "deep.html"),
    ];
    // Deterministic pseudo-random bytes.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for k in 0..40 {
        let len = 1 + (k * 97) % 3000;
        let mut v = Vec::with_capacity(len);
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            v.push((state >> 24) as u8);
        }
        inputs.push((v, if k % 2 == 0 { "r.txt" } else { "r.html" }));
    }
    // Random printable text with comment-ish tokens mixed in.
    let tokens = ["Kommentare", "31", "vor", "3", "Stunden", "•", "  ", "\n", "Antwort auf", "@", "15.10.2014", "ä", "€", "...", "1.", "<div class=\"comment\">", "</div>", "<p>", "Mehr zum Thema", "Antworten"];
    for k in 0..60 {
        let mut s = String::new();
        for _ in 0..300 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            s.push_str(tokens[(state % tokens.len() as u64) as usize]);
            s.push(' ');
        }
        inputs.push((s.into_bytes(), if k % 2 == 0 { "t.txt" } else { "t.html" }));
    }
    for (bytes, name) in inputs {
        let _ = page::parse(&bytes, name);
    }
}

/// Prints the parse of the page named by $SEG_DUMP (debugging aid).
#[test]
#[ignore]
fn dump() {
    if let Ok(path) = std::env::var("SEG_DUMP") {
        let bytes = std::fs::read(&path).expect("SEG_DUMP file");
        let p = page::parse(&bytes, &path).expect("parse");
        println!("{}", serde_json::to_string_pretty(&p).unwrap_or_default());
    }
}


/// The figures `comment-radar segment --eval tests/fixtures` prints, held to
/// the acceptance thresholds (the exact comparison above is stricter).
#[test]
fn fixture_eval_meets_thresholds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let report = page::eval::evaluate_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    let t = &report.total;
    let html = report.pages.iter().filter(|p| p.page.ends_with(".html")).count();
    assert!(t.pages >= 24 && html >= 8, "{} pages, {html} HTML", t.pages);
    assert!(t.f1() >= 0.95, "comment F1 {:.3}\n{}", t.f1(), report.render(true));
    assert!(t.body_recall() >= 0.95, "body-sentence recall {:.3}\n{}", t.body_recall(), report.render(true));
    assert_eq!(t.furniture_leaks, 0, "{}", report.render(true));
}
