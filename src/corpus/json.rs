//! JSON corpora: JSON Lines (`.jsonl`, `.ndjson`, one object per line) and JSON (`.json`,
//! an array of objects, or a single object), one document per object, streamed.
//!
//! Only one row is held in memory at a time: JSON Lines are read line by line, and an
//! array is cut into its elements by a small scanner before each element is parsed, so a
//! broken element is reported and the next one still loads. The limit is the size of one
//! row (one line, one element). Values that are strings, numbers or booleans can feed
//! a field; nested objects and arrays are ignored. The first object must hold the named
//! columns and a text field; after that, each object's own keys are matched, so an
//! object may leave out keys it has no value for.

use super::columns::{
    Columns, Field, OrderScan, RowAt, RowFields, ambiguous_message, queue_row, scan_order,
};
use super::decode;
use super::{LoadOptions, Loaded, Problem};
use crate::date::DateOrder;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::collections::VecDeque;
use std::fmt;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum JsonKind {
    Lines,
    Array,
}

/// One object's scalar values, in the order written.
struct JsonRow(Vec<(String, Option<String>)>);

impl JsonRow {
    fn get(&self, key: &str) -> Option<&str> {
        let found = self
            .0
            .iter()
            .find(|(k, _)| k == key)
            .or_else(|| self.0.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)));
        found.and_then(|(_, v)| v.as_deref())
    }

    fn take(&mut self, key: &str) -> Option<String> {
        let i = self
            .0
            .iter()
            .position(|(k, _)| k == key)
            .or_else(|| self.0.iter().position(|(k, _)| k.eq_ignore_ascii_case(key)))?;
        self.0.get_mut(i).and_then(|(_, v)| v.take())
    }
}

impl<'de> Deserialize<'de> for JsonRow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RowVisitor;
        impl<'de> Visitor<'de> for RowVisitor {
            type Value = JsonRow;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonRow, A::Error> {
                let mut v = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    let Scalar(s) = map.next_value()?;
                    v.push((k, s));
                }
                Ok(JsonRow(v))
            }
        }
        d.deserialize_map(RowVisitor)
    }
}

/// A scalar as text; `None` for null and for nested values.
struct Scalar(Option<String>);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(Some(v)))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
                Scalar::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A row as cut from the file, before parsing.
enum Raw {
    Row {
        line: u64,
        column: u64,
        bytes: Vec<u8>,
    },
    /// The file cannot be read on from here.
    Fatal {
        line: Option<u64>,
        message: String,
    },
    End,
}

/// Cuts a JSON Lines or JSON file into rows.
struct RawRows {
    r: Box<dyn BufRead + Send>,
    kind: JsonKind,
    line: u64,
    column: u64,
    state: State,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    /// In an array; `true` once an element has been read (a ',' or ']' comes next).
    InArray(bool),
    Single,
    Done,
}

enum ScanError {
    Io(io::Error),
    Eof,
}

impl From<io::Error> for ScanError {
    fn from(e: io::Error) -> Self {
        ScanError::Io(e)
    }
}

impl RawRows {
    fn new(r: Box<dyn BufRead + Send>, kind: JsonKind) -> Self {
        RawRows {
            r,
            kind,
            line: 1,
            column: 1,
            state: State::Start,
        }
    }

    fn next_raw(&mut self) -> Raw {
        match self.kind {
            JsonKind::Lines => self.next_line(),
            JsonKind::Array => match self.next_element() {
                Ok(raw) => raw,
                Err(e) => {
                    self.state = State::Done;
                    let message = match e {
                        ScanError::Io(e) => format!("cannot read: {e}; rest of file skipped"),
                        ScanError::Eof => {
                            "the file ends inside a JSON value; rest of file skipped".to_string()
                        }
                    };
                    Raw::Fatal {
                        line: Some(self.line),
                        message,
                    }
                }
            },
        }
    }

