//! The real `detente` binary in a pseudo-terminal, driven by keys and signals and
//! read as a screen (vt100), each run with its own data directory.

#![allow(dead_code)] // each test file uses its own part of the harness

mod data;
mod game;
mod procfs;
mod stream;

pub use data::DataDir;
#[allow(unused_imports)] // not every test file plays whole games
pub use game::*;
#[allow(unused_imports)] // only some test files count CPU
pub use procfs::{cpu_ns, growth, per_thread, switches};

use std::cell::Cell;
use std::io::Write;
use std::os::fd::FromRawFd;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};
use procfs::{Program, stat_fields};
use stream::Output;

pub const BIN: &str = env!("CARGO_BIN_EXE_detente");

pub const ENTER: &[u8] = b"\r";
pub const DOWN: &[u8] = b"\x1b[B";
pub const CTRL_C: &[u8] = b"\x03";
pub const CTRL_Z: &[u8] = b"\x1a";

/// How long any one wait may take before the test fails with the screen.
const PATIENCE: Duration = Duration::from_secs(15);

/// How long the output must stay still, the program idle, for its screen to be final:
/// covers the kernel's hand-over of bytes already written (microseconds when idle).
const QUIET: Duration = Duration::from_millis(10);

/// The last resort of `settle`, for a program that is not seen idle though not at work
/// (not the game, or a game that draws no frame for some key): a screen unchanged this
/// long is final, as the harness judged before it watched frames.
const STILL: Duration = Duration::from_millis(60);
const FALLBACK_AFTER: Duration = Duration::from_secs(2);

