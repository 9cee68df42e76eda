//! Sparse logistic regression (binary and multinomial) with L2, behind
//! linfa's `Fit`/`PredictInplace` traits.
//!
//! linfa-logistic fits dense `Array2` only; a TF-IDF matrix is sparse
//! (~0.1 % non-zero), so this trainer works on CSR rows (`sprs`) and
//! optimises with argmin's L-BFGS and More–Thuente line search — the same
//! optimiser linfa-logistic uses. The objective is the one linfa-logistic
//! minimises, with per-sample weights:
//!
//! `sum_i w_i * loss_i + alpha/2 * ||W||^2`, alpha = 1 / C, the intercept not
//! regularised; loss is the log loss of the sigmoid (two classes, one weight
//! vector) or of the softmax (K > 2 classes, K weight vectors).
//!
//! A test in `tests/linfa_reference.rs` shows both reach the same
//! coefficients on a small dense problem.

use std::cell::RefCell;

use argmin::core::{CostFunction, Executor, Gradient, State};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use linfa::dataset::{DatasetBase, Records};
use linfa::traits::{Fit, PredictInplace};
use linfa::ParamGuard;
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};
use sprs::CsMat;

/// Errors of training.
#[derive(Debug, thiserror::Error)]
pub enum LearnError {
    #[error("invalid training parameter: {0}")]
    Params(String),
    #[error("cannot train: {0}")]
    Data(String),
    #[error("optimiser failed: {0}")]
    Optimiser(String),
    #[error(transparent)]
    Linfa(#[from] linfa::Error),
}

/// CSR records for linfa's traits (linfa has no sparse `Records`; see linfa #192).
#[derive(Debug, Clone)]
pub struct SparseRecords(pub CsMat<f64>);

impl Records for SparseRecords {
    type Elem = f64;
    fn nsamples(&self) -> usize {
        self.0.rows()
    }
    fn nfeatures(&self) -> usize {
        self.0.cols()
    }
}

/// Validated hyper-parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidLogisticParams {
    /// Inverse regularisation strength (alpha = 1/C).
    pub c: f64,
    /// Number of classes; targets are 0..n_classes.
    pub n_classes: usize,
    pub max_iterations: u64,
    /// Stop when the gradient norm falls below this.
    pub gradient_tolerance: f64,
}

/// Hyper-parameters, checked into [`ValidLogisticParams`] on `fit` (linfa's ParamGuard pattern).
#[derive(Debug, Clone, PartialEq)]
pub struct LogisticParams(ValidLogisticParams);

impl LogisticParams {
    pub fn new(n_classes: usize) -> Self {
        LogisticParams(ValidLogisticParams {
            c: 1.0,
            n_classes,
            max_iterations: 300,
            gradient_tolerance: 1e-5,
        })
    }
    pub fn c(mut self, c: f64) -> Self {
        self.0.c = c;
        self
    }
    pub fn max_iterations(mut self, n: u64) -> Self {
        self.0.max_iterations = n;
        self
    }
    pub fn gradient_tolerance(mut self, t: f64) -> Self {
        self.0.gradient_tolerance = t;
        self
    }
}

impl ParamGuard for LogisticParams {
    type Checked = ValidLogisticParams;
    type Error = LearnError;
    fn check_ref(&self) -> Result<&ValidLogisticParams, LearnError> {
        let p = &self.0;
        if !(p.c.is_finite() && p.c > 0.0) {
            return Err(LearnError::Params(format!("C must be a positive number, got {}", p.c)));
        }
        if p.n_classes < 2 {
            return Err(LearnError::Params("a classifier needs at least two classes".into()));
        }
        if !(p.gradient_tolerance.is_finite() && p.gradient_tolerance > 0.0) {
            return Err(LearnError::Params("gradient tolerance must be positive".into()));
        }
        Ok(p)
    }
    fn check(self) -> Result<ValidLogisticParams, LearnError> {
        self.check_ref()?;
        Ok(self.0)
    }
}

