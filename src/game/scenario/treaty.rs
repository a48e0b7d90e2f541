//! The treaty table: rows and their statuses.

use serde::{Deserialize, Serialize};

/// The status of a treaty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreatyStatus {
    InForce,
    Suspended,
    Withdrawn,
    Expired,
    Extended,
    SuccessorAgreed,
    // Stages between talks and a signature. Added after the others so the
    // bit of every older status in a condition's mask stays where it was.
    /// A framework agreed: the outline of a deal, not yet its text.
    Framework,
    /// The text drafted, waiting for a signature.
    Drafted,
}

// A status's bit must fit the `u8` masks conditions keep.
const _: () = assert!((TreatyStatus::Drafted as u8) < 8);

impl TreatyStatus {
    /// This status as one bit of a mask.
    #[must_use]
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// Where this status stands on the road from talks to a signed successor
    /// (a framework, then a drafted text, then the signature); `None` off it.
    #[must_use]
    pub fn stage(self) -> Option<u8> {
        match self {
            TreatyStatus::Framework => Some(1),
            TreatyStatus::Drafted => Some(2),
            TreatyStatus::SuccessorAgreed => Some(3),
            _ => None,
        }
    }

    /// Whether a treaty standing at this status has reached `target`: the same
    /// status, or a later stage of the same road (a drafted text has had its
    /// framework).
    #[must_use]
    pub fn reached(self, target: TreatyStatus) -> bool {
        self == target || matches!((self.stage(), target.stage()), (Some(a), Some(b)) if a >= b)
    }

    /// Words for the treaty table.
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            TreatyStatus::InForce => "in force",
            TreatyStatus::Suspended => "suspended",
            TreatyStatus::Withdrawn => "withdrawn",
            TreatyStatus::Expired => "expired",
            TreatyStatus::Extended => "extended",
            TreatyStatus::SuccessorAgreed => "successor agreed",
            TreatyStatus::Framework => "framework agreed",
            TreatyStatus::Drafted => "text drafted",
        }
    }
}

/// A row of the treaty table.
#[derive(Clone, Debug)]
pub struct Treaty {
    pub id: String,
    pub name: String,
    pub status: TreatyStatus,
    /// What happened, for the table ("US withdrew, 2019").
    pub note: String,
}
