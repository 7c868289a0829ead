//! The capabilities a plugin may use in one market: declared by its manifest *and* granted by
//! the market, computed once when the snapshot's plugins load.

use std::collections::BTreeSet;

use vitrine_site::Capability;

/// A set of capabilities, copied into every call for free.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Capabilities(u8);

impl Capabilities {
    /// What both sets contain.
    pub fn both(declared: &BTreeSet<Capability>, granted: &BTreeSet<Capability>) -> Self {
        Self(
            declared
                .intersection(granted)
                .fold(0, |bits, capability| bits | bit(*capability)),
        )
    }

    /// Whether the set holds a capability.
    pub fn contains(self, capability: Capability) -> bool {
        self.0 & bit(capability) != 0
    }
}

fn bit(capability: Capability) -> u8 {
    let index = Capability::ALL
        .iter()
        .position(|c| *c == capability)
        .unwrap_or(0);
    1 << index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_is_declared_and_granted() {
        let declared = BTreeSet::from([Capability::Storage, Capability::Log]);
        let granted = BTreeSet::from([Capability::Log, Capability::ShopperPostcode]);
        let set = Capabilities::both(&declared, &granted);
        assert!(set.contains(Capability::Log));
        assert!(!set.contains(Capability::Storage), "declared, not granted");
        assert!(
            !set.contains(Capability::ShopperPostcode),
            "granted, not declared"
        );
    }
}