/// A fitted model: `n_out` weight vectors (1 for two classes, K otherwise).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogisticModel {
    pub n_features: usize,
    pub n_classes: usize,
    /// Row-major `n_features x n_out`.
    pub coef: Vec<f32>,
    pub intercept: Vec<f32>,
}

impl LogisticModel {
    /// Number of weight vectors: 1 for a binary model, else the number of classes.
    pub fn n_out(&self) -> usize {
        if self.n_classes == 2 {
            1
        } else {
            self.n_classes
        }
    }

    /// Weight of feature `f` for output `k`.
    pub fn weight(&self, f: u32, k: usize) -> f64 {
        self.coef.get(f as usize * self.n_out() + k).copied().unwrap_or(0.0) as f64
    }

    /// Linear scores of one sparse row.
    pub fn decision(&self, indices: &[u32], values: &[f32]) -> Vec<f64> {
        let k = self.n_out();
        let mut z: Vec<f64> = self.intercept.iter().map(|&b| b as f64).collect();
        for (&f, &x) in indices.iter().zip(values) {
            let f = f as usize;
            if f >= self.n_features {
                continue;
            }
            for (o, zo) in z.iter_mut().enumerate() {
                *zo += self.coef[f * k + o] as f64 * x as f64;
            }
        }
        z
    }

    /// Class probabilities of one sparse row (length n_classes).
    pub fn proba_row(&self, indices: &[u32], values: &[f32]) -> Vec<f64> {
        let z = self.decision(indices, values);
        if self.n_classes == 2 {
            let p = sigmoid(z[0]);
            vec![1.0 - p, p]
        } else {
            softmax(&z)
        }
    }

    /// Class probabilities of every row of `x` (n_samples x n_classes).
    pub fn predict_proba(&self, x: &CsMat<f64>) -> Array2<f64> {
        let mut out = Array2::zeros((x.rows(), self.n_classes));
        let mut idx = Vec::new();
        let mut val = Vec::new();
        for (i, row) in x.outer_iterator().enumerate() {
            idx.clear();
            val.clear();
            for (c, &v) in row.iter() {
                idx.push(c as u32);
                val.push(v as f32);
            }
            for (k, p) in self.proba_row(&idx, &val).into_iter().enumerate() {
                out[[i, k]] = p;
            }
        }
        out
    }
}

impl PredictInplace<SparseRecords, Array1<usize>> for LogisticModel {
    fn predict_inplace<'a>(&'a self, x: &'a SparseRecords, y: &mut Array1<usize>) {
        let p = self.predict_proba(&x.0);
        for (i, row) in p.outer_iter().enumerate() {
            if let Some(slot) = y.get_mut(i) {
                *slot = argmax(row.iter().copied());
            }
        }
    }
    fn default_target(&self, x: &SparseRecords) -> Array1<usize> {
        Array1::zeros(x.nsamples())
    }
}

pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

pub fn softmax(z: &[f64]) -> Vec<f64> {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let s: f64 = e.iter().sum();
    e.into_iter().map(|v| v / s).collect()
}

pub fn argmax(it: impl Iterator<Item = f64>) -> usize {
    let mut best = (0, f64::NEG_INFINITY);
    for (i, v) in it.enumerate() {
        if v > best.1 {
            best = (i, v);
        }
    }
    best.0
}

/// The objective over CSR rows; cost and gradient are computed together
/// and cached, since L-BFGS asks for both at the same point.
struct Objective<'a> {
    x: &'a CsMat<f64>,
    y: &'a [usize],
    w: Vec<f64>,
    alpha: f64,
    n_out: usize,
    cache: RefCell<Option<(Array1<f64>, f64, Array1<f64>)>>,
}

