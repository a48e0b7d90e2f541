//! Conditions on the state and chances that depend on it.

use super::{FlagId, MeterId, TreatyId, TreatyStatus};

/// A condition on the state; every listed part must hold.
#[derive(Clone, Debug, Default)]
pub struct Cond {
    pub min: Vec<(MeterId, i16)>,
    pub max: Vec<(MeterId, i16)>,
    pub treaty: Vec<(TreatyId, Vec<TreatyStatus>)>,
    pub flags: Vec<FlagId>,
    pub not_flags: Vec<FlagId>,
    /// Turn indices (0-based), inclusive.
    pub from_turn: Option<u8>,
    pub until_turn: Option<u8>,
    /// Meters strictly higher now than `n` months before (1 ≤ n ≤ `TREND_MONTHS`).
    pub rising: Vec<(MeterId, u8)>,
    /// Meters strictly lower now than `n` months before.
    pub falling: Vec<(MeterId, u8)>,
    /// If not empty, at least one of these must hold too.
    pub any: Vec<Cond>,
    /// Precomputed for speed (set by the compiler): is there anything to check?
    pub checks: bool,
    /// `flags` and `not_flags` as bit masks.
    pub flag_mask: u64,
    pub not_flag_mask: u64,
    /// `treaty` as bit masks of allowed statuses.
    pub treaty_masks: Vec<(TreatyId, u8)>,
}

impl Cond {
    /// Fill the precomputed parts from the listed ones (here and in every `any`).
    pub fn prepare(&mut self) {
        for a in &mut self.any {
            a.prepare();
        }
        self.flag_mask = self.flags.iter().fold(0, |m, f| m | 1 << f.0);
        self.not_flag_mask = self.not_flags.iter().fold(0, |m, f| m | 1 << f.0);
        self.treaty_masks = self
            .treaty
            .iter()
            .map(|(t, ok)| (*t, ok.iter().fold(0u8, |m, s| m | s.bit())))
            .collect();
        self.checks = !self.is_empty();
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.min.is_empty()
            && self.max.is_empty()
            && self.treaty.is_empty()
            && self.flags.is_empty()
            && self.not_flags.is_empty()
            && self.from_turn.is_none()
            && self.until_turn.is_none()
            && self.rising.is_empty()
            && self.falling.is_empty()
            && self.any.is_empty()
    }
}

/// A probability that depends on the state: `base + Σ per·meter`, clamped.
#[derive(Clone, Debug)]
pub struct Chance {
    pub base: f64,
    pub per: Vec<(MeterId, f64)>,
    pub min: f64,
    pub max: f64,
}

impl Chance {
    pub const CERTAIN: Chance = Chance {
        base: 1.0,
        per: Vec::new(),
        min: 0.0,
        max: 1.0,
    };

    #[must_use]
    pub fn is_certain(&self) -> bool {
        self.per.is_empty() && self.base.min(self.max) >= 1.0
    }
}
