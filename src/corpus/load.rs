//! The loader: turns the paths a user gave into a stream of documents and problems.

use super::columns::ColumnMap;
use super::decode::{self, OpenError};
use super::delimited;
use super::json::{self, JsonKind};
use super::text::text_document;
use crate::date::DateOrder;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// How to read corpus files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    pub columns: ColumnMap,
    /// How to read numeric dates such as 4/5/2017; `None` detects it per column (the
    /// first value that can only be read one way decides) and reads ambiguous columns
    /// month first.
    pub date_order: Option<DateOrder>,
}

/// One item of the loader's stream.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    Document(super::Document),
    Problem(Problem),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemSeverity {
    /// Something was read in a degraded way (lossy decoding, an unreadable date); the
    /// document still loads.
    Warning,
    /// Something (a file, a row) was skipped.
    Error,
}

/// Bad input met while loading. Displays as `path:line: message` (with `:column` after
/// the line when known, and without the line when there is none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user named it (`<stdin>` for standard input).
    pub path: String,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub severity: ProblemSeverity,
    pub message: String,
}

impl Problem {
    pub fn error(path: &str, line: Option<u64>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_string(),
            line,
            column: None,
            severity: ProblemSeverity::Error,
            message: message.into(),
        }
    }

    pub fn warning(path: &str, line: Option<u64>, message: impl Into<String>) -> Problem {
        Problem {
            severity: ProblemSeverity::Warning,
            ..Problem::error(path, line, message)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Counts of what the loader has yielded so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadStats {
    /// Documents yielded.
    pub documents: u64,
    /// Files or rows skipped, each reported by a [`ProblemSeverity::Error`] problem.
    pub skipped: u64,
    /// Warnings reported.
    pub warnings: u64,
    /// Files met inside directories and not read: unknown extensions and READMEs. They
    /// are not reported one by one.
    pub not_read: u64,
}

/// The paths that name standard input.
pub const STDIN_PATH: &str = "-";
/// How standard input is shown in ids and messages.
pub const STDIN_NAME: &str = "<stdin>";

/// What a file's extension says it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileKind {
    Text,
    Csv,
    Tsv,
    Json(JsonKind),
}

fn file_kind(path: &Path) -> Option<FileKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" | "text" | "md" | "markdown" => FileKind::Text,
        "csv" => FileKind::Csv,
        "tsv" | "tab" => FileKind::Tsv,
        "jsonl" | "ndjson" => FileKind::Json(JsonKind::Lines),
        "json" => FileKind::Json(JsonKind::Array),
        _ => return None,
    })
}

/// `README.md`, `readme.txt`: notes beside a corpus, not articles.
fn is_readme(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    stem.eq_ignore_ascii_case("readme")
}

/// A path as shown to the user, with `/` separators.
fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

/// A directory being walked: its entries, sorted, still to visit.
struct Frame {
    shown: String,
    canonical: PathBuf,
    entries: std::vec::IntoIter<(String, PathBuf)>,
}

/// Streams documents and problems from files, directories and standard input.
///
/// Paths are read in the order given; a directory is walked in sorted order (by file
/// name, bytewise), skipping hidden entries (names starting with `.`), README files
/// and files with an unknown extension, and following symbolic links except back into
/// a directory already being walked. Each directory is read once: one reached again
/// (through a symbolic link, or named twice) is reported and passed over, so links that
/// fan out to the same directories cannot multiply the walk. A corpus file yields its
/// rows in order. Nothing stops the stream: each unreadable file, bad row or odd value
/// becomes a [`Problem`].
pub struct Loader {
    opts: LoadOptions,
    inputs: VecDeque<PathBuf>,
    stack: Vec<Frame>,
    /// Canonical paths of the directories on the stack, to stop symbolic-link loops.
    walking: HashSet<PathBuf>,
    /// Canonical paths of the directories read so far, with the path each was read as.
    read: HashMap<PathBuf, String>,
    rows: Option<Box<dyn Iterator<Item = Loaded> + Send>>,
    pending: VecDeque<Loaded>,
    stdin: Option<Box<dyn Read + Send>>,
    stats: LoadStats,
}

/// Load documents from `paths` (files, directories, or `-` for standard input).
pub fn load(paths: &[PathBuf], opts: &LoadOptions) -> Loader {
    Loader {
        opts: opts.clone(),
        inputs: paths.iter().cloned().collect(),
        stack: Vec::new(),
        walking: HashSet::new(),
        read: HashMap::new(),
        rows: None,
        pending: VecDeque::new(),
        stdin: Some(Box::new(std::io::stdin())),
        stats: LoadStats::default(),
    }
}

