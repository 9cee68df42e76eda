//! Model: heads, thresholds, gazetteer and model card; a versioned,
//! checksummed file.
//!
//! File format: one header line
//! `comment-radar-model <version> sha256=<hex> bytes=<n>\n`, then `n` bytes
//! of gzip-compressed JSON. The checksum covers the compressed bytes; a
//! truncated or altered file is refused with a message naming it. Writes go
//! to a temporary file in the same folder and are renamed into place, so an
//! existing model is never left half-written.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::features::Vectorizer;
use crate::learn::calibration::Platt;
use crate::learn::cv::{CvReport, TrainConfig};
use crate::learn::logistic::LogisticModel;
use crate::learn::metrics::Metrics;
use crate::parties::{Gazetteer, StanceView};

pub const MAGIC: &str = "comment-radar-model";
pub const VERSION: u32 = 1;

/// What a head predicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HeadKind {
    /// Two classes; `classes[1]` is the positive one, decided at `threshold`.
    Binary,
    /// More than two classes; the most probable wins.
    Multiclass,
    /// Stance toward a party (against/favor/none), on target views.
    Stance,
}

/// One trained head.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Head {
    pub name: String,
    pub kind: HeadKind,
    pub classes: Vec<String>,
    /// Decision threshold on the positive-class probability (binary heads).
    pub threshold: Option<f64>,
    pub vectorizer: Vectorizer,
    pub model: LogisticModel,
    pub cv: CvReport,
    /// Stance heads: out-of-fold metrics per party.
    #[serde(default)]
    pub party_cv: Vec<(String, Metrics)>,
    /// Out-of-fold metrics per training source (when there are several).
    #[serde(default)]
    pub source_cv: Vec<(String, Metrics)>,
    /// Labelled rows per class used for training.
    pub class_counts: Vec<(String, usize)>,
    /// Binary heads: from this score on, a comment goes to a human ("review").
    /// Chosen on out-of-fold probabilities for a precision target (see
    /// [`OperatingPoint`]); absent in models trained before it existed, where
    /// the report falls back to `threshold`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_at: Option<OperatingPoint>,
    /// Binary heads: from this score on, the report recommends removal.
    /// Absent when no threshold reached the precision target out of fold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remove_at: Option<OperatingPoint>,
    /// Binary heads: Platt calibration of the positive-class probability,
    /// fitted on out-of-fold scores (`threshold` is in the calibrated scale).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibration: Option<Platt>,
    /// Stance heads: a second model on another view of the comment (the sentences
    /// that name the party), whose probabilities are mixed into the head's.
    /// Absent in models trained before it existed, which score as trained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub companion: Option<Companion>,
    /// Stance heads with the blame rule ([`StanceView::blame`]): what it did out of fold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blame: Option<BlameReport>,
}

/// What the blame rule did to the out-of-fold stance predictions of training.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlameReport {
    /// Labelled pairs it fired on, and how many of them are labelled against.
    pub pairs: usize,
    pub against: usize,
    /// Of those pairs, how many the model alone (with its companion) got right, and
    /// how many the rule gets right.
    pub right_before: usize,
    pub right_after: usize,
    /// Macro-F1 out of fold without and with the rule.
    pub macro_f1_before: f64,
    pub macro_f1_after: f64,
}

/// A second stance model on its own view of the comment, mixed into the stance
/// head: p = (1 - weight) * p_head + weight * p_companion. The whole-comment view
/// hears the comment's camp, the sentence view what is said next to the party;
/// their errors differ, so the mix beats both (DESIGN.md, stance).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Companion {
    /// How the companion sees a comment for one party.
    pub view: StanceView,
    pub vectorizer: Vectorizer,
    pub model: LogisticModel,
    /// Share of the companion's probabilities, chosen on out-of-fold probabilities.
    pub weight: f64,
    /// The companion's own cross-validation (alone, before the mix).
    pub cv: CvReport,
}

impl Companion {
    pub fn proba(&self, view: &str) -> Vec<f64> {
        let row = self.vectorizer.transform_one(view);
        self.model.proba_row(&row.indices, &row.values)
    }
}

/// A comment as a stance head and its companion see it for one party.
pub struct StanceViews {
    pub head: String,
    pub companion: Option<String>,
    /// The blame rule's finding, when the model applies the rule ([`StanceView::blame`]).
    pub blame: Option<crate::parties::Blame>,
}

