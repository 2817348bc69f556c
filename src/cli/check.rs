//! `recount check`: extract the claims of every document, apply the rules, report the
//! findings, and exit 1 when any finding reaches `--fail-on`.

use super::{InputArgs, Out, RulesArgs};
use clap::{Args, ValueEnum};
use recount::check;
use recount::claim::Claim;
use recount::extract::Extractor;
use recount::report::{self, Style, Totals};
use recount::rules::Severity;
use std::collections::HashMap;

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Output format (table by default).
    #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,
    /// Exit 1 when a finding of this severity or above is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    Table,
    Json,
    Jsonl,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn floor(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
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
            if set("NO_COLOR") {
                false
            } else if set("FORCE_COLOR") {
                true
            } else {
                std::io::stdout().is_terminal()
            }
        }
    }
}

pub fn run(args: CheckArgs) -> u8 {
    let Some(rules) = super::load_rules(&args.rules) else {
        return 2;
    };
    let ex = Extractor::new(rules.lexicon.clone());
    let mut claims: Vec<Claim> = Vec::new();
    // Rule ids each document's front matter asks to ignore.
    let mut ignores: HashMap<String, Vec<String>> = HashMap::new();
    let Some(summary) = super::for_each_document(&args.input, &ex, |doc, cs| {
        if !doc.ignore.is_empty() {
            ignores.insert(doc.id.clone(), doc.ignore.clone());
        }
        claims.extend_from_slice(cs);
        true
    }) else {
        return 2;
    };
    if summary.loaded == 0 {
        return 2;
    }
    let mut findings = check::run(&rules, &claims);
    findings.retain(|f| {
        !f.claims.iter().any(|c| {
            ignores
                .get(&c.doc)
                .is_some_and(|ids| ids.iter().any(|id| id == &f.rule || id == "all"))
        })
    });
    let totals = Totals {
        documents: summary.loaded,
        skipped: summary.skipped,
        claims: claims.len(),
    };
    let mut out = Out::new();
    match args.format {
        CheckFormat::Table => {
            let style = Style {
                color: use_color(args.color),
                width: super::table_width(),
            };
            out.write_str(&report::table::render(&findings, totals, style));
        }
        CheckFormat::Json => out.write_str(&report::json::render(&findings)),
        CheckFormat::Jsonl => out.write_str(&report::json::render_lines(&findings)),
    }
    if !matches!(args.format, CheckFormat::Table) {
        eprintln!("{}", report::summary_line(&findings, totals));
    }
    let failing = args
        .fail_on
        .floor()
        .is_some_and(|floor| findings.iter().any(|f| f.severity >= floor));
    u8::from(failing)
}
