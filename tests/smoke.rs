//! A valid scenario must not crash the game: a model told to look ahead at
//! every level plays whole games, and `check-scenario` plays what it accepts.

use std::path::PathBuf;
use std::process::{Command, Output};

use detente::game::scenario::{BUILTIN_TOML, SideId};
use detente::game::{Difficulty, Scenario};
use detente::sim::{Plan, Policy, play_one};

/// The built-in scenario with `lookahead = true` under `[sides.ai.normal]`
/// (easy too, for good measure): before the model was a parameter of the
/// rules, normal looking ahead recursed until the stack overflowed.
fn looking_ahead_everywhere() -> String {
    let text = BUILTIN_TOML
        .replace(
            "[sides.ai.normal]\n",
            "[sides.ai.normal]\nlookahead = true\n",
        )
        .replace("[sides.ai.easy]\n", "[sides.ai.easy]\nlookahead = true\n");
    assert_eq!(
        text.matches("lookahead = true").count(),
        6,
        "both sides, three levels"
    );
    text
}

/// A file of our own in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, text: &str) -> TempFile {
        let path =
            std::env::temp_dir().join(format!("detente-smoke-{}-{name}", std::process::id()));
        std::fs::write(&path, text).expect("the temporary directory is writable");
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn detente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .expect("the detente binary runs")
}

#[test]
fn a_model_that_looks_ahead_at_every_level_plays_whole_games() {
    let sc = Scenario::from_toml("lookahead.toml", &looking_ahead_everywhere())
        .expect("the changed scenario compiles");
    for side in SideId::ALL {
        for difficulty in Difficulty::ALL {
            let mut plan = Plan::new(&sc, 3, 11, Policy::Random, difficulty);
            plan.side = side;
            for game in 0..3 {
                let mut moves = [0u64; 64];
                let out = play_one(&sc, &plan, game, &mut moves);
                assert!(
                    (1..=u64::from(sc.calendar.turns)).contains(&out.months),
                    "{side:?} {difficulty:?} game {game}: {} months",
                    out.months
                );
                assert!(out.meters.iter().all(|v| (0..=100).contains(v)));
            }
        }
    }
}

#[test]
fn the_binary_checks_and_simulates_a_scenario_that_looks_ahead_at_normal() {
    let file = TempFile::new("lookahead.toml", &looking_ahead_everywhere());
    let path = file.0.to_str().expect("a UTF-8 temporary path");
    let check = detente(&["check-scenario", path]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains(": ok"));
    for level in ["easy", "normal", "hard"] {
        let sim = detente(&[
            "simulate",
            "--scenario",
            path,
            "--difficulty",
            level,
            "--games",
            "4",
            "--seed",
            "3",
            "--json",
        ]);
        assert_eq!(
            sim.status.code(),
            Some(0),
            "simulate at {level}: {}",
            String::from_utf8_lossy(&sim.stderr)
        );
        let json: serde_json::Value =
            serde_json::from_slice(&sim.stdout).expect("simulate --json prints JSON");
        assert_eq!(json["games"], 4, "{json}");
    }
}

/// The minimal scenario where Blue's only move without requirements answers
/// a move of Red's: it compiles, but Blue has no legal move in the first month.
fn blue_without_a_first_move() -> String {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/good/minimal.toml"),
    )
    .expect("the minimal scenario is readable");
    text.replace(
        "name = \"Hold course\"\n\n[[moves]]\nid = \"blue_talk\"",
        "name = \"Hold course\"\nanswers = [\"red_hold\"]\n\n[[moves]]\nid = \"blue_talk\"",
    )
    .replace(
        "name = \"Talk\"\nchance",
        "name = \"Talk\"\nrequires = { flags = [\"met\"] }\nchance",
    )
}

#[test]
fn check_scenario_plays_what_it_accepts_and_reports_a_game_that_goes_wrong() {
    let text = blue_without_a_first_move();
    assert_eq!(text.matches("answers = [\"red_hold\"]").count(), 1);
    Scenario::from_toml("stuck.toml", &text).expect("the compiler accepts it");
    let file = TempFile::new("stuck.toml", &text);
    let out = detente(&["check-scenario", file.0.to_str().expect("a UTF-8 path")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("side `blue` had no legal move in month 1"),
        "{stderr}"
    );
    assert!(stderr.contains("simulated game(s) went wrong"), "{stderr}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains(": ok"));
}

#[test]
fn check_scenario_still_accepts_the_built_in_and_minimal_scenarios() {
    let builtin =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios/low-point-2024.toml");
    let minimal =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/good/minimal.toml");
    for path in [builtin, minimal] {
        let out = detente(&["check-scenario", path.to_str().expect("a UTF-8 path")]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
