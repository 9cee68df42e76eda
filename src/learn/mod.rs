//! Learning: sparse logistic regression, cross-validation, metrics.
pub mod cv;
pub mod logistic;
pub mod metrics;
pub mod calibration;
