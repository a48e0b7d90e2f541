//! Drawing: one module per screen, the shared pieces here — the size check,
//! clickable areas, scrolling, and the final pass for `--ascii` and `NO_COLOR`.

mod advisor;
pub mod card;
mod chart;
pub mod consent;
mod costs;
pub mod dialog;
pub mod end;
pub mod game;
pub mod handover;
pub mod help;
mod moves;
mod news;
mod panels;
#[cfg(test)]
pub mod probe;
mod record;
pub mod report;
mod risk;
pub mod room;
pub mod scores;
mod story;
pub mod title;
pub mod undo;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

pub use super::hits::{Button, Hits, Page, Target, scrolled};
use super::keys::{Action, Scope};
use super::text;
use super::theme::{self, Theme};

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// A message over the bottom of any screen until the next key: a save that failed,
/// a bad file set aside (⚠), or a run file written (✓).
pub fn notice(buf: &mut Buffer, area: Rect, t: &Theme, glyph: &str, msg: &str) {
    let w = area.width.saturating_sub(4);
    let lines = text::wrap(
        Line::from(Span::styled(format!("{glyph} {msg}"), t.bold())),
        w,
        2,
    );
    let rows = text::cols(lines.len())
        .min(area.height.saturating_sub(4) / 2)
        .max(1);
    let r = Rect::new(area.x, area.bottom() - 1 - (rows + 2), area.width, rows + 2);
    let inner = popup(buf, r, t, Line::from(""));
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    for (i, l) in lines.into_iter().take(rows as usize).enumerate() {
        l.render(
            Rect::new(inner.x, inner.y + text::cols(i), inner.width, 1),
            buf,
        );
    }
}

/// The message for a terminal too small to play in; it must never panic.
pub fn too_small(buf: &mut Buffer, area: Rect, t: &Theme) {
    let msg = [
        format!("Please enlarge the terminal to at least {MIN_WIDTH}×{MIN_HEIGHT}"),
        format!("(now {}×{})", area.width, area.height),
    ];
    let lines: Vec<Line> = msg
        .into_iter()
        .flat_map(|m| {
            text::wrap(
                Line::from(Span::styled(m, t.bold())).alignment(Alignment::Center),
                area.width,
                0,
            )
        })
        .collect();
    let h = text::cols(lines.len()).min(area.height);
    let top = area.y + area.height.saturating_sub(h) / 2;
    for (i, l) in lines.into_iter().take(h as usize).enumerate() {
        l.render(Rect::new(area.x, top + text::cols(i), area.width, 1), buf);
    }
}

/// The last pass over the frame: plain ASCII and no colour when asked, whatever the widgets drew.
pub fn finish(buf: &mut Buffer, area: Rect, t: &Theme) {
    if t.color && !t.ascii {
        return;
    }
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            if !t.color {
                cell.set_fg(Color::Reset);
                cell.set_bg(Color::Reset);
            }
            if t.ascii && !cell.symbol().is_ascii() {
                let s: String = cell
                    .symbol()
                    .chars()
                    .map(|c| {
                        if c.is_ascii() {
                            c.to_string()
                        } else {
                            theme::to_ascii(c).to_string()
                        }
                    })
                    .collect();
                cell.set_symbol(&s);
            }
        }
    }
}

/// A bordered block in the theme's glyphs.
pub fn block<'a>(t: &Theme, title: impl Into<Line<'a>>) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(t.g.border)
        .border_style(t.border())
        .title(title)
}

/// A rectangle of at most `w`×`h`, centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A rectangle of at most `w`×`h`, centred between a screen's header row and
/// its footer row (the hand-over and room boxes).
pub fn between_bars(area: Rect, w: u16, h: u16) -> Rect {
    let between = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(2),
    );
    centered(between, w, h)
}

/// Clear a popup's area and draw its frame; returns the inside.
pub fn popup(buf: &mut Buffer, r: Rect, t: &Theme, title: Line<'_>) -> Rect {
    Clear.render(r, buf);
    let b = block(t, title);
    let inner = b.inner(r);
    b.render(r, buf);
    inner
}

/// The bottom line of keys: "Enter play · ? help".
pub fn key_line(t: &Theme, items: &[(&str, &str)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (k, what)) in items.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(t.g.sep.to_string(), t.dim()));
        }
        spans.push(Span::styled(k.to_string(), t.key()));
        spans.push(Span::raw(format!(" {what}")));
    }
    Line::from(spans)
}

