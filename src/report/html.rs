//! The HTML report: self-contained pages (inline CSS and SVG, no network;
//! readable without JavaScript — a few lines of inline script only make the
//! index table sortable), semantic markup with table headers, a colour-blind
//! safe palette (Okabe–Ito) where colour never carries meaning alone, and a
//! print style for A4.

use std::fmt::Write;

use super::{byline, summary_line, Action, ArticleReport, HeadSummary, Index, Lang, PartyStance, Thresholds, ThresholdSource};
use crate::score::{Cue, ScoredComment};

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    esc_into(&mut o, s);
    o
}

fn esc_into(o: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
}

const STYLE: &str = r#"
:root{--ink:#1b1b1b;--muted:#555;--line:#c8c8c8;--remove:#b84a00;--review:#f0b429;--keep:#d9eee6;--keep-ink:#00563f;--against:#d55e00;--favor:#0072b2;--neutral:#999}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;max-width:76rem;margin:1.5rem auto;padding:0 1rem;line-height:1.45;color:var(--ink);background:#fff}
h1{font-size:1.6rem;margin:.3rem 0 .4rem;line-height:1.2}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:2px solid var(--ink);padding-bottom:.15rem}h3{font-size:1rem;margin:0}
a{color:#0b57a4}.meta{color:var(--muted);font-size:.9em}.summary{font-size:1.1rem;font-weight:600;margin:.6rem 0}
nav{font-size:.95em}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--ink);font-size:.9em;hyphens:manual}th .meta{font-weight:400}.wide{overflow-x:auto}tfoot th,tfoot td{border-top:2px solid var(--ink);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th button{font:inherit;font-weight:700;border:0;background:none;padding:0;cursor:pointer;color:inherit;text-align:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
.badge{display:inline-block;font-size:.8rem;font-weight:700;padding:.05rem .45rem;border-radius:.25rem;border:1px solid var(--ink);white-space:nowrap;text-transform:uppercase;letter-spacing:.02em}
.a-remove{background:var(--remove);color:#fff;border-color:var(--remove)}.a-review{background:var(--review);color:#000}.a-keep{background:var(--keep);color:var(--keep-ink);border-color:var(--keep-ink)}
.charts{display:flex;flex-wrap:wrap;gap:1.2rem}.charts figure{margin:0;flex:1 1 20rem;max-width:34rem}figcaption{font-size:.9em;color:var(--muted)}
svg text{font-family:inherit;font-size:12px;fill:#333}
.c{border:1px solid var(--line);border-left:6px solid var(--line);padding:.5rem .8rem;margin:.8rem 0;break-inside:avoid}
.c.remove{border-left-color:var(--remove)}.c.review{border-left-color:var(--review)}.c.keep{border-left-color:#7fbfa6}
.txt{margin:.4rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
mark{color:inherit;padding:0 .1em;border-radius:2px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
mark.h0{background:#f0e442;border-bottom:2px solid #8a7f00}mark.h1{background:#bfe1f6;border-bottom:2px dashed #0072b2}mark.h2{background:#f4c7de;border-bottom:2px dotted #cc79a7}mark.h3{background:#d8d8d8;border-bottom:2px double #333}
.sc{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.2rem 1.4rem;font-size:.9em}
.bar{display:inline-block;width:5rem;height:.6rem;border:1px solid #666;vertical-align:middle;margin:0 .3rem;background:#fff;position:relative}
.bar>span{display:block;height:100%;background:#555}.bar>i{position:absolute;top:-2px;bottom:-2px;border-left:2px solid #000}
.stack{display:inline-flex;width:7rem;height:.8rem;border:1px solid #666;vertical-align:middle;margin-right:.3rem}.stack>span{height:100%}
.stack .s-remove{background:var(--remove)}.stack .s-review{background:repeating-linear-gradient(45deg,var(--review) 0 3px,#fff3c4 3px 5px)}.stack .s-keep{background:var(--keep)}
.thread,.thread ol{list-style:none;padding-left:0}.thread ol{margin-left:1.4rem;border-left:2px solid var(--line);padding-left:.7rem}.thread li{margin:.35rem 0}
.legend{font-size:.9em}.legend span{margin-right:1rem}
.tq td.txt{font-size:.92em;max-width:40rem}
@media (max-width:40rem){.bar{width:3rem}}
@media print{@page{size:A4;margin:14mm 12mm}body{max-width:none;margin:0;padding:0;font-size:10pt}nav,th button::after{display:none}a{color:inherit;text-decoration:none}h2{break-after:avoid}tr,.c,figure{break-inside:avoid}.badge,.stack span,.bar span{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"#;

/// Makes tables with class `sortable` sortable by clicking a column header
/// (progressive enhancement: without JavaScript the table reads the same).
const SORT_SCRIPT: &str = r#"document.querySelectorAll("table.sortable").forEach(function(t){var hs=t.tHead.rows[0].cells;Array.prototype.forEach.call(hs,function(th,i){var b=document.createElement("button");b.type="button";while(th.firstChild)b.appendChild(th.firstChild);th.appendChild(b);b.addEventListener("click",function(){var asc=th.getAttribute("aria-sort")!=="ascending";Array.prototype.forEach.call(hs,function(x){x.removeAttribute("aria-sort")});th.setAttribute("aria-sort",asc?"ascending":"descending");var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);function v(r){var c=r.cells[i];return c.hasAttribute("data-v")?c.getAttribute("data-v"):c.textContent.trim()}rows.sort(function(a,b){var x=v(a),y=v(b),nx=parseFloat(x),ny=parseFloat(y);var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return asc?c:-c});rows.forEach(function(r){body.appendChild(r)})})})});"#;

fn page(lang: Lang, title: &str, body: &str, script: bool) -> String {
    let mut o = String::with_capacity(body.len() + STYLE.len() + 600);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"comment-radar {}\">\n<title>",
        lang.t().code,
        env!("CARGO_PKG_VERSION")
    );
    esc_into(&mut o, title);
    o.push_str("</title>\n<style>");
    o.push_str(STYLE);
    o.push_str("</style>\n</head>\n<body>\n");
    o.push_str(body);
    if script {
        o.push_str("\n<script>");
        o.push_str(SORT_SCRIPT);
        o.push_str("</script>");
    }
    o.push_str("\n</body>\n</html>\n");
    o
}

/// A span to highlight: byte range into the scored text, head index (for the
/// style), and the cue (for the tooltip).
struct Span<'a> {
    start: usize,
    end: usize,
    head: usize,
    cue: &'a Cue,
    head_name: &'a str,
}

/// Appends `text` (which starts at byte `offset` of the scored text) with the
/// spans inside it marked; overlapping spans keep the first.
fn highlight_into(o: &mut String, text: &str, offset: usize, spans: &[Span], lang: Lang) {
    let mut last = 0;
    for s in spans {
        if s.start < offset || s.end > offset + text.len() || s.end <= s.start {
            continue;
        }
        let (a, b) = (s.start - offset, s.end - offset);
        if a < last || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        esc_into(o, &text[last..a]);
        let _ = write!(o, "<mark class=\"h{}\" title=\"", s.head.min(3));
        esc_into(o, s.head_name);
        let _ = write!(o, " +{}\">", lang.dec(s.cue.weight, 2));
        esc_into(o, &text[a..b]);
        o.push_str("</mark>");
        last = b;
    }
    esc_into(o, &text[last..]);
}

/// The comment's title (bold) and text with the cue spans marked.
fn comment_text_into(o: &mut String, title: Option<&str>, text: &str, mut spans: Vec<Span>, lang: Lang) {
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let title = title.filter(|t| !t.trim().is_empty());
    if let Some(t) = title {
        o.push_str("<strong>");
        highlight_into(o, t, 0, &spans, lang);
        o.push_str("</strong>\n");
    }
    highlight_into(o, text, title.map(|t| t.len() + 1).unwrap_or(0), &spans, lang);
}

fn spans_of<'a>(c: &'a ScoredComment, heads: &[(usize, &'a str)]) -> Vec<Span<'a>> {
    let mut v = Vec::new();
    for &(k, name) in heads {
        if let Some(s) = c.score(name) {
            for cue in &s.cues {
                v.push(Span { start: cue.start, end: cue.end, head: k, cue, head_name: &s.head });
            }
        }
    }
    v
}

fn badge_into(o: &mut String, a: Action, lang: Lang) {
    let (cls, sym) = match a {
        Action::Remove => ("a-remove", "✕"),
        Action::Review => ("a-review", "!"),
        Action::Keep => ("a-keep", "✓"),
    };
    let _ = write!(o, "<span class=\"badge {cls}\"><span aria-hidden=\"true\">{sym}</span> {}</span>", lang.action(a));
}

fn action_class(a: Action) -> &'static str {
    match a {
        Action::Remove => "remove",
        Action::Review => "review",
        Action::Keep => "keep",
    }
}

/// A horizontal score bar with a tick at the review threshold.
fn bar_into(o: &mut String, score: f64, review_at: Option<f64>) {
    let w = (score.clamp(0.0, 1.0) * 100.0).round();
    let _ = write!(o, "<span class=\"bar\" aria-hidden=\"true\"><span style=\"width:{w}%\"></span>");
    if let Some(t) = review_at {
        let _ = write!(o, "<i style=\"left:{}%\"></i>", (t.clamp(0.0, 1.0) * 100.0).round());
    }
    o.push_str("</span>");
}

/// SVG histogram of one head's scores with the thresholds marked.
fn histogram_svg(o: &mut String, h: &HeadSummary, lang: Lang, id: &str) {
    let t = lang.t();
    let (w, ht, left, bottom, top) = (340.0, 170.0, 30.0, 28.0, 40.0);
    let plot_w = w - left - 8.0;
    let plot_h = ht - bottom - top;
    let max = h.histogram.iter().copied().max().unwrap_or(0).max(1) as f64;
    let bw = plot_w / h.histogram.len().max(1) as f64;
    let name = lang.head_name(&h.head);
    let _ = write!(
        o,
        "<svg role=\"img\" aria-labelledby=\"{id}-t\" viewBox=\"0 0 {w} {ht}\" width=\"100%\" style=\"max-width:{w}px\"><title id=\"{id}-t\">"
    );
    esc_into(o, &format!("{}: {}", t.distribution, name));
    o.push_str("</title>");
    // axes
    let _ = write!(o, "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>", top + plot_h, left + plot_w, top + plot_h);
    let _ = write!(o, "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", left - 4.0, top + 4.0, lang.int(max as usize));
    let _ = write!(o, "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>", left - 4.0, top + plot_h);
    for (i, &n) in h.histogram.iter().enumerate() {
        let lo = i as f64 / h.histogram.len() as f64;
        let mid = lo + 0.5 / h.histogram.len() as f64;
        let a = if h.remove_at.is_some_and(|r| mid >= r) {
            Action::Remove
        } else if h.review_at.is_some_and(|r| mid >= r) {
            Action::Review
        } else {
            Action::Keep
        };
        let fill = match a {
            Action::Remove => "#b84a00",
            Action::Review => "#f0b429",
            Action::Keep => "#7fbfa6",
        };
        let bh = n as f64 / max * plot_h;
        let x = left + i as f64 * bw;
        let _ = write!(
            o,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\" stroke=\"#333\" stroke-width=\"0.5\"><title>{}–{}: {}</title></rect>",
            x + 1.0,
            top + plot_h - bh,
            bw - 2.0,
            bh,
            lang.dec(lo, 1),
            lang.dec(lo + 0.1, 1),
            lang.int(n)
        );
        if n > 0 {
            let _ = write!(o, "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>", x + bw / 2.0, top + plot_h - bh - 3.0, lang.int(n));
        }
    }
    for (v, label) in [(0.0, "0"), (0.5, ""), (1.0, "1")] {
        let x = left + v * plot_w;
        let l = if label.is_empty() { lang.dec(0.5, 1) } else { label.to_string() };
        let _ = write!(o, "<text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\">{l}</text>", top + plot_h + 12.0);
    }
    for (thr, label, dash) in [(h.review_at, t.review_from, "4 2"), (h.remove_at, t.remove_from, "1 2")] {
        if let Some(v) = thr {
            let x = left + v.clamp(0.0, 1.0) * plot_w;
            let _ = write!(
                o,
                "<line x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{}\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"{dash}\"/>",
                if label == t.review_from { top - 18.0 } else { top - 4.0 },
                top + plot_h
            );
            let anchor = if v > 0.6 { "end" } else { "start" };
            let dx = if v > 0.6 { -3.0 } else { 3.0 };
            let y = if label == t.review_from { top - 22.0 } else { top - 8.0 };
            let _ = write!(o, "<text x=\"{:.1}\" y=\"{y}\" text-anchor=\"{anchor}\">{} {}</text>", x + dx, label, lang.dec(v, 2));
        }
    }
    let _ = write!(o, "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", left + plot_w / 2.0, ht - 2.0, t.score);
    o.push_str("</svg>");
}

/// SVG diverging bars: against to the left, favor to the right, per party.
fn stance_svg(o: &mut String, stance: &[PartyStance], lang: Lang, id: &str) {
    let t = lang.t();
    let rows: Vec<&PartyStance> = stance.iter().take(8).collect();
    let max = rows.iter().map(|p| p.against.max(p.favor)).max().unwrap_or(0).max(1) as f64;
    let (w, row_h, name_w, top) = (360.0, 22.0, 110.0, 20.0);
    let half = (w - name_w - 70.0) / 2.0;
    let center = name_w + half;
    let ht = top + rows.len() as f64 * row_h + 6.0;
    let _ = write!(
        o,
        "<svg role=\"img\" aria-labelledby=\"{id}-t\" viewBox=\"0 0 {w} {ht}\" width=\"100%\" style=\"max-width:{w}px\"><title id=\"{id}-t\">"
    );
    esc_into(o, t.stance_chart);
    o.push_str("</title>");
    let _ = write!(o, "<text x=\"{:.1}\" y=\"12\" text-anchor=\"end\">◀ {}</text>", center - 4.0, t.against);
    let _ = write!(o, "<text x=\"{:.1}\" y=\"12\">{} ▶</text>", center + 4.0, t.favor);
    let _ = write!(o, "<text x=\"{:.1}\" y=\"12\" text-anchor=\"end\">{}</text>", w - 2.0, t.neutral);
    for (i, p) in rows.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let _ = write!(o, "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">", name_w - 6.0, y + 14.0);
        esc_into(o, &p.party);
        o.push_str("</text>");
        let wa = p.against as f64 / max * half;
        let wf = p.favor as f64 / max * half;
        let _ = write!(
            o,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{wa:.1}\" height=\"{:.1}\" fill=\"#d55e00\"><title>{} {}: {}</title></rect>",
            center - wa,
            y + 3.0,
            row_h - 6.0,
            esc(&p.party),
            t.against,
            p.against
        );
        let _ = write!(
            o,
            "<rect x=\"{center:.1}\" y=\"{:.1}\" width=\"{wf:.1}\" height=\"{:.1}\" fill=\"#0072b2\"><title>{} {}: {}</title></rect>",
            y + 3.0,
            row_h - 6.0,
            esc(&p.party),
            t.favor,
            p.favor
        );
        if p.against > 0 {
            let _ = write!(o, "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>", center - wa - 3.0, y + 14.0, lang.int(p.against));
        }
        if p.favor > 0 {
            let _ = write!(o, "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>", center + wf + 3.0, y + 14.0, lang.int(p.favor));
        }
        let _ = write!(o, "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#555\">{}</text>", w - 2.0, y + 14.0, lang.int(p.none));
    }
    let _ = write!(o, "<line x1=\"{center:.1}\" y1=\"{}\" x2=\"{center:.1}\" y2=\"{ht}\" stroke=\"#333\"/>", top - 2.0);
    o.push_str("</svg>");
}

fn thresholds_table(o: &mut String, th: &[Thresholds], lang: Lang) {
    let t = lang.t();
    let src = |s: ThresholdSource| match s {
        ThresholdSource::Model => t.from_model,
        ThresholdSource::CvThreshold => t.from_cv,
        ThresholdSource::Override => t.from_override,
        ThresholdSource::None => "",
    };
    let _ = write!(
        o,
        "<details><summary>{}</summary><p class=\"meta\">{}</p><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th></tr></thead><tbody>",
        t.thresholds,
        esc(t.thresholds_intro),
        t.head,
        lang.action(Action::Review),
        lang.action(Action::Remove)
    );
    for x in th {
        o.push_str("<tr><th scope=\"row\">");
        esc_into(o, &lang.head_name(&x.head));
        let fmt = |v: Option<f64>, s: ThresholdSource| match v {
            Some(v) => format!("{} ({})", lang.dec(v, 2), src(s)),
            None => t.not_set.to_string(),
        };
        let _ = write!(o, "</th><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>", fmt(x.review_at, x.review_source), fmt(x.remove_at, x.remove_source));
    }
    o.push_str("</tbody></table></details>\n");
}

fn legend(o: &mut String, th: &[Thresholds], lang: Lang) {
    let t = lang.t();
    let _ = write!(o, "<p class=\"legend\"><strong>{}:</strong> ", t.legend);
    for a in [Action::Remove, Action::Review, Action::Keep] {
        o.push_str("<span>");
        badge_into(o, a, lang);
        o.push_str("</span>");
    }
    for (k, x) in th.iter().enumerate() {
        let _ = write!(o, "<span><mark class=\"h{}\">", k.min(3));
        esc_into(o, &lang.head_name(&x.head));
        o.push_str("</mark></span>");
    }
    o.push_str("</p>\n");
}

/// An excerpt of at most `max` characters, cut at a word.
fn excerpt(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{cut} …")
}

/// One article's report page.
pub fn article(r: &ArticleReport, lang: Lang) -> String {
    let t = lang.t();
    let title = r.title.as_deref().unwrap_or(t.untitled);
    let heads: Vec<(usize, &str)> = r.thresholds.iter().enumerate().map(|(k, x)| (k, x.head.as_str())).collect();
    let mut b = String::with_capacity(4096 + r.comments * 1500);
    let _ = write!(b, "<nav><a href=\"index.html\">{}</a></nav>\n<header>\n<h1>", t.back);
    esc_into(&mut b, title);
    b.push_str("</h1>\n<p class=\"meta\">");
    let mut meta = Vec::new();
    if let Some(s) = &r.site {
        meta.push(format!("{}: {}", t.site, esc(s)));
    }
    if let Some(d) = &r.date {
        meta.push(format!("{}: {}", t.date, esc(d)));
    }
    meta.push(format!("{}: <code>{}</code>", t.source, esc(&r.source)));
    b.push_str(&meta.join(" · "));
    b.push_str("</p>\n<p class=\"summary\">");
    esc_into(&mut b, &summary_line(r, lang));
    b.push_str("</p>\n");
    if let Some(d) = r.declared_comments.filter(|&d| d != r.comments) {
        let _ = write!(b, "<p class=\"meta\">{}</p>\n", esc(&t.declared.replace("{d}", &lang.int(d)).replace("{n}", &lang.int(r.comments))));
    }
    if !r.parties_involved.is_empty() {
        let _ = write!(b, "<p class=\"meta\">{}: {}</p>\n", t.parties, esc(&r.parties_involved.join(", ")));
    }
    b.push_str("</header>\n");
    if r.comments == 0 {
        let _ = write!(b, "<p>{}</p>\n", t.no_comments);
        return page(lang, title, &b, false);
    }

    // charts
    let _ = write!(b, "<section aria-labelledby=\"glance\"><h2 id=\"glance\">{}</h2><div class=\"charts\">\n", t.at_a_glance);
    for (k, h) in r.heads.iter().enumerate() {
        b.push_str("<figure>");
        histogram_svg(&mut b, h, lang, &format!("hist{k}"));
        let _ = write!(b, "<figcaption>{}: <strong>", t.distribution);
        esc_into(&mut b, &lang.head_name(&h.head));
        let _ = write!(
            b,
            "</strong> — {}: {} · {}: {}</figcaption></figure>\n",
            lang.action(Action::Review),
            lang.int(h.flagged - h.remove),
            lang.action(Action::Remove),
            lang.int(h.remove),
        );
    }
    b.push_str("<figure>");
    if r.stance.is_empty() {
        let _ = write!(b, "<p>{}</p>", t.no_stance);
    } else {
        stance_svg(&mut b, &r.stance, lang, "stance");
        let _ = write!(b, "<figcaption>{}</figcaption>", t.stance_chart);
    }
    b.push_str("</figure>\n</div>\n");
    thresholds_table(&mut b, &r.thresholds, lang);
    b.push_str("</section>\n");

    // review queue
    let _ = write!(b, "<section aria-labelledby=\"queue\"><h2 id=\"queue\">{}</h2>\n<p class=\"meta\">{}</p>\n", t.queue, t.queue_intro);
    legend(&mut b, &r.thresholds, lang);
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); r.comments];
    for (i, c) in r.page.comments.iter().enumerate() {
        if let Some(p) = c.reply_to.filter(|&p| p < i) {
            children[p].push(i);
        }
    }
    for q in &r.review_queue {
        let i = q.index;
        let c = &r.page.comments[i];
        let _ = write!(b, "<article class=\"c {}\" id=\"c{}\" aria-labelledby=\"c{}h\"><h3 id=\"c{}h\">", action_class(q.action), i + 1, i + 1, i + 1);
        badge_into(&mut b, q.action, lang);
        let _ = write!(b, " #{} ", i + 1);
        esc_into(&mut b, c.author.as_deref().unwrap_or(t.anonymous));
        if let Some(d) = &c.date {
            b.push_str(" <span class=\"meta\">");
            esc_into(&mut b, d);
            b.push_str("</span>");
        }
        b.push_str("</h3>");
        if let Some(p) = c.reply_to.filter(|&p| p < r.comments && p != i) {
            let _ = write!(b, "<p class=\"meta\">{} <a href=\"#c{}\">#{} ", t.reply_to, p + 1, p + 1);
            esc_into(&mut b, r.page.comments[p].author.as_deref().unwrap_or(t.anonymous));
            b.push_str("</a></p>");
        }
        b.push_str("<ul class=\"sc\">");
        for (k, ha) in q.heads.iter().enumerate() {
            b.push_str("<li>");
            esc_into(&mut b, &lang.head_name(&ha.head));
            b.push(' ');
            bar_into(&mut b, ha.score, r.thresholds.get(k).and_then(|x| x.review_at));
            let _ = write!(b, "<strong>{}</strong>", lang.dec(ha.score, 2));
            if ha.action != Action::Keep {
                b.push(' ');
                badge_into(&mut b, ha.action, lang);
                if let Some(s) = c.score(&ha.head) {
                    if !s.cues.is_empty() {
                        let _ = write!(b, " — {}: ", t.raised_by);
                        let words: Vec<String> = s.cues.iter().map(|w| esc(&w.word)).collect();
                        b.push_str(&words.join(", "));
                    }
                    if !s.ngrams.is_empty() {
                        let grams: Vec<String> = s
                            .ngrams
                            .iter()
                            .map(|g| format!("<code>{}</code> +{}", esc(&g.ngram), lang.dec(g.weight, 2)))
                            .collect();
                        let _ = write!(b, " <span class=\"meta\">({}: {})</span>", t.ngrams, grams.join(", "));
                    }
                }
            }
            b.push_str("</li>");
        }
        b.push_str("</ul>");
        let marked: Vec<(usize, &str)> =
            heads.iter().copied().filter(|(k, _)| q.heads.get(*k).is_some_and(|h| h.action != Action::Keep)).collect();
        b.push_str("<blockquote class=\"txt\">");
        comment_text_into(&mut b, c.title.as_deref(), &c.text, spans_of(c, &marked), lang);
        b.push_str("</blockquote>");
        if !c.stance.is_empty() {
            let _ = write!(b, "<p class=\"meta\">{}: ", t.stance);
            let parts: Vec<String> = c
                .stance
                .iter()
                .map(|s| {
                    let mut p = format!("{} {} ({})", esc(&s.party), lang.stance(&s.stance), lang.dec(s.score, 2));
                    if let Some(bl) = &s.blame {
                        let _ = write!(p, " — {}: „{}“", t.blamed, esc(&bl.clause));
                    } else if s.stance != "none" && !s.cues.is_empty() {
                        let words: Vec<String> = s.cues.iter().take(3).map(|w| esc(&w.word)).collect();
                        let _ = write!(p, " — {}: {}", t.raised_by, words.join(", "));
                    }
                    p
                })
                .collect();
            b.push_str(&parts.join(" · "));
            b.push_str("</p>");
        }
        if !children[i].is_empty() {
            let _ = write!(b, "<p class=\"meta\">{}: ", t.replies);
            let links: Vec<String> = children[i]
                .iter()
                .map(|&j| format!("<a href=\"#c{}\">#{} {}</a>", j + 1, j + 1, esc(r.page.comments[j].author.as_deref().unwrap_or(t.anonymous))))
                .collect();
            b.push_str(&links.join(", "));
            b.push_str("</p>");
        }
        let _ = write!(b, "<p class=\"meta\"><a href=\"#d{}\">{}</a></p></article>\n", i + 1, t.in_discussion);
    }
    b.push_str("</section>\n");

    // per-head rankings
    for (k, hq) in r.head_queues.iter().enumerate() {
        let name = lang.head_name(&hq.head);
        let _ = write!(b, "<section aria-labelledby=\"rank{k}\"><h2 id=\"rank{k}\">{}: ", t.head_queue);
        esc_into(&mut b, &name);
        let _ = write!(b, "</h2>\n<p class=\"meta\">{}</p>\n", t.head_queue_intro);
        let _ = write!(
            b,
            "<table class=\"tq\"><thead><tr><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>\n",
            t.rank, t.comment, t.score, t.recommendation, "Text"
        );
        let thr = &r.thresholds[k];
        for (rank, &i) in hq.comments.iter().take(super::RUN_QUEUE_LEN).enumerate() {
            let c = &r.page.comments[i];
            let Some(s) = c.score(&hq.head) else { continue };
            let _ = write!(b, "<tr><td class=\"n\">{}</td><th scope=\"row\"><a href=\"#c{}\">#{}</a> ", rank + 1, i + 1, i + 1);
            esc_into(&mut b, &byline(c, lang));
            let _ = write!(b, "</th><td class=\"n\">{}</td><td>", lang.dec(s.score, 2));
            badge_into(&mut b, thr.action(s.score), lang);
            b.push_str("</td><td class=\"txt\">");
            comment_text_into(&mut b, c.title.as_deref(), &c.text, spans_of(c, &[(k, hq.head.as_str())]), lang);
            b.push_str("</td></tr>\n");
        }
        b.push_str("</tbody></table>");
        if hq.comments.len() > super::RUN_QUEUE_LEN {
            let _ = write!(b, "<p class=\"meta\">{} {}</p>", lang.int(hq.comments.len() - super::RUN_QUEUE_LEN), t.more);
        }
        b.push_str("</section>\n");
    }

    // the discussion as a thread
    let _ = write!(b, "<section aria-labelledby=\"thread\"><h2 id=\"thread\">{}</h2>\n<p class=\"meta\">{}</p>\n<ol class=\"thread\">", t.discussion, t.discussion_intro);
    let roots: Vec<usize> = (0..r.comments).filter(|&i| r.page.comments[i].reply_to.is_none_or(|p| p >= i)).collect();
    // iterative depth-first walk: (comment, open) events
    let mut stack: Vec<(usize, bool)> = roots.iter().rev().map(|&i| (i, true)).collect();
    let actions: Vec<Action> = {
        let mut a = vec![Action::Keep; r.comments];
        for q in &r.review_queue {
            a[q.index] = q.action;
        }
        a
    };
    while let Some((i, open)) = stack.pop() {
        if !open {
            b.push_str("</ol></li>");
            continue;
        }
        let c = &r.page.comments[i];
        let _ = write!(b, "<li id=\"d{}\">", i + 1);
        badge_into(&mut b, actions[i], lang);
        let _ = write!(b, " <a href=\"#c{}\">#{}</a> <strong>", i + 1, i + 1);
        esc_into(&mut b, c.author.as_deref().unwrap_or(t.anonymous));
        b.push_str("</strong>");
        if let Some(d) = &c.date {
            b.push_str(" <span class=\"meta\">");
            esc_into(&mut b, d);
            b.push_str("</span>");
        }
        b.push_str(" — ");
        esc_into(&mut b, &excerpt(&crate::score::scored_text(c.title.as_deref(), &c.text), 160));
        if children[i].is_empty() {
            b.push_str("</li>");
        } else {
            b.push_str("<ol>");
            stack.push((i, false));
            for &j in children[i].iter().rev() {
                stack.push((j, true));
            }
        }
    }
    b.push_str("</ol></section>\n");
    page(lang, title, &b, false)
}

/// The index page over all articles of a run.
pub fn index(ix: &Index, lang: Lang) -> String {
    let t = lang.t();
    let mut b = String::with_capacity(8192 + ix.articles.len() * 800);
    let _ = write!(b, "<header><h1>{}</h1>\n<p class=\"summary\">", t.report_title);
    let mut parts = vec![
        lang.count(ix.totals.articles, t.article, t.articles),
        lang.count(ix.totals.comments, t.comment, t.comments),
    ];
    for h in &ix.totals.heads {
        parts.push(format!("{} {} ({})", lang.int(h.flagged), lang.head_adj(&h.head), lang.pct(h.share)));
    }
    esc_into(&mut b, &parts.join(", "));
    let _ = write!(
        b,
        "</p>\n<p>{}: {} {}, {} {}.</p></header>\n",
        t.recommendation,
        lang.int(ix.totals.remove),
        lang.action(Action::Remove),
        lang.int(ix.totals.review),
        lang.action(Action::Review)
    );

    let _ = write!(b, "<section aria-labelledby=\"arts\"><h2 id=\"arts\">{}</h2><p class=\"meta\">{}</p>\n", if lang == Lang::De { "Artikel" } else { "Articles" }, t.sort_hint);
    let _ = write!(
        b,
        "<div class=\"wide\"><table class=\"sortable\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\">{}</th>",
        t.article, t.site, t.date, t.comments, t.recommendation
    );
    for h in &ix.totals.heads {
        b.push_str("<th scope=\"col\" class=\"n\">");
        esc_into(&mut b, &lang.head_adj(&h.head).replace("ungserz", "ungs\u{ad}erz"));
        b.push_str("</th>");
    }
    let _ = write!(b, "<th scope=\"col\">{}</th></tr></thead>\n<tbody>\n", t.dominant_stance);
    for (row_i, a) in ix.articles.iter().enumerate() {
        let title = a.title.as_deref().unwrap_or(t.untitled);
        let _ = write!(b, "<tr><th scope=\"row\" data-v=\"{}\"><a href=\"{}.html\">", esc(&title.to_lowercase()), esc(&a.slug));
        esc_into(&mut b, title);
        b.push_str("</a><br><span class=\"meta\">");
        esc_into(&mut b, std::path::Path::new(&a.source).file_name().map(|f| f.to_string_lossy().to_string()).as_deref().unwrap_or(&a.source));
        b.push_str("</span></th><td>");
        esc_into(&mut b, a.site.as_deref().unwrap_or("–"));
        b.push_str("</td><td>");
        esc_into(&mut b, a.date.as_deref().unwrap_or("–"));
        let _ = write!(b, "</td><td class=\"n\" data-v=\"{}\">{}</td>", a.comments, lang.int(a.comments));
        // stacked bar: remove / review / keep
        let n = a.comments.max(1) as f64;
        let keep = a.comments.saturating_sub(a.review + a.remove);
        let urgency = (a.remove * 1_000_000 + a.review * 1000) as f64 / n;
        let _ = write!(b, "<td data-v=\"{urgency:.3}\"><span class=\"stack\" aria-hidden=\"true\">");
        for (cls, k) in [("s-remove", a.remove), ("s-review", a.review), ("s-keep", keep)] {
            if k > 0 {
                let _ = write!(b, "<span class=\"{cls}\" style=\"width:{:.1}%\"></span>", k as f64 / n * 100.0);
            }
        }
        let _ = write!(
            b,
            "</span>{} {}, {} {}</td>",
            lang.int(a.remove),
            lang.action(Action::Remove),
            lang.int(a.review),
            lang.action(Action::Review)
        );
        for h in &a.heads {
            let _ = write!(b, "<td class=\"n\" data-v=\"{:.6}\">{} <span class=\"meta\">({})</span></td>", h.share, lang.pct(h.share), lang.int(h.flagged));
        }
        b.push_str("<td>");
        let sided: Vec<String> = a
            .stance
            .iter()
            .filter(|p| p.against + p.favor > 0)
            .take(4)
            .map(|p| format!("{}: {} ({}:{})", esc(&p.party), lang.stance(p.dominant()), p.against, p.favor))
            .collect();
        if sided.is_empty() {
            b.push('–');
        } else {
            b.push_str(&sided.join("<br>"));
        }
        b.push_str("</td></tr>\n");
        let _ = row_i;
    }
    let _ = write!(
        b,
        "</tbody>\n<tfoot><tr><th scope=\"row\">{} ({})</th><td></td><td></td><td class=\"n\">{}</td><td>{} {}, {} {}</td>",
        t.total,
        lang.count(ix.totals.articles, t.article, t.articles),
        lang.int(ix.totals.comments),
        lang.int(ix.totals.remove),
        lang.action(Action::Remove),
        lang.int(ix.totals.review),
        lang.action(Action::Review)
    );
    for h in &ix.totals.heads {
        let _ = write!(b, "<td class=\"n\">{} <span class=\"meta\">({})</span></td>", lang.pct(h.share), lang.int(h.flagged));
    }
    b.push_str("<td></td></tr></tfoot></table></div>\n");
    thresholds_table(&mut b, &ix.thresholds, lang);
    b.push_str("</section>\n");

    for (k, q) in ix.queues.iter().enumerate() {
        if q.comments.is_empty() {
            continue;
        }
        let _ = write!(b, "<section aria-labelledby=\"q{k}\"><h2 id=\"q{k}\">{}: ", t.head_queue);
        esc_into(&mut b, &lang.head_name(&q.head));
        let _ = write!(b, "</h2>\n<p class=\"meta\">{}</p>\n", t.run_queue_intro);
        let _ = write!(
            b,
            "<table class=\"tq\"><thead><tr><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>\n",
            t.rank, t.comment, t.score, t.recommendation, "Text"
        );
        let head_name = q.head.clone();
        for (rank, c) in q.comments.iter().enumerate() {
            let art = ix.articles.iter().find(|a| a.slug == c.slug);
            let _ = write!(b, "<tr><td class=\"n\">{}</td><th scope=\"row\"><a href=\"{}.html#c{}\">#{}</a> ", rank + 1, esc(&c.slug), c.index + 1, c.index + 1);
            esc_into(&mut b, c.author.as_deref().unwrap_or(t.anonymous));
            if let Some(d) = &c.date {
                b.push_str(", ");
                esc_into(&mut b, d);
            }
            b.push_str("<br><span class=\"meta\">");
            esc_into(&mut b, art.and_then(|a| a.title.as_deref()).unwrap_or(&c.slug));
            let _ = write!(b, "</span></th><td class=\"n\">{}</td><td>", lang.dec(c.score, 2));
            badge_into(&mut b, c.action, lang);
            b.push_str("</td><td class=\"txt\">");
            let mut spans: Vec<Span> = c
                .cues
                .iter()
                .map(|cue| Span { start: cue.start, end: cue.end, head: k, cue, head_name: &head_name })
                .collect();
            spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
            highlight_into(&mut b, &c.text, 0, &spans, lang);
            b.push_str("</td></tr>\n");
        }
        b.push_str("</tbody></table></section>\n");
    }

    if !ix.failures.is_empty() {
        let _ = write!(b, "<section aria-labelledby=\"fail\"><h2 id=\"fail\">{}</h2><ul>", t.failures);
        for f in &ix.failures {
            b.push_str("<li><code>");
            esc_into(&mut b, &f.source);
            b.push_str("</code>: ");
            esc_into(&mut b, &f.error);
            b.push_str("</li>");
        }
        b.push_str("</ul></section>\n");
    }
    page(lang, t.report_title, &b, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("<a href='x'>&\""), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
    }

    #[test]
    fn highlight_marks_spans_and_skips_overlaps_and_bad_boundaries() {
        let cue = Cue { word: "x".into(), start: 0, end: 0, weight: 0.5 };
        let text = "Die Lügenpresse lügt";
        let sp = |a, b| Span { start: a, end: b, head: 1, cue: &cue, head_name: "conspiracy" };
        let spans = vec![sp(4, 16), sp(5, 9), sp(17, 22), sp(5, 6)];
        let mut o = String::new();
        highlight_into(&mut o, text, 0, &spans, Lang::De);
        assert_eq!(o.matches("<mark").count(), 2, "{o}");
        assert!(o.contains(">Lügenpresse</mark>"), "{o}");
        assert!(o.contains(">lügt</mark>"), "{o}");
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("kurz", 10), "kurz");
        assert_eq!(excerpt("eins zwei drei vier fünf", 12), "eins zwei …");
    }
}
