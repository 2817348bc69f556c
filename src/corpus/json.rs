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
//!
//! Reading a row goes from the cheapest path to the most general, each handing on what
//! it cannot read exactly as the next would: a row with the same keys as the last one,
//! written plainly, is read straight into its fields ([`KnownKeys`]); any other flat
//! object goes through a small reader ([`flat_object`]); everything else, and every
//! error message, comes from `serde_json`. A line that lies whole in the reader's
//! buffer is read where it lies, without a copy.

use super::columns::{
    Columns, FIELDS, Field, OrderScan, RowAt, RowFields, ambiguous_message, queue_row, scan_order,
};
use super::decode;
use super::{LoadOptions, Loaded, Problem};
use crate::date::DateOrder;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::collections::VecDeque;
use std::fmt;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum JsonKind {
    Lines,
    Array,
}

/// One object's scalar values, in the order written. Keys and values borrow from the
/// row's bytes when the fast reader (see [`flat_object`]) could take them as they stand.
struct JsonRow<'a>(Vec<(Cow<'a, str>, Option<Cow<'a, str>>)>);

impl<'a> JsonRow<'a> {
    fn get(&self, key: &str) -> Option<&str> {
        let found = self
            .0
            .iter()
            .find(|(k, _)| k == key)
            .or_else(|| self.0.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)));
        found.and_then(|(_, v)| v.as_deref())
    }

    /// The value of the `i`th key, taken out.
    ///
    /// Columns are resolved to the first key that matches a name, so the `i`th key is
    /// also the first key spelt exactly like it: taking by position takes the value
    /// that a search by that key's name would find.
    fn take_at(&mut self, i: usize) -> Option<Cow<'a, str>> {
        self.0.get_mut(i)?.1.take()
    }

    fn keys(&self) -> Vec<String> {
        self.0.iter().map(|(k, _)| k.to_string()).collect()
    }

    fn has_keys(&self, keys: &[String]) -> bool {
        self.0.len() == keys.len() && self.0.iter().zip(keys).all(|((k, _), key)| k == key)
    }
}

/// The full parser's reading of a row: everything owned.
impl<'de> Deserialize<'de> for JsonRow<'static> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RowVisitor;
        impl<'de> Visitor<'de> for RowVisitor {
            type Value = JsonRow<'static>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<JsonRow<'static>, A::Error> {
                let mut v = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    let Scalar(s) = map.next_value()?;
                    v.push((Cow::Owned(k), s.map(Cow::Owned)));
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

/// Read a row that is one flat object, the common shape of a corpus row, without the
/// full parser: keys and values that hold no escapes are borrowed from `bytes`.
///
/// It reads only what it can read exactly as the full parser would: an object of
/// strings, `true`, `false`, `null` and integers whose digits are their own text, with
/// spaces between tokens. Anything else (nested values, other numbers, other
/// whitespace, control characters, invalid UTF-8, surrogate escapes that do not pair,
/// any syntax error) gives `None`, and the full parser reads the row and words any
/// error.
fn flat_object(bytes: &[u8]) -> Option<JsonRow<'_>> {
    let mut p = Flat::new(bytes)?;
    p.eat(b'{')?;
    let mut row = Vec::with_capacity(8);
    p.spaces();
    if p.eat(b'}').is_none() {
        loop {
            let key = p.string()?;
            let value = p.value_after_key()?;
            row.push((key, value));
            match p.next()? {
                b',' => p.spaces(),
                b'}' => break,
                _ => return None,
            }
        }
    }
    p.end().then_some(JsonRow(row))
}

/// The keys of the last object, the columns they resolved to, and the field each key
/// feeds: rows of one file nearly always repeat their keys, and then need no matching.
struct KnownKeys {
    keys: Vec<String>,
    cols: Columns,
    /// Each key as a row writes it (in quotes), with the field it feeds; `None` when
    /// some key could not be matched byte for byte in a row (it holds a quote, a
    /// backslash or a control character, which a row writes escaped).
    fields: Option<Vec<(String, Option<Field>)>>,
}

impl KnownKeys {
    fn new(keys: Vec<String>, cols: Columns) -> Self {
        let literal = keys
            .iter()
            .all(|k| !k.bytes().any(|c| c == b'"' || c == b'\\' || c < 0x20));
        let fields = literal.then(|| {
            let mut fields: Vec<_> = keys.iter().map(|k| (format!("\"{k}\""), None)).collect();
            for f in FIELDS {
                if let Some((_, slot)) = cols.get(f).and_then(|i| fields.get_mut(i)) {
                    *slot = Some(f);
                }
            }
            fields
        });
        KnownKeys { keys, cols, fields }
    }

    /// The fields of a row that is a flat object (as [`flat_object`] reads it) with
    /// exactly these keys, in this order, written without escapes; `None` for any
    /// other row. Keys are matched as they stand, and values go straight to their
    /// fields, with no list of keys and values in between.
    fn read<'a>(&self, bytes: &'a [u8]) -> Option<RowFields<'a>> {
        let fields = self.fields.as_ref()?;
        let mut p = Flat::new(bytes)?;
        p.eat(b'{')?;
        p.spaces();
        let mut row = RowFields::default();
        if self.keys.is_empty() {
            p.eat(b'}')?;
        }
        for (n, (key, field)) in fields.iter().enumerate() {
            p.eat_word(key)?;
            let value = p.value_after_key()?;
            if let (Some(f), Some(v)) = (field, value) {
                row.set(*f, v);
            }
            match p.next()? {
                b',' if n + 1 < self.keys.len() => p.spaces(),
                b'}' if n + 1 == self.keys.len() => {}
                _ => return None,
            }
        }
        p.end().then_some(row)
    }
}

