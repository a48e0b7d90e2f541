//! The turn report's story: the moves and how they went, the other side's
//! reading and answer, cards, treaties, the ladder, the news — told to one
//! side's player, or to both players together.

use ratatui::text::{Line, Span};

use crate::game::Scenario;
use crate::game::report::Note;
use crate::game::scenario::SideId;
use crate::ui::msg::{ReportKind, ReportPage};
use crate::ui::text;
use crate::ui::theme::Theme;
use crate::ui::words::{Viewer, Words};

use super::heading;

/// The notes in the order a reader wants them: a move's own treaty change is
/// recorded before the move is announced, so tell it just after.
fn in_story_order(notes: &[Note]) -> Vec<Note> {
    let mut out = Vec::with_capacity(notes.len());
    let mut held: Vec<Note> = Vec::new();
    for n in notes {
        match n {
            Note::Treaty { .. } => held.push(*n),
            Note::Moved { .. } => {
                out.push(*n);
                out.append(&mut held);
            }
            _ => {
                out.append(&mut held);
                out.push(*n);
            }
        }
    }
    out.append(&mut held);
    out
}

/// A side's goal, from the scenario's endings: the best one to reach, the ones to avoid.
fn goal(sc: &Scenario, w: &Words, us: SideId) -> String {
    use crate::game::scenario::EndingCheck;
    let mine = || sc.endings.iter().filter(|e| e.side == us);
    let mut s = String::new();
    if let Some(best) = mine()
        .filter(|e| e.good && e.check == EndingCheck::Deadline)
        .max_by(|a, b| a.bonus.total_cmp(&b.bonus))
    {
        s.push_str(&format!(
            "Reach {} by {}: {}. ",
            best.title,
            sc.deadline,
            w.cond(&best.when)
        ));
    }
    let early = |good: bool| -> Vec<String> {
        mine()
            .filter(|e| e.check == EndingCheck::Always && e.good == good)
            .map(|e| format!("{} ({})", e.title, w.cond(&e.when)))
            .collect()
    };
    let (win, avoid) = (early(true), early(false));
    if !win.is_empty() {
        s.push_str(&format!("Or win early: {}. ", win.join(", ")));
    }
    if !avoid.is_empty() {
        s.push_str(&format!("Avoid: {}. ", avoid.join(", ")));
    }
    s
}

/// " ✓ It worked." after a move that could fail.
fn worked(t: &Theme, success: Option<bool>) -> Span<'static> {
    match success {
        Some(true) => Span::styled(format!(" {} It worked.", t.g.good), t.good()),
        Some(false) => Span::styled(format!(" {} It failed.", t.g.bad), t.bad()),
        None => Span::raw(""),
    }
}

