//! Why a call produced nothing usable, and whether that is held against the plugin.

use std::fmt;

/// Why a plugin call produced nothing usable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// The guest trapped (panic, stack overflow, bad memory access, undeclared capability…).
    Trap,
    /// Its guest code ran past its deadline.
    Deadline,
    /// It was still running (or waiting on the host) at its hard deadline: its guest
    /// deadline plus the host allowance, or the end of the page's budget.
    Timeout,
    /// It made too many host calls, or waited too long in them.
    HostLimit,
    /// Its storage writes would have taken it past its quota in the market.
    QuotaExceeded,
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
    /// As many of its calls as it may run at once were already running; it was not called.
    ConcurrencyLimit,
    /// The request was dropped while the call ran (the shopper went away).
    Cancelled,
    /// The host could not do its part (the database failed while committing the call).
    HostUnavailable,
    /// It could not be instantiated.
    Instantiation,
}

impl FailureKind {
    /// A short label for logs and metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Trap => "trap",
            FailureKind::Deadline => "deadline",
            FailureKind::Timeout => "timeout",
            FailureKind::HostLimit => "host_limit",
            FailureKind::QuotaExceeded => "quota_exceeded",
            FailureKind::BudgetExhausted => "budget_exhausted",
            FailureKind::OutOfMemory => "out_of_memory",
            FailureKind::InvalidOutput => "invalid_output",
            FailureKind::PluginError => "plugin_error",
            FailureKind::CircuitOpen => "circuit_open",
            FailureKind::ConcurrencyLimit => "concurrency_limit",
            FailureKind::Cancelled => "cancelled",
            FailureKind::HostUnavailable => "host_unavailable",
            FailureKind::Instantiation => "instantiation",
        }
    }
}

impl FailureKind {
    /// Whether the failure counts towards opening the plugin's circuit: not when the plugin
    /// was never called (budget, breaker, concurrency) or the request went away.
    pub fn is_charged(self) -> bool {
        !matches!(
            self,
            FailureKind::BudgetExhausted
                | FailureKind::CircuitOpen
                | FailureKind::ConcurrencyLimit
                | FailureKind::Cancelled
                | FailureKind::HostUnavailable
        )
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

/// An error with its causes, on one line, for a load problem.
pub(crate) fn chain_line(error: &wasmtime::Error) -> String {
    format!("{error:#}")
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// What went wrong in a call, for a failure detail: the first line of the innermost cause
/// (wasmtime wraps errors raised in host functions in a backtrace context).
pub(crate) fn first_line(error: &wasmtime::Error) -> String {
    error
        .root_cause()
        .to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}