    fn next_line(&mut self) -> Raw {
        let mut buf = Vec::new();
        loop {
            if self.state == State::Done {
                return Raw::End;
            }
            buf.clear();
            let line = self.line;
            match self.r.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.state = State::Done;
                    return Raw::End;
                }
                Ok(_) => {}
                Err(e) => {
                    self.state = State::Done;
                    return Raw::Fatal {
                        line: Some(line),
                        message: format!("cannot read: {e}; rest of file skipped"),
                    };
                }
            }
            self.line += 1;
            while buf.last().is_some_and(|c| matches!(c, b'\n' | b'\r')) {
                buf.pop();
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Raw::Row {
                line,
                column: 1,
                bytes: buf,
            };
        }
    }

    fn peek(&mut self) -> io::Result<Option<u8>> {
        Ok(self.r.fill_buf()?.first().copied())
    }

    fn bump(&mut self) -> io::Result<Option<u8>> {
        let c = self.peek()?;
        if let Some(c) = c {
            self.r.consume(1);
            self.advance(c);
        }
        Ok(c)
    }

    fn advance(&mut self, c: u8) {
        if c == b'\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
    }

    fn skip_ws(&mut self) -> io::Result<()> {
        while let Some(c) = self.peek()? {
            if !c.is_ascii_whitespace() {
                break;
            }
            self.bump()?;
        }
        Ok(())
    }

    fn next_element(&mut self) -> Result<Raw, ScanError> {
        loop {
            self.skip_ws()?;
            match self.state {
                State::Done => return Ok(Raw::End),
                State::Start => match self.peek()? {
                    Some(b'[') => {
                        self.bump()?;
                        self.state = State::InArray(false);
                    }
                    Some(b'{') => self.state = State::Single,
                    None => {
                        self.state = State::Done;
                        return Ok(Raw::Fatal {
                            line: None,
                            message: "empty file; skipped".to_string(),
                        });
                    }
                    Some(_) => {
                        self.state = State::Done;
                        return Ok(Raw::Fatal {
                            line: Some(self.line),
                            message: "expected a JSON array of objects (or one object); \
                                      file skipped"
                                .to_string(),
                        });
                    }
                },
                State::Single => {
                    let (line, column) = (self.line, self.column);
                    let mut bytes = Vec::new();
                    self.capture(&mut bytes)?;
                    self.state = State::Done;
                    return Ok(Raw::Row {
                        line,
                        column,
                        bytes,
                    });
                }
                State::InArray(after_element) => {
                    match self.peek()? {
                        Some(b']') => {
                            self.bump()?;
                            self.state = State::Done;
                            return Ok(Raw::End);
                        }
                        Some(b',') if after_element => {
                            self.bump()?;
                            self.state = State::InArray(false);
                            continue;
                        }
                        None => return Err(ScanError::Eof),
                        Some(_) if after_element => {
                            self.state = State::Done;
                            return Ok(Raw::Fatal {
                                line: Some(self.line),
                                message: format!(
                                    "expected ',' or ']' at column {}; rest of file skipped",
                                    self.column
                                ),
                            });
                        }
                        Some(_) => {}
                    }
                    let (line, column) = (self.line, self.column);
                    let mut bytes = Vec::new();
                    self.capture(&mut bytes)?;
                    self.state = State::InArray(true);
                    return Ok(Raw::Row {
                        line,
                        column,
                        bytes,
                    });
                }
            }
        }
    }

    /// Copy one JSON value's text into `out`, by bracket depth, minding strings.
    fn capture(&mut self, out: &mut Vec<u8>) -> Result<(), ScanError> {
        match self.peek()? {
            None => Err(ScanError::Eof),
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                loop {
                    let c = self.bump()?.ok_or(ScanError::Eof)?;
                    out.push(c);
                    match c {
                        b'"' => self.capture_string(out)?,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                return Ok(());
                            }
                        }
                        _ => {}
                    }
                }
            }
            Some(b'"') => {
                self.bump()?;
                out.push(b'"');
                self.capture_string(out)
            }
            Some(_) => {
                while let Some(c) = self.peek()? {
                    if matches!(c, b',' | b']' | b'}') || c.is_ascii_whitespace() {
                        break;
                    }
                    self.bump()?;
                    out.push(c);
                }
                Ok(())
            }
        }
    }

    /// The rest of a string after its opening quote, copied in bulk.
    fn capture_string(&mut self, out: &mut Vec<u8>) -> Result<(), ScanError> {
        loop {
            let buf = self.r.fill_buf()?;
            if buf.is_empty() {
                return Err(ScanError::Eof);
            }
            match memchr::memchr3(b'"', b'\\', b'\n', buf) {
                None => {
                    let n = buf.len();
                    out.extend_from_slice(buf);
                    self.r.consume(n);
                    self.column += n as u64;
                }
                Some(k) => {
                    out.extend_from_slice(buf.get(..k).unwrap_or(&[]));
                    self.r.consume(k);
                    self.column += k as u64;
                    let c = self.bump()?.ok_or(ScanError::Eof)?;
                    out.push(c);
                    match c {
                        b'"' => return Ok(()),
                        b'\\' => {
                            let e = self.bump()?.ok_or(ScanError::Eof)?;
                            out.push(e);
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}

fn open_raw(file: &Path, kind: JsonKind) -> Result<(RawRows, Option<Arc<AtomicBool>>), String> {
    let f = std::fs::File::open(file).map_err(|e| format!("cannot read: {e}; skipped"))?;
    let opened = decode::open(Box::new(f)).map_err(|e| e.message())?;
    Ok((RawRows::new(opened.reader, kind), opened.utf16_replaced))
}

/// A row parsed, or the problem that stopped it.
fn parse_row(bytes: &[u8], line: u64, column: u64) -> Result<(JsonRow, bool), (u64, u64, String)> {
    let (text, bad) = decode::lossy(bytes);
    serde_json::from_str::<JsonRow>(&text)
        .map(|row| (row, bad.is_some()))
        .map_err(|e| {
            let (l, c) = (e.line() as u64, e.column() as u64);
            let at_line = line + l.saturating_sub(1);
            let at_column = if l <= 1 {
                column + c.saturating_sub(1)
            } else {
                c
            };
            let msg = e.to_string();
            // serde_json appends " at line L column C"; the position is given separately.
            let msg = match msg.rfind(" at line ") {
                Some(i) => msg.get(..i).unwrap_or(&msg).to_string(),
                None => msg,
            };
            (at_line, at_column, msg)
        })
}

/// The rows of one JSON or JSON Lines file, as documents and problems.
pub(super) struct JsonRows {
    file: PathBuf,
    path: String,
    raw: RawRows,
    kind: JsonKind,
    opts_columns: super::ColumnMap,
    order: Option<DateOrder>,
    /// Whether the first object has been checked for the named columns and a text
    /// field; later objects are matched key by key.
    resolved: bool,
    /// The keys of the last object and the columns they resolved to: rows of one
    /// file nearly always repeat their keys, which then need no new matching.
    last: Option<(Vec<String>, Columns)>,
    row: u64,
    pending: VecDeque<Loaded>,
    utf16_replaced: Option<Arc<AtomicBool>>,
    done: bool,
}

/// Open a JSON or JSON Lines file. Problems that stop the whole file go to `out`.
pub(super) fn open(
    file: &Path,
    path: &str,
    kind: JsonKind,
    opts: &LoadOptions,
    out: &mut Vec<Loaded>,
) -> Option<JsonRows> {
    match open_raw(file, kind) {
        Ok((raw, utf16_replaced)) => Some(JsonRows {
            file: file.to_path_buf(),
            path: path.to_string(),
            raw,
            kind,
            opts_columns: opts.columns.clone(),
            order: opts.date_order,
            resolved: false,
            last: None,
            row: 0,
            pending: VecDeque::new(),
            utf16_replaced,
            done: false,
        }),
        Err(msg) => {
            out.push(Loaded::Problem(Problem::error(path, None, msg)));
            None
        }
    }
}

impl JsonRows {
    fn error(&mut self, line: Option<u64>, msg: String) {
        self.pending
            .push_back(Loaded::Problem(Problem::error(&self.path, line, msg)));
    }

    fn read_row(&mut self) {
        let (line, column, bytes) = match self.raw.next_raw() {
            Raw::End => {
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
                    self.error(None, "no rows; skipped".to_string());
                }
                return;
            }
            Raw::Fatal { line, message } => {
                self.done = true;
                self.error(line, message);
                return;
            }
            Raw::Row {
                line,
                column,
                bytes,
            } => (line, column, bytes),
        };
        self.row = match self.kind {
            JsonKind::Lines => line,
            JsonKind::Array => self.row + 1,
        };
        let (mut obj, bad_utf8) = match parse_row(&bytes, line, column) {
            Ok(r) => r,
            Err((l, c, msg)) => {
                self.pending.push_back(Loaded::Problem(Problem {
                    column: Some(c),
                    ..Problem::error(
                        &self.path,
                        Some(l),
                        format!("row {}: invalid JSON: {msg}; skipped", self.row),
                    )
                }));
                return;
            }
        };
        let keys: Vec<String> = obj.0.iter().map(|(k, _)| k.clone()).collect();
        if !self.resolved {
            // The first object's keys must hold the named columns and a text field.
            match Columns::resolve(&keys, &self.opts_columns) {
                Ok(cols) => {
                    self.resolved = true;
                    if self.order.is_none()
                        && let Some(key) = cols.get(Field::Date).and_then(|i| keys.get(i))
                    {
                        match scan_file(&self.file, self.kind, key) {
                            OrderScan::Found(o) => self.order = Some(o),
                            OrderScan::Ambiguous => {
                                self.pending.push_back(Loaded::Problem(Problem::warning(
                                    &self.path,
                                    Some(line),
                                    ambiguous_message(key),
                                )));
                            }
                            OrderScan::NoNumeric => {}
                        }
                    }
                }
                Err(msg) => {
                    self.done = true;
                    self.error(Some(line), format!("{msg}; file skipped"));
                    return;
                }
            }
        }
        let cols = match &self.last {
            Some((k, cols)) if *k == keys => cols.clone(),
            _ => {
                let cols = Columns::resolve_lenient(&keys, &self.opts_columns);
                self.last = Some((keys.clone(), cols.clone()));
                cols
            }
        };
        let fields = RowFields::from_row(&cols, |i| obj.take(keys.get(i)?));
        let at = RowAt {
            path: &self.path,
            row: self.row,
            line,
        };
        queue_row(fields, &at, self.order, bad_utf8, &mut self.pending);
    }
}

/// A first pass over the date field, to learn how its numeric dates are ordered.
fn scan_file(file: &Path, kind: JsonKind, key: &str) -> OrderScan {
    let Ok((mut raw, _)) = open_raw(file, kind) else {
        return OrderScan::NoNumeric;
    };
    let values = std::iter::from_fn(move || {
        loop {
            match raw.next_raw() {
                Raw::Row {
                    line,
                    column,
                    bytes,
                } => {
                    if let Ok((row, _)) = parse_row(&bytes, line, column) {
                        return Some(row.get(key).unwrap_or_default().to_string());
                    }
                }
                Raw::Fatal { .. } | Raw::End => return None,
            }
        }
    });
    scan_order(values)
}

impl Iterator for JsonRows {
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
    use std::io::Cursor;

    fn cut(input: &str, kind: JsonKind) -> Vec<String> {
        let mut raw = RawRows::new(Box::new(Cursor::new(input.as_bytes().to_vec())), kind);
        let mut got = Vec::new();
        loop {
            match raw.next_raw() {
                Raw::Row {
                    line,
                    column,
                    bytes,
                } => got.push(format!(
                    "{line}:{column} {}",
                    String::from_utf8_lossy(&bytes)
                )),
                Raw::Fatal { line, message } => {
                    got.push(format!("fatal {line:?} {message}"));
                    break;
                }
                Raw::End => break,
            }
        }
        got
    }

    #[test]
    fn cuts_arrays_into_elements() {
        let cases: &[(&str, &[&str])] = &[
            (
                "[{\"a\": \"x]}\\\"\"},\n {\"b\": [1, {\"c\": 2}]} ]",
                &["1:2 {\"a\": \"x]}\\\"\"}", "2:2 {\"b\": [1, {\"c\": 2}]}"],
            ),
            ("[]", &[]),
            ("  [ 1 , \"s\" ]", &["1:5 1", "1:9 \"s\""]),
            ("{\"a\": 1}", &["1:1 {\"a\": 1}"]),
            ("", &["fatal None empty file; skipped"]),
            (
                "nope",
                &["fatal Some(1) expected a JSON array of objects (or one object); file skipped"],
            ),
            (
                "[{\"a\": 1} {\"b\": 2}]",
                &[
                    "1:2 {\"a\": 1}",
                    "fatal Some(1) expected ',' or ']' at column 11; rest of file skipped",
                ],
            ),
            (
                "[{\"a\": \"open",
                &["fatal Some(1) the file ends inside a JSON value; rest of file skipped"],
            ),
            (
                "[{\"a\": 1},\n",
                &[
                    "1:2 {\"a\": 1}",
                    "fatal Some(2) the file ends inside a JSON value; rest of file skipped",
                ],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(cut(input, JsonKind::Array), *want, "{input:?}");
        }
    }

    #[test]
    fn cuts_lines() {
        let got = cut("{\"a\":1}\n\n  \r\n{\"b\":2}\r\n{broken", JsonKind::Lines);
        assert_eq!(got, vec!["1:1 {\"a\":1}", "4:1 {\"b\":2}", "5:1 {broken"]);
    }

    #[test]
    fn parses_rows_as_scalars() {
        let (row, bad) = parse_row(
            br#"{"id": 17, "text": "t\u00e9", "n": null, "nested": {"x": [1]}, "ok": true, "f": 1.5}"#,
            1,
            1,
        )
        .map_err(|e| e.2)
        .unwrap();
        assert!(!bad);
        let want: Vec<(String, Option<String>)> = vec![
            ("id".into(), Some("17".into())),
            ("text".into(), Some("té".into())),
            ("n".into(), None),
            ("nested".into(), None),
            ("ok".into(), Some("true".into())),
            ("f".into(), Some("1.5".into())),
        ];
        assert_eq!(row.0, want);
        assert_eq!(row.get("TEXT"), Some("té"));

        let (row, bad) = parse_row(b"{\"text\": \"a\xFFb\"}", 1, 1)
            .map_err(|e| e.2)
            .unwrap();
        assert!(bad);
        assert_eq!(row.get("text"), Some("a\u{FFFD}b"));

        let err = parse_row(b"{\"text\": \n 1,}", 7, 3).err().unwrap();
        assert_eq!((err.0, err.1), (8, 4));
        assert!(err.2.starts_with("trailing comma"), "{}", err.2);
        let err = parse_row(b"[1]", 2, 5).err().unwrap();
        assert_eq!(err.2, "invalid type: sequence, expected a JSON object");
    }
}
