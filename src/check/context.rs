//! The batch indexed once for every rule: interned keys, positions, day numbers, and
//! which claims can stand for a whole-incident figure.

use crate::claim::{Claim, Frame};
use crate::corpus::Section;
use crate::quantity::{Interval, Kind};
use crate::rules::{Rule, Tolerance};
use jiff::civil::Date;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// A hash map with a fast hasher for short keys (ids, names, small integers) and a
/// fixed seed: the keys come from the batch itself, so hash flooding is not a concern.
/// The hash must mix every byte into the low bits the table indexes by: ids differ
/// mostly in their last digits.
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// A name that is there: not absent, not blank. Blank names count as none everywhere
/// in the checks.
pub(crate) fn present(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.trim().is_empty())
}

/// Strings of the batch as small ids; id 0 stands for "none".
#[derive(Default)]
pub(crate) struct Names<'a> {
    map: FastMap<&'a str, u32>,
    names: Vec<&'a str>,
}

impl<'a> Names<'a> {
    pub(crate) fn new() -> Self {
        Names {
            map: FastMap::default(),
            names: vec![""],
        }
    }

    /// Names given their ids: `list[k]` has id `k + 1`.
    pub(crate) fn from_list(list: Vec<&'a str>) -> Self {
        let mut names = Vec::with_capacity(list.len() + 1);
        names.push("");
        names.extend(list);
        let map = names
            .iter()
            .enumerate()
            .skip(1)
            .map(|(k, &s)| (s, k as u32))
            .collect();
        Names { map, names }
    }

    /// The id of a name; an absent or blank name is 0.
    pub(crate) fn id(&mut self, s: Option<&'a str>) -> u32 {
        match present(s) {
            Some(s) => {
                let names = &mut self.names;
                *self.map.entry(s).or_insert_with(|| {
                    names.push(s);
                    (names.len() - 1) as u32
                })
            }
            _ => 0,
        }
    }

    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        self.map.get(s).copied()
    }

    pub(crate) fn name(&self, id: u32) -> &'a str {
        self.names.get(id as usize).copied().unwrap_or("")
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }
}

/// Derived strings (normalised attributions, tally anchors) as small ids; 0 is none.
#[derive(Default)]
pub(crate) struct Owned {
    map: FastMap<String, u32>,
}

impl Owned {
    pub(crate) fn new() -> Self {
        Owned {
            map: FastMap::default(),
        }
    }

    pub(crate) fn id(&mut self, s: String) -> u32 {
        let next = self.map.len() as u32 + 1;
        *self.map.entry(s).or_insert(next)
    }

    /// The id of a string not yet owned: copied only when it is new.
    pub(crate) fn id_of(&mut self, s: &str) -> u32 {
        match self.map.get(s) {
            Some(&id) => id,
            None => self.id(s.to_string()),
        }
    }

    /// The strings in id order (id `k + 1` at `k`).
    pub(crate) fn list(&self) -> Vec<&str> {
        let mut v = vec![""; self.map.len()];
        for (s, &id) in &self.map {
            v[id as usize - 1] = s.as_str();
        }
        v
    }
}

