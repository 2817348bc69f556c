//! Reading around each quantity: from a quantity phrase to a [`Claim`].
//!
//! For every quantity the grammar finds, within its sentence:
//! - the counted noun phrase after it, through "of" for vague and partitive forms
//!   ("tens of thousands of locals", "30 of them children"); its head gives `unit`
//!   and, through the lexicon, `subject` or a counted-thing `concept` ("air strikes");
//! - the predicate: a passive or adjectival verb after the noun phrase ("have been
//!   killed", "24 dead"), else an active verb before the number ("killed six"), else a
//!   toll phrase ("the death toll rose to 72"); its lemma gives the `concept`;
//! - relations: coordination ("38 militants and three SDF fighters") shares a group
//!   and the predicate; "including N", "among them N", "N of them", "N among M" make
//!   parts; "another N" marks an addition;
//! - attribution ("according to X", "X said"), trend ("rose 5%"), and the claim's
//!   date, place and time frame (incident, running tally, war-wide total, or another
//!   event).

use super::lexeme::{FIRST_MULTIPLIER, WordSet, next_multiplier};
use super::quantity_phrase::{QuantityMatch, find_quantities};
use super::text::{TokKind, Token, TokenSink, sentences_holding, tokens_into, tokens_with};
use super::verbs::inflections;
use super::words::*;
use crate::claim::{Claim, ClaimId, ClaimRef, Frame};
use crate::corpus::{Document, Section};
use crate::lexicon::{Lexicon, phrase_singular, phrase_singular_cow, places_related, singular_cow};
use crate::quantity::{Kind, Trend};
use jiff::civil::Date;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// Concepts whose claims count people: a figure with no counted noun ("Bomber kills
/// 16") counts people.
const PEOPLE_CONCEPTS: &[&str] = &[
    "killed",
    "wounded",
    "missing",
    "displaced",
    "arrested",
    "evacuated",
    "surrendered",
];

/// Days a sentence's own date may stand from the document's and still speak of the
/// document's event: a day either way absorbs the gap between an incident and its
/// report.
const SAME_EVENT_DAYS: i32 = 1;

/// A full date this close to the document's date is a dateline ("Wed 05 Apr 2017",
/// "Published July 2 2016"), not the date of what a sentence reports.
const DATELINE_DAYS: i32 = 3;

#[derive(Clone, Debug)]
struct VerbForm {
    rest: Vec<String>,
    concept: String,
}

/// Turns documents into claims with one lexicon. Build once, use for every document
/// (it is `Sync`).
#[derive(Clone, Debug)]
pub struct Extractor {
    lexicon: Lexicon,
    /// first word of an inflected verb phrase -> the rest and its concept
    verb_forms: HashMap<String, Vec<VerbForm>, foldhash::fast::FixedState>,
    max_words: usize,
    /// The last words of the lexicon's counted nouns and subject words: a phrase
    /// whose last word is not among them is neither, and is not looked up.
    noun_last_words: WordFilter,
    /// The first words of the lexicon's place names, likewise.
    place_first_words: WordFilter,
    /// The last words of the lexicon's place names, likewise.
    place_last_words: WordFilter,
    /// The keys of `verb_forms`: most words are turned away before hashing.
    verb_first_words: WordFilter,
}

/// The lists the reader fills for each sentence, kept from one sentence to the next
/// so that reading a sentence allocates only when it is longer than any before.
/// [`Extractor::extract_each`] keeps one set per document, so that what a document
/// costs does not depend on the documents read before it; a caller reading many
/// documents keeps one per thread for [`Extractor::extract_each_with`]. Lists of
/// borrowed items are kept empty between sentences and retyped for each sentence's
/// borrows by `reuse` and `reuse_mentions`.
#[derive(Default)]
pub struct Scratch {
    /// the quantities of the sentence
    quantities: Vec<&'static QuantityMatch>,
    toks: Vec<Token>,
    /// each token's span in `lowered`, for a sentence that is not ASCII (the
    /// tokens give it for the others)
    bounds: Vec<Token>,
    /// the sentence lower-cased (see [`Words`])
    lowered: String,
    /// the tokens lower-cased: slices of `lowered`
    low: Vec<&'static str>,
    /// [`Landmarks::at`]
    marks: Vec<(usize, u8)>,
    mentions: Vec<Mention<'static>>,
    /// whether each mention is a claim
    keep: Vec<bool>,
    /// each kept mention's claim number
    number: Vec<Option<usize>>,
}

/// An empty list with the allocation of `v`, for references of another lifetime:
/// collecting from a vector's own iterator into items of the same size reuses its
/// memory, and there are no items to convert.
// (`filter_map`, not `filter`: the items change type.)
#[allow(clippy::unnecessary_filter_map)]
fn reuse<'b, T: ?Sized>(mut v: Vec<&T>) -> Vec<&'b T> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

/// [`reuse`] for a list of mentions.
#[allow(clippy::unnecessary_filter_map)]
fn reuse_mentions<'b>(mut v: Vec<Mention<'_>>) -> Vec<Mention<'b>> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

/// The document's place, read once per document: as a lexicon id, to tell the
/// places a sentence names apart from it, and by its canonical name, which its
/// claims carry.
struct DocPlace<'a> {
    id: Option<&'a str>,
    name: Option<String>,
}

/// What was read about one quantity, before it becomes a claim. Concepts and subjects
/// are the lexicon's own strings and predicates mostly words of the sentence: they
/// are borrowed, and only copied once, into the claim.
#[derive(Clone, Debug, Default)]
struct Mention<'a> {
    /// token range of the quantity phrase
    qa: usize,
    qb: usize,
    /// token range of the counted noun phrase (empty when elided)
    na: usize,
    nb: usize,
    /// first token after everything read as part of the mention
    after: usize,
    unit: Option<Cow<'a, str>>,
    noun_concept: Option<&'a str>,
    subject: Option<&'a str>,
    concept: Option<&'a str>,
    predicate: Option<Cow<'a, str>>,
    /// predicate found after the noun phrase (passive or adjective)
    passive: bool,
    partitive: bool,
    part_of: Option<usize>,
    group: Option<usize>,
    additional: bool,
    trend: Option<Trend>,
    /// "others", "more": counts of the same kind as a neighbour
    other_ref: bool,
    /// a plan or a possibility ("30000 people will be evacuated"), not an event
    hypothetical: bool,
    /// index of the last member of this mention's coordination group
    group_last: usize,
    /// On a group's first member, during [`propagate`]: the group's first member
    /// whose concept comes from a verb.
    group_source: Option<usize>,
    /// a part of the previous sentence's whole ("... killed 12 people. Among them
    /// were five children.")
    part_of_previous: bool,
}

