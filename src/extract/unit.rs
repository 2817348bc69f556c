//! Units written with a number: percentages ("70 percent", "70%", "70 per cent",
//! "percentage points"), currencies ("$", "£", "€", "US$", "USD", "dollars", "Syrian
//! pounds"), and measures (lengths, areas, masses, temperatures, durations and ages:
//! "km", "miles", "3m", "kg", "tonnes", "hectares", "degrees", "years", "days").
//!
//! Unit names are normalised: "percent", "percentage point"; ISO codes for money
//! ("USD", "GBP", "EUR", "SYP", ...; bare "pounds" is sterling); "km", "mile",
//! "metre", "cm", "mm", "foot", "inch", "km2", "mile2", "km/h", "mph", "kg", "tonne",
//! "lb", "g", "hectare", "acre", "degree", "celsius", "fahrenheit", "year", "month",
//! "week", "day", "hour", "minute", "second", "decade", "century". "m" is the metre
//! only in lower case and only after a number (never a word on its own).

use super::lexeme::{
    Lower, Res, WordSet, ascii_space, ascii_word, at_boundary, fail, hyphen, kw, kw_cs, letter_run,
    tag_ci, ws, ws0,
};
use super::qualifier::{PhraseTable, phrase_table, words};
use crate::quantity::Kind;
use nom::Parser;
use nom::branch::alt;
use nom::combinator::{opt, peek, value};

/// A unit: the kind of quantity it makes and its normalised name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Unit {
    pub kind: Kind,
    pub name: &'static str,
}

const fn measure(name: &'static str) -> Unit {
    Unit {
        kind: Kind::Measure,
        name,
    }
}

const fn money(code: &'static str) -> Unit {
    Unit {
        kind: Kind::Currency,
        name: code,
    }
}

const PERCENT: Unit = Unit {
    kind: Kind::Percent,
    name: "percent",
};

/// Currency codes written before or after an amount, in capitals.
const CODES: &[&str] = &[
    "USD", "EUR", "GBP", "SYP", "JPY", "CHF", "CNY", "INR", "RUB", "SAR", "AED", "LBP", "EGP",
    "IQD", "JOD", "TRY", "IRR", "CAD", "AUD",
];

/// A currency sign or code before an amount: "US$", "$", "£", "€", "USD ". Longer
/// signs first ("US$" before "$").
pub(crate) fn currency_prefix(i: &str) -> Res<'_, &'static str> {
    // Every sign starts with '$', 'U', 'H', 'A', 'C' or the lead byte of '£', '¥'
    // (0xC2) or '€', '₹' (0xE2); every code with three capitals.
    let b = i.as_bytes();
    let sign = b
        .first()
        .is_some_and(|&c| matches!(c, b'$' | b'U' | b'H' | b'A' | b'C' | 0xC2 | 0xE2));
    let code = b
        .get(..3)
        .is_some_and(|w| w.iter().all(u8::is_ascii_uppercase));
    if !sign && !code {
        return fail();
    }
    const SIGNS: &[(&str, &str)] = &[
        ("US$", "USD"),
        ("US $", "USD"),
        ("U.S.$", "USD"),
        ("HK$", "HKD"),
        ("A$", "AUD"),
        ("C$", "CAD"),
        ("$", "USD"),
        ("\u{a3}", "GBP"),
        ("\u{20ac}", "EUR"),
        ("\u{a5}", "JPY"),
        ("\u{20b9}", "INR"),
    ];
    for &(s, code) in SIGNS {
        if let Some(rest) = i.strip_prefix(s) {
            return Ok((rest, code));
        }
    }
    if !i.starts_with(|c: char| c.is_ascii_uppercase()) {
        return fail();
    }
    for &code in CODES {
        if let Ok((rest, _)) = kw_cs(code)(i) {
            // "USD 5", "EUR 2.5bn": a code counts only before a number
            peek((
                ws,
                nom::character::complete::satisfy(|c| c.is_ascii_digit()),
            ))
            .parse(rest)?;
            return Ok((rest, code));
        }
    }
    fail()
}

