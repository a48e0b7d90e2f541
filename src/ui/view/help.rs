//! The help overlay: how to play (from the scenario's own data) and every key
//! binding, generated from the one key table.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use crate::game::Scenario;
use crate::game::scenario::{Display, EndingCheck, SideId};
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

/// ", on which Talks and Summit depend": the moves of `us` that need a minimum of
/// the other side's trust (its memory meter) or succeed more often with more of it,
/// in the scenario's names; empty if none.
fn needing_trust(sc: &Scenario, us: SideId) -> String {
    let Some(trust) = sc.sides[us.other().index()].memory_meter else {
        return String::new();
    };
    fn asks(c: &crate::game::scenario::Cond, m: crate::game::scenario::MeterId) -> bool {
        c.min.iter().any(|(x, _)| *x == m) || c.any.iter().any(|a| asks(a, m))
    }
    let names: Vec<&str> = sc
        .moves_of(us)
        .map(|id| sc.mv(id))
        .filter(|mv| {
            asks(&mv.requires, trust) || mv.chance.per.iter().any(|(m, w)| *m == trust && *w > 0.0)
        })
        .map(|mv| mv.name.as_str())
        .collect();
    let list = match names.as_slice() {
        [] => return String::new(),
        [one] => format!("{one} depends"),
        [init @ .., last] => format!("{} and {last} depend", init.join(", ")),
    };
    format!(", on which {list}")
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
    let visible = crate::ui::words::meter_ids(sc)
        .filter(|m| words.visible(*m))
        .map(|m| sc.meter_def(m));
    for m in visible {
        let l = Line::from(vec![
            Span::styled(format!("{} ({}): ", m.name, m.short), t.bold()),
            Span::raw(m.describe.clone()),
        ]);
        paras.extend(text::wrap(l, w, 2));
    }
    paras.extend(estimates(sc, t, w, us));
    paras.push(Line::from(""));
    let samples = text::thousands(u64::from(crate::game::forecast::DEFAULT_SAMPLES));
    say(
        &mut paras,
        format!(
            "The move list shows what each move is likely to do over the month, with these short names (Rel−4: Relations down about 4): the advisor's median after playing the real rules {samples} times. A move that can fail shows each outcome apart: ✓36% Arms+26 │ ✗ Home−3 is a 36% chance it works, and the meters that move most if it does and if it does not. R is the chance {them} hits back. The lines under the list give the selected move's full forecast, its ranges as room allows. Dimmed moves are not available now, and say what is missing first: \"needs Tension 65 (now 55) · +2 met\" is a condition not met, where its meter stands, and how many others hold. A name with −35% was made recently, whether it worked or not: made now, it does that much less (a move that cannot be played now shows no such mark). A ⚠ line under the treaties names a treaty stage that slips back at the month's end unless a meter crosses its bound this month; the forecast gives the odds a move costs a stage (\"treaty slips back 40%\") and, in the last month, the endings it leads to (\"ends Détente 64%, Cold peace 36%\")."
        ),
    );
    say(
        &mut paras,
        format!(
            "{them} remembers how it was treated: its ledger lists named grudges and goodwill, each fading month by month. Their sum moves {them}'s trust{}.{}",
            needing_trust(sc, us),
            if two {
                String::new()
            } else {
                format!(
                    " {them} answers in kind, sometimes forgives, and sometimes misreads a move."
                )
            }
        ),
    );
    if !two {
        paras.extend(rival_read(sc, t, w, us));
    }
    if let Some(l) = sc.ladder() {
        let def = sc.meter_def(l);
        let rungs: Vec<&str> = def.labels.iter().map(|(_, s)| s.as_str()).collect();
        let mut s = format!(
            "{} is a ladder: {}.",
            def.name,
            rungs.join(&format!(" {} ", t.g.arrow))
        );
        if let Some(max) = def.max_rise {
            let _ = write!(s, " It climbs at most {max} a month");
        }
        if let Some(warn) = def.warn_at {
            let _ = write!(s, ", the game warns you from {warn}");
        }
        s.push_str(", and cards offer ways down.");
        if let Some(top) = sc.ladder_top() {
            s.push(' ');
            s.push_str(&top.warning);
        }
        say(&mut paras, s);
    }
    let mut early = Vec::new();
    let mut end = Vec::new();
    for e in sc.endings.iter().filter(|e| e.side == us) {
        let c = words.reached(e);
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

/// The meters `us` sees only as estimates ("Leverage ≈60 (est.)"): what the
/// line shows and how coarse it is, then the meter's own description.
fn estimates(sc: &Scenario, t: &Theme, w: u16, us: SideId) -> Vec<Line<'static>> {
    let step = Display::ESTIMATE_STEP;
    let mut out = Vec::new();
    for m in sc
        .meters
        .iter()
        .filter(|m| m.display_for[us.index()] == Display::Estimate)
    {
        let example = format!("{}{} (est.)", t.g.approx, Display::estimate(m.start));
        let l = Line::from(vec![
            Span::styled(format!("{} ({}) {example}: ", m.name, m.short), t.bold()),
            Span::raw(format!(
                "an estimate, not the true value: it is rounded to the nearest {step}, so it moves only in steps of {step} and carries no word of its band (a word would read as exact). The rules and the advisor use the true value. {}",
                m.describe
            )),
        ]);
        out.extend(text::wrap(l, w, 2));
    }
    out
}

/// How to read the line under the rival's ledger ("Seems hardliner 45%"): what
/// it shows, that it is an estimate from the rival's answers, and what it is
/// not; the temperaments named from the scenario. Empty when the rival has none to read.
fn rival_read(sc: &Scenario, t: &Theme, w: u16, us: SideId) -> Vec<Line<'static>> {
    let them = us.other();
    let kinds: Vec<String> = sc
        .side(them)
        .temperaments
        .iter()
        .map(|k| super::panels::short_temperament(&k.name))
        .collect();
    if kinds.len() < 2 {
        return Vec::new();
    }
    let name = &sc.side(them).name;
    let unread = (super::panels::UNREAD_BELOW * 100.0).round();
    let l = Line::from(vec![
        Span::styled("The read of the rival: ", t.bold()),
        Span::raw(format!(
            "each game draws {name}'s hidden temperament ({}), which shapes how it answers. The line under its ledger, \"Seems {} 45%\", is your estimate, not the truth: the share each temperament has after weighing every answer {name} has given so far (friendly, neutral or hostile) by how likely each temperament was to give it. It says \"No clear read of it yet\" until the likeliest has {unread}%, and a second line names the runner-up. The advisor imagines {name} drawn from these shares, never from the truth; the end screen reveals it.",
            kinds.join(", "),
            kinds[0]
        )),
    ]);
    let mut out = text::wrap(l, w, 0);
    out.push(Line::from(""));
    out
}

