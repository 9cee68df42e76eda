//! Prints, for each text read from stdin (one per line), the stance views and the
//! head / companion / mixed probabilities per party the gazetteer finds.
//!   cargo run --release --example stance_probe -- [MODEL] < texts.txt
use comment_radar::model::Model;
use std::io::BufRead;
use std::path::PathBuf;

fn main() {
    let path = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "models/default.model".into()));
    let model = Model::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let h = model.stance().expect("a stance head");
    for line in std::io::stdin().lock().lines() {
        let text = line.expect("stdin");
        let mut seen = Vec::new();
        for (p, _) in model.gazetteer.mentioned(&text) {
            if seen.contains(&p) {
                continue;
            }
            seen.push(p);
            let v = model.stance_views(h, &text, p);
            let head = h.proba(&v.head);
            let mixed = model.stance_proba_of(h, &v);
            let comp = match (&h.companion, &v.companion) {
                (Some(c), Some(cv)) => c.proba(cv),
                _ => Vec::new(),
            };
            let f = |x: &[f64]| x.iter().map(|p| format!("{p:.3}")).collect::<Vec<_>>().join(" ");
            println!("{} classes {:?}: head {} | companion {} | mixed {}", model.gazetteer.parties[p].name, h.classes, f(&head), f(&comp), f(&mixed));
            if std::env::var("VIEWS").is_ok() {
                println!("  HEAD VIEW: {}\n  COMP VIEW: {}", v.head.replace('\n', " ⏎ "), v.companion.clone().unwrap_or_default().replace('\n', " ⏎ "));
            }
        }
    }
}
