//! TF-IDF vectoriser: word n-grams and char n-grams inside word boundaries,
//! sublinear tf, smoothed idf, l2 norm per block, min_df; sparse rows.
//!
//! Two blocks of features, as scikit-learn's `FeatureUnion` of a word and a
//! `char_wb` `TfidfVectorizer` would make them: word n-grams (default 1–2)
//! over normalised tokens, and char n-grams (default 2–5) of each token
//! padded with a space on each side, so that n-grams never cross a word
//! boundary. Each block is l2-normalised on its own. Tokens that are
//! placeholders (`_url_`, `_user_`, stance targets) give word features only.
//!
//! Every feature occurrence is traced to the tokens it came from, so that a
//! linear score can be explained as contributions of spans of the original
//! text ([`Vectorizer::token_contributions`]).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::{Deserialize, Serialize};
use sprs::{CsMat, TriMat};

use crate::text::{self, TextOptions, Token};

/// Settings of the vectoriser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VectorizerParams {
    /// Word n-gram range (inclusive); (0, 0) turns word features off.
    pub word_ngrams: (usize, usize),
    /// Char n-gram range (inclusive) inside word boundaries; (0, 0) turns them off.
    pub char_ngrams: (usize, usize),
    /// A feature must occur in at least this many training documents.
    pub min_df: usize,
    /// Use 1 + ln(tf) instead of tf.
    pub sublinear_tf: bool,
    /// Keep at most this many features per block (the most frequent by df).
    pub max_features: Option<usize>,
    /// Optional analysis steps (umlaut folding, leetspeak, punctuation and
    /// emoji tokens, hashtag splitting).
    #[serde(default)]
    pub text: TextOptions,
    /// A word-block feature `_shout_` for every token written in capitals.
    #[serde(default)]
    pub shout: bool,
    /// A word-block feature `_lexikon_` for every token in the insult
    /// lexicon (`data/lexicon/insults.txt`).
    #[serde(default)]
    pub lexicon: bool,
    /// Factor on the (l2-normalised) word block relative to the char block.
    #[serde(default = "one")]
    pub word_weight: f32,
    /// Char n-grams also for the feature marks of a view (`_russland_apol_neg_usa_`,
    /// `_zpol_neg_`; not the placeholders `_ziel_`, `_andere_`, `_url_`, `_user_`), so
    /// that a mark shares evidence with its parts ("apol_neg", "_usa_") across parties.
    /// Off in models trained before the option existed.
    #[serde(default)]
    pub mark_chars: bool,
}

fn one() -> f32 {
    1.0
}

/// Pseudo-token of the shouting feature.
pub const SHOUT: &str = "_shout_";
/// Pseudo-token of the lexicon feature.
pub const LEXICON: &str = "_lexikon_";

/// Compiles lexicon entries (exact words, `prefix*`, `*suffix`, `*infix*`)
/// into one regular expression over the lower-cased, umlaut-folded token.
fn compile_lexicon<'a>(entries: impl Iterator<Item = &'a str>) -> regex::Regex {
    let mut alts = Vec::new();
    for e in entries {
        let e = fold(&e.to_lowercase());
        let body = regex::escape(e.trim_matches('*'));
        alts.push(match (e.starts_with('*'), e.ends_with('*') && e.len() > 1) {
            (true, true) => body,
            (true, false) => format!("{body}$"),
            (false, true) => format!("^{body}"),
            (false, false) => format!("^{body}$"),
        });
    }
    regex::Regex::new(&alts.join("|")).expect("the lexicon compiles")
}

/// The entry lines of a lexicon file (no blank lines, no `#` comments).
fn lexicon_lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A lexicon of entries and exceptions: a word is in it when an entry matches and no
/// exception (a line starting with `!`, same pattern syntax) does: `*affen` catches
/// "Drecksaffen", `!*waffen` keeps "Atomwaffen" out.
struct Lexicon {
    entries: regex::Regex,
    exceptions: Option<regex::Regex>,
}

