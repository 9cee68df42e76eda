//! Training: labelled tables -> heads -> [`Model`].
//!
//! Every label column becomes a head. A column with two values is a binary
//! head (positive = the yes-like value, or the one named with `--positive`);
//! more values make a multi-class head; empty cells are not labelled.
//! Columns named `stance:<Party>` all feed one stance head, trained on target
//! views of the comments (see `parties`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use sha2::{Digest, Sha256};
use serde::Serialize;

use crate::dataset::{self, read_table, DatasetError, ReadOptions, Table};
use crate::learn::cv::{choose_mix, fold_ids, train_head, TrainConfig};
use crate::learn::logistic::{argmax, LearnError};
use crate::learn::metrics;
use crate::model::{hex, precision_recall_at, threshold_for_precision, Card, Companion, Head, HeadKind, Model, OperatingPoint, SourceInfo};
use crate::parties::{Gazetteer, StanceView};

/// Prefix of stance label columns.
pub const STANCE_PREFIX: &str = "stance:";
/// Classes of the stance head, in index order.
pub const STANCE_CLASSES: [&str; 3] = ["against", "favor", "none"];

/// Maps a stance cell to its class index (accepts German and short forms).
pub fn stance_class(v: &str) -> Option<usize> {
    match v.trim().to_lowercase().as_str() {
        "against" | "contra" | "dagegen" | "gegen" | "neg" | "-1" => Some(0),
        "favor" | "favour" | "pro" | "dafür" | "dafuer" | "pos" | "+1" => Some(1),
        "none" | "neutral" | "keine" | "0" => Some(2),
        _ => None,
    }
}

/// One training file and how to read it.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub read: ReadOptions,
    /// Label columns to use (None: all non-metadata columns).
    pub labels: Option<Vec<String>>,
    /// Positive value per binary column.
    pub positive: BTreeMap<String, String>,
    /// Weight of this source's rows in every fit (1 = as many as they are);
    /// e.g. more weight to a small set of real text beside many written rows.
    pub weight: f32,
}

/// Errors of training.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error(transparent)]
    Data(#[from] DatasetError),
    #[error("head '{head}': {source}")]
    Learn { head: String, source: LearnError },
    #[error("{0}")]
    Plan(String),
}

struct Example {
    text: String,
    class: usize,
    /// Index of the source file the row came from.
    source: usize,
    /// Row of that file: the (comment, party) pairs of one comment share it,
    /// and cross-validation keeps them in one fold.
    row: usize,
    /// 1-based line of the row in its file, for the out-of-fold listing.
    line: u64,
    /// The comment as written (the stance text is a view of it).
    raw: String,
    /// The party of a stance pair.
    party: Option<String>,
    /// Stance pairs: the companion's view of the comment ([`StanceView::companion`]).
    companion_text: String,
}

/// Metrics of the most probable class of each row of `proba` against `y`.
fn metrics_of_argmax(y: &[usize], proba: &[Vec<f64>], classes: &[String]) -> metrics::Metrics {
    let pred: Vec<usize> = proba.iter().map(|p| argmax(p.iter().copied())).collect();
    metrics::classification(y, &pred, classes)
}

/// One out-of-fold prediction of cross-validation: what `train --oof` lists so
/// that an annotator can review the rows where model and label disagree.
#[derive(Debug, Clone, Serialize)]
pub struct OofRow {
    pub head: String,
    pub source: String,
    pub line: u64,
    pub party: String,
    pub gold: String,
    pub predicted: String,
    /// Probability of the predicted class (binary heads: of the positive class).
    pub score: f64,
    pub text: String,
    /// Stance pairs: the comment as the stance head saw it for the party
    /// (placeholders and feature marks); empty for the other heads.
    pub view: String,
}

struct HeadPlan {
    name: String,
    kind: HeadKind,
    classes: Vec<String>,
    examples: Vec<Example>,
    /// stance: party of every example
    parties: Vec<String>,
}

