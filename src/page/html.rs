//! HTML pages: DOM heuristics for the article and the comment section.
//!
//! The page is parsed with html5ever (via `scraper`). Then:
//!
//! - **Title**: the first `<h1>` outside navigation, else `og:title`, else
//!   `<title>` without the site name after " – ", " | ", " - ", " • ". An `h1`
//!   in the site banner (`role="banner"`) or one that only repeats the site
//!   name (`og:site_name`, or the shorter side of `<title>`: "Headline –
//!   Site", "Site | Headline") is the site's, and such a
//!   page gives its headline in the first `h2`.
//! - **Comments** from common markup: schema.org (`itemprop="comment"`,
//!   `itemtype=".../Comment"` with `author`, `dateCreated`, `text`),
//!   WordPress (`li.comment`, `.fn`, `.comment-content`), and class names of
//!   comment items in German and English (`leserkommentar`, `kommentar`,
//!   `forum-beitrag`, `comment-item`, `cmt`, Disqus-like `post` inside a
//!   thread, phpBB's `post` with its `p1234` id or profile column). An
//!   element holding the `h1` is the article, never a comment. Nested items
//!   and reply wrappers (`children`, `replies`, Drupal's `indented`, ...)
//!   make replies; "Antwort auf Name", a quote naming its author ("Name hat
//!   geschrieben:") and a leading "@Name" refer to earlier comments too.
//!   Author and date come from their elements (class words also at BEM
//!   boundaries: `x-comment__name`, `x-comment__time`; an element holding
//!   only a date), else from a header line ("Kommentar von <b>Name</b>
//!   (04.03.2024 17:12)", "Name antwortete Other am ...:"). Badges,
//!   "(nicht überprüft)" and a place in brackets are not part of a name.
//!   Quotes of earlier posts, profile columns and signatures are not text.
//!   ARIA entries (`role="article"` with `aria-posinset`, or inside a comment
//!   area) are items too. A date element may show only a short date ("19.
//!   Nov.", "gestern"); a reply tab "↩ Name" beside the author names the
//!   parent; a "Dieser Kommentar wurde gelöscht." placeholder is no comment.
//!   Items after a second article of the same kind (infinite scroll) belong
//!   to that article and are left out.
//! - **Comments without markup**: in a comment section, sibling elements of
//!   one kind that each begin with a comment header line are comment items
//!   (once two such do, a header followed by a single word or emoji too).
//! - **Comments only in `<noscript>`**: a comment widget's fallback inside a
//!   comment area is parsed on its own when the live page shows none.
//! - **Body**: `itemprop="articleBody"`, else the element with the most
//!   paragraph text (paragraphs, or sentences split by `<br>`; never inside a
//!   comment; an enclosing `<article>` if there is one), read as text
//!   blocks; navigation, asides, forms, figures, elements whose class names
//!   mark furniture (cookie, newsletter, teaser, share, ...) and link-heavy
//!   blocks are skipped, and every block passes the text cues.
//! - **Fallback**: without comments found in the DOM, the page is turned into
//!   text lines (profile columns and signatures left out) and the plain-text
//!   segmenter looks for a comment section in them.
//!
//! All traversals are iterative, so deeply nested input cannot overflow the
//! stack.

use super::cues::{self, Header, ReplyRef};
use std::borrow::Cow;
use super::{text, Comment, Page};
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use scraper::{ElementRef, Html, Node};
use std::cell::Cell;
use std::sync::LazyLock;

#[path = "html_induce.rs"]
mod induce;

/// Attribute lookup without `Element::attr`'s cost: that one interns the
/// name as an atom and hashes a `QualName` per call; the few attributes of an
/// element are scanned instead (same match: no namespace, no prefix).
/// The name may be given as an atom ([`at`]): then the names are compared
/// as atoms (one integer each: atoms of the same string are the same atom),
/// not as strings.
trait AttrStr {
    fn attr_str<N: AttrName + ?Sized>(&self, name: &N) -> Option<&str>;
}

impl AttrStr for scraper::node::Element {
    #[inline]
    fn attr_str<N: AttrName + ?Sized>(&self, name: &N) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.prefix.is_none() && name.names(&k.local) && k.ns == NO_NS)
            .map(|(_, v)| &**v)
    }
}

/// The namespace of attributes without one (the empty atom).
const NO_NS: html5ever::Namespace = {
    use html5ever::ns;
    ns!()
};

/// An attribute name for [`AttrStr::attr_str`]: a string or an atom.
trait AttrName {
    fn names(&self, local: &html5ever::LocalName) -> bool;
}

impl AttrName for str {
    #[inline]
    fn names(&self, local: &html5ever::LocalName) -> bool {
        &**local == self
    }
}

impl AttrName for html5ever::LocalName {
    #[inline]
    fn names(&self, local: &html5ever::LocalName) -> bool {
        local == self
    }
}

/// The attribute names the readings ask for, as atoms: names of the HTML
/// spec are static atoms; the others are interned once.
mod at {
    use html5ever::{local_name, LocalName};
    use std::sync::LazyLock;
    pub const CLASS: &LocalName = &local_name!("class");
    pub const ID: &LocalName = &local_name!("id");
    pub const CONTENT: &LocalName = &local_name!("content");
    pub const PROPERTY: &LocalName = &local_name!("property");
    pub const ITEMPROP: &LocalName = &local_name!("itemprop");
    pub const HREF: &LocalName = &local_name!("href");
    pub const WIDTH: &LocalName = &local_name!("width");
    pub const STYLE: &LocalName = &local_name!("style");
    pub const ROLE: &LocalName = &local_name!("role");
    pub const TITLE: &LocalName = &local_name!("title");
    pub const REL: &LocalName = &local_name!("rel");
    pub const ARIA_POSINSET: &LocalName = &local_name!("aria-posinset");
    pub const ARIA_LABEL: &LocalName = &local_name!("aria-label");
    pub const ARIA_HIDDEN: &LocalName = &local_name!("aria-hidden");
    pub static RESOURCE: LazyLock<LocalName> = LazyLock::new(|| LocalName::from("resource"));
    pub static DATA_ROLE: LazyLock<LocalName> = LazyLock::new(|| LocalName::from("data-role"));
    pub static DATA_FIELD: LazyLock<LocalName> = LazyLock::new(|| LocalName::from("data-field"));
    pub static DATA_TYPE: LazyLock<LocalName> = LazyLock::new(|| LocalName::from("data-type"));
}

/// The answers of element tests that several readings of one document ask
/// of the same elements (the comment-item test, the body's skip test), each
/// computed once per element. An answer sits at its node's place in the
/// tree's arena (0: not asked yet, 1: false, 2: true): the nodes' values lie
/// `stride` bytes apart from `base`, the first node's value. (ego-tree 0.11
/// still keeps the nodes in one `Vec` that `Tree::values` walks in order, and
/// still gives no public index of a `NodeId`; the tree is not changed after
/// the parse, so the addresses hold while the memo lives.)
struct Memo {
    base: usize,
    stride: usize,
    comment_item: Vec<Cell<u8>>,
    body_skip: Vec<Cell<u8>>,
    /// [`is_headed`] (the group test and the nested-reply test of
    /// `items_by_header_lines` ask it of the same elements).
    headed: Vec<Cell<u8>>,
    /// [`next_article`] (the markup reading and the header-line reading both ask it).
    next_article: std::cell::OnceCell<Option<ego_tree::NodeId>>,
}

impl Memo {
    fn for_doc(doc: &Html) -> Self {
        let mut values = doc.tree.values();
        let n = values.len();
        let addr = |v: &Node| v as *const Node as usize;
        let base = values.next().map_or(0, addr);
        let stride = values.next().map_or(1, |v| addr(v) - base);
        Memo {
            base,
            stride,
            comment_item: vec![Cell::new(0); n],
            body_skip: vec![Cell::new(0); n],
            headed: vec![Cell::new(0); n],
            next_article: std::cell::OnceCell::new(),
        }
    }

    fn answer(&self, table: &[Cell<u8>], e: &ElementRef, test: impl FnOnce() -> bool) -> bool {
        let node: &Node = ego_tree::NodeRef::value(e);
        let slot = &table[(node as *const Node as usize - self.base) / self.stride];
        match slot.get() {
            0 => {
                let b = test();
                slot.set(1 + u8::from(b));
                b
            }
            a => a == 2,
        }
    }
}

fn re(p: &str) -> Regex {
    Regex::new(p).expect("html cue regex must compile")
}

/// Tags whose content is never page text.
fn is_dead_tag(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "svg" | "iframe" | "button" | "select" | "option" | "input"
            | "textarea" | "head" | "meta" | "link" | "object" | "embed" | "canvas" | "video" | "audio" | "map"
    )
}

/// Tags that are page furniture wherever they are.
fn is_furniture_tag(name: &str) -> bool {
    matches!(name, "nav" | "aside" | "form" | "figure" | "figcaption" | "label" | "dialog" | "menu")
}

/// What the readings ask of an element's tag, read from its name's atom by
/// one `match` (the names of the spec are atoms: comparing them is comparing
/// integers, where the `&str` tests compare strings one by one). Each bit
/// is one of the tag tests; `tag_kind_agrees_with_the_name_tests` holds
/// them to the `&str` forms.
mod tag {
    /// [`super::is_dead_tag`].
    pub const DEAD: u32 = 1;
    /// [`super::is_furniture_tag`].
    pub const FURNITURE: u32 = 1 << 1;
    /// [`super::is_block_tag`].
    pub const BLOCK: u32 = 1 << 2;
    /// An inline element whose end is a space in a block's text.
    pub const SPACED: u32 = 1 << 3;
    /// `ul`, `ol`: a list level.
    pub const LIST: u32 = 1 << 4;
    pub const BR: u32 = 1 << 5;
    pub const A: u32 = 1 << 6;
    /// `header`, `footer`, `h1`: skipped in the body whatever the class.
    pub const BODY_SKIP: u32 = 1 << 7;
    /// Tags that are never comment items ([`super::marks_comment_item`]).
    pub const NO_ITEM: u32 = 1 << 8;
    /// The children of an element whose text counts as its paragraphs (`body_root`).
    pub const PARAGRAPH: u32 = 1 << 9;
    /// Elements whose own text nodes count as sentences (`body_root`).
    pub const BARE_TEXT: u32 = 1 << 10;
    pub const FOOTER: u32 = 1 << 11;
}

/// The [`tag`] bits of an element.
fn tag_kind(e: &scraper::node::Element) -> u32 {
    use html5ever::local_name as n;
    use tag::*;
    match e.name.local {
        n!("script") | n!("style") | n!("noscript") | n!("template") | n!("svg") | n!("iframe") | n!("button") | n!("input")
        | n!("textarea") | n!("head") | n!("link") | n!("object") | n!("embed") | n!("canvas") | n!("video") | n!("audio")
        | n!("map") => DEAD,
        n!("select") | n!("option") => DEAD,
        n!("meta") => DEAD | NO_ITEM,
        n!("form") => FURNITURE | BLOCK,
        n!("nav") | n!("aside") | n!("figure") | n!("figcaption") => FURNITURE | BLOCK,
        n!("label") | n!("dialog") | n!("menu") => FURNITURE,
        n!("p") => BLOCK | NO_ITEM | PARAGRAPH,
        n!("h2") | n!("h3") => BLOCK | PARAGRAPH,
        n!("blockquote") => BLOCK | PARAGRAPH,
        n!("div") | n!("section") | n!("article") | n!("main") => BLOCK | BARE_TEXT,
        n!("header") => BLOCK | BODY_SKIP,
        n!("footer") => BLOCK | BODY_SKIP | FOOTER,
        n!("h1") => BLOCK | BODY_SKIP | NO_ITEM,
        n!("h4") | n!("h5") | n!("h6") | n!("li") | n!("dl") | n!("dt") | n!("dd") | n!("pre") | n!("table") | n!("tr")
        | n!("fieldset") | n!("address") | n!("hr") | n!("body") | n!("html") | n!("details") | n!("summary") | n!("cite") => BLOCK,
        n!("ul") | n!("ol") => BLOCK | LIST,
        n!("br") => BLOCK | BR,
        n!("time") => BLOCK | NO_ITEM,
        n!("td") => SPACED | BARE_TEXT,
        n!("th") | n!("em") | n!("small") | n!("i") => SPACED,
        n!("span") | n!("b") | n!("strong") => SPACED | NO_ITEM,
        n!("a") => SPACED | A | NO_ITEM,
        n!("img") => NO_ITEM,
        n!("font") | n!("center") => BARE_TEXT,
        _ => 0,
    }
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "nav" | "h1" | "h2" | "h3" | "h4"
            | "h5" | "h6" | "li" | "ul" | "ol" | "dl" | "dt" | "dd" | "blockquote" | "pre" | "table" | "tr" | "figure"
            | "figcaption" | "form" | "fieldset" | "address" | "hr" | "br" | "body" | "html" | "details" | "summary"
            | "cite" | "time"
    )
}

static FURNITURE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)cookie|consent|\bcmp\b|banner|newsletter|teaser|related|recommend|empfehl|promo|advert|\bads?\b|anzeige|werbung|sponsor|social|share|sharing|teilen|breadcrumb|paywall|weather|wetter|sidebar|widget|outbrain|taboola|popup|modal|push|subscribe|\btags?\b|tags-|byline|caption|credit|kicker|dachzeile|rubrik|toolbar|pagination|correction|navigation|umfrage|\bpoll|voting|abstimmung|\bquiz|wissenstest|gewinnspiel|standings|tabelle|\bnav\b|menu|footer|header|\bmeta\b|-meta\b|\bmeta-|bildtext|bildunterschrift|skip-link|screen-reader|comment|kommentar|diskussion|\bforum|leserbrief|respond|\blogin\b|\bbrand\b|\blogo\b|copyright|randspalte|\bbox\b|kasten|infobox|\bhinweis\b|notice")
});

static COMMENT_AREA: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)comment|kommentar|diskussion|disqus|thread|forum|posts|leserbrief|replies|antworten|leserfrage|leserstimme|lesermeinung|reaktionen|reactions"));

/// A class token (the whole token) naming a comment item.
const ITEM_TOKEN: &str = r"(?i:comment|kommentar|leserkommentar|leser-kommentar|forum-?beitrag|forumbeitrag|forum-post|forumpost|beitrag|posting|comment-?item|comment__item|commentitem|comment-entry|comment-wrapper|comment-container|user-comment|reader-comment|js-comment|c-comment|comment-thread-item|kommentar-item|kommentar-eintrag|cmt|cmt-?item|cmt-entry)";

/// A class token (the whole token) naming a comment item by its last part:
/// "coral-comment", "c-comment", "article_kommentar", "x-cmt" (the common
/// abbreviation), "rootComment" (camel case); or a comment's card, the
/// widgets' word for one comment's box ("comment-card", "c-comment__card",
/// "kommentar-karte", a widget's own "commento-card"; not the plural
/// "comments-card" of a whole section).
const ITEM_SUFFIX: &str = r"(?:[A-Za-z0-9]+(?:-|_|__))+(?i:comment|kommentar|leserkommentar|beitrag|posting|cmt)|[a-z]+(?:Comment|Kommentar|Reply)|(?:[A-Za-z0-9]+(?:-|_|__))*(?i:comment|kommentar)[a-rt-z]?(?:-|_|__)(?i:card|karte)";

/// [`ITEM_TOKEN`] and [`ITEM_SUFFIX`] as whole tokens of a class attribute
/// (between white space or the ends: the tokens of `split_whitespace`), in
/// one pass over the attribute.
static ITEM_CLASS: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSet::new([ITEM_TOKEN, ITEM_SUFFIX].map(|t| format!(r"(?:^|\s)(?:{t})(?:$|\s)"))).expect("html cue regex must compile")
});

/// Class names that make an element a teaser, not a comment, whatever else they say.
static TEASERISH: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)teaser|related|rubrik|ressort|kicker|opinion|meinung|promo|widget|sidebar"));

/// Wrappers that hold replies: their items are one level deeper.
static REPLY_WRAP: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?:^|[\s_-])(?:children|replies|reply-?(?:list|container|wrapper|thread)|antworten|answers|subcomments|sub-comments|child-comments|indented|indent-?[1-9]|level-?[1-9]|depth-?[2-9])(?:$|[\s_-])")
});

/// An item that marks itself as a reply ("comment reply", "coral-reply", "is-reply").
static REPLY_ITEM: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:(?:[a-z0-9]+[-_])*(?:reply|antwort)|[a-z]+Reply)$"));

/// An item's id: its kind and number ("comment-4711", "c-12"; portals
/// join with '_' and call a comment a message: "message_7731040").
/// A widget may put its own prefix before the kind ("cmx_comment_17").
static ID_ITEM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:comment|kommentar|beitrag|post|lk|c|cmt|message|msg|[a-z]{2,8}[-_](?:comment|kommentar))[-_]\d+$"));

/// The element's class attribute and, after a space, its id (borrowed when
/// there is no id, as on most elements).
fn class_str<'a>(el: &ElementRef<'a>) -> Cow<'a, str> {
    class_and_id(el.value().attr_str(at::CLASS), el.value().attr_str(at::ID))
}

/// [`class_str`] of the attribute values already read.
fn class_and_id<'a>(class: Option<&'a str>, id: Option<&'a str>) -> Cow<'a, str> {
    match id.map(own_id) {
        None => Cow::Borrowed(class.unwrap_or("")),
        Some(id) => {
            let class = class.unwrap_or("");
            let mut s = String::with_capacity(class.len() + 1 + id.len());
            s.push_str(class);
            s.push(' ');
            s.push_str(id);
            Cow::Owned(s)
        }
    }
}

