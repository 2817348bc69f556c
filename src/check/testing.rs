//! Builders for hand-made rules and claims in the checks' unit tests.

use crate::claim::{Claim, Frame};
use crate::corpus::Section;
use crate::quantity::{Interval, Kind, Qualifier, Trend, interval_for};
use crate::rules::{CheckKind, Location, Rule, Scope, Severity, Tolerance};
use jiff::civil::Date;

/// A rule of the kind with neutral settings: event scope, a two-day window, no
/// tolerance, every concept and subject, counts only, severity error.
pub(crate) fn rule(kind: CheckKind) -> Rule {
    Rule {
        id: format!("test/{}", kind.as_str()),
        pack: "test".into(),
        kind,
        severity: Severity::Error,
        description: String::new(),
        concepts: Vec::new(),
        subjects: Vec::new(),
        kinds: Vec::new(),
        scope: Scope::Event,
        window_days: 2,
        tolerance: Tolerance::default(),
        min: None,
        max: None,
        revisions: false,
        message: "{a.source} says {a.text}, {b.source} says {b.text}".into(),
        doc: String::new(),
        examples: Vec::new(),
        location: Location::default(),
    }
}

fn date(d: &str) -> Date {
    d.parse().unwrap()
}

/// The qualifier and interval of a written quantity: "at least 100", "some 80",
/// "nearly 50", "up to 40", "fewer than 10", "20-30", "16".
fn read(written: &str) -> (Qualifier, f64, Interval) {
    let (q, rest) = [
        ("at least ", Qualifier::AtLeast),
        ("more than ", Qualifier::MoreThan),
        ("over ", Qualifier::MoreThan),
        ("some ", Qualifier::Approx),
        ("about ", Qualifier::Approx),
        ("nearly ", Qualifier::Nearly),
        ("up to ", Qualifier::AtMost),
        ("fewer than ", Qualifier::LessThan),
    ]
    .iter()
    .find_map(|(p, q)| written.strip_prefix(p).map(|r| (*q, r)))
    .unwrap_or((Qualifier::Exact, written));
    if let Some((a, b)) = rest.split_once('-') {
        let (a, b): (f64, f64) = (a.parse().unwrap(), b.parse().unwrap());
        return (Qualifier::Range, a, Interval::between(a, b));
    }
    let v: f64 = rest.parse().unwrap();
    (q, v, interval_for(q, v, Kind::Count))
}

/// A body claim "N people" killed in Aleppo on 2017-04-19, reported that day by the
/// outlet named after the document, at offset 0.
pub(crate) fn claim(doc: &str, written: &str) -> Claim {
    let (qualifier, value, iv) = read(written);
    let text = format!("{written} people");
    let d = date("2017-04-19");
    Claim {
        id: format!("{doc}#0"),
        doc: doc.to_string(),
        section: Section::Body,
        start: 0,
        end: text.len(),
        line: 1,
        column: 1,
        text: text.clone(),
        quantity: written.to_string(),
        value,
        low: iv.low,
        high: iv.high,
        qualifier,
        kind: Kind::Count,
        unit: Some("person".into()),
        noun: Some("people".into()),
        concept: Some("killed".into()),
        subject: Some("people".into()),
        predicate: Some("kill".into()),
        trend: None,
        part_of: None,
        group: None,
        attribution: None,
        date: Some(d),
        place: Some("aleppo".into()),
        source: Some(doc.trim_end_matches(".txt").to_string()),
        event: None,
        doc_date: Some(d),
        frame: Frame::Incident,
        additional: false,
        partial: false,
        sentence: format!("A bomb killed {text}."),
    }
}

/// Chained setters for test claims.
pub(crate) trait ClaimExt: Sized {
    fn with(self, f: impl FnOnce(&mut Claim)) -> Self;

