//! The `recount` command line: parses flags once into settings, calls the library,
//! prints, and maps the outcome to an exit code (0 clean, 1 findings, 2 error).
#![deny(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod cli;

use std::process::ExitCode;

/// Claims are built on worker threads and dropped on the printing thread; mimalloc
/// keeps that cheap where the system allocator takes a lock per cross-thread free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    keep_freed_memory();
    cli::main()
}

/// mimalloc's number for its `purge_delay` option (the same in its versions 2 and 3).
const MI_OPTION_PURGE_DELAY: i32 = 15;

#[allow(unsafe_code)]
unsafe extern "C" {
    fn mi_option_set(option: i32, value: std::ffi::c_long);
    #[cfg(test)]
    fn mi_option_get(option: i32) -> std::ffi::c_long;
}

/// mimalloc hands freed memory back to the system a second after it is freed. `check`
/// builds and drops large tables while it reads and indexes claims, and every hand-back
/// costs page faults that zero the same memory again (a third of a `check` run went to
/// that). A run is short-lived: keep freed memory for reuse instead.
#[allow(unsafe_code)]
fn keep_freed_memory() {
    // SAFETY: `mi_option_set` only stores a value in mimalloc's option table; it is
    // called before any other thread exists.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(unsafe_code)]
    fn purge_delay_is_the_option_set() {
        // The option number is mimalloc's purge delay: its default is 1000 ms, and
        // setting it reads back.
        // SAFETY: reading and writing mimalloc's option table.
        unsafe {
            assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), 1000);
            mi_option_set(MI_OPTION_PURGE_DELAY, -1);
            assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), -1);
            mi_option_set(MI_OPTION_PURGE_DELAY, 1000);
        }
    }
}
