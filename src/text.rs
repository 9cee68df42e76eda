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

use serde::{Deserialize, Serialize};

/// A token of the original text: its byte span and its normalised form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub norm: String,
    /// The original is written in capitals ("LÜGNER"): at least three
    /// letters, none of them lower-case.
    pub shout: bool,
}

/// Optional steps of the analysis; all off gives [`tokens`]. Stored in the
/// vectoriser's settings, so a model tokenises as it was trained.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TextOptions {
    /// ä → ae, ö → oe, ü → ue, ß → ss, so that "Scheiße" and "Scheisse" meet.
    pub fold_umlauts: bool,
    /// Digits between letters read as letters: "V0llidiot" → "vollidiot"
    /// (0 o, 1 i, 3 e, 4 a, 5 s, 7 t).
    pub leet: bool,
    /// Runs of `!`/`?` and emoji become tokens of their own ("!!", "?!", "😡").
    pub punct: bool,
    /// Hashtags split at inner capitals: "#MerkelMussWeg" → merkel muss weg.
    pub split_hashtags: bool,
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
    tokens_with(text, &TextOptions::default())
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF)
}

fn is_shout(raw: &str) -> bool {
    let mut letters = 0;
    for c in raw.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 3
}

/// [`tokens`] with the optional steps of `opt`.
pub fn tokens_with(text: &str, opt: &TextOptions) -> Vec<Token> {
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
            out.push(Token { start: i, end: i + len, norm: URL.to_string(), shout: false });
            i += len;
            continue;
        }
        if c == '@' {
            let len = rest[1..]
                .find(|c: char| !is_word_char(c))
                .unwrap_or(rest.len() - 1);
            if len > 0 {
                out.push(Token { start: i, end: i + 1 + len, norm: USER.to_string(), shout: false });
                i += 1 + len;
                continue;
            }
        }
        if opt.split_hashtags && c == '#' {
            let len = rest[1..].find(|c: char| !is_word_char(c)).unwrap_or(rest.len() - 1);
            if len > 0 {
                let start = i + 1;
                let raw = &text[start..start + len];
                // split before an upper-case letter that follows a lower-case one
                let mut cut = 0;
                let mut prev_lower = false;
                for (j, ch) in raw.char_indices() {
                    if ch.is_uppercase() && prev_lower {
                        push_word(&mut out, text, start + cut, start + j, opt);
                        cut = j;
                    }
                    prev_lower = ch.is_lowercase();
                }
                push_word(&mut out, text, start + cut, start + len, opt);
                i = start + len;
                continue;
            }
        }
        if is_word_char(c) {
            let len = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
            push_word(&mut out, text, i, i + len, opt);
            i += len;
            continue;
        }
        if opt.punct && (c == '!' || c == '?') {
            let len = rest.find(|c: char| c != '!' && c != '?').unwrap_or(rest.len());
            let run = &rest[..len];
            let norm = match (run.contains('!'), run.contains('?'), len) {
                (true, true, _) => "?!",
                (true, false, 1) => "!",
                (true, false, _) => "!!",
                (false, true, 1) => "?",
                _ => "??",
            }
            .to_string();
            out.push(Token { start: i, end: i + len, norm, shout: false });
            i += len;
            continue;
        }
        if opt.punct && is_emoji(c) {
            out.push(Token { start: i, end: i + c.len_utf8(), norm: c.to_string(), shout: false });
            i += c.len_utf8();
            continue;
        }
        i += c.len_utf8();
    }
    out
}

fn push_word(out: &mut Vec<Token>, text: &str, start: usize, end: usize, opt: &TextOptions) {
    if start >= end {
        return;
    }
    let raw = &text[start..end];
    let mut norm = normalize_token_with(raw, opt);
    if norm.is_empty() {
        norm = normalize_token(raw);
    }
    out.push(Token { start, end, norm, shout: is_shout(raw) });
}

fn starts_url(s: &str) -> bool {
    let head = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    head.starts_with("http://") || head.starts_with("https://") || head.starts_with("www.")
}

/// Normalises one word token: lower-case, digit runs -> `0`, character runs
/// longer than two collapsed to two.
pub fn normalize_token(raw: &str) -> String {
    normalize_token_with(raw, &TextOptions::default())
}

fn leet_letter(d: char) -> Option<char> {
    Some(match d {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        _ => return None,
    })
}

/// [`normalize_token`] with the optional steps of `opt`.
pub fn normalize_token_with(raw: &str, opt: &TextOptions) -> String {
    let lowered: Vec<char> = raw.chars().flat_map(char::to_lowercase).collect();
    let mut chars: Vec<char> = Vec::with_capacity(lowered.len() + 2);
    for (k, &c) in lowered.iter().enumerate() {
        if opt.leet && c.is_ascii_digit() {
            let left = k > 0 && lowered[k - 1].is_alphabetic();
            let right = lowered[k + 1..].iter().find(|c| !c.is_ascii_digit()).is_some_and(|c| c.is_alphabetic());
            if left && right {
                if let Some(l) = leet_letter(c) {
                    chars.push(l);
                    continue;
                }
            }
        }
        if opt.fold_umlauts {
            match c {
                'ä' => chars.extend(['a', 'e']),
                'ö' => chars.extend(['o', 'e']),
                'ü' => chars.extend(['u', 'e']),
                'ß' => chars.extend(['s', 's']),
                _ => chars.push(c),
            }
            continue;
        }
        chars.push(c);
    }
    let mut out = String::with_capacity(raw.len());
    let mut last: Option<char> = None;
    let mut run = 0;
    let mut in_digits = false;
    for c in chars {
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

    #[test]
    fn optional_steps() {
        let opt = TextOptions { fold_umlauts: true, leet: true, punct: true, split_hashtags: true };
        let text = "Du V0llidiot!!! Scheiße 😡 #MerkelMussWeg covid19 ?!";
        let toks = tokens_with(text, &opt);
        let norms: Vec<_> = toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(
            norms,
            ["du", "vollidiot", "!!", "scheisse", "😡", "merkel", "muss", "weg", "covid0", "?!"]
        );
        assert_eq!(&text[toks[5].start..toks[5].end], "Merkel");
        assert_eq!(&text[toks[2].start..toks[2].end], "!!!");
        // without options nothing changes
        assert_eq!(normalize(text), "du v0llidiot scheiße merkelmussweg covid0");
    }

    #[test]
    fn shouting_is_marked() {
        let toks = tokens("Diese LÜGNER und die EU");
        let shout: Vec<_> = toks.iter().map(|t| t.shout).collect();
        assert_eq!(shout, [false, true, false, false, false]);
    }
}
