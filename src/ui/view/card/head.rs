//! An event card's head: when and for whom, its text, its source, and what a
//! warning card is about in the scenario's own numbers.

use ratatui::text::{Line, Span};

use crate::game::State;
use crate::game::scenario::{Cond, Event, MeterId};
use crate::ui::text;
use crate::ui::theme::Theme;
use crate::ui::words::Words;

/// The card's head: when and for whom, its text, and its source (a quote is its
/// speakers' claim; the game's own cards say they are fiction).
pub(super) fn card_text(
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
/// Kremlin standing at most 0."); a win says what it scores ("The coalition
/// splits, +80: claimed once …"), to be weighed against the endings the game
/// may still reach.
pub(super) fn stakes(w: &Words, ev: &Event, st: &State) -> Option<String> {
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
            .map(|e| match e.good {
                true => format!("{}, +{}: {}.", e.title, e.bonus, w.reached(e)),
                false => format!("{}: {}.", e.title, w.reached(e)),
            })
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