/// The fast reader's position in a row.
struct Flat<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Flat<'a> {
    /// A reader at the start of `bytes` (past leading spaces), if they are valid
    /// UTF-8 and hold no byte below 0x20.
    fn new(bytes: &'a [u8]) -> Option<Self> {
        // One pass over the row decides both: bytes below 0x20 are either whitespace
        // the fast reader does not take or errors inside strings.
        if bytes.iter().copied().min().is_some_and(|b| b < 0x20) {
            return None;
        }
        let mut p = Flat {
            s: decode::utf8(bytes)?,
            i: 0,
        };
        p.spaces();
        Some(p)
    }

    /// Whether only spaces are left.
    fn end(mut self) -> bool {
        self.spaces();
        self.i == self.s.len()
    }

    /// The `:` after a key, then a value as [`Flat::scalar`] reads it, then spaces.
    fn value_after_key(&mut self) -> Option<Option<Cow<'a, str>>> {
        self.spaces();
        self.eat(b':')?;
        self.spaces();
        let value = self.scalar()?;
        self.spaces();
        Some(value)
    }

    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    fn eat_word(&mut self, word: &str) -> Option<()> {
        let rest = self.s.as_bytes().get(self.i..)?;
        rest.starts_with(word.as_bytes())
            .then(|| self.i += word.len())
    }

    fn spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.i += 1;
        }
    }

    /// A value: a string, `true`, `false` or an integer as text; `null` as `None`.
    fn scalar(&mut self) -> Option<Option<Cow<'a, str>>> {
        let word = |p: &mut Self, w: &'static str| p.eat_word(w).map(|()| Some(Cow::Borrowed(w)));
        match self.peek()? {
            b'"' => self.string().map(Some),
            b't' => word(self, "true"),
            b'f' => word(self, "false"),
            b'n' => self.eat_word("null").map(|()| None),
            _ => self.integer().map(|n| Some(Cow::Borrowed(n))),
        }
    }

    /// An integer that reads back as the same text: no leading zero, no `-0`, and few
    /// enough digits to fit in an `i64` (negative) or `u64`; the full parser turns
    /// other numbers into floats, whose text differs.
    fn integer(&mut self) -> Option<&'a str> {
        let start = self.i;
        let negative = self.eat(b'-').is_some();
        let digits = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        let text = self.s.get(digits..self.i)?;
        let max = if negative { 18 } else { 19 };
        let ok = match text.as_bytes() {
            [] => false,
            [b'0'] => !negative,
            [b'0', ..] => false,
            d => d.len() <= max,
        };
        if ok { self.s.get(start..self.i) } else { None }
    }

    /// A string, borrowed when it holds no escape.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let bytes = self.s.as_bytes();
        let start = self.i;
        let end = start + decode::find_any(bytes.get(start..)?, [b'"', b'\\'])?;
        if bytes.get(end) == Some(&b'"') {
            self.i = end + 1;
            return self.s.get(start..end).map(Cow::Borrowed);
        }
        // The rest of the row bounds the text: reserve that, up to a limit (so that a
        // row of many short escaped strings does not reserve its length for each), and
        // cut the string down after if that was far too much.
        const RESERVE: usize = 16 * 1024;
        let mut out = String::with_capacity((end - start) + (bytes.len() - end).min(RESERVE));
        let mut from = start;
        let mut end = end;
        loop {
            out.push_str(self.s.get(from..end)?);
            self.i = end + 1;
            if bytes.get(end) == Some(&b'"') {
                break;
            }
            match self.next()? {
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'/' => out.push('/'),
                b'b' => out.push('\u{8}'),
                b'f' => out.push('\u{c}'),
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b't' => out.push('\t'),
                b'u' => out.push(self.unicode_escape()?),
                _ => return None,
            }
            from = self.i;
            end = from + decode::find_any(bytes.get(from..)?, [b'"', b'\\'])?;
        }
        if out.capacity() > 2 * out.len() {
            out.shrink_to_fit();
        }
        Some(Cow::Owned(out))
    }

    /// The character of a `\u` escape (the `\u` read), joining a surrogate pair.
    fn unicode_escape(&mut self) -> Option<char> {
        let high = self.hex4()?;
        match high {
            0xD800..=0xDBFF => {
                self.eat_word("\\u")?;
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return None;
                }
                char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            }
            _ => char::from_u32(high),
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.s.get(self.i..self.i + 4)?;
        self.i += 4;
        digits
            .chars()
            .try_fold(0, |n, c| Some(n * 16 + c.to_digit(16)?))
    }
}

