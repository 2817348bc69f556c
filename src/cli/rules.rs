//! `recount rules`: list the rules in use, or print one rule's documentation.
//!
//! Without an ID it prints a table of every rule (id, kind, severity, description)
//! sorted by id, then a count of rules and packs; `--format json` prints the rules as a
//! JSON array of rule objects instead. With an ID (`pack/rule`, or a rule name only one
//! pack uses) it prints the rule's settings, its doc and its examples.

use super::{Out, RulesArgs};
use clap::{Args, ValueEnum};
use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};
use recount::rules::params::{fmt_num, scope_str, tolerance_str};
use recount::rules::{CheckKind, FindError, Rule, RuleSet, Scope};

#[derive(Args, Debug)]
pub struct RulesCmdArgs {
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
    /// Print one rule's documentation: `pack/rule`, or a rule name that only one pack
    /// uses.
    #[arg(value_name = "ID")]
    pub id: Option<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesFormat {
    Table,
    Json,
}

pub fn run(args: RulesCmdArgs) -> u8 {
    let Some(set) = super::load_rules(&args.rules) else {
        return 2;
    };
    let mut out = Out::new();
    match &args.id {
        None => list(&set, args.format, &mut out),
        Some(id) => match set.find(id) {
            Ok(rule) => describe(rule, args.format, &mut out),
            Err(e) => {
                not_found(id, &e);
                return 2;
            }
        },
    }
    out.flush();
    0
}

fn sorted(set: &RuleSet) -> Vec<&Rule> {
    let mut rules: Vec<&Rule> = set.rules.iter().collect();
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    rules
}

fn list(set: &RuleSet, format: RulesFormat, out: &mut Out) {
    let rules = sorted(set);
    if format == RulesFormat::Json {
        out.line(&to_json(&rules));
        return;
    }
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(super::table_width())
        .set_header(["id", "kind", "severity", "description"]);
    // Ids, kinds and severities are looked up and copied: only descriptions wrap.
    for i in 0..3 {
        if let Some(c) = t.column_mut(i) {
            c.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    for r in &rules {
        t.add_row([
            r.id.as_str(),
            r.kind.as_str(),
            r.severity.as_str(),
            r.description.as_str(),
        ]);
    }
    if !rules.is_empty() {
        out.line(&t.to_string());
    }
    out.line(&format!(
        "{} in {}",
        plural(rules.len(), "rule"),
        plural(set.packs.len(), "pack")
    ));
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn to_json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn list_or(items: &[String], none: &str) -> String {
    if items.is_empty() {
        none.to_string()
    } else {
        items.join(", ")
    }
}

fn days(n: i64) -> String {
    match n {
        0 => "the same day".to_string(),
        1 => "1 day".to_string(),
        _ => format!("{n} days"),
    }
}

fn describe(r: &Rule, format: RulesFormat, out: &mut Out) {
    if format == RulesFormat::Json {
        out.line(&to_json(r));
        return;
    }
    let kinds: Vec<String> = r.kinds.iter().map(|k| k.as_str().to_string()).collect();
    let scope = match r.scope {
        Scope::Event if r.window_days == 0 => "event (same place and day)".to_string(),
        Scope::Event => format!(
            "event (same place, dates up to {} apart)",
            days(r.window_days)
        ),
        s => scope_str(s).to_string(),
    };
    let mut rows: Vec<(&str, String)> = vec![
        ("kind", r.kind.as_str().to_string()),
        ("severity", r.severity.as_str().to_string()),
        ("summary", r.description.clone()),
        ("concepts", list_or(&r.concepts, "any")),
        ("subjects", list_or(&r.subjects, "any")),
        ("claim kinds", list_or(&kinds, "count")),
        ("scope", scope),
        ("tolerance", tolerance_str(r.tolerance)),
    ];
    if r.kind == CheckKind::Bounds {
        let bound = |b: Option<f64>| b.map_or("none".to_string(), fmt_num);
        rows.push((
            "range",
            format!("min {}, max {}", bound(r.min), bound(r.max)),
        ));
    }
    if r.kind == CheckKind::Disagreement {
        rows.push((
            "revisions",
            if r.revisions {
                "a higher figure in a later report is a revision (info)".to_string()
            } else {
                "off: every mismatch is a contradiction".to_string()
            },
        ));
    }
    rows.push(("message", r.message.clone()));
    rows.push((
        "defined at",
        format!(
            "{}:{}:{}",
            r.location.file, r.location.line, r.location.column
        ),
    ));

    out.line(&r.id);
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, v) in &rows {
        out.line(&format!("  {k:<width$}  {v}"));
    }
    if !r.doc.is_empty() {
        out.line("");
        out.line(&r.doc);
    }
    if !r.examples.is_empty() {
        out.line("");
        out.line("## Examples (run by `recount test-rules`)");
        for e in &r.examples {
            let word = if e.flag { "flag" } else { "pass" };
            for (i, text) in e.texts.iter().enumerate() {
                let lead = if i == 0 { word } else { "" };
                out.line(&format!("  {lead:<4}  {text}"));
            }
        }
    }
}

fn not_found(id: &str, e: &FindError) {
    match e {
        FindError::Unknown { similar } => {
            eprintln!("recount: no rule `{id}`");
            match similar.as_slice() {
                [] => eprintln!("  hint: `recount rules` lists the rules in use"),
                [one] => eprintln!("  hint: did you mean `{one}`?"),
                many => eprintln!(
                    "  hint: did you mean one of: {}?",
                    many.iter()
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
        FindError::Ambiguous(ids) => {
            eprintln!("recount: `{id}` names rules of several packs");
            eprintln!("  hint: give the full id: {}", ids.join(", "));
        }
    }
}
