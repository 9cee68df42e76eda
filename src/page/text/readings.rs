//! Whole-page readings of record formats that are not a news page with a
//! comment section under it (session 6, seg10). Each one is tried before the
//! cue and shape passes, behind a cheap per-line gate, like the mail and wiki
//! readings of `text.rs`:
//!
//! - **chat logs** ([`chat_log_page`]): lines "HH:MM <nick> text" (IRC-style
//!   clients, with or without seconds or brackets around the time), action
//!   lines "HH:MM * nick text" and system lines ("-!-", "***", "---"). A run
//!   of three or more consecutive messages of one nick, the first of them a
//!   headline, is a posted article; the messages after it are its comments
//!   until that nick posts a run again (the next article). "nick: text" at a
//!   message's start answers that nick's latest message.
//! - **header-field entries** ([`field_entries_page`]): records opened by a
//!   block of "Key: value" lines with an author field and a date field
//!   (feed-reader exports, CMS or newsletter copies). The first entry with a
//!   title field is the article; the entries whose fields name that title
//!   ("Kommentar zu TITLE von NAME", "Kommentare zu: TITLE") are its
//!   comments (without such references, the later entries without a title
//!   field are). As in mail, a blank line closes a header block (forum
//!   posts whose text follows their field lines directly are read by the
//!   cue pass). A reply marker opening an entry's content ("Als Antwort auf
//!   NAME.") gives the parent.
//! - **live blogs** ([`live_blog_page`], session 13): entries opened by a head
//!   of parts between separators, one of them a time or date alone ("18:20
//!   Uhr · Redaktion", "Newsdesk | 07:20", "LABEL · NAME · 18:34 Uhr"). Heads
//!   signed by the newsroom (a part with "…redaktion", "Newsdesk",
//!   "Reporter(in)", "Korrespondent(in)") are the article: their text joins
//!   the body. The other heads between them are readers' entries, the
//!   comments; parts that most reader heads share are labels, the first other
//!   part that reads as a name is the author, "NAME an NAME" answers the named
//!   reader's latest entry, an entry that names nobody and says it was
//!   removed is no comment. Read only when three or more newsroom heads exist
//!   and the page's first head is one of them (a newsroom answer in a comment
//!   thread never opens the thread); a live blog of newsroom entries only has
//!   no comments.

use super::{body_and_title, content_until_rule, cues, mail_date, segment_flags, Line};
use crate::page::{Comment, Page};

// ---------------------------------------------------------------------------
// Chat logs

/// One chat message: time as shown, nick without mode marks, text.
struct ChatMsg<'a> {
    line: usize,
    time: &'a str,
    nick: &'a str,
    text: &'a str,
}

enum ChatLine<'a> {
    Msg(ChatMsg<'a>),
    System,
}

/// "18:04", "[18:04]", "[18:04:12]", "7:05" at a line's start, then a space:
/// the time as shown and the rest.
fn chat_time(t: &str) -> Option<(&str, &str)> {
    let b = t.as_bytes();
    let open = usize::from(b.first() == Some(&b'['));
    let mut i = open + cues::time_prefix(t.get(open..)?)?;
    let time = t.get(open..i)?;
    if open == 1 {
        if b.get(i) != Some(&b']') {
            return None;
        }
        i += 1;
    }
    if b.get(i) != Some(&b' ') {
        return None;
    }
    Some((time, t.get(i..)?.trim_start()))
}

/// A nick: no white space, at most 32 bytes, not only punctuation.
fn is_nick(n: &str) -> bool {
    !n.is_empty() && n.len() <= 32 && !n.bytes().any(|b| b.is_ascii_whitespace()) && n.chars().any(char::is_alphanumeric)
}

