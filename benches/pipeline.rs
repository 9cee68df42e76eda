//! Benchmarks: segmentation (MB/s), vectorising, training and scoring.
//! Data: the seed pages and GermEval 2018 from ../shared, read by path.
//!
//!   cargo bench --bench pipeline

use std::path::PathBuf;

use comment_radar::features::{Vectorizer, VectorizerParams};
use comment_radar::learn::cv::fit_model;
use comment_radar::model::Model;
use comment_radar::page;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn shared() -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    assert!(p.is_dir(), "../shared is missing: benchmarks read the seeds and GermEval 2018 from it");
    p
}

fn germeval_texts() -> Vec<String> {
    let path = shared().join("datasets/germeval2018/germeval2018.training.txt");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter_map(|l| l.split('\t').next().map(str::to_string))
        .collect()
}

fn bench_segment(c: &mut Criterion) {
    let dir = shared().join("seeds");
    let mut pages: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    pages.sort();
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("text dumps (5 seeds)", |b| {
        b.iter(|| {
            for (name, data) in &pages {
                let _ = page::parse(data, name);
            }
        })
    });
    g.finish();
}

fn bench_features_and_training(c: &mut Criterion) {
    let texts = germeval_texts();
    let params = VectorizerParams::default();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut g = c.benchmark_group("features");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("fit vectoriser (GermEval train, 5009 tweets)", |b| b.iter(|| Vectorizer::fit(&params, &texts)));
    let v = Vectorizer::fit(&params, &texts);
    g.bench_function("transform (GermEval train)", |b| b.iter(|| v.transform(&texts)));
    g.finish();

    let x = v.transform(&texts);
    let y: Vec<usize> = (0..texts.len()).map(|i| (i % 3 == 0) as usize).collect();
    let mut g = c.benchmark_group("train");
    g.sample_size(10);
    g.bench_function("fit logistic C=3 (GermEval train)", |b| b.iter(|| fit_model(x.clone(), &y, 2, 3.0, true, None).unwrap()));
    g.finish();
}

fn bench_score(c: &mut Criterion) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/default.model");
    let model = Model::load(&path).expect("models/default.model");
    let texts: Vec<String> = germeval_texts().into_iter().take(1000).collect();
    let mut g = c.benchmark_group("score");
    g.sample_size(10);
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("score_comment x1000 (all heads, stance, cues)", |b| {
        b.iter(|| {
            for t in &texts {
                let _ = comment_radar::score::score_comment(&model, None, t);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench_segment, bench_features_and_training, bench_score);
criterion_main!(benches);
