//! Flag parsing and the subcommands. Each subcommand lives in its own file and
//! returns an exit code; output goes through [`Out`], which turns a closed pipe into a
//! quiet exit.

mod corpus;
mod extract;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Check numeric claims in news articles for consistency.
#[derive(Parser, Debug)]
#[command(name = "recount", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List the documents read from PATHS, to check the column mapping before a long run.
    Corpus(corpus::CorpusArgs),
    /// Print the numeric claims found in PATHS (or in --text).
    Extract(extract::ExtractArgs),
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
    #[arg(long, value_enum, value_name = "ORDER", help_heading = "Corpus columns")]
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
    let code = match cli.command {
        Command::Corpus(args) => corpus::run(args),
        Command::Extract(args) => extract::run(args),
    };
    ExitCode::from(code)
}

/// Standard output that remembers a closed pipe, so `recount ... | head` exits quietly.
pub struct Out {
    inner: io::BufWriter<io::StdoutLock<'static>>,
    closed: bool,
}

impl Out {
    pub fn new() -> Self {
        Out {
            inner: io::BufWriter::new(io::stdout().lock()),
            closed: false,
        }
    }

    /// Write a string; after the reader has gone, writes are dropped.
    pub fn write_str(&mut self, s: &str) {
        if self.closed {
            return;
        }
        if let Err(e) = self.inner.write_all(s.as_bytes()) {
            self.note(e);
        }
    }

    pub fn line(&mut self, s: &str) {
        self.write_str(s);
        self.write_str("\n");
    }

    pub fn flush(&mut self) {
        if !self.closed {
            if let Err(e) = self.inner.flush() {
                self.note(e);
            }
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

/// Print a diagnostic line to standard error.
pub fn warn(msg: &str) {
    eprintln!("{msg}");
}
