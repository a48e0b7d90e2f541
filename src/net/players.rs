//! Who a player is: their public key. `--allow-keys` (an `authorized_keys` file)
//! narrows who may play; each key's games live in a directory named by the key's
//! fingerprint — a name the server makes, never a path a client sends.

use std::fmt::Write as _;
use std::path::Path;

use russh::keys::ssh_key::AuthorizedKeys;
use russh::keys::{HashAlg, PublicKey};

use crate::store::{Links, read_limited};

/// An `authorized_keys` file larger than this is refused (a thousand keys fit in far less).
const MAX_ALLOW_BYTES: u64 = 1024 * 1024;

/// The keys `--allow-keys` admits. Options in the file (`command=`, `from=`…) are not
/// honoured: every admitted key gets the game and nothing else.
#[derive(Clone, Debug)]
pub struct AllowList {
    keys: Vec<PublicKey>,
}

impl AllowList {
    /// Read an `authorized_keys` file; an error names the file and, for a bad entry, its line.
    ///
    /// # Errors
    ///
    /// The file cannot be read, or an entry is not a public key.
    pub fn read(path: &Path) -> Result<AllowList, String> {
        let shown = path.display().to_string();
        let shown = crate::text::printable(&shown);
        let bytes = read_limited(path, MAX_ALLOW_BYTES, Links::Follow)
            .map_err(|e| format!("{shown}: {e}"))?;
        let text =
            String::from_utf8(bytes).map_err(|_| format!("{shown}: not a text file (UTF-8)"))?;
        AllowList::parse(&text).map_err(|e| format!("{shown}: {e}"))
    }

    /// The keys of an `authorized_keys` text; blank lines and `#` comments are skipped.
    ///
    /// # Errors
    ///
    /// An entry is not a public key (the message names its line).
    pub fn parse(text: &str) -> Result<AllowList, String> {
        let mut keys = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let entry = AuthorizedKeys::new(line)
                .next()
                .ok_or_else(|| format!("line {}: no key", n + 1))?
                .map_err(|e| format!("line {}: not a public key ({e})", n + 1))?;
            keys.push(entry.public_key().clone());
        }
        if keys.is_empty() {
            return Err("no keys in it: nobody could play".into());
        }
        Ok(AllowList { keys })
    }

    /// Whether this key is on the list (its comment does not matter).
    #[must_use]
    pub fn admits(&self, key: &PublicKey) -> bool {
        self.keys.iter().any(|k| k.key_data() == key.key_data())
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// The directory name of a player's data: `sha256-` and the hex digits of their key's
/// SHA-256 fingerprint — only `[0-9a-z-]`, the same for the same key on every connection.
#[must_use]
pub fn player_dir_name(key: &PublicKey) -> String {
    let fp = key.fingerprint(HashAlg::Sha256);
    let mut name = String::from("sha256-");
    for b in fp.as_bytes() {
        let _ = write!(name, "{b:02x}");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_A: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJU/urW0D1UHiTmzE6IYOFC6CGwx04zcLiSDJv5LwCev a@host";
    const KEY_B: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPITyFLKXog2efxmjH4dqZ4eSlz5xezSrCZuSxiNvjHG b@host";

    fn key(line: &str) -> PublicKey {
        PublicKey::from_openssh(line).unwrap()
    }

    #[test]
    fn a_list_admits_its_keys_only_whatever_their_comment() {
        let list = AllowList::parse(&format!("# players\n\n{KEY_A}\n")).unwrap();
        assert_eq!(list.len(), 1);
        let renamed = KEY_A.replace("a@host", "other comment");
        assert!(list.admits(&key(&renamed)));
        assert!(!list.admits(&key(KEY_B)));
    }

    #[test]
    fn a_bad_line_or_an_empty_list_is_an_error_naming_it() {
        let e = AllowList::parse(&format!("{KEY_A}\nssh-ed25519 garbage\n")).unwrap_err();
        assert!(e.starts_with("line 2:"), "{e}");
        let e = AllowList::parse("# nobody\n").unwrap_err();
        assert!(e.contains("no keys"), "{e}");
    }

    #[test]
    fn player_directories_are_filename_safe_and_stable() {
        let a = player_dir_name(&key(KEY_A));
        assert_eq!(a, player_dir_name(&key(KEY_A)));
        assert_ne!(a, player_dir_name(&key(KEY_B)));
        assert_eq!(a.len(), "sha256-".len() + 64);
        assert!(
            a.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        );
    }
}
