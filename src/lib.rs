//! Détente: a turn-based terminal game of US–Russia diplomacy, 2024–2026.
//!
//! `game` is the deterministic core; `ui` draws it in a terminal; `cli` and
//! `scenario_file` are the thin layers that read the command line and files;
//! `text` makes text from files safe to print.

pub mod cli;
pub mod game;
pub mod net;
pub mod scenario_file;
pub mod sim;
pub mod store;
pub mod text;
pub mod ui;
