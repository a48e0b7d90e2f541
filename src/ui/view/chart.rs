//! Bar charts of a meter over the months, drawn with eighth blocks (or ASCII),
//! any number of rows tall and readable without colour; and the game screen's
//! relations history built from them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::game::scenario::Display;
use crate::ui::text::width;
use crate::ui::theme::Theme;

use super::panels::{Ctx, put};

/// A month at zero, on the bottom row (plain ASCII, so `--ascii` keeps it).
const ZERO: &str = "_";

/// Bars for `values` (0–100), each `cols` wide and `rows` tall; top row first.
pub fn spark(values: &[i16], cols: u16, rows: u16, t: &Theme, style: Style) -> Vec<Line<'static>> {
    let rows = i32::from(rows.max(1));
    let eighths: Vec<i32> = values
        .iter()
        .map(|v| {
            let v = i32::from((*v).clamp(0, 100));
            let e = (v * rows * 8 + 50) / 100;
            // Anything above zero shows at least a sliver, so 0 and 3 look different.
            if v > 0 { e.max(1) } else { 0 }
        })
        .collect();
    (0..rows)
        .map(|r| {
            let from_bottom = rows - 1 - r;
            let spans: Vec<Span<'static>> = eighths
                .iter()
                .map(|e| {
                    let fill = (e - from_bottom * 8).clamp(0, 8) as usize;
                    // A zero is a mark on the baseline, not a blank: a month, not a gap.
                    let glyph = if *e == 0 && from_bottom == 0 {
                        ZERO
                    } else {
                        t.g.spark[fill]
                    };
                    Span::styled(glyph.repeat(cols as usize), style)
                })
                .collect();
            Line::from(spans)
        })
        .collect()
}

/// Relations (the headline meter) month by month, as a bar chart `area.height` rows tall:
/// one labelled row when room is short, else a plot with a 0–100 scale and the months.
pub fn history(buf: &mut Buffer, area: Rect, c: &Ctx) {
    let Some(m) = c.meters_shown(Display::Gauge).first().copied() else {
        return;
    };
    let def = c.sc.meter_def(m);
    let values: Vec<i16> = c.game.timeline().iter().map(|p| p[m.index()]).collect();
    let months = u16::from(c.sc.calendar.turns.max(1));
    let style = c.t.heading();
    if area.height < 4 {
        let label = format!("{} by month ", def.name);
        let lw = crate::ui::text::cols(width(&label));
        let cols = (area.width.saturating_sub(lw + 1) / months).clamp(1, 3);
        let rows = area.height.max(1);
        for (i, l) in spark(&values, cols, rows, &c.t, style)
            .into_iter()
            .enumerate()
        {
            let head = if crate::ui::text::cols(i) + 1 == rows {
                label.clone()
            } else {
                " ".repeat(lw as usize)
            };
            let mut spans = vec![Span::styled(head, c.t.dim())];
            spans.extend(l.spans);
            put(buf, area, crate::ui::text::cols(i), Line::from(spans));
        }
        return;
    }
    const AXIS: u16 = 5;
    let cols = (area.width.saturating_sub(AXIS + 1) / months).clamp(1, 4);
    let plot = area.height - 2;
    put(
        buf,
        area,
        0,
        Line::from(Span::styled(format!("{} by month", def.name), c.t.bold())),
    );
    let bars = spark(&values, cols, plot, &c.t, style);
    let axis = c.t.g.border.vertical_left;
    for (i, l) in bars.into_iter().enumerate() {
        let scale = match crate::ui::text::cols(i) {
            0 => "100",
            r if r + 1 == plot => "0",
            r if r == plot / 2 && plot >= 5 => "50",
            _ => "",
        };
        let mut spans = vec![Span::styled(format!("{scale:>3} {axis}"), c.t.dim())];
        spans.extend(l.spans);
        put(buf, area, 1 + crate::ui::text::cols(i), Line::from(spans));
    }
    let first = c.sc.calendar.label(0);
    let last = c.sc.calendar.label(months as u8 - 1);
    let span = (cols * months) as usize;
    if span > width(&first) + width(&last) {
        let gap = span - width(&first) - width(&last);
        let l = format!(
            "{:>w$}{first}{}{last}",
            "",
            " ".repeat(gap),
            w = AXIS as usize
        );
        put(
            buf,
            area,
            area.height - 1,
            Line::from(Span::styled(l, c.t.dim())),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn one_row_uses_eighths() {
        let t = Theme::new(false, true);
        assert_eq!(
            text(&spark(&[0, 1, 50, 100], 1, 1, &t, Style::new())),
            vec!["_▁▄█"],
            "a zero is marked, not blank"
        );
    }

    #[test]
    fn two_rows_stack() {
        let t = Theme::new(false, true);
        assert_eq!(
            text(&spark(&[100, 50, 25], 2, 2, &t, Style::new())),
            vec!["██    ", "████▄▄"]
        );
    }
}
