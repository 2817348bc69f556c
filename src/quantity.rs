//! Quantities as intervals: the qualifier and kind vocabularies and the interval
//! arithmetic every check relies on.
//!
//! An interval is closed, with `None` standing for an unbounded end. Counts are
//! integers (bounds are rounded inward to whole numbers); percentages, currency and
//! measures keep their decimals. The table of DESIGN.md "Intervals" lives in
//! [`interval_for`].

use serde::{Deserialize, Serialize};
use std::fmt;

/// How a number is hedged in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "38 militants", "exactly 12"
    Exact,
    /// "about", "around", "some", "roughly", "approximately", "an estimated", "N or so"
    Approx,
    /// "at least", "no fewer than", "N or more"
    AtLeast,
    /// "more than", "over", "upwards of", "in excess of", "N+"
    MoreThan,
    /// "at most", "up to", "no more than", "as many as"
    AtMost,
    /// "fewer than", "less than", "under"
    LessThan,
    /// "nearly", "almost", "close to", "just under"
    Nearly,
    /// "between A and B", "A to B", "A-B"
    Range,
    /// "a few", "several", "dozens", "hundreds", ...
    Vague,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtMost => "at_most",
            Qualifier::LessThan => "less_than",
            Qualifier::Nearly => "nearly",
            Qualifier::Range => "range",
            Qualifier::Vague => "vague",
        }
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What sort of quantity a claim is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Count,
    Percent,
    Currency,
    Measure,
    Ratio,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Percent => "percent",
            Kind::Currency => "currency",
            Kind::Measure => "measure",
            Kind::Ratio => "ratio",
        }
    }

    /// Counts are whole numbers; everything else keeps decimals.
    pub fn is_integral(self) -> bool {
        matches!(self, Kind::Count)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Direction of a number that states a change ("rose 5%", "down 12").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Up,
    Down,
}

impl Trend {
    /// The name JSON output gives it.
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Up => "up",
            Trend::Down => "down",
        }
    }
}

/// A closed interval; `None` is an unbounded end.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl Interval {
    pub const fn new(low: Option<f64>, high: Option<f64>) -> Self {
        Interval { low, high }
    }

    pub const fn exact(v: f64) -> Self {
        Interval {
            low: Some(v),
            high: Some(v),
        }
    }

    pub const fn between(low: f64, high: f64) -> Self {
        Interval {
            low: Some(low),
            high: Some(high),
        }
    }

    pub const fn at_least(v: f64) -> Self {
        Interval {
            low: Some(v),
            high: None,
        }
    }

    pub fn lo(&self) -> f64 {
        self.low.unwrap_or(f64::NEG_INFINITY)
    }

    pub fn hi(&self) -> f64 {
        self.high.unwrap_or(f64::INFINITY)
    }

    pub fn overlaps(&self, other: &Interval) -> bool {
        self.lo() <= other.hi() && other.lo() <= self.hi()
    }

    pub fn contains(&self, v: f64) -> bool {
        self.lo() <= v && v <= self.hi()
    }

    /// Widen both ends by a tolerance: `rel` is a fraction of the bound (0.1 = 10%),
    /// `abs` an absolute amount; the larger of the two applies to each end.
    pub fn widen(&self, rel: f64, abs: f64) -> Interval {
        let grow = |v: f64| (v.abs() * rel).max(abs);
        Interval {
            low: self.low.map(|l| l - grow(l)),
            high: self.high.map(|h| h + grow(h)),
        }
    }

    /// Multiply both ends (a vague multiplier times a scale: "several dozen").
    pub fn scale(&self, by: f64) -> Interval {
        Interval {
            low: self.low.map(|l| l * by),
            high: self.high.map(|h| h * by),
        }
    }

    /// The interval in words, as findings explain it: "100 or more", "72 to 88",
    /// "exactly 16", "at most 40".
    pub fn describe(&self) -> String {
        match (self.low, self.high) {
            (Some(l), Some(h)) if l == h => format!("exactly {}", fmt_num(l)),
            (Some(l), Some(h)) => format!("{} to {}", fmt_num(l), fmt_num(h)),
            (Some(l), None) => format!("{} or more", fmt_num(l)),
            (None, Some(h)) => format!("at most {}", fmt_num(h)),
            (None, None) => "any number".to_string(),
        }
    }
}

