//! The advisor on screen: forecasts of every open choice, computed once per
//! state and side by sampling the real rules (`game::forecast`), kept until
//! the state changes.
//!
//! With two players the rival's order is secret, so the advisor cannot know it:
//! it forecasts as if the opponent model played the other side (the screen says
//! so). It is asked from the month's state before any order, so nothing of a
//! sealed order can leak into it.

use crate::game::forecast::{self, DEFAULT_SAMPLES, Forecast};
use crate::game::rules::Choice;
use crate::game::scenario::{MoveId, SideId};
use crate::game::{Game, Setup, dice};

/// The forecasts for the state and side they were made for.
#[derive(Clone, Debug)]
pub struct Advice {
    /// How many choices the game had when this was computed (its identity).
    at: usize,
    /// The side whose choices were forecast.
    side: SideId,
    pub forecasts: Vec<Forecast>,
}

/// Salt separating the advisor's samples from the game's own streams.
const ADVISOR_SALT: u64 = 0xad_7150;

impl Advice {
    /// Forecast every open choice of `side` in the game as it stands (the other
    /// side played by the opponent model, as in a one-player game).
    pub fn compute(game: &Game, side: SideId) -> Advice {
        let at = game.turns().len();
        let seed = dice::wording_key(game.seed() ^ ADVISOR_SALT, at as u64);
        let mut st = *game.state();
        st.setup = Setup::single(side, st.setup.difficulty);
        Advice {
            at,
            side,
            forecasts: forecast::forecast_all(game.scenario(), &st, DEFAULT_SAMPLES, seed),
        }
    }

    /// Whether this advice is for the game as it stands now, seen by `side`.
    pub fn is_for(&self, game: &Game, side: SideId) -> bool {
        self.at == game.turns().len() && self.side == side
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::game::scenario::Scenario;
    use crate::game::{Difficulty, rules};
    use crate::ui::seats::Players;

    fn game(players: Players) -> Game {
        let sc = Arc::new(Scenario::builtin());
        Game::new(sc, 7, players.setup(Difficulty::Normal))
    }

    #[test]
    fn moscow_gets_forecasts_of_its_own_moves() {
        let sc = Scenario::builtin();
        let moscow = sc.side_id("moscow").unwrap();
        let g = game(Players::One(moscow));
        let a = Advice::compute(&g, moscow);
        let legal: Vec<MoveId> = rules::legal_moves(&sc, g.state(), moscow).collect();
        assert_eq!(a.forecasts.len(), legal.len());
        for mv in legal {
            assert!(a.for_move(mv).is_some(), "{}", sc.mv(mv).id);
        }
        // Washington, played by the model, answers a missile test in kind more often than a gesture.
        let test = a.for_move(sc.move_id("missile_test").unwrap()).unwrap();
        let swap = a.for_move(sc.move_id("prisoner_swap").unwrap()).unwrap();
        assert!(test.retaliation > swap.retaliation, "{test:?} {swap:?}");
    }

    #[test]
    fn two_players_are_advised_as_if_the_model_were_the_rival() {
        let sc = Scenario::builtin();
        let moscow = sc.side_id("moscow").unwrap();
        let alone = Advice::compute(&game(Players::One(moscow)), moscow);
        let two = game(Players::Two);
        let duel = Advice::compute(&two, moscow);
        assert_eq!(duel.forecasts, alone.forecasts);
        assert!(duel.is_for(&two, moscow) && !duel.is_for(&two, sc.default_player));
    }
}
