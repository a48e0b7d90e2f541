//! The move list's heading: whose move and when, the advisor's legend, and the
//! "forecasting…" mark while its forecast is still coming in.

use ratatui::text::{Line, Span};

use super::panels::Ctx;

/// The heading's mark while the advisor is still at work on the month's moves.
pub const FORECASTING: &str = "forecasting…";

/// A move row's mark while its forecast is a first estimate.
pub const PENDING: &str = " ~";

/// "Your move for Sep 2024 · forecasting… · median a month on · F fails · R Moscow hits back".
pub fn heading(c: &Ctx) -> Line<'static> {
    let when = c.sc.calendar.label(c.game.state().turn);
    let sep = c.t.g.sep;
    let pending = if c.advice.is_some_and(|a| a.complete) {
        String::new()
    } else {
        format!("{sep}{FORECASTING}")
    };
    let legend = match (c.advice.is_some(), c.secret) {
        (true, false) => format!(
            "{sep}median a month on{sep}F fails{sep}R {} hits back",
            c.w.them()
        ),
        // Two players: the rival's order is secret; the advisor imagines the model in
        // its place (the line under the list says so in full).
        (true, true) => format!("{sep}median vs the model{sep}F fails{sep}R hits back"),
        (false, _) => format!("{sep}usual effect{sep}NN%: odds, then what success adds"),
    };
    let title = if c.secret {
        format!("{}'s secret move, {when}", c.w.side_name(c.side))
    } else {
        format!("Your move for {when}")
    };
    Line::from(vec![
        Span::styled(title, c.t.heading()),
        // Before the legend, so a narrow screen cuts the legend, not the mark.
        Span::styled(pending, c.t.bold()),
        Span::styled(legend, c.t.dim()),
    ])
}