impl Lexicon {
    fn new(src: &str) -> Lexicon {
        let entries = compile_lexicon(lexicon_lines(src).filter(|l| !l.starts_with('!')));
        let mut exc = lexicon_lines(src).filter_map(|l| l.strip_prefix('!')).peekable();
        let exceptions = exc.peek().is_some().then(|| compile_lexicon(exc));
        Lexicon { entries, exceptions }
    }

    fn is_match(&self, t: &str) -> bool {
        self.entries.is_match(t) && !self.exceptions.as_ref().is_some_and(|e| e.is_match(t))
    }
}

/// The entries of a lexicon whose lines are `entry<TAB>tag` (polarity.txt, harm.txt) with tag `tag`.
fn tagged_entries<'a>(src: &'a str, tag: &'a str) -> impl Iterator<Item = &'a str> {
    lexicon_lines(src).filter_map(move |l| l.split_once('\t').filter(|(_, t)| t.trim() == tag).map(|(w, _)| w.trim()))
}

/// The lexicon files compiled into this build (insults, polarity, harm). The first two give
/// features, the third the stance head's blame rule, so a model scores as trained only with
/// the lexicons it was trained with.
pub const LEXICON_SOURCES: [&str; 3] = [
    include_str!("../data/lexicon/insults.txt"),
    include_str!("../data/lexicon/polarity.txt"),
    include_str!("../data/lexicon/harm.txt"),
];

/// The insult lexicon (`data/lexicon/insults.txt`), compiled once.
fn lexicon() -> &'static Lexicon {
    static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEX.get_or_init(|| Lexicon::new(LEXICON_SOURCES[0]))
}

/// The polarity lexicon (`data/lexicon/polarity.txt`): positive and negative
/// entries, each compiled once.
fn polarity_lexicon() -> &'static (regex::Regex, regex::Regex) {
    static POL: std::sync::OnceLock<(regex::Regex, regex::Regex)> = std::sync::OnceLock::new();
    POL.get_or_init(|| {
        let src = LEXICON_SOURCES[1];
        (compile_lexicon(tagged_entries(src, "+")), compile_lexicon(tagged_entries(src, "-")))
    })
}

/// The kinds of entries of the harm lexicon (`data/lexicon/harm.txt`), for the blame
/// rule of the stance head ([`crate::parties::blamed_agent`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Harm {
    /// An act whose doer is blamed whoever suffers it ("überfallen", "ermorden").
    Act,
    /// A harm as a state of affairs ("Schaden", "Leid", "Chaos").
    Result,
    /// A verb of causing ("anrichten", "verursachen", "hinterlassen").
    Cause,
}

fn harm_lexicon() -> &'static [(Harm, regex::Regex); 3] {
    static HARM: std::sync::OnceLock<[(Harm, regex::Regex); 3]> = std::sync::OnceLock::new();
    HARM.get_or_init(|| {
        let kind = |k| compile_lexicon(tagged_entries(LEXICON_SOURCES[2], k));
        [(Harm::Act, kind("act")), (Harm::Result, kind("result")), (Harm::Cause, kind("cause"))]
    })
}

/// The harm-lexicon kind of a normalised token, if any.
pub fn harm(norm: &str) -> Option<Harm> {
    with_folded(norm, |t| harm_lexicon().iter().find(|(_, re)| re.is_match(t)).map(|(k, _)| *k))
}

/// `f` of the token with its umlauts folded (the lexicons are matched folded), without
/// allocating when it has none.
fn with_folded<R>(norm: &str, f: impl FnOnce(&str) -> R) -> R {
    if norm.contains(['ä', 'ö', 'ü', 'ß']) {
        f(&fold(norm))
    } else {
        f(norm)
    }
}

