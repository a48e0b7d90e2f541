//! A cost as the move list and the advisor show it: each meter's short name and
//! its signed change, coloured by whether it is good for the side.

use ratatui::text::Span;

use crate::ui::effects::CostPart;

use super::panels::Ctx;

/// The styled parts of a cost: "Rel−4 Ten+4".
pub fn cost_spans(c: &Ctx, parts: &[CostPart]) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push(Span::raw(" "));
        }
        let def = c.sc.meter_def(p.meter);
        let style = c.t.delta(p.delta, c.w.higher_is_better(p.meter));
        out.push(Span::styled(
            format!("{}{}", def.short, c.t.signed(p.delta)),
            style,
        ));
    }
    out
}
