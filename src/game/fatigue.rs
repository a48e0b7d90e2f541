//! Fatigue: a move made again soon does less. Each use raises the move's
//! tiredness by the scenario's `fatigue_months`; it falls by 1 a month; while
//! it is up, the move's meter changes and memories shrink by its `fatigue`
//! percent per recent use. Integers only.

use super::scenario::{MoveId, Scenario};
use super::state::State;

/// How many recent uses weigh on a move now: `⌈tired / fatigue_months⌉`.
#[must_use]
pub fn repeats(sc: &Scenario, st: &State, mv: MoveId) -> u8 {
    let months = u16::from(sc.fatigue_months.max(1));
    let tired = u16::from(st.tired[mv.index()]);
    // At most 255 / 1: it fits.
    tired.div_ceil(months) as u8
}

/// The percent of a move's effect lost if it were made now (0–100).
#[must_use]
pub fn fatigue_percent(sc: &Scenario, st: &State, mv: MoveId) -> u8 {
    let fatigue = u16::from(sc.mv(mv).fatigue);
    if fatigue == 0 {
        return 0;
    }
    (fatigue * u16::from(repeats(sc, st, mv))).min(100) as u8
}

/// The move was made: its next uses remember it.
pub(super) fn tire(sc: &Scenario, st: &mut State, mv: MoveId) {
    let t = &mut st.tired[mv.index()];
    *t = t.saturating_add(sc.fatigue_months);
}
