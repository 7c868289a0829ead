//! `shopper`: personal data, only with the capability and the shopper's consent.

use vitrine_site::Capability;

use crate::bindings::vitrine::plugin::shopper;
use crate::state::CallState;

impl shopper::Host for CallState {
    async fn postcode(&mut self) -> wasmtime::Result<Option<String>> {
        self.enter(Capability::ShopperPostcode)?;
        Ok(self.env.postcode.clone())
    }
}
