//! Every bound the host puts on a plugin, in one place. ARCHITECTURE.md has them as a table
//! with where each is enforced; `plugins/README.md` lists what a market team can rely on.
//! The per-call guest deadline and memory come from the manifest (`vitrine_site`), storage
//! quotas from the store (`vitrine_store`), which enforces them at commit.

use std::time::Duration;

// Time.

/// Time host calls and host waits may add to a call's guest deadline: a call's elapsed time,
/// everything included, never exceeds its deadline plus this (nor the page's budget).
pub const HOST_TIME_ALLOWANCE: Duration = Duration::from_millis(100);
/// Capability calls one plugin call may make.
pub const MAX_HOST_CALLS: u32 = 1_000;

// Instances and memory.

/// Calls of one plugin that may run at once, at most; fewer when its memory reservation does
/// not fit the plugin memory budget that many times.
pub const MAX_CONCURRENT_CALLS: u32 = 16;
/// The native stack each running call holds (wasmtime's async stack).
pub const CALL_STACK_BYTES: usize = 2 << 20;
/// The deepest WebAssembly stack a call may use.
pub const MAX_WASM_STACK_BYTES: usize = 512 << 10;
/// Default memory all plugin calls of the process may hold together.
pub const DEFAULT_PLUGIN_MEMORY_BYTES: usize = 192 << 20;
/// Elements a call's tables may grow to.
pub const MAX_TABLE_ELEMENTS: usize = 20_000;
/// Core instances, tables and linear memories one component instance may create (a plugin
/// built by `cargo build --target wasm32-wasip2` uses one memory and two tables). The
/// instance pool is sized by the same numbers, so no plugin can take another's.
pub const MAX_INSTANCES: usize = 8;
/// See [`MAX_INSTANCES`].
pub const MAX_TABLES: usize = 4;
/// See [`MAX_INSTANCES`].
pub const MAX_MEMORIES: usize = 2;
/// Bytes the host may copy out of a plugin in one transfer (the output of an export, the
/// arguments of a host call), counted as wasmtime lifts them: every string's bytes and every
/// list element's host size, so that overlapping or empty elements cannot make a small
/// guest allocate a large host.
pub const MAX_LIFTED_BYTES: usize = 1 << 20;
/// WASI resources (pollables, streams) a call may hold at once.
pub const MAX_WASI_RESOURCES: usize = 256;
/// Largest random-bytes request a call may make of WASI.
pub const MAX_RANDOM_BYTES: u64 = 4096;

// Output.

/// Most blocks in one output.
pub const MAX_BLOCKS: usize = 200;
/// Deepest nesting of containers.
pub const MAX_DEPTH: usize = 8;
/// Most characters of shopper-visible text in one output, after messages are resolved.
pub const MAX_TEXT_CHARS: usize = 32 * 1024;
/// Most bytes of all strings in one output as the plugin returns it: text, ids, values,
/// routes, hours, message ids and arguments. Checked before any of it is resolved.
pub const MAX_OUTPUT_BYTES: usize = 64 * 1024;
/// Most bytes of HTML one plugin adds to a page (a slot, or a route page's body).
pub const MAX_FRAGMENT_BYTES: usize = 128 * 1024;
/// Most messages one output may ask the host to format.
pub const MAX_MESSAGES: usize = 256;
/// How far a plugin's message may expand, at most, counting what formatting copies on the
/// way (arguments of terms and functions included); bundles with a message that could
/// expand further are refused at load (by the site's validation).
pub use vitrine_site::MAX_MESSAGE_EXPANSION;
/// Most arguments of one message.
pub const MAX_MESSAGE_ARGS: usize = 16;
/// Longest text argument of a message, in bytes.
pub const MAX_ARG_TEXT_BYTES: usize = 1024;
/// Most fields in a form.
pub const MAX_FORM_FIELDS: usize = 20;
/// Most choices of a choice field.
pub const MAX_CHOICES: usize = 50;
/// Most delivery options one plugin offers.
pub const MAX_DELIVERY_OPTIONS: usize = 20;
/// Longest id (delivery option, field name), in bytes.
pub const MAX_ID_BYTES: usize = 64;
/// Largest price or money argument, in minor units (a hundred million in major units).
pub const MAX_PRICE_MINOR: i64 = 10_000_000_000;

// Storage, events and logs.

/// Storage writes and deletes one call may buffer.
pub const MAX_WRITES_PER_CALL: usize = 100;
/// Bytes of keys and values one call may buffer.
pub const MAX_PENDING_BYTES: usize = 256 * 1024;
/// Events one call may emit.
pub const MAX_EVENTS: usize = 10;
/// Largest event payload, in bytes (it must be JSON).
pub const MAX_EVENT_BYTES: usize = 4096;
/// Longest event name, in bytes.
pub const MAX_EVENT_NAME_BYTES: usize = 64;
/// Log lines one call may write.
pub const MAX_LOG_LINES: u32 = 20;
/// Longest log line, in bytes (longer ones are cut).
pub const MAX_LOG_BYTES: usize = 1024;