impl Extractor {
    pub fn new(lexicon: Lexicon) -> Self {
        let mut verb_forms: HashMap<String, Vec<VerbForm>, foldhash::fast::FixedState> =
            HashMap::default();
        let mut max_words = lexicon.max_words();
        let mut verbs: Vec<(String, String)> = lexicon
            .verbs()
            .map(|(v, c)| (v.to_string(), c.to_string()))
            .collect();
        verbs.sort();
        for (phrase, concept) in verbs {
            let mut words = phrase.split_whitespace();
            let Some(first) = words.next() else { continue };
            let rest: Vec<String> = words.map(str::to_string).collect();
            max_words = max_words.max(rest.len() + 1);
            for form in inflections(first) {
                let entry = verb_forms.entry(form).or_default();
                entry.push(VerbForm {
                    rest: rest.clone(),
                    concept: concept.clone(),
                });
                // Longest phrases first, so "go missing" wins over "go".
                entry.sort_by_key(|f| std::cmp::Reverse(f.rest.len()));
            }
        }
        let noun_last_words = WordFilter::new(
            lexicon
                .nouns()
                .chain(lexicon.subject_words())
                .map(|(phrase, _)| last_word(phrase)),
        );
        let place_first_words = WordFilter::new(
            lexicon
                .place_aliases()
                .map(|(phrase, _)| phrase.split(' ').next().unwrap_or(phrase)),
        );
        let place_last_words =
            WordFilter::new(lexicon.place_aliases().map(|(phrase, _)| last_word(phrase)));
        let verb_first_words = WordFilter::new(verb_forms.keys().map(String::as_str));
        Extractor {
            lexicon,
            verb_forms,
            max_words,
            noun_last_words,
            place_first_words,
            place_last_words,
            verb_first_words,
        }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Every claim of a document, title first, in text order.
    pub fn extract(&self, doc: &Document) -> Vec<Claim> {
        let mut claims = Vec::new();
        self.extract_each(doc, |c| claims.push(c.to_claim()));
        claims
    }

    /// Every claim of a document, title first, in text order, handed to `f` as it is
    /// read, its text borrowed: what writes claims out needs no owned copy of each.
    /// The claims are [`Extractor::extract`]'s, field for field.
    pub fn extract_each(&self, doc: &Document, f: impl FnMut(&ClaimRef<'_>)) {
        self.extract_each_with(doc, &mut Scratch::default(), f);
    }

    /// [`Extractor::extract_each`] with the reading lists of `scratch`, which a
    /// caller that reads many documents keeps (one per thread) so that their
    /// sentences are read without allocating once the lists have grown. The claims
    /// are the same whatever the lists held before.
    pub fn extract_each_with(
        &self,
        doc: &Document,
        scratch: &mut Scratch,
        mut f: impl FnMut(&ClaimRef<'_>),
    ) {
        let place = DocPlace {
            id: doc.place.as_deref().and_then(|p| self.lexicon.place_of(p)),
            name: doc
                .place
                .as_deref()
                .map(|p| self.lexicon.canonical_place(p)),
        };
        let mut out = ClaimSink {
            count: 0,
            dateline_elsewhere: None,
            f: &mut f,
        };
        for section in [Section::Title, Section::Body] {
            let text = doc.section(section);
            if !text.is_empty() {
                self.extract_section(doc, &place, section, text, &mut out, scratch);
            }
        }
    }

    fn extract_section(
        &self,
        doc: &Document,
        place: &DocPlace,
        section: Section,
        text: &str,
        out: &mut ClaimSink,
        scratch: &mut Scratch,
    ) {
        let found = find_quantities(text);
        if found.is_empty() {
            return;
        }
        // Only the sentences holding quantities are read: the text is split as far
        // as the last, and passed over between two far apart.
        let last_end = found.iter().map(|q| q.end).max().unwrap_or(0);
        let sents = sentences_holding(text, found.iter().map(|q| q.start), last_end);
        let mut lines = LineIndex::new(text, doc, section);
        let mut qi = 0;
        // The last whole of the previous sentence: its number and concept.
        let mut prev_whole: Option<(usize, Option<String>)> = None;
        let mut in_sentence = reuse(std::mem::take(&mut scratch.quantities));
        for sent in &sents {
            let first = qi;
            while qi < found.len() && found[qi].start < sent.end {
                qi += 1;
            }
            in_sentence.clear();
            in_sentence.extend(
                found[first..qi]
                    .iter()
                    .filter(|q| q.start >= sent.start && q.end <= sent.end),
            );
            if in_sentence.is_empty() {
                continue;
            }
            self.read_sentence(
                doc,
                place,
                section,
                text,
                sent.clone(),
                &in_sentence,
                &mut lines,
                &mut prev_whole,
                out,
                scratch,
            );
        }
        scratch.quantities = reuse(in_sentence);
    }

    #[allow(clippy::too_many_arguments)]
    fn read_sentence(
        &self,
        doc: &Document,
        doc_place: &DocPlace,
        section: Section,
        text: &str,
        sent: Range<usize>,
        qs: &[&QuantityMatch],
        lines: &mut LineIndex,
        prev_whole: &mut Option<(usize, Option<String>)>,
        out: &mut ClaimSink,
        scratch: &mut Scratch,
    ) {
        // The words the reading below matches, lower-cased. An ASCII sentence is
        // lower-cased whole and tokenized in that copy (the tokens are the same in
        // any case), its words and landmarks noted as each token is read: the words
        // are slices of the copy, and a run of words separated by single spaces is
        // one slice too. Otherwise every token is lower-cased into a buffer of its
        // own with a single space between tokens.
        let sent_text = &text[sent.clone()];
        let ascii = sent_text.is_ascii();
        scratch.lowered.clear();
        if ascii {
            scratch.lowered.push_str(sent_text);
            scratch.lowered.make_ascii_lowercase();
        } else {
            tokens_into(text, sent.clone(), &mut scratch.toks);
            let lowered = &mut scratch.lowered;
            let bounds = &mut scratch.bounds;
            bounds.clear();
            for t in &scratch.toks {
                if !lowered.is_empty() {
                    lowered.push(' ');
                }
                let from = lowered.len();
                lowered.push_str(&t.text(text).to_lowercase());
                bounds.push(Token {
                    start: from,
                    end: lowered.len(),
                    kind: t.kind,
                });
            }
        }
        let lowered = scratch.lowered.as_str();
        let mut marks = Landmarks {
            at: std::mem::take(&mut scratch.marks),
        };
        marks.at.clear();
        let mut low = reuse(std::mem::take(&mut scratch.low));
        if ascii {
            // room for every token: about one per three bytes
            low.reserve(lowered.len() / 3 + 4);
            let mut sink = LowWords {
                low: &mut low,
                marks: &mut marks,
            };
            tokens_with(lowered, sent.start, &mut scratch.toks, &mut sink);
        } else {
            low.extend(scratch.bounds.iter().enumerate().map(|(k, t)| {
                let w = &lowered[t.start..t.end];
                marks.note(k, w);
                w
            }));
        }
        let toks = scratch.toks.as_slice();
        let low_list = low;
        let low = low_list.as_slice();
        let words = if ascii {
            Words {
                lowered,
                spans: toks,
                base: sent.start,
                low,
            }
        } else {
            Words {
                lowered,
                spans: &scratch.bounds,
                base: 0,
                low,
            }
        };
        let tok_at = |pos: usize| toks.partition_point(|t| t.start < pos);
        let mut ms = reuse_mentions(std::mem::take(&mut scratch.mentions));
        ms.extend(qs.iter().map(|q| {
            let qa = tok_at(q.start);
            let qb = tok_at(q.end).max(qa);
            Mention {
                qa,
                qb,
                na: qb,
                nb: qb,
                after: qb,
                ..Mention::default()
            }
        }));

        for (i, q) in qs.iter().enumerate() {
            self.read_noun_phrase(&mut ms[i], q, toks, low, &words, text);
        }
        self.read_relations(&mut ms, qs, low);
        // Groups are runs of neighbours: note each member's last, once.
        for i in (0..ms.len()).rev() {
            ms[i].group_last = match ms[i].group {
                Some(g) if i + 1 < ms.len() && ms[i + 1].group == Some(g) => ms[i + 1].group_last,
                _ => i,
            };
        }
        for (i, q) in qs.iter().enumerate() {
            if q.kind == Kind::Count || q.kind == Kind::Ratio {
                self.read_predicate(&mut ms, i, low);
            }
        }
        propagate(&mut ms, qs, low);
        for (i, q) in qs.iter().enumerate() {
            read_trend(&mut ms[i], low, q);
        }

        // Mentions that are not claims after all: the pronoun "one" with nothing
        // counted ("a costly one"), and a year before a noun that is not counted
        // ("the 2014 riots").
        let keep = &mut scratch.keep;
        keep.clear();
        keep.extend(qs.iter().zip(&ms).map(|(q, m)| {
            let lone_one = q.is_word && q.value == 1.0 && m.nb == m.na && m.predicate.is_none();
            let raw = &text[q.start..q.end];
            let year_like = raw.len() == 4
                && raw.bytes().all(|b| b.is_ascii_digit())
                && (1900.0..=2099.0).contains(&q.value)
                && m.subject.is_none()
                && m.noun_concept.is_none();
            !(lone_one || year_like)
        }));
        let keep = keep.as_slice();
        // Claim number of each kept mention, for part and group links.
        let number = &mut scratch.number;
        number.clear();
        let mut next = out.len();
        number.extend(keep.iter().map(|&k| {
            k.then(|| {
                next += 1;
                next
            })
        }));
        let number = number.as_slice();
        let link = |j: Option<usize>| {
            j.and_then(|j| number.get(j).copied().flatten())
                .map(|n| claim_id(&doc.id, n))
        };
        let attribution = attribution(text, toks, low, &marks);
        let named_places = self.sentence_places(low, &words, &marks);
        // A sentence that puts its figures only in places unrelated to the
        // document's ("16 civilians were killed in Idlib" in an article filed under
        // Aleppo) speaks of another event.
        let placed_elsewhere = doc_place.id.is_some_and(|dp| {
            !named_places.is_empty() && !named_places.iter().any(|p| places_related(p, dp))
        });
        let sent_info = sentence_frame(low, marks.frame(), doc.date);
        // The claims' place: the document's, else the one the sentence is dated in,
        // else the first it names.
        let place = doc_place
            .name
            .as_deref()
            .or(sent_info.place.as_deref())
            .or(named_places.first().copied());
        let prev_id = prev_whole.as_ref().map(|w| claim_id(&doc.id, w.0));
        let prev_concept = prev_whole.as_ref().and_then(|w| w.1.as_deref());
        // The last whole read here (number and concept), for the next sentence.
        let mut last_whole = None;
        for (i, q) in qs.iter().enumerate() {
            if !keep[i] {
                continue;
            }
            let m = &ms[i];
            let n = out.len() + 1;
            // A mention stops before the next quantity of the sentence: numbers packed
            // into one token ("1,0001,000") or a noun phrase that reaches a number
            // must not run over their neighbour, or each claim would copy the rest of
            // the sentence.
            let next_start = qs.get(i + 1).map_or(text.len(), |n| n.start);
            let end = mention_end(m, q, toks).min(next_start).max(q.end);
            let end = q.start + text[q.start..end].trim_end().len().max(q.end - q.start);
            let start = q.start;
            let (line, column) = lines.position(start);
            let mut frame = mention_frame(&sent_info, m);
            if placed_elsewhere && frame == Frame::Incident {
                frame = Frame::Other;
            }
            let mut concept = m.concept;
            if concept.is_none() && m.part_of_previous {
                concept = prev_concept;
            }
            let mut subject = m.subject;
            if q.kind != Kind::Count && q.kind != Kind::Ratio {
                concept = None;
                subject = None;
            }
            // A verb that counts people with an object that is not a person ("had left
            // the two rebel-besieged villages") does not count people at all.
            let lowercase_object = m.nb > m.na
                && !m.passive
                && m.noun_concept.is_none()
                && subject.is_none()
                && !m.other_ref
                && (m.na..m.nb).all(|j| !toks[j].text(text).starts_with(char::is_uppercase));
            // Likewise a verb of a concept counted by its own nouns ("launched 20
            // rockets" is no count of strikes).
            if lowercase_object
                && concept.is_some_and(|c| {
                    PEOPLE_CONCEPTS.contains(&c) || self.lexicon.concept_has_nouns(c)
                })
            {
                concept = None;
            }
            if subject.is_none()
                && concept.is_some_and(|c| PEOPLE_CONCEPTS.contains(&c))
                && self.lexicon.has_subject("people")
            {
                subject = Some("people");
            }
            let noun = (m.nb > m.na && toks[m.nb - 1].end <= next_start)
                .then(|| &text[toks[m.na].start..toks[m.nb - 1].end]);
            let unit = match q.kind {
                Kind::Count => m.unit.as_deref(),
                _ => q.unit.as_deref(),
            };
            let part_of = match link(m.part_of) {
                None if m.part_of_previous => prev_id,
                own => own,
            };
            if part_of.is_none() && q.kind == Kind::Count {
                last_whole = Some((n, concept));
            }
            let sentence = sentence_around(text, sent.clone(), start, end);
            let claim = ClaimRef {
                id: claim_id(&doc.id, n),
                doc: &doc.id,
                section,
                start,
                end,
                line,
                column,
                text: &text[start..end],
                quantity: &text[q.start..q.end],
                value: q.value,
                low: q.low,
                high: q.high,
                qualifier: q.qualifier,
                kind: q.kind,
                unit,
                noun,
                concept,
                subject,
                predicate: m.predicate.as_deref(),
                trend: m.trend,
                part_of,
                group: link(m.group),
                attribution,
                date: sent_info.date.or(doc.date),
                place,
                source: doc.source.as_deref(),
                event: doc.event.as_deref(),
                doc_date: doc.date,
                frame,
                additional: m.additional,
                partial: m.partitive || m.part_of.is_some() || m.part_of_previous,
                sentence: &sentence,
            };
            out.push(doc, &claim);
        }
        // A whole named in this sentence can take parts in the next ("Among them ...").
        if let Some((n, concept)) = last_whole {
            let concept = concept.map(str::to_string);
            *prev_whole = Some((n, concept));
        }
        scratch.marks = marks.at;
        scratch.mentions = reuse_mentions(ms);
        scratch.low = reuse(low_list);
    }

    /// The counted noun phrase after a quantity.
    fn read_noun_phrase<'a>(
        &'a self,
        m: &mut Mention<'a>,
        q: &QuantityMatch,
        toks: &[Token],
        low: &[&'a str],
        words: &Words<'a>,
        text: &str,
    ) {
        if q.kind != Kind::Count && q.kind != Kind::Ratio && q.kind != Kind::Percent {
            return;
        }
        let mut i = m.qb;
        let word = |k: usize| low.get(k).copied().unwrap_or("");
        // "others", "more", "other civilians"
        if matches!(word(i), "others" | "more" | "other") {
            m.other_ref = true;
            if word(i) != "other" {
                m.na = i;
                m.nb = i + 1;
                m.after = i + 1;
                // "dozens more wounded": fall through to predicate reading
                return;
            }
            i += 1;
        }
        // "of": vague and scaled quantities, partitives, percentages of a whole
        if word(i) == "of" {
            let next = word(i + 1);
            // "two of the killed", "30 of the dead": a part of a toll.
            if next == "the" {
                let w = word(i + 2);
                let concept = matches!(
                    w,
                    "dead" | "killed" | "wounded" | "injured" | "missing" | "victims"
                )
                .then(|| {
                    self.lexicon
                        .concept_of_noun(w)
                        .or_else(|| self.verb_at(low, i + 2).map(|v| v.0))
                })
                .flatten();
                if let Some(c) = concept {
                    m.partitive = true;
                    m.concept = Some(c);
                    m.predicate = Some(Cow::Borrowed(w));
                    m.passive = true;
                    m.after = i + 3;
                    return;
                }
            }
            if matches!(next, "them" | "whom" | "those" | "these" | "which") {
                m.partitive = true;
                i += 2;
                m.after = i;
            } else if q.is_word || matches!(q.kind, Kind::Percent | Kind::Ratio) || next == "the" {
                i += 1;
                if matches!(word(i), "the" | "their" | "its" | "his" | "her") {
                    i += 1;
                }
            } else {
                return;
            }
        }
        let start = i;
        let mut k = i;
        while k < toks.len() && k - start < 6 {
            let t = &toks[k];
            let w = word(k);
            if t.kind == TokKind::Punct {
                // quotes around a noun: dozens of "fighters"
                if matches!(t.text(text), "\"" | "\u{201c}" | "\u{201d}") && k == start {
                    k += 1;
                    continue;
                }
                break;
            }
            if t.kind == TokKind::Number {
                break;
            }
            let raw = t.text(text);
            // An all-capitals word is an acronym ("IS fighters", "US-led"), not a
            // function word.
            let acronym = raw.len() >= 2 && raw.chars().all(|c| c.is_ascii_uppercase());
            if !acronym {
                // A word that is a counted noun as well as a verb form ("strikes",
                // "raids", "shells") continues the phrase; a participle does not.
                // (Asked only of a verb form: a lexicon lookup per word otherwise.)
                let noun_too = || !w.ends_with("ed") && w != "dead" && self.is_noun(w);
                if ends_noun_phrase(w)
                    || (self.is_verb_form(w) && !noun_too())
                    || (w.ends_with("ly") && w.len() > 4)
                {
                    break;
                }
            }
            k += 1;
            // A plural noun is the head: what follows it is not part of the phrase
            // ("100 countries tell", "fighters holding").
            if !acronym && looks_plural(w) && k - start >= 1 {
                let next_is_noun = k < low.len()
                    && self.noun_last_words.may_hold(low[k])
                    && self.is_noun(&words.phrase(k - 1, k + 1));
                if !next_is_noun {
                    break;
                }
            }
        }
        // Trim a trailing quote we may have stepped over.
        let mut na = start;
        while na < k && toks[na].kind == TokKind::Punct {
            na += 1;
        }
        if k > na {
            m.na = na;
            m.nb = k;
            m.after = k.max(m.after);
            // The longest lexicon phrase that ends the noun phrase.
            let mut matched = false;
            let lexicon_noun_ends_here = self.noun_last_words.may_hold(low[k - 1]);
            for s in na..k {
                if k - s > self.max_words || !lexicon_noun_ends_here {
                    continue;
                }
                let phrase = words.phrase(s, k);
                if let Some(c) = self.lexicon.concept_of_normal_noun(&phrase) {
                    m.noun_concept = Some(c);
                    m.unit = Some(unit_of(&phrase));
                    matched = true;
                }
                if let Some(subj) = self.lexicon.subject_of_normal(&phrase) {
                    m.subject = Some(subj);
                    if !matched {
                        m.unit = Some(unit_of(&phrase));
                    }
                    matched = true;
                }
                if matched {
                    break;
                }
            }
            // After a verb, capitalised words with no counted noun among them are a
            // name after an elided noun, as headlines write them ("kills six Syrian
            // state TV", "toll hits 43 Monitor"): nothing is counted by them.
            // (The verb, a lexicon lookup, is asked last.)
            if !matched
                && toks[na].text(text).starts_with(char::is_uppercase)
                && m.qa > 0
                && (self.is_verb_form(word(m.qa - 1)) || links_toll(word(m.qa - 1)))
            {
                m.na = m.qb;
                m.nb = m.qb;
                m.after = m.qb;
                m.unit = None;
                return;
            }
            let head = word(k - 1);
            // "44 dead", "12 wounded": the adjective is the predicate too.
            if matches!(head, "dead" | "wounded" | "injured" | "missing") && k - na == 1 {
                m.predicate = Some(Cow::Borrowed(head));
                m.passive = true;
                if let Some(c) = m.noun_concept {
                    m.concept = Some(c);
                }
            }
            if m.unit.is_none() {
                m.unit = Some(singular_cow(head));
            }
        }
    }

    /// Whether a phrase in normal form is a counted noun or a subject word of the
    /// lexicon.
    fn is_noun(&self, phrase: &str) -> bool {
        self.noun_last_words.may_hold(last_word(phrase))
            && (self.lexicon.concept_of_normal_noun(phrase).is_some()
                || self.lexicon.subject_of_normal(phrase).is_some())
    }

    /// Whether a lowercase word is an inflected form of a lexicon verb.
    fn is_verb_form(&self, w: &str) -> bool {
        self.verb_first_words.may_hold(w) && self.verb_forms.contains_key(w)
    }

    /// The concept of the verb phrase starting at token `k`, with its surface.
    fn verb_at<'a>(&'a self, low: &[&'a str], k: usize) -> Option<(&'a str, Cow<'a, str>)> {
        let w = *low.get(k)?;
        if !self.verb_first_words.may_hold(w) {
            return None;
        }
        let forms = self.verb_forms.get(w)?;
        for f in forms {
            let n = f.rest.len();
            if k + 1 + n <= low.len()
                && low[k + 1..k + 1 + n]
                    .iter()
                    .zip(&f.rest)
                    .all(|(a, b)| a == b)
            {
                let surface = if n == 0 {
                    Cow::Borrowed(low[k])
                } else {
                    Cow::Owned(low[k..=k + n].join(" "))
                };
                return Some((&f.concept, surface));
            }
        }
        None
    }

    /// Coordination, parts and additions between the mentions of one sentence.
    fn read_relations<'a>(
        &'a self,
        ms: &mut [Mention<'a>],
        qs: &[&QuantityMatch],
        low: &[&'a str],
    ) {
        let word = |k: usize| low.get(k).copied().unwrap_or("");
        // The nearest count before the current mention that is no part itself.
        let mut last_whole: Option<usize> = None;
        for i in 0..ms.len() {
            let qa = ms[i].qa;
            let before = |n: usize| if qa >= n { word(qa - n) } else { "" };
            // Every cue read here but coordination starts from the word before the
            // number; most such words are none, and one slot lookup says so.
            let cue = !plain_for(&RELATION_CUES, before(1));
            if cue
                && (matches!(before(1), "another" | "further" | "additional")
                    || (before(1) == "other" && before(2) == "an")
                    || (before(1) == "with" && before(2) == "along")
                    || (before(1) == "to" && before(2) == "addition" && before(3) == "in"))
            {
                ms[i].additional = true;
            }
            if i > 0 && qs[i].kind == qs[i - 1].kind && qs[i].kind == Kind::Count {
                // Coordination: nothing but "and" or "," between the previous noun
                // phrase and this quantity.
                let gap = low.get(ms[i - 1].after..qa).unwrap_or_default();
                // An empty gap is a list whose commas were stripped ("six women
                // five children and three police officers"): only between counted
                // nouns that name people.
                let listed_people =
                    gap.is_empty() && ms[i - 1].subject.is_some() && ms[i].subject.is_some();
                let coordinated = (listed_people
                    || matches!(
                        gap,
                        ["and"] | [","] | [",", "and"] | ["as", "well", "as"] | ["plus"]
                    ))
                    && ms[i - 1].nb > ms[i - 1].na
                    && !ms[i - 1].partitive;
                if coordinated {
                    let g = ms[i - 1].group.unwrap_or(i - 1);
                    ms[i - 1].group = Some(g);
                    ms[i].group = Some(g);
                    if ms[i].part_of.is_none() {
                        ms[i].part_of = ms[i - 1].part_of;
                    }
                }
            }
            // "Among the dead were seven people": a part of a toll not given here.
            if cue {
                let mut b = 1;
                while matches!(before(b), "were" | "was" | "are" | "is" | "also") {
                    b += 1;
                }
                if b > 1 && before(b + 2) == "among" && before(b + 1) == "the" {
                    let w = before(b);
                    if matches!(
                        w,
                        "dead" | "killed" | "wounded" | "injured" | "victims" | "casualties"
                    ) {
                        ms[i].partitive = true;
                        if let Some(c) = self.lexicon.concept_of_noun(w).or_else(|| {
                            self.verb_forms
                                .get(w)
                                .and_then(|f| f.first())
                                .map(|f| f.concept.as_str())
                        }) {
                            ms[i].concept = Some(c);
                            ms[i].predicate = Some(Cow::Borrowed(w));
                            ms[i].passive = true;
                        }
                    }
                }
            }
            let marks_part = cue && {
                // "Among them were N", "Of them, N": the marker before a verb or a
                // comma.
                let mut b = 1;
                while matches!(before(b), "were" | "was" | "are" | "is" | ",") {
                    b += 1;
                }
                let fronted = b > 1
                    && matches!(before(b), "them" | "whom" | "those")
                    && matches!(before(b + 1), "among" | "of");
                // "including N", "among them N", "of whom N", "among whom N"
                let marks_part = matches!(before(1), "including" | "incl" | "included")
                    || (before(2) == "among" && matches!(before(1), "them" | "whom" | "those"))
                    || (before(2) == "of" && before(1) == "whom")
                    || (before(2) == "which" && before(1) == "included");
                // "including a woman and two children": the list goes on after "and".
                let continues_list = before(1) == "and"
                    && !ms[i].other_ref
                    && (2..8).any(|n| qa >= n && matches!(before(n), "including" | "incl"))
                    && !(2..8)
                        .take_while(|&n| qa >= n && !matches!(before(n), "including" | "incl"))
                        .any(|n| {
                            self.is_verb_form(before(n)) || matches!(before(n), "," | ";" | ".")
                        });
                marks_part || continues_list || fronted
            };
            if (marks_part || ms[i].partitive) && ms[i].part_of.is_none() {
                ms[i].part_of = last_whole;
                ms[i].part_of_previous = last_whole.is_none();
            }
            if ms[i].part_of.is_none() && qs[i].kind == Kind::Count {
                last_whole = Some(i);
            }
        }
        // "N were among M killed", "2 medics among 31 dead": the next mention is the whole.
        for i in 0..ms.len().saturating_sub(1) {
            let mut k = ms[i].after;
            while matches!(
                word(k),
                "were" | "was" | "are" | "is" | "also" | "reportedly"
            ) {
                k += 1;
            }
            // ("13 civilians among them seven children" is the other way round.)
            if word(k) == "among"
                && !matches!(word(k + 1), "them" | "whom" | "those" | "these")
                && ms[i + 1].qa <= k + 2
                && ms[i].part_of.is_none()
            {
                ms[i].part_of = Some(i + 1);
            }
        }
    }

    /// The verb that holds mention `i`'s number.
    fn read_predicate<'a>(&'a self, ms: &mut [Mention<'a>], i: usize, low: &[&'a str]) {
        let word = |k: usize| low.get(k).copied().unwrap_or("");
        if ms[i].predicate.is_some() {
            return;
        }
        // The group's last member reads to the right, its first to the left.
        let (first, last) = match ms[i].group {
            Some(g) => (g, ms[i].group_last),
            None => (i, i),
        };
        let right_from = ms[last].after;
        let left_from = ms[first].qa;

        // A plan or a possibility before the number: "is set to see more than 30000
        // people evacuated", "will evacuate 5000".
        ms[i].hypothetical |= plan_before(low, left_from);
        // Right: "were killed", "have been wounded", "to flee", "dead", "among the dead".
        let mut k = right_from;
        // Step over a closing quote ('dozens of "fighters" were killed') and an
        // inclusion list ("6 civilians including a woman and two children were
        // killed") to reach the verb.
        while matches!(word(k), "\"" | "\u{201d}" | "'") {
            k += 1;
        }
        if matches!(word(k), "including" | "incl") {
            let mut j = k + 1;
            while j < low.len() && j - k < 12 {
                let w = word(j);
                if self.is_verb_form(w) || matches!(w, "were" | "was" | "have" | "had" | "are") {
                    break;
                }
                if matches!(w, "," | ";" | ":" | "." | "(") {
                    j = low.len();
                    break;
                }
                j += 1;
            }
            // Only a passive verb after the list is the whole's ("... were killed");
            // "killed 100 people including 25 children and injured 400" starts a
            // new clause.
            if j < low.len() && matches!(word(j), "were" | "was" | "have" | "had" | "are") {
                k = j;
            }
        }
        // An aside between dashes or brackets: "At least 11 civilians - among them
        // four women - were killed", "24 Daesh terrorists (a group banned in Russia)
        // were killed".
        if matches!(word(k), "-" | "\u{2013}" | "\u{2014}" | "(") {
            let close: &[&str] = if word(k) == "(" {
                &[")"]
            } else {
                &["-", "\u{2013}", "\u{2014}"]
            };
            if let Some(j) = (k + 1..low.len().min(k + 16)).find(|&j| close.contains(&word(j))) {
                k = j + 1;
            }
        }
        // More counted nouns without a number: "Nearly 40 Syrian soldiers and
        // pro-regime fighters were killed".
        if word(k) == "and" {
            let verb_at = (k + 1..low.len().min(k + 6)).find(|&j| {
                self.is_verb_form(word(j))
                    || matches!(word(j), "were" | "was" | "have" | "had" | "are")
            });
            if let Some(j) = verb_at {
                let plain_words = (k + 1..j).all(|x| {
                    let w = word(x);
                    w.chars().all(|c| c.is_alphabetic() || c == '-')
                        && !ends_noun_phrase(w)
                        && !w.is_empty()
                });
                if plain_words && j > k + 1 {
                    k = j;
                }
            }
        }
        // A prepositional phrase or an aside between the count and a passive verb:
        // "30 militants of the terrorist group were killed", "35 people in total had
        // died", "40 people mostly civilians were killed", "10 people mostly
        // schoolchildren killed".
        if matches!(
            word(k),
            "of" | "from"
                | "in"
                | "at"
                | "on"
                | "near"
                | "inside"
                | "with"
                | "mostly"
                | "mainly"
                | "largely"
                | "many"
                | "most"
                | "belonging"
                | "loyal"
        ) {
            let mut j = k + 1;
            let mut found = None;
            while j < low.len() && j - k < 12 {
                let w = word(j);
                // Nearly every word is plain: only its verb forms are asked.
                let plain = plain_after_preposition(w);
                if !plain && (after_preposition_stops(w) || w.bytes().all(|b| b.is_ascii_digit())) {
                    break;
                }
                if (!plain && after_preposition_aux(w)) || self.is_verb_form(w) {
                    found = Some(j);
                    break;
                }
                j += 1;
            }
            if let Some(j) = found {
                k = j;
            }
        }
        let mut steps = 0;
        // A verb right after the noun phrase that takes a number of its own ("claimed
        // the lives of 470000 people injured 1.9 million others") belongs to the next
        // clause when a verb before the number holds it; it is kept for later.
        let mut deferred: Option<(&str, Cow<str>)> = None;
        while steps < 5 && k < low.len() {
            let w = word(k);
            if let Some((concept, surface)) = self.verb_at(low, k) {
                let after = k + surface.split(' ').count();
                let takes_a_number = ms.binary_search_by_key(&after, |m| m.qa).is_ok();
                if takes_a_number {
                    deferred = Some((concept, surface));
                    break;
                }
                ms[i].concept.get_or_insert(concept);
                ms[i].predicate = Some(surface);
                ms[i].passive = true;
                ms[i].hypothetical |= (right_from..k).any(|j| is_modal(word(j)));
                break;
            }
            if matches!(w, "dead" | "wounded" | "injured" | "missing")
                && let Some(c) = self.lexicon.concept_of_noun(w)
            {
                ms[i].concept.get_or_insert(c);
                ms[i].predicate = Some(Cow::Borrowed(w));
                ms[i].passive = true;
                break;
            }
            if w == "among" && word(k + 1) == "the" {
                if let Some(c) = self
                    .lexicon
                    .concept_of_noun(word(k + 2))
                    .or_else(|| self.verb_at(low, k + 2).map(|v| v.0))
                {
                    ms[i].concept.get_or_insert(c);
                    ms[i].predicate = Some(Cow::Borrowed(word(k + 2)));
                    ms[i].passive = true;
                }
                break;
            }
            if !skip_before_verb(w) {
                break;
            }
            k += 1;
            steps += 1;
        }
        if ms[i].predicate.is_some() {
            if ms[i].noun_concept.is_some() {
                ms[i].concept = ms[i].noun_concept;
            }
            return;
        }

        // Left: "killed at least 16", "killing six", "wounding 30 others".
        let mut k = left_from;
        let mut steps = 0;
        while k > 0 && steps < 4 {
            k -= 1;
            steps += 1;
            let w = word(k);
            if let Some((concept, surface)) = self.verb_at(low, k) {
                // "leaving thousands stranded", "left 5 dead": before its object,
                // "leave" does not mean getting out.
                if !matches!(w, "left" | "leave" | "leaves" | "leaving") {
                    ms[i].concept.get_or_insert(concept);
                    ms[i].predicate = Some(surface);
                }
                break;
            }
            if matches!(w, "included" | "include" | "includes" | "including") {
                // "the dead also included several rebels": the part takes the concept
                // of the counted noun the clause started from.
                let from = k.saturating_sub(10);
                if let Some(c) = (from..k).rev().find_map(|j| {
                    matches!(
                        word(j),
                        "dead"
                            | "killed"
                            | "wounded"
                            | "injured"
                            | "victims"
                            | "casualties"
                            | "missing"
                    )
                    .then(|| {
                        self.lexicon
                            .concept_of_noun(word(j))
                            .or_else(|| self.verb_at(low, j).map(|v| v.0))
                    })
                    .flatten()
                }) {
                    ms[i].concept.get_or_insert(c);
                    ms[i].predicate = Some(Cow::Borrowed(w));
                }
                break;
            }
            if !skip_after_verb(w) {
                break;
            }
        }
        if ms[i].predicate.is_none() {
            // Toll phrases: "the death toll rose to 72", "put the death toll at 58".
            if left_from > 0 && links_toll(word(left_from - 1)) {
                let mut k = left_from - 1;
                let mut steps = 0;
                while k > 0 && steps < 14 {
                    k -= 1;
                    steps += 1;
                    let w = word(k);
                    if matches!(w, "," | ";" | ":" | "." | "(" | ")") {
                        break;
                    }
                    let toll_concept = if w == "toll" {
                        let prev = if k > 0 { word(k - 1) } else { "" };
                        match prev {
                            "injury" | "injuries" => self.lexicon.concept_of_noun("injured"),
                            _ => self.lexicon.concept_of_noun("death toll"),
                        }
                    } else if w == "number" && word(k + 1) == "of" {
                        self.lexicon.concept_of_noun(word(k + 2)).or_else(|| {
                            matches!(word(k + 2), "victims" | "people")
                                .then_some("killed")
                                .filter(|c| self.lexicon.has_concept(c))
                        })
                    } else {
                        None
                    };
                    if let Some(c) = toll_concept {
                        ms[i].concept.get_or_insert(c);
                        ms[i].predicate = Some(Cow::Borrowed(word(left_from - 1)));
                        break;
                    }
                }
            }
        }
        if ms[i].predicate.is_none()
            && let Some((concept, surface)) = deferred
        {
            ms[i].concept.get_or_insert(concept);
            ms[i].predicate = Some(surface);
            ms[i].passive = true;
        }
        if ms[i].noun_concept.is_some() {
            ms[i].concept = ms[i].noun_concept;
        }
    }

    /// The known places a sentence puts things in ("in Hasakeh", "near Atmeh", "the
    /// town of Khan Sheikhoun"), as lexicon ids, in order.
    fn sentence_places<'a>(
        &'a self,
        low: &[&str],
        words: &Words,
        marks: &Landmarks,
    ) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        for k in marks.of(PLACE_PREPOSITION) {
            // Every place name starts with one of `place_first_words`.
            if !low
                .get(k + 1)
                .is_some_and(|w| self.place_first_words.may_hold(w))
            {
                continue;
            }
            for n in (1..=3).rev() {
                // Nor is a phrase looked up whose last word ends no place name.
                if k + 1 + n > low.len() || !self.place_last_words.may_hold(low[k + n]) {
                    continue;
                }
                if let Some(p) = self
                    .lexicon
                    .place_of_normal(&words.phrase(k + 1, k + 1 + n))
                {
                    if !out.contains(&p) {
                        out.push(p);
                    }
                    break;
                }
            }
        }
        out
    }
}

/// Share what coordination and parts imply: members of a group share the predicate
/// and concept; a part takes its whole's concept, and a whole whose verb comes after
/// its parts ("6 civilians including two children were killed") takes theirs.
fn propagate(ms: &mut [Mention], qs: &[&QuantityMatch], low: &[&str]) {
    for _ in 0..2 {
        // Per group, its first member whose concept comes from a verb, as things
        // stand before the round, noted on the group's first member: a group is a
        // run of neighbours named by the index of its first member, which comes
        // before the others.
        for j in 0..ms.len() {
            let Some(g) = ms[j].group else { continue };
            if g == j {
                ms[j].group_source = None;
            }
            let from_verb = ms[j].concept.is_some() && ms[j].noun_concept.is_none();
            if let Some(head) = ms.get_mut(g)
                && from_verb
            {
                head.group_source.get_or_insert(j);
            }
        }
        for i in 0..ms.len() {
            if let Some(g) = ms[i].group
                && ms[i].concept.is_none()
                && let Some(j) = ms.get(g).and_then(|head| head.group_source)
            {
                ms[i].concept = ms[j].concept;
                ms[i].predicate = ms[j].predicate.clone();
            }
            if let Some(w) = ms[i].part_of
                && w < ms.len()
            {
                let whole_counts_people =
                    ms[w].concept.is_some_and(|c| PEOPLE_CONCEPTS.contains(&c));
                if ms[i].concept.is_none()
                    && ms[w].concept.is_some()
                    && (ms[w].noun_concept.is_none() || whole_counts_people)
                {
                    ms[i].concept = ms[w].concept;
                    ms[i].predicate = ms[w].predicate.clone();
                }
                if ms[w].concept.is_none()
                    && ms[i].passive
                    && ms[i].concept.is_some()
                    && ms[i].noun_concept.is_none()
                {
                    ms[w].concept = ms[i].concept;
                    ms[w].predicate = ms[i].predicate.clone();
                }
            }
        }
    }
    // "13 raids on Raqqa and 11 on Tabqa": a bare number after "and" counts what the
    // figure before it counts.
    for i in 1..ms.len() {
        let bare = ms[i].nb == ms[i].na && !ms[i].partitive && !ms[i].other_ref;
        let after_and = ms[i].qa > 0 && low.get(ms[i].qa - 1).is_some_and(|w| *w == "and");
        let prev_counts = ms[i - 1].nb > ms[i - 1].na && ms[i - 1].noun_concept.is_some();
        if bare && after_and && prev_counts && qs[i].kind == qs[i - 1].kind {
            ms[i].noun_concept = ms[i - 1].noun_concept;
            ms[i].concept = ms[i - 1].noun_concept;
            ms[i].unit = ms[i - 1].unit.clone();
            ms[i].subject = ms[i - 1].subject;
        }
    }
    // "30 others", "dozens more": counted like the neighbour before them.
    for i in 1..ms.len() {
        if ms[i].other_ref && ms[i].subject.is_none() && qs[i].kind == Kind::Count {
            ms[i].subject = ms[i - 1].subject;
            if ms[i].unit.is_none() {
                ms[i].unit = ms[i - 1].unit.clone();
            }
        }
    }
}

/// "rose 5%", "fell by 3 points", "up from 58", "down 12": the number is a change.
fn read_trend(m: &mut Mention, low: &[&str], q: &QuantityMatch) {
    let word = |k: usize| low.get(k).copied().unwrap_or("");
    if m.qa == 0 {
        return;
    }
    let mut k = m.qa - 1;
    if word(k) == "by" && k > 0 {
        k -= 1;
    }
    let by = word(m.qa - 1) == "by";
    let w = word(k);
    let up = matches!(
        w,
        "rose"
            | "rise"
            | "rises"
            | "risen"
            | "increased"
            | "increase"
            | "jumped"
            | "climbed"
            | "grew"
            | "surged"
            | "soared"
            | "gained"
            | "up"
    );
    let down = matches!(
        w,
        "fell"
            | "fall"
            | "falls"
            | "fallen"
            | "dropped"
            | "decreased"
            | "declined"
            | "plunged"
            | "slipped"
            | "shrank"
            | "down"
            | "lost"
    );
    // "rose to 72" is a level, not a change; "up from 58" names the old level.
    let level = word(m.qa - 1) == "to";
    if level {
        return;
    }
    if up && (by || q.kind == Kind::Percent || w == "up") {
        m.trend = Some(Trend::Up);
    } else if down && (by || q.kind == Kind::Percent || w == "down") {
        m.trend = Some(Trend::Down);
    } else if word(m.qa - 1) == "from" && k >= 1 && matches!(word(k - 1), "up" | "down") {
        m.trend = Some(if word(k - 1) == "up" {
            Trend::Up
        } else {
            Trend::Down
        });
    }
}

/// End of the whole mention: the quantity, then its noun phrase.
fn mention_end(m: &Mention, q: &QuantityMatch, toks: &[Token]) -> usize {
    if m.nb > m.na && m.nb <= toks.len() {
        toks[m.nb - 1].end.max(q.end)
    } else {
        q.end
    }
}

/// Who says so: "according to X", "X said", "said X".
/// (A slice of the text: the claims borrow it.)
fn attribution<'t>(
    text: &'t str,
    toks: &[Token],
    low: &[&str],
    marks: &Landmarks,
) -> Option<&'t str> {
    let word = |k: usize| low.get(k).copied().unwrap_or("");
    let is_cap = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.text(text).chars().next().is_some_and(char::is_uppercase))
    };
    let is_stop = |k: usize| {
        toks.get(k).is_none_or(|t| {
            t.kind != TokKind::Word
                || matches!(
                    word(k),
                    "said"
                        | "says"
                        | "told"
                        | "on"
                        | "that"
                        | "which"
                        | "who"
                        | "in"
                        | "as"
                        | "and"
                        | "when"
                        | "while"
                        | "after"
                )
        })
    };
    let span = |a: usize, b: usize| -> Option<&'t str> {
        (b > a && b <= toks.len()).then(|| &text[toks[a].start..toks[b - 1].end])
    };
    for k in marks.of(ACCORDING) {
        if word(k + 1) == "to" {
            let a = k + 2;
            let mut b = a;
            while b < toks.len()
                && b - a < 9
                && (!is_stop(b) || (b > a && matches!(word(b), "for" | "of" | "on")))
            {
                if toks[b].kind != TokKind::Word {
                    break;
                }
                b += 1;
            }
            // A trailing function word is not part of the name.
            while b > a && matches!(word(b - 1), "for" | "of" | "on" | "the") {
                b -= 1;
            }
            if let Some(s) = span(a, b) {
                return Some(s);
            }
        }
    }
    for k in marks.of(REPORTING) {
        if matches!(word(k), "put" | "puts" | "putting" | "estimated") {
            continue;
        }
        // "X said": the noun phrase before the verb, back to a clause edge.
        let mut a = k;
        let mut end = k;
        // "X, a war monitor, said": step over the appositive to the name before it.
        if k >= 2
            && word(k - 1) == ","
            && let Some(c) = (k.saturating_sub(8)..k - 1).rev().find(|&j| word(j) == ",")
        {
            a = c;
            end = c;
        }
        while a > 0 && k - a < 12 {
            let p = a - 1;
            // (A number is no word either.)
            if toks[p].kind != TokKind::Word {
                break;
            }
            let w = word(p);
            // Most words stop nothing, and one lookup passes them over.
            if passes(&SPEAKER_STOPS, w) && ends_speaker(w, p + 1 < toks.len()) {
                break;
            }
            a = p;
        }
        while a < end && matches!(word(a), "the" | "a" | "an") && !is_cap(a) {
            a += 1;
        }
        let has_name = (a..end).any(|j| is_cap(j) || is_speaker_noun(word(j)));
        if end > a && has_name && !(a..end).all(|j| matches!(word(j), "he" | "she" | "it" | "they"))
        {
            // keep a leading "the": "the Syrian Observatory"
            let a2 = if a > 0 && word(a - 1) == "the" {
                a - 1
            } else {
                a
            };
            return span(a2, end);
        }
        // "said X" at a clause end.
        let a = k + 1;
        let mut b = a;
        while b < toks.len()
            && b - a < 9
            && toks[b].kind == TokKind::Word
            && !matches!(
                word(b),
                "that" | "on" | "in" | "which" | "who" | "when" | "after" | "adding"
            )
        {
            b += 1;
        }
        if b > a
            && (is_cap(a)
                || (word(a) == "the" && (a + 1..b).any(|j| is_cap(j) || is_speaker_noun(word(j)))))
        {
            return span(a, b);
        }
    }
    None
}

