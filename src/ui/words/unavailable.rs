//! Why a move cannot be played now, in words: the scenario's own reason, or,
//! when what the move is for is done already, that it is done.

use crate::game::State;
use crate::game::scenario::MoveId;

use super::Words;

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
            .find(|(_, now, to)| now.reached(*to));
        match done {
            Some((t, now, _)) => {
                format!("done: {} {}", self.sc.treaties[t.index()].name, now.words())
            }
            None => m.requires_text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::rules;
    use crate::game::scenario::{SideId, TreatyStatus};
    use crate::game::state::Setup;
    use crate::game::{Difficulty, Scenario};
    use crate::ui::theme::Theme;
    use crate::ui::words::Viewer;

    /// Each stage move of the successor says "done" once its stage or a later one
    /// is reached, naming where the treaty stands, and its conditions before.
    #[test]
    fn a_stage_move_is_done_once_a_later_stage_is_reached() {
        let sc = Scenario::builtin();
        let w = Words::new(&sc, Theme::new(false, true), Viewer::Side(SideId(0)));
        let new_start = sc
            .treaties
            .iter()
            .position(|t| t.id == "new_start")
            .unwrap();
        let mv = |id: &str| sc.move_id(id).unwrap();
        let (framework, draft, sign) = (
            mv("propose_successor"),
            mv("draft_text"),
            mv("sign_successor"),
        );
        let mut st = State::new(&sc, Setup::single(SideId(0), Difficulty::Normal));
        let needs = |m: MoveId| sc.mv(m).requires_text.clone();
        let cases = [
            (
                TreatyStatus::Framework,
                [Some("framework agreed"), None, None],
            ),
            (
                TreatyStatus::Drafted,
                [Some("text drafted"), Some("text drafted"), None],
            ),
            (TreatyStatus::SuccessorAgreed, [Some("successor agreed"); 3]),
        ];
        for (status, want) in cases {
            st.treaties[new_start] = status;
            for (m, want) in [framework, draft, sign].into_iter().zip(want) {
                let said = w.why_not(&st, m);
                match want {
                    Some(words) => assert_eq!(said, format!("done: New START {words}")),
                    None if !rules::is_legal(&sc, &st, m) => assert_eq!(said, needs(m)),
                    None => {}
                }
            }
        }
        // Off the road to a successor, nothing is "done" by a later stage.
        assert!(!TreatyStatus::Extended.reached(TreatyStatus::Framework));
        assert!(!TreatyStatus::Framework.reached(TreatyStatus::Extended));
        assert!(!TreatyStatus::Withdrawn.reached(TreatyStatus::Framework));
        assert!(TreatyStatus::Suspended.reached(TreatyStatus::Suspended));
    }
}
