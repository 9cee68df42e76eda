//! The editor's report on the seed pages (../shared/seeds, read by path):
//! what the HTML shows, the language and number format, thresholds, the JSON
//! against docs/report.schema.json, the CSV, and a real browser rendering
//! (headless Chromium: visible text, sorting script, screenshots).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds_dir() -> PathBuf {
    let dir = root().join("../shared/seeds");
    assert!(dir.is_dir(), "{} is missing: the report tests read the seed pages from ../shared", dir.display());
    dir
}

/// Runs `report` on the seeds into a fresh folder; returns the folder.
fn report(args: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_comment-radar"))
        .current_dir(root())
        .arg("report")
        .arg(seeds_dir())
        .args(["--out", out.path().to_str().unwrap()])
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "report failed: {}", String::from_utf8_lossy(&o.stderr));
    out
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The slug of the seed whose comments include `author` (found in the JSON, not by file name).
fn slug_with_author(dir: &Path, author: &str) -> String {
    let ix: Value = serde_json::from_str(&read(dir, "index.json")).unwrap();
    for a in ix["articles"].as_array().unwrap() {
        let slug = a["slug"].as_str().unwrap();
        let art: Value = serde_json::from_str(&read(dir, &format!("{slug}.json"))).unwrap();
        if art["page"]["comments"].as_array().unwrap().iter().any(|c| c["author"] == author) {
            return slug.to_string();
        }
    }
    panic!("no article has a comment by {author}");
}

/// Visible text of an HTML document: tags, style and script removed, entities decoded.
fn visible_text(html: &str) -> String {
    let re_block = regex::Regex::new(r"(?s)<(style|script|title)[^>]*>.*?</(style|script|title)>").unwrap();
    let re_tag = regex::Regex::new(r"(?s)<[^>]+>").unwrap();
    let s = re_block.replace_all(html, " ");
    let s = re_tag.replace_all(&s, " ");
    let s = s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Rows of the first table following the heading that contains `heading`.
fn table_after<'a>(html: &'a str, heading: &str) -> &'a str {
    let h = html.find(heading).unwrap_or_else(|| panic!("no heading {heading}"));
    let rest = &html[h..];
    let end = rest.find("</table>").unwrap();
    &rest[..end]
}

#[test]
fn seed_report_has_index_five_articles_and_the_spiegel_comments() {
    let out = report(&["--format", "html,json"]);
    let d = out.path();
    let html: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".html"))
        .collect();
    assert!(html.contains(&"index.html".to_string()));
    assert_eq!(html.len(), 6, "index and five article pages: {html:?}");

    let spiegel = slug_with_author(d, "Gerixxx");
    let page = read(d, &format!("{spiegel}.html"));
    let text = visible_text(&page);
    for a in ["joG", "spon-facebook-10000122439", "Gerixxx", "DieterFr", "humorrid"] {
        assert!(text.contains(&format!("{a} 15.10.2014")), "{a} with date missing in the review queue: {text}");
    }
    assert!(text.starts_with("← Übersicht USA und Russland"), "{}", &text[..80]);
    assert!(text.contains("5 Kommentare"), "summary line");
    assert!(text.contains("Prüfliste") && text.contains("Diskussion"));

    // the page's conspiracy ranking: Gerixxx first, cue words highlighted
    let ranking = table_after(&page, "Rangliste: Verschwörungserzählung");
    let first = ranking.split("<tr>").nth(2).unwrap();
    assert!(first.contains("Gerixxx"), "{first}");
    assert!(first.contains("<mark class=\"h1\""), "Gerixxx's cue words are highlighted: {first}");

    // the run-wide conspiracy queue on the index: Handelsblatt first, Gerixxx second
    let index = read(d, "index.html");
    let queue = table_after(&index, "Rangliste: Verschwörungserzählung");
    let rows: Vec<&str> = queue.split("<tr>").skip(2).collect();
    let hb = slug_with_author_none(d);
    assert!(rows[0].contains(&format!("{hb}.html#c1")), "Handelsblatt comment on top: {}", rows[0]);
    assert!(rows[1].contains("Gerixxx"), "Gerixxx second: {}", rows[1]);
    for r in &rows[..2] {
        assert!(r.matches("<mark").count() >= 3, "cue words highlighted: {r}");
    }
}

