//! Reading admin requests: a JSON object within the size limit, its fields checked one by
//! one so that every problem is reported at once.

use hyper::StatusCode;
use hyper::body::Incoming;
use hyper::http::request::Parts;
use serde_json::{Map, Value};

use super::reply::{ApiError, ApiProblem};
use crate::forms::{FormError, read_body};

/// Reads the body as one JSON object of at most `limit` bytes.
pub async fn object(parts: &Parts, body: Incoming, limit: usize) -> Result<Fields, ApiError> {
    let bytes = bytes(parts, body, limit).await?;
    parse(&bytes)
}

/// Reads a body that may be empty (no fields) or one JSON object.
pub async fn empty_or_object(
    parts: &Parts,
    body: Incoming,
    limit: usize,
) -> Result<Fields, ApiError> {
    let bytes = bytes(parts, body, limit).await?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return parse(b"{}");
    }
    parse(&bytes)
}

async fn bytes(parts: &Parts, body: Incoming, limit: usize) -> Result<bytes::Bytes, ApiError> {
    read_body(&parts.headers, body, limit)
        .await
        .map_err(|error| match error {
            FormError::TooLarge => ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the request body is larger than {limit} bytes"),
            ),
            FormError::Malformed => ApiError::new(
                StatusCode::BAD_REQUEST,
                "the request body could not be read",
            ),
        })
}

fn parse(bytes: &[u8]) -> Result<Fields, ApiError> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(Fields {
            map,
            problems: Vec::new(),
        }),
        Ok(_) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "the request body must be a JSON object",
        )),
        Err(error) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("the request body is not JSON: {error}"),
        )),
    }
}

/// A request's fields, taken one at a time; problems add up until [`Fields::finish`].
pub struct Fields {
    map: Map<String, Value>,
    problems: Vec<ApiProblem>,
}

impl Fields {
    /// A required string of 1 to `max` characters (surrounding space trimmed).
    pub fn text(&mut self, name: &str, max: usize) -> Option<String> {
        match self.map.remove(name) {
            None | Some(Value::Null) => self.problem(name, "is required"),
            Some(Value::String(text)) => self.checked_text(name, text, max),
            Some(_) => self.problem(name, "must be a string"),
        }
    }

    /// An optional list of 1 to `max` strings; `None` when absent.
    pub fn list(&mut self, name: &str, max: usize) -> Option<Option<Vec<String>>> {
        let items = match self.map.remove(name) {
            None | Some(Value::Null) => return Some(None),
            Some(Value::Array(items)) => items,
            Some(_) => return self.problem(name, "must be a list of strings"),
        };
        if items.is_empty() || items.len() > max {
            return self.problem(name, &format!("must list 1 to {max} entries"));
        }
        let count = items.len();
        let mut out = Vec::with_capacity(count);
        for (i, item) in items.into_iter().enumerate() {
            match item {
                Value::String(text) => out.push(text),
                _ => {
                    self.problem::<()>(&format!("{name}[{i}]"), "must be a string");
                }
            }
        }
        (out.len() == count).then_some(Some(out))
    }

    /// Records a problem with a field; always `None`, for `return`.
    pub fn problem<T>(&mut self, field: &str, rule: &str) -> Option<T> {
        self.problems.push(ApiProblem::field(field, rule));
        None
    }

    /// Every problem found, unknown fields included; `Err` if there is any.
    pub fn finish(mut self) -> Result<(), ApiError> {
        let unknown: Vec<String> = self.map.keys().cloned().collect();
        for name in unknown {
            self.problem::<()>(&name, "is not a known field");
        }
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(ApiError::invalid(self.problems))
        }
    }

    fn checked_text(&mut self, name: &str, text: String, max: usize) -> Option<String> {
        let text = text.trim();
        let chars = text.chars().count();
        if chars == 0 || chars > max {
            return self.problem(name, &format!("must have 1 to {max} characters"));
        }
        if text.chars().any(char::is_control) {
            return self.problem(name, "must not contain control characters");
        }
        Some(text.to_owned())
    }
}
