//! `recount.toml`: project settings, found by walking up from the working directory.
//!
//! Every key is optional; a key the file does not know is an error that names its line
//! and column, so that a typo never silently turns a setting off.
//!
//! ```toml
//! rules = ["rules/local.toml"]          # more rules packs, relative to this file
//! default_rules = true                  # false: only the packs of `rules`
//! disable = ["military/strikes-disagreement", "general"]   # rule ids or whole packs
//! fail_on = "warning"                   # error | warning | info | never
//! min_severity = "info"                 # the display floor: error | warning | info
//! ignore = ["0a41cfa1bd32e8a8"]         # fingerprints of accepted findings
//! date_order = "dmy"                    # how to read 4/5/2017: dmy | mdy
//!
//! [severity]                            # per-rule severity
//! "casualties/toll-disagreement" = "warning"
//!
//! [vague]                               # intervals of vague amounts
//! dozens = [12, 99]
//!
//! [places]                              # place aliases
//! kobani = ["Kobani", "Kobane", "Ain al-Arab"]
//!
//! [concepts.killed]                     # more words for a known concept
//! nouns = ["martyrs"]
//! verbs = ["slay"]
//!
//! [subjects]                            # more words for a subject class
//! "people.civilians" = ["villagers"]
//!
//! [columns]                             # corpus columns by name
//! text = "body"
//! source = "outlet"
//! ```
//!
//! Each value remembers where it came from ([`Origin`]): a default, a line of the
//! file, or a command-line flag, which always wins over the file.
//!
//! Vague amounts: an override gives the interval of claims whose quantity phrase is
//! that amount and nothing else ("dozens", "several hundred"); combined forms keep
//! the built-in reading ("more than a dozen", and "several dozen" unless it is named
//! itself).

use crate::claim::Claim;
use crate::corpus::{ColumnMap, LoadOptions};
use crate::date::DateOrder;
use crate::extract::Extractor;
use crate::lexicon::Lexicon;
use crate::quantity::Qualifier;
use crate::rules::error::Source;
use crate::rules::pack::similar;
use crate::rules::{Location, RuleSet, Severity};
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The name of the settings file.
pub const FILE_NAME: &str = "recount.toml";

const TOP_KEYS: &[&str] = &[
    "rules",
    "default_rules",
    "disable",
    "severity",
    "fail_on",
    "min_severity",
    "ignore",
    "date_order",
    "vague",
    "places",
    "concepts",
    "subjects",
    "columns",
];
const CONCEPT_KEYS: &[&str] = &["nouns", "verbs"];
/// Corpus column keys, in the order they are shown.
pub const COLUMN_KEYS: &[&str] = &[
    "text", "source", "date", "place", "title", "id", "event", "url",
];

/// Where a setting's value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Default,
    /// A line of a settings file.
    File(Location),
    /// A command-line flag (`--fail-on`).
    Flag(String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(l) => write!(f, "{}:{}:{}", l.file, l.line, l.column),
            Origin::Flag(flag) => write!(f, "flag {flag}"),
        }
    }
}

/// A value and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Setting<T> {
    pub fn default(value: T) -> Self {
        Setting {
            value,
            origin: Origin::Default,
        }
    }

    pub fn flag(value: T, flag: &str) -> Self {
        Setting {
            value,
            origin: Origin::Flag(flag.to_string()),
        }
    }
}

/// The lowest severity that fails a run, or never.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// The lowest failing severity; None for `never`.
    pub fn floor(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Info => "info",
            FailOn::Never => "never",
        }
    }

    /// Whether a finding of this severity fails the run.
    pub fn fails(self, s: Severity) -> bool {
        self.floor().is_some_and(|floor| s >= floor)
    }
}

fn parse_severity(s: &str) -> Option<Severity> {
    match s {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

/// A rule's severity as the project wants it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeverityOverride {
    pub rule: String,
    pub severity: Severity,
}

/// The interval a vague amount stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct VagueOverride {
    /// The amount as written, lowercase, single-spaced: "dozens", "several hundred".
    pub phrase: String,
    pub low: f64,
    pub high: f64,
}

/// A name with words: a place with its aliases, a subject class with its words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Words {
    pub name: String,
    pub words: Vec<String>,
}

/// More nouns and verbs for a concept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConceptWords {
    pub name: String,
    pub nouns: Vec<String>,
    pub verbs: Vec<String>,
}

/// Corpus column names (`None`: found by common names).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Columns {
    pub text: Option<Setting<String>>,
    pub source: Option<Setting<String>>,
    pub date: Option<Setting<String>>,
    pub place: Option<Setting<String>>,
    pub title: Option<Setting<String>>,
    pub id: Option<Setting<String>>,
    pub event: Option<Setting<String>>,
    pub url: Option<Setting<String>>,
}

impl Columns {
    /// The slot of a column key of [`COLUMN_KEYS`].
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Option<Setting<String>>> {
        Some(match key {
            "text" => &mut self.text,
            "source" => &mut self.source,
            "date" => &mut self.date,
            "place" => &mut self.place,
            "title" => &mut self.title,
            "id" => &mut self.id,
            "event" => &mut self.event,
            "url" => &mut self.url,
            _ => return None,
        })
    }