/// Share of the blame rule's vote in the stance probabilities ([`blame_vote`]).
pub const BLAME_WEIGHT: f64 = 0.6;

/// The blame rule's vote: certainty for "against" mixed into `p` with weight
/// [`BLAME_WEIGHT`], so that "against" wins (it gets at least 0.6, every other class at
/// most 0.4) and the model's probabilities still order the rest.
pub fn blame_vote(p: &[f64], classes: &[String]) -> Vec<f64> {
    p.iter().zip(classes).map(|(x, c)| (1.0 - BLAME_WEIGHT) * x + if c == "against" { BLAME_WEIGHT } else { 0.0 }).collect()
}

/// Mixes the probabilities of a head and its companion.
pub fn mix(p: &[f64], q: &[f64], weight: f64) -> Vec<f64> {
    p.iter().zip(q).map(|(a, b)| (1.0 - weight) * a + weight * b).collect()
}

/// A decision threshold with the precision it was chosen for and the
/// out-of-fold precision and recall it reaches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperatingPoint {
    pub threshold: f64,
    /// The precision asked for (e.g. 0.5 for review, 0.9 for removal).
    pub target_precision: f64,
    /// Out-of-fold precision and recall of the positive class at `threshold`.
    pub precision: f64,
    pub recall: f64,
}

/// Precision and recall of the positive class when predicting `p >= t`.
pub fn precision_recall_at(positive: &[bool], proba: &[f64], t: f64) -> (f64, f64) {
    let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
    for (&g, &p) in positive.iter().zip(proba) {
        match (g, p >= t) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fnn += 1,
            _ => {}
        }
    }
    let prec = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 0.0 };
    let rec = if tp + fnn > 0 { tp as f64 / (tp + fnn) as f64 } else { 0.0 };
    (prec, rec)
}

/// The lowest threshold from which on the out-of-fold precision stays at or
/// above `target` (for every higher threshold that still flags at least
/// `min_flagged` comments); None when no threshold reaches it. Candidates are
/// the midpoints between distinct probabilities.
pub fn threshold_for_precision(positive: &[bool], proba: &[f64], target: f64, min_flagged: usize) -> Option<OperatingPoint> {
    let mut idx: Vec<usize> = (0..proba.len()).filter(|&i| proba[i].is_finite()).collect();
    // highest probability first: flagging the top k for growing k
    idx.sort_by(|&a, &b| proba[b].total_cmp(&proba[a]));
    let n_pos = positive.iter().filter(|&&p| p).count();
    if n_pos == 0 {
        return None;
    }
    let mut tp = 0usize;
    let mut best: Option<f64> = None;
    let mut k = 0;
    while k < idx.len() {
        // take all samples tied at this probability together
        let p = proba[idx[k]];
        while k < idx.len() && proba[idx[k]] == p {
            tp += positive[idx[k]] as usize;
            k += 1;
        }
        let prec = tp as f64 / k as f64;
        if k < min_flagged {
            continue;
        }
        if prec + 1e-12 >= target {
            let next = if k < idx.len() { proba[idx[k]] } else { 0.0 };
            best = Some((p + next) / 2.0);
        } else {
            break;
        }
    }
    let t = best?;
    let (precision, recall) = precision_recall_at(positive, proba, t);
    Some(OperatingPoint { threshold: t, target_precision: target, precision, recall })
}

impl Head {
    /// Class probabilities of `text` (already in the head's view).
    pub fn proba(&self, text: &str) -> Vec<f64> {
        let row = self.vectorizer.transform_one(text);
        let mut p = self.model.proba_row(&row.indices, &row.values);
        if let (Some(c), 2) = (self.calibration, p.len()) {
            p[1] = c.apply(p[1]);
            p[0] = 1.0 - p[1];
        }
        if !self.cv.class_bias.is_empty() {
            p = crate::learn::cv::apply_class_bias(&p, &self.cv.class_bias);
        }
        p
    }

    /// The threshold at which a binary head flags a comment (CV-chosen; 0.5 if absent).
    pub fn decision_threshold(&self) -> f64 {
        self.threshold.unwrap_or(0.5)
    }

