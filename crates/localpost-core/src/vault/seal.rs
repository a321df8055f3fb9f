//! AES-256-GCM sealing with a per-installation data key.
//!
//! A sealed value is `[1][key id: u32 BE][nonce: 12 bytes][ciphertext + tag]`. The nonce is
//! random per value; the caller's context string is the associated data, so a value sealed for
//! one field fails to open in another. The key id lets a later rotation tell old values apart.

use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::Zeroizing;

use super::{Result, Secret, VaultError};

/// Keychain account that holds the data key.
pub const KEY_ACCOUNT: &str = "data-key";

/// Keychain account that holds the next data key while a rotation is under way.
pub const NEXT_KEY_ACCOUNT: &str = "data-key.next";

const FORMAT: u8 = 1;
const KEY_LEN: usize = 32;
const HEADER: usize = 1 + 4 + NONCE_LEN;

/// The installation's 256-bit data key and its id.
pub struct DataKey {
    id: u32,
    bytes: Zeroizing<[u8; KEY_LEN]>,
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DataKey")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl DataKey {
    /// A fresh random key with a random id.
    pub fn generate() -> Result<DataKey> {
        let rng = SystemRandom::new();
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        rng.fill(bytes.as_mut()).map_err(|_| VaultError::Random)?;
        let mut id = [0u8; 4];
        rng.fill(&mut id).map_err(|_| VaultError::Random)?;
        Ok(DataKey {
            id: u32::from_be_bytes(id),
            bytes,
        })
    }

    /// The key's id, written into every value it seals.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// The form kept in the keychain: `[1][id][key]`.
    pub fn to_stored(&self) -> Secret {
        let mut out = Vec::with_capacity(1 + 4 + KEY_LEN);
        out.push(FORMAT);
        out.extend_from_slice(&self.id.to_be_bytes());
        out.extend_from_slice(self.bytes.as_ref());
        Secret::new(out)
    }

    /// Reads the keychain form back.
    pub fn from_stored(stored: &Secret) -> Result<DataKey> {
        let raw = stored.expose();
        if raw.len() != 1 + 4 + KEY_LEN || raw[0] != FORMAT {
            return Err(VaultError::BadKey);
        }
        let mut id = [0u8; 4];
        id.copy_from_slice(&raw[1..5]);
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        bytes.copy_from_slice(&raw[5..]);
        Ok(DataKey {
            id: u32::from_be_bytes(id),
            bytes,
        })
    }

    fn aead(&self) -> Result<LessSafeKey> {
        let unbound =
            UnboundKey::new(&AES_256_GCM, self.bytes.as_ref()).map_err(|_| VaultError::BadKey)?;
        Ok(LessSafeKey::new(unbound))
    }

    /// Seals `plaintext` for `context` with a fresh random nonce.
    pub fn seal(&self, plaintext: &[u8], context: &str) -> Result<Vec<u8>> {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| VaultError::Random)?;
        let mut out = Vec::with_capacity(HEADER + plaintext.len() + AES_256_GCM.tag_len());
        out.push(FORMAT);
        out.extend_from_slice(&self.id.to_be_bytes());
        out.extend_from_slice(&nonce);
        let mut body = plaintext.to_vec();
        self.aead()?
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(context.as_bytes()),
                &mut body,
            )
            .map_err(|_| VaultError::Random)?;
        out.extend_from_slice(&body);
        Ok(out)
    }

    /// Opens a value sealed for `context`.
    pub fn open(&self, sealed: &[u8], context: &str) -> Result<Vec<u8>> {
        let tampered = || VaultError::Tampered {
            context: context.into(),
        };
        if sealed.len() < HEADER + AES_256_GCM.tag_len() || sealed[0] != FORMAT {
            return Err(tampered());
        }
        let mut id = [0u8; 4];
        id.copy_from_slice(&sealed[1..5]);
        let found = u32::from_be_bytes(id);
        if found != self.id {
            return Err(VaultError::WrongKey {
                found,
                current: self.id,
            });
        }
        let mut nonce = [0u8; NONCE_LEN];
        nonce.copy_from_slice(&sealed[5..HEADER]);
        let mut body = sealed[HEADER..].to_vec();
        let plain = self
            .aead()?
            .open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(context.as_bytes()),
                &mut body,
            )
            .map_err(|_| tampered())?;
        Ok(plain.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_hides_the_plaintext() {
        let key = DataKey::generate().unwrap();
        let sealed = key.seal(b"password=hunter2", "items/1/auth").unwrap();
        assert!(!sealed.windows(7).any(|w| w == b"hunter2"));
        assert_eq!(
            key.open(&sealed, "items/1/auth").unwrap(),
            b"password=hunter2"
        );
        let again = key.seal(b"password=hunter2", "items/1/auth").unwrap();
        assert_ne!(sealed, again, "a fresh nonce per value");
    }

    #[test]
    fn refuses_another_context_a_flipped_bit_and_another_key() {
        let key = DataKey::generate().unwrap();
        let sealed = key.seal(b"token", "items/1/auth").unwrap();
        assert!(matches!(
            key.open(&sealed, "items/2/auth"),
            Err(VaultError::Tampered { .. })
        ));
        let mut flipped = sealed.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(matches!(
            key.open(&flipped, "items/1/auth"),
            Err(VaultError::Tampered { .. })
        ));
        assert!(matches!(
            key.open(&sealed[..10], "items/1/auth"),
            Err(VaultError::Tampered { .. })
        ));
        let other = DataKey::generate().unwrap();
        assert!(matches!(
            other.open(&sealed, "items/1/auth"),
            Err(VaultError::WrongKey { .. })
        ));
    }

    #[test]
    fn the_stored_form_round_trips_and_bad_forms_are_refused() {
        let key = DataKey::generate().unwrap();
        let back = DataKey::from_stored(&key.to_stored()).unwrap();
        assert_eq!(back.id(), key.id());
        let sealed = key.seal(b"x", "c").unwrap();
        assert_eq!(back.open(&sealed, "c").unwrap(), b"x");
        assert!(matches!(
            DataKey::from_stored(&Secret::from("short")),
            Err(VaultError::BadKey)
        ));
        assert!(!format!("{key:?}").contains(&format!("{:?}", key.bytes.as_ref())));
    }
}
