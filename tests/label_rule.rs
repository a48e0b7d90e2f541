//! The label rule: a meter's band word never names an ending the game has not
//! reached. `check-scenario` refuses a file that breaks it; the built-in keeps it.

use std::path::PathBuf;
use std::process::Command;

use detente::game::Scenario;
use detente::sim::check::label_problems;

const MINIMAL: &str = include_str!("scenarios/good/minimal.toml");

/// The minimal scenario with labels on `heat`, whose ending "Boiled over" comes at 100.
fn with_heat_labels(labels: &str) -> String {
    let heat = "id = \"heat\"\nname = \"Heat\"\nstart = 20\n";
    assert!(MINIMAL.contains(heat), "minimal.toml's heat meter moved");
    MINIMAL.replace(heat, &format!("{heat}labels = {labels}\n"))
}

/// Run `detente check-scenario` on `text` written to a file of this test's own.
fn check(name: &str, text: &str) -> (Option<i32>, String) {
    let path: PathBuf = std::env::temp_dir().join(format!(
        "detente-label-rule-{}-{name}.toml",
        std::process::id()
    ));
    std::fs::write(&path, text).expect("write the scenario");
    let out = Command::new(env!("CARGO_BIN_EXE_detente"))
        .arg("check-scenario")
        .arg(&path)
        .output()
        .expect("the detente binary runs");
    let _ = std::fs::remove_file(&path);
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code(), said)
}

/// "Boiled" from 90 while the game boils over only at 100: refused, naming the
/// meter, the word, the first value that misleads and the ending.
#[test]
fn check_scenario_refuses_a_label_that_names_an_ending_not_reached() {
    let (code, said) = check(
        "bad",
        &with_heat_labels("[[0, \"Cool\"], [90, \"Boiled\"]]"),
    );
    assert_eq!(code, Some(2), "{said}");
    for part in ["`heat`", "\"Boiled\"", "at 99", "`boil_over`"] {
        assert!(said.contains(part), "{part} in: {said}");
    }
}

/// The same word on a band of the ending's values alone is honest.
#[test]
fn check_scenario_accepts_the_word_on_the_ending_s_own_band() {
    let labels = "[[0, \"Cool\"], [90, \"Simmering\"], [100, \"Boiled\"]]";
    let (code, said) = check("good", &with_heat_labels(labels));
    assert_eq!(code, Some(0), "{said}");
}

/// Play-test: "Relations 70 Détente" read as a win before the deadline, though
/// Détente also needs a signed treaty and a rising trend. A band named for an
/// ending that needs more than the meter is refused; the built-in's top band of
/// relations is "Cordial".
#[test]
fn check_scenario_refuses_a_label_named_for_an_ending_that_needs_more() {
    let builtin = include_str!("../assets/scenarios/low-point-2024.toml");
    let top = "[70, \"Cordial\"]";
    assert!(builtin.contains(top), "the relations labels moved");
    let (code, said) = check("named", &builtin.replace(top, "[70, \"Détente\"]"));
    assert_eq!(code, Some(2), "{said}");
    for part in ["`relations`", "\"Détente\"", "from 70", "`detente`"] {
        assert!(said.contains(part), "{part} in: {said}");
    }
}

/// The built-in scenario keeps the rule (allied unity reads "Fractured" only at
/// 0; the ladder's last rung before the crisis is not called a crisis).
#[test]
fn the_builtin_labels_are_honest() {
    let sc = Scenario::builtin();
    assert_eq!(label_problems(&sc), Vec::<String>::new());
    let unity = sc.meter_def(sc.meter("unity").expect("unity"));
    assert_eq!(unity.label(0), "Fractured");
    assert_ne!(unity.label(1), "Fractured");
    // Moscow counts a split at 8: 8 and 9 read differently.
    assert_ne!(unity.label(8), unity.label(9));
}