/// Whether a normalised token evaluates positively (`Some(true)`), negatively
/// (`Some(false)`) or neither, by the polarity lexicon.
pub fn polarity(norm: &str) -> Option<bool> {
    let (pos, neg) = polarity_lexicon();
    with_folded(norm, |t| {
        if neg.is_match(t) {
            Some(false)
        } else if pos.is_match(t) {
            Some(true)
        } else {
            None
        }
    })
}

fn fold(s: &str) -> String {
    s.replace('ä', "ae").replace('ö', "oe").replace('ü', "ue").replace('ß', "ss")
}

/// Whether a normalised token is in the insult lexicon.
#[inline]
pub fn in_lexicon(norm: &str) -> bool {
    if norm.contains(['ä', 'ö', 'ü', 'ß']) {
        lexicon().is_match(&fold(norm))
    } else {
        lexicon().is_match(norm)
    }
}

impl Default for VectorizerParams {
    fn default() -> Self {
        VectorizerParams {
            word_ngrams: (1, 2),
            char_ngrams: (2, 5),
            min_df: 2,
            sublinear_tf: true,
            max_features: None,
            text: TextOptions { fold_umlauts: true, leet: true, punct: true, split_hashtags: true },
            shout: true,
            lexicon: true,
            word_weight: 1.0,
            mark_chars: true,
        }
    }
}

/// A fitted vectoriser: vocabulary and idf weights.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Vectorizer {
    pub params: VectorizerParams,
    /// Word n-grams (tokens joined by a space), in feature-index order.
    pub words: Vec<String>,
    /// Char n-grams; feature index = words.len() + position.
    pub chars: Vec<String>,
    /// idf per feature (words first, then chars).
    pub idf: Vec<f32>,
    #[serde(skip)]
    word_index: HashMap<String, u32>,
    #[serde(skip)]
    char_index: HashMap<String, u32>,
}

/// A sparse row: sorted feature indices and their values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseRow {
    pub indices: Vec<u32>,
    pub values: Vec<f32>,
}

/// One feature's part of a linear score, with the spans it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeatureContribution {
    /// The n-gram (char n-grams in «»), or `_shout_` / `_lexikon_`.
    pub feature: String,
    /// coef × value.
    pub contribution: f64,
    /// Byte spans of the original text.
    pub spans: Vec<(usize, usize)>,
}

/// Which block an n-gram belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Word,
    Char,
}

/// Placeholders (`_url_`, `_user_`, `_ziel_`), punctuation and emoji tokens
/// give word features only, no char n-grams.
fn is_placeholder(norm: &str) -> bool {
    is_mark(norm) || !norm.chars().next().is_some_and(char::is_alphanumeric)
}

/// A token written `_like_this_`: a placeholder or a feature mark.
fn is_mark(norm: &str) -> bool {
    norm.len() > 2 && norm.starts_with('_') && norm.ends_with('_')
}

/// Whether a token gets char n-grams: words, and with
/// [`VectorizerParams::mark_chars`] the feature marks of a stance view.
fn has_char_ngrams(params: &VectorizerParams, norm: &str) -> bool {
    !is_placeholder(norm)
        || (params.mark_chars
            && is_mark(norm)
            && ![crate::parties::TARGET, crate::parties::OTHER, crate::text::URL, crate::text::USER, SHOUT, LEXICON].contains(&norm))
}

