//! The title screen: the scenario's title and summary, the menu, the seed.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use crate::ui::keys::{Action, EVERYWHERE, Scope, first_key};
use crate::ui::msg::MenuItem;
use crate::ui::room::{RoomScreen, RoomsHere};
use crate::ui::screen::{Command, Cx, Look, Screen, ScreenView};
use crate::ui::seats::Players;
use crate::ui::text;
use crate::ui::world::World;

use super::Hits;
use super::panels::put;
use super::step;
use super::{Target, key_line, updown};
use crate::game::Difficulty;
use crate::ui::msg::Msg;

/// The widest the title screen's text gets, for easy reading.
const COLUMN: u16 = 76;

/// A menu row's words: "Continue  Sep 2024, month 3 of 18, seed 7", "Difficulty ◂ hard ▸".
fn menu_label(app: &World, item: MenuItem) -> String {
    let (t, sc) = (app.theme, &app.scenario);
    match item {
        MenuItem::Continue => match app.resumable.as_deref() {
            Some(r) => {
                let g = &r.game;
                let who = match Players::of(g.setup()) {
                    Players::One(s) if s == g.scenario().default_player => String::new(),
                    Players::One(s) => format!(", as {}", g.scenario().side(s).name),
                    Players::Two => ", two players".to_string(),
                };
                // A game that ended before its end screen was seen (the autosave
                // keeps it for that): it has no month left to continue.
                if g.state().is_over() {
                    return format!("See the ending  {}{who}", app.seed_label(g.seed()));
                }
                format!(
                    "Continue  {}, month {} of {}, {}{who}",
                    g.scenario().calendar.label(g.state().turn),
                    g.state().turn + 1,
                    g.scenario().calendar.turns,
                    app.seed_label(g.seed())
                )
            }
            None => "Continue".to_string(),
        },
        MenuItem::NewGame => "New game".to_string(),
        MenuItem::HighScores => "High scores".to_string(),
        MenuItem::HowToPlay => "How to play".to_string(),
        MenuItem::Side => {
            format!(
                "Side        {} {} {}",
                t.g.left,
                app.options.players.name(sc),
                t.g.right
            )
        }
        MenuItem::Difficulty => {
            format!(
                "Difficulty  {} {} {}",
                t.g.left,
                app.options.difficulty.name(),
                t.g.right
            )
        }
        MenuItem::Quit => "Quit".to_string(),
        MenuItem::PlayFriend => "Play a friend".to_string(),
        MenuItem::JoinFriend => "Join a friend".to_string(),
        MenuItem::Rejoin => "Rejoin your game with a friend".to_string(),
    }
}

/// The title screen: the game's name and scenario, the menu, the seed, the footer.
pub fn draw(
    app: &World,
    menu: &[MenuItem],
    hits: &mut Hits,
    buf: &mut Buffer,
    area: Rect,
    cursor: usize,
) {
    let w = COLUMN.min(area.width - 4);
    let col = Rect::new(area.x + (area.width - w) / 2, area.y, w, area.height - 1);
    let mut lines = heading(app, w);
    let menu_top = text::cols(lines.len());
    lines.extend(menu_lines(app, menu, cursor));
    lines.push(Line::from(""));
    lines.extend(seed_and_source(app, w));

    // Drop blank rows from the top if the summary runs long, so the menu stays on screen.
    let mut skip = 0usize;
    while lines.len() - skip > col.height as usize && skip < 1 {
        skip += 1;
    }
    for (i, l) in lines
        .iter()
        .skip(skip)
        .take(col.height as usize)
        .enumerate()
    {
        put(buf, col, text::cols(i), l.clone());
    }
    for i in 0..text::cols(menu.len()) {
        let y = (menu_top + i)
            .checked_sub(text::cols(skip))
            .filter(|y| *y < col.height);
        if let Some(y) = y {
            hits.push(
                Rect::new(col.x, col.y + y, 40.min(col.width), 1),
                Target::Menu(i as usize),
            );
        }
    }
    put(
        buf,
        area,
        area.height - 1,
        footer(app).alignment(Alignment::Center),
    );
}

