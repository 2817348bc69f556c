//! Numerals: one number as written, in digits or in words.
//!
//! - digits with thousands separators ("1,300", "1 300", thin and no-break spaces),
//!   long bare runs ("280000": the FA-KES text lost its commas), decimals ("4.8",
//!   ".08"); a sentence-final period is not a decimal point ("killed 375.");
//! - scales: glued suffixes ("10k", "2bn", "1.2b", "2mil", "1MM") and words
//!   ("1.5 million", "322 hundred", "13 lakh", "3 dozen");
//! - number words and compounds ("thirty-eight", "fifty - two", "a hundred and five",
//!   "twelve hundred", "one million two hundred thousand", "three thousand millions"),
//!   spoken decimals ("two point five"), mixed fractions ("two and a half", "five and a
//!   half million", "3 million and a half"), dozens ("a dozen", "two dozen");
//! - fractions in words ("two-thirds", "one fifth", "a quarter"), and fractions of a
//!   scale ("half a million", "a quarter of a million", "half a dozen").
//!
//! "m" glued to digits means million only after a currency sign ("£3m"); otherwise it
//! is the metre ("a 3m wall"), read by the unit grammar. "M" and "MM" always mean
//! million, "T" means trillion only after a currency sign. Digit fractions ("3/4") are
//! not numerals here: a slash between digits is a date, a score or a code in news text.

use super::lexeme::{
    Lower, Res, WordSet, ascii_space, ascii_word, at_boundary, fail, hyphen, kw, letter_run,
    second_word, tag_ci, tag_cs, ws, ws_then_letter,
};
use nom::Parser;
use nom::branch::alt;
use nom::combinator::{map, opt, value};
use nom::sequence::preceded;

/// One number as written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Numeral {
    pub value: f64,
    /// Written in words ("three", "a dozen").
    pub is_word: bool,
    /// The multiplier of the scale that ends the numeral ("million", "bn", "k"); 1 if
    /// none. A range's first end borrows it: "between 2 and 3 million".
    pub scale: f64,
    /// The number of digits when written as a bare run of digits (no separator, point
    /// or scale), else 0: years, times and codes are bare runs.
    pub plain: u8,
    /// A bare run that starts with 0 ("05", "0914").
    pub leading_zero: bool,
}

/// Parse a whole string as one numeral (digits or words): "1,300" -> 1300,
/// "thirty-eight" -> 38, "a hundred and five" -> 105, "1.5 million" -> 1_500_000,
/// "2bn" -> 2e9, "10k", "two-thirds" -> 0.666..., "half a dozen" -> 6. None if the
/// string is not exactly one numeral.
pub fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim();
    let (rest, v) = signed_value(t).ok()?;
    rest.trim().is_empty().then_some(v)
}

/// A numeral with an optional sign, fractions in words included.
fn signed_value(i: &str) -> Res<'_, f64> {
    let (i, sign) = opt(sign).parse(i)?;
    // Fractions of a scale before plain fractions ("half a million" is not "half"), and
    // fractions before number words ("one fifth" is not "one").
    let (i, v) = alt((
        map(fraction_of_scale, |n| n.value),
        map(word_fraction, |(v, _)| v),
        map(numeral(false), |n| n.value),
    ))
    .parse(i)?;
    Ok((i, sign.unwrap_or(1.0) * v))
}

/// A minus sign glued to digits ("-5", "−3") or the words "minus", "negative".
pub(crate) fn sign(i: &str) -> Res<'_, f64> {
    // '-', the lead byte of '−' (0xE2), or the first letter of "minus" or "negative"
    if !i
        .as_bytes()
        .first()
        .is_some_and(|&c| matches!(c, b'-' | 0xE2 | b'm' | b'M' | b'n' | b'N'))
    {
        return fail();
    }
    for m in ["-", "\u{2212}"] {
        if let Some(rest) = i.strip_prefix(m)
            && rest.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        {
            return Ok((rest, -1.0));
        }
    }
    value(-1.0, (alt((kw("minus"), kw("negative"))), ws)).parse(i)
}

/// Any numeral, digits or words. `money` says a currency sign came first, which
/// makes "m" and "T" scales.
pub(crate) fn numeral<'a>(money: bool) -> impl Fn(&'a str) -> Res<'a, Numeral> {
    move |i: &'a str| {
        // Fractions of a scale first: "half a million" must not stop at "half". A
        // numeral in words starts with a letter, one in digits never does.
        if i.starts_with(|c: char| c.is_ascii_alphabetic()) {
            alt((fraction_of_scale, word_numeral)).parse(i)
        } else {
            digit_numeral(money)(i)
        }
    }
}

// ---------------------------------------------------------------------------------
// Digits

/// The digits of a number, separators removed, parsed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Digits {
    pub value: f64,
    pub plain: u8,
    pub leading_zero: bool,
}

/// Digits copied into a stack buffer for `str::parse`, which rounds correctly.
struct DigitBuf {
    buf: [u8; 64],
    len: usize,
    ok: bool,
}

impl DigitBuf {
    fn new() -> Self {
        DigitBuf {
            buf: [0; 64],
            len: 0,
            ok: true,
        }
    }

    fn push(&mut self, s: &[u8]) {
        match self.buf.get_mut(self.len..self.len + s.len()) {
            Some(dst) => {
                dst.copy_from_slice(s);
                self.len += s.len();
            }
            None => self.ok = false,
        }
    }