/// Whether the word `w` before a reporting verb ends the name of who speaks, read
/// backwards: a preposition or time word ("by", "on Monday", "late Sunday"), another
/// reporting verb, a weekday, a clause edge or a pronoun, or (`in_claim`: a word
/// follows it) a word of the claim itself ("killed", "civilians").
fn ends_speaker(w: &str, in_claim: bool) -> bool {
    matches!(w, "by" | "late" | "early" | "on")
        || is_reporting_verb(w)
        || weekday(w).is_some()
        || matches!(
            w,
            "that"
                | "and"
                | "but"
                | "which"
                | "who"
                | "he"
                | "she"
                | "it"
                | "they"
                | "we"
                | "i"
                | "also"
        )
        || (in_claim
            && matches!(
                w,
                "killed" | "wounded" | "injured" | "dead" | "people" | "civilians"
            ))
}

/// Every form of a weekday name that [`weekday`] reads: the name, with "'s" or "’s",
/// and with "s".
#[rustfmt::skip]
const WEEKDAY_FORMS: &[&str] = &[
    "monday", "monday's", "monday\u{2019}s", "mondays",
    "tuesday", "tuesday's", "tuesday\u{2019}s", "tuesdays",
    "wednesday", "wednesday's", "wednesday\u{2019}s", "wednesdays",
    "thursday", "thursday's", "thursday\u{2019}s", "thursdays",
    "friday", "friday's", "friday\u{2019}s", "fridays",
    "saturday", "saturday's", "saturday\u{2019}s", "saturdays",
    "sunday", "sunday's", "sunday\u{2019}s", "sundays",
];

