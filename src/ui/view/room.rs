//! The room screens of a game against a friend on another connection (under the
//! server only): choosing a side, typing a room code, the open room with the
//! command the friend types, and the wait while the other side chooses — which
//! says who is choosing, never what.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use crate::game::Phase;
use crate::game::scenario::{SIDES, SideId};
use crate::ui::keys::{Action, EVERYWHERE, Scope, first_key};
use crate::ui::msg::Msg;
use crate::ui::room::{RoomLink, RoomScreen};
use crate::ui::screen::{Command, Cx, Look, ScreenView};
use crate::ui::text;
use crate::ui::world::World;

use super::panels::put;
use super::{Hits, Target, between_bars, header, key_line, popup, step};

/// The box's width at most.
const WIDTH: u16 = 70;
/// The longest room code a player may type (codes are shorter; this bounds the field).
pub const MAX_TYPED: usize = 8;

/// What the key table does not cover on a room screen: letters and digits typed
/// for a room code. `None`: the table decides.
#[must_use]
pub fn input(s: &RoomScreen, k: &KeyEvent) -> Option<Msg> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    match (s, k.code) {
        (RoomScreen::Code { .. }, KeyCode::Char(c)) if !ctrl && c.is_ascii_alphanumeric() => {
            Some(Msg::Typed(c))
        }
        _ => None,
    }
}

/// The key table's scope for a room screen.
#[must_use]
pub fn scope(s: &RoomScreen) -> Scope {
    match s {
        RoomScreen::PickSide { .. } | RoomScreen::Asking | RoomScreen::Open { .. } => &KEYS,
        RoomScreen::Code { .. } => &CODE_KEYS,
        // In the game, the other side choosing: as when passing the keyboard.
        RoomScreen::Waiting => &super::handover::KEYS,
    }
}

/// A room screen's answer to a message.
pub fn update(s: &mut RoomScreen, msg: Msg) -> Command {
    match (s, msg) {
        (RoomScreen::PickSide { cursor }, Msg::Act(a @ (Action::Up | Action::Down))) => {
            step(cursor, SIDES, a);
            Command::None
        }
        (RoomScreen::PickSide { cursor }, Msg::Click(Target::Menu(i))) if i < SIDES => {
            *cursor = i;
            Command::OpenRoom(SideId::ALL[i])
        }
        (RoomScreen::PickSide { cursor }, Msg::Act(Action::Confirm)) => {
            Command::OpenRoom(SideId::ALL[(*cursor).min(SIDES - 1)])
        }
        (RoomScreen::Code { typed }, Msg::Typed(c)) => {
            if typed.len() < MAX_TYPED {
                typed.push(c.to_ascii_uppercase());
            }
            Command::None
        }
        (RoomScreen::Code { typed }, Msg::Act(Action::Erase)) => {
            typed.pop();
            Command::None
        }
        (RoomScreen::Code { typed }, Msg::Act(Action::Confirm)) if !typed.is_empty() => {
            Command::JoinRoom
        }
        (RoomScreen::Waiting, Msg::Act(Action::Report)) => Command::ShowLastReport,
        (RoomScreen::Waiting, _) => Command::None,
        (_, Msg::Act(Action::Back)) => Command::LeaveRoom,
        _ => Command::None,
    }
}

