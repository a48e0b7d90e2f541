//! Why a move cannot be played now, in words: the conditions that are not met
//! first (each with where its meter stands), then how many are; the scenario's
//! own reason when a missing one cannot be named (a flag, a hidden meter); or,
//! when what the move is for is done already, that it is done.

use crate::game::scenario::{Cond, MeterId, MoveId};
use crate::game::{State, rules};

use super::Words;

/// A move's conditions split: the words of those that do not hold, and how
/// many do.
struct Split {
    unmet: Vec<String>,
    met: usize,
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
            .find(|(_, now, to)| now.reached(*to));
        if let Some((t, now, _)) = done {
            return format!("done: {} {}", self.sc.treaties[t.index()].name, now.words());
        }
        // A move that only answers some of the other side's moves, with none
        // to answer, says so among what it needs ("+2 met" alone hid it from
        // a play-test); alone, the scenario's words name the moves.
        let answered = rules::follows_last(self.sc, st, mv);
        match self.split(st, &m.requires) {
            Some(Split { mut unmet, met }) if !unmet.is_empty() => {
                if !answered {
                    let other = &self.sc.side(m.side.other()).name;
                    unmet.push(format!("a {other} move to answer"));
                }
                let more = match met {
                    0 => String::new(),
                    n => format!("{}+{n} met", self.theme.g.sep),
                };
                format!("needs {}{more}", unmet.join(", "))
            }
            _ => m.requires_text.clone(),
        }
    }

    /// A condition's parts, each checked alone by the rules: the words of those
    /// that do not hold, and how many do. `None` when a part that does not hold
    /// has no words the player may read (a flag, a meter hidden from them).
    fn split(&self, st: &State, c: &Cond) -> Option<Split> {
        let mut out = Split {
            unmet: Vec::new(),
            met: 0,
        };
        for part in parts(c) {
            if rules::holds(&part, st) {
                out.met += 1;
            } else {
                out.unmet.push(self.part_words(st, &part)?);
            }
        }
        Some(out)
    }

    /// One part in words, with where its meter stands now, in the scenario's
    /// own short form ("needs Relations 15"): "Moscow's trust 20 (now 13)",
    /// "Tension 90 or less (now 95)"; `None` for a flag or a meter the viewer
    /// cannot see.
    fn part_words(&self, st: &State, c: &Cond) -> Option<String> {
        if !self.nameable(c) {
            return None;
        }
        let name = |m: MeterId| &self.sc.meter_def(m).name;
        Some(match (c.min.first(), c.max.first()) {
            (Some((m, v)), _) => format!("{} {v} (now {})", name(*m), st.meter(*m)),
            (None, Some((m, v))) => format!("{} {v} or less (now {})", name(*m), st.meter(*m)),
            // A trend, a treaty, a month or alternatives say themselves.
            (None, None) => self.cond(c),
        })
    }

    /// Whether every part of a condition can be told to the viewer.
    fn nameable(&self, c: &Cond) -> bool {
        c.flags.is_empty()
            && c.not_flags.is_empty()
            && c.min.iter().chain(&c.max).all(|(m, _)| self.visible(*m))
            && c.rising
                .iter()
                .chain(&c.falling)
                .chain(&c.trend)
                .all(|(m, _)| self.visible(*m))
            && c.any.iter().all(|a| self.nameable(a))
    }
}

