//! GitHub Actions annotations: one workflow command per finding, at its first claim:
//!
//! ```text
//! ::error file=a.md,line=8,col=60,endLine=8,endColumn=69,title=pack/rule::message%0Areason
//! ```
//!
//! `error` and `warning` keep their names; `info` becomes `notice`. The message holds
//! the finding's message, its reasoning and every claim with its place, one a line.
//! Workflow commands are one line each, so the message escapes `%`, CR and LF
//! (`%25`, `%0D`, `%0A`) and property values escape `:` and `,` as well (`%3A`,
//! `%2C`). A claim in a row of a corpus file is annotated on the file, without a
//! line: its line and column count within the row's text, not the file.

use super::{DocPaths, span};
use crate::check::{Finding, FindingClaim};
use crate::rules::Severity;

/// Escape a workflow command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

fn claim_line(c: &FindingClaim, paths: &DocPaths) -> String {
    let place = paths.get(&c.doc);
    let at = match place.row {
        Some(row) => format!("{} row {row}, {}:{}", place.path, c.line, c.column),
        None => format!("{}:{}:{}", place.path, c.line, c.column),
    };
    let mut who = Vec::new();
    if let Some(s) = &c.source {
        who.push(s.clone());
    }
    if let Some(d) = c.date {
        who.push(d.to_string());
    }
    let who = if who.is_empty() {
        String::new()
    } else {
        format!(" ({})", who.join(", "))
    };
    let interval = crate::quantity::Interval::new(c.low, c.high).describe();
    let role = if c.role.is_empty() { "claim" } else { &c.role };
    format!(
        "{role}: {at}{who}: \"{}\" means {interval}",
        crate::baseline::normalize_space(&c.text)
    )
}

pub fn render(findings: &[Finding], paths: &DocPaths) -> String {
    let mut out = String::new();
    for f in findings {
        let mut props = Vec::new();
        if let Some(c) = f.claims.first() {
            let place = paths.get(&c.doc);
            props.push(format!("file={}", escape_property(&place.path)));
            if place.row.is_none() {
                let s = span(c);
                props.push(format!("line={}", s.line));
                props.push(format!("col={}", s.column));
                props.push(format!("endLine={}", s.end_line));
                props.push(format!("endColumn={}", s.end_column));
            }
        }
        props.push(format!("title={}", escape_property(&f.rule)));
        let mut message = format!("{}\n{}", f.message, f.reason);
        for c in &f.claims {
            message.push('\n');
            message.push_str(&claim_line(c, paths));
        }
        out.push_str(&format!(
            "::{} {}::{}\n",
            command(f.severity),
            props.join(","),
            escape_data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn escaping() {
        let table = [
            ("plain", "plain", "plain"),
            ("100%", "100%25", "100%25"),
            ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
            ("x: y, z", "x: y, z", "x%3A y%2C z"),
            ("%0A", "%250A", "%250A"),
        ];
        for (raw, data, prop) in table {
            assert_eq!(escape_data(raw), data, "{raw:?}");
            assert_eq!(escape_property(raw), prop, "{raw:?}");
        }
    }

    #[test]
    fn one_escaped_command_per_finding() {
        let mut f = finding(
            "turnout of 112% reported: 61%, not 112%\nsee below",
            vec![
                claim("dir,1/a:b.md", "112%", 8, 60),
                claim("b.md", "61 percent", 2, 1),
            ],
        );
        f.reason = "'112%' means exactly 112, outside 0 to 100".into();
        let got = render(&[f.clone()], &DocPaths::new());
        assert_eq!(
            got,
            "::warning file=dir%2C1/a%3Ab.md,line=8,col=60,endLine=8,endColumn=64,title=pack/rule::\
             turnout of 112%25 reported: 61%25, not 112%25%0Asee below%0A\
             '112%25' means exactly 112, outside 0 to 100%0A\
             a: dir,1/a:b.md:8:60 (Outlet): \"112%25\" means exactly 16%0A\
             a: b.md:2:1 (Outlet): \"61 percent\" means exactly 16\n"
        );
        assert_eq!(got.lines().count(), 1);
        f.severity = Severity::Info;
        f.rule = "p:q,r".into();
        let got = render(&[f], &DocPaths::new());
        assert!(got.starts_with("::notice "), "{got}");
        assert!(got.contains(",title=p%3Aq%2Cr::"), "{got}");
    }

    #[test]
    fn corpus_rows_are_annotated_on_the_file() {
        let f = finding("m", vec![claim("corpus.csv#12", "16", 1, 40)]);
        let got = render(&[f], &DocPaths::new());
        assert!(
            got.starts_with("::warning file=corpus.csv,title=pack/rule::m%0A"),
            "{got}"
        );
        assert!(got.contains("a: corpus.csv row 12, 1:40"), "{got}");
    }
}
