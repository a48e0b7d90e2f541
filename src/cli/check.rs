//! `detente check-scenario FILE`: compile a scenario file and say what is in it, or what is wrong.

use std::path::Path;
use std::process::ExitCode;

use super::output::{self, Output, with_stdout};
use crate::game::Scenario;
use crate::scenario_file;
use crate::text::printable;

/// Check the file: exit 0 and one line if it is a valid scenario, 2 and every problem if not.
#[must_use]
pub fn run(path: &Path) -> ExitCode {
    match scenario_file::load_path(path) {
        // A label that names an ending the game has not reached misleads the player.
        Ok(sc) if !crate::sim::check::label_problems(&sc).is_empty() => {
            let shown = path.display().to_string();
            let name = printable(&shown);
            for p in crate::sim::check::label_problems(&sc) {
                output::say(format_args!("{name}: {}", printable(&p)));
            }
            ExitCode::from(2)
        }
        // A scenario that compiles is also played: a panic, a game that does not end
        // or a meter out of range in a few hundred games is an error too.
        Ok(sc) => match crate::sim::check::verdict(&sc) {
            Ok(()) => with_stdout(|out| {
                summary(out, path, &sc)?;
                Ok(ExitCode::SUCCESS)
            }),
            Err(e) => {
                output::say(format_args!(
                    "{}: {}",
                    printable(&path.display().to_string()),
                    e.trim_end()
                ));
                ExitCode::from(2)
            }
        },
        Err(errors) => {
            output::say(&errors);
            output::say(format_args!(
                "{}: {} problem(s) found",
                printable(&path.display().to_string()),
                errors.0.len()
            ));
            ExitCode::from(2)
        }
    }
}

/// The one line for a valid scenario; its title is the file's text, so made printable.
fn summary(out: &mut Output, path: &Path, sc: &Scenario) -> Result<(), output::Ended> {
    out.line(format_args!(
        "{}: ok — \"{}\": {} meters, {} moves, {} events, {} endings, {} turns",
        printable(&path.display().to_string()),
        printable(&sc.title),
        sc.meters.len(),
        sc.moves.len(),
        sc.events.len(),
        sc.endings.len(),
        sc.calendar.turns
    ))
}
