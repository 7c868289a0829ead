//! Calling the admin API of a test server.

use reqwest::StatusCode;
use serde_json::Value;

use super::{ADMIN_TOKEN, Headers, Server, client};

/// An admin call's answer.
pub struct AdminReply {
    pub status: StatusCode,
    pub request_id: String,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

/// Calls the admin API sending `token` as the bearer token (`None`: no `Authorization`).
pub async fn admin_with(
    server: &Server,
    method: &str,
    path: &str,
    body: Option<Value>,
    token: Option<&str>,
) -> AdminReply {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut request = client().request(method, format!("{}{path}", server.admin_base));
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    let response = request.send().await.expect("admin call");
    let status = response.status();
    let headers = response.headers().clone();
    let request_id = response
        .header("x-request-id")
        .unwrap_or_default()
        .to_owned();
    let text = response.text().await.expect("body");
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    AdminReply {
        status,
        request_id,
        headers,
        body,
    }
}

/// Calls the admin API with the test token.
pub async fn admin(server: &Server, method: &str, path: &str, body: Option<Value>) -> AdminReply {
    admin_with(server, method, path, body, Some(ADMIN_TOKEN)).await
}