/// Resolves the class of every labelled cell of a non-stance column in one table.
fn column_classes(
    t: &Table,
    col: usize,
    positive: Option<&String>,
    existing: Option<&HeadPlan>,
) -> Result<(HeadKind, Vec<String>, Vec<(usize, usize)>), DatasetError> {
    let name = &t.headers[col];
    let mut values: Vec<String> = Vec::new();
    for r in 0..t.rows.len() {
        let v = t.rows[r][col].trim();
        if !v.is_empty() && !values.iter().any(|x| x == v) {
            values.push(v.to_string());
        }
    }
    values.sort();
    let err = |msg: String| DatasetError::File { path: t.path.clone(), msg };
    if values.is_empty() {
        return Err(err(format!("label column '{name}' has no labelled rows; label some or leave it out with --labels")));
    }
    // Binary: decide which value is positive.
    let binary_pos: Option<String> = if let Some(p) = positive {
        if !values.iter().any(|v| v == p) {
            return Err(err(format!(
                "--positive {name}={p}: no row has that value; the values are: {}",
                values.join(", ")
            )));
        }
        Some(p.clone())
    } else if let Some(h) = existing.filter(|h| h.kind == HeadKind::Binary) {
        values.iter().find(|v| dataset::is_yes(v) || **v == h.classes[1]).cloned()
    } else if values.len() <= 2 && values.iter().all(|v| dataset::is_yes(v) || dataset::is_no(v)) {
        values.iter().find(|v| dataset::is_yes(v)).cloned()
    } else {
        None
    };
    if values.len() <= 2 || positive.is_some() {
        let pos = match binary_pos {
            Some(p) => p,
            None => {
                if values.len() == 1 {
                    return Err(err(format!(
                        "label column '{name}' has a single value '{}'; a head needs two classes",
                        values[0]
                    )));
                }
                return Err(err(format!(
                    "label column '{name}' has the values {}; say which one is positive with --positive {name}=VALUE",
                    values.join(" and ")
                )));
            }
        };
        let neg = values.iter().find(|v| **v != pos).cloned().unwrap_or_else(|| "0".into());
        let mut cells = Vec::new();
        for r in 0..t.rows.len() {
            let v = t.rows[r][col].trim();
            if v.is_empty() {
                continue;
            }
            cells.push((r, (v == pos) as usize));
        }
        let classes = match existing {
            Some(h) => h.classes.clone(),
            None => vec![neg, pos],
        };
        return Ok((HeadKind::Binary, classes, cells));
    }
    let classes = match existing {
        Some(h) if h.kind == HeadKind::Multiclass => h.classes.clone(),
        _ => values.clone(),
    };
    let mut cells = Vec::new();
    for r in 0..t.rows.len() {
        let v = t.rows[r][col].trim();
        if v.is_empty() {
            continue;
        }
        let c = classes.iter().position(|x| x == v).ok_or_else(|| {
            t.row_error(r, format!("column '{name}': value '{v}' is not one of {}", classes.join(", ")))
        })?;
        cells.push((r, c));
    }
    Ok((HeadKind::Multiclass, classes, cells))
}

/// Out-of-fold metrics per group (party, source), groups in sorted order;
/// binary heads are decided at `threshold`.
fn group_metrics(
    groups: &[String],
    y: &[usize],
    oof: &[Vec<f64>],
    classes: &[String],
    threshold: Option<f64>,
) -> Vec<(String, metrics::Metrics)> {
    let mut names: Vec<&String> = groups.iter().collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .map(|g| {
            let idx: Vec<usize> = (0..y.len()).filter(|&i| groups[i] == *g).collect();
            let m = match threshold {
                Some(t) if classes.len() == 2 => {
                    let pos: Vec<bool> = idx.iter().map(|&i| y[i] == 1).collect();
                    let p1: Vec<f64> = idx.iter().map(|&i| oof[i][1]).collect();
                    metrics::binary_at(&pos, &p1, t, &[classes[0].clone(), classes[1].clone()])
                }
                _ => {
                    let gold: Vec<usize> = idx.iter().map(|&i| y[i]).collect();
                    let pred: Vec<usize> = idx.iter().map(|&i| argmax(oof[i].iter().copied())).collect();
                    metrics::classification(&gold, &pred, classes)
                }
            };
            (g.clone(), m)
        })
        .collect()
}

/// Out-of-fold precision asked for before a comment goes to review.
pub const REVIEW_PRECISION: f64 = 0.5;
/// Out-of-fold precision asked for before the report recommends removal.
pub const REMOVE_PRECISION: f64 = 0.9;
/// A precision on fewer flagged comments than this is noise, not a threshold.
const MIN_FLAGGED: usize = 5;

