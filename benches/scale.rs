//! Scaling: whole-process time and peak memory of `recount` against input size, and a
//! plot of both. Every figure is a run of the `recount` binary itself, reading a file
//! and writing JSON Lines to /dev/null, timed here and measured by `/usr/bin/time -v`
//! (peak resident set size).
//!
//! ```text
//! cargo bench --bench scale                          quick: 10x FA-KES and 100,000 claims
//! cargo bench --bench scale -- full                  the series below; writes docs/scaling.svg
//! cargo bench --bench scale -- corpus N FILE         FA-KES replicated N times, as JSON Lines
//! cargo bench --bench scale -- claims N FILE         N synthetic claims, as JSON Lines
//! cargo bench --bench scale -- plot RESULTS.tsv SVG  plot results written by a run
//! ```
//!
//! The series: FA-KES (`../shared/corpora/fa-kes/FA-KES-Dataset.csv`, or
//! `RECOUNT_BENCH_CORPUS`) replicated 10, 100 and 1000 times (`RECOUNT_SCALE_COPIES`)
//! into JSON Lines corpora with distinct document ids, each copy's events moved to
//! dates of their own so that copies do not report one another's events; `extract` of
//! each on one core (`--jobs 1`, pinned with `taskset` where there is one) and on all
//! cores; `check` of each corpus whose claims fit in memory (`RECOUNT_SCALE_CHECK`,
//! default 10, 100 and 1000 copies); and `check --claims` over 10^5, 10^6 and 10^7 synthetic
//! claims (`RECOUNT_SCALE_CLAIMS`). A run is skipped, with a note, when the memory it
//! would need (estimated from the run before) exceeds what the machine has available.
//!
//! `RECOUNT_BIN` names the binary to time (say `target/release/recount`, the release
//! build); by default it is the one Cargo builds for the bench.
//!
//! Generated files go to `RECOUNT_SCALE_DIR` (default: `recount-scale` in the temporary
//! directory) and are deleted after use; results go to `results.tsv` there.

#[path = "common/synth.rs"]
mod synth;

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

type Result<T> = std::result::Result<T, String>;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let done = match words.as_slice() {
        [] => series(false),
        ["full"] => series(true),
        ["corpus", n, file] => count(n).and_then(|n| write_corpus(n, Path::new(file)).map(drop)),
        ["claims", n, file] => count(n).and_then(|n| write_claims(n, Path::new(file)).map(drop)),
        ["plot", results, svg] => std::fs::read_to_string(results)
            .map_err(|e| format!("{results}: {e}"))
            .and_then(|t| parse_results(&t))
            .and_then(|rows| write_svg(&rows, Path::new(svg))),
        _ => Err("usage: scale [full | corpus N FILE | claims N FILE | plot RESULTS SVG]".into()),
    };
    if let Err(e) = done {
        eprintln!("scale: {e}");
        std::process::exit(2);
    }
}

fn count(s: &str) -> Result<u64> {
    s.replace('_', "")
        .parse()
        .map_err(|_| format!("not a count: {s}"))
}

fn list(var: &str, default: &str) -> Result<Vec<u64>> {
    std::env::var(var)
        .unwrap_or_else(|_| default.to_string())
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| count(s.trim()))
        .collect()
}

fn fakes() -> PathBuf {
    std::env::var_os("RECOUNT_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/corpora/fa-kes/FA-KES-Dataset.csv")
        })
}

// ---------------------------------------------------------------------------------
// Generators

/// One corpus row as the loader reads it (its common column names).
#[derive(serde::Serialize)]
struct Row<'a> {
    id: String,
    title: &'a str,
    text: &'a str,
    source: &'a str,
    date: String,
    location: &'a str,
}

/// Days each copy's dates move by: more than FA-KES spans (2011 to 2018), so that no
/// event of one copy falls within a rule's window of another copy's.
const COPY_SHIFT_DAYS: i64 = 2800;

