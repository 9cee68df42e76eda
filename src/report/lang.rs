//! Interface texts of the reports (German by default, English) and number
//! formats: German "1.234,5" and "12 %", English "1,234.5" and "12%".

use super::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    De,
    En,
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s.trim().to_lowercase().as_str() {
            "de" | "deutsch" | "german" => Ok(Lang::De),
            "en" | "english" | "englisch" => Ok(Lang::En),
            _ => Err(format!("--lang {s}: choose de (German, the default) or en (English)")),
        }
    }
}

/// The interface texts of one language.
pub struct Texts {
    pub code: &'static str,
    pub comment: &'static str,
    pub comments: &'static str,
    pub anonymous: &'static str,
    pub against: &'static str,
    pub favor: &'static str,
    pub neutral: &'static str,
    pub mixed: &'static str,
    pub no_side: &'static str,
    pub stance_toward: &'static str,
    /// The blame rule's explanation, before the quoted clause.
    pub blamed: &'static str,
    pub stance: &'static str,
    pub report_title: &'static str,
    pub back: &'static str,
    pub source: &'static str,
    pub site: &'static str,
    pub date: &'static str,
    pub article: &'static str,
    pub articles: &'static str,
    pub untitled: &'static str,
    pub total: &'static str,
    pub at_a_glance: &'static str,
    pub distribution: &'static str,
    pub score: &'static str,
    pub review_from: &'static str,
    pub remove_from: &'static str,
    pub not_set: &'static str,
    pub stance_chart: &'static str,
    pub no_stance: &'static str,
    pub queue: &'static str,
    pub queue_intro: &'static str,
    pub head_queue: &'static str,
    pub head_queue_intro: &'static str,
    pub run_queue_intro: &'static str,
    pub discussion: &'static str,
    pub discussion_intro: &'static str,
    pub reply_to: &'static str,
    pub replies: &'static str,
    pub raised_by: &'static str,
    pub ngrams: &'static str,
    pub recommendation: &'static str,
    pub rank: &'static str,
    pub no_comments: &'static str,
    pub failures: &'static str,
    pub declared: &'static str,
    pub parties: &'static str,
    pub thresholds: &'static str,
    pub thresholds_intro: &'static str,
    pub from_model: &'static str,
    pub from_cv: &'static str,
    pub from_override: &'static str,
    pub head: &'static str,
    pub sort_hint: &'static str,
    pub to_queue: &'static str,
    pub in_discussion: &'static str,
    pub more: &'static str,
    pub none_flagged: &'static str,
    pub legend: &'static str,
    pub share_flagged: &'static str,
    pub dominant_stance: &'static str,
}

