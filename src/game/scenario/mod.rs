//! A compiled scenario: every name resolved to a small index, ready for the rules.
//!
//! A scenario is read from TOML (`raw/`), checked and compiled (`compile/`)
//! into these types, one file per concept (calendar, side, meter, treaty,
//! effect, cond, moves, event, ending); `limits.rs` lists every limit a file is
//! checked against. The rules never see a name or a map, only indices and
//! vectors, so a turn costs no allocation and no hashing.

mod calendar;
mod compile;
mod cond;
mod cond_set;
mod effect;
mod ending;
mod event;
mod flat;
mod index;
pub mod limits;
mod meter;
mod moves;
mod raw;
mod side;
mod treaty;

pub use calendar::Calendar;
pub use compile::{ScenarioError, ScenarioErrors};
pub use cond::{Chance, Cond, CondHead, HEAD_RANGES, INLINE_TESTS, MeterRange, Quick, Test};
pub use cond_set::{CondSet, Gate, MeterMasks, SetBits, TABLE_VALUES};
pub use effect::{Amount, Drift, Effect, MemorySpec};
pub use ending::{Ending, EndingCheck};
pub use event::{Event, EventChoice, HistoryNote, Trigger};
pub use flat::{FlatEffect, FlatEffects, MemoryChange, Span};
pub use index::{CardBits, CardGate, Index, MonthCards, card_bit};
pub use limits::{
    MAX_ENDINGS, MAX_EVENTS, MAX_FLAGS, MAX_METERS, MAX_MOVES, MAX_SCENARIO_BYTES,
    MAX_TEMPERAMENTS, MAX_TREATIES, TREND_MONTHS,
};
pub use meter::{Display, LadderTop, Meter};
pub use moves::{Move, Posture};
pub use side::{AiParams, Pressure, Side, Temperament};
pub use treaty::{Treaty, TreatyStatus};

use serde::{Deserialize, Serialize};

/// Every scenario is a contest between exactly two sides.
pub const SIDES: usize = 2;

macro_rules! index_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub struct $name(pub u8);
        impl $name {
            /// The index as a `usize`, for slicing the scenario's tables.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}

index_type!(
    /// One of the two sides (capitals).
    SideId,
    /// A meter (visible gauge or hidden quantity).
    MeterId,
    /// A move of either side.
    MoveId,
    /// An event card.
    EventId,
    /// An ending.
    EndingId,
    /// A treaty row of the treaty table.
    TreatyId,
    /// A named flag.
    FlagId,
);

// Invariant: a game has exactly two sides, one across the table from the
// other. `SideId::ALL` and `SideId::other` are where the code says so; the
// rules and the simulator use them rather than counting sides themselves.
const _: () = assert!(SIDES == 2, "SideId::other assumes exactly two sides");

impl SideId {
    /// Every side, in order.
    pub const ALL: [SideId; SIDES] = [SideId(0), SideId(1)];

    /// The side across the table: the one place that computes it.
    #[must_use]
    pub fn other(self) -> SideId {
        SideId(1 - self.0)
    }
}

/// The scenario: the data a game is played from.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub source: String,
    /// Words for the deadline, e.g. "5 February 2026".
    pub deadline: String,
    pub calendar: Calendar,
    pub sides: [Side; SIDES],
    /// The side a single player plays unless told otherwise.
    pub default_player: SideId,
    pub meters: Vec<Meter>,
    pub treaties: Vec<Treaty>,
    pub flags: Vec<String>,
    pub moves: Vec<Move>,
    pub events: Vec<Event>,
    pub endings: Vec<Ending>,
    pub drift: Vec<Drift>,
    /// Chance each month that a card is drawn from the random deck.
    pub deck_chance: f64,
    /// Months a use of a move weighs on its next uses (see `Move::fatigue`).
    pub fatigue_months: u8,
    /// The public record after the report, for the end screen only.
    pub history: Vec<HistoryNote>,
    /// FNV-1a of the scenario's text: saves and runs name the exact data they were played on.
    pub fingerprint: u64,
    /// Lookups derived from the rest, so the rules need not search.
    pub index: Index,
}

