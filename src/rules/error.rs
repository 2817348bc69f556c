//! Errors in rules files, with the file position they point at and a fix hint.

use super::Location;
use std::fmt;

/// One mistake in a rules pack. `line` and `column` are 1-based (the column counts
/// characters); both are 0 when the error concerns a whole file (it cannot be read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesError {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub hint: Option<String>,
}

impl RulesError {
    pub fn at(loc: &Location, message: impl Into<String>, hint: Option<String>) -> Self {
        RulesError {
            file: loc.file.clone(),
            line: loc.line,
            column: loc.column,
            message: message.into(),
            hint,
        }
    }

    /// An error about a whole file.
    pub fn file(file: &str, message: impl Into<String>, hint: Option<String>) -> Self {
        RulesError {
            file: file.to_string(),
            line: 0,
            column: 0,
            message: message.into(),
            hint,
        }
    }
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: error: {}", self.file, self.message)?;
        } else {
            write!(
                f,
                "{}:{}:{}: error: {}",
                self.file, self.line, self.column, self.message
            )?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RulesError {}

/// A file's text with its line starts, to turn byte offsets into positions.
pub(crate) struct Source<'a> {
    pub file: &'a str,
    pub text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Source<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Source {
            file,
            text,
            line_starts,
        }
    }

    /// The 1-based line and character column of a byte offset (clamped to the text).
    pub fn loc(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let idx = self
            .line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.line_starts.get(idx).copied().unwrap_or(0);
        let column = match self.text.get(start..offset) {
            Some(s) => s.chars().count(),
            None => offset - start,
        };
        Location {
            file: self.file.to_string(),
            line: u32::try_from(idx + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }

    pub fn err(
        &self,
        offset: usize,
        message: impl Into<String>,
        hint: Option<String>,
    ) -> RulesError {
        RulesError::at(&self.loc(offset), message, hint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        let s = Source::new("f.toml", "ab\ncé d\n\nx");
        let pos = |o| {
            let l = s.loc(o);
            (l.line, l.column)
        };
        assert_eq!(pos(0), (1, 1));
        assert_eq!(pos(2), (1, 3));
        assert_eq!(pos(3), (2, 1));
        // "é" is two bytes but one column.
        assert_eq!(pos(6), (2, 3));
        assert_eq!(pos(7), (2, 4));
        assert_eq!(pos(9), (3, 1));
        assert_eq!(pos(10), (4, 1));
        assert_eq!(pos(11), (4, 2));
        assert_eq!(pos(500), (4, 2));
    }

    #[test]
    fn display() {
        let e = RulesError {
            file: "r.toml".into(),
            line: 3,
            column: 7,
            message: "unknown key `sevrity`".into(),
            hint: Some("did you mean `severity`?".into()),
        };
        assert_eq!(
            e.to_string(),
            "r.toml:3:7: error: unknown key `sevrity`\n  hint: did you mean `severity`?"
        );
        let e = RulesError::file("gone.toml", "cannot read: not found", None);
        assert_eq!(e.to_string(), "gone.toml: error: cannot read: not found");
    }
}
