//! More record families for the text-dump induction (session 9, seg13):
//! the layouts seg12 named and left unbuilt.
//!
//! - **Field exports** ([`field_records`]): records written as labelled
//!   fields, one per line ("Autor: …", "Datum: …", "Kommentar: …") or with
//!   the label alone on a line and the value below it (a w3m dump of a
//!   definition list). Labels are found by repetition (the same label in
//!   three or more records), their roles by the values they hold: dates,
//!   names that vary, free text of sentence length, distinct numbers (an
//!   id), numbers naming an earlier id (the reply field); a field named like
//!   a subject ("Betreff", "Titel") before the text is the comment title.
//!   Session 13 (seg18) added two more spellings of the same records: psql's
//!   expanded display ("column | value", records between "-[ RECORD N ]---"
//!   rules) and data files (YAML: "- key: …" opens a list item, quoted values
//!   lose their quotes, "null" is empty, "key: |" takes the deeper indented
//!   lines below it, blank lines included; a key only some records hold
//!   stays in its record). Ids that are not numbers ("k-7f3a": short distinct
//!   tokens with a digit) give parents by id like numeric ones; a record
//!   whose shown flag ("freigegeben", "published", …) is false is no comment;
//!   the console session (prompt lines "db=# …", "$ …") directly above the
//!   first record goes with the records, not the body.
//! - **Space-aligned tables** ([`aligned_records`]): w3m renders a table
//!   without rules as columns padded with spaces, a wrapped cell continuing
//!   on an indented line. The rows are cut at the column starts of the
//!   first row and read as a table (`read_table`).
//! - **Call-in transcripts** ([`transcript_records`]): "Speaker: text"
//!   turns, one speaker (the host) holding most turns, three or more others
//!   (the callers) whose turns are the reader contributions.
//!
//! Plus two fixes to the cue reading: a list of forum thread titles under
//! authors and ages (`is_thread_list`, furniture), and a title line between
//! a comment's header and its text (`titles_in_records`).

use super::{distinct_numbers, passes_gates, read_table, read_text, sentence_like, to_comments, Rec, Section};
use crate::page::cues::{self, ReplyRef};
use super::super::{Attempt, Line};
use crate::page::Comment;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::LazyLock;

// ---------------------------------------------------------------------------
// Field exports

/// A field line: (label, inline value). The label is one to three words
/// before a colon ("Autor: Renate", "Antwort auf: 9911", "Betreff:"), or
/// the whole line when it is one or two words without digits (a label
/// whose value follows on the next line; kept only when it recurs).
fn field_of(t: &str) -> Option<(&str, Option<&str>)> {
    let t = cues::trim(t);
    // A data file's key ("name: …", "- id: …" opening a YAML list item):
    // a lower-case identifier; a quoted value without its quotes, "null" empty.
    if let Some(f) = key_field(t.strip_prefix("- ").unwrap_or(t)) {
        return Some(f);
    }
    // Byte gates: a letter first (ASCII or a UTF-8 lead byte), a colon
    // within the first 31 bytes or a short line.
    if t.is_empty() || t.len() > 400 || !(t.as_bytes()[0].is_ascii_alphabetic() || t.as_bytes()[0] >= 0xC3) {
        return None;
    }
    let head = &t.as_bytes()[..t.len().min(31)];
    // A column name, padding and a bar: psql's expanded display
    // ("antwort_auf | 50311", "text        | …"); one bar only.
    if t.as_bytes()[0].is_ascii_lowercase() {
        if let Some(p) = memchr::memchr(b'|', head) {
            let label = t[..p].trim_end();
            let rest = &t[p + 1..];
            if label.len() < p
                && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                && (rest.is_empty() || rest.starts_with(' '))
                && memchr::memchr(b'|', rest.as_bytes()).is_none()
            {
                return Some((label, Some(rest.trim())));
            }
        }
    }
    if let Some(p) = memchr::memchr(b':', head).filter(|&p| p > 0 && p <= 30) {
        let label = t[..p].trim_end();
        let rest = &t[p + 1..];
        // "19:04", "https://": no label.
        if rest.starts_with("//") || label.chars().next().is_none_or(|c| !c.is_alphabetic()) {
            return None;
        }
        if label.split_whitespace().count() <= 3 && label.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.')) && (rest.is_empty() || rest.starts_with(' ')) {
            return Some((label, Some(rest.trim())));
        }
        return None;
    }
    if t.len() > 48 {
        return None;
    }
    let words = t.split_whitespace().count();
    if (1..=2).contains(&words) && t.chars().count() <= 24 && t.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-')) {
        return Some((t, None));
    }
    None
}

