//! comment-radar CLI: parse arguments, call the library, print.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Parser, Subcommand};

use comment_radar::dataset::{self, read_table, ReadOptions};
use comment_radar::learn::cv::TrainConfig;
use comment_radar::learn::metrics::{self, Metrics};
use comment_radar::model::{write_atomic, HeadKind, Model};
use comment_radar::parties::{Gazetteer, StanceView};
use comment_radar::train::{self, Source, STANCE_PREFIX};
use comment_radar::{page, report, score};

const DEFAULT_MODEL: &str = "models/default.model";

#[derive(Parser)]
#[command(name = "comment-radar", version, about = "Offline moderation radar for German news comment sections: \
segments scraped pages, scores reader comments for incivility, conspiracy framing and stance, writes reports for editors.")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Parse scraped pages into title, body and reader comments.
    #[command(after_help = "Examples:\n  comment-radar segment --json ../shared/seeds/*.txt\n  \
comment-radar segment --eval tests/fixtures            # precision/recall/F1 against the gold files\n  \
comment-radar segment --eval tests/fixtures --verbose  # plus every mismatch per page")]
    Segment {
        /// Pages (plain-text dumps or HTML) or folders of pages.
        #[arg(required_unless_present = "eval")]
        pages: Vec<PathBuf>,
        /// Print a JSON array, one object per page (with --eval: the evaluation as JSON).
        #[arg(long)]
        json: bool,
        /// Evaluate against a folder of pages with gold files (NAME.expected.json beside each page).
        #[arg(long, value_name = "GOLD_DIR", conflicts_with = "pages")]
        eval: Option<PathBuf>,
        /// With --eval: list every mismatch per page.
        #[arg(long, requires = "eval")]
        verbose: bool,
    },
    /// Train a model from a labelled CSV/TSV (one head per label column).
    #[command(after_help = "Examples:\n  comment-radar train --data data/comments.csv --out models/mine.model\n  \
