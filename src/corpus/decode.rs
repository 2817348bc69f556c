//! Byte-level reading shared by the loaders: byte-order marks, UTF-16, binary files,
//! lossy UTF-8, and finding the bytes that end a field.

use super::Problem;
use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// How many leading bytes are checked for NUL bytes in streamed corpus files.
pub(super) const SNIFF_LEN: usize = 8 * 1024;

/// A stream ready for the loaders: UTF-8 (possibly invalid), without a byte-order mark.
pub(super) struct Opened {
    pub reader: Box<dyn BufRead + Send>,
    /// Set when UTF-16 input held invalid sequences that were replaced by U+FFFD.
    pub utf16_replaced: Option<Arc<AtomicBool>>,
}

/// The warning a file's reader gives at its end when invalid UTF-16 sequences were
/// replaced while it was read.
pub(super) fn utf16_warning(path: &str, replaced: &Option<Arc<AtomicBool>>) -> Option<Problem> {
    replaced
        .as_ref()
        .is_some_and(|f| f.load(Ordering::Relaxed))
        .then(|| {
            Problem::warning(
                path,
                None,
                "invalid UTF-16 sequences were replaced with U+FFFD",
            )
        })
}

pub(super) enum OpenError {
    Io(io::Error),
    /// NUL bytes where text was expected.
    Binary,
}

impl OpenError {
    pub fn message(&self) -> String {
        match self {
            OpenError::Io(e) => format!("cannot read: {e}; skipped"),
            OpenError::Binary => binary_message().to_string(),
        }
    }
}

pub(super) fn binary_message() -> &'static str {
    "not a text file (it contains NUL bytes; UTF-16 text needs a byte-order mark); skipped"
}

/// Sniff the first bytes of `inner`: strip a UTF-8 byte-order mark, transcode UTF-16
/// (with a byte-order mark) to UTF-8, and refuse input with NUL bytes near its start.
pub(super) fn open(mut inner: Box<dyn Read + Send>) -> Result<Opened, OpenError> {
    let mut head = Vec::with_capacity(SNIFF_LEN);
    (&mut inner)
        .take(SNIFF_LEN as u64)
        .read_to_end(&mut head)
        .map_err(OpenError::Io)?;
    let big_endian = match head.get(..2) {
        Some([0xFF, 0xFE]) => Some(false),
        Some([0xFE, 0xFF]) => Some(true),
        _ => None,
    };
    if let Some(big_endian) = big_endian {
        head.drain(..2);
        let flag = Arc::new(AtomicBool::new(false));
        let utf16 = Utf16Reader::new(Cursor::new(head).chain(inner), big_endian, flag.clone());
        return Ok(Opened {
            reader: Box::new(BufReader::with_capacity(64 * 1024, utf16)),
            utf16_replaced: Some(flag),
        });
    }
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        head.drain(..3);
    }
    if memchr::memchr(0, &head).is_some() {
        return Err(OpenError::Binary);
    }
    Ok(Opened {
        reader: Box::new(BufReader::with_capacity(
            64 * 1024,
            Cursor::new(head).chain(inner),
        )),
        utf16_replaced: None,
    })
}

/// Bytes as text: borrowed when valid UTF-8, else decoded with U+FFFD replacements and
/// the byte offset of the first invalid sequence.
pub(super) fn lossy(bytes: &[u8]) -> (Cow<'_, str>, Option<usize>) {
    if let Some(s) = utf8(bytes) {
        return (Cow::Borrowed(s), None);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(e) => (String::from_utf8_lossy(bytes), Some(e.valid_up_to())),
    }
}

/// Bytes as text when they are valid UTF-8. The check runs on SIMD instructions: on
/// long text it costs a fraction of `std::str::from_utf8`, and every byte of a corpus
/// goes through it.
pub(super) fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// Owned bytes as text, without copying when they are valid UTF-8.
pub(super) fn lossy_owned(bytes: Vec<u8>) -> (String, Option<usize>) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
        }
    }
}