/// The fields of a JSON object on one line ("{"id":7,"autor":"…",…}"), in
/// their order, read by serde_json: a string value unescaped (a tab or
/// carriage return as a space; valid JSON holds them only as escapes),
/// `null` empty, a number or literal as written (a raw value), a nested
/// object or array empty (no field of the record). None when the line is
/// no JSON object.
fn json_object(t: &str) -> Option<Vec<(String, String)>> {
    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
    use serde_json::value::RawValue;
    struct Fields(Vec<(String, String)>);
    struct FieldsVisitor;
    impl<'de> Visitor<'de> for FieldsVisitor {
        type Value = Fields;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
            let mut out = Vec::new();
            while let Some((key, raw)) = map.next_entry::<String, Box<RawValue>>()? {
                let raw = raw.get();
                let value = match raw.as_bytes().first() {
                    Some(b'"') => serde_json::from_str::<String>(raw).map_err(serde::de::Error::custom)?.replace(['\t', '\r'], " "),
                    Some(b'{' | b'[') => String::new(),
                    _ if raw == "null" => String::new(),
                    _ => raw.to_string(),
                };
                out.push((key, value));
            }
            Ok(Fields(out))
        }
    }
    impl<'de> Deserialize<'de> for Fields {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_map(FieldsVisitor)
        }
    }
    serde_json::from_str::<Fields>(t).ok().map(|f| f.0)
}

/// Field records written as JSON Lines, one object per line: another
/// spelling of a field export (the key is the label); read like one.
fn json_line_records(lines: &[Line]) -> Option<Section> {
    // Cheap gate: three or more lines that open an object with a key.
    let objectish = |l: &Line| l.text.starts_with("{\"") && l.text.ends_with('}');
    if lines.iter().filter(|l| objectish(l)).take(3).count() < 3 {
        return None;
    }
    let mut raws = vec![];
    let mut first = None;
    for (i, l) in lines.iter().enumerate() {
        if !objectish(l) {
            continue;
        }
        let Some(fields) = json_object(&l.text) else { continue };
        if fields.len() < 3 {
            continue;
        }
        first.get_or_insert(i);
        let fields = fields.into_iter().map(|(k, v)| (k.to_lowercase(), v.split('\n').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect())).collect();
        raws.push(Raw { fields, indent: 0 });
    }
    if raws.len() < 3 {
        return None;
    }
    let recs = read_raws(&raws)?;
    let first = first?;
    let start = session_above(lines, first).unwrap_or_else(|| super::caption_above(lines, first));
    Some((start, Attempt { comments: to_comments(recs), declared: None }))
}

/// Whether [`field_of`] may read a field from a line, by its byte classes:
/// each field it reads has a colon (a label's or a key's) or a bar (psql's),
/// or is a bare label of at most 48 bytes (test
/// `fields_need_a_colon_a_bar_or_a_short_line`).
fn may_be_field(t: &str, f: &cues::Facts) -> bool {
    f.may(cues::C_COLON | cues::C_BAR) || cues::trim(t).len() <= 48
}

/// A data file's "key: value" line (see [`field_of`]).
fn key_field(t: &str) -> Option<(&str, Option<&str>)> {
    let b = t.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_lowercase) {
        return None;
    }
    let p = b.iter().take(31).position(|&c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_'))?;
    if b[p] != b':' || !matches!(b.get(p + 1), None | Some(b' ')) {
        return None;
    }
    let v = t[p + 1..].trim();
    let v = match v.as_bytes() {
        [b'"', .., b'"'] | [b'\'', .., b'\''] if v.len() >= 2 => &v[1..v.len() - 1],
        b"null" | b"~" => "",
        _ => v,
    };
    Some((&t[..p], Some(v)))
}

/// A block scalar's marker: the value's lines follow, indented deeper.
fn block_marker(v: Option<&str>) -> bool {
    matches!(v, Some("|" | "|-" | ">" | ">-"))
}

/// A field that says whether a record is shown ("freigegeben: false").
const SHOWN_LABELS: [&str; 7] = ["freigegeben", "veröffentlicht", "sichtbar", "published", "approved", "visible", "public"];

/// A console prompt: "NAME=# …", "NAME=> …" (psql), "$ …" (a shell).
fn is_prompt(t: &str) -> bool {
    if t.starts_with("$ ") {
        return true;
    }
    // A shell prompt with user, host or path: "user@host:~/dir$ cmd".
    if let Some((tok, _)) = t.split_once(' ') {
        if tok.len() >= 2 && tok.ends_with(['$', '#', '%']) && tok.contains(['@', ':']) {
            return true;
        }
    }
    let b = t.as_bytes();
    let p = b.iter().take(40).position(|&c| !(c.is_ascii_alphanumeric() || c == b'_'));
    p.is_some_and(|p| p > 0 && matches!(&b[p..], [b'=', b'#' | b'>', b' ', ..] | [b'=', b'#' | b'>']))
}

/// The console session that printed the records: the topmost prompt line
/// of the lines directly above the first record (no blank line between).
fn session_above(lines: &[Line], first: usize) -> Option<usize> {
    let mut k = first;
    let mut top = None;
    while k > 0 && first - k < 8 && !lines[k - 1].blank() {
        k -= 1;
        if is_prompt(&lines[k].text) {
            top = Some(k);
        }
    }
    top
}

/// A record separator with a label in it: psql's "-[ RECORD 3 ]-----".
fn record_rule(t: &str) -> bool {
    t.starts_with("-[") && t.ends_with(['-', ']'])
}

/// One record of a field export: its fields in order, each a label and
/// its value lines.
struct Raw {
    fields: Vec<(String, Vec<String>)>,
    indent: usize,
}

