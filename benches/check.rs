//! Check throughput: `check::run` over synthetic claims with rules like the default
//! packs', one thread, then all threads. Run with `cargo bench --bench check`; an
//! argument (or `RECOUNT_BENCH_CLAIMS`) sets the number of claims, 1,000,000 by
//! default.
//!
//! The batch is generated deterministically: many events (a place and a day, a few
//! places busier than the rest), several documents each, a few concepts and
//! subjects, parts, coordinated figures, running tallies, percentages, attributed
//! figures, and some documents that disagree with the rest.

use recount::check;
use recount::claim::{Claim, Frame};
use recount::corpus::Section;
use recount::quantity::{Kind, Qualifier, interval_for};
use recount::rules::{CheckKind, Location, Rule, RuleSet, Scope, Severity, Tolerance};
use std::time::Instant;

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
const DAYS: i64 = 1500;

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

fn generate(n: usize) -> Vec<Claim> {
    let mut rng = Lcg(2017);
    let mut out = Vec::with_capacity(n + 64);
    let base = jiff::civil::date(2013, 1, 1);
    let mut doc_no = 0u64;
    while out.len() < n {
        // a few busy places see more events than the rest
        let place = if rng.chance(5) {
            rng.below(10)
        } else {
            rng.below(PLACES)
        };
        let day = rng.below(DAYS as u64) as i64;
        let date = base
            .checked_add(jiff::Span::new().days(day))
            .unwrap_or(base);
        let toll = 3.0 + rng.below(120) as f64;
        let wounded = toll * 2.0 + rng.below(20) as f64;
        let docs = 3 + rng.below(4);
        for _ in 0..docs {
            doc_no += 1;
            let mut d = Doc {
                id: format!("corpus.csv#{doc_no}"),
                source: format!("outlet{}", rng.below(40)),
                place: format!("place{place}"),
                date: date
                    .checked_add(jiff::Span::new().days(rng.below(2) as i64))
                    .unwrap_or(date),
                n: 0,
            };
            let disagrees = rng.chance(5);
            let figure = if disagrees { toll * 2.0 + 5.0 } else { toll };
            let q = match rng.below(4) {
                0 => Qualifier::AtLeast,
                1 => Qualifier::Approx,
                _ => Qualifier::Exact,
            };
            out.push(d.claim(Section::Title, Qualifier::Exact, figure, Kind::Count));
            let mut body = d.claim(Section::Body, q, figure, Kind::Count);
            if rng.chance(30) {
                body.attribution = Some("the Syrian Observatory for Human Rights".into());
            }
            let whole = body.id.clone();
            out.push(body);
            if rng.chance(20) {
                // an earlier toll beside the update
                out.push(d.claim(
                    Section::Body,
                    Qualifier::Exact,
                    (figure / 2.0).floor(),
                    Kind::Count,
                ));
            }
            let mut w = d.claim(Section::Body, Qualifier::Exact, wounded, Kind::Count);
            w.concept = Some("wounded".into());
            w.predicate = Some("wound".into());
            out.push(w);
            let mut part = d.claim(
                Section::Body,
                Qualifier::Exact,
                (toll / 3.0).floor() + if rng.chance(2) { toll } else { 0.0 },
                Kind::Count,
            );
            part.subject = Some("people.civilians.children".into());
            part.part_of = Some(whole);
            out.push(part);
            if rng.chance(30) {
                let g = format!("{}#g", d.id);
                let extra = if rng.chance(5) { 3.0 } else { 0.0 };
                for v in [toll - 2.0, 2.0 + extra] {
                    let mut c = d.claim(Section::Body, Qualifier::Exact, v.max(1.0), Kind::Count);
                    c.subject = Some("people.fighters".into());
                    c.group = Some(g.clone());
                    out.push(c);
                }
            }
            if rng.chance(25) {
                let pct = if rng.chance(3) {
                    112.0
                } else {
                    rng.below(100) as f64
                };
                let mut c = d.claim(Section::Body, Qualifier::Exact, pct, Kind::Percent);
                c.concept = None;
                c.subject = None;
                out.push(c);
            }
            if rng.chance(15) {
                let tally = 300.0 + (day as f64) * 2.0 - if rng.chance(5) { 150.0 } else { 0.0 };
                let mut c = d.claim(Section::Body, Qualifier::Exact, tally, Kind::Count);
                c.concept = Some("strikes".into());
                c.subject = None;
                c.frame = Frame::Since;
                c.place = Some("syria".into());
                c.sentence = "Since August, more than N air strikes.".into();
                out.push(c);
            }
        }
    }
    out.truncate(n);
    out
}

fn rule(id: &str, kind: CheckKind) -> Rule {
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

fn rules() -> RuleSet {
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

fn main() {
    let n = std::env::args()
        .skip(1)
        .find_map(|a| a.replace('_', "").parse::<usize>().ok())
        .or_else(|| {
            std::env::var("RECOUNT_BENCH_CLAIMS")
                .ok()
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(1_000_000);
    let t = Instant::now();
    let claims = generate(n);
    println!(
        "generated {} claims in {:.2} s",
        claims.len(),
        t.elapsed().as_secs_f64()
    );
    let rules = rules();

    per_rule(&rules, &claims);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map(|pool| pool.install(|| timed("1 thread", &rules, &claims)));
    if let Err(e) = one {
        eprintln!("no single-thread pool: {e}");
    }
    timed(
        &format!("{} threads", rayon::current_num_threads()),
        &rules,
        &claims,
    );
}

fn timed(label: &str, rules: &RuleSet, claims: &[Claim]) -> usize {
    let t = Instant::now();
    let found = check::run(rules, claims);
    let secs = t.elapsed().as_secs_f64();
    let mut by_rule: Vec<(&str, usize)> = Vec::new();
    for f in &found {
        match by_rule.iter_mut().find(|(r, _)| *r == f.rule) {
            Some((_, k)) => *k += 1,
            None => by_rule.push((&f.rule, 1)),
        }
    }
    by_rule.sort();
    println!(
        "check {label}: {} claims in {secs:.2} s = {:.0} claims/s, {} findings",
        claims.len(),
        claims.len() as f64 / secs.max(1e-9),
        found.len()
    );
    for (r, k) in by_rule {
        println!("  {r}: {k}");
    }
    found.len()
}

/// Where the time goes: indexing, then each rule on its own.
fn per_rule(rules: &RuleSet, claims: &[Claim]) {
    let t = Instant::now();
    let ctx = check::Context::new(claims);
    println!("  index: {:.2} s", t.elapsed().as_secs_f64());
    for r in &rules.rules {
        let t = Instant::now();
        let mut found = Vec::new();
        check::check_rule(r, &ctx, &mut found);
        println!(
            "  {}: {:.2} s, {} findings",
            r.id,
            t.elapsed().as_secs_f64(),
            found.len()
        );
    }
}
