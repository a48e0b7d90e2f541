//! Playing a friend over SSH, end to end: two real `ssh` clients in pseudo-terminals,
//! one room on a `detente serve`. A whole game to its ending, each side's order
//! never on the other's screen before the month's report, the same reports on
//! both; a client killed mid-month, the other told, the seat taken up again with
//! the same key, and the autosaves replayed.

mod pty;
mod ssh;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use detente::game::{Choice, Game, Scenario};
use detente::store::record::Record;
use pty::{DOWN, ENTER, Screen, Term, key, norm, selected, which};
use ssh::{Key, Server, client, client_join, have_ssh};

const SIDES: [&str; 2] = ["Washington", "Moscow"];

/// Whether this is the wait while the other side chooses or answers its card.
fn waiting(s: &str) -> bool {
    s.contains(" is choosing…") || s.contains(" is answering a card…")
}

/// Give an order: the `k`-th move if it can be played, else the first. Returns its name.
fn give_order(t: &mut Term, k: usize) -> String {
    let mut s = key(t, b"g");
    for _ in 0..k {
        s = key(t, DOWN);
    }
    let name = match selected(&s) {
        Some((name, true)) => name,
        _ => selected(&key(t, b"g")).expect("a selected move").0,
    };
    t.press(ENTER);
    name
}

/// Washington opens a room from the title ("Play a friend", Washington); returns
/// the code and the command the screen tells the friend to type.
fn open_room(t: &mut Term) -> (String, String) {
    let title = t.wait_for("Play a friend");
    assert!(title.contains("Join a friend"), "{title}");
    // The menu: New game, Play a friend, …
    t.press(DOWN);
    let s = t.press(ENTER);
    assert!(s.contains("Which side do you play?"), "{s}");
    let s = t.press(ENTER); // Washington
    let s = if s.contains("Your room code is") {
        s
    } else {
        t.wait_for("Your room code is")
    };
    assert!(s.contains("Waiting for a friend"), "{s}");
    let command = s
        .lines()
        .find_map(|l| l.find("ssh -t -p ").map(|at| &l[at..]))
        .map(|l| l.trim_end_matches([' ', '│']).to_string())
        .unwrap_or_else(|| panic!("no command on screen:\n{s}"));
    let code = command.rsplit(' ').next().unwrap().to_string();
    (code, command)
}

/// Two players in one room, and what each has seen.
struct Duo {
    t: [Term; 2],
    /// The order each side gave this month, not yet revealed to the other side.
    hidden: [Option<String>; 2],
    /// Each side's pages of the moves revealed together, in order.
    reports: [Vec<String>; 2],
    orders: usize,
    screens_checked: usize,
}

impl Duo {
    fn new(t: [Term; 2]) -> Duo {
        Duo {
            t,
            hidden: [None, None],
            reports: [Vec::new(), Vec::new()],
            orders: 0,
            screens_checked: 0,
        }
    }

    /// One look at side `i`'s screen, and its key if it has one to press. Returns the
    /// screen, and whether it was the end.
    fn step(&mut self, i: usize, order: bool) -> (String, bool) {
        let s = self.t[i].settle();
        let other = 1 - i;
        if let Some(name) = &self.hidden[other] {
            let revealed = s.contains("THE MOVES, REVEALED TOGETHER");
            if !revealed {
                self.screens_checked += 1;
                assert!(
                    !s.contains(name.as_str()),
                    "{}'s screen shows {}'s sealed order {name}:\n{s}",
                    SIDES[i],
                    SIDES[other]
                );
            }
        }
        if waiting(&s) {
            return (s, false);
        }
        match which(&s) {
            Some(Screen::End) => return (s, true),
            Some(Screen::Report) => {
                if s.contains("THE MOVES, REVEALED TOGETHER") {
                    self.hidden[other] = None;
                    self.reports[i].push(above_notice(&s));
                }
                self.t[i].press(ENTER);
            }
            Some(Screen::Card) => {
                self.t[i].press(ENTER);
            }
            Some(Screen::Game) if order => {
                let name = give_order(&mut self.t[i], self.orders % 5);
                self.orders += 1;
                self.hidden[i] = Some(name);
            }
            Some(Screen::Game) => {}
            other => panic!("{}: an unexpected screen {other:?}:\n{s}", SIDES[i]),
        }
        (s, false)
    }

