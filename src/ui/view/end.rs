//! The end of the game: the ending and score, every visible meter over the
//! whole game, the hidden meters revealed, the move log, and the public record
//! beside the player's months (`record.rs`).

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use crate::game::outcome::result_for;
use crate::game::report::Note;
use crate::game::scenario::{Display, MeterId, SideId};
use crate::game::{Choice, Game, Scenario};
use crate::ui::keys::{Action, Scope, first_key};
use crate::ui::msg::Msg;
use crate::ui::screen::{Command, Cx, Look, ScreenView};
use crate::ui::text::{self, width};
use crate::ui::theme::Theme;
use crate::ui::words::{Viewer, Words};
use crate::ui::world::World;

use super::Hits;
use super::chart;
use super::panels::put;
use super::{
    Button, Scrolled, button, fit_keys, header, key_line, more_below, scroll_lines, updown,
};

fn heading(t: &Theme, s: &str) -> Line<'static> {
    Line::from(Span::styled(s.to_uppercase(), t.heading()))
}

/// Whether a meter was on a player's screen during the game (every player's, at the end).
fn was_shown(sc: &Scenario, words: &Words, m: MeterId) -> bool {
    match words.viewer {
        Viewer::Side(_) => words.visible(m),
        Viewer::Both => sc
            .meter_def(m)
            .display_for
            .iter()
            .any(|d| *d != Display::Hidden),
    }
}

/// The widest a month's bar gets: wider reads as a block, not a month.
const MAX_BAR_COLS: usize = 8;

/// What follows a meter's chart: "  10 → 38 ▲28 Cool".
fn chart_tail(
    t: &Theme,
    def: &crate::game::scenario::Meter,
    values: &[i16],
    better: bool,
) -> Vec<Span<'static>> {
    let first = values.first().copied().unwrap_or(0);
    let last = values.last().copied().unwrap_or(0);
    let d = i32::from(last) - i32::from(first);
    let mut spans = vec![Span::raw(format!("  {first} {} {last} ", t.g.arrow))];
    if d != 0 {
        let s = format!("{}{} ", t.arrow(d), d.abs());
        spans.push(Span::styled(s, t.delta(d, better)));
    }
    spans.push(Span::styled(def.label(last).to_string(), t.dim()));
    spans
}

/// One small chart per meter shown during play, `rows` tall, with its start and end
/// values. Every label is whole first; the bars take the width left; charts taller
/// than a row are kept apart by a blank row, so none seems to run into the next.
fn charts(sc: &Scenario, game: &Game, words: &Words, w: u16, rows: u16) -> Vec<Line<'static>> {
    let t = &words.theme;
    let timeline = game.timeline();
    let ms: Vec<MeterId> = crate::ui::words::meter_ids(sc)
        .filter(|m| was_shown(sc, words, *m))
        .collect();
    let name_w = ms
        .iter()
        .map(|m| width(&sc.meter_def(*m).name))
        .max()
        .unwrap_or(0);
    let series: Vec<(MeterId, Vec<i16>, Vec<Span<'static>>)> = ms
        .iter()
        .map(|m| {
            let values: Vec<i16> = timeline.iter().map(|p| p[m.index()]).collect();
            let tail = chart_tail(t, sc.meter_def(*m), &values, words.higher_is_better(*m));
            (*m, values, tail)
        })
        .collect();
    let tail_w = series
        .iter()
        .map(|(_, _, tail)| tail.iter().map(Span::width).sum::<usize>())
        .max()
        .unwrap_or(0);
    let points = timeline.len().max(1);
    let room = (w as usize).saturating_sub(name_w + 1 + tail_w);
    let cols = text::cols((room / points).clamp(1, MAX_BAR_COLS));
    let mut out = Vec::new();
    for (k, (m, values, tail)) in series.into_iter().enumerate() {
        if rows > 1 && k > 0 {
            out.push(Line::from(""));
        }
        let def = sc.meter_def(m);
        let last = values.last().copied().unwrap_or(0);
        let better = words.higher_is_better(m);
        let bars = chart::spark(&values, cols, rows, t, t.level(last, better));
        let n = bars.len();
        for (i, l) in bars.into_iter().enumerate() {
            let name = if i + 1 == n { def.name.as_str() } else { "" };
            let mut spans = vec![Span::styled(super::pad(name, name_w + 1), t.bold())];
            spans.extend(l.spans);
            if i + 1 == n {
                spans.extend(tail.iter().cloned());
            }
            out.push(Line::from(spans));
        }
    }
    out
}

