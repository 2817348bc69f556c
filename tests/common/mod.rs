//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the checkout, or None (with a message saying the test skips).
pub fn shared(test: &str) -> Option<PathBuf> {
    let p = root().join("..").join("shared");
    if p.join("corpora").is_dir() {
        Some(p)
    } else {
        eprintln!("skipping {test}: ../shared is not beside the checkout");
        None
    }
}

/// A `recount` command run from the project root, with colour off.
pub fn recount() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_recount"));
    c.current_dir(root());
    c.env_remove("FORCE_COLOR");
    c.env("NO_COLOR", "1");
    c.env("COLUMNS", "100");
    c
}

/// Run `recount` with args from the project root.
pub fn run(args: &[&str]) -> Output {
    recount()
        .args(args)
        .output()
        .expect("the recount binary runs")
}

/// Run `recount` in a given directory.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut c = recount();
    c.current_dir(dir);
    c.args(args).output().expect("the recount binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// Every snapshot lives under the top-level `snapshots/`.
#[macro_export]
macro_rules! snap {
    ($name:expr, $value:expr) => {{
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
        settings.set_prepend_module_to_snapshot(true);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!($name, $value));
    }};
}
