//! `recount check`: extract the claims of every document, apply the rules, drop the
//! suppressed and baselined findings, report the rest, and exit 1 when any reaches
//! `fail_on`.
//!
//! Suppression, three ways, each counted in the summary:
//! - front matter `recount-ignore: pack/rule, ...` (or a pack name, or `all`) drops
//!   findings involving any claim of that document;
//! - an inline `<!-- recount-ignore pack/rule ... -->` marker drops findings involving
//!   a claim that starts on the next line (no ids: every rule);
//! - `ignore = [fingerprint, ...]` in recount.toml drops those findings.
//!
//! Findings below `min_severity` are not shown but still count for `fail_on`.

use super::{InputArgs, Out, RulesArgs};
use clap::{Args, ValueEnum};
use recount::baseline::{self, Baseline};
use recount::check::{self, Finding};
use recount::claim::Claim;
use recount::config::FailOn;
use recount::corpus::Document;
use recount::extract::Extractor;
use recount::report::{self, DocPaths, Style, Totals};
use recount::rules::Severity;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Output format (table by default).
    #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,
    #[command(flatten)]
    pub gate: GateArgs,
    /// Colour: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it),
    /// always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Report and fail only on findings not in this baseline file, and count the
    /// baselined findings no longer found.
    #[arg(long, value_name = "FILE", help_heading = "Baseline")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file (then report against it).
    #[arg(long, value_name = "FILE", help_heading = "Baseline")]
    pub write_baseline: Option<PathBuf>,
    /// Check claims read back from these files instead of documents: JSON Lines of
    /// claims as `recount extract --format jsonl` writes them (or a JSON array, as
    /// `--format json` writes), from any number of shards; `-` reads standard input.
    /// Suppressions written in the documents (front matter, inline markers) need the
    /// documents and are not applied; recount.toml's `ignore` and baselines are.
    #[arg(
        long,
        value_name = "FILE",
        num_args = 1..,
        conflicts_with = "paths",
        help_heading = "Input"
    )]
    pub claims: Vec<PathBuf>,
}