/// Reads one line of a chat log; `None` for a line that is neither a
/// message nor a system line.
fn chat_line(line: usize, t: &str) -> Option<ChatLine<'_>> {
    let b = t.as_bytes();
    // Log markers: "--- Log geöffnet …", "--- Day changed …", "*** …".
    if b.starts_with(b"---") || b.starts_with(b"***") {
        return Some(ChatLine::System);
    }
    if !matches!(b.first(), Some(b'0'..=b'9' | b'[')) {
        return None;
    }
    let (time, rest) = chat_time(t)?;
    let r = rest.as_bytes();
    if r.starts_with(b"-!-") || r.starts_with(b"***") || r.starts_with(b"<--") || r.starts_with(b"-->") || r.starts_with(b"--") {
        return Some(ChatLine::System);
    }
    if r.first() == Some(&b'<') {
        let close = memchr::memchr(b'>', r)?;
        let nick = rest.get(1..close)?.trim().trim_start_matches(['@', '+', '%', '&', '~']);
        let text = rest.get(close + 1..)?.trim();
        return (is_nick(nick) && !text.is_empty()).then_some(ChatLine::Msg(ChatMsg { line, time, nick, text }));
    }
    if let Some(act) = rest.strip_prefix("* ") {
        let act = act.trim_start();
        let (nick, text) = act.split_once(' ')?;
        let text = text.trim();
        return (is_nick(nick) && !text.is_empty()).then_some(ChatLine::Msg(ChatMsg { line, time, nick, text }));
    }
    None
}

/// "moewe_sl: text", "moewe_sl, text", "@moewe_sl text": the nick addressed
/// at a message's start, compared without case.
fn addressed<'a>(text: &'a str, nicks: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let t = text.strip_prefix('@').unwrap_or(text);
    nicks.filter(|n| {
        t.get(..n.len()).is_some_and(|p| p.eq_ignore_ascii_case(n))
            && match t.as_bytes().get(n.len()) {
                Some(b':' | b',') => true,
                Some(b' ') => text.starts_with('@'),
                _ => false,
            }
    })
    .max_by_key(|n| n.len())
}

/// A chat log whose first long run of one nick's messages is a posted
/// article (see the module docs).
pub(super) fn chat_log_page(lines: &[Line]) -> Option<Page> {
    // Gate: a line opening with a digit or '[' and holding a '<' early.
    let maybe = |l: &Line| {
        let b = l.text.as_bytes();
        matches!(b.first(), Some(b'0'..=b'9' | b'[')) && b.len() > 8 && memchr::memchr(b'<', &b[..b.len().min(16)]).is_some()
    };
    if lines.iter().filter(|l| maybe(l)).nth(3).is_none() {
        return None;
    }
    let mut msgs: Vec<ChatMsg> = Vec::new();
    let mut other = 0usize;
    let mut chat = 0usize;
    for (i, l) in lines.iter().enumerate() {
        if l.blank() {
            continue;
        }
        match chat_line(i, &l.text) {
            Some(ChatLine::Msg(m)) => {
                chat += 1;
                msgs.push(m);
            }
            Some(ChatLine::System) => chat += 1,
            None => other += 1,
        }
    }
    // Most lines are the log's own.
    if msgs.len() < 4 || other * 4 > chat {
        return None;
    }
    // The posted article: the first run of three or more consecutive
    // messages of one nick (no other line between them).
    let run_end = |s: usize| {
        let mut e = s + 1;
        while e < msgs.len() && msgs[e].nick == msgs[s].nick && msgs[e].line == msgs[e - 1].line + 1 {
            e += 1;
        }
        e
    };
    let mut s = 0;
    let (a, b) = loop {
        if s >= msgs.len() {
            return None;
        }
        let e = run_end(s);
        if e - s >= 3 && msgs[s + 1..e].iter().map(|m| cues::word_count(m.text)).sum::<usize>() >= 20 {
            break (s, e);
        }
        s = e;
    };
    let poster = msgs[a].nick;
    // Its headline, without a bracketed source tag ("[Blatt] TITLE").
    let head = msgs[a].text;
    let title = match head.strip_prefix('[').and_then(|r| r.split_once("] ")) {
        Some((tag, rest)) if tag.len() <= 40 && !rest.trim().is_empty() => rest.trim(),
        _ => head,
    };
    let body: Vec<String> = msgs[a + 1..b]
        .iter()
        .map(|m| m.text)
        .filter(|t| !super::is_furniture(t) && !(t.contains("://") && cues::word_count(t) <= 3))
        .map(str::to_string)
        .collect();
    // The comments: up to the poster's next run of two or more messages.
    let mut comments: Vec<Comment> = Vec::new();
    let mut nicks: Vec<&str> = Vec::new();
    let mut k = b;
    while k < msgs.len() {
        let m = &msgs[k];
        if m.nick == poster && run_end(k) - k >= 2 {
            break;
        }
        let reply_to = addressed(m.text, nicks.iter().copied()).and_then(|n| nicks.iter().rposition(|x| x.eq_ignore_ascii_case(n)));
        comments.push(Comment { author: Some(m.nick.to_string()), date: Some(m.time.to_string()), title: None, text: m.text.to_string(), reply_to });
        nicks.push(m.nick);
        k += 1;
    }
    if comments.is_empty() || body.is_empty() {
        return None;
    }
    Some(Page { source: String::new(), title: Some(title.to_string()), body, comments, declared_comments: None })
}

