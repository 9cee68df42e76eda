//! linfa-logistic is the reference: on a small dense problem our sparse
//! trainer must reach the same coefficients (to 1e-4) for the same objective.

use comment_radar::learn::logistic::{LogisticParams, SparseRecords};
use linfa::dataset::DatasetBase;
use linfa::traits::Fit;
use linfa_logistic::{LogisticRegression, MultiLogisticRegression};
use ndarray::{Array1, Array2};
use sprs::CsMat;

/// A deterministic pseudo-random dense problem with some zeros.
fn problem(n: usize, d: usize, classes: usize) -> (Array2<f64>, Vec<usize>) {
    let mut state: u64 = 0x9e3779b97f4a7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % 10_000) as f64 / 10_000.0
    };
    let true_w: Vec<f64> = (0..d * classes).map(|_| next() * 4.0 - 2.0).collect();
    let mut x = Array2::zeros((n, d));
    let mut y = Vec::with_capacity(n);
    for i in 0..n {
        for j in 0..d {
            let v = next();
            x[[i, j]] = if v < 0.3 { 0.0 } else { v * 2.0 - 1.0 };
        }
        let scores: Vec<f64> =
            (0..classes).map(|k| (0..d).map(|j| x[[i, j]] * true_w[j * classes + k]).sum::<f64>() + next()).collect();
        let best = (0..classes).max_by(|&a, &b| scores[a].total_cmp(&scores[b])).unwrap();
        y.push(best);
    }
    (x, y)
}

fn sparse(x: &Array2<f64>) -> CsMat<f64> {
    CsMat::csr_from_dense(x.view(), 0.0)
}

#[test]
fn binary_coefficients_match_linfa_logistic() {
    let (x, y) = problem(80, 5, 2);
    // linfa-logistic takes the first label it sees as the positive class
    let first = y[0];
    let labels: Array1<bool> = y.iter().map(|&c| c == first).collect();
    let ours_y: Vec<usize> = labels.iter().map(|&b| b as usize).collect();
    let reference = LogisticRegression::default()
        .alpha(1.0)
        .gradient_tolerance(1e-10)
        .max_iterations(1000)
        .fit(&DatasetBase::new(x.clone(), labels))
        .expect("linfa-logistic fits");

    let ds = DatasetBase::new(SparseRecords(sparse(&x)), Array1::from(ours_y));
    let ours = LogisticParams::new(2).c(1.0).gradient_tolerance(1e-10).max_iterations(1000).fit(&ds).unwrap();

    for j in 0..5 {
        let (a, b) = (reference.params()[j], ours.weight(j as u32, 0));
        assert!((a - b).abs() < 1e-4, "coefficient {j}: linfa {a} vs ours {b}");
    }
    let (a, b) = (reference.intercept(), ours.intercept[0] as f64);
    assert!((a - b).abs() < 1e-4, "intercept: linfa {a} vs ours {b}");
}

#[test]
fn multinomial_coefficients_match_linfa_logistic() {
    let (x, y) = problem(90, 4, 3);
    let reference = MultiLogisticRegression::default()
        .alpha(1.0)
        .gradient_tolerance(1e-10)
        .max_iterations(1000)
        .fit(&DatasetBase::new(x.clone(), Array1::from(y.clone())))
        .expect("linfa-logistic fits");
    let ds = DatasetBase::new(SparseRecords(sparse(&x)), Array1::from(y));
    let ours = LogisticParams::new(3).c(1.0).gradient_tolerance(1e-10).max_iterations(1000).fit(&ds).unwrap();
    let rp = reference.params();
    for j in 0..4 {
        for k in 0..3 {
            let (a, b) = (rp[[j, k]], ours.weight(j as u32, k));
            assert!((a - b).abs() < 1e-4, "W[{j},{k}]: linfa {a} vs ours {b}");
        }
    }
    for k in 0..3 {
        let (a, b) = (reference.intercept()[k], ours.intercept[k] as f64);
        assert!((a - b).abs() < 1e-4, "b[{k}]: linfa {a} vs ours {b}");
    }
}