/// The words [`ends_speaker`] names itself.
#[rustfmt::skip]
const SPEAKER_STOP_WORDS: &[&str] = &[
    "by", "late", "early", "on", "that", "and", "but", "which", "who", "he", "she", "it",
    "they", "we", "i", "also", "killed", "wounded", "injured", "dead", "people", "civilians",
];

/// Every word [`ends_speaker`] is true of, by slot: a word of no slot here is not.
static SPEAKER_STOPS: SlotFilter =
    slot_filter(&[SPEAKER_STOP_WORDS, REPORTING_VERBS, WEEKDAY_FORMS]);

/// What a sentence says about time and place.
#[derive(Clone, Debug, Default)]
struct SentenceInfo {
    date: Option<Date>,
    /// the sentence names a date or year far from the document's
    elsewhere: bool,
    since_tokens: Vec<(usize, bool)>,
    /// positions of "the six-year war", "the civil war"
    war_total: Vec<usize>,
    /// a tally over a period: "in the past two weeks", "this week", "so far"
    period: bool,
    place: Option<String>,
}

/// Every word [`sentence_frame`] acts on (a year aside), sorted as [`WordSet`] wants.
#[rustfmt::skip]
const FRAME_WORD_LIST: &[&str] = &[
    "apr", "april", "aug", "august", "before", "conflict", "crisis", "days", "dec", "december",
    "earlier", "feb", "february", "friday", "friday's", "fridays", "friday\u{2019}s",
    "insurgency", "jan", "january", "jul", "july", "jun", "june", "last", "later",
    "mar", "march", "may", "monday", "monday's", "mondays", "monday\u{2019}s", "months",
    "nov", "november", "oct", "october", "past", "previous", "revolution", "saturday",
    "saturday's", "saturdays", "saturday\u{2019}s", "sep", "sept", "september", "since",
    "so", "sunday", "sunday's", "sundays", "sunday\u{2019}s", "this", "thursday",
    "thursday's", "thursdays", "thursday\u{2019}s", "tuesday", "tuesday's", "tuesdays",
    "tuesday\u{2019}s", "uprising", "war", "wednesday", "wednesday's", "wednesdays",
    "wednesday\u{2019}s", "weeks", "years",
];