const DE: Texts = Texts {
    code: "de",
    comment: "Kommentar",
    comments: "Kommentare",
    anonymous: "anonym",
    against: "dagegen",
    favor: "dafür",
    neutral: "neutral",
    mixed: "geteilt",
    no_side: "keine Seite",
    stance_toward: "Haltung zu",
    blamed: "als Verursacher eines Schadens genannt",
    stance: "Haltung",
    report_title: "comment-radar – Moderationsbericht",
    back: "← Übersicht",
    source: "Quelle",
    site: "Website",
    date: "Datum",
    article: "Artikel",
    articles: "Artikel",
    untitled: "(ohne Titel)",
    total: "Gesamt",
    at_a_glance: "Auf einen Blick",
    distribution: "Verteilung der Werte",
    score: "Wert",
    review_from: "prüfen ab",
    remove_from: "entfernen ab",
    not_set: "nicht gesetzt",
    stance_chart: "Haltung pro Akteur (Anzahl Kommentare)",
    no_stance: "Kein Kommentar nennt einen Akteur aus dem Verzeichnis.",
    queue: "Prüfliste",
    queue_intro: "Alle Kommentare, dringendste zuerst: erst die Empfehlung (entfernen, prüfen, behalten), dann der Abstand zur Schwelle. Markiert sind die Wörter, die einen Wert über die Prüfschwelle gehoben haben.",
    head_queue: "Rangliste",
    head_queue_intro: "Kommentare nach diesem Wert geordnet, höchster zuerst; markiert sind die Wörter, die ihn am stärksten erhöht haben.",
    run_queue_intro: "Die Kommentare aller Artikel mit dem höchsten Wert; markiert sind die Wörter, die ihn am stärksten erhöht haben.",
    discussion: "Diskussion",
    discussion_intro: "Die Kommentare in der Reihenfolge der Seite, Antworten unter ihrem Bezugskommentar.",
    reply_to: "Antwort auf",
    replies: "Antworten",
    raised_by: "erhöht durch",
    ngrams: "N-Gramme",
    recommendation: "Empfehlung",
    rank: "Rang",
    no_comments: "Keine Leserkommentare auf dieser Seite.",
    failures: "Seiten, die nicht gelesen werden konnten",
    declared: "Die Seite nennt {d} Kommentare; {n} davon stehen in der gespeicherten Seite.",
    parties: "Im Artikel genannt",
    thresholds: "Schwellen",
    thresholds_intro: "Ab welchem Wert ein Kommentar geprüft oder seine Entfernung empfohlen wird. Die Modellschwellen sind per Kreuzvalidierung für eine Präzision von 50 % (prüfen) bzw. 90 % (entfernen) gewählt; --review-at und --remove-at ändern sie.",
    from_model: "Modell",
    from_cv: "Modell (CV-Schwelle)",
    from_override: "Befehlszeile",
    head: "Merkmal",
    sort_hint: "Spaltenköpfe sortieren die Tabelle.",
    to_queue: "zur Prüfliste",
    in_discussion: "im Verlauf",
    more: "weitere Kommentare mit niedrigerem Wert in der Prüfliste",
    none_flagged: "keiner",
    legend: "Legende",
    share_flagged: "Anteil",
    dominant_stance: "überwiegende Haltung",
};

const EN: Texts = Texts {
    code: "en",
    comment: "comment",
    comments: "comments",
    anonymous: "anonymous",
    against: "against",
    favor: "favor",
    neutral: "neutral",
    mixed: "split",
    no_side: "no side",
    stance_toward: "stance toward",
    blamed: "named as the doer of a harm",
    stance: "Stance",
    report_title: "comment-radar – moderation report",
    back: "← Overview",
    source: "Source",
    site: "Site",
    date: "Date",
    article: "Article",
    articles: "articles",
    untitled: "(untitled)",
    total: "Total",
    at_a_glance: "At a glance",
    distribution: "Distribution of scores",
    score: "Score",
    review_from: "review from",
    remove_from: "remove from",
    not_set: "not set",
    stance_chart: "Stance per party (number of comments)",
    no_stance: "No comment mentions a party of the gazetteer.",
    queue: "Review queue",
    queue_intro: "All comments, most urgent first: by recommendation (remove, review, keep), then by distance to the threshold. Highlighted are the words that raised a score above the review threshold.",
    head_queue: "Ranking",
    head_queue_intro: "Comments by this score, highest first; highlighted are the words that raised it most.",
    run_queue_intro: "The highest-scoring comments of all articles; highlighted are the words that raised the score most.",
    discussion: "Discussion",
    discussion_intro: "The comments in page order, replies under the comment they answer.",
    reply_to: "Reply to",
    replies: "Replies",
    raised_by: "raised by",
    ngrams: "n-grams",
    recommendation: "Recommendation",
    rank: "Rank",
    no_comments: "No reader comments on this page.",
    failures: "Pages that could not be read",
    declared: "The page announces {d} comments; {n} of them are in the saved page.",
    parties: "Mentioned in the article",
    thresholds: "Thresholds",
    thresholds_intro: "From which score a comment goes to review or its removal is recommended. The model's thresholds are chosen by cross-validation for a precision of 50 % (review) and 90 % (remove); --review-at and --remove-at change them.",
    from_model: "model",
    from_cv: "model (CV threshold)",
    from_override: "command line",
    head: "Signal",
    sort_hint: "Column headers sort the table.",
    to_queue: "to the review queue",
    in_discussion: "in the thread",
    more: "more comments with lower scores in the review queue",
    none_flagged: "none",
    legend: "Legend",
    share_flagged: "share",
    dominant_stance: "dominant stance",
};

impl Lang {
    pub fn t(self) -> &'static Texts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }

