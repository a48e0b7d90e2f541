//! The UI without a terminal: the real event loop (`ui::drive`) on a ratatui
//! `TestBackend`, fed by a script that reads each frame as a player would — no
//! pty, no tty, the advisor on its own thread as in play. This is the seam a
//! network front end (one app per connection) builds on.

use std::io;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use detente::game::Scenario;
use detente::ui::{self, App, Host, Input, Options, Players};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// A player made of code: it looks at every frame and presses a key.
struct Script {
    woken: Receiver<()>,
    wake: Sender<()>,
    /// The last frame, as text.
    screen: String,
    presses: usize,
    /// Frames that showed the advisor still at work.
    forecasting_seen: usize,
}

impl Script {
    fn new() -> Script {
        let (wake, woken) = mpsc::channel();
        Script {
            woken,
            wake,
            screen: String::new(),
            presses: 0,
            forecasting_seen: 0,
        }
    }

    fn key(code: KeyCode) -> Input {
        Input::Event(ui::key(code, KeyModifiers::NONE))
    }
}

impl Host<TestBackend> for Script {
    fn next(&mut self) -> io::Result<Input> {
        if self.woken.try_recv().is_ok() {
            return Ok(Input::Woken);
        }
        if self.screen.contains("forecasting…") {
            // Wait for the advisor as a patient player would (the loop must be woken).
            self.forecasting_seen += 1;
            self.woken
                .recv_timeout(Duration::from_secs(60))
                .expect("the advisor's result wakes the loop");
            return Ok(Input::Woken);
        }
        if self.screen.contains("GAME OVER") {
            return Ok(Script::key(KeyCode::Char('q')));
        }
        self.presses += 1;
        assert!(self.presses < 600, "no ending:\n{}", self.screen);
        if self.presses == 1 {
            return Ok(Script::key(KeyCode::Char('n'))); // the title: a new game
        }
        // Vary the moves a little: down now and then, else Enter.
        Ok(Script::key(if self.presses.is_multiple_of(4) {
            KeyCode::Down
        } else {
            KeyCode::Enter
        }))
    }

    fn waker(&self) -> Box<dyn Fn() + Send> {
        let wake = self.wake.clone();
        Box::new(move || {
            let _ = wake.send(());
        })
    }

    fn end_frame(&mut self, t: &mut Terminal<TestBackend>) -> io::Result<()> {
        let buf = t.backend().buffer();
        self.screen = buf
            .content()
            .chunks(buf.area.width as usize)
            .map(|row| {
                row.iter()
                    .map(ratatui::buffer::Cell::symbol)
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n");
        Ok(())
    }
}

#[test]
fn a_whole_game_through_the_loop_on_a_test_backend() {
    let sc = Scenario::builtin();
    let options = Options::seeded(7, Players::usual(&sc));
    let mut app = App::new(sc, options);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut script = Script::new();
    ui::drive(&mut terminal, &mut script, &mut app).expect("the loop ends cleanly");
    let g = app.game().expect("a game was played");
    assert!(g.state().is_over(), "the game ended:\n{}", script.screen);
    assert!(g.turns().len() >= 10, "{} turns", g.turns().len());
    assert!(app.should_quit());
    // Every month's screen came up before its forecast, and the forecast came.
    assert!(script.forecasting_seen > 0);
}
