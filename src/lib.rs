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

/// mimalloc instead of the system allocator for every binary that links the
/// crate (CLI, benches, tests): the segmenter makes many small short-lived
/// Strings and Vecs per line; figures in DESIGN.md ("session 6 (speed9)").
/// Not under cargo fuzz (`--cfg fuzzing`), where the sanitizer's allocator
/// must see the heap.
#[cfg(not(fuzzing))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
