//! `recount test-rules`: run every rule's inline examples, built-in and given, and
//! report each failure with what was expected and what was found.

use super::{Out, RulesArgs};
use clap::Args;
use recount::examples::{self, ExampleResult};
use recount::extract::Extractor;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct TestRulesArgs {
    /// Rules packs to test besides the built-in ones (files or directories).
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Test only the packs given, not the built-in ones.
    #[arg(long)]
    pub no_default_rules: bool,
    /// Only rules whose id contains this text.
    #[arg(long, value_name = "TEXT")]
    pub only: Option<String>,
}

pub fn run(args: TestRulesArgs) -> u8 {
    let rules_args = RulesArgs {
        rules: args.paths.clone(),
        no_default_rules: args.no_default_rules,
    };
    let Some(rules) = super::load_rules(&rules_args) else {
        return 2;
    };
    let ex = Extractor::new(rules.lexicon.clone());
    let selected: Vec<_> = rules
        .rules
        .iter()
        .filter(|r| args.only.as_deref().is_none_or(|o| r.id.contains(o)))
        .cloned()
        .collect();
    let results = examples::run_all(&selected, &ex);
    let mut out = Out::new();
    let failed: Vec<&ExampleResult> = results.iter().filter(|r| !r.passed).collect();
    for r in &failed {
        out.write_str(&explain(r));
    }
    let rules_with_examples = selected.iter().filter(|r| !r.examples.is_empty()).count();
    out.line(&format!(
        "{} passed, {} failed ({} examples of {} rules)",
        results.len() - failed.len(),
        failed.len(),
        results.len(),
        rules_with_examples
    ));
    u8::from(!failed.is_empty())
}

fn explain(r: &ExampleResult) -> String {
    let loc = &r.example.location;
    let want = if r.example.flag {
        "expected a finding, found none"
    } else {
        "expected no finding"
    };
    let mut s = format!(
        "FAIL {} ({}:{}:{}): {} example: {want}\n",
        r.rule,
        loc.file,
        loc.line,
        loc.column,
        if r.example.flag { "flag" } else { "pass" }
    );
    for (i, t) in r.example.texts.iter().enumerate() {
        s.push_str(&format!("  text {}: {t}\n", i + 1));
    }
    for p in &r.problems {
        s.push_str(&format!("  problem: {p}\n"));
    }
    for f in &r.findings {
        s.push_str(&format!("  found: {} ({})\n", f.message, f.reason));
    }
    if r.claims.is_empty() {
        s.push_str("  claims read: none\n");
    }
    for c in &r.claims {
        s.push_str(&format!(
            "  claim {}: {:?} {} concept={} subject={} frame={:?}\n",
            c.id,
            c.text,
            super::extract::interval_text(c.low, c.high),
            c.concept.as_deref().unwrap_or("-"),
            c.subject.as_deref().unwrap_or("-"),
            c.frame
        ));
    }
    s
}
