//! The lexicon: what claims measure (concepts), who they count (subjects, a tree
//! written parents first as dotted paths) and what places are called (aliases).
//!
//! It is built from the `[concepts]`, `[subjects]` and `[places]` tables of rules
//! packs. Every lookup is by lowercased phrase in a hash map; phrases of several words
//! ("death toll", "claim the lives of") are matched longest first by callers using
//! [`Lexicon::max_words`].

use std::borrow::Cow;
use std::collections::HashMap;

/// Phrase -> id. Extraction looks words up several times per figure, and nearly every
/// word it tries is in no table: a filter of (first byte, length) pairs present
/// rejects most of them before hashing; the hash is fast, with a fixed seed (the keys
/// come from rules files, not from the text read).
#[derive(Clone, Debug, Default)]
struct Map {
    map: HashMap<String, String, foldhash::fast::FixedState>,
    /// bit `len.min(63)` of `shapes[first byte & 127]`: a key of that shape exists
    shapes: Vec<u64>,
}

impl Map {
    fn shape(k: &str) -> (usize, u64) {
        let first = k.as_bytes().first().map_or(0, |b| usize::from(b & 127));
        (first, 1 << k.len().min(63))
    }

    fn insert(&mut self, k: String, v: String) -> Option<String> {
        if self.shapes.is_empty() {
            self.shapes = vec![0; 128];
        }
        let (first, bit) = Map::shape(&k);
        self.shapes[first] |= bit;
        self.map.insert(k, v)
    }

    #[inline]
    fn get(&self, k: &str) -> Option<&String> {
        let (first, bit) = Map::shape(k);
        if self.shapes.get(first).is_none_or(|s| s & bit == 0) {
            return None;
        }
        self.map.get(k)
    }

    fn values(&self) -> impl Iterator<Item = &String> {
        self.map.values()
    }

    fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.map.iter()
    }
}

#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// noun phrase (lowercase, as written and singular) -> concept id
    nouns: Map,
    /// verb phrase (lowercase lemma) -> concept id
    verbs: Map,
    /// word (lowercase, as written and singular) -> subject path "people.fighters"
    subjects: Map,
    /// alias (lowercase) -> place id
    places: Map,
    concept_ids: Vec<String>,
    subject_paths: Vec<String>,
    place_ids: Vec<String>,
    max_words: usize,
}

fn norm(s: &str) -> String {
    match normal(s) {
        Some(s) => s.to_string(),
        None => s
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    }
}

/// `s` itself when [`norm`] would leave it unchanged: ASCII, no capitals, words
/// separated by single spaces. Lookups of such phrases (nearly all of them: callers
/// pass lowercased words) need no new string.
fn normal(s: &str) -> Option<&str> {
    // Starting as if after a space rejects a leading one.
    let mut after_space = true;
    for &c in s.as_bytes() {
        let space = c == b' ';
        let ok = if space {
            !after_space
        } else {
            c.is_ascii_graphic() && !c.is_ascii_uppercase()
        };
        if !ok {
            return None;
        }
        after_space = space;
    }
    (s.is_empty() || !after_space).then_some(s)
}

/// Look a phrase up by its [`norm`], building that only when it differs.
fn lookup<'a>(map: &'a Map, s: &str) -> Option<&'a str> {
    match normal(s) {
        Some(k) => map.get(k),
        None => map.get(&norm(s)),
    }
    .map(String::as_str)
}

impl Lexicon {
    pub fn new() -> Self {
        Lexicon::default()
    }

    fn note_words(&mut self, phrase: &str) {
        let n = phrase.split_whitespace().count();
        self.max_words = self.max_words.max(n);
    }

    /// Add a concept with its counted nouns and predicate verbs (lemmas). Later packs
    /// add to earlier ones; a phrase claimed twice goes to the later concept.
    pub fn add_concept(&mut self, id: &str, nouns: &[String], verbs: &[String]) {
        if !self.concept_ids.iter().any(|c| c == id) {
            self.concept_ids.push(id.to_string());
        }
        for n in nouns {
            let k = norm(n);
            self.note_words(&k);
            if let Some(s) = singular_phrase(&k) {
                self.nouns.insert(s, id.to_string());
            }
            self.nouns.insert(k, id.to_string());
        }
        for v in verbs {
            let k = norm(v);
            self.note_words(&k);
            self.verbs.insert(k, id.to_string());
        }
    }

