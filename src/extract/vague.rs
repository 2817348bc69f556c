//! Vague amounts and their intervals (DESIGN.md "Intervals"): "a few" [2,5],
//! "several" [3,9], "a dozen" [12,12], "dozens" [24,99], "scores (of)" [40,99],
//! "tens (of)" [20,99], "hundreds" [200,999], "thousands" [2000,9999], "millions"
//! [2e6, 1e7-1]; "tens of thousands" [20000,99999] and "hundreds of thousands"
//! [200000,999999] (a plural of a plural spans 2 to 10 times the product, less one);
//! a vague multiplier times a scale multiplies the bounds ("several dozen" [36,108],
//! "a few hundred" [200,500], "several thousand" [3000,9000]); "many hundreds" reads
//! as "hundreds". "a couple (of)" and "a pair of" are [2,2], "a handful (of)" [2,5].
//!
//! "few" without "a" ("few survived") and "many" alone are not amounts. "tens" counts
//! only before "of"; "scores" also alone ("kills scores"), and the judge of
//! non-claims sets aside the noun ("the scores", "he scores").

use super::lexeme::{Lower, Res, WordSet, ascii_word, fail, kw, letter_run, second_word, ws};
use super::numeral::scale_word;
use nom::Parser;
use nom::branch::alt;
use nom::combinator::{map, opt, peek, value};
use nom::sequence::preceded;

/// A vague amount: the interval it asserts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Vague {
    pub low: f64,
    pub high: f64,
}

/// The words a vague amount can start with, sorted.
#[rustfmt::skip]
const VAGUE_FIRST_WORDS: &[&str] = &[
    "a", "billions", "dozens", "half", "hundreds", "many", "millions", "scores", "several",
    "tens", "thousands", "trillions",
];

static VAGUE_FIRST: WordSet<{ VAGUE_FIRST_WORDS.len() }> = WordSet::new(VAGUE_FIRST_WORDS);

/// The words after "a" in a vague amount: "a few", "a couple", "a handful", "a
/// pair", "a dozen".
static AFTER_A: WordSet<5> = WordSet::new(&["couple", "dozen", "few", "handful", "pair"]);

/// The plural scales of [`plural_scale`], sorted.
static PLURAL_SCALES: WordSet<8> = WordSet::new(&[
    "billions",
    "dozens",
    "hundreds",
    "millions",
    "scores",
    "tens",
    "thousands",
    "trillions",
]);

/// Any vague amount, longest reading first.
pub(crate) fn vague(i: &str) -> Res<'_, Vague> {
    let b = i.as_bytes();
    let n = letter_run(b);
    if !VAGUE_FIRST.contains(&b[..n]) {
        return fail();
    }
    // "a", "half" and "many" open a vague amount only before a few words
    let second = || second_word(b, n);
    let may = match Lower::new_bytes(&b[..n]).bytes() {
        b"a" => AFTER_A.contains(second()),
        b"half" => second().eq_ignore_ascii_case(b"a"),
        b"many" => PLURAL_SCALES.contains(second()),
        _ => true,
    };
    if !may {
        return fail();
    }
    alt((
        // "tens of thousands" before "tens (of people)"
        plural_of_plural,
        // "several dozen", "a few hundred" before "several", "a few"
        multiplied,
        dozen,
        map(plural_scale, |(_, v)| v),
        multiplier_alone,
    ))
    .parse(i)
}

/// The interval of a vague amount in one word that needs no other: "dozens",
/// "scores", "hundreds", "thousands", "millions", "billions", "trillions",
/// "several", in any case; None for any other word ("tens" needs "of"; "a",
/// "half" and "many" need a second word). The grammar reads such a word alone
/// with no parsing when nothing that could continue it follows.
pub(crate) fn lone_word(w: &[u8]) -> Option<Vague> {
    let (low, high) = match Lower::new_bytes(w).bytes() {
        b"dozens" => (24.0, 99.0),
        b"scores" => (40.0, 99.0),
        b"hundreds" => (200.0, 999.0),
        b"thousands" => (2000.0, 9999.0),
        b"millions" => (2e6, 1e7 - 1.0),
        b"billions" => (2e9, 1e10 - 1.0),
        b"trillions" => (2e12, 1e13 - 1.0),
        b"several" => (3.0, 9.0),
        _ => return None,
    };
    Some(Vague { low, high })
}

