//! Claim extraction: from document text to [`Claim`](crate::claim::Claim)s.
//!
//! Sentences are split first ([`text`]); the quantity grammar finds every quantity
//! phrase in a section; then [`context`] reads around each one: the counted noun
//! phrase, the verb that holds the number, relations between claims of a sentence
//! (parts, coordination), who says so, and the claim's time frame.

pub mod context;
pub(crate) mod lexeme;
mod nonclaim;
pub mod numeral;
mod qualifier;
pub mod quantity_phrase;
pub mod text;
mod unit;
mod vague;
pub mod verbs;
pub mod words;

pub use context::Extractor;
