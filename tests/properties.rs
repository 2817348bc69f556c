//! Properties of the whole pipeline over generated batches of articles, the fuzz
//! target bodies run as property tests, and bounds on how extraction time grows with
//! pathological input.
//!
//! The batches are built from sentence patterns of conflict reporting with random
//! figures, qualifiers, places, dates and outlets, so that every check kind fires on
//! some of them. What must hold:
//! - every finding's claims carry intervals with `low <= high`, and the figures a
//!   finding sets against each other really are apart after the rule's tolerance;
//! - findings do not depend on the order documents come in, nor on which of two
//!   documents is named first;
//! - a document about another place and time never takes a finding away;
//! - extraction never panics, and claim offsets are char boundaries with
//!   `text == section[start..end]`.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzz_bodies;

use fuzz_bodies::{check_claims, defaults};
use proptest::prelude::*;
use recount::check::Finding;
use recount::claim::Claim;
use recount::corpus::{Document, Origin};
use recount::quantity::Interval;
use recount::rules::{CheckKind, RuleSet, Tolerance};

// ---------------------------------------------------------------------------------
// Generated batches

const OUTLETS: &[&str] = &["Reuters", "SANA", "Al Jazeera", "AP", "Syrian Observatory"];
const PLACES: &[&str] = &["Aleppo", "Idlib", "Hama"];
const DATES: &[&str] = &["2017-04-18", "2017-04-19", "2017-04-21", "2017-06-30"];
const QUALIFIERS: &[&str] = &[
    "",
    "at least ",
    "more than ",
    "some ",
    "nearly ",
    "up to ",
    "about ",
    "fewer than ",
];
const WORDS: &[&str] = &[
    "dozens",
    "a dozen",
    "several",
    "hundreds",
    "scores",
    "three",
    "thirty-eight",
    "a hundred and five",
];
const TITLES: &[&str] = &[
    "Bomb kills {Q} in {P}",
    "{Q} dead in {P} air strike",
    "{Q} civilians killed in {P}",
    "Turnout of {N} percent in {P} vote",
];
const SENTENCES: &[&str] = &[
    "A car bomb killed {Q} people in {P} on Tuesday, according to the Syrian Observatory for Human Rights.",
    "{Q} civilians were killed, including {R} children.",
    "The blast killed {Q} people, among them {R} fighters.",
    "{Q} militants and {R} soldiers were killed in the clashes, and {T} died in total.",
    "Since January, {Q} air strikes have hit {P}, the coalition said.",
    "The death toll rose to {Q}, medics said.",
    "At least {R} people were wounded in {P}.",
    "Turnout was {N} percent, officials said.",
    "Police arrested {Q} people in {P}.",
    "{Q} people were killed in {P} on Sunday, SANA reported.",
];

/// A figure as written: a qualifier and digits, or number words.
fn figure() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0..QUALIFIERS.len(), 1u32..400).prop_map(|(q, n)| format!("{}{n}", QUALIFIERS[q])),
        1 => (0..QUALIFIERS.len(), 0..WORDS.len()).prop_map(|(q, w)| format!("{}{}", QUALIFIERS[q], WORDS[w])),
    ]
}

fn fill(pattern: &str, place: &str, q: &str, r: &str, t: u32, n: u32) -> String {
    pattern
        .replace("{Q}", q)
        .replace("{R}", r)
        .replace("{T}", &t.to_string())
        .replace("{N}", &n.to_string())
        .replace("{P}", place)
}

/// One article: outlet, place, date, a title pattern and some body sentences.
#[derive(Clone, Debug)]
struct Spec {
    outlet: usize,
    place: usize,
    date: usize,
    title: Option<(usize, String, u32)>,
    body: Vec<(usize, String, String, u32, u32)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..OUTLETS.len(),
        0..PLACES.len(),
        0..DATES.len(),
        proptest::option::of((0..TITLES.len(), figure(), 1u32..160)),
        proptest::collection::vec(
            (0..SENTENCES.len(), figure(), figure(), 1u32..120, 1u32..160),
            1..5,
        ),
    )
        .prop_map(|(outlet, place, date, title, body)| Spec {
            outlet,
            place,
            date,
            title,
            body,
        })
}

