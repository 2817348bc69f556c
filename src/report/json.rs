//! JSON and JSON Lines findings.
//!
//! Each finding is an object with `rule` (`pack/rule`), `kind` (the check kind),
//! `severity`, `message`, `reason` (the interval reasoning in words), `event` (the
//! event key or null) and `claims`, a list of objects with `id`, `doc`, `source`,
//! `section`, `start`, `end` (byte offsets into the section), `line`, `column`, `text`,
//! `quantity`, `low`, `high` (null for an unbounded end), `qualifier`, `concept`,
//! `subject`, `date`, `attribution`, `sentence` and `role` (the claim's part in the
//! finding: `a`/`b`, `part`/`whole`, `total`, `earlier`/`later`); last comes
//! `fingerprint`, the finding's stable name ([`crate::baseline::fingerprint`]), which
//! `ignore` in recount.toml and baselines use.

use crate::check::Finding;
use serde::Serialize;

/// A finding with its fingerprint, as JSON shows it.
#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    fingerprint: String,
}

fn shown(f: &Finding) -> Shown<'_> {
    Shown {
        finding: f,
        fingerprint: crate::baseline::fingerprint(f),
    }
}

/// A JSON array of findings, pretty-printed, ending in a newline.
pub fn render(findings: &[Finding]) -> String {
    let all: Vec<Shown<'_>> = findings.iter().map(shown).collect();
    let mut s = serde_json::to_string_pretty(&all).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// One finding per line.
pub fn render_lines(findings: &[Finding]) -> String {
    findings.iter().map(render_line).collect()
}

/// One finding as a line of JSON, with its newline: output can be written one finding
/// at a time.
pub fn render_line(f: &Finding) -> String {
    match serde_json::to_string(&shown(f)) {
        Ok(mut line) => {
            line.push('\n');
            line
        }
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn findings_carry_their_fingerprint_last() {
        let f = finding("m", vec![claim("a.md", "16", 1, 1)]);
        let line = render_lines(std::slice::from_ref(&f));
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["fingerprint"], crate::baseline::fingerprint(&f));
        assert_eq!(v["rule"], "pack/rule");
        assert!(line.trim_end().ends_with(&format!(
            "\"fingerprint\":\"{}\"}}",
            v["fingerprint"].as_str().unwrap()
        )));
        let back: Vec<Finding> = serde_json::from_str(&render(std::slice::from_ref(&f))).unwrap();
        assert_eq!(back, vec![f]);
    }
}
