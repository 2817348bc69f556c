//! What looks like a quantity but is not a claim (DESIGN.md "Claims").
//!
//! - Codes, by the shape of the token: digits glued to letters before them ("A320",
//!   "G20", "F-16", "COVID-19", "mid-2014"), digits joined by ':' or '/' (times
//!   "6:30", dates "4/5/2017", "24/7"), three dash-joined groups ("2017-04-05",
//!   "+1-222-2222"), a '+', '#' or '@' before the digits, URLs. Digits glued to
//!   letters after them are ordinals or codes ("21st", "1990s", "4x4", "10am") unless
//!   the letters are a unit or scale; the grammar reads those.
//! - Dates: a bare number after a month name ("January 30", "Jan. 30", "Jun 182016")
//!   or up to 31 before one ("30 January", "Wed 05 Apr 2017").
//! - Years: a bare four-digit number from 1900 to 2099. It is a count only when it
//!   has a qualifier ("more than 2000"; "around 2014" only before a plural noun) or
//!   when a plural noun follows and the word before takes a count: a verb form in
//!   "-ed" or "-ing", or "of", "with", "and", "than", ... ("killed 2014 people", "of
//!   2000 people"). "2014 riots", "deadly 2014 riots", "in 2014 people" and "the
//!   2016 elections" are years. Two years joined as a range ("2011-2014", "from
//!   2011 to 2014") are a year span.
//! - Times: a number before "am", "pm", "a.m.", "GMT", "UTC", "o'clock"; a 24-hour
//!   "HHMM" after "at" or "updated", or before a date ("1735 15.04.2017").
//! - Identifiers: a bare number after "resolution", "Article", "Route", "No.", "Photo"
//!   and the like, and the numbers listed right after it ("Photo 3 of 12").
//! - The pronoun "one": "no one", "the one who", "a costly one", "one of the", "one
//!   another"; "one day" as a moment ("one day he came", not "for one day"); "one
//!   person was killed" and "killed one" stay counts.
//! - Ages: a count after "aged", "age(s)" or "age of", or between a name and a verb
//!   of saying ("Ahmed, 24, said"), is a measure in years.
//! - "half" alone unless "of", a determiner or a qualifier goes with it ("half the
//!   town", "more than half"), never "the first half"; "quite a few".

use super::lexeme::{
    REACH, WordSet, ascii_space, next_word, one_of, prev_word, token_end, token_window,
};
use super::quantity_phrase::{Parsed, Shape};
use crate::quantity::Qualifier;

/// What to do with a parsed phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Claim,
    /// Not a claim.
    Skip,
    /// An identifier: numbers listed right after it are identifiers too.
    SkipId,
}

/// Month names and their abbreviations, as written in dates.
#[rustfmt::skip]
const MONTHS_LIST: &[&str] = &[
    "apr", "april", "aug", "august", "dec", "december", "feb", "february", "jan",
    "january", "jul", "july", "jun", "june", "mar", "march", "may", "nov", "november",
    "oct", "october", "sep", "sept", "september",
];

static MONTHS: WordSet<{ MONTHS_LIST.len() }> = WordSet::new(MONTHS_LIST);

/// Words before a number that make it an identifier.
#[rustfmt::skip]
const ID_LIST: &[&str] = &[
    "apartment", "apt", "article", "articles", "box", "building", "category", "channel",
    "chapter", "checkpoint", "clause", "code", "decree", "episode", "exit", "ext", "fax",
    "fig", "figure", "flight", "gate", "grade", "highway", "id", "image", "item",
    "junction", "law", "level", "model", "motorway", "nr", "nrs", "number", "page",
    "pages", "paragraph", "part", "phase", "phone", "photo", "photos", "picture",
    "platform", "precinct", "protocol", "ref", "resolution", "resolutions", "room",
    "route", "season", "section", "sections", "sector", "stage", "table", "tel",
    "terminal", "type", "unit", "url", "version", "views", "vol", "volume", "ward", "zone",
];

static ID_WORDS: WordSet<{ ID_LIST.len() }> = WordSet::new(ID_LIST);

/// Words before a year.
#[rustfmt::skip]
const YEAR_BEFORE_LIST: &[&str] = &[
    "after", "autumn", "before", "between", "by", "circa", "during", "early", "fall",
    "fiscal", "from", "in", "late", "mid", "since", "spring", "summer", "the", "through",
    "throughout", "till", "to", "until", "winter", "year",
];

