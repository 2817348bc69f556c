//! Loading rule packs: the embedded default packs, files and directories given by the
//! user, and packs given as strings; then the checks that need every pack at once.
//!
//! Packs load in order: the default packs (alphabetical), then each path as given
//! (a directory contributes its `*.toml` files, not recursing, sorted by name). Their
//! lexicons merge into one, in that order. A rule's concept and subject names are
//! checked against the merged lexicon, so a user pack may use the default packs'
//! concepts; a subject class needs its parent declared in the same or an earlier pack.

use super::error::RulesError;
use super::pack::{self, ParsedPack};
use super::{Location, RuleSet};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The packs compiled into the binary: file name and text.
pub const DEFAULT_PACKS: &[(&str, &str)] = &[
    (
        "casualties.toml",
        include_str!("../../rules/casualties.toml"),
    ),
    ("general.toml", include_str!("../../rules/general.toml")),
    ("military.toml", include_str!("../../rules/military.toml")),
];

/// How the embedded packs are named in positions: `<default>/casualties.toml`.
pub const DEFAULT_PREFIX: &str = "<default>/";

/// Load the default packs (unless `default_packs` is false) and every pack found at
/// `paths` (files, or directories of `*.toml`). All errors are returned, in file order.
pub fn load_rules(default_packs: bool, paths: &[PathBuf]) -> Result<RuleSet, Vec<RulesError>> {
    let mut l = Loader::new();
    if default_packs {
        l.add_defaults();
    }
    for p in paths {
        l.add_path(p);
    }
    l.finish()
}

/// Load one pack from a string, alone. `name` is the file name errors report.
pub fn load_pack_str(name: &str, text: &str) -> Result<RuleSet, Vec<RulesError>> {
    let mut l = Loader::new();
    l.add_str(name, text);
    l.finish()
}

/// Builds a [`RuleSet`] from packs added in order.
#[derive(Default)]
pub struct Loader {
    packs: Vec<ParsedPack>,
    files: Vec<String>,
    errors: Vec<RulesError>,
    /// False once a file could not be read whole: names it may declare are unknown.
    complete: bool,
}

impl Loader {
    pub fn new() -> Self {
        Loader {
            complete: true,
            ..Loader::default()
        }
    }

    /// Add the embedded default packs.
    pub fn add_defaults(&mut self) {
        for (file, text) in DEFAULT_PACKS {
            self.add_str(&format!("{DEFAULT_PREFIX}{file}"), text);
        }
    }

    /// Add a pack from its text; `name` is how errors and rules name the file.
    pub fn add_str(&mut self, name: &str, text: &str) {
        self.files.push(name.to_string());
        match pack::parse_pack(name, text, &mut self.errors) {
            Some(p) => {
                self.complete &= p.lexicon_ok;
                self.packs.push(p);
            }
            None => self.complete = false,
        }
    }

    /// Add a pack file, or every `*.toml` file of a directory (sorted by name).
    pub fn add_path(&mut self, path: &Path) {
        let shown = path.display().to_string();
        if path.is_dir() {
            let entries = match std::fs::read_dir(path) {
                Ok(rd) => rd,
                Err(e) => return self.unreadable(&shown, &e.to_string()),
            };
            let mut files: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            if files.is_empty() {
                self.complete = false;
                self.files.push(shown.clone());
                self.errors.push(RulesError::file(
                    &shown,
                    "no .toml rules packs in this directory",
                    Some("give a directory holding *.toml packs, or the pack file itself".into()),
                ));
            }
            for f in files {
                self.add_file(&f);
            }
        } else {
            self.add_file(path);
        }
    }

