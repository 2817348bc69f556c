//! Table tests of the whole phrase grammar (every row of DESIGN.md "Intervals", the
//! examples of the module docs, the non-claims), and property tests.

use super::*;
use crate::extract::numeral::parse_number;
use Kind::*;
use Qualifier::*;
use proptest::prelude::*;

const INF: Option<f64> = None;

/// One row: text, phrase, number span, value, low, high, qualifier, kind, unit.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    f64,
    Option<f64>,
    Option<f64>,
    Qualifier,
    Kind,
    Option<&'static str>,
);

fn check_rows(rows: &[Row]) {
    for &(text, phrase, num, value, low, high, q, kind, unit) in rows {
        let ms = find_quantities(text);
        let m = ms
            .iter()
            .find(|m| &text[m.start..m.end] == phrase)
            .unwrap_or_else(|| panic!("{text:?}: no phrase {phrase:?} in {ms:?}"));
        assert_eq!(&text[m.num_start..m.num_end], num, "{text:?} number span");
        assert!((m.value - value).abs() < 1e-9, "{text:?} value {}", m.value);
        assert_eq!((m.low, m.high), (low, high), "{text:?} interval");
        assert_eq!((m.qualifier, m.kind), (q, kind), "{text:?}");
        assert_eq!(m.unit.as_deref(), unit, "{text:?} unit");
    }
}

