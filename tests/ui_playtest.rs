//! A play-tester's findings on the screens at 80×24 (issue 11, item 7), each
//! checked through the real app drawn into a `TestBackend`: effects told by the
//! scenario's full meter names, an unavailable move's missing condition first,
//! the growth trajectory on the end screen, the help on the leverage estimate
//! and the read of the rival, scroll marks clear of text.

mod apps;

use apps::{card_up, draw, hold_until, options, press, rows};
use detente::game::Scenario;
use detente::ui::{App, Players, Screen};
use ratatui::crossterm::event::KeyCode;

/// From the title to the first month's game screen, the list at its first move.
fn start(app: &mut App) {
    press(app, KeyCode::Enter); // title: "New game" → the opening report
    press(app, KeyCode::Enter); // opening report: "Begin" → the game screen
    press(app, KeyCode::Char('g')); // the list from its first move
}

/// Press Enter until the end screen: the move the list starts on (Moscow's
/// "Wait and see") each month, the first answer of each card.
fn enter_to_the_end(app: &mut App) {
    for _ in 0..400 {
        draw(app, 80, 24);
        if matches!(app.screen(), Screen::End { .. }) {
            return;
        }
        press(app, KeyCode::Enter);
    }
    panic!("no end after 400 keys");
}

/// The screen's words, with the rows joined and spaces collapsed.
fn words(screen: &[String]) -> String {
    screen
        .iter()
        .map(|r| r.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Item 7: a card's "Likely effect:" is a sentence: it names each meter as the
/// scenario does ("Relations +10..+14"), not by the short names of the dense
/// rows ("Rel", "RuTrust").
#[test]
fn a_cards_likely_effect_names_meters_in_full_at_80x24() {
    let sc = Scenario::builtin();
    let mut app = App::new(sc.clone(), options(7, Players::usual(&sc)));
    start(&mut app);
    hold_until(&mut app, |a| card_up(a, "inauguration"));
    assert!(
        card_up(&app, "inauguration"),
        "the card comes up in Jan 2025"
    );
    let screen = rows(&draw(&mut app, 80, 24));
    let all = words(&screen);
    let at = all.find("Likely effect: ").expect("the effect sentence");
    let effect = &all[at..];
    assert!(
        effect.starts_with("Likely effect: Relations +") && effect.contains("Moscow's trust +"),
        "{effect}"
    );
    for short in ["Rel ", "Ten ", "RuTrust", "Ally "] {
        assert!(!effect.contains(short), "{short:?} in {effect}");
    }
}

/// Item 2: at 80 columns an unavailable move's row was cut in its met
/// conditions ("✗ needs New START in place, Relations 30…") before the one
/// missing. The missing one now comes first, whole, with where its meter stands.
#[test]
fn an_unavailable_move_names_what_is_missing_first_at_80x24() {
    let sc = Scenario::builtin();
    let mut app = App::new(sc.clone(), options(7, Players::usual(&sc)));
    start(&mut app);
    let tension = app
        .game()
        .unwrap()
        .state()
        .meter(sc.meter("tension").unwrap());
    assert!(tension < 65, "Exit New START needs a crisis: {tension}");
    let screen = rows(&draw(&mut app, 80, 24));
    let row = screen
        .iter()
        .find(|r| r.contains("Exit New START"))
        .unwrap_or_else(|| panic!("{screen:#?}"));
    let want = format!("✗ needs Tension 65 (now {tension}) · +2 met");
    assert!(row.contains(&want), "{row}");
}

/// Item 1: the end screen says what "a growth trajectory" was checked
/// against: the relations at the end, 3 and 6 months before, the values the
/// rules compared, and that the Settlement needed them rising.
#[test]
fn the_end_screen_shows_the_trend_against_its_values_at_80x24() {
    let sc = Scenario::builtin();
    let moscow = sc.side_id("moscow").expect("Moscow");
    let mut app = App::new(sc.clone(), options(7, Players::One(moscow)));
    enter_to_the_end(&mut app);
    let st = *app.game().unwrap().state();
    let rel = sc.meter("relations").unwrap();
    let (now, before, six) = (st.meter(rel), st.meter_ago(rel, 3), st.meter_ago(rel, 6));
    let m3 = format!("start of {}", sc.calendar.label(st.turn - 2));
    let m6 = format!("start of {}", sc.calendar.label(st.turn - 5));
    // The figures compared are those the player saw as those months opened
    // (the end screen's chart keeps them too): two play-tests found the
    // closing figures, before the next month's news, nowhere on a screen.
    let seen = app.game().unwrap().timeline();
    let opened = |month: u8| seen[usize::from(month)][rel.index()];
    assert_eq!(before, opened(st.turn - 2), "3 months before");
    assert_eq!(six, opened(st.turn - 5), "6 months before");
    let screen = rows(&draw(&mut app, 80, 24));
    let all = words(&screen);
    let want =
        format!("Relations {now}, 3 months before ({m3}) {before}, 6 months before ({m6}) {six}: ");
    assert!(all.contains(&want), "{want} in {screen:#?}");
    assert!(all.contains("Settlement needs"), "{screen:#?}");
}

/// Scroll a pane to its foot a row at a time, and check the ▼ mark at
/// (`col`, `bottom`) never sits on a character: after each row scrolled, the
/// line that was under the mark shows whole one row up. Returns the rows scrolled.
fn scroll_checking_the_mark(app: &mut App, w: u16, h: u16, col: u16, bottom: u16) -> usize {
    let cell = |r: &[String], y: u16| r[y as usize].chars().nth(col as usize).unwrap_or(' ');
    let left = |r: &[String], y: u16| r[y as usize].chars().take(col as usize).collect::<String>();
    let mut scrolled = 0;
    for _ in 0..300 {
        let a = rows(&draw(app, w, h));
        if !matches!(cell(&a, bottom), '▼' | 'v') {
            return scrolled;
        }
        press(app, KeyCode::Down);
        let b = rows(&draw(app, w, h));
        if left(&b, bottom - 1) != left(&a, bottom) {
            return scrolled; // not one row on (a page that stopped): nothing to compare
        }
        scrolled += 1;
        let under = cell(&b, bottom - 1);
        assert!(
            matches!(under, ' ' | '▲'),
            "at {w}×{h} the ▼ mark covered {under:?} of {:?}",
            b[(bottom - 1) as usize]
        );
    }
    scrolled
}

/// Item 5: the ▲/▼ marks of a scrolled pane keep a column of their own. Whole
/// games on each side, at 80×24 and at the two-column report's widths: every
/// report page and the end screen scrolled to the foot, a row at a time.
#[test]
fn scroll_marks_never_cover_text() {
    let sc = Scenario::builtin();
    for (w, h) in [(80, 24), (120, 40), (110, 30)] {
        for side in detente::game::scenario::SideId::ALL {
            let mut app = App::new(sc.clone(), options(7, Players::One(side)));
            let mut scrolled = 0;
            for _ in 0..400 {
                draw(&mut app, w, h);
                match app.screen() {
                    // Report and end: the body runs from column 1, its marks in its last column.
                    Screen::Report(_) | Screen::End { .. } => {
                        scrolled += scroll_checking_the_mark(&mut app, w, h, w - 2, h - 3);
                    }
                    _ => {}
                }
                if matches!(app.screen(), Screen::End { .. }) {
                    break;
                }
                press(&mut app, KeyCode::Enter);
            }
            assert!(matches!(app.screen(), Screen::End { .. }), "the game ends");
            if w == 80 {
                // The help, a popup the width of the screen: its body ends a
                // column inside the border, its last row above the Close button.
                press(&mut app, KeyCode::Char('?'));
                scrolled += scroll_checking_the_mark(&mut app, w, h, w - 3, h - 3);
            }
            assert!(
                scrolled > 20,
                "the check scrolled: {scrolled} rows at {w}×{h}"
            );
        }
    }
}
