//! Cross-validation: stratified k folds (seeded), the choice of C, and the
//! decision threshold of binary heads; out-of-fold metrics.
//!
//! The vectoriser is fitted anew inside every fold on that fold's training
//! texts, so that vocabulary and idf never see the held-out texts.

use linfa::dataset::DatasetBase;
use linfa::traits::Fit;
use ndarray::Array1;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::calibration::Platt;
use super::logistic::{balanced_weights, LearnError, LogisticModel, LogisticParams, SparseRecords};
use super::metrics::{self, Metrics};
use crate::features::{Vectorizer, VectorizerParams};

/// How a head is cross-validated and trained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    pub folds: usize,
    pub seed: u64,
    /// Candidate values of C (inverse L2 strength).
    pub c_grid: Vec<f64>,
    /// Weight classes inversely to their frequency.
    pub balanced: bool,
    pub vectorizer: VectorizerParams,
    /// The metric that chooses C and the threshold of binary heads.
    #[serde(default)]
    pub select_by: SelectBy,
    /// Platt-calibrate binary heads on their out-of-fold scores.
    #[serde(default)]
    pub calibrate: bool,
    /// Binary heads: candidates for NB-SVM-style scaling, chosen by CV
    /// together with C (0 = off). With alpha > 0 every feature is
    /// multiplied by its log-count ratio r = ln((p_f/|p|) / (q_f/|q|)) (p_f,
    /// q_f: positive and negative training documents containing f, plus
    /// alpha) before the fit; the scale is then folded into the weights
    /// (w_f * r_f), so the stored model is a plain linear model on the
    /// tf-idf features and explanations stay exact. Empty = off.
    #[serde(default)]
    pub nb_grid: Vec<f64>,
    /// Heads with more than two classes: per-class offsets added to the
    /// log-probabilities, chosen on the out-of-fold probabilities for the
    /// selection metric (the multi-class analogue of a binary threshold). The
    /// reported CV metrics are then cross-fitted: each fold is scored with the
    /// offsets chosen on the other folds.
    #[serde(default)]
    pub class_bias: bool,
    /// Stance: train a companion model on the sentences that name the party and
    /// mix its probabilities into the head's (weight chosen on out-of-fold
    /// probabilities, cross-fitted like `class_bias`). Off in cards of models
    /// trained before it existed.
    #[serde(default)]
    pub stance_companion: bool,
    /// Choose among the (NB, C) candidates by the one-standard-error rule: the
    /// simplest candidate (NB scaling off before on, then the smallest C) whose
    /// out-of-fold score is within one standard error of the best one's, the
    /// standard error taken over the best candidate's per-fold scores. Off:
    /// the candidate with the best score, however small its lead. Off in
    /// cards of models trained before it existed.
    #[serde(default)]
    pub one_se: bool,
}

/// Metric for the choice of C and of the decision threshold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SelectBy {
    /// Mean of the per-class F1 scores.
    #[default]
    MacroF1,
    /// GermEval 2018's F1 of macro-averaged precision and recall.
    GermEval,
}

impl SelectBy {
    pub fn of(&self, m: &Metrics) -> f64 {
        match self {
            SelectBy::MacroF1 => m.macro_f1,
            SelectBy::GermEval => m.germeval_macro_f1,
        }
    }
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            folds: 5,
            seed: 42,
            c_grid: vec![1.0, 3.0, 10.0],
            balanced: true,
            vectorizer: VectorizerParams::default(),
            select_by: SelectBy::GermEval,
            calibrate: true,
            nb_grid: vec![0.0, 1.0],
            class_bias: false,
            stance_companion: true,
            one_se: true,
        }
    }
}

/// What cross-validation found for one head.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CvReport {
    pub folds: usize,
    pub seed: u64,
    pub n: usize,
    /// (C, macro-F1 out of fold) for every candidate.
    pub grid: Vec<(f64, f64)>,
    pub best_c: f64,
    /// Decision threshold on the positive-class probability (binary heads).
    pub threshold: Option<f64>,
    /// Out-of-fold metrics at the chosen C (and threshold).
    pub metrics: Metrics,
    /// NB-SVM smoothing chosen by CV (0 = no NB scaling).
    #[serde(default)]
    pub nb_alpha: f64,
    /// Heads with more than two classes: the per-class log-probability
    /// offsets (see [`TrainConfig::class_bias`]); empty = none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub class_bias: Vec<f64>,
}

