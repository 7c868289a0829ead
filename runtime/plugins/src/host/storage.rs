//! `storage`: key-value storage scoped to the plugin and the market. Every operation checks
//! its key (and value) size first (`get` of a key too long to exist finds nothing). Writes
//! and deletes are buffered in the call, bounded in number and bytes, and committed together
//! when the call succeeds; the store enforces the scope's quotas atomically at commit, so
//! concurrent calls cannot overrun them. `set` also refuses early a write that would not
//! fit, from the usage read once per call: far from the quota it counts every write as a new
//! key; near it, it asks whether the key exists, so an overwrite is not taken for a new key.

use std::time::Instant;

use vitrine_site::Capability;
use vitrine_store::{KvUsage, MAX_KEY_BYTES, MAX_KEYS, MAX_STORED_BYTES, MAX_VALUE_BYTES};

use crate::bindings::vitrine::plugin::storage::{self, StorageError};
use crate::limits::{MAX_PENDING_BYTES, MAX_WRITES_PER_CALL};
use crate::state::CallState;

impl storage::Host for CallState {
    async fn get(&mut self, key: String) -> wasmtime::Result<Option<Vec<u8>>> {
        self.enter(Capability::Storage)?;
        if key.len() > MAX_KEY_BYTES {
            // No key that long can have been stored.
            return Ok(None);
        }
        if let Some(pending) = pending_value(self, &key) {
            return Ok(pending);
        }
        let Some(db) = self.env.db.clone() else {
            return Ok(None);
        };
        let started = Instant::now();
        let value = db.kv_get(&self.env.plugin, &self.env.market, &key).await;
        self.waited(started.elapsed())?;
        Ok(value.unwrap_or_else(|error| {
            tracing::error!(plugin = %self.env.plugin, %error, "plugin storage read failed");
            None
        }))
    }

    async fn set(
        &mut self,
        key: String,
        value: Vec<u8>,
    ) -> wasmtime::Result<Result<(), StorageError>> {
        self.enter(Capability::Storage)?;
        if key.len() > MAX_KEY_BYTES || value.len() > MAX_VALUE_BYTES {
            return Ok(Err(StorageError::TooLarge));
        }
        let bytes = key.len() + value.len();
        if let Err(refused) = room_in_call(self, bytes) {
            return Ok(Err(refused));
        }
        let Some(stored) = stored_usage(self).await? else {
            return Ok(Err(StorageError::Unavailable));
        };
        let mut delta = as_new(bytes);
        if !fits(stored, self.pending_delta, delta) {
            delta = precise_delta(self, &key, value.len()).await?;
            if !fits(stored, self.pending_delta, delta) {
                return Ok(Err(StorageError::QuotaExceeded));
            }
        }
        self.pending_delta.keys += delta.keys;
        self.pending_delta.bytes += delta.bytes;
        self.pending_bytes += bytes;
        self.pending_writes.push((key, Some(value)));
        Ok(Ok(()))
    }

    async fn delete(&mut self, key: String) -> wasmtime::Result<Result<(), StorageError>> {
        self.enter(Capability::Storage)?;
        if key.len() > MAX_KEY_BYTES {
            return Ok(Err(StorageError::TooLarge));
        }
        if self.env.db.is_none() {
            return Ok(Err(StorageError::Unavailable));
        }
        if let Err(refused) = room_in_call(self, key.len()) {
            return Ok(Err(refused));
        }
        self.pending_bytes += key.len();
        self.pending_writes.push((key, None));
        Ok(Ok(()))
    }
}

/// The value a key has for this call: its own pending write first, then the database.
fn pending_value(state: &CallState, key: &str) -> Option<Option<Vec<u8>>> {
    state
        .pending_writes
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
}

/// Whether one more buffered operation of `bytes` fits the call's own bounds.
fn room_in_call(state: &CallState, bytes: usize) -> Result<(), StorageError> {
    let too_many = state.pending_writes.len() >= MAX_WRITES_PER_CALL;
    let too_big = state.pending_bytes + bytes > MAX_PENDING_BYTES;
    if too_many || too_big {
        return Err(StorageError::QuotaExceeded);
    }
    Ok(())
}

/// What the plugin keeps in this market, read once per call; `None` without a database.
async fn stored_usage(state: &mut CallState) -> wasmtime::Result<Option<KvUsage>> {
    if let Some(stored) = state.stored {
        return Ok(Some(stored));
    }
    let Some(db) = state.env.db.clone() else {
        return Ok(None);
    };
    let started = Instant::now();
    let usage = db.kv_usage(&state.env.plugin, &state.env.market).await;
    state.waited(started.elapsed())?;
    let usage = usage.ok();
    state.stored = usage;
    Ok(usage)
}

/// A write counted as a new key of `bytes`.
fn as_new(bytes: usize) -> KvUsage {
    KvUsage {
        keys: 1,
        bytes: i64::try_from(bytes).unwrap_or(i64::MAX),
    }
}

/// What a write of `key` with a value of `len` bytes adds, given what the key holds now (in
/// this call's writes, or else in the database).
async fn precise_delta(state: &mut CallState, key: &str, len: usize) -> wasmtime::Result<KvUsage> {
    let before = match pending_value(state, key) {
        Some(pending) => pending.map(|v| v.len()),
        None => stored_len(state, key).await?,
    };
    let after = as_new(key.len() + len);
    Ok(match before {
        Some(old) => KvUsage {
            keys: 0,
            bytes: after.bytes - i64::try_from(key.len() + old).unwrap_or(i64::MAX),
        },
        None => after,
    })
}

/// How long the value stored under a key is, if there is one.
async fn stored_len(state: &mut CallState, key: &str) -> wasmtime::Result<Option<usize>> {
    let Some(db) = state.env.db.clone() else {
        return Ok(None);
    };
    let started = Instant::now();
    let value = db.kv_get(&state.env.plugin, &state.env.market, key).await;
    state.waited(started.elapsed())?;
    Ok(value.ok().flatten().map(|v| v.len()))
}

/// Whether usage after this call's writes and one more change stays within the quotas.
fn fits(stored: KvUsage, pending: KvUsage, change: KvUsage) -> bool {
    let keys = stored
        .keys
        .saturating_add(pending.keys)
        .saturating_add(change.keys);
    let bytes = stored
        .bytes
        .saturating_add(pending.bytes)
        .saturating_add(change.bytes);
    keys <= MAX_KEYS && bytes <= MAX_STORED_BYTES
}
