//! The server's own key: an Ed25519 key made on the first run, kept `0600` in the
//! data directory, read on every later run; its fingerprint is what players check.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::LineEnding;
use russh::keys::{Algorithm, HashAlg, PrivateKey};

use crate::store::{Links, make_dir, read_limited};

/// The host key's file name in the data directory.
pub const HOST_KEY_NAME: &str = "ssh_host_ed25519_key";

/// An OpenSSH private key file is a few hundred bytes; anything far larger is not ours.
const MAX_KEY_BYTES: u64 = 64 * 1024;

/// The host key in `dir`, made (and saved `0600`) if there is none yet. Returns the
/// key and whether it was made now. A key file readable by others is tightened to
/// `0600` first, as the key must stay the server's alone.
///
/// # Errors
///
/// The key cannot be read, made, saved or made private: the message says which and where.
pub fn load_or_create(dir: &Path) -> Result<(PrivateKey, bool), String> {
    make_dir(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(HOST_KEY_NAME);
    match read_limited(&path, MAX_KEY_BYTES, Links::Refuse) {
        Ok(bytes) => {
            tighten(&path)?;
            let text = String::from_utf8(bytes)
                .map_err(|_| format!("{}: not an OpenSSH private key", path.display()))?;
            let key = PrivateKey::from_openssh(text.trim())
                .map_err(|e| format!("{}: not an OpenSSH private key: {e}", path.display()))?;
            Ok((key, false))
        }
        Err(e) if e.is_not_found() => create(&path).map(|k| (k, true)),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// The key's SHA-256 fingerprint as `ssh` shows it (`SHA256:…`).
#[must_use]
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// Make a new key and write it new (`O_EXCL`, `0600`) beside its name, then rename it
/// into place: a crash never leaves half a key under the real name.
fn create(path: &Path) -> Result<PrivateKey, String> {
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
        .map_err(|e| format!("cannot make a host key: {e}"))?;
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| format!("cannot encode the host key: {e}"))?;
    let tmp = temp_path(path);
    let written = (|| -> io::Result<()> {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(format!("cannot write {}: {e}", path.display()));
    }
    Ok(key)
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(format!(".tmp-{:016x}", rand::random::<u64>()));
    path.with_file_name(name)
}

/// A key file others can read or write is made the owner's alone.
fn tighten(path: &Path) -> Result<(), String> {
    let mode = fs::symlink_metadata(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))
            .map_err(|e| format!("{}: cannot make it 0600: {e}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("detente-hostkey-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn made_once_kept_private_and_read_back() {
        let d = scratch("once");
        let (k1, made) = load_or_create(&d).unwrap();
        assert!(made);
        let path = d.join(HOST_KEY_NAME);
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let (k2, made) = load_or_create(&d).unwrap();
        assert!(!made);
        assert_eq!(fingerprint(&k1), fingerprint(&k2));
        assert!(fingerprint(&k1).starts_with("SHA256:"));
        // Loosened by someone: tightened again on the next start.
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        load_or_create(&d).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_broken_key_file_is_an_error_not_a_panic() {
        let d = scratch("broken");
        make_dir(&d).unwrap();
        fs::write(d.join(HOST_KEY_NAME), b"not a key").unwrap();
        let e = load_or_create(&d).unwrap_err();
        assert!(e.contains("not an OpenSSH private key"), "{e}");
        fs::remove_dir_all(&d).unwrap();
    }
}