    fn value(&self) -> Option<f64> {
        if !self.ok {
            return None;
        }
        let digits = self.buf.get(..self.len)?;
        // Up to 18 digits fit a u64, and its conversion rounds to nearest like the
        // parser does: the same value without the parser's cost.
        if (1..=18).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit) {
            let n = digits
                .iter()
                .fold(0u64, |n, &d| n * 10 + u64::from(d - b'0'));
            return Some(n as f64);
        }
        std::str::from_utf8(digits).ok()?.parse().ok()
    }
}

/// A thousands separator: its length, whether it is a comma, and whether it is a
/// typographic space (thin, no-break) that is only ever a separator.
fn group_sep(b: &[u8]) -> Option<(usize, bool, bool)> {
    match b {
        [b',', ..] => Some((1, true, false)),
        [b' ', ..] => Some((1, false, false)),
        [0xC2, 0xA0, ..] => Some((2, false, true)),
        [0xE2, 0x80, 0x89, ..] | [0xE2, 0x80, 0xAF, ..] => Some((3, false, true)),
        _ => None,
    }
}

fn digit_run(b: &[u8]) -> usize {
    b.iter().take_while(|c| c.is_ascii_digit()).count()
}

/// Digits with thousands separators and a decimal part: "1,300", "1 234 567",
/// "280000", "4.8", ".08". Groups after a separator have exactly three digits. A plain
/// space separates thousands only when the first group has one or two digits, a group
/// starts with 0, or there are two groups or more ("40 000", "1 414 021 100"), so
/// that a list like "101 102 and 103" stays three numbers. A second decimal point
/// ("15.04.2017", "192.168.1.2") makes the whole a code, not a number.
pub(crate) fn digits(i: &str) -> Res<'_, Digits> {
    let b = i.as_bytes();
    let first = digit_run(b);
    // A bare run with no group or decimal part after it, the common case, is read
    // straight from the bytes (the same value as below, without the copying).
    let after = &b[first..];
    let group_follows = (1..=3).contains(&first)
        && group_sep(after).is_some_and(|(sl, _, _)| digit_run(&after[sl..]) == 3);
    let decimal_follows =
        after.first() == Some(&b'.') && after.get(1).is_some_and(u8::is_ascii_digit);
    if (1..=18).contains(&first) && !group_follows && !decimal_follows {
        let value = b[..first]
            .iter()
            .fold(0u64, |n, &d| n * 10 + u64::from(d - b'0'));
        return Ok((
            &i[first..],
            Digits {
                value: value as f64,
                plain: first as u8,
                leading_zero: first > 1 && b[0] == b'0',
            },
        ));
    }
    let mut buf = DigitBuf::new();
    buf.push(&b[..first]);
    let mut k = first;
    if (1..=3).contains(&first) {
        let (mut comma, mut typographic, mut zero_group) = (None, false, false);
        let mut groups = 0;
        while let Some((sl, is_comma, typo)) = group_sep(&b[k..]) {
            if comma.is_some_and(|c| c != is_comma) || digit_run(&b[k + sl..]) != 3 {
                break;
            }
            comma = Some(is_comma);
            typographic |= typo;
            zero_group |= b[k + sl] == b'0';
            buf.push(&b[k + sl..k + sl + 3]);
            k += sl + 3;
            groups += 1;
        }
        let plain_space = comma == Some(false) && !typographic;
        if plain_space && !(first <= 2 || zero_group || groups >= 2) {
            buf = DigitBuf::new();
            buf.push(&b[..first]);
            k = first;
        }
    }
    let grouped = k > first;
    let mut decimal = false;
    if b.get(k) == Some(&b'.') && b.get(k + 1).is_some_and(u8::is_ascii_digit) {
        if first == 0 {
            buf.push(b"0");
        }
        let d = digit_run(&b[k + 1..]);
        buf.push(&b[k..k + 1 + d]);
        k += 1 + d;
        decimal = true;
        if b.get(k) == Some(&b'.') && b.get(k + 1).is_some_and(u8::is_ascii_digit) {
            return fail();
        }
    }
    if k == 0 {
        return fail();
    }
    let Some(value) = buf.value() else {
        return fail();
    };
    let plain = !grouped && !decimal;
    Ok((
        &i[k..],
        Digits {
            value,
            plain: if plain { first.min(255) as u8 } else { 0 },
            leading_zero: plain && first > 1 && b[0] == b'0',
        },
    ))
}

/// A scale glued to digits: "10k", "2bn", "1.2b", "2mil", "1MM", "10M"; "£3m" and
/// "$2.1T" only with money. Longer suffixes first ("mn" before "m", "bn" before "b").
fn suffix_scale<'a>(money: bool) -> impl Fn(&'a str) -> Res<'a, f64> {
    const SUFFIXES: &[(&str, f64, bool)] = &[
        ("mln", 1e6, false),
        ("mil", 1e6, false),
        ("MM", 1e6, false),
        ("mn", 1e6, false),
        ("bln", 1e9, false),
        ("bn", 1e9, false),
        ("trn", 1e12, false),
        ("tln", 1e12, false),
        ("tn", 1e12, false),
        ("k", 1e3, false),
        ("K", 1e3, false),
        ("M", 1e6, false),
        ("m", 1e6, true),
        ("b", 1e9, false),
        ("B", 1e9, false),
        ("T", 1e12, true),
    ];
    move |i: &'a str| {
        // every suffix starts with m, b, t or k in some case
        if !i
            .as_bytes()
            .first()
            .is_some_and(|c| matches!(c.to_ascii_lowercase(), b'm' | b'b' | b't' | b'k'))
        {
            return fail();
        }
        for &(t, v, needs_money) in SUFFIXES {
            if needs_money && !money {
                continue;
            }
            // Letters of several make no unit: any case ("5Bln", "2MLN").
            let rest = if t.len() > 1 && t != "MM" {
                tag_ci(t)(i).ok().map(|(r, _)| r)
            } else {
                i.strip_prefix(t)
            };
            if let Some(rest) = rest
                && at_boundary(rest)
            {
                return Ok((rest, v));
            }
        }
        fail()
    }
}

