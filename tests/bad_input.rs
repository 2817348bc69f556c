//! The bad-input matrix: each kind of broken, odd or hostile input, run through the
//! binary beside two good articles that disagree on a toll. Each case asserts the
//! message the user sees, the exit code, and that the good articles were still read
//! and checked (their finding is reported), so one bad input never costs the batch.
//!
//! Rules and config files are the exception: an error there stops the run with exit 2
//! before any article is read, since the checks would not be the ones asked for.

use crate::common::{code, run_in, stderr, stdout};
use std::fs;
use std::path::Path;
use std::time::Instant;

/// A temporary directory holding the two good articles.
fn batch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let d = dir.path();
    fs::write(
        d.join("a-good.md"),
        "---\nsource: Good Wire\ndate: 2024-03-12\nplace: Aleppo\n---\n\
         A car bomb killed 16 people in Aleppo on Tuesday.\n",
    )
    .expect("write");
    fs::write(
        d.join("b-good.md"),
        "---\nsource: Other Wire\ndate: 2024-03-12\nplace: Aleppo\n---\n\
         A car bomb killed 40 people in Aleppo on Tuesday.\n",
    )
    .expect("write");
    dir
}

/// Run `recount check . --format jsonl` in `dir`; assert the good articles' finding is
/// there and the exit code is 1 (that finding is an error); return standard error.
fn check_batch(dir: &Path) -> String {
    let o = run_in(dir, &["check", ".", "--format", "jsonl"]);
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(code(&o), 1, "stderr: {err}");
    let out = stdout(&o);
    let found = out.lines().any(|l| {
        let f: serde_json::Value = serde_json::from_str(l).expect("JSON Lines");
        let docs: Vec<&str> = f["claims"]
            .as_array()
            .map(|cs| cs.iter().filter_map(|c| c["doc"].as_str()).collect())
            .unwrap_or_default();
        f["rule"] == "casualties/toll-disagreement"
            && docs.contains(&"a-good.md")
            && docs.contains(&"b-good.md")
    });
    assert!(
        found,
        "the good articles' finding is missing:\n{out}\n{err}"
    );
    err
}

fn has_line(err: &str, line: &str) {
    assert!(
        err.lines().any(|l| l == line),
        "no line {line:?} in:\n{err}"
    );
}

/// The documents line of the summary, e.g. "3 documents, 4 claims, ...".
fn documents(err: &str) -> usize {
    err.lines()
        .filter_map(|l| l.split_once(" document").map(|(n, _)| n))
        .filter_map(|n| n.trim().parse().ok())
        .next_back()
        .unwrap_or_else(|| panic!("no summary in:\n{err}"))
}

