//! Labelled CSV/TSV reading and validation.
//!
//! A table has one text column and label columns. Cells are strings; an
//! empty label cell means "not labelled" for that column. Errors name the
//! file, the line, and what to do.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Columns that are never labels unless named with `--labels`.
pub const METADATA_COLUMNS: &[&str] =
    &["id", "topic", "source", "note", "notes", "url", "date", "author", "line", "selection"];

/// Values that mean "yes" / "no" in a binary label column (case-insensitive).
pub const YES: &[&str] = &["1", "true", "yes", "ja", "x", "y", "j", "wahr"];
pub const NO: &[&str] = &["0", "false", "no", "nein", "n", "falsch", "-"];

pub fn is_yes(v: &str) -> bool {
    YES.iter().any(|y| y.eq_ignore_ascii_case(v.trim()))
}
pub fn is_no(v: &str) -> bool {
    NO.iter().any(|y| y.eq_ignore_ascii_case(v.trim()))
}

/// How to read a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReadOptions {
    /// Field delimiter (a single byte).
    pub delimiter: u8,
    /// Whether the first row names the columns.
    pub has_header: bool,
    /// Column names when there is no header (or to rename).
    pub columns: Option<Vec<String>>,
    /// Name of the text column.
    pub text_column: String,
    /// Honour double quotes (off for tab-separated files by default, as
    /// TSV files such as GermEval's contain bare quotes).
    pub quoting: Option<bool>,
    /// Take the text from another file: the labels file holds line numbers
    /// only (e.g. our annotations of GermEval tweets, whose text must stay in
    /// ../shared).
    pub text_from: Option<TextFrom>,
}

/// Where the text of a labels-only table comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextFrom {
    /// The file with the texts, one per line.
    pub path: PathBuf,
    /// Column of the labels file with the 1-based line number in `path`.
    pub line_column: String,
    /// Field delimiter of `path` (the text is field `field`, 0-based).
    pub delimiter: u8,
    pub field: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            delimiter: b',',
            has_header: true,
            columns: None,
            text_column: "text".into(),
            quoting: None,
            text_from: None,
        }
    }
}

/// Parses a delimiter name: tab, comma, semicolon, pipe, or one character.
pub fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" | "tsv" => Ok(b'\t'),
        "comma" | "," | "csv" => Ok(b','),
        "semicolon" | ";" => Ok(b';'),
        "pipe" | "|" => Ok(b'|'),
        other if other.len() == 1 && other.is_ascii() => Ok(other.as_bytes()[0]),
        other => Err(format!("unknown delimiter '{other}': use tab, comma, semicolon, pipe or a single ASCII character")),
    }
}

/// Errors of reading a table; each names the file and, where it applies, the line.
#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}, line {line}: {msg}")]
    Line { path: PathBuf, line: u64, msg: String },
    #[error("{path}: {msg}")]
    File { path: PathBuf, msg: String },
}

/// A table read from a file.
#[derive(Debug, Clone)]
pub struct Table {
    pub path: PathBuf,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// 1-based line number of each row in the file.
    pub lines: Vec<u64>,
    pub text_idx: usize,
}

impl Table {
    /// Index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// The text of row `r`.
    pub fn text(&self, r: usize) -> &str {
        &self.rows[r][self.text_idx]
    }

    /// Label columns: the ones named in `labels`, or else every column but
    /// the text column and the metadata columns (id, topic, ...).
    pub fn label_columns(&self, labels: Option<&[String]>) -> Result<Vec<usize>, DatasetError> {
        match labels {
            Some(names) => names
                .iter()
                .map(|n| {
                    self.column(n).ok_or_else(|| DatasetError::File {
                        path: self.path.clone(),
                        msg: format!(
                            "no label column '{n}'; the columns are: {}. Fix --labels or the header",
                            self.headers.join(", ")
                        ),
                    })
                })
                .collect(),
            None => Ok((0..self.headers.len())
                .filter(|&i| i != self.text_idx && !METADATA_COLUMNS.contains(&self.headers[i].to_lowercase().as_str()))
                .collect()),
        }
    }

