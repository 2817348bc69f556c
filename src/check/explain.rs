//! Findings put together: the claims with their roles, the rule's message filled in,
//! the reason in words, and the event key.

use super::context::Context;
use super::{Finding, FindingClaim};
use crate::claim::Claim;
use crate::quantity::{Interval, fmt_num};
use crate::rules::{Rule, Severity, Tolerance, template};
use std::borrow::Cow;

/// What a check hands over to become a [`Finding`].
pub(crate) struct Draft {
    /// Claims with their roles; the first is `{a}` in the message, the second `{b}`.
    pub claims: Vec<(u32, &'static str)>,
    pub severity: Severity,
    pub reason: String,
    /// What `{parts}` says (the parts of a sum).
    pub parts: Option<String>,
}

pub(crate) fn finding(rule: &Rule, ctx: &Context, d: Draft) -> Finding {
    finding_with(rule, ctx, d, Vec::new())
}

/// [`finding`] given the first claims of the draft in full already (claims read back
/// from a spill are read once).
pub(crate) fn finding_with<'a>(
    rule: &Rule,
    ctx: &Context<'a>,
    d: Draft,
    fetched: Vec<Cow<'a, Claim>>,
) -> Finding {
    let mut full = fetched;
    full.truncate(d.claims.len());
    for &(i, _) in &d.claims[full.len()..] {
        full.push(ctx.claim(i));
    }
    let claims: Vec<&Claim> = full.iter().map(|c| c.as_ref()).collect();
    let event = event_key(&claims);
    let (a, b) = (claims.first().copied(), claims.get(1).copied());
    let message = template::render(&rule.message, |f| {
        field(f, rule, a, b, event.as_deref(), d.parts.as_deref())
    });
    Finding {
        rule: rule.id.clone(),
        kind: rule.kind,
        severity: d.severity,
        message,
        reason: d.reason,
        event,
        claims: d
            .claims
            .iter()
            .zip(&claims)
            .map(|(&(_, role), c)| FindingClaim::new(c, role))
            .collect(),
    }
}

/// The event of a finding: the claims' shared explicit key, else the first claim's
/// place with the earliest date of the claims at that place ("aleppo/2017-04-19"),
/// else the first claim's own key.
fn event_key(claims: &[&Claim]) -> Option<String> {
    let first = claims.first()?;
    if let Some(e) = &first.event
        && claims.iter().all(|c| c.event.as_ref() == Some(e))
    {
        return Some(e.clone());
    }
    if let Some(place) = &first.place {
        let date = claims
            .iter()
            .filter(|c| c.place.as_ref() == Some(place))
            .filter_map(|c| c.date.or(c.doc_date))
            .min();
        if let Some(date) = date {
            return Some(format!("{place}/{date}"));
        }
    }
    first.event.clone()
}

/// A claim field for a message template.
fn claim_field(c: &Claim, f: &str) -> Option<String> {
    let or = |v: &Option<String>, none: &str| v.clone().unwrap_or_else(|| none.to_string());
    Some(match f {
        "source" => or(&c.source, &c.doc),
        "text" => c.text.clone(),
        "quantity" => written(c).to_string(),
        "value" => fmt_num(c.value),
        "low" => c.low.map_or_else(|| "unbounded".to_string(), fmt_num),
        "high" => c.high.map_or_else(|| "unbounded".to_string(), fmt_num),
        "interval" => c.interval().describe(),
        "date" => c
            .date
            .or(c.doc_date)
            .map_or_else(|| "undated".to_string(), |d| d.to_string()),
        "doc" => c.doc.clone(),
        "line" => c.line.to_string(),
        "column" => c.column.to_string(),
        "sentence" => c.sentence.trim().to_string(),
        "attribution" => or(&c.attribution, "unattributed"),
        "place" => or(&c.place, "unknown place"),
        "unit" => or(&c.unit, ""),
        "noun" => or(&c.noun, ""),
        "subject" => or(&c.subject, ""),
        "concept" => or(&c.concept, ""),
        _ => return None,
    })
}

