//! Reading one pack: TOML with spans, its `[pack]`, `[concepts]`, `[subjects]`,
//! `[places]` tables and its `[[rule]]` list, checked field by field.
//!
//! Each part of the file is deserialized on its own, so a mistake in one rule does not
//! hide the mistakes in the next. Checks that need every pack's lexicon (concept and
//! subject names, subject parents, duplicate ids across packs) are left to the loader.

use super::error::{RulesError, Source};
use super::params::{self, CLAIM_KINDS};
use super::{CheckKind, Example, Location, PackInfo, Rule, Scope, Severity, template};
use crate::quantity::Kind;
use serde::Deserialize;
use serde::de::{DeserializeOwned, IntoDeserializer};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

const TOP_KEYS: &[&str] = &["pack", "concepts", "subjects", "places", "rule"];
const PACK_KEYS: &[&str] = &["name", "description"];
const CONCEPT_KEYS: &[&str] = &["nouns", "verbs"];
pub(crate) const RULE_KEYS: &[&str] = &[
    "id",
    "kind",
    "severity",
    "description",
    "concepts",
    "subjects",
    "kinds",
    "scope",
    "window",
    "tolerance",
    "min",
    "max",
    "revisions",
    "message",
    "doc",
    "example",
];
const EXAMPLE_KEYS: &[&str] = &["flag", "pass"];

/// The default window, in days, for rules compared by event.
pub const DEFAULT_WINDOW_DAYS: i64 = 0;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    name: Option<Spanned<String>>,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConcept {
    #[serde(default)]
    nouns: Vec<Spanned<String>>,
    #[serde(default)]
    verbs: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    severity: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
    concepts: Option<Vec<Spanned<String>>>,
    subjects: Option<Vec<Spanned<String>>>,
    kinds: Option<Vec<Spanned<String>>>,
    scope: Option<Spanned<String>>,
    window: Option<Spanned<String>>,
    tolerance: Option<Spanned<Tol>>,
    min: Option<Spanned<f64>>,
    max: Option<Spanned<f64>>,
    revisions: Option<Spanned<bool>>,
    message: Option<Spanned<String>>,
    doc: Option<String>,
    #[serde(default)]
    example: Vec<Spanned<RawExample>>,
}

/// A tolerance may be written as a string ("10% or 5") or as a plain number (5).
#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "a string like \"10%\" or \"10% or 5\", or a number"
)]
enum Tol {
    Text(String),
    Number(f64),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    flag: Option<Spanned<Vec<Spanned<String>>>>,
    pass: Option<Spanned<Vec<Spanned<String>>>>,
}

/// A concept of a pack's lexicon.
pub(crate) struct ConceptDef {
    pub id: String,
    pub nouns: Vec<String>,
    pub verbs: Vec<String>,
}

/// A subject class of a pack's lexicon, with where its path was written.
pub(crate) struct SubjectDef {
    pub path: String,
    pub words: Vec<String>,
    pub location: Location,
}

/// A rule whose concept and subject names are still to be checked against the merged
/// lexicon. `rule` is None when the rule had other errors: its names are still checked,
/// so that one run reports them all.
pub(crate) struct PendingRule {
    pub rule: Option<Rule>,
    /// The full id and where it was written, when the id is valid.
    pub id: Option<(String, Location)>,
    pub concepts: Vec<(String, Location)>,
    pub subjects: Vec<(String, Location)>,
}

/// What one file yields; `lexicon_ok` is false when part of its lexicon could not be
/// read, so that names it may have declared are not reported missing elsewhere.
pub(crate) struct ParsedPack {
    pub info: PackInfo,
    pub name_location: Location,
    pub concepts: Vec<ConceptDef>,
    pub subjects: Vec<SubjectDef>,
    pub places: Vec<(String, Vec<String>)>,
    pub rules: Vec<PendingRule>,
    pub lexicon_ok: bool,
}