const AUTHOR_LABELS: [&str; 9] = ["autor", "autorin", "name", "verfasser", "von", "benutzer", "nutzer", "user", "username"];
const TITLE_LABELS: [&str; 6] = ["betreff", "titel", "überschrift", "subject", "title", "thema"];

/// The records of a field export (see the module docs).
pub(super) fn field_records(lines: &[Line]) -> Option<Section> {
    if let Some(s) = json_line_records(lines) {
        return Some(s);
    }
    // Cheap gate: nine or more lines that may be fields.
    let fields: Vec<Option<(&str, Option<&str>)>> = lines.iter().map(|l| if l.blank() || !may_be_field(&l.text, &l.facts) { None } else { field_of(&l.text) }).collect();
    if fields.iter().filter(|f| f.is_some()).count() < 9 {
        return None;
    }
    let mut freq: FxHashMap<&str, usize> = FxHashMap::default();
    for (l, _) in fields.iter().flatten() {
        *freq.entry(l).or_default() += 1;
    }
    let recurring = |l: &str| freq.get(l).is_some_and(|&c| c >= 3);
    // A bare label counts only when a value line follows it.
    let is_label = |i: usize| match fields[i] {
        Some((l, Some(_))) => recurring(l),
        Some((l, None)) => recurring(l) && lines.get(i + 1).is_some_and(|n| !n.blank() && fields[i + 1].is_none_or(|(m, _)| !recurring(m))),
        None => false,
    };
    let labels: Vec<usize> = (0..lines.len()).filter(|&i| is_label(i)).collect();
    if labels.len() < 9 {
        return None;
    }
    // The record opener: the first recurring label of the page, or of a
    // data file's list items ("- id: …").
    let first = labels.iter().copied().find(|&i| lines[i].text.starts_with("- ")).unwrap_or(labels[0]);
    let opener = fields[first]?.0.to_lowercase();
    let starts: Vec<usize> = labels.iter().copied().filter(|&i| fields[i].is_some_and(|(l, _)| l.to_lowercase() == opener)).collect();
    if starts.len() < 3 {
        return None;
    }
    let mut raws: Vec<Raw> = vec![];
    for (r, &s) in starts.iter().enumerate() {
        let end = starts.get(r + 1).copied().unwrap_or(lines.len());
        let mut rec = Raw { fields: vec![], indent: lines[s].indent };
        let mut i = s;
        // A data file's key that only some records hold ("notiz: …") is a field too.
        let data_key = |i: usize| key_field(cues::trim(&lines[i].text).strip_prefix("- ").unwrap_or(cues::trim(&lines[i].text))).is_some();
        while i < end {
            if !is_label(i) && !(i > s && data_key(i) && lines[i].indent == lines[i - 1].indent) {
                break;
            }
            let Some((label, inline)) = fields[i] else { break };
            let mut vals: Vec<String> = inline.filter(|v| !v.is_empty()).map(|v| v.to_string()).into_iter().collect();
            let at = lines[i].indent;
            i += 1;
            // A block scalar ("text: |"): the deeper indented lines, blank lines between them included.
            if block_marker(inline) {
                vals.clear();
                while i < end {
                    if lines[i].blank() {
                        if lines[i + 1..end].iter().find(|l| !l.blank()).is_some_and(|l| l.indent > at) {
                            i += 1;
                            continue;
                        }
                        break;
                    }
                    if lines[i].indent <= at {
                        break;
                    }
                    vals.push(cues::trim(&lines[i].text).to_string());
                    i += 1;
                }
                rec.fields.push((label.to_lowercase(), vals));
                continue;
            }
            // The value's lines: up to a blank line, a rule or the next label.
            // A label of its own ("Antwort der Verwaltung:") opens a field
            // the records do not share: the value ends there.
            let foreign = |i: usize| matches!(fields[i], Some((_, Some("")))) || lines[i].indent <= at && data_key(i);
            while i < end && !lines[i].blank() && !is_label(i) && !foreign(i) && !super::rule_or_empty(&lines[i].text) && !record_rule(&lines[i].text) {
                vals.push(cues::trim(&lines[i].text).to_string());
                i += 1;
            }
            rec.fields.push((label.to_lowercase(), vals));
            while i < end && lines[i].blank() && i + 1 < end && is_label(i + 1) {
                i += 1;
            }
        }
        raws.push(rec);
    }
    let recs = read_raws(&raws)?;
    let start = session_above(lines, starts[0]).unwrap_or_else(|| super::caption_above(lines, starts[0]));
    // A count field above the records ("Anzahl Kommentare: 5").
    let declared = (0..starts[0]).rev().find_map(|i| {
        let (l, v) = fields[i]?;
        let l = l.to_lowercase();
        (l.contains("kommentar") || l.contains("beitr") || l.contains("antwort")).then(|| v?.parse::<usize>().ok()).flatten()
    });
    Some((start, Attempt { comments: to_comments(recs), declared }))
}

