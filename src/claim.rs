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
