//! The `recount` command line: parses flags once into settings, calls the library,
//! prints, and maps the outcome to an exit code (0 clean, 1 findings, 2 error).
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod cli;

use std::process::ExitCode;

/// Claims are built on worker threads and dropped on the printing thread; mimalloc
/// keeps that cheap where the system allocator takes a lock per cross-thread free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main()
}
