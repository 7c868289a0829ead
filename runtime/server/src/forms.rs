//! Reading `application/x-www-form-urlencoded` bodies within a size limit.

use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderMap};

/// Why a form could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum FormError {
    /// The body is larger than the limit (413).
    TooLarge,
    /// Not a URL-encoded form, not UTF-8, or the connection broke (400).
    Malformed,
}

/// The fields of a submitted form, in order.
#[derive(Debug, Default)]
pub struct Form {
    fields: Vec<(String, String)>,
}

impl Form {
    /// The first value of a field.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every field, in order.
    pub fn fields(&self) -> &[(String, String)] {
        &self.fields
    }

    /// Parses a URL-encoded body.
    pub fn parse(body: &[u8]) -> Result<Self, FormError> {
        std::str::from_utf8(body).map_err(|_| FormError::Malformed)?;
        let fields = form_urlencoded::parse(body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Ok(Self { fields })
    }
}

/// Reads a form body, refusing anything over `limit` bytes before reading it all.
pub async fn read_form(
    headers: &HeaderMap,
    body: Incoming,
    limit: usize,
) -> Result<Form, FormError> {
    let is_form = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    if !is_form {
        return Err(FormError::Malformed);
    }
    let bytes = read_body(headers, body, limit).await?;
    Form::parse(&bytes)
}

/// Reads a request body of at most `limit` bytes: a larger declared length is refused
/// before anything is read, a larger body as soon as it passes the limit.
pub async fn read_body(
    headers: &HeaderMap,
    body: Incoming,
    limit: usize,
) -> Result<Bytes, FormError> {
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(FormError::TooLarge);
    }
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.is::<http_body_util::LengthLimitError>() => Err(FormError::TooLarge),
        Err(_) => Err(FormError::Malformed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_decoded() {
        let form =
            Form::parse(b"product=linen-shirt&quantity=2&name=Ana+Mar%C3%ADa").expect("valid");
        assert_eq!(form.get("product"), Some("linen-shirt"));
        assert_eq!(form.get("name"), Some("Ana María"));
        assert_eq!(form.get("missing"), None);
    }

    #[test]
    fn non_utf8_bodies_are_malformed() {
        assert_eq!(Form::parse(&[0xff, 0xfe]).err(), Some(FormError::Malformed));
    }
}
