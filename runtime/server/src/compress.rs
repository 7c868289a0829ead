//! Precompressed variants of cached pages: brotli and gzip are computed once, when a page
//! enters the cache, and chosen per request from `Accept-Encoding`.

use std::io::Write;

use bytes::Bytes;
use hyper::header::{ACCEPT_ENCODING, HeaderMap};

/// A content coding a response can be sent in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    /// Brotli (`br`).
    Brotli,
    /// Gzip.
    Gzip,
    /// No compression.
    Identity,
}

impl Coding {
    /// The `Content-Encoding` value, none for identity.
    pub fn header(self) -> Option<&'static str> {
        match self {
            Coding::Brotli => Some("br"),
            Coding::Gzip => Some("gzip"),
            Coding::Identity => None,
        }
    }

    /// The suffix that keeps each variant's entity tag distinct.
    pub fn etag_suffix(self) -> &'static str {
        match self {
            Coding::Brotli => "-br",
            Coding::Gzip => "-gz",
            Coding::Identity => "",
        }
    }
}

/// The best coding the client accepts: brotli, then gzip, else identity. Codings with
/// `q=0` are refused. Reads the header in place: this runs on every cache hit.
pub fn negotiate(headers: &HeaderMap) -> Coding {
    let (mut brotli, mut gzip) = (false, false);
    let items = headers
        .get_all(ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','));
    for item in items {
        let (coding, accepted) = parse_item(item);
        let any = coding == "*";
        brotli |= accepted && (any || coding.eq_ignore_ascii_case("br"));
        gzip |= accepted && (any || coding.eq_ignore_ascii_case("gzip"));
    }
    if brotli {
        Coding::Brotli
    } else if gzip {
        Coding::Gzip
    } else {
        Coding::Identity
    }
}

/// A coding and whether its quality is above zero.
fn parse_item(item: &str) -> (&str, bool) {
    let mut parts = item.split(';');
    let coding = parts.next().unwrap_or_default().trim();
    let q = parts
        .filter_map(|p| p.trim().strip_prefix("q="))
        .find_map(|q| q.trim().parse::<f32>().ok())
        .unwrap_or(1.0);
    (coding, q > 0.0)
}

/// Brotli at quality 5: most of the gain of higher levels at a fraction of their time, since a
/// cache miss pays for it on the request path.
pub fn brotli(body: &[u8]) -> Option<Bytes> {
    let mut out = Vec::with_capacity(body.len() / 4);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 5,
        lgwin: 20,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &body[..], &mut out, &params).ok()?;
    // Kept in the cache: no room beyond the bytes (`Bytes` keeps a vector's capacity).
    out.shrink_to_fit();
    Some(out.into())
}

/// Gzip at the default level.
pub fn gzip(body: &[u8]) -> Option<Bytes> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 3),
        flate2::Compression::default(),
    );
    encoder.write_all(body).ok()?;
    let mut out = encoder.finish().ok()?;
    out.shrink_to_fit();
    Some(out.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::header::HeaderValue;

    fn with(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_ENCODING, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn brotli_wins_then_gzip_then_identity() {
        assert_eq!(negotiate(&with("gzip, deflate, br")), Coding::Brotli);
        assert_eq!(negotiate(&with("gzip")), Coding::Gzip);
        assert_eq!(negotiate(&with("br;q=0, gzip;q=0.5")), Coding::Gzip);
        assert_eq!(negotiate(&with("identity")), Coding::Identity);
        assert_eq!(negotiate(&HeaderMap::new()), Coding::Identity);
        assert_eq!(negotiate(&with("GZIP;q=0.1")), Coding::Gzip);
        assert_eq!(negotiate(&with("*")), Coding::Brotli);
        assert_eq!(negotiate(&with("gzip;q=0, *;q=0")), Coding::Identity);
    }

    #[test]
    fn variants_round_trip() {
        let page = "<!doctype html><p>Vitrine</p>".repeat(100);
        let gz = gzip(page.as_bytes()).expect("gzip");
        let mut decoded = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut decoded)
            .expect("gunzip");
        assert_eq!(decoded, page);
        let br = brotli(page.as_bytes()).expect("brotli");
        assert!(br.len() < page.len() / 5);
    }
}
