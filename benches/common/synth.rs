//! Synthetic claims for the check benchmarks: deterministic, no dependency.

// Each benchmark uses a part of it.
#![allow(dead_code)]

use recount::claim::{Claim, Frame};
use recount::corpus::Section;
use recount::quantity::{Kind, Qualifier, interval_for};
use recount::rules::{CheckKind, Location, Rule, RuleSet, Scope, Severity, Tolerance};
use std::collections::VecDeque;

/// A small linear congruential generator: deterministic, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const PLACES: u64 = 2000;
/// Days a batch of a million claims spans; batches of other sizes span days in
/// proportion, so that events per place and day (what the checks' work per claim
/// depends on) stay the same whatever the size: a larger archive covers more time.
const DAYS_PER_MILLION: u64 = 1500;

struct Doc {
    id: String,
    source: String,
    place: String,
    date: jiff::civil::Date,
    n: usize,
}

impl Doc {
    fn claim(&mut self, section: Section, q: Qualifier, v: f64, kind: Kind) -> Claim {
        self.n += 1;
        let iv = interval_for(q, v, kind);
        let quantity = match q {
            Qualifier::AtLeast => format!("at least {v}"),
            Qualifier::Approx => format!("some {v}"),
            Qualifier::MoreThan => format!("more than {v}"),
            _ => format!("{v}"),
        };
        let start = self.n * 40;
        Claim {
            id: format!("{}#{}", self.id, self.n),
            doc: self.id.clone(),
            section,
            start,
            end: start + quantity.len() + 7,
            line: 1,
            column: start as u32 + 1,
            text: format!("{quantity} people"),
            quantity,
            value: v,
            low: iv.low,
            high: iv.high,
            qualifier: q,
            kind,
            unit: None,
            noun: None,
            concept: Some("killed".into()),
            subject: Some("people".into()),
            predicate: Some("kill".into()),
            trend: None,
            part_of: None,
            group: None,
            attribution: None,
            date: Some(self.date),
            place: Some(self.place.clone()),
            source: Some(self.source.clone()),
            event: None,
            doc_date: Some(self.date),
            frame: Frame::Incident,
            additional: false,
            partial: false,
            sentence: format!("In report {}, a bomb killed people.", self.n),
        }
    }
}

/// Synthetic claims, an endless deterministic stream: many events (a place and a day,
/// a few places busier than the rest), several documents each, a few concepts and
/// subjects, parts, coordinated figures, running tallies, percentages, attributed
/// figures, and some documents that disagree with the rest.
pub struct Synth {
    rng: Lcg,
    base: jiff::civil::Date,
    doc_no: u64,
    pending: VecDeque<Claim>,
    days: u64,
}

impl Synth {
    /// The stream for a batch of about `n` claims.
    pub fn new(n: usize) -> Self {
        Synth {
            days: (DAYS_PER_MILLION * n as u64 / 1_000_000).max(1),
            rng: Lcg(2017),
            base: jiff::civil::date(2013, 1, 1),
            doc_no: 0,
            pending: VecDeque::new(),
        }
    }

