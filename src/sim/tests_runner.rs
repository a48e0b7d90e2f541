//! Unit tests of the simulator's runner: results and the games log do not
//! depend on the threads, slow policies are split, the watch and the report.

use super::tests::{sc, washington};
use super::*;

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
