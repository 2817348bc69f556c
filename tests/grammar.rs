//! The quantity grammar on real articles: the FA-KES development gold (every gold
//! claim's interval is found; dates, years, times and identifiers are not reported;
//! ages and durations are never counts) and the phrases of the two seed articles.

use crate::common;
use recount::extract::quantity_phrase::{QuantityMatch, find_quantities};
use recount::quantity::{Kind, Qualifier};
use serde_json::Value;
use std::collections::HashMap;

/// FA-KES articles by unit id: (title, content).
fn fakes_articles(shared: &std::path::Path) -> HashMap<String, (String, String)> {
    let path = shared.join("corpora/fa-kes/FA-KES-Dataset.csv");
    let mut rdr =
        csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = rdr.headers().expect("FA-KES has a header").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
    };
    let (id, title, body) = (
        col("unit_id").expect("unit_id column"),
        col("article_title").expect("article_title column"),
        col("article_content").expect("article_content column"),
    );
    rdr.records()
        .filter_map(Result::ok)
        .map(|r| {
            (
                r[id].to_string(),
                (r[title].to_string(), r[body].to_string()),
            )
        })
        .collect()
}

fn bound(v: &Value) -> Option<f64> {
    v.as_f64()
}

#[test]
fn fakes_dev_gold_quantities() {
    let Some(shared) = common::shared("grammar::fakes_dev_gold_quantities") else {
        return;
    };
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join("gold/fakes-dev.json")).expect("gold file"),
    )
    .expect("gold JSON");
    let articles = fakes_articles(&shared);
    let (mut found, mut claims, mut rejected, mut distractors) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for cluster in gold.as_array().into_iter().flatten() {
        for a in cluster["articles"].as_array().into_iter().flatten() {
            let id = a["unit_id"].as_str().unwrap_or_default();
            let Some((title, body)) = articles.get(id) else {
                misses.push(format!("article {id} not in the corpus"));
                continue;
            };
            let (qt, qb) = (find_quantities(title), find_quantities(body));
            let section = |w: &str| -> (&str, &[QuantityMatch]) {
                if w == "title" {
                    (title, &qt)
                } else {
                    (body, &qb)
                }
            };
            for c in a["claims"].as_array().into_iter().flatten() {
                let (text, qs) = section(c["where"].as_str().unwrap_or("body"));
                let surface = c["surface"].as_str().unwrap_or_default();
                let start = c["char_offset"].as_u64().unwrap_or(0) as usize;
                let end = start + surface.len();
                let iv = &c["interval"];
                let want = (bound(&iv[0]), bound(&iv[1]));
                claims += 1;
                match qs.iter().find(|q| q.start < end && q.end > start) {
                    Some(q) if (q.low, q.high) == want => found += 1,
                    Some(q) => misses.push(format!(
                        "{surface:?}: {:?} is {:?}, gold {want:?}",
                        &text[q.start..q.end],
                        (q.low, q.high)
                    )),
                    None => misses.push(format!("{surface:?} at {start}: not found")),
                }
            }
            for d in a["distractors"].as_array().into_iter().flatten() {
                let reason = d["reason"].as_str().unwrap_or_default();
                let surface = d["surface"].as_str().unwrap_or_default();
                let never = ["date", "year", "time", "id"].contains(&reason);
                if !never && !["age", "duration"].contains(&reason) {
                    continue;
                }
                for (text, qs) in [(title.as_str(), &qt), (body.as_str(), &qb)] {
                    for (start, _) in text.match_indices(surface) {
                        let end = start + surface.len();
                        distractors += 1;
                        let wrong = qs.iter().find(|q| {
                            q.start < end && q.end > start && (never || q.kind == Kind::Count)
                        });
                        match wrong {
                            Some(q) => misses.push(format!(
                                "{reason} {surface:?} reported as {:?} ({})",
                                &text[q.start..q.end],
                                q.kind
                            )),
                            None => rejected += 1,
                        }
                    }
                }
            }
        }
    }
    println!(
        "FA-KES dev gold: {found}/{claims} claims found, {rejected}/{distractors} distractors set aside"
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(claims > 100 && distractors > 50);
    assert!(
        found as f64 >= 0.95 * claims as f64,
        "claims found: {found}/{claims}"
    );
    assert!(
        rejected as f64 >= 0.95 * distractors as f64,
        "distractors set aside: {rejected}/{distractors}"
    );
}

