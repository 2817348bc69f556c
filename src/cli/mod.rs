//! Flag parsing and the subcommands. Each subcommand lives in its own file and
//! returns an exit code; output goes through [`Out`], which turns a closed pipe into a
//! quiet exit.

mod check;
mod config;
mod corpus;
mod extract;
mod rules;
mod spill;
mod test_rules;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Check numeric claims in news articles for consistency.
#[derive(Parser, Debug)]
#[command(name = "recount", version, about, max_term_width = 100)]
pub struct Cli {
    /// Read settings from this file instead of the recount.toml found upward from the
    /// working directory.
    #[arg(long, global = true, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no recount.toml.
    #[arg(long, global = true)]
    pub no_config: bool,
    /// Worker threads for extraction and checks [default: one per core, or
    /// RAYON_NUM_THREADS]. Output is the same whatever the number.
    #[arg(long, global = true, value_name = "N")]
    pub jobs: Option<std::num::NonZeroUsize>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check the numeric claims in PATHS for contradictions (the main job).
    Check(check::CheckArgs),
    /// List the documents read from PATHS, to check the column mapping before a long run.
    Corpus(corpus::CorpusArgs),
    /// Print the numeric claims found in PATHS (or in --text).
    Extract(extract::ExtractArgs),
    /// List the rules in use, or print one rule's documentation (`recount rules ID`).
    Rules(rules::RulesCmdArgs),
    /// Run every rule's inline examples.
    TestRules(test_rules::TestRulesArgs),
    /// Print the settings in force (recount.toml and flags) and where each came from.
    Config(config::ConfigArgs),
}

/// Where documents come from and how corpus columns are read.
#[derive(Args, Debug, Clone, Default)]
pub struct InputArgs {
    /// Files, directories (recursed in sorted order), or `-` for one document on stdin.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Column (or JSON field) holding the article text.
    #[arg(long, value_name = "NAME", help_heading = "Corpus columns")]
    pub text_column: Option<String>,
    /// Column holding the outlet.
    #[arg(long, value_name = "NAME", help_heading = "Corpus columns")]
    pub source_column: Option<String>,
    /// Column holding the date.
    #[arg(long, value_name = "NAME", help_heading = "Corpus columns")]
    pub date_column: Option<String>,
    /// Column holding the place.
    #[arg(long, value_name = "NAME", help_heading = "Corpus columns")]
    pub place_column: Option<String>,
    /// Column holding the title.
    #[arg(long, value_name = "NAME", help_heading = "Corpus columns")]
    pub title_column: Option<String>,
    /// Column holding a stable document id.
    #[arg(long, value_name = "NAME", help_heading = "Corpus columns")]
    pub id_column: Option<String>,
    /// Column holding an explicit event key.
    #[arg(long, value_name = "NAME", help_heading = "Corpus columns")]
    pub event_column: Option<String>,
    /// How to read slashed dates like 4/5/2017 (default: detected per column).
    #[arg(
        long,
        value_enum,
        value_name = "ORDER",
        help_heading = "Corpus columns"
    )]
    pub date_order: Option<DateOrderArg>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrderArg {
    Dmy,
    Mdy,
}

/// Rules packs in use.
#[derive(Args, Debug, Clone, Default)]
pub struct RulesArgs {
    /// Add a rules pack (a .toml file, or a directory of them). Repeatable.
    #[arg(long = "rules", value_name = "PATH", help_heading = "Rules")]
    pub rules: Vec<PathBuf>,
    /// Use only the packs given with --rules, not the built-in ones.
    #[arg(long, help_heading = "Rules")]
    pub no_default_rules: bool,
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    if let Err(code) = config::init(cli.config.as_deref(), cli.no_config) {
        return ExitCode::from(code);
    }
    if let Some(n) = cli.jobs
        && let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n.get())
            .build_global()
    {
        eprintln!("recount: cannot start {n} worker threads: {e}");
        return ExitCode::from(2);
    }
    let code = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Corpus(args) => corpus::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Rules(args) => rules::run(args),
        Command::TestRules(args) => test_rules::run(args),
        Command::Config(args) => config::run(args),
    };
    ExitCode::from(code)
}