fn document(
    id: &str,
    source: &str,
    place: &str,
    date: &str,
    title: Option<String>,
    text: String,
) -> Document {
    Document {
        id: id.to_string(),
        source: Some(source.to_string()),
        date: date.parse().ok(),
        place: Some(place.to_string()),
        event: None,
        title: title.clone(),
        text,
        url: None,
        origin: Origin {
            path: id.to_string(),
            title_line: title.map(|_| 1),
            body_line: 2,
            ..Origin::default()
        },
        ignore: Vec::new(),
        warnings: Vec::new(),
    }
}

fn build(id: &str, s: &Spec) -> Document {
    let place = PLACES[s.place];
    let title = s
        .title
        .as_ref()
        .map(|(t, q, n)| fill(TITLES[*t], place, q, q, *n, *n));
    let body: Vec<String> = s
        .body
        .iter()
        .map(|(k, q, r, t, n)| fill(SENTENCES[*k], place, q, r, *t, *n))
        .collect();
    document(
        id,
        OUTLETS[s.outlet],
        place,
        DATES[s.date],
        title,
        body.join(" "),
    )
}

fn batch(specs: &[Spec]) -> Vec<Document> {
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| build(&format!("d{i:02}.txt"), s))
        .collect()
}

fn claims_of(docs: &[Document]) -> Vec<Claim> {
    let (_, ex) = defaults();
    docs.iter().flat_map(|d| ex.extract(d)).collect()
}

fn rules() -> &'static RuleSet {
    &defaults().0
}

fn findings(docs: &[Document]) -> Vec<Finding> {
    recount::check::run(rules(), &claims_of(docs))
}

/// The figures a finding involves, with its rule: what must not change when the
/// documents trade names (which side is `a` follows the names, so roles `a` and `b`
/// are one).
fn figures(found: &[Finding]) -> Vec<String> {
    let mut v: Vec<String> = found
        .iter()
        .map(|f| {
            let mut cs: Vec<String> = f
                .claims
                .iter()
                .map(|c| {
                    let role = if c.role == "b" { "a" } else { c.role.as_str() };
                    format!(
                        "{role}:{}:{:?}:{:?}:{:?}:{:?}:{:?}",
                        c.quantity, c.low, c.high, c.source, c.concept, c.subject
                    )
                })
                .collect();
            cs.sort();
            format!("{} {} [{}]", f.rule, f.severity, cs.join(", "))
        })
        .collect();
    v.sort();
    v
}

fn interval(c: &recount::check::FindingClaim) -> Interval {
    Interval::new(c.low, c.high)
}

/// Apart even with either side widened by the tolerance.
fn apart(a: Interval, b: Interval, t: Tolerance) -> bool {
    !a.overlaps(&b) && !a.widen(t.rel, t.abs).overlaps(&b) && !a.overlaps(&b.widen(t.rel, t.abs))
}

fn role<'a>(f: &'a Finding, r: &str) -> Vec<&'a recount::check::FindingClaim> {
    f.claims.iter().filter(|c| c.role == r).collect()
}

