//! Party gazetteer: aliases, mention detection, and target views for stance.
//!
//! A [`Gazetteer`] maps party names to aliases (names, adjectives, capitals,
//! people, derogatory forms), read from `data/parties.toml`. Matching is on
//! whole word tokens, case-insensitive unless the alias is listed as
//! case-sensitive; an alias ending in `*` matches any word starting with it;
//! multi-word aliases match token sequences; the longest match wins.
//!
//! Stance is target-dependent: [`Gazetteer::target_view`] rewrites a comment
//! so that the mentions of the party in question become the placeholder
//! `_ziel_` and mentions of any other party `_andere_`. One model then learns
//! "_ziel_ lügt" for every party.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::text;

/// Placeholder for the party whose stance is asked.
pub const TARGET: &str = "_ziel_";
/// Placeholder for every other party.
pub const OTHER: &str = "_andere_";

/// How the stance model sees a comment for one party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StanceView {
    /// Keep only the sentences that mention the party (all, if none does).
    pub sentences: bool,
    /// Add the words within this many tokens of a mention as side-aware features,
    /// `_l_<word>_` before the mention and `_r_<word>_` after it (who does what to whom).
    pub window: usize,
    /// Mark words after a negation ("nicht", "kein", ...) within the window as `_neg_<word>_`.
    pub negation: bool,
    /// Add the party's name as a feature (`_p_<name>_`), so that the model can learn
    /// how comments usually stand toward each party.
    pub party_feature: bool,
    /// Add a party-specific copy of every word of the view (`_<party>_<word>_`), so that
    /// one model learns shared cues and, where the data supports it, per-party ones
    /// ("feature augmentation", Daumé III 2007).
    pub party_words: bool,
    /// Add the distinct words of the whole comment (mentions replaced), each as a
    /// party-specific feature `_k<party>_<word>_`: the camp a comment argues for says
    /// much about its stance toward a party it mentions only in passing.
    pub context: bool,
    /// Mark the evaluative words of the view (data/lexicon/polarity.txt), flipped after a
    /// negation: `_pol_pos_`/`_pol_neg_` everywhere, `_zpol_pos_`/`_zpol_neg_` within five
    /// tokens of the party's mention, `_apol_pos_`/`_apol_neg_` near another party's.
    pub polarity: bool,
    /// Mark how the comment is built around the party: how often it is named
    /// (`_zn1_`…`_zn3_`), whether it is the only, the first or the most named
    /// party, which other parties share the comment (`_<party>_mit_<other>_`)
    /// and the evaluative words near each of them (`_<party>_apol_neg_<other>_`):
    /// attacking a party's opponents is taking its side.
    pub structure: bool,
    /// Mark the evaluative word nearest to each mention of the party within its
    /// sentence (`_znear_pos_` / `_znear_neg_`, flipped after a negation): in
    /// "den Schaden, den Putin anrichtete" the nearest word decides, not the
    /// praise two clauses away. Off in models trained before it existed.
    pub nearest: bool,
    /// Mark the grammatical role of each mention of the party in its clause, with the
    /// evaluative words of that clause (`_zr_<role>_<pos|neg>_`): in "den Schaden, den
    /// Putin anrichtete" the party is the bare subject of a relative clause whose
    /// antecedent is a harm noun (`_zr_subj_neg_`), in "der Angriff auf Kiew" the target
    /// of a preposition (`_zr_auf_neg_`), in "der arrogante Umgang der EU" the possessor
    /// (`_zr_gen_neg_`). Shallow cues only: clause = the tokens between , ; : . ! ? ( ) and
    /// line breaks; a relative clause also sees its antecedent (the noun phrase before the comma).
    /// Off in models trained before it existed.
    pub roles: bool,
    /// Keep only the clauses that name the party ([`clause_view`]): what is said of the
    /// party in its own clause ("den Schaden, den _ziel_ anrichtete"), without the
    /// praise of others two clauses away. Off in models trained before it existed.
    pub clauses: bool,
    /// The companion model ([`StanceView::companion_of`]) reads the clauses that name
    /// the party instead of the sentences. Off in models trained before it existed.
    pub companion_clauses: bool,
    /// The blame rule ([`blamed_agent`]): when the comment names the party as the doer of
    /// a harm ("den Schaden, den Putin anrichtete"), the stance probabilities are mixed
    /// with a vote for "against" ([`crate::model::blame_vote`]), so the stance is
    /// "against". Off in models trained before it existed.
    pub blame: bool,
}

impl Default for StanceView {
    /// The plain target view (what models without this setting were trained with).
    fn default() -> Self {
        StanceView {
            sentences: false,
            window: 0,
            negation: false,
            party_feature: false,
            party_words: false,
            context: false,
            polarity: false,
            structure: false,
            nearest: false,
            roles: false,
            clauses: false,
            companion_clauses: false,
            blame: false,
        }
    }
}

impl StanceView {
    /// The view of the stance head's companion model ([`crate::model::Companion`]):
    /// only the sentences that name the party (mentions as placeholders) and the
    /// party's name: what is said next to the party, without the comment's camp.
    pub fn companion() -> Self {
        StanceView { sentences: true, party_feature: true, ..StanceView::default() }
    }

    /// The companion's view for a head trained with this view: [`StanceView::companion`],
    /// plus the role marks when the head has them (the party's role in its clause is
    /// what is said next to the party too); with `companion_clauses` the clauses
    /// that name the party instead of the sentences.
    pub fn companion_of(&self) -> Self {
        StanceView { roles: self.roles, clauses: self.companion_clauses, ..StanceView::companion() }
    }
}

const NEGATIONS: &[&str] = &["nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts", "weder", "ohne"];

/// The polarity of token `i` in the lexicon (true: positive), flipped when a
/// negation stands within the three tokens before it.
fn polarity_at(toks: &[text::Token], i: usize) -> Option<bool> {
    let positive = crate::features::polarity(&toks[i].norm)?;
    let negated = toks[i.saturating_sub(3)..i].iter().any(|n| NEGATIONS.contains(&n.norm.as_str()));
    Some(positive != negated)
}

