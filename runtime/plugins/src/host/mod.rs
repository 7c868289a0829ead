//! The host capabilities plugins import. Every function counts against the call's host-call
//! limit and checks that the plugin declared the capability and the market granted it
//! (computed once at load); a missing grant or a limit traps the call. Everything a plugin
//! hands in is validated before the host does any work with it.

use crate::bindings::vitrine::plugin::types;
use crate::state::CallState;

mod catalogue;
mod events;
mod log;
mod shopper;
mod storage;

impl types::Host for CallState {}
