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

use super::spill::{self, Spill};
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
    // The check as a map over documents (on the worker threads: the in-document
    // checks, and which claims the cross-document checks may compare) and a reduce
    // here, which keeps only those claims' index entries; the claims themselves wait
    // in a spill, in memory or a temporary file, for the findings' evidence.
    let plan = check::Plan::new(&rules.rules);
    let mut reduce = check::Reducer::new(&plan);
    let mut spill = Spill::new(spill::MEMORY_LIMIT);
    let mut failed: Option<String> = None;
    let mut ignores = Ignores::default();
    let mut paths = DocPaths::new();
    let summary = if args.claims.is_empty() {
        let ex = Extractor::new(rules.lexicon.clone());
        let Some(summary) = super::for_each_document_mapped(
            &args.input,
            &ex,
            |_, cs| map_document(&plan, cs),
            |doc, mapped| {
                ignores.note(doc);
                paths.add(doc);
                match keep(&mut reduce, &mut spill, mapped) {
                    Ok(()) => true,
                    Err(e) => {
                        failed = Some(e);
                        false
                    }
                }
            },
        ) else {
            return 2;
        };
        if let Some(e) = failed {
            eprintln!("recount: {e}");
            return 2;
        }
        if summary.loaded == 0 {
            return 2;
        }
        summary
    } else {
        let mut runs = Runs::default();
        for p in &args.claims {
            let file = spill.add_input(p);
            let read = read_claims(p, file, |shown, batch| {
                let docs = runs.split(shown, batch, false);
                map_and_keep(&plan, &mut reduce, &mut spill, docs)
            });
            if let Err(e) = read {
                eprintln!("recount: {e}");
                return 2;
            }
        }
        let docs = runs.split("", Vec::new(), true);
        if let Err(e) = map_and_keep(&plan, &mut reduce, &mut spill, docs) {
            eprintln!("recount: {e}");
            return 2;
        }
        if let Some(w) = runs.warning() {
            eprintln!("recount: warning: {w}");
        }
        // Documents without claims leave no trace in the claims files.
        super::Summary {
            loaded: runs.seen.len(),
            ..super::Summary::default()
        }
    };
    let claim_count = reduce.claims();
    let mut findings = reduce.finish(&|k| spill.get(k));
    if let Some(e) = spill.error() {
        eprintln!("recount: {e}");
        return 2;
    }
    drop(spill);
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
        claims: claim_count,
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
        CheckFormat::Jsonl => {
            // Line by line: the findings of a large corpus run to gigabytes of JSON.
            for f in &findings {
                out.write_str(&report::json::render_line(f));
            }
            String::new()
        }
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

/// A claim read back from a claims file, with its line, and where its JSON stands in
/// the file (input file number, byte offset, length) when it can be read again from
/// there.
struct ReadClaim {
    claim: Claim,
    line: u64,
    at: Option<(u32, u64, u32)>,
}

impl std::borrow::Borrow<Claim> for ReadClaim {
    fn borrow(&self) -> &Claim {
        &self.claim
    }
}

/// A claim that may say where it can be read again.
trait Located: std::borrow::Borrow<Claim> {
    fn at(&self) -> Option<(u32, u64, u32)>;
}

impl Located for Claim {
    fn at(&self) -> Option<(u32, u64, u32)> {
        None
    }
}

impl Located for ReadClaim {
    fn at(&self) -> Option<(u32, u64, u32)> {
        self.at
    }
}

/// One document's claims mapped for the check, with the kept claims' places for the
/// spill: where each can be read again, else its JSON (its end in the bytes).
type Packed<C> = (check::Mapped<C>, Vec<u8>, Vec<Place>);

enum Place {
    Json(usize),
    Input(u32, u64, u32),
}

