//! The hand-over screen of a two-player game: pass the keyboard, the other side
//! looks away. A page of its own, so nothing of the last screen (a cursor on a
//! sealed order) shows through; it says whose order is sealed, never which.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use crate::game::Phase;
use crate::game::scenario::SideId;
use crate::ui::keys::{Action, EVERYWHERE, Scope, first_key};
use crate::ui::screen::{Command, Cx, Look, ScreenView};
use crate::ui::text;
use crate::ui::world::World;

use super::Hits;
use super::Target;
use super::panels::put;
use super::{Button, between_bars, button, header, key_line, popup};
use crate::ui::msg::Msg;

/// The box's width at most.
const WIDTH: u16 = 64;

pub fn draw(app: &World, hits: &mut Hits, buf: &mut Buffer, area: Rect, to: SideId) {
    let Some(game) = app.game() else {
        return;
    };
    let t = app.theme;
    let sc = &*app.scenario;
    let st = game.state();
    let when = sc.calendar.label(st.turn);
    let name = |s: SideId| sc.side(s).name.clone();
    let left = Line::from(vec![
        Span::styled("Détente", t.heading()),
        Span::raw(format!(
            "{}{when}, month {} of {}",
            t.g.sep,
            st.turn + 1,
            sc.calendar.turns
        )),
    ]);
    let right = Line::from(Span::styled(
        format!("{}{}two players", app.seed_label(game.seed()), t.g.sep),
        t.dim(),
    ));
    header(buf, Rect::new(area.x, area.y, area.width, 1), left, right);

    let inner_w = WIDTH.min(area.width.saturating_sub(2)).saturating_sub(6);
    let mut lines: Vec<Line> = vec![
        Line::from(Span::styled(
            format!("Pass the keyboard to {}.", name(to)),
            t.heading(),
        )),
        Line::from(Span::styled(
            format!("{}, look away.", name(to.other())),
            t.bold(),
        )),
        Line::from(Span::raw(format!(
            "Press {} when ready.",
            first_key(&KEYS, Action::Confirm, t.ascii)
        ))),
        Line::from(""),
    ];
    let why = match st.phase {
        Phase::Card(e) => format!(
            "A card waits for {}'s answer: {}.",
            name(to),
            sc.event(e).title
        ),
        _ => match app.seats.sealed[to.other().index()] {
            Some(_) => format!(
                "{}'s order for {when} is given and sealed. {} now gives its own, in secret; both are revealed together.",
                name(to.other()),
                name(to)
            ),
            None => format!(
                "{} gives its order for {when} first, in secret; then {}. Both are revealed together.",
                name(to),
                name(to.other())
            ),
        },
    };
    lines.extend(text::wrap(
        Line::from(Span::styled(why, t.dim())),
        inner_w,
        0,
    ));
    let h = (text::cols(lines.len()) + 6).min(area.height.saturating_sub(2));
    let r = between_bars(area, WIDTH.min(area.width.saturating_sub(2)), h);
    let title = Line::from(Span::styled(" Pass the keyboard ", t.heading()));
    let inner = popup(buf, r, &t, title);
    let body = Rect::new(
        inner.x + 2,
        inner.y + 1,
        inner.width.saturating_sub(4),
        inner.height.saturating_sub(2),
    );
    for (i, l) in lines.into_iter().enumerate() {
        put(buf, body, text::cols(i), l.alignment(Alignment::Center));
    }
    let label = format!("Ready: {} has the keyboard", name(to));
    let bw = text::cols(text::width(&format!("[ {label} ]")));
    let bx = inner.x + inner.width.saturating_sub(bw) / 2;
    button(
        buf,
        (bx, inner.bottom().saturating_sub(1)),
        &label,
        true,
        &t,
        hits,
        Button::Ready,
    );
    let a = t.ascii;
    let footer = key_line(
        &t,
        &[
            (&first_key(&KEYS, Action::Confirm, a), "ready"),
            (&first_key(&EVERYWHERE, Action::Help, a), "help"),
            (&first_key(&EVERYWHERE, Action::Quit, a), "quit"),
        ],
    );
    put(
        buf,
        area,
        area.height - 1,
        footer.alignment(Alignment::Center),
    );
}

/// The hand-over screen of a two-player game: only "I am ready".
pub fn update(msg: Msg) -> Command {
    match msg {
        Msg::Act(Action::Confirm) | Msg::Click(Target::Button(Button::Ready)) => Command::Ready,
        _ => Command::None,
    }
}

/// The hand-over screen's state: the side the keyboard goes to.
#[derive(Clone, Copy, Debug)]
pub struct Handover {
    pub to: SideId,
}

impl ScreenView for Handover {
    fn draw(&self, look: &Look, hits: &mut Hits, buf: &mut Buffer, area: Rect) {
        draw(look.world, hits, buf, area, self.to);
    }

    fn update(&mut self, _: &mut Cx, msg: Msg) -> Command {
        update(msg)
    }

    fn scope(&self, _: &World) -> Scope {
        &KEYS
    }

    fn keys() -> Vec<Scope> {
        vec![&KEYS]
    }

    fn commits(&self) -> bool {
        true
    }
}

/// Its keys, the help's section "Two players: passing the keyboard".
#[rustfmt::skip]
pub static KEYS: crate::ui::keys::Keys = {
    use crate::ui::keys::{Action, Keys, ENTER, b, c};
    Keys {
        heading: "Two players: passing the keyboard",
        place: 40,
        dialog: false,
        bindings: &[
            b(ENTER, Action::Confirm, "the side named has the keyboard: show its screen"),
            b(&[c('r')], Action::Report, "playing a friend, while the other side chooses: read the last report again"),
        ],
    }
};