/// The multiplier of a scale word, in any case.
fn scale_of(w: &[u8]) -> Option<f64> {
    Some(match w {
        b"hundred" | b"hundreds" => 1e2,
        b"thousand" | b"thousands" => 1e3,
        b"lakh" | b"lakhs" => 1e5,
        b"million" | b"millions" | b"mn" | b"mln" => 1e6,
        b"crore" | b"crores" => 1e7,
        b"billion" | b"billions" | b"bn" | b"bln" => 1e9,
        b"trillion" | b"trillions" | b"tn" | b"trn" | b"tln" => 1e12,
        _ => return None,
    })
}

/// A scale word after digits: "million", "bn", "thousand". A capitalised plural
/// ("2017 Dozens of people", "2014 Thousands fled") starts a new sentence in text
/// that lost its punctuation; it is not a scale of the number before it.
pub(crate) fn scale_word(i: &str) -> Res<'_, f64> {
    let (rest, w) = ascii_word(i)?;
    if w.ends_with('s') && w.starts_with(|c: char| c.is_ascii_uppercase()) {
        return fail();
    }
    match scale_of(Lower::new(w).bytes()) {
        Some(s) => Ok((rest, s)),
        None => fail(),
    }
}

/// Scale words after a number, each larger than the one before: "hundred thousand",
/// "thousand millions". Returns the product, 1 when there is none.
fn scale_words(i: &str) -> (&str, f64) {
    let (mut rest, mut product, mut last) = (i, 1.0, 0.0);
    while scale_may_follow(rest)
        && let Ok((r, s)) = preceded(ws, scale_word).parse(rest)
    {
        if s <= last {
            break;
        }
        product *= s;
        last = s;
        rest = r;
    }
    (rest, product)
}

/// Whether a scale word may follow after whitespace: the first letter of every
/// scale word and abbreviation (hundred, thousand, lakh, million, mn, crore,
/// billion, bn, trillion, tn), which turns away most words after a number at once.
fn scale_may_follow(i: &str) -> bool {
    let b = i.as_bytes();
    let k = b.iter().take_while(|&&c| ascii_space(c)).count();
    match b.get(k) {
        Some(c) if c.is_ascii() => matches!(
            c.to_ascii_lowercase(),
            b'h' | b't' | b'l' | b'm' | b'c' | b'b'
        ),
        // other whitespace, left to the parser
        Some(_) => true,
        None => false,
    }
}

/// "dozen" or "dozens" after a number, in lower case (see [`scale_word`]).
fn dozen_word(i: &str) -> Res<'_, f64> {
    value(12.0, alt((tag_cs("dozens"), tag_cs("dozen"))))
        .parse(i)
        .and_then(|(rest, v)| {
            if at_boundary(rest) {
                Ok((rest, v))
            } else {
                fail()
            }
        })
}

/// Products of a decimal and a scale ("2.174 * 1e12") rounded back to whole numbers.
fn round_scaled(v: f64) -> f64 {
    let r = v.round();
    if (v - r).abs() <= 1e-12 * v.abs() {
        r
    } else {
        v
    }
}

/// A vulgar fraction character: "½", "¾", "⅔".
pub(crate) fn vulgar_fraction(i: &str) -> Res<'_, f64> {
    let Some(c) = i.chars().next() else {
        return fail();
    };
    let v = match c {
        '\u{bd}' => 0.5,
        '\u{bc}' => 0.25,
        '\u{be}' => 0.75,
        '\u{2153}' => 1.0 / 3.0,
        '\u{2154}' => 2.0 / 3.0,
        '\u{2155}' => 0.2,
        '\u{2156}' => 0.4,
        '\u{2157}' => 0.6,
        '\u{2158}' => 0.8,
        '\u{2159}' => 1.0 / 6.0,
        '\u{215a}' => 5.0 / 6.0,
        '\u{215b}' => 0.125,
        '\u{215c}' => 0.375,
        '\u{215d}' => 0.625,
        '\u{215e}' => 0.875,
        _ => return fail(),
    };
    Ok((&i[c.len_utf8()..], v))
}

/// Digits with their scale: "1,300", "10k", "1.5 million", "3 million and a half",
/// "3 dozens", "2\u{bd}", "\u{be}".
pub(crate) fn digit_numeral<'a>(money: bool) -> impl Fn(&'a str) -> Res<'a, Numeral> {
    move |i: &'a str| {
        if let Ok((rest, f)) = vulgar_fraction(i) {
            let n = Numeral {
                value: f,
                is_word: false,
                scale: 1.0,
                plain: 0,
                leading_zero: false,
            };
            return Ok((rest, n));
        }
        let (mut rest, d) = digits(i)?;
        let mut n = Numeral {
            value: d.value,
            is_word: false,
            scale: 1.0,
            plain: d.plain,
            leading_zero: d.leading_zero,
        };
        if let Ok((r, f)) = vulgar_fraction(rest) {
            n.value += f;
            n.plain = 0;
            rest = r;
        }
        if let Ok((r, s)) = suffix_scale(money)(rest) {
            n.scale = s;
            rest = r;
        } else {
            let (r, s) = scale_words(rest);
            n.scale = s;
            rest = r;
        }
        n.value *= n.scale;
        if n.scale > 1.0 {
            if let Ok((r, f)) = and_fraction(rest) {
                n.value += f * n.scale;
                rest = r;
            }
        } else if second_word(rest.as_bytes(), 0).starts_with(b"dozen")
            && let Ok((r, f)) = preceded(ws, dozen_word).parse(rest)
        {
            n.value *= f;
            n.scale = f;
            rest = r;
        }
        if n.scale > 1.0 {
            n.plain = 0;
            n.leading_zero = false;
        }
        // a bare run of digits is a whole number already
        if n.plain == 0 {
            n.value = round_scaled(n.value);
        }
        Ok((rest, n))
    }
}

