//! Renderers: one finding model ([`crate::check::Finding`]), one small file per output
//! format. Renderers return strings; the binary prints them.
//!
//! | format | for | file |
//! | --- | --- | --- |
//! | table | people at a terminal | [`table`] |
//! | concise | editors, grep: `path:line:col: severity rule message` | [`concise`] |
//! | json, jsonl | other tools (field names in [`json`]) | [`json`] |
//! | csv | spreadsheets: one row per finding | [`csv`] |
//! | sarif | code scanning (SARIF 2.1.0) | [`sarif`] |
//! | github | GitHub Actions annotations (workflow commands) | [`github`] |
//! | markdown | a job summary (`$GITHUB_STEP_SUMMARY`) | [`markdown`] |

pub mod concise;
pub mod csv;
pub mod github;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod table;

use crate::check::{Finding, FindingClaim};
use crate::corpus::Document;
use crate::rules::Severity;
use std::collections::HashMap;

/// What a `check` run read and found, for the summary line. The findings shown are
/// counted from the findings themselves; these are the ones not shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub documents: usize,
    pub skipped: usize,
    pub claims: usize,
    /// Findings silenced by `recount-ignore` (front matter or inline) or by `ignore`
    /// fingerprints in recount.toml.
    pub suppressed: usize,
    /// Findings accepted by the baseline.
    pub baselined: usize,
    /// Baseline entries that no finding matched any more.
    pub fixed: usize,
    /// Findings below the display floor (`min_severity`).
    pub hidden: usize,
}

/// How to draw: colour on or off, table width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    pub width: u16,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            width: 100,
        }
    }
}

/// Count findings by severity: (errors, warnings, info).
pub fn by_severity(findings: &[Finding]) -> (usize, usize, usize) {
    findings
        .iter()
        .fold((0, 0, 0), |(e, w, i), f| match f.severity {
            Severity::Error => (e + 1, w, i),
            Severity::Warning => (e, w + 1, i),
            Severity::Info => (e, w, i + 1),
        })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "12 documents, 140 claims, 3 findings: 1 error, 2 warnings, 0 info (2 suppressed)"
pub fn summary_line(findings: &[Finding], t: Totals) -> String {
    let (e, w, i) = by_severity(findings);
    let mut s = format!(
        "{}, {}, {}",
        plural(t.documents, "document", "documents"),
        plural(t.claims, "claim", "claims"),
        plural(findings.len(), "finding", "findings"),
    );
    if !findings.is_empty() {
        s.push_str(&format!(
            ": {}, {}, {i} info",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings")
        ));
    }
    let mut notes = Vec::new();
    if t.hidden > 0 {
        notes.push(format!("{} below min_severity not shown", t.hidden));
    }
    if t.suppressed > 0 {
        notes.push(format!("{} suppressed", t.suppressed));
    }
    if t.baselined > 0 {
        notes.push(format!("{} in baseline", t.baselined));
    }
    if t.fixed > 0 {
        notes.push(format!(
            "{} baselined {} no longer found",
            t.fixed,
            if t.fixed == 1 { "finding" } else { "findings" }
        ));
    }
    if t.skipped > 0 {
        notes.push(format!("{} skipped", plural(t.skipped, "input", "inputs")));
    }
    if !notes.is_empty() {
        s.push_str(&format!(" ({})", notes.join(", ")));
    }
    s
}

/// Where a document stands: the file and, for a row of a corpus file, the row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocPlace {
    pub path: String,
    pub row: Option<u64>,
}

/// Document ids to their files, for renderers that point into files (SARIF,
/// GitHub annotations). Ids not recorded are read as `path` or `path#row`.
#[derive(Clone, Debug, Default)]
pub struct DocPaths(HashMap<String, DocPlace>);

impl DocPaths {
    pub fn new() -> Self {
        DocPaths::default()
    }

    /// Remember where a document came from.
    pub fn add(&mut self, d: &Document) {
        self.0.insert(
            d.id.clone(),
            DocPlace {
                path: d.origin.path.clone(),
                row: d.origin.row,
            },
        );
    }

