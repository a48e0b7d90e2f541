//! Benchmarks, not checks (run them with `cargo test --release --test ssh_bench --
//! --ignored --nocapture --test-threads 1`): `detente serve` with the real OpenSSH
//! client on loopback — the time from a key sent to the changed screen through
//! `ssh`, and what 50 connected, idle players cost the server in CPU over 10 s and
//! in memory. The README quotes the figures.

mod pty;
mod ssh;

use std::time::{Duration, Instant};

use pty::{DOWN, ENTER, Screen, Term, cpu_ns, growth, per_thread, switches, which};
use ssh::{Key, Server, client, have_ssh};

/// A player reads the screen before pressing a key.
const READING: Duration = Duration::from_millis(150);

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * q).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn face(s: &str) -> (Option<Screen>, String) {
    (which(s), s.lines().next().unwrap_or("").to_string())
}

fn changed(t: &Term, before: &(Option<Screen>, String), sent: Instant) -> Option<Duration> {
    while sent.elapsed() < Duration::from_secs(5) {
        if face(&t.screen()) != *before {
            return Some(sent.elapsed());
        }
        std::thread::sleep(Duration::from_micros(500));
    }
    None
}

#[test]
#[ignore = "a benchmark: run by hand"]
fn key_to_screen_through_ssh() {
    if !have_ssh() {
        return;
    }
    let server = Server::start("bench-latency", &[]);
    let key = Key::new("bench-latency");
    let mut keys = Vec::new();
    // Two whole games, each on its own connection.
    for _ in 0..2 {
        let mut t = client(&server, &key, 80, 24);
        t.wait_for("New game");
        t.press(b"n");
        for _ in 0..400 {
            let s = t.screen();
            if s.contains("GAME OVER") {
                break;
            }
            std::thread::sleep(READING);
            let before = face(&t.screen());
            let sent = Instant::now();
            t.send(ENTER);
            match changed(&t, &before, sent) {
                Some(d) => keys.push(d),
                None => t.send(DOWN),
            }
        }
        t.send(b"q");
        t.wait_exit();
    }
    keys.sort();
    println!(
        "key → screen through ssh: p50 {} p99 {} max {} ({} keys)",
        ms(percentile(&keys, 0.5)),
        ms(percentile(&keys, 0.99)),
        ms(keys.last().copied().unwrap_or_default()),
        keys.len()
    );
}

/// The server's resident memory, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = s.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
#[ignore = "a benchmark: run by hand"]
fn fifty_idle_sessions_cost() {
    if !have_ssh() {
        return;
    }
    const SESSIONS: usize = 50;
    let server = Server::start("bench-idle", &["--max-per-address", "64"]);
    let pid = server.pid();
    let before = rss_kib(pid);
    let keys: Vec<Key> = (0..SESSIONS)
        .map(|i| Key::new(&format!("idle-{i}")))
        .collect();
    let clients: Vec<Term> = keys.iter().map(|k| client(&server, k, 80, 24)).collect();
    for t in &clients {
        t.wait_for("New game");
    }
    // Let every first frame and handshake finish.
    std::thread::sleep(Duration::from_secs(2));
    let threads = per_thread(pid, cpu_ns).len();
    let (cpu0, sw0) = (per_thread(pid, cpu_ns), per_thread(pid, switches));
    std::thread::sleep(Duration::from_secs(10));
    let (cpu1, sw1) = (per_thread(pid, cpu_ns), per_thread(pid, switches));
    let after = rss_kib(pid);
    let cpu = growth(&cpu0, &cpu1) as f64 / 1e9;
    let per = (after.saturating_sub(before)) as f64 / SESSIONS as f64 / 1024.0;
    println!(
        "{SESSIONS} idle sessions: server CPU {cpu:.4} s over 10 s, {} wake-ups; RSS {:.1} MiB before, {:.1} MiB with them: {per:.2} MiB a session; {threads} threads",
        growth(&sw0, &sw1),
        before as f64 / 1024.0,
        after as f64 / 1024.0,
    );
    drop(clients);
}
