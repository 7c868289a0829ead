//! Shopper sessions: a random id in an HttpOnly, SameSite=Lax cookie, and a CSRF token that
//! is an HMAC of that id under the server secret (nothing to store, nothing to guess).

use hmac::{Hmac, Mac};
use hyper::header::{COOKIE, HeaderMap};
use sha2::Sha256;

/// The session cookie's name.
pub const COOKIE_NAME: &str = "vitrine_session";
const ID_LEN: usize = 32;
const TOKEN_BYTES: usize = 16;
const MAX_AGE_SECONDS: u32 = 30 * 24 * 3600;

/// A shopper's session.
#[derive(Clone, Debug)]
pub struct Session {
    /// 32 lower-case hex digits.
    pub id: String,
    /// The token every state-changing form must carry.
    pub csrf: String,
    /// Whether the cookie still has to be sent.
    pub is_new: bool,
}

impl Session {
    /// Starts a new session with a random id.
    pub fn start(secret: &[u8]) -> Option<Self> {
        let bytes = vitrine_store::random_bytes::<16>().ok()?;
        let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Some(Self {
            csrf: csrf_token(secret, &id),
            id,
            is_new: true,
        })
    }

    /// The session named by the request's cookie, if it is well formed.
    pub fn from_headers(headers: &HeaderMap, secret: &[u8]) -> Option<Self> {
        let id = cookie_value(headers, COOKIE_NAME)?;
        let valid = id.len() == ID_LEN
            && id
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        valid.then(|| Self {
            csrf: csrf_token(secret, id),
            id: id.to_owned(),
            is_new: false,
        })
    }

    /// Whether a submitted token is this session's, compared in constant time.
    pub fn verify_csrf(&self, secret: &[u8], token: Option<&str>) -> bool {
        let Some(token) = token.and_then(hex_decode) else {
            return false;
        };
        let Some(mac) = mac(secret, &self.id) else {
            return false;
        };
        token.len() == TOKEN_BYTES && mac.verify_truncated_left(&token).is_ok()
    }

    /// The `Set-Cookie` value; `secure` when the public URL is https.
    pub fn set_cookie(&self, secure: bool) -> String {
        let secure = if secure { "; Secure" } else { "" };
        format!(
            "{COOKIE_NAME}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={MAX_AGE_SECONDS}{secure}",
            self.id
        )
    }
}

/// The keyed MAC over a session id; HMAC takes keys of any length, so this is always `Some`.
fn mac(secret: &[u8], id: &str) -> Option<Hmac<Sha256>> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).ok()?;
    mac.update(b"csrf:");
    mac.update(id.as_bytes());
    Some(mac)
}

fn csrf_token(secret: &[u8], id: &str) -> String {
    let Some(mac) = mac(secret, id) else {
        return String::new();
    };
    let tag = mac.finalize().into_bytes();
    tag.iter()
        .take(TOKEN_BYTES)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || text.len() > 64 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The value of a cookie in the request's `Cookie` headers.
pub fn cookie_value<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::header::HeaderValue;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn tokens_verify_only_for_their_session() {
        let a = Session::start(SECRET).expect("session");
        let b = Session::start(SECRET).expect("session");
        assert!(a.verify_csrf(SECRET, Some(&a.csrf)));
        assert!(!a.verify_csrf(SECRET, Some(&b.csrf)));
        assert!(!a.verify_csrf(SECRET, None));
        assert!(!a.verify_csrf(SECRET, Some("zz")));
        assert!(!a.verify_csrf(b"another secret", Some(&a.csrf)));
    }

    #[test]
    fn malformed_cookies_are_no_session() {
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            HeaderValue::from_static("vitrine_session=../../etc; other=1"),
        );
        assert!(Session::from_headers(&headers, SECRET).is_none());
        let good = "vitrine_session=0123456789abcdef0123456789abcdef";
        headers.insert(COOKIE, HeaderValue::from_static(good));
        assert!(Session::from_headers(&headers, SECRET).is_some());
    }
}