/// Claims extracted from one file, as JSON Lines.
fn claims_of(dir: &Path, file: &str) -> Vec<serde_json::Value> {
    let o = run_in(dir, &["extract", file, "--format", "jsonl"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON Lines"))
        .collect()
}

#[test]
fn empty_file() {
    let dir = batch();
    fs::write(dir.path().join("empty.txt"), "").expect("write");
    let err = check_batch(dir.path());
    has_line(&err, "recount: empty.txt: empty file; skipped");
    assert_eq!(documents(&err), 2);
}

#[test]
fn empty_corpus_header_only() {
    let dir = batch();
    fs::write(dir.path().join("header.csv"), "text,source,date\n").expect("write");
    fs::write(dir.path().join("nothing.jsonl"), "\n\n  \n").expect("write");
    fs::write(dir.path().join("none.json"), "[]").expect("write");
    let err = check_batch(dir.path());
    has_line(
        &err,
        "recount: header.csv: no rows below the header; skipped",
    );
    has_line(&err, "recount: nothing.jsonl: no rows; skipped");
    has_line(&err, "recount: none.json: no rows; skipped");
    assert_eq!(documents(&err), 2);
}

#[test]
fn only_whitespace() {
    let dir = batch();
    fs::write(dir.path().join("blank.md"), " \n\t\n\u{a0}\u{2003}\n").expect("write");
    fs::write(dir.path().join("blank.csv"), "   \n\n").expect("write");
    fs::write(dir.path().join("fm.md"), "---\nsource: X\n---\n \n").expect("write");
    let err = check_batch(dir.path());
    has_line(&err, "recount: blank.md: empty file; skipped");
    has_line(&err, "recount: blank.csv: empty file; skipped");
    has_line(
        &err,
        "recount: fm.md:4: no text after the front matter; skipped",
    );
    assert_eq!(documents(&err), 2);
}

#[test]
fn binary_files() {
    let dir = batch();
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
    for name in ["photo.txt", "data.csv", "rows.jsonl", "array.json"] {
        fs::write(dir.path().join(name), &bytes).expect("write");
    }
    let err = check_batch(dir.path());
    for name in ["photo.txt", "data.csv", "rows.jsonl", "array.json"] {
        has_line(
            &err,
            &format!(
                "recount: {name}: not a text file (it contains NUL bytes; UTF-16 text needs a \
                 byte-order mark); skipped"
            ),
        );
    }
    assert_eq!(documents(&err), 2);
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let dir = batch();
    fs::write(
        dir.path().join("latin1.txt"),
        b"Caf\xE9 owner says 5 people were killed.\nMore text \xFF\xFE.\n",
    )
    .expect("write");
    let err = check_batch(dir.path());
    has_line(
        &err,
        "recount: latin1.txt:1: invalid UTF-8, decoded with replacement characters",
    );
    assert_eq!(documents(&err), 3);
    let claims = claims_of(dir.path(), "latin1.txt");
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["text"], "5 people");
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf16_with_byte_order_mark() {
    let dir = batch();
    let text = "---\nsource: Wide Wire\n---\nA blast in Kobanî killed 7 people.\n";
    fs::write(dir.path().join("le.md"), utf16(text, false)).expect("write");
    fs::write(dir.path().join("be.md"), utf16(text, true)).expect("write");
    let mut csv = utf16("text,source\n\"Some 30 people died.\",Wide Wire\n", false);
    fs::write(dir.path().join("rows.csv"), &csv).expect("write");
    // An odd byte at the end: half a code unit.
    csv.push(0x41);
    fs::write(dir.path().join("odd.csv"), &csv).expect("write");
    let err = check_batch(dir.path());
    has_line(
        &err,
        "recount: odd.csv: invalid UTF-16 sequences were replaced with U+FFFD",
    );
    assert_eq!(documents(&err), 6);
    for (file, text) in [
        ("le.md", "7 people"),
        ("be.md", "7 people"),
        ("rows.csv", "Some 30 people"),
    ] {
        let claims = claims_of(dir.path(), file);
        assert_eq!(claims.len(), 1, "{file}: {claims:?}");
        assert_eq!(claims[0]["text"], text, "{file}");
    }
}

/// 100 MB on one line, through `recount corpus` (reading, decoding, front matter and
/// dateline detection); extraction in a debug build takes too long at this size, so
/// the 10 MB case below goes through `recount check`.
#[test]
fn hundred_megabyte_line() {
    let dir = batch();
    let unit = "the quick brown fox jumps over the lazy dog near the river bank ";
    let mut text = String::with_capacity(100 << 20);
    text.push_str("5 April 2017 ");
    let mut units = 0;
    while text.len() < 100 << 20 {
        text.push_str(unit);
        units += 1;
    }
    fs::write(dir.path().join("huge.txt"), &text).expect("write");
    drop(text);
    let o = run_in(dir.path(), &["corpus", ".", "--format", "jsonl"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    has_line(&stderr(&o), "recount: 3 documents loaded, 0 skipped");
    let out = stdout(&o);
    let huge = out
        .lines()
        .find(|l| l.contains("\"huge.txt\""))
        .expect("the huge file is listed");
    let rec: serde_json::Value = serde_json::from_str(huge).expect("JSON");
    assert_eq!(rec["date"], "2017-04-05");
    assert_eq!(rec["words"], 3 + 13 * units);
}

/// 10 MB on one line, a toll in the middle of it, through extraction and the checks:
/// no sentence stop anywhere, so the whole line is one sentence.
#[test]
fn check_ten_megabyte_line() {
    let dir = batch();
    let unit = "the quick brown fox jumps over the lazy dog near the river bank ";
    let half = unit.repeat((5 << 20) / unit.len());
    let text = format!(
        "---\nsource: Long Wire\ndate: 2024-03-12\nplace: Aleppo\n---\n{half}a car bomb \
         killed 16 people in Aleppo {half}and {} more {half}\n",
        "1,000".repeat(2_000)
    );
    fs::write(dir.path().join("long.md"), &text).expect("write");
    let t = Instant::now();
    let err = check_batch(dir.path());
    assert_eq!(documents(&err), 3);
    assert!(
        t.elapsed().as_secs() < 60,
        "10 MB took {:?} to check",
        t.elapsed()
    );
    let claims = claims_of(dir.path(), "long.md");
    let texts: Vec<&str> = claims.iter().filter_map(|c| c["text"].as_str()).collect();
    assert!(texts.contains(&"16 people"), "{texts:?}");
    for c in &claims {
        let len = c["end"].as_u64().unwrap_or(0) - c["start"].as_u64().unwrap_or(0);
        assert!(len < 100, "a mention of {len} bytes: {}", c["quantity"]);
        let sentence = c["sentence"].as_str().unwrap_or_default();
        assert!(
            sentence.len() < 4096,
            "a claim keeps {} bytes of sentence",
            sentence.len()
        );
    }
}

#[test]
fn number_with_a_million_digits() {
    let dir = batch();
    let digits = "9".repeat(1_000_000);
    fs::write(
        dir.path().join("digits.txt"),
        format!("A bomb killed {digits} people. Another {digits}.{digits} percent."),
    )
    .expect("write");
    let err = check_batch(dir.path());
    assert_eq!(documents(&err), 3);
    for c in claims_of(dir.path(), "digits.txt") {
        // Too large to be a count; whatever is read stays a well-formed interval.
        if let (Some(l), Some(h)) = (c["low"].as_f64(), c["high"].as_f64()) {
            assert!(l <= h, "{}", c["quantity"]);
        }
    }
}

#[test]
fn more_than_repeated() {
    let dir = batch();
    let text = format!(
        "{}700 air strikes hit the city.",
        "more than ".repeat(100_000)
    );
    fs::write(dir.path().join("more.txt"), text).expect("write");
    let err = check_batch(dir.path());
    assert_eq!(documents(&err), 3);
    let claims = claims_of(dir.path(), "more.txt");
    let strikes: Vec<_> = claims
        .iter()
        .filter(|c| {
            c["text"]
                .as_str()
                .is_some_and(|t| t.ends_with("700 air strikes"))
        })
        .collect();
    assert_eq!(strikes.len(), 1, "{claims:?}");
    assert_eq!(strikes[0]["low"], 701.0);
}

#[test]
fn deeply_nested_and_huge_json() {
    let dir = batch();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let open_only = "{\"a\":".repeat(50_000);
    let big_text = format!("A bomb killed 9 people. {}", "word ".repeat(4_000_000));
    let big_number = "1".repeat(1_000_000);
    let lines = [
        format!("{{\"text\":\"Some 30 people died.\",\"x\":{deep}}}"),
        format!("{{\"text\":\"Six died.\",\"x\":{open_only}"),
        format!("{{\"text\":\"{big_text}\",\"source\":\"Big\"}}"),
        format!("{{\"text\":\"Four died.\",\"n\":{big_number}}}"),
        "{\"text\":\"Two died.\"}".to_string(),
    ];
    fs::write(dir.path().join("rows.jsonl"), lines.join("\n")).expect("write");
    fs::write(
        dir.path().join("array.json"),
        format!(
            "[{deep},{{\"text\":\"Three died.\"}},{}]",
            "{\"a\":[".repeat(40_000)
        ),
    )
    .expect("write");
    let err = check_batch(dir.path());
    has_line(
        &err,
        "recount: rows.jsonl:2:250024: row 2: invalid JSON: EOF while parsing a value; skipped",
    );
    assert!(
        err.lines()
            .any(|l| l.starts_with("recount: array.json:1:2: row 1: invalid JSON")),
        "{err}"
    );
    has_line(
        &err,
        "recount: array.json:1: the file ends inside a JSON value; rest of file skipped",
    );
    has_line(
        &err,
        "recount: rows.jsonl:4:1000025: row 4: invalid JSON: number out of range; skipped",
    );
    // Rows 1 (nesting in a field that is not read), 3 (20 MB of text) and 5, and the
    // array's second element.
    assert_eq!(documents(&err), 6);
    let o = run_in(dir.path(), &["corpus", "rows.jsonl", "--format", "jsonl"]);
    let ids: Vec<String> = stdout(&o)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|r| r["id"].as_str().map(str::to_string))
        .collect();
    for id in ["rows.jsonl#1", "rows.jsonl#3", "rows.jsonl#5"] {
        assert!(ids.iter().any(|i| i == id), "{id} missing from {ids:?}");
    }
}

#[test]
fn csv_ragged_rows_and_missing_header() {
    let dir = batch();
    fs::write(
        dir.path().join("ragged.csv"),
        "text,source\n\"A bomb killed 5 people.\",AP\n\"x\",AP,extra\nshort\n\"Nine died.\",AFP\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("nohead.csv"),
        "1,Bomb kills 5,A bomb killed 5 people.\n2,x,y\n",
    )
    .expect("write");
    let err = check_batch(dir.path());
    has_line(
        &err,
        "recount: ragged.csv:3: row 2 has 3 fields, the header has 2; skipped",
    );
    has_line(
        &err,
        "recount: ragged.csv:4: row 3 has 1 fields, the header has 2; skipped",
    );
    assert!(
        err.lines()
            .any(|l| l.starts_with("recount: nohead.csv:1: no text column")
                && l.ends_with("file skipped")),
        "{err}"
    );
    assert_eq!(documents(&err), 4);
}

#[test]
fn jsonl_with_one_broken_line() {
    let dir = batch();
    fs::write(
        dir.path().join("rows.jsonl"),
        "{\"text\":\"A bomb killed 5 people.\"}\n{\"text\":\"Six died.\"}\n\
         {\"text\": \"broken\n\n{\"text\":\"Seven died.\"}\n",
    )
    .expect("write");
    let err = check_batch(dir.path());
    has_line(
        &err,
        "recount: rows.jsonl:3:16: row 3: invalid JSON: EOF while parsing a string; skipped",
    );
    assert_eq!(documents(&err), 5);
}

#[cfg(unix)]
#[test]
fn directory_symlink_loop() {
    let dir = batch();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).expect("mkdir");
    fs::write(sub.join("c.txt"), "Nothing to count here.").expect("write");
    std::os::unix::fs::symlink("..", sub.join("up")).expect("symlink");
    std::os::unix::fs::symlink(".", dir.path().join("self")).expect("symlink");
    let err = check_batch(dir.path());
    has_line(
        &err,
        "recount: self: symbolic link back into a directory being read; not followed",
    );
    has_line(
        &err,
        "recount: sub/up: symbolic link back into a directory being read; not followed",
    );
    assert_eq!(documents(&err), 3);
}

/// Symbolic links that fan out (two links to the next directory, twenty levels deep)
/// once made a million paths to one file; each directory is now read once.
#[cfg(unix)]
#[test]
fn directory_symlink_fan_out() {
    let dir = batch();
    let d = dir.path();
    let depth = 20;
    for i in 0..=depth {
        fs::create_dir(d.join(format!("fan{i}"))).expect("mkdir");
    }
    for i in 0..depth {
        for link in ["a", "b"] {
            std::os::unix::fs::symlink(
                format!("../fan{}", i + 1),
                d.join(format!("fan{i}/{link}")),
            )
            .expect("symlink");
        }
    }
    fs::write(d.join(format!("fan{depth}/x.txt")), "Nothing to count.").expect("write");
    let t = Instant::now();
    let err = check_batch(d);
    assert!(t.elapsed().as_secs() < 30, "took {:?}", t.elapsed());
    assert_eq!(documents(&err), 3, "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("recount: fan0/a/")
                && l.ends_with("already read; not read again")),
        "{err}"
    );
}

/// Whether this process can read a file it made unreadable (true for root).
#[cfg(unix)]
fn permissions_bind(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    fs::write(&probe, "x").expect("write");
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).expect("chmod");
    let bind = fs::read(&probe).is_err();
    let _ = fs::remove_file(&probe);
    bind
}

