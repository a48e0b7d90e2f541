//! The month's news on the game screen: the events of the month being played.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::game::Game;
use crate::game::report::Note;
use crate::game::scenario::EventId;
use crate::ui::text::{self, truncate};

use super::panels::{Ctx, put};

/// The events of the month now being played (including cards answered).
pub fn month_news(game: &Game) -> Vec<EventId> {
    let turn = game.state().turn;
    let mut month = None;
    let mut out = Vec::new();
    let reports = std::iter::once(game.opening()).chain(game.turns().iter().map(|t| &t.report));
    for r in reports {
        for n in &r.notes {
            match *n {
                Note::Month { turn: t } => {
                    month = Some(t);
                    if t == turn {
                        out.clear();
                    }
                }
                Note::Event { event } if month == Some(turn) => out.push(event),
                _ => {}
            }
        }
    }
    out
}

/// The month's news: titles on one row, or titles and texts when there is room.
pub fn news(buf: &mut Buffer, area: Rect, c: &Ctx) {
    let events = month_news(c.game);
    let when = c.sc.calendar.label(c.game.state().turn);
    let head = Span::styled(format!("News, {when}: "), c.t.heading());
    if events.is_empty() {
        put(
            buf,
            area,
            0,
            Line::from(vec![head, Span::styled("quiet so far.", c.t.dim())]),
        );
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    if area.height <= 2 {
        let mut spans = vec![head];
        for (i, e) in events.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(c.t.g.sep, c.t.dim()));
            }
            spans.push(Span::styled(c.sc.event(*e).title.clone(), c.t.bold()));
        }
        spans.push(Span::styled(
            format!("{}(r: read the report again)", c.t.g.sep),
            c.t.dim(),
        ));
        lines = text::wrap(Line::from(spans), area.width, 2);
    } else {
        lines.push(Line::from(head));
        for e in &events {
            let ev = c.sc.event(*e);
            let l = Line::from(vec![
                Span::styled(format!("{} ", c.t.g.bullet), c.t.dim()),
                Span::styled(format!("{} ", ev.title), c.t.bold()),
                Span::styled(c.w.card_text(ev).to_string(), c.t.quote()),
                Span::styled(format!(" {} {}", c.t.g.dash, ev.source), c.t.dim()),
            ]);
            lines.extend(text::wrap(l, area.width, 2));
        }
    }
    let h = area.height as usize;
    if lines.len() > h && h > 0 {
        lines.truncate(h);
        let last = lines
            .pop()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.to_string())
                    .collect::<String>()
            })
            .unwrap_or_default();
        let cut = truncate(
            &format!("{} {}", last.trim_end(), c.t.g.ellipsis),
            area.width as usize,
            c.t.g.ellipsis,
        );
        lines.push(Line::from(Span::styled(cut, c.t.dim())));
    }
    for (i, l) in lines.into_iter().enumerate() {
        put(buf, area, text::cols(i), l);
    }
}