fn map_document<C: Located>(plan: &check::Plan, claims: Vec<C>) -> Packed<C> {
    let mapped = plan.map(claims);
    let mut json = Vec::new();
    let mut places = Vec::with_capacity(mapped.kept().len());
    for c in mapped.kept() {
        places.push(match c.at() {
            Some((file, start, len)) => Place::Input(file, start, len),
            None => {
                super::extract::claim_line(c.borrow(), &mut json);
                Place::Json(json.len())
            }
        });
    }
    (mapped, json, places)
}

/// Hand a mapped document to the reduce and its kept claims to the spill.
fn keep<C: Located>(
    reduce: &mut check::Reducer,
    spill: &mut Spill,
    packed: Packed<C>,
) -> Result<(), String> {
    let (mapped, json, places) = packed;
    reduce.add(mapped);
    let mut from = 0;
    for p in places {
        match p {
            Place::Json(end) => {
                spill.push(json.get(from..end).unwrap_or_default())?;
                from = end;
            }
            Place::Input(file, start, len) => spill.point(file, start, len),
        }
    }
    debug_assert_eq!(reduce.kept(), spill.len());
    Ok(())
}

/// Map documents' claims on the worker threads, then keep them in turn.
fn map_and_keep(
    plan: &check::Plan,
    reduce: &mut check::Reducer,
    spill: &mut Spill,
    docs: Vec<Vec<ReadClaim>>,
) -> Result<(), String> {
    use rayon::prelude::*;
    let packed: Vec<Packed<ReadClaim>> = docs
        .into_par_iter()
        .map(|d| map_document(plan, d))
        .collect();
    for p in packed {
        keep(reduce, spill, p)?;
    }
    Ok(())
}

/// Claims read back, cut into documents: a run of claims with one `doc` is one
/// document (`recount extract` writes each document's claims together).
#[derive(Default)]
struct Runs {
    /// The last run, which the next batch may continue.
    open: Vec<ReadClaim>,
    /// Documents seen, by id.
    seen: std::collections::HashSet<String>,
    /// Documents whose claims came in more than one run: how many, and the first
    /// (its id, and the file and line where it came back).
    split: usize,
    first_split: Option<(String, String)>,
}

impl Runs {
    /// The documents a batch of claims read from the file `shown` completes; with
    /// `last`, the open run too.
    fn split(&mut self, shown: &str, batch: Vec<ReadClaim>, last: bool) -> Vec<Vec<ReadClaim>> {
        let config = super::config::current();
        let mut docs = Vec::new();
        for mut r in batch {
            if self
                .open
                .first()
                .is_some_and(|o| o.claim.doc != r.claim.doc)
            {
                docs.push(std::mem::take(&mut self.open));
            }
            if self.open.is_empty() && !self.seen.insert(r.claim.doc.clone()) {
                self.split += 1;
                self.first_split
                    .get_or_insert_with(|| (r.claim.doc.clone(), format!("{shown}:{}", r.line)));
            }
            // A claim recount.toml gives another interval is no longer what the file says.
            let before = (r.claim.low, r.claim.high);
            config.apply_vague(std::slice::from_mut(&mut r.claim));
            if (r.claim.low, r.claim.high) != before {
                r.at = None;
            }
            self.open.push(r);
        }
        if last && !self.open.is_empty() {
            docs.push(std::mem::take(&mut self.open));
        }
        docs
    }

    fn warning(&self) -> Option<String> {
        let (doc, at) = self.first_split.as_ref()?;
        Some(format!(
            "{at}: the claims of document `{doc}` resume here after other documents' \
             claims{}; each run of a document's claims is checked as a document of its own \
             (keep each document's claims together, as `recount extract` writes them)",
            match self.split {
                1 => String::new(),
                n => format!(" ({n} such runs in all)"),
            }
        ))
    }
}

