//! CSV and TSV corpora: a header row, then one document per row, streamed.
//!
//! Rows may hold quoted fields with commas and newlines (RFC 4180 quoting, also in TSV).
//! A row with a different number of fields than the header is reported and skipped.

use super::columns::{
    Columns, Field, OrderScan, RowAt, RowFields, ambiguous_message, queue_row, scan_order,
};
use super::decode::{self, Opened};
use super::{LoadOptions, Loaded, Problem};
use crate::date::DateOrder;
use std::collections::VecDeque;
use std::io::BufRead;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

type CsvReader = csv::Reader<Box<dyn BufRead + Send>>;

/// The rows of one CSV or TSV file, as documents and problems.
pub(super) struct DelimitedRows {
    path: String,
    reader: CsvReader,
    cols: Columns,
    header_len: usize,
    order: Option<DateOrder>,
    record: csv::ByteRecord,
    row: u64,
    pending: VecDeque<Loaded>,
    utf16_replaced: Option<Arc<AtomicBool>>,
    done: bool,
}

fn csv_reader(opened: Opened, delimiter: u8) -> CsvReader {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(opened.reader)
}

fn open_csv(file: &Path, delimiter: u8) -> Result<(CsvReader, Option<Arc<AtomicBool>>), String> {
    let f = std::fs::File::open(file).map_err(|e| format!("cannot read: {e}; skipped"))?;
    let opened = decode::open(Box::new(f)).map_err(|e| e.message())?;
    let flag = opened.utf16_replaced.clone();
    Ok((csv_reader(opened, delimiter), flag))
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
    let (mut reader, utf16_replaced) = match open_csv(file, delimiter) {
        Ok(r) => r,
        Err(msg) => {
            fail(out, None, msg);
            return None;
        }
    };
    let header = match reader.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            fail(
                out,
                Some(1),
                format!("cannot read the header: {e}; skipped"),
            );
            return None;
        }
    };
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
        reader,
        cols,
        header_len: headers.len(),
        order,
        record: csv::ByteRecord::new(),
        row: 0,
        pending: VecDeque::new(),
        utf16_replaced,
        done: false,
    })
}

/// A first pass over the date column, to learn how its numeric dates are ordered. It
/// stops at the first value that can only be read one way.
fn scan_file(file: &Path, delimiter: u8, column: usize) -> OrderScan {
    let Ok((mut reader, _)) = open_csv(file, delimiter) else {
        return OrderScan::NoNumeric;
    };
    let mut record = csv::ByteRecord::new();
    let values = std::iter::from_fn(move || match reader.read_byte_record(&mut record) {
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
        match self.reader.read_byte_record(&mut self.record) {
            Err(e) => {
                let line = e.position().map(|p| p.line());
                self.pending.push_back(Loaded::Problem(Problem::error(
                    &self.path,
                    line,
                    format!("cannot read: {e}; rest of file skipped"),
                )));
                self.done = true;
            }
            Ok(false) => {
                self.done = true;
                if self
                    .utf16_replaced
                    .as_ref()
                    .is_some_and(|f| f.load(Ordering::Relaxed))
                {
                    self.pending.push_back(Loaded::Problem(Problem::warning(
                        &self.path,
                        None,
                        "invalid UTF-16 sequences were replaced with U+FFFD",
                    )));
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
                let line = self.record.position().map_or(0, |p| p.line());
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
                    Some(s.into_owned())
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