/// A plural scale word: its scale and its interval.
fn plural_scale(i: &str) -> Res<'_, (f64, Vague)> {
    let (rest, w) = ascii_word(i)?;
    let (scale, low, high, needs_of) = match Lower::new(w).bytes() {
        b"dozens" => (12.0, 24.0, 99.0, false),
        b"scores" => (20.0, 40.0, 99.0, false),
        b"tens" => (10.0, 20.0, 99.0, true),
        b"hundreds" => (1e2, 200.0, 999.0, false),
        b"thousands" => (1e3, 2000.0, 9999.0, false),
        b"millions" => (1e6, 2e6, 1e7 - 1.0, false),
        b"billions" => (1e9, 2e9, 1e10 - 1.0, false),
        b"trillions" => (1e12, 2e12, 1e13 - 1.0, false),
        _ => return fail(),
    };
    if needs_of {
        peek((ws, kw("of"))).parse(rest)?;
    }
    Ok((rest, (scale, Vague { low, high })))
}

/// "tens of thousands", "hundreds of thousands", "tens of millions".
fn plural_of_plural(i: &str) -> Res<'_, Vague> {
    let (rest, s1) = alt((value(10.0, kw("tens")), value(100.0, kw("hundreds")))).parse(i)?;
    let (rest, _) = (ws, kw("of"), ws).parse(rest)?;
    let (rest, s2) = alt((
        value(1e3, kw("thousands")),
        value(1e6, kw("millions")),
        value(1e9, kw("billions")),
    ))
    .parse(rest)?;
    let p = s1 * s2;
    Ok((
        rest,
        Vague {
            low: 2.0 * p,
            high: 10.0 * p - 1.0,
        },
    ))
}

/// A vague multiplier before a scale: its interval. "a couple of" and "a handful of"
/// take their "of" here ("a couple of hundred").
fn multiplier(i: &str) -> Res<'_, (f64, f64)> {
    alt((
        value((2.0, 5.0), (kw("a"), ws, kw("few"))),
        value((3.0, 9.0), kw("several")),
        value((2.0, 2.0), (kw("a"), ws, kw("couple"), opt((ws, kw("of"))))),
        value(
            (2.0, 5.0),
            (kw("a"), ws, kw("handful"), opt((ws, kw("of")))),
        ),
    ))
    .parse(i)
}

/// Scale words after a multiplier: "dozen", "hundred", "hundred thousand".
fn scales(i: &str) -> Res<'_, f64> {
    if let Ok((rest, _)) = alt((kw("dozen"), kw("dozens"))).parse(i) {
        return Ok((rest, 12.0));
    }
    let (mut rest, mut s) = scale_word(i)?;
    let mut last = s;
    while let Ok((r, t)) = preceded(ws, scale_word).parse(rest) {
        if t <= last {
            break;
        }
        s *= t;
        last = t;
        rest = r;
    }
    Ok((rest, s))
}

/// "several dozen", "a few hundred", "several hundred thousand", "a couple of
/// hundred"; "many hundreds" (as "hundreds").
fn multiplied(i: &str) -> Res<'_, Vague> {
    alt((
        map((multiplier, ws, scales), |((lo, hi), _, s)| Vague {
            low: lo * s,
            high: hi * s,
        }),
        map((kw("many"), ws, plural_scale), |(_, _, (_, v))| v),
    ))
    .parse(i)
}

/// "a dozen" [12,12] and "half a dozen" [6,6].
fn dozen(i: &str) -> Res<'_, Vague> {
    alt((
        value(
            Vague {
                low: 12.0,
                high: 12.0,
            },
            (kw("a"), ws, kw("dozen")),
        ),
        value(
            Vague {
                low: 6.0,
                high: 6.0,
            },
            (kw("half"), ws, kw("a"), ws, kw("dozen")),
        ),
    ))
    .parse(i)
}

/// Whether what follows lets "a couple" or "a handful" stand alone: "of", "more",
/// "others", or the end of the clause ("killed a couple."), not "a couple who".
fn alone_ok(rest: &str) -> bool {
    let after = rest.trim_start();
    !after.starts_with(char::is_alphanumeric)
        || preceded(ws, alt((kw("of"), kw("more"), kw("others"))))
            .parse(rest)
            .is_ok()
}