/// A row as cut from the file, before parsing: its bytes (`B`), or while it is being
/// cut, where they are ([`Held`]).
enum Raw<B> {
    Row {
        line: u64,
        column: u64,
        bytes: B,
    },
    /// The file cannot be read on from here.
    Fatal {
        line: Option<u64>,
        message: String,
    },
    End,
}

/// Where the bytes of a row are held.
enum Held {
    /// The first `len` bytes in the reader's buffer: a line that lies there whole is
    /// read where it lies, and consumed when the next row is asked for.
    Reader(usize),
    /// [`RawRows::buf`], where rows that cross the reader's buffer are copied.
    Copied,
}

/// Cuts a JSON Lines or JSON file into rows.
struct RawRows {
    r: Box<dyn BufRead + Send>,
    kind: JsonKind,
    line: u64,
    column: u64,
    state: State,
    /// Rows that are not read in the reader's buffer are copied here.
    buf: Vec<u8>,
    /// Bytes of the reader's buffer that the last row was read from.
    consumed: usize,
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
            buf: Vec::new(),
            consumed: 0,
        }
    }

    fn next_raw(&mut self) -> Raw<&[u8]> {
        self.r.consume(std::mem::take(&mut self.consumed));
        let raw = match self.kind {
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
        };
        match raw {
            Raw::Row {
                line,
                column,
                bytes,
            } => {
                let bytes = match bytes {
                    // The buffer is still filled: this only borrows it again.
                    Held::Reader(len) => self
                        .r
                        .fill_buf()
                        .unwrap_or_default()
                        .get(..len)
                        .unwrap_or_default(),
                    Held::Copied => &self.buf,
                };
                let bytes = match self.kind {
                    JsonKind::Lines => trim_line_end(bytes),
                    JsonKind::Array => bytes,
                };
                Raw::Row {
                    line,
                    column,
                    bytes,
                }
            }
            Raw::Fatal { line, message } => Raw::Fatal { line, message },
            Raw::End => Raw::End,
        }
    }

    fn next_line(&mut self) -> Raw<Held> {
        loop {
            if self.state == State::Done {
                return Raw::End;
            }
            self.r.consume(std::mem::take(&mut self.consumed));
            let line = self.line;
            let avail = match self.r.fill_buf() {
                Ok(avail) => avail,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.state = State::Done;
                    return Raw::Fatal {
                        line: Some(line),
                        message: format!("cannot read: {e}; rest of file skipped"),
                    };
                }
            };
            if avail.is_empty() {
                self.state = State::Done;
                return Raw::End;
            }
            let (held, row) = match memchr::memchr(b'\n', avail) {
                Some(k) => {
                    self.consumed = k + 1;
                    (Held::Reader(k + 1), avail.get(..k).unwrap_or_default())
                }
                None => {
                    self.buf.clear();
                    if let Err(e) = read_line(&mut *self.r, &mut self.buf) {
                        self.state = State::Done;
                        return Raw::Fatal {
                            line: Some(line),
                            message: format!("cannot read: {e}; rest of file skipped"),
                        };
                    }
                    (Held::Copied, self.buf.as_slice())
                }
            };
            self.line += 1;
            if trim_line_end(row).iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Raw::Row {
                line,
                column: 1,
                bytes: held,
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

    fn next_element(&mut self) -> Result<Raw<Held>, ScanError> {
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
                    self.capture_row()?;
                    self.state = State::Done;
                    return Ok(Raw::Row {
                        line,
                        column,
                        bytes: Held::Copied,
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
                    self.capture_row()?;
                    self.state = State::InArray(true);
                    return Ok(Raw::Row {
                        line,
                        column,
                        bytes: Held::Copied,
                    });
                }
            }
        }
    }

    /// Copy the JSON value that starts here into [`RawRows::buf`].
    fn capture_row(&mut self) -> Result<(), ScanError> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let captured = self.capture(&mut buf);
        self.buf = buf;
        captured
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

/// A line without the `\n` and `\r` bytes it ends with.
fn trim_line_end(line: &[u8]) -> &[u8] {
    let end = line
        .iter()
        .rposition(|c| !matches!(c, b'\n' | b'\r'))
        .map_or(0, |i| i + 1);
    line.get(..end).unwrap_or_default()
}

/// Append one line (with its `\n`, if any) to `buf`, as [`BufRead::read_until`] does
/// but finding the line end with `memchr`.
fn read_line(r: &mut dyn BufRead, buf: &mut Vec<u8>) -> io::Result<()> {
    loop {
        let avail = match r.fill_buf() {
            Ok(avail) => avail,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(());
        }
        match memchr::memchr(b'\n', avail) {
            Some(k) => {
                buf.extend_from_slice(avail.get(..=k).unwrap_or(avail));
                r.consume(k + 1);
                return Ok(());
            }
            None => {
                let n = avail.len();
                buf.extend_from_slice(avail);
                r.consume(n);
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
fn parse_row(
    bytes: &[u8],
    line: u64,
    column: u64,
) -> Result<(JsonRow<'_>, bool), (u64, u64, String)> {
    if let Some(row) = flat_object(bytes) {
        return Ok((row, false));
    }
    let (text, bad) = decode::lossy(bytes);
    serde_json::from_str::<JsonRow<'static>>(&text)
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
    raw: RawRows,
    rows: Rows,
}

/// What turns the rows of one file into documents and problems.
struct Rows {
    file: PathBuf,
    path: String,
    kind: JsonKind,
    opts_columns: super::ColumnMap,
    order: Option<DateOrder>,
    /// Whether the first object has been checked for the named columns and a text
    /// field; later objects are matched key by key.
    resolved: bool,
    /// The keys of the last object and what they resolved to.
    last: Option<KnownKeys>,
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
            raw,
            rows: Rows {
                file: file.to_path_buf(),
                path: path.to_string(),
                kind,
                opts_columns: opts.columns.clone(),
                order: opts.date_order,
                resolved: false,
                last: None,
                row: 0,
                pending: VecDeque::new(),
                utf16_replaced,
                done: false,
            },
        }),
        Err(msg) => {
            out.push(Loaded::Problem(Problem::error(path, None, msg)));
            None
        }
    }
}

impl JsonRows {
    fn read_row(&mut self) {
        let rows = &mut self.rows;
        match self.raw.next_raw() {
            Raw::End => rows.end(),
            Raw::Fatal { line, message } => {
                rows.done = true;
                rows.error(line, message);
            }
            Raw::Row {
                line,
                column,
                bytes,
            } => {
                rows.row = match rows.kind {
                    JsonKind::Lines => line,
                    JsonKind::Array => rows.row + 1,
                };
                rows.row_of(bytes, line, column);
            }
        }
    }
}

impl Rows {
    fn error(&mut self, line: Option<u64>, msg: String) {
        self.pending
            .push_back(Loaded::Problem(Problem::error(&self.path, line, msg)));
    }

    /// The end of the file.
    fn end(&mut self) {
        self.done = true;
        if let Some(w) = decode::utf16_warning(&self.path, &self.utf16_replaced) {
            self.pending.push_back(Loaded::Problem(w));
        }
        if self.row == 0 {
            self.error(None, "no rows; skipped".to_string());
        }
    }

    /// The document (or problem) of one row's bytes.
    fn row_of(&mut self, bytes: &[u8], line: u64, column: u64) {
        if let Some(fields) = self.last.as_ref().and_then(|known| known.read(bytes)) {
            self.queue(fields, line, false);
            return;
        }
        let (mut obj, bad_utf8) = match parse_row(bytes, line, column) {
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
        if !self.resolved {
            // The first object's keys must hold the named columns and a text field.
            let keys = obj.keys();
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
            Some(known) if obj.has_keys(&known.keys) => known.cols.clone(),
            _ => {
                let keys = obj.keys();
                let cols = Columns::resolve_lenient(&keys, &self.opts_columns);
                self.last = Some(KnownKeys::new(keys, cols.clone()));
                cols
            }
        };
        let fields = RowFields::from_row(&cols, |i| obj.take_at(i));
        self.queue(fields, line, bad_utf8);
    }

    fn queue(&mut self, fields: RowFields<'_>, line: u64, bad_utf8: bool) {
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
                    if let Ok((row, _)) = parse_row(bytes, line, column) {
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
            if let Some(item) = self.rows.pending.pop_front() {
                return Some(item);
            }
            if self.rows.done {
                return None;
            }
            self.read_row();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::ColumnMap;
    use proptest::prelude::*;
    use std::io::{BufReader, Cursor};

    /// The rows cut from `input`, read through a buffer of `capacity` bytes (small ones
    /// make rows cross the buffer's end).
    fn cut_with(input: &str, kind: JsonKind, capacity: usize) -> Vec<String> {
        let reader = BufReader::with_capacity(capacity, Cursor::new(input.as_bytes().to_vec()));
        let mut raw = RawRows::new(Box::new(reader), kind);
        let mut got = Vec::new();
        loop {
            match raw.next_raw() {
                Raw::Row {
                    line,
                    column,
                    bytes,
                } => got.push(format!(
                    "{line}:{column} {}",
                    String::from_utf8_lossy(bytes)
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

    /// [`cut_with`] at several buffer sizes, which must all agree.
    fn cut(input: &str, kind: JsonKind) -> Vec<String> {
        let got = cut_with(input, kind, 8 * 1024);
        for capacity in 1..=9 {
            assert_eq!(
                cut_with(input, kind, capacity),
                got,
                "{input:?} with a buffer of {capacity}"
            );
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
        let want = pairs(&[
            ("id", Some("17")),
            ("text", Some("té")),
            ("n", None),
            ("nested", None),
            ("ok", Some("true")),
            ("f", Some("1.5")),
        ]);
        assert_eq!(owned(&row), want);
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

    type Pairs = Vec<(String, Option<String>)>;
    type Pair<'a> = (&'a str, Option<&'a str>);

    fn pairs(list: &[Pair]) -> Pairs {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
            .collect()
    }

    fn owned(row: &JsonRow<'_>) -> Pairs {
        row.0
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_ref().map(|v| v.to_string())))
            .collect()
    }

    /// The full parser's reading of a row.
    fn full(bytes: &[u8]) -> Option<Pairs> {
        let text = std::str::from_utf8(bytes).ok()?;
        let row = serde_json::from_str::<JsonRow<'static>>(text).ok()?;
        Some(owned(&row))
    }

    /// The fast reader either declines a row or reads it as the full parser does.
    fn check_fast(row: &str) -> Option<Pairs> {
        let fast = flat_object(row.as_bytes()).map(|r| owned(&r));
        if let Some(fast) = &fast {
            assert_eq!(Some(fast), full(row.as_bytes()).as_ref(), "{row:?}");
        }
        fast
    }

    #[test]
    fn fast_reader_reads_flat_objects() {
        let cases: &[(&str, &[Pair])] = &[
            ("{}", &[]),
            ("  { }  ", &[]),
            (
                r#"{"id": 17, "text": "t\u00e9", "n": null, "ok": true, "no": false}"#,
                &[
                    ("id", Some("17")),
                    ("text", Some("té")),
                    ("n", None),
                    ("ok", Some("true")),
                    ("no", Some("false")),
                ],
            ),
            (
                r#"{"text":"q\"uote\\back\/sl\b\f\n\r\t end"}"#,
                &[("text", Some("q\"uote\\back/sl\u{8}\u{c}\n\r\t end"))],
            ),
            (
                r#"{"te\u0078t":"\ud83d\ude00 \u00e9\u2014"}"#,
                &[("text", Some("\u{1F600} \u{e9}\u{2014}"))],
            ),
            (
                r#"{"a":0,"b":-12,"c":1234567890123456789,"d":-123456789012345678}"#,
                &[
                    ("a", Some("0")),
                    ("b", Some("-12")),
                    ("c", Some("1234567890123456789")),
                    ("d", Some("-123456789012345678")),
                ],
            ),
            (
                r#"{"text":"a","text":"b","Text":""}"#,
                &[("text", Some("a")), ("text", Some("b")), ("Text", Some(""))],
            ),
            (
                "{\"caf\u{e9}\":\"\u{2014}\"}",
                &[("caf\u{e9}", Some("\u{2014}"))],
            ),
        ];
        for (row, want) in cases {
            assert_eq!(check_fast(row), Some(pairs(want)), "{row:?}");
        }
    }

    #[test]
    fn fast_reader_leaves_the_rest_to_the_full_parser() {
        let cases = [
            // Values whose text the full parser rewrites, or that it ignores.
            r#"{"n":1.5}"#,
            r#"{"n":1e3}"#,
            r#"{"n":-0}"#,
            r#"{"n":007}"#,
            r#"{"n":12345678901234567890}"#,
            r#"{"n":-1234567890123456789}"#,
            r#"{"n":[1]}"#,
            r#"{"n":{}}"#,
            // Whitespace other than spaces, control characters.
            "{\"a\":\t\"b\"}",
            "{\"a\":\"b\tc\"}",
            "{\"a\":\"b\"}\r",
            // Escapes the full parser rejects or reads otherwise.
            r#"{"a":"\ud83d"}"#,
            r#"{"a":"\ude00"}"#,
            r#"{"a":"\ud83d\u0041"}"#,
            r#"{"a":"\u00"}"#,
            r#"{"a":"\x"}"#,
            // Broken syntax and other shapes.
            r#"{"a":"b",}"#,
            r#"{,"a":"b"}"#,
            r#"{"a" "b"}"#,
            r#"{"a":}"#,
            r#"{"a":"b"} x"#,
            r#"{"a":"b""#,
            r#"{"a":nul}"#,
            r#"{"a":truex}"#,
            r#"{a:"b"}"#,
            "[1]",
            "\"s\"",
            "",
        ];
        for row in cases {
            assert_eq!(check_fast(row), None, "{row:?}");
        }
        assert!(flat_object(b"{\"a\":\"\xFF\"}").is_none());
    }

    /// The general reading of a row's fields, as the loader makes it.
    fn general_fields(row: &[u8], map: &ColumnMap) -> Option<String> {
        let (mut obj, _) = parse_row(row, 1, 1).ok()?;
        let cols = Columns::resolve_lenient(&obj.keys(), map);
        Some(format!(
            "{:?}",
            RowFields::from_row(&cols, |i| obj.take_at(i))
        ))
    }

    #[test]
    fn known_keys_read_rows_as_the_general_path() {
        let map = ColumnMap::default();
        let first = br#"{"id":"a","title":"T","text":"x","source":"s","date":"4/5/2017"}"#;
        let (obj, _) = parse_row(first, 1, 1).unwrap();
        let keys = obj.keys();
        let known = KnownKeys::new(keys.clone(), Columns::resolve_lenient(&keys, &map));
        let rows: &[(&str, bool)] = &[
            (
                r#"{"id":"b","title":"U","text":"y","source":"t","date":"soon"}"#,
                true,
            ),
            (
                r#" {"id" : 7 ,"title":null,"text":"z\"q","source":"","date":true} "#,
                true,
            ),
            // Other keys, order, count or spelling: the general path reads them.
            (
                r#"{"title":"U","id":"b","text":"y","source":"t","date":"x"}"#,
                false,
            ),
            (r#"{"id":"b","title":"U","text":"y","source":"t"}"#, false),
            (
                r#"{"id":"b","title":"U","text":"y","source":"t","date":"x","z":1}"#,
                false,
            ),
            (
                r#"{"id":"b","title":"U","te\u0078t":"y","source":"t","date":"x"}"#,
                false,
            ),
            (
                r#"{"id":"b","title":"U","TEXT":"y","source":"t","date":"x"}"#,
                false,
            ),
            (
                r#"{"id":"b","title":"U","text":"y","source":"t","date":"x",}"#,
                false,
            ),
            (
                r#"{"id":"b","title":"U","text":[1],"source":"t","date":"x"}"#,
                false,
            ),
        ];
        for (row, fast) in rows {
            let got = known.read(row.as_bytes()).map(|f| format!("{f:?}"));
            assert_eq!(got.is_some(), *fast, "{row}");
            if let Some(got) = got {
                assert_eq!(Some(got), general_fields(row.as_bytes(), &map), "{row}");
            }
        }
        // A key that a row must write escaped is never matched as it stands.
        let keys = vec!["a\"b".to_string(), "text".to_string()];
        let known = KnownKeys::new(keys.clone(), Columns::resolve_lenient(&keys, &map));
        assert!(known.read(br#"{"a\"b":"1","text":"y"}"#).is_none());
    }

    #[test]
    fn trims_line_ends() {
        let cases: &[(&[u8], &[u8])] = &[
            (b"{}\n", b"{}"),
            (b"{}\r\n", b"{}"),
            (b"{}\r\r\n", b"{}"),
            (b" {} ", b" {} "),
            (b"\r\n", b""),
            (b"", b""),
        ];
        for (line, want) in cases {
            assert_eq!(trim_line_end(line), *want, "{line:?}");
        }
    }

    fn pick(items: &[&'static str]) -> impl Strategy<Value = String> + use<> {
        prop::sample::select(items.to_vec()).prop_map(str::to_string)
    }

    /// Keys, written as a row writes them.
    fn key() -> impl Strategy<Value = String> {
        pick(&[
            r#""text""#,
            r#""id""#,
            r#""""#,
            r#""x y""#,
            r#""a\"b""#,
            r#""te\u0078t""#,
            "\"caf\u{e9}\"",
        ])
    }

    /// Values, most of them ones the fast reader takes.
    fn value() -> impl Strategy<Value = String> {
        pick(&[
            r#""""#,
            r#""x y""#,
            r#""\u00e9\n\"\\""#,
            r#""\ud83d\ude00""#,
            r#""\ud83d""#,
            r#""\x""#,
            "\"\u{1F600}\t\"",
            "null",
            "true",
            "false",
            "nul",
            "0",
            "-0",
            "12",
            "-7",
            "1.5",
            "1e2",
            "007",
            "[]",
            "{}",
            r#"[1,{"a":2}]"#,
        ])
    }

    /// Anything at all, to break a row.
    fn junk() -> impl Strategy<Value = String> {
        pick(&["{", "}", "\"", ":", ",", "", " ", "\t", "\\", "x", "\u{e9}"])
    }

    /// Rows shaped like flat objects, now and then broken.
    fn row() -> impl Strategy<Value = String> {
        let pair = (key(), value(), junk(), 0..10u8).prop_map(|(k, v, junk, n)| match n {
            0 => format!("{k}{junk}{v}"),
            1 => format!("{k} : {v} "),
            _ => format!("{k}:{v}"),
        });
        (prop::collection::vec(pair, 0..6), junk(), 0..8u8).prop_map(|(pairs, junk, n)| {
            let body = format!("{{{}}}", pairs.join(","));
            match n {
                0 => format!("{junk}{body}"),
                1 => format!("{body}{junk}"),
                _ => body,
            }
        })
    }

    #[test]
    fn generated_rows_reach_both_readers() {
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        let mut runner = TestRunner::deterministic();
        let (mut fast, mut full_only) = (0, 0);
        for _ in 0..500 {
            let row = row().new_tree(&mut runner).unwrap().current();
            match (flat_object(row.as_bytes()), full(row.as_bytes())) {
                (Some(_), _) => fast += 1,
                (None, Some(_)) => full_only += 1,
                (None, None) => {}
            }
        }
        assert!(
            fast > 50 && full_only > 20,
            "{fast} fast, {full_only} full only"
        );
    }

    proptest! {
        #[test]
        fn fast_reader_agrees_with_the_full_parser(row in row()) {
            check_fast(&row);
        }

        #[test]
        fn known_keys_agree_with_the_general_path(
            keys in prop::collection::vec(key(), 0..5),
            values in prop::collection::vec((value(), value()), 5),
            broken in 0..6usize,
            junk in junk(),
        ) {
            let map = ColumnMap::default();
            let row = |second: bool| {
                let pairs: Vec<String> = keys
                    .iter()
                    .zip(&values)
                    .map(|(k, (a, b))| format!("{k}:{}", if second { b } else { a }))
                    .collect();
                format!("{{{}}}", pairs.join(","))
            };
            let first = row(false);
            let mut next = row(true);
            if broken < next.len() && next.is_char_boundary(broken) {
                next.insert_str(broken, &junk);
            }
            if let Ok((obj, _)) = parse_row(first.as_bytes(), 1, 1) {
                let keys = obj.keys();
                let known = KnownKeys::new(keys.clone(), Columns::resolve_lenient(&keys, &map));
                for row in [&first, &next] {
                    if let Some(fields) = known.read(row.as_bytes()) {
                        let general = general_fields(row.as_bytes(), &map);
                        prop_assert_eq!(Some(format!("{fields:?}")), general);
                    }
                }
            }
        }
    }
}
