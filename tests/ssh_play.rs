//! `detente serve` end to end with the real OpenSSH client in a pseudo-terminal:
//! a whole game over SSH, a dropped connection taken up again, the server's stop.

mod pty;
mod ssh;

use pty::{ENTER, new_game, play_to_end, to_month};
use ssh::{Key, Server, client, client_with, have_ssh};

#[test]
fn one_player_plays_a_whole_game_over_ssh_and_finds_it_in_their_scores() {
    if !have_ssh() {
        return;
    }
    let server = Server::start("whole", &[]);
    assert!(
        server
            .opening
            .iter()
            .any(|l| l.starts_with("Host key made now: SHA256:"))
    );
    let key = Key::new("whole");
    let mut t = client(&server, &key, 80, 24);
    new_game(&mut t);
    let end = play_to_end(&mut t);
    assert!(end.contains("GAME OVER"), "{end}");
    t.send(b"q");
    t.wait_exit();
    // The game is in this key's own score table, read by the local command.
    let dir = server.player_dir(&key);
    assert_eq!(server.players(), [key.dir_name()]);
    let (code, table, _) = pty::run(&dir, &["scores"]);
    assert_eq!(code, Some(0));
    assert!(
        table.lines().any(|l| l.trim_start().starts_with('1')),
        "{table}"
    );
}

#[test]
fn a_dropped_connection_is_taken_up_with_the_same_key_only() {
    if !have_ssh() {
        return;
    }
    let server = Server::start("drop", &[]);
    let key = Key::new("drop");
    let mut t = client(&server, &key, 80, 24);
    new_game(&mut t);
    to_month(&mut t, 2);
    t.press(ENTER); // month 2's move played...
    let s = to_month(&mut t, 3); // ...and saved with month 3 on screen
    assert!(s.contains("month 3 of"), "{s}");
    t.hang_up(); // the connection drops mid-month
    drop(t);
    let autosave = server.player_dir(&key).join("autosave.json");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !autosave.exists() {
        assert!(std::time::Instant::now() < deadline, "no autosave");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // The same key is offered its game...
    let mut again = client(&server, &key, 80, 24);
    let title = again.wait_for("New game");
    assert!(
        title.contains("Continue") && title.contains("month 3 of"),
        "{title}"
    );
    again.send(b"c");
    let s = again.wait_for("month 3 of");
    assert!(s.contains("Your move for"), "{s}");
    // ...another key is not.
    let other = Key::new("drop-other");
    let stranger = client(&server, &other, 80, 24);
    let title = stranger.wait_for("New game");
    assert!(!title.contains("Continue"), "{title}");
}

#[test]
fn sigterm_saves_every_game_tells_every_player_and_exits_0_within_5_s() {
    if !have_ssh() {
        return;
    }
    let mut server = Server::start("term", &[]);
    let keys = [Key::new("term-a"), Key::new("term-b")];
    let mut clients: Vec<_> = keys.iter().map(|k| client(&server, k, 80, 24)).collect();
    for t in &mut clients {
        new_game(t);
        to_month(t, 2);
    }
    let (code, took) = server.terminate();
    assert_eq!(code, Some(0));
    assert!(took.as_secs_f64() < 5.0, "took {took:?}");
    for (t, k) in clients.iter_mut().zip(&keys) {
        let s = t.wait_for("The server is stopping");
        assert!(s.contains("Your game is saved"), "{s}");
        assert!(server.player_dir(k).join("autosave.json").exists());
        t.wait_exit();
    }
}

/// Whether a screen's bytes set any foreground or background colour.
fn coloured(raw: &[u8]) -> bool {
    let text = String::from_utf8_lossy(raw);
    text.contains("\x1b[38;") || text.contains("\x1b[48;")
}

#[test]
fn colour_as_the_client_says() {
    if !have_ssh() {
        return;
    }
    let server = Server::start("colour", &[]);
    let key = Key::new("colour");
    let usual = client(&server, &key, 80, 24);
    usual.wait_for("New game");
    assert!(coloured(&usual.raw()), "the usual client sees colour");
    // NO_COLOR sent by the client (SendEnv) turns colour off, as it does locally.
    let plain = client_with(
        &server,
        &key,
        80,
        24,
        &["-o", "SendEnv=NO_COLOR"],
        &[("NO_COLOR", "1")],
    );
    plain.wait_for("New game");
    assert!(!coloured(&plain.raw()), "NO_COLOR: no colour");
    let dumb = client_with(&server, &key, 80, 24, &[], &[("TERM", "dumb")]);
    dumb.wait_for("New game");
    assert!(!coloured(&dumb.raw()), "TERM=dumb: no colour");
}
