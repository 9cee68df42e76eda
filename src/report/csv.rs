//! All scored comments of a run as one CSV for spreadsheets: one row per
//! comment, comma-separated, UTF-8, numbers with a decimal point (machine
//! format, whatever the report language).

use super::ArticleReport;

/// Header and rows for `reports`; `heads` are the binary heads in order.
pub fn comments(reports: &[ArticleReport], heads: &[String]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = ["article", "source", "article_title", "comment", "reply_to", "author", "date", "title", "text", "action", "risk"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for h in heads {
        header.push(format!("{h}_score"));
        header.push(format!("{h}_action"));
        header.push(format!("{h}_cues"));
    }
    header.push("stance".into());
    w.write_record(&header)?;
    for r in reports {
        // page order: the spreadsheet sorts as the user likes
        let mut by_index = vec![None; r.page.comments.len()];
        for q in &r.review_queue {
            if let Some(slot) = by_index.get_mut(q.index) {
                *slot = Some(q);
            }
        }
        for q in by_index.into_iter().flatten() {
            let c = &r.page.comments[q.index];
            let mut rec = vec![
                r.slug.clone(),
                r.source.clone(),
                r.title.clone().unwrap_or_default(),
                (q.index + 1).to_string(),
                c.reply_to.map(|p| (p + 1).to_string()).unwrap_or_default(),
                c.author.clone().unwrap_or_default(),
                c.date.clone().unwrap_or_default(),
                c.title.clone().unwrap_or_default(),
                c.text.clone(),
                format!("{:?}", q.action).to_lowercase(),
                format!("{:.4}", q.risk),
            ];
            for h in heads {
                match (q.heads.iter().find(|x| &x.head == h), c.score(h)) {
                    (Some(a), Some(s)) => {
                        rec.push(format!("{:.4}", s.score));
                        rec.push(format!("{:?}", a.action).to_lowercase());
                        rec.push(s.cues.iter().map(|c| c.word.as_str()).collect::<Vec<_>>().join("; "));
                    }
                    _ => rec.extend([String::new(), String::new(), String::new()]),
                }
            }
            rec.push(c.stance.iter().map(|s| format!("{}:{}", s.party, s.stance)).collect::<Vec<_>>().join("; "));
            w.write_record(&rec)?;
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}
