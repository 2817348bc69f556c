//! Integration tests, compiled as one binary. Each module covers one area.

mod common;