impl Loader {
    /// Read `-` from this reader instead of the process's standard input.
    pub fn with_stdin(mut self, r: impl Read + Send + 'static) -> Loader {
        self.stdin = Some(Box::new(r));
        self
    }

    /// What has been yielded so far; complete once the iterator is exhausted.
    pub fn stats(&self) -> LoadStats {
        self.stats
    }

    fn count(&mut self, item: &Loaded) {
        match item {
            Loaded::Document(_) => self.stats.documents += 1,
            Loaded::Problem(p) => match p.severity {
                ProblemSeverity::Error => self.stats.skipped += 1,
                ProblemSeverity::Warning => self.stats.warnings += 1,
            },
        }
    }

    /// One path the user gave.
    fn start_input(&mut self, path: PathBuf) {
        if path.as_os_str() == STDIN_PATH {
            self.read_stdin();
            return;
        }
        let shown = display(&path);
        match std::fs::metadata(&path) {
            Err(e) => self.problem(Problem::error(
                &shown,
                None,
                format!("cannot read: {e}; skipped"),
            )),
            Ok(m) if m.is_dir() => self.enter_dir(path, shown),
            Ok(_) => match file_kind(&path) {
                Some(kind) => self.open_file(&path, &shown, kind),
                None => self.problem(Problem::error(
                    &shown,
                    None,
                    "unknown file type (expected .txt, .md, .csv, .tsv, .json, .jsonl or \
                     .ndjson); skipped",
                )),
            },
        }
    }

    fn problem(&mut self, p: Problem) {
        self.pending.push_back(Loaded::Problem(p));
    }

    fn enter_dir(&mut self, dir: PathBuf, shown: String) {
        let canonical = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if self.walking.contains(&canonical) {
            self.problem(Problem::warning(
                &shown,
                None,
                "symbolic link back into a directory being read; not followed",
            ));
            return;
        }
        if let Some(first) = self.read.get(&canonical) {
            let msg = format!("the same directory as {first}, already read; not read again");
            self.problem(Problem::warning(&shown, None, msg));
            return;
        }
        let reader = match std::fs::read_dir(&dir) {
            Ok(r) => r,
            Err(e) => {
                self.problem(Problem::error(
                    &shown,
                    None,
                    format!("cannot read: {e}; skipped"),
                ));
                return;
            }
        };
        let mut entries = Vec::new();
        for entry in reader {
            match entry {
                Ok(e) => {
                    let name = e.file_name().to_string_lossy().into_owned();
                    if !name.starts_with('.') {
                        entries.push((name, e.path()));
                    }
                }
                Err(e) => self.problem(Problem::error(
                    &shown,
                    None,
                    format!("cannot read: {e}; skipped"),
                )),
            }
        }
        entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        self.walking.insert(canonical.clone());
        let base = shown.trim_end_matches('/');
        let first = if base.is_empty() { &shown } else { base };
        self.read.insert(canonical.clone(), first.to_string());
        let shown = if shown == "." {
            String::new()
        } else if base.is_empty() {
            "/".to_string()
        } else {
            format!("{base}/")
        };
        self.stack.push(Frame {
            shown,
            canonical,
            entries: entries.into_iter(),
        });
    }

    /// The next entry of the innermost directory; false once the walk is over.
    fn walk_step(&mut self) -> bool {
        let Some(frame) = self.stack.last_mut() else {
            return false;
        };
        let Some((name, path)) = frame.entries.next() else {
            if let Some(done) = self.stack.pop() {
                self.walking.remove(&done.canonical);
            }
            return true;
        };
        let shown = format!("{}{name}", frame.shown);
        match std::fs::metadata(&path) {
            Err(e) => self.problem(Problem::error(
                &shown,
                None,
                format!("cannot read: {e}; skipped"),
            )),
            Ok(m) if m.is_dir() => self.enter_dir(path, shown),
            Ok(m) => match file_kind(&path) {
                // Opening a named pipe waits for a writer: inside a directory, where
                // nobody asked for it, that would hang the walk.
                Some(_) if !m.is_file() && !is_readme(&name) => self.problem(Problem::error(
                    &shown,
                    None,
                    "not a regular file (a named pipe, socket or device); skipped",
                )),
                Some(kind) if !is_readme(&name) => self.open_file(&path, &shown, kind),
                _ => self.stats.not_read += 1,
            },
        }
        true
    }

