//! Classification metrics: per-class precision/recall/F1, macro-F1 (both the
//! mean of per-class F1 and GermEval 2018's F1 of macro-averaged precision
//! and recall), accuracy, ROC-AUC.

use serde::{Deserialize, Serialize};

/// Precision, recall, F1 and support of one class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassMetrics {
    pub class: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

/// Metrics of one head on one data set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub n: usize,
    pub accuracy: f64,
    /// Mean of the per-class F1 scores (scikit-learn's "macro" F1).
    pub macro_f1: f64,
    /// GermEval 2018's definition: F1 of macro-averaged precision and recall.
    pub germeval_macro_f1: f64,
    pub per_class: Vec<ClassMetrics>,
    /// ROC-AUC of the positive class (binary heads only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roc_auc: Option<f64>,
}

impl Metrics {
    /// F1 of the named class, 0 if absent.
    pub fn f1_of(&self, class: &str) -> f64 {
        self.per_class.iter().find(|c| c.class == class).map(|c| c.f1).unwrap_or(0.0)
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Metrics of predictions `pred` against gold `gold` (class indices into `classes`).
pub fn classification(gold: &[usize], pred: &[usize], classes: &[String]) -> Metrics {
    let k = classes.len();
    let mut conf = vec![vec![0usize; k]; k];
    for (&g, &p) in gold.iter().zip(pred) {
        if g < k && p < k {
            conf[g][p] += 1;
        }
    }
    let n = gold.len();
    let correct: usize = (0..k).map(|c| conf[c][c]).sum();
    let mut per_class = Vec::with_capacity(k);
    for c in 0..k {
        let tp = conf[c][c] as f64;
        let predicted: usize = (0..k).map(|g| conf[g][c]).sum();
        let support: usize = conf[c].iter().sum();
        let precision = if predicted > 0 { tp / predicted as f64 } else { 0.0 };
        let recall = if support > 0 { tp / support as f64 } else { 0.0 };
        per_class.push(ClassMetrics {
            class: classes[c].clone(),
            precision,
            recall,
            f1: f1(precision, recall),
            support,
        });
    }
    let kk = k.max(1) as f64;
    let macro_p = per_class.iter().map(|c| c.precision).sum::<f64>() / kk;
    let macro_r = per_class.iter().map(|c| c.recall).sum::<f64>() / kk;
    Metrics {
        n,
        accuracy: if n > 0 { correct as f64 / n as f64 } else { 0.0 },
        macro_f1: per_class.iter().map(|c| c.f1).sum::<f64>() / kk,
        germeval_macro_f1: f1(macro_p, macro_r),
        per_class,
        roc_auc: None,
    }
}

/// ROC-AUC from scores of the positive class (ties count one half).
/// None when one of the classes is absent.
pub fn roc_auc(positive: &[bool], score: &[f64]) -> Option<f64> {
    let mut idx: Vec<usize> = (0..score.len()).collect();
    idx.sort_by(|&a, &b| score[a].total_cmp(&score[b]));
    let n_pos = positive.iter().filter(|&&p| p).count();
    let n_neg = positive.len() - n_pos;
    if n_pos == 0 || n_neg == 0 {
        return None;
    }
    // average ranks over ties
    let mut rank_sum_pos = 0.0;
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j < idx.len() && score[idx[j]] == score[idx[i]] {
            j += 1;
        }
        let avg_rank = (i + 1 + j) as f64 / 2.0;
        for &t in &idx[i..j] {
            if positive[t] {
                rank_sum_pos += avg_rank;
            }
        }
        i = j;
    }
    let u = rank_sum_pos - (n_pos * (n_pos + 1)) as f64 / 2.0;
    Some(u / (n_pos as f64 * n_neg as f64))
}

/// Binary metrics at `threshold` on positive-class probabilities.
pub fn binary_at(positive: &[bool], proba: &[f64], threshold: f64, classes: &[String; 2]) -> Metrics {
    let gold: Vec<usize> = positive.iter().map(|&p| p as usize).collect();
    let pred: Vec<usize> = proba.iter().map(|&p| (p >= threshold) as usize).collect();
    let mut m = classification(&gold, &pred, classes);
    m.roc_auc = roc_auc(positive, proba);
    m
}

/// The threshold on positive-class probability that maximises macro-F1;
/// candidates are the midpoints between distinct probabilities.
pub fn best_threshold(positive: &[bool], proba: &[f64]) -> f64 {
    best_threshold_by(positive, proba, |m| m.macro_f1)
}

/// The threshold on positive-class probability that maximises `score`
/// (e.g. GermEval's macro-F1); candidates as in [`best_threshold`].
pub fn best_threshold_by(positive: &[bool], proba: &[f64], score: impl Fn(&Metrics) -> f64) -> f64 {
    let mut ps: Vec<f64> = proba.to_vec();
    ps.sort_by(f64::total_cmp);
    ps.dedup();
    if ps.len() < 2 {
        return 0.5;
    }
    let classes = [String::from("0"), String::from("1")];
    // Limit to ~400 candidates for speed on large sets.
    let step = (ps.len() / 400).max(1);
    let mut best = (0.5, f64::NEG_INFINITY);
    for w in ps.windows(2).step_by(step) {
        let t = (w[0] + w[1]) / 2.0;
        let m = binary_at(positive, proba, t, &classes);
        let v = score(&m);
        if v > best.1 + 1e-12 {
            best = (t, v);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn per_class_and_macro() {
        let m = classification(&[0, 0, 1, 1], &[0, 1, 1, 1], &s(&["a", "b"]));
        assert_eq!(m.accuracy, 0.75);
        assert!((m.per_class[0].precision - 1.0).abs() < 1e-12);
        assert!((m.per_class[0].recall - 0.5).abs() < 1e-12);
        assert!((m.per_class[1].precision - 2.0 / 3.0).abs() < 1e-12);
        let f_a = 2.0 * 0.5 / 1.5;
        let f_b = 2.0 * (2.0 / 3.0) / (5.0 / 3.0);
        assert!((m.macro_f1 - (f_a + f_b) / 2.0).abs() < 1e-12);
        // GermEval: F1 of macro P (5/6) and macro R (3/4)
        let (p, r) = (5.0 / 6.0, 0.75);
        assert!((m.germeval_macro_f1 - 2.0 * p * r / (p + r)).abs() < 1e-12);
    }

    #[test]
    fn auc_perfect_random_and_ties() {
        assert_eq!(roc_auc(&[false, false, true, true], &[0.1, 0.2, 0.8, 0.9]), Some(1.0));
        assert_eq!(roc_auc(&[true, true, false, false], &[0.1, 0.2, 0.8, 0.9]), Some(0.0));
        assert_eq!(roc_auc(&[true, false], &[0.5, 0.5]), Some(0.5));
        assert_eq!(roc_auc(&[true, true], &[0.5, 0.7]), None);
    }

    #[test]
    fn threshold_separates_when_possible() {
        let pos = [false, false, false, true, true];
        let p = [0.1, 0.2, 0.3, 0.35, 0.9];
        let t = best_threshold(&pos, &p);
        assert!(t > 0.3 && t < 0.35, "{t}");
    }
}
