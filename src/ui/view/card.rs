//! An event card with a choice: its title, the attributed text (the speaker's
//! claims, shown as such), the answers with their hints and likely effects.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use crate::game::scenario::{Cond, Event, MeterId};
use crate::game::{Phase, State};
use crate::ui::keys::{Action, Scope, first_key, pick_range};
use crate::ui::text;
use crate::ui::theme::Theme;
use crate::ui::words::{Viewer, Words};
use crate::ui::world::World;

use super::Hits;
use super::panels::put;
use super::step;
use super::{Button, Target, button, centered, fit_keys, key_line, popup, updown};
use crate::game::Choice;
use crate::ui::msg::{Command, Msg};
use ratatui::widgets::{Clear, Widget};

/// The card's width at most, for comfortable reading.
const CARD_WIDTH: u16 = 78;

/// The card's head: when and for whom, its text, and its source (a quote is its
/// speakers' claim; the game's own cards say they are fiction).
fn card_text(
    t: &Theme,
    w: &Words,
    ev: &Event,
    st: &State,
    when: &str,
    inner_w: u16,
) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    lines.push(Line::from(vec![
        Span::styled(format!("{when}{}", t.g.sep), t.dim()),
        Span::styled(
            format!("a decision for {}", w.side_name(ev.concerns)),
            t.dim(),
        ),
    ]));
    lines.push(Line::from(""));
    lines.extend(text::wrap(
        Line::from(Span::styled(ev.text.clone(), t.quote())),
        inner_w,
        0,
    ));
    // Attributed words are their speakers' claims; the game's own cards say so plainly.
    let own = ev.is_fiction();
    let source = if own {
        format!("{} {}", t.g.dash, ev.source)
    } else {
        format!(
            "{} {}  (their words and claims, not the game's)",
            t.g.dash, ev.source
        )
    };
    lines.extend(text::wrap(
        Line::from(Span::styled(source, t.dim())),
        inner_w,
        2,
    ));
    if let Some(s) = stakes(w, ev, st) {
        lines.extend(text::wrap(
            Line::from(Span::styled(s, t.warning())),
            inner_w,
            2,
        ));
    }
    lines
}

