//! Properties of any game of the built-in scenario, whatever legal choices are made.
//!
//! A game is drawn as a seed, a difficulty, the side the person plays and a
//! list of picks: at each step a pick indexes the legal moves (or the card's
//! choices), so every drawn game is a legal one.

use std::sync::{Arc, OnceLock};

use proptest::prelude::*;
use proptest::test_runner::Config;

use detente::game::scenario::{MeterId, SideId};
use detente::game::{Choice, Difficulty, Game, Phase, Scenario, Setup, TurnReport, rules};

fn sc() -> Arc<Scenario> {
    static SC: OnceLock<Arc<Scenario>> = OnceLock::new();
    SC.get_or_init(|| Arc::new(Scenario::builtin())).clone()
}

/// More plays than any game can take (18 months, a few cards each).
const MAX_PLAYS: usize = 200;

/// A drawn game: who plays what, on which seed, and the picks.
#[derive(Clone, Debug)]
struct Drawn {
    seed: u64,
    setup: Setup,
    picks: Vec<u16>,
}

fn drawn() -> impl Strategy<Value = Drawn> {
    (
        any::<u64>(),
        0..3usize,
        0..2u8,
        prop::collection::vec(any::<u16>(), 1..64),
    )
        .prop_map(|(seed, d, side, picks)| Drawn {
            seed,
            setup: Setup::single(SideId(side), Difficulty::ALL[d]),
            picks,
        })
}

/// The legal choice that pick `p` names in the game as it stands.
fn choice(g: &Game, p: u16) -> Choice {
    match g.state().phase {
        Phase::Card(e) => {
            let n = g.scenario().event(e).choices.len();
            Choice::Answer {
                choice: (p as usize % n) as u8,
            }
        }
        Phase::Orders => {
            let side = g.state().setup.player();
            let legal: Vec<_> = rules::legal_moves(g.scenario(), g.state(), side).collect();
            assert!(!legal.is_empty(), "a side always has a legal move");
            Choice::Move {
                mv: legal[p as usize % legal.len()],
            }
        }
        Phase::Over(_) => unreachable!("no choice once the game is over"),
    }
}

/// One step of a drawn game: the choice, its report and the state after it, serialised.
struct Step {
    choice: Choice,
    report: TurnReport,
    state: String,
}

/// Plays a drawn game to its end (picks are reused in a cycle), checking
/// after every step that each meter is in 0–100 and that the report itemises
/// exactly how far each meter moved.
fn play(d: &Drawn) -> Result<(Game, Vec<Step>), TestCaseError> {
    let sc = sc();
    let mut g = Game::new(sc.clone(), d.seed, d.setup);
    for m in 0..sc.meters.len() {
        let v = g.state().meters[m];
        prop_assert!(
            (0..=100).contains(&v),
            "{} = {v} after the opening",
            sc.meters[m].id
        );
    }
    let mut steps = Vec::new();
    for i in 0..MAX_PLAYS {
        if g.state().is_over() {
            return Ok((g, steps));
        }
        let before = *g.state();
        let c = choice(&g, d.picks[i % d.picks.len()]);
        let report = g
            .play(c)
            .map_err(|e| TestCaseError::fail(format!("legal {c:?} refused: {e}")))?
            .clone();
        let after = g.state();
        for m in 0..sc.meters.len() {
            let id = MeterId(m as u8);
            let v = after.meter(id);
            prop_assert!(
                (0..=100).contains(&v),
                "{} = {v} after {c:?}",
                sc.meters[m].id
            );
            let moved = i32::from(v - before.meter(id));
            prop_assert_eq!(
                report.net(id),
                moved,
                "{} itemised vs moved after {:?}",
                &sc.meters[m].id,
                c
            );
        }
        steps.push(Step {
            choice: c,
            report,
            state: serde_json::to_string(after).expect("state serialises"),
        });
    }
    Err(TestCaseError::fail(format!(
        "not over after {MAX_PLAYS} plays"
    )))
}

fn config() -> Config {
    // Two shared cores: a moderate number of cases, and no regression files
    // written outside the files this suite owns.
    Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Every meter stays in 0–100 after every step, and the game is over by the
    /// last month: at most 18 month moves, never past the last turn.
    #[test]
    fn meters_stay_in_range_and_the_game_ends_in_time(d in drawn()) {
        let sc = sc();
        let (g, steps) = play(&d)?;
        let months = steps.iter().filter(|s| !matches!(s.choice, Choice::Answer { .. })).count();
        prop_assert!(months <= sc.calendar.turns as usize, "{} months", months);
        prop_assert!(g.state().turn < sc.calendar.turns);
        let ending = g.state().ending().expect("over");
        prop_assert_eq!(sc.ending(ending).side, d.setup.player(), "the ending is the person's side's");
        prop_assert_eq!(steps.last().and_then(|s| s.report.ended()), Some(ending));
    }

    /// The same seed and the same choices give the same states, step by step.
    #[test]
    fn the_same_seed_and_choices_give_identical_states(d in drawn()) {
        let (g, steps) = play(&d)?;
        let mut again = Game::new(sc(), d.seed, d.setup);
        prop_assert_eq!(again.opening(), g.opening());
        for s in &steps {
            let r = again.play(s.choice).map_err(|e| TestCaseError::fail(format!("replay refused {:?}: {e}", s.choice)))?;
            prop_assert_eq!(r, &s.report);
            prop_assert_eq!(serde_json::to_string(again.state()).unwrap(), s.state.clone());
        }
        prop_assert_eq!(again.choices(), g.choices());
    }

    /// Going back to any earlier choice and replaying the rest gives the same game.
    #[test]
    fn undo_and_replay_give_the_same_game(d in drawn(), at in any::<prop::sample::Index>()) {
        let (mut g, steps) = play(&d)?;
        let n = at.index(steps.len());
        let end = serde_json::to_string(g.state()).unwrap();
        g.undo_to(n);
        prop_assert_eq!(g.turns().len(), n);
        for s in &steps[n..] {
            let r = g.play(s.choice).map_err(|e| TestCaseError::fail(format!("replay refused {:?}: {e}", s.choice)))?;
            prop_assert_eq!(r, &s.report);
        }
        prop_assert_eq!(serde_json::to_string(g.state()).unwrap(), end);
    }
}
