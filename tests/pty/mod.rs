//! The real `detente` binary in a pseudo-terminal, driven by keys and signals and
//! read as a screen (vt100), each run with its own data directory.

#![allow(dead_code)] // each test file uses its own part of the harness

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_detente");

pub const ENTER: &[u8] = b"\r";
pub const DOWN: &[u8] = b"\x1b[B";
pub const CTRL_C: &[u8] = b"\x03";
pub const CTRL_Z: &[u8] = b"\x1a";

/// How long any one wait may take before the test fails with the screen.
const PATIENCE: Duration = Duration::from_secs(15);

/// A fresh, empty data directory for one test (not created: the game makes it).
pub struct DataDir(pub PathBuf);

impl DataDir {
    pub fn new(name: &str) -> DataDir {
        let d = std::env::temp_dir().join(format!("detente-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        DataDir(d)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn autosave(&self) -> PathBuf {
        self.0.join("autosave.json")
    }

    /// The names of the files in the directory.
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&self.0)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Run the binary without a terminal, with this data directory: (status, stdout, stderr).
pub fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .env("DETENTE_DATA_DIR", dir)
        .output()
        .expect("run detente");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A running `detente` in a pseudo-terminal, with a vt100 screen fed by a reader thread.
pub struct Term {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for checking escape sequences.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Tells the reader thread to close its copy of the master.
    closed: Arc<AtomicBool>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
}

impl Term {
    /// Start `detente args` in a `cols`×`rows` terminal with its data in `dir`.
    pub fn start(dir: &Path, args: &[&str], cols: u16, rows: u16) -> Term {
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        Term::spawn(cmd, dir, &[], cols, rows)
    }

    /// Start with extra environment variables.
    pub fn start_env(
        dir: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Term {
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        Term::spawn(cmd, dir, env, cols, rows)
    }

    /// Start any command line (e.g. through `sh -c`).
    pub fn spawn(
        mut cmd: CommandBuilder,
        dir: &Path,
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Term {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        cmd.env("TERM", "xterm-256color");
        cmd.env("DETENTE_DATA_DIR", dir);
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn detente");
        drop(pair.slave);
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows > 0"),
            std::num::NonZeroU16::new(cols).expect("cols > 0"),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let closed = Arc::new(AtomicBool::new(false));
        // Our own copy of the master, polled, so that `hang_up` can really close every
        // descriptor of the master (a blocked reader would keep the terminal alive).
        let fd = pair.master.as_raw_fd().expect("a master fd");
        // SAFETY: dup of a valid descriptor; the File owns the copy and closes it.
        let mut reader = unsafe { std::fs::File::from_raw_fd(libc::dup(fd)) };
        let (p, r, c) = (parser.clone(), raw.clone(), closed.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !c.load(Ordering::SeqCst) {
                let mut pfd = libc::pollfd {
                    fd: reader.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd.
                if unsafe { libc::poll(&mut pfd, 1, 50) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(n) if n > 0 => {
                        p.lock().unwrap().process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                    _ => break,
                }
            }
        });
        Term {
            parser,
            raw,
            closed,
            writer: Some(writer),
            child,
            master: Some(pair.master),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Whether the terminal shows the alternate screen, hides the cursor, captures the mouse.
    pub fn modes(&self) -> (bool, bool, bool) {
        let p = self.parser.lock().unwrap();
        let s = p.screen();
        (
            s.alternate_screen(),
            s.hide_cursor(),
            s.mouse_protocol_mode() != vt100::MouseProtocolMode::None,
        )
    }

    /// Everything written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let w = self.writer.as_mut().expect("the pty is open");
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
    }

    /// Send a key and wait until the screen has changed and settled.
    pub fn press(&mut self, bytes: &[u8]) -> String {
        let before = self.screen();
        self.send(bytes);
        let deadline = Instant::now() + PATIENCE;
        while self.screen() == before {
            if Instant::now() > deadline {
                panic!("the screen did not change after {bytes:?}:\n{before}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        self.settle()
    }

    /// Wait until the screen stays the same for a moment (a frame may arrive in pieces).
    pub fn settle(&self) -> String {
        let mut last = self.screen();
        loop {
            std::thread::sleep(Duration::from_millis(60));
            let now = self.screen();
            if now == last {
                return now;
            }
            last = now;
        }
    }

    /// Wait until the screen contains `text`; panic with the screen if it never does.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_any(&[text]).1
    }

    pub fn wait_any(&self, texts: &[&str]) -> (usize, String) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let s = self.screen();
            if let Some(i) = texts.iter().position(|t| s.contains(t)) {
                return (i, self.settle());
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {texts:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait for the exit status, within `secs`.
    pub fn wait_exit_within(&mut self, secs: u64) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "detente did not exit within {secs} s; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_exit(&mut self) -> u32 {
        self.wait_exit_within(15)
    }

    /// Send a signal with the system's `kill`.
    pub fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill")
            .success();
        assert!(ok, "kill -{sig} failed");
    }

    /// Resize the terminal (the program gets SIGWINCH) and the screen model with it.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        if let Some(m) = &self.master {
            m.resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
        }
        self.parser.lock().unwrap().set_size(
            std::num::NonZeroU16::new(rows).expect("rows > 0"),
            std::num::NonZeroU16::new(cols).expect("cols > 0"),
        );
    }

    /// Close our end of the terminal, as a closed terminal window does.
    pub fn hang_up(&mut self) {
        self.closed.store(true, Ordering::SeqCst);
        self.writer = None;
        self.master = None;
    }

    /// Whether the terminal is in canonical (cooked) mode with echo, as a shell expects.
    pub fn cooked(&self) -> bool {
        let fd = self
            .master
            .as_ref()
            .and_then(|m| m.as_raw_fd())
            .expect("the pty is open");
        // SAFETY: tcgetattr fills a termios struct for a valid descriptor.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            assert_eq!(libc::tcgetattr(fd, &mut t), 0, "tcgetattr");
            t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
        }
    }

    /// The process state from /proc ('S' sleeping, 'R' running, 'T' stopped, ...).
    pub fn state(&self) -> char {
        stat_fields(self.pid())
            .and_then(|f| f.first().and_then(|s| s.chars().next()))
            .unwrap_or('?')
    }

    /// CPU time used so far (user + system), in seconds.
    pub fn cpu_seconds(&self) -> f64 {
        let f = stat_fields(self.pid()).expect("the process is alive");
        // After the state: utime is field 14 of stat, stime 15 (1-based), here 11 and 12.
        let ticks: u64 = f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap();
        // SAFETY: sysconf has no preconditions.
        let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
        ticks as f64 / hz
    }
}

/// The fields of /proc/PID/stat after the command name.
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &s[s.rfind(')')? + 2..];
    Some(after.split_whitespace().map(str::to_string).collect())
}

impl Drop for Term {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// What is on screen, by its marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Title,
    Game,
    Card,
    Report,
    End,
    /// Two players: pass the keyboard.
    Handover,
}

pub fn which(s: &str) -> Option<Screen> {
    if s.contains("GAME OVER") {
        Some(Screen::End)
    } else if s.contains("Pass the keyboard to") {
        Some(Screen::Handover)
    } else if s.contains("[ Answer ]") {
        Some(Screen::Card)
    } else if s.contains("[ Continue") || s.contains("[ Begin ]") || s.contains("[ See the ending")
    {
        Some(Screen::Report)
    } else if s.contains("Your move for") || s.contains("'s secret move, ") {
        Some(Screen::Game)
    } else if s.contains("New game") {
        Some(Screen::Title)
    } else {
        None
    }
}

/// From any screen of a game, press Enter through reports and cards (first answer)
/// until the game screen of month `month` (1-based) is up, or the game ends.
pub fn to_month(t: &mut Term, month: u32) -> String {
    let mark = format!("month {month} of");
    for _ in 0..200 {
        let s = t.settle();
        match which(&s) {
            Some(Screen::Game) if s.contains(&mark) => return s,
            Some(Screen::End) => return s,
            Some(_) => {
                t.press(ENTER);
            }
            None => panic!("an unknown screen:\n{s}"),
        }
    }
    panic!("month {month} never came:\n{}", t.screen());
}

/// A new game from the title screen, up to the first month's game screen.
pub fn new_game(t: &mut Term) -> String {
    t.wait_for("New game");
    t.press(b"n");
    to_month(t, 1)
}

/// Quit a game in progress the way a player does: `q`, the confirmation, `y`; the
/// program must exit cleanly.
pub fn quit_game(t: &mut Term) {
    t.send(b"q");
    t.wait_for("Quit?");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

/// A screen's text without trailing blanks (what was cleared and what was never drawn look alike).
pub fn norm(s: &str) -> String {
    s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}

/// Washington's ending titles in the default scenario, as the end screen shows them.
pub const WASHINGTON_ENDINGS: [&str; 6] = [
    "Détente",
    "Cold peace",
    "Deep freeze",
    "Nuclear crisis",
    "Out of office",
    "Coalition fractured",
];

/// Moscow's ending titles in the default scenario, as the end screen shows them.
pub const MOSCOW_ENDINGS: [&str; 6] = [
    "Nuclear crisis",
    "Turmoil at home",
    "The coalition splits",
    "Settlement",
    "Cold peace",
    "Standoff",
];

/// Play on with keys only — Down now and then, Enter — until the end screen
/// (GAME OVER and a score) is up; returns that screen, settled.
pub fn play_to_end(t: &mut Term) -> String {
    let mut presses = 0;
    loop {
        std::thread::sleep(Duration::from_millis(60));
        let s = t.screen();
        if s.contains("GAME OVER") && s.contains("Score") {
            return t.settle();
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
    }
}
