//! The game screen says what a thinking player needs at 80×24: both outcomes of
//! a move that can fail, and Moscow's leverage to Washington as an estimate only.

use detente::game::Scenario;
use detente::game::scenario::Display;
use detente::ui::{App, Options, Players, Screen};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn options(players: Players, ascii: bool) -> Options {
    Options {
        ascii,
        ..Options::seeded(7, players)
    }
}

fn washington() -> Players {
    Players::usual(&Scenario::builtin())
}

fn moscow() -> Players {
    Players::One(Scenario::builtin().side_id("moscow").expect("Moscow"))
}

fn press(app: &mut App, code: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// The first month's game screen (the title's "New game", then "Begin").
fn first_month(players: Players, ascii: bool) -> App {
    let mut app = App::new(Scenario::builtin(), options(players, ascii));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen(), Screen::Playing { .. }));
    press(&mut app, KeyCode::Char('g')); // the list from its first move
    app
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| app.draw(f)).expect("draw");
    // The backend quotes each row: take the quotes off.
    t.backend()
        .to_string()
        .lines()
        .map(|l| {
            l.strip_prefix('"')
                .and_then(|l| l.strip_suffix('"'))
                .unwrap_or(l)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The screen's row that names `what`.
fn row<'a>(text: &'a str, what: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(what))
        .unwrap_or_else(|| panic!("no row with {what}:\n{text}"))
}

/// Arms-control talks can fail: at 80×24 its row gives the odds it works, what
/// moves most if it does and what if it does not, then the odds Moscow hits back.
#[test]
fn a_move_that_can_fail_shows_both_outcomes_at_80x24() {
    let mut app = first_month(washington(), false);
    let text = screen(&mut app, 80, 24);
    for mv in ["Arms-control talks", "Back-channel contact"] {
        let r = row(&text, mv);
        let works = r.find('✓').unwrap_or_else(|| panic!("{r}"));
        let fails = r.find(" │ ✗").unwrap_or_else(|| panic!("{r}"));
        assert!(works < fails, "{r}");
        assert!(
            r[works..fails].contains("% "),
            "its odds, then a change: {r}"
        );
        assert!(r.contains(" · R"), "the odds of an answer stay: {r}");
        assert!(!r.contains('…'), "nothing cut: {r}");
    }
    let talks = row(&text, "Arms-control talks");
    assert!(
        talks.contains("Arms+"),
        "progress comes if talks work: {talks}"
    );
    // A move that cannot fail keeps its one line of medians.
    let sanctions = row(&text, "Impose sanctions");
    assert!(
        !sanctions.contains('✓') && sanctions.contains("Rel−"),
        "{sanctions}"
    );
}

/// In ASCII the two outcomes read "ok36% ... / x ...".
#[test]
fn both_outcomes_in_ascii() {
    let mut app = first_month(washington(), true);
    let text = screen(&mut app, 80, 24);
    let r = row(&text, "Arms-control talks");
    assert!(r.contains(" ok") && r.contains(" / x "), "{r}");
    assert!(r.is_ascii(), "{r}");
}

/// The selected move's details say both outcomes in words.
#[test]
fn the_details_say_both_outcomes_in_words() {
    let mut app = first_month(washington(), false);
    for _ in 0..6 {
        press(&mut app, KeyCode::Down); // to Arms-control talks
    }
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("▸ Arms-control talks"), "{text}");
    let flat = text
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join(" ");
    let works = flat
        .find("if it works (")
        .expect("the success branch in words");
    let fails = flat
        .find("if it fails (")
        .expect("the failure branch in words");
    assert!(works < fails, "{flat}");
    // The words name the meter as the scenario does (the rows use the short "Arms").
    assert!(
        flat[works..fails].contains("Arms-control progress 0→"),
        "{flat}"
    );
}

/// The exact value after a word naming leverage, if any: "Leverage 52", "leverage 50 → 53".
fn exact_leverage(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    lower.match_indices("leverage").find_map(|(i, w)| {
        let rest = lower[i + w.len()..].trim_start_matches([' ', ':']);
        rest.starts_with(|ch: char| ch.is_ascii_digit() || "+−-".contains(ch))
            .then(|| text[i..(i + 20).min(text.len())].to_string())
    })
}

/// Washington sees Moscow's leverage only rounded and marked as an estimate: on
/// the game screen, in its forecasts and on the month's report.
#[test]
fn washington_sees_moscows_leverage_only_as_an_estimate() {
    let mut app = first_month(washington(), false);
    let sc = Scenario::builtin();
    let lev = sc.meter("leverage").expect("leverage");
    for month in 0..4 {
        let v = app.game().expect("a game").state().meter(lev);
        for (w, h) in [(80, 24), (120, 40)] {
            let text = screen(&mut app, w, h);
            let est = format!("≈{} (est.)", Display::estimate(v));
            assert!(text.contains(&est), "month {month}, {w}×{h}: {est}\n{text}");
            assert_eq!(exact_leverage(&text), None, "{text}");
        }
        press(&mut app, KeyCode::Char('G')); // Hold course
        press(&mut app, KeyCode::Enter);
        while !matches!(app.screen(), Screen::Playing { .. }) {
            let text = screen(&mut app, 120, 60);
            assert_eq!(exact_leverage(&text), None, "{text}");
            press(&mut app, KeyCode::Enter);
        }
    }
}

/// Moscow sees its own leverage exactly, as a gauge.
#[test]
fn moscow_sees_its_leverage_exactly() {
    let mut app = first_month(moscow(), false);
    let text = screen(&mut app, 80, 24);
    let r = row(&text, "Moscow's leverage");
    let game = app.game().expect("a game");
    let i = (game.scenario().meters.iter())
        .position(|m| m.id == "leverage")
        .expect("the built-in scenario has leverage");
    let start = game.state().meters[i];
    assert!(r.contains(&format!(" {start} ")) && !r.contains('≈'), "{r}");
}