    /// The predicted class of probabilities `p` and the score reported for it:
    /// binary heads decide at [`Head::decision_threshold`] and report the
    /// positive-class probability; other heads take the most probable class.
    pub fn predict(&self, p: &[f64]) -> (usize, f64) {
        if self.kind == HeadKind::Binary {
            ((p[1] >= self.decision_threshold()) as usize, p[1])
        } else {
            let k = crate::learn::logistic::argmax(p.iter().copied());
            (k, p[k])
        }
    }

    /// F1 of the positive class in `m`, for binary heads ("–" for the others),
    /// formatted for tables.
    pub fn f1_positive(&self, m: &Metrics) -> String {
        if self.kind == HeadKind::Binary {
            format!("{:.3}", m.f1_of(&self.classes[1]))
        } else {
            "–".into()
        }
    }

    /// Binary heads: the score from which a comment needs a human; the
    /// model's `review_at`, else the CV threshold.
    pub fn review_threshold(&self) -> Option<f64> {
        self.review_at.as_ref().map(|o| o.threshold).or(self.threshold)
    }

    /// Binary heads: the score from which removal is recommended, if the
    /// model has one.
    pub fn remove_threshold(&self) -> Option<f64> {
        self.remove_at.as_ref().map(|o| o.threshold)
    }
}

/// Where training data came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceInfo {
    pub path: String,
    pub rows: usize,
    pub sha256: String,
    pub labels: Vec<String>,
    /// The weight of this source's rows in the fits (the recipe's `weight`; 1 in
    /// cards of models trained before it existed).
    #[serde(default = "default_weight")]
    pub weight: f32,
}

/// A source's weight when none is given (recipes and cards): its rows count as they are.
pub fn default_weight() -> f32 {
    1.0
}

/// The model card: provenance and settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub tool_version: String,
    /// The command that reproduces this model.
    pub command: String,
    pub sources: Vec<SourceInfo>,
    pub config: TrainConfig,
    /// sha256 of the lexicon files the model was trained with (`lexicons_sha256()`);
    /// absent in models from before session 8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lexicons_sha256: Option<String>,
}

/// sha256 of the lexicon files compiled into this build.
pub fn lexicons_sha256() -> String {
    let mut h = Sha256::new();
    for src in crate::features::LEXICON_SOURCES {
        h.update((src.len() as u64).to_le_bytes());
        h.update(src.as_bytes());
    }
    hex(&h.finalize())
}

/// A trained model.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Model {
    pub heads: Vec<Head>,
    pub gazetteer: Gazetteer,
    /// How the stance head sees a comment for one party.
    #[serde(default)]
    pub stance_view: StanceView,
    pub card: Card,
}

/// Errors of reading or writing a model file.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{path}: cannot read the model: {source}. Pass --model PATH, or train one with `comment-radar train`")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}: not a comment-radar model or corrupted ({why}). Restore it (git checkout models/) or retrain with the command in its model card")]
    Corrupt { path: PathBuf, why: String },
    #[error("{path}: cannot write the model: {source}")]
    Write { path: PathBuf, source: std::io::Error },
}

impl Model {
    /// A warning when the model was trained with other lexicon files than this build's: its
    /// `_lexikon_` and polarity features then fire on other words than in training.
    pub fn lexicon_warning(&self) -> Option<String> {
        self.card.lexicon_warning()
    }

    pub fn head(&self, name: &str) -> Option<&Head> {
        self.heads.iter().find(|h| h.name == name)
    }
}

impl Card {
    /// See [`Model::lexicon_warning`]; `None` for models that predate the fingerprint.
    pub fn lexicon_warning(&self) -> Option<String> {
        let trained = self.lexicons_sha256.as_deref()?;
        let here = lexicons_sha256();
        (trained != here).then(|| {
            format!(
                "the model was trained with other lexicon files (data/lexicon/, sha256 {}…) than this build's ({}…): its lexicon features and the stance blame rule fire on other words than in training; retrain it with the command in its model card",
                &trained[..12.min(trained.len())],
                &here[..12]
            )
        })
    }
}

impl Model {

    /// The comment as the stance head sees it for party `party`.
    pub fn stance_view(&self, text: &str, party: usize) -> String {
        self.gazetteer.stance_view(text, party, &self.stance_view)
    }

    /// The stance probabilities of `text` toward party `party` under stance head
    /// `h` (mixed with its companion, if it has one).
    pub fn stance_proba(&self, h: &Head, text: &str, party: usize) -> Vec<f64> {
        self.stance_proba_of(h, &self.stance_views(h, text, party))
    }

