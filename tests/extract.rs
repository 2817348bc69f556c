//! `recount extract`: the seed articles read as a journalist would, `--text`, and the
//! output formats.

use crate::common::{self, code, run, stdout};
use crate::snap;
use serde_json::Value;

fn claims_of(args: &[&str]) -> Vec<Value> {
    let o = run(args);
    assert_eq!(code(&o), 0, "{}", common::stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn find<'a>(claims: &'a [Value], text: &str) -> &'a Value {
    claims
        .iter()
        .find(|c| c["text"].as_str().is_some_and(|t| t.contains(text)))
        .unwrap_or_else(|| panic!("no claim with {text:?}"))
}

fn interval(c: &Value) -> (Option<f64>, Option<f64>) {
    (c["low"].as_f64(), c["high"].as_f64())
}

const KOBANI: &str = "../shared/corpora/seeds/000_464410364c3b3a82.txt";
const BAGHOUZ: &str = "../shared/corpora/seeds/003_dda9031f299dab43.txt";

#[test]
fn kobani_seed_read_as_a_journalist_would() {
    if common::shared("kobani_seed").is_none() {
        return;
    }
    let cs = claims_of(&["extract", KOBANI, "--format", "jsonl"]);
    let strikes = find(&cs, "more than 700 US-led air strikes");
    assert_eq!(interval(strikes), (Some(701.0), None));
    assert_eq!(strikes["unit"], "air strike");
    assert_eq!(strikes["concept"], "strikes");
    assert_eq!(strikes["qualifier"], "more_than");
    let buildings = find(&cs, "nearly 100 buildings");
    assert_eq!(interval(buildings), (Some(90.0), Some(99.0)));
    let locals = find(&cs, "tens of thousands of locals");
    assert_eq!(interval(locals), (Some(20000.0), Some(99999.0)));
    assert_eq!(locals["concept"], "displaced");
    let positions = find(&cs, "more than 280 ISIL fighting positions");
    assert_eq!(interval(positions), (Some(281.0), None));
    let percent = find(&cs, "more than 70 percent");
    assert_eq!(percent["kind"], "percent");
    let vehicles = find(&cs, "more than 60 technical vehicles");
    assert_eq!(interval(vehicles), (Some(61.0), None));
    // Dates and years are not claims.
    for c in &cs {
        let t = c["text"].as_str().unwrap_or_default();
        assert!(
            !t.contains("January") && !t.contains("2014"),
            "date read as claim: {t}"
        );
        if t.contains("70 percent") {
            continue;
        }
    }
}

#[test]
fn baghouz_seed_read_as_a_journalist_would() {
    if common::shared("baghouz_seed").is_none() {
        return;
    }
    let cs = claims_of(&["extract", BAGHOUZ, "--format", "jsonl"]);
    let militants = find(&cs, "38 militants");
    let sdf = find(&cs, "three SDF fighters");
    assert_eq!(militants["concept"], "killed");
    assert_eq!(sdf["concept"], "killed");
    assert_eq!(interval(sdf), (Some(3.0), Some(3.0)));
    assert!(militants["group"].is_string());
    assert_eq!(militants["group"], sdf["group"]);
    let people = find(&cs, "some 350 people");
    assert_eq!(interval(people), (Some(315.0), Some(385.0)));
    let fighters = find(&cs, "120 IS fighters");
    assert_eq!(fighters["part_of"], people["id"]);
    assert_eq!(find(&cs, "scores of fighters")["concept"], "surrendered");
    assert_eq!(
        interval(find(&cs, "scores of fighters")),
        (Some(40.0), Some(99.0))
    );
    assert_eq!(
        interval(find(&cs, "thousands of civilians")),
        (Some(2000.0), Some(9999.0))
    );
    assert_eq!(
        interval(find(&cs, "hundreds of fighters")),
        (Some(200.0), Some(999.0))
    );
    // Durations are measures, never counts of people.
    for c in &cs {
        let t = c["text"].as_str().unwrap_or_default();
        if t.contains("four-year") || t.contains("170 years") || t.contains("minute") {
            assert_eq!(c["kind"], "measure", "{t}");
        }
    }
    assert!(
        cs.iter()
            .any(|c| c["text"].as_str().is_some_and(|t| t.contains("170 years"))),
        "170 years is kept as a measure"
    );
}

#[test]
fn seeds_snapshot() {
    if common::shared("seeds_snapshot").is_none() {
        return;
    }
    for (name, path) in [("kobani", KOBANI), ("baghouz", BAGHOUZ)] {
        let o = run(&["extract", path]);
        assert_eq!(code(&o), 0);
        snap!(format!("seed_{name}"), stdout(&o));
    }
}

#[test]
fn one_phrase_with_text() {
    let cs = claims_of(&[
        "extract",
        "--text",
        "More than a dozen civilians were killed on Tuesday.",
        "--format",
        "jsonl",
    ]);
    assert_eq!(cs.len(), 1);
    let c = &cs[0];
    assert_eq!(interval(c), (Some(13.0), None));
    assert_eq!(c["concept"], "killed");
    assert_eq!(c["subject"], "people.civilians");
    assert_eq!(c["predicate"], "killed");
}

#[test]
fn formats_agree() {
    let text = "A car bomb killed at least 16 people and wounded 40 others in Hasaka.";
    let jsonl = claims_of(&["extract", "--text", text, "--format", "jsonl"]);
    let o = run(&["extract", "--text", text, "--format", "json"]);
    let json: Vec<Value> = serde_json::from_str(&stdout(&o)).expect("a JSON array");
    assert_eq!(json, jsonl);
    let o = run(&["extract", "--text", text, "--format", "csv"]);
    let csv = stdout(&o);
    assert_eq!(csv.lines().count(), 1 + jsonl.len());
    assert!(csv.starts_with("id,doc,section,start,end,line,column,text,quantity,value,low,high"));
    snap!("text_table", stdout(&run(&["extract", "--text", text])));
}

#[test]
fn no_input_is_a_usage_error() {
    let o = run(&["extract"]);
    assert_eq!(code(&o), 2);
}