/// Read a claims file (`-`: standard input), handing its claims to `f` in batches,
/// with the file's name as shown: JSON Lines of claims, or one JSON array of them.
/// Blank lines are skipped. A claim of a JSON Lines file (not standard input) says
/// where it stands, as input file number `file`. The error names the file and the
/// line and column of the first bad claim.
fn read_claims(
    path: &Path,
    file: u32,
    mut f: impl FnMut(&str, Vec<ReadClaim>) -> Result<(), String>,
) -> Result<(), String> {
    use rayon::prelude::*;
    use std::io::{BufRead, BufReader, Read};
    let shown = if path.as_os_str() == recount::corpus::STDIN_PATH {
        recount::corpus::STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    };
    let stdin = path.as_os_str() == recount::corpus::STDIN_PATH;
    // Only a regular file can be read again (not a pipe, nor standard input).
    let pointable = !stdin && std::fs::metadata(path).is_ok_and(|m| m.is_file());
    let reader: Box<dyn Read> = if stdin {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| format!("{shown}: {e}"))?)
    };
    let mut r = BufReader::with_capacity(1 << 16, reader);
    let mut skipped = 0u64;
    let array = loop {
        let buf = r.fill_buf().map_err(|e| format!("{shown}: {e}"))?;
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => break buf[i] == b'[',
            None if buf.is_empty() => return Ok(()),
            None => {
                let n = buf.len();
                r.consume(n);
                skipped += n as u64;
            }
        }
    };
    if array {
        let mut de = serde_json::Deserializer::from_reader(r);
        let claims: Vec<Claim> = serde::Deserialize::deserialize(&mut de)
            .and_then(|c| de.end().map(|()| c))
            .map_err(|e| format!("{shown}:{}:{}: {}", e.line(), e.column(), bare(&e)))?;
        let claims = claims.into_iter().map(|claim| ReadClaim {
            claim,
            line: 1,
            at: None,
        });
        return f(&shown, claims.collect());
    }
    // Where the next line starts.
    let mut offset = skipped;
    let mut number = 0u64;
    let mut eof = false;
    let mut buf: Vec<u8> = Vec::new();
    while !eof {
        // A batch of lines read in turn into one buffer, each as (line number, offset
        // in the file, range in the buffer), then parsed in parallel.
        buf.clear();
        let mut batch: Vec<(u64, u64, std::ops::Range<usize>)> = Vec::with_capacity(CLAIM_LINES);
        while batch.len() < CLAIM_LINES {
            let from = buf.len();
            let n = r
                .read_until(b'\n', &mut buf)
                .map_err(|e| format!("{shown}:{}: {e}", number + 1))?;
            if n == 0 {
                eof = true;
                break;
            }
            number += 1;
            let mut to = buf.len();
            while to > from && matches!(buf[to - 1], b'\n' | b'\r') {
                to -= 1;
            }
            if blank(&buf[from..to]) {
                buf.truncate(from);
            } else {
                batch.push((number, offset, from..to));
            }
            offset += n as u64;
        }
        let parsed: Vec<Result<ReadClaim, String>> = batch
            .par_iter()
            .map(|(number, offset, range)| {
                let json = simdutf8::basic::from_utf8(&buf[range.clone()])
                    .map_err(|_| format!("{shown}:{number}: not valid UTF-8"))?;
                serde_json::from_str(json)
                    .map(|claim| ReadClaim {
                        claim,
                        line: *number,
                        at: u32::try_from(json.len())
                            .ok()
                            .filter(|_| pointable)
                            .map(|len| (file, *offset, len)),
                    })
                    .map_err(|e| format!("{shown}:{number}:{}: {}", e.column(), bare(&e)))
            })
            .collect();
        let claims = parsed.into_iter().collect::<Result<Vec<_>, String>>()?;
        f(&shown, claims)?;
    }
    Ok(())
}

