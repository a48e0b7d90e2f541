//! The list of turns played so far: choose one to go back to just before it
//! and play another branch.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use crate::game::report::Note;
use crate::game::scenario::SideId;
use crate::game::{Choice, Scenario, Turn};
use crate::ui::keys::{Action, first_key};
use crate::ui::text;
use crate::ui::words::{Viewer, Words};
use crate::ui::world::World;

use super::Button;
use super::Hits;
use super::panels::put;
use super::step;
use super::{Target, centered, key_line, popup, updown};
use crate::ui::msg::Msg;
use crate::ui::screen::Command;

/// The list's width.
const WIDTH: u16 = 70;

/// What one choice was, in a few words: the moves made, or the card answered.
fn what(sc: &Scenario, turn: &Turn, w: &Words) -> String {
    match turn.choice {
        Choice::Answer { choice } => turn
            .report
            .notes
            .iter()
            .find_map(|n| match n {
                Note::Answered { event, .. } => Some(*event),
                _ => None,
            })
            .and_then(|e| {
                let ev = sc.event(e);
                ev.choices
                    .get(choice as usize)
                    .map(|c| format!("{}: {}", ev.title, c.label))
            })
            .unwrap_or_else(|| format!("answer {}", choice + 1)),
        _ => match w.viewer {
            Viewer::Side(us) => turn
                .report
                .move_of(us)
                .map_or_else(|| "a move".to_string(), |(mv, _)| sc.mv(mv).name.clone()),
            Viewer::Both => SideId::ALL
                .into_iter()
                .filter_map(|s| {
                    let (mv, _) = turn.report.move_of(s)?;
                    Some(format!("{}: {}", w.side_name(s), sc.mv(mv).name))
                })
                .collect::<Vec<_>>()
                .join(w.theme.g.sep),
        },
    }
}

/// One line per point to go back to: a turn, or (two players) a whole month.
fn rows(app: &World) -> Vec<String> {
    let Some(g) = app.game() else {
        return Vec::new();
    };
    let sc = g.scenario();
    let w = Words::new(sc, app.theme, app.report_viewer());
    let turns = g.turns();
    let points = app.undo_points();
    points
        .iter()
        .enumerate()
        .map(|(k, &from)| {
            let to = points.get(k + 1).copied().unwrap_or(turns.len());
            let when = sc.calendar.label(turns[from].month);
            let what: Vec<String> = turns[from..to].iter().map(|t| what(sc, t, &w)).collect();
            format!("{when}  {}", what.join(w.theme.g.sep))
        })
        .collect()
}

pub fn draw(app: &World, hits: &mut Hits, buf: &mut Buffer, area: Rect, cursor: usize) {
    let t = app.theme;
    let rows = rows(app);
    let h = (text::cols(rows.len()) + 5)
        .min(area.height.saturating_sub(2))
        .max(6);
    let r = centered(area, WIDTH, h);
    let inner = popup(
        buf,
        r,
        &t,
        Line::from(Span::styled(" Go back to an earlier turn ", t.heading())),
    );
    let body = Rect::new(inner.x + 1, inner.y, inner.width - 2, inner.height - 1);
    put(
        buf,
        body,
        0,
        Line::from(Span::styled(
            text::truncate(
                if app.report_viewer() == Viewer::Both {
                    "Back to the start of a month; what followed is dropped."
                } else {
                    "Back to just before a turn; what followed is dropped."
                },
                body.width as usize,
                t.g.ellipsis,
            ),
            t.dim(),
        )),
    );
    let list = Rect::new(
        body.x,
        body.y + 1,
        body.width,
        body.height.saturating_sub(1),
    );
    // Keep the selected row in view.
    let top = cursor.saturating_sub(list.height.saturating_sub(1) as usize);
    for (row, (i, text)) in rows
        .iter()
        .enumerate()
        .skip(top)
        .take(list.height as usize)
        .enumerate()
    {
        let selected = i == cursor;
        let pointer = if selected { t.g.pointer } else { " " };
        let style = if selected { t.selected() } else { t.plain() };
        put(
            buf,
            list,
            text::cols(row),
            Line::from(vec![
                Span::raw(format!("{pointer} ")),
                Span::styled(
                    text::truncate(text, (list.width as usize).saturating_sub(2), t.g.ellipsis),
                    style,
                ),
            ]),
        );
        hits.push(
            Rect::new(list.x, list.y + text::cols(row), list.width, 1),
            Target::Turn(i),
        );
    }
    let a = t.ascii;
    let keys = key_line(
        &t,
        &[
            (&updown(&KEYS, a), "choose"),
            (&first_key(&KEYS, Action::Confirm, a), "go back"),
            (&first_key(&KEYS, Action::Back, a), "close"),
        ],
    );
    put(
        buf,
        Rect::new(inner.x + 1, inner.bottom() - 1, inner.width - 2, 1),
        0,
        keys.alignment(Alignment::Right),
    );
}

/// The list of the `n` turns played: choose one to go back to just before it.
pub fn update(cursor: &mut usize, n: usize, msg: Msg) -> Command {
    match msg {
        Msg::Act(a @ (Action::Up | Action::Down | Action::First | Action::Last)) => {
            step(cursor, n, a);
            Command::None
        }
        Msg::Act(Action::Confirm) if *cursor < n => Command::UndoTo(*cursor),
        Msg::Click(Target::Turn(i)) if i == *cursor && i < n => Command::UndoTo(i),
        Msg::Click(Target::Turn(i)) if i < n => {
            *cursor = i;
            Command::None
        }
        Msg::Act(Action::Back) | Msg::Click(Target::Button(Button::Close)) => Command::Close,
        Msg::Act(Action::Interrupt) => Command::Quit,
        _ => Command::None,
    }
}

/// Its keys, the help's section "Going back to an earlier turn".
#[rustfmt::skip]
pub static KEYS: crate::ui::keys::Keys = {
    use crate::ui::keys::{Action, Keys, UP, DOWN, ENTER, HOME, END, b, c, k, ctrl};
    use ratatui::crossterm::event::KeyCode;
    Keys {
        heading: "Going back to an earlier turn",
        place: 70,
        dialog: true,
        bindings: &[
            b(UP, Action::Up, "earlier turn"),
            b(DOWN, Action::Down, "later turn"),
            b(HOME, Action::First, "first turn"),
            b(END, Action::Last, "last turn"),
            b(ENTER, Action::Confirm, "go back to just before the selected turn"),
            b(&[k(KeyCode::Esc), c('u'), c('q')], Action::Back, "close the list"),
            b(&[ctrl('c')], Action::Interrupt, "quit (asks first)"),
        ],
    }
};
