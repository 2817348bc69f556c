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

use super::lexeme::{next_word, one_of, prev_word, token_end, token_window};
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
const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Words before a number that make it an identifier.
#[rustfmt::skip]
const ID_WORDS: &[&str] = &[
    "resolution", "resolutions", "article", "articles", "route", "highway", "motorway",
    "flight", "platform", "gate", "terminal", "room", "apartment", "apt", "building",
    "chapter", "section", "sections", "paragraph", "clause", "page", "pages", "photo",
    "photos", "picture", "image", "figure", "fig", "table", "item", "version", "vol",
    "volume", "episode", "season", "channel", "phase", "stage", "category", "grade",
    "model", "type", "code", "ward", "sector", "zone", "precinct", "unit", "checkpoint",
    "exit", "junction", "url", "id", "ref", "tel", "phone", "fax", "ext", "box", "number",
    "law", "decree", "protocol", "part", "level", "nr", "nrs", "views",
];

/// Words before a year.
#[rustfmt::skip]
const YEAR_BEFORE: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "to", "during", "before", "after", "the",
    "early", "late", "mid", "year", "fiscal", "spring", "summer", "autumn", "fall",
    "winter", "between", "circa", "through", "throughout",
];

/// Words before a year-shaped number and a plural noun that make it a count ("of
/// 2000 people", "killed 2014 people"), besides verb forms in "-ed" and "-ing".
const COUNT_BEFORE: &[&str] = &[
    "of", "with", "and", "than", "among", "kill", "kills", "left", "leaving", "took", "take",
    "takes", "hold", "holds", "held", "has", "have", "had", "are", "were", "all", "another",
    "some", "only", "just",
];

/// Words after a number that make it a time of day.
#[rustfmt::skip]
const TIME_AFTER: &[&str] = &[
    "am", "pm", "a.m", "p.m", "gmt", "utc", "bst", "cet", "cest", "eet", "eest", "est",
    "edt", "pst", "pdt", "o'clock", "o\u{2019}clock",
];

/// Words before a 24-hour time.
const TIME_BEFORE: &[&str] = &["at", "updated", "posted", "published", "by"];

/// Words before "one" that make it a pronoun.
#[rustfmt::skip]
const ONE_BEFORE: &[&str] = &[
    "the", "this", "that", "which", "no", "each", "every", "any", "such", "another",
    "whichever", "little", "young",
];

/// Words after "one" that make it a pronoun or an idiom.
#[rustfmt::skip]
const ONE_AFTER: &[&str] = &[
    "of", "another", "who", "whom", "whose", "which", "that", "day", "night", "morning",
    "evening", "afternoon", "time", "way", "point", "side", "hand", "thing", "must", "can",
    "could", "should", "would", "may", "might", "will", "shall", "does", "did", "else",
    "by", "after", "last", "too", "ever",
];

/// Words before "half" that make it a part of something else ("the first half").
const HALF_BEFORE: &[&str] = &[
    "first", "second", "third", "fourth", "last", "latter", "former", "other", "the", "a", "an",
    "each", "every", "top", "bottom", "upper", "lower", "front", "back", "northern", "southern",
    "eastern", "western", "and",
];

/// Words after "half" that make it a ratio of something.
const HALF_AFTER: &[&str] = &[
    "of", "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those",
    "all", "them", "that", "this",
];

/// Words before "one day" that make it a duration.
const DURATION_BEFORE: &[&str] = &[
    "for", "in", "within", "after", "over", "only", "just", "than", "of", "per", "lasted", "last",
    "past", "next", "first",
];

/// Words before "scores" that make it a noun or a verb ("the scores", "he scores").
const SCORES_BEFORE: &[&str] = &[
    "the", "their", "his", "her", "its", "our", "my", "your", "these", "those", "such", "high",
    "low", "top", "final", "test", "exam", "credit", "he", "she", "it", "who", "which", "that",
    "team", "player", "and",
];

