//! Effects: what moves, cards, answers and drift do to the state.

use super::{Cond, FlagId, MeterId, SideId, TreatyId, TreatyStatus};

/// A change to a meter: fixed, or uniform over an inclusive range, perhaps
/// scaled by a meter's value when it is applied (`per`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount {
    pub lo: i16,
    pub hi: i16,
    /// Adds `meter × percent / 100` to both ends when applied, so a change
    /// can be worth more the more of something there is (relief from
    /// sanctions is worth more the more were imposed). A scaled change keeps
    /// its sign: a gain shrinks to nothing at most, a loss likewise.
    pub per: Option<(MeterId, i16)>,
}

impl Amount {
    /// A plain range, scaled by nothing.
    #[must_use]
    pub const fn range(lo: i16, hi: i16) -> Amount {
        Amount { lo, hi, per: None }
    }

    /// The range as it would be applied with these meter values (a state's
    /// `meters`): both ends moved by the scaling meter's share, in integers
    /// rounded toward zero. What a preview shows and what the rules draw from.
    #[inline]
    #[must_use]
    pub fn at(&self, meters: &[i16]) -> (i16, i16) {
        match self.per {
            None => (self.lo, self.hi),
            Some((m, percent)) => {
                let add = i32::from(meters[m.index()]) * i32::from(percent) / 100;
                // Meters lie in 0–100 and `percent` in ±100, so `add` is a
                // whole gauge at most and the ends fit an i16.
                let add = add as i16;
                let (lo, hi) = (self.lo + add, self.hi + add);
                // Scaling shrinks or grows a change, never turns it round: a
                // gain worth less at a high meter stops at nothing, and does
                // not become a loss (a back channel at relations 92 once
                // lowered them). A range that straddles zero is left as it is.
                if self.lo >= 0 {
                    (lo.max(0), hi.max(0))
                } else if self.hi <= 0 {
                    (lo.min(0), hi.min(0))
                } else {
                    (lo, hi)
                }
            }
        }
    }

    /// `x` with only `keep` percent of it left, rounded toward zero: what a
    /// tired move still does.
    #[inline]
    #[must_use]
    pub fn kept(x: i16, keep: u8) -> i16 {
        (i32::from(x) * i32::from(keep) / 100) as i16
    }
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