/// "a few", "several", "a couple", "a handful", "a pair".
fn multiplier_alone(i: &str) -> Res<'_, Vague> {
    if let Ok((rest, _)) = (kw("a"), ws, kw("few")).parse(i) {
        return Ok((
            rest,
            Vague {
                low: 2.0,
                high: 5.0,
            },
        ));
    }
    if let Ok((rest, _)) = kw("several")(i) {
        return Ok((
            rest,
            Vague {
                low: 3.0,
                high: 9.0,
            },
        ));
    }
    let (rest, v) = alt((
        value(
            Vague {
                low: 2.0,
                high: 2.0,
            },
            (kw("a"), ws, kw("couple")),
        ),
        value(
            Vague {
                low: 2.0,
                high: 5.0,
            },
            (kw("a"), ws, kw("handful")),
        ),
        value(
            Vague {
                low: 2.0,
                high: 2.0,
            },
            (kw("a"), ws, kw("pair")),
        ),
    ))
    .parse(i)?;
    if alone_ok(rest) {
        Ok((rest, v))
    } else {
        fail()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn design_table_rows() {
        let cases: &[(&str, f64, f64, &str)] = &[
            ("a few people", 2.0, 5.0, " people"),
            ("several rebels", 3.0, 9.0, " rebels"),
            ("a dozen people", 12.0, 12.0, " people"),
            ("half a dozen", 6.0, 6.0, ""),
            ("dozens of people", 24.0, 99.0, " of people"),
            ("Dozens were hurt", 24.0, 99.0, " were hurt"),
            ("scores of civilians", 40.0, 99.0, " of civilians"),
            ("tens of people", 20.0, 99.0, " of people"),
            ("hundreds fled", 200.0, 999.0, " fled"),
            ("thousands", 2000.0, 9999.0, ""),
            (
                "tens of thousands of locals",
                20_000.0,
                99_999.0,
                " of locals",
            ),
            ("hundreds of thousands", 200_000.0, 999_999.0, ""),
            ("millions", 2e6, 9_999_999.0, ""),
            ("tens of millions", 2e7, 1e8 - 1.0, ""),
            ("several dozen", 36.0, 108.0, ""),
            ("a few hundred", 200.0, 500.0, ""),
            ("several thousand", 3000.0, 9000.0, ""),
            ("several hundred thousand", 300_000.0, 900_000.0, ""),
            ("many hundreds", 200.0, 999.0, ""),
            ("a couple of hundred", 200.0, 200.0, ""),
            ("a couple of people", 2.0, 2.0, " of people"),
            ("a couple", 2.0, 2.0, ""),
            ("a handful of", 2.0, 5.0, " of"),
            ("a pair of boots", 2.0, 2.0, " of boots"),
        ];
        for &(s, lo, hi, rest) in cases {
            let (r, v) = vague(s).unwrap_or_else(|_| panic!("{s:?}"));
            assert_eq!((v.low, v.high, r), (lo, hi, rest), "{s:?}");
        }
    }

    #[test]
    fn second_word_gates_agree_with_the_parsers() {
        for w in [
            "dozens",
            "scores",
            "tens",
            "hundreds",
            "thousands",
            "millions",
            "billions",
            "trillions",
        ] {
            assert!(PLURAL_SCALES.has(w), "{w}");
            assert!(plural_scale(&format!("{w} of")).is_ok(), "{w}");
        }
        for w in ["few", "couple", "handful", "pair", "dozen"] {
            assert!(AFTER_A.has(w), "{w}");
            assert!(vague(&format!("A {w} of")).is_ok(), "{w}");
        }
        for s in ["a lot", "half the", "many people", "a  \u{a0}few"] {
            let ok = vague(s).is_ok();
            assert_eq!(ok, s.ends_with("few"), "{s:?}");
        }
    }

    #[test]
    fn not_vague() {
        for s in [
            "few survived",
            "many people",
            "tens",
            "a couple who married",
            "a pair who",
            "some people",
            "hundred",
        ] {
            assert!(vague(s).is_err(), "{s:?}");
        }
    }
}