/// The key table as help lines.
fn key_lines(scopes: &[keys::Scope], t: &Theme, w: u16) -> Vec<Line<'static>> {
    let sections = keys::help(scopes, t.ascii);
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
            out.extend(text::wrap(l, w, text::cols(key_w) + 4));
        }
    }
    out.push(Line::from(""));
    out.push(Line::from(
        "Mouse: click a move to select it, click it again to play; click answers and buttons.",
    ));
    out
}

/// Draw the help overlay; its keys are those of every table of `scopes`.
pub fn draw(
    app: &World,
    scopes: &[keys::Scope],
    hits: &mut Hits,
    buf: &mut Buffer,
    area: Rect,
    scroll: u16,
) {
    let t = app.theme;
    // A page of its own: clear the screen under it, then a column easy to read.
    Clear.render(area, buf);
    let r = centered(area, 90.min(area.width), area.height);
    let title = Line::from(Span::styled(" Help ", t.heading()));
    let inner = popup(buf, r, &t, title);
    let body = Rect::new(inner.x + 1, inner.y, inner.width - 2, inner.height - 1);
    let two = app.players() == Players::Two;
    let mut lines = how_to_play(&app.scenario, &t, body.width - 1, app.seat(), two);
    lines.extend(key_lines(scopes, &t, body.width - 1));
    let scroll = scroll_lines(buf, body, &lines, scroll, &t, hits);
    let y = inner.bottom() - 1;
    let close = "[ Close ]".to_string();
    buf.set_string(body.x, y, &close, t.selected());
    hits.push(
        Rect::new(body.x, y, text::cols(width(&close)), 1),
        Target::Button(Button::Close),
    );
    let mut items: Vec<(String, &str)> = super::more_below(&t, scroll, &KEYS).into_iter().collect();
    items.push((super::updown(&KEYS, t.ascii), "scroll"));
    items.push((keys::first_key(&KEYS, keys::Action::Back, t.ascii), "close"));
    let refs: Vec<(&str, &str)> = items.iter().map(|(k, w)| (k.as_str(), *w)).collect();
    put(
        buf,
        Rect::new(body.x, y, body.width, 1),
        0,
        super::fit_keys(super::key_line(&t, &refs), body.width).alignment(Alignment::Right),
    );
}

