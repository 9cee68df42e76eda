//! Profiling driver: segments the pages of a bench group N times (default
//! 20): the text dumps (tests/fixtures/*.txt plus ../shared/seeds/*.txt), or
//! with a second argument `html` the HTML fixtures (tests/fixtures/*.html).
//! A third argument K parses each page K times in a row before the next one
//! (default 1: the pages rotate, as in the benchmark and in real use).
//!
//! Why K matters: at the same instruction count, parsing each page 50 times
//! in a row ran twice as fast as rotating through the pages (session 12: text
//! 50 vs 23 MB/s). The difference is the branch predictors and caches, which
//! a page warms for itself (callgrind `--branch-sim=yes --cache-sim=yes`:
//! ~11 % of branches mispredicted, a third of the D1 misses in the regex
//! engine's lazy-DFA tables). Throughput targets are read with K = 1.
//!
//!   cargo build --release --example segment_loop
//!   valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*segment_loop*rounds*' \
//!       ./target/release/examples/segment_loop 10        # or: segment_loop 3 html

use std::path::PathBuf;

#[path = "common/pages.rs"]
mod pages;
use pages::read_pages;

fn main() {
    let n: usize = match std::env::args().nth(1) {
        None => 20,
        Some(a) => a.parse().ok().filter(|&n| n >= 1).unwrap_or_else(|| {
            eprintln!("the first argument is the number of rounds, a whole number >= 1 (got {a:?})");
            std::process::exit(2)
        }),
    };
    let ext = std::env::args().nth(2).unwrap_or_else(|| "txt".into());
    let repeat: usize = match std::env::args().nth(3) {
        None => 1,
        Some(k) => k.parse().ok().filter(|&k| k >= 1).unwrap_or_else(|| {
            eprintln!("the third argument is how often each page is parsed in a row, a whole number >= 1 (got {k:?})");
            std::process::exit(2)
        }),
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut pages = read_pages(&root.join("tests/fixtures"), &ext);
    if ext == "txt" {
        pages.extend(read_pages(&root.join("../shared/seeds"), &ext));
    }
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    // One warm-up round compiles the lazily built regexes; the measured
    // rounds run in `rounds` (callgrind: --collect-atstart=no --toggle-collect=*rounds*).
    let warm: usize = pages
        .iter()
        .filter_map(|(name, data)| comment_radar::page::parse(data, name).ok())
        .map(|p| p.body.len() + p.comments.len())
        .sum();
    let found = rounds(&pages, n, repeat);
    assert_eq!(found, warm * n * repeat);
    eprintln!("{} pages, {} bytes, {} rounds, each page {} time(s) in a row, {} items", pages.len(), bytes, n, repeat, found);
}

#[inline(never)]
fn rounds(pages: &[(String, Vec<u8>)], n: usize, repeat: usize) -> usize {
    let mut found = 0usize;
    for _ in 0..n {
        for (name, data) in pages {
            for _ in 0..repeat {
                if let Ok(p) = comment_radar::page::parse(data, name) {
                    found += p.body.len() + p.comments.len();
                }
            }
        }
    }
    found
}