/// A unit after a number: percent, currency, or measure.
///
/// A word after the spaces is looked up in the first words of each kind of unit,
/// and only the readers of the kinds it can start are tried, in the same order: a
/// measure word ("km", "years") never goes through the readers of percentages and
/// money. Any other character that may start a unit ('%', '$', '\u{20ac}') is given
/// to all three.
pub(crate) fn unit_after(i: &str) -> Res<'_, Unit> {
    // past the ASCII spaces; other whitespace is left to the parsers
    let b = i.as_bytes();
    let r = &b[b.iter().take_while(|&&c| ascii_space(c)).count()..];
    match r.first() {
        Some(c) if c.is_ascii_alphabetic() => {
            let w = &r[..letter_run(r)];
            if PERCENT_FIRST.contains_letters(w)
                && let Ok(found) = percent(i)
            {
                return Ok(found);
            }
            if MONEY_FIRST.contains_letters(w)
                && let Ok(found) = currency_after(i)
            {
                return Ok(found);
            }
            if MEASURE_FIRST.contains_letters(w) {
                return measure_after(i);
            }
            fail()
        }
        Some(&c) if !c.is_ascii() || c == b'%' || c == b'$' => {
            alt((percent, currency_after, measure_after)).parse(i)
        }
        _ => fail(),
    }
}

/// "%", " %", " percent", " per cent", " percentage points", "-percent".
pub(crate) fn percent(i: &str) -> Res<'_, Unit> {
    if let Some(rest) = i.strip_prefix('%').or_else(|| i.strip_prefix(" %")) {
        return Ok((rest, PERCENT));
    }
    let (r, _) = ws(i)?;
    if let Ok((rest, _)) = alt((words("percentage points"), words("percentage point"))).parse(r) {
        return Ok((
            rest,
            Unit {
                kind: Kind::Percent,
                name: "percentage point",
            },
        ));
    }
    let (rest, _) = alt((words("per cent"), kw("percent"), kw("pct"))).parse(r)?;
    Ok((rest, PERCENT))
}

/// Money after an amount: "€" or "£" (glued or after a space), or a currency word or
/// code after a space. Longer names first ("Syrian pounds" before "pounds").
pub(crate) fn currency_after(i: &str) -> Res<'_, Unit> {
    for (s, code) in [("\u{20ac}", "EUR"), ("\u{a3}", "GBP"), ("$", "USD")] {
        let r = i.strip_prefix(' ').unwrap_or(i);
        if let Some(rest) = r.strip_prefix(s) {
            return Ok((rest, money(code)));
        }
    }
    let (r, _) = ws(i)?;
    currency_word(r)
}

/// Currencies named in words, longer names first ("Syrian pounds" before
/// "pounds").
static NAMES: PhraseTable<&str> = PhraseTable::new(&[
    ("US dollars", "USD"),
    ("American dollars", "USD"),
    ("Canadian dollars", "CAD"),
    ("Australian dollars", "AUD"),
    ("Syrian pounds", "SYP"),
    ("Syrian lira", "SYP"),
    ("Lebanese pounds", "LBP"),
    ("Egyptian pounds", "EGP"),
    ("Turkish lira", "TRY"),
    ("Iraqi dinars", "IQD"),
    ("Jordanian dinars", "JOD"),
    ("pounds sterling", "GBP"),
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds", "GBP"),
    ("pound", "GBP"),
    ("sterling", "GBP"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("rupees", "INR"),
    ("roubles", "RUB"),
    ("rubles", "RUB"),
    ("lira", "TRY"),
    ("liras", "TRY"),
    ("riyals", "SAR"),
    ("dirhams", "AED"),
]);

/// A currency named in words or by its code: "dollars", "US dollars", "Syrian
/// pounds", "euros", "USD".
pub(crate) fn currency_word(i: &str) -> Res<'_, Unit> {
    if let Ok((rest, (_, code))) = phrase_table(i, &NAMES) {
        return Ok((rest, money(code)));
    }
    // "U.S. dollars": the dots are not word breaks for `words`
    if let Ok((rest, _)) = tag_ci("U.S. dollars")(i)
        && at_boundary(rest)
    {
        return Ok((rest, money("USD")));
    }
    if !i.starts_with(|c: char| c.is_ascii_uppercase()) {
        return fail();
    }
    for &code in CODES {
        if let Ok((rest, _)) = kw_cs(code)(i) {
            return Ok((rest, money(code)));
        }
    }
    fail()
}