/// For every mention of the target in `view` (mentions already replaced), the
/// polarity of the nearest lexicon word in the same sentence (looking up to 30
/// tokens each way, the left one first at equal distance), as `_znear_pos_` /
/// `_znear_neg_`.
fn nearest_polarity_marks(view: &str) -> Vec<String> {
    let toks = text::tokens(view);
    let ends_sentence = |a: usize| gap_after(&toks, view, a).contains(['.', '!', '?', '\n']);
    let mut out = Vec::new();
    for i in (0..toks.len()).filter(|&i| toks[i].norm == TARGET) {
        let mut found = None;
        'search: for d in 1..=30 {
            for j in [i.checked_sub(d), Some(i + d)].into_iter().flatten().filter(|&j| j < toks.len()) {
                let Some(positive) = polarity_at(&toks, j) else { continue };
                if !(i.min(j)..i.max(j)).any(ends_sentence) {
                    found = Some(positive);
                    break 'search;
                }
            }
        }
        if let Some(positive) = found {
            out.push(format!("_znear_{}_", if positive { "pos" } else { "neg" }));
        }
    }
    out
}

const RELATIVE: &[&str] = &["der", "die", "das", "den", "dem", "deren", "dessen", "denen", "welcher", "welche", "welches", "welchen", "welchem"];
const ARTICLES: &[&str] = &["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines"];
const PASSIVE: &[&str] = &["wird", "werden", "wurde", "wurden", "worden", "wirst", "wurdest"];

/// The role of the mention at token `i` of a clause starting at token `lo`, from the
/// word before it (and after it): a preposition names it (`gegen`, `auf`, `von`, …), a
/// determiner after a noun makes it a possessor (`gen`: "der Umgang der EU");
/// otherwise a bare noun phrase, `subj`, or `pat` in a passive clause ("Kiew wurde
/// bombardiert").
fn role_at(toks: &[text::Token], view: &str, lo: usize, hi: usize, i: usize) -> &'static str {
    let prev = (i > lo).then(|| toks[i - 1].norm.as_str());
    let capital = |j: usize| capitalised(toks, view, j);
    match prev {
        Some("gegen") => return "gegen",
        Some("auf") => return "auf",
        Some("von" | "vom" | "durch") => return "von",
        Some("für") => return "fuer",
        Some("mit" | "ohne" | "bei" | "zu" | "nach" | "unter" | "zwischen" | "wegen" | "trotz" | "gegenüber" | "über" | "an" | "in" | "aus") => {
            return "prep"
        }
        Some("der" | "des") if i >= lo + 2 && capital(i - 2) && !RELATIVE.contains(&toks[i - 2].norm.as_str()) => return "gen",
        _ => {}
    }
    if toks[lo..hi].iter().any(|t| PASSIVE.contains(&t.norm.as_str())) {
        return "pat";
    }
    "subj"
}

/// The marks of [`StanceView::roles`] for every mention of the target in `view`
/// (mentions already replaced by placeholders).
fn role_marks(view: &str) -> Vec<String> {
    let toks = text::tokens(view);
    let mut out = Vec::new();
    for i in (0..toks.len()).filter(|&i| toks[i].norm == TARGET) {
        let c = clause_at(&toks, view, i);
        let role = role_at(&toks, view, c.lo, c.hi, i);
        let mut signs = Vec::new();
        for j in (c.from..c.hi).filter(|&j| j != i) {
            if let Some(positive) = polarity_at(&toks, j) {
                signs.push(if positive { "pos" } else { "neg" });
            }
        }
        if signs.is_empty() {
            out.push(format!("_zr_{role}_"));
        }
        for sign in signs {
            out.push(format!("_zr_{role}_{sign}_"));
        }
    }
    out
}

/// The clause around token `i`, in tokens: `lo..hi` between the nearest clause
/// boundaries (, ; : . ! ? ( ) – " - " and line breaks), and `from` ≤ `lo`, which also
/// takes in the antecedent of a relative clause (the noun phrase before the comma, back
/// to and with its article, at most three tokens before it): in "den Schaden, den Putin
/// anrichtete" the clause of "Putin" is "den Putin anrichtete", read from the first "den".
struct Clause {
    from: usize,
    lo: usize,
    hi: usize,
    /// The clause is a relative clause (it starts with a relative pronoun after a comma).
    relative: bool,
}

/// Whether token `j` is written with a capital (a noun, or a sentence's first word).
fn capitalised(toks: &[text::Token], view: &str, j: usize) -> bool {
    view[toks[j].start..].chars().next().is_some_and(char::is_uppercase)
}

/// The text between token `a` and the next one (or the end of `view`).
fn gap_after<'v>(toks: &[text::Token], view: &'v str, a: usize) -> &'v str {
    &view[toks[a].end..toks.get(a + 1).map_or(view.len(), |t| t.start)]
}

fn clause_at(toks: &[text::Token], view: &str, i: usize) -> Clause {
    let gap = |a: usize| gap_after(toks, view, a);
    let boundary = |a: usize| gap(a).contains([',', ';', ':', '.', '!', '?', '(', ')', '\n', '–']) || gap(a).contains(" - ");
    let mut lo = i;
    while lo > 0 && !boundary(lo - 1) {
        lo -= 1;
    }
    let mut hi = i + 1;
    while hi < toks.len() && !boundary(hi - 1) {
        hi += 1;
    }
    let relative = lo > 0 && gap(lo - 1).contains(',') && RELATIVE.contains(&toks[lo].norm.as_str());
    let mut from = lo;
    while relative && from > lo.saturating_sub(3) && !ARTICLES.contains(&toks[from - 1].norm.as_str()) {
        from -= 1;
    }
    if relative && from > 0 && ARTICLES.contains(&toks[from - 1].norm.as_str()) {
        from -= 1;
    }
    Clause { from, lo, hi, relative }
}

