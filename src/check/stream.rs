//! The check as a map over documents and a reduce over what they keep, so that a
//! corpus of any size is checked with memory for its comparable claims only.
//!
//! - [`Plan::map`] takes one document's claims (on any thread). It runs the checks
//!   that look within one document (`inconsistency`, `part-whole`, `sum`, `bounds`)
//!   and picks the claims a cross-document check (`disagreement`, `attribution`,
//!   `trend`) could compare: claims with a concept that can stand for a whole figure
//!   or a running tally, of a kind some such rule looks at. On FA-KES that is about a
//!   third of the claims.
//! - [`Reducer::add`] takes the mapped documents in turn and keeps, for each claim
//!   picked, its compact index entry ([`Info`], about 100 bytes) with the strings it
//!   names interned. The full claims stay wherever the caller keeps them.
//! - [`Reducer::finish`] runs the cross-document checks over those entries and asks
//!   the caller for a full claim only when it goes into a finding.
//!
//! [`crate::check::run_rules`] is this map and reduce over claims in memory; the
//! findings are the same as checking the whole batch at once.

use super::context::{Context, Info, Names, Owned, Source, present, rule_kinds};
use super::{Finding, check_rule, sort_findings};
use crate::claim::Claim;
use crate::quantity::Kind;
use crate::rules::{CheckKind, Rule};
use rayon::prelude::*;
use std::borrow::Borrow;

/// The rules of a run split by reach: within one document, or across documents.
pub struct Plan<'r> {
    within: Vec<&'r Rule>,
    across: Vec<&'r Rule>,
    /// The kinds of claim some cross-document rule looks at.
    across_kinds: Vec<Kind>,
}

/// Whether a check kind compares claims of different documents.
fn across(kind: CheckKind) -> bool {
    match kind {
        CheckKind::Disagreement | CheckKind::Attribution | CheckKind::Trend => true,
        CheckKind::Inconsistency | CheckKind::PartWhole | CheckKind::Sum | CheckKind::Bounds => {
            false
        }
    }
}

/// A claim's normalised attribution and tally anchor, where it has them.
type Keys = (Option<String>, Option<String>);

/// What one document leaves for the reduce: its in-document findings and the claims
/// the cross-document checks may compare.
pub struct Mapped<C> {
    /// Findings of the in-document checks, in no particular order.
    findings: Vec<Finding>,
    /// The claims kept, in document order.
    kept: Vec<C>,
    /// Index entries of the kept claims, with this document's own ids.
    info: Vec<Info>,
    /// Normalised attribution and tally anchor of each kept claim, where it has one.
    keys: Vec<Keys>,
    /// Claims the document had.
    claims: usize,
}

impl<C> Mapped<C> {
    /// The claims kept for the cross-document checks, in document order: the numbers
    /// [`Reducer::add`] gives them follow this order.
    pub fn kept(&self) -> &[C] {
        &self.kept
    }
}

impl<'r> Plan<'r> {
    pub fn new(rules: &'r [Rule]) -> Plan<'r> {
        let (across_rules, within): (Vec<&Rule>, Vec<&Rule>) =
            rules.iter().partition(|r| across(r.kind));
        let mut across_kinds = Vec::new();
        for &k in across_rules.iter().flat_map(|r| rule_kinds(r)) {
            if !across_kinds.contains(&k) {
                across_kinds.push(k);
            }
        }
        Plan {
            within,
            across: across_rules,
            across_kinds,
        }
    }

    /// Whether a cross-document check could compare the claim: `disagreement` and
    /// `attribution` compare whole figures, `trend` tallies.
    fn keeps(&self, f: &Info) -> bool {
        f.concept != 0 && (f.whole || f.tally()) && self.across_kinds.contains(&f.kind)
    }

    /// Check one document's claims (those of one `doc` id, in any order) on their own,
    /// and pick the claims the cross-document checks may compare.
    pub fn map<C: Borrow<Claim>>(&self, claims: Vec<C>) -> Mapped<C> {
        let n = claims.len();
        let (findings, picked) = {
            let ctx = Context::of(claims.iter().map(|c| c.borrow()).collect());
            let mut findings = Vec::new();
            for rule in &self.within {
                check_rule(rule, &ctx, &mut findings);
            }
            // The normalised attribution and tally anchor the context read, by id.
            let (attrs, anchors) = (ctx.attrs.list(), ctx.anchors.list());
            let key = |names: &[&str], id: u32| {
                (id != 0).then(|| {
                    names
                        .get(id as usize - 1)
                        .copied()
                        .unwrap_or_default()
                        .to_string()
                })
            };
            let picked: Vec<(u32, Info, Keys)> = ctx
                .order
                .iter()
                .map(|&i| (i, ctx.info(i)))
                .filter(|(_, f)| self.keeps(f))
                .map(|(i, f)| (i, f.clone(), (key(&attrs, f.attr), key(&anchors, f.anchor))))
                .collect();
            (findings, picked)
        };
        let mut slots: Vec<Option<C>> = claims.into_iter().map(Some).collect();
        let mut kept = Vec::with_capacity(picked.len());
        let mut info = Vec::with_capacity(picked.len());
        let mut keys = Vec::with_capacity(picked.len());
        for (i, f, k) in picked {
            let Some(c) = slots.get_mut(i as usize).and_then(Option::take) else {
                continue;
            };
            keys.push(k);
            info.push(f);
            kept.push(c);
        }
        Mapped {
            findings,
            kept,
            info,
            keys,
            claims: n,
        }
    }
}

/// One document in the reduce: its name and its kept claims' entries.
struct Doc {
    name: Box<str>,
    start: u32,
    end: u32,
}

/// The reduce: the kept claims of every document, indexed for the cross-document
/// checks. Claims are numbered from 0 in the order [`Reducer::add`] hands them back.
pub struct Reducer<'p, 'r> {
    plan: &'p Plan<'r>,
    findings: Vec<Finding>,
    info: Vec<Info>,
    docs: Vec<Doc>,
    concepts: Owned,
    subjects: Owned,
    places: Owned,
    events: Owned,
    sources: Owned,
    attrs: Owned,
    anchors: Owned,
    claims: usize,
}

/// The id of an optional name; blank is none (0), as in a [`Context`].
fn name_id(names: &mut Owned, s: Option<&str>) -> u32 {
    present(s).map_or(0, |s| names.id_of(s))
}

impl<'p, 'r> Reducer<'p, 'r> {
    pub fn new(plan: &'p Plan<'r>) -> Self {
        Reducer {
            plan,
            findings: Vec::new(),
            info: Vec::new(),
            docs: Vec::new(),
            concepts: Owned::new(),
            subjects: Owned::new(),
            places: Owned::new(),
            events: Owned::new(),
            sources: Owned::new(),
            attrs: Owned::new(),
            anchors: Owned::new(),
            claims: 0,
        }
    }