/// Parse one pack. Returns None when the file is not TOML at all; errors go to `errs`.
pub(crate) fn parse_pack(file: &str, text: &str, errs: &mut Vec<RulesError>) -> Option<ParsedPack> {
    let src = Source::new(file, text);
    let (root, syntax) = DeTable::parse_recoverable(text);
    // Recovery after the first syntax error tends to report its echoes; the first one
    // (by position) is the one to fix.
    if let Some(e) = syntax
        .iter()
        .min_by_key(|e| e.span().map_or(0, |s| s.start))
    {
        let at = e.span().map_or(0, |s| s.start);
        errs.push(src.err(
            at,
            format!("invalid TOML: {}", e.message()),
            Some("fix the TOML syntax here (see https://toml.io)".into()),
        ));
        return None;
    }
    let root = root.into_inner();
    let mut p = Parser {
        src: &src,
        errs,
        lexicon_ok: true,
    };
    p.unknown_keys(&root, TOP_KEYS, "at the top level of a pack");

    let stem = std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (name, description, name_location) = p.pack_header(entry(&root, "pack"), &stem);
    let concepts = p.concepts(entry(&root, "concepts"));
    let subjects = p.subjects(entry(&root, "subjects"));
    let places = p.places(entry(&root, "places"));
    let rules = p.rules(entry(&root, "rule"), &name);
    let lexicon_ok = p.lexicon_ok;
    Some(ParsedPack {
        info: PackInfo {
            name,
            description,
            file: file.to_string(),
        },
        name_location,
        concepts,
        subjects,
        places,
        rules,
        lexicon_ok,
    })
}

type Entry<'a, 'i> = (
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
);

fn entry<'a, 'i>(t: &'a DeTable<'i>, key: &str) -> Option<Entry<'a, 'i>> {
    t.iter().find(|(k, _)| k.get_ref() == key)
}

/// A copy of a table without the keys not in `allowed` (and, when `example` is given,
/// without unknown keys in the tables of its `example` list), so that a table with a
/// misspelt key is still checked for its other mistakes.
fn known_keys_only<'i>(
    v: &Spanned<DeValue<'i>>,
    allowed: &[&str],
    example: Option<&[&str]>,
) -> Spanned<DeValue<'i>> {
    let DeValue::Table(t) = v.get_ref() else {
        return v.clone();
    };
    let mut kept = DeTable::new();
    for (k, val) in t.iter() {
        if !allowed.contains(&&**k.get_ref()) {
            continue;
        }
        let mut val = val.clone();
        if let (Some(ex_keys), "example", DeValue::Array(items)) =
            (example, &**k.get_ref(), val.get_mut())
        {
            for item in items.iter_mut() {
                *item = known_keys_only(item, ex_keys, None);
            }
        }
        kept.insert(k.clone(), val);
    }
    Spanned::new(v.span(), DeValue::Table(kept))
}

fn de<T: DeserializeOwned>(v: &Spanned<DeValue<'_>>) -> Result<T, toml::de::Error> {
    T::deserialize(v.clone().into_deserializer())
}

/// Whether `s` is kebab-case: lowercase letters and digits in words joined by `-`.
pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// The kebab-case spelling of a name, for hints.
pub fn to_kebab(s: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !out.ends_with('-') {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            prev_lower = false;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A lexicon name (concept id or one segment of a subject path).
fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Up to three candidates close to `name`, closest first.
pub fn similar<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let d = strsim::damerau_levenshtein(name, c);
            let limit = (name.chars().count().max(c.chars().count()) / 3).max(2);
            (d <= limit && d < name.chars().count().max(1)).then_some((d, c))
        })
        .collect();
    scored.sort();
    scored.dedup();
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// "did you mean `x`? " when something is close, then the list of what is allowed.
fn hint_choices(name: &str, what: &str, choices: &[&str]) -> String {
    let close = similar(name, choices.iter().copied());
    let list = choices.join(", ");
    match close.first() {
        Some(c) => format!("did you mean `{c}`? {what}: {list}"),
        None => format!("{what}: {list}"),
    }
}

fn key_hint(key: &str) -> &'static str {
    match key {
        "id" => "write `id = \"toll-disagreement\"` (kebab-case, unique in the pack)",
        "kind" => {
            "write `kind = \"disagreement\"` (or inconsistency, part-whole, sum, bounds, trend, attribution)"
        }
        "severity" => "write `severity = \"error\"`, \"warning\" or \"info\"",
        "description" => "write one line: `description = \"...\"`",
        "concepts" => "write a list of names: `concepts = [\"killed\", \"wounded\"]`",
        "subjects" => "write a list of names: `subjects = [\"people.civilians\"]`",
        "kinds" => "write a list: `kinds = [\"count\", \"percent\"]`",
        "scope" => "write `scope = \"event\"`, \"document\" or \"corpus\"",
        "window" => "write a string: `window = \"2d\"` (d days, w weeks, h hours)",
        "tolerance" => "write `tolerance = \"10%\"`, `\"5\"` or `\"10% or 5\"`",
        "min" | "max" => "write a number: `min = 0`, `max = 100`",
        "revisions" => "write `revisions = true` or `revisions = false`",
        "message" => "write a string with fields: `message = \"{a.source} says {a.text}\"`",
        "doc" => {
            "write a string, usually a `\"\"\"` block with What it flags / Why it matters / Example"
        }
        "example" | "flag" | "pass" => {
            "write `[[rule.example]]` followed by `flag = [\"...\"]` or `pass = [\"...\"]`"
        }
        "name" => "write `name = \"my-pack\"`",
        "nouns" | "verbs" => "write a list of strings: `nouns = [\"deaths\", \"death toll\"]`",
        _ => "check the value's type",
    }
}

