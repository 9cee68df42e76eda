//! A plain, self-contained HTML rendering (no scripts, no network).

use super::{byline, summary_line, ArticleReport, Index};
use crate::score::Cue;

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
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
    o
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#222}\
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}\
.c{border-left:4px solid #999;padding:.2rem .8rem;margin:1rem 0}.c.flag{border-color:#b35806}\
mark{background:#fdb863}blockquote{margin:.3rem 0;white-space:pre-wrap}.meta{color:#555;font-size:.9em}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n{body}\n</body></html>\n",
        esc(title)
    )
}

/// Text with the cue spans (into `offset..`) highlighted.
fn highlight(text: &str, cues: &[&Cue], offset: usize) -> String {
    let mut spans: Vec<(usize, usize)> = cues
        .iter()
        .filter(|c| c.start >= offset && c.end <= offset + text.len())
        .map(|c| (c.start - offset, c.end - offset))
        .filter(|(a, b)| text.is_char_boundary(*a) && text.is_char_boundary(*b))
        .collect();
    spans.sort();
    spans.dedup();
    let mut out = String::new();
    let mut last = 0;
    for (a, b) in spans {
        if a < last {
            continue;
        }
        out.push_str(&esc(&text[last..a]));
        out.push_str("<mark>");
        out.push_str(&esc(&text[a..b]));
        out.push_str("</mark>");
        last = b;
    }
    out.push_str(&esc(&text[last..]));
    out
}

/// One article's report.
pub fn article(r: &ArticleReport) -> String {
    let title = r.title.as_deref().unwrap_or("(ohne Titel)");
    let mut b = format!("<p><a href=\"index.html\">← index</a></p><h1>{}</h1>\n", esc(title));
    b.push_str(&format!("<p class=\"meta\">Source: {}</p>\n<p><strong>{}</strong></p>\n", esc(&r.source), esc(&summary_line(r))));
    if !r.stance.is_empty() {
        b.push_str("<h2>Stance per party</h2><table><thead><tr><th scope=\"col\">party</th><th scope=\"col\">against</th><th scope=\"col\">favor</th><th scope=\"col\">none</th></tr></thead><tbody>");
        for p in &r.stance {
            b.push_str(&format!("<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>", esc(&p.party), p.against, p.favor, p.none));
        }
        b.push_str("</tbody></table>\n");
    }
    b.push_str("<h2>Review queue</h2>\n");
    for (rank, &i) in r.review_queue.iter().enumerate() {
        let c = &r.page.comments[i];
        let flagged = c.flagged();
        let cues: Vec<&Cue> = c.scores.iter().filter(|h| h.flagged).flat_map(|h| h.cues.iter()).collect();
        let title_len = c.title.as_ref().filter(|t| !t.trim().is_empty()).map(|t| t.len() + 1);
        b.push_str(&format!(
            "<article class=\"c{}\"><h3>{}. #{} — {}</h3>",
            if flagged { " flag" } else { "" },
            rank + 1,
            i + 1,
            esc(&byline(c))
        ));
        if let Some(p) = c.reply_to {
            b.push_str(&format!("<p class=\"meta\">reply to #{}</p>", p + 1));
        }
        if let Some(t) = &c.title {
            b.push_str(&format!("<p><strong>{}</strong></p>", highlight(t, &cues, 0)));
        }
        b.push_str(&format!("<blockquote>{}</blockquote><ul>", highlight(&c.text, &cues, title_len.unwrap_or(0))));
        for h in &c.scores {
            let words: Vec<String> = h.cues.iter().map(|c| esc(&c.word)).collect();
            b.push_str(&format!(
                "<li>{}: {:.2}{}{}{}</li>",
                esc(&h.head),
                h.score,
                h.threshold.map(|t| format!(" (threshold {t:.2})")).unwrap_or_default(),
                if h.flagged { " <strong>flagged</strong>" } else { "" },
                if words.is_empty() { String::new() } else { format!(" — {}", words.join(", ")) }
            ));
        }
        for s in &c.stance {
            b.push_str(&format!("<li>stance toward {}: {} ({:.2})</li>", esc(&s.party), esc(&s.stance), s.score));
        }
        b.push_str("</ul></article>\n");
    }
    page(title, &b)
}

/// The index page.
pub fn index(ix: &Index, heads: &[String]) -> String {
    let mut b = format!("<h1>comment-radar</h1><p>{} articles, {} comments.</p>", ix.articles.len(), ix.total_comments);
    b.push_str("<table><thead><tr><th scope=\"col\">article</th><th scope=\"col\">comments</th>");
    for h in heads {
        b.push_str(&format!("<th scope=\"col\">{}</th>", esc(h)));
    }
    b.push_str("</tr></thead><tbody>");
    for a in &ix.articles {
        b.push_str(&format!(
            "<tr><th scope=\"row\"><a href=\"{}.html\">{}</a></th><td>{}</td>",
            esc(&a.slug),
            esc(a.title.as_deref().unwrap_or(&a.source)),
            a.comments
        ));
        for h in &a.heads {
            b.push_str(&format!("<td>{} ({:.0} %)</td>", h.flagged, h.share * 100.0));
        }
        b.push_str("</tr>");
    }
    b.push_str("</tbody></table>");
    if !ix.failures.is_empty() {
        b.push_str("<h2>Pages that could not be read</h2><ul>");
        for f in &ix.failures {
            b.push_str(&format!("<li><code>{}</code>: {}</li>", esc(&f.source), esc(&f.error)));
        }
        b.push_str("</ul>");
    }
    page("comment-radar", &b)
}