/// Write FA-KES `copies` times as JSON Lines: ids `k-unit_id`, dates moved by
/// `k * COPY_SHIFT_DAYS` days (kept in the file's month/day/year form). Returns the
/// bytes written.
fn write_corpus(copies: u64, out: &Path) -> Result<u64> {
    let src = fakes();
    let mut rdr = csv::Reader::from_path(&src).map_err(|e| format!("{}: {e}", src.display()))?;
    let rows: Vec<csv::StringRecord> = rdr
        .records()
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| format!("{}: {e}", src.display()))?;
    let file = File::create(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut w = CountingWriter {
        inner: BufWriter::with_capacity(1 << 20, file),
        bytes: 0,
    };
    for k in 0..copies {
        for r in &rows {
            let get = |i: usize| r.get(i).unwrap_or("");
            let row = Row {
                id: format!("{k}-{}", get(0)),
                title: get(1),
                text: get(2),
                source: get(3),
                date: shift_date(get(4), k as i64 * COPY_SHIFT_DAYS),
                location: get(5),
            };
            serde_json::to_writer(&mut w, &row).map_err(|e| format!("{}: {e}", out.display()))?;
            w.write_all(b"\n")
                .map_err(|e| format!("{}: {e}", out.display()))?;
        }
    }
    w.inner
        .flush()
        .map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(w.bytes)
}

/// A `m/d/yyyy` date moved by `days`; anything else unchanged.
fn shift_date(date: &str, days: i64) -> String {
    let parts: Vec<i64> = date
        .split('/')
        .filter_map(|p| p.trim().parse().ok())
        .collect();
    let [m, d, y] = parts[..] else {
        return date.to_string();
    };
    let (Ok(m), Ok(d), Ok(y)) = (i8::try_from(m), i8::try_from(d), i16::try_from(y)) else {
        return date.to_string();
    };
    match jiff::civil::Date::new(y, m, d)
        .ok()
        .and_then(|x| x.checked_add(jiff::Span::new().days(days)).ok())
    {
        Some(x) => format!("{}/{}/{}", x.month(), x.day(), x.year()),
        None => date.to_string(),
    }
}

/// Write `n` synthetic claims as JSON Lines (what `recount extract --format jsonl`
/// writes). Returns the bytes written.
fn write_claims(n: u64, out: &Path) -> Result<u64> {
    let file = File::create(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut w = CountingWriter {
        inner: BufWriter::with_capacity(1 << 20, file),
        bytes: 0,
    };
    for c in synth::Synth::new(n as usize).take(n as usize) {
        serde_json::to_writer(&mut w, &c).map_err(|e| format!("{}: {e}", out.display()))?;
        w.write_all(b"\n")
            .map_err(|e| format!("{}: {e}", out.display()))?;
    }
    w.inner
        .flush()
        .map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(w.bytes)
}

struct CountingWriter<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

// ---------------------------------------------------------------------------------
// Runs

/// One measured run.
#[derive(Clone, Debug)]
struct Result_ {
    /// `extract-1`, `extract-all`, `check-corpus`, `check-claims`
    series: String,
    /// FA-KES copies, or claims for `check-claims`
    size: u64,
    input_bytes: u64,
    claims: u64,
    threads: usize,
    seconds: f64,
    /// CPU time, user and system, of all threads.
    cpu_seconds: f64,
    rss_mb: f64,
}

const HEADER: &str = "series\tsize\tinput_bytes\tclaims\tthreads\tseconds\tcpu_seconds\trss_mb";

impl Result_ {
    fn tsv(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}\t{:.3}\t{:.3}\t{:.1}",
            self.series,
            self.size,
            self.input_bytes,
            self.claims,
            self.threads,
            self.seconds,
            self.cpu_seconds,
            self.rss_mb
        )
    }

    fn mb_per_s(&self) -> f64 {
        self.input_bytes as f64 / 1e6 / self.seconds.max(1e-9)
    }
}

