//! Corpus columns: which column (CSV/TSV header, JSON key) holds which document field,
//! found by common names or named by the user, and the building of a document from one
//! row.

use super::{Document, Loaded, Origin, Problem};
use crate::date::{DateOrder, implied_order, numeric_fields, parse_date};
use std::borrow::Cow;
use std::collections::VecDeque;

/// Column names the user gave (`--text-column` and friends); `None` means "find it by
/// its common names". Names match case-insensitively.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    pub text: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
    pub title: Option<String>,
    pub id: Option<String>,
    pub event: Option<String>,
    pub url: Option<String>,
}

/// One document field a column can feed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Field {
    Text,
    Source,
    Date,
    Place,
    Title,
    Id,
    Event,
    Url,
}

pub(super) const FIELDS: [Field; 8] = [
    Field::Text,
    Field::Source,
    Field::Date,
    Field::Place,
    Field::Title,
    Field::Id,
    Field::Event,
    Field::Url,
];

impl Field {
    /// Common column names, in order of preference.
    pub fn candidates(self) -> &'static [&'static str] {
        match self {
            Field::Text => &[
                "text",
                "content",
                "article_content",
                "body",
                "article",
                "article_text",
                "full_text",
                "maintext",
            ],
            Field::Source => &["source", "outlet", "publisher", "site", "source_name"],
            Field::Date => &[
                "date",
                "published",
                "published_at",
                "pub_date",
                "publish_date",
                "published_date",
                "date_publish",
            ],
            Field::Place => &["location", "place"],
            Field::Title => &["title", "article_title", "headline"],
            Field::Id => &["id", "unit_id", "doc_id", "article_id"],
            Field::Event => &["event", "event_id"],
            Field::Url => &["url", "link"],
        }
    }

    fn flag(self) -> &'static str {
        match self {
            Field::Text => "--text-column",
            Field::Source => "--source-column",
            Field::Date => "--date-column",
            Field::Place => "--place-column",
            Field::Title => "--title-column",
            Field::Id => "--id-column",
            Field::Event => "--event-column",
            Field::Url => "the url column",
        }
    }

    fn named(self, map: &ColumnMap) -> Option<&str> {
        match self {
            Field::Text => map.text.as_deref(),
            Field::Source => map.source.as_deref(),
            Field::Date => map.date.as_deref(),
            Field::Place => map.place.as_deref(),
            Field::Title => map.title.as_deref(),
            Field::Id => map.id.as_deref(),
            Field::Event => map.event.as_deref(),
            Field::Url => map.url.as_deref(),
        }
    }

    fn index(self) -> usize {
        match self {
            Field::Text => 0,
            Field::Source => 1,
            Field::Date => 2,
            Field::Place => 3,
            Field::Title => 4,
            Field::Id => 5,
            Field::Event => 6,
            Field::Url => 7,
        }
    }
}

/// The resolved columns of one corpus file: for each field, the index of its header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Columns {
    slots: [Option<usize>; 8],
}

impl Columns {
    pub fn get(&self, f: Field) -> Option<usize> {
        self.slots.get(f.index()).copied().flatten()
    }

    /// Resolve against a file's headers. Columns the user named come first and must
    /// exist; the others are found by their common names among the columns left.
    pub fn resolve(headers: &[String], map: &ColumnMap) -> Result<Columns, String> {
        Columns::resolve_with(headers, map, true)
    }

    /// Like [`Columns::resolve`], but a missing column is only an empty slot: for JSON
    /// rows, whose keys may differ from one object to the next.
    pub fn resolve_lenient(keys: &[String], map: &ColumnMap) -> Columns {
        Columns::resolve_with(keys, map, false).unwrap_or(Columns { slots: [None; 8] })
    }

