//! CSV and TSV corpora: a header row, then one document per row, streamed.
//!
//! Rows may hold quoted fields with commas and newlines (RFC 4180 quoting, also in TSV).
//! A row with a different number of fields than the header is reported and skipped.
//!
//! Records are cut by [`Records`], which follows the rules of the `csv` crate's reader
//! (its tests compare the two on generated input) but finds the ends of fields with
//! `memchr` rather than a byte at a time.

use super::columns::{
    Columns, Field, OrderScan, RowAt, RowFields, ambiguous_message, queue_row, scan_order,
};
use super::decode;
use super::{LoadOptions, Loaded, Problem};
use crate::date::DateOrder;
use std::collections::VecDeque;
use std::io::{self, BufRead};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// One record: its fields' bytes end to end, and where each field ends.
#[derive(Debug, Default)]
struct Record {
    bytes: Vec<u8>,
    ends: Vec<usize>,
    /// The line the reader stood on when the record was asked for: the line after the
    /// previous record's terminator (blank lines before the record are not counted,
    /// nor a `\n` after a `\r` that ended the previous record).
    line: u64,
}

impl Record {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> Option<&[u8]> {
        let start = match i.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        self.bytes.get(start..*self.ends.get(i)?)
    }

    fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    fn end_field(&mut self) {
        self.ends.push(self.bytes.len());
    }
}

/// Where [`Records`] stands inside a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CutState {
    /// Before a record: line ends here are blank lines, skipped.
    StartRecord,
    /// At the start of a field (after a delimiter, or at the record's first byte).
    StartField,
    /// In an unquoted field: a quote is an ordinary byte.
    Field,
    /// In a quoted field: only a quote matters.
    Quoted,
    /// Just past a quote in a quoted field: a second quote stands for one quote;
    /// anything else ends the quoting and the field goes on unquoted.
    QuoteInQuoted,
}

/// CSV records from a stream, cut as the `csv` crate's reader cuts them with quoting on,
/// `"` as the quote, doubled quotes inside quotes, no escape character or comments,
/// and `\r`, `\n` or `\r\n` ending a record: blank lines are skipped, records may
/// have any number of fields, a quote left open runs to the end of the file, and a
/// UTF-8 byte-order mark at the start is dropped. Line numbers count `\n` bytes as the
/// crate does.
struct Records {
    r: Box<dyn BufRead + Send>,
    delimiter: u8,
    /// 1 + the `\n` bytes consumed so far.
    line: u64,
    /// The last record ended at a `\r`: a `\n` right after it belongs to it.
    after_cr: bool,
    /// Whether the start of the stream has been checked for a byte-order mark.
    started: bool,
    done: bool,
}

impl Records {
    fn new(r: Box<dyn BufRead + Send>, delimiter: u8) -> Self {
        Records {
            r,
            delimiter,
            line: 1,
            after_cr: false,
            started: false,
            done: false,
        }
    }

    /// Read the next record into `rec`; false at the end of the stream.
    fn read(&mut self, rec: &mut Record) -> io::Result<bool> {
        rec.bytes.clear();
        rec.ends.clear();
        rec.line = self.line;
        if self.done {
            return Ok(false);
        }
        let mut state = CutState::StartRecord;
        loop {
            let buf = match self.r.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Err(e);
                }
            };
            if buf.is_empty() {
                self.done = true;
                if state == CutState::StartRecord {
                    return Ok(false);
                }
                rec.end_field();
                return Ok(true);
            }
            if !self.started {
                self.started = true;
                if buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
                    // The `csv` crate reads a first buffer that holds nothing but the
                    // mark as the end of the input; so does this reader, to load such
                    // files as before.
                    let only_mark = buf.len() == 3;
                    self.r.consume(3);
                    if only_mark {
                        self.done = true;
                        return Ok(false);
                    }
                    continue;
                }
            }
            if std::mem::take(&mut self.after_cr) && buf.first() == Some(&b'\n') {
                self.line += 1;
                self.r.consume(1);
                continue;
            }
            let (used, ended) = cut(buf, self.delimiter, &mut state, rec, &mut self.line);
            self.r.consume(used);
            if let Some(at_cr) = ended {
                self.after_cr = at_cr;
                return Ok(true);
            }
        }
    }
}