    /// Every column key with its setting, in [`COLUMN_KEYS`] order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Option<Setting<String>>)> {
        [
            ("text", &self.text),
            ("source", &self.source),
            ("date", &self.date),
            ("place", &self.place),
            ("title", &self.title),
            ("id", &self.id),
            ("event", &self.event),
            ("url", &self.url),
        ]
        .into_iter()
    }
}

/// The settings in force.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The settings file read, as shown in positions; None when none was.
    pub file: Option<String>,
    /// Rules packs to add, resolved against the settings file's directory.
    pub rules: Vec<Setting<PathBuf>>,
    pub default_rules: Setting<bool>,
    /// Rule ids (`pack/rule`) or pack names not to run.
    pub disable: Vec<Setting<String>>,
    pub severity: Vec<Setting<SeverityOverride>>,
    pub fail_on: Setting<FailOn>,
    /// Findings below this severity are not shown.
    pub min_severity: Setting<Severity>,
    /// Fingerprints of findings not to report.
    pub ignore: Vec<Setting<String>>,
    pub date_order: Option<Setting<DateOrder>>,
    pub vague: Vec<Setting<VagueOverride>>,
    pub places: Vec<Setting<Words>>,
    pub concepts: Vec<Setting<ConceptWords>>,
    pub subjects: Vec<Setting<Words>>,
    pub columns: Columns,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            rules: Vec::new(),
            default_rules: Setting::default(true),
            disable: Vec::new(),
            severity: Vec::new(),
            fail_on: Setting::default(FailOn::Error),
            min_severity: Setting::default(Severity::Info),
            ignore: Vec::new(),
            date_order: None,
            vague: Vec::new(),
            places: Vec::new(),
            concepts: Vec::new(),
            subjects: Vec::new(),
            columns: Columns::default(),
        }
    }
}

/// A mistake in a settings file, or a setting that does not fit the rules in use:
/// the same positioned error as a rules file's (`file:line:column: error: ...` and a
/// hint). `line` and `column` are 1-based; both are 0 when the error concerns the
/// whole file.
pub type ConfigError = crate::rules::RulesError;

/// The settings file for a run started in `dir`: `recount.toml` in `dir` or the
/// nearest directory above it. The path is relative (`recount.toml`,
/// `../../recount.toml`) when `dir` is the working directory given as `.`.
pub fn find(dir: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(dir).ok()?;
    let mut rel = dir.to_path_buf();
    for d in abs.ancestors() {
        if d.join(FILE_NAME).is_file() {
            let p = rel.join(FILE_NAME);
            return Some(p.strip_prefix(".").map(Path::to_path_buf).unwrap_or(p));
        }
        rel.push("..");
    }
    None
}

/// Read a settings file. Rules paths in it are resolved against its directory.
pub fn load(path: &Path) -> Result<Config, Vec<ConfigError>> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| vec![ConfigError::file(&shown, format!("cannot read: {e}"), None)])?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let text = String::from_utf8_lossy(bytes.get(..good).unwrap_or_default()).into_owned();
        let loc = Source::new(&shown, &text).loc(good);
        vec![ConfigError::at(
            &loc,
            "the file is not valid UTF-8",
            Some("save it as UTF-8 text".into()),
        )]
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    parse(&shown, base, &text)
}

/// Read settings from text; `file` names it in positions, `base` is the directory
/// rules paths are relative to.
pub fn parse(file: &str, base: &Path, text: &str) -> Result<Config, Vec<ConfigError>> {
    let src = Source::new(file, text);
    let (root, syntax) = DeTable::parse_recoverable(text);
    if let Some(e) = syntax
        .iter()
        .min_by_key(|e| e.span().map_or(0, |s| s.start))
    {
        let at = e.span().map_or(0, |s| s.start);
        return Err(vec![ConfigError::at(
            &src.loc(at),
            format!("invalid TOML: {}", e.message().trim_end()),
            Some("fix the TOML syntax here (see https://toml.io)".into()),
        )]);
    }
    let root = root.into_inner();
    let mut p = Parser {
        src: &src,
        base,
        errs: Vec::new(),
        cfg: Config {
            file: Some(file.to_string()),
            ..Config::default()
        },
    };
    for (k, v) in ordered(&root) {
        p.top(k, v);
    }
    if p.errs.is_empty() {
        Ok(p.cfg)
    } else {
        Err(p.errs)
    }
}

fn hint_choices(name: &str, what: &str, choices: &[&str]) -> String {
    let list = choices.join(", ");
    match similar(name, choices.iter().copied()).first() {
        Some(c) => format!("did you mean `{c}`? {what}: {list}"),
        None => format!("{what}: {list}"),
    }
}

fn key_hint(key: &str) -> &'static str {
    match key {
        "rules" => "write a list of paths: `rules = [\"rules/local.toml\"]`",
        "default_rules" => "write `default_rules = true` or `default_rules = false`",
        "disable" => {
            "write a list of rule ids or pack names: `disable = [\"general/percent-over-100\"]`"
        }
        "severity" => {
            "write `[severity]` then lines like `\"casualties/toll-disagreement\" = \"warning\"`"
        }
        "fail_on" => "write `fail_on = \"error\"` (or warning, info, never)",
        "min_severity" => "write `min_severity = \"info\"` (or warning, error)",
        "ignore" => "write a list of finding fingerprints: `ignore = [\"0a41cfa1bd32e8a8\"]`",
        "date_order" => "write `date_order = \"dmy\"` or `date_order = \"mdy\"`",
        "vague" => "write `[vague]` then lines like `dozens = [12, 99]`",
        "places" => "write `[places]` then lines like `kobani = [\"Kobani\", \"Kobane\"]`",
        "concepts" => {
            "write `[concepts.killed]` then `nouns = [\"martyrs\"]` or `verbs = [\"slay\"]`"
        }
        "subjects" => "write `[subjects]` then lines like `\"people.civilians\" = [\"villagers\"]`",
        "columns" => "write `[columns]` then lines like `text = \"body\"`",
        _ => "check the value's type",
    }
}

