//! The end screen's revelations: the rival's hidden temperament, the meters
//! kept from the player during play, and the treaties as they stood at the end.

use ratatui::text::{Line, Span};

use crate::game::belief;
use crate::game::scenario::{EndingCheck, MeterId, SideId, TreatyStatus};
use crate::game::{Game, Phase, Scenario, State};
use crate::ui::text;
use crate::ui::theme::Theme;
use crate::ui::words::Words;

use super::{heading, was_shown};

/// The rival's hidden temperament, revealed, beside what its answers had
/// suggested by the end (only when the computer played the rival).
pub(super) fn temperament_revealed(
    sc: &Scenario,
    st: &crate::game::State,
    side: SideId,
    t: &Theme,
    tw: u16,
) -> Vec<Line<'static>> {
    let rival = side.other();
    if st.setup.human[rival.index()] {
        return Vec::new();
    }
    let Some(truth) = belief::revealed(sc, st, rival) else {
        return Vec::new();
    };
    let read = belief::shares(sc, st, rival)
        .iter()
        .find(|(x, _)| x.id == truth.id)
        .map_or(0, |(_, p)| (p * 100.0).round() as u32);
    let line = Line::from(vec![
        Span::styled(
            format!(
                "{} was {}. ",
                sc.side(rival).name,
                truth.name.to_lowercase()
            ),
            t.bold(),
        ),
        Span::raw(format!("{} ", truth.describe)),
        Span::styled(
            format!("(By the end its answers gave that {read}%.)"),
            t.dim(),
        ),
    ]);
    text::wrap(line, tw, 0)
}

/// A treaty's status at the end. The deadline is the day treaties still on
/// their old terms run out (New START's): one still in force or suspended when
/// the calendar ran out has lapsed, as the endings say; an early end keeps it.
pub(super) fn status_at_end(sc: &Scenario, st: &State, s: TreatyStatus) -> TreatyStatus {
    let by_deadline = matches!(
        st.phase,
        Phase::Over(e) if sc.ending(e).check == EndingCheck::Deadline
    );
    match s {
        TreatyStatus::InForce | TreatyStatus::Suspended if by_deadline => TreatyStatus::Expired,
        other => other,
    }
}

/// The meters kept from the player during play, now shown, and the treaties.
pub(super) fn revealed(sc: &Scenario, game: &Game, words: &Words, tw: u16) -> Vec<Line<'static>> {
    let t = &words.theme;
    let st = game.state();
    let mut lines = Vec::new();
    let hidden: Vec<usize> = crate::ui::words::meter_ids(sc)
        .filter(|m| !was_shown(sc, words, *m))
        .map(MeterId::index)
        .collect();
    if !hidden.is_empty() {
        lines.push(heading(t, "Revealed: the hidden meters"));
    }
    for i in hidden {
        let def = &sc.meters[i];
        let v = st.meters[i];
        let start = game.timeline().first().map_or(def.start, |p| p[i]);
        let l = Line::from(vec![
            Span::styled(format!("{} ", def.name), t.bold()),
            Span::raw(format!("{start} {} {v} {}", t.g.arrow, def.label(v))),
            Span::styled(format!("{}{}", t.g.sep, def.describe), t.dim()),
        ]);
        lines.extend(text::wrap(l, tw, 2));
    }
    let mut tr = vec![Span::styled("Treaties: ", t.bold())];
    for (i, def) in sc.treaties.iter().enumerate() {
        if i > 0 {
            tr.push(Span::styled(t.g.sep, t.dim()));
        }
        let status = status_at_end(sc, st, st.treaties[i]);
        tr.push(super::super::panels::treaty_mark(t, status));
        tr.push(Span::raw(format!(" {} {}", def.name, status.words())));
    }
    lines.extend(text::wrap(Line::from(tr), tw, 2));
    lines
}