/// The part of an id that names the element itself. Generated ids of
/// nested naming containers (ASP.NET WebForms' client ids:
/// "ctl00_main_rptList_ctl03_rptAnswers_ctl00_lblName") spell the whole
/// path of repeaters down to the element, numbered by "ctlNN" segments; only
/// the last segment names the element (a name label inside a repeater of
/// answers is no answer button, a text panel there no reply wrapper).
fn own_id(id: &str) -> &str {
    if id.len() < 10 || memchr::memmem::find(id.as_bytes(), b"ctl").is_none() {
        return id;
    }
    let generated = id.split('_').any(|seg| seg.len() > 3 && seg.starts_with("ctl") && seg[3..].bytes().all(|b| b.is_ascii_digit()));
    match id.rsplit_once('_') {
        Some((_, last)) if generated && !last.is_empty() => last,
        _ => id,
    }
}

/// `hay` contains one of `words` (lowercase ASCII letters) in any ASCII
/// case: one pass over `hay` (class names are short), comparing where a
/// word's first letter stands.
#[inline(always)]
fn contains_any_ascii_ci(hay: &str, words: &[&str]) -> bool {
    // The words' first letters as bits (`a`..`z` at 1..26): a byte that
    // begins no word, as most do, is passed by one bit test.
    let first = words.iter().fold(0u32, |m, w| m | 1 << (w.as_bytes()[0] & 31));
    let b = hay.as_bytes();
    (0..b.len()).any(|i| {
        let c = b[i] | 0x20;
        c.is_ascii_lowercase()
            && first >> (c & 31) & 1 != 0
            && words.iter().any(|w| w.as_bytes()[0] == c && b.get(i..i + w.len()).is_some_and(|s| s.eq_ignore_ascii_case(w.as_bytes())))
    })
}

fn attr_has_token(el: &ElementRef, attr: &html5ever::LocalName, token: &str) -> bool {
    has_token(el.value().attr_str(attr), token)
}

/// An attribute value holds `token` as one of its white-space separated words (any ASCII case).
fn has_token(value: Option<&str>, token: &str) -> bool {
    value.is_some_and(|v| v.split_whitespace().any(|t| t.eq_ignore_ascii_case(token)))
}

/// Element text with white space collapsed (iterative): the words of all
/// text nodes joined by single spaces, as `collapse_ws` gives for the nodes
/// joined with spaces.
fn text_of(el: &ElementRef) -> String {
    let mut out = String::new();
    for t in el.text() {
        // Room for the node's words at once (most elements hold one text node).
        out.reserve(t.len() + 1);
        // A node whose words are single-spaced already is copied whole.
        if !t.is_empty() && cues::is_collapsed(t) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t);
            continue;
        }
        for w in cues::words(t) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// `text_of(el).chars().count()`, without building the text: the same words
/// and single spaces, counted. Test `text_chars_counts_text_of`.
fn text_chars(el: &ElementRef) -> usize {
    let (mut n, mut any) = (0, false);
    for t in el.text() {
        // A node whose words are single-spaced already counts whole.
        if !t.is_empty() && cues::is_collapsed(t) {
            n += usize::from(any) + t.chars().count();
            any = true;
            continue;
        }
        for w in cues::words(t) {
            n += usize::from(any) + w.chars().count();
            any = true;
        }
    }
    n
}

/// `!text_of(el).is_empty()`, without building the text: a text node holds a word.
fn has_words(el: &ElementRef) -> bool {
    el.text().any(|t| cues::words(t).next().is_some())
}

/// One block of text (a paragraph, heading, list item, ...).
#[derive(Debug, Clone)]
struct Block<'a> {
    text: String,
    link_chars: usize,
    depth: usize,
    tag: &'a str,
}

/// Splits the subtree of `root` into text blocks, skipping elements for
/// which `skip` returns true.
fn blocks<'a>(root: ElementRef<'a>, skip: &dyn Fn(&ElementRef<'a>) -> bool) -> Vec<Block<'a>> {
    first_blocks(root, skip, usize::MAX)
}

/// The first `limit` blocks of [`blocks`] (the walk stops there).
fn first_blocks<'a>(root: ElementRef<'a>, skip: &dyn Fn(&ElementRef<'a>) -> bool, limit: usize) -> Vec<Block<'a>> {
    let mut out = Vec::new();
    if limit > 0 {
        walk_blocks(root, skip, &mut |b| {
            out.push(b);
            out.len() >= limit
        });
    }
    out
}

/// The blocks of [`blocks`], one by one, to `visit`; the walk stops when
/// `visit` returns true.
fn walk_blocks<'a>(root: ElementRef<'a>, skip: &dyn Fn(&ElementRef<'a>) -> bool, visit: &mut dyn FnMut(Block<'a>) -> bool) {
    // Room for a block or two: the buffer is reused for every block of the walk.
    let mut buf = String::with_capacity(256);
    let mut links = 0usize;
    let mut buf_tag = "div";
    // Whether `visit` stopped the walk.
    let mut flush = |buf: &mut String, links: &mut usize, tag: &'a str, depth: usize| -> bool {
        let mut stop = false;
        // Only white space (the gaps between blocks): no block, and no string built.
        if cues::words(buf).next().is_some() {
            let t = cues::collapse_ws(buf);
            let link_chars = if *links == 0 { 0 } else { (*links).min(t.chars().count()) };
            stop = visit(Block { text: t, link_chars, depth, tag });
        }
        buf.clear();
        *links = 0;
        stop
    };
    // The walk follows the child, sibling and parent links (document order).
    // `state` holds, for each element entered and not yet left, the state of
    // its children (inside a link, list depth) and its own tag kind; the
    // last is that of `node`. An element's end is handled when the walk
    // leaves it: a block end flushes the block, an inline end adds a space.
    let mut state: Vec<(bool, usize, u32)> = Vec::with_capacity(32);
    state.push((false, 0, 0));
    let mut node = *root;
    'walk: loop {
        let (in_link, depth, _) = state.last().copied().unwrap_or((false, 0, 0));
        match node.value() {
            Node::Text(t) => {
                let s: &str = t;
                buf.push_str(s);
                if in_link {
                    links += s.chars().filter(|c| !c.is_whitespace()).count() + 1;
                }
            }
            Node::Element(e) => {
                let kind = tag_kind(e);
                let entered = node.id() == root.id() || kind & tag::DEAD == 0 && ElementRef::wrap(node).is_some_and(|el| !skip(&el));
                if entered {
                    let block = kind & tag::BLOCK != 0;
                    if block {
                        if flush(&mut buf, &mut links, buf_tag, depth) {
                            return;
                        }
                        buf_tag = e.name();
                    }
                    if kind & tag::BR == 0 {
                        if let Some(c) = node.first_child() {
                            state.push((in_link || kind & tag::A != 0, depth + usize::from(kind & tag::LIST != 0), kind));
                            node = c;
                            continue 'walk;
                        }
                        // An element without children ends here.
                        if block {
                            if flush(&mut buf, &mut links, buf_tag, depth) {
                                return;
                            }
                        } else if kind & tag::SPACED != 0 {
                            buf.push(' ');
                        }
                    }
                }
            }
            _ => {}
        }
        // On to the next sibling, leaving the elements that end here.
        loop {
            if node.id() == root.id() {
                break 'walk;
            }
            if let Some(s) = node.next_sibling() {
                node = s;
                continue 'walk;
            }
            let Some(p) = node.parent() else { break 'walk };
            // `p`'s kind, and the state it was entered in.
            let kind = state.pop().map_or(0, |s| s.2);
            let depth = state.last().map_or(0, |s| s.1);
            if kind & tag::BLOCK != 0 {
                if flush(&mut buf, &mut links, buf_tag, depth) {
                    return;
                }
            } else if kind & tag::SPACED != 0 {
                buf.push(' ');
            }
            node = p;
        }
    }
    flush(&mut buf, &mut links, buf_tag, 0);
}

/// `ElementRef::descendent_elements` (the element, then the elements below
/// it in document order), following the child, sibling and parent links
/// directly: ego-tree's `Descendants` takes two steps per node (an open and
/// a close edge) and filters the open ones. Test
/// `elements_below_agree_with_descendent_elements`.
trait ElementsBelow<'a> {
    fn elements_below(&self) -> Below<'a>;
}

impl<'a> ElementsBelow<'a> for ElementRef<'a> {
    #[inline]
    fn elements_below(&self) -> Below<'a> {
        Below { root: **self, next: Some(**self) }
    }
}

/// The iterator of [`ElementsBelow::elements_below`].
#[derive(Clone)]
struct Below<'a> {
    root: ego_tree::NodeRef<'a, Node>,
    next: Option<ego_tree::NodeRef<'a, Node>>,
}

impl<'a> Iterator for Below<'a> {
    type Item = ElementRef<'a>;

    #[inline]
    fn next(&mut self) -> Option<ElementRef<'a>> {
        loop {
            let node = self.next?;
            // The node after `node` in document order, inside `root`.
            self.next = node.first_child().or_else(|| {
                let mut n = node;
                loop {
                    if n.id() == self.root.id() {
                        return None;
                    }
                    if let Some(s) = n.next_sibling() {
                        return Some(s);
                    }
                    n = n.parent()?;
                }
            });
            if let Some(e) = ElementRef::wrap(node) {
                return Some(e);
            }
        }
    }
}

fn ancestors_any(el: &ElementRef, pred: &dyn Fn(&ElementRef) -> bool) -> bool {
    let mut cur = el.parent();
    while let Some(n) = cur {
        if let Some(e) = ElementRef::wrap(n) {
            if pred(&e) {
                return true;
            }
        }
        cur = n.parent();
    }
    false
}

// ---------------------------------------------------------------------------
// Title

fn title_of(doc: &Html, memo: &Memo) -> Option<String> {
    let mut og = None;
    let mut title = None;
    let mut site = None;
    for el in doc.root_element().elements_below() {
        match el.value().name() {
            "meta" if el.value().attr_str(at::PROPERTY).is_some_and(|p| p.eq_ignore_ascii_case("og:title")) => {
                og = og.or_else(|| el.value().attr_str(at::CONTENT).map(cues::collapse_ws));
            }
            "meta" if el.value().attr_str(at::PROPERTY).is_some_and(|p| p.eq_ignore_ascii_case("og:site_name")) => {
                site = site.or_else(|| el.value().attr_str(at::CONTENT).map(cues::collapse_ws));
            }
            "title" if title.is_none() => title = Some(text_of(&el)),
            "body" => break,
            _ => {}
        }
    }
    let site = site.or_else(|| title.as_deref().and_then(site_suffix));
    let outside = |el: &ElementRef| !ancestors_any(el, &|a| matches!(a.value().name(), "nav" | "aside" | "footer"));
    // An h1 in the site's banner, or one that only repeats the site name, names the site.
    let is_site_name = |el: &ElementRef, t: &str| {
        site.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(t)) || ancestors_any(el, &|a| attr_has_token(a, at::ROLE, "banner"))
    };
    let mut site_h1 = false;
    for el in doc.root_element().elements_below() {
        if el.value().name() == "h1" && outside(&el) {
            let t = text_of(&el);
            if t.is_empty() {
                continue;
            }
            if is_site_name(&el, &t) {
                site_h1 = true;
                continue;
            }
            return Some(t);
        }
    }
    if let Some(og) = og.filter(|s| !s.is_empty()) {
        return Some(og);
    }
    // A page whose h1 is the site name gives the headline one level lower.
    if site_h1 {
        let h2 = doc.root_element().elements_below().find(|el| {
            el.value().name() == "h2" && outside(el) && !in_sidebar(el) && !ancestors_any(el, &|a| is_comment_item(a, memo)) && {
                let t = text_of(el);
                cues::word_count(&t) >= 2 && cues::comment_header(&t).is_none() && !cues::is_ui_line(&t)
            }
        });
        if let Some(h2) = h2 {
            return Some(text_of(&h2));
        }
    }
    title.map(|t| strip_site_suffix(&t)).filter(|s| !s.is_empty())
}

const TITLE_SEPARATORS: [&str; 7] = [" – ", " — ", " | ", " - ", " :: ", " · ", " • "];

/// "Headline – Site" -> "Site"; "Site | Headline" -> "Site" (a site name
/// is the shorter side: a headline has more words than the site's name).
fn site_suffix(t: &str) -> Option<String> {
    let (pos, len) = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| t.rfind(sep).map(|pos| (pos, sep.len())))
        .max_by_key(|&(pos, _)| pos)?;
    let tail = t.get(pos + len..)?.trim();
    let head = t.get(..pos)?.trim();
    let site = if !head.is_empty() && !TITLE_SEPARATORS.iter().any(|sep| head.contains(sep)) && cues::word_count(head) < cues::word_count(tail) {
        head
    } else {
        tail
    };
    (!site.is_empty()).then(|| site.to_string())
}

/// "Headline – Site" -> "Headline".
fn strip_site_suffix(t: &str) -> String {
    for sep in TITLE_SEPARATORS {
        if let Some(pos) = t.rfind(sep) {
            let head = t.get(..pos).unwrap_or(t).trim();
            if cues::word_count(head) >= 2 {
                return head.to_string();
            }
        }
    }
    t.trim().to_string()
}

// ---------------------------------------------------------------------------
// Comments

/// A comment item by its markup. An element that holds a headline (`h1`)
/// is the article or the page, whatever its class says ("beitrag" is also
/// German for an article).
fn is_comment_item(el: &ElementRef, memo: &Memo) -> bool {
    // (An element holding the `h1` is the article; one holding a text area
    // is the box one writes a comment in.)
    memo.answer(&memo.comment_item, el, || marks_comment_item(el) && !el.elements_below().any(|d| matches!(d.value().name(), "h1" | "textarea")))
}

fn marks_comment_item(el: &ElementRef) -> bool {
    let v = el.value();
    // Every mark below is an attribute: an element without any has none.
    if v.attrs.is_empty() || tag_kind(v) & tag::NO_ITEM != 0 {
        return false;
    }
    // The attributes asked below, read in one pass (each the first of its
    // name, as `attr_str` gives it).
    let (mut itemprop, mut itemtype, mut role, mut class, mut id) = (None, None, None, None, None);
    for (k, val) in v.attrs.iter() {
        if k.prefix.is_some() || k.ns != NO_NS {
            continue;
        }
        let slot = match k.local {
            html5ever::local_name!("itemprop") => &mut itemprop,
            html5ever::local_name!("itemtype") => &mut itemtype,
            html5ever::local_name!("role") => &mut role,
            html5ever::local_name!("class") => &mut class,
            html5ever::local_name!("id") => &mut id,
            _ => continue,
        };
        slot.get_or_insert(&**val);
    }
    if has_token(itemprop, "comment") {
        return true;
    }
    if itemtype.is_some_and(|t: &str| t.trim_end_matches('/').ends_with("/Comment")) {
        return true;
    }
    // ARIA: an entry of a feed or list (`role="article"` with its position in
    // the set), or an article role inside a comment area.
    if role.is_some_and(|r: &str| r.eq_ignore_ascii_case("article")) && v.name() != "article" {
        // (A feed entry that holds labelled comments is the post they
        // answer, no comment.)
        return v.attr_str(at::ARIA_POSINSET).is_some()
            && !el.elements_below().skip(1).any(|d| d.value().attr_str(at::ARIA_LABEL).is_some_and(comment_label))
            || v.attr_str(at::ARIA_LABEL).is_some_and(comment_label)
            || ancestors_any(el, &|a| {
                COMMENT_AREA.is_match(&class_str(a)) || a.value().attr_str(at::ARIA_LABEL).is_some_and(|l| COMMENT_AREA.is_match(l))
            });
    }
    let class: &str = class.unwrap_or("");
    let tokens = || class.split_whitespace();
    // Both item patterns need a token: an empty class matches neither.
    // The common answer, no match, without the overlapping search.
    if !class.is_empty() && ITEM_CLASS.is_match(class) {
        let item = ITEM_CLASS.matches(class);
        if item.matched(0) {
            return true;
        }
        // TEASERISH holds no white space: a token holds it when the class does.
        if item.matched(1) && !TEASERISH.is_match(class) {
            return true;
        }
    }
    // A writing platform's word for a comment: a "response" ("pw-response",
    // "response"), only inside an area of responses (a class holding
    // "responses", or a comment area by class or label), for a form's
    // "g-recaptcha-response" is a response too.
    if class.len() >= 8 && memchr::memmem::find(class.as_bytes(), b"response").is_some() && tokens().any(response_token) {
        return ancestors_any(el, &|a| {
            let c = class_str(a);
            memchr::memmem::find(c.as_bytes(), b"responses").is_some()
                || COMMENT_AREA.is_match(&c)
                || a.value().attr_str(at::ARIA_LABEL).is_some_and(|l| COMMENT_AREA.is_match(l))
        });
    }
    if id.is_some_and(|id: &str| id.ends_with(|c: char| c.is_ascii_digit()) && ID_ITEM.is_match(id)) && matches!(v.name(), "li" | "div" | "article" | "section") {
        return ancestors_any(el, &|a| COMMENT_AREA.is_match(&class_str(a)));
    }
    // A "post" token needs a "p" or "P" (one memchr before the token split).
    if memchr::memchr2(b'p', b'P', class.as_bytes()).is_some() && tokens().any(|t| t.eq_ignore_ascii_case("post")) {
        // A forum post: inside a comment area, or with the forum's own marks
        // (phpBB's "p1234" anchor id, a profile column or post body inside).
        return ancestors_any(el, &|a| COMMENT_AREA.is_match(&class_str(a)))
            || id.is_some_and(|id: &str| FORUM_POST_ID.is_match(id))
            || el.elements_below().skip(1).any(|d| d.value().attr_str(at::CLASS).is_some_and(|c| c.split_whitespace().any(|t| FORUM_POST_PART.is_match(t))));
    }
    false
}

/// A class token naming one response: "response", or a prefixed one
/// ("pw-response", "post_response"); not "responses" (the list) nor a
/// response's part ("pw-response-body").
fn response_token(t: &str) -> bool {
    t.strip_suffix("response").is_some_and(|p| p.is_empty() || p.ends_with(['-', '_']))
}

