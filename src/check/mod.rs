//! The checks: each kind in its own file, applied by [`run`] to all claims of a batch.
//!
//! A [`Context`] indexes claims (interned keys, positions, day numbers, which claims
//! can stand for a whole-incident figure) for every rule; each rule's kind picks one
//! check function. [`run`] is a map and a reduce ([`Plan`], [`Reducer`]): each
//! document's claims get a context of their own for the checks that look within one
//! document, and the claims the cross-document checks may compare get one context
//! together, built from compact entries, so that a corpus of any size is checked in
//! memory for those entries only. Findings come back sorted by the first claim's
//! document, section and offset, then rule id, then the other claims, with duplicates
//! removed, so the output is the same whatever the order of the input claims.
//!
//! # What is compared with what
//!
//! Precision comes first: a checker that cries wolf gets switched off, so every check
//! compares only what is surely comparable and stays silent otherwise.
//!
//! - A rule sees the claims its `concepts` (empty: any), `subjects` (a class covers
//!   the classes below it; a claim without a subject passes) and `kinds` (empty:
//!   counts only) let through. Claims without a concept are never compared; `bounds`
//!   looks at them when the rule names no concept.
//! - Comparable claims share concept and subject path exactly: civilians with
//!   civilians, never civilians with people or people with fighters. A subclass meets
//!   its parent only in `part-whole`, one way: the subclass cannot exceed the parent.
//! - A *whole figure* is a claim in the incident frame that is not a part
//!   (`part_of`), not a sub-count (`partial`: "four of them"), not an addition
//!   ("another 5"), not a change ("rose 5%"), and not one of several coordinated
//!   claims on the same subject ("38 militants and three SDF fighters"). Only whole
//!   figures are compared as tolls.
//! - Scope `event`: two claims are in one event when both carry the same explicit
//!   `event` key, or (when at least one has no key) they name the same place and their
//!   dates lie within the rule's `window` in days. Claims with neither cannot be placed
//!   and are not compared across documents. Scope `corpus` drops the place and date
//!   condition; scope `document` keeps the cross-document checks silent.
//! - A document's *voice* on one thing in one event is its whole figure with the
//!   highest lower bound (ties: the earliest in the text): an update ("rose to 43")
//!   beside an earlier toll ("20") speaks for the document. Several documents giving
//!   the same figure from the same primary source (or the same outlet) within one
//!   event are one voice, so a disagreement is reported once per pair of voices.
//! - Two intervals disagree when neither meets the other even when one of them is
//!   widened by the rule's tolerance ([`crate::quantity::Interval::widen`]).
//! - `inconsistency`, `part-whole` and `sum` look within one document and ignore the
//!   scope; `bounds` looks at one claim at a time.
//!
//! Cross-document comparisons group claims by key and sweep each group in date order
//! against the extreme intervals still inside the window, so the work stays near
//! linear in the number of claims; a voice is paired with at most [`MAX_PARTNERS`]
//! disagreeing voices on each side.

mod attribution;
mod bounds;
mod context;
mod disagreement;
mod explain;
mod inconsistency;
mod part_whole;
mod stream;
mod sum;
mod sweep;
#[cfg(test)]
pub(crate) mod testing;
mod trend;

pub use context::Context;
pub use stream::{Mapped, Plan, Reducer};

use crate::claim::Claim;
use crate::corpus::Section;
use crate::quantity::Qualifier;
use crate::rules::{CheckKind, Rule, RuleSet, Severity};
use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// The most disagreeing voices one voice is paired with on each side (lower figures,
/// higher figures) within one event; more would repeat the same news.
pub const MAX_PARTNERS: usize = 32;

/// One problem found: a rule, the claims involved and why they cannot all be true.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// `pack/rule`
    pub rule: String,
    pub kind: CheckKind,
    pub severity: Severity,
    /// The rule's message template, filled in.
    pub message: String,
    /// The interval reasoning in words: "'at least 100' means 100 or more; 'some 80'
    /// means 72 to 88: they cannot both be true".
    pub reason: String,
    /// The event the claims belong to: an explicit key, or `place/date` of the
    /// earliest claim ("aleppo/2017-04-19").
    pub event: Option<String>,
    pub claims: Vec<FindingClaim>,
}

