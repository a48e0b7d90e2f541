//! The balance targets of the default scenario, checked by the real simulator
//! at a smaller number of games with a fixed seed: deterministic, not timed.
//! The full figures (10,000 games per policy) are in docs/balance.md.

use detente::game::{Difficulty, Scenario};
use detente::sim::balance;

/// Games per policy here; the expert plays a tenth (it samples thousands of games per decision).
const GAMES: u64 = 2000;
const SEED: u64 = 1;

fn check_side(side: &str) {
    let sc = Scenario::builtin();
    let side = sc
        .side_id(side)
        .expect("the default scenario has this side");
    let (summaries, targets) = balance::measure(&sc, side, GAMES, SEED, Difficulty::Normal);
    assert!(
        summaries.iter().any(|s| s.policy == "expert"),
        "the expert was measured"
    );
    assert!(
        targets.len() >= 20,
        "every target was checked: {}",
        targets.len()
    );
    let missed: Vec<String> = targets
        .iter()
        .filter(|t| !t.met)
        .map(|t| format!("{} (measured {})", t.what, t.figure))
        .collect();
    assert!(
        missed.is_empty(),
        "balance targets missed:\n{}",
        missed.join("\n")
    );
}

#[test]
fn washington_meets_every_balance_target() {
    check_side("washington");
}

#[test]
fn moscow_meets_every_balance_target() {
    check_side("moscow");
}