    fn open_file(&mut self, path: &Path, shown: &str, kind: FileKind) {
        let mut out = Vec::new();
        match kind {
            FileKind::Text => match std::fs::File::open(path) {
                Ok(f) => {
                    let dir = dir_name(path);
                    self.read_text(Box::new(f), shown, dir, &mut out);
                }
                Err(e) => out.push(Loaded::Problem(Problem::error(
                    shown,
                    None,
                    format!("cannot read: {e}; skipped"),
                ))),
            },
            FileKind::Csv | FileKind::Tsv => {
                let delim = if kind == FileKind::Csv { b',' } else { b'\t' };
                if let Some(rows) = delimited::open(path, shown, delim, &self.opts, &mut out) {
                    self.rows = Some(Box::new(rows) as Box<dyn Iterator<Item = Loaded> + Send>);
                }
            }
            FileKind::Json(k) => {
                if let Some(rows) = json::open(path, shown, k, &self.opts, &mut out) {
                    self.rows = Some(Box::new(rows) as Box<dyn Iterator<Item = Loaded> + Send>);
                }
            }
        }
        self.pending.extend(out);
    }

    fn read_stdin(&mut self) {
        let mut out = Vec::new();
        match self.stdin.take() {
            Some(r) => self.read_text(r, STDIN_NAME, None, &mut out),
            None => out.push(Loaded::Problem(Problem::error(
                STDIN_NAME,
                None,
                "standard input was already read; skipped",
            ))),
        }
        self.pending.extend(out);
    }

    /// A whole text file or standard input as one document.
    fn read_text(
        &self,
        r: Box<dyn Read + Send>,
        shown: &str,
        dir: Option<String>,
        out: &mut Vec<Loaded>,
    ) {
        let fail = |out: &mut Vec<Loaded>, msg: String| {
            out.push(Loaded::Problem(Problem::error(shown, None, msg)));
        };
        let mut opened = match decode::open(r) {
            Ok(o) => o,
            Err(e) => return fail(out, e.message()),
        };
        let mut bytes = Vec::new();
        if let Err(e) = opened.reader.read_to_end(&mut bytes) {
            return fail(out, format!("cannot read: {e}; skipped"));
        }
        if memchr::memchr(0, &bytes).is_some() {
            return fail(out, OpenError::Binary.message());
        }
        let mut warnings = Vec::new();
        let (text, bad) = decode::lossy_owned(bytes);
        if let Some(at) = bad {
            let line = decode::line_of(text.as_bytes(), at);
            warnings.push((
                Some(line),
                "invalid UTF-8, decoded with replacement characters".to_string(),
            ));
        }
        if opened
            .utf16_replaced
            .is_some_and(|f| f.load(std::sync::atomic::Ordering::Relaxed))
        {
            warnings.push((
                None,
                "invalid UTF-16 sequences were replaced with U+FFFD".to_string(),
            ));
        }
        text_document(text, shown, dir, self.opts.date_order, warnings, out);
    }
}

/// The name of the directory holding `path`, the default source of a text file.
fn dir_name(path: &Path) -> Option<String> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(name) = parent.and_then(Path::file_name) {
        return Some(name.to_string_lossy().into_owned());
    }
    let parent = parent.unwrap_or(Path::new("."));
    let canonical = std::fs::canonicalize(parent).ok()?;
    Some(canonical.file_name()?.to_string_lossy().into_owned())
}

impl Iterator for Loader {
    type Item = Loaded;

