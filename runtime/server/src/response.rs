//! Building responses: HTML with validators and caching headers, redirects, plain text.

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::{Response, StatusCode};

/// The body type of every response.
pub type Body = Full<Bytes>;
/// A response.
pub type Resp = Response<Body>;

/// The media type of every page.
pub const HTML: &str = "text/html; charset=utf-8";

/// The header naming a page's purge tags, comma-separated, as Cloudflare reads them.
pub const CACHE_TAG: header::HeaderName = header::HeaderName::from_static("cache-tag");
/// The same tags space-separated, as Fastly reads them.
pub const SURROGATE_KEY: header::HeaderName = header::HeaderName::from_static("surrogate-key");

/// How a page may be cached downstream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caching {
    /// The same for every anonymous shopper: shared caches may keep it briefly.
    Public,
    /// Depends on the session: never stored.
    Private,
}

impl Caching {
    /// The `Cache-Control` value.
    pub fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Caching::Public => "public, max-age=60, stale-while-revalidate=300",
            Caching::Private => "private, no-store",
        })
    }
}

/// An HTML page to send.
pub struct HtmlPage<'a> {
    /// The status code.
    pub status: StatusCode,
    /// The document.
    pub body: Bytes,
    /// Strong `ETag`.
    pub etag: &'a str,
    /// `Content-Language`.
    pub language: &'a str,
    /// Cache policy.
    pub caching: Caching,
    /// Purge tags, exposed as `Cache-Tag` for a CDN in front.
    pub tags: &'a [String],
}

/// Sends an HTML page, or 304 when the client already has these bytes.
pub fn html(request_headers: &HeaderMap, page: HtmlPage<'_>) -> Resp {
    let fresh = page.status == StatusCode::OK && etag_matches(request_headers, page.etag);
    let mut response = if fresh {
        with_status(StatusCode::NOT_MODIFIED, Bytes::new())
    } else {
        with_status(page.status, page.body)
    };
    let headers = response.headers_mut();
    if !fresh {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(HTML));
    }
    insert(headers, header::ETAG, page.etag);
    insert(headers, header::CONTENT_LANGUAGE, page.language);
    headers.insert(header::CACHE_CONTROL, page.caching.header());
    headers.insert(header::VARY, HeaderValue::from_static("Cookie"));
    if page.caching == Caching::Public && !page.tags.is_empty() {
        insert(headers, CACHE_TAG, &page.tags.join(","));
        insert(headers, SURROGATE_KEY, &page.tags.join(" "));
    }
    response
}

/// A strong validator for a body: its 128-bit XXH3 hash. A validator only has to change
/// when the bytes do (no adversary chooses our pages), and XXH3 is a fixed, versioned
/// algorithm, so tags stay valid across restarts; it costs a fraction of a cryptographic
/// digest on every uncached page.
pub fn etag_of(body: &[u8]) -> String {
    format!("\"{:032x}\"", xxhash_rust::xxh3::xxh3_128(body))
}

/// Whether `If-None-Match` names this entity tag (or `*`).
pub fn etag_matches(request_headers: &HeaderMap, etag: &str) -> bool {
    request_headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}

/// A redirect (303 after a form, 308 for canonical paths).
pub fn redirect(status: StatusCode, location: &str) -> Resp {
    let mut response = with_status(status, Bytes::new());
    insert(response.headers_mut(), header::LOCATION, location);
    response
}

/// A plain-text response.
pub fn text(status: StatusCode, body: impl Into<Bytes>) -> Resp {
    let mut response = with_status(status, body.into());
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// A response with a status and body and no other headers yet.
pub fn with_status(status: StatusCode, body: Bytes) -> Resp {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    response
}

/// Inserts a header whose value is known to be visible ASCII; anything else is skipped
/// rather than failing the response.
pub fn insert(headers: &mut HeaderMap, name: impl header::IntoHeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.insert(name, value);
    }
}

/// Headers every response carries.
pub fn add_security_headers(headers: &mut HeaderMap) {
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_tags_are_quoted_stable_and_change_with_the_bytes() {
        let tag = etag_of(b"<p>Vitrine</p>");
        assert_eq!(tag, etag_of(b"<p>Vitrine</p>"));
        assert_ne!(tag, etag_of(b"<p>Vitrine!</p>"));
        assert_eq!(tag.len(), 34);
        assert!(tag.starts_with('"') && tag.ends_with('"'));
        let mut headers = HeaderMap::new();
        insert(
            &mut headers,
            header::IF_NONE_MATCH,
            &format!("W/{tag}, \"other\""),
        );
        assert!(etag_matches(&headers, &tag));
    }
}