impl Objective<'_> {
    fn eval(&self, p: &Array1<f64>) -> (f64, Array1<f64>) {
        if let Some((q, c, g)) = &*self.cache.borrow() {
            if q == p {
                return (*c, g.clone());
            }
        }
        let k = self.n_out;
        let d = self.x.cols();
        let coef = p.as_slice().expect("contiguous parameter vector");
        let (wmat, bias) = coef.split_at(d * k);
        let mut grad = vec![0.0f64; p.len()];
        let mut cost = 0.0;
        let mut z = vec![0.0f64; k];
        for (i, row) in self.x.outer_iterator().enumerate() {
            z.copy_from_slice(bias);
            for (c, &v) in row.iter() {
                for (o, zo) in z.iter_mut().enumerate() {
                    *zo += wmat[c * k + o] * v;
                }
            }
            let wi = self.w[i];
            let yi = self.y[i];
            // dz: derivative of the sample's weighted loss by its scores
            if k == 1 {
                let t = if yi == 1 { 1.0 } else { 0.0 };
                // log(1 + e^z) - t z, computed stably
                let zi = z[0];
                let l = if zi > 0.0 { zi + (-zi).exp().ln_1p() } else { zi.exp().ln_1p() } - t * zi;
                cost += wi * l;
                z[0] = wi * (sigmoid(zi) - t);
            } else {
                let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let s: f64 = z.iter().map(|v| (v - m).exp()).sum();
                let lse = m + s.ln();
                cost += wi * (lse - z[yi]);
                for (o, zo) in z.iter_mut().enumerate() {
                    let pr = (*zo - lse).exp();
                    *zo = wi * (pr - if o == yi { 1.0 } else { 0.0 });
                }
            }
            for (c, &v) in row.iter() {
                for o in 0..k {
                    grad[c * k + o] += v * z[o];
                }
            }
            for o in 0..k {
                grad[d * k + o] += z[o];
            }
        }
        let mut reg = 0.0;
        for (gj, &wj) in grad[..d * k].iter_mut().zip(wmat) {
            reg += wj * wj;
            *gj += self.alpha * wj;
        }
        cost += 0.5 * self.alpha * reg;
        let grad = Array1::from(grad);
        *self.cache.borrow_mut() = Some((p.clone(), cost, grad.clone()));
        (cost, grad)
    }
}

impl CostFunction for Objective<'_> {
    type Param = Array1<f64>;
    type Output = f64;
    fn cost(&self, p: &Array1<f64>) -> Result<f64, argmin::core::Error> {
        Ok(self.eval(p).0)
    }
}

impl Gradient for Objective<'_> {
    type Param = Array1<f64>;
    type Gradient = Array1<f64>;
    fn gradient(&self, p: &Array1<f64>) -> Result<Array1<f64>, argmin::core::Error> {
        Ok(self.eval(p).1)
    }
}

impl Fit<SparseRecords, Array1<usize>, LearnError> for ValidLogisticParams {
    type Object = LogisticModel;

    fn fit(&self, ds: &DatasetBase<SparseRecords, Array1<usize>>) -> Result<LogisticModel, LearnError> {
        let x = &ds.records.0;
        let y = ds.targets.as_slice().ok_or_else(|| LearnError::Data("targets not contiguous".into()))?;
        if x.rows() != y.len() {
            return Err(LearnError::Data(format!("{} rows but {} targets", x.rows(), y.len())));
        }
        if x.rows() == 0 {
            return Err(LearnError::Data("no training rows".into()));
        }
        if let Some(&bad) = y.iter().find(|&&c| c >= self.n_classes) {
            return Err(LearnError::Data(format!("target {bad} outside 0..{}", self.n_classes)));
        }
        let w: Vec<f64> = match ds.weights() {
            Some(w) if w.len() == y.len() => w.iter().map(|&v| v as f64).collect(),
            _ => vec![1.0; y.len()],
        };
        let n_out = if self.n_classes == 2 { 1 } else { self.n_classes };
        let d = x.cols();
        let obj = Objective { x, y, w, alpha: 1.0 / self.c, n_out, cache: RefCell::new(None) };
        let init = Array1::<f64>::zeros(d * n_out + n_out);
        let solver = LBFGS::new(MoreThuenteLineSearch::new(), 10)
            .with_tolerance_grad(self.gradient_tolerance)
            .map_err(|e| LearnError::Optimiser(e.to_string()))?
            .with_tolerance_cost(1e-12)
            .map_err(|e| LearnError::Optimiser(e.to_string()))?;
        let res = Executor::new(obj, solver)
            .configure(|s| s.param(init).max_iters(self.max_iterations))
            .run()
            .map_err(|e| LearnError::Optimiser(e.to_string()))?;
        let p = res
            .state()
            .get_best_param()
            .cloned()
            .ok_or_else(|| LearnError::Optimiser("no parameters found".into()))?;
        let p = p.to_vec();
        if p.iter().any(|v| !v.is_finite()) {
            return Err(LearnError::Optimiser("training diverged (non-finite weights)".into()));
        }
        Ok(LogisticModel {
            n_features: d,
            n_classes: self.n_classes,
            coef: p[..d * n_out].iter().map(|&v| v as f32).collect(),
            intercept: p[d * n_out..].iter().map(|&v| v as f32).collect(),
        })
    }
}

