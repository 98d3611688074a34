//! Problems found in a snapshot, each carrying its place, so that a secretary
//! can go straight to the line or the field that needs fixing.

use std::fmt;

/// One thing wrong with a snapshot.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The text is not JSON: where the parser stopped, and the line it stopped on.
    Syntax {
        line: usize,
        column: usize,
        message: String,
        /// The offending line, for showing under the message.
        source_line: String,
        /// Display columns before the offending character, for the caret.
        caret: usize,
    },
    /// A field has the wrong type or value, or breaks a rule; `path` is a JSON path
    /// such as `units[3].actuals.investment`.
    Field { path: String, message: String },
    /// The input is not a snapshot at all (empty, binary, too large, …).
    Input { message: String },
}

impl Problem {
    pub(crate) fn field(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem::Field {
            path: path.into(),
            message: message.into(),
        }
    }

    /// The place the problem names: `line:column` or a JSON path.
    pub fn place(&self) -> String {
        match self {
            Problem::Syntax { line, column, .. } => format!("{line}:{column}"),
            Problem::Field { path, .. } => path.clone(),
            Problem::Input { .. } => String::new(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Syntax {
                line,
                column,
                message,
                source_line,
                caret,
            } => {
                write!(f, "line {line}, column {column}: {message}")?;
                if !source_line.is_empty() {
                    let gutter = line.to_string();
                    let pad = " ".repeat(gutter.len());
                    write!(
                        f,
                        "\n  {gutter} | {source_line}\n  {pad} | {}^",
                        " ".repeat(*caret)
                    )?;
                }
                Ok(())
            }
            Problem::Field { path, message } => write!(f, "{path}: {message}"),
            Problem::Input { message } => f.write_str(message),
        }
    }
}

/// Every problem that stops a snapshot from being used, in the order found.
#[derive(Debug, Clone, PartialEq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

impl Problems {
    /// The first problem, for one-line banners.
    pub fn first(&self) -> Option<&Problem> {
        self.0.first()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