// ---------------------------------------------------------------------------------
// Number words

/// A number word's class.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Word {
    /// zero to nine
    Unit(u8),
    /// ten to nineteen
    Teen(u8),
    /// twenty, thirty, ... ninety
    Tens(u8),
    Hundred,
    /// thousand, million, ..., lakh, crore
    Scale(f64),
    /// "a"/"an" before "hundred", a scale or "dozen"
    A,
    And,
    Dozen,
}

fn word_class(w: &[u8]) -> Option<Word> {
    use Word::*;
    Some(match w {
        b"zero" | b"nought" | b"naught" | b"nil" => Unit(0),
        b"one" => Unit(1),
        b"two" => Unit(2),
        b"three" => Unit(3),
        b"four" => Unit(4),
        b"five" => Unit(5),
        b"six" => Unit(6),
        b"seven" => Unit(7),
        b"eight" => Unit(8),
        b"nine" => Unit(9),
        b"ten" => Teen(10),
        b"eleven" => Teen(11),
        b"twelve" => Teen(12),
        b"thirteen" => Teen(13),
        b"fourteen" => Teen(14),
        b"fifteen" => Teen(15),
        b"sixteen" => Teen(16),
        b"seventeen" => Teen(17),
        b"eighteen" => Teen(18),
        b"nineteen" => Teen(19),
        b"twenty" => Tens(20),
        b"thirty" => Tens(30),
        b"forty" | b"fourty" => Tens(40),
        b"fifty" => Tens(50),
        b"sixty" => Tens(60),
        b"seventy" => Tens(70),
        b"eighty" => Tens(80),
        b"ninety" => Tens(90),
        b"hundred" | b"hundreds" => Hundred,
        b"a" | b"an" => A,
        b"and" => And,
        b"dozen" | b"dozens" => Dozen,
        _ => Scale(match w {
            b"thousand" | b"thousands" => 1e3,
            b"lakh" | b"lakhs" => 1e5,
            b"million" | b"millions" => 1e6,
            b"crore" | b"crores" => 1e7,
            b"billion" | b"billions" => 1e9,
            b"trillion" | b"trillions" => 1e12,
            _ => return None,
        }),
    })
}

/// The value of a number word that is one to ninety on its own ("one", "seven",
/// "twelve", "forty"), in any case; None for any other word ("zero", "hundred", "a",
/// "million" and the rest take part in longer numerals or set flags of their own).
/// The grammar reads a lone word of these with no parsing when nothing that could
/// continue it follows.
pub(crate) fn small_number_word(w: &[u8]) -> Option<f64> {
    match word_class(Lower::new_bytes(w).bytes())? {
        Word::Unit(d @ 1..=9) => Some(f64::from(d)),
        Word::Teen(n) | Word::Tens(n) => Some(f64::from(n)),
        _ => None,
    }
}

/// The words that may follow "a"/"an" in a number: hundred, the scales, dozen.
#[rustfmt::skip]
static AFTER_A: WordSet<16> = WordSet::new(&[
    "billion", "billions", "crore", "crores", "dozen", "dozens", "hundred", "hundreds", "lakh",
    "lakhs", "million", "millions", "thousand", "thousands", "trillion", "trillions",
]);

/// One number word.
fn number_word(i: &str) -> Res<'_, Word> {
    let (rest, w) = ascii_word(i)?;
    match word_class(Lower::new(w).bytes()) {
        Some(c) => Ok((rest, c)),
        None => fail(),
    }
}

/// What joins two number words: spaces, a hyphen, or a hyphen between spaces
/// ("fifty - two"). The flag says a hyphen was written.
fn word_sep(i: &str) -> Res<'_, bool> {
    // In order: spaces, a hyphen and spaces; a hyphen; spaces. A hyphen alone
    // cannot follow spaces, so the first try that reads spaces settles it.
    match ws(i) {
        Ok((r, _)) => match (hyphen, ws).parse(r) {
            Ok((r2, _)) => Ok((r2, true)),
            Err(_) => Ok((r, false)),
        },
        Err(_) => hyphen(i).map(|(r, _)| (r, true)),
    }
}

/// The running total of a number in words, checked word by word.
#[derive(Clone, Copy, Debug, Default)]
struct Acc {
    total: f64,
    group: f64,
    last: Option<Word>,
    /// The last large scale used; later ones must be smaller ("million ... thousand").
    big: f64,
    zero: bool,
    done: bool,
}