#[test]
fn design_interval_table() {
    let n = |v: f64| Some(v);
    #[rustfmt::skip]
    let rows: &[Row] = &[
        ("killed 38 people", "38", "38", 38.0, n(38.0), n(38.0), Exact, Count, None),
        ("more than 700 strikes", "more than 700", "700", 700.0, n(701.0), INF, MoreThan, Count, None),
        ("over 20 killed", "over 20", "20", 20.0, n(21.0), INF, MoreThan, Count, None),
        ("upwards of 50 died", "upwards of 50", "50", 50.0, n(51.0), INF, MoreThan, Count, None),
        ("in excess of 50 died", "in excess of 50", "50", 50.0, n(51.0), INF, MoreThan, Count, None),
        ("some 10+ people", "some 10+", "10", 10.0, n(9.0), INF, MoreThan, Count, None),
        ("10+ people", "10+", "10", 10.0, n(11.0), INF, MoreThan, Count, None),
        ("at least 16 dead", "at least 16", "16", 16.0, n(16.0), INF, AtLeast, Count, None),
        ("no fewer than 9 dead", "no fewer than 9", "9", 9.0, n(9.0), INF, AtLeast, Count, None),
        ("500 or more dead", "500 or more", "500", 500.0, n(500.0), INF, AtLeast, Count, None),
        ("fewer than 10 dead", "fewer than 10", "10", 10.0, n(0.0), n(9.0), LessThan, Count, None),
        ("less than 10 dead", "less than 10", "10", 10.0, n(0.0), n(9.0), LessThan, Count, None),
        ("under 10 dead", "under 10", "10", 10.0, n(0.0), n(9.0), LessThan, Count, None),
        ("at most 40 dead", "at most 40", "40", 40.0, n(0.0), n(40.0), AtMost, Count, None),
        ("up to 700 workers", "up to 700", "700", 700.0, n(0.0), n(700.0), AtMost, Count, None),
        ("no more than 12 men", "no more than 12", "12", 12.0, n(0.0), n(12.0), AtMost, Count, None),
        ("as many as 40 men", "as many as 40", "40", 40.0, n(0.0), n(40.0), AtMost, Count, None),
        ("nearly 100 buildings", "nearly 100", "100", 100.0, n(90.0), n(99.0), Nearly, Count, None),
        ("almost 50 men", "almost 50", "50", 50.0, n(45.0), n(49.0), Nearly, Count, None),
        ("close to 50 men", "close to 50", "50", 50.0, n(45.0), n(49.0), Nearly, Count, None),
        ("just under 100 men", "just under 100", "100", 100.0, n(90.0), n(99.0), Nearly, Count, None),
        ("about 80 men", "about 80", "80", 80.0, n(72.0), n(88.0), Approx, Count, None),
        ("around 900 men", "around 900", "900", 900.0, n(810.0), n(990.0), Approx, Count, None),
        ("some 350 people", "some 350", "350", 350.0, n(315.0), n(385.0), Approx, Count, None),
        ("roughly 80 men", "roughly 80", "80", 80.0, n(72.0), n(88.0), Approx, Count, None),
        ("approximately 80 men", "approximately 80", "80", 80.0, n(72.0), n(88.0), Approx, Count, None),
        ("an estimated 80 men", "an estimated 80", "80", 80.0, n(72.0), n(88.0), Approx, Count, None),
        ("80 or so men", "80 or so", "80", 80.0, n(72.0), n(88.0), Approx, Count, None),
        ("between 20 and 30 men", "between 20 and 30", "20 and 30", 20.0, n(20.0), n(30.0), Range, Count, None),
        ("20 to 30 men", "20 to 30", "20 to 30", 20.0, n(20.0), n(30.0), Range, Count, None),
        ("20-30 men", "20-30", "20-30", 20.0, n(20.0), n(30.0), Range, Count, None),
        ("a few men", "a few", "a few", 2.0, n(2.0), n(5.0), Vague, Count, None),
        ("several men", "several", "several", 3.0, n(3.0), n(9.0), Vague, Count, None),
        ("a dozen men", "a dozen", "a dozen", 12.0, n(12.0), n(12.0), Vague, Count, None),
        ("dozens of men", "dozens", "dozens", 24.0, n(24.0), n(99.0), Vague, Count, None),
        ("scores of men", "scores", "scores", 40.0, n(40.0), n(99.0), Vague, Count, None),
        ("tens of men", "tens", "tens", 20.0, n(20.0), n(99.0), Vague, Count, None),
        ("hundreds fled", "hundreds", "hundreds", 200.0, n(200.0), n(999.0), Vague, Count, None),
        ("thousands fled", "thousands", "thousands", 2000.0, n(2000.0), n(9999.0), Vague, Count, None),
        ("tens of thousands of locals", "tens of thousands", "tens of thousands", 20000.0, n(20000.0), n(99999.0), Vague, Count, None),
        ("hundreds of thousands fled", "hundreds of thousands", "hundreds of thousands", 200000.0, n(200000.0), n(999999.0), Vague, Count, None),
        ("millions fled", "millions", "millions", 2e6, n(2e6), n(9999999.0), Vague, Count, None),
        ("more than a dozen men", "more than a dozen", "a dozen", 12.0, n(13.0), INF, MoreThan, Count, None),
        ("at least a dozen men", "at least a dozen", "a dozen", 12.0, n(12.0), INF, AtLeast, Count, None),
        ("several dozen men", "several dozen", "several dozen", 36.0, n(36.0), n(108.0), Vague, Count, None),
        ("a few hundred men", "a few hundred", "a few hundred", 200.0, n(200.0), n(500.0), Vague, Count, None),
        ("several thousand men", "several thousand", "several thousand", 3000.0, n(3000.0), n(9000.0), Vague, Count, None),
        ("many hundreds of men", "many hundreds", "many hundreds", 200.0, n(200.0), n(999.0), Vague, Count, None),
        ("well over 1,000 men", "well over 1,000", "1,000", 1000.0, n(1001.0), INF, MoreThan, Count, None),
        ("a couple of men", "a couple", "a couple", 2.0, n(2.0), n(2.0), Vague, Count, None),
        ("a handful of men", "a handful", "a handful", 2.0, n(2.0), n(5.0), Vague, Count, None),
        ("dozens more were hurt", "dozens", "dozens", 24.0, n(24.0), n(99.0), Vague, Count, None),
        ("hundreds more fled", "hundreds", "hundreds", 200.0, n(200.0), n(999.0), Vague, Count, None),
        ("At least 100 died", "At least 100", "100", 100.0, n(100.0), INF, AtLeast, Count, None),
        ("MORE THAN 5 died", "MORE THAN 5", "5", 5.0, n(6.0), INF, MoreThan, Count, None),
        ("5 or fewer died", "5 or fewer", "5", 5.0, n(0.0), n(5.0), AtMost, Count, None),
        ("exactly 12 men", "exactly 12", "12", 12.0, n(12.0), n(12.0), Exact, Count, None),
        ("precisely 12 men", "precisely 12", "12", 12.0, n(12.0), n(12.0), Exact, Count, None),
        ("about a dozen men", "about a dozen", "a dozen", 12.0, n(10.0), n(14.0), Approx, Count, None),
        ("fewer than a dozen men", "fewer than a dozen", "a dozen", 12.0, n(0.0), n(11.0), LessThan, Count, None),
        ("about 20 to 30 men", "about 20 to 30", "20 to 30", 20.0, n(18.0), n(33.0), Range, Count, None),
        ("about 500 or more", "about 500 or more", "500", 500.0, n(450.0), INF, AtLeast, Count, None),
    ];
    check_rows(rows);
}