/// The slug of the seed whose only comment has no author (Handelsblatt's layout).
fn slug_with_author_none(dir: &Path) -> String {
    let ix: Value = serde_json::from_str(&read(dir, "index.json")).unwrap();
    ix["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["site"] == "handelsblatt.com")
        .map(|a| a["slug"].as_str().unwrap().to_string())
        .expect("an article from handelsblatt.com")
}

#[test]
fn html_is_self_contained_and_accessible() {
    let out = report(&["--format", "html"]);
    let external = regex::Regex::new(r#"(?i)(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:|//|ftp:|file:)|url\(|@import|<link\b|<iframe\b|<img\b"#).unwrap();
    for e in std::fs::read_dir(out.path()).unwrap() {
        let p = e.unwrap().path();
        let html = std::fs::read_to_string(&p).unwrap();
        assert!(!external.is_match(&html), "{} loads something from outside: {:?}", p.display(), external.find(&html));
        assert!(!html.contains("http://") && !html.contains("https://"), "{} names an URL", p.display());
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"), "{}", p.display());
        assert!(html.contains("@media print") && html.contains("size:A4"));
        // every table has column headers
        assert_eq!(html.matches("<table").count(), html.matches("<thead>").count(), "{}", p.display());
        // every chart has a title for screen readers
        assert_eq!(html.matches("<svg").count(), html.matches("role=\"img\" aria-labelledby").count());
    }
}

#[test]
fn english_interface_and_number_formats() {
    let de = report(&["--format", "html,md"]);
    let en = report(&["--format", "html,md", "--lang", "en"]);
    let sp = slug_with_author_html(de.path());
    let de_text = visible_text(&read(de.path(), &format!("{sp}.html")));
    let en_text = visible_text(&read(en.path(), &format!("{sp}.html")));
    assert!(de_text.contains("Verschwörungserzählung") && de_text.contains("behalten"), "{de_text}");
    assert!(en_text.contains("Review queue") && en_text.contains("5 comments") && en_text.contains("keep"), "{en_text}");
    assert!(!en_text.contains("Prüfliste"));
    // German decimal comma, English decimal point
    let num_de = regex::Regex::new(r"\b0,\d\d\b").unwrap();
    let num_en = regex::Regex::new(r"\b0\.\d\d\b").unwrap();
    assert!(num_de.is_match(&de_text) && !num_de.is_match(&en_text));
    assert!(num_en.is_match(&en_text));
    let idx = visible_text(&read(de.path(), "index.html"));
    assert!(regex::Regex::new(r"\d+\u{a0}%").unwrap().is_match(&read(de.path(), "index.html")), "German percent with a space");
    assert!(idx.contains("Artikel") && idx.contains("Gesamt"));
    let md = read(de.path(), "index.md");
    assert!(md.contains("Moderationsbericht"), "{md}");
}

fn slug_with_author_html(dir: &Path) -> String {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "html") && std::fs::read_to_string(&p).unwrap().contains("Gerixxx") && !p.ends_with("index.html") {
            return p.file_stem().unwrap().to_string_lossy().to_string();
        }
    }
    panic!("no page with Gerixxx");
}

