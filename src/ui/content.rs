//! Decisions about scenario content the UI still makes itself, each in one
//! helper, until the scenario says them (`Event::is_fiction`, the ladder's top
//! rung words): the swap is then one line here.

use crate::game::forecast::DEFAULT_SAMPLES;
use crate::game::scenario::Event;

/// Whether a card is the game's own invention rather than quoted from a source.
pub fn is_fiction(ev: &Event) -> bool {
    ev.source.starts_with("Game ")
}

/// What happens at the top of the escalation ladder, for sentences such as
/// "At 100 a nuclear crisis ends the game": (the top value, the crisis's name).
pub fn ladder_top() -> (i16, &'static str) {
    (100, "a nuclear crisis")
}

/// The advisor's samples per move in words: "1,000".
pub fn samples_in_words() -> String {
    thousands(u64::from(DEFAULT_SAMPLES))
}

/// A count with a comma between thousands.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_with_commas() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(samples_in_words(), thousands(u64::from(DEFAULT_SAMPLES)));
    }
}
