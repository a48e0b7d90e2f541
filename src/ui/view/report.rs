//! The turn report: its story (`story.rs`), then every change of every visible
//! meter, itemised by cause.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use crate::game::{Phase, Scenario};
use crate::ui::keys::{Action, EVERYWHERE, Scope, first_key};
use crate::ui::msg::Msg;
use crate::ui::msg::{ReportKind, ReportPage};
use crate::ui::screen::{Command, Cx, Look, ScreenView};
use crate::ui::text;
use crate::ui::theme::Theme;
use crate::ui::words::{Viewer, Words};
use crate::ui::world::World;

use super::Hits;
use super::panels::put;
use super::story::story;
use super::{
    Button, button, fit_keys, header, heading, key_line, more_below, scroll_lines, updown,
};

/// Width from which the changes get their own column.
const TWO_COLUMNS: u16 = 110;

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
    for m in crate::ui::words::meter_ids(sc) {
        let i = m.index();
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
        let before = i32::from(after) - net;
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
            let s = Span::styled(w.change(m, *d, *cause), t.delta(i32::from(*d), better));
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

/// The month at a glance, above the details, on as many rows as it needs:
/// the opening's "Where things stand: Relations 11 · Tension 55 · …", every
/// meter whole by the scenario's name, wrapped; a month's "In all: Rel ▼5 ·
/// Ten ▲2" on one row, whole items only, then an ellipsis when `width` runs out.
fn net_lines(
    sc: &Scenario,
    t: &Theme,
    page: &ReportPage,
    viewer: Viewer,
    width: u16,
) -> Vec<Line<'static>> {
    if page.kind != ReportKind::Opening {
        return vec![net_line(sc, t, page, viewer, width)];
    }
    let w = Words::new(sc, *t, viewer);
    let mut spans = vec![Span::styled("Where things stand: ", t.bold())];
    let items = crate::ui::words::meter_ids(sc).filter(|m| w.visible(*m));
    for (i, m) in items.enumerate() {
        if i > 0 {
            // The separator stays with the item before it, never starts a row.
            spans.push(Span::styled(t.g.sep.replacen(' ', "\u{a0}", 1), t.dim()));
        }
        let s = format!("{} {}", sc.meter_def(m).name, page.after[m.index()]);
        // A meter and its value never split across rows.
        spans.push(Span::styled(s.replace(' ', "\u{a0}"), t.bold()));
    }
    text::wrap(Line::from(spans), width, 2)
        .into_iter()
        .map(|l| {
            let spans: Vec<Span<'static>> = l
                .spans
                .into_iter()
                .map(|s| Span::styled(s.content.replace('\u{a0}', " "), s.style))
                .collect();
            Line::from(spans)
        })
        .collect()
}