fn field(
    f: &str,
    rule: &Rule,
    a: Option<&Claim>,
    b: Option<&Claim>,
    event: Option<&str>,
    parts: Option<&str>,
) -> Option<String> {
    if let Some((who, name)) = f.split_once('.') {
        let c = match who {
            "a" => a,
            "b" => b,
            _ => None,
        }?;
        return claim_field(c, name);
    }
    match f {
        "concept" | "subject" | "place" | "date" => claim_field(a?, f),
        "event" => Some(event.unwrap_or("").to_string()),
        "rule" => Some(rule.id.clone()),
        "kind" => Some(rule.kind.as_str().to_string()),
        "parts" => Some(parts.unwrap_or("").to_string()),
        _ => None,
    }
}

/// The quantity as written, or the whole mention when the quantity is missing.
pub(crate) fn written(c: &Claim) -> &str {
    let q = c.quantity.trim();
    if q.is_empty() { c.text.trim() } else { q }
}

/// "'at least 100' means 100 or more"
pub(crate) fn means(c: &Claim) -> String {
    let bound = |v: Option<f64>| v.filter(|v| !v.is_nan());
    let iv = Interval::new(bound(c.low), bound(c.high));
    format!("'{}' means {}", written(c), iv.describe())
}

/// " even allowing 10%" (empty without a tolerance).
pub(crate) fn margin(tol: Tolerance) -> String {
    let pct = (tol.rel * 100.0 * 1e6).round() / 1e6;
    match (tol.rel > 0.0, tol.abs > 0.0) {
        (false, false) => String::new(),
        (true, false) => format!(" even allowing {}%", fmt_num(pct)),
        (false, true) => format!(" even allowing {}", fmt_num(tol.abs)),
        (true, true) => format!(
            " even allowing {}% or {}, whichever is larger",
            fmt_num(pct),
            fmt_num(tol.abs)
        ),
    }
}

/// "'x' means ...; 'y' means ...: they cannot both be true even allowing 10%"
pub(crate) fn cannot_both(a: &Claim, b: &Claim, tol: Tolerance) -> String {
    format!(
        "{}; {}: they cannot both be true{}",
        means(a),
        means(b),
        margin(tol)
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::rules::CheckKind;

    #[test]
    fn reasons_in_words() {
        let a = claim("a", "at least 100");
        let b = claim("b", "some 80");
        assert_eq!(
            cannot_both(&a, &b, Tolerance::default()),
            "'at least 100' means 100 or more; 'some 80' means 72 to 88: they cannot both be true"
        );
        let cases = [
            (Tolerance { rel: 0.1, abs: 0.0 }, " even allowing 10%"),
            (
                Tolerance {
                    rel: 0.07,
                    abs: 0.0,
                },
                " even allowing 7%",
            ),
            (Tolerance { rel: 0.0, abs: 2.0 }, " even allowing 2"),
            (
                Tolerance { rel: 0.1, abs: 5.0 },
                " even allowing 10% or 5, whichever is larger",
            ),
        ];
        for (t, want) in cases {
            assert_eq!(margin(t), want);
        }
    }

    #[test]
    fn messages_and_event_keys() {
        let claims = vec![
            claim("a.txt", "16").at(3).attr("SOHR"),
            claim("b.txt", "40").source("Reuters").date("2017-04-18"),
        ];
        let ctx = Context::new(&claims);
        let mut r = rule(CheckKind::Disagreement);
        r.message = "{a.source}: {a.text} ({a.attribution}); {b.source}: {b.quantity} \
                     on {b.date}; {concept}/{subject} at {event} [{rule} {kind}] {b.nope} {parts}"
            .into();
        let f = finding(
            &r,
            &ctx,
            Draft {
                claims: vec![(0, "a"), (1, "b")],
                severity: Severity::Warning,
                reason: "r".into(),
                parts: None,
            },
        );
        assert_eq!(
            f.message,
            "a: 16 people (SOHR); Reuters: 40 on 2017-04-18; killed/people at \
             aleppo/2017-04-18 [test/disagreement disagreement] {b.nope} "
        );
        assert_eq!(f.event.as_deref(), Some("aleppo/2017-04-18"));
        assert_eq!(f.claims[1].role, "b");

        let evented = [claim("a", "1").event("e7"), claim("b", "2").event("e7")];
        let keys: Vec<&Claim> = evented.iter().collect();
        assert_eq!(event_key(&keys).as_deref(), Some("e7"));
        let nowhere = [claim("a", "1").no_place()];
        let keys: Vec<&Claim> = nowhere.iter().collect();
        assert_eq!(event_key(&keys), None);
    }
}