    /// Where the document with this id stands.
    pub fn get(&self, id: &str) -> DocPlace {
        if let Some(p) = self.0.get(id) {
            return p.clone();
        }
        if let Some((path, row)) = id.rsplit_once('#')
            && let Ok(row) = row.parse::<u64>()
        {
            return DocPlace {
                path: path.to_string(),
                row: Some(row),
            };
        }
        DocPlace {
            path: id.to_string(),
            row: None,
        }
    }
}

/// A claim's span in its file: 1-based start line and column, and the line and
/// column just past its end (columns count characters). The end is computed from the
/// claim text, which is the exact text of the span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

pub fn span(c: &FindingClaim) -> Span {
    let line = c.line.max(1);
    let column = c.column.max(1);
    let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    match c.text.rsplit_once('\n') {
        Some((_, last)) => {
            let breaks = to_u32(c.text.matches('\n').count());
            Span {
                line,
                column,
                end_line: line.saturating_add(breaks),
                end_column: to_u32(last.chars().count()).saturating_add(1),
            }
        }
        None => Span {
            line,
            column,
            end_line: line,
            end_column: column.saturating_add(to_u32(c.text.chars().count())),
        },
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Hand-made findings for the renderers' unit tests.
    use crate::check::{Finding, FindingClaim};
    use crate::corpus::Section;
    use crate::quantity::Qualifier;
    use crate::rules::{CheckKind, Severity};

    pub fn claim(doc: &str, text: &str, line: u32, column: u32) -> FindingClaim {
        FindingClaim {
            id: format!("{doc}#1"),
            doc: doc.into(),
            source: Some("Outlet".into()),
            section: Section::Body,
            start: 0,
            end: text.len(),
            line,
            column,
            text: text.into(),
            quantity: text.into(),
            low: Some(16.0),
            high: Some(16.0),
            qualifier: Qualifier::Exact,
            concept: Some("killed".into()),
            subject: None,
            date: None,
            attribution: None,
            sentence: format!("It said {text} today."),
            role: "a".into(),
        }
    }

    pub fn finding(message: &str, claims: Vec<FindingClaim>) -> Finding {
        Finding {
            rule: "pack/rule".into(),
            kind: CheckKind::Disagreement,
            severity: Severity::Warning,
            message: message.into(),
            reason: "'16' means exactly 16".into(),
            event: None,
            claims,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn spans_from_claim_text() {
        let s = span(&claim("a.md", "16 people", 3, 7));
        assert_eq!((s.line, s.column, s.end_line, s.end_column), (3, 7, 3, 16));
        // Characters, not bytes.
        let s = span(&claim("a.md", "élan 5", 1, 1));
        assert_eq!(s.end_column, 7);
        // A claim wrapped over lines ends on a later line.
        let s = span(&claim("a.md", "more than\n  700 strikes", 4, 70));
        assert_eq!((s.end_line, s.end_column), (5, 14));
        // Positions are never 0.
        let s = span(&claim("a.md", "", 0, 0));
        assert_eq!((s.line, s.column, s.end_line, s.end_column), (1, 1, 1, 1));
    }

    #[test]
    fn doc_paths_read_rows() {
        let p = DocPaths::new();
        assert_eq!(
            p.get("corpus.csv#12"),
            DocPlace {
                path: "corpus.csv".into(),
                row: Some(12)
            }
        );
        assert_eq!(p.get("a#b.md").row, None);
        assert_eq!(p.get("a#b.md").path, "a#b.md");
    }

    #[test]
    fn summary_counts_what_is_not_shown() {
        let f = vec![finding("m", vec![claim("a.md", "16", 1, 1)])];
        let t = Totals {
            documents: 2,
            claims: 5,
            suppressed: 2,
            baselined: 3,
            fixed: 1,
            hidden: 1,
            ..Totals::default()
        };
        assert_eq!(
            summary_line(&f, t),
            "2 documents, 5 claims, 1 finding: 0 errors, 1 warning, 0 info \
             (1 below min_severity not shown, 2 suppressed, 3 in baseline, \
             1 baselined finding no longer found)"
        );
        assert_eq!(
            summary_line(&[], Totals::default()),
            "0 documents, 0 claims, 0 findings"
        );
    }
}
