//! Running rules' inline examples (`recount test-rules`): each `flag` example must give
//! at least one finding of its rule, each `pass` example none.
//!
//! The texts of one example are documents of one event: they get the same date and
//! place (`example`) and sources `example-1`, `example-2`, ... in the order given,
//! unless a text opens with front matter of its own (`---` lines with `date:`,
//! `source:`, `place:`), which is how a `trend` example dates its reports. The date is
//! a day of the week of 2024-01-08, the day the texts name ("on Sunday" is
//! 2024-01-14), or the Wednesday when they name none.

use crate::check::{self, Finding};
use crate::claim::Claim;
use crate::corpus::{self, Document};
use crate::extract::Extractor;
use crate::extract::words::WEEKDAY_NAMES;
use crate::rules::{Example, Rule};

/// The outcome of one example.
#[derive(Clone, Debug)]
pub struct ExampleResult {
    pub rule: String,
    pub example: Example,
    pub passed: bool,
    /// The findings of the rule on the example's texts.
    pub findings: Vec<Finding>,
    /// Every claim read from the texts, for explaining a failure.
    pub claims: Vec<Claim>,
    /// Problems reading the example texts (bad front matter).
    pub problems: Vec<String>,
}

/// The date example documents get: the weekday the texts name, in the week of
/// 2024-01-08 (a Monday).
fn example_date(ex: &Example) -> jiff::civil::Date {
    let named = ex.texts.iter().find_map(|t| {
        t.split(|c: char| !c.is_alphabetic())
            .find_map(|w| WEEKDAY_NAMES.iter().position(|d| w.eq_ignore_ascii_case(d)))
    });
    let offset = named.unwrap_or(2) as i8;
    jiff::civil::date(2024, 1, 8 + offset)
}

/// The documents an example stands for.
pub fn example_documents(ex: &Example) -> (Vec<Document>, Vec<String>) {
    let date = example_date(ex);
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    for (i, text) in ex.texts.iter().enumerate() {
        let id = format!("example-{}", i + 1);
        match corpus::document_from_text(&id, text) {
            Ok(mut d) => {
                d.source.get_or_insert_with(|| id.clone());
                d.date.get_or_insert(date);
                d.place.get_or_insert_with(|| "example".to_string());
                docs.push(d);
            }
            Err(e) => problems.push(format!("{id}: {}", e.message)),
        }
    }
    (docs, problems)
}

/// Run one rule's examples.
pub fn run_rule(rule: &Rule, ex: &Extractor) -> Vec<ExampleResult> {
    rule.examples
        .iter()
        .map(|example| {
            let (docs, problems) = example_documents(example);
            let claims: Vec<Claim> = docs.iter().flat_map(|d| ex.extract(d)).collect();
            let findings: Vec<Finding> = check::run_rules(std::slice::from_ref(rule), &claims)
                .into_iter()
                .filter(|f| f.rule == rule.id)
                .collect();
            let passed = problems.is_empty() && (findings.is_empty() != example.flag);
            ExampleResult {
                rule: rule.id.clone(),
                example: example.clone(),
                passed,
                findings,
                claims,
                problems,
            }
        })
        .collect()
}

/// Run every example of every rule, in rule order.
pub fn run_all(rules: &[Rule], ex: &Extractor) -> Vec<ExampleResult> {
    rules.iter().flat_map(|r| run_rule(r, ex)).collect()
}