    /// Label of an action ("entfernen", "prüfen", "behalten").
    pub fn action(self, a: Action) -> &'static str {
        match (self, a) {
            (Lang::De, Action::Remove) => "entfernen",
            (Lang::De, Action::Review) => "prüfen",
            (Lang::De, Action::Keep) => "behalten",
            (Lang::En, Action::Remove) => "remove",
            (Lang::En, Action::Review) => "review",
            (Lang::En, Action::Keep) => "keep",
        }
    }

    /// Name of a head as a noun ("Unzivilität", "Verschwörungserzählung").
    pub fn head_name(self, head: &str) -> String {
        match (self, head) {
            (Lang::De, "incivility") => "Unzivilität".into(),
            (Lang::De, "conspiracy") => "Verschwörungserzählung".into(),
            (Lang::En, "incivility") => "Incivility".into(),
            (Lang::En, "conspiracy") => "Conspiracy framing".into(),
            (_, h) => h.to_string(),
        }
    }

    /// A head as it follows a count: "4 unzivil", "2 Verschwörungserzählung".
    pub fn head_adj(self, head: &str) -> String {
        match (self, head) {
            (Lang::De, "incivility") => "unzivil".into(),
            (Lang::De, "conspiracy") => "Verschwörungserzählung".into(),
            (Lang::En, "incivility") => "uncivil".into(),
            (Lang::En, "conspiracy") => "conspiracy framing".into(),
            (_, h) => h.to_string(),
        }
    }

    /// A stance class ("against", "favor", "none", "mixed") in this language.
    pub fn stance(self, s: &str) -> &'static str {
        let t = self.t();
        match s {
            "against" => t.against,
            "favor" => t.favor,
            "mixed" => t.mixed,
            "none" => t.neutral,
            _ => t.no_side,
        }
    }

    /// "1 Kommentar", "1.234 Kommentare".
    pub fn count(self, n: usize, one: &str, many: &str) -> String {
        format!("{} {}", self.int(n), if n == 1 { one } else { many })
    }

    /// An integer with thousands separators ("1.234" / "1,234").
    pub fn int(self, n: usize) -> String {
        let digits = n.to_string();
        let sep = if self == Lang::De { '.' } else { ',' };
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(sep);
            }
            out.push(ch);
        }
        out
    }

    /// A decimal number with `places` places ("1.234,5" / "1,234.5").
    pub fn dec(self, x: f64, places: usize) -> String {
        if !x.is_finite() {
            return "–".into();
        }
        let s = format!("{:.*}", places, x.abs());
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (s.as_str(), None),
        };
        let mut out = String::new();
        if x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
            out.push('−');
        }
        out.push_str(&self.int(int.parse().unwrap_or(0)));
        if let Some(f) = frac {
            out.push(if self == Lang::De { ',' } else { '.' });
            out.push_str(f);
        }
        out
    }

    /// A share in 0..1 as a percentage ("12 %" / "12%").
    pub fn pct(self, share: f64) -> String {
        let v = self.dec(share * 100.0, 0);
        match self {
            Lang::De => format!("{v}\u{a0}%"),
            Lang::En => format!("{v}%"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_and_english_numbers() {
        assert_eq!(Lang::De.int(1234567), "1.234.567");
        assert_eq!(Lang::En.int(1234567), "1,234,567");
        assert_eq!(Lang::De.int(999), "999");
        assert_eq!(Lang::De.dec(1234.5, 1), "1.234,5");
        assert_eq!(Lang::En.dec(1234.5, 1), "1,234.5");
        assert_eq!(Lang::De.dec(0.251, 2), "0,25");
        assert_eq!(Lang::De.pct(0.123), "12\u{a0}%");
        assert_eq!(Lang::En.pct(0.123), "12%");
        assert_eq!(Lang::De.dec(-0.5, 1), "−0,5");
        assert_eq!(Lang::De.dec(f64::NAN, 1), "–");
    }

    #[test]
    fn languages_parse() {
        assert_eq!("en".parse::<Lang>().unwrap(), Lang::En);
        assert_eq!("DE".parse::<Lang>().unwrap(), Lang::De);
        assert!("fr".parse::<Lang>().unwrap_err().contains("choose de"));
    }
}