struct Parser<'s, 'e> {
    src: &'s Source<'s>,
    errs: &'e mut Vec<RulesError>,
    lexicon_ok: bool,
}

impl Parser<'_, '_> {
    fn err(&mut self, at: usize, msg: impl Into<String>, hint: impl Into<String>) {
        let e = self.src.err(at, msg, Some(hint.into()));
        self.errs.push(e);
    }

    fn loc(&self, at: usize) -> Location {
        self.src.loc(at)
    }

    /// Report every key of `t` not in `allowed`; true when there was one.
    fn unknown_keys(&mut self, t: &DeTable<'_>, allowed: &[&str], place: &str) -> bool {
        let mut any = false;
        for (k, _) in t.iter() {
            let key: &str = k.get_ref();
            if !allowed.contains(&key) {
                any = true;
                let hint = hint_choices(key, "allowed keys", allowed);
                self.err(k.span().start, format!("unknown key `{key}` {place}"), hint);
            }
        }
        any
    }

    /// Report a deserialization error at its span, with a hint for the key it concerns.
    fn de_error(&mut self, e: &toml::de::Error, fallback: usize, keys: &[(&str, usize)]) {
        let at = e.span().map_or(fallback, |s| s.start);
        let key = keys
            .iter()
            .filter(|(_, start)| *start <= at)
            .max_by_key(|(_, start)| *start)
            .map_or("", |(k, _)| *k);
        self.err(at, e.message().to_string(), key_hint(key));
    }

    fn pack_header(&mut self, e: Option<Entry<'_, '_>>, stem: &str) -> (String, String, Location) {
        let fallback = (stem.to_string(), String::new(), self.loc(0));
        let Some((k, v)) = e else {
            self.err(
                0,
                "the pack has no `[pack]` table",
                "start the file with `[pack]` and `name = \"my-pack\"`",
            );
            return fallback;
        };
        let DeValue::Table(t) = v.get_ref() else {
            self.err(
                k.span().start,
                "`pack` must be a table",
                "write `[pack]` on a line of its own, then `name = \"my-pack\"`",
            );
            return fallback;
        };
        self.unknown_keys(t, PACK_KEYS, "in [pack]");
        let raw: RawPack = match de(&known_keys_only(v, PACK_KEYS, None)) {
            Ok(r) => r,
            Err(err) => {
                self.de_error(&err, v.span().start, &[("name", 0)]);
                return fallback;
            }
        };
        let Some(name) = raw.name else {
            self.err(v.span().start, "[pack] has no `name`", key_hint("name"));
            return fallback;
        };
        let at = name.span().start;
        let name = name.into_inner();
        if !is_kebab(&name) {
            let fix = to_kebab(&name);
            self.err(
                at,
                format!("pack name `{name}` is not kebab-case"),
                format!("use lowercase words joined by `-`, e.g. `{fix}`"),
            );
        }
        (name, raw.description.trim().to_string(), self.loc(at))
    }

