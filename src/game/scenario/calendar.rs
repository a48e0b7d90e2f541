//! The calendar: the months a game spans, and turn indices to dates and back.

/// The months a game spans.
#[derive(Clone, Copy, Debug)]
pub struct Calendar {
    pub start_year: i32,
    /// 1–12.
    pub start_month: u8,
    pub turns: u8,
}

impl Calendar {
    /// (year, month 1–12) of a turn index (0-based).
    #[must_use]
    pub fn date(&self, turn: u8) -> (i32, u8) {
        let m0 = (i32::from(self.start_month) - 1) + i32::from(turn);
        (
            self.start_year + m0.div_euclid(12),
            (m0.rem_euclid(12) + 1) as u8,
        )
    }

    /// "Sep 2024" for a turn index.
    #[must_use]
    pub fn label(&self, turn: u8) -> String {
        const NAMES: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let (y, m) = self.date(turn);
        format!("{} {}", NAMES[m as usize - 1], y)
    }

    /// The turn index of a (year, month), if it is inside the calendar.
    #[must_use]
    pub fn turn_of(&self, year: i32, month: u8) -> Option<u8> {
        let d = (year - self.start_year) * 12 + i32::from(month) - i32::from(self.start_month);
        (0..i32::from(self.turns)).contains(&d).then_some(d as u8)
    }
}
