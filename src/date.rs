//! Calendar dates as news text and corpus columns write them.
//!
//! [`parse_date`] reads one whole value (a front matter `date:` or a corpus date
//! column); [`find_first_date`] finds the first full date in running text (a dateline
//! such as "Wed 05 Apr 2017" or "BAGHOUZ, Syria, March 12, 2019"). Both understand:
//!
//! | written | example |
//! | --- | --- |
//! | ISO | `2017-04-05`, `2017/04/05`, `2017-04-05T10:00:00Z` |
//! | numbers, year last | `4/5/2017`, `05.04.2017`, `5-4-2017` (order: see [`DateOrder`]) |
//! | month first | `April 4 2017`, `January 30, 2015`, `Jan. 30, 2015`, `Sept 3rd, 2016` |
//! | day first | `4 April 2017`, `30 Jan 2015`, `4th of April, 2017` |
//! | with a weekday | `Tue 05 Apr 2017`, `Tuesday, April 4, 2017` |
//!
//! A full date has a day, a month and a four-digit year: "January 30" and "April 2017"
//! are not full dates. Month and weekday names are English, full or abbreviated, in any
//! case for [`parse_date`]; in running text they must start with a capital letter, so
//! that the verb "may" is not read as a month. A time after the date (`T10:00`,
//! ` 10:00:00 +0000`) is allowed and ignored.

use jiff::civil::Date;
use std::ops::Range;

/// How to read a date written as three numbers with the year last (`4/5/2017`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateOrder {
    /// Day first: 4/5/2017 is 4 May 2017.
    Dmy,
    /// Month first: 4/5/2017 is 5 April 2017.
    Mdy,
}

/// The month number (1-12) of an English month name or abbreviation ("March", "mar",
/// "Sept.", "SEP"); `None` for any other word.
pub fn month_number(word: &str) -> Option<u8> {
    month_number_bytes(word.as_bytes())
}

/// The months' names, in order, lower-case.
#[rustfmt::skip]
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];

/// [`month_number`] of a word given as bytes (the date readers' words are ASCII
/// letters, read without a UTF-8 check).
fn month_number_bytes(word: &[u8]) -> Option<u8> {
    let w = word.strip_suffix(b".").unwrap_or(word);
    if w.len() < 3 || w.len() > 9 {
        return None;
    }
    // Every month name starts with one of these letters: most words stop here.
    if !matches!(
        w[0].to_ascii_lowercase(),
        b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
    ) {
        return None;
    }
    if let Some(i) = MONTH_NAMES
        .iter()
        .position(|m| m.as_bytes().eq_ignore_ascii_case(w))
    {
        return u8::try_from(i + 1).ok();
    }
    // Three-letter abbreviations, plus "sept"; a period is allowed after any of them.
    if w.eq_ignore_ascii_case(b"sept") {
        return Some(9);
    }
    if w.len() == 3
        && let Some(i) = MONTH_NAMES
            .iter()
            .position(|m| m.as_bytes()[..3].eq_ignore_ascii_case(w))
    {
        return u8::try_from(i + 1).ok();
    }
    None
}

/// True for an English weekday name or abbreviation ("Tue", "Tues.", "Tuesday").
fn is_weekday(word: &[u8]) -> bool {
    const NAMES: [&str; 17] = [
        "monday",
        "mon",
        "tuesday",
        "tue",
        "tues",
        "wednesday",
        "wed",
        "thursday",
        "thu",
        "thur",
        "thurs",
        "friday",
        "fri",
        "saturday",
        "sat",
        "sunday",
        "sun",
    ];
    let w = word.strip_suffix(b".").unwrap_or(word);
    (3..=9).contains(&w.len())
        && matches!(w[0].to_ascii_lowercase(), b'm' | b't' | b'w' | b'f' | b's')
        && NAMES.iter().any(|n| n.as_bytes().eq_ignore_ascii_case(w))
}

/// Read one whole value as a date. Leading and trailing whitespace and a time after
/// the date are allowed; anything else makes it `None`.
///
/// `order` says how to read numeric dates with the year last. With `None`, a value that
/// can only be read one way is read that way (13/4/2017 is day first, 4/13/2017 month
/// first) and an ambiguous one is read month first.
pub fn parse_date(s: &str, order: Option<DateOrder>) -> Option<Date> {
    let t = s.trim();
    let (date, end) = date_at(t.as_bytes(), 0, order, Case::Any)?;
    let rest = t.get(end..)?;
    if rest.is_empty() || is_time_suffix(rest) {
        Some(date)
    } else {
        None
    }
}