/// The first of the `needles` (two or three bytes) in `b`.
///
/// Most fields a loader cuts are short (keys, ids, dates, names), and `memchr` costs
/// more to set up than it saves on a few bytes: the first 16 bytes are looked at eight
/// at a time in a plain `u64`, and only longer fields go to `memchr`.
#[inline]
pub(super) fn find_any<const N: usize>(b: &[u8], needles: [u8; N]) -> Option<usize> {
    const SHORT: usize = 16;
    let mut at = 0;
    while at < SHORT {
        let Some(word) = b.get(at..at + 8) else {
            // Fewer than eight bytes left.
            let tail = b.get(at..)?;
            return tail
                .iter()
                .position(|c| needles.contains(c))
                .map(|i| at + i);
        };
        let w = u64::from_le_bytes(word.try_into().ok()?);
        let mut hits = 0;
        for c in needles {
            hits |= zero_bytes(w ^ u64::from_ne_bytes([c; 8]));
        }
        if hits != 0 {
            return Some(at + hits.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let rest = b.get(SHORT..)?;
    let found = match *needles.as_slice() {
        [a, b] => memchr::memchr2(a, b, rest),
        [a, b, c] => memchr::memchr3(a, b, c, rest),
        _ => rest.iter().position(|c| needles.contains(c)),
    }?;
    Some(SHORT + found)
}

/// The high bit of each zero byte of `w`, and perhaps of bytes above a zero byte (a
/// borrow runs up from it): the lowest bit set always marks the first zero byte.
#[inline]
fn zero_bytes(w: u64) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    w.wrapping_sub(ONES) & !w & HIGHS
}

/// 1-based line number of byte `offset` in `bytes`.
pub(super) fn line_of(bytes: &[u8], offset: usize) -> u64 {
    let upto = bytes.get(..offset).unwrap_or(bytes);
    memchr::memchr_iter(b'\n', upto).count() as u64 + 1
}

/// Transcodes UTF-16 to UTF-8 as it streams; invalid sequences become U+FFFD and set
/// the shared flag.
struct Utf16Reader<R> {
    inner: R,
    big_endian: bool,
    replaced: Arc<AtomicBool>,
    /// Undecoded input bytes carried to the next fill (an odd byte, a lone high surrogate).
    raw: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    eof: bool,
}

impl<R: Read> Utf16Reader<R> {
    fn new(inner: R, big_endian: bool, replaced: Arc<AtomicBool>) -> Self {
        Utf16Reader {
            inner,
            big_endian,
            replaced,
            raw: Vec::new(),
            out: Vec::new(),
            pos: 0,
            eof: false,
        }
    }

    fn fill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.pos = 0;
        let mut chunk = [0u8; 16 * 1024];
        let n = loop {
            match self.inner.read(&mut chunk) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        if n == 0 {
            self.eof = true;
        }
        self.raw.extend_from_slice(chunk.get(..n).unwrap_or(&[]));
        let units: Vec<u16> = self
            .raw
            .chunks_exact(2)
            .map(|p| {
                let pair = [p[0], p[1]];
                if self.big_endian {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            })
            .collect();
        // Keep a trailing high surrogate until its partner arrives.
        let mut usable = units.len();
        if !self.eof && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
            usable -= 1;
        }
        let mut buf = [0u8; 4];
        for r in char::decode_utf16(units.iter().take(usable).copied()) {
            let c = r.unwrap_or_else(|_| {
                self.replaced.store(true, Ordering::Relaxed);
                char::REPLACEMENT_CHARACTER
            });
            self.out
                .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        self.raw.drain(..usable * 2);
        if self.eof && !self.raw.is_empty() {
            self.raw.clear();
            self.replaced.store(true, Ordering::Relaxed);
            self.out
                .extend_from_slice(char::REPLACEMENT_CHARACTER.encode_utf8(&mut buf).as_bytes());
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos >= self.out.len() {
            if self.eof {
                return Ok(0);
            }
            self.fill()?;
        }
        let avail = self.out.get(self.pos..).unwrap_or(&[]);
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Decoded = Result<(String, bool), String>;

    fn read_all(bytes: Vec<u8>) -> Decoded {
        let opened = open(Box::new(Cursor::new(bytes))).map_err(|e| e.message())?;
        let mut out = Vec::new();
        let mut r = opened.reader;
        r.read_to_end(&mut out).map_err(|e| e.to_string())?;
        let replaced = opened
            .utf16_replaced
            .is_some_and(|f| f.load(Ordering::Relaxed));
        Ok((String::from_utf8(out).map_err(|e| e.to_string())?, replaced))
    }

    fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
        let mut v = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in s.encode_utf16() {
            v.extend_from_slice(&if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        v
    }

    #[test]
    fn decodes_encodings() {
        let long: String = "Kobanî 𝄞 ".repeat(5000);
        let cases: Vec<(Vec<u8>, Decoded)> = vec![
            (b"plain".to_vec(), Ok(("plain".into(), false))),
            (b"\xEF\xBB\xBFbom".to_vec(), Ok(("bom".into(), false))),
            (utf16("Kobanî 𝄞", false), Ok(("Kobanî 𝄞".into(), false))),
            (utf16("Kobanî 𝄞", true), Ok(("Kobanî 𝄞".into(), false))),
            (utf16(&long, false), Ok((long.clone(), false))),
            (
                vec![0xFF, 0xFE, b'a', 0, b'b'],
                Ok(("a\u{FFFD}".into(), true)),
            ),
            (
                vec![0xFF, 0xFE, 0x00, 0xD8, b'a', 0],
                Ok(("\u{FFFD}a".into(), true)),
            ),
            (b"a\0b".to_vec(), Err(binary_message().to_string())),
            (Vec::new(), Ok((String::new(), false))),
        ];
        for (input, want) in cases {
            let got = read_all(input.clone());
            assert_eq!(got, want, "{:?}", input.get(..12));
        }
    }

    #[test]
    fn finds_the_first_of_several_bytes() {
        let long = format!("{}\"", "x".repeat(40));
        let cases: &[(&str, Option<usize>)] = &[
            ("", None),
            ("abc", None),
            ("\"", Some(0)),
            ("ab\\c\"", Some(2)),
            ("abcdefg\"", Some(7)),
            ("abcdefgh\"", Some(8)),
            ("abcdefghijklmno\"", Some(15)),
            ("abcdefghijklmnop\"", Some(16)),
            ("abcdefghijklmnopq\\\"", Some(17)),
            ("abcdefghijklmnopqrstuvwxyz", None),
            (
                "\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\"",
                Some(16),
            ),
            (&long, Some(40)),
        ];
        for (input, want) in cases {
            assert_eq!(
                find_any(input.as_bytes(), [b'"', b'\\']),
                *want,
                "{input:?}"
            );
            let naive = input.bytes().position(|c| c == b'"' || c == b'\\');
            assert_eq!(naive, *want, "{input:?}");
        }
        assert_eq!(find_any(b"ab\r,c", [b',', b'\n', b'\r']), Some(2));
        assert_eq!(
            find_any(b"0123456789abcdefgh\n", [b',', b'\n', b'\r']),
            Some(18)
        );
        assert_eq!(find_any(b"0123456789abcdefgh", [b',', b'\n', b'\r']), None);
    }

    #[test]
    fn checks_utf8() {
        assert_eq!(utf8(b"plain"), Some("plain"));
        let long = "Kobani \u{e9} ".repeat(20);
        assert_eq!(utf8(long.as_bytes()), Some(long.as_str()));
        assert_eq!(utf8(b"bad \xFF byte"), None);
        let mut bad = long.into_bytes();
        bad.push(0xC3);
        assert_eq!(utf8(&bad), None);
    }

    #[test]
    fn lossy_reports_first_bad_byte() {
        assert_eq!(lossy(b"ok"), (Cow::Borrowed("ok"), None));
        let (s, at) = lossy(b"ab\xFFc");
        assert_eq!((s.as_ref(), at), ("ab\u{FFFD}c", Some(2)));
        assert_eq!(line_of(b"a\nb\nc", 4), 3);
        assert_eq!(line_of(b"abc", 99), 1);
    }
}