/// The kinds of incident a sentence describes, as bits: a blast, a chemical
/// attack, bombardment from the air or by artillery, ground fighting, executions.
/// Two figures whose sentences both name a kind, and no kind in common, are about
/// different incidents ("a rocket bomb killed one person" and "a chemical massacre
/// killed hundreds").
pub(crate) fn incident_kinds(sentence: &str) -> u8 {
    const BLAST: u8 = 1;
    const CHEMICAL: u8 = 2;
    const BOMBARDMENT: u8 = 4;
    const GROUND: u8 = 8;
    const EXECUTION: u8 = 16;
    let mut kinds = 0;
    // Lowercased into a buffer on the stack: the words listed are ASCII and at most
    // 16 bytes, so a longer ASCII word names no kind.
    let mut buf = [0u8; 16];
    let mut owned: String;
    for w in sentence.split(|c: char| !c.is_alphanumeric() && c != '-') {
        if w.is_empty() {
            continue;
        }
        let w = if w.is_ascii() {
            let Some(b) = buf.get_mut(..w.len()) else {
                continue;
            };
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            match std::str::from_utf8(b) {
                Ok(w) => w,
                Err(_) => continue,
            }
        } else {
            // Some capitals lowercase to ASCII (the Kelvin sign to "k").
            owned = w.to_lowercase();
            owned.as_str()
        };
        kinds |= match w {
            "bomb" | "bombs" | "bombing" | "bombings" | "bomber" | "bombers" | "blast"
            | "blasts" | "explosion" | "explosions" | "explosive" | "explosives" | "exploded"
            | "suicide" | "car-bomb" | "ied" | "ieds" | "detonated" | "booby-trapped" => BLAST,
            "chemical" | "gas" | "sarin" | "chlorine" | "toxic" | "nerve" | "poison"
            | "poisonous" | "suffocation" => CHEMICAL,
            "airstrike" | "airstrikes" | "air" | "strikes" | "raid" | "raids" | "warplanes"
            | "jets" | "planes" | "aircraft" | "helicopter" | "helicopters" | "bombardment"
            | "barrel" | "shelling" | "shells" | "shelled" | "shell" | "rocket" | "rockets"
            | "mortar" | "mortars" | "artillery" | "missile" | "missiles" | "bombed"
            | "bombarded" => BOMBARDMENT,
            "clashes" | "clash" | "fighting" | "battle" | "battles" | "assault" | "offensive"
            | "ambush" | "gunfire" | "firefight" | "sniper" | "snipers" | "combat" => GROUND,
            "executed" | "execution" | "executions" | "beheaded" | "beheading" => EXECUTION,
            _ => 0,
        };
    }
    kinds
}

/// Bytes of a body that make its lead: the opening sentences, where a story states
/// its own figures. Later paragraphs often recount other incidents.
pub const LEAD_BYTES: usize = 500;

/// What the checks need of one claim, in a compact form.
#[derive(Clone, Debug)]
pub(crate) struct Info {
    /// In the title or the body's lead ([`LEAD_BYTES`]).
    pub lead: bool,
    /// [`incident_kinds`] of the claim's sentence, for a claim that may stand for a
    /// whole figure (`whole`, with a concept); 0 for others, which are never compared
    /// as such.
    pub incident: u8,
    /// Position of the claim in the batch ordered by document, section, offset.
    pub rank: u32,
    pub doc: u32,
    pub concept: u32,
    pub subject: u32,
    pub place: u32,
    pub event: u32,
    pub source: u32,
    /// Normalised attribution ("the Observatory" and "SOHR" are one).
    pub attr: u32,
    /// What a running tally counts from ("since august"), for `since` claims.
    pub anchor: u32,
    /// Coordination group, per document.
    pub group: u32,
    /// The claim's date (the sentence's, else the document's) as a day number.
    pub day: Option<i32>,
    /// The day the claim's document is placed on among other documents' events: the
    /// document's date, else the sentence's.
    pub event_day: Option<i32>,
    /// The document's date as a day number.
    pub doc_day: Option<i32>,
    /// When a running tally was reported: the sentence's date ("monitors said on
    /// October 20"), unless that date may be the tally's start ("since August 8"),
    /// then the document's.
    pub report_day: Option<i32>,
    /// Bounds with infinities for unbounded ends.
    pub lo: f64,
    pub hi: f64,
    pub kind: Kind,
    pub section: Section,
    pub frame: Frame,
    /// Not a part, not a sub-count ("four of them"), not an addition ("another 5"),
    /// not a change ("rose 5%").
    pub plain: bool,
    /// Whether the claim can stand for a whole-incident figure: plain, in the
    /// incident frame, and not one of several coordinated claims on one subject.
    pub whole: bool,
}

impl Info {
    /// A running tally that can be placed in time: a plain figure in the `since`
    /// frame with a report day.
    pub(crate) fn tally(&self) -> bool {
        self.frame == Frame::Since && self.plain && self.report_day.is_some()
    }

    pub(crate) fn interval(&self) -> Interval {
        let fin = |v: f64| v.is_finite().then_some(v);
        Interval::new(fin(self.lo), fin(self.hi))
    }
}

