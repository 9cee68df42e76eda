//! Markdown rendering of article reports and the index, in the report's
//! language; cue words in **bold**.

use std::fmt::Write;

use super::{byline, summary_line, Action, ArticleReport, Index, Lang};

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace('*', "\\*").replace('_', "\\_").replace('\n', " ")
}

/// `text` with the byte spans (sorted, into `text` at `offset`) in bold.
fn bold_spans(text: &str, offset: usize, spans: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for &(s, e) in spans {
        if s < offset || e > offset + text.len() || e <= s {
            continue;
        }
        let (a, b) = (s - offset, e - offset);
        if a < last || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        out.push_str(&esc(&text[last..a]));
        out.push_str("**");
        out.push_str(&esc(&text[a..b]));
        out.push_str("**");
        last = b;
    }
    out.push_str(&esc(&text[last..]));
    out
}

/// One article's report.
pub fn article(r: &ArticleReport, lang: Lang) -> String {
    let t = lang.t();
    let mut s = format!("# {}\n\n", esc(r.title.as_deref().unwrap_or(t.untitled)));
    let mut meta = Vec::new();
    if let Some(x) = &r.site {
        meta.push(format!("{}: {}", t.site, x));
    }
    if let Some(x) = &r.date {
        meta.push(format!("{}: {}", t.date, x));
    }
    meta.push(format!("{}: `{}`", t.source, r.source));
    let _ = write!(s, "{}\n\n**{}**\n\n", meta.join(" · "), summary_line(r, lang));
    if let Some(d) = r.declared_comments.filter(|&d| d != r.comments) {
        let _ = write!(s, "{}\n\n", t.declared.replace("{d}", &lang.int(d)).replace("{n}", &lang.int(r.comments)));
    }
    if !r.parties_involved.is_empty() {
        let _ = write!(s, "{}: {}\n\n", t.parties, r.parties_involved.join(", "));
    }
    if !r.heads.is_empty() {
        let _ = write!(
            s,
            "| {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|\n",
            t.head,
            lang.action(Action::Review),
            lang.action(Action::Remove),
            t.share_flagged,
            t.review_from,
            t.remove_from
        );
        for h in &r.heads {
            let th = |v: Option<f64>| v.map(|v| lang.dec(v, 2)).unwrap_or_else(|| t.not_set.into());
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} |",
                lang.head_name(&h.head),
                lang.int(h.flagged - h.remove),
                lang.int(h.remove),
                lang.pct(h.share),
                th(h.review_at),
                th(h.remove_at)
            );
        }
        s.push('\n');
    }
    if !r.stance.is_empty() {
        let _ = write!(s, "## {}\n\n| | {} | {} | {} |\n|---|---:|---:|---:|\n", t.stance, t.against, t.favor, t.neutral);
        for p in &r.stance {
            let _ = writeln!(s, "| {} | {} | {} | {} |", p.party, p.against, p.favor, p.none);
        }
        s.push('\n');
    }
    let _ = write!(s, "## {}\n\n", t.queue);
    if r.review_queue.is_empty() {
        let _ = writeln!(s, "{}", t.no_comments);
    }
    for (rank, q) in r.review_queue.iter().enumerate() {
        let c = &r.page.comments[q.index];
        let _ = write!(s, "### {}. #{} — {} — {}\n\n", rank + 1, q.index + 1, esc(&byline(c, lang)), lang.action(q.action).to_uppercase());
        if let Some(p) = c.reply_to.filter(|&p| p < r.comments) {
            let _ = write!(s, "_{} #{}_\n\n", t.reply_to, p + 1);
        }
        // cue words of the heads that raised an action
        let mut spans: Vec<(usize, usize)> = q
            .heads
            .iter()
            .filter(|h| h.action != Action::Keep)
            .filter_map(|h| c.score(&h.head))
            .flat_map(|h| h.cues.iter().map(|c| (c.start, c.end)))
            .collect();
        spans.sort();
        let title = c.title.as_deref().filter(|x| !x.trim().is_empty());
        if let Some(ti) = title {
            let _ = write!(s, "> **{}**\n>\n", bold_spans(ti, 0, &spans).replace("**", "__"));
        }
        let off = title.map(|x| x.len() + 1).unwrap_or(0);
        let mut pos = off;
        for line in c.text.split('\n') {
            let _ = writeln!(s, "> {}", bold_spans(line, pos, &spans));
            pos += line.len() + 1;
        }
        s.push('\n');
        for h in &q.heads {
            let cues = c
                .score(&h.head)
                .filter(|_| h.action != Action::Keep)
                .map(|x| x.cues.iter().map(|c| format!("`{}`", c.word)).collect::<Vec<_>>())
                .unwrap_or_default();
            let grams = c
                .score(&h.head)
                .filter(|_| h.action != Action::Keep)
                .map(|x| x.ngrams.iter().map(|g| format!("`{}` +{}", g.ngram, lang.dec(g.weight, 2))).collect::<Vec<_>>())
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "- {}: {} — {}{}",
                lang.head_name(&h.head),
                lang.dec(h.score, 2),
                lang.action(h.action),
                if cues.is_empty() { String::new() } else { format!(" — {} {}", t.raised_by, cues.join(", ")) }
            );
            if !grams.is_empty() {
                let _ = writeln!(s, "  - {}: {}", t.ngrams, grams.join(", "));
            }
        }
        for st in &c.stance {
            let why = match &st.blame {
                Some(b) => format!(" — {}: „{}“", t.blamed, b.clause),
                None if st.stance != "none" && !st.cues.is_empty() => {
                    format!(" — {} {}", t.raised_by, st.cues.iter().take(3).map(|c| format!("`{}`", c.word)).collect::<Vec<_>>().join(", "))
                }
                None => String::new(),
            };
            let _ = writeln!(s, "- {} {}: {} ({}){why}", t.stance_toward, st.party, lang.stance(&st.stance), lang.dec(st.score, 2));
        }
        s.push('\n');
    }
    s
}