/// Drop key hints from the end until the line fits in `max` columns.
pub fn fit_keys(mut line: Line<'static>, max: u16) -> Line<'static> {
    while line.width() > max as usize && line.spans.len() > 2 {
        let n = line.spans.len();
        line.spans.truncate(n - 3);
    }
    line
}

/// "↑↓" (or "Up/Down"): the first keys for up and down on a screen.
pub fn updown(scope: Scope, ascii: bool) -> String {
    use crate::ui::keys::first_key;
    let sep = if ascii { "/" } else { "" };
    format!(
        "{}{sep}{}",
        first_key(scope, Action::Up, ascii),
        first_key(scope, Action::Down, ascii)
    )
}

/// A clickable button "[ Continue ]"; returns its width.
pub fn button(
    buf: &mut Buffer,
    (x, y): (u16, u16),
    label: &str,
    focused: bool,
    t: &Theme,
    hits: &mut Hits,
    b: Button,
) -> u16 {
    let s = format!("[ {label} ]");
    let w = text::cols(text::width(&s));
    let style = if focused { t.selected() } else { t.bold() };
    buf.set_string(x, y, &s, style);
    hits.push(Rect::new(x, y, w, 1), Target::Button(b));
    w
}

/// Where a scrolling page stands after drawing.
#[derive(Clone, Copy, Debug)]
pub struct Scrolled {
    /// Whether text remains below the bottom row.
    pub more: bool,
}

/// Draw `lines` into `area` from row `scroll`, with ▲/▼ marks when there is more.
pub fn scroll_lines(
    buf: &mut Buffer,
    area: Rect,
    lines: &[Line<'_>],
    scroll: u16,
    t: &Theme,
    hits: &mut Hits,
) -> Scrolled {
    let total = text::cols(lines.len());
    let max = total.saturating_sub(area.height);
    hits.page = Page {
        rows: area.height,
        max,
    };
    let scroll = scroll.min(max);
    // A pane that scrolls keeps its last column for the ▲/▼ marks: a line too
    // wide for the rest is cut there, never written under a mark.
    let text_w = if max > 0 {
        area.width.saturating_sub(1)
    } else {
        area.width
    };
    for (i, l) in lines
        .iter()
        .skip(scroll as usize)
        .take(area.height as usize)
        .enumerate()
    {
        l.clone()
            .render(Rect::new(area.x, area.y + text::cols(i), text_w, 1), buf);
    }
    if area.width > 0 && area.height > 0 {
        let right = area.right() - 1;
        if scroll > 0 {
            buf.set_string(right, area.y, t.g.more_above, t.bold());
        }
        if scroll < max {
            buf.set_string(right, area.bottom() - 1, t.g.more_below, t.bold());
        }
    }
    Scrolled { more: scroll < max }
}

/// The footer item that says more text waits below (and the key of `scope` that scrolls to it).
pub fn more_below(t: &Theme, s: Scrolled, scope: Scope) -> Option<(String, &'static str)> {
    s.more.then(|| {
        (
            crate::ui::keys::first_key(scope, Action::Down, t.ascii),
            "more below",
        )
    })
}

/// A header line with `left` at the left and `right` at the right (dropped if it does not fit).
pub fn header(buf: &mut Buffer, area: Rect, left: Line<'_>, right: Line<'_>) {
    let lw = text::cols(left.width());
    let rw = text::cols(right.width());
    left.render(Rect::new(area.x, area.y, area.width, 1), buf);
    if lw + rw + 2 <= area.width {
        right.render(Rect::new(area.right() - rw, area.y, rw, 1), buf);
    }
}

/// Move a cursor over `n` items.
pub fn step(cursor: &mut usize, n: usize, a: Action) {
    if n == 0 {
        *cursor = 0;
        return;
    }
    *cursor = match a {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (*cursor + 1).min(n - 1),
        Action::First => 0,
        Action::Last => n - 1,
        _ => *cursor,
    }
    .min(n - 1);
}

/// `s` padded with spaces to `w` columns of display width (a wide character
/// counts two), where `format!("{:<w$}")` would count characters.
pub fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    out.push_str(&" ".repeat(w.saturating_sub(text::width(s))));
    out
}

/// A section's heading in capitals.
pub fn heading(t: &Theme, s: &str) -> Line<'static> {
    Line::from(Span::styled(s.to_uppercase(), t.heading()))
}
