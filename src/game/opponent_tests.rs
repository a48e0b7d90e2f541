//! Tests of the opponent model (a child module of `opponent`).
use super::*;
use crate::game::rules;
use crate::game::state::Setup;

/// The scenario's model is the look-ahead where the level says so (the
/// built-in scenario: hard) and the plain model elsewhere, draw for draw.
#[test]
fn by_scenario_is_the_model_each_level_names() {
    let sc = Scenario::builtin();
    let moscow = sc.default_player.other();
    let seen = sc.move_id("sanctions");
    // The two models must be told apart somewhere, or the test shows nothing.
    let mut differ = 0;
    for difficulty in Difficulty::ALL {
        let setup = Setup::single(sc.default_player, difficulty);
        let st = rules::start(&sc, setup, &mut dice::outcome_rng(1), &mut ());
        let looks = sc.side(moscow).ai[difficulty.index()].lookahead;
        assert_eq!(looks, difficulty == Difficulty::Hard);
        for k in 0..40 {
            let by = |m: &dyn Fn(&mut dice::GameRng) -> MoveId| m(&mut dice::game_rng(9, k));
            let scenario = by(&|r| ByScenario.answer(&sc, &st, moscow, seen, r, &mut ()));
            let plain = by(&|r| Plain.answer(&sc, &st, moscow, seen, r, &mut ()));
            let ahead = by(&|r| {
                LookAhead::of(&sc.side(moscow).ai[2]).answer(&sc, &st, moscow, seen, r, &mut ())
            });
            assert_eq!(scenario, if looks { ahead } else { plain });
            differ += usize::from(plain != ahead);
        }
    }
    assert!(differ > 0, "the look-ahead never chose otherwise");
}

/// The model draws its posture as `posture_odds` says: what the other
/// side learns from is the model itself, not a formula beside it.
#[test]
fn read_draws_as_posture_odds_say() {
    let sc = Scenario::builtin();
    let moscow = sc.default_player.other();
    for (difficulty, seen, t) in [
        (Difficulty::Normal, "sanctions", 0),
        (Difficulty::Easy, "back_channel", 1),
        (Difficulty::Hard, "hold", 2),
        (Difficulty::Normal, "summit", 2),
    ] {
        let setup = Setup::single(sc.default_player, difficulty);
        let mut st = rules::start(&sc, setup, &mut dice::outcome_rng(3), &mut ());
        st.temperament[moscow.index()] = t;
        let seen = sc.move_id(seen);
        let odds = posture_odds(&sc, &st, moscow, seen, usize::from(t));
        assert!((odds.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        let n = 40_000;
        let mut count = [0u32; 3];
        let mut rng = dice::game_rng(11, 0);
        for _ in 0..n {
            let k = match read(&sc, &st, moscow, seen, &mut rng, &mut ()) {
                Posture::Friendly => 0,
                Posture::Neutral => 1,
                Posture::Hostile => 2,
            };
            count[k] += 1;
        }
        for k in 0..3 {
            let seen_share = f64::from(count[k]) / f64::from(n);
            assert!(
                (seen_share - odds[k]).abs() < 0.015,
                "{difficulty:?} t{t}: posture {k} drawn {seen_share:.3}, odds {:.3}",
                odds[k]
            );
        }
    }
}
