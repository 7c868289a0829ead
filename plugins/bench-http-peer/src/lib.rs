//! The peer of the plugin-route benchmark: a minimal `wasi:http` component that `wasmtime
//! serve` runs, one instance per request, as Vitrine runs a plugin per request. It answers
//! every request with `200` and a body of `BODY_BYTES` bytes (set with
//! `wasmtime serve -S cli --env BODY_BYTES=…`), so both sides send the same amount.

use wasip2::http::types::{
    Fields, IncomingRequest, OutgoingBody, OutgoingResponse, ResponseOutparam,
};

wasip2::http::proxy::export!(Peer);

struct Peer;

impl wasip2::exports::http::incoming_handler::Guest for Peer {
    fn handle(_request: IncomingRequest, response_out: ResponseOutparam) {
        let body = vec![b'x'; body_bytes()];
        let headers = Fields::new();
        // A static, valid header: setting it cannot fail.
        let _ = headers.set("content-type", &[b"text/html; charset=utf-8".to_vec()]);
        let response = OutgoingResponse::new(headers);
        let Ok(outgoing) = response.body() else {
            return;
        };
        ResponseOutparam::set(response_out, Ok(response));
        let Ok(stream) = outgoing.write() else {
            return;
        };
        // `blocking_write_and_flush` takes at most 4096 bytes per call.
        for chunk in body.chunks(4096) {
            if stream.blocking_write_and_flush(chunk).is_err() {
                return;
            }
        }
        drop(stream);
        let _ = OutgoingBody::finish(outgoing, None);
    }
}

/// The body size asked for in the environment; 4 KiB when unset or unreadable.
fn body_bytes() -> usize {
    wasip2::cli::environment::get_environment()
        .into_iter()
        .find(|(name, _)| name == "BODY_BYTES")
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(4096)
}
