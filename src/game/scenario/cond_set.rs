//! Conditions decided together, as the bits of a set: each meter's value,
//! each treaty's status looked up once in a table of the conditions it lets
//! through, instead of every condition read one by one. Built once for each
//! side's moves (`Index::requires`: which moves are legal, every month, for
//! the policies and the model alike), for the cards checked every month
//! (`Index::card_conds`: which of a month's open cards fit) and for each
//! side's endings of each kind (`Index::endings`: checked twice a month).
//! Decided by `game::cond::holding`.

use std::ops::{BitAnd, BitAndAssign, BitOr, BitOrAssign, Not};

use super::limits::METER_MAX;
use super::{Cond, MeterId, Test, TreatyId};

/// The values a meter's table covers, 0..=`METER_MAX`.
pub const TABLE_VALUES: usize = METER_MAX as usize + 1;

/// The bits a set decides its conditions in: `u64` (moves), `u128` (cards).
pub trait SetBits:
    Copy
    + Default
    + Eq
    + std::fmt::Debug
    + BitAnd<Output = Self>
    + BitAndAssign
    + BitOr<Output = Self>
    + BitOrAssign
    + Not<Output = Self>
{
    /// Bit `i` alone.
    fn bit(i: usize) -> Self;
    /// The lowest bit set, if any.
    fn lowest(self) -> Option<usize>;
}

macro_rules! set_bits {
    ($($t:ty),*) => {$(
        impl SetBits for $t {
            #[inline(always)]
            fn bit(i: usize) -> $t {
                1 << i
            }
            #[inline(always)]
            fn lowest(self) -> Option<usize> {
                (self != 0).then(|| self.trailing_zeros() as usize)
            }
        }
    )*};
}
set_bits!(u64, u128);

/// Conditions (condition `i` is bit `i`) laid out to be decided together: a
/// condition holds when every table lets its bit through, its flags and
/// months are right, and — for the few with more to test — its own check
/// passes.
#[derive(Clone, Debug, Default)]
pub struct CondSet<B = u64> {
    /// Every condition of the set.
    pub all: B,
    /// By each meter some condition bounds: the conditions its value lets through.
    pub meters: Vec<MeterMasks<B>>,
    /// By each treaty some condition tests: by status (the position of its
    /// bit), the conditions it lets through.
    pub treaties: Vec<(TreatyId, [B; 8])>,
    /// The conditions that name flags or months: checked one by one (none
    /// in a set built past its gates, whose callers know them right).
    pub gated: Vec<Gate<B>>,
    /// The conditions with more to test (trends, alternatives, or too many
    /// tests to keep inline): checked in full if the tables let them through.
    pub full: B,
    /// Conditions whose every alternative (`any`) needs a flag set: the bit,
    /// and those flags together. With none of them set, no alternative
    /// holds, so the condition is ruled out without its full check.
    pub any_flags: Vec<(B, u64)>,
}

/// One meter's table: the conditions each value 0..=`METER_MAX` lets
/// through (every condition not bounding the meter, and those whose range
/// holds the value), and the ranges themselves for a value off the table.
#[derive(Clone, Debug)]
pub struct MeterMasks<B = u64> {
    pub meter: MeterId,
    pub by_value: Box<[B; TABLE_VALUES]>,
    /// Each bounding condition's bit and range (`lo..=hi`).
    pub ranges: Vec<(B, i16, i16)>,
}

impl<B: SetBits> MeterMasks<B> {
    /// The conditions of `all` that `value` lets through, from the ranges
    /// (any value; the table is this at 0..=`METER_MAX`).
    #[must_use]
    pub fn at(&self, all: B, value: i16) -> B {
        self.ranges
            .iter()
            .filter(|(_, lo, hi)| !(*lo..=*hi).contains(&value))
            .fold(all, |ok, (bit, _, _)| ok & !*bit)
    }
}