/// An unreadable file: with `chmod 000` where permissions bind; as root (where they do
/// not) a dangling symbolic link and a named pipe stand in for it. A pipe inside a
/// directory used to hang the walk: opening it waits for a writer.
#[cfg(unix)]
#[test]
fn unreadable_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = batch();
    let d = dir.path();
    let mut expected = vec![(
        "gone.txt",
        "recount: gone.txt: cannot read: No such file or directory (os error 2); skipped",
    )];
    std::os::unix::fs::symlink("missing.txt", d.join("gone.txt")).expect("symlink");
    if permissions_bind(d) {
        fs::write(d.join("locked.txt"), "A bomb killed 3 people.").expect("write");
        fs::set_permissions(d.join("locked.txt"), fs::Permissions::from_mode(0o000))
            .expect("chmod");
        expected.push((
            "locked.txt",
            "recount: locked.txt: cannot read: Permission denied (os error 13); skipped",
        ));
    } else {
        eprintln!("unreadable_files: running as root, chmod 000 does not bind; using a pipe");
    }
    let made = std::process::Command::new("mkfifo")
        .arg(d.join("pipe.txt"))
        .status()
        .is_ok_and(|s| s.success());
    if made {
        expected.push((
            "pipe.txt",
            "recount: pipe.txt: not a regular file (a named pipe, socket or device); skipped",
        ));
    } else {
        eprintln!("unreadable_files: mkfifo is not available; no pipe case");
    }
    let err = check_batch(d);
    for (_, line) in &expected {
        has_line(&err, line);
    }
    assert_eq!(documents(&err), 2);
}

