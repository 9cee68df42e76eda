//! Per-page segmentation cost: for each page given on the command line, the
//! bytes, the time per parse over enough rounds to fill ~50 ms, and MB/s;
//! sorted by total time share.
//!
//! Each page is parsed over and over before the next, so its figures are warm
//! (branch predictors and caches trained on that page): about twice what the
//! same pages give when they rotate (`segment_loop`, `cargo bench --bench
//! segment`). Use it to rank pages, not to read the throughput target.
//!
//!   cargo run --release --example segment_pages -- [--rounds N] FILE...
//!
//! `--rounds N` parses each page exactly N times instead of timing it (for
//! callgrind: `--collect-atstart=no --toggle-collect='*segment_pages*timed*'`).

use std::time::Instant;

fn main() {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    let fixed: Option<u32> = match files.iter().position(|a| a == "--rounds") {
        Some(i) => match files.get(i + 1).and_then(|n| n.parse::<u32>().ok()).filter(|&n| n >= 1) {
            Some(n) => {
                files.drain(i..i + 2);
                Some(n)
            }
            None => {
                eprintln!("--rounds needs a whole number of at least 1 after it (e.g. --rounds 5)");
                std::process::exit(2);
            }
        },
        None => None,
    };
    if files.is_empty() {
        eprintln!("no page given: cargo run --release --example segment_pages -- [--rounds N] FILE...");
        std::process::exit(2);
    }
    let mut rows = Vec::new();
    let mut total_b = 0usize;
    let mut total_t = 0f64;
    for f in &files {
        let data = match std::fs::read(f) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{f}: {e}");
                continue;
            }
        };
        let _ = comment_radar::page::parse(&data, f);
        let per = timed(&data, f, fixed);
        total_b += data.len();
        total_t += per;
        rows.push((per, data.len(), f.clone()));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (per, len, f) in &rows {
        println!("{:>8.1} us {:>7} B {:>7.1} MB/s {:>5.1} %  {f}", per * 1e6, len, *len as f64 / per / 1e6, per / total_t * 100.0);
    }
    println!("total {} B in {:.1} us: {:.1} MB/s (warm: each page parsed repeatedly; rotating pages run about half as fast)", total_b, total_t * 1e6, total_b as f64 / total_t / 1e6);
}

/// Parses `data` for ~50 ms, or exactly `fixed` times; seconds per parse.
#[inline(never)]
fn timed(data: &[u8], name: &str, fixed: Option<u32>) -> f64 {
    let t0 = Instant::now();
    let mut n = 0u32;
    while fixed.map_or(t0.elapsed().as_secs_f64() < 0.05, |f| n < f) {
        let _ = comment_radar::page::parse(data, name);
        n += 1;
    }
    t0.elapsed().as_secs_f64() / n as f64
}
