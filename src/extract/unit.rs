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
    Lower, Res, ascii_word, at_boundary, fail, hyphen, kw, kw_cs, tag_ci, ws, ws0,
};
use super::qualifier::{phrase_table, words};
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
pub(crate) fn unit_after(i: &str) -> Res<'_, Unit> {
    alt((percent, currency_after, measure_after)).parse(i)
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

/// A currency named in words or by its code: "dollars", "US dollars", "Syrian
/// pounds", "euros", "USD".
pub(crate) fn currency_word(i: &str) -> Res<'_, Unit> {
    const NAMES: &[(&str, &str)] = &[
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
    ];
    if let Ok((rest, (_, code))) = phrase_table(i, NAMES) {
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

/// A measure unit in one word, any case; `None` if the word is not one. The short
/// lower-case forms "m", "mm", "cm", "ha" must be written in lower case ("M" is a
/// million).
fn measure_word(w: &str) -> Option<&'static str> {
    let lower = Lower::new(w);
    let l = lower.bytes();
    if matches!(l, b"m" | b"mm" | b"cm" | b"ha") && w.bytes().any(|c| c.is_ascii_uppercase()) {
        return None;
    }
    Some(match l {
        b"km" | b"kms" | b"kilometre" | b"kilometres" | b"kilometer" | b"kilometers" => "km",
        b"mile" | b"miles" => "mile",
        b"m" | b"metre" | b"metres" | b"meter" | b"meters" => "metre",
        b"cm" | b"centimetre" | b"centimetres" | b"centimeter" | b"centimeters" => "cm",
        b"mm" | b"millimetre" | b"millimetres" | b"millimeter" | b"millimeters" => "mm",
        b"ft" | b"foot" | b"feet" => "foot",
        b"inch" | b"inches" => "inch",
        b"kg" | b"kgs" | b"kilogram" | b"kilograms" | b"kilo" | b"kilos" => "kg",
        b"tonne" | b"tonnes" | b"ton" | b"tons" => "tonne",
        b"lb" | b"lbs" => "lb",
        b"gram" | b"grams" | b"gramme" | b"grammes" => "g",
        b"ha" | b"hectare" | b"hectares" => "hectare",
        b"acre" | b"acres" => "acre",
        b"mph" => "mph",
        b"kph" => "km/h",
        b"degree" | b"degrees" => "degree",
        b"year" | b"years" | b"yr" | b"yrs" => "year",
        b"month" | b"months" => "month",
        b"week" | b"weeks" => "week",
        b"day" | b"days" => "day",
        b"hour" | b"hours" | b"hr" | b"hrs" => "hour",
        b"minute" | b"minutes" | b"min" | b"mins" => "minute",
        b"second" | b"seconds" | b"sec" | b"secs" => "second",
        b"decade" | b"decades" => "decade",
        b"century" | b"centuries" => "century",
        _ => return None,
    })
}

/// A measure after a number, glued ("29km", "10kg", "3m") or after a space.
/// Phrases before their first word ("km/h" before "km", "degrees Celsius" before
/// "degrees").
pub(crate) fn measure_after(i: &str) -> Res<'_, Unit> {
    let (r, _) = ws0(i)?;
    const PHRASES: &[(&str, &str)] = &[
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
    ];
    if let Ok((rest, (_, name))) = phrase_table(r, PHRASES) {
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
