//! `detente serve` on loopback and the real OpenSSH client in a pseudo-terminal
//! (part of the ssh tests' harness): a server on a free port with its own data
//! directory, client keys made with `ssh-keygen`, clients as `pty::Term`s.

#![allow(dead_code)] // each test file uses its own part of the harness

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use portable_pty::CommandBuilder;

use crate::pty::{BIN, DataDir, Term};

/// Whether the OpenSSH client is here. Without it the tests skip with a word — but
/// not under CI (`CI` set), where a missing client is a failure (`.ci/run` installs it).
pub fn have_ssh() -> bool {
    let found = ["ssh", "ssh-keygen"].iter().all(|p| {
        Command::new(p)
            .arg("-V")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    });
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but the OpenSSH client (ssh, ssh-keygen) is missing: .ci/run installs it"
        );
        eprintln!("skipped: the OpenSSH client (ssh, ssh-keygen) is not installed");
    }
    found
}

/// A running `detente serve` on 127.0.0.1 and a port the system picked.
pub struct Server {
    child: Child,
    pub port: u16,
    pub data: DataDir,
    /// Its stdout, line by line, after the opening lines.
    lines: Receiver<String>,
    pub opening: Vec<String>,
}

impl Server {
    pub fn start(name: &str, args: &[&str]) -> Server {
        let data = DataDir::new(&format!("ssh-{name}"));
        let mut child = Command::new(BIN)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .env("DETENTE_DATA_DIR", data.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start detente serve");
        let out = child.stdout.take().expect("stdout");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut opening = Vec::new();
        let port = loop {
            let line = lines
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("the server never said where it listens: {opening:?}"));
            let port = line
                .strip_prefix("Détente server listening on 127.0.0.1:")
                .map(|p| p.trim().parse::<u16>().expect("a port"));
            opening.push(line);
            if let Some(p) = port {
                break p;
            }
        };
        // The rest of the opening lines, which follow at once.
        while let Ok(l) = lines.recv_timeout(Duration::from_millis(200)) {
            opening.push(l);
        }
        Server {
            child,
            port,
            data,
            lines,
            opening,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the server is still running.
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }

    /// Send SIGTERM and wait for the exit: (status, how long it took).
    pub fn terminate(&mut self) -> (Option<i32>, Duration) {
        let sent = Instant::now();
        // SAFETY: kill with a pid of our own child.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        let deadline = sent + Duration::from_secs(15);
        loop {
            if let Some(s) = self.child.try_wait().expect("try_wait") {
                return (s.code(), sent.elapsed());
            }
            assert!(
                Instant::now() < deadline,
                "the server did not exit on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Lines the server printed since it started (after its opening).
    pub fn printed(&self) -> Vec<String> {
        self.lines.try_iter().collect()
    }

    /// The data directory of the player with this key (`DATA/players/sha256-<hex>`).
    pub fn player_dir(&self, key: &Key) -> PathBuf {
        self.data.path().join("players").join(key.dir_name())
    }

    /// The players' directories there are.
    pub fn players(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.data.path().join("players"))
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.alive() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A client key pair made with `ssh-keygen` (Ed25519, no passphrase).
pub struct Key {
    pub path: PathBuf,
    dir: PathBuf,
}

impl Key {
    pub fn new(name: &str) -> Key {
        let dir =
            std::env::temp_dir().join(format!("detente-sshkey-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("id_ed25519");
        let ok = Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
            .arg(&path)
            .status()
            .expect("run ssh-keygen")
            .success();
        assert!(ok, "ssh-keygen failed");
        Key { path, dir }
    }

    pub fn public(&self) -> String {
        std::fs::read_to_string(self.path.with_extension("pub")).unwrap()
    }

    /// The directory name the server gives this key: `sha256-` and the fingerprint in hex.
    pub fn dir_name(&self) -> String {
        let out = Command::new("ssh-keygen")
            .args(["-l", "-E", "sha256", "-f"])
            .arg(self.path.with_extension("pub"))
            .output()
            .expect("ssh-keygen -l");
        let text = String::from_utf8_lossy(&out.stdout);
        let b64 = text
            .split_whitespace()
            .nth(1)
            .and_then(|f| f.strip_prefix("SHA256:"))
            .expect("a SHA256 fingerprint");
        let hex: String = base64_decode(b64)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("sha256-{hex}")
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Unpadded standard base64 (as `ssh-keygen -l` prints fingerprints).
fn base64_decode(s: &str) -> Vec<u8> {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes().filter(|c| *c != b'=') {
        let v = A.iter().position(|a| *a == c).expect("base64") as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

/// The client's options: this key only, no agent, no config, no host-key prompts.
pub fn ssh_args(port: u16, key: &Key, log_level: &str) -> Vec<String> {
    [
        "-F",
        "/dev/null",
        "-o",
        log_level,
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "BatchMode=yes",
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "IdentityAgent=none",
        "-o",
        "ConnectTimeout=10",
        "-i",
    ]
    .iter()
    .map(ToString::to_string)
    .chain([
        key.path.display().to_string(),
        "-p".into(),
        port.to_string(),
    ])
    .collect()
}

/// `ssh -t` into the game in a `cols`×`rows` pseudo-terminal.
pub fn client(server: &Server, key: &Key, cols: u16, rows: u16) -> Term {
    client_with(server, key, cols, rows, &[], &[])
}

/// The same, with more client options and environment variables.
pub fn client_with(
    server: &Server,
    key: &Key,
    cols: u16,
    rows: u16,
    options: &[&str],
    env: &[(&str, &str)],
) -> Term {
    let mut cmd = CommandBuilder::new("ssh");
    cmd.args(ssh_args(server.port, key, "LogLevel=ERROR"));
    cmd.args(options);
    cmd.args(["-t", "127.0.0.1"]);
    Term::spawn(cmd, Path::new("/nonexistent"), env, cols, rows)
}

/// `ssh` with a command, no terminal: what it printed and its status. At the client's
/// usual log level, so a login banner is shown as a player would see it.
pub fn command(server: &Server, key: &Key, remote: &[&str]) -> Output {
    Command::new("ssh")
        .args(ssh_args(server.port, key, "LogLevel=INFO"))
        .arg("127.0.0.1")
        .args(remote)
        .stdin(Stdio::null())
        .output()
        .expect("run ssh")
}

/// `ssh -t HOST join CODE`: straight into a friend's room.
pub fn client_join(server: &Server, key: &Key, code: &str) -> Term {
    let mut cmd = CommandBuilder::new("ssh");
    cmd.args(ssh_args(server.port, key, "LogLevel=ERROR"));
    cmd.args(["-t", "127.0.0.1", "join", code]);
    Term::spawn(cmd, Path::new("/nonexistent"), &[], 80, 24)
}