/// An accessibility label that names a comment and its author ("Kommentar
/// von NAME vor 2 Tagen", "Antwort von NAME auf den Kommentar von NAME",
/// "Comment by NAME"): what a screen reader announces for a comment.
fn comment_label(l: &str) -> bool {
    label_rest(l).is_some_and(|r| !r.is_empty())
}

/// What follows the opening words of a [`comment_label`] ("Kommentar von ",
/// "Comment by ", …): the author and what comes after.
fn label_rest(l: &str) -> Option<&str> {
    let l = l.trim_start();
    ["Kommentar von ", "Antwort von ", "Comment by ", "Reply by ", "Reply from "].iter().find_map(|p| l.strip_prefix(p))
}

/// The author a [`comment_label`] names: the words after "von"/"by" up to
/// the parent's mention (" auf den Kommentar von", " to ") or the age
/// (" vor …", " am …", a date).
fn label_author(l: &str) -> Option<String> {
    let rest = label_rest(l)?;
    let end = [" auf den Kommentar", " auf den Beitrag", " vor ", " am ", " to ", " · ", ", "].iter().filter_map(|m| rest.find(m)).min().unwrap_or(rest.len());
    let end = cues::find_date(rest).map_or(end, |(a, _)| end.min(a));
    let name = rest.get(..end)?.trim();
    cues::is_short_name(name, 5).then(|| name.to_string())
}

/// A badge's text: one or two capitalised words, no digit, no sentence
/// punctuation, at most 20 chars ("Autor", "Top-Fan", "Redaktion").
fn name_badge(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty()
        && t.chars().count() <= 20
        && (1..=2).contains(&cues::word_count(t))
        && t.starts_with(char::is_uppercase)
        && !t.chars().any(|c| c.is_ascii_digit() || matches!(c, '.' | ':' | '!' | '?' | ',' | '@'))
        && !cues::is_ui_line(t)
}

/// The elements of a page by their `id` (the first of each in document
/// order) under the root element they were gathered from, built when a
/// link to an anchor first asks ([`item_link`]).
type AnchorIds<'a> = std::cell::OnceCell<(ego_tree::NodeId, FxHashMap<&'a str, ElementRef<'a>>)>;

/// A link to another comment of the thread on the same page (`href="#post-4710"`,
/// the parent an answer names): no text of the comment that holds it. A
/// mention the reader typed ("@NAME" linked to NAME's comment) stays text.
fn item_link<'a>(e: &ElementRef<'a>, items: &FxHashSet<ego_tree::NodeId>, ids: &AnchorIds<'a>) -> bool {
    let Some(frag) = e.value().attr_str(at::HREF).and_then(|h| h.strip_prefix('#')).filter(|f| !f.is_empty()) else { return false };
    if e.value().name() != "a" || e.text().next().is_some_and(|t| t.trim_start().starts_with('@')) {
        return false;
    }
    let Some(root) = e.ancestors().filter_map(ElementRef::wrap).last() else { return false };
    let (at_root, by_id) = ids.get_or_init(|| {
        let mut m = FxHashMap::default();
        for x in root.elements_below() {
            if let Some(id) = x.value().attr_str(at::ID) {
                m.entry(id).or_insert(x);
            }
        }
        (root.id(), m)
    });
    // (One page has one root element; another root is looked through.)
    let target = if *at_root == root.id() { by_id.get(frag).copied() } else { root.elements_below().find(|x| x.value().attr_str(at::ID) == Some(frag)) };
    target.is_some_and(|t| {
        items.contains(&t.id()) || t.ancestors().any(|a| items.contains(&a.id())) || t.elements_below().nth(1).is_some_and(|c| items.contains(&c.id()))
    })
}

/// phpBB's anchor id of a post ("p311902").
static FORUM_POST_ID: LazyLock<Regex> = LazyLock::new(|| re(r"^p\d+$"));

/// Parts only a forum post has: its profile column and its post body.
static FORUM_POST_PART: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:post-?profile|post-?body|postbit|poster-?info)$"));

/// Elements that are never part of a comment's text: a forum profile column and a signature.
static PROFILE_OR_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?:^|\s)(?:post-?profile|user-?profile|profile|poster-?info|author-?info|userinfo|signature|signatur|sig|signaturecontainer)(?:$|\s)")
});

/// A quote of an earlier post inside a comment: a `blockquote` that names its
/// author ("Name hat geschrieben:", "Zitat von Name", `<cite>Name</cite>`) or
/// calls itself a quote. Returns the quoted author, if named.
fn quote_of<'a>(e: &ElementRef<'a>) -> Option<Option<String>> {
    if e.value().name() != "blockquote" {
        return None;
    }
    static QUOTE_CLASS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)quote|zitat"));
    let cite = e.elements_below().find(|d| d.value().name() == "cite").map(|c| text_of(&c));
    let first = first_blocks(*e, &|_| false, 1).into_iter().next().map(|b| b.text);
    let name = cite
        .as_deref()
        .and_then(|c| cues::quote_attribution(c).or_else(|| cues::is_name_like(c).then(|| c.to_string())))
        .or_else(|| first.as_deref().and_then(cues::quote_attribution));
    if name.is_some() || cite.is_some() || e.value().attr_str(at::CLASS).is_some_and(|c| QUOTE_CLASS.is_match(c)) {
        Some(name)
    } else {
        None
    }
}

/// Inside a sidebar, teaser box or navigation. Classes on `body` and `html`
/// describe the page layout ("one-sidebar", "has-sidebar-first"), not a box.
fn in_sidebar(el: &ElementRef) -> bool {
    ancestors_any(el, &|a| {
        matches!(a.value().name(), "aside" | "nav")
            || !matches!(a.value().name(), "body" | "html") && a.value().attr_str(at::CLASS).is_some_and(|c| {
                // As `c.to_lowercase().contains(..)` (see `in_teaser_box`).
                contains_any_ascii_ci(c, &["teaser", "sidebar", "widget", "recent"])
            })
    })
}

/// Descendants of `item` that are not inside a nested comment item (one of
/// `items`), in document order.
fn own_descendants<'a>(item: &ElementRef<'a>, items: &FxHashSet<ego_tree::NodeId>) -> Own<'a> {
    let (mut els, mut ends) = (Vec::new(), Vec::new());
    // The walk follows the child, sibling and parent links; `open` holds the
    // places (in `els`) of the elements entered and not yet left.
    let mut open: Vec<usize> = Vec::new();
    let Some(mut node) = item.first_child() else { return Own { els, ends } };
    loop {
        if let Some(e) = ElementRef::wrap(node) {
            if tag_kind(e.value()) & tag::DEAD == 0 && !items.contains(&e.id()) {
                els.push(e);
                ends.push(els.len());
                if let Some(c) = node.first_child() {
                    open.push(els.len() - 1);
                    node = c;
                    continue;
                }
            }
        }
        loop {
            if let Some(s) = node.next_sibling() {
                node = s;
                break;
            }
            match node.parent() {
                Some(p) if p.id() != item.id() => {
                    if let Some(i) = open.pop() {
                        ends[i] = els.len();
                    }
                    node = p;
                }
                _ => return Own { els, ends },
            }
        }
    }
}

/// An item's [`own_descendants`]: the elements in document order, and for
/// each the end of its subtree among them (the place after its last own
/// descendant), so that `els[i]` holds `els[j]` when `i < j < ends[i]`.
struct Own<'a> {
    els: Vec<ElementRef<'a>>,
    ends: Vec<usize>,
}

// Class words are matched at "-", "_" and "__" boundaries too (BEM: "c-comment__name", "rk-comment__time").
static AUTHOR_CLASS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)author|autor|verfasser|user-?name|(?:^|[\s_-])nick|(?:^|[\s_-])(?:name|user)(?:$|[\s_-])|nutzer"));
static DATE_CLASS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)date|datum|(?:^|[\s_-])time(?:$|[\s_-])|zeit|timestamp|posted"));
static TITLE_CLASS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)title|titel|headline|betreff|subject|ueberschrift|überschrift"));
static TEXT_CLASS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:^|[-_])(?:content|text|message|inhalt|nachricht|body|entry)$"));

/// Whether [`TEXT_CLASS`] may match the class token `t` or its lowercase:
/// it ends in "t", "e" or "y" (any ASCII case). No other char matches those
/// letters case-insensitively or lower-cases to one (test
/// `text_class_needs_its_last_letter`), so other tokens are not searched.
fn may_be_text_class(t: &str) -> bool {
    t.as_bytes().last().is_some_and(|&b| matches!(b | 0x20, b't' | b'e' | b'y'))
}

/// A class token of the text of a name or a date ("x_name_text",
/// "x-date-text"): a text class, but not the comment's text.
fn names_or_dates(t: &str) -> bool {
    AUTHOR_CLASS.is_match(t) || DATE_CLASS.is_match(t)
}

/// A class token of text only screen readers read ("screen-reader-text",
/// WordPress's label inside its "Kommentar bearbeiten" link; "sr-text",
/// "assistive-text"): its "-text" names no comment text.
fn is_screen_reader_class(t: &str) -> bool {
    let t = t.to_ascii_lowercase();
    t.contains("screen-reader") || t.contains("screenreader") || t.starts_with("sr-") || t.contains("assistive") || t.contains("visually-hidden")
}
static UI_CLASS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)action|reply|antworten|like|vote|melden|report|share|fuss|tools|button|btn|rating|bewert|empfehl|score|karma"));

/// What `item_parts` asks of an element again and again, read once per
/// element: its `class` and `itemprop` attributes and its class tests.
#[derive(Clone, Copy)]
struct ElMarks<'a> {
    class: Option<&'a str>,
    itemprop: Option<&'a str>,
    author: bool,
    date: bool,
    title: bool,
    /// [`is_ui_el`].
    ui: bool,
}

impl ElMarks<'_> {
    /// [`attr_has_token`] for `itemprop`.
    fn prop(&self, token: &str) -> bool {
        has_token(self.itemprop, token)
    }
}

fn el_marks<'a>(e: &ElementRef<'a>) -> ElMarks<'a> {
    let v = e.value();
    let (class, itemprop) = (v.attr_str(at::CLASS), v.attr_str(at::ITEMPROP));
    let ui_tag = is_ui_tag(v.name());
    let c = class_and_id(class, v.attr_str(at::ID));
    // None of the class regexes matches an empty class (test `class_regexes_need_a_class`).
    if c.is_empty() {
        return ElMarks { class, itemprop, author: false, date: false, title: false, ui: ui_tag };
    }
    // The four class regexes in one pass.
    static CLASS_SET: LazyLock<regex::RegexSet> = LazyLock::new(|| {
        regex::RegexSet::new([AUTHOR_CLASS.as_str(), DATE_CLASS.as_str(), TITLE_CLASS.as_str(), UI_CLASS.as_str()]).expect("the class regexes compile")
    });
    // The common answer, no match, without the overlapping search.
    if !CLASS_SET.is_match(&c) {
        return ElMarks { class, itemprop, author: false, date: false, title: false, ui: ui_tag };
    }
    let m = CLASS_SET.matches(&c);
    ElMarks {
        class,
        itemprop,
        author: m.matched(0),
        date: m.matched(1),
        title: m.matched(2),
        ui: ui_tag || m.matched(3),
    }
}

fn clean_author(s: &str) -> String {
    static SAYS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\s*(?:sagt|says|schreibt|schrieb|meint|kommentierte)\s*:?\s*$"));
    let s = SAYS.replace(s, "");
    let s = s.trim().trim_end_matches([':', '|', '·', ',']).trim();
    let s = s.strip_prefix("Von ").or_else(|| s.strip_prefix("von ")).unwrap_or(s);
    cues::collapse_ws(cues::strip_place(cues::strip_author_extras(without_handle(s))))
}

/// A full name with the member's handle after it ("Tilo Brandt @tbrandt",
/// "Tilo Brandt @ tbrandt"): the name. A handle alone stays.
fn without_handle(s: &str) -> &str {
    let Some(p) = s.rfind('@') else { return s };
    let (name, handle) = (s[..p].trim_end(), s[p + 1..].trim());
    if name.is_empty() || handle.is_empty() || handle.contains(char::is_whitespace) || !cues::is_name_like(name) {
        return s;
    }
    name
}

/// An element that screen readers skip (`aria-hidden="true"`): an avatar's
/// initials, an icon, a separator bullet. Its text is no name and no comment text.
fn is_hidden(e: &scraper::node::Element) -> bool {
    e.attr_str(at::ARIA_HIDDEN).is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

/// A badge beside a name ("Offizielles Konto", "Redaktion", "Top-Kommentator").
static BADGE_CLASS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)badge|flair|(?:^|[\s_-])(?:label|role|rank|tag|verified|verifiziert|pill|chip)(?:$|[\s_-])"));

fn is_badge(e: &ElementRef) -> bool {
    e.value().attr_str(at::CLASS).is_some_and(|c| BADGE_CLASS.is_match(c))
}

/// A span of its own that holds the commenter's place ("<span>aus
/// Beeskow</span>" after the name, session 21): no part of the name.
fn place_span(e: &ElementRef) -> bool {
    e.text().next().is_some_and(|t| t.trim_start().starts_with("aus ")) && cues::place_phrase(&text_of(e))
}

/// Element text without the badges inside it (iterative).
fn text_without_badges(el: &ElementRef) -> String {
    let mut out = String::new();
    let mut stack: Vec<_> = el.children().rev().collect();
    while let Some(n) = stack.pop() {
        match n.value() {
            Node::Text(t) => {
                out.reserve(t.len() + 1);
                out.push_str(t);
                out.push(' ');
            }
            Node::Element(e) if !is_dead_tag(e.name()) => {
                if is_hidden(e) || ElementRef::wrap(n).is_some_and(|x| is_badge(&x) || place_span(&x)) {
                    continue;
                }
                stack.extend(n.children().rev());
            }
            _ => {}
        }
    }
    cues::collapse_ws(&out)
}

/// An element that marks a name: bold, a citation, an author class, or a
/// link to a member profile.
fn name_element(e: &ElementRef) -> bool {
    static PROFILE_LINK: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)member|profil|/user|/nutzer|/benutzer|/autor|/people/|/u/"));
    matches!(e.value().name(), "strong" | "b" | "cite")
        || AUTHOR_CLASS.is_match(&class_str(e))
        || e.value().name() == "a" && e.value().attr_str(at::HREF).is_some_and(|h| PROFILE_LINK.is_match(h))
}

/// An avatar's initials ("ML", "O"): one to three capital letters and
/// nothing else. A user-class avatar before the name shows them; the name
/// element after it is the author.
fn initials(e: &ElementRef) -> bool {
    let mut n = 0;
    for c in e.text().flat_map(str::chars).filter(|c| !c.is_whitespace()) {
        n += 1;
        if n > 3 || !c.is_uppercase() {
            return false;
        }
    }
    n > 0
}

/// A short label that is not a sentence: at most five words, no sentence punctuation.
fn is_short_label(s: &str) -> bool {
    let n = s.chars().count();
    n <= 50 && cues::word_count(s) <= 5 && !s.contains(['?', '!', ';', ':']) && !s.ends_with(['.', ','])
        || n <= 50 && cues::word_count(s) <= 5 && s.ends_with('.') && s.split_whitespace().last().is_some_and(|w| w.chars().count() <= 3)
}

/// An element with only text inside, and not much of it.
fn is_short_leaf(e: &ElementRef) -> bool {
    let mut n = 0;
    for c in e.children() {
        match c.value().as_text() {
            Some(t) => n += t.len(),
            None => return false,
        }
    }
    n > 0 && n <= 80
}

fn date_from(s: &str) -> Option<String> {
    match cues::find_date(s) {
        Some((a, b)) => s.get(a..b).map(|d| d.trim().to_string()),
        None => {
            let t = s.trim();
            (!t.is_empty() && t.chars().count() <= 40 && (t.chars().any(|c| c.is_ascii_digit()) || short_date(t))).then(|| t.to_string())
        }
    }
}

/// A date element's short text: a day and month without a year ("19. Nov.",
/// "3. Dezember"), a lone relative day ("gestern", "heute") or a short
/// relative time ("3 Std."). The exact date is then often only in a `title`
/// attribute; the gold keeps what the page shows.
fn short_date(t: &str) -> bool {
    static SHORT: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)^(?:\d{1,2}\.\s?(?:Jan|Feb|Mär|Mrz|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)[a-zä]{0,7}\.?(?:,?\s+(?:um\s+)?\d{1,2}:\d{2}(?:\s*Uhr)?)?|gestern|heute|vorgestern|gerade\s+eben|soeben)$")
    });
    t.len() <= 32 && (SHORT.is_match(t) || cues::footer_date(t).is_some())
}

/// A link to a member's profile: `rel=author`, or an `href` whose path
/// names a user ("/u/NAME", "/user/…", "/profil/…", "/benutzer/…").
fn profile_link(e: &ElementRef) -> bool {
    if e.value().name() != "a" || !has_words(e) {
        return false;
    }
    if attr_has_token(e, at::REL, "author") {
        return true;
    }
    let Some(h) = e.value().attr_str(at::HREF) else { return false };
    let path = h.split_once("://").map_or(h, |(_, r)| r.find('/').map_or("", |p| &r[p..]));
    // The user segment leads the path, or follows a prefix of one or two
    // short segments ("/-/users/NAME", "/de/profil/NAME").
    ["/u/", "/user/", "/users/", "/profil/", "/profile/", "/benutzer/", "/member/", "/members/", "/mitglied/", "/people/"]
        .iter()
        .any(|p| path.find(p).is_some_and(|i| i <= 8 && path[..i].split('/').filter(|x| !x.is_empty()).count() <= 2))
}

