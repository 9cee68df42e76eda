//! Any bytes through the text path: decoding, format detection, the text segmenter.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = comment_radar::page::parse(data, "fuzz.txt");
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = comment_radar::page::text::parse(s);
    }
});