/// The move log: each month's move, how it went, and the other side's answer
/// (both players: each side's move by name).
fn log(sc: &Scenario, game: &Game, w: &Words, width: u16) -> Vec<Line<'static>> {
    let t = &w.theme;
    let mut out = Vec::new();
    for turn in game.turns() {
        let when = sc.calendar.label(turn.month);
        let mut spans = vec![Span::styled(format!("{when}  "), t.bold())];
        match turn.choice {
            Choice::Answer { choice } => {
                let ev = turn.report.notes.iter().find_map(|n| match n {
                    Note::Answered { event, .. } => Some(*event),
                    _ => None,
                });
                let label = ev.and_then(|e| {
                    sc.event(e)
                        .choices
                        .get(choice as usize)
                        .map(|c| (sc.event(e).title.clone(), c.label.clone()))
                });
                if let Some((title, label)) = label {
                    let who = match (w.viewer, ev) {
                        (Viewer::Both, Some(e)) => {
                            format!("{} ", w.side_name(sc.event(e).concerns))
                        }
                        _ => String::new(),
                    };
                    spans.push(Span::raw(format!("{title}: {who}answered {label}")));
                }
            }
            _ => {
                let order: Vec<SideId> = match w.viewer {
                    Viewer::Side(us) => vec![us, us.other()],
                    Viewer::Both => SideId::ALL.to_vec(),
                };
                for (i, side) in order.into_iter().enumerate() {
                    let Some((mv, ok)) = turn.report.move_of(side) else {
                        continue;
                    };
                    let name = sc.mv(mv).name.clone();
                    let you = w.is_you(side);
                    let text = match (you, i) {
                        (true, _) => name,
                        (false, 0) => format!("{}: {name}", w.side_name(side)),
                        (false, _) => format!("{}{}: {name}", t.g.sep, w.side_name(side)),
                    };
                    spans.push(if you || w.viewer == Viewer::Both {
                        Span::raw(text)
                    } else {
                        Span::styled(text, t.dim())
                    });
                    match ok {
                        Some(true) => spans.push(Span::styled(format!(" {}", t.g.good), t.good())),
                        Some(false) => {
                            spans.push(Span::styled(format!(" {} failed", t.g.bad), t.bad()));
                        }
                        None => {}
                    }
                }
            }
        }
        out.extend(text::wrap(Line::from(spans), width, 10));
    }
    out
}

/// What a side's score is made of, in words from the scenario's weights.
fn score_words(sc: &Scenario, game: &Game, bonus: f64, us: SideId) -> String {
    let side = sc.side(us);
    let weights: Vec<String> = side
        .score
        .iter()
        .map(|(m, w)| format!("{} ×{}", sc.meter_def(*m).name, minus(format!("{w}"))))
        .collect();
    let peak = game.state().peak_rung;
    format!(
        "Score: the final meters ({}), {} for each month played, the ending's {}, and {} for each rung of the ladder at its highest ({peak}).",
        weights.join(", "),
        minus(side.score_per_turn.to_string()),
        minus(format!("{bonus:+}")),
        minus(side.score_per_peak_rung.to_string())
    )
}

/// A number as the rest of the game writes it: a minus sign, not a hyphen (the
/// ASCII pass turns it back for `--ascii`).
fn minus(n: String) -> String {
    n.replace('-', "−")
}

/// The top line: the game's name, and its seed and difficulty (or "two players").
fn draw_header(app: &World, buf: &mut Buffer, area: Rect, seed: u64) {
    let t = app.theme;
    let left = Line::from(vec![
        Span::styled("Détente", t.heading()),
        Span::raw(format!("{}the end of the game", t.g.sep)),
    ]);
    let right = match app.report_viewer() {
        Viewer::Side(_) => format!(
            "{}{}{}",
            app.seed_label(seed),
            t.g.sep,
            app.options.difficulty.name()
        ),
        Viewer::Both => format!("{}{}two players", app.seed_label(seed), t.g.sep),
    };
    let right = Line::from(Span::styled(right, t.dim()));
    header(buf, Rect::new(area.x, area.y, area.width, 1), left, right);
}

/// Each player's side: its ending, its score, and what the score is made of.
fn results(app: &World, game: &Game, rank: Option<usize>, tw: u16) -> Vec<Line<'static>> {
    let t = app.theme;
    let sc = &*app.scenario;
    let st = game.state();
    let sides: Vec<SideId> = match app.report_viewer() {
        Viewer::Side(us) => vec![us],
        Viewer::Both => SideId::ALL.to_vec(),
    };
    let mut lines = Vec::new();
    for (i, side) in sides.iter().enumerate() {
        let (ending, score) = result_for(sc, st, *side);
        let Some(end) = ending.map(|e| sc.ending(e)) else {
            continue;
        };
        if i > 0 {
            lines.push(Line::from(""));
        }
        let (mark, style) = if end.good {
            (t.g.good, t.good())
        } else {
            (t.g.bad, t.bad())
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style.patch(t.bold())),
            Span::styled(end.title.clone(), t.heading()),
            Span::styled(format!("{}{}", t.g.sep, sc.side(*side).name), t.bold()),
            Span::styled(format!("{}Score {score}", t.g.sep), t.bold()),
        ]));
        if let Some(rank) = rank {
            lines.push(Line::from(Span::styled(
                format!("Number {} in your high scores.", rank + 1),
                t.bold(),
            )));
        }
        lines.extend(text::wrap(Line::from(end.text.clone()), tw, 0));
        // What kept the game from a better ending at the deadline, then what
        // "a growth trajectory" was checked against, in the values compared.
        lines.extend(trend::missed(sc, st, *side, &t, tw));
        lines.extend(trend::lines(sc, st, *side, &t, tw));
        lines.extend(text::wrap(
            Line::from(Span::styled(
                score_words(sc, game, end.bonus, *side),
                t.dim(),
            )),
            tw,
            0,
        ));
        lines.extend(temperament_revealed(sc, st, *side, &t, tw));
    }
    lines
}

