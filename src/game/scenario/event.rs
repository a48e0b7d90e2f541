//! Event cards (scripted, triggered or drawn), their answers, and the public
//! record after the report (what each capital actually did, month by month).

use super::{Cond, Effect, EventId, MoveId, Scenario, SideId};

/// When an event card comes up.
#[derive(Clone, Debug)]
pub enum Trigger {
    /// At the start of this turn (index).
    At(u8),
    /// Whenever its condition holds (and it is not cooling down).
    When,
    /// Drawn from the random deck while its condition holds.
    Deck { weight: f64 },
}

impl Event {
    /// Whether the card is the game's own invention rather than the public
    /// record (the UI says so instead of attributing its words).
    #[must_use]
    pub fn is_fiction(&self) -> bool {
        self.fiction
    }
}

/// One answer on a choice card.
#[derive(Clone, Debug)]
pub struct EventChoice {
    pub label: String,
    pub hint: String,
    pub text: String,
    pub effects: Effect,
}

/// An event card.
#[derive(Clone, Debug)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub trigger: Trigger,
    pub when: Cond,
    /// Fires again only after this many months (None: once a game).
    pub cooldown: Option<u8>,
    /// The side the card is put to, if it has choices.
    pub concerns: SideId,
    /// Fires only when a person plays `concerns` (a warning the model does not need).
    pub players_only: bool,
    pub text: String,
    /// Who said it, where, when (may be empty on a game event).
    pub source: String,
    /// A game event, invented for play; otherwise the card is the public
    /// record and `source` says whose words it carries.
    pub fiction: bool,
    pub effects: Effect,
    pub choices: Vec<EventChoice>,
}
/// An entry of the public record after the report: a dated line for the end
/// screen ("what happened") and, where the scenario says so, what one capital
/// actually did that month, as the game's move and card answers.
#[derive(Clone, Debug, Default)]
pub struct HistoryNote {
    /// The date as written: "15 Aug 2025".
    pub when: String,
    pub what: String,
    /// Outlet or speaker, and date.
    pub source: String,
    /// The turn of the month the entry names, when that month is in the calendar.
    pub turn: Option<u8>,
    /// The capital that acted.
    pub side: Option<SideId>,
    /// The move that fits what `side` did in `turn`.
    pub mv: Option<MoveId>,
    /// `side`'s answers to cards (answer index from 0), in `turn` if it has one.
    pub answers: Vec<(EventId, u8)>,
}

impl Scenario {
    /// The record's entry for what `side` did in `turn`, if it names a move.
    #[must_use]
    pub fn record_move(&self, side: SideId, turn: u8) -> Option<&HistoryNote> {
        self.history
            .iter()
            .find(|h| h.side == Some(side) && h.turn == Some(turn) && h.mv.is_some())
    }

    /// Whether the record gives any move of `side` (something `--policy history` can play).
    #[must_use]
    pub fn has_record(&self, side: SideId) -> bool {
        self.history
            .iter()
            .any(|h| h.side == Some(side) && h.mv.is_some())
    }
}
