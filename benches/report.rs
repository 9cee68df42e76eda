//! Report generation against scoring: 1,000 synthetic articles with 100
//! comments each (texts drawn from GermEval 2018 training tweets, read by
//! path from ../shared), scored with the shipped model, then rendered as
//! HTML, Markdown, JSON and CSV. Prints both times and the ratio; the issue
//! asks for rendering in less than 10 % of the scoring time.
//!
//!   cargo bench --bench report

use std::path::PathBuf;
use std::time::Instant;

use comment_radar::model::Model;
use comment_radar::page::{Comment, Page};
use comment_radar::report::{self, Lang};
use comment_radar::score;
use criterion::{criterion_group, criterion_main, Criterion};

const ARTICLES: usize = 1000;
const COMMENTS: usize = 100;

fn texts() -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets/germeval2018/germeval2018.training.txt");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (the benchmark reads GermEval 2018 from ../shared)", path.display()))
        .lines()
        .filter_map(|l| l.split('\t').next().map(str::to_string))
        .collect()
}

fn pages(texts: &[String]) -> Vec<Page> {
    (0..ARTICLES)
        .map(|a| Page {
            source: format!("synthetic/article-{a:04}.txt"),
            title: Some(format!("Artikel {a}: Russland, die USA und die EU")),
            body: vec!["Die Bundesregierung und die EU beraten über Russland und die Ukraine.".into()],
            comments: (0..COMMENTS)
                .map(|c| Comment {
                    author: Some(format!("leser{}", (a * 7 + c) % 997)),
                    date: Some(format!("{:02}.10.2024", 1 + c % 28)),
                    title: None,
                    text: texts[(a * COMMENTS + c) % texts.len()].clone(),
                    reply_to: if c % 5 == 4 { Some(c - 1) } else { None },
                })
                .collect(),
            declared_comments: None,
        })
        .collect()
}

fn render(reports: &[report::ArticleReport], ix: &report::Index, heads: &[String]) -> usize {
    let mut bytes = 0;
    for r in reports {
        bytes += report::html::article(r, Lang::De).len();
        bytes += report::markdown::article(r, Lang::De).len();
        bytes += serde_json::to_string_pretty(r).unwrap().len();
    }
    bytes += report::html::index(ix, Lang::De).len();
    bytes += report::markdown::index(ix, Lang::De).len();
    bytes += serde_json::to_string_pretty(ix).unwrap().len();
    bytes += report::csv::comments(reports, heads).unwrap().len();
    bytes
}

fn bench_report(c: &mut Criterion) {
    let model = Model::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/default.model")).expect("models/default.model");
    let texts = texts();
    let pages = pages(&texts);

    let t0 = Instant::now();
    let scored: Vec<_> = pages.iter().map(|p| score::score_page(&model, p)).collect();
    let scoring = t0.elapsed();

    let thresholds = report::thresholds(&model, &[], &[]).unwrap();
    let heads: Vec<String> = thresholds.iter().map(|t| t.head.clone()).collect();
    let t1 = Instant::now();
    let reports: Vec<_> = scored
        .into_iter()
        .enumerate()
        .map(|(i, s)| report::article(s, format!("article-{i:04}"), Default::default(), &thresholds))
        .collect();
    let ix = report::index(&reports, Vec::new(), &thresholds);
    let bytes = render(&reports, &ix, &heads);
    let rendering = t1.elapsed();
    println!(
        "\n{ARTICLES} articles x {COMMENTS} comments: scoring {:.2} s, report (aggregate + HTML/MD/JSON/CSV, {:.0} MB) {:.2} s = {:.1} % of scoring\n",
        scoring.as_secs_f64(),
        bytes as f64 / 1e6,
        rendering.as_secs_f64(),
        100.0 * rendering.as_secs_f64() / scoring.as_secs_f64()
    );

    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    g.bench_function("render 1000 articles x 100 comments (HTML, MD, JSON, CSV)", |b| b.iter(|| render(&reports, &ix, &heads)));
    g.finish();
}

criterion_group!(benches, bench_report);
criterion_main!(benches);
