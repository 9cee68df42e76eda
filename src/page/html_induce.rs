//! Record induction on HTML (session 7, seg11): the comment list the page
//! itself repeats, found without knowing its class names.
//!
//! The idea of data-region mining (MDR/DEPTA): a list of records is a group
//! of sibling elements with the same signature (tag and first class token,
//! digits abstracted), each member a subtree of similar shape. A group is a
//! comment list when most of its members hold the fields a comment has: a
//! date- or time-like short text, a name-like short text, and free text of
//! sentence shape (not a link, not a headline). Members of the same
//! signature nested inside a member are its replies; flat lists give their
//! nesting by a depth attribute (`aria-level`, `data-depth`, a class token
//! "level-2"), an indentation (`margin-left`, a spacer image's width), or a
//! link to the parent record's id (`parentItem`, `data-parent`).
//!
//! Only read when the cue readings of the DOM and of its text found no
//! comment. Walks are iterative and bounded by a node budget; nothing here
//! unwraps input-derived values.

use super::{at, is_block_tag, is_dead_tag, is_removed_placeholder, mention, AttrStr, ElementsBelow, TEASERISH};
use crate::page::cues;
use crate::page::Comment;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

/// A node's identity within its document: the address of its element.
type Key = usize;

fn key(e: &Element) -> Key {
    std::ptr::from_ref(e) as usize
}

fn ekey(e: &ElementRef) -> Key {
    key(e.value())
}
use std::collections::{HashMap, HashSet};

/// Nodes the whole induction may visit (member walks included).
const BUDGET: usize = 400_000;
/// Sibling groups evaluated at most.
const MAX_GROUPS: usize = 400;

/// An element's signature: tag and first class token with digit runs
/// replaced by '#'.
fn signature(e: &ElementRef) -> String {
    let mut s = String::from(e.value().name());
    if let Some(c) = e.value().attr_str(at::CLASS).and_then(|c| c.split_whitespace().next()) {
        s.push('.');
        let mut digit = false;
        for ch in c.chars().take(40) {
            if ch.is_ascii_digit() {
                if !digit {
                    s.push('#');
                }
                digit = true;
            } else {
                digit = false;
                s.push(ch.to_ascii_lowercase());
            }
        }
    }
    s
}

/// One text segment of a member: the text between two block boundaries.
#[derive(Default)]
struct Seg {
    text: String,
    link_chars: usize,
    heading: bool,
    time_el: bool,
}

impl Seg {
    fn chars(&self) -> usize {
        self.text.chars().count()
    }
    fn all_link(&self) -> bool {
        self.link_chars * 10 >= self.chars() * 8 && self.link_chars > 0
    }
}

