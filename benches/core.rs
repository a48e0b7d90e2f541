//! Benchmarks of the core: one month, one whole game, the advisor's forecast.
//!
//! `cargo bench` runs them; figures are in README.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use detente::game::forecast::{self, DEFAULT_SAMPLES};
use detente::game::rules::{self, Choice};
use detente::game::{Difficulty, Scenario, Setup, dice, opponent};
use detente::sim::{Plan, Policy, play_one};

fn setup(d: Difficulty) -> (Scenario, Setup) {
    let sc = Scenario::builtin();
    let setup = Setup::single(sc.default_player, d);
    (sc, setup)
}

fn one_turn(c: &mut Criterion) {
    let (sc, setup) = setup(Difficulty::Normal);
    let mut rng = dice::outcome_rng(1);
    let st = rules::start(&sc, setup, &mut rng, &mut ());
    let hold = sc.move_id("back_channel").unwrap();
    c.bench_function("one turn (back_channel, normal)", |b| {
        let mut k = 0u64;
        b.iter(|| {
            let mut s = st;
            let mut r = dice::game_rng(7, k);
            k += 1;
            let _ = rules::play(
                &sc,
                &mut s,
                black_box(Choice::Move { mv: hold }),
                &mut r,
                &mut (),
            );
            black_box(s)
        });
    });
}

fn one_game(c: &mut Criterion) {
    let (sc, _) = setup(Difficulty::Normal);
    let plan = Plan::new(&sc, 1, 1, Policy::Random, Difficulty::Normal);
    c.bench_function("one whole game (random policy, normal)", |b| {
        let mut k = 0u64;
        b.iter(|| {
            let mut moves = [0u64; 64];
            k += 1;
            black_box(play_one(&sc, &plan, k, &mut moves))
        });
    });
}

fn advisor(c: &mut Criterion) {
    let (sc, setup) = setup(Difficulty::Normal);
    let mut rng = dice::outcome_rng(1);
    let st = rules::start(&sc, setup, &mut rng, &mut ());
    c.bench_function("advisor: forecast all moves x1000 samples", |b| {
        b.iter(|| black_box(forecast::forecast_all(&sc, &st, DEFAULT_SAMPLES, 42)));
    });
}

fn hard_opponent(c: &mut Criterion) {
    let (sc, setup) = setup(Difficulty::Hard);
    let mut rng = dice::outcome_rng(1);
    let st = rules::start(&sc, setup, &mut rng, &mut ());
    let moscow = sc.default_player.other();
    let seen = sc.move_id("sanctions");
    c.bench_function("hard opponent: one decision (looks ahead)", |b| {
        let mut k = 0u64;
        b.iter(|| {
            let mut r = dice::game_rng(3, k);
            k += 1;
            black_box(opponent::answer(&sc, &st, moscow, seen, &mut r, &mut ()))
        });
    });
}

criterion_group!(benches, one_turn, one_game, advisor, hard_opponent);
criterion_main!(benches);
