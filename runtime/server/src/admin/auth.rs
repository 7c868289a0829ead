//! Who may use the admin API: bearer tokens compared in constant time (digests of equal
//! length, so neither the token's content nor its length leaks through timing).

use hyper::StatusCode;
use hyper::header::{AUTHORIZATION, HeaderMap};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::reply::ApiError;

/// The shortest token the server accepts: a guessable token would open the control plane.
pub const MIN_TOKEN_CHARS: usize = 16;

/// The configured token, kept as a digest.
pub struct Auth {
    token: Option<[u8; 32]>,
}

impl Auth {
    /// Checks with `token` (`None`: the admin API stays closed).
    pub fn new(token: Option<&str>) -> Self {
        Self {
            token: token.map(digest),
        }
    }

    /// Whether a request may proceed: 503 while no token is configured, 401 without the
    /// right one.
    pub fn check(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        let Some(expected) = &self.token else {
            return Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the admin API is disabled: start vitrine with VITRINE_ADMIN_TOKEN set to a secret of at least 16 characters, and send it as `Authorization: Bearer <token>`",
            ));
        };
        let sent = headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        match sent {
            Some(token) if bool::from(digest(token).ct_eq(expected)) => Ok(()),
            Some(_) => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "the bearer token is not valid",
            )),
            None => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "send the admin token as `Authorization: Bearer <token>`",
            )),
        }
    }
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::header::HeaderValue;

    fn with(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(AUTHORIZATION, value);
        }
        headers
    }

    #[test]
    fn only_the_configured_token_opens_the_api() {
        let auth = Auth::new(Some("a-long-enough-secret"));
        assert!(auth.check(&with("Bearer a-long-enough-secret")).is_ok());
        for wrong in [
            "Bearer a-long-enough-secreT",
            "Bearer ",
            "a-long-enough-secret",
            "",
        ] {
            let refused = auth.check(&with(wrong)).err().map(|e| e.status);
            assert_eq!(refused, Some(StatusCode::UNAUTHORIZED), "{wrong:?}");
        }
        let closed = Auth::new(None).check(&with("Bearer a-long-enough-secret"));
        assert_eq!(
            closed.err().map(|e| e.status),
            Some(StatusCode::SERVICE_UNAVAILABLE)
        );
    }
}