/// The text segments of `member`, nested members (`others`) excluded.
fn segments(member: ElementRef, others: &HashSet<Key>, budget: &mut usize) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::new();
    let mut cur = Seg::default();
    let flush = |cur: &mut Seg, out: &mut Vec<Seg>| {
        let t = cues::collapse_ws(cur.text.trim());
        if !t.is_empty() {
            let links = cur.link_chars.min(t.chars().count());
            out.push(Seg { text: t, link_chars: links, heading: cur.heading, time_el: cur.time_el });
        }
        *cur = Seg::default();
    };
    // (node, exiting, in_link, in_heading, in_time, depth)
    let mut stack = vec![(*member, false, false, false, false, 0usize)];
    while let Some((node, exiting, link, heading, time, depth)) = stack.pop() {
        if *budget == 0 {
            break;
        }
        *budget -= 1;
        match node.value() {
            Node::Text(t) => {
                if cur.text.is_empty() {
                    cur.heading = heading;
                    cur.time_el = time;
                }
                cur.text.push_str(t);
                if link {
                    cur.link_chars += t.trim().chars().count();
                }
            }
            Node::Element(e) => {
                let name = e.name();
                let block = is_block_tag(name) || matches!(name, "td" | "th" | "tr" | "time");
                if exiting {
                    if block {
                        flush(&mut cur, &mut out);
                    }
                    continue;
                }
                if depth > 64 || is_dead_tag(name) || depth > 0 && others.contains(&key(e)) {
                    continue;
                }
                if name == "br" {
                    flush(&mut cur, &mut out);
                    continue;
                }
                if block {
                    flush(&mut cur, &mut out);
                    stack.push((node, true, link, heading, time, depth));
                }
                let link = link || name == "a";
                let heading = heading || matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                let time = time || name == "time";
                for c in node.children().rev() {
                    stack.push((c, false, link, heading, time, depth + 1));
                }
            }
            _ => {}
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// A record read from a member.
struct Rec {
    author: Option<String>,
    date: Option<String>,
    title: Option<String>,
    text: String,
    text_links: usize,
    teaser_link: bool,
}

/// The date in a short segment: a date expression, a short relative date,
/// or the text of a `<time>` element.
fn seg_date(s: &Seg) -> Option<(String, String)> {
    if s.text.chars().count() > 80 {
        return None;
    }
    if let Some((a, b)) = cues::find_date(&s.text) {
        let d = s.text.get(a..b)?.trim().to_string();
        let rest = format!("{} {}", s.text.get(..a)?, s.text.get(b..)?);
        return Some((d, rest));
    }
    if let Some(d) = cues::footer_date(&s.text) {
        return Some((d.to_string(), String::new()));
    }
    if s.time_el && s.text.chars().count() <= 30 && s.text.chars().any(|c| c.is_ascii_digit()) {
        return Some((s.text.clone(), String::new()));
    }
    None
}

/// A name in what is left of a head segment: separators, "von", "am",
/// "schrieb" trimmed.
fn name_in(rest: &str) -> Option<String> {
    let t = rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, '·' | '|' | ',' | '-' | '–' | '—' | '•' | ':' | '(' | ')' | '[' | ']'));
    let mut words: Vec<&str> = t.split_whitespace().collect();
    while words.first().is_some_and(|w| matches!(w.to_lowercase().as_str(), "von" | "by" | "autor:" | "am" | "um")) {
        words.remove(0);
    }
    while words.last().is_some_and(|w| matches!(w.to_lowercase().trim_end_matches(':'), "am" | "um" | "schrieb" | "schreibt" | "sagt" | "meint" | "," | "·" | "|" | "-" | "–")) {
        words.pop();
    }
    let t = words.join(" ");
    let t = t.trim_matches(|c: char| matches!(c, ',' | '·' | '|' | '-' | '–' | ':' | ' '));
    (!t.is_empty() && t.chars().count() <= 40 && words.len() <= 4 && cues::is_name_like(t) && !cues::is_ui_line(t) && !cues::may_hold_date(t) || t.starts_with('@') && !t.contains(' ') && t.len() > 1)
        .then(|| t.to_string())
}

/// A segment ending in sentence punctuation or holding four words or more.
fn is_long(s: &str) -> bool {
    cues::word_count(s) >= 4 || s.ends_with(['.', '!', '?', ')', '"', '“', '“'])
}

fn read_record(segs: &[Seg]) -> Rec {
    let mut date: Option<(usize, String)> = None;
    let mut author: Option<(usize, String)> = None;
    for (k, s) in segs.iter().enumerate() {
        if date.is_none() {
            if let Some((d, rest)) = seg_date(s) {
                date = Some((k, d));
                if author.is_none() {
                    if let Some(n) = name_in(&rest) {
                        author = Some((k, n));
                    }
                }
                continue;
            }
        }
        if author.is_none() && !s.heading && !is_long(&s.text) {
            if let Some(n) = name_in(&s.text) {
                author = Some((k, n));
            }
        }
        if date.is_some() && author.is_some() {
            break;
        }
    }
    let taken = |k: usize| date.as_ref().is_some_and(|(d, _)| *d == k) || author.as_ref().is_some_and(|(a, _)| *a == k);
    let keep: Vec<usize> = (0..segs.len())
        .filter(|&k| {
            let t = &segs[k].text;
            !taken(k)
                && !cues::is_ui_line(t)
                && !cues::is_count_only(t)
                && cues::lone_number(t).is_none()
                && cues::footer_date(t).is_none()
                && !cues::is_reaction_bar(t)
        })
        .collect();
    let first_long = keep.iter().position(|&k| is_long(&segs[k].text) && !segs[k].heading);
    let last_long = keep.iter().rposition(|&k| is_long(&segs[k].text) && !segs[k].heading);
    let mut title = None;
    let mut parts: Vec<&Seg> = Vec::new();
    if let (Some(a), Some(b)) = (first_long, last_long) {
        // A heading right before the text is the comment's title.
        if let Some(&h) = keep[..a].iter().rev().find(|&&k| segs[k].heading) {
            if !segs[h].all_link() {
                title = Some(segs[h].text.clone());
            }
        }
        parts.extend(keep[a..=b].iter().map(|&k| &segs[k]));
    } else if let Some(&k) = keep.iter().find(|&&k| !segs[k].heading && !segs[k].all_link()) {
        parts.push(&segs[k]);
    }
    let teaser_link = segs.iter().any(|s| s.all_link() && cues::word_count(&s.text) >= 3);
    let text = parts.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n");
    let text_links = parts.iter().map(|s| s.link_chars).sum();
    Rec { author: author.map(|a| a.1), date: date.map(|d| d.1), title, text, text_links, teaser_link }
}

