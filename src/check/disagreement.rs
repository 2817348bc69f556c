//! `disagreement`: documents that give one event figures that cannot both be true.

use super::Finding;
use super::context::{Context, Filter, Info};
use super::explain::{Draft, cannot_both, finding_with, means};
use super::sweep::{self, Extra, Pair, Sweep, event_day};
use crate::rules::{Rule, Severity};

/// Flag documents whose figures for one event disagree.
///
/// # What it flags
///
/// Two documents reporting the same event (the same explicit event key, or the same
/// place with dates within the rule's window) whose whole-incident figures for the
/// same concept and subject do not overlap, even after the rule's tolerance, and
/// whose sentences do not describe different kinds of incident (a blast, a chemical
/// attack, bombardment, ground fighting, executions). Each
/// document speaks through its current figure (the highest lower bound it gives, so
/// an update beside an earlier toll is not held against it). Outlets repeating the
/// same primary source with the same number count as one voice, so each pair of
/// voices gives one finding. With `revisions = true`, a later report with a higher
/// figure is reported at `info` as a likely revision.
///
/// # Why it matters
///
/// Casualty recorders need two independent reports and note disputes: a toll that
/// one outlet gives as 16 and another as 40 is a fact to resolve before publishing
/// either.
///
/// # Example
///
/// "A bomb killed 16 people in Hasaka on Tuesday" in one report and "A bomb killed 40
/// people in Hasaka on Tuesday" in another. "At least 58" and "72" agree; "some 80"
/// (72 to 88) and "at least 100" do not.
pub fn check(rule: &Rule, ctx: &Context, out: &mut Vec<Finding>) {
    let filter = Filter::new(rule, ctx);
    let voices = sweep::voices(
        ctx,
        |f| f.whole && filter.comparable(f),
        Extra::Nothing,
        event_day,
    );
    let class = |f: &Info| -> u64 {
        if f.attr != 0 {
            1 << 32 | u64::from(f.attr)
        } else if f.source != 0 {
            2 << 32 | u64::from(f.source)
        } else {
            3 << 32 | u64::from(f.doc)
        }
    };
    let s = Sweep {
        scope: rule.scope,
        window: rule.window_days,
        tol: rule.tolerance,
        extra: Extra::Nothing,
        day: event_day,
        falls_only: false,
        class: Some(&class),
    };
    sweep::pairs(ctx, &voices, &s, &mut |p: Pair<'_>| {
        let (fa, fb) = (ctx.info(p.earlier), ctx.info(p.later));
        if fa.doc == fb.doc || different_incidents(fa, fb) {
            return false;
        }
        out.push(pair_finding(rule, ctx, &p, ""));
        true
    });
}

/// Whether two figures' sentences describe different kinds of incident (both name
/// one, and none in common).
pub(crate) fn different_incidents(a: &Info, b: &Info) -> bool {
    a.incident != 0 && b.incident != 0 && a.incident & b.incident == 0
}