/// Writes every byte of `bufs`, in order, with vectored writes. A write may take only
/// part of what it is given (a pipe takes what it has room for), so the slices are
/// advanced past what went and the rest written again.
fn write_all_vectored(w: &mut impl Write, bufs: &[Vec<u8>]) -> io::Result<()> {
    let mut slices: Vec<io::IoSlice<'_>> = bufs.iter().map(|b| io::IoSlice::new(b)).collect();
    let mut left = &mut slices[..];
    io::IoSlice::advance_slices(&mut left, 0);
    while !left.is_empty() {
        match w.write_vectored(left) {
            Ok(0) => return Err(io::Error::from(io::ErrorKind::WriteZero)),
            Ok(n) => io::IoSlice::advance_slices(&mut left, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Standard output that remembers a closed pipe, so `recount ... | head` exits quietly.
///
/// Whole buffers handed over with [`Out::write_owned`] are not copied into the
/// buffered writer: they wait in a queue and go out together in one vectored write
/// (the kernel reads them where they are), which spares a copy of nearly every byte
/// of a large JSON Lines run.
pub struct Out {
    inner: io::BufWriter<io::StdoutLock<'static>>,
    /// Buffers waiting to be written, in order, after what `inner` holds.
    queued: Vec<Vec<u8>>,
    /// Their total length.
    queued_len: usize,
    /// Buffers written out, emptied, for [`Out::take_spent`] to hand back.
    spent: Vec<Vec<u8>>,
    closed: bool,
}

impl Out {
    /// Bytes queued by [`Out::write_owned`] before they are written out.
    const QUEUE_BYTES: usize = 1 << 18;
    /// Buffers queued before they are written out: within the slices one vectored
    /// write takes (1024 on Linux, at least 16 anywhere).
    const QUEUE_COUNT: usize = 512;

    pub fn new() -> Self {
        Out {
            // Large writes: JSON Lines of a big corpus run to gigabytes.
            inner: io::BufWriter::with_capacity(1 << 18, io::stdout().lock()),
            queued: Vec::new(),
            queued_len: 0,
            spent: Vec::new(),
            closed: false,
        }
    }

    /// Write a string; after the reader has gone, writes are dropped.
    pub fn write_str(&mut self, s: &str) {
        self.write_bytes(s.as_bytes());
    }

    /// Write text already encoded as UTF-8, like [`Out::write_str`].
    pub fn write_bytes(&mut self, b: &[u8]) {
        if self.closed {
            return;
        }
        if !self.queued.is_empty() {
            self.write_queued();
            if self.closed {
                return;
            }
        }
        if let Err(e) = self.inner.write_all(b) {
            self.note(e);
        }
    }

    /// Write a buffer of UTF-8 text that the caller is done with, like
    /// [`Out::write_bytes`] but without copying it: it is queued, and written with
    /// the buffers queued after it once they are many or large enough.
    pub fn write_owned(&mut self, b: Vec<u8>) {
        if self.closed || b.is_empty() {
            return;
        }
        self.queued_len += b.len();
        self.queued.push(b);
        if self.queued_len >= Self::QUEUE_BYTES || self.queued.len() >= Self::QUEUE_COUNT {
            self.write_queued();
        }
    }

    /// Write out the queued buffers, after what the buffered writer holds. A write
    /// may take only part of what it is given (a pipe takes what it has room for),
    /// so the slices are advanced past what went and the rest written again.
    fn write_queued(&mut self) {
        let queued = std::mem::take(&mut self.queued);
        self.queued_len = 0;
        if let Err(e) = self.inner.flush() {
            self.note(e);
            return;
        }
        if let Err(e) = write_all_vectored(self.inner.get_mut(), &queued) {
            self.note(e);
            return;
        }
        // The buffers written are kept for their room, and the emptied queue for its.
        let mut queued = queued;
        for mut b in queued.drain(..) {
            b.clear();
            self.spent.push(b);
        }
        self.queued = queued;
    }

    /// The buffers given to [`Out::write_owned`] that have been written out since the
    /// last call, emptied, to be filled again: the caller spares a new allocation of
    /// each (and this thread the freeing of memory another thread allocated).
    pub fn take_spent(&mut self) -> std::vec::Drain<'_, Vec<u8>> {
        self.spent.drain(..)
    }

    pub fn line(&mut self, s: &str) {
        self.write_str(s);
        self.write_str("\n");
    }

    pub fn flush(&mut self) {
        if !self.closed && !self.queued.is_empty() {
            self.write_queued();
        }
        if !self.closed
            && let Err(e) = self.inner.flush()
        {
            self.note(e);
        }
    }

    /// True once the reader has gone: callers may stop producing output.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    fn note(&mut self, e: io::Error) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("recount: cannot write output: {e}");
        }
        self.closed = true;
    }
}

impl Drop for Out {
    fn drop(&mut self) {
        self.flush();
    }
}

/// Width for tables: the terminal's when stdout is one (or `COLUMNS` when set),
/// else a fixed 100 so that output off a terminal is the same everywhere.
pub fn table_width() -> u16 {
    use std::io::IsTerminal;
    if let Some(c) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
    {
        return c.clamp(40, 1000);
    }
    if io::stdout().is_terminal() {
        // comfy-table asks the terminal for its size when attached to one.
        if let Some(w) = comfy_table::Table::new().width() {
            return w;
        }
    }
    100
}

/// The rules in use: built-in packs unless `--no-default-rules` (or `default_rules =
/// false` in recount.toml), plus recount.toml's `rules`, plus `--rules`; then
/// recount.toml's disabled rules, severities and lexicon additions. Errors are
/// printed; None means exit 2.
pub fn load_rules(args: &RulesArgs) -> Option<recount::rules::RuleSet> {
    let settings = config::current();
    let mut paths = settings.rules_paths();
    paths.extend(args.rules.iter().cloned());
    let defaults = settings.default_rules.value && !args.no_default_rules;
    match recount::rules::load_rules(defaults, &paths) {
        Ok(mut r) => match settings.apply_to_rules(&mut r) {
            Ok(()) => Some(r),
            Err(errors) => {
                config::report(&errors);
                None
            }
        },
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!(
                "recount: {} error{} in rules files",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            None
        }
    }
}

/// Corpus options from the column flags, then recount.toml's `[columns]` and
/// `date_order`.
pub fn load_options(input: &InputArgs) -> recount::corpus::LoadOptions {
    use recount::corpus::{ColumnMap, LoadOptions};
    use recount::date::DateOrder;
    let file = config::current().load_options();
    LoadOptions {
        columns: ColumnMap {
            text: input.text_column.clone().or(file.columns.text),
            source: input.source_column.clone().or(file.columns.source),
            date: input.date_column.clone().or(file.columns.date),
            place: input.place_column.clone().or(file.columns.place),
            title: input.title_column.clone().or(file.columns.title),
            id: input.id_column.clone().or(file.columns.id),
            event: input.event_column.clone().or(file.columns.event),
            url: file.columns.url,
        },
        date_order: input
            .date_order
            .map(|o| match o {
                DateOrderArg::Dmy => DateOrder::Dmy,
                DateOrderArg::Mdy => DateOrder::Mdy,
            })
            .or(file.date_order),
    }
}

/// What a run read.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub loaded: usize,
    pub skipped: usize,
    pub warnings: usize,
}

