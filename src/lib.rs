//! comment-radar: offline moderation radar for German news comment sections.
//!
//! See DESIGN.md for the data flow; each module has one job.
pub mod features;
pub mod learn;
pub mod page;
pub mod text;
pub mod dataset;
pub mod model;
pub mod parties;
pub mod train;
pub mod score;
pub mod report;