    /// Both play on until `stop` holds for both screens (or the game ends).
    fn play_until(&mut self, stop: impl Fn(&str) -> bool) -> [String; 2] {
        let deadline = Instant::now() + Duration::from_secs(600);
        loop {
            assert!(Instant::now() < deadline, "no end in sight");
            let now = [0, 1].map(|i| self.t[i].settle());
            if now.iter().all(|s| stop(s)) {
                return now;
            }
            for i in 0..2 {
                if !stop(&self.t[i].settle()) {
                    self.step(i, true);
                }
            }
        }
    }
}

/// A report page down to any notice over it (a notice is one player's own: "Moscow
/// is back"), for comparing the two players' pages.
fn above_notice(s: &str) -> String {
    let s = norm(s);
    let lines: Vec<&str> = s.lines().take_while(|l| !l.starts_with('╭')).collect();
    assert!(lines.len() >= 5, "a notice hides the report:\n{s}");
    lines.join("\n")
}

/// The two players' pages of the same months: the same report (as far as both show it).
fn assert_same_reports(a: &[String], b: &[String]) {
    assert_eq!(a.len(), b.len(), "{a:?}\n{b:?}");
    for (x, y) in a.iter().zip(b) {
        let n = x.lines().count().min(y.lines().count());
        let cut = |s: &str| s.lines().take(n).collect::<Vec<_>>().join("\n");
        assert_eq!(cut(x), cut(y), "both players see the same report");
    }
}

fn game_over(s: &str) -> bool {
    s.contains("GAME OVER") && s.contains("Score")
}

