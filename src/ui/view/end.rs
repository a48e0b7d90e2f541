//! The end of the game: the ending and score, every visible meter over the
//! whole game, the hidden meters revealed, the move log, and the public record.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use crate::game::report::Note;
use crate::game::scenario::{Display, MeterId};
use crate::game::{Choice, Game, Scenario};
use crate::ui::app::App;
use crate::ui::keys::{Action, Scope, first_key};
use crate::ui::text::{self, width};
use crate::ui::theme::Theme;
use crate::ui::words::Words;

use super::chart;
use super::panels::put;
use super::{Button, button, fit_keys, header, key_line, more_below, scroll_lines, updown};

fn heading(t: &Theme, s: &str) -> Line<'static> {
    Line::from(Span::styled(s.to_uppercase(), t.heading()))
}

/// One small chart per visible meter, `rows` tall, with its start and end values.
fn charts(sc: &Scenario, game: &Game, t: &Theme, w: u16, rows: u16) -> Vec<Line<'static>> {
    let timeline = game.timeline();
    let ms: Vec<MeterId> = (0..sc.meters.len())
        .map(|i| MeterId(i as u8))
        .filter(|m| sc.meter_def(*m).display != Display::Hidden)
        .collect();
    let name_w = ms
        .iter()
        .map(|m| width(&sc.meter_def(*m).name))
        .max()
        .unwrap_or(0);
    let months = sc.calendar.turns.max(1) as usize;
    let cols = ((w as usize).saturating_sub(name_w + 24) / months).clamp(1, 4) as u16;
    let mut out = Vec::new();
    for m in ms {
        let def = sc.meter_def(m);
        let values: Vec<i16> = timeline.iter().map(|p| p[m.index()]).collect();
        let first = values.first().copied().unwrap_or(0);
        let last = values.last().copied().unwrap_or(0);
        let d = last as i32 - first as i32;
        let bars = chart::spark(&values, cols, rows, t, t.level(last, def.higher_is_better));
        let n = bars.len();
        for (i, l) in bars.into_iter().enumerate() {
            let mut spans = vec![Span::styled(
                format!(
                    "{:<name_w$} ",
                    if i + 1 == n { def.name.as_str() } else { "" }
                ),
                t.bold(),
            )];
            spans.extend(l.spans);
            if i + 1 == n {
                spans.push(Span::raw(format!("  {first} {} {last} ", t.g.arrow)));
                if d != 0 {
                    let s = format!("{}{} ", t.arrow(d), d.abs());
                    spans.push(Span::styled(s, t.delta(d, def.higher_is_better)));
                }
                spans.push(Span::styled(def.label(last).to_string(), t.dim()));
            }
            out.push(Line::from(spans));
        }
    }
    out
}

/// The move log: each month's move, how it went, and Moscow's answer.
fn log(sc: &Scenario, game: &Game, t: &Theme, width: u16) -> Vec<Line<'static>> {
    let w = Words::new(sc, *t);
    let us = sc.default_player;
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
                    spans.push(Span::raw(format!("{title}: answered {label}")));
                }
            }
            _ => {
                if let Some((mv, ok)) = turn.report.move_of(us) {
                    spans.push(Span::raw(sc.mv(mv).name.clone()));
                    match ok {
                        Some(true) => spans.push(Span::styled(format!(" {}", t.g.good), t.good())),
                        Some(false) => {
                            spans.push(Span::styled(format!(" {} failed", t.g.bad), t.bad()))
                        }
                        None => {}
                    }
                }
                if let Some((mv, _)) = turn.report.move_of(us.other()) {
                    spans.push(Span::styled(
                        format!("{}{}: {}", t.g.sep, w.them(), sc.mv(mv).name),
                        t.dim(),
                    ));
                }
            }
        }
        out.extend(text::wrap(Line::from(spans), width, 10));
    }
    out
}

/// What the score is made of, in words from the scenario's weights.
fn score_words(sc: &Scenario, game: &Game, bonus: f64) -> String {
    let side = sc.side(sc.default_player);
    let weights: Vec<String> = side
        .score
        .iter()
        .map(|(m, w)| format!("{} ×{w}", sc.meter_def(*m).name))
        .collect();
    let peak = game.state().peak_rung;
    format!(
        "Score: the final meters ({}), {} for each month played, the ending's {:+}, and {} for each rung of the ladder at its highest ({peak}).",
        weights.join(", "),
        side.score_per_turn,
        bonus,
        side.score_per_peak_rung
    )
}

