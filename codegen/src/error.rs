//! The one error type of the generator: what is wrong, in which file, where in it.

use std::fmt;

/// A problem found in a spec, with where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The file, relative to the repository root when possible.
    pub file: String,
    /// A JSON pointer into that file (`/paths/~1auth/post`), or empty.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

impl SpecError {
    /// An error about a whole file.
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        SpecError { file: file.into(), pointer: String::new(), message: message.into() }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pointer.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.pointer, self.message)
        }
    }
}

impl std::error::Error for SpecError {}