comment-radar train --data ../shared/datasets/germeval2018/germeval2018.training.txt --delimiter tab \\\n      \
--no-header --columns text,incivility,incivility_fine --positive incivility=OFFENSE --out /tmp/germeval.model\n  \
comment-radar train --recipe data/default.recipe.toml --out models/default.model")]
    Train {
        /// Labelled CSV/TSV file.
        #[arg(long, required_unless_present = "recipe", conflicts_with = "recipe")]
        data: Option<PathBuf>,
        /// A TOML recipe naming several sources with their own reading options (see README).
        #[arg(long)]
        recipe: Option<PathBuf>,
        /// Where to write the model; the model card goes beside it (.card.md).
        #[arg(long)]
        out: PathBuf,
        /// Also write every out-of-fold prediction of cross-validation to this CSV
        /// (head, source, line, party, gold, predicted, score, text), to review the
        /// rows where model and label disagree.
        #[arg(long)]
        oof: Option<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
        /// Number of cross-validation folds.
        #[arg(long, default_value_t = 5)]
        folds: usize,
        /// Seed for fold assignment.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Candidate values of C (inverse L2 strength), comma-separated.
        #[arg(long, value_delimiter = ',')]
        c_grid: Option<Vec<f64>>,
        /// Minimum document frequency of an n-gram.
        #[arg(long, default_value_t = 2)]
        min_df: usize,
        /// Party gazetteer (TOML); default: the shipped data/parties.toml.
        #[arg(long)]
        parties: Option<PathBuf>,
        /// Stance: look only at the sentences that mention the party (false: the whole comment).
        #[arg(long, default_value_t = false, action = clap::ArgAction::Set)]
        stance_sentences: bool,
        /// Stance: words within N tokens before/after a mention become extra features (0: off).
        #[arg(long, default_value_t = 4)]
        stance_window: usize,
        /// Stance: mark words after a negation near the mention.
        #[arg(long, default_value_t = false, action = clap::ArgAction::Set)]
        stance_negation: bool,
        /// Stance: give the model the party's name as a feature.
        #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
        stance_party_feature: bool,
        /// Stance: a party-specific copy of every word of the view.
        #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
        stance_party_words: bool,
        /// Stance: the words of the whole comment as party-specific context features.
        #[arg(long, default_value_t = false, action = clap::ArgAction::Set)]
        stance_context: bool,
        /// Stance: evaluative words of the polarity lexicon near the mention, flipped after negations.
        #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
        stance_polarity: bool,
        /// Stance: how the comment is built around the party (mention counts, the other
        /// parties it shares the comment with, evaluative words near each of them).
        #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
        stance_structure: bool,
        /// Stance: mark the evaluative word nearest to each mention within its sentence
        /// (off: no gain in grouped CV, 0.701 -> 0.700 with the companion).
        #[arg(long, default_value_t = false, action = clap::ArgAction::Set)]
        stance_nearest: bool,
        /// Stance: mark the party's role in its clause (subject, possessor, after "gegen",
        /// "auf", "von", ..., passive) with the clause's evaluative words (off: grouped CV on
        /// data/comments.csv 0.703 -> 0.708, but the held-out sets 0.649 -> 0.648 and
        /// 0.657 -> 0.645: no gain that holds).
        #[arg(long, default_value_t = false, action = clap::ArgAction::Set)]
        stance_roles: bool,
        /// Stance: the companion model reads the clauses that name the party (a relative
        /// clause with its antecedent) instead of the sentences.
        #[arg(long, default_value_t = false, action = clap::ArgAction::Set)]
        stance_companion_clauses: bool,
        /// Stance: the blame rule — a comment that names the party as the doer of a harm
        /// ("den Schaden, den Putin anrichtete", data/lexicon/harm.txt) is against it (the
        /// rule's vote is mixed into the probabilities with weight 0.6).
        #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
        stance_blame: bool,
        /// Heads with more than two classes (stance): per-class offsets chosen on the
        /// out-of-fold probabilities for macro-F1, the analogue of a binary threshold.
        #[arg(long, default_value_t = false, action = clap::ArgAction::Set)]
        class_bias: bool,
        /// Stance: a companion model on the sentences that name the party, mixed into
        /// the stance head (weight chosen out of fold).
        #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
        stance_companion: bool,
        /// Choose C and NB scaling by the one-standard-error rule: the simplest candidate
        /// (NB off, then the smallest C) within one standard error (over the folds) of the
        /// best out-of-fold score; false: the best score, however small its lead.
        #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
        one_se_rule: bool,
    },
    /// Add predictions to a CSV: <head>_pred and <head>_score per head.
    #[command(after_help = "Example:\n  comment-radar classify --data data/comments.csv --out /tmp/scored.csv")]
    Classify {
        #[arg(long, default_value = DEFAULT_MODEL)]
        model: PathBuf,
        #[arg(long)]
        data: PathBuf,
        /// Output CSV (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Evaluate a model on labelled data: per-class P/R/F1, macro-F1, accuracy, ROC-AUC.
    #[command(after_help = "Example:\n  comment-radar evaluate --model /tmp/germeval.model \\\n      \
--data ../shared/datasets/germeval2018/germeval2018.test.txt --delimiter tab --no-header \\\n      \
--columns text,incivility,incivility_fine --positive incivility=OFFENSE")]
    Evaluate {
        #[arg(long, default_value = DEFAULT_MODEL)]
        model: PathBuf,
        #[arg(long)]
        data: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Write a moderation report per article plus an index.
    #[command(after_help = "Examples:\n  comment-radar report examples/pages/ --out report/\n  \
comment-radar report ../shared/seeds/ --out /tmp/r --lang en --review-at conspiracy=0.3 --remove-at 0.9")]
    Report {
        /// Pages or folders of pages.
        #[arg(required = true)]
        pages: Vec<PathBuf>,
        #[arg(long, default_value = DEFAULT_MODEL)]
        model: PathBuf,
        /// Output folder.
        #[arg(long, default_value = "report")]
        out: PathBuf,
        /// Formats to write, comma-separated: html, md, json, csv (one comments.csv for the run).
        #[arg(long, value_delimiter = ',', default_value = "html,md,json,csv")]
        format: Vec<String>,
        /// Language of the report: de (default) or en.
        #[arg(long, default_value = "de")]
        lang: String,
        /// Score from which a comment goes to review: P for every head or HEAD=P (repeatable);
        /// default: the model's review_at (precision >= 0.5 out of fold), else its CV threshold.
        #[arg(long, value_name = "[HEAD=]P", value_delimiter = ',')]
        review_at: Vec<String>,
        /// Score from which removal is recommended: P or HEAD=P (repeatable);
        /// default: the model's remove_at (precision >= 0.9 out of fold), else never.
        #[arg(long, value_name = "[HEAD=]P", value_delimiter = ',')]
        remove_at: Vec<String>,
    },
}

/// How to read a labelled table.
#[derive(Args, Clone)]
struct ReadArgs {
    /// Name of the text column.
    #[arg(long, default_value = "text")]
    text_column: String,
    /// Label columns to use, comma-separated (default: all but text and metadata such as id, topic).
    #[arg(long, value_delimiter = ',')]
    labels: Option<Vec<String>>,
    /// tab, comma, semicolon, pipe or one character (default: from the file name, .tsv/.txt = tab).
    #[arg(long)]
    delimiter: Option<String>,
    /// The file has no header row; name the columns with --columns.
    #[arg(long)]
    no_header: bool,
    /// Column names, comma-separated (required with --no-header).
    #[arg(long, value_delimiter = ',')]
    columns: Option<Vec<String>>,
    /// The positive value of a binary column, e.g. incivility=OFFENSE (repeatable).
    #[arg(long, value_name = "COLUMN=VALUE")]
    positive: Vec<String>,
    /// Labels-only file: join the text from this file (one text per line; tab-separated, text first)
    /// by the line numbers in --line-column.
    #[arg(long, value_name = "FILE")]
    text_from: Option<PathBuf>,
    /// Column holding the 1-based line number into --text-from.
    #[arg(long, default_value = "line")]
    line_column: String,
}

impl ReadArgs {
    fn options(&self, path: &Path) -> Result<ReadOptions> {
        let delimiter = match &self.delimiter {
            Some(d) => dataset::parse_delimiter(d).map_err(|e| anyhow!(e))?,
            None => guess_delimiter(path),
        };
        if self.no_header && self.columns.is_none() {
            bail!("--no-header needs --columns to name the columns, e.g. --columns text,incivility");
        }
        Ok(ReadOptions {
            delimiter,
            has_header: !self.no_header,
            columns: self.columns.clone(),
            text_column: self.text_column.clone(),
            quoting: None,
            text_from: self.text_from.as_ref().map(|p| dataset::TextFrom {
                path: p.clone(),
                line_column: self.line_column.clone(),
                delimiter: b'\t',
                field: 0,
            }),
        })
    }

    fn positive(&self) -> Result<BTreeMap<String, String>> {
        self.positive
            .iter()
            .map(|p| {
                p.split_once('=')
                    .map(|(c, v)| (c.to_string(), v.to_string()))
                    .ok_or_else(|| anyhow!("--positive {p}: write COLUMN=VALUE, e.g. --positive incivility=OFFENSE"))
            })
            .collect()
    }
}

fn guess_delimiter(path: &Path) -> u8 {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "tsv" | "tab" => b'\t',
        "csv" => b',',
        _ => {
            let first = std::fs::read(path).ok().and_then(|b| {
                let line = b.split(|&c| c == b'\n').next()?.to_vec();
                Some(line)
            });
            match first {
                Some(l) if l.iter().filter(|&&c| c == b'\t').count() > l.iter().filter(|&&c| c == b',').count() => b'\t',
                _ => b',',
            }
        }
    }
}

