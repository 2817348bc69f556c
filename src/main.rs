//! The `recount` command line: parses flags once into settings, calls the library,
//! prints, and maps the outcome to an exit code (0 clean, 1 findings, 2 error).
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
