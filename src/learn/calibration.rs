//! Platt scaling: maps a binary head's log-odds `z` to a calibrated
//! probability `sigmoid(a * z + b)`, fitted on out-of-fold scores so that a
//! score of 0.8 means that about 80 % of such comments are positive.
//!
//! The map is monotone (a > 0), so it changes no ranking and no decision:
//! the threshold is carried over into the calibrated scale, and the
//! explanations (contributions to `z`) stay exact up to the factor `a`.

use serde::{Deserialize, Serialize};

use super::logistic::sigmoid;

/// `p = sigmoid(a * z + b)` on the raw log-odds `z`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Platt {
    pub a: f64,
    pub b: f64,
}

impl Platt {
    /// Calibrated probability of a raw probability `p`.
    pub fn apply(&self, p: f64) -> f64 {
        sigmoid(self.a * logit(p) + self.b)
    }

    /// Fits `a, b` by Newton's method on the log loss of raw probabilities
    /// `p` against `positive`, with Platt's smoothed targets
    /// ((N+ + 1)/(N+ + 2) and 1/(N- + 2)). None if a class is absent or the
    /// fit is not increasing.
    pub fn fit(positive: &[bool], p: &[f64]) -> Option<Platt> {
        let n_pos = positive.iter().filter(|&&v| v).count() as f64;
        let n_neg = positive.len() as f64 - n_pos;
        if n_pos == 0.0 || n_neg == 0.0 {
            return None;
        }
        let (hi, lo) = ((n_pos + 1.0) / (n_pos + 2.0), 1.0 / (n_neg + 2.0));
        let z: Vec<f64> = p.iter().map(|&v| logit(v)).collect();
        let t: Vec<f64> = positive.iter().map(|&v| if v { hi } else { lo }).collect();
        let (mut a, mut b) = (1.0f64, 0.0f64);
        for _ in 0..100 {
            let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-12, 0.0, 1e-12);
            for (zi, ti) in z.iter().zip(&t) {
                let q = sigmoid(a * zi + b);
                let d = q - ti;
                let w = q * (1.0 - q);
                ga += d * zi;
                gb += d;
                haa += w * zi * zi;
                hab += w * zi;
                hbb += w;
            }
            let det = haa * hbb - hab * hab;
            if det.abs() < 1e-18 {
                break;
            }
            let da = (hbb * ga - hab * gb) / det;
            let db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if da.abs() < 1e-10 && db.abs() < 1e-10 {
                break;
            }
        }
        (a.is_finite() && b.is_finite() && a > 0.0).then_some(Platt { a, b })
    }
}

/// log(p / (1 - p)), clamped away from 0 and 1.
pub fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    (p / (1.0 - p)).ln()
}

/// Expected calibration error over `bins` equal-width bins of the score.
pub fn ece(positive: &[bool], p: &[f64], bins: usize) -> f64 {
    let mut sum = vec![0.0; bins];
    let mut hit = vec![0.0; bins];
    let mut cnt = vec![0usize; bins];
    for (&y, &v) in positive.iter().zip(p) {
        let k = ((v * bins as f64) as usize).min(bins - 1);
        sum[k] += v;
        hit[k] += y as u8 as f64;
        cnt[k] += 1;
    }
    let n = p.len().max(1) as f64;
    (0..bins).filter(|&k| cnt[k] > 0).map(|k| (sum[k] - hit[k]).abs() / n).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platt_corrects_overconfident_scores_and_keeps_order() {
        // raw scores say 0.9 / 0.1, but only 70 % / 30 % are positive
        let mut pos = Vec::new();
        let mut p = Vec::new();
        for i in 0..1000 {
            let high = i % 2 == 0;
            p.push(if high { 0.9 } else { 0.1 });
            pos.push(if high { (i / 2) % 10 < 7 } else { (i / 2) % 10 < 3 });
        }
        let c = Platt::fit(&pos, &p).unwrap();
        assert!((c.apply(0.9) - 0.7).abs() < 0.02, "{}", c.apply(0.9));
        assert!((c.apply(0.1) - 0.3).abs() < 0.02, "{}", c.apply(0.1));
        assert!(c.apply(0.6) > c.apply(0.5));
        let cal: Vec<f64> = p.iter().map(|&v| c.apply(v)).collect();
        assert!(ece(&pos, &cal, 10) < ece(&pos, &p, 10));
    }
}