/// Measure units in one word and their names, sorted by word (binary search).
#[rustfmt::skip]
const MEASURE_WORDS: &[(&str, &str)] = &[
    ("acre", "acre"), ("acres", "acre"), ("centimeter", "cm"), ("centimeters", "cm"),
    ("centimetre", "cm"), ("centimetres", "cm"), ("centuries", "century"),
    ("century", "century"), ("cm", "cm"), ("day", "day"), ("days", "day"),
    ("decade", "decade"), ("decades", "decade"), ("degree", "degree"),
    ("degrees", "degree"), ("feet", "foot"), ("foot", "foot"), ("ft", "foot"), ("gram", "g"),
    ("gramme", "g"), ("grammes", "g"), ("grams", "g"), ("ha", "hectare"),
    ("hectare", "hectare"), ("hectares", "hectare"), ("hour", "hour"), ("hours", "hour"),
    ("hr", "hour"), ("hrs", "hour"), ("inch", "inch"), ("inches", "inch"), ("kg", "kg"),
    ("kgs", "kg"), ("kilo", "kg"), ("kilogram", "kg"), ("kilograms", "kg"),
    ("kilometer", "km"), ("kilometers", "km"), ("kilometre", "km"), ("kilometres", "km"),
    ("kilos", "kg"), ("km", "km"), ("kms", "km"), ("kph", "km/h"), ("lb", "lb"),
    ("lbs", "lb"), ("m", "metre"), ("meter", "metre"), ("meters", "metre"),
    ("metre", "metre"), ("metres", "metre"), ("mile", "mile"), ("miles", "mile"),
    ("millimeter", "mm"), ("millimeters", "mm"), ("millimetre", "mm"),
    ("millimetres", "mm"), ("min", "minute"), ("mins", "minute"), ("minute", "minute"),
    ("minutes", "minute"), ("mm", "mm"), ("month", "month"), ("months", "month"),
    ("mph", "mph"), ("sec", "second"), ("second", "second"), ("seconds", "second"),
    ("secs", "second"), ("ton", "tonne"), ("tonne", "tonne"), ("tonnes", "tonne"),
    ("tons", "tonne"), ("week", "week"), ("weeks", "week"), ("year", "year"),
    ("years", "year"), ("yr", "year"), ("yrs", "year"),
];

/// A measure unit in one word, any case; `None` if the word is not one. The short
/// lower-case forms "m", "mm", "cm", "ha" must be written in lower case ("M" is a
/// million).
fn measure_word(w: &str) -> Option<&'static str> {
    let lower = Lower::new(w);
    let l = lower.bytes();
    if matches!(l, b"m" | b"mm" | b"cm" | b"ha") && w.bytes().any(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let k = MEASURE_WORDS
        .binary_search_by(|(word, _)| word.as_bytes().cmp(l))
        .ok()?;
    MEASURE_WORDS.get(k).map(|&(_, name)| name)
}

/// The first words of every unit [`unit_after`] reads, lower case and sorted: a
/// number followed by any other word has no unit, which one lookup tells. Kept
/// complete by a test over the unit tables.
#[rustfmt::skip]
const UNIT_FIRST_WORDS: &[&str] = &[
    "acre", "acres", "aed", "american", "aud", "australian", "cad", "canadian",
    "centimeter", "centimeters", "centimetre", "centimetres", "centuries", "century",
    "chf", "cm", "cny", "day", "days", "decade", "decades", "degree", "degrees",
    "dirhams", "dollar", "dollars", "egp", "egyptian", "eur", "euro", "euros", "feet",
    "foot", "ft", "gbp", "gram", "gramme", "grammes", "grams", "ha", "hectare",
    "hectares", "hour", "hours", "hr", "hrs", "inch", "inches", "inr", "iqd", "iraqi",
    "irr", "jod", "jordanian", "jpy", "kg", "kgs", "kilo", "kilogram", "kilograms",
    "kilometer", "kilometers", "kilometre", "kilometres", "kilos", "km", "kms", "kph",
    "lb", "lbp", "lbs", "lebanese", "lira", "liras", "m", "meter", "meters", "metre",
    "metres", "mile", "miles", "millimeter", "millimeters", "millimetre", "millimetres",
    "min", "mins", "minute", "minutes", "mm", "month", "months", "mph", "pct", "per",
    "percent", "percentage", "pound", "pounds", "riyals", "roubles", "rub", "rubles",
    "rupees", "sar", "sec", "second", "seconds", "secs", "sq", "square", "sterling",
    "syp", "syrian", "ton", "tonne", "tonnes", "tons", "try", "turkish", "u", "us", "usd",
    "week", "weeks", "year", "years", "yen", "yr", "yrs", "yuan",
];

