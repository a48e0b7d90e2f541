//! A client's keystrokes arrive as bytes, not from a tty: termina's parser (the one
//! crossterm uses for a tty, exposed for other sources) turns them into events, and
//! this file turns those into the crossterm events the UI reads. A paste, however
//! large, never becomes keys: it is parsed whole and dropped.

use ratatui::crossterm::event as ct;
use termina::event as tm;

/// Bytes buffered without a complete event beyond this are an endless paste (or
/// garbage): they are dropped, and so is everything up to the paste's end marker.
const MAX_PENDING: usize = 64 * 1024;

/// The end of a bracketed paste.
const PASTE_END: &[u8] = b"\x1b[201~";

/// Bytes in, key and mouse events out.
#[derive(Default)]
pub struct Decoder {
    parser: termina::Parser,
    /// Bytes given to the parser since it last produced an event.
    pending: usize,
    /// Dropping an oversized paste: the last bytes seen, to find its end marker
    /// even when it is split between two reads.
    skipping: Option<Vec<u8>>,
}

impl Decoder {
    /// The events these bytes complete (bytes of an unfinished sequence wait for the rest).
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<ct::Event>) {
        let bytes = if self.skipping.is_some() {
            match self.skip_paste(bytes) {
                Some(rest) => rest,
                None => return,
            }
        } else {
            bytes
        };
        self.parser.parse(bytes, false);
        self.pending += bytes.len();
        while let Some(e) = self.parser.pop() {
            self.pending = 0;
            if let Some(e) = convert(e) {
                out.push(e);
            }
        }
        if self.pending > MAX_PENDING {
            // Only a paste is held this long by the parser: drop it and its tail.
            self.parser = termina::Parser::default();
            self.pending = 0;
            self.skipping = Some(Vec::new());
        }
    }

    /// While an oversized paste is being dropped: `None` if these bytes are all part
    /// of it, else what follows its end marker.
    fn skip_paste<'a>(&mut self, bytes: &'a [u8]) -> Option<&'a [u8]> {
        let tail = self.skipping.as_mut()?;
        let kept = tail.len();
        tail.extend_from_slice(bytes);
        if let Some(at) = find(tail, PASTE_END) {
            // The marker is longer than the tail kept, so it ends inside `bytes`.
            let end = at + PASTE_END.len() - kept;
            self.skipping = None;
            return Some(&bytes[end..]);
        }
        let from = tail.len().saturating_sub(PASTE_END.len() - 1);
        tail.drain(..from);
        None
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A termina event as crossterm's; `None` for what the game has no use for (pastes,
/// focus, terminal replies).
fn convert(e: tm::Event) -> Option<ct::Event> {
    match e {
        tm::Event::Key(k) => Some(ct::Event::Key(ct::KeyEvent {
            code: key_code(k.code)?,
            modifiers: modifiers(k.modifiers),
            kind: match k.kind {
                tm::KeyEventKind::Press => ct::KeyEventKind::Press,
                tm::KeyEventKind::Release => ct::KeyEventKind::Release,
                tm::KeyEventKind::Repeat => ct::KeyEventKind::Repeat,
            },
            state: ct::KeyEventState::NONE,
        })),
        tm::Event::Mouse(m) => Some(ct::Event::Mouse(ct::MouseEvent {
            kind: mouse_kind(m.kind),
            column: m.column,
            row: m.row,
            modifiers: modifiers(m.modifiers),
        })),
        _ => None,
    }
}

fn key_code(c: tm::KeyCode) -> Option<ct::KeyCode> {
    use ct::KeyCode as K;
    Some(match c {
        tm::KeyCode::Char(c) => K::Char(c),
        tm::KeyCode::Enter => K::Enter,
        tm::KeyCode::Backspace => K::Backspace,
        tm::KeyCode::Tab => K::Tab,
        tm::KeyCode::BackTab => K::BackTab,
        tm::KeyCode::Escape => K::Esc,
        tm::KeyCode::Left => K::Left,
        tm::KeyCode::Right => K::Right,
        tm::KeyCode::Up => K::Up,
        tm::KeyCode::Down => K::Down,
        tm::KeyCode::Home => K::Home,
        tm::KeyCode::End => K::End,
        tm::KeyCode::PageUp => K::PageUp,
        tm::KeyCode::PageDown => K::PageDown,
        tm::KeyCode::Insert => K::Insert,
        tm::KeyCode::Delete => K::Delete,
        tm::KeyCode::Function(n) => K::F(n),
        tm::KeyCode::Null => K::Null,
        _ => return None,
    })
}

