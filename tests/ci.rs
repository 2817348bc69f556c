//! `recount check` in CI: every output format on `examples/`, SARIF against the
//! official schema, exit codes, recount.toml, baselines, suppression, colour and
//! closed pipes.

use crate::common::{code, recount, root, run, run_in, stderr, stdout};
use crate::snap;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

// ---------------------------------------------------------------------------------
// Helpers

/// A temporary project holding a copy of `examples/` as `corpus/`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).expect("corpus dir");
    for e in fs::read_dir(root().join("examples")).expect("examples") {
        let p = e.expect("entry").path();
        if p.file_name().is_some_and(|n| n != "README.md") {
            fs::copy(&p, corpus.join(p.file_name().expect("name"))).expect("copy");
        }
    }
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).expect("dirs");
    }
    fs::write(&p, text).expect("write");
    p
}

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = fs::read_to_string(path).expect("read");
    fs::write(path, f(text)).expect("write");
}

/// The findings of a JSON Lines run.
fn lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn rules_of(findings: &[Value]) -> BTreeSet<String> {
    findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn check_in(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "corpus", "--format", "jsonl"];
    args.extend_from_slice(extra);
    run_in(dir, &args)
}

const EXAMPLE_RULES: [&str; 5] = [
    "casualties/toll-disagreement",
    "general/part-exceeds-whole",
    "general/parts-exceed-total",
    "general/percent-over-100",
    "military/strikes-tally-falls",
];

// ---------------------------------------------------------------------------------
// One snapshot per format, on examples/

fn format_output(format: &str) -> String {
    let o = run(&["check", "examples/", "--format", format]);
    assert_eq!(code(&o), 1, "{format}: errors fail the run\n{}", stderr(&o));
    stdout(&o)
}

#[test]
fn format_table() {
    snap!("format_table", format_output("table"));
}

#[test]
fn format_concise() {
    let out = format_output("concise");
    assert_eq!(out.lines().count(), EXAMPLE_RULES.len());
    for l in out.lines() {
        let mut parts = l.splitn(4, ':');
        let (path, line, col) = (parts.next(), parts.next(), parts.next());
        assert!(path.is_some_and(|p| p.starts_with("examples/")), "{l}");
        assert!(line.is_some_and(|n| n.parse::<u32>().is_ok()), "{l}");
        assert!(col.is_some_and(|n| n.parse::<u32>().is_ok()), "{l}");
    }
    snap!("format_concise", out);
}

#[test]
fn format_json() {
    let out = format_output("json");
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v.as_array().map(Vec::len), Some(EXAMPLE_RULES.len()));
    snap!("format_json", out);
}

#[test]
fn format_jsonl() {
    let out = format_output("jsonl");
    assert_eq!(
        rules_of(&lines(&out)),
        EXAMPLE_RULES.map(String::from).into()
    );
    snap!("format_jsonl", out);
}

#[test]
fn format_csv() {
    let out = format_output("csv");
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        &header[..6],
        ["rule", "kind", "severity", "message", "reason", "event"]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), EXAMPLE_RULES.len());
    assert!(rows.iter().all(|row| row.len() == header.len()));
    snap!("format_csv", out);
}

#[test]
fn format_sarif() {
    snap!("format_sarif", format_output("sarif"));
}

#[test]
fn format_github() {
    let out = format_output("github");
    assert_eq!(out.lines().count(), EXAMPLE_RULES.len());
    assert!(
        out.lines().all(|l| l.starts_with("::error file=examples/")
            || l.starts_with("::warning file=examples/"))
    );
    snap!("format_github", out);
}

#[test]
fn format_markdown() {
    let out = format_output("markdown");
    assert!(out.starts_with("## recount: 5 findings\n"), "{out}");
    snap!("format_markdown", out);
}

// ---------------------------------------------------------------------------------
// SARIF