/// Where a context finds its claims in full (for findings' evidence).
pub(crate) enum Source<'a> {
    /// In memory.
    Refs(Vec<&'a Claim>),
    /// Read back on demand (from a spill file): `None` when it cannot be.
    Fetch(&'a (dyn Fn(u32) -> Option<Claim> + Sync)),
}

/// The claims of a batch indexed for the checks; built once by [`crate::check::run`]
/// and shared by every rule.
pub struct Context<'a> {
    claims: Source<'a>,
    pub(crate) info: Vec<Info>,
    /// Claim indices ordered by document, section, offset.
    pub(crate) order: Vec<u32>,
    /// One range of `order` per document, in document order.
    pub(crate) docs: Vec<Range<usize>>,
    by_id: FastMap<&'a str, u32>,
    /// Normalised attributions and tally anchors by id (empty in an assembled context).
    pub(crate) attrs: Owned,
    pub(crate) anchors: Owned,
    pub(crate) concepts: Names<'a>,
    pub(crate) subjects: Names<'a>,
}

/// A finite bound or an infinity; NaN counts as unbounded.
fn bound(v: Option<f64>, unbounded: f64) -> f64 {
    match v {
        Some(v) if !v.is_nan() => v,
        _ => unbounded,
    }
}

impl<'a> Context<'a> {
    pub fn new(claims: &'a [Claim]) -> Context<'a> {
        Context::of(claims.iter().collect())
    }

    /// The context of claims gathered from anywhere.
    pub(crate) fn of(claims: Vec<&'a Claim>) -> Context<'a> {
        let mut docs = Names::new();
        let mut concepts = Names::new();
        let mut subjects = Names::new();
        let mut places = Names::new();
        let mut events = Names::new();
        let mut sources = Names::new();
        let mut attrs = Owned::new();
        let mut raw_attrs: FastMap<&'a str, u32> = FastMap::default();
        let mut anchors = Owned::new();
        let mut groups: FastMap<(u32, &'a str), u32> = FastMap::default();
        let mut info = Vec::with_capacity(claims.len());
        for &c in &claims {
            let doc = docs.id(Some(c.doc.as_str()));
            let attr = match present(c.attribution.as_deref()) {
                Some(a) => match raw_attrs.get(a) {
                    Some(&id) => id,
                    None => {
                        let id = attrs.id(attribution_key(a));
                        raw_attrs.insert(a, id);
                        id
                    }
                },
                _ => 0,
            };
            let day = c.date.or(c.doc_date).map(day_number);
            // Documents are placed in events by their own dates: a corpus's date
            // column is often the incident's, and a sentence naming a date far from
            // it marks the claim as another event already (frame `other`).
            let event_day = c.doc_date.or(c.date).map(day_number);
            let doc_day = c.doc_date.map(day_number);
            let (anchor, report_day) = if c.frame == Frame::Since {
                let (anchor, dated) = since_anchor(&c.sentence);
                (
                    anchors.id(anchor),
                    if dated { doc_day.or(day) } else { day },
                )
            } else {
                (0, doc_day.or(day))
            };
            let group = match c.group.as_deref() {
                Some(g) => {
                    let next = groups.len() as u32 + 1;
                    *groups.entry((doc, g)).or_insert(next)
                }
                None => 0,
            };
            let plain = c.part_of.is_none() && !c.partial && !c.additional && c.trend.is_none();
            info.push(Info {
                lead: c.section == Section::Title || c.start < LEAD_BYTES,
                incident: 0,
                rank: 0,
                doc,
                concept: concepts.id(c.concept.as_deref()),
                subject: subjects.id(c.subject.as_deref()),
                place: places.id(c.place.as_deref()),
                event: events.id(c.event.as_deref()),
                source: sources.id(c.source.as_deref()),
                attr,
                anchor,
                group,
                day,
                event_day,
                doc_day,
                report_day,
                lo: bound(c.low, f64::NEG_INFINITY),
                hi: bound(c.high, f64::INFINITY),
                kind: c.kind,
                section: c.section,
                frame: c.frame,
                plain,
                whole: plain && c.frame == Frame::Incident,
            });
        }

        // Coordinated claims on one subject ("38 militants and three SDF fighters")
        // are parts of a figure, not the figure.
        let mut siblings: FastMap<(u32, u32, u32), u32> = FastMap::default();
        for f in info.iter().filter(|f| f.group != 0) {
            *siblings.entry((f.group, f.concept, f.subject)).or_insert(0) += 1;
        }
        for f in info.iter_mut().filter(|f| f.group != 0) {
            if siblings
                .get(&(f.group, f.concept, f.subject))
                .is_some_and(|&n| n > 1)
            {
                f.whole = false;
            }
        }

        // The kinds of incident, read only where they are compared: for the claims
        // that may stand for a whole figure. Claims of one sentence stand together, so
        // a sentence is read once.
        let mut last: Option<(&str, u8)> = None;
        for (f, c) in info.iter_mut().zip(&claims) {
            if !(f.whole && f.concept != 0) {
                continue;
            }
            f.incident = match last {
                Some((s, k)) if s == c.sentence => k,
                _ => incident_kinds(&c.sentence),
            };
            last = Some((&c.sentence, f.incident));
        }

        // Positions: documents in name order, then section, offset, id.
        let mut doc_rank = vec![0u32; docs.len()];
        let mut by_name: Vec<u32> = (0..docs.len() as u32).collect();
        by_name.sort_unstable_by(|&a, &b| docs.name(a).cmp(docs.name(b)));
        for (r, &d) in by_name.iter().enumerate() {
            doc_rank[d as usize] = r as u32;
        }
        let mut keyed: Vec<(u32, Section, usize, usize, u32)> = claims
            .iter()
            .zip(&info)
            .enumerate()
            .map(|(i, (c, f))| {
                (
                    doc_rank[f.doc as usize],
                    c.section,
                    c.start,
                    c.end,
                    i as u32,
                )
            })
            .collect();
        keyed.sort_unstable();
        // Claims at one position (rare) go by id, so that input order never matters.
        for run in keyed.chunk_by_mut(|a, b| (a.0, a.1, a.2, a.3) == (b.0, b.1, b.2, b.3)) {
            if run.len() > 1 {
                run.sort_unstable_by(|a, b| {
                    (claims[a.4 as usize].id.as_str(), a.4)
                        .cmp(&(claims[b.4 as usize].id.as_str(), b.4))
                });
            }
        }
        let order: Vec<u32> = keyed.iter().map(|k| k.4).collect();
        let mut doc_ranges = Vec::new();
        let mut by_id = FastMap::with_capacity_and_hasher(claims.len(), Default::default());
        let mut start = 0;
        for (r, &i) in order.iter().enumerate() {
            info[i as usize].rank = r as u32;
            by_id.entry(claims[i as usize].id.as_str()).or_insert(i);
            if r > 0 && info[order[r - 1] as usize].doc != info[i as usize].doc {
                doc_ranges.push(start..r);
                start = r;
            }
        }
        if !order.is_empty() {
            doc_ranges.push(start..order.len());
        }

        Context {
            claims: Source::Refs(claims),
            info,
            order,
            docs: doc_ranges,
            by_id,
            attrs,
            anchors,
            concepts,
            subjects,
        }
    }

    /// A context put together by the reduce ([`crate::check::Reducer`]): claims
    /// already indexed, ranked and grouped by document; no ids to [`Context::find`].
    pub(crate) fn assembled(
        claims: Source<'a>,
        info: Vec<Info>,
        order: Vec<u32>,
        docs: Vec<Range<usize>>,
        concepts: Names<'a>,
        subjects: Names<'a>,
    ) -> Context<'a> {
        Context {
            claims,
            info,
            order,
            docs,
            by_id: FastMap::default(),
            attrs: Owned::new(),
            anchors: Owned::new(),
            concepts,
            subjects,
        }
    }

    /// The claim with this id, if the batch has it.
    pub(crate) fn find(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    /// A claim in full. One that cannot be read back comes as a claim with only its
    /// id ("unreadable #N"); the reader of the spill reports the error.
    pub(crate) fn claim(&self, i: u32) -> Cow<'a, Claim> {
        match &self.claims {
            Source::Refs(v) => Cow::Borrowed(v[i as usize]),
            Source::Fetch(f) => Cow::Owned(f(i).unwrap_or_else(|| unreadable(i))),
        }
    }

    pub(crate) fn info(&self, i: u32) -> &Info {
        &self.info[i as usize]
    }

    pub(crate) fn subject_name(&self, i: u32) -> &'a str {
        self.subjects.name(self.info(i).subject)
    }
}

/// The stand-in for a claim that could not be read back.
fn unreadable(i: u32) -> Claim {
    Claim {
        id: format!("unreadable #{i}"),
        doc: String::new(),
        section: Section::Body,
        start: 0,
        end: 0,
        line: 0,
        column: 0,
        text: String::new(),
        quantity: String::new(),
        value: f64::NAN,
        low: None,
        high: None,
        qualifier: crate::quantity::Qualifier::Exact,
        kind: Kind::Count,
        unit: None,
        noun: None,
        concept: None,
        subject: None,
        predicate: None,
        trend: None,
        part_of: None,
        group: None,
        attribution: None,
        date: None,
        place: None,
        source: None,
        event: None,
        doc_date: None,
        frame: Frame::Incident,
        additional: false,
        partial: false,
        sentence: String::new(),
    }
}

/// The kinds of claim a rule looks at: its `kinds`, or counts when it names none.
pub(crate) fn rule_kinds(rule: &Rule) -> &[Kind] {
    if rule.kinds.is_empty() {
        &[Kind::Count]
    } else {
        &rule.kinds
    }
}

/// Which claims a rule looks at: its concepts, subjects and kinds.
pub(crate) struct Filter {
    /// By concept id; `None` lets every concept through, claims without one too.
    concepts: Option<Vec<bool>>,
    /// By subject id; a claim without a subject passes.
    subjects: Vec<bool>,
    kinds: Vec<Kind>,
}

impl Filter {
    pub(crate) fn new(rule: &Rule, ctx: &Context) -> Filter {
        let concepts = (!rule.concepts.is_empty()).then(|| {
            let mut v = vec![false; ctx.concepts.len()];
            for c in &rule.concepts {
                if let Some(id) = ctx.concepts.get(c) {
                    v[id as usize] = true;
                }
            }
            v
        });
        let subjects = (0..ctx.subjects.len() as u32)
            .map(|id| {
                let name = ctx.subjects.name(id);
                id == 0
                    || rule.subjects.is_empty()
                    || rule.subjects.iter().any(|f| name == f || is_under(name, f))
            })
            .collect();
        Filter {
            concepts,
            subjects,
            kinds: rule_kinds(rule).to_vec(),
        }
    }