/// A record with a comment's fields: a date, some words, few of them links.
fn comment_like(r: &Rec) -> bool {
    let chars = r.text.chars().count();
    r.date.is_some() && cues::word_count(&r.text) >= 3 && r.text_links * 2 < chars.max(1) && !is_removed_placeholder(&r.text)
}

/// A depth hint of a member: an explicit level, or an indentation width.
fn depth_hint(e: &ElementRef) -> Option<(bool, u32)> {
    let v = e.value();
    for a in ["aria-level", "data-depth", "data-level", "data-indent", "depth", "level"] {
        if let Some(n) = v.attr_str(a).and_then(|x| x.trim().parse::<u32>().ok()) {
            return Some((true, n));
        }
    }
    if let Some(c) = v.attr_str(at::CLASS) {
        for t in c.split_whitespace() {
            let l = t.to_ascii_lowercase();
            for p in ["depth", "level", "lvl", "indent", "ebene", "tiefe"] {
                if let Some(r) = l.find(p).and_then(|i| l.get(i + p.len()..)) {
                    let r = r.trim_start_matches(['-', '_']);
                    if !r.is_empty() && r.len() <= 2 && r.bytes().all(|b| b.is_ascii_digit()) {
                        if let Ok(n) = r.parse() {
                            return Some((true, n));
                        }
                    }
                }
            }
        }
    }
    if let Some(st) = v.attr_str(at::STYLE) {
        let l = st.to_ascii_lowercase();
        for p in ["margin-left", "padding-left"] {
            if let Some(r) = l.find(p).and_then(|i| l.get(i + p.len()..)) {
                let r = r.trim_start_matches([':', ' ']);
                let num: String = r.chars().take_while(|c| c.is_ascii_digit()).collect();
                if let Ok(n) = num.parse::<u32>() {
                    return Some((false, n));
                }
            }
        }
    }
    // A spacer: an image or cell with a width and no text, before the text.
    for d in e.elements_below().skip(1).take(12) {
        let name = d.value().name();
        if (name == "img" || name == "td") && d.text().all(|t| t.trim().is_empty()) {
            if let Some(n) = d.value().attr_str(at::WIDTH).and_then(|w| w.trim().trim_end_matches("px").parse::<u32>().ok()) {
                return Some((false, n));
            }
        }
        if d.text().any(|t| !t.trim().is_empty()) && name != "tr" && name != "tbody" && name != "table" {
            break;
        }
    }
    None
}

/// The ids a member is known by.
fn ids_of(e: &ElementRef) -> Vec<String> {
    let v = e.value();
    ["id", "data-id", "data-comment-id", "itemid", "name"].into_iter().filter_map(|a| v.attr_str(a)).map(|s| s.trim().trim_start_matches('#').to_string()).filter(|s| !s.is_empty()).collect()
}

fn ref_key(v: &str) -> String {
    let v = v.trim();
    v.rsplit_once('#').map_or(v, |(_, r)| r).to_string()
}