/// The schema's validator. The official schema's `language` patterns,
/// `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, hold a stray `]`: ECMAScript reads it as
/// a literal `]` (Annex B), but the meta-schema's strict `regex` format rejects it.
/// The copy in memory escapes it (`\]`, the same language), leaving the vendored file
/// as published.
fn sarif_validator(schema: &Value) -> jsonschema::Validator {
    const STRAY: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    fn fix(v: &mut Value, n: &mut usize) {
        match v {
            Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    if k == "pattern" && x == STRAY {
                        *x = Value::from(STRAY.replace("}]", "}\\]"));
                        *n += 1;
                    } else {
                        fix(x, n);
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| fix(x, n)),
            _ => {}
        }
    }
    let mut schema = schema.clone();
    let mut fixed = 0;
    fix(&mut schema, &mut fixed);
    assert_eq!(fixed, 2, "the schema's two `language` patterns");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

/// Validate a SARIF log against the SARIF 2.1.0 schema kept in tests/data/sarif.
fn assert_valid_sarif(log: &Value) {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(root().join("tests/data/sarif/sarif-schema-2.1.0.json"))
            .expect("schema file"),
    )
    .expect("schema is JSON");
    let validator = sarif_validator(&schema);
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF is not valid: {errors:#?}");
}

#[test]
fn sarif_validates_against_the_schema() {
    let log: Value = serde_json::from_str(&format_output("sarif")).expect("JSON");
    assert_valid_sarif(&log);
    // The schema cannot be satisfied by nothing: a broken log fails it.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(root().join("tests/data/sarif/sarif-schema-2.1.0.json"))
            .expect("schema file"),
    )
    .expect("schema is JSON");
    assert!(!sarif_validator(&schema).is_valid(&broken));

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), EXAMPLE_RULES.len());
    let mut fingerprints = BTreeSet::new();
    for r in results {
        let idx = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        let level = rules[idx]["defaultConfiguration"]["level"].as_str();
        assert!(matches!(level, Some("error" | "warning" | "note")));
        assert!(
            !rules[idx]["fullDescription"]["text"]
                .as_str()
                .unwrap_or("")
                .is_empty()
        );
        fingerprints.insert(r["partialFingerprints"]["recountFingerprint/v1"].to_string());
        for loc in r["locations"].as_array().expect("locations") {
            let uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .expect("uri");
            assert!(root().join(uri).is_file(), "{uri}");
            let reg = &loc["physicalLocation"]["region"];
            let (sl, sc, el, ec) = (
                reg["startLine"].as_u64().expect("startLine"),
                reg["startColumn"].as_u64().expect("startColumn"),
                reg["endLine"].as_u64().expect("endLine"),
                reg["endColumn"].as_u64().expect("endColumn"),
            );
            assert!(sl >= 1 && sc >= 1 && (el, ec) > (sl, sc), "{reg}");
            // The region holds exactly the claim's text in the file.
            let file = fs::read_to_string(root().join(uri)).expect("file");
            let line = file.lines().nth(sl as usize - 1).expect("line");
            let got: String = line
                .chars()
                .skip(sc as usize - 1)
                .take((ec - sc) as usize)
                .collect();
            assert_eq!(got, reg["snippet"]["text"].as_str().expect("snippet"));
        }
    }
    assert_eq!(
        fingerprints.len(),
        results.len(),
        "fingerprints are distinct"
    );
}

