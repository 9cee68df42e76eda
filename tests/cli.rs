//! The CLI as a user sees it: commands, outputs, and errors on bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_comment-radar"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// A small labelled CSV of our own: civil vs. uncivil, conspiracy, stance toward two parties.
fn tiny_csv() -> String {
    let civil = [
        "Die Regierung sollte die Renten sicherer machen.",
        "Ich finde den Vorschlag zur Bahn vernünftig.",
        "Gute Analyse, danke für den Artikel.",
        "Man kann darüber streiten, aber die Zahlen sind eindeutig.",
        "Das Heizungsgesetz kommt zu früh für viele Hausbesitzer.",
        "Die Stadt braucht mehr Radwege und bessere Busse.",
        "Interessanter Beitrag über die Energiepreise.",
        "Ich stimme dem Kommentar oben teilweise zu.",
        "Die Inflation trifft Familien mit kleinem Einkommen hart.",
        "Warum wird darüber so wenig berichtet?",
        "Sachlich bleiben hilft der Debatte.",
        "Die Reform ist gut gemeint, aber schlecht gemacht.",
    ];
    let uncivil = [
        "Ihr seid doch alle Vollidioten.",
        "Was für ein dummer Schwachkopf dieser Minister.",
        "Halt die Klappe, du Idiot.",
        "Diese Vollpfosten in Berlin gehören eingesperrt.",
        "Nur Idioten glauben diesen Mist, ihr Schwachköpfe.",
        "Verpiss dich, du Depp.",
    ];
    let consp = [
        "Alles inszeniert, die Medien sind gesteuert.",
        "Die Strippenzieher im Hintergrund haben das geplant.",
        "Gesteuerte Medien verschweigen die Wahrheit, alles geplant.",
        "Das ist ein inszenierter Plan der Eliten im Hintergrund.",
        "Die Marionetten tanzen, die Strippenzieher lachen.",
        "Wer glaubt noch den gesteuerten Medien? Alles inszeniert.",
    ];
    let mut s = String::from("id,text,incivility,conspiracy,stance:Russland,stance:USA\n");
    let mut id = 0;
    for t in civil {
        id += 1;
        s.push_str(&format!("{id},\"{t}\",0,0,,\n"));
    }
    for t in uncivil {
        id += 1;
        s.push_str(&format!("{id},\"{t}\",1,0,,\n"));
    }
    for t in consp {
        id += 1;
        s.push_str(&format!("{id},\"{t}\",0,1,,\n"));
    }
    let stance = [
        ("Putin lügt, Russland ist der Aggressor.", "against", ""),
        ("Der Kreml bedroht seine Nachbarn.", "against", ""),
        ("Moskau hat den Krieg angefangen, schlimm.", "against", ""),
        ("Russland will nur Frieden, Putin hat recht.", "favor", ""),
        ("Putin ist ein kluger Staatsmann.", "favor", ""),
        ("Russland verdient Respekt und Verständnis.", "favor", ""),
        ("Russland hat gestern gewählt.", "none", ""),
        ("Ein Treffen in Moskau ist geplant.", "none", ""),
        ("Der Kreml gab eine Erklärung ab.", "none", ""),
        ("Die Amis lügen, die USA sind der Aggressor.", "", "against"),
        ("Washington bedroht die ganze Welt.", "", "against"),
        ("Die USA haben den Krieg angefangen, schlimm.", "", "against"),
        ("Die USA wollen nur Frieden, Washington hat recht.", "", "favor"),
        ("Die Amerikaner sind kluge Partner.", "", "favor"),
        ("Die USA verdienen Respekt und Dank.", "", "favor"),
        ("Die USA haben gestern gewählt.", "", "none"),
        ("Ein Treffen in Washington ist geplant.", "", "none"),
        ("Das Pentagon gab eine Erklärung ab.", "", "none"),
    ];
    for (t, ru, us) in stance {
        id += 1;
        s.push_str(&format!("{id},\"{t}\",0,0,{ru},{us}\n"));
    }
    s
}