// ---------------------------------------------------------------------------
// Header-field entries

#[derive(PartialEq, Clone, Copy)]
enum Field {
    Title,
    Author,
    Date,
    Count,
    Other,
}

/// A field line "Key: value": a key of one word (letters, '-') of at most
/// 20 bytes starting upper-case, and a value.
fn field_line(t: &str) -> Option<(Field, &str)> {
    let b = t.as_bytes();
    if !(b.first().is_some_and(|c| c.is_ascii_uppercase()) || t.starts_with(|c: char| c.is_uppercase())) {
        return None;
    }
    let p = memchr::memchr(b':', &b[..b.len().min(22)])?;
    let key = t.get(..p)?;
    if !key.chars().all(|c| c.is_alphabetic() || c == '-') {
        return None;
    }
    let value = t.get(p + 1..)?;
    if !value.starts_with(' ') || value.trim().is_empty() {
        return None;
    }
    let f = match key {
        "Titel" | "Title" | "Betreff" | "Subject" | "Überschrift" => Field::Title,
        "Autor" | "Autorin" | "Author" | "Verfasser" | "Verfasserin" | "Von" | "From" | "Name" => Field::Author,
        "Datum" | "Date" | "Veröffentlicht" | "Published" | "Gesendet" | "Sent" | "Zeit" => Field::Date,
        "Kommentare" | "Comments" | "Antworten" => Field::Count,
        _ => Field::Other,
    };
    Some((f, value.trim()))
}

struct Entry<'a> {
    start: usize,
    end: usize,
    title: Option<&'a str>,
    author: &'a str,
    date: &'a str,
    count: Option<usize>,
    values: Vec<&'a str>,
}

