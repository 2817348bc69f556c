//! `sum`: listed parts that add up to more than the stated total.

use super::Finding;
use super::context::{Context, Filter, Info, apart, is_under};
use super::explain::{Draft, finding, margin, means};
use crate::claim::Frame;
use crate::quantity::Interval;
use crate::rules::Rule;
use std::collections::HashSet;

/// Flag listed parts whose sum exceeds the total the same document states.
///
/// # What it flags
///
/// Within one document, parts that cannot add up to the stated total even after the
/// rule's tolerance, the lower bounds of the parts summed against the total's upper
/// bound:
///
/// - coordinated figures on one concept ("38 militants and three SDF fighters have
///   been killed") against a total on the same concept, for the same place and date,
///   whose subject is above every part's ("41 killed", "a total of 40 people"). Of
///   several totals the highest is used;
/// - the parts of one whole ("350 people, including 200 civilians and 180 fighters").
///
/// Parts whose classes nest (civilians and children) may overlap and are not summed.
/// Only a sum larger than the total is flagged: a smaller sum leaves room for victims
/// the list does not name. A "total" that equals one of the parts, or is smaller than
/// one part on its own, is taken to be that part or another figure, not the total.
///
/// # Why it matters
///
/// A headline total that the story's own breakdown exceeds means one of the numbers
/// was changed without the other.
///
/// # Example
///
/// Title "40 killed in clashes near Kobani"; body "38 militants and three SDF fighters
/// have been killed".
pub fn check(rule: &Rule, ctx: &Context, out: &mut Vec<Finding>) {
    let filter = Filter::new(rule, ctx);
    let mut seen: HashSet<String> = HashSet::new();
    let mut doc: Vec<u32> = Vec::new();
    let mut wholes: Vec<u32> = Vec::new();
    let mut grouped: Vec<(u32, u32, u32, u32)> = Vec::new();
    let mut parted: Vec<(u32, u32, u32)> = Vec::new();
    for range in &ctx.docs {
        seen.clear();
        doc.clear();
        grouped.clear();
        parted.clear();
        for &i in &ctx.order[range.clone()] {
            let f = ctx.info(i);
            if !filter.comparable(f) {
                continue;
            }
            doc.push(i);
            let c = ctx.claim(i);
            if c.additional || c.trend.is_some() || f.frame != Frame::Incident {
                continue;
            }
            match c.part_of.as_deref().and_then(|w| ctx.find(w)) {
                Some(w) => parted.push((w, f.rank, i)),
                None if c.part_of.is_none() && f.group != 0 => {
                    grouped.push((f.group, f.concept, f.rank, i));
                }
                None => {}
            }
        }

        // Candidate totals by concept and subject, highest first (ties: the earliest):
        // a group looks only at the subjects that can be its total's (none, or a class
        // above its parts) and stops at the first candidate that fits, instead of
        // scanning the whole document for every group.
        let key = |t: u32| (ctx.info(t).concept, ctx.subject_name(t));
        wholes.clear();
        wholes.extend(doc.iter().copied().filter(|&t| ctx.info(t).whole));
        wholes.sort_by(|&x, &y| {
            let (fx, fy) = (ctx.info(x), ctx.info(y));
            (key(x).cmp(&key(y)))
                .then(fy.hi.total_cmp(&fx.hi))
                .then(fx.rank.cmp(&fy.rank))
        });

        grouped.sort_unstable();
        for run in grouped.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
            let parts: Vec<u32> = run.iter().map(|r| r.3).collect();
            if parts.len() < 2 || nested(ctx, &parts) {
                continue;
            }
            let first = ctx.info(parts[0]);
            let widest_part = parts
                .iter()
                .map(|&p| ctx.info(p).lo)
                .fold(f64::MIN, f64::max);
            let fits = |t: u32| {
                let ft = ctx.info(t);
                ft.kind == first.kind
                    && ft.group != first.group
                    && same_scope(ft, first)
                    && above_all(ctx, t, &parts)
                    && ft.hi >= widest_part
                    && parts.iter().all(|&p| {
                        let fp = ctx.info(p);
                        (fp.lo, fp.hi) != (ft.lo, ft.hi)
                    })
            };
            // No subject, or a class above the first part's ("people" for
            // "people.fighters"); `above_all` checks the other parts.
            let own = ctx.subject_name(parts[0]);
            let subjects = std::iter::once("").chain(
                own.match_indices('.')
                    .map(|(at, _)| own.get(..at).unwrap_or_default()),
            );
            let total = subjects
                .filter_map(|subject| {
                    let k = (first.concept, subject);
                    let from = wholes.partition_point(|&t| key(t) < k);
                    wholes[from..]
                        .iter()
                        .copied()
                        .take_while(|&t| {
                            let ft = ctx.info(t);
                            key(t) == k && (ft.hi >= widest_part || ft.hi.is_nan())
                        })
                        .find(|&t| fits(t))
                })
                .max_by(|&x, &y| {
                    let (fx, fy) = (ctx.info(x), ctx.info(y));
                    fx.hi.total_cmp(&fy.hi).then(fy.rank.cmp(&fx.rank))
                });
            if let Some(total) = total {
                report(rule, ctx, total, "total", &parts, &mut seen, out);
            }
        }

        parted.sort_unstable();
        for run in parted.chunk_by(|x, y| x.0 == y.0) {
            let whole = run[0].0;
            let fw = ctx.info(whole);
            let parts: Vec<u32> = run
                .iter()
                .map(|r| r.2)
                .filter(|&p| {
                    let fp = ctx.info(p);
                    fp.doc == fw.doc && fp.concept == fw.concept && fp.kind == fw.kind
                })
                .collect();
            if parts.len() < 2
                || nested(ctx, &parts)
                || parts.iter().any(|&p| ctx.info(p).lo > fw.hi)
            {
                continue;
            }
            report(rule, ctx, whole, "whole", &parts, &mut seen, out);
        }
    }
}