    fn resolve_with(headers: &[String], map: &ColumnMap, strict: bool) -> Result<Columns, String> {
        let find = |name: &str| {
            let name = name.trim();
            headers.iter().position(|h| h.trim() == name).or_else(|| {
                headers
                    .iter()
                    .position(|h| h.trim().eq_ignore_ascii_case(name))
            })
        };
        let mut slots = [None; 8];
        let mut used = vec![false; headers.len()];
        for f in FIELDS {
            if let Some(name) = f.named(map) {
                let Some(i) = find(name) else {
                    if strict {
                        return Err(format!(
                            "no column named '{name}' (given with {}); columns: {}",
                            f.flag(),
                            list(headers)
                        ));
                    }
                    continue;
                };
                slots[f.index()] = Some(i);
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
            }
        }
        for f in FIELDS {
            if slots[f.index()].is_some() {
                continue;
            }
            for cand in f.candidates() {
                if let Some(i) = find(cand)
                    && !used.get(i).copied().unwrap_or(true)
                {
                    slots[f.index()] = Some(i);
                    if let Some(u) = used.get_mut(i) {
                        *u = true;
                    }
                    break;
                }
            }
        }
        if strict && slots[Field::Text.index()].is_none() {
            return Err(format!(
                "no text column (looked for {}); columns: {}; name it with --text-column",
                Field::Text.candidates().join(", "),
                list(headers)
            ));
        }
        Ok(Columns { slots })
    }
}

fn list(headers: &[String]) -> String {
    if headers.is_empty() {
        return "(none)".to_string();
    }
    headers
        .iter()
        .map(|h| h.trim())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The values of one row, by field, borrowed from the row where they can be: only the
/// values a document keeps are copied out.
#[derive(Debug, Default)]
pub(super) struct RowFields<'a> {
    pub text: Option<Cow<'a, str>>,
    pub source: Option<Cow<'a, str>>,
    pub date: Option<Cow<'a, str>>,
    pub place: Option<Cow<'a, str>>,
    pub title: Option<Cow<'a, str>>,
    pub id: Option<Cow<'a, str>>,
    pub event: Option<Cow<'a, str>>,
    pub url: Option<Cow<'a, str>>,
}

impl<'a> RowFields<'a> {
    pub fn set(&mut self, f: Field, value: Cow<'a, str>) {
        let slot = match f {
            Field::Text => &mut self.text,
            Field::Source => &mut self.source,
            Field::Date => &mut self.date,
            Field::Place => &mut self.place,
            Field::Title => &mut self.title,
            Field::Id => &mut self.id,
            Field::Event => &mut self.event,
            Field::Url => &mut self.url,
        };
        *slot = Some(value);
    }

    /// Fill the fields from a row through `get(column index)`.
    pub fn from_row(
        cols: &Columns,
        mut get: impl FnMut(usize) -> Option<Cow<'a, str>>,
    ) -> RowFields<'a> {
        let mut row = RowFields::default();
        for f in FIELDS {
            if let Some(v) = cols.get(f).and_then(&mut get) {
                row.set(f, v);
            }
        }
        row
    }
}

/// Where a row stands, for ids and messages.
pub(super) struct RowAt<'a> {
    pub path: &'a str,
    /// 1-based row number (data row, JSON Lines line, array element).
    pub row: u64,
    /// 1-based line of the file where the row starts.
    pub line: u64,
}

/// Build the document of one row, as [`row_document`] does, and queue it with its
/// problems; `invalid_utf8` adds the warning that the row was decoded lossily.
pub(super) fn queue_row(
    fields: RowFields<'_>,
    at: &RowAt<'_>,
    order: Option<DateOrder>,
    invalid_utf8: bool,
    pending: &mut VecDeque<Loaded>,
) {
    let warnings = if invalid_utf8 {
        vec![format!(
            "row {}: invalid UTF-8, decoded with replacement characters",
            at.row
        )]
    } else {
        Vec::new()
    };
    row_document(fields, at, order, warnings, pending);
}

