//! The shapes the grammar reads without parsing ([`Grammar::plain_core`]) against
//! the whole grammar ([`Grammar::any_core`]): wherever the first answers, the second
//! must give the same core and stop at the same place.

use super::*;
use proptest::prelude::*;
use std::collections::BTreeSet;

/// The core at byte `at` of `text` read both ways; a panic names the text when they
/// differ. Returns whether the plain reading answered.
fn agree(text: &str, at: usize) -> bool {
    let g = Grammar { text };
    let Some(i) = text.get(at..) else {
        return false;
    };
    let Some(plain) = g.plain_core(i) else {
        return false;
    };
    let full = g.any_core(i).ok();
    let (r, c) = plain;
    // the text around the core, for the message
    let from = text.floor_char_boundary(at.saturating_sub(40));
    let to = text.ceil_char_boundary(at + 60);
    assert_eq!(
        Some((text.len() - r.len(), c)),
        full.map(|(r, c)| (text.len() - r.len(), c)),
        "{:?} at {at}",
        &text[from..to]
    );
    true
}

/// Every word of the grammar's own sources (keywords, table entries, examples in
/// comments) in three cases: the words that may follow a number, gathered apart
/// from the plain reading's lists so that a word missing from them is found.
fn grammar_words() -> Vec<String> {
    let sources = [
        include_str!("../quantity_phrase.rs"),
        include_str!("tests.rs"),
        include_str!("../numeral.rs"),
        include_str!("../unit.rs"),
        include_str!("../qualifier.rs"),
        include_str!("../vague.rs"),
        include_str!("../nonclaim.rs"),
        include_str!("../lexeme.rs"),
    ];
    let mut words = BTreeSet::new();
    for src in sources {
        for w in src.split(|c: char| !c.is_ascii_alphabetic()) {
            if w.is_empty() {
                continue;
            }
            let lower = w.to_ascii_lowercase();
            let mut cap = lower.clone();
            cap[..1].make_ascii_uppercase();
            words.insert(w.to_ascii_uppercase());
            words.insert(cap);
            words.insert(lower);
        }
    }
    words.into_iter().collect()
}

/// Numbers of every shape the plain reading knows, and some it leaves alone.
const NUMBERS: &[&str] = &[
    "7",
    "5",
    "10",
    "11",
    "0",
    "ten",
    "eleven",
    "700",
    "07",
    "2017",
    "1",
    "one",
    "One",
    "ONE",
    "two",
    "Twelve",
    "forty",
    "ninety",
    "zero",
    "a",
    "dozens",
    "Several",
    "hundreds",
    "THOUSANDS",
    "tens",
    "scores",
    "millions",
    "half",
];

#[test]
fn plain_cores_agree_before_every_word_of_the_grammar() {
    let words = grammar_words();
    assert!(words.len() > 1000, "{} words", words.len());
    let tails = [
        "",
        " of",
        " more",
        "s",
        ".",
        "-year",
        " and a half",
        " 5",
        "5",
        " five",
        " million",
        " km",
        " over",
        " above",
        " of 5",
        " Over 5",
    ];
    let mut answered = 0;
    for num in NUMBERS {
        for w in &words {
            for tail in tails {
                let text = format!("They said {num} {w}{tail}");
                answered += usize::from(agree(&text, 10));
                let text = format!("They said {num} of {w}{tail}");
                answered += usize::from(agree(&text, 10));
            }
        }
    }
    // the ordinary words are read plainly
    assert!(answered > words.len() * 4, "{answered}");
}

#[test]
fn plain_cores_agree_after_a_unit_before_every_word_of_the_grammar() {
    // the first words of units, some of which start no unit before most words
    // ("700 Syrian refugees", "5 US troops", "3 years old")
    let units = [
        " km",
        " Syrian",
        " syrian pounds",
        " years",
        " Year",
        " percent",
        " per",
        " per cent",
        " US",
        " Turkish",
        " square",
        " miles",
        " degrees",
        " sq",
        "-year",
        "-Hour",
        "-day",
        "-member",
        "-km",
        "-percent",
    ];
    let words = grammar_words();
    let mut answered = 0;
    for num in ["5", "700", "one", "two"] {
        for unit in units {
            for w in &words {
                for tail in ["", " 5"] {
                    let text = format!("They said {num}{unit} {w}{tail}");
                    answered += usize::from(agree(&text, 10));
                }
            }
        }
    }
    assert!(answered > words.len() * 12, "{answered}");
}

