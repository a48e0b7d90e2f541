//! The end screen's record: the player's months set beside what their capital
//! actually did (the scenario's `[[history]]` moves and card answers), and the
//! dated list of what happened, each line with its source.

use ratatui::text::{Line, Span};

use crate::game::report::Note;
use crate::game::scenario::{EventId, MoveId, SideId};
use crate::game::{Game, Scenario};
use crate::ui::text::{self, truncate};
use crate::ui::theme::Theme;
use crate::ui::words::{Viewer, Words};

use super::{heading, pad};

/// The month column: "Sep 2024".
const MONTH_W: usize = 8;

/// The sides whose months are set beside the record: the player's, or both
/// players' — each only if the record has its moves.
fn sides(sc: &Scenario, viewer: Viewer) -> Vec<SideId> {
    let all = match viewer {
        Viewer::Side(us) => vec![us],
        Viewer::Both => SideId::ALL.to_vec(),
    };
    all.into_iter().filter(|s| sc.has_record(*s)).collect()
}

/// What `side` played in each month of the game (`None`: not played).
fn played(sc: &Scenario, game: &Game, side: SideId) -> Vec<Option<MoveId>> {
    let mut out = vec![None; sc.calendar.turns as usize];
    for turn in game.turns() {
        if let (Some((mv, _)), Some(slot)) =
            (turn.report.move_of(side), out.get_mut(turn.month as usize))
        {
            *slot = Some(mv);
        }
    }
    out
}

/// A space that does not break a row: a cell's words joined by it stay together.
const NBSP: &str = "\u{a0}";

/// A cell's text wrapped at word breaks to `w` columns (a word wider than the
/// column is cut, the cut marked).
fn cell_rows(s: &str, w: usize, ell: &str) -> Vec<String> {
    text::wrap(Line::from(s.to_string()), text::cols(w), 0)
        .iter()
        .map(|l| {
            let row: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            truncate(row.trim_end(), w, ell).replace(NBSP, " ")
        })
        .collect()
}

/// One month of the table: month │ your move │ the record's move (its date),
/// each cell whole, wrapped onto more rows where its column is too narrow.
fn row(t: &Theme, cols: (usize, usize), cells: [String; 3], same: bool) -> Vec<Line<'static>> {
    let bar = Span::styled(format!(" {} ", t.g.border.vertical_left), t.dim());
    let mine = cell_rows(&cells[1], cols.0, t.g.ellipsis);
    let theirs = cell_rows(&cells[2], cols.1, t.g.ellipsis);
    let style = if same { t.good() } else { t.bold() };
    let n = mine.len().max(theirs.len()).max(1);
    (0..n)
        .map(|i| {
            let month = if i == 0 { cells[0].as_str() } else { "" };
            let get = |v: &[String]| v.get(i).cloned().unwrap_or_default();
            Line::from(vec![
                Span::styled(pad(month, MONTH_W), t.bold()),
                bar.clone(),
                Span::styled(pad(&get(&mine), cols.0), style),
                bar.clone(),
                Span::raw(get(&theirs)),
            ])
        })
        .collect()
}

/// The two move columns' widths in `room`: each as wide as its widest cell
/// when both fit; else the player's gets at most two fifths (more if the
/// record's needs less) and the cells wrap.
fn columns(room: usize, cells: &[[String; 3]]) -> (usize, usize) {
    let widest = |i: usize| cells.iter().map(|c| text::width(&c[i])).max().unwrap_or(0);
    let (mine, theirs) = (widest(1), widest(2));
    if mine + theirs <= room {
        return (mine, room - mine);
    }
    let mine = mine.min(room * 2 / 5).max(room.saturating_sub(theirs));
    (mine, room.saturating_sub(mine))
}

