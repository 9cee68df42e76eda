//! Segmentation speed in MB/s of page bytes, text dumps and HTML separately.
//! Pages: the fixtures in tests/fixtures plus the seed pages in ../shared/seeds
//! (read by path).
//!
//!   cargo bench --bench segment

use std::path::{Path, PathBuf};

use comment_radar::page;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn read_dir(dir: &Path, ext: &str) -> Vec<(String, Vec<u8>)> {
    let rd = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut v: Vec<(String, Vec<u8>)> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|x| x.to_str()) == Some(ext))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))))
        .collect();
    v.sort();
    v
}

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

fn bench(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("../shared/seeds");
    assert!(seeds.is_dir(), "{} is missing: the benchmark reads the seed pages from it", seeds.display());
    let fixtures = root.join("tests/fixtures");
    let mut text = read_dir(&fixtures, "txt");
    text.extend(read_dir(&seeds, "txt"));
    let html = read_dir(&fixtures, "html");
    bench_group(c, "text dumps", &text);
    bench_group(c, "html", &html);
}

criterion_group!(benches, bench);
criterion_main!(benches);