/// What a warning card is about, in the scenario's own numbers, so its words can
/// never contradict where the game ends: each meter the card's condition bounds
/// that an early ending of its side bounds too, with its value and word now and
/// that ending's condition ("Kremlin standing is 15, Restive. Turmoil at home:
/// Kremlin standing at most 0.").
fn stakes(w: &Words, ev: &Event, st: &State) -> Option<String> {
    use crate::game::scenario::EndingCheck;
    let sc = w.sc;
    let bounded =
        |c: &Cond| -> Vec<MeterId> { c.min.iter().chain(&c.max).map(|(m, _)| *m).collect() };
    let mut parts = Vec::new();
    for m in bounded(&ev.when) {
        if !w.visible(m) {
            continue;
        }
        let endings: Vec<String> = sc
            .endings
            .iter()
            .filter(|e| e.side == ev.concerns && e.check == EndingCheck::Always)
            .filter(|e| bounded(&e.when).contains(&m))
            .map(|e| format!("{}: {}.", e.title, w.reached(e)))
            .collect();
        if endings.is_empty() {
            continue;
        }
        let def = sc.meter_def(m);
        let v = st.meter(m);
        parts.push(format!(
            "{} is {v}, {}. {}",
            def.name,
            def.label(v),
            endings.join(" ")
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

pub fn draw(app: &World, hits: &mut Hits, buf: &mut Buffer, area: Rect, cursor: usize) {
    let Some(game) = app.game() else {
        return;
    };
    let Phase::Card(e) = game.state().phase else {
        return;
    };
    draw_event(
        &app.theme,
        &app.scenario,
        game.state(),
        e,
        hits,
        buf,
        area,
        cursor,
    );
}

/// Draw the card of event `e` in state `st` over the bottom of `area`.
#[allow(clippy::too_many_arguments)]
fn draw_event(
    t: &Theme,
    sc: &crate::game::Scenario,
    st: &State,
    e: crate::game::scenario::EventId,
    hits: &mut Hits,
    buf: &mut Buffer,
    area: Rect,
    cursor: usize,
) {
    let t = *t;
    let ev = sc.event(e);
    // The card is put to one side: its effects are told as that side sees the meters.
    let w = Words::new(sc, t, Viewer::Side(ev.concerns)).at(st);
    let width = CARD_WIDTH.min(area.width);
    let inner_w = width - 4;

    let when = sc.calendar.label(st.turn);
    let mut lines = card_text(&t, &w, ev, st, &when, inner_w);
    lines.push(Line::from(""));
    let choice_rows = choices(&t, ev, cursor, inner_w, &mut lines);
    lines.push(Line::from(""));
    lines.extend(effect_lines(&t, &w, ev, cursor, inner_w));

    // The card takes the bottom of the screen, over the move list, and leaves the
    // header and as much of the gauges and ledger in view as it can.
    let h = (lines.len() as u16 + 4).min(area.height - 1);
    let region = Rect::new(area.x, area.bottom() - h, area.width, h);
    Clear.render(region, buf);
    let r = centered(region, width, h);
    let title = Line::from(Span::styled(format!(" {} ", ev.title), t.heading()));
    let inner = popup(buf, r, &t, title);
    let body = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height.saturating_sub(1),
    );
    // A long card loses text from the middle, never its answers.
    let overflow = lines.len().saturating_sub(body.height as usize);
    let first_choice = choice_rows.first().map_or(lines.len(), |c| c.0);
    let cut_at = first_choice.saturating_sub(overflow + 1);
    let shown: Vec<(usize, Line)> = lines
        .into_iter()
        .enumerate()
        .filter(|(i, _)| *i < cut_at || *i >= cut_at + overflow)
        .collect();
    for (row, (orig, l)) in shown.into_iter().enumerate() {
        put(buf, body, row as u16, l);
        let choice = choice_rows
            .iter()
            .find(|(s, n, _)| orig >= *s && orig < s + n);
        if let Some((_, _, i)) = choice.filter(|_| (row as u16) < body.height) {
            hits.push(
                Rect::new(body.x, body.y + row as u16, body.width, 1),
                Target::Choice(*i),
            );
        }
    }
    footer(
        &t,
        hits,
        buf,
        Rect::new(body.x, inner.bottom() - 1, body.width, 1),
        ev.choices.len(),
    );
}

/// The answers, one paragraph each, appended to `lines`; returns where each
/// starts, how many rows it takes, and its index (for clicks).
fn choices(
    t: &Theme,
    ev: &Event,
    cursor: usize,
    inner_w: u16,
    lines: &mut Vec<Line<'static>>,
) -> Vec<(usize, usize, usize)> {
    let mut choice_rows = Vec::new();
    for (i, ch) in ev.choices.iter().enumerate() {
        let selected = i == cursor;
        let pointer = if selected { t.g.pointer } else { " " };
        let label = Line::from(vec![
            Span::styled(format!("{pointer} {} ", i + 1), t.bold()),
            Span::styled(
                ch.label.clone(),
                if selected { t.selected() } else { t.bold() },
            ),
            Span::styled(format!(" {} {}", t.g.dash, ch.hint), t.dim()),
        ]);
        let wrapped = text::wrap(label, inner_w, 4);
        choice_rows.push((lines.len(), wrapped.len(), i));
        lines.extend(wrapped);
    }
    choice_rows
}

/// The selected answer's effect. Every answer's is wrapped and the card keeps the
/// room of the longest, so it does not move under the mouse when the selection changes.
fn effect_lines(
    t: &Theme,
    w: &Words,
    ev: &Event,
    cursor: usize,
    inner_w: u16,
) -> Vec<Line<'static>> {
    let effects: Vec<Vec<Line>> = ev
        .choices
        .iter()
        .map(|ch| {
            let r = w.ranges(&ch.effects);
            let fx = if r.is_empty() {
                "nothing visible".to_string()
            } else {
                r
            };
            let l = Line::from(vec![
                Span::styled("Likely effect: ", t.bold()),
                Span::raw(fx),
            ]);
            text::wrap(l, inner_w, 2)
        })
        .collect();
    let room = effects.iter().map(Vec::len).max().unwrap_or(0);
    let mut shown = effects.get(cursor).cloned().unwrap_or_default();
    shown.resize(room, Line::from(""));
    shown
}

/// The card's bottom row: the Answer button and the keys, in `row`.
fn footer(t: &Theme, hits: &mut Hits, buf: &mut Buffer, row: Rect, answers: usize) {
    let a = t.ascii;
    let pick_keys = pick_range(Scope::Card, answers, a).unwrap_or_default();
    let keys = key_line(
        t,
        &[
            (&updown(Scope::Card, a), "choose"),
            (&pick_keys, "pick"),
            (&first_key(Scope::Card, Action::Confirm, a), "answer"),
            (&first_key(Scope::Everywhere, Action::Help, a), "help"),
        ],
    );
    let (x, y, width) = (row.x, row.y, row.width);
    let bw = button(buf, (x, y), "Answer", false, t, hits, Button::Answer);
    put(
        buf,
        Rect::new(x + bw + 2, y, width.saturating_sub(bw + 2), 1),
        0,
        fit_keys(keys, width.saturating_sub(bw + 2)).alignment(Alignment::Right),
    );
}

/// A choice card with `n` answers.
pub fn update(cursor: &mut usize, n: usize, msg: Msg) -> Command {
    match msg {
        Msg::Act(a @ (Action::Up | Action::Down)) => {
            step(cursor, n, a);
            Command::None
        }
        Msg::Act(Action::Pick(i)) if (i as usize) < n => {
            *cursor = i as usize;
            Command::None
        }
        Msg::Act(Action::Confirm) | Msg::Click(Target::Button(Button::Answer)) if n > 0 => {
            Command::Play(Choice::Answer {
                choice: *cursor as u8,
            })
        }
        Msg::Click(Target::Choice(i)) if i == *cursor => {
            Command::Play(Choice::Answer { choice: i as u8 })
        }
        Msg::Click(Target::Choice(i)) if i < n => {
            *cursor = i;
            Command::None
        }
        _ => Command::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::{Difficulty, Scenario, Setup};

    /// Every card of the scenario, each answer selected, at 80×24 (and a few
    /// heights more), with its meters at their lowest and highest (warning lines
    /// on): the frame is whole — top, both sides and the bottom border — and the
    /// Answer button is inside it.
    #[test]
    fn every_card_keeps_its_frame_at_80x24() {
        let sc = Scenario::builtin();
        let t = Theme::new(false, true);
        for (i, ev) in sc.events.iter().enumerate() {
            if ev.choices.is_empty() {
                continue;
            }
            for level in [0, 100] {
                let mut st = State::new(&sc, Setup::single(ev.concerns, Difficulty::Normal));
                st.meters.iter_mut().for_each(|m| *m = level);
                st.phase = Phase::Card(crate::game::scenario::EventId(i as u8));
                for h in [24, 25, 30] {
                    for cursor in 0..ev.choices.len() {
                        let area = Rect::new(0, 0, 80, h);
                        let mut buf = Buffer::empty(area);
                        let mut hits = Hits::default();
                        let e = crate::game::scenario::EventId(i as u8);
                        draw_event(&t, &sc, &st, e, &mut hits, &mut buf, area, cursor);
                        let row =
                            |y: u16| -> String { (0..80).map(|x| buf[(x, y)].symbol()).collect() };
                        let top = (0..h).find(|y| row(*y).contains('╭'));
                        let Some(top) = top else {
                            panic!("{}: no top border", ev.id)
                        };
                        assert!(row(h - 1).contains('╰'), "{} at 80x{h}: no bottom", ev.id);
                        for y in top + 1..h - 1 {
                            let r = row(y);
                            assert!(
                                r.trim_end().ends_with('│') && r.trim_start().starts_with('│'),
                                "{} at 80x{h}, row {y}: {r}",
                                ev.id
                            );
                        }
                        assert!(row(h - 2).contains("[ Answer ]"), "{}", ev.id);
                    }
                }
            }
        }
    }

    /// A warning card states the meter and the ending it warns of in the
    /// scenario's own numbers: Grumbling in Moscow at 15 says turmoil comes at 0.
    #[test]
    fn a_warning_card_names_its_ending_threshold() {
        let sc = Scenario::builtin();
        let t = Theme::new(false, true);
        let i = sc
            .events
            .iter()
            .position(|e| e.id == "kremlin_unrest")
            .unwrap();
        let ev = &sc.events[i];
        let kremlin = sc.meter("kremlin").unwrap();
        let mut st = State::new(&sc, Setup::single(ev.concerns, Difficulty::Normal));
        st.meters[kremlin.index()] = 15;
        let w = Words::new(&sc, t, Viewer::Side(ev.concerns)).at(&st);
        let said = stakes(&w, ev, &st).expect("a warning");
        assert_eq!(
            said,
            "Kremlin standing is 15, Restive. Turmoil at home: Kremlin standing at most 0."
        );
        // Not to Washington's eyes (the Kremlin's standing is hidden from it), and
        // not on a card whose condition bounds no meter an ending bounds.
        let other = Words::new(&sc, t, Viewer::Side(ev.concerns.other())).at(&st);
        assert_eq!(stakes(&other, ev, &st), None);
        let speech = sc.events.iter().find(|e| e.id == "inauguration");
        if let Some(speech) = speech {
            assert_eq!(stakes(&w, speech, &st), None);
        }
    }

    /// An ending claimed on a card is named as the scenario words it, not by the
    /// bound its condition keeps (the split counts while unity is at most 20, but
    /// it comes up at 8).
    #[test]
    fn a_warning_card_names_a_claimed_ending_in_the_scenarios_words() {
        let sc = Scenario::builtin();
        let t = Theme::new(false, true);
        let ev = sc
            .events
            .iter()
            .find(|e| e.id == "split_claimable")
            .unwrap();
        let unity = sc.meter("unity").unwrap();
        let mut st = State::new(&sc, Setup::single(ev.concerns, Difficulty::Normal));
        st.meters[unity.index()] = 6;
        let w = Words::new(&sc, t, Viewer::Side(ev.concerns)).at(&st);
        let said = stakes(&w, ev, &st).expect("a warning");
        assert!(
            said.ends_with("The coalition splits: claimed when Allied unity falls to 8 or below."),
            "{said}"
        );
        assert!(!said.contains("at most 20"), "{said}");
    }
}
