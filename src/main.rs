//! The `recount` command line: parses flags once into settings, calls the library,
//! prints, and maps the outcome to an exit code (0 clean, 1 findings, 2 error).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