/// Draw the end screen; returns the scroll offset, clamped.
pub fn draw(app: &mut App, buf: &mut Buffer, area: Rect, scroll: u16) -> u16 {
    let Some(game) = app.game.as_ref() else {
        return 0;
    };
    let t = app.theme;
    let sc = &*app.scenario;
    let st = game.state();
    let us = sc.default_player;
    let body = Rect::new(area.x + 1, area.y + 2, area.width - 2, area.height - 4);
    let tw = body.width - 1;
    let left = Line::from(vec![
        Span::styled("Détente", t.heading()),
        Span::raw(format!("{}the end of the game", t.g.sep)),
    ]);
    let right = Line::from(Span::styled(
        format!(
            "{}{}{}",
            app.seed_label(game.seed()),
            t.g.sep,
            app.options.difficulty.name()
        ),
        t.dim(),
    ));
    header(buf, Rect::new(area.x, area.y, area.width, 1), left, right);

    let mut lines: Vec<Line> = vec![heading(
        &t,
        &format!("Game over, {}", sc.calendar.label(st.turn)),
    )];
    if let Some(e) = st.ending() {
        let end = sc.ending(e);
        let (mark, style) = if end.good {
            (t.g.good, t.good())
        } else {
            (t.g.bad, t.bad())
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style.patch(t.bold())),
            Span::styled(end.title.clone(), t.heading()),
            Span::styled(format!("{}Score {}", t.g.sep, game.score(us)), t.bold()),
        ]));
        if let Some(rank) = app.rank {
            lines.push(Line::from(Span::styled(
                format!("Number {} in your high scores.", rank + 1),
                t.bold(),
            )));
        }
        lines.extend(text::wrap(Line::from(end.text.clone()), tw, 0));
        lines.extend(text::wrap(
            Line::from(Span::styled(score_words(sc, game, end.bonus), t.dim())),
            tw,
            0,
        ));
    }
    lines.push(Line::from(""));
    let chart_rows = if body.height >= 40 {
        3
    } else if body.height >= 28 {
        2
    } else {
        1
    };
    lines.push(heading(&t, "Month by month"));
    lines.extend(charts(sc, game, &t, tw, chart_rows));
    lines.push(Line::from(""));

    lines.push(heading(&t, "Revealed: the hidden meters"));
    for (i, def) in sc.meters.iter().enumerate() {
        if def.display == Display::Hidden {
            let v = st.meters[i];
            let start = game.timeline().first().map_or(def.start, |p| p[i]);
            let l = Line::from(vec![
                Span::styled(format!("{} ", def.name), t.bold()),
                Span::raw(format!("{start} {} {v} {}", t.g.arrow, def.label(v))),
                Span::styled(format!("{}{}", t.g.sep, def.describe), t.dim()),
            ]);
            lines.extend(text::wrap(l, tw, 2));
        }
    }
    let mut tr = vec![Span::styled("Treaties: ", t.bold())];
    for (i, def) in sc.treaties.iter().enumerate() {
        if i > 0 {
            tr.push(Span::styled(t.g.sep, t.dim()));
        }
        tr.push(super::panels::treaty_mark(&t, st.treaties[i]));
        tr.push(Span::raw(format!(
            " {} {}",
            def.name,
            st.treaties[i].words()
        )));
    }
    lines.extend(text::wrap(Line::from(tr), tw, 2));
    lines.push(Line::from(""));

    lines.push(heading(&t, "Your game, month by month"));
    lines.extend(log(sc, game, &t, tw));
    lines.push(Line::from(""));

    lines.push(heading(&t, "What happened"));
    let note = "The public record after the report, for comparison. Your game is not meant to match it: it is a game, not a forecast.";
    lines.extend(text::wrap(Line::from(Span::styled(note, t.dim())), tw, 0));
    for h in &sc.history {
        let l = Line::from(vec![
            Span::styled(format!("{}  ", h.when), t.bold()),
            Span::raw(h.what.clone()),
        ]);
        lines.extend(text::wrap(l, tw, 2));
    }

    app.page_rows = body.height;
    let scroll = scroll_lines(buf, body, &lines, scroll, &t);
    let y = area.bottom() - 1;
    let mut x = area.x + 1;
    x += button(
        buf,
        (x, y),
        "New game",
        true,
        &t,
        &mut app.hits,
        Button::NewGame,
    ) + 1;
    x += button(buf, (x, y), "Quit", false, &t, &mut app.hits, Button::Quit) + 2;
    let a = t.ascii;
    let mut items: Vec<(String, &str)> = more_below(&t, scroll).into_iter().collect();
    items.push((first_key(Scope::End, Action::Confirm, a), "title screen"));
    items.push((first_key(Scope::End, Action::SaveRun, a), "save run"));
    items.push((updown(Scope::End, a), "scroll"));
    let refs: Vec<(&str, &str)> = items.iter().map(|(k, w)| (k.as_str(), *w)).collect();
    put(
        buf,
        Rect::new(x, y, area.right().saturating_sub(x + 1), 1),
        0,
        fit_keys(key_line(&t, &refs), area.right().saturating_sub(x + 1))
            .alignment(Alignment::Right),
    );
    scroll.at
}