/// "Balanced" sample weights: n / (n_classes * count(class)).
pub fn balanced_weights(y: &[usize], n_classes: usize) -> Vec<f32> {
    let mut count = vec![0usize; n_classes];
    for &c in y {
        if c < n_classes {
            count[c] += 1;
        }
    }
    let present = count.iter().filter(|&&c| c > 0).count().max(1);
    y.iter()
        .map(|&c| y.len() as f32 / (present as f32 * count.get(c).copied().unwrap_or(1).max(1) as f32))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sprs::TriMat;

    fn toy() -> (CsMat<f64>, Array1<usize>) {
        // feature 0 marks class 1, feature 1 marks class 0, feature 2 is noise
        let rows = [
            (vec![(0, 1.0), (2, 0.3)], 1),
            (vec![(0, 0.8)], 1),
            (vec![(0, 0.9), (2, 0.5)], 1),
            (vec![(1, 1.0)], 0),
            (vec![(1, 0.7), (2, 0.4)], 0),
            (vec![(1, 0.9)], 0),
        ];
        let mut t = TriMat::new((rows.len(), 3));
        for (i, (r, _)) in rows.iter().enumerate() {
            for &(c, v) in r {
                t.add_triplet(i, c, v);
            }
        }
        (t.to_csr(), rows.iter().map(|r| r.1).collect())
    }

    #[test]
    fn binary_fit_separates_and_predicts() {
        let (x, y) = toy();
        let ds = DatasetBase::new(SparseRecords(x.clone()), y.clone());
        let m = LogisticParams::new(2).c(10.0).fit(&ds).unwrap();
        assert!(m.weight(0, 0) > 0.5 && m.weight(1, 0) < -0.5);
        let recs = SparseRecords(x);
        let mut pred = m.default_target(&recs);
        m.predict_inplace(&recs, &mut pred);
        assert_eq!(pred, y);
    }

    #[test]
    fn multinomial_fit_learns_three_classes() {
        let mut t = TriMat::new((6, 3));
        for i in 0..6 {
            t.add_triplet(i, i % 3, 1.0);
        }
        let y: Array1<usize> = (0..6).map(|i| i % 3).collect();
        let ds = DatasetBase::new(SparseRecords(t.to_csr()), y.clone());
        let m = LogisticParams::new(3).c(10.0).fit(&ds).unwrap();
        let p = m.predict_proba(&ds.records.0);
        for i in 0..6 {
            assert_eq!(argmax(p.row(i).iter().copied()), y[i]);
            assert!((p.row(i).sum() - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn bad_params_are_rejected() {
        let (x, y) = toy();
        let ds = DatasetBase::new(SparseRecords(x), y);
        assert!(LogisticParams::new(2).c(0.0).fit(&ds).is_err());
        assert!(LogisticParams::new(1).fit(&ds).is_err());
    }

    #[test]
    fn balanced_weights_equalise_classes() {
        let w = balanced_weights(&[0, 0, 0, 1], 2);
        assert!((w[0] * 3.0 - w[3]).abs() < 1e-6);
        let total: f32 = w.iter().sum();
        assert!((total - 4.0).abs() < 1e-5);
    }
}
