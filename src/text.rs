//! Normalisation and tokenisation, German-aware.
//!
//! The analysis is token-first: [`tokens`] splits the *original* text into
//! tokens with their byte spans, and each token is normalised on its own
//! ([`normalize_token`]). Every feature the vectoriser makes therefore comes
//! from known tokens, which is what lets the report map a score back to
//! spans of the original text.
//!
//! Normalisation: lower-casing (Unicode), URLs -> `_url_`, @mentions ->
//! `_user_`, digit runs -> `0`, runs of three or more equal characters
//! collapsed to two ("sooooo" -> "soo", "!!!!" -> "!!"), GermEval's `|LBR|`
//! line-break marker treated as white space.

/// A token of the original text: its byte span and its normalised form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub norm: String,
}

/// Placeholder tokens that normalisation produces; they are never split into char n-grams.
pub const URL: &str = "_url_";
pub const USER: &str = "_user_";

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Splits `text` into tokens with byte spans. Words are runs of letters,
/// digits and `_`; URLs (`http://`, `https://`, `www.`) and `@mentions` are
/// single tokens. Punctuation and white space separate tokens and are dropped.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        // |LBR| is GermEval's line break.
        if rest.starts_with("|LBR|") {
            i += 5;
            continue;
        }
        let c = match rest.chars().next() {
            Some(c) => c,
            None => break,
        };
        if starts_url(rest) {
            let len = rest
                .find(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
                .unwrap_or(rest.len());
            out.push(Token { start: i, end: i + len, norm: URL.to_string() });
            i += len;
            continue;
        }
        if c == '@' {
            let len = rest[1..]
                .find(|c: char| !is_word_char(c))
                .unwrap_or(rest.len() - 1);
            if len > 0 {
                out.push(Token { start: i, end: i + 1 + len, norm: USER.to_string() });
                i += 1 + len;
                continue;
            }
        }
        if is_word_char(c) {
            let len = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
            let raw = &text[i..i + len];
            out.push(Token { start: i, end: i + len, norm: normalize_token(raw) });
            i += len;
            continue;
        }
        i += c.len_utf8();
    }
    out
}

fn starts_url(s: &str) -> bool {
    let head = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    head.starts_with("http://") || head.starts_with("https://") || head.starts_with("www.")
}

/// Normalises one word token: lower-case, digit runs -> `0`, character runs
/// longer than two collapsed to two.
pub fn normalize_token(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut last: Option<char> = None;
    let mut run = 0;
    let mut in_digits = false;
    for c in raw.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('0');
                in_digits = true;
            }
            last = Some('0');
            continue;
        }
        in_digits = false;
        if Some(c) == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
        }
        last = Some(c);
        out.push(c);
    }
    out
}

/// Normalised tokens of `text`, joined by single spaces: the text the
/// vectoriser sees, useful for debugging and tests.
pub fn normalize(text: &str) -> String {
    tokens(text).into_iter().map(|t| t.norm).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_and_collapses_repeats() {
        assert_eq!(normalize("SOOOO ein Mist!!!"), "soo ein mist");
        assert_eq!(normalize("Vollpfoooosten"), "vollpfoosten");
    }

    #[test]
    fn urls_mentions_numbers() {
        assert_eq!(
            normalize("@Tom_17 siehe https://example.org/a?b=1 und www.x.de, 2014 waren es 3600"),
            "_user_ siehe _url_ und _url_ 0 waren es 0"
        );
    }

    #[test]
    fn german_letters_survive_and_spans_point_into_original() {
        let text = "Die GRÜNEN ärgern Straße|LBR|Maß";
        let toks = tokens(text);
        let norms: Vec<_> = toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["die", "grünen", "ärgern", "straße", "maß"]);
        assert_eq!(&text[toks[1].start..toks[1].end], "GRÜNEN");
        assert_eq!(&text[toks[4].start..toks[4].end], "Maß");
    }

    #[test]
    fn lone_at_sign_and_punctuation_only() {
        assert!(tokens("@ !!! ...").is_empty());
        assert!(tokens("").is_empty());
    }
}
