//! Bodies of the fuzz targets: each takes arbitrary bytes, feeds them to one entry
//! point of `recount`, and panics when an invariant breaks. The same functions run
//! under libFuzzer (`fuzz/fuzz_targets/`) and as property tests in the main crate
//! (`tests/properties.rs` includes this file), so the targets are compiled and
//! exercised by `cargo test` even where no fuzzer is installed.
//!
//! Invariants checked, beyond "no panic, no hang":
//! - quantity phrases: spans inside the text, on char boundaries, in order and not
//!   overlapping; the number inside the phrase; intervals with `low <= high`;
//! - claims: `text == section[start..end]` on char boundaries, `low <= high`, ids
//!   unique, `part_of` naming a claim of the same document, lines and columns from 1;
//! - rules packs: errors point inside the file (line and column within it);
//! - corpus loaders: every input yields a document or a reported error, never
//!   nothing: one per text file, one per non-blank JSON Lines line, one per CSV row.

use recount::claim::Claim;
use recount::corpus::{self, Document, LoadOptions, Loaded, Origin, ProblemSeverity, Section};
use recount::extract::Extractor;
use recount::extract::numeral::parse_number;
use recount::extract::quantity_phrase::find_quantities;
use recount::rules::RuleSet;
use std::collections::HashSet;
use std::io::Cursor;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The default rules and an extractor over their lexicon, built once.
pub fn defaults() -> &'static (RuleSet, Extractor) {
    static CELL: OnceLock<(RuleSet, Extractor)> = OnceLock::new();
    CELL.get_or_init(|| {
        let rules = match recount::rules::load_rules(true, &[]) {
            Ok(r) => r,
            Err(e) => panic!("the default rules load: {e:?}"),
        };
        let ex = Extractor::new(rules.lexicon.clone());
        (rules, ex)
    })
}

fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn interval_ok(low: Option<f64>, high: Option<f64>) -> bool {
    match (low, high) {
        (Some(l), Some(h)) => !l.is_nan() && !h.is_nan() && l <= h,
        (Some(l), None) => !l.is_nan(),
        (None, Some(h)) => !h.is_nan(),
        (None, None) => true,
    }
}

/// The numeral and quantity grammar: `find_quantities` over the text, and
/// `parse_number` over the text, each of its words and each number found.
pub fn quantities(data: &[u8]) {
    let text = text_of(data);
    let found = find_quantities(&text);
    let mut prev_end = 0;
    for m in &found {
        assert!(
            m.start <= m.num_start && m.num_start <= m.num_end && m.num_end <= m.end,
            "spans out of order: {m:?}"
        );
        assert!(m.end <= text.len(), "span past the end: {m:?}");
        for at in [m.start, m.end, m.num_start, m.num_end] {
            assert!(text.is_char_boundary(at), "not a char boundary: {m:?}");
        }
        assert!(m.start >= prev_end, "overlapping phrases: {found:?}");
        prev_end = m.end;
        assert!(!m.value.is_nan(), "NaN value: {m:?}");
        assert!(interval_ok(m.low, m.high), "bad interval: {m:?}");
        if let Some(num) = text.get(m.num_start..m.num_end) {
            let _ = parse_number(num);
        }
    }
    number(data);
}

/// `parse_number` over the whole text and each whitespace-separated word.
pub fn number(data: &[u8]) {
    let text = text_of(data);
    if let Some(v) = parse_number(&text) {
        assert!(!v.is_nan(), "NaN from {text:?}");
    }
    for w in text.split_whitespace().take(64) {
        if let Some(v) = parse_number(w) {
            assert!(!v.is_nan(), "NaN from {w:?}");
        }
    }
}

/// A document from arbitrary text: the first line is the title when the first byte
/// is odd, the rest the body.
pub fn document_of(data: &[u8]) -> Document {
    let text = text_of(data);
    let (title, body) = match (data.first(), text.split_once('\n')) {
        (Some(b), Some((t, rest))) if b % 2 == 1 => (Some(t.to_string()), rest.to_string()),
        _ => (None, text),
    };
    Document {
        id: "fuzz.txt".to_string(),
        source: Some("Fuzz".to_string()),
        date: None,
        place: None,
        event: None,
        title,
        text: body,
        url: None,
        origin: Origin {
            path: "fuzz.txt".to_string(),
            body_line: 1,
            title_line: Some(1),
            ..Origin::default()
        },
        ignore: Vec::new(),
        warnings: Vec::new(),
    }
}

