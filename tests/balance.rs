//! The depth targets (issue 11) the default scenario meets, checked by the
//! real simulator at a smaller number of games with a fixed seed:
//! deterministic, not timed. The full report (10,000 games per policy, the
//! expert 1,000) is `detente simulate --balance`; docs/balance.md keeps the
//! last one. Targets not met yet are listed there, not asserted here.

use detente::game::scenario::SideId;
use detente::game::{Difficulty, Scenario};
use detente::sim::balance::win_of;
use detente::sim::{Instruments, Plan, Policy, TemperamentRow, Totals, run_with};

const SEED: u64 = 1;
/// Games for the cheap policies, and for the expert (it samples thousands of games a decision).
const GAMES: u64 = 2000;
const EXPERT_GAMES: u64 = 300;

fn side(sc: &Scenario, id: &str) -> SideId {
    sc.side_id(id).expect("the default scenario has this side")
}

fn play(sc: &Scenario, side: SideId, policy: &str, games: u64, watch: bool) -> Totals {
    let plan = Plan {
        games,
        seed: SEED,
        side,
        policy: Policy::parse(sc, side, policy).expect("a policy"),
        opponent: None,
        difficulty: Difficulty::Normal,
    };
    let ins = Instruments {
        progress: None,
        watch,
    };
    run_with(sc, &plan, &ins).0
}

/// Share of games ending in the side's best ending.
fn wins(sc: &Scenario, side: SideId, t: &Totals) -> f64 {
    let win = win_of(sc, side);
    let i = sc.endings.iter().position(|e| e.id == win).expect("a win");
    t.endings[i] as f64 / t.games as f64
}

fn ending_share(sc: &Scenario, t: &Totals, id: &str) -> f64 {
    let i = sc.endings.iter().position(|e| e.id == id).expect(id);
    t.endings[i] as f64 / t.games as f64
}

/// Washington's expert wins between 35% and 60%; its rival answers varied;
/// the rival's temperament matters by 20 points or more; the last months
/// matter (expert then random wins at most half as often).
#[test]
fn washington_expert_is_in_range_and_the_rival_varied_and_readable() {
    let sc = Scenario::builtin();
    let w = side(&sc, "washington");
    let expert = play(&sc, w, "expert", EXPERT_GAMES, true);
    let rate = wins(&sc, w, &expert);
    assert!((0.35..=0.60).contains(&rate), "expert wins {rate:.3}");
    let total: u64 = expert.rival_moves.iter().sum();
    let top = *expert.rival_moves.iter().max().unwrap();
    assert!(
        top as f64 <= 0.25 * total as f64,
        "the rival's commonest answer is {top} of {total}"
    );
    let rates: Vec<f64> = TemperamentRow::all(&sc, w, &expert)
        .iter()
        .map(|r| r.win_rate)
        .collect();
    let gap = rates.iter().cloned().fold(f64::MIN, f64::max)
        - rates.iter().cloned().fold(f64::MAX, f64::min);
    assert!(gap >= 0.20, "temperaments {rates:?}");
    let plan = Plan {
        games: EXPERT_GAMES,
        seed: SEED,
        side: w,
        policy: Policy::Phased {
            first: Box::new(Policy::Expert),
            then: Box::new(Policy::Random),
            from: 12,
        },
        opponent: None,
        difficulty: Difficulty::Normal,
    };
    let late = run_with(&sc, &plan, &Instruments::default()).0;
    let late_rate = wins(&sc, w, &late);
    assert!(
        late_rate <= rate / 2.0,
        "expert for 12 months then random: {late_rate:.3} vs {rate:.3}"
    );
}

/// Random play rarely wins, for either side.
#[test]
fn random_play_rarely_wins() {
    let sc = Scenario::builtin();
    for id in ["washington", "moscow"] {
        let s = side(&sc, id);
        let t = play(&sc, s, "random", GAMES, false);
        let rate = wins(&sc, s, &t);
        assert!(rate <= 0.05, "{id}: random wins {rate:.3}");
    }
}

/// Washington's record played honestly never reaches Détente and never a
/// nuclear crisis, and ends in Cold peace in 40–80% of games.
#[test]
fn the_record_ends_in_cold_peace_without_detente_or_crisis() {
    let sc = Scenario::builtin();
    let w = side(&sc, "washington");
    let t = play(&sc, w, "history", 500, false);
    assert_eq!(ending_share(&sc, &t, "detente"), 0.0);
    assert_eq!(ending_share(&sc, &t, "nuclear_crisis"), 0.0);
    let cold = ending_share(&sc, &t, "cold_peace");
    assert!((0.40..=0.80).contains(&cold), "cold peace {cold:.3}");
}

/// A one-month look-ahead is not a plan: Washington's greedy policy wins at
/// most 30% (trading the allies for relations month after month fractures
/// the coalition).
#[test]
fn greedy_play_wins_at_most_thirty_percent() {
    let sc = Scenario::builtin();
    let w = side(&sc, "washington");
    let rate = wins(&sc, w, &play(&sc, w, "greedy", 400, false));
    assert!(rate <= 0.30, "greedy wins {rate:.3}");
}
