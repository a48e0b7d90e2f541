//! The levels differ in how the rival plays, not only in how much it forgives:
//! `accept` moves the chance of each of the player's moves that can fail — the
//! rival says yes more readily at easy and less at hard — and a person playing
//! the other side answers for themselves, whatever the level.

use detente::game::dice;
use detente::game::scenario::SIDES;
use detente::game::{Choice, Difficulty, Note, Scenario, Setup, State, TurnReport, rules};

fn state(sc: &Scenario, difficulty: Difficulty) -> State {
    let mut rng = dice::game_rng(5, 0);
    rules::start(
        sc,
        Setup::single(sc.default_player, difficulty),
        &mut rng,
        &mut (),
    )
}

#[test]
fn the_rival_says_yes_more_readily_at_easy_and_less_at_hard() {
    let sc = Scenario::builtin();
    let side = sc.default_player;
    let talks = sc.move_id("arms_talks").unwrap();
    let odds = |d| rules::odds(&sc, &state(&sc, d), side, talks);
    let (easy, normal, hard) = (
        odds(Difficulty::Easy),
        odds(Difficulty::Normal),
        odds(Difficulty::Hard),
    );
    assert!(easy > normal && normal > hard, "{easy} {normal} {hard}");
    // The level's shift, on top of the scenario's own chance, inside its bounds.
    let rival = &sc.side(side.other()).ai;
    let st = state(&sc, Difficulty::Easy);
    let plain = rules::probability(&sc.mv(talks).chance, &st);
    let c = &sc.mv(talks).chance;
    let want = (plain + rival[Difficulty::Easy.index()].accept).clamp(c.min, c.max);
    assert!((easy - want).abs() < 1e-12, "{easy} vs {want}");
}

#[test]
fn a_person_on_the_other_side_answers_for_themselves() {
    let sc = Scenario::builtin();
    let side = sc.default_player;
    let talks = sc.move_id("arms_talks").unwrap();
    for d in [Difficulty::Easy, Difficulty::Normal, Difficulty::Hard] {
        let mut st = state(&sc, d);
        st.setup = Setup {
            human: [true; SIDES],
            difficulty: d,
        };
        let plain = rules::probability(&sc.mv(talks).chance, &st);
        assert_eq!(rules::odds(&sc, &st, side, talks), plain);
    }
}

/// The dice follow the odds: talks in the first month work about as often as
/// `rules::odds` says, at easy and at hard alike.
#[test]
fn the_rules_roll_against_the_levels_odds() {
    let sc = Scenario::builtin();
    let side = sc.default_player;
    let talks = sc.move_id("arms_talks").unwrap();
    for d in [Difficulty::Easy, Difficulty::Hard] {
        let games = 600;
        let mut worked = 0;
        let mut expected = 0.0;
        for seed in 0..games {
            let mut rng = dice::game_rng(seed, 0);
            let mut st = rules::start(&sc, Setup::single(side, d), &mut rng, &mut ());
            while !matches!(st.phase, detente::game::Phase::Orders) {
                let answer = Choice::Answer { choice: 0 };
                rules::play(&sc, &mut st, answer, &mut rng, &mut ()).unwrap();
            }
            expected += rules::odds(&sc, &st, side, talks);
            let mut report = TurnReport::default();
            rules::play(
                &sc,
                &mut st,
                Choice::Move { mv: talks },
                &mut rng,
                &mut report,
            )
            .unwrap();
            let ok = report.notes.iter().any(|n| {
                matches!(n, Note::Moved { side: s, mv, success: Some(true) } if *s == side && *mv == talks)
            });
            worked += u32::from(ok);
        }
        let rate = f64::from(worked) / games as f64;
        let want = expected / games as f64;
        assert!(
            (rate - want).abs() < 0.07,
            "{d:?}: worked {rate:.3}, odds {want:.3}"
        );
    }
}