    pub(crate) fn passes(&self, f: &Info) -> bool {
        self.kinds.contains(&f.kind)
            && self
                .subjects
                .get(f.subject as usize)
                .copied()
                .unwrap_or(false)
            && match &self.concepts {
                Some(v) => v.get(f.concept as usize).copied().unwrap_or(false),
                None => true,
            }
    }

    /// Passes the rule and has a concept: may be compared with other claims.
    pub(crate) fn comparable(&self, f: &Info) -> bool {
        f.concept != 0 && self.passes(f)
    }
}

/// `child` is a proper subclass of `parent` ("people.civilians" under "people").
pub(crate) fn is_under(child: &str, parent: &str) -> bool {
    !parent.is_empty()
        && child.len() > parent.len() + 1
        && child.starts_with(parent)
        && child.as_bytes().get(parent.len()) == Some(&b'.')
}

/// Words that mark a figure as an update of another or superseded by one ("rose to",
/// "an earlier toll"), as another incident's, group's or an addition ("also",
/// "separately", "another", "24 others"), or as another time's ("last week", "months",
/// "since").
const OTHER_FIGURE_CUES: &[&str] = &[
    "rose",
    "risen",
    "rise",
    "rises",
    "rising",
    "raised",
    "raising",
    "climbed",
    "climbs",
    "climbing",
    "increased",
    "jumped",
    "reached",
    "updated",
    "updating",
    "revised",
    "earlier",
    "initially",
    "initial",
    "first",
    "preliminary",
    "previously",
    "previous",
    "later",
    "now",
    "bringing",
    "brought",
    "also",
    "another",
    "separately",
    "separate",
    "elsewhere",
    "meanwhile",
    "other",
    "others",
    "addition",
    "additional",
    "further",
    "last",
    "past",
    "ago",
    "since",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
];

/// Whether a sentence may give a figure other than the incident's current one: an
/// update or superseded toll, another incident, another time. Checks that compare
/// figures within one document leave such sentences out.
pub(crate) fn speaks_of_another_figure(sentence: &str) -> bool {
    sentence.split(|c: char| !c.is_alphabetic()).any(|w| {
        !w.is_empty()
            && OTHER_FIGURE_CUES
                .iter()
                .any(|cue| cue.eq_ignore_ascii_case(w))
    })
}

/// Two intervals disagree: neither meets the other, even with one of them widened by
/// the tolerance (which one does not matter: the larger margin applies).
pub(crate) fn apart(a: Interval, b: Interval, tol: Tolerance) -> bool {
    !a.overlaps(&b)
        && !a.widen(tol.rel, tol.abs).overlaps(&b)
        && !a.overlaps(&b.widen(tol.rel, tol.abs))
}

/// Days since 1970-01-01 (proleptic Gregorian).
pub(crate) fn day_number(d: Date) -> i32 {
    let (y, m, dd) = (
        i64::from(d.year()),
        i64::from(d.month()),
        i64::from(d.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) as i32
}

/// The key of the Syrian Observatory for Human Rights, however it is named.
pub(crate) const SOHR: &str = "syrian observatory for human rights";

/// One key per primary source: lowercase, without a leading article or a
/// "Britain-based"-style epithet, and every name of the Syrian Observatory for Human
/// Rights as one.
pub(crate) fn attribution_key(raw: &str) -> String {
    let mut s = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    s = s
        .trim_matches(|c: char| c.is_ascii_punctuation() || c == '\u{2019}' || c == '\u{201d}')
        .to_string();
    loop {
        let before = s.len();
        for prefix in [
            "the ",
            "a ",
            "an ",
            "britain-based ",
            "british-based ",
            "uk-based ",
            "u.k.-based ",
            "london-based ",
            "england-based ",
        ] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.to_string();
            }
        }
        if s.len() == before {
            break;
        }
    }
    if s == "sohr"
        || s == "observatory"
        || s.contains("syrian observatory")
        || s.contains("observatory for human rights")
    {
        return SOHR.to_string();
    }
    s
}

