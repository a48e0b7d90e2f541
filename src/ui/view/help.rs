//! The help overlay: how to play (from the scenario's own data) and every key
//! binding, generated from the one key table.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use crate::game::Scenario;
use crate::game::scenario::{EndingCheck, MeterId, SideId};
use crate::ui::keys;
use crate::ui::seats::Players;
use crate::ui::text::{self, width};
use crate::ui::theme::Theme;
use crate::ui::words::{Viewer, Words};
use crate::ui::world::World;

use super::Hits;
use super::panels::put;
use super::{Button, Target, centered, popup, scroll_lines};
use ratatui::widgets::{Clear, Widget};

fn heading(t: &Theme, s: &str) -> Line<'static> {
    Line::from(Span::styled(s.to_uppercase(), t.heading()))
}

/// How to play, in words drawn from the scenario, for the side `us` (with `two`
/// players, the side at the keyboard).
fn how_to_play(sc: &Scenario, t: &Theme, w: u16, us: SideId, two: bool) -> Vec<Line<'static>> {
    let words = Words::new(sc, *t, Viewer::Side(us));
    let them = words.them();
    let cal = &sc.calendar;
    let mut paras: Vec<Line<'static>> = vec![heading(t, "How to play")];
    let say = |out: &mut Vec<Line<'static>>, s: String| {
        out.extend(text::wrap(Line::from(s), w, 0));
        out.push(Line::from(""));
    };
    say(
        &mut paras,
        format!(
            "You run {}'s foreign policy, one month at a time, from {} to {} ({} months; deadline {}). Each month you pick one move; {them} answers with its own, the month's news arrives, and a report lists every change of every meter with its cause.",
            sc.side(us).name,
            cal.label(0),
            cal.label(cal.turns.saturating_sub(1)),
            cal.turns,
            sc.deadline
        ),
    );
    if two {
        say(
            &mut paras,
            format!(
                "Two players, one keyboard: each month both capitals give their orders in secret. A hand-over screen says whose turn it is at the keyboard and tells the other to look away; {} gives its order first, then {}, and both orders are revealed and played together. Cards go to the side they concern. Each side sees its own gauges and the other's ledger of it; the shared report shows what both may see. The advisor cannot know the rival's secret order: it forecasts as if the opponent model played the other side. Undo goes back whole months, and only if the other side agrees: a dialog asks it.",
                sc.sides[0].name, sc.sides[1].name
            ),
        );
    }
    let visible = (0..sc.meters.len())
        .map(|i| MeterId(i as u8))
        .filter(|m| words.visible(*m))
        .map(|m| sc.meter_def(m));
    for m in visible {
        let l = Line::from(vec![
            Span::styled(format!("{} ({}): ", m.name, m.short), t.bold()),
            Span::raw(m.describe.clone()),
        ]);
        paras.extend(text::wrap(l, w, 2));
    }
    paras.push(Line::from(""));
    let samples = crate::ui::content::samples_in_words();
    say(
        &mut paras,
        format!(
            "The move list shows what each move is likely to do over the month, with these short names (Rel−4: Relations down about 4): the advisor's median after playing the real rules {samples} times. F is the chance the move fails, R the chance {them} hits back. The lines under the list give the selected move's full forecast, its ranges as room allows. Dimmed moves are not available now, and say why."
        ),
    );
    say(
        &mut paras,
        format!(
            "{them} remembers how it was treated: its ledger lists named grudges and goodwill, each fading month by month. Their sum moves {them}'s trust, which talks and summits need.{}",
            if two {
                String::new()
            } else {
                format!(
                    " {them} answers in kind, sometimes forgives, and sometimes misreads a move."
                )
            }
        ),
    );
    if let Some(l) = sc.ladder() {
        let def = sc.meter_def(l);
        let rungs: Vec<&str> = def.labels.iter().map(|(_, s)| s.as_str()).collect();
        let mut s = format!(
            "{} is a ladder: {}.",
            def.name,
            rungs.join(&format!(" {} ", t.g.arrow))
        );
        if let Some(max) = def.max_rise {
            s.push_str(&format!(" It climbs at most {max} a month"));
        }
        if let Some(warn) = def.warn_at {
            s.push_str(&format!(", the game warns you from {warn}"));
        }
        let (top, _) = crate::ui::content::ladder_top();
        s.push_str(&format!(
            ", and cards offer ways down. At {top} the game ends."
        ));
        say(&mut paras, s);
    }
    let mut early = Vec::new();
    let mut end = Vec::new();
    for e in sc.endings.iter().filter(|e| e.side == us) {
        let c = words.cond(&e.when);
        let what = if c.is_empty() {
            format!("{}: otherwise", e.title)
        } else {
            format!("{}: {c}", e.title)
        };
        match e.check {
            EndingCheck::Always => early.push(what),
            EndingCheck::Deadline => end.push(what),
        }
    }
    say(
        &mut paras,
        format!("At the deadline, the first that holds: {}.", end.join("; ")),
    );
    say(
        &mut paras,
        format!("Earlier, the game ends at once on: {}.", early.join("; ")),
    );
    say(
        &mut paras,
        "Cards quote real people: their words are their claims, not the game's verdict. It is a game, not a forecast.".to_string(),
    );
    paras
}