    fn next(&mut self) -> Option<Loaded> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                self.count(&item);
                return Some(item);
            }
            if let Some(rows) = &mut self.rows {
                match rows.next() {
                    Some(item) => {
                        self.count(&item);
                        return Some(item);
                    }
                    None => self.rows = None,
                }
                continue;
            }
            if self.walk_step() {
                continue;
            }
            match self.inputs.pop_front() {
                Some(p) => self.start_input(p),
                None => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;
    use jiff::civil::date;
    use std::fs;

    /// Load `names` inside `dir`; ids, paths and messages are shown relative to `dir`.
    fn run(
        dir: &Path,
        names: &[&str],
        opts: &LoadOptions,
    ) -> (Vec<Document>, Vec<String>, LoadStats) {
        let paths: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
        let prefix = format!("{}/", display(dir));
        let strip = |s: &str| s.replace(&prefix, "");
        let mut loader = load(&paths, opts).with_stdin(std::io::empty());
        let mut docs = Vec::new();
        let mut problems = Vec::new();
        for item in loader.by_ref() {
            match item {
                Loaded::Document(mut d) => {
                    d.id = strip(&d.id);
                    d.origin.path = strip(&d.origin.path);
                    docs.push(d);
                }
                Loaded::Problem(p) => problems.push(strip(&format!("{:?} {p}", p.severity))),
            }
        }
        (docs, problems, loader.stats())
    }

    fn ids(docs: &[Document]) -> Vec<&str> {
        docs.iter().map(|d| d.id.as_str()).collect()
    }

    #[test]
    fn loader_is_send() {
        fn send<T: Send>() {}
        send::<Loader>();
    }

    #[test]
    fn walks_directories_in_sorted_order() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("news");
        fs::create_dir_all(root.join("b/inner")).unwrap();
        fs::create_dir_all(root.join(".hidden")).unwrap();
        fs::write(root.join("b/inner/z.txt"), "Deep text.").unwrap();
        fs::write(root.join("b/a.md"), "B text.").unwrap();
        fs::write(root.join("a.txt"), "A text on 4 May 2017.").unwrap();
        fs::write(root.join("C.txt"), "C text.").unwrap();
        fs::write(root.join(".hidden/x.txt"), "hidden").unwrap();
        fs::write(root.join(".dot.txt"), "hidden").unwrap();
        fs::write(root.join("README.md"), "notes").unwrap();
        fs::write(root.join("notes.docx"), "x").unwrap();
        let (docs, problems, stats) = run(tmp.path(), &["news/"], &LoadOptions::default());
        assert_eq!(
            ids(&docs),
            vec![
                "news/C.txt",
                "news/a.txt",
                "news/b/a.md",
                "news/b/inner/z.txt"
            ]
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(docs[1].source.as_deref(), Some("news"));
        assert_eq!(docs[1].date, Some(date(2017, 5, 4)));
        assert_eq!(docs[3].source.as_deref(), Some("inner"));
        assert_eq!(
            stats,
            LoadStats {
                documents: 4,
                skipped: 0,
                warnings: 0,
                not_read: 2
            }
        );

        // Named explicitly, a README loads and an unknown extension is reported.
        let (docs, problems, _) = run(&root, &["README.md", "notes.docx"], &LoadOptions::default());
        assert_eq!(ids(&docs), vec!["README.md"]);
        assert_eq!(
            docs[0].source.as_deref(),
            Some("news"),
            "source from the working directory's name"
        );
        assert_eq!(
            problems,
            vec![
                "Error notes.docx: unknown file type (expected .txt, .md, .csv, .tsv, .json, \
                 .jsonl or .ndjson); skipped"
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_do_not_hang() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("d");
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::write(root.join("sub/a.txt"), "Text.").unwrap();
        std::os::unix::fs::symlink("..", root.join("sub/up")).unwrap();
        std::os::unix::fs::symlink("sub", root.join("twin")).unwrap();
        let (docs, problems, _) = run(tmp.path(), &["d"], &LoadOptions::default());
        assert_eq!(ids(&docs), vec!["d/sub/a.txt"]);
        assert_eq!(
            problems,
            vec![
                "Warning d/sub/up: symbolic link back into a directory being read; not followed",
                "Warning d/twin: the same directory as d/sub, already read; not read again",
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_fanning_out_are_read_once() {
        // d0 links twice to d1, d1 twice to d2, ...: 2^20 paths to one file.
        let tmp = tempfile::tempdir().unwrap();
        let depth = 20;
        for i in 0..=depth {
            fs::create_dir(tmp.path().join(format!("d{i}"))).unwrap();
        }
        for i in 0..depth {
            for link in ["a", "b"] {
                let to = format!("../d{}", i + 1);
                std::os::unix::fs::symlink(to, tmp.path().join(format!("d{i}/{link}"))).unwrap();
            }
        }
        fs::write(tmp.path().join(format!("d{depth}/x.txt")), "Text.").unwrap();
        let (docs, problems, _) = run(tmp.path(), &["d0"], &LoadOptions::default());
        assert_eq!(docs.len(), 1);
        assert_eq!(problems.len(), depth);
        assert_eq!(
            problems[0],
            "Warning d0/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/b: the same directory as \
             d0/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a, already read; not read again"
        );
    }

    #[cfg(unix)]
    #[test]
    fn named_pipes_in_a_directory_are_skipped_not_opened() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path().join("d");
        fs::create_dir_all(&d).unwrap();
        fs::write(d.join("good.txt"), "Good text.").unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(d.join("pipe.txt"))
            .status()
            .is_ok_and(|s| s.success());
        if !made {
            eprintln!("skipping: mkfifo is not available");
            return;
        }
        let (docs, problems, _) = run(tmp.path(), &["d"], &LoadOptions::default());
        assert_eq!(ids(&docs), vec!["d/good.txt"]);
        assert_eq!(
            problems,
            vec!["Error d/pipe.txt: not a regular file (a named pipe, socket or device); skipped"]
        );
    }

    #[test]
    fn bad_files_are_reported_and_skipped() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::write(d.join("good.txt"), "Good text.").unwrap();
        fs::write(d.join("empty.txt"), "").unwrap();
        fs::write(d.join("binary.txt"), b"PK\x03\x04\0\0junk").unwrap();
        fs::write(d.join("latin1.txt"), b"Line one.\nCaf\xE9 owner killed.\n").unwrap();
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "---\nsource: S\n---\nKobanî text.".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        fs::write(d.join("utf16.txt"), utf16).unwrap();
        let paths = [
            "binary.txt",
            "empty.txt",
            "good.txt",
            "latin1.txt",
            "missing.txt",
            "utf16.txt",
        ];
        let (docs, problems, stats) = run(d, &paths, &LoadOptions::default());
        assert_eq!(ids(&docs), vec!["good.txt", "latin1.txt", "utf16.txt"]);
        assert_eq!(docs[1].text, "Line one.\nCaf\u{FFFD} owner killed.\n");
        assert_eq!(
            docs[1].warnings,
            vec!["invalid UTF-8, decoded with replacement characters"]
        );
        assert_eq!(docs[2].text, "Kobanî text.");
        assert_eq!(docs[2].source.as_deref(), Some("S"));
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert_eq!(
            problems[0],
            format!("Error binary.txt: {}", decode::binary_message())
        );
        assert_eq!(problems[1], "Error empty.txt: empty file; skipped");
        assert_eq!(
            problems[2],
            "Warning latin1.txt:2: invalid UTF-8, decoded with replacement characters"
        );
        assert!(
            problems[3].starts_with("Error missing.txt: cannot read: "),
            "{}",
            problems[3]
        );
        assert_eq!((stats.documents, stats.skipped, stats.warnings), (3, 3, 1));
    }

    #[test]
    fn reads_stdin_once() {
        let input = "---\ntitle: From a pipe\n---\nPiped text.\n";
        let paths = vec![PathBuf::from("-"), PathBuf::from("-")];
        let mut loader = load(&paths, &LoadOptions::default()).with_stdin(input.as_bytes());
        let Some(Loaded::Document(d)) = loader.next() else {
            panic!("no document")
        };
        assert_eq!(
            (d.id.as_str(), d.origin.path.as_str()),
            ("<stdin>", "<stdin>")
        );
        assert_eq!(d.title.as_deref(), Some("From a pipe"));
        assert_eq!(d.source, None);
        let Some(Loaded::Problem(p)) = loader.next() else {
            panic!("no problem")
        };
        assert_eq!(
            p.to_string(),
            "<stdin>: standard input was already read; skipped"
        );
        assert!(loader.next().is_none());
    }

    const CSV: &[u8] = b"unit_id,article_title,article_content,source,date,location\n\
        1,T one,\"Text, with comma\nand newline\",nna,4/5/2017,idlib\n\
        2,T two,Short,reuters,4/25/2017\n\
        3,T three,,sana,4/6/2017,homs\n\
        4,T four,Text \xFF four,sana,bad date,homs\n";

    #[test]
    fn reads_csv_rows() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("c.csv"), CSV).unwrap();
        let (docs, problems, stats) = run(tmp.path(), &["c.csv"], &LoadOptions::default());
        assert_eq!(ids(&docs), vec!["1", "4"]);
        let d = &docs[0];
        assert_eq!(d.text, "Text, with comma\nand newline");
        assert_eq!(d.title.as_deref(), Some("T one"));
        assert_eq!(d.source.as_deref(), Some("nna"));
        assert_eq!(d.date, Some(date(2017, 4, 5)));
        assert_eq!(d.place.as_deref(), Some("idlib"));
        assert_eq!((d.origin.path.as_str(), d.origin.row), ("c.csv", Some(1)));
        assert_eq!(docs[1].text, "Text \u{FFFD} four");
        assert_eq!(docs[1].warnings.len(), 2);
        assert_eq!(
            problems,
            vec![
                "Error c.csv:4: row 2 has 5 fields, the header has 6; skipped",
                "Error c.csv:5: row 3 has no text; skipped",
                "Warning c.csv:6: row 4: invalid UTF-8, decoded with replacement characters",
                "Warning c.csv:6: row 4: cannot read the date 'bad date'",
            ]
        );
        assert_eq!((stats.documents, stats.skipped, stats.warnings), (2, 2, 2));
    }

    #[test]
    fn detects_date_order_per_file() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::write(d.join("dmy.tsv"), "text\tdate\na\t4/5/2017\nb\t25/4/2017\n").unwrap();
        fs::write(d.join("amb.csv"), "text,date\na,4/5/2017\n").unwrap();
        let paths = ["dmy.tsv", "amb.csv"];
        let (docs, problems, _) = run(d, &paths, &LoadOptions::default());
        let dates: Vec<_> = docs.iter().map(|d| d.date).collect();
        assert_eq!(
            dates,
            vec![
                Some(date(2017, 5, 4)),
                Some(date(2017, 4, 25)),
                Some(date(2017, 4, 5))
            ]
        );
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("Warning amb.csv:1: every date in column 'date'"));
        assert_eq!(ids(&docs), vec!["dmy.tsv#1", "dmy.tsv#2", "amb.csv#1"]);

        let opts = LoadOptions {
            date_order: Some(DateOrder::Dmy),
            ..LoadOptions::default()
        };
        let (docs, problems, _) = run(d, &paths[1..], &opts);
        assert_eq!(docs[0].date, Some(date(2017, 5, 4)));
        assert!(problems.is_empty());
    }

    #[test]
    fn named_columns() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("c.csv"), "story,outlet\nText,AP\n").unwrap();
        fs::write(tmp.path().join("d.csv"), "body,outlet\nText,AP\n").unwrap();
        let opts = LoadOptions {
            columns: ColumnMap {
                text: Some("Story".into()),
                ..ColumnMap::default()
            },
            ..LoadOptions::default()
        };
        let paths = ["c.csv", "d.csv"];
        let (docs, problems, stats) = run(tmp.path(), &paths, &opts);
        assert_eq!(ids(&docs), vec!["c.csv#1"]);
        assert_eq!(docs[0].source.as_deref(), Some("AP"));
        assert_eq!(
            problems,
            vec![
                "Error d.csv:1: no column named 'Story' (given with --text-column); columns: \
                 body, outlet; file skipped"
            ]
        );
        assert_eq!(stats.skipped, 1);
    }

    #[test]
    fn reads_json_lines_and_arrays() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::write(
            d.join("a.jsonl"),
            "{\"id\": 7, \"content\": \"First.\", \"published_at\": \"2019-03-12T10:00:00Z\"}\n\
             \n\
             {\"content\": \"Broken\n\
             [1, 2]\n\
             {\"content\": \"Third.\", \"outlet\": \"AP\", \"place\": \"Baghouz\"}\n",
        )
        .unwrap();
        fs::write(
            d.join("b.json"),
            "[\n  {\"text\": \"One.\", \"url\": \"https://example.org/1\"},\n  \
             {\"text\": \"\"},\n  {\"text\": \"Two.\", \"title\": \"T\"}\n]\n",
        )
        .unwrap();
        fs::write(d.join("c.ndjson"), "{\"body\": \"x\"}\n").unwrap();
        fs::write(d.join("empty.json"), "  \n").unwrap();
        let paths = ["a.jsonl", "b.json", "c.ndjson", "empty.json"];
        let (docs, problems, stats) = run(d, &paths, &LoadOptions::default());
        assert_eq!(
            ids(&docs),
            vec![
                "7",
                "a.jsonl#5",
                "https://example.org/1",
                "b.json#3",
                "c.ndjson#1"
            ]
        );
        assert_eq!(docs[0].date, Some(date(2019, 3, 12)));
        assert_eq!(docs[1].source.as_deref(), Some("AP"));
        assert_eq!(docs[1].place.as_deref(), Some("Baghouz"));
        assert_eq!(docs[1].origin.row, Some(5));
        assert_eq!(docs[3].title.as_deref(), Some("T"));
        assert_eq!(
            problems,
            vec![
                "Error a.jsonl:3:19: row 3: invalid JSON: EOF while parsing a string; skipped",
                "Error a.jsonl:4:1: row 4: invalid JSON: invalid type: sequence, expected a \
                 JSON object; skipped",
                "Error b.json:3: row 2 has no text; skipped",
                "Error empty.json: empty file; skipped",
            ]
        );
        assert_eq!(stats.skipped, 4);
    }
}
