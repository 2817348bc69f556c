//! `bounds`: a figure outside the range its kind or concept allows.

use super::Finding;
use super::context::{Context, Filter, apart};
use super::explain::{Draft, finding, margin, means};
use crate::quantity::Interval;
use crate::rules::Rule;

/// Flag a figure that no value in the rule's allowed range can match.
///
/// # What it flags
///
/// A claim of the rule's kinds (counts unless the rule names others), concepts and
/// subjects whose whole interval lies outside the rule's `min`..`max`, even after the
/// rule's tolerance: "112 percent of the residents", a negative count. A claim that
/// could still fall inside ("more than 95%") is not flagged. Numbers that state a
/// change ("rose 150%") are not levels and are skipped. Without a concept in the rule,
/// claims without a concept are checked too.
///
/// # Why it matters
///
/// A share over 100% or a negative count is an error in the text or in the reading
/// of it; either way no reader should rely on it.
///
/// # Example
///
/// "The strikes destroyed 112% of the homes in the village", with a rule for
/// percentages between 0 and 100.
pub fn check(rule: &Rule, ctx: &Context, out: &mut Vec<Finding>) {
    if rule.min.is_none() && rule.max.is_none() {
        return;
    }
    let allowed = Interval::new(rule.min, rule.max);
    let filter = Filter::new(rule, ctx);
    for &i in &ctx.order {
        let f = ctx.info(i);
        if ctx.claim(i).trend.is_some() || !filter.passes(f) {
            continue;
        }
        let iv = f.interval();
        if iv.low.is_none() && iv.high.is_none() {
            continue;
        }
        if apart(iv, allowed, rule.tolerance) {
            let reason = format!(
                "{}, outside the allowed {}{}",
                means(&ctx.claim(i)),
                allowed.describe(),
                margin(rule.tolerance)
            );
            out.push(finding(
                rule,
                ctx,
                Draft {
                    claims: vec![(i, "a")],
                    severity: rule.severity,
                    reason,
                    parts: None,
                },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::claim::{Claim, Frame};
    use crate::quantity::{Kind, Trend};
    use crate::rules::{CheckKind, Rule};

    fn percent_rule() -> Rule {
        let mut r = rule(CheckKind::Bounds);
        r.kinds = vec![Kind::Percent];
        r.min = Some(0.0);
        r.max = Some(100.0);
        r.message = "{a.text} is not a share".into();
        r
    }

    fn pct(written: &str) -> Claim {
        claim("a.txt", written)
            .kind(Kind::Percent)
            .no_concept()
            .no_subject()
    }

    #[test]
    fn percentages() {
        let cases: Vec<(&str, Claim, bool)> = vec![
            ("112", pct("112"), true),
            ("100", pct("100"), false),
            ("more than 95", pct("more than 95"), false),
            ("over 100", pct("over 100"), false),
            ("rose 150%", pct("150").trend(Trend::Up), false),
            ("a count of 112", claim("a.txt", "112").no_concept(), false),
            (
                "since frame still a share",
                pct("112").frame(Frame::Since),
                true,
            ),
        ];
        for (name, c, flag) in cases {
            let found = findings(&percent_rule(), &[c]);
            assert_eq!(found.len(), usize::from(flag), "{name}: {found:#?}");
        }
        let found = findings(&percent_rule(), &[pct("112")]);
        assert_eq!(found[0].message, "112% is not a share");
        assert_eq!(
            found[0].reason,
            "'112' means exactly 112, outside the allowed 0 to 100"
        );
        assert_eq!(found[0].claims[0].role, "a");
    }

    #[test]
    fn negative_counts_and_limits() {
        let mut r = rule(CheckKind::Bounds);
        r.min = Some(0.0);
        let neg = claim("a.txt", "16").with(|c| {
            c.low = Some(-16.0);
            c.high = Some(-16.0);
        });
        assert_eq!(findings(&r, std::slice::from_ref(&neg)).len(), 1);
        assert!(findings(&r, &[claim("a.txt", "16")]).is_empty());
        // a concept filter keeps other concepts out
        r.concepts = vec!["wounded".into()];
        assert!(findings(&r, &[neg]).is_empty());
        // a user limit with a tolerance
        let mut r = rule(CheckKind::Bounds);
        r.max = Some(1000.0);
        assert_eq!(findings(&r, &[claim("a.txt", "1050")]).len(), 1);
        r.tolerance.rel = 0.1;
        assert!(findings(&r, &[claim("a.txt", "1050")]).is_empty());
        // no limits: nothing to check
        let r = rule(CheckKind::Bounds);
        assert!(findings(&r, &[claim("a.txt", "1050")]).is_empty());
    }
}