/// Every finding's intervals are well formed and its figures really conflict.
fn check_findings(found: &[Finding]) -> Result<(), TestCaseError> {
    for f in found {
        prop_assert!(!f.claims.is_empty(), "a finding without claims: {f:?}");
        for c in &f.claims {
            if let (Some(l), Some(h)) = (c.low, c.high) {
                prop_assert!(l <= h, "low > high in {f:?}");
            }
        }
        let Some(rule) = rules().get(&f.rule) else {
            return Err(TestCaseError::fail(format!("unknown rule {}", f.rule)));
        };
        prop_assert_eq!(rule.kind, f.kind);
        let tol = rule.tolerance;
        match f.kind {
            CheckKind::Disagreement | CheckKind::Attribution => {
                let (a, b) = (role(f, "a"), role(f, "b"));
                prop_assert!(a.len() == 1 && b.len() == 1, "two sides: {f:?}");
                prop_assert!(
                    apart(interval(a[0]), interval(b[0]), tol),
                    "the two figures overlap after the tolerance {tol:?}: {f:?}"
                );
                prop_assert_ne!(&a[0].doc, &b[0].doc);
            }
            CheckKind::Inconsistency => {
                prop_assert_eq!(f.claims.len(), 2, "two claims: {:?}", f);
                prop_assert!(
                    apart(interval(&f.claims[0]), interval(&f.claims[1]), tol),
                    "the two figures overlap after the tolerance {tol:?}: {f:?}"
                );
                prop_assert_eq!(&f.claims[0].doc, &f.claims[1].doc);
            }
            CheckKind::PartWhole => {
                let (part, whole) = (role(f, "part"), role(f, "whole"));
                prop_assert!(part.len() == 1 && whole.len() == 1, "{f:?}");
                prop_assert!(
                    interval(part[0]).lo() > interval(whole[0]).hi(),
                    "the part can fit in the whole: {f:?}"
                );
            }
            CheckKind::Trend => {
                let (earlier, later) = (role(f, "earlier"), role(f, "later"));
                prop_assert!(earlier.len() == 1 && later.len() == 1, "{f:?}");
                let (e, l) = (interval(earlier[0]), interval(later[0]));
                prop_assert!(
                    l.hi() < e.lo() && apart(e, l, tol),
                    "the later figure does not fall below the earlier: {f:?}"
                );
            }
            CheckKind::Bounds => {
                let allowed = Interval::new(rule.min, rule.max);
                prop_assert!(
                    apart(interval(&f.claims[0]), allowed, tol),
                    "the figure is within the bounds: {f:?}"
                );
            }
            CheckKind::Sum => {
                let total = role(f, "total");
                prop_assert_eq!(total.len(), 1, "one total: {:?}", f);
                let parts = role(f, "part");
                prop_assert!(parts.len() >= 2, "parts: {f:?}");
                let least: f64 = parts.iter().map(|c| interval(c).lo().max(0.0)).sum();
                prop_assert!(least > interval(total[0]).hi(), "the parts fit: {f:?}");
            }
        }
    }
    Ok(())
}

/// A small deterministic shuffle (the property's seed picks the permutation).
fn shuffled<T: Clone>(v: &[T], mut seed: u64) -> Vec<T> {
    let mut out = v.to_vec();
    for i in (1..out.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = (seed >> 33) as usize % (i + 1);
        out.swap(i, j);
    }
    out
}