/// The parent id a member links to: an attribute naming a parent or reply
/// target, on the member or on a small element inside it.
fn parent_ref(e: &ElementRef, others: &HashSet<Key>) -> Option<String> {
    let attr_ref = |el: &ElementRef| -> Option<String> {
        for (k, val) in el.value().attrs() {
            let k = k.to_ascii_lowercase();
            if (k.contains("parent") || k.contains("reply-to") || k.contains("replyto") || k.contains("in-reply")) && !val.trim().is_empty() {
                return Some(ref_key(val));
            }
        }
        let ip = el.value().attr_str(at::ITEMPROP).unwrap_or("");
        let rel = el.value().attr_str(at::REL).unwrap_or("");
        if ip.to_ascii_lowercase().contains("parent") || rel.to_ascii_lowercase().contains("in-reply-to") {
            let v = el.value().attr_str(at::HREF).or_else(|| el.value().attr_str(at::CONTENT)).or_else(|| el.value().attr_str(&*at::RESOURCE))?;
            return Some(ref_key(v));
        }
        None
    };
    if let Some(r) = attr_ref(e) {
        return Some(r);
    }
    let mut n = 0;
    for d in e.elements_below().skip(1) {
        n += 1;
        if n > 60 || others.contains(&ekey(&d)) {
            break;
        }
        if let Some(r) = attr_ref(&d) {
            return Some(r);
        }
    }
    None
}

/// Whether `e` or an ancestor names itself a teaser, related list, widget, ...
fn teaserish(e: &ElementRef) -> bool {
    let mut cur = Some(*e);
    let mut n = 0;
    while let Some(el) = cur {
        n += 1;
        if n > 40 {
            break;
        }
        let name = el.value().name();
        if matches!(name, "nav" | "menu") {
            return true;
        }
        if el.value().attr_str(at::CLASS).is_some_and(|c| TEASERISH.is_match(c)) {
            return true;
        }
        cur = el.parent().and_then(ElementRef::wrap);
    }
    false
}

struct Candidate<'a> {
    score: f64,
    comments: Vec<Comment>,
    first: ElementRef<'a>,
}