impl Acc {
    /// Add a word; false (and no change) if it cannot follow the words so far.
    fn push(&mut self, w: Word, hyphen: bool) -> bool {
        use Word::*;
        if self.done || self.zero {
            return false;
        }
        // A hyphen only joins tens and units: "thirty-eight", not "one-sided".
        if hyphen && !matches!((self.last, w), (Some(Tens(_)), Unit(1..=9))) {
            return false;
        }
        let before = *self;
        let ok = match (self.last, w) {
            (None, A) => {
                self.group = 1.0;
                true
            }
            (None, Unit(0)) => {
                self.zero = true;
                true
            }
            (None, Unit(d)) => {
                self.group = f64::from(d);
                true
            }
            (None, Teen(n) | Tens(n)) => {
                self.group = f64::from(n);
                true
            }
            (Some(A), Hundred) => {
                self.group = 100.0;
                true
            }
            (Some(A), Scale(s)) => self.scale(s),
            (Some(A), Dozen) => {
                self.group = 12.0;
                self.done = true;
                true
            }
            (Some(Tens(_)), Unit(d)) if d > 0 => {
                self.group += f64::from(d);
                true
            }
            (Some(Hundred | Scale(_) | And), Unit(d)) if d > 0 => {
                self.group += f64::from(d);
                true
            }
            (Some(Hundred | Scale(_) | And), Teen(n) | Tens(n)) => {
                self.group += f64::from(n);
                true
            }
            // "twelve hundred", "three hundred"; not "one hundred twenty hundred"
            (Some(Unit(_) | Teen(_) | Tens(_)), Hundred) if self.group < 100.0 => {
                self.group *= 100.0;
                true
            }
            (Some(Unit(_) | Teen(_) | Tens(_) | Hundred), Scale(s)) if self.group > 0.0 => {
                self.scale(s)
            }
            // "three thousand millions", "three lakh crore"
            (Some(Scale(p)), Scale(s)) if s > p && self.group == 0.0 => {
                self.total *= s;
                self.big = s;
                true
            }
            (Some(Hundred | Scale(_)), And) => true,
            (Some(Unit(_) | Teen(_) | Tens(_) | Hundred), Dozen) if self.big == 0.0 => {
                self.group *= 12.0;
                self.done = true;
                true
            }
            _ => false,
        };
        if ok {
            self.last = Some(w);
        } else {
            *self = before;
        }
        ok
    }

    fn scale(&mut self, s: f64) -> bool {
        if self.big != 0.0 && s >= self.big {
            return false;
        }
        self.total += self.group * s;
        self.group = 0.0;
        self.big = s;
        true
    }

    fn value(&self) -> f64 {
        self.total + self.group
    }
}

/// A number in words: "three", "thirty-eight", "a hundred and five", "twelve
/// hundred", "one million two hundred thousand", "two dozen", "two point five",
/// "two and a half", "five and a half million".
pub(crate) fn word_numeral(i: &str) -> Res<'_, Numeral> {
    let (mut rest, w) = number_word(i)?;
    // "a"/"an" counts only before "hundred", a scale or "dozen" ("a hundred")
    if w == Word::A && !AFTER_A.contains(second_word(i.as_bytes(), i.len() - rest.len())) {
        return fail();
    }
    let mut acc = Acc::default();
    if !acc.push(w, false) {
        return fail();
    }
    // The state after the last word that can end a numeral ("and" cannot).
    let (mut commit, mut committed) = (rest, acc);
    while let Ok((r, hy)) = word_sep(rest) {
        let Ok((r, w)) = number_word(r) else { break };
        // "and three quarters", "and one half": a numerator, left to `and_fraction`
        if acc.last == Some(Word::And) && preceded(word_sep, denominator).parse(r).is_ok() {
            break;
        }
        if !acc.push(w, hy) {
            break;
        }
        rest = r;
        if w != Word::And {
            (commit, committed) = (rest, acc);
        }
    }
    let (mut rest, acc) = (commit, committed);
    if acc.last == Some(Word::A) {
        return fail();
    }
    let mut value = acc.value();
    let mut scale = if matches!(acc.last, Some(Word::Scale(_))) {
        acc.big
    } else {
        1.0
    };
    if acc.done {
        scale = 12.0;
    }
    if !acc.done {
        if let Ok((r, d)) = spoken_decimal(rest) {
            value += d;
            rest = r;
        } else if let Ok((r, f)) = and_fraction(rest) {
            // "one billion and a half million": the fraction is of the scale after it
            match preceded(ws, scale_word).parse(r) {
                Ok((r2, s)) if s < scale => {
                    value += f * s;
                    rest = r2;
                }
                _ => {
                    value += f * scale;
                    rest = r;
                }
            }
        }
        // "two point two million", "five and a half million"
        if scale == 1.0 {
            let (r, s) = scale_words(rest);
            if s > 1.0 {
                value *= s;
                scale = s;
                rest = r;
            }
        }
    }
    Ok((
        rest,
        Numeral {
            value: round_scaled(value),
            is_word: true,
            scale,
            plain: 0,
            leading_zero: false,
        },
    ))
}

/// " point five", " point zero three", " point seventy-one": the decimal part of a
/// number in words, as a fraction.
fn spoken_decimal(i: &str) -> Res<'_, f64> {
    if !ws_then_letter(i, b"p") {
        return fail();
    }
    let (mut rest, _) = (ws, kw("point"), ws).parse(i)?;
    let mut buf = DigitBuf::new();
    buf.push(b"0.");
    let (r, w) = number_word(rest)?;
    match w {
        Word::Unit(d) => {
            buf.push(&[b'0' + d]);
            rest = r;
            while let Ok((r, Word::Unit(d))) = preceded(ws, number_word).parse(rest) {
                buf.push(&[b'0' + d]);
                rest = r;
            }
        }
        Word::Teen(n) | Word::Tens(n) => {
            let mut n = n;
            rest = r;
            if let Word::Tens(_) = w
                && let Ok((r, Word::Unit(d @ 1..=9))) = preceded(word_sep, number_word).parse(rest)
            {
                n += d;
                rest = r;
            }
            buf.push(&[b'0' + n / 10, b'0' + n % 10]);
        }
        _ => return fail(),
    }
    match buf.value() {
        Some(v) => Ok((rest, v)),
        None => fail(),
    }
}

// ---------------------------------------------------------------------------------
// Fractions