/// A condition's flags and months (its head's), for one checked apart.
#[derive(Clone, Copy, Debug)]
pub struct Gate<B = u64> {
    pub bit: B,
    pub flag_mask: u64,
    pub not_flag_mask: u64,
    pub turn_lo: u8,
    pub turn_hi: u8,
}

impl<B: SetBits> CondSet<B> {
    /// The set of `conds`, each `(i, condition)` as bit `i`; the conditions
    /// must be prepared (`Cond::prepare`).
    #[must_use]
    pub fn build<'a>(conds: impl IntoIterator<Item = (usize, &'a Cond)>) -> CondSet<B> {
        CondSet::build_with(conds, true)
    }

    /// As `build`, for conditions whose flags and months a caller has found
    /// right before it asks (a month's open cards): those are not tested.
    #[must_use]
    pub fn build_past_gates<'a>(conds: impl IntoIterator<Item = (usize, &'a Cond)>) -> CondSet<B> {
        CondSet::build_with(conds, false)
    }

    fn build_with<'a>(
        conds: impl IntoIterator<Item = (usize, &'a Cond)>,
        gates: bool,
    ) -> CondSet<B> {
        let mut set = CondSet::<B>::default();
        let mut ranges: Vec<(MeterId, B, i16, i16)> = Vec::new();
        let mut treaties: Vec<(TreatyId, B, u8)> = Vec::new();
        for (i, c) in conds {
            let bit = B::bit(i);
            set.all |= bit;
            if !c.inline {
                // Its check reads everything itself.
                set.full |= bit;
                continue;
            }
            if !c.any.is_empty() {
                set.full |= bit;
                let need = |a: &Cond| a.flags.iter().fold(0u64, |m, f| m | 1 << f.0);
                if c.any.iter().all(|a| need(a) != 0) {
                    set.any_flags
                        .push((bit, c.any.iter().fold(0, |m, a| m | need(a))));
                }
            }
            for t in &c.tests[..usize::from(c.n_tests)] {
                match *t {
                    Test::Pass => {}
                    Test::Meter(m, lo, hi) => ranges.push((m, bit, lo, hi)),
                    Test::Treaty(t, ok) => treaties.push((t, bit, ok)),
                    Test::Rising(..) | Test::Falling(..) | Test::Trend(..) => set.full |= bit,
                }
            }
            let h = &c.head;
            let named =
                h.flag_mask != 0 || h.not_flag_mask != 0 || h.turn_lo > 0 || h.turn_hi < u8::MAX;
            if gates && named {
                set.gated.push(Gate {
                    bit,
                    flag_mask: h.flag_mask,
                    not_flag_mask: h.not_flag_mask,
                    turn_lo: h.turn_lo,
                    turn_hi: h.turn_hi,
                });
            }
        }
        for &(m, ..) in &ranges {
            if set.meters.iter().any(|mm| mm.meter == m) {
                continue;
            }
            let mine: Vec<(B, i16, i16)> = (ranges.iter())
                .filter(|r| r.0 == m)
                .map(|&(_, bit, lo, hi)| (bit, lo, hi))
                .collect();
            let mut mm = MeterMasks {
                meter: m,
                by_value: Box::new([set.all; TABLE_VALUES]),
                ranges: mine,
            };
            let table: [B; TABLE_VALUES] = std::array::from_fn(|v| mm.at(set.all, v as i16));
            *mm.by_value = table;
            set.meters.push(mm);
        }
        for &(t, ..) in &treaties {
            if set.treaties.iter().any(|(k, _)| *k == t) {
                continue;
            }
            let mut masks = [set.all; 8];
            for (s, mask) in masks.iter_mut().enumerate() {
                for &(_, bit, ok) in treaties.iter().filter(|r| r.0 == t) {
                    if ok >> s & 1 == 0 {
                        *mask &= !bit;
                    }
                }
            }
            set.treaties.push((t, masks));
        }
        set
    }
}
