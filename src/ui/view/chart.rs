//! Small bar charts of a meter over the months, drawn with eighth blocks (or
//! ASCII), any number of rows tall: readable without colour.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::ui::theme::Theme;

/// Bars for `values` (0–100), each `cols` wide and `rows` tall; top row first.
pub fn spark(values: &[i16], cols: u16, rows: u16, t: &Theme, style: Style) -> Vec<Line<'static>> {
    let rows = rows.max(1) as i32;
    let eighths: Vec<i32> = values
        .iter()
        .map(|v| {
            let v = (*v).clamp(0, 100) as i32;
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
                    Span::styled(t.g.spark[fill].repeat(cols as usize), style)
                })
                .collect();
            Line::from(spans)
        })
        .collect()
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
            vec![" ▁▄█"]
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
