//! Documents and the loaders that read them.
//!
//! A [`Document`] is one article: metadata plus a title and a body, kept exactly as
//! read so that byte offsets reported against them stay valid. Loaders stream: they
//! yield [`Loaded`] items one at a time, a document or a problem, and never stop the
//! batch on bad input.
//!
//! Entry point: [`load`], which returns a [`Loader`] (an iterator of [`Loaded`] items).
//! Formats: plain text and Markdown with front matter (see the `text` module), CSV and
//! TSV, JSON Lines and JSON arrays; columns are found by common names ([`ColumnMap`]).
//!
//! Positions: for a text file, `Origin::body_line` is the file line where the body
//! starts and `Origin::title_line` the line of the `title:` key. For a row of a corpus
//! file (`Origin::row` is set) both are 1: positions count within the field's text.

mod columns;
mod decode;
mod delimited;
mod json;
mod load;
mod text;

pub use columns::ColumnMap;
pub use load::{
    LoadOptions, LoadStats, Loaded, Loader, Problem, ProblemSeverity, STDIN_NAME, STDIN_PATH, load,
};
pub use text::document_from_text;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the path relative to the root given, `path#row` for rows of a corpus
    /// file, or the corpus's id column.
    pub id: String,
    pub source: Option<String>,
    pub date: Option<Date>,
    pub place: Option<String>,
    /// Explicit event key, when the input names one.
    pub event: Option<String>,
    pub title: Option<String>,
    /// The body text, exactly as read (after lossy UTF-8 decoding).
    pub text: String,
    pub url: Option<String>,
    pub origin: Origin,
    /// Rule ids the document's front matter asks to ignore (`recount-ignore`).
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Problems met while reading this document that did not stop it loading.
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// Where a document came from, for positions in reports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The file as the user named it (relative where it was given relative).
    pub path: String,
    /// 1-based row of a corpus file (CSV data row, JSON Lines line, JSON array index + 1).
    pub row: Option<u64>,
    /// 1-based line in the file where the title text stands, if it stands in the file.
    pub title_line: Option<u32>,
    /// 1-based column in that line where the title text starts.
    #[serde(default)]
    pub title_column: Option<u32>,
    /// 1-based line in the file where the body text starts.
    pub body_line: u32,
}

/// Which part of a document a position refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Title,
    Body,
}

impl Section {
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Title => "title",
            Section::Body => "body",
        }
    }
}

impl Document {
    /// The text of a section ("" for a missing title).
    pub fn section(&self, s: Section) -> &str {
        match s {
            Section::Title => self.title.as_deref().unwrap_or(""),
            Section::Body => &self.text,
        }
    }
}
