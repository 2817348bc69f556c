//! Quantity phrases: every quantity in a text with its qualifier, interval, kind and
//! unit ("more than 700", "tens of thousands", "some 350", "$3.2 trillion", "70
//! percent", "between 20 and 30", "four-year").
//!
//! A phrase stops before the counted noun: in "more than 700 US-led air strikes" it is
//! "more than 700", in "tens of thousands of locals" it is "tens of thousands", in "70
//! percent of Ayn al-Islam" it is "70 percent". Units of measure, money and percent
//! belong to the phrase ("170 years", "$3.2 trillion", "millions of dollars").
//!
//! How the text is read:
//! 1. A fast pre-scan finds anchors: digits, currency signs, and words from a closed
//!    list (number words, vague amounts, fraction words). Nothing else runs on the
//!    bytes in between, so long texts take linear time.
//! 2. At an anchor the phrase grammar (nom) is tried from the start of each of the
//!    few words before it that can open a phrase ("more", "at", "between", "some",
//!    "a", ...), farthest first, then from the anchor itself; the first parse that
//!    covers the anchor wins. The walk back stops at the first word that no phrase
//!    holds before its anchor ("killed" in "killed 38"). Most branches are turned away before any parsing by a
//!    cheap test on the bytes (a keyword's first letter, a first or second word
//!    against a closed list); each test accepts everything its branch accepts, so it
//!    changes what is tried, never what is found.
//! 3. What is not a claim is set aside (the `nonclaim` module): dates, years,
//!    times, identifiers, scores and codes, ordinals, the pronoun "one".
//!
//! Intervals follow DESIGN.md "Intervals": [`interval_for`] for single values; ranges
//! are closed [A, B] ("between 20 and 30" is [20, 30]); vague amounts carry their own
//! interval (see the `vague` module), which a qualifier bounds ("more than a
//! dozen" is [13, inf): one more than the smallest reading; "at least a dozen" [12,
//! inf); "about" widens both ends by 10%). "dozens more" keeps the vague interval: the
//! phrase is "dozens" and "more" is left to the reader of the counted noun.
//!
//! Ranges: "between A and B", "from A to B", "A to B", "A through B", "A-B", "A–B",
//! "A or B" ("two or three"; only when B is at most 2A + 10: "10 bln or 10 tln" is two
//! numbers). A scale written on the second end applies to the first ("between 2 and 3
//! million", "$3-5 billion"). "from A to B" after a verb of change ("rose from 20 to
//! 50") and "A to B" after "by" ("rose by 5 to 20") are two numbers, not a range.
//! A dash between bare numbers that cannot be a range ("3-0", "2013-14", "1995-01",
//! "555-1234", or B more than ten times A) is a score or a code: no claim.
//!
//! Ratios: "one in five", "2 out of 5" (N below M, N at most 10), "two-thirds", "a third
//! of", "half (of)" ("half" alone only before "of", a determiner or after a
//! qualifier: "more than half"). Fractions of a scale are counts ("half a million").

use super::lexeme::{
    HIGH, Lower, PackedWords, Res, WordSet, ascii_space, at_boundary, fail, head8, hyphen, kw,
    letter_run, letter_run_back, letters_in, token_end, ws, ws_then_letter, ws0,
};
use super::nonclaim::{self, Verdict};
use super::numeral::{
    Numeral, fraction_of_scale, numeral, sign, small_number_word, vulgar_fraction, word_fraction,
};
use super::qualifier::{self, words};
use super::unit::{self, Unit};
use super::vague::{self, vague};
use crate::quantity::{Kind, Qualifier, interval_for};
use nom::Parser;
use nom::branch::alt;
use nom::combinator::{opt, peek};

/// One quantity phrase found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct QuantityMatch {
    /// Byte span of the whole quantity phrase in the text given, qualifier words
    /// included ("more than 700", "tens of thousands", "some 350", "$3.2 trillion").
    pub start: usize,
    pub end: usize,
    /// Span of the number proper, for highlighting ("700", "3.2 trillion").
    pub num_start: usize,
    pub num_end: usize,
    /// The number as written, normalised (a range: its low end; a vague amount: the
    /// low end of its interval).
    pub value: f64,
    /// The interval (None = unbounded).
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    pub kind: Kind,
    /// percent -> "percent" or "percentage point"; currency -> "USD", "GBP", ...;
    /// measure -> "km", "year", ...; count -> None (the counted noun is found later).
    pub unit: Option<String>,
    /// Written in words ("three", "dozens") rather than digits.
    pub is_word: bool,
}

/// Every quantity phrase in `text` (a sentence or a whole section), left to right,
/// non-overlapping, with non-claims already left out.
pub fn find_quantities(text: &str) -> Vec<QuantityMatch> {
    find_all(text, true)
}