/// Its keys, the help's section "This help".
#[rustfmt::skip]
pub static KEYS: crate::ui::keys::Keys = {
    use crate::ui::keys::{Action, Keys, UP, DOWN, PGUP, PGDN, b, c, k, ctrl};
    use ratatui::crossterm::event::KeyCode;
    Keys {
        heading: "This help",
        place: 100,
        dialog: true,
        bindings: &[
            b(DOWN, Action::Down, "scroll down"),
            b(UP, Action::Up, "scroll up"),
            b(PGDN, Action::PageDown, "page down"),
            b(PGUP, Action::PageUp, "page up"),
            b(&[k(KeyCode::Esc), k(KeyCode::Enter), c('?'), c('q')], Action::Back, "close the help"),
            b(&[ctrl('c')], Action::Interrupt, "quit (asks first)"),
        ],
    }
};

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(sc: &Scenario, us: SideId) -> String {
        how_to_play(sc, &Theme::new(true, true), 2000, us, false)
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The moves that trust matters to, and the ladder's top, are the scenario's.
    #[test]
    fn trust_and_the_ladder_are_told_in_the_scenarios_words() {
        let toml = crate::game::scenario::BUILTIN_TOML
            .replace(
                "crisis_warning = \"At 100 the game ends.\"",
                "crisis_warning = \"The top is the end.\"",
            )
            .replace(
                "name = \"Propose a summit\"",
                "name = \"Meet at Reykjavik\"",
            );
        let sc = Scenario::from_toml("test.toml", &toml).unwrap();
        let text = prose(&sc, sc.default_player);
        assert!(
            text.contains("cards offer ways down. The top is the end."),
            "{text}"
        );
        assert!(!text.contains("talks and summits need"), "{text}");
        let trust = text
            .split("Their sum moves")
            .nth(1)
            .and_then(|s| s.split('.').next())
            .unwrap();
        assert!(
            trust.contains(", on which ") && trust.contains("Meet at Reykjavik"),
            "{trust}"
        );
        assert!(trust.ends_with(" depend"), "{trust}");
    }

    /// The help tells the fatigue mark (a failed attempt counts) and the
    /// treaty warning, as the game screen shows them.
    #[test]
    fn the_help_tells_the_fatigue_mark_and_the_treaty_warning() {
        let sc = Scenario::builtin();
        let text = prose(&sc, sc.default_player);
        assert!(
            text.contains("was made recently, whether it worked or not"),
            "{text}"
        );
        assert!(text.contains("slips back at the month's end"), "{text}");
    }

    /// Item 6 of the play-test: the help explains the estimate line
    /// ("Moscow's leverage (Leverage) ≈50 (est.)", `~` in ASCII) and the read of the rival
    /// under its ledger, naming the rival's temperaments from the scenario and
    /// saying the read is an estimate from its answers, never the truth.
    #[test]
    fn the_help_tells_the_estimate_and_the_read_of_the_rival() {
        let sc = Scenario::builtin();
        let washington = sc.default_player;
        let text = prose(&sc, washington)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let leverage = sc.meter_def(sc.meter("leverage").unwrap());
        let est = format!(
            "{} ({}) {}{} (est.): an estimate, not the true value: it is rounded to the nearest 10",
            leverage.name,
            leverage.short,
            Theme::new(true, true).g.approx,
            Display::estimate(leverage.start)
        );
        assert!(text.contains(&est), "{text}");
        let read = "The read of the rival: each game draws Moscow's hidden temperament (hardliner, pragmatist, opportunist)";
        assert!(text.contains(read), "{text}");
        assert!(text.contains("is your estimate, not the truth"), "{text}");
        assert!(
            text.contains("\"No clear read of it yet\" until the likeliest has 40%"),
            "{text}"
        );
        // Moscow sees no estimate; its read is of Washington's temperaments.
        let moscow = sc.side_id("moscow").unwrap();
        let text = prose(&sc, moscow)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(!text.contains("(est.)"), "{text}");
        assert!(
            text.contains("Washington's hidden temperament (hawk, dealmaker, realist)"),
            "{text}"
        );
        // Two players: no model answers, nothing to read.
        let two = how_to_play(&sc, &Theme::new(true, true), 2000, washington, true);
        assert!(!two.iter().any(|l| {
            l.spans
                .iter()
                .any(|s| s.content.contains("read of the rival"))
        }));
    }
}
