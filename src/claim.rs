//! The claim model: one quantity in the text with its interval, what it counts and its
//! context. Field names are a contract (DESIGN.md "Claims"): JSON output uses them as
//! they are, absent values are `null` and unbounded interval ends are `null`.

use crate::corpus::Section;
use crate::quantity::{Interval, Kind, Qualifier, Trend};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One numeric claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// `doc#n`, stable within a run.
    pub id: String,
    pub doc: String,
    pub section: Section,
    /// Byte offsets of the whole mention into the section text.
    pub start: usize,
    pub end: usize,
    /// 1-based line and column (in characters) of `start` in the file where the
    /// section's text stands; for corpus rows, within the section text.
    pub line: u32,
    pub column: u32,
    /// The whole mention: "more than 700 US-led air strikes".
    pub text: String,
    /// The quantity phrase: "more than 700".
    pub quantity: String,
    /// The number as written, normalised (for a range, its lower end).
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    pub kind: Kind,
    /// Normalised counted noun or unit, singular lemma: "air strike", "percent", "km".
    pub unit: Option<String>,
    /// The counted noun phrase as written: "US-led air strikes".
    pub noun: Option<String>,
    pub concept: Option<String>,
    /// Subject class path, parents first: "people.fighters".
    pub subject: Option<String>,
    pub predicate: Option<String>,
    pub trend: Option<Trend>,
    pub part_of: Option<String>,
    pub group: Option<String>,
    pub attribution: Option<String>,
    pub date: Option<Date>,
    pub place: Option<String>,
    /// Context the checks need, so that claims read back from JSON Lines can be
    /// checked without the documents.
    pub source: Option<String>,
    pub event: Option<String>,
    /// The document's own date (publication or incident date, as the input gives it),
    /// which orders reports of one event in time.
    pub doc_date: Option<Date>,
    /// The claim's time frame: `incident` (the document's event), `since` (a running
    /// tally: "since August"), `total` (war-wide or multi-year totals), or `other`
    /// (the sentence names another place or date).
    pub frame: Frame,
    /// "another N", "a further N": an addition to an earlier figure.
    #[serde(default)]
    pub additional: bool,
    /// A sub-count of a figure not given as a claim ("22 of the wounded", "four of
    /// them"): never a whole-incident toll.
    #[serde(default)]
    pub partial: bool,
    /// The sentence the claim stands in.
    pub sentence: String,
}

/// What time frame a claim speaks of; only `Incident` claims are compared across
/// documents of one event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frame {
    #[default]
    Incident,
    Since,
    Total,
    Other,
}

impl Frame {
    /// The name JSON output gives it.
    pub fn as_str(self) -> &'static str {
        match self {
            Frame::Incident => "incident",
            Frame::Since => "since",
            Frame::Total => "total",
            Frame::Other => "other",
        }
    }
}

impl Claim {
    pub fn interval(&self) -> Interval {
        Interval::new(self.low, self.high)
    }
}

/// A claim's id as the extractor makes it: the document's id and the claim's number
/// in it, written `doc#n`. Kept in two parts, so that a claim can name itself and
/// the claims it links to without building a string for each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimId<'a> {
    /// The `n`-th claim (from 1) of document `doc`.
    Numbered { doc: &'a str, n: usize },
    /// An id given whole, as a claim read back from JSON carries it.
    Text(&'a str),
}

impl ClaimId<'_> {
    /// The id as the claim model writes it.
    pub fn to_text(self) -> String {
        match self {
            ClaimId::Numbered { doc, n } => {
                let mut digits = itoa::Buffer::new();
                let n = digits.format(n);
                let mut id = String::with_capacity(doc.len() + 1 + n.len());
                id.push_str(doc);
                id.push('#');
                id.push_str(n);
                id
            }
            ClaimId::Text(id) => id.to_string(),
        }
    }
}

