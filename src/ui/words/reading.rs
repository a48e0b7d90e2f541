//! Why the other side answered hard a move it read as friendly, in words the
//! player can check: a friendly reading alone never brings a hostile answer
//! (`game::opponent`), so a lean did — the level's, the pressures its rules
//! name, or the rival's temperament, which is never named here.

use crate::game::report::{Cause, TurnReport};
use crate::game::scenario::{Cond, MAX_METERS, MeterId, SideId};
use crate::game::state::MemorySource;

use super::{Viewer, Words};

/// The meters as `answerer` saw them when it answered: those after the month,
/// less the month's changes, plus what the other side's own move did (the rules
/// play the person's move first, then the answer; every change is journaled).
#[must_use]
pub fn at_answer(
    report: &TurnReport,
    after: &[i16; MAX_METERS],
    answerer: SideId,
) -> [i16; MAX_METERS] {
    let mover = answerer.other();
    let mut m = *after;
    for (meter, d, cause) in &report.changes {
        let by_mover = match cause {
            Cause::Move { side, .. } => *side == mover,
            // What the mover's move left in the answerer's memory (its trust).
            Cause::Remembered {
                holder,
                source: MemorySource::Move(..),
                ..
            } => *holder == answerer,
            _ => false,
        };
        if !by_mover {
            m[meter.index()] -= d;
        }
    }
    m
}

/// Whether `c` is only bounds on meters the viewer sees, and they hold in `m`.
fn plain_and_holds(w: &Words, c: &Cond, m: &[i16; MAX_METERS]) -> bool {
    let bounds_only = c.treaty.is_empty()
        && c.flags.is_empty()
        && c.not_flags.is_empty()
        && c.from_turn.is_none()
        && c.until_turn.is_none()
        && !c.has_trend()
        && c.any.is_empty()
        && !(c.min.is_empty() && c.max.is_empty());
    let seen = |id: &MeterId| w.visible(*id);
    bounds_only
        && c.min.iter().all(|(id, v)| seen(id) && m[id.index()] >= *v)
        && c.max.iter().all(|(id, v)| seen(id) && m[id.index()] <= *v)
}

impl Words<'_> {
    /// Why `side` (played by the computer at `level`) answered hard a move it read
    /// as friendly, the meters being `m` when it answered: the pressures of its
    /// level that held and the player can see, its level's own lean, and — never
    /// named, only owned — its temperament.
    #[must_use]
    pub fn hard_answer(&self, side: SideId, level: usize, m: &[i16; MAX_METERS]) -> String {
        let who = self.side_name(side);
        let ai = &self.sc.side(side).ai[level.min(2)];
        let mut why: Vec<String> = self.sc.side(side).pressures[level.min(2)]
            .iter()
            .filter(|p| p.hostility > 0.0 && plain_and_holds(self, &p.when, m))
            .map(|p| format!("it leans hard when {}, and that held", self.cond(&p.when)))
            .collect();
        if ai.hostility > 0.0 {
            why.push("at this difficulty it leans hard".to_string());
        }
        let me = matches!(self.viewer, Viewer::Side(s) if s != side);
        let whose = if me { "your move" } else { "the move" };
        if why.is_empty() {
            format!(
                "{who} read {whose} as friendly, but answered hard: not a misreading, a lean \
                 of its own (its temperament, or pressures you cannot see). Its answers tell \
                 you more of it."
            )
        } else {
            format!(
                "{who} read {whose} as friendly, but answered hard: {}; its temperament may \
                 lean that way too.",
                why.join("; ")
            )
        }
    }
}