/// Cut `buf` into `rec` from `state` on: the bytes used, and, when the record ended in
/// `buf`, whether it ended at a `\r`.
fn cut(
    buf: &[u8],
    delimiter: u8,
    state: &mut CutState,
    rec: &mut Record,
    line: &mut u64,
) -> (usize, Option<bool>) {
    let is_end = |c: u8| c == b'\n' || c == b'\r';
    let mut i = 0;
    while let Some(&c) = buf.get(i) {
        match *state {
            CutState::StartRecord => {
                if is_end(c) {
                    *line += u64::from(c == b'\n');
                    i += 1;
                } else {
                    *state = CutState::StartField;
                }
            }
            CutState::StartField | CutState::QuoteInQuoted => {
                if c == b'"' {
                    if *state == CutState::QuoteInQuoted {
                        rec.bytes.push(b'"');
                    }
                    *state = CutState::Quoted;
                    i += 1;
                } else if c == delimiter {
                    rec.end_field();
                    *state = CutState::StartField;
                    i += 1;
                } else if is_end(c) {
                    rec.end_field();
                    *line += u64::from(c == b'\n');
                    return (i + 1, Some(c == b'\r'));
                } else {
                    *state = CutState::Field;
                }
            }
            CutState::Field => {
                let rest = buf.get(i..).unwrap_or_default();
                let Some(k) = decode::find_any(rest, [delimiter, b'\n', b'\r']) else {
                    rec.bytes.extend_from_slice(rest);
                    return (buf.len(), None);
                };
                rec.bytes
                    .extend_from_slice(rest.get(..k).unwrap_or_default());
                i += k;
                // A delimiter or a line end means the same here as at the start of a
                // field.
                *state = CutState::StartField;
            }
            CutState::Quoted => {
                let rest = buf.get(i..).unwrap_or_default();
                let (k, lines) = quoted_run(rest);
                rec.bytes
                    .extend_from_slice(rest.get(..k).unwrap_or_default());
                *line += lines;
                i += k;
                if k < rest.len() {
                    *state = CutState::QuoteInQuoted;
                    i += 1;
                }
            }
        }
    }
    (i, None)
}

/// The rows of one CSV or TSV file, as documents and problems.
pub(super) struct DelimitedRows {
    path: String,
    records: Records,
    cols: Columns,
    header_len: usize,
    order: Option<DateOrder>,
    record: Record,
    row: u64,
    pending: VecDeque<Loaded>,
    utf16_replaced: Option<Arc<AtomicBool>>,
    done: bool,
}

/// The run of quoted text at the start of `b` (up to the next quote, or all of `b`):
/// its length and the `\n` bytes in it. Quoted fields hold few line ends: the first is
/// found along with the quote, and any after it are counted in one pass.
fn quoted_run(b: &[u8]) -> (usize, u64) {
    let Some(k) = memchr::memchr2(b'"', b'\n', b) else {
        return (b.len(), 0);
    };
    if b.get(k) == Some(&b'"') {
        return (k, 0);
    }
    let after = b.get(k + 1..).unwrap_or_default();
    let end = memchr::memchr(b'"', after).unwrap_or(after.len());
    let more = memchr::memchr_iter(b'\n', after.get(..end).unwrap_or_default()).count();
    (k + 1 + end, 1 + more as u64)
}

fn open_records(file: &Path, delimiter: u8) -> Result<(Records, Option<Arc<AtomicBool>>), String> {
    let f = std::fs::File::open(file).map_err(|e| format!("cannot read: {e}; skipped"))?;
    let opened = decode::open(Box::new(f)).map_err(|e| e.message())?;
    Ok((
        Records::new(opened.reader, delimiter),
        opened.utf16_replaced,
    ))
}

