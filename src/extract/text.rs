//! Sentences and word tokens: the spans every later step works over.
//!
//! Splitting is conservative: a sentence ends at `.`, `!` or `?` followed by white
//! space and a capital, digit or quote (not after a known abbreviation or a single
//! capital initial), and at every line break, since news text puts headlines, bylines
//! and paragraphs on lines of their own.

use super::lexeme::{HIGH, bytes_in, head8, letter_run, letters_in, load8};
use super::words::{SlotFilter, passes_bytes, slot_filter};
use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "maj", "gov", "sen", "rep",
    "prof", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "vs", "etc", "approx", "est", "inc", "co", "corp", "ltd", "jr", "sr", "u.s", "u.n",
    "u.k", "e.g", "i.e", "a.m", "p.m", "fig", "vol", "pp", "ft", "mt",
];

/// Byte ranges of the sentences of `text`, trimmed, in order.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    sentences_holding(text, [], usize::MAX)
}

/// Text between two stops beyond which [`sentences_holding`] looks for a place to
/// go on from rather than splitting its way through: a sentence or more.
const SKIP_GAP: usize = 64;

/// The sentences of `text` that may hold the phrases starting at `starts` (in
/// order) and ending at or before `limit`: some of [`sentences`], in order, with
/// every sentence that starts at or before `limit` and holds one of `starts`. A
/// reader that wants only the sentences holding the quantities found in a text
/// need not split the text after the last nor between two far apart.
///
/// Whether a stop (`.`, `!`, `?`) ends a sentence depends only on the text around
/// it, and the splitter looks at every stop: once a sentence that ends with a stop
/// is found, the splitter is where it would be had it started from the beginning.
/// So when the next phrase starts far after a sentence's end, the splitter goes on
/// from the last sentence before the phrase that ends with a stop. (A line break
/// is no such place: whether it ends a sentence depends on where the sentence
/// started.)
pub fn sentences_holding(
    text: &str,
    starts: impl IntoIterator<Item = usize>,
    limit: usize,
) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut starts = starts.into_iter().peekable();
    // Room for a sentence per 64 bytes, more than news text needs: growing the list
    // a sentence at a time would copy it over and over.
    let mut out = Vec::with_capacity(text.len() / 64 + 2);
    let mut start = 0;
    let mut i = 0;
    let mut question = memchr::memchr(b'?', b);
    while i < b.len() {
        // Only a line break or a stop can end a sentence: skip to the next one.
        match next_break(b, i, &mut question) {
            Some(k) => i = k,
            None => break,
        }
        let c = b[i];
        let stop = match c {
            b'\n' if wrapped_line(text, start, i) => None,
            b'\n' => Some(i),
            b'.' | b'!' | b'?' => sentence_end(text, i),
            _ => None,
        };
        if let Some(stop) = stop {
            push_trimmed(text, start, stop, &mut out);
            // Every sentence after this one starts at `stop` or later.
            if stop > limit {
                return out;
            }
            start = stop;
            i = stop.max(i + 1);
            // The next phrase to hold: when it is far, go on from the last sentence
            // end before it.
            while starts.next_if(|&s| s < stop).is_some() {}
            if let Some(&next) = starts.peek()
                && next > stop + SKIP_GAP
                && let Some(j) = restart_between(text, stop, next)
            {
                start = j;
                i = j;
            }
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, b.len(), &mut out);
    out
}

/// Where the last sentence in `text[from..at]` that ends with a stop (`.`, `!`,
/// `?`) ends, if it ends before `at`: the stops are tried from the last back.
fn restart_between(text: &str, from: usize, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut end = at;
    while let Some(k) = memchr::memrchr3(b'.', b'!', b'?', b.get(from..end)?) {
        let p = from + k;
        if let Some(j) = sentence_end(text, p)
            && j < at
        {
            return Some(j);
        }
        end = p;
    }
    None
}

/// The first line break or stop (`.`, `!`, `?`) at or after `from`. memchr skips
/// the long runs of text between stops with vector instructions; it looks for three
/// bytes at most, so the rare `?` is looked for on its own: `question` holds the
/// first `?` at or after some earlier point (None: there is no other), and is looked
/// for again only once `from` has passed it, so the text is searched for it once.
fn next_break(b: &[u8], from: usize, question: &mut Option<usize>) -> Option<usize> {
    let rest = b.get(from..)?;
    if let Some(q) = *question
        && q < from
    {
        *question = memchr::memchr(b'?', rest).map(|k| from + k);
    }
    let common = memchr::memchr3(b'\n', b'.', b'!', rest).map(|k| from + k);
    match (common, *question) {
        (Some(c), Some(q)) => Some(c.min(q)),
        (c, q) => c.or(q),
    }
}

/// Adds `text[start..end]` without its leading and trailing white space, unless
/// nothing is left. The white space at either end is nearly always ASCII and short
/// (a space, a line break): it is passed byte by byte, and only at a non-ASCII byte
/// is the rest trimmed by characters.
fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[start..end];
    let b = s.as_bytes();
    let mut lead = 0;
    while let Some(&c) = b.get(lead) {
        if c.is_ascii() && !ascii_white(c) {
            break;
        }
        if !c.is_ascii() {
            lead = s.len() - s[lead..].trim_start().len();
            break;
        }
        lead += 1;
    }
    let mut to = b.len();
    while to > lead {
        let c = b[to - 1];
        if c.is_ascii() && !ascii_white(c) {
            break;
        }
        if !c.is_ascii() {
            to = lead + s[lead..to].trim_end().len();
            break;
        }
        to -= 1;
    }
    if lead < to {
        out.push(start + lead..start + to);
    }
}

