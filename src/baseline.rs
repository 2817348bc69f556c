//! Finding fingerprints and baselines.
//!
//! A fingerprint names a finding by what it is about, not by where its bytes stand:
//! the rule id, and for each claim involved its document id, its text (whitespace
//! collapsed) and its concept. Editing other sentences of an article, re-wrapping its
//! lines or moving the claim leaves the fingerprint as it was; changing the figure, the
//! rule or the documents involved gives a new one. Fingerprints are 16 hexadecimal
//! digits of a 64-bit FNV-1a hash, the same on every platform and in every version
//! that keeps [`FINGERPRINT_VERSION`].
//!
//! A baseline is a JSON file listing the fingerprints of the findings a project has
//! accepted, sorted by document, rule and fingerprint, one claim per line, so that a
//! review of its diff reads like a list of findings:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {
//!       "fingerprint": "3f9a0c1d2e4b5a67",
//!       "rule": "casualties/toll-disagreement",
//!       "message": "Northern Courier says 16, Meridian Wire says Dozens dead",
//!       "claims": [
//!         { "doc": "examples/01-northern-courier-dar-sabil.md", "text": "16" },
//!         { "doc": "examples/02-meridian-wire-dar-sabil.md", "text": "Dozens dead" }
//!       ]
//!     }
//!   ]
//! }
//! ```
//!
//! Only `fingerprint` is compared; the other fields are there for the reader. A
//! fingerprint listed twice accepts two findings of that fingerprint.

use crate::check::Finding;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Bumped when the fingerprint recipe changes (old baselines then no longer match).
pub const FINGERPRINT_VERSION: u32 = 1;

/// The baseline file format version this code writes and reads.
pub const BASELINE_VERSION: u32 = 1;

/// 64-bit FNV-1a: tiny, stable, and good enough to tell findings apart.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// Text with every run of whitespace made one space, trimmed.
pub fn normalize_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The stable fingerprint of a finding (see the module docs).
pub fn fingerprint(f: &Finding) -> String {
    // The claims are sorted so that a finding whose sides swap roles keeps its name.
    let mut parts: Vec<String> = f
        .claims
        .iter()
        .map(|c| {
            format!(
                "{}\u{1f}{}\u{1f}{}",
                c.doc,
                normalize_space(&c.text),
                c.concept.as_deref().unwrap_or("")
            )
        })
        .collect();
    parts.sort();
    let mut h = Fnv::new();
    h.write(format!("v{FINGERPRINT_VERSION}\u{1e}").as_bytes());
    h.write(f.rule.as_bytes());
    for p in &parts {
        h.write(b"\x1e");
        h.write(p.as_bytes());
    }
    format!("{:016x}", h.0)
}

/// Whether a string looks like a fingerprint: 16 lowercase hexadecimal digits.
pub fn is_fingerprint(s: &str) -> bool {
    s.len() == 16
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// One accepted finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    #[serde(default)]
    pub rule: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub claims: Vec<EntryClaim>,
}

/// A claim of an accepted finding, for the reader of the file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryClaim {
    pub doc: String,
    pub text: String,
}

/// The accepted findings of a project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// Why a baseline could not be read or written.
#[derive(Debug)]
pub enum BaselineError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// Not a baseline: `line` and `column` are 1-based (0 when unknown).
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BaselineError::Io { path, error } => {
                write!(f, "{}: error: {error}", path.display())
            }
            BaselineError::Invalid {
                path,
                line,
                column,
                message,
            } => {
                if *line == 0 {
                    write!(f, "{}: error: {message}", path.display())
                } else {
                    write!(f, "{}:{line}:{column}: error: {message}", path.display())
                }
            }
        }
    }
}

impl std::error::Error for BaselineError {}

/// What a baseline made of a run's findings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Split {
    /// Findings not in the baseline: these are reported and can fail the run.
    pub new: Vec<Finding>,
    /// How many findings the baseline accepted.
    pub baselined: usize,
    /// How many baseline entries no finding matched any more (fixed, or changed).
    pub fixed: usize,
}