fn parse_results(text: &str) -> Result<Vec<Result_>> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let bad = || format!("bad results line: {l}");
            if f.len() != 8 {
                return Err(bad());
            }
            let num = |i: usize| f[i].parse::<f64>().map_err(|_| bad());
            Ok(Result_ {
                series: f[0].to_string(),
                size: num(1)? as u64,
                input_bytes: num(2)? as u64,
                claims: num(3)? as u64,
                threads: num(4)? as usize,
                seconds: num(5)?,
                cpu_seconds: num(6)?,
                rss_mb: num(7)?,
            })
        })
        .collect()
}

/// What one process took: wall time here, CPU time and peak RSS from
/// `/usr/bin/time -v` (zero when it is missing).
/// Note one run's figures: print them as a row of the table and keep them.
fn record(
    rows: &mut Vec<Result_>,
    series: &str,
    size: u64,
    input_bytes: u64,
    claims: u64,
    threads: usize,
    m: &Measured,
) {
    let r = Result_ {
        series: series.into(),
        size,
        input_bytes,
        claims,
        threads,
        seconds: m.seconds,
        cpu_seconds: m.cpu_seconds,
        rss_mb: m.rss_mb,
    };
    println!(
        "{:<13} {:>8} {:>10.1} {:>10} {:>4} {:>9.2} {:>9.2} {:>9.1} {:>9.0}",
        r.series,
        r.size,
        r.input_bytes as f64 / 1e6,
        r.claims,
        r.threads,
        r.seconds,
        r.cpu_seconds,
        r.mb_per_s(),
        r.rss_mb
    );
    rows.push(r);
}

struct Measured {
    seconds: f64,
    cpu_seconds: f64,
    rss_mb: f64,
    /// Lines of standard output.
    lines: u64,
}