#[test]
fn ranges_units_and_kinds() {
    let n = |v: f64| Some(v);
    #[rustfmt::skip]
    let rows: &[Row] = &[
        ("from 20 to 30 men", "from 20 to 30", "20 to 30", 20.0, n(20.0), n(30.0), Range, Count, None),
        ("20\u{2013}30 men", "20\u{2013}30", "20\u{2013}30", 20.0, n(20.0), n(30.0), Range, Count, None),
        ("1000 - 5000 men", "1000 - 5000", "1000 - 5000", 1000.0, n(1000.0), n(5000.0), Range, Count, None),
        ("two or three men", "two or three", "two or three", 2.0, n(2.0), n(3.0), Range, Count, None),
        ("between 30 and 20 men", "between 30 and 20", "30 and 20", 20.0, n(20.0), n(30.0), Range, Count, None),
        ("between 2 and 3 million people", "between 2 and 3 million", "2 and 3 million", 2e6, n(2e6), n(3e6), Range, Count, None),
        ("$3-5 billion", "$3-5 billion", "3-5 billion", 3e9, n(3e9), n(5e9), Range, Currency, Some("USD")),
        ("between 20 and 30 percent", "between 20 and 30 percent", "20 and 30", 20.0, n(20.0), n(30.0), Range, Percent, Some("percent")),
        ("20% to 30%", "20% to 30%", "20% to 30", 20.0, n(20.0), n(30.0), Range, Percent, Some("percent")),
        ("5k-20k", "5k-20k", "5k-20k", 5000.0, n(5000.0), n(20000.0), Range, Count, None),
        ("70 percent of Ayn al-Islam", "70 percent", "70", 70.0, n(70.0), n(70.0), Exact, Percent, Some("percent")),
        ("more than 70 percent of it", "more than 70 percent", "70", 70.0, n(70.0), INF, MoreThan, Percent, Some("percent")),
        ("70% of it", "70%", "70", 70.0, n(70.0), n(70.0), Exact, Percent, Some("percent")),
        ("70 per cent of it", "70 per cent", "70", 70.0, n(70.0), n(70.0), Exact, Percent, Some("percent")),
        ("up 5 percentage points", "5 percentage points", "5", 5.0, n(5.0), n(5.0), Exact, Percent, Some("percentage point")),
        ("cost $3.2 trillion", "$3.2 trillion", "3.2 trillion", 3.2e12, n(3.2e12), n(3.2e12), Exact, Currency, Some("USD")),
        ("2bn dollars", "2bn dollars", "2bn", 2e9, n(2e9), n(2e9), Exact, Currency, Some("USD")),
        ("a \u{a3}3m deal", "\u{a3}3m", "3m", 3e6, n(3e6), n(3e6), Exact, Currency, Some("GBP")),
        ("\u{20ac}10 each", "\u{20ac}10", "10", 10.0, n(10.0), n(10.0), Exact, Currency, Some("EUR")),
        ("US$5 each", "US$5", "5", 5.0, n(5.0), n(5.0), Exact, Currency, Some("USD")),
        ("5 million euros", "5 million euros", "5 million", 5e6, n(5e6), n(5e6), Exact, Currency, Some("EUR")),
        ("500 pounds", "500 pounds", "500", 500.0, n(500.0), n(500.0), Exact, Currency, Some("GBP")),
        ("500 Syrian pounds", "500 Syrian pounds", "500", 500.0, n(500.0), n(500.0), Exact, Currency, Some("SYP")),
        ("millions of dollars", "millions of dollars", "millions", 2e6, n(2e6), n(9999999.0), Vague, Currency, Some("USD")),
        ("over the past 170 years", "170 years", "170", 170.0, n(170.0), n(170.0), Exact, Measure, Some("year")),
        ("a four-year campaign", "four-year", "four", 4.0, n(4.0), n(4.0), Exact, Measure, Some("year")),
        ("a minute-and-a half recording", "minute-and-a half", "minute-and-a half", 1.5, n(1.5), n(1.5), Exact, Measure, Some("minute")),
        ("an hour and a half later", "hour and a half", "hour and a half", 1.5, n(1.5), n(1.5), Exact, Measure, Some("hour")),
        ("half an hour later", "half an hour", "half an hour", 0.5, n(0.5), n(0.5), Exact, Measure, Some("hour")),
        ("a one-year-old girl", "one-year-old", "one", 1.0, n(1.0), n(1.0), Exact, Measure, Some("year")),
        ("a 20-year-old man", "20-year-old", "20", 20.0, n(20.0), n(20.0), Exact, Measure, Some("year")),
        ("he was 20 years old", "20 years old", "20", 20.0, n(20.0), n(20.0), Exact, Measure, Some("year")),
        ("children aged 5", "5", "5", 5.0, n(5.0), n(5.0), Exact, Measure, Some("year")),
        ("four and a half years", "four and a half years", "four and a half", 4.5, n(4.5), n(4.5), Exact, Measure, Some("year")),
        ("29km away", "29km", "29", 29.0, n(29.0), n(29.0), Exact, Measure, Some("km")),
        ("60 kilometres away", "60 kilometres", "60", 60.0, n(60.0), n(60.0), Exact, Measure, Some("km")),
        ("60 kilometers away", "60 kilometers", "60", 60.0, n(60.0), n(60.0), Exact, Measure, Some("km")),
        ("35 miles away", "35 miles", "35", 35.0, n(35.0), n(35.0), Exact, Measure, Some("mile")),
        ("a 3m wall", "3m", "3", 3.0, n(3.0), n(3.0), Exact, Measure, Some("metre")),
        ("300 metres away", "300 metres", "300", 300.0, n(300.0), n(300.0), Exact, Measure, Some("metre")),
        ("300 meters away", "300 meters", "300", 300.0, n(300.0), n(300.0), Exact, Measure, Some("metre")),
        ("10 kg of", "10 kg", "10", 10.0, n(10.0), n(10.0), Exact, Measure, Some("kg")),
        ("10 kilograms of", "10 kilograms", "10", 10.0, n(10.0), n(10.0), Exact, Measure, Some("kg")),
        ("5 tonnes of", "5 tonnes", "5", 5.0, n(5.0), n(5.0), Exact, Measure, Some("tonne")),
        ("5 tons of", "5 tons", "5", 5.0, n(5.0), n(5.0), Exact, Measure, Some("tonne")),
        ("300 hectares of", "300 hectares", "300", 300.0, n(300.0), n(300.0), Exact, Measure, Some("hectare")),
        ("for 6 months", "6 months", "6", 6.0, n(6.0), n(6.0), Exact, Measure, Some("month")),
        ("for 3 weeks", "3 weeks", "3", 3.0, n(3.0), n(3.0), Exact, Measure, Some("week")),
        ("for 60 days", "60 days", "60", 60.0, n(60.0), n(60.0), Exact, Measure, Some("day")),
        ("within 24 hours", "24 hours", "24", 24.0, n(24.0), n(24.0), Exact, Measure, Some("hour")),
        ("for 45 minutes", "45 minutes", "45", 45.0, n(45.0), n(45.0), Exact, Measure, Some("minute")),
        ("a few kilometres away", "a few kilometres", "a few", 2.0, n(2.0), n(5.0), Vague, Measure, Some("km")),
        ("about 3 km away", "about 3 km", "3", 3.0, n(2.7), n(3.3), Approx, Measure, Some("km")),
        ("-5 degrees", "-5 degrees", "-5", -5.0, n(-5.0), n(-5.0), Exact, Measure, Some("degree")),
        ("it was minus 3", "minus 3", "minus 3", -3.0, n(-3.0), n(-3.0), Exact, Count, None),
        ("one in five children", "one in five", "one in five", 0.2, n(0.2), n(0.2), Exact, Ratio, None),
        ("2 out of 5 men", "2 out of 5", "2 out of 5", 0.4, n(0.4), n(0.4), Exact, Ratio, None),
        ("half of the town", "half", "half", 0.5, n(0.5), n(0.5), Exact, Ratio, None),
        ("more than half of them", "more than half", "half", 0.5, n(0.5), INF, MoreThan, Ratio, None),
        ("a third of the city", "a third", "a third", 1.0 / 3.0, n(1.0 / 3.0), n(1.0 / 3.0), Exact, Ratio, None),
        ("two-thirds of Syria", "two-thirds", "two-thirds", 2.0 / 3.0, n(2.0 / 3.0), n(2.0 / 3.0), Exact, Ratio, None),
        ("half a million people", "half a million", "half a million", 5e5, n(5e5), n(5e5), Exact, Count, None),
        ("more than a quarter of a million people", "more than a quarter of a million", "a quarter of a million", 250000.0, n(250001.0), INF, MoreThan, Count, None),
        ("half a dozen men", "half a dozen", "half a dozen", 6.0, n(6.0), n(6.0), Vague, Count, None),
    ];
    check_rows(rows);
}