proptest! {

    /// Intervals through every check, and output independent of input order.
    #[test]
    fn findings_are_sound_and_order_free(specs in proptest::collection::vec(spec(), 1..8), seed: u64) {
        let docs = batch(&specs);
        let claims = claims_of(&docs);
        for d in &docs {
            let own: Vec<Claim> = claims.iter().filter(|c| c.doc == d.id).cloned().collect();
            check_claims(d, &own);
        }
        let found = recount::check::run(rules(), &claims);
        check_findings(&found)?;
        let again = findings(&shuffled(&docs, seed));
        prop_assert_eq!(&again, &found);
        let claims_shuffled = shuffled(&claims, seed ^ 0x5555);
        prop_assert_eq!(&recount::check::run(rules(), &claims_shuffled), &found);
    }

    /// Two documents trading names give the same findings on the same figures.
    #[test]
    fn swapping_two_documents_is_symmetric(a in spec(), b in spec()) {
        let one = vec![build("a.txt", &a), build("b.txt", &b)];
        let two = vec![build("a.txt", &b), build("b.txt", &a)];
        let (f1, f2) = (findings(&one), findings(&two));
        check_findings(&f1)?;
        prop_assert_eq!(figures(&f1), figures(&f2));
    }

    /// A document about another place and time never takes a finding away.
    #[test]
    fn an_unrelated_document_removes_nothing(specs in proptest::collection::vec(spec(), 1..6), other in spec(), at in 0usize..6) {
        let docs = batch(&specs);
        let before = findings(&docs);
        let mut far = other.clone();
        far.body.retain(|(k, ..)| *k != 4); // "Since January" tallies are not per event
        let mut text = build("zz-unrelated.txt", &far);
        for p in PLACES {
            text.text = text.text.replace(p, "Mosul");
            text.title = text.title.map(|t| t.replace(p, "Mosul"));
        }
        text.place = Some("Mosul".to_string());
        text.date = "2015-01-02".parse().ok();
        let mut more = docs.clone();
        more.insert(at.min(more.len()), text);
        let after = findings(&more);
        for f in &before {
            prop_assert!(after.contains(f), "lost {f:#?}\nafter: {after:#?}");
        }
    }

    /// Extraction of arbitrary text (and of text built from number-ish pieces) never
    /// panics, and every claim is its own span of the section.
    #[test]
    fn extraction_of_arbitrary_text(s in "\\PC{0,300}") {
        fuzz_bodies::extract(s.as_bytes());
        fuzz_bodies::quantities(s.as_bytes());
    }

    #[test]
    fn extraction_of_number_soup(parts in proptest::collection::vec(prop_oneof![
        Just("more than "), Just("at least "), Just("between "), Just(" and "), Just(" to "),
        Just("-"), Just("–"), Just(","), Just("."), Just(" "), Just("\n"), Just("%"), Just("$"),
        Just("£"), Just("million"), Just("dozen"), Just("s of "), Just("thousand"), Just("half"),
        Just("a "), Just("one"), Just("thirty"), Just("-eight"), Just("1"), Just("0"), Just("9"),
        Just("2,300"), Just("1.5"), Just("bn"), Just("k"), Just("people"), Just("killed"),
        Just(" including "), Just(" of them "), Just("é"), Just("\u{a0}"), Just("\u{2009}"),
        Just("ß"), Just("🙂"), Just("İ"), Just("K"), Just("\u{301}"), Just("'"), Just("\""),
    ], 0..60)) {
        let s: String = parts.concat();
        fuzz_bodies::extract(s.as_bytes());
        fuzz_bodies::extract(format!("\u{1}{s}\n{s}").as_bytes());
        fuzz_bodies::quantities(s.as_bytes());
    }

    /// Claims read back from JSON Lines and edited into nonsense (`low > high`,
    /// offsets past their sentence, empty ids, huge bounds) go through every check and
    /// renderer without a panic.
    #[test]
    fn edited_claims_read_back(
        specs in proptest::collection::vec(spec(), 1..5),
        edits in proptest::collection::vec((0usize..64, 0usize..9, any::<u32>()), 0..24),
    ) {
        let mut claims = claims_of(&batch(&specs));
        for (i, what, v) in edits {
            if claims.is_empty() {
                break;
            }
            let n = claims.len();
            let c = &mut claims[i % n];
            match what {
                0 => std::mem::swap(&mut c.low, &mut c.high),
                1 => c.start = v as usize,
                2 => c.end = v as usize,
                3 => c.sentence = String::new(),
                4 => c.text = "é".repeat(v as usize % 5),
                5 => c.low = Some(-f64::from(v)),
                6 => c.high = Some(f64::MAX),
                7 => c.part_of = Some(format!("d{:02}.txt#{}", v % 4, v % 7)),
                _ => c.id = String::new(),
            }
        }
        let jsonl: String = claims
            .iter()
            .filter_map(|c| serde_json::to_string(c).ok())
            .map(|l| l + "\n")
            .collect();
        fuzz_bodies::claims(jsonl.as_bytes());
    }

    /// The fuzz target bodies over arbitrary bytes.
    #[test]
    fn fuzz_bodies_on_bytes(data in proptest::collection::vec(any::<u8>(), 0..400)) {
        fuzz_bodies::quantities(&data);
        fuzz_bodies::number(&data);
        fuzz_bodies::extract(&data);
        fuzz_bodies::rules_pack(&data);
        fuzz_bodies::config(&data);
        fuzz_bodies::claims(&data);
        fuzz_bodies::corpus_text(&data);
        fuzz_bodies::corpus_json(&data);
        fuzz_bodies::corpus_jsonl(&data);
        fuzz_bodies::corpus_delimited(&data, false);
        fuzz_bodies::corpus_delimited(&data, true);
    }

    /// Corpus files made of plausible rows, some of them broken: no row is lost.
    #[test]
    fn corpus_rows_are_never_lost(rows in proptest::collection::vec(prop_oneof![
        Just("{\"text\":\"A bomb killed 16 people.\",\"source\":\"AP\"}".to_string()),
        Just("{\"text\":\"\",\"source\":\"AP\"}".to_string()),
        Just("{\"text\":\"Dozens dead\",\"date\":\"4/5/2017\",\"n\":{\"a\":[1,{}]}}".to_string()),
        Just("{\"broken\": ".to_string()),
        Just("[1,2]".to_string()),
        Just("   ".to_string()),
        Just("{\"content\":\"x\",\"title\":null}".to_string()),
        "\\PC{0,40}",
    ], 0..12), crlf: bool) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let jsonl = rows.join(nl);
        fuzz_bodies::corpus_jsonl(jsonl.as_bytes());
        let array = format!("[{}]", rows.join(","));
        fuzz_bodies::corpus_json(array.as_bytes());
        let csv: String = std::iter::once("text,source,date".to_string())
            .chain(rows.iter().map(|r| r.replace(['{', '}'], "\"")))
            .collect::<Vec<_>>()
            .join(nl);
        fuzz_bodies::corpus_delimited(csv.as_bytes(), false);
    }

    /// `recount.toml` files with random values in the right places.
    #[test]
    fn config_files_with_odd_values(
        key in prop_oneof![Just("fail_on"), Just("min_severity"), Just("date_order"), Just("colour"), Just("rules"), Just("disable")],
        value in prop_oneof![Just("\"warning\""), Just("\"dmy\""), Just("[\"x\"]"), Just("3"), Just("[1, [2]]"), Just("\"\""), Just("{ a = 1 }")],
        table in prop_oneof![Just(""), Just("[vague]\ndozens = [99, 12]\n"), Just("[vague]\nfoo = [1, 2]\n"), Just("[severity]\n\"x/y\" = \"loud\"\n"), Just("[columns]\ntext = 5\n"), Just("[concepts.nope]\nnouns = [\"a\"]\n")],
        junk in "\\PC{0,20}",
    ) {
        let text = format!("{key} = {value}\n{table}{junk}\n");
        fuzz_bodies::config(text.as_bytes());
    }

    /// Rules packs with random values in the right places: errors point inside the file.
    #[test]
    fn rules_packs_with_odd_values(
        kind in prop_oneof![Just("disagreement"), Just("bounds"), Just("trend"), Just("nope"), Just("")],
        tolerance in prop_oneof![Just("10%"), Just("3"), Just("-5%"), Just("ten"), Just("1e400%"), Just("")],
        window in prop_oneof![Just("2d"), Just("4w"), Just("0d"), Just("99999999999999999999d"), Just("d"), Just("2 fortnights")],
        message in "\\PC{0,30}",
        extra in prop_oneof![Just(""), Just("min = 5\nmax = 1\n"), Just("concepts = [\"nope\"]\n"), Just("scope = \"galaxy\"\n"), Just("severity = \"fatal\"\n")],
    ) {
        let pack = format!(
            "[pack]\nname = \"p\"\ndescription = \"d\"\n[concepts.killed]\nnouns = [\"dead\"]\nverbs = [\"kill\"]\n\
             [[rule]]\nid = \"r\"\nkind = \"{kind}\"\nseverity = \"error\"\ntolerance = \"{tolerance}\"\n\
             window = \"{window}\"\nmessage = {message:?}\n{extra}doc = \"x\"\n"
        );
        fuzz_bodies::rules_pack(pack.as_bytes());
    }
}