/// Words before a number that make it an age in years ("aged 20", "ages below 8").
const AGE_BEFORE: &[&str] = &["aged", "age", "ages"];

/// Verbs of saying after a name and an age ("Ahmed, 24, said").
const SAYING: &[&str] = &["said", "says", "told", "added", "explained", "recalled"];

/// Whether a count reads as an age: "aged 20", "ages below 8", "at the age of 12".
pub(crate) fn reads_as_age(text: &str, p: &Parsed) -> bool {
    if p.unit.is_some() || p.kind != crate::quantity::Kind::Count {
        return false;
    }
    let prev = prev_word(text, p.start);
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
        && next_word(text, p.end).is_some_and(|(_, w)| one_of(w, SAYING))
    {
        return true;
    }
    match prev {
        Some((_, w)) if one_of(w, AGE_BEFORE) => true,
        Some((k, w)) if w.eq_ignore_ascii_case("of") => {
            prev_word(text, k).is_some_and(|(_, w)| one_of(w, AGE_BEFORE))
        }
        _ => false,
    }
}

/// Function words ending in "s" that are not plural nouns.
#[rustfmt::skip]
const NOT_PLURAL: &[&str] = &[
    "this", "was", "has", "its", "his", "as", "is", "yes", "thus", "whereas", "unless",
    "across", "perhaps", "besides", "towards", "afterwards", "always", "sometimes", "news",
    "series", "species", "various", "previous", "serious", "famous", "numerous",
];

/// Plural nouns without an "s".
#[rustfmt::skip]
const PLURAL_IRREGULAR: &[&str] = &[
    "people", "men", "women", "children", "police", "personnel", "staff", "dead", "killed",
    "wounded", "injured", "more", "others", "troops", "militia", "youth", "cattle",
];