static YEAR_BEFORE: WordSet<{ YEAR_BEFORE_LIST.len() }> = WordSet::new(YEAR_BEFORE_LIST);

/// Words before a year-shaped number and a plural noun that make it a count ("of
/// 2000 people", "killed 2014 people"), besides verb forms in "-ed" and "-ing".
#[rustfmt::skip]
const COUNT_BEFORE_LIST: &[&str] = &[
    "all", "among", "and", "another", "are", "had", "has", "have", "held", "hold", "holds",
    "just", "kill", "kills", "leaving", "left", "of", "only", "some", "take", "takes",
    "than", "took", "were", "with",
];

static COUNT_BEFORE: WordSet<{ COUNT_BEFORE_LIST.len() }> = WordSet::new(COUNT_BEFORE_LIST);

/// Words after a number that make it a time of day.
#[rustfmt::skip]
const TIME_AFTER_LIST: &[&str] = &[
    "a.m", "am", "bst", "cest", "cet", "edt", "eest", "eet", "est", "gmt", "o'clock",
    "o\u{2019}clock", "p.m", "pdt", "pm", "pst", "utc",
];

static TIME_AFTER: WordSet<{ TIME_AFTER_LIST.len() }> = WordSet::new(TIME_AFTER_LIST);

/// Words before a 24-hour time.
#[rustfmt::skip]
const TIME_BEFORE_LIST: &[&str] = &[
    "at", "by", "posted", "published", "updated",
];

static TIME_BEFORE: WordSet<{ TIME_BEFORE_LIST.len() }> = WordSet::new(TIME_BEFORE_LIST);

/// Words before "one" that make it a pronoun.
#[rustfmt::skip]
const ONE_BEFORE_LIST: &[&str] = &[
    "another", "any", "each", "every", "little", "no", "such", "that", "the", "this",
    "which", "whichever", "young",
];

static ONE_BEFORE: WordSet<{ ONE_BEFORE_LIST.len() }> = WordSet::new(ONE_BEFORE_LIST);

/// Words after "one" that make it a pronoun or an idiom.
#[rustfmt::skip]
const ONE_AFTER_LIST: &[&str] = &[
    "after", "afternoon", "another", "by", "can", "could", "day", "did", "does", "else",
    "evening", "ever", "hand", "last", "may", "might", "morning", "must", "night", "of",
    "point", "shall", "should", "side", "that", "thing", "time", "too", "way", "which",
    "who", "whom", "whose", "will", "would",
];

static ONE_AFTER: WordSet<{ ONE_AFTER_LIST.len() }> = WordSet::new(ONE_AFTER_LIST);

/// Words before "half" that make it a part of something else ("the first half").
#[rustfmt::skip]
const HALF_BEFORE_LIST: &[&str] = &[
    "a", "an", "and", "back", "bottom", "each", "eastern", "every", "first", "former",
    "fourth", "front", "last", "latter", "lower", "northern", "other", "second",
    "southern", "the", "third", "top", "upper", "western",
];

static HALF_BEFORE: WordSet<{ HALF_BEFORE_LIST.len() }> = WordSet::new(HALF_BEFORE_LIST);

/// Words after "half" that make it a ratio of something.
#[rustfmt::skip]
const HALF_AFTER_LIST: &[&str] = &[
    "a", "all", "an", "her", "his", "its", "my", "of", "our", "that", "the", "their",
    "them", "these", "this", "those", "your",
];

static HALF_AFTER: WordSet<{ HALF_AFTER_LIST.len() }> = WordSet::new(HALF_AFTER_LIST);

/// Words before "one day" that make it a duration.
#[rustfmt::skip]
const DURATION_BEFORE_LIST: &[&str] = &[
    "after", "first", "for", "in", "just", "last", "lasted", "next", "of", "only", "over",
    "past", "per", "than", "within",
];

static DURATION_BEFORE: WordSet<{ DURATION_BEFORE_LIST.len() }> =
    WordSet::new(DURATION_BEFORE_LIST);

