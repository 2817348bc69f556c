//! Integration tests, compiled as one binary. Each module covers one area.

mod bad_input;
mod check;
mod ci;
mod common;
mod corpus;
mod extract;
mod gold;
mod grammar;
mod peers;
mod properties;
mod rules;
mod scale;
