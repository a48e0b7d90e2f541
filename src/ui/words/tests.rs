//! Tests of the sentences `words.rs` makes from the built-in scenario.

use super::*;
use crate::game::report::Note;
use crate::game::scenario::EventId;

fn words(sc: &Scenario) -> Words<'_> {
    Words::new(sc, Theme::new(false, true), Viewer::Side(sc.default_player))
}

#[test]
fn causes_carry_their_sign() {
    let sc = Scenario::builtin();
    let w = words(&sc);
    let moscow = sc.side_id("moscow").unwrap();
    let rel = sc.meter("relations").unwrap();
    let counter = sc.move_id("counter_sanctions").unwrap();
    let cause = Cause::Move {
        side: moscow,
        mv: counter,
        outcome: Outcome::Always,
    };
    assert_eq!(w.change(rel, -4, cause), "−4 Moscow: Counter-sanctions");
    let opening = EventId(0);
    let fading = Cause::Fading {
        holder: moscow,
        source: MemorySource::Event(opening),
        index: 0,
    };
    assert_eq!(
        w.change(sc.meter("trust").unwrap(), 1, fading),
        "+1 INF exit [2019] fading"
    );
    let ten = sc.ladder().unwrap();
    assert_eq!(
        w.change(ten, -3, Cause::Capped),
        "−3 held back: the ladder climbs at most 14 a month"
    );
    let ascii = Words::new(&sc, Theme::new(true, true), Viewer::Side(sc.default_player));
    assert_eq!(ascii.change(rel, -4, cause), "-4 Moscow: Counter-sanctions");
}

#[test]
fn player_moves_and_answers_are_yours() {
    let sc = Scenario::builtin();
    let w = words(&sc);
    let us = sc.default_player;
    let rel = sc.meter("relations").unwrap();
    let summit = sc.move_id("summit").unwrap();
    let failed = Cause::Move {
        side: us,
        mv: summit,
        outcome: Outcome::Failure,
    };
    assert_eq!(
        w.change(rel, -2, failed),
        "−2 Your move: Propose a summit (failed)"
    );
    let inaug = sc.event_id("inauguration").unwrap();
    let answer = Cause::Choice {
        event: inaug,
        choice: 0,
    };
    assert_eq!(
        w.change(rel, 12, answer),
        "+12 Your answer: \"The US stands for peace\""
    );
    let drift = Cause::Drift { rule: 2 };
    assert_eq!(
        w.change(sc.ladder().unwrap(), -1, drift),
        "−1 Drift: Tension ebbs"
    );
}

#[test]
fn ledger_and_readings() {
    let sc = Scenario::builtin();
    let w = words(&sc);
    let m = Memory {
        source: MemorySource::Event(EventId(0)),
        index: 0,
        amount: -9,
        fade: 1,
    };
    assert_eq!(w.ledger_entry(&m), "INF exit [2019] −9, fading 1/mo");
    let moscow = sc.default_player.other();
    let note = Note::Reading {
        side: moscow,
        perceived: -1,
        misread: true,
        forgave: false,
    };
    assert_eq!(
        w.note(note).unwrap(),
        "Moscow misread your move as hostile."
    );
    let note = Note::Reading {
        side: moscow,
        perceived: -1,
        misread: false,
        forgave: true,
    };
    assert_eq!(
        w.note(note).unwrap(),
        "Moscow took your move as hostile, but let it pass."
    );
}

/// The ladder's warning names the scenario's crisis and says its warning sentence.
#[test]
fn the_ladder_warning_uses_the_scenarios_crisis_words() {
    let toml = crate::game::scenario::BUILTIN_TOML
        .replace("crisis = \"nuclear crisis\"", "crisis = \"a flash war\"")
        .replace(
            "crisis_warning = \"At 100 the game ends.\"",
            "crisis_warning = \"The top is the end.\"",
        );
    let sc = Scenario::from_toml("test.toml", &toml).unwrap();
    let said = words(&sc).note(Note::Warning { rung: 3 }).unwrap();
    assert!(
        said.contains("on the way to a flash war. The top is the end."),
        "{said}"
    );
    assert!(!said.contains("nuclear"), "{said}");
}