/// How a comment names a party as the one who caused a harm ([`blamed_agent`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blame {
    /// The construction: `relative` ("den Schaden, den _ziel_ anrichtete"), `antecedent`
    /// ("_ziel_, das die Ukraine überfiel"), `subject` ("_ziel_ hat Chaos hinterlassen"),
    /// `agent` ("das von _ziel_ angerichtete Leid").
    pub how: &'static str,
    /// The clause that says it: byte offsets into the text the rule read.
    pub start: usize,
    pub end: usize,
}

/// Subjunctive auxiliaries: a clause with one reports or supposes.
const SUBJUNCTIVE: &[&str] = &["habe", "hätte", "hätten", "sei", "seien", "wäre", "wären", "würde", "würden", "könnte", "könnten"];

/// Words that may open a clause before its subject ("weil _ziel_ ...", "und die _ziel_ ...").
const OPENERS: &[&str] = &[
    "und", "aber", "doch", "denn", "weil", "da", "dass", "daß", "als", "wenn", "nachdem", "seit", "seitdem", "obwohl", "sondern",
    "damit", "sodass", "bis", "während", "ob", "wie", "so", "auch", "nur", "schon", "erst", "jetzt", "dann", "nun",
];

/// The blame rule of the stance head: the first clause of `view` (mentions already
/// replaced by placeholders) that names the target as the doer of a harm — the subject of
/// an act of the harm lexicon (`data/lexicon/harm.txt`: "überfallen", "ermorden"), or of a
/// verb of causing whose clause, or whose relative clause's antecedent, names a harm
/// ("den Schaden, den _ziel_ anrichtete"; "_ziel_ hat im Irak Chaos hinterlassen"), or the
/// agent after von/durch ("das von _ziel_ angerichtete Leid"). Not when the clause is
/// negated, passive with the target as subject, or the target's own main clause is a
/// question. A shallow reading (clauses between punctuation, word order), no parse.
pub fn blamed_agent(view: &str) -> Option<Blame> {
    use crate::features::{harm, Harm};
    let toks = text::tokens(view);
    // Acts and causes count as verbs only: not capitalised (a noun: "die Erpressung") and
    // not an infinitive with zu ("das Recht, die Ukraine zu überfallen" has it as object).
    let capital = |j: usize| capitalised(&toks, view, j);
    let kinds: Vec<Option<Harm>> = (0..toks.len())
        .map(|j| harm(&toks[j].norm).filter(|&k| k == Harm::Result || (!capital(j) && !(j > 0 && toks[j - 1].norm == "zu"))))
        .collect();
    let any = |a: usize, b: usize, k: Harm| (a..b).any(|j| kinds[j] == Some(k));
    let norm = |j: usize| toks[j].norm.as_str();
    let negated = |a: usize, b: usize| (a..b).any(|j| NEGATIONS.contains(&norm(j)));
    let passive = |a: usize, b: usize| (a..b).any(|j| PASSIVE.contains(&norm(j)));
    // Reported or hypothetical ("die USA hätten Chaos gestiftet", "sei", "würde"): not the
    // comment's own claim.
    let reported = |a: usize, b: usize| (a..b).any(|j| SUBJUNCTIVE.contains(&norm(j)));
    // A relative clause ends with its verb ("den Schaden, den _ziel_ im Irak angerichtet hat");
    // ", der Spiegel hetzt gegen ..." is a main clause, not a relative one.
    let verb_final = |c: &Clause| (c.hi.saturating_sub(2)..c.hi).any(|j| matches!(kinds[j], Some(Harm::Act | Harm::Cause)));
    let gap = |a: usize| gap_after(&toks, view, a);
    // A harm done in lo..hi by the subject at i: an act after it, or causing a harm named
    // after it or in the antecedent from..lo.
    let harm_done = |c: &Clause, i: usize| any(i + 1, c.hi, Harm::Act) || (any(i + 1, c.hi, Harm::Cause) && (any(i + 1, c.hi, Harm::Result) || any(c.from, c.lo, Harm::Result)));
    let found = |how: &'static str, c: &Clause| Some(Blame { how, start: toks[c.from].start, end: toks[c.hi - 1].end });
    for i in (0..toks.len()).filter(|&i| toks[i].norm == TARGET) {
        let c = clause_at(&toks, view, i);
        if negated(c.lo, c.hi) || reported(c.lo, c.hi) {
            continue;
        }
        // (a relative clause's first word is its pronoun, not an article)
        let article_before = |j: usize| j > c.lo + usize::from(c.relative) && ARTICLES.contains(&norm(j - 1));
        let first = if article_before(i) { i - 1 } else { i };
        // "den Schaden, den _ziel_ anrichtete": the subject right after a relative pronoun
        // that is not nominative itself ("der Krieg, der _ziel_ ruiniert" has the target as object).
        if c.relative && first == c.lo + 1 && !matches!(norm(c.lo), "der" | "welcher") && !passive(c.lo, c.hi) && verb_final(&c) && harm_done(&c, i) {
            return found("relative", &c);
        }
        // "das von _ziel_ angerichtete Leid", "durch die _ziel_ verursachte Chaos".
        if first > c.lo && matches!(norm(first - 1), "von" | "vom" | "durch") && (any(i + 1, c.hi, Harm::Act) || (any(i + 1, c.hi, Harm::Cause) && any(c.lo, c.hi, Harm::Result))) {
            return found("agent", &c);
        }
        // "_ziel_, das die Ukraine überfiel": the antecedent of a relative clause whose
        // pronoun is its subject.
        if i + 1 < toks.len() && gap(i).contains(',') && matches!(norm(i + 1), "der" | "die" | "das" | "welcher" | "welche" | "welches") {
            let r = clause_at(&toks, view, i + 1);
            if !negated(r.lo, r.hi) && !reported(r.lo, r.hi) && !passive(r.lo, r.hi) && verb_final(&r) && harm_done(&Clause { from: r.lo, ..r }, i + 1) {
                return found("antecedent", &Clause { from: first, lo: i, hi: r.hi, relative: false });
            }
        }
        // "_ziel_ hat Chaos hinterlassen", "weil die _ziel_ die Krim annektierten": the
        // subject opening its clause, not passive, not asked.
        let opens = first == c.lo || (first == c.lo + 1 && OPENERS.contains(&norm(c.lo)));
        let asked = gap(c.hi - 1).contains('?');
        if opens && !c.relative && !asked && !passive(c.lo, c.hi) && harm_done(&c, i) {
            return found("subject", &c);
        }
    }
    None
}

