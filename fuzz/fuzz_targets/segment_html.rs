//! Any bytes through the HTML path: decoding, html5ever, the DOM heuristics
//! and the text fallback.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = comment_radar::page::parse(data, "fuzz.html");
});