/// The table for one side, and its card answers beside the record's.
fn table(sc: &Scenario, game: &Game, w: &Words, side: SideId, tw: u16) -> Vec<Line<'static>> {
    let t = &w.theme;
    let name = &sc.side(side).name;
    let you = if w.is_you(side) {
        "Your move".to_string()
    } else {
        name.clone()
    };
    let mut out = vec![heading(
        t,
        &format!("{}'s months beside the record", sc.side(side).name),
    )];
    // Two separators of three columns each, and the month.
    let room = (tw as usize).saturating_sub(MONTH_W + 6);
    let header = [
        "Month".to_string(),
        you,
        format!("What {name} did (nearest move)"),
    ];
    let mut months = Vec::new();
    for (turn, mv) in played(sc, game, side).iter().enumerate() {
        let turn = turn as u8;
        let rec = sc.record_move(side, turn);
        let theirs = rec.and_then(|h| h.mv.map(|m| (m, h.when.as_str())));
        let cells = [
            sc.calendar.label(turn),
            mv.map_or_else(|| t.g.dash.to_string(), |m| sc.mv(m).name.clone()),
            theirs.map_or_else(
                || t.g.dash.to_string(),
                // The date is not split across rows ("(22 Sep" / "2025)").
                |(m, when)| format!("{} ({})", sc.mv(m).name, when.replace(' ', NBSP)),
            ),
        ];
        let same = theirs.is_some_and(|(m, _)| Some(m) == *mv);
        months.push((cells, same));
    }
    let all: Vec<[String; 3]> = std::iter::once(header.clone())
        .chain(months.iter().map(|(c, _)| c.clone()))
        .collect();
    let cols = columns(room, &all);
    out.extend(
        row(t, cols, header, false)
            .into_iter()
            .map(|l| l.patch_style(t.dim())),
    );
    for (cells, same) in months {
        out.extend(row(t, cols, cells, same));
    }
    out.extend(answers(sc, game, w, side, tw));
    out
}

/// The cards the record answered that the game put to `side`: both answers.
fn answers(sc: &Scenario, game: &Game, w: &Words, side: SideId, tw: u16) -> Vec<Line<'static>> {
    let t = &w.theme;
    let given: Vec<(EventId, u8)> = game
        .turns()
        .iter()
        .flat_map(|turn| turn.report.notes.iter())
        .filter_map(|n| match *n {
            Note::Answered {
                event,
                choice,
                side: s,
            } if s == side => Some((event, choice)),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for h in sc.history.iter().filter(|h| h.side == Some(side)) {
        for (e, rec) in &h.answers {
            let Some((_, mine)) = given.iter().find(|(g, _)| g == e) else {
                continue;
            };
            let card = sc.event(*e);
            let label = |c: u8| {
                card.choices
                    .get(c as usize)
                    .map_or("", |c| c.label.as_str())
            };
            let who = if w.is_you(side) { "you" } else { "the game" };
            let l = Line::from(vec![
                Span::styled(format!("{}: ", card.title), t.bold()),
                Span::raw(format!("{who}: {}", label(*mine))),
                Span::styled(format!("{}the record ({}): ", t.g.sep, h.when), t.dim()),
                Span::raw(label(*rec).to_string()),
            ]);
            out.extend(text::wrap(l, tw, 2));
        }
    }
    out
}

/// The record after the report: each side's months beside the player's, then
/// every dated entry with its source.
pub fn lines(sc: &Scenario, game: &Game, w: &Words, tw: u16) -> Vec<Line<'static>> {
    let t = &w.theme;
    let mut out = Vec::new();
    for side in sides(sc, w.viewer) {
        out.extend(table(sc, game, w, side, tw));
        out.push(Line::from(""));
    }
    out.push(heading(t, "What happened"));
    let note = "The public record after the report, for comparison. The record's moves are the game's nearest to what each capital did. Your game is not meant to match it: it is a game, not a forecast.";
    out.extend(text::wrap(Line::from(Span::styled(note, t.dim())), tw, 0));
    for h in &sc.history {
        let mut spans = vec![
            Span::styled(format!("{}  ", h.when), t.bold()),
            Span::raw(h.what.clone()),
        ];
        if !h.source.is_empty() {
            spans.push(Span::styled(format!(" [{}]", h.source), t.dim()));
        }
        out.extend(text::wrap(Line::from(spans), tw, 2));
    }
    out
}