/// A claim as a finding shows it: the claim model's names plus the claim's role in
/// the finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FindingClaim {
    pub id: String,
    pub doc: String,
    pub source: Option<String>,
    pub section: Section,
    pub start: usize,
    pub end: usize,
    pub line: u32,
    pub column: u32,
    pub text: String,
    pub quantity: String,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    pub concept: Option<String>,
    pub subject: Option<String>,
    pub date: Option<Date>,
    pub attribution: Option<String>,
    pub sentence: String,
    /// `a` / `b` (the two sides of a disagreement), `part` / `whole`, `total` / `part`
    /// (sum), `earlier` / `later` (trend).
    pub role: String,
}

impl FindingClaim {
    pub fn new(c: &Claim, role: &str) -> Self {
        FindingClaim {
            id: c.id.clone(),
            doc: c.doc.clone(),
            source: c.source.clone(),
            section: c.section,
            start: c.start,
            end: c.end,
            line: c.line,
            column: c.column,
            text: c.text.clone(),
            quantity: c.quantity.clone(),
            low: c.low,
            high: c.high,
            qualifier: c.qualifier,
            concept: c.concept.clone(),
            subject: c.subject.clone(),
            date: c.date,
            attribution: c.attribution.clone(),
            sentence: c.sentence.clone(),
            role: role.to_string(),
        }
    }
}

/// Apply every rule of the set to the claims of a batch. Which findings to show or
/// fail on is the caller's business.
pub fn run(rules: &RuleSet, claims: &[Claim]) -> Vec<Finding> {
    run_rules(&rules.rules, claims)
}

/// Apply the given rules to the claims of a batch (the rules need not come from one
/// [`RuleSet`]: `test-rules` runs one rule at a time).
///
/// This is the map and reduce of [`Plan`] and [`Reducer`] over claims in memory: each
/// document's claims are checked on their own, then the claims that can be compared
/// across documents are.
pub fn run_rules(rules: &[Rule], claims: &[Claim]) -> Vec<Finding> {
    let plan = Plan::new(rules);
    let mapped: Vec<Mapped<&Claim>> = stream::by_document(claims)
        .into_par_iter()
        .map(|doc| plan.map(doc))
        .collect();
    let mut reduce = Reducer::new(&plan);
    let mut kept = Vec::new();
    for m in mapped {
        kept.extend(reduce.add(m));
    }
    reduce.finish_with(context::Source::Refs(kept))
}

/// Apply one rule; findings are appended unsorted.
pub fn check_rule(rule: &Rule, ctx: &Context, out: &mut Vec<Finding>) {
    match rule.kind {
        CheckKind::Disagreement => disagreement::check(rule, ctx, out),
        CheckKind::Inconsistency => inconsistency::check(rule, ctx, out),
        CheckKind::PartWhole => part_whole::check(rule, ctx, out),
        CheckKind::Sum => sum::check(rule, ctx, out),
        CheckKind::Bounds => bounds::check(rule, ctx, out),
        CheckKind::Trend => trend::check(rule, ctx, out),
        CheckKind::Attribution => attribution::check(rule, ctx, out),
    }
}

fn claim_order(a: &FindingClaim, b: &FindingClaim) -> Ordering {
    (
        a.doc.as_str(),
        a.section,
        a.start,
        a.end,
        a.id.as_str(),
        a.role.as_str(),
    )
        .cmp(&(
            b.doc.as_str(),
            b.section,
            b.start,
            b.end,
            b.id.as_str(),
            b.role.as_str(),
        ))
}

fn first_position(f: &Finding) -> Option<(&str, Section, usize)> {
    f.claims
        .first()
        .map(|c| (c.doc.as_str(), c.section, c.start))
}

fn finding_order(a: &Finding, b: &Finding) -> Ordering {
    first_position(a)
        .cmp(&first_position(b))
        .then_with(|| a.rule.cmp(&b.rule))
        .then_with(|| {
            let mut x = a.claims.iter();
            let mut y = b.claims.iter();
            loop {
                match (x.next(), y.next()) {
                    (None, None) => return Ordering::Equal,
                    (None, Some(_)) => return Ordering::Less,
                    (Some(_), None) => return Ordering::Greater,
                    (Some(p), Some(q)) => match claim_order(p, q) {
                        Ordering::Equal => {}
                        o => return o,
                    },
                }
            }
        })
        .then_with(|| a.severity.cmp(&b.severity))
        .then_with(|| a.message.cmp(&b.message))
        .then_with(|| a.reason.cmp(&b.reason))
}

