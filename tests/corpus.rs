//! `recount corpus`: loading documents from every input format, and bad input.

use crate::common::{code, recount, run, run_in, stderr, stdout};
use crate::snap;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

/// The `id` of every JSON Lines record printed.
fn ids(out: &str) -> Vec<String> {
    records(out)
        .iter()
        .map(|r| r["id"].as_str().unwrap_or("").to_string())
        .collect()
}

fn records(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn examples_table() {
    let o = run(&["corpus", "examples/"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    snap!("examples_table", stdout(&o));
}

#[test]
fn examples_jsonl() {
    let o = run(&["corpus", "examples", "--format", "jsonl"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "recount: 8 documents loaded, 1 skipped (1 file not read: README or unknown file type)\n"
    );
    snap!("examples_jsonl", stdout(&o));
}

#[test]
fn json_and_csv_formats_list_the_same_documents() {
    let jsonl = stdout(&run(&["corpus", "examples", "--format", "jsonl"]));
    let json = stdout(&run(&["corpus", "examples", "--format", "json"]));
    let array: Vec<serde_json::Value> = serde_json::from_str(&json).expect("a JSON array");
    assert_eq!(array, records(&jsonl));
    let csv = stdout(&run(&["corpus", "examples", "--format", "csv"]));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,source,date,place,event,title,url,words,path,row,warnings")
    );
    assert_eq!(
        lines.next(),
        Some(
            "examples/01-northern-courier-dar-sabil.md,Northern Courier,2024-03-12,Dar Sabil,,\
             Car bomb kills 16 at Dar Sabil market,,139,examples/01-northern-courier-dar-sabil.md,,"
        )
    );
    assert_eq!(lines.count(), 7);
}

#[test]
fn fa_kes_loads_without_flags() {
    let Some(shared) = crate::common::shared("fa_kes_loads_without_flags") else {
        return;
    };
    let file = shared.join("corpora/fa-kes/FA-KES-Dataset.csv");
    let o = run(&[
        "corpus",
        file.to_str().unwrap_or_default(),
        "--format",
        "jsonl",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let recs = records(&stdout(&o));
    assert_eq!(recs.len(), 804);
    for r in &recs {
        let date = r["date"].as_str().unwrap_or("");
        assert!(
            jiff::civil::Date::strptime("%Y-%m-%d", date).is_ok(),
            "{r}: date not ISO"
        );
        assert!(r["source"].as_str().is_some_and(|s| !s.is_empty()), "{r}");
        assert!(r["place"].as_str().is_some_and(|s| !s.is_empty()), "{r}");
        assert!(r["title"].as_str().is_some_and(|s| !s.is_empty()), "{r}");
        assert!(r["words"].as_u64().is_some_and(|w| w > 0), "{r}");
    }
    // The first row: unit_id 1914947530, nna, 4/5/2017 (month first), idlib.
    assert_eq!(recs[0]["id"], "1914947530");
    assert_eq!(recs[0]["source"], "nna");
    assert_eq!(recs[0]["date"], "2017-04-05");
    assert_eq!(recs[0]["place"], "idlib");
    assert_eq!(recs[0]["row"], 1);
    assert!(stderr(&o).starts_with("recount: 804 documents loaded, 0 skipped"));
}

#[test]
fn seeds_load() {
    let Some(_) = crate::common::shared("seeds_load") else {
        return;
    };
    let o = run(&["corpus", "../shared/corpora/seeds", "--format", "jsonl"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let recs = records(&stdout(&o));
    assert_eq!(recs.len(), 2);
    for r in &recs {
        assert!(
            r["id"]
                .as_str()
                .unwrap_or("")
                .starts_with("../shared/corpora/seeds/")
        );
        assert_eq!(r["source"], "seeds", "source from the directory name");
    }
}

/// A temporary directory holding `good.txt` and the given files.
fn batch(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    fs::write(
        dir.path().join("good.txt"),
        "A good article about 12 people.\n",
    )
    .unwrap();
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

/// Run `recount corpus . --format jsonl` in `dir`.
fn corpus_in(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["corpus", "--format", "jsonl"];
    args.extend_from_slice(extra);
    run_in(dir, &args)
}

#[test]
fn binary_file_is_skipped() {
    let dir = batch(&[("zip.txt", b"PK\x03\x04\0\0\0binary")]);
    let o = corpus_in(dir.path(), &["."]);
    assert_eq!(code(&o), 0);
    assert_eq!(ids(&stdout(&o)), vec!["good.txt"]);
    assert!(
        stderr(&o).contains("recount: zip.txt: not a text file (it contains NUL bytes"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("1 document loaded, 1 skipped"));
}

#[test]
fn empty_file_is_skipped() {
    let dir = batch(&[("empty.md", b""), ("blank.csv", b"\n")]);
    let o = corpus_in(dir.path(), &["."]);
    assert_eq!(code(&o), 0);
    assert_eq!(ids(&stdout(&o)), vec!["good.txt"]);
    let err = stderr(&o);
    assert!(
        err.contains("recount: blank.csv: empty file; skipped\n"),
        "{err}"
    );
    assert!(
        err.contains("recount: empty.md: empty file; skipped\n"),
        "{err}"
    );
}

#[test]
fn ragged_csv_row_is_skipped() {
    let csv = b"id,title,text,source\n1,T1,First text,AP\n2,T2,\"Second,\ntext\",AP,extra\n3,T3,Third,AP\n";
    let dir = batch(&[("news.csv", csv)]);
    let o = corpus_in(dir.path(), &["news.csv", "good.txt"]);
    assert_eq!(code(&o), 0);
    assert_eq!(ids(&stdout(&o)), vec!["1", "3", "good.txt"]);
    assert_eq!(
        stderr(&o),
        "recount: news.csv:3: row 2 has 5 fields, the header has 4; skipped\n\
         recount: 3 documents loaded, 1 skipped\n"
    );
}

#[test]
fn broken_json_line_is_skipped() {
    let jsonl = b"{\"text\": \"One.\", \"source\": \"AP\"}\n{\"text\": \"Two.\", \n{\"text\": \"Three.\"}\n";
    let dir = batch(&[("rows.jsonl", jsonl)]);
    let o = corpus_in(dir.path(), &["."]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        ids(&stdout(&o)),
        vec!["good.txt", "rows.jsonl#1", "rows.jsonl#3"]
    );
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "recount: rows.jsonl:2:17: row 2: invalid JSON: EOF while parsing a value; skipped\n"
        ),
        "{err}"
    );
}

#[test]
fn broken_json_array_element_is_skipped() {
    let json = b"[\n {\"text\": \"One.\"},\n {\"text\": oops},\n {\"text\": \"Three.\"}\n]\n";
    let dir = batch(&[("rows.json", json)]);
    let o = corpus_in(dir.path(), &["rows.json"]);
    assert_eq!(code(&o), 0);
    assert_eq!(ids(&stdout(&o)), vec!["rows.json#1", "rows.json#3"]);
    assert!(
        stderr(&o).starts_with("recount: rows.json:3:11: row 2: invalid JSON: expected value"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unknown_column_is_an_error_for_that_file() {
    let dir = batch(&[
        ("a.csv", b"body,outlet\nText A,AP\n"),
        ("b.csv", b"content,outlet\nText B,AP\n"),
    ]);
    let o = corpus_in(
        dir.path(),
        &["a.csv", "b.csv", "good.txt", "--text-column", "body"],
    );
    assert_eq!(code(&o), 0);
    assert_eq!(ids(&stdout(&o)), vec!["a.csv#1", "good.txt"]);
    assert!(
        stderr(&o).starts_with(
            "recount: b.csv:1: no column named 'body' (given with --text-column); columns: \
             content, outlet; file skipped\n"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn row_with_empty_text_is_skipped() {
    let dir = batch(&[("t.tsv", b"text\tsource\nOne.\tAP\n \tAP\nThree.\tAFP\n")]);
    let o = corpus_in(dir.path(), &["t.tsv"]);
    assert_eq!(code(&o), 0);
    assert_eq!(ids(&stdout(&o)), vec!["t.tsv#1", "t.tsv#3"]);
    assert!(
        stderr(&o).starts_with("recount: t.tsv:3: row 2 has no text; skipped\n"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn invalid_utf8_loads_with_a_warning() {
    let dir = batch(&[(
        "latin1.txt",
        b"First line.\nCaf\xE9 owner said 3 were hurt.\n",
    )]);
    let o = corpus_in(dir.path(), &["."]);
    assert_eq!(code(&o), 0);
    let recs = records(&stdout(&o));
    assert_eq!(ids(&stdout(&o)), vec!["good.txt", "latin1.txt"]);
    assert_eq!(
        recs[1]["warnings"],
        serde_json::json!(["invalid UTF-8, decoded with replacement characters"])
    );
    assert_eq!(
        stderr(&o),
        "recount: latin1.txt:2: invalid UTF-8, decoded with replacement characters\n\
         recount: 2 documents loaded, 0 skipped, 1 warning\n"
    );
}

#[test]
fn utf16_with_bom_is_decoded() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "---\nsource: Ağ Haber\n---\nKobanî: 12 killed.\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let dir = batch(&[("utf16.txt", &bytes)]);
    let o = corpus_in(dir.path(), &["utf16.txt"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let recs = records(&stdout(&o));
    assert_eq!(recs[0]["source"], "Ağ Haber");
    assert_eq!(recs[0]["words"], 3);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_skipped() {
    let dir = batch(&[]);
    std::os::unix::fs::symlink("nowhere.txt", dir.path().join("dangling.txt")).unwrap();
    let o = corpus_in(dir.path(), &["dangling.txt", "missing.md", "good.txt"]);
    assert_eq!(code(&o), 0);
    assert_eq!(ids(&stdout(&o)), vec!["good.txt"]);
    let err = stderr(&o);
    assert!(
        err.contains("recount: dangling.txt: cannot read: "),
        "{err}"
    );
    assert!(err.contains("recount: missing.md: cannot read: "), "{err}");
    assert!(
        err.ends_with("recount: 1 document loaded, 2 skipped\n"),
        "{err}"
    );
}

#[test]
fn unknown_extension_named_explicitly_is_reported() {
    let dir = batch(&[("notes.docx", b"x")]);
    let o = corpus_in(dir.path(), &["notes.docx", "good.txt"]);
    assert_eq!(code(&o), 0);
    assert!(
        stderr(&o).starts_with("recount: notes.docx: unknown file type"),
        "{}",
        stderr(&o)
    );
    // Inside a directory it is only counted.
    let o = corpus_in(dir.path(), &["."]);
    assert_eq!(
        stderr(&o),
        "recount: 1 document loaded, 1 skipped (1 file not read: README or unknown file type)\n"
    );
}

#[test]
fn reads_one_document_from_stdin() {
    let mut child = recount()
        .args(["corpus", "-", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("recount starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"---\ntitle: Piped\n---\nBEIRUT, 4 May 2017 - Text.\n")
        .unwrap();
    let o = child.wait_with_output().expect("recount ends");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let recs = records(&stdout(&o));
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "<stdin>");
    assert_eq!(recs[0]["title"], "Piped");
    assert_eq!(recs[0]["date"], "2017-05-04");
}

#[test]
fn exit_2_when_nothing_loads() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    let o = run_in(dir.path(), &["corpus", "empty.txt"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stdout(&o),
        "0 documents loaded, 1 skipped; nothing to read\n"
    );
    assert_eq!(stderr(&o), "recount: empty.txt: empty file; skipped\n");

    let o = run(&["corpus"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no input"), "{}", stderr(&o));

    let o = run(&["corpus", "examples", "--format", "xml"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--format"), "{}", stderr(&o));
}

#[test]
fn date_order_flag() {
    let dir = batch(&[("d.csv", b"text,date\nOne.,4/5/2017\n")]);
    let o = corpus_in(dir.path(), &["d.csv", "--date-order", "dmy"]);
    assert_eq!(records(&stdout(&o))[0]["date"], "2017-05-04");
    assert_eq!(stderr(&o), "recount: 1 document loaded, 0 skipped\n");
    let o = corpus_in(dir.path(), &["d.csv"]);
    assert_eq!(records(&stdout(&o))[0]["date"], "2017-04-05");
    assert!(
        stderr(&o).starts_with("recount: d.csv:1: every date in column 'date' reads both"),
        "{}",
        stderr(&o)
    );
}
