//! Closed word classes the phrase and context readers stop at or skip over.

use super::lexeme::WordSet;

/// Words that end a counted noun phrase, sorted as [`WordSet`] wants.
#[rustfmt::skip]
pub(crate) const NOUN_PHRASE_ENDS: &[&str] = &[
    "a", "about", "according", "across", "added", "after", "against", "all", "allegedly",
    "along", "alongside", "already", "also", "amid", "among", "amongst", "an", "and", "are",
    "around", "as", "at", "be", "because", "been", "before", "behind", "being", "between",
    "beyond", "both", "but", "by", "can", "could", "despite", "did", "do", "does", "down",
    "during", "each", "earlier", "even", "following", "for", "friday", "from", "had", "has",
    "have", "he", "her", "here", "his", "how", "if", "in", "including", "inside", "into",
    "is", "it", "its", "just", "killing", "last", "later", "like", "mainly", "may", "might",
    "monday", "mostly", "must", "near", "no", "nor", "not", "now", "of", "off", "on",
    "only", "onto", "or", "our", "out", "outside", "over", "per", "reported", "reportedly",
    "said", "saturday", "say", "says", "she", "should", "since", "so", "some", "still",
    "such", "sunday", "than", "that", "the", "their", "them", "there", "these", "they",
    "this", "those", "through", "throughout", "thursday", "till", "to", "today", "told",
    "tonight", "too", "toward", "towards", "tuesday", "under", "unlike", "until", "up",
    "upon", "via", "was", "we", "wednesday", "were", "what", "when", "where", "whereas",
    "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without",
    "would", "wounding", "yesterday",
];

/// [`NOUN_PHRASE_ENDS`] as a set: the test runs for nearly every word of a counted
/// noun phrase, and most of those words are in the list, so the exact test must be
/// cheap too; a set settles a word with one table lookup and a few integer
/// comparisons, where a `match` compares it with every listed word of its length.
static NOUN_PHRASE_END_SET: WordSet<{ NOUN_PHRASE_ENDS.len() }> = WordSet::new(NOUN_PHRASE_ENDS);

/// Whether the lower-case word `w` ends a counted noun phrase (is one of
/// [`NOUN_PHRASE_ENDS`]; the set ignores ASCII case, which a lower-case word does not
/// have).
pub fn ends_noun_phrase(w: &str) -> bool {
    NOUN_PHRASE_END_SET.has(w)
}

/// Auxiliaries and adverbs between a counted noun and its verb: "were reportedly
/// killed", "have been wounded", "had all left".
pub fn skip_before_verb(w: &str) -> bool {
    matches!(
        w,
        "were"
            | "was"
            | "are"
            | "is"
            | "have"
            | "has"
            | "had"
            | "been"
            | "being"
            | "be"
            | "remain"
            | "remained"
            | "remains"
            | "also"
            | "reportedly"
            | "allegedly"
            | "all"
            | "later"
            | "now"
            | "already"
            | "apparently"
            | "confirmed"
            | "believed"
            | "feared"
            | "thought"
            | "said"
            | "to"
            | "who"
            | "that"
            | "since"
            | "subsequently"
            | "eventually"
            | "either"
            | "both"
            | "each"
            | "seriously"
            | "critically"
            | "badly"
            | "mostly"
            | "reported"
            | "got"
            | "get"
            | "just"
            | "still"
            | "not"
            | "yet"
            | "then"
            | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "likely"
            | "probably"
    )
}

/// Words allowed between an active verb and its object count: "killed at least",
/// "have killed", "killed a total of".
pub fn skip_after_verb(w: &str) -> bool {
    matches!(
        w,
        "a" | "total"
            | "of"
            | "also"
            | "reportedly"
            | "some"
            | "another"
            | "further"
            | "the"
            | "an"
            | "estimated"
            | "additional"
            | "least"
            | "at"
            | "all"
    )
}

/// Verbs that link a toll to its figure: "the toll rose to 72", "put the death toll
/// at 58", "the death toll was 20", "toll hits 43", "an earlier toll of 15".
pub fn links_toll(w: &str) -> bool {
    matches!(
        w,
        "at" | "to"
            | "of"
            | "is"
            | "was"
            | "were"
            | "are"
            | "hits"
            | "hit"
            | "reached"
            | "reaches"
            | "reach"
            | "stands"
            | "stood"
            | "rose"
            | "risen"
            | "rises"
            | "climbed"
            | "climbs"
            | "jumped"
            | "increased"
            | "exceeded"
            | "exceeds"
            | "passed"
            | "surpassed"
            | "topped"
            | "tops"
            | "soared"
            | "mounted"
            | "now"
            | "be"
            | "been"
            | "as"
    )
}