#[test]
fn numerals_in_text() {
    let n = |v: f64| Some(v);
    #[rustfmt::skip]
    let rows: &[Row] = &[
        ("1,300 people", "1,300", "1,300", 1300.0, n(1300.0), n(1300.0), Exact, Count, None),
        ("1 300 people", "1 300", "1 300", 1300.0, n(1300.0), n(1300.0), Exact, Count, None),
        ("1\u{2009}300 people", "1\u{2009}300", "1\u{2009}300", 1300.0, n(1300.0), n(1300.0), Exact, Count, None),
        ("1\u{a0}300 people", "1\u{a0}300", "1\u{a0}300", 1300.0, n(1300.0), n(1300.0), Exact, Count, None),
        ("more than 280000 people", "more than 280000", "280000", 280000.0, n(280001.0), INF, MoreThan, Count, None),
        ("killed 375.", "375", "375", 375.0, n(375.0), n(375.0), Exact, Count, None),
        ("2.5 people", "2.5", "2.5", 2.5, n(2.5), n(2.5), Exact, Count, None),
        ("thirty-eight militants", "thirty-eight", "thirty-eight", 38.0, n(38.0), n(38.0), Exact, Count, None),
        ("thirty eight militants", "thirty eight", "thirty eight", 38.0, n(38.0), n(38.0), Exact, Count, None),
        ("a hundred and five men", "a hundred and five", "a hundred and five", 105.0, n(105.0), n(105.0), Exact, Count, None),
        ("one million two hundred thousand", "one million two hundred thousand", "one million two hundred thousand", 1.2e6, n(1.2e6), n(1.2e6), Exact, Count, None),
        ("twelve hundred men", "twelve hundred", "twelve hundred", 1200.0, n(1200.0), n(1200.0), Exact, Count, None),
        ("1.5 million people", "1.5 million", "1.5 million", 1.5e6, n(1.5e6), n(1.5e6), Exact, Count, None),
        ("2bn people", "2bn", "2bn", 2e9, n(2e9), n(2e9), Exact, Count, None),
        ("10k people", "10k", "10k", 1e4, n(1e4), n(1e4), Exact, Count, None),
        ("one person was killed", "one", "one", 1.0, n(1.0), n(1.0), Exact, Count, None),
        ("one civilian died", "one", "one", 1.0, n(1.0), n(1.0), Exact, Count, None),
        ("they killed one.", "one", "one", 1.0, n(1.0), n(1.0), Exact, Count, None),
        ("killed 2014 people", "2014", "2014", 2014.0, n(2014.0), n(2014.0), Exact, Count, None),
        ("more than 2000 people", "more than 2000", "2000", 2000.0, n(2001.0), INF, MoreThan, Count, None),
        ("Twenty-six people die", "Twenty-six", "Twenty-six", 26.0, n(26.0), n(26.0), Exact, Count, None),
        ("forty-five (45) men", "forty-five (45)", "forty-five", 45.0, n(45.0), n(45.0), Exact, Count, None),
    ];
    check_rows(rows);
}