/// The lines of a room screen and its title.
fn body(
    app: &World,
    room: Option<&RoomLink>,
    s: &RoomScreen,
    w: u16,
) -> (String, Vec<Line<'static>>) {
    let t = app.theme;
    let sc = &*app.scenario;
    let para = |s: String| text::wrap(Line::from(s), w, 0);
    let dim = |s: String| text::wrap(Line::from(Span::styled(s, t.dim())), w, 0);
    let mut lines = Vec::new();
    let title = match s {
        RoomScreen::PickSide { cursor } => {
            lines.extend(para(
                "Which side do you play? Your friend plays the other.".into(),
            ));
            lines.push(Line::from(""));
            for (i, side) in sc.sides.iter().enumerate() {
                let on = i == *cursor;
                let style = if on { t.selected() } else { t.bold() };
                let pointer = if on { t.g.pointer } else { " " };
                lines.push(Line::from(vec![
                    Span::raw(format!("  {pointer} ")),
                    Span::styled(format!(" {} ", side.name), style),
                ]));
            }
            lines.push(Line::from(""));
            lines.extend(dim(
                "Two people play: the computer plays neither side, so there is no difficulty to choose. You get a code to give your friend.".into(),
            ));
            " Play a friend "
        }
        RoomScreen::Code { typed } => {
            let enter = first_key(&CODE_KEYS, Action::Confirm, t.ascii);
            lines.extend(para(format!(
                "Type the room code your friend sees, then {enter}:"
            )));
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                format!("   {typed}_"),
                t.heading(),
            )));
            " Join a friend "
        }
        RoomScreen::Asking => {
            lines.extend(para("Asking the server…".into()));
            " Play a friend "
        }
        RoomScreen::Open { code, command } => {
            lines.push(Line::from(vec![
                Span::raw("Your room code is "),
                Span::styled(code.clone(), t.heading()),
            ]));
            lines.push(Line::from(""));
            lines.extend(para(format!(
                "Waiting for a friend {} they type:",
                t.g.dash
            )));
            lines.push(Line::from(Span::styled(format!("  {command}"), t.bold())));
            lines.push(Line::from(""));
            lines.extend(dim(format!(
                "Or they connect as usual and choose Join a friend, with the code {code}."
            )));
            " Room open "
        }
        RoomScreen::Waiting => return (" Waiting ".into(), waiting(app, room, w)),
    };
    (title.into(), lines)
}

/// The wait while the other side chooses: who, never what.
fn waiting(app: &World, room: Option<&RoomLink>, w: u16) -> Vec<Line<'static>> {
    let t = app.theme;
    let sc = &*app.scenario;
    let (Some(g), Some(r)) = (app.game(), room) else {
        return Vec::new();
    };
    let other = sc.side(r.side.other()).name.clone();
    let st = g.state();
    let when = sc.calendar.label(st.turn);
    let mut lines = Vec::new();
    let (head, more) = match st.phase {
        Phase::Card(e) => (
            format!("{other} is answering a card…"),
            format!(
                "{}: their answer, and what it does, comes to both of you.",
                sc.event(e).title
            ),
        ),
        _ => {
            let mine = app.seats.sealed[r.side.index()]
                .map(|mv| format!("Your order for {when} is sealed: {}. ", sc.mv(mv).name))
                .unwrap_or_default();
            (
                format!("{other} is choosing…"),
                format!("{mine}Both orders are revealed together, once both are given."),
            )
        }
    };
    lines.push(Line::from(Span::styled(head, t.heading())));
    lines.push(Line::from(""));
    lines.extend(text::wrap(Line::from(Span::styled(more, t.dim())), w, 0));
    if !r.other_here {
        lines.push(Line::from(""));
        lines.extend(text::wrap(
            Line::from(Span::styled(
                format!(
                    "{other} has left {} the game is held; waiting for them to reconnect.",
                    t.g.dash
                ),
                t.bold(),
            )),
            w,
            0,
        ));
    }
    lines
}

