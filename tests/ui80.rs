//! The screens read whole at 80×24: a treaty stage at risk said on the game
//! screen and in a move's details, Moscow's "Where things stand" whole, the
//! meters named as the scenario names them. Drawn through the real app into a
//! `TestBackend`, kept under review as insta snapshots.

mod apps;

use apps::{draw, options, press, rows};
use detente::game::Scenario;
use detente::ui::{App, Players};
use ratatui::crossterm::event::KeyCode;

const BUILTIN: &str = include_str!("../assets/scenarios/low-point-2024.toml");

/// The built-in scenario with New START's successor framework already agreed:
/// with Moscow's trust at 13, under the 25 the framework needs, it is at risk
/// from the first month.
fn framework_at_risk() -> Scenario {
    let text = BUILTIN.replacen(
        "status = \"suspended\"\nnote = \"Extended",
        "status = \"framework\"\nnote = \"Extended",
        1,
    );
    assert_ne!(text, BUILTIN, "New START's line in the scenario moved");
    Scenario::from_toml("framework.toml", &text).expect("the scenario compiles")
}

fn moscow(sc: &Scenario) -> Players {
    Players::One(sc.side_id("moscow").expect("Moscow"))
}

/// From the title to the first month's game screen, the list at its first move.
fn start(app: &mut App) {
    press(app, KeyCode::Enter);
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char('g'));
}

#[test]
fn a_framework_at_risk_is_said_under_the_treaties_and_in_the_details() {
    let sc = framework_at_risk();
    let mut app = App::new(sc.clone(), options(7, Players::usual(&sc)));
    start(&mut app);
    let t = draw(&mut app, 80, 24);
    let screen = rows(&t);
    let warn = "⚠ New START slips back to suspended at month end: Moscow's trust 13 ≤ 25";
    assert!(screen.iter().any(|r| r.trim_end() == warn), "{screen:#?}");
    let all = screen.join(" ");
    let how_far = "⚠ Unless this month lifts Moscow's trust to 26 (now 13), New START slips back to suspended.";
    let words = all.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(how_far),
        "the details say how far: {screen:#?}"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn no_risk_no_warning() {
    let sc = Scenario::builtin();
    let mut app = App::new(sc.clone(), options(7, Players::usual(&sc)));
    start(&mut app);
    let screen = rows(&draw(&mut app, 80, 24)).join("\n");
    assert!(!screen.contains("slips back"), "{screen}");
}

/// Moscow's opening "Where things stand" names every meter Moscow sees, by the
/// scenario's name, each with its value, wrapped whole at 80 columns (it was
/// one row of short names cut with "…").
#[test]
fn moscow_sees_where_things_stand_whole_at_80x24() {
    let sc = Scenario::builtin();
    let mut app = App::new(sc.clone(), options(7, moscow(&sc)));
    press(&mut app, KeyCode::Enter); // title: "New game" → the opening report
    let t = draw(&mut app, 80, 24);
    let screen = rows(&t);
    let at = screen
        .iter()
        .position(|r| r.starts_with(" Where things stand: "))
        .expect("the opening's summary");
    let mut said = screen[at].clone();
    for r in &screen[at + 1..] {
        if !r.starts_with("   ") || r.trim().is_empty() {
            break;
        }
        said.push_str(r);
    }
    let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!said.contains('…'), "{said}");
    let g = app.game().expect("a game");
    let side = sc.side_id("moscow").unwrap();
    let mut named = 0;
    for (i, m) in sc.meters.iter().enumerate() {
        if m.display_for[side.index()].exact() {
            let item = format!("{} {}", m.name, g.state().meters[i]);
            assert!(said.contains(&item), "{item} in {said}");
            named += 1;
        }
    }
    assert!(named >= 8, "Moscow sees most meters: {said}");
    assert!(
        !said.contains("USTrust") && !said.contains("RuTrust"),
        "{said}"
    );
    insta::assert_snapshot!(t.backend());
}

/// Moscow's forecast in the details names Washington's trust as the panel
/// does, never by the short "USTrust".
#[test]
fn the_forecast_words_name_meters_as_the_panel_does() {
    let sc = Scenario::builtin();
    let mut app = App::new(sc.clone(), options(7, moscow(&sc)));
    start(&mut app);
    let screen = rows(&draw(&mut app, 80, 24));
    let at = screen
        .iter()
        .position(|r| r.contains("Advisor, a month on"))
        .expect("the forecast in the details");
    let words = screen[at..screen.len() - 1].join(" ");
    assert!(words.contains("Washington's trust"), "{words}");
    assert!(
        !words.contains("USTrust") && !words.contains("RuTrust"),
        "{words}"
    );
    let panel = screen[..at].join(" ");
    assert!(panel.contains("Washington's trust"), "{panel}");
}