/// A line with nothing but white space (Unicode's, as `str::trim` sees it).
fn blank(line: &[u8]) -> bool {
    match line.iter().find(|b| !b.is_ascii_whitespace()) {
        None => true,
        Some(b) if b.is_ascii() => false,
        Some(_) => std::str::from_utf8(line).is_ok_and(|s| s.trim().is_empty()),
    }
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

    /// The map, the reduce and the spill (every kept claim in the temporary file)
    /// find what checking the claims at once finds.
    #[test]
    fn spilled_claims_give_the_findings_of_a_direct_check() {
        let texts = [
            (
                "a.txt",
                "AFP",
                "A car bomb killed 16 people in Hasaka on Tuesday.",
            ),
            (
                "b.txt",
                "Reuters",
                "A car bomb killed 40 people in Hasaka on Tuesday.",
            ),
            (
                "c.txt",
                "BBC",
                "Some 350 people were killed, including 400 civilians.",
            ),
            (
                "d.txt",
                "SANA",
                "At least 12 people were killed in Hasaka on Tuesday.",
            ),
        ];
        let rules = recount::rules::load_rules(true, &[]).expect("the default rules load");
        let ex = Extractor::new(rules.lexicon.clone());
        let plan = check::Plan::new(&rules.rules);
        let mut reduce = check::Reducer::new(&plan);
        let mut spill = Spill::new(0);
        let mut all = Vec::new();
        for (name, source, text) in texts {
            let text = format!("---\nsource: {source}\ndate: 2017-04-19\n---\n{text}\n");
            let doc = recount::corpus::document_from_text(name, &text).expect("a document");
            let claims = ex.extract(&doc);
            all.extend(claims.clone());
            keep(&mut reduce, &mut spill, map_document(&plan, claims)).expect("kept");
        }
        assert!(spill.len() > 2 && spill.on_disk());
        let found = reduce.finish(&|k| spill.get(k));
        assert_eq!(spill.error(), None);
        assert!(found.len() >= 2, "{found:#?}");
        assert_eq!(found, check::run(&rules, &all));
    }

    #[test]
    fn blank_lines() {
        for (line, want) in [
            (&b""[..], true),
            (b" \t\r", true),
            ("\u{a0} \u{2003}".as_bytes(), true),
            (b" {}", false),
            ("\u{a0}x".as_bytes(), false),
            (b"\xff", false),
        ] {
            assert_eq!(blank(line), want, "{line:?}");
        }
    }

    /// Lines of claims files: blank ones skipped, bad ones named by line.
    #[test]
    fn claims_files_are_read_by_line() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.jsonl");
        let claim = |id: &str| {
            format!(
                r#"{{"id":"{id}","doc":"d","section":"body","start":0,"end":2,"line":1,"column":1,"text":"16","quantity":"16","value":16.0,"low":16.0,"high":16.0,"qualifier":"exact","kind":"count","unit":null,"noun":null,"concept":null,"subject":null,"predicate":null,"trend":null,"part_of":null,"group":null,"attribution":null,"date":null,"place":null,"source":null,"event":null,"doc_date":null,"frame":"incident","sentence":"16"}}"#
            )
        };
        std::fs::write(
            &good,
            format!("\n{}\r\n \u{a0}\n{}", claim("a"), claim("b")),
        )
        .unwrap();
        let mut got = Vec::new();
        read_claims(&good, 7, |_, batch| {
            got.extend(batch.into_iter().map(|r| (r.claim.id, r.line, r.at)));
            Ok(())
        })
        .unwrap();
        let len = claim("a").len() as u32;
        assert_eq!(
            got,
            vec![
                ("a".to_string(), 2, Some((7, 1, len))),
                ("b".to_string(), 4, Some((7, 1 + u64::from(len) + 6, len))),
            ]
        );
        let bad = dir.path().join("bad.jsonl");
        std::fs::write(
            &bad,
            [claim("a").as_bytes(), b"\n{\"id\":\"\xff\"}\n"].concat(),
        )
        .unwrap();
        let e = read_claims(&bad, 0, |_, _| Ok(())).unwrap_err();
        assert_eq!(e, format!("{}:2: not valid UTF-8", bad.display()));
    }

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
