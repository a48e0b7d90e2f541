//! Screens of the terminal UI, driven by keys through the real app and drawn
//! into a `TestBackend`, kept under review as insta snapshots.

mod apps;

use apps::{card_up, hold_until};
use detente::game::{Difficulty, Scenario};
use detente::ui::{App, Options, Overlay, Players, Screen};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::style::Color;

fn options(seed: u64) -> Options {
    Options::seeded(seed, Players::usual(&Scenario::builtin()))
}

fn app_with(options: Options) -> App {
    App::new(Scenario::builtin(), options)
}

fn app(seed: u64) -> App {
    app_with(options(seed))
}

fn press(app: &mut App, code: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl_c(app: &mut App) {
    app.handle(Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
}

fn click(app: &mut App, column: u16, row: u16) {
    app.handle(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| app.draw(f)).expect("draw");
    t
}

/// From the title to the first month's game screen.
fn start(app: &mut App) {
    press(app, KeyCode::Enter); // title: "New game" → the opening report
    press(app, KeyCode::Enter); // opening report: "Begin" → the game screen
    press(app, KeyCode::Char('g')); // the list from its first move (it starts on Hold course)
}

#[test]
fn title_screen() {
    let mut app = app(7);
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn game_screen_first_month() {
    let mut app = app(7);
    start(&mut app);
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn opening_report() {
    let mut app = app(7);
    press(&mut app, KeyCode::Enter); // title: "New game" → the opening report
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn inauguration_card() {
    let mut app = app(7);
    start(&mut app);
    hold_until(&mut app, |a| card_up(a, "inauguration"));
    assert!(
        card_up(&app, "inauguration"),
        "the inauguration card comes up in Jan 2025"
    );
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn turn_report() {
    let mut app = app(7);
    start(&mut app);
    press(&mut app, KeyCode::Enter); // play the first move: Impose sanctions
    assert!(matches!(app.screen(), Screen::Report(_)));
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn end_screen() {
    let mut app = app(7);
    start(&mut app);
    hold_until(&mut app, |a| matches!(a.screen(), Screen::End { .. }));
    assert!(matches!(app.screen(), Screen::End { .. }));
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn end_screen_bottom() {
    let mut app = app(7);
    start(&mut app);
    hold_until(&mut app, |a| matches!(a.screen(), Screen::End { .. }));
    press(&mut app, KeyCode::Char('G')); // scroll to the bottom: the move log and the record
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn game_screen_large() {
    let mut app = app(7);
    start(&mut app);
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn help_overlay() {
    let mut app = app(7);
    start(&mut app);
    press(&mut app, KeyCode::Char('?')); // open the help
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn quit_confirmation() {
    let mut app = app(7);
    start(&mut app);
    press(&mut app, KeyCode::Char('q')); // ask to quit
    assert!(matches!(app.overlay(), Some(Overlay::ConfirmQuit { .. })));
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
    press(&mut app, KeyCode::Char('n')); // keep playing
    assert!(app.overlay().is_none() && !app.should_quit());
    press(&mut app, KeyCode::Char('q')); // ask again
    press(&mut app, KeyCode::Char('y')); // and quit
    assert!(app.should_quit());
}

#[test]
fn too_small() {
    let mut app = app(7);
    insta::assert_snapshot!(draw(&mut app, 60, 20).backend());
}

#[test]
fn game_screen_no_color() {
    let mut app = app_with(Options {
        no_color: true,
        ..options(7)
    });
    start(&mut app);
    let t = draw(&mut app, 80, 24);
    let buf = t.backend().buffer();
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
        "no colour at all"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn game_screen_ascii() {
    let mut app = app_with(Options {
        ascii: true,
        ..options(7)
    });
    start(&mut app);
    let t = draw(&mut app, 80, 24);
    assert!(
        t.backend()
            .buffer()
            .content()
            .iter()
            .all(|c| c.symbol().is_ascii()),
        "ASCII only"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn colour_never_paints_backgrounds() {
    let mut app = app(7);
    start(&mut app);
    let t = draw(&mut app, 80, 24);
    assert!(
        t.backend()
            .buffer()
            .content()
            .iter()
            .all(|c| c.bg == Color::Reset)
    );
}

#[test]
fn odd_sizes_never_panic() {
    let sizes = [
        (79, 24),
        (80, 23),
        (200, 60),
        (20, 5),
        (1, 1),
        (0, 0),
        (80, 24),
        (120, 40),
        (81, 25),
    ];
    let mut app = app(7);
    let mut screens = 0;
    // Title, opening, game, help, card, reports, end: draw each at every size.
    for (w, h) in sizes {
        draw(&mut app, w, h);
    }
    start(&mut app);
    press(&mut app, KeyCode::Char('?')); // help over the game
    for (w, h) in sizes {
        draw(&mut app, w, h);
    }
    press(&mut app, KeyCode::Esc); // close it
    for _ in 0..60 {
        for (w, h) in sizes {
            draw(&mut app, w, h);
        }
        screens += 1;
        match app.screen() {
            Screen::Playing { .. } => {
                press(&mut app, KeyCode::Char('k')); // a different move each month
                press(&mut app, KeyCode::Enter); // play it
            }
            Screen::End { .. } => break,
            _ => press(&mut app, KeyCode::Enter), // continue or answer
        }
    }
    assert!(screens > 10);
}

#[test]
fn too_small_says_the_size() {
    let mut app = app(7);
    let t = draw(&mut app, 79, 24);
    let text = t.backend().to_string();
    assert!(text.contains("80×24") && text.contains("79×24"), "{text}");
}

#[test]
fn ctrl_c_asks_then_quits() {
    let mut app = app(7);
    start(&mut app);
    ctrl_c(&mut app); // first Ctrl-C: the dialog
    assert!(matches!(app.overlay(), Some(Overlay::ConfirmQuit { .. })) && !app.should_quit());
    ctrl_c(&mut app); // second Ctrl-C: quit
    assert!(app.should_quit());
}

#[test]
fn q_on_the_title_quits_at_once() {
    let mut app = app(7);
    press(&mut app, KeyCode::Char('q')); // quit
    assert!(app.should_quit());
}

#[test]
fn key_releases_are_ignored() {
    let mut app = app(7);
    let release =
        KeyEvent::new_with_kind(KeyCode::Enter, KeyModifiers::NONE, KeyEventKind::Release);
    app.handle(Event::Key(release)); // a release, not a press: nothing happens
    assert!(matches!(app.screen(), Screen::Title { .. }));
}

#[test]
fn clicks_select_then_play() {
    let mut app = app(7);
    start(&mut app);
    let t = draw(&mut app, 80, 24);
    let text = t.backend().to_string();
    let row = text
        .lines()
        .position(|l| l.contains("Back-channel contact"))
        .expect("the move is listed") as u16;
    click(&mut app, 10, row); // first click: select
    assert!(matches!(app.screen(), Screen::Playing(p) if p.cursor == 4));
    draw(&mut app, 80, 24);
    click(&mut app, 10, row); // second click: play it
    assert!(matches!(app.screen(), Screen::Report(_)));
    let played = app
        .game()
        .unwrap()
        .turns()
        .last()
        .unwrap()
        .report
        .move_of(app.game().unwrap().scenario().default_player);
    assert_eq!(
        played.map(|(m, _)| app.game().unwrap().scenario().mv(m).id.as_str()),
        Some("back_channel")
    );
}

#[test]
fn unavailable_moves_say_why() {
    let mut app = app(7);
    start(&mut app);
    for _ in 0..5 {
        press(&mut app, KeyCode::Down); // down to "Propose a summit"
    }
    press(&mut app, KeyCode::Enter); // try to play it
    assert!(
        matches!(app.screen(), Screen::Playing { .. }),
        "an unavailable move is not played"
    );
    let text = draw(&mut app, 80, 24).backend().to_string();
    assert!(text.contains("not available now"), "{text}");
}

/// Where `label` first shows on screen, as (column, row).
fn find(t: &Terminal<TestBackend>, label: &str) -> (u16, u16) {
    let text = t.backend().to_string();
    for (row, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('"');
        if let Some(byte) = line.find(label) {
            return (line[..byte].chars().count() as u16, row as u16);
        }
    }
    panic!("{label:?} is not on screen:\n{text}");
}

#[test]
fn clicks_work_on_dialogs_and_cards() {
    let mut app = app(7);
    start(&mut app);
    press(&mut app, KeyCode::Char('q')); // the quit dialog
    let (x, y) = find(&draw(&mut app, 80, 24), "[ Keep playing ]");
    click(&mut app, x + 2, y); // click "Keep playing"
    assert!(app.overlay().is_none() && !app.should_quit());
    hold_until(&mut app, |a| card_up(a, "inauguration"));
    let (x, y) = find(&draw(&mut app, 80, 24), "Say nothing about Russia");
    click(&mut app, x, y); // first click: select the third answer
    assert!(matches!(app.screen(), Screen::Card(c) if c.cursor == 2));
    draw(&mut app, 80, 24);
    click(&mut app, x, y); // second click: answer it
    assert!(matches!(app.screen(), Screen::Report(_)));
    press(&mut app, KeyCode::Char('q')); // the quit dialog again
    let (x, y) = find(&draw(&mut app, 80, 24), "[ Quit ]");
    click(&mut app, x + 1, y); // click "Quit"
    assert!(app.should_quit());
}

fn app_as(seed: u64, players: Players) -> App {
    app_with(Options {
        players,
        ..options(seed)
    })
}

fn moscow() -> Players {
    Players::One(
        Scenario::builtin()
            .side_id("moscow")
            .expect("a Moscow side"),
    )
}

/// The text of the screen as drawn at `w`×`h`.
fn screen(app: &mut App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

#[test]
fn game_screen_as_moscow() {
    let mut app = app_as(7, moscow());
    start(&mut app);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Washington remembers"), "{text}");
    assert!(text.contains("Counter-sanctions"), "Moscow's moves: {text}");
    assert!(
        !text.contains("Impose sanctions"),
        "not Washington's: {text}"
    );
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn moscow_move_list_scrolls_to_the_last_move_at_80x24() {
    let mut app = app_as(7, moscow());
    start(&mut app);
    let text = screen(&mut app, 80, 24);
    assert!(
        !text.contains("Court the allies' doubters"),
        "the last move is below the fold at first: {text}"
    );
    let sc = Scenario::builtin();
    let n = sc.moves_of(sc.side_id("moscow").unwrap()).count();
    for _ in 1..n {
        press(&mut app, KeyCode::Down);
    }
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("▸ Court the allies' doubters"),
        "the cursor's move is in view: {text}"
    );
    assert!(
        !text.contains("Counter-sanctions  "),
        "the first move scrolled out: {text}"
    );
    assert!(
        text.contains("News, Sep 2024"),
        "the news row stays: {text}"
    );
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn game_screen_as_moscow_large() {
    let mut app = app_as(7, moscow());
    start(&mut app);
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn turn_report_as_moscow() {
    let mut app = app_as(7, moscow());
    start(&mut app);
    press(&mut app, KeyCode::Enter); // play the first move: Counter-sanctions
    assert!(matches!(app.screen(), Screen::Report(_)));
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("YOUR MOVE") && text.contains("WASHINGTON'S ANSWER"),
        "{text}"
    );
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn end_screen_as_moscow() {
    let mut app = app_as(7, moscow());
    start(&mut app);
    hold_until(&mut app, |a| matches!(a.screen(), Screen::End { .. }));
    assert!(matches!(app.screen(), Screen::End { .. }));
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

/// Two players: the hand-over before each secret order never shows the order already given.
#[test]
fn handover_screens() {
    let mut app = app_as(7, Players::Two);
    press(&mut app, KeyCode::Enter); // title: "New game" → the opening report
    press(&mut app, KeyCode::Enter); // opening report → the hand-over to Washington
    assert!(matches!(app.screen(), Screen::Handover { .. }));
    insta::assert_snapshot!("handover_first", draw(&mut app, 80, 24).backend());
    press(&mut app, KeyCode::Enter); // Washington takes the keyboard
    assert!(matches!(app.screen(), Screen::Playing { .. }));
    press(&mut app, KeyCode::Char('g')); // the list from its first move
    let washington = screen(&mut app, 80, 24);
    assert!(washington.contains("Impose sanctions"), "{washington}");
    for _ in 0..4 {
        press(&mut app, KeyCode::Down); // down to Back-channel contact
    }
    press(&mut app, KeyCode::Enter); // Washington's order, sealed
    assert!(matches!(app.screen(), Screen::Handover { .. }));
    let handover = screen(&mut app, 80, 24);
    assert!(!handover.contains("Back-channel"), "{handover}");
    insta::assert_snapshot!("handover_second", draw(&mut app, 80, 24).backend());
    press(&mut app, KeyCode::Enter); // Moscow takes the keyboard
    press(&mut app, KeyCode::Char('g')); // the list from its first move
    let moscow = screen(&mut app, 80, 24);
    assert!(
        moscow.contains("Counter-sanctions") && !moscow.contains("Back-channel"),
        "Moscow's own screen, no sign of Washington's order:\n{moscow}"
    );
    insta::assert_snapshot!(
        "two_players_second_chooser",
        draw(&mut app, 80, 24).backend()
    );
    press(&mut app, KeyCode::Enter); // Moscow's order: both are played
    assert!(matches!(app.screen(), Screen::Report(_)));
    let report = screen(&mut app, 80, 24);
    assert!(
        report.contains("Washington: Back-channel contact")
            && report.contains("Moscow: Counter-sanctions"),
        "{report}"
    );
    insta::assert_snapshot!("two_players_report", draw(&mut app, 80, 24).backend());
}

#[test]
fn end_screen_two_players() {
    let mut app = app_as(7, Players::Two);
    start(&mut app);
    hold_until(&mut app, |a| matches!(a.screen(), Screen::End { .. }));
    assert!(matches!(app.screen(), Screen::End { .. }));
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("· Washington · Score") && text.contains("· Moscow · Score"),
        "both sides scored:\n{text}"
    );
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
    press(&mut app, KeyCode::Char('G')); // the bottom: the log of both sides' moves
    insta::assert_snapshot!(
        "end_screen_two_players_bottom",
        draw(&mut app, 80, 24).backend()
    );
}

#[test]
fn undo_list_cuts_long_turns_with_an_ellipsis() {
    // Two players: each month's row names both sides' moves, too long for the box.
    let mut app = app_as(7, Players::Two);
    start(&mut app);
    hold_until(&mut app, |a| {
        matches!(a.screen(), Screen::Playing { .. })
            && a.game().is_some_and(|g| g.state().turn >= 2)
    });
    press(&mut app, KeyCode::Char('u'));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Go back to an earlier turn"), "{text}");
    assert!(
        text.contains("Moscow:"),
        "both sides' moves are listed: {text}"
    );
    // Every row of the box, from its title to its bottom edge, keeps both borders.
    let rows: Vec<Vec<char>> = text
        .lines()
        .skip_while(|l| !l.contains("Go back to an earlier turn"))
        .skip(1)
        .take_while(|l| !l.contains('╰'))
        .map(|l| l.chars().collect())
        .collect();
    assert!(rows.len() >= 3, "{text}");
    let left = rows[0]
        .iter()
        .position(|c| *c == '│')
        .expect("a left border");
    let right = rows[0]
        .iter()
        .rposition(|c| *c == '│')
        .expect("a right border");
    assert!(right > left + 40, "{text}");
    for r in &rows {
        assert!(
            r[left] == '│' && r[right] == '│',
            "the box keeps both borders: {}",
            r.iter().collect::<String>()
        );
    }
    assert!(
        rows.iter().any(|r| r[left..right].contains(&'…')),
        "a long turn is cut with an ellipsis: {text}"
    );
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

/// The buffer with its styles: each row as runs of cells that share a style,
/// `«fg bg modifiers|text»`, so a colour or emphasis change shows in review.
fn styled(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let w = buf.area.width as usize;
    let mut out = String::new();
    for row in buf.content().chunks(w) {
        let mut run: Option<(String, String)> = None;
        for c in row {
            let style = format!("{:?} {:?} {:?}", c.fg, c.bg, c.modifier);
            match &mut run {
                Some((s, text)) if *s == style => text.push_str(c.symbol()),
                _ => {
                    if let Some((s, text)) = run.take() {
                        out.push_str(&format!("«{s}|{text}»"));
                    }
                    run = Some((style, c.symbol().to_string()));
                }
            }
        }
        if let Some((s, text)) = run {
            out.push_str(&format!("«{s}|{text}»"));
        }
        out.push('\n');
    }
    out
}

#[test]
fn game_screen_styles_in_colour() {
    let mut app = app(7);
    start(&mut app);
    insta::assert_snapshot!(styled(&draw(&mut app, 80, 24)));
}

#[test]
fn game_screen_styles_in_no_color() {
    let mut app = app_with(Options {
        no_color: true,
        ..options(7)
    });
    start(&mut app);
    insta::assert_snapshot!(styled(&draw(&mut app, 80, 24)));
}

/// At 80×24 with a long (drawn) seed, the header kept "· hard" only until month
/// 10, when the month's number grew by a digit; now the deadline gives way first.
#[test]
fn the_header_keeps_the_difficulty_at_80x24() {
    let mut app = app_with(Options {
        seed: 12_345_678_901_234,
        difficulty: Difficulty::Hard,
        ..options(7)
    });
    start(&mut app);
    hold_until(&mut app, |a| {
        matches!(a.screen(), Screen::Playing { .. })
            && a.game().is_some_and(|g| g.state().turn >= 9)
    });
    let t = draw(&mut app, 80, 24);
    let top: String = t.backend().buffer().content()[..80]
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(top.contains("month 10 of 18"), "{top}");
    assert!(top.trim_end().ends_with("hard"), "{top}");
}

/// The end screen of seed 7's held game as `players` at `w`×`h`, as text rows.
fn end_rows(players: Players, w: u16, h: u16) -> (App, Vec<String>) {
    let mut app = app_as(7, players);
    start(&mut app);
    hold_until(&mut app, |a| matches!(a.screen(), Screen::End { .. }));
    assert!(matches!(app.screen(), Screen::End { .. }));
    let rows = rows_of(&draw(&mut app, w, h));
    (app, rows)
}

/// Each row of the drawn buffer as a string.
fn rows_of(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    buf.content()
        .chunks(buf.area.width as usize)
        .map(|row| row.iter().map(ratatui::buffer::Cell::symbol).collect())
        .collect()
}

/// At 120×40 the end labels were cut (`Crackin`, `Treaty`): now whole, and each
/// two-row chart is kept apart from the next by a blank row.
#[test]
fn end_screen_as_moscow_120x40_keeps_labels_whole_and_charts_apart() {
    let (mut app, rows) = end_rows(moscow(), 120, 40);
    let text = rows.join("\n");
    // Every chart's row ends with one of its meter's labels, whole.
    let sc = Scenario::builtin();
    let mut charts = 0;
    for m in &sc.meters {
        let Some(row) = rows
            .iter()
            .find(|r| r.trim_start().starts_with(&m.name) && r.contains('→'))
        else {
            continue;
        };
        charts += 1;
        let row = row.trim_end().trim_end_matches('▼').trim_end();
        assert!(
            m.labels
                .iter()
                .any(|(_, word)| row.ends_with(word.as_str())),
            "{}: {row}",
            m.name
        );
    }
    assert!(charts >= 4, "{text}");
    let named = rows
        .iter()
        .position(|r| r.contains("Cracking point"))
        .expect("the relations chart");
    assert!(
        rows[named + 1].trim().is_empty(),
        "a blank row after a chart: {text}"
    );
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

/// At 200×50 the charts used 76 of 200 columns: now the bars take the room the labels leave.
#[test]
fn end_screen_200x50_charts_use_the_width() {
    let (mut app, rows) = end_rows(Players::usual(&Scenario::builtin()), 200, 50);
    let row = rows
        .iter()
        .find(|r| r.contains(" Relations ") && r.contains("→"))
        .expect("the relations chart");
    let used = row.trim_end().chars().count();
    assert!(used > 150, "{used} columns: {row}");
    insta::assert_snapshot!(draw(&mut app, 200, 50).backend());
}

/// At 100×30 the selected move's details were cut while the chart had rows to
/// spare. With fifteen moves on the list the details keep four rows: the
/// forecast, the effect and the start of the description.
#[test]
fn game_screen_100x30_shows_the_details_whole() {
    let mut app = app(7);
    start(&mut app);
    let text = screen(&mut app, 100, 30);
    assert!(
        // The forecast and the effect sentence whole (its meters by their full
        // names since the play-test's item 7; the description may be cut).
        text.contains("Advisor (1000 plays") && text.contains("Sanctions level +10..+16."),
        "the details: {text}"
    );
    insta::assert_snapshot!(draw(&mut app, 100, 30).backend());
}

/// Playing Moscow at 80×24: meters named so a player can read them, and whose trust
/// is whose; the scroll marks never touch the odds.
#[test]
fn moscow_at_80x24_names_meters_plainly_and_keeps_marks_clear() {
    let mut app = app_as(7, moscow());
    start(&mut app);
    let text = screen(&mut app, 80, 24);
    for cryptic in ["UsTr", "Krem−", "Krem+", "Lev−", "Lev+", "Sanc "] {
        assert!(!text.contains(cryptic), "{cryptic}: {text}");
    }
    assert!(text.contains("RuTrust 13"), "whose trust: {text}");
    assert!(text.contains("Kremlin"), "{text}");
    for _ in 0..14 {
        press(&mut app, KeyCode::Down);
        for row in rows_of(&draw(&mut app, 80, 24)) {
            let cs: Vec<char> = row.chars().collect();
            if let Some(i) = cs.iter().position(|c| *c == '▲' || *c == '▼') {
                assert!(i > 0 && cs[i - 1] == ' ', "a mark against text: {row}");
            }
        }
    }
}

/// Wide characters (CJK, emoji) in a move's name pushed the odds off the row at 80×24.
#[test]
fn wide_characters_keep_the_odds_on_the_row() {
    let mut sc = Scenario::builtin();
    let first = sc
        .moves
        .iter_mut()
        .find(|m| m.name == "Impose sanctions")
        .expect("the first move");
    first.name = "制裁を科す 🚫".into();
    let mut app = App::new(sc, options(7));
    start(&mut app);
    let t = draw(&mut app, 80, 24);
    let buf = t.backend().buffer();
    let rows = rows_of(&t);
    // The column (in cells, as the terminal shows it) where "Rel" starts on row `y`.
    let rel = |y: usize| {
        (0..buf.area.width.saturating_sub(2)).find(|x| {
            (0..3).all(|k| buf[(x + k, y as u16)].symbol() == &"Rel"[k as usize..k as usize + 1])
        })
    };
    let y = rows
        .iter()
        .position(|r| r.contains("制"))
        .expect("the renamed move");
    let plain = rows
        .iter()
        .position(|r| r.contains("Ease sanctions"))
        .expect("the second move");
    let odds = rows[y].trim_end();
    assert!(
        odds.ends_with('%') && odds.contains("· R"),
        "the odds on the row: {}",
        rows[y]
    );
    assert_eq!(rel(y), rel(plain), "{}\n{}", rows[y], rows[plain]);
}
