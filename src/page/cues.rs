//! Shared cue lexicons: furniture phrases, comment markers, dates, UI words.
