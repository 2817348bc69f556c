//! Accuracy on the development gold set (`../shared/gold/fakes-dev.json`): claims found
//! with the exact interval, distractors rejected, and concepts assigned as annotated.
//! The measures are those of the gold README; the figures are printed and held to
//! floors so that a change that loses accuracy fails.

use crate::common;
use recount::claim::Claim;
use recount::corpus::{self, Document, Loaded, Section};
use recount::extract::Extractor;
use recount::quantity::Kind;
use serde_json::Value;
use std::collections::HashMap;

pub struct Gold {
    pub clusters: Vec<Value>,
    pub docs: HashMap<String, Document>,
}

/// The gold clusters and their FA-KES documents, or None when `../shared` is absent.
pub fn load_gold(test: &str) -> Option<Gold> {
    let shared = common::shared(test)?;
    let text = std::fs::read_to_string(shared.join("gold/fakes-dev.json")).ok()?;
    let clusters: Vec<Value> = serde_json::from_str(&text).expect("gold parses");
    let csv = shared.join("corpora/fa-kes/FA-KES-Dataset.csv");
    let mut docs = HashMap::new();
    for item in corpus::load(&[csv], &corpus::LoadOptions::default()) {
        if let Loaded::Document(d) = item {
            docs.insert(d.id.clone(), d);
        }
    }
    Some(Gold { clusters, docs })
}