/// A filter on words by first letter, last letter and length: per (first, last)
/// pair of lower-case ASCII letters, a bit per length. Testing a word costs one
/// lookup, and a filter built from a few dozen words turns nearly every other word
/// away; a word that passes is then compared for real.
pub(crate) type SlotFilter = [u32; 26 * 26];

/// Where a word sits in a [`SlotFilter`]: the index of its (first, last) pair and its
/// length's bit; `None` for a word that does not start and end with a lower-case ASCII
/// letter or is 32 bytes or longer.
#[inline]
pub(crate) const fn slot(b: &[u8]) -> Option<(usize, u32)> {
    let (Some(&f), Some(&l)) = (b.first(), b.last()) else {
        return None;
    };
    if !(f.is_ascii_lowercase() && l.is_ascii_lowercase() && b.len() < 32) {
        return None;
    }
    Some(((f - b'a') as usize * 26 + (l - b'a') as usize, 1 << b.len()))
}

/// The filter of the words of `lists`, which must be lower-case ASCII letters at both
/// ends and shorter than 32 bytes (checked at compile time).
pub(crate) const fn slot_filter(lists: &[&[&str]]) -> SlotFilter {
    let mut t = [0u32; 26 * 26];
    let mut l = 0;
    while l < lists.len() {
        let mut k = 0;
        while k < lists[l].len() {
            let Some((i, bit)) = slot(lists[l][k].as_bytes()) else {
                panic!("a filtered word starts and ends with a lower-case letter and is short");
            };
            t[i] |= bit;
            k += 1;
        }
        l += 1;
    }
    t
}

/// Whether `w` may be one of the words `filter` was built from.
#[inline]
pub(crate) fn passes(filter: &SlotFilter, w: &str) -> bool {
    passes_bytes(filter, w.as_bytes())
}

/// [`passes`] for a word given as bytes.
#[inline]
pub(crate) fn passes_bytes(filter: &SlotFilter, b: &[u8]) -> bool {
    slot(b).is_some_and(|(i, bit)| filter[i] & bit != 0)
}

/// A [`SlotFilter`] of words known only at run time (from the lexicon). A word it
/// cannot slot (not starting and ending with a lower-case ASCII letter, or long) makes
/// it pass everything, so that it never turns away a word it was built from.
#[derive(Clone, Debug)]
pub(crate) struct WordFilter {
    slots: Box<SlotFilter>,
    all: bool,
}

impl WordFilter {
    /// The filter of `words`.
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut slots = Box::new([0u32; 26 * 26]);
        let mut all = false;
        for w in words {
            match slot(w.as_bytes()) {
                Some((i, bit)) => slots[i] |= bit,
                None => all = true,
            }
        }
        WordFilter { slots, all }
    }

    /// Whether `w` may be one of the words the filter was built from.
    #[inline]
    pub(crate) fn may_hold(&self, w: &str) -> bool {
        self.all || passes(&self.slots, w)
    }
}

/// Reporting verbs that introduce who says a figure.
#[rustfmt::skip]
pub(crate) const REPORTING_VERBS: &[&str] = &[
    "said", "says", "say", "reported", "reports", "told", "tells", "stated", "states",
    "announced", "announces", "added", "adds", "claimed", "claims", "confirmed",
    "confirms", "counted", "documented", "estimated", "estimates", "quoted", "cited",
    "noted", "put", "puts", "putting", "tallied", "recorded",
];

pub(crate) static REPORTING_FILTER: SlotFilter = slot_filter(&[REPORTING_VERBS]);

/// Whether `w` (lower case) is a reporting verb.
pub fn is_reporting_verb(w: &str) -> bool {
    passes(&REPORTING_FILTER, w) && REPORTING_VERBS.contains(&w)
}

