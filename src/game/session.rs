//! A game in play: the scenario, the seed, the state, its random streams and
//! the record of every choice — what the UI, saves and replays hold on to.

use std::sync::Arc;

use super::dice::{self, GameRng};
use super::report::TurnReport;
use super::rules::{self, Choice, PlayError};
use super::scenario::{MAX_METERS, Scenario};
use super::state::{Setup, State};

/// One played choice and what came of it.
#[derive(Clone, Debug)]
pub struct Turn {
    /// The month it was played in (0-based).
    pub month: u8,
    pub choice: Choice,
    pub report: TurnReport,
    /// The state and generator before it, so the game can go back.
    before: (State, GameRng),
}

/// A recorded choice the rules refused during a replay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplayError {
    /// Index of the refused choice.
    pub at: usize,
    pub error: PlayError,
}

impl std::fmt::Display for ReplayError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "choice {} cannot be played: {}", self.at + 1, self.error)
    }
}

impl std::error::Error for ReplayError {}

/// A game: scenario + seed + choices, with everything that follows from them.
#[derive(Clone, Debug)]
pub struct Game {
    scenario: Arc<Scenario>,
    seed: u64,
    state: State,
    rng: GameRng,
    opening: TurnReport,
    turns: Vec<Turn>,
    /// Whether a choice was ever taken back (the score table marks such games).
    undone: bool,
}

impl Game {
    /// A new game; the first month's news is in [`Game::opening`].
    #[must_use]
    pub fn new(scenario: Arc<Scenario>, seed: u64, setup: Setup) -> Game {
        let mut rng = dice::outcome_rng(seed);
        let mut opening = TurnReport::default();
        let state = rules::start(&scenario, setup, &mut rng, &mut opening);
        Game {
            scenario,
            seed,
            state,
            rng,
            opening,
            turns: Vec::new(),
            undone: false,
        }
    }

    /// Rebuild a game from its seed and choices: the same states, reports and
    /// random stream as when it was played. Fails at the first choice the
    /// rules refuse (a run file from another scenario, or edited by hand).
    pub fn replay(
        scenario: Arc<Scenario>,
        seed: u64,
        setup: Setup,
        choices: &[Choice],
    ) -> Result<Game, ReplayError> {
        let mut g = Game::new(scenario, seed, setup);
        for (at, c) in choices.iter().enumerate() {
            g.play(*c).map_err(|error| ReplayError { at, error })?;
        }
        Ok(g)
    }

    /// Who plays which side, at what difficulty.
    #[must_use]
    pub fn setup(&self) -> Setup {
        self.state.setup
    }

    /// Play a choice; on error nothing changes.
    pub fn play(&mut self, choice: Choice) -> Result<&TurnReport, PlayError> {
        let before = (self.state, self.rng.clone());
        let mut report = TurnReport::default();
        let month = self.state.turn;
        rules::play(
            &self.scenario,
            &mut self.state,
            choice,
            &mut self.rng,
            &mut report,
        )?;
        self.turns.push(Turn {
            month,
            choice,
            report,
            before,
        });
        Ok(&self.turns.last().expect("just pushed").report)
    }

    /// Go back to just before the `n`-th choice (0-based), forgetting what followed.
    pub fn undo_to(&mut self, n: usize) {
        if n < self.turns.len() {
            let (state, rng) = self.turns[n].before.clone();
            self.state = state;
            self.rng = rng;
            self.turns.truncate(n);
            self.undone = true;
        }
    }

    /// Whether any choice of this game was taken back with [`Game::undo_to`] (or
    /// its record says so: see [`Game::mark_undone`]).
    #[must_use]
    pub fn was_undone(&self) -> bool {
        self.undone
    }

    /// Say that a choice was taken back before this game was saved and read again
    /// (a replay rebuilds only the choices kept).
    pub fn mark_undone(&mut self) {
        self.undone = true;
    }

