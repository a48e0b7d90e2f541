//! The quit confirmation dialog.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use crate::ui::keys::{Action, first_key};
use crate::ui::text;
use crate::ui::world::World;

use super::Hits;
use super::panels::put;
use super::{Button, button, centered, popup};

/// The dialog's width.
const WIDTH: u16 = 56;

pub fn draw(app: &World, hits: &mut Hits, buf: &mut Buffer, area: Rect, quit_focused: bool) {
    let t = app.theme;
    let seed = app.game().map_or(app.options.seed, crate::game::Game::seed);
    let r = centered(area, WIDTH, 9);
    let inner = popup(buf, r, &t, Line::from(Span::styled(" Quit? ", t.heading())));
    let body = Rect::new(inner.x + 2, inner.y + 1, inner.width - 4, inner.height - 1);
    let mut lines = vec![Line::from(Span::styled("Quit this game?", t.bold()))];
    let sealed = app.seats.sealed.iter().any(Option::is_some);
    let note = if app.files.saving() && sealed {
        "The game is saved, but not the order sealed this month: Continue takes it up at the month's start.".to_string()
    } else if app.files.saving() {
        "The game is saved: Continue on the title screen takes it up where you left it.".to_string()
    } else {
        format!(
            "Saving is off, so the game is not kept. Seed {seed} with the same moves plays it again."
        )
    };
    lines.extend(text::wrap(
        Line::from(Span::styled(note, t.dim())),
        body.width,
        0,
    ));
    for (i, l) in lines.into_iter().enumerate() {
        put(buf, body, text::cols(i), l);
    }
    let y = inner.bottom() - 2;
    let mut x = body.x;
    x += button(buf, (x, y), "Quit", quit_focused, &t, hits, Button::Quit) + 2;
    button(
        buf,
        (x, y),
        "Keep playing",
        !quit_focused,
        &t,
        hits,
        Button::Stay,
    );
    let (yes, no) = (
        first_key(&KEYS, Action::Yes, t.ascii),
        first_key(&KEYS, Action::No, t.ascii),
    );
    let keys = super::key_line(&t, &[(&yes, "quit"), (&no, "stay")]);
    put(
        buf,
        Rect::new(body.x, y, body.width, 1),
        0,
        super::fit_keys(keys, body.width.saturating_sub(32)).alignment(Alignment::Right),
    );
}

/// Its keys, the help's section "Quit dialog".
#[rustfmt::skip]
pub static KEYS: crate::ui::keys::Keys = {
    use crate::ui::keys::{Action, Keys, ENTER, b, c, k, ctrl};
    use ratatui::crossterm::event::KeyCode;
    Keys {
        heading: "Quit dialog",
        place: 110,
        dialog: true,
        bindings: &[
            b(&[c('y')], Action::Yes, "quit"),
            b(&[c('n'), k(KeyCode::Esc)], Action::No, "keep playing"),
            b(&[k(KeyCode::Left), c('h'), k(KeyCode::Right), c('l'), k(KeyCode::Tab)], Action::Right, "switch button"),
            b(ENTER, Action::Confirm, "press the selected button"),
            b(&[ctrl('c')], Action::Yes, "quit at once"),
        ],
    }
};
