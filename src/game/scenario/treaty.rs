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
}

impl TreatyStatus {
    /// This status as one bit of a mask.
    #[must_use]
    pub fn bit(self) -> u8 {
        1 << (self as u8)
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