    #[must_use]
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    #[must_use]
    pub fn scenario_arc(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    #[must_use]
    pub fn seed(&self) -> u64 {
        self.seed
    }

    #[must_use]
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The news of the first month.
    #[must_use]
    pub fn opening(&self) -> &TurnReport {
        &self.opening
    }

    #[must_use]
    pub fn turns(&self) -> &[Turn] {
        &self.turns
    }

    /// The choices made so far: with the scenario and seed, the whole game.
    #[must_use]
    pub fn choices(&self) -> Vec<Choice> {
        self.turns.iter().map(|t| t.choice).collect()
    }

    /// The generator of outcomes as it stands (for saves that keep the stream).
    #[must_use]
    pub fn rng(&self) -> &GameRng {
        &self.rng
    }

    /// The key of the flavour stream for the `index`-th choice's wording
    /// (see [`dice::flavour_pick`]); the opening's wording is index 0 too.
    #[must_use]
    pub fn wording_key(&self, index: usize) -> u64 {
        dice::wording_key(self.seed, index as u64)
    }

    /// Every meter once the first `played` choices were played: `0` is just
    /// after the opening's news; `None` beyond the choices played so far.
    #[must_use]
    pub fn meters_at(&self, played: usize) -> Option<[i16; MAX_METERS]> {
        match played.cmp(&self.turns.len()) {
            std::cmp::Ordering::Less => Some(self.turns[played].before.0.meters),
            std::cmp::Ordering::Equal => Some(self.state.meters),
            std::cmp::Ordering::Greater => None,
        }
    }

    /// Every meter just after the `index`-th choice (0-based), as its report left them.
    #[must_use]
    pub fn meters_after(&self, index: usize) -> Option<[i16; MAX_METERS]> {
        self.meters_at(index + 1)
    }

    /// Every meter at the start and after each month: the game's timeline.
    #[must_use]
    pub fn timeline(&self) -> Vec<[i16; MAX_METERS]> {
        let mut out = vec![
            self.turns
                .first()
                .map_or(self.state.meters, |t| t.before.0.meters),
        ];
        for (i, t) in self.turns.iter().enumerate() {
            let after = self
                .turns
                .get(i + 1)
                .map_or(self.state.meters, |n| n.before.0.meters);
            // Card answers belong to the month they were played in: keep one point a month.
            if matches!(t.choice, Choice::Answer { .. }) {
                if let Some(last) = out.last_mut() {
                    *last = after;
                }
            } else {
                out.push(after);
            }
        }
        out
    }

    /// A side's score as things stand.
    #[must_use]
    pub fn score(&self, side: super::scenario::SideId) -> i32 {
        rules::score(&self.scenario, &self.state, side)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::state::Difficulty;

    #[test]
    fn meters_after_each_choice_are_the_states_meters_then() {
        let sc = Arc::new(Scenario::builtin());
        let setup = Setup::single(sc.default_player, Difficulty::Normal);
        let mut g = Game::new(sc.clone(), 5, setup);
        let mut seen = vec![g.state().meters];
        while !g.state().is_over() {
            let choice = match g.state().phase {
                crate::game::Phase::Card(_) => Choice::Answer { choice: 1 },
                _ => Choice::Move {
                    mv: rules::legal_moves(&sc, g.state(), setup.player())
                        .last()
                        .expect("a legal move"),
                },
            };
            g.play(choice).unwrap();
            seen.push(g.state().meters);
        }
        let n = g.turns().len();
        assert!(n > 10, "a whole game: {n} choices");
        for (played, meters) in seen.iter().enumerate() {
            assert_eq!(g.meters_at(played), Some(*meters), "after {played} choices");
        }
        for i in 0..n {
            assert_eq!(g.meters_after(i), Some(seen[i + 1]), "after choice {i}");
            // What the screens computed by hand agrees: the state now, minus
            // every change reported since.
            let mut back = g.state().meters;
            for t in &g.turns()[i + 1..] {
                for (m, d, _) in &t.report.changes {
                    back[m.index()] -= d;
                }
            }
            assert_eq!(g.meters_after(i), Some(back));
        }
        assert_eq!(g.meters_after(n), None);
        assert_eq!(g.meters_at(n + 1), None);
        // After an undo the past is the new present's.
        g.undo_to(3);
        assert_eq!(g.meters_at(3), Some(seen[3]));
        assert_eq!(g.meters_after(3), None);
    }

    #[test]
    fn undo_restores_state_and_stream() {
        let sc = Arc::new(Scenario::builtin());
        let setup = Setup::single(sc.default_player, Difficulty::Normal);
        let mut g = Game::new(sc.clone(), 11, setup);
        let hold = sc.move_id("hold").unwrap();
        let answers = |g: &mut Game| {
            while let crate::game::Phase::Card(_) = g.state().phase {
                g.play(Choice::Answer { choice: 0 }).unwrap();
            }
        };
        answers(&mut g);
        g.play(Choice::Move { mv: hold }).unwrap();
        answers(&mut g);
        let after_one = *g.state();
        let n = g.turns().len();
        g.play(Choice::Move { mv: hold }).unwrap();
        g.undo_to(n);
        assert_eq!(*g.state(), after_one);
        let again = g.play(Choice::Move { mv: hold }).unwrap().clone();
        let mut g2 = Game::new(sc.clone(), 11, setup);
        for c in g.choices() {
            g2.play(c).unwrap();
        }
        assert_eq!(g.state(), g2.state());
        assert_eq!(g2.turns().last().unwrap().report, again);
    }
}
