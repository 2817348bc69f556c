//! Rules packs: the TOML file format, loading with validation, and the rule model the
//! checks consume.
//!
//! A "check" is a kind implemented in code (`src/check/`); a "rule" is an entry in a
//! pack that picks a check and fills in its parameters, severity, message and docs.

pub mod error;
pub mod load;
pub mod pack;
pub mod params;
pub mod template;

pub use error::RulesError;
pub use load::{DEFAULT_PACKS, Loader, load_pack_str, load_rules};

use crate::lexicon::Lexicon;
use crate::quantity::Kind;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The built-in check kinds, one file each under `src/check/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckKind {
    Disagreement,
    Inconsistency,
    PartWhole,
    Sum,
    Bounds,
    Trend,
    Attribution,
}

impl CheckKind {
    pub const ALL: [CheckKind; 7] = [
        CheckKind::Disagreement,
        CheckKind::Inconsistency,
        CheckKind::PartWhole,
        CheckKind::Sum,
        CheckKind::Bounds,
        CheckKind::Trend,
        CheckKind::Attribution,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::Disagreement => "disagreement",
            CheckKind::Inconsistency => "inconsistency",
            CheckKind::PartWhole => "part-whole",
            CheckKind::Sum => "sum",
            CheckKind::Bounds => "bounds",
            CheckKind::Trend => "trend",
            CheckKind::Attribution => "attribution",
        }
    }
}

impl fmt::Display for CheckKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which claims a rule compares with each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The same explicit event key, or the same place and dates within the window.
    Event,
    /// Claims of one document only.
    Document,
    /// Every claim of the batch.
    Corpus,
}

/// How far apart two intervals may be and still agree: the larger of `rel` (a
/// fraction of the bound) and `abs` applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tolerance {
    pub rel: f64,
    pub abs: f64,
}

/// Where something was written in a rules file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

/// One inline example: texts that must (flag) or must not (pass) give a finding of the
/// rule. Several texts are several documents of one event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Example {
    pub flag: bool,
    pub texts: Vec<String>,
    pub location: Location,
}

/// One rule, validated and ready for the checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// `pack/rule`
    pub id: String,
    pub pack: String,
    pub kind: CheckKind,
    pub severity: Severity,
    /// One line, for `recount rules`.
    pub description: String,
    /// Concepts the rule compares; empty means any.
    pub concepts: Vec<String>,
    /// Subject classes the rule compares (a class covers those below it); empty means any.
    pub subjects: Vec<String>,
    /// Claim kinds the rule looks at; empty means counts only.
    pub kinds: Vec<Kind>,
    pub scope: Scope,
    /// Days two dates may be apart and still be one event (scope `event`).
    pub window_days: i64,
    pub tolerance: Tolerance,
    /// Allowed range for `bounds`.
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// For `disagreement`: a higher figure in a later report is a revision reported at
    /// `info` rather than a contradiction.
    pub revisions: bool,
    /// Message template: `{a.source}`, `{a.text}`, `{b.date}`, `{concept}`, ...
    pub message: String,
    /// What it flags / Why it matters / Example.
    pub doc: String,
    pub examples: Vec<Example>,
    pub location: Location,
}

/// Every loaded pack's lexicon merged, and every rule.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    pub lexicon: Lexicon,
    pub rules: Vec<Rule>,
    pub packs: Vec<PackInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackInfo {
    pub name: String,
    pub description: String,
    /// The file it came from (`<default>/casualties.toml` for embedded packs).
    pub file: String,
}

/// Why [`RuleSet::find`] found no single rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindError {
    /// No rule has this id or name; `similar` holds close ids, closest first.
    Unknown { similar: Vec<String> },
    /// The name is a rule of several packs; these are their full ids.
    Ambiguous(Vec<String>),
}

impl RuleSet {
    /// The rule with this full id (`pack/rule`).
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// A rule by full id, or by its name alone (`toll-disagreement`) when only one
    /// pack has a rule of that name.
    pub fn find(&self, name: &str) -> Result<&Rule, FindError> {
        if let Some(r) = self.get(name) {
            return Ok(r);
        }
        let by_name: Vec<&Rule> = self
            .rules
            .iter()
            .filter(|r| {
                r.id.strip_prefix(r.pack.as_str())
                    .and_then(|s| s.strip_prefix('/'))
                    == Some(name)
            })
            .collect();
        match by_name.as_slice() {
            [r] => Ok(r),
            [] => {
                let mut similar: Vec<String> =
                    pack::similar(name, self.rules.iter().map(|r| r.id.as_str()))
                        .into_iter()
                        .map(str::to_string)
                        .collect();
                let names = self
                    .rules
                    .iter()
                    .filter_map(|r| r.id.split_once('/').map(|(_, n)| (n, r.id.as_str())));
                let close_names: Vec<&str> = pack::similar(name, names.clone().map(|(n, _)| n));
                for (n, id) in names {
                    if close_names.contains(&n) && !similar.iter().any(|s| s == id) {
                        similar.push(id.to_string());
                    }
                }
                // Ids that contain what was typed ("toll" finds every toll rule).
                if similar.is_empty() && !name.is_empty() {
                    similar = self
                        .rules
                        .iter()
                        .filter(|r| r.id.contains(name))
                        .map(|r| r.id.clone())
                        .collect();
                }
                similar.truncate(5);
                Err(FindError::Unknown { similar })
            }
            many => Err(FindError::Ambiguous(
                many.iter().map(|r| r.id.clone()).collect(),
            )),
        }
    }
}