/// The key table as help lines.
fn key_lines(t: &Theme, w: u16) -> Vec<Line<'static>> {
    let sections = keys::help(t.ascii);
    let key_w = sections
        .iter()
        .flat_map(|(_, ls)| ls.iter().map(|(k, _)| width(k)))
        .max()
        .unwrap_or(0)
        .min(24);
    let mut out = vec![heading(t, "Keys")];
    for (head, lines) in sections {
        out.push(Line::from(Span::styled(head, t.bold())));
        for (k, what) in lines {
            let l = Line::from(vec![
                Span::styled(format!("  {k:<key_w$}  "), t.key()),
                Span::raw(what),
            ]);
            out.extend(text::wrap(l, w, key_w as u16 + 4));
        }
    }
    out.push(Line::from(""));
    out.push(Line::from(
        "Mouse: click a move to select it, click it again to play; click answers and buttons.",
    ));
    out
}

/// Draw the help overlay.
pub fn draw(app: &World, hits: &mut Hits, buf: &mut Buffer, area: Rect, scroll: u16) {
    let t = app.theme;
    // A page of its own: clear the screen under it, then a column easy to read.
    Clear.render(area, buf);
    let r = centered(area, 90.min(area.width), area.height);
    let title = Line::from(Span::styled(" Help ", t.heading()));
    let inner = popup(buf, r, &t, title);
    let body = Rect::new(inner.x + 1, inner.y, inner.width - 2, inner.height - 1);
    let two = app.players() == Players::Two;
    let mut lines = how_to_play(&app.scenario, &t, body.width - 1, app.seat(), two);
    lines.extend(key_lines(&t, body.width - 1));
    let scroll = scroll_lines(buf, body, &lines, scroll, &t, hits);
    let y = inner.bottom() - 1;
    let close = "[ Close ]".to_string();
    buf.set_string(body.x, y, &close, t.selected());
    hits.push(
        Rect::new(body.x, y, width(&close) as u16, 1),
        Target::Button(Button::Close),
    );
    let mut items: Vec<(String, &str)> = super::more_below(&t, scroll).into_iter().collect();
    items.push((super::updown(keys::Scope::Help, t.ascii), "scroll"));
    items.push((
        keys::first_key(keys::Scope::Help, keys::Action::Back, t.ascii),
        "close",
    ));
    let refs: Vec<(&str, &str)> = items.iter().map(|(k, w)| (k.as_str(), *w)).collect();
    put(
        buf,
        Rect::new(body.x, y, body.width, 1),
        0,
        super::fit_keys(super::key_line(&t, &refs), body.width).alignment(Alignment::Right),
    );
}
