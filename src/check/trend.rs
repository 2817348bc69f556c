//! `trend`: a running tally that falls in a later report.

use super::Finding;
use super::context::Context;
use super::context::Filter;
use super::explain::{Draft, finding_with, margin, means};
use super::sweep::{self, Extra, Pair, Sweep, report_day};
use crate::rules::Rule;

/// Flag a cumulative tally that goes down from one report to a later one.
///
/// # What it flags
///
/// Running tallies (claims in the `since` frame: "since August", "so far this year")
/// on the same concept and subject, counted from the same start (the words after
/// "since" must match, day numbers aside) and in the same place or event, where a
/// report dated later gives a figure whose upper bound lies below the lower bound of
/// an earlier report's figure, even after the rule's tolerance. Reports are ordered
/// by their document date and must be at most the rule's window apart; undated
/// reports are not ordered and not compared. A rise is what a tally does, and is
/// never flagged.
///
/// # Why it matters
///
/// A tally since a fixed date can only grow. A later, smaller figure means one of the
/// reports counts something else, counts from another start, or is wrong.
///
/// # Example
///
/// On 1 October: "Since August, the coalition has carried out more than 700 air
/// strikes"; on 10 October: "Since August, the coalition has carried out 650 air
/// strikes".
pub fn check(rule: &Rule, ctx: &Context, out: &mut Vec<Finding>) {
    let filter = Filter::new(rule, ctx);
    let voices = sweep::voices(
        ctx,
        |f| f.tally() && filter.comparable(f),
        Extra::Anchor,
        report_day,
    );
    let s = Sweep {
        scope: rule.scope,
        window: rule.window_days,
        tol: rule.tolerance,
        extra: Extra::Anchor,
        day: report_day,
        falls_only: true,
        class: None,
    };
    sweep::pairs(ctx, &voices, &s, &mut |p: Pair<'_>| {
        if ctx.info(p.earlier).doc == ctx.info(p.later).doc {
            return false;
        }
        let (a, b) = (ctx.claim(p.earlier), ctx.claim(p.later));
        let reason = format!(
            "the earlier report's {}; the later report's {}: a running tally cannot \
             fall{}",
            means(&a),
            means(&b),
            margin(rule.tolerance)
        );
        out.push(finding_with(
            rule,
            ctx,
            Draft {
                claims: vec![(p.earlier, "earlier"), (p.later, "later")],
                severity: rule.severity,
                reason,
                parts: None,
            },
            vec![a, b],
        ));
        true
    });
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::claim::{Claim, Frame};
    use crate::rules::{CheckKind, Scope};

    fn tally(doc: &str, written: &str, date: &str) -> Claim {
        claim(doc, written)
            .frame(Frame::Since)
            .concept("strikes")
            .no_subject()
            .doc_date(date)
            .sentence(&format!("Since August, {written} air strikes."))
    }

    fn rule30() -> crate::rules::Rule {
        let mut r = rule(CheckKind::Trend);
        r.window_days = 30;
        r
    }

    #[test]
    fn falls_and_rises() {
        let cases: Vec<(&str, Vec<Claim>, usize)> = vec![
            (
                "falls",
                vec![
                    tally("a.txt", "more than 700", "2014-10-01"),
                    tally("b.txt", "650", "2014-10-10"),
                ],
                1,
            ),
            (
                "rises",
                vec![
                    tally("a.txt", "650", "2014-10-01"),
                    tally("b.txt", "more than 700", "2014-10-10"),
                ],
                0,
            ),
            (
                "falls, input reversed",
                vec![
                    tally("b.txt", "650", "2014-10-10"),
                    tally("a.txt", "more than 700", "2014-10-01"),
                ],
                1,
            ),
            (
                "same day",
                vec![
                    tally("a.txt", "700", "2014-10-01"),
                    tally("b.txt", "650", "2014-10-01"),
                ],
                0,
            ),
            (
                "overlapping",
                vec![
                    tally("a.txt", "about 700", "2014-10-01"),
                    tally("b.txt", "650", "2014-10-10"),
                ],
                0,
            ),
            (
                "beyond the window",
                vec![
                    tally("a.txt", "700", "2014-10-01"),
                    tally("b.txt", "650", "2014-12-10"),
                ],
                0,
            ),
            (
                "another start",
                vec![
                    tally("a.txt", "700", "2014-10-01"),
                    tally("b.txt", "650", "2014-10-10")
                        .sentence("Since September 23, 650 air strikes."),
                ],
                0,
            ),
            (
                "same start, day number aside",
                vec![
                    tally("a.txt", "700", "2014-10-01"),
                    tally("b.txt", "650", "2014-10-10").sentence("650 air strikes since August 8."),
                ],
                1,
            ),
            (
                "incident figures are not tallies",
                vec![
                    tally("a.txt", "700", "2014-10-01").frame(Frame::Incident),
                    tally("b.txt", "650", "2014-10-10").frame(Frame::Incident),
                ],
                0,
            ),
            (
                "undated",
                vec![
                    tally("a.txt", "700", "2014-10-01"),
                    tally("b.txt", "650", "2014-10-10").no_date(),
                ],
                0,
            ),
        ];
        for (name, claims, n) in cases {
            let found = findings(&rule30(), &claims);
            assert_eq!(found.len(), n, "{name}: {found:#?}");
        }
    }

    #[test]
    fn report_dates() {
        // one document date for both; the sentences date the reports
        let said = |doc: &str, w: &str, day: &str| {
            tally(doc, w, "2024-01-10").date(day).sentence(&format!(
                "{w} people have been killed since mid-September, monitors said on {day}."
            ))
        };
        let claims = vec![
            said("a.txt", "more than 1000", "2014-10-20"),
            said("b.txt", "about 800", "2014-10-27"),
        ];
        assert_eq!(findings(&rule30(), &claims).len(), 1);
        let claims = vec![
            said("a.txt", "about 800", "2014-10-20"),
            said("b.txt", "more than 1000", "2014-10-27"),
        ];
        assert!(findings(&rule30(), &claims).is_empty());
        // a sentence date that may be the start ("since August 8") gives way to the
        // document's date
        let start = |doc: &str, w: &str, doc_date: &str| {
            tally(doc, w, doc_date)
                .date("2014-08-08")
                .sentence(&format!("Since August 8, {w} air strikes."))
        };
        let claims = vec![
            start("a.txt", "700", "2014-10-01"),
            start("b.txt", "650", "2014-10-10"),
        ];
        let found = findings(&rule30(), &claims);
        assert_eq!(pairs_of(&found), vec![vec!["a.txt:700", "b.txt:650"]]);
    }

    #[test]
    fn roles_and_reason() {
        let claims = vec![
            tally("b.txt", "650", "2014-10-10"),
            tally("a.txt", "more than 700", "2014-10-01"),
        ];
        let found = findings(&rule30(), &claims);
        assert_eq!(found[0].claims[0].role, "earlier");
        assert_eq!(found[0].claims[0].doc, "a.txt");
        assert_eq!(
            found[0].reason,
            "the earlier report's 'more than 700' means 701 or more; the later report's '650' \
             means exactly 650: a running tally cannot fall"
        );
    }

    #[test]
    fn each_later_report_against_each_higher_earlier_one() {
        let claims = vec![
            tally("a.txt", "700", "2014-10-01"),
            tally("b.txt", "720", "2014-10-05"),
            tally("c.txt", "650", "2014-10-10"),
            tally("d.txt", "800", "2014-10-12"),
        ];
        let found = findings(&rule30(), &claims);
        assert_eq!(
            pairs_of(&found),
            vec![
                vec!["a.txt:700", "c.txt:650"],
                vec!["b.txt:720", "c.txt:650"]
            ]
        );
        let mut r = rule30();
        r.scope = Scope::Corpus;
        assert_eq!(findings(&r, &claims).len(), 2);
    }
}
