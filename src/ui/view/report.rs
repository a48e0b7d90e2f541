//! The turn report: your move and how it went, Moscow's reading and answer,
//! the news, then every change of every visible meter, itemised by cause.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use crate::game::report::Note;
use crate::game::scenario::{MeterId, SideId};
use crate::game::{Phase, Scenario};
use crate::ui::app::{App, ReportKind, ReportPage};
use crate::ui::keys::{Action, Scope, first_key};
use crate::ui::text;
use crate::ui::theme::Theme;
use crate::ui::words::{Viewer, Words};

use super::panels::put;
use super::{Button, button, fit_keys, header, key_line, more_below, scroll_lines, updown};

/// Width from which the changes get their own column.
const TWO_COLUMNS: u16 = 110;

fn heading(t: &Theme, s: &str) -> Line<'static> {
    Line::from(Span::styled(s.to_uppercase(), t.heading()))
}

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
fn story(
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

/// Every change of every visible meter, grouped per meter with the net.
fn changes(
    sc: &Scenario,
    t: &Theme,
    page: &ReportPage,
    viewer: Viewer,
    width: u16,
) -> Vec<Line<'static>> {
    let w = Words::new(sc, *t, viewer);
    let mut out = vec![heading(t, "What changed, and why")];
    let mut hidden = false;
    for i in 0..sc.meters.len() {
        let m = MeterId(i as u8);
        let items: Vec<_> = page
            .report
            .changes
            .iter()
            .filter(|(mm, _, _)| *mm == m)
            .collect();
        if items.is_empty() {
            continue;
        }
        let def = sc.meter_def(m);
        if !w.visible(m) {
            hidden = true;
            continue;
        }
        let better = w.higher_is_better(m);
        let net = page.report.net(m);
        let after = page.after[i];
        let before = after as i32 - net;
        let mut head = vec![
            Span::styled(format!("{} ", def.name), t.bold()),
            Span::raw(format!("{before} {} {after} ", t.g.arrow)),
        ];
        if net != 0 {
            head.push(Span::styled(
                format!("{}{} ", t.arrow(net), net.abs()),
                t.delta(net, better).patch(t.bold()),
            ));
        }
        head.push(Span::styled(def.label(after).to_string(), t.dim()));
        if let Some(f) = &page.forecast {
            let s = f.meter(m);
            let inside = (s.p10..=s.p90).contains(&after);
            head.push(Span::styled(
                format!(
                    "{}forecast {} ({}..{}){}",
                    t.g.sep,
                    s.median,
                    s.p10,
                    s.p90,
                    if inside {
                        ""
                    } else {
                        ", outside the likely range"
                    }
                ),
                t.dim(),
            ));
        }
        out.extend(text::wrap(Line::from(head), width, 2));
        for (_, d, cause) in items {
            let s = Span::styled(w.change(m, *d, *cause), t.delta(*d as i32, better));
            out.extend(text::wrap(Line::from(vec![Span::raw("  "), s]), width, 5));
        }
    }
    if out.len() == 1 {
        out.push(Line::from(Span::styled("No visible meter moved.", t.dim())));
    }
    if hidden {
        out.push(Line::from(""));
        let l = match viewer {
            Viewer::Side(_) => "Hidden meters moved too; the end screen reveals them.",
            Viewer::Both => {
                "Meters only one side sees moved too: each sees its own on its screen, and the end screen reveals them all."
            }
        };
        out.extend(text::wrap(Line::from(Span::styled(l, t.dim())), width, 0));
    }
    out
}

/// The month at a glance, above the details: "In all: Rel ▼5 · Ten ▲2".
fn net_line(sc: &Scenario, t: &Theme, page: &ReportPage, viewer: Viewer) -> Line<'static> {
    let w = Words::new(sc, *t, viewer);
    let mut spans = vec![Span::styled("In all: ", t.bold())];
    for (i, def) in sc.meters.iter().enumerate() {
        let m = MeterId(i as u8);
        let net = page.report.net(m);
        if net == 0 || !w.visible(m) {
            continue;
        }
        if spans.len() > 1 {
            spans.push(Span::styled(t.g.sep, t.dim()));
        }
        let s = format!("{} {}{}", def.short, t.arrow(net), net.abs());
        spans.push(Span::styled(s, t.delta(net, w.higher_is_better(m))));
    }
    if spans.len() == 1 {
        spans.push(Span::styled("no visible meter moved", t.dim()));
    }
    Line::from(spans)
}

