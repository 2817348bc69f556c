//! Plain-text and Markdown articles, with optional front matter:
//!
//! ```text
//! ---
//! source: Meridian Wire
//! date: 2024-03-12
//! place: Dar Sabil
//! title: Car bomb kills 40 at Dar Sabil market
//! recount-ignore: casualties/toll-disagreement
//! ---
//! DAR SABIL (Meridian) - A car bomb ...
//! ```
//!
//! Keys: `source` (or `outlet`, `publisher`, `site`), `date` (or `published`), `place`
//! (or `location`), `event`, `title`, `url` (or `link`), `id`, and `recount-ignore` (a
//! comma-separated list of `pack/rule` ids). Other keys (`fictional: true`, `author`)
//! are accepted and ignored; blank lines and `#` comments are allowed. A value may be
//! quoted with `"` or `'`. The block must open on the first line and close with `---`
//! (or `...`).
//!
//! The body is everything after the closing line, kept byte for byte; its first line is
//! `Origin::body_line`. When a key is missing: the source is the name of the file's
//! directory, the date is the first full date in the body (a dateline), the id is the
//! path. The title only ever comes from the front matter.

use super::{Document, Loaded, Origin, Problem};
use crate::date::{DateOrder, find_first_date, parse_date};

/// The front matter's values, with the line each stood on.
#[derive(Debug, Default)]
struct FrontMatter {
    source: Option<String>,
    date: Option<(String, u64)>,
    place: Option<String>,
    event: Option<String>,
    /// The title, its line and the column where its text starts.
    title: Option<(String, u64, u32)>,
    url: Option<String>,
    id: Option<String>,
    ignore: Vec<String>,
}

/// Build the document of one text file. `path` is the file as shown to the user;
/// `dir_name` is the name of its directory (the source when none is given).
pub(super) fn text_document(
    text: String,
    path: &str,
    dir_name: Option<String>,
    order: Option<DateOrder>,
    mut warnings: Vec<(Option<u64>, String)>,
    out: &mut Vec<Loaded>,
) {
    let mut text = text;
    let (fm, body_line) = match split_front_matter(&text) {
        Split::None => (None, 1),
        Split::Unclosed => {
            warnings.push((
                Some(1),
                "front matter opened with '---' is never closed; read as text".to_string(),
            ));
            (None, 1)
        }
        Split::Found { lines, body_start } => {
            let body_line = 3 + lines.len() as u64;
            let fm = parse_front_matter(&lines, order, &mut warnings);
            text.drain(..body_start);
            (Some(fm), body_line)
        }
    };
    for (line, w) in &warnings {
        out.push(Loaded::Problem(Problem::warning(path, *line, w)));
    }
    if text.trim().is_empty() {
        let (line, msg) = if fm.is_some() {
            (Some(body_line), "no text after the front matter; skipped")
        } else {
            (None, "empty file; skipped")
        };
        out.push(Loaded::Problem(Problem::error(path, line, msg)));
        return;
    }
    let fm = fm.unwrap_or_default();
    let date = match &fm.date {
        Some((raw, _)) => parse_date(raw, order),
        None => find_first_date(&text).map(|(d, _)| d),
    };
    let (title, title_line, title_column) = match fm.title {
        Some((t, line, column)) => (
            Some(t),
            Some(u32::try_from(line).unwrap_or(u32::MAX)),
            Some(column),
        ),
        None => (None, None, None),
    };
    out.push(Loaded::Document(Document {
        id: fm.id.unwrap_or_else(|| path.to_string()),
        source: fm.source.or(dir_name),
        date,
        place: fm.place,
        event: fm.event,
        title,
        text,
        url: fm.url,
        origin: Origin {
            path: path.to_string(),
            row: None,
            title_line,
            title_column,
            body_line: u32::try_from(body_line).unwrap_or(u32::MAX),
        },
        ignore: fm.ignore,
        warnings: warnings.into_iter().map(|(_, w)| w).collect(),
    }));
}