/// [`find_quantities`], where `prune` lets the walk back from an anchor stop at the
/// first word no phrase reaching the anchor can hold ([`candidate_starts`]); the full
/// walk is the reading the short one is checked against.
fn find_all(text: &str, prune: bool) -> Vec<QuantityMatch> {
    let g = Grammar { text };
    let mut out: Vec<QuantityMatch> = Vec::new();
    // Nothing before `pos` can start a phrase: it belongs to an earlier one.
    let mut pos = 0;
    let mut at = 0;
    // The end of an identifier and the numbers listed after it ("resolutions 2118
    // 2209 and 2235", "Photo 3 of 12").
    let mut id_run: Option<usize> = None;
    // The end of the last claim when it was a bare number ("245 23 yen").
    let mut last_bare: Option<usize> = None;
    // The end of the last token passed over unread after a number that opened no
    // phrase ("1990s-era"): the anchor words in it were never tried, and the walk
    // back stops early only where every anchor word before it was.
    let mut unread = 0;
    while let Some((a, anchor)) = next_anchor(text, at) {
        if anchor == Anchor::Digit {
            if let Some(e) = id_run {
                if a >= e && list_separators(&text[e..a]) {
                    let t = token_end(text, a);
                    (id_run, pos, at) = (Some(t), t, t);
                    continue;
                }
                id_run = None;
            }
            if let Some(t) = nonclaim::code_token(text, a) {
                (pos, at) = (t, t);
                continue;
            }
        }
        let Some(p) = g.at_anchor(a, pos, prune && pos >= unread) else {
            at = match anchor {
                Anchor::Digit => {
                    unread = token_end(text, a);
                    unread
                }
                Anchor::Word(end) => end,
                Anchor::Sign(end) => end,
            };
            continue;
        };
        (pos, at) = (p.end, p.end);
        let around = nonclaim::Around::new(text, &p);
        match nonclaim::judge(text, &p, &around) {
            Verdict::Claim => {
                // "245 23 yen": a bare number glued by a space to an amount of money
                // is a mis-grouped figure; neither half can be trusted.
                if p.money_after && last_bare.is_some_and(|e| p.start == e + 1) {
                    out.pop();
                    last_bare = None;
                    continue;
                }
                last_bare = matches!(p.shape, Shape::Bare { word: false, .. }).then_some(p.end);
                let mut p = p;
                if nonclaim::reads_as_age(text, &p, &around) {
                    p.as_age();
                }
                if let Some(e) = restated(text, p.end, p.value) {
                    (p.end, pos, at) = (e, e, e);
                }
                out.push(p.into_match());
            }
            Verdict::Skip => last_bare = None,
            Verdict::SkipId => {
                id_run = Some(p.end);
                last_bare = None;
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------
// Pre-scan

/// What an anchor is: digits, a word of the closed list (with its end), or a
/// currency sign (with its end).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Anchor {
    Digit,
    Word(usize),
    Sign(usize),
}

/// Words that can be the core of a quantity phrase, sorted (binary search).
#[rustfmt::skip]
const ANCHOR_WORDS: &[&str] = &[
    "billion", "billions", "couple", "crore", "dozen", "dozens", "eight", "eighteen",
    "eighth", "eighths", "eighty", "eleven", "few", "fifteen", "fifth", "fifths", "fifty",
    "five", "forty", "four", "fourteen", "fourth", "fourths", "fourty", "half", "halves",
    "handful", "hundred", "hundreds", "hundredth", "hundredths", "lakh", "million",
    "millions", "naught", "nil", "nine", "nineteen", "ninety", "ninth", "ninths", "nought",
    "one", "pair", "quarter", "quarters", "scores", "seven", "seventeen", "seventh",
    "sevenths", "seventy", "several", "six", "sixteen", "sixth", "sixths", "sixty", "ten",
    "tens", "tenth", "tenths", "third", "thirds", "thirteen", "thirty", "thousand",
    "thousands", "three", "trillion", "trillions", "twelve", "twenty", "two", "zero",
];

/// Words before an anchor that can open a phrase, sorted: qualifiers' first words,
/// range openers, articles ("a dozen"), signs, currency codes, "many" ("many
/// hundreds"), and units of time ("hour and a half").
#[rustfmt::skip]
const STARTER_WORDS: &[&str] = &[
    "a", "about", "above", "almost", "an", "approx", "approximately", "around", "as", "at",
    "below", "between", "bigger", "chf", "circa", "close", "day", "estimated", "eur",
    "exactly", "fewer", "from", "gbp", "greater", "half", "higher", "hour", "in", "jpy",
    "just", "larger", "less", "lower", "many", "minus", "minute", "month", "more", "nearly",
    "negative", "no", "not", "over", "precisely", "quarter", "roughly", "second", "smaller",
    "some", "syp", "under", "up", "upwards", "us", "usd", "week", "well", "year",
];

/// Words other than anchors that can open the core of a phrase, sorted: articles
/// ("a dozen", "an hour and a half"), "many", signs, range openers, units of time
/// ("minute-and-a half"), currency codes and letters ("USD 5", "HK$5").
#[rustfmt::skip]
const CORE_OPENERS: &[&str] = &[
    "a", "an", "aud", "between", "c", "cad", "chf", "day", "eur", "from", "gbp", "hk",
    "hour", "many", "minus", "minute", "month", "negative", "second", "syp", "us", "usd",
    "week", "year",
];

/// Words that may stand in a phrase before its first anchor, sorted: the starters,
/// the other words of the qualifiers ("than", "least", "excess", "or equal to"), the
/// other openers of a core ("HK", "AUD"), "and" ("hour and a half"), and the letters
/// of "U.S.$". A word before an anchor that is none of these ("killed", "the") ends
/// the walk back ([`candidate_starts`]).
#[rustfmt::skip]
const INNER_WORDS: &[&str] = &[
    "a", "about", "above", "almost", "an", "and", "approx", "approximately", "around",
    "as", "at", "aud", "below", "between", "bigger", "c", "cad", "chf", "circa", "close",
    "day", "equal", "estimated", "eur", "exactly", "excess", "fewer", "from", "gbp",
    "greater", "half", "higher", "hk", "hour", "in", "jpy", "just", "larger", "least",
    "less", "lower", "many", "maximum", "minimum", "minus", "minute", "month", "more",
    "most", "much", "nearly", "negative", "no", "not", "of", "or", "over", "precisely",
    "quarter", "roughly", "s", "second", "short", "shy", "smaller", "some", "syp", "than",
    "to", "u", "under", "up", "upwards", "us", "usd", "week", "well", "year",
];

static ANCHORS: WordSet<{ ANCHOR_WORDS.len() }> = WordSet::new(ANCHOR_WORDS);
static INNER: WordSet<{ INNER_WORDS.len() }> = WordSet::new(INNER_WORDS);

/// The inner words and the starters as [`PackedWords`], for the walk back's lookups.
static PACKED_INNER: PackedWords = PackedWords::new(INNER_WORDS);
static PACKED_STARTERS: PackedWords = PackedWords::new(STARTER_WORDS);
static OPENERS: WordSet<{ CORE_OPENERS.len() }> = WordSet::new(CORE_OPENERS);
static STARTERS: WordSet<{ STARTER_WORDS.len() }> = WordSet::new(STARTER_WORDS);

/// How the pre-scan treats a byte.
const PLAIN: u8 = 0;
const DIGIT: u8 = 1;
const LETTER: u8 = 2;
/// '$', '.', and the bytes of non-ASCII characters: looked at more closely.
const SPECIAL: u8 = 3;

/// The pre-scan's class of every byte.
static CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_digit() {
            DIGIT
        } else if b.is_ascii_alphabetic() {
            LETTER
        } else if b == b'$' || b == b'.' || !b.is_ascii() {
            SPECIAL
        } else {
            PLAIN
        };
        c += 1;
    }
    t
};

/// The anchor words as [`PackedWords`], for the pre-scan's eight-byte reading.
static PACKED_ANCHORS: PackedWords = PackedWords::new(ANCHOR_WORDS);

/// The next anchor at or after byte `from` (a word starts at `from` even inside a
/// longer one). Kept out of line: the loop runs faster with the registers to itself.
///
/// Nearly every word of a text is a lower-case word that can never be an anchor, so
/// the cost per word is what counts. While eight bytes remain the text is read eight
/// bytes at a time, from the start of each word: one load gives the length of a word
/// of fewer than eight letters, whether it is an anchor ([`PackedWords`] takes the
/// same integer), and the byte after it; a longer word takes the next eight bytes.
/// The last few bytes, and what is not a letter, are read as [`next_anchor_bytes`]
/// reads them, which gives the same answers everywhere.
#[inline(never)]
fn next_anchor(text: &str, from: usize) -> Option<(usize, Anchor)> {
    let b = text.as_bytes();
    let mut i = from;
    while let Some(x) = head8(b, i) {
        let len = letters_ahead(x);
        if len == 0 {
            let c = x as u8;
            if CLASS[usize::from(c)] == PLAIN {
                i += 1;
                continue;
            }
            match not_letter(text, i, c)? {
                Step::Found(a) => return Some((i, a)),
                Step::Next(j) => i = j,
            }
            continue;
        }
        if len < 8 {
            if PACKED_ANCHORS.contains_short(x, len) && !digit_before(b, i) {
                return Some((i, Anchor::Word(i + len)));
            }
            // the space after a word is passed at once; the byte after is in `x`
            let after = (x >> (8 * len)) as u8;
            i += len + usize::from(after == b' ');
            continue;
        }
        let Some(y) = head8(b, i + 8) else {
            break;
        };
        let more = letters_ahead(y);
        let j = if more < 8 {
            let j = i + 8 + more;
            if PACKED_ANCHORS.contains_long(x, y, more) && !digit_before(b, i) {
                return Some((i, Anchor::Word(j)));
            }
            j
        } else {
            // sixteen letters or more: no anchor is that long
            i + 16 + letter_run(b.get(i + 16..).unwrap_or_default())
        };
        i = if b.get(j) == Some(&b' ') { j + 1 } else { j };
    }
    next_anchor_bytes(text, i)
}

/// The number of ASCII letters that start the eight bytes `x` (read little-endian).
#[inline(always)]
fn letters_ahead(x: u64) -> usize {
    ((!letters_in(x) & HIGH).trailing_zeros() / 8) as usize
}

/// Whether the `n` ASCII letters that start `b` make an anchor word. The grammar
/// asks this of every phrase that opens with a word, nearly always an anchor word
/// the pre-scan found, which [`WordSet`] settles only by its exact test: a word of
/// fewer than eight letters with eight bytes to read is looked up as the pre-scan
/// looks it up ([`PackedWords`]), any other as [`ANCHORS`] holds it (a test
/// compares the two sets).
#[inline]
fn anchor_word(b: &[u8], n: usize) -> bool {
    match head8(b, 0) {
        Some(x) if (1..8).contains(&n) => PACKED_ANCHORS.contains_short(x, n),
        _ => ANCHORS.contains_letters(b.get(..n).unwrap_or_default()),
    }
}

/// Whether the `n` ASCII letters that start `b` make a word of `set`, which `packed`
/// holds as well: a word of fewer than eight letters with eight bytes to read is
/// looked up by one multiplication, any other as the [`WordSet`] holds it (a test
/// compares the two for the walk back's sets).
#[inline]
fn in_set<const N: usize>(b: &[u8], n: usize, packed: &PackedWords, set: &WordSet<N>) -> bool {
    match head8(b, 0) {
        Some(x) if (1..8).contains(&n) => packed.contains_short(x, n),
        _ => set.contains_letters(b.get(..n).unwrap_or_default()),
    }
}

/// Whether the byte before `i` is a digit: a word glued to digits ("5dozen") is no
/// anchor.
#[inline]
fn digit_before(b: &[u8], i: usize) -> bool {
    i > 0 && b[i - 1].is_ascii_digit()
}

/// [`next_anchor`] one byte or word at a time: how it reads the last bytes of a
/// text, and the reading it is checked against.
fn next_anchor_bytes(text: &str, from: usize) -> Option<(usize, Anchor)> {
    let b = text.as_bytes();
    let mut i = from;
    while let Some(&c) = b.get(i) {
        if CLASS[usize::from(c)] == LETTER {
            let j = i + letter_run(&b[i..]);
            if ANCHORS.contains_letters(&b[i..j]) && !digit_before(b, i) {
                return Some((i, Anchor::Word(j)));
            }
            // the space after a word is passed at once
            i = if b.get(j) == Some(&b' ') { j + 1 } else { j };
            continue;
        }
        match not_letter(text, i, c)? {
            Step::Found(a) => return Some((i, a)),
            Step::Next(j) => i = j,
        }
    }
    None
}

/// What the pre-scan makes of a byte that is not a letter: an anchor there, or where
/// to read on.
enum Step {
    Found(Anchor),
    Next(usize),
}

/// The pre-scan at byte `i` of `text`, `c`, not a letter; None when `i` is not at a
/// character (which the pre-scan never leaves it at). Out of line: the eight-byte
/// loop rarely comes here.
#[inline(never)]
fn not_letter(text: &str, i: usize, c: u8) -> Option<Step> {
    let b = text.as_bytes();
    Some(match CLASS[usize::from(c)] {
        DIGIT => Step::Found(Anchor::Digit),
        SPECIAL if c == b'$' => Step::Found(Anchor::Sign(i + 1)),
        SPECIAL if c == b'.' => {
            if b.get(i + 1).is_some_and(u8::is_ascii_digit)
                && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            {
                Step::Found(Anchor::Digit)
            } else {
                Step::Next(i + 1)
            }
        }
        SPECIAL => {
            let rest = text.get(i..)?;
            let ch = rest.chars().next()?;
            if matches!(ch, '\u{a3}' | '\u{20ac}' | '\u{a5}' | '\u{20b9}')
                || vulgar_fraction(rest).is_ok()
            {
                Step::Found(Anchor::Sign(i + ch.len_utf8()))
            } else {
                Step::Next(i + ch.len_utf8())
            }
        }
        _ => Step::Next(i + 1),
    })
}

/// Whether `s` only lists numbers: spaces, commas, "and", "&", "of", "to".
fn list_separators(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || c == ',' || c == '&')
        .all(|w| w.is_empty() || ["and", "of", "to"].contains(&w))
}

