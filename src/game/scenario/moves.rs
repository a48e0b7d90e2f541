//! Moves: what a side can do in a month.

use super::{Chance, Cond, Effect, FlagId, MeterId, MoveId, SideId};

/// How a move reads to the other side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Posture {
    Hostile,
    Neutral,
    Friendly,
}

/// A move one side can make in a month.
#[derive(Clone, Debug)]
pub struct Move {
    pub id: String,
    pub side: SideId,
    pub name: String,
    /// One line for the move list.
    pub hint: String,
    /// Longer explanation for the details pane and help.
    pub describe: String,
    /// −2 (hostile) … +2 (friendly): how the other side reads it.
    pub stance: i8,
    pub requires: Cond,
    /// Plain words for why it may be unavailable.
    pub requires_text: String,
    /// Applied whatever the outcome.
    pub effects: Effect,
    pub chance: Chance,
    pub success: Effect,
    pub failure: Effect,
    /// Wording variants for success (or for a move that cannot fail); the UI
    /// picks one with the flavour stream, so wording never touches outcomes.
    pub success_text: Vec<String>,
    pub failure_text: Vec<String>,
    /// For the AI: relative weight among moves of the same posture.
    pub weight: f64,
    pub weight_per: Vec<(MeterId, f64)>,
    /// For the AI: only chosen as an answer to one of these moves.
    pub answers: Vec<MoveId>,
    /// Percent of its effect lost per recent use (0: it never tires).
    pub fatigue: u8,
    /// A move whose chance is the other side's agreement (a treaty stage):
    /// when the computer makes it and a person plays the other side, the
    /// person agrees or not for themselves. The rules set this flag instead
    /// of rolling the chance, and a card concerning the other side, waiting
    /// on the flag, puts the question the next month (its answers carry the
    /// outcome and clear the flag). A person's move, and the model's when it
    /// imagines a future, roll as any other.
    pub asks: Option<FlagId>,
    /// Wording variants for the report of a move put to the other side.
    pub asks_text: Vec<String>,
}

impl Move {
    #[must_use]
    pub fn posture(&self) -> Posture {
        match self.stance {
            s if s < 0 => Posture::Hostile,
            0 => Posture::Neutral,
            _ => Posture::Friendly,
        }
    }
}