/// [`FRAME_WORD_LIST`] by first letter, last letter and length: most words of a
/// sentence are in no such slot and are passed over at once.
static FRAME_WORDS: SlotFilter = slot_filter(&[FRAME_WORD_LIST]);

/// [`FRAME_WORD_LIST`] as a set, for the exact test that turns away the words that
/// only share a slot with one of them.
static FRAME_WORD_SET: WordSet<{ FRAME_WORD_LIST.len() }> = WordSet::new(FRAME_WORD_LIST);

/// Whether [`sentence_frame`] may act on the lower-case word `w`: a year or a word
/// whose slot in [`FRAME_WORDS`] is taken. A superset: the reading itself decides.
fn frame_word(w: &str) -> bool {
    let w = w.strip_suffix('.').unwrap_or(w);
    w.as_bytes().first().is_some_and(u8::is_ascii_digit) || passes(&FRAME_WORDS, w)
}

/// The prepositions before which [`Extractor::sentence_places`] looks for a place.
const PLACE_PREPOSITIONS: &[&str] = &["in", "near", "at", "outside", "of", "around"];

/// Every word a sentence-wide reading starts from, for a first cheap test.
static LANDMARK_WORDS: SlotFilter = slot_filter(&[
    FRAME_WORD_LIST,
    REPORTING_VERBS,
    PLACE_PREPOSITIONS,
    &["according"],
]);

/// Where the words the sentence-wide readings start from stand in a sentence, found
/// in one pass over its words, so that [`sentence_frame`], [`attribution`] and
/// [`Extractor::sentence_places`] each visit only the few words they act on rather
/// than every word. Most words are turned away by a single lookup in
/// [`LANDMARK_WORDS`]; the rest are listed in order with what each is to the
/// readings (one list, kept from sentence to sentence in [`Scratch`]).
struct Landmarks {
    at: Vec<(usize, u8)>,
}

/// A word that passes [`frame_word`].
const FRAME: u8 = 1;
/// A reporting verb.
const REPORTING: u8 = 2;
/// One of [`PLACE_PREPOSITIONS`].
const PLACE_PREPOSITION: u8 = 4;
/// "according".
const ACCORDING: u8 = 8;
/// A word of [`FRAME_WORD_LIST`] itself, as the short-word table
/// ([`short_landmark_kinds`]) knows it: [`sentence_frame`] need not test it again.
/// (Only with [`FRAME`]; other words with [`FRAME`] are tested there.)
const LISTED: u8 = 16;

impl Landmarks {
    /// Notes the lower-case word `w` at token `k` (`k` increasing).
    #[inline]
    fn note(&mut self, k: usize, w: &str) {
        let kinds = landmark_kinds(w);
        if kinds != 0 {
            self.at.push((k, kinds));
        }
    }

    /// The tokens of [`FRAME`], in order, each with whether it is [`LISTED`].
    fn frame(&self) -> impl Iterator<Item = (usize, bool)> + '_ {
        self.at
            .iter()
            .filter(|&&(_, kinds)| kinds & FRAME != 0)
            .map(|&(k, kinds)| (k, kinds & LISTED != 0))
    }

    /// The tokens of a kind, in order.
    fn of(&self, kind: u8) -> impl Iterator<Item = usize> + '_ {
        self.at
            .iter()
            .filter(move |&&(_, kinds)| kinds & kind != 0)
            .map(|&(k, _)| k)
    }
}

/// What the lower-case word `w` is to the sentence-wide readings: a set of the
/// landmark kinds, empty for most words. (The short plain words of an ASCII sentence,
/// the commonest landmarks among them, take their kinds from [`SHORT_LANDMARKS`]
/// instead.)
#[inline]
fn landmark_kinds(w: &str) -> u8 {
    match slot(w.as_bytes()) {
        // A word with a lower-case letter at each end: its one slot answers the
        // filters of all four kinds, and only a word some filter holds is compared
        // with that kind's words.
        Some((i, bit)) => {
            if LANDMARK_WORDS[i] & bit == 0 {
                return 0;
            }
            let mut kinds = 0;
            if FRAME_WORDS[i] & bit != 0 {
                kinds |= FRAME;
            }
            if REPORTING_FILTER[i] & bit != 0 && REPORTING_VERBS.contains(&w) {
                kinds |= REPORTING;
            }
            if PLACE_PREPOSITIONS.contains(&w) {
                kinds |= PLACE_PREPOSITION;
            }
            if w == "according" {
                kinds |= ACCORDING;
            }
            kinds
        }
        // Any other word (a number, a stop after it, a non-ASCII end) is in no list
        // but the frame's, through its years and "Jan.".
        None if frame_word(w) => FRAME,
        None => 0,
    }
}

/// The landmark words of one to seven lower-case letters, with their kinds, by the
/// integer the tokenizer reads such a word in ([`TokenSink::short_word`]): most
/// words of a sentence are short, and one multiplication and one comparison settle
/// each without another look at its bytes. A slot holds a word's bytes and, in the
/// eighth byte (which a word of seven letters or fewer leaves zero), its kinds. The
/// multiplier is found at compile time, the first of a fixed sequence that gives
/// every word a slot of its own.
///
/// A word gets [`FRAME`] here only when it is in [`FRAME_WORD_LIST`]: the
/// [`landmark_kinds`] of a word may add it to other words that share a slot filter
/// entry with one, which [`sentence_frame`] passes over; the other kinds are the
/// same (a test checks both).
struct ShortLandmarks {
    mul: u64,
    slots: [u64; SHORT_SLOTS],
}

/// The number of slots of [`SHORT_LANDMARKS`] (a power of two): a few times the
/// number of words, so that a multiplier that separates them all is soon found.
const SHORT_SLOTS: usize = 1024;

/// The bytes of a slot that hold a word.
const SHORT_WORD_BYTES: u64 = (1 << 56) - 1;

/// The slot of the packed word `key` under multiplier `mul`.
#[inline(always)]
const fn short_slot(key: u64, mul: u64) -> usize {
    (key.wrapping_mul(mul) >> (64 - SHORT_SLOTS.trailing_zeros())) as usize & (SHORT_SLOTS - 1)
}

/// The words of one to seven lower-case ASCII letters, packed little-endian; None
/// for any other word.
const fn pack_short(w: &[u8]) -> Option<u64> {
    if w.is_empty() || w.len() > 7 {
        return None;
    }
    let mut key = 0u64;
    let mut k = 0;
    while k < w.len() {
        if !w[k].is_ascii_lowercase() {
            return None;
        }
        key |= (w[k] as u64) << (8 * k);
        k += 1;
    }
    Some(key)
}

impl ShortLandmarks {
    /// The table of the short words of each list, each list with its kinds.
    const fn new(lists: &[(&[&str], u8)]) -> ShortLandmarks {
        let mut mul = FIRST_MULTIPLIER;
        let mut tries = 0;
        loop {
            if let Some(slots) = ShortLandmarks::place(lists, mul) {
                return ShortLandmarks { mul, slots };
            }
            tries += 1;
            assert!(tries < 10_000, "no multiplier gives every word a slot");
            mul = next_multiplier(mul);
        }
    }

    /// The slots with every word where `mul` puts it; None when two words meet. A
    /// word in more than one list gets the kinds of each.
    const fn place(lists: &[(&[&str], u8)], mul: u64) -> Option<[u64; SHORT_SLOTS]> {
        let mut slots = [0u64; SHORT_SLOTS];
        let mut l = 0;
        while l < lists.len() {
            let (words, kinds) = lists[l];
            let mut k = 0;
            while k < words.len() {
                if let Some(key) = pack_short(words[k].as_bytes()) {
                    let slot = short_slot(key, mul);
                    let held = slots[slot];
                    if held != 0 && held & SHORT_WORD_BYTES != key {
                        return None;
                    }
                    slots[slot] = held | key | (kinds as u64) << 56;
                }
                k += 1;
            }
            l += 1;
        }
        Some(slots)
    }
}

/// The landmark words of at most seven letters.
static SHORT_LANDMARKS: ShortLandmarks = ShortLandmarks::new(&[
    (FRAME_WORD_LIST, FRAME | LISTED),
    (REPORTING_VERBS, REPORTING),
    (PLACE_PREPOSITIONS, PLACE_PREPOSITION),
    (&["according"], ACCORDING),
]);

/// The landmark kinds of a word of one to seven lower-case ASCII letters, given as
/// the tokenizer holds it (little-endian, zero past the word).
#[inline(always)]
fn short_landmark_kinds(key: u64) -> u8 {
    let held = SHORT_LANDMARKS.slots[short_slot(key, SHORT_LANDMARKS.mul)];
    if held & SHORT_WORD_BYTES == key {
        (held >> 56) as u8
    } else {
        0
    }
}

/// What a sentence says about time and place, read from the words `frame` gives
/// (those that pass [`frame_word`], in order, each with whether it is known to be
/// [`LISTED`]).
fn sentence_frame(
    low: &[&str],
    frame: impl Iterator<Item = (usize, bool)>,
    doc_date: Option<Date>,
) -> SentenceInfo {
    let word = |k: usize| low.get(k).copied().unwrap_or("");
    let mut info = SentenceInfo::default();
    for (k, listed) in frame {
        let w = word(k);
        // "before" only matters in "the day before": no other test below takes it.
        // (The phrase is found from its last word, not from "the": the commonest
        // word of all is then no landmark, and costs the readings nothing.)
        if w == "before" {
            if k >= 2 && matches!(word(k - 1), "day" | "week") && word(k - 2) == "the" {
                info.elsewhere = true;
            }
            continue;
        }
        // A number says something here only as a year after "in", "during", ...
        if w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            if let Some(doc) = doc_date
                && is_year(w)
                && matches!(
                    if k > 0 { word(k - 1) } else { "" },
                    "in" | "of"
                        | "during"
                        | "early"
                        | "late"
                        | "mid"
                        | "summer"
                        | "spring"
                        | "autumn"
                        | "winter"
                        | "fall"
                )
                && w.parse::<i16>().ok() != Some(doc.year())
            {
                info.elsewhere = true;
            }
            continue;
        }
        // Every test below is of a word of the list, a month with a stop after it
        // ("Jan.") included: the other words the slot filter let through stop here.
        if !listed && !FRAME_WORD_SET.has(w.strip_suffix('.').unwrap_or(w)) {
            continue;
        }
        // "in the past two weeks", "over the last three days", "this week", "so far":
        // a tally over a period, not one incident
        if matches!(w, "past" | "last")
            && matches!(word(k.saturating_sub(1)), "the" | "in" | "over" | "during")
            && (k + 1..(k + 4).min(low.len())).any(|j| {
                matches!(
                    word(j),
                    "days" | "weeks" | "months" | "years" | "week" | "month" | "year"
                )
            })
        {
            info.period = true;
        }
        if (w == "this" && matches!(word(k + 1), "week" | "month" | "year"))
            || (w == "so" && word(k + 1) == "far")
        {
            info.period = true;
        }
        if w == "since" && !matches!(word(k + 1), "then" | "the" | "that" | "this")
            || (w == "since" && word(k + 1) == "the" && total_after_since(word(k + 2)))
        {
            // since + year or "the start of the war": a war-wide total
            let n1 = word(k + 1);
            let n2 = word(k + 2);
            let total = is_year(n1)
                || (matches!(n1, "the" | "its" | "their")
                    && (total_after_since(n2) || is_war_noun(n2)))
                || total_after_since(n1)
                || (is_month(n1) && is_year(n2));
            info.since_tokens.push((k, total));
        }
        if is_war_noun(w) && k > 0 {
            let p = word(k - 1);
            // "the six-year war", "the civil war has killed", "the conflict has claimed
            // the lives of", "Syria's war has killed"
            if p.ends_with("-year")
                || p.ends_with("-years")
                || matches!(
                    p,
                    "civil" | "years-long" | "year-long" | "the" | "syria's" | "syrias"
                )
            {
                info.war_total.push(k);
            }
        }
        if matches!(w, "last" | "previous") && matches!(word(k + 1), "year" | "month" | "week") {
            info.elsewhere = true;
        }
        // "days after a bombing killed", "two weeks ago", "earlier this month":
        // another day's event.
        if matches!(w, "days" | "weeks" | "months" | "years")
            && matches!(word(k + 1), "after" | "ago" | "earlier" | "before")
        {
            info.elsewhere = true;
        }
        if matches!(w, "earlier" | "later")
            && word(k + 1) == "this"
            && matches!(word(k + 2), "week" | "month" | "year")
        {
            info.elsewhere = true;
        }
        if let Some(doc) = doc_date {
            // "January 27", "27 January", "January 2014", "in 2013"
            if let Some(m) = crate::date::month_number(w) {
                let day_after = word(k + 1)
                    .parse::<i8>()
                    .ok()
                    .filter(|d| (1..=31).contains(d));
                let day_before = if k > 0 {
                    word(k - 1)
                        .parse::<i8>()
                        .ok()
                        .filter(|d| (1..=31).contains(d))
                } else {
                    None
                };
                let year = word(k + 1)
                    .parse::<i16>()
                    .ok()
                    .filter(|_| is_year(word(k + 1)))
                    .or_else(|| {
                        word(k + 2)
                            .parse::<i16>()
                            .ok()
                            .filter(|_| is_year(word(k + 2)))
                    });
                if let Some(d) = day_after.or(day_before) {
                    let y = year.unwrap_or(doc.year());
                    if let Ok(date) = Date::new(y, m as i8, d) {
                        let date = if year.is_none() && date > doc && (date - doc).get_days() > 31 {
                            Date::new(y - 1, m as i8, d).unwrap_or(date)
                        } else {
                            date
                        };
                        let gap = days_between(date, doc);
                        let dateline = year.is_some() && gap <= DATELINE_DAYS;
                        if !dateline {
                            info.date.get_or_insert(date);
                            if gap > SAME_EVENT_DAYS {
                                info.elsewhere = true;
                            }
                        }
                    }
                } else if let Some(y) = year
                    && (y != doc.year() || (m as i8 - doc.month()).abs() > 1)
                {
                    info.elsewhere = true;
                }
            } else if let Some(wd) = weekday(w) {
                // A weekday in a dateline ("Wednesday 22 Jul 2015") is the report's.
                let in_dateline = word(k + 1).parse::<u8>().is_ok() || is_month(word(k + 1));
                if !in_dateline {
                    let doc_wd = doc.weekday().to_monday_zero_offset() as i32;
                    let back = (doc_wd - wd as i32).rem_euclid(7);
                    if let Ok(d) = doc.checked_sub(jiff::Span::new().days(back as i64)) {
                        info.date.get_or_insert(d);
                    }
                    if back > SAME_EVENT_DAYS {
                        info.elsewhere = true;
                    }
                }
            }
        }
    }
    info
}