#[test]
fn the_examples_of_the_seeds() {
    let text = "The coalition carried out more than 700 US-led air strikes, and tens of \
                thousands of locals fled; IS holds 70 percent of Ayn al-Islam. Some 350 \
                people including 120 IS fighters left. 38 militants and three SDF fighters \
                died in a four-year campaign.";
    let phrases: Vec<&str> = find_quantities(text)
        .iter()
        .map(|m| &text[m.start..m.end])
        .collect();
    assert_eq!(
        phrases,
        [
            "more than 700",
            "tens of thousands",
            "70 percent",
            "Some 350",
            "120",
            "38",
            "three",
            "four-year"
        ]
    );
}

/// Texts in which nothing is a claim.
#[test]
fn not_claims() {
    let texts = [
        "on January 30 it rained",
        "on 30 January it rained",
        "on Jan. 30 it rained",
        "on 4/5/2017 it rained",
        "on 2017-04-05 it rained",
        "Wed 05 Apr 2017",
        "April 5 2017",
        "Jun 182016",
        "in 2014 it rained",
        "since 2011",
        "in mid-September 2014",
        "2014 riots broke out",
        "jailed over deadly 2014 riots",
        "the battle has been a costly one.",
        "the 2013-14 season",
        "the 2016 election",
        "the 2011-2014 period",
        "from 2011 to 2014",
        "in the 1990s",
        "at 6:30",
        "BEIRUT at 0914 GMT",
        "at 2 pm",
        "at 10 a.m. on",
        "at 2pm and 2.17pm",
        "Middle East 1735 15.04.2017(updated 2033 15.04.2017)",
        "resolution 2254",
        "F-16 jets",
        "Su-22 and MiG-29 jets",
        "COVID-19 cases",
        "Route 66",
        "an A320",
        "call 555-1234",
        "+1-222-2222-2222",
        "No. 5",
        "Article 5 says",
        "Photo 3 of 12",
        "resolutions 2118 2209 and 2235",
        "the third attack",
        "the 21st century",
        "the 1st division",
        "the one who came",
        "one of the victims",
        "no one died",
        "they met one another",
        "one day he came",
        "G20 summit",
        "a 4x4 car",
        "the first half of 2014",
        "few survived",
        "a 20-member team",
        "a one-sided match",
        "a 3-0 win",
        "We produced nothing in 2013-14.",
        "I arrived at 2.13 am.",
        "between 11.30 and 12.00 local time",
        "between 21 and 26 of September",
        "quite a few",
        "see www.example.com/page/123",
        "the 24/7 service",
        "a couple who married",
    ];
    for t in texts {
        let ms = find_quantities(t);
        assert!(ms.is_empty(), "{t:?}: {ms:?}");
    }
}

