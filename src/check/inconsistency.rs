//! `inconsistency`: one document giving one thing figures that cannot both be true.

use super::Finding;
use super::context::{Context, Filter, apart, speaks_of_another_figure};
use super::explain::{Draft, finding, margin, means};
use crate::claim::Claim;
use crate::corpus::Section;
use crate::rules::Rule;

/// Flag a document that contradicts itself.
///
/// # What it flags
///
/// A title figure that matches none of the body's figures for the same concept and
/// subject, for the same place and date, even after the rule's tolerance, reported
/// against the first such figure of the body's lead (the opening of the body, where a
/// story states its own figure; a copy of the title at the head of the body does not
/// count, nor does a sentence that speaks of an update, another incident, group or
/// time: "rose", "earlier", "also", "others", "last week", ...). Figures later in the
/// body are not compared: articles often go on to other incidents.
///
/// Each distinct pair of figures is reported once, however often the sentences are
/// repeated.
///
/// # Why it matters
///
/// A headline that says 41 over a story that opens with 38 leaves the reader unable
/// to tell which to believe; it is usually an edit that missed a spot.
///
/// # Example
///
/// Title "Six killed in Aleppo bombing", body "A bomb blast killed ten people in the
/// Salah al-Din district of Aleppo".
pub fn check(rule: &Rule, ctx: &Context, out: &mut Vec<Finding>) {
    let filter = Filter::new(rule, ctx);
    type Key = (u32, u32, u32, u32, Option<i32>);
    let mut cands: Vec<(Key, u32, u32)> = Vec::new();
    let mut run: Vec<u32> = Vec::new();
    for range in &ctx.docs {
        cands.clear();
        for &i in &ctx.order[range.clone()] {
            let f = ctx.info(i);
            if f.whole && f.lead && filter.comparable(f) {
                cands.push(((f.concept, f.subject, f.event, f.place, f.day), f.rank, i));
            }
        }
        if cands.len() < 2 {
            continue;
        }
        cands.sort_unstable();
        let mut start = 0;
        while start < cands.len() {
            let key = cands[start].0;
            run.clear();
            let mut end = start;
            while end < cands.len() && cands[end].0 == key {
                run.push(cands[end].2);
                end += 1;
            }
            if run.len() > 1 {
                check_run(rule, ctx, &run, out);
            }
            start = end;
        }
    }
}

/// One document's figures on one thing, in text order.
fn check_run(rule: &Rule, ctx: &Context, run: &[u32], out: &mut Vec<Finding>) {
    let tol = rule.tolerance;
    let (titles, bodies): (Vec<u32>, Vec<u32>) = run
        .iter()
        .partition(|&&i| ctx.info(i).section == Section::Title);

    let mut seen: Vec<(u64, u64)> = Vec::new();
    for &t in &titles {
        let ft = ctx.info(t);
        let key = (ft.lo.to_bits(), ft.hi.to_bits());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let ct = ctx.claim(t);
        let body: Vec<u32> = bodies
            .iter()
            .copied()
            .filter(|&b| !repeats_title(&ct, &ctx.claim(b)))
            .collect();
        if body
            .iter()
            .any(|&b| !apart(ft.interval(), ctx.info(b).interval(), tol))
        {
            continue;
        }
        // Any body figure can back the title; only the lead's first figure, the one
        // the story opens with, can contradict it.
        let Some(&voice) = body
            .iter()
            .filter(|&&b| !speaks_of_another_figure(&ctx.claim(b).sentence))
            .min_by_key(|&&b| ctx.info(b).rank)
        else {
            continue;
        };
        let reason = format!(
            "the title's {}; the body's {}: they cannot both be true{}",
            means(&ct),
            means(&ctx.claim(voice)),
            margin(tol)
        );
        out.push(pair(rule, ctx, t, voice, reason));
    }
}

fn pair(rule: &Rule, ctx: &Context, a: u32, b: u32, reason: String) -> Finding {
    finding(
        rule,
        ctx,
        Draft {
            claims: vec![(a, "a"), (b, "b")],
            severity: rule.severity,
            reason,
            parts: None,
        },
    )
}