/// Each listed test of a condition as a condition of its own, prepared for the
/// rules to check: a meter's bound, a treaty's statuses, a trend, a month, the
/// flags, the alternatives.
fn parts(c: &Cond) -> Vec<Cond> {
    let mut out: Vec<Cond> = Vec::new();
    let one = |f: &dyn Fn(&mut Cond)| {
        let mut p = Cond::default();
        f(&mut p);
        p.prepare();
        p
    };
    for x in &c.min {
        out.push(one(&|p| p.min = vec![*x]));
    }
    for x in &c.max {
        out.push(one(&|p| p.max = vec![*x]));
    }
    for x in &c.treaty {
        out.push(one(&|p| p.treaty = vec![x.clone()]));
    }
    for x in &c.rising {
        out.push(one(&|p| p.rising = vec![*x]));
    }
    for x in &c.falling {
        out.push(one(&|p| p.falling = vec![*x]));
    }
    for x in &c.trend {
        out.push(one(&|p| p.trend = vec![*x]));
    }
    if c.from_turn.is_some() {
        out.push(one(&|p| p.from_turn = c.from_turn));
    }
    if c.until_turn.is_some() {
        out.push(one(&|p| p.until_turn = c.until_turn));
    }
    for f in &c.flags {
        out.push(one(&|p| p.flags = vec![*f]));
    }
    for f in &c.not_flags {
        out.push(one(&|p| p.not_flags = vec![*f]));
    }
    if !c.any.is_empty() {
        out.push(one(&|p| p.any = c.any.clone()));
    }
    out
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
                    None if !rules::is_legal(&sc, &st, m) => {
                        assert!(said.starts_with("needs ") || said == needs(m), "{said}");
                    }
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

    /// Item 2 of the play-test: the conditions that are not met come first,
    /// with where the meter stands, and the met ones are counted; at 80
    /// columns the row's cut no longer hides what is missing. A condition that
    /// cannot be named (a flag) falls back to the scenario's own words.
    #[test]
    fn the_missing_condition_comes_first() {
        let sc = Scenario::builtin();
        let us = SideId(0);
        let w = Words::new(&sc, Theme::new(false, true), Viewer::Side(us));
        let st = State::new(&sc, Setup::single(us, Difficulty::Normal));
        let exit = sc.move_id("exit_treaty").unwrap();
        assert!(!rules::is_legal(&sc, &st, exit));
        let tension = st.meter(sc.meter("tension").unwrap());
        assert_eq!(
            w.why_not(&st, exit),
            format!("needs Tension 65 (now {tension}) · +2 met")
        );
        // Both unmet, in the scenario's order, each with its value.
        let summit = sc.move_id("summit").unwrap();
        let mut st = st;
        st.meters[sc.meter("trust").unwrap().index()] = 13;
        assert_eq!(
            w.why_not(&st, summit),
            "needs Relations 15 (now 10), Moscow's trust 20 (now 13)"
        );
        // Moscow's "Return to inspections" waits on a flag it cannot name.
        let moscow = sc.side_id("moscow").unwrap();
        let wm = Words::new(&sc, Theme::new(false, true), Viewer::Side(moscow));
        let back = sc
            .moves_of(moscow)
            .find(|m| sc.mv(*m).requires.flags.len() == 1)
            .unwrap();
        let stm = State::new(&sc, Setup::single(moscow, Difficulty::Normal));
        assert_eq!(wm.why_not(&stm, back), sc.mv(back).requires_text);
    }

    /// A play-test read "Offer to sign the successor ✗ needs Relations 35 (now
    /// 33) · +2 met", then, with relations at 36, "only in answer to
    /// Washington's arms talks…": the count had hidden that nothing was there
    /// to answer. It is among what the move needs now; alone, the scenario's
    /// words name the moves it answers.
    #[test]
    fn a_move_with_nothing_to_answer_says_so_with_its_meters() {
        let sc = Scenario::builtin();
        let moscow = sc.side_id("moscow").unwrap();
        let w = Words::new(&sc, Theme::new(false, true), Viewer::Side(moscow));
        let sign = sc.move_id("moscow_sign").unwrap();
        let talks = sc.move_id("arms_talks").unwrap();
        let mut st = State::new(&sc, Setup::single(moscow, Difficulty::Normal));
        st.treaties[sc.treaty_id("new_start").unwrap().index()] = TreatyStatus::Drafted;
        st.meters[sc.meter("relations").unwrap().index()] = 33;
        st.meters[sc.meter("trust").unwrap().index()] = 40;
        assert!(!rules::is_legal(&sc, &st, sign));
        assert_eq!(
            w.why_not(&st, sign),
            "needs Relations 35 (now 33), a Washington move to answer · +2 met"
        );
        st.meters[sc.meter("relations").unwrap().index()] = 36;
        assert!(!rules::is_legal(&sc, &st, sign));
        assert_eq!(w.why_not(&st, sign), sc.mv(sign).requires_text);
        st.meters[sc.meter("relations").unwrap().index()] = 33;
        st.last_moves[moscow.other().index()] = Some(talks);
        assert!(!rules::is_legal(&sc, &st, sign));
        assert_eq!(w.why_not(&st, sign), "needs Relations 35 (now 33) · +2 met");
    }
}