fn modifiers(m: tm::Modifiers) -> ct::KeyModifiers {
    let mut out = ct::KeyModifiers::NONE;
    for (from, to) in [
        (tm::Modifiers::SHIFT, ct::KeyModifiers::SHIFT),
        (tm::Modifiers::CONTROL, ct::KeyModifiers::CONTROL),
        (tm::Modifiers::ALT, ct::KeyModifiers::ALT),
        (tm::Modifiers::SUPER, ct::KeyModifiers::SUPER),
    ] {
        if m.contains(from) {
            out |= to;
        }
    }
    out
}

fn mouse_kind(k: tm::MouseEventKind) -> ct::MouseEventKind {
    let button = |b| match b {
        tm::MouseButton::Left => ct::MouseButton::Left,
        tm::MouseButton::Right => ct::MouseButton::Right,
        tm::MouseButton::Middle => ct::MouseButton::Middle,
    };
    match k {
        tm::MouseEventKind::Down(b) => ct::MouseEventKind::Down(button(b)),
        tm::MouseEventKind::Up(b) => ct::MouseEventKind::Up(button(b)),
        tm::MouseEventKind::Drag(b) => ct::MouseEventKind::Drag(button(b)),
        tm::MouseEventKind::Moved => ct::MouseEventKind::Moved,
        tm::MouseEventKind::ScrollDown => ct::MouseEventKind::ScrollDown,
        tm::MouseEventKind::ScrollUp => ct::MouseEventKind::ScrollUp,
        tm::MouseEventKind::ScrollLeft => ct::MouseEventKind::ScrollLeft,
        tm::MouseEventKind::ScrollRight => ct::MouseEventKind::ScrollRight,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ct::{KeyCode, KeyModifiers};

    fn keys(d: &mut Decoder, bytes: &[u8]) -> Vec<KeyCode> {
        let mut out = Vec::new();
        d.feed(bytes, &mut out);
        out.into_iter()
            .filter_map(|e| match e {
                ct::Event::Key(k) => Some(k.code),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn keys_arrows_and_a_lone_escape() {
        let mut d = Decoder::default();
        assert_eq!(keys(&mut d, b"n\r"), [KeyCode::Char('n'), KeyCode::Enter]);
        assert_eq!(keys(&mut d, b"\x1b[A\x1b[B"), [KeyCode::Up, KeyCode::Down]);
        assert_eq!(keys(&mut d, b"\x1b"), [KeyCode::Esc]);
        // A sequence split between two reads is put together.
        assert_eq!(keys(&mut d, b"\x1b["), []);
        assert_eq!(keys(&mut d, b"B"), [KeyCode::Down]);
        let mut out = Vec::new();
        d.feed(b"\x03", &mut out);
        let ct::Event::Key(k) = out[0] else { panic!() };
        assert_eq!(
            (k.code, k.modifiers),
            (KeyCode::Char('c'), KeyModifiers::CONTROL)
        );
    }

    #[test]
    fn a_paste_is_never_typed_even_split_or_huge() {
        let mut d = Decoder::default();
        assert_eq!(keys(&mut d, b"\x1b[200~qy\rqy"), []);
        assert_eq!(keys(&mut d, b"\r\x1b[201~"), []);
        assert_eq!(keys(&mut d, b"n"), [KeyCode::Char('n')]);
        // Larger than the parser may hold: dropped to its end, then keys again.
        assert_eq!(keys(&mut d, b"\x1b[200~"), []);
        let chunk = vec![b'q'; 4096];
        for _ in 0..(2 * MAX_PENDING / chunk.len()) {
            assert_eq!(keys(&mut d, &chunk), []);
        }
        // The end marker split across two reads.
        assert_eq!(keys(&mut d, b"yy\x1b[2"), []);
        assert_eq!(keys(&mut d, b"01~x"), [KeyCode::Char('x')]);
    }
}
