use std::fmt;

/// One thing wrong with a site: where it is and which rule it breaks.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The file, as given to the loader (`site/markets/nl.toml`).
    pub file: String,
    /// The dotted key inside the file (`prices.canvas-tote`), or empty for the whole file.
    pub key: String,
    /// The rule that is broken, in plain words.
    pub rule: String,
    /// The line of the file it is on, when known (syntax errors); the rule says it too.
    pub line: Option<u32>,
}

impl Problem {
    /// A problem with a key of a file.
    pub fn new(file: impl Into<String>, key: impl Into<String>, rule: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            key: key.into(),
            rule: rule.into(),
            line: None,
        }
    }

    /// The same problem, on a line of its file.
    pub fn at_line(self, line: u32) -> Self {
        Self {
            line: Some(line),
            ..self
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}: {}", self.file, self.rule)
        } else {
            write!(f, "{}: `{}`: {}", self.file, self.key, self.rule)
        }
    }
}

/// Why a site could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// The site breaks one or more rules; all of them are listed.
    #[error("{} problem(s) in the site:\n{}", .0.len(), list(.0))]
    Invalid(Vec<Problem>),
}

impl SiteError {
    /// The problems, sorted by file and key.
    pub fn problems(&self) -> &[Problem] {
        match self {
            SiteError::Invalid(problems) => problems,
        }
    }
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}
