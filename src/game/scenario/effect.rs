//! Effects: what moves, cards, answers and drift do to the state.

use super::{Cond, FlagId, MeterId, SideId, TreatyId, TreatyStatus};

/// A change to a meter: fixed, or uniform over an inclusive range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount {
    pub lo: i16,
    pub hi: i16,
}

/// A named grudge or piece of goodwill a side remembers.
#[derive(Clone, Debug)]
pub struct MemorySpec {
    /// The side that remembers (whose ledger gets the entry).
    pub holder: SideId,
    pub label: String,
    pub amount: i16,
    /// How much it fades toward zero each month.
    pub fade: i16,
}

/// Everything a move, event or choice can do.
#[derive(Clone, Debug, Default)]
pub struct Effect {
    pub meters: Vec<(MeterId, Amount)>,
    pub treaties: Vec<(TreatyId, TreatyStatus)>,
    pub set: Vec<FlagId>,
    pub clear: Vec<FlagId>,
    /// Grudges or goodwill added to a side's ledger.
    pub memory: Vec<MemorySpec>,
}

impl Effect {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.meters.is_empty()
            && self.treaties.is_empty()
            && self.set.is_empty()
            && self.clear.is_empty()
            && self.memory.is_empty()
    }
}
/// A monthly drift rule: a labelled effect applied while its condition holds.
#[derive(Clone, Debug)]
pub struct Drift {
    pub label: String,
    pub when: Cond,
    pub effects: Effect,
}
