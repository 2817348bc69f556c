//! `recount corpus`: list the documents read from the given paths, to check the column
//! mapping and the metadata before a long run.
//!
//! Formats: `table` (the default: id, source, date, place, title, words, warnings, then
//! a summary line), `json` (an array), `jsonl` (one object per line) and `csv`. The
//! machine formats carry, per document: `id`, `source`, `date` (ISO, or null), `place`,
//! `event`, `title`, `url`, `words` (body words), `path` (the file as given), `row` (the
//! 1-based row of a corpus file, or null) and `warnings` (a list of strings); their
//! summary goes to standard error. Problems go to standard error as
//! `recount: path:line: message`. Exit 0 when at least one document loaded, else 2.

use super::{InputArgs, Out};
use clap::{Args, ValueEnum};
use comfy_table::{Cell, ContentArrangement, Table, presets};
use recount::corpus::{Document, LoadStats, Loaded};
use serde::Serialize;

#[derive(Args, Debug)]
pub struct CorpusArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CorpusFormat::Table)]
    pub format: CorpusFormat,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorpusFormat {
    Table,
    Json,
    Jsonl,
    Csv,
}

/// One document as listed: its metadata, without the text.
#[derive(Serialize, Debug)]
struct Listed {
    id: String,
    source: Option<String>,
    date: Option<String>,
    place: Option<String>,
    event: Option<String>,
    title: Option<String>,
    url: Option<String>,
    words: usize,
    path: String,
    row: Option<u64>,
    warnings: Vec<String>,
}

impl Listed {
    fn new(d: Document) -> Listed {
        Listed {
            words: d.text.split_whitespace().count(),
            date: d.date.map(|x| x.to_string()),
            id: d.id,
            source: d.source,
            place: d.place,
            event: d.event,
            title: d.title,
            url: d.url,
            path: d.origin.path,
            row: d.origin.row,
            warnings: d.warnings,
        }
    }
}

const CSV_FIELDS: [&str; 11] = [
    "id", "source", "date", "place", "event", "title", "url", "words", "path", "row", "warnings",
];

pub fn run(args: CorpusArgs) -> u8 {
    if args.input.paths.is_empty() {
        eprintln!("recount: no input: give files, directories, or - for standard input");
        return 2;
    }
    let opts = super::load_options(&args.input);
    let mut loader = recount::corpus::load(&args.input.paths, &opts);
    let mut out = Out::new();
    let mut table_rows = Vec::new();
    if args.format == CorpusFormat::Csv {
        out.write_str(&csv_line(&CSV_FIELDS));
    }
    let mut first = true;
    for item in loader.by_ref() {
        let d = match item {
            Loaded::Document(d) => d,
            Loaded::Problem(p) => {
                eprintln!("recount: {p}");
                continue;
            }
        };
        let listed = Listed::new(d);
        match args.format {
            CorpusFormat::Table => table_rows.push(listed),
            CorpusFormat::Jsonl => out.line(&serde_json::to_string(&listed).unwrap_or_default()),
            CorpusFormat::Json => {
                out.write_str(if first { "[\n  " } else { ",\n  " });
                out.write_str(&serde_json::to_string(&listed).unwrap_or_default());
            }
            CorpusFormat::Csv => out.write_str(&csv_line(&csv_record(&listed))),
        }
        first = false;
        if out.is_closed() {
            return 0;
        }
    }
    let stats = loader.stats();
    match args.format {
        CorpusFormat::Table => {
            if !table_rows.is_empty() {
                out.line(&table(&table_rows));
            }
            out.line(&summary(&stats));
        }
        CorpusFormat::Json => {
            out.line(if first { "[]" } else { "\n]" });
            eprintln!("recount: {}", summary(&stats));
        }
        CorpusFormat::Csv | CorpusFormat::Jsonl => eprintln!("recount: {}", summary(&stats)),
    }
    out.flush();
    if stats.documents > 0 { 0 } else { 2 }
}

/// One CSV record, quoted where needed, with its line end.
fn csv_line<S: AsRef<[u8]>>(fields: &[S]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(fields);
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn csv_record(l: &Listed) -> [String; 11] {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        l.id.clone(),
        s(&l.source),
        s(&l.date),
        s(&l.place),
        s(&l.event),
        s(&l.title),
        s(&l.url),
        l.words.to_string(),
        l.path.clone(),
        l.row.map(|r| r.to_string()).unwrap_or_default(),
        l.warnings.join("; "),
    ]
}

/// "8 documents loaded, 1 skipped (1 README or file of unknown type)".
fn summary(s: &LoadStats) -> String {
    let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = format!(
        "{} loaded, {} skipped",
        plural(s.documents, "document", "documents"),
        s.skipped + s.not_read
    );
    if s.not_read > 0 {
        line.push_str(&format!(
            " ({} not read: README or unknown file type)",
            plural(s.not_read, "file", "files")
        ));
    }
    if s.warnings > 0 {
        line.push_str(&format!(", {}", plural(s.warnings, "warning", "warnings")));
    }
    if s.documents == 0 {
        line.push_str("; nothing to read");
    }
    line
}

/// Cells cut to fit `width`: date, words and warnings whole; source and place capped;
/// what is left shared by the id (cut at its start, so the file name shows) and the
/// title (cut at its end).
fn table(rows: &[Listed]) -> String {
    let width = usize::from(super::table_width());
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|l| {
            [
                l.id.clone(),
                s(&l.source),
                s(&l.date),
                s(&l.place),
                // One line per document: newlines in a title would break the row.
                s(&l.title).split_whitespace().collect::<Vec<_>>().join(" "),
                l.words.to_string(),
                l.warnings.len().to_string(),
            ]
        })
        .collect();
    let header = [
        "id", "source", "date", "place", "title", "words", "warnings",
    ];
    let natural: Vec<usize> = (0..7)
        .map(|c| {
            cells
                .iter()
                .map(|r| r[c].chars().count())
                .chain([header[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    // Borders and one space of padding each side: 3 per column, plus 1.
    let budget = width.saturating_sub(3 * 7 + 1 + natural[2] + natural[5] + natural[6]);
    let mut w = natural.clone();
    if natural[0] + natural[1] + natural[3] + natural[4] > budget {
        w[1] = natural[1].min(18);
        w[3] = natural[3].min(14);
        let rest = budget.saturating_sub(w[1] + w[3]);
        w[0] = natural[0].min((rest * 3 / 5).max(12));
        w[4] = rest.saturating_sub(w[0]).max(10);
        if w[4] > natural[4] {
            w[4] = natural[4];
            w[0] = natural[0].min(rest.saturating_sub(w[4]).max(12));
        }
    }
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(header);
    for r in cells {
        let row: Vec<Cell> = r
            .iter()
            .enumerate()
            .map(|(c, v)| {
                Cell::new(if c == 0 {
                    cut_start(v, w[c])
                } else {
                    cut_end(v, w[c])
                })
            })
            .collect();
        t.add_row(row);
    }
    t.to_string()
}

/// `s` in at most `n` characters, its end replaced by "…" when cut.
fn cut_end(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `s` in at most `n` characters, its start replaced by "…" when cut.
fn cut_start(s: &str, n: usize) -> String {
    let len = s.chars().count();
    if len <= n {
        return s.to_string();
    }
    let keep = n.saturating_sub(1);
    let mut out = String::from("…");
    out.extend(s.chars().skip(len - keep));
    out
}