/// Where a phrase covering the anchor at `a` may start, farthest first: the starter
/// words among the six words before it (not before `pos`), a sign or currency
/// letters glued to it ("-5", "US$"), then the anchor itself.
///
/// With `prune` the walk back stops after the first word that is not [`INNER`]
/// ("killed" in "the strike killed 38"): a phrase from farther back would hold that
/// word, so an anchor word before it as well (every word of a phrase before its
/// first anchor is inner), and the phrase would already have been found at that
/// anchor, which moves `pos` past its start. That holds when every anchor word
/// between `pos` and `a` was tried, which the caller knows; the words dropped are
/// then the farthest starts, none of which can cover `a`, so the first start that
/// does is the same either way (a test compares the two walks).
fn candidate_starts(text: &str, a: usize, pos: usize, prune: bool) -> ([usize; 8], usize) {
    let mut back = [0usize; 8];
    let mut n = 0;
    let b = text.as_bytes();
    // the bytes between `pos` and the anchor: a sign ends them as '-' or as the
    // three bytes of U+2212, which no other character ends with
    let head = b.get(pos..a).unwrap_or_default();
    let sign = if head.ends_with(b"-") {
        1
    } else if head.ends_with("\u{2212}".as_bytes()) {
        3
    } else {
        0
    };
    let mut glued = None;
    if sign > 0 {
        // a sign only after a space or an opening bracket: "2013-14" has none
        let before = text.get(..a - sign).unwrap_or_default();
        if before.is_empty()
            || before.ends_with(|c: char| c.is_whitespace() || matches!(c, '(' | '['))
        {
            glued = Some(a - sign);
        }
    } else if b.get(a) == Some(&b'$') {
        let head = text.get(pos..a).unwrap_or_default();
        for p in ["US", "HK", "A", "C"] {
            if let Some(h) = head.strip_suffix(p)
                && !h.ends_with(|c: char| c.is_alphanumeric())
            {
                glued = Some(pos + h.len());
                break;
            }
        }
    }
    let mut j = glued.unwrap_or(a);
    for _ in 0..6 {
        let t = trim_separators_back(text, pos, j);
        if t == j {
            break;
        }
        let w = t - letter_run_back(&b[pos..t]);
        if w == t {
            break;
        }
        // every starter is inner: most words are settled by the one lookup
        let word = b.get(w..).unwrap_or_default();
        let inner = in_set(word, t - w, &PACKED_INNER, &INNER);
        if inner && in_set(word, t - w, &PACKED_STARTERS, &STARTERS) && n < 6 {
            back[n] = w;
            n += 1;
        }
        if prune && !inner {
            break;
        }
        j = w;
    }
    back[..n].reverse();
    if let Some(g) = glued {
        back[n] = g;
        n += 1;
    }
    back[n] = a;
    (back, n + 1)
}

/// The end of `text[lo..j]` once the whitespace, hyphens and dots that end it are
/// left out.
fn trim_separators_back(text: &str, lo: usize, mut j: usize) -> usize {
    let b = text.as_bytes();
    // the commonest gap, one space after a letter, ends where the loop would
    if j >= lo + 2 && b[j - 1] == b' ' && b[j - 2].is_ascii_alphabetic() {
        return j - 1;
    }
    while j > lo {
        let c = b[j - 1];
        if c.is_ascii() {
            if !(ascii_space(c) || c == b'-' || c == b'.') {
                break;
            }
            j -= 1;
        } else {
            match text.get(lo..j).and_then(|h| h.chars().next_back()) {
                Some(ch) if ch.is_whitespace() => j -= ch.len_utf8(),
                _ => break,
            }
        }
    }
    j
}

// ---------------------------------------------------------------------------------
// The phrase grammar

/// How a phrase was written, for telling claims from dates, years, codes and pronouns.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Shape {
    /// One number with no unit: dates, years, times and identifiers look like this.
    /// `plain` is its digit count when written as a bare run of digits, else 0.
    Bare {
        plain: u8,
        leading_zero: bool,
        word: bool,
    },
    /// The word "one" alone: a count or a pronoun.
    One,
    /// "half" alone.
    Half,
    /// A range; the ends' bare digit counts (0 when not bare digits).
    Range { a_plain: u8, b_plain: u8, high: f64 },
    /// Two bare numbers joined by a dash that cannot be a range: a score, a year
    /// span, a phone number or a code.
    Code,
    /// A vague amount.
    Vague,
    /// Anything else: money, percentages, measures, ratios.
    Other,
}

/// A parsed phrase before judgement.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Parsed {
    pub start: usize,
    pub end: usize,
    pub num_start: usize,
    pub num_end: usize,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    pub kind: Kind,
    pub unit: Option<&'static str>,
    pub is_word: bool,
    /// The qualifier written before the number, if any.
    pub pre: Option<Qualifier>,
    pub shape: Shape,
    /// Money named after the amount ("23 yen").
    pub money_after: bool,
}