/// Whether two of the parts have nesting subject classes (and may overlap). Compared
/// class by class: a long list names few classes.
fn nested(ctx: &Context, parts: &[u32]) -> bool {
    let mut names: Vec<&str> = parts.iter().map(|&p| ctx.subject_name(p)).collect();
    names.sort_unstable();
    names.dedup();
    names.iter().any(|p| names.iter().any(|q| is_under(p, q)))
}

/// The total's subject is absent or above every part's.
fn above_all(ctx: &Context, total: u32, parts: &[u32]) -> bool {
    let t = ctx.subject_name(total);
    t.is_empty() || parts.iter().all(|&p| is_under(ctx.subject_name(p), t))
}

/// Same event, place and day, where both say.
fn same_scope(a: &Info, b: &Info) -> bool {
    let fits = |x: u32, y: u32| x == 0 || y == 0 || x == y;
    fits(a.event, b.event)
        && fits(a.place, b.place)
        && (a.day.is_none() || b.day.is_none() || a.day == b.day)
}

/// Report the parts against the total when their lower bounds add up to more.
fn report(
    rule: &Rule,
    ctx: &Context,
    total: u32,
    role: &'static str,
    parts: &[u32],
    seen: &mut HashSet<String>,
    out: &mut Vec<Finding>,
) {
    let ft = ctx.info(total);
    let lo: f64 = parts
        .iter()
        .map(|&p| ctx.info(p).lo)
        .map(|l| if l.is_finite() { l } else { 0.0 })
        .sum();
    let hi: f64 = parts.iter().map(|&p| ctx.info(p).hi).sum();
    let sum = Interval::new(Some(lo), hi.is_finite().then_some(hi));
    if !(lo > ft.hi && apart(sum, ft.interval(), rule.tolerance)) {
        return;
    }
    let ct = ctx.claim(total);
    let signature = std::iter::once(total)
        .chain(parts.iter().copied())
        .map(|i| {
            let f = ctx.info(i);
            format!("{}|{}|{}", f.lo, f.hi, ctx.claim(i).text.to_lowercase())
        })
        .collect::<Vec<_>>()
        .join("\n");
    if !seen.insert(signature) {
        return;
    }
    let listed = parts
        .iter()
        .map(|&p| means(&ctx.claim(p)))
        .collect::<Vec<_>>()
        .join(", ");
    let reason = format!(
        "the parts add up to {} ({listed}); the {role}'s {}: the parts exceed the {role}{}",
        sum.describe(),
        means(&ct),
        margin(rule.tolerance)
    );
    let parts_text = parts
        .iter()
        .map(|&p| ctx.claim(p).text.trim().to_string())
        .collect::<Vec<_>>()
        .join(" + ");
    let mut claims = vec![(total, role)];
    claims.extend(parts.iter().map(|&p| (p, "part")));
    out.push(finding(
        rule,
        ctx,
        Draft {
            claims,
            severity: rule.severity,
            reason,
            parts: Some(parts_text),
        },
    ));
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::claim::Claim;
    use crate::rules::CheckKind;

    fn run(claims: &[Claim]) -> Vec<Finding> {
        findings(&rule(CheckKind::Sum), claims)
    }

    fn fighters(written: &str, at: usize) -> Claim {
        claim("a", written)
            .at(at)
            .subject("people.fighters")
            .group("a#g")
    }

    #[test]
    fn coordinated_parts_against_a_total() {
        let total = |w: &str| claim("a", w).title().no_subject();
        let cases: Vec<(&str, Vec<Claim>, usize)> = vec![
            (
                "parts over total",
                vec![total("40"), fighters("38", 10), fighters("3", 30)],
                1,
            ),
            (
                "parts make the total",
                vec![total("41"), fighters("38", 10), fighters("3", 30)],
                0,
            ),
            (
                "parts under total",
                vec![total("45"), fighters("38", 10), fighters("3", 30)],
                0,
            ),
            (
                "a total of people",
                vec![
                    claim("a", "40").at(90),
                    fighters("38", 10),
                    fighters("3", 30),
                ],
                1,
            ),
            (
                "the highest total counts",
                vec![
                    total("40"),
                    claim("a", "45")
                        .at(90)
                        .no_subject()
                        .text("a total of 45 people"),
                    fighters("38", 10),
                    fighters("3", 30),
                ],
                0,
            ),
            (
                "a restated part is no total",
                vec![
                    claim("a", "38").at(90).no_subject(),
                    fighters("38", 10),
                    fighters("3", 30),
                ],
                0,
            ),
            (
                "a figure below one part is no total",
                vec![
                    claim("a", "20").at(90).no_subject(),
                    fighters("38", 10),
                    fighters("3", 30),
                ],
                0,
            ),
            (
                "a total on the parts' own class is no total",
                vec![
                    claim("a", "40").at(90).subject("people.fighters"),
                    fighters("38", 10),
                    fighters("3", 30),
                ],
                0,
            ),
            (
                "other concept",
                vec![
                    total("40").concept("wounded"),
                    fighters("38", 10),
                    fighters("3", 30),
                ],
                0,
            ),
            (
                "nested classes are not summed",
                vec![
                    total("40"),
                    fighters("38", 10).subject("people.civilians"),
                    fighters("3", 30).subject("people.civilians.children"),
                ],
                0,
            ),
            (
                "other day",
                vec![
                    total("40").date("2017-04-10"),
                    fighters("38", 10),
                    fighters("3", 30),
                ],
                0,
            ),
            ("one part only", vec![total("40"), fighters("41", 10)], 0),
        ];
        for (name, claims, n) in cases {
            let found = run(&claims);
            assert_eq!(found.len(), n, "{name}: {found:#?}");
            assert_eq!(run(&reversed(&claims)), found, "{name} reversed");
        }
        let mut r = rule(CheckKind::Sum);
        r.tolerance.abs = 1.0;
        assert!(findings(&r, &[total("40"), fighters("38", 10), fighters("3", 30)]).is_empty());
    }

    #[test]
    fn finding_shape() {
        let mut r = rule(CheckKind::Sum);
        r.message = "{a.text} but {parts}".into();
        let found = findings(
            &r,
            &[
                claim("a", "40").title().no_subject(),
                fighters("38", 10),
                fighters("3", 30),
            ],
        );
        assert_eq!(found.len(), 1);
        let f = &found[0];
        assert_eq!(f.message, "40 people but 38 people + 3 people");
        assert_eq!(
            f.reason,
            "the parts add up to exactly 41 ('38' means exactly 38, '3' means exactly 3); the \
             total's '40' means exactly 40: the parts exceed the total"
        );
        let roles: Vec<&str> = f.claims.iter().map(|c| c.role.as_str()).collect();
        assert_eq!(roles, ["total", "part", "part"]);
    }

    #[test]
    fn parts_of_one_whole() {
        let whole = |w: &str| claim("a", w).id("a#1");
        let part = |w: &str, at: usize, s: &str| claim("a", w).at(at).subject(s).part_of("a#1");
        let cases: Vec<(&str, Vec<Claim>, usize)> = vec![
            (
                "parts over whole",
                vec![
                    whole("350"),
                    part("200", 10, "people.civilians"),
                    part("180", 20, "people.fighters"),
                ],
                1,
            ),
            (
                "approximate whole holds them",
                vec![
                    whole("some 350"),
                    part("200", 10, "people.civilians"),
                    part("180", 20, "people.fighters"),
                ],
                0,
            ),
            (
                "parts within whole",
                vec![
                    whole("350"),
                    part("100", 10, "people.civilians"),
                    part("180", 20, "people.fighters"),
                ],
                0,
            ),
            (
                "one part over the whole is a part-whole finding",
                vec![
                    whole("350"),
                    part("400", 10, "people.civilians"),
                    part("10", 20, "people.fighters"),
                ],
                0,
            ),
            (
                "nested parts",
                vec![
                    whole("350"),
                    part("200", 10, "people.civilians"),
                    part("180", 20, "people.civilians.children"),
                ],
                0,
            ),
            (
                "repeated sentence, reported once",
                vec![
                    whole("350"),
                    part("200", 10, "people.civilians"),
                    part("180", 20, "people.fighters"),
                    claim("a", "350").at(100).id("a#2"),
                    part("200", 110, "people.civilians").part_of("a#2"),
                    part("180", 120, "people.fighters").part_of("a#2"),
                ],
                1,
            ),
        ];
        for (name, claims, n) in cases {
            let found = run(&claims);
            assert_eq!(found.len(), n, "{name}: {found:#?}");
        }
    }
}