/// Build the document of one row; problems met go to `out` first. A row with no text
/// is an error and yields no document.
pub(super) fn row_document(
    fields: RowFields<'_>,
    at: &RowAt<'_>,
    order: Option<DateOrder>,
    mut warnings: Vec<String>,
    out: &mut VecDeque<Loaded>,
) {
    for w in &warnings {
        out.push_back(Loaded::Problem(Problem::warning(at.path, Some(at.line), w)));
    }
    let text = fields.text.unwrap_or_default();
    if trim(&text).is_empty() {
        out.push_back(Loaded::Problem(Problem::error(
            at.path,
            Some(at.line),
            format!("row {} has no text; skipped", at.row),
        )));
        return;
    }
    let raw_date = fields.date.as_deref().map(trim).filter(|d| !d.is_empty());
    let date = match raw_date {
        Some(raw) => match parse_date(raw, order) {
            Some(d) => Some(d),
            None => {
                let msg = format!("row {}: cannot read the date '{raw}'", at.row);
                out.push_back(Loaded::Problem(Problem::warning(
                    at.path,
                    Some(at.line),
                    &msg,
                )));
                warnings.push(msg);
                None
            }
        },
        None => None,
    };
    let url = clean(fields.url);
    let id = clean(fields.id)
        .or_else(|| url.clone())
        .unwrap_or_else(|| format!("{}#{}", at.path, at.row));
    let title = clean(fields.title);
    out.push_back(Loaded::Document(Document {
        id,
        source: clean(fields.source),
        date,
        place: clean(fields.place),
        event: clean(fields.event),
        origin: Origin {
            path: at.path.to_string(),
            row: Some(at.row),
            // Rows have no file lines of their own: positions count within the text.
            title_line: title.as_ref().map(|_| 1),
            title_column: None,
            body_line: 1,
        },
        title,
        text: text.into_owned(),
        url,
        ignore: Vec::new(),
        warnings,
    }));
}

/// Trimmed metadata value, `None` when empty.
fn clean(v: Option<Cow<'_, str>>) -> Option<String> {
    let v = v?;
    let t = trim(&v);
    if t.is_empty() {
        None
    } else if t.len() == v.len() {
        Some(v.into_owned())
    } else {
        Some(t.to_string())
    }
}

/// `s.trim()`, skipping its Unicode look-ups when `s` starts and ends with a visible
/// ASCII character, as most values do.
fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// What a scan of a date column found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum OrderScan {
    /// Some value can only be read one way.
    Found(DateOrder),
    /// Numeric dates were seen, every one ambiguous.
    Ambiguous,
    /// No numeric dates with the year last.
    NoNumeric,
}

/// After this many date values with none numeric, a column is taken not to hold
/// numeric dates and the scan stops.
const SCAN_NON_NUMERIC: usize = 1000;

/// Scan date values for the order they imply: the first unambiguous one decides.
pub(super) fn scan_order(values: impl Iterator<Item = String>) -> OrderScan {
    let mut numeric = false;
    let mut seen = 0usize;
    for v in values {
        if let Some(o) = implied_order(&v) {
            return OrderScan::Found(o);
        }
        let t = v.trim();
        if t.is_empty() {
            continue;
        }
        seen += 1;
        if numeric_fields(t).is_some() {
            numeric = true;
        }
        if !numeric && seen >= SCAN_NON_NUMERIC {
            break;
        }
    }
    if numeric {
        OrderScan::Ambiguous
    } else {
        OrderScan::NoNumeric
    }
}

