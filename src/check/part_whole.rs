//! `part-whole`: a part larger than its whole.

use super::Finding;
use super::context::{Context, Filter, apart, is_under};
use super::explain::{Draft, finding, margin, means};
use crate::rules::Rule;

/// Flag a part that is larger than the whole it belongs to.
///
/// # What it flags
///
/// Within one document, a claim given as part of another ("including", "of whom",
/// "among them") whose lower bound exceeds the whole's upper bound, even after the
/// rule's tolerance: "12 people were killed, including 15 children" (a link from a class to its own
/// subclass, the wrong way round, is ignored). Figures for a subclass and its parent
/// in different sentences are not compared: an article's "50 civilians" and "15
/// people" often count different places or days.
///
/// Each distinct part and whole is reported once, however often the sentence is
/// repeated.
///
/// # Why it matters
///
/// Children are among the people killed, so their number cannot be larger: one of the
/// two figures is wrong, or they do not describe the same event.
///
/// # Example
///
/// "Some 350 people were killed, including 400 IS fighters."
pub fn check(rule: &Rule, ctx: &Context, out: &mut Vec<Finding>) {
    let filter = Filter::new(rule, ctx);
    let tol = rule.tolerance;
    let mut seen: Vec<(u64, u64, String, u64, u64, String)> = Vec::new();
    for range in &ctx.docs {
        seen.clear();
        for &i in &ctx.order[range.clone()] {
            let (f, c) = (ctx.info(i), ctx.claim(i));
            let Some(whole) = c.part_of.as_deref().and_then(|w| ctx.find(w)) else {
                continue;
            };
            if c.additional || c.trend.is_some() || !filter.comparable(f) {
                continue;
            }
            let fw = ctx.info(whole);
            if fw.doc != f.doc || fw.concept != f.concept || fw.kind != f.kind {
                continue;
            }
            // A link from a class to one of its own subclasses ("13 civilians among
            // them seven children" read the wrong way round) is no part.
            if is_under(ctx.subject_name(whole), ctx.subject_name(i)) {
                continue;
            }
            if f.lo > fw.hi && apart(f.interval(), fw.interval(), tol) {
                let cw = ctx.claim(whole);
                let key = (
                    f.lo.to_bits(),
                    f.hi.to_bits(),
                    c.text.to_lowercase(),
                    fw.lo.to_bits(),
                    fw.hi.to_bits(),
                    cw.text.to_lowercase(),
                );
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                let reason = format!(
                    "the part's {}; the whole's {}: a part cannot exceed its whole{}",
                    means(&c),
                    means(&cw),
                    margin(tol)
                );
                out.push(pair(rule, ctx, i, whole, reason));
            }
        }
    }
}

fn pair(rule: &Rule, ctx: &Context, part: u32, whole: u32, reason: String) -> Finding {
    finding(
        rule,
        ctx,
        Draft {
            claims: vec![(part, "part"), (whole, "whole")],
            severity: rule.severity,
            reason,
            parts: None,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::claim::Claim;
    use crate::rules::CheckKind;

    fn run(claims: &[Claim]) -> Vec<Finding> {
        findings(&rule(CheckKind::PartWhole), claims)
    }

    fn children(doc: &str, written: &str, at: usize) -> Claim {
        claim(doc, written)
            .at(at)
            .subject("people.civilians.children")
    }

    #[test]
    fn explicit_parts() {
        let whole = |w: &str| claim("a", w).id("a#1");
        let cases: Vec<(&str, Vec<Claim>, usize)> = vec![
            (
                "part too big",
                vec![whole("12"), children("a", "15", 20).part_of("a#1")],
                1,
            ),
            (
                "part fits",
                vec![whole("12"), children("a", "5", 20).part_of("a#1")],
                0,
            ),
            (
                "equal",
                vec![whole("12"), children("a", "12", 20).part_of("a#1")],
                0,
            ),
            (
                "open whole",
                vec![whole("at least 12"), children("a", "15", 20).part_of("a#1")],
                0,
            ),
            (
                "approximate whole",
                vec![whole("some 350"), children("a", "380", 20).part_of("a#1")],
                0,
            ),
            (
                "missing whole",
                vec![whole("12"), children("a", "15", 20).part_of("a#9")],
                0,
            ),
            (
                "a link the wrong way round",
                vec![
                    whole("7").subject("people.civilians.children"),
                    claim("a", "13")
                        .at(20)
                        .subject("people.civilians")
                        .part_of("a#1"),
                ],
                0,
            ),
            (
                "other concept",
                vec![
                    whole("12").concept("wounded"),
                    children("a", "15", 20).part_of("a#1"),
                ],
                0,
            ),
            (
                "repeated sentence, reported once",
                vec![
                    whole("12"),
                    children("a", "15", 20).part_of("a#1"),
                    claim("a", "12").at(100).id("a#3"),
                    children("a", "15", 120).part_of("a#3"),
                ],
                1,
            ),
        ];
        for (name, claims, n) in cases {
            let found = run(&claims);
            assert_eq!(found.len(), n, "{name}: {found:#?}");
        }
        let found = run(&[whole("12"), children("a", "15", 20).part_of("a#1")]);
        assert_eq!(pairs_of(&found), vec![vec!["a:15", "a:12"]]);
        assert_eq!(found[0].claims[0].role, "part");
        assert_eq!(
            found[0].reason,
            "the part's '15' means exactly 15; the whole's '12' means exactly 12: a part \
             cannot exceed its whole"
        );
    }

    #[test]
    fn subclasses_in_other_sentences_are_not_compared() {
        let civ = |w: &str, at: usize| claim("a", w).at(at).subject("people.civilians");
        let cases: Vec<(&str, Vec<Claim>)> = vec![
            (
                "civilians over people",
                vec![claim("a", "10"), civ("16", 50)],
            ),
            (
                "children over people",
                vec![claim("a", "10"), children("a", "16", 50)],
            ),
            (
                "title over body",
                vec![claim("a", "10").title(), civ("16", 50)],
            ),
        ];
        for (name, claims) in cases {
            let found = run(&claims);
            assert!(found.is_empty(), "{name}: {found:#?}");
        }
    }
}