/// Pages made of entries with header-field blocks (see the module docs).
pub(super) fn field_entries_page(lines: &[Line]) -> Option<Page> {
    // Gate: three author-field lines (first byte, then the field).
    let author_field = |l: &Line| matches!(l.text.as_bytes().first(), Some(b'A' | b'V' | b'F' | b'N')) && field_line(&l.text).is_some_and(|(f, _)| f == Field::Author);
    if lines.iter().filter(|l| author_field(l)).nth(2).is_none() {
        return None;
    }
    let mut entries: Vec<Entry> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].blank() || field_line(&lines[i].text).is_none() {
            i += 1;
            continue;
        }
        let mut e = Entry { start: i, end: i, title: None, author: "", date: "", count: None, values: Vec::new() };
        let mut j = i;
        while j < lines.len() {
            let Some((f, v)) = field_line(&lines[j].text) else { break };
            match f {
                Field::Title => e.title = e.title.or(Some(v)),
                Field::Author if e.author.is_empty() => e.author = v,
                Field::Date if e.date.is_empty() => e.date = v,
                Field::Count => e.count = v.parse().ok(),
                _ => {}
            }
            e.values.push(v);
            j += 1;
        }
        e.end = j;
        // As in mail, a blank line (or the end) closes the block.
        let closed = lines.get(j).is_none_or(|l| l.blank());
        if j - i >= 3 && closed && !e.author.is_empty() && !e.date.is_empty() {
            entries.push(e);
        }
        i = j.max(i + 1);
    }
    if entries.len() < 3 {
        return None;
    }
    // The content of entry k: to the next entry or a rule line.
    let content = |k: usize| content_until_rule(lines, entries[k].end, entries.get(k + 1).map(|h| h.start));
    let art = entries.iter().position(|e| e.title.is_some())?;
    let title = entries[art].title?;
    let names_title = |e: &Entry| e.values.iter().any(|v| v.contains(title));
    let referring: Vec<usize> = (art + 1..entries.len()).filter(|&k| names_title(&entries[k])).collect();
    let picked: Vec<usize> = if referring.is_empty() { (art + 1..entries.len()).filter(|&k| entries[k].title.is_none()).collect() } else { referring };
    let mut comments: Vec<Comment> = Vec::new();
    for k in picked {
        let (a, b) = content(k);
        let mut text: Vec<&str> = Vec::new();
        let mut reply_to = None;
        for q in a..b {
            let t: &str = &lines[q].text;
            if t.is_empty() || cues::is_quote_line(t) {
                continue;
            }
            if text.is_empty() && reply_to.is_none() {
                if let Some(cues::ReplyRef::Name(n)) = cues::reply_marker(t) {
                    // "Als Antwort auf NAME." ends in a full stop, "Thorsten G." in its own.
                    let short = n.trim_end_matches('.').trim();
                    reply_to = comments.iter().rposition(|c| c.author.as_deref().is_some_and(|a| a == n || a == short));
                    if reply_to.is_some() {
                        continue;
                    }
                }
            }
            text.push(t);
        }
        if text.is_empty() {
            continue;
        }
        let e = &entries[k];
        comments.push(Comment { author: Some(e.author.to_string()), date: Some(mail_date(e.date)), title: None, text: text.join("\n"), reply_to });
    }
    if comments.is_empty() {
        return None;
    }
    let (a, b) = content(art);
    let seg = segment_flags(lines, a, b);
    let (_, mut body) = body_and_title(&lines[a..], b - a, &seg[a..]);
    // A feed's own footer under the entry ("Der Beitrag TITLE erschien
    // zuerst auf SITE.", "The post TITLE appeared first on SITE.").
    body.retain(|p| !(p.starts_with("Der Beitrag ") && p.contains(" erschien zuerst auf ") || p.starts_with("The post ") && p.contains(" appeared first on ")));
    if body.is_empty() {
        return None;
    }
    Some(Page { source: String::new(), title: Some(title.to_string()), body, comments, declared_comments: entries[art].count })
}

// ---------------------------------------------------------------------------
// Live blogs

/// One entry head of a live blog: "18:20 Uhr · Redaktion",
/// "LESERFRAGE | Name | 18:34", "Name – 19:02 · Reporterin vor Ort".
struct BlogHead<'a> {
    line: usize,
    date: &'a str,
    /// A part names the newsroom or a staff role.
    staff: bool,
    /// The parts that are neither the date nor a staff signature.
    others: Vec<&'a str>,
}

/// Words that sign an entry as the newsroom's: "Redaktion" (also
/// "Lokalredaktion", "Onlineredaktion"), "Newsdesk", reporter and
/// correspondent roles.
fn staff_word(w: &str) -> bool {
    let b = w.trim_matches(|c: char| !c.is_alphanumeric()).as_bytes();
    if b.len() < 6 || b.len() > 40 {
        return false;
    }
    b.len() >= 9 && b[b.len() - 9..].eq_ignore_ascii_case(b"redaktion")
        || STAFF_WORDS.iter().any(|w| b.eq_ignore_ascii_case(w.as_bytes()))
}

const STAFF_WORDS: [&str; 8] = ["newsdesk", "newsroom", "reporter", "reporterin", "reporterteam", "korrespondent", "korrespondentin", "liveblog-team"];

/// Whether `b` holds a separator between spaces: " | ", " · ", " • ",
/// " – ", " — " (the cuts of [`separated_parts`]).
fn has_spaced_separator(b: &[u8]) -> bool {
    memchr::memchr3_iter(b'|', 0xc2, 0xe2, b).any(|i| spaced_separator_at(b, i).is_some())
}

