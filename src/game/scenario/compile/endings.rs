//! Endings: how a game ends for each side, when that is checked, and the
//! fallback every side needs so that every game ends.

use super::super::limits::MAX_BONUS;
use super::super::raw::{self, S};
use super::super::{Ending, EndingCheck, SIDES, SideId};
use super::cx::Cx;

impl Cx<'_> {
    pub fn endings(&mut self, table: &[S<raw::Ending>]) -> Vec<Ending> {
        table
            .iter()
            .enumerate()
            .map(|(i, e)| self.ending(e.get_ref(), &format!("endings[{i}]")))
            .collect()
    }

    fn ending(&mut self, e: &raw::Ending, field: &str) -> Ending {
        let check = self
            .word(
                e.check.get_ref(),
                e.check.span(),
                &format!("{field}.check"),
                "an ending check",
            )
            .unwrap_or(EndingCheck::Deadline);
        let when = self.cond(e.when.as_ref(), &format!("{field}.when"));
        if check == EndingCheck::Always && when.is_empty() {
            self.err(
                e.check.span(),
                &format!("{field}.when"),
                "an `always` ending needs a condition, or every game ends at once",
            );
        }
        Ending {
            id: e.id.get_ref().clone(),
            title: e.title.clone(),
            side: self
                .side(&e.side, &format!("{field}.side"))
                .unwrap_or(SideId(0)),
            check,
            when,
            bonus: e.bonus.as_ref().map_or(0.0, |b| {
                self.float(b, &format!("{field}.bonus"), -MAX_BONUS, MAX_BONUS)
            }),
            text: e.text.clone(),
            good: e.good,
            reached: e.reached.clone(),
        }
    }

    /// Every side has a deadline ending with no condition, so every game ends.
    pub fn check_every_game_ends(&mut self, f: &raw::File, endings: &[Ending]) {
        if f.sides.len() != SIDES {
            return;
        }
        for s in 0..SIDES as u8 {
            let fallback = endings.iter().any(|e| {
                e.side == SideId(s) && e.check == EndingCheck::Deadline && e.when.is_empty()
            });
            if !fallback {
                let side = f.sides[s as usize].get_ref().id.get_ref();
                self.err(
                    f.sides[s as usize].span(),
                    "endings",
                    format!("side `{side}` needs a deadline ending with no condition, so every game ends"),
                );
            }
        }
    }
}