/// The ASCII characters that are white space to [`char::is_whitespace`] (and so to
/// [`str::trim`]): tab, line feed, vertical tab, form feed, carriage return, space.
fn ascii_white(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// Whether the line break at `nl` only wraps a paragraph: the line before is long and
/// does not end a sentence, and a non-blank line follows ("more than 700 air\nstrikes").
/// Short lines (headlines, bylines, datelines) and blank lines always break.
fn wrapped_line(text: &str, sentence_start: usize, nl: usize) -> bool {
    const WRAP_WIDTH: usize = 50;
    let line_start = text[sentence_start..nl]
        .rfind('\n')
        .map_or(sentence_start, |p| sentence_start + p + 1);
    let line = text[line_start..nl].trim();
    let next = text[nl + 1..].split('\n').next().unwrap_or("").trim();
    if next.is_empty() || line.chars().count() < WRAP_WIDTH {
        return false;
    }
    !line.ends_with(['.', '!', '?', ':', '"', '\u{201d}'])
}

/// Where a sentence ending at the stop `text[i]` ends (after any closing quotes), or
/// None when the stop does not end a sentence. Most stops are followed by ASCII
/// text: the bytes after the stop are tested as they are, and only a non-ASCII
/// character is decoded.
fn sentence_end(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    // Closing quotes and brackets may follow the stop.
    let mut j = i + 1;
    while let Some(&c) = b.get(j)
        && matches!(c, b'"' | b'\'' | b')' | b']')
    {
        j += 1;
    }
    // Typographic closing quote (U+201D or U+2019, both E2 80 xx in UTF-8) after the
    // stop.
    if let Some(&[0xe2, 0x80, 0x9d | 0x99]) = b.get(j..j + 3) {
        j += 3;
    }
    let Some(&c) = b.get(j) else {
        return Some(j);
    };
    if !c.is_ascii_whitespace() {
        return None;
    }
    // The first character after the white space.
    let mut k = j + 1;
    while let Some(&c) = b.get(k)
        && ascii_white(c)
    {
        k += 1;
    }
    let nc = match b.get(k) {
        None => return Some(j),
        Some(&c) if c.is_ascii() => char::from(c),
        _ => match text[k..].trim_start().chars().next() {
            Some(c) => c,
            None => return Some(j),
        },
    };
    if !(nc.is_uppercase() || nc.is_ascii_digit() || matches!(nc, '"' | '\u{201c}' | '\'' | '(')) {
        return None;
    }
    if b[i] != b'.' {
        return Some(j);
    }
    // The word before the period: an abbreviation or an initial does not end a
    // sentence, and a longer word is neither. It is nearly always read from the
    // eight bytes before the period, as one integer.
    let abbreviation = match ascii_word_before(b, i) {
        Some(WordBefore::Long) => return Some(j),
        Some(WordBefore::Short { key, len }) => {
            if len == 1 && (key as u8).is_ascii_uppercase() {
                return None;
            }
            // lower-cased: 0x20 added to each capital (its high bit moved down)
            let lower = key | (bytes_in(key, b'A', b'Z') >> 2);
            // "No. 5" abbreviates "number" only before a digit.
            if len == 2 && lower == NO_KEY {
                nc.is_ascii_digit()
            } else {
                is_abbreviation_key(lower, len)
            }
        }
        None => {
            let Some(word) = short_last_word(&text[..i]) else {
                return Some(j);
            };
            let mut chars = word.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && c.is_uppercase()
            {
                return None;
            }
            if word.eq_ignore_ascii_case("no") {
                nc.is_ascii_digit()
            } else {
                is_abbreviation(word)
            }
        }
    };
    (!abbreviation).then_some(j)
}

/// The word before a period as [`ascii_word_before`] reads it.
#[derive(Debug, PartialEq)]
enum WordBefore {
    /// Eight bytes or more: no abbreviation nor initial.
    Long,
    /// A word of `len` (0 to 7) ASCII bytes, packed little-endian into `key`.
    Short { key: u64, len: usize },
}

/// "no", packed as [`WordBefore::Short`] packs a word.
const NO_KEY: u64 = u64::from_le_bytes(*b"no\0\0\0\0\0\0");

/// The word (see [`word_start`]) before the byte `i` of `b`, read from the eight
/// bytes before `i` as one integer: the bytes after the last that ends a word (white
/// space, '(' or '"'). None when fewer than eight bytes come before `i` or the last
/// such byte is not ASCII (it may start a character of white space), which the
/// reading by characters settles.
fn ascii_word_before(b: &[u8], i: usize) -> Option<WordBefore> {
    let x = load8(b, i.checked_sub(8)?)?;
    let ends = bytes_in(x, 0x09, 0x0d) | bytes_in(x, b' ', b' ') | bytes_in(x, b'(', b'(');
    let stops = ends | bytes_in(x, b'"', b'"') | (x & HIGH);
    if stops == 0 {
        return Some(WordBefore::Long);
    }
    // the last such byte (the highest): its high bit
    let last = (63 - stops.leading_zeros()) / 8;
    if (x >> (8 * last)) & 0x80 != 0 {
        return None;
    }
    Some(WordBefore::Short {
        key: x.checked_shr(8 * (last + 1)).unwrap_or(0),
        len: (7 - last) as usize,
    })
}

/// The last word of `before` (see [`word_start`]) when it is no longer than the
/// longest of [`ABBREVIATIONS`] (a single character, an initial, is not either);
/// None for a longer word, which is found without walking back over all of it.
fn short_last_word(before: &str) -> Option<&str> {
    let b = before.as_bytes();
    let mut k = b.len();
    while k > 0 {
        let c = b[k - 1];
        if !c.is_ascii() {
            let start = word_start(before);
            return (b.len() - start <= ABBREVIATION_MAX).then(|| &before[start..]);
        }
        if c.is_ascii_whitespace() || c == 0x0b || c == b'(' || c == b'"' {
            break;
        }
        if b.len() - k >= ABBREVIATION_MAX {
            return None;
        }
        k -= 1;
    }
    Some(&before[k..])
}

/// Where the last word of `before` starts: after the last white space, '(' or '"'.
/// ASCII bytes are tested as they are; at the first other byte the characters are
/// decoded from there back.
fn word_start(before: &str) -> usize {
    let b = before.as_bytes();
    let mut k = b.len();
    while k > 0 {
        let c = b[k - 1];
        if !c.is_ascii() {
            return before[..k]
                .char_indices()
                .rev()
                .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"')
                .map_or(0, |(p, c)| p + c.len_utf8());
        }
        if c.is_ascii_whitespace() || c == 0x0b || c == b'(' || c == b'"' {
            return k;
        }
        k -= 1;
    }
    0
}

/// [`ABBREVIATIONS`] by first letter, last letter and length.
static ABBREVIATION_FILTER: SlotFilter = slot_filter(&[ABBREVIATIONS]);

/// The length of the longest of [`ABBREVIATIONS`].
const ABBREVIATION_MAX: usize = {
    let mut max = 0;
    let mut k = 0;
    while k < ABBREVIATIONS.len() {
        if ABBREVIATIONS[k].len() > max {
            max = ABBREVIATIONS[k].len();
        }
        k += 1;
    }
    max
};

/// [`ABBREVIATIONS`] packed little-endian, as [`WordBefore::Short`] packs a word.
static ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut t = [0u64; ABBREVIATIONS.len()];
    let mut k = 0;
    while k < ABBREVIATIONS.len() {
        let a = ABBREVIATIONS[k].as_bytes();
        let mut n = 0;
        while n < a.len() {
            t[k] |= (a[n] as u64) << (8 * n);
            n += 1;
        }
        k += 1;
    }
    t
};