/// The invariants every extracted claim keeps.
pub fn check_claims(doc: &Document, claims: &[Claim]) {
    let mut ids = HashSet::new();
    for c in claims {
        assert!(ids.insert(c.id.as_str()), "duplicate claim id {}", c.id);
    }
    for c in claims {
        let section = doc.section(c.section);
        assert!(
            section.is_char_boundary(c.start) && section.is_char_boundary(c.end),
            "claim off a char boundary: {c:?}"
        );
        assert_eq!(
            section.get(c.start..c.end),
            Some(c.text.as_str()),
            "claim text is not its span"
        );
        assert_eq!(c.doc, doc.id);
        assert!(c.line >= 1 && c.column >= 1, "position from 1: {c:?}");
        assert!(!c.value.is_nan(), "NaN value: {c:?}");
        assert!(interval_ok(c.low, c.high), "bad interval: {c:?}");
        if let Some(p) = &c.part_of {
            assert!(ids.contains(p.as_str()), "part_of names no claim: {c:?}");
        }
        if c.section == Section::Title {
            assert!(doc.title.is_some());
        }
    }
    // A mention never runs over the next claim's quantity: claims of a section come in
    // text order, each ending before the next begins.
    for pair in claims.windows(2) {
        if let [a, b] = pair
            && a.section == b.section
        {
            assert!(
                a.end <= b.start,
                "claim {} ({}..{}) runs over claim {} ({}..{})",
                a.id,
                a.start,
                a.end,
                b.id,
                b.start,
                b.end
            );
        }
    }
}

/// Whole-document extraction, then every check over the claims and the JSON report.
pub fn extract(data: &[u8]) {
    let (rules, ex) = defaults();
    let doc = document_of(data);
    let claims = ex.extract(&doc);
    check_claims(&doc, &claims);
    let findings = recount::check::run(rules, &claims);
    for f in &findings {
        for c in &f.claims {
            assert!(
                interval_ok(c.low, c.high),
                "bad interval in a finding: {f:?}"
            );
        }
    }
    let _ = recount::report::json::render(&findings);
}

/// A rules pack from arbitrary text, alone and after the default packs; errors must
/// point inside the file. A pack that loads has its inline examples run.
pub fn rules_pack(data: &[u8]) {
    let text = text_of(data);
    let lines = text.split('\n').count() as u32;
    match recount::rules::load_pack_str("fuzz.toml", &text) {
        Ok(set) => {
            let ex = Extractor::new(set.lexicon.clone());
            // Examples are short texts; a pack with very many is not what this target
            // explores.
            for rule in set.rules.iter().take(8) {
                let _ = recount::examples::run_rule(rule, &ex);
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "an error result with no error");
            for e in &errors {
                assert!(
                    e.line <= lines + 1,
                    "error past the end of the file ({lines} lines): {e}"
                );
                assert!(!e.message.is_empty(), "an error without a message");
            }
        }
    }
}

/// A scratch directory for the corpus targets, one per process.
fn scratch() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("a temporary directory: {e}"),
    })
}

/// Load `data` as a file with extension `ext`; every item the loader yields, after
/// checking that the stream ends.
pub fn load_file(ext: &str, data: &[u8]) -> Vec<Loaded> {
    // One file per thread: the property tests run on several threads.
    let name = format!("in-{:?}.{ext}", std::thread::current().id());
    let name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        .collect();
    let path: PathBuf = scratch().path().join(name);
    if let Err(e) = std::fs::write(&path, data) {
        panic!("cannot write {}: {e}", path.display());
    }
    let mut items = Vec::new();
    // Each item stands for at least one byte of input (a row, a line, a file); more
    // items than that is a loop that does not end.
    let bound = 4 * data.len() + 16;
    for item in corpus::load(std::slice::from_ref(&path), &LoadOptions::default()) {
        items.push(item);
        assert!(items.len() <= bound, "the loader does not stop");
    }
    for item in &items {
        if let Loaded::Document(d) = item {
            check_document(d);
        }
    }
    items
}

fn check_document(d: &Document) {
    assert!(!d.id.is_empty(), "a document without an id");
    assert!(!d.text.trim().is_empty(), "a document without text");
    assert!(d.origin.body_line >= 1);
}

fn has_error_at(items: &[Loaded], line: u64) -> bool {
    items.iter().any(|i| {
        matches!(i, Loaded::Problem(p) if p.severity == ProblemSeverity::Error && p.line == Some(line))
    })
}

/// Whether the loader gave up on the whole file (or the rest of it) with an error.
fn file_skipped(items: &[Loaded]) -> bool {
    items.iter().any(|i| {
        matches!(i, Loaded::Problem(p) if p.severity == ProblemSeverity::Error
            && (p.line.is_none() || p.message.contains("file skipped")))
    })
}