#[cfg(test)]
pub(super) mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::game::rules;
    use crate::game::{Choice, Difficulty, Phase};
    use crate::ui::seats::Players;

    /// A whole game of `side` that plays the record's move where it is open
    /// (else the first legal move) and answers every card with its first choice.
    pub(crate) fn played_game(sc: &Arc<Scenario>, side: SideId) -> Game {
        let mut g = Game::new(sc.clone(), 7, Players::One(side).setup(Difficulty::Normal));
        while !g.state().is_over() {
            let st = *g.state();
            let choice = match st.phase {
                Phase::Card(_) => Choice::Answer { choice: 0 },
                _ => {
                    let rec = sc.record_move(side, st.turn).and_then(|h| h.mv);
                    let mv = rec
                        .filter(|m| rules::is_legal(sc, &st, *m))
                        .or_else(|| rules::legal_moves(sc, &st, side).next())
                        .unwrap();
                    Choice::Move { mv }
                }
            };
            g.play(choice).unwrap();
        }
        g
    }

    fn text(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn each_month_is_set_beside_the_record_within_the_width() {
        let sc = Arc::new(Scenario::builtin());
        let w = sc.side_id("washington").unwrap();
        let game = played_game(&sc, w);
        let words = Words::new(&sc, Theme::new(false, true), Viewer::Side(w));
        let rows = text(&lines(&sc, &game, &words, 77));
        assert!(rows.iter().all(|r| text::width(r) <= 77), "{rows:#?}");
        let at = rows
            .iter()
            .position(|r| r == "WASHINGTON'S MONTHS BESIDE THE RECORD")
            .expect("the table's heading");
        assert!(rows[at + 1].starts_with("Month") && rows[at + 1].contains("Your move"));
        for turn in 0..sc.calendar.turns {
            let month = sc.calendar.label(turn);
            let row = rows.iter().find(|r| r.starts_with(&month)).expect(&month);
            let rec = sc.record_move(w, turn).unwrap();
            let name = &sc.mv(rec.mv.unwrap()).name;
            assert!(row.contains(&format!("{name} ({})", rec.when)), "{row}");
        }
        let sep = rows.iter().find(|r| r.starts_with("Sep 2024")).unwrap();
        assert!(sep.contains("(26 Sep 2024)"), "{sep}");
        // The inauguration card's answers, the player's and the record's.
        let all = rows
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let speech = "The inauguration speech: you: \"The US stands for peace\" · the record (20 Jan 2025): Say nothing about Russia";
        assert!(all.contains(speech), "{rows:#?}");
        let dated = rows
            .iter()
            .filter(|r| r.starts_with("15 Aug 2025  "))
            .count();
        assert!(dated >= 1 && rows.iter().any(|r| r == "WHAT HAPPENED"));
    }

    #[test]
    fn moscow_sees_its_own_record_with_its_silent_months_dashed() {
        let sc = Arc::new(Scenario::builtin());
        let m = sc.side_id("moscow").unwrap();
        let game = played_game(&sc, m);
        let words = Words::new(&sc, Theme::new(false, true), Viewer::Side(m));
        let rows = text(&lines(&sc, &game, &words, 77));
        assert!(
            rows.iter()
                .any(|r| r == "MOSCOW'S MONTHS BESIDE THE RECORD")
        );
        assert!(!rows.iter().any(|r| r.starts_with("WASHINGTON'S")));
        let oct = rows.iter().find(|r| r.starts_with("Oct 2024")).unwrap();
        assert!(oct.contains("Beijing"), "Kazan, 22 Oct 2024: {oct}");
        // The same scenario with Moscow's October unrecorded: that month is a dash.
        let builtin = include_str!("../../../assets/scenarios/low-point-2024.toml");
        let entry = "month = \"2024-10\"\nside = \"moscow\"\n";
        let at = builtin.find(entry).expect("Moscow's October entry");
        let end = at + builtin[at..].find("move = \"beijing_ties\"\n").unwrap();
        let silent = format!(
            "{}{}",
            &builtin[..at],
            &builtin[end + "move = \"beijing_ties\"\n".len()..]
        );
        let sc = Arc::new(Scenario::from_toml("silent.toml", &silent).unwrap());
        let game = played_game(&sc, m);
        let words = Words::new(&sc, Theme::new(false, true), Viewer::Side(m));
        let rows = text(&lines(&sc, &game, &words, 77));
        let oct = rows.iter().find(|r| r.starts_with("Oct 2024")).unwrap();
        assert!(oct.trim_end().ends_with('—'), "no record that month: {oct}");
    }

    #[test]
    fn a_scenario_without_a_record_of_moves_shows_no_table() {
        let minimal = include_str!("../../../tests/scenarios/good/minimal.toml");
        let sc = Arc::new(Scenario::from_toml("m.toml", minimal).unwrap());
        let blue = sc.side_id("blue").unwrap();
        let game = played_game(&sc, blue);
        let words = Words::new(&sc, Theme::new(false, true), Viewer::Side(blue));
        let rows = text(&lines(&sc, &game, &words, 77));
        assert_eq!(rows[0], "WHAT HAPPENED", "{rows:#?}");
    }

    /// A game of the longest moves each month: at 77 columns (80 less the end
    /// screen's margins) every move name and every record entry is read whole,
    /// wrapped within its column, never cut.
    #[test]
    fn long_names_wrap_within_their_columns_never_cut() {
        let sc = Arc::new(Scenario::builtin());
        for side in SideId::ALL {
            let mut g = Game::new(sc.clone(), 7, Players::One(side).setup(Difficulty::Normal));
            while !g.state().is_over() {
                let st = *g.state();
                let choice = match st.phase {
                    Phase::Card(_) => Choice::Answer { choice: 0 },
                    _ => Choice::Move {
                        mv: rules::legal_moves(&sc, &st, side)
                            .max_by_key(|m| text::width(&sc.mv(*m).name))
                            .unwrap(),
                    },
                };
                g.play(choice).unwrap();
            }
            let words = Words::new(&sc, Theme::new(false, true), Viewer::Side(side));
            let rows = text(&lines(&sc, &g, &words, 77));
            assert!(rows.iter().all(|r| text::width(r) <= 77), "{rows:#?}");
            let table = rows.iter().take_while(|r| *r != "WHAT HAPPENED");
            assert!(!table.clone().any(|r| r.contains('…')), "{rows:#?}");
            let mine = played(&sc, &g, side);
            for turn in 0..sc.calendar.turns {
                let month = sc.calendar.label(turn);
                let at = rows
                    .iter()
                    .position(|r| r.starts_with(&month))
                    .expect(&month);
                // The month's rows: its own, then those with no month.
                let mut cells = [String::new(), String::new()];
                for r in std::iter::once(&rows[at]).chain(
                    rows[at + 1..]
                        .iter()
                        .take_while(|r| r.starts_with("         │")),
                ) {
                    let parts: Vec<&str> = r.split(" │ ").collect();
                    for (cell, part) in cells.iter_mut().zip(&parts[1..]) {
                        cell.push(' ');
                        cell.push_str(part.trim());
                    }
                }
                let joined = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
                if let Some(mv) = mine[turn as usize] {
                    assert!(joined(&cells[0]).contains(&sc.mv(mv).name), "{cells:?}");
                }
                if let Some((m, when)) = sc
                    .record_move(side, turn)
                    .and_then(|h| h.mv.map(|m| (m, h.when.clone())))
                {
                    let rec = format!("{} ({when})", sc.mv(m).name);
                    assert_eq!(joined(&cells[1]), rec, "{rows:#?}");
                }
            }
        }
    }
}