    /// A table section (`[concepts]`, `[subjects]`, `[places]`) or None.
    fn section<'a, 'i>(&mut self, e: Option<Entry<'a, 'i>>, hint: &str) -> Option<&'a DeTable<'i>> {
        let (k, v) = e?;
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.lexicon_ok = false;
                let key: &str = k.get_ref();
                self.err(
                    k.span().start,
                    format!("`{key}` must be a table"),
                    hint.to_string(),
                );
                None
            }
        }
    }

    /// A list of non-empty phrases.
    fn phrases(&mut self, v: &Spanned<DeValue<'_>>, what: &str) -> Option<Vec<String>> {
        let list: Vec<Spanned<String>> = match de(v) {
            Ok(l) => l,
            Err(e) => {
                self.lexicon_ok = false;
                self.err(
                    e.span().map_or(v.span().start, |s| s.start),
                    e.message().to_string(),
                    format!("{what} are a list of strings: `[\"...\", \"...\"]`"),
                );
                return None;
            }
        };
        let mut out = Vec::with_capacity(list.len());
        for s in list {
            if s.get_ref().trim().is_empty() {
                self.err(
                    s.span().start,
                    format!("empty string in {what}"),
                    "remove it",
                );
            } else {
                out.push(s.into_inner());
            }
        }
        Some(out)
    }

    fn concepts(&mut self, e: Option<Entry<'_, '_>>) -> Vec<ConceptDef> {
        let mut out = Vec::new();
        let Some(t) = self.section(
            e,
            "write `[concepts.killed]` then `nouns = [...]` and `verbs = [...]`",
        ) else {
            return out;
        };
        for (k, v) in t.iter() {
            let id: &str = k.get_ref();
            let at = k.span().start;
            if !is_name(id) {
                self.err(
                    at,
                    format!("concept name `{id}` is not a plain name"),
                    "use lowercase letters, digits, `-` or `_`, e.g. `killed`",
                );
            }
            let DeValue::Table(ct) = v.get_ref() else {
                self.lexicon_ok = false;
                self.err(
                    at,
                    format!("concept `{id}` must be a table"),
                    format!("write `[concepts.{id}]` then `nouns = [...]` and `verbs = [...]`"),
                );
                continue;
            };
            self.unknown_keys(ct, CONCEPT_KEYS, &format!("in concept `{id}`"));
            let raw: RawConcept = match de(&known_keys_only(v, CONCEPT_KEYS, None)) {
                Ok(r) => r,
                Err(err) => {
                    self.lexicon_ok = false;
                    let keys: Vec<(&str, usize)> = ct
                        .iter()
                        .map(|(k, _)| (&**k.get_ref(), k.span().start))
                        .collect();
                    self.de_error(&err, at, &keys);
                    continue;
                }
            };
            if raw.nouns.is_empty() && raw.verbs.is_empty() {
                self.err(
                    at,
                    format!("concept `{id}` has no nouns and no verbs"),
                    "give the nouns that count it (`nouns = [\"deaths\"]`) or the verbs that state it (`verbs = [\"kill\"]`)",
                );
            }
            let mut words = |list: Vec<Spanned<String>>, what: &str| -> Vec<String> {
                let mut out = Vec::new();
                for s in list {
                    if s.get_ref().trim().is_empty() {
                        self.err(
                            s.span().start,
                            format!("empty string in {what}"),
                            "remove it",
                        );
                    } else {
                        out.push(s.into_inner());
                    }
                }
                out
            };
            let nouns = words(raw.nouns, "nouns");
            let verbs = words(raw.verbs, "verbs");
            out.push(ConceptDef {
                id: id.to_string(),
                nouns,
                verbs,
            });
        }
        out
    }

    fn subjects(&mut self, e: Option<Entry<'_, '_>>) -> Vec<SubjectDef> {
        let mut out = Vec::new();
        let Some(t) = self.section(
            e,
            "write `[subjects]` then `people = [\"people\", \"persons\"]`",
        ) else {
            return out;
        };
        for (k, v) in t.iter() {
            let path: &str = k.get_ref();
            let at = k.span().start;
            if !path.split('.').all(is_name) {
                self.err(
                    at,
                    format!("subject path `{path}` is not dotted plain names"),
                    "write parent classes first, joined by dots: `\"people.civilians\"` (quoted)",
                );
                continue;
            }
            if let Some(words) = self.phrases(v, "subject words") {
                out.push(SubjectDef {
                    path: path.to_string(),
                    words,
                    location: self.loc(at),
                });
            }
        }
        // Declared parents first: a path sorts before the paths below it.
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }

    fn places(&mut self, e: Option<Entry<'_, '_>>) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        let Some(t) = self.section(
            e,
            "write `[places]` then `kobani = [\"Kobani\", \"Kobane\"]`",
        ) else {
            return out;
        };
        for (k, v) in t.iter() {
            let id: &str = k.get_ref();
            if id.trim().is_empty() {
                self.err(
                    k.span().start,
                    "empty place id",
                    "name the place: `kobani = [...]`",
                );
                continue;
            }
            if let Some(aliases) = self.phrases(v, "place aliases") {
                out.push((id.to_string(), aliases));
            }
        }
        out
    }

    fn rules(&mut self, e: Option<Entry<'_, '_>>, pack: &str) -> Vec<PendingRule> {
        let mut out = Vec::new();
        let Some((k, v)) = e else {
            return out;
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.err(
                k.span().start,
                "`rule` must be a list of tables",
                "write each rule under its own `[[rule]]` header (two brackets)",
            );
            return out;
        };
        for item in items.iter() {
            let DeValue::Table(t) = item.get_ref() else {
                self.err(
                    item.span().start,
                    "each rule must be a table",
                    "write each rule under its own `[[rule]]` header",
                );
                continue;
            };
            if let Some(r) = self.rule(item, t, pack) {
                out.push(r);
            }
        }
        out
    }

    fn rule(
        &mut self,
        item: &Spanned<DeValue<'_>>,
        t: &DeTable<'_>,
        pack: &str,
    ) -> Option<PendingRule> {
        let header = item.span().start;
        let before = self.errs.len();
        let mut keys: Vec<(&str, usize)> = Vec::new();
        // Examples with a misspelt key, already reported.
        let mut misspelt: Vec<usize> = Vec::new();
        self.unknown_keys(t, RULE_KEYS, "in [[rule]]");
        for (k, v) in t.iter() {
            keys.push((k.get_ref(), k.span().start));
            if let ("example", DeValue::Array(exs)) = (&**k.get_ref(), v.get_ref()) {
                for ex in exs.iter() {
                    keys.push(("example", ex.span().start));
                    if let DeValue::Table(et) = ex.get_ref()
                        && self.unknown_keys(et, EXAMPLE_KEYS, "in [[rule.example]]")
                    {
                        misspelt.push(ex.span().start);
                    }
                }
            }
        }
        // Unknown keys are reported above; the rest of the rule is still checked.
        let raw: RawRule = match de(&known_keys_only(item, RULE_KEYS, Some(EXAMPLE_KEYS))) {
            Ok(r) => r,
            Err(e) => {
                self.de_error(&e, header, &keys);
                return None;
            }
        };
        let id_key = keys
            .iter()
            .find(|(k, _)| *k == "id")
            .map_or(header, |(_, at)| *at);

        let name = match &raw.id {
            None => {
                self.err(header, "rule has no `id`", key_hint("id"));
                String::new()
            }
            Some(id) => {
                let s = id.get_ref().clone();
                if !is_kebab(&s) {
                    let fix = to_kebab(&s);
                    self.err(
                        id.span().start,
                        format!("rule id `{s}` is not kebab-case"),
                        format!("use lowercase words joined by `-`, e.g. `{fix}` (the pack name is added for you)"),
                    );
                }
                s
            }
        };

        let kind_names: Vec<&str> = CheckKind::ALL.iter().map(|k| k.as_str()).collect();
        let kind = match &raw.kind {
            None => {
                self.err(
                    header,
                    format!("rule `{name}` has no `kind`"),
                    key_hint("kind"),
                );
                None
            }
            Some(k) => {
                let parsed = params::parse_kind(k.get_ref());
                if parsed.is_none() {
                    self.err(
                        k.span().start,
                        format!("unknown check kind `{}`", k.get_ref()),
                        hint_choices(k.get_ref(), "kinds", &kind_names),
                    );
                }
                parsed
            }
        };

        let severity = match &raw.severity {
            None => Severity::Warning,
            Some(s) => params::parse_severity(s.get_ref()).unwrap_or_else(|| {
                self.err(
                    s.span().start,
                    format!("unknown severity `{}`", s.get_ref()),
                    hint_choices(s.get_ref(), "severities", &["error", "warning", "info"]),
                );
                Severity::Warning
            }),
        };

        let doc = raw.doc.as_deref().map(clean_doc).unwrap_or_default();
        let description = match &raw.description {
            Some(d) => {
                let text = d.get_ref().trim();
                if text.contains('\n') {
                    self.err(
                        d.span().start,
                        "`description` must be one line",
                        "keep one line here and put the rest in `doc`",
                    );
                }
                if text.is_empty() {
                    self.err(
                        d.span().start,
                        "`description` is empty",
                        "write one line, or leave it out to use the doc's first line",
                    );
                }
                text.to_string()
            }
            None => {
                let first = doc_summary(&doc);
                if first.is_empty() {
                    self.err(
                        header,
                        format!("rule `{name}` has neither `description` nor `doc`"),
                        "add `doc = \"\"\"...\"\"\"` (What it flags / Why it matters / Example); its first line is the description",
                    );
                }
                first
            }
        };

        let concepts = raw.concepts.unwrap_or_default();
        let subjects = raw.subjects.unwrap_or_default();
        for (list, what) in [(&concepts, "concept"), (&subjects, "subject")] {
            for c in list {
                if c.get_ref().trim().is_empty() {
                    self.err(
                        c.span().start,
                        format!("empty {what} name"),
                        "remove it, or name one",
                    );
                }
            }
        }

        let mut kinds: Vec<Kind> = Vec::new();
        let claim_kinds: Vec<&str> = CLAIM_KINDS.iter().map(|k| k.as_str()).collect();
        for k in raw.kinds.as_deref().unwrap_or_default() {
            match params::parse_claim_kind(k.get_ref()) {
                Some(kk) if !kinds.contains(&kk) => kinds.push(kk),
                Some(_) => {}
                None => self.err(
                    k.span().start,
                    format!("unknown claim kind `{}`", k.get_ref()),
                    hint_choices(k.get_ref(), "claim kinds", &claim_kinds),
                ),
            }
        }

        let scope = match (&raw.scope, kind) {
            (Some(s), kind) => match params::parse_scope(s.get_ref()) {
                None => {
                    self.err(
                        s.span().start,
                        format!("unknown scope `{}`", s.get_ref()),
                        hint_choices(s.get_ref(), "scopes", &["event", "document", "corpus"]),
                    );
                    None
                }
                Some(sc) => {
                    self.check_scope(s.span().start, sc, kind);
                    Some(sc)
                }
            },
            (None, Some(k)) => Some(params::default_scope(k)),
            (None, None) => None,
        };

        let mut window_days = DEFAULT_WINDOW_DAYS;
        if let Some(w) = &raw.window {
            match params::parse_window(w.get_ref()) {
                Ok(d) => window_days = d,
                Err(m) => self.err(w.span().start, m, key_hint("window")),
            }
            if scope.is_some_and(|s| s != Scope::Event) {
                self.err(
                    w.span().start,
                    "`window` applies only to rules with scope \"event\"",
                    "remove `window`, or set `scope = \"event\"`",
                );
            }
        }

        let mut tolerance = super::Tolerance::default();
        if let Some(tol) = &raw.tolerance {
            let parsed = match tol.get_ref() {
                Tol::Text(s) => params::parse_tolerance(s),
                Tol::Number(n) if n.is_finite() && *n >= 0.0 => {
                    Ok(super::Tolerance { rel: 0.0, abs: *n })
                }
                Tol::Number(n) => Err(format!("tolerance {n} is negative")),
            };
            match parsed {
                Ok(t) => tolerance = t,
                Err(m) => self.err(tol.span().start, m, key_hint("tolerance")),
            }
        }

        let is_bounds = kind == Some(CheckKind::Bounds);
        for b in [&raw.min, &raw.max].into_iter().flatten() {
            if kind.is_some() && !is_bounds {
                self.err(
                    b.span().start,
                    "`min` and `max` apply only to `bounds` rules",
                    "remove them, or set `kind = \"bounds\"`",
                );
            } else if !b.get_ref().is_finite() {
                self.err(
                    b.span().start,
                    "bound is not a finite number",
                    key_hint("min"),
                );
            }
        }
        if let (Some(lo), Some(hi)) = (&raw.min, &raw.max)
            && lo.get_ref() > hi.get_ref()
        {
            self.err(
                lo.span().start,
                format!(
                    "`min` ({}) is greater than `max` ({})",
                    params::fmt_num(*lo.get_ref()),
                    params::fmt_num(*hi.get_ref())
                ),
                "swap them: `min` is the lowest allowed value",
            );
        }
        if is_bounds && raw.min.is_none() && raw.max.is_none() {
            self.err(
                header,
                format!("bounds rule `{name}` has neither `min` nor `max`"),
                "give the allowed range, e.g. `min = 0` and `max = 100`",
            );
        }

        let revisions = match &raw.revisions {
            Some(r) if kind.is_some() && kind != Some(CheckKind::Disagreement) => {
                self.err(
                    r.span().start,
                    "`revisions` applies only to `disagreement` rules",
                    "remove it",
                );
                false
            }
            Some(r) => *r.get_ref(),
            None => kind == Some(CheckKind::Disagreement),
        };

        let message = match (&raw.message, kind) {
            (Some(m), _) => {
                if let Err(te) = template::validate(m.get_ref()) {
                    let at = string_offset(self.src.text, m.span(), m.get_ref(), te.offset);
                    self.err(
                        at,
                        te.message,
                        "fields look like `{a.source}`; write `{{` and `}}` for literal braces",
                    );
                }
                m.get_ref().clone()
            }
            (None, Some(k)) => params::default_message(k).to_string(),
            (None, None) => String::new(),
        };

        let mut examples = Vec::new();
        for ex in &raw.example {
            if let Some(e) = self.example(ex, kind, misspelt.contains(&ex.span().start)) {
                examples.push(e);
            }
        }

        let id_ok = raw.id.as_ref().is_some_and(|id| is_kebab(id.get_ref()));
        let refs = |list: &[Spanned<String>]| -> Vec<(String, Location)> {
            list.iter()
                .filter(|c| !c.get_ref().trim().is_empty())
                .map(|c| (c.get_ref().clone(), self.loc(c.span().start)))
                .collect()
        };
        let mut pending = PendingRule {
            rule: None,
            id: id_ok.then(|| (format!("{pack}/{name}"), self.loc(id_key))),
            concepts: refs(&concepts),
            subjects: refs(&subjects),
        };
        let (Some(kind), Some(scope)) = (kind, scope) else {
            return Some(pending);
        };
        if self.errs.len() > before {
            return Some(pending);
        }
        pending.rule = Some(Rule {
            id: format!("{pack}/{name}"),
            pack: pack.to_string(),
            kind,
            severity,
            description,
            concepts: concepts.iter().map(|c| c.get_ref().clone()).collect(),
            subjects: subjects.iter().map(|c| c.get_ref().clone()).collect(),
            kinds,
            scope,
            window_days,
            tolerance,
            min: raw.min.as_ref().map(|v| *v.get_ref()),
            max: raw.max.as_ref().map(|v| *v.get_ref()),
            revisions,
            message,
            doc,
            examples,
            location: self.loc(id_key),
        });
        Some(pending)
    }

    fn check_scope(&mut self, at: usize, scope: Scope, kind: Option<CheckKind>) {
        let Some(kind) = kind else { return };
        let bad = match kind {
            // These compare reports from different documents.
            CheckKind::Disagreement | CheckKind::Trend | CheckKind::Attribution => {
                scope == Scope::Document
            }
            CheckKind::Inconsistency => scope != Scope::Document,
            CheckKind::PartWhole | CheckKind::Sum | CheckKind::Bounds => false,
        };
        if bad {
            let hint = if kind == CheckKind::Inconsistency {
                "`inconsistency` compares claims within one document; use `disagreement` to compare documents"
                    .to_string()
            } else {
                format!(
                    "`{kind}` compares different documents: use scope \"event\" or \"corpus\" (or `inconsistency` within one document)"
                )
            };
            self.err(
                at,
                format!(
                    "scope \"{}\" does not fit a `{kind}` rule",
                    params::scope_str(scope)
                ),
                hint,
            );
        }
    }

    fn example(
        &mut self,
        ex: &Spanned<RawExample>,
        kind: Option<CheckKind>,
        misspelt: bool,
    ) -> Option<Example> {
        let at = ex.span().start;
        let raw = ex.get_ref();
        let (flag, texts) = match (&raw.flag, &raw.pass) {
            (Some(_), Some(p)) => {
                self.err(
                    p.span().start,
                    "an example has both `flag` and `pass`",
                    "split it into two `[[rule.example]]` tables",
                );
                return None;
            }
            (None, None) if misspelt => return None,
            (None, None) => {
                self.err(
                    at,
                    "an example has neither `flag` nor `pass`",
                    "give `flag = [\"...\"]` (texts the rule must flag) or `pass = [\"...\"]` (texts it must not)",
                );
                return None;
            }
            (Some(f), None) => (true, f),
            (None, Some(p)) => (false, p),
        };
        let word = if flag { "flag" } else { "pass" };
        if texts.get_ref().is_empty() {
            self.err(
                texts.span().start,
                format!("`{word}` has no texts"),
                "give one text per document: `[\"A bomb killed 16 people in Hasaka on Tuesday.\"]`",
            );
            return None;
        }
        let mut ok = true;
        for t in texts.get_ref() {
            if t.get_ref().trim().is_empty() {
                ok = false;
                self.err(
                    t.span().start,
                    format!("empty text in `{word}`"),
                    "write a full sentence, or remove it",
                );
            }
        }
        let compares_documents = matches!(
            kind,
            Some(CheckKind::Disagreement | CheckKind::Trend | CheckKind::Attribution)
        );
        if flag && compares_documents && texts.get_ref().len() < 2 {
            ok = false;
            self.err(
                texts.span().start,
                format!(
                    "a `{}` rule compares documents: a `flag` example needs at least two texts",
                    kind.map_or("", |k| k.as_str())
                ),
                "give one text per report: `flag = [\"...16 people...\", \"...40 people...\"]`",
            );
        }
        ok.then(|| Example {
            flag,
            texts: texts
                .get_ref()
                .iter()
                .map(|t| t.get_ref().clone())
                .collect(),
            location: self.loc(at),
        })
    }
}