/// Calls `f(block, ngram, first_token, last_token)` for every n-gram of the token list.
fn for_each_ngram(
    params: &VectorizerParams,
    toks: &[Token],
    buf: &mut String,
    mut f: impl FnMut(Block, &str, usize, usize),
) {
    let (wlo, whi) = params.word_ngrams;
    if whi > 0 {
        for n in wlo.max(1)..=whi {
            if n > toks.len() {
                break;
            }
            for start in 0..=toks.len() - n {
                buf.clear();
                for (k, t) in toks[start..start + n].iter().enumerate() {
                    if k > 0 {
                        buf.push(' ');
                    }
                    buf.push_str(&t.norm);
                }
                f(Block::Word, buf, start, start + n - 1);
            }
        }
    }
    if params.shout || params.lexicon {
        for (ti, t) in toks.iter().enumerate() {
            if params.shout && t.shout {
                f(Block::Word, SHOUT, ti, ti);
            }
            if params.lexicon && !is_placeholder(&t.norm) && in_lexicon(&t.norm) {
                f(Block::Word, LEXICON, ti, ti);
            }
        }
    }
    let (clo, chi) = params.char_ngrams;
    if chi > 0 {
        let mut chars: Vec<char> = Vec::new();
        for (ti, t) in toks.iter().enumerate() {
            if !has_char_ngrams(params, &t.norm) {
                continue;
            }
            chars.clear();
            chars.push(' ');
            chars.extend(t.norm.chars());
            chars.push(' ');
            for n in clo.max(1)..=chi {
                if n > chars.len() {
                    break;
                }
                for start in 0..=chars.len() - n {
                    buf.clear();
                    buf.extend(&chars[start..start + n]);
                    f(Block::Char, buf, ti, ti);
                }
                if n == chars.len() {
                    break;
                }
            }
        }
    }
}

impl Vectorizer {
    /// Learns vocabulary and idf from `texts`.
    pub fn fit<S: AsRef<str>>(params: &VectorizerParams, texts: &[S]) -> Vectorizer {
        let mut df_word: HashMap<String, u32> = HashMap::default();
        let mut df_char: HashMap<String, u32> = HashMap::default();
        let mut seen_w: HashSet<String> = HashSet::default();
        let mut seen_c: HashSet<String> = HashSet::default();
        let mut buf = String::new();
        for t in texts {
            let toks = text::tokens_with(t.as_ref(), &params.text);
            seen_w.clear();
            seen_c.clear();
            for_each_ngram(params, &toks, &mut buf, |block, g, _, _| {
                let seen = if block == Block::Word { &mut seen_w } else { &mut seen_c };
                if !seen.contains(g) {
                    seen.insert(g.to_string());
                }
            });
            for g in seen_w.drain() {
                *df_word.entry(g).or_insert(0) += 1;
            }
            for g in seen_c.drain() {
                *df_char.entry(g).or_insert(0) += 1;
            }
        }
        let n = texts.len() as f64;
        let select = |df: HashMap<String, u32>| -> Vec<(String, u32)> {
            let mut kept: Vec<(String, u32)> =
                df.into_iter().filter(|(_, d)| *d as usize >= params.min_df.max(1)).collect();
            // Deterministic order: by df descending, then lexicographically.
            kept.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            if let Some(m) = params.max_features {
                kept.truncate(m);
            }
            kept.sort_by(|a, b| a.0.cmp(&b.0));
            kept
        };
        let words = select(df_word);
        let chars = select(df_char);
        let idf_of = |d: u32| (((1.0 + n) / (1.0 + d as f64)).ln() + 1.0) as f32;
        let idf = words.iter().chain(chars.iter()).map(|(_, d)| idf_of(*d)).collect();
        let mut v = Vectorizer {
            params: params.clone(),
            words: words.into_iter().map(|(g, _)| g).collect(),
            chars: chars.into_iter().map(|(g, _)| g).collect(),
            idf,
            word_index: HashMap::default(),
            char_index: HashMap::default(),
        };
        v.rebuild_index();
        v
    }

    /// Rebuilds the lookup tables after deserialisation.
    pub fn rebuild_index(&mut self) {
        self.word_index = self.words.iter().enumerate().map(|(i, g)| (g.clone(), i as u32)).collect();
        let off = self.words.len() as u32;
        self.char_index =
            self.chars.iter().enumerate().map(|(i, g)| (g.clone(), off + i as u32)).collect();
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.idf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.idf.is_empty()
    }

    /// The n-gram behind a feature index, marked as word or char n-gram.
    pub fn feature_name(&self, idx: u32) -> String {
        let i = idx as usize;
        if i < self.words.len() {
            self.words[i].clone()
        } else {
            format!("«{}»", self.chars.get(i - self.words.len()).map(String::as_str).unwrap_or("?"))
        }
    }