#[test]
fn no_form_starts_at_a_lone_article() {
    let words = grammar_words();
    let mut lone = 0;
    for article in ["a", "an", "A", "An", "AN"] {
        for w in &words {
            for tail in [
                "",
                " of",
                " 5",
                " million",
                "-year",
                " and a half",
                " of a million",
            ] {
                let text = format!("They said {article} {w}{tail}");
                let i = &text[10..];
                if lone_article(i) {
                    lone += 1;
                    let g = Grammar { text: &text };
                    assert!(g.any_core(i).is_err(), "{text:?}");
                }
            }
        }
    }
    assert!(lone > words.len(), "{lone}");
    assert!(lone_article("a car") && lone_article("An attack"));
    assert!(!lone_article("a few") && !lone_article("a third") && !lone_article("a hundred"));
    assert!(!lone_article("a") && !lone_article("an") && !lone_article("any car"));
}

#[test]
fn no_form_starts_at_a_lone_unit_of_time() {
    let words = grammar_words();
    let mut lone = 0;
    for unit in [
        "day", "Hour", "minute", "MONTH", "second", "week", "year", "years",
    ] {
        for w in &words {
            for sep in [" ", "-"] {
                for tail in ["", " a half", "-a-half", " 5", " million", " of a million"] {
                    let text = format!("They said {unit}{sep}{w}{tail}");
                    let i = &text[10..];
                    if lone_time_unit(i) {
                        lone += 1;
                        let g = Grammar { text: &text };
                        assert!(g.any_core(i).is_err(), "{text:?}");
                    }
                }
            }
        }
    }
    assert!(lone > words.len(), "{lone}");
    assert!(lone_time_unit("year since") && lone_time_unit("Day-long"));
    assert!(!lone_time_unit("hour and a half") && !lone_time_unit("minute-and-a half"));
    assert!(!lone_time_unit("years since") && !lone_time_unit("year"));
}

#[test]
fn plain_cores_agree_before_every_ascii_character() {
    let mut answered = 0;
    for num in NUMBERS {
        for c in (0u8..128).map(char::from) {
            for tail in [
                "", "5", "05", "000", " 5", "people", " people", "s", "%", "$",
            ] {
                let text = format!("They said {num}{c}{tail}");
                answered += usize::from(agree(&text, 10));
                let text = format!("They said {num} {c}{tail}");
                answered += usize::from(agree(&text, 10));
            }
        }
    }
    assert!(answered > 1000, "{answered}");
}

#[test]
fn plain_cores_agree_before_digits_after_a_space() {
    // one to four digits, then one to five digits after a space: only a run of
    // exactly three after one to three digits may group thousands
    let runs = ["1", "05", "200", "000", "2017", "10000"];
    let ends = ["", " people", ".", " 000", ",000", ".5", " km", "-3"];
    for a in ["5", "07", "15", "300", "2017", "five"] {
        for b in runs {
            for end in ends {
                let text = format!("They said {a} {b}{end}");
                let answered = agree(&text, 10);
                let may_group = a.len() <= 3 && b.len() == 3 && a != "five";
                assert_eq!(answered, !may_group, "{text:?}");
            }
        }
    }
}

/// The FA-KES corpus file as text, or None (with a note) when it is absent.
fn fa_kes() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/fa-kes/FA-KES-Dataset.csv");
    match std::fs::read(&path) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(_) => {
            eprintln!(
                "skipping the FA-KES comparison: {} is absent",
                path.display()
            );
            None
        }
    }
}

#[test]
fn plain_cores_agree_in_the_fa_kes_corpus() {
    let Some(text) = fa_kes() else {
        return;
    };
    let b = text.as_bytes();
    let mut answered = 0;
    // every start of a word or a run of digits, as an anchor or a phrase start
    for at in 0..b.len() {
        let starts =
            b[at].is_ascii_alphanumeric() && (at == 0 || !b[at - 1].is_ascii_alphanumeric());
        if starts {
            answered += usize::from(agree(&text, at));
        }
    }
    assert!(answered > 10_000, "{answered}");
}

