//! Event cards (scripted, triggered or drawn), their answers, and the public record after the report.

use super::{Cond, Effect, SideId};

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
/// A line of the public record after the report.
#[derive(Clone, Debug)]
pub struct HistoryNote {
    pub when: String,
    pub what: String,
}