/// The byte length of the separator at `b[i]` ('|', '·', '•', '–', '—')
/// when a space stands on each side of it.
fn spaced_separator_at(b: &[u8], i: usize) -> Option<usize> {
    if i == 0 || b[i - 1] != b' ' {
        return None;
    }
    let n = match b[i] {
        b'|' => 1,
        0xc2 if b.get(i + 1) == Some(&0xb7) => 2,
        0xe2 if matches!(b.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94 | 0xa2])) => 3,
        _ => return None,
    };
    (b.get(i + n) == Some(&b' ')).then_some(n)
}

/// A cheap first look for [`staff_word`]: the line holds one of the
/// staff words' letters in any case ("redaktion", "news", "reporter",
/// "korrespondent", "liveblog").
fn may_name_staff(b: &[u8]) -> bool {
    cues::contains_ascii_ci(b, b"redaktion", 5) || cues::contains_ascii_ci(b, b"news", 2) || cues::contains_ascii_ci(b, b"reporter", 3) || cues::contains_ascii_ci(b, b"korrespondent", 4) || cues::contains_ascii_ci(b, b"liveblog", 3)
}

/// The parts of a short line cut at separators between spaces (" · ",
/// " | ", " • ", " – ", " — "); `None` when it has none.
fn separated_parts(t: &str) -> Option<Vec<&str>> {
    let b = t.as_bytes();
    if b.len() > 160 || memchr::memchr3(b'|', 0xc2, 0xe2, b).is_none() {
        return None;
    }
    let mut parts = Vec::new();
    let mut from = 0;
    for i in memchr::memchr3_iter(b'|', 0xc2, 0xe2, b) {
        if let Some(n) = spaced_separator_at(b, i) {
            parts.push(t.get(from..i)?.trim());
            from = i + n;
        }
    }
    if parts.is_empty() {
        return None;
    }
    parts.push(t.get(from..)?.trim());
    Some(parts)
}

/// Reads line `i` as an entry head: 2–4 parts, one of them a date or time
/// alone, no part a sentence; a blank line (or the page's start) above and
/// text below.
fn blog_head<'a>(lines: &'a [Line], i: usize) -> Option<BlogHead<'a>> {
    let t: &str = &lines[i].text;
    if t.is_empty() || i > 0 && !lines[i - 1].blank() || lines.get(i + 1).is_none_or(|l| l.blank()) {
        return None;
    }
    let parts = separated_parts(t)?;
    if !(2..=4).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || cues::word_count(p) > 6 || p.ends_with(['!', '?', ':'])) {
        return None;
    }
    let mut date = None;
    let mut staff = false;
    let mut others = Vec::new();
    for p in parts {
        if p.split([' ', ',', '/']).any(staff_word) {
            staff = true;
        } else if let Some(d) = (date.is_none() && p.as_bytes().iter().any(u8::is_ascii_digit)).then(|| if cues::bare_time(p) { Some(p) } else { cues::date_only(p) }).flatten() {
            date = Some(d);
        } else {
            others.push(p);
        }
    }
    Some(BlogHead { line: i, date: date?, staff, others })
}

/// The text of a removed entry ("Dieser Beitrag wurde von der Moderation
/// entfernt, weil …").
fn removal_text(t: &str) -> bool {
    let l = t.to_lowercase();
    l.len() <= 300
        && (l.contains("moderation") || l.contains("redaktion") || l.contains("verfasser"))
        && ["entfernt", "gelöscht", "gesperrt", "ausgeblendet", "zurückgezogen"].iter().any(|w| l.contains(w))
}