/// An element's short date text, if it is one.
fn short_date_of(e: &ElementRef) -> Option<String> {
    if !is_short_leaf(e) {
        return None;
    }
    let t = text_of(e);
    short_date(&t).then_some(t)
}

/// A placeholder left where a comment was removed ("Dieser Kommentar wurde
/// gelöscht.", "Beitrag von der Moderation entfernt"): not a comment.
fn is_removed_placeholder(t: &str) -> bool {
    static REMOVED: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)^(?:(?:dieser|diese|der|die|ein|eine|this)\s+)?(?:kommentar|beitrag|post|eintrag|antwort|comment)\s+(?:(?:\#\s?|nr\.?\s*)?\d+\s+)?(?:wurde|ist|has\s+been|was)?\s*(?:[^.!]{0,50}\s)?(?:gelöscht|entfernt|gesperrt|ausgeblendet|zurückgezogen|deleted|removed)\s*[.!]?$|^\[?(?:gelöscht|entfernt|deleted|removed)\]?$|^(?:von\s+(?:der\s+|einem\s+)?(?:moderator(?:in)?|moderation|admin(?:istrator)?)\s+(?:entfernt|gelöscht)|removed\s+by\s+(?:a\s+)?(?:moderator|mod|admin))\.?$")
    });
    if t.len() > 140 {
        return false;
    }
    let t = t.trim();
    // The placeholder may give the moderation's reason after it ("… ist
    // gesperrt. Grund: Verstoß gegen Regel 3."): the first sentence decides.
    let t = match memchr::memmem::find(t.as_bytes(), b". ") {
        Some(p) if ["Grund", "Begründung", "Reason"].iter().any(|w| t[p + 2..].starts_with(w)) => &t[..=p],
        _ => t,
    };
    REMOVED.is_match(t)
}

/// The arrows that begin a reply tab.
const REPLY_TAB_ARROWS: [char; 6] = ['↩', '↪', '↳', '⤷', '⤶', '⮡'];

/// A reply tab beside the author: a reply arrow and the parent's name
/// ("↩ heike_m"). With `by_class` (the element's class names a reply target:
/// `in-reply-to`, `reply-to-tab`, `antwort-auf`) the arrow may be missing
/// (an icon or avatar in its place).
fn reply_tab_with(t: &str, by_class: bool) -> Option<ReplyRef> {
    let t = t.trim();
    let rest = match t.strip_prefix(REPLY_TAB_ARROWS) {
        Some(r) => r.trim(),
        None if by_class => t,
        None => return None,
    };
    let rest = rest.strip_prefix('@').unwrap_or(rest);
    (!rest.is_empty() && rest.chars().count() <= 40 && cues::word_count(rest) <= 3 && !rest.contains(['.', '!', '?']) || cues::is_short_name(rest, 4))
        .then(|| ReplyRef::Name(rest.to_string()))
}

#[derive(Clone)]
struct ItemParts {
    author: Option<String>,
    date: Option<String>,
    title: Option<String>,
    text: String,
    reply: Option<ReplyRef>,
}

/// The parts of a comment item; `own` are its [`own_descendants`], `ends`
/// their subtrees' ends ([`Own`]).
fn item_parts<'a>(item: &ElementRef<'a>, own: &[ElementRef<'a>], ends: &[usize], items: &FxHashSet<ego_tree::NodeId>, ids: &AnchorIds<'a>) -> ItemParts {
    let marks: Vec<ElMarks> = own.iter().map(el_marks).collect();
    let pos: FxHashMap<ego_tree::NodeId, usize> = own.iter().enumerate().map(|(i, e)| (e.id(), i)).collect();
    // `container` holds `e` (both own elements: by their places, else by `e`'s ancestors).
    let is_in = |e: &ElementRef, container: &ElementRef| match (pos.get(&e.id()), pos.get(&container.id())) {
        (Some(&i), Some(&c)) => c < i && i < ends[c],
        _ => ancestors_any(e, &|a| a.id() == container.id()),
    };
    let mark = |e: &ElementRef<'a>| pos.get(&e.id()).map_or_else(|| el_marks(e), |&i| marks[i]);
    let own_marked = || own.iter().zip(&marks);

    // Author.
    let author_el = own_marked()
        .find(|(_, m)| m.prop("author") || m.prop("creator"))
        .map(|(a, _)| own_marked().find(|(e, m)| m.prop("name") && is_in(e, a)).map_or(*a, |(e, _)| *e))
        .or_else(|| own_marked().find(|(_, m)| has_token(m.class, "fn")).map(|(e, _)| *e))
        .or_else(|| {
            own_marked()
                .find(|(e, m)| {
                    m.author && !m.date && has_words(e) && !m.ui && !initials(e) && !own_marked().any(|(x, xm)| xm.author && is_in(x, e))
                })
                .map(|(e, _)| *e)
        })
        .or_else(|| own_marked().find(|(e, m)| m.author && has_words(e)).map(|(e, _)| *e))
        // A link to the member's profile ("/u/NAME", "/user/…", rel=author)
        // that reads as a name.
        .or_else(|| own_marked().find(|(e, m)| profile_link(e) && cues::word_count(without_handle(&text_without_badges(e))) <= 4 && !m.ui).map(|(e, _)| *e));
    // An author element that also holds the date ("von <strong>Name</strong> » 13. Mai 2024, 07:14"):
    // the name is its inner name element, or what the author-line cue reads.
    let author_text = author_el.map(|e| text_without_badges(&e));
    let date_in_author = author_text.as_deref().and_then(|t| cues::find_date(t).and_then(|(a, b)| t.get(a..b)).map(str::to_string));
    let author = match (author_el, &date_in_author) {
        (Some(a), Some(_)) => {
            // The name's own element: bold, a citation, an author class or a
            // link to a member profile vouches for a name that the prose
            // check would refuse ("Rentner vom Mühlberg"); other elements
            // must look like a name.
            let inner: Vec<(bool, String)> = a
                .elements_below()
                .skip(1)
                .filter(|e| matches!(e.value().name(), "a" | "strong" | "b" | "span" | "cite"))
                .filter(|e| !is_badge(e))
                .map(|e| (name_element(&e), clean_author(&text_without_badges(&e))))
                .filter(|(_, t)| !t.is_empty() && cues::find_date(t).is_none() && !cues::is_ui_line(t))
                .collect();
            inner
                .iter()
                .find(|(marked, t)| *marked && (cues::is_name_like(t) || is_short_label(t)))
                .or_else(|| inner.iter().find(|(_, t)| cues::is_name_like(t)))
                .map(|(_, t)| t.clone())
        }
        .or_else(|| author_text.as_deref().and_then(cues::author_line).and_then(|al| al.author))
            .or_else(|| author_text.as_deref().map(clean_author)),
        (Some(_), None) => author_text.as_deref().map(clean_author),
        (None, _) => None,
    }
    .filter(|s| !s.is_empty());

    // Date.
    let date_el = own_marked()
        .find(|(_, m)| ["dateCreated", "datePublished", "commentTime", "dateModified"].iter().any(|p| m.prop(p)))
        .map(|(e, _)| e)
        .or_else(|| own.iter().find(|e| e.value().name() == "time"))
        .or_else(|| own_marked().find(|(e, m)| m.date && cues::find_date(&text_of(e)).is_some()).map(|(e, _)| e))
        // A date class around a short date ("19. Nov.", "gestern").
        .or_else(|| own_marked().find(|(e, m)| m.date && short_date_of(e).is_some()).map(|(e, _)| e))
        // An element that holds nothing but a date ("vor 2 Stunden", "gestern, 21:14").
        .or_else(|| own_marked().find(|(e, m)| is_short_leaf(e) && !m.ui && cues::date_only(&text_of(e)).is_some()).map(|(e, _)| e))
        // ... or a day and month with the time ("21. Nov., 07:30").
        .or_else(|| own_marked().find(|(e, m)| is_short_leaf(e) && !m.ui && short_date_of(e).is_some_and(|t| t.contains(':'))).map(|(e, _)| e))
        // ... or only a social network's short age ("2 Tg.", "20 Std.").
        .or_else(|| own_marked().find(|(e, m)| is_short_leaf(e) && !m.ui && cues::short_date_line(&text_of(e)).is_some()).map(|(e, _)| e))
        // A short age whose exact date is in its `title` ("2 T." with title
        // "Sa., 21. Nov. 2026, 10:31"): the visible text is the date. The
        // title is looked at first (few elements have one); a text-only
        // element's text holds a digit where one of its text nodes does.
        .or_else(|| {
            own.iter().find(|e| {
                e.value().attr_str(at::TITLE).is_some_and(|title| {
                    is_short_leaf(e) && e.text().any(|t| t.bytes().any(|b| b.is_ascii_digit())) && cues::find_date(title).is_some()
                })
            })
        })
        .copied();
    let date = date_el.and_then(|e| date_from(&text_of(&e))).or(date_in_author);
    // A name beside the date in the same header element ("<b>Name</b> <span>vor 7 Stunden</span>").
    let mut header_el = None;
    let author = author.or_else(|| {
        let h = date_el?.parent().and_then(ElementRef::wrap)?;
        if h.id() == item.id() || !pos.contains_key(&h.id()) {
            return None;
        }
        let head = text_of(&h);
        let read = header_line(&head).and_then(|l| l.author).map(|a| clean_author(&a));
        // The head's own name element opening it ("<strong>NAME</strong>
        // <span>Redaktion</span> <span>aus ORT</span> schrieb …"): what the
        // head reads after it (a role, a place in spans of their own) is no
        // part of the name.
        let marked = h.children().filter_map(ElementRef::wrap).find(name_element).map(|e| clean_author(&text_of(&e)));
        let a = match (marked, read) {
            (Some(m), a)
                if !m.is_empty()
                    && head.trim_start().starts_with(&m)
                    && a.as_ref().is_none_or(|a| a.starts_with(&m) || !a.contains(&m))
                    && cues::word_count(&head) <= 20
                    && cues::word_count(&m) <= 5
                    && cues::is_name_like(&m) =>
            {
                m
            }
            (_, a) => a?,
        };
        header_el = Some(h);
        (!a.is_empty()).then_some(a)
    });
    // The name an accessibility label gives ("Kommentar von NAME vor 2
    // Tagen", "Antwort von NAME auf den Kommentar von …").
    let mut label_name_el = None;
    let author = author.or_else(|| {
        let a = item.value().attr_str(at::ARIA_LABEL).and_then(label_author)?;
        // The element that shows the name is no text.
        label_name_el = own
            .iter()
            .find(|e| matches!(e.value().name(), "a" | "span" | "strong" | "b" | "cite") && text_of(e).trim() == a)
            .copied();
        Some(a)
    });
    // A name in the element right before the date ("<h5>Name</h5>
    // <small>Freitag, 20. November 2026</small>", Bootstrap's media objects):
    // an own element whose text, without badges, is a short name.
    let mut name_el = None;
    let author = author.or_else(|| {
        let e = date_el?.prev_siblings().find_map(ElementRef::wrap)?;
        if !pos.contains_key(&e.id()) || mark(&e).ui {
            return None;
        }
        let a = clean_author(&text_without_badges(&e));
        let name = !a.is_empty() && cues::word_count(&a) <= 5 && cues::is_name_like(&a) && cues::find_date(&a).is_none() && !cues::is_ui_line(&a);
        name.then(|| {
            name_el = Some(e);
            a
        })
    });

    // Title.
    let title_el = own
        .iter()
        .zip(&marks)
        .find(|(e, m)| {
            (m.prop("headline") || m.prop("name") && author_el.is_none_or(|a| !is_in(e, &a) && a.id() != e.id()))
                && author_el.is_none_or(|a| !is_in(e, &a))
        })
        .map(|(e, _)| e)
        .or_else(|| own_marked().find(|(e, m)| m.title || matches!(e.value().name(), "h2" | "h3" | "h4" | "h5" | "h6")).map(|(e, _)| e))
        .copied()
        .filter(|e| author_el.is_none_or(|a| a.id() != e.id() && !is_in(e, &a)) && name_el.is_none_or(|n| n.id() != e.id()));
    let title = title_el.map(|e| text_of(&e)).filter(|s| !s.is_empty() && !cues::is_ui_line(s));

    // Text.
    let text_el = own_marked()
        .find(|(_, m)| m.prop("text") || m.prop("commentText"))
        // (A name's or date's "…_text" is not the comment's.)
        .or_else(|| {
            own_marked().find(|(_, m)| {
                m.class.is_some_and(|c| c.split_whitespace().any(|t| {
                    if !may_be_text_class(t) {
                        return false;
                    }
                    let t = t.to_lowercase();
                    TEXT_CLASS.is_match(&t) && !t.ends_with("body") && !t.ends_with("entry") && !is_screen_reader_class(&t) && !names_or_dates(&t)
                }))
            })
        })
        .or_else(|| {
            own_marked().find(|(e, m)| {
                m.class.is_some_and(|c| c.split_whitespace().any(|t| may_be_text_class(t) && TEXT_CLASS.is_match(t) && !is_screen_reader_class(t) && !names_or_dates(t)))
                    && author_el.is_none_or(|a| !is_in(&a, e))
            })
        })
        .map(|(e, _)| *e);
    // Quotes of earlier posts: not text; a named one says whom this comment answers.
    let quotes: Vec<(ElementRef<'a>, Option<String>)> = own.iter().filter_map(|e| quote_of(e).map(|n| (*e, n))).collect();
    // A badge beside the name ("Autor", "Top-Fan"): the element right before
    // the name (or before its wrapper), or an inline one right after it.
    let badges: Vec<ego_tree::NodeId> = author_el
        .or(name_el)
        .or(label_name_el)
        .map(|n| {
            let wrap = n.parent().and_then(ElementRef::wrap).filter(|p| p.id() != item.id() && p.children().filter_map(ElementRef::wrap).count() == 1);
            let before = [Some(n), wrap].into_iter().flatten().filter_map(|x| x.prev_siblings().find_map(ElementRef::wrap));
            let after = n.next_siblings().find_map(ElementRef::wrap).filter(|e| matches!(e.value().name(), "span" | "small" | "em" | "i" | "b" | "strong"));
            before.chain(after).filter(|e| name_badge(&text_of(e))).map(|e| e.id()).collect()
        })
        .unwrap_or_default();
    let skip_parts = |e: &ElementRef<'a>| -> bool {
        if items.contains(&e.id()) {
            return true;
        }
        let m = mark(e);
        m.ui
            || is_hidden(e.value())
            || item_link(e, items, ids)
            || quotes.iter().any(|(q, _)| q.id() == e.id())
            || m.class.is_some_and(|c| PROFILE_OR_SIGNATURE.is_match(c))
            || author_el.is_some_and(|a| a.id() == e.id())
            || date_el.is_some_and(|d| d.id() == e.id())
            || header_el.is_some_and(|h| h.id() == e.id())
            || name_el.is_some_and(|n| n.id() == e.id())
            || label_name_el.is_some_and(|n| n.id() == e.id())
            || badges.contains(&e.id())
            || title_el.is_some_and(|t| t.id() == e.id())
            || text_el.is_none() && (m.date || m.author)
            // A moderation note in brackets ("[Beitrag von der Moderation gekürzt …]").
            || e.text().next().is_some_and(|t| t.trim_start().starts_with('[')) && cues::is_moderation_note(&text_of(e))
            // A reaction count ("👍❤️ 22"): symbols and a number, no word.
            || e.text().next().is_some_and(|t| t.trim_start().as_bytes().first().is_some_and(|&b| b >= 0xe2)) && is_short_leaf(e) && cues::is_reaction_bar(&text_of(e))
    };
    let root = text_el.unwrap_or(*item);
    let mut paras: Vec<String> = Vec::new();
    let mut reply = None;
    let (mut author, mut date) = (author, date);
    // A header line the markup does not label ("Beitrag von <b>Name</b> (12.08.2024 18:22)",
    // "Name antwortete Other am ...:"): outside the text element, or leading the item's text.
    let mut header_seen = false;
    let mut take_header = |t: &str, author: &mut Option<String>, date: &mut Option<String>, reply: &mut Option<ReplyRef>| -> bool {
        if header_seen {
            return false;
        }
        let Some(h) = header_line(t) else { return false };
        header_seen = true;
        if author.is_none() {
            *author = h.author.as_deref().map(clean_author).filter(|a| !a.is_empty());
        }
        if date.is_none() {
            *date = h.date;
        }
        if reply.is_none() {
            *reply = h.reply;
        }
        true
    };
    if let Some(t) = text_el {
        if author.is_none() || date.is_none() {
            let outside = |e: &ElementRef<'a>| skip_parts(e) || e.id() == t.id();
            for b in first_blocks(*item, &outside, 3).iter() {
                if take_header(&b.text, &mut author, &mut date, &mut reply) {
                    break;
                }
            }
        }
    }
    for b in blocks(root, &skip_parts) {
        if cues::is_ui_line(&b.text) || cues::is_strong_furniture(&b.text) || cues::is_profile_line(&b.text) {
            continue;
        }
        if let Some(r) = cues::reply_marker(&b.text) {
            reply = Some(r);
            continue;
        }
        if text_el.is_none() && paras.is_empty() && take_header(&b.text, &mut author, &mut date, &mut reply) {
            continue;
        }
        paras.push(b.text);
    }
    if reply.is_none() {
        reply = quotes.iter().find_map(|(_, n)| n.clone()).map(ReplyRef::Name);
    }
    // A reply marker outside the text element ("Antwort auf Name" above the header).
    if reply.is_none() {
        for e in own {
            if text_el.is_some_and(|t| t.id() == e.id() || is_in(e, &t)) {
                continue;
            }
            static REPLY_TO_CLASS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)reply-?to|in-?reply|antwort-?auf|antwort-?an(?:$|[\s_-])"));
            let by_class = || e.value().attr_str(at::CLASS).is_some_and(|c| REPLY_TO_CLASS.is_match(c));
            // The element's text and its own text lines are built only when
            // their first char can begin a reply marker or a reply tab.
            let first_char = |t: &str| t.trim_start().chars().next();
            let full = e
                .text()
                .find_map(first_char)
                .filter(|&c| cues::may_start_reply_marker(c) || REPLY_TAB_ARROWS.contains(&c) || by_class())
                .map(|_| text_of(e));
            let own_texts = || e.children().filter_map(|c| c.value().as_text().map(|t| &**t));
            let own_marker = || {
                own_texts().find_map(first_char).filter(|&c| cues::may_start_reply_marker(c))?;
                cues::reply_marker(&own_texts().collect::<Vec<_>>().join(" "))
            };
            if let Some(r) = full
                .as_deref()
                .and_then(cues::reply_marker)
                .or_else(own_marker)
                .or_else(|| full.as_deref().and_then(|f| reply_tab_with(f, by_class())))
            {
                reply = Some(r);
                break;
            }
        }
    }
    // A heading that only holds the author's name is the name, not a title.
    let title = title.filter(|t| author.as_deref().is_none_or(|a| cues::collapse_ws(a) != *t));
    ItemParts { author, date, title, text: paras.join("\n"), reply }
}

