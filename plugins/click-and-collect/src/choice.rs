//! The shopper's chosen store, remembered per cart in the plugin's storage.

use crate::vitrine::plugin::storage;
use crate::vitrine::plugin::types::{Message, PageContext, PluginError};

fn key(cart_id: &str) -> String {
    format!("store:{cart_id}")
}

/// The store chosen for this cart, if any.
pub fn chosen_store(context: &PageContext) -> Option<String> {
    let cart = context.cart.as_ref()?;
    let bytes = storage::get(&key(&cart.id))?;
    String::from_utf8(bytes).ok()
}

/// Remembers the chosen store for this cart.
pub fn remember(context: &PageContext, store: &str) -> Result<(), PluginError> {
    let cart = context.cart.as_ref().ok_or_else(|| {
        PluginError::InvalidInput(Message {
            id: "error-no-cart".into(),
            args: Vec::new(),
        })
    })?;
    storage::set(&key(&cart.id), store.as_bytes())
        .map_err(|_| PluginError::Unavailable("storage".into()))
}