/// A trained head's parts.
pub struct Trained {
    pub vectorizer: Vectorizer,
    pub model: LogisticModel,
    pub cv: CvReport,
    /// Out-of-fold class probabilities at the chosen C, one row per sample.
    pub oof: Vec<Vec<f64>>,
    /// Binary heads with `calibrate`: the Platt map fitted on `oof`
    /// (`cv.threshold` is then in the calibrated scale).
    pub calibration: Option<Platt>,
}

/// What cross-validation alone finds (no final fit): the grid, the best C,
/// the out-of-fold probabilities at it, and the raw threshold (binary).
pub struct CvRun {
    /// (C, score) per candidate (per NB candidate, in `nb_grid` order).
    pub grid: Vec<(f64, f64)>,
    pub best_c: f64,
    pub nb_alpha: f64,
    pub oof: Vec<Vec<f64>>,
    pub threshold: Option<f64>,
    pub metrics: Metrics,
    /// Per-class log-probability offsets chosen on all out-of-fold rows
    /// (empty unless `class_bias` and more than two classes).
    pub class_bias: Vec<f64>,
}

/// Probabilities `p` with log-offsets `bias` added and renormalised.
pub fn apply_class_bias(p: &[f64], bias: &[f64]) -> Vec<f64> {
    if bias.len() != p.len() {
        return p.to_vec();
    }
    let q: Vec<f64> = p.iter().zip(bias).map(|(&a, &b)| a * b.exp()).collect();
    let z: f64 = q.iter().sum();
    if z > 0.0 && z.is_finite() {
        q.into_iter().map(|v| v / z).collect()
    } else {
        p.to_vec()
    }
}