/// A doc string without its leading blank lines and trailing space.
fn clean_doc(doc: &str) -> String {
    let trimmed = doc.trim_end();
    let start = trimmed
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace())
        .map_or(trimmed.len(), |(i, _)| i);
    // Keep the first line's indentation: only whole blank lines are dropped.
    let line_start = trimmed[..start].rfind('\n').map_or(0, |i| i + 1);
    trimmed[line_start..].to_string()
}

/// The first line of a doc that is not blank and not a `#` heading.
pub fn doc_summary(doc: &str) -> String {
    doc.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("")
        .to_string()
}

/// Where in the file byte `offset` of a string value's decoded text stands. Exact for
/// strings without escapes; otherwise the written form of the field is searched for,
/// and the start of the string is the fallback.
fn string_offset(text: &str, span: Range<usize>, decoded: &str, offset: usize) -> usize {
    let Some(raw) = text.get(span.clone()) else {
        return span.start;
    };
    let (open, literal) = if raw.starts_with("\"\"\"") {
        (3, false)
    } else if raw.starts_with("'''") {
        (3, true)
    } else {
        (1, raw.starts_with('\''))
    };
    let mut body_start = span.start + open;
    let mut body = raw.get(open..raw.len().saturating_sub(open)).unwrap_or("");
    if open == 3 {
        // A newline right after the opening quotes is not part of the string.
        for nl in ["\r\n", "\n"] {
            if let Some(rest) = body.strip_prefix(nl) {
                body = rest;
                body_start += nl.len();
                break;
            }
        }
    }
    if (literal || !body.contains('\\')) && offset <= body.len() {
        return body_start + offset;
    }
    let Some(tail) = decoded.get(offset..) else {
        return span.start;
    };
    let piece = match tail.find('}') {
        Some(i) => &tail[..=i],
        None => tail,
    };
    match body.find(piece) {
        Some(i) if !piece.is_empty() => body_start + i,
        _ => span.start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab() {
        for (s, ok) in [
            ("toll-disagreement", true),
            ("a1", true),
            ("percent-over-100", true),
            ("Toll", false),
            ("toll_disagreement", false),
            ("-toll", false),
            ("toll--x", false),
            ("", false),
            ("toll disagreement", false),
        ] {
            assert_eq!(is_kebab(s), ok, "{s}");
        }
        assert_eq!(to_kebab("TollDisagreement"), "toll-disagreement");
        assert_eq!(to_kebab("toll_disagreement "), "toll-disagreement");
        assert_eq!(to_kebab("Toll  Falls!"), "toll-falls");
    }

    #[test]
    fn summaries() {
        assert_eq!(
            doc_summary("## What it flags\nTwo tolls.\n\nMore."),
            "Two tolls."
        );
        assert_eq!(doc_summary("\n\n  First line\nsecond"), "First line");
        assert_eq!(doc_summary(""), "");
        assert_eq!(clean_doc("\n\n  x\n  y\n\n"), "  x\n  y");
    }

    #[test]
    fn similar_names() {
        let c = ["killed", "wounded", "missing", "displaced"];
        assert_eq!(similar("kiled", c), vec!["killed"]);
        assert_eq!(similar("wonded", c), vec!["wounded"]);
        assert!(similar("strikes", c).is_empty());
        assert!(similar("x", c).is_empty());
    }

    #[test]
    fn string_offsets() {
        // basic, literal and multi-line strings without escapes map directly.
        let text = "m = \"ab {x}\"";
        assert_eq!(string_offset(text, 4..12, "ab {x}", 3), 8);
        let text = "m = 'ab {x}'";
        assert_eq!(string_offset(text, 4..12, "ab {x}", 3), 8);
        let text = "m = \"\"\"\nab {x}\"\"\"";
        assert_eq!(string_offset(text, 4..17, "ab {x}", 3), 11);
        // escapes: the field is found by its written form.
        let text = "m = \"\\\"q\\\" {x}\"";
        let decoded = "\"q\" {x}";
        assert_eq!(
            &text[string_offset(text, 4..text.len(), decoded, 4)..][..3],
            "{x}"
        );
    }
}
