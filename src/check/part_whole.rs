//! `part-whole`: a part larger than its whole.

use super::Finding;
use super::context::{Context, Filter, apart, is_under, speaks_of_another_figure};
use super::explain::{Draft, finding, margin, means, subject_word};
use crate::rules::Rule;

/// Flag a part that is larger than the whole it belongs to.
///
/// # What it flags
///
/// Within one document:
///
/// - a claim given as part of another ("including", "of whom", "among them") whose
///   lower bound exceeds the whole's upper bound, even after the rule's tolerance:
///   "12 people were killed, including 15 children" (a link from a class to its own
///   subclass, the wrong way round, is ignored);
/// - a figure for a subject class whose lower bound exceeds every figure for a class
///   above it, for the same concept, place and date, in another sentence: "16
///   civilians were killed" in a report whose title says "10 killed". A class is
///   compared with the classes above it only, never with its siblings (civilians are
///   never compared with fighters). Every figure of the whole can back it, so an
///   updated toll is not held against the part; but both the part and the whole
///   need a figure from a sentence that does not speak of an update, another
///   incident, group or time ("also", "earlier", "others", "last week"), since
///   articles often report several.
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
    type Key = (u32, u32, u32, Option<i32>);
    let mut cands: Vec<(Key, u32, u32, u32)> = Vec::new();
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
                    means(c),
                    means(cw),
                    margin(tol)
                );
                out.push(pair(rule, ctx, i, whole, reason));
            }
        }

        cands.clear();
        for &i in &ctx.order[range.clone()] {
            let f = ctx.info(i);
            if f.whole && f.subject != 0 && filter.comparable(f) {
                cands.push(((f.concept, f.event, f.place, f.day), f.subject, f.rank, i));
            }
        }
        cands.sort_unstable();
        let mut start = 0;
        while start < cands.len() {
            let key = cands[start].0;
            let mut end = start;
            while end < cands.len() && cands[end].0 == key {
                end += 1;
            }
            subclasses(rule, ctx, &cands[start..end], out);
            start = end;
        }
    }
}

/// One document's figures on one concept, place and date, sorted by subject: each
/// subclass's highest lower bound against each parent class's highest upper bound.
fn subclasses<K>(rule: &Rule, ctx: &Context, run: &[(K, u32, u32, u32)], out: &mut Vec<Finding>) {
    if run.first().map(|r| r.1) == run.last().map(|r| r.1) {
        return;
    }
    // Per subject: the part is its highest lower bound among sentences about the
    // incident's current figure; the whole is its highest upper bound anywhere, so
    // that any figure can back the whole. Ties go to the earliest.
    // (subject, part, whole, whether the subject has a figure about the incident)
    let mut reps: Vec<(u32, Option<u32>, u32, bool)> = Vec::new();
    for &(_, subject, _, i) in run {
        let f = ctx.info(i);
        let own = !speaks_of_another_figure(&ctx.claim(i).sentence);
        match reps.last_mut() {
            Some((s, part, whole, any_own)) if *s == subject => {
                if own && part.is_none_or(|p| f.lo > ctx.info(p).lo) {
                    *part = Some(i);
                }
                if f.hi > ctx.info(*whole).hi {
                    *whole = i;
                }
                *any_own |= own;
            }
            _ => reps.push((subject, own.then_some(i), i, own)),
        }
    }
    for &(_, part, _, _) in &reps {
        let Some(part) = part else { continue };
        for &(_, _, whole, _) in reps.iter().filter(|r| r.3) {
            let (child, parent) = (ctx.subject_name(part), ctx.subject_name(whole));
            let (cp, cw) = (ctx.claim(part), ctx.claim(whole));
            // Within one sentence classes are listed side by side ("30 soldiers and 39
            // rebel fighters"); a part named there is linked by `part_of`.
            if !is_under(child, parent) || (cp.section == cw.section && cp.sentence == cw.sentence)
            {
                continue;
            }
            let (fp, fw) = (ctx.info(part), ctx.info(whole));
            if fp.lo > fw.hi && apart(fp.interval(), fw.interval(), rule.tolerance) {
                let (cw, pw) = (subject_word(child), subject_word(parent));
                let reason = format!(
                    "{cw} are counted among {pw}: {} {cw}; {} {pw}: a part cannot exceed its \
                     whole{}",
                    means(ctx.claim(part)),
                    means(ctx.claim(whole)),
                    margin(rule.tolerance)
                );
                out.push(pair(rule, ctx, part, whole, reason));
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
    fn subject_classes() {
        let civ = |w: &str, at: usize| claim("a", w).at(at).subject("people.civilians");
        let cases: Vec<(&str, Vec<Claim>, usize)> = vec![
            (
                "civilians over people",
                vec![claim("a", "10"), civ("16", 50)],
                1,
            ),
            (
                "civilians within people",
                vec![claim("a", "20"), civ("16", 50)],
                0,
            ),
            (
                "people updated",
                vec![claim("a", "10"), civ("16", 50), claim("a", "20").at(90)],
                0,
            ),
            (
                "children over people",
                vec![claim("a", "10"), children("a", "16", 50)],
                1,
            ),
            (
                "a chain gives one finding per pair",
                vec![claim("a", "10"), civ("12", 30), children("a", "16", 50)],
                3,
            ),
            (
                "fighters are not civilians",
                vec![
                    civ("10", 0),
                    claim("a", "16").at(50).subject("people.fighters"),
                ],
                0,
            ),
            (
                "other documents",
                vec![claim("a", "10"), civ("16", 50).with(|c| c.doc = "b".into())],
                0,
            ),
            (
                "other day",
                vec![claim("a", "10"), civ("16", 50).date("2017-04-10")],
                0,
            ),
            (
                "other place",
                vec![claim("a", "10"), civ("16", 50).place("idlib")],
                0,
            ),
            (
                "additional",
                vec![claim("a", "10"), civ("16", 50).additional()],
                0,
            ),
            (
                "listed side by side in one sentence",
                vec![
                    claim("a", "10").sentence("30 killed: 10 soldiers and 16 civilians."),
                    civ("16", 50).sentence("30 killed: 10 soldiers and 16 civilians."),
                ],
                0,
            ),
            (
                "the part speaks of another time",
                vec![
                    claim("a", "10"),
                    civ("16", 50).sentence("Last month 16 civilians died."),
                ],
                0,
            ),
            (
                "the whole is another group",
                vec![
                    claim("a", "10").sentence("Shelling killed 10 others in Homs."),
                    civ("16", 50),
                ],
                0,
            ),
            (
                "the whole's update backs it",
                vec![
                    claim("a", "10"),
                    claim("a", "20")
                        .at(20)
                        .sentence("The toll later rose to 20."),
                    civ("16", 50),
                ],
                0,
            ),
        ];
        for (name, claims, n) in cases {
            let found = run(&claims);
            assert_eq!(found.len(), n, "{name}: {found:#?}");
            assert_eq!(run(&reversed(&claims)), found, "{name} reversed");
        }
        let found = run(&[claim("a", "10"), civ("16", 50)]);
        assert_eq!(
            found[0].reason,
            "civilians are counted among people: '16' means exactly 16 civilians; '10' means \
             exactly 10 people: a part cannot exceed its whole"
        );
    }
}
