//! Measures the blame rule of the stance head (`parties::blamed_agent`) on the labelled
//! stance pairs of an out-of-fold listing (`train --stance-blame false --oof FILE`, so that
//! the listed predictions are the model's alone): how often it fires, the
//! gold labels of the pairs it fires on, and the macro-F1 of the listed predictions with
//! and without it, per source. With `SHOW=1` it prints every pair it fires on.
//!   cargo run --release --example blame_probe -- OOF.csv
use comment_radar::learn::metrics::classification;
use comment_radar::parties::Gazetteer;
use std::collections::BTreeMap;

#[derive(serde::Deserialize)]
struct Row {
    head: String,
    source: String,
    party: String,
    gold: String,
    predicted: String,
    text: String,
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: blame_probe OOF.csv");
    let g = Gazetteer::builtin();
    let classes: Vec<String> = ["favor", "against", "none"].map(String::from).to_vec();
    let idx = |s: &str| classes.iter().position(|c| c == s).unwrap_or_else(|| panic!("class {s}"));
    let show = std::env::var("SHOW").is_ok();
    // source -> (gold, before, after)
    let mut by_source: BTreeMap<String, (Vec<usize>, Vec<usize>, Vec<usize>)> = BTreeMap::new();
    let mut fired: BTreeMap<&'static str, [[usize; 3]; 2]> = BTreeMap::new();
    let mut rd = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    for r in rd.deserialize::<Row>() {
        let r = r.unwrap_or_else(|e| panic!("{path}: {e}"));
        if r.head != "stance" {
            continue;
        }
        let p = g.index_of(&r.party).unwrap_or_else(|| panic!("party {}", r.party));
        let (gold, before) = (idx(&r.gold), idx(&r.predicted));
        let mut after = before;
        if let Some(b) = g.blame(&r.text, p) {
            after = 1;
            let f = fired.entry(b.how).or_default();
            f[0][gold] += 1;
            f[1][before] += 1;
            if show {
                println!("{}\t{}\tgold {}\tpred {}\t{}", b.how, r.party, r.gold, r.predicted, r.text[b.start..b.end].replace('\n', " "));
            }
        }
        for key in [r.source.clone(), "all".to_string()] {
            let e = by_source.entry(key).or_default();
            e.0.push(gold);
            e.1.push(before);
            e.2.push(after);
        }
    }
    for (how, f) in &fired {
        println!("fires {how}: {} pairs; gold favor/against/none {:?}; predicted {:?}", f[0].iter().sum::<usize>(), f[0], f[1]);
    }
    for (src, (gold, before, after)) in &by_source {
        let b = classification(gold, before, &classes).macro_f1;
        let a = classification(gold, after, &classes).macro_f1;
        println!("{src}: {} pairs, macro-F1 {b:.4} -> {a:.4}", gold.len());
    }
}