/// FNV-1a, 64 bits: a stable fingerprint of a text (not a security hash).
#[must_use]
pub fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Scenario {
    /// The default scenario, built into the binary.
    ///
    /// # Panics
    /// Never in a tested build: `builtin_scenario_compiles` checks the text.
    #[must_use]
    pub fn builtin() -> Scenario {
        Scenario::from_toml(BUILTIN_NAME, BUILTIN_TOML)
            .expect("the built-in scenario is checked by the tests")
    }

    /// Find a meter by its id.
    #[must_use]
    pub fn meter(&self, id: &str) -> Option<MeterId> {
        self.meters
            .iter()
            .position(|m| m.id == id)
            .map(|i| MeterId(i as u8))
    }

    /// Find a move by its id.
    #[must_use]
    pub fn move_id(&self, id: &str) -> Option<MoveId> {
        self.moves
            .iter()
            .position(|m| m.id == id)
            .map(|i| MoveId(i as u8))
    }

    /// Find an event by its id.
    #[must_use]
    pub fn event_id(&self, id: &str) -> Option<EventId> {
        self.events
            .iter()
            .position(|e| e.id == id)
            .map(|i| EventId(i as u8))
    }

    /// Find an ending by its id.
    #[must_use]
    pub fn ending_id(&self, id: &str) -> Option<EndingId> {
        self.endings
            .iter()
            .position(|e| e.id == id)
            .map(|i| EndingId(i as u8))
    }

    /// Find a treaty by its id.
    #[must_use]
    pub fn treaty_id(&self, id: &str) -> Option<TreatyId> {
        self.treaties
            .iter()
            .position(|t| t.id == id)
            .map(|i| TreatyId(i as u8))
    }

    /// Find a side by its id.
    #[must_use]
    pub fn side_id(&self, id: &str) -> Option<SideId> {
        self.sides
            .iter()
            .position(|s| s.id == id)
            .map(|i| SideId(i as u8))
    }

    /// The moves of one side, in scenario order.
    pub fn moves_of(&self, side: SideId) -> impl Iterator<Item = MoveId> + '_ {
        self.index.side_moves[side.index()].iter().copied()
    }

    /// The ladder's words for its top, if the scenario has a ladder.
    #[must_use]
    pub fn ladder_top(&self) -> Option<&LadderTop> {
        self.ladder().and_then(|l| self.meter_def(l).top.as_ref())
    }

    /// The ladder meter, if the scenario has one.
    #[must_use]
    pub fn ladder(&self) -> Option<MeterId> {
        self.meters
            .iter()
            .position(|m| m.ladder)
            .map(|i| MeterId(i as u8))
    }

    #[must_use]
    pub fn mv(&self, id: MoveId) -> &Move {
        &self.moves[id.index()]
    }

    #[must_use]
    pub fn event(&self, id: EventId) -> &Event {
        &self.events[id.index()]
    }

    #[must_use]
    pub fn ending(&self, id: EndingId) -> &Ending {
        &self.endings[id.index()]
    }

    #[must_use]
    pub fn side(&self, id: SideId) -> &Side {
        &self.sides[id.index()]
    }

    #[must_use]
    pub fn meter_def(&self, id: MeterId) -> &Meter {
        &self.meters[id.index()]
    }
}

/// File name shown in messages about the built-in scenario.
pub const BUILTIN_NAME: &str = "assets/scenarios/low-point-2024.toml";
/// The built-in scenario's text.
pub const BUILTIN_TOML: &str = include_str!("../../../assets/scenarios/low-point-2024.toml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_scenario_compiles() {
        match Scenario::from_toml(BUILTIN_NAME, BUILTIN_TOML) {
            Ok(sc) => {
                assert_eq!(sc.calendar.turns, 18);
                assert_eq!(sc.calendar.label(0), "Sep 2024");
                assert_eq!(sc.calendar.label(17), "Feb 2026");
                assert_eq!(sc.sides[sc.default_player.index()].id, "washington");
            }
            Err(e) => panic!("{e}"),
        }
    }
}
