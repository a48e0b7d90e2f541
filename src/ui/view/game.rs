//! The game screen: header, gauges and history, Moscow's ledger, treaties,
//! news, the move list with its details, and the key line. Lays out for
//! 80×24 and hands any extra room to the chart, the ledger, the news and the details.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::game::scenario::{Display, SIDES, SideId};
use crate::ui::keys::{self, Action, Keys, Scope};
use crate::ui::screen::{Command, Cx, Look, ScreenView};
use crate::ui::seats::Players;
use crate::ui::words::{Viewer, Words};
use crate::ui::world::World;

use super::Hits;
use super::panels::{self, Ctx, put};
use super::{Button, Target, step};
use super::{chart, fit_keys, header, key_line, moves, news, updown};
use crate::game::Choice;
use crate::game::scenario::MoveId;
use crate::ui::hits::{Page, scrolled};
use crate::ui::msg::Msg;

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

/// The key line's words for the run file's key.
const SAVE_RUN: &str = "save run";

/// The bottom line of keys: a replay's, or a game's, led by the key that reads
/// on when the selected move's details are cut (`page`, `scroll`: where they stand).
fn draw_footer(app: &World, buf: &mut Buffer, area: Rect, page: Option<Page>, scroll: u16) {
    let t = app.theme;
    let a = t.ascii;
    let replay = app.replay_progress().is_some();
    // Details cut short lead the line (the keys at its end give way): more
    // below, else the top scrolled out.
    let scope: &Keys = if replay { &REPLAY_KEYS } else { &KEYS };
    let details = page.and_then(|p| {
        if scroll < p.max {
            Some((keys::first_key(scope, Action::PageDown, a), "more"))
        } else if scroll > 0 {
            Some((keys::first_key(scope, Action::PageUp, a), "back"))
        } else {
            None
        }
    });
    let mut items: Vec<(String, &str)> = details.into_iter().collect();
    let line = |items: &[(String, &str)]| {
        let refs: Vec<(&str, &str)> = items.iter().map(|(k, w)| (k.as_str(), *w)).collect();
        key_line(&t, &refs)
    };
    let footer = if replay {
        items.extend([
            (
                keys::keys_for(&REPLAY_KEYS, Action::Step, a),
                "next recorded choice",
            ),
            (
                keys::first_key(&REPLAY_KEYS, Action::Report, a),
                "month's report",
            ),
            (keys::first_key(&keys::EVERYWHERE, Action::Help, a), "help"),
            (keys::first_key(&keys::EVERYWHERE, Action::Quit, a), "quit"),
        ]);
        fit_keys(line(&items), area.width)
    } else {
        items.extend([
            (updown(&KEYS, a), "select"),
            (keys::first_key(&KEYS, Action::Confirm, a), "play"),
            (keys::first_key(&KEYS, Action::Report, a), "report"),
            (keys::first_key(&KEYS, Action::Undo, a), "undo"),
            (keys::first_key(&KEYS, Action::SaveRun, a), SAVE_RUN),
            (keys::first_key(&keys::EVERYWHERE, Action::Help, a), "help"),
            (keys::first_key(&keys::EVERYWHERE, Action::Quit, a), "quit"),
        ]);
        // Short of room, the run file's key goes first (the help names it),
        // before the help and quit keys at the end.
        if line(&items).width() > usize::from(area.width) {
            items.retain(|(_, what)| *what != SAVE_RUN);
        }
        fit_keys(line(&items), area.width)
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
            put(
                buf,
                fig_area,
                crate::ui::text::cols(i),
                panels::figure(c, *m),
            );
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

/// The selected move as the game screen shows it.
#[derive(Clone, Copy, Debug)]
pub struct Selected<'a> {
    /// Its row in the list.
    pub cursor: usize,
    /// The line of feedback under the list (why it cannot be played).
    pub status: Option<&'a str>,
    /// Rows of its details scrolled past.
    pub scroll: u16,
}

/// Draw the game screen; `list` is the selected move (None when a card is up:
/// no move is selected).
pub fn draw(app: &World, hits: &mut Hits, buf: &mut Buffer, area: Rect, list: Option<Selected>) {
    let (cursor, status) = (list.map(|l| l.cursor), list.and_then(|l| l.status));
    let scroll = list.map_or(0, |l| l.scroll);
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

    let n_moves = crate::ui::text::cols(sc.moves_of(seat).count());
    let mut treaty_lines = panels::treaty_lines(&c, area.width);
    // What the month's end would walk back, under the treaty it would change.
    treaty_lines.extend(super::risk::lines(&c, area.width));
    let n_gauges = crate::ui::text::cols(c.meters_shown(Display::Gauge).len());
    let detail_rows = cursor.map_or(0, |i| {
        crate::ui::text::cols(moves::detail_lines(&c, area.width, i, status).len())
    });
    let must_read = cursor.map_or(0, |i| moves::must_read_rows(&c, area.width, i, status));
    let r = rows(
        area.height,
        Wants {
            gauges: n_gauges,
            figures: crate::ui::text::cols(panels::other_figures(&c).len()),
            moves: n_moves,
            treaties: crate::ui::text::cols(treaty_lines.len()),
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
    // The details are the game screen's scrolling page (PgDn, PgUp).
    let page = cursor.map(|i| moves::detail(buf, detail, &c, i, status, scroll));
    if let Some(p) = page {
        hits.page = p;
    }
    draw_footer(app, buf, area, page, scroll.min(page.map_or(0, |p| p.max)));
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

/// The game screen's state: the move selected, one line of feedback until
/// the next key (why a move cannot be played), and how far the selected move's
/// details are scrolled (back to their top when another move is selected).
#[derive(Clone, Debug, Default)]
pub struct Playing {
    pub cursor: usize,
    pub status: Option<String>,
    pub detail_scroll: u16,
}

impl ScreenView for Playing {
    fn draw(&self, look: &Look, hits: &mut Hits, buf: &mut Buffer, area: Rect) {
        let line = Selected {
            cursor: self.cursor,
            status: self.status.as_deref(),
            scroll: self.detail_scroll,
        };
        draw(look.world, hits, buf, area, Some(line));
    }

    fn update(&mut self, cx: &mut Cx, msg: Msg) -> Command {
        if let Msg::Act(a @ (Action::PageUp | Action::PageDown)) = msg {
            self.detail_scroll = scrolled(self.detail_scroll, a, cx.page);
            return Command::None;
        }
        if cx.world.replay().is_some() {
            return update_replay(msg);
        }
        let seat = cx.world.seat();
        let ids: Vec<_> = cx.world.scenario.moves_of(seat).collect();
        let was = self.cursor;
        let cmd = update(&mut self.cursor, &ids, msg);
        if self.cursor != was {
            self.detail_scroll = 0;
        }
        cx.move_cursors.keep(seat, self.cursor);
        match cmd {
            Command::Play(Choice::Move { mv }) => self.check_move(cx, mv),
            other => other,
        }
    }

    fn scope(&self, world: &World) -> Scope {
        if world.replay().is_some() {
            &REPLAY_KEYS
        } else {
            &KEYS
        }
    }

    fn keys() -> Vec<Scope> {
        vec![&KEYS, &REPLAY_KEYS]
    }

    fn commits(&self) -> bool {
        true
    }

    fn wants_forecast(&self) -> bool {
        true
    }
}

impl Playing {
    /// A move chosen on the list: play it if it can be played, else say why not.
    fn check_move(&mut self, cx: &Cx, mv: MoveId) -> Command {
        let world = &*cx.world;
        let Some(g) = world.game() else {
            return Command::None;
        };
        if !crate::game::rules::is_legal(&world.scenario, g.state(), mv) {
            let sc = &world.scenario;
            let words = Words::new(sc, world.theme, Viewer::Side(world.seat()));
            let why = format!(
                "{} is not available now: {}.",
                sc.mv(mv).name,
                words.why_not(g.state(), mv)
            );
            self.status = Some(why);
            Command::None
        } else if world.players() == Players::Two || cx.room.is_some() {
            Command::Seal(mv)
        } else {
            Command::Play(Choice::Move { mv })
        }
    }
}

/// Its keys, the help's section "The month's move".
#[rustfmt::skip]
pub static KEYS: crate::ui::keys::Keys = {
    use crate::ui::keys::{Action, Keys, UP, DOWN, PGUP, PGDN, ENTER, HOME, END, b, c};
    Keys {
        heading: "The month's move",
        place: 20,
        dialog: false,
        bindings: &[
            b(UP, Action::Up, "previous move"),
            b(DOWN, Action::Down, "next move"),
            b(HOME, Action::First, "first move"),
            b(END, Action::Last, "last move"),
            b(PGDN, Action::PageDown, "read on in the selected move's details, when they are cut"),
            b(PGUP, Action::PageUp, "back up in the selected move's details"),
            b(ENTER, Action::Confirm, "play the selected move (a click selects, a second click plays)"),
            b(&[c('r')], Action::Report, "read the month's report again"),
            b(&[c('u')], Action::Undo, "go back to an earlier turn and play another branch"),
            b(&[c('s')], Action::SaveRun, "save a run file (its name is shown)"),
        ],
    }
};

/// Its keys, the help's section "Replaying a run file".
#[rustfmt::skip]
pub static REPLAY_KEYS: crate::ui::keys::Keys = {
    use crate::ui::keys::{Action, Keys, b, c, k};
    use ratatui::crossterm::event::KeyCode;
    Keys {
        heading: "Replaying a run file",
        place: 80,
        dialog: false,
        bindings: &[
            b(&[k(KeyCode::Enter), k(KeyCode::Right), c(' ')], Action::Step, "play the next recorded choice"),
            b(&[c('r')], Action::Report, "read the month's report again"),
            // Not Space and b: Space steps on.
            b(&[k(KeyCode::PageDown)], Action::PageDown, "read on in the move's details, when they are cut"),
            b(&[k(KeyCode::PageUp)], Action::PageUp, "back up in the move's details"),
        ],
    }
};

mod layout;

use layout::{Rows, Wants, rows};

#[cfg(test)]
mod tests;