/// A fraction's denominator word: its value and whether it is plural.
fn denominator(i: &str) -> Res<'_, (f64, bool)> {
    let (rest, w) = ascii_word(i)?;
    let d = match Lower::new(w).bytes() {
        b"half" => (2.0, false),
        b"halves" => (2.0, true),
        b"third" => (3.0, false),
        b"thirds" => (3.0, true),
        b"quarter" | b"fourth" => (4.0, false),
        b"quarters" | b"fourths" => (4.0, true),
        b"fifth" => (5.0, false),
        b"fifths" => (5.0, true),
        b"sixth" => (6.0, false),
        b"sixths" => (6.0, true),
        b"seventh" => (7.0, false),
        b"sevenths" => (7.0, true),
        b"eighth" => (8.0, false),
        b"eighths" => (8.0, true),
        b"ninth" => (9.0, false),
        b"ninths" => (9.0, true),
        b"tenth" => (10.0, false),
        b"tenths" => (10.0, true),
        b"hundredth" => (100.0, false),
        b"hundredths" => (100.0, true),
        b"thousandth" => (1000.0, false),
        b"thousandths" => (1000.0, true),
        _ => return fail(),
    };
    Ok((rest, d))
}

/// Numerators of a fraction in words ([`word_fraction`]), sorted.
#[rustfmt::skip]
const NUMERATOR_WORDS: &[&str] = &[
    "a", "an", "eight", "eighteen", "eleven", "fifteen", "five", "four", "fourteen", "nine",
    "nineteen", "one", "seven", "seventeen", "six", "sixteen", "ten", "thirteen", "three",
    "twelve", "two",
];

/// Denominators of a fraction in words ([`denominator`]), sorted.
#[rustfmt::skip]
const DENOMINATOR_WORDS: &[&str] = &[
    "eighth", "eighths", "fifth", "fifths", "fourth", "fourths", "half", "halves",
    "hundredth", "hundredths", "ninth", "ninths", "quarter", "quarters", "seventh",
    "sevenths", "sixth", "sixths", "tenth", "tenths", "third", "thirds", "thousandth",
    "thousandths",
];

static NUMERATORS: WordSet<{ NUMERATOR_WORDS.len() }> = WordSet::new(NUMERATOR_WORDS);
static DENOMINATORS: WordSet<{ DENOMINATOR_WORDS.len() }> = WordSet::new(DENOMINATOR_WORDS);

/// Whether a fraction in words may start here: a numerator, then, past the
/// whitespace and hyphens between, a denominator. Every fraction passes; nearly every
/// number word that is not one ("two people") fails without parsing.
fn fraction_may_start(i: &str) -> bool {
    let b = i.as_bytes();
    let n = letter_run(b);
    // Whitespace and hyphens, ASCII or not; a denominator is ASCII letters right after.
    // The rarer word is looked up first.
    let gap = b[n..]
        .iter()
        .take_while(|&&c| ascii_space(c) || c == b'-' || !c.is_ascii())
        .count();
    let d = &b[n + gap..];
    DENOMINATORS.contains(&d[..letter_run(d)]) && NUMERATORS.contains(&b[..n])
}

/// A fraction in words: "two-thirds", "one fifth", "three quarters", "a half",
/// "five - eighths". The numerator agrees with the denominator ("one third", "two
/// thirds"; "two third" is not a fraction). The flag says the numerator is "a"/"an",
/// which callers accept only before "of" ("a third of", not "a third attack").
pub(crate) fn word_fraction(i: &str) -> Res<'_, (f64, bool)> {
    if !fraction_may_start(i) {
        return fail();
    }
    let (rest, w) = number_word(i)?;
    let (num, article) = match w {
        Word::A => (1.0, true),
        Word::Unit(d @ 1..=9) => (f64::from(d), false),
        Word::Teen(n) => (f64::from(n), false),
        _ => return fail(),
    };
    let (rest, _) = word_sep(rest)?;
    let (rest, (den, plural)) = denominator(rest)?;
    if plural != (num > 1.0) {
        return fail();
    }
    Ok((rest, (num / den, article)))
}

/// " and a half", " and a quarter", " and one fourth", " and two thirds": the
/// fraction that ends a mixed number.
fn and_fraction(i: &str) -> Res<'_, f64> {
    if !ws_then_letter(i, b"a") {
        return fail();
    }
    let (rest, _) = (ws, kw("and"), ws).parse(i)?;
    let (rest, (f, _)) = word_fraction(rest)?;
    Ok((rest, f))
}