static UNIT_WORDS: WordSet<{ UNIT_FIRST_WORDS.len() }> = WordSet::new(UNIT_FIRST_WORDS);

/// The first words of the percentages [`percent`] reads.
static PERCENT_FIRST: WordSet<4> = WordSet::new(&["pct", "per", "percent", "percentage"]);

/// The first words of the money [`currency_after`] reads after a space, sorted: the
/// first words of [`NAMES`], the "U" of "U.S. dollars", and the [`CODES`].
#[rustfmt::skip]
const MONEY_FIRST_WORDS: &[&str] = &[
    "aed", "american", "aud", "australian", "cad", "canadian", "chf", "cny", "dirhams",
    "dollar", "dollars", "egp", "egyptian", "eur", "euro", "euros", "gbp", "inr", "iqd",
    "iraqi", "irr", "jod", "jordanian", "jpy", "lbp", "lebanese", "lira", "liras", "pound",
    "pounds", "riyals", "roubles", "rub", "rubles", "rupees", "sar", "sterling", "syp",
    "syrian", "try", "turkish", "u", "us", "usd", "yen", "yuan",
];

static MONEY_FIRST: WordSet<{ MONEY_FIRST_WORDS.len() }> = WordSet::new(MONEY_FIRST_WORDS);

/// The first words of the measures [`measure_after`] reads, sorted: the words of
/// [`MEASURE_WORDS`], the first words of [`PHRASES`], and "km" ("km/h", "km2").
#[rustfmt::skip]
const MEASURE_FIRST_WORDS: &[&str] = &[
    "acre", "acres", "centimeter", "centimeters", "centimetre", "centimetres", "centuries",
    "century", "cm", "day", "days", "decade", "decades", "degree", "degrees", "feet",
    "foot", "ft", "gram", "gramme", "grammes", "grams", "ha", "hectare", "hectares", "hour",
    "hours", "hr", "hrs", "inch", "inches", "kg", "kgs", "kilo", "kilogram", "kilograms",
    "kilometer", "kilometers", "kilometre", "kilometres", "kilos", "km", "kms", "kph", "lb",
    "lbs", "m", "meter", "meters", "metre", "metres", "mile", "miles", "millimeter",
    "millimeters", "millimetre", "millimetres", "min", "mins", "minute", "minutes", "mm",
    "month", "months", "mph", "sec", "second", "seconds", "secs", "sq", "square", "ton",
    "tonne", "tonnes", "tons", "week", "weeks", "year", "years", "yr", "yrs",
];

static MEASURE_FIRST: WordSet<{ MEASURE_FIRST_WORDS.len() }> = WordSet::new(MEASURE_FIRST_WORDS);

/// Whether a unit may follow: after optional whitespace, a '%', '$' or non-ASCII
/// sign, or a word that starts some unit. Every unit [`unit_after`] reads passes
/// this test; nearly every word after a number fails it. [`unit_after`] makes the
/// same first test, kind by kind; this is the whole test it is checked against.
#[cfg(test)]
fn unit_may_follow(i: &str) -> bool {
    // past the ASCII spaces; other whitespace is left to the parsers
    let b = i.as_bytes();
    let r = &b[b.iter().take_while(|&&c| ascii_space(c)).count()..];
    match r.first() {
        Some(c) if c.is_ascii_alphabetic() => may_start_unit(&r[..letter_run(r)]),
        Some(&c) => !c.is_ascii() || c == b'%' || c == b'$',
        None => false,
    }
}

