//! A data directory of its own for each test run (part of the pty harness).

use std::path::{Path, PathBuf};

/// A fresh, empty data directory for one test (not created: the game makes it).
pub struct DataDir(pub PathBuf);

impl DataDir {
    pub fn new(name: &str) -> DataDir {
        let d = std::env::temp_dir().join(format!("detente-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        DataDir(d)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn autosave(&self) -> PathBuf {
        self.0.join("autosave.json")
    }

    /// The names of the files in the directory.
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&self.0)
            .map(|rd| {
                rd.filter_map(std::result::Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
