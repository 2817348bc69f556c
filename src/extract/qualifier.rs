//! Qualifiers: the words that hedge a number, before it ("more than", "at least",
//! "nearly", "some") or after it ("or more", "or so", "N+"). Matching ignores case
//! ("At least 100") and allows any spacing between the words.
//!
//! Besides DESIGN.md's list, the comparatives a reader would expect are kept with
//! the same meaning: "above", "greater/higher/larger/bigger than" (more than),
//! "below", "lower/smaller than" (less than), "well over", "just over" (more than),
//! "well under/below" (less than), "a minimum of" (at least), "a maximum of", "as much
//! as", "not more than" (at most), "circa", "approx." (about), and the combined
//! "greater than or equal to" (at least), "less than or equal to" (at most).

use super::lexeme::{Res, at_boundary, fail, kw, letter_run, tag_cs, ws, ws_then_letter};
use crate::quantity::Qualifier;
use nom::Parser;
use nom::combinator::opt;

/// Several words with any spacing between them: `words("more than")`.
pub(crate) fn words<'a>(p: &'static str) -> impl Fn(&'a str) -> Res<'a, &'a str> {
    move |i: &'a str| {
        let rest = phrase_at(i, p)?;
        Ok((rest, &i[..i.len() - rest.len()]))
    }
}

/// The input after the phrase `p` (words separated by single spaces in `p`, any
/// spacing in the input), or a failure. Each word is matched like [`kw`]: its ASCII
/// letters in any case, then a word boundary.
fn phrase_at<'a>(i: &'a str, p: &'static str) -> Result<&'a str, nom::Err<()>> {
    let mut rest = i;
    let mut p = p.as_bytes();
    loop {
        let n = p.iter().position(|&c| c == b' ').unwrap_or(p.len());
        match rest.as_bytes().get(..n) {
            // equal to ASCII bytes, so `n` is a character boundary
            Some(head) if head.eq_ignore_ascii_case(&p[..n]) => rest = &rest[n..],
            _ => return Err(nom::Err::Error(())),
        }
        if !at_boundary(rest) {
            return Err(nom::Err::Error(()));
        }
        match p.get(n + 1..) {
            Some(more) => {
                rest = ws(rest)?.0;
                p = more;
            }
            None => return Ok(rest),
        }
    }
}

/// A table of phrases tried in order, with the entries indexed by the first letter
/// and the length of their first word, so that a lookup only tries the entries that
/// can match.
pub(crate) struct PhraseTable<T: 'static> {
    entries: &'static [(&'static str, T)],
    /// Per first letter and first-word length, a bit per entry.
    index: [[u64; FIRST_WORD_MAX + 1]; 26],
}

/// The longest first word of a phrase table.
const FIRST_WORD_MAX: usize = 15;

impl<T> PhraseTable<T> {
    /// The index of `entries` (at most 64, each starting with a word of 1 to 15 ASCII
    /// letters); anything else fails at compile time.
    pub(crate) const fn new(entries: &'static [(&'static str, T)]) -> PhraseTable<T> {
        assert!(
            entries.len() <= 64,
            "a phrase table holds at most 64 entries"
        );
        let mut index = [[0u64; FIRST_WORD_MAX + 1]; 26];
        let mut k = 0;
        while k < entries.len() {
            let p = entries[k].0.as_bytes();
            let mut n = 0;
            while n < p.len() && p[n] != b' ' {
                assert!(p[n].is_ascii_alphabetic(), "a first word is ASCII letters");
                n += 1;
            }
            assert!(
                n > 0 && n <= FIRST_WORD_MAX,
                "a first word is 1 to 15 letters"
            );
            index[(p[0].to_ascii_lowercase() - b'a') as usize][n] |= 1 << k;
            k += 1;
        }
        PhraseTable { entries, index }
    }

    #[cfg(test)]
    pub(crate) fn entries(&self) -> &'static [(&'static str, T)] {
        self.entries
    }
}

