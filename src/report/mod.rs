//! Aggregation and rendering of moderation reports: one per article plus an
//! index. JSON (serde), Markdown and a plain HTML rendering.

pub mod html;
pub mod markdown;

use serde::Serialize;

use crate::score::{ScoredComment, ScoredPage};

/// Counts for one binary head over a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadSummary {
    pub head: String,
    pub flagged: usize,
    pub share: f64,
}

/// Stance counts toward one party.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartyStance {
    pub party: String,
    pub against: usize,
    pub favor: usize,
    pub none: usize,
}

/// One article's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleReport {
    pub source: String,
    pub title: Option<String>,
    /// File name of this report without extension.
    pub slug: String,
    pub comments: usize,
    pub declared_comments: Option<usize>,
    pub parties_involved: Vec<String>,
    pub heads: Vec<HeadSummary>,
    pub stance: Vec<PartyStance>,
    /// Comment indices, most urgent first.
    pub review_queue: Vec<usize>,
    pub page: ScoredPage,
}

/// A page that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub source: String,
    pub error: String,
}

/// The index over all articles of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Index {
    pub articles: Vec<IndexRow>,
    pub failures: Vec<Failure>,
    pub total_comments: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexRow {
    pub slug: String,
    pub source: String,
    pub title: Option<String>,
    pub comments: usize,
    pub heads: Vec<HeadSummary>,
    pub stance: Vec<PartyStance>,
}

/// Builds an article report; `heads` are the binary heads to summarise.
pub fn article(page: ScoredPage, slug: String, heads: &[String]) -> ArticleReport {
    let n = page.comments.len();
    let head_summaries = heads
        .iter()
        .map(|h| {
            let flagged = page.comments.iter().filter(|c| c.score(h).is_some_and(|s| s.flagged)).count();
            HeadSummary { head: h.clone(), flagged, share: if n > 0 { flagged as f64 / n as f64 } else { 0.0 } }
        })
        .collect();
    let mut stance: Vec<PartyStance> = Vec::new();
    for c in &page.comments {
        for s in &c.stance {
            let i = match stance.iter().position(|p| p.party == s.party) {
                Some(i) => i,
                None => {
                    stance.push(PartyStance { party: s.party.clone(), against: 0, favor: 0, none: 0 });
                    stance.len() - 1
                }
            };
            match s.stance.as_str() {
                "against" => stance[i].against += 1,
                "favor" => stance[i].favor += 1,
                _ => stance[i].none += 1,
            }
        }
    }
    stance.sort_by(|a, b| (b.against + b.favor + b.none).cmp(&(a.against + a.favor + a.none)).then(a.party.cmp(&b.party)));
    let mut queue: Vec<usize> = (0..n).collect();
    queue.sort_by(|&a, &b| page.comments[b].risk.total_cmp(&page.comments[a].risk).then(a.cmp(&b)));
    ArticleReport {
        source: page.source.clone(),
        title: page.title.clone(),
        slug,
        comments: n,
        declared_comments: page.declared_comments,
        parties_involved: page.parties.clone(),
        heads: head_summaries,
        stance,
        review_queue: queue,
        page,
    }
}

/// Builds the index.
pub fn index(reports: &[ArticleReport], failures: Vec<Failure>) -> Index {
    Index {
        articles: reports
            .iter()
            .map(|r| IndexRow {
                slug: r.slug.clone(),
                source: r.source.clone(),
                title: r.title.clone(),
                comments: r.comments,
                heads: r.heads.clone(),
                stance: r.stance.clone(),
            })
            .collect(),
        total_comments: reports.iter().map(|r| r.comments).sum(),
        failures,
    }
}

/// A file-name-safe slug from a path, unique within `taken`.
pub fn slug(source: &str, taken: &mut Vec<String>) -> String {
    let stem = std::path::Path::new(source)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "page".into());
    let mut s: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c.to_ascii_lowercase() } else { '-' })
        .collect();
    if s.is_empty() || s == "index" {
        s = format!("page-{s}");
    }
    let mut out = s.clone();
    let mut k = 2;
    while taken.contains(&out) {
        out = format!("{s}-{k}");
        k += 1;
    }
    taken.push(out.clone());
    out
}

/// "joG, 15.10.2014" or "anonym".
pub fn byline(c: &ScoredComment) -> String {
    match (&c.author, &c.date) {
        (Some(a), Some(d)) => format!("{a}, {d}"),
        (Some(a), None) => a.clone(),
        (None, Some(d)) => format!("anonym, {d}"),
        (None, None) => "anonym".into(),
    }
}

/// A short one-line summary of an article.
pub fn summary_line(r: &ArticleReport) -> String {
    let mut parts = vec![format!("{} comments", r.comments)];
    for h in &r.heads {
        parts.push(format!("{} {}", h.flagged, h.head));
    }
    let mut s = parts.join(", ");
    if !r.stance.is_empty() {
        let st: Vec<String> = r
            .stance
            .iter()
            .take(4)
            .map(|p| format!("{}: {} against, {} favor, {} none", p.party, p.against, p.favor, p.none))
            .collect();
        s.push_str("; stance toward ");
        s.push_str(&st.join("; "));
    }
    s
}
