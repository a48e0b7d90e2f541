//! How a game ends and what it is worth: the endings each side reaches and
//! each side's score. The UI and the simulator ask here; they never decide.

use super::cond::holding;
use super::report::{Journal, Note};
use super::rules::holds;
use super::scenario::{EndingCheck, EndingId, Scenario, SetBits, SideId};
use super::state::{Phase, State};

/// End the game if an ending of this kind holds for a side a person plays.
pub(super) fn check_endings<J: Journal>(
    sc: &Scenario,
    st: &mut State,
    check: EndingCheck,
    j: &mut J,
) -> bool {
    // Every side a person plays can end the game (the first such side when none is human).
    let first = st.setup.player();
    let mut found = find_ending(sc, st, first, check);
    if found.is_none() {
        found = SideId::ALL
            .into_iter()
            .filter(|s| *s != first && st.setup.human[s.index()])
            .find_map(|side| find_ending(sc, st, side, check));
    }
    if let Some(e) = found {
        st.phase = Phase::Over(e);
        st.pending = Default::default();
        j.note(Note::Ended { ending: e });
        return true;
    }
    false
}

/// The first ending of a side of this kind whose condition holds.
#[inline]
#[must_use]
pub fn find_ending(
    sc: &Scenario,
    st: &State,
    side: SideId,
    check: EndingCheck,
) -> Option<EndingId> {
    // The side's endings of this kind, from the index, decided together
    // (checked always, this is asked twice a month): the lowest id that
    // holds is the first in scenario order.
    let kind = usize::from(check == EndingCheck::Deadline);
    let set = &sc.index.endings[side.index()][kind];
    let held = holding(set, st, set.all, |i| holds(&sc.endings[i].when, st));
    held.lowest().map(|i| EndingId(i as u8))
}

/// The ending a side reaches in a finished game's state (for scoring the other side too).
#[must_use]
pub fn ending_for(sc: &Scenario, st: &State, side: SideId) -> Option<EndingId> {
    find_ending(sc, st, side, EndingCheck::Always)
        .or_else(|| find_ending(sc, st, side, EndingCheck::Deadline))
}

/// A side's score for a finished (or unfinished) game.
#[must_use]
pub fn score(sc: &Scenario, st: &State, side: SideId) -> i32 {
    let s = sc.side(side);
    let meters: f64 = s
        .score
        .iter()
        .map(|(m, w)| w * f64::from(st.meter(*m)))
        .sum();
    // The ending the game stopped on counts only for the side it belongs to.
    let reached = st.ending().filter(|e| sc.ending(*e).side == side);
    let ending = reached
        .or_else(|| ending_for(sc, st, side))
        .map_or(0.0, |e| sc.ending(e).bonus);
    let months = f64::from(st.turn) + 1.0;
    (meters + ending + s.score_per_turn * months + s.score_per_peak_rung * f64::from(st.peak_rung))
        .round() as i32
}

/// A side's ending and score in a game's state. The state's ending is the one
/// that ended the game, which may be the other side's; a side without it gets
/// its own from [`ending_for`]. The score counts that side's own ending, not
/// the other's.
#[must_use]
pub fn result_for(sc: &Scenario, st: &State, side: SideId) -> (Option<EndingId>, i32) {
    let ending = st
        .ending()
        .filter(|e| sc.ending(*e).side == side)
        .or_else(|| ending_for(sc, st, side));
    (ending, score(sc, st, side))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::scenario::SIDES;
    use crate::game::state::{Difficulty, Setup};

    /// Two players, and Moscow's ending ended the game: Washington gets its own
    /// ending and score, never Moscow's ending's bonus.
    #[test]
    fn each_side_is_scored_on_its_own_ending() {
        let sc = Scenario::builtin();
        let moscow = sc.side_id("moscow").unwrap();
        let washington = sc.default_player;
        let turmoil = sc.ending_id("moscow_turmoil").unwrap();
        let setup = Setup {
            human: [true; SIDES],
            difficulty: Difficulty::Normal,
        };
        let mut st = State::new(&sc, setup);
        st.meters[sc.meter("kremlin").unwrap().index()] = 0;
        st.phase = Phase::Over(turmoil);
        let (m_end, m_score) = result_for(&sc, &st, moscow);
        assert_eq!(m_end, Some(turmoil));
        let (w_end, w_score) = result_for(&sc, &st, washington);
        let w_end = w_end.expect("Washington has an ending");
        assert_eq!(sc.ending(w_end).side, washington);
        assert_eq!(score(&sc, &st, washington), w_score);
        let washington_alone = {
            let mut s = st;
            s.phase = Phase::Over(w_end);
            score(&sc, &s, washington)
        };
        assert_eq!(w_score, washington_alone);
        assert!(m_score != w_score);
    }
}