/// A fraction of a scale: "half a million", "a quarter of a million", "half million",
/// "quarter million", "three quarters of a million", "half a dozen".
pub(crate) fn fraction_of_scale(i: &str) -> Res<'_, Numeral> {
    if !i.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return fail();
    }
    // a fraction in words, else "half", else "quarter"
    let (rest, f) = match word_fraction(i) {
        Ok((r, (f, _))) => (r, f),
        Err(_) => match kw("half")(i) {
            Ok((r, _)) => (r, 0.5),
            Err(_) => (kw("quarter")(i)?.0, 0.25),
        },
    };
    let (rest, _) = opt((ws, kw("of"))).parse(rest)?;
    let (rest, _) = opt((ws, alt((kw("a"), kw("an"))))).parse(rest)?;
    let (rest, s) = preceded(
        ws,
        alt((
            value(12.0, kw("dozen")),
            value(1e3, kw("thousand")),
            value(1e6, kw("million")),
            value(1e9, kw("billion")),
            value(1e12, kw("trillion")),
        )),
    )
    .parse(rest)?;
    Ok((
        rest,
        Numeral {
            value: round_scaled(f * s),
            is_word: true,
            scale: s,
            plain: 0,
            leading_zero: false,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn parse_number_table() {
        let cases: &[(&str, Option<f64>)] = &[
            ("1,300", Some(1300.0)),
            ("1 300", Some(1300.0)),
            ("1\u{202f}234\u{202f}567.89", Some(1_234_567.89)),
            ("1\u{a0}300", Some(1300.0)),
            ("280000", Some(280_000.0)),
            ("4.8", Some(4.8)),
            ("4.800", Some(4.8)),
            (".08", Some(0.08)),
            ("0033", Some(33.0)),
            ("375.", None),
            ("thirty-eight", Some(38.0)),
            ("thirty eight", Some(38.0)),
            ("fifty - two", Some(52.0)),
            ("Three hundred  and  thirty one", Some(331.0)),
            ("a hundred and five", Some(105.0)),
            ("one hundred and sixty-one", Some(161.0)),
            ("twelve hundred", Some(1200.0)),
            ("one million two hundred thousand", Some(1_200_000.0)),
            ("two hundred and two thousand", Some(202_000.0)),
            ("two  thousand  and  two hundred", Some(2200.0)),
            (
                "twenty-one trillion and three hundred",
                Some(21_000_000_000_300.0),
            ),
            ("three thousand millions", Some(3e9)),
            (
                "seven hundred twenty-one thousand and twelve",
                Some(721_012.0),
            ),
            ("1.5 million", Some(1_500_000.0)),
            ("2bn", Some(2e9)),
            ("1.2b", Some(1.2e9)),
            ("10k", Some(10_000.0)),
            ("100K", Some(100_000.0)),
            ("3M", Some(3e6)),
            ("2mil", Some(2e6)),
            ("1,674.5 million", Some(1_674_500_000.0)),
            ("322 hundred", Some(32_200.0)),
            ("5 hundred thousand", Some(500_000.0)),
            ("13 lakh", Some(1_300_000.0)),
            ("three lakh crore", Some(3e12)),
            ("3 million and a half", Some(3_500_000.0)),
            ("one million and a half", Some(1_500_000.0)),
            ("five and a half million", Some(5_500_000.0)),
            ("two and a half", Some(2.5)),
            ("one and a half", Some(1.5)),
            ("three and one fourth", Some(3.25)),
            ("two point five", Some(2.5)),
            ("two hundred point zero three", Some(200.03)),
            ("two hundred point seventy-one", Some(200.71)),
            ("two point two million", Some(2_200_000.0)),
            ("nought", Some(0.0)),
            ("zero", Some(0.0)),
            ("a dozen", Some(12.0)),
            ("two dozen", Some(24.0)),
            ("3 dozens", Some(36.0)),
            ("2017 Dozens", None),
            ("2014 Thousands", None),
            ("Two Million", Some(2e6)),
            ("5 Million", Some(5e6)),
            ("200 dozens", Some(2400.0)),
            ("half a dozen", Some(6.0)),
            ("half a million", Some(500_000.0)),
            ("a quarter of a million", Some(250_000.0)),
            ("quarter million", Some(250_000.0)),
            ("two-thirds", Some(2.0 / 3.0)),
            ("two thirds", Some(2.0 / 3.0)),
            ("one fifth", Some(0.2)),
            ("a half", Some(0.5)),
            ("three quarters", Some(0.75)),
            ("\u{be}", Some(0.75)),
            ("2\u{bd}", Some(2.5)),
            ("one hundred and three quarters", Some(100.75)),
            ("two million and one half", Some(2_500_000.0)),
            ("one billion and a half million", Some(1_000_500_000.0)),
            ("five billion and three quarters", Some(5_750_000_000.0)),
            ("minus 3", Some(-3.0)),
            ("-5", Some(-5.0)),
            ("negative five hundred and four", Some(-504.0)),
            ("ONE TwentY", None),
            ("one twenty two", None),
            ("a", None),
            ("an", None),
            ("a few", None),
            ("dozens", None),
            ("two third", None),
            ("15.04.2017", None),
            ("1,30", None),
            ("21st", None),
            ("G20", None),
            ("", None),
        ];
        for &(s, want) in cases {
            let got = parse_number(s);
            match (got, want) {
                (Some(g), Some(w)) => assert!(close(g, w), "{s:?}: {g} != {w}"),
                _ => assert_eq!(got, want, "{s:?}"),
            }
        }
    }

    #[test]
    fn digits_table() {
        // input, value, rest, plain digit count
        let cases: &[(&str, f64, &str, u8)] = &[
            ("1,300 people", 1300.0, " people", 0),
            ("2014 riots", 2014.0, " riots", 4),
            ("375.", 375.0, ".", 3),
            ("101 102 and 103", 101.0, " 102 and 103", 3),
            ("40 000 men", 40_000.0, " men", 0),
            ("1 414 021 100.", 1_414_021_100.0, ".", 0),
            ("12,34,567", 12.0, ",34,567", 2),
            ("22,24,26", 22.0, ",24,26", 2),
            ("1,234 567", 1234.0, " 567", 0),
            ("0914 GMT", 914.0, " GMT", 4),
            ("123456789012345678 x", 123_456_789_012_345_678.0, " x", 18),
            (
                "1234567890123456789 x",
                1_234_567_890_123_456_789.0,
                " x",
                19,
            ),
            ("12.5", 12.5, "", 0),
            ("12 345", 12_345.0, "", 0),
            ("1234 567", 1234.0, " 567", 4),
            ("12.", 12.0, ".", 2),
        ];
        for &(s, v, rest, plain) in cases {
            let (r, d) = digits(s).unwrap();
            assert_eq!((d.value, r, d.plain), (v, rest, plain), "{s:?}");
        }
        assert!(digits("0914").unwrap().1.leading_zero);
        assert!(digits("x").is_err());
        assert!(digits("192.168.1.2").is_err());
    }

    #[test]
    fn suffixes_need_money_for_m_and_t() {
        assert_eq!(digit_numeral(true)("3m").unwrap().1.value, 3e6);
        assert_eq!(
            digit_numeral(false)("3m").unwrap(),
            ("m", digit_numeral(false)("3").unwrap().1)
        );
        assert_eq!(digit_numeral(true)("2.174T").unwrap().1.value, 2.174e12);
        assert_eq!(digit_numeral(false)("10km").unwrap().0, "km");
        assert_eq!(digit_numeral(false)("1MM").unwrap().1.value, 1e6);
        assert_eq!(digit_numeral(false)("120mm").unwrap().0, "mm");
        assert_eq!(digit_numeral(true)("5Bln").unwrap().1.value, 5e9);
    }

    #[test]
    fn word_numerals_stop_where_the_number_ends() {
        let cases: &[(&str, f64, &str)] = &[
            ("four-year campaign", 4.0, "-year campaign"),
            ("thirty-eight-year-old", 38.0, "-year-old"),
            ("one-sided", 1.0, "-sided"),
            ("two or three", 2.0, " or three"),
            ("a hundred and five people", 105.0, " people"),
            ("one hundred and a half", 100.5, ""),
            ("five hundred and more", 500.0, " and more"),
            ("two three", 2.0, " three"),
            ("twenty twenty", 20.0, " twenty"),
            ("ten and", 10.0, " and"),
        ];
        for &(s, v, rest) in cases {
            let (r, n) = word_numeral(s).unwrap();
            assert_eq!((n.value, r), (v, rest), "{s:?}");
            assert!(n.is_word);
        }
        assert!(word_numeral("a people").is_err());
        assert!(word_numeral("hundred").is_err());
    }

    #[test]
    fn fractions() {
        assert_eq!(word_fraction("a third of"), Ok((" of", (1.0 / 3.0, true))));
        assert_eq!(word_fraction("one-half"), Ok(("", (0.5, false))));
        assert_eq!(word_fraction("three halves"), Ok(("", (1.5, false))));
        assert!(word_fraction("one thirds").is_err());
        assert!(word_fraction("third").is_err());
        assert_eq!(fraction_of_scale("half a dozen eggs").unwrap().1.value, 6.0);
        assert_eq!(
            fraction_of_scale("three quarters of a million")
                .unwrap()
                .1
                .value,
            750_000.0
        );
        assert!(fraction_of_scale("half of them").is_err());
    }

    #[test]
    fn word_gates_agree_with_the_word_classes() {
        // every word `word_class` knows, and some it does not
        let vocabulary = [
            "zero",
            "nought",
            "naught",
            "nil",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
            "thirty",
            "forty",
            "fourty",
            "fifty",
            "sixty",
            "seventy",
            "eighty",
            "ninety",
            "hundred",
            "hundreds",
            "a",
            "an",
            "and",
            "dozen",
            "dozens",
            "thousand",
            "thousands",
            "lakh",
            "lakhs",
            "million",
            "millions",
            "crore",
            "crores",
            "billion",
            "billions",
            "trillion",
            "trillions",
            "the",
            "people",
            "half",
        ];
        for w in vocabulary {
            let numerator = matches!(
                word_class(w.as_bytes()),
                Some(Word::A | Word::Unit(1..=9) | Word::Teen(_))
            );
            assert_eq!(NUMERATORS.has(w), numerator, "{w}");
            assert_eq!(NUMERATORS.has(&w.to_uppercase()), numerator, "{w}");
        }
        for w in vocabulary {
            let mut acc = Acc::default();
            let follows_a = acc.push(Word::A, false)
                && word_class(w.as_bytes()).is_some_and(|c| acc.push(c, false));
            assert_eq!(AFTER_A.has(w), follows_a, "{w}");
        }
        let denominators = [
            "half",
            "halves",
            "third",
            "thirds",
            "quarter",
            "fourth",
            "quarters",
            "fourths",
            "fifth",
            "fifths",
            "sixth",
            "sixths",
            "seventh",
            "sevenths",
            "eighth",
            "eighths",
            "ninth",
            "ninths",
            "tenth",
            "tenths",
            "hundredth",
            "hundredths",
            "thousandth",
            "thousandths",
        ];
        for w in denominators {
            assert!(denominator(w).is_ok() && DENOMINATORS.has(w), "{w}");
        }
        for w in ["people", "thirty", "dozen", "halve"] {
            assert!(denominator(w).is_err() && !DENOMINATORS.has(w), "{w}");
        }
        let cases: &[(&str, bool)] = &[
            ("two-thirds", true),
            ("one fifth", true),
            ("five - eighths", true),
            ("two\u{2011}thirds", true),
            ("a\u{a0}half", true),
            ("Three Quarters", true),
            ("two people", false),
            ("third", false),
            ("two, thirds", false),
            ("", false),
        ];
        for &(s, want) in cases {
            assert_eq!(fraction_may_start(s), want, "{s:?}");
        }
        let scales: &[(&str, bool)] = &[
            (" million", true),
            ("  Bn", true),
            ("\u{a0}lakh", true),
            (" people", false),
            (" 5", false),
            ("", false),
        ];
        for &(s, want) in scales {
            assert_eq!(scale_may_follow(s), want, "{s:?}");
        }
    }

    #[test]
    fn signs() {
        assert_eq!(sign("-5"), Ok(("5", -1.0)));
        assert_eq!(sign("minus 3"), Ok(("3", -1.0)));
        assert!(sign("- 5").is_err());
        assert!(sign("-x").is_err());
    }
}
