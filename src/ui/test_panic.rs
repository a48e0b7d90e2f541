//! Debug builds only: the end-to-end test of the panic hook (`tests/faults.rs`
//! `a_panic_restores_the_terminal`) sets `DETENTE_TEST_PANIC` to make the first
//! key press panic inside the loop. The terminal's own host knows nothing of it;
//! a release build has none of this.

use std::io;

use ratatui::crossterm::event::Event;

use super::term::Term;
use super::{Host, Input, RoomAsk, Tty, forecaster};

/// The variable that asks for the panic.
const PANIC_ENV: &str = "DETENTE_TEST_PANIC";

/// Whether the test asked for a panic on the first key.
pub fn asked() -> bool {
    std::env::var_os(PANIC_ENV).is_some_and(|v| !v.is_empty())
}

/// The terminal's host, but the first key press panics.
pub struct PanicOnKey<'a>(pub &'a mut Tty);

type B = ratatui::backend::CrosstermBackend<io::Stdout>;

impl Host<B> for PanicOnKey<'_> {
    fn next(&mut self) -> io::Result<Input> {
        let i = self.0.next()?;
        if matches!(i, Input::Event(Event::Key(_))) {
            panic!("{PANIC_ENV} is set: a panic on the first key, as asked");
        }
        Ok(i)
    }
    fn input_waiting(&mut self) -> io::Result<bool> {
        self.0.input_waiting()
    }
    fn waker(&self) -> forecaster::Wake {
        self.0.waker()
    }
    fn begin_frame(&mut self, t: &mut Term) -> io::Result<()> {
        self.0.begin_frame(t)
    }
    fn end_frame(&mut self, t: &mut Term) -> io::Result<()> {
        self.0.end_frame(t)
    }
    fn suspend(&mut self, t: &mut Term) -> io::Result<()> {
        self.0.suspend(t)
    }
    fn resume(&mut self, t: &mut Term) -> io::Result<()> {
        self.0.resume(t)
    }
    fn room(&mut self, ask: RoomAsk) {
        self.0.room(ask);
    }
}
