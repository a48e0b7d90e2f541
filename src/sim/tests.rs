//! Unit tests of the simulator's policies (phased, banned, line) and its runner
//! (chunking never changes results; the games log is in game order).

use std::sync::Arc;

use super::line::{Line, iso};
use super::*;
use crate::game::rules;

fn sc() -> Scenario {
    Scenario::builtin()
}

fn washington(sc: &Scenario) -> SideId {
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

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}

#[test]
fn results_do_not_depend_on_the_number_of_threads() {
    let sc = sc();
    for (policy, games) in [(Policy::Random, 3000), (Policy::Greedy, 60)] {
        let plan = Plan::new(&sc, games, 11, policy, Difficulty::Normal);
        let ins = Instruments {
            progress: None,
            watch: true,
        };
        let (one, _) = in_pool(1, || run_with(&sc, &plan, &ins));
        let (two, _) = in_pool(2, || run_with(&sc, &plan, &ins));
        let (three, _) = in_pool(3, || run_with(&sc, &plan, &ins));
        assert_eq!(one.games, games);
        assert_eq!(one, two);
        assert_eq!(one, three);
        assert_eq!(one.cards.len() as u64, games, "one card set per game");
        assert!(
            one.cards.windows(2).all(|w| w[0].0 < w[1].0),
            "in game order"
        );
    }
}

#[test]
fn the_games_log_is_the_same_file_whatever_the_threads() {
    let sc = sc();
    let plan = Plan::new(&sc, 300, 4, Policy::Random, Difficulty::Normal);
    let log = |threads| {
        in_pool(threads, || {
            let mut out = Vec::new();
            let (t, _) = run_logged(&sc, &plan, &Instruments::default(), &mut out).unwrap();
            (t, out)
        })
    };
    let (t1, a) = log(1);
    let (t2, b) = log(2);
    assert_eq!(a, b);
    assert_eq!(t1, t2);
    let watched = Instruments {
        progress: None,
        watch: true,
    };
    let (mut plain, _) = run_with(&sc, &plan, &watched);
    plain.cards.clear();
    assert_eq!(t1, plain, "the log changes no result");
    let text = String::from_utf8(a).unwrap();
    assert_eq!(text.lines().count(), 300);
    for (i, l) in text.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["game"], i as u64);
    }
}

#[test]
fn slow_policies_are_split_into_many_tasks() {
    // 1,000 games used to be one task of 1,024: one core for the expert.
    let chunks = in_pool(2, || 1000u64.div_ceil(chunk_size(1000)));
    assert!(chunks >= 16, "{chunks} tasks for two threads");
    assert_eq!(in_pool(2, || chunk_size(3)), 1);
    assert_eq!(in_pool(2, || chunk_size(10_000_000)), 1024);
}

#[test]
fn the_watch_counts_the_rival_and_the_answers() {
    let sc = sc();
    let side = washington(&sc);
    let plan = Plan::new(&sc, 100, 9, Policy::Random, Difficulty::Normal);
    let ins = Instruments {
        progress: None,
        watch: true,
    };
    let (t, _) = run_with(&sc, &plan, &ins);
    let (plain, _) = run(&sc, &plan);
    assert_eq!(
        plain.rival_moves.iter().sum::<u64>(),
        0,
        "unwatched: not counted"
    );
    assert_eq!(
        (plain.games, plain.turns, &plain.endings),
        (t.games, t.turns, &t.endings)
    );
    let rival: u64 = t.rival_moves.iter().sum();
    // The model moves every month the player does.
    assert_eq!(rival, t.turns);
    assert!(sc.moves_of(side).all(|m| t.rival_moves[m.index()] == 0));
    let answered: u64 = (sc.events.iter().zip(&t.answers))
        .filter(|(e, _)| e.concerns == side)
        .map(|(_, a)| a.iter().sum::<u64>())
        .sum();
    assert!(answered > 0, "the player's cards were answered and counted");
}

#[test]
fn jaccard_of_identical_and_disjoint_card_sets() {
    use crate::game::scenario::{EventId, Trigger};
    use crate::game::state::EventSet;
    let sc = sc();
    let free: Vec<EventId> = (sc.events.iter().enumerate())
        .filter(|(_, e)| !matches!(e.trigger, Trigger::At(_)))
        .map(|(i, _)| EventId(i as u8))
        .collect();
    let set = |ids: &[EventId]| {
        let mut s = EventSet::default();
        ids.iter().for_each(|e| s.insert(*e));
        s
    };
    let mut t = Totals::new(&sc);
    t.cards = vec![(0, set(&free[0..2])), (1, set(&free[0..2]))];
    assert_eq!(targets_jaccard(&sc, &t), Some(1.0));
    t.cards = vec![(0, set(&free[0..2])), (1, set(&free[2..4]))];
    assert_eq!(targets_jaccard(&sc, &t), Some(0.0));
    t.cards = vec![(0, set(&free[0..2])), (1, set(&free[1..3]))];
    assert_eq!(targets_jaccard(&sc, &t), Some(1.0 / 3.0));
    t.cards.truncate(1);
    assert_eq!(targets_jaccard(&sc, &t), None);
}

fn targets_jaccard(sc: &Scenario, t: &Totals) -> Option<f64> {
    checks::mean_jaccard(sc, t)
}

#[test]
fn the_balance_report_names_every_target() {
    let sc = sc();
    let counts = targets::Counts {
        games: 30,
        expert: 2,
        seed: 1,
    };
    let r = targets::measure(&sc, washington(&sc), counts, None);
    let measures: Vec<&str> = r.checks.iter().map(|c| c.measure.as_str()).collect();
    for want in [
        "expert wins",
        "expert at easy",
        "expert at hard",
        "greedy wins",
        "random wins",
        "always:*",
        "the last months matter",
        "no crutch",
        "forced to pressure",
        "forced to conciliation",
        "choice cards",
        "the rival's commonest answer",
        "Jaccard",
        "temperaments",
        "the record",
        "speed",
    ] {
        assert!(
            measures.iter().any(|m| m.contains(want)),
            "{want} in {measures:?}"
        );
    }
    let na = |m: &str| {
        r.checks
            .iter()
            .find(|c| c.measure.contains(m))
            .unwrap()
            .verdict
    };
    // The built-in rival has temperaments: the check measures, it is not n/a.
    assert_ne!(na("temperaments"), targets::Verdict::NotApplicable);
    // The built-in scenario has a record: its row is measured, met or not.
    assert_ne!(na("the record"), targets::Verdict::NotApplicable);
    assert!(r.runs.iter().all(|run| run.totals.games > 0));
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