    /// Byte offset; the id follows it (`doc#offset`).
    fn at(self, start: usize) -> Self {
        self.with(|c| {
            c.end = start + c.text.len();
            c.start = start;
            c.column = start as u32 + 1;
            c.id = format!("{}#{start}", c.doc);
        })
    }
    fn id(self, id: &str) -> Self {
        self.with(|c| c.id = id.to_string())
    }
    fn title(self) -> Self {
        self.with(|c| c.section = Section::Title)
    }
    fn concept(self, s: &str) -> Self {
        self.with(|c| c.concept = Some(s.to_string()))
    }
    fn no_concept(self) -> Self {
        self.with(|c| c.concept = None)
    }
    fn subject(self, s: &str) -> Self {
        self.with(|c| c.subject = Some(s.to_string()))
    }
    fn no_subject(self) -> Self {
        self.with(|c| c.subject = None)
    }
    fn place(self, s: &str) -> Self {
        self.with(|c| c.place = Some(s.to_string()))
    }
    fn no_place(self) -> Self {
        self.with(|c| c.place = None)
    }
    /// The claim's own date (the document's stays).
    fn date(self, d: &str) -> Self {
        self.with(|c| c.date = Some(date(d)))
    }
    /// The document's date, and the claim's with it.
    fn doc_date(self, d: &str) -> Self {
        self.with(|c| {
            c.doc_date = Some(date(d));
            c.date = Some(date(d));
        })
    }
    fn no_date(self) -> Self {
        self.with(|c| {
            c.date = None;
            c.doc_date = None;
        })
    }
    fn event(self, e: &str) -> Self {
        self.with(|c| c.event = Some(e.to_string()))
    }
    fn source(self, s: &str) -> Self {
        self.with(|c| c.source = Some(s.to_string()))
    }
    fn attr(self, a: &str) -> Self {
        self.with(|c| c.attribution = Some(a.to_string()))
    }
    fn pred(self, p: &str) -> Self {
        self.with(|c| c.predicate = Some(p.to_string()))
    }
    fn frame(self, f: Frame) -> Self {
        self.with(|c| c.frame = f)
    }
    fn part_of(self, id: &str) -> Self {
        self.with(|c| c.part_of = Some(id.to_string()))
    }
    fn group(self, g: &str) -> Self {
        self.with(|c| c.group = Some(g.to_string()))
    }
    fn additional(self) -> Self {
        self.with(|c| c.additional = true)
    }
    fn trend(self, t: Trend) -> Self {
        self.with(|c| c.trend = Some(t))
    }
    fn kind(self, k: Kind) -> Self {
        self.with(|c| {
            c.kind = k;
            if c.qualifier != Qualifier::Range {
                let iv = interval_for(c.qualifier, c.value, k);
                (c.low, c.high) = (iv.low, iv.high);
            }
            if k == Kind::Percent {
                c.text = format!("{}%", c.quantity);
                c.end = c.start + c.text.len();
            }
        })
    }
    fn sentence(self, s: &str) -> Self {
        self.with(|c| c.sentence = s.to_string())
    }
    fn text(self, t: &str) -> Self {
        self.with(|c| {
            c.text = t.to_string();
            c.end = c.start + t.len();
        })
    }
}

impl ClaimExt for Claim {
    fn with(mut self, f: impl FnOnce(&mut Claim)) -> Self {
        f(&mut self);
        self
    }
}

/// The findings' claims as `doc:text` pairs, for compact assertions.
pub(crate) fn pairs_of(found: &[crate::check::Finding]) -> Vec<Vec<String>> {
    found
        .iter()
        .map(|f| {
            f.claims
                .iter()
                .map(|c| format!("{}:{}", c.doc, c.quantity))
                .collect()
        })
        .collect()
}

/// Run one rule over claims through the public entry point.
pub(crate) fn findings(rule: &Rule, claims: &[Claim]) -> Vec<crate::check::Finding> {
    crate::check::run_rules(std::slice::from_ref(rule), claims)
}

/// The claims in reverse order.
pub(crate) fn reversed(claims: &[Claim]) -> Vec<Claim> {
    claims.iter().rev().cloned().collect()
}

/// The claims with documents `a` and `b` trading names (ids and links follow), so
/// that their order in the batch flips.
pub(crate) fn swap_docs(claims: &[Claim], a: &str, b: &str) -> Vec<Claim> {
    let swap = |s: &str| {
        if let Some(rest) = s.strip_prefix(a) {
            format!("{b}{rest}")
        } else if let Some(rest) = s.strip_prefix(b) {
            format!("{a}{rest}")
        } else {
            s.to_string()
        }
    };
    claims
        .iter()
        .cloned()
        .map(|mut c| {
            c.doc = swap(&c.doc);
            c.id = swap(&c.id);
            c.part_of = c.part_of.as_deref().map(swap);
            c.group = c.group.as_deref().map(swap);
            c.source = c.source.as_deref().map(swap);
            c
        })
        .collect()
}