fn have(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The `recount` binary the runs time: `RECOUNT_BIN` when it is set (the release
/// build users run: Cargo builds the bench's own copy with the bench profile, which
/// keeps unwinding where the release profile aborts on a panic), else the bench's.
fn binary() -> String {
    std::env::var("RECOUNT_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_recount").to_string())
}

/// Run `recount ARGS`, optionally pinned to the first CPU. Its output goes to
/// /dev/null, or, with `count`, through a pipe to this process, which counts its lines
/// (reading the pipe costs the run time: counting runs are not the timed ones).
fn run(args: &[&str], pin: bool, count: bool) -> Result<Measured> {
    let recount = binary();
    let time = Path::new("/usr/bin/time");
    let mut argv: Vec<String> = Vec::new();
    if time.exists() {
        argv.extend(["/usr/bin/time".into(), "-v".into()]);
    }
    if pin && have("taskset", "-V") {
        argv.extend(["taskset".into(), "-c".into(), "0".into()]);
    }
    argv.push(recount);
    argv.extend(args.iter().map(|s| s.to_string()));
    let start = Instant::now();
    let mut child = Command::new(&argv[0])
        .args(&argv[1..])
        .stdout(if count { Stdio::piped() } else { Stdio::null() })
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", argv[0]))?;
    let mut lines = 0u64;
    if let Some(mut out) = child.stdout.take() {
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match std::io::Read::read(&mut out, &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => lines += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64,
            }
        }
    }
    let output = child
        .wait_with_output()
        .map_err(|e| format!("recount: {e}"))?;
    let seconds = start.elapsed().as_secs_f64();
    let err = String::from_utf8_lossy(&output.stderr);
    // 0: clean, 1: findings; anything else is a failure.
    if !matches!(output.status.code(), Some(0 | 1)) {
        return Err(format!("recount {} failed:\n{err}", args.join(" ")));
    }
    let field = |name: &str| {
        err.lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    Ok(Measured {
        seconds,
        cpu_seconds: field("User time (seconds):") + field("System time (seconds):"),
        rss_mb: field("Maximum resident set size (kbytes):") / 1024.0,
        lines,
    })
}

/// Memory the machine has available, in MB (`MemAvailable`), if known.
fn available_mb() -> Option<f64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let kb: f64 = info
        .lines()
        .find_map(|l| l.strip_prefix("MemAvailable:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// Whether a run expected to need `need_mb` fits, leaving room for everything else.
fn fits(need_mb: f64, what: &str) -> bool {
    match available_mb() {
        Some(avail) if need_mb > 0.6 * avail => {
            println!("  skipped {what}: would need about {need_mb:.0} MB, {avail:.0} MB available");
            false
        }
        _ => true,
    }
}

fn series(full: bool) -> Result<()> {
    let dir = std::env::var_os("RECOUNT_SCALE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("recount-scale"));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if !fakes().exists() {
        println!("skipping: {} not found", fakes().display());
        return Ok(());
    }
    let (copies, checked, claims) = if full {
        (
            list("RECOUNT_SCALE_COPIES", "10,100,1000")?,
            list("RECOUNT_SCALE_CHECK", "10,100,1000")?,
            list("RECOUNT_SCALE_CLAIMS", "100000,1000000,10000000")?,
        )
    } else {
        (
            list("RECOUNT_SCALE_COPIES", "10")?,
            list("RECOUNT_SCALE_CHECK", "10")?,
            list("RECOUNT_SCALE_CLAIMS", "100000")?,
        )
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut rows: Vec<Result_> = Vec::new();
    println!("binary: {}", binary());
    println!(
        "{:<13} {:>8} {:>10} {:>10} {:>4} {:>9} {:>9} {:>9} {:>9}",
        "run", "size", "input MB", "claims", "thr", "seconds", "CPU s", "MB/s", "RSS MB"
    );

    // Corpora: extract on one core and on all, then check where it fits.
    let mut rss_per_claim = 0.0;
    let mut claims_per_copy = 0u64;
    for &k in &copies {
        let file = dir.join(format!("fakes-x{k}.jsonl"));
        let bytes = write_corpus(k, &file)?;
        let path = file.to_string_lossy().to_string();
        // Every copy holds the same claims: count them once, untimed.
        if claims_per_copy == 0 {
            let m = run(&["extract", &path, "--format", "jsonl"], false, true)?;
            claims_per_copy = m.lines / k.max(1);
        }
        let claims_found = claims_per_copy * k;
        for (series, threads, pin) in [("extract-1", 1, true), ("extract-all", cores, false)] {
            let jobs = threads.to_string();
            let m = run(
                &["extract", &path, "--format", "jsonl", "--jobs", &jobs],
                pin,
                false,
            )?;
            record(&mut rows, series, k, bytes, claims_found, threads, &m);
        }
        if checked.contains(&k)
            && fits(
                rss_per_claim * claims_found as f64,
                &format!("check of {k} copies"),
            )
        {
            let m = run(&["check", &path, "--format", "jsonl"], false, false)?;
            rss_per_claim = m.rss_mb / claims_found.max(1) as f64;
            record(&mut rows, "check-corpus", k, bytes, claims_found, cores, &m);
        }
        let _ = std::fs::remove_file(&file);
    }

    // Claims: check --claims over synthetic batches.
    let mut rss_per_claim = 0.0;
    for &n in &claims {
        if !fits(rss_per_claim * n as f64, &format!("check of {n} claims")) {
            continue;
        }
        let file = dir.join(format!("claims-{n}.jsonl"));
        let bytes = write_claims(n, &file)?;
        let path = file.to_string_lossy().to_string();
        let m = run(
            &["check", "--claims", &path, "--format", "jsonl"],
            false,
            false,
        );
        let _ = std::fs::remove_file(&file);
        let m = m?;
        rss_per_claim = m.rss_mb / n.max(1) as f64;
        record(&mut rows, "check-claims", n, bytes, n, cores, &m);
    }

    let mut tsv = String::from(HEADER);
    tsv.push('\n');
    for r in &rows {
        tsv.push_str(&r.tsv());
        tsv.push('\n');
    }
    let results = dir.join(if full { "results.tsv" } else { "quick.tsv" });
    std::fs::write(&results, tsv).map_err(|e| format!("{}: {e}", results.display()))?;
    println!("results: {}", results.display());
    if full {
        let svg = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/scaling.svg");
        write_svg(&rows, &svg)?;
        println!("plot: {}", svg.display());
    }
    Ok(())
}

// ---------------------------------------------------------------------------------
// Plot

/// A series of a panel: legend, colour, points.
type Line<'a> = (&'a str, &'a str, Vec<(f64, f64)>);

/// One panel of the plot: log-log axes, a few series.
struct Panel<'a> {
    title: &'a str,
    x_label: &'a str,
    y_label: &'a str,
    lines: Vec<Line<'a>>,
    /// Dashed companions of `lines` (CPU seconds beside wall-clock seconds), in the
    /// same colours, without legend entries.
    dashed: Vec<Line<'a>>,
    /// A dashed horizontal line at this value, with its label.
    mark: Option<(f64, &'a str)>,
}

const W: f64 = 440.0;
const H: f64 = 300.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 34.0;
const BOTTOM: f64 = 46.0;

/// Write the four panels (time and memory against corpus size, time and memory
/// against claims checked) as one SVG.
fn write_svg(rows: &[Result_], out: &Path) -> Result<()> {
    let pts = |series: &str, x: &dyn Fn(&Result_) -> f64, y: &dyn Fn(&Result_) -> f64| {
        rows.iter()
            .filter(|r| r.series == series)
            .map(|r| (x(r), y(r)))
            .filter(|&(x, y)| x > 0.0 && y > 0.0)
            .collect::<Vec<_>>()
    };
    let mb = |r: &Result_| r.input_bytes as f64 / 1e6;
    let claims = |r: &Result_| r.claims as f64;
    let secs = |r: &Result_| r.seconds;
    let cpu = |r: &Result_| r.cpu_seconds;
    let rss = |r: &Result_| r.rss_mb;
    const BLUE: &str = "#1f77b4";
    const ORANGE: &str = "#ff7f0e";
    const GREEN: &str = "#2ca02c";
    const RED: &str = "#d62728";
    let panels = [
        Panel {
            title: "Time against corpus size (FA-KES copies)",
            x_label: "corpus, MB of JSON Lines",
            y_label: "seconds",
            lines: vec![
                ("extract, 1 core", BLUE, pts("extract-1", &mb, &secs)),
                ("extract, all cores", ORANGE, pts("extract-all", &mb, &secs)),
                (
                    "check (extract + check)",
                    GREEN,
                    pts("check-corpus", &mb, &secs),
                ),
            ],
            dashed: vec![
                ("", BLUE, pts("extract-1", &mb, &cpu)),
                ("", ORANGE, pts("extract-all", &mb, &cpu)),
                ("", GREEN, pts("check-corpus", &mb, &cpu)),
            ],
            mark: None,
        },
        Panel {
            title: "Peak memory against corpus size",
            x_label: "corpus, MB of JSON Lines",
            y_label: "peak RSS, MB",
            lines: vec![
                ("extract, 1 core", BLUE, pts("extract-1", &mb, &rss)),
                ("extract, all cores", ORANGE, pts("extract-all", &mb, &rss)),
                (
                    "check (extract + check)",
                    GREEN,
                    pts("check-corpus", &mb, &rss),
                ),
            ],
            dashed: Vec::new(),
            mark: Some((1024.0, "1 GB")),
        },
        Panel {
            title: "Time against claims checked",
            x_label: "claims",
            y_label: "seconds",
            lines: vec![
                (
                    "check --claims (synthetic)",
                    RED,
                    pts("check-claims", &claims, &secs),
                ),
                (
                    "check of a corpus",
                    GREEN,
                    pts("check-corpus", &claims, &secs),
                ),
            ],
            dashed: vec![
                ("", RED, pts("check-claims", &claims, &cpu)),
                ("", GREEN, pts("check-corpus", &claims, &cpu)),
            ],
            mark: Some((60.0, "60 s")),
        },
        Panel {
            title: "Peak memory against claims checked",
            x_label: "claims",
            y_label: "peak RSS, MB",
            lines: vec![
                (
                    "check --claims (synthetic)",
                    RED,
                    pts("check-claims", &claims, &rss),
                ),
                (
                    "check of a corpus",
                    GREEN,
                    pts("check-corpus", &claims, &rss),
                ),
            ],
            dashed: Vec::new(),
            mark: Some((1024.0, "1 GB")),
        },
    ];
    let mut svg = String::new();
    let (tw, th) = (2.0 * W, 2.0 * H + 44.0);
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{tw}" height="{th}" viewBox="0 0 {tw} {th}" font-family="Helvetica, Arial, sans-serif" font-size="11">"#
    );
    let _ = writeln!(svg, r#"<rect width="{tw}" height="{th}" fill="white"/>"#);
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="18" text-anchor="middle" font-size="14" font-weight="bold">recount: time and peak memory against input size (log-log)</text>"#,
        tw / 2.0
    );
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"34\" text-anchor=\"middle\" fill=\"#555\">Whole runs of the binary: wall-clock seconds and peak resident memory; output (JSON Lines) to /dev/null. \
         Dashed: CPU seconds.</text>",
        tw / 2.0
    );
    for (i, p) in panels.iter().enumerate() {
        let ox = (i % 2) as f64 * W;
        let oy = 44.0 + (i / 2) as f64 * H;
        panel(&mut svg, p, ox, oy);
    }
    svg.push_str("</svg>\n");
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(out, svg).map_err(|e| format!("{}: {e}", out.display()))
}

/// Decades covering `lo..=hi` (at least one).
fn decades(lo: f64, hi: f64) -> (f64, f64) {
    let a = lo.log10().floor();
    let mut b = hi.log10().ceil();
    if b <= a {
        b = a + 1.0;
    }
    (a, b)
}

fn panel(svg: &mut String, p: &Panel, ox: f64, oy: f64) {
    let all: Vec<(f64, f64)> = p
        .lines
        .iter()
        .chain(&p.dashed)
        .flat_map(|l| l.2.iter().copied())
        .collect();
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="{}" text-anchor="middle" font-size="12" font-weight="bold">{}</text>"#,
        ox + W / 2.0,
        oy + 18.0,
        p.title
    );
    let (x0, y0) = (ox + LEFT, oy + TOP);
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let _ = writeln!(
        svg,
        "<rect x=\"{x0}\" y=\"{y0}\" width=\"{pw}\" height=\"{ph}\" fill=\"none\" stroke=\"#888\"/>"
    );
    if all.is_empty() {
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#888\">no runs</text>",
            x0 + pw / 2.0,
            y0 + ph / 2.0
        );
        return;
    }
    let fold = |f: fn(f64, f64) -> f64, init: f64, sel: fn(&(f64, f64)) -> f64| {
        all.iter().map(sel).fold(init, f)
    };
    let (xa, xb) = decades(
        fold(f64::min, f64::INFINITY, |p| p.0),
        fold(f64::max, 0.0, |p| p.0),
    );
    let mark = p.mark.map_or(f64::NAN, |m| m.0);
    let (ya, yb) = decades(
        fold(f64::min, f64::INFINITY, |p| p.1).min(mark),
        fold(f64::max, 0.0, |p| p.1).max(mark),
    );
    let sx = |x: f64| x0 + (x.log10() - xa) / (xb - xa) * pw;
    let sy = |y: f64| y0 + ph - (y.log10() - ya) / (yb - ya) * ph;
    // Grid and tick labels at each decade.
    for d in (xa as i32)..=(xb as i32) {
        let x = sx(10f64.powi(d));
        let _ = writeln!(
            svg,
            "<line x1=\"{x:.1}\" y1=\"{y0}\" x2=\"{x:.1}\" y2=\"{}\" stroke=\"#e4e4e4\"/>",
            y0 + ph
        );
        let _ = writeln!(
            svg,
            r#"<text x="{x:.1}" y="{}" text-anchor="middle">{}</text>"#,
            y0 + ph + 14.0,
            tick(d)
        );
    }
    for d in (ya as i32)..=(yb as i32) {
        let y = sy(10f64.powi(d));
        let _ = writeln!(
            svg,
            "<line x1=\"{x0}\" y1=\"{y:.1}\" x2=\"{}\" y2=\"{y:.1}\" stroke=\"#e4e4e4\"/>",
            x0 + pw
        );
        let _ = writeln!(
            svg,
            r#"<text x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            x0 - 5.0,
            y + 4.0,
            tick(d)
        );
    }
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
        x0 + pw / 2.0,
        y0 + ph + 32.0,
        p.x_label
    );
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="{}" text-anchor="middle" transform="rotate(-90 {} {})">{}</text>"#,
        ox + 16.0,
        y0 + ph / 2.0,
        ox + 16.0,
        y0 + ph / 2.0,
        p.y_label
    );
    if let Some((value, label)) = p.mark {
        let y = sy(value);
        let _ = writeln!(
            svg,
            "<line x1=\"{x0}\" y1=\"{y:.1}\" x2=\"{}\" y2=\"{y:.1}\" stroke=\"#555\" stroke-dasharray=\"5,4\"/>",
            x0 + pw
        );
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#555\">{label}</text>",
            x0 + pw - 4.0,
            y - 4.0
        );
    }
    // Series, then the legend in the top left corner.
    let mut legend_y = y0 + 14.0;
    for (_, colour, points) in &p.dashed {
        let path: Vec<String> = points
            .iter()
            .map(|&(x, y)| format!("{:.1},{:.1}", sx(x), sy(y)))
            .collect();
        let _ = writeln!(
            svg,
            r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="1.5" stroke-dasharray="6,4"/>"#,
            path.join(" ")
        );
        for &(x, y) in points {
            let _ = writeln!(
                svg,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="white" stroke="{colour}" stroke-width="1.5"/>"#,
                sx(x),
                sy(y)
            );
        }
    }
    for (name, colour, points) in &p.lines {
        if points.is_empty() {
            continue;
        }
        let path: Vec<String> = points
            .iter()
            .map(|&(x, y)| format!("{:.1},{:.1}", sx(x), sy(y)))
            .collect();
        let _ = writeln!(
            svg,
            r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"/>"#,
            path.join(" ")
        );
        for &(x, y) in points {
            let _ = writeln!(
                svg,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{colour}"/>"#,
                sx(x),
                sy(y)
            );
        }
        // On a white ground, so that a mark line behind it does not cross the words.
        let _ = writeln!(
            svg,
            r#"<rect x="{}" y="{}" width="{:.1}" height="14" fill="white" fill-opacity="0.9"/>"#,
            x0 + 4.0,
            legend_y - 7.0,
            31.0 + 6.6 * name.chars().count() as f64
        );
        let _ = writeln!(
            svg,
            r#"<line x1="{}" y1="{legend_y}" x2="{}" y2="{legend_y}" stroke="{colour}" stroke-width="2"/><text x="{}" y="{}">{name}</text>"#,
            x0 + 8.0,
            x0 + 26.0,
            x0 + 31.0,
            legend_y + 4.0
        );
        legend_y += 15.0;
    }
}

/// A decade as a tick label: 0.01, 0.1, 1, 10, ... 1000, 10^4 ...
fn tick(d: i32) -> String {
    match d {
        -3..=-1 => format!("{}", 10f64.powi(d)),
        0..=3 => format!("{}", 10i64.pow(d as u32)),
        _ => format!("1e{d}"),
    }
}
