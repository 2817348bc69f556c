//! The small string parameters of a rule: `tolerance` ("10%", "5", "10% or 5") and
//! `window` ("2d", "1w", "36h"), and the names of kinds, severities and scopes.
//!
//! Each parser returns a message fit to show the rule author on failure; the caller
//! adds the file position.

use super::{CheckKind, Scope, Severity, Tolerance};
use crate::quantity::Kind;

/// Claim kinds a rule may name in `kinds`.
pub const CLAIM_KINDS: [Kind; 5] = [
    Kind::Count,
    Kind::Percent,
    Kind::Currency,
    Kind::Measure,
    Kind::Ratio,
];

/// Parse a tolerance: a relative part (`"10%"`), an absolute part (`"5"`), or both
/// joined by `or` (`"10% or 5"`); the larger of the two applies when comparing.
pub fn parse_tolerance(s: &str) -> Result<Tolerance, String> {
    let mut tol = Tolerance::default();
    let (mut rel_seen, mut abs_seen) = (false, false);
    let text = s.trim();
    if text.is_empty() {
        return Err("empty tolerance".into());
    }
    for part in text.split(" or ") {
        let part = part.trim();
        if let Some(num) = part.strip_suffix('%') {
            if rel_seen {
                return Err(format!("tolerance `{s}` gives two percentages"));
            }
            let v = parse_non_negative(num.trim(), s)?;
            if v > 100.0 {
                return Err(format!("tolerance `{s}` is over 100%"));
            }
            tol.rel = v / 100.0;
            rel_seen = true;
        } else {
            if abs_seen {
                return Err(format!("tolerance `{s}` gives two absolute amounts"));
            }
            tol.abs = parse_non_negative(part, s)?;
            abs_seen = true;
        }
    }
    Ok(tol)
}

fn parse_non_negative(num: &str, whole: &str) -> Result<f64, String> {
    let ok = !num.is_empty()
        && num.chars().all(|c| c.is_ascii_digit() || c == '.')
        && num.chars().filter(|&c| c == '.').count() <= 1
        && num.chars().any(|c| c.is_ascii_digit());
    match num.parse::<f64>() {
        Ok(v) if ok && v.is_finite() => Ok(v),
        _ => Err(format!("cannot read `{num}` in tolerance `{whole}`")),
    }
}

/// Parse a window into whole days: `Nd` (days), `Nw` (weeks), `Nh` (hours, rounded
/// up to days). The long unit names (`2 days`, `1 week`, `36 hours`) are accepted too.
pub fn parse_window(s: &str) -> Result<i64, String> {
    let text = s.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (num, unit) = text.split_at(split);
    if num.is_empty() {
        return Err(format!("window `{s}` does not start with a whole number"));
    }
    let n: i64 = num
        .parse()
        .map_err(|_| format!("window `{s}` is too large"))?;
    let days = match unit.trim() {
        "d" | "day" | "days" => Some(n),
        "w" | "week" | "weeks" => n.checked_mul(7),
        "h" | "hour" | "hours" => Some(n / 24 + i64::from(n % 24 != 0)),
        "" => return Err(format!("window `{s}` has no unit")),
        other => return Err(format!("unknown unit `{other}` in window `{s}`")),
    };
    match days {
        Some(d) if d <= 36_600 => Ok(d),
        _ => Err(format!("window `{s}` is longer than a century")),
    }
}

pub fn parse_kind(s: &str) -> Option<CheckKind> {
    CheckKind::ALL.into_iter().find(|k| k.as_str() == s)
}

pub fn parse_severity(s: &str) -> Option<Severity> {
    [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .find(|k| k.as_str() == s)
}

pub fn parse_claim_kind(s: &str) -> Option<Kind> {
    CLAIM_KINDS.into_iter().find(|k| k.as_str() == s)
}

pub fn parse_scope(s: &str) -> Option<Scope> {
    match s {
        "event" => Some(Scope::Event),
        "document" => Some(Scope::Document),
        "corpus" => Some(Scope::Corpus),
        _ => None,
    }
}

pub fn scope_str(s: Scope) -> &'static str {
    match s {
        Scope::Event => "event",
        Scope::Document => "document",
        Scope::Corpus => "corpus",
    }
}

/// The scope a kind compares in when the rule does not say.
pub fn default_scope(kind: CheckKind) -> Scope {
    match kind {
        CheckKind::Disagreement | CheckKind::Attribution | CheckKind::Trend => Scope::Event,
        CheckKind::Inconsistency | CheckKind::PartWhole | CheckKind::Sum | CheckKind::Bounds => {
            Scope::Document
        }
    }
}

