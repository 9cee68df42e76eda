//! The gazetteer check of data/GUIDELINES.md: for a labelled CSV (id, text and
//! `stance:<Party>` columns), lists every party the gazetteer finds in a text without
//! a stance label, and every stance label for a party the gazetteer does not find.
//!   cargo run --release --example gazetteer_check -- data/comments.csv [data/parties.toml]
//! Prints one line per mismatch (`found-unlabelled` / `labelled-unfound`, id, party, the
//! matched spans) and the two counts. Exit code 0 either way: mismatches can be deliberate.
use comment_radar::parties::Gazetteer;

fn main() {
    let mut args = std::env::args().skip(1);
    let csv_path = args.next().unwrap_or_else(|| "data/comments.csv".into());
    let toml_path = args.next().unwrap_or_else(|| "data/parties.toml".into());
    let toml = std::fs::read_to_string(&toml_path).unwrap_or_else(|e| panic!("{toml_path}: {e}"));
    let g = Gazetteer::from_toml(&toml).unwrap_or_else(|e| panic!("{toml_path}: {e}"));
    let mut rd = csv::Reader::from_path(&csv_path).unwrap_or_else(|e| panic!("{csv_path}: {e}"));
    let headers = rd.headers().unwrap_or_else(|e| panic!("{csv_path}: {e}")).clone();
    let col = |n: &str| headers.iter().position(|h| h == n);
    let text_col = col("text").unwrap_or_else(|| panic!("{csv_path}: no 'text' column"));
    let id_col = col("id");
    let stance: Vec<(usize, usize)> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let party = h.strip_prefix("stance:")?;
            let pi = g.index_of(party).unwrap_or_else(|| panic!("{csv_path}: party '{party}' is not in {toml_path}"));
            Some((i, pi))
        })
        .collect();
    let (mut unlabelled, mut unfound) = (0usize, 0usize);
    for (r, rec) in rd.records().enumerate() {
        let rec = rec.unwrap_or_else(|e| panic!("{csv_path}: record {}: {e}", r + 1));
        let text = &rec[text_col];
        let id = id_col.map(|c| rec[c].to_string()).unwrap_or_else(|| format!("row {}", r + 1));
        let mentions = g.mentions(text);
        for &(c, pi) in &stance {
            let spans: Vec<&str> =
                mentions.iter().filter(|m| m.parties.contains(&pi)).map(|m| &text[m.start..m.end]).collect();
            let labelled = !rec[c].trim().is_empty();
            let name = &g.parties[pi].name;
            if !spans.is_empty() && !labelled {
                unlabelled += 1;
                println!("found-unlabelled\t{id}\t{name}\t{}", spans.join(" | "));
            } else if spans.is_empty() && labelled {
                unfound += 1;
                println!("labelled-unfound\t{id}\t{name}\t{}", rec[c].trim());
            }
        }
    }
    println!("found without a label: {unlabelled}; labelled but not found: {unfound}");
}