/// The comments of a field export's records: each field's role found from
/// the values it holds (see the module docs).
fn read_raws(raws: &[Raw]) -> Option<Vec<Rec>> {
    let n = raws.len();
    // The labels every record may hold, in the order of the first record.
    let mut order: Vec<String> = vec![];
    for r in raws {
        for (l, _) in &r.fields {
            if !order.contains(l) {
                order.push(l.clone());
            }
        }
    }
    let value = |r: &Raw, l: &str| r.fields.iter().find(|(k, _)| k == l).map(|(_, v)| v.join("\n"));
    let col = |l: &str| raws.iter().map(|r| value(r, l).unwrap_or_default()).collect::<Vec<String>>();
    let share = |v: &[String], f: &dyn Fn(&str) -> bool| v.iter().filter(|s| f(s)).count() * 10 >= n * 7;
    let is_date = |s: &str| s.len() <= 40 && cues::find_date(s).is_some_and(|(a, b)| (b - a) * 2 >= s.trim().len());
    let date_l = order.iter().find(|l| share(&col(l), &is_date))?.clone();
    let words = |l: &str| col(l).iter().map(|s| cues::word_count(s)).sum::<usize>() / n;
    let text_l = order.iter().filter(|l| **l != date_l && words(l) >= 5 && share(&col(l), &|s| sentence_like(s))).max_by_key(|l| words(l))?.clone();
    let ints = |l: &str| col(l).iter().map(|s| s.trim().trim_start_matches('#').parse::<u32>().ok()).collect::<Vec<_>>();
    let id_at = order.iter().position(|l| distinct_numbers(&ints(l), n));
    // Ids that are not numbers ("k-7f3a"): short distinct tokens with a
    // digit; they are the id when they come before a numeric column of
    // distinct values (an export's "likes" counts can be distinct too).
    let key_at = order.iter().position(|l| {
        let mut c = col(l);
        let tokens = c.iter().all(|s| !s.is_empty() && s.len() <= 24 && !s.contains(char::is_whitespace) && s.bytes().any(|b| b.is_ascii_digit()));
        c.sort_unstable();
        c.dedup();
        *l != date_l && tokens && c.len() == n
    });
    let (id_l, key_l) = match (id_at, key_at) {
        (Some(i), Some(k)) if k < i => (None, Some(&order[k])),
        (Some(i), _) => (Some(&order[i]), None),
        (None, k) => (None, k.map(|k| &order[k])),
    };
    let namey = |s: &str| !s.is_empty() && s.chars().count() <= 40 && !s.contains('\n') && cues::is_name_like(s) && !is_date(s) && s.parse::<f64>().is_err();
    let distinct = |l: &str| {
        let mut v = col(l);
        v.sort_unstable();
        v.dedup();
        v.len()
    };
    let cands: Vec<&String> = order.iter().filter(|l| **l != date_l && **l != text_l && share(&col(l), &namey) && distinct(l) >= 2).collect();
    let author_l = cands.iter().find(|l| AUTHOR_LABELS.contains(&l.as_str())).or(cands.first())?.to_string();
    let title_l = order.iter().find(|l| TITLE_LABELS.contains(&l.as_str()) && **l != author_l && col(l).iter().all(|s| !s.contains('\n') && cues::word_count(s) <= 14));
    let reply_l = id_l.and_then(|idl| {
        let ids = ints(idl);
        order.iter().filter(|l| *l != idl && **l != text_l && **l != date_l && **l != author_l).find(|l| {
            let cs = col(l);
            let filled = cs.iter().filter(|s| s.trim().chars().any(|c| c.is_ascii_digit())).count();
            filled >= 1
                && cs.iter().enumerate().all(|(r, s)| {
                    let s = s.trim();
                    !s.chars().any(char::is_alphanumeric) || s.trim_start_matches('#').parse::<u32>().ok().is_some_and(|v| ids[..r].contains(&Some(v)))
                })
        })
    });
    // The key field naming an earlier record's key (empty for none).
    let key_reply_l = key_l.and_then(|kl| {
        let keys = col(kl);
        order.iter().filter(|l| *l != kl && **l != text_l && **l != date_l && **l != author_l).find(|l| {
            let cs = col(l);
            cs.iter().any(|s| !s.is_empty()) && cs.iter().enumerate().all(|(r, s)| s.is_empty() || keys[..r].contains(s))
        })
    });
    let shown_l = order.iter().find(|l| SHOWN_LABELS.contains(&l.as_str()) && col(l).iter().all(|v| matches!(v.as_str(), "true" | "false")));
    let mut recs = Vec::with_capacity(n);
    for (ri, r) in raws.iter().enumerate() {
        // A record the data marks as not shown is no comment.
        if shown_l.is_some_and(|l| value(r, l).as_deref() == Some("false")) {
            continue;
        }
        let text = value(r, &text_l).unwrap_or_default();
        // A placeholder where a comment was removed; a record without text.
        if text.trim().is_empty() || text.lines().count() == 1 && cues::is_removal_placeholder(&text) {
            continue;
        }
        let mut rec = Rec {
            author: value(r, &author_l).filter(|s| !s.is_empty()),
            date: value(r, &date_l).and_then(|s| cues::find_date(&s).map(|(a, b)| s[a..b].to_string())),
            number: id_l.and_then(|l| value(r, l)).and_then(|s| s.trim().trim_start_matches('#').parse().ok()),
            indent: r.indent,
            title: title_l.and_then(|l| value(r, l)).filter(|s| !s.trim().is_empty()),
            ..Rec::default()
        };
        if let Some(v) = reply_l.and_then(|l| value(r, l)).and_then(|s| s.trim().trim_start_matches('#').parse().ok()) {
            rec.reply = Some(ReplyRef::Number(v));
        }
        // Keys: each record numbered by its place, a reply by the place of the key it names.
        if let Some(kl) = key_l {
            rec.number = Some(ri as u32 + 1);
            if let Some(v) = key_reply_l.and_then(|l| value(r, l)).filter(|v| !v.is_empty()) {
                rec.reply = raws.iter().position(|o| value(o, kl).as_deref() == Some(v.as_str())).map(|p| ReplyRef::Number(p as u32 + 1));
            }
        }
        read_text(&mut rec, text.lines().collect());
        recs.push(rec);
    }
    passes_gates(&recs).then_some(recs)
}