    fn add_file(&mut self, path: &Path) {
        let shown = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => return self.unreadable(&shown, &e.to_string()),
        };
        match String::from_utf8(bytes) {
            Ok(text) => self.add_str(&shown, &text),
            Err(e) => {
                let good = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let text = String::from_utf8_lossy(bytes.get(..good).unwrap_or_default());
                let loc = super::error::Source::new(&shown, &text).loc(good);
                self.complete = false;
                self.files.push(shown.clone());
                self.errors.push(RulesError::at(
                    &loc,
                    "the file is not valid UTF-8",
                    Some("save the pack as UTF-8 text".into()),
                ));
            }
        }
    }

    fn unreadable(&mut self, shown: &str, why: &str) {
        self.complete = false;
        self.files.push(shown.to_string());
        self.errors.push(RulesError::file(
            shown,
            format!("cannot read rules: {why}"),
            Some("check the path given with --rules".into()),
        ));
    }

    /// Merge the packs' lexicons, check names and ids across packs, and return the set
    /// or every error found.
    pub fn finish(self) -> Result<RuleSet, Vec<RulesError>> {
        let Loader {
            packs,
            files,
            mut errors,
            complete,
        } = self;
        let mut set = RuleSet::default();
        let mut pack_files: HashMap<String, String> = HashMap::new();
        let mut pending = Vec::new();
        for p in packs {
            for c in &p.concepts {
                set.lexicon.add_concept(&c.id, &c.nouns, &c.verbs);
            }
            for s in &p.subjects {
                if let Some((parent, _)) = s.path.rsplit_once('.') {
                    // An incomplete lexicon may have lost the parent to another error.
                    if complete && !set.lexicon.subjects().iter().any(|x| x == parent) {
                        errors.push(RulesError::at(
                            &s.location,
                            format!("subject `{}` has no parent class `{parent}`", s.path),
                            Some(format!(
                                "declare `{parent} = [...]` in [subjects] of this pack or of a pack loaded before it"
                            )),
                        ));
                    }
                }
                set.lexicon.add_subject(&s.path, &s.words);
            }
            for (id, aliases) in &p.places {
                set.lexicon.add_place(id, aliases);
            }
            if let Some(first) = pack_files.get(&p.info.name) {
                errors.push(RulesError::at(
                    &p.name_location,
                    format!("pack `{}` is already loaded from {first}", p.info.name),
                    Some(
                        "give this pack another name (use --no-default-rules to replace the built-in packs)"
                            .into(),
                    ),
                ));
                continue;
            }
            pack_files.insert(p.info.name.clone(), p.info.file.clone());
            pending.extend(p.rules);
            set.packs.push(p.info);
        }

        let concepts: Vec<&str> = set.lexicon.concepts().iter().map(String::as_str).collect();
        let subjects: Vec<&str> = set.lexicon.subjects().iter().map(String::as_str).collect();
        let mut seen: HashMap<String, Location> = HashMap::new();
        let mut rules = Vec::with_capacity(pending.len());
        for r in pending {
            let mut ok = true;
            // Without every pack's lexicon, a missing name may only be a consequence of
            // an earlier error.
            if complete {
                for (c, loc) in &r.concepts {
                    if !set.lexicon.has_concept(c) {
                        ok = false;
                        errors.push(RulesError::at(
                            loc,
                            format!("unknown concept `{c}`"),
                            Some(names_hint(c, "known concepts", &concepts, "[concepts]")),
                        ));
                    }
                }
                for (s, loc) in &r.subjects {
                    if !set.lexicon.has_subject(s) {
                        ok = false;
                        errors.push(RulesError::at(
                            loc,
                            format!("unknown subject `{s}`"),
                            Some(names_hint(s, "known subjects", &subjects, "[subjects]")),
                        ));
                    }
                }
            }
            if let Some((id, loc)) = r.id {
                if let Some(first) = seen.get(&id) {
                    errors.push(RulesError::at(
                        &loc,
                        format!(
                            "duplicate rule id `{id}` (first at {}:{}:{})",
                            first.file, first.line, first.column
                        ),
                        Some("rule ids must be unique within a pack; rename one".into()),
                    ));
                    continue;
                }
                seen.insert(id, loc);
            }
            if let Some(rule) = r.rule.filter(|_| ok) {
                rules.push(rule);
            }
        }
        set.rules = rules;

        if errors.is_empty() {
            Ok(set)
        } else {
            let order: HashMap<&str, usize> = files
                .iter()
                .enumerate()
                .rev()
                .map(|(i, f)| (f.as_str(), i))
                .collect();
            errors.sort_by_key(|e| (order.get(e.file.as_str()).copied(), e.line, e.column));
            errors.dedup();
            Err(errors)
        }
    }
}

