//! Meters: the quantities from 0 to 100 the game is played on, and how each side sees them.

use serde::Deserialize;

use super::SIDES;

/// How a meter is shown to the player (`display = "gauge"` in a scenario).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Display {
    /// A gauge on the game screen.
    Gauge,
    /// Shown as a figure beside the ledger (e.g. Moscow's trust).
    Figure,
    /// Not shown during play; revealed on the end screen.
    Hidden,
    /// Shown only as an estimate: the value rounded to the nearest
    /// `Display::ESTIMATE_STEP`, marked as such ("≈50 (est.)"). The exact value stays
    /// hidden, as a hidden meter's does (no forecast, report or cost shows it).
    Estimate,
}

impl Display {
    /// The band an estimate rounds to.
    pub const ESTIMATE_STEP: i16 = 10;

    /// Whether the exact value is shown (a gauge or a figure).
    #[must_use]
    pub fn exact(self) -> bool {
        matches!(self, Display::Gauge | Display::Figure)
    }

    /// What an estimate shows of a value: the nearest multiple of
    /// `ESTIMATE_STEP` (halves round up), no noise, so a value always reads the same.
    #[must_use]
    pub fn estimate(value: i16) -> i16 {
        (value + Self::ESTIMATE_STEP / 2).div_euclid(Self::ESTIMATE_STEP) * Self::ESTIMATE_STEP
    }
}

/// A quantity from 0 to 100.
#[derive(Clone, Debug)]
pub struct Meter {
    pub id: String,
    pub name: String,
    /// Short name for narrow columns ("Rel").
    pub short: String,
    pub start: i16,
    /// How the default player's side sees it.
    pub display: Display,
    /// How each side sees it.
    pub display_for: [Display; SIDES],
    /// Ascending thresholds with a word for each band.
    pub labels: Vec<(i16, String)>,
    /// If this meter is the escalation ladder, its labels are rungs.
    pub ladder: bool,
    /// The rung from which the game warns that the top is near.
    pub warn_at: Option<i16>,
    /// Most this meter may rise in one month (so the top is never a surprise).
    pub max_rise: Option<i16>,
    /// The ladder's words for its top (`None` on every other meter).
    pub top: Option<LadderTop>,
    /// Whether a higher value is good for the player (for colours and arrows).
    pub higher_is_better: bool,
    pub describe: String,
}

impl Meter {
    /// The band word for a value.
    #[must_use]
    pub fn label(&self, value: i16) -> &str {
        self.labels
            .iter()
            .rev()
            .find(|(at, _)| value >= *at)
            .map_or("", |(_, l)| l.as_str())
    }

    /// The index of the band (rung) a value falls in.
    #[must_use]
    pub fn rung(&self, value: i16) -> usize {
        self.labels
            .iter()
            .filter(|(at, _)| value >= *at)
            .count()
            .saturating_sub(1)
    }
}

/// What the ladder's top means, in the scenario's words: the UI says them
/// when it warns and explains the ladder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LadderTop {
    /// The name of the crisis at the top: "nuclear crisis".
    pub crisis: String,
    /// The sentence that warns of it: "At 100 the game ends."
    pub warning: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_estimate_rounds_to_the_nearest_ten() {
        let cases = [
            (0, 0),
            (4, 0),
            (5, 10),
            (14, 10),
            (50, 50),
            (54, 50),
            (55, 60),
            (96, 100),
            (100, 100),
        ];
        for (v, e) in cases {
            assert_eq!(Display::estimate(v), e, "{v}");
        }
    }

    #[test]
    fn only_gauges_and_figures_show_the_exact_value() {
        assert!(Display::Gauge.exact() && Display::Figure.exact());
        assert!(!Display::Hidden.exact() && !Display::Estimate.exact());
    }
}
