//! Segmentation speed in MB/s of page bytes, text dumps and HTML separately.
//! Pages: the fixtures in tests/fixtures plus the seed pages in ../shared/seeds
//! (read by path).
//!
//! Three text-dump figures: all text pages together (the fixtures and the
//! seeds, rotating), and the two corpora apart — the real scraped pages
//! (../shared/seeds) and the fixture zoo — each timed page by page *inside*
//! the same rotation, so that neither is measured with caches and branch
//! predictors warmed by its own pages only (DESIGN.md, "Session 14: the
//! throughput target by corpus"). `examples/segment_corpora.rs` prints the
//! same split without criterion.
//!
//!   cargo bench --bench segment

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use comment_radar::page;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "../examples/common/pages.rs"]
mod pages;
use pages::read_pages;

fn bench_group(c: &mut Criterion, name: &str, pages: &[(String, Vec<u8>)]) {
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("{name} ({} pages, {} KB)", pages.len(), bytes / 1024), |b| {
        b.iter(|| {
            for (name, data) in pages {
                let _ = page::parse(data, name);
            }
        })
    });
    g.finish();
}

/// One corpus of `pages` (those `pick` selects) timed inside the rotation
/// through all of them; the other pages are parsed untimed in between.
fn bench_within(c: &mut Criterion, name: &str, pages: &[(String, Vec<u8>)], pick: impl Fn(&str) -> bool) {
    let picked: Vec<bool> = pages.iter().map(|p| pick(&p.0)).collect();
    let bytes: usize = pages.iter().zip(&picked).filter(|(_, &k)| k).map(|(p, _)| p.1.len()).sum();
    let n = picked.iter().filter(|&&k| k).count();
    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(bytes as u64));
    // Criterion's clock counts only the picked pages' time, a fraction of a
    // rotation's: few samples keep the wall time of the group short.
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    g.bench_function(format!("{name} ({n} pages, {} KB) in the rotation", bytes / 1024), |b| {
        b.iter_custom(|iters| {
            let mut t = Duration::ZERO;
            for _ in 0..iters {
                for ((name, data), &k) in pages.iter().zip(&picked) {
                    if k {
                        let s = Instant::now();
                        std::hint::black_box(page::parse(data, name).ok());
                        t += s.elapsed();
                    } else {
                        std::hint::black_box(page::parse(data, name).ok());
                    }
                }
            }
            t
        })
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("../shared/seeds");
    assert!(seeds.is_dir(), "{} is missing: the benchmark reads the seed pages from it", seeds.display());
    let fixtures = root.join("tests/fixtures");
    let mut text = read_pages(&fixtures, "txt");
    text.extend(read_pages(&seeds, "txt"));
    let html = read_pages(&fixtures, "html");
    bench_group(c, "text dumps", &text);
    let seed = |name: &str| Path::new(name).starts_with(&seeds);
    bench_within(c, "text dumps: seeds", &text, seed);
    bench_within(c, "text dumps: fixtures", &text, |name| !seed(name));
    bench_group(c, "html", &html);
}

criterion_group!(benches, bench);
criterion_main!(benches);