/// The game's name, what it is about and the scenario's summary, `w` columns wide.
fn heading(app: &World, w: u16) -> Vec<Line<'static>> {
    let t = app.theme;
    let sc = &app.scenario;
    let cal = &sc.calendar;
    let span_of_game = format!(
        "{} and {}, {} {} {}: a turn-based game of diplomacy",
        sc.sides[0].name,
        sc.sides[1].name,
        cal.label(0),
        t.g.dash,
        cal.label(cal.turns.saturating_sub(1))
    );
    let mut lines: Vec<Line> = vec![
        Line::from(""),
        Line::from(Span::styled(
            if t.ascii {
                "D E T E N T E"
            } else {
                "D É T E N T E"
            },
            t.heading(),
        ))
        .alignment(Alignment::Center),
    ];
    lines.extend(text::wrap(
        Line::from(Span::styled(span_of_game, t.dim())).alignment(Alignment::Center),
        w,
        0,
    ));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(sc.title.clone(), t.bold())));
    lines.extend(text::wrap(Line::from(sc.summary.clone()), w, 0));
    lines.push(Line::from(""));
    lines
}

/// One row per menu item, the one at `cursor` pointed at.
fn menu_lines(app: &World, menu: &[MenuItem], cursor: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let mut lines = Vec::with_capacity(menu.len());
    for (i, item) in menu.iter().enumerate() {
        let label = menu_label(app, *item);
        let selected = i == cursor;
        let pointer = if selected { t.g.pointer } else { " " };
        let style = if selected { t.selected() } else { t.bold() };
        lines.push(Line::from(vec![
            Span::raw(format!("    {pointer} ")),
            Span::styled(format!(" {label} "), style),
        ]));
    }
    lines
}

/// The seed (and where it came from) and the scenario's source, `w` columns wide.
fn seed_and_source(app: &World, w: u16) -> Vec<Line<'static>> {
    let t = app.theme;
    let seed_note = match &app.daily {
        Some(date) => format!("daily {date}"),
        None if app.options.seed_given => "as given".to_string(),
        None => "drawn at random".to_string(),
    };
    let mut lines = text::wrap(
        Line::from(vec![
            Span::styled(format!("Seed {} ", app.options.seed), t.bold()),
            Span::styled(
                format!("({seed_note}): the same seed and the same moves give the same game."),
                t.dim(),
            ),
        ]),
        w,
        0,
    );
    let source = format!(
        "Grounded in a news report ({}). Quotes are their speakers' claims, not the game's verdict. A game, not a forecast.",
        app.scenario.source
    );
    lines.extend(text::wrap(Line::from(Span::styled(source, t.dim())), w, 0));
    lines
}

/// The keys of the title screen, from the key table.
fn footer(app: &World) -> Line<'static> {
    let t = app.theme;
    let a = t.ascii;
    key_line(
        &t,
        &[
            (&updown(&KEYS, a), "choose"),
            (&first_key(&KEYS, Action::Confirm, a), "select"),
            (
                &format!(
                    "{}{}",
                    first_key(&KEYS, Action::Left, a),
                    first_key(&KEYS, Action::Right, a)
                ),
                "side, difficulty",
            ),
            (&first_key(&EVERYWHERE, Action::Help, a), "help"),
            (&first_key(&EVERYWHERE, Action::Quit, a), "quit"),
        ],
    )
}

