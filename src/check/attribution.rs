//! `attribution`: one primary source quoted with incompatible figures by different
//! outlets.

use super::Finding;
use super::context::{Context, Filter, Info, SOHR, attribution_key};
use super::disagreement::pair_finding;
use super::sweep::{self, Extra, Pair, Sweep, event_day};
use crate::rules::Rule;

/// Flag a primary source quoted with figures that cannot both be true.
///
/// # What it flags
///
/// Claims from different documents and different outlets, in one event, on the same
/// concept and subject, attributed to the same primary source, whose figures do not
/// overlap even after the rule's tolerance. Attributions are compared by a normalised
/// name: case, a leading "the" and epithets like "Britain-based" are ignored, and
/// "SOHR", "the Observatory" and "the Syrian Observatory for Human Rights" are one
/// source. Each outlet speaks through its highest figure for that source; outlets
/// giving the same figure are one voice. With `revisions = true`, a later report with
/// a higher figure is reported at `info`.
///
/// # Why it matters
///
/// When outlets quote one monitor with different numbers, at least one of them
/// misquotes it or quotes an old figure: the original statement must be checked
/// before any of them is repeated.
///
/// # Example
///
/// "16 people were killed, the Syrian Observatory for Human Rights said" in one
/// outlet, and "the Observatory said 40 people died" in another report of the same
/// attack.
pub fn check(rule: &Rule, ctx: &Context, out: &mut Vec<Finding>) {
    let filter = Filter::new(rule, ctx);
    let voices = sweep::voices(
        ctx,
        |f| f.whole && f.attr != 0 && filter.comparable(f),
        Extra::Attribution,
        event_day,
    );
    let class = |_: &Info| 0u64;
    let s = Sweep {
        scope: rule.scope,
        window: rule.window_days,
        tol: rule.tolerance,
        extra: Extra::Attribution,
        day: event_day,
        falls_only: false,
        class: Some(&class),
    };
    sweep::pairs(ctx, &voices, &s, &mut |p: Pair<'_>| {
        let (fa, fb) = (ctx.info(p.earlier), ctx.info(p.later));
        if fa.doc == fb.doc || (fa.source != 0 && fa.source == fb.source) {
            return false;
        }
        let earlier = ctx.claim(p.earlier);
        let raw = earlier.attribution.as_deref().unwrap_or("");
        let who = if attribution_key(raw) == SOHR {
            "the Syrian Observatory for Human Rights"
        } else {
            raw.trim()
        };
        let lead = format!("both quote {who}: ");
        out.push(pair_finding(rule, ctx, &p, &lead));
        true
    });
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::claim::Claim;
    use crate::rules::{CheckKind, Severity, Tolerance};

    #[test]
    fn same_source_different_figures() {
        let cases: Vec<(&str, Vec<Claim>, usize)> = vec![
            (
                "observatory names",
                vec![
                    claim("a.txt", "16").attr("the Syrian Observatory for Human Rights"),
                    claim("b.txt", "40").attr("SOHR"),
                ],
                1,
            ),
            (
                "agreeing figures",
                vec![
                    claim("a.txt", "at least 16").attr("the Observatory"),
                    claim("b.txt", "40").attr("SOHR"),
                ],
                0,
            ),
            (
                "different sources",
                vec![
                    claim("a.txt", "16").attr("SOHR"),
                    claim("b.txt", "40").attr("Syrian state TV"),
                ],
                0,
            ),
            (
                "one side unattributed",
                vec![claim("a.txt", "16").attr("SOHR"), claim("b.txt", "40")],
                0,
            ),
            (
                "same outlet",
                vec![
                    claim("a.txt", "16").attr("SOHR").source("ahram"),
                    claim("b.txt", "40").attr("SOHR").source("ahram"),
                ],
                0,
            ),
            (
                "same document",
                vec![
                    claim("a.txt", "16").attr("SOHR"),
                    claim("a.txt", "40").attr("SOHR").at(80),
                ],
                0,
            ),
            (
                "other place",
                vec![
                    claim("a.txt", "16").attr("SOHR"),
                    claim("b.txt", "40").attr("SOHR").place("idlib"),
                ],
                0,
            ),
            (
                "other subject",
                vec![
                    claim("a.txt", "16").attr("SOHR"),
                    claim("b.txt", "40")
                        .attr("SOHR")
                        .subject("people.civilians"),
                ],
                0,
            ),
            (
                "repeated figure is one voice",
                vec![
                    claim("a.txt", "16").attr("SOHR"),
                    claim("b.txt", "16").attr("the Observatory"),
                    claim("c.txt", "40").attr("SOHR"),
                ],
                1,
            ),
        ];
        for (name, claims, n) in cases {
            let found = findings(&rule(CheckKind::Attribution), &claims);
            assert_eq!(found.len(), n, "{name}: {found:#?}");
            assert_eq!(
                findings(&rule(CheckKind::Attribution), &reversed(&claims)),
                found
            );
        }
    }

    #[test]
    fn reason_names_the_source() {
        let claims = vec![
            claim("a.txt", "16").attr("the Observatory"),
            claim("b.txt", "40").attr("SOHR"),
        ];
        let found = findings(&rule(CheckKind::Attribution), &claims);
        assert_eq!(
            found[0].reason,
            "both quote the Syrian Observatory for Human Rights: '16' means exactly 16; '40' \
             means exactly 40: they cannot both be true"
        );
        assert_eq!(found[0].severity, Severity::Error);
        let claims = vec![
            claim("a.txt", "16").attr("Syrian state TV"),
            claim("b.txt", "40").attr("syrian state tv"),
        ];
        let found = findings(&rule(CheckKind::Attribution), &claims);
        assert!(found[0].reason.starts_with("both quote Syrian state TV: "));
        let mut r = rule(CheckKind::Attribution);
        r.tolerance = Tolerance {
            rel: 0.0,
            abs: 30.0,
        };
        assert!(findings(&r, &claims).is_empty());
    }
}
