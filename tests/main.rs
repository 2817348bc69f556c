//! Integration tests, compiled as one binary. Each module covers one area.

mod check;
mod common;
mod corpus;
mod extract;
mod gold;
mod grammar;
mod peers;
mod rules;
