//! The one way the command line writes: stdout through a buffer, stderr for messages,
//! and what a write error means for the exit status.
//!
//! Rust ignores SIGPIPE, so a reader that goes away (`detente scores | head -1`)
//! shows up as an `EPIPE` error on the next write. That ends the command quietly,
//! as `ls | head` does. Any other write error (`> /dev/full`) is said once on
//! stderr, with exit 2. Nothing here panics, whatever stdout or stderr are.

use std::fmt::Display;
use std::io::{self, BufWriter, ErrorKind, Write};
use std::process::ExitCode;

use crate::text::printable_lines;

/// Why a command's output stopped before it was all written.
#[derive(Debug)]
pub enum Ended {
    /// The reader closed the pipe: nobody wants the rest.
    Closed,
    /// Writing failed for another reason (a full disk, a bad descriptor).
    Failed(io::Error),
}

impl Ended {
    fn of(e: io::Error) -> Ended {
        if e.kind() == ErrorKind::BrokenPipe {
            Ended::Closed
        } else {
            Ended::Failed(e)
        }
    }

    /// The exit status for output that ended early; a failure is said on stderr.
    /// `code` is what the command would have exited with had its output been read.
    #[must_use]
    pub fn exit(self, code: ExitCode) -> ExitCode {
        match self {
            Ended::Closed => code,
            Ended::Failed(e) => {
                error(format_args!("cannot write the output: {e}"));
                ExitCode::from(2)
            }
        }
    }
}

/// A command's standard output. Everything written is passed through
/// [`printable_lines`]: no control character from a file reaches the terminal.
pub struct Output<W: Write = io::Stdout> {
    w: BufWriter<W>,
}

impl Output {
    #[must_use]
    pub fn stdout() -> Output {
        Output::to(io::stdout())
    }
}

impl<W: Write> Output<W> {
    pub fn to(w: W) -> Output<W> {
        Output {
            w: BufWriter::new(w),
        }
    }

    /// Write text as it is (it carries its own line breaks).
    ///
    /// # Errors
    ///
    /// `Ended` when stdout is gone (a closed pipe) or a write fails.
    pub fn text(&mut self, text: &str) -> Result<(), Ended> {
        self.w
            .write_all(printable_lines(text).as_bytes())
            .map_err(Ended::of)
    }

    /// Write one line.
    ///
    /// # Errors
    ///
    /// `Ended` when stdout is gone (a closed pipe) or a write fails.
    pub fn line(&mut self, line: impl Display) -> Result<(), Ended> {
        self.text(&line.to_string())?;
        self.text("\n")
    }

    /// Flush what is buffered: the last chance for a write error to show.
    ///
    /// # Errors
    ///
    /// `Ended` when the flush fails (stdout gone).
    pub fn finish(mut self) -> Result<(), Ended> {
        self.w.flush().map_err(Ended::of)
    }
}

/// Run a command's body against stdout and turn how its output ended into the exit status.
pub fn with_stdout(body: impl FnOnce(&mut Output) -> Result<ExitCode, Ended>) -> ExitCode {
    let mut out = Output::stdout();
    match body(&mut out) {
        Ok(code) => out
            .finish()
            .map_or_else(|ended| ended.exit(code), |()| code),
        // The commands write only on their way to success: a closed pipe ends them with 0.
        Err(ended) => ended.exit(ExitCode::SUCCESS),
    }
}

/// Say something on stderr as `detente: …`, made printable. Best effort: if stderr
/// itself is gone there is nobody to tell, and that is no reason to panic.
pub fn error(message: impl Display) {
    say(format_args!("detente: {message}"));
}

/// Say lines on stderr as they are (made printable): messages that carry their own
/// prefix, such as a scenario's errors, each starting with the file and line.
pub fn say(message: impl Display) {
    let text = message.to_string();
    let _ = writeln!(io::stderr().lock(), "{}", printable_lines(&text));
}

/// Say a message on stderr and return `code`: the usual end of a command that failed.
pub fn fail(message: impl Display, code: u8) -> ExitCode {
    error(message);
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails every write with the given error.
    struct Broken(ErrorKind);

    impl Write for Broken {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(self.0.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(self.0.into())
        }
    }

    #[test]
    fn a_closed_pipe_is_closed_and_anything_else_a_failure() {
        let mut out = Output::to(Broken(ErrorKind::BrokenPipe));
        out.line("x").unwrap(); // buffered
        assert!(matches!(out.finish(), Err(Ended::Closed)));
        let out = Output::to(Broken(ErrorKind::StorageFull));
        let mut out = out;
        out.line("x").unwrap();
        assert!(matches!(out.finish(), Err(Ended::Failed(_))));
    }

    #[test]
    fn control_characters_never_pass() {
        let mut buf = Vec::new();
        let mut out = Output::to(&mut buf);
        out.line("title \u{1b}[2J\u{9b}").unwrap();
        out.text("a\nb\n").unwrap();
        out.finish().unwrap();
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "title \u{FFFD}[2J\u{FFFD}\na\nb\n"
        );
    }
}