/// Whether a word of ASCII letters, any case, is the first word of some unit
/// ([`UNIT_FIRST_WORDS`]).
#[inline]
pub(crate) fn may_start_unit(w: &[u8]) -> bool {
    UNIT_WORDS.contains_letters(w)
}

/// Measures in several words, each before any phrase that is its prefix.
static PHRASES: PhraseTable<&str> = PhraseTable::new(&[
    ("square kilometres", "km2"),
    ("square kilometers", "km2"),
    ("square km", "km2"),
    ("sq km", "km2"),
    ("square miles", "mile2"),
    ("square mile", "mile2"),
    ("sq mi", "mile2"),
    ("kilometres per hour", "km/h"),
    ("kilometers per hour", "km/h"),
    ("km per hour", "km/h"),
    ("miles per hour", "mph"),
    ("degrees Celsius", "celsius"),
    ("degrees centigrade", "celsius"),
    ("degrees Fahrenheit", "fahrenheit"),
]);

/// A measure after a number, glued ("29km", "10kg", "3m") or after a space.
/// Phrases before their first word ("km/h" before "km", "degrees Celsius" before
/// "degrees").
pub(crate) fn measure_after(i: &str) -> Res<'_, Unit> {
    let (r, _) = ws0(i)?;
    if let Ok((rest, (_, name))) = phrase_table(r, &PHRASES) {
        return Ok((rest, measure(name)));
    }
    for (t, name) in [("km/h", "km/h"), ("km2", "km2"), ("km\u{b2}", "km2")] {
        if let Some(rest) = r.strip_prefix(t)
            && at_boundary(rest)
        {
            return Ok((rest, measure(name)));
        }
    }
    if let Some(rest) = r.strip_prefix('\u{b0}') {
        let rest_c = rest.strip_prefix(' ').unwrap_or(rest);
        for (t, name) in [("C", "celsius"), ("F", "fahrenheit")] {
            if let Ok((after, _)) = kw_cs(t)(rest_c) {
                return Ok((after, measure(name)));
            }
        }
        return Ok((rest, measure("degree")));
    }
    let (rest, w) = ascii_word(r)?;
    match measure_word(w) {
        Some(name) => Ok((rest, measure(name))),
        None => fail(),
    }
}

/// A hyphenated unit making the number an adjective: "-year" ("four-year campaign"),
/// "-year-old", "-kilometre", "-pound" (a weight: "a 500-pound bomb"), "-percent".
/// Time units take "-old"/"-olds" ("one-year-old", "ten-year-olds").
pub(crate) fn hyphen_unit(i: &str) -> Res<'_, Unit> {
    let (r, _) = hyphen(i)?;
    let (rest, w) = ascii_word(r)?;
    let unit = match Lower::new(w).bytes() {
        b"year" => measure("year"),
        b"month" => measure("month"),
        b"week" => measure("week"),
        b"day" => measure("day"),
        b"hour" => measure("hour"),
        b"minute" => measure("minute"),
        b"second" => measure("second"),
        b"decade" => measure("decade"),
        b"century" => measure("century"),
        b"km" | b"kilometre" | b"kilometer" => measure("km"),
        b"mile" => measure("mile"),
        b"metre" | b"meter" => measure("metre"),
        b"foot" => measure("foot"),
        b"ton" | b"tonne" => measure("tonne"),
        b"pound" => measure("lb"),
        b"kg" | b"kilogram" => measure("kg"),
        b"acre" => measure("acre"),
        b"hectare" => measure("hectare"),
        b"degree" => measure("degree"),
        b"percent" => PERCENT,
        _ => return fail(),
    };
    if matches!(unit.name, "year" | "month" | "week" | "day") {
        let (rest, _) = opt((hyphen, alt((kw("olds"), kw("old"))))).parse(rest)?;
        return Ok((rest, unit));
    }
    Ok((rest, unit))
}