/// Sort findings deterministically and drop repeats (same rule, same claims in the
/// same roles).
pub fn sort_findings(out: &mut Vec<Finding>) {
    out.sort_by(finding_order);
    out.dedup_by(|later, earlier| {
        later.rule == earlier.rule
            && later.claims.len() == earlier.claims.len()
            && later
                .claims
                .iter()
                .zip(&earlier.claims)
                .all(|(p, q)| p.id == q.id && p.doc == q.doc && p.role == q.role)
    });
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use crate::rules::Scope;

    fn all_rules() -> Vec<Rule> {
        let mut pct = rule(CheckKind::Bounds);
        pct.id = "t/percent".into();
        pct.kinds = vec![crate::quantity::Kind::Percent];
        pct.min = Some(0.0);
        pct.max = Some(100.0);
        let mut revisions = rule(CheckKind::Disagreement);
        revisions.revisions = true;
        vec![
            revisions,
            rule(CheckKind::Inconsistency),
            rule(CheckKind::PartWhole),
            rule(CheckKind::Sum),
            pct,
            rule(CheckKind::Trend),
            rule(CheckKind::Attribution),
        ]
    }

    fn batch() -> Vec<Claim> {
        vec![
            claim("a.txt", "at least 100").at(10),
            claim("a.txt", "at least 100").at(200),
            claim("a.txt", "some 80").title().at(0),
            claim("b.txt", "some 80")
                .at(5)
                .attr("the Syrian Observatory"),
            claim("c.txt", "43").at(7).attr("SOHR"),
            claim("d.txt", "12").at(0).id("d.txt#1"),
            claim("d.txt", "15")
                .at(20)
                .subject("people.civilians.children")
                .part_of("d.txt#1"),
            claim("e.txt", "112")
                .at(3)
                .kind(crate::quantity::Kind::Percent),
            claim("f.txt", "700")
                .at(3)
                .frame(crate::claim::Frame::Since)
                .sentence("Since August, 700 strikes."),
            claim("g.txt", "650")
                .at(3)
                .frame(crate::claim::Frame::Since)
                .sentence("Since August, 650 strikes.")
                .doc_date("2017-04-21"),
            claim("h.txt", "40").title().no_subject(),
            claim("h.txt", "38")
                .at(10)
                .subject("people.fighters")
                .group("h.txt#10"),
            claim("h.txt", "3")
                .at(30)
                .subject("people.fighters")
                .group("h.txt#10"),
        ]
    }

    #[test]
    fn shuffled_input_gives_identical_output() {
        let rules = all_rules();
        let claims = batch();
        let expected = run_rules(&rules, &claims);
        assert!(expected.len() >= 6, "{expected:#?}");
        let mut shuffled = claims.clone();
        let mut seed = 7u64;
        for round in 0..20 {
            for i in (1..shuffled.len()).rev() {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let j = (seed >> 33) as usize % (i + 1);
                shuffled.swap(i, j);
            }
            assert_eq!(run_rules(&rules, &shuffled), expected, "round {round}");
        }
    }

    #[test]
    fn every_kind_reports_and_findings_are_sorted() {
        let found = run_rules(&all_rules(), &batch());
        let kinds: Vec<CheckKind> = found.iter().map(|f| f.kind).collect();
        for k in CheckKind::ALL {
            assert!(kinds.contains(&k), "no {k} finding in {found:#?}");
        }
        let firsts: Vec<(String, Section, usize)> = found
            .iter()
            .map(|f| {
                (
                    f.claims[0].doc.clone(),
                    f.claims[0].section,
                    f.claims[0].start,
                )
            })
            .collect();
        let mut sorted = firsts.clone();
        sorted.sort();
        assert_eq!(firsts, sorted);
    }

    #[test]
    fn json_uses_design_names() {
        let mut r = rule(CheckKind::Disagreement);
        r.scope = Scope::Event;
        let found = run_rules(
            &[r],
            &[claim("a.txt", "at least 100"), claim("b.txt", "some 80")],
        );
        assert_eq!(found.len(), 1);
        let v = serde_json::to_value(&found[0]).unwrap();
        for k in [
            "rule", "kind", "severity", "message", "reason", "event", "claims",
        ] {
            assert!(v.get(k).is_some(), "{k} missing in {v}");
        }
        assert_eq!(v["kind"], "disagreement");
        assert_eq!(v["severity"], "error");
        assert_eq!(v["event"], "aleppo/2017-04-19");
        let c = &v["claims"][0];
        for k in [
            "doc", "source", "section", "start", "end", "text", "low", "high", "concept", "subject",
        ] {
            assert!(c.get(k).is_some(), "{k} missing in {c}");
        }
        assert_eq!(c["section"], "body");
        assert_eq!(c["low"], 100.0);
        assert!(c["high"].is_null());
    }

    #[test]
    fn empty_batch_and_empty_rules() {
        assert!(run_rules(&all_rules(), &[]).is_empty());
        assert!(run(&RuleSet::default(), &batch()).is_empty());
    }

    #[test]
    fn odd_input_does_not_panic() {
        let claims = vec![
            claim("", "16").with(|c| c.low = Some(f64::NAN)),
            claim("", "40").at(3).part_of("#3").group("g").attr(""),
            claim("x", "1").with(|c| {
                c.low = None;
                c.high = None;
                c.id = String::new();
                c.sentence = "since".into();
                c.frame = crate::claim::Frame::Since;
            }),
            claim("y", "1e300").with(|c| c.high = Some(f64::INFINITY)),
            claim("z", "5")
                .at(usize::MAX - 10)
                .sentence("Since 3é, ünïcode ß since"),
        ];
        let found = run_rules(&all_rules(), &claims);
        // NaN is not equal to itself: compare the printed findings
        let again = run_rules(&all_rules(), &reversed(&claims));
        assert_eq!(format!("{again:?}"), format!("{found:?}"));
        assert!(
            found.iter().all(|f| !f.reason.contains("NaN")),
            "{found:#?}"
        );
    }

    /// Every rule over one context of the whole batch: what the map and reduce of
    /// [`run_rules`] must equal.
    fn whole_batch(rules: &[Rule], claims: &[Claim]) -> Vec<Finding> {
        let ctx = Context::new(claims);
        let mut out = Vec::new();
        for rule in rules {
            check_rule(rule, &ctx, &mut out);
        }
        sort_findings(&mut out);
        out
    }

    /// A batch of claims of every sort the checks tell apart, from a list of small
    /// numbers.
    /// Document, value, qualifier, subject, day, attribution, shape, place.
    type Spec = (usize, u32, usize, usize, usize, usize, usize, usize);

    fn varied(spec: &[Spec]) -> Vec<Claim> {
        use crate::claim::Frame;
        let written = ["{}", "at least {}", "some {}", "nearly {}", "up to {}"];
        let subjects = ["people", "people.civilians", "people.fighters"];
        spec.iter()
            .enumerate()
            .map(|(k, &(doc, v, q, subject, day, attr, shape, place))| {
                let d = format!("d{doc}");
                let mut c = claim(&d, &written[q].replace("{}", &v.to_string()))
                    .at(k * 50)
                    .id(&format!("{d}#{k}"))
                    .subject(subjects[subject])
                    .date(&format!("2017-04-{:02}", 18 + day))
                    .place(["aleppo", "idlib"][place]);
                if attr > 0 {
                    c = c.attr(["SOHR", "the police", "the Observatory"][attr - 1]);
                }
                match shape {
                    1 => c = c.title(),
                    2 => c = c.part_of(&format!("{d}#{}", k.saturating_sub(1))),
                    3 => c = c.group(&format!("{d}#g")),
                    4 => {
                        c = c
                            .frame(Frame::Since)
                            .sentence(&format!("Since August {}, {v} strikes.", day + 1))
                            .doc_date(&format!("2017-05-{:02}", 1 + doc))
                    }
                    5 => c = c.event(["e1", "e2"][place]).no_place(),
                    6 => c = c.source(["AFP", "Reuters"][place]),
                    7 => c = c.kind(crate::quantity::Kind::Percent),
                    8 => c = c.no_concept(),
                    9 => c = c.sentence("A car bomb killed them."),
                    _ => {}
                }
                c
            })
            .collect()
    }

    #[test]
    fn fetched_claims_give_the_same_findings() {
        let rules = all_rules();
        let claims = batch();
        let plan = Plan::new(&rules);
        let mut reduce = Reducer::new(&plan);
        let mut kept: Vec<Claim> = Vec::new();
        for doc in stream::by_document(&claims) {
            let owned: Vec<Claim> = doc.into_iter().cloned().collect();
            kept.extend(reduce.add(plan.map(owned)));
        }
        assert_eq!(reduce.claims(), claims.len());
        assert!(kept.len() < claims.len(), "{} kept", kept.len());
        let found = reduce.finish(&|k| kept.get(k as usize).cloned());
        assert_eq!(found, run_rules(&rules, &claims));
        assert!(found.iter().any(|f| f.kind == CheckKind::Disagreement));
    }

    #[test]
    fn unreadable_claims_show_as_such() {
        let rules = vec![rule(CheckKind::Disagreement)];
        let claims = vec![claim("a.txt", "16"), claim("b.txt", "40")];
        let plan = Plan::new(&rules);
        let mut reduce = Reducer::new(&plan);
        for doc in stream::by_document(&claims) {
            reduce.add(plan.map(doc));
        }
        let found = reduce.finish(&|_| None);
        assert_eq!(found.len(), 1);
        let ids: Vec<&str> = found[0].claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["unreadable #0", "unreadable #1"]);
    }

    proptest::proptest! {
        /// Any batch: the same findings whatever the claim order, and with two
        /// documents trading names the same pairs of figures.
        #[test]
        fn order_free_and_symmetric(
            spec in proptest::collection::vec(
                (0..4usize, 1..60u32, 0..4usize, 0..3usize, 0..3usize, 0..3usize, 0..2usize, 0..2usize),
                0..24,
            )
        ) {
            let written = ["{}", "at least {}", "some {}", "nearly {}"];
            let subjects = ["people", "people.civilians", "people.fighters"];
            let claims: Vec<Claim> = spec
                .iter()
                .enumerate()
                .map(|(k, &(doc, v, q, subject, day, attr, title, place))| {
                    let mut c = claim(&format!("d{doc}"), &written[q].replace("{}", &v.to_string()))
                        .at(k * 50)
                        .subject(subjects[subject])
                        .date(&format!("2017-04-{:02}", 18 + day))
                        .place(["aleppo", "idlib"][place]);
                    if attr > 0 {
                        c = c.attr(["SOHR", "police"][attr - 1]);
                    }
                    if title == 1 {
                        c = c.title();
                    }
                    c
                })
                .collect();
            let rules = all_rules();
            let found = run_rules(&rules, &claims);
            proptest::prop_assert_eq!(&run_rules(&rules, &reversed(&claims)), &found);
            for f in &found {
                if f.kind == CheckKind::Disagreement {
                    proptest::prop_assert_ne!(&f.claims[0].doc, &f.claims[1].doc);
                    proptest::prop_assert_eq!(&f.claims[0].subject, &f.claims[1].subject);
                }
            }
            let figures = |found: &[Finding]| {
                let mut v: Vec<(String, Vec<String>)> = found
                    .iter()
                    .map(|f| {
                        let mut q: Vec<String> = f
                            .claims
                            .iter()
                            .map(|c| {
                                // which side is `a` follows the document names
                                let role = if c.role == "b" { "a" } else { c.role.as_str() };
                                format!("{}|{role}|{:?}", c.quantity, c.subject)
                            })
                            .collect();
                        q.sort();
                        (f.rule.clone(), q)
                    })
                    .collect();
                v.sort();
                v
            };
            let swapped = run_rules(&rules, &swap_docs(&claims, "d0", "d1"));
            proptest::prop_assert_eq!(figures(&swapped), figures(&found));
        }

        /// Checking each document on its own and then what they keep finds what
        /// checking the whole batch at once finds.
        #[test]
        fn map_and_reduce_equal_one_context(
            spec in proptest::collection::vec(
                (0..5usize, 1..60u32, 0..5usize, 0..3usize, 0..3usize, 0..4usize, 0..12usize, 0..2usize),
                0..40,
            )
        ) {
            let claims = varied(&spec);
            let rules = all_rules();
            let want = whole_batch(&rules, &claims);
            proptest::prop_assert_eq!(format!("{:?}", run_rules(&rules, &claims)), format!("{want:?}"));
            let shuffled = reversed(&claims);
            proptest::prop_assert_eq!(format!("{:?}", run_rules(&rules, &shuffled)), format!("{want:?}"));
        }
    }
}