struct Parser<'s> {
    src: &'s Source<'s>,
    base: &'s Path,
    errs: Vec<ConfigError>,
    cfg: Config,
}

type Key<'i> = Spanned<std::borrow::Cow<'i, str>>;
type Val<'i> = Spanned<DeValue<'i>>;

/// A table's entries in the order the file writes them (the parsed map is sorted by
/// key), so that settings and errors follow the file.
fn ordered<'a, 'i>(t: &'a DeTable<'i>) -> Vec<(&'a Key<'i>, &'a Val<'i>)> {
    let mut v: Vec<_> = t.iter().collect();
    v.sort_by_key(|(k, _)| k.span().start);
    v
}

impl Parser<'_> {
    fn loc(&self, at: usize) -> Location {
        self.src.loc(at)
    }

    fn origin(&self, at: usize) -> Origin {
        Origin::File(self.loc(at))
    }

    fn err(&mut self, at: usize, msg: impl Into<String>, hint: impl Into<String>) {
        let e = ConfigError::at(&self.loc(at), msg, Some(hint.into()));
        self.errs.push(e);
    }

    fn expected(&mut self, v: &Val<'_>, what: &str, key: &str) {
        let got = v.get_ref().type_str();
        self.err(
            v.span().start,
            format!("`{key}` must be {what}, not {got}"),
            key_hint(key.split('.').next().unwrap_or(key)),
        );
    }

    fn string(&mut self, v: &Val<'_>, key: &str) -> Option<String> {
        match v.get_ref().as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                self.expected(v, "a string", key);
                None
            }
        }
    }

    /// A list of strings, each with its offset.
    fn strings(&mut self, v: &Val<'_>, key: &str) -> Vec<(String, usize)> {
        let Some(items) = v.get_ref().as_array() else {
            self.expected(v, "a list of strings", key);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            if let Some(s) = self.string(item, key) {
                out.push((s, item.span().start));
            }
        }
        out
    }

    fn table<'a, 'i>(&mut self, v: &'a Val<'i>, key: &str) -> Option<&'a DeTable<'i>> {
        let t = v.get_ref().as_table();
        if t.is_none() {
            self.expected(v, "a table", key);
        }
        t
    }

    fn number(&mut self, v: &Val<'_>, key: &str) -> Option<f64> {
        let n = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => None,
        };
        match n {
            Some(n) if n.is_finite() && n >= 0.0 => Some(n),
            Some(_) => {
                self.err(
                    v.span().start,
                    format!("`{key}` must be a number of 0 or more"),
                    key_hint("vague"),
                );
                None
            }
            None => {
                self.expected(v, "a number", key);
                None
            }
        }
    }

    fn top(&mut self, k: &Key<'_>, v: &Val<'_>) {
        let key: &str = k.get_ref();
        let at = k.span().start;
        match key {
            "rules" => {
                for (s, off) in self.strings(v, key) {
                    let path = self.base.join(&s);
                    if !path.exists() {
                        self.err(
                            off,
                            format!("no rules file or directory at `{}`", path.display()),
                            "rules paths are relative to the directory of recount.toml",
                        );
                        continue;
                    }
                    let origin = self.origin(off);
                    self.cfg.rules.push(Setting {
                        value: path,
                        origin,
                    });
                }
            }
            "default_rules" => match v.get_ref().as_bool() {
                Some(b) => {
                    self.cfg.default_rules = Setting {
                        value: b,
                        origin: self.origin(at),
                    }
                }
                None => self.expected(v, "true or false", key),
            },
            "disable" => {
                for (s, off) in self.strings(v, key) {
                    let origin = self.origin(off);
                    self.cfg.disable.push(Setting { value: s, origin });
                }
            }
            "ignore" => {
                for (s, off) in self.strings(v, key) {
                    if !crate::baseline::is_fingerprint(&s) {
                        self.err(
                            off,
                            format!("`{s}` is not a finding fingerprint"),
                            "a fingerprint is 16 hexadecimal digits, as `--format json` and baselines show them",
                        );
                        continue;
                    }
                    let origin = self.origin(off);
                    self.cfg.ignore.push(Setting { value: s, origin });
                }
            }
            "fail_on" => {
                let Some(s) = self.string(v, key) else { return };
                let value = match s.as_str() {
                    "error" => FailOn::Error,
                    "warning" => FailOn::Warning,
                    "info" => FailOn::Info,
                    "never" => FailOn::Never,
                    _ => {
                        let hint = hint_choices(
                            &s,
                            "allowed values",
                            &["error", "warning", "info", "never"],
                        );
                        return self.err(
                            v.span().start,
                            format!("unknown fail_on value `{s}`"),
                            hint,
                        );
                    }
                };
                self.cfg.fail_on = Setting {
                    value,
                    origin: self.origin(at),
                };
            }
            "min_severity" => {
                let Some(s) = self.string(v, key) else { return };
                let Some(value) = parse_severity(&s) else {
                    let hint = hint_choices(&s, "allowed values", &["error", "warning", "info"]);
                    return self.err(v.span().start, format!("unknown severity `{s}`"), hint);
                };
                self.cfg.min_severity = Setting {
                    value,
                    origin: self.origin(at),
                };
            }
            "date_order" => {
                let Some(s) = self.string(v, key) else { return };
                let value = match s.as_str() {
                    "dmy" => DateOrder::Dmy,
                    "mdy" => DateOrder::Mdy,
                    _ => {
                        let hint = hint_choices(&s, "allowed values", &["dmy", "mdy"]);
                        return self.err(v.span().start, format!("unknown date order `{s}`"), hint);
                    }
                };
                self.cfg.date_order = Some(Setting {
                    value,
                    origin: self.origin(at),
                });
            }
            "severity" => {
                let Some(t) = self.table(v, key) else { return };
                for (rk, rv) in ordered(t) {
                    let rule: &str = rk.get_ref();
                    let Some(s) = self.string(rv, &format!("severity.{rule}")) else {
                        continue;
                    };
                    let Some(severity) = parse_severity(&s) else {
                        let hint =
                            hint_choices(&s, "allowed values", &["error", "warning", "info"]);
                        self.err(rv.span().start, format!("unknown severity `{s}`"), hint);
                        continue;
                    };
                    let origin = self.origin(rk.span().start);
                    self.cfg.severity.push(Setting {
                        value: SeverityOverride {
                            rule: rule.to_string(),
                            severity,
                        },
                        origin,
                    });
                }
            }
            "vague" => {
                let Some(t) = self.table(v, key) else { return };
                for (wk, wv) in ordered(t) {
                    self.vague(wk, wv);
                }
            }
            "places" | "subjects" => {
                let Some(t) = self.table(v, key) else { return };
                for (nk, nv) in ordered(t) {
                    let name: &str = nk.get_ref();
                    let words: Vec<String> = self
                        .strings(nv, &format!("{key}.{name}"))
                        .into_iter()
                        .map(|(s, _)| s)
                        .collect();
                    let origin = self.origin(nk.span().start);
                    let value = Words {
                        name: name.to_string(),
                        words,
                    };
                    if key == "places" {
                        self.cfg.places.push(Setting { value, origin });
                    } else {
                        self.cfg.subjects.push(Setting { value, origin });
                    }
                }
            }
            "concepts" => {
                let Some(t) = self.table(v, key) else { return };
                for (ck, cv) in ordered(t) {
                    let name: &str = ck.get_ref();
                    let Some(ct) = self.table(cv, &format!("concepts.{name}")) else {
                        continue;
                    };
                    let mut value = ConceptWords {
                        name: name.to_string(),
                        nouns: Vec::new(),
                        verbs: Vec::new(),
                    };
                    for (wk, wv) in ordered(ct) {
                        let which: &str = wk.get_ref();
                        let words = self.strings(wv, &format!("concepts.{name}.{which}"));
                        let words = words.into_iter().map(|(s, _)| s);
                        match which {
                            "nouns" => value.nouns.extend(words),
                            "verbs" => value.verbs.extend(words),
                            _ => {
                                let hint = hint_choices(which, "allowed keys", CONCEPT_KEYS);
                                self.err(
                                    wk.span().start,
                                    format!("unknown key `{which}` in [concepts.{name}]"),
                                    hint,
                                );
                            }
                        }
                    }
                    let origin = self.origin(ck.span().start);
                    self.cfg.concepts.push(Setting { value, origin });
                }
            }
            "columns" => {
                let Some(t) = self.table(v, key) else { return };
                for (ck, cv) in ordered(t) {
                    let col: &str = ck.get_ref();
                    if !COLUMN_KEYS.contains(&col) {
                        let hint = hint_choices(col, "allowed keys", COLUMN_KEYS);
                        self.err(
                            ck.span().start,
                            format!("unknown key `{col}` in [columns]"),
                            hint,
                        );
                        continue;
                    }
                    let Some(name) = self.string(cv, &format!("columns.{col}")) else {
                        continue;
                    };
                    let origin = self.origin(ck.span().start);
                    if let Some(slot) = self.cfg.columns.get_mut(col) {
                        *slot = Some(Setting {
                            value: name,
                            origin,
                        });
                    }
                }
            }
            _ => {
                let hint = hint_choices(key, "allowed keys", TOP_KEYS);
                self.err(at, format!("unknown key `{key}` in {FILE_NAME}"), hint);
            }
        }
    }

    fn vague(&mut self, k: &Key<'_>, v: &Val<'_>) {
        let phrase = crate::baseline::normalize_space(k.get_ref()).to_lowercase();
        let at = k.span().start;
        let key = format!("vague.{phrase}");
        let pair = match v.get_ref().as_array() {
            Some(items) if items.len() == 2 => items,
            _ => {
                return self.err(
                    v.span().start,
                    format!("`{key}` must be a list of two numbers, low and high"),
                    key_hint("vague"),
                );
            }
        };
        let (Some(low), Some(high)) = (self.number(&pair[0], &key), self.number(&pair[1], &key))
        else {
            return;
        };
        if low > high {
            return self.err(
                v.span().start,
                format!("`{key}`: the low end {low} is above the high end {high}"),
                key_hint("vague"),
            );
        }
        if !is_vague_amount(&phrase) {
            return self.err(
                at,
                format!("`{phrase}` is not a vague amount recount reads"),
                "use an amount such as \"a few\", \"several\", \"dozens\", \"scores\", \"hundreds\", \"tens of thousands\" or \"several hundred\"",
            );
        }
        let origin = self.origin(at);
        self.cfg.vague.push(Setting {
            value: VagueOverride { phrase, low, high },
            origin,
        });
    }
}