/// Playing Moscow, Washington's failed summit is not narrated as if a third party
/// called Moscow had turned it down: the refusal is the player's government's.
#[test]
fn a_rivals_move_names_the_players_own_side_as_theirs() {
    let sc = Scenario::builtin();
    let moscow = sc.side_id("moscow").unwrap();
    let washington = sc.default_player;
    let summit = sc.move_id("summit").unwrap();
    let note = Note::Moved {
        side: washington,
        mv: summit,
        success: Some(false),
    };
    let as_moscow = Words::new(&sc, Theme::new(false, true), Viewer::Side(moscow));
    let said = as_moscow.note(note).unwrap();
    assert_eq!(
        said,
        "Washington: Propose a summit. Your government turned the invitation down in public."
    );
    // Washington's own report keeps the scenario's words.
    let said = words(&sc).note(note).unwrap();
    assert!(
        said.contains("Moscow turned the invitation down in public."),
        "{said}"
    );
    assert_eq!(
        super::notes::as_yours(
            "Moscow's envoy said Moscow, not Muscovy, would wait.",
            "Moscow"
        ),
        "Your government's envoy said your government, not Muscovy, would wait."
    );
    assert_eq!(super::notes::as_yours("Moscowia", "Moscow"), "Moscowia");
}

/// Allied unity is good news for Washington and, since Moscow's good ending is
/// the coalition's split at a ceiling of it, bad news for Moscow: its move rows
/// colour "Ally−3" as a gain (it once coloured it as a loss).
#[test]
fn a_side_reads_a_meter_by_its_good_endings_when_it_does_not_score_it() {
    let sc = Scenario::builtin();
    let unity = sc.meter("unity").unwrap();
    let moscow = sc.side_id("moscow").unwrap();
    let washington = sc.side_id("washington").unwrap();
    let as_moscow = Words::new(&sc, Theme::new(false, true), Viewer::Side(moscow));
    let as_washington = Words::new(&sc, Theme::new(false, true), Viewer::Side(washington));
    assert!(as_washington.higher_is_better(unity));
    assert!(!as_moscow.higher_is_better(unity));
    // A meter Moscow scores keeps its score's reading.
    let rel = sc.meter("relations").unwrap();
    assert!(as_moscow.higher_is_better(rel));
}

/// A stage Washington's model put to a person playing Moscow is reported as
/// a question waiting for their answer, not as a success (it was not rolled).
#[test]
fn a_stage_put_to_the_player_reads_as_waiting_for_their_answer() {
    let sc = Scenario::builtin();
    let moscow = sc.side_id("moscow").unwrap();
    let washington = sc.default_player;
    for (mv, said_then) in [
        (
            "sign_successor",
            "Washington said it was ready to sign the successor treaty, and waits for your government's answer.",
        ),
        (
            "propose_successor",
            "Washington tabled a framework for a successor to New START, and waits for your government's answer.",
        ),
    ] {
        let note = Note::Moved {
            side: washington,
            mv: sc.move_id(mv).unwrap(),
            success: None,
        };
        let as_moscow = Words::new(&sc, Theme::new(false, true), Viewer::Side(moscow));
        let said = as_moscow.note(note).unwrap();
        assert!(said.ends_with(said_then), "{said}");
        assert!(!said.contains("Both sides signed"), "{said}");
    }
}

/// A card's closing question is for the side it concerns: the other side,
/// which only sees the answer, reads the card without it (a play-test as
/// Moscow read "What do you do with the offer?", then "Washington answered").
#[test]
fn a_cards_question_is_read_only_by_the_side_it_asks() {
    use super::without_question;
    assert_eq!(
        without_question("Kyiv and the allies look to Washington. What do you do with the offer?"),
        "Kyiv and the allies look to Washington."
    );
    assert_eq!(
        without_question("No formal reply followed.] How do you answer?"),
        "No formal reply followed.]"
    );
    assert_eq!(
        without_question("He said \"It is over.\" What now?"),
        "He said \"It is over.\""
    );
    // Nothing asked, or nothing but the question: the text as it stands.
    assert_eq!(
        without_question("Something happened."),
        "Something happened."
    );
    assert_eq!(without_question("What now?"), "What now?");
    // A quote that asks is not the card's question.
    assert_eq!(
        without_question("He asked \"why?\" and left."),
        "He asked \"why?\" and left."
    );
    let sc = Scenario::builtin();
    let moscow = sc.side_id("moscow").unwrap();
    let washington = sc.default_player;
    let offer = sc.events.iter().find(|e| e.id == "limits_reply").unwrap();
    assert_eq!(offer.concerns, washington);
    let as_moscow = Words::new(&sc, Theme::new(false, true), Viewer::Side(moscow));
    let as_washington = Words::new(&sc, Theme::new(false, true), Viewer::Side(washington));
    let both = Words::new(&sc, Theme::new(false, true), Viewer::Both);
    assert!(
        as_washington
            .card_text(offer)
            .ends_with("How do you answer?")
    );
    for w in [as_moscow, both] {
        let told = w.card_text(offer);
        assert!(!told.contains("How do you answer"), "{told}");
        assert!(told.ends_with("no formal reply followed.]"), "{told}");
    }
    // Every card that asks keeps something to read when the question goes.
    for e in &sc.events {
        assert!(!as_moscow.card_text(e).trim().is_empty(), "{}", e.id);
    }
}