/// The first entry of `table` whose phrase starts the input, trying only the entries
/// whose first word is the input's first word (compared without allocating).
pub(crate) fn phrase_table<'a, T: Copy>(
    i: &'a str,
    table: &PhraseTable<T>,
) -> Res<'a, (&'static str, T)> {
    let b = i.as_bytes();
    let n = letter_run(b);
    let Some(first) = b.get(..n).filter(|f| !f.is_empty()) else {
        return fail();
    };
    // the entries whose first word has this first letter and this length
    let letter = usize::from(first[0].to_ascii_lowercase() - b'a');
    let mut bits = table.index[letter].get(n).copied().unwrap_or(0);
    // Every entry's first word is these letters and then a boundary: the first word
    // is matched once here, and each entry tries only the words after it.
    let after = &i[n..];
    if bits == 0 || !at_boundary(after) {
        return fail();
    }
    // The input past the whitespace after the first word, read once for all the
    // entries of more than one word (None before the first needs it).
    let mut next: Option<Option<&'a str>> = None;
    while bits != 0 {
        let k = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        let Some(&(p, v)) = table.entries.get(k) else {
            break;
        };
        if !p.as_bytes()[..n].eq_ignore_ascii_case(first) {
            continue;
        }
        let Some(more) = p.get(n + 1..) else {
            return Ok((after, (p, v)));
        };
        let r = *next.get_or_insert_with(|| ws(after).ok().map(|(r, _)| r));
        // the words after the first; a first letter that differs turns one away
        if let Some(r) = r
            && r.as_bytes().first().map(u8::to_ascii_lowercase)
                == more.as_bytes().first().map(u8::to_ascii_lowercase)
            && let Ok(rest) = phrase_at(r, more)
        {
            return Ok((rest, (p, v)));
        }
    }
    fail()
}

/// Qualifiers before a number. Tried in order: a phrase comes before any phrase that
/// is its prefix or that it contains ("no more than" before "more than", "greater
/// than or equal to" before "greater than", "just under" is nearly while "under" is
/// less than).
static BEFORE: PhraseTable<Qualifier> = PhraseTable::new(&[
    ("no more than", Qualifier::AtMost),
    ("not more than", Qualifier::AtMost),
    ("no fewer than", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("not fewer than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("more than or equal to", Qualifier::AtLeast),
    ("greater than or equal to", Qualifier::AtLeast),
    ("less than or equal to", Qualifier::AtMost),
    ("fewer than or equal to", Qualifier::AtMost),
    ("just more than", Qualifier::MoreThan),
    ("just over", Qualifier::MoreThan),
    ("just above", Qualifier::MoreThan),
    ("just under", Qualifier::Nearly),
    ("just below", Qualifier::Nearly),
    ("just shy of", Qualifier::Nearly),
    ("just short of", Qualifier::Nearly),
    ("well in excess of", Qualifier::MoreThan),
    ("well over", Qualifier::MoreThan),
    ("well above", Qualifier::MoreThan),
    ("well under", Qualifier::LessThan),
    ("well below", Qualifier::LessThan),
    ("more than", Qualifier::MoreThan),
    ("greater than", Qualifier::MoreThan),
    ("higher than", Qualifier::MoreThan),
    ("larger than", Qualifier::MoreThan),
    ("bigger than", Qualifier::MoreThan),
    ("upwards of", Qualifier::MoreThan),
    ("in excess of", Qualifier::MoreThan),
    ("over", Qualifier::MoreThan),
    ("above", Qualifier::MoreThan),
    ("at least", Qualifier::AtLeast),
    ("a minimum of", Qualifier::AtLeast),
    ("fewer than", Qualifier::LessThan),
    ("less than", Qualifier::LessThan),
    ("lower than", Qualifier::LessThan),
    ("smaller than", Qualifier::LessThan),
    ("under", Qualifier::LessThan),
    ("below", Qualifier::LessThan),
    ("at most", Qualifier::AtMost),
    ("up to", Qualifier::AtMost),
    ("as many as", Qualifier::AtMost),
    ("as much as", Qualifier::AtMost),
    ("a maximum of", Qualifier::AtMost),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("close to", Qualifier::Nearly),
    ("an estimated", Qualifier::Approx),
    ("estimated", Qualifier::Approx),
    ("about", Qualifier::Approx),
    ("around", Qualifier::Approx),
    ("some", Qualifier::Approx),
    ("roughly", Qualifier::Approx),
    ("approximately", Qualifier::Approx),
    ("approx", Qualifier::Approx),
    ("circa", Qualifier::Approx),
    ("exactly", Qualifier::Exact),
    ("precisely", Qualifier::Exact),
]);

/// The phrases [`before`] reads.
#[cfg(test)]
pub(crate) fn before_phrases() -> impl Iterator<Item = &'static str> {
    BEFORE.entries().iter().map(|&(p, _)| p)
}

/// A qualifier before a number, with the space after it.
pub(crate) fn before(i: &str) -> Res<'_, Qualifier> {
    let (rest, (_, q)) = phrase_table(i, &BEFORE)?;
    // "approx. 20"
    let (rest, _) = opt(tag_cs(".")).parse(rest)?;
    let (rest, _) = ws(rest)?;
    Ok((rest, q))
}

