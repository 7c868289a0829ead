//! What the admin API answers: JSON bodies, and one error shape for every refusal
//! (`{"error": …, "problems": [...]}`), so that scripts and people read them the same way.

use bytes::Bytes;
use hyper::StatusCode;
use hyper::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderValue};
use serde::Serialize;
use serde_json::Value;

use crate::response::{self, Resp};

/// A successful answer: status and JSON body.
pub struct Reply {
    /// 2xx status.
    pub status: StatusCode,
    /// The body.
    pub body: Value,
    /// What the audit log records as the call's target.
    pub target: String,
    /// Whether the handler already recorded the call in the audit log (in the same
    /// transaction as the change it made).
    pub audited: bool,
}

impl Reply {
    /// A 200 answer about `target`.
    pub fn ok(target: impl Into<String>, body: Value) -> Self {
        Self {
            status: StatusCode::OK,
            body,
            target: target.into(),
            audited: false,
        }
    }

    /// A 201 answer about `target`: something new was recorded.
    pub fn created(target: impl Into<String>, body: Value) -> Self {
        Self {
            status: StatusCode::CREATED,
            ..Self::ok(target, body)
        }
    }

    /// The same answer, marked as already in the audit log.
    pub fn audited(self) -> Self {
        Self {
            audited: true,
            ..self
        }
    }
}

/// One problem with an admin call, as precise as is known: the field of the request, or
/// the file, line and key of a site file, and the rule broken.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ApiProblem {
    /// The request field at fault (`product`, `storefronts[1]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The site file at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The line of that file (syntax errors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The key (or message id) in that file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The rule broken, in words.
    pub rule: String,
}

impl From<vitrine_site::Problem> for ApiProblem {
    fn from(problem: vitrine_site::Problem) -> Self {
        Self {
            file: Some(problem.file),
            line: problem.line,
            key: (!problem.key.is_empty()).then_some(problem.key),
            rule: problem.rule,
            ..Self::default()
        }
    }
}

impl ApiProblem {
    /// A problem with a field of the request.
    pub fn field(field: impl Into<String>, rule: impl Into<String>) -> Self {
        Self {
            field: Some(field.into()),
            rule: rule.into(),
            ..Self::default()
        }
    }
}

/// A refused call: status, a sentence, and every problem found.
#[derive(Debug)]
pub struct ApiError {
    /// 4xx or 5xx.
    pub status: StatusCode,
    /// What went wrong, in one sentence.
    pub error: String,
    /// Each problem, when there are several things to fix.
    pub problems: Vec<ApiProblem>,
}

impl ApiError {
    /// A refusal without itemised problems.
    pub fn new(status: StatusCode, error: impl Into<String>) -> Self {
        Self {
            status,
            error: error.into(),
            problems: Vec::new(),
        }
    }

    /// A 422 listing what is wrong with the request.
    pub fn invalid(problems: Vec<ApiProblem>) -> Self {
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            error: "the request is not valid".into(),
            problems,
        }
    }

    /// The database failed: 503, nothing changed.
    pub fn unavailable(error: &impl std::fmt::Display) -> Self {
        tracing::error!(%error, "admin call: the database failed");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the database is unavailable; nothing was changed",
        )
    }

    /// The error as the body says it.
    pub fn body(&self) -> Value {
        serde_json::json!({ "error": self.error, "problems": self.problems })
    }
}

/// A JSON response that no cache keeps.
pub fn json(status: StatusCode, body: &Value) -> Resp {
    let bytes = serde_json::to_vec_pretty(body).unwrap_or_else(|_| b"{}".to_vec());
    let mut response = response::with_status(status, Bytes::from(bytes));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Milliseconds since the Unix epoch as an RFC 3339 time (`2026-12-02T03:14:00.123Z`).
pub fn timestamp(ms: i64) -> String {
    let nanos = i128::from(ms) * 1_000_000;
    time::OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}
