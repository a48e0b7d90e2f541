//! Hostile files: links, devices and FIFOs planted where the game reads and writes.
//! Every write leaves a link's target byte for byte as it was; every read of a pipe
//! or a device ends at once with a message naming the file. The real binary where
//! the behaviour is the binary's (run under a memory limit and a deadline, so the
//! old, unbounded code fails here instead of eating the machine), `store::Files`
//! where a whole game is needed.

#![cfg(unix)]

mod pty;

use std::os::unix::fs::{FileTypeExt, symlink};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;
use pty::{BIN, DataDir, ENTER, Term, new_game, quit_game, to_month};

/// Address space a run may take: the old code reading `/dev/zero` grows ~600 MB/s
/// without end; under this limit it dies instead of taking the machine with it.
const MEMORY_LIMIT: u64 = 1 << 30;

/// How long a command may run before it counts as hanging.
const DEADLINE: Duration = Duration::from_secs(10);

/// Run `detente args` without a terminal, data in `dir`, under the memory limit:
/// (exit code, stderr). Killed and failed if it does not exit by itself in time.
fn run_bounded(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env("DETENTE_DATA_DIR", dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // SAFETY: only setrlimit, which is async-signal-safe, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: MEMORY_LIMIT,
                rlim_max: MEMORY_LIMIT,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &raw const limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("run detente");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("detente {args:?} did not exit by itself within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The game in a pseudo-terminal under the memory limit (`ulimit -v` in a shell).
fn start_bounded(dir: &Path, args: &str) -> Term {
    let mut cmd = CommandBuilder::new("sh");
    let kib = MEMORY_LIMIT / 1024;
    cmd.args(["-c", &format!("ulimit -v {kib}; exec {BIN} {args}")]);
    Term::spawn(cmd, dir, &[], 120, 30)
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(
        unsafe { libc::mkfifo(c.as_ptr(), 0o600) },
        0,
        "mkfifo {p:?}"
    );
}

/// A FIFO at `path`, or a link from it to `/dev/zero`: what the game must never read
/// through nor write into.
fn plant(path: &Path, fifo: bool) {
    if fifo {
        mkfifo(path);
    } else {
        symlink("/dev/zero", path).unwrap();
    }
}

/// A made directory holding a FIFO, for commands given a path.
fn fifo_in(dir: &DataDir, name: &str) -> PathBuf {
    std::fs::create_dir_all(dir.path()).unwrap();
    let p = dir.path().join(name);
    mkfifo(&p);
    p
}

/// `/dev/zero` is still the device it was (a command must never move it aside).
fn assert_dev_zero_intact() {
    let m = std::fs::symlink_metadata("/dev/zero").expect("/dev/zero is there");
    assert!(m.file_type().is_char_device(), "/dev/zero is a device");
}

/// A screen's text as one line: box borders and line breaks gone, so a message
/// reads whole wherever it wrapped.
fn flat(screen: &str) -> String {
    let words: Vec<&str> = screen
        .lines()
        .map(|l| l.trim().trim_matches(['│', '╭', '╮', '╰', '╯', '─']))
        .flat_map(str::split_whitespace)
        .collect();
    words.join(" ")
}

/// The names in `dir` that are set-aside files.
fn set_aside(dir: &DataDir) -> Vec<String> {
    dir.names()
        .into_iter()
        .filter(|n| n.contains(".bad-"))
        .collect()
}

/// The command ends by itself with exit 2 and a message naming the file.
fn assert_refused(dir: &DataDir, args: &[&str], path: &str) {
    let (code, err) = run_bounded(dir.path(), args);
    assert_eq!(code, Some(2), "{args:?}: {err}");
    let named = format!("{path}: is not a regular file");
    assert!(err.contains(&named), "{args:?}: {err}");
}

#[test]
fn check_scenario_refuses_a_device_and_a_fifo() {
    let dir = DataDir::new("hostile-check");
    let fifo = fifo_in(&dir, "scenario.toml");
    for path in ["/dev/zero", fifo.to_str().unwrap()] {
        assert_refused(&dir, &["check-scenario", path], path);
    }
    assert_dev_zero_intact();
}

#[test]
fn the_scenario_flag_refuses_a_device_and_a_fifo() {
    let dir = DataDir::new("hostile-flag");
    let fifo = fifo_in(&dir, "scenario.toml");
    for path in ["/dev/zero", fifo.to_str().unwrap()] {
        assert_refused(&dir, &["--scenario", path, "--seed", "1"], path);
    }
    assert_dev_zero_intact();
}

#[test]
fn replay_verify_refuses_a_device_and_a_fifo() {
    let dir = DataDir::new("hostile-verify");
    let fifo = fifo_in(&dir, "run.json");
    for path in ["/dev/zero", fifo.to_str().unwrap()] {
        assert_refused(&dir, &["replay", path, "--verify"], path);
    }
    assert_dev_zero_intact();
}

/// `replay` (to watch, in a terminal): the same refusal, before the screen is taken.
/// A bad run file is set aside, so the device is reached through a link here: the
/// old code, out of memory on `/dev/zero` itself, renamed the machine's `/dev/zero`.
#[test]
fn replay_refuses_a_device_and_a_fifo() {
    let dir = DataDir::new("hostile-replay");
    let fifo = fifo_in(&dir, "run.json");
    let zero = dir.path().join("zero.json");
    symlink("/dev/zero", &zero).unwrap();
    for path in [&zero, &fifo] {
        let path = path.to_str().unwrap();
        let mut t = start_bounded(dir.path(), &format!("replay {path}"));
        assert_eq!(t.wait_exit_within(DEADLINE.as_secs()), 2, "{path}");
        // The exit may come before the terminal's last bytes are read.
        let s = flat(&t.wait_for("regular file"));
        assert!(s.contains(&format!("{path}: is not a regular file")), "{s}");
    }
    // Files given on the command line, set aside as bad run files are (a link as a link).
    assert_eq!(set_aside(&dir).len(), 2, "{:?}", dir.names());
    assert_dev_zero_intact();
}

#[test]
fn detente_scores_sets_aside_a_link_to_a_device_and_a_fifo() {
    for fifo in [false, true] {
        let dir = DataDir::new(&format!("hostile-scores-{fifo}"));
        std::fs::create_dir_all(dir.path()).unwrap();
        let scores = dir.path().join("scores.json");
        plant(&scores, fifo);
        let (code, err) = run_bounded(dir.path(), &["scores"]);
        assert_eq!(code, Some(0), "{err}");
        assert!(
            err.contains("scores.json: is not a regular file") && err.contains("set aside"),
            "{err}"
        );
        assert_eq!(set_aside(&dir).len(), 1, "{:?}", dir.names());
        assert!(!scores.exists());
        assert_dev_zero_intact();
    }
}

/// An autosave linked to `/dev/zero`, or a FIFO: the title screen comes up, says
/// what was wrong and that it was set aside.
#[test]
fn the_title_screen_comes_up_over_an_autosave_that_is_a_device_or_a_fifo() {
    for fifo in [false, true] {
        let dir = DataDir::new(&format!("hostile-autosave-{fifo}"));
        std::fs::create_dir_all(dir.path()).unwrap();
        plant(&dir.autosave(), fifo);
        let mut t = start_bounded(dir.path(), "--seed 3");
        let s = flat(&t.wait_for("New game"));
        assert!(
            s.contains("autosave.json: is not a regular file")
                && s.contains("set aside as autosave.json.bad-"),
            "{s}"
        );
        assert!(!s.contains("Continue"), "nothing to continue:\n{s}");
        t.send(b"q");
        assert_eq!(t.wait_exit(), 0);
        assert_eq!(set_aside(&dir).len(), 1, "{:?}", dir.names());
        assert_dev_zero_intact();
    }
}

/// A score table linked to `/dev/zero`, or a FIFO: the game starts, and its
/// high-score screen says the table was set aside.
#[test]
fn the_scores_screen_sets_aside_a_table_that_is_a_device_or_a_fifo() {
    for fifo in [false, true] {
        let dir = DataDir::new(&format!("hostile-scores-ui-{fifo}"));
        std::fs::create_dir_all(dir.path()).unwrap();
        let scores = dir.path().join("scores.json");
        plant(&scores, fifo);
        let mut t = start_bounded(dir.path(), "--seed 3");
        t.wait_for("New game");
        t.send(b"s");
        let s = flat(&t.wait_for("scores.json.bad-"));
        assert!(
            s.contains("scores.json: is not a regular file") && s.contains("set aside as"),
            "{s}"
        );
        assert_eq!(set_aside(&dir).len(), 1, "{:?}", dir.names());
        drop(t);
        assert_dev_zero_intact();
    }
}

/// Files outside the data directory that links planted inside it point at.
struct Targets {
    dir: DataDir,
    files: Vec<(PathBuf, Vec<u8>)>,
}

impl Targets {
    fn new(name: &str) -> Targets {
        let dir = DataDir::new(name);
        std::fs::create_dir_all(dir.path()).unwrap();
        Targets {
            dir,
            files: Vec::new(),
        }
    }

    /// A link at `at` to a new file outside with its own content.
    fn plant(&mut self, at: &Path) {
        let target = self.dir.path().join(format!("target-{}", self.files.len()));
        let bytes = format!("not the game's: {}\n", at.display()).into_bytes();
        std::fs::write(&target, &bytes).unwrap();
        symlink(&target, at).unwrap();
        self.files.push((target, bytes));
    }

    /// Every target holds what it held, and nothing else was created beside them.
    fn assert_untouched(&self) {
        for (t, bytes) in &self.files {
            assert_eq!(&std::fs::read(t).unwrap(), bytes, "{t:?} was written");
        }
        assert_eq!(
            self.dir.names().len(),
            self.files.len(),
            "{:?}",
            self.dir.names()
        );
    }
}

/// Links at the autosave, its backup, the log, the lock, the `runs` directory and the
/// old temp name (`.autosave.json.tmp-<pid>`), then two months played and a run file
/// saved with `s`: every target keeps every byte; the links are set aside.
#[test]
fn a_game_writes_through_no_link_in_its_data_directory() {
    let dir = DataDir::new("hostile-links");
    std::fs::create_dir_all(dir.path()).unwrap();
    let mut targets = Targets::new("hostile-links-outside");
    for name in [
        "autosave.json",
        "autosave.json.bak",
        "detente.log",
        "detente.lock",
    ] {
        targets.plant(&dir.path().join(name));
    }
    let runs = DataDir::new("hostile-links-runs");
    std::fs::create_dir_all(runs.path()).unwrap();
    symlink(runs.path(), dir.path().join("runs")).unwrap();

    let mut t = Term::start(dir.path(), &["--seed", "5"], 120, 30);
    // The name the old code would have written its temp file under, known now.
    targets.plant(&dir.path().join(format!(".autosave.json.tmp-{}", t.pid())));
    let title = flat(&t.wait_for("New game"));
    assert!(
        title.contains("autosave.json: is not a regular file"),
        "{title}"
    );
    new_game(&mut t);
    t.press(ENTER);
    to_month(&mut t, 2);
    t.press(ENTER);
    to_month(&mut t, 3);
    let s = flat(&t.press(b"s"));
    assert!(s.contains("Run file saved"), "{s}");
    quit_game(&mut t);

    targets.assert_untouched();
    assert!(
        runs.names().is_empty(),
        "a run file left: {:?}",
        runs.names()
    );
    let bad = set_aside(&dir);
    for name in [
        "autosave.json",
        "autosave.json.bak",
        "detente.log",
        "detente.lock",
        "runs",
    ] {
        assert!(
            bad.iter().any(|b| b.starts_with(&format!("{name}.bad-"))),
            "{name} not set aside: {bad:?}"
        );
        let m = std::fs::symlink_metadata(dir.path().join(name));
        assert!(m.is_ok_and(|m| !m.file_type().is_symlink()), "{name}");
    }
    let (code, err) = run_bounded(
        dir.path(),
        &["replay", dir.autosave().to_str().unwrap(), "--verify"],
    );
    assert_eq!(code, Some(0), "the new autosave restores: {err}");
    let log = std::fs::read_to_string(dir.path().join("detente.log")).unwrap();
    assert!(log.contains("detente.log: is not a regular file"), "{log}");
}
