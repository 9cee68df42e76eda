//! Markdown rendering of article reports and the index.

use super::{byline, summary_line, ArticleReport, Index};

fn esc(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn pct(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

/// One article's report.
pub fn article(r: &ArticleReport) -> String {
    let mut s = format!("# {}\n\n", esc(r.title.as_deref().unwrap_or("(untitled)")));
    s.push_str(&format!("Source: `{}`\n\n", r.source));
    s.push_str(&format!("**{}**\n\n", summary_line(r)));
    if let Some(d) = r.declared_comments {
        if d != r.comments {
            s.push_str(&format!("The page announces {d} comments; {} are in this page.\n\n", r.comments));
        }
    }
    if !r.parties_involved.is_empty() {
        s.push_str(&format!("Parties the article mentions: {}\n\n", r.parties_involved.join(", ")));
    }
    if !r.heads.is_empty() {
        s.push_str("| head | flagged | share |\n|---|---:|---:|\n");
        for h in &r.heads {
            s.push_str(&format!("| {} | {} | {} |\n", h.head, h.flagged, pct(h.share)));
        }
        s.push('\n');
    }
    if !r.stance.is_empty() {
        s.push_str("## Stance per party\n\n| party | against | favor | none |\n|---|---:|---:|---:|\n");
        for p in &r.stance {
            s.push_str(&format!("| {} | {} | {} | {} |\n", p.party, p.against, p.favor, p.none));
        }
        s.push('\n');
    }
    s.push_str("## Review queue\n\n");
    if r.review_queue.is_empty() {
        s.push_str("No comments.\n");
    }
    for (rank, &i) in r.review_queue.iter().enumerate() {
        let c = &r.page.comments[i];
        let flags: Vec<String> = c.scores.iter().filter(|h| h.flagged).map(|h| h.head.clone()).collect();
        s.push_str(&format!(
            "### {}. #{} — {}{}\n\n",
            rank + 1,
            i + 1,
            esc(&byline(c)),
            if flags.is_empty() { String::new() } else { format!(" — **flagged: {}**", flags.join(", ")) }
        ));
        if let Some(p) = c.reply_to {
            s.push_str(&format!("_Reply to #{}_\n\n", p + 1));
        }
        if let Some(t) = &c.title {
            s.push_str(&format!("**{}**\n\n", esc(t)));
        }
        for line in c.text.lines() {
            s.push_str(&format!("> {line}\n"));
        }
        s.push('\n');
        for h in &c.scores {
            let cues: Vec<String> = h.cues.iter().map(|c| format!("`{}` (+{:.2})", c.word, c.weight)).collect();
            s.push_str(&format!(
                "- {}: {:.2}{}{}\n",
                h.head,
                h.score,
                h.threshold.map(|t| format!(" (threshold {t:.2})")).unwrap_or_default(),
                if cues.is_empty() { String::new() } else { format!(" — raised by {}", cues.join(", ")) }
            ));
        }
        for st in &c.stance {
            let cues: Vec<String> = st.cues.iter().map(|c| format!("`{}`", c.word)).collect();
            s.push_str(&format!(
                "- stance toward {}: {} ({:.2}){}\n",
                st.party,
                st.stance,
                st.score,
                if cues.is_empty() { String::new() } else { format!(" — {}", cues.join(", ")) }
            ));
        }
        s.push('\n');
    }
    s
}

/// The index over all articles.
pub fn index(ix: &Index, heads: &[String]) -> String {
    let mut s = String::from("# comment-radar report\n\n");
    s.push_str(&format!("{} articles, {} comments.\n\n", ix.articles.len(), ix.total_comments));
    s.push_str("| article | comments |");
    for h in heads {
        s.push_str(&format!(" {h} |"));
    }
    s.push_str(" stance (against/favor/none) |\n|---|---:|");
    for _ in heads {
        s.push_str("---:|");
    }
    s.push_str("---|\n");
    for a in &ix.articles {
        s.push_str(&format!(
            "| [{}]({}.md) | {} |",
            esc(a.title.as_deref().unwrap_or(&a.source)),
            a.slug,
            a.comments
        ));
        for h in &a.heads {
            s.push_str(&format!(" {} ({}) |", h.flagged, pct(h.share)));
        }
        let st: Vec<String> =
            a.stance.iter().take(3).map(|p| format!("{} {}/{}/{}", p.party, p.against, p.favor, p.none)).collect();
        s.push_str(&format!(" {} |\n", st.join(", ")));
    }
    if !ix.failures.is_empty() {
        s.push_str("\n## Pages that could not be read\n\n");
        for f in &ix.failures {
            s.push_str(&format!("- `{}`: {}\n", f.source, esc(&f.error)));
        }
    }
    s
}