/// The sentence a claim stands in, as evidence. A "sentence" that runs on without a
/// stop (page furniture, text with its punctuation stripped) is cut to a window
/// around the claim, marked with an ellipsis, so that evidence stays readable and
/// extraction stays linear in the size of the input.
fn sentence_around(text: &str, sent: Range<usize>, start: usize, end: usize) -> Cow<'_, str> {
    const LONGEST: usize = 1200;
    const CONTEXT: usize = 400;
    if sent.len() <= LONGEST {
        return Cow::Borrowed(&text[sent]);
    }
    let mut from = start.saturating_sub(CONTEXT).max(sent.start);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + CONTEXT).min(sent.end);
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let mut out = String::with_capacity(to - from + 8);
    if from > sent.start {
        out.push('…');
    }
    out.push_str(&text[from..to]);
    if to < sent.end {
        out.push('…');
    }
    Cow::Owned(out)
}

/// Whether the article's own dateline (a full date at the top of the body) stands
/// days away from the date it is filed under: then it reports another day's events,
/// and none of its claims belongs to the filed event.
fn dateline_elsewhere(doc: &Document) -> bool {
    const DATELINE_WITHIN: usize = 200;
    let Some(filed) = doc.date else {
        return false;
    };
    match crate::date::find_first_date_before(&doc.text, DATELINE_WITHIN) {
        Some((dateline, _)) => days_between(dateline, filed) > DATELINE_DAYS,
        _ => false,
    }
}

/// A sentence's tokens lower-cased into one buffer: an ASCII sentence lower-cased
/// whole, or each token of another lower-cased with a space between tokens.
struct Words<'a> {
    lowered: &'a str,
    /// each token's span in `lowered`, shifted by `base`: an ASCII sentence's own
    /// tokens (`base` its start in the text), else spans made for the buffer
    spans: &'a [Token],
    base: usize,
    low: &'a [&'a str],
}

impl<'a> Words<'a> {
    /// Tokens `a..b` joined by single spaces (`b > a`): a slice of the buffer when
    /// they stand one space apart there (nearly always), else a copy.
    fn phrase(&self, a: usize, b: usize) -> Cow<'a, str> {
        let gaps = self.lowered.as_bytes();
        let base = self.base;
        let regular = self.spans[a..b]
            .windows(2)
            .all(|w| w[1].start == w[0].end + 1 && gaps[w[0].end - base] == b' ');
        if regular {
            Cow::Borrowed(&self.lowered[self.spans[a].start - base..self.spans[b - 1].end - base])
        } else {
            Cow::Owned(self.low[a..b].join(" "))
        }
    }
}

/// What the tokenizer of an ASCII sentence's lower-cased copy hands each token to:
/// the token's word (a slice of the copy) goes to `low` and its landmark kinds to
/// `marks`. A short word gets its kinds from the integer the tokenizer read it in
/// ([`short_landmark_kinds`]); a punctuation token is never a landmark.
struct LowWords<'a, 'v> {
    low: &'v mut Vec<&'a str>,
    marks: &'v mut Landmarks,
}

impl<'a> TokenSink<'a> for LowWords<'a, '_> {
    #[inline(always)]
    fn short_word(&mut self, lowered: &'a str, at: Range<usize>, key: u64) {
        let kinds = short_landmark_kinds(key);
        if kinds != 0 {
            self.marks.at.push((self.low.len(), kinds));
        }
        self.low.push(&lowered[at]);
    }

    #[inline(always)]
    fn token(&mut self, lowered: &'a str, at: Range<usize>, kind: TokKind) {
        let w = &lowered[at];
        let kinds = match kind {
            TokKind::Punct => 0,
            // A number starts with a digit: a possible year.
            TokKind::Number => FRAME,
            TokKind::Word => word_landmark_kinds(w),
        };
        if kinds != 0 {
            self.marks.at.push((self.low.len(), kinds));
        }
        self.low.push(w);
    }
}

/// [`landmark_kinds`] of a word token, most of them (long words, of eight letters
/// or more) turned away in line by the one lookup in [`LANDMARK_WORDS`] that the
/// general test would start with.
#[inline(always)]
fn word_landmark_kinds(w: &str) -> u8 {
    match slot(w.as_bytes()) {
        Some((i, bit)) if LANDMARK_WORDS[i] & bit == 0 => 0,
        _ => landmark_kinds(w),
    }
}

/// The unit a counted noun phrase gives: its singular, borrowed from the sentence's
/// words when it is a prefix of the phrase, as for most plurals.
fn unit_of<'a>(phrase: &Cow<'a, str>) -> Cow<'a, str> {
    match phrase {
        Cow::Borrowed(p) => phrase_singular_cow(p),
        Cow::Owned(p) => Cow::Owned(phrase_singular(p)),
    }
}

/// The last word of a phrase whose words are separated by single spaces.
fn last_word(phrase: &str) -> &str {
    phrase.split_at(last_space_end(phrase)).1
}

/// Where the last word of `phrase` starts: just after its last space, or 0. The
/// phrases are a few short words, so a plain byte loop from the end finds the space
/// sooner than a general string search sets itself up.
fn last_space_end(phrase: &str) -> usize {
    phrase
        .as_bytes()
        .iter()
        .rposition(|&b| b == b' ')
        .map_or(0, |i| i + 1)
}

/// `doc#n`, the id of a document's n-th claim.
fn claim_id(doc: &str, n: usize) -> ClaimId<'_> {
    ClaimId::Numbered { doc, n }
}

/// Where a document's claims go as they are read: counted (claims are numbered in
/// their document) and handed on.
struct ClaimSink<'f> {
    /// Claims handed on so far.
    count: usize,
    /// Whether the document's dateline puts every claim in another frame; read at
    /// the first claim, since documents without claims need not be asked.
    dateline_elsewhere: Option<bool>,
    f: &'f mut dyn FnMut(&ClaimRef<'_>),
}

impl ClaimSink<'_> {
    /// Claims handed on so far: the number of the next is one more.
    fn len(&self) -> usize {
        self.count
    }

    /// Hand on a claim of `doc`, in another frame when the document's dateline says
    /// it reports another day's events.
    fn push(&mut self, doc: &Document, claim: &ClaimRef<'_>) {
        self.count += 1;
        let elsewhere = *self
            .dateline_elsewhere
            .get_or_insert_with(|| dateline_elsewhere(doc));
        if elsewhere {
            (self.f)(&ClaimRef {
                frame: Frame::Other,
                ..*claim
            });
        } else {
            (self.f)(claim);
        }
    }
}

fn mention_frame(info: &SentenceInfo, m: &Mention) -> Frame {
    // "since" near the number decides between a running tally and a war-wide total:
    // the nearest within 12 tokens, found by binary search over the sorted positions.
    let at = info.since_tokens.partition_point(|&(k, _)| k < m.qa);
    let near = [at.checked_sub(1), Some(at)]
        .into_iter()
        .flatten()
        .filter_map(|i| info.since_tokens.get(i))
        .filter(|(k, _)| k.abs_diff(m.qa) <= 12)
        .min_by_key(|(k, _)| k.abs_diff(m.qa));
    if let Some(&(_, total)) = near {
        return if total { Frame::Total } else { Frame::Since };
    }
    // "the six-year war has killed 320000": the war is the subject, close by; a
    // monitor "which tracks Syria's five-year conflict" elsewhere in the sentence is not.
    let before = info.war_total.partition_point(|&k| k < m.qa);
    if before > 0 && m.qa - info.war_total[before - 1] <= 8 {
        return Frame::Total;
    }
    if info.elsewhere || m.hypothetical {
        return Frame::Other;
    }
    if info.period {
        return Frame::Since;
    }
    Frame::Incident
}

/// The words and marks at which the scan for a passive verb after a prepositional
/// phrase ("30 militants of the terrorist group were killed") stops.
fn after_preposition_stops(w: &str) -> bool {
    matches!(
        w,
        "," | ";" | ":" | "." | "(" | ")" | "who" | "which" | "that" | "and"
    )
}

/// The auxiliaries that scan takes as the verb.
fn after_preposition_aux(w: &str) -> bool {
    matches!(w, "were" | "was" | "have" | "has" | "had" | "are")
}

/// The words of [`after_preposition_stops`] and [`after_preposition_aux`], by slot.
static AFTER_PREPOSITION_WORDS: SlotFilter = slot_filter(&[&[
    "who", "which", "that", "and", "were", "was", "have", "has", "had", "are",
]]);

/// Whether `w` is a word that scan need not test but for a verb form: letters at
/// both ends (so no mark and no number) in no slot of [`AFTER_PREPOSITION_WORDS`].
fn plain_after_preposition(w: &str) -> bool {
    plain_for(&AFTER_PREPOSITION_WORDS, w)
}

/// Whether `w` has letters at both ends (so is no mark and no number) and a slot
/// `filter` does not hold: none of the words `filter` was built from.
fn plain_for(filter: &SlotFilter, w: &str) -> bool {
    slot(w.as_bytes()).is_some_and(|(i, bit)| filter[i] & bit == 0)
}

/// The words before a number that [`Extractor::read_relations`] reads as a cue of
/// an addition ("another"), a part ("including", "among them") or a toll's part
/// ("among the dead were").
#[rustfmt::skip]
const RELATION_CUE_WORDS: &[&str] = &[
    "another", "further", "additional", "other", "with", "to", "were", "was", "are", "is",
    "also", "including", "incl", "included", "them", "whom", "those", "and",
];

/// [`RELATION_CUE_WORDS`] by slot.
static RELATION_CUES: SlotFilter = slot_filter(&[RELATION_CUE_WORDS]);

/// Words that make a figure a plan or a possibility rather than an event.
const MODALS: &[&str] = &[
    "will", "would", "could", "may", "might", "should", "expected", "plans", "planned", "aims",
    "due",
];

/// Whether `w` is one of [`MODALS`].
fn is_modal(w: &str) -> bool {
    MODALS.contains(&w)
}

/// The words [`plan_before`] acts on, but for punctuation: a word of no slot here is
/// passed over at once.
static PLAN_WORDS: SlotFilter = slot_filter(&[MODALS, &["set", "and", "but"]]);

/// Whether the (up to six) words before token `from`, back to a clause edge, make a
/// figure a plan or a possibility: a modal ("will evacuate 5000") or "set to" ("is
/// set to see more than 30000 people evacuated"). Nearly all words are in no slot of
/// [`PLAN_WORDS`] and not punctuation, and are passed over with one lookup.
fn plan_before(low: &[&str], from: usize) -> bool {
    for j in (from.saturating_sub(6)..from).rev() {
        let w = low.get(j).copied().unwrap_or("");
        if !passes(&PLAN_WORDS, w) {
            if matches!(w, "," | ";" | ":" | ".") {
                return false;
            }
            continue;
        }
        if matches!(w, "and" | "but") {
            return false;
        }
        if is_modal(w) || (w == "set" && low.get(j + 1).is_some_and(|n| *n == "to")) {
            return true;
        }
    }
    false
}

/// [`plan_before`] as first written: the words back to a clause edge, each tested
/// in full.
#[cfg(test)]
fn plan_before_plain(low: &[&str], from: usize) -> bool {
    let word = |k: usize| low.get(k).copied().unwrap_or("");
    (from.saturating_sub(6)..from)
        .rev()
        .take_while(|&j| !matches!(word(j), "," | ";" | ":" | "." | "and" | "but"))
        .any(|j| is_modal(word(j)) || (word(j) == "set" && word(j + 1) == "to"))
}

/// A plural-looking noun: "civilians", "strikes", "people", not "bus" or "press".
fn looks_plural(w: &str) -> bool {
    matches!(
        w,
        "people" | "children" | "women" | "men" | "police" | "personnel"
    ) || (w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
        && !w.ends_with("\u{2019}s"))
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.parse::<u16>().is_ok_and(|y| (1900..=2099).contains(&y))
}

fn days_between(a: Date, b: Date) -> i32 {
    let (x, y) = if a < b { (a, b) } else { (b, a) };
    x.until(y).map(|s| s.get_days()).unwrap_or(i32::MAX)
}

