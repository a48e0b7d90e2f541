//! The game screen: header, gauges and history, Moscow's ledger, treaties,
//! news, the move list with its details, and the key line. Lays out for
//! 80×24 and hands any extra room to the chart, the ledger, the news and the details.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::game::scenario::{Display, SIDES, SideId};
use crate::ui::keys::{self, Action, Scope};
use crate::ui::seats::Players;
use crate::ui::world::World;

use super::Hits;
use super::panels::{self, Ctx, put};
use super::{Button, Target, step};
use super::{chart, header, key_line, moves, news, updown};
use crate::game::Choice;
use crate::game::scenario::MoveId;
use crate::ui::msg::{Command, Msg};

/// Where each side's move list was left. The game screen is rebuilt from it each
/// time it comes up, so the list stays put month to month and across hand-overs
/// (and two players never see where the other's cursor was).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MoveCursors(pub [usize; SIDES]);

impl MoveCursors {
    /// The row `side`'s list opens on.
    #[must_use]
    pub fn of(self, side: SideId) -> usize {
        self.0[side.index()]
    }

    /// `side`'s list was left on `row`.
    pub fn keep(&mut self, side: SideId, row: usize) {
        self.0[side.index()] = row;
    }
}

/// What the game screen would like to show, in rows.
#[derive(Debug, Clone, Copy)]
struct Wants {
    gauges: u16,
    /// Figures under the gauges (one row each when there is room, else all on one).
    figures: u16,
    /// Every move of the side (the list scrolls when they do not all fit).
    moves: u16,
    treaties: u16,
    /// The ledger beside the gauges: heading, entries, trust.
    ledger: u16,
    /// The selected move's paragraph, wrapped to the screen's width.
    detail: u16,
    /// Its first rows, which must be read whole: why the move cannot be played,
    /// or the advisor's forecast (see `moves::must_read_rows`).
    must_read: u16,
}

/// Rows of the game screen's parts at a given height.
#[derive(Debug, PartialEq, Eq)]
struct Rows {
    /// Rows for the figures: `Wants::figures` when each has its own, else 1 (or 0).
    figures: u16,
    chart: u16,
    top: u16,
    news: u16,
    /// Rows of the move list shown (all the moves when there is room).
    moves: u16,
    detail: u16,
    gap: u16,
}

/// Rows still to share out.
struct Budget(u16);

impl Budget {
    fn take(&mut self, want: u16) -> u16 {
        let t = want.min(self.0);
        self.0 -= t;
        t
    }

    /// All of `want`, or nothing.
    fn take_all(&mut self, want: u16) -> u16 {
        if want <= self.0 { self.take(want) } else { 0 }
    }
}

/// Rows the details may grow by beyond their two.
const MORE_DETAIL: u16 = 3;

/// The most rows the details take from the move list for what must be read
/// whole (the list scrolls for the rest): five, so Moscow's forecast, every
/// meter by its name, and a tired move's or a treaty risk's warning still
/// read whole at 80×24.
const MUST_READ: u16 = 5;

/// Share the height out: first what 80×24 needs, then extra room where it helps most.
fn rows(height: u16, w: Wants) -> Rows {
    let fixed = 1 + 1 + 1 + w.treaties; // header, footer, move heading, treaties
    let mut free = Budget(height.saturating_sub(fixed));
    // The minimum: the gauges and the figures on a row, one news row, a row of
    // details, as many moves as fit (the list scrolls for the rest), a second row
    // of details, a one-row chart.
    let gauges = free.take(w.gauges);
    let mut figures = free.take(w.figures.min(1));
    let mut news = free.take(1);
    // What the details must say whole (why a move cannot be played, the advisor's
    // forecast) comes before the moves that do not fit: the list scrolls.
    let mut detail = free.take(w.must_read.clamp(1, MUST_READ));
    let moves = free.take(w.moves);
    detail += free.take(1);
    let mut chart = free.take(1);
    // Text that would be cut comes before the chart's empty rows: the details
    // whole (up to three rows more), then the news in its full form (three rows
    // or more), then the rest in the old order.
    let uncut = free.take(w.detail.saturating_sub(detail).min(MORE_DETAIL));
    detail += uncut;
    news += free.take_all(2);
    let mut take = |want: u16| free.take(want);
    // A blank row after the treaties and after the news, or neither.
    let gap = match take(2) {
        2 => 1,
        t => {
            news += t;
            0
        }
    };
    // Then each figure on its own row (on one row they only lose their words).
    if figures == 1 && w.figures > 1 {
        figures += free.take_all(w.figures - 1);
    }
    let mut take = |want: u16| free.take(want);
    news += take(4);
    chart += take(2);
    let left_more = take(w.ledger.saturating_sub(gauges + figures + chart));
    detail += take(MORE_DETAIL - uncut);
    chart += take(6);
    news += take(4);
    chart += take(u16::MAX);
    Rows {
        figures,
        chart: chart + left_more,
        top: gauges + figures + chart + left_more,
        news,
        moves,
        detail,
        gap,
    }
}

