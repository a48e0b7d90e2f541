//! The treaty's risks in words (`game::risk`): under the treaty line, "⚠ New
//! START slips back to suspended at month end: Moscow's trust 24 ≤ 25", and in
//! a move's details with how far the meter must move to save the stage.

use ratatui::text::{Line, Span};

use crate::game::risk::{Threshold, TreatyRisk, treaty_risks};
use crate::ui::text;

use super::panels::Ctx;

/// The risks the player may be told of: only bounds on meters the side sees
/// exactly (a bound on a hidden or estimated meter would give its value away);
/// a risk with none of those left is not told at all.
fn told(c: &Ctx) -> Vec<(TreatyRisk, Vec<Threshold>)> {
    treaty_risks(c.sc, c.game.state())
        .into_iter()
        .filter_map(|r| {
            let seen: Vec<Threshold> = r
                .thresholds
                .iter()
                .copied()
                .filter(|t| c.w.visible(t.meter))
                .collect();
            (!seen.is_empty()).then_some((r, seen))
        })
        .collect()
}

/// "Moscow's trust 24 ≤ 25": the meter by the scenario's name, its value, the bound.
fn bound(c: &Ctx, t: &Threshold) -> String {
    let sign = match (t.at_most, c.t.ascii) {
        (true, false) => "≤",
        (true, true) => "<=",
        (false, false) => "≥",
        (false, true) => ">=",
    };
    let name = &c.sc.meter_def(t.meter).name;
    format!("{name} {} {sign} {}", t.value, t.limit)
}

/// "New START slips back to suspended at month end".
fn what(c: &Ctx, r: &TreatyRisk) -> String {
    format!(
        "{} slips back to {} at month end",
        c.sc.treaties[r.treaty.index()].name,
        r.to.words()
    )
}

/// Rows under the treaty line, one risk a row (wrapped when `width` is short).
pub fn lines(c: &Ctx, width: u16) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (r, seen) in told(c) {
        let why: Vec<String> = seen.iter().map(|t| bound(c, t)).collect();
        let l = Line::from(vec![
            Span::styled(format!("{} ", c.t.g.warn), c.t.warning()),
            Span::styled(format!("{}: ", what(c, &r)), c.t.warning()),
            Span::raw(why.join(", ")),
        ]);
        out.extend(text::wrap(l, width, 2));
    }
    out
}

/// The risks as sentences for a move's details: how far a meter must move
/// this month to save the stage ("Unless this month lifts Moscow's trust to
/// 26 (now 13), New START slips back to suspended.").
pub fn sentences(c: &Ctx) -> Vec<Span<'static>> {
    told(c)
        .into_iter()
        .map(|(r, seen)| {
            let why: Vec<String> = seen
                .iter()
                .map(|t| {
                    let name = &c.sc.meter_def(t.meter).name;
                    if t.at_most {
                        let to = t.value + t.distance();
                        format!("lifts {name} to {to} (now {})", t.value)
                    } else {
                        let to = t.value - t.distance();
                        format!("brings {name} down to {to} (now {})", t.value)
                    }
                })
                .collect();
            Span::styled(
                format!(
                    "{} Unless this month {}, {} slips back to {}. ",
                    c.t.g.warn,
                    why.join(" or "),
                    c.sc.treaties[r.treaty.index()].name,
                    r.to.words()
                ),
                c.t.warning(),
            )
        })
        .collect()
}