proptest! {
    #[test]
    fn plain_cores_agree_in_mixed_phrases(text in "([0-9]{1,4}|[0-9]{19,20}|one|two|Three|forty|dozen|dozens|million|bn|m|km|percent|per cent|years|year|old|people|of|or|more|and|a|half|to|through|in|out|every|point|five|US|USD|[ ,.;:()%$+\u{a0}\u{2013}-]|\u{bd}){1,12}") {
        let b = text.as_bytes();
        for at in 0..b.len() {
            if b[at].is_ascii_alphanumeric() && (at == 0 || !b[at - 1].is_ascii_alphanumeric()) {
                agree(&text, at);
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// The short walk back from an anchor against the full walk

#[test]
fn inner_words_hold_every_word_before_an_anchor() {
    assert!(INNER_WORDS.windows(2).all(|w| w[0] < w[1]));
    let inner = |w: &str| INNER.contains_letters(w.as_bytes());
    for w in STARTER_WORDS.iter().chain(CORE_OPENERS) {
        assert!(inner(w), "{w}");
    }
    for p in qualifier::before_phrases() {
        for w in p.split(' ') {
            assert!(inner(w), "{w} in {p:?}");
        }
    }
    for w in ["and", "U", "S", "HK", "Than"] {
        assert!(inner(w), "{w}");
    }
    assert!(!inner("killed") && !inner("the") && !inner("people"));
}

#[test]
fn packed_walk_sets_agree_with_the_word_sets() {
    let mut words = grammar_words();
    words.extend(["x", "ab", "abcdefg", "abcdefgh"].map(String::from));
    for w in &words {
        for tail in ["", " 5", "-", " and more words"] {
            let text = format!("{w}{tail}");
            let b = text.as_bytes();
            let n = letter_run(b);
            assert_eq!(
                in_set(b, n, &PACKED_INNER, &INNER),
                INNER.contains_letters(&b[..n]),
                "{text:?}"
            );
            assert_eq!(
                in_set(b, n, &PACKED_STARTERS, &STARTERS),
                STARTERS.contains_letters(&b[..n]),
                "{text:?}"
            );
        }
    }
}

#[test]
fn short_walks_stop_at_the_first_outer_word() {
    // text, anchor, where phrases may start (farthest first)
    let cases: &[(&str, &str, &[&str])] = &[
        ("killed 38", "38", &["38"]),
        ("more than 38", "38", &["more than 38", "38"]),
        ("some say about 38", "38", &["about 38", "38"]),
        ("a total of some 38", "38", &["some 38", "38"]),
        (
            "they say as many as 38",
            "38",
            &["as many as 38", "many as 38", "as 38", "38"],
        ),
        (
            "an hour and a half",
            "half",
            &["an hour and a half", "hour and a half", "a half", "half"],
        ),
    ];
    for &(text, anchor, want) in cases {
        let a = text.rfind(anchor).unwrap_or(0);
        let (starts, n) = candidate_starts(text, a, 0, true);
        let got: Vec<&str> = starts[..n].iter().map(|&s| &text[s..]).collect();
        assert_eq!(got, want, "{text:?}");
    }
}

/// Whether the short and the full walk find the same phrases in `text`; a panic names
/// the text when they do not.
fn walks_agree(text: &str) -> usize {
    let short = find_all(text, true);
    assert_eq!(short, find_all(text, false), "{text:?}");
    short.len()
}

#[test]
fn walks_agree_in_the_fa_kes_corpus() {
    let Some(text) = fa_kes() else {
        return;
    };
    let found: usize = text.lines().map(walks_agree).sum();
    assert!(found > 5_000, "{found}");
}

#[test]
fn walks_agree_before_every_word_of_the_grammar() {
    let words = grammar_words();
    for w in &words {
        for text in [
            format!("about {w} 38 and {w} two"),
            format!("{w} more than {w} a dozen"),
            format!("5-{w} twenty {w} and thirty"),
            format!("between {w} and {w} hour and a half"),
            format!("as many as {w} U.S.$5 {w} or so"),
            format!("1990s-{w} more than {w} five {w} to ten"),
        ] {
            walks_agree(&text);
        }
    }
}

proptest! {
    #[test]
    fn walks_agree_in_mixed_phrases(text in "([0-9]{1,4}|one|two|Three|forty|dozen|dozens|million|half|quarter|a|an|and|or|to|of|than|more|less|at|least|most|as|many|much|up|about|some|some say|between|from|rose|by|hour|year|US|U\\.S\\.|HK|USD|killed|the|people|km|percent|old|1990s|5th|[ ,.;:()%$+\u{a0}\u{2013}-]){1,16}") {
        walks_agree(&text);
    }
}
