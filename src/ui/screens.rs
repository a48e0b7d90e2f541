//! What each screen does with a message: move its own cursor, or return a
//! command for the app. Screens never touch the game.

use crate::game::scenario::MoveId;
use crate::game::{Choice, Difficulty};

use super::app::{App, Command, MenuItem, Msg};
use super::keys::Action;
use super::seats::Players;
use super::hits::{Button, Page, Target, scrolled};

/// Move a cursor over `n` items.
fn step(cursor: &mut usize, n: usize, a: Action) {
    if n == 0 {
        *cursor = 0;
        return;
    }
    *cursor = match a {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (*cursor + 1).min(n - 1),
        Action::First => 0,
        Action::Last => n - 1,
        _ => *cursor,
    }
    .min(n - 1);
}

/// The title screen, whose menu is `menu`; its rows choose the difficulty and the side.
pub fn title(
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
            let next = App::step_difficulty(*difficulty, 1);
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
    };
    match msg {
        Msg::Act(a @ (Action::Up | Action::Down)) => {
            step(cursor, menu.len(), a);
            Command::None
        }
        Msg::Act(a @ (Action::Left | Action::Right)) => {
            let by = if a == Action::Left { -1 } else { 1 };
            match menu[*cursor] {
                MenuItem::Difficulty => *difficulty = App::step_difficulty(*difficulty, by),
                MenuItem::Side => *players = players.step(by),
                _ => {}
            }
            Command::None
        }
        Msg::Act(Action::Confirm) => activate(menu[*cursor]),
        Msg::Act(Action::Pick(0)) => Command::NewGame,
        Msg::Act(Action::Resume) if menu.contains(&MenuItem::Continue) => Command::Resume,
        Msg::Act(Action::Scores) => Command::ShowScores,
        Msg::Click(Target::Menu(i)) if i < menu.len() => {
            *cursor = i;
            activate(menu[i])
        }
        _ => Command::None,
    }
}

/// The hand-over screen of a two-player game: only "I am ready".
pub fn handover(msg: Msg) -> Command {
    match msg {
        Msg::Act(Action::Confirm) | Msg::Click(Target::Button(Button::Ready)) => Command::Ready,
        _ => Command::None,
    }
}

/// The move list: the player's side's moves `ids`, in scenario order.
pub fn moves(cursor: &mut usize, ids: &[MoveId], msg: Msg) -> Command {
    let n = ids.len();
    let play = |i: usize| {
        ids.get(i)
            .map_or(Command::None, |mv| Command::Play(Choice::Move { mv: *mv }))
    };
    match msg {
        Msg::Act(a @ (Action::Up | Action::Down | Action::First | Action::Last)) => {
            step(cursor, n, a);
            Command::None
        }
        Msg::Act(Action::Confirm) => play(*cursor),
        Msg::Act(Action::Report) => Command::ShowLastReport,
        Msg::Act(Action::Undo) => Command::AskUndo,
        Msg::Act(Action::SaveRun) => Command::SaveRun,
        // A first click selects; a click on the selected move plays it.
        Msg::Click(Target::Move(i)) if i == *cursor => play(i),
        Msg::Click(Target::Move(i)) if i < n => {
            *cursor = i;
            Command::None
        }
        Msg::Click(Target::Button(Button::Play)) => play(*cursor),
        _ => Command::None,
    }
}

/// A choice card with `n` answers.
pub fn card(cursor: &mut usize, n: usize, msg: Msg) -> Command {
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

/// A scrolling page (report, end screen) whose main button is `button`.
pub fn scroll_page(scroll: &mut u16, page: Page, msg: Msg, button: Button) -> Command {
    let go = || match button {
        Button::NewGame => Command::ToTitle,
        _ => Command::Continue,
    };
    match msg {
        Msg::Act(Action::Confirm) => go(),
        Msg::Act(Action::SaveRun) => Command::SaveRun,
        Msg::Click(Target::Button(b)) if b == button => go(),
        Msg::Click(Target::Button(Button::Quit)) => Command::Quit,
        Msg::Act(a) => {
            *scroll = scrolled(*scroll, a, page);
            Command::None
        }
        _ => Command::None,
    }
}

/// A replay's game screen or card: only stepping on and reading the report again.
pub fn replay(msg: Msg) -> Command {
    match msg {
        Msg::Act(Action::Step) | Msg::Click(Target::Button(Button::Play | Button::Answer)) => {
            Command::Step
        }
        Msg::Act(Action::Report) => Command::ShowLastReport,
        _ => Command::None,
    }
}

/// The high-score table.
pub fn scores(scroll: &mut u16, page: Page, msg: Msg) -> Command {
    match msg {
        // Back to the title (no game is up, so the screen the game calls for is the title).
        Msg::Act(Action::Back) | Msg::Click(Target::Button(Button::Close)) => Command::Continue,
        Msg::Act(a) => {
            *scroll = scrolled(*scroll, a, page);
            Command::None
        }
        _ => Command::None,
    }
}

/// The list of the `n` turns played: choose one to go back to just before it.
pub fn undo(cursor: &mut usize, n: usize, msg: Msg) -> Command {
    match msg {
        Msg::Act(a @ (Action::Up | Action::Down | Action::First | Action::Last)) => {
            step(cursor, n, a);
            Command::None
        }
        Msg::Act(Action::Confirm) if *cursor < n => Command::UndoTo(*cursor),
        Msg::Click(Target::Turn(i)) if i == *cursor && i < n => Command::UndoTo(i),
        Msg::Click(Target::Turn(i)) if i < n => {
            *cursor = i;
            Command::None
        }
        Msg::Act(Action::Back) | Msg::Click(Target::Button(Button::Close)) => Command::Close,
        Msg::Act(Action::Interrupt) => Command::Quit,
        _ => Command::None,
    }
}