/// Non-claims next to claims: only the claims are found.
#[test]
fn not_claims_beside_claims() {
    let cases: &[(&str, &[&str])] = &[
        ("On January 30, 2015, 38 people died", &["38"]),
        (
            "Sat 24 Aug 2013 BEIRUT At least 15 people",
            &["At least 15"],
        ),
        ("In 1988 3000 to 5000 Kurds were gassed", &["3000 to 5000"]),
        ("rose from 20 to 50 people", &["20", "50"]),
        ("Rises to 11 44 Injured", &["11", "44"]),
        ("nearly 200 000 civilians", &["nearly 200 000"]),
        ("101 102 and 103", &["101", "102", "103"]),
        ("in 2011 to 1.5 million this year", &["1.5 million"]),
        ("Ahmed 24 said", &["24"]),
        ("Photo 3 of 12 shows 5 men", &["5"]),
    ];
    for &(t, want) in cases {
        let got: Vec<&str> = find_quantities(t)
            .iter()
            .map(|m| &t[m.start..m.end])
            .collect();
        assert_eq!(got, want, "{t:?}");
    }
    // "Ahmed 24 said": an age, not a count
    let m = &find_quantities("Ahmed 24 said")[0];
    assert_eq!((m.kind, m.unit.as_deref()), (Measure, Some("year")));
}

#[test]
fn words_and_flags() {
    let t = "three SDF fighters and 38 militants";
    let ms = find_quantities(t);
    assert!(ms[0].is_word && !ms[1].is_word);
    // spans are byte offsets into the text given, multibyte characters included
    let t = "\u{201c}Killed\u{201d} \u{2014} 38 people \u{2014} \u{20ac}5";
    let ms = find_quantities(t);
    assert_eq!(&t[ms[0].start..ms[0].end], "38");
    assert_eq!(&t[ms[1].start..ms[1].end], "\u{20ac}5");
}

#[test]
fn long_tokens_and_long_texts() {
    // a URL longer than any window of the shape checks is skipped whole
    let t = "see https://example.com/2017/04/05/syria-attack-kills-70-people-in-aleppo-\
             and-injures-many-more-in-the-city-of-aleppo-today 5 dead";
    let got: Vec<&str> = find_quantities(t)
        .iter()
        .map(|m| &t[m.start..m.end])
        .collect();
    assert_eq!(got, ["5"]);
    // one pass over long runs of anchors
    assert_eq!(find_quantities(&"1,".repeat(20_000)).len(), 20_000);
    assert_eq!(find_quantities(&"5 ".repeat(20_000)).len(), 20_000);
    assert!(find_quantities(&"2014 ".repeat(20_000)).is_empty());
    assert!(find_quantities(&"9".repeat(100_000)).is_empty());
}

#[test]
fn the_pre_scan_finds_each_kind_of_anchor() {
    // text, where the scan starts, the anchor found
    type Case = (&'static str, usize, Option<(usize, Anchor)>);
    let cases: &[Case] = &[
        ("killed 38 people", 0, Some((7, Anchor::Digit))),
        ("killed Thirty people", 0, Some((7, Anchor::Word(13)))),
        ("the others", 0, None),
        // a word starts where the scan starts, even inside a longer one
        ("atten", 2, Some((2, Anchor::Word(5)))),
        ("fivefold", 0, None),
        // a word glued to digits is not one
        ("5dozen and dozen", 0, Some((0, Anchor::Digit))),
        ("5dozen and dozen", 1, Some((11, Anchor::Word(16)))),
        ("a .5 share", 0, Some((2, Anchor::Digit))),
        ("v.5 and x", 0, Some((2, Anchor::Digit))),
        ("pay $5", 0, Some((4, Anchor::Sign(5)))),
        ("caf\u{e9} \u{a3}5", 0, Some((6, Anchor::Sign(8)))),
        ("caf\u{e9} \u{bd} cup", 0, Some((6, Anchor::Sign(8)))),
        (
            "\u{e9}\u{e9}\u{e9}\u{e9}hundred",
            0,
            Some((8, Anchor::Word(15))),
        ),
        ("thousandsandthousands", 0, None),
        ("a fortyish crowd", 0, None),
        ("", 0, None),
    ];
    for &(text, from, want) in cases {
        assert_eq!(next_anchor(text, from), want, "{text:?} from {from}");
    }
}

#[test]
fn the_eight_byte_pre_scan_reads_as_the_bytewise_one() {
    // every kind of anchor and near miss, long enough for the eight-byte reading,
    // scanned from every character boundary
    let texts = [
        "They killed Thirty-eight people and wounded hundreds more in three attacks.",
        "thousandsandthousands of HUNDREDTHS, a fortyish crowd; Seventeen 5dozen dozen",
        "caf\u{e9} costs \u{a3}5 or \u{20ac}4.50, \u{bd} cup, .5 share, v.5 and $3 to x",
        "extraordinarily incomprehensibilities seventeenth seventeen fourteen ",
        "\u{e9}\u{e9}\u{e9}\u{e9}hundred one two\tthree\nfour  five,six.seven'eight",
    ];
    for text in texts {
        for from in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
            assert_eq!(
                next_anchor(text, from),
                next_anchor_bytes(text, from),
                "{text:?} from {from}"
            );
        }
    }
}