    /// Add a subject class (`people.civilians`) with the words that name it. Parents
    /// are implied by the path.
    pub fn add_subject(&mut self, path: &str, words: &[String]) {
        if !self.subject_paths.iter().any(|c| c == path) {
            self.subject_paths.push(path.to_string());
        }
        for w in words {
            let k = norm(w);
            self.note_words(&k);
            if let Some(s) = singular_phrase(&k) {
                self.subjects.insert(s, path.to_string());
            }
            self.subjects.insert(k, path.to_string());
        }
    }

    /// Add a place with its aliases. Ids are dotted paths, parents first
    /// (`syria.idlib.khan-sheikhoun`); the id's last part, with dashes read as spaces,
    /// is an alias too.
    pub fn add_place(&mut self, id: &str, aliases: &[String]) {
        if !self.place_ids.iter().any(|c| c == id) {
            self.place_ids.push(id.to_string());
        }
        let last = id.rsplit('.').next().unwrap_or(id);
        self.places.insert(norm(last), id.to_string());
        self.places
            .insert(norm(&last.replace('-', " ")), id.to_string());
        for a in aliases {
            let k = norm(a);
            self.note_words(&k);
            self.places.insert(k, id.to_string());
        }
    }

    pub fn concept_of_noun(&self, phrase: &str) -> Option<&str> {
        lookup(&self.nouns, phrase)
    }

    /// [`Lexicon::concept_of_noun`] for a phrase already in normal form: lower case,
    /// words separated by single spaces (extraction builds its phrases so, from
    /// lower-cased tokens), looked up as it is.
    pub fn concept_of_normal_noun(&self, phrase: &str) -> Option<&str> {
        self.nouns.get(phrase).map(String::as_str)
    }

    /// [`Lexicon::subject_of`] for a phrase already in normal form.
    pub fn subject_of_normal(&self, phrase: &str) -> Option<&str> {
        self.subjects.get(phrase).map(String::as_str)
    }

    /// [`Lexicon::place_of`] for a phrase already in normal form.
    pub fn place_of_normal(&self, phrase: &str) -> Option<&str> {
        self.places.get(phrase).map(String::as_str)
    }

    pub fn concept_of_verb(&self, lemma: &str) -> Option<&str> {
        lookup(&self.verbs, lemma)
    }

    pub fn subject_of(&self, word: &str) -> Option<&str> {
        lookup(&self.subjects, word)
    }

    /// The place id an alias names, if any.
    pub fn place_of(&self, alias: &str) -> Option<&str> {
        lookup(&self.places, alias)
    }

    /// Canonical form of a place name: its id when the lexicon knows it, else the name
    /// lowercased.
    pub fn canonical_place(&self, name: &str) -> String {
        self.place_of(name)
            .map(str::to_string)
            .unwrap_or_else(|| norm(name))
    }

    /// Whether a concept is counted by nouns of its own ("air strikes" for
    /// `strikes`); a concept with verbs only ("destroyed") counts whatever its verbs
    /// take.
    pub fn concept_has_nouns(&self, id: &str) -> bool {
        self.nouns.values().any(|c| c == id)
    }

    pub fn has_concept(&self, id: &str) -> bool {
        self.concept_ids.iter().any(|c| c == id)
    }

    /// A subject path is known when it, or a class below it, was declared.
    pub fn has_subject(&self, path: &str) -> bool {
        self.subject_paths
            .iter()
            .any(|p| p == path || is_within(p, path))
    }

    pub fn concepts(&self) -> &[String] {
        &self.concept_ids
    }

    pub fn subjects(&self) -> &[String] {
        &self.subject_paths
    }

    pub fn places(&self) -> &[String] {
        &self.place_ids
    }

