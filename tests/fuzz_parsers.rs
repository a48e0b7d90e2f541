//! Fuzzing the two parsers that read files a person may have touched: the scenario
//! (TOML) and the save/run record (JSON). Arbitrary bytes and random edits of real
//! files must give an error naming the file, fast — never a panic, never a hang.
//!
//! The always-on tests run a few hundred cases each; the `#[ignore]`d `long_*` ones
//! run many more (`DETENTE_FUZZ_CASES`, default 100 000):
//! `cargo test --release --test fuzz_parsers -- --ignored`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use detente::game::scenario::BUILTIN_TOML;
use detente::game::{Choice, Difficulty, Game, Phase, Scenario, Setup};
use detente::scenario_file;
use detente::store::files;
use detente::store::record::{Kind, Record};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// The longest any one file may take to be refused (the issue asks for "within a second").
const LIMIT: Duration = Duration::from_secs(1);

/// Cases for the always-on tests.
const QUICK: u32 = 300;

fn long_cases() -> u32 {
    std::env::var("DETENTE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

/// A scratch file for this test thread.
fn scratch(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("detente-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(format!("{tag}-{:?}.txt", std::thread::current().id()))
}

/// A valid save of a game a few months in.
fn good_record() -> String {
    let sc = Arc::new(Scenario::builtin());
    let mut g = Game::new(
        sc.clone(),
        77,
        Setup::single(sc.default_player, Difficulty::Hard),
    );
    let hold = *sc
        .moves_of(sc.default_player)
        .collect::<Vec<_>>()
        .last()
        .unwrap();
    while g.turns().len() < 8 && !g.state().is_over() {
        let c = match g.state().phase {
            Phase::Card(_) => Choice::Answer { choice: 0 },
            _ => Choice::Move { mv: hold },
        };
        if g.play(c).is_err() {
            break;
        }
    }
    Record::of(&g, Kind::Save).to_json()
}

/// An edit of a file: replace, insert or delete a run of bytes, or cut it short.
#[derive(Clone, Debug)]
enum Edit {
    Replace(usize, Vec<u8>),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    // Bytes that matter to TOML and JSON, plus anything at all.
    let byte = prop_oneof![
        3 => prop::sample::select(b"[]{}=\"'#,.:-+0123456789\n \\etrufaln".to_vec()),
        1 => any::<u8>(),
    ];
    let bytes = prop::collection::vec(byte, 1..16);
    prop_oneof![
        (any::<usize>(), bytes.clone()).prop_map(|(at, b)| Edit::Replace(at, b)),
        (any::<usize>(), bytes).prop_map(|(at, b)| Edit::Insert(at, b)),
        (any::<usize>(), 1..64usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(text: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut v = text.to_vec();
    for e in edits {
        let len = v.len().max(1);
        match e {
            Edit::Replace(at, b) => {
                let at = at % len;
                for (i, x) in b.iter().enumerate() {
                    if let Some(slot) = v.get_mut(at + i) {
                        *slot = *x;
                    }
                }
            }
            Edit::Insert(at, b) => {
                let at = (at % len).min(v.len());
                v.splice(at..at, b.iter().copied());
            }
            Edit::Delete(at, n) => {
                let at = (at % len).min(v.len());
                let end = (at + n).min(v.len());
                v.drain(at..end);
            }
            Edit::Truncate(at) => v.truncate(at % len),
        }
    }
    v
}

/// A scenario file of these bytes: refused with the file named, or accepted; fast, no panic.
fn check_scenario(path: &Path, bytes: &[u8]) -> Result<(), TestCaseError> {
    std::fs::write(path, bytes).unwrap();
    let start = Instant::now();
    let result = scenario_file::load_path(path);
    let took = start.elapsed();
    prop_assert!(took < LIMIT, "took {took:?}");
    if let Err(errors) = result {
        prop_assert!(!errors.0.is_empty());
        let name = path.display().to_string();
        for e in &errors.0 {
            prop_assert!(e.to_string().contains(&name), "does not name the file: {e}");
        }
    }
    Ok(())
}

/// A save of these bytes: refused with the file named, or restored; fast, no panic.
fn check_record(path: &Path, bytes: &[u8]) -> Result<(), TestCaseError> {
    std::fs::write(path, bytes).unwrap();
    let start = Instant::now();
    let result = files::load(path);
    let took = start.elapsed();
    prop_assert!(took < LIMIT, "took {took:?}");
    if let Err(p) = result {
        let name = path.display().to_string();
        prop_assert!(p.to_string().contains(&name), "does not name the file: {p}");
    }
    Ok(())
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

fn fuzz_scenario_bytes(cases: u32) {
    let path = scratch("scenario-bytes");
    runner(cases)
        .run(&prop::collection::vec(any::<u8>(), 0..4096), |b| {
            check_scenario(&path, &b)
        })
        .unwrap();
}

fn fuzz_scenario_edits(cases: u32) {
    let path = scratch("scenario-edits");
    runner(cases)
        .run(&prop::collection::vec(edit(), 1..6), |edits| {
            check_scenario(&path, &apply(BUILTIN_TOML.as_bytes(), &edits))
        })
        .unwrap();
}

fn fuzz_record_bytes(cases: u32) {
    let path = scratch("record-bytes");
    runner(cases)
        .run(&prop::collection::vec(any::<u8>(), 0..4096), |b| {
            check_record(&path, &b)
        })
        .unwrap();
}

fn fuzz_record_edits(cases: u32) {
    let path = scratch("record-edits");
    let good = good_record();
    runner(cases)
        .run(&prop::collection::vec(edit(), 1..6), |edits| {
            check_record(&path, &apply(good.as_bytes(), &edits))
        })
        .unwrap();
}

#[test]
fn scenario_parser_survives_arbitrary_bytes() {
    fuzz_scenario_bytes(QUICK);
}

#[test]
fn scenario_parser_survives_edits_of_the_real_scenario() {
    fuzz_scenario_edits(QUICK);
}

#[test]
fn record_parser_survives_arbitrary_bytes() {
    fuzz_record_bytes(QUICK);
}

#[test]
fn record_parser_survives_edits_of_a_real_save() {
    fuzz_record_edits(QUICK);
}

/// Hand-made worst cases: deep nesting, megabytes of text, invalid UTF-8, absurd numbers.
#[test]
fn scenario_and_record_worst_cases() {
    let path = scratch("worst");
    let huge_line = "x".repeat(3 << 20);
    let cases: Vec<Vec<u8>> = vec![
        format!("a = {}", "[".repeat(100_000)).into_bytes(),
        format!("a = {}1{}", "{b=".repeat(5000), "}".repeat(5000)).into_bytes(),
        format!("title = \"{huge_line}\"").into_bytes(),
        vec![b'#'; 4 << 20],
        vec![0xff; 1000],
        b"title = 1e999999\nturns = 99999999999999999999999".to_vec(),
        BUILTIN_TOML
            .replace("start = ", "start = 1e308 #")
            .into_bytes(),
        BUILTIN_TOML.replacen("[[", "[[[[", 1).into_bytes(),
    ];
    for bytes in &cases {
        check_scenario(&path, bytes).unwrap();
        check_record(&path, bytes).unwrap();
    }
    let good = good_record();
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    for bytes in [
        deep.as_bytes(),
        good.replace("\"seed\": \"77\"", "\"seed\": \"-1\"")
            .as_bytes(),
        good.replace(
            "\"choices\": [",
            "\"choices\": [{\"kind\": \"answer\", \"choice\": 255},",
        )
        .as_bytes(),
    ] {
        check_record(&path, bytes).unwrap();
    }
}

#[test]
#[ignore = "long: run with --ignored (DETENTE_FUZZ_CASES sets the number of cases)"]
fn long_scenario_fuzz() {
    let n = long_cases();
    let start = Instant::now();
    fuzz_scenario_bytes(n);
    fuzz_scenario_edits(n);
    eprintln!("scenario: 2 × {n} cases in {:?}", start.elapsed());
}

#[test]
#[ignore = "long: run with --ignored (DETENTE_FUZZ_CASES sets the number of cases)"]
fn long_record_fuzz() {
    let n = long_cases();
    let start = Instant::now();
    fuzz_record_bytes(n);
    fuzz_record_edits(n);
    eprintln!("record: 2 × {n} cases in {:?}", start.elapsed());
}