/// The title screen, whose menu is `menu`; its rows choose the difficulty and the side.
pub fn update(
    cursor: &mut usize,
    menu: &[MenuItem],
    (difficulty, players): (&mut Difficulty, &mut Players),
    msg: Msg,
) -> Command {
    *cursor = (*cursor).min(menu.len().saturating_sub(1));
    let mut activate = |item: MenuItem| match item {
        MenuItem::Continue => Command::Resume,
        MenuItem::NewGame => Command::NewGame,
        MenuItem::HighScores => Command::ShowScores,
        MenuItem::HowToPlay => Command::Help,
        MenuItem::Difficulty => {
            // Enter and clicks cycle through the levels.
            let next = step_difficulty(*difficulty, 1);
            *difficulty = if next == *difficulty {
                Difficulty::ALL[0]
            } else {
                next
            };
            Command::None
        }
        MenuItem::Side => {
            *players = players.cycle();
            Command::None
        }
        MenuItem::Quit => Command::Quit,
        MenuItem::PlayFriend => open(RoomScreen::PickSide { cursor: 0 }),
        MenuItem::JoinFriend => open(RoomScreen::Code {
            typed: String::new(),
        }),
        MenuItem::Rejoin => Command::Rejoin,
    };
    match msg {
        Msg::Act(a @ (Action::Up | Action::Down)) => {
            step(cursor, menu.len(), a);
            Command::None
        }
        Msg::Act(a @ (Action::Left | Action::Right)) => {
            let by = if a == Action::Left { -1 } else { 1 };
            match menu[*cursor] {
                MenuItem::Difficulty => *difficulty = step_difficulty(*difficulty, by),
                MenuItem::Side => *players = players.step(by),
                _ => {}
            }
            Command::None
        }
        Msg::Act(Action::Confirm) => activate(menu[*cursor]),
        Msg::Act(Action::NewGame) => Command::NewGame,
        Msg::Act(Action::Resume) if menu.contains(&MenuItem::Continue) => Command::Resume,
        Msg::Act(Action::Scores) => Command::ShowScores,
        Msg::Click(Target::Menu(i)) if i < menu.len() => {
            *cursor = i;
            activate(menu[i])
        }
        _ => Command::None,
    }
}

/// Put a room screen up.
fn open(room: RoomScreen) -> Command {
    Command::Open(Box::new(Screen::Room(room)))
}

/// Step the difficulty one level easier (-1) or harder (+1).
pub fn step_difficulty(d: Difficulty, step: i32) -> Difficulty {
    let i = (d.index() as i32 + step).clamp(0, Difficulty::ALL.len() as i32 - 1);
    Difficulty::ALL[i as usize]
}

/// The title screen's state: the menu row selected.
#[derive(Clone, Copy, Debug, Default)]
pub struct Title {
    pub cursor: usize,
}

impl ScreenView for Title {
    fn draw(&self, look: &Look, hits: &mut Hits, buf: &mut Buffer, area: Rect) {
        let items = menu(look.world, look.rooms);
        draw(look.world, &items, hits, buf, area, self.cursor);
    }

    fn update(&mut self, cx: &mut Cx, msg: Msg) -> Command {
        let items = menu(cx.world, cx.rooms);
        let o = &mut cx.world.options;
        update(
            &mut self.cursor,
            &items,
            (&mut o.difficulty, &mut o.players),
            msg,
        )
    }

    fn scope(&self, _: &World) -> Scope {
        &KEYS
    }

    fn keys() -> Vec<Scope> {
        vec![&KEYS]
    }

    fn in_game(&self) -> bool {
        false
    }
}

/// The title's menu: the world's, with the room items under the server.
#[must_use]
pub fn menu(world: &World, rooms: Option<&RoomsHere>) -> Vec<MenuItem> {
    let mut items = world.menu();
    if let Some(r) = rooms {
        let at = items
            .iter()
            .position(|i| *i == MenuItem::NewGame)
            .map_or(0, |i| i + 1);
        let mut more = vec![MenuItem::PlayFriend, MenuItem::JoinFriend];
        if r.rejoin.is_some() {
            more.insert(0, MenuItem::Rejoin);
        }
        items.splice(at..at, more);
    }
    items
}

/// Its keys, the help's section "Title screen".
#[rustfmt::skip]
pub static KEYS: crate::ui::keys::Keys = {
    use crate::ui::keys::{Action, Keys, UP, DOWN, ENTER, b, c, k};
    use ratatui::crossterm::event::KeyCode;
    Keys {
        heading: "Title screen",
        place: 10,
        dialog: false,
        bindings: &[
            b(UP, Action::Up, "previous item"),
            b(DOWN, Action::Down, "next item"),
            b(&[k(KeyCode::Left), c('h')], Action::Left, "previous side, or easier (on the side and difficulty lines)"),
            b(&[k(KeyCode::Right), c('l')], Action::Right, "next side, or harder (on the side and difficulty lines)"),
            b(ENTER, Action::Confirm, "choose the item"),
            b(&[c('n')], Action::NewGame, "start a new game"),
            b(&[c('c')], Action::Resume, "continue the saved game"),
            b(&[c('s')], Action::Scores, "high scores"),
        ],
    }
};