/// Documents are extracted in chunks of this many, in parallel, and handed on in order.
const CHUNK: usize = 256;

/// Chunks being extracted at once: one for the workers to share while the next waits,
/// so they never wait for this thread; few, so that memory stays flat.
const IN_FLIGHT: usize = 2;

/// A chunk of documents with what the workers made of each one's claims.
type Extracted<T> = (Vec<recount::corpus::Document>, Vec<T>);

/// Stream the documents of `input`, extract their claims in parallel (output order is
/// the input order whatever the thread count), and hand each document with its claims
/// (to keep or drop) to `f`, which returns false to stop early. Problems go to
/// standard error as they come. None when no paths were given.
///
/// Reading, extraction and handing on overlap: this thread reads the next chunk and
/// hands on the last while the worker threads extract the ones between. Only
/// [`IN_FLIGHT`] chunks and the one being read are held at a time, whatever the size
/// of the input.
pub fn for_each_document(
    input: &InputArgs,
    ex: &recount::extract::Extractor,
    f: impl FnMut(&recount::corpus::Document, Vec<recount::claim::Claim>) -> bool,
) -> Option<Summary> {
    for_each_document_mapped(input, ex, |_, claims| claims, f)
}

/// [`for_each_document`] with a step of its own on the worker threads: `map` turns
/// each document's claims into what `f` receives (JSON Lines output renders them
/// there, so that this thread only reads and writes).
pub fn for_each_document_mapped<T: Send>(
    input: &InputArgs,
    ex: &recount::extract::Extractor,
    map: impl Fn(&recount::corpus::Document, Vec<recount::claim::Claim>) -> T + Sync,
    f: impl FnMut(&recount::corpus::Document, T) -> bool,
) -> Option<Summary> {
    for_each_document_with(
        input,
        |d| {
            let mut c = Vec::new();
            extract_each_here(ex, d, |claim| c.push(claim.to_claim()));
            config::current().apply_vague(&mut c);
            map(d, c)
        },
        f,
    )
}