    /// The claims of the documents of one more event.
    fn event(&mut self) {
        // a few busy places see more events than the rest
        let place = if self.rng.chance(5) {
            self.rng.below(10)
        } else {
            self.rng.below(PLACES)
        };
        let day = self.rng.below(self.days) as i64;
        let date = self
            .base
            .checked_add(jiff::Span::new().days(day))
            .unwrap_or(self.base);
        let toll = 3.0 + self.rng.below(120) as f64;
        let wounded = toll * 2.0 + self.rng.below(20) as f64;
        let docs = 3 + self.rng.below(4);
        for _ in 0..docs {
            self.doc_no += 1;
            let mut d = Doc {
                id: format!("corpus.csv#{}", self.doc_no),
                source: format!("outlet{}", self.rng.below(40)),
                place: format!("place{place}"),
                date: date
                    .checked_add(jiff::Span::new().days(self.rng.below(2) as i64))
                    .unwrap_or(date),
                n: 0,
            };
            let disagrees = self.rng.chance(5);
            let figure = if disagrees { toll * 2.0 + 5.0 } else { toll };
            let q = match self.rng.below(4) {
                0 => Qualifier::AtLeast,
                1 => Qualifier::Approx,
                _ => Qualifier::Exact,
            };
            self.pending
                .push_back(d.claim(Section::Title, Qualifier::Exact, figure, Kind::Count));
            let mut body = d.claim(Section::Body, q, figure, Kind::Count);
            if self.rng.chance(30) {
                body.attribution = Some("the Syrian Observatory for Human Rights".into());
            }
            let whole = body.id.clone();
            self.pending.push_back(body);
            if self.rng.chance(20) {
                // an earlier toll beside the update
                self.pending.push_back(d.claim(
                    Section::Body,
                    Qualifier::Exact,
                    (figure / 2.0).floor(),
                    Kind::Count,
                ));
            }
            let mut w = d.claim(Section::Body, Qualifier::Exact, wounded, Kind::Count);
            w.concept = Some("wounded".into());
            w.predicate = Some("wound".into());
            self.pending.push_back(w);
            let mut part = d.claim(
                Section::Body,
                Qualifier::Exact,
                (toll / 3.0).floor() + if self.rng.chance(2) { toll } else { 0.0 },
                Kind::Count,
            );
            part.subject = Some("people.civilians.children".into());
            part.part_of = Some(whole);
            self.pending.push_back(part);
            if self.rng.chance(30) {
                let g = format!("{}#g", d.id);
                let extra = if self.rng.chance(5) { 3.0 } else { 0.0 };
                for v in [toll - 2.0, 2.0 + extra] {
                    let mut c = d.claim(Section::Body, Qualifier::Exact, v.max(1.0), Kind::Count);
                    c.subject = Some("people.fighters".into());
                    c.group = Some(g.clone());
                    self.pending.push_back(c);
                }
            }
            if self.rng.chance(25) {
                let pct = if self.rng.chance(3) {
                    112.0
                } else {
                    self.rng.below(100) as f64
                };
                let mut c = d.claim(Section::Body, Qualifier::Exact, pct, Kind::Percent);
                c.concept = None;
                c.subject = None;
                self.pending.push_back(c);
            }
            if self.rng.chance(15) {
                let tally =
                    300.0 + (day as f64) * 2.0 - if self.rng.chance(5) { 150.0 } else { 0.0 };
                let mut c = d.claim(Section::Body, Qualifier::Exact, tally, Kind::Count);
                c.concept = Some("strikes".into());
                c.subject = None;
                c.frame = Frame::Since;
                c.place = Some("syria".into());
                c.sentence = "Since August, more than N air strikes.".into();
                self.pending.push_back(c);
            }
        }
    }
}

impl Iterator for Synth {
    type Item = Claim;

    fn next(&mut self) -> Option<Claim> {
        while self.pending.is_empty() {
            self.event();
        }
        self.pending.pop_front()
    }
}

/// The first `n` synthetic claims.
pub fn generate(n: usize) -> Vec<Claim> {
    let mut out = Vec::with_capacity(n);
    out.extend(Synth::new(n).take(n));
    out
}

pub fn rule(id: &str, kind: CheckKind) -> Rule {
    Rule {
        id: id.to_string(),
        pack: id.split('/').next().unwrap_or("").to_string(),
        kind,
        severity: Severity::Warning,
        description: String::new(),
        concepts: vec!["killed".into(), "wounded".into()],
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

/// Rules like the default packs' casualty, strike and general rules, built in code so
/// that the benchmark does not move with the packs.
pub fn rules() -> RuleSet {
    let mut disagreement = rule("casualties/toll-disagreement", CheckKind::Disagreement);
    disagreement.tolerance = Tolerance { rel: 0.1, abs: 0.0 };
    disagreement.revisions = true;
    let mut attribution = rule("casualties/source-misquoted", CheckKind::Attribution);
    attribution.tolerance = Tolerance { rel: 0.1, abs: 0.0 };
    let mut percent = rule("general/percent-over-100", CheckKind::Bounds);
    percent.concepts.clear();
    percent.kinds = vec![Kind::Percent];
    percent.min = Some(0.0);
    percent.max = Some(100.0);
    let mut negative = rule("general/negative-count", CheckKind::Bounds);
    negative.concepts.clear();
    negative.min = Some(0.0);
    let mut tally = rule("strikes/tally-falls", CheckKind::Trend);
    tally.concepts = vec!["strikes".into()];
    tally.window_days = 60;
    RuleSet {
        rules: vec![
            disagreement,
            rule("casualties/headline-mismatch", CheckKind::Inconsistency),
            rule("casualties/part-exceeds-whole", CheckKind::PartWhole),
            rule("casualties/parts-exceed-total", CheckKind::Sum),
            percent,
            negative,
            tally,
            attribution,
        ],
        ..RuleSet::default()
    }
}