/// A comment header line: author and/or date ("Kommentar von Name (04.03.2024 17:12)",
/// "Name · 22.01.24, 06:48 Uhr"), or a reply header naming the parent
/// ("Name antwortete Other am ...:"). Forum profile lines are not headers.
fn header_line(t: &str) -> Option<cues::AuthorLine> {
    if cues::is_profile_line(t) || cues::word_count(t) > 20 {
        return None;
    }
    // An answer by a named editor: "Antwort der Redaktion (Name) · 17.11.2026 14:05".
    static ROLE_NAME: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)^(?:Antwort|Kommentar|Stellungnahme|Anmerkung|Ergänzung)\s+(?:der|des|von\s+der)\s+(?:Redaktion|Redakteurs?|Redakteurin|Autorin|Autors?|Expertin|Experten)\s*\(([^()]{2,40})\)(.*)$")
    });
    if t.contains('(') {
        if let Some(c) = ROLE_NAME.captures(t.trim()) {
            let line = format!("{} {}", c.get(1).map_or("", |m| m.as_str()).trim(), c.get(2).map_or("", |m| m.as_str()));
            return cues::reply_header(&line).or_else(|| cues::author_line(&line)).filter(|h| h.author.is_some() || h.date.is_some());
        }
    }
    cues::reply_header(t).or_else(|| cues::author_line(t)).filter(|h| h.author.is_some() || h.date.is_some())
}

fn is_ui_el(e: &ElementRef) -> bool {
    is_ui_tag(e.value().name()) || UI_CLASS.is_match(&class_str(e))
}

/// The tags of controls and navigation ([`is_ui_el`] whatever the class says).
fn is_ui_tag(name: &str) -> bool {
    matches!(name, "button" | "form" | "input" | "select" | "nav")
}

fn comments_from_markup(doc: &Html) -> Vec<Comment> {
    comments_and_first_item(doc, &Memo::for_doc(doc)).0
}

/// The comments found by their markup, and the first comment item.
fn comments_and_first_item<'a>(doc: &'a Html, memo: &Memo) -> (Vec<Comment>, Option<ElementRef<'a>>) {
    let next = next_article(doc, memo);
    let items: Vec<ElementRef> = doc
        .root_element()
        .elements_below()
        .take_while(|e| next.is_none_or(|n| n.id() != e.id()))
        .filter(|e| is_comment_item(e, memo) && !in_sidebar(e))
        .collect();
    (comments_from_items(&items), items.first().copied())
}

/// The start of a second article on the same page (infinite scroll: "Nächster
/// Artikel" with its own headline, text and comments): an `<article>` after the
/// one holding the page's `h1`, of the same class, with a headline and a
/// paragraph of its own. What follows it belongs to that other article.
/// Found once per document (`memo`).
fn next_article<'a>(doc: &'a Html, memo: &Memo) -> Option<ElementRef<'a>> {
    let id = *memo.next_article.get_or_init(|| find_next_article(doc, memo).map(|a| a.id()));
    id.and_then(|id| doc.tree.get(id)).and_then(ElementRef::wrap)
}

/// [`next_article`], searched.
fn find_next_article<'a>(doc: &'a Html, memo: &Memo) -> Option<ElementRef<'a>> {
    // Fewer than two `article` elements in the tree's arena (which holds the
    // document's nodes and perhaps detached ones): fewer in the document.
    let article = |v: &Node| v.as_element().is_some_and(|e| e.name.local == html5ever::local_name!("article"));
    if doc.tree.values().filter(|v| article(v)).nth(1).is_none() {
        return None;
    }
    let articles: Vec<ElementRef> = doc.root_element().elements_below().filter(|e| e.value().name() == "article").collect();
    if articles.len() < 2 {
        return None;
    }
    let h1 = doc.root_element().elements_below().find(|e| e.value().name() == "h1")?;
    let main = articles.iter().rev().find(|a| ancestors_any(&h1, &|x| x.id() == a.id()))?;
    let class = main.value().attr_str(at::CLASS);
    let mut after = false;
    for a in &articles {
        if a.id() == main.id() {
            after = true;
            continue;
        }
        if !after || a.value().attr_str(at::CLASS) != class || ancestors_any(a, &|x| x.id() == main.id()) || is_comment_item(a, memo) || in_sidebar(a) {
            continue;
        }
        let heading = a.elements_below().any(|d| matches!(d.value().name(), "h1" | "h2"));
        let text = a.elements_below().any(|d| d.value().name() == "p" && cues::word_count(&text_of(&d)) >= 12);
        if heading && text {
            return Some(*a);
        }
    }
    None
}

/// Comment items that no class or microdata names: in a comment section (an
/// element whose class or id names comments, or that is headed by a
/// comment-section header such as "Leserkommentare" or "Kommentare (12)"),
/// sibling elements of one kind (same tag and first class) that each begin
/// with a comment header line ("Name · 22.01.24, 06:48 Uhr", "Name schrieb am
/// ...:", "Name antwortete Other am ...:") and have text after it.
fn items_by_header_lines<'a>(doc: &'a Html, memo: &Memo) -> (Vec<ElementRef<'a>>, Vec<ElementRef<'a>>) {
    // Candidate sections: elements with a comment class or id, the parent
    // and the next sibling of a comment-section heading ("Leserkommentare",
    // "Kommentare (12)", or any short heading with a count: "Fan-Talk (3)"),
    // and the parent of a count line ("4 Leserstimmen · Ihre Meinung schreiben").
    let mut candidates: Vec<ElementRef> = Vec::new();
    for e in doc.root_element().elements_below() {
        let v = e.value();
        if matches!(v.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "header") && {
            let t = text_of(&e);
            cues::comment_header(&t).is_some() || counted_heading(&t).is_some()
        } {
            candidates.extend(e.parent().and_then(ElementRef::wrap));
            candidates.extend(e.next_siblings().find_map(ElementRef::wrap));
        } else if v.attrs().any(|(n, val)| matches!(n, "class" | "id") && COMMENT_AREA.is_match(val)) {
            candidates.push(e);
        } else if is_count_line(&e) {
            candidates.extend(e.parent().and_then(ElementRef::wrap));
        }
    }
    let mut sections: Vec<ElementRef> = Vec::new();
    for e in candidates {
        let name = e.value().name();
        if matches!(name, "body" | "html" | "footer") || is_dead_tag(name) || is_furniture_tag(name) || in_sidebar(&e) {
            continue;
        }
        let inside = |x: &ElementRef, s: &ElementRef| x.id() == s.id() || ancestors_any(x, &|a| a.id() == s.id());
        if sections.iter().any(|s| inside(&e, s)) {
            continue;
        }
        sections.retain(|s| !inside(s, &e));
        sections.push(e);
    }
    let mut items: Vec<ElementRef> = Vec::new();
    for section in &sections {
        for parent in std::iter::once(*section).chain(section.elements_below().skip(1)) {
            let children: Vec<ElementRef> = parent.child_elements().filter(|c| tag_kind(c.value()) & tag::DEAD == 0).collect();
            if children.len() < 2 {
                continue;
            }
            fn kind<'a>(e: &ElementRef<'a>) -> (&'a str, &'a str) {
                let v = e.value();
                let class = v.attrs().find(|(n, _)| *n == "class").map(|(_, c)| c);
                (v.name(), class.and_then(|c| c.split_whitespace().next()).unwrap_or(""))
            }
            // Each child's kind, read once.
            let kinds: Vec<(&str, &str)> = children.iter().map(kind).collect();
            let mut done: Vec<(&str, &str)> = Vec::new();
            for &k in &kinds {
                if done.contains(&k) {
                    continue;
                }
                done.push(k);
                let group: Vec<&ElementRef> = children.iter().zip(&kinds).filter(|(_, x)| **x == k).map(|(c, _)| c).collect();
                if group.len() < 2 {
                    continue;
                }
                let headed: Vec<ElementRef> = group.iter().filter(|g| memo.answer(&memo.headed, g, || is_headed(g))).map(|g| **g).collect();
                if headed.len() >= 2 && headed.len() * 3 >= group.len() * 2 {
                    // In a group of comments, a header with any text after it is one
                    // too (an emoji-only or one-word comment).
                    let more = group.iter().filter(|g| !headed.iter().any(|h| h.id() == g.id()) && starts_with_header_min(g, 1)).map(|g| **g);
                    items.extend(headed.iter().copied().chain(more));
                }
            }
        }
    }
    // Replies nested inside an item: elements of the item's tag, after some
    // of the item's own text, that are headed items themselves.
    let mut work = items.clone();
    while let Some(item) = work.pop() {
        let mut stack: Vec<_> = item.children().rev().collect();
        while let Some(n) = stack.pop() {
            let Some(d) = ElementRef::wrap(n) else { continue };
            if tag_kind(d.value()) & (tag::DEAD | tag::FURNITURE) != 0 {
                continue;
            }
            if d.value().name.local == item.value().name.local && text_before(&d, &item) && !is_quote_box(&d) && memo.answer(&memo.headed, &d, || is_headed(&d)) {
                if !items.iter().any(|i| i.id() == d.id()) {
                    items.push(d);
                    work.push(d);
                }
                continue;
            }
            stack.extend(n.children().rev());
        }
    }
    // Items of a second article further down the page are that article's.
    if let Some(next) = next_article(doc, memo).filter(|_| !items.is_empty()) {
        let after: FxHashSet<_> =
            doc.root_element().elements_below().skip_while(|e| e.id() != next.id()).map(|e| e.id()).collect();
        items.retain(|i| !after.contains(&i.id()));
    }
    if items.len() > 1 {
        // Document order (nested groups were found after their parents' groups).
        let order: FxHashMap<_, usize> = doc.root_element().elements_below().enumerate().map(|(i, e)| (e.id(), i)).collect();
        items.sort_by_key(|e| order.get(&e.id()).copied().unwrap_or(0));
        items.dedup_by_key(|e| e.id());
    }
    (items, sections)
}

/// The count of the last heading before `first` that ends in one ("Fan-Talk (3)").
fn counted_heading_before(doc: &Html, first: &ElementRef) -> Option<usize> {
    let mut n = None;
    for e in doc.root_element().elements_below() {
        if e.id() == first.id() {
            break;
        }
        if matches!(e.value().name(), "h2" | "h3" | "h4" | "h5" | "h6") {
            // ... or the text path's count header ("31 Gedanken zu „TITEL“",
            // WordPress's default over its comment list).
            let t = text_of(&e);
            n = counted_heading(&t).or_else(|| match cues::comment_header(&t) {
                Some(cues::Header::Count(c)) if c > 0 => Some(c),
                _ => None,
            });
        }
    }
    n
}

/// Comments as a definition list: each `dt` a header line naming the author
/// ("Name, 18.11.2026, 10:41"), the `dd` after it the text. Returns the list
/// and its comments.
fn comments_from_dl(doc: &Html) -> Option<(ElementRef<'_>, Vec<Comment>)> {
    for dl in doc.root_element().elements_below().filter(|e| e.value().name() == "dl") {
        if in_sidebar(&dl) || dl.value().attr_str(at::CLASS).is_some_and(|c| PROFILE_OR_SIGNATURE.is_match(c)) {
            continue;
        }
        let mut comments: Vec<Comment> = Vec::new();
        let mut pending: Option<cues::AuthorLine> = None;
        let mut dts = 0;
        for c in dl.child_elements() {
            match c.value().name() {
                "dt" => {
                    dts += 1;
                    let t = text_of(&c);
                    pending = header_line(&t).filter(|h| h.author.is_some()).or_else(|| labelled_by_date(&t));
                }
                "dd" => {
                    let Some(h) = pending.take() else { continue };
                    let text: Vec<String> = blocks(c, &|x| is_ui_el(x))
                        .into_iter()
                        .map(|b| b.text)
                        .filter(|t| !cues::is_ui_line(t) && !cues::is_strong_furniture(t))
                        .collect();
                    let text = text.join("\n");
                    if text.is_empty() {
                        continue;
                    }
                    let idx = comments.len();
                    let mut reply_to = match &h.reply {
                        Some(ReplyRef::Name(name)) => find_author(&comments, name, idx),
                        Some(ReplyRef::Number(n)) => (*n as usize).checked_sub(1).filter(|&k| k < idx),
                        None => None,
                    };
                    if reply_to.is_none() {
                        reply_to = text.strip_prefix('@').and_then(|rest| mention(&comments, rest));
                    }
                    let author = h.author.as_deref().map(clean_author).filter(|a| !a.is_empty());
                    comments.push(Comment { author, date: h.date, title: None, text, reply_to });
                }
                _ => {}
            }
        }
        if comments.len() >= 2 && comments.len() * 3 >= dts * 2 {
            return Some((dl, comments));
        }
    }
    None
}

/// "Label, DATE" in an element that only holds a header (a `dt`): the
/// element vouches for a name the prose check refuses ("Bernd aus der Südstadt").
fn labelled_by_date(t: &str) -> Option<cues::AuthorLine> {
    let (a, b) = cues::find_last_date(t)?;
    if !t.get(b..)?.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '|' | ',' | '·')).is_empty() {
        return None;
    }
    let head = t.get(..a)?.trim().trim_end_matches([',', '·', '|', '–', '—', '-', ':']).trim();
    (!head.is_empty() && is_short_label(head)).then(|| cues::AuthorLine {
        author: Some(head.to_string()),
        date: t.get(a..b).map(|d| d.trim().to_string()),
        ..Default::default()
    })
}

/// A short heading that ends in a count: "Fan-Talk (3)", "Ihre Stimmen (12)"
/// (letters, spaces and dashes, then a number in brackets; no regex, whose
/// Unicode classes cost more to build than all the pages take to check).
fn counted_heading(t: &str) -> Option<usize> {
    let Some(inner) = t.strip_suffix(')') else { return keyword_heading_with_count(t) };
    let open = inner.rfind('(')?;
    let (head, num) = (inner.get(..open)?.trim_end(), inner.get(open + 1..)?);
    // The count may name what it counts and group its thousands ("(1.486
    // Beiträge)", session 21).
    let (num, word) = num.split_once(' ').map_or((num, None), |(n, w)| (n, Some(w)));
    if word.is_some_and(|w| !matches!(w, "Beiträge" | "Beitrag" | "Kommentare" | "Kommentar" | "Antworten" | "Stimmen")) {
        return None;
    }
    let grouped = num.len() > 4 && num.as_bytes()[num.len() - 4] == b'.' && !num.starts_with('.');
    let num: std::borrow::Cow<str> = if grouped { num.replace('.', "").into() } else { num.into() };
    if num.is_empty() || num.len() > 5 || !num.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = head.chars().count();
    let ok = (2..=41).contains(&n)
        && head.chars().next().is_some_and(char::is_alphabetic)
        && head.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '–');
    ok.then(|| num.parse().ok()).flatten()
}

/// A heading that opens with a comment-section word and ends in a bare
/// count (session 6): "Kommentare an Zeitmarken 6", "Beiträge 12" (a count
/// in its own `span`); a year is no count.
fn keyword_heading_with_count(t: &str) -> Option<usize> {
    let t = t.trim();
    let (head, num) = t.rsplit_once(' ')?;
    if num.is_empty() || num.len() > 4 || !num.bytes().all(|b| b.is_ascii_digit()) || head.len() > 60 {
        return None;
    }
    let n: usize = num.parse().ok()?;
    if (1900..=2100).contains(&n) {
        return None;
    }
    let first = head.split(' ').next()?;
    (first.len() >= 4 && cues::comment_header(first).is_some()).then_some(n)
}

/// A short line that announces a comment count, perhaps followed by a link
/// ("4 Leserstimmen · <a>Ihre Meinung schreiben</a>"): the count.
fn count_line(e: &ElementRef) -> Option<usize> {
    if !matches!(e.value().name(), "p" | "div" | "span" | "li") {
        return None;
    }
    let lead = e.children().next().and_then(|c| c.value().as_text())?.trim();
    if !lead.starts_with(|c: char| c.is_ascii_digit()) || lead.len() > 80 {
        return None;
    }
    let lead = lead.trim_end_matches(['·', '|', '–', '—', '-', ':', ' ']);
    match cues::comment_header(lead) {
        Some(Header::Count(n)) => Some(n),
        _ => None,
    }
}

fn is_count_line(e: &ElementRef) -> bool {
    count_line(e).is_some()
}

/// A box that quotes someone else: a class naming a quote.
fn is_quote_box(e: &ElementRef) -> bool {
    e.value().attr_str(at::CLASS).is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        c.contains("quote") || c.contains("zitat")
    })
}