/// [`is_abbreviation`] for a lower-case word of `len` bytes packed into `lower`
/// (zero past the word): turned away by [`ABBREVIATION_FILTER`] before any
/// comparison.
fn is_abbreviation_key(lower: u64, len: usize) -> bool {
    if !(1..=ABBREVIATION_MAX).contains(&len) {
        return false;
    }
    let (first, last) = (lower as u8, (lower >> (8 * (len - 1))) as u8);
    if !(first.is_ascii_lowercase() && last.is_ascii_lowercase()) {
        return false;
    }
    let slot = usize::from(first - b'a') * 26 + usize::from(last - b'a');
    ABBREVIATION_FILTER[slot] & (1 << len) != 0
        && ABBREVIATION_KEYS
            .iter()
            .zip(ABBREVIATIONS)
            .any(|(&k, a)| k == lower && a.len() == len)
}

/// Whether `word` is one of [`ABBREVIATIONS`], in any case: lower-cased on the stack
/// and turned away by [`ABBREVIATION_FILTER`] before any comparison.
fn is_abbreviation(word: &str) -> bool {
    let mut buf = [0u8; ABBREVIATION_MAX];
    let Some(low) = buf.get_mut(..word.len()) else {
        return false;
    };
    low.copy_from_slice(word.as_bytes());
    low.make_ascii_lowercase();
    passes_bytes(&ABBREVIATION_FILTER, low) && ABBREVIATIONS.iter().any(|a| a.as_bytes() == low)
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    Punct,
}

/// A token: a word (letters, with inner hyphens and apostrophes), a number, or one
/// punctuation character. Offsets are bytes into the text given to [`tokens`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

impl Token {
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        &s[self.start..self.end]
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// What a byte is to the tokenizer: bits of a class.
const SPACE: u8 = 1;
const ALNUM: u8 = 2;
const ALPHA: u8 = 4;
/// A byte of a non-ASCII character: the character is decoded instead.
const NON_ASCII: u8 = 8;

/// A class per byte, so that one lookup sorts every byte.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if !c.is_ascii() {
            NON_ASCII
        } else if c.is_ascii_digit() {
            ALNUM
        } else if c.is_ascii_alphabetic() {
            ALNUM | ALPHA
        } else if matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
            SPACE
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Tokens of `s[range]`, offsets into `s`.
///
/// Nearly every token of news text is an ASCII word of letters followed by a space
/// or punctuation, or a space or punctuation byte: while eight bytes remain, one load
/// of eight bytes reads such a token (the length of a word of fewer than eight
/// letters and the byte after it). Anything else (a number, a non-ASCII character, a
/// word that a digit or joiner continues) is read by `token_at`, as are the last
/// few bytes; both give the same tokens.
pub fn tokens(s: &str, range: Range<usize>) -> Vec<Token> {
    let mut out = Vec::new();
    tokens_into(s, range, &mut out);
    out
}

/// [`tokens`] into `out`, which is cleared first: a reader of many sentences keeps
/// one list and allocates only when a sentence is longer than any before.
pub fn tokens_into(s: &str, range: Range<usize>, out: &mut Vec<Token>) {
    tokens_with(&s[range.clone()], range.start, out, &mut ());
}

