//! Page + Model -> [`ScoredPage`]: every comment scored by every head, with
//! the words that raised each score, and stance toward each party it mentions.

use serde::Serialize;

use crate::features::Vectorizer;
use crate::learn::logistic::LogisticModel;
use crate::model::{Head, HeadKind, Model, StanceViews};
use crate::page::Page;

/// A word of the comment and how much it pushed a score up (log-odds).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cue {
    pub word: String,
    /// Byte span in the scored text (`title`, a line break, then `text`; or `text` alone).
    pub start: usize,
    pub end: usize,
    pub weight: f64,
}

/// One head's verdict on a comment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadScore {
    pub head: String,
    /// The predicted class.
    pub label: String,
    /// Probability of the positive class (binary heads) or of the predicted class.
    pub score: f64,
    /// Binary heads: the score reached the head's threshold.
    pub flagged: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// Up to five words that raised the score most.
    pub cues: Vec<Cue>,
    /// Binary heads: up to five n-grams (features) that raised the score
    /// most, by weight × value, with the spans of the scored text they came from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ngrams: Vec<NgramCue>,
}

/// A feature (word or char n-gram, or a pseudo-feature such as `_shout_`)
/// and how much it raised a score (weight × value, log-odds).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NgramCue {
    pub ngram: String,
    pub weight: f64,
    /// Byte spans in the scored text, one per occurrence.
    pub spans: Vec<(usize, usize)>,
}

/// The n-grams that raised a binary head's score most (top 5, positive only).
fn ngram_cues(head: &Head, text: &str) -> Vec<NgramCue> {
    head.vectorizer
        .top_feature_contributions(text, |f| head.model.weight(f, 0), 5)
        .into_iter()
        .filter(|c| c.contribution > 0.0)
        .take(5)
        .map(|c| NgramCue { ngram: c.feature, weight: c.contribution, spans: c.spans })
        .collect()
}

/// Stance toward one party the comment mentions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StanceScore {
    pub party: String,
    /// against, favor or none
    pub stance: String,
    pub score: f64,
    pub cues: Vec<Cue>,
    /// The blame rule's finding (the model applies the rule): the comment names the party
    /// as the doer of a harm, in this clause.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blame: Option<BlameCue>,
}

/// Where the blame rule found a party named as the doer of a harm.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlameCue {
    /// relative, antecedent, subject or agent ([`crate::parties::Blame`]).
    pub how: &'static str,
    /// The clause, quoted from the comment (title and text).
    pub clause: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoredComment {
    pub index: usize,
    pub author: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub reply_to: Option<usize>,
    pub scores: Vec<HeadScore>,
    pub stance: Vec<StanceScore>,
    /// Review priority in [0, 1]: 0.5 means "at the threshold" of the most alarming head.
    pub risk: f64,
}