#[test]
fn two_clients_in_one_room_play_a_whole_game_with_orders_sealed_on_the_server() {
    if !have_ssh() {
        return;
    }
    let server = Server::start("room-whole", &[]);
    let keys = [Key::new("room-w"), Key::new("room-m")];
    let mut w = client(&server, &keys[0], 80, 24);
    let (code, command) = open_room(&mut w);
    assert_eq!(
        command,
        format!("ssh -t -p {} localhost join {code}", server.port),
        "the exact command, with the server's port"
    );
    let m = client_join(&server, &keys[1], &code);
    let mut duo = Duo::new([w, m]);
    // Both see the opening news at once (its button names a first card if there is one).
    for t in &duo.t {
        t.wait_any(&["[ Begin ]", "[ Continue to the decision ]"]);
    }
    let ends = duo.play_until(game_over);
    // (A game can end before its calendar does: a crisis.)
    assert!(!duo.reports[0].is_empty(), "no month was played");
    assert_same_reports(&duo.reports[0], &duo.reports[1]);
    // At least one screen a month was looked at while the other side's order was sealed.
    assert!(
        duo.screens_checked >= duo.reports[0].len(),
        "{} screens",
        duo.screens_checked
    );
    // The same ending on both, each side scored.
    let scores = |s: &str| {
        s.lines()
            .filter(|l| l.contains(" · Score "))
            .map(|l| l.trim().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(scores(&ends[0]), scores(&ends[1]));
    assert_eq!(scores(&ends[0]).len(), 2, "{}", ends[0]);
    for t in &mut duo.t {
        t.send(b"q");
        t.wait_exit();
    }
}

/// The game a player's autosave holds, replayed (a save is trusted only if it replays).
fn autosaved(dir: &Path) -> Vec<Choice> {
    let path = dir.join("autosave.json");
    let record = Record::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let game: Game = record
        .restore(Arc::new(Scenario::builtin()), &path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    game.choices()
}

#[test]
fn a_client_killed_mid_month_takes_its_seat_up_again_and_both_go_on() {
    if !have_ssh() {
        return;
    }
    let server = Server::start("room-drop", &[]);
    let keys = [Key::new("drop-w"), Key::new("drop-m")];
    let mut w = client(&server, &keys[0], 80, 24);
    let (code, _) = open_room(&mut w);
    let m = client_join(&server, &keys[1], &code);
    let mut duo = Duo::new([w, m]);
    let month2 = |s: &str| which(s) == Some(Screen::Game) && s.contains("month 2 of");
    duo.play_until(month2);
    // Washington seals its order for month 2; Moscow's client is killed.
    let sealed = give_order(&mut duo.t[0], 1);
    duo.t[0].wait_for("Moscow is choosing…");
    duo.t[1].signal("KILL");
    let s = duo.t[0].wait_for("Moscow has left");
    assert!(
        s.contains("the game is held; waiting for them to reconnect"),
        "{s}"
    );
    // Moscow's key connects again: the title offers its seat.
    let [w, _] = duo.t;
    let mut m = client(&server, &keys[1], 80, 24);
    let mut title = m.wait_for("Rejoin your game with a friend");
    for _ in 0..8 {
        if title
            .lines()
            .any(|l| l.contains("▸") && l.contains("Rejoin"))
        {
            break;
        }
        title = m.press(DOWN);
    }
    let s = m.press(ENTER);
    let s = if which(&s) == Some(Screen::Report) {
        s
    } else {
        m.wait_for("[ Continue")
    };
    // The month played before the drop, its report shown again; the sealed order is not.
    assert!(s.contains("THE MOVES, REVEALED TOGETHER"), "{s}");
    assert!(!s.contains(&sealed), "the sealed order shows:\n{s}");
    let s = m.press(ENTER);
    assert!(!s.contains(&sealed), "the sealed order shows:\n{s}");
    w.wait_for("Moscow is back");
    let mut duo = Duo::new([w, m]);
    duo.hidden[0] = Some(sealed);
    let month3 = |s: &str| which(s) == Some(Screen::Game) && s.contains("month 3 of");
    duo.play_until(month3);
    assert_eq!(duo.reports[0].len(), 1, "month 2's report, seen by both");
    assert_same_reports(&duo.reports[0], &duo.reports[1]);
    // Each player's autosave holds the game as agreed, and replays.
    let saved = keys.each_ref().map(|k| autosaved(&server.player_dir(k)));
    assert_eq!(saved[0], saved[1]);
    let months = saved[0]
        .iter()
        .filter(|c| matches!(c, Choice::Orders { .. }))
        .count();
    assert_eq!(months, 2, "{:?}", saved[0]);
}

#[test]
fn a_wrong_or_full_code_is_told_in_words_and_back_to_the_title() {
    if !have_ssh() {
        return;
    }
    let server = Server::start("room-wrong", &["--max-per-address", "8"]);
    let keys = [
        Key::new("wrong-a"),
        Key::new("wrong-b"),
        Key::new("wrong-c"),
    ];
    let stranger = client_join(&server, &keys[2], "ZZ1");
    let s = stranger.wait_for("is not a room code");
    assert!(s.contains("New game"), "the title:\n{s}");
    let mut w = client(&server, &keys[0], 80, 24);
    let (code, _) = open_room(&mut w);
    let other = if code == "ZZZZZ" { "YYYYY" } else { "ZZZZZ" };
    let lost = client_join(&server, &keys[2], other);
    let s = lost.wait_for(&format!("No room {other} on this server"));
    assert!(s.contains("New game"), "the title:\n{s}");
    let friend = client_join(&server, &keys[1], &code);
    friend.wait_any(&["[ Begin ]", "[ Continue to the decision ]"]);
    let third = client_join(&server, &keys[2], &code);
    let s = third.wait_for(&format!("Room {code} is full"));
    assert!(s.contains("New game"), "the title:\n{s}");
}