/// Evaluates the group of members `top` (siblings of one signature) with
/// their nested same-signature descendants.
fn evaluate<'a>(top: &[ElementRef<'a>], sig: &str, budget: &mut usize) -> Option<Candidate<'a>> {
    // All members in document order, each with its nearest member ancestor.
    let mut members: Vec<(ElementRef<'a>, Option<usize>)> = Vec::new();
    for t in top {
        let base = members.len();
        members.push((*t, None));
        let mut seen = 0;
        let nests = sig.contains('.') || matches!(sig, "li" | "article" | "section" | "blockquote" | "table");
        for d in t.elements_below().skip(1).filter(|_| nests) {
            seen += 1;
            if seen > 20_000 {
                break;
            }
            if signature(&d) == sig {
                // Nearest member ancestor among those of this top member.
                let parent = (base..members.len()).rev().find(|&k| d.ancestors().filter_map(ElementRef::wrap).any(|a| ekey(&a) == ekey(&members[k].0)));
                members.push((d, parent));
            }
        }
        if members.len() > 500 {
            return None;
        }
    }
    if members.len() < 3 {
        return None;
    }
    let ids: HashSet<Key> = members.iter().map(|(m, _)| ekey(m)).collect();
    let recs: Vec<Rec> = members.iter().map(|(m, _)| read_record(&segments(*m, &ids, budget))).collect();
    let like: Vec<bool> = recs.iter().map(comment_like).collect();
    let n_like = like.iter().filter(|&&b| b).count();
    if n_like < 3 || n_like * 10 < members.len() * 7 {
        return None;
    }
    let kept: Vec<usize> = (0..recs.len()).filter(|&k| like[k]).collect();
    let named = kept.iter().filter(|&&k| recs[k].author.is_some()).count();
    let teasers = kept.iter().filter(|&&k| recs[k].teaser_link).count();
    let authors: HashSet<&str> = kept.iter().filter_map(|&k| recs[k].author.as_deref()).collect();
    let texts: HashSet<&str> = kept.iter().map(|&k| recs[k].text.as_str()).collect();
    let words: usize = kept.iter().map(|&k| cues::word_count(&recs[k].text)).sum();
    let prose = kept.iter().filter(|&&k| cues::stopword_density(&recs[k].text) >= 0.08).count();
    if named * 10 < kept.len() * 6
        || authors.len() < 2
        || teasers * 3 > kept.len()
        || texts.len() < kept.len()
        || words < kept.len() * 6
        || prose * 2 < kept.len()
        || teaserish(&top[0])
    {
        return None;
    }
    // Reply structure.
    let pos: HashMap<usize, usize> = kept.iter().enumerate().map(|(i, &k)| (k, i)).collect();
    let mut id_of: HashMap<String, usize> = HashMap::new();
    for (i, &k) in kept.iter().enumerate() {
        for id in ids_of(&members[k].0) {
            id_of.entry(id).or_insert(i);
        }
    }
    let hints: Vec<Option<(bool, u32)>> = kept.iter().map(|&k| depth_hint(&members[k].0)).collect();
    let distinct: HashSet<u32> = hints.iter().flatten().map(|h| h.1).collect();
    let mut comments: Vec<Comment> = Vec::new();
    for (i, &k) in kept.iter().enumerate() {
        let r = &recs[k];
        let mut reply_to = members[k].1.and_then(|p| {
            // The nearest kept ancestor.
            let mut p = Some(p);
            let mut guard = 0;
            while let Some(q) = p {
                guard += 1;
                if guard > 200 {
                    break;
                }
                if let Some(&j) = pos.get(&q) {
                    return Some(j);
                }
                p = members[q].1;
            }
            None
        });
        if reply_to.is_none() {
            reply_to = parent_ref(&members[k].0, &ids).and_then(|r| id_of.get(&r).copied()).filter(|&j| j < i);
        }
        if reply_to.is_none() && distinct.len() >= 2 {
            if let Some((_, d)) = hints[i] {
                reply_to = (0..i).rev().find(|&j| hints[j].is_some_and(|(_, e)| e < d));
            }
        }
        if reply_to.is_none() {
            if let Some(rest) = r.text.strip_prefix('@') {
                reply_to = mention(&comments, rest);
            }
        }
        comments.push(Comment { author: r.author.clone(), date: r.date.clone(), title: r.title.clone(), text: r.text.clone(), reply_to });
    }
    let regular = n_like as f64 / members.len() as f64;
    let score = words as f64 * regular * (named as f64 / kept.len() as f64);
    Some(Candidate { score, comments, first: members[kept[0]].0 })
}

/// The comments of the page's best repeated comment-shaped record group,
/// and the first record's node.
pub(super) fn records(doc: &Html) -> Option<(Vec<Comment>, ElementRef<'_>)> {
    let mut budget = BUDGET;
    let mut best: Option<Candidate> = None;
    let mut groups = 0usize;
        for el in doc.root_element().elements_below() {
        if budget == 0 || groups >= MAX_GROUPS {
            break;
        }
        budget = budget.saturating_sub(1);
        if is_dead_tag(el.value().name()) {
            continue;
        }
        let mut by_sig: Vec<(String, Vec<ElementRef>)> = Vec::new();
        for c in el.children().filter_map(ElementRef::wrap) {
            let name = c.value().name();
            if is_dead_tag(name) || matches!(name, "br" | "hr" | "img" | "a" | "span" | "b" | "i" | "em" | "strong") {
                continue;
            }
            let s = signature(&c);
            match by_sig.iter_mut().find(|(k, _)| *k == s) {
                Some((_, v)) => v.push(c),
                None => by_sig.push((s, vec![c])),
            }
        }
        for (sig, group) in by_sig {
            if group.len() < 2 {
                continue;
            }
            // Cheap test first: some member text holds a date.
            if !group.iter().any(|g| g.text().any(|t| cues::may_hold_date(t))) {
                continue;
            }
            groups += 1;
            if let Some(c) = evaluate(&group, &sig, &mut budget) {
                if best.as_ref().is_none_or(|b| c.score > b.score) {
                    best = Some(c);
                }
            }
        }
    }
    best.map(|b| (b.comments, b.first))
}