#[test]
fn packed_anchor_words_are_the_anchor_word_set() {
    let mut probes: Vec<String> = Vec::new();
    for w in ANCHOR_WORDS {
        let upper = w.to_ascii_uppercase();
        let title = format!("{}{}", &upper[..1], &w[1..]);
        for v in [w.to_string(), upper, title] {
            probes.push(format!("{v}s"));
            probes.push(v[..v.len() - 1].to_string());
            probes.push(v);
        }
    }
    for w in [
        "the",
        "that",
        "people",
        "extraordinary",
        "seventeenth",
        "onetwothree",
    ] {
        probes.push(w.to_string());
    }
    for p in probes.iter().filter(|p| !p.is_empty() && p.len() <= 15) {
        let b = p.as_bytes();
        let mut buf = [b' '; 16];
        buf[..b.len()].copy_from_slice(b);
        let x = u64::from_le_bytes(buf[..8].try_into().unwrap());
        let y = u64::from_le_bytes(buf[8..].try_into().unwrap());
        let got = if b.len() < 8 {
            PACKED_ANCHORS.contains_short(x, b.len())
        } else {
            PACKED_ANCHORS.contains_long(x, y, b.len() - 8)
        };
        assert_eq!(got, ANCHORS.contains_letters(b), "{p:?}");
    }
}

#[test]
fn the_grammar_s_anchor_test_is_the_anchor_word_set() {
    let mut words: Vec<String> = Vec::new();
    for w in ANCHOR_WORDS.iter().chain(CORE_OPENERS).chain(STARTER_WORDS) {
        let upper = w.to_ascii_uppercase();
        for v in [w.to_string(), upper] {
            words.push(format!("{v}s"));
            words.push(v[..v.len() - 1].to_string());
            words.push(v);
        }
    }
    for w in words.iter().filter(|w| !w.is_empty()) {
        // short and long texts: the eight-byte reading needs eight bytes
        for tail in ["", " ", ".", " of people", "-year-old men"] {
            let text = format!("{w}{tail}");
            let b = text.as_bytes();
            let n = letter_run(b);
            assert_eq!(
                anchor_word(b, n),
                ANCHORS.contains_letters(&b[..n]),
                "{text:?}"
            );
        }
    }
}

#[test]
fn starts_before_an_anchor() {
    // text, anchor, where phrases may start (farthest first)
    let cases: &[(&str, &str, &[&str])] = &[
        ("killed 38", "38", &["38"]),
        ("killed more than 38", "38", &["more than 38", "38"]),
        (
            "at least some 38",
            "38",
            &["at least some 38", "some 38", "38"],
        ),
        ("a total of - 38", "38", &["a total of - 38", "38"]),
        ("over\u{a0}. 38", "38", &["over\u{a0}. 38", "38"]),
        ("up, to 38", "38", &["38"]),
        ("well -5", "5", &["well -5", "-5", "5"]),
        ("x-5", "5", &["5"]),
        ("well \u{2212}5", "5", &["well \u{2212}5", "\u{2212}5", "5"]),
        ("(\u{2212}5", "5", &["\u{2212}5", "5"]),
        ("x\u{2212}5", "5", &["5"]),
        ("US$5", "$", &["US$5", "$5"]),
        ("aUS$5", "$", &["$5"]),
    ];
    for &(text, anchor, want) in cases {
        let a = text.rfind(anchor).unwrap_or(0);
        let (starts, n) = candidate_starts(text, a, 0, false);
        let got: Vec<&str> = starts[..n].iter().map(|&s| &text[s..]).collect();
        assert_eq!(got, want, "{text:?}");
    }
}

#[test]
fn anchor_and_starter_lists_are_sorted() {
    type Contains = fn(&[u8]) -> bool;
    let sets: [(&[&str], Contains); 3] = [
        (ANCHOR_WORDS, |w| ANCHORS.contains(w)),
        (STARTER_WORDS, |w| STARTERS.contains(w)),
        (CORE_OPENERS, |w| OPENERS.contains(w)),
    ];
    for (list, contains) in sets {
        assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        for w in list {
            assert!(contains(w.as_bytes()), "{w}");
            assert!(contains(w.to_uppercase().as_bytes()), "{w}");
        }
    }
    assert!(!ANCHORS.contains(b"the") && !ANCHORS.contains(b"and"));
    assert!(ANCHORS.contains(b"Thirty"));
}

// ---------------------------------------------------------------------------------
// Properties