/// Whether the grammar reads `phrase` alone as a vague amount ("dozens", "several
/// hundred"), asked of the extractor itself so that the two cannot drift apart.
pub fn is_vague_amount(phrase: &str) -> bool {
    if phrase.is_empty() || !phrase.chars().all(|c| c.is_alphabetic() || c == ' ') {
        return false;
    }
    let text = format!("{phrase} of people were killed.");
    let Ok(doc) = crate::corpus::document_from_text("<vague>", &text) else {
        return false;
    };
    let ex = Extractor::new(Lexicon::new());
    ex.extract(&doc).iter().any(|c| {
        c.qualifier == Qualifier::Vague && c.start == 0 && vague_key(&c.quantity) == phrase
    })
}

/// A vague quantity phrase as overrides name it: lowercase, single-spaced, without a
/// trailing "of".
fn vague_key(quantity: &str) -> String {
    let s = crate::baseline::normalize_space(quantity).to_lowercase();
    match s.strip_suffix(" of") {
        Some(t) => t.to_string(),
        None => s,
    }
}

impl Config {
    /// Rules packs from the file (flags add theirs after these).
    pub fn rules_paths(&self) -> Vec<PathBuf> {
        self.rules.iter().map(|s| s.value.clone()).collect()
    }

    /// Corpus load options from the file's columns and date order.
    pub fn load_options(&self) -> LoadOptions {
        let col = |c: &Option<Setting<String>>| c.as_ref().map(|s| s.value.clone());
        let c = &self.columns;
        LoadOptions {
            columns: ColumnMap {
                text: col(&c.text),
                source: col(&c.source),
                date: col(&c.date),
                place: col(&c.place),
                title: col(&c.title),
                id: col(&c.id),
                event: col(&c.event),
                url: col(&c.url),
            },
            date_order: self.date_order.as_ref().map(|s| s.value),
        }
    }

