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
use crate::ui::words::{Viewer, Words, at_answer};

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
    use std::fmt::Write as _;
    let mine = || sc.endings.iter().filter(|e| e.side == us);
    let mut s = String::new();
    if let Some(best) = mine()
        .filter(|e| e.good && e.check == EndingCheck::Deadline)
        .max_by(|a, b| a.bonus.total_cmp(&b.bonus))
    {
        let _ = write!(
            s,
            "Reach {} by {}: {}. ",
            best.title,
            sc.deadline,
            w.reached(best)
        );
    }
    let early = |good: bool| -> Vec<String> {
        mine()
            .filter(|e| e.check == EndingCheck::Always && e.good == good)
            .map(|e| format!("{} ({})", e.title, w.reached(e)))
            .collect()
    };
    let (win, avoid) = (early(true), early(false));
    if !win.is_empty() {
        let _ = write!(s, "Or win early: {}. ", win.join(", "));
    }
    if !avoid.is_empty() {
        let _ = write!(s, "Avoid: {}. ", avoid.join(", "));
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

/// The story being told: what it is told from, to whom, and the lines so far.
struct Teller<'a> {
    sc: &'a Scenario,
    t: &'a Theme,
    page: &'a ReportPage,
    viewer: Viewer,
    width: u16,
    /// The difficulty's index: the computer's lean at that level explains its answers.
    level: usize,
    w: Words<'a>,
    out: Vec<Line<'static>>,
    /// The month whose news heading is still to be written.
    news_month: Option<u8>,
    /// Both players: the moves are told together, one line each, under one heading.
    moves_told: bool,
    moves_open: bool,
}