/// A body claim that is the title's own figure in a copy of the title at the head of
/// the body (some corpora prepend the title to the text).
fn repeats_title(title: &Claim, body: &Claim) -> bool {
    let t = title.sentence.trim();
    !t.is_empty()
        && body.start.abs_diff(title.start) <= 3
        && title.text.trim().eq_ignore_ascii_case(body.text.trim())
        && body.sentence.to_lowercase().contains(&t.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::rules::CheckKind;

    fn run(claims: &[Claim]) -> Vec<Finding> {
        findings(&rule(CheckKind::Inconsistency), claims)
    }

    #[test]
    fn title_against_body() {
        let cases: Vec<(&str, Vec<Claim>, usize)> = vec![
            (
                "mismatch",
                vec![claim("a", "6").title(), claim("a", "10").at(40)],
                1,
            ),
            (
                "match",
                vec![claim("a", "6").title(), claim("a", "6").at(40)],
                0,
            ),
            (
                "matches one of several",
                vec![
                    claim("a", "at least 100").title(),
                    claim("a", "24").at(5).pred("die"),
                    claim("a", "at least 100").at(40),
                ],
                0,
            ),
            (
                "no body figure",
                vec![
                    claim("a", "6").title(),
                    claim("a", "10").at(4).concept("wounded"),
                ],
                0,
            ),
            (
                "other attribution still counts",
                vec![
                    claim("a", "6").title(),
                    claim("a", "10").at(40).attr("police").pred("die"),
                ],
                1,
            ),
            (
                "other subject",
                vec![
                    claim("a", "6").title(),
                    claim("a", "10").at(40).subject("people.civilians"),
                ],
                0,
            ),
            (
                "other documents",
                vec![claim("a", "6").title(), claim("b", "10").at(40)],
                0,
            ),
            (
                "title copied into the body",
                vec![
                    claim("a", "6").title().sentence("Aleppo blast kills 6"),
                    claim("a", "6")
                        .at(0)
                        .sentence("Aleppo blast kills 6 A bomb killed 10 people."),
                    claim("a", "10")
                        .at(30)
                        .sentence("Aleppo blast kills 6 A bomb killed 10 people."),
                ],
                1,
            ),
        ];
        for (name, claims, n) in cases {
            let found = run(&claims);
            assert_eq!(found.len(), n, "{name}: {found:#?}");
            assert_eq!(run(&reversed(&claims)), found, "{name} reversed");
        }
    }

    #[test]
    fn title_reason_and_voice() {
        let claims = vec![
            claim("a", "6").title(),
            claim("a", "10").at(40),
            claim("a", "12").at(80).pred("die"),
        ];
        let found = run(&claims);
        // The lead's first figure speaks for the body.
        assert_eq!(pairs_of(&found), vec![vec!["a:6", "a:10"]]);
        assert_eq!(
            found[0].reason,
            "the title's '6' means exactly 6; the body's '10' means exactly 10: they cannot \
             both be true"
        );
    }

    #[test]
    fn body_figures_are_not_compared_with_each_other() {
        // Articles go on to other incidents and quote updates beside earlier tolls:
        // only the headline is held to the lead.
        let cases: Vec<(&str, Vec<Claim>)> = vec![
            (
                "same predicate",
                vec![claim("a", "16").at(0), claim("a", "40").at(90)],
            ),
            (
                "same attribution",
                vec![
                    claim("a", "16").at(0).attr("SOHR"),
                    claim("a", "40").at(90).attr("SOHR"),
                ],
            ),
        ];
        for (name, claims) in cases {
            let found = run(&claims);
            assert!(found.is_empty(), "{name}: {found:#?}");
        }
    }

    #[test]
    fn tolerance_applies() {
        let claims = vec![claim("a", "30").title(), claim("a", "32").at(90)];
        assert_eq!(run(&claims).len(), 1);
        let mut r = rule(CheckKind::Inconsistency);
        r.tolerance.rel = 0.1;
        assert!(findings(&r, &claims).is_empty());
    }
}
