//! The advisor on screen: forecasts of every open choice, made by sampling the
//! real rules (`game::forecast`) for one state and one side, and kept while the
//! game stands in that state. They are computed off the UI thread (`forecaster`),
//! a first estimate at once and then the full count.
//!
//! With two players the rival's order is secret, so the advisor cannot know it:
//! it forecasts as if the opponent model played the other side (the screen says
//! so). It is asked from the month's state before any order, so nothing of a
//! sealed order can leak into it.

use std::sync::Arc;

use crate::game::forecast::{self, DEFAULT_SAMPLES, Forecast};
use crate::game::opponent::Remembering;
use crate::game::rules::{self, Choice};
use crate::game::scenario::{MoveId, Scenario, SideId};
use crate::game::{Game, Phase, Setup, State, dice};

/// What a forecast is for: the game's state and the side whose choices it weighs.
/// Never the number of turns played: an undo and another branch reach other
/// states at the same count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AdviceKey {
    pub state: State,
    pub side: SideId,
}

impl AdviceKey {
    pub fn of(game: &Game, side: SideId) -> AdviceKey {
        AdviceKey {
            state: *game.state(),
            side,
        }
    }
}

/// Samples per choice of the first estimate: enough to rank the moves, quick
/// enough at every difficulty to show at once.
pub const FIRST_SAMPLES: u32 = 100;

/// What the advisor needs to forecast one state for one side, owned so it can go
/// to another thread.
#[derive(Clone, Debug)]
pub struct Request {
    pub key: AdviceKey,
    pub scenario: Arc<Scenario>,
    /// The samples' seed (fixed per game position, so a forecast drawn twice agrees).
    pub seed: u64,
}

/// Salt separating the advisor's samples from the game's own streams.
const ADVISOR_SALT: u64 = 0xad_7150;

impl Request {
    /// A forecast of every open choice of `side` in the game as it stands.
    pub fn new(game: &Game, side: SideId) -> Request {
        let at = game.turns().len() as u64;
        Request {
            key: AdviceKey::of(game, side),
            scenario: game.scenario_arc().clone(),
            seed: dice::wording_key(game.seed() ^ ADVISOR_SALT, at),
        }
    }

    /// The state forecast from: the other side played by the opponent model, as
    /// in a one-player game.
    pub fn start(&self) -> State {
        let mut st = self.key.state;
        st.setup = Setup::single(self.key.side, st.setup.difficulty);
        st
    }

    /// The forecast of one choice with `samples` plays (the first `n` samples of
    /// a larger count are the same plays, so an estimate is a prefix of the full one).
    pub fn one(&self, choice: Choice, samples: u32) -> Forecast {
        forecast::forecast(&self.scenario, &self.start(), choice, samples, self.seed)
    }

    /// [`Request::one`] with the model's memory kept in `memory` (one per choice):
    /// the full count after the first estimate finds the estimate's look-ahead
    /// choices remembered. The same forecast as `one`.
    pub fn one_remembering(&self, choice: Choice, samples: u32, memory: &Remembering) -> Forecast {
        let st = self.start();
        forecast::forecast_remembering(&self.scenario, &st, choice, samples, self.seed, memory)
    }

    /// The choices open to the side, in the order the advisor lists them.
    pub fn choices(&self) -> Vec<Choice> {
        let st = self.start();
        match st.phase {
            Phase::Over(_) => Vec::new(),
            Phase::Card(e) => (0..self.scenario.event(e).choices.len() as u8)
                .map(|choice| Choice::Answer { choice })
                .collect(),
            Phase::Orders => rules::legal_moves(&self.scenario, &st, self.key.side)
                .map(|mv| Choice::Move { mv })
                .collect(),
        }
    }

