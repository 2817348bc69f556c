//! One line per finding, in the form editors and `grep` read:
//! `path:line:col: severity rule message`, at the finding's first claim. The path is
//! the document id (the file as given, or `path#row` for a corpus row, whose line
//! and column count within the row's text).

use crate::check::Finding;
use crate::rules::Severity;
use owo_colors::OwoColorize;

pub fn render(findings: &[Finding], color: bool) -> String {
    let mut out = String::new();
    for f in findings {
        let at = match f.claims.first() {
            Some(c) => format!("{}:{}:{}", c.doc, c.line, c.column),
            None => "-".to_string(),
        };
        let severity = if color {
            match f.severity {
                Severity::Error => f.severity.as_str().red().bold().to_string(),
                Severity::Warning => f.severity.as_str().yellow().bold().to_string(),
                Severity::Info => f.severity.as_str().cyan().bold().to_string(),
            }
        } else {
            f.severity.as_str().to_string()
        };
        // One finding, one line, whatever the message holds.
        let message = crate::baseline::normalize_space(&f.message);
        out.push_str(&format!("{at}: {severity} {} {message}\n", f.rule));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn one_line_per_finding() {
        let f = finding(
            "a\nb",
            vec![claim("dir/a.md", "16", 8, 60), claim("b.md", "40", 2, 1)],
        );
        assert_eq!(
            render(std::slice::from_ref(&f), false),
            "dir/a.md:8:60: warning pack/rule a b\n"
        );
        let coloured = render(&[f], true);
        assert!(coloured.contains("\u{1b}["), "{coloured:?}");
        assert_eq!(render(&[], false), "");
    }
}