/// Trains a model on [`tiny_csv`] in `dir` (3 folds, min_df 1, plus `extra`
/// arguments); returns the CSV's and the model's paths and the run's output.
fn train_tiny(dir: &Path, extra: &[&str]) -> (PathBuf, PathBuf, Output) {
    let data = write(dir, "tiny.csv", tiny_csv().as_bytes());
    let model = dir.join("tiny.model");
    let mut args = vec!["train", "--data", data.to_str().unwrap(), "--out", model.to_str().unwrap(), "--folds", "3", "--min-df", "1"];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(o.status.success(), "train failed: {}", stderr(&o));
    (data, model, o)
}

#[test]
fn train_classify_evaluate_roundtrip() {
    let dir = tempfile::tempdir().unwrap();
    let (data, model, o) = train_tiny(dir.path(), &[]);
    let out = stdout(&o);
    assert!(out.contains("incivility") && out.contains("conspiracy") && out.contains("stance"), "{out}");
    assert!(model.exists());
    let card = std::fs::read_to_string(dir.path().join("tiny.card.md")).unwrap();
    assert!(card.contains("comment-radar train --data") && card.contains("macro-F1"), "{card}");

    // classify adds <head>_pred/_score and stance columns for the input's stance columns
    let scored = dir.path().join("scored.csv");
    let o = run(&["classify", "--model", model.to_str().unwrap(), "--data", data.to_str().unwrap(), "--out", scored.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut rdr = csv::Reader::from_path(&scored).unwrap();
    let headers = rdr.headers().unwrap().clone();
    for h in ["id", "text", "incivility_pred", "incivility_score", "conspiracy_pred", "stance:Russland_pred", "stance:USA_score"] {
        assert!(headers.iter().any(|x| x == h), "missing column {h}: {headers:?}");
    }
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), tiny_csv().lines().count() - 1);
    let ipred = headers.iter().position(|h| h == "incivility_pred").unwrap();
    let gold = headers.iter().position(|h| h == "incivility").unwrap();
    let agree = rows.iter().filter(|r| r[ipred] == r[gold]).count();
    assert!(agree as f64 / rows.len() as f64 > 0.9, "training-set agreement {agree}/{}", rows.len());

    // evaluate prints per-class figures and macro-F1
    let o = run(&["evaluate", "--model", model.to_str().unwrap(), "--data", data.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let heads: Vec<&str> = v.as_array().unwrap().iter().map(|e| e["head"].as_str().unwrap()).collect();
    assert!(heads.contains(&"incivility") && heads.contains(&"stance"), "{heads:?}");
    let inc = v.as_array().unwrap().iter().find(|e| e["head"] == "incivility").unwrap();
    assert!(inc["metrics"]["roc_auc"].as_f64().unwrap() > 0.9);

    // classify without stance columns: one column pair per mentioned party, empty where not mentioned
    let plain = write(dir.path(), "plain.csv", "text\nPutin droht wieder.\nSchönes Wetter heute.\n".as_bytes());
    let o = run(&["classify", "--model", model.to_str().unwrap(), "--data", plain.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let mut lines = out.lines();
    let header = lines.next().unwrap();
    assert!(header.contains("stance:Russland_pred") && !header.contains("stance:USA_pred"), "{header}");
    assert!(lines.nth(1).unwrap().ends_with(",,"), "{out}");
}

#[test]
fn a_saved_stance_model_scores_with_its_companion_as_trained() {
    // The vectorisers' lookup tables are not serialised; a loaded companion without them
    // would see no n-gram at all and give every comment the same probabilities.
    let dir = tempfile::tempdir().unwrap();
    let (_, path, _) = train_tiny(dir.path(), &[]);
    let model = comment_radar::model::Model::load(&path).unwrap();
    let h = model.stance().unwrap();
    let c = h.companion.as_ref().expect("the stance companion is on by default");
    let ru = model.gazetteer.index_of("Russland").unwrap();
    let texts = ["Putin lügt, Russland ist der Aggressor.", "Russland will nur Frieden, Putin hat recht."];
    let probas: Vec<Vec<f64>> = texts
        .iter()
        .map(|t| {
            let views = model.stance_views(h, t, ru);
            let view = views.companion.as_deref().unwrap();
            assert!(!c.vectorizer.transform_one(view).indices.is_empty(), "the companion reads no n-gram of {view:?}");
            c.proba(view)
        })
        .collect();
    // trained on these very sentences, the companion tells them apart (0 = against, 1 = favor)
    assert!(probas[0][0] > probas[1][0] && probas[1][1] > probas[0][1], "{probas:?}");
}

#[test]
fn train_lists_out_of_fold_predictions() {
    let dir = tempfile::tempdir().unwrap();
    let oof = dir.path().join("oof.csv");
    train_tiny(dir.path(), &["--oof", oof.to_str().unwrap()]);
    let mut rdr = csv::Reader::from_path(&oof).unwrap();
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        ["head", "source", "line", "party", "gold", "predicted", "score", "text", "view"]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let n = |head: &str| rows.iter().filter(|r| &r[0] == head).count();
    // every labelled cell once: 42 comments with incivility and conspiracy labels, 9 + 9 stance pairs
    assert_eq!((n("incivility"), n("conspiracy"), n("stance")), (42, 42, 18));
    let csv_text = tiny_csv();
    let lines: Vec<&str> = csv_text.lines().collect();
    for r in &rows {
        let line: usize = r[2].parse().unwrap();
        // the line points at the row of the file whose text is listed
        assert!(lines[line - 1].contains(&r[7]), "line {line} is not '{}'", &r[7]);
        let score: f64 = r[6].parse().unwrap();
        assert!((0.0..=1.0).contains(&score), "{r:?}");
        match &r[0] {
            "stance" => {
                assert!(["Russland", "USA"].contains(&&r[3]), "{r:?}");
                // the view the stance head saw: the party's name as a feature mark
                assert!(r[8].ends_with(&format!("_p_{}_", r[3].to_lowercase())), "{r:?}");
                for c in [&r[4], &r[5]] {
                    assert!(["favor", "against", "none"].contains(&c), "{r:?}");
                }
                // the gold class is the row's label for the listed party
                let col = if &r[3] == "Russland" { 4 } else { 5 };
                assert_eq!(lines[line - 1].rsplit(',').nth(5 - col).unwrap(), &r[4], "{r:?}");
            }
            _ => assert!(r[3].is_empty() && r[8].is_empty() && ["0", "1"].contains(&&r[4]) && ["0", "1"].contains(&&r[5]), "{r:?}"),
        }
    }
    // the uncivil rows are mostly recognised out of fold
    let hits = rows.iter().filter(|r| &r[0] == "incivility" && &r[4] == "1" && &r[5] == "1").count();
    assert!(hits >= 4, "{hits} of 6 uncivil rows found out of fold");
}

#[test]
fn training_is_deterministic_byte_for_byte() {
    // same data, same command (relative paths, run in two folders): same bytes
    let mut models = Vec::new();
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    for dir in &dirs {
        write(dir.path(), "tiny.csv", tiny_csv().as_bytes());
        let o = Command::new(env!("CARGO_BIN_EXE_comment-radar"))
            .current_dir(dir.path())
            .args(["train", "--data", "tiny.csv", "--out", "m.model", "--folds", "3"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        models.push(std::fs::read(dir.path().join("m.model")).unwrap());
    }
    assert!(models[0] == models[1], "two runs on the same data gave different model files");
}

#[test]
fn a_recipe_weights_its_sources_and_refuses_a_bad_weight() {
    let dir = tempfile::tempdir().unwrap();
    let data = write(dir.path(), "tiny.csv", tiny_csv().as_bytes());
    let recipe = |w: &str| {
        format!(
            "[[source]]\npath = {:?}\nlabels = [\"incivility\"]\n\n[[source]]\npath = {:?}\nlabels = [\"conspiracy\"]\nweight = {w}\n",
            data.display().to_string(),
            data.display().to_string()
        )
    };
    let good = write(dir.path(), "good.recipe.toml", recipe("3").as_bytes());
    let model = dir.path().join("w.model");
    let o = run(&["train", "--recipe", good.to_str().unwrap(), "--out", model.to_str().unwrap(), "--folds", "3", "--min-df", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let card = std::fs::read_to_string(dir.path().join("w.card.md")).unwrap();
    assert!(card.contains("| rows | weight |"), "{card}");
    assert!(card.contains("| 3 | conspiracy |") && card.contains("| 1 | incivility |"), "{card}");

    // Two sources for one calibrated binary head: the figures per source are those of
    // the out-of-fold predictions listed for it (same threshold, same scale).
    // Labels the words only partly predict, so that out-of-fold scores spread and
    // calibration moves them.
    let noisy: String = std::iter::once("text,incivility".to_string())
        .chain((0..90).map(|i: usize| {
            let label = (i % 3 == 0) as u8 ^ (i % 7 == 0) as u8;
            format!("wort{} anders{} drittes{},{label}", i % 3, i % 5, i % 7)
        }))
        .collect::<Vec<_>>()
        .join("\n");
    let copy = write(dir.path(), "copy.csv", noisy.as_bytes());
    let both = format!(
        "[[source]]\npath = {:?}\nlabels = [\"incivility\"]\n\n[[source]]\npath = {:?}\nlabels = [\"incivility\"]\nweight = 2\n",
        data.display().to_string(),
        copy.display().to_string()
    );
    let both = write(dir.path(), "both.recipe.toml", both.as_bytes());
    let oof = dir.path().join("oof.csv");
    let o = run(&["train", "--recipe", both.to_str().unwrap(), "--out", model.to_str().unwrap(), "--folds", "3", "--min-df", "1", "--oof", oof.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_path(&oof).unwrap().records().map(|r| r.unwrap()).collect();
    for src in [&data, &copy] {
        let src = src.display().to_string();
        let mine: Vec<&csv::StringRecord> = rows.iter().filter(|r| r[1] == *src).collect();
        let count = |g: &str, p: &str| mine.iter().filter(|r| &r[4] == g && &r[5] == p).count() as f64;
        let (tp, fp, fn_) = (count("1", "1"), count("0", "1"), count("1", "0"));
        let f1 = 2.0 * tp / (2.0 * tp + fp + fn_);
        let line = out.lines().find(|l| l.contains(&format!("from {src}:"))).unwrap_or_else(|| panic!("{out}"));
        let printed: f64 = line.rsplit(' ').next().unwrap().parse().unwrap();
        assert!((printed - f1).abs() <= 0.0005 + 1e-9, "{line}: the listed predictions give F1 {f1}");
    }

    let bad = write(dir.path(), "bad.recipe.toml", recipe("0").as_bytes());
    let o = run(&["train", "--recipe", bad.to_str().unwrap(), "--out", model.to_str().unwrap()]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("bad.recipe.toml") && e.contains("weight = 0") && e.contains("positive number"), "{e}");
}

#[test]
fn failed_train_keeps_the_existing_model() {
    let dir = tempfile::tempdir().unwrap();
    let model = write(dir.path(), "keep.model", b"previous model bytes");
    let bad = write(dir.path(), "bad.csv", b"text,incivility\nok,1\nragged,1,extra\n");
    let o = run(&["train", "--data", bad.to_str().unwrap(), "--out", model.to_str().unwrap()]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("bad.csv") && e.contains("line 3"), "{e}");
    assert_eq!(std::fs::read(&model).unwrap(), b"previous model bytes");
}

#[test]
fn bad_csv_inputs_name_file_row_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.model");
    let cases: &[(&str, &str, &[&str])] = &[
        ("notext.csv", "body,incivility\nhallo,1\n", &["notext.csv", "no text column 'text'", "--text-column"]),
        ("norows.csv", "text,incivility\n", &["norows.csv", "no data rows"]),
        ("empty.csv", "", &["empty.csv", "empty"]),
        ("ragged.csv", "text,incivility\na,1\nb\n", &["ragged.csv", "line 3", "fields"]),
        (
            "unknown.csv",
            "text,stance:Russland\nPutin,favor\nKreml,against\nMoskau,maybe\n",
            &["unknown.csv", "line 4", "'maybe'", "favor, against or none"],
        ),
        ("twovalues.csv", "text,label\na,red\nb,blue\n", &["twovalues.csv", "--positive label="]),
        ("party.csv", "text,stance:Atlantis\na,favor\n", &["party.csv", "Atlantis", "parties.toml"]),
    ];
    for (name, content, needles) in cases {
        let p = write(dir.path(), name, content.as_bytes());
        let o = run(&["train", "--data", p.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        assert!(!o.status.success(), "{name} should fail");
        let e = stderr(&o);
        assert_eq!(e.lines().count(), 1, "{name}: one-line error expected, got: {e}");
        for n in *needles {
            assert!(e.contains(n), "{name}: error should mention {n:?}: {e}");
        }
        assert!(!e.contains("panicked"), "{e}");
    }
    assert!(!out.exists(), "no model is written by a failed run");
}

#[test]
fn bad_models_are_refused_with_a_fix() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), "p.txt", "Titel\n\nEin Absatz mit Text.\n".as_bytes());
    let missing = dir.path().join("missing.model");
    let o = run(&["report", page.to_str().unwrap(), "--model", missing.to_str().unwrap(), "--out", dir.path().join("r").to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("missing.model") && stderr(&o).contains("--model"), "{}", stderr(&o));

    let corrupt = write(dir.path(), "corrupt.model", b"comment-radar-model 1 sha256=00 bytes=3\nabc");
    let o = run(&["report", page.to_str().unwrap(), "--model", corrupt.to_str().unwrap()]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("corrupt.model") && e.contains("retrain"), "{e}");

    // a real model with one byte flipped
    let good = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("models/default.model")).expect("models/default.model is shipped");
    let mut flipped = good.clone();
    let last = flipped.len() - 10;
    flipped[last] ^= 0xff;
    let f = write(dir.path(), "flipped.model", &flipped);
    let o = run(&["report", page.to_str().unwrap(), "--model", f.to_str().unwrap()]);
    assert!(stderr(&o).contains("checksum"), "{}", stderr(&o));
    let truncated = write(dir.path(), "short.model", &good[..good.len() / 2]);
    let o = run(&["report", page.to_str().unwrap(), "--model", truncated.to_str().unwrap()]);
    assert!(stderr(&o).contains("truncated"), "{}", stderr(&o));
}

#[test]
fn bad_pages_are_reported_and_the_others_processed() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    write(&pages, "a-empty.txt", b"   \n\n");
    write(&pages, "b-binary.txt", b"\x00\x01\x02PNG\x00\x00binary");
    // Windows-1252: umlauts as single bytes
    write(&pages, "c-cp1252.txt", b"Gr\xfcne streiten \xfcber das Geb\xe4udegesetz\n\nDie Koalition ringt um einen Kompromiss beim Heizen.\n");
    let out = dir.path().join("r");
    let o = run(&["report", pages.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "partial failure exit code; stderr: {e}");
    assert!(e.contains("a-empty.txt") && e.contains("empty"), "{e}");
    assert!(e.contains("b-binary.txt") && e.contains("binary"), "{e}");
    assert!(!e.contains("panicked"), "{e}");
    let md = std::fs::read_to_string(out.join("c-cp1252.md")).unwrap();
    assert!(md.contains("Grüne streiten über das Gebäudegesetz"), "{md}");
    let index = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(index.contains("a-empty.txt") && index.contains("b-binary.txt"), "failures are listed: {index}");

    let o = run(&["segment", pages.join("a-empty.txt").to_str().unwrap()]);
    assert!(!o.status.success());
}

#[test]
fn every_command_has_help_with_an_example() {
    for cmd in ["segment", "train", "classify", "evaluate", "report"] {
        let o = run(&[cmd, "--help"]);
        assert!(o.status.success());
        let out = stdout(&o);
        assert!(out.contains("Example"), "{cmd} --help lacks an example: {out}");
    }
}

#[test]
fn a_reader_closing_stdout_early_ends_the_run_without_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    // `comment-radar segment tests/fixtures/ | head -c 64`: the output of all
    // fixture pages is far larger than a pipe's buffer, so the writer hits the
    // closed pipe.
    let mut child = bin()
        .args(["segment", "tests/fixtures/"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    out.read_exact(&mut first).unwrap();
    drop(out);
    let o = child.wait_with_output().unwrap();
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(o.status.code(), Some(141), "{err}");
}
