//! A benchmark, not a check (run it with `cargo test --release --test latency --
//! --ignored --nocapture`): the real binary in a pseudo-terminal plays whole games
//! at every difficulty, timing each key from the moment it is sent to the moment
//! the screen it asks for is drawn, and the advisor from the moment the month's
//! screen appears to its full forecast. Prints p50/p99 (the README quotes them).

mod pty;

use std::time::{Duration, Instant};

use pty::{DOWN, DataDir, ENTER, Screen, Term, which};

/// A player reads the screen before pressing a key.
const READING: Duration = Duration::from_millis(200);

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// What the screen is about: its kind and its first line (month, report title).
fn face(s: &str) -> (Option<Screen>, String) {
    (which(s), s.lines().next().unwrap_or("").to_string())
}

/// Wait until the screen's face differs from `before`; the time it took, or None.
fn changed(t: &Term, before: &(Option<Screen>, String), sent: Instant) -> Option<Duration> {
    while sent.elapsed() < Duration::from_secs(5) {
        if face(&t.screen()) != *before {
            return Some(sent.elapsed());
        }
        std::thread::sleep(Duration::from_micros(500));
    }
    None
}

/// One whole game at `difficulty`: (key → screen times, full forecast times).
fn game(difficulty: &str) -> (Vec<Duration>, Vec<Duration>) {
    let dir = DataDir::new(&format!("latency-{difficulty}"));
    let mut t = Term::start(
        dir.path(),
        &["--seed", "3", "--difficulty", difficulty],
        80,
        24,
    );
    t.wait_for("New game");
    t.press(b"n");
    let (mut keys, mut forecasts) = (Vec::new(), Vec::new());
    let mut month_screens = 0;
    for _ in 0..400 {
        let s = t.screen();
        if s.contains("GAME OVER") {
            break;
        }
        if which(&s) == Some(Screen::Game) {
            month_screens += 1;
            // Every other month, wait for the full forecast (and time it); else press
            // while the advisor is still at work.
            if month_screens % 2 == 0 {
                let seen = Instant::now();
                while t.screen().contains("forecasting…") && seen.elapsed().as_secs() < 30 {
                    std::thread::sleep(Duration::from_millis(1));
                }
                forecasts.push(seen.elapsed());
            }
        }
        std::thread::sleep(READING);
        let before = face(&t.screen());
        let sent = Instant::now();
        t.send(ENTER);
        match changed(&t, &before, sent) {
            Some(d) => keys.push(d),
            // A move not available now: Enter only explains why. Try the next one.
            None => t.send(DOWN),
        }
    }
    t.send(b"q");
    (keys, forecasts)
}

#[test]
#[ignore = "a benchmark: run by hand"]
fn key_to_screen_and_forecast_times() {
    for difficulty in ["easy", "normal", "hard"] {
        let (mut keys, mut forecasts) = game(difficulty);
        keys.sort();
        forecasts.sort();
        println!(
            "{difficulty:>6}: key → screen p50 {} p99 {} max {} ({} keys); full forecast p50 {} max {} ({} months)",
            ms(percentile(&keys, 0.5)),
            ms(percentile(&keys, 0.99)),
            ms(keys.last().copied().unwrap_or_default()),
            keys.len(),
            ms(percentile(&forecasts, 0.5)),
            ms(forecasts.last().copied().unwrap_or_default()),
            forecasts.len(),
        );
    }
}

/// Month states of games for `side` at hard (a random player, cards answered first),
/// `months` each: played at normal, so the states do not depend on the hard model.
fn hard_states(side: u8, games: u64, months: usize) -> Vec<detente::game::State> {
    use detente::game::rules::{self, Choice};
    use detente::game::scenario::SideId;
    use detente::game::{Difficulty, Phase, Scenario, Setup, dice};
    let sc = Scenario::builtin();
    let mut out = Vec::new();
    for g in 0..games {
        let setup = Setup::single(SideId(side), Difficulty::Normal);
        let mut rng = dice::outcome_rng(100 + g);
        let mut st = rules::start(&sc, setup, &mut rng, &mut ());
        while out.len() < (g as usize + 1) * months {
            let choice = match st.phase {
                Phase::Over(_) => break,
                Phase::Card(_) => Choice::Answer { choice: 0 },
                Phase::Orders => {
                    let mut hard = st;
                    hard.setup.difficulty = Difficulty::Hard;
                    out.push(hard);
                    let legal: Vec<_> = rules::legal_moves(&sc, &st, SideId(side)).collect();
                    let k = dice::range(&mut rng, 0, legal.len() as i16 - 1) as usize;
                    Choice::Move { mv: legal[k] }
                }
            };
            rules::play(&sc, &mut st, choice, &mut rng, &mut ()).unwrap();
        }
    }
    out
}

/// This thread's CPU time (unlike the wall clock, not stretched by other work on the core).
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes the timespec it is given, nothing else.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// The full hard forecast in process, on this thread: every move × 1,000 samples.
#[test]
#[ignore = "a benchmark: run by hand"]
fn hard_forecast_in_process() {
    use detente::game::Scenario;
    use detente::game::forecast::{DEFAULT_SAMPLES, forecast_all};
    let sc = Scenario::builtin();
    for side in [0u8, 1] {
        let mut times: Vec<Duration> = hard_states(side, 2, 6)
            .iter()
            .enumerate()
            .map(|(k, st)| {
                let t = thread_cpu();
                std::hint::black_box(forecast_all(&sc, st, DEFAULT_SAMPLES, k as u64));
                thread_cpu() - t
            })
            .collect();
        times.sort();
        println!(
            "side {side}: full hard forecast (this thread's CPU time) p50 {} max {} ({} states)",
            ms(percentile(&times, 0.5)),
            ms(times.last().copied().unwrap_or_default()),
            times.len()
        );
    }
}