/// The report thresholds of a binary head from its out-of-fold probabilities:
/// review from the lowest score with precision >= 0.5 (else the CV
/// threshold), remove from the lowest with precision >= 0.9 (else none);
/// remove is never below review.
fn operating_points(
    y: &[usize],
    oof: &[Vec<f64>],
    cv_threshold: Option<f64>,
) -> (Option<OperatingPoint>, Option<OperatingPoint>) {
    let positive: Vec<bool> = y.iter().map(|&c| c == 1).collect();
    let p1: Vec<f64> = oof.iter().map(|p| p.get(1).copied().unwrap_or(0.0)).collect();
    let review = threshold_for_precision(&positive, &p1, REVIEW_PRECISION, MIN_FLAGGED).or_else(|| {
        cv_threshold.map(|t| {
            let (precision, recall) = precision_recall_at(&positive, &p1, t);
            OperatingPoint { threshold: t, target_precision: REVIEW_PRECISION, precision, recall }
        })
    });
    let mut remove = threshold_for_precision(&positive, &p1, REMOVE_PRECISION, MIN_FLAGGED);
    if let (Some(r), Some(m)) = (&review, &mut remove) {
        if m.threshold < r.threshold {
            let (precision, recall) = precision_recall_at(&positive, &p1, r.threshold);
            *m = OperatingPoint { threshold: r.threshold, target_precision: REMOVE_PRECISION, precision, recall };
        }
    }
    (review, remove)
}

fn file_sha256(path: &std::path::Path) -> String {
    std::fs::read(path).map(|b| hex(&Sha256::digest(&b))).unwrap_or_default()
}

