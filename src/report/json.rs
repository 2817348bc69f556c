//! JSON and JSON Lines findings.
//!
//! Each finding is an object with `rule` (`pack/rule`), `kind` (the check kind),
//! `severity`, `message`, `reason` (the interval reasoning in words), `event` (the
//! event key or null) and `claims`, a list of objects with `id`, `doc`, `source`,
//! `section`, `start`, `end` (byte offsets into the section), `line`, `column`, `text`,
//! `quantity`, `low`, `high` (null for an unbounded end), `qualifier`, `concept`,
//! `subject`, `date`, `attribution`, `sentence` and `role` (the claim's part in the
//! finding: `a`/`b`, `part`/`whole`, `total`, `earlier`/`later`).

use crate::check::Finding;

/// A JSON array of findings, pretty-printed, ending in a newline.
pub fn render(findings: &[Finding]) -> String {
    let mut s = serde_json::to_string_pretty(findings).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// One finding per line.
pub fn render_lines(findings: &[Finding]) -> String {
    let mut s = String::new();
    for f in findings {
        if let Ok(line) = serde_json::to_string(f) {
            s.push_str(&line);
            s.push('\n');
        }
    }
    s
}
