//! Writing a file so that a crash, a kill or a full disk never leaves it half-written.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Write `bytes` to `path` atomically: a temp file in the same directory,
/// flushed and fsynced, then renamed over the target. The previous version,
/// if any, is kept as `path.bak`. On any error the old file is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("no file name"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if path.exists() {
            let mut bak = name.to_os_string();
            bak.push(".bak");
            // A copy, not a rename: there is never a moment without the main file.
            fs::copy(path, dir.join(bak))?;
        }
        fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("detente-atomic-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn writes_then_keeps_the_previous_version() {
        let d = scratch("bak");
        let p = d.join("save.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read(d.join("save.json.bak")).unwrap(), b"one");
        let leftovers: Vec<_> = fs::read_dir(&d)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty());
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn failure_leaves_the_old_file() {
        let d = scratch("fail");
        let p = d.join("save.json");
        write_atomic(&p, b"kept").unwrap();
        // A directory where the temp file would go makes the write fail.
        let blocker = d.join(format!(".save.json.tmp-{}", std::process::id()));
        fs::create_dir_all(&blocker).unwrap();
        assert!(write_atomic(&p, b"lost").is_err());
        assert_eq!(fs::read(&p).unwrap(), b"kept");
        fs::remove_dir_all(&d).unwrap();
    }
}