    fn err_at(&self, origin: &Origin, message: String, hint: Option<String>) -> ConfigError {
        match origin {
            Origin::File(l) => ConfigError::at(l, message, hint),
            Origin::Flag(f) => ConfigError {
                file: f.clone(),
                line: 0,
                column: 0,
                message,
                hint,
            },
            Origin::Default => ConfigError {
                file: self.file.clone().unwrap_or_else(|| FILE_NAME.into()),
                line: 0,
                column: 0,
                message,
                hint,
            },
        }
    }

    /// Apply the lexicon additions, disabled rules and severity overrides to a loaded
    /// rule set. Names the rule set does not know are errors, each at its line.
    pub fn apply_to_rules(&self, set: &mut RuleSet) -> Result<(), Vec<ConfigError>> {
        let mut errs = Vec::new();
        for s in &self.places {
            set.lexicon.add_place(&s.value.name, &s.value.words);
        }
        for s in &self.concepts {
            let c = &s.value;
            if !set.lexicon.has_concept(&c.name) {
                let known: Vec<&str> = set.lexicon.concepts().iter().map(String::as_str).collect();
                errs.push(self.err_at(
                    &s.origin,
                    format!("unknown concept `{}`", c.name),
                    Some(hint_choices(
                        &c.name,
                        "concepts of the rules in use",
                        &known,
                    )),
                ));
                continue;
            }
            set.lexicon.add_concept(&c.name, &c.nouns, &c.verbs);
        }
        for s in &self.subjects {
            let w = &s.value;
            let parent = w.name.rsplit_once('.').map(|(p, _)| p);
            let known = set.lexicon.has_subject(&w.name)
                || parent.is_some_and(|p| set.lexicon.has_subject(p));
            if !known {
                let paths: Vec<&str> = set.lexicon.subjects().iter().map(String::as_str).collect();
                errs.push(self.err_at(
                    &s.origin,
                    format!("unknown subject class `{}`", w.name),
                    Some(hint_choices(
                        &w.name,
                        "a subject class, or a new class below one of",
                        &paths,
                    )),
                ));
                continue;
            }
            set.lexicon.add_subject(&w.name, &w.words);
        }
        let ids: Vec<String> = set.rules.iter().map(|r| r.id.clone()).collect();
        let packs: Vec<String> = set.packs.iter().map(|p| p.name.clone()).collect();
        let unknown_rule = |id: &str| {
            let mut names: Vec<&str> = ids.iter().map(String::as_str).collect();
            names.extend(packs.iter().map(String::as_str));
            let close = similar(id, names.iter().copied());
            match close.first() {
                Some(c) => format!("did you mean `{c}`? `recount rules` lists the rules"),
                None => "`recount rules` lists the rules; give `pack/rule` or a pack name".into(),
            }
        };
        for s in &self.disable {
            let id = s.value.as_str();
            if !ids.iter().any(|r| r == id) && !packs.iter().any(|p| p == id) {
                errs.push(self.err_at(
                    &s.origin,
                    format!("cannot disable `{id}`: no such rule or pack"),
                    Some(unknown_rule(id)),
                ));
            }
        }
        for s in &self.severity {
            let o = &s.value;
            match set.rules.iter_mut().find(|r| r.id == o.rule) {
                Some(r) => r.severity = o.severity,
                None => errs.push(self.err_at(
                    &s.origin,
                    format!("cannot set the severity of `{}`: no such rule", o.rule),
                    Some(unknown_rule(&o.rule)),
                )),
            }
        }
        set.rules.retain(|r| {
            !self
                .disable
                .iter()
                .any(|d| d.value == r.id || d.value == r.pack)
        });
        if errs.is_empty() { Ok(()) } else { Err(errs) }
    }