/// Nouns that name who speaks, to accept a lower-case speaker ("a monitoring group
/// said", "activists say").
pub fn is_speaker_noun(w: &str) -> bool {
    matches!(
        w,
        "monitor"
            | "group"
            | "official"
            | "officials"
            | "ministry"
            | "agency"
            | "observatory"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "sources"
            | "source"
            | "activists"
            | "activist"
            | "media"
            | "television"
            | "tv"
            | "police"
            | "army"
            | "military"
            | "witnesses"
            | "residents"
            | "doctors"
            | "medics"
            | "statement"
            | "governor"
            | "minister"
            | "reporter"
            | "correspondent"
            | "commander"
            | "coalition"
            | "government"
            | "authorities"
            | "network"
            | "committee"
            | "council"
            | "workers"
            | "rescuers"
            | "organisation"
            | "organization"
            | "un"
    )
}

/// Parts of a frame cue: a running tally ("since August") versus a war-wide total
/// ("since 2011", "since the start of the war").
pub fn is_month(w: &str) -> bool {
    crate::date::month_number(w).is_some()
}

/// The days of the week, Monday first, lower-case: [`weekday`]'s numbering.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The day of the week the lower-case word `w` names, as its place in
/// [`WEEKDAY_NAMES`] ("saturday's" and "saturdays" name Saturday too).
pub fn weekday(w: &str) -> Option<u8> {
    // The shortest name is six letters ("monday"): most words stop here.
    if w.len() < 6 {
        return None;
    }
    // "Saturday's attack", and "Saturdays attack" where apostrophes were stripped.
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .or_else(|| w.strip_suffix("days").map(|_| &w[..w.len() - 1]))
        .unwrap_or(w);
    Some(match w {
        "monday" => 0,
        "tuesday" => 1,
        "wednesday" => 2,
        "thursday" => 3,
        "friday" => 4,
        "saturday" => 5,
        "sunday" => 6,
        _ => return None,
    })
}

/// Words after "since" that make a figure a war-wide total.
pub fn total_after_since(w: &str) -> bool {
    matches!(
        w,
        "start"
            | "beginning"
            | "outbreak"
            | "onset"
            | "war"
            | "conflict"
            | "uprising"
            | "revolution"
            | "crisis"
            | "fighting"
            | "insurgency"
            | "intervention"
    )
}

/// Nouns of a multi-year conflict: "the six-year war", "the civil war has killed".
pub fn is_war_noun(w: &str) -> bool {
    matches!(
        w,
        "war" | "conflict" | "uprising" | "revolution" | "crisis" | "insurgency"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_are_numbered_as_listed() {
        for (k, d) in WEEKDAY_NAMES.iter().enumerate() {
            assert_eq!(weekday(d), Some(k as u8), "{d}");
        }
    }

    #[test]
    fn noun_phrase_ends_are_the_listed_words() {
        for &w in NOUN_PHRASE_ENDS {
            assert!(ends_noun_phrase(w), "{w}");
        }
        // Each listed word changed by a letter, cut or lengthened, and other words.
        for &w in NOUN_PHRASE_ENDS {
            let longer = format!("{w}s");
            let shorter = &w[..w.len() - 1];
            let first = format!("x{}", &w[1..]);
            let last = format!("{}x", shorter);
            for v in [longer.as_str(), shorter, first.as_str(), last.as_str()] {
                assert_eq!(ends_noun_phrase(v), NOUN_PHRASE_ENDS.contains(&v), "{v:?}");
            }
        }
        for w in [
            "",
            "people",
            "killed",
            "civilians",
            "x",
            "1",
            "the.",
            "\u{e9}t\u{e9}",
            "w\u{e9}",
        ] {
            assert!(!ends_noun_phrase(w), "{w:?}");
        }
    }

    #[test]
    fn word_filters_hold_their_words() {
        let words = ["khan", "aleppo", "deir", "x", "al-bab"];
        let f = WordFilter::new(words);
        assert!(!f.all);
        for w in words {
            assert!(f.may_hold(w), "{w}");
        }
        for w in ["", "kha", "aleppos", "Aleppo", "idlib", "1st"] {
            assert!(!f.may_hold(w), "{w:?}");
        }
        // A word it cannot slot lets everything through.
        let f = WordFilter::new(["sheikh", "\u{e9}t\u{e9}"]);
        assert!(f.may_hold("idlib") && f.may_hold(""));
    }

    #[test]
    fn reporting_verbs() {
        for &w in REPORTING_VERBS {
            assert!(is_reporting_verb(w), "{w}");
        }
        for w in [
            "Said",
            "SAID",
            "sai",
            "saidx",
            "",
            "the",
            "report",
            "putt",
            "sa\u{ef}d",
            "sand",
            "tolls",
        ] {
            assert!(!is_reporting_verb(w), "{w:?}");
        }
    }
}
