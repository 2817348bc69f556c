//! The smallest pieces of the quantity grammar: ASCII case-insensitive keywords with
//! word boundaries, whitespace, hyphens, and the words around a position.
//!
//! Every parser here works on `&str` with the unit error type `()` (the grammar only
//! needs to know whether a branch matched), and never splits a character: keywords
//! are ASCII, so a case-insensitive match of their bytes always ends on a character
//! boundary.

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
    !rest.chars().next().is_some_and(char::is_alphanumeric)
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
    let mut newlines = 0;
    let mut end = 0;
    for (k, c) in i.char_indices() {
        if !c.is_whitespace() {
            break;
        }
        if c == '\n' {
            newlines += 1;
            if newlines > 1 {
                break;
            }
        }
        end = k + c.len_utf8();
    }
    if end == 0 {
        fail()
    } else {
        Ok((&i[end..], &i[..end]))
    }
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

/// Characters that may form a word for the neighbour readers: letters, digits,
/// apostrophes, inner dots ("a.m.", "Jan.") and hyphens.
fn wordish(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '.' | '-')
}

/// How far the neighbour readers look: a longer word or gap is no word, which keeps
/// every lookup short whatever the text.
const REACH: usize = 64;

/// The word that ends just before byte `at` (spaces skipped), with its start. `None`
/// when punctuation other than a word's own dot stands between (a clause boundary),
/// or when the word or the gap is implausibly long.
pub(crate) fn prev_word(text: &str, at: usize) -> Option<(usize, &str)> {
    let head = text.get(..at)?;
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
    for (k, c) in tail.char_indices() {
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
    fn neighbour_words() {
        let t = "killed, Jan. 30 and more";
        assert_eq!(prev_word(t, 13), Some((8, "Jan.")));
        assert_eq!(prev_word(t, 6), Some((0, "killed")));
        assert_eq!(prev_word(t, 8), None);
        assert_eq!(next_word(t, 15), Some((16, "and")));
        assert_eq!(next_word("30 a.m.", 2), Some((3, "a.m")));
        assert_eq!(next_word("30.", 2), None);
    }

    #[test]
    fn lower_buffer() {
        assert_eq!(Lower::new("HunDred").bytes(), b"hundred");
        assert_eq!(Lower::new("extraordinarilylong").bytes(), b"");
        assert_eq!(Lower::new("caf\u{e9}").bytes(), b"");
    }

    #[test]
    fn words_and_dashes() {
        assert_eq!(ascii_word("thirty-eight"), Ok(("-eight", "thirty")));
        assert!(ascii_word("G20").is_err());
        assert_eq!(dash("\u{2013}30"), Ok(("30", "\u{2013}")));
        assert_eq!(hyphen("-year"), Ok(("year", "-")));
    }
}
