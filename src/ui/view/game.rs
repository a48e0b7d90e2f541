//! The game screen: header, gauges and history, Moscow's ledger, treaties,
//! news, the move list with its details, and the key line. Lays out for
//! 80×24 and hands any extra room to the chart, the ledger, the news and the details.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::ui::app::App;
use crate::ui::keys::{self, Action, Scope};

use super::panels::{self, Ctx, put};
use super::{chart, header, key_line, moves, news, updown};

/// Rows of the game screen's parts at a given height.
#[derive(Debug, PartialEq, Eq)]
struct Rows {
    chart: u16,
    top: u16,
    news: u16,
    detail: u16,
    gap: u16,
}

/// Share the height out: first what 80×24 needs, then extra room where it helps most.
fn rows(height: u16, n_moves: u16, treaties: u16, figures: u16, ledger: u16) -> Rows {
    const GAUGES: u16 = 4;
    let fixed = 1 + 1 + 1 + n_moves + treaties; // header, footer, move heading, moves, treaties
    let mut free = height.saturating_sub(fixed);
    let mut take = |want: u16| -> u16 {
        let t = want.min(free);
        free -= t;
        t
    };
    // The minimum: the gauges with a one-row chart, one news row, two rows of details.
    let gauges = take(GAUGES + figures);
    let mut chart = take(1);
    let mut news = take(1);
    let mut detail = take(2);
    // Then: a taller chart, room for the whole ledger, the news in full, more details.
    chart += take(2);
    let left_more = take(ledger.saturating_sub(gauges + chart));
    // A blank row after the treaties and after the news, or neither.
    let gap = match take(2) {
        2 => 1,
        t => {
            news += t;
            0
        }
    };
    news += take(6);
    detail += take(3);
    chart += take(6);
    news += take(4);
    chart += take(u16::MAX);
    Rows {
        chart: chart + left_more,
        top: gauges + chart + left_more,
        news,
        detail,
        gap,
    }
}

/// Draw the game screen; `cursor` is the selected move (None when a card is up).
pub fn draw(app: &mut App, buf: &mut Buffer, area: Rect, cursor: Option<usize>) {
    let Some(game) = app.game.as_ref() else {
        return;
    };
    let mut c = Ctx::new(&app.scenario, game, app.theme);
    c.advice = app.advice.as_ref().filter(|a| a.is_for(game));
    let t = app.theme;
    let st = game.state();
    let sc = c.sc;

    let when = sc.calendar.label(st.turn);
    let mut left = Line::from(vec![
        Span::styled("Détente", t.heading()),
        Span::raw(format!(
            "{}{when}, month {} of {}{}deadline {}",
            t.g.sep,
            st.turn + 1,
            sc.calendar.turns,
            t.g.sep,
            sc.deadline
        )),
    ]);
    let replay = app.replay_progress();
    if let Some((done, of)) = replay {
        left.spans.push(Span::styled(
            format!("{}REPLAY {done}/{of}", t.g.sep),
            t.selected(),
        ));
    }
    let seed = app.seed_label(game.seed());
    let full = format!("{seed}{}{}", t.g.sep, app.options.difficulty.name());
    // The seed matters more than the difficulty when the line is short of room.
    let room = (area.width as usize).saturating_sub(left.width() + 2);
    let right = Line::from(Span::styled(
        if full.chars().count() <= room {
            full
        } else {
            seed
        },
        t.dim(),
    ));
    header(buf, Rect::new(area.x, area.y, area.width, 1), left, right);

    let left_w = area.width * 57 / 100;
    let right_x = area.x + left_w + 1;
    let right_w = area.width - left_w - 1;
    let n_moves = sc.moves_of(sc.default_player).count() as u16;
    let treaty_lines = panels::treaty_lines(&c, area.width);
    let figures = panels::other_figures(&c);
    let r = rows(
        area.height,
        n_moves,
        treaty_lines.len() as u16,
        figures.len() as u16,
        panels::ledger_rows(&c),
    );

    let top = area.y + 1;
    panels::gauges(buf, Rect::new(area.x, top, left_w, 4), &c);
    for (i, m) in figures.iter().enumerate() {
        put(
            buf,
            Rect::new(area.x, top + 4, left_w, figures.len() as u16),
            i as u16,
            panels::figure(&c, *m),
        );
    }
    let chart_y = top + 4 + figures.len() as u16;
    chart::history(buf, Rect::new(area.x, chart_y, left_w, r.chart), &c);
    for y in top..top + r.top {
        buf.set_string(area.x + left_w, y, t.g.border.vertical_left, t.border());
    }
    panels::ledger(buf, Rect::new(right_x + 1, top, right_w - 1, r.top), &c);

    let mut y = top + r.top;
    for l in treaty_lines {
        put(buf, area, y - area.y, l);
        y += 1;
    }
    let news_y = y + r.gap;
    news::news(buf, Rect::new(area.x, news_y, area.width, r.news), &c);

    let list_y = news_y + r.news + r.gap;
    let list = Rect::new(area.x, list_y, area.width, 1 + n_moves);
    let detail = Rect::new(area.x, list_y + 1 + n_moves, area.width, r.detail);
    let status = app.status.clone();
    let hits = &mut app.hits;
    moves::list(buf, list, &c, cursor, hits);
    if let Some(i) = cursor {
        moves::detail(buf, detail, &c, i, status.as_deref());
    }

    let a = t.ascii;
    if replay.is_some() {
        let footer = key_line(
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
        );
        put(buf, area, area.height - 1, footer);
        return;
    }
    let footer = key_line(
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
    );
    put(buf, area, area.height - 1, footer);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_80x24_exactly() {
        let r = rows(24, 11, 1, 1, 6);
        assert_eq!(
            r,
            Rows {
                chart: 1,
                top: 6,
                news: 1,
                detail: 2,
                gap: 0
            }
        );
        assert_eq!(1 + r.top + 1 + r.news + 1 + 11 + r.detail + 1, 24);
    }

    #[test]
    fn extra_rows_all_go_somewhere() {
        for h in 24..80 {
            let r = rows(h, 11, 1, 1, 6);
            assert_eq!(
                1 + r.top + 1 + r.gap + r.news + r.gap + 1 + 11 + r.detail + 1,
                h,
                "{h}: {r:?}"
            );
        }
    }
}