    /// Every predicate verb phrase (lemma, lowercase) with its concept.
    pub fn verbs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.verbs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Every counted noun phrase (lowercase) with its concept.
    pub fn nouns(&self) -> impl Iterator<Item = (&str, &str)> {
        self.nouns.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Every subject word with its class path.
    pub fn subject_words(&self) -> impl Iterator<Item = (&str, &str)> {
        self.subjects.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Every place alias with its id.
    pub fn place_aliases(&self) -> impl Iterator<Item = (&str, &str)> {
        self.places.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Longest phrase in words, for longest-first matching.
    pub fn max_words(&self) -> usize {
        self.max_words.max(1)
    }
}

/// Whether two places can be the same place: one is the other or lies within it
/// (`syria.idlib.khan-sheikhoun` and `syria.idlib`).
pub fn places_related(a: &str, b: &str) -> bool {
    is_within(a, b) || is_within(b, a)
}

/// Whether subject `sub` is `parent` or a class below it (`people.civilians` is within
/// `people`).
pub fn is_within(sub: &str, parent: &str) -> bool {
    sub == parent
        || (sub.len() > parent.len()
            && sub.starts_with(parent)
            && sub.as_bytes().get(parent.len()) == Some(&b'.'))
}

/// Singular of the last word of a phrase, when it looks plural ("air strikes" ->
/// "air strike"); None when unchanged.
pub fn singular_phrase(phrase: &str) -> Option<String> {
    let s = phrase_singular(phrase);
    (s != phrase).then_some(s)
}

/// The phrase with its last word made singular ("air strikes" -> "air strike"; "air
/// strike" as it is).
pub fn phrase_singular(phrase: &str) -> String {
    phrase_singular_cow(phrase).into_owned()
}

/// [`phrase_singular`], borrowed from the phrase when the singular is a prefix of it
/// ("air strikes" -> "air strike", "air strike" as it is), as it is for most
/// plurals, and from the table of irregular plurals for a phrase that is one of
/// them ("people" -> "person"); one buffer built from the parts `singular_parts`
/// gives for the rest ("cities", "armed women"): it runs for every counted noun
/// phrase of a text.
pub fn phrase_singular_cow(phrase: &str) -> Cow<'_, str> {
    let cut = phrase
        .as_bytes()
        .iter()
        .rposition(|&b| b == b' ')
        .map_or(0, |i| i + 1);
    let (head, last) = phrase.split_at(cut);
    let (keep, add) = singular_parts(last);
    let kept = last.get(..keep).unwrap_or(last);
    if add.is_empty() {
        Cow::Borrowed(phrase.get(..cut + kept.len()).unwrap_or(phrase))
    } else if head.is_empty() && kept.is_empty() {
        // A lone irregular plural ("people"): its singular is a word of the table.
        Cow::Borrowed(add)
    } else {
        Cow::Owned([head, kept, add].concat())
    }
}

/// Singular of one English noun (lowercase), for the plurals news text uses.
pub fn singular(word: &str) -> String {
    singular_cow(word).into_owned()
}

/// [`singular`], borrowed from the word when the singular is a prefix of it, or from
/// the table of irregular plurals.
pub fn singular_cow(word: &str) -> Cow<'_, str> {
    let (keep, add) = singular_parts(word);
    let kept = word.get(..keep).unwrap_or(word);
    if add.is_empty() {
        Cow::Borrowed(kept)
    } else if kept.is_empty() {
        Cow::Borrowed(add)
    } else {
        Cow::Owned([kept, add].concat())
    }
}

/// [`singular`] as the length of `word` to keep and an ending to add, so that a
/// phrase's singular is built in one buffer: "cities" is (3, "y"), "women" (0,
/// "woman"), "civilians" (8, "").
fn singular_parts(word: &str) -> (usize, &'static str) {
    // A match rather than a list to search: it runs for every counted noun of a text,
    // and most words are sorted out by their length alone.
    let irregular = match word {
        "people" => "person",
        "children" => "child",
        "women" => "woman",
        "men" => "man",
        "policemen" => "policeman",
        "gunmen" => "gunman",
        "servicemen" => "serviceman",
        "militiamen" => "militiaman",
        "tribesmen" => "tribesman",
        "feet" => "foot",
        "buses" => "bus",
        "gases" => "gas",
        "crises" => "crisis",
        "analyses" => "analysis",
        "teeth" => "tooth",
        "mice" => "mouse",
        "lives" => "life",
        "wives" => "wife",
        "knives" => "knife",
        "thieves" => "thief",
        "personnel" => "personnel",
        "police" => "police",
        "news" => "news",
        "series" => "series",
        "species" => "species",
        "aircraft" => "aircraft",
        "sheep" => "sheep",
        "fish" => "fish",
        "dead" => "dead",
        "wounded" => "wounded",
        "injured" => "injured",
        _ => "",
    };
    if !irregular.is_empty() {
        return (0, irregular);
    }
    let b = word.as_bytes();
    let n = b.len();
    if n <= 3 || !word.ends_with('s') || word.ends_with("ss") || word.ends_with("us") {
        return (n, "");
    }
    if word.ends_with("ies") && n > 4 {
        return (n - 3, "y");
    }
    for suf in ["ches", "shes", "xes", "sses", "zes"] {
        if word.ends_with(suf) {
            return (n - 2, "");
        }
    }
    if word.ends_with("oes") && n > 4 {
        return (n - 2, "");
    }
    (n - 1, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The singular of a phrase's last word, the rest as it is; `singular_phrase`
    /// says only when something changed.
    #[test]
    fn phrase_singulars() {
        for (p, want) in [
            ("air strikes", "air strike"),
            ("people", "person"),
            ("civilians", "civilian"),
            ("us-led air strikes", "us-led air strike"),
            ("bus", "bus"),
            ("militiamen", "militiaman"),
            ("the crises", "the crisis"),
            ("", ""),
            (" ", " "),
            ("a  b ", "a  b "),
            ("caf\u{e9}s", "caf\u{e9}"),
            ("rebel cities", "rebel city"),
            ("armed women", "armed woman"),
            ("the churches", "the church"),
            ("heroes", "hero"),
            ("gas", "gas"),
            ("bus", "bus"),
            ("status", "status"),
            ("aircraft", "aircraft"),
            ("two aircraft", "two aircraft"),
        ] {
            assert_eq!(phrase_singular(p), want, "{p:?}");
            assert_eq!(phrase_singular_cow(p), want, "{p:?}");
            assert_eq!(
                singular_phrase(p),
                (want != p).then(|| want.to_string()),
                "{p:?}"
            );
        }
    }

    #[test]
    fn singulars() {
        for (p, s) in [
            ("strikes", "strike"),
            ("civilians", "civilian"),
            ("casualties", "casualty"),
            ("people", "person"),
            ("children", "child"),
            ("vehicles", "vehicle"),
            ("buses", "bus"),
            ("churches", "church"),
            ("gunmen", "gunman"),
            ("positions", "position"),
            ("bus", "bus"),
            ("class", "class"),
            ("dead", "dead"),
        ] {
            assert_eq!(singular(p), s, "{p}");
            assert_eq!(singular_cow(p), s, "{p}");
        }
    }

    #[test]
    fn lookups() {
        let mut l = Lexicon::new();
        l.add_concept(
            "killed",
            &["deaths".into(), "death toll".into()],
            &["kill".into()],
        );
        l.add_subject("people.fighters", &["fighters".into(), "gunmen".into()]);
        l.add_place("kobani", &["Ayn al-Islam".into()]);
        l.add_place("syria.idlib.khan-sheikhoun", &["Khan Shaykhun".into()]);
        assert_eq!(
            l.place_of("khan sheikhoun"),
            Some("syria.idlib.khan-sheikhoun")
        );
        assert!(places_related("syria.idlib.khan-sheikhoun", "syria.idlib"));
        assert!(places_related("syria", "syria.idlib"));
        assert!(!places_related("syria.aleppo", "syria.idlib"));
        assert_eq!(l.concept_of_noun("Death  Toll"), Some("killed"));
        assert_eq!(l.concept_of_noun("death"), Some("killed"));
        assert_eq!(l.concept_of_verb("kill"), Some("killed"));
        assert_eq!(l.subject_of("fighter"), Some("people.fighters"));
        assert_eq!(l.subject_of("gunman"), Some("people.fighters"));
        assert_eq!(l.place_of("ayn al-islam"), Some("kobani"));
        assert!(l.has_subject("people"));
        assert!(is_within("people.civilians.children", "people"));
        assert!(!is_within("peoplex", "people"));
        assert_eq!(l.max_words(), 2);
        // Phrases in normal form read the same by either lookup.
        l.add_place("syria.d\u{e9}c\u{e8}s", &[]);
        for p in [
            "death toll",
            "death",
            "fighter",
            "gunman",
            "ayn al-islam",
            "d\u{e9}c\u{e8}s",
            "x",
        ] {
            assert_eq!(l.concept_of_normal_noun(p), l.concept_of_noun(p), "{p:?}");
            assert_eq!(l.subject_of_normal(p), l.subject_of(p), "{p:?}");
            assert_eq!(l.place_of_normal(p), l.place_of(p), "{p:?}");
        }
        assert_eq!(
            l.place_of_normal("d\u{e9}c\u{e8}s"),
            Some("syria.d\u{e9}c\u{e8}s")
        );
    }

    #[test]
    fn lookups_skip_normalising_only_when_it_changes_nothing() {
        let slow = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        for (s, unchanged) in [
            ("death toll", true),
            ("al-islam", true),
            ("", true),
            ("Death toll", false),
            ("death  toll", false),
            (" death", false),
            ("death ", false),
            ("death\ttoll", false),
            ("death\u{b}toll", false),
            ("d\u{e9}c\u{e8}s", false),
            ("\u{c9}TAT", false),
        ] {
            assert_eq!(normal(s).is_some(), unchanged, "{s:?}");
            assert_eq!(norm(s), slow(s), "{s:?}");
        }
    }
}