// ---------------------------------------------------------------------------
// Space-aligned tables (w3m without rules)

/// Whether `t` holds `n` or more runs of two spaces: the places where two
/// spaces begin, in order, each counted unless it starts one byte after the
/// last counted one (found by a substring search, which skips a line
/// without two spaces in a few steps instead of stopping at every space).
fn gaps(t: &str, n: usize) -> bool {
    static TWO: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("  "));
    let b = t.as_bytes();
    let mut found = 0;
    let mut last = usize::MAX;
    let mut from = 0;
    while let Some(q) = b.get(from..).and_then(|r| TWO.find(r)) {
        let p = from + q;
        if last == usize::MAX || p > last + 1 {
            found += 1;
            last = p + 1;
            if found >= n {
                return true;
            }
        }
        from = p + 1;
    }
    false
}

/// Start offsets (in chars) of a line's cells: cells are separated by two
/// or more spaces.
fn cell_starts(t: &str) -> Vec<usize> {
    let cs: Vec<char> = t.chars().collect();
    let mut out = vec![];
    let mut k = 0;
    while k < cs.len() {
        if cs[k] != ' ' && (k == 0 || k >= 2 && cs[k - 1] == ' ' && cs[k - 2] == ' ') {
            out.push(k);
        }
        k += 1;
    }
    out
}

/// The best space-aligned table of the page that is a comment list.
pub(super) fn aligned_records(text: &str, lines: &[Line]) -> Option<Section> {
    // Cheap gate: three or more lines with a wide gap or a tab inside.
    let gapped = |t: &str| gaps(t.trim_start(), 1) || memchr::memchr(b'\t', t.as_bytes()).is_some();
    if !(memchr::memmem::find(text.as_bytes(), b"  ").is_some() || memchr::memchr(b'\t', text.as_bytes()).is_some()) {
        return None;
    }
    let raw: Vec<&str> = super::super::raw_lines(text).map(str::trim_end).collect();
    if raw.len() != lines.len() || raw.iter().filter(|t| gapped(t)).take(3).count() < 3 {
        return None;
    }
    let mut best: Option<Section> = None;
    let mut consider = |block: Vec<String>, top: usize| {
        let refs: Vec<&str> = block.iter().map(String::as_str).collect();
        if let Some(recs) = read_table(&refs) {
            if best.as_ref().is_none_or(|b: &Section| recs.len() > b.1.comments.len()) {
                best = Some((super::caption_above(lines, top), Attempt { comments: to_comments(recs), declared: None }));
            }
        }
    };
    // Tab-separated rows (an export pasted as text): three or more cells each.
    if text.contains('\t') {
        let mut i = 0;
        while i < raw.len() {
            let w = raw[i].split('\t').count();
            if w < 3 {
                i += 1;
                continue;
            }
            let top = i;
            let mut rows = vec![];
            while i < raw.len() && raw[i].split('\t').count() == w {
                rows.push(format!("| {} |", raw[i].split('\t').map(str::trim).collect::<Vec<_>>().join(" | ")));
                i += 1;
            }
            if rows.len() >= 3 {
                consider(with_header_border(rows), top);
            }
        }
    }
    let mut i = 0;
    while i < raw.len() {
        // A row: no indentation, three or more cells (two gaps at least).
        if raw[i].starts_with(' ') || !gaps(raw[i], 2) {
            i += 1;
            continue;
        }
        // A block is read with four rows or more, one a line up to the
        // first blank one: with a blank line among the next three, every
        // block starting here or before that line is shorter (the walk
        // below would end at it), so the walk goes on after it.
        if let Some(b) = (i + 1..(i + 4).min(raw.len())).find(|&k| raw[k].trim().is_empty()).or((i + 4 > raw.len()).then_some(raw.len())) {
            i = b + 1;
            continue;
        }
        let starts = cell_starts(raw[i]);
        if starts.len() < 3 {
            i += 1;
            continue;
        }
        let top = i;
        let cols = starts;
        let mut rows: Vec<String> = vec![];
        let mut j = i;
        while j < raw.len() && !raw[j].trim().is_empty() {
            let cs: Vec<char> = raw[j].chars().collect();
            let st = cell_starts(raw[j]);
            let cont = raw[j].starts_with(' ');
            // Every cell starts at a column start; a continuation line has
            // an empty first cell.
            if !st.iter().all(|s| cols.contains(s)) || cont == st.contains(&0) || st.is_empty() {
                break;
            }
            let mut cells = vec![String::new(); cols.len()];
            for (c, &s) in cols.iter().enumerate() {
                let e = cols.get(c + 1).copied().unwrap_or(cs.len()).min(cs.len());
                if s < cs.len() {
                    cells[c] = cs[s..e].iter().collect::<String>().trim().to_string();
                }
            }
            rows.push(format!("| {} |", cells.join(" | ")));
            j += 1;
        }
        i = j.max(i + 1);
        if rows.len() < 4 {
            continue;
        }
        consider(with_header_border(rows), top);
    }
    best
}

