//! The terminal UI (placeholder while the core settles).

use crate::game::{Difficulty, Scenario};

/// How the player started the game.
#[derive(Clone, Debug)]
pub struct Options {
    pub seed: u64,
    pub seed_given: bool,
    pub difficulty: Difficulty,
    pub ascii: bool,
    pub no_color: bool,
}

pub fn run(_scenario: Scenario, _options: Options) -> std::io::Result<()> {
    Ok(())
}