fn names_hint(name: &str, what: &str, known: &[&str], table: &str) -> String {
    let close = pack::similar(name, known.iter().copied());
    let mut sorted = known.to_vec();
    sorted.sort_unstable();
    let list = if sorted.is_empty() {
        "none".to_string()
    } else {
        sorted.join(", ")
    };
    match close.first() {
        Some(c) => format!("did you mean `{c}`? {what}: {list}"),
        None => format!("declare it in {table} of a pack, or use one of the {what}: {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{CheckKind, FindError, Scope, Severity};

    const GOOD: &str = r#"[pack]
name = "demo"
description = "A small pack"

[concepts.killed]
nouns = ["deaths", "dead"]
verbs = ["kill"]

[subjects]
people = ["people"]
"people.civilians" = ["civilians"]

[places]
kobani = ["Kobane"]

[[rule]]
id = "toll-disagreement"
kind = "disagreement"
severity = "error"
concepts = ["killed"]
subjects = ["people.civilians"]
window = "3d"
tolerance = "10% or 5"
message = "{a.source} says {a.text}, {b.source} says {b.text}"
doc = """
## What it flags
Two tolls that cannot both be true.
"""
[[rule.example]]
flag = ["A bomb killed 16 people in Hasaka on Tuesday.", "A bomb killed 40 people in Hasaka on Tuesday."]
[[rule.example]]
pass = ["A bomb killed 16 people in Hasaka on Tuesday."]
"#;

    /// The `file:line:column: message` of each error, for exact assertions.
    fn errs(text: &str) -> Vec<String> {
        match load_pack_str("t.toml", text) {
            Ok(_) => vec![],
            Err(es) => es
                .iter()
                .map(|e| format!("{}:{}:{}: {}", e.file, e.line, e.column, e.message))
                .collect(),
        }
    }

    fn one_err(text: &str) -> RulesError {
        let es = load_pack_str("t.toml", text).expect_err("the pack should fail");
        assert_eq!(es.len(), 1, "{es:#?}");
        es.into_iter().next().expect("one error")
    }

    /// The good pack with `from` replaced by `to`.
    fn edit(from: &str, to: &str) -> String {
        assert!(GOOD.contains(from), "{from}");
        GOOD.replacen(from, to, 1)
    }

    #[test]
    fn loads_a_good_pack() {
        let set = load_pack_str("t.toml", GOOD).expect("loads");
        assert_eq!(set.packs.len(), 1);
        assert_eq!(set.packs[0].name, "demo");
        assert_eq!(set.packs[0].description, "A small pack");
        let r = &set.rules[0];
        assert_eq!(r.id, "demo/toll-disagreement");
        assert_eq!(r.kind, CheckKind::Disagreement);
        assert_eq!(r.severity, Severity::Error);
        assert_eq!(r.scope, Scope::Event);
        assert_eq!(r.window_days, 3);
        assert!((r.tolerance.rel - 0.1).abs() < 1e-12 && r.tolerance.abs == 5.0);
        assert!(r.revisions);
        assert_eq!(r.description, "Two tolls that cannot both be true.");
        assert!(r.doc.starts_with("## What it flags"));
        assert_eq!(r.examples.len(), 2);
        assert!(r.examples[0].flag && !r.examples[1].flag);
        assert_eq!(r.examples[0].texts.len(), 2);
        assert_eq!(
            (r.examples[1].location.line, r.examples[1].location.column),
            (31, 1)
        );
        assert_eq!(
            (r.location.file.as_str(), r.location.line, r.location.column),
            ("t.toml", 17, 1)
        );
        assert_eq!(set.lexicon.concept_of_noun("death"), Some("killed"));
        assert_eq!(set.lexicon.subject_of("civilian"), Some("people.civilians"));
        assert_eq!(set.lexicon.place_of("kobane"), Some("kobani"));
    }

    #[test]
    fn defaults_per_kind() {
        let text = r#"[pack]
name = "d"
[[rule]]
id = "a"
kind = "sum"
description = "x"
[[rule]]
id = "b"
kind = "trend"
doc = "First line.\nSecond."
"#;
        let set = load_pack_str("t.toml", text).expect("loads");
        let (a, b) = (&set.rules[0], &set.rules[1]);
        assert_eq!(a.scope, Scope::Document);
        assert_eq!(a.severity, Severity::Warning);
        assert_eq!(a.window_days, 0);
        assert!(!a.revisions);
        assert!(a.kinds.is_empty() && a.concepts.is_empty());
        assert!(a.message.contains("{parts}"));
        assert_eq!(b.scope, Scope::Event);
        assert_eq!(b.description, "First line.");
    }

    #[test]
    fn syntax_error_position() {
        let e = one_err("[pack]\nname = \"x\n");
        assert_eq!((e.line, e.column), (2, 10), "{e}");
        assert!(e.message.starts_with("invalid TOML"), "{e}");
        let e = one_err("[pack]\nname = x\n");
        assert_eq!((e.line, e.column), (2, 8), "{e}");
    }

    #[test]
    fn unknown_keys_all_reported() {
        let text = edit("window = \"3d\"", "windw = \"3d\"\nsevrity = \"x\"");
        assert_eq!(
            errs(&text),
            [
                "t.toml:22:1: unknown key `windw` in [[rule]]",
                "t.toml:23:1: unknown key `sevrity` in [[rule]]",
            ]
        );
        // A misspelt key does not hide the rule's other mistakes.
        let text = edit("window = \"3d\"", "windw = \"3d\"").replacen("\"error\"", "\"fatal\"", 1);
        assert_eq!(
            errs(&text),
            [
                "t.toml:19:12: unknown severity `fatal`",
                "t.toml:22:1: unknown key `windw` in [[rule]]",
            ]
        );
        let e = one_err(&edit("window = \"3d\"", "windw = \"3d\""));
        let hint = e.hint.unwrap_or_default();
        assert!(
            hint.starts_with("did you mean `window`? allowed keys: id, kind"),
            "{hint}"
        );
        assert_eq!(
            errs(&edit("[places]", "[place]")),
            ["t.toml:13:2: unknown key `place` at the top level of a pack"]
        );
        assert_eq!(
            errs(&edit("verbs = [\"kill\"]", "verb = [\"kill\"]")),
            ["t.toml:7:1: unknown key `verb` in concept `killed`"]
        );
        assert_eq!(
            errs(&edit("pass = [", "passes = [")),
            ["t.toml:32:1: unknown key `passes` in [[rule.example]]"]
        );
    }

    #[test]
    fn wrong_types() {
        let e = one_err(&edit("window = \"3d\"", "window = 3"));
        assert_eq!((e.line, e.column), (22, 10));
        assert!(e.message.contains("expected a string"), "{e}");
        assert!(e.hint.unwrap_or_default().contains("window = \"2d\""));
        let e = one_err(&edit("concepts = [\"killed\"]", "concepts = \"killed\""));
        assert_eq!((e.line, e.column), (20, 12), "{e}");
        let e = one_err(&edit("flag = [\"A bomb", "flag = [3, \"A bomb"));
        assert_eq!((e.line, e.column), (30, 9), "{e}");
        assert!(e.hint.unwrap_or_default().contains("[[rule.example]]"));
        assert_eq!(
            errs(&edit("people = [\"people\"]", "people = \"people\"")),
            ["t.toml:10:10: invalid type: string \"people\", expected a sequence"]
        );
    }

    #[test]
    fn unknown_kind_severity_scope() {
        let e = one_err(&edit("kind = \"disagreement\"", "kind = \"disagrement\""));
        assert_eq!((e.line, e.column), (18, 8));
        assert_eq!(e.message, "unknown check kind `disagrement`");
        assert_eq!(
            e.hint.as_deref(),
            Some(
                "did you mean `disagreement`? kinds: disagreement, inconsistency, part-whole, sum, bounds, trend, attribution"
            )
        );
        assert_eq!(
            errs(&edit("severity = \"error\"", "severity = \"fatal\"")),
            ["t.toml:19:12: unknown severity `fatal`"]
        );
        assert_eq!(
            errs(&edit("window = \"3d\"", "scope = \"document\"")),
            ["t.toml:22:9: scope \"document\" does not fit a `disagreement` rule"]
        );
        assert_eq!(
            errs(&edit("window = \"3d\"", "scope = \"article\"")),
            ["t.toml:22:9: unknown scope `article`"]
        );
        assert_eq!(
            errs(&edit(
                "window = \"3d\"",
                "kinds = [\"count\", \"percentage\"]"
            )),
            ["t.toml:22:19: unknown claim kind `percentage`"]
        );
    }

    #[test]
    fn unknown_concept_and_subject() {
        let e = one_err(&edit(
            "concepts = [\"killed\"]",
            "concepts = [\"killed\", \"kiled\"]",
        ));
        assert_eq!((e.line, e.column), (20, 23));
        assert_eq!(e.message, "unknown concept `kiled`");
        assert_eq!(
            e.hint.as_deref(),
            Some("did you mean `killed`? known concepts: killed")
        );
        let e = one_err(&edit(
            "subjects = [\"people.civilians\"]",
            "subjects = [\"people.civilian\"]",
        ));
        assert_eq!((e.line, e.column), (21, 13));
        assert!(e.hint.unwrap_or_default().contains("`people.civilians`"));
        // A parent path is known through its children.
        assert!(
            errs(&edit(
                "subjects = [\"people.civilians\"]",
                "subjects = [\"people\"]"
            ))
            .is_empty()
        );
    }

    #[test]
    fn subject_parents() {
        assert_eq!(
            errs(&edit("people = [\"people\"]\n", "")),
            ["t.toml:10:1: subject `people.civilians` has no parent class `people`"]
        );
        // Parents may come from an earlier pack, not a later one.
        let base = "[pack]\nname = \"base\"\n[subjects]\npeople = [\"people\"]\n";
        let child = "[pack]\nname = \"child\"\n[subjects]\n\"people.children\" = [\"children\"]\n";
        let mut l = Loader::new();
        l.add_str("base.toml", base);
        l.add_str("child.toml", child);
        let set = l.finish().expect("parent in an earlier pack");
        assert_eq!(set.lexicon.subject_of("children"), Some("people.children"));
        let mut l = Loader::new();
        l.add_str("child.toml", child);
        l.add_str("base.toml", base);
        let es = l.finish().expect_err("parent in a later pack");
        assert_eq!(es.len(), 1);
        assert_eq!(
            (es[0].file.as_str(), es[0].line, es[0].column),
            ("child.toml", 4, 1)
        );
        // Within a pack, order does not matter.
        let text =
            "[pack]\nname = \"p\"\n[subjects]\n\"people.x\" = [\"xs\"]\npeople = [\"people\"]\n";
        assert!(errs(text).is_empty());
    }

    #[test]
    fn lexicon_merges_across_packs() {
        let a = "[pack]\nname = \"a\"\n[concepts.killed]\nnouns = [\"deaths\"]\n[places]\nraqqa = [\"Rakka\"]\n";
        let b = r#"[pack]
name = "b"
[concepts.killed]
verbs = ["slay"]
[concepts.strikes]
nouns = ["air strikes"]
[[rule]]
id = "uses-both"
kind = "disagreement"
concepts = ["killed", "strikes"]
description = "x"
"#;
        let mut l = Loader::new();
        l.add_str("a.toml", a);
        l.add_str("b.toml", b);
        let set = l.finish().expect("merges");
        assert_eq!(set.lexicon.concept_of_noun("deaths"), Some("killed"));
        assert_eq!(set.lexicon.concept_of_verb("slay"), Some("killed"));
        assert_eq!(set.lexicon.concept_of_noun("air strike"), Some("strikes"));
        assert_eq!(set.lexicon.place_of("rakka"), Some("raqqa"));
        assert_eq!(set.lexicon.concepts(), ["killed", "strikes"]);
        assert_eq!(set.rules[0].id, "b/uses-both");
        // A pack may use another pack's concepts, but only when that pack is loaded.
        let c = "[pack]\nname = \"c\"\n[[rule]]\nid = \"r\"\nkind = \"trend\"\nconcepts = [\"strikes\"]\ndescription = \"x\"\n";
        let mut l = Loader::new();
        l.add_str("b.toml", b);
        l.add_str("c.toml", c);
        assert!(l.finish().is_ok());
        let es = load_pack_str("c.toml", c).expect_err("strikes is not declared");
        assert_eq!(
            es[0].to_string().lines().next(),
            Some("c.toml:6:13: error: unknown concept `strikes`")
        );
    }

    proptest::proptest! {
        /// Any edit of a good pack loads or fails with positions inside the file; it
        /// never panics.
        #[test]
        fn edits_never_panic(at in 0usize..2000, cut in 0usize..8, insert in "[\\[\\]{}\"'=.,#\n a-z0-9é%-]{0,6}") {
            let mut text = GOOD.to_string();
            let mut start = at % text.len();
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + cut).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(start..end, &insert);
            let lines = u32::try_from(text.lines().count()).unwrap_or(u32::MAX) + 1;
            if let Err(es) = load_pack_str("t.toml", &text) {
                proptest::prop_assert!(!es.is_empty());
                for e in es {
                    proptest::prop_assert!(e.line >= 1 && e.line <= lines, "{}", e);
                    proptest::prop_assert!(e.column >= 1, "{}", e);
                }
            }
        }

        #[test]
        fn any_text_never_panics(text in "\\PC{0,200}") {
            let _ = load_pack_str("t.toml", &text);
        }
    }

    #[test]
    fn find_by_id_or_name() {
        let mut l = Loader::new();
        l.add_str("a.toml", GOOD);
        l.add_str(
            "b.toml",
            &GOOD.replace("name = \"demo\"", "name = \"other\""),
        );
        let set = l.finish().expect("loads");
        assert_eq!(
            set.find("demo/toll-disagreement").map(|r| r.pack.as_str()),
            Ok("demo")
        );
        assert_eq!(
            set.find("toll-disagreement").map(|r| r.id.as_str()),
            Err(FindError::Ambiguous(vec![
                "demo/toll-disagreement".into(),
                "other/toll-disagreement".into()
            ]))
        );
        let set = load_pack_str("a.toml", GOOD).expect("loads");
        assert_eq!(
            set.find("toll-disagreement").map(|r| r.id.as_str()),
            Ok("demo/toll-disagreement")
        );
        assert_eq!(
            set.find("toll-disagrement").map(|r| r.id.as_str()),
            Err(FindError::Unknown {
                similar: vec!["demo/toll-disagreement".into()]
            })
        );
        assert_eq!(
            set.find("demo/tol-disagreement").map(|r| r.id.as_str()),
            Err(FindError::Unknown {
                similar: vec!["demo/toll-disagreement".into()]
            })
        );
        assert_eq!(
            set.find("toll").map(|r| r.id.as_str()),
            Err(FindError::Unknown {
                similar: vec!["demo/toll-disagreement".into()]
            })
        );
        assert_eq!(
            set.find("zzz").map(|r| r.id.as_str()),
            Err(FindError::Unknown { similar: vec![] })
        );
    }

    #[test]
    fn default_packs_load() {
        let set = load_rules(true, &[]).unwrap_or_else(|es| {
            panic!(
                "{}",
                es.iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        let names: Vec<&str> = set.packs.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["casualties", "general", "military"]);
        assert_eq!(set.packs[0].file, "<default>/casualties.toml");
        for c in [
            "killed",
            "wounded",
            "missing",
            "displaced",
            "arrested",
            "evacuated",
            "surrendered",
            "strikes",
            "positions",
            "vehicles",
            "buildings",
        ] {
            assert!(set.lexicon.has_concept(c), "{c}");
        }
        assert_eq!(set.lexicon.subject_of("militants"), Some("people.fighters"));
        assert_eq!(
            set.lexicon.subject_of("child"),
            Some("people.civilians.children")
        );
        assert_eq!(set.lexicon.concept_of_noun("death toll"), Some("killed"));
        assert_eq!(set.lexicon.concept_of_noun("casualties"), None);
        assert_eq!(set.lexicon.concept_of_noun("air strike"), Some("strikes"));
        assert_eq!(
            set.lexicon.concept_of_verb("claim the lives of"),
            Some("killed")
        );
        assert_eq!(
            set.lexicon.place_of("Ain al-Arab"),
            Some("syria.aleppo.kobani")
        );
        assert_eq!(
            set.lexicon.place_of("Deir al-Zour"),
            Some("syria.deir-ez-zor")
        );
        let r = set.get("casualties/toll-disagreement").expect("toll rule");
        assert_eq!(
            (r.kind, r.severity),
            (CheckKind::Disagreement, Severity::Error)
        );
        assert_eq!((r.tolerance.rel, r.tolerance.abs), (0.0, 0.0));
        let r = set.get("general/percent-over-100").expect("percent rule");
        assert_eq!((r.min, r.max), (Some(0.0), Some(100.0)));
        assert_eq!(r.kinds, [crate::quantity::Kind::Percent]);
    }

    /// Every default rule is documented in the three sections and carries at least one
    /// example it must flag and one it must pass.
    #[test]
    fn default_rules_are_documented() {
        let set = load_rules(true, &[]).expect("default packs load");
        assert!(set.rules.len() >= 15, "{} rules", set.rules.len());
        for r in &set.rules {
            let heads: Vec<&str> = r.doc.lines().filter(|l| l.starts_with("## ")).collect();
            assert_eq!(
                heads,
                ["## What it flags", "## Why it matters", "## Example"],
                "{}",
                r.id
            );
            for section in r.doc.split("## ").skip(1) {
                let body = section.split_once('\n').map_or("", |(_, b)| b.trim());
                assert!(body.len() > 40, "{}: thin section {section:?}", r.id);
            }
            assert!(
                r.examples.iter().any(|e| e.flag),
                "{} has no flag example",
                r.id
            );
            assert!(
                r.examples.iter().any(|e| !e.flag),
                "{} has no pass example",
                r.id
            );
            for e in &r.examples {
                for t in &e.texts {
                    // A text may open with front matter (a headline, a date).
                    let t = match t.strip_prefix("---\n") {
                        Some(rest) => rest.split_once("\n---\n").map_or(rest, |(_, body)| body),
                        None => t.as_str(),
                    };
                    assert!(t.ends_with('.'), "{}: {t:?} is not a full sentence", r.id);
                    assert!(t.starts_with(char::is_uppercase), "{}: {t:?}", r.id);
                }
            }
            assert!(
                !r.description.is_empty() && r.description.len() < 110,
                "{}",
                r.id
            );
        }
    }

    #[test]
    fn duplicate_ids_and_packs() {
        let text = format!(
            "{GOOD}\n[[rule]]\nid = \"toll-disagreement\"\nkind = \"trend\"\ndescription = \"again\"\n"
        );
        assert_eq!(
            errs(&text),
            ["t.toml:35:1: duplicate rule id `demo/toll-disagreement` (first at t.toml:17:1)"]
        );
        let mut l = Loader::new();
        l.add_str("a.toml", GOOD);
        l.add_str("b.toml", GOOD);
        let es = l.finish().expect_err("same pack twice");
        assert_eq!(es.len(), 1, "{es:#?}");
        assert_eq!(
            es[0].to_string().lines().next(),
            Some("b.toml:2:8: error: pack `demo` is already loaded from a.toml")
        );
    }

    #[test]
    fn bad_tolerance_window_bounds() {
        assert_eq!(
            errs(&edit(
                "tolerance = \"10% or 5\"",
                "tolerance = \"ten percent\""
            )),
            ["t.toml:23:13: cannot read `ten percent` in tolerance `ten percent`"]
        );
        assert_eq!(
            errs(&edit("window = \"3d\"", "window = \"3 months\"")),
            ["t.toml:22:10: unknown unit `months` in window `3 months`"]
        );
        assert!(errs(&edit("tolerance = \"10% or 5\"", "tolerance = 5")).is_empty());
        assert_eq!(
            errs(&edit("tolerance = \"10% or 5\"", "tolerance = -1")),
            ["t.toml:23:13: tolerance -1 is negative"]
        );
        let bounds = "[pack]\nname = \"g\"\n[[rule]]\nid = \"pct\"\nkind = \"bounds\"\ndescription = \"x\"\nmin = 100\nmax = 0\n";
        assert_eq!(
            errs(bounds),
            ["t.toml:7:7: `min` (100) is greater than `max` (0)"]
        );
        assert_eq!(
            errs(&bounds.replace("min = 100\nmax = 0\n", "")),
            ["t.toml:3:1: bounds rule `pct` has neither `min` nor `max`"]
        );
        assert_eq!(
            errs(&edit("window = \"3d\"", "max = 100")),
            ["t.toml:22:7: `min` and `max` apply only to `bounds` rules"]
        );
        assert_eq!(
            errs(&bounds.replace("min = 100", "min = 0\nrevisions = false")),
            ["t.toml:8:13: `revisions` applies only to `disagreement` rules"]
        );
        assert_eq!(
            errs(&bounds.replace("min = 100", "min = 0\nwindow = \"2d\"")),
            ["t.toml:8:10: `window` applies only to rules with scope \"event\""]
        );
    }

    #[test]
    fn template_field_column() {
        assert_eq!(
            errs(&edit(
                "{b.source} says {b.text}\"",
                "{b.sauce} says {b.text}\""
            )),
            [
                "t.toml:24:38: unknown field `{b.sauce}`; fields are: a.source, a.text, a.quantity, a.value, a.low, a.high, a.interval, a.date, a.doc, a.line, a.column, a.sentence, a.attribution, a.place, a.unit, a.noun, a.subject, a.concept, concept, subject, event, rule, kind, place, date, parts, b.*"
            ]
        );
        // In a multi-line string, the line moves too.
        let text = edit(
            "message = \"{a.source} says {a.text}, {b.source} says {b.text}\"",
            "message = \"\"\"\n{a.source} says\n  {a.txt}\"\"\"",
        );
        let e = one_err(&text);
        assert_eq!((e.line, e.column), (26, 3), "{e}");
        // With an escape before it, the field is still found.
        let e = one_err(&edit("{a.source} says", "\\\"{a.source}\\\" {oops} says"));
        assert_eq!((e.line, e.column), (24, 27), "{e}");
    }

    #[test]
    fn bad_examples() {
        assert_eq!(
            errs(&edit(
                "pass = [\"A bomb killed 16 people in Hasaka on Tuesday.\"]",
                ""
            )),
            ["t.toml:31:1: an example has neither `flag` nor `pass`"]
        );
        assert_eq!(
            errs(&edit(
                "pass = [\"A bomb killed 16 people in Hasaka on Tuesday.\"]",
                "pass = []"
            )),
            ["t.toml:32:8: `pass` has no texts"]
        );
        assert_eq!(
            errs(&edit(
                "pass = [\"A bomb killed 16 people in Hasaka on Tuesday.\"]",
                "pass = [\"  \"]"
            )),
            ["t.toml:32:9: empty text in `pass`"]
        );
        assert_eq!(
            errs(&edit("pass = [\"A", "flag = [\"x\"]\npass = [\"A")),
            ["t.toml:33:8: an example has both `flag` and `pass`"]
        );
        assert_eq!(
            errs(&edit(
                "\"A bomb killed 16 people in Hasaka on Tuesday.\", \"A bomb killed 40",
                "\"A bomb killed 40"
            )),
            [
                "t.toml:30:8: a `disagreement` rule compares documents: a `flag` example needs at least two texts"
            ]
        );
    }

    #[test]
    fn ids_and_names() {
        assert_eq!(
            errs(&edit(
                "id = \"toll-disagreement\"",
                "id = \"Toll_Disagreement\""
            )),
            ["t.toml:17:6: rule id `Toll_Disagreement` is not kebab-case"]
        );
        let e = one_err(&edit(
            "id = \"toll-disagreement\"",
            "id = \"Toll_Disagreement\"",
        ));
        assert!(e.hint.unwrap_or_default().contains("`toll-disagreement`"));
        assert_eq!(
            errs(&edit("id = \"toll-disagreement\"\n", "")),
            ["t.toml:16:1: rule has no `id`"]
        );
        assert_eq!(
            errs(&edit("name = \"demo\"", "name = \"Demo Pack\"")),
            ["t.toml:2:8: pack name `Demo Pack` is not kebab-case"]
        );
        assert_eq!(
            errs(&edit(
                "[pack]\nname = \"demo\"\ndescription = \"A small pack\"\n",
                ""
            )),
            ["t.toml:1:1: the pack has no `[pack]` table"]
        );
        assert_eq!(
            errs(&edit("kind = \"disagreement\"\n", "")),
            ["t.toml:16:1: rule `toll-disagreement` has no `kind`"]
        );
    }

    #[test]
    fn all_errors_of_a_file_are_collected() {
        let text = edit("kind = \"disagreement\"", "kind = \"disagrement\"")
            .replacen("window = \"3d\"", "window = \"3y\"", 1)
            .replacen("concepts = [\"killed\"]", "concepts = [\"kiled\"]", 1);
        let es = errs(&text);
        assert_eq!(es.len(), 3, "{es:#?}");
        assert!(es[0].starts_with("t.toml:18:8:"));
        assert!(es[1].starts_with("t.toml:20:13:"));
        assert!(es[2].starts_with("t.toml:22:10:"));
    }

    #[test]
    fn files_and_directories() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("nope.toml");
        let es = load_rules(false, std::slice::from_ref(&missing)).expect_err("missing file");
        assert_eq!(es.len(), 1);
        assert_eq!(es[0].line, 0);
        assert!(
            es[0]
                .to_string()
                .starts_with(&format!("{}: error: cannot read rules", missing.display()))
        );
        std::fs::write(dir.path().join("b.toml"), GOOD.replace("demo", "b")).expect("write");
        std::fs::write(dir.path().join("a.toml"), GOOD.replace("demo", "a")).expect("write");
        std::fs::write(dir.path().join("notes.txt"), "not a pack").expect("write");
        let set = load_rules(false, &[dir.path().to_path_buf()]).expect("loads a directory");
        let names: Vec<&str> = set.packs.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        std::fs::write(dir.path().join("c.toml"), b"[pack]\nname = \"\xff\"\n").expect("write");
        let es = load_rules(false, &[dir.path().to_path_buf()]).expect_err("bad utf-8");
        assert_eq!((es[0].line, es[0].column), (2, 9));
    }
}