/// The order a numeric value with the year last implies on its own: `13/4/2017` is
/// [`DateOrder::Dmy`], `4/13/2017` is [`DateOrder::Mdy`]; `None` for an ambiguous value
/// (`4/5/2017`) or one that is not such a date. Used to detect a column's order.
pub fn implied_order(s: &str) -> Option<DateOrder> {
    let (a, m) = numeric_fields(s)?;
    match (a > 12, m > 12) {
        (true, false) => Some(DateOrder::Dmy),
        (false, true) => Some(DateOrder::Mdy),
        _ => None,
    }
}

/// The first two numbers of a numeric date with the year last (`4/5/2017` gives 4 and
/// 5), or `None` when the value is not written that way.
pub(crate) fn numeric_fields(s: &str) -> Option<(u32, u32)> {
    let b = s.trim().as_bytes();
    let (a, i) = digits(b, 0, 1, 2)?;
    let sep = *b.get(i)?;
    if !matches!(sep, b'/' | b'.' | b'-') {
        return None;
    }
    let (m, j) = digits(b, i + 1, 1, 2)?;
    if b.get(j) != Some(&sep) {
        return None;
    }
    digits(b, j + 1, 4, 4)?;
    Some((a, m))
}

/// The first full date in running text, with the byte range it spans (a weekday
/// written just before it is part of the span). Numeric dates use the default order of
/// [`parse_date`] with no order given.
pub fn find_first_date(text: &str) -> Option<(Date, Range<usize>)> {
    find_first_date_before(text, text.len())
}

/// [`find_first_date`] for a date that starts before byte `limit` (a dateline near the
/// top of an article); the date itself may run past `limit`.
///
/// Only a digit or a capital letter can start a date here (month and weekday names
/// must be capitalised), so the date readers run only at such word starts: every
/// other word is passed at the cost of a byte test. A capitalised word must moreover
/// name a month or a weekday, which one lookup settles for the many names and
/// sentence starts that are neither. The text is walked eight bytes at a time while
/// those bytes are ASCII and start no word with a digit or a capital (one test on
/// the eight as an integer); elsewhere byte by byte, a non-ASCII character decoded
/// only to know whether it continues a word.
pub fn find_first_date_before(text: &str, limit: usize) -> Option<(Date, Range<usize>)> {
    use crate::extract::lexeme::{HIGH, bytes_in};
    let b = text.as_bytes();
    let mut prev_alnum = false;
    let mut i = 0;
    while i < limit {
        if i + 8 <= limit
            && let Some(&head) = b.get(i..).and_then(|r| r.first_chunk::<8>())
        {
            let x = u64::from_le_bytes(head);
            let digits = bytes_in(x, b'0', b'9');
            let capitals = bytes_in(x, b'A', b'Z');
            let alnum = digits | capitals | bytes_in(x, b'a', b'z');
            // a byte's word goes on from the byte before when that one is alnum
            let inside = (alnum << 8) | (u64::from(prev_alnum) << 7);
            let stop = ((digits | capitals) & !inside) | (x & HIGH);
            if stop == 0 {
                prev_alnum = alnum >> 63 != 0;
                i += 8;
                continue;
            }
            // the bytes before the first that may start a date (or is not ASCII)
            let k = (stop.trailing_zeros() / 8) as usize;
            if k > 0 {
                prev_alnum = (alnum >> (8 * k - 1)) & 1 != 0;
                i += k;
            }
        }
        match date_step(text, i, &mut prev_alnum) {
            Walk::Date(date, span) => return Some((date, span)),
            Walk::On(next) => i = next,
            Walk::Stop => return None,
        }
    }
    None
}

/// What one step of [`find_first_date_before`]'s walk finds.
enum Walk {
    /// A date starts here.
    Date(Date, Range<usize>),
    /// No date here: the walk goes on at this byte.
    On(usize),
    /// The text ends, or breaks off inside a character.
    Stop,
}

