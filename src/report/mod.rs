//! Aggregation and rendering of moderation reports: one per article plus an
//! index over a run.
//!
//! [`article`] turns a [`ScoredPage`] into an [`ArticleReport`]: counts per
//! head, stance per party, score histograms, and the review queue with a
//! recommended [`Action`] per comment, decided by [`Thresholds`] (from the
//! model, overridable on the command line). The renderers ([`html`],
//! [`markdown`], [`csv`], JSON via serde, schema in `docs/report.schema.json`)
//! only format what is here; [`lang`] has the interface texts (German by
//! default, English) and the number formats.

pub mod csv;
pub mod html;
pub mod lang;
pub mod markdown;
pub mod meta;

use serde::Serialize;

use crate::model::{HeadKind, Model};
use crate::score::{risk_of, ScoredComment, ScoredPage};
pub use lang::Lang;

/// Version of the JSON report layout (`docs/report.schema.json`).
pub const SCHEMA_VERSION: u32 = 1;

/// Number of bins of the score histograms (equal width over 0..1).
pub const BINS: usize = 10;

/// What the report recommends for a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Keep,
    Review,
    Remove,
}

/// Where a threshold came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdSource {
    /// The model's precision-targeted threshold (review_at / remove_at).
    Model,
    /// The model has no review_at: its cross-validated decision threshold.
    CvThreshold,
    /// Given on the command line.
    Override,
    /// Not set: the action is never recommended by this head.
    None,
}

/// The review and remove thresholds of one binary head.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Thresholds {
    pub head: String,
    pub review_at: Option<f64>,
    pub review_source: ThresholdSource,
    pub remove_at: Option<f64>,
    pub remove_source: ThresholdSource,
}

impl Thresholds {
    /// The action this head recommends at `score`.
    pub fn action(&self, score: f64) -> Action {
        if self.remove_at.is_some_and(|t| score >= t) {
            Action::Remove
        } else if self.review_at.is_some_and(|t| score >= t) {
            Action::Review
        } else {
            Action::Keep
        }
    }
}

/// A threshold override: one head, or all heads (`head == None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub head: Option<String>,
    pub value: f64,
}

/// Parses `HEAD=P` or `P` (a probability in 0..1).
pub fn parse_override(s: &str, flag: &str) -> Result<Override, String> {
    let (head, v) = match s.split_once('=') {
        Some((h, v)) => (Some(h.trim().to_string()), v),
        None => (None, s),
    };
    let value: f64 = v
        .trim()
        .parse()
        .map_err(|_| format!("{flag} {s}: write a probability such as 0.7, or HEAD=0.7 (e.g. conspiracy=0.7)"))?;
    if !(0.0..=1.0).contains(&value) {
        return Err(format!("{flag} {s}: the threshold is a probability between 0 and 1"));
    }
    Ok(Override { head, value })
}

/// The thresholds of every binary head of `model`, with overrides applied.
/// An override naming a head the model does not have is an error.
pub fn thresholds(model: &Model, review: &[Override], remove: &[Override]) -> Result<Vec<Thresholds>, String> {
    let binary: Vec<_> = model.heads.iter().filter(|h| h.kind == HeadKind::Binary).collect();
    for (flag, list) in [("--review-at", review), ("--remove-at", remove)] {
        for o in list {
            if let Some(h) = &o.head {
                if !binary.iter().any(|b| &b.name == h) {
                    return Err(format!(
                        "{flag} {h}=...: the model has no binary head '{h}'; its heads are {}",
                        binary.iter().map(|b| b.name.as_str()).collect::<Vec<_>>().join(", ")
                    ));
                }
            }
        }
    }
    // a named override beats one for all heads, whatever the order on the command line
    let pick = |list: &[Override], head: &str| -> Option<f64> {
        list.iter()
            .rev()
            .find(|o| o.head.as_deref() == Some(head))
            .or_else(|| list.iter().rev().find(|o| o.head.is_none()))
            .map(|o| o.value)
    };
    Ok(binary
        .iter()
        .map(|h| {
            let (review_at, review_source) = match (pick(review, &h.name), &h.review_at, h.threshold) {
                (Some(v), _, _) => (Some(v), ThresholdSource::Override),
                (None, Some(o), _) => (Some(o.threshold), ThresholdSource::Model),
                (None, None, Some(t)) => (Some(t), ThresholdSource::CvThreshold),
                (None, None, None) => (Some(0.5), ThresholdSource::CvThreshold),
            };
            let (remove_at, remove_source) = match (pick(remove, &h.name), &h.remove_at) {
                (Some(v), _) => (Some(v), ThresholdSource::Override),
                (None, Some(o)) => (Some(o.threshold), ThresholdSource::Model),
                (None, None) => (None, ThresholdSource::None),
            };
            Thresholds { head: h.name.clone(), review_at, review_source, remove_at, remove_source }
        })
        .collect())
}

