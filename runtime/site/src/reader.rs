use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use crate::{Problem, SiteSource};

/// Reads and parses site files, collecting every problem instead of stopping at the first,
/// and fingerprinting everything it read so that equal inputs give an equal snapshot version.
pub struct Reader<'a> {
    source: &'a dyn SiteSource,
    problems: Vec<Problem>,
    fingerprint: Sha256,
}

impl<'a> Reader<'a> {
    /// A reader over a source.
    pub fn new(source: &'a dyn SiteSource) -> Self {
        Self {
            source,
            problems: Vec::new(),
            fingerprint: Sha256::new(),
        }
    }

    /// Records a problem.
    pub fn problem(&mut self, file: &str, key: impl Into<String>, rule: impl Into<String>) {
        self.problems.push(Problem::new(file, key, rule));
    }

    /// Records a problem on a line of a file.
    pub fn problem_at(&mut self, file: &str, line: u32, rule: impl Into<String>) {
        self.problems
            .push(Problem::new(file, "", rule).at_line(line));
    }

    /// How many problems have been recorded so far.
    pub fn problem_count(&self) -> usize {
        self.problems.len()
    }

    /// Reads raw bytes; a missing file is a problem attributed to `referrer`.
    pub fn bytes(&mut self, path: &str, referrer: (&str, &str)) -> Option<Vec<u8>> {
        match self.source.read(path) {
            Ok(bytes) => {
                self.fingerprint.update(path.as_bytes());
                self.fingerprint.update(&bytes);
                Some(bytes)
            }
            Err(error) => {
                let (file, key) = referrer;
                self.problem(file, key, format!("cannot read `{path}`: {error}"));
                None
            }
        }
    }

    /// Where a file is on disk, if its source keeps it there.
    pub fn path_on_disk(&self, path: &str) -> Option<std::path::PathBuf> {
        self.source.path_on_disk(path)
    }

    /// Reads a UTF-8 text file.
    pub fn text(&mut self, path: &str) -> Option<String> {
        let bytes = self.bytes(path, (path, ""))?;
        match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(_) => {
                self.problem(path, "", "the file is not valid UTF-8");
                None
            }
        }
    }

    /// Reads and parses a TOML file; unknown keys are reported one by one.
    pub fn toml<T: DeserializeOwned>(&mut self, path: &str) -> Option<T> {
        let text = self.text(path)?;
        self.parse_toml(path, &text)
    }

    /// Parses TOML text that came from `path`.
    pub fn parse_toml<T: DeserializeOwned>(&mut self, path: &str, text: &str) -> Option<T> {
        let deserializer = match toml::Deserializer::parse(text) {
            Ok(deserializer) => deserializer,
            Err(error) => {
                self.toml_problem(path, text, &error);
                return None;
            }
        };
        let mut unknown = Vec::new();
        let parsed = serde_ignored::deserialize(deserializer, |key| unknown.push(key.to_string()));
        for key in unknown {
            self.problem(path, key, "unknown key");
        }
        match parsed {
            Ok(value) => Some(value),
            Err(error) => {
                self.toml_problem(path, text, &error);
                None
            }
        }
    }

    /// A TOML error, on its line when the parser says where.
    fn toml_problem(&mut self, path: &str, text: &str, error: &toml::de::Error) {
        let message = error.message().trim();
        match error.span() {
            Some(span) => {
                let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                let line = u32::try_from(line).unwrap_or(u32::MAX);
                self.problem_at(path, line, format!("line {line}: {message}"));
            }
            None => self.problem(path, "", message),
        }
    }

    /// Lists a folder; a missing folder is a problem attributed to `referrer`.
    pub fn list(&mut self, dir: &str, referrer: (&str, &str)) -> Vec<String> {
        match self.source.list(dir) {
            Ok(names) => names,
            Err(error) => {
                let (file, key) = referrer;
                self.problem(file, key, format!("cannot list folder `{dir}`: {error}"));
                Vec::new()
            }
        }
    }

    /// Counts bytes that are not a file (an imported catalogue) into the fingerprint.
    pub fn fingerprint(&mut self, label: &str, bytes: &[u8]) {
        self.fingerprint.update(label.as_bytes());
        self.fingerprint.update(bytes);
    }

    /// Lists a folder; a missing folder lists nothing and is no problem.
    pub fn list_if_any(&self, dir: &str) -> Vec<String> {
        self.source.list(dir).unwrap_or_default()
    }

    /// Puts the problems of `file` on the line `line_of` finds for their key, and says the
    /// line in their rule.
    pub fn locate(&mut self, file: &str, line_of: impl Fn(&str) -> Option<u32>) {
        for problem in &mut self.problems {
            if problem.file != file || problem.line.is_some() {
                continue;
            }
            if let Some(line) = line_of(&problem.key) {
                problem.line = Some(line);
                problem.rule = format!("line {line}: {}", problem.rule);
            }
        }
    }

    /// Ends reading: the problems found and the fingerprint of all input.
    pub fn finish(self) -> (Vec<Problem>, [u8; 32]) {
        (self.problems, self.fingerprint.finalize().into())
    }
}