/// One byte (or non-ASCII character) of [`find_first_date_before`]'s walk at `i`:
/// a date that starts at a word start there, or where to go on. `prev_alnum` says
/// whether the byte before continues a word, and is moved on with the walk.
#[inline]
fn date_step(text: &str, i: usize, prev_alnum: &mut bool) -> Walk {
    let b = text.as_bytes();
    let Some(&c) = b.get(i) else {
        return Walk::Stop;
    };
    if !c.is_ascii() {
        let Some(ch) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            return Walk::Stop;
        };
        *prev_alnum = ch.is_alphanumeric();
        return Walk::On(i + ch.len_utf8());
    }
    let alnum = c.is_ascii_alphanumeric();
    if alnum
        && !*prev_alnum
        && (c.is_ascii_digit() || names_month_or_weekday(b, i))
        && let Some((date, end)) = date_at(b, i, None, Case::Capitalised)
    {
        return Walk::Date(date, i..end);
    }
    *prev_alnum = alnum;
    Walk::On(i + 1)
}

/// [`find_first_date_before`] one byte or character at a time: the reading it must
/// agree with.
#[cfg(test)]
fn find_first_date_before_bytes(text: &str, limit: usize) -> Option<(Date, Range<usize>)> {
    let mut prev_alnum = false;
    let mut i = 0;
    while i < limit {
        match date_step(text, i, &mut prev_alnum) {
            Walk::Date(date, span) => return Some((date, span)),
            Walk::On(next) => i = next,
            Walk::Stop => return None,
        }
    }
    None
}

/// Whether the ASCII word at `i` is a capitalised month or weekday name, the only
/// words [`date_at`] reads a capitalised date from.
fn names_month_or_weekday(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_uppercase)
        && word(b, i).is_some_and(|(_, w)| is_weekday(w) || month_number_bytes(w).is_some())
}

/// Whether month and weekday names must start with a capital letter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Any,
    Capitalised,
}

/// A date starting at byte `i`, optionally after a weekday; returns the date and the
/// byte just past it. The byte after the date must not continue a word or number.
fn date_at(b: &[u8], i: usize, order: Option<DateOrder>, case: Case) -> Option<(Date, usize)> {
    // A weekday first ("Tue 05 Apr 2017", "Tuesday, April 4, 2017") is part of the date.
    if let Some((word_end, w)) = word(b, i)
        && is_weekday(w)
        && capital_ok(b, i, case)
    {
        let mut j = word_end;
        if b.get(j) == Some(&b'.') {
            j += 1;
        }
        if b.get(j) == Some(&b',') {
            j += 1;
        }
        let j = spaces(b, j, 1)?;
        return core_date(b, j, order, case);
    }
    core_date(b, i, order, case)
}

fn core_date(b: &[u8], i: usize, order: Option<DateOrder>, case: Case) -> Option<(Date, usize)> {
    let found = iso(b, i)
        .or_else(|| numeric(b, i, order))
        .or_else(|| month_first(b, i, case))
        .or_else(|| day_first(b, i, case))?;
    let (_, end) = found;
    match b.get(end) {
        Some(c) if c.is_ascii_alphanumeric() && !(*c == b'T' && is_time_suffix_bytes(b, end)) => {
            None
        }
        _ => Some(found),
    }
}

/// `2017-04-05`, `2017/04/05`
fn iso(b: &[u8], i: usize) -> Option<(Date, usize)> {
    let (y, i) = digits(b, i, 4, 4)?;
    let sep = *b.get(i)?;
    if sep != b'-' && sep != b'/' {
        return None;
    }
    let (m, i) = digits(b, i + 1, 1, 2)?;
    if b.get(i) != Some(&sep) {
        return None;
    }
    let (d, i) = digits(b, i + 1, 1, 2)?;
    Some((make(y, m, d)?, i))
}

/// `4/5/2017`, `05.04.2017`, `5-4-2017`: the same separator twice, the year last.
fn numeric(b: &[u8], i: usize, order: Option<DateOrder>) -> Option<(Date, usize)> {
    let (a, i) = digits(b, i, 1, 2)?;
    let sep = *b.get(i)?;
    if !matches!(sep, b'/' | b'.' | b'-') {
        return None;
    }
    let (c, i) = digits(b, i + 1, 1, 2)?;
    if b.get(i) != Some(&sep) {
        return None;
    }
    let (y, i) = digits(b, i + 1, 4, 4)?;
    let order = order.unwrap_or(if a > 12 && c <= 12 {
        DateOrder::Dmy
    } else {
        DateOrder::Mdy
    });
    let date = match order {
        DateOrder::Dmy => make(y, c, a)?,
        DateOrder::Mdy => make(y, a, c)?,
    };
    Some((date, i))
}