/// The warning for a column of ambiguous numeric dates read month first.
pub(super) fn ambiguous_message(column: &str) -> String {
    format!(
        "every date in column '{column}' reads both day-first and month-first \
         (like 4/5/2017); read month first: give --date-order dmy if they are day first"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn detects_common_names() {
        let fakes = h(&[
            "unit_id",
            "article_title",
            "article_content",
            "source",
            "date",
            "location",
            "labels",
        ]);
        let c = Columns::resolve(&fakes, &ColumnMap::default()).unwrap();
        let got: Vec<_> = FIELDS.iter().map(|f| c.get(*f)).collect();
        assert_eq!(
            got,
            vec![
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(1),
                Some(0),
                None,
                None
            ]
        );

        let cases: &[(&[&str], Field, Option<usize>)] = &[
            (&["Body", "Headline"], Field::Text, Some(0)),
            (&["Body", "Headline"], Field::Title, Some(1)),
            (&["TEXT", "Outlet"], Field::Source, Some(1)),
            (&["text", "published_at"], Field::Date, Some(1)),
            (&["text", "Place"], Field::Place, Some(1)),
            (&["text", "link"], Field::Url, Some(1)),
            (&["text", "link"], Field::Id, None),
            (&["content", "text"], Field::Text, Some(1)),
            (&["article", "event"], Field::Event, Some(1)),
        ];
        for (headers, field, want) in cases {
            let c = Columns::resolve(&h(headers), &ColumnMap::default()).unwrap();
            assert_eq!(c.get(*field), *want, "{headers:?} {field:?}");
        }
    }

    #[test]
    fn named_columns_win_and_must_exist() {
        let headers = h(&["title", "story", "Title2"]);
        let map = ColumnMap {
            text: Some("Story".into()),
            title: Some("title2".into()),
            ..ColumnMap::default()
        };
        let c = Columns::resolve(&headers, &map).unwrap();
        assert_eq!(
            (c.get(Field::Text), c.get(Field::Title)),
            (Some(1), Some(2))
        );

        // A column given for one field is not picked again for another.
        let map = ColumnMap {
            text: Some("title".into()),
            ..ColumnMap::default()
        };
        let c = Columns::resolve(&headers, &map).unwrap();
        assert_eq!((c.get(Field::Text), c.get(Field::Title)), (Some(0), None));

        let map = ColumnMap {
            date: Some("when".into()),
            ..ColumnMap::default()
        };
        let err = Columns::resolve(&h(&["text", "day"]), &map).unwrap_err();
        assert_eq!(
            err,
            "no column named 'when' (given with --date-column); columns: text, day"
        );
        let err = Columns::resolve(&h(&["a", "b"]), &ColumnMap::default()).unwrap_err();
        assert!(err.starts_with("no text column"), "{err}");
        assert!(err.contains("columns: a, b"), "{err}");
    }

    #[test]
    fn scans_order() {
        let s = |v: &[&str]| scan_order(v.iter().map(|s| s.to_string()));
        assert_eq!(
            s(&["4/5/2017", "10/25/2013"]),
            OrderScan::Found(DateOrder::Mdy)
        );
        assert_eq!(
            s(&["4/5/2017", "25/10/2013"]),
            OrderScan::Found(DateOrder::Dmy)
        );
        assert_eq!(s(&["4/5/2017", "1/2/2013", ""]), OrderScan::Ambiguous);
        assert_eq!(s(&["2017-04-05", "2017/04/05"]), OrderScan::NoNumeric);
        assert_eq!(s(&[]), OrderScan::NoNumeric);
    }

    #[test]
    fn trims_as_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta b\n",
            "\u{a0}x",
            "x\u{2003}",
            "\u{e9}",
            "é x é",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn builds_row_documents() {
        let at = RowAt {
            path: "c.csv",
            row: 3,
            line: 4,
        };
        let mut out = VecDeque::new();
        let fields = RowFields {
            text: Some(" Body text. ".into()),
            source: Some("  nna ".into()),
            date: Some("4/5/2017".into()),
            place: Some("".into()),
            title: Some("T".into()),
            ..RowFields::default()
        };
        row_document(fields, &at, Some(DateOrder::Dmy), Vec::new(), &mut out);
        let out = Vec::from(out);
        let [Loaded::Document(d)] = out.as_slice() else {
            panic!("{out:?}")
        };
        assert_eq!(d.id, "c.csv#3");
        assert_eq!(d.text, " Body text. ");
        assert_eq!(d.source.as_deref(), Some("nna"));
        assert_eq!(d.date, Some(jiff::civil::date(2017, 5, 4)));
        assert_eq!(d.place, None);
        assert_eq!((d.origin.row, d.origin.title_line), (Some(3), Some(1)));

        let mut out = VecDeque::new();
        let fields = RowFields {
            text: Some("x".into()),
            date: Some("soon".into()),
            url: Some("https://example.org/a".into()),
            ..RowFields::default()
        };
        row_document(fields, &at, None, Vec::new(), &mut out);
        let out = Vec::from(out);
        let [Loaded::Problem(p), Loaded::Document(d)] = out.as_slice() else {
            panic!("{out:?}")
        };
        assert_eq!(p.to_string(), "c.csv:4: row 3: cannot read the date 'soon'");
        assert_eq!(d.id, "https://example.org/a");
        assert_eq!(
            d.warnings,
            vec!["row 3: cannot read the date 'soon'".to_string()]
        );

        let mut out = VecDeque::new();
        let fields = RowFields {
            text: Some("  \n".into()),
            ..RowFields::default()
        };
        row_document(fields, &at, None, Vec::new(), &mut out);
        let out = Vec::from(out);
        let [Loaded::Problem(p)] = out.as_slice() else {
            panic!("{out:?}")
        };
        assert_eq!(p.to_string(), "c.csv:4: row 3 has no text; skipped");
    }
}
