//! `recount rules`: the listing, one rule's documentation, and rules-file errors as the
//! user sees them.

use crate::common::{code, run, run_in, stderr, stdout};
use crate::snap;

/// A user pack that uses a concept of the default `casualties` pack.
const USER_PACK: &str = r#"[pack]
name = "newsroom"
description = "House rules"

[[rule]]
id = "children-toll-disagreement"
kind = "disagreement"
severity = "error"
concepts = ["killed"]
subjects = ["people.civilians.children"]
doc = """
## What it flags
Reports of one event that disagree on how many children were killed.
"""
[[rule.example]]
flag = ["A strike killed 4 children in Idlib on Monday.", "A strike killed 9 children in Idlib on Monday."]
"#;

#[test]
fn lists_default_rules() {
    let o = run(&["rules"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    snap!("list", stdout(&o));
}

#[test]
fn describes_one_rule() {
    let o = run(&["rules", "casualties/toll-disagreement"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    snap!("toll_disagreement", stdout(&o));
    // A name only one pack uses finds the same rule.
    let short = run(&["rules", "toll-disagreement"]);
    assert_eq!(code(&short), 0);
    assert_eq!(stdout(&short), stdout(&o));
}

#[test]
fn unknown_rule_suggests_close_ids() {
    let o = run(&["rules", "toll-disagrement"]);
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "recount: no rule `toll-disagrement`\n  hint: did you mean `casualties/toll-disagreement`?\n"
    );
}

#[test]
fn json_lists_every_rule() {
    let o = run(&["rules", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let rules = v.as_array().expect("an array of rules");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
    assert!(ids.contains(&"general/percent-over-100"));
    let toll = rules
        .iter()
        .find(|r| r["id"] == "casualties/toll-disagreement")
        .expect("toll rule");
    assert_eq!(toll["kind"], "disagreement");
    assert_eq!(toll["severity"], "error");
    assert_eq!(toll["scope"], "event");
    assert_eq!(toll["location"]["file"], "<default>/casualties.toml");
    let one = run(&["rules", "--format", "json", "general/percent-over-100"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&one)).expect("valid JSON");
    assert_eq!(v["max"], 100.0);
}

#[test]
fn broken_rules_file_names_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = USER_PACK.replace("kind = \"disagreement\"", "kind = \"disagrement\"");
    std::fs::write(dir.path().join("broken.toml"), text).expect("write");
    let o = run_in(dir.path(), &["rules", "--rules", "broken.toml"]);
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    let mut lines = err.lines();
    assert_eq!(
        lines.next(),
        Some("broken.toml:7:8: error: unknown check kind `disagrement`")
    );
    assert_eq!(
        lines.next(),
        Some(
            "  hint: did you mean `disagreement`? kinds: disagreement, inconsistency, part-whole, sum, bounds, trend, attribution"
        )
    );
}

#[test]
fn broken_toml_syntax_names_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("syntax.toml");
    std::fs::write(&path, "[pack]\nname = \"x\"\n\n[[rule]\nid = \"a\"\n").expect("write");
    let o = run(&["rules", "--rules", &path.display().to_string()]);
    assert_eq!(code(&o), 2);
    let first = format!("{}:4:8: error: invalid TOML", path.display());
    assert!(stderr(&o).starts_with(&first), "{}", stderr(&o));
}

#[test]
fn user_pack_alone_and_with_defaults() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("newsroom.toml"), USER_PACK).expect("write");
    // With the default packs, the user pack's concept and subject are known.
    let o = run_in(dir.path(), &["rules", "--rules", "."]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("newsroom/children-toll-disagreement"));
    assert!(stdout(&o).contains("casualties/toll-disagreement"));
    // Without them, `killed` and the children class are not declared anywhere.
    let o = run_in(
        dir.path(),
        &["rules", "--no-default-rules", "--rules", "newsroom.toml"],
    );
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.starts_with("newsroom.toml:9:13: error: unknown concept `killed`"),
        "{err}"
    );
    assert!(
        err.contains("newsroom.toml:10:13: error: unknown subject"),
        "{err}"
    );
    // A self-contained user pack lists alone.
    let own = format!(
        "{USER_PACK}\n[concepts.killed]\nverbs = [\"kill\"]\n[subjects]\npeople = [\"people\"]\n\"people.civilians\" = [\"civilians\"]\n\"people.civilians.children\" = [\"children\"]\n"
    );
    std::fs::write(dir.path().join("newsroom.toml"), own).expect("write");
    let o = run_in(
        dir.path(),
        &["rules", "--no-default-rules", "--rules", "newsroom.toml"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("newsroom/children-toll-disagreement"), "{out}");
    assert!(!out.contains("casualties/"), "{out}");
    assert!(out.ends_with("1 rule in 1 pack\n"), "{out}");
    let o = run_in(
        dir.path(),
        &[
            "rules",
            "--no-default-rules",
            "--rules",
            "newsroom.toml",
            "children-toll-disagreement",
        ],
    );
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("Reports of one event that disagree on how many children"));
    assert!(
        stdout(&o).contains("defined at   newsroom.toml:6:1"),
        "{}",
        stdout(&o)
    );
}
