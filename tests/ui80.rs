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

/// A move's description longer than the details' rows at 80×24 (Moscow's
/// "Deepen ties with Beijing") reads whole: the key line says PgDn gives more,
/// each PgDn shows the next rows (the last row again first, so a row cut short
/// is read whole), the last page says PgUp goes back, and another move opens at
/// its top. A play-test could not read past "…".
#[test]
fn a_long_description_reads_whole_by_paging_the_details() {
    let sc = Scenario::builtin();
    let side = sc.side_id("moscow").unwrap();
    let mv = sc.move_id("beijing_ties").expect("the move");
    let m = sc.mv(mv);
    let at = sc.moves_of(side).position(|x| x == mv).unwrap();
    let mut app = App::new(sc.clone(), options(7, moscow(&sc)));
    start(&mut app);
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = draw(&mut app, 80, 24);
    let screen = rows(&first);
    let footer = |s: &[String]| s[s.len() - 1].clone();
    assert!(footer(&screen).starts_with("PgDn more · "), "{screen:#?}");
    let top = screen
        .iter()
        .position(|r| r.starts_with(&format!("{}: ", m.name)))
        .expect("the details");
    let details = |s: &[String]| s[top..s.len() - 1].to_vec();
    let cut = details(&screen);
    assert!(
        !norm(&cut.join(" ")).contains(&norm(&m.describe)),
        "cut at first: {cut:#?}"
    );
    insta::assert_snapshot!("long_description_first_page", first.backend());

    // Page down until the key line stops offering more, putting the rows
    // together: each page's last row may be cut (it opens the next page whole),
    // and the last page overlaps what was read.
    let mut read: Vec<String> = Vec::new();
    let mut page = cut;
    let mut last = first;
    for _ in 0..10 {
        let more = footer(&rows(&last)).starts_with("PgDn more");
        let take = if more { page.len() - 1 } else { page.len() };
        let overlap = (0..=take.min(read.len()))
            .rev()
            .find(|k| read[read.len() - k..] == page[..*k])
            .unwrap_or(0);
        read.extend(page[overlap..take].iter().cloned());
        if !more {
            break;
        }
        press(&mut app, KeyCode::PageDown);
        last = draw(&mut app, 80, 24);
        page = details(&rows(&last));
    }
    let whole = norm(&read.join(" "));
    assert!(whole.contains(&norm(&m.describe)), "{whole}");
    let end = rows(&last);
    assert!(footer(&end).starts_with("PgUp back · "), "{end:#?}");
    insta::assert_snapshot!("long_description_last_page", last.backend());

    // Another move opens at the top of its details.
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Down);
    let again = rows(&draw(&mut app, 80, 24));
    assert_eq!(details(&again), details(&screen), "{again:#?}");
}