/// `April 4 2017`, `January 30, 2015`, `Jan. 30, 2015`, `Sept 3rd, 2016`
fn month_first(b: &[u8], i: usize, case: Case) -> Option<(Date, usize)> {
    let (m, j) = month(b, i, case)?;
    let j = spaces(b, j, 1)?;
    let (d, j) = day(b, j)?;
    let j = year_gap(b, j)?;
    let (y, j) = digits(b, j, 4, 4)?;
    Some((make(y, m, d)?, j))
}

/// `4 April 2017`, `30 Jan 2015`, `05 Apr 2017`, `4th of April, 2017`
fn day_first(b: &[u8], i: usize, case: Case) -> Option<(Date, usize)> {
    let (d, j) = day(b, i)?;
    let mut j = spaces(b, j, 1)?;
    if let Some((end, w)) = word(b, j)
        && w.eq_ignore_ascii_case(b"of")
    {
        j = spaces(b, end, 1)?;
    }
    let (m, j) = month(b, j, case)?;
    let j = year_gap(b, j)?;
    let (y, j) = digits(b, j, 4, 4)?;
    Some((make(y, m, d)?, j))
}

/// A month name at `i` (with its optional period): its number and the byte after it.
fn month(b: &[u8], i: usize, case: Case) -> Option<(u32, usize)> {
    let (mut end, w) = word(b, i)?;
    if !capital_ok(b, i, case) {
        return None;
    }
    let m = month_number_bytes(w)?;
    if b.get(end) == Some(&b'.') {
        end += 1;
    }
    Some((u32::from(m), end))
}

/// A day of the month, one or two digits, with an optional "st", "nd", "rd" or "th".
fn day(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let (d, mut j) = digits(b, i, 1, 2)?;
    if let Some(suffix) = b.get(j..j + 2) {
        let s = suffix.to_ascii_lowercase();
        if matches!(s.as_slice(), b"st" | b"nd" | b"rd" | b"th")
            && !b.get(j + 2).is_some_and(u8::is_ascii_alphanumeric)
        {
            j += 2;
        }
    }
    Some((d, j))
}

/// What may stand between the day or month and the year: a comma and/or spaces.
fn year_gap(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) == Some(&b',') {
        spaces(b, i + 1, 0)
    } else {
        spaces(b, i, 1)
    }
}

fn capital_ok(b: &[u8], i: usize, case: Case) -> bool {
    case == Case::Any || b.get(i).is_some_and(u8::is_ascii_uppercase)
}

/// An ASCII word at `i`: the byte after it and the word.
fn word(b: &[u8], i: usize) -> Option<(usize, &[u8])> {
    let len = b
        .get(i..)?
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    if len == 0 {
        return None;
    }
    Some((i + len, b.get(i..i + len)?))
}

/// At least `min` spaces, tabs or no-break spaces; the byte after them.
fn spaces(b: &[u8], mut i: usize, min: usize) -> Option<usize> {
    let mut n = 0;
    loop {
        match b.get(i) {
            Some(b' ' | b'\t') => i += 1,
            Some(0xC2) if b.get(i + 1) == Some(&0xA0) => i += 2,
            _ => break,
        }
        n += 1;
    }
    (n >= min).then_some(i)
}