/// The bottom line: the buttons and the keys.
fn footer(buf: &mut Buffer, area: Rect, t: &Theme, hits: &mut Hits, scroll: Scrolled) {
    let y = area.bottom() - 1;
    let mut x = area.x + 1;
    x += button(buf, (x, y), "New game", true, t, hits, Button::NewGame) + 1;
    x += button(buf, (x, y), "Quit", false, t, hits, Button::Quit) + 2;
    let a = t.ascii;
    let mut items: Vec<(String, &str)> = more_below(t, scroll, &KEYS).into_iter().collect();
    items.push((first_key(&KEYS, Action::Confirm, a), "title screen"));
    items.push((first_key(&KEYS, Action::SaveRun, a), "save run"));
    items.push((updown(&KEYS, a), "scroll"));
    let refs: Vec<(&str, &str)> = items.iter().map(|(k, w)| (k.as_str(), *w)).collect();
    put(
        buf,
        Rect::new(x, y, area.right().saturating_sub(x + 1), 1),
        0,
        fit_keys(key_line(t, &refs), area.right().saturating_sub(x + 1))
            .alignment(Alignment::Right),
    );
}

/// Rows per meter chart: taller when the screen is.
fn chart_rows(body_height: u16) -> u16 {
    if body_height >= 40 {
        3
    } else if body_height >= 28 {
        2
    } else {
        1
    }
}

/// Draw the end screen; `rank` is the game's place in the high scores, if it has one.
pub fn draw(
    app: &World,
    hits: &mut Hits,
    buf: &mut Buffer,
    area: Rect,
    scroll: u16,
    rank: Option<usize>,
) {
    let Some(game) = app.game() else {
        return;
    };
    let t = app.theme;
    let sc = &*app.scenario;
    let viewer = app.report_viewer();
    let words = Words::new(sc, t, viewer);
    let body = Rect::new(area.x + 1, area.y + 2, area.width - 2, area.height - 4);
    let tw = body.width - 1;
    draw_header(app, buf, area, game.seed());

    let mut lines: Vec<Line> = vec![heading(
        &t,
        &format!("Game over, {}", sc.calendar.label(game.state().turn)),
    )];
    lines.extend(results(app, game, rank, tw));
    lines.push(Line::from(""));
    lines.push(heading(&t, "Month by month"));
    lines.extend(charts(sc, game, &words, tw, chart_rows(body.height)));
    lines.push(Line::from(""));
    lines.extend(revealed(sc, game, &words, tw));
    lines.push(Line::from(""));
    lines.push(heading(
        &t,
        match viewer {
            Viewer::Side(_) => "Your game, month by month",
            Viewer::Both => "The game, month by month",
        },
    ));
    lines.extend(log(sc, game, &words, tw));
    lines.push(Line::from(""));
    lines.extend(super::record::lines(sc, game, &words, tw));
    let scroll = scroll_lines(buf, body, &lines, scroll, &t, hits);
    footer(buf, area, &t, hits, scroll);
}

/// The end screen's state: how far it is scrolled, and where the game ranks in
/// the high scores (scored on its last report).
#[derive(Clone, Copy, Debug, Default)]
pub struct End {
    pub scroll: u16,
    pub rank: Option<usize>,
}

impl ScreenView for End {
    fn draw(&self, look: &Look, hits: &mut Hits, buf: &mut Buffer, area: Rect) {
        draw(look.world, hits, buf, area, self.scroll, self.rank);
    }

    fn update(&mut self, cx: &mut Cx, msg: Msg) -> Command {
        crate::ui::screen::scroll_page(&mut self.scroll, cx.page, msg, Button::NewGame)
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

    fn commits(&self) -> bool {
        true
    }
}

/// Its keys, the help's section "End of the game".
#[rustfmt::skip]
pub static KEYS: crate::ui::keys::Keys = {
    use crate::ui::keys::{Action, Keys, UP, DOWN, ENTER, PGUP, PGDN, HOME, END, b, c};
    Keys {
        heading: "End of the game",
        place: 60,
        dialog: false,
        bindings: &[
            b(DOWN, Action::Down, "scroll down"),
            b(UP, Action::Up, "scroll up"),
            b(PGDN, Action::PageDown, "page down"),
            b(PGUP, Action::PageUp, "page up"),
            b(HOME, Action::First, "top"),
            b(END, Action::Last, "bottom"),
            b(ENTER, Action::Confirm, "back to the title screen"),
            b(&[c('s')], Action::SaveRun, "save a run file (its name is shown)"),
        ],
    }
};

mod revealed;
mod trend;

use revealed::{revealed, temperament_revealed};

#[cfg(test)]
mod tests;