/// Counts for one binary head over a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadSummary {
    pub head: String,
    /// Comments at or above the review threshold (review or remove).
    pub flagged: usize,
    /// Of these, comments at or above the remove threshold.
    pub remove: usize,
    /// flagged / comments (0 without comments).
    pub share: f64,
    pub review_at: Option<f64>,
    pub remove_at: Option<f64>,
    /// Comments per score bin: [0, 0.1), [0.1, 0.2), ..., [0.9, 1].
    pub histogram: Vec<usize>,
}

/// Stance counts toward one party.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartyStance {
    pub party: String,
    pub against: usize,
    pub favor: usize,
    pub none: usize,
}

impl PartyStance {
    /// "against" or "favor" when one outnumbers the other, "mixed" on a tie
    /// of non-zero counts, "none" when no comment takes a side.
    pub fn dominant(&self) -> &'static str {
        use std::cmp::Ordering::*;
        match self.against.cmp(&self.favor) {
            Greater => "against",
            Less => "favor",
            Equal if self.against > 0 => "mixed",
            Equal => "none",
        }
    }
    fn total(&self) -> usize {
        self.against + self.favor + self.none
    }
}

/// A comment's place in the review queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueItem {
    /// Index into `page.comments`.
    pub index: usize,
    /// The strongest action any head recommends.
    pub action: Action,
    /// Priority in 0..1: 0.5 at the review threshold of the most alarming head.
    pub risk: f64,
    /// The action each binary head recommends, in head order.
    pub heads: Vec<HeadAction>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadAction {
    pub head: String,
    pub score: f64,
    pub action: Action,
}

/// One head's queue: comment indices by that head's score, highest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadQueue {
    pub head: String,
    pub comments: Vec<usize>,
}

/// One article's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleReport {
    pub kind: &'static str,
    pub schema_version: u32,
    pub source: String,
    pub title: Option<String>,
    /// The site the page came from, when the page names it (e.g. "handelsblatt.com").
    pub site: Option<String>,
    /// The article's date as the page prints it, when one was found before the comments.
    pub date: Option<String>,
    /// File name of this report without extension.
    pub slug: String,
    pub comments: usize,
    pub declared_comments: Option<usize>,
    pub parties_involved: Vec<String>,
    pub thresholds: Vec<Thresholds>,
    pub heads: Vec<HeadSummary>,
    pub stance: Vec<PartyStance>,
    /// Every comment, most urgent first: by action, then risk.
    pub review_queue: Vec<QueueItem>,
    /// Per binary head: every comment by that head's score.
    pub head_queues: Vec<HeadQueue>,
    pub page: ScoredPage,
}

impl ArticleReport {
    /// The queue entry of comment `i`.
    pub fn item(&self, i: usize) -> Option<&QueueItem> {
        self.review_queue.iter().find(|q| q.index == i)
    }
    /// Number of comments with the given overall action.
    pub fn count(&self, a: Action) -> usize {
        self.review_queue.iter().filter(|q| q.action == a).count()
    }
}

/// A page that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub source: String,
    pub error: String,
}

/// A comment in a run-wide head queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopComment {
    pub slug: String,
    pub index: usize,
    pub author: Option<String>,
    pub date: Option<String>,
    pub score: f64,
    pub action: Action,
    /// Comment title and text as scored (title, line break, text): the cue spans point into it.
    pub text: String,
    pub cues: Vec<crate::score::Cue>,
}

/// The run-wide queue of one head: the highest-scoring comments of all articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunQueue {
    pub head: String,
    pub comments: Vec<TopComment>,
}

/// Totals over a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totals {
    pub articles: usize,
    pub comments: usize,
    pub review: usize,
    pub remove: usize,
    pub heads: Vec<HeadSummary>,
}

/// The index over all articles of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Index {
    pub kind: &'static str,
    pub schema_version: u32,
    pub articles: Vec<IndexRow>,
    pub failures: Vec<Failure>,
    pub total_comments: usize,
    pub totals: Totals,
    pub thresholds: Vec<Thresholds>,
    pub queues: Vec<RunQueue>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexRow {
    pub slug: String,
    pub source: String,
    pub title: Option<String>,
    pub site: Option<String>,
    pub date: Option<String>,
    pub comments: usize,
    /// Comments recommended for review / removal.
    pub review: usize,
    pub remove: usize,
    pub heads: Vec<HeadSummary>,
    pub stance: Vec<PartyStance>,
}

fn bin(score: f64) -> usize {
    if score.is_finite() {
        ((score * BINS as f64).floor().max(0.0) as usize).min(BINS - 1)
    } else {
        0
    }
}

