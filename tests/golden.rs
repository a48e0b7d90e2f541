//! Pinned golden games: fixed seeds and choices, each side at each difficulty
//! and two players, on a pinned copy of the built-in scenario, down to a hash
//! of the final state and of every report.
//!
//! These hashes change only with `rules::RULES_VERSION`. If a change to the
//! rules makes this test fail, the same choices now play differently: bump
//! RULES_VERSION (old saves then say why they no longer replay) and re-pin
//! the table below with the figures the failure prints. A refactor that
//! leaves the rules alone must leave every hash as it is.

use std::sync::Arc;

use detente::game::rules::{self, RULES_VERSION};
use detente::game::scenario::{SIDES, SideId, fingerprint};
use detente::game::{Choice, Difficulty, Game, Phase, Scenario, Setup};

/// The scenario the golden games are played on (never edited: see its header).
const GOLDEN_TOML: &str = include_str!("scenarios/golden/low-point-2024.toml");

/// The rules version the hashes below were taken with (8 added `asks`, which
/// the pinned scenario does not use: its games play as they did at 7; 9 keeps
/// a scaled change's sign, and the pinned scenario scales no change; 10 keeps
/// each month in the trend as the next one opened: the same games and
/// reports, and a final state whose trend ring differs).
const PINNED_RULES_VERSION: u32 = 10;

/// (who plays, difficulty, seed) → (choices played, hash of the final state, hash of the reports).
const PINNED: [(&str, Difficulty, u64, usize, u64, u64); 7] = [
    (
        "washington",
        Difficulty::Easy,
        1,
        20,
        0x91521a66f642b935,
        0x72b828e8f47b3328,
    ),
    (
        "washington",
        Difficulty::Normal,
        2,
        21,
        0xe64932e7fd950d46,
        0x69df5739486067b8,
    ),
    (
        "washington",
        Difficulty::Hard,
        3,
        21,
        0x5811c51e02ba43d0,
        0x0768e97824e7785f,
    ),
    (
        "moscow",
        Difficulty::Easy,
        4,
        19,
        0xc6ed0ebac4afd175,
        0xf038f9e4b309c973,
    ),
    (
        "moscow",
        Difficulty::Normal,
        5,
        18,
        0x59ce7232dd7898b0,
        0xb2266e3cb8497f86,
    ),
    (
        "moscow",
        Difficulty::Hard,
        6,
        19,
        0x43baaf7c3947355c,
        0xa4adb8edc856a1f0,
    ),
    (
        "both",
        Difficulty::Normal,
        7,
        24,
        0xfda5a08b9b904ab0,
        0x9d2e0764a135159f,
    ),
];

/// The `k`-th choice of a golden game: a fixed function of the step and of
/// what is legal, so the choices are the same every time the rules are.
fn golden_choice(g: &Game, k: usize) -> Choice {
    let (sc, st) = (g.scenario(), g.state());
    match st.phase {
        Phase::Card(e) => Choice::Answer {
            choice: (k % sc.event(e).choices.len()) as u8,
        },
        _ => {
            let pick = |side: SideId| {
                let legal: Vec<_> = rules::legal_moves(sc, st, side).collect();
                legal[(k * 7 + 3 * side.index()) % legal.len()]
            };
            if st.setup.human.iter().all(|h| *h) {
                Choice::Orders {
                    moves: SideId::ALL.map(pick),
                }
            } else {
                Choice::Move {
                    mv: pick(st.setup.player()),
                }
            }
        }
    }
}

/// Play a golden game to its end: (choices, state hash, report hash).
fn golden_game(
    sc: &Arc<Scenario>,
    who: &str,
    difficulty: Difficulty,
    seed: u64,
) -> (usize, u64, u64) {
    let setup = match who {
        "both" => Setup {
            human: [true; SIDES],
            difficulty,
        },
        side => Setup::single(
            sc.side_id(side).expect("a side of the scenario"),
            difficulty,
        ),
    };
    let mut g = Game::new(sc.clone(), seed, setup);
    let mut k = 0;
    while !g.state().is_over() {
        assert!(k < 500, "{who} {difficulty:?}: the game does not end");
        let c = golden_choice(&g, k);
        g.play(c).expect("golden choices are legal");
        k += 1;
    }
    let state = serde_json::to_string(g.state()).expect("a state serialises");
    let mut reports = serde_json::to_string(g.opening()).expect("a report serialises");
    for t in g.turns() {
        reports.push_str(&serde_json::to_string(&t.report).expect("a report serialises"));
    }
    (k, fingerprint(&state), fingerprint(&reports))
}

#[test]
fn golden_games_play_exactly_as_pinned() {
    assert_eq!(
        RULES_VERSION, PINNED_RULES_VERSION,
        "RULES_VERSION changed: re-pin the golden games below with this version's figures"
    );
    let sc = Arc::new(
        Scenario::from_toml("golden.toml", GOLDEN_TOML).expect("the pinned scenario compiles"),
    );
    let mut got = Vec::new();
    for (who, difficulty, seed, ..) in PINNED {
        let (n, state, reports) = golden_game(&sc, who, difficulty, seed);
        got.push((who, difficulty, seed, n, state, reports));
    }
    let table: String = got
        .iter()
        .map(|(w, d, s, n, a, b)| {
            format!("    ({w:?}, Difficulty::{d:?}, {s}, {n}, {a:#018x}, {b:#018x}),\n")
        })
        .collect();
    assert_eq!(got, PINNED, "the golden games changed; now:\n{table}");
}

#[test]
fn golden_games_replay_from_their_choices() {
    // The pins are only worth something if a game is a function of its seed and choices.
    let sc = Arc::new(
        Scenario::from_toml("golden.toml", GOLDEN_TOML).expect("the pinned scenario compiles"),
    );
    let a = golden_game(&sc, "moscow", Difficulty::Hard, 6);
    let b = golden_game(&sc, "moscow", Difficulty::Hard, 6);
    assert_eq!(a, b);
}