impl ScoredComment {
    pub fn score(&self, head: &str) -> Option<&HeadScore> {
        self.scores.iter().find(|s| s.head == head)
    }
    pub fn flagged(&self) -> bool {
        self.scores.iter().any(|s| s.flagged)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoredPage {
    pub source: String,
    pub title: Option<String>,
    /// Parties the article body mentions, most mentioned first.
    pub parties: Vec<String>,
    pub body_paragraphs: usize,
    pub declared_comments: Option<usize>,
    pub comments: Vec<ScoredComment>,
}

/// The text a comment is scored on: its title and text.
pub fn scored_text(title: Option<&str>, text: &str) -> String {
    match title {
        Some(t) if !t.trim().is_empty() => format!("{t}\n{text}"),
        _ => text.to_string(),
    }
}

/// The words that raised output `k` of `head` most (top 5, positive only).
fn cues(head: &Head, view: &str, original: &str, k: usize, same_text: bool) -> Vec<Cue> {
    let mut c = weighted_cues(&head.vectorizer, &head.model, view, original, k, same_text, 1.0);
    c.truncate(5);
    c
}

/// The words of `view` that raise class `k`, each with its contribution times
/// `scale`, strongest first.
fn weighted_cues(
    vectorizer: &Vectorizer,
    model: &LogisticModel,
    view: &str,
    original: &str,
    k: usize,
    same_text: bool,
    scale: f64,
) -> Vec<Cue> {
    let n_out = model.n_out();
    let contrib = vectorizer.token_contributions(view, |f| {
        if n_out == 1 {
            model.weight(f, 0)
        } else {
            // softmax: what raises class k relative to the mean of the classes
            let mean = (0..n_out).map(|o| model.weight(f, o)).sum::<f64>() / n_out as f64;
            model.weight(f, k) - mean
        }
    });
    let mut c: Vec<Cue> = contrib
        .into_iter()
        .filter(|(t, w)| *w > 0.0 && !t.norm.starts_with('_'))
        .map(|(t, w)| {
            let src = if same_text { original } else { view };
            Cue { word: src.get(t.start..t.end).unwrap_or("").to_string(), start: t.start, end: t.end, weight: w * scale }
        })
        .collect();
    c.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    c
}

/// The stance cues of a head and its companion: each model's word contributions
/// times its share in the mix, summed per word (the two views place a word at
/// different offsets; the head's offsets are kept), strongest five.
fn stance_cues(h: &Head, views: &StanceViews, text: &str, k: usize) -> Vec<Cue> {
    let (Some(comp), Some(cview)) = (&h.companion, &views.companion) else { return cues(h, &views.head, text, k, false) };
    let mut all = weighted_cues(&h.vectorizer, &h.model, &views.head, text, k, false, 1.0 - comp.weight);
    for c in weighted_cues(&comp.vectorizer, &comp.model, cview, text, k, false, comp.weight) {
        match all.iter_mut().find(|a| a.word == c.word) {
            Some(a) => a.weight += c.weight,
            None => all.push(c),
        }
    }
    all.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    all.truncate(5);
    all
}

/// Maps a probability to a risk in [0, 1] where the threshold maps to 0.5.
pub fn risk_of(p: f64, t: f64) -> f64 {
    let t = t.clamp(1e-6, 1.0 - 1e-6);
    if p >= t {
        0.5 + 0.5 * (p - t) / (1.0 - t)
    } else {
        0.5 * p / t
    }
}

/// Scores one comment text (with optional title).
pub fn score_comment(model: &Model, title: Option<&str>, text: &str) -> (Vec<HeadScore>, Vec<StanceScore>, f64) {
    let full = scored_text(title, text);
    let mut scores = Vec::new();
    let mut risk: f64 = 0.0;
    for h in &model.heads {
        if h.kind == HeadKind::Stance {
            continue;
        }
        let p = h.proba(&full);
        let hs = match h.kind {
            HeadKind::Binary => {
                let t = h.decision_threshold();
                let (k, pos) = h.predict(&p);
                let flagged = k == 1;
                risk = risk.max(risk_of(pos, t));
                HeadScore {
                    head: h.name.clone(),
                    label: h.classes[k].clone(),
                    score: pos,
                    flagged,
                    threshold: Some(t),
                    cues: cues(h, &full, &full, 0, true),
                    ngrams: if flagged { ngram_cues(h, &full) } else { Vec::new() },
                }
            }
            _ => {
                let (k, score) = h.predict(&p);
                HeadScore {
                    head: h.name.clone(),
                    label: h.classes[k].clone(),
                    score,
                    flagged: false,
                    threshold: None,
                    cues: cues(h, &full, &full, k, true),
                    ngrams: Vec::new(),
                }
            }
        };
        scores.push(hs);
    }
    let mut stance = Vec::new();
    if let Some(h) = model.stance() {
        for (pi, _) in model.gazetteer.mentioned(&full) {
            let views = model.stance_views(h, &full, pi);
            let (k, score) = h.predict(&model.stance_proba_of(h, &views));
            stance.push(StanceScore {
                party: model.gazetteer.parties[pi].name.clone(),
                stance: h.classes[k].clone(),
                score,
                cues: stance_cues(h, &views, &full, k),
                blame: views.blame.as_ref().map(|b| BlameCue { how: b.how, clause: full.get(b.start..b.end).unwrap_or_default().to_string() }),
            });
        }
    }
    (scores, stance, risk)
}

/// Scores every comment of a page.
pub fn score_page(model: &Model, page: &Page) -> ScoredPage {
    let body = page.body.join("\n");
    let mut parties: Vec<(usize, usize)> = model.gazetteer.mentioned(&format!("{}\n{}", page.title.clone().unwrap_or_default(), body));
    parties.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let comments = page
        .comments
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (scores, stance, risk) = score_comment(model, c.title.as_deref(), &c.text);
            ScoredComment {
                index: i,
                author: c.author.clone(),
                date: c.date.clone(),
                title: c.title.clone(),
                text: c.text.clone(),
                reply_to: c.reply_to,
                scores,
                stance,
                risk,
            }
        })
        .collect();
    ScoredPage {
        source: page.source.clone(),
        title: page.title.clone(),
        parties: parties.into_iter().map(|(p, _)| model.gazetteer.parties[p].name.clone()).collect(),
        body_paragraphs: page.body.len(),
        declared_comments: page.declared_comments,
        comments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risk_maps_threshold_to_half() {
        assert!((risk_of(0.3, 0.3) - 0.5).abs() < 1e-12);
        assert!(risk_of(0.9, 0.3) > 0.5 && risk_of(0.9, 0.3) <= 1.0);
        assert!(risk_of(0.1, 0.3) < 0.5);
        assert_eq!(risk_of(0.0, 0.3), 0.0);
    }
}
