//! The end screen's parts checked apart: treaties at the deadline, the score in words.

use std::sync::Arc;

use super::*;
use crate::game::Difficulty;
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
    for side in [SideId(0), SideId(1)] {
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
