//! How the game screen shares its height out: what 80×24 needs first, then
//! extra room where text would be cut.

/// What the game screen would like to show, in rows.
#[derive(Debug, Clone, Copy)]
pub(super) struct Wants {
    pub(super) gauges: u16,
    /// Figures under the gauges (one row each when there is room, else all on one).
    pub(super) figures: u16,
    /// Every move of the side (the list scrolls when they do not all fit).
    pub(super) moves: u16,
    pub(super) treaties: u16,
    /// The ledger beside the gauges: heading, entries, trust.
    pub(super) ledger: u16,
    /// The selected move's paragraph, wrapped to the screen's width.
    pub(super) detail: u16,
    /// Its first rows, which must be read whole: why the move cannot be played,
    /// or the advisor's forecast (see `moves::must_read_rows`).
    pub(super) must_read: u16,
}

/// Rows of the game screen's parts at a given height.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Rows {
    /// Rows for the figures: `Wants::figures` when each has its own, else 1 (or 0).
    pub(super) figures: u16,
    pub(super) chart: u16,
    pub(super) top: u16,
    pub(super) news: u16,
    /// Rows of the move list shown (all the moves when there is room).
    pub(super) moves: u16,
    pub(super) detail: u16,
    pub(super) gap: u16,
}

/// Rows still to share out.
pub(super) struct Budget(u16);

impl Budget {
    fn take(&mut self, want: u16) -> u16 {
        let t = want.min(self.0);
        self.0 -= t;
        t
    }

    /// All of `want`, or nothing.
    fn take_all(&mut self, want: u16) -> u16 {
        if want <= self.0 { self.take(want) } else { 0 }
    }
}

/// Rows the details may grow by beyond their two.
pub(super) const MORE_DETAIL: u16 = 3;

/// The most rows the details take from the move list for what must be read
/// whole (the list scrolls for the rest): five, so Moscow's forecast, every
/// meter by its name, and a tired move's or a treaty risk's warning still
/// read whole at 80×24.
pub(super) const MUST_READ: u16 = 5;

/// Share the height out: first what 80×24 needs, then extra room where it helps most.
pub(super) fn rows(height: u16, w: Wants) -> Rows {
    let fixed = 1 + 1 + 1 + w.treaties; // header, footer, move heading, treaties
    let mut free = Budget(height.saturating_sub(fixed));
    // The minimum: the gauges and the figures on a row, one news row, a row of
    // details, as many moves as fit (the list scrolls for the rest), a second row
    // of details, a one-row chart.
    let gauges = free.take(w.gauges);
    let mut figures = free.take(w.figures.min(1));
    let mut news = free.take(1);
    // What the details must say whole (why a move cannot be played, the advisor's
    // forecast) comes before the moves that do not fit: the list scrolls.
    let mut detail = free.take(w.must_read.clamp(1, MUST_READ));
    let moves = free.take(w.moves);
    detail += free.take(1);
    let mut chart = free.take(1);
    // Text that would be cut comes before the chart's empty rows: the details
    // whole (up to three rows more), then the news in its full form (three rows
    // or more), then the rest in the old order.
    let uncut = free.take(w.detail.saturating_sub(detail).min(MORE_DETAIL));
    detail += uncut;
    news += free.take_all(2);
    let mut take = |want: u16| free.take(want);
    // A blank row after the treaties and after the news, or neither.
    let gap = match take(2) {
        2 => 1,
        t => {
            news += t;
            0
        }
    };
    // Then each figure on its own row (on one row they only lose their words).
    if figures == 1 && w.figures > 1 {
        figures += free.take_all(w.figures - 1);
    }
    let mut take = |want: u16| free.take(want);
    news += take(4);
    chart += take(2);
    let left_more = take(w.ledger.saturating_sub(gauges + figures + chart));
    detail += take(MORE_DETAIL - uncut);
    chart += take(6);
    news += take(4);
    chart += take(u16::MAX);
    Rows {
        figures,
        chart: chart + left_more,
        top: gauges + figures + chart + left_more,
        news,
        moves,
        detail,
        gap,
    }
}
