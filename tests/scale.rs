//! Scale: the map/reduce split (extract per shard, then `check --claims` over every
//! shard) gives the findings of a direct check, and the number of worker threads
//! never changes the output.

use crate::common::{code, run, shared, stderr, stdout};
use std::path::{Path, PathBuf};

/// The sample articles, sorted, as paths relative to the project root.
fn examples() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(crate::common::root().join("examples"))
        .expect("examples/ is readable")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") || n.ends_with(".txt"))
        .filter(|n| !n.eq_ignore_ascii_case("readme.md"))
        .map(|n| format!("examples/{n}"))
        .collect();
    files.sort();
    files
}

/// `recount extract FILES --format jsonl` into `out`.
fn extract_shard(files: &[String], out: &Path) {
    let mut args = vec!["extract"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--format", "jsonl"]);
    let o = run(&args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    std::fs::write(out, &o.stdout).expect("the shard is written");
}

/// `check --claims SHARDS` and a direct `check PATHS` give the same findings (and the
/// same exit code) in every machine-readable format.
fn assert_reduce_matches(shards: &[PathBuf], direct: &[&str]) {
    for format in ["jsonl", "json", "csv"] {
        let mut reduce = vec!["check", "--format", format, "--claims"];
        reduce.extend(
            shards
                .iter()
                .map(|p| p.to_str().expect("a UTF-8 temp path")),
        );
        let a = run(&reduce);
        let mut whole = vec!["check", "--format", format];
        whole.extend(direct);
        let b = run(&whole);
        assert_eq!(code(&a), code(&b), "{}\n{}", stderr(&a), stderr(&b));
        assert!(!stdout(&b).trim().is_empty());
        assert_eq!(stdout(&a), stdout(&b), "format {format}");
    }
}

#[test]
fn checking_claims_of_shards_finds_what_a_direct_check_finds() {
    let files = examples();
    assert!(files.len() >= 6, "{files:?}");
    let dir = tempfile::tempdir().expect("a temp dir");
    // Three shards of uneven size, in a different order from the files'.
    let cut = [0, 2, 5, files.len()];
    let mut shards = Vec::new();
    for (i, w) in cut.windows(2).enumerate().rev() {
        let p = dir.path().join(format!("shard{i}.jsonl"));
        extract_shard(&files[w[0]..w[1]], &p);
        shards.push(p);
    }
    assert_reduce_matches(&shards, &["examples"]);
    // The summary counts documents and claims the same way.
    let reduce = run(&[
        "check",
        "--format",
        "jsonl",
        "--claims",
        shards[0].to_str().expect("UTF-8"),
        shards[1].to_str().expect("UTF-8"),
        shards[2].to_str().expect("UTF-8"),
    ]);
    let direct = run(&["check", "--format", "jsonl", "examples"]);
    let last = |o: &std::process::Output| stderr(o).lines().last().unwrap_or("").to_string();
    assert_eq!(last(&reduce), last(&direct));
}

#[test]
fn claims_come_back_from_a_json_array_and_from_standard_input() {
    let array = run(&["extract", "examples", "--format", "json"]);
    assert_eq!(code(&array), 0);
    let dir = tempfile::tempdir().expect("a temp dir");
    let p = dir.path().join("claims.json");
    std::fs::write(&p, &array.stdout).expect("written");
    assert_reduce_matches(&[p], &["examples"]);

    let lines = run(&["extract", "examples", "--format", "jsonl"]);
    let mut child = crate::common::recount()
        .args(["check", "--format", "jsonl", "--claims", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the recount binary runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        stdin.write_all(&lines.stdout).expect("claims are sent");
    }
    let piped = child.wait_with_output().expect("recount finishes");
    let direct = run(&["check", "--format", "jsonl", "examples"]);
    assert_eq!(stdout(&piped), stdout(&direct));
}

#[test]
fn a_bad_claim_names_its_file_and_line() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let good = run(&["extract", "examples", "--format", "jsonl"]);
    let first = stdout(&good).lines().next().unwrap_or("").to_string();
    let p = dir.path().join("bad.jsonl");
    std::fs::write(&p, format!("{first}\n\n{{\"id\": 3}}\n")).expect("written");
    let o = run(&["check", "--claims", p.to_str().expect("UTF-8")]);
    assert_eq!(code(&o), 2);
    let e = stderr(&o);
    assert!(e.contains(&format!("{}:3:", p.display())), "{e}");
    assert!(e.contains("expected a string"), "{e}");

    let missing = dir.path().join("missing.jsonl");
    let o = run(&["check", "--claims", missing.to_str().expect("UTF-8")]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("missing.jsonl"), "{}", stderr(&o));

    // An empty claims file is no error: nothing to check.
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "\n").expect("written");
    let o = run(&[
        "check",
        "--format",
        "jsonl",
        "--claims",
        empty.to_str().expect("UTF-8"),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn claims_and_paths_do_not_mix() {
    let o = run(&["check", "examples", "--claims", "x.jsonl"]);
    assert_eq!(code(&o), 2);
    let o = run(&["check", "--jobs", "0", "examples"]);
    assert_eq!(code(&o), 2);
}

/// Output with one worker thread and with two, byte for byte.
fn assert_same_with_one_and_two_threads(args: &[&str]) {
    let with = |jobs: &str| {
        let mut a = args.to_vec();
        a.extend(["--jobs", jobs]);
        let o = run(&a);
        assert!(matches!(code(&o), 0 | 1), "{}", stderr(&o));
        o
    };
    let (one, two) = (with("1"), with("2"));
    assert!(!one.stdout.is_empty());
    assert_eq!(code(&one), code(&two));
    assert!(one.stdout == two.stdout, "{args:?}: output differs");
    assert_eq!(stderr(&one), stderr(&two), "{args:?}");
}

#[test]
fn one_thread_and_two_give_the_same_output_on_the_examples() {
    for format in ["jsonl", "table", "csv"] {
        assert_same_with_one_and_two_threads(&["extract", "examples", "--format", format]);
    }
    for format in ["jsonl", "table", "sarif"] {
        assert_same_with_one_and_two_threads(&["check", "examples", "--format", format]);
    }
}

#[test]
fn one_thread_and_two_give_the_same_output_on_fa_kes() {
    let Some(shared) = shared("one_thread_and_two_give_the_same_output_on_fa_kes") else {
        return;
    };
    let corpus = shared.join("corpora/fa-kes/FA-KES-Dataset.csv");
    let corpus = corpus.to_str().expect("a UTF-8 path");
    // 804 documents: several chunks, handed on in order whatever finishes first.
    assert_same_with_one_and_two_threads(&["extract", corpus, "--format", "jsonl"]);
    assert_same_with_one_and_two_threads(&["check", corpus, "--format", "jsonl"]);
}

#[test]
fn checking_claims_of_fa_kes_shards_finds_what_a_direct_check_finds() {
    let Some(shared) = shared("checking_claims_of_fa_kes_shards_finds_what_a_direct_check_finds")
    else {
        return;
    };
    let corpus = shared.join("corpora/fa-kes/FA-KES-Dataset.csv");
    let dir = tempfile::tempdir().expect("a temp dir");
    // Three CSV shards of the rows, each with the header; ids come from the id column,
    // so they do not depend on the file.
    let mut rdr = csv::Reader::from_path(&corpus).expect("FA-KES reads");
    let header = rdr.headers().expect("a header").clone();
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("a row")).collect();
    assert!(rows.len() > 600);
    let cut = [0, 250, 530, rows.len()];
    let mut shards = Vec::new();
    for (i, w) in cut.windows(2).enumerate() {
        let csv_path = dir.path().join(format!("shard{i}.csv"));
        let mut wtr = csv::Writer::from_path(&csv_path).expect("a shard file");
        wtr.write_record(&header).expect("header written");
        for r in &rows[w[0]..w[1]] {
            wtr.write_record(r).expect("row written");
        }
        wtr.flush().expect("shard flushed");
        let out = dir.path().join(format!("shard{i}.jsonl"));
        extract_shard(&[csv_path.to_string_lossy().into_owned()], &out);
        shards.push(out);
    }
    let whole = corpus.to_str().expect("a UTF-8 path");
    assert_reduce_matches(&shards, &[whole]);
}

#[test]
fn a_document_whose_claims_come_apart_is_named() {
    let lines = run(&["extract", "examples", "--format", "jsonl"]);
    assert_eq!(code(&lines), 0);
    let text = stdout(&lines);
    let all: Vec<&str> = text.lines().collect();
    // The first document's first claim moved to the end: its claims come in two runs.
    let first_doc = |l: &str| {
        let v: serde_json::Value = serde_json::from_str(l).expect("a claim");
        v["doc"].as_str().expect("a doc").to_string()
    };
    let doc = first_doc(all[0]);
    assert!(all.len() > 3 && first_doc(all[1]) == doc, "{doc}");
    let mut moved: Vec<&str> = all[1..].to_vec();
    moved.push(all[0]);
    let dir = tempfile::tempdir().expect("a temp dir");
    let p = dir.path().join("moved.jsonl");
    std::fs::write(&p, moved.join("\n") + "\n").expect("written");
    let o = run(&[
        "check",
        "--format",
        "jsonl",
        "--claims",
        p.to_str().expect("UTF-8"),
    ]);
    assert!(matches!(code(&o), 0 | 1), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains(&format!(
            "{}:{}: the claims of document `{doc}` resume here",
            p.display(),
            moved.len()
        )),
        "{e}"
    );
    // Kept together, there is no warning.
    let together = run(&["check", "--format", "jsonl", "--claims", "-"]);
    assert!(!stderr(&together).contains("resume here"));
}

/// Claims are read back from their place in the claims file for the findings'
/// evidence: leading blank lines (more than one read buffer), CRLF line ends and
/// blank lines between claims keep those places right.
#[test]
fn claims_come_back_from_their_place_in_the_file() {
    let lines = run(&["extract", "examples", "--format", "jsonl"]);
    assert_eq!(code(&lines), 0);
    let mut text = "\n".repeat(70_000);
    text.push_str("  \r\n");
    for l in stdout(&lines).lines() {
        text.push_str(l);
        text.push_str("\r\n\r\n");
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let p = dir.path().join("spaced.jsonl");
    std::fs::write(&p, text).expect("written");
    assert_reduce_matches(&[p], &["examples"]);
}
