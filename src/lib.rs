//! comment-radar: offline moderation radar for German news comment sections.
pub mod page;
