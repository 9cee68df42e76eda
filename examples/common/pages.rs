//! Reading a folder of pages for the segmentation drivers (examples
//! segment_loop and segment_corpora, `benches/segment.rs`), one function for
//! all of them (included with `#[path]`; `examples/common/` has no main.rs,
//! so cargo does not take it for an example).
//!
//! A folder or file that cannot be read stops the driver with a message that
//! names it (the seed pages are read from ../shared/seeds by path): a
//! throughput figure over a silently smaller corpus would be a wrong figure.

use std::path::Path;

/// The files of `dir` with extension `ext`, as (path, bytes), sorted by path.
pub fn read_pages(dir: &Path, ext: &str) -> Vec<(String, Vec<u8>)> {
    let fail = |what: &Path, e: std::io::Error| -> ! {
        eprintln!("{}: {e} (the segmentation drivers read tests/fixtures, examples/pages and ../shared/seeds by path)", what.display());
        std::process::exit(2)
    };
    let rd = std::fs::read_dir(dir).unwrap_or_else(|e| fail(dir, e));
    let mut v: Vec<(String, Vec<u8>)> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|x| x.to_str()) == Some(ext))
        .map(|p| {
            let data = std::fs::read(&p).unwrap_or_else(|e| fail(&p, e));
            (p.display().to_string(), data)
        })
        .collect();
    v.sort();
    v
}