    /// Every choice at the full count, on this thread (tests, and the app driven
    /// without a loop).
    pub fn compute(&self) -> Advice {
        let forecasts = self
            .choices()
            .into_iter()
            .map(|c| self.one(c, DEFAULT_SAMPLES))
            .collect();
        Advice {
            key: self.key,
            forecasts,
            complete: true,
        }
    }
}

/// The forecasts for the state and side they were made for.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    pub key: AdviceKey,
    pub forecasts: Vec<Forecast>,
    /// Whether every forecast has its full count of samples (else it is an estimate).
    pub complete: bool,
}

impl Advice {
    /// Forecast every open choice of `side` in the game as it stands, on this thread.
    pub fn compute(game: &Game, side: SideId) -> Advice {
        Request::new(game, side).compute()
    }

    /// Whether this advice is for the game as it stands now, seen by `side`.
    pub fn is_for(&self, game: &Game, side: SideId) -> bool {
        self.key == AdviceKey::of(game, side)
    }

    pub fn for_move(&self, mv: MoveId) -> Option<&Forecast> {
        self.for_choice(Choice::Move { mv })
    }

    pub fn for_choice(&self, choice: Choice) -> Option<&Forecast> {
        self.forecasts.iter().find(|f| f.choice == choice)
    }

    /// Whether a choice's forecast is final (full count), not an estimate.
    pub fn is_final(&self, choice: Choice) -> bool {
        self.complete
            || self
                .for_choice(choice)
                .is_some_and(|f| f.samples >= DEFAULT_SAMPLES)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::game::Difficulty;
    use crate::game::scenario::Scenario;
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

    /// Advice belongs to a state, not to a count of turns: after an undo and
    /// another move, the game has played as many turns but stands elsewhere.
    #[test]
    fn advice_is_keyed_by_state_not_by_turns_played() {
        let sc = Scenario::builtin();
        let side = sc.default_player;
        let mut g = game(Players::One(side));
        let moves: Vec<MoveId> = rules::legal_moves(&sc, g.state(), side).collect();
        g.play(Choice::Move { mv: moves[0] }).unwrap();
        let first = Advice::compute(&g, side);
        assert!(first.is_for(&g, side));
        g.undo_to(0);
        let other = moves
            .iter()
            .copied()
            .find(|mv| {
                let mut h = g.clone();
                h.play(Choice::Move { mv: *mv }).unwrap();
                *h.state() != first.key.state
            })
            .expect("a move that leads elsewhere");
        g.play(Choice::Move { mv: other }).unwrap();
        assert_eq!(g.turns().len(), 1, "as many turns as before");
        assert!(!first.is_for(&g, side), "but another state");
    }

    #[test]
    fn a_first_estimate_is_a_prefix_of_the_full_forecast() {
        let sc = Scenario::builtin();
        let g = game(Players::usual(&sc));
        let r = Request::new(&g, sc.default_player);
        let c = r.choices()[0];
        let full = r.compute();
        assert_eq!(r.one(c, DEFAULT_SAMPLES), *full.for_choice(c).unwrap());
        let first = r.one(c, FIRST_SAMPLES);
        assert_eq!(first.samples, FIRST_SAMPLES);
        let partial = Advice {
            key: r.key,
            forecasts: vec![first],
            complete: false,
        };
        assert!(!partial.is_final(c) && full.is_final(c));
    }

    /// At hard, the full count after the estimate with the model's memory kept
    /// is the forecast made afresh.
    #[test]
    fn a_remembered_estimate_leaves_the_full_forecast_as_it_is() {
        let sc = Arc::new(Scenario::builtin());
        let g = Game::new(sc.clone(), 7, Players::usual(&sc).setup(Difficulty::Hard));
        let r = Request::new(&g, sc.default_player);
        for c in r.choices().into_iter().take(3) {
            let memory = Remembering::default();
            let first = r.one_remembering(c, 60, &memory);
            assert_eq!(first, r.one(c, 60));
            assert_eq!(r.one_remembering(c, 240, &memory), r.one(c, 240));
        }
    }
}