/// A month's "In all: Rel ▼5 · Ten ▲2"; whole items only, then an ellipsis
/// when `width` runs out.
fn net_line(
    sc: &Scenario,
    t: &Theme,
    page: &ReportPage,
    viewer: Viewer,
    width: u16,
) -> Line<'static> {
    let w = Words::new(sc, *t, viewer);
    let opening = page.kind == ReportKind::Opening;
    let items: Vec<Span<'static>> = crate::ui::words::meter_ids(sc)
        .filter(|m| w.visible(*m) && (opening || page.report.net(*m) != 0))
        .map(|m| {
            let short = &sc.meter_def(m).short;
            // The first month has no month before it: where things stand, no arrows.
            if opening {
                let s = format!("{short} {}", page.after[m.index()]);
                return Span::styled(s, t.bold());
            }
            let net = page.report.net(m);
            let s = format!("{short} {}{}", t.arrow(net), net.abs());
            Span::styled(s, t.delta(net, w.higher_is_better(m)))
        })
        .collect();
    let head = if opening {
        "Where things stand: "
    } else {
        "In all: "
    };
    let mut spans = vec![Span::styled(head, t.bold())];
    if items.is_empty() {
        spans.push(Span::styled("no visible meter moved", t.dim()));
        return Line::from(spans);
    }
    let sep_w = Span::raw(t.g.sep).width();
    let ell_w = sep_w + Span::raw(t.g.ellipsis).width();
    let mut used = Line::from(spans.clone()).width();
    let n = items.len();
    for (i, item) in items.into_iter().enumerate() {
        let item_w = item.width() + if i > 0 { sep_w } else { 0 };
        // Room for this item, and for the ellipsis too unless it is the last.
        let need = item_w + if i + 1 < n { ell_w } else { 0 };
        if used + need > width as usize {
            if i > 0 {
                spans.push(Span::styled(t.g.sep, t.dim()));
            }
            spans.push(Span::styled(t.g.ellipsis, t.dim()));
            break;
        }
        if i > 0 {
            spans.push(Span::styled(t.g.sep, t.dim()));
        }
        used += item_w;
        spans.push(item);
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

/// Draw a report page.
pub fn draw(app: &World, hits: &mut Hits, buf: &mut Buffer, area: Rect, page: &ReportPage) {
    let t = app.theme;
    let viewer = app.report_viewer();
    let sc = &*app.scenario;
    let seed = app.game().map_or(0, crate::game::Game::seed);
    let level = app.game().map_or(1, |g| g.setup().difficulty.index());
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
    let net = net_lines(sc, &t, page, viewer, area.width - 2);
    // At most half the page: the story below it must still have room.
    let n = text::cols(net.len()).clamp(1, (area.height.saturating_sub(4) / 2).max(1));
    for (i, l) in net.into_iter().take(n as usize).enumerate() {
        put(
            buf,
            Rect::new(area.x + 1, area.y + 1 + text::cols(i), area.width - 2, 1),
            0,
            l,
        );
    }
    let body = Rect::new(
        area.x + 1,
        area.y + 1 + n,
        area.width - 2,
        area.height.saturating_sub(3 + n),
    );
    let scroll = if area.width >= TWO_COLUMNS {
        let lw = body.width / 2 - 1;
        // The last column is the ▲/▼ marks': the right column stops short of it.
        let rw = body.width - lw - 4;
        let mut left = story(sc, &t, page, viewer, lw, level);
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
        scroll_lines(buf, body, &joined, page.scroll, &t, hits)
    } else {
        let mut lines = story(sc, &t, page, viewer, body.width - 1, level);
        lines.extend(changes(sc, &t, page, viewer, body.width - 1));
        scroll_lines(buf, body, &lines, page.scroll, &t, hits)
    };

    let next = match app.game().map(|g| g.state().phase) {
        Some(Phase::Over(_)) => "See the ending",
        Some(Phase::Card(_)) => "Continue to the decision",
        _ if page.kind == ReportKind::Opening => "Begin",
        _ => "Continue",
    };
    let y = area.bottom() - 1;
    let bw = button(buf, (area.x + 1, y), next, true, &t, hits, Button::Continue);
    let a = t.ascii;
    let more = more_below(&t, scroll, &KEYS);
    let mut items: Vec<(String, &str)> = more.into_iter().collect();
    items.push((first_key(&KEYS, Action::Confirm, a), "continue"));
    items.push((updown(&KEYS, a), "scroll"));
    items.push((first_key(&EVERYWHERE, Action::Help, a), "help"));
    let refs: Vec<(&str, &str)> = items.iter().map(|(k, w)| (k.as_str(), *w)).collect();
    let rest = Rect::new(area.x + bw + 3, y, area.width.saturating_sub(bw + 4), 1);
    put(
        buf,
        rest,
        0,
        fit_keys(key_line(&t, &refs), rest.width).alignment(Alignment::Right),
    );
}

impl ScreenView for ReportPage {
    fn draw(&self, look: &Look, hits: &mut Hits, buf: &mut Buffer, area: Rect) {
        draw(look.world, hits, buf, area, self);
    }

    fn update(&mut self, cx: &mut Cx, msg: Msg) -> Command {
        crate::ui::screen::scroll_page(&mut self.scroll, cx.page, msg, Button::Continue)
    }

    fn scope(&self, _: &World) -> Scope {
        &KEYS
    }

    fn keys() -> Vec<Scope> {
        vec![&KEYS]
    }

    fn commits(&self) -> bool {
        true
    }
}

/// Its keys, the help's section "Turn report".
#[rustfmt::skip]
pub static KEYS: crate::ui::keys::Keys = {
    use crate::ui::keys::{Action, Keys, UP, DOWN, PGUP, PGDN, HOME, END, b, k};
    use ratatui::crossterm::event::KeyCode;
    Keys {
        heading: "Turn report",
        place: 50,
        dialog: false,
        bindings: &[
            b(DOWN, Action::Down, "scroll down"),
            b(UP, Action::Up, "scroll up"),
            b(PGDN, Action::PageDown, "page down"),
            b(PGUP, Action::PageUp, "page up"),
            b(HOME, Action::First, "top"),
            b(END, Action::Last, "bottom"),
            b(&[k(KeyCode::Enter), k(KeyCode::Esc), k(KeyCode::Right)], Action::Confirm, "continue"),
        ],
    }
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_line_keeps_whole_items_then_an_ellipsis() {
        let g = crate::store::played_game(3, 2, "military_aid");
        let sc = g.scenario();
        let t = Theme::new(false, true);
        let turn = g.turns().last().expect("a month was played");
        let page = ReportPage::new(
            ReportKind::Month { turn: 3 },
            turn.report.clone(),
            g.state().meters,
            0,
        );
        let viewer = Viewer::Side(sc.default_player);
        let text = |w: u16| -> String {
            net_line(sc, &t, &page, viewer, w)
                .spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect()
        };
        let full = text(500);
        assert!(!full.ends_with('…'), "room for all: {full}");
        let items: Vec<&str> = full.trim_start_matches("In all: ").split(" · ").collect();
        assert!(items.len() >= 3, "a month with several changes: {full}");
        for w in 12..text::cols(full.chars().count()) {
            let cut = text(w);
            assert!(cut.chars().count() <= w as usize, "{w}: {cut}");
            assert!(cut.ends_with('…'), "{w}: {cut}");
            for item in cut.trim_start_matches("In all: ").split(" · ") {
                assert!(
                    item == "…" || items.contains(&item),
                    "{w}: a cut item in {cut}"
                );
            }
        }
    }
}
