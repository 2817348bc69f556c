//! Renderers: one finding model ([`crate::check::Finding`]), one small file per output
//! format. Renderers return strings; the binary prints them.

pub mod json;
pub mod table;

use crate::check::Finding;
use crate::rules::Severity;

/// What a `check` run read and found, for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub documents: usize,
    pub skipped: usize,
    pub claims: usize,
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
    findings.iter().fold((0, 0, 0), |(e, w, i), f| match f.severity {
        Severity::Error => (e + 1, w, i),
        Severity::Warning => (e, w + 1, i),
        Severity::Info => (e, w, i + 1),
    })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "12 documents, 140 claims, 3 findings: 1 error, 2 warnings, 0 info"
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
    if t.skipped > 0 {
        s.push_str(&format!(" ({} skipped)", plural(t.skipped, "input", "inputs")));
    }
    s
}
