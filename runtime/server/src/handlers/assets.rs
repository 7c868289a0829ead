//! Content-hashed static files: a URL never changes meaning, so it may be cached forever.

use hyper::StatusCode;
use hyper::header::{self, HeaderValue};
use hyper::http::request::Parts;
use vitrine_site::Site;

use crate::response::{self, Resp};

/// Serves an asset of the current snapshot.
pub fn serve(site: &Site, parts: &Parts) -> Resp {
    let Some(asset) = site.assets.get(parts.uri.path()) else {
        return response::text(StatusCode::NOT_FOUND, "No such asset\n");
    };
    let mut response = response::with_status(StatusCode::OK, asset.bytes.clone());
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