    /// Claims seen so far (kept or not).
    pub fn claims(&self) -> usize {
        self.claims
    }

    /// Claims kept so far: the next claim [`Reducer::add`] hands back has this number.
    pub fn kept(&self) -> usize {
        self.info.len()
    }

    /// Take one mapped document; hands back its kept claims, numbered on from
    /// [`Reducer::kept`], for the caller to keep or to store for
    /// [`Reducer::finish`]'s `fetch`.
    pub fn add<C: Borrow<Claim>>(&mut self, m: Mapped<C>) -> Vec<C> {
        self.claims += m.claims;
        self.findings.extend(m.findings);
        let Some(first) = m.kept.first() else {
            return m.kept;
        };
        let doc = self.docs.len() as u32 + 1;
        let start = self.info.len() as u32;
        self.docs.push(Doc {
            name: first.borrow().doc.as_str().into(),
            start,
            end: start + m.kept.len() as u32,
        });
        for ((c, mut f), (attr, anchor)) in m.kept.iter().zip(m.info).zip(m.keys) {
            let c: &Claim = c.borrow();
            f.doc = doc;
            f.concept = name_id(&mut self.concepts, c.concept.as_deref());
            f.subject = name_id(&mut self.subjects, c.subject.as_deref());
            f.place = name_id(&mut self.places, c.place.as_deref());
            f.event = name_id(&mut self.events, c.event.as_deref());
            f.source = name_id(&mut self.sources, c.source.as_deref());
            f.attr = attr.map_or(0, |a| self.attrs.id(a));
            f.anchor = anchor.map_or(0, |a| self.anchors.id(a));
            // Groups are read within one document only.
            f.group = 0;
            self.info.push(f);
        }
        m.kept
    }

    /// Run the cross-document checks and return every finding, sorted. `fetch` gives
    /// a kept claim in full by its number; it is asked only for claims that go into
    /// findings (`None`: it cannot be read, and the finding shows it as unreadable).
    pub fn finish(self, fetch: &(dyn Fn(u32) -> Option<Claim> + Sync)) -> Vec<Finding> {
        self.finish_with(Source::Fetch(fetch))
    }

    pub(crate) fn finish_with(mut self, claims: Source<'_>) -> Vec<Finding> {
        // Documents in name order (a name given twice: in the order added), each with
        // its claims in document order.
        let mut docs = std::mem::take(&mut self.docs);
        docs.sort_by(|a, b| a.name.cmp(&b.name));
        let mut order = Vec::with_capacity(self.info.len());
        let mut ranges = Vec::with_capacity(docs.len());
        for d in &docs {
            let from = order.len();
            order.extend(d.start..d.end);
            ranges.push(from..order.len());
        }
        drop(docs);
        for (rank, &i) in order.iter().enumerate() {
            self.info[i as usize].rank = rank as u32;
        }
        let concepts = Names::from_list(self.concepts.list());
        let subjects = Names::from_list(self.subjects.list());
        let ctx = Context::assembled(claims, self.info, order, ranges, concepts, subjects);
        let across: Vec<Finding> = self
            .plan
            .across
            .par_iter()
            .flat_map_iter(|rule| {
                let mut found = Vec::new();
                check_rule(rule, &ctx, &mut found);
                found
            })
            .collect();
        let mut out = self.findings;
        out.extend(across);
        sort_findings(&mut out);
        out
    }
}

/// The claims of a batch by document: the claims of each `doc` id together, in the
/// batch's order.
pub(crate) fn by_document(claims: &[Claim]) -> Vec<Vec<&Claim>> {
    use super::context::FastMap;
    // Usually each document's claims come together: one pass finds the runs.
    let mut runs: Vec<Vec<&Claim>> = Vec::new();
    let mut seen: FastMap<&str, ()> = FastMap::default();
    let mut together = true;
    for c in claims {
        match runs.last_mut() {
            Some(run) if run[0].doc == c.doc => run.push(c),
            _ => {
                together &= seen.insert(c.doc.as_str(), ()).is_none();
                runs.push(vec![c]);
            }
        }
    }
    if together {
        return runs;
    }
    let mut idx: Vec<u32> = (0..claims.len() as u32).collect();
    idx.par_sort_by(|&a, &b| claims[a as usize].doc.cmp(&claims[b as usize].doc));
    let mut out: Vec<Vec<&Claim>> = Vec::new();
    for i in idx {
        let c = &claims[i as usize];
        match out.last_mut() {
            Some(run) if run[0].doc == c.doc => run.push(c),
            _ => out.push(vec![c]),
        }
    }
    out
}