    fn lookup(&self, block: Block, g: &str) -> Option<u32> {
        match block {
            Block::Word => self.word_index.get(g).copied(),
            Block::Char => self.char_index.get(g).copied(),
        }
    }

    /// Raw counts per feature with the tokens each occurrence came from.
    fn occurrences(&self, toks: &[Token]) -> Vec<(u32, usize, usize)> {
        let mut occ = Vec::new();
        let mut buf = String::new();
        for_each_ngram(&self.params, toks, &mut buf, |block, g, a, b| {
            if let Some(i) = self.lookup(block, g) {
                occ.push((i, a, b));
            }
        });
        occ
    }

    /// Turns occurrence indices into tf-idf values, l2-normalised per block.
    fn weigh(&self, mut idx: Vec<u32>) -> SparseRow {
        idx.sort_unstable();
        let mut row = SparseRow::default();
        let mut i = 0;
        while i < idx.len() {
            let f = idx[i];
            let mut j = i;
            while j < idx.len() && idx[j] == f {
                j += 1;
            }
            let tf = (j - i) as f32;
            let tf = if self.params.sublinear_tf { 1.0 + tf.ln() } else { tf };
            row.indices.push(f);
            row.values.push(tf * self.idf[f as usize]);
            i = j;
        }
        let split = row.indices.partition_point(|&f| (f as usize) < self.words.len());
        let ww = self.params.word_weight;
        for (range, factor) in [(0..split, ww), (split..row.indices.len(), 1.0)] {
            let norm = row.values[range.clone()].iter().map(|v| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                for v in &mut row.values[range] {
                    *v = *v / norm * factor;
                }
            }
        }
        row
    }

    /// The tf-idf row of one text.
    pub fn transform_one(&self, text: &str) -> SparseRow {
        let toks = text::tokens_with(text, &self.params.text);
        self.weigh(self.occurrences(&toks).into_iter().map(|(f, _, _)| f).collect())
    }

    /// The tf-idf matrix (CSR) of many texts.
    pub fn transform<S: AsRef<str>>(&self, texts: &[S]) -> CsMat<f64> {
        let rows: Vec<SparseRow> = texts.iter().map(|t| self.transform_one(t.as_ref())).collect();
        rows_to_csr(&rows, self.len())
    }

    /// Splits a linear score into contributions of the tokens of `text`:
    /// each feature's `coef(feature) * value` is shared among its
    /// occurrences, and an occurrence's share among the tokens it spans.
    /// Returns the tokens with their summed contributions, in text order.
    pub fn token_contributions(&self, text: &str, coef: impl Fn(u32) -> f64) -> Vec<(Token, f64)> {
        let toks = text::tokens_with(text, &self.params.text);
        let occ = self.occurrences(&toks);
        let row = self.weigh(occ.iter().map(|(f, _, _)| *f).collect());
        let mut count: HashMap<u32, usize> = HashMap::default();
        for (f, _, _) in &occ {
            *count.entry(*f).or_insert(0) += 1;
        }
        let mut contrib = vec![0.0f64; toks.len()];
        for (f, a, b) in &occ {
            let Ok(pos) = row.indices.binary_search(f) else { continue };
            let total = coef(*f) * row.values[pos] as f64;
            let share = total / count[f] as f64 / (b - a + 1) as f64;
            for c in &mut contrib[*a..=*b] {
                *c += share;
            }
        }
        toks.into_iter().zip(contrib).collect()
    }

    /// The features of `text` with their contributions `coef(feature) * value`
    /// and the byte spans of the original text each came from (one span per
    /// occurrence, from its first to its last token), largest contribution
    /// first. The contributions sum to the linear score without intercept.
    pub fn feature_contributions(&self, text: &str, coef: impl Fn(u32) -> f64) -> Vec<FeatureContribution> {
        self.top_feature_contributions(text, coef, usize::MAX)
    }