/// The top line: the month and deadline at the left; the side, seed and difficulty
/// at the right, each giving way in turn when the line is short of room.
fn draw_header(app: &World, c: &Ctx, buf: &mut Buffer, area: Rect) {
    let t = app.theme;
    let sc = c.sc;
    let st = c.game.state();
    let when = sc.calendar.label(st.turn);
    let (month, turns, sep) = (st.turn + 1, sc.calendar.turns, t.g.sep);
    let seed = app.seed_label(c.game.seed());
    let difficulty = app.options.difficulty.name();
    // Short of room, the deadline (in the goal, on every report) goes before the difficulty.
    let full = format!(
        "{sep}{when}, month {month} of {turns}{sep}deadline {}",
        sc.deadline
    );
    let wanted =
        "Détente".chars().count() + full.chars().count() + seed.len() + difficulty.len() + 5;
    let month_text = if wanted > area.width as usize {
        format!("{sep}{when}, month {month} of {turns}")
    } else {
        full
    };
    let mut left = Line::from(vec![
        Span::styled("Détente", t.heading()),
        Span::raw(month_text),
    ]);
    if let Some((done, of)) = app.replay_progress() {
        left.spans.push(Span::styled(
            format!("{}REPLAY {done}/{of}", t.g.sep),
            t.selected(),
        ));
    }
    // The seed matters more than the side, the side more than the difficulty, when
    // the line is short of room; the usual side goes without saying.
    let side = match app.players() {
        Players::One(s) if s == sc.default_player => None,
        Players::One(s) => Some(sc.side(s).name.clone()),
        Players::Two => Some(sc.side(c.side).name.clone()),
    };
    let mut forms = Vec::new();
    if let Some(side) = &side {
        forms.push(format!("{side}{sep}{seed}{sep}{difficulty}"));
        forms.push(format!("{side}{sep}{seed}"));
    } else {
        forms.push(format!("{seed}{sep}{difficulty}"));
    }
    let room = (area.width as usize).saturating_sub(left.width() + 2);
    let right = Line::from(Span::styled(
        forms
            .into_iter()
            .find(|f| f.chars().count() <= room)
            .unwrap_or(seed),
        t.dim(),
    ));
    header(buf, Rect::new(area.x, area.y, area.width, 1), left, right);
}

/// The bottom line of keys: a replay's, or a game's.
fn draw_footer(app: &World, buf: &mut Buffer, area: Rect) {
    let t = app.theme;
    let a = t.ascii;
    let footer = if app.replay_progress().is_some() {
        key_line(
            &t,
            &[
                (
                    &keys::keys_for(Scope::Replay, Action::Step, a),
                    "next recorded choice",
                ),
                (
                    &keys::first_key(Scope::Replay, Action::Report, a),
                    "month's report",
                ),
                (&keys::first_key(Scope::Everywhere, Action::Help, a), "help"),
                (&keys::first_key(Scope::Everywhere, Action::Quit, a), "quit"),
            ],
        )
    } else {
        key_line(
            &t,
            &[
                (&updown(Scope::Game, a), "select"),
                (&keys::first_key(Scope::Game, Action::Confirm, a), "play"),
                (&keys::first_key(Scope::Game, Action::Report, a), "report"),
                (&keys::first_key(Scope::Game, Action::Undo, a), "undo"),
                (
                    &keys::first_key(Scope::Game, Action::SaveRun, a),
                    "save run",
                ),
                (&keys::first_key(Scope::Everywhere, Action::Help, a), "help"),
                (&keys::first_key(Scope::Everywhere, Action::Quit, a), "quit"),
            ],
        )
    };
    put(buf, area, area.height - 1, footer);
}

/// The top panel: gauges, figures and the relations chart at the left, the ledger at the right.
fn draw_top(buf: &mut Buffer, area: Rect, c: &Ctx, r: &Rows, n_gauges: u16) {
    let t = &c.t;
    let left_w = area.width * 57 / 100;
    let right_x = area.x + left_w + 1;
    let right_w = area.width - left_w - 1;
    let figures = panels::other_figures(c);
    let top = area.y;
    panels::gauges(buf, Rect::new(area.x, top, left_w, n_gauges), c);
    let fig_area = Rect::new(area.x, top + n_gauges, left_w, r.figures);
    if r.figures as usize >= figures.len() {
        for (i, m) in figures.iter().enumerate() {
            put(buf, fig_area, i as u16, panels::figure(c, *m));
        }
    } else {
        // One column short of the border, so the last figure never touches it.
        let room = left_w.saturating_sub(1);
        put(buf, fig_area, 0, panels::figures_line(c, &figures, room));
    }
    let chart_y = top + n_gauges + r.figures;
    if r.chart > 0 {
        chart::history(buf, Rect::new(area.x, chart_y, left_w, r.chart), c);
    }
    for y in top..top + r.top {
        buf.set_string(area.x + left_w, y, t.g.border.vertical_left, t.border());
    }
    let notes = panels::side_notes(c);
    panels::ledger(
        buf,
        Rect::new(right_x + 1, top, right_w - 1, r.top),
        c,
        &notes,
    );
}

