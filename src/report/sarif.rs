//! SARIF 2.1.0, for code scanning: one run, one result per finding.
//!
//! - `tool.driver.rules` holds the rules that have findings, sorted by id: `id`,
//!   `shortDescription` (the rule's one-line description), `fullDescription` and
//!   `help` (its documentation), `defaultConfiguration.level` (error -> `error`,
//!   warning -> `warning`, info -> `note`) and the check kind and pack in
//!   `properties`.
//! - Each result has `ruleId`, `ruleIndex`, `level`, a message (the finding's message,
//!   then its reasoning), and every claim as a location, in the finding's order. A
//!   location's `physicalLocation` names the file (`artifactLocation.uri`, relative
//!   paths kept relative, absolute ones as `file://` URIs) and the claim's region
//!   (start and end line and column; columns count Unicode code points, as the run's
//!   `columnKind` says). A claim in a row of a corpus file gets the row as a
//!   `logicalLocation` instead of a region, since its positions count within the row's
//!   text.
//! - `partialFingerprints["recountFingerprint/v1"]` is the finding's stable
//!   fingerprint ([`crate::baseline::fingerprint`]), so code scanning recognises a
//!   finding from one run to the next even when the text around it moves.

use super::{DocPaths, span};
use crate::check::{Finding, FindingClaim};
use crate::rules::{RuleSet, Severity};
use serde_json::{Map, Value, json};

/// The schema URI written in `$schema`.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of the fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "recountFingerprint/v1";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file path as a URI reference: separators made `/`, every byte outside the
/// unreserved set and `/` percent-encoded (so `:` cannot pass for a scheme), and an
/// absolute path as a `file://` URI.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if out.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

fn claim_message(c: &FindingClaim) -> String {
    let mut who = Vec::new();
    if let Some(s) = &c.source {
        who.push(s.clone());
    }
    if let Some(d) = c.date {
        who.push(d.to_string());
    }
    let interval = crate::quantity::Interval::new(c.low, c.high).describe();
    let role = if c.role.is_empty() { "claim" } else { &c.role };
    let who = if who.is_empty() {
        String::new()
    } else {
        format!(" ({})", who.join(", "))
    };
    format!(
        "{role}{who}: \"{}\" means {interval}",
        crate::baseline::normalize_space(&c.text)
    )
}

fn location(k: usize, c: &FindingClaim, paths: &DocPaths) -> Value {
    let place = paths.get(&c.doc);
    let mut physical = Map::new();
    physical.insert(
        "artifactLocation".into(),
        json!({ "uri": uri(&place.path) }),
    );
    let mut loc = Map::new();
    loc.insert("id".into(), json!(k));
    match place.row {
        None => {
            let s = span(c);
            physical.insert(
                "region".into(),
                json!({
                    "startLine": s.line,
                    "startColumn": s.column,
                    "endLine": s.end_line,
                    "endColumn": s.end_column,
                    "snippet": { "text": c.text },
                }),
            );
            loc.insert("physicalLocation".into(), Value::Object(physical));
            loc.insert("message".into(), json!({ "text": claim_message(c) }));
        }
        Some(row) => {
            loc.insert("physicalLocation".into(), Value::Object(physical));
            loc.insert(
                "logicalLocations".into(),
                json!([{
                    "name": format!("row {row}"),
                    "fullyQualifiedName": c.doc,
                    "kind": "element",
                }]),
            );
            loc.insert(
                "message".into(),
                json!({
                    "text": format!(
                        "{} [row {row}, line {} column {} of its text]",
                        claim_message(c),
                        c.line,
                        c.column
                    )
                }),
            );
        }
    }
    Value::Object(loc)
}

pub fn render(findings: &[Finding], rules: &RuleSet, paths: &DocPaths) -> String {
    let mut ids: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let descriptors: Vec<Value> = ids
        .iter()
        .map(|id| match rules.get(id) {
            Some(r) => {
                let short = if r.description.is_empty() {
                    r.id.as_str()
                } else {
                    r.description.as_str()
                };
                let doc = if r.doc.trim().is_empty() {
                    short
                } else {
                    r.doc.trim()
                };
                json!({
                    "id": r.id,
                    "shortDescription": { "text": short },
                    "fullDescription": { "text": doc },
                    "help": { "text": doc, "markdown": doc },
                    "defaultConfiguration": { "level": level(r.severity) },
                    "properties": { "kind": r.kind.as_str(), "pack": r.pack },
                })
            }
            None => json!({ "id": id, "shortDescription": { "text": id } }),
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let index = ids.binary_search(&f.rule.as_str()).unwrap_or(0);
            let locations: Vec<Value> = f
                .claims
                .iter()
                .enumerate()
                .map(|(k, c)| location(k, c, paths))
                .collect();
            let mut props = Map::new();
            props.insert("kind".into(), json!(f.kind.as_str()));
            if let Some(e) = &f.event {
                props.insert("event".into(), json!(e));
            }
            json!({
                "ruleId": f.rule,
                "ruleIndex": index,
                "level": level(f.severity),
                "message": { "text": format!("{}\n{}", f.message, f.reason) },
                "locations": locations,
                "partialFingerprints": { FINGERPRINT_KEY: crate::baseline::fingerprint(f) },
                "properties": props,
            })
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "recount",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": descriptors,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn uris() {
        let table = [
            ("examples/a.md", "examples/a.md"),
            ("dir with space/a#1.md", "dir%20with%20space/a%231.md"),
            ("c:\\x\\é.md", "c%3A/x/%C3%A9.md"),
            ("/abs/a.md", "file:///abs/a.md"),
            ("100%.md", "100%25.md"),
        ];
        for (path, want) in table {
            assert_eq!(uri(path), want, "{path}");
        }
    }

    #[test]
    fn results_regions_and_rows() {
        let f = finding(
            "m",
            vec![
                claim("a.md", "16 people", 8, 60),
                claim("c.csv#3", "40", 1, 5),
            ],
        );
        let v: Value =
            serde_json::from_str(&render(&[f], &RuleSet::default(), &DocPaths::new())).unwrap();
        let run = &v["runs"][0];
        assert_eq!(run["tool"]["driver"]["rules"][0]["id"], "pack/rule");
        let r = &run["results"][0];
        assert_eq!(r["level"], "warning");
        assert_eq!(r["ruleIndex"], 0);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], 8);
        assert_eq!(region["endColumn"], 69);
        let row = &r["locations"][1];
        assert_eq!(row["physicalLocation"]["artifactLocation"]["uri"], "c.csv");
        assert!(row["physicalLocation"].get("region").is_none());
        assert_eq!(row["logicalLocations"][0]["name"], "row 3");
        assert!(crate::baseline::is_fingerprint(
            r["partialFingerprints"][FINGERPRINT_KEY].as_str().unwrap()
        ));
    }
}
