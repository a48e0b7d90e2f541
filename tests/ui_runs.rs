//! What a run leaves behind and who may rewind it, through the real app: each
//! game of a `--save-run` run gets its own file (and the screen names it, as a
//! success), and with two players going back needs the other side's consent.

mod apps;

use std::path::Path;

use apps::{options, press};
use detente::game::Scenario;
use detente::store::Files;
use detente::ui::{App, Launch, Overlay, Players, Screen};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn screen_text(app: &mut App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    let buf = t.backend().buffer();
    buf.content()
        .chunks(80)
        .map(|row| {
            row.iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Enter through every screen until the game is over (down the move list past a
/// move that is not available); the last month's report is then up.
fn play_to_end(app: &mut App) {
    for _ in 0..600 {
        if app.game().is_some_and(|g| g.state().is_over()) {
            return;
        }
        let before = app.game().map(|g| g.turns().len());
        let on_moves = matches!(app.screen(), Screen::Playing { .. });
        press(app, KeyCode::Enter);
        if on_moves && app.game().map(|g| g.turns().len()) == before {
            press(app, KeyCode::Down);
        }
    }
    panic!("no ending");
}

#[test]
fn each_game_of_a_run_gets_its_own_run_file_and_the_screen_says_which() {
    let dir = std::env::temp_dir().join(format!("detente-ui-runs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let run = dir.join("run.json");
    let sc = Scenario::builtin();
    let mut app = App::launch(
        sc.clone(),
        options(7, Players::usual(&sc)),
        Launch {
            files: Files::none(),
            save_run: Some(run.clone()),
            ..Launch::default()
        },
    );
    press(&mut app, KeyCode::Enter); // title: a new game
    play_to_end(&mut app);
    let s = screen_text(&mut app);
    assert!(
        s.contains("✓ Run file written"),
        "a success, not a warning:\n{s}"
    );
    assert!(s.contains("run.json (game 1"), "{s}");
    let first = std::fs::read(&run).expect("the first game's file");

    press(&mut app, KeyCode::Enter); // the last report: the end screen
    press(&mut app, KeyCode::Enter); // the end screen: back to the title
    assert!(matches!(app.screen(), Screen::Title { .. }));
    press(&mut app, KeyCode::Char('n')); // title: a second game
    assert!(matches!(app.screen(), Screen::Report(_)));
    press(&mut app, KeyCode::Enter); // its opening
    press(&mut app, KeyCode::Down); // a different first move
    play_to_end(&mut app);
    let second = dir.join("run-2.json");
    let s = screen_text(&mut app);
    assert!(s.contains("run-2.json (game 2"), "{s}");
    assert!(
        second.exists(),
        "{:?}",
        std::fs::read_dir(&dir).unwrap().collect::<Vec<_>>()
    );
    assert_eq!(
        std::fs::read(&run).unwrap(),
        first,
        "the first game's file is untouched"
    );
    assert_ne!(std::fs::read(&second).unwrap(), first);
    let _ = std::fs::remove_dir_all(Path::new(&dir));
}

/// Two players: from Moscow's turn at the keyboard, going back to the first
/// month asks Washington; a refusal changes nothing, an agreement goes back.
#[test]
fn two_players_go_back_only_with_the_other_sides_consent() {
    let mut app = App::new(Scenario::builtin(), options(7, Players::Two));
    press(&mut app, KeyCode::Enter); // new game
    press(&mut app, KeyCode::Enter); // the opening report
    press(&mut app, KeyCode::Enter); // Washington takes the keyboard
    press(&mut app, KeyCode::Enter); // its order, sealed
    press(&mut app, KeyCode::Enter); // Moscow takes the keyboard
    press(&mut app, KeyCode::Enter); // its order: both are played
    assert_eq!(app.game().unwrap().turns().len(), 1);
    // On to a screen where a side holds the keyboard again (a card on the way is
    // answered, and is a turn too).
    for _ in 0..20 {
        if matches!(app.screen(), Screen::Playing { .. }) {
            break;
        }
        press(&mut app, KeyCode::Enter);
    }
    let played = app.game().unwrap().turns().len();
    press(&mut app, KeyCode::Char('u')); // the list of months
    press(&mut app, KeyCode::Char('g')); // the first
    press(&mut app, KeyCode::Enter); // go back: the other side is asked
    assert!(matches!(app.overlay(), Some(Overlay::Consent { .. })));
    let s = screen_text(&mut app);
    assert!(s.contains("do you agree?"), "{s}");
    press(&mut app, KeyCode::Char('n')); // refused
    assert!(app.overlay().is_none());
    assert_eq!(app.game().unwrap().turns().len(), played, "nothing undone");
    assert!(app.notice().is_some_and(|n| n.contains("did not agree")));

    press(&mut app, KeyCode::Char('u'));
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('y')); // agreed
    assert!(app.game().unwrap().turns().is_empty(), "back to the start");
}

#[test]
fn the_help_says_two_players_undo_needs_consent() {
    let mut app = App::new(Scenario::builtin(), options(7, Players::Two));
    press(&mut app, KeyCode::Char('?'));
    let mut all = String::new();
    for _ in 0..40 {
        all.push_str(&screen_text(&mut app));
        press(&mut app, KeyCode::PageDown);
    }
    let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("only if the other side agrees"), "{flat}");
}

/// With no seed given, the game after a game starts on a seed drawn from the
/// system, not on the last seed + 1 (nor the same seed again).
#[test]
fn back_at_the_title_a_new_seed_is_drawn_from_the_system() {
    let sc = Scenario::builtin();
    let mut opts = options(7, Players::usual(&sc));
    opts.seed = 41;
    opts.seed_given = false;
    let mut app = App::launch(
        sc.clone(),
        opts,
        Launch {
            files: Files::none(),
            ..Launch::default()
        },
    );
    press(&mut app, KeyCode::Enter); // title: a new game
    assert_eq!(app.game().map(detente::game::Game::seed), Some(41));
    play_to_end(&mut app);
    press(&mut app, KeyCode::Enter); // the last report: the end screen
    press(&mut app, KeyCode::Enter); // the end screen: back to the title
    assert!(matches!(app.screen(), Screen::Title { .. }));
    let s = screen_text(&mut app);
    let seed: u64 = s
        .split("Seed ")
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no seed on the title:\n{s}"));
    assert!(s.contains("(drawn at random)"), "{s}");
    // One chance in a million that the system draws 41 or 42 by itself.
    assert!(seed != 42 && seed != 41, "seed {seed}:\n{s}");
    press(&mut app, KeyCode::Char('n')); // a second game, on the seed shown
    assert_eq!(app.game().map(detente::game::Game::seed), Some(seed));
}
