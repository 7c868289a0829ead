//! Content-hashed static files: a URL never changes meaning, so it may be cached forever.
//! Stylesheets are in memory; files of the site folder (images) are read from disk through
//! the bounded `asset_files` cache.

use bytes::Bytes;
use hyper::StatusCode;
use hyper::header::{self, HeaderValue};
use hyper::http::request::Parts;
use vitrine_site::{Asset, AssetBody};

use super::context::Ctx;
use crate::response::{self, Resp};

/// Serves an asset of the request's snapshot.
pub async fn serve(ctx: &Ctx, parts: &Parts) -> Resp {
    let url = parts.uri.path();
    let Some(asset) = ctx.snapshot.site.assets.get(url) else {
        return not_found();
    };
    match body(ctx, url, asset).await {
        Some(bytes) => send(asset, bytes),
        None => not_found(),
    }
}

/// The asset's bytes; `None` (logged) for a file that cannot be served.
async fn body(ctx: &Ctx, url: &str, asset: &Asset) -> Option<Bytes> {
    match &asset.body {
        AssetBody::Bytes(bytes) => Some(bytes.clone()),
        AssetBody::File { path, len } => {
            let files = ctx.state.asset_files();
            match files.read(url, path, (*len, &asset.hash)).await {
                Ok(bytes) => Some(bytes),
                Err(error) => {
                    tracing::warn!(%error, url, path = %path.display(), "asset file not served");
                    None
                }
            }
        }
    }
}

fn send(asset: &Asset, bytes: Bytes) -> Resp {
    let mut response = response::with_status(StatusCode::OK, bytes);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    response
}

fn not_found() -> Resp {
    response::text(StatusCode::NOT_FOUND, "No such asset\n")
}