/// Draw the game screen; `list` is the selected move and the line of feedback
/// under it (None when a card is up: no move is selected).
pub fn draw(
    app: &World,
    hits: &mut Hits,
    buf: &mut Buffer,
    area: Rect,
    list: Option<(usize, Option<&str>)>,
) {
    let (cursor, status) = (list.map(|(i, _)| i), list.and_then(|(_, s)| s));
    let seat = app.seat();
    let Some(game) = app.game() else {
        return;
    };
    let mut c = Ctx::new(&app.scenario, game, app.theme, seat);
    c.advice = app.advice.as_ref().filter(|a| a.is_for(game, seat));
    // A replay keeps no secrets: its moves are on record.
    c.secret = app.players() == Players::Two && app.replay().is_none();
    let sc = c.sc;
    draw_header(app, &c, buf, area);

    let n_moves = sc.moves_of(seat).count() as u16;
    let mut treaty_lines = panels::treaty_lines(&c, area.width);
    // What the month's end would walk back, under the treaty it would change.
    treaty_lines.extend(super::risk::lines(&c, area.width));
    let n_gauges = c.meters_shown(Display::Gauge).len() as u16;
    let detail_rows = cursor.map_or(0, |i| {
        moves::detail_lines(&c, area.width, i, status).len() as u16
    });
    let must_read = cursor.map_or(0, |i| moves::must_read_rows(&c, area.width, i, status));
    let r = rows(
        area.height,
        Wants {
            gauges: n_gauges,
            figures: panels::other_figures(&c).len() as u16,
            moves: n_moves,
            treaties: treaty_lines.len() as u16,
            ledger: panels::ledger_rows(&c, panels::side_notes(&c).len()),
            detail: detail_rows,
            must_read,
        },
    );

    let top = area.y + 1;
    draw_top(
        buf,
        Rect::new(area.x, top, area.width, r.top),
        &c,
        &r,
        n_gauges,
    );
    let mut y = top + r.top;
    for l in treaty_lines {
        put(buf, area, y - area.y, l);
        y += 1;
    }
    let news_y = y + r.gap;
    news::news(buf, Rect::new(area.x, news_y, area.width, r.news), &c);

    let list_y = news_y + r.news + r.gap;
    let list = Rect::new(area.x, list_y, area.width, 1 + r.moves);
    let detail = Rect::new(area.x, list_y + 1 + r.moves, area.width, r.detail);
    moves::list(buf, list, &c, cursor, hits);
    if let Some(i) = cursor {
        moves::detail(buf, detail, &c, i, status);
    }
    draw_footer(app, buf, area);
}

/// The move list: the player's side's moves `ids`, in scenario order.
pub fn update(cursor: &mut usize, ids: &[MoveId], msg: Msg) -> Command {
    let n = ids.len();
    let play = |i: usize| {
        ids.get(i)
            .map_or(Command::None, |mv| Command::Play(Choice::Move { mv: *mv }))
    };
    match msg {
        Msg::Act(a @ (Action::Up | Action::Down | Action::First | Action::Last)) => {
            step(cursor, n, a);
            Command::None
        }
        Msg::Act(Action::Confirm) => play(*cursor),
        Msg::Act(Action::Report) => Command::ShowLastReport,
        Msg::Act(Action::Undo) => Command::AskUndo,
        Msg::Act(Action::SaveRun) => Command::SaveRun,
        // A first click selects; a click on the selected move plays it.
        Msg::Click(Target::Move(i)) if i == *cursor => play(i),
        Msg::Click(Target::Move(i)) if i < n => {
            *cursor = i;
            Command::None
        }
        Msg::Click(Target::Button(Button::Play)) => play(*cursor),
        _ => Command::None,
    }
}

/// A replay's game screen or card: only stepping on and reading the report again.
pub fn update_replay(msg: Msg) -> Command {
    match msg {
        Msg::Act(Action::Step) | Msg::Click(Target::Button(Button::Play | Button::Answer)) => {
            Command::Step
        }
        Msg::Act(Action::Report) => Command::ShowLastReport,
        _ => Command::None,
    }
}

#[cfg(test)]
mod tests;
