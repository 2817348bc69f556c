//! `recount check`: the planted contradictions of `examples/`, the seed articles kept
//! apart, and findings on real FA-KES clusters.

use crate::common::{self, code, run, stdout};
use crate::snap;
use serde_json::Value;
use std::collections::BTreeSet;

fn findings(args: &[&str]) -> (i32, Vec<Value>) {
    let o = run(args);
    let fs = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    (code(&o), fs)
}

#[test]
fn examples_show_each_planted_contradiction_and_nothing_else() {
    let (code, fs) = findings(&["check", "examples/", "--format", "jsonl"]);
    assert_eq!(code, 1, "errors fail the run");
    let got: BTreeSet<(String, BTreeSet<String>)> = fs
        .iter()
        .map(|f| {
            let docs = f["claims"]
                .as_array()
                .expect("claims")
                .iter()
                .map(|c| c["doc"].as_str().unwrap_or_default().to_string())
                .collect();
            (f["rule"].as_str().unwrap_or_default().to_string(), docs)
        })
        .collect();
    let want: BTreeSet<(String, BTreeSet<String>)> = [
        (
            "casualties/toll-disagreement",
            &[
                "examples/01-northern-courier-dar-sabil.md",
                "examples/02-meridian-wire-dar-sabil.md",
            ][..],
        ),
        (
            "general/part-exceeds-whole",
            &["examples/04-valley-herald-wadi-keram.md"][..],
        ),
        (
            "military/strikes-tally-falls",
            &[
                "examples/04-valley-herald-wadi-keram.md",
                "examples/05-plains-daily-wadi-keram.md",
            ][..],
        ),
        (
            "general/parts-exceed-total",
            &["examples/06-frontier-times-tel-hamra.md"][..],
        ),
        (
            "general/percent-over-100",
            &["examples/07-meridian-wire-wadi-keram-vote.md"][..],
        ),
    ]
    .into_iter()
    .map(|(r, ds)| (r.to_string(), ds.iter().map(|d| d.to_string()).collect()))
    .collect();
    assert_eq!(got, want);
    // Every finding shows its evidence: each claim with its sentence and position.
    for f in &fs {
        assert!(!f["reason"].as_str().unwrap_or_default().is_empty());
        for c in f["claims"].as_array().expect("claims") {
            let sentence = c["sentence"].as_str().unwrap_or_default();
            assert!(
                sentence.contains(c["text"].as_str().unwrap_or("\u{0}")),
                "{c}"
            );
            assert!(c["line"].as_u64().unwrap_or(0) >= 1);
        }
    }
}

#[test]
fn fail_on_sets_the_exit_code() {
    assert_eq!(
        run(&["check", "examples/", "--fail-on", "never"])
            .status
            .code(),
        Some(0)
    );
    // The unrelated budget story alone is clean.
    let o = run(&["check", "examples/08-lakeside-post-millbrook-budget.txt"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("0 findings"));
}

#[test]
fn seed_articles_are_never_mixed() {
    if common::shared("seed_articles_are_never_mixed").is_none() {
        return;
    }
    let (_, fs) = findings(&["check", "../shared/corpora/seeds", "--format", "jsonl"]);
    for f in &fs {
        let docs: BTreeSet<&str> = f["claims"]
            .as_array()
            .expect("claims")
            .iter()
            .filter_map(|c| c["doc"].as_str())
            .collect();
        assert_eq!(docs.len(), 1, "a finding mixes the two seed articles: {f}");
    }
}

/// Findings of the whole FA-KES corpus that involve a few documents of the gold
/// clusters, as the user reads them.
#[test]
fn fakes_cluster_snapshots() {
    if common::shared("fakes_cluster_snapshots").is_none() {
        return;
    }
    let (code, fs) = findings(&[
        "check",
        "../shared/corpora/fa-kes/FA-KES-Dataset.csv",
        "--format",
        "jsonl",
    ]);
    assert_eq!(code, 1);
    // Khan Sheikhoun (4/5/2017), the Rashidin convoy (4/15/2017), Qasr el-Breij
    // (7/22/2015).
    for (name, docs) in [
        (
            "khan_sheikhoun",
            &["1914947530", "1918150026", "1923848144", "1926479327"][..],
        ),
        (
            "rashidin_convoy",
            &[
                "1919191772",
                "1923848128",
                "1923848129",
                "1926479330",
                "1965495376",
            ][..],
        ),
        (
            "qasr_el_breij",
            &["1923848183", "1926478915", "1926479096"][..],
        ),
    ] {
        let mut lines = Vec::new();
        for f in &fs {
            let cs = f["claims"].as_array().expect("claims");
            if !cs
                .iter()
                .any(|c| docs.contains(&c["doc"].as_str().unwrap_or_default()))
            {
                continue;
            }
            lines.push(format!("{} {}: {}", f["severity"], f["rule"], f["message"]));
            lines.push(format!("  {}", f["reason"]));
            for c in cs {
                lines.push(format!(
                    "  {} {} {}:{}: {}",
                    c["role"], c["doc"], c["line"], c["column"], c["text"]
                ));
            }
        }
        snap!(format!("fakes_{name}"), lines.join("\n"));
    }
}
