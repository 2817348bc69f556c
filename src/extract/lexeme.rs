//! The smallest pieces of the quantity grammar: ASCII case-insensitive keywords with
//! word boundaries, whitespace, hyphens, and the words around a position; closed word
//! lists ([`WordSet`]); and the cheap tests that let the grammar turn a branch away
//! before parsing it (runs of letters read eight bytes at a time, the next word, a
//! keyword's first letter after a space).
//!
//! Every parser here works on `&str` with the unit error type `()` (the grammar only
//! needs to know whether a branch matched), and never splits a character: keywords
//! are ASCII, so a case-insensitive match of their bytes always ends on a character
//! boundary. ASCII bytes are read as bytes and anything else as characters, with the
//! same answers as reading characters throughout.

use nom::IResult;

/// The result type of every parser of the quantity grammar.
pub(crate) type Res<'a, O> = IResult<&'a str, O, ()>;

/// A failed branch.
#[inline]
pub(crate) fn fail<'a, O>() -> Res<'a, O> {
    Err(nom::Err::Error(()))
}

/// `t` (ASCII) at the start of the input, in any case.
pub(crate) fn tag_ci<'a>(t: &'static str) -> impl Fn(&'a str) -> Res<'a, &'a str> {
    debug_assert!(t.is_ascii());
    move |i: &'a str| match i.as_bytes().get(..t.len()) {
        // Equal to ASCII bytes ignoring ASCII case means these bytes are ASCII, so
        // `t.len()` is a character boundary.
        Some(b) if b.eq_ignore_ascii_case(t.as_bytes()) => Ok((&i[t.len()..], &i[..t.len()])),
        _ => fail(),
    }
}

/// `t` exactly as written (for case-sensitive abbreviations: "M", "USD").
pub(crate) fn tag_cs<'a>(t: &'static str) -> impl Fn(&'a str) -> Res<'a, &'a str> {
    move |i: &'a str| match i.strip_prefix(t) {
        Some(rest) => Ok((rest, &i[..t.len()])),
        None => fail(),
    }
}

/// Whether `rest` does not continue a word (no letter or digit next).
#[inline]
pub(crate) fn at_boundary(rest: &str) -> bool {
    match rest.as_bytes().first() {
        None => true,
        Some(c) if c.is_ascii() => !c.is_ascii_alphanumeric(),
        Some(_) => !rest.chars().next().is_some_and(char::is_alphanumeric),
    }
}

/// A whole word `t` in any case: "over" but not "overall".
pub(crate) fn kw<'a>(t: &'static str) -> impl Fn(&'a str) -> Res<'a, &'a str> {
    let tag = tag_ci(t);
    move |i: &'a str| {
        let (rest, w) = tag(i)?;
        if at_boundary(rest) {
            Ok((rest, w))
        } else {
            fail()
        }
    }
}

/// A whole word `t` exactly as written.
pub(crate) fn kw_cs<'a>(t: &'static str) -> impl Fn(&'a str) -> Res<'a, &'a str> {
    let tag = tag_cs(t);
    move |i: &'a str| {
        let (rest, w) = tag(i)?;
        if at_boundary(rest) {
            Ok((rest, w))
        } else {
            fail()
        }
    }
}

/// One or more whitespace characters, at most one of them a line break: a blank line
/// ends a paragraph, and a quantity phrase never spans two.
pub(crate) fn ws(i: &str) -> Res<'_, &str> {
    let b = i.as_bytes();
    let mut newline = false;
    let mut end = 0;
    while let Some(&c) = b.get(end) {
        // ASCII bytes are tested as they are; anything else is decoded
        if c.is_ascii() {
            if !ascii_space(c) || (c == b'\n' && newline) {
                break;
            }
            newline |= c == b'\n';
            end += 1;
        } else {
            match i.get(end..).and_then(|r| r.chars().next()) {
                Some(ch) if ch.is_whitespace() => end += ch.len_utf8(),
                _ => break,
            }
        }
    }
    if end == 0 {
        fail()
    } else {
        Ok((&i[end..], &i[..end]))
    }
}

/// The ASCII characters `char::is_whitespace` accepts (vertical tab included, which
/// `u8::is_ascii_whitespace` leaves out).
#[inline]
pub(crate) const fn ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Optional whitespace.
pub(crate) fn ws0(i: &str) -> Res<'_, &str> {
    match ws(i) {
        Ok(r) => Ok(r),
        Err(_) => Ok((i, "")),
    }
}

/// A hyphen joining words: ASCII '-', U+2010 or U+2011.
pub(crate) fn hyphen(i: &str) -> Res<'_, &str> {
    for h in ["-", "\u{2010}", "\u{2011}"] {
        if let Some(rest) = i.strip_prefix(h) {
            return Ok((rest, &i[..h.len()]));
        }
    }
    fail()
}

/// A dash between the ends of a range: a hyphen, an en dash or an em dash.
pub(crate) fn dash(i: &str) -> Res<'_, &str> {
    for h in ["-", "\u{2013}", "\u{2014}", "\u{2010}", "\u{2011}"] {
        if let Some(rest) = i.strip_prefix(h) {
            return Ok((rest, &i[..h.len()]));
        }
    }
    fail()
}

/// Eight bytes as one integer, in order from the low byte (the SWAR helpers below
/// test all eight at once); None past the end.
#[inline]
pub(crate) fn load8(b: &[u8], at: usize) -> Option<u64> {
    let chunk = b.get(at..at.checked_add(8)?)?;
    Some(u64::from_le_bytes(<[u8; 8]>::try_from(chunk).ok()?))
}