/// Bytes as the loaders see them after the byte-order mark, or None for input they
/// transcode or refuse whole (UTF-16, NUL bytes).
fn plain_bytes(data: &[u8]) -> Option<&[u8]> {
    if data.starts_with(&[0xFF, 0xFE]) || data.starts_with(&[0xFE, 0xFF]) || data.contains(&0) {
        return None;
    }
    Some(data.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(data))
}

/// JSON Lines: each non-blank line yields a document for its line or an error naming
/// that line, unless the file is given up with an error.
pub fn corpus_jsonl(data: &[u8]) {
    let items = load_file("jsonl", data);
    let Some(bytes) = plain_bytes(data) else {
        return;
    };
    if file_skipped(&items) {
        return;
    }
    let rows: HashSet<u64> = items
        .iter()
        .filter_map(|i| match i {
            Loaded::Document(d) => d.origin.row,
            Loaded::Problem(_) => None,
        })
        .collect();
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let n = n as u64 + 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        assert!(
            rows.contains(&n) || has_error_at(&items, n),
            "line {n} gave neither a document nor an error: {items:?}"
        );
    }
}

/// CSV (or TSV): each data row yields a document or an error naming the row, unless
/// the file is given up.
pub fn corpus_delimited(data: &[u8], tsv: bool) {
    let items = load_file(if tsv { "tsv" } else { "csv" }, data);
    let Some(bytes) = plain_bytes(data) else {
        return;
    };
    if file_skipped(&items) {
        return;
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if tsv { b'\t' } else { b',' })
        .flexible(true)
        .has_headers(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut rows = 0u64;
    while let Ok(true) = reader.read_byte_record(&mut record) {
        rows += 1;
    }
    for row in 1..=rows {
        let tag = format!("row {row} ");
        let found = items.iter().any(|i| match i {
            Loaded::Document(d) => d.origin.row == Some(row),
            Loaded::Problem(p) => {
                p.severity == ProblemSeverity::Error && p.message.starts_with(&tag)
            }
        });
        assert!(
            found,
            "row {row} gave neither a document nor an error: {items:?}"
        );
    }
}

/// A JSON array (or a single object).
pub fn corpus_json(data: &[u8]) {
    load_file("json", data);
}

/// A text file with optional front matter, three ways: `document_from_text`, standard
/// input, and a `.md` file. Each yields exactly one document or one error.
pub fn corpus_text(data: &[u8]) {
    let text = text_of(data);
    if let Ok(d) = corpus::document_from_text("fuzz.md", &text) {
        check_document(&d);
        assert!(text.ends_with(&d.text), "the body is not the text's end");
        let (_, ex) = defaults();
        check_claims(&d, &ex.extract(&d));
    }
    let stdin: Vec<Loaded> = corpus::load(&[PathBuf::from("-")], &LoadOptions::default())
        .with_stdin(Cursor::new(data.to_vec()))
        .collect();
    let file = load_file("md", data);
    for items in [&stdin, &file] {
        let docs = items
            .iter()
            .filter(|i| matches!(i, Loaded::Document(_)))
            .count();
        let errors = items
            .iter()
            .filter(|i| matches!(i, Loaded::Problem(p) if p.severity == ProblemSeverity::Error))
            .count();
        assert_eq!(docs + errors, 1, "not one document or one error: {items:?}");
    }
}

/// A `recount.toml` from arbitrary text: errors must point inside the file; a
/// config that loads gives load options and rule paths without panicking.
pub fn config(data: &[u8]) {
    let text = text_of(data);
    let lines = text.split('\n').count() as u32;
    match recount::config::parse("recount.toml", std::path::Path::new("."), &text) {
        Ok(c) => {
            let _ = c.load_options();
            let _ = c.rules_paths();
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "an error result with no error");
            for e in &errors {
                assert!(
                    e.line <= lines + 1,
                    "error past the end of the file ({lines} lines): {e:?}"
                );
                assert!(!e.message.is_empty(), "an error without a message");
            }
        }
    }
}

/// Claims read back as JSON Lines (what `recount check --claims` reads: the claims
/// of one document, possibly edited by hand or by another tool), through every check
/// and the renderers. Lines that are not claims are left out, as the reader reports
/// and skips them; the claims that parse may say anything: `low > high`, offsets
/// past their sentence, empty ids.
pub fn claims(data: &[u8]) {
    let text = text_of(data);
    let claims: Vec<Claim> = text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let (rules, _) = defaults();
    let findings = recount::check::run(rules, &claims);
    let _ = recount::report::json::render(&findings);
    let _ = recount::report::csv::render(&findings);
    let _ = recount::report::concise::render(&findings, true);
    let _ = recount::report::table::render(
        &findings,
        recount::report::Totals::default(),
        recount::report::Style {
            color: true,
            width: 60,
        },
    );
}
