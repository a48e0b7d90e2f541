//! The advisor on screen: forecasts of every open choice, computed once per
//! state by sampling the real rules (`game::forecast`), kept until the state changes.

use crate::game::forecast::{self, DEFAULT_SAMPLES, Forecast};
use crate::game::rules::Choice;
use crate::game::scenario::MoveId;
use crate::game::{Game, dice};

/// The forecasts for the state they were made in.
#[derive(Clone, Debug)]
pub struct Advice {
    /// How many choices the game had when this was computed (its identity).
    at: usize,
    pub forecasts: Vec<Forecast>,
}

/// Salt separating the advisor's samples from the game's own streams.
const ADVISOR_SALT: u64 = 0xad_7150;

impl Advice {
    /// Forecast every open choice of the game as it stands.
    pub fn compute(game: &Game) -> Advice {
        let at = game.turns().len();
        let seed = dice::wording_key(game.seed() ^ ADVISOR_SALT, at as u64);
        Advice {
            at,
            forecasts: forecast::forecast_all(game.scenario(), game.state(), DEFAULT_SAMPLES, seed),
        }
    }

    /// Whether this advice is for the game as it stands now.
    pub fn is_for(&self, game: &Game) -> bool {
        self.at == game.turns().len()
    }

    pub fn for_move(&self, mv: MoveId) -> Option<&Forecast> {
        self.forecasts
            .iter()
            .find(|f| f.choice == Choice::Move { mv })
    }

    pub fn for_answer(&self, choice: u8) -> Option<&Forecast> {
        self.forecasts
            .iter()
            .find(|f| f.choice == Choice::Answer { choice })
    }

    pub fn for_choice(&self, choice: Choice) -> Option<&Forecast> {
        self.forecasts.iter().find(|f| f.choice == choice)
    }
}
