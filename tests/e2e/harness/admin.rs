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
    reply_of(request.send().await.expect("admin call")).await
}

/// An admin answer read as JSON.
async fn reply_of(response: reqwest::Response) -> AdminReply {
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

/// Sends a package archive to the admin API with the test token.
pub async fn upload(server: &Server, plugin: &str, version: &str, archive: Vec<u8>) -> AdminReply {
    let path = format!("/admin/plugins/{plugin}/versions/{version}");
    let response = client()
        .put(format!("{}{path}", server.admin_base))
        .header("authorization", format!("Bearer {ADMIN_TOKEN}"))
        .header("content-type", "application/x-tar")
        .body(archive)
        .send()
        .await
        .expect("upload");
    reply_of(response).await
}

/// A copy of the built click-and-collect package as version `version`, changed by `edit`
/// (given the package folder), packed with the `tar` command as an operator would.
pub fn click_and_collect_as(
    version: &str,
    gzip: bool,
    edit: impl FnOnce(&std::path::Path),
) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temp dir");
    let package = dir.path().join("click-and-collect");
    super::copy_dir(
        &super::repo_root().join("plugins/dist/click-and-collect"),
        &package,
    );
    let manifest = package.join("plugin.toml");
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    let text = text.replace("version = \"1.0.0\"", &format!("version = \"{version}\""));
    std::fs::write(&manifest, text).expect("write manifest");
    edit(&package);
    let archive = dir.path().join("package.tar");
    let status = std::process::Command::new("tar")
        .arg("-C")
        .arg(&package)
        .arg(if gzip { "-czf" } else { "-cf" })
        .arg(&archive)
        .arg(".")
        .status()
        .expect("run tar");
    assert!(status.success(), "tar failed");
    std::fs::read(&archive).expect("read archive")
}

/// Replaces text in a file of a package folder.
pub fn replace_in(package: &std::path::Path, file: &str, from: &str, to: &str) {
    let path = package.join(file);
    let text = std::fs::read_to_string(&path).expect("read package file");
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replace(from, to)).expect("write package file");
}

/// Sends a catalogue feed (JSON Lines) to `POST /admin/catalogue{query}` with the test token.
pub async fn import_feed(server: &Server, query: &str, feed: String) -> AdminReply {
    let response = client()
        .post(format!("{}/admin/catalogue{query}", server.admin_base))
        .header("authorization", format!("Bearer {ADMIN_TOKEN}"))
        .header("content-type", "application/x-ndjson")
        .body(feed)
        .send()
        .await
        .expect("import");
    reply_of(response).await
}
