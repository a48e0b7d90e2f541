//! Unit tests of the simulator's policies (phased, banned, line) and its runner
//! (chunking never changes results; the games log is in game order).

use std::sync::Arc;

use super::line::{Line, iso};
use super::*;
use crate::game::rules;

pub(super) fn sc() -> Scenario {
    Scenario::builtin()
}

pub(super) fn washington(sc: &Scenario) -> SideId {
    sc.side_id("washington").unwrap()
}

/// The opening state of a game of Washington, and two of its legal moves.
fn opening(sc: &Scenario) -> (crate::game::State, MoveId, MoveId) {
    let side = washington(sc);
    let mut rng = dice::game_rng(7, 0);
    let mut st = rules::start(
        sc,
        Setup::single(side, Difficulty::Normal),
        &mut rng,
        &mut (),
    );
    // Answer any opening card so the state waits for orders.
    while let Phase::Card(_) = st.phase {
        rules::play(sc, &mut st, Choice::Answer { choice: 0 }, &mut rng, &mut ()).unwrap();
    }
    let legal: Vec<MoveId> = rules::legal_moves(sc, &st, side).collect();
    assert!(legal.len() >= 2, "two legal opening moves");
    (st, legal[0], legal[1])
}

#[test]
fn a_phased_policy_switches_at_its_month() {
    let sc = sc();
    let side = washington(&sc);
    let (mut st, a, b) = opening(&sc);
    let p = Policy::Phased {
        first: Box::new(Policy::Always(a)),
        then: Box::new(Policy::Always(b)),
        from: 3,
    };
    let mut rng = dice::game_rng(1, 1);
    assert_eq!(
        p.pick_move(&sc, &st, side, &mut rng),
        a,
        "month 1: the first"
    );
    st.turn = 2;
    assert_eq!(
        p.pick_move(&sc, &st, side, &mut rng),
        a,
        "month 3: still the first"
    );
    st.turn = 3;
    assert_eq!(
        p.pick_move(&sc, &st, side, &mut rng),
        b,
        "month 4: the second"
    );
    assert_eq!(
        p.name(&sc),
        format!(
            "always:{} then always:{} from month 4",
            sc.mv(a).id,
            sc.mv(b).id
        )
    );
}

#[test]
fn a_banned_move_is_never_played_while_another_is_legal() {
    let sc = sc();
    let side = washington(&sc);
    let (st, _, _) = opening(&sc);
    // The greedy's own first choice, then the same state with it banned: its next choice.
    let greedy_pick = Policy::Greedy.pick_move(&sc, &st, side, &mut dice::game_rng(3, 0));
    let banned = Policy::Banned {
        inner: Box::new(Policy::Greedy),
        banned: vec![greedy_pick],
    };
    let mut tally = Tally::default();
    let next = banned.pick_counted(&sc, &st, side, &mut dice::game_rng(3, 0), &mut tally);
    assert_ne!(next, greedy_pick);
    assert!(rules::is_legal(&sc, &st, next));
    assert_eq!(
        tally,
        Tally::default(),
        "not forced: other moves were legal"
    );

    // Over whole games: `always:m` plays m, `always:m` banning m never does.
    let plan = |policy| Plan::new(&sc, 200, 5, policy, Difficulty::Normal);
    let always = Policy::Always(greedy_pick);
    let (free, _) = run(&sc, &plan(always.clone()));
    assert!(free.moves[greedy_pick.index()] > 0);
    let without = Policy::Banned {
        inner: Box::new(always),
        banned: vec![greedy_pick],
    };
    let (t, _) = run(&sc, &plan(without));
    assert_eq!(t.moves[greedy_pick.index()], 0);
}

#[test]
fn when_only_banned_moves_are_legal_one_is_played_and_counted() {
    let sc = sc();
    let side = washington(&sc);
    let all: Vec<MoveId> = sc.moves_of(side).collect();
    let p = Policy::Banned {
        inner: Box::new(Policy::Random),
        banned: all,
    };
    let (t, _) = run(&sc, &Plan::new(&sc, 50, 2, p, Difficulty::Normal));
    assert!(t.turns > 0);
    assert_eq!(t.tally.forced, t.turns, "every month was forced");
}

#[test]
fn a_line_plays_its_moves_and_answers_and_counts_its_fallbacks() {
    let sc = sc();
    let side = washington(&sc);
    let (mut st, a, _) = opening(&sc);
    let card = sc.events.iter().position(|e| e.choices.len() >= 2).unwrap();
    let card = crate::game::scenario::EventId(card as u8);
    let text = format!(
        "{} {}\ncard:{}=2\n",
        iso(&sc, st.turn),
        sc.mv(a).id,
        sc.event(card).id
    );
    let line = Line::parse(&sc, side, "t.line", &text).unwrap();
    let p = Policy::Line {
        line: Arc::new(line),
        fallback: Box::new(Policy::Random),
    };
    let mut tally = Tally::default();
    let mut rng = dice::game_rng(1, 0);
    assert_eq!(p.pick_counted(&sc, &st, side, &mut rng, &mut tally), a);
    assert_eq!(
        p.answer_counted(&sc, &st, card, side, &mut rng, &mut tally),
        1
    );
    assert_eq!(tally.fallbacks, 0);
    // A month the line does not list: the fallback chooses, and it is counted.
    st.turn += 1;
    let mv = p.pick_counted(&sc, &st, side, &mut rng, &mut tally);
    assert!(rules::is_legal(&sc, &st, mv));
    assert_eq!(tally.fallbacks, 1);
    // A card the line does not answer: the same.
    let other = sc
        .events
        .iter()
        .enumerate()
        .find(|(i, e)| *i != card.index() && e.choices.len() >= 2)
        .map(|(i, _)| crate::game::scenario::EventId(i as u8))
        .unwrap();
    p.answer_counted(&sc, &st, other, side, &mut rng, &mut tally);
    assert_eq!(tally.fallbacks, 2);
}