/// Some text comes before `d` inside `item` (the item's own header or text).
fn text_before(d: &ElementRef, item: &ElementRef) -> bool {
    let mut cur = Some(**d);
    while let Some(n) = cur {
        if n.id() == item.id() {
            return false;
        }
        for p in n.prev_siblings() {
            let has = match p.value() {
                Node::Text(t) => !t.trim().is_empty(),
                Node::Element(e) => !is_dead_tag(e.name()) && ElementRef::wrap(p).is_some_and(|x| x.text().any(|t| !t.trim().is_empty())),
                _ => false,
            };
            if has {
                return true;
            }
        }
        cur = n.parent();
    }
    false
}

/// A comment item by its header line or by its parts.
fn is_headed(e: &ElementRef) -> bool {
    starts_with_header(e) || has_name_and_time(e)
}

/// The value of a data attribute naming the element's role ("name", "time").
fn data_role<'a>(e: &ElementRef<'a>) -> Option<&'a str> {
    let v = e.value();
    v.attr_str(&*at::DATA_ROLE).or_else(|| v.attr_str(&*at::DATA_FIELD)).or_else(|| v.attr_str(&*at::DATA_TYPE))
}

fn is_role(e: &ElementRef, roles: &[&str]) -> bool {
    data_role(e).is_some_and(|r| roles.iter().any(|x| r.eq_ignore_ascii_case(x)))
}

const NAME_ROLES: [&str; 7] = ["name", "author", "autor", "user", "username", "nickname", "verfasser"];
const TIME_ROLES: [&str; 6] = ["time", "date", "datum", "zeit", "timestamp", "created"];

/// An element that holds a comment's date: `<time>`, a data role, or nothing but a date.
fn is_time_el(e: &ElementRef) -> bool {
    e.value().name() == "time"
        || is_role(e, &TIME_ROLES)
        || is_short_leaf(e) && e.text().any(|t| t.bytes().any(|b| b.is_ascii_digit())) && cues::date_only(&text_of(e)).is_some()
        || DATE_CLASS.is_match(&class_str(e)) && short_date_of(e).is_some()
}

/// An element that holds a comment's author: a citation, a data role, an
/// author class, or a short heading or bold name.
fn is_name_el(e: &ElementRef) -> bool {
    let n = e.value().name();
    n == "cite"
        || is_role(e, &NAME_ROLES)
        || (matches!(n, "h2" | "h3" | "h4" | "h5" | "h6" | "strong" | "b") || e.value().attr_str(at::CLASS).is_some() && AUTHOR_CLASS.is_match(&class_str(e))) && {
            let t = text_of(e);
            cues::is_name_like(&t) && cues::find_date(&t).is_none()
        }
}

/// An element with a name element, a date element and some text beside
/// them (nested elements of its own kind, replies, are not looked into).
/// An element of its tag whose first class names a part of the item's
/// first class, BEM-like ("div.k" with its head "div.k__kopf", session 21),
/// is looked into.
fn has_name_and_time(e: &ElementRef) -> bool {
    let own_tag = &e.value().name.local;
    fn first_class<'a>(x: &ElementRef<'a>) -> Option<&'a str> {
        x.value().attr_str(at::CLASS).and_then(|c| c.split_whitespace().next())
    }
    let own_class = first_class(e);
    let part_of_item = |d: &ElementRef| own_class.is_some_and(|o| first_class(d).and_then(|c| c.strip_prefix(o)).is_some_and(|r| r.starts_with("__")));
    let (mut name, mut time) = (false, false);
    let mut stack: Vec<_> = e.children().rev().collect();
    let mut seen = 0;
    while let Some(n) = stack.pop() {
        let Some(d) = ElementRef::wrap(n) else { continue };
        if tag_kind(d.value()) & tag::DEAD != 0 || d.value().name.local == *own_tag && !part_of_item(&d) {
            continue;
        }
        seen += 1;
        if seen > 40 {
            break;
        }
        if !time && is_time_el(&d) {
            time = true;
            continue;
        }
        if !name && is_name_el(&d) {
            name = true;
            continue;
        }
        if name && time {
            break;
        }
        stack.extend(n.children().rev());
    }
    name && time && cues::word_count(&text_of(e)) >= 8
}

/// An element whose first text block is a comment header line naming an
/// author, followed by at least one block of text.
fn starts_with_header(e: &ElementRef) -> bool {
    starts_with_header_min(e, 3)
}

/// [`starts_with_header`] with at least `words` words in a block after the header.
fn starts_with_header_min(e: &ElementRef, words: usize) -> bool {
    // Among the first six blocks, those that are no UI line: the first a
    // header naming an author, a later one with the words. The walk stops
    // once the answer is known.
    let (mut seen, mut header, mut text) = (0, None, false);
    walk_blocks(*e, &|x| is_ui_el(x), &mut |b| {
        seen += 1;
        if !cues::is_ui_line(&b.text) {
            match header {
                None => header = Some(header_line(&b.text).is_some_and(|h| h.author.is_some())),
                Some(_) => text = cues::word_count(&b.text) >= words,
            }
        }
        header == Some(false) || text || seen >= 6
    });
    header == Some(true) && text
}

/// Comments that exist only in the `<noscript>` fallback of a comment widget
/// (the live container holds empty placeholders until a script fills it).
/// The parser keeps a `noscript`'s content as raw text, so it is parsed here
/// on its own, as a comment section, when the `noscript` sits in a comment
/// area (a class or id naming comments, or a comment-section heading beside
/// it). Gives the comments and the count of that heading.
fn comments_from_noscript(doc: &Html) -> Option<(Vec<Comment>, Option<usize>)> {
    for ns in doc.root_element().elements_below().filter(|e| e.value().name() == "noscript") {
        let raw: String = ns.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
        if raw.len() < 80 || !raw.contains('<') {
            continue;
        }
        let mut count = None;
        let mut in_area = false;
        let mut cur = ns.parent();
        for _ in 0..4 {
            let Some(e) = cur.and_then(ElementRef::wrap) else { break };
            if matches!(e.value().name(), "body" | "html") {
                break;
            }
            if e.value().attrs().any(|(n, v)| matches!(n, "class" | "id") && COMMENT_AREA.is_match(v)) {
                in_area = true;
            }
            for h in e.child_elements().filter(|h| matches!(h.value().name(), "h2" | "h3" | "h4" | "h5" | "h6")) {
                let t = text_of(&h);
                match (cues::comment_header(&t), counted_heading(&t)) {
                    (Some(Header::Count(n)), _) | (_, Some(n)) => {
                        in_area = true;
                        count = count.or(Some(n));
                    }
                    (Some(Header::Plain), _) => in_area = true,
                    _ => {}
                }
            }
            cur = e.parent();
        }
        if !in_area {
            continue;
        }
        let frag = parse_html(&format!("<html><body><div class=\"comments\">{raw}</div></body></html>"));
        let mut found = comments_from_markup(&frag);
        if found.is_empty() {
            found = comments_from_items(&items_by_header_lines(&frag, &Memo::for_doc(&frag)).0);
        }
        if !found.is_empty() {
            return Some((found, count));
        }
    }
    None
}

fn comments_from_items(items: &[ElementRef]) -> Vec<Comment> {
    let item_ids: FxHashSet<ego_tree::NodeId> = items.iter().map(|i| i.id()).collect();
    let owns: Vec<Own> = items.iter().map(|item| own_descendants(item, &item_ids)).collect();
    let mut index_of: FxHashMap<_, usize> = FxHashMap::default();
    let mut comments: Vec<Comment> = Vec::new();
    // Reply level of each kept comment (for threads whose replies sit in a
    // wrapper beside their parent rather than inside it).
    let mut levels: Vec<usize> = Vec::new();
    let mut above: FxHashMap<ego_tree::NodeId, usize> = FxHashMap::default();
    let ids = AnchorIds::new();
    let all: Vec<ItemParts> = items.iter().zip(&owns).map(|(item, own)| item_parts(item, &own.els, &own.ends, &item_ids, &ids)).collect();
    for (k, (item, parts)) in items.iter().zip(all.iter()).enumerate() {
        if parts.text.trim().is_empty() || is_removed_placeholder(&parts.text) {
            continue;
        }
        if is_repeated_teaser(k, &all) || points_elsewhere(&owns[k].els) {
            continue;
        }
        let mut parts = parts.clone();
        signature_after_text(&mut parts);
        if cues::is_excerpt_with_date(&parts.text) || cues::is_thread_starter(&parts.text) {
            continue;
        }
        // The nearest enclosing kept item is the parent.
        let mut parent = None;
        let mut cur = item.parent();
        while let Some(n) = cur {
            if let Some(&i) = index_of.get(&n.id()) {
                parent = Some(i);
                break;
            }
            cur = n.parent();
        }
        let idx = comments.len();
        let level = reply_level(item, items, &item_ids, &mut above);
        let mut reply_to = parent;
        if reply_to.is_none() && level > 0 {
            reply_to = (0..idx).rev().find(|&k| levels[k] < level);
        }
        if reply_to.is_none() {
            reply_to = match &parts.reply {
                Some(ReplyRef::Name(name)) => find_author(&comments, name, idx),
                Some(ReplyRef::Number(n)) => (*n as usize).checked_sub(1).filter(|&k| k < idx),
                None => None,
            };
        }
        // A reply that opens with a link naming an earlier comment's author
        // ("@NAME", or the bare name a forum inserts when one answers a post)
        // answers that comment: in a flat list, and inside a start comment
        // whose block holds its whole thread flat (the named comment is the
        // start comment or one after it).
        if parent.is_some() || level == 0 {
            if let Some(m) = linked_mention(&owns[k].els, &parts.text, &comments, idx) {
                if parent.is_none_or(|p| m >= p) {
                    reply_to = Some(m);
                }
            }
        }
        if reply_to.is_none() {
            if let Some(rest) = parts.text.strip_prefix('@').or_else(|| parts.title.as_deref().and_then(|t| t.strip_prefix('@'))) {
                reply_to = mention(&comments, rest);
            }
        }
        index_of.insert(item.id(), idx);
        levels.push(level);
        comments.push(Comment { author: parts.author, date: parts.date, title: parts.title, text: parts.text, reply_to });
    }
    comments
}

/// A signature after the text (session 6): where an item names neither
/// author nor date, a last paragraph that is an author line with both
/// ("Verfasst von NAME am 20.09.2019 um 19:02 Uhr | Kommentar melden",
/// "— NAME, 12.03.2026") gives them and is no text. A gate: the paragraph
/// is short and holds a digit.
fn signature_after_text(parts: &mut ItemParts) {
    if parts.author.is_some() || parts.date.is_some() {
        return;
    }
    let Some(p) = parts.text.rfind('\n') else { return };
    let last = parts.text[p + 1..].trim();
    if last.is_empty() || last.len() > 160 || !last.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let Some(al) = cues::author_line(cues::strip_trailing_ui(last)) else { return };
    if let (Some(a), Some(d)) = (al.author, al.date) {
        parts.author = Some(a);
        parts.date = Some(d);
        parts.text.truncate(p);
        let len = parts.text.trim_end().len();
        parts.text.truncate(len);
    }
}

/// An entry of a box of comments on other articles: a line of the item
/// (its [`own_descendants`]) points at another article with a link ("zu: <a>TITEL</a>").
fn points_elsewhere(own: &[ElementRef]) -> bool {
    own.iter().any(|e| {
        let first = e.text().map(str::trim).find(|t| !t.is_empty());
        first.is_some_and(|t| t.starts_with(['z', 'Z', 'k', 'K']))
            && e.elements_below().any(|a| a.value().name() == "a")
            && cues::points_elsewhere(&text_of(e))
    })
}

/// A teaser of a comment that the page lists in full elsewhere ("Top-Kommentare"
/// above the full list): an undated item whose text is, or ends with, the text
/// of a dated item. Each comment is listed once, with the date of the full list.
fn is_repeated_teaser(k: usize, all: &[ItemParts]) -> bool {
    let me = &all[k];
    if me.date.is_some() {
        return false;
    }
    all.iter().enumerate().any(|(j, o)| {
        j != k && o.date.is_some() && cues::word_count(&o.text) >= 5 && {
            let (a, b) = (cues::collapse_ws(&me.text), cues::collapse_ws(&o.text));
            a == b || a.ends_with(&b) && a.len() - b.len() <= 60
        }
    })
}

/// How deep in a thread an item sits: enclosing items and reply wrappers
/// ("children", "replies", "indent-1", ...), plus one for an item that
/// marks itself as a reply.
/// `above` keeps, per node asked before, the count of reply wrappers and
/// items among the node and its ancestors (items of one list share them).
fn reply_level(
    item: &ElementRef,
    items: &[ElementRef],
    item_ids: &FxHashSet<ego_tree::NodeId>,
    above: &mut FxHashMap<ego_tree::NodeId, usize>,
) -> usize {
    // The ancestors up to the first one counted before, then their counts downwards.
    let mut chain = Vec::new();
    let mut cur = item.parent();
    let mut base = 0;
    while let Some(n) = cur {
        if let Some(&k) = above.get(&n.id()) {
            base = k;
            break;
        }
        chain.push(n);
        cur = n.parent();
    }
    for n in chain.into_iter().rev() {
        if let Some(e) = ElementRef::wrap(n) {
            let wrap = e.value().attr_str(at::CLASS).is_some_and(|c| REPLY_WRAP.is_match(c));
            if wrap || item_ids.contains(&e.id()) {
                base += 1;
            }
        }
        above.insert(n.id(), base);
    }
    let level = base;
    let self_reply = item.value().attr_str(at::CLASS).is_some_and(|c| c.split_whitespace().any(|t| REPLY_ITEM.is_match(t)));
    // A flat list whose items carry their depth in a class ("replyTreeLevel1",
    // "depth-2", "comment-level-0"): the depth above the shallowest item's
    // (lists count from 0 or from 1).
    if level == 0 {
        if let Some(d) = class_depth(item) {
            let min = items.iter().filter_map(class_depth).min().unwrap_or(d);
            return d - min.min(d);
        }
        // Items side by side with their replies, which sit in nested lists
        // ("li > article" and "li > ul > li > article"): the list depth
        // above the shallowest item's.
        let d = list_depth(item);
        if d > 0 {
            let min = items.iter().map(list_depth).min().unwrap_or(d);
            return d - min.min(d);
        }
    }
    level + usize::from(self_reply && level == 0)
}

/// How many `ul`/`ol` lists hold an element.
fn list_depth(e: &ElementRef) -> usize {
    e.ancestors().filter(|a| a.value().as_element().is_some_and(|x| matches!(x.name(), "ul" | "ol"))).count()
}

/// The depth number an item's class gives ("replyTreeLevel2" → 2,
/// "depth-1" → 1), cheap-gated by a digit at a class token's end.
fn class_depth(item: &ElementRef) -> Option<usize> {
    let c = item.value().attr_str(at::CLASS)?;
    c.split_whitespace().find_map(|t| {
        let b = t.as_bytes();
        let last = *b.last()?;
        if !last.is_ascii_digit() || b.len() < 6 {
            return None;
        }
        let head = t[..t.len() - 1].trim_end_matches(['-', '_']).to_ascii_lowercase();
        (head.ends_with("level") || head.ends_with("depth") || head.ends_with("ebene")).then(|| usize::from(last - b'0'))
    })
}

/// The earlier comment (before `before`) that the first link of an item's
/// text names by its author ("@NAME" or "NAME", exactly): the link's text
/// opens the comment's text.
fn linked_mention(own: &[ElementRef], text: &str, comments: &[Comment], before: usize) -> Option<usize> {
    if before == 0 {
        return None;
    }
    let link = own.iter().filter(|e| e.value().name() == "a").map(text_of).find(|t| !t.is_empty() && text.starts_with(t.as_str()))?;
    if text[link.len()..].chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let key = cues::collapse_ws_lower(link.trim_start_matches('@'));
    if key.is_empty() {
        return None;
    }
    latest_author(comments, before, |a| a == key)
}

fn find_author(comments: &[Comment], name: &str, before: usize) -> Option<usize> {
    let key = cues::collapse_ws_lower(name.trim_start_matches('@'));
    latest_author(comments, before, |a| cues::is_name_or_longer(a, &key))
}

/// The latest comment before `before` whose author, white space collapsed
/// and lowercased, `fits`.
fn latest_author(comments: &[Comment], before: usize, fits: impl Fn(&str) -> bool) -> Option<usize> {
    (0..before.min(comments.len())).rev().find(|&k| comments[k].author.as_deref().is_some_and(|a| fits(&cues::collapse_ws_lower(a))))
}

fn mention(comments: &[Comment], rest: &str) -> Option<usize> {
    let rest_l = rest.to_lowercase();
    let mut best: Option<(usize, usize)> = None;
    for (k, c) in comments.iter().enumerate().rev() {
        let Some(a) = c.author.as_deref() else { continue };
        let a = cues::collapse_ws_lower(a);
        if a.is_empty() || !rest_l.starts_with(&a) {
            continue;
        }
        if rest_l.get(a.len()..).and_then(|s| s.chars().next()).is_some_and(|ch| ch.is_alphanumeric() || ch == '_') {
            continue;
        }
        if best.is_none_or(|(_, l)| a.len() > l) {
            best = Some((k, a.len()));
        }
    }
    best.map(|(k, _)| k)
}

