//! Endings: how a game ends for each side.

use serde::Deserialize;

use super::{Cond, SideId};

/// When an ending is checked (`check = "always"` in a scenario).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndingCheck {
    /// After every change: a meter broke.
    Always,
    /// At the deadline, first match wins.
    Deadline,
}

/// How a game ends.
#[derive(Clone, Debug)]
pub struct Ending {
    pub id: String,
    pub title: String,
    pub side: SideId,
    pub check: EndingCheck,
    pub when: Cond,
    pub bonus: f64,
    pub text: String,
    /// Whether this counts as a win for its side (for the end screen's tone).
    pub good: bool,
    /// How it is reached, in the scenario's words, where the condition alone
    /// does not say it (a flag a card sets); `None`: the condition says it.
    pub reached: Option<String>,
}
