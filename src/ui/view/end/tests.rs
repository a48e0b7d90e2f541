//! The end screen's parts checked apart: treaties at the deadline, the score in words.

use std::sync::Arc;

use super::*;
use crate::game::scenario::{EndingCheck, TreatyStatus};
use crate::game::{Difficulty, Phase};
use crate::ui::seats::Players;

/// Item 8 of issue 11: a treaty still in force or suspended when the
/// calendar ran out shows as expired, as the endings say, not "⚠ suspended".
#[test]
fn a_treaty_still_running_at_the_deadline_shows_as_expired() {
    let sc = Arc::new(Scenario::builtin());
    let game = super::super::record::tests::played_game(&sc, SideId(0));
    let st = game.state();
    assert!(matches!(st.phase, Phase::Over(e) if sc.ending(e).check == EndingCheck::Deadline));
    let i = sc
        .treaties
        .iter()
        .position(|t| t.id == "new_start")
        .unwrap();
    let running = [TreatyStatus::InForce, TreatyStatus::Suspended];
    assert!(
        running.contains(&st.treaties[i]),
        "the state keeps its last status"
    );
    let words = Words::new(&sc, Theme::new(false, true), Viewer::Side(SideId(0)));
    let lines = revealed(&sc, &game, &words, 77);
    let spans = lines.iter().flat_map(|l| l.spans.iter());
    let text = spans
        .map(|s| s.content.as_ref())
        .collect::<Vec<_>>()
        .join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("New START expired"), "{text}");
    assert!(!text.contains("suspended"), "{text}");
}

/// "Tension ×-1", "-10 for each rung": the score's words write minus signs.
#[test]
fn the_score_words_write_minus_signs() {
    let sc = Arc::new(Scenario::builtin());
    for side in SideId::ALL {
        let g = Game::new(sc.clone(), 7, Players::One(side).setup(Difficulty::Normal));
        let s = score_words(&sc, &g, -25.0, side);
        let hyphen_minus = s
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b'-' && w[1].is_ascii_digit());
        assert!(!hyphen_minus, "{s}");
        assert!(s.contains('−'), "{s}");
    }
}