/// Words before "scores" that make it a noun or a verb ("the scores", "he scores").
#[rustfmt::skip]
const SCORES_BEFORE_LIST: &[&str] = &[
    "and", "credit", "exam", "final", "he", "her", "high", "his", "it", "its", "low", "my",
    "our", "player", "she", "such", "team", "test", "that", "the", "their", "these",
    "those", "top", "which", "who", "your",
];

static SCORES_BEFORE: WordSet<{ SCORES_BEFORE_LIST.len() }> = WordSet::new(SCORES_BEFORE_LIST);

/// Words before a number that make it an age in years ("aged 20", "ages below 8").
#[rustfmt::skip]
const AGE_BEFORE_LIST: &[&str] = &[
    "age", "aged", "ages",
];

static AGE_BEFORE: WordSet<{ AGE_BEFORE_LIST.len() }> = WordSet::new(AGE_BEFORE_LIST);

/// Verbs of saying after a name and an age ("Ahmed, 24, said").
#[rustfmt::skip]
const SAYING_LIST: &[&str] = &[
    "added", "explained", "recalled", "said", "says", "told",
];

static SAYING: WordSet<{ SAYING_LIST.len() }> = WordSet::new(SAYING_LIST);

/// The words on either side of a parsed phrase, with their starts: read once, then
/// consulted by every test below.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Around<'t> {
    prev: Option<(usize, &'t str)>,
    next: Option<(usize, &'t str)>,
}

impl<'t> Around<'t> {
    pub(crate) fn new(text: &'t str, p: &Parsed) -> Around<'t> {
        Around {
            prev: prev_word(text, p.start),
            next: next_word(text, p.end),
        }
    }
}

/// Whether a count reads as an age: "aged 20", "ages below 8", "at the age of 12".
pub(crate) fn reads_as_age(text: &str, p: &Parsed, around: &Around) -> bool {
    if p.unit.is_some() || p.kind != crate::quantity::Kind::Count {
        return false;
    }
    let prev = around.prev;
    // "Ahmed, 24, said": a small number between a name and a verb of saying
    let name = prev.is_some_and(|(_, w)| {
        w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.bytes().skip(1).all(|c| c.is_ascii_lowercase())
            && !is_month(w)
    });
    if name
        && matches!(p.shape, Shape::Bare { plain: 1..=3, .. })
        && p.pre.is_none()
        && p.value <= 120.0
        && around.next.is_some_and(|(_, w)| SAYING.has(w))
    {
        return true;
    }
    match prev {
        Some((_, w)) if AGE_BEFORE.has(w) => true,
        Some((k, w)) if w.eq_ignore_ascii_case("of") => {
            prev_word(text, k).is_some_and(|(_, w)| AGE_BEFORE.has(w))
        }
        _ => false,
    }
}

/// Function words ending in "s" that are not plural nouns.
#[rustfmt::skip]
const NOT_PLURAL_LIST: &[&str] = &[
    "across", "afterwards", "always", "as", "besides", "famous", "has", "his", "is", "its",
    "news", "numerous", "perhaps", "previous", "series", "serious", "sometimes", "species",
    "this", "thus", "towards", "unless", "various", "was", "whereas", "yes",
];

static NOT_PLURAL: WordSet<{ NOT_PLURAL_LIST.len() }> = WordSet::new(NOT_PLURAL_LIST);

/// Plural nouns without an "s".
#[rustfmt::skip]
const PLURAL_IRREGULAR_LIST: &[&str] = &[
    "cattle", "children", "dead", "injured", "killed", "men", "militia", "more", "others",
    "people", "personnel", "police", "staff", "troops", "women", "wounded", "youth",
];

static PLURAL_IRREGULAR: WordSet<{ PLURAL_IRREGULAR_LIST.len() }> =
    WordSet::new(PLURAL_IRREGULAR_LIST);

/// The verdict on a parsed phrase.
pub(crate) fn judge(text: &str, p: &Parsed, around: &Around) -> Verdict {
    let prev = around.prev.map(|(_, w)| w);
    let next = around.next.map(|(_, w)| w);
    match p.shape {
        Shape::Code => Verdict::Skip,
        Shape::Bare {
            plain,
            leading_zero,
            word,
        } => bare(text, p, around, plain, leading_zero, word),
        Shape::One => {
            if p.pre.is_none() && one_is_pronoun(text, p, around) {
                Verdict::Skip
            } else {
                Verdict::Claim
            }
        }
        Shape::Half => {
            let hyphenated = text[p.end..].starts_with(['-', '\u{2010}', '\u{2011}']);
            if hyphenated || prev.is_some_and(|w| HALF_BEFORE.has(w)) {
                Verdict::Skip
            } else if p.pre.is_some() || next.is_some_and(|w| HALF_AFTER.has(w)) {
                Verdict::Claim
            } else {
                Verdict::Skip
            }
        }
        Shape::Range {
            a_plain,
            b_plain,
            high,
        } => {
            let year = |plain: u8, v: f64| plain == 4 && (1900.0..=2099.0).contains(&v);
            let next_plural = next.is_some_and(plural_like);
            if year(a_plain, p.value) && year(b_plain, high) && !next_plural {
                return Verdict::Skip;
            }
            // "5-6 April", "April 5-6", "between 21 and 26 of September"
            let day = |plain: u8, v: f64| (1..=2).contains(&plain) && v <= 31.0;
            if day(a_plain, p.value)
                && day(b_plain, high)
                && (prev.is_some_and(is_month) || month_follows(text, around.next))
            {
                return Verdict::Skip;
            }
            if local_time_follows(text, around.next) {
                return Verdict::Skip;
            }
            Verdict::Claim
        }
        Shape::Vague => {
            let scores = text[p.num_start..p.num_end].eq_ignore_ascii_case("scores");
            if prev.is_some_and(|w| w.eq_ignore_ascii_case("quite"))
                || scores
                    && (prev.is_some_and(|w| SCORES_BEFORE.has(w))
                        || text[p.end..]
                            .trim_start()
                            .starts_with(|c: char| c.is_ascii_digit()))
            {
                Verdict::Skip
            } else {
                Verdict::Claim
            }
        }
        Shape::Other => {
            // "one day he came": a moment, not a duration ("for one day")
            let one_day = p.unit == Some("day")
                && text[p.num_start..p.num_end].eq_ignore_ascii_case("one")
                && p.pre.is_none();
            if one_day && !prev.is_some_and(|w| DURATION_BEFORE.has(w)) {
                Verdict::Skip
            } else {
                Verdict::Claim
            }
        }
    }
}

/// A number with no unit: an identifier, a date, a time, a year, or a count.
fn bare(
    text: &str,
    p: &Parsed,
    around: &Around,
    plain: u8,
    leading_zero: bool,
    word: bool,
) -> Verdict {
    let prev = around.prev.map(|(_, w)| w);
    let next = around.next.map(|(_, w)| w);
    if p.pre.is_none() && prev.is_some_and(is_id_word) {
        return Verdict::SkipId;
    }
    if next.is_some_and(|w| TIME_AFTER.has(w)) || local_time_follows(text, around.next) {
        return Verdict::Skip;
    }
    if word {
        return Verdict::Claim;
    }
    if p.pre.is_none() && plain > 0 {
        if prev.is_some_and(is_month) {
            return Verdict::Skip;
        }
        if plain <= 2 && p.value <= 31.0 && month_follows(text, around.next) {
            return Verdict::Skip;
        }
    }
    if plain == 4 {
        let v = p.value as u32;
        let (hh, mm) = (v / 100, v % 100);
        let next_plural = next.is_some_and(plural_like);
        if p.pre.is_none() && hh <= 23 && mm <= 59 {
            if prev.is_some_and(|w| TIME_BEFORE.has(w)) && !next_plural {
                return Verdict::Skip;
            }
            if date_code_follows(text, around.next) {
                return Verdict::Skip;
            }
        }
        if (1900..=2099).contains(&v) && !leading_zero && !year_is_count(p, prev, next_plural) {
            return Verdict::Skip;
        }
    }
    Verdict::Claim
}

/// Whether a month name follows, directly or after "of" ("21 of September"), given
/// the word after the number.
fn month_follows(text: &str, next: Option<(usize, &str)>) -> bool {
    match next {
        Some((k, w)) if w.eq_ignore_ascii_case("of") => {
            next_word(text, k + w.len()).is_some_and(|(_, m)| is_month(m))
        }
        Some((_, w)) => is_month(w),
        None => false,
    }
}

/// Whether "local time" follows ("between 11.30 and 12.00 local time"), given the
/// word after the number.
fn local_time_follows(text: &str, next: Option<(usize, &str)>) -> bool {
    match next {
        Some((k, w)) if w.eq_ignore_ascii_case("local") => {
            next_word(text, k + w.len()).is_some_and(|(_, t)| t.eq_ignore_ascii_case("time"))
        }
        _ => false,
    }
}

/// Whether a year-shaped number is a count (see the module docs).
fn year_is_count(p: &Parsed, prev: Option<&str>, next_plural: bool) -> bool {
    if let Some(q) = p.pre {
        return q != Qualifier::Approx || next_plural;
    }
    next_plural
        && prev.is_some_and(|w| {
            !YEAR_BEFORE.has(w) && (COUNT_BEFORE.has(w) || ends_ci(w, "ed") || ends_ci(w, "ing"))
        })
}

/// Whether `w` ends with the ASCII `suffix`, ignoring ASCII case.
fn ends_ci(w: &str, suffix: &str) -> bool {
    let (w, s) = (w.as_bytes(), suffix.as_bytes());
    w.len() >= s.len() && w[w.len() - s.len()..].eq_ignore_ascii_case(s)
}

/// A month name as written in a date: capitalised, optionally abbreviated with a dot,
/// possibly after "mid-" ("mid-September").
fn is_month(w: &str) -> bool {
    let b = w.as_bytes();
    // after the last hyphen, which no trailing dot follows, then without those dots
    let from = b.iter().rposition(|&c| c == b'-').map_or(0, |k| k + 1);
    let mut m = &b[from..];
    while let [head @ .., b'.'] = m {
        m = head;
    }
    m.first().is_some_and(u8::is_ascii_uppercase) && MONTHS.contains(m)
}

/// A word that makes the number after it an identifier: "resolution", "Article",
/// "No." (capitalised, or with its dot).
fn is_id_word(raw: &str) -> bool {
    if matches!(raw, "No" | "Nos" | "NO") || one_of(raw, &["no.", "nos.", "nr.", "nrs."]) {
        return true;
    }
    ID_WORDS.has(raw.trim_end_matches('.'))
}

/// A plural noun, roughly: "people", "civilians", "riots"; not "was", "its".
fn plural_like(w: &str) -> bool {
    if PLURAL_IRREGULAR.has(w) {
        return true;
    }
    // Only an all-lower-case word qualifies, so the tests below need no lowercasing.
    w.len() >= 4
        && w.bytes().all(|c| c.is_ascii_lowercase())
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !NOT_PLURAL.has(w)
}

/// Whether the token after the number is a date or a time code ("15.04.2017",
/// "4/5/2017"), given the word after the number.
fn date_code_follows(text: &str, next: Option<(usize, &str)>) -> bool {
    let Some((start, _)) = next else {
        return false;
    };
    let tok = token_window(text, start);
    let b = tok.as_bytes();
    let seps = (1..b.len().saturating_sub(1))
        .filter(|&k| {
            matches!(b[k], b'.' | b'/' | b'-')
                && b[k - 1].is_ascii_digit()
                && b[k + 1].is_ascii_digit()
        })
        .count();
    seps >= 2
}

/// The pronoun or idiom "one" (see the module docs).
fn one_is_pronoun(text: &str, p: &Parsed, around: &Around) -> bool {
    // "a costly one", "the last one": an article, a word, then "one"
    let after_article = around
        .prev
        .and_then(|(k, _)| prev_word(text, k))
        .is_some_and(|(_, w)| one_of(w, &["a", "an", "the", "this", "that", "another"]));
    after_article
        || around.prev.is_some_and(|(_, w)| ONE_BEFORE.has(w))
        || around.next.is_some_and(|(_, w)| ONE_AFTER.has(w))
        || text[p.end..].starts_with("'s")
        || text[p.end..].starts_with("\u{2019}s")
}

/// The end of the token at `a` when its shape makes it a code, not a quantity.
pub(crate) fn code_token(text: &str, a: usize) -> Option<usize> {
    let end = || Some(token_end(text, a));
    let mut before = text[..a].chars().rev();
    match before.next() {
        Some(c) if c.is_alphabetic() => return end(),
        Some('-' | '\u{2010}' | '\u{2011}') if before.next().is_some_and(char::is_alphabetic) => {
            return end();
        }
        Some('#' | '/' | ':' | '+' | '@' | '_' | '\\' | '=') => return end(),
        _ => {}
    }
    // The commonest token, digits with their commas and points up to white space or
    // the end ("700", "1,300,", "2017."), holds none of the marks tested below.
    if plain_digits(text, a) {
        return None;
    }
    code_shape(text, a)
}

/// Whether the token at `a` is digits with their commas and points up to white
/// space or the end ("700", "1,300,", "2017."), which [`code_shape`] never calls a
/// code.
fn plain_digits(text: &str, a: usize) -> bool {
    let tail = text.as_bytes().get(a..).unwrap_or_default();
    let run = tail
        .iter()
        .take_while(|&&c| c.is_ascii_digit() || c == b',' || c == b'.')
        .count();
    run < REACH && tail.get(run).is_none_or(|&c| ascii_space(c))
}

/// The end of the token at `a` when its marks make it a code: a URL, digits joined by
/// ':' or '/', or three groups joined by dashes.
fn code_shape(text: &str, a: usize) -> Option<usize> {
    let end = || Some(token_end(text, a));
    let tok = token_window(text, a);
    let b = tok.as_bytes();
    let has = |pat: &[u8]| b.windows(pat.len()).any(|w| w == pat);
    // the three searches only where one of their bytes is
    let maybe_url = b.iter().any(|&c| matches!(c, b':' | b'w' | b'@'));
    if maybe_url && (has(b"://") || has(b"www.") || has(b"@")) {
        return end();
    }
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    let mut dashes = 0;
    for (k, &c) in b.iter().enumerate().skip(1) {
        match c {
            b':' | b'/' if digit(k - 1) && digit(k + 1) => return end(),
            b'-' if digit(k - 1) && digit(k + 1) => {
                dashes += 1;
                if dashes >= 2 {
                    return end();
                }
            }
            c if c.is_ascii_digit() || c == b'.' || c == b',' => {}
            _ => break,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_by_shape() {
        let cases: &[(&str, usize, bool)] = &[
            ("A320 jet", 1, true),
            ("F-16s", 2, true),
            ("COVID-19 cases", 6, true),
            ("at 6:30 pm", 3, true),
            ("on 4/5/2017", 3, true),
            ("2017-04-05", 0, true),
            ("+1-222-2222", 1, true),
            ("#5", 1, true),
            ("24/7", 0, true),
            ("20-30 people", 0, false),
            ("1,300 people", 0, false),
            ("$3.2 trillion", 1, false),
            ("(45)", 1, false),
            ("-5 degrees", 1, false),
        ];
        for &(t, a, code) in cases {
            assert_eq!(code_token(t, a).is_some(), code, "{t:?}");
        }
        // plain digits are no code by their marks either
        for tok in ["7", "700", "1,300,", "2017.", "3.5", ".5", "1,", "0.0.0"] {
            for after in ["", " x", "\n", "\t5", "\u{b}"] {
                let t = format!("{tok}{after}");
                assert!(plain_digits(&t, 0), "{t:?}");
                assert_eq!(code_shape(&t, 0), None, "{t:?}");
            }
        }
        for t in ["700%", "5-3", "4/5", "6:30", "5\u{a0}x", "1.2-3-4", "5w"] {
            assert!(!plain_digits(t, 0), "{t:?}");
        }
        assert!(!plain_digits(&"1".repeat(REACH), 0) && plain_digits(&"1".repeat(REACH - 1), 0));
    }

    #[test]
    fn words_around() {
        assert!(is_month("Jan."));
        assert!(is_month("mid-Sept.."));
        assert!(!is_month("Jan.-") && !is_month("-.") && !is_month("March-"));
        assert!(is_month("mid-September"));
        assert!(!is_month("may"));
        assert!(is_month("May"));
        assert!(is_id_word("No."));
        assert!(is_id_word("Resolution"));
        assert!(!is_id_word("no"));
        assert!(plural_like("people"));
        assert!(plural_like("riots"));
        assert!(!plural_like("was"));
        assert!(!plural_like("Syrias"));
        let t = " 15.04.2017(updated";
        assert!(date_code_follows(t, next_word(t, 0)));
        let t = " 15 people";
        assert!(!date_code_follows(t, next_word(t, 0)));
    }
}