#[test]
fn rules_file_mistakes_point_at_line_and_column() {
    let dir = batch();
    let d = dir.path();
    let cases = [
        (
            "syntax.toml",
            "[pack]\nname = \"x\nkind = 1\n",
            "syntax.toml:2:10: error: invalid TOML",
        ),
        (
            "unknown-key.toml",
            "[pack]\nname = \"x\"\ndescription = \"d\"\ncolour = \"red\"\n",
            "unknown-key.toml:4:1:",
        ),
        (
            "bad-kind.toml",
            "[pack]\nname = \"x\"\ndescription = \"d\"\n[[rule]]\nid = \"r\"\nkind = \"nope\"\n\
             severity = \"error\"\nmessage = \"m\"\ndoc = \"d\"\n",
            "bad-kind.toml:6:8:",
        ),
        (
            "bad-severity.toml",
            "[pack]\nname = \"x\"\ndescription = \"d\"\n[[rule]]\nid = \"r\"\n\
             kind = \"bounds\"\nseverity = \"fatal\"\nmessage = \"m\"\ndoc = \"d\"\n",
            "bad-severity.toml:7:12:",
        ),
        (
            "bad-tolerance.toml",
            "[pack]\nname = \"x\"\ndescription = \"d\"\n[[rule]]\nid = \"r\"\n\
             kind = \"disagreement\"\nseverity = \"error\"\ntolerance = \"ten\"\n\
             message = \"m\"\ndoc = \"d\"\n",
            "bad-tolerance.toml:8:13:",
        ),
        (
            "bad-window.toml",
            "[pack]\nname = \"x\"\ndescription = \"d\"\n[[rule]]\nid = \"r\"\n\
             kind = \"disagreement\"\nseverity = \"error\"\nwindow = \"2 fortnights\"\n\
             message = \"m\"\ndoc = \"d\"\n",
            "bad-window.toml:8:10:",
        ),
        (
            "bad-template.toml",
            "[pack]\nname = \"x\"\ndescription = \"d\"\n[[rule]]\nid = \"r\"\n\
             kind = \"disagreement\"\nseverity = \"error\"\nmessage = \"{a.nope}\"\n\
             doc = \"d\"\n",
            "bad-template.toml:8:12: error: unknown field `{a.nope}`",
        ),
        (
            "unknown-concept.toml",
            "[pack]\nname = \"x\"\ndescription = \"d\"\n[[rule]]\nid = \"r\"\n\
             kind = \"disagreement\"\nseverity = \"error\"\nconcepts = [\"nope\"]\n\
             message = \"m\"\ndoc = \"d\"\n",
            "unknown-concept.toml:8:13: error: unknown concept `nope`",
        ),
        (
            "duplicate-id.toml",
            "[pack]\nname = \"x\"\ndescription = \"d\"\n[[rule]]\nid = \"r\"\nkind = \"bounds\"\n\
             severity = \"error\"\nmax = 1\nmessage = \"m\"\ndoc = \"d\"\n[[rule]]\nid = \"r\"\n\
             kind = \"bounds\"\nseverity = \"error\"\nmax = 1\nmessage = \"m\"\ndoc = \"d\"\n",
            "duplicate-id.toml:12:1: error: duplicate rule id `x/r` (first at duplicate-id.toml:5:1)",
        ),
        (
            "no-bounds.toml",
            "[pack]\nname = \"x\"\ndescription = \"d\"\n[[rule]]\nid = \"r\"\nkind = \"bounds\"\n\
             severity = \"error\"\nmessage = \"m\"\ndoc = \"d\"\n",
            "no-bounds.toml:4:1: error: bounds rule `r` has neither `min` nor `max`",
        ),
    ];
    for (name, text, _) in &cases {
        fs::write(d.join(name), text).expect("write");
    }
    for (name, _, at) in &cases {
        let o = run_in(d, &["check", ".", "--rules", name]);
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "{name}: {err}");
        assert!(
            err.lines()
                .any(|l| l.starts_with(at) && l.contains(": error: ")),
            "{name}: no error at {at} in:\n{err}"
        );
        assert!(
            err.lines().any(|l| l.ends_with("in rules files")),
            "{name}: {err}"
        );
        assert_eq!(stdout(&o), "", "{name}: nothing is checked");
    }
}