/// What fails a run and what is shown (also read by `recount config`).
#[derive(Args, Debug, Clone, Default)]
pub struct GateArgs {
    /// Exit 1 when a finding of this severity or above is found [default: `fail_on` of
    /// recount.toml, else error].
    #[arg(long, value_enum, value_name = "SEVERITY", help_heading = "Outcome")]
    pub fail_on: Option<FailOnArg>,
    /// Show only findings of this severity or above [default: `min_severity` of
    /// recount.toml, else info].
    #[arg(long, value_enum, value_name = "SEVERITY", help_heading = "Outcome")]
    pub min_severity: Option<SeverityArg>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    /// Findings grouped by event, with their evidence (for people).
    Table,
    /// One line per finding: path:line:col: severity rule message.
    Concise,
    /// A JSON array of findings.
    Json,
    /// One JSON finding per line.
    Jsonl,
    /// One CSV row per finding.
    Csv,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// A Markdown summary, for $GITHUB_STEP_SUMMARY.
    Markdown,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

impl From<FailOnArg> for FailOn {
    fn from(f: FailOnArg) -> FailOn {
        match f {
            FailOnArg::Error => FailOn::Error,
            FailOnArg::Warning => FailOn::Warning,
            FailOnArg::Info => FailOn::Info,
            FailOnArg::Never => FailOn::Never,
        }
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeverityArg {
    Error,
    Warning,
    Info,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Severity {
        match s {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Whether to colour standard output: `--color` first, then `NO_COLOR` and
/// `FORCE_COLOR`, then whether it is a terminal.
pub fn use_color(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
            // FORCE_COLOR=0 (or false) asks for no forcing.
            let forced = std::env::var_os("FORCE_COLOR")
                .is_some_and(|v| !v.is_empty() && v != "0" && v != "false");
            if set("NO_COLOR") {
                false
            } else if forced {
                true
            } else {
                std::io::stdout().is_terminal()
            }
        }
    }
}

/// Whether an id from a `recount-ignore` list covers a rule: the rule's id, its pack's
/// name, or `all`.
fn covers(id: &str, rule: &str) -> bool {
    id == rule
        || id == "all"
        || rule
            .strip_prefix(id)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The inline `<!-- recount-ignore ids -->` markers of a document: for each, the file
/// line it covers (the line after it) and its rule ids (none: every rule).
pub fn inline_markers(doc: &Document) -> Vec<(u32, Vec<String>)> {
    const OPEN: &str = "<!--";
    const CLOSE: &str = "-->";
    const WORD: &str = "recount-ignore";
    let mut out = Vec::new();
    if !doc.text.contains(WORD) {
        return out;
    }
    for (i, line) in doc.text.lines().enumerate() {
        let mut rest = line;
        while let Some(open) = rest.find(OPEN) {
            let after = &rest[open + OPEN.len()..];
            let Some(close) = after.find(CLOSE) else {
                break;
            };
            let inner = after[..close].trim();
            if let Some(ids) = inner.strip_prefix(WORD)
                && (ids.is_empty() || ids.starts_with([' ', '\t', ':']))
            {
                let ids: Vec<String> = ids
                    .trim_start_matches(':')
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                let at = u32::try_from(i)
                    .unwrap_or(u32::MAX)
                    .saturating_add(doc.origin.body_line)
                    .saturating_add(1);
                out.push((at, ids));
            }
            rest = &after[close + CLOSE.len()..];
        }
    }
    out
}

/// What the documents ask to ignore.
#[derive(Default)]
struct Ignores {
    /// Front matter lists, by document id.
    front: HashMap<String, Vec<String>>,
    /// Inline markers, by document id.
    inline: HashMap<String, Vec<(u32, Vec<String>)>>,
}

impl Ignores {
    fn note(&mut self, doc: &Document) {
        if !doc.ignore.is_empty() {
            self.front.insert(doc.id.clone(), doc.ignore.clone());
        }
        let markers = inline_markers(doc);
        if !markers.is_empty() {
            self.inline.insert(doc.id.clone(), markers);
        }
    }

    fn suppresses(&self, f: &Finding) -> bool {
        f.claims.iter().any(|c| {
            self.front
                .get(&c.doc)
                .is_some_and(|ids| ids.iter().any(|id| covers(id, &f.rule)))
                || self.inline.get(&c.doc).is_some_and(|ms| {
                    ms.iter().any(|(line, ids)| {
                        *line == c.line
                            && c.section == recount::corpus::Section::Body
                            && (ids.is_empty() || ids.iter().any(|id| covers(id, &f.rule)))
                    })
                })
        })
    }
}

pub fn run(args: CheckArgs) -> u8 {
    let Some(rules) = super::load_rules(&args.rules) else {
        return 2;
    };
    let settings = super::config::merged(&args.input, &args.rules, Some(&args.gate));
    let old_baseline = match &args.baseline {
        Some(p) => match Baseline::read(p) {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("{e}");
                return 2;
            }
        },
        None => None,
    };
    let mut claims: Vec<Claim> = Vec::new();
    // Claims files: room for every claim up front, so that the vector is never copied
    // while it grows (a copy holds the claims twice). A claim takes at least this many
    // bytes as a line of JSON; the room beyond the claims read is never touched, so it
    // costs address space, not memory. When even that cannot be had, it grows as usual.
    const CLAIM_LINE_BYTES: u64 = 400;
    let claim_bytes: u64 = args
        .claims
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let _ = claims.try_reserve(usize::try_from(claim_bytes / CLAIM_LINE_BYTES).unwrap_or(0));
    let mut ignores = Ignores::default();
    let mut paths = DocPaths::new();
    let summary = if args.claims.is_empty() {
        let ex = Extractor::new(rules.lexicon.clone());
        let Some(summary) = super::for_each_document(&args.input, &ex, |doc, cs| {
            ignores.note(doc);
            paths.add(doc);
            claims.extend(cs);
            true
        }) else {
            return 2;
        };
        if summary.loaded == 0 {
            return 2;
        }
        Some(summary)
    } else {
        for p in &args.claims {
            if let Err(e) = read_claims(p, &mut claims) {
                eprintln!("recount: {e}");
                return 2;
            }
        }
        None
    };
    let summary = match summary {
        Some(s) => s,
        None => {
            super::config::current().apply_vague(&mut claims);
            // Documents without claims leave no trace in the claims files.
            let mut docs: Vec<&str> = claims.iter().map(|c| c.doc.as_str()).collect();
            docs.sort_unstable();
            docs.dedup();
            super::Summary {
                loaded: docs.len(),
                ..super::Summary::default()
            }
        }
    };
    let mut findings = check::run(&rules, &claims);
    let before = findings.len();
    // A fingerprint costs a hash of the finding: only when recount.toml lists some.
    let listed = !settings.ignore.is_empty();
    let dropped = |f: &Finding| {
        ignores.suppresses(f) || (listed && settings.ignores(&baseline::fingerprint(f)))
    };
    findings.retain(|f| !dropped(f));
    let suppressed = before - findings.len();

    let mut baselined = 0;
    let mut fixed = 0;
    let baseline = match &args.write_baseline {
        Some(p) => {
            let b = Baseline::from_findings(&findings);
            if let Err(e) = b.write(p) {
                eprintln!("{e}");
                return 2;
            }
            eprintln!(
                "recount: wrote {} finding{} to the baseline {}",
                b.findings.len(),
                if b.findings.len() == 1 { "" } else { "s" },
                p.display()
            );
            Some(b)
        }
        None => old_baseline,
    };
    if let Some(b) = baseline {
        let split = b.split(findings);
        findings = split.new;
        baselined = split.baselined;
        fixed = split.fixed;
    }

    let fail_on = settings.fail_on.value;
    let failing = findings.iter().any(|f| fail_on.fails(f.severity));
    let floor = settings.min_severity.value;
    let before = findings.len();
    findings.retain(|f| f.severity >= floor);
    let totals = Totals {
        documents: summary.loaded,
        skipped: summary.skipped,
        claims: claims.len(),
        suppressed,
        baselined,
        fixed,
        hidden: before - findings.len(),
    };
    let color = use_color(args.color);
    let mut out = Out::new();
    let text = match args.format {
        CheckFormat::Table => report::table::render(
            &findings,
            totals,
            Style {
                color,
                width: super::table_width(),
            },
        ),
        CheckFormat::Concise => report::concise::render(&findings, color),
        CheckFormat::Json => report::json::render(&findings),
        CheckFormat::Jsonl => report::json::render_lines(&findings),
        CheckFormat::Csv => report::csv::render(&findings),
        CheckFormat::Sarif => report::sarif::render(&findings, &rules, &paths),
        CheckFormat::Github => report::github::render(&findings, &paths),
        CheckFormat::Markdown => report::markdown::render(&findings, totals),
    };
    out.write_str(&text);
    out.flush();
    if !matches!(args.format, CheckFormat::Table | CheckFormat::Markdown) {
        eprintln!("{}", report::summary_line(&findings, totals));
    }
    u8::from(failing)
}

/// Claims are parsed this many lines at a time, in parallel.
const CLAIM_LINES: usize = 4096;

/// Append the claims of a claims file (`-`: standard input): JSON Lines of claims, or
/// one JSON array of them. Blank lines are skipped. The error names the
/// file and the line and column of the first bad claim.
pub fn read_claims(path: &Path, out: &mut Vec<Claim>) -> Result<(), String> {
    use rayon::prelude::*;
    use std::io::{BufRead, BufReader, Read};
    let shown = if path.as_os_str() == recount::corpus::STDIN_PATH {
        recount::corpus::STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    };
    let reader: Box<dyn Read> = if path.as_os_str() == recount::corpus::STDIN_PATH {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| format!("{shown}: {e}"))?)
    };
    let mut r = BufReader::with_capacity(1 << 16, reader);
    let array = loop {
        let buf = r.fill_buf().map_err(|e| format!("{shown}: {e}"))?;
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => break buf[i] == b'[',
            None if buf.is_empty() => return Ok(()),
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    };
    if array {
        let mut de = serde_json::Deserializer::from_reader(r);
        let claims: Vec<Claim> = serde::Deserialize::deserialize(&mut de)
            .and_then(|c| de.end().map(|()| c))
            .map_err(|e| format!("{shown}:{}:{}: {}", e.line(), e.column(), bare(&e)))?;
        out.extend(claims);
        return Ok(());
    }
    let mut number = 0u64;
    let mut eof = false;
    while !eof {
        // A batch of (line number, line), read in turn, then parsed in parallel.
        let mut batch: Vec<(u64, String)> = Vec::with_capacity(CLAIM_LINES);
        while batch.len() < CLAIM_LINES {
            let mut line = String::new();
            let n = r
                .read_line(&mut line)
                .map_err(|e| format!("{shown}:{}: {e}", number + 1))?;
            if n == 0 {
                eof = true;
                break;
            }
            number += 1;
            if !line.trim().is_empty() {
                batch.push((number, line));
            }
        }
        let parsed: Vec<Result<Claim, String>> = batch
            .par_iter()
            .map(|(number, line)| {
                serde_json::from_str(line.trim_end_matches(['\n', '\r']))
                    .map_err(|e| format!("{shown}:{number}:{}: {}", e.column(), bare(&e)))
            })
            .collect();
        for claim in parsed {
            out.push(claim?);
        }
    }
    Ok(())
}

/// A JSON error's message without serde_json's own " at line L column C".
fn bare(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_cover_rules_packs_and_all() {
        assert!(covers(
            "casualties/toll-disagreement",
            "casualties/toll-disagreement"
        ));
        assert!(covers("casualties", "casualties/toll-disagreement"));
        assert!(covers("all", "casualties/toll-disagreement"));
        assert!(!covers("casualties/toll", "casualties/toll-disagreement"));
        assert!(!covers("casual", "casualties/toll-disagreement"));
    }

    #[test]
    fn markers_cover_the_next_line() {
        let mut doc = recount::corpus::document_from_text(
            "a.md",
            "---\nsource: X\n---\nFirst line.\n<!-- recount-ignore a/b, c/d -->\n16 killed.\n\
             text <!-- recount-ignore --> and <!-- note --> <!--recount-ignore:e/f-->\n\
             <!-- recount-ignored x --> <!-- recount-ignore",
        )
        .unwrap();
        assert_eq!(doc.origin.body_line, 4);
        assert_eq!(
            inline_markers(&doc),
            vec![
                (6, vec!["a/b".to_string(), "c/d".to_string()]),
                (8, vec![]),
                (8, vec!["e/f".to_string()]),
            ]
        );
        doc.text = "no markers here".into();
        assert!(inline_markers(&doc).is_empty());
    }
}