fn bound(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn articles(g: &Gold) -> impl Iterator<Item = &Value> {
    g.clusters
        .iter()
        .flat_map(|c| c["articles"].as_array().into_iter().flatten())
}

fn overlaps(c: &Claim, section: Section, start: usize, end: usize) -> bool {
    c.section == section && c.start < end && start < c.end
}

#[derive(Debug, Default)]
pub struct Scores {
    pub claims: usize,
    pub found: usize,
    pub distractors: usize,
    pub rejected: usize,
    pub concept_total: usize,
    pub concept_right: usize,
}

pub fn score(g: &Gold, ex: &Extractor, verbose: bool) -> Scores {
    let mut s = Scores::default();
    for a in articles(g) {
        let id = a["unit_id"].as_str().unwrap_or_default();
        let Some(doc) = g.docs.get(id) else {
            panic!("gold article {id} is not in the corpus");
        };
        let claims = ex.extract(doc);
        for gc in a["claims"].as_array().into_iter().flatten() {
            let section = if gc["where"] == "title" {
                Section::Title
            } else {
                Section::Body
            };
            let surface = gc["surface"].as_str().unwrap_or_default();
            let start = gc["char_offset"].as_u64().unwrap_or(0) as usize;
            let end = start + surface.len();
            let iv = gc["interval"].as_array().expect("interval");
            let (lo, hi) = (bound(&iv[0]), bound(&iv[1]));
            s.claims += 1;
            let hit = claims
                .iter()
                .find(|c| overlaps(c, section, start, end) && c.low == lo && c.high == hi);
            if hit.is_some() {
                s.found += 1;
            } else if verbose {
                let near: Vec<String> = claims
                    .iter()
                    .filter(|c| overlaps(c, section, start, end))
                    .map(|c| format!("{:?} [{:?},{:?}]", c.text, c.low, c.high))
                    .collect();
                eprintln!(
                    "MISS {id} {surface:?} {lo:?}..{hi:?} got {near:?} | {}",
                    gc["quote"]
                );
            }
            let concept = gc["concept"].as_str().unwrap_or_default();
            if matches!(concept, "killed" | "wounded" | "strikes") {
                s.concept_total += 1;
                let got = claims
                    .iter()
                    .find(|c| overlaps(c, section, start, end))
                    .and_then(|c| c.concept.clone());
                if got.as_deref() == Some(concept) {
                    s.concept_right += 1;
                } else if verbose {
                    eprintln!(
                        "CONCEPT {id} {surface:?} want {concept} got {got:?} | {}",
                        gc["quote"]
                    );
                }
            }
        }
        for d in a["distractors"].as_array().into_iter().flatten() {
            let reason = d["reason"].as_str().unwrap_or_default();
            let not_claim = matches!(reason, "date" | "year" | "time" | "id");
            let not_count = matches!(reason, "age" | "duration");
            if !not_claim && !not_count {
                continue;
            }
            let surface = d["surface"].as_str().unwrap_or_default();
            for section in [Section::Title, Section::Body] {
                let text = doc.section(section);
                for (start, _) in text.match_indices(surface) {
                    let end = start + surface.len();
                    s.distractors += 1;
                    let bad = claims.iter().find(|c| {
                        overlaps(c, section, start, end) && (not_claim || c.kind == Kind::Count)
                    });
                    match bad {
                        None => s.rejected += 1,
                        Some(c) if verbose => {
                            eprintln!(
                                "DISTRACTOR {id} {reason} {surface:?} read as {:?} {:?}",
                                c.text, c.kind
                            )
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
    s
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

#[test]
fn extraction_accuracy_on_dev_gold() {
    let Some(g) = load_gold("extraction_accuracy_on_dev_gold") else {
        return;
    };
    let rules = recount::rules::load_rules(true, &[]).expect("default rules load");
    let ex = Extractor::new(rules.lexicon.clone());
    let verbose = std::env::var_os("RECOUNT_GOLD_VERBOSE").is_some();
    let s = score(&g, &ex, verbose);
    let found = pct(s.found, s.claims);
    let rejected = pct(s.rejected, s.distractors);
    let concept = pct(s.concept_right, s.concept_total);
    println!(
        "gold: claims found {}/{} ({found:.1}%), distractors rejected {}/{} ({rejected:.1}%), concepts {}/{} ({concept:.1}%)",
        s.found, s.claims, s.rejected, s.distractors, s.concept_right, s.concept_total
    );
    assert!(found >= 90.0, "claims found {found:.1}% < 90%");
    assert!(
        rejected >= 95.0,
        "distractors rejected {rejected:.1}% < 95%"
    );
    assert!(concept >= 90.0, "concepts {concept:.1}% < 90%");
}

/// Cross-source disagreements on the whole FA-KES corpus against the gold verdicts:
/// recall and precision over (cluster, concept) pairs, and findings that mix clusters.
pub struct CheckScores {
    pub gold: usize,
    pub reported: usize,
    pub right: usize,
    pub mixed: usize,
    pub missed: Vec<String>,
    pub wrong: Vec<String>,
}

pub fn score_check(g: &Gold) -> CheckScores {
    use recount::check::Finding;
    use recount::rules::CheckKind;
    use std::collections::{BTreeMap, BTreeSet};
    let rules = recount::rules::load_rules(true, &[]).expect("default rules load");
    let ex = Extractor::new(rules.lexicon.clone());
    let mut ids: Vec<&String> = g.docs.keys().collect();
    ids.sort();
    let claims: Vec<Claim> = ids.iter().flat_map(|id| ex.extract(&g.docs[*id])).collect();
    let findings: Vec<Finding> = recount::check::run(&rules, &claims);
    // A document's cluster is its (date, place), as the gold defines clusters.
    let cluster_of = |doc: &str| -> Option<(String, String)> {
        let d = g.docs.get(doc)?;
        Some((d.date?.to_string(), d.place.clone()?.to_lowercase()))
    };
    let mut gold_clusters: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut gold_disagree: BTreeSet<(u64, String)> = BTreeSet::new();
    for c in &g.clusters {
        let rank = c["cluster_rank"].as_u64().unwrap_or(0);
        let date = c["date"].as_str().unwrap_or_default();
        let date = recount::date::parse_date(date, Some(recount::date::DateOrder::Mdy))
            .map(|d| d.to_string())
            .unwrap_or_default();
        let place = c["location"].as_str().unwrap_or_default().to_lowercase();
        gold_clusters.insert((date, place), rank);
        for v in c["verdicts"].as_array().into_iter().flatten() {
            if v["status"] == "disagree" {
                gold_disagree.insert((rank, v["concept"].as_str().unwrap_or_default().to_string()));
            }
        }
    }
    let mut reported: BTreeSet<(u64, String)> = BTreeSet::new();
    let mut mixed = 0;
    for f in &findings {
        let clusters: BTreeSet<Option<(String, String)>> =
            f.claims.iter().map(|c| cluster_of(&c.doc)).collect();
        let touches_gold = clusters
            .iter()
            .flatten()
            .any(|k| gold_clusters.contains_key(k));
        if !touches_gold {
            continue;
        }
        if clusters.len() > 1 {
            mixed += 1;
            continue;
        }
        let cross = f
            .claims
            .iter()
            .map(|c| &c.doc)
            .collect::<BTreeSet<_>>()
            .len()
            > 1;
        if !cross || !matches!(f.kind, CheckKind::Disagreement | CheckKind::Attribution) {
            continue;
        }
        let Some(Some(k)) = clusters.iter().next() else {
            continue;
        };
        let rank = gold_clusters[k];
        if let Some(concept) = f.claims.first().and_then(|c| c.concept.clone()) {
            reported.insert((rank, concept));
        }
    }
    let right = reported.intersection(&gold_disagree).count();
    CheckScores {
        gold: gold_disagree.len(),
        reported: reported.len() + mixed,
        right,
        mixed,
        missed: gold_disagree
            .difference(&reported)
            .map(|(r, c)| format!("cluster {r} {c}"))
            .collect(),
        wrong: reported
            .difference(&gold_disagree)
            .map(|(r, c)| format!("cluster {r} {c}"))
            .collect(),
    }
}

#[test]
fn disagreements_on_dev_gold() {
    let Some(g) = load_gold("disagreements_on_dev_gold") else {
        return;
    };
    let s = score_check(&g);
    let recall = pct(s.right, s.gold);
    let precision = pct(s.right, s.reported);
    println!(
        "gold: disagreements found {}/{} ({recall:.1}%), reported real {}/{} ({precision:.1}%), findings mixing clusters {}; missed {:?}; not in gold {:?}",
        s.right, s.gold, s.right, s.reported, s.mixed, s.missed, s.wrong
    );
    assert_eq!(s.mixed, 0, "findings mix clusters");
    assert!(recall >= 80.0, "recall {recall:.1}% < 80%");
    assert!(precision >= 90.0, "precision {precision:.1}% < 90%");
}