/// What a reader of a sentence notes about each token as [`tokens_with`] reads it,
/// in token order: the tokenizer holds the bytes of most words in a register, and
/// hands them on, so that a word list keyed by them costs no second look at the
/// text. Each token is given as its offsets `at` in `text`, the text given to
/// [`tokens_with`]: a sink that slices `text` there lets the compiler see what the
/// tokenizer knows of those offsets.
pub trait TokenSink<'a> {
    /// A word of one to seven ASCII letters at `at`, and its bytes as one integer
    /// (`key`: little-endian, zero past the word).
    fn short_word(&mut self, text: &'a str, at: Range<usize>, key: u64);
    /// Any other token.
    fn token(&mut self, text: &'a str, at: Range<usize>, kind: TokKind);
}

/// The sink of [`tokens_into`], which only lists the tokens.
impl TokenSink<'_> for () {
    #[inline(always)]
    fn short_word(&mut self, _: &str, _: Range<usize>, _: u64) {}
    #[inline(always)]
    fn token(&mut self, _: &str, _: Range<usize>, _: TokKind) {}
}

/// The tokens of `sub` into `out` (cleared first), their offsets shifted by
/// `base`, each handed to `sink` as it is read. The tokens do not depend on the
/// case of the letters: a reader that wants the words lower-cased may tokenize its
/// lower-cased copy of an ASCII text and get the text's own tokens. Kept out of
/// line: the loop keeps its registers to itself.
#[inline(never)]
pub fn tokens_with<'a, S: TokenSink<'a>>(
    sub: &'a str,
    base: usize,
    out: &mut Vec<Token>,
    sink: &mut S,
) {
    let bytes = sub.as_bytes();
    out.clear();
    // About one token per three bytes of news text (short words, spaces and
    // punctuation): room made once for nearly every sentence.
    out.reserve(sub.len() / 3 + 4);
    let mut i = 0;
    while let Some(x) = head8(bytes, i) {
        let run = ((!letters_in(x) & HIGH).trailing_zeros() / 8) as usize;
        if run > 0 {
            // A word of letters; a word of eight or more goes on past `x`.
            let end = if run < 8 {
                i + run
            } else {
                i + 8 + letter_run(bytes.get(i + 8..).unwrap_or_default())
            };
            if let Some(&after) = bytes.get(end)
                && ends_word(after)
            {
                out.push(Token {
                    start: base + i,
                    end: base + end,
                    kind: TokKind::Word,
                });
                if run < 8 {
                    // the bytes of the word alone: `run` is 1 to 7
                    sink.short_word(sub, i..end, x & ((1 << (8 * run)) - 1));
                } else {
                    sink.token(sub, i..end, TokKind::Word);
                }
                // The space after a word is passed at once.
                i = end + usize::from(after == b' ');
                continue;
            }
        } else {
            match CLASS[usize::from(x as u8)] {
                SPACE => {
                    i += 1;
                    continue;
                }
                0 => {
                    out.push(Token {
                        start: base + i,
                        end: base + i + 1,
                        kind: TokKind::Punct,
                    });
                    sink.token(sub, i..i + 1, TokKind::Punct);
                    i += 1;
                    continue;
                }
                // digits and non-ASCII characters
                _ => {}
            }
        }
        i = token_at_into(sub, i, base, out, sink);
    }
    while i < bytes.len() {
        i = token_at_into(sub, i, base, out, sink);
    }
}

/// [`token_at`], handing the token it reads, if any, to `sink`.
#[inline(always)]
fn token_at_into<'a, S: TokenSink<'a>>(
    sub: &'a str,
    i: usize,
    base: usize,
    out: &mut Vec<Token>,
    sink: &mut S,
) -> usize {
    let had = out.len();
    let next = token_at(sub, i, base, out);
    if out.len() > had
        && let Some(t) = out.last()
    {
        sink.token(sub, t.start - base..t.end - base, t.kind);
    }
    next
}

/// Whether the byte `after`, not a letter, ends a word of ASCII letters before it, as
/// [`token_at`] would find: white space and ASCII punctuation do, a comma or a dot
/// too (they join only numbers); a digit continues the word, a hyphen or an
/// apostrophe may ("US-led", "Syria's"), and a non-ASCII byte is left to
/// [`token_at`].
#[inline]
fn ends_word(after: u8) -> bool {
    // (`is_ascii` first, not the table's NON_ASCII bit: it shows the compiler that
    // the word ends on a char boundary, which slicing the word then need not test)
    after.is_ascii() && CLASS[usize::from(after)] & ALNUM == 0 && !matches!(after, b'-' | b'\'')
}