fn title(sc: &Scenario, page: &ReportPage, viewer: Viewer) -> String {
    match page.kind {
        ReportKind::Opening => format!("{}: the situation", sc.calendar.label(0)),
        ReportKind::Month { turn } => format!("{}: what happened", sc.calendar.label(turn)),
        ReportKind::Answer { event } => {
            let ev = sc.event(event);
            match viewer {
                Viewer::Both => format!("{}'s answer: {}", sc.side(ev.concerns).name, ev.title),
                Viewer::Side(_) => format!("Your answer: {}", ev.title),
            }
        }
    }
}

/// Draw a report page; returns the scroll offset, clamped.
pub fn draw(app: &mut App, buf: &mut Buffer, area: Rect, page: &ReportPage) -> u16 {
    let t = app.theme;
    let viewer = app.report_viewer();
    let sc = &*app.scenario;
    let seed = app.game.as_ref().map_or(0, |g| g.seed());
    let left = Line::from(vec![
        Span::styled("Détente", t.heading()),
        Span::raw(format!("{}{}", t.g.sep, title(sc, page, viewer))),
    ]);
    header(
        buf,
        Rect::new(area.x, area.y, area.width, 1),
        left,
        Line::from(Span::styled(app.seed_label(seed), t.dim())),
    );
    put(
        buf,
        Rect::new(area.x + 1, area.y + 1, area.width - 2, 1),
        0,
        net_line(sc, &t, page, viewer),
    );
    let body = Rect::new(area.x + 1, area.y + 2, area.width - 2, area.height - 4);
    app.page_rows = body.height;
    let scroll = if area.width >= TWO_COLUMNS {
        let lw = body.width / 2 - 1;
        let rw = body.width - lw - 3;
        let mut left = story(sc, &t, page, viewer, lw);
        let right = changes(sc, &t, page, viewer, rw);
        // Scroll both columns together, as one page.
        let rows = left.len().max(right.len());
        left.resize(rows, Line::from(""));
        let joined: Vec<Line> = left
            .into_iter()
            .zip(right.into_iter().chain(std::iter::repeat(Line::from(""))))
            .map(|(l, r)| {
                let pad = (lw as usize).saturating_sub(l.width()) + 3;
                let mut spans = l.spans;
                spans.push(Span::raw(" ".repeat(pad)));
                spans.extend(r.spans);
                Line::from(spans)
            })
            .collect();
        scroll_lines(buf, body, &joined, page.scroll, &t)
    } else {
        let mut lines = story(sc, &t, page, viewer, body.width - 1);
        lines.extend(changes(sc, &t, page, viewer, body.width - 1));
        scroll_lines(buf, body, &lines, page.scroll, &t)
    };

    let next = match app.game.as_ref().map(|g| g.state().phase) {
        Some(Phase::Over(_)) => "See the ending",
        Some(Phase::Card(_)) => "Continue to the decision",
        _ if page.kind == ReportKind::Opening => "Begin",
        _ => "Continue",
    };
    let y = area.bottom() - 1;
    let bw = button(
        buf,
        (area.x + 1, y),
        next,
        true,
        &t,
        &mut app.hits,
        Button::Continue,
    );
    let a = t.ascii;
    let more = more_below(&t, scroll);
    let mut items: Vec<(String, &str)> = more.into_iter().collect();
    items.push((first_key(Scope::Report, Action::Confirm, a), "continue"));
    items.push((updown(Scope::Report, a), "scroll"));
    items.push((first_key(Scope::Everywhere, Action::Help, a), "help"));
    let refs: Vec<(&str, &str)> = items.iter().map(|(k, w)| (k.as_str(), *w)).collect();
    let rest = Rect::new(area.x + bw + 3, y, area.width.saturating_sub(bw + 4), 1);
    put(
        buf,
        rest,
        0,
        fit_keys(key_line(&t, &refs), rest.width).alignment(Alignment::Right),
    );
    scroll.at
}
