//! Probe for where the rotating parse time goes (speed24): the pages of the
//! corpora named on the command line are parsed in one rotation, as in
//! `segment_corpora`, but each corpus's parses go through a function of its
//! own (`probe_seeds`, `probe_examples`, `probe_fixtures`), so that
//! callgrind (with `--cache-sim=yes --branch-sim=yes`) attributes inclusive
//! instructions, cache misses and mispredicts to each corpus. With only
//! `examples` named, the two article pages alternate: the near-warm case.
//!
//!   valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes \
//!     ./target/release/examples/rotation_probe ROUNDS seeds examples fixtures
//!
//! It also prints MB/s per corpus (each parse timed), and between two parses
//! (untimed) it can disturb one kind of machine state, to tell which one the
//! rotation loses: `--evict KB` writes over a buffer of KB kilobytes (the
//! data and unified caches: L2 is 2 MiB a core here), `--scramble N` runs N
//! conditional branches on pseudo-random bits (the branch predictor's
//! history tables), with little code and data of its own.

use std::path::PathBuf;

#[path = "common/pages.rs"]
mod pages;
use pages::read_pages;

#[inline(never)]
fn probe_seeds(data: &[u8], name: &str) {
    std::hint::black_box(0u8); // keeps the three functions apart (no merging)
    std::hint::black_box(comment_radar::page::parse(data, name).ok());
}
#[inline(never)]
fn probe_examples(data: &[u8], name: &str) {
    std::hint::black_box(1u8); // keeps the three functions apart (no merging)
    std::hint::black_box(comment_radar::page::parse(data, name).ok());
}
#[inline(never)]
fn probe_fixtures(data: &[u8], name: &str) {
    std::hint::black_box(2u8); // keeps the three functions apart (no merging)
    std::hint::black_box(comment_radar::page::parse(data, name).ok());
}

/// N conditional branches on xorshift bits: fills the predictor's tables
/// with histories of no use to the parser.
#[inline(never)]
fn scramble(n: usize, seed: &mut u64) -> u64 {
    let mut acc = 0u64;
    for _ in 0..n {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        if *seed & 1 == 1 {
            acc = acc.wrapping_add(*seed);
        } else if *seed & 2 == 2 {
            acc ^= *seed >> 3;
        }
    }
    acc
}

fn main() {
    let mut all: Vec<String> = std::env::args().skip(1).collect();
    let mut opt = |flag: &str| -> usize {
        let Some(i) = all.iter().position(|a| a == flag) else {
            return 0;
        };
        let v = all.get(i + 1).and_then(|v| v.parse().ok()).unwrap_or_else(|| {
            eprintln!("usage: rotation_probe ... {flag} NUMBER (got {:?})", all.get(i + 1));
            std::process::exit(2)
        });
        all.drain(i..(i + 2).min(all.len()));
        v
    };
    let evict_kb = opt("--evict");
    let scramble_n = opt("--scramble");
    let mut args = all.into_iter();
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut pages: Vec<(fn(&[u8], &str), String, Vec<u8>)> = Vec::new();
    let mut corpus_of = Vec::new();
    let mut names = Vec::new();
    for c in args {
        let (dir, f): (PathBuf, fn(&[u8], &str)) = match c.as_str() {
            "seeds" => (root.join("../shared/seeds"), probe_seeds),
            "examples" => (root.join("examples/pages"), probe_examples),
            "fixtures" => (root.join("tests/fixtures"), probe_fixtures),
            _ => {
                eprintln!("usage: rotation_probe [ROUNDS] [seeds] [examples] [fixtures] [--evict KB] [--scramble N] (unknown corpus {c:?})");
                std::process::exit(2)
            }
        };
        let read = read_pages(&dir, "txt");
        corpus_of.extend(std::iter::repeat_n(names.len(), read.len()));
        names.push(c);
        pages.extend(read.into_iter().map(|(n, d)| (f, n, d)));
    }
    // Warm-up round (lazily compiled regexes), outside the probe functions.
    for (_, name, data) in &pages {
        std::hint::black_box(comment_radar::page::parse(data, name).ok());
    }
    let mut buf = vec![0u8; evict_kb << 10];
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let (mut secs, mut bytes) = (vec![0f64; names.len()], vec![0usize; names.len()]);
    for r in 0..rounds {
        for (k, (f, name, data)) in pages.iter().enumerate() {
            for (i, b) in buf.iter_mut().enumerate().step_by(64) {
                *b = b.wrapping_add(i as u8 ^ r as u8);
            }
            std::hint::black_box(scramble(scramble_n, &mut seed));
            let t = std::time::Instant::now();
            f(data, name);
            secs[corpus_of[k]] += t.elapsed().as_secs_f64();
            bytes[corpus_of[k]] += data.len();
        }
    }
    std::hint::black_box(&buf);
    for (c, name) in names.iter().enumerate() {
        println!("{name:>9}: {:6.1} MB/s", bytes[c] as f64 / secs[c] / 1e6);
    }
}
