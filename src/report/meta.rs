//! What a report shows about a page beyond its parse: the site it came from
//! and the article's date, both read from the page text when it names them.

use std::sync::LazyLock;

use regex::Regex;

use crate::page::{cues, Page};

/// Site and date of an article, when the page names them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub site: Option<String>,
    pub date: Option<String>,
}

static HOST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^@\w.-])(?:https?://)?(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:de|com|net|ch|at|org|eu|info|news|online))\b")
        .expect("host pattern")
});

/// The site of a page: the host name it mentions most often ("faz.net",
/// "news.ch"); the first one on a tie.
pub fn site(raw: &str) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for m in HOST.captures_iter(raw) {
        let h = m[1].to_lowercase();
        match counts.iter_mut().find(|(x, _)| *x == h) {
            Some(c) => c.1 += 1,
            None => counts.push((h, 1)),
        }
    }
    // stable: max_by_key keeps the last maximum, so scan for the first
    let best = counts.iter().map(|c| c.1).max()?;
    counts.into_iter().find(|c| c.1 == best).map(|c| c.0)
}

/// The article's date: the first absolute date of the page text before the
/// comments begin (relative dates like "vor 3 Stunden" are not a date).
pub fn date(raw: &str, page: &Page) -> Option<String> {
    let cut = page
        .comments
        .first()
        .and_then(|c| {
            let by_author = c.author.as_deref().filter(|a| a.len() >= 2).and_then(|a| raw.find(a));
            let first_line = c.text.lines().next().unwrap_or("");
            let by_text = first_line.get(..first_line.len().min(40)).filter(|s| !s.trim().is_empty()).and_then(|s| raw.find(s));
            match (by_author, by_text) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        })
        .unwrap_or(raw.len());
    let mut rest = raw.get(..cut)?;
    while let Some((a, b)) = cues::find_date(rest) {
        let m = rest[a..b].trim();
        if m.starts_with(|c: char| c.is_ascii_digit()) {
            return Some(m.to_string());
        }
        rest = &rest[b..];
    }
    None
}

/// Site and date of a page from its decoded text.
pub fn of(raw: &str, page: &Page) -> PageMeta {
    PageMeta { site: site(raw), date: date(raw, page) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_is_the_most_mentioned_host() {
        assert_eq!(site("Quelle: https://www.faz.net/-gpf-88f90 ... © FAZ.NET").as_deref(), Some("faz.net"));
        assert_eq!(site("news.ch, wetter.ch, news.ch").as_deref(), Some("news.ch"));
        assert_eq!(site("Schreiben Sie an leser@zeitung.de"), None);
        assert_eq!(site("kein Hinweis"), None);
    }

    #[test]
    fn date_is_the_first_absolute_date_before_the_comments() {
        let page = Page {
            comments: vec![crate::page::Comment {
                author: Some("Leser1".into()),
                text: "Meine Meinung".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let raw = "Titel\nvor 3 Stunden\npubliziert: Dienstag, 14. Okt 2014 / 21:47 Uhr\nText\nLeser1 15.10.2014\nMeine Meinung";
        assert_eq!(date(raw, &page).as_deref(), Some("14. Okt 2014 / 21:47 Uhr"));
        let raw = "Titel\nText\nLeser1 15.10.2014\nMeine Meinung";
        assert_eq!(date(raw, &page), None, "a comment's date is not the article's");
    }
}