    /// Give claims of an overridden vague amount the project's interval.
    pub fn apply_vague(&self, claims: &mut [Claim]) {
        if self.vague.is_empty() {
            return;
        }
        for c in claims.iter_mut() {
            if c.qualifier != Qualifier::Vague {
                continue;
            }
            let key = vague_key(&c.quantity);
            if let Some(o) = self.vague.iter().rev().find(|o| o.value.phrase == key) {
                c.low = Some(o.value.low);
                c.high = Some(o.value.high);
            }
        }
    }

    /// Whether a fingerprint is in `ignore`.
    pub fn ignores(&self, fingerprint: &str) -> bool {
        self.ignore.iter().any(|s| s.value == fingerprint)
    }

    /// The settings as a TOML file, each value followed by where it came from.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let line = |out: &mut String, body: String, origin: &Origin| {
            out.push_str(&format!("{body:<48} # {origin}\n"));
        };
        match &self.file {
            Some(f) => out.push_str(&format!("# settings file: {f}\n")),
            None => out.push_str("# settings file: none\n"),
        }
        out.push('\n');
        list(
            &mut out,
            "rules",
            self.rules
                .iter()
                .map(|s| (quote(&s.value.display().to_string()), &s.origin)),
        );
        line(
            &mut out,
            format!("default_rules = {}", self.default_rules.value),
            &self.default_rules.origin,
        );
        list(
            &mut out,
            "disable",
            self.disable.iter().map(|s| (quote(&s.value), &s.origin)),
        );
        line(
            &mut out,
            format!("fail_on = {}", quote(self.fail_on.value.as_str())),
            &self.fail_on.origin,
        );
        line(
            &mut out,
            format!("min_severity = {}", quote(self.min_severity.value.as_str())),
            &self.min_severity.origin,
        );
        list(
            &mut out,
            "ignore",
            self.ignore.iter().map(|s| (quote(&s.value), &s.origin)),
        );
        match &self.date_order {
            Some(s) => {
                let v = match s.value {
                    DateOrder::Dmy => "dmy",
                    DateOrder::Mdy => "mdy",
                };
                line(&mut out, format!("date_order = {}", quote(v)), &s.origin);
            }
            None => line(
                &mut out,
                "# date_order: found per column".into(),
                &Origin::Default,
            ),
        }
        out.push_str("\n[severity]\n");
        for s in &self.severity {
            line(
                &mut out,
                format!(
                    "{} = {}",
                    quote(&s.value.rule),
                    quote(s.value.severity.as_str())
                ),
                &s.origin,
            );
        }
        out.push_str("\n[vague]\n");
        for s in &self.vague {
            line(
                &mut out,
                format!(
                    "{} = [{}, {}]",
                    bare_or_quoted(&s.value.phrase),
                    crate::quantity::fmt_num(s.value.low),
                    crate::quantity::fmt_num(s.value.high)
                ),
                &s.origin,
            );
        }
        out.push_str("\n[places]\n");
        for s in &self.places {
            line(
                &mut out,
                format!(
                    "{} = {}",
                    bare_or_quoted(&s.value.name),
                    inline_list(&s.value.words)
                ),
                &s.origin,
            );
        }
        out.push_str("\n[subjects]\n");
        for s in &self.subjects {
            line(
                &mut out,
                format!(
                    "{} = {}",
                    bare_or_quoted(&s.value.name),
                    inline_list(&s.value.words)
                ),
                &s.origin,
            );
        }
        for s in &self.concepts {
            out.push_str(&format!("\n[concepts.{}]\n", bare_or_quoted(&s.value.name)));
            line(
                &mut out,
                format!("nouns = {}", inline_list(&s.value.nouns)),
                &s.origin,
            );
            line(
                &mut out,
                format!("verbs = {}", inline_list(&s.value.verbs)),
                &s.origin,
            );
        }
        out.push_str("\n[columns]\n");
        for (k, s) in self.columns.iter() {
            match s {
                Some(s) => line(&mut out, format!("{k} = {}", quote(&s.value)), &s.origin),
                None => line(
                    &mut out,
                    format!("# {k}: found by common names"),
                    &Origin::Default,
                ),
            }
        }
        out
    }
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn bare_or_quoted(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        quote(k)
    }
}

