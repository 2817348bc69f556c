//! A Markdown report for a CI job summary (`>> $GITHUB_STEP_SUMMARY`): a heading with
//! the verdict, counts by severity, what was read, then a table of the findings (at
//! most [`MAX_ROWS`], so that a huge run stays within the summary's size limit).

use super::{Totals, by_severity, summary_line};
use crate::check::Finding;

/// Findings listed in the table; the rest are counted.
pub const MAX_ROWS: usize = 500;

/// Text made safe for a table cell: `|` escaped, line breaks as `<br>`, HTML and
/// Markdown specials that could open a tag or a link neutralised.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '`' | '*' | '_' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text as a code span in a table cell: backticks dropped, `|` escaped (tables split
/// on it even inside code), line breaks made spaces.
fn code(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|&c| c != '`')
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    format!("`{}`", s.replace('|', "\\|"))
}

pub fn render(findings: &[Finding], totals: Totals) -> String {
    let (e, w, i) = by_severity(findings);
    let mut out = String::new();
    let verdict = if findings.is_empty() {
        "no findings".to_string()
    } else {
        format!(
            "{} finding{}",
            findings.len(),
            if findings.len() == 1 { "" } else { "s" }
        )
    };
    out.push_str(&format!("## recount: {verdict}\n\n"));
    out.push_str("| severity | findings |\n| --- | ---: |\n");
    out.push_str(&format!(
        "| error | {e} |\n| warning | {w} |\n| info | {i} |\n\n"
    ));
    out.push_str(&cell(&summary_line(findings, totals)));
    out.push_str("\n\n");
    if findings.is_empty() {
        return out;
    }
    out.push_str("| severity | rule | where | message |\n| --- | --- | --- | --- |\n");
    for f in findings.iter().take(MAX_ROWS) {
        let place = f
            .claims
            .iter()
            .map(|c| code(&format!("{}:{}:{}", c.doc, c.line, c.column)))
            .collect::<Vec<_>>()
            .join("<br>");
        out.push_str(&format!(
            "| {} | {} | {} | {}<br>{} |\n",
            f.severity,
            code(&f.rule),
            place,
            cell(&f.message),
            cell(&f.reason)
        ));
    }
    if findings.len() > MAX_ROWS {
        out.push_str(&format!(
            "\n{} more findings not listed.\n",
            findings.len() - MAX_ROWS
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc"), "a\\|b<br>c");
        assert_eq!(cell("<script>"), "&lt;script&gt;");
        assert_eq!(cell("[x](y) *z*"), "\\[x\\](y) \\*z\\*");
        assert_eq!(code("a_b|`c`\nd"), "`a_b\\|c d`");
    }

    #[test]
    fn clean_run() {
        let md = render(
            &[],
            Totals {
                documents: 3,
                claims: 9,
                ..Totals::default()
            },
        );
        assert!(md.starts_with("## recount: no findings\n"), "{md}");
        assert!(!md.contains("| rule |"), "{md}");
    }

    #[test]
    fn long_runs_are_cut() {
        let f = finding("m|n", vec![claim("a.md", "16", 1, 1)]);
        let many = vec![f; MAX_ROWS + 2];
        let md = render(&many, Totals::default());
        assert_eq!(md.matches("| warning | `pack/rule` |").count(), MAX_ROWS);
        assert!(
            md.ends_with("\n2 more findings not listed.\n"),
            "{}",
            &md[md.len() - 80..]
        );
        assert!(md.contains("m\\|n"));
    }
}
