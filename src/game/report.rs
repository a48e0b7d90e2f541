//! What happened in a turn, item by item: every meter change with its cause.
//!
//! The rules write into a [`Journal`]; a [`TurnReport`] keeps everything for
//! the screens, while `()` keeps nothing so the simulator pays nothing.

use serde::{Deserialize, Serialize};

use super::scenario::{EndingId, EventId, MeterId, MoveId, SideId, TreatyId, TreatyStatus};
use super::state::{MemorySource, Outcome};

/// Why a meter moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cause {
    /// A side's move (the part that always applies, or its success or failure).
    Move {
        side: SideId,
        mv: MoveId,
        outcome: Outcome,
    },
    /// An event card's own effect.
    Event { event: EventId },
    /// The answer chosen on a choice card.
    Choice { event: EventId, choice: u8 },
    /// A monthly drift rule.
    Drift { rule: u8 },
    /// A side took something to heart (a new ledger entry).
    Remembered {
        holder: SideId,
        source: MemorySource,
        index: u8,
    },
    /// A ledger entry faded.
    Fading {
        holder: SideId,
        source: MemorySource,
        index: u8,
    },
    /// A meter rose more than it may in one month and was held back.
    Capped,
}

/// Things that happened that are not meter changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Note {
    /// A move was made; `success` is `None` when it could not fail.
    Moved {
        side: SideId,
        mv: MoveId,
        success: Option<bool>,
    },
    /// A move made again too soon did less: `percent` of its effect was lost.
    Repeated {
        side: SideId,
        mv: MoveId,
        percent: u8,
    },
    /// How the opponent model read the other side's move before answering.
    Reading {
        side: SideId,
        perceived: i8,
        misread: bool,
        forgave: bool,
    },
    /// A new month began.
    Month { turn: u8 },
    /// An event card fired.
    Event { event: EventId },
    /// A choice card waits for a person.
    CardPending { event: EventId },
    /// A choice card was answered.
    Answered {
        event: EventId,
        choice: u8,
        side: SideId,
    },
    /// A treaty changed status.
    Treaty {
        treaty: TreatyId,
        from: TreatyStatus,
        to: TreatyStatus,
    },
    /// The ladder moved from one rung to another.
    Rung { from: u8, to: u8 },
    /// The ladder is at or above its warning rung.
    Warning { rung: u8 },
    /// The game ended.
    Ended { ending: EndingId },
}

/// Where the rules write what happened.
pub trait Journal {
    fn change(&mut self, _meter: MeterId, _delta: i16, _cause: Cause) {}
    fn note(&mut self, _note: Note) {}
}

/// Records nothing: the simulator's journal.
impl Journal for () {}

/// Everything that happened in one call to the rules.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnReport {
    pub changes: Vec<(MeterId, i16, Cause)>,
    pub notes: Vec<Note>,
}

impl Journal for TurnReport {
    fn change(&mut self, meter: MeterId, delta: i16, cause: Cause) {
        self.changes.push((meter, delta, cause));
    }
    fn note(&mut self, note: Note) {
        self.notes.push(note);
    }
}

impl TurnReport {
    /// The net change of one meter over the report.
    #[must_use]
    pub fn net(&self, meter: MeterId) -> i32 {
        self.changes
            .iter()
            .filter(|(m, _, _)| *m == meter)
            .map(|(_, d, _)| i32::from(*d))
            .sum()
    }

    /// The move a side made, if it made one in this report.
    #[must_use]
    pub fn move_of(&self, side: SideId) -> Option<(MoveId, Option<bool>)> {
        self.notes.iter().find_map(|n| match *n {
            Note::Moved {
                side: s,
                mv,
                success,
            } if s == side => Some((mv, success)),
            _ => None,
        })
    }

    /// The events that fired.
    pub fn events(&self) -> impl Iterator<Item = EventId> + '_ {
        self.notes.iter().filter_map(|n| match *n {
            Note::Event { event } => Some(event),
            _ => None,
        })
    }

    #[must_use]
    pub fn ended(&self) -> Option<EndingId> {
        self.notes.iter().find_map(|n| match *n {
            Note::Ended { ending } => Some(ending),
            _ => None,
        })
    }

    /// Append another report (e.g. a card's answer after the month's turn).
    pub fn extend(&mut self, other: TurnReport) {
        self.changes.extend(other.changes);
        self.notes.extend(other.notes);
    }
}