/// Open a CSV (`b','`) or TSV (`b'\t'`) file: read its header and resolve its columns.
/// Problems that stop the whole file go to `out`.
pub(super) fn open(
    file: &Path,
    path: &str,
    delimiter: u8,
    opts: &LoadOptions,
    out: &mut Vec<Loaded>,
) -> Option<DelimitedRows> {
    let fail = |out: &mut Vec<Loaded>, line: Option<u64>, msg: String| {
        out.push(Loaded::Problem(Problem::error(path, line, msg)));
    };
    let (mut records, utf16_replaced) = match open_records(file, delimiter) {
        Ok(r) => r,
        Err(msg) => {
            fail(out, None, msg);
            return None;
        }
    };
    let mut header = Record::default();
    if let Err(e) = records.read(&mut header) {
        fail(
            out,
            Some(1),
            format!("cannot read the header: {e}; skipped"),
        );
        return None;
    }
    let headers: Vec<String> = header
        .iter()
        .map(|h| decode::lossy(h).0.into_owned())
        .collect();
    if headers.iter().all(|h| h.trim().is_empty()) {
        fail(out, None, "empty file; skipped".to_string());
        return None;
    }
    let cols = match Columns::resolve(&headers, &opts.columns) {
        Ok(c) => c,
        Err(msg) => {
            fail(out, Some(1), format!("{msg}; file skipped"));
            return None;
        }
    };
    let mut order = opts.date_order;
    if order.is_none()
        && let Some(i) = cols.get(Field::Date)
    {
        match scan_file(file, delimiter, i) {
            OrderScan::Found(o) => order = Some(o),
            OrderScan::Ambiguous => {
                let name = headers.get(i).map_or("", |s| s.trim());
                out.push(Loaded::Problem(Problem::warning(
                    path,
                    Some(1),
                    ambiguous_message(name),
                )));
            }
            OrderScan::NoNumeric => {}
        }
    }
    Some(DelimitedRows {
        path: path.to_string(),
        records,
        cols,
        header_len: headers.len(),
        order,
        record: header,
        row: 0,
        pending: VecDeque::new(),
        utf16_replaced,
        done: false,
    })
}

/// A first pass over the date column, to learn how its numeric dates are ordered. It
/// stops at the first value that can only be read one way.
fn scan_file(file: &Path, delimiter: u8, column: usize) -> OrderScan {
    let Ok((mut records, _)) = open_records(file, delimiter) else {
        return OrderScan::NoNumeric;
    };
    let mut record = Record::default();
    // The header.
    if !matches!(records.read(&mut record), Ok(true)) {
        return OrderScan::NoNumeric;
    }
    let values = std::iter::from_fn(move || match records.read(&mut record) {
        Ok(true) => Some(
            record
                .get(column)
                .map(|v| decode::lossy(v).0.into_owned())
                .unwrap_or_default(),
        ),
        _ => None,
    });
    scan_order(values)
}

impl DelimitedRows {
    fn read_row(&mut self) {
        match self.records.read(&mut self.record) {
            Err(e) => {
                self.pending.push_back(Loaded::Problem(Problem::error(
                    &self.path,
                    None,
                    format!("cannot read: {e}; rest of file skipped"),
                )));
                self.done = true;
            }
            Ok(false) => {
                self.done = true;
                if let Some(w) = decode::utf16_warning(&self.path, &self.utf16_replaced) {
                    self.pending.push_back(Loaded::Problem(w));
                }
                if self.row == 0 {
                    self.pending.push_back(Loaded::Problem(Problem::error(
                        &self.path,
                        None,
                        "no rows below the header; skipped",
                    )));
                }
            }
            Ok(true) => {
                self.row += 1;
                let line = self.record.line;
                if self.record.len() != self.header_len {
                    self.pending.push_back(Loaded::Problem(Problem::error(
                        &self.path,
                        Some(line),
                        format!(
                            "row {} has {} fields, the header has {}; skipped",
                            self.row,
                            self.record.len(),
                            self.header_len
                        ),
                    )));
                    return;
                }
                let mut invalid = false;
                let record = &self.record;
                let fields = RowFields::from_row(&self.cols, |i| {
                    let (s, bad) = decode::lossy(record.get(i)?);
                    invalid |= bad.is_some();
                    Some(s)
                });
                let at = RowAt {
                    path: &self.path,
                    row: self.row,
                    line,
                };
                queue_row(fields, &at, self.order, invalid, &mut self.pending);
            }
        }
    }
}

impl Iterator for DelimitedRows {
    type Item = Loaded;

    fn next(&mut self) -> Option<Loaded> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            self.read_row();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::{BufReader, Cursor};

    /// Each record's fields and line.
    type Cut = Vec<(Vec<Vec<u8>>, u64)>;