/// The number of comments the page announces.
fn declared(doc: &Html) -> Option<usize> {
    // A counter element inside a comment toolbar ("<span class=comment-count>6 Kommentare</span>").
    // As the regex `(?i)count|anzahl`: none of their letters has a non-ASCII
    // case variant (test `count_class_is_ascii_ci`).
    let count_class = |c: &str| contains_any_ascii_ci(c, &["count", "anzahl"]);
    // One pass for two readings: the first `itemprop=commentCount` whose
    // value is a number wins; failing one, the first counter element that
    // gives a count (found in the same pass, used after it).
    let mut counter = None;
    for el in doc.root_element().elements_below() {
        if attr_has_token(&el, at::ITEMPROP, "commentCount") {
            let v = el.value().attr_str(at::CONTENT).map(str::to_string).unwrap_or_else(|| text_of(&el));
            if let Ok(n) = v.trim().parse() {
                return Some(n);
            }
        }
        if counter.is_none() && el.value().attr_str(at::CLASS).is_some_and(count_class) && !in_sidebar(&el) && !in_teaser_box(&el) {
            let t = text_of(&el);
            counter = match cues::comment_header(&t) {
                Some(Header::Count(n)) => Some(n),
                // A counter of a forum thread: "5 Antworten", "12 Beiträge", "3 replies".
                _ => counted_replies(&t),
            };
        }
    }
    if counter.is_some() {
        return counter;
    }
    let skip = |e: &ElementRef| tag_kind(e.value()) & (tag::FURNITURE | tag::FOOTER) != 0 || in_teaser_box(e);
    // The first block that gives a count (the walk stops there).
    let mut count = None;
    walk_blocks(doc.root_element(), &skip, &mut |b| {
        if let Some(Header::Count(n)) = cues::comment_header(&b.text) {
            count = Some(n);
        }
        count.is_some()
    });
    count
}

/// "5 Antworten", "3 replies", "12 posts": a number and a word for the posts of a thread.
fn counted_replies(t: &str) -> Option<usize> {
    let (num, word) = t.trim().split_once(' ')?;
    let n = num.parse().ok().filter(|_| num.len() <= 5)?;
    matches!(word.trim().to_lowercase().as_str(), "antworten" | "antwort" | "replies" | "reply" | "posts" | "beiträge" | "beitrag" | "kommentare" | "kommentar" | "comments" | "comment")
        .then_some(n)
}

fn in_teaser_box(e: &ElementRef) -> bool {
    // As `class_str(e).to_lowercase()` containing one of the words, without
    // building it: no word holds a space (so none spans class and id) or a
    // "k" (the Kelvin sign is the only non-ASCII letter that lowercases to
    // ASCII; "İ" gives "i" plus a combining dot, and no word ends in "i").
    let v = e.value();
    [v.attr_str(at::CLASS), v.attr_str(at::ID)]
        .into_iter()
        .flatten()
        .any(|c| contains_any_ascii_ci(c, &["teaser", "related", "sidebar", "widget"]))
}

// ---------------------------------------------------------------------------
// Body

fn body_skip(e: &ElementRef, memo: &Memo) -> bool {
    if tag_kind(e.value()) & (tag::FURNITURE | tag::BODY_SKIP) != 0 {
        return true;
    }
    memo.answer(&memo.body_skip, e, || {
        let c = class_str(e);
        // `contains_at`: a memchr for the "k" (`str::contains` sets up a searcher per call).
        !c.is_empty() && (FURNITURE_CLASS.is_match(&c) || cues::contains_at(c.as_bytes(), b"ticker", 3) && !is_live_ticker(e)) || is_comment_item(e, memo) || is_widget_box(e)
    })
}

/// A live ticker of the article (body): at least two entries, each led by a
/// minute or time stamp ("88.", "45.+2", "90'", "14:32"). Other tickers
/// (stock prices, news headlines) are furniture.
fn is_live_ticker(e: &ElementRef) -> bool {
    static STAMP: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:\d{1,3}(?:\.|')(?:\s?\+\s?\d{1,2}'?)?|\d{1,2}:\d{2}(?:\s?Uhr)?)$"));
    e.child_elements()
        .filter(|c| c.child_elements().next().is_some_and(|f| is_short_leaf(&f) && STAMP.is_match(text_of(&f).as_str())))
        .take(2)
        .count()
        >= 2
}

/// The article a page's headline names a live ticker or news blog
/// ("… – der Liveticker", "Live-Blog: …", "Newsticker zur Wahl"): the
/// headline's nearest `article` ancestor, else its parent. None on other
/// pages.
fn live_article(doc: &Html) -> Option<ElementRef<'_>> {
    static LIVE_HEAD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)live-?ticker|live-?blog|news-?blog|news-?ticker|(?:^|\s)ticker(?:$|\s|:)"));
    let h1 = doc.root_element().elements_below().find(|e| e.value().name() == "h1")?;
    if !LIVE_HEAD.is_match(&text_of(&h1)) {
        return None;
    }
    h1.ancestors().filter_map(ElementRef::wrap).find(|a| a.value().name() == "article").or_else(|| h1.parent().and_then(ElementRef::wrap))
}

/// A box headed by the name of a widget: a poll, a quiz, a league table, a
/// prize draw ("Umfrage: ...", "Quiz: ...", "Tabelle Landesliga").
fn is_widget_box(e: &ElementRef) -> bool {
    static WIDGET_HEADING: LazyLock<Regex> =
        LazyLock::new(|| re(r"^(?:Umfrage|Abstimmung|Quiz|Tabelle|Gewinnspiel|Voting|Poll|Leserumfrage|Wissenstest)(?:\s|:|$)"));
    matches!(e.value().name(), "div" | "section" | "aside")
        && e.child_elements().next().is_some_and(|h| {
            matches!(h.value().name(), "h2" | "h3" | "h4" | "h5" | "h6" | "strong" | "b") && WIDGET_HEADING.is_match(text_of(&h).as_str())
        })
}

/// The element holding the article text.
fn body_root<'a>(doc: &'a Html, memo: &Memo) -> ElementRef<'a> {
    let all: Vec<ElementRef> = doc.root_element().elements_below().collect();
    if let Some(e) = all.iter().find(|e| attr_has_token(e, at::ITEMPROP, "articleBody")) {
        return *e;
    }
    // Score each element by the text of its direct paragraph children, and
    // by sentences written straight into it (paragraphs split by <br>).
    let mut best: Option<(usize, ElementRef)> = None;
    for e in &all {
        let kind = tag_kind(e.value());
        if kind & tag::DEAD != 0 {
            continue;
        }
        let bare: usize = if kind & tag::BARE_TEXT != 0 {
            e.children()
                .filter_map(|c| c.value().as_text().map(|t| t.trim()))
                .filter(|t| t.len() >= 30 && t.bytes().filter(|&b| b == b' ').count() >= 5)
                .map(|t| t.chars().count())
                .sum()
        } else {
            0
        };
        let paragraph = |c: &ElementRef| tag_kind(c.value()) & tag::PARAGRAPH != 0;
        // Without a paragraph child or sentences the score is 0 (never the
        // best), whatever the skip test says: it is not asked.
        if bare == 0 && !e.child_elements().any(|c| paragraph(&c)) || body_skip(e, memo) {
            continue;
        }
        let paragraphs: usize =
            e.child_elements().filter(|c| paragraph(c) && !body_skip(c, memo)).map(|c| text_chars(&c)).sum();
        let score = paragraphs + bare;
        // Text inside a comment is never the article.
        if score > 0 && best.is_none_or(|(s, _)| score > s) && !ancestors_any(e, &|a| is_comment_item(a, memo)) {
            best = Some((score, *e));
        }
    }
    let Some((_, best)) = best else { return doc.root_element() };
    if ancestors_any(&best, &|a| body_skip(a, memo) && a.value().name() != "header") {
        return best;
    }
    // Prefer the enclosing <article>, whose furniture the skip rules remove.
    let mut cur = best.parent();
    while let Some(n) = cur {
        if let Some(e) = ElementRef::wrap(n) {
            if e.value().name() == "article" && !is_comment_item(&e, memo) {
                return e;
            }
        }
        cur = n.parent();
    }
    best
}

fn body_from(root: ElementRef, memo: &Memo) -> Vec<String> {
    body_from_skip(root, memo, &|_| false)
}

/// [`body_from`], also skipping the elements `extra` names.
fn body_from_skip(root: ElementRef, memo: &Memo, extra: &dyn Fn(&ElementRef) -> bool) -> Vec<String> {
    let skip = |e: &ElementRef| body_skip(e, memo) || extra(e);
    let mut out: Vec<String> = Vec::new();
    for b in blocks(root, &skip) {
        let n = b.text.chars().count();
        if n == 0 || b.link_chars * 2 > n {
            continue;
        }
        if text::is_furniture(&b.text) && !is_article_prose(&b) || cues::is_credit_only(&b.text) {
            continue;
        }
        if b.tag == "li" && n < 60 {
            continue;
        }
        if !out.contains(&b.text) {
            out.push(b.text);
        }
    }
    out
}

/// A paragraph of prose that the lexicon alone calls furniture for a few weak
/// words ("teilen sich", "310.000 €"; fewer than the four that make long
/// prose furniture, none of the strong ones): article text in a `p`.
fn is_article_prose(b: &Block) -> bool {
    b.tag == "p"
        && cues::is_prose(&b.text)
        && cues::lexicon_hits(&b.text) <= 3
        && !cues::has_strong_lexicon(&b.text)
        && !text::is_furniture_except_lexicon(&b.text)
}

// ---------------------------------------------------------------------------
// Text fallback

/// The page as plain text lines, for the text segmenter.
fn as_text(doc: &Html) -> String {
    // Forum profile columns and signatures are neither comment headers nor comment text.
    let skip = |e: &ElementRef| {
        matches!(e.value().name(), "nav" | "form" | "dialog") || e.value().attr_str(at::CLASS).is_some_and(|c| PROFILE_OR_SIGNATURE.is_match(c))
    };
    let mut s = String::new();
    for b in blocks(doc.root_element(), &skip) {
        if cues::is_profile_line(&b.text) {
            continue;
        }
        for _ in 0..b.depth {
            s.push_str("  ");
        }
        if b.tag == "li" {
            s.push_str("• ");
        }
        s.push_str(&b.text);
        s.push('\n');
        if matches!(b.tag, "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "section" | "article") {
            s.push('\n');
        }
    }
    s
}

/// `Html::parse_document`, with the node tree sized for the page up front:
/// the tree grows by doubling otherwise, copying every node each time. A
/// page has about as many text nodes as elements, and no more elements than
/// `<`s (the reservation is capped: beyond it the tree grows as before). The
/// parse is the same: html5ever with scraper's tree sink.
fn parse_html(html: &str) -> Html {
    use html5ever::tendril::TendrilSink;
    let tags = memchr::memchr_iter(b'<', html.as_bytes()).count();
    let mut doc = Html::new_document();
    doc.tree = ego_tree::Tree::with_capacity(Node::Document, (2 * tags + 8).min(1 << 16));
    html5ever::driver::parse_document(scraper::HtmlTreeSink::new(doc), Default::default()).one(html)
}

