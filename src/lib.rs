//! `recount` checks numeric claims in news articles for consistency.
//!
//! The pipeline: [`corpus`] reads documents, [`extract`] turns their text into
//! [`claim::Claim`]s, [`check`] applies the [`rules`] to all claims and yields findings,
//! and [`report`] renders them. The library returns values and never prints.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod baseline;
pub mod check;
pub mod claim;
pub mod config;
pub mod corpus;
pub mod date;
pub mod examples;
pub mod extract;
pub mod lexicon;
pub mod quantity;
pub mod report;
pub mod rules;