/// Format a number without a trailing `.0` and with no exponent for whole values.
pub fn fmt_num(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e17 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v}");
        s
    }
}

/// `floor` and `ceil` that forgive the float error of products like 1.1 * 350.
fn floor_e(x: f64) -> f64 {
    (x + 1e-9).floor()
}

fn ceil_e(x: f64) -> f64 {
    (x - 1e-9).ceil()
}

/// The interval a qualifier gives to a single written value (DESIGN.md "Intervals").
///
/// Counts round inward to whole numbers: "more than 700" is [701, inf),
/// "nearly 100" is [90, 99], "some 350" is [315, 385]. Other kinds keep decimals and
/// treat strict bounds as the value itself ("more than 70 percent" is [70, inf)),
/// because a strict bound on a continuous quantity has no next value.
/// `Range` and `Vague` are built by the grammar from their own bounds and are returned
/// here as the exact value.
pub fn interval_for(q: Qualifier, v: f64, kind: Kind) -> Interval {
    let int = kind.is_integral();
    match q {
        Qualifier::Exact | Qualifier::Range | Qualifier::Vague => Interval::exact(v),
        Qualifier::MoreThan => Interval::at_least(if int { v.floor() + 1.0 } else { v }),
        Qualifier::AtLeast => Interval::at_least(v),
        Qualifier::LessThan => Interval::new(
            Some(0.0),
            Some(if int { (v.ceil() - 1.0).max(0.0) } else { v }),
        ),
        Qualifier::AtMost => Interval::new(Some(0.0), Some(v)),
        Qualifier::Nearly => {
            let lo = ceil_e(0.9 * v);
            let hi = if int { (v.ceil() - 1.0).max(lo) } else { v };
            Interval::between(if int { lo } else { 0.9 * v }, hi)
        }
        Qualifier::Approx => {
            if int {
                Interval::between(floor_e(0.9 * v), ceil_e(1.1 * v))
            } else {
                Interval::between(0.9 * v, 1.1 * v)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn design_table() {
        let cases: &[(Qualifier, f64, Option<f64>, Option<f64>)] = &[
            (Qualifier::Exact, 38.0, Some(38.0), Some(38.0)),
            (Qualifier::MoreThan, 700.0, Some(701.0), None),
            (Qualifier::AtLeast, 16.0, Some(16.0), None),
            (Qualifier::LessThan, 10.0, Some(0.0), Some(9.0)),
            (Qualifier::AtMost, 40.0, Some(0.0), Some(40.0)),
            (Qualifier::Nearly, 100.0, Some(90.0), Some(99.0)),
            (Qualifier::Nearly, 50.0, Some(45.0), Some(49.0)),
            (Qualifier::Approx, 350.0, Some(315.0), Some(385.0)),
            (Qualifier::Approx, 80.0, Some(72.0), Some(88.0)),
            (Qualifier::LessThan, 0.0, Some(0.0), Some(0.0)),
        ];
        for &(q, v, lo, hi) in cases {
            let i = interval_for(q, v, Kind::Count);
            assert_eq!((i.low, i.high), (lo, hi), "{q} {v}");
        }
    }

    #[test]
    fn percent_keeps_decimals() {
        let i = interval_for(Qualifier::MoreThan, 70.0, Kind::Percent);
        assert_eq!((i.low, i.high), (Some(70.0), None));
    }

    #[test]
    fn describe_reads_like_a_person() {
        assert_eq!(Interval::at_least(100.0).describe(), "100 or more");
        assert_eq!(Interval::between(72.0, 88.0).describe(), "72 to 88");
        assert_eq!(Interval::exact(16.0).describe(), "exactly 16");
    }

    #[test]
    fn overlap_and_widen() {
        let a = Interval::at_least(58.0);
        let b = Interval::exact(72.0);
        assert!(a.overlaps(&b));
        let c = Interval::between(72.0, 88.0);
        assert!(!c.overlaps(&Interval::at_least(100.0)));
        assert!(
            Interval::exact(30.0)
                .widen(0.1, 0.0)
                .overlaps(&Interval::exact(32.0))
        );
    }
}