/// Reads the token or white space character at byte `i` of `sub` (a char boundary),
/// adding a token to `out` (offsets shifted by `base`); returns where to read on.
/// Out of line: [`tokens`] reads most tokens without it.
#[inline(never)]
fn token_at(sub: &str, i: usize, base: usize, out: &mut Vec<Token>) -> usize {
    let bytes = sub.as_bytes();
    let n = sub.len();
    let Some(&b) = bytes.get(i) else {
        return n;
    };
    // The class of the first character: ASCII by table, the rest decoded.
    let (first, len) = match CLASS[usize::from(b)] {
        NON_ASCII => {
            let (c, len) = char_at(sub, i);
            let k = if c.is_whitespace() {
                SPACE
            } else if is_word_char(c) {
                ALNUM | ALPHA
            } else {
                0
            };
            (k, len)
        }
        k => (k, 1),
    };
    if first & SPACE != 0 {
        return i + len;
    }
    if first & ALNUM == 0 {
        out.push(Token {
            start: base + i,
            end: base + i + len,
            kind: TokKind::Punct,
        });
        return i + len;
    }
    // A word: runs of ASCII letters and digits read eight bytes at a time,
    // anything else decoded. A word without a letter is all digits (with inner
    // joiners): a number.
    let mut alpha = first & ALPHA != 0;
    let mut end = i + len;
    loop {
        let (run, letters) = ascii_alnum_run(&bytes[end..]);
        end += run;
        alpha |= letters;
        let Some(&next) = bytes.get(end) else {
            break;
        };
        // Most words end at a space.
        if CLASS[usize::from(next)] & SPACE != 0 {
            break;
        }
        let (d, dlen) = char_at(sub, end);
        if !d.is_ascii() && is_word_char(d) {
            alpha = true;
            end += dlen;
            continue;
        }
        if matches!(d, '-' | '\'' | '\u{2019}' | '.' | ',') && end + dlen < n {
            // Inner joiners: "US-led", "al-Islam", "Syria's", "1,300", "1.5".
            let numeric_joiner = matches!(d, '.' | ',');
            let a = char_at(sub, end + dlen).0;
            if is_word_char(a) && (!numeric_joiner || (a.is_ascii_digit() && !alpha)) {
                end += dlen;
                continue;
            }
        }
        break;
    }
    let kind = if alpha {
        TokKind::Word
    } else {
        TokKind::Number
    };
    out.push(Token {
        start: base + i,
        end: base + end,
        kind,
    });
    // The space after a word is passed at once.
    if bytes.get(end) == Some(&b' ') {
        end + 1
    } else {
        end
    }
}

/// The number of ASCII letters and digits at the start of `b`, and whether a letter
/// is among them. Eight bytes are tested at a time as one integer (see
/// [`lexeme`](super::lexeme)): most words end within the first eight.
#[inline]
fn ascii_alnum_run(b: &[u8]) -> (usize, bool) {
    let mut n = 0;
    let mut alpha = false;
    while let Some(x) = load8(b, n) {
        let letters = letters_in(x);
        let others = !(letters | bytes_in(x, b'0', b'9')) & HIGH;
        if others != 0 {
            // Only the letters before the first other byte count.
            let run = (others & others.wrapping_neg()) - 1;
            alpha |= letters & run != 0;
            return (n + (others.trailing_zeros() / 8) as usize, alpha);
        }
        alpha |= letters != 0;
        n += 8;
    }
    for &c in &b[n.min(b.len())..] {
        let k = CLASS[usize::from(c)];
        if k & ALNUM == 0 {
            break;
        }
        alpha |= k & ALPHA != 0;
        n += 1;
    }
    (n, alpha)
}

