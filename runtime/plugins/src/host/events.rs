//! `events`: events into the shop's one stream, validated and bounded per call, appended
//! when the call succeeds.

use vitrine_site::Capability;

use crate::bindings::vitrine::plugin::events;
use crate::limits::{MAX_EVENT_BYTES, MAX_EVENT_NAME_BYTES, MAX_EVENTS};
use crate::state::CallState;

impl events::Host for CallState {
    async fn emit(
        &mut self,
        name: String,
        payload: String,
    ) -> wasmtime::Result<Result<(), String>> {
        self.enter(Capability::EventsEmit)?;
        if let Err(refused) = check(&name, &payload) {
            return Ok(Err(refused.to_owned()));
        }
        if self.pending_events.len() >= MAX_EVENTS {
            return Ok(Err(format!("more than {MAX_EVENTS} events in one call")));
        }
        if self.env.db.is_none() {
            return Ok(Err("events unavailable".into()));
        }
        self.pending_events.push((name, payload));
        Ok(Ok(()))
    }
}

/// An event name is a short dotted id (`click-and-collect.pickup-requested`); a payload is a
/// JSON document of at most [`MAX_EVENT_BYTES`].
fn check(name: &str, payload: &str) -> Result<(), &'static str> {
    let name_ok = !name.is_empty()
        && name.len() <= MAX_EVENT_NAME_BYTES
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.:".contains(&b));
    if !name_ok {
        return Err("an event name is 1 to 64 characters of a-z, 0-9, `-`, `_`, `.` and `:`");
    }
    if payload.len() > MAX_EVENT_BYTES {
        return Err("the payload is larger than 4 KiB");
    }
    if serde_json::from_str::<serde::de::IgnoredAny>(payload).is_err() {
        return Err("the payload is not JSON");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_named_ids_with_json_payloads() {
        assert!(check("click-and-collect.pickup-requested", "{\"order\":\"1\"}").is_ok());
        assert!(check("Bad Name", "{}").is_err());
        assert!(check("ok", "{\"unterminated\":").is_err());
        assert!(check("ok", &format!("\"{}\"", "x".repeat(MAX_EVENT_BYTES))).is_err());
    }
}