    /// How the `csv` crate reads `input` (header included), `capacity` bytes at a time.
    fn by_csv(input: &[u8], delimiter: u8, capacity: usize) -> Cut {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .buffer_capacity(capacity)
            .from_reader(input);
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let line = record.position().map_or(0, csv::Position::line);
            out.push((record.iter().map(<[u8]>::to_vec).collect(), line));
        }
        out
    }

    /// How [`Records`] reads `input`, `capacity` bytes at a time.
    fn by_records(input: &[u8], delimiter: u8, capacity: usize) -> Cut {
        let reader = BufReader::with_capacity(capacity, Cursor::new(input.to_vec()));
        let mut records = Records::new(Box::new(reader), delimiter);
        let mut record = Record::default();
        let mut out = Vec::new();
        while records.read(&mut record).unwrap() {
            out.push((record.iter().map(<[u8]>::to_vec).collect(), record.line));
        }
        out
    }

    fn fields(cut: &Cut) -> Vec<String> {
        cut.iter()
            .map(|(fields, line)| {
                let fields: Vec<_> = fields.iter().map(|f| String::from_utf8_lossy(f)).collect();
                format!("{line}:{}", fields.join("|"))
            })
            .collect()
    }

    #[test]
    fn cuts_records_as_the_csv_crate() {
        let cases: &[(&str, &[&str])] = &[
            ("a,b\n1,2\n", &["1:a|b", "2:1|2"]),
            ("a,b\n1,2", &["1:a|b", "2:1|2"]),
            ("a,\n,\n", &["1:a|", "2:|"]),
            ("\n\n a \n\n", &["1: a "]),
            ("\"x, \"\"y\"\"\nz\",w\n2\n", &["1:x, \"y\"\nz|w", "3:2"]),
            ("\"ab\"cd,\"e\"\"\n", &["1:abcd|e\"\n"]),
            ("ab\"c,\"d\n", &["1:ab\"c|d\n"]),
            ("a\r\nb\r\n\r\nc\rd\n", &["1:a", "1:b", "2:c", "4:d"]),
            ("a\r\r\nb", &["1:a", "1:b"]),
            ("\u{feff}a,b\n", &["1:a|b"]),
            ("\u{feff}", &[]),
            ("\"open,\nend", &["1:open,\nend"]),
            ("", &[]),
        ];
        for (input, want) in cases {
            let got = by_records(input.as_bytes(), b',', 8 * 1024);
            assert_eq!(fields(&got), *want, "{input:?}");
            assert_eq!(got, by_csv(input.as_bytes(), b',', 8 * 1024), "{input:?}");
        }
        let tsv = "a\tb,c\n\"x\ty\"\tz\n";
        assert_eq!(
            fields(&by_records(tsv.as_bytes(), b'\t', 8 * 1024)),
            vec!["1:a|b,c", "2:x\ty|z"]
        );
    }

    #[test]
    fn measures_quoted_runs() {
        let cases: &[(&[u8], (usize, u64))] = &[
            (b"", (0, 0)),
            (b"abc", (3, 0)),
            (b"ab\"c", (2, 0)),
            (b"a\nb", (3, 1)),
            (b"a\nb\n\nc\"d\ne", (6, 3)),
            (b"\n\"", (1, 1)),
            (b"\"\n", (0, 0)),
        ];
        for (input, want) in cases {
            assert_eq!(
                quoted_run(input),
                *want,
                "{:?}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn a_first_buffer_of_only_a_byte_order_mark_ends_the_input() {
        // The `csv` crate reads such a buffer as the end of its input; so do records.
        let input = b"\xEF\xBB\xBFa,b\n";
        assert_eq!(by_records(input, b',', 3), Vec::new());
        assert_eq!(by_csv(input, b',', 3), Vec::new());
        assert_eq!(fields(&by_records(input, b',', 4)), vec!["1:a|b"]);
        assert_eq!(fields(&by_records(input, b',', 2)), vec!["1:\u{feff}a|b"]);
    }

    /// Bytes CSV cares about, and a few it does not.
    fn piece() -> impl Strategy<Value = &'static [u8]> {
        prop::sample::select(vec![
            &b"a"[..],
            b"bc",
            b",",
            b"\t",
            b"\"",
            b"\"\"",
            b"\n",
            b"\r",
            b"\r\n",
            b" ",
            b"\xEF\xBB\xBF",
            b"\xC3\xA9",
            b"\xFF",
        ])
    }

    proptest! {
        #[test]
        fn records_agree_with_the_csv_crate(
            pieces in prop::collection::vec(piece(), 0..40),
            capacity in prop::sample::select(vec![1usize, 2, 3, 4, 5, 7, 16, 8 * 1024]),
            tab in any::<bool>(),
        ) {
            let input = pieces.concat();
            let delimiter = if tab { b'\t' } else { b',' };
            prop_assert_eq!(
                by_records(&input, delimiter, capacity),
                by_csv(&input, delimiter, capacity)
            );
        }
    }
}