/// The phrase at `phrase` in `text`, which must be reported.
fn phrase<'a>(text: &str, qs: &'a [QuantityMatch], phrase: &str) -> &'a QuantityMatch {
    qs.iter()
        .find(|q| &text[q.start..q.end] == phrase)
        .unwrap_or_else(|| panic!("{phrase:?} not found"))
}

#[test]
fn seed_articles() {
    let Some(shared) = common::shared("grammar::seed_articles") else {
        return;
    };
    let read = |name: &str| {
        std::fs::read_to_string(shared.join("corpora/seeds").join(name)).expect("seed article")
    };
    let inf = None;
    let kobani = read("000_464410364c3b3a82.txt");
    let qs = find_quantities(&kobani);
    type Bounds = (Option<f64>, Option<f64>);
    let expect: &[(&str, Bounds, Qualifier, Kind)] = &[
        (
            "more than 700",
            (Some(701.0), inf),
            Qualifier::MoreThan,
            Kind::Count,
        ),
        (
            "more than 280",
            (Some(281.0), inf),
            Qualifier::MoreThan,
            Kind::Count,
        ),
        (
            "nearly 100",
            (Some(90.0), Some(99.0)),
            Qualifier::Nearly,
            Kind::Count,
        ),
        (
            "more than 60",
            (Some(61.0), inf),
            Qualifier::MoreThan,
            Kind::Count,
        ),
        (
            "more than 70 percent",
            (Some(70.0), inf),
            Qualifier::MoreThan,
            Kind::Percent,
        ),
        (
            "tens of thousands",
            (Some(20000.0), Some(99999.0)),
            Qualifier::Vague,
            Kind::Count,
        ),
    ];
    for &(p, (lo, hi), q, kind) in expect {
        let m = phrase(&kobani, &qs, p);
        assert_eq!(
            (m.low, m.high, m.qualifier, m.kind),
            (lo, hi, q, kind),
            "{p:?}"
        );
    }
    // "(January 30)" is a date, "a costly one" a pronoun
    assert!(
        !qs.iter()
            .any(|q| kobani[q.start..q.end].contains("30") && q.value == 30.0)
    );
    assert!(!qs.iter().any(|q| &kobani[q.start..q.end] == "one"));

    let baghouz = read("003_dda9031f299dab43.txt");
    let qs = find_quantities(&baghouz);
    let expect: &[(&str, Bounds, Kind, Option<&str>)] = &[
        ("38", (Some(38.0), Some(38.0)), Kind::Count, None),
        ("three", (Some(3.0), Some(3.0)), Kind::Count, None),
        ("some 350", (Some(315.0), Some(385.0)), Kind::Count, None),
        ("120", (Some(120.0), Some(120.0)), Kind::Count, None),
        (
            "minute-and-a half",
            (Some(1.5), Some(1.5)),
            Kind::Measure,
            Some("minute"),
        ),
        (
            "four-year",
            (Some(4.0), Some(4.0)),
            Kind::Measure,
            Some("year"),
        ),
        (
            "170 years",
            (Some(170.0), Some(170.0)),
            Kind::Measure,
            Some("year"),
        ),
        ("263", (Some(263.0), Some(263.0)), Kind::Count, None),
        ("more than 100", (Some(101.0), inf), Kind::Count, None),
    ];
    for &(p, (lo, hi), kind, unit) in expect {
        let m = phrase(&baghouz, &qs, p);
        assert_eq!(
            (m.low, m.high, m.kind, m.unit.as_deref()),
            (lo, hi, kind, unit),
            "{p:?}"
        );
    }
}