/// A model that shows each input it is asked about to `watch`, then answers as `inner`.
struct Watched<M, F> {
    inner: M,
    watch: F,
}

impl<M, F> detente::game::opponent::Model for Watched<M, F>
where
    M: detente::game::opponent::Model,
    F: Fn(
        &detente::game::State,
        detente::game::scenario::SideId,
        Option<detente::game::scenario::MoveId>,
    ),
{
    fn answer<R: rand::Rng + ?Sized, J: detente::game::Journal>(
        &self,
        sc: &detente::game::Scenario,
        st: &detente::game::State,
        side: detente::game::scenario::SideId,
        seen: Option<detente::game::scenario::MoveId>,
        rng: &mut R,
        j: &mut J,
    ) -> detente::game::scenario::MoveId {
        (self.watch)(st, side, seen);
        self.inner.answer(sc, st, side, seen, rng, j)
    }
}

/// Each legal move of `side` in each of its hard month states, played `samples`
/// times as the advisor plays it (the other side's temperament imagined from the
/// belief), `model(mv)` answering; `done` is told when a move's samples are in.
fn forecast_plays<M: detente::game::opponent::Model>(
    side: u8,
    states: Vec<detente::game::State>,
    samples: u64,
    model: &M,
    mut done: impl FnMut(),
) {
    use detente::game::rules::{self, Choice};
    use detente::game::scenario::SideId;
    use detente::game::{Phase, Scenario, belief, dice};
    let sc = Scenario::builtin();
    for st in states.into_iter().filter(|st| st.phase == Phase::Orders) {
        for mv in rules::legal_moves(&sc, &st, SideId(side)) {
            for k in 0..samples {
                let mut s = st;
                let mut rng = dice::game_rng(5, k);
                belief::imagine(&sc, &mut s, SideId(1 - side), &mut rng);
                let _ =
                    rules::play_with(&sc, &mut s, Choice::Move { mv }, model, &mut rng, &mut ());
            }
            done();
        }
    }
}

/// How many distinct (state, seen) the hard model's look-ahead meets in one choice's 1,000 samples.
#[test]
#[ignore = "a study: run by hand"]
fn lookahead_inputs_per_forecast() {
    use detente::game::opponent::ByScenario;
    use std::cell::RefCell;
    use std::collections::HashSet;
    for side in [0u8, 1] {
        let inputs = RefCell::new(HashSet::new());
        let calls = RefCell::new(0u32);
        let model = Watched {
            inner: ByScenario,
            watch: |st: &_, who: detente::game::scenario::SideId, seen| {
                inputs.borrow_mut().insert((*st, who.0, seen));
                *calls.borrow_mut() += 1;
            },
        };
        let (mut distinct, mut n) = (0, 0);
        forecast_plays(side, hard_states(side, 2, 6), 1000, &model, || {
            distinct += inputs.borrow().len();
            inputs.borrow_mut().clear();
            n += 1;
        });
        let calls = *calls.borrow();
        println!("side {side}: {n} choices, {calls} model calls, {distinct} distinct inputs");
    }
}

/// How often the hard model's look-ahead chooses as it would with 768 imagined
/// months per candidate, at each count (common random numbers: a count's months are
/// the first of the larger count's), over the inputs it meets in hard forecasts.
#[test]
#[ignore = "a study: run by hand"]
fn lookahead_agreement_by_samples() {
    use detente::game::opponent::{LookAhead, Model, Plain};
    use detente::game::{Scenario, dice};
    use std::cell::RefCell;
    let sc = Scenario::builtin();
    const REFERENCE: u64 = 768;
    const COUNTS: [u64; 8] = [4, 6, 8, 12, 16, 24, 32, 48];
    for side in [0u8, 1] {
        let kept = RefCell::new(Vec::new());
        let calls = RefCell::new(0u64);
        let keep = Watched {
            inner: Plain,
            watch: |st: &_, who, seen| {
                *calls.borrow_mut() += 1;
                if calls.borrow().is_multiple_of(97) {
                    kept.borrow_mut().push((*st, who, seen));
                }
            },
        };
        forecast_plays(side, hard_states(side, 3, 8), 100, &keep, || {});
        let inputs = kept.into_inner();
        let mut agree = [0u32; COUNTS.len()];
        let mut time = [Duration::ZERO; COUNTS.len()];
        let mut n = 0;
        for (i, (st, who, seen)) in inputs.iter().enumerate() {
            for r in 0..4u64 {
                let rng = dice::game_rng(77, i as u64 * 4 + r);
                let at = |samples: u64| {
                    let m = LookAhead {
                        imagine: Plain,
                        samples,
                    };
                    m.answer(&sc, st, *who, *seen, &mut rng.clone(), &mut ())
                };
                let truth = at(REFERENCE);
                for (c, samples) in COUNTS.iter().enumerate() {
                    let t = Instant::now();
                    let a = at(*samples);
                    time[c] += t.elapsed();
                    agree[c] += u32::from(a == truth);
                }
                n += 1;
            }
        }
        for (c, samples) in COUNTS.iter().enumerate() {
            println!(
                "side {side} model {}: {samples:>3} months: agrees with {REFERENCE} in {:.1}% of {n}, {:.1} µs a decision",
                1 - side,
                100.0 * f64::from(agree[c]) / f64::from(n),
                time[c].as_secs_f64() * 1e6 / f64::from(n)
            );
        }
    }
}