/// A header row (no digits, short cells) gets a border after it, as
/// `read_table` expects of a header.
fn with_header_border(mut block: Vec<String>) -> Vec<String> {
    if !block[0].chars().any(|c| c.is_ascii_digit()) && block[0].split('|').all(|c| cues::word_count(c) <= 2) {
        block.insert(1, "|---|".to_string());
    }
    block
}

// ---------------------------------------------------------------------------
// Call-in transcripts

/// "Gisela (Soltau): Ich finde …" -> ("Gisela", "Ich finde …").
/// `p` is the line's [`turn_colon`].
fn turn(t: &str, p: usize) -> Option<(&str, &str)> {
    let who = t[..p].trim();
    let name = who.split_once(" (").map_or(who, |(n, rest)| if rest.ends_with(')') { n } else { who }).trim();
    let words = name.split_whitespace().count();
    if !(1..=3).contains(&words) || !name.chars().next().is_some_and(char::is_uppercase) || !cues::is_name_like(name) {
        return None;
    }
    let said = t[p + 2..].trim();
    (cues::word_count(said) >= 3).then_some((name, said))
}

/// Where a turn's speaker ends: the first ": " in the first 64 bytes, at
/// byte 60 at most (what [`turn`] asks before the speaker's name).
fn turn_colon(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    memchr::memchr_iter(b':', &b[..b.len().min(64)]).find(|&p| b.get(p + 1) == Some(&b' ')).filter(|&p| p <= 60)
}

/// The callers' turns of a call-in transcript (see the module docs).
pub(super) fn transcript_records(lines: &[Line]) -> Option<Section> {
    // Exact gate: every turn has its colon (`turn_colon`), and a run of
    // turns (only blank lines between them, six or more are read) lies
    // within one run of such lines: the speaker's name test is asked only
    // of lines in runs of six or more of them.
    let colons: Vec<(usize, usize)> = (0..lines.len()).filter_map(|i| turn_colon(&lines[i].text).map(|p| (i, p))).collect();
    let mut in_runs = vec![];
    let mut k = 0;
    while k < colons.len() {
        let mut e = k + 1;
        while e < colons.len() && (colons[e - 1].0 + 1..colons[e].0).all(|x| lines[x].blank()) {
            e += 1;
        }
        if e - k >= 6 {
            in_runs.extend_from_slice(&colons[k..e]);
        }
        k = e;
    }
    let turns: Vec<(usize, &str, &str)> = in_runs.into_iter().filter_map(|(i, p)| turn(&lines[i].text, p).map(|(a, b)| (i, a, b))).collect();
    if turns.len() < 6 {
        return None;
    }
    // Runs of turns with only blank lines between them.
    let mut best: Option<Section> = None;
    let mut k = 0;
    while k < turns.len() {
        let mut e = k + 1;
        while e < turns.len() && (turns[e - 1].0 + 1..turns[e].0).all(|x| lines[x].blank()) {
            e += 1;
        }
        let run = &turns[k..e];
        k = e;
        if run.len() < 6 {
            continue;
        }
        let mut count: HashMap<&str, usize> = HashMap::new();
        for t in run {
            *count.entry(t.1).or_default() += 1;
        }
        let (host, h) = count.iter().max_by_key(|(n, c)| (**c, std::cmp::Reverse(**n))).map(|(n, c)| (*n, *c))?;
        // The host holds the most turns and speaks between the callers;
        // three or more callers, none as often as the host.
        if h * 10 < run.len() * 3 || count.len() < 4 || count.iter().any(|(n, c)| *n != host && (*c * 2 > h || *c > 2)) {
            continue;
        }
        // Callers come one after the other: no caller speaks again after
        // another one (a panel's guests take turns again and again).
        let callers: Vec<&str> = run.iter().filter(|t| t.1 != host).map(|t| t.1).collect();
        if (0..callers.len()).any(|a| callers[a + 1..].iter().skip_while(|&&c| c == callers[a]).any(|&c| c == callers[a])) {
            continue;
        }
        let mut recs: Vec<Rec> = vec![];
        for t in run.iter().filter(|t| t.1 != host) {
            let mut rec = Rec { author: Some(t.1.to_string()), ..Rec::default() };
            read_text(&mut rec, vec![t.2]);
            recs.push(rec);
        }
        // Callers' turns are free text, not a short exchange of labels.
        if !passes_gates_undated(&recs) {
            continue;
        }
        if best.as_ref().is_none_or(|b| recs.len() > b.1.comments.len()) {
            best = Some((run[0].0, Attempt { comments: to_comments(recs), declared: None }));
        }
    }
    best
}

fn passes_gates_undated(recs: &[Rec]) -> bool {
    passes_gates(recs)
}