/// The generated batches reach every check kind, so the properties above are not
/// vacuous.
#[test]
fn generated_batches_give_findings_of_every_kind() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = proptest::collection::vec(spec(), 2..8);
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..200 {
        let Ok(tree) = strategy.new_tree(&mut runner) else {
            continue;
        };
        for f in findings(&batch(&tree.current())) {
            seen.insert(f.kind);
        }
    }
    for kind in [
        CheckKind::Disagreement,
        CheckKind::Inconsistency,
        CheckKind::PartWhole,
        CheckKind::Sum,
        CheckKind::Bounds,
    ] {
        assert!(
            seen.contains(&kind),
            "no {kind} finding in 200 batches: {seen:?}"
        );
    }
}

/// Inputs that once crashed the library, kept as they were found.
mod regressions {
    use super::fuzz_bodies;

    /// A no-break space before a word ending in a period: the sentence splitter sliced
    /// inside the space (fuzz/properties finding; fix 01).
    #[test]
    fn numbers_glued_into_one_token() {
        // Each "1,000" is a claim; none may run over the next one (fix 03).
        fuzz_bodies::extract(b"1,0001,0001,000 people were killed");
        fuzz_bodies::extract(b"\x01title 1,0001,000\n1,0001,0001,000 people");
    }

    #[test]
    fn wide_space_before_a_period() {
        for text in [
            "\u{a0}. 1",
            "killed\u{a0}5.\u{a0}. 1",
            "\u{2009}No. 5",
            "x\u{3000}A. B",
        ] {
            fuzz_bodies::extract(text.as_bytes());
            fuzz_bodies::extract(format!("\u{1}{text}\n{text}").as_bytes());
            fuzz_bodies::corpus_text(text.as_bytes());
        }
    }
}