/// The finding for a disagreeing pair of voices of different documents: `a` is the
/// voice first in document order, each side followed by the voices merged into it.
/// `lead` opens the reason ("both quote the Observatory: ").
pub(crate) fn pair_finding(rule: &Rule, ctx: &Context, p: &Pair<'_>, lead: &str) -> Finding {
    let (mut a, mut b) = (p.earlier, p.later);
    let (mut a_also, mut b_also) = (p.earlier_also, p.later_also);
    if ctx.info(b).rank < ctx.info(a).rank {
        std::mem::swap(&mut a, &mut b);
        std::mem::swap(&mut a_also, &mut b_also);
    }
    let (fa, fb) = (ctx.info(a), ctx.info(b));
    let revision = rule.revisions && {
        let (low, low_also, high, high_also) = if fa.hi < fb.lo {
            (a, a_also, b, b_also)
        } else {
            (b, b_also, a, a_also)
        };
        let days = |head: u32, rest: &[u32]| -> Vec<Option<i32>> {
            std::iter::once(head)
                .chain(rest.iter().copied())
                .map(|i| ctx.info(i).doc_day)
                .collect()
        };
        let (lows, highs) = (days(low, low_also), days(high, high_also));
        match (
            lows.iter().copied().collect::<Option<Vec<i32>>>(),
            highs.iter().copied().collect::<Option<Vec<i32>>>(),
        ) {
            (Some(l), Some(h)) => h.iter().min() > l.iter().max(),
            _ => false,
        }
    };
    let (ca, cb) = (ctx.claim(a), ctx.claim(b));
    let mut reason = if revision {
        format!(
            "{lead}{}; {}: a later report gives a higher figure: likely a revision",
            means(&ca),
            means(&cb)
        )
    } else {
        format!("{lead}{}", cannot_both(&ca, &cb, rule.tolerance))
    };
    let others = |rest: &[u32], other: &Info| -> Vec<u32> {
        let mut v: Vec<u32> = rest
            .iter()
            .copied()
            .filter(|&i| ctx.info(i).doc != other.doc)
            .collect();
        v.sort_unstable_by_key(|&i| ctx.info(i).rank);
        v
    };
    let (more_a, more_b) = (others(a_also, fb), others(b_also, fa));
    let more = more_a.len() + more_b.len();
    if more > 0 {
        let s = if more == 1 {
            "report repeats"
        } else {
            "reports repeat"
        };
        reason.push_str(&format!("; {more} more {s} the same figures"));
    }
    let mut claims = vec![(a, "a"), (b, "b")];
    claims.extend(more_a.into_iter().map(|i| (i, "a")));
    claims.extend(more_b.into_iter().map(|i| (i, "b")));
    finding_with(
        rule,
        ctx,
        Draft {
            claims,
            severity: if revision {
                Severity::Info
            } else {
                rule.severity
            },
            reason,
            parts: None,
        },
        vec![ca, cb],
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::claim::{Claim, Frame};
    use crate::quantity::Trend;
    use crate::rules::{CheckKind, Scope, Severity, Tolerance};

    fn two(a: &str, b: &str) -> Vec<Claim> {
        vec![claim("a.txt", a), claim("b.txt", b)]
    }

    #[test]
    fn intervals_decide() {
        let cases: &[(&str, &str, f64, bool)] = &[
            ("at least 58", "72", 0.0, false),
            ("some 80", "at least 100", 0.0, true),
            ("30", "32", 0.0, true),
            ("30", "32", 0.1, false),
            ("16", "40", 0.1, true),
            ("nearly 50", "45", 0.0, false),
            ("nearly 50", "50", 0.0, true),
            ("up to 40", "41", 0.0, true),
            ("20-30", "30", 0.0, false),
            ("more than 30", "31", 0.0, false),
        ];
        for &(a, b, rel, flag) in cases {
            let mut r = rule(CheckKind::Disagreement);
            r.tolerance = Tolerance { rel, abs: 0.0 };
            let found = findings(&r, &two(a, b));
            assert_eq!(
                found.len(),
                usize::from(flag),
                "{a} vs {b} at {rel}: {found:#?}"
            );
        }
    }

    #[test]
    fn reason_and_message() {
        let found = findings(
            &rule(CheckKind::Disagreement),
            &two("some 80", "at least 100"),
        );
        assert_eq!(
            found[0].reason,
            "'some 80' means 72 to 88; 'at least 100' means 100 or more: they cannot both be true"
        );
        assert_eq!(
            found[0].message,
            "a says some 80 people, b says at least 100 people"
        );
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].event.as_deref(), Some("aleppo/2017-04-19"));
    }

    /// Pairs that are never compared, each with a disagreeing figure.
    #[test]
    fn not_comparable() {
        let base = claim("a.txt", "16");
        let other = |c: Claim| vec![base.clone(), c];
        let cases: Vec<(&str, Vec<Claim>)> = vec![
            ("other place", other(claim("b.txt", "40").place("idlib"))),
            (
                "beyond window",
                other(claim("b.txt", "40").doc_date("2017-04-22")),
            ),
            (
                "other subject",
                other(claim("b.txt", "40").subject("people.civilians")),
            ),
            (
                "people vs fighters",
                other(claim("b.txt", "40").subject("people.fighters")),
            ),
            (
                "other concept",
                other(claim("b.txt", "40").concept("wounded")),
            ),
            (
                "no concept",
                vec![base.clone().no_concept(), claim("b.txt", "40").no_concept()],
            ),
            ("same document", other(claim("a.txt", "40").at(50))),
            (
                "no place",
                vec![base.clone().no_place(), claim("b.txt", "40").no_place()],
            ),
            (
                "no date",
                vec![base.clone().no_date(), claim("b.txt", "40").no_date()],
            ),
            (
                "other events",
                vec![base.clone().event("e1"), claim("b.txt", "40").event("e2")],
            ),
            (
                "since frame",
                other(claim("b.txt", "40").frame(Frame::Since)),
            ),
            ("war total", other(claim("b.txt", "40").frame(Frame::Total))),
            (
                "other frame",
                other(claim("b.txt", "40").frame(Frame::Other)),
            ),
            ("a part", other(claim("b.txt", "40").part_of("b.txt#9"))),
            ("additional", other(claim("b.txt", "40").additional())),
            ("a change", other(claim("b.txt", "40").trend(Trend::Up))),
            (
                "coordinated on one subject",
                vec![
                    claim("a.txt", "16").subject("people.fighters"),
                    claim("b.txt", "40").group("g").subject("people.fighters"),
                    claim("b.txt", "3")
                        .at(9)
                        .group("g")
                        .subject("people.fighters"),
                ],
            ),
            (
                "percent",
                other(claim("b.txt", "40").kind(crate::quantity::Kind::Percent)),
            ),
        ];
        for (name, claims) in cases {
            let found = findings(&rule(CheckKind::Disagreement), &claims);
            assert!(found.is_empty(), "{name}: {found:#?}");
        }
    }

    #[test]
    fn compared_when_in_one_event() {
        let cases: Vec<(&str, Vec<Claim>)> = vec![
            (
                "within window",
                vec![
                    claim("a.txt", "16"),
                    claim("b.txt", "40").date("2017-04-21"),
                ],
            ),
            (
                "same event far apart",
                vec![
                    claim("a.txt", "16").event("e1"),
                    claim("b.txt", "40")
                        .event("e1")
                        .date("2017-06-01")
                        .place("idlib"),
                ],
            ),
            (
                "one event key only",
                vec![claim("a.txt", "16").event("e1"), claim("b.txt", "40")],
            ),
            (
                "coordinated, distinct subjects",
                vec![
                    claim("a.txt", "16").subject("people.civilians"),
                    claim("b.txt", "40").subject("people.civilians").group("g"),
                    claim("b.txt", "4")
                        .at(9)
                        .subject("people.fighters")
                        .group("g"),
                ],
            ),
        ];
        for (name, claims) in cases {
            let found = findings(&rule(CheckKind::Disagreement), &claims);
            assert_eq!(found.len(), 1, "{name}: {found:#?}");
        }
    }

    #[test]
    fn corpus_and_document_scope() {
        let claims = vec![
            claim("a.txt", "16"),
            claim("b.txt", "40").place("idlib").no_date(),
        ];
        let mut r = rule(CheckKind::Disagreement);
        assert!(findings(&r, &claims).is_empty());
        r.scope = Scope::Corpus;
        assert_eq!(findings(&r, &claims).len(), 1);
        r.scope = Scope::Document;
        assert!(findings(&r, &[claim("a.txt", "16"), claim("b.txt", "40")]).is_empty());
    }

    #[test]
    fn filters() {
        let claims = vec![
            claim("a.txt", "16").subject("people.civilians"),
            claim("b.txt", "40").subject("people.civilians"),
        ];
        let mut r = rule(CheckKind::Disagreement);
        r.concepts = vec!["wounded".into()];
        assert!(findings(&r, &claims).is_empty());
        r.concepts = vec!["killed".into()];
        assert_eq!(findings(&r, &claims).len(), 1);
        r.subjects = vec!["people.fighters".into()];
        assert!(findings(&r, &claims).is_empty());
        r.subjects = vec!["people".into()];
        assert_eq!(findings(&r, &claims).len(), 1);
    }

    #[test]
    fn voice_is_the_current_toll() {
        // b gives an earlier 20 and an update to 43; a says 43: they agree.
        let claims = vec![
            claim("a.txt", "43"),
            claim("b.txt", "20").at(10),
            claim("b.txt", "43").at(90),
        ];
        assert!(findings(&rule(CheckKind::Disagreement), &claims).is_empty());
        // a says 16: one finding, against b's current 43.
        let claims = vec![
            claim("a.txt", "16"),
            claim("b.txt", "20").at(10),
            claim("b.txt", "43").at(90),
        ];
        let found = findings(&rule(CheckKind::Disagreement), &claims);
        assert_eq!(pairs_of(&found), vec![vec!["a.txt:16", "b.txt:43"]]);
    }

    #[test]
    fn one_finding_per_pair_of_voices() {
        // each document repeats its sentence (title and body, twice in the body)
        let claims = vec![
            claim("a.txt", "16").title(),
            claim("a.txt", "16").at(10),
            claim("a.txt", "16").at(300),
            claim("b.txt", "40").title(),
            claim("b.txt", "40").at(10),
            claim("b.txt", "40").at(200),
        ];
        let found = findings(&rule(CheckKind::Disagreement), &claims);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].claims[0].section, crate::corpus::Section::Title);
    }

    #[test]
    fn repeated_primary_source_is_one_voice() {
        let claims = vec![
            claim("a.txt", "16").attr("the Observatory"),
            claim("b.txt", "16").attr("SOHR"),
            claim("c.txt", "16").attr("Syrian Observatory for Human Rights"),
            claim("d.txt", "40"),
        ];
        let found = findings(&rule(CheckKind::Disagreement), &claims);
        assert_eq!(
            pairs_of(&found),
            vec![vec!["a.txt:16", "d.txt:40", "b.txt:16", "c.txt:16"]]
        );
        assert!(
            found[0]
                .reason
                .ends_with("; 2 more reports repeat the same figures")
        );
        // the same outlet twice is one voice too
        let claims = vec![
            claim("a.txt", "16").source("etilaf"),
            claim("b.txt", "16").source("etilaf"),
            claim("c.txt", "40"),
        ];
        assert_eq!(findings(&rule(CheckKind::Disagreement), &claims).len(), 1);
        // different outlets without attribution are separate voices
        let claims = vec![
            claim("a.txt", "16"),
            claim("b.txt", "16"),
            claim("c.txt", "40"),
        ];
        assert_eq!(findings(&rule(CheckKind::Disagreement), &claims).len(), 2);
    }

    #[test]
    fn revisions() {
        let mut r = rule(CheckKind::Disagreement);
        r.revisions = true;
        r.window_days = 5;
        let cases: &[(&str, &str, Severity)] = &[
            // later and higher: a revision
            ("2017-04-19", "2017-04-21", Severity::Info),
            // later and lower: a contradiction
            ("2017-04-21", "2017-04-19", Severity::Error),
            // same day
            ("2017-04-19", "2017-04-19", Severity::Error),
        ];
        for &(da, db, sev) in cases {
            let claims = vec![
                claim("a.txt", "16").doc_date(da),
                claim("b.txt", "40").doc_date(db),
            ];
            let found = findings(&r, &claims);
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].severity, sev, "{da} {db}");
            assert_eq!(
                found[0].reason.contains("likely a revision"),
                sev == Severity::Info
            );
        }
        // without `revisions` the rule's severity stays
        r.revisions = false;
        let claims = vec![
            claim("a.txt", "16").doc_date("2017-04-19"),
            claim("b.txt", "40").doc_date("2017-04-21"),
        ];
        assert_eq!(findings(&r, &claims)[0].severity, Severity::Error);
        // an undated document is not a revision
        r.revisions = true;
        let mut claims = claims;
        claims[0].doc_date = None;
        assert_eq!(findings(&r, &claims)[0].severity, Severity::Error);
    }

    #[test]
    fn symmetric_and_order_free() {
        let claims = vec![
            claim("a.txt", "some 80").at(4),
            claim("b.txt", "at least 100").at(9),
            claim("c.txt", "72").at(1),
            claim("d.txt", "at least 58").at(0),
        ];
        let r = rule(CheckKind::Disagreement);
        let found = findings(&r, &claims);
        assert_eq!(
            pairs_of(&found),
            vec![
                vec!["a.txt:some 80", "b.txt:at least 100"],
                vec!["b.txt:at least 100", "c.txt:72"]
            ]
        );
        assert_eq!(findings(&r, &reversed(&claims)), found);
        let swapped = findings(&r, &swap_docs(&claims, "a.txt", "b.txt"));
        assert_eq!(
            pairs_of(&swapped),
            vec![
                vec!["a.txt:at least 100", "b.txt:some 80"],
                vec!["a.txt:at least 100", "c.txt:72"]
            ]
        );
    }
}