// ---------------------------------------------------------------------------
// Fixes to the cue reading

/// A cue reading that lists forum threads, not comments: three or more
/// entries of short title lines (no sentence end), one of them a reply
/// subject ("Re: …", "AW: …").
pub(super) fn is_thread_list(cs: &[Comment]) -> bool {
    cs.len() >= 3
        && cs.iter().all(|c| c.title.is_none() && c.text.lines().all(|t| cues::word_count(t) <= 14 && !t.trim_end().ends_with(['.', ',', ';', ':', '!'])))
        && cs.iter().any(|c| {
            let t = c.text.trim_start();
            t.starts_with("Re:") || t.starts_with("RE:") || t.starts_with("AW:") || t.starts_with("Aw:")
        })
}

/// A title line between a comment's header and its text: when most
/// comments with two or more lines open with a short line without a
/// sentence end, that line is each one's title. Comment forms that ask for
/// a title only when a thread is opened ("Kommentartitel"; session 18) give
/// the top comments titles and the replies none: there the rule counts the
/// top comments alone, where no reply opens with such a line and every
/// such line has six words at most.
pub(super) fn titles_in_records(cs: &mut [Comment]) {
    if cs.len() < 3 || cs.iter().any(|c| c.title.is_some()) {
        return;
    }
    let title_of = |c: &Comment| -> Option<usize> {
        let (first, rest) = cues::split_first_line(&c.text)?;
        let f = first.trim();
        let ok = !rest.trim().is_empty()
            && !f.starts_with('@')
            && (1..=10).contains(&cues::word_count(f))
            && f.chars().count() <= 80
            && !f.ends_with(['.', ',', ';', ':', '!', '?', '…', ')', '"', '“'])
            && f.chars().next().is_some_and(char::is_uppercase)
            && !cues::is_moderation_note(f);
        ok.then_some(first.len())
    };
    let multi = cs.iter().filter(|c| cues::has_char(&c.text, '\n')).count();
    let titled = cs.iter().filter(|c| title_of(c).is_some()).count();
    let enough = |titled: usize, multi: usize, all: usize| titled >= 3 && titled * 10 >= multi * 8 && titled * 2 >= all;
    if !enough(titled, multi, cs.len()) {
        // Shorter titles only (six words at most): a wrapped first line of
        // prose (an OCR copy's column) runs longer.
        let top = |c: &&Comment| c.reply_to.is_none();
        let short = |c: &&Comment| title_of(c).is_some_and(|p| cues::word_count(&c.text[..p]) <= 6);
        if cs.iter().filter(|c| title_of(c).is_some()).any(|c| !short(&c)) {
            return;
        }
        let titled_top = cs.iter().filter(top).filter(|c| title_of(c).is_some()).count();
        let multi_top = cs.iter().filter(top).filter(|c| cues::has_char(&c.text, '\n')).count();
        if titled_top < titled || !enough(titled_top, multi_top, cs.iter().filter(top).count()) {
            return;
        }
    }
    for i in 0..cs.len() {
        let Some(p) = title_of(&cs[i]) else { continue };
        let c = &mut cs[i];
        c.title = Some(cues::collapse_ws(&c.text[..p]));
        c.text = c.text[p + 1..].trim_start().to_string();
        // "@NAME" now opens the text: the longest earlier author it names.
        if c.reply_to.is_none() {
            if let Some(rest) = c.text.strip_prefix('@') {
                let rest = rest.to_lowercase();
                let target = (0..i)
                    .filter_map(|j| {
                        let a = cs[j].author.as_deref()?.to_lowercase();
                        let after = rest.get(a.len()..)?;
                        (!a.is_empty() && rest.starts_with(&a) && after.chars().next().is_none_or(|ch| !ch.is_alphanumeric())).then_some((a.len(), j))
                    })
                    .max_by_key(|&(l, j)| (l, j))
                    .map(|(_, j)| j);
                cs[i].reply_to = target;
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Outline records (session 14, seg19)

/// An outline heading: a run of one to six '*' or '#' marks and a space
/// ("*** NAME <DATE>", "### NAME · DATE"); (depth, the heading's text).
fn outline_heading(t: &str) -> Option<(usize, &str)> {
    let b = t.as_bytes();
    let m = *b.first()?;
    if m != b'*' && m != b'#' {
        return None;
    }
    let k = b.iter().take_while(|&&c| c == m).count();
    ((1..=6).contains(&k) && b.get(k) == Some(&b' ')).then(|| (k, t[k + 1..].trim()))
}

/// A metadata line of an outline entry: a key wrapped in colons
/// (":ID: 17", ":END:"), the entry's properties, not its text.
fn colon_key_line(t: &str) -> bool {
    let Some(rest) = t.strip_prefix(':') else { return false };
    let Some(p) = rest.find(':') else { return false };
    p > 0 && rest[..p].bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-') && (rest.len() == p + 1 || rest.as_bytes()[p + 1] == b' ')
}

/// A record head in an outline heading: an author and a date, without
/// trailing tags (":redaktion:") and the brackets around the date.
fn outline_head(t: &str) -> Option<(String, String)> {
    let mut t = t.trim();
    // Trailing tags: a last word wrapped in colons.
    if let Some((a, last)) = t.rsplit_once(' ') {
        if last.len() >= 3 && last.starts_with(':') && last.ends_with(':') && !last.contains(' ') {
            t = a.trim_end();
        }
    }
    let (a, mut b) = cues::find_date(t)?;
    // A time after a weekday ("2026-11-20 Fr 18:42"): the date goes on.
    let rest = t[b..].trim_start();
    if let Some((w, r)) = rest.split_once(' ') {
        if (2..=3).contains(&w.trim_end_matches(['.', ',']).chars().count()) && w.chars().next().is_some_and(char::is_uppercase) {
            if let Some(e) = cues::time_prefix(r) {
                b = t.len() - r.len() + e;
            }
        }
    }
    let date = t[a..b].to_string();
    let before = t[..a].trim_end_matches(['<', '[', '(', ' ', '·', '|', ',', '–', '-', '—']).trim();
    let after = t[b..].trim_start_matches(['>', ']', ')', ' ', '·', '|', ',', '–', '-', '—']).trim();
    let before = before.strip_suffix(" am").or(before.strip_suffix(" um")).unwrap_or(before).trim();
    let name = if before.is_empty() { after } else if after.is_empty() { before } else { return None };
    let name = name.strip_prefix("von ").unwrap_or(name).trim();
    (!name.is_empty() && cues::word_count(name) <= 5 && cues::is_name_like(name)).then(|| (name.to_string(), date))
}

/// Comments written as outline entries (an Org or Markdown export): each
/// an outline heading with an author and a date, its text the lines below
/// it up to the next heading; the heading's depth (the number of marks) is
/// the reply depth. Colon-key metadata lines (":ID: …") are no text.
pub(super) fn outline_records(lines: &[Line]) -> Option<Section> {
    // Cheap gate: three or more lines open with an outline mark.
    if lines.iter().filter(|l| matches!(l.text.as_bytes().first(), Some(b'*' | b'#'))).take(3).count() < 3 {
        return None;
    }
    let heads: Vec<(usize, usize, Option<(String, String)>)> =
        (0..lines.len()).filter_map(|i| outline_heading(&lines[i].text).map(|(d, t)| (i, d, outline_head(t)))).collect();
    if heads.iter().filter(|h| h.2.is_some()).count() < 3 {
        return None;
    }
    let mut recs = vec![];
    let mut first = None;
    for (k, (i, depth, head)) in heads.iter().enumerate() {
        let Some((author, date)) = head else { continue };
        let end = heads.get(k + 1).map_or(lines.len(), |h| h.0);
        let mut drawer = false;
        let mut text = vec![];
        for l in &lines[i + 1..end] {
            let t: &str = &l.text;
            if colon_key_line(t) {
                drawer = !t.eq_ignore_ascii_case(":END:") && (drawer || t.ends_with(':'));
                continue;
            }
            if drawer || l.blank() {
                continue;
            }
            text.push(t);
        }
        // A placeholder where a comment was removed.
        if text.is_empty() || text.len() == 1 && cues::is_removal_placeholder(text[0]) {
            continue;
        }
        first.get_or_insert(*i);
        let mut rec = Rec { author: Some(author.clone()), date: Some(date.clone()), indent: *depth, ..Rec::default() };
        read_text(&mut rec, text);
        recs.push(rec);
    }
    if !passes_gates(&recs) {
        return None;
    }
    let first = first?;
    // The heading the entries hang under ("** Kommentare (8)") opens the list.
    let above = (0..first).rev().take(3).find(|&k| !lines[k].blank());
    let start = match above.and_then(|k| outline_heading(&lines[k].text).map(|h| (k, h.1))) {
        Some((k, t)) if cues::comment_header(t).is_some() || cues::word_count(t) <= 4 => k,
        _ => super::caption_above(lines, first),
    };
    let declared = outline_heading(&lines[start].text).map_or(lines[start].text.as_ref(), |h| h.1);
    let declared = cues::comment_header(declared).and_then(|h| match h {
        cues::Header::Count(c) => Some(c),
        _ => None,
    });
    Some((start, Attempt { comments: to_comments(recs), declared }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `may_be_field` says no only where `field_of` reads no field: on the
    /// testgen lines and their parts (with the whole line's facts, as a cut
    /// line keeps them) and on the lines of the fixture pages.
    #[test]
    fn fields_need_a_colon_a_bar_or_a_short_line() {
        let mut n = 0;
        crate::page::testgen::line_parts(5, |t, f| {
            if field_of(t).is_some() {
                n += 1;
                assert!(may_be_field(t, f) && may_be_field(t, &cues::Facts::of(t)), "{t:?}");
            }
        });
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for e in std::fs::read_dir(dir).expect("tests/fixtures") {
            let p = e.expect("a fixture").path();
            if p.extension().is_some_and(|x| x == "txt") {
                let page = std::fs::read_to_string(&p).expect("a text fixture");
                for l in super::super::super::split_lines(&page) {
                    if field_of(&l.text).is_some() {
                        n += 1;
                        assert!(may_be_field(&l.text, &l.facts), "{}: {:?}", p.display(), l.text);
                    }
                }
            }
        }
        assert!(n > 100, "too few field lines to test: {n}");
    }
}