    /// An error about row `r`.
    pub fn row_error(&self, r: usize, msg: String) -> DatasetError {
        DatasetError::Line { path: self.path.clone(), line: self.lines[r], msg }
    }
}

/// Reads a CSV/TSV file.
pub fn read_table(path: &Path, opts: &ReadOptions) -> Result<Table, DatasetError> {
    let bytes = std::fs::read(path).map_err(|source| DatasetError::Io { path: path.to_path_buf(), source })?;
    let file_err = |msg: String| DatasetError::File { path: path.to_path_buf(), msg };
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(e.as_bytes());
            cow.into_owned()
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let quoting = opts.quoting.unwrap_or(opts.delimiter != b'\t');
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(opts.delimiter)
        .has_headers(false)
        .quoting(quoting)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let mut headers: Vec<String> = match &opts.columns {
        Some(cols) => cols.clone(),
        None => Vec::new(),
    };
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut first = true;
    for rec in records.by_ref() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            DatasetError::Line { path: path.to_path_buf(), line, msg: format!("{e}; check the quoting and --delimiter") }
        })?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        if first && opts.has_header {
            first = false;
            if opts.columns.is_none() {
                headers = rec.iter().map(|h| h.trim().to_string()).collect();
            }
            continue;
        }
        first = false;
        if rec.len() == 1 && rec.get(0).is_some_and(|c| c.trim().is_empty()) {
            continue; // blank line
        }
        if headers.is_empty() {
            return Err(file_err("the file has no header; pass --no-header --columns text,label,...".into()));
        }
        if rec.len() != headers.len() {
            return Err(DatasetError::Line {
                path: path.to_path_buf(),
                line,
                msg: format!(
                    "{} fields, but {} columns ({}); fix the row, its quoting, or --delimiter",
                    rec.len(),
                    headers.len(),
                    headers.join(", ")
                ),
            });
        }
        rows.push(rec.iter().map(|c| c.to_string()).collect());
        lines.push(line);
    }
    if headers.is_empty() {
        return Err(file_err("the file is empty; give a CSV with a header and at least one row".into()));
    }
    if let Some(tf) = &opts.text_from {
        join_text(path, &mut headers, &mut rows, &lines, &opts.text_column, tf)?;
    }
    let text_idx = headers.iter().position(|h| *h == opts.text_column).ok_or_else(|| {
        file_err(format!(
            "no text column '{}'; the columns are: {}. Name it with --text-column, or give --no-header --columns",
            opts.text_column,
            headers.join(", ")
        ))
    })?;
    if rows.is_empty() {
        return Err(file_err("no data rows; the file has a header only".into()));
    }
    Ok(Table { path: path.to_path_buf(), headers, rows, lines, text_idx })
}