/// The verdict on a parsed phrase.
pub(crate) fn judge(text: &str, p: &Parsed) -> Verdict {
    let prev = prev_word(text, p.start).map(|(_, w)| w);
    let next = next_word(text, p.end).map(|(_, w)| w);
    match p.shape {
        Shape::Code => Verdict::Skip,
        Shape::Bare {
            plain,
            leading_zero,
            word,
        } => bare(text, p, prev, next, plain, leading_zero, word),
        Shape::One => {
            if p.pre.is_none() && one_is_pronoun(text, p, prev, next) {
                Verdict::Skip
            } else {
                Verdict::Claim
            }
        }
        Shape::Half => {
            let hyphenated = text[p.end..].starts_with(['-', '\u{2010}', '\u{2011}']);
            if hyphenated || prev.is_some_and(|w| one_of(w, HALF_BEFORE)) {
                Verdict::Skip
            } else if p.pre.is_some() || next.is_some_and(|w| one_of(w, HALF_AFTER)) {
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
                && (prev.is_some_and(is_month) || month_follows(text, p.end))
            {
                return Verdict::Skip;
            }
            if local_time_follows(text, p.end) {
                return Verdict::Skip;
            }
            Verdict::Claim
        }
        Shape::Vague => {
            let scores = text[p.num_start..p.num_end].eq_ignore_ascii_case("scores");
            if prev.is_some_and(|w| w.eq_ignore_ascii_case("quite"))
                || scores
                    && (prev.is_some_and(|w| one_of(w, SCORES_BEFORE))
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
            if one_day && !prev.is_some_and(|w| one_of(w, DURATION_BEFORE)) {
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
    prev: Option<&str>,
    next: Option<&str>,
    plain: u8,
    leading_zero: bool,
    word: bool,
) -> Verdict {
    if p.pre.is_none() && prev.is_some_and(is_id_word) {
        return Verdict::SkipId;
    }
    if next.is_some_and(|w| one_of(w, TIME_AFTER)) || local_time_follows(text, p.end) {
        return Verdict::Skip;
    }
    if word {
        return Verdict::Claim;
    }
    if p.pre.is_none() && plain > 0 {
        if prev.is_some_and(is_month) {
            return Verdict::Skip;
        }
        if plain <= 2 && p.value <= 31.0 && month_follows(text, p.end) {
            return Verdict::Skip;
        }
    }
    if plain == 4 {
        let v = p.value as u32;
        let (hh, mm) = (v / 100, v % 100);
        let next_plural = next.is_some_and(plural_like);
        if p.pre.is_none() && hh <= 23 && mm <= 59 {
            if prev.is_some_and(|w| one_of(w, TIME_BEFORE)) && !next_plural {
                return Verdict::Skip;
            }
            if date_code_follows(text, p.end) {
                return Verdict::Skip;
            }
        }
        if (1900..=2099).contains(&v) && !leading_zero && !year_is_count(p, prev, next_plural) {
            return Verdict::Skip;
        }
    }
    Verdict::Claim
}

/// Whether a month name follows, directly or after "of" ("21 of September").
fn month_follows(text: &str, end: usize) -> bool {
    match next_word(text, end) {
        Some((k, w)) if w.eq_ignore_ascii_case("of") => {
            next_word(text, k + w.len()).is_some_and(|(_, m)| is_month(m))
        }
        Some((_, w)) => is_month(w),
        None => false,
    }
}

/// Whether "local time" follows ("between 11.30 and 12.00 local time").
fn local_time_follows(text: &str, end: usize) -> bool {
    match next_word(text, end) {
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
            let l = w.to_ascii_lowercase();
            !one_of(w, YEAR_BEFORE)
                && (one_of(w, COUNT_BEFORE) || l.ends_with("ed") || l.ends_with("ing"))
        })
}

/// A month name as written in a date: capitalised, optionally abbreviated with a dot,
/// possibly after "mid-" ("mid-September").
fn is_month(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    let w = w.rsplit('-').next().unwrap_or(w);
    w.starts_with(|c: char| c.is_ascii_uppercase()) && one_of(w, MONTHS)
}

/// A word that makes the number after it an identifier: "resolution", "Article",
/// "No." (capitalised, or with its dot).
fn is_id_word(raw: &str) -> bool {
    if matches!(raw, "No" | "Nos" | "NO") || one_of(raw, &["no.", "nos.", "nr.", "nrs."]) {
        return true;
    }
    one_of(raw.trim_end_matches('.'), ID_WORDS)
}

/// A plural noun, roughly: "people", "civilians", "riots"; not "was", "its".
fn plural_like(w: &str) -> bool {
    if one_of(w, PLURAL_IRREGULAR) {
        return true;
    }
    let l = w.to_ascii_lowercase();
    l.len() >= 4
        && w.bytes().all(|c| c.is_ascii_lowercase())
        && l.ends_with('s')
        && !l.ends_with("ss")
        && !l.ends_with("us")
        && !l.ends_with("is")
        && !NOT_PLURAL.contains(&l.as_str())
}

/// Whether the token after `end` is a date or a time code ("15.04.2017", "4/5/2017").
fn date_code_follows(text: &str, end: usize) -> bool {
    let Some((start, _)) = next_word(text, end) else {
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
fn one_is_pronoun(text: &str, p: &Parsed, prev: Option<&str>, next: Option<&str>) -> bool {
    // "a costly one", "the last one": an article, a word, then "one"
    let after_article = prev_word(text, p.start)
        .and_then(|(k, _)| prev_word(text, k))
        .is_some_and(|(_, w)| one_of(w, &["a", "an", "the", "this", "that", "another"]));
    after_article
        || prev.is_some_and(|w| one_of(w, ONE_BEFORE))
        || next.is_some_and(|w| one_of(w, ONE_AFTER))
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
    let tok = token_window(text, a);
    if tok.contains("://") || tok.contains("www.") || tok.contains('@') {
        return end();
    }
    let b = tok.as_bytes();
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
    }

    #[test]
    fn words_around() {
        assert!(is_month("Jan."));
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
        assert!(date_code_follows(" 15.04.2017(updated", 0));
        assert!(!date_code_follows(" 15 people", 0));
    }
}