/// The index over all articles.
pub fn index(ix: &Index, lang: Lang) -> String {
    let t = lang.t();
    let mut s = format!("# {}\n\n", t.report_title);
    let _ = write!(
        s,
        "{}, {}: {} {}, {} {}.\n\n",
        lang.count(ix.totals.articles, t.article, t.articles),
        lang.count(ix.totals.comments, t.comment, t.comments),
        lang.int(ix.totals.remove),
        lang.action(Action::Remove),
        lang.int(ix.totals.review),
        lang.action(Action::Review)
    );
    let _ = write!(s, "| {} | {} | {} | {} |", t.article, t.site, t.date, t.comments);
    for h in &ix.totals.heads {
        let _ = write!(s, " {} |", lang.head_adj(&h.head));
    }
    let _ = write!(s, " {} |\n|---|---|---|---:|", t.dominant_stance);
    for _ in &ix.totals.heads {
        s.push_str("---:|");
    }
    s.push_str("---|\n");
    for a in &ix.articles {
        let _ = write!(
            s,
            "| [{}]({}.md) | {} | {} | {} |",
            esc(a.title.as_deref().unwrap_or(&a.source)),
            a.slug,
            a.site.as_deref().unwrap_or("–"),
            esc(a.date.as_deref().unwrap_or("–")),
            lang.int(a.comments)
        );
        for h in &a.heads {
            let _ = write!(s, " {} ({}) |", lang.pct(h.share), lang.int(h.flagged));
        }
        let st: Vec<String> = a
            .stance
            .iter()
            .filter(|p| p.against + p.favor > 0)
            .take(3)
            .map(|p| format!("{}: {} ({}:{})", p.party, lang.stance(p.dominant()), p.against, p.favor))
            .collect();
        let _ = writeln!(s, " {} |", if st.is_empty() { "–".into() } else { st.join(", ") });
    }
    let _ = write!(s, "| **{}** | | | **{}** |", t.total, lang.int(ix.totals.comments));
    for h in &ix.totals.heads {
        let _ = write!(s, " **{}** ({}) |", lang.pct(h.share), lang.int(h.flagged));
    }
    s.push_str(" |\n");
    for q in &ix.queues {
        if q.comments.is_empty() {
            continue;
        }
        let _ = write!(s, "\n## {}: {}\n\n", t.head_queue, lang.head_name(&q.head));
        for (rank, c) in q.comments.iter().enumerate() {
            let spans: Vec<(usize, usize)> = {
                let mut v: Vec<_> = c.cues.iter().map(|c| (c.start, c.end)).collect();
                v.sort();
                v
            };
            let _ = writeln!(
                s,
                "{}. [#{}]({}.md) {} — {} — {}: {}",
                rank + 1,
                c.index + 1,
                c.slug,
                esc(c.author.as_deref().unwrap_or(t.anonymous)),
                lang.dec(c.score, 2),
                lang.action(c.action),
                bold_spans(&c.text, 0, &spans)
            );
        }
    }
    if !ix.failures.is_empty() {
        let _ = write!(s, "\n## {}\n\n", t.failures);
        for f in &ix.failures {
            let _ = writeln!(s, "- `{}`: {}", f.source, esc(&f.error));
        }
    }
    s
}
