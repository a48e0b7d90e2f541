//! Why a move cannot be played now, in words: the scenario's own reason, or,
//! when what the move is for is done already, that it is done.

use crate::game::State;
use crate::game::scenario::{MoveId, TreatyStatus};

use super::Words;

/// Where a status stands on the road from talks to a signed successor (framework,
/// then a drafted text, then the signature); `None` off that road.
fn stage(s: TreatyStatus) -> Option<u8> {
    match s {
        TreatyStatus::Framework => Some(1),
        TreatyStatus::Drafted => Some(2),
        TreatyStatus::SuccessorAgreed => Some(3),
        _ => None,
    }
}

/// Whether a treaty that stands at `now` has reached `target`: the same status,
/// or a later stage of the same road (a drafted text has had its framework).
#[must_use]
pub fn reached(now: TreatyStatus, target: TreatyStatus) -> bool {
    now == target || matches!((stage(now), stage(target)), (Some(a), Some(b)) if a >= b)
}

impl Words<'_> {
    /// Why a move cannot be played now: its scenario text, unless what the move
    /// is for is done already (its treaty stage reached, or a later one): then it
    /// says so, naming where the treaty stands ("done: New START text drafted"),
    /// instead of conditions that no longer matter.
    #[must_use]
    pub fn why_not(&self, st: &State, mv: MoveId) -> String {
        let m = self.sc.mv(mv);
        let done = m
            .success
            .treaties
            .iter()
            .chain(&m.effects.treaties)
            .map(|(t, to)| (*t, st.treaties[t.index()], *to))
            .find(|(_, now, to)| reached(*now, *to));
        match done {
            Some((t, now, _)) => {
                format!("done: {} {}", self.sc.treaties[t.index()].name, now.words())
            }
            None => m.requires_text.clone(),
        }
    }
}