/// Parses an HTML page.
pub fn parse(html: &str) -> Page {
    let doc = parse_html(html);
    let memo = Memo::for_doc(&doc);
    let title = title_of(&doc, &memo);
    let root = body_root(&doc, &memo);
    let (mut comments, first_item) = comments_and_first_item(&doc, &memo);
    let mut declared_comments = declared(&doc);
    if !comments.is_empty() {
        // "Lesermeinungen (3)" over the list.
        if declared_comments.is_none() {
            declared_comments = first_item.and_then(|f| counted_heading_before(&doc, &f));
        }
        let mut body = body_from(root, &memo);
        if let Some(t) = &title {
            body.retain(|p| p != t);
        }
        return Page { source: String::new(), title, body, comments, declared_comments };
    }
    {
        // Items found by their header lines beat the text segmenter's reading
        // of the same lines: the DOM knows where each comment ends.
        let (header_items, sections) = items_by_header_lines(&doc, &memo);
        let mut by_headers = comments_from_items(&header_items);
        let mut first_item = header_items.first().copied();
        if by_headers.is_empty() {
            if let Some((dl, found)) = comments_from_dl(&doc) {
                by_headers = found;
                first_item = Some(dl);
            }
        }
        if by_headers.is_empty() {
            if let Some((found, count)) = comments_from_noscript(&doc) {
                by_headers = found;
                declared_comments = declared_comments.or(count);
            }
        }
        let mut body = Vec::new();
        let mut body_done = false;
        if let Some(first) = first_item.filter(|_| !by_headers.is_empty()) {
            // What follows the first comment in its section is the comment
            // section (upsells, slogans, count lines), not the article.
            let section = sections
                .iter()
                .find(|s| ancestors_any(&first, &|a| a.id() == s.id()))
                .copied()
                .or_else(|| first.parent().and_then(ElementRef::wrap));
            if let Some(section) = section.filter(|_| ancestors_any(&first, &|a| a.id() == root.id())) {
                let after: FxHashSet<_> =
                    section.elements_below().skip_while(|e| e.id() != first.id()).map(|e| e.id()).collect();
                body = body_from_skip(root, &memo, &|e| after.contains(&e.id()));
                body_done = true;
            }
            if declared_comments.is_none() {
                declared_comments = counted_heading_before(&doc, &first)
                    .or_else(|| section.and_then(|s| s.elements_below().find_map(|e| count_line(&e))));
            }
        }
        if !body_done {
            body = body_from(root, &memo);
        }
        // An article root inside one of these comments is no article root.
        if header_items.iter().any(|i| i.id() == root.id() || ancestors_any(&root, &|a| a.id() == i.id())) {
            body.clear();
        }
        // The text segmenter reads the page when the DOM left something open.
        let tp = (by_headers.is_empty() || body.is_empty() || declared_comments.is_none()).then(|| text::parse(&as_text(&doc)));
        // A live ticker's entries (time, author, text) are its article, not
        // comments, however a reading of the text or of the page's repeated
        // record takes them.
        let live = by_headers.is_empty().then(|| live_article(&doc)).flatten().map(|a| cues::collapse_ws(&text_of(&a)));
        let not_live = |c: &mut Vec<Comment>| {
            if let Some(t) = &live {
                c.retain(|c| !t.contains(cues::collapse_ws(&c.text).as_str()));
            }
        };
        let mut found = if by_headers.is_empty() {
            let mut c = tp.as_ref().map(|t| t.comments.clone()).unwrap_or_default();
            not_live(&mut c);
            c
        } else {
            by_headers
        };
        // No cue found comments: the page's own repeated record (`induce`).
        if found.is_empty() {
            if let Some((mut c, _)) = induce::records(&doc) {
                not_live(&mut c);
                found = c;
            }
        }
        if !found.is_empty() {
            comments = found;
            declared_comments = declared_comments.or(tp.as_ref().and_then(|t| t.declared_comments));
        }
        // Body lines that are comments are not body.
        let texts: Vec<String> = comments.iter().map(|c| cues::collapse_ws(&c.text)).collect();
        body.retain(|p| !texts.iter().any(|t| t.contains(p.as_str())));
        if body.is_empty() {
            body = tp.map(|t| t.body).unwrap_or_default();
            body.retain(|p| !texts.iter().any(|t| t.contains(cues::collapse_ws(p).as_str())));
        }
        if let Some(t) = &title {
            body.retain(|p| p != t);
        }
        Page { source: String::new(), title, body, comments, declared_comments }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Comments announced by their accessibility label are items, the feed
    /// entry that holds them (the post they answer) is none; replies sit in
    /// a list nested beside their parent; a short age is the date; the
    /// author comes from the label when no element names it.
    #[test]
    fn labelled_comments_inside_a_feed_entry() {
        let c = |label: &str, name: &str, text: &str, age: &str| {
            format!(r##"<div role="article" aria-label="{label}"><a href="/seite/x"><span>{name}</span></a><div dir="auto">{text}</div><span>♥ 3</span><ul><li><a href="#"><span>{age}</span></a></li></ul></div>"##)
        };
        let page = format!(
            r#"<html><body><div role="article" aria-posinset="1"><h2>Verein</h2><div dir="auto">Unser Sommerfest findet am Samstag auf der Festwiese statt, alle sind herzlich eingeladen.</div><ul><li>{}<ul><li>{}</li></ul></li><li>{}</li></ul></div></body></html>"#,
            c("Kommentar von Ina Roth vor 2 Tagen", "Ina Roth", "Gibt es auch wieder den Kuchenstand am Eingang?", "2 Tg."),
            c("Antwort von Verein auf den Kommentar von Ina Roth vor 1 Tag", "Verein", "Ja, ab 14 Uhr gibt es Kuchen und Kaffee.", "1 Tg."),
            c("Kommentar von Jo Berg vor 5 Stunden", "Jo Berg", "Schade, da bin ich leider im Urlaub.", "5 Std."),
        );
        let p = parse(&page);
        let got: Vec<(Option<&str>, Option<&str>, Option<usize>)> = p.comments.iter().map(|c| (c.author.as_deref(), c.date.as_deref(), c.reply_to)).collect();
        assert_eq!(got, vec![(Some("Ina Roth"), Some("2 Tg."), None), (Some("Verein"), Some("1 Tg."), Some(0)), (Some("Jo Berg"), Some("5 Std."), None)]);
        let texts: Vec<&str> = p.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Gibt es auch wieder den Kuchenstand am Eingang?", "Ja, ab 14 Uhr gibt es Kuchen und Kaffee.", "Schade, da bin ich leider im Urlaub."]);
        assert_eq!(label_author("Antwort von Verein auf den Kommentar von Ina Roth vor 1 Tag").as_deref(), Some("Verein"));
        assert_eq!(label_author("Kommentar von Ina Roth, 20.11.2026").as_deref(), Some("Ina Roth"));
        assert_eq!(label_author("Kommentare"), None);
    }

    /// `elements_below` gives the elements `descendent_elements` gives, in
    /// the same order, from every element of pages with nesting, misnested
    /// formatting tags (the adoption agency moves nodes), tables (foster
    /// parenting) and text between elements.
    #[test]
    fn elements_below_agree_with_descendent_elements() {
        let pages = [
            "<html><body><div><p>a<b>b</p>c</b><ul><li>x<li>y</ul></div><table><tr>t<td>1</td></tr></table><a href=x><div>z</a>q</div></body></html>",
            "<p>one<p>two<div><span><i>three</span></i></div>",
            "",
            "<!-- c --><html><head><title>T</title></head><body>text only</body></html>",
        ];
        let mut more: Vec<String> = Vec::new();
        for dir in ["tests/fixtures", "examples/pages"] {
            let Ok(rd) = std::fs::read_dir(dir) else { continue };
            let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "html")).collect();
            paths.sort();
            more.extend(paths.iter().take(12).filter_map(|p| std::fs::read_to_string(p).ok()));
        }
        for page in pages.iter().map(|p| p.to_string()).chain(more) {
            let doc = parse_html(&page);
            for el in doc.root_element().descendent_elements() {
                let a: Vec<_> = el.descendent_elements().map(|e| e.id()).collect();
                let b: Vec<_> = el.elements_below().map(|e| e.id()).collect();
                assert_eq!(a, b);
            }
        }
    }

    /// `text_chars` counts the chars of `text_of`, on every element of the
    /// fixture pages and of markup with runs of white space of every kind.
    #[test]
    fn text_chars_counts_text_of() {
        let mut pages: Vec<String> = vec![
            "<p>  ein \t zwei\n<b>drei</b>vier \u{a0} fünf  </p><p></p><p> </p><div>a<i> </i>b</div>".to_string(),
            "<p>Ärger\u{2003}über <span>Öl</span>\u{3000}</p><p>x</p>".to_string(),
        ];
        let Ok(rd) = std::fs::read_dir("tests/fixtures") else { panic!("tests/fixtures") };
        pages.extend(rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "html")).filter_map(|p| std::fs::read_to_string(p).ok()));
        let mut n = 0;
        for page in &pages {
            let doc = parse_html(page);
            for el in doc.root_element().descendent_elements() {
                assert_eq!(text_chars(&el), text_of(&el).chars().count(), "{:?}", text_of(&el));
                n += 1;
            }
        }
        assert!(n > 1000);
    }

    /// Each [`tag`] bit answers as the `&str` test it stands for, on every
    /// tag those tests name and on others (upper case included: the parser
    /// lower-cases HTML tag names, the atom of "P" is not that of "p").
    #[test]
    fn tag_kind_agrees_with_the_name_tests() {
        let names = [
            "script", "style", "noscript", "template", "svg", "iframe", "button", "select", "option", "input", "textarea", "head",
            "meta", "link", "object", "embed", "canvas", "video", "audio", "map", "nav", "aside", "form", "figure", "figcaption",
            "label", "dialog", "menu", "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5",
            "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "fieldset", "address", "hr", "br",
            "body", "html", "details", "summary", "cite", "time", "td", "th", "span", "a", "b", "strong", "em", "small", "i",
            "img", "font", "center", "title", "u", "abbr", "tbody", "thead", "picture", "source", "foreignObject", "P", "DIV",
            "x-comment", "comment-item", "",
        ];
        for name in names {
            let el = scraper::node::Element::new(html5ever::QualName::new(None, html5ever::ns!(html), name.into()), Vec::new());
            let k = tag_kind(&el);
            let bit = |b: u32| k & b != 0;
            assert_eq!(bit(tag::DEAD), is_dead_tag(name), "{name}");
            assert_eq!(bit(tag::FURNITURE), is_furniture_tag(name), "{name}");
            assert_eq!(bit(tag::BLOCK), is_block_tag(name), "{name}");
            assert_eq!(bit(tag::SPACED), matches!(name, "td" | "th" | "span" | "a" | "b" | "strong" | "em" | "small" | "i"), "{name}");
            assert_eq!(bit(tag::LIST), matches!(name, "ul" | "ol"), "{name}");
            assert_eq!(bit(tag::BR), name == "br", "{name}");
            assert_eq!(bit(tag::A), name == "a", "{name}");
            assert_eq!(bit(tag::FOOTER), name == "footer", "{name}");
            assert_eq!(bit(tag::BODY_SKIP), matches!(name, "header" | "footer" | "h1"), "{name}");
            assert_eq!(bit(tag::NO_ITEM), matches!(name, "h1" | "span" | "a" | "p" | "time" | "b" | "strong" | "img" | "meta"), "{name}");
            assert_eq!(bit(tag::PARAGRAPH), matches!(name, "p" | "h2" | "h3" | "blockquote"), "{name}");
            assert_eq!(bit(tag::BARE_TEXT), matches!(name, "div" | "section" | "article" | "main" | "td" | "font" | "center"), "{name}");
        }
    }

    /// `contains_any_ascii_ci` on the raw class answers as `to_lowercase().contains`
    /// for the words of `in_teaser_box` and `in_sidebar`.
    #[test]
    fn contains_any_ascii_ci_matches_lowercase() {
        let hays = ["", "Teaser", "x-TEASER-box", "sİdebar", "SIDEBAR", "wİdget", "\u{212A}teaser", "recEnt-posts", "relatedX", "teaseR", "rel ated", "ÄÖÜ widget", "tea", "ſidebar", "T", "@easer", "TEASE", "xwidge"];
        let lists: [&[&str]; 3] = [&["teaser", "related", "sidebar", "widget"], &["teaser", "sidebar", "widget", "recent"], &["recent"]];
        for h in hays {
            for words in lists {
                assert_eq!(contains_any_ascii_ci(h, words), words.iter().any(|w| h.to_lowercase().contains(w)), "{h} {words:?}");
            }
        }
    }

    /// `attr_str` answers as `Element::attr` does, also for namespaced
    /// attributes of foreign content (xlink:href, xml:lang).
    #[test]
    fn attr_str_matches_attr() {
        let html = r##"<html lang="de"><body><div class="a b" id="x" data-role="name" ITEMPROP="comment">t</div>
        <svg><a xlink:href="#h" href="/p"><use xlink:href="#i"/></a><text xml:lang="en" class="c">s</text></svg>
        <math><mi xlink:href="m" definitionURL="d">x</mi></math><p>no attrs</p><img src="i.png" alt="" title="Sa., 21. Nov."></body></html>"##;
        let doc = Html::parse_document(html);
        let names = ["class", "id", "href", "title", "lang", "xlink:href", "data-role", "itemprop", "ITEMPROP", "definitionurl", "definitionURL", "src", "alt", "missing", ""];
        let mut n = 0;
        for e in doc.root_element().descendent_elements() {
            for name in names {
                assert_eq!(e.value().attr_str(name), e.value().attr(name), "{} {name}", e.value().name());
                n += usize::from(e.value().attr(name).is_some());
            }
        }
        assert!(n >= 8, "{n}");
        // The atoms answer as their names.
        let atoms: [(&str, &html5ever::LocalName); 7] = [
            ("class", at::CLASS),
            ("id", at::ID),
            ("href", at::HREF),
            ("title", at::TITLE),
            ("itemprop", at::ITEMPROP),
            ("data-role", &at::DATA_ROLE),
            ("src", &html5ever::local_name!("src")),
        ];
        for e in doc.root_element().descendent_elements() {
            for (name, atom) in atoms {
                assert_eq!(e.value().attr_str(atom), e.value().attr(name), "{} {name}", e.value().name());
            }
        }
    }

    /// Every node's parent link names the node whose child list holds it, so
    /// the walks by parent links (`descendants`, `text`, `ancestors`) see the
    /// tree the child lists give. ego-tree 0.6.3 (scraper 0.20) broke this
    /// when the adoption agency moved three or more children
    /// (`reparent_from_id_append` relinked only the first and the last), and
    /// the DOM readings then skipped parts of such pages (htmlup17).
    #[test]
    fn parent_links_match_child_lists() {
        for html in [
            "<html><body><b><div>1<i>2</i>3<u>4</u>5<p>6</p>7</b>8</div><p>9</p></body></html>",
            "<p><a href=x>1<div>2<span>3</span>4<em>5</em>6</a>7</div><article class=comment>8</article>",
            "<table><tr><td>1</td></tr>2<b>3<div>4<i>5</i>6</div>7</table>",
        ] {
            let doc = parse_html(html);
            fn walk(n: ego_tree::NodeRef<Node>, order: &mut Vec<ego_tree::NodeId>) {
                order.push(n.id());
                for c in n.children() {
                    assert_eq!(c.parent().map(|p| p.id()), Some(n.id()));
                    walk(c, order);
                }
            }
            let mut order = Vec::new();
            walk(doc.tree.root(), &mut order);
            let by_parents: Vec<_> = doc.tree.root().descendants().map(|n| n.id()).collect();
            assert_eq!(by_parents, order);
        }
    }

    /// `has_words` answers as `!text_of(..).is_empty()`.
    #[test]
    fn has_words_matches_text_of() {
        let html = "<html><body><p> </p><p>\u{a0}\u{2003}<b>\n</b></p><p><i>x</i></p><div> <span> a </span>\u{3000}</div>\
            <a href=\"/u/x\"> Name </a><a>\u{85}</a><p><!-- c --></p><ul><li>\u{200b}</li></ul></body></html>";
        let doc = Html::parse_document(html);
        let mut n = 0;
        for e in doc.root_element().descendent_elements() {
            assert_eq!(has_words(&e), !text_of(&e).is_empty(), "{}", e.html());
            n += usize::from(has_words(&e));
        }
        assert!(n >= 6, "{n}");
    }

    /// No char but the ASCII letters matches "t", "e" or "y" case-insensitively
    /// or lower-cases to a string ending in one; so `may_be_text_class` on
    /// any token answers true where TEXT_CLASS matches it or its lowercase.
    #[test]
    fn text_class_needs_its_last_letter() {
        let letter = Regex::new("(?i)^[tey]$").unwrap();
        for c in (0u32..0x110000).filter_map(char::from_u32).filter(|c| !c.is_ascii()) {
            assert!(!letter.is_match(&c.to_string()) && !c.to_lowercase().last().is_some_and(|l| "tey".contains(l)), "{c:?}");
        }
        for t in ["comment-content", "Text", "x_BODY", "entry", "messagE", "inhalt", "nachrichT", "body2", "contents", "ſ", "K", "İ", "content\u{212a}", "", "-"] {
            if !may_be_text_class(t) {
                assert!(!TEXT_CLASS.is_match(t) && !TEXT_CLASS.is_match(&t.to_lowercase()), "{t}");
            } else {
                assert!(t.ends_with(['t', 'T', 'e', 'E', 'y', 'Y']), "{t}");
            }
        }
    }

    /// The count class words answer as the regex `(?i)count|anzahl`: their
    /// letters have no non-ASCII case variants.
    #[test]
    fn count_class_is_ascii_ci() {
        let re = Regex::new("(?i)count|anzahl").unwrap();
        let letter = Regex::new("(?i)^[countazhl]$").unwrap();
        for c in (0u32..0x110000).filter_map(char::from_u32).filter(|c| !c.is_ascii()) {
            assert!(!letter.is_match(&c.to_string()), "{c:?}");
        }
        for c in ["comment-count", "COUNTER", "Anzahl", "anz-ahl", "co unt", "kommentar-anzahl", "", "c\u{f6}unt", "countdown"] {
            assert_eq!(contains_any_ascii_ci(c, &["count", "anzahl"]), re.is_match(c), "{c}");
        }
    }

    /// ITEM_CLASS on a class attribute answers as ITEM_TOKEN and ITEM_SUFFIX on each of its tokens.
    #[test]
    fn item_class_set_matches_the_token_regexes() {
        let token = |t: &str| Regex::new(&format!("^(?:{t})$")).unwrap();
        let (item_token, item_suffix) = (token(ITEM_TOKEN), token(ITEM_SUFFIX));
        let mut cases: Vec<String> = crate::page::testgen::lines();
        for c in ["comment", "x-comment foo", "coral-comment\u{a0}bar", "rootComment", "a  CMT-item\tb", "comment-", "xcomment", "foo_Beitrag", "c-\u{212a}ommentar", "reply rootReply", " posting "] {
            cases.push(c.to_string());
            cases.push(format!("teaser {c}"));
        }
        for s in cases {
            let m = ITEM_CLASS.matches(&s);
            assert_eq!(m.matched(0), s.split_whitespace().any(|t| item_token.is_match(t)), "{s:?}");
            assert_eq!(m.matched(1), s.split_whitespace().any(|t| item_suffix.is_match(t)), "{s:?}");
            assert_eq!(TEASERISH.is_match(&s), s.split_whitespace().any(|t| TEASERISH.is_match(t)), "{s:?}");
        }
    }

    /// `class_marks` answers false for an element without class and id without asking the regexes.
    #[test]
    fn class_regexes_need_a_class() {
        for r in [&AUTHOR_CLASS, &DATE_CLASS, &TITLE_CLASS, &UI_CLASS] {
            assert!(!r.is_match(""), "{}", r.as_str());
        }
    }

    #[test]
    fn wordpress_nesting() {
        let html = r#"<html><body><article><h1>Ein Titel hier</h1><div class="entry-content"><p>Ein Absatz des Artikels, der lang genug ist und viele Wörter hat, damit er zählt.</p></div></article>
        <div id="comments"><h2>2 Kommentare</h2><ol class="commentlist">
        <li class="comment" id="comment-1"><div class="comment-author"><cite class="fn">Anna</cite> <span class="says">sagt:</span></div>
          <div class="comment-metadata"><time>14. März 2024 um 9:12 Uhr</time></div><div class="comment-content"><p>Erster.</p></div>
          <div class="reply"><a>Antworten</a></div>
          <ul class="children"><li class="comment" id="comment-2"><cite class="fn">Bert</cite><time>vor 3 Stunden</time><div class="comment-content"><p>Zweiter.</p></div></li></ul>
        </li></ol></div></body></html>"#;
        let p = parse(html);
        assert_eq!(p.title.as_deref(), Some("Ein Titel hier"));
        assert_eq!(p.declared_comments, Some(2));
        assert_eq!(p.comments.len(), 2, "{:#?}", p.comments);
        assert_eq!(p.comments[0].author.as_deref(), Some("Anna"));
        assert_eq!(p.comments[0].date.as_deref(), Some("14. März 2024 um 9:12 Uhr"));
        assert_eq!(p.comments[1].reply_to, Some(0));
        assert_eq!(p.comments[1].text, "Zweiter.");
        assert!(p.body.iter().any(|b| b.starts_with("Ein Absatz")));
    }

    #[test]
    fn bem_class_words() {
        let html = r#"<html><body><h1>Ein Titel hier</h1><div class="comments"><div class="x-comment">
          <div class="x-comment__head"><span class="x-comment__name">Uli</span> <span class="x-comment__time">bearbeitet vor 3 Stunden</span></div>
          <p class="x-comment__text">Ein Text.</p></div></div></body></html>"#;
        let p = parse(html);
        assert_eq!(p.comments.len(), 1, "{:#?}", p.comments);
        assert_eq!(p.comments[0].author.as_deref(), Some("Uli"));
        assert_eq!(p.comments[0].date.as_deref(), Some("vor 3 Stunden"));
    }

    #[test]
    fn text_fallback_without_profile_lines_and_signatures() {
        let doc = Html::parse_document(
            r#"<html><body><div class="p"><dl class="postprofile"><dt>Anna</dt><dd>Neuling</dd></dl><b>Anna</b><br>Registriert: Mo 12. Jan 2015, 19:03<br>Beiträge: 12<br>
            <p>Ein Beitrag.</p><div class="signature">Gruß aus dem Tal</div></div></body></html>"#,
        );
        let t = as_text(&doc);
        assert!(t.contains("Ein Beitrag."), "{t}");
        for f in ["Registriert", "Beiträge", "Neuling", "Gruß aus dem Tal"] {
            assert!(!t.contains(f), "{f:?} in {t}");
        }
    }

    #[test]
    fn short_dates_placeholders_reply_tabs() {
        for d in ["19. Nov.", "3. Dezember", "gestern", "heute", "3 Std.", "vor 2 Tagen"] {
            assert!(short_date(d), "{d}");
        }
        for d in ["Nov.", "19 Likes", "Gestern war es kalt."] {
            assert!(!short_date(d), "{d}");
        }
        assert!(is_removed_placeholder("Dieser Kommentar wurde gelöscht."));
        assert!(is_removed_placeholder("Dieser Beitrag wurde vom Verfasser entfernt."));
        assert!(is_removed_placeholder("[gelöscht]"));
        assert!(is_removed_placeholder("Dieser Beitrag ist gesperrt. Begründung: Beleidigung."));
        assert!(!is_removed_placeholder("Der Weg ist gesperrt. Grund: Bauarbeiten an der Brücke."));
        assert!(!is_removed_placeholder("Der Beitrag der Stadt ist gelöscht worden, sagt man, aber ich glaube das nicht."));
        assert_eq!(reply_tab_with("↩ heike_aerzen", false), Some(ReplyRef::Name("heike_aerzen".into())));
        assert_eq!(reply_tab_with("heike_aerzen", false), None);
        assert_eq!(reply_tab_with("heike_aerzen", true), Some(ReplyRef::Name("heike_aerzen".into())));
        assert_eq!(counted_replies("5 Antworten"), Some(5));
        assert_eq!(counted_replies("5 Likes"), None);
        assert_eq!(site_suffix("Mulde-Echo | Höfgen bekommt einen höheren Deich").as_deref(), Some("Mulde-Echo"));
        assert_eq!(site_suffix("Höfgen bekommt einen höheren Deich – Mulde-Echo").as_deref(), Some("Mulde-Echo"));
    }

    #[test]
    fn title_suffix() {
        assert_eq!(strip_site_suffix("Neue Prämie: Wer profitiert – Lokalblatt"), "Neue Prämie: Wer profitiert");
        let p = parse("<html><head><title>Eine Meldung des Tages | Blatt</title></head><body><p>x</p></body></html>");
        assert_eq!(p.title.as_deref(), Some("Eine Meldung des Tages"));
    }
}