/// The rows' words, joined.
fn said(lines: &[Line<'_>]) -> String {
    let text = lines
        .iter()
        .flat_map(|l| l.spans.iter().map(|s| s.content.as_ref()))
        .collect::<Vec<_>>()
        .join(" ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Item 1 of the play-test: the end screen shows what "a growth trajectory"
/// was checked against — the relations at the end and 3 months before, as the
/// rules compared them — and whether the ending's trend held.
#[test]
fn the_end_shows_the_trend_the_ending_checked() {
    let sc = Arc::new(Scenario::builtin());
    let us = SideId(0);
    let game = super::super::record::tests::played_game(&sc, us);
    let t = Theme::new(false, true);
    let rel = sc.meter("relations").unwrap();
    let mut st = *game.state();
    let m3 = format!("start of {}", sc.calendar.label(st.turn - 2));
    let m6 = format!("start of {}", sc.calendar.label(st.turn - 5));
    let now = st.meter(rel);
    // Three months before, the relations stood 4 lower (rising), then 3 higher
    // (falling), then the same (level: not rising either). The ring holds that
    // value for every month, so the trend's windows are now and two of them
    // against three of them.
    let mean = |sum: i16| (f64::from(sum) / 3.0).round();
    for (before, point, trend) in [
        (
            now - 4,
            format!(
                "✓ Relations {now}, 3 months before ({m3}) {}, 6 months before ({m6}) {}: rising, as Détente needs.",
                now - 4,
                now - 4
            ),
            format!(
                "✓ Relations averaged {} over the last 3 months, {} over the 3 months before: rising, as Détente needs.",
                mean(3 * now - 8),
                now - 4
            ),
        ),
        (
            now + 3,
            format!(
                "✗ Relations {now}, 3 months before ({m3}) {}, 6 months before ({m6}) {}: falling — Détente needs it rising.",
                now + 3,
                now + 3
            ),
            format!(
                "✗ Relations averaged {} over the last 3 months, {} over the 3 months before: falling — Détente needs it rising.",
                mean(3 * now + 6),
                now + 3
            ),
        ),
        (
            now,
            format!(
                "✗ Relations {now}, 3 months before ({m3}) {now}, 6 months before ({m6}) {now}: level — Détente needs it rising."
            ),
            format!(
                "✗ Relations averaged {now} over the last 3 months, {now} over the 3 months before: level — Détente needs it rising."
            ),
        ),
    ] {
        for slot in &mut st.trend {
            slot[rel.index()] = before as u8;
        }
        assert_eq!(st.meter_ago(rel, 3), before);
        assert_eq!(
            said(&trend::lines(&sc, &st, us, &t, 77)),
            format!("{point} {trend}")
        );
    }
    // Higher than 3 months before but not than 6: the line names the miss.
    for slot in &mut st.trend {
        slot[rel.index()] = (now - 4) as u8;
    }
    // The end of month `turn − 6` sits in slot `turn mod 6` (the ring holds six).
    let six = usize::from(st.turn) % 6;
    st.trend[six][rel.index()] = (now + 2) as u8;
    assert_eq!(st.meter_ago(rel, 6), now + 2);
    let got = said(&trend::lines(&sc, &st, us, &t, 77));
    assert!(
        got.starts_with(&format!(
            "✗ Relations {now}, 3 months before ({m3}) {}, 6 months before ({m6}) {}: not higher than 6 months before — Détente needs it rising.",
            now - 4,
            now + 2
        )),
        "{got}"
    );
    // Means a third apart read alike in whole numbers: to a tenth, then.
    for slot in &mut st.trend {
        slot[rel.index()] = now as u8;
    }
    let three = (usize::from(st.turn) + 6 - 3) % 6;
    st.trend[three][rel.index()] = (now - 1) as u8;
    let got = said(&trend::lines(&sc, &st, us, &t, 77));
    let (a, b) = (f64::from(now), f64::from(now) - 1.0 / 3.0);
    assert!(
        got.contains(&format!(
            "Relations averaged {a:.1} over the last 3 months, {b:.1} over the 3 months before: rising"
        )),
        "{got}"
    );
    // The game as played: the values are the state's own.
    let st = game.state();
    let got = said(&trend::lines(&sc, st, us, &t, 77));
    let before = st.meter_ago(rel, 3);
    assert!(
        got.contains(&format!(
            "Relations {}, 3 months before ({m3}) {before}, 6 months before ({m6}) {}: ",
            st.meter(rel),
            st.meter_ago(rel, 6)
        )),
        "{got}"
    );
    let (recent, earlier) = st.meter_windows(rel, 3);
    let mean = |sum: i32| (f64::from(sum) / 3.0).round();
    assert!(
        got.contains(&format!(
            "Relations averaged {} over the last 3 months, {} over the 3 months before: ",
            mean(recent),
            mean(earlier)
        )),
        "{got}"
    );
    // Moscow's Settlement asks the same of Moscow's game.
    let moscow = sc.side_id("moscow").unwrap();
    let got = said(&trend::lines(&sc, st, moscow, &t, 77));
    assert!(
        got.contains("Settlement needs") || got.contains("as Settlement needs"),
        "{got}"
    );
    // An ending before the deadline checked no trend: nothing to say.
    let mut early = *st;
    early.phase = Phase::Over(sc.ending_id("nuclear_crisis").unwrap());
    assert!(trend::lines(&sc, &early, us, &t, 77).is_empty());
}

/// A play-test read two ✓ trend lines under a Cold peace and could not tell
/// why it was not a Détente: the end screen says which of Détente's bounds
/// and treaty stages the game missed, and says nothing of them for a Détente.
#[test]
fn the_end_says_what_kept_the_game_from_a_better_ending() {
    let sc = Arc::new(Scenario::builtin());
    let us = SideId(0);
    let game = super::super::record::tests::played_game(&sc, us);
    let t = Theme::new(false, true);
    let rel = sc.meter("relations").unwrap();
    let at = sc.treaty_id("new_start").unwrap().index();
    let mut st = *game.state();
    st.meters[rel.index()] = 32;
    st.treaties[at] = TreatyStatus::Drafted;
    st.phase = Phase::Over(sc.ending_id("cold_peace").unwrap());
    assert_eq!(
        said(&trend::missed(&sc, &st, us, &t, 77)),
        "✗ Relations 32: Détente needs 55 or more. \
         ✗ New START text drafted: Détente needs New START successor agreed."
    );
    // Play-test: "✗ New START suspended: Settlement needs it successor agreed."
    // under a list reading "✗ New START expired". A treaty left suspended at the
    // deadline reads as expired here too.
    st.treaties[at] = TreatyStatus::Suspended;
    assert_eq!(
        said(&trend::missed(&sc, &st, us, &t, 77)),
        "✗ Relations 32: Détente needs 55 or more. \
         ✗ New START expired: Détente needs New START successor agreed."
    );
    // Relations enough, the treaty signed: only what is still missing, nothing.
    st.meters[rel.index()] = 55;
    st.treaties[at] = TreatyStatus::SuccessorAgreed;
    assert_eq!(said(&trend::missed(&sc, &st, us, &t, 77)), "");
    st.phase = Phase::Over(sc.ending_id("detente").unwrap());
    assert!(trend::missed(&sc, &st, us, &t, 77).is_empty());
    // An ending before the deadline (a crisis) explains itself.
    st.phase = Phase::Over(sc.ending_id("nuclear_crisis").unwrap());
    assert!(trend::missed(&sc, &st, us, &t, 77).is_empty());
    // Moscow's side names its own ending.
    let moscow = sc.side_id("moscow").unwrap();
    st.meters[rel.index()] = 20;
    st.phase = Phase::Over(sc.ending_id("moscow_cold_peace").unwrap());
    assert_eq!(
        said(&trend::missed(&sc, &st, moscow, &t, 77)),
        "✗ Relations 20: Settlement needs 30 or more."
    );
}