/// A [`Claim`] whose text is borrowed: from its document, from the lexicon, and from
/// what was read of its sentence. The extractor hands claims over in this form, so
/// that output written straight from them (JSON Lines) copies none of their text
/// twice; [`ClaimRef::to_claim`] makes the owned claim, field for field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClaimRef<'a> {
    pub id: ClaimId<'a>,
    pub doc: &'a str,
    pub section: Section,
    pub start: usize,
    pub end: usize,
    pub line: u32,
    pub column: u32,
    pub text: &'a str,
    pub quantity: &'a str,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    pub kind: Kind,
    pub unit: Option<&'a str>,
    pub noun: Option<&'a str>,
    pub concept: Option<&'a str>,
    pub subject: Option<&'a str>,
    pub predicate: Option<&'a str>,
    pub trend: Option<Trend>,
    pub part_of: Option<ClaimId<'a>>,
    pub group: Option<ClaimId<'a>>,
    pub attribution: Option<&'a str>,
    pub date: Option<Date>,
    pub place: Option<&'a str>,
    pub source: Option<&'a str>,
    pub event: Option<&'a str>,
    pub doc_date: Option<Date>,
    pub frame: Frame,
    pub additional: bool,
    pub partial: bool,
    pub sentence: &'a str,
}

impl ClaimRef<'_> {
    /// The owned claim with the same fields.
    pub fn to_claim(&self) -> Claim {
        let owned = |s: Option<&str>| s.map(str::to_string);
        Claim {
            id: self.id.to_text(),
            doc: self.doc.to_string(),
            section: self.section,
            start: self.start,
            end: self.end,
            line: self.line,
            column: self.column,
            text: self.text.to_string(),
            quantity: self.quantity.to_string(),
            value: self.value,
            low: self.low,
            high: self.high,
            qualifier: self.qualifier,
            kind: self.kind,
            unit: owned(self.unit),
            noun: owned(self.noun),
            concept: owned(self.concept),
            subject: owned(self.subject),
            predicate: owned(self.predicate),
            trend: self.trend,
            part_of: self.part_of.map(ClaimId::to_text),
            group: self.group.map(ClaimId::to_text),
            attribution: owned(self.attribution),
            date: self.date,
            place: owned(self.place),
            source: owned(self.source),
            event: owned(self.event),
            doc_date: self.doc_date,
            frame: self.frame,
            additional: self.additional,
            partial: self.partial,
            sentence: self.sentence.to_string(),
        }
    }
}

impl Claim {
    /// The claim with its text borrowed, as [`ClaimRef`] gives it.
    pub fn view(&self) -> ClaimRef<'_> {
        let Claim {
            id,
            doc,
            section,
            start,
            end,
            line,
            column,
            text,
            quantity,
            value,
            low,
            high,
            qualifier,
            kind,
            unit,
            noun,
            concept,
            subject,
            predicate,
            trend,
            part_of,
            group,
            attribution,
            date,
            place,
            source,
            event,
            doc_date,
            frame,
            additional,
            partial,
            sentence,
        } = self;
        ClaimRef {
            id: ClaimId::Text(id),
            doc,
            section: *section,
            start: *start,
            end: *end,
            line: *line,
            column: *column,
            text,
            quantity,
            value: *value,
            low: *low,
            high: *high,
            qualifier: *qualifier,
            kind: *kind,
            unit: unit.as_deref(),
            noun: noun.as_deref(),
            concept: concept.as_deref(),
            subject: subject.as_deref(),
            predicate: predicate.as_deref(),
            trend: *trend,
            part_of: part_of.as_deref().map(ClaimId::Text),
            group: group.as_deref().map(ClaimId::Text),
            attribution: attribution.as_deref(),
            date: *date,
            place: place.as_deref(),
            source: source.as_deref(),
            event: event.as_deref(),
            doc_date: *doc_date,
            frame: *frame,
            additional: *additional,
            partial: *partial,
            sentence,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_viewed_and_owned_again_is_itself() {
        let rules = crate::rules::load_rules(true, &[]).unwrap();
        let ex = crate::extract::Extractor::new(rules.lexicon);
        let doc = crate::corpus::document_from_text(
            "a.txt",
            "Some 350 people including 120 IS fighters were killed. Among them were 5 boys.",
        )
        .unwrap();
        let claims = ex.extract(&doc);
        assert!(claims.iter().any(|c| c.part_of.is_some()));
        for c in &claims {
            assert_eq!(&c.view().to_claim(), c);
        }
        let id = ClaimId::Numbered {
            doc: "a.txt",
            n: 12,
        };
        assert_eq!(id.to_text(), "a.txt#12");
        assert_eq!(ClaimId::Text("x#1").to_text(), "x#1");
    }
}
