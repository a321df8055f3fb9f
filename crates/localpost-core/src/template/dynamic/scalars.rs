//! Values with no vocabulary behind them: UUIDs, integers, booleans, single characters, hex
//! colours and version numbers.

use super::rng::{HEX, Rng};

const ALPHANUMERIC: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// `$guid`, `$randomUUID`: a random (version 4) UUID, lower-case.
pub(super) fn uuid(rng: &mut Rng<'_>) -> String {
    crate::model::uuid_v4(rng.bytes())
}

/// `$randomInt`: 0 to 1000 inclusive.
pub(super) fn int(rng: &mut Rng<'_>) -> String {
    rng.below(1000).to_string()
}

/// `$randomBoolean`: `true` or `false`.
pub(super) fn boolean(rng: &mut Rng<'_>) -> String {
    (rng.below(1) == 1).to_string()
}

/// `$randomAlphaNumeric`: one lower-case letter or digit.
pub(super) fn alpha_numeric(rng: &mut Rng<'_>) -> String {
    rng.chars(1, ALPHANUMERIC)
}

/// `$randomHexColor`: `#rrggbb`. As in Postman (faker mixes each channel half-and-half with
/// black), every channel is at most `0x80`, so the colours come out darkish.
pub(super) fn hex_color(rng: &mut Rng<'_>) -> String {
    let [r, g, b] = [(); 3].map(|()| rng.below(256) / 2);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// A `#rrggbb` colour over the whole range, for generated images.
pub(super) fn any_hex_color(rng: &mut Rng<'_>) -> String {
    format!("#{}", rng.chars(6, HEX))
}

/// `$randomSemver`: three single digits, `7.0.5`.
pub(super) fn semver(rng: &mut Rng<'_>) -> String {
    let [major, minor, patch] = [(); 3].map(|()| rng.below(9));
    format!("{major}.{minor}.{patch}")
}

#[cfg(test)]
mod tests {
    use super::super::rng::tests::{Constant, Seeded};
    use super::*;

    #[test]
    fn uuids_carry_version_and_variant_bits() {
        let mut entropy = Constant(0xff);
        let mut rng = Rng::new(&mut entropy);
        assert_eq!(uuid(&mut rng), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let mut entropy = Constant(0);
        let mut rng = Rng::new(&mut entropy);
        assert_eq!(uuid(&mut rng), "00000000-0000-4000-8000-000000000000");
    }

    #[test]
    fn hex_colour_channels_top_out_at_0x80() {
        let mut entropy = Seeded(7);
        let mut rng = Rng::new(&mut entropy);
        let mut highest = 0;
        for _ in 0..2000 {
            let c = hex_color(&mut rng);
            for i in [1, 3, 5] {
                let channel = u8::from_str_radix(&c[i..i + 2], 16).unwrap();
                assert!(channel <= 0x80, "{c}");
                highest = highest.max(channel);
            }
        }
        assert!(highest >= 0x78, "the whole half range is used");
    }
}
