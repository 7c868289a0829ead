use std::fmt;

/// Why a plugin call produced nothing usable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// The guest trapped (panic, stack overflow, bad memory access, undeclared capability…).
    Trap,
    /// It ran past its CPU deadline.
    Deadline,
    /// Earlier plugins of the page used up the page's plugin budget; it was not called.
    BudgetExhausted,
    /// It tried to grow memory or tables past its limits.
    OutOfMemory,
    /// Its output broke the rules (unknown message, too many or too deep blocks…).
    InvalidOutput,
    /// It answered with its own error.
    PluginError,
    /// The circuit breaker keeps it off after repeated failures.
    CircuitOpen,
    /// It could not be instantiated.
    Instantiation,
}

impl FailureKind {
    /// A short label for logs and metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Trap => "trap",
            FailureKind::Deadline => "deadline",
            FailureKind::BudgetExhausted => "budget_exhausted",
            FailureKind::OutOfMemory => "out_of_memory",
            FailureKind::InvalidOutput => "invalid_output",
            FailureKind::PluginError => "plugin_error",
            FailureKind::CircuitOpen => "circuit_open",
            FailureKind::Instantiation => "instantiation",
        }
    }
}

/// A failed plugin call: what kind of failure and the detail.
#[derive(Clone, Debug)]
pub struct Failure {
    /// The kind.
    pub kind: FailureKind,
    /// Details for the log.
    pub detail: String,
}

impl Failure {
    /// A failure of a kind with a detail.
    pub fn new(kind: FailureKind, detail: impl Into<String>) -> Self {
        Self {
            kind,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.as_str(), self.detail)
    }
}