fn inline_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// A list setting, one item a line with its origin; `key = []` when empty.
fn list<'a>(out: &mut String, key: &str, items: impl Iterator<Item = (String, &'a Origin)>) {
    let items: Vec<(String, &Origin)> = items.collect();
    if items.is_empty() {
        out.push_str(&format!(
            "{:<48} # {}\n",
            format!("{key} = []"),
            Origin::Default
        ));
        return;
    }
    out.push_str(&format!("{key} = [\n"));
    for (v, origin) in items {
        out.push_str(&format!("{:<48} # {origin}\n", format!("    {v},")));
    }
    out.push_str("]\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Config, Vec<ConfigError>> {
        parse("recount.toml", Path::new(""), text)
    }

    fn errors(text: &str) -> Vec<String> {
        parse_str(text)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn every_key() {
        let c = parse_str(
            "default_rules = false\n\
             disable = [\"general/percent-over-100\", \"military\"]\n\
             fail_on = \"warning\"\n\
             min_severity = \"warning\"\n\
             ignore = [\"0a41cfa1bd32e8a8\"]\n\
             date_order = \"dmy\"\n\
             [severity]\n\
             \"casualties/toll-disagreement\" = \"info\"\n\
             [vague]\n\
             dozens = [12, 99.5]\n\
             \"Several  hundred\" = [250, 950]\n\
             [places]\n\
             kobani = [\"Kobane\", \"Ain al-Arab\"]\n\
             [concepts.killed]\n\
             nouns = [\"martyrs\"]\n\
             verbs = [\"slay\"]\n\
             [subjects]\n\
             \"people.civilians\" = [\"villagers\"]\n\
             [columns]\n\
             text = \"body\"\n\
             source = \"outlet\"\n",
        )
        .unwrap();
        assert!(!c.default_rules.value);
        assert_eq!(c.default_rules.origin.to_string(), "recount.toml:1:1");
        assert_eq!(c.disable.len(), 2);
        assert_eq!(c.disable[1].origin.to_string(), "recount.toml:2:40");
        assert_eq!(c.fail_on.value, FailOn::Warning);
        assert_eq!(c.min_severity.value, Severity::Warning);
        assert_eq!(c.ignore[0].value, "0a41cfa1bd32e8a8");
        assert_eq!(c.date_order.as_ref().map(|s| s.value), Some(DateOrder::Dmy));
        assert_eq!(c.severity[0].value.severity, Severity::Info);
        assert_eq!(c.severity[0].origin.to_string(), "recount.toml:8:1");
        assert_eq!(
            c.vague[0].value,
            VagueOverride {
                phrase: "dozens".into(),
                low: 12.0,
                high: 99.5
            }
        );
        assert_eq!(c.vague[1].value.phrase, "several hundred");
        assert_eq!(c.places[0].value.words.len(), 2);
        assert_eq!(c.concepts[0].value.verbs, vec!["slay".to_string()]);
        assert_eq!(c.subjects[0].value.name, "people.civilians");
        let opts = c.load_options();
        assert_eq!(opts.columns.text.as_deref(), Some("body"));
        assert_eq!(opts.columns.source.as_deref(), Some("outlet"));
        assert_eq!(opts.columns.date, None);
        assert_eq!(opts.date_order, Some(DateOrder::Dmy));
    }

    #[test]
    fn empty_file_is_the_defaults() {
        let c = parse_str("").unwrap();
        assert_eq!(
            c,
            Config {
                file: Some("recount.toml".into()),
                ..Config::default()
            }
        );
        assert_eq!(c.fail_on.value, FailOn::Error);
        assert_eq!(c.min_severity.value, Severity::Info);
    }

    #[test]
    fn mistakes_name_line_and_column() {
        let table: &[(&str, &str)] = &[
            (
                "fail_on = \"error\"\nfial_on = \"never\"\n",
                "recount.toml:2:1: error: unknown key `fial_on` in recount.toml\n  hint: did you mean `fail_on`?",
            ),
            (
                "fail_on = \"sometimes\"",
                "recount.toml:1:11: error: unknown fail_on value `sometimes`",
            ),
            (
                "fail_on = 3",
                "recount.toml:1:11: error: `fail_on` must be a string, not integer",
            ),
            (
                "min_severity = \"eror\"",
                "recount.toml:1:16: error: unknown severity `eror`\n  hint: did you mean `error`?",
            ),
            (
                "[columns]\ntxt = \"body\"",
                "recount.toml:2:1: error: unknown key `txt` in [columns]\n  hint: did you mean `text`?",
            ),
            (
                "[concepts.killed]\nnoun = [\"x\"]",
                "recount.toml:2:1: error: unknown key `noun` in [concepts.killed]",
            ),
            (
                "[vague]\ndozens = [99, 12]",
                "recount.toml:2:10: error: `vague.dozens`: the low end 99 is above the high end 12",
            ),
            (
                "[vague]\ndozens = 12",
                "recount.toml:2:10: error: `vague.dozens` must be a list of two numbers",
            ),
            (
                "[vague]\ndozens = [-1, 12]",
                "recount.toml:2:11: error: `vague.dozens` must be a number of 0 or more",
            ),
            (
                "[vague]\numpteen = [1, 2]",
                "recount.toml:2:1: error: `umpteen` is not a vague amount",
            ),
            (
                "ignore = [\"abc\"]",
                "recount.toml:1:11: error: `abc` is not a finding fingerprint",
            ),
            (
                "rules = [\"no/such/pack.toml\"]",
                "recount.toml:1:10: error: no rules file or directory at `no/such/pack.toml`",
            ),
            (
                "disable = \"general\"",
                "recount.toml:1:11: error: `disable` must be a list of strings, not string",
            ),
            (
                "date_order = \"ymd\"",
                "recount.toml:1:14: error: unknown date order `ymd`",
            ),
            (
                "severity = 1",
                "recount.toml:1:12: error: `severity` must be a table, not integer",
            ),
            (
                "fail_on = \"error",
                "recount.toml:1:17: error: invalid TOML",
            ),
        ];
        for (text, want) in table {
            let got = errors(text);
            assert!(
                got.iter().any(|e| e.starts_with(want)),
                "{text:?}: want {want:?}, got {got:#?}"
            );
        }
        // Every mistake is reported, not only the first.
        assert_eq!(errors("a = 1\nb = 2\n").len(), 2);
    }

    #[test]
    fn vague_amounts_are_those_the_grammar_reads() {
        for ok in [
            "dozens",
            "a few",
            "several",
            "scores",
            "tens of thousands",
            "several hundred",
            "hundreds",
        ] {
            assert!(is_vague_amount(ok), "{ok}");
        }
        for bad in ["", "umpteen", "12", "many", "dozens!", "people"] {
            assert!(!is_vague_amount(bad), "{bad}");
        }
    }

    #[test]
    fn applied_to_rules_and_claims() {
        let mut set = crate::rules::load_rules(true, &[]).unwrap();
        let before = set.rules.len();
        let c = parse_str(
            "disable = [\"general/percent-over-100\"]\n\
             [severity]\n\"casualties/toll-disagreement\" = \"info\"\n\
             [places]\nkafr = [\"Kafr Nasim\"]\n\
             [concepts.killed]\nnouns = [\"martyrs\"]\n\
             [subjects]\n\"people.civilians.farmers\" = [\"farmers\"]\n\
             [vague]\ndozens = [12, 99]\n",
        )
        .unwrap();
        c.apply_to_rules(&mut set).unwrap();
        assert_eq!(set.rules.len(), before - 1);
        assert!(set.get("general/percent-over-100").is_none());
        assert_eq!(
            set.get("casualties/toll-disagreement").map(|r| r.severity),
            Some(Severity::Info)
        );
        assert_eq!(set.lexicon.place_of("kafr nasim"), Some("kafr"));
        assert_eq!(set.lexicon.concept_of_noun("martyrs"), Some("killed"));
        assert_eq!(
            set.lexicon.subject_of("farmers"),
            Some("people.civilians.farmers")
        );

        let doc =
            crate::corpus::document_from_text("a.txt", "Dozens of people were killed.").unwrap();
        let mut claims = Extractor::new(set.lexicon.clone()).extract(&doc);
        assert_eq!(claims[0].low, Some(24.0));
        c.apply_vague(&mut claims);
        assert_eq!((claims[0].low, claims[0].high), (Some(12.0), Some(99.0)));
    }

    #[test]
    fn unknown_names_in_the_rules_are_errors_at_their_line() {
        let mut set = crate::rules::load_rules(true, &[]).unwrap();
        let c = parse_str(
            "disable = [\"general/percent-over-10\"]\n\
             [severity]\n\"casualties/toll\" = \"info\"\n\
             [concepts.kiled]\nnouns = [\"x\"]\n\
             [subjects]\n\"robots.drones\" = [\"drones\"]\n",
        )
        .unwrap();
        let errs: Vec<String> = c
            .apply_to_rules(&mut set)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        let want = [
            "recount.toml:4:11: error: unknown concept `kiled`\n  hint: did you mean `killed`?",
            "recount.toml:7:1: error: unknown subject class `robots.drones`",
            "recount.toml:1:12: error: cannot disable `general/percent-over-10`: no such rule or pack\n  hint: did you mean `general/percent-over-100`?",
            "recount.toml:3:1: error: cannot set the severity of `casualties/toll`: no such rule",
        ];
        assert_eq!(errs.len(), want.len(), "{errs:#?}");
        for (got, want) in errs.iter().zip(want) {
            assert!(got.starts_with(want), "got {got:?}, want {want:?}");
        }
    }

    #[test]
    fn found_upward() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a").join("b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        let found = find(&deep).unwrap();
        assert_eq!(found, deep.join("..").join("..").join(FILE_NAME));
        assert!(found.is_file());
        std::fs::write(deep.join(FILE_NAME), "").unwrap();
        assert_eq!(find(&deep).unwrap(), deep.join(FILE_NAME));
    }

    #[test]
    fn rendered_settings_say_where_each_came_from() {
        let mut c = parse_str("fail_on = \"warning\"\n[columns]\ntext = \"body\"\n").unwrap();
        c.min_severity = Setting::flag(Severity::Error, "--min-severity");
        let r = c.render();
        assert!(r.contains("# settings file: recount.toml\n"), "{r}");
        assert!(r.contains("fail_on = \"warning\""), "{r}");
        let line = |needle: &str| {
            r.lines()
                .find(|l| l.starts_with(needle))
                .unwrap_or_default()
                .to_string()
        };
        assert!(line("fail_on").ends_with("# recount.toml:1:1"), "{r}");
        assert!(
            line("min_severity").ends_with("# flag --min-severity"),
            "{r}"
        );
        assert!(line("default_rules").ends_with("# default"), "{r}");
        assert!(
            line("text = \"body\"").ends_with("# recount.toml:3:1"),
            "{r}"
        );
        // The output is itself a valid settings file.
        let again = parse_str(&r).unwrap();
        assert_eq!(again.fail_on.value, FailOn::Warning);
        assert_eq!(again.min_severity.value, Severity::Error);
    }
}