impl Parsed {
    /// Read a count as an age: a measure in years, its interval recomputed.
    fn as_age(&mut self) {
        self.kind = Kind::Measure;
        self.unit = Some("year");
        if !matches!(self.shape, Shape::Range { .. } | Shape::Vague) {
            (self.low, self.high) = single_interval(self.qualifier, self.value, self.kind);
        }
    }

    fn into_match(self) -> QuantityMatch {
        QuantityMatch {
            start: self.start,
            end: self.end,
            num_start: self.num_start,
            num_end: self.num_end,
            value: self.value,
            low: self.low,
            high: self.high,
            qualifier: self.qualifier,
            kind: self.kind,
            unit: self.unit.map(str::to_string),
            is_word: self.is_word,
        }
    }
}

/// A number with its unit and trailing qualifier.
#[derive(Clone, Copy, Debug)]
struct Amount {
    num: (usize, usize),
    n: Numeral,
    unit: Option<Unit>,
    post: Option<Qualifier>,
    money_after: bool,
    /// The numeral is the single word "one".
    one: bool,
    /// The numeral is a lone vulgar fraction ("\u{be}").
    vulgar: bool,
}

/// The core of a phrase, qualifier before it not included.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Core {
    num: (usize, usize),
    value: f64,
    /// The interval of a range or vague amount.
    bounds: Option<(f64, f64)>,
    post: Option<Qualifier>,
    kind: Kind,
    unit: Option<&'static str>,
    is_word: bool,
    shape: Shape,
    money_after: bool,
}

/// How the two ends of a range are joined.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Conn {
    Between,
    To,
    Dash,
    Or,
}

/// Verbs of change: "rose from 20 to 50" gives two values, not a range.
#[rustfmt::skip]
const CHANGE_VERBS: &[&str] = &[
    "rose", "risen", "rise", "rises", "rising", "fell", "fallen", "fall", "falls",
    "falling", "increased", "increase", "increases", "increasing", "decreased", "decrease",
    "decreasing", "dropped", "drop", "drops", "dropping", "jumped", "jump", "jumps",
    "climbed", "climb", "climbs", "grew", "grown", "grow", "grows", "declined", "decline",
    "declining", "surged", "soared", "doubled", "tripled", "plunged", "slipped", "went",
    "up", "down", "revised", "raised", "lowered", "cut", "reduced", "upped", "shrank",
];

/// Words that may continue a number after a space, sorted: scales and their
/// abbreviations ("700 million", "5 bn"), "dozen", the number words with "a", "an",
/// "and" and "point" ("twenty one", "two point five", "one and a half"), the
/// denominators of fractions ("two thirds"), and the first words of qualifiers
/// after a number ("or more", "and over"), of ranges ("to", "through", "or") and of
/// ratios ("in", "out of"). A number followed by any other word (and by no unit)
/// ends there.
#[rustfmt::skip]
const CONTINUATION_WORDS: &[&str] = &[
    "a", "an", "and", "billion", "billions", "bln", "bn", "crore", "crores", "dozen",
    "dozens", "eight", "eighteen", "eighth", "eighths", "eighty", "eleven", "fifteen",
    "fifth", "fifths", "fifty", "five", "forty", "four", "fourteen", "fourth", "fourths",
    "fourty", "half", "halves", "hundred", "hundreds", "hundredth", "hundredths", "in",
    "lakh", "lakhs", "million", "millions", "mln", "mn", "naught", "nil", "nine",
    "nineteen", "ninety", "ninth", "ninths", "nought", "one", "or", "out", "point",
    "quarter", "quarters", "seven", "seventeen", "seventh", "sevenths", "seventy", "six",
    "sixteen", "sixth", "sixths", "sixty", "ten", "tenth", "tenths", "third", "thirds",
    "thirteen", "thirty", "thousand", "thousands", "thousandth", "thousandths", "three",
    "through", "tln", "tn", "to", "trillion", "trillions", "trn", "twelve", "twenty",
    "two", "zero",
];

static CONTINUATIONS: WordSet<{ CONTINUATION_WORDS.len() }> = WordSet::new(CONTINUATION_WORDS);

/// The grammar over one text: parsers know the whole text, so that offsets are
/// absolute and the words before a phrase can be consulted.
struct Grammar<'a> {
    text: &'a str,
}

impl<'a> Grammar<'a> {
    fn off(&self, rest: &str) -> usize {
        self.text.len() - rest.len()
    }

    /// The phrase covering the anchor at `a`, starting at or after `pos`; `prune` as
    /// [`candidate_starts`] takes it.
    fn at_anchor(&self, a: usize, pos: usize, prune: bool) -> Option<Parsed> {
        let (starts, n) = candidate_starts(self.text, a, pos, prune);
        // No qualifier opens with an anchor word or a digit: only the words before the
        // anchor are tried for one.
        starts[..n]
            .iter()
            .filter(|&&s| !how_about(self.text, s))
            .find_map(|&s| self.phrase(s, s != a).filter(|p| p.end > a))
    }

    /// A whole phrase at byte `s`: qualifier (when `qualified` may open it), core,
    /// interval.
    fn phrase(&self, s: usize, qualified: bool) -> Option<Parsed> {
        let i = self.text.get(s..)?;
        let (r, pre) = if qualified {
            opt(qualifier::before).parse(i).ok()?
        } else {
            (i, None)
        };
        let (r, c) = self.core(r).ok()?;
        let kind = c.kind;
        let (qualifier, (low, high)) = match c.shape {
            Shape::Range { .. } => {
                let (a, b) = c.bounds.unwrap_or((c.value, c.value));
                let iv = if pre == Some(Qualifier::Approx) {
                    widen(a, b, kind)
                } else {
                    (Some(a), Some(b))
                };
                (Qualifier::Range, iv)
            }
            Shape::Vague => {
                let (a, b) = c.bounds.unwrap_or((c.value, c.value));
                let q = pre.or(c.post);
                (q.unwrap_or(Qualifier::Vague), vague_interval(q, a, b, kind))
            }
            _ => match (pre, c.post) {
                // "about 500 or more": at least about 500
                (Some(Qualifier::Approx), Some(q @ (Qualifier::AtLeast | Qualifier::MoreThan))) => {
                    (q, (widen(c.value, c.value, kind).0, None))
                }
                (Some(Qualifier::Approx), Some(q @ (Qualifier::AtMost | Qualifier::LessThan))) => {
                    (q, (Some(0.0), widen(c.value, c.value, kind).1))
                }
                _ => {
                    let q = pre.or(c.post).unwrap_or(Qualifier::Exact);
                    (q, single_interval(q, c.value, kind))
                }
            },
        };
        let (low, high) = match (low, high) {
            (Some(l), Some(h)) if l > h => (Some(h), Some(l)),
            iv => iv,
        };
        Some(Parsed {
            start: s,
            end: self.off(r),
            num_start: c.num.0,
            num_end: c.num.1,
            value: c.value,
            low,
            high,
            qualifier,
            kind,
            unit: c.unit,
            is_word: c.is_word,
            pre,
            shape: c.shape,
            money_after: c.money_after,
        })
    }