/// Between `min` and `max` ASCII digits at `i`, not followed by another digit.
fn digits(b: &[u8], i: usize, min: usize, max: usize) -> Option<(u32, usize)> {
    let run = b
        .get(i..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if run < min || run > max {
        return None;
    }
    let value = b
        .get(i..i + run)?
        .iter()
        .fold(0u32, |acc, c| acc * 10 + u32::from(c - b'0'));
    Some((value, i + run))
}

fn make(y: u32, m: u32, d: u32) -> Option<Date> {
    let y = i16::try_from(y).ok()?;
    let m = i8::try_from(m).ok()?;
    let d = i8::try_from(d).ok()?;
    Date::new(y, m, d).ok()
}

/// A time of day after a date: `T10:00`, ` 10:00`, ` 10:00:00 +0000`, `, 10:00 GMT`.
fn is_time_suffix(rest: &str) -> bool {
    is_time_suffix_bytes(rest.as_bytes(), 0)
}

fn is_time_suffix_bytes(b: &[u8], i: usize) -> bool {
    let mut j = i;
    match b.get(j) {
        Some(b'T') => j += 1,
        Some(b',') => j = spaces(b, j + 1, 0).unwrap_or(j + 1),
        _ => match spaces(b, j, 1) {
            Some(k) => j = k,
            None => return false,
        },
    }
    match digits(b, j, 1, 2) {
        Some((_, k)) => b.get(k) == Some(&b':'),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn parses_whole_values() {
        let d = |y, m, dd| Some(date(y, m, dd));
        let cases: &[(&str, Option<DateOrder>, Option<Date>)] = &[
            ("2017-04-05", None, d(2017, 4, 5)),
            ("  2017-04-05  ", None, d(2017, 4, 5)),
            ("2017/04/05", None, d(2017, 4, 5)),
            ("2017-4-5", None, d(2017, 4, 5)),
            ("2017-04-05T10:00:00Z", None, d(2017, 4, 5)),
            ("2017-04-05 10:00", None, d(2017, 4, 5)),
            ("4/5/2017", None, d(2017, 4, 5)),
            ("4/5/2017", Some(DateOrder::Mdy), d(2017, 4, 5)),
            ("4/5/2017", Some(DateOrder::Dmy), d(2017, 5, 4)),
            ("13/4/2017", None, d(2017, 4, 13)),
            ("4/13/2017", None, d(2017, 4, 13)),
            ("13/4/2017", Some(DateOrder::Mdy), None),
            ("05.04.2017", Some(DateOrder::Dmy), d(2017, 4, 5)),
            ("Tue 05 Apr 2017", None, d(2017, 4, 5)),
            ("Wed 05 Apr 2017", None, d(2017, 4, 5)),
            ("Wed, 05 Apr 2017 10:00:00 +0000", None, d(2017, 4, 5)),
            ("Tuesday, April 4, 2017", None, d(2017, 4, 4)),
            ("April 4 2017", None, d(2017, 4, 4)),
            ("4 April 2017", None, d(2017, 4, 4)),
            ("4th of April, 2017", None, d(2017, 4, 4)),
            ("January 30, 2015", None, d(2015, 1, 30)),
            ("Jan. 30, 2015", None, d(2015, 1, 30)),
            ("Sept 3rd, 2016", None, d(2016, 9, 3)),
            ("30 Jan 2015", None, d(2015, 1, 30)),
            ("30 jan 2015", None, d(2015, 1, 30)),
            ("MARCH 12 2024", None, d(2024, 3, 12)),
            ("29 Feb 2024", None, d(2024, 2, 29)),
            // Not full dates, not dates at all, or impossible ones.
            ("29 Feb 2023", None, None),
            ("2017-13-01", None, None),
            ("January 30", None, None),
            ("April 2017", None, None),
            ("4/5/17", None, None),
            ("32/1/2017", None, None),
            ("30 Janvier 2015", None, None),
            ("2017-04-05 and more", None, None),
            ("20170405", None, None),
            ("", None, None),
            ("yesterday", None, None),
        ];
        for (input, order, want) in cases {
            assert_eq!(parse_date(input, *order), *want, "{input:?} {order:?}");
        }
    }

    #[test]
    fn month_names() {
        let cases: &[(&str, Option<u8>)] = &[
            ("January", Some(1)),
            ("jan", Some(1)),
            ("Jan.", Some(1)),
            ("FEB", Some(2)),
            ("May", Some(5)),
            ("Sept", Some(9)),
            ("sept.", Some(9)),
            ("Sep", Some(9)),
            ("december", Some(12)),
            ("Ju", None),
            ("Janu", None),
            ("Mayday", None),
            ("", None),
            ("Monday", None),
        ];
        for (word, want) in cases {
            assert_eq!(month_number(word), *want, "{word:?}");
        }
        // every prefix of every name, in three cases, with and without a dot
        for (k, name) in MONTH_NAMES.iter().enumerate() {
            for n in 1..=name.len() + 1 {
                let w = format!(
                    "{}{}",
                    &name[..n.min(name.len())],
                    "s".repeat(n / (name.len() + 1))
                );
                let want = (n == 3 || n == name.len() || w == "sept").then_some(k as u8 + 1);
                for w in [
                    w.clone(),
                    w.to_uppercase(),
                    format!("{w}."),
                    format!("{w}.."),
                ] {
                    let want = if w.ends_with("..") { None } else { want };
                    assert_eq!(month_number(&w), want, "{w:?}");
                }
            }
        }
        assert_eq!(month_number("mar\u{e9}"), None);
    }

    #[test]
    fn eight_byte_date_scan_reads_as_the_bytewise_one() {
        let texts = [
            "Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent",
            "the attack on caf\u{e9}s in Aleppo on Tuesday, April 4, 2017 killed",
            "a1 April 4 2017x and 4 April 2017 then 2017-04-05 or 4/5/2017 also",
            "nothing here at all but words and more words and yet more words ok",
            "\u{e9}\u{e9}April 4 2017 \u{2019}30 Jan 2015 Sept 3rd, 2016 x9 Mon",
            "ABCDEFGH 12345678 abcdefgh Jan. 30, 2015 MondayMonday 05 Apr 2017",
        ];
        for text in texts {
            for limit in 0..=text.len() + 2 {
                assert_eq!(
                    find_first_date_before(text, limit),
                    find_first_date_before_bytes(text, limit),
                    "{text:?} before {limit}"
                );
            }
            // and from every start, as a text of its own
            for k in (0..text.len()).filter(|&k| text.is_char_boundary(k)) {
                let t = &text[k..];
                assert_eq!(
                    find_first_date_before(t, t.len()),
                    find_first_date_before_bytes(t, t.len()),
                    "{t:?}"
                );
            }
        }
    }

    #[test]
    fn implied_orders() {
        let cases: &[(&str, Option<DateOrder>)] = &[
            ("13/4/2017", Some(DateOrder::Dmy)),
            ("4/13/2017", Some(DateOrder::Mdy)),
            ("4/5/2017", None),
            ("13/13/2017", None),
            ("2017-04-13", None),
            ("31.12.2016", Some(DateOrder::Dmy)),
        ];
        for (input, want) in cases {
            assert_eq!(implied_order(input), *want, "{input:?}");
        }
    }

    #[test]
    fn finds_first_date_in_text() {
        let cases: &[(&str, Option<(Date, &str)>)] = &[
            (
                "Wed 05 Apr 2017 Syria attack symptoms",
                Some((date(2017, 4, 5), "Wed 05 Apr 2017")),
            ),
            (
                "BEIRUT, March 12, 2019 (AP) - Fighting",
                Some((date(2019, 3, 12), "March 12, 2019")),
            ),
            (
                "Posted on 2015-01-30T10:00Z by staff",
                Some((date(2015, 1, 30), "2015-01-30")),
            ),
            (
                "It may 4 2017 rain; then on 4 May 2017 it did.",
                Some((date(2017, 5, 4), "4 May 2017")),
            ),
            ("Friday evening (January 30) release", None),
            ("in mid-September 2014, using artillery", None),
            ("killed 12 people on 3/4 of the days", None),
            ("x12/4/2017 is glued to a word", None),
            (
                "Le 30 Jan 2015 à Kobani, « 12/4/2017 »",
                Some((date(2015, 1, 30), "30 Jan 2015")),
            ),
            ("«12/4/2017»", Some((date(2017, 12, 4), "12/4/2017"))),
            ("", None),
        ];
        for (text, want) in cases {
            let got = find_first_date(text).map(|(d, r)| (d, &text[r]));
            assert_eq!(got, *want, "{text:?}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "\u{a0}",
            "4\u{a0}April\u{a0}2017",
            "Tue",
            "Tue ",
            "1/",
            "1/2/",
            "é1/2/2017",
        ] {
            let _ = parse_date(s, None);
            let _ = find_first_date(s);
        }
        assert_eq!(
            parse_date("4\u{a0}April\u{a0}2017", None),
            Some(date(2017, 4, 4))
        );
    }
}