pub fn draw(
    app: &World,
    room: Option<&RoomLink>,
    hits: &mut Hits,
    buf: &mut Buffer,
    area: Rect,
    s: &RoomScreen,
) {
    let t = app.theme;
    let sc = &*app.scenario;
    if let (Some(g), RoomScreen::Waiting) = (app.game(), s) {
        let st = g.state();
        let left = Line::from(vec![
            Span::styled("Détente", t.heading()),
            Span::raw(format!(
                "{}{}, month {} of {}",
                t.g.sep,
                sc.calendar.label(st.turn),
                st.turn + 1,
                sc.calendar.turns
            )),
        ]);
        let code = room.map(|r| r.code.as_str()).unwrap_or_default();
        let right = Line::from(Span::styled(format!("room {code}"), t.dim()));
        header(buf, Rect::new(area.x, area.y, area.width, 1), left, right);
    }
    let box_w = WIDTH.min(area.width.saturating_sub(2));
    let inner_w = box_w.saturating_sub(6);
    let (title, lines) = body(app, room, s, inner_w);
    let h = (text::cols(lines.len()) + 4).min(area.height.saturating_sub(2));
    let r = between_bars(area, box_w, h);
    let inner = popup(buf, r, &t, Line::from(Span::styled(title, t.heading())));
    let body = Rect::new(
        inner.x + 2,
        inner.y + 1,
        inner.width.saturating_sub(4),
        inner.height.saturating_sub(1),
    );
    for (i, l) in lines.into_iter().enumerate() {
        let l = if matches!(s, RoomScreen::Waiting) {
            l.alignment(Alignment::Center)
        } else {
            l
        };
        put(buf, body, text::cols(i), l);
    }
    if let RoomScreen::PickSide { .. } = s {
        for i in 0..text::cols(SIDES) {
            hits.push(
                Rect::new(body.x, body.y + 2 + i, body.width.min(30), 1),
                Target::Menu(i as usize),
            );
        }
    }
    let a = t.ascii;
    let scope = scope(s);
    let (enter, esc) = (
        first_key(scope, Action::Confirm, a),
        first_key(scope, Action::Back, a),
    );
    let help = first_key(&EVERYWHERE, Action::Help, a);
    let quit = first_key(&EVERYWHERE, Action::Quit, a);
    let report = first_key(&super::handover::KEYS, Action::Report, a);
    let keys: Vec<(&str, &str)> = match s {
        RoomScreen::PickSide { .. } => vec![(&enter, "open a room"), (&esc, "back")],
        RoomScreen::Code { .. } => vec![(&enter, "join"), (&esc, "back")],
        RoomScreen::Asking => vec![(&esc, "back")],
        RoomScreen::Open { .. } => vec![(&esc, "close the room")],
        RoomScreen::Waiting => vec![
            (&report, "the last report"),
            (&help, "help"),
            (&quit, "quit"),
        ],
    };
    put(
        buf,
        area,
        area.height - 1,
        key_line(&t, &keys).alignment(Alignment::Center),
    );
}

impl ScreenView for RoomScreen {
    fn draw(&self, look: &Look, hits: &mut Hits, buf: &mut Buffer, area: Rect) {
        draw(look.world, look.room, hits, buf, area, self);
    }

    fn update(&mut self, _: &mut Cx, msg: Msg) -> Command {
        update(self, msg)
    }

    fn scope(&self, _: &World) -> Scope {
        scope(self)
    }

    fn keys() -> Vec<Scope> {
        vec![&KEYS, &CODE_KEYS]
    }

    fn input(&self, key: &KeyEvent) -> Option<Msg> {
        input(self, key)
    }
}

/// Its keys, the help's section "Playing a friend (on the server)".
#[rustfmt::skip]
pub static KEYS: crate::ui::keys::Keys = {
    use crate::ui::keys::{Action, Keys, UP, DOWN, ENTER, b, c, k};
    use ratatui::crossterm::event::KeyCode;
    Keys {
        heading: "Playing a friend (on the server)",
        place: 120,
        dialog: false,
        bindings: &[
            b(UP, Action::Up, "previous side"),
            b(DOWN, Action::Down, "next side"),
            b(ENTER, Action::Confirm, "open a room to play the selected side"),
            b(&[k(KeyCode::Esc), c('q')], Action::Back, "back to the title (an open room is closed)"),
        ],
    }
};

/// Its keys, the help's section "Joining a friend: typing the room code".
#[rustfmt::skip]
pub static CODE_KEYS: crate::ui::keys::Keys = {
    use crate::ui::keys::{Action, Keys, ENTER, b, k};
    use ratatui::crossterm::event::KeyCode;
    Keys {
        heading: "Joining a friend: typing the room code",
        place: 130,
        dialog: false,
        bindings: &[
            b(ENTER, Action::Confirm, "join the room whose code is typed"),
            b(&[k(KeyCode::Backspace)], Action::Erase, "erase the last character typed"),
            b(&[k(KeyCode::Esc)], Action::Back, "back to the title"),
        ],
    }
};
