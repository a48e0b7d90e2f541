//! The `[scenario]` header and the `[calendar]`.

use super::super::Calendar;
use super::super::limits::{MAX_FATIGUE_MONTHS, MAX_TURNS};
use super::super::raw;
use super::cx::Cx;

/// Chance of a deck card each month when the header does not say.
const DEFAULT_DECK_CHANCE: f64 = 0.5;
/// Months a use of a move is remembered for its fatigue when the header does not say.
pub const DEFAULT_FATIGUE_MONTHS: u8 = 6;

impl Cx<'_> {
    /// Read the calendar into the context: conditions and scripted cards
    /// turn months into turn indices with it.
    pub fn calendar(&mut self, c: &raw::Calendar) {
        let errors_before = self.errors.len();
        let turns = self.int(&c.turns, "calendar.turns", 1, MAX_TURNS);
        let (start_year, start_month) = self.month(&c.start, "calendar.start").unwrap_or((2024, 1));
        // A broken calendar would make every date look outside it: one message is enough.
        self.calendar_ok = self.errors.len() == errors_before;
        self.calendar = Calendar {
            start_year,
            start_month,
            turns,
        };
    }

    pub fn deck_chance(&mut self, h: &raw::Header) -> f64 {
        h.deck_chance.as_ref().map_or(DEFAULT_DECK_CHANCE, |v| {
            self.float(v, "scenario.deck_chance", 0.0, 1.0)
        })
    }
}

impl Cx<'_> {
    /// How long a use of a move weighs on its next uses (`fatigue_months`).
    pub fn fatigue_months(&mut self, h: &raw::Header) -> u8 {
        h.fatigue_months
            .as_ref()
            .map_or(DEFAULT_FATIGUE_MONTHS, |v| {
                self.int(v, "scenario.fatigue_months", 1, MAX_FATIGUE_MONTHS)
            })
    }
}