/// How often a wait looks again.
const TICK: Duration = Duration::from_millis(2);
/// The mark the game shows while the advisor's forecast is still coming in
/// (`ui::view::advisor::FORECASTING`).
const FORECASTING: &str = "forecasting…";

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
    out: Arc<Output>,
    /// Frames ended when input was last sent (a key, a resize): the game draws a frame
    /// for each input it takes, so until one more has ended the screen is not its answer.
    ended_at_input: Cell<u64>,
    /// The bytes read when `settle` last found the program idle (none since an input).
    settled: Cell<Option<u64>>,
    /// Whether the last input was sent to a settled game, the only one since.
    one_input: Cell<bool>,
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
        let parser = vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows > 0"),
            std::num::NonZeroU16::new(cols).expect("cols > 0"),
            0,
        );
        // Our own copy of the master, polled, so that `hang_up` can really close every
        // descriptor of the master (a blocked reader would keep the terminal alive).
        let fd = pair.master.as_raw_fd().expect("a master fd");
        // SAFETY: dup of a valid descriptor; the File owns the copy and closes it.
        let reader = unsafe { std::fs::File::from_raw_fd(libc::dup(fd)) };
        Term {
            out: Output::start(reader, parser),
            ended_at_input: Cell::new(0),
            settled: Cell::new(None),
            one_input: Cell::new(false),
            writer: Some(writer),
            child,
            master: Some(pair.master),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    pub fn screen(&self) -> String {
        self.out.parser.lock().unwrap().screen().contents()
    }

    /// Whether the terminal shows the alternate screen, hides the cursor, captures the mouse.
    pub fn modes(&self) -> (bool, bool, bool) {
        let p = self.out.parser.lock().unwrap();
        let s = p.screen();
        (
            s.alternate_screen(),
            s.hide_cursor(),
            s.mouse_protocol_mode() != vt100::MouseProtocolMode::None,
        )
    }

    /// Whether the terminal has bracketed paste on (a paste arrives marked, not as keys).
    pub fn bracketed_paste(&self) -> bool {
        self.out.parser.lock().unwrap().screen().bracketed_paste()
    }

    /// Everything written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.out.raw.lock().unwrap().clone()
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.note_input();
        let w = self.writer.as_mut().expect("the pty is open");
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
    }

    /// Paste `text` as a terminal does: marked as a paste (`ESC [200~` … `ESC [201~`) if
    /// the program turned bracketed paste on, else as if typed.
    pub fn paste(&mut self, text: &[u8]) {
        let mut bytes = text.to_vec();
        if self.bracketed_paste() {
            bytes = [b"\x1b[200~", text, b"\x1b[201~"].concat();
        }
        self.send(&bytes);
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
            std::thread::sleep(TICK);
        }
        self.settle()
    }

    /// Wait until the screen is final: the program has drawn its answer to the last
    /// input sent (a frame ended since), no frame is half-drawn, everything it wrote is
    /// in the screen, its main thread is asleep waiting for input, and nothing more
    /// arrives for a moment. (A program never seen idle, yet not at work: a screen that
    /// stays the same. One at work is waited for, up to the harness's patience.)
    pub fn settle(&self) -> String {
        // Settled before, with no input and no output since: still settled.
        if self.settled.get() == Some(self.out.bytes()) && self.idle() {
            return self.screen();
        }
        let start = Instant::now();
        let mut last = (self.screen(), Instant::now());
        loop {
            let seen = self.out.bytes();
            // One input sent to a settled game: the frame after it is its answer, and
            // nothing else was in flight to arrive late.
            let waiting = matches!(self.program(), Program::Waiting);
            if self.one_input.get() && waiting && self.idle() {
                self.settled.set(Some(seen));
                return self.screen();
            }
            if self.idle() {
                // A stopped program's last bytes (written just before it stopped) get
                // longer to arrive: nothing else marks their end.
                std::thread::sleep(if waiting { QUIET } else { STILL });
                if self.out.bytes() == seen && self.idle() {
                    self.settled.set(Some(seen));
                    return self.screen();
                }
                continue;
            }
            std::thread::sleep(TICK);
            let now = self.screen();
            if now != last.0 {
                last = (now, Instant::now());
            } else if start.elapsed() > PATIENCE
                || start.elapsed() > FALLBACK_AFTER
                    && last.1.elapsed() > STILL
                    && !matches!(self.program(), Program::Working)
            {
                return now;
            }
        }
    }

    /// Whether the program has answered the last input and waits for the next (or has
    /// stopped, or ended and all it wrote is read).
    fn idle(&self) -> bool {
        if self.out.busy() {
            return false;
        }
        match self.program() {
            Program::Working => false,
            Program::Stopped => true,
            Program::Ended => self.out.done(),
            // A forecast still coming in will draw again: the screen is not settled
            // until the advisor's figures are final.
            Program::Waiting => {
                let (begun, ended) = self.out.frames();
                ended > self.ended_at_input.get()
                    && ended >= begun
                    && !self.screen().contains(FORECASTING)
            }
        }
    }

    /// What the program's main thread is doing, from /proc.
    fn program(&self) -> Program {
        self.child
            .process_id()
            .map_or(Program::Ended, procfs::program)
    }

    /// Remember where the output stood when input was sent, for `settle`.
    fn note_input(&self) {
        self.ended_at_input.set(self.out.frames().1);
        self.one_input
            .set(self.settled.get() == Some(self.out.bytes()) && !self.out.busy());
        self.settled.set(None);
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
            std::thread::sleep(TICK);
        }
    }

    /// Stop reading the terminal, as a frozen terminal or a stalled connection does:
    /// the kernel's buffer fills and the program's writes block.
    pub fn stop_reading(&self) {
        self.out.stall(true);
    }

    /// Whether the program's main thread is stuck writing to the terminal: asleep in a
    /// `write` (the system call it is in, from /proc), and still so a while later.
    pub fn blocked_writing(&self) -> bool {
        if !procfs::in_write(self.pid()) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(200));
        procfs::in_write(self.pid())
    }

    /// Read the terminal again after `stop_reading`.
    pub fn read_again(&self) {
        self.out.stall(false);
    }

    /// Wait for the exit status, within `secs`.
    pub fn wait_exit_within(&mut self, secs: u64) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Its last bytes (leaving the alternate screen, showing the
                // cursor) may still be in the pty: read them all before
                // anyone checks how the terminal was left.
                let read_by = Instant::now() + Duration::from_secs(5);
                while !self.out.done() && Instant::now() < read_by {
                    std::thread::sleep(Duration::from_millis(10));
                }
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
        // An input like a key: the game answers with a frame, or stops, or ends.
        self.note_input();
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
        self.note_input();
        // As a real terminal does: its own grid takes the new size first, then
        // the program is told (SIGWINCH). The other way round, a frame drawn
        // at the new size could reach a grid still at the old one and wrap.
        self.out.parser.lock().unwrap().set_size(
            std::num::NonZeroU16::new(rows).expect("rows > 0"),
            std::num::NonZeroU16::new(cols).expect("cols > 0"),
        );
        if let Some(m) = &self.master {
            m.resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
        }
    }

    /// Close our end of the terminal, as a closed terminal window does.
    pub fn hang_up(&mut self) {
        self.out.close();
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
            assert_eq!(libc::tcgetattr(fd, &raw mut t), 0, "tcgetattr");
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

impl Drop for Term {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