/// One document from a text held in memory (front matter allowed), as a text file
/// named `id` would load, except that no source is guessed from a directory. Here any
/// problem is an error: an empty text, a front matter line that is not `key: value`,
/// an unreadable date.
pub fn document_from_text(id: &str, text: &str) -> Result<Document, Problem> {
    let mut out = Vec::new();
    text_document(text.to_string(), id, None, None, Vec::new(), &mut out);
    let mut doc = None;
    for item in out {
        match item {
            Loaded::Problem(p) => return Err(p),
            Loaded::Document(d) => doc = Some(d),
        }
    }
    doc.ok_or_else(|| Problem::error(id, None, "no document"))
}

enum Split<'a> {
    None,
    Unclosed,
    /// The lines between the markers (without line ends) and the byte where the body
    /// starts.
    Found {
        lines: Vec<&'a str>,
        body_start: usize,
    },
}

fn is_marker(line: &str, closing: bool) -> bool {
    let t = line.trim_end();
    t == "---" || (closing && t == "...")
}

fn split_front_matter(text: &str) -> Split<'_> {
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if is_marker(first, false) => {}
        _ => return Split::None,
    }
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut inner = Vec::new();
    for line in lines {
        offset += line.len();
        if is_marker(line, true) {
            return Split::Found {
                lines: inner,
                body_start: offset,
            };
        }
        inner.push(line.trim_end_matches(['\n', '\r']));
    }
    Split::Unclosed
}