const UNITS: [&str; 20] = [
    "zero",
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
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Below one hundred in words, tens and units joined by `join` ("-" or " ").
fn below_hundred(n: u64, join: &str) -> String {
    let n = n as usize;
    if n < 20 {
        UNITS[n].to_string()
    } else if n.is_multiple_of(10) {
        TENS[n / 10].to_string()
    } else {
        format!("{}{join}{}", TENS[n / 10], UNITS[n % 10])
    }
}

/// Below one thousand in words, with "and" after "hundred" when `and`.
fn below_thousand(n: u64, and: bool, join: &str) -> String {
    let (h, r) = (n / 100, n % 100);
    match (h, r) {
        (0, _) => below_hundred(r, join),
        (_, 0) => format!("{} hundred", UNITS[h as usize]),
        _ => format!(
            "{} hundred {}{}",
            UNITS[h as usize],
            if and { "and " } else { "" },
            below_hundred(r, join)
        ),
    }
}

/// Any integer below 10^12 in English words, British ("and") or American style.
fn to_words(n: u64, and: bool, join: &str) -> String {
    if n == 0 {
        return "zero".to_string();
    }
    let mut parts = Vec::new();
    let mut rest = n;
    for (scale, name) in [
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1000, "thousand"),
    ] {
        let q = rest / scale;
        if q > 0 {
            parts.push(format!("{} {name}", below_thousand(q, and, join)));
        }
        rest %= scale;
    }
    if rest > 0 {
        if and && !parts.is_empty() && rest < 100 {
            parts.push("and".to_string());
        }
        parts.push(below_thousand(rest, and, join));
    }
    parts.join(" ")
}

/// Digits grouped by `sep` every three from the right.
fn grouped(n: u64, sep: &str) -> String {
    let s = n.to_string();
    let first = s.len() % 3;
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (k + 3 - first).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// Whether recount reads a plain space as a thousands separator in this grouping
/// (see [`digits`](crate::extract::numeral)): first group of one or two digits, a
/// group starting with 0, or two groups or more.
fn plain_space_ok(s: &str) -> bool {
    let groups: Vec<&str> = s.split(' ').collect();
    groups.len() == 1
        || groups[0].len() <= 2
        || groups.len() >= 3
        || groups[1..].iter().any(|g| g.starts_with('0'))
}

proptest! {
    #[test]
    fn every_integer_in_words_parses_back(n in 0u64..1_000_000_000_000, and in any::<bool>(), hyphen in any::<bool>()) {
        let w = to_words(n, and, if hyphen { "-" } else { " " });
        prop_assert_eq!(parse_number(&w), Some(n as f64), "{}", w);
        // the same words found in a sentence, as one phrase
        let text = format!("They counted {w} people.");
        let ms = find_quantities(&text);
        prop_assert_eq!(ms.len(), 1, "{}", text);
        prop_assert_eq!(ms[0].value, n as f64);
    }

    #[test]
    fn digits_with_any_valid_grouping_parse_back(n in 0u64..1_000_000_000_000, sep in 0usize..6) {
        let seps = [",", "", "\u{2009}", "\u{202f}", "\u{a0}", " "];
        let s = grouped(n, seps[sep]);
        prop_assume!(sep != 5 || plain_space_ok(&s));
        prop_assert_eq!(parse_number(&s), Some(n as f64), "{}", s);
    }

    #[test]
    fn intervals_are_ordered(text in "([ a-z,.%$-]|more than |at least |nearly |about |between | and | to | or |dozens|several|half|one|two|thirty-eight|hundred|thousand|million|[0-9]{1,5}|1,300|\\.5|-){0,24}") {
        for m in find_quantities(&text) {
            if let (Some(l), Some(h)) = (m.low, m.high) {
                prop_assert!(l <= h, "{}: {:?}", text, m);
            }
            prop_assert!(m.start <= m.num_start && m.num_start <= m.num_end && m.num_end <= m.end);
            prop_assert!(m.value.is_finite());
        }
    }

    #[test]
    fn the_eight_byte_pre_scan_agrees_with_the_bytewise_one(
        text in "(one|Two|THREE|hundreds|thousand|seventeen|Hundredths|thousands|tens|fifth|half|a|the|people|extraordinarily|[a-zA-Z]{1,18}|[0-9]{1,3}|[ ,.$'\n]|\u{a3}|\u{bd}|\u{e9}|\u{2019}){0,30}",
        cut in 0usize..64,
    ) {
        let from = (0..=cut.min(text.len())).rev().find(|&k| text.is_char_boundary(k)).unwrap_or(0);
        prop_assert_eq!(next_anchor(&text, from), next_anchor_bytes(&text, from), "{:?} from {}", text, from);
    }

    #[test]
    fn never_panics_on_any_text(text in any::<String>()) {
        for m in find_quantities(&text) {
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }

    #[test]
    fn never_panics_with_multibyte_next_to_digits(text in "([0-9]|[\u{a0}\u{2009}\u{202f}\u{212a}\u{b2}\u{bd}\u{20ac}\u{a3}\u{2013}\u{2212}\u{663}\u{1f600}é]|km|k|m|bn|,|\\.| |-|%|\\$|one|half|a|of){0,30}") {
        for m in find_quantities(&text) {
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert!(text.is_char_boundary(m.num_start) && text.is_char_boundary(m.num_end));
            if let (Some(l), Some(h)) = (m.low, m.high) {
                prop_assert!(l <= h, "{}: {:?}", text, m);
            }
        }
    }
}