/// Qualifiers after a number. "or more" before "or" ranges is the caller's order.
static AFTER: PhraseTable<Qualifier> = PhraseTable::new(&[
    ("or more", Qualifier::AtLeast),
    ("or greater", Qualifier::AtLeast),
    ("or higher", Qualifier::AtLeast),
    ("or above", Qualifier::AtLeast),
    ("or over", Qualifier::AtLeast),
    ("and more", Qualifier::AtLeast),
    ("and above", Qualifier::AtLeast),
    ("and over", Qualifier::AtLeast),
    ("or so", Qualifier::Approx),
    ("or fewer", Qualifier::AtMost),
    ("or less", Qualifier::AtMost),
    ("or lower", Qualifier::AtMost),
]);

/// A qualifier after a number: " or more", " or so", " or fewer", or a glued "+"
/// ("10+"; not "1+1").
pub(crate) fn after(i: &str) -> Res<'_, Qualifier> {
    if let Some(rest) = i.strip_prefix('+')
        && !rest.starts_with(|c: char| c.is_alphanumeric())
    {
        return Ok((rest, Qualifier::MoreThan));
    }
    // every phrase of the table starts with "or" or "and", after a space
    if !ws_then_letter(i, b"oa") {
        return fail();
    }
    let (r, _) = ws(i)?;
    let (rest, (_, q)) = phrase_table(r, &AFTER)?;
    // "20 or more than 30" is two bounds, not "20 or more"
    if (ws, kw("than")).parse(rest).is_ok() {
        return fail();
    }
    Ok((rest, q))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Qualifier::*;

    #[test]
    fn before_table() {
        let cases: &[(&str, Qualifier, &str)] = &[
            ("more than 700", MoreThan, "700"),
            ("More  Than 700", MoreThan, "700"),
            ("over 20", MoreThan, "20"),
            ("upwards of 5", MoreThan, "5"),
            ("in excess of 5", MoreThan, "5"),
            ("well over 1,000", MoreThan, "1,000"),
            ("just over 50", MoreThan, "50"),
            ("above 170", MoreThan, "170"),
            ("greater than 4,565", MoreThan, "4,565"),
            ("At least 100", AtLeast, "100"),
            ("no fewer than 9", AtLeast, "9"),
            ("no less than thirty", AtLeast, "thirty"),
            ("greater than or equal to 50", AtLeast, "50"),
            ("fewer than 10", LessThan, "10"),
            ("less than 10", LessThan, "10"),
            ("under 170", LessThan, "170"),
            ("below 8", LessThan, "8"),
            ("less than or equal to 100", AtMost, "100"),
            ("at most 40", AtMost, "40"),
            ("up to 700", AtMost, "700"),
            ("no more than 12", AtMost, "12"),
            ("as many as 40", AtMost, "40"),
            ("nearly 100", Nearly, "100"),
            ("almost 70", Nearly, "70"),
            ("close to 50", Nearly, "50"),
            ("just under 100", Nearly, "100"),
            ("about 80", Approx, "80"),
            ("around 900", Approx, "900"),
            ("some 350", Approx, "350"),
            ("roughly 4,500", Approx, "4,500"),
            ("approximately 20", Approx, "20"),
            ("approx. 20", Approx, "20"),
            ("an estimated 300", Approx, "300"),
            ("estimated 300", Approx, "300"),
            ("exactly 12", Exact, "12"),
            ("precisely 12", Exact, "12"),
        ];
        for &(s, q, rest) in cases {
            assert_eq!(before(s), Ok((rest, q)), "{s:?}");
        }
        for s in [
            "overall 5",
            "someone",
            "more 5",
            "about",
            "upto 5",
            "underway",
        ] {
            assert!(before(s).is_err(), "{s:?}");
        }
    }

    #[test]
    fn after_table() {
        let cases: &[(&str, Qualifier, &str)] = &[
            (" or more people", AtLeast, " people"),
            (" or so", Approx, ""),
            (" or fewer", AtMost, ""),
            (" or less", AtMost, ""),
            (" and more in", AtLeast, " in"),
            ("+ people", MoreThan, " people"),
        ];
        for &(s, q, rest) in cases {
            assert_eq!(after(s), Ok((rest, q)), "{s:?}");
        }
        for s in [" or three", "+1", " more", " or more than 30", " so"] {
            assert!(after(s).is_err(), "{s:?}");
        }
    }
}