    /// The `top` largest of [`Vectorizer::feature_contributions`] (only
    /// those are named and traced to spans, which keeps explaining cheap).
    pub fn top_feature_contributions(
        &self,
        text: &str,
        coef: impl Fn(u32) -> f64,
        top: usize,
    ) -> Vec<FeatureContribution> {
        let toks = text::tokens_with(text, &self.params.text);
        let occ = self.occurrences(&toks);
        let row = self.weigh(occ.iter().map(|(f, _, _)| *f).collect());
        let mut order: Vec<(usize, f64)> =
            row.indices.iter().zip(&row.values).enumerate().map(|(p, (&f, &x))| (p, coef(f) * x as f64)).collect();
        order.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        order.truncate(top);
        order
            .into_iter()
            .map(|(pos, contribution)| {
                let f = row.indices[pos];
                let mut spans = Vec::new();
                for (g, a, b) in &occ {
                    let span = (toks[*a].start, toks[*b].end);
                    if *g == f && !spans.contains(&span) {
                        spans.push(span);
                    }
                }
                FeatureContribution { feature: self.feature_name(f), contribution, spans }
            })
            .collect()
    }
}

/// Stacks sparse rows into a CSR matrix with `ncols` columns.
pub fn rows_to_csr(rows: &[SparseRow], ncols: usize) -> CsMat<f64> {
    let nnz = rows.iter().map(|r| r.indices.len()).sum();
    let mut tri = TriMat::with_capacity((rows.len(), ncols), nnz);
    for (i, r) in rows.iter().enumerate() {
        for (&c, &v) in r.indices.iter().zip(&r.values) {
            tri.add_triplet(i, c as usize, v as f64);
        }
    }
    tri.to_csr()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_exceptions_keep_common_words_out() {
        for w in ["drecksaffen", "vollmist", "drecksau", "schlampe", "asylanten", "vollidiot"] {
            assert!(in_lexicon(w), "{w} should be in the insult lexicon");
        }
        for w in ["waffen", "atomwaffen", "luftwaffe", "schaffen", "abschaffen", "islamist", "optimist", "passau", "schlamperei", "asylantrag", "asylanträge", "kopftuch", "regime"] {
            assert!(!in_lexicon(w), "{w} is no insult");
        }
    }

    fn fitted() -> Vectorizer {
        let docs = ["Die Regierung lügt", "Die Regierung arbeitet", "Lügenpresse lügt wieder"];
        Vectorizer::fit(&VectorizerParams { min_df: 1, ..Default::default() }, &docs)
    }

    #[test]
    fn vocabulary_has_word_and_char_ngrams() {
        let v = fitted();
        assert!(v.words.contains(&"die regierung".to_string()));
        assert!(v.words.contains(&"luegt".to_string()));
        assert!(v.chars.contains(&" lu".to_string())); // umlauts folded by default: lügt -> luegt
        assert!(v.chars.contains(&"uegt ".to_string()));
        // char n-grams never span two words
        assert!(!v.chars.iter().any(|g| g.trim().contains(' ')));
    }

    #[test]
    fn rows_are_l2_normalised_per_block() {
        let v = fitted();
        let row = v.transform_one("Die Regierung lügt");
        let split = row.indices.partition_point(|&f| (f as usize) < v.words.len());
        let wn: f32 = row.values[..split].iter().map(|x| x * x).sum();
        let cn: f32 = row.values[split..].iter().map(|x| x * x).sum();
        assert!((wn - 1.0).abs() < 1e-5 && (cn - 1.0).abs() < 1e-5, "{wn} {cn}");
        assert!(row.indices.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn min_df_prunes_rare_ngrams() {
        let docs = ["Die Regierung lügt", "Die Regierung arbeitet", "Lügenpresse lügt wieder"];
        let v = Vectorizer::fit(&VectorizerParams::default(), &docs);
        assert!(v.words.contains(&"die regierung".to_string()));
        assert!(!v.words.contains(&"arbeitet".to_string()));
    }

    #[test]
    fn unknown_text_gives_empty_row() {
        let v = fitted();
        assert!(v.transform_one("xyzzy qqq").indices.is_empty());
        assert!(v.transform_one("").indices.is_empty());
    }

    #[test]
    fn contributions_sum_to_the_linear_score() {
        let v = fitted();
        let text = "Die Lügenpresse lügt";
        let coef = |f: u32| ((f % 7) as f64) - 3.0;
        let row = v.transform_one(text);
        let score: f64 = row.indices.iter().zip(&row.values).map(|(&f, &x)| coef(f) * x as f64).sum();
        let parts: f64 = v.token_contributions(text, coef).iter().map(|(_, c)| c).sum();
        assert!((score - parts).abs() < 1e-4, "{score} vs {parts}");
    }

    #[test]
    fn every_option_keeps_contributions_exact() {
        let params = VectorizerParams {
            min_df: 1,
            text: TextOptions { fold_umlauts: true, leet: true, punct: true, split_hashtags: true },
            shout: true,
            lexicon: true,
            word_weight: 0.7,
            ..Default::default()
        };
        let docs = ["Du V0llidiot!!! 😡 #MerkelMussWeg", "DIESE Lügner sind Idioten?!", "Alles gut hier"];
        let v = Vectorizer::fit(&params, &docs);
        assert!(v.words.contains(&SHOUT.to_string()) && v.words.contains(&LEXICON.to_string()));
        let coef = |f: u32| ((f % 5) as f64) - 1.5;
        for text in docs.iter().copied().chain(["LÜGNER!! Vollidiot 😡"]) {
            let row = v.transform_one(text);
            let score: f64 = row.indices.iter().zip(&row.values).map(|(&f, &x)| coef(f) * x as f64).sum();
            let parts: f64 = v.token_contributions(text, coef).iter().map(|(_, c)| c).sum();
            let feats = v.feature_contributions(text, coef);
            let by_feature: f64 = feats.iter().map(|c| c.contribution).sum();
            assert!((score - parts).abs() < 1e-4, "{text}: {score} vs {parts}");
            assert!((score - by_feature).abs() < 1e-4, "{text}: {score} vs {by_feature}");
            for c in &feats {
                assert!(!c.spans.is_empty());
                for &(a, b) in &c.spans {
                    assert!(text.get(a..b).is_some());
                }
            }
        }
        let feats = v.feature_contributions("Du V0llidiot", |f| if v.feature_name(f) == LEXICON { 1.0 } else { 0.0 });
        assert_eq!(feats[0].feature, LEXICON);
        assert_eq!(feats[0].spans, vec![(3, 12)]);
    }

    #[test]
    fn mark_chars_gives_marks_char_ngrams_but_not_placeholders() {
        let docs = ["_ziel_ lügt _russland_apol_neg_usa_", "_andere_ hilft _url_ _zpol_neg_"];
        let on = Vectorizer::fit(&VectorizerParams { min_df: 1, ..Default::default() }, &docs);
        assert!(on.chars.contains(&"_usa_".to_string()) && on.chars.contains(&"_neg".to_string()));
        assert!(!on.chars.iter().any(|g| g.contains("ziel") || g.contains("andere") || g.contains("url")));
        // Off (the value of models trained before the option): marks give word features only.
        let off = Vectorizer::fit(&VectorizerParams { min_df: 1, mark_chars: false, ..Default::default() }, &docs);
        assert!(!off.chars.iter().any(|g| g.contains('_')));
        assert!(off.words.contains(&"_russland_apol_neg_usa_".to_string()));
        // A stored model without the field reads it as off.
        let mut json = serde_json::to_value(VectorizerParams::default()).unwrap();
        json.as_object_mut().unwrap().remove("mark_chars");
        let old: VectorizerParams = serde_json::from_value(json).unwrap();
        assert!(!old.mark_chars);
    }
}