/// The clauses of `view` that name the target (see [`clause_at`]), each on a line of
/// its own and in text order, overlapping ones merged. A clause of fewer than four
/// tokens ("Putin, der Lügner, ...") is widened by the clause after it.
fn clause_view(view: &str) -> String {
    let toks = text::tokens(view);
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for i in (0..toks.len()).filter(|&i| toks[i].norm == TARGET) {
        let c = clause_at(&toks, view, i);
        let mut hi = c.hi;
        if hi - c.from < 4 && hi < toks.len() {
            hi = clause_at(&toks, view, hi).hi;
        }
        match spans.last_mut() {
            Some(last) if c.from <= last.1 => last.1 = last.1.max(hi),
            _ => spans.push((c.from, hi)),
        }
    }
    spans.iter().map(|&(a, b)| &view[toks[a].start..toks[b - 1].end]).collect::<Vec<_>>().join("\n")
}

/// Byte spans of the sentences of `text` (split after . ! ? and at line breaks).
fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev_end = false;
    for (i, c) in text.char_indices() {
        if c == '\n' || (prev_end && c.is_whitespace()) {
            if i > start {
                out.push((start, i));
            }
            start = i + c.len_utf8();
            prev_end = false;
            continue;
        }
        prev_end = matches!(c, '.' | '!' | '?');
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// The gazetteer as written in parties.toml.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gazetteer {
    pub parties: Vec<Party>,
    #[serde(skip)]
    patterns: Vec<Pattern>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub aliases: Vec<String>,
    #[serde(default)]
    pub case_sensitive: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct TokPat {
    text: String,
    prefix: bool,
    case_sensitive: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct Pattern {
    toks: Vec<TokPat>,
    parties: Vec<usize>,
}

/// One mention: a byte span of the text and the parties it refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub parties: Vec<usize>,
}

#[derive(Deserialize)]
struct TomlFile {
    parties: BTreeMap<String, TomlParty>,
}

#[derive(Deserialize)]
struct TomlParty {
    aliases: Vec<String>,
    #[serde(default)]
    case_sensitive: Vec<String>,
}

/// The genitive form of an alias key: its last word + s ("faeser" → "faesers"), unless that word
/// ends in s, ß, x or z or the alias is a prefix or case-sensitive one (acronyms are left out by
/// the caller). Readers write "Faesers
/// Ministerium", "Teherans Milizen", "Netanjahus Kabinett".
fn genitive_of(key: &[(String, bool, bool)]) -> Option<Vec<(String, bool, bool)>> {
    let (last, prefix, cs) = key.last()?;
    if *prefix || *cs || !last.chars().last().is_some_and(char::is_alphabetic) || last.ends_with(['s', 'ß', 'x', 'z']) {
        return None;
    }
    let mut g = key.to_vec();
    g.last_mut()?.0.push('s');
    Some(g)
}

/// The gazetteer shipped with comment-radar (data/parties.toml).
pub const DEFAULT_TOML: &str = include_str!("../data/parties.toml");

impl Gazetteer {
    /// Parses a parties.toml text; the error names the problem (the caller adds the file).
    pub fn from_toml(s: &str) -> Result<Gazetteer, String> {
        let file: TomlFile = toml::from_str(s).map_err(|e| e.to_string())?;
        // Keep the order of the file: BTreeMap sorts, so re-sort by first appearance.
        let mut parties: Vec<Party> = file
            .parties
            .into_iter()
            .map(|(name, p)| Party { name, aliases: p.aliases, case_sensitive: p.case_sensitive })
            .collect();
        parties.sort_by_key(|p| {
            s.find(&format!("[parties.{}]", p.name))
                .or_else(|| s.find(&format!("[parties.\"{}\"]", p.name)))
                .unwrap_or(usize::MAX)
        });
        for p in &parties {
            if p.aliases.is_empty() {
                return Err(format!("party '{}' has no aliases", p.name));
            }
        }
        Ok(Gazetteer::new(parties))
    }

    /// Builds the matcher from parties.
    pub fn new(parties: Vec<Party>) -> Gazetteer {
        let mut g = Gazetteer { parties, patterns: Vec::new() };
        g.compile();
        g
    }

    /// The shipped gazetteer.
    pub fn builtin() -> Gazetteer {
        Gazetteer::from_toml(DEFAULT_TOML).expect("the shipped data/parties.toml is valid")
    }

    /// Recompiles the matcher (after deserialisation).
    pub fn compile(&mut self) {
        let mut by_key: BTreeMap<Vec<(String, bool, bool)>, Vec<usize>> = BTreeMap::new();
        for (pi, p) in self.parties.iter().enumerate() {
            for alias in &p.aliases {
                let cs = p.case_sensitive.iter().any(|a| a == alias);
                let (body, prefix) = match alias.strip_suffix('*') {
                    Some(b) => (b, true),
                    None => (alias.as_str(), false),
                };
                let toks = text::tokens(body);
                let n = toks.len();
                if n == 0 {
                    continue;
                }
                let key: Vec<(String, bool, bool)> = toks
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let raw = &body[t.start..t.end];
                        let raw = if cs { raw.to_string() } else { raw.to_lowercase() };
                        (raw, prefix && i == n - 1, cs)
                    })
                    .collect();
                // acronyms take no genitive -s ("der EU"; "eus" is Swiss German for "us")
                let acronym = !body.chars().any(char::is_lowercase);
                let genitive = if acronym { None } else { genitive_of(&key) };
                for key in std::iter::once(key).chain(genitive) {
                    let e = by_key.entry(key).or_default();
                    if !e.contains(&pi) {
                        e.push(pi);
                    }
                }
            }
        }
        let mut patterns: Vec<Pattern> = by_key
            .into_iter()
            .map(|(k, parties)| Pattern {
                toks: k.into_iter().map(|(text, prefix, case_sensitive)| TokPat { text, prefix, case_sensitive }).collect(),
                parties,
            })
            .collect();
        // longest first, so that "Islamischen Staat" wins over shorter aliases
        patterns.sort_by(|a, b| b.toks.len().cmp(&a.toks.len()));
        self.patterns = patterns;
    }

    /// Index of a party by name.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.parties.iter().position(|p| p.name == name)
    }

    /// All mentions in `text`, in order, non-overlapping (longest match first).
    pub fn mentions(&self, text_: &str) -> Vec<Mention> {
        let toks = text::tokens(text_);
        // "@spd", "@AfD": a handle names the party too
        let raws: Vec<&str> = toks.iter().map(|t| text_[t.start..t.end].trim_start_matches('@')).collect();
        let lowers: Vec<String> = raws.iter().map(|r| r.to_lowercase()).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let mut matched: Option<(usize, Vec<usize>)> = None;
            for p in &self.patterns {
                let n = p.toks.len();
                if i + n > toks.len() {
                    continue;
                }
                if matched.as_ref().is_some_and(|(m, _)| *m > n) {
                    break;
                }
                let ok = p.toks.iter().enumerate().all(|(k, tp)| {
                    let word = if tp.case_sensitive { raws[i + k] } else { lowers[i + k].as_str() };
                    if tp.prefix {
                        word.starts_with(tp.text.as_str())
                    } else {
                        word == tp.text
                    }
                });
                if ok {
                    match &mut matched {
                        Some((m, parties)) if *m == n => {
                            for &q in &p.parties {
                                if !parties.contains(&q) {
                                    parties.push(q);
                                }
                            }
                        }
                        None => matched = Some((n, p.parties.clone())),
                        _ => {}
                    }
                }
            }
            match matched {
                Some((n, mut parties)) => {
                    parties.sort_unstable();
                    out.push(Mention { start: toks[i].start, end: toks[i + n - 1].end, parties });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Parties mentioned in `text` with their mention counts, in gazetteer order.
    pub fn mentioned(&self, text: &str) -> Vec<(usize, usize)> {
        let mut count = vec![0usize; self.parties.len()];
        for m in self.mentions(text) {
            for p in m.parties {
                count[p] += 1;
            }
        }
        count.into_iter().enumerate().filter(|(_, c)| *c > 0).collect()
    }

    /// The comment with the mentions of party `target` replaced by `_ziel_`
    /// and those of other parties by `_andere_`.
    pub fn target_view(&self, text: &str, target: usize) -> String {
        let mentions = self.mentions(text);
        Self::replace_mentions(text, &mentions, 0, text.len(), target)
    }

    /// The blame rule ([`blamed_agent`]) for party `target` in `text`, with the clause's
    /// offsets mapped back into `text` (a placeholder's offsets to its mention's).
    pub fn blame(&self, text: &str, target: usize) -> Option<Blame> {
        let mentions = self.mentions(text);
        let mut placed = Vec::new();
        let view = Self::write_view(text, &mentions, 0, text.len(), target, Some(&mut placed));
        let b = blamed_agent(&view)?;
        // Text between placeholders is copied as it is (shifted); an offset in a placeholder
        // is its mention's start (or end).
        let to_text = |v: usize, end: bool| {
            // view offset minus text offset in the copied stretch before the next placeholder
            let mut delta = 0isize;
            for &((vs, ve), (ts, te)) in &placed {
                if v < vs {
                    break;
                }
                if v < ve || (end && v == ve) {
                    return if end { te } else { ts };
                }
                delta = ve as isize - te as isize;
            }
            v.saturating_add_signed(-delta)
        };
        Some(Blame { start: to_text(b.start, false), end: to_text(b.end, true).min(text.len()), ..b })
    }

    fn replace_mentions(text: &str, mentions: &[Mention], from: usize, to: usize, target: usize) -> String {
        Self::write_view(text, mentions, from, to, target, None)
    }

    /// [`Gazetteer::replace_mentions`], and with `placed` the span each placeholder (with
    /// its spaces) took in the view, beside its mention's span in `text`.
    fn write_view(
        text: &str,
        mentions: &[Mention],
        from: usize,
        to: usize,
        target: usize,
        mut placed: Option<&mut Vec<((usize, usize), (usize, usize))>>,
    ) -> String {
        let mut out = String::with_capacity(to - from + 16);
        let mut last = from;
        for m in mentions.iter().filter(|m| m.start >= from && m.end <= to) {
            out.push_str(&text[last..m.start]);
            let at = out.len();
            out.push(' ');
            out.push_str(if m.parties.contains(&target) { TARGET } else { OTHER });
            out.push(' ');
            if let Some(p) = placed.as_deref_mut() {
                p.push(((at, out.len()), (m.start, m.end)));
            }
            last = m.end;
        }
        out.push_str(&text[last..to]);
        out
    }

    /// Party `p`'s name as a feature part: lower case, other chars than letters and digits as `_`.
    fn slug(&self, p: usize) -> String {
        self.parties[p].name.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { '_' }).collect()
    }

    /// The marks of [`StanceView::structure`] for party `target` (its [`Gazetteer::slug`] `name`).
    fn structure_marks(&self, text: &str, mentions: &[Mention], target: usize, name: &str) -> Vec<String> {
        let slug = |p: usize| self.slug(p);
        let mut count = vec![0usize; self.parties.len()];
        for m in mentions {
            for &p in &m.parties {
                count[p] += 1;
            }
        }
        let mut out = Vec::new();
        let own = count[target];
        out.push(format!("_zn{}_", own.clamp(1, 3)));
        let others: Vec<usize> = (0..count.len()).filter(|&p| p != target && count[p] > 0).collect();
        if others.is_empty() {
            out.push("_zonly_".to_string());
        } else {
            if mentions.first().is_some_and(|m| m.parties.contains(&target)) {
                out.push("_zfirst_".to_string());
            }
            if others.iter().all(|&p| count[p] < own) {
                out.push("_zmost_".to_string());
            } else if others.iter().any(|&p| count[p] > own) {
                out.push("_zless_".to_string());
            }
            for &p in &others {
                out.push(format!("_{name}_mit_{}_", slug(p)));
            }
            // Evaluative words near each other party's mentions.
            let toks = text::tokens(text);
            let index = |byte: usize| toks.iter().position(|t| t.end > byte).unwrap_or(toks.len());
            for m in mentions.iter().filter(|m| !m.parties.contains(&target)) {
                let at = index(m.start);
                let end = index(m.end.saturating_sub(1)) + 1;
                let lo = at.saturating_sub(5);
                let hi = (end + 5).min(toks.len());
                for j in (lo..hi).filter(|&j| j < at || j >= end) {
                    let Some(positive) = polarity_at(&toks, j) else { continue };
                    let sign = if positive { "pos" } else { "neg" };
                    for &p in &m.parties {
                        out.push(format!("_{name}_apol_{sign}_{}_", slug(p)));
                    }
                }
            }
        }
        out
    }

    /// The comment as the stance model sees it for party `target` under `view`.
    pub fn stance_view(&self, text: &str, target: usize, view: &StanceView) -> String {
        let mentions = self.mentions(text);
        let mut out = if view.sentences {
            let spans = sentence_spans(text);
            let keep: Vec<&(usize, usize)> = spans
                .iter()
                .filter(|(a, b)| mentions.iter().any(|m| m.start >= *a && m.end <= *b && m.parties.contains(&target)))
                .collect();
            if keep.is_empty() {
                Self::replace_mentions(text, &mentions, 0, text.len(), target)
            } else {
                keep.iter()
                    .map(|(a, b)| Self::replace_mentions(text, &mentions, *a, *b, target))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        } else {
            Self::replace_mentions(text, &mentions, 0, text.len(), target)
        };
        if view.clauses {
            let clauses = clause_view(&out);
            if !clauses.is_empty() {
                out = clauses;
            }
        }
        let near_marks = if view.nearest { nearest_polarity_marks(&out) } else { Vec::new() };
        let role_marks = if view.roles { role_marks(&out) } else { Vec::new() };
        if view.window > 0 || view.negation {
            let toks = text::tokens(&out);
            let w = view.window.max(3);
            let mut extra = Vec::new();
            for (i, t) in toks.iter().enumerate() {
                if t.norm != TARGET {
                    continue;
                }
                let lo = i.saturating_sub(w);
                let hi = (i + w + 1).min(toks.len());
                for (j, u) in toks.iter().enumerate().take(hi).skip(lo) {
                    if j == i || u.norm.starts_with('_') {
                        continue;
                    }
                    if view.window > 0 {
                        extra.push(format!("_{}_{}_", if j < i { 'l' } else { 'r' }, u.norm));
                    }
                    if view.negation && toks[j.saturating_sub(3)..j].iter().any(|n| NEGATIONS.contains(&n.norm.as_str())) {
                        extra.push(format!("_neg_{}_", u.norm));
                    }
                }
            }
            if !extra.is_empty() {
                out.push_str("\n");
                out.push_str(&extra.join(" "));
            }
        }
        let name = self.slug(target);
        let words = |s: &str| -> Vec<String> {
            text::tokens(s)
                .into_iter()
                .filter(|t| !t.norm.starts_with('_') && t.norm.chars().all(char::is_alphanumeric))
                .map(|t| t.norm)
                .collect()
        };
        let mut extra = Vec::new();
        if view.party_words {
            extra.extend(words(&out).into_iter().map(|w| format!("_{name}_{w}_")));
        }
        if view.polarity {
            let toks = text::tokens(&out);
            let near = |i: usize, what: &str| {
                toks[i.saturating_sub(5)..(i + 6).min(toks.len())].iter().any(|t| t.norm == what)
            };
            for i in 0..toks.len() {
                let Some(positive) = polarity_at(&toks, i) else { continue };
                let sign = if positive { "pos" } else { "neg" };
                extra.push(format!("_pol_{sign}_"));
                if near(i, TARGET) {
                    extra.push(format!("_zpol_{sign}_"));
                }
                if near(i, OTHER) {
                    extra.push(format!("_apol_{sign}_"));
                }
            }
        }
        extra.extend(near_marks);
        extra.extend(role_marks);
        if view.structure {
            extra.extend(self.structure_marks(text, &mentions, target, &name));
        }
        if view.context {
            let full = Self::replace_mentions(text, &mentions, 0, text.len(), target);
            let mut seen = std::collections::BTreeSet::new();
            for w in words(&full) {
                if seen.insert(w.clone()) {
                    extra.push(format!("_k{name}_{w}_"));
                }
            }
        }
        if !extra.is_empty() {
            out.push('\n');
            out.push_str(&extra.join(" "));
        }
        if view.party_feature {
            out.push_str(&format!("\n_p_{name}_"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> Gazetteer {
        Gazetteer::builtin()
    }

    fn names(g: &Gazetteer, text: &str) -> Vec<String> {
        g.mentioned(text).into_iter().map(|(p, _)| g.parties[p].name.clone()).collect()
    }

    #[test]
    fn shipped_gazetteer_covers_required_parties() {
        let g = g();
        for p in [
            "USA", "Russland", "Ukraine", "EU", "NATO", "Bundesregierung", "IS", "Türkei", "Iran", "Syrien",
            "Israel", "China", "AfD", "Grüne", "SPD", "CDU/CSU", "FDP", "Linke",
        ] {
            assert!(g.index_of(p).is_some(), "{p} missing");
        }
        assert_eq!(g.parties[0].name, "USA", "file order is kept");
    }

    #[test]
    fn aliases_people_prefixes_and_case() {
        let g = g();
        assert_eq!(names(&g, "Putin und die russischen Truppen"), ["Russland"]);
        assert_eq!(names(&g, "Die Amis und der Kreml"), ["USA", "Russland"]);
        assert_eq!(names(&g, "Der IS wird vom Islamischen Staat ... is it?"), ["IS"]);
        assert!(names(&g, "this is it").is_empty());
        assert_eq!(names(&g, "Baerbock"), ["Bundesregierung", "Grüne"]);
        assert_eq!(names(&g, "Der US-Außenminister"), ["USA"]);
        assert_eq!(names(&g, "@spd @AfD #Grüne"), ["AfD", "Grüne", "SPD"]);
    }

    #[test]
    fn target_view_marks_target_and_others() {
        let g = g();
        let ru = g.index_of("Russland").unwrap();
        let v = g.target_view("Putin lügt, die Amis auch.", ru);
        assert_eq!(text::normalize(&v), "_ziel_ lügt die _andere_ auch");
    }

    #[test]
    fn stance_view_keeps_target_sentences_and_adds_context() {
        let g = g();
        let ru = g.index_of("Russland").unwrap();
        let view = StanceView { sentences: true, window: 2, negation: true, party_feature: true, party_words: false, context: false, polarity: false, structure: false, nearest: false, roles: false, clauses: false, companion_clauses: false, blame: false };
        let v = g.stance_view("Die Amis sind toll. Putin ist nicht ehrlich! Wetter gut.", ru, &view);
        let norm = text::normalize(&v);
        assert!(norm.starts_with("_ziel_ ist nicht ehrlich"), "{norm}");
        assert!(!norm.contains("toll") && !norm.contains("wetter"), "{norm}");
        assert!(norm.contains("_r_ist_") && norm.contains("_neg_ehrlich_"), "{norm}");
        assert!(!norm.contains("_l_ist_"), "{norm}");
        assert!(norm.ends_with("_p_russland_"), "{norm}");
        // party-specific copies of the view's words and the whole comment as context
        let rich = StanceView { party_words: true, context: true, ..view.clone() };
        let norm = text::normalize(&g.stance_view("Die Amis sind toll. Putin ist nicht ehrlich! Wetter gut.", ru, &rich));
        assert!(norm.contains("_russland_ehrlich_") && !norm.contains("_russland_toll_"), "{norm}");
        assert!(norm.contains("_krussland_toll_") && norm.contains("_krussland_wetter_"), "{norm}");
        assert!(!norm.contains("_krussland__ziel__"), "{norm}");
        // polarity marks, flipped after a negation, and where they stand
        let pol = StanceView { polarity: true, ..StanceView::default() };
        let marks = |t: &str| -> Vec<String> {
            text::normalize(&g.stance_view(t, ru, &pol)).split(' ').filter(|w| w.contains("pol_")).map(String::from).collect()
        };
        assert_eq!(marks("Putin war ein Erfolg."), ["_pol_pos_", "_zpol_pos_"]);
        assert_eq!(marks("Putin war kein Erfolg."), ["_pol_neg_", "_zpol_neg_"]);
        assert_eq!(marks("Die Amis waren ein Erfolg."), ["_pol_pos_", "_apol_pos_"]);
        assert_eq!(marks("Putin redet. Das Wetter hier ist übrigens wie immer ganz und gar ein Erfolg."), ["_pol_pos_"]);
        // a party mentioned nowhere: the whole comment stays
        let cn = g.index_of("China").unwrap();
        assert!(text::normalize(&g.stance_view("Die Amis sind toll.", cn, &view)).contains("toll"));
        // the nearest evaluative word in the mention's sentence
        let near = StanceView { nearest: true, ..StanceView::default() };
        let nm = |t: &str| -> Vec<String> {
            text::normalize(&g.stance_view(t, ru, &near)).split(' ').filter(|w| w.contains("znear")).map(String::from).collect()
        };
        assert_eq!(nm("Die Europäer reparieren den Schaden, den Putin anrichtete, mit großem Erfolg."), ["_znear_neg_"]);
        assert_eq!(nm("Putin war kein Versager. Ein Schaden für alle!"), ["_znear_pos_"]);
        assert_eq!(nm("Ein Schaden. Putin redet."), Vec::<String>::new());
        // the party's role in its clause, with the clause's evaluative words
        let roles = StanceView { roles: true, ..StanceView::default() };
        let rm = |t: &str, p: usize| -> Vec<String> {
            text::normalize(&g.stance_view(t, p, &roles)).split(' ').filter(|w| w.starts_with("_zr_")).map(String::from).collect()
        };
        assert_eq!(rm("Die Europäer reparieren mit Erfolg den Schaden, den Putin anrichtete.", ru), ["_zr_subj_neg_", "_zr_subj_neg_"]);
        let eu = g.index_of("EU").unwrap();
        assert_eq!(rm("Der arrogante Umgang der EU hat das Chaos ausgelöst.", eu), ["_zr_gen_neg_", "_zr_gen_neg_"]);
        assert_eq!(rm("Der Angriff auf Russland, ein Erfolg.", ru), ["_zr_auf_"]);
        assert_eq!(rm("Russland wurde nicht angegriffen", ru), ["_zr_pat_"]);
        assert_eq!(rm("Putin ist kein Lügner.", ru), ["_zr_subj_pos_"]);
        // the clause view: the party's clauses, a relative clause with its antecedent
        let cl = StanceView { clauses: true, ..StanceView::default() };
        let cv = |t: &str, p: usize| text::normalize(&g.stance_view(t, p, &cl));
        assert_eq!(
            cv("Die Europäer reparieren mit Hilfe der Amis den Schaden, den Putin anrichtete, mit Erfolg.", ru),
            "den schaden den _ziel_ anrichtete"
        );
        // a short clause takes the next one; two mentions in a row share a line
        let two = "Putin, so scheint es, lügt. Das Wetter ist gut. Russland droht";
        assert_eq!(cv(two, ru), "_ziel_ so scheint es _ziel_ droht");
        assert_eq!(g.stance_view(two, ru, &cl).lines().count(), 2);
        // no mention found: the view is kept whole
        assert_eq!(cv("Das Wetter ist gut.", ru), "das wetter ist gut");
        let comp = text::normalize(&g.stance_view("Die Amis helfen. Es ist gut, dass Putin verliert.", ru, &StanceView { companion_clauses: true, ..StanceView::default() }.companion_of()));
        assert_eq!(comp, "dass _ziel_ verliert _p_russland_");
        // the companion's view: the party's sentences and its name, nothing else
        let comp = g.stance_view("Die Amis sind toll. Putin ist nicht ehrlich! Wetter gut.", ru, &StanceView::companion());
        let comp = text::normalize(&comp);
        assert!(comp.starts_with("_ziel_ ist nicht ehrlich") && comp.ends_with("_p_russland_"), "{comp}");
        assert!(!comp.contains("toll") && !comp.contains("_r_") && !comp.contains("_russland_ist_") && !comp.contains("pol_"), "{comp}");
        // the default view is the plain target view
        assert_eq!(g.stance_view("Putin lügt.", ru, &StanceView::default()), g.target_view("Putin lügt.", ru));
    }

    #[test]
    fn multiword_alias_wins_over_single() {
        let g = g();
        let m = g.mentions("Die Europäische Union und die Union");
        assert_eq!(m.len(), 2);
        assert_eq!(g.parties[m[0].parties[0]].name, "EU");
        assert_eq!(g.parties[m[1].parties[0]].name, "CDU/CSU");
    }

    #[test]
    fn genitive_s_and_the_current_cabinet_are_found() {
        let g = g();
        assert_eq!(names(&g, "Faesers Ministerium"), vec!["Bundesregierung", "SPD"]);
        assert_eq!(names(&g, "Teherans Milizen"), vec!["Iran"]);
        assert_eq!(names(&g, "Netanjahus Kabinett"), vec!["Israel"]);
        // Lindner is in two parties: the genitive keeps both
        assert_eq!(names(&g, "Lindners Haushalt"), vec!["Bundesregierung", "FDP"]);
        assert_eq!(names(&g, "Der Islamische Staat"), vec!["IS"]);
        assert_eq!(names(&g, "Das Weiße Haus schweigt"), vec!["USA"]);
        assert_eq!(names(&g, "Ministerin Bas"), vec!["Bundesregierung", "SPD"]);
        // no genitive for case-sensitive aliases ("Grünes Licht") or words ending in s
        assert!(names(&g, "Grünes Licht").is_empty());
        assert!(names(&g, "bas").is_empty());
        // nor for acronyms: Swiss German "eus" is "us", not the EU
        assert!(names(&g, "Mir händ eus lang neutral gfüehlt").is_empty());
        // "Reiche" alone is "the rich"
        assert!(names(&g, "Reiche zahlen zu wenig").is_empty());
        assert_eq!(names(&g, "Katherina Reiche"), vec!["Bundesregierung", "CDU/CSU"]);
    }

    #[test]
    fn blame_rule_finds_the_doer_of_a_harm() {
        let g = g();
        let (ru, us, eu) = (g.index_of("Russland").unwrap(), g.index_of("USA").unwrap(), g.index_of("EU").unwrap());
        let how = |t: &str, p: usize| blamed_agent(&g.target_view(t, p)).map(|b| b.how);
        // the clause, quoted from the comment
        let quote = |t: &str, p: usize| g.blame(t, p).map(|b| t[b.start..b.end].to_string());
        assert_eq!(
            quote("Mit Hilfe der Amis reparieren die Europäer den Schaden, den Putin anrichtete.", ru).as_deref(),
            Some("den Schaden, den Putin anrichtete")
        );
        assert_eq!(quote("Das von Moskau angerichtete Elend sieht man kaum.", ru).as_deref(), Some("Das von Moskau angerichtete Elend sieht man kaum"));
        assert_eq!(quote("Ich denke an Putin, der die Ukraine überfallen hat", ru).as_deref(), Some("Putin, der die Ukraine überfallen hat"));
        // the doer: in a relative clause after a harm, as the subject, as the agent, as an antecedent
        assert_eq!(how("Mit Hilfe der Amis reparieren die Europäer den Schaden, den Putin anrichtete.", ru), Some("relative"));
        assert_eq!(how("Mit Hilfe der Amis reparieren die Europäer den Schaden, den Putin anrichtete.", us), None);
        assert_eq!(how("Das Leid, das die Russen über Mariupol gebracht haben, vergisst dort keiner.", ru), Some("relative"));
        assert_eq!(how("Im Irak haben wir es gesehen: die USA haben dort nur Chaos hinterlassen.", us), Some("subject"));
        assert_eq!(how("Das von Moskau angerichtete Elend sieht man im Fernsehen kaum.", ru), Some("agent"));
        assert_eq!(how("Ich denke an Putin, der die Ukraine überfallen hat.", ru), Some("antecedent"));
        assert_eq!(how("Und dann überfiel Russland die Ukraine.", ru), None, "inverted main clause: not read");
        // not the doer: object, negated, passive, asked, a harm to a villain
        assert_eq!(how("Der Krieg, der Russland ruiniert, dauert an.", ru), None);
        assert_eq!(how("Die USA haben keinen Schaden angerichtet, sagen sie.", us), None);
        assert_eq!(how("Russland wurde 1941 überfallen.", ru), None);
        assert_eq!(how("Hat die EU das Chaos verursacht?", eu), None);
        assert_eq!(how("Wer bezahlt den Schaden, den die EU angerichtet hat?", eu), Some("relative"));
        assert_eq!(how("Die Ukraine hat russische Panzer zerstört.", g.index_of("Ukraine").unwrap()), None);
        assert_eq!(how("Die EU hilft beim Wiederaufbau.", eu), None);
    }
}
