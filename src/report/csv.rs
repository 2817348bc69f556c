//! One CSV row per finding: `rule`, `kind`, `severity`, `message`, `reason`, `event`,
//! then the first two claims' `doc`, `line`, `column` and `text` (`claim1_doc` ...
//! `claim2_text`; empty when the finding has one claim). Fields are quoted as CSV
//! needs, so messages may hold commas, quotes and line breaks.

use crate::check::Finding;

const HEADER: [&str; 14] = [
    "rule",
    "kind",
    "severity",
    "message",
    "reason",
    "event",
    "claim1_doc",
    "claim1_line",
    "claim1_column",
    "claim1_text",
    "claim2_doc",
    "claim2_line",
    "claim2_column",
    "claim2_text",
];

pub fn render(findings: &[Finding]) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = vec![HEADER.iter().map(|s| s.to_string()).collect()];
    for f in findings {
        let mut row = vec![
            f.rule.clone(),
            f.kind.as_str().to_string(),
            f.severity.as_str().to_string(),
            f.message.clone(),
            f.reason.clone(),
            f.event.clone().unwrap_or_default(),
        ];
        for k in 0..2 {
            match f.claims.get(k) {
                Some(c) => row.extend([
                    c.doc.clone(),
                    c.line.to_string(),
                    c.column.to_string(),
                    c.text.clone(),
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 4)),
            }
        }
        rows.push(row);
    }
    for r in &rows {
        // Writing to memory cannot fail.
        let _ = w.write_record(r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn rows_read_back() {
        let two = finding(
            "says \"16\", not 40",
            vec![
                claim("a.md", "16", 8, 60),
                claim("b.md", "40\npeople", 2, 1),
            ],
        );
        let one = finding("112 percent", vec![claim("c.md", "112 percent", 1, 1)]);
        let text = render(&[two, one]);
        let mut r = ::csv::Reader::from_reader(text.as_bytes());
        assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), HEADER);
        let rows: Vec<::csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][3], "says \"16\", not 40");
        assert_eq!(&rows[0][6], "a.md");
        assert_eq!(&rows[0][7], "8");
        assert_eq!(&rows[0][13], "40\npeople");
        assert_eq!(&rows[1][10], "");
        assert_eq!(render(&[]), format!("{}\n", HEADER.join(",")));
    }
}
