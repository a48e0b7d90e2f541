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