    /// The views of `text` for party `party` that stance head `h` and its
    /// companion (if any) read.
    pub fn stance_views(&self, h: &Head, text: &str, party: usize) -> StanceViews {
        StanceViews {
            head: self.stance_view(text, party),
            companion: h.companion.as_ref().map(|c| self.gazetteer.stance_view(text, party, &c.view)),
            blame: if self.stance_view.blame { self.gazetteer.blame(text, party) } else { None },
        }
    }

    /// The stance probabilities from views made by [`Model::stance_views`].
    pub fn stance_proba_of(&self, h: &Head, views: &StanceViews) -> Vec<f64> {
        let p = h.proba(&views.head);
        let p = match (&h.companion, &views.companion) {
            (Some(c), Some(v)) => mix(&p, &c.proba(v), c.weight),
            _ => p,
        };
        if views.blame.is_some() {
            blame_vote(&p, &h.classes)
        } else {
            p
        }
    }

    /// The stance head, if the model has one.
    pub fn stance(&self) -> Option<&Head> {
        self.heads.iter().find(|h| h.kind == HeadKind::Stance)
    }

    /// Serialises to the file format (header + gzip JSON).
    pub fn to_bytes(&self) -> Vec<u8> {
        let json = serde_json::to_vec(self).expect("a model serialises to JSON");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&json).expect("writing to memory");
        let payload = gz.finish().expect("writing to memory");
        let hash = hex(&Sha256::digest(&payload));
        let mut out = format!("{MAGIC} {VERSION} sha256={hash} bytes={}\n", payload.len()).into_bytes();
        out.extend_from_slice(&payload);
        out
    }

    /// Parses the file format; `path` is for messages only.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Model, ModelError> {
        let corrupt = |why: String| ModelError::Corrupt { path: path.to_path_buf(), why };
        let nl = bytes.iter().position(|&b| b == b'\n').ok_or_else(|| corrupt("no header line".into()))?;
        let header = std::str::from_utf8(&bytes[..nl]).map_err(|_| corrupt("header is not text".into()))?;
        let parts: Vec<&str> = header.split(' ').collect();
        if parts.len() != 4 || parts[0] != MAGIC {
            return Err(corrupt("missing 'comment-radar-model' header".into()));
        }
        let version: u32 = parts[1].parse().map_err(|_| corrupt("bad version".into()))?;
        if version != VERSION {
            return Err(corrupt(format!("file format version {version}, this build reads version {VERSION}")));
        }
        let hash = parts[2].strip_prefix("sha256=").ok_or_else(|| corrupt("no checksum".into()))?;
        let len: usize = parts[3]
            .strip_prefix("bytes=")
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| corrupt("no length".into()))?;
        let payload = &bytes[nl + 1..];
        if payload.len() != len {
            return Err(corrupt(format!("expected {len} bytes after the header, found {} (truncated?)", payload.len())));
        }
        if hex(&Sha256::digest(payload)) != hash {
            return Err(corrupt("checksum mismatch".into()));
        }
        let mut json = Vec::new();
        flate2::read::GzDecoder::new(payload)
            .read_to_end(&mut json)
            .map_err(|e| corrupt(format!("cannot decompress: {e}")))?;
        let mut model: Model = serde_json::from_slice(&json).map_err(|e| corrupt(format!("bad content: {e}")))?;
        for h in &mut model.heads {
            let name = h.name.clone();
            let parts = std::iter::once((&mut h.vectorizer, &h.model, name.clone()))
                .chain(h.companion.as_mut().map(|c| (&mut c.vectorizer, &c.model, format!("{name}' companion '"))));
            for (vectorizer, model, what) in parts {
                // The lookup tables are not serialised: without them every n-gram is unknown
                // and the model scores every text by its intercept alone.
                vectorizer.rebuild_index();
                if vectorizer.len() != model.n_features || model.coef.len() != model.n_features * model.n_out() {
                    return Err(corrupt(format!("head '{what}' has inconsistent sizes")));
                }
            }
        }
        model.gazetteer.compile();
        Ok(model)
    }

    pub fn load(path: &Path) -> Result<Model, ModelError> {
        let bytes = std::fs::read(path).map_err(|source| ModelError::Read { path: path.to_path_buf(), source })?;
        Model::from_bytes(&bytes, path)
    }

    /// Writes the model atomically (temp file + rename).
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        write_atomic(path, &self.to_bytes()).map_err(|source| ModelError::Write { path: path.to_path_buf(), source })
    }

    /// The model card as Markdown.
    pub fn card_markdown(&self) -> String {
        let mut s = String::new();
        s.push_str("# Model card\n\n");
        s.push_str(&format!("Trained by comment-radar {}.\n\n", self.card.tool_version));
        if let Some(l) = &self.card.lexicons_sha256 {
            s.push_str(&format!("Lexicons (data/lexicon/insults.txt, polarity.txt, harm.txt): sha256 `{l}`; a build with other lexicons warns on load.\n\n"));
        }
        s.push_str("## Reproduce\n\n```sh\n");
        s.push_str(&self.card.command);
        s.push_str("\n```\n\n## Training data\n\n| source | rows | weight | labels used | sha256 |\n|---|---:|---:|---|---|\n");
        for src in &self.card.sources {
            s.push_str(&format!(
                "| {} | {} | {} | {} | `{}` |\n",
                src.path,
                src.rows,
                src.weight,
                src.labels.join(", "),
                &src.sha256[..16.min(src.sha256.len())]
            ));
        }
        let c = &self.card.config;
        let v = &c.vectorizer;
        let on = |b: bool| if b { "on" } else { "off" };
        s.push_str(&format!(
            "\n## Features and learner\n\n- normalisation: lower-case, URLs → `_url_`, @mentions → `_user_`, digits → `0`, character runs > 2 collapsed; \
             umlaut folding (ä → ae, ß → ss) {}, leetspeak (V0llidiot → vollidiot) {}, `!`/`?` runs and emoji as tokens {}, hashtags split at capitals {}\n\
             - word n-grams {}–{}, char n-grams {}–{} inside word boundaries (also of the stance view's feature marks: {}), sublinear tf: {}, smoothed idf, l2 norm per block (word block × {}), min_df {}\n\
             - pseudo-features: `_shout_` per word in capitals {}, `_lexikon_` per word of the insult lexicon (data/lexicon/insults.txt) {}\n\
             - logistic regression, L2 (C chosen from {:?} by {}-fold stratified CV, seed {}), class weights balanced: {}\n\
             - binary heads: NB-SVM log-count-ratio scaling {} (folded into the weights); threshold and C chosen for {}; Platt calibration on out-of-fold scores {}\n\
             - stance: one model for all parties on target views (`_ziel_` for the party asked, `_andere_` for other parties); {}\n",
            on(v.text.fold_umlauts),
            on(v.text.leet),
            on(v.text.punct),
            on(v.text.split_hashtags),
            v.word_ngrams.0,
            v.word_ngrams.1,
            v.char_ngrams.0,
            v.char_ngrams.1,
            on(v.mark_chars),
            v.sublinear_tf,
            v.word_weight,
            v.min_df,
            on(v.shout),
            on(v.lexicon),
            c.c_grid,
            c.folds,
            c.seed,
            c.balanced,
            if c.nb_grid.iter().any(|&a| a > 0.0) { format!("tried with alpha from {:?} (0 = off), chosen per head by CV", c.nb_grid) } else { "off".into() },
            match c.select_by {
                crate::learn::cv::SelectBy::GermEval => "GermEval macro-F1 (F1 of macro P and R)",
                crate::learn::cv::SelectBy::MacroF1 => "macro-F1 (mean of class F1)",
            },
            on(c.calibrate),
            format!(
                "view: {}, words within {} tokens before/after the mention as features, negation marks: {}, the party's name as a feature: {}, party-specific copies of the view's words: {}, the whole comment's words as party-specific context: {}, polarity-lexicon marks near the mention: {}, structure marks (mention counts, co-mentioned parties, evaluative words near them): {}, the evaluative word nearest to the mention in its sentence: {}, the party's role in its clause with the clause's evaluative words: {}, the blame rule (a party named as the doer of a harm is opposed; data/lexicon/harm.txt): {}",
                if self.stance_view.sentences { "only the sentences that mention the party" } else { "the whole comment" },
                self.stance_view.window,
                on(self.stance_view.negation),
                on(self.stance_view.party_feature),
                on(self.stance_view.party_words),
                on(self.stance_view.context),
                on(self.stance_view.polarity),
                on(self.stance_view.structure),
                on(self.stance_view.nearest),
                on(self.stance_view.roles),
                on(self.stance_view.blame)
            )
        ));
        let nb: Vec<String> =
            self.heads.iter().filter(|h| h.kind == HeadKind::Binary).map(|h| format!("{}: {}", h.name, if h.cv.nb_alpha > 0.0 { format!("on (alpha {})", h.cv.nb_alpha) } else { "off".into() })).collect();
        if !nb.is_empty() {
            s.push_str(&format!("- NB-SVM scaling chosen by CV: {}\n", nb.join(", ")));
        }
        if c.one_se {
            let grids: Vec<String> = self
                .heads
                .iter()
                .map(|h| format!("{}: {}", h.name, h.cv.grid.iter().map(|(c, f)| format!("C {c} {f:.4}")).collect::<Vec<_>>().join(" / ")))
                .collect();
            s.push_str(&format!(
                "- C and NB scaling chosen by the one-standard-error rule: the simplest candidate (NB off before on, then the smallest C) within one standard error (over the folds) of the best out-of-fold score. Scores per candidate (NB off first, then on): {}\n",
                grids.join("; ")
            ));
        }
        for h in &self.heads {
            if let Some(c) = &h.companion {
                s.push_str(&format!(
                    "- {} companion: a second model on the {} that name the party (plus the party's name), C {}, macro-F1 alone {:.3} out of fold; its probabilities are mixed into the head's with weight {} (chosen out of fold; the head's figures below are of the mix, each fold mixed with the weight chosen on the other folds)\n",
                    h.name,
                    if c.view.clauses { "clauses (a relative clause with its antecedent)" } else { "sentences" },
                    c.cv.best_c,
                    c.cv.metrics.macro_f1,
                    c.weight
                ));
            }
            if let Some(b) = &h.blame {
                s.push_str(&format!(
                    "- {} blame rule (a party named as the doer of a harm is opposed, data/lexicon/harm.txt; its vote is mixed into the probabilities with weight {}): fires on {} labelled pairs out of fold, {} of them labelled against; right on {} of them without the rule, {} with it; macro-F1 {:.4} -> {:.4} (the figures below include it)\n",
                    h.name, BLAME_WEIGHT, b.pairs, b.against, b.right_before, b.right_after, b.macro_f1_before, b.macro_f1_after
                ));
            }
        }
        let cal: Vec<String> = self
            .heads
            .iter()
            .filter_map(|h| h.calibration.map(|p| format!("{} (a = {:.3}, b = {:.3})", h.name, p.a, p.b)))
            .collect();
        if !cal.is_empty() {
            s.push_str(&format!(
                "- calibrated heads: {}; their scores and thresholds are calibrated probabilities (the threshold is the CV threshold carried over)\n",
                cal.join(", ")
            ));
        }
        s.push_str("\n## Heads and cross-validated metrics\n\nOut-of-fold figures (vectoriser refitted in every fold), at the C and threshold chosen by CV.\n\n");
        s.push_str("| head | kind | rows | classes (count) | C | threshold | macro-F1 | GermEval macro-F1 | F1 positive | ROC-AUC | features |\n|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for h in &self.heads {
            let m = &h.cv.metrics;
            let f1pos = h.f1_positive(m);
            s.push_str(&format!(
                "| {} | {:?} | {} | {} | {} | {} | {:.3} | {:.3} | {} | {} | {} |\n",
                h.name,
                h.kind,
                h.cv.n,
                h.class_counts.iter().map(|(c, n)| format!("{c} ({n})")).collect::<Vec<_>>().join(", "),
                h.cv.best_c,
                h.threshold.map(|t| format!("{t:.3}")).unwrap_or_else(|| "–".into()),
                m.macro_f1,
                m.germeval_macro_f1,
                f1pos,
                m.roc_auc.map(|a| format!("{a:.3}")).unwrap_or_else(|| "–".into()),
                h.vectorizer.len()
            ));
        }
        for h in &self.heads {
            if h.party_cv.is_empty() {
                continue;
            }
            s.push_str(&format!(
                "\n### {}: per party (out of fold)\n\n| party | rows | macro-F1 | accuracy |\n|---|---:|---:|---:|\n",
                h.name
            ));
            for (p, m) in &h.party_cv {
                s.push_str(&format!("| {} | {} | {:.3} | {:.3} |\n", p, m.n, m.macro_f1, m.accuracy));
            }
        }
        for h in &self.heads {
            if h.source_cv.is_empty() {
                continue;
            }
            s.push_str(&format!(
                "\n### {}: per training source (out of fold)\n\n| source | rows | macro-F1 | F1 positive | accuracy |\n|---|---:|---:|---:|---:|\n",
                h.name
            ));
            for (src, m) in &h.source_cv {
                let f1pos = h.f1_positive(m);
                s.push_str(&format!("| {} | {} | {:.3} | {} | {:.3} |\n", src, m.n, m.macro_f1, f1pos, m.accuracy));
            }
        }
        let ops: Vec<&Head> =
            self.heads.iter().filter(|h| h.review_at.is_some() || h.remove_at.is_some()).collect();
        if !ops.is_empty() {
            s.push_str("\n## Report thresholds (out of fold)\n\nThe report recommends *review* from `review_at` and *remove* from `remove_at`: the lowest score from which the out-of-fold precision stays at the target. `--review-at` / `--remove-at` override them.\n\n| head | action | target precision | threshold | precision | recall |\n|---|---|---:|---:|---:|---:|\n");
            for h in ops {
                for (action, op) in [("review", &h.review_at), ("remove", &h.remove_at)] {
                    match op {
                        Some(o) => s.push_str(&format!(
                            "| {} | {action} | {:.2} | {:.3} | {:.3} | {:.3} |\n",
                            h.name, o.target_precision, o.threshold, o.precision, o.recall
                        )),
                        None => s.push_str(&format!("| {} | {action} | – | not reached | – | – |\n", h.name)),
                    }
                }
            }
        }
        s.push_str("\n## Per class (out of fold)\n\n| head | class | precision | recall | F1 | support |\n|---|---|---:|---:|---:|---:|\n");
        for h in &self.heads {
            for c in &h.cv.metrics.per_class {
                s.push_str(&format!(
                    "| {} | {} | {:.3} | {:.3} | {:.3} | {} |\n",
                    h.name, c.class, c.precision, c.recall, c.f1, c.support
                ));
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blame_vote_makes_against_win() {
        let classes: Vec<String> = ["favor", "against", "none"].map(String::from).to_vec();
        for p in [[0.9, 0.05, 0.05], [0.0, 0.0, 1.0], [0.2, 0.3, 0.5]] {
            let q = blame_vote(&p, &classes);
            assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{q:?}");
            assert!(q[1] >= BLAME_WEIGHT && q[0] <= 1.0 - BLAME_WEIGHT && q[2] <= 1.0 - BLAME_WEIGHT, "{p:?} -> {q:?}");
        }
    }

    #[test]
    fn a_model_trained_with_other_lexicons_warns() {
        let card = |l: Option<String>| Card {
            tool_version: "x".into(),
            command: String::new(),
            sources: Vec::new(),
            config: TrainConfig::default(),
            lexicons_sha256: l,
        };
        assert_eq!(card(None).lexicon_warning(), None, "old models carry no fingerprint");
        assert_eq!(card(Some(lexicons_sha256())).lexicon_warning(), None);
        let w = card(Some("0".repeat(64))).lexicon_warning().expect("a warning");
        assert!(w.contains("retrain"), "{w}");
    }

    #[test]
    fn precision_threshold_is_the_lowest_that_keeps_the_target() {
        // sorted by score: + + - + - - ; precision at top1 1, top2 1, top3 .67, top4 .75, top5 .6
        let pos = [true, true, false, true, false, false];
        let p = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
        let o = threshold_for_precision(&pos, &p, 0.7, 1).unwrap();
        // top 2 keep precision >= .7; top 3 breaks it, so the threshold lies between .8 and .7
        assert!(o.threshold > 0.7 && o.threshold < 0.8, "{o:?}");
        assert_eq!(o.precision, 1.0);
        assert!((o.recall - 2.0 / 3.0).abs() < 1e-12);
        let o = threshold_for_precision(&pos, &p, 0.55, 1).unwrap();
        assert!(o.threshold > 0.4 && o.threshold < 0.5, "{o:?}");
        assert!(threshold_for_precision(&[false, true], &[0.9, 0.1], 0.9, 1).is_none());
        assert!(threshold_for_precision(&[false, false], &[0.9, 0.1], 0.5, 1).is_none());
    }
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `bytes` to `path` via a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let res = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    res
}