/// The character starting at byte `i` of `s` (a char boundary) and its length; ASCII
/// without decoding.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    match s.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => (char::from(b), 1),
        _ => match s.get(i..).and_then(|t| t.chars().next()) {
            Some(c) => (c, c.len_utf8()),
            // Not reached: callers stay on char boundaries inside `s`.
            None => ('\0', 1),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first, char-by-char form of [`tokens`], which must give the same tokens.
    fn tokens_before(s: &str, range: Range<usize>) -> Vec<Token> {
        let mut out = Vec::new();
        let sub = &s[range.clone()];
        let base = range.start;
        let mut it = sub.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_whitespace() {
                continue;
            }
            if is_word_char(c) {
                let mut end = i + c.len_utf8();
                let mut digits = c.is_ascii_digit();
                let mut alpha = !digits;
                while let Some(&(j, d)) = it.peek() {
                    if is_word_char(d) {
                        digits |= d.is_ascii_digit();
                        alpha |= !d.is_ascii_digit();
                        end = j + d.len_utf8();
                        it.next();
                    } else if matches!(d, '-' | '\'' | '\u{2019}' | '.' | ',') {
                        // Inner joiners: "US-led", "al-Islam", "Syria's", "1,300", "1.5".
                        let after = sub[j + d.len_utf8()..].chars().next();
                        let numeric_joiner = matches!(d, '.' | ',');
                        match after {
                            Some(a)
                                if is_word_char(a)
                                    && (!numeric_joiner
                                        || (a.is_ascii_digit() && digits && !alpha)) =>
                            {
                                end = j + d.len_utf8();
                                it.next();
                            }
                            _ => break,
                        }
                    } else {
                        break;
                    }
                }
                let kind = if digits && !alpha {
                    TokKind::Number
                } else {
                    TokKind::Word
                };
                out.push(Token {
                    start: base + i,
                    end: base + end,
                    kind,
                });
            } else {
                out.push(Token {
                    start: base + i,
                    end: base + i + c.len_utf8(),
                    kind: TokKind::Punct,
                });
            }
        }
        out
    }

    #[test]
    fn breaks_are_found_in_any_block() {
        // the first `?` of the whole text is at or after any earlier point
        let next_break = |b: &[u8], from: usize| next_break(b, from, &mut memchr::memchr(b'?', b));
        let text = "a".repeat(40);
        assert_eq!(next_break(text.as_bytes(), 0), None);
        for at in [0, 1, 15, 16, 17, 31, 32, 39] {
            for stop in [b'.', b'!', b'?', b'\n'] {
                let mut b = text.clone().into_bytes();
                b[at] = stop;
                assert_eq!(next_break(&b, 0), Some(at));
                assert_eq!(next_break(&b, at), Some(at));
                assert_eq!(next_break(&b, at + 1), None);
            }
        }
        assert_eq!(next_break(b"a.", 5), None);
    }

    #[test]
    fn breaks_are_found_in_turn_with_the_question_marks_remembered() {
        let b = b"Why? Yes. No?? Maybe!\nSo?. end";
        let want: Vec<usize> = (0..b.len())
            .filter(|&k| matches!(b[k], b'.' | b'!' | b'?' | b'\n'))
            .collect();
        let mut question = memchr::memchr(b'?', b);
        let mut got = Vec::new();
        let mut from = 0;
        while let Some(k) = next_break(b, from, &mut question) {
            got.push(k);
            from = k + 1;
        }
        assert_eq!(got, want);
    }

    #[test]
    fn tokens_are_those_of_the_char_by_char_reading() {
        let samples = [
            "More than 700 US-led air strikes, 1,300 and 1.5 million; Syria's al-Islam.",
            "caf\u{e9} \u{2019}s 5\u{2019}000 \u{a0}x\u{2028}y 12.a a.1 1,a -5 --",
            "\u{661}\u{662} \u{fc}ber-\u{e9}t\u{e9} 3\u{bd} \u{1F600}x, end.",
            "",
            " ",
            "a",
            "1.",
            "a-",
            "x\u{b}y\u{c}z\u{85}w",
        ];
        for t in samples {
            for a in 0..=t.len() {
                if !t.is_char_boundary(a) {
                    continue;
                }
                assert_eq!(
                    tokens(t, a..t.len()),
                    tokens_before(t, a..t.len()),
                    "{t:?} from {a}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn tokens_match_on_any_text(t in "[a-zA-Z0-9 ,.'\u{2019}\u{e9}\u{a0}\u{661}-]{0,40}") {
            proptest::prop_assert_eq!(tokens(&t, 0..t.len()), tokens_before(&t, 0..t.len()));
        }

        #[test]
        fn tokens_match_on_words_and_white_space(
            t in "([a-zA-Z]{1,9}|[0-9]{1,9}|[a-z0-9]{1,9}| |  |\n|\t|\r|[,.;:()\"'$%-]|\u{e9}|\u{2019}|\u{a0}){0,40}",
            from in 0usize..8,
        ) {
            // any sub-range, so that a token may start anywhere in the eight bytes read
            let from = (0..=from.min(t.len())).rev().find(|&k| t.is_char_boundary(k)).unwrap_or(0);
            proptest::prop_assert_eq!(tokens(&t, from..t.len()), tokens_before(&t, from..t.len()));
        }
    }

    /// Notes what [`tokens_with`] hands on, to check it against the tokens.
    #[derive(Default)]
    struct Noted(Vec<(Range<usize>, Option<u64>, Option<TokKind>)>);

    impl TokenSink<'_> for Noted {
        fn short_word(&mut self, _: &str, at: Range<usize>, key: u64) {
            self.0.push((at, Some(key), None));
        }
        fn token(&mut self, _: &str, at: Range<usize>, kind: TokKind) {
            self.0.push((at, None, Some(kind)));
        }
    }

    /// Every token is handed on once, in order; a short word with its bytes. The
    /// tokens of a lower-cased copy are those of the text.
    fn assert_handed_on(t: &str) {
        let mut toks = Vec::new();
        let mut noted = Noted::default();
        tokens_with(t, 2, &mut toks, &mut noted);
        assert_eq!(toks, tokens(&format!("..{t}"), 2..2 + t.len()), "{t:?}");
        assert_eq!(toks.len(), noted.0.len(), "{t:?}");
        for (tok, (at, key, kind)) in toks.iter().zip(&noted.0) {
            assert_eq!(tok.start - 2..tok.end - 2, *at, "{t:?}");
            if let Some(kind) = kind {
                assert_eq!(tok.kind, *kind, "{t:?}");
            }
            if let Some(key) = key {
                let w = &t.as_bytes()[at.clone()];
                assert!(
                    w.len() < 8 && w.iter().all(u8::is_ascii_alphabetic),
                    "{t:?}"
                );
                let mut bytes = [0u8; 8];
                bytes[..w.len()].copy_from_slice(w);
                assert_eq!(*key, u64::from_le_bytes(bytes), "{t:?}");
            }
        }
        let lower = t.to_ascii_lowercase();
        assert_eq!(
            tokens(&lower, 0..lower.len()),
            tokens(t, 0..t.len()),
            "{t:?}"
        );
    }

    #[test]
    fn tokens_are_handed_on() {
        for t in [
            "More than 700 US-led air strikes, 1,300 and 1.5 million; Syria's al-Islam.",
            "caf\u{e9} \u{2019}s 5\u{2019}000 \u{a0}x\u{2028}y 12.a a.1 1,a -5 --",
            "Internationally recognised killed",
            "",
            "a",
        ] {
            assert_handed_on(t);
        }
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_handed_on_for_any_text(
            t in "([a-zA-Z]{1,9}|[0-9]{1,9}|[a-z0-9]{1,9}| |  |\n|[,.;:()\"'$%-]|\u{e9}|\u{a0}){0,40}",
        ) {
            assert_handed_on(&t);
        }
    }

    /// The first form of [`sentence_end`], which must give the same ends.
    fn sentence_end_before(text: &str, i: usize) -> Option<usize> {
        let b = text.as_bytes();
        // Closing quotes and brackets may follow the stop.
        let mut j = i + 1;
        while j < b.len() && matches!(b[j], b'"' | b'\'' | b')' | b']') {
            j += 1;
        }
        // Typographic closing quote (U+201D) after the stop.
        if text[j..].starts_with('\u{201d}') || text[j..].starts_with('\u{2019}') {
            j += 3;
        }
        if j >= b.len() {
            return Some(j);
        }
        if !b[j].is_ascii_whitespace() {
            return None;
        }
        let next = text[j..].trim_start();
        let Some(nc) = next.chars().next() else {
            return Some(j);
        };
        if !(nc.is_uppercase()
            || nc.is_ascii_digit()
            || matches!(nc, '"' | '\u{201c}' | '\'' | '('))
        {
            return None;
        }
        if b[i] != b'.' {
            return Some(j);
        }
        // The word before the period: an abbreviation or an initial does not end a sentence.
        let before = &text[..i];
        let word = &before[word_start(before)..];
        if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
            return None;
        }
        // "No. 5" abbreviates "number" only before a digit.
        let abbreviation = if word.eq_ignore_ascii_case("no") {
            nc.is_ascii_digit()
        } else {
            is_abbreviation(word)
        };
        (!abbreviation).then_some(j)
    }

    /// Every stop of `t` ends a sentence where the first form says.
    fn assert_same_ends(t: &str) {
        for (i, c) in t.char_indices() {
            if matches!(c, '.' | '!' | '?') {
                assert_eq!(
                    sentence_end(t, i),
                    sentence_end_before(t, i),
                    "{t:?} at {i}"
                );
            }
        }
    }

    #[test]
    fn sentence_ends_are_those_of_the_first_form() {
        for t in [
            "One. Two! Three? 4. \"Five.\" (Six.) 'Seven.' No. 5 and no. Six",
            "Mr. Smith, Dr.  Who, U.S. troops, e.g. This, A. Smith, \u{c9}. Smith, a. b",
            "end.\u{201d} Next. end.\u{2019} Next. end.\u{201d}x. \u{a0}Y. \u{2003}Z.",
            "killed\u{a0}12. Then. caf\u{e9}. Then. approx. 5. Approx. Then. x.\u{b}Y.",
            "a.\t\n\r\u{b}\u{c}B. c.\u{201c}D. e. (F. g.  '. h. \u{201c}",
            ".",
            ". ",
            ".A",
            " . A",
            "St.",
            "Ltd.\u{a0}\u{a0}",
            "Jan.\u{a0}",
            "\u{e9}\u{e9}. A",
            "It was said by Gen. Smith, (Sgt. Jones) and \"Approx. 5\", no. 5, NO. Five, N. Y.",
            "the fighters\u{a0}Dr. Who, caf\u{e9} St. Then, caf\u{e9}X. Then, x\u{b}Mr. Y",
            "Internationally. Then\tmr. X \0\0no. 5 \0u.s. A two-co. B (e.g. C \"i.e. D",
        ] {
            assert_same_ends(t);
        }
    }

    proptest::proptest! {
        #[test]
        fn sentence_ends_on_any_text(
            t in "([a-zA-Z]{1,8}|[0-9]{1,3}|no|No|mr|U.S|e.g|Approx|ltd| |  |\n|\t|\u{b}|\u{0}|[.!?\"')\\](]|\u{201d}|\u{2019}|\u{201c}|\u{a0}|\u{c9}|\u{e9}){0,24}",
        ) {
            assert_same_ends(&t);
        }
    }

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    /// The sentences holding some phrases are some of those of the whole text, in
    /// order, with every one that holds a phrase and starts at or before the limit.
    fn assert_first_sentences(t: &str) {
        assert_sentences_holding(t, &[]);
    }

    fn assert_sentences_holding(t: &str, starts: &[usize]) {
        let all = sentences(t);
        for limit in 0..=t.len() + 1 {
            let some = sentences_holding(t, starts.iter().copied(), limit);
            let mut rest = all.iter();
            for s in &some {
                assert!(rest.any(|a| a == s), "{t:?} {starts:?} to {limit}: {s:?}");
            }
            for s in all.iter().filter(|s| s.start <= limit) {
                if starts.is_empty() || starts.iter().any(|&p| s.start <= p && p < s.end) {
                    assert!(some.contains(s), "{t:?} {starts:?} to {limit}: {s:?}");
                }
            }
        }
    }

    #[test]
    fn sentences_holding_far_phrases() {
        let t = "One sentence here. Another one that is long enough to be passed over. \
                 A third, U.S. made, 1.5 long. Mr. Fourth is a sentence too, no. 5 and more.\n\
                 A line that is long enough to be wrapped if it were not for this\n\
                 line. Then the last one, ending. Here";
        for starts in [
            vec![0],
            vec![100],
            vec![t.len() - 2],
            vec![5, 150, 200],
            (0..t.len()).step_by(37).collect(),
            (0..t.len()).step_by(71).collect(),
        ] {
            assert_sentences_holding(t, &starts);
        }
    }

    #[test]
    fn first_sentences_are_those_of_the_text() {
        for t in [
            "One. Two. Three?\nFour! \"Five.\" Six",
            "Mr. Smith said 1.5 million. U.S. troops. A. Smith came.",
            "A long line that goes on without any stop at its end\n\nNew paragraph\n",
            "",
            "  \n \n",
            "ends in lower. case. End.",
        ] {
            assert_first_sentences(t);
        }
    }

    proptest::proptest! {
        #[test]
        fn first_sentences_on_any_text(t in "([a-zA-Z]{1,6}|[0-9]{1,3}| |\n|[.!?\"]|Mr){0,30}") {
            assert_first_sentences(&t);
        }

        #[test]
        fn sentences_holding_on_any_text(
            t in "([a-zA-Z]{1,12}|[0-9]{1,3}| |\n|[.!?\"]|Mr|\u{201d}){0,60}",
            gaps in proptest::collection::vec(1usize..120, 0..6),
        ) {
            let starts: Vec<usize> = gaps
                .iter()
                .scan(0, |at, g| {
                    *at += g;
                    Some(*at)
                })
                .filter(|&p| p < t.len())
                .collect();
            assert_sentences_holding(&t, &starts);
        }
    }

    #[test]
    fn abbreviations_in_any_case() {
        for a in ABBREVIATIONS {
            assert!(is_abbreviation(a), "{a}");
            assert!(is_abbreviation(&a.to_uppercase()), "{a}");
        }
        for w in ["", "m", "mrx", "approxi", "Syria", "u.s.a", "d\u{e9}c"] {
            assert!(!is_abbreviation(w), "{w:?}");
        }
    }

    #[test]
    fn packed_abbreviations_are_the_abbreviations() {
        let pack = |w: &str| {
            let mut bytes = [0u8; 8];
            bytes[..w.len()].copy_from_slice(w.as_bytes());
            u64::from_le_bytes(bytes)
        };
        for a in ABBREVIATIONS {
            assert!(is_abbreviation_key(pack(a), a.len()), "{a}");
        }
        for w in [
            "", "m", "mrx", "approxi", "syria", "u.s.a", "s", "no", "u.s\0", "mr\0", "a.m.", "apr.",
        ] {
            assert_eq!(
                is_abbreviation_key(pack(w), w.len()),
                is_abbreviation(w),
                "{w:?}"
            );
        }
        assert_eq!(pack("no"), NO_KEY);
    }

    #[test]
    fn words_before_a_period_are_read_from_eight_bytes() {
        for (before, want) in [
            ("1234567", None),
            ("12345678", Some(WordBefore::Long)),
            (
                "said the Gen",
                Some(WordBefore::Short {
                    key: 0x6e_65_47,
                    len: 3,
                }),
            ),
            (
                "12345 (Mr",
                Some(WordBefore::Short {
                    key: 0x72_4d,
                    len: 2,
                }),
            ),
            ("1234567 ", Some(WordBefore::Short { key: 0, len: 0 })),
            ("1234567\"", Some(WordBefore::Short { key: 0, len: 0 })),
            (
                "123\u{b}5678",
                Some(WordBefore::Short {
                    key: 0x38_37_36_35,
                    len: 4,
                }),
            ),
            ("123\u{a0}5678", None),
            ("\u{e9}345678", None),
            (
                "\u{e9} 45678",
                Some(WordBefore::Short {
                    key: 0x38_37_36_35_34,
                    len: 5,
                }),
            ),
        ] {
            let text = format!("{before}.");
            assert_eq!(
                ascii_word_before(text.as_bytes(), before.len()),
                want,
                "{before:?}"
            );
        }
    }

    #[test]
    fn word_starts() {
        for (before, start) in [
            ("", 0),
            ("word", 0),
            ("two words", 4),
            ("(Gen", 1),
            ("said \"Dr", 6),
            ("a\u{a0}Dr", 3),
            ("caf\u{e9} St", 6),
            ("caf\u{e9}", 0),
            ("x\u{b}Mr", 2),
        ] {
            assert_eq!(word_start(before), start, "{before:?}");
        }
    }

    #[test]
    fn sentence_table() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            ("It killed 375. Then", &["It killed 375.", "Then"]),
            (
                "Mr. Smith said 1.5 million.",
                &["Mr. Smith said 1.5 million."],
            ),
            (
                "The U.S. said so. Then more.",
                &["The U.S. said so.", "Then more."],
            ),
            (
                "Headline\nBody text here.",
                &["Headline", "Body text here."],
            ),
            (
                "Coalition aircraft have carried out more than 700 air\nstrikes since January.",
                &["Coalition aircraft have carried out more than 700 air\nstrikes since January."],
            ),
            (
                "A paragraph line that is long enough and ends here.\nNext one.",
                &[
                    "A paragraph line that is long enough and ends here.",
                    "Next one.",
                ],
            ),
            (
                "A long line that goes on without any stop at its end\n\nNew paragraph",
                &[
                    "A long line that goes on without any stop at its end",
                    "New paragraph",
                ],
            ),
            ("He said \"no.\" Then", &["He said \"no.\"", "Then"]),
            ("A. Smith came.", &["A. Smith came."]),
            ("ends in lower. case", &["ends in lower. case"]),
            ("", &[]),
            ("  \n \n", &[]),
        ];
        for (t, want) in cases {
            assert_eq!(split(t), *want, "{t:?}");
        }
    }

    #[test]
    fn token_table() {
        let s = "US-led strikes, 1,300 people; Syria's 1.5 killed.";
        let toks: Vec<&str> = tokens(s, 0..s.len()).iter().map(|t| t.text(s)).collect();
        assert_eq!(
            toks,
            [
                "US-led", "strikes", ",", "1,300", "people", ";", "Syria's", "1.5", "killed", "."
            ]
        );
    }

    #[test]
    fn multibyte_is_safe() {
        let s = "é—3 “quoted” ½ 日本 2";
        let t = tokens(s, 0..s.len());
        assert!(
            t.iter()
                .all(|t| s.is_char_boundary(t.start) && s.is_char_boundary(t.end))
        );
        let _ = sentences("a.\u{201d} B");
        // A word after a no-break space (two bytes) before a stop.
        let s = "killed\u{a0}12. Then more.";
        assert_eq!(sentences(s).len(), 2);
        for t in ["\u{a0}.\u{a0}A", "\u{2003}x. Y", "é. É", ".\u{a0}. B"] {
            let _ = sentences(t);
        }
    }
}