impl Teller<'_> {
    /// A paragraph, wrapped with a hanging indent.
    fn para(&mut self, l: Line<'static>) {
        self.out.extend(text::wrap(l, self.width, 2));
    }

    fn blank(&mut self) {
        self.out.push(Line::from(""));
    }

    /// A note's words (every note the story tells has some).
    fn words(&self, n: Note) -> String {
        self.w.note(n).unwrap_or_default()
    }

    /// Whether `side`'s answer this month was a hostile move.
    fn answered_hard(&self, side: SideId) -> bool {
        self.page.report.notes.iter().any(|n| {
            matches!(n, Note::Moved { side: s, mv, .. } if *s == side && self.sc.mv(*mv).stance < 0)
        })
    }

    /// The opening report's goals: the player's, or both players'.
    fn goals(&mut self) {
        let (sc, t, width) = (self.sc, self.t, self.width);
        let help = "Press ? at any time for how to play.";
        match self.viewer {
            Viewer::Side(us) => {
                self.out.push(heading(t, "Your goal"));
                let g = format!("{}{help}", goal(sc, &self.w, us));
                self.out.extend(text::wrap(Line::from(g), width, 0));
            }
            Viewer::Both => {
                self.out.push(heading(t, "Your goals"));
                for (id, side) in SideId::ALL.into_iter().zip(&sc.sides) {
                    let g = Line::from(vec![
                        Span::styled(format!("{}: ", side.name), t.bold()),
                        Span::raw(goal(sc, &self.w, id)),
                    ]);
                    self.out.extend(text::wrap(g, width, 2));
                }
                self.out.extend(text::wrap(Line::from(help), width, 0));
            }
        }
        self.blank();
    }

    /// Both players: one line per move under one heading.
    fn revealed_move(&mut self, n: Note, success: Option<bool>) {
        if !self.moves_told {
            self.out
                .push(heading(self.t, "The moves, revealed together"));
            self.moves_told = true;
        }
        let l = Line::from(vec![Span::raw(self.words(n)), worked(self.t, success)]);
        self.para(l);
        self.moves_open = true;
    }

    /// The player's own move, how it went, and the odds it had: the rules'
    /// one chance, as the list showed it before the move (the share of the
    /// advisor's plays in which it failed only comes near it, and read as a
    /// second, different chance).
    fn your_move(&mut self, n: Note, success: Option<bool>) {
        let t = self.t;
        self.out.push(heading(t, "Your move"));
        let odds = match (success, self.page.odds) {
            (Some(_), Some(p)) => {
                Span::styled(format!(" (The odds it would work were {p}%.)"), t.dim())
            }
            _ => Span::raw(""),
        };
        let l = Line::from(vec![Span::raw(self.words(n)), worked(t, success), odds]);
        self.para(l);
        self.blank();
    }

    /// The other side's move, with the advisor's odds of a hostile answer.
    fn their_move(&mut self, n: Note, mv: crate::game::scenario::MoveId) {
        let mut line = vec![Span::raw(self.words(n))];
        if let Some(f) = &self.page.forecast {
            let hostile = self.sc.mv(mv).stance < 0;
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
                self.t.dim(),
            ));
        }
        self.para(Line::from(line));
        self.blank();
    }

    /// An event of the month, under the month's news heading when it is the first.
    fn event(&mut self, event: crate::game::scenario::EventId) {
        let (sc, t) = (self.sc, self.t);
        if let Some(m) = self.news_month.take() {
            self.out
                .push(heading(t, &format!("News, {}", sc.calendar.label(m))));
        } else if self.out.last().is_some_and(|l| l.width() > 0) {
            // Each item of news stands apart: after the other side's answer
            // to the card before (which ends without a blank row), one is added.
            self.blank();
        }
        let ev = sc.event(event);
        self.para(Line::from(Span::styled(ev.title.clone(), t.bold())));
        let text = self.w.card_text(ev).to_string();
        self.para(Line::from(Span::styled(text, t.quote())));
        self.para(Line::from(Span::styled(
            format!("{} {}", t.g.dash, ev.source),
            t.dim(),
        )));
        self.blank();
    }

    /// One note, in its place in the story.
    fn tell(&mut self, n: Note) {
        let t = self.t;
        if self.moves_open
            && !matches!(
                n,
                Note::Moved { .. } | Note::Treaty { .. } | Note::Repeated { .. }
            )
        {
            self.blank();
            self.moves_open = false;
        }
        match n {
            Note::Moved { success, .. } if self.viewer == Viewer::Both => {
                self.revealed_move(n, success);
            }
            Note::Moved { side, success, .. } if self.w.is_you(side) => self.your_move(n, success),
            Note::Reading {
                side, perceived, ..
            } => {
                self.out
                    .push(heading(t, &format!("{}'s answer", self.w.them())));
                let said = if perceived > 0 && self.answered_hard(side) {
                    let m = at_answer(&self.page.report, &self.page.after, side);
                    self.w.hard_answer(side, self.level, &m)
                } else {
                    self.words(n)
                };
                self.para(Line::from(Span::styled(said, t.bold())));
            }
            Note::Moved { mv, .. } => self.their_move(n, mv),
            Note::Answered { side, .. } if self.w.is_you(side) => {
                self.out.push(heading(t, "Your answer"));
                self.para(Line::from(self.words(n)));
                self.blank();
            }
            Note::Answered { .. } => self.para(Line::from(self.words(n))),
            Note::Month { turn } => self.news_month = Some(turn),
            Note::Event { event } => self.event(event),
            Note::CardPending { .. } => {
                let l = format!("{} {}", t.g.pointer, self.words(n));
                self.para(Line::from(Span::styled(l, t.bold())));
                self.blank();
            }
            Note::Repeated { .. } => self.para(Line::from(Span::styled(self.words(n), t.dim()))),
            Note::Treaty { .. } => self.para(Line::from(Span::styled(self.words(n), t.bold()))),
            Note::Rung { from, to } => {
                let style = if to > from { t.bad() } else { t.good() };
                let l = format!(
                    "{} {}",
                    t.arrow(i32::from(to) - i32::from(from)),
                    self.words(n)
                );
                self.para(Line::from(Span::styled(l, style.patch(t.bold()))));
            }
            Note::Warning { .. } => {
                let l = format!("{} {}", t.g.warn, self.words(n));
                self.para(Line::from(Span::styled(l, t.warning())));
            }
            Note::Ended { .. } => {
                if self.out.last().is_some_and(|l| l.width() > 0) {
                    self.blank();
                }
                self.para(Line::from(Span::styled(self.words(n), t.warning())));
            }
        }
    }

    /// Close the story: the moves' blank row, a month without news, one blank row.
    fn finish(mut self) -> Vec<Line<'static>> {
        if self.moves_open {
            self.blank();
        }
        if let Some(m) = self.news_month {
            let t = self.t;
            self.out
                .push(heading(t, &format!("News, {}", self.sc.calendar.label(m))));
            self.out
                .push(Line::from(Span::styled("No news this month.", t.dim())));
        }
        // One blank row before whatever follows.
        if self.out.last().is_some_and(|l| l.width() > 0) {
            self.blank();
        }
        self.out
    }
}