/// Files of the given paths; folders give their page files (sorted).
fn expand_pages(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("{}: cannot list the folder", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && !f.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
                        && f.extension().is_some_and(|e| {
                            matches!(e.to_string_lossy().to_lowercase().as_str(), "txt" | "html" | "htm" | "xhtml")
                        })
                })
                .collect();
            files.sort();
            if files.is_empty() {
                bail!("{}: no pages (.txt, .html) in this folder", p.display());
            }
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn read_page(path: &Path) -> Result<page::Page> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read the page", path.display()))?;
    page::parse(&bytes, &path.display().to_string()).map_err(|e| anyhow!("{}: {e}", path.display()))
}

/// A page and its decoded text (for the report's site and date).
fn read_page_raw(path: &Path) -> Result<(page::Page, String)> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read the page", path.display()))?;
    let page = page::parse(&bytes, &path.display().to_string()).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    let raw = page::decode(&bytes).unwrap_or_default();
    Ok((page, raw))
}

fn load_model(path: &Path) -> Result<Model> {
    let model = Model::load(path)?;
    if let Some(w) = model.lexicon_warning() {
        eprintln!("warning: {}: {w}", path.display());
    }
    Ok(model)
}

fn command_line() -> String {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quoted: Vec<String> = args
        .iter()
        .map(|a| {
            if a.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=,:".contains(c)) {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect();
    format!("comment-radar {}", quoted.join(" "))
}

fn card_path(model: &Path) -> PathBuf {
    let stem = model.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "model".into());
    model.with_file_name(format!("{stem}.card.md"))
}

/// A training recipe: several sources with their own reading options.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Recipe {
    source: Vec<RecipeSource>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RecipeSource {
    path: PathBuf,
    delimiter: Option<String>,
    #[serde(default = "yes")]
    header: bool,
    columns: Option<Vec<String>>,
    #[serde(default = "text_col")]
    text_column: String,
    labels: Option<Vec<String>>,
    #[serde(default)]
    positive: BTreeMap<String, String>,
    /// Join the text from another file by line number (labels-only files).
    text_from: Option<RecipeTextFrom>,
    /// Weight of the source's rows in the fits (default 1).
    #[serde(default = "comment_radar::model::default_weight")]
    weight: f32,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RecipeTextFrom {
    path: PathBuf,
    #[serde(default = "line_col")]
    line_column: String,
    #[serde(default = "tab")]
    delimiter: String,
    #[serde(default)]
    field: usize,
}

fn line_col() -> String {
    "line".into()
}
fn tab() -> String {
    "tab".into()
}

fn yes() -> bool {
    true
}
fn text_col() -> String {
    "text".into()
}

fn recipe_sources(path: &Path) -> Result<Vec<Source>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read the recipe", path.display()))?;
    let recipe: Recipe = toml::from_str(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    recipe
        .source
        .into_iter()
        .map(|s| {
            let delimiter = match &s.delimiter {
                Some(d) => dataset::parse_delimiter(d).map_err(|e| anyhow!("{}: {e}", path.display()))?,
                None => guess_delimiter(&s.path),
            };
            let text_from = match s.text_from {
                Some(t) => Some(dataset::TextFrom {
                    delimiter: dataset::parse_delimiter(&t.delimiter).map_err(|e| anyhow!("{}: {e}", path.display()))?,
                    path: t.path,
                    line_column: t.line_column,
                    field: t.field,
                }),
                None => None,
            };
            if !(s.weight.is_finite() && s.weight > 0.0) {
                bail!(
                    "{}: source {}: weight = {} — give a positive number (1 = the rows count as they are, 3 = each row counts three times)",
                    path.display(),
                    s.path.display(),
                    s.weight
                );
            }
            Ok(Source {
                read: ReadOptions {
                    delimiter,
                    has_header: s.header,
                    columns: s.columns,
                    text_column: s.text_column,
                    quoting: None,
                    text_from,
                },
                path: s.path,
                labels: s.labels,
                positive: s.positive,
                weight: s.weight,
            })
        })
        .collect()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A reader that closes our stdout early (`comment-radar segment ... | head`)
    // ends the run quietly, as it ends other Unix tools, not with a panic message:
    // `println!` panics on a closed pipe, so that one panic is caught here.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !is_broken_pipe(info.payload()) {
            default_hook(info);
        }
    }));
    match std::panic::catch_unwind(move || run(cli)) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
        Err(payload) if is_broken_pipe(payload.as_ref()) => ExitCode::from(141),
        Err(payload) => std::panic::resume_unwind(payload),
    }
}