/// What a running tally counts from: the words after "since" up to the next
/// punctuation, at most four, without day numbers ("since August 8," is "august").
/// Tallies are compared only when their anchors match; "" when the sentence has no
/// "since" ("so far this year"). The flag says whether the words held a number (the
/// sentence's date may then be the start rather than the report).
pub(crate) fn since_anchor(sentence: &str) -> (String, bool) {
    let low = sentence.to_lowercase();
    let mut found = None;
    for (i, _) in low.match_indices("since") {
        let before_ok = low[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = low[i + 5..].chars().next().is_some_and(char::is_whitespace);
        if before_ok && after_ok {
            found = Some(i + 5);
            break;
        }
    }
    let Some(from) = found else {
        return (String::new(), false);
    };
    let rest = &low[from..];
    let end = rest
        .find([',', '.', ';', ':', '!', '?', '(', ')', '"'])
        .unwrap_or(rest.len());
    let phrase = &rest[..end];
    let words = phrase
        .split_whitespace()
        .filter(|w| {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            let is_day = !digits.is_empty()
                && digits.len() <= 2
                && digits.chars().all(|c| c.is_ascii_digit())
                && matches!(suffix, "" | "st" | "nd" | "rd" | "th");
            !is_day
        })
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    (words, phrase.contains(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incident_kinds_read_words_in_any_case() {
        for (sentence, kinds) in [
            ("A car bomb killed 16 people.", 1),
            ("A CHEMICAL attack; Sarin gas", 2),
            ("Air strikes and shelling", 4),
            ("clashes, then an Execution", 8 | 16),
            ("booby-trapped BOOBY-TRAPPED", 1),
            ("The Kelvin-sign word stri\u{212a}es", 4),
            ("bombardmentbombardment bombs\u{e9} caf\u{e9}", 0),
            ("", 0),
        ] {
            assert_eq!(incident_kinds(sentence), kinds, "{sentence:?}");
        }
    }

    #[test]
    fn day_numbers() {
        let cases = [
            ("1970-01-01", 0),
            ("1970-01-02", 1),
            ("1969-12-31", -1),
            ("2000-03-01", 11_017),
            ("2017-04-19", 17_275),
        ];
        for (d, n) in cases {
            let date: Date = d.parse().unwrap();
            assert_eq!(day_number(date), n, "{d}");
        }
        let a: Date = "2016-02-28".parse().unwrap();
        let b: Date = "2016-03-01".parse().unwrap();
        assert_eq!(day_number(b) - day_number(a), 2);
    }

    #[test]
    fn attribution_keys() {
        let sohr = "syrian observatory for human rights";
        let cases = [
            ("the Syrian Observatory for Human Rights", sohr),
            (
                "the Britain-based Syrian Observatory for Human Rights",
                sohr,
            ),
            ("SOHR", sohr),
            ("the Observatory", sohr),
            ("The UK-based  Observatory", sohr),
            ("Syrian state TV", "syrian state tv"),
            (
                "the Syrian Network for Human Rights",
                "syrian network for human rights",
            ),
            ("  Reuters. ", "reuters"),
        ];
        for (raw, key) in cases {
            assert_eq!(attribution_key(raw), key, "{raw}");
        }
    }

    #[test]
    fn since_anchors() {
        let cases = [
            ("Since August, more than 700 air strikes", "august", false),
            ("650 strikes since August 8, officials said", "august", true),
            (
                "since the start of the campaign in August",
                "the start of the",
                false,
            ),
            ("So far this year, 300 people", "", false),
            ("Sincerely, 5", "", false),
            ("Ever since 2014 began", "2014 began", true),
        ];
        for (s, a, dated) in cases {
            assert_eq!(since_anchor(s), (a.to_string(), dated), "{s}");
        }
    }

    #[test]
    fn other_figure_cues() {
        let cases = [
            ("A bomb killed 16 people in Hasaka on Tuesday.", false),
            ("The toll later rose to 43.", true),
            ("Three SDF fighters were also killed in the clashes.", true),
            (
                "In May, more than 60 civilians were killed in the town.",
                false,
            ),
            ("Over the past two months 550 civilians were killed.", true),
            ("ALSO: 5", true),
            ("Alsop said 5", false),
        ];
        for (s, want) in cases {
            assert_eq!(speaks_of_another_figure(s), want, "{s}");
        }
    }

    #[test]
    fn subclasses() {
        assert!(is_under("people.civilians", "people"));
        assert!(is_under("people.civilians.children", "people"));
        assert!(!is_under("people", "people"));
        assert!(!is_under("peoples.x", "people"));
        assert!(!is_under("people", "people.civilians"));
        assert!(!is_under("x", ""));
    }

    #[test]
    fn apart_with_tolerance() {
        let t0 = Tolerance::default();
        let t10 = Tolerance { rel: 0.1, abs: 0.0 };
        let t2 = Tolerance { rel: 0.0, abs: 2.0 };
        let cases = [
            (Interval::exact(30.0), Interval::exact(32.0), t0, true),
            (Interval::exact(30.0), Interval::exact(32.0), t10, false),
            (Interval::exact(32.0), Interval::exact(30.0), t10, false),
            (Interval::exact(30.0), Interval::exact(32.0), t2, false),
            (Interval::exact(30.0), Interval::exact(40.0), t10, true),
            (Interval::at_least(58.0), Interval::exact(72.0), t0, false),
            (
                Interval::between(72.0, 88.0),
                Interval::at_least(100.0),
                t0,
                true,
            ),
            (
                Interval::between(72.0, 88.0),
                Interval::at_least(100.0),
                t10,
                true,
            ),
        ];
        for (a, b, t, want) in cases {
            assert_eq!(apart(a, b, t), want, "{a:?} {b:?} {t:?}");
        }
    }
}