/// Trains a model from `sources`. `log` receives progress lines.
pub fn train(
    sources: &[Source],
    gazetteer: Gazetteer,
    stance_view: &StanceView,
    config: &TrainConfig,
    command: String,
    log: &mut dyn FnMut(&str),
    mut oof_rows: Option<&mut Vec<OofRow>>,
) -> Result<Model, TrainError> {
    let mut plans: Vec<HeadPlan> = Vec::new();
    let mut infos = Vec::new();
    let mut total_rows = 0;
    for (si, src) in sources.iter().enumerate() {
        let t = read_table(&src.path, &src.read)?;
        total_rows += t.rows.len();
        let cols = t.label_columns(src.labels.as_deref())?;
        for name in src.positive.keys() {
            if t.column(name).is_none() {
                return Err(TrainError::Plan(format!(
                    "{}: --positive names column '{name}', which the file does not have (columns: {})",
                    src.path.display(),
                    t.headers.join(", ")
                )));
            }
        }
        if cols.is_empty() {
            return Err(TrainError::Plan(format!(
                "{}: no label columns; name them with --labels (columns: {})",
                src.path.display(),
                t.headers.join(", ")
            )));
        }
        let mut used = Vec::new();
        for &col in &cols {
            let name = t.headers[col].clone();
            used.push(name.clone());
            if let Some(party) = name.strip_prefix(STANCE_PREFIX) {
                let pi = gazetteer.index_of(party).ok_or_else(|| {
                    TrainError::Plan(format!(
                        "{}: column '{name}' names party '{party}', which is not in the gazetteer; add it to data/parties.toml or rename the column",
                        src.path.display()
                    ))
                })?;
                let idx = match plans.iter().position(|p| p.kind == HeadKind::Stance) {
                    Some(i) => i,
                    None => {
                        plans.push(HeadPlan {
                            name: "stance".into(),
                            kind: HeadKind::Stance,
                            classes: STANCE_CLASSES.iter().map(|s| s.to_string()).collect(),
                            examples: Vec::new(),
                            parties: Vec::new(),
                        });
                        plans.len() - 1
                    }
                };
                for r in 0..t.rows.len() {
                    let v = t.rows[r][col].trim();
                    if v.is_empty() {
                        continue;
                    }
                    let class = stance_class(v).ok_or_else(|| {
                        t.row_error(r, format!("column '{name}': stance '{v}' is not favor, against or none"))
                    })?;
                    let text = gazetteer.stance_view(t.text(r), pi, stance_view);
                    let companion_text = if config.stance_companion {
                        gazetteer.stance_view(t.text(r), pi, &stance_view.companion_of())
                    } else {
                        String::new()
                    };
                    plans[idx].examples.push(Example { text, class, source: si, row: r, line: t.lines[r], raw: t.text(r).to_string(), party: Some(party.to_string()), companion_text });
                    plans[idx].parties.push(party.to_string());
                }
                continue;
            }
            let existing = plans.iter().position(|p| p.name == name);
            let (kind, classes, cells) =
                column_classes(&t, col, src.positive.get(&name), existing.map(|i| &plans[i]))?;
            let idx = match existing {
                Some(i) => {
                    if plans[i].kind != kind {
                        return Err(TrainError::Plan(format!(
                            "{}: column '{name}' is {:?} here but {:?} in an earlier source",
                            src.path.display(),
                            kind,
                            plans[i].kind
                        )));
                    }
                    i
                }
                None => {
                    plans.push(HeadPlan { name: name.clone(), kind, classes, examples: Vec::new(), parties: Vec::new() });
                    plans.len() - 1
                }
            };
            for (r, class) in cells {
                plans[idx].examples.push(Example { text: t.text(r).to_string(), class, source: si, row: r, line: t.lines[r], raw: String::new(), party: None, companion_text: String::new() });
            }
        }
        infos.push(SourceInfo {
            path: src.path.display().to_string(),
            rows: t.rows.len(),
            sha256: file_sha256(&src.path),
            labels: used,
            weight: src.weight,
        });
    }
    let mut heads = Vec::new();
    for plan in plans {
        if plan.kind == HeadKind::Stance {
            log(&format!(
                "training head '{}' on {} labelled (comment, party) pairs of {} parties ...",
                plan.name,
                plan.examples.len(),
                { let mut p = plan.parties.clone(); p.sort(); p.dedup(); p.len() }
            ));
        } else {
            log(&format!(
                "training head '{}' on {} labelled rows ({} rows have no label for it and are not used) ...",
                plan.name,
                plan.examples.len(),
                total_rows - plan.examples.len()
            ));
        }
        let texts: Vec<String> = plan.examples.iter().map(|e| e.text.clone()).collect();
        let y: Vec<usize> = plan.examples.iter().map(|e| e.class).collect();
        // Stance pairs of one comment stay in one fold; binary heads have one row per comment.
        let groups: Option<Vec<usize>> = (plan.kind == HeadKind::Stance).then(|| {
            let mut ids = BTreeMap::new();
            plan.examples.iter().map(|e| { let n = ids.len(); *ids.entry((e.source, e.row)).or_insert(n) }).collect()
        });
        // Source weights, when any source has one other than 1.
        let weights: Option<Vec<f32>> = sources
            .iter()
            .any(|s| s.weight != 1.0)
            .then(|| plan.examples.iter().map(|e| sources[e.source].weight).collect());
        let mut trained = train_head(&texts, &y, groups.as_deref(), &plan.classes, config, weights.as_deref())
            .map_err(|source| TrainError::Learn { head: plan.name.clone(), source })?;
        let companion = if plan.kind == HeadKind::Stance && config.stance_companion {
            log("training the stance companion on the sentences that name the party ...");
            let ctexts: Vec<String> = plan.examples.iter().map(|e| e.companion_text.clone()).collect();
            let c = train_head(&ctexts, &y, groups.as_deref(), &plan.classes, config, weights.as_deref())
                .map_err(|source| TrainError::Learn { head: format!("{} (companion)", plan.name), source })?;
            let fold_of = fold_ids(&y, groups.as_deref(), plan.classes.len(), config)
                .map_err(|source| TrainError::Learn { head: plan.name.clone(), source })?;
            let score = |m: &metrics::Metrics| config.select_by.of(m);
            let (weight, mixed) = choose_mix(&trained.oof, &c.oof, &y, &fold_of, &plan.classes, &score);
            let mixed_metrics = metrics_of_argmax(&y, &mixed, &plan.classes);
            log(&format!(
                "stance: head alone {:.3}, companion alone {:.3}, mixed (companion weight {weight}, cross-fitted) {:.3} macro-F1 out of fold",
                trained.cv.metrics.macro_f1, c.cv.metrics.macro_f1, mixed_metrics.macro_f1
            ));
            trained.cv.metrics = mixed_metrics;
            trained.oof = mixed;
            Some(Companion { view: stance_view.companion_of(), vectorizer: c.vectorizer, model: c.model, weight, cv: c.cv })
        } else {
            None
        };
        // The blame rule votes on the pairs it fires on (out of fold as at scoring).
        let blame = if plan.kind == HeadKind::Stance && stance_view.blame {
            let fired: Vec<usize> = (0..plan.examples.len())
                .filter(|&i| {
                    let e = &plan.examples[i];
                    e.party.as_deref().and_then(|p| gazetteer.index_of(p)).is_some_and(|p| gazetteer.blame(&e.raw, p).is_some())
                })
                .collect();
            let right = |oof: &[Vec<f64>]| fired.iter().filter(|&&i| argmax(oof[i].iter().copied()) == y[i]).count();
            let (right_before, macro_f1_before) = (right(&trained.oof), trained.cv.metrics.macro_f1);
            for &i in &fired {
                trained.oof[i] = crate::model::blame_vote(&trained.oof[i], &plan.classes);
            }
            trained.cv.metrics = metrics_of_argmax(&y, &trained.oof, &plan.classes);
            let b = crate::model::BlameReport {
                pairs: fired.len(),
                against: fired.iter().filter(|&&i| plan.classes[y[i]] == "against").count(),
                right_before,
                right_after: right(&trained.oof),
                macro_f1_before,
                macro_f1_after: trained.cv.metrics.macro_f1,
            };
            log(&format!(
                "stance: the blame rule fires on {} pairs ({} labelled against; right {} -> {}), macro-F1 {:.4} -> {:.4} out of fold",
                b.pairs, b.against, b.right_before, b.right_after, b.macro_f1_before, b.macro_f1_after
            ));
            Some(b)
        } else {
            None
        };
        let party_cv = if plan.kind == HeadKind::Stance {
            group_metrics(&plan.parties, &y, &trained.oof, &plan.classes, None)
        } else {
            Vec::new()
        };
        // Out-of-fold probabilities on the scale the head reports (Head::proba):
        // the thresholds below and the out-of-fold listing use calibrated scores
        // (Platt is monotone: the precision and recall at each cut are the same).
        let oof: Vec<Vec<f64>> = match &trained.calibration {
            Some(c) => trained.oof.iter().map(|p| { let q = c.apply(p[1]); vec![1.0 - q, q] }).collect(),
            None => trained.oof.clone(),
        };
        // Per source, on the same scale as the threshold (calibrated when the head is).
        let source_cv = if sources.len() > 1 {
            let names: Vec<String> = plan.examples.iter().map(|e| sources[e.source].path.display().to_string()).collect();
            group_metrics(&names, &y, &oof, &plan.classes, trained.cv.threshold)
        } else {
            Vec::new()
        };
        let (review_at, remove_at) = if plan.kind == HeadKind::Binary {
            operating_points(&y, &oof, trained.cv.threshold)
        } else {
            (None, None)
        };
        let class_counts =
            plan.classes.iter().enumerate().map(|(c, n)| (n.clone(), y.iter().filter(|&&v| v == c).count())).collect();
        heads.push(Head {
            name: plan.name,
            kind: plan.kind,
            classes: plan.classes,
            threshold: trained.cv.threshold,
            vectorizer: trained.vectorizer,
            model: trained.model,
            cv: trained.cv,
            party_cv,
            source_cv,
            class_counts,
            review_at,
            remove_at,
            calibration: trained.calibration,
            companion,
            blame,
        });
        if let (Some(rows), Some(head)) = (oof_rows.as_deref_mut(), heads.last()) {
            for (e, p) in plan.examples.iter().zip(&oof) {
                let (predicted, score) = head.predict(p);
                rows.push(OofRow {
                    head: head.name.clone(),
                    source: sources[e.source].path.display().to_string(),
                    line: e.line,
                    party: e.party.clone().unwrap_or_default(),
                    gold: head.classes[e.class].clone(),
                    predicted: head.classes[predicted].clone(),
                    score,
                    text: if e.raw.is_empty() { e.text.clone() } else { e.raw.clone() },
                    view: if e.party.is_some() { e.text.clone() } else { String::new() },
                });
            }
        }
    }
    Ok(Model {
        heads,
        gazetteer,
        stance_view: stance_view.clone(),
        card: Card {
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            command,
            sources: infos,
            config: config.clone(),
            lexicons_sha256: Some(crate::model::lexicons_sha256()),
        },
    })
}