/// A live blog (see the module docs): timed entries signed by the newsroom
/// ("18:20 Uhr · Redaktion") are the article; entries of readers between
/// them ("LESERFRAGE · NAME · 18:34 Uhr") are the comments.
pub(super) fn live_blog_page(lines: &[Line]) -> Option<Page> {
    // Gate: three newsroom-signed heads, the first head of the page among
    // them (a newsroom answer inside a comment thread never opens it).
    // First by bytes: three short lines after a blank line with a
    // separator and a staff word.
    // The line facts rule out most lines at once.
    let mut maybe = 0usize;
    for (i, l) in lines.iter().enumerate() {
        if !l.facts.may_separate() {
            continue;
        }
        let b = l.text.as_bytes();
        if !b.is_empty()
            && b.len() <= 160
            && (i == 0 || lines[i - 1].blank())
            && lines.get(i + 1).is_some_and(|n| !n.blank())
            && has_spaced_separator(b)
            && may_name_staff(b)
        {
            maybe += 1;
            if maybe == 3 {
                break;
            }
        }
    }
    if maybe < 3 {
        return None;
    }
    let mut heads: Vec<BlogHead> = Vec::new();
    let mut staff = 0usize;
    for i in 0..lines.len() {
        if let Some(h) = blog_head(lines, i) {
            if heads.is_empty() && (!h.staff || lines[..i].iter().any(|l| l.header.is_some())) {
                // Heads of readers before the first newsroom entry, or a
                // comment-section header ("Kommentare (6)") above it: no
                // live blog (the newsroom answering in its comment section
                // writes comments).
                return None;
            }
            staff += usize::from(h.staff);
            heads.push(h);
        }
    }
    if staff < 3 {
        return None;
    }
    // An entry's text: its first paragraph, then further prose paragraphs
    // up to the next head, an ad label, furniture or a line that is no
    // sentence (a form, a teaser list).
    let head_at: Vec<bool> = {
        let mut v = vec![false; lines.len()];
        for h in &heads {
            v[h.line] = true;
        }
        v
    };
    let entry = |h: &BlogHead| -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let mut k = h.line + 1;
        while k < lines.len() && !lines[k].blank() {
            out.push(&lines[k].text);
            k += 1;
        }
        loop {
            while k < lines.len() && lines[k].blank() {
                k += 1;
            }
            if k >= lines.len() || head_at[k] || cues::is_ad_label(&lines[k].text) || !lines[k].prose() || lines[k].furniture() {
                break;
            }
            while k < lines.len() && !lines[k].blank() {
                out.push(&lines[k].text);
                k += 1;
            }
        }
        out
    };
    // Labels: parts shared by most reader heads ("LESER-EINWURF").
    let readers: Vec<&BlogHead> = heads.iter().filter(|h| !h.staff).collect();
    let is_label = |p: &str| readers.len() >= 2 && readers.iter().filter(|h| h.others.contains(&p)).count() * 5 >= readers.len() * 3;
    let mut comments: Vec<Comment> = Vec::new();
    let mut body_extra: Vec<String> = Vec::new();
    for h in &heads {
        let text = entry(h);
        if h.staff {
            body_extra.extend(text.iter().filter(|t| !super::is_furniture(t)).map(|t| cues::collapse_ws(t)));
            continue;
        }
        // The author: the first part that is no label and reads as a name;
        // "NAME an NAME" answers the named reader.
        let mut author = None;
        let mut reply_to = None;
        for p in h.others.iter().copied().filter(|p| !is_label(p)) {
            let (name, to) = match p.split_once(" an ") {
                Some((a, b)) if cues::is_name_like(a) && cues::is_name_like(b) => (a.trim(), Some(b.trim())),
                _ => (p, None),
            };
            let named = cues::is_name_like(name) || name.split_once(" aus ").is_some_and(|(a, _)| cues::is_name_like(a));
            if named && p.chars().next().is_some_and(char::is_alphanumeric) {
                author = Some(name);
                reply_to = to.and_then(|n| comments.iter().rposition(|c| c.author.as_deref() == Some(n)));
                break;
            }
        }
        let joined = text.join("\n");
        if joined.trim().is_empty() || author.is_none() && removal_text(&joined) {
            continue;
        }
        comments.push(Comment { author: author.map(cues::collapse_ws), date: Some(h.date.to_string()), title: None, text: joined, reply_to });
    }
    let end = heads[0].line;
    let seg = segment_flags(lines, 0, end);
    let (title, mut body) = body_and_title(lines, end, &seg);
    body.extend(body_extra);
    if body.is_empty() {
        return None;
    }
    Some(Page { source: String::new(), title, body, comments, declared_comments: None })
}