#[test]
fn thresholds_can_be_overridden_and_bad_values_are_explained() {
    // everything to review
    let out = report(&["--format", "json", "--review-at", "0"]);
    let ix: Value = serde_json::from_str(&read(out.path(), "index.json")).unwrap();
    // (comments above a head's remove_at stay "remove", the stronger recommendation)
    let t = &ix["totals"];
    assert_eq!(t["review"].as_u64().unwrap() + t["remove"].as_u64().unwrap(), t["comments"].as_u64().unwrap(), "{t}");
    assert!(t["review"].as_u64().unwrap() > 0);
    assert_eq!(ix["thresholds"][0]["review_source"], "override");
    // removal for conspiracy only, from just below the top comment's score: the top
    // comment of the conspiracy queue is to be removed, the next one (lower) is not
    let out = report(&["--format", "json"]);
    let ix: Value = serde_json::from_str(&read(out.path(), "index.json")).unwrap();
    let q = ix["queues"].as_array().unwrap().iter().find(|q| q["head"] == "conspiracy").unwrap();
    let top = q["comments"][0]["score"].as_f64().unwrap();
    let second = q["comments"][1]["score"].as_f64().unwrap();
    assert!(top > second, "the queue is sorted by score: {top} {second}");
    let at = format!("conspiracy={}", (top + second) / 2.0);
    let out = report(&["--format", "json", "--remove-at", &at]);
    let ix: Value = serde_json::from_str(&read(out.path(), "index.json")).unwrap();
    let q = ix["queues"].as_array().unwrap().iter().find(|q| q["head"] == "conspiracy").unwrap();
    assert_eq!(q["comments"][0]["action"], "remove");
    assert_ne!(q["comments"][1]["action"], "remove");
    let inc = ix["thresholds"].as_array().unwrap().iter().find(|t| t["head"] == "incivility").unwrap();
    assert_ne!(inc["remove_source"], "override");

    for (args, needle) in [
        (vec!["--review-at", "hate=0.5"], "no binary head 'hate'"),
        (vec!["--remove-at", "1.5"], "between 0 and 1"),
        (vec!["--lang", "fr"], "choose de"),
        (vec!["--format", "pdf"], "html, md, json, csv"),
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_comment-radar"))
            .current_dir(root())
            .arg("report")
            .arg(seeds_dir())
            .args(["--out", tempfile::tempdir().unwrap().path().to_str().unwrap()])
            .args(&args)
            .output()
            .unwrap();
        assert!(!o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn csv_has_every_scored_comment() {
    let out = report(&["--format", "csv,json"]);
    let ix: Value = serde_json::from_str(&read(out.path(), "index.json")).unwrap();
    let mut r = csv::Reader::from_path(out.path().join("comments.csv")).unwrap();
    let headers = r.headers().unwrap().clone();
    for h in ["article", "author", "date", "text", "action", "conspiracy_score", "conspiracy_action", "conspiracy_cues", "stance"] {
        assert!(headers.iter().any(|x| x == h), "column {h} missing: {headers:?}");
    }
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len() as u64, ix["totals"]["comments"].as_u64().unwrap());
    let ai = headers.iter().position(|x| x == "author").unwrap();
    assert!(rows.iter().any(|row| &row[ai] == "Gerixxx"));
}

// ---- JSON Schema (the subset docs/report.schema.json uses) ----

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        _ => false,
    }
}

fn validate(schema: &Value, root: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/$defs/").unwrap_or_else(|| panic!("unsupported $ref {r}"));
        validate(&root["$defs"][name], root, v, path, errors);
    }
    if let Some(t) = schema.get("type") {
        let ok = match t {
            Value::String(s) => type_ok(s, v),
            Value::Array(ts) => ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)),
            _ => true,
        };
        if !ok {
            errors.push(format!("{path}: expected type {t}, got {v}"));
            return;
        }
    }
    if let Some(c) = schema.get("const") {
        if c != v {
            errors.push(format!("{path}: expected {c}, got {v}"));
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            errors.push(format!("{path}: {v} not in {e:?}"));
        }
    }
    if let Some(x) = v.as_f64() {
        if schema.get("minimum").and_then(Value::as_f64).is_some_and(|m| x < m) {
            errors.push(format!("{path}: {x} below minimum"));
        }
        if schema.get("maximum").and_then(Value::as_f64).is_some_and(|m| x > m) {
            errors.push(format!("{path}: {x} above maximum"));
        }
    }
    if let Some(alts) = schema.get("oneOf").and_then(Value::as_array) {
        let passing = alts
            .iter()
            .filter(|a| {
                let mut e = Vec::new();
                validate(a, root, v, path, &mut e);
                e.is_empty()
            })
            .count();
        if passing != 1 {
            errors.push(format!("{path}: matches {passing} of the oneOf alternatives"));
        }
    }
    if let Some(obj) = v.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for req in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            if !obj.contains_key(req.as_str().unwrap()) {
                errors.push(format!("{path}: required property {req} missing"));
            }
        }
        for (k, x) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(s, root, x, &format!("{path}.{k}"), errors),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{path}: property {k} is not in the schema"))
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, x) in arr.iter().enumerate() {
            validate(items, root, x, &format!("{path}[{i}]"), errors);
        }
    }
}

