//! Test plugin: `fill?batch=B&count=N&bytes=S` writes N keys `B-i` of S bytes each and says
//! how many writes were refused; `oversized` tries keys, values and events past the limits;
//! `many-writes` buffers writes until one is refused.

use hostile::{
    Misbehave, PageContext, PluginError, RouteRequest, RouteResponse, Ui, events, storage,
};

fn number(request: &RouteRequest, name: &str, default: usize) -> usize {
    hostile::param(request, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn fill(request: &RouteRequest) -> RouteResponse {
    let batch = hostile::param(request, "batch").unwrap_or("0");
    let count = number(request, "count", 100);
    let value = vec![b'v'; number(request, "bytes", 1)];
    let refused = (0..count)
        .filter(|i| storage::set(&format!("{batch}-{i}"), &value).is_err())
        .count();
    hostile::page(
        "fill",
        vec![hostile::paragraph(format!("refused {refused}"))],
    )
}

fn stored(result: Result<(), storage::StorageError>) -> &'static str {
    match result {
        Ok(()) => "ok",
        Err(storage::StorageError::TooLarge) => "too-large",
        Err(storage::StorageError::QuotaExceeded) => "quota-exceeded",
        Err(storage::StorageError::Unavailable) => "unavailable",
    }
}

fn emitted(result: Result<(), String>) -> &'static str {
    if result.is_ok() { "ok" } else { "refused" }
}

fn oversized() -> RouteResponse {
    let huge_key = "k".repeat(64 << 10);
    let big_value = vec![0u8; 17 * 1024];
    let lines = [
        format!(
            "get {}",
            if storage::get(&huge_key).is_none() {
                "none"
            } else {
                "some"
            }
        ),
        format!("set {}", stored(storage::set(&huge_key, b"v"))),
        format!("delete {}", stored(storage::delete(&huge_key))),
        format!("value {}", stored(storage::set("k", &big_value))),
        format!(
            "event-json {}",
            emitted(events::emit("abuser.test", "not json"))
        ),
        format!("event-name {}", emitted(events::emit("Bad Name!", "{}"))),
        format!(
            "event {}",
            emitted(events::emit("abuser.test", "{\"ok\":true}"))
        ),
    ];
    hostile::page(
        "oversized",
        lines.into_iter().map(hostile::paragraph).collect(),
    )
}

fn many_writes() -> RouteResponse {
    let refused_at = (0..10_000).find(|i| storage::set(&format!("many-{i}"), b"v").is_err());
    let text = refused_at.map_or("never refused".to_owned(), |i| format!("refused at {i}"));
    hostile::page("many", vec![hostile::paragraph(text)])
}

struct Abuser;

impl Misbehave for Abuser {
    fn render(_context: &PageContext) -> Ui {
        hostile::flat(Vec::new())
    }

    fn route(request: &RouteRequest) -> Result<RouteResponse, PluginError> {
        match request.path.as_str() {
            "fill" => Ok(fill(request)),
            "oversized" => Ok(oversized()),
            "many-writes" => Ok(many_writes()),
            _ => Err(PluginError::NotFound),
        }
    }
}

hostile::hostile_plugin!(Abuser);