/// Byte offset to 1-based line and column, moving forward through the text.
struct LineIndex<'a> {
    text: &'a str,
    base_line: u32,
    /// Column of the section's first character in its first line.
    first_column: u32,
    pos: usize,
    line: u32,
    /// Characters from the line's start to `pos`.
    col: usize,
    /// Whether the whole text is ASCII without a line break, as most texts are:
    /// then a position is the offset itself, read without looking at the text
    /// between claims. Found at the first position asked, in two quick passes over
    /// the text rather than two for each claim.
    flat: Option<bool>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str, doc: &Document, section: Section) -> Self {
        let base_line = match section {
            Section::Title => doc.origin.title_line.unwrap_or(1),
            Section::Body => doc.origin.body_line.max(1),
        };
        let first_column = match section {
            Section::Title => doc.origin.title_column.unwrap_or(1).max(1),
            Section::Body => 1,
        };
        LineIndex {
            text,
            base_line,
            first_column,
            pos: 0,
            line: 0,
            col: 0,
            flat: None,
        }
    }

    fn position(&mut self, offset: usize) -> (u32, u32) {
        let text = self.text.as_bytes();
        if *self
            .flat
            .get_or_insert_with(|| text.is_ascii() && memchr::memchr(b'\n', text).is_none())
        {
            // The first line, a character per byte.
            let upto = offset.min(text.len());
            return (self.base_line, upto as u32 + self.first_column);
        }
        if offset < self.pos {
            self.pos = 0;
            self.line = 0;
            self.col = 0;
        }
        let upto = offset.min(self.text.len());
        // Only the text since the last position is read: claims come in order. Line
        // breaks are looked for by memchr, which skips the (often long, often
        // unbroken) text between claims with vector instructions.
        let segment = self.text.get(self.pos..upto).unwrap_or("");
        match memchr::memrchr(b'\n', segment.as_bytes()) {
            Some(nl) => {
                self.line += memchr::memchr_iter(b'\n', segment.as_bytes()).count() as u32;
                self.col = char_count(&segment[nl + 1..]);
            }
            None => self.col += char_count(segment),
        }
        self.pos = upto;
        let first = if self.line == 0 { self.first_column } else { 1 };
        (self.base_line + self.line, self.col as u32 + first)
    }
}

