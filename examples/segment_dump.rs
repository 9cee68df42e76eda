//! Checking driver for exact rewrites of the segmenter: parses every page
//! named on standard input (one path a line) in one process and prints one
//! line per page, `path<TAB>json` of the `Page` (or `PANIC`/the error).
//! Diff the output of two builds to show a change is byte-identical.
//!
//!   cargo build --release --example segment_dump
//!   ls tests/fixtures/*.html | ./target/release/examples/segment_dump > before.tsv
//!
//! A path without an extension (a fuzz corpus file) is read as HTML, as the
//! `segment_html` fuzz target does.

use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let path = line.expect("a path per line on standard input");
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let source = if std::path::Path::new(&path).extension().is_some() { path.clone() } else { format!("{path}.html") };
        let shown = match std::panic::catch_unwind(|| comment_radar::page::parse(&data, &source)) {
            Ok(Ok(page)) => serde_json::to_string(&page).expect("a page serializes"),
            Ok(Err(e)) => format!("ERROR {e}"),
            Err(_) => "PANIC".to_string(),
        };
        writeln!(out, "{path}\t{shown}").expect("stdout");
    }
}