/// Work grows linearly with input size, however odd the input: each pathological
/// input is extracted at size n and 2n, and the work done must at most roughly double.
///
/// Work is counted deterministically as the heap allocations made by the extracting
/// thread (every token, word and candidate phrase allocates), with a generous
/// wall-clock bound on top for work that does not allocate: the best of three runs at
/// 2n may take at most four times the best at n.
mod growth {
    use super::CheckKind;
    use super::fuzz_bodies::{defaults, document_of};
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;
    use std::time::{Duration, Instant};

    struct Counting;

    thread_local! {
        static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
        static BYTES: Cell<u64> = const { Cell::new(0) };
    }

    // SAFETY: every call is passed on to the system allocator unchanged; the only
    // extra work is bumping a thread-local counter, which does not allocate.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
            let _ = BYTES.try_with(|c| c.set(c.get() + layout.size() as u64));
            // SAFETY: the caller's contract is the system allocator's.
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: as above.
            unsafe { System.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
            let _ = BYTES.try_with(|c| c.set(c.get() + new_size as u64));
            // SAFETY: as above.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    #[global_allocator]
    static GLOBAL: Counting = Counting;

    /// Allocations and bytes allocated so far by this thread.
    fn allocated() -> (u64, u64) {
        (ALLOCATIONS.with(Cell::get), BYTES.with(Cell::get))
    }

    /// What extracting the claims of one text costs.
    #[derive(Clone, Copy, Debug, PartialEq)]
    struct Work {
        allocations: u64,
        bytes: u64,
        time: Duration,
        claims: usize,
    }

    /// The work of extracting `text` (as a body, and its first line as a title).
    fn work(text: &str) -> Work {
        let (_, ex) = defaults();
        let mut doc = document_of(text.as_bytes());
        doc.title = text.lines().next().map(|l| l.chars().take(200).collect());
        let (a0, b0) = allocated();
        let t = Instant::now();
        let claims = ex.extract(&doc);
        let time = t.elapsed();
        let (a1, b1) = allocated();
        Work {
            allocations: a1 - a0,
            bytes: b1 - b0,
            time,
            claims: claims.len(),
        }
    }

    /// The work of three runs, with the best time; the counts must not vary.
    fn measure(name: &str, text: &str) -> Work {
        let mut first = work(text);
        for _ in 0..2 {
            let w = work(text);
            assert_eq!(
                (w.allocations, w.bytes),
                (first.allocations, first.bytes),
                "{name}: allocations are not deterministic"
            );
            first.time = first.time.min(w.time);
        }
        first
    }

    /// The input repeated to about `bytes` bytes.
    fn sized(unit: &str, bytes: usize) -> String {
        let mut s = unit.repeat(bytes / unit.len().max(1) + 1);
        while s.len() > bytes {
            s.pop();
        }
        s
    }

    fn assert_linear(name: &str, unit: &str, prefix: &str, suffix: &str) {
        const N: usize = 5_000;
        let small = format!("{prefix}{}{suffix}", sized(unit, N));
        let large = format!("{prefix}{}{suffix}", sized(unit, 2 * N));
        let (w1, w2) = (measure(name, &small), measure(name, &large));
        let within = |a: u64, b: u64, slack: u64| b <= a * 5 / 2 + slack;
        assert!(
            within(w1.allocations, w2.allocations, 1_000) && within(w1.bytes, w2.bytes, 1 << 20),
            "{name}: the work grows more than twice when the input doubles: {w1:?} -> {w2:?}"
        );
        assert!(
            w2.time <= w1.time * 4 + Duration::from_millis(250),
            "{name}: the time grows more than four times when the input doubles: {w1:?} -> {w2:?}"
        );
    }

    /// The checks over many reports of one event, and over one document with many
    /// figures: grouping by key keeps them near linear. The checks run on the rayon
    /// pool, so only time is measured here (best of five, and bounds that a busy
    /// machine's pauses stay within while quadratic work would not).
    #[test]
    fn checks_over_many_claims() {
        use super::{claims_of, document, rules};
        fn best(rules: &[recount::rules::Rule], claims: &[recount::claim::Claim]) -> Duration {
            (0..5)
                .map(|_| {
                    let t = Instant::now();
                    let _ = recount::check::run_rules(rules, claims);
                    t.elapsed()
                })
                .min()
                .unwrap_or_default()
        }
        let reports = |n: usize| {
            let docs: Vec<_> = (0..n)
                .map(|i| {
                    document(
                        &format!("r{i:05}.txt"),
                        &format!("Outlet {}", i % 97),
                        "Aleppo",
                        &format!("2017-04-{:02}", 10 + i % 9),
                        Some(format!("Bomb kills {} in Aleppo", 10 + i % 50)),
                        format!(
                            "A car bomb killed {} people in Aleppo, including {} children, \
                             according to the Syrian Observatory. Since January, more than {} \
                             air strikes have hit the city.",
                            10 + i % 50,
                            i % 7,
                            700 - i % 300
                        ),
                    )
                })
                .collect();
            claims_of(&docs)
        };
        let one_document = |n: usize| {
            let text: String = (0..n)
                .map(|i| {
                    format!(
                        "{} militants and {} soldiers were killed. ",
                        10 + i % 40,
                        i % 9
                    )
                })
                .collect();
            claims_of(&[document(
                "one.txt",
                "Wire",
                "Aleppo",
                "2017-04-19",
                None,
                text,
            )])
        };
        // Every rule over many reports of one event: the number of findings grows
        // with the reports (each voice meets up to `MAX_PARTNERS` others), so the
        // bound is wide.
        let (small, large) = (reports(400), reports(800));
        let (t1, t2) = (best(&rules().rules, &small), best(&rules().rules, &large));
        assert!(
            t2 <= t1 * 4 + Duration::from_millis(400),
            "many reports: the checks take {t1:?} for {} claims and {t2:?} for {}",
            small.len(),
            large.len()
        );
        // The in-document checks over one long list, at n and 8n figures: linear work
        // grows eight times, quadratic work sixty-four times.
        let within: Vec<recount::rules::Rule> = rules()
            .rules
            .iter()
            .filter(|r| {
                matches!(
                    r.kind,
                    CheckKind::Sum | CheckKind::PartWhole | CheckKind::Inconsistency
                )
            })
            .cloned()
            .collect();
        let (small, large) = (one_document(1_000), one_document(8_000));
        let (t1, t2) = (best(&within, &small), best(&within, &large));
        assert!(
            t2 <= t1 * 16 + Duration::from_millis(400),
            "one long document: the checks take {t1:?} for {} claims and {t2:?} for {}",
            small.len(),
            large.len()
        );
    }

    #[test]
    fn digits() {
        assert_linear("one long number", "7", "", "");
        assert_linear("numbers", "12 ", "", "");
        assert_linear("thousands separators", "1,000", "", " people");
        assert_linear("glued numbers", "1,0001,000", "", " people");
        assert_linear("decimals", "1.5.", "", "");
    }

    #[test]
    fn number_words() {
        assert_linear("compound words", "thirty-eight ", "", "people");
        assert_linear("scales", "hundred ", "a ", "people");
        assert_linear("mixed words", "one two three million and a half ", "", "");
        assert_linear("vague words", "dozens of hundreds of ", "", "people");
    }

    #[test]
    fn qualifiers() {
        assert_linear("more than", "more than ", "", "5 people");
        assert_linear("between", "between 1 and ", "", "2");
        assert_linear(
            "nearly some about",
            "nearly some about up to at least ",
            "",
            "9",
        );
    }

    #[test]
    fn and_chains() {
        assert_linear("and", "1 and ", "", "2 people were killed");
        assert_linear(
            "coordinated nouns",
            "38 militants and ",
            "",
            "3 soldiers were killed",
        );
        assert_linear(
            "parts",
            "including 3 children, ",
            "12 people were killed, ",
            "",
        );
        assert_linear("of them", "5 of them ", "40 people, ", "");
    }

    #[test]
    fn punctuation() {
        assert_linear("periods", ".", "5 people. ", "");
        assert_linear("dashes", "-", "5", "6");
        assert_linear("mixed", "!?;:,()[]\"'", "1", "2");
        assert_linear("spaces", " \u{a0}\t", "5", " people");
    }

    #[test]
    fn one_sentence_without_stops() {
        assert_linear(
            "long sentence",
            "a bomb killed 5 people in the city and wounded 7 others while ",
            "",
            "",
        );
        assert_linear(
            "attributions",
            "according to the Syrian Observatory for Human Rights ",
            "16 people died ",
            "",
        );
        assert_linear("words only", "the quick brown fox ", "", "");
    }
}