    /// The core of a phrase. Order matters:
    /// - ranges opened by a keyword first ("between", "from"), chosen by that word;
    /// - vague amounts before numbers and fractions ("half a dozen", "a dozen");
    /// - fractions of a scale before fractions ("a quarter of a million" is a count),
    ///   fractions before numbers ("two thirds" is not "two");
    /// - then a number, as a ratio ("one in five"), a range ("20-30", "two or
    ///   three") or alone; a bare "half" last.
    ///
    /// Forms that open with a word are only tried when the phrase opens with a word.
    /// The commonest shape, one number that nothing continues, is read first by
    /// [`plain_core`](Self::plain_core).
    fn core(&self, i: &'a str) -> Res<'a, Core> {
        // a first word that is no anchor and opens no form ends it at once (as in
        // `any_core`), before the plain reading looks the word up
        let b = i.as_bytes();
        if b.first().is_some_and(u8::is_ascii_alphabetic) {
            let n = letter_run(b);
            if !anchor_word(b, n) && !OPENERS.contains_letters(&b[..n])
                || lone_article(i)
                || lone_time_unit(i)
            {
                return fail();
            }
        }
        match self.plain_core(i) {
            Some(found) => Ok(found),
            None => self.any_core(i),
        }
    }

    /// The commonest core read straight from the bytes: one number, a run of up to
    /// 18 digits ("700"), a number word from one to ninety ("three") or a vague
    /// amount in one word ("dozens", "several"; also before "of" and a word that
    /// starts no unit and is no plural scale: "dozens of people"), followed by
    /// the end of the text, by punctuation that no form reads after a number (not
    /// '-', '+', '%', '$', nor ',' or '.' before a digit), by one space and digits
    /// that cannot group thousands or punctuation other than a dash, '%' or '$'
    /// ("2017 2018", "2017 (AFP)"), or by one space and a word that neither starts
    /// a unit nor may continue a number
    /// ([`CONTINUATIONS`]: "700 people", "three of"). A word that may start a unit
    /// is looked up as the grammar does: no unit ("700 Syrian refugees") leaves the
    /// number alone, a unit ("5 km", "two days") is taken when the same kind of end
    /// follows it (a stricter one: no digits, no word of [`CONTINUATIONS`], no
    /// second unit). None for any other shape, which the grammar reads. Where it
    /// answers, the answer is the grammar's: every form that reads past such a
    /// number needs a character or a word ruled out here (a test compares the two
    /// over varied phrases and a whole corpus).
    fn plain_core(&self, i: &'a str) -> Option<(&'a str, Core)> {
        let b = i.as_bytes();
        let first = *b.first()?;
        // the interval of a vague amount
        let mut bounds = None;
        let (n, value, shape) = if first.is_ascii_digit() {
            let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if n > 18 {
                return None;
            }
            let v = b[..n]
                .iter()
                .fold(0u64, |v, &d| v * 10 + u64::from(d - b'0'));
            let shape = Shape::Bare {
                plain: n as u8,
                leading_zero: n > 1 && first == b'0',
                word: false,
            };
            (n, v as f64, shape)
        } else {
            let n = letter_run(b);
            let w = &b[..n];
            match small_number_word(w) {
                Some(v) if w.eq_ignore_ascii_case(b"one") => (n, v, Shape::One),
                Some(v) => {
                    let shape = Shape::Bare {
                        plain: 0,
                        leading_zero: false,
                        word: true,
                    };
                    (n, v, shape)
                }
                None => {
                    let v = vague::lone_word(w)?;
                    bounds = Some((v.low, v.high));
                    (n, v.low, Shape::Vague)
                }
            }
        };
        let vague = bounds.is_some();
        // a unit read after the number: taken when the same kind of end follows it
        // (a stricter one, see `after_number`); "3 years old" reads on
        let with_unit = |(r, u): (&str, Unit)| {
            let r = r.as_bytes();
            let old =
                u.name == "year" && r.get(1..4).is_some_and(|w| w.eq_ignore_ascii_case(b"old"));
            if old || after_number(r, first, n, value, false, true) != After::Ends {
                return None;
            }
            Some((b.len() - r.len(), Some(u)))
        };
        let (end, unit) = match after_number(&b[n..], first, n, value, vague, false) {
            After::Ends => (n, None),
            // "five-year war", "24-hour": a unit after a hyphen, else the grammar
            // decides ("20-member", "20-30")
            After::Other if !vague && b.get(n) == Some(&b'-') => {
                with_unit(unit::hyphen_unit(&i[n..]).ok()?)?
            }
            After::Other => return None,
            // "700 Syrian refugees" or "700 Syrian pounds": the unit reader settles
            // it
            After::MayBeUnit => match unit::unit_after(&i[n..]) {
                Err(_) => (n, None),
                Ok(found) => with_unit(found)?,
            },
        };
        let start = self.off(i);
        let (kind, shape) = match unit {
            Some(u) => (u.kind, Shape::Other),
            None => (Kind::Count, shape),
        };
        Some((
            &i[end..],
            Core {
                num: (start, start + n),
                value,
                bounds,
                post: None,
                kind,
                unit: unit.map(|u| u.name),
                is_word: !first.is_ascii_digit(),
                shape,
                money_after: kind == Kind::Currency,
            },
        ))
    }

    /// The core of a phrase by the whole grammar ([`core`](Self::core)).
    fn any_core(&self, i: &'a str) -> Res<'a, Core> {
        if i.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let n = i.bytes().take_while(u8::is_ascii_alphabetic).count();
            let first = &i.as_bytes()[..n];
            if !anchor_word(i.as_bytes(), n) && !OPENERS.contains(first) {
                return fail();
            }
            match Lower::new_bytes(first).bytes() {
                b"between" => return self.between(i),
                b"from" => return self.range_from(i),
                _ => {}
            }
            if let Ok(found) = alt((
                |i| self.vague_core(i),
                |i| self.scaled_fraction(i),
                |i| self.fraction(i),
                |i| self.half_unit(i),
                |i| self.unit_and_a_half(i),
            ))
            .parse(i)
            {
                return Ok(found);
            }
        }
        alt((|i| self.amount_or_range(i), |i| self.bare_half(i))).parse(i)
    }

    /// A number with its currency, sign, unit and trailing qualifier: "$3.2
    /// trillion", "-5 degrees", "170 years", "four-year", "70%", "700 or more".
    /// Fails on a number glued to letters no unit explains ("21st", "4x4",
    /// "20-member"): ordinals and codes are not quantities.
    fn amount(&self, i: &'a str, with_post: bool) -> Res<'a, Amount> {
        let (r, cur) = match unit::currency_prefix(i) {
            Ok((r, code)) => (ws0(r).map_or(r, |(r, _)| r), Some(code)),
            Err(_) => (i, None),
        };
        let num_start = self.off(r);
        let (r, sgn) = match cur {
            None => sign(r).map_or((r, None), |(r2, s)| (r2, Some(s))),
            Some(_) => (r, None),
        };
        let before_num = r;
        let (r, mut n) = numeral(cur.is_some())(r)?;
        let written = &before_num[..before_num.len() - r.len()];
        let one = n.is_word && written.eq_ignore_ascii_case("one");
        let vulgar = vulgar_fraction(written).is_ok_and(|(rest, _)| rest.is_empty());
        if let Some(s) = sgn {
            n.value *= s;
            n.plain = 0;
        }
        let num_end = self.off(r);
        // "$5abc": money takes no unit after its number
        if cur.is_some() && r.starts_with(char::is_alphabetic) {
            return fail();
        }
        let after_num = r;
        let mut r = r;
        let mut post = None;
        if with_post && let Ok((r2, q)) = qualifier::after(r) {
            (r, post) = (r2, Some(q));
        }
        let mut unit = cur.map(|code| Unit {
            kind: Kind::Currency,
            name: code,
        });
        let mut money_after = false;
        if unit.is_none()
            && let Ok((r2, u)) = unit::hyphen_unit(r).or_else(|_| unit::unit_after(r))
        {
            (r, unit) = (r2, Some(u));
            money_after = u.kind == Kind::Currency;
        }
        if unit.is_some_and(|u| u.name == "year")
            && let Ok((r2, _)) = (ws, kw("old")).parse(r)
        {
            r = r2;
        }
        // After a unit ("20 km or so"); where nothing was read, the first try
        // already failed.
        if with_post
            && post.is_none()
            && r.len() != after_num.len()
            && let Ok((r2, q)) = qualifier::after(r)
        {
            (r, post) = (r2, Some(q));
        }
        if unit.is_none() && post.is_none() && glued_word(r) {
            return fail();
        }
        Ok((
            r,
            Amount {
                num: (num_start, num_end),
                n,
                unit,
                post,
                money_after,
                one,
                vulgar,
            },
        ))
    }

    /// A single amount, a ratio or a range of two: "20-30", "20 to 30 percent", "two
    /// or three", "$3-5 billion", "one in five".
    fn amount_or_range(&self, i: &'a str) -> Res<'a, Core> {
        let (r, a) = self.amount(i, true)?;
        if a.post.is_none() {
            if let Ok(found) = self.ratio_tail(r, &a) {
                return Ok(found);
            }
            if let Ok((r2, (conn, b))) = self.range_tail(r, a.num.0)
                && let Some(c) = range_core(&a, &b, conn)
            {
                return Ok((r2, c));
            }
        }
        let (kind, unit) = match a.unit {
            Some(u) => (u.kind, Some(u.name)),
            // "\u{be}" alone is a ratio
            None if a.vulgar => (Kind::Ratio, None),
            None => (Kind::Count, None),
        };
        let shape = match (a.unit, a.one) {
            _ if a.vulgar => Shape::Other,
            (None, true) => Shape::One,
            (None, false) => Shape::Bare {
                plain: a.n.plain,
                leading_zero: a.n.leading_zero,
                word: a.n.is_word,
            },
            _ => Shape::Other,
        };
        Ok((
            r,
            Core {
                num: a.num,
                value: a.n.value,
                bounds: None,
                post: a.post,
                kind,
                unit,
                is_word: a.n.is_word,
                shape,
                money_after: a.money_after,
            },
        ))
    }

    /// The second end of a range after its first (which starts at `a_start`).
    fn range_tail(&self, r: &'a str, a_start: usize) -> Res<'a, (Conn, Amount)> {
        // Past the spaces, every way on starts with a dash (ASCII or not), or with
        // "to", "through" or "or" after a space; anything else ends here.
        let b = r.as_bytes();
        let k = b.iter().take_while(|&&c| ascii_space(c)).count();
        let may = b.get(k).is_some_and(|&c| {
            c == b'-' || !c.is_ascii() || (k > 0 && matches!(c | 0x20, b't' | b'o'))
        });
        if !may {
            return fail();
        }
        if let Ok((r2, (_, _, _, b))) = (ws0, dash, ws0, |i| self.amount(i, false)).parse(r) {
            return Ok((r2, (Conn::Dash, b)));
        }
        // "rose by 5 to 20", "(from) 20 to 50" after a change verb: two numbers
        let to_ok = || {
            !super::lexeme::prev_word(self.text, a_start).is_some_and(|(_, w)| {
                w.eq_ignore_ascii_case("by") || w.eq_ignore_ascii_case("from")
            })
        };
        if let Ok((r1, _)) = (ws, alt((kw("to"), kw("through")))).parse(r)
            && to_ok()
            && let Ok((r2, (_, b))) = (ws, |i| self.amount(i, false)).parse(r1)
        {
            return Ok((r2, (Conn::To, b)));
        }
        let (r2, (_, _, _, b)) = (ws, kw("or"), ws, |i| self.amount(i, false)).parse(r)?;
        Ok((r2, (Conn::Or, b)))
    }

    /// "between A and B".
    fn between(&self, i: &'a str) -> Res<'a, Core> {
        let (r, _) = (kw("between"), ws).parse(i)?;
        let (r, a) = self.amount(r, false)?;
        let (r, _) = (ws, kw("and"), ws).parse(r)?;
        let (r, b) = self.amount(r, false)?;
        match range_core(&a, &b, Conn::Between) {
            Some(c) => Ok((r, c)),
            None => fail(),
        }
    }

    /// "from A to B", "from A-B"; not after a verb of change ("rose from 20 to 50").
    fn range_from(&self, i: &'a str) -> Res<'a, Core> {
        let start = self.off(i);
        if super::lexeme::prev_word(self.text, start)
            .is_some_and(|(_, w)| CHANGE_VERBS.iter().any(|v| v.eq_ignore_ascii_case(w)))
        {
            return fail();
        }
        let (r, _) = (kw("from"), ws).parse(i)?;
        let (r, a) = self.amount(r, false)?;
        let (r, (conn, b)) = alt((
            |r| {
                let (r, (_, _, _, b)) = (ws, kw("to"), ws, |i| self.amount(i, false)).parse(r)?;
                Ok((r, (Conn::To, b)))
            },
            |r| {
                let (r, (_, _, _, b)) = (ws0, dash, ws0, |i| self.amount(i, false)).parse(r)?;
                Ok((r, (Conn::Dash, b)))
            },
        ))
        .parse(r)?;
        match range_core(&a, &b, conn) {
            Some(c) if !matches!(c.shape, Shape::Code) => Ok((r, c)),
            _ => fail(),
        }
    }

    /// After a small number `a`: " in five", " out of 5", " in every three": a ratio
    /// ("one in five" is 0.2). The first number is 1 to 10, the second larger and at
    /// most 1000; neither has a unit ("5 in 10 days" is not a ratio).
    fn ratio_tail(&self, r: &'a str, a: &Amount) -> Res<'a, Core> {
        if !ws_then_letter(r, b"io") {
            return fail();
        }
        let av = a.n.value;
        if a.unit.is_some() || a.n.scale != 1.0 || !(1.0..=10.0).contains(&av) || av.fract() != 0.0
        {
            return fail();
        }
        let (r, _) = (ws, alt((kw("in"), words("out of"))), ws).parse(r)?;
        let (r, _) = opt((kw("every"), ws)).parse(r)?;
        let (r, b) = self.amount(r, false)?;
        let bv = b.n.value;
        if b.unit.is_some() || bv.fract() != 0.0 || bv <= av || bv > 1000.0 {
            return fail();
        }
        let (r, post) = opt(qualifier::after).parse(r)?;
        Ok((
            r,
            Core {
                num: (a.num.0, b.num.1),
                value: av / bv,
                bounds: None,
                post,
                kind: Kind::Ratio,
                unit: None,
                is_word: a.n.is_word,
                shape: Shape::Other,
                money_after: false,
            },
        ))
    }

    /// A vague amount with its unit: "tens of thousands", "several months", "a few
    /// kilometres", "millions of dollars", "a dozen or so".
    fn vague_core(&self, i: &'a str) -> Res<'a, Core> {
        let start = self.off(i);
        let (r, v) = vague(i)?;
        let num_end = self.off(r);
        let (mut r, mut unit) = (r, None);
        if let Ok((r2, u)) = unit::unit_after(r) {
            (r, unit) = (r2, Some(u));
        } else if let Ok((r2, (_, _, _, u))) = (
            ws,
            kw("of"),
            ws,
            alt((unit::currency_word, unit::measure_after)),
        )
            .parse(r)
        {
            (r, unit) = (r2, Some(u));
        }
        let (r, post) = opt(qualifier::after).parse(r)?;
        Ok((
            r,
            Core {
                num: (start, num_end),
                value: v.low,
                bounds: Some((v.low, v.high)),
                post,
                kind: unit.map_or(Kind::Count, |u| u.kind),
                unit: unit.map(|u| u.name),
                is_word: true,
                shape: Shape::Vague,
                money_after: false,
            },
        ))
    }

    /// A fraction of a scale as an amount: "half a million", "a quarter of a million
    /// people", "half a billion dollars".
    fn scaled_fraction(&self, i: &'a str) -> Res<'a, Core> {
        peek(fraction_of_scale).parse(i)?;
        self.amount_or_range(i)
    }

    /// A fraction in words: "two-thirds", "one fifth", "a third of".
    fn fraction(&self, i: &'a str) -> Res<'a, Core> {
        let start = self.off(i);
        let (r, (v, article)) = word_fraction(i)?;
        // "a third of", "a half." but not "a third attack"
        if article && peek((ws, kw("of"))).parse(r).is_err() && !clause_ends(r) {
            return fail();
        }
        if !at_boundary(r) || r.starts_with(['-', '\u{2010}', '\u{2011}']) {
            return fail();
        }
        Ok((r, ratio_core((start, self.off(r)), v)))
    }

    /// "half an hour", "half a mile": half of a unit.
    fn half_unit(&self, i: &'a str) -> Res<'a, Core> {
        let start = self.off(i);
        let (r, _) = (kw("half"), ws, alt((kw("a"), kw("an"))), ws).parse(i)?;
        let (r, u) = alt((unit::time_unit, |i| {
            let (r, u) = unit::measure_after(i)?;
            if u.name == "metre" {
                fail()
            } else {
                Ok((r, u))
            }
        }))
        .parse(r)?;
        Ok((r, measure_core((start, self.off(r)), 0.5, u, true)))
    }

    /// "minute-and-a half", "hour and a half", "year-and-a-half": one and a half of a
    /// unit of time.
    fn unit_and_a_half(&self, i: &'a str) -> Res<'a, Core> {
        let start = self.off(i);
        let sep = |i| alt((ws, hyphen)).parse(i);
        let (r, (u, _, _, _, _, _, _)) = (
            unit::time_unit,
            sep,
            kw("and"),
            sep,
            kw("a"),
            sep,
            kw("half"),
        )
            .parse(i)?;
        Ok((r, measure_core((start, self.off(r)), 1.5, u, true)))
    }

    /// "half" alone: a ratio, kept only where the judge finds "of", a determiner or
    /// a qualifier around it.
    fn bare_half(&self, i: &'a str) -> Res<'a, Core> {
        let start = self.off(i);
        let (r, _) = kw("half")(i)?;
        let mut c = ratio_core((start, self.off(r)), 0.5);
        c.shape = Shape::Half;
        Ok((r, c))
    }
}

/// Words after "a" or "an" that no form of the grammar reads after an article,
/// beyond [`CONTINUATIONS`] (scales and "dozen": "a hundred"; denominators: "a
/// third"): the vague amounts "a few", "a couple", "a handful", "a pair".
static AFTER_ARTICLE: WordSet<4> = WordSet::new(&["couple", "few", "handful", "pair"]);

/// Whether `i` opens with "a" or "an", one space and a word that no form reads
/// after an article ("a car", "an attack"): no core starts there. Articles stand
/// before many of the words the walk back from an anchor passes.
fn lone_article(i: &str) -> bool {
    let b = i.as_bytes();
    let n = match b {
        [a, b' ', ..] if a | 0x20 == b'a' => 1,
        [a, n, b' ', ..] if a | 0x20 == b'a' && n | 0x20 == b'n' => 2,
        _ => return false,
    };
    let rest = &b[n + 1..];
    let w = &rest[..letter_run(rest)];
    !w.is_empty() && !CONTINUATIONS.contains_letters(w) && !AFTER_ARTICLE.contains_letters(w)
}

/// What follows a number (or, with `after_unit`, the unit after it) that
/// [`Grammar::plain_core`] read: `b` is the text from there, `first` the number's
/// first byte, `n` its length, `vague` whether it is a vague amount.
#[derive(Clone, Copy, PartialEq, Eq)]
enum After {
    /// Nothing the grammar reads on with: the phrase ends here.
    Ends,
    /// One space and a word that may start a unit, and nothing else to read on with.
    MayBeUnit,
    /// Something the whole grammar must read.
    Other,
}

/// See [`After`]. After a unit, every word that may continue a number, digits and
/// the first word of another unit are left to the grammar.
fn after_number(b: &[u8], first: u8, n: usize, value: f64, vague: bool, after_unit: bool) -> After {
    match b.first() {
        None => After::Ends,
        Some(b' ') => {
            let rest = &b[1..];
            let w = &rest[..letter_run(rest)];
            // "dozens of people": the word after "of" starts no unit ("millions
            // of dollars") and is no plural scale ("hundreds of thousands")
            if vague && w.eq_ignore_ascii_case(b"of") {
                let after = rest.get(3..).unwrap_or_default();
                let w = &after[..letter_run(after)];
                if rest.get(2) != Some(&b' ')
                    || w.is_empty()
                    || unit::may_start_unit(w)
                    || [&b"thousands"[..], b"millions", b"billions"]
                        .iter()
                        .any(|s| w.eq_ignore_ascii_case(s))
                {
                    return After::Other;
                }
                After::Ends
            }
            // after the space, no word: digits that cannot group thousands with
            // the number ("2017 2018", "5 2017": a group after a space is one to
            // three digits and then exactly three), or punctuation that no form
            // reads after a space (not a dash, '%' or '$': "2017 (AFP)")
            else if w.is_empty() {
                let ok = match rest.first() {
                    Some(c) if c.is_ascii_digit() => {
                        let groups = first.is_ascii_digit()
                            && n <= 3
                            && rest.iter().take_while(|c| c.is_ascii_digit()).count() == 3;
                        !(after_unit || groups)
                    }
                    Some(&c) => c.is_ascii_punctuation() && !matches!(c, b'-' | b'%' | b'$'),
                    None => false,
                };
                if ok { After::Ends } else { After::Other }
            }
            // (the word after one space is what `unit_after` looks up first)
            else if CONTINUATIONS.contains_letters(w)
                && (after_unit || !ends_anyway(first, value, w, rest))
                || w.get(..5).is_some_and(|h| h.eq_ignore_ascii_case(b"dozen"))
            {
                After::Other
            } else if unit::may_start_unit(w) {
                if vague || after_unit {
                    After::Other
                } else {
                    After::MayBeUnit
                }
            } else {
                After::Ends
            }
        }
        // a comma or a point before a digit groups thousands or starts decimals
        Some(b',' | b'.') if b.get(1).is_some_and(u8::is_ascii_digit) => After::Other,
        Some(&c) if c.is_ascii_punctuation() && !matches!(c, b'-' | b'+' | b'%' | b'$') => {
            After::Ends
        }
        Some(_) => After::Other,
    }
}

/// Whether a word of [`CONTINUATIONS`] after a number still ends it: "in" and "out"
/// make a ratio only after one to ten ("2011 in"), and after digits "and" is read
/// only before "more", "above" or "over" ("700 and 20"). `first` is the number's
/// first byte, `rest` the text from the word on.
fn ends_anyway(first: u8, value: f64, w: &[u8], rest: &[u8]) -> bool {
    if w.eq_ignore_ascii_case(b"in") || w.eq_ignore_ascii_case(b"out") {
        return !(1.0..=10.0).contains(&value);
    }
    if first.is_ascii_digit() && w.eq_ignore_ascii_case(b"and") {
        let next = match rest.get(3..) {
            Some([b' ', next @ ..]) => &next[..letter_run(next)],
            _ => return false,
        };
        return !next.is_empty()
            && ![&b"more"[..], b"above", b"over"]
                .iter()
                .any(|q| next.eq_ignore_ascii_case(q));
    }
    false
}

/// The units of time that open a core ("hour and a half"), as [`unit::time_unit`]
/// reads them.
static TIME_UNITS: WordSet<7> =
    WordSet::new(&["day", "hour", "minute", "month", "second", "week", "year"]);

/// Whether `i` opens with a unit of time and then a space or a hyphen and a word
/// other than "and" ("year since", "day-long"): the only core that starts with a
/// unit of time is "hour and a half" and its kind.
fn lone_time_unit(i: &str) -> bool {
    let b = i.as_bytes();
    let n = letter_run(b);
    if !matches!(b.get(n), Some(b' ' | b'-')) || !TIME_UNITS.contains_letters(&b[..n]) {
        return false;
    }
    let rest = &b[n + 1..];
    let w = &rest[..letter_run(rest)];
    !w.is_empty() && !w.eq_ignore_ascii_case(b"and")
}

/// "how about", "what about": "about" asks, it does not approximate.
fn how_about(text: &str, s: usize) -> bool {
    // most starts are no "about": their first letter says so
    text.as_bytes().get(s).is_some_and(|&c| c | 0x20 == b'a')
        && kw("about")(&text[s..]).is_ok()
        && super::lexeme::prev_word(text, s)
            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("how") || w.eq_ignore_ascii_case("what"))
}

/// A number restated in brackets right after a claim: "forty-five (45)", "45
/// (forty five)". Returns the end of the closing bracket when the value is the same.
fn restated(text: &str, end: usize, value: f64) -> Option<usize> {
    let t = &text[end..];
    // Only a bracket or white space (which may be non-ASCII) can come first.
    if !t
        .as_bytes()
        .first()
        .is_some_and(|&c| c == b'(' || !c.is_ascii() || ascii_space(c))
    {
        return None;
    }
    let (r, _) = ws0(t).ok()?;
    let r = r.strip_prefix('(')?;
    let (r, n) = numeral(false)(r).ok()?;
    let r = r.strip_prefix(')')?;
    (n.value == value).then(|| text.len() - r.len())
}

/// A dash between the ends of a range.
fn dash(i: &str) -> Res<'_, &str> {
    super::lexeme::dash(i)
}

/// The next character starts a word glued to the number ("21st", "4x4") or a
/// hyphenated word that is not a unit ("20-member", "one-sided"); "-strong" is
/// allowed ("a 300-strong force": the count is 300).
fn glued_word(r: &str) -> bool {
    if r.starts_with(char::is_alphabetic) {
        return true;
    }
    if let Ok((after, _)) = hyphen(r)
        && after.starts_with(char::is_alphabetic)
    {
        return kw("strong")(after).is_err();
    }
    false
}

/// Whether nothing but punctuation or the end follows.
fn clause_ends(r: &str) -> bool {
    !r.trim_start().starts_with(char::is_alphanumeric)
}

fn ratio_core(num: (usize, usize), v: f64) -> Core {
    Core {
        num,
        value: v,
        bounds: None,
        post: None,
        kind: Kind::Ratio,
        unit: None,
        is_word: true,
        shape: Shape::Other,
        money_after: false,
    }
}

fn measure_core(num: (usize, usize), v: f64, u: Unit, is_word: bool) -> Core {
    Core {
        num,
        value: v,
        bounds: None,
        post: None,
        kind: u.kind,
        unit: Some(u.name),
        is_word,
        shape: Shape::Other,
        money_after: false,
    }
}

/// A range from its two ends, or None if they cannot make one. A dash between bare
/// numbers that cannot be a range is a code.
fn range_core(a: &Amount, b: &Amount, conn: Conn) -> Option<Core> {
    let unit = match (a.unit, b.unit) {
        (Some(x), Some(y)) if x != y => return None,
        (x, y) => y.or(x),
    };
    let (mut av, mut bv) = (a.n.value, b.n.value);
    // "between 2 and 3 million", "$3-5 billion": the scale of the second end
    if a.n.scale == 1.0 && b.n.scale > 1.0 && av <= bv / b.n.scale {
        av *= b.n.scale;
    }
    let bare = a.unit.is_none() && b.unit.is_none() && a.n.scale == 1.0 && b.n.scale == 1.0;
    let code = Core {
        num: (a.num.0, b.num.1),
        value: av,
        bounds: None,
        post: None,
        kind: Kind::Count,
        unit: None,
        is_word: false,
        shape: Shape::Code,
        money_after: false,
    };
    match conn {
        Conn::Between => {
            if bv < av {
                std::mem::swap(&mut av, &mut bv);
            }
        }
        Conn::To => {
            if bv <= av {
                return None;
            }
        }
        Conn::Or => {
            if bv <= av || bv > 2.0 * av + 10.0 {
                return None;
            }
        }
        Conn::Dash => {
            if a.n.is_word || b.n.is_word {
                return None;
            }
            if bv <= av {
                return bare.then_some(code);
            }
            let phone = a.n.plain == 3 && b.n.plain == 4 && bv % 100.0 != 0.0;
            if bare && (phone || bv > 10.0 * av.max(1.0)) {
                return Some(code);
            }
        }
    }
    // "in 2011 to 1.5 million": a year and an amount are not the ends of a range
    let year = |n: &Numeral| n.plain == 4 && (1900.0..=2099.0).contains(&n.value);
    if year(&a.n) != year(&b.n) && (a.n.plain == 4 || b.n.plain == 4) {
        return None;
    }
    Some(Core {
        num: (a.num.0, b.num.1),
        value: av,
        bounds: Some((av, bv)),
        post: None,
        kind: unit.map_or(Kind::Count, |u| u.kind),
        unit: unit.map(|u| u.name),
        is_word: a.n.is_word,
        shape: Shape::Range {
            a_plain: if a.unit.is_none() { a.n.plain } else { 0 },
            b_plain: if b.unit.is_none() { b.n.plain } else { 0 },
            high: bv,
        },
        money_after: false,
    })
}

// ---------------------------------------------------------------------------------
// Intervals

/// The interval of one value under a qualifier ([`interval_for`]), made safe for
/// negative values: "less than -5" has no lower bound, and a bound that crosses the
/// other swaps with it.
fn single_interval(q: Qualifier, v: f64, kind: Kind) -> (Option<f64>, Option<f64>) {
    // the commonest case: an exact value is its own interval, as `interval_for` says
    if q == Qualifier::Exact {
        return (Some(v), Some(v));
    }
    let iv = interval_for(q, v, kind);
    let (mut lo, mut hi) = (iv.low, iv.high);
    if matches!(q, Qualifier::Approx | Qualifier::Nearly) {
        (lo, hi) = (lo.map(tidy), hi.map(tidy));
    }
    if v < 0.0 && matches!(q, Qualifier::LessThan | Qualifier::AtMost) {
        lo = None;
    }
    if let (Some(l), Some(h)) = (lo, hi)
        && l > h
    {
        (lo, hi) = (Some(h), Some(l));
    }
    (lo, hi)
}

/// A bound rounded to twelve significant digits, so that "about 3 km" is [2.7, 3.3]
/// and not [2.7, 3.3000000000000003].
fn tidy(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() || x.fract() == 0.0 {
        return x;
    }
    let m = 10f64.powi(12 - x.abs().log10().ceil() as i32);
    let y = (x * m).round() / m;
    if y.is_finite() { y } else { x }
}

/// A vague interval under a qualifier: "more than a dozen" [13, inf) (one more than
/// the smallest reading, for counts), "at least dozens" [24, inf), "fewer than a
/// dozen" [0, 11], "about a dozen" [10, 14], "nearly a dozen" [11, 11].
fn vague_interval(
    q: Option<Qualifier>,
    lo: f64,
    hi: f64,
    kind: Kind,
) -> (Option<f64>, Option<f64>) {
    let Some(q) = q else {
        return (Some(lo), Some(hi));
    };
    if lo == hi {
        return single_interval(q, lo, kind);
    }
    let int = kind.is_integral();
    match q {
        Qualifier::Exact | Qualifier::Range | Qualifier::Vague => (Some(lo), Some(hi)),
        Qualifier::MoreThan => (Some(if int { lo + 1.0 } else { lo }), None),
        Qualifier::AtLeast => (Some(lo), None),
        Qualifier::LessThan => (Some(0.0), Some(if int { hi - 1.0 } else { hi })),
        Qualifier::AtMost => (Some(0.0), Some(hi)),
        Qualifier::Nearly => {
            let l = if int {
                (0.9 * lo - 1e-9).ceil()
            } else {
                0.9 * lo
            };
            (Some(l), Some(hi))
        }
        Qualifier::Approx => widen(lo, hi, kind),
    }
}

/// [A, B] widened by 10% at both ends ("about 20 to 30"), rounded outward for counts.
fn widen(a: f64, b: f64, kind: Kind) -> (Option<f64>, Option<f64>) {
    if kind.is_integral() {
        (
            Some((0.9 * a + 1e-9).floor()),
            Some((1.1 * b - 1e-9).ceil()),
        )
    } else {
        (Some(tidy(0.9 * a)), Some(tidy(1.1 * b)))
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod plain_tests;