#[test]
fn sarif_for_corpus_rows_and_odd_paths_validates() {
    let dir = tempfile::tempdir().expect("temp");
    write(
        dir.path(),
        "in put/news #1.csv",
        "source,date,place,text\n\
         Alpha,2024-03-12,Dar Sabil,\"A bomb killed 16 people in Dar Sabil on Tuesday.\"\n\
         Beta,2024-03-12,Dar Sabil,\"A bomb killed 40 people in Dar Sabil on Tuesday.\"\n",
    );
    let o = run_in(dir.path(), &["check", "in put", "--format", "sarif"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let log: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_valid_sarif(&log);
    let loc = &log["runs"][0]["results"][0]["locations"][0];
    assert_eq!(
        loc["physicalLocation"]["artifactLocation"]["uri"],
        "in%20put/news%20%231.csv"
    );
    assert_eq!(loc["logicalLocations"][0]["name"], "row 1");
    assert!(loc["physicalLocation"].get("region").is_none());
}

// ---------------------------------------------------------------------------------
// GitHub annotations: escaping end to end

#[test]
fn github_escapes_messages_and_properties() {
    let dir = tempfile::tempdir().expect("temp");
    write(
        dir.path(),
        "esc.toml",
        "[pack]\nname = \"esc\"\n\n[[rule]]\nid = \"odd-message\"\nkind = \"bounds\"\n\
         severity = \"info\"\nkinds = [\"percent\"]\nmin = 0\nmax = 100\n\
         message = \"100%: {a.text}, see\\nnext line\\r\"\n\
         doc = \"A percentage over 100, said with every special character.\"\n",
    );
    write(
        dir.path(),
        "in,put/a:b.md",
        "---\nsource: A\ndate: 2024-01-01\n---\nTurnout was 112 percent, officials said.\n",
    );
    let o = run_in(
        dir.path(),
        &[
            "check",
            "in,put",
            "--no-default-rules",
            "--rules",
            "esc.toml",
            "--format",
            "github",
        ],
    );
    assert_eq!(code(&o), 0, "info does not fail: {}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "::notice file=in%2Cput/a%3Ab.md,line=5,col=13,endLine=5,endColumn=24,\
         title=esc/odd-message::100%25: 112 percent, see%0Anext line%0D%0A\
         '112 percent' means exactly 112, outside the allowed 0 to 100%0A\
         a: in,put/a:b.md:5:13 (A, 2024-01-01): \"112 percent\" means exactly 112\n"
    );
}

// ---------------------------------------------------------------------------------
// Exit codes

#[test]
fn exit_0_on_a_clean_corpus() {
    let o = run(&["check", "examples/08-lakeside-post-millbrook-budget.txt"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("1 document, "), "{}", stdout(&o));
    assert!(stdout(&o).contains(", 0 findings"), "{}", stdout(&o));
}

#[test]
fn exit_depends_on_fail_on() {
    // The Tel Hamra article holds one warning and no error.
    let one = "examples/06-frontier-times-tel-hamra.md";
    let below = run(&["check", one, "--format", "concise"]);
    assert_eq!(code(&below), 0, "a warning is below the default fail_on");
    assert_eq!(stdout(&below).lines().count(), 1);
    let above = run(&["check", one, "--fail-on", "warning", "--format", "concise"]);
    assert_eq!(code(&above), 1);
    assert_eq!(code(&run(&["check", one, "--fail-on", "info"])), 1);
    assert_eq!(code(&run(&["check", "examples/", "--fail-on", "never"])), 0);
    assert_eq!(code(&run(&["check", "examples/"])), 1);
}

#[test]
fn exit_2_on_a_bad_flag() {
    let o = run(&["check", "examples/", "--format", "yaml"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("invalid value 'yaml'"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        code(&run(&["check", "examples/", "--fail-on", "sometimes"])),
        2
    );
    assert_eq!(code(&run(&["check", "examples/", "--no-such-flag"])), 2);
}

#[test]
fn exit_2_on_a_bad_config() {
    let dir = project();
    write(
        dir.path(),
        "recount.toml",
        "fail_on = \"warning\"\nfial_on = \"never\"\n",
    );
    let o = check_in(dir.path(), &[]);
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "recount.toml:2:1: error: unknown key `fial_on` in recount.toml\n  \
         hint: did you mean `fail_on`? allowed keys: rules, default_rules, disable, \
         severity, fail_on, min_severity, ignore, date_order, vague, places, concepts, \
         subjects, columns\nrecount: 1 error in settings\n"
    );
    // A name the rules do not have is an error too, at its line.
    write(
        dir.path(),
        "recount.toml",
        "\ndisable = [\"general/percent-over-10\"]\n",
    );
    let o = check_in(dir.path(), &[]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with(
            "recount.toml:2:12: error: cannot disable `general/percent-over-10`: no such rule or pack\n  \
             hint: did you mean `general/percent-over-100`?"
        ),
        "{}",
        stderr(&o)
    );
    // --config naming a missing file.
    let o = run(&["check", "examples/", "--config", "no/such/recount.toml"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with("no/such/recount.toml: error: cannot read"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn exit_2_on_a_bad_rules_file() {
    let dir = project();
    write(
        dir.path(),
        "bad.toml",
        "[pack]\nname = \"bad\"\n[[rule]]\nid = \"x\"\nkind = \"nonsense\"\n",
    );
    let o = check_in(dir.path(), &["--rules", "bad.toml"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("bad.toml:5:8: error: unknown check kind `nonsense`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn exit_2_on_no_readable_input() {
    let o = run(&["check", "no/such/dir"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let o = run(&["check"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no input"), "{}", stderr(&o));
    let dir = tempfile::tempdir().expect("temp");
    let o = run_in(dir.path(), &["check", "."]);
    assert_eq!(code(&o), 2, "an empty directory: {}", stderr(&o));
}

// ---------------------------------------------------------------------------------
// recount.toml

#[test]
fn config_found_upward_and_flags_win() {
    let dir = project();
    write(
        dir.path(),
        "recount.toml",
        "fail_on = \"never\"\nmin_severity = \"error\"\n\
         disable = [\"military\"]\n\
         [severity]\n\"general/percent-over-100\" = \"warning\"\n",
    );
    let sub = dir.path().join("corpus");
    let o = run_in(&sub, &["check", ".", "--format", "jsonl"]);
    assert_eq!(code(&o), 0, "fail_on = never: {}", stderr(&o));
    let fs = lines(&stdout(&o));
    // min_severity = error hides the warnings, and the overridden rule is one now.
    assert_eq!(
        rules_of(&fs),
        BTreeSet::from([
            "casualties/toll-disagreement".into(),
            "general/part-exceeds-whole".into()
        ])
    );
    assert!(
        stderr(&o).contains("(2 below min_severity not shown)"),
        "{}",
        stderr(&o)
    );
    // Flags win over the file.
    let o = run_in(
        &sub,
        &[
            "check",
            ".",
            "--format",
            "jsonl",
            "--fail-on",
            "error",
            "--min-severity",
            "info",
        ],
    );
    assert_eq!(code(&o), 1);
    let fs = lines(&stdout(&o));
    let pct = fs
        .iter()
        .find(|f| f["rule"] == "general/percent-over-100")
        .expect("percent finding");
    assert_eq!(pct["severity"], "warning");
    assert!(!rules_of(&fs).contains("military/strikes-tally-falls"));
    // --no-config reads no file; --config reads the one named.
    let o = run_in(&sub, &["check", ".", "--format", "jsonl", "--no-config"]);
    assert_eq!(
        rules_of(&lines(&stdout(&o))),
        EXAMPLE_RULES.map(String::from).into()
    );
    write(dir.path(), "other.toml", "fail_on = \"never\"\n");
    let o = run_in(dir.path(), &["--config", "other.toml", "check", "corpus"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn config_rules_columns_and_lexicon() {
    let dir = tempfile::tempdir().expect("temp");
    write(
        dir.path(),
        "recount.toml",
        "rules = [\"packs\"]\ndate_order = \"dmy\"\n\
         [columns]\ntext = \"story\"\nsource = \"paper\"\nplace = \"town\"\ndate = \"day\"\n\
         [places]\nkafr-nasim = [\"Kafr Nasim\", \"Kafr an-Nasim\"]\n\
         [vague]\ndozens = [12, 99]\n",
    );
    write(
        dir.path(),
        "packs/local.toml",
        "[pack]\nname = \"local\"\n[[rule]]\nid = \"vaccinated-disagreement\"\n\
         kind = \"disagreement\"\nseverity = \"warning\"\nconcepts = [\"vaccinated\"]\n\
         doc = \"Reports disagree on the number vaccinated.\"\n\
         [concepts.vaccinated]\nnouns = [\"vaccinations\"]\nverbs = [\"vaccinate\"]\n",
    );
    // Day-first dates: 4/3/2024 is 4 March. The two place spellings are one place.
    write(
        dir.path(),
        "corpus/news.csv",
        "paper,day,town,story\n\
         Alpha,4/3/2024,Kafr Nasim,\"Health workers vaccinated 300 people in Kafr Nasim on Monday.\"\n\
         Beta,4/3/2024,Kafr an-Nasim,\"Health workers vaccinated 900 people in Kafr an-Nasim on Monday.\"\n\
         Gamma,4/3/2024,Kafr Nasim,\"A bomb killed 16 people in Kafr Nasim.\"\n\
         Delta,4/3/2024,Kafr Nasim,\"Dozens were killed by a bomb in Kafr Nasim.\"\n",
    );
    let o = check_in(dir.path(), &["--fail-on", "never"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let fs = lines(&stdout(&o));
    // The user's pack runs, on columns named in the file, and the aliases make one
    // place of two spellings.
    assert_eq!(
        rules_of(&fs),
        BTreeSet::from(["local/vaccinated-disagreement".into()]),
        "{fs:#?}"
    );
    assert_eq!(fs[0]["event"], "kafr-nasim/2024-03-04");
    // "Dozens" reads as 12 to 99 here, so 16 fits it; with the built-in 24 to 99 it
    // does not.
    let o = check_in(
        dir.path(),
        &[
            "--fail-on",
            "never",
            "--no-config",
            "--rules",
            "packs",
            "--text-column",
            "story",
            "--source-column",
            "paper",
            "--place-column",
            "town",
            "--date-column",
            "day",
            "--date-order",
            "dmy",
        ],
    );
    let fs = lines(&stdout(&o));
    assert!(
        fs.iter()
            .any(|f| f["rule"] == "casualties/toll-disagreement"),
        "{fs:#?}\n{}",
        stderr(&o)
    );
}

#[test]
fn config_command_says_where_each_value_came_from() {
    let dir = tempfile::tempdir().expect("temp");
    write(dir.path(), "packs/local.toml", "[pack]\nname = \"local\"\n");
    write(dir.path(), "more/extra.toml", "[pack]\nname = \"extra\"\n");
    write(
        dir.path(),
        "recount.toml",
        "# project settings\nrules = [\"packs/local.toml\"]\nfail_on = \"warning\"\n\
         disable = [\"military/strikes-disagreement\"]\nignore = [\"0123456789abcdef\"]\n\n\
         [severity]\n\"casualties/toll-disagreement\" = \"warning\"\n\n\
         [vague]\n\"a few\" = [2, 4]\n\n[places]\nkobani = [\"Kobane\", \"Ain al-Arab\"]\n\n\
         [subjects]\n\"people.civilians\" = [\"villagers\"]\n\n\
         [concepts.killed]\nnouns = [\"martyrs\"]\n\n\
         [columns]\ntext = \"body\"\n",
    );
    let sub = dir.path().join("deep/er");
    fs::create_dir_all(&sub).expect("dirs");
    let o = run_in(
        &sub,
        &[
            "config",
            "--min-severity",
            "warning",
            "--source-column",
            "outlet",
            "--rules",
            "../../more",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    snap!("config_command", stdout(&o));
    // A path is a mistake here.
    let o = run_in(&sub, &["config", "corpus"]);
    assert_eq!(code(&o), 2);
    // No file: every value is a default.
    let o = run_in(&sub, &["config", "--no-config"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).starts_with("# settings file: none\n"));
    assert!(
        stdout(&o)
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('[') && !l.starts_with("# settings"))
            .all(|l| l.ends_with("# default")),
        "{}",
        stdout(&o)
    );
}

// ---------------------------------------------------------------------------------
// Baselines

fn fingerprints(baseline: &Path) -> Vec<String> {
    let v: Value =
        serde_json::from_str(&fs::read_to_string(baseline).expect("baseline")).expect("JSON");
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|e| e["fingerprint"].as_str().expect("fingerprint").to_string())
        .collect()
}

#[test]
fn baseline_round_trip() {
    let dir = project();
    let d = dir.path();
    // Write: every current finding is accepted, and the run passes.
    let o = check_in(d, &["--write-baseline", "baseline.json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("wrote 5 findings to the baseline baseline.json"),
        "{}",
        stderr(&o)
    );
    let first = fingerprints(&d.join("baseline.json"));
    assert_eq!(first.len(), 5);
    let text = fs::read_to_string(d.join("baseline.json")).expect("baseline");
    assert!(
        text.contains("\n      \"rule\": \"casualties/toll-disagreement\",\n"),
        "{text}"
    );
    // Re-run against it: clean.
    let o = check_in(d, &["--baseline", "baseline.json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("0 findings (5 in baseline)"),
        "{}",
        stderr(&o)
    );
    // A new contradicting article: exactly one new finding, and the run fails.
    write(
        d,
        "corpus/09-harbour-news-tel-hamra.md",
        "---\nsource: Harbour News\ndate: 2024-04-18\nplace: Tel Hamra\nfictional: true\n---\n\
         TEL HAMRA (Harbour News) - A turnout of 140 percent was reported in Tel Hamra.\n",
    );
    let o = check_in(d, &["--baseline", "baseline.json"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let new = lines(&stdout(&o));
    assert_eq!(new.len(), 1, "{new:#?}");
    assert_eq!(new[0]["rule"], "general/percent-over-100");
    assert!(
        stderr(&o).contains("1 finding: 1 error, 0 warnings, 0 info (5 in baseline)"),
        "{}",
        stderr(&o)
    );
    fs::remove_file(d.join("corpus/09-harbour-news-tel-hamra.md")).expect("rm");
    // Whitespace and unrelated edits elsewhere leave the fingerprints as they were.
    edit(&d.join("corpus/01-northern-courier-dar-sabil.md"), |t| {
        t.replacen("---\nDAR SABIL", "---\n\n\nDAR SABIL", 1)
            .replace("crowded vegetable market", "crowded   vegetable\n market")
            .replace("No group has claimed", "No group has yet claimed")
    });
    edit(&d.join("corpus/04-valley-herald-wadi-keram.md"), |t| {
        t.replace("more than 700 air strikes", "more than 700\nair  strikes")
    });
    let o = check_in(d, &["--write-baseline", "again.json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(fingerprints(&d.join("again.json")), first);
    let o = check_in(d, &["--baseline", "baseline.json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // A fixed finding is counted.
    fs::remove_file(d.join("corpus/07-meridian-wire-wadi-keram-vote.md")).expect("rm");
    let o = check_in(d, &["--baseline", "baseline.json"]);
    assert_eq!(code(&o), 0);
    assert!(
        stderr(&o).contains("(4 in baseline, 1 baselined finding no longer found)"),
        "{}",
        stderr(&o)
    );
    // A file that is not a baseline is an input error.
    write(d, "bad.json", "{\"version\": 1,\n \"entries\": []}\n");
    let o = check_in(d, &["--baseline", "bad.json"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).starts_with("bad.json:2:"), "{}", stderr(&o));
    let o = check_in(d, &["--baseline", "missing.json"]);
    assert_eq!(code(&o), 2);
    // The file was replaced whole: no temporary files stay behind.
    let names: BTreeSet<String> = fs::read_dir(d)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from(["again.json", "bad.json", "baseline.json", "corpus"].map(String::from))
    );
}

// ---------------------------------------------------------------------------------
// Suppression

#[test]
fn front_matter_suppresses_a_documents_findings() {
    let dir = project();
    edit(
        &dir.path()
            .join("corpus/07-meridian-wire-wadi-keram-vote.md"),
        |t| {
            t.replacen(
                "fictional: true",
                "fictional: true\nrecount-ignore: general/percent-over-100",
                1,
            )
        },
    );
    let o = check_in(dir.path(), &[]);
    assert!(!rules_of(&lines(&stdout(&o))).contains("general/percent-over-100"));
    assert!(
        stderr(&o).contains("4 findings: 2 errors, 2 warnings, 0 info (1 suppressed)"),
        "{}",
        stderr(&o)
    );
    // A pack name covers its rules.
    edit(
        &dir.path()
            .join("corpus/07-meridian-wire-wadi-keram-vote.md"),
        |t| {
            t.replace(
                "recount-ignore: general/percent-over-100",
                "recount-ignore: general",
            )
        },
    );
    let o = check_in(dir.path(), &[]);
    assert!(stderr(&o).contains("(1 suppressed)"), "{}", stderr(&o));
}

#[test]
fn inline_marker_suppresses_the_next_line() {
    let dir = project();
    let path = dir.path().join("corpus/04-valley-herald-wadi-keram.md");
    let marker = |ids: &str| {
        let ids = ids.to_string();
        move |t: String| {
            t.replacen(
                "An air strike on the village of Kafr Nasim",
                &format!(
                    "<!-- recount-ignore{ids} -->\nAn air strike on the village of Kafr Nasim"
                ),
                1,
            )
        }
    };
    let original = fs::read_to_string(&path).expect("read");
    // A marker naming another rule does not suppress.
    edit(&path, marker(" general/percent-over-100"));
    let o = check_in(dir.path(), &[]);
    assert!(rules_of(&lines(&stdout(&o))).contains("general/part-exceeds-whole"));
    assert!(!stderr(&o).contains("suppressed"), "{}", stderr(&o));
    // Naming the rule (among others) does.
    fs::write(&path, &original).expect("write");
    edit(
        &path,
        marker(" casualties/toll-disagreement, general/part-exceeds-whole"),
    );
    let o = check_in(dir.path(), &[]);
    let fs = lines(&stdout(&o));
    assert!(!rules_of(&fs).contains("general/part-exceeds-whole"));
    assert_eq!(fs.len(), 4);
    assert!(stderr(&o).contains("(1 suppressed)"), "{}", stderr(&o));
    // No ids: every rule.
    fs::write(&path, &original).expect("write");
    edit(&path, marker(""));
    let o = check_in(dir.path(), &[]);
    assert!(!rules_of(&lines(&stdout(&o))).contains("general/part-exceeds-whole"));
    // The marker covers only the line right after it.
    fs::write(&path, &original).expect("write");
    edit(&path, |t| {
        t.replacen(
            "An air strike on the village of Kafr Nasim",
            "<!-- recount-ignore -->\n\nAn air strike on the village of Kafr Nasim",
            1,
        )
    });
    let o = check_in(dir.path(), &[]);
    assert!(rules_of(&lines(&stdout(&o))).contains("general/part-exceeds-whole"));
}

#[test]
fn config_ignore_suppresses_by_fingerprint() {
    let dir = project();
    let o = run_in(dir.path(), &["check", "corpus", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let pct = v
        .as_array()
        .expect("array")
        .iter()
        .find(|f| f["rule"] == "general/percent-over-100")
        .expect("finding");
    let fp = pct["fingerprint"]
        .as_str()
        .expect("fingerprint")
        .to_string();
    write(
        dir.path(),
        "recount.toml",
        &format!("ignore = [\"{fp}\"]\n"),
    );
    let o = check_in(dir.path(), &[]);
    let fs = lines(&stdout(&o));
    assert_eq!(fs.len(), 4);
    assert!(!rules_of(&fs).contains("general/percent-over-100"));
    assert!(stderr(&o).contains("(1 suppressed)"), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------------
// Colour, width, pipes

fn table_with(env: &[(&str, Option<&str>)], args: &[&str]) -> String {
    let mut c = recount();
    c.args(["check", "examples/"]).args(args);
    for (k, v) in env {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    stdout(&c.output().expect("runs"))
}

#[test]
fn colour_obeys_flags_and_environment() {
    const ESC: &str = "\u{1b}[";
    // Off a terminal: no colour.
    assert!(!table_with(&[("NO_COLOR", None)], &[]).contains(ESC));
    assert!(table_with(&[("NO_COLOR", None), ("FORCE_COLOR", Some("1"))], &[]).contains(ESC));
    assert!(!table_with(&[("NO_COLOR", Some("1")), ("FORCE_COLOR", Some("1"))], &[]).contains(ESC));
    assert!(table_with(&[("NO_COLOR", Some("1"))], &["--color", "always"]).contains(ESC));
    assert!(!table_with(&[("NO_COLOR", None), ("FORCE_COLOR", Some("0"))], &[]).contains(ESC));
    assert!(
        !table_with(
            &[("NO_COLOR", None), ("FORCE_COLOR", Some("1"))],
            &["--color", "never"]
        )
        .contains(ESC)
    );
    // Formats for machines are never coloured.
    for f in ["json", "sarif", "github", "markdown", "csv"] {
        let out = table_with(
            &[("FORCE_COLOR", Some("1"))],
            &["--color", "always", "--format", f],
        );
        assert!(!out.contains(ESC), "{f}");
    }
}

#[test]
fn tables_have_a_fixed_width_off_a_terminal() {
    let out = table_with(&[("COLUMNS", None)], &[]);
    let borders: Vec<usize> = out
        .lines()
        .filter(|l| l.starts_with('┌') || l.starts_with('└'))
        .map(|l| l.chars().count())
        .collect();
    assert!(
        !borders.is_empty() && borders.iter().all(|&n| n == 100),
        "{out}"
    );
    let out = table_with(&[("COLUMNS", Some("60"))], &[]);
    assert!(
        out.lines()
            .filter(|l| l.starts_with('│'))
            .all(|l| l.chars().count() <= 60),
        "{out}"
    );
}

#[test]
fn a_closed_pipe_exits_quietly() {
    // The reader is gone before the first byte is written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_recount"))
        .current_dir(root())
        .args(["check", "examples/", "--format", "jsonl"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read stderr");
    let status = child.wait().expect("wait");
    assert_eq!(
        status.code(),
        Some(1),
        "the exit code still tells the findings: {err}"
    );
    assert_eq!(err.lines().count(), 1, "only the summary line: {err}");
    assert!(err.starts_with("8 documents, "), "{err}");

    // Through a shell pipeline, as users write it, with far more output than a pipe
    // holds: `head` leaves after one line and recount meets the closed pipe.
    let dir = tempfile::tempdir().expect("temp");
    for k in 0..60 {
        write(
            dir.path(),
            &format!("corpus/{k:02}.md"),
            &format!(
                "---\nsource: Outlet {k}\ndate: 2024-03-12\nplace: Dar Sabil\n---\n\
                 A car bomb killed {} people in Dar Sabil on Tuesday, officials said.\n",
                10 + 3 * k
            ),
        );
    }
    let o = Command::new("sh")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!(
            "'{}' check corpus --format jsonl | head -1",
            env!("CARGO_BIN_EXE_recount")
        ))
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs");
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("{\"rule\":\""), "{out}");
    let err = stderr(&o);
    assert_eq!(
        err.lines().count(),
        1,
        "only the summary line, no error message: {err}"
    );
    assert!(err.starts_with("60 documents, 60 claims, "), "{err}");
    let full = run_in(dir.path(), &["check", "corpus", "--format", "jsonl"]);
    assert!(
        full.stdout.len() > 1 << 17,
        "the output outgrows a pipe's buffer"
    );
}
