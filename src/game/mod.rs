//! The deterministic core: scenario data, state, rules, opponent, scoring.
//!
//! Nothing here reads a file, a clock or a terminal. The same scenario, seed
//! and choices always give the same game, on every platform.

mod apply;
pub mod belief;
mod character;
mod cond;
#[cfg(test)]
mod depth_tests;
pub mod dice;
#[cfg(test)]
mod fast_path_tests;
mod fatigue;
pub mod forecast;
mod news;
pub mod opponent;
pub mod outcome;
mod remembering;
pub mod report;
pub mod risk;
pub mod rules;
pub mod scenario;
mod session;
pub mod state;

pub use report::{Cause, Journal, Note, TurnReport};
pub use rules::{Choice, PlayError};
pub use scenario::Scenario;
pub use session::{Game, ReplayError, Turn};
pub use state::{Difficulty, Phase, Setup, State};
