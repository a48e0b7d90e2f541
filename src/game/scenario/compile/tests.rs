//! What the compiler makes of the new scenario fields, and that the model
//! plays by the AI parameters it compiles.

use crate::game::dice::outcome_rng;
use crate::game::opponent;
use crate::game::scenario::{BUILTIN_TOML, Scenario, SideId};
use crate::game::state::{Difficulty, Setup, State};

const MINIMAL: &str = include_str!("../../../../tests/scenarios/good/minimal.toml");

/// The minimal scenario with a friendly and a hostile move for red, and
/// red's model at normal set by `normal` (an inline table's fields): it
/// never forgives, and misreads nothing unless `normal` says so.
fn red_model(normal: &str) -> Scenario {
    let moves = r#"[[moves]]
id = "red_smile"
side = "red"
name = "Smile"
stance = 1

[[moves]]
id = "red_growl"
side = "red"
name = "Growl"
stance = -1

[[events]]"#;
    let level = "forgiveness = 0.0, reciprocity = 0.5";
    // `misread` is required: 0 unless `normal` sets it.
    let misread = if normal.contains("misread =") {
        ""
    } else {
        ", misread = 0.0"
    };
    let ai = format!(
        "name = \"Red\"\nai = {{ easy = {{ {level}, misread = 0.0 }}, normal = {{ {level}, {normal}{misread} }}, hard = {{ {level}, misread = 0.0 }} }}\n"
    );
    let text = MINIMAL
        .replacen("[[events]]", moves, 1)
        .replacen("name = \"Red\"\n", &ai, 1);
    Scenario::from_toml("red_model.toml", &text).unwrap_or_else(|e| panic!("{e}"))
}

/// Red's answers to blue holding course (a neutral move), one per seed.
fn answers(sc: &Scenario) -> Vec<String> {
    let blue = sc.side_id("blue").unwrap();
    let red = sc.side_id("red").unwrap();
    let st = State::new(sc, Setup::single(blue, Difficulty::Normal));
    let hold = sc.move_id("blue_hold").unwrap();
    (0..200)
        .map(|seed| {
            let mut rng = outcome_rng(seed);
            let m = opponent::answer(sc, &st, red, Some(hold), &mut rng, &mut ());
            sc.mv(m).id.clone()
        })
        .collect()
}

fn count(answers: &[String], id: &str) -> usize {
    answers.iter().filter(|a| *a == id).count()
}

#[test]
fn the_defaults_are_the_model_as_first_tuned() {
    let sc = red_model("whim = 0.0");
    let p = sc.side(SideId(1)).ai[Difficulty::Normal.index()];
    assert_eq!(
        (
            p.misread_scale,
            p.neutral_friendly,
            p.neutral_friendly_per_trust,
            p.neutral_hostile_from,
            p.neutral_hostile_per_trust
        ),
        (1.5, 0.1, 0.4, 0.55, 0.4)
    );
    // With them, a neutral move is answered every way.
    let a = answers(&sc);
    assert!(
        count(&a, "red_smile") > 0 && count(&a, "red_growl") > 0,
        "{a:?}"
    );
}

#[test]
fn neutral_answer_thresholds_are_read_from_the_scenario() {
    let friendly = answers(&red_model("neutral_friendly = 1.0"));
    assert_eq!(
        count(&friendly, "red_smile"),
        friendly.len(),
        "{friendly:?}"
    );
    let hostile = answers(&red_model(
        "neutral_friendly = 0.0, neutral_friendly_per_trust = 0.0, neutral_hostile_from = 0.0, neutral_hostile_per_trust = 0.0",
    ));
    assert_eq!(count(&hostile, "red_growl"), hostile.len(), "{hostile:?}");
}

#[test]
fn misread_scale_is_read_from_the_scenario() {
    // Misread at 0.5 × (scale − trust 0.5): half the time by default, always
    // at scale 10; a misread neutral move reads hostile, and red never forgives.
    let calm = "misread = 0.5, neutral_friendly = 0.0, neutral_friendly_per_trust = 0.0, neutral_hostile_from = 1.0";
    let default = answers(&red_model(calm));
    let suspicious = answers(&red_model(&format!("{calm}, misread_scale = 10.0")));
    assert_eq!(
        count(&suspicious, "red_growl"),
        suspicious.len(),
        "{suspicious:?}"
    );
    assert!(count(&default, "red_growl") < default.len(), "{default:?}");
}

#[test]
fn builtin_marks_exactly_its_game_cards_as_fiction() {
    let sc = Scenario::builtin();
    // Until now the UI decided by the source's first word; the data now says
    // the same, so switching the UI to `is_fiction` changes no screen.
    for e in &sc.events {
        assert_eq!(e.is_fiction(), e.source.starts_with("Game "), "{}", e.id);
    }
    assert!(sc.events.iter().any(super::super::Event::is_fiction));
    assert!(
        sc.events
            .iter()
            .all(|e| e.is_fiction() || !e.source.is_empty())
    );
}

#[test]
fn builtin_ladder_has_todays_crisis_words() {
    let sc = Scenario::builtin();
    let top = sc.ladder_top().expect("the built-in scenario has a ladder");
    assert_eq!(top.crisis, "nuclear crisis");
    assert_eq!(top.warning, "At 100 the game ends.");
    let plain = sc.meter("relations").unwrap();
    assert!(sc.meter_def(plain).top.is_none());
    assert!(BUILTIN_TOML.contains("crisis = \"nuclear crisis\""));
}

#[test]
fn a_card_with_neither_source_nor_fiction_is_refused() {
    let text = MINIMAL.replace("fiction = true\n", "");
    let e = Scenario::from_toml("m.toml", &text).unwrap_err();
    assert_eq!(e.0.len(), 1, "{e}");
    assert_eq!(e.0[0].field, "events[0].source");
}

#[test]
fn futures_are_read_from_the_scenario_and_reach_the_look_ahead() {
    use crate::game::opponent::LookAhead;
    let red = |sc: &Scenario| sc.side_id("red").expect("red is a side");
    let default = red_model("lookahead = true");
    let few = red_model("lookahead = true, futures = 3");
    let ai = |sc: &Scenario| sc.side(red(sc)).ai[1];
    assert_eq!(ai(&default).futures, 16);
    assert_eq!(ai(&few).futures, 3);
    assert_eq!(LookAhead::of(&ai(&few)).samples, 3);
    assert_eq!(LookAhead::of(&ai(&default)).samples, 16);
}
