//! Segmentation throughput per corpus, with the pages rotating: the text
//! dumps of three corpora are parsed in one rotation (as `segment_loop` and
//! `cargo bench --bench segment` do), each parse timed, and MB/s printed per
//! corpus, so that every corpus is measured with the branch predictors and
//! caches as cold as the other corpora's layouts leave them:
//!
//! - `seeds`: the real scraped pages in ../shared/seeds (five sites);
//! - `examples`: our own article pages in examples/pages (realistic news
//!   pages with a comment section, written by us);
//! - `fixtures`: tests/fixtures, the layout zoo (one exotic layout a page,
//!   short lines; ~62 bytes a non-blank line against ~115 on the seeds).
//!
//! The segmenter's cost is mostly per line (DESIGN.md, "Session 14: the
//! throughput target by corpus"), so MB/s depends on the corpus's line
//! lengths; the target (≥ 50 MB/s for text dumps) is read on each.
//!
//!   cargo run --release --example segment_corpora -- [ROUNDS] [--pages]
//!
//! ROUNDS defaults to 200; `--pages` also prints each page's figure.

use std::path::PathBuf;
use std::time::Instant;

#[path = "common/pages.rs"]
mod pages;
use pages::read_pages;

fn main() {
    let mut rounds = 200usize;
    let mut per_page = false;
    for a in std::env::args().skip(1) {
        if a == "--pages" {
            per_page = true;
        } else {
            rounds = a.parse().ok().filter(|&n| n >= 1).unwrap_or_else(|| {
                eprintln!("usage: segment_corpora [ROUNDS >= 1] [--pages] (got {a:?})");
                std::process::exit(2)
            });
        }
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpora = ["seeds", "examples", "fixtures"];
    let mut pages: Vec<(usize, String, Vec<u8>)> = Vec::new();
    for (k, dir) in [root.join("../shared/seeds"), root.join("examples/pages"), root.join("tests/fixtures")].iter().enumerate() {
        pages.extend(read_pages(dir, "txt").into_iter().map(|(n, d)| (k, n, d)));
    }
    // One warm-up round builds the lazily compiled regexes.
    for (_, name, data) in &pages {
        std::hint::black_box(comment_radar::page::parse(data, name).ok());
    }
    let mut secs = vec![0f64; pages.len()];
    for _ in 0..rounds {
        for (k, (_, name, data)) in pages.iter().enumerate() {
            let t = Instant::now();
            std::hint::black_box(comment_radar::page::parse(data, name).ok());
            secs[k] += t.elapsed().as_secs_f64();
        }
    }
    let mbs = |bytes: usize, s: f64| bytes as f64 * rounds as f64 / s / 1e6;
    println!("{rounds} rounds, pages rotating through all three corpora");
    for (c, label) in corpora.iter().enumerate() {
        let idx: Vec<usize> = (0..pages.len()).filter(|&k| pages[k].0 == c).collect();
        let bytes: usize = idx.iter().map(|&k| pages[k].2.len()).sum();
        let lines: usize = idx.iter().map(|&k| pages[k].2.split(|&b| b == b'\n').filter(|l| l.iter().any(|b| !b.is_ascii_whitespace())).count()).sum();
        let s: f64 = idx.iter().map(|&k| secs[k]).sum();
        println!("{label:>9}: {:>3} pages, {bytes:>7} B, {:>5.1} B a non-blank line, {:>6.1} MB/s", idx.len(), bytes as f64 / lines.max(1) as f64, mbs(bytes, s));
        if per_page {
            for &k in &idx {
                println!("           {:>6.1} MB/s  {}", mbs(pages[k].2.len(), secs[k]), pages[k].1);
            }
        }
    }
    let bytes: usize = pages.iter().map(|p| p.2.len()).sum();
    println!("      all: {:>3} pages, {bytes:>7} B, {:>6.1} MB/s", pages.len(), mbs(bytes, secs.iter().sum()));
}