#[test]
fn json_reports_validate_against_the_documented_schema() {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(root().join("docs/report.schema.json")).unwrap()).unwrap();
    let out = report(&["--format", "json"]);
    let mut n = 0;
    for e in std::fs::read_dir(out.path()).unwrap() {
        let p = e.unwrap().path();
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let mut errors = Vec::new();
        validate(&schema, &schema, &v, "$", &mut errors);
        assert!(errors.is_empty(), "{}: {errors:#?}", p.display());
        n += 1;
    }
    assert_eq!(n, 6);
    // the validator does reject: a wrong action and a missing field
    let mut bad: Value = serde_json::from_str(&read(out.path(), "index.json")).unwrap();
    bad["queues"][1]["comments"][0]["action"] = Value::from("delete");
    bad.as_object_mut().unwrap().remove("totals");
    let mut errors = Vec::new();
    validate(&schema, &schema, &bad, "$", &mut errors);
    assert!(!errors.is_empty());
}

// ---- real browser ----

fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::var("PATH").unwrap_or_default().split(':') {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!("Chromium is not installed: `apt-get install -y chromium` (CI's .ci/run installs it)");
}

/// Runs headless Chromium with the given arguments (fresh profile, no network), killing it after 90 s.
fn run_chromium(args: &[String]) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium())
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--disable-dev-shm-usage"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start chromium");
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.wait_with_output().unwrap()
}

fn png_size(path: &Path) -> (u32, u32) {
    let b = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(&b[..8], b"\x89PNG\r\n\x1a\n", "{} is not a PNG", path.display());
    let be = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    (be(16), be(20))
}

#[test]
fn chromium_renders_the_report() {
    let out = report(&["--format", "html,json"]);
    let d = out.path();
    let spiegel = slug_with_author(d, "Gerixxx");
    let url = |name: &str| format!("file://{}", d.join(name).display());

    // the DOM after scripts: the index table became sortable, the text is there
    let o = run_chromium(&["--dump-dom".into(), url("index.html")]);
    let dom = String::from_utf8_lossy(&o.stdout);
    assert!(dom.contains("<th scope=\"col\"><button type=\"button\">Artikel</button></th>"), "the sort script ran: {}", &dom[..dom.len().min(3000)]);
    let text = visible_text(&dom);
    assert!(text.contains("5 Artikel, 6 Kommentare"), "{text}");
    assert!(text.contains("Rangliste: Verschwörungserzählung"));

    let o = run_chromium(&["--dump-dom".into(), url(&format!("{spiegel}.html"))]);
    let text = visible_text(&String::from_utf8_lossy(&o.stdout));
    for a in ["joG", "Gerixxx", "DieterFr", "humorrid", "spon-facebook-10000122439"] {
        assert!(text.contains(a), "{a} not visible: {text}");
    }
    assert!(text.contains("Auf einen Blick") && text.contains("prüfen ab"), "charts with thresholds");

    // screenshots; UPDATE_SCREENSHOTS=1 writes them to docs/ for the README
    let shots = if std::env::var_os("UPDATE_SCREENSHOTS").is_some() { root().join("docs") } else { d.to_path_buf() };
    for (page, file, height) in [("index.html".to_string(), "report-index.png", 1300), (format!("{spiegel}.html"), "report-article.png", 2900)] {
        let png = shots.join(file);
        let o = run_chromium(&[format!("--screenshot={}", png.display()), format!("--window-size=1280,{height}"), url(&page)]);
        assert!(png.is_file(), "no screenshot: {}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(png_size(&png), (1280, height));
        assert!(std::fs::metadata(&png).unwrap().len() > 30_000, "{file} looks empty");
    }
}
