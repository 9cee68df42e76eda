//! Experiment harness for the incivility head: cross-validation on the
//! GermEval 2018 *training* file only (the test file is never read here).
//!
//! ```sh
//! cargo run --release --example incivility_cv -- base default ge+punct+lex ...
//! ```
//!
//! Each argument is a configuration: `default` (the current `TrainConfig`
//! default) or `base` (all options off, the Foundation's settings), followed
//! by `+`-joined modifiers:
//!
//! | modifier | meaning |
//! |---|---|
//! | `ge` / `mf` | choose C and threshold by GermEval macro-F1 / mean of F1 |
//! | `umlaut`, `leet`, `punct`, `hash` | text options (see `text::TextOptions`) |
//! | `noumlaut`, `noleet`, `nopunct`, `nohash`, `noshout`, `nolex` | turn one off |
//! | `shout`, `lex` | the `_shout_` / `_lexikon_` features |
//! | `cA-B`, `wA-B` | char / word n-gram range, e.g. `c1-6`, `w1-3` |
//! | `dfN` | min_df N |
//! | `wwX` | word-block weight X |
//! | `CX/Y/Z` | C grid, e.g. `C1/3/10` |
//! | `unbal` | no class weights |
//! | `nbX` | NB-SVM log-count-ratio scaling with smoothing X only (e.g. `nb1`, `nb0` off); `default` tries 0 and 1 |
//!
//! Prints per configuration: best C, the out-of-fold GermEval macro-F1 and
//! mean-of-F1 at the chosen threshold, ROC-AUC, the threshold, the expected
//! calibration error (10 bins) of the raw and of the Platt-calibrated
//! scores, and the wall time. The log of runs is docs/incivility-experiments.md.

use std::time::Instant;

use comment_radar::features::VectorizerParams;
use comment_radar::learn::calibration::{ece, Platt};
use comment_radar::learn::cv::{cross_validate, SelectBy, TrainConfig};
use comment_radar::text::TextOptions;

const TRAIN: &str = "../shared/datasets/germeval2018/germeval2018.training.txt";

fn range(s: &str) -> (usize, usize) {
    let (a, b) = s.split_once('-').expect("range A-B");
    (a.parse().expect("number"), b.parse().expect("number"))
}

fn config(spec: &str) -> TrainConfig {
    let mut parts = spec.split('+');
    let mut cfg = match parts.next() {
        Some("base") => TrainConfig {
            vectorizer: VectorizerParams { text: TextOptions::default(), shout: false, lexicon: false, ..VectorizerParams::default() },
            select_by: SelectBy::MacroF1,
            calibrate: false,
            nb_grid: vec![],
            c_grid: vec![1.0, 3.0, 10.0, 30.0],
            ..TrainConfig::default()
        },
        Some("default") => TrainConfig::default(),
        other => panic!("configuration must start with base or default, got {other:?}"),
    };
    for m in parts {
        let v = &mut cfg.vectorizer;
        match m {
            "ge" => cfg.select_by = SelectBy::GermEval,
            "mf" => cfg.select_by = SelectBy::MacroF1,
            "umlaut" => v.text.fold_umlauts = true,
            "leet" => v.text.leet = true,
            "punct" => v.text.punct = true,
            "hash" => v.text.split_hashtags = true,
            "noumlaut" => v.text.fold_umlauts = false,
            "noleet" => v.text.leet = false,
            "nopunct" => v.text.punct = false,
            "nohash" => v.text.split_hashtags = false,
            "shout" => v.shout = true,
            "lex" => v.lexicon = true,
            "noshout" => v.shout = false,
            "nolex" => v.lexicon = false,
            "unbal" => cfg.balanced = false,
            _ if m.starts_with('c') => v.char_ngrams = range(&m[1..]),
            _ if m.starts_with('w') && !m.starts_with("ww") => v.word_ngrams = range(&m[1..]),
            _ if m.starts_with("nb") => cfg.nb_grid = vec![m[2..].parse().expect("nb alpha")],
            _ if m.starts_with("df") => v.min_df = m[2..].parse().expect("min_df"),
            _ if m.starts_with("ww") => v.word_weight = m[2..].parse().expect("word weight"),
            _ if m.starts_with('C') => cfg.c_grid = m[1..].split('/').map(|c| c.parse().expect("C")).collect(),
            _ => panic!("unknown modifier {m}"),
        }
    }
    cfg
}

fn main() {
    let raw = std::fs::read_to_string(TRAIN).expect("GermEval training file in ../shared");
    let mut texts = Vec::new();
    let mut y = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        texts.push(cols[0].to_string());
        y.push((cols[1].trim() == "OFFENSE") as usize);
    }
    let classes = vec!["OTHER".to_string(), "OFFENSE".to_string()];
    let positive: Vec<bool> = y.iter().map(|&c| c == 1).collect();
    println!("GermEval 2018 training file: {} tweets, {} OFFENSE", y.len(), positive.iter().filter(|&&p| p).count());
    println!("| configuration | C | CV GermEval-F1 | CV mean-F1 | ROC-AUC | threshold | ECE raw | ECE Platt | grid | time |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|");
    for spec in std::env::args().skip(1) {
        let cfg = config(&spec);
        let t0 = Instant::now();
        let run = cross_validate(&texts, &y, None, &classes, &cfg, None).expect("cross-validation");
        let p1: Vec<f64> = run.oof.iter().map(|p| p[1]).collect();
        let cal = Platt::fit(&positive, &p1).expect("calibration");
        let pc: Vec<f64> = p1.iter().map(|&p| cal.apply(p)).collect();
        let m = &run.metrics;
        println!(
            "| {} (nb {}) | {} | {:.4} | {:.4} | {:.4} | {:.3} | {:.3} | {:.3} | {} | {:.0} s |",
            spec,
            run.nb_alpha,
            run.best_c,
            m.germeval_macro_f1,
            m.macro_f1,
            m.roc_auc.unwrap_or(0.0),
            run.threshold.unwrap_or(0.5),
            ece(&positive, &p1, 10),
            ece(&positive, &pc, 10),
            run.grid.iter().map(|(c, s)| format!("{c}:{s:.4}")).collect::<Vec<_>>().join(" "),
            t0.elapsed().as_secs_f64()
        );
    }
}