/// The story of the report: moves, readings, treaties, the ladder, news.
pub fn story(
    sc: &Scenario,
    t: &Theme,
    page: &ReportPage,
    viewer: Viewer,
    width: u16,
    level: usize,
) -> Vec<Line<'static>> {
    let mut teller = Teller {
        sc,
        t,
        page,
        viewer,
        width,
        level,
        w: Words::new(sc, *t, viewer).with_wording(page.wording),
        out: Vec::new(),
        news_month: None,
        moves_told: false,
        moves_open: false,
    };
    if page.kind == ReportKind::Opening {
        teller.goals();
    }
    for n in in_story_order(&page.report.notes) {
        teller.tell(n);
    }
    teller.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::Choice;
    use crate::game::forecast::forecast;

    /// Play-test: the list showed "✓46%" and the report "It failed in 57% of
    /// the advisor's plays", two figures for one chance. The report quotes the
    /// odds the list showed, and no share of samples.
    #[test]
    fn the_report_quotes_the_odds_the_list_showed() {
        let g = crate::store::played_game(3, 1, "arms_talks");
        let sc = g.scenario();
        let turn = g.turns().first().expect("a month was played");
        let mv = sc.move_id("arms_talks").unwrap();
        let mut f = forecast(sc, g.state(), Choice::Move { mv }, 100, 1);
        f.failure = Some(0.52);
        let page = ReportPage {
            forecast: Some(Box::new(f)),
            odds: Some(46),
            ..ReportPage::new(
                ReportKind::Month { turn: 0 },
                turn.report.clone(),
                g.state().meters,
                0,
            )
        };
        let t = Theme::new(false, true);
        let lines = story(sc, &t, &page, Viewer::Side(sc.default_player), 500, 1);
        let text: String = lines
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
            .collect();
        assert!(
            text.contains("(The odds it would work were 46%.)"),
            "{text}"
        );
        assert!(!text.contains("52%"), "{text}");
        assert!(!text.contains("advisor's plays"), "{text}");
    }

    /// Play-test: the other side's answer to a card ran straight into the
    /// next item of news ("loaded gun on the table." then "Rewriting the
    /// plan"); each item stands apart, and the card read by the side it does
    /// not ask has no closing question.
    #[test]
    fn the_other_sides_answer_is_set_apart_from_the_next_news() {
        use crate::game::report::{Note, TurnReport};
        let g = crate::store::played_game(3, 1, "arms_talks");
        let sc = g.scenario();
        let card = |id: &str| sc.event_id(id).expect("the card");
        let (asked, next) = (card("limits_reply"), card("limits_offer"));
        let washington = sc.default_player;
        let report = TurnReport {
            notes: vec![
                Note::Month { turn: 1 },
                Note::Event { event: asked },
                Note::Answered {
                    event: asked,
                    choice: 0,
                    side: washington,
                },
                Note::Event { event: next },
            ],
            ..TurnReport::default()
        };
        let page = ReportPage::new(ReportKind::Month { turn: 0 }, report, g.state().meters, 0);
        let t = Theme::new(false, true);
        let moscow = sc.side_id("moscow").unwrap();
        let lines: Vec<String> = story(sc, &t, &page, Viewer::Side(moscow), 500, 1)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.to_string()).collect())
            .collect();
        let title = &sc.event(next).title;
        let at = lines
            .iter()
            .position(|l| l == title)
            .expect("the next card's title");
        assert_eq!(lines[at - 1], "", "{lines:#?}");
        assert!(
            lines[at - 2].starts_with("Washington answered"),
            "{lines:#?}"
        );
        let all = lines.join("\n");
        assert!(!all.contains("How do you answer?"), "{all}");
    }
}
