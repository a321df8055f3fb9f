//! Bank accounts, cards, currencies and crypto addresses.
//!
//! IBANs carry valid ISO 7064 check digits and a BBAN of the right shape for their country, so
//! they pass validators; nothing else about them is real.

use super::rng::{DIGITS, Rng, UPPER};
use super::words::{ACCOUNT_KINDS, CURRENCIES, TRANSACTION_TYPES};

/// Base58, the alphabet of legacy bitcoin addresses (no `0`, `O`, `I` or `l`).
const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const VOWELS: &[u8] = b"AEIOU";
const UPPER_ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// BBAN layouts from the ISO 13616 registry: runs of `n` digits, `a` upper-case letters or `c`
/// either. Lengths go from 15 (Norway) to 31 (Malta), Postman's documented range.
const IBAN_FORMATS: &[(&str, &[(u8, usize)])] = &[
    ("AT", &[(b'n', 16)]),
    ("BE", &[(b'n', 12)]),
    ("CH", &[(b'n', 5), (b'c', 12)]),
    ("DE", &[(b'n', 18)]),
    ("DK", &[(b'n', 14)]),
    ("ES", &[(b'n', 20)]),
    ("FI", &[(b'n', 14)]),
    ("FR", &[(b'n', 10), (b'c', 11), (b'n', 2)]),
    ("GB", &[(b'a', 4), (b'n', 14)]),
    ("IE", &[(b'a', 4), (b'n', 14)]),
    ("IT", &[(b'a', 1), (b'n', 10), (b'c', 12)]),
    ("LU", &[(b'n', 3), (b'c', 13)]),
    ("MT", &[(b'a', 4), (b'n', 5), (b'c', 18)]),
    ("MU", &[(b'a', 4), (b'n', 19), (b'a', 3)]),
    ("NL", &[(b'a', 4), (b'n', 10)]),
    ("NO", &[(b'n', 11)]),
    ("PL", &[(b'n', 24)]),
    ("PT", &[(b'n', 21)]),
    ("SE", &[(b'n', 20)]),
];

/// `$randomBankAccount`: eight digits, `09454073`.
pub(super) fn bank_account(rng: &mut Rng<'_>) -> String {
    rng.digits(8)
}

/// `$randomBankAccountName`: `Savings Account`.
pub(super) fn bank_account_name(rng: &mut Rng<'_>) -> String {
    format!("{} Account", rng.pick(ACCOUNT_KINDS))
}

/// `$randomCreditCardMask`: the four digits a masked card shows, `3622`.
pub(super) fn credit_card_mask(rng: &mut Rng<'_>) -> String {
    rng.digits(4)
}

/// `$randomBankAccountBic`: bank code (three letters and a vowel), an IBAN country, a letter
/// and `1`; one time in ten a three-letter branch follows. `EZIAUGJ1`.
pub(super) fn bic(rng: &mut Rng<'_>) -> String {
    let bank = rng.chars(3, UPPER) + &rng.chars(1, VOWELS);
    let (country, _) = rng.pick(IBAN_FORMATS);
    let location = rng.chars(1, UPPER);
    let branch = if rng.one_in(10) {
        rng.chars(1, UPPER) + &rng.chars(1, VOWELS) + &rng.chars(1, UPPER)
    } else {
        String::new()
    };
    format!("{bank}{country}{location}1{branch}")
}

/// `$randomBankAccountIban`: country, check digits and BBAN with no spaces,
/// `MU20ZPUN3039684000618086155TKZ`.
pub(super) fn iban(rng: &mut Rng<'_>) -> String {
    let (country, layout) = rng.pick(IBAN_FORMATS);
    let mut bban = String::new();
    for &(kind, n) in layout {
        let alphabet = match kind {
            b'n' => DIGITS,
            b'a' => UPPER,
            _ => UPPER_ALPHANUMERIC,
        };
        bban.push_str(&rng.chars(n, alphabet));
    }
    let check = 98 - mod97(&format!("{bban}{country}00"));
    format!("{country}{check:02}{bban}")
}

/// The remainder modulo 97 of an IBAN-style string, letters counting as 10 to 35.
fn mod97(s: &str) -> u32 {
    s.chars().fold(0, |acc, c| match c.to_digit(36) {
        Some(v) if v < 10 => (acc * 10 + v) % 97,
        Some(v) => (acc * 100 + v) % 97,
        None => acc,
    })
}

/// `$randomTransactionType`: `invoice`.
pub(super) fn transaction_type(rng: &mut Rng<'_>) -> String {
    rng.pick(TRANSACTION_TYPES).to_string()
}

/// `$randomCurrencyCode`: ISO 4217, `GNF`.
pub(super) fn currency_code(rng: &mut Rng<'_>) -> String {
    rng.pick(CURRENCIES).0.to_string()
}

/// `$randomCurrencyName`: `Pound Sterling`.
pub(super) fn currency_name(rng: &mut Rng<'_>) -> String {
    rng.pick(CURRENCIES).1.to_string()
}

/// `$randomCurrencySymbol`: `£`.
pub(super) fn currency_symbol(rng: &mut Rng<'_>) -> String {
    rng.pick(CURRENCIES).2.to_string()
}

/// `$randomBitcoin`: `1` or `3` then Base58 characters, 25 to 34 in all. Shaped like a legacy
/// address; there is no valid checksum, as in Postman.
pub(super) fn bitcoin(rng: &mut Rng<'_>) -> String {
    let len = rng.count(25, 34);
    let lead = if rng.one_in(2) { "1" } else { "3" };
    format!("{lead}{}", rng.chars(len - 1, BASE58))
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::rng::tests::Seeded;
    use super::*;

    /// Whether `iban` has a known country, the right length and valid check digits.
    pub(in crate::template::dynamic) fn is_valid_iban(iban: &str) -> bool {
        let Some((_, layout)) = IBAN_FORMATS.iter().find(|(c, _)| iban.starts_with(c)) else {
            return false;
        };
        let bban_len: usize = layout.iter().map(|(_, n)| n).sum();
        iban.len() == 4 + bban_len
            && iban
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && mod97(&format!("{}{}", &iban[4..], &iban[..4])) == 1
    }

    #[test]
    fn known_ibans_validate() {
        // The standard's published examples.
        assert!(is_valid_iban("GB82WEST12345698765432"));
        assert!(is_valid_iban("DE89370400440532013000"));
        assert!(!is_valid_iban("GB82WEST12345698765433"));
        assert!(!is_valid_iban("XX82WEST12345698765432"));
    }

    #[test]
    fn generated_ibans_validate_for_every_country() {
        let mut entropy = Seeded(3);
        let mut rng = Rng::new(&mut entropy);
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..2000 {
            let iban = iban(&mut rng);
            assert!(is_valid_iban(&iban), "{iban}");
            assert!((15..=31).contains(&iban.len()), "{iban}");
            seen.insert(iban[..2].to_string());
        }
        assert_eq!(seen.len(), IBAN_FORMATS.len());
    }
}