/// Builds an article report.
pub fn article(page: ScoredPage, slug: String, meta: meta::PageMeta, thresholds: &[Thresholds]) -> ArticleReport {
    let n = page.comments.len();
    let mut review_queue: Vec<QueueItem> = page
        .comments
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut action = Action::Keep;
            let mut risk: f64 = 0.0;
            let heads = thresholds
                .iter()
                .filter_map(|t| {
                    let s = c.score(&t.head)?;
                    let a = t.action(s.score);
                    action = action.max(a);
                    risk = risk.max(risk_of(s.score, t.review_at.unwrap_or(1.0)));
                    Some(HeadAction { head: t.head.clone(), score: s.score, action: a })
                })
                .collect();
            QueueItem { index: i, action, risk, heads }
        })
        .collect();
    review_queue.sort_by(|a, b| b.action.cmp(&a.action).then(b.risk.total_cmp(&a.risk)).then(a.index.cmp(&b.index)));
    let heads: Vec<HeadSummary> = thresholds
        .iter()
        .map(|t| {
            let mut histogram = vec![0; BINS];
            let (mut flagged, mut remove) = (0, 0);
            for c in &page.comments {
                if let Some(s) = c.score(&t.head) {
                    histogram[bin(s.score)] += 1;
                    match t.action(s.score) {
                        Action::Remove => {
                            flagged += 1;
                            remove += 1
                        }
                        Action::Review => flagged += 1,
                        Action::Keep => {}
                    }
                }
            }
            HeadSummary {
                head: t.head.clone(),
                flagged,
                remove,
                share: if n > 0 { flagged as f64 / n as f64 } else { 0.0 },
                review_at: t.review_at,
                remove_at: t.remove_at,
                histogram,
            }
        })
        .collect();
    let head_queues = thresholds
        .iter()
        .map(|t| {
            let sc = |i: usize| page.comments[i].score(&t.head).map(|s| s.score).unwrap_or(0.0);
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by(|&a, &b| sc(b).total_cmp(&sc(a)).then(a.cmp(&b)));
            HeadQueue { head: t.head.clone(), comments: order }
        })
        .collect();
    ArticleReport {
        kind: "article",
        schema_version: SCHEMA_VERSION,
        source: page.source.clone(),
        title: page.title.clone(),
        site: meta.site,
        date: meta.date,
        slug,
        comments: n,
        declared_comments: page.declared_comments,
        parties_involved: page.parties.clone(),
        thresholds: thresholds.to_vec(),
        heads,
        stance: stance_counts(&page.comments),
        review_queue,
        head_queues,
        page,
    }
}

