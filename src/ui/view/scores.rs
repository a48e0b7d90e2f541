//! The high-score tables: the best finished games on this machine, one table per side.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use crate::store::scores::Scores;
use crate::ui::keys::{Action, Scope, first_key};
use crate::ui::screen::{Command, Cx, Look, ScreenView};
use crate::ui::world::World;

use super::Hits;
use super::panels::put;
use super::{Button, button, header, key_line, scroll_lines, updown};
use super::{Page, Target, scrolled};
use crate::ui::msg::Msg;

/// Draw the table (`None`: still being read).
pub fn draw(
    app: &World,
    hits: &mut Hits,
    buf: &mut Buffer,
    area: Rect,
    (scroll, table): (u16, Option<&Scores>),
) {
    let t = app.theme;
    let left = Line::from(vec![
        Span::styled("Détente", t.heading()),
        Span::raw(format!("{}high scores", t.g.sep)),
    ]);
    let where_ = app
        .files
        .scores_path()
        .map_or_else(|| "not kept".to_string(), |p| p.display().to_string());
    header(
        buf,
        Rect::new(area.x, area.y, area.width, 1),
        left,
        Line::from(Span::styled(where_, t.dim())),
    );
    let body = Rect::new(area.x + 2, area.y + 2, area.width - 4, area.height - 4);
    let empty = table.is_none_or(|s| s.entries.is_empty());
    let text = table.map_or_else(|| "Reading the table…".to_string(), Scores::table);
    let lines: Vec<Line> = text
        .lines()
        .map(|l| {
            // A side's name and its column heads stand out; the games' rows begin
            // with their rank.
            let row = l.trim_start().starts_with(|c: char| c.is_ascii_digit());
            let style = if row || empty { t.plain() } else { t.bold() };
            Line::from(Span::styled(l.to_string(), style))
        })
        .collect();
    scroll_lines(buf, body, &lines, scroll, &t, hits);
    let y = area.bottom() - 1;
    let bw = button(buf, (area.x + 1, y), "Back", true, &t, hits, Button::Close);
    let a = t.ascii;
    let keys = key_line(
        &t,
        &[
            (&first_key(&KEYS, Action::Back, a), "back"),
            (&updown(&KEYS, a), "scroll"),
        ],
    );
    put(
        buf,
        Rect::new(area.x + bw + 3, y, area.width.saturating_sub(bw + 4), 1),
        0,
        keys.alignment(Alignment::Right),
    );
}

/// The high-score table.
pub fn update(scroll: &mut u16, page: Page, msg: Msg) -> Command {
    match msg {
        // Back to the title (no game is up, so the screen the game calls for is the title).
        Msg::Act(Action::Back) | Msg::Click(Target::Button(Button::Close)) => Command::Continue,
        Msg::Act(a) => {
            *scroll = scrolled(*scroll, a, page);
            Command::None
        }
        _ => Command::None,
    }
}

/// The high-score screen's state: how far it is scrolled, and the table once read.
#[derive(Clone, Debug, Default)]
pub struct ScoreTable {
    pub scroll: u16,
    /// `None` until it is read (by [`crate::ui::Effect::ReadScores`]).
    pub table: Option<Box<Scores>>,
}

impl ScreenView for ScoreTable {
    fn draw(&self, look: &Look, hits: &mut Hits, buf: &mut Buffer, area: Rect) {
        draw(
            look.world,
            hits,
            buf,
            area,
            (self.scroll, self.table.as_deref()),
        );
    }

    fn update(&mut self, cx: &mut Cx, msg: Msg) -> Command {
        update(&mut self.scroll, cx.page, msg)
    }

    fn scope(&self, _: &World) -> Scope {
        &KEYS
    }

    fn keys() -> Vec<Scope> {
        vec![&KEYS]
    }

    fn in_game(&self) -> bool {
        false
    }
}

/// Its keys, the help's section "High scores".
#[rustfmt::skip]
pub static KEYS: crate::ui::keys::Keys = {
    use crate::ui::keys::{Action, Keys, UP, DOWN, b, k};
    use ratatui::crossterm::event::KeyCode;
    Keys {
        heading: "High scores",
        place: 90,
        dialog: false,
        bindings: &[
            b(DOWN, Action::Down, "scroll down"),
            b(UP, Action::Up, "scroll up"),
            b(&[k(KeyCode::Enter), k(KeyCode::Esc)], Action::Back, "back to the title screen"),
        ],
    }
};