/// Adds the text column to a labels-only table from the lines of another file.
fn join_text(
    path: &Path,
    headers: &mut Vec<String>,
    rows: &mut [Vec<String>],
    lines: &[u64],
    text_column: &str,
    tf: &TextFrom,
) -> Result<(), DatasetError> {
    let col = headers.iter().position(|h| *h == tf.line_column).ok_or_else(|| DatasetError::File {
        path: path.to_path_buf(),
        msg: format!(
            "no line-number column '{}' to join the text from {}; the columns are: {}",
            tf.line_column,
            tf.path.display(),
            headers.join(", ")
        ),
    })?;
    if headers.iter().any(|h| h == text_column) {
        return Err(DatasetError::File {
            path: path.to_path_buf(),
            msg: format!("has a '{text_column}' column already; the text is joined from {}", tf.path.display()),
        });
    }
    let bytes = std::fs::read(&tf.path).map_err(|source| DatasetError::Io { path: tf.path.clone(), source })?;
    let content = String::from_utf8_lossy(&bytes);
    let source_lines: Vec<&str> = content.lines().collect();
    for (r, row) in rows.iter_mut().enumerate() {
        let cell = row[col].trim();
        let n: usize = cell.parse().map_err(|_| DatasetError::Line {
            path: path.to_path_buf(),
            line: lines[r],
            msg: format!("'{cell}' in column '{}' is not a line number", tf.line_column),
        })?;
        let line = n.checked_sub(1).and_then(|i| source_lines.get(i)).ok_or_else(|| DatasetError::Line {
            path: path.to_path_buf(),
            line: lines[r],
            msg: format!("line {n} is not in {} ({} lines); is it the right file?", tf.path.display(), source_lines.len()),
        })?;
        let text = line.split(tf.delimiter as char).nth(tf.field).unwrap_or("");
        row.push(text.to_string());
    }
    headers.push(text_column.to_string());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file(content: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(content.as_bytes()).unwrap();
        f
    }

    #[test]
    fn reads_csv_with_header_and_quotes() {
        let f = file("id,text,incivility\n1,\"Hallo, Welt\",0\n2,\"Sag \"\"nie\"\"\",1\n");
        let t = read_table(f.path(), &ReadOptions::default()).unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.text(0), "Hallo, Welt");
        assert_eq!(t.text(1), "Sag \"nie\"");
        assert_eq!(t.lines, vec![2, 3]);
        assert_eq!(t.label_columns(None).unwrap(), vec![2]);
    }

    #[test]
    fn tsv_without_header_keeps_bare_quotes() {
        let f = file("\"Zitat\" und mehr\tOFFENSE\tINSULT\nnormal\tOTHER\tOTHER\n");
        let opts = ReadOptions {
            delimiter: b'\t',
            has_header: false,
            columns: Some(vec!["text".into(), "a".into(), "b".into()]),
            ..Default::default()
        };
        let t = read_table(f.path(), &opts).unwrap();
        assert_eq!(t.text(0), "\"Zitat\" und mehr");
        assert_eq!(t.rows[1][1], "OTHER");
    }

    #[test]
    fn errors_name_file_line_and_fix() {
        let f = file("text,label\nok,1\nragged,1,extra\n");
        let e = read_table(f.path(), &ReadOptions::default()).unwrap_err().to_string();
        assert!(e.contains("line 3") && e.contains("--delimiter"), "{e}");
        let f = file("body,label\nx,1\n");
        let e = read_table(f.path(), &ReadOptions::default()).unwrap_err().to_string();
        assert!(e.contains("no text column 'text'") && e.contains("--text-column"), "{e}");
        let f = file("text,label\n");
        let e = read_table(f.path(), &ReadOptions::default()).unwrap_err().to_string();
        assert!(e.contains("no data rows"), "{e}");
        let f = file("");
        assert!(read_table(f.path(), &ReadOptions::default()).is_err());
    }

    #[test]
    fn text_is_joined_by_line_number() {
        let texts = file("erste Zeile\tA\nzweite Zeile\tB\ndritte Zeile\tC\n");
        let labels = file("line,selection,conspiracy\n3,random,0\n1,keyword,1\n");
        let opts = ReadOptions {
            text_from: Some(TextFrom { path: texts.path().to_path_buf(), line_column: "line".into(), delimiter: b'\t', field: 0 }),
            ..Default::default()
        };
        let t = read_table(labels.path(), &opts).unwrap();
        assert_eq!(t.text(0), "dritte Zeile");
        assert_eq!(t.text(1), "erste Zeile");
        assert_eq!(t.label_columns(None).unwrap(), vec![2], "line and selection are metadata");
        let bad = file("line,conspiracy\n9,0\n");
        let e = read_table(bad.path(), &opts).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("line 9 is not in"), "{e}");
    }

    #[test]
    fn delimiter_names() {
        assert_eq!(parse_delimiter("tab"), Ok(b'\t'));
        assert_eq!(parse_delimiter(";"), Ok(b';'));
        assert!(parse_delimiter("xx").is_err());
    }
}