/// The message a kind uses when the rule does not give one.
pub fn default_message(kind: CheckKind) -> &'static str {
    match kind {
        CheckKind::Disagreement => "{a.source} says {a.text}, {b.source} says {b.text}",
        CheckKind::Inconsistency => "the same article says {a.text} and {b.text}",
        CheckKind::PartWhole => "the part ({a.text}) is larger than its whole ({b.text})",
        CheckKind::Sum => "the parts ({parts}) do not fit the stated total ({a.text})",
        CheckKind::Bounds => "{a.text} is outside the allowed range",
        CheckKind::Trend => {
            "the running tally falls from {a.text} ({a.source}, {a.date}) to {b.text} ({b.source}, {b.date})"
        }
        CheckKind::Attribution => {
            "{a.attribution} is quoted as saying {a.text} by {a.source} and {b.text} by {b.source}"
        }
    }
}

/// Tolerance in words, for `recount rules ID`.
pub fn tolerance_str(t: Tolerance) -> String {
    match (t.rel > 0.0, t.abs > 0.0) {
        (false, false) => "none".into(),
        (true, false) => format!("{}%", fmt_num(t.rel * 100.0)),
        (false, true) => fmt_num(t.abs),
        (true, true) => format!("{}% or {}", fmt_num(t.rel * 100.0), fmt_num(t.abs)),
    }
}

/// A number without a trailing `.0`, rounded to six decimals to hide float noise.
pub fn fmt_num(v: f64) -> String {
    let r = (v * 1e6).round() / 1e6;
    let s = format!("{r}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerances() {
        let ok: &[(&str, f64, f64)] = &[
            ("10%", 0.10, 0.0),
            ("5", 0.0, 5.0),
            ("10% or 5", 0.10, 5.0),
            ("5 or 10%", 0.10, 5.0),
            (" 2.5 % ", 0.025, 0.0),
            ("0", 0.0, 0.0),
            ("100%", 1.0, 0.0),
        ];
        for &(s, rel, abs) in ok {
            let t = parse_tolerance(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert!((t.rel - rel).abs() < 1e-12, "{s}: rel {}", t.rel);
            assert!((t.abs - abs).abs() < 1e-12, "{s}: abs {}", t.abs);
        }
        for s in [
            "",
            "ten",
            "-5",
            "10%%",
            "10% or 5%",
            "5 or 6",
            "150%",
            "1e3",
            "5 and 10%",
            ".",
            "10% or",
        ] {
            assert!(parse_tolerance(s).is_err(), "{s:?} should fail");
        }
    }

    #[test]
    fn windows() {
        let ok: &[(&str, i64)] = &[
            ("2d", 2),
            ("0d", 0),
            ("1w", 7),
            ("3 weeks", 21),
            ("36h", 2),
            ("24h", 1),
            ("1h", 1),
            ("0h", 0),
            ("10 days", 10),
            ("1 day", 1),
        ];
        for &(s, d) in ok {
            assert_eq!(parse_window(s), Ok(d), "{s}");
        }
        for s in [
            "",
            "d",
            "2",
            "2x",
            "-1d",
            "2.5d",
            "99999999999999999999d",
            "9999999w",
        ] {
            assert!(parse_window(s).is_err(), "{s:?} should fail");
        }
    }

    #[test]
    fn names() {
        for k in CheckKind::ALL {
            assert_eq!(parse_kind(k.as_str()), Some(k));
        }
        assert_eq!(parse_kind("sums"), None);
        assert_eq!(parse_severity("warning"), Some(Severity::Warning));
        assert_eq!(parse_severity("fatal"), None);
        assert_eq!(parse_claim_kind("percent"), Some(Kind::Percent));
        assert_eq!(parse_scope("corpus"), Some(Scope::Corpus));
        for s in [Scope::Event, Scope::Document, Scope::Corpus] {
            assert_eq!(parse_scope(scope_str(s)), Some(s));
        }
    }

    #[test]
    fn tolerance_words() {
        for (s, w) in [
            ("0", "none"),
            ("10%", "10%"),
            ("5", "5"),
            ("12.5% or 3", "12.5% or 3"),
        ] {
            assert_eq!(tolerance_str(parse_tolerance(s).unwrap()), w);
        }
    }

    #[test]
    fn default_messages_are_valid_templates() {
        for k in CheckKind::ALL {
            assert!(
                super::super::template::validate(default_message(k)).is_ok(),
                "{k}"
            );
        }
    }
}
