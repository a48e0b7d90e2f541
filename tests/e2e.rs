//! End to end: the real binary in a pseudo-terminal, driven by keys, read as a screen.

use std::io::{Read, Write};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_detente");

/// A running `detente` in a pseudo-terminal, with a vt100 screen fed by a reader thread.
struct Term {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Term {
    fn start(args: &[&str], cols: u16, rows: u16) -> Term {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("spawn detente");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows > 0"),
            std::num::NonZeroU16::new(cols).expect("cols > 0"),
            0,
        )));
        let p = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        Term {
            parser,
            writer,
            child,
            _master: pair.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// Wait until the screen contains `text`; panic with the screen if it never does.
    fn wait_for(&self, text: &str) -> String {
        self.wait_any(&[text]).1
    }

    fn wait_any(&self, texts: &[&str]) -> (usize, String) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let s = self.screen();
            if let Some(i) = texts.iter().position(|t| s.contains(t)) {
                return (i, s);
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {texts:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("detente did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
        }
    }
}

const ENTER: &[u8] = b"\r";
const DOWN: &[u8] = b"\x1b[B";

#[test]
fn not_a_terminal_exits_2_with_a_message() {
    let out = Command::new(BIN).arg("--seed").arg("1").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("terminal"), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
}

#[test]
fn help_and_version() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--seed",
        "--scenario",
        "--difficulty",
        "check-scenario",
        "simulate",
    ] {
        assert!(s.contains(flag), "--help lacks {flag}:\n{s}");
    }
    let out = Command::new(BIN).arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn bad_flag_is_a_clear_error() {
    let out = Command::new(BIN)
        .args(["--seed", "banana"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--seed"));
}

/// The ending titles of the default scenario, as the end screen shows them.
const ENDINGS: [&str; 6] = [
    "Détente",
    "Cold peace",
    "Deep freeze",
    "Nuclear crisis",
    "Out of office",
    "Coalition fractured",
];

/// Play a whole game with keys only: Enter through the title, then each month
/// pick a move with the arrow keys and Enter, answer cards, read reports,
/// until the end screen shows an ending and a score.
#[test]
fn a_whole_game_in_a_pty_reaches_an_ending() {
    let mut t = Term::start(&["--seed", "7"], 80, 24);
    t.wait_for("New game");
    t.send(ENTER);
    let mut presses = 0;
    let screen = loop {
        std::thread::sleep(Duration::from_millis(60));
        let s = t.screen();
        if s.contains("Score") && ENDINGS.iter().any(|e| s.contains(e)) && s.contains("GAME OVER") {
            break s;
        }
        assert!(
            presses < 400,
            "no ending after {presses} keys; screen:\n{s}"
        );
        // Vary the moves a little: down once in a while, then Enter.
        if presses % 3 == 0 {
            t.send(DOWN);
        }
        t.send(ENTER);
        presses += 1;
    };
    assert!(
        screen.contains("Seed 7") || screen.contains("seed 7"),
        "end screen shows the seed:\n{screen}"
    );
    // Quit from the end screen.
    t.send(b"q");
    let code = t.wait_exit();
    assert_eq!(code, 0, "clean exit; last screen:\n{}", t.screen());
}

#[test]
fn a_small_terminal_asks_to_be_enlarged() {
    let mut t = Term::start(&["--seed", "3"], 60, 20);
    let s = t.wait_for("enlarge");
    assert!(s.contains("80"), "names the size it needs:\n{s}");
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
}
