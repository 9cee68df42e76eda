//! HTML pages: DOM heuristics for the article and the comment section.
use super::Page;

/// Parses an HTML page.
pub fn parse(html: &str) -> Page {
    let _ = html;
    Page::default()
}