#[test]
fn config_with_an_unknown_key() {
    let dir = batch();
    let d = dir.path();
    fs::write(
        d.join("recount.toml"),
        "fail_on = \"warning\"\ncolour = \"never\"\n",
    )
    .expect("write");
    let o = run_in(d, &["check", "."]);
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("recount.toml:2:1: ") && l.contains("unknown key `colour`")),
        "{err}"
    );
    assert_eq!(stdout(&o), "");
}

/// Standard input that is empty, or binary, beside good files.
#[test]
fn standard_input() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = batch();
    for (input, line) in [
        (&b""[..], "recount: <stdin>: empty file; skipped"),
        (
            &b"\x00\x01\x02binary"[..],
            "recount: <stdin>: not a text file (it contains NUL bytes; UTF-16 text needs a \
             byte-order mark); skipped",
        ),
    ] {
        let mut child = crate::common::recount()
            .current_dir(dir.path())
            .args(["check", "-", "a-good.md", "b-good.md", "--format", "jsonl"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("recount starts");
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(input).expect("write to stdin");
        }
        let o = child.wait_with_output().expect("recount runs");
        let err = stderr(&o);
        assert_eq!(code(&o), 1, "{err}");
        has_line(&err, line);
        assert_eq!(documents(&err), 2, "{err}");
        assert!(stdout(&o).contains("casualties/toll-disagreement"));
    }
}