/// Whether a panic is `println!`'s on a closed stdout ("failed printing to
/// stdout: Broken pipe").
fn is_broken_pipe(payload: &(dyn std::any::Any + Send)) -> bool {
    let msg = payload.downcast_ref::<String>().map(String::as_str).or_else(|| payload.downcast_ref::<&str>().copied());
    msg.is_some_and(|m| m.starts_with("failed printing to stdout") && m.contains("Broken pipe"))
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.cmd {
        Cmd::Segment { eval: Some(dir), json, verbose, .. } => cmd_segment_eval(&dir, json, verbose),
        Cmd::Segment { pages, json, .. } => cmd_segment(&pages, json),
        Cmd::Train {
            data,
            recipe,
            out,
            oof,
            read,
            folds,
            seed,
            c_grid,
            min_df,
            parties,
            stance_sentences,
            stance_window,
            stance_negation,
            stance_party_feature,
            stance_party_words,
            stance_context,
            stance_polarity,
            stance_structure,
            stance_nearest,
            stance_roles,
            stance_blame,
            stance_companion_clauses,
            stance_companion,
            class_bias,
            one_se_rule,
        } => {
            let sources = match (data, recipe) {
                (Some(d), _) => vec![Source {
                    read: read.options(&d)?,
                    labels: read.labels.clone(),
                    positive: read.positive()?,
                    path: d,
                    weight: comment_radar::model::default_weight(),
                }],
                (None, Some(r)) => recipe_sources(&r)?,
                (None, None) => bail!("give --data FILE or --recipe FILE"),
            };
            let gazetteer = match parties {
                Some(p) => {
                    let s = std::fs::read_to_string(&p).with_context(|| format!("{}: cannot read", p.display()))?;
                    Gazetteer::from_toml(&s).map_err(|e| anyhow!("{}: {e}", p.display()))?
                }
                None => Gazetteer::builtin(),
            };
            let mut config = TrainConfig { folds, seed, ..Default::default() };
            if let Some(g) = c_grid {
                config.c_grid = g;
            }
            config.vectorizer.min_df = min_df;
            config.class_bias = class_bias;
            config.stance_companion = stance_companion;
            config.one_se = one_se_rule;
            let start = std::time::Instant::now();
            let view = StanceView {
                sentences: stance_sentences,
                window: stance_window,
                negation: stance_negation,
                party_feature: stance_party_feature,
                party_words: stance_party_words,
                context: stance_context,
                polarity: stance_polarity,
                structure: stance_structure,
                nearest: stance_nearest,
                roles: stance_roles,
                clauses: false,
                companion_clauses: stance_companion_clauses,
                blame: stance_blame,
            };
            let mut oof_rows = Vec::new();
            let model = train::train(
                &sources,
                gazetteer,
                &view,
                &config,
                command_line(),
                &mut |m| eprintln!("{m}"),
                oof.as_ref().map(|_| &mut oof_rows),
            )?;
            if let Some(path) = &oof {
                let mut w = csv::Writer::from_writer(Vec::new());
                for r in &oof_rows {
                    w.serialize(r)?;
                }
                let bytes = w.into_inner().map_err(|e| anyhow!("{}: {e}", path.display()))?;
                write_atomic(path, &bytes).with_context(|| format!("{}: cannot write", path.display()))?;
                eprintln!("wrote {} out-of-fold predictions to {}", oof_rows.len(), path.display());
            }
            print_train_summary(&model);
            model.save(&out)?;
            let card = card_path(&out);
            write_atomic(&card, model.card_markdown().as_bytes())
                .with_context(|| format!("{}: cannot write the model card", card.display()))?;
            eprintln!(
                "wrote {} and {} in {:.1} s",
                out.display(),
                card.display(),
                start.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Classify { model, data, out, read } => cmd_classify(&model, &data, out.as_deref(), &read),
        Cmd::Evaluate { model, data, json, read } => cmd_evaluate(&model, &data, json, &read),
        Cmd::Report { pages, model, out, format, lang, review_at, remove_at } => {
            let lang: report::Lang = lang.parse().map_err(|e: String| anyhow!(e))?;
            let parse = |v: &[String], flag: &str| -> Result<Vec<report::Override>> {
                v.iter().map(|s| report::parse_override(s, flag).map_err(|e| anyhow!(e))).collect()
            };
            let opts = ReportOptions {
                formats: format,
                lang,
                review_at: parse(&review_at, "--review-at")?,
                remove_at: parse(&remove_at, "--remove-at")?,
            };
            cmd_report(&pages, &model, &out, &opts)
        }
    }
}

fn print_train_summary(model: &Model) {
    println!("{:<14} {:>6} {:>7} {:>9} {:>9} {:>10} {:>7}", "head", "rows", "C", "macro-F1", "GE-F1", "F1 pos", "AUC");
    for h in &model.heads {
        let m = &h.cv.metrics;
        let f1pos = h.f1_positive(m);
        println!(
            "{:<14} {:>6} {:>7} {:>9.3} {:>9.3} {:>10} {:>7}",
            h.name,
            h.cv.n,
            h.cv.best_c,
            m.macro_f1,
            m.germeval_macro_f1,
            f1pos,
            m.roc_auc.map(|a| format!("{a:.3}")).unwrap_or_else(|| "-".into())
        );
        for (p, pm) in &h.party_cv {
            println!("  {:<12} {:>6} {:>7} {:>9.3}", p, pm.n, "", pm.macro_f1);
        }
        for (src, sm) in &h.source_cv {
            let f1pos = h.f1_positive(sm);
            println!("  from {src}: {} rows, macro-F1 {:.3}, F1 pos {f1pos}", sm.n, sm.macro_f1);
        }
    }
    println!("(cross-validated, out of fold)");
}

fn cmd_segment_eval(dir: &Path, json: bool, verbose: bool) -> Result<ExitCode> {
    let report = page::eval::evaluate_dir(dir)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.render(verbose));
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_segment(paths: &[PathBuf], json: bool) -> Result<ExitCode> {
    let files = expand_pages(paths)?;
    let mut pages = Vec::new();
    let mut failed = 0;
    for f in &files {
        match read_page(f) {
            Ok(p) => pages.push(p),
            Err(e) => {
                eprintln!("error: {e:#}");
                failed += 1;
            }
        }
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&pages)?);
    } else {
        for p in &pages {
            println!("== {}", p.source);
            println!("title: {}", p.title.as_deref().unwrap_or("-"));
            println!("body: {} paragraphs", p.body.len());
            for para in &p.body {
                println!("  | {}", para);
            }
            println!("comments: {}{}", p.comments.len(), p.declared_comments.map(|d| format!(" (page announces {d})")).unwrap_or_default());
            for (i, c) in p.comments.iter().enumerate() {
                println!(
                    "  #{} {} {}{}{}",
                    i + 1,
                    c.author.as_deref().unwrap_or("anonym"),
                    c.date.as_deref().unwrap_or(""),
                    c.title.as_deref().map(|t| format!(" [{t}]")).unwrap_or_default(),
                    c.reply_to.map(|r| format!(" (reply to #{})", r + 1)).unwrap_or_default()
                );
                for line in c.text.lines() {
                    println!("     {line}");
                }
            }
        }
    }
    Ok(if failed > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// Maps a gold cell of a binary head to 0/1.
fn binary_gold(v: &str, classes: &[String], positive: Option<&String>) -> Option<usize> {
    let v = v.trim();
    if let Some(p) = positive {
        return Some((v == p) as usize);
    }
    if v == classes[1] || dataset::is_yes(v) {
        Some(1)
    } else if v == classes[0] || dataset::is_no(v) {
        Some(0)
    } else {
        None
    }
}

fn cmd_classify(model_path: &Path, data: &Path, out: Option<&Path>, read: &ReadArgs) -> Result<ExitCode> {
    let model = load_model(model_path)?;
    let t = read_table(data, &read.options(data)?)?;
    // stance columns: the input's stance:<Party> columns, or every party mentioned anywhere
    let input_parties: Vec<usize> = t
        .headers
        .iter()
        .filter_map(|h| h.strip_prefix(STANCE_PREFIX))
        .filter_map(|p| model.gazetteer.index_of(p))
        .collect();
    let from_input = !input_parties.is_empty();
    let mentions: Vec<Vec<(usize, usize)>> = (0..t.rows.len()).map(|r| model.gazetteer.mentioned(t.text(r))).collect();
    let parties: Vec<usize> = if from_input {
        input_parties
    } else {
        let mut ps: Vec<usize> = mentions.iter().flatten().map(|(p, _)| *p).collect();
        ps.sort_unstable();
        ps.dedup();
        ps
    };
    let heads: Vec<_> = model.heads.iter().filter(|h| h.kind != HeadKind::Stance).collect();
    let mut header = t.headers.clone();
    for h in &heads {
        header.push(format!("{}_pred", h.name));
        header.push(format!("{}_score", h.name));
    }
    let stance = model.stance();
    if stance.is_some() {
        for &p in &parties {
            header.push(format!("{STANCE_PREFIX}{}_pred", model.gazetteer.parties[p].name));
            header.push(format!("{STANCE_PREFIX}{}_score", model.gazetteer.parties[p].name));
        }
    }
    let mut w = csv::WriterBuilder::new().delimiter(t_delim(read, data)?).from_writer(Vec::new());
    w.write_record(&header)?;
    for r in 0..t.rows.len() {
        let text = t.text(r);
        let mut rec = t.rows[r].clone();
        for h in &heads {
            let (k, score) = h.predict(&h.proba(text));
            rec.push(h.classes[k].clone());
            rec.push(format!("{score:.4}"));
        }
        if let Some(sh) = stance {
            for &p in &parties {
                let mentioned = mentions[r].iter().any(|(q, _)| *q == p);
                if from_input || mentioned {
                    let (k, score) = sh.predict(&model.stance_proba(sh, text, p));
                    rec.push(sh.classes[k].clone());
                    rec.push(format!("{score:.4}"));
                } else {
                    rec.push(String::new());
                    rec.push(String::new());
                }
            }
        }
        w.write_record(&rec)?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow!("{e}"))?;
    match out {
        Some(o) => {
            write_atomic(o, &bytes).with_context(|| format!("{}: cannot write", o.display()))?;
            eprintln!("wrote {} rows to {}", t.rows.len(), o.display());
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&bytes)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn t_delim(read: &ReadArgs, data: &Path) -> Result<u8> {
    Ok(read.options(data)?.delimiter)
}

#[derive(serde::Serialize)]
struct HeadEval {
    head: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    party: Option<String>,
    unlabelled_rows: usize,
    metrics: Metrics,
}

fn cmd_evaluate(model_path: &Path, data: &Path, json: bool, read: &ReadArgs) -> Result<ExitCode> {
    let model = load_model(model_path)?;
    let t = read_table(data, &read.options(data)?)?;
    let positive = read.positive()?;
    let mut results = Vec::new();
    for h in &model.heads {
        if h.kind == HeadKind::Stance {
            let mut all_gold = Vec::new();
            let mut all_pred = Vec::new();
            for (ci, name) in t.headers.iter().enumerate() {
                let Some(party) = name.strip_prefix(STANCE_PREFIX) else { continue };
                let Some(pi) = model.gazetteer.index_of(party) else {
                    bail!("{}: column '{name}' names a party the model does not know", data.display());
                };
                let (mut gold, mut pred, mut skipped) = (Vec::new(), Vec::new(), 0);
                for r in 0..t.rows.len() {
                    let v = t.rows[r][ci].trim();
                    if v.is_empty() {
                        skipped += 1;
                        continue;
                    }
                    let g = train::stance_class(v)
                        .ok_or_else(|| t.row_error(r, format!("column '{name}': stance '{v}' is not favor, against or none")))?;
                    gold.push(g);
                    pred.push(h.predict(&model.stance_proba(h, t.text(r), pi)).0);
                }
                if gold.is_empty() {
                    continue;
                }
                all_gold.extend(&gold);
                all_pred.extend(&pred);
                results.push(HeadEval {
                    head: h.name.clone(),
                    party: Some(party.to_string()),
                    unlabelled_rows: skipped,
                    metrics: metrics::classification(&gold, &pred, &h.classes),
                });
            }
            if !all_gold.is_empty() {
                results.push(HeadEval {
                    head: h.name.clone(),
                    party: Some("(all)".into()),
                    unlabelled_rows: 0,
                    metrics: metrics::classification(&all_gold, &all_pred, &h.classes),
                });
            }
            continue;
        }
        let Some(ci) = t.column(&h.name) else { continue };
        let (mut gold, mut probs, mut skipped) = (Vec::new(), Vec::new(), 0);
        for r in 0..t.rows.len() {
            let v = t.rows[r][ci].trim();
            if v.is_empty() {
                skipped += 1;
                continue;
            }
            let g = match h.kind {
                HeadKind::Binary => binary_gold(v, &h.classes, positive.get(&h.name)).ok_or_else(|| {
                    t.row_error(r, format!(
                        "column '{}': value '{v}' is neither '{}' nor '{}'; name the positive value with --positive {}=VALUE",
                        h.name, h.classes[1], h.classes[0], h.name
                    ))
                })?,
                _ => h.classes.iter().position(|c| c == v).ok_or_else(|| {
                    t.row_error(r, format!("column '{}': value '{v}' is not one of {}", h.name, h.classes.join(", ")))
                })?,
            };
            gold.push(g);
            probs.push(h.proba(t.text(r)));
        }
        if gold.is_empty() {
            continue;
        }
        let m = match h.kind {
            HeadKind::Binary => {
                let pos: Vec<bool> = gold.iter().map(|&g| g == 1).collect();
                let p1: Vec<f64> = probs.iter().map(|p| p[1]).collect();
                metrics::binary_at(&pos, &p1, h.decision_threshold(), &[h.classes[0].clone(), h.classes[1].clone()])
            }
            _ => {
                let pred: Vec<usize> = probs.iter().map(|p| h.predict(p).0).collect();
                metrics::classification(&gold, &pred, &h.classes)
            }
        };
        results.push(HeadEval { head: h.name.clone(), party: None, unlabelled_rows: skipped, metrics: m });
    }
    if results.is_empty() {
        bail!(
            "{}: no column matches a head of the model ({}); name the columns with --columns or the header",
            data.display(),
            model.heads.iter().map(|h| h.name.as_str()).collect::<Vec<_>>().join(", ")
        );
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&results)?);
        return Ok(ExitCode::SUCCESS);
    }
    for r in &results {
        let m = &r.metrics;
        println!(
            "== {}{}: n={} (unlabelled, not counted: {})",
            r.head,
            r.party.as_ref().map(|p| format!(" [{p}]")).unwrap_or_default(),
            m.n,
            r.unlabelled_rows
        );
        println!("  {:<12} {:>9} {:>9} {:>9} {:>8}", "class", "precision", "recall", "F1", "support");
        for c in &m.per_class {
            println!("  {:<12} {:>9.4} {:>9.4} {:>9.4} {:>8}", c.class, c.precision, c.recall, c.f1, c.support);
        }
        println!(
            "  macro-F1 {:.4}   GermEval macro-F1 (F1 of macro P and R) {:.4}   accuracy {:.4}{}",
            m.macro_f1,
            m.germeval_macro_f1,
            m.accuracy,
            m.roc_auc.map(|a| format!("   ROC-AUC {a:.4}")).unwrap_or_default()
        );
    }
    Ok(ExitCode::SUCCESS)
}

struct ReportOptions {
    formats: Vec<String>,
    lang: report::Lang,
    review_at: Vec<report::Override>,
    remove_at: Vec<report::Override>,
}

fn cmd_report(paths: &[PathBuf], model_path: &Path, out: &Path, opts: &ReportOptions) -> Result<ExitCode> {
    let formats = &opts.formats;
    let lang = opts.lang;
    for f in formats {
        if !matches!(f.as_str(), "html" | "md" | "json" | "csv") {
            bail!("--format {f}: choose from html, md, json, csv (comma-separated)");
        }
    }
    let model = load_model(model_path)?;
    let thresholds = report::thresholds(&model, &opts.review_at, &opts.remove_at)
        .map_err(|e| anyhow!("{e} (model {})", model_path.display()))?;
    let files = expand_pages(paths)?;
    let heads: Vec<String> = thresholds.iter().map(|t| t.head.clone()).collect();
    std::fs::create_dir_all(out).with_context(|| format!("{}: cannot create the output folder", out.display()))?;
    let mut reports = Vec::new();
    let mut failures = Vec::new();
    let mut taken = Vec::new();
    for f in &files {
        let (page, raw) = match read_page_raw(f) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: {e:#}");
                failures.push(report::Failure { source: f.display().to_string(), error: format!("{e:#}") });
                continue;
            }
        };
        let scored = score::score_page(&model, &page);
        let slug = report::slug(&page.source, &mut taken);
        let r = report::article(scored, slug, report::meta::of(&raw, &page), &thresholds);
        for fmt in formats {
            let (ext, body) = match fmt.as_str() {
                "html" => ("html", report::html::article(&r, lang)),
                "md" => ("md", report::markdown::article(&r, lang)),
                "json" => ("json", serde_json::to_string_pretty(&r)?),
                _ => continue,
            };
            let p = out.join(format!("{}.{ext}", r.slug));
            write_atomic(&p, body.as_bytes()).with_context(|| format!("{}: cannot write", p.display()))?;
        }
        eprintln!("{}: {}", f.display(), report::summary_line(&r, lang));
        reports.push(r);
    }
    let ix = report::index(&reports, failures, &thresholds);
    for fmt in formats {
        let (name, body) = match fmt.as_str() {
            "html" => ("index.html", report::html::index(&ix, lang).into_bytes()),
            "md" => ("index.md", report::markdown::index(&ix, lang).into_bytes()),
            "json" => ("index.json", serde_json::to_string_pretty(&ix)?.into_bytes()),
            _ => ("comments.csv", report::csv::comments(&reports, &heads)?),
        };
        let p = out.join(name);
        write_atomic(&p, &body).with_context(|| format!("{}: cannot write", p.display()))?;
    }
    eprintln!("wrote {} article reports and the index to {}", reports.len(), out.display());
    if !ix.failures.is_empty() {
        eprintln!("{} of {} pages could not be read (listed in the index)", ix.failures.len(), files.len());
        return Ok(ExitCode::from(if reports.is_empty() { 1 } else { 3 }));
    }
    Ok(ExitCode::SUCCESS)
}