/// The story of the report: moves, readings, treaties, the ladder, news.
pub fn story(
    sc: &Scenario,
    t: &Theme,
    page: &ReportPage,
    viewer: Viewer,
    width: u16,
) -> Vec<Line<'static>> {
    let w = Words::new(sc, *t, viewer).with_wording(page.wording);
    let notes = &page.report.notes;
    let mut out: Vec<Line<'static>> = Vec::new();
    let para = |out: &mut Vec<Line<'static>>, l: Line<'static>| out.extend(text::wrap(l, width, 2));
    let help = "Press ? at any time for how to play.";
    if page.kind == ReportKind::Opening {
        match viewer {
            Viewer::Side(us) => {
                out.push(heading(t, "Your goal"));
                let g = format!("{}{help}", goal(sc, &w, us));
                out.extend(text::wrap(Line::from(g), width, 0));
            }
            Viewer::Both => {
                out.push(heading(t, "Your goals"));
                for (i, side) in sc.sides.iter().enumerate() {
                    let g = Line::from(vec![
                        Span::styled(format!("{}: ", side.name), t.bold()),
                        Span::raw(goal(sc, &w, SideId(i as u8))),
                    ]);
                    out.extend(text::wrap(g, width, 2));
                }
                out.extend(text::wrap(Line::from(help), width, 0));
            }
        }
        out.push(Line::from(""));
    }
    let mut news_month = None;
    // Both players: the moves are told together, one line each, under one heading.
    let mut moves_told = false;
    let mut moves_open = false;
    for n in &in_story_order(notes) {
        if moves_open && !matches!(n, Note::Moved { .. } | Note::Treaty { .. }) {
            out.push(Line::from(""));
            moves_open = false;
        }
        match *n {
            Note::Moved { success, .. } if viewer == Viewer::Both => {
                if !moves_told {
                    out.push(heading(t, "The moves, revealed together"));
                    moves_told = true;
                }
                para(
                    &mut out,
                    Line::from(vec![
                        Span::raw(w.note(*n).unwrap_or_default()),
                        worked(t, success),
                    ]),
                );
                moves_open = true;
            }
            Note::Moved { side, success, .. } if w.is_you(side) => {
                out.push(heading(t, "Your move"));
                let how = worked(t, success);
                let forecast = match page.forecast.as_ref().and_then(|f| f.failure) {
                    Some(fail) => Span::styled(
                        format!(
                            " (The advisor gave it {}% to fail.)",
                            (fail * 100.0).round()
                        ),
                        t.dim(),
                    ),
                    None => Span::raw(""),
                };
                para(
                    &mut out,
                    Line::from(vec![
                        Span::raw(w.note(*n).unwrap_or_default()),
                        how,
                        forecast,
                    ]),
                );
                out.push(Line::from(""));
            }
            Note::Reading { .. } => {
                out.push(heading(t, &format!("{}'s answer", w.them())));
                para(
                    &mut out,
                    Line::from(Span::styled(w.note(*n).unwrap_or_default(), t.bold())),
                );
            }
            Note::Moved { mv, .. } => {
                let mut line = vec![Span::raw(w.note(*n).unwrap_or_default())];
                if let Some(f) = &page.forecast {
                    let hostile = sc.mv(mv).stance < 0;
                    line.push(Span::styled(
                        format!(
                            " (The advisor gave {}% for a hostile answer{}.)",
                            (f.retaliation * 100.0).round(),
                            if hostile {
                                ": it came"
                            } else {
                                ": it did not come"
                            }
                        ),
                        t.dim(),
                    ));
                }
                para(&mut out, Line::from(line));
                out.push(Line::from(""));
            }
            Note::Answered { side, .. } if w.is_you(side) => {
                out.push(heading(t, "Your answer"));
                para(&mut out, Line::from(w.note(*n).unwrap_or_default()));
                out.push(Line::from(""));
            }
            Note::Answered { .. } => para(&mut out, Line::from(w.note(*n).unwrap_or_default())),
            Note::Month { turn } => {
                news_month = Some(turn);
            }
            Note::Event { event } => {
                if let Some(m) = news_month.take() {
                    out.push(heading(t, &format!("News, {}", sc.calendar.label(m))));
                }
                let ev = sc.event(event);
                para(
                    &mut out,
                    Line::from(Span::styled(ev.title.clone(), t.bold())),
                );
                para(
                    &mut out,
                    Line::from(Span::styled(ev.text.clone(), t.quote())),
                );
                para(
                    &mut out,
                    Line::from(Span::styled(format!("{} {}", t.g.dash, ev.source), t.dim())),
                );
                out.push(Line::from(""));
            }
            Note::CardPending { .. } => {
                let l = format!("{} {}", t.g.pointer, w.note(*n).unwrap_or_default());
                para(&mut out, Line::from(Span::styled(l, t.bold())));
                out.push(Line::from(""));
            }
            Note::Treaty { .. } => para(
                &mut out,
                Line::from(Span::styled(w.note(*n).unwrap_or_default(), t.bold())),
            ),
            Note::Rung { from, to } => {
                let style = if to > from { t.bad() } else { t.good() };
                let l = format!(
                    "{} {}",
                    t.arrow(to as i32 - from as i32),
                    w.note(*n).unwrap_or_default()
                );
                para(&mut out, Line::from(Span::styled(l, style.patch(t.bold()))));
            }
            Note::Warning { .. } => {
                let l = format!("{} {}", t.g.warn, w.note(*n).unwrap_or_default());
                para(&mut out, Line::from(Span::styled(l, t.warning())));
            }
            Note::Ended { .. } => {
                if out.last().is_some_and(|l| l.width() > 0) {
                    out.push(Line::from(""));
                }
                para(
                    &mut out,
                    Line::from(Span::styled(w.note(*n).unwrap_or_default(), t.warning())),
                );
            }
        }
    }
    if moves_open {
        out.push(Line::from(""));
    }
    if let Some(m) = news_month {
        out.push(heading(t, &format!("News, {}", sc.calendar.label(m))));
        out.push(Line::from(Span::styled("No news this month.", t.dim())));
    }
    // One blank row before whatever follows.
    if out.last().is_some_and(|l| l.width() > 0) {
        out.push(Line::from(""));
    }
    out
}