/// [`load8`] as the readers of eight bytes per word call it in their loops: the
/// same answer, with the bounds test written as two comparisons that need no
/// overflow test (`at` within the bytes, eight of them left), which keeps the loop
/// test shorter.
#[inline(always)]
pub(crate) fn head8(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(*b.get(at..)?.first_chunk::<8>()?))
}

/// Every byte 1, and every byte's high bit: per-byte masks keep only the high bits.
const ONES: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `x` in `lo..=hi` (both ASCII), with no carry
/// between bytes: the high bit of `y + (0x80 - c)` says whether `y >= c`.
#[inline]
pub(crate) const fn bytes_in(x: u64, lo: u8, hi: u8) -> u64 {
    let y = x & (0x7f * ONES);
    let from = y + (0x80 - lo as u64) * ONES;
    let past = y + (0x80 - hi as u64 - 1) * ONES;
    from & !past & !x & HIGH
}

/// The high bit of every ASCII letter of `x`.
#[inline]
pub(crate) const fn letters_in(x: u64) -> u64 {
    // fold the case: 'A'..='Z' become 'a'..='z', nothing else becomes a letter
    bytes_in(x | (0x20 * ONES), b'a', b'z') & !x
}

/// The number of ASCII letters at the start of `b`, eight bytes at a time: the
/// pre-scan of a long text spends most of its time walking over words.
#[inline]
pub(crate) fn letter_run(b: &[u8]) -> usize {
    let mut n = 0;
    while let Some(x) = load8(b, n) {
        let others = !letters_in(x) & HIGH;
        if others != 0 {
            return n + (others.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + b[n.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count()
}

/// The number of ASCII letters at the end of `b`, eight bytes at a time.
#[inline]
pub(crate) fn letter_run_back(b: &[u8]) -> usize {
    let mut n = 0;
    while let Some(x) = b.len().checked_sub(n + 8).and_then(|k| load8(b, k)) {
        let others = !letters_in(x) & HIGH;
        if others != 0 {
            return n + (others.leading_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + b[..b.len() - n.min(b.len())]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .count()
}

/// Whether whitespace and then a word starting with one of `letters` (lower case;
/// any case in the text) may come next: a cheap test before parsing a keyword after
/// a space. ASCII spaces are passed over; a non-ASCII character, which may be
/// whitespace, is left to the parser.
#[inline]
pub(crate) fn ws_then_letter(i: &str, letters: &[u8]) -> bool {
    let b = i.as_bytes();
    let k = b.iter().take_while(|&&c| ascii_space(c)).count();
    b.get(k)
        .is_some_and(|&c| !c.is_ascii() || (k > 0 && letters.contains(&(c | 0x20))))
}

/// The ASCII letters of the word after the first `n` bytes of `b` and the spaces
/// after them: a cheap look at a second word before parsing. Non-ASCII bytes are
/// passed over like spaces, so a word the parser would find after any whitespace is
/// the word returned (and sometimes a word it would not find).
#[inline]
pub(crate) fn second_word(b: &[u8], n: usize) -> &[u8] {
    let rest = b.get(n..).unwrap_or_default();
    let gap = rest
        .iter()
        .take_while(|&&c| ascii_space(c) || !c.is_ascii())
        .count();
    let w = &rest[gap..];
    &w[..letter_run(w)]
}

/// A run of ASCII letters that ends a word.
pub(crate) fn ascii_word(i: &str) -> Res<'_, &str> {
    let n = i.bytes().take_while(u8::is_ascii_alphabetic).count();
    if n == 0 || !at_boundary(&i[n..]) {
        return fail();
    }
    Ok((&i[n..], &i[..n]))
}

/// A short ASCII word lowercased into a stack buffer, for `match`ing against word
/// lists without allocating. Words longer than the buffer are not in any list.
pub(crate) struct Lower {
    buf: [u8; 16],
    len: usize,
}

impl Lower {
    pub(crate) fn new(w: &str) -> Lower {
        Lower::new_bytes(w.as_bytes())
    }

    /// From bytes; anything but short ASCII gives the empty word.
    pub(crate) fn new_bytes(w: &[u8]) -> Lower {
        let mut l = Lower {
            buf: [0; 16],
            len: 0,
        };
        if w.len() <= l.buf.len() && w.is_ascii() {
            for (d, s) in l.buf.iter_mut().zip(w) {
                *d = s.to_ascii_lowercase();
            }
            l.len = w.len();
        }
        l
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// A closed set of words compared ignoring ASCII case, tested without allocating: a
/// table indexed by first letter and length holds a bit per last letter present,
/// which turns nearly every other word away with one lookup; the few words of the
/// same first letter and length, packed into integers, settle the rest. The words
/// must be lower case, sorted, at most 16 bytes long, and start and end with an
/// ASCII letter; building a set that breaks this fails at compile time. `N` is the
/// number of words.
pub(crate) struct WordSet<const N: usize> {
    /// The words packed big-endian and zero-padded ([`pack`]), grouped by first
    /// letter and length ([`filter_slot`]).
    keys: [u128; N],
    /// Per first letter and length, where its group of `keys` starts (the next
    /// entry is where it ends).
    starts: [u16; SLOTS + 1],
    /// Per first letter and length, a bit per last letter.
    last: [u32; SLOTS],
}

/// The longest word a [`WordSet`] holds.
const SET_WORD_MAX: usize = 16;

/// The number of (first letter, length) slots of a [`WordSet`].
const SLOTS: usize = 26 * (SET_WORD_MAX + 1);

/// The filter slot of a word's first letter and length, with the bit of its last
/// letter, any case; None for a word that is empty, too long, or does not start and
/// end with an ASCII letter.
#[inline]
const fn filter_slot(w: &[u8]) -> Option<(usize, u32)> {
    let (Some(first), Some(last)) = (w.first(), w.last()) else {
        return None;
    };
    let (f, l) = (first.to_ascii_lowercase(), last.to_ascii_lowercase());
    if !f.is_ascii_lowercase() || !l.is_ascii_lowercase() || w.len() > SET_WORD_MAX {
        return None;
    }
    Some((
        (f - b'a') as usize * (SET_WORD_MAX + 1) + w.len(),
        1 << (l - b'a'),
    ))
}

/// A word of at most 16 bytes as one integer, ASCII letters lowercased: big-endian
/// and zero-padded, so integer order is byte order.
#[inline]
const fn pack(w: &[u8]) -> u128 {
    let mut key = 0u128;
    let mut k = 0;
    while k < SET_WORD_MAX {
        key <<= 8;
        if k < w.len() {
            key |= w[k].to_ascii_lowercase() as u128;
        }
        k += 1;
    }
    key
}

/// [`pack`] of a word of at most 16 bytes, all bytes at once: the word read as
/// integers of 8 or 4 bytes ([`pad_be`]) rather than copied byte by byte into a
/// zeroed buffer, then ASCII capitals given their 0x20 bit, per byte and with no
/// carry between bytes.
#[inline]
fn lower_key(w: &[u8]) -> u128 {
    debug_assert!(w.len() <= SET_WORD_MAX);
    let x = match w.split_first_chunk::<8>() {
        Some((head, rest)) => {
            (u128::from(u64::from_be_bytes(*head)) << 64) | u128::from(pad_be(rest))
        }
        None => u128::from(pad_be(w)) << 64,
    };
    // the two halves, each a byte per lane: capitals get their 0x20 bit
    let lower = |h: u64| h | (bytes_in(h, b'A', b'Z') >> 2);
    (u128::from(lower((x >> 64) as u64)) << 64) | u128::from(lower(x as u64))
}

/// At most 8 bytes as a big-endian integer, zero-padded at the low end: the bytes
/// read as one integer of 8, or two overlapping integers of 4, or one by one below 4.
#[inline]
fn pad_be(b: &[u8]) -> u64 {
    let n = b.len();
    if let Some(all) = b.first_chunk::<8>() {
        return u64::from_be_bytes(*all);
    }
    match (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        // the last four bytes shifted to their place; where they overlap the first
        // four they hold the same bytes
        (Some(head), Some(tail)) => {
            (u64::from(u32::from_be_bytes(*head)) << 32)
                | (u64::from(u32::from_be_bytes(*tail)) << (8 * (8 - n)))
        }
        _ => b
            .iter()
            .enumerate()
            .fold(0, |x, (k, &c)| x | (u64::from(c) << (8 * (7 - k)))),
    }
}

impl<const N: usize> WordSet<N> {
    pub(crate) const fn new(words: &[&str]) -> WordSet<N> {
        assert!(words.len() == N, "a set's size is its number of words");
        assert!(N < u16::MAX as usize, "a set holds fewer than 65535 words");
        let mut last = [0u32; SLOTS];
        // Check every word, and count the words of each slot.
        let mut counts = [0u16; SLOTS];
        let mut k = 0;
        while k < N {
            let w = words[k].as_bytes();
            assert!(w.len() <= SET_WORD_MAX, "a word of a set is too long");
            let Some((i, bit)) = filter_slot(w) else {
                panic!("a word of a set must start and end with an ASCII letter");
            };
            let mut j = 0;
            while j < w.len() {
                assert!(
                    !w[j].is_ascii_uppercase() && w[j] != 0,
                    "a word of a set is not lower case"
                );
                j += 1;
            }
            assert!(
                k == 0 || pack(words[k - 1].as_bytes()) < pack(w),
                "a set's words are not sorted"
            );
            last[i] |= bit;
            counts[i] += 1;
            k += 1;
        }
        // Each slot's group starts where the one before ends.
        let mut starts = [0u16; SLOTS + 1];
        let mut i = 0;
        while i < SLOTS {
            starts[i + 1] = starts[i] + counts[i];
            i += 1;
        }
        // Place the words, in order within each group.
        let mut keys = [0u128; N];
        let mut filled = [0u16; SLOTS];
        let mut k = 0;
        while k < N {
            let w = words[k].as_bytes();
            let Some((i, _)) = filter_slot(w) else {
                panic!("checked above");
            };
            keys[(starts[i] + filled[i]) as usize] = pack(w);
            filled[i] += 1;
            k += 1;
        }
        WordSet { keys, starts, last }
    }

    /// Whether `w`, in any ASCII case, is in the set.
    #[inline(always)]
    pub(crate) fn contains(&self, w: &[u8]) -> bool {
        match filter_slot(w) {
            Some((i, bit)) if self.last[i] & bit != 0 => self.search(i, w),
            _ => false,
        }
    }

    /// [`contains`](Self::contains) for a word of ASCII letters only, as the
    /// pre-scan reads them: the same answer, a shorter test.
    #[inline(always)]
    pub(crate) fn contains_letters(&self, w: &[u8]) -> bool {
        debug_assert!(w.iter().all(u8::is_ascii_alphabetic));
        let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
            return false;
        };
        let i = usize::from((first | 0x20).wrapping_sub(b'a')) * (SET_WORD_MAX + 1) + w.len();
        let bit = 1u32 << ((last | 0x20).wrapping_sub(b'a') & 31);
        w.len() <= SET_WORD_MAX
            && self.last.get(i).is_some_and(|l| l & bit != 0)
            && self.search(i, w)
    }

    /// Whether the word `w`, in any ASCII case, is in the set.
    #[inline(always)]
    pub(crate) fn has(&self, w: &str) -> bool {
        self.contains(w.as_bytes())
    }

    /// Whether the ASCII letters that start `i` make a word of the set.
    #[inline]
    pub(crate) fn starts(&self, i: &str) -> bool {
        let b = i.as_bytes();
        self.contains(&b[..letter_run(b)])
    }

    /// The exact test, for the few words the table lets through (at most 16 bytes,
    /// in slot `i`): a comparison with each word of the slot's group.
    #[inline(never)]
    fn search(&self, i: usize, w: &[u8]) -> bool {
        let key = lower_key(w);
        let (Some(&from), Some(&to)) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return false;
        };
        self.keys
            .get(usize::from(from)..usize::from(to))
            .is_some_and(|group| group.contains(&key))
    }
}

/// A closed set of words of at most 15 ASCII letters, compared ignoring ASCII case and
/// looked up by the integers a reader of eight bytes at a time already holds: the
/// word's first eight bytes, and for a longer word the eight after them. One
/// multiplication picks the only slot the word can be in and one or two comparisons
/// settle it, so a word that is not in the set costs no more than one that is.
///
/// The slot is the top bits of the packed word times a multiplier; the multiplier is
/// found at compile time, the first of a fixed sequence that gives every word of the
/// set a slot of its own (with a quarter of the slots or fewer in use, a few tries).
/// The words must be lower-case ASCII letters, 1 to 15 of them; building a set that
/// breaks this fails at compile time.
pub(crate) struct PackedWords {
    mul: u64,
    /// Per slot, the first eight bytes of its word (zero-padded, little-endian), or 0.
    lo: [u64; PACKED_SLOTS],
    /// Per slot, the bytes after the first eight (zero-padded), or 0.
    hi: [u64; PACKED_SLOTS],
}

/// The longest word a [`PackedWords`] holds.
pub(crate) const PACKED_MAX: usize = 15;

/// The number of slots of a [`PackedWords`] (a power of two).
const PACKED_SLOTS: usize = 1024;

/// Per count `n` of bytes below eight, the mask of the first `n` bytes of an integer
/// read little-endian.
static HEAD_MASK: [u64; 8] = {
    let mut t = [0u64; 8];
    let mut n = 1;
    while n < 8 {
        t[n] = (1u64 << (8 * n)) - 1;
        n += 1;
    }
    t
};

/// Every byte 0x20: or-ed into ASCII letters, it lowercases them.
const CASE_BITS: u64 = 0x2020_2020_2020_2020;

/// At most eight bytes of `w` from `from`, little-endian and zero-padded.
const fn pack_le(w: &[u8], from: usize) -> u64 {
    let mut key = 0u64;
    let mut k = 0;
    while k < 8 && from + k < w.len() {
        key |= (w[from + k] as u64) << (8 * k);
        k += 1;
    }
    key
}

/// The first multiplier a table keyed by packed words tries ([`PackedWords`], the
/// landmark table of the context reader).
pub(crate) const FIRST_MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// The multiplier tried after `mul` when two words meet in a slot: the next odd
/// number of a 64-bit linear congruential sequence.
pub(crate) const fn next_multiplier(mul: u64) -> u64 {
    mul.wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407)
        | 1
}

/// The slot of the word packed as `lo` and `hi` under multiplier `mul`; a word of at
/// most eight letters (`hi` 0) needs a single multiplication.
#[inline(always)]
const fn packed_slot(lo: u64, hi: u64, mul: u64) -> usize {
    const HI_MUL: u64 = 0x9e37_79b9_7f4a_7c15;
    let shift = 64 - PACKED_SLOTS.trailing_zeros();
    ((lo ^ hi.wrapping_mul(HI_MUL)).wrapping_mul(mul) >> shift) as usize
}

impl PackedWords {
    pub(crate) const fn new(words: &[&str]) -> PackedWords {
        let mut k = 0;
        while k < words.len() {
            let w = words[k].as_bytes();
            assert!(
                !w.is_empty() && w.len() <= PACKED_MAX,
                "a packed word has 1 to 15 letters"
            );
            let mut j = 0;
            while j < w.len() {
                assert!(
                    w[j].is_ascii_lowercase(),
                    "a packed word is lower-case letters"
                );
                j += 1;
            }
            k += 1;
        }
        let mut mul = FIRST_MULTIPLIER;
        let mut tries = 0;
        loop {
            if let Some(set) = PackedWords::place(words, mul) {
                return set;
            }
            tries += 1;
            assert!(tries < 10_000, "no multiplier gives every word a slot");
            mul = next_multiplier(mul);
        }
    }

    /// The set with every word in the slot `mul` gives it; None when two words meet.
    const fn place(words: &[&str], mul: u64) -> Option<PackedWords> {
        let mut set = PackedWords {
            mul,
            lo: [0; PACKED_SLOTS],
            hi: [0; PACKED_SLOTS],
        };
        let mut k = 0;
        while k < words.len() {
            let w = words[k].as_bytes();
            let (lo, hi) = (pack_le(w, 0), pack_le(w, 8));
            let slot = packed_slot(lo, hi, mul);
            if set.lo[slot] != 0 {
                return None;
            }
            set.lo[slot] = lo;
            set.hi[slot] = hi;
            k += 1;
        }
        Some(set)
    }

    /// Whether the word of `len` (1 to 7) ASCII letters that starts the eight bytes
    /// `x` (read little-endian) is in the set, in any case.
    #[inline(always)]
    pub(crate) fn contains_short(&self, x: u64, len: usize) -> bool {
        debug_assert!((1..8).contains(&len));
        let key = (x | CASE_BITS) & HEAD_MASK[len & 7];
        // A longer word's first eight bytes are all letters, never equal to a key
        // with a zero byte: the first half settles it.
        self.lo[packed_slot(key, 0, self.mul) & (PACKED_SLOTS - 1)] == key
    }

    /// Whether the word of 8 + `more` (`more` 0 to 7) ASCII letters whose first eight
    /// are `x` and whose others start `y` is in the set, in any case.
    #[inline(always)]
    pub(crate) fn contains_long(&self, x: u64, y: u64, more: usize) -> bool {
        debug_assert!(more < 8);
        let lo = x | CASE_BITS;
        let hi = (y | CASE_BITS) & HEAD_MASK[more & 7];
        let slot = packed_slot(lo, hi, self.mul) & (PACKED_SLOTS - 1);
        self.lo[slot] == lo && self.hi[slot] == hi
    }
}

/// Characters that may form a word for the neighbour readers: letters, digits,
/// apostrophes, inner dots ("a.m.", "Jan.") and hyphens.
fn wordish(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '.' | '-')
}

/// How far the neighbour readers look: a longer word or gap is no word, which keeps
/// every lookup short whatever the text.
pub(crate) const REACH: usize = 64;

/// What an ASCII byte is to the neighbour readers; non-ASCII bytes send them to the
/// readers of characters.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    Space,
    Word,
    Other,
    NotAscii,
}

/// The high bit of every byte of `x` that is [`Role::Word`]: ASCII letters, digits,
/// apostrophes, dots and hyphens.
#[inline]
fn word_bytes_in(x: u64) -> u64 {
    letters_in(x) | bytes_in(x, b'0', b'9') | bytes_in(x, b'\'', b'\'') | bytes_in(x, b'-', b'.')
}

/// The role of every byte, as [`wordish`] and `char::is_whitespace` say for ASCII.
static ROLE: [Role; 256] = {
    let mut t = [Role::NotAscii; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if ascii_space(b) {
            Role::Space
        } else if b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'.' | b'-') {
            Role::Word
        } else {
            Role::Other
        };
        c += 1;
    }
    t
};

/// The word that ends just before byte `at` (spaces skipped), with its start. `None`
/// when punctuation other than a word's own dot stands between (a clause boundary),
/// or when the word or the gap is implausibly long.
pub(crate) fn prev_word(text: &str, at: usize) -> Option<(usize, &str)> {
    let head = text.get(..at)?;
    let b = head.as_bytes();
    // The commonest case, eight bytes at a time: one space, before it a word of
    // ASCII bytes within reach, and before that an ASCII byte that is no part of a
    // word. Anything else is read byte by byte below.
    if let Some(end) = at.checked_sub(1)
        && b[end] == b' '
    {
        let mut k = end;
        while let Some(x) = k.checked_sub(8).and_then(|j| head8(b, j)) {
            let others = !word_bytes_in(x) & HIGH;
            if others == 0 {
                k -= 8;
                if end - k >= REACH {
                    break;
                }
                continue;
            }
            let start = k - others.leading_zeros() as usize / 8;
            if start < end && end - start < REACH && b[start - 1].is_ascii() {
                return Some((start, &head[start..end]));
            }
            break;
        }
    }
    // ASCII bytes are characters: read them from a table, and leave any other
    // character to the reader of characters, from the start. `steps` counts the
    // characters looked at, each tested against REACH first.
    let (mut k, mut steps) = (b.len(), 0);
    loop {
        let c = *b.get(k.checked_sub(1)?)?;
        if steps > REACH {
            return None;
        }
        match ROLE[usize::from(c)] {
            Role::Space => (k, steps) = (k - 1, steps + 1),
            Role::Word => break,
            Role::Other => return None,
            Role::NotAscii => return prev_word_chars(head),
        }
    }
    let end = k;
    while let Some(&c) = k.checked_sub(1).and_then(|j| b.get(j)) {
        if steps > REACH {
            return None;
        }
        match ROLE[usize::from(c)] {
            Role::Word => (k, steps) = (k - 1, steps + 1),
            Role::NotAscii => return prev_word_chars(head),
            _ => break,
        }
    }
    (k < end).then(|| (k, &head[k..end]))
}

/// [`prev_word`] character by character.
fn prev_word_chars(head: &str) -> Option<(usize, &str)> {
    let mut end = None;
    let mut start = None;
    for (steps, (k, c)) in head.char_indices().rev().enumerate() {
        if steps > REACH {
            return None;
        }
        match end {
            None if c.is_whitespace() => {}
            None if wordish(c) => end = Some(k + c.len_utf8()),
            None => return None,
            Some(_) if wordish(c) => {}
            Some(_) => {
                start = Some(k + c.len_utf8());
                break;
            }
        }
    }
    let end = end?;
    let start = start.unwrap_or(0);
    (start < end).then(|| (start, &head[start..end]))
}

/// The word that starts after byte `at` (spaces skipped), with its start, trailing
/// dots and hyphens removed. `None` when punctuation comes first, or when the word or
/// the gap is implausibly long.
pub(crate) fn next_word(text: &str, at: usize) -> Option<(usize, &str)> {
    let tail = text.get(at..)?;
    let b = tail.as_bytes();
    // The commonest case, eight bytes at a time: one space, a word of ASCII bytes
    // within reach, and after it an ASCII byte that is no part of a word. Anything
    // else is read byte by byte below.
    if b.first() == Some(&b' ') {
        let mut k = 1;
        while let Some(x) = head8(b, k).filter(|_| k <= REACH) {
            let others = !word_bytes_in(x) & HIGH;
            if others == 0 {
                k += 8;
                continue;
            }
            let mut end = k + others.trailing_zeros() as usize / 8;
            if end == 1 || end > REACH || !b[end].is_ascii() {
                break;
            }
            while end > 1 && matches!(b[end - 1], b'.' | b'-') {
                end -= 1;
            }
            return (end > 1).then(|| (at + 1, &tail[1..end]));
        }
    }
    // as in `prev_word`: ASCII from a table, anything else character by character
    let mut k = 0;
    loop {
        let c = *b.get(k)?;
        if k > REACH {
            return None;
        }
        match ROLE[usize::from(c)] {
            Role::Space => k += 1,
            Role::Word => break,
            Role::Other => return None,
            Role::NotAscii => return next_word_chars(text, at),
        }
    }
    let start = k;
    while let Some(&c) = b.get(k) {
        if k > REACH {
            return None;
        }
        match ROLE[usize::from(c)] {
            Role::Word => k += 1,
            Role::NotAscii => return next_word_chars(text, at),
            _ => break,
        }
    }
    let w = tail[start..k].trim_end_matches(['.', '-']);
    (!w.is_empty()).then_some((at + start, w))
}

/// [`next_word`] character by character.
fn next_word_chars(text: &str, at: usize) -> Option<(usize, &str)> {
    let tail = text.get(at..)?;
    let mut start = None;
    let mut end = tail.len();
    for (steps, (k, c)) in tail.char_indices().enumerate() {
        if steps > REACH {
            return None;
        }
        match start {
            None if c.is_whitespace() => {}
            None if wordish(c) => start = Some(k),
            None => return None,
            Some(_) if wordish(c) => {}
            Some(_) => {
                end = k;
                break;
            }
        }
    }
    let start = start?;
    let w = tail[start..end].trim_end_matches(['.', '-']);
    (!w.is_empty()).then_some((at + start, w))
}

/// The end of the whitespace-delimited token at byte `a`. Callers skip to it, so
/// each byte is scanned once.
pub(crate) fn token_end(text: &str, a: usize) -> usize {
    let tail = text.get(a..).unwrap_or_default();
    a + tail.find(char::is_whitespace).unwrap_or(tail.len())
}

/// The token at byte `a`, at most `REACH` bytes of it (cut at a character boundary):
/// enough to judge its shape without scanning far.
pub(crate) fn token_window(text: &str, a: usize) -> &str {
    let tail = text.get(a..).unwrap_or_default();
    // ASCII bytes are characters, tested from their byte; from the first other
    // character on, the rest is read character by character
    for (k, &c) in tail.as_bytes().iter().enumerate() {
        if ascii_space(c) || k >= REACH {
            return &tail[..k];
        }
        if !c.is_ascii() {
            return token_window_chars(tail, k);
        }
    }
    tail
}

/// [`token_window`] of `tail` character by character from byte `from`, a character
/// boundary with no whitespace before it.
fn token_window_chars(tail: &str, from: usize) -> &str {
    for (j, c) in tail.get(from..).unwrap_or_default().char_indices() {
        let k = from + j;
        if c.is_whitespace() || k >= REACH {
            return &tail[..k];
        }
    }
    tail
}

/// Whether `w` is one of `list`, ignoring ASCII case.
pub(crate) fn one_of(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_ci_matches_any_case_and_keeps_boundaries() {
        assert_eq!(tag_ci("more")("More than"), Ok((" than", "More")));
        assert!(tag_ci("more")("mor").is_err());
        // The Kelvin sign lowercases to 'k' but is not an ASCII 'k'.
        assert!(tag_ci("k")("\u{212a}m").is_err());
        assert!(kw("over")("overall").is_err());
        assert_eq!(kw("over")("over 700"), Ok((" 700", "over")));
        assert!(kw_cs("M")("m").is_err());
    }

    #[test]
    fn whitespace_stops_at_a_blank_line() {
        assert_eq!(ws("  \u{a0}x"), Ok(("x", "  \u{a0}")));
        assert_eq!(ws(" \n\n x"), Ok(("\n x", " \n")));
        assert!(ws("x").is_err());
        assert_eq!(ws0("x"), Ok(("x", "")));
    }

    #[test]
    fn byte_roles_agree_with_characters() {
        for c in 0..128u8 {
            let ch = char::from(c);
            let want = if ch.is_whitespace() {
                Role::Space
            } else if wordish(ch) {
                Role::Word
            } else {
                Role::Other
            };
            assert!(ROLE[usize::from(c)] == want, "{c}");
        }
        assert!(ROLE[0xc3] == Role::NotAscii);
        // the byte readers give the character readers' answers
        let alphabet = [
            "a", "Z", "5", " ", ".", "-", ",", "'", "\u{e9}", "\u{a0}", "\u{2019}", "\n",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..3000 {
            let mut t = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 160) as usize;
            // some strings are long words, to reach past REACH
            let letters = if seed.is_multiple_of(7) { 62 } else { 8 };
            for k in 0..len {
                let r = (seed.rotate_left(k as u32 * 7) ^ (k as u64).wrapping_mul(0x9e37_79b9))
                    .wrapping_mul(0xff51_afd7_ed55_8ccd);
                // mostly letters and spaces, as in text
                let pick = match r % 64 {
                    n if n < letters => 0,
                    n if n < letters + 1 => 3,
                    _ => ((r >> 16) % alphabet.len() as u64) as usize,
                };
                t.push_str(alphabet[pick]);
            }
            for at in (0..=t.len()).filter(|&k| t.is_char_boundary(k)) {
                assert_eq!(prev_word(&t, at), prev_word_chars(&t[..at]), "{t:?} {at}");
                assert_eq!(next_word(&t, at), next_word_chars(&t, at), "{t:?} {at}");
            }
        }
    }

    #[test]
    fn neighbour_words_of_every_length_agree() {
        // ASCII words of every length up to past the reach, each side of a space,
        // after and before bytes of every kind
        for len in 0..=REACH + 10 {
            for edge in ["", " ", "  ", ",", "\u{e9}", "5", ".", "-", "'"] {
                let w = "ab.c-d'9".chars().cycle().take(len).collect::<String>();
                let t = format!("{edge}{w} 30 {w}{edge}");
                let at = edge.len() + w.len() + 1;
                assert_eq!(prev_word(&t, at), prev_word_chars(&t[..at]), "{t:?}");
                assert_eq!(next_word(&t, at + 2), next_word_chars(&t, at + 2), "{t:?}");
                let t = format!("{edge}{w} 30 {w}{edge} and more text");
                assert_eq!(next_word(&t, at + 2), next_word_chars(&t, at + 2), "{t:?}");
            }
        }
    }

    #[test]
    fn token_windows_agree_with_the_reading_by_characters() {
        for t in [
            "700 people",
            "\u{e9}\u{a0}x",
            "ab\u{2009}c",
            "5\u{a0}000",
            "a\u{b}b",
            "x\u{1c}y z",
            "",
            "15.04.2017(updated",
        ] {
            let long = format!("{t}{}", "y\u{e9}".repeat(40));
            for s in [t, long.as_str()] {
                for a in (0..=s.len()).filter(|&k| s.is_char_boundary(k)) {
                    assert_eq!(
                        token_window(s, a),
                        token_window_chars(&s[a..], 0),
                        "{s:?} {a}"
                    );
                }
            }
        }
    }

    #[test]
    fn neighbour_words() {
        let t = "killed, Jan. 30 and more";
        assert_eq!(prev_word(t, 13), Some((8, "Jan.")));
        assert_eq!(prev_word(t, 6), Some((0, "killed")));
        assert_eq!(prev_word(t, 8), None);
        assert_eq!(next_word(t, 15), Some((16, "and")));
        assert_eq!(next_word("30 a.m.", 2), Some((3, "a.m")));
        assert_eq!(next_word("30.", 2), None);
        // non-ASCII letters, spaces and punctuation
        let t = "caf\u{e9}\u{a0}30\u{a0}Zo\u{eb}\u{2014}x";
        assert_eq!(prev_word(t, 7), Some((0, "caf\u{e9}")));
        assert_eq!(next_word(t, 9), Some((11, "Zo\u{eb}")));
        assert_eq!(prev_word("\u{2014}30", 3), None);
        assert_eq!(next_word("30\u{2019}s", 2), Some((2, "\u{2019}s")));
        // the reach counts characters
        let long = format!("{} 5", "\u{e9}".repeat(64));
        assert_eq!(prev_word(&long, 129).map(|(k, _)| k), Some(0));
        let longer = format!("{} 5", "\u{e9}".repeat(65));
        assert_eq!(prev_word(&longer, 131), None);
        assert_eq!(token_end("ab\u{2009}c", 0), 2);
        assert_eq!(token_window(&"x".repeat(100), 0).len(), REACH);
    }

    #[test]
    fn lower_buffer() {
        assert_eq!(Lower::new("HunDred").bytes(), b"hundred");
        assert_eq!(Lower::new("extraordinarilylong").bytes(), b"");
        assert_eq!(Lower::new("caf\u{e9}").bytes(), b"");
    }

    #[test]
    fn whitespace_is_unicode_whitespace() {
        for c in (0u8..128).map(char::from) {
            assert_eq!(ascii_space(c as u8), c.is_whitespace(), "{c:?}");
        }
        let cases: &[(&str, Option<&str>)] = &[
            ("\u{b}x", Some("x")),
            ("\u{85}\u{2009} x", Some("x")),
            ("\u{2009}\n\r\n", Some("\n")),
            ("\u{e9}", None),
            ("", None),
        ];
        for &(s, rest) in cases {
            assert_eq!(ws(s).ok().map(|(r, _)| r), rest, "{s:?}");
        }
    }

    #[test]
    fn boundaries() {
        let cases: &[(&str, bool)] = &[
            ("", true),
            (" x", true),
            ("-x", true),
            ("x", false),
            ("5", false),
            ("\u{e9}", false),
            ("\u{2013}", true),
        ];
        for &(s, want) in cases {
            assert_eq!(at_boundary(s), want, "{s:?}");
        }
    }

    #[test]
    fn word_sets_agree_with_a_list() {
        #[rustfmt::skip]
        const WORDS: &[&str] = &[
            "a", "ab", "an", "and", "as", "at", "b", "ba", "bat", "bats", "cab", "can", "cat",
            "tab", "tan", "tar", "tars", "tat", "zzzzzzzzzzzzzzzz",
        ];
        static SET: WordSet<{ WORDS.len() }> = WordSet::new(WORDS);
        let letters = ["a", "b", "c", "n", "r", "s", "t", "z", "A", "T", "."];
        let mut probes = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = probes
                .iter()
                .flat_map(|p| letters.iter().map(move |l| format!("{p}{l}")))
                .collect();
            probes.extend(longer);
            probes.dedup();
        }
        probes.push("z".repeat(16));
        probes.push("Z".repeat(16));
        probes.push("z".repeat(17));
        for p in &probes {
            let want = WORDS.iter().any(|w| w.eq_ignore_ascii_case(p));
            assert_eq!(SET.has(p), want, "{p:?}");
        }
    }

    #[test]
    fn keys_lowercase_ascii_capitals_only() {
        for c in 0..=255u8 {
            for k in [0, 7, 15] {
                let mut buf = *b"abcdefghijklmnop";
                buf[k] = c;
                assert_eq!(lower_key(&buf), pack(&buf), "{c} at {k}");
            }
        }
    }

    #[test]
    fn keys_of_every_length_are_the_packed_words() {
        let word = b"AbCdEfGhIjKlMnOp";
        for n in 0..=SET_WORD_MAX {
            assert_eq!(lower_key(&word[..n]), pack(&word[..n]), "{n}");
            assert_eq!(
                u128::from(pad_be(&word[..n.min(8)])) << 64,
                u128::from_be_bytes({
                    let mut b = [0u8; 16];
                    b[..n.min(8)].copy_from_slice(&word[..n.min(8)]);
                    b
                }),
                "{n}"
            );
        }
    }

    #[test]
    fn word_sets_ignore_ascii_case_only() {
        static SET: WordSet<4> = WordSet::new(&["a.m", "few", "o\u{2019}clock", "several"]);
        let cases: &[(&str, bool)] = &[
            ("few", true),
            ("FeW", true),
            ("fews", false),
            ("fe", false),
            ("A.M", true),
            ("O\u{2019}CLOCK", true),
            ("several", true),
            ("severa", false),
            ("", false),
            ("a", false),
            ("\u{212a}", false),
            ("fewfewfewfewfewfewfewfewfewfewfewfew", false),
            ("few\0", false),
        ];
        for &(w, want) in cases {
            assert_eq!(SET.has(w), want, "{w:?}");
            if w.bytes().all(|c| c.is_ascii_alphabetic()) {
                assert_eq!(SET.contains_letters(w.as_bytes()), want, "{w:?}");
            }
        }
    }

    #[test]
    fn byte_masks() {
        for c in 0..=255u8 {
            for k in 0..8 {
                let mut b = *b"xxxxxxxx";
                b[k] = c;
                let x = u64::from_le_bytes(b);
                let bit = 0x80u64 << (8 * k);
                let others = HIGH & !bit;
                let want = |yes: bool, base: u64| if yes { base | bit } else { base };
                assert_eq!(letters_in(x), want(c.is_ascii_alphabetic(), others), "{c}");
                assert_eq!(bytes_in(x, b'0', b'9'), want(c.is_ascii_digit(), 0), "{c}");
            }
        }
        assert_eq!(
            load8(b"abcdefgh", 0),
            Some(u64::from_le_bytes(*b"abcdefgh"))
        );
        assert_eq!(load8(b"abcdefgh", 1), None);
        assert_eq!(load8(b"abc", usize::MAX), None);
    }

    #[test]
    fn keyword_after_space() {
        let cases: &[(&str, &[u8], bool)] = &[
            (" or more", b"oa", true),
            ("  And more", b"oa", true),
            ("\u{a0}or", b"oa", true),
            ("or", b"oa", false),
            (" people", b"oa", false),
            (" ", b"oa", false),
            ("", b"oa", false),
            (" @", b"oa", false),
            (" 0", b"p", false),
        ];
        for &(s, letters, want) in cases {
            assert_eq!(ws_then_letter(s, letters), want, "{s:?}");
        }
    }

    #[test]
    fn second_words() {
        let cases: &[(&str, usize, &str)] = &[
            ("a few", 1, "few"),
            ("a \u{a0}\n dozen", 1, "dozen"),
            ("a, few", 1, ""),
            ("a", 1, ""),
            ("a few", 9, ""),
            ("half-a", 4, ""),
        ];
        for &(s, n, want) in cases {
            assert_eq!(second_word(s.as_bytes(), n), want.as_bytes(), "{s:?}");
        }
    }

    #[test]
    fn letter_runs() {
        let cases: &[(&str, usize)] = &[
            ("", 0),
            ("a", 1),
            ("abc def", 3),
            ("AZaz@[`{", 4),
            ("abcdefgh", 8),
            ("abcdefghi", 9),
            ("abcdefgh1", 8),
            ("abcdefghijklmnopq-", 17),
            ("Hundred\u{e9}", 7),
            ("caf\u{e9}abcdefgh", 3),
            ("0abcdefgh", 0),
        ];
        for &(s, n) in cases {
            assert_eq!(letter_run(s.as_bytes()), n, "{s:?}");
        }
        // every byte value, at every position of an eight-byte chunk
        for c in 0..=255u8 {
            for k in 0..8 {
                let mut b = *b"abcdefghij";
                b[k] = c;
                let want = if c.is_ascii_alphabetic() { 10 } else { k };
                assert_eq!(letter_run(&b), want, "{c} at {k}");
                let mut b = *b"abcdefghij";
                b[9 - k] = c;
                let want = if c.is_ascii_alphabetic() { 10 } else { k };
                assert_eq!(letter_run_back(&b), want, "{c} at {}", 9 - k);
            }
        }
        let back: &[(&str, usize)] = &[
            ("", 0),
            ("a", 1),
            ("x killed", 6),
            ("5abcdefghijklmnop", 16),
            ("caf\u{e9}", 0),
        ];
        for &(s, n) in back {
            assert_eq!(letter_run_back(s.as_bytes()), n, "{s:?}");
        }
    }

    #[test]
    fn words_and_dashes() {
        assert_eq!(ascii_word("thirty-eight"), Ok(("-eight", "thirty")));
        assert!(ascii_word("G20").is_err());
        assert_eq!(dash("\u{2013}30"), Ok(("30", "\u{2013}")));
        assert_eq!(hyphen("-year"), Ok(("year", "-")));
    }
}