fn stance_counts(comments: &[ScoredComment]) -> Vec<PartyStance> {
    let mut stance: Vec<PartyStance> = Vec::new();
    for c in comments {
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
    // parties comments take sides on first, then the most mentioned
    stance.sort_by(|a, b| {
        (b.against + b.favor).cmp(&(a.against + a.favor)).then(b.total().cmp(&a.total())).then(a.party.cmp(&b.party))
    });
    stance
}

/// How many comments each run-wide head queue shows.
pub const RUN_QUEUE_LEN: usize = 10;

/// Builds the index.
pub fn index(reports: &[ArticleReport], failures: Vec<Failure>, thresholds: &[Thresholds]) -> Index {
    let articles: Vec<IndexRow> = reports
        .iter()
        .map(|r| IndexRow {
            slug: r.slug.clone(),
            source: r.source.clone(),
            title: r.title.clone(),
            site: r.site.clone(),
            date: r.date.clone(),
            comments: r.comments,
            review: r.count(Action::Review),
            remove: r.count(Action::Remove),
            heads: r.heads.clone(),
            stance: r.stance.clone(),
        })
        .collect();
    let total_comments: usize = reports.iter().map(|r| r.comments).sum();
    let heads = thresholds
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let mut histogram = vec![0; BINS];
            let (mut flagged, mut remove) = (0, 0);
            for r in reports {
                if let Some(h) = r.heads.get(k) {
                    flagged += h.flagged;
                    remove += h.remove;
                    for (b, x) in h.histogram.iter().enumerate() {
                        histogram[b] += x;
                    }
                }
            }
            HeadSummary {
                head: t.head.clone(),
                flagged,
                remove,
                share: if total_comments > 0 { flagged as f64 / total_comments as f64 } else { 0.0 },
                review_at: t.review_at,
                remove_at: t.remove_at,
                histogram,
            }
        })
        .collect();
    let queues = thresholds
        .iter()
        .map(|t| {
            let mut all: Vec<(f64, usize, usize)> = Vec::new();
            for (ri, r) in reports.iter().enumerate() {
                for (ci, c) in r.page.comments.iter().enumerate() {
                    if let Some(s) = c.score(&t.head) {
                        all.push((s.score, ri, ci));
                    }
                }
            }
            let top = RUN_QUEUE_LEN.min(all.len());
            if top > 0 && top < all.len() {
                all.select_nth_unstable_by(top - 1, |a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
            }
            all.truncate(top);
            all.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
            let comments = all
                .into_iter()
                .map(|(score, ri, ci)| {
                    let c = &reports[ri].page.comments[ci];
                    TopComment {
                        slug: reports[ri].slug.clone(),
                        index: ci,
                        author: c.author.clone(),
                        date: c.date.clone(),
                        score,
                        action: t.action(score),
                        text: crate::score::scored_text(c.title.as_deref(), &c.text),
                        cues: c.score(&t.head).map(|s| s.cues.clone()).unwrap_or_default(),
                    }
                })
                .collect();
            RunQueue { head: t.head.clone(), comments }
        })
        .collect();
    Index {
        kind: "index",
        schema_version: SCHEMA_VERSION,
        totals: Totals {
            articles: reports.len(),
            comments: total_comments,
            review: articles.iter().map(|a| a.review).sum(),
            remove: articles.iter().map(|a| a.remove).sum(),
            heads,
        },
        articles,
        total_comments,
        failures,
        thresholds: thresholds.to_vec(),
        queues,
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
    if s.is_empty() || s == "index" || s == "comments" {
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
pub fn byline(c: &ScoredComment, lang: Lang) -> String {
    let anon = lang.t().anonymous;
    match (&c.author, &c.date) {
        (Some(a), Some(d)) => format!("{a}, {d}"),
        (Some(a), None) => a.clone(),
        (None, Some(d)) => format!("{anon}, {d}"),
        (None, None) => anon.into(),
    }
}

/// "31 Kommentare, 4 unzivil, 2 Verschwörungserzählung; Haltung zu Russland: 5 dagegen, 2 dafür".
pub fn summary_line(r: &ArticleReport, lang: Lang) -> String {
    let t = lang.t();
    let mut parts = vec![lang.count(r.comments, t.comment, t.comments)];
    for h in &r.heads {
        parts.push(format!("{} {}", lang.int(h.flagged), lang.head_adj(&h.head)));
    }
    let mut s = parts.join(", ");
    let sided: Vec<String> = r
        .stance
        .iter()
        .filter(|p| p.against + p.favor > 0)
        .take(3)
        .map(|p| {
            let mut v = Vec::new();
            if p.against > 0 {
                v.push(format!("{} {}", lang.int(p.against), t.against));
            }
            if p.favor > 0 {
                v.push(format!("{} {}", lang.int(p.favor), t.favor));
            }
            format!("{} {}: {}", t.stance_toward, p.party, v.join(", "))
        })
        .collect();
    if !sided.is_empty() {
        s.push_str("; ");
        s.push_str(&sided.join("; "));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn th(review: f64, remove: Option<f64>) -> Thresholds {
        Thresholds {
            head: "conspiracy".into(),
            review_at: Some(review),
            review_source: ThresholdSource::Model,
            remove_at: remove,
            remove_source: ThresholdSource::Model,
        }
    }

    #[test]
    fn actions_follow_the_thresholds() {
        let t = th(0.3, Some(0.8));
        assert_eq!(t.action(0.1), Action::Keep);
        assert_eq!(t.action(0.3), Action::Review);
        assert_eq!(t.action(0.85), Action::Remove);
        assert_eq!(th(0.3, None).action(0.99), Action::Review);
    }

    #[test]
    fn overrides_parse_and_name_the_fix() {
        assert_eq!(parse_override("0.7", "--review-at").unwrap(), Override { head: None, value: 0.7 });
        assert_eq!(
            parse_override("conspiracy=0.4", "--review-at").unwrap(),
            Override { head: Some("conspiracy".into()), value: 0.4 }
        );
        assert!(parse_override("x=abc", "--remove-at").unwrap_err().contains("HEAD=0.7"));
        assert!(parse_override("1.5", "--remove-at").unwrap_err().contains("between 0 and 1"));
    }

    #[test]
    fn dominant_stance() {
        let p = |a, f| PartyStance { party: "X".into(), against: a, favor: f, none: 3 };
        assert_eq!(p(5, 2).dominant(), "against");
        assert_eq!(p(1, 2).dominant(), "favor");
        assert_eq!(p(2, 2).dominant(), "mixed");
        assert_eq!(p(0, 0).dominant(), "none");
    }

    #[test]
    fn histogram_bins_cover_zero_to_one() {
        assert_eq!(bin(0.0), 0);
        assert_eq!(bin(0.099), 0);
        assert_eq!(bin(0.1), 1);
        assert_eq!(bin(1.0), BINS - 1);
        assert_eq!(bin(f64::NAN), 0);
    }
}