/// The number of characters of `s`: its length when it is all ASCII, as news text
/// mostly is, which is quicker to test than characters are to count.
fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every list of landmark words.
    const LANDMARK_LISTS: [&[&str]; 4] = [
        FRAME_WORD_LIST,
        REPORTING_VERBS,
        PLACE_PREPOSITIONS,
        &["according"],
    ];
    use crate::corpus::Origin;

    fn extractor() -> Extractor {
        let rules = crate::rules::load_rules(true, &[]).expect("default rules load");
        Extractor::new(rules.lexicon)
    }

    fn doc(text: &str) -> Document {
        Document {
            id: "d".into(),
            source: Some("s".into()),
            date: Some(jiff::civil::date(2024, 1, 10)), // a Wednesday
            place: Some("Aleppo".into()),
            event: None,
            title: None,
            text: text.into(),
            url: None,
            origin: Origin {
                path: "d".into(),
                body_line: 1,
                ..Origin::default()
            },
            ignore: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// text, claim text, concept, subject, frame
    type Case = (
        &'static str,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        Frame,
    );

    #[test]
    fn reused_lists_keep_their_memory() {
        let text = String::from("one two");
        let mut words: Vec<&str> = Vec::with_capacity(64);
        words.extend(text.split(' '));
        let words: Vec<&'static str> = reuse(words);
        assert!(words.is_empty() && words.capacity() >= 64);
        let mut ms: Vec<Mention> = Vec::with_capacity(16);
        ms.push(Mention {
            predicate: Some(Cow::Borrowed(&text[..3])),
            ..Mention::default()
        });
        let ms: Vec<Mention<'static>> = reuse_mentions(ms);
        assert!(ms.is_empty() && ms.capacity() >= 16);
    }

    #[test]
    fn kept_lists_read_as_fresh_ones() {
        // A long sentence, then shorter ones, non-ASCII text and a title: whatever
        // the lists held before, each document reads as on its own.
        let ex = extractor();
        let mut titled = doc("Some 350 people left on Tuesday, including 120 IS fighters.");
        titled.title = Some("Bomber kills 16 in Aleppo".into());
        let docs = [
            doc(&format!(
                "{} Air strikes killed 16 civilians in Idlib, according to the Observatory.",
                "The blast left 24 dead and dozens wounded. ".repeat(20)
            )),
            doc("Forces killed six people and wounded 30 others."),
            doc("Air strikes killed 12 civilians near Khan Sheikhoun on Tuesday \u{2014}."),
            titled,
        ];
        let mut scratch = Scratch::default();
        for d in &docs {
            let mut kept = Vec::new();
            ex.extract_each_with(d, &mut scratch, |c| kept.push(c.to_claim()));
            assert!(!kept.is_empty());
            assert_eq!(kept, ex.extract(d));
        }
    }

    #[test]
    fn words_read_the_same_whatever_the_spacing() {
        // Runs of words are looked up as single-spaced phrases, whether the text
        // separates them by one space, several, a line break or a tab, and in ASCII
        // or not.
        let ex = extractor();
        let read = |text: &str| {
            ex.extract(&doc(text))
                .into_iter()
                .map(|c| (c.value, c.unit, c.concept, c.subject, c.place, c.frame))
                .collect::<Vec<_>>()
        };
        let plain = read("Air strikes killed 12 civilians near Khan Sheikhoun on Tuesday.");
        assert_eq!(plain[0].1.as_deref(), Some("civilian"));
        for text in [
            "Air strikes killed 12 civilians near Khan  Sheikhoun on Tuesday.",
            "Air strikes killed 12 civilians near Khan\tSheikhoun on Tuesday.",
            "Air strikes  killed 12   civilians near Khan Sheikhoun on Tuesday.",
            "Air strikes killed 12 civilians near Khan Sheikhoun on Tuesday \u{2014}.",
        ] {
            assert_eq!(read(text), plain, "{text:?}");
        }
        // The place was read: Khan Sheikhoun is not in Aleppo, the document's place.
        assert_eq!(plain[0].5, Frame::Other);
    }

    /// The commonest landmarks get their kinds, "the" none, and every word of the
    /// landmark lists is noted.
    #[test]
    fn common_landmarks_have_their_kinds() {
        for w in ["in", "of", "at"] {
            assert_eq!(landmark_kinds(w), PLACE_PREPOSITION, "{w:?}");
        }
        // "the day before" is found from "before": "the" is no landmark.
        assert_eq!(landmark_kinds("the"), 0);
        assert_eq!(landmark_kinds("before"), FRAME);
        assert_eq!(landmark_kinds("said"), REPORTING);
        for w in LANDMARK_LISTS.into_iter().flatten() {
            assert_ne!(landmark_kinds(w), 0, "{w:?}");
        }
        for w in ["", ",", "people", "killed"] {
            assert_eq!(landmark_kinds(w), 0, "{w:?}");
        }
        for w in ["2014", "jan."] {
            assert_eq!(landmark_kinds(w), FRAME, "{w:?}");
        }
    }

    /// The kinds a short word gets from its packed bytes are those of the general
    /// test, but for [`FRAME`], which only the words of [`FRAME_WORD_LIST`] get.
    fn assert_short_kinds(w: &str) {
        let Some(key) = pack_short(w.as_bytes()) else {
            return;
        };
        let short = short_landmark_kinds(key);
        let general = landmark_kinds(w);
        assert_eq!(short & !(FRAME | LISTED), general & !FRAME, "{w:?}");
        assert_eq!(short & FRAME != 0, FRAME_WORD_SET.has(w), "{w:?}");
        assert_eq!(short & LISTED != 0, FRAME_WORD_SET.has(w), "{w:?}");
        assert_eq!(general & LISTED, 0, "{w:?}");
        assert!(short & FRAME == 0 || general & FRAME != 0, "{w:?}");
    }

    #[test]
    fn short_landmarks_have_their_general_kinds() {
        let lists = [
            FRAME_WORD_LIST,
            REPORTING_VERBS,
            PLACE_PREPOSITIONS,
            &["according"],
        ];
        let mut short = 0;
        for w in lists.into_iter().flatten() {
            if pack_short(w.as_bytes()).is_some() {
                short += 1;
                assert_ne!(short_landmark_kinds(pack_short(w.as_bytes()).unwrap()), 0);
            }
            assert_short_kinds(w);
            // the word less its last letter and with another after it
            assert_short_kinds(&w[..w.len() - 1]);
            assert_short_kinds(&format!("{w}s"));
        }
        assert!(short > 50);
        // every word of one to three letters
        let letters = || (b'a'..=b'z').map(char::from);
        for a in letters() {
            assert_short_kinds(&a.to_string());
            for b in letters() {
                assert_short_kinds(&format!("{a}{b}"));
                for c in letters() {
                    assert_short_kinds(&format!("{a}{b}{c}"));
                }
            }
        }
        for w in [
            "people",
            "killed",
            "strikes",
            "civilians",
            "syria",
            "sai",
            "saidx",
        ] {
            assert_short_kinds(w);
        }
    }

    /// The one-pass reading of an ASCII sentence's lower-cased copy gives the tokens
    /// of the text, each lower-cased, and the landmarks of the general test, [`FRAME`]
    /// aside where that test lets through a word [`sentence_frame`] passes over, and
    /// [`LISTED`] only on words of [`FRAME_WORD_LIST`].
    fn assert_ascii_reading(text: &str) {
        let lowered = text.to_ascii_lowercase();
        let (mut toks, mut low, mut marks) = (Vec::new(), Vec::new(), Landmarks { at: Vec::new() });
        let mut sink = LowWords {
            low: &mut low,
            marks: &mut marks,
        };
        tokens_with(&lowered, 3, &mut toks, &mut sink);
        let mut want = Vec::new();
        tokens_into(&format!("abc{text}"), 3..3 + text.len(), &mut want);
        assert_eq!(toks, want, "{text:?}");
        let words: Vec<String> = toks
            .iter()
            .map(|t| text[t.start - 3..t.end - 3].to_lowercase())
            .collect();
        assert_eq!(low, words, "{text:?}");
        let acted_on = |k: usize, kinds: u8| {
            let w = words[k].as_str();
            let frame = w.starts_with(|c: char| c.is_ascii_digit())
                || FRAME_WORD_SET.has(w.strip_suffix('.').unwrap_or(w));
            let kinds = if frame { kinds } else { kinds & !FRAME };
            (kinds != 0).then_some((k, kinds))
        };
        let general: Vec<(usize, u8)> = (0..words.len())
            .filter_map(|k| acted_on(k, landmark_kinds(&words[k])))
            .collect();
        let got: Vec<(usize, u8)> = marks
            .at
            .iter()
            .filter_map(|&(k, kinds)| {
                // [`LISTED`] only on a word of the list, which [`sentence_frame`]
                // would take anyway
                let w = words[k].as_str();
                assert!(
                    kinds & LISTED == 0 || (kinds & FRAME != 0 && FRAME_WORD_SET.has(w)),
                    "{w:?} in {text:?}"
                );
                acted_on(k, kinds & !LISTED)
            })
            .collect();
        assert_eq!(got, general, "{text:?}");
    }

    #[test]
    fn ascii_reading_is_the_general_one() {
        for text in [
            "",
            "The Syrian Observatory said 16 civilians were killed in Idlib on Monday.",
            "According to the UN, more than 700 US-led air strikes SINCE Jan. 2014; so far.",
            "Last week's toll: 1,300 dead, reported at Aleppo's al-Bab (outside it)",
            "THE IN OF AT SAID Said sAID put PUTTING according ACCORDING x",
            "a b c 1 2 3 . , ; since2014 war-torn past, days-long",
        ] {
            assert_ascii_reading(text);
        }
    }

    #[test]
    fn word_landmarks_are_the_general_ones() {
        for w in LANDMARK_LISTS.into_iter().flatten() {
            assert_eq!(word_landmark_kinds(w), landmark_kinds(w), "{w:?}");
            let longer = format!("{w}ly");
            assert_eq!(
                word_landmark_kinds(&longer),
                landmark_kinds(&longer),
                "{w:?}"
            );
        }
        for w in [
            "",
            "Syria's",
            "x-ray",
            "us-led",
            "documented",
            "internationally",
            "e\u{e9}",
        ] {
            assert_eq!(word_landmark_kinds(w), landmark_kinds(w), "{w:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_reading_matches_on_any_text(
            t in "([a-zA-Z]{1,10}|the|The|IN|said|since|days|2014|[0-9]{1,5}| |  |\n|[,.;:()'$%-]){0,30}",
        ) {
            assert_ascii_reading(&t);
        }
    }

    /// A punctuation token, which the reader of an ASCII sentence does not note, is
    /// no landmark.
    #[test]
    fn punctuation_is_no_landmark() {
        for c in (0u8..128).filter(|c| c.is_ascii_punctuation()) {
            assert_eq!(landmark_kinds(&char::from(c).to_string()), 0, "{c}");
        }
    }

    /// "the day before" and "the week before" put a sentence on another day, read
    /// from their landmark "before" alone.
    #[test]
    fn the_day_before_is_another_day() {
        let elsewhere = |text: &str| {
            let low: Vec<&str> = text.split(' ').collect();
            let frame = (0..low.len())
                .filter(|&k| landmark_kinds(low[k]) & FRAME != 0)
                .map(|k| (k, false));
            sentence_frame(&low, frame, None).elsewhere
        };
        assert!(elsewhere("killed the day before"));
        assert!(elsewhere("the week before , 12 died"));
        for text in [
            "the day after",
            "a day before",
            "before the day",
            "before",
            "day before",
        ] {
            assert!(!elsewhere(text), "{text:?}");
        }
    }

    #[test]
    fn frame_words_pass_the_filter() {
        for w in [
            "past",
            "before",
            "so",
            "since",
            "insurgency",
            "jan.",
            "sept",
            "december",
            "saturday's",
            "wednesday\u{2019}s",
            "sundays",
            "2014",
            "1",
            "war",
        ] {
            assert!(frame_word(w), "{w:?}");
        }
        for w in [
            "",
            ".",
            "a",
            "of",
            "said",
            "killed",
            "people",
            "\u{e9}t\u{e9}",
            "-",
        ] {
            assert!(!frame_word(w), "{w:?}");
        }
    }

    /// `sentence_frame` passes over a word outside [`FRAME_WORD_SET`]: every word its
    /// date, weekday and war tests take must be in the set.
    #[test]
    fn frame_word_set_holds_every_word_the_frame_reads() {
        let months = crate::date::MONTH_NAMES;
        let days = WEEKDAY_NAMES;
        let mut words: Vec<String> = Vec::new();
        for m in months {
            words.extend([m, &m[..3], m.get(..4).unwrap_or(m)].map(String::from));
        }
        for d in days {
            for end in ["", "'s", "\u{2019}s", "s", "day"] {
                words.push(format!("{d}{end}"));
            }
            words.extend([d[..3].to_string(), d[..4].to_string()]);
        }
        words.extend(["war", "conflict", "crisis", "wars", "warfare"].map(String::from));
        let dotted: Vec<String> = words.iter().map(|w| format!("{w}.")).collect();
        for w in words.iter().chain(&dotted) {
            let read =
                crate::date::month_number(w).is_some() || weekday(w).is_some() || is_war_noun(w);
            if read {
                assert!(
                    FRAME_WORD_SET.has(w.strip_suffix('.').unwrap_or(w)),
                    "{w:?}"
                );
            }
        }
        for w in FRAME_WORD_LIST {
            assert!(FRAME_WORD_SET.has(w) && frame_word(w), "{w:?}");
        }
        for w in ["spoke", "tie", "state", "wax", "1990s", "jane", "mayor"] {
            assert!(!FRAME_WORD_SET.has(w), "{w:?}");
        }
    }

    #[test]
    fn reading_table() {
        let ex = extractor();
        let cases: &[Case] = &[
            (
                "Gunmen killed at least 16 people.",
                "at least 16 people",
                Some("killed"),
                Some("people"),
                Frame::Incident,
            ),
            (
                "38 militants and three SDF fighters have been killed.",
                "three SDF fighters",
                Some("killed"),
                Some("people.fighters"),
                Frame::Incident,
            ),
            (
                "The death toll rose to 72 on Wednesday.",
                "72",
                Some("killed"),
                Some("people"),
                Frame::Incident,
            ),
            (
                "A source put the death toll at 58.",
                "58",
                Some("killed"),
                Some("people"),
                Frame::Incident,
            ),
            (
                "Bomber kills 16 in Aleppo",
                "16",
                Some("killed"),
                Some("people"),
                Frame::Incident,
            ),
            (
                "The blast left 24 dead and dozens wounded.",
                "24 dead",
                Some("killed"),
                Some("people"),
                Frame::Incident,
            ),
            (
                "Forces killed six people and wounded 30 others.",
                "30 others",
                Some("wounded"),
                Some("people"),
                Frame::Incident,
            ),
            (
                "Thousands of civilians fled the town.",
                "Thousands of civilians",
                Some("displaced"),
                Some("people.civilians"),
                Frame::Incident,
            ),
            (
                "Some 350 people had left the area.",
                "Some 350 people",
                Some("evacuated"),
                Some("people"),
                Frame::Incident,
            ),
            (
                "The truce was leaving thousands of people stranded.",
                "thousands of people",
                None,
                Some("people"),
                Frame::Incident,
            ),
            (
                "Since August, more than 700 air strikes hit the area.",
                "more than 700 air strikes",
                Some("strikes"),
                None,
                Frame::Since,
            ),
            (
                "More than 280000 people have been killed since 2011.",
                "More than 280000 people",
                Some("killed"),
                Some("people"),
                Frame::Total,
            ),
            (
                "The six-year war has killed more than 320000 people.",
                "more than 320000 people",
                Some("killed"),
                Some("people"),
                Frame::Total,
            ),
            (
                "Some 30000 people will be evacuated in two stages.",
                "Some 30000 people",
                Some("evacuated"),
                Some("people"),
                Frame::Other,
            ),
            (
                "Saturday's convoy attack killed 126 people.",
                "126 people",
                Some("killed"),
                Some("people"),
                Frame::Other,
            ),
            (
                "In the past two weeks 200 civilians have been killed.",
                "200 civilians",
                Some("killed"),
                Some("people.civilians"),
                Frame::Since,
            ),
            (
                "Air strikes killed 16 civilians in Idlib.",
                "16 civilians",
                Some("killed"),
                Some("people.civilians"),
                Frame::Other,
            ),
            (
                "Air strikes killed 16 civilians in eastern Aleppo.",
                "16 civilians",
                Some("killed"),
                Some("people.civilians"),
                Frame::Incident,
            ),
            (
                "Rebels fired 20 rockets at the town.",
                "20 rockets",
                None,
                None,
                Frame::Incident,
            ),
            (
                "The attack killed 40 people mostly civilians.",
                "40 people",
                Some("killed"),
                Some("people"),
                Frame::Incident,
            ),
            (
                "At least 11 civilians - among them four women - were killed.",
                "At least 11 civilians",
                Some("killed"),
                Some("people.civilians"),
                Frame::Incident,
            ),
        ];
        for &(text, claim, concept, subject, frame) in cases {
            let claims = ex.extract(&doc(text));
            let c = claims.iter().find(|c| c.text == claim).unwrap_or_else(|| {
                panic!(
                    "{text}: no claim {claim:?} in {:?}",
                    claims.iter().map(|c| &c.text).collect::<Vec<_>>()
                )
            });
            assert_eq!(c.concept.as_deref(), concept, "{text}: concept");
            assert_eq!(c.subject.as_deref(), subject, "{text}: subject");
            assert_eq!(c.frame, frame, "{text}: frame");
        }
    }

    #[test]
    fn plain_words_after_a_preposition_are_neither_stops_nor_auxiliaries() {
        let words = [
            ",",
            ";",
            ":",
            ".",
            "(",
            ")",
            "who",
            "which",
            "that",
            "and",
            "were",
            "was",
            "have",
            "has",
            "had",
            "are",
            "the",
            "group",
            "killed",
            "wha",
            "wear",
            "hat",
            "hand",
            "12",
            "1a",
            "a1",
            "",
            "x",
            "w\u{e9}re",
            "ares",
            "hav",
            "al-bab",
        ];
        for w in words {
            if plain_after_preposition(w) {
                assert!(
                    !after_preposition_stops(w)
                        && !after_preposition_aux(w)
                        && !w.bytes().all(|b| b.is_ascii_digit()),
                    "{w:?}"
                );
            }
        }
        assert!(plain_after_preposition("group") && !plain_after_preposition("were"));
    }

    #[test]
    fn relation_cues_are_never_plain() {
        let others = [",", ";", ".", "", "1"];
        for &w in RELATION_CUE_WORDS.iter().chain(&others) {
            assert!(!plain_for(&RELATION_CUES, w), "{w:?}");
        }
        for w in ["killed", "of", "the", "least", "some"] {
            assert!(plain_for(&RELATION_CUES, w), "{w:?}");
        }
    }

    #[test]
    fn plans_read_the_same_as_first_written() {
        let words = [
            "will", "would", "could", "may", "might", "should", "expected", "plans", "planned",
            "aims", "due", "set", "to", "and", "but", ",", ";", ":", ".", "the", "evacuate",
            "people", "sets", "wall", "dues", "x", "", "1", "s\u{e9}t",
        ];
        // Every sequence of up to three of these words, with the figure at each
        // place; then longer ones, for the six-word window.
        let mut seq = Vec::new();
        let n = words.len();
        for len in 0..=3u32 {
            for code in 0..n.pow(len) {
                seq.clear();
                let mut c = code;
                for _ in 0..len {
                    seq.push(words[c % n]);
                    c /= n;
                }
                for from in 0..=seq.len() + 1 {
                    assert_eq!(
                        plan_before(&seq, from),
                        plan_before_plain(&seq, from),
                        "{seq:?} {from}"
                    );
                }
            }
        }
        for text in [
            "will a b c d e f",
            "will a b c d e",
            "is set to see more than",
            "set to , a b",
            "would and killed",
            "it could, they said",
        ] {
            let seq: Vec<&str> = text.split(' ').collect();
            for from in 0..=seq.len() + 1 {
                assert_eq!(
                    plan_before(&seq, from),
                    plan_before_plain(&seq, from),
                    "{seq:?} {from}"
                );
            }
        }
    }

    #[test]
    fn speaker_stops_hold_every_word_that_ends_a_speaker() {
        let others = [
            "the",
            "syrian",
            "holidays",
            "mondays's",
            "x",
            "",
            "1",
            "\u{e9}",
        ];
        let mut words: Vec<String> = [SPEAKER_STOP_WORDS, REPORTING_VERBS, &others]
            .concat()
            .iter()
            .map(|w| w.to_string())
            .collect();
        for w in WEEKDAY_FORMS {
            assert!(weekday(w).is_some(), "{w}");
        }
        // Every weekday name with every ending `weekday` strips.
        for day in ["mon", "tues", "wednes", "thurs", "fri", "satur", "sun"] {
            let ends = [
                "day",
                "day's",
                "day\u{2019}s",
                "days",
                "dayss",
                "day'",
                "da",
            ];
            for end in ends {
                words.push(format!("{day}{end}"));
            }
        }
        for w in &words {
            for in_claim in [false, true] {
                if ends_speaker(w, in_claim) {
                    assert!(passes(&SPEAKER_STOPS, w), "{w:?}");
                }
            }
        }
    }

    #[test]
    fn relations() {
        let ex = extractor();
        let cs = ex.extract(&doc(
            "Some 350 people left on Tuesday, including 120 IS fighters.",
        ));
        assert_eq!(cs[1].part_of.as_deref(), Some(cs[0].id.as_str()));
        assert!(cs[1].partial);
        let cs = ex.extract(&doc(
            "38 militants and three SDF fighters have been killed.",
        ));
        assert!(cs[0].group.is_some() && cs[0].group == cs[1].group);
        let cs = ex.extract(&doc(
            "A strike killed 12 people. Among them were five children.",
        ));
        assert_eq!(cs[1].part_of.as_deref(), Some(cs[0].id.as_str()));
        assert_eq!(cs[1].concept.as_deref(), Some("killed"));
        let cs = ex.extract(&doc(
            "Hospital staff said 22 of the wounded were in intensive care.",
        ));
        assert!(cs[0].partial);
        assert_eq!(cs[0].concept.as_deref(), Some("wounded"));
        let cs = ex.extract(&doc(
            "5000 people left along with 2200 evacuated from Madaya.",
        ));
        assert!(cs[1].additional);
        let cs = ex.extract(&doc("Another 8 soldiers were wounded."));
        assert!(cs[0].additional);
        let cs = ex.extract(&doc("Sales rose 5% while prices fell by 3 points."));
        assert_eq!(cs[0].trend, Some(Trend::Up));
        assert_eq!(cs[1].trend, Some(Trend::Down));
    }

    #[test]
    fn attribution_forms() {
        let ex = extractor();
        let cases = [
            (
                "Six people were killed, according to the Syrian Observatory for Human Rights.",
                "the Syrian Observatory for Human Rights",
            ),
            (
                "SDF spokesman Mustafa Bali said 38 militants were killed.",
                "SDF spokesman Mustafa Bali",
            ),
            (
                "The Observatory, a war monitor, said some 350 people had left.",
                "The Observatory",
            ),
            ("At least 16 people were killed, police said.", "police"),
        ];
        for (text, want) in cases {
            let cs = ex.extract(&doc(text));
            assert_eq!(cs[0].attribution.as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn positions_are_file_lines_and_columns() {
        let ex = extractor();
        let mut d = doc("First line.\nThe blast killed 16 people.");
        d.origin.body_line = 5;
        let cs = ex.extract(&d);
        assert_eq!((cs[0].line, cs[0].column), (6, 18));
        assert_eq!(&d.text[cs[0].start..cs[0].end], cs[0].text);
    }

    #[test]
    fn flat_texts_have_the_positions_the_general_reading_gives() {
        let texts = [
            "The blast killed 16 people.",
            "",
            "a",
            "First line.\nThe blast killed 16 people.",
            "caf\u{e9} bombing killed 3",
            "ends with a break\n",
        ];
        for text in texts {
            for section in [Section::Title, Section::Body] {
                let mut d = doc(text);
                d.title = Some(text.to_string());
                d.origin.body_line = 7;
                d.origin.title_line = Some(3);
                d.origin.title_column = Some(12);
                let mut fast = LineIndex::new(text, &d, section);
                let mut general = LineIndex::new(text, &d, section);
                general.flat = Some(false);
                // Offsets in order, then one back (a new pass), then past the end.
                let mut offsets: Vec<usize> = (0..=text.len())
                    .filter(|&o| text.is_char_boundary(o))
                    .collect();
                offsets.extend([1, text.len() + 5]);
                for o in offsets {
                    assert_eq!(fast.position(o), general.position(o), "{text:?} {o}");
                }
                let flat = text.is_ascii() && !text.contains('\n');
                assert_eq!(fast.flat, Some(flat), "{text:?}");
            }
        }
    }

    #[test]
    fn runaway_sentences_are_cut_around_the_claim() {
        let ex = extractor();
        let text = format!(
            "{} killed 16 people {}",
            "word ".repeat(2000),
            "word ".repeat(2000)
        );
        let cs = ex.extract(&doc(&text));
        assert_eq!(cs.len(), 1);
        assert!(cs[0].sentence.len() < 1000);
        assert!(cs[0].sentence.contains("16 people"));
        assert!(cs[0].sentence.starts_with('…') && cs[0].sentence.ends_with('…'));
    }
}
