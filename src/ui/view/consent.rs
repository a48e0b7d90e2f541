//! Two players: the dialog asking the other side to agree to going back to an
//! earlier month (it undoes that side's orders too).

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::ui::keys::{Action, first_key};
use crate::ui::text;
use crate::ui::world::World;

use super::panels::put;
use super::{Button, Hits, button, centered, fit_keys, key_line, popup};

/// The dialog's width.
const WIDTH: u16 = 56;

pub fn draw(app: &World, hits: &mut Hits, buf: &mut Buffer, area: Rect, row: usize, yes: bool) {
    let t = app.theme;
    let sc = &app.scenario;
    let when = app
        .game()
        .and_then(|g| {
            let n = *app.undo_points().get(row)?;
            g.turns().get(n).map(|turn| sc.calendar.label(turn.month))
        })
        .unwrap_or_default();
    let (asker, other) = match app.seats.at_keyboard {
        Some(s) => (sc.side(s).name.clone(), sc.side(s.other()).name.clone()),
        None => ("One player".to_string(), "the other player".to_string()),
    };
    // The other side takes the keyboard: nothing of the asking side's screen shows.
    Clear.render(area, buf);
    let r = centered(area, WIDTH, 10);
    let inner = popup(
        buf,
        r,
        &t,
        Line::from(Span::styled(" Go back? ", t.heading())),
    );
    let body = Rect::new(inner.x + 2, inner.y + 1, inner.width - 4, inner.height - 1);
    let ask = format!(
        "{asker} asks to go back to {when}: both sides' orders from then on are undone. {other}, take the keyboard: do you agree?"
    );
    let lines = text::wrap(Line::from(Span::styled(ask, t.bold())), body.width, 0);
    for (i, l) in lines.into_iter().enumerate() {
        put(buf, body, text::cols(i), l);
    }
    let y = inner.bottom() - 2;
    let mut x = body.x;
    x += button(buf, (x, y), "Agree", yes, &t, hits, Button::Agree) + 2;
    button(buf, (x, y), "Refuse", !yes, &t, hits, Button::Refuse);
    let (y_key, n_key) = (
        first_key(&super::dialog::KEYS, Action::Yes, t.ascii),
        first_key(&super::dialog::KEYS, Action::No, t.ascii),
    );
    let keys = key_line(&t, &[(&y_key, "agree"), (&n_key, "refuse")]);
    put(
        buf,
        Rect::new(body.x, y, body.width, 1),
        0,
        fit_keys(keys, body.width.saturating_sub(24)).alignment(Alignment::Right),
    );
}