/// The per-class log-offsets (class 0 fixed at 0) that maximise `score` of the
/// argmax predictions of `rows` of `oof`: a grid of -1.5 ..= 1.5 in steps of
/// 0.1 per class, coordinate-wise, three sweeps.
fn choose_class_bias(
    oof: &[Vec<f64>],
    y: &[usize],
    rows: &[usize],
    classes: &[String],
    score: &dyn Fn(&Metrics) -> f64,
) -> Vec<f64> {
    let k = classes.len();
    let logp: Vec<Vec<f64>> = rows.iter().map(|&i| oof[i].iter().map(|&v| v.max(1e-300).ln()).collect()).collect();
    let ys: Vec<usize> = rows.iter().map(|&i| y[i]).collect();
    let eval = |b: &[f64]| -> f64 {
        let pred: Vec<usize> = logp
            .iter()
            .map(|lp| super::logistic::argmax(lp.iter().zip(b).map(|(a, c)| a + c)))
            .collect();
        score(&metrics::classification(&ys, &pred, classes))
    };
    let mut bias = vec![0.0; k];
    let mut best = eval(&bias);
    for _ in 0..3 {
        let mut changed = false;
        for c in 1..k {
            for step in -15..=15 {
                let mut b = bias.clone();
                b[c] = step as f64 / 10.0;
                let v = eval(&b);
                // strictly better only: ties keep the smaller change
                if v > best + 1e-12 {
                    best = v;
                    bias = b;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    bias
}

/// The fold of every sample as [`cross_validate`] assigns it: grouped when
/// `groups` is given (the pairs of one comment stay together), stratified by class.
pub fn fold_ids(y: &[usize], groups: Option<&[usize]>, n_classes: usize, cfg: &TrainConfig) -> Result<Vec<usize>, LearnError> {
    let folds = cfg.folds.max(2);
    match groups {
        Some(g) if g.len() == y.len() => Ok(stratified_group_folds(y, g, n_classes, folds, cfg.seed)),
        Some(_) => Err(LearnError::Data("groups and labels differ in length".into())),
        None => Ok(stratified_folds(y, n_classes, folds, cfg.seed)),
    }
}

/// Weights tried for mixing two models' probabilities: 0, 0.1, ..., 0.8.
const MIX_GRID: [f64; 9] = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];

/// Chooses the weight w of `b` in the mix (1 - w) a + w b of two models'
/// out-of-fold probabilities that maximises `score` of the argmax predictions
/// (ties keep the smaller w). Returns the weight chosen on all rows and the
/// mixed probabilities cross-fitted: the rows of fold f are mixed with the
/// weight chosen on the other folds, so metrics computed from them are not
/// tuned on the rows they are measured on.
pub fn choose_mix(
    a: &[Vec<f64>],
    b: &[Vec<f64>],
    y: &[usize],
    fold_of: &[usize],
    classes: &[String],
    score: &dyn Fn(&Metrics) -> f64,
) -> (f64, Vec<Vec<f64>>) {
    let mixed = |i: usize, w: f64| crate::model::mix(&a[i], &b[i], w);
    let best_on = |rows: &[usize]| -> f64 {
        let ys: Vec<usize> = rows.iter().map(|&i| y[i]).collect();
        let mut best = (0.0, f64::NEG_INFINITY);
        for w in MIX_GRID {
            let pred: Vec<usize> = rows.iter().map(|&i| super::logistic::argmax(mixed(i, w).into_iter())).collect();
            let v = score(&metrics::classification(&ys, &pred, classes));
            if v > best.1 + 1e-12 {
                best = (w, v);
            }
        }
        best.0
    };
    let all: Vec<usize> = (0..y.len()).collect();
    let weight = best_on(&all);
    let n_folds = fold_of.iter().max().map_or(0, |m| m + 1);
    let per_fold: Vec<f64> = (0..n_folds)
        .map(|f| best_on(&(0..y.len()).filter(|&i| fold_of[i] != f).collect::<Vec<_>>()))
        .collect();
    let out = (0..y.len()).map(|i| mixed(i, per_fold[fold_of[i]])).collect();
    (weight, out)
}

/// Fold id of every sample: stratified by class, shuffled with `seed`.
pub fn stratified_folds(y: &[usize], n_classes: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut fold = vec![0; y.len()];
    let mut offset = 0;
    for c in 0..n_classes {
        let mut idx: Vec<usize> = (0..y.len()).filter(|&i| y[i] == c).collect();
        idx.shuffle(&mut rng);
        for (j, i) in idx.into_iter().enumerate() {
            fold[i] = (offset + j) % k;
        }
        // continue the round-robin where this class stopped, so folds stay even in size
        offset += y.iter().filter(|&&v| v == c).count();
    }
    fold
}

/// Fold id of every sample when samples come in groups that must stay
/// together (the (comment, party) pairs of one comment): whole groups are
/// assigned to folds, stratified by class as far as groups allow. Groups are
/// shuffled with `seed`, then taken largest first, each into the fold where
/// its classes are least represented so far (ties: the smaller fold, then the
/// lower index) — the greedy of scikit-learn's `StratifiedGroupKFold`, simplified.
pub fn stratified_group_folds(y: &[usize], groups: &[usize], n_classes: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut members: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, &g) in groups.iter().enumerate() {
        members.entry(g).or_default().push(i);
    }
    let mut order: Vec<Vec<usize>> = members.into_values().collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    order.shuffle(&mut rng);
    order.sort_by_key(|m| std::cmp::Reverse(m.len())); // stable: shuffled order within a size
    let mut total = vec![0usize; n_classes];
    for &c in y {
        total[c] += 1;
    }
    let mut load = vec![vec![0usize; n_classes]; k];
    let mut size = vec![0usize; k];
    let mut fold = vec![0; y.len()];
    for m in order {
        let mut counts = vec![0usize; n_classes];
        for &i in &m {
            counts[y[i]] += 1;
        }
        let cost = |f: usize| -> f64 {
            (0..n_classes)
                .filter(|&c| counts[c] > 0)
                .map(|c| counts[c] as f64 * load[f][c] as f64 / total[c] as f64)
                .sum()
        };
        let best = (0..k)
            .min_by(|&a, &b| cost(a).partial_cmp(&cost(b)).unwrap_or(std::cmp::Ordering::Equal).then(size[a].cmp(&size[b])))
            .unwrap_or(0);
        for &i in &m {
            fold[i] = best;
            load[best][y[i]] += 1;
        }
        size[best] += m.len();
    }
    fold
}

/// Log-count ratios of the columns of `x` for a binary target (see
/// [`TrainConfig::nb_alpha`]).
pub fn nb_ratios(x: &sprs::CsMat<f64>, y: &[usize], alpha: f64) -> Vec<f64> {
    let d = x.cols();
    let mut p = vec![alpha; d];
    let mut q = vec![alpha; d];
    for (i, row) in x.outer_iterator().enumerate() {
        let side = if y[i] == 1 { &mut p } else { &mut q };
        for (c, &v) in row.iter() {
            if v != 0.0 {
                side[c] += 1.0;
            }
        }
    }
    let (sp, sq): (f64, f64) = (p.iter().sum(), q.iter().sum());
    p.iter()
        .zip(&q)
        .map(|(a, b)| ((a / sp) / (b / sq)).ln())
        .collect()
}

/// `x` with every column `c` multiplied by `r[c]`.
pub fn scale_columns(x: &sprs::CsMat<f64>, r: &[f64]) -> sprs::CsMat<f64> {
    let mut out = x.clone();
    for mut row in out.outer_iterator_mut() {
        for (c, v) in row.iter_mut() {
            *v *= r[c];
        }
    }
    out
}

/// Fits a head's model: with `nb_alpha > 0` (binary) on NB-scaled columns,
/// the scale folded back into the weights.
pub fn fit_head_model(
    x: sprs::CsMat<f64>,
    y: &[usize],
    n_classes: usize,
    c: f64,
    nb_alpha: f64,
    cfg: &TrainConfig,
    weights: Option<&[f32]>,
) -> Result<LogisticModel, LearnError> {
    if n_classes == 2 && nb_alpha > 0.0 {
        let r = nb_ratios(&x, y, nb_alpha);
        let mut m = fit_model(scale_columns(&x, &r), y, n_classes, c, cfg.balanced, weights)?;
        for (w, rf) in m.coef.iter_mut().zip(&r) {
            *w = (*w as f64 * rf) as f32;
        }
        return Ok(m);
    }
    fit_model(x, y, n_classes, c, cfg.balanced, weights)
}

/// Fits one logistic model on rows of an already vectorised matrix.
/// `weights` (one per row, e.g. a source's weight from the recipe) multiply
/// the balanced class weights, or stand alone without `balanced`.
pub fn fit_model(
    x: sprs::CsMat<f64>,
    y: &[usize],
    n_classes: usize,
    c: f64,
    balanced: bool,
    weights: Option<&[f32]>,
) -> Result<LogisticModel, LearnError> {
    let mut ds = DatasetBase::new(SparseRecords(x), Array1::from(y.to_vec()));
    let mut w: Option<Vec<f32>> = balanced.then(|| balanced_weights(y, n_classes));
    if let Some(sw) = weights {
        if sw.len() != y.len() {
            return Err(LearnError::Data(format!("{} sample weights for {} rows", sw.len(), y.len())));
        }
        w = Some(match w {
            Some(b) => b.iter().zip(sw).map(|(a, b)| a * b).collect(),
            None => sw.to_vec(),
        });
    }
    if let Some(w) = w {
        ds = ds.with_weights(Array1::from(w));
    }
    LogisticParams::new(n_classes).c(c).fit(&ds)
}

/// Cross-validates C (and the threshold for two classes) and trains the final
/// head on all rows. `classes` names the class indices used in `y`; for a
/// binary head, index 1 is the positive class.
///
/// `groups` (one id per sample), when given, keeps the samples of a group in
/// one fold (see [`stratified_group_folds`]).
pub fn train_head(
    texts: &[String],
    y: &[usize],
    groups: Option<&[usize]>,
    classes: &[String],
    cfg: &TrainConfig,
    weights: Option<&[f32]>,
) -> Result<Trained, LearnError> {
    let k = classes.len();
    let run = cross_validate(texts, y, groups, classes, cfg, weights)?;
    let vectorizer = Vectorizer::fit(&cfg.vectorizer, texts);
    let x = vectorizer.transform(texts);
    let model = fit_head_model(x, y, k, run.best_c, run.nb_alpha, cfg, weights)?;
    let mut threshold = run.threshold;
    let mut calibration = None;
    if k == 2 && cfg.calibrate {
        let positive: Vec<bool> = y.iter().map(|&c| c == 1).collect();
        let p1: Vec<f64> = run.oof.iter().map(|p| p[1]).collect();
        calibration = Platt::fit(&positive, &p1);
        if let (Some(c), Some(t)) = (calibration, threshold) {
            threshold = Some(c.apply(t));
        }
    }
    Ok(Trained {
        vectorizer,
        model,
        cv: CvReport {
            folds: cfg.folds.max(2),
            seed: cfg.seed,
            n: y.len(),
            grid: run.grid,
            best_c: run.best_c,
            nb_alpha: run.nb_alpha,
            threshold,
            metrics: run.metrics,
            class_bias: run.class_bias,
        },
        oof: run.oof,
        calibration,
    })
}

/// Cross-validation only: C (and threshold) by `cfg.select_by`, out-of-fold
/// probabilities and metrics. The vectoriser is refitted in every fold.
pub fn cross_validate(
    texts: &[String],
    y: &[usize],
    groups: Option<&[usize]>,
    classes: &[String],
    cfg: &TrainConfig,
    weights: Option<&[f32]>,
) -> Result<CvRun, LearnError> {
    let k = classes.len();
    if texts.len() != y.len() {
        return Err(LearnError::Data("texts and labels differ in length".into()));
    }
    let mut counts = vec![0usize; k];
    for &c in y {
        counts[c] += 1;
    }
    let folds = cfg.folds.max(2);
    if let Some((c, n)) = counts.iter().enumerate().find(|(_, &n)| n < folds) {
        return Err(LearnError::Data(format!(
            "class '{}' has {n} labelled rows; {folds}-fold cross-validation needs at least {folds} per class — label more rows or drop the column",
            classes[c]
        )));
    }
    if cfg.c_grid.is_empty() {
        return Err(LearnError::Params("the C grid is empty".into()));
    }
    let fold_of = fold_ids(y, groups, k, cfg)?;
    // Vectorise each fold once; reuse across the C grid.
    let mut prepared = Vec::with_capacity(folds);
    for f in 0..folds {
        let tr: Vec<usize> = (0..y.len()).filter(|&i| fold_of[i] != f).collect();
        let te: Vec<usize> = (0..y.len()).filter(|&i| fold_of[i] == f).collect();
        let tr_texts: Vec<&str> = tr.iter().map(|&i| texts[i].as_str()).collect();
        let te_texts: Vec<&str> = te.iter().map(|&i| texts[i].as_str()).collect();
        let v = Vectorizer::fit(&cfg.vectorizer, &tr_texts);
        let xtr = v.transform(&tr_texts);
        let xte = v.transform(&te_texts);
        let ytr: Vec<usize> = tr.iter().map(|&i| y[i]).collect();
        let wtr: Option<Vec<f32>> = weights.map(|w| tr.iter().map(|&i| w[i]).collect());
        prepared.push((te, xtr, ytr, xte, wtr));
    }
    let positive: Vec<bool> = y.iter().map(|&c| c == 1).collect();
    let binary_classes = || [classes[0].clone(), classes[1].clone()];
    // The metrics of rows `rows` at threshold `t` (binary heads) or of the argmax.
    let metrics_on = |rows: &[usize], oof: &[Vec<f64>], t: Option<f64>| -> Metrics {
        match t {
            Some(t) => {
                let pos: Vec<bool> = rows.iter().map(|&i| positive[i]).collect();
                let p1: Vec<f64> = rows.iter().map(|&i| oof[i][1]).collect();
                metrics::binary_at(&pos, &p1, t, &binary_classes())
            }
            None => {
                let yt: Vec<usize> = rows.iter().map(|&i| y[i]).collect();
                let pred: Vec<usize> = rows.iter().map(|&i| super::logistic::argmax(oof[i].iter().copied())).collect();
                metrics::classification(&yt, &pred, classes)
            }
        }
    };
    let all: Vec<usize> = (0..y.len()).collect();
    let evaluate = |oof: &[Vec<f64>]| -> (Option<f64>, Metrics) {
        let t = (k == 2).then(|| {
            let p1: Vec<f64> = oof.iter().map(|p| p[1]).collect();
            metrics::best_threshold_by(&positive, &p1, |m| cfg.select_by.of(m))
        });
        (t, metrics_on(&all, oof, t))
    };
    // The score of each fold's rows alone, at the threshold chosen on all of them.
    let fold_scores = |oof: &[Vec<f64>], t: Option<f64>| -> Vec<f64> {
        prepared.iter().map(|(te, ..)| cfg.select_by.of(&metrics_on(te, oof, t))).collect()
    };
    let mut grid = Vec::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    let nb_grid: Vec<f64> = if k == 2 && !cfg.nb_grid.is_empty() {
        cfg.nb_grid.clone()
    } else {
        vec![0.0]
    };
    for &nb in &nb_grid {
        for &c in &cfg.c_grid {
            let mut oof = vec![Vec::new(); y.len()];
            for (te, xtr, ytr, xte, wtr) in &prepared {
                let m = fit_head_model(xtr.clone(), ytr, k, c, nb, cfg, wtr.as_deref())?;
                let p = m.predict_proba(xte);
                for (r, &i) in te.iter().enumerate() {
                    oof[i] = p.row(r).to_vec();
                }
            }
            let (t, m) = evaluate(&oof);
            let score = cfg.select_by.of(&m);
            grid.push((c, score));
            let folds_scores = if cfg.one_se { fold_scores(&oof, t) } else { Vec::new() };
            candidates.push(Candidate { c, nb, score, fold_scores: folds_scores, oof, threshold: t, metrics: m });
        }
    }
    let chosen = choose_candidate(&candidates, cfg.one_se).ok_or_else(|| LearnError::Params("the C grid is empty".into()))?;
    let Candidate { c: best_c, nb: nb_alpha, mut oof, threshold, mut metrics, .. } = candidates.swap_remove(chosen);
    let mut class_bias = Vec::new();
    if k > 2 && cfg.class_bias {
        let score = |m: &Metrics| cfg.select_by.of(m);
        class_bias = choose_class_bias(&oof, y, &all, classes, &score);
        // Cross-fitted: the out-of-fold probabilities of fold f get the offsets
        // chosen on the other folds, and the metrics are computed from them.
        let per_fold: Vec<Vec<f64>> = (0..folds)
            .map(|f| {
                let others: Vec<usize> = (0..y.len()).filter(|&i| fold_of[i] != f).collect();
                choose_class_bias(&oof, y, &others, classes, &score)
            })
            .collect();
        for (i, p) in oof.iter_mut().enumerate() {
            *p = apply_class_bias(p, &per_fold[fold_of[i]]);
        }
        metrics = evaluate(&oof).1;
    }
    Ok(CvRun {
        grid,
        best_c,
        nb_alpha,
        oof,
        threshold,
        metrics,
        class_bias,
    })
}

/// One (NB, C) candidate of cross-validation.
struct Candidate {
    c: f64,
    nb: f64,
    /// Out-of-fold score over all rows.
    score: f64,
    /// The score of each fold's rows (for the one-standard-error rule).
    fold_scores: Vec<f64>,
    oof: Vec<Vec<f64>>,
    threshold: Option<f64>,
    metrics: Metrics,
}

/// The index of the chosen candidate: the best score, or with `one_se` the simplest
/// candidate (NB off before on, then the smallest C) within one standard error of the
/// best (the standard error of the mean of the best candidate's per-fold scores).
/// Candidates within noise of each other differ in how well they fit the training
/// data's style, and the more regularised one carries better to other text.
fn choose_candidate(cands: &[Candidate], one_se: bool) -> Option<usize> {
    let best = (0..cands.len()).fold(None, |b: Option<usize>, i| match b {
        Some(j) if cands[i].score <= cands[j].score + 1e-9 => Some(j),
        _ => Some(i),
    })?;
    if !one_se {
        return Some(best);
    }
    let f = &cands[best].fold_scores;
    let n = f.len() as f64;
    let se = if f.len() > 1 {
        let mean = f.iter().sum::<f64>() / n;
        (f.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt() / n.sqrt()
    } else {
        0.0
    };
    let simpler = |a: &Candidate, b: &Candidate| (a.nb > 0.0, a.c).partial_cmp(&(b.nb > 0.0, b.c)).unwrap_or(std::cmp::Ordering::Equal);
    (0..cands.len())
        .filter(|&i| cands[i].score >= cands[best].score - se - 1e-12)
        .min_by(|&i, &j| simpler(&cands[i], &cands[j]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_standard_error_rule_prefers_the_simplest_candidate_within_noise() {
        let cand = |c: f64, nb: f64, score: f64, fold_scores: Vec<f64>| Candidate {
            c,
            nb,
            score,
            fold_scores,
            oof: Vec::new(),
            threshold: None,
            metrics: Metrics { n: 0, accuracy: 0.0, macro_f1: 0.0, germeval_macro_f1: 0.0, per_class: Vec::new(), roc_auc: None },
        };
        // best: NB on, C 10 at 0.930; its folds spread 0.90..0.96 (SE ~0.011)
        let noisy = vec![0.90, 0.915, 0.93, 0.945, 0.96];
        let cands = vec![
            cand(3.0, 0.0, 0.925, noisy.clone()),
            cand(10.0, 0.0, 0.927, noisy.clone()),
            cand(3.0, 1.0, 0.926, noisy.clone()),
            cand(10.0, 1.0, 0.930, noisy.clone()),
        ];
        assert_eq!(choose_candidate(&cands, false), Some(3));
        assert_eq!(choose_candidate(&cands, true), Some(0));
        // with folds that agree closely (SE ~0.0005) the lead of 0.005 is real
        let tight = vec![0.9295, 0.9298, 0.93, 0.9302, 0.9305];
        let cands = vec![cand(3.0, 0.0, 0.925, tight.clone()), cand(10.0, 0.0, 0.930, tight.clone())];
        assert_eq!(choose_candidate(&cands, true), Some(1));
        // within the standard error, the smaller C wins among equals in NB
        let cands = vec![cand(10.0, 0.0, 0.930, noisy.clone()), cand(3.0, 0.0, 0.929, noisy)];
        assert_eq!(choose_candidate(&cands, true), Some(1));
    }

    #[test]
    fn mix_weight_is_the_smallest_that_fixes_both_models_errors() {
        // a is right (confidently) on even rows and wrong (narrowly) on odd rows,
        // b the other way round; from w = 0.2 on the mix is right everywhere.
        let classes: Vec<String> = ["against", "favor", "none"].iter().map(|s| s.to_string()).collect();
        let y: Vec<usize> = (0..60).map(|i| i % 3).collect();
        let probs = |i: usize, sure: bool| -> Vec<f64> {
            let (g, w) = (y[i], (y[i] + 1) % 3);
            let mut p = vec![0.0; 3];
            if sure {
                p[g] = 0.9;
                p[w] = 0.05;
                p[3 - g - w] = 0.05;
            } else {
                p[g] = 0.35;
                p[w] = 0.45;
                p[3 - g - w] = 0.2;
            }
            p
        };
        let a: Vec<Vec<f64>> = (0..60).map(|i| probs(i, i % 2 == 0)).collect();
        let b: Vec<Vec<f64>> = (0..60).map(|i| probs(i, i % 2 == 1)).collect();
        let fold_of: Vec<usize> = (0..60).map(|i| (i / 3) % 5).collect();
        let score = |m: &Metrics| m.macro_f1;
        let (w, mixed) = choose_mix(&a, &b, &y, &fold_of, &classes, &score);
        assert_eq!(w, 0.2);
        for i in 0..60 {
            assert_eq!(crate::learn::logistic::argmax(mixed[i].iter().copied()), y[i], "row {i}");
            assert_eq!(mixed[i], crate::model::mix(&a[i], &b[i], 0.2), "row {i}: every fold chose 0.2 on the others");
        }
        // a companion that only repeats the head gets no weight
        let (w, same) = choose_mix(&a, &a, &y, &fold_of, &classes, &score);
        assert_eq!(w, 0.0);
        assert_eq!(same, a);
    }

    #[test]
    fn class_bias_recovers_an_underpredicted_class() {
        // Class 2 is always scored a little below class 0: without offsets it is
        // never predicted; an offset for class 2 fixes every such row.
        let classes: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let mut oof = Vec::new();
        let mut y = Vec::new();
        for i in 0..300 {
            let c = i % 3;
            y.push(c);
            oof.push(match c {
                0 => vec![0.6, 0.1, 0.3],
                1 => vec![0.2, 0.7, 0.1],
                _ => vec![0.45, 0.15, 0.4],
            });
        }
        let rows: Vec<usize> = (0..300).collect();
        let score = |m: &Metrics| m.macro_f1;
        let b = choose_class_bias(&oof, &y, &rows, &classes, &score);
        assert_eq!(b[0], 0.0);
        assert!(b[2] > 0.0, "{b:?}");
        let pred: Vec<usize> = oof.iter().map(|p| crate::learn::logistic::argmax(apply_class_bias(p, &b).into_iter())).collect();
        assert_eq!(pred, y, "offsets {b:?}");
        let q = apply_class_bias(&oof[2], &b);
        assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        // wrong length: probabilities unchanged
        assert_eq!(apply_class_bias(&[0.2, 0.8], &[1.0, 0.0, 0.0]), vec![0.2, 0.8]);
    }

    #[test]
    fn folds_are_stratified_and_deterministic() {
        let y: Vec<usize> = (0..100).map(|i| (i % 10 == 0) as usize).collect();
        let a = stratified_folds(&y, 2, 5, 7);
        let b = stratified_folds(&y, 2, 5, 7);
        assert_eq!(a, b);
        for f in 0..5 {
            let pos = (0..100).filter(|&i| a[i] == f && y[i] == 1).count();
            let all = a.iter().filter(|&&x| x == f).count();
            assert_eq!(pos, 2);
            assert_eq!(all, 20);
        }
        assert_ne!(a, stratified_folds(&y, 2, 5, 8));
    }

    #[test]
    fn group_folds_keep_groups_together_and_stay_balanced() {
        // 300 comments with 1–3 pairs each; classes cycle.
        let mut y = Vec::new();
        let mut g = Vec::new();
        for c in 0..300 {
            for j in 0..(1 + c % 3) {
                g.push(c);
                y.push((c + j) % 3);
            }
        }
        let f = stratified_group_folds(&y, &g, 3, 5, 42);
        assert_eq!(f, stratified_group_folds(&y, &g, 3, 5, 42));
        for i in 0..y.len() {
            for j in 0..y.len() {
                if g[i] == g[j] {
                    assert_eq!(f[i], f[j], "samples of group {} split", g[i]);
                }
            }
        }
        for fold in 0..5 {
            for class in 0..3 {
                let n = (0..y.len()).filter(|&i| f[i] == fold && y[i] == class).count();
                let total = y.iter().filter(|&&c| c == class).count();
                let share = n as f64 / total as f64;
                assert!((share - 0.2).abs() < 0.03, "fold {fold} class {class}: share {share:.3}");
            }
        }
    }

    #[test]
    fn source_weights_tilt_the_fit_and_must_match_the_rows() {
        // Feature 0 appears in 6 rows: 3 labelled 0 (rows 0-2), 3 labelled 1
        // (rows 3-5); feature 1 marks 2 more rows of each class. Unweighted, the
        // shared feature carries no sign; weighting rows 3-5 (a "source") by 4
        // makes it point to class 1.
        let mut tri = sprs::TriMat::new((10, 2));
        for r in 0..6 {
            tri.add_triplet(r, 0, 1.0);
        }
        for r in 6..10 {
            tri.add_triplet(r, 1, 1.0);
        }
        let x: sprs::CsMat<f64> = tri.to_csr();
        let y = [0, 0, 0, 1, 1, 1, 0, 0, 1, 1];
        let plain = fit_model(x.clone(), &y, 2, 1.0, true, None).unwrap();
        assert!(plain.weight(0, 0).abs() < 1e-3, "{}", plain.weight(0, 0));
        let w: Vec<f32> = (0..10).map(|i| if (3..6).contains(&i) { 4.0 } else { 1.0 }).collect();
        let tilted = fit_model(x.clone(), &y, 2, 1.0, true, Some(&w)).unwrap();
        assert!(tilted.weight(0, 0) > 0.3, "{}", tilted.weight(0, 0));
        let err = fit_model(x, &y, 2, 1.0, true, Some(&w[..9])).err().unwrap();
        assert!(err.to_string().contains("9 sample weights for 10 rows"), "{err}");
    }

    #[test]
    fn too_few_rows_per_class_is_an_error() {
        let texts: Vec<String> = (0..10).map(|i| format!("text {i}")).collect();
        let mut y = vec![0; 10];
        y[0] = 1;
        let classes = vec!["0".to_string(), "1".to_string()];
        let err = train_head(&texts, &y, None, &classes, &TrainConfig::default(), None)
            .err()
            .unwrap();
        assert!(err.to_string().contains("label more rows"), "{err}");
    }
}