/// A singular unit of time standing for one of it: "minute" in "a minute-and-a half",
/// "hour" in "an hour and a half".
pub(crate) fn time_unit(i: &str) -> Res<'_, Unit> {
    static TIME_UNITS: WordSet<7> =
        WordSet::new(&["day", "hour", "minute", "month", "second", "week", "year"]);
    if !TIME_UNITS.starts(i) {
        return fail();
    }
    alt((
        value(measure("year"), kw("year")),
        value(measure("month"), kw("month")),
        value(measure("week"), kw("week")),
        value(measure("day"), kw("day")),
        value(measure("hour"), kw("hour")),
        value(measure("minute"), kw("minute")),
        value(measure("second"), kw("second")),
    ))
    .parse(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        let cases: &[(&str, &str, &str)] = &[
            ("$3.2", "USD", "3.2"),
            ("US$3.2bn", "USD", "3.2bn"),
            ("US $ 5", "USD", " 5"),
            ("\u{a3}3m", "GBP", "3m"),
            ("\u{20ac}10M", "EUR", "10M"),
            ("USD 5", "USD", " 5"),
        ];
        for &(s, code, rest) in cases {
            assert_eq!(currency_prefix(s), Ok((rest, code)), "{s:?}");
        }
        for code in CODES {
            assert_eq!(
                currency_prefix(&format!("{code} 5")),
                Ok((" 5", *code)),
                "{code}"
            );
        }
        for s in ["Two", "Thousands", "The", "T", "AB5"] {
            assert!(currency_prefix(s).is_err(), "{s}");
        }
        assert!(currency_prefix("USD rate").is_err());
        assert!(currency_prefix("usd 5").is_err());
    }

    #[test]
    fn units_after_a_number() {
        let cases: &[(&str, Kind, &str, &str)] = &[
            ("%", Kind::Percent, "percent", ""),
            (" % of", Kind::Percent, "percent", " of"),
            (" percent of", Kind::Percent, "percent", " of"),
            (" per cent", Kind::Percent, "percent", ""),
            (" percentage points", Kind::Percent, "percentage point", ""),
            (" dollars", Kind::Currency, "USD", ""),
            (" US dollars", Kind::Currency, "USD", ""),
            (" Syrian pounds", Kind::Currency, "SYP", ""),
            (" pounds", Kind::Currency, "GBP", ""),
            ("\u{20ac}", Kind::Currency, "EUR", ""),
            (" euros", Kind::Currency, "EUR", ""),
            (" EUR", Kind::Currency, "EUR", ""),
            ("km", Kind::Measure, "km", ""),
            (" kilometres", Kind::Measure, "km", ""),
            (" km/h", Kind::Measure, "km/h", ""),
            (" sq km", Kind::Measure, "km2", ""),
            ("m wall", Kind::Measure, "metre", " wall"),
            (" metres", Kind::Measure, "metre", ""),
            (" miles", Kind::Measure, "mile", ""),
            ("kg", Kind::Measure, "kg", ""),
            (" tonnes", Kind::Measure, "tonne", ""),
            (" hectares", Kind::Measure, "hectare", ""),
            (" degrees Celsius", Kind::Measure, "celsius", ""),
            ("\u{b0}C", Kind::Measure, "celsius", ""),
            (" years", Kind::Measure, "year", ""),
            (" months", Kind::Measure, "month", ""),
            (" weeks", Kind::Measure, "week", ""),
            (" days", Kind::Measure, "day", ""),
            (" hours", Kind::Measure, "hour", ""),
            (" minutes", Kind::Measure, "minute", ""),
            (" seconds", Kind::Measure, "second", ""),
        ];
        for &(s, kind, name, rest) in cases {
            assert_eq!(unit_after(s), Ok((rest, Unit { kind, name })), "{s:?}");
        }
        for s in [
            "ml",
            " M",
            " people",
            "st",
            " percentage",
            " MM",
            " HA",
            " in",
        ] {
            let r = unit_after(s);
            assert!(r.is_err(), "{s:?} {r:?}");
        }
        assert_eq!(unit_after("mm").map(|(_, u)| u.name), Ok("mm"));
    }

    #[test]
    fn first_words_of_each_kind_of_unit() {
        let sorted = |l: &[&str]| l.windows(2).all(|w| w[0] < w[1]);
        assert!(sorted(MONEY_FIRST_WORDS) && sorted(MEASURE_FIRST_WORDS));
        // together they are the first words of every unit
        let mut all: Vec<&str> = ["pct", "per", "percent", "percentage"]
            .into_iter()
            .chain(MONEY_FIRST_WORDS.iter().copied())
            .chain(MEASURE_FIRST_WORDS.iter().copied())
            .collect();
        all.sort_unstable();
        assert_eq!(all, UNIT_FIRST_WORDS);
        // and each holds the first words its reader starts with
        let first = |p: &str| p.split(' ').next().unwrap_or_default().to_lowercase();
        for (p, _) in NAMES.entries() {
            assert!(MONEY_FIRST.contains(first(p).as_bytes()), "{p}");
        }
        for code in CODES.iter().chain(&["U"]) {
            assert!(MONEY_FIRST.contains(code.as_bytes()), "{code}");
        }
        for (p, _) in PHRASES.entries() {
            assert!(MEASURE_FIRST.contains(first(p).as_bytes()), "{p}");
        }
        for (w, _) in MEASURE_WORDS.iter().chain(&[("km", "")]) {
            assert!(MEASURE_FIRST.contains(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn units_read_as_by_all_three_readers() {
        // the readers of the kinds a word can start answer as all three in turn
        fn all(i: &str) -> Res<'_, Unit> {
            alt((percent, currency_after, measure_after)).parse(i)
        }
        let mut words: Vec<String> = UNIT_FIRST_WORDS.iter().map(|w| w.to_string()).collect();
        words.extend(
            ["people", "in", "M", "MM", "HA", "Km", "USD", "U.S.", "per"].map(String::from),
        );
        for w in &words {
            for tail in [
                "", " cent", " dollars", " pounds", " lira", " km", " points", "/h", "2",
                " Celsius", ".", " x",
            ] {
                for lead in ["", " ", "  ", "\u{a0}", "\n\n", "\t"] {
                    let s = format!("{lead}{w}{tail}");
                    let upper = s.to_uppercase();
                    for s in [s.as_str(), upper.as_str()] {
                        let want = if unit_may_follow(s) { all(s) } else { fail() };
                        assert_eq!(unit_after(s), want, "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_unit_passes_the_first_word_test() {
        let mut firsts: Vec<String> = ["percentage", "per", "percent", "pct", "U.S."]
            .iter()
            .map(|w| w.to_string())
            .collect();
        firsts.extend(CODES.iter().map(|c| c.to_string()));
        for table in [&NAMES, &PHRASES] {
            firsts.extend(table.entries().iter().map(|(p, _)| p.to_string()));
        }
        firsts.extend(MEASURE_WORDS.iter().map(|(w, _)| w.to_string()));
        for w in &firsts {
            for s in [format!(" {w}"), w.to_string(), format!("\u{a0}{w}")] {
                assert!(unit_may_follow(&s), "{s:?}");
            }
        }
        for w in MEASURE_WORDS.windows(2) {
            assert!(w[0].0 < w[1].0, "{:?} before {:?}", w[0], w[1]);
        }
        for s in [" %", "%", "$", " \u{20ac}", "\u{b0}C", " \u{a3}"] {
            assert!(unit_may_follow(s), "{s:?}");
        }
        for s in [" people", "", " ", " 5", "-year", " st", " permanent"] {
            assert!(!unit_may_follow(s), "{s:?}");
        }
        // a blank line passes the test but ends the phrase
        assert!(unit_after("\n\n%").is_err());
    }

    #[test]
    fn hyphenated_units() {
        let cases: &[(&str, &str, &str)] = &[
            ("-year campaign", "year", " campaign"),
            ("-year-old", "year", ""),
            ("-year-olds", "year", ""),
            ("-kilometer ring", "km", " ring"),
            ("-pound bomb", "lb", " bomb"),
            ("-month-old", "month", ""),
        ];
        for &(s, name, rest) in cases {
            let (r, u) = hyphen_unit(s).unwrap();
            assert_eq!((u.name, r), (name, rest), "{s:?}");
        }
        assert!(hyphen_unit("-member team").is_err());
        assert!(hyphen_unit("-years").is_err());
    }
}