fn parse_front_matter(
    lines: &[&str],
    order: Option<DateOrder>,
    warnings: &mut Vec<(Option<u64>, String)>,
) -> FrontMatter {
    let mut fm = FrontMatter::default();
    for (i, line) in lines.iter().enumerate() {
        let n = i as u64 + 2;
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let Some((key, value)) = t.split_once(':') else {
            warnings.push((
                Some(n),
                format!("front matter line is not 'key: value': '{t}'; ignored"),
            ));
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = unquote(value.trim());
        let owned = || (!value.is_empty()).then(|| value.to_string());
        match key.as_str() {
            "source" | "outlet" | "publisher" | "site" => fm.source = owned(),
            "date" | "published" => {
                if value.is_empty() {
                    continue;
                }
                if parse_date(value, order).is_none() {
                    warnings.push((
                        Some(n),
                        format!("cannot read the date '{value}' (write it like 2024-03-12)"),
                    ));
                }
                fm.date = Some((value.to_string(), n));
            }
            "place" | "location" => fm.place = owned(),
            "event" => fm.event = owned(),
            "title" => {
                // Column of the title's text in the file, for positions of claims in it.
                let column = line
                    .find(':')
                    .and_then(|c| line[c + 1..].find(value).map(|v| c + 1 + v))
                    .map_or(1, |at| line[..at].chars().count() as u32 + 1);
                fm.title = owned().map(|v| (v, n, column));
            }
            "url" | "link" => fm.url = owned(),
            "id" => fm.id = owned(),
            "recount-ignore" => {
                let list = value.trim_start_matches('[').trim_end_matches(']');
                fm.ignore.extend(
                    list.split(',')
                        .map(|s| unquote(s.trim()).to_string())
                        .filter(|s| !s.is_empty()),
                );
            }
            _ => {}
        }
    }
    fm
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn load(text: &str, dir: Option<&str>) -> Vec<Loaded> {
        let mut out = Vec::new();
        text_document(
            text.to_string(),
            "dir/a.md",
            dir.map(String::from),
            None,
            Vec::new(),
            &mut out,
        );
        out
    }

    fn doc(text: &str) -> Document {
        match load(text, Some("dir")).pop() {
            Some(Loaded::Document(d)) => d,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn front_matter_fields() {
        let d = doc("---\n\
             source: Meridian Wire\n\
             date: 2024-03-12\n\
             # a comment\n\
             \n\
             place: \"Dar Sabil\"\n\
             event: dar-sabil-market\n\
             title: Car bomb: 40 killed\n\
             url: https://example.org/x\n\
             id: mw-1\n\
             fictional: true\n\
             recount-ignore: casualties/toll-disagreement, bounds/percent-over-100\n\
             ---\n\
             Body line one.\r\nTwo.\n");
        assert_eq!(d.id, "mw-1");
        assert_eq!(d.source.as_deref(), Some("Meridian Wire"));
        assert_eq!(d.date, Some(date(2024, 3, 12)));
        assert_eq!(d.place.as_deref(), Some("Dar Sabil"));
        assert_eq!(d.event.as_deref(), Some("dar-sabil-market"));
        assert_eq!(d.title.as_deref(), Some("Car bomb: 40 killed"));
        assert_eq!(d.url.as_deref(), Some("https://example.org/x"));
        assert_eq!(
            d.ignore,
            vec!["casualties/toll-disagreement", "bounds/percent-over-100"]
        );
        assert_eq!(d.text, "Body line one.\r\nTwo.\n");
        assert_eq!(d.origin.title_line, Some(8));
        assert_eq!(d.origin.body_line, 14);
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn without_front_matter() {
        let d = doc("\nWed 05 Apr 2017 Syria attack. On 6 April 2017 more.\n");
        assert_eq!(d.id, "dir/a.md");
        assert_eq!(d.source.as_deref(), Some("dir"));
        assert_eq!(d.date, Some(date(2017, 4, 5)));
        assert_eq!(d.title, None);
        assert_eq!(d.origin.body_line, 1);
        assert_eq!(
            d.text,
            "\nWed 05 Apr 2017 Syria attack. On 6 April 2017 more.\n"
        );
    }

    #[test]
    fn body_is_kept_byte_for_byte() {
        let cases: &[(&str, &str, u32)] = &[
            ("---\ntitle: T\n---\n\n  Text  \n", "\n  Text  \n", 4),
            ("---\r\nsource: S\r\n...\r\nText", "Text", 4),
            ("---  \n---\nText", "Text", 3),
            ("Text\n---\nmore\n---\n", "Text\n---\nmore\n---\n", 1),
        ];
        for (input, body, line) in cases {
            let d = doc(input);
            assert_eq!(
                (d.text.as_str(), d.origin.body_line),
                (*body, *line),
                "{input:?}"
            );
        }
    }

    #[test]
    fn from_text_in_memory() {
        let d = document_from_text("ex-1", "---\nsource: A\ndate: 2024-01-12\n---\nText.").unwrap();
        assert_eq!((d.id.as_str(), d.source.as_deref()), ("ex-1", Some("A")));
        assert_eq!(d.date, Some(date(2024, 1, 12)));
        assert_eq!(d.origin.body_line, 5);
        let d = document_from_text("ex-2", "A bomb killed 16 people.").unwrap();
        assert_eq!(
            (d.source, d.date, d.text.as_str()),
            (None, None, "A bomb killed 16 people.")
        );
        let e = document_from_text("ex-3", "---\ndate: soon\n---\nText.").unwrap_err();
        assert_eq!(
            e.to_string(),
            "ex-3:2: cannot read the date 'soon' (write it like 2024-03-12)"
        );
        assert!(document_from_text("ex-4", " ").is_err());
    }

    #[test]
    fn problems() {
        let msgs = |text: &str| -> Vec<String> {
            load(text, None)
                .into_iter()
                .filter_map(|l| match l {
                    Loaded::Problem(p) => Some(p.to_string()),
                    Loaded::Document(_) => None,
                })
                .collect()
        };
        assert_eq!(msgs(""), vec!["dir/a.md: empty file; skipped"]);
        assert_eq!(msgs(" \n\t\n"), vec!["dir/a.md: empty file; skipped"]);
        assert_eq!(
            msgs("---\ntitle: T\n---\n\n"),
            vec!["dir/a.md:4: no text after the front matter; skipped"]
        );
        assert_eq!(
            msgs("---\ndate: someday\nno colon here\n---\nText"),
            vec![
                "dir/a.md:2: cannot read the date 'someday' (write it like 2024-03-12)",
                "dir/a.md:3: front matter line is not 'key: value': 'no colon here'; ignored",
            ]
        );
        assert_eq!(
            msgs("---\nsource: S\nText without end"),
            vec!["dir/a.md:1: front matter opened with '---' is never closed; read as text"]
        );
        // Warnings travel with the document too.
        let d = doc("---\nsource: S\nText");
        assert_eq!(d.warnings.len(), 1);
        assert_eq!(d.source.as_deref(), Some("dir"));
        assert_eq!(d.text, "---\nsource: S\nText");
    }
}