#[test]
fn a_line_move_that_is_unavailable_falls_back() {
    let sc = sc();
    let side = washington(&sc);
    let (st, _, _) = opening(&sc);
    let unavailable = sc
        .moves_of(side)
        .find(|m| !rules::is_legal(&sc, &st, *m))
        .expect("some move is unavailable at the start");
    let text = format!("{} {}\n", iso(&sc, st.turn), sc.mv(unavailable).id);
    let p = Policy::Line {
        line: Arc::new(Line::parse(&sc, side, "t.line", &text).unwrap()),
        fallback: Box::new(Policy::Greedy),
    };
    let mut tally = Tally::default();
    let mv = p.pick_counted(&sc, &st, side, &mut dice::game_rng(1, 0), &mut tally);
    assert_ne!(mv, unavailable);
    assert!(rules::is_legal(&sc, &st, mv));
    assert_eq!(tally.fallbacks, 1);
}

/// The minimal scenario with red's record: a move that needs a flag nobody
/// set in its first month, a legal one in its second, and none after.
fn red_record() -> (Scenario, SideId) {
    let text = format!(
        "{}{}",
        include_str!("../../tests/scenarios/good/minimal.toml"),
        r#"
[[history]]
when = "Jan 2030"
what = "Red replies to talks nobody held."
month = "2030-01"
side = "red"
move = "red_reply"

[[history]]
when = "Feb 2030"
what = "Red holds."
month = "2030-02"
side = "red"
move = "red_hold"
"#
    );
    let sc = Scenario::from_toml("m.toml", &text).unwrap();
    let red = sc.side_id("red").unwrap();
    (sc, red)
}

#[test]
fn history_plays_the_record_and_counts_each_fallback() {
    let (sc, red) = red_record();
    let p = Policy::parse(&sc, red, "history").unwrap();
    assert_eq!(p.name(&sc), "history (else greedy)");
    assert!(Policy::names(&sc, red).contains(&"history".to_string()));
    let mut st = rules::start(
        &sc,
        Setup::single(red, Difficulty::Normal),
        &mut dice::game_rng(1, 0),
        &mut (),
    );
    let (mut tally, mut rng) = (Tally::default(), dice::game_rng(1, 1));
    // January: the record's reply needs a flag nobody set, so greedy chooses.
    let jan = p.pick_counted(&sc, &st, red, &mut rng, &mut tally);
    assert_ne!(Some(jan), sc.move_id("red_reply"));
    assert_eq!(tally.fallbacks, 1);
    // February: the record's move is legal and is played, with no fallback.
    st.turn = 1;
    let feb = p.pick_counted(&sc, &st, red, &mut rng, &mut tally);
    assert_eq!(Some(feb), sc.move_id("red_hold"));
    assert_eq!(tally.fallbacks, 1);
    // March: the record is silent.
    st.turn = 2;
    p.pick_counted(&sc, &st, red, &mut rng, &mut tally);
    assert_eq!(tally.fallbacks, 2);
    // Blue has no record: an error that says so, not a silent greedy.
    let err = Policy::parse(&sc, red.other(), "history").unwrap_err();
    assert!(err.contains("has no record of blue's moves"), "{err}");
}

/// The built-in record: Washington's first move, and its inauguration answer.
#[test]
fn history_plays_washingtons_record_in_the_builtin_scenario() {
    let sc = sc();
    let side = washington(&sc);
    let Policy::Line { line, .. } = Policy::parse(&sc, side, "history").unwrap() else {
        panic!("history is a line");
    };
    let first = sc.record_move(side, 0).and_then(|h| h.mv);
    assert!(first.is_some() && line.move_at(0) == first);
    let speech = sc.event_id("inauguration").unwrap();
    let jan = sc.calendar.turn_of(2025, 1).unwrap();
    assert_eq!(
        line.answer_at(jan, speech),
        Some(2),
        "say nothing about Russia"
    );
    let (st, _, _) = opening(&sc);
    let mut tally = Tally::default();
    let mv = Policy::Line {
        line,
        fallback: Box::new(Policy::Random),
    }
    .pick_counted(&sc, &st, side, &mut dice::game_rng(1, 0), &mut tally);
    assert!(
        rules::is_legal(&sc, &st, first.unwrap()),
        "Sep 2024's move is open"
    );
    assert_eq!((Some(mv), tally.fallbacks), (first, 0));
}

/// Where the record's move is closed, `history` falls back among the moves
/// the capital did make in the period: never a move the record never made
/// (a treaty stage it never reached), unless nothing else is legal.
#[test]
fn the_record_falls_back_only_on_moves_the_record_made() {
    let sc = sc();
    for side in [washington(&sc), sc.side_id("moscow").unwrap()] {
        let line = Line::from_record(&sc, side).expect("a record of both sides");
        let p = Policy::parse(&sc, side, "history").unwrap();
        assert!(
            p.name(&sc).contains("among the record's moves"),
            "{}",
            p.name(&sc)
        );
        let plan = Plan {
            side,
            ..Plan::new(&sc, 60, 5, p, Difficulty::Normal)
        };
        let (t, _) = run(&sc, &plan);
        assert!(t.tally.fallbacks > 0, "some month fell back");
        assert_eq!(t.tally.forced, 0, "a record move was always legal");
        for m in sc.moves_of(side) {
            if !line.moves.contains(&Some(m)) {
                assert_eq!(t.moves[m.index()], 0, "{} played", sc.mv(m).id);
            }
        }
    }
}
