//! What `detente serve` refuses and survives, with the real OpenSSH client: commands,
//! unlisted keys, too many connections, idle players, clients that never
//! authenticate or send garbage, windows from 1×1 to 300×100 — while another
//! player plays on.

mod pty;
mod ssh;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use pty::{ENTER, new_game, to_month};
use ssh::{Key, Server, client, command, have_ssh};

#[test]
fn a_command_is_refused_with_a_word_not_run() {
    if !have_ssh() {
        return;
    }
    let server = Server::start("exec", &[]);
    let key = Key::new("exec");
    let out = command(&server, &key, &["ls", "/"]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stdout.is_empty(), "a command printed: {stdout}");
    assert!(
        stderr.contains("`ls /`: This server runs only Détente; commands are refused."),
        "{stderr}"
    );
    // `join` wants a code, and a terminal to play in.
    let out = command(&server, &key, &["join"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("`join` takes the room code your friend sees"),
        "{stderr}"
    );
    let out = command(&server, &key, &["join", "ABCDE"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("connect with `ssh -t`"), "{stderr}");
    // A subsystem (sftp) is refused too.
    let sftp = std::process::Command::new("ssh")
        .args([
            "-F",
            "/dev/null",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
        ])
        .args([
            "-o",
            "BatchMode=yes",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "LogLevel=ERROR",
            "-i",
        ])
        .arg(&key.path)
        .args(["-p", &server.port.to_string(), "-s", "127.0.0.1", "sftp"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!sftp.status.success());
    // Without a terminal, the game says what it needs.
    let out = std::process::Command::new("ssh")
        .args([
            "-F",
            "/dev/null",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
        ])
        .args([
            "-o",
            "BatchMode=yes",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "LogLevel=ERROR",
            "-T",
            "-i",
        ])
        .arg(&key.path)
        .args(["-p", &server.port.to_string(), "127.0.0.1"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Détente needs a terminal"), "{stderr}");
}

#[test]
fn allow_keys_admits_a_listed_key_and_refuses_another_with_a_word() {
    if !have_ssh() {
        return;
    }
    let listed = Key::new("listed");
    let other = Key::new("unlisted");
    let list = std::env::temp_dir().join(format!("detente-allow-{}", std::process::id()));
    std::fs::write(&list, listed.public()).unwrap();
    let server = Server::start("allow", &["--allow-keys", list.to_str().unwrap()]);
    assert!(
        server
            .opening
            .iter()
            .any(|l| l.contains("Admitting 1 listed key(s) only"))
    );
    let t = client(&server, &listed, 80, 24);
    t.wait_for("New game");
    let out = command(&server, &other, &["anything"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(255), "{stderr}");
    assert!(
        stderr.contains("admits only the keys on its list"),
        "{stderr}"
    );
    assert!(stderr.contains("Permission denied (publickey)"), "{stderr}");
    assert_eq!(
        server.players(),
        [listed.dir_name()],
        "no directory for a refused key"
    );
    let _ = std::fs::remove_file(list);
}

/// A connection over a limit is told which on its stderr (exit 1), and the
/// connection already in plays on.
fn over_a_limit_is_told(name: &str, flag: &str, second_key: &str, want: &str) {
    let server = Server::start(name, &[flag, "1"]);
    let key = Key::new(name);
    let first = client(&server, &key, 80, 24);
    first.wait_for("New game");
    let other = if second_key.is_empty() {
        key
    } else {
        Key::new(second_key)
    };
    let out = command(&server, &other, &["x"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(want), "{stderr}");
    assert_eq!(out.status.code(), Some(1));
    first.wait_for("New game");
}

#[test]
fn too_many_connections_from_one_address_are_told_so() {
    if !have_ssh() {
        return;
    }
    over_a_limit_is_told(
        "per-address",
        "--max-per-address",
        "",
        "Too many connections from your address (at most 1 at once)",
    );
}

#[test]
fn a_full_server_says_so() {
    if !have_ssh() {
        return;
    }
    over_a_limit_is_told(
        "full",
        "--max-sessions",
        "full-other",
        "This Détente server is full (at most 1 connection at once)",
    );
}

#[test]
fn an_idle_player_is_saved_and_told_then_let_go() {
    if !have_ssh() {
        return;
    }
    let server = Server::start("idle", &["--idle-timeout", "2"]);
    let key = Key::new("idle");
    let mut t = client(&server, &key, 80, 24);
    new_game(&mut t);
    let s = t.wait_for("No key for 2 seconds: your game is saved");
    assert!(s.contains("Connect again to continue it"), "{s}");
    t.wait_exit();
    assert!(server.player_dir(&key).join("autosave.json").exists());
}

/// Open a raw TCP connection and see how long the server keeps it: the time until
/// it closes, or `None` if still open after `limit`.
fn held_for(port: u16, send: &[u8], limit: Duration) -> Option<Duration> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(send).unwrap();
    s.set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let start = Instant::now();
    let mut buf = [0u8; 4096];
    while start.elapsed() < limit {
        match s.read(&mut buf) {
            Ok(0) => return Some(start.elapsed()),
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return Some(start.elapsed()),
        }
    }
    None
}

#[test]
fn hostile_clients_and_wild_windows_do_not_stop_another_player() {
    if !have_ssh() {
        return;
    }
    let mut server = Server::start("hostile", &["--auth-timeout", "2"]);
    let player = Key::new("hostile-player");
    let mut t = client(&server, &player, 80, 24);
    new_game(&mut t);

    // Connects and never says a word: let go at the authentication timeout.
    let silent = std::thread::spawn({
        let port = server.port;
        move || held_for(port, b"", Duration::from_secs(10))
    });
    // Garbage instead of SSH: let go at once.
    let garbage = held_for(
        server.port,
        b"GET / HTTP/1.1\r\n\r\n\x00\xff\xfe",
        Duration::from_secs(10),
    );
    assert!(garbage.is_some(), "a garbage client was kept open");
    // A proper SSH hello, then nothing: let go at the authentication timeout.
    let hello = held_for(
        server.port,
        b"SSH-2.0-OpenSSH_9.2\r\n",
        Duration::from_secs(10),
    );
    let hello = hello.expect("a client that never authenticates is let go");
    assert!(hello >= Duration::from_millis(1500), "{hello:?}");

    // The player plays a month meanwhile.
    let s = to_month(&mut t, 2);
    assert!(s.contains("month 2 of"), "{s}");

    // A window of 1×1 is too small; 300×100 and back to 80×24 play on.
    let sizer = Key::new("hostile-sizer");
    let mut w = client(&server, &sizer, 80, 24);
    w.wait_for("New game");
    w.resize(1, 1);
    std::thread::sleep(Duration::from_millis(300));
    w.resize(300, 100);
    w.wait_for("New game");
    w.resize(60, 10);
    w.wait_for("enlarge the terminal");
    w.resize(80, 24);
    w.wait_for("New game");

    t.press(ENTER);
    let s = to_month(&mut t, 3);
    assert!(s.contains("month 3 of"), "{s}");
    let silent = silent.join().unwrap().expect("a silent client is let go");
    assert!(silent >= Duration::from_millis(1500), "{silent:?}");
    assert!(server.alive());
}

/// A client that authenticates and never asks for a game (`ssh -N`) is let go after
/// the authentication timeout once more, rather than holding a place for ever.
#[test]
fn an_authenticated_client_that_never_asks_for_a_game_is_let_go() {
    if !have_ssh() {
        return;
    }
    let server = Server::start("no-channel", &["--auth-timeout", "2"]);
    let key = Key::new("no-channel");
    let started = Instant::now();
    let mut idle = std::process::Command::new("ssh")
        .args(ssh::ssh_args(server.port, &key, "LogLevel=ERROR"))
        .args(["-N", "127.0.0.1"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run ssh -N");
    let status = loop {
        if let Some(s) = idle.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(15) {
            let _ = idle.kill();
            panic!("an authenticated client with no channel was kept past 15 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(!status.success(), "{status}");
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "let go too soon"
    );
}

/// The names of the server's threads.
fn thread_names(pid: u32) -> Vec<String> {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| std::fs::read_to_string(e.path().join("comm")).ok())
                .map(|n| n.trim().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Every game's advisor works in one pool of threads for the whole server: three
/// players forecasting at once add no more threads than one does.
#[test]
fn every_game_shares_one_pool_of_advisor_threads() {
    if !have_ssh() {
        return;
    }
    let server = Server::start("pool", &[]);
    let keys = [Key::new("pool-a"), Key::new("pool-b"), Key::new("pool-c")];
    let mut clients: Vec<_> = keys.iter().map(|k| client(&server, k, 80, 24)).collect();
    for t in &mut clients {
        new_game(t); // the first month's moves: the advisor forecasts them
    }
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let pool = thread_names(server.pid())
        .into_iter()
        .filter(|n| n.starts_with("forecast-"))
        .count();
    assert!(
        (1..=cores).contains(&pool),
        "{pool} advisor threads for 3 games on {cores} cores"
    );
}