thread_local! {
    /// The reading lists of a worker thread, kept from one document to the next so
    /// that sentences are read without allocating once they have grown.
    static SCRATCH: std::cell::RefCell<recount::extract::context::Scratch> =
        std::cell::RefCell::new(recount::extract::context::Scratch::default());
}

/// `doc`'s claims handed to `f`, read with this thread's reading lists: each worker
/// reads all its documents' sentences into one set (the claims are the same as
/// [`recount::extract::Extractor::extract_each`]'s).
pub fn extract_each_here(
    ex: &recount::extract::Extractor,
    doc: &recount::corpus::Document,
    f: impl FnMut(&recount::claim::ClaimRef<'_>),
) {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => ex.extract_each_with(doc, &mut s, f),
        // Not reached: nothing reads a document while reading another on one thread.
        Err(_) => ex.extract_each(doc, f),
    })
}

/// [`for_each_document_mapped`] with the extraction left to `work` as well, which
/// turns each document into what `f` receives on the worker threads (JSON Lines
/// output writes claims there as they are read, with no owned copy of each).
pub fn for_each_document_with<T: Send>(
    input: &InputArgs,
    work: impl Fn(&recount::corpus::Document) -> T + Sync,
    mut f: impl FnMut(&recount::corpus::Document, T) -> bool,
) -> Option<Summary> {
    use rayon::prelude::*;
    use std::collections::VecDeque;
    use std::sync::mpsc;
    if input.paths.is_empty() {
        eprintln!("recount: no input: give files, directories, or - for standard input");
        return None;
    }
    let opts = load_options(input);
    let mut summary = Summary::default();
    let mut docs = recount::corpus::load(&input.paths, &opts);
    let extract =
        |batch: &[recount::corpus::Document]| -> Vec<T> { batch.par_iter().map(&work).collect() };
    if rayon::current_thread_index().is_some() {
        // On a worker thread already (a caller's own pool): waiting here for other
        // workers could leave none to do the work, so extract each chunk in turn.
        'chunks: loop {
            let batch = next_chunk(&mut docs, &mut summary);
            if batch.is_empty() {
                break;
            }
            let claims = extract(&batch);
            for (d, c) in batch.iter().zip(claims) {
                if !f(d, c) {
                    break 'chunks;
                }
            }
        }
    } else {
        rayon::in_place_scope(|scope| {
            let mut pending: VecDeque<mpsc::Receiver<Extracted<T>>> = VecDeque::new();
            let mut reading = true;
            loop {
                if reading && pending.len() < IN_FLIGHT {
                    let batch = next_chunk(&mut docs, &mut summary);
                    if batch.is_empty() {
                        reading = false;
                    } else {
                        let (tx, rx) = mpsc::sync_channel(1);
                        let extract = &extract;
                        scope.spawn(move |_| {
                            let claims = extract(&batch);
                            // The receiver is gone only when the run stopped early.
                            let _ = tx.send((batch, claims));
                        });
                        pending.push_back(rx);
                        continue;
                    }
                }
                let Some(rx) = pending.pop_front() else {
                    break;
                };
                // No message: the extraction panicked, and the scope passes it on.
                let Ok((batch, claims)) = rx.recv() else {
                    break;
                };
                for (d, c) in batch.iter().zip(claims) {
                    if !f(d, c) {
                        return;
                    }
                }
            }
        });
    }
    if summary.loaded == 0 {
        eprintln!("recount: no document could be loaded");
    }
    Some(summary)
}