fn entry_order(e: &Entry) -> (Option<&str>, &str, &str) {
    (
        e.claims.first().map(|c| c.doc.as_str()),
        e.rule.as_str(),
        e.fingerprint.as_str(),
    )
}

impl Baseline {
    /// A baseline accepting every given finding.
    pub fn from_findings(findings: &[Finding]) -> Self {
        let mut findings: Vec<Entry> = findings
            .iter()
            .map(|f| Entry {
                fingerprint: fingerprint(f),
                rule: f.rule.clone(),
                message: f.message.clone(),
                claims: f
                    .claims
                    .iter()
                    .map(|c| EntryClaim {
                        doc: c.doc.clone(),
                        text: normalize_space(&c.text),
                    })
                    .collect(),
            })
            .collect();
        findings.sort_by(|a, b| {
            entry_order(a)
                .cmp(&entry_order(b))
                .then_with(|| a.claims.cmp(&b.claims))
                .then_with(|| a.message.cmp(&b.message))
        });
        Baseline {
            version: BASELINE_VERSION,
            findings,
        }
    }

    /// The file's text: pretty JSON ending in a newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        s.push('\n');
        s
    }

    /// Read a baseline from its text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Self, BaselineError> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| BaselineError::Invalid {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: format!("not a recount baseline: {e}"),
        })?;
        if b.version != BASELINE_VERSION {
            return Err(BaselineError::Invalid {
                path: path.to_path_buf(),
                line: 0,
                column: 0,
                message: format!(
                    "baseline version {} is not supported (this recount reads version {BASELINE_VERSION}); write it again with --write-baseline",
                    b.version
                ),
            });
        }
        Ok(b)
    }

    /// Read a baseline file.
    pub fn read(path: &Path) -> Result<Self, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|error| BaselineError::Io {
            path: path.to_path_buf(),
            error,
        })?;
        Baseline::parse(path, &text)
    }

    /// Write the file atomically: to a temporary file beside it, then renamed over it,
    /// so that a reader never sees half a baseline.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let io = |error| BaselineError::Io {
            path: path.to_path_buf(),
            error,
        };
        let name = path.file_name().map_or_else(
            || "baseline".to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let result = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(self.to_json().as_bytes())?;
            f.sync_all()?;
            std::fs::rename(&tmp, path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result.map_err(io)
    }

    /// Sort a run's findings into those the baseline accepts and the new ones.
    pub fn split(&self, findings: Vec<Finding>) -> Split {
        let mut left: HashMap<&str, usize> = HashMap::new();
        for e in &self.findings {
            *left.entry(e.fingerprint.as_str()).or_default() += 1;
        }
        let mut split = Split::default();
        for f in findings {
            let fp = fingerprint(&f);
            match left.get_mut(fp.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    split.baselined += 1;
                }
                _ => split.new.push(f),
            }
        }
        split.fixed = left.values().sum();
        split
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::FindingClaim;
    use crate::corpus::Section;
    use crate::quantity::Qualifier;
    use crate::rules::{CheckKind, Severity};

    fn claim(doc: &str, text: &str, start: usize, line: u32) -> FindingClaim {
        FindingClaim {
            id: format!("{doc}#{start}"),
            doc: doc.into(),
            source: Some("Outlet".into()),
            section: Section::Body,
            start,
            end: start + text.len(),
            line,
            column: 1,
            text: text.into(),
            quantity: text.into(),
            low: Some(1.0),
            high: Some(1.0),
            qualifier: Qualifier::Exact,
            concept: Some("killed".into()),
            subject: None,
            date: None,
            attribution: None,
            sentence: text.into(),
            role: "a".into(),
        }
    }

    fn finding(rule: &str, claims: Vec<FindingClaim>) -> Finding {
        Finding {
            rule: rule.into(),
            kind: CheckKind::Disagreement,
            severity: Severity::Error,
            message: "m".into(),
            reason: "r".into(),
            event: None,
            claims,
        }
    }

    #[test]
    fn fingerprint_ignores_positions_roles_and_spacing() {
        let a = finding(
            "p/r",
            vec![claim("a.md", "16 people", 10, 3), claim("b.md", "40", 0, 1)],
        );
        let mut moved = a.clone();
        moved.claims[0].start = 900;
        moved.claims[0].line = 30;
        moved.claims[0].text = "16\n  people".into();
        moved.claims.swap(0, 1);
        moved.claims[0].role = "b".into();
        moved.message = "another wording".into();
        assert_eq!(fingerprint(&a), fingerprint(&moved));
        assert!(is_fingerprint(&fingerprint(&a)));
    }

    #[test]
    fn fingerprint_changes_with_what_the_finding_is_about() {
        let a = finding(
            "p/r",
            vec![claim("a.md", "16 people", 10, 3), claim("b.md", "40", 0, 1)],
        );
        let base = fingerprint(&a);
        let mut other = a.clone();
        other.rule = "p/s".into();
        assert_ne!(fingerprint(&other), base);
        let mut other = a.clone();
        other.claims[1].text = "41".into();
        assert_ne!(fingerprint(&other), base);
        let mut other = a.clone();
        other.claims[1].doc = "c.md".into();
        assert_ne!(fingerprint(&other), base);
        let mut other = a.clone();
        other.claims[1].concept = Some("wounded".into());
        assert_ne!(fingerprint(&other), base);
    }

    #[test]
    fn fingerprint_is_stable_across_versions_of_the_code() {
        // Pinned: a change here breaks every baseline users keep.
        let a = finding("p/r", vec![claim("a.md", "16", 0, 1)]);
        assert_eq!(fingerprint(&a), "1b1348d1a329db3f");
    }

    #[test]
    fn split_counts_new_baselined_and_fixed() {
        let x = finding("p/r", vec![claim("a.md", "16", 0, 1)]);
        let y = finding("p/r", vec![claim("b.md", "40", 0, 1)]);
        let z = finding("p/r", vec![claim("c.md", "7", 0, 1)]);
        let b = Baseline::from_findings(&[x.clone(), y.clone()]);
        let s = b.split(vec![x.clone(), z.clone()]);
        assert_eq!(s.new, vec![z]);
        assert_eq!((s.baselined, s.fixed), (1, 1));
        // A fingerprint listed once accepts one finding only.
        let s = b.split(vec![x.clone(), x.clone()]);
        assert_eq!((s.new.len(), s.baselined, s.fixed), (1, 1, 1));
    }

    #[test]
    fn round_trip_sorted_and_atomic() {
        let x = finding("p/r", vec![claim("b.md", "16", 0, 1)]);
        let y = finding("p/a", vec![claim("a.md", "40", 0, 1)]);
        let b = Baseline::from_findings(&[x, y]);
        assert_eq!(b.findings[0].claims[0].doc, "a.md");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.json");
        b.write(&path).unwrap();
        assert_eq!(Baseline::read(&path).unwrap(), b);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("baseline.json")]);
        // The same findings in another order give the same bytes.
        let again = Baseline::from_findings(&[
            finding("p/a", vec![claim("a.md", "40", 0, 1)]),
            finding("p/r", vec![claim("b.md", "16", 0, 1)]),
        ]);
        assert_eq!(again.to_json(), b.to_json());
    }

    #[test]
    fn bad_files_say_where() {
        let p = Path::new("b.json");
        let e = Baseline::parse(p, "{\n  \"version\": 1,\n  \"finding\": []\n}").unwrap_err();
        assert!(e.to_string().starts_with("b.json:3:"), "{e}");
        let e = Baseline::parse(p, "{\"version\": 9, \"findings\": []}").unwrap_err();
        assert!(e.to_string().contains("version 9"), "{e}");
        let e = Baseline::read(Path::new("/nonexistent/b.json")).unwrap_err();
        assert!(
            e.to_string().starts_with("/nonexistent/b.json: error:"),
            "{e}"
        );
    }
}