/// The next [`CHUNK`] documents of the stream (fewer at its end, none when it is
/// exhausted); problems met on the way are counted and printed.
fn next_chunk(
    docs: &mut recount::corpus::Loader,
    summary: &mut Summary,
) -> Vec<recount::corpus::Document> {
    use recount::corpus::{Loaded, ProblemSeverity};
    let mut batch = Vec::with_capacity(CHUNK);
    for item in docs.by_ref() {
        match item {
            Loaded::Document(d) => {
                summary.loaded += 1;
                batch.push(d);
                if batch.len() == CHUNK {
                    break;
                }
            }
            Loaded::Problem(p) => {
                match p.severity {
                    ProblemSeverity::Error => summary.skipped += 1,
                    ProblemSeverity::Warning => summary.warnings += 1,
                }
                eprintln!("recount: {p}");
            }
        }
    }
    batch
}

#[cfg(test)]
mod tests {
    use super::write_all_vectored;
    use std::io::{self, Write};

    /// A writer that takes at most `step` bytes a call, and is interrupted before every
    /// third, as a pipe with little room can be.
    struct Trickle {
        got: Vec<u8>,
        step: usize,
        calls: usize,
    }

    impl Write for Trickle {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(3) {
                return Err(io::Error::from(io::ErrorKind::Interrupted));
            }
            let n = b.len().min(self.step);
            self.got.extend_from_slice(&b[..n]);
            Ok(n)
        }

        fn write_vectored(&mut self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
            let first = bufs
                .iter()
                .find(|b| !b.is_empty())
                .map_or(&[][..], |b| &**b);
            self.write(first)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn vectored_writes_go_on_after_partial_and_interrupted_writes() {
        let bufs: Vec<Vec<u8>> = vec![
            b"first line\n".to_vec(),
            Vec::new(),
            b"second\n".to_vec(),
            b"x".to_vec(),
            Vec::new(),
        ];
        let whole: Vec<u8> = bufs.concat();
        for step in [1, 2, 3, 7, 64] {
            let mut w = Trickle {
                got: Vec::new(),
                step,
                calls: 0,
            };
            write_all_vectored(&mut w, &bufs).unwrap();
            assert_eq!(w.got, whole, "step {step}");
        }
        let mut w = Trickle {
            got: Vec::new(),
            step: 0,
            calls: 0,
        };
        let e = write_all_vectored(&mut w, &bufs).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::WriteZero);
        assert!(write_all_vectored(&mut w, &[Vec::new()]).is_ok());
    }
}
