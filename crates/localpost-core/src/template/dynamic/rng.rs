//! The draws generators make from an [`Entropy`]: numbers in a range, picks from a list, runs
//! of characters. Nothing here knows about any dynamic variable.

use super::Entropy;

/// Decimal digits.
pub(super) const DIGITS: &[u8] = b"0123456789";
/// Lower-case hexadecimal digits.
pub(super) const HEX: &[u8] = b"0123456789abcdef";
/// Upper-case ASCII letters.
pub(super) const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// A borrowed [`Entropy`] with the small draws every generator needs.
pub(super) struct Rng<'a> {
    entropy: &'a mut dyn Entropy,
}

impl<'a> Rng<'a> {
    /// Draws from `entropy` for the length of one generated value.
    pub(super) fn new(entropy: &'a mut dyn Entropy) -> Self {
        Rng { entropy }
    }

    /// Milliseconds since the Unix epoch, from the injected clock.
    pub(super) fn now_millis(&self) -> i64 {
        self.entropy.now_millis()
    }

    /// `N` random bytes.
    pub(super) fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut buf = [0u8; N];
        self.entropy.fill(&mut buf);
        buf
    }

    /// A number in `0..=max`. The modulo bias is below one in 2^40 for the ranges used here,
    /// which is irrelevant for test data.
    pub(super) fn below(&mut self, max: u64) -> u64 {
        let n = u64::from_le_bytes(self.bytes());
        match max.checked_add(1) {
            Some(span) => n % span,
            None => n,
        }
    }

    /// A number in `lo..=hi`; a `hi` below `lo` gives `lo`.
    pub(super) fn between(&mut self, lo: i64, hi: i64) -> i64 {
        let span = i128::from(hi) - i128::from(lo);
        let span = u64::try_from(span.max(0)).unwrap_or(u64::MAX);
        (i128::from(lo) + i128::from(self.below(span))) as i64
    }

    /// A small count in `lo..=hi`.
    pub(super) fn count(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) as u64) as usize
    }

    /// True one time in `n`.
    pub(super) fn one_in(&mut self, n: u64) -> bool {
        self.below(n.saturating_sub(1)) == 0
    }

    /// An element of `list`. Every list passed here is a non-empty constant, which the word
    /// list tests check.
    pub(super) fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.below(list.len().saturating_sub(1) as u64) as usize]
    }

    /// `n` characters drawn from the ASCII `alphabet`.
    pub(super) fn chars(&mut self, n: usize, alphabet: &[u8]) -> String {
        (0..n).map(|_| char::from(self.pick(alphabet))).collect()
    }

    /// `n` decimal digits, leading zeros allowed.
    pub(super) fn digits(&mut self, n: usize) -> String {
        self.chars(n, DIGITS)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A seeded SplitMix64 stream and a fixed clock (2023-11-14T22:13:20.123Z): the same seed
    /// always gives the same values.
    pub(in crate::template::dynamic) struct Seeded(pub u64);

    impl Entropy for Seeded {
        fn now_millis(&self) -> i64 {
            1_700_000_000_123
        }

        fn fill(&mut self, buf: &mut [u8]) {
            for chunk in buf.chunks_mut(8) {
                self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
                let mut z = self.0;
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                z ^= z >> 31;
                chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
            }
        }
    }

    /// Every byte the same: the extremes of each range, to check nothing panics there.
    pub(in crate::template::dynamic) struct Constant(pub u8);

    impl Entropy for Constant {
        fn now_millis(&self) -> i64 {
            0
        }

        fn fill(&mut self, buf: &mut [u8]) {
            buf.fill(self.0);
        }
    }

    #[test]
    fn ranges_hold_at_the_extremes() {
        for byte in [0x00, 0xff] {
            let mut entropy = Constant(byte);
            let mut rng = Rng::new(&mut entropy);
            assert!(rng.below(9) <= 9);
            assert!(rng.below(u64::MAX) > 0 || byte == 0);
            let n = rng.between(-90, 90);
            assert!((-90..=90).contains(&n));
            assert_eq!(rng.between(5, 1), 5);
            assert!((2..=5).contains(&rng.count(2, 5)));
            assert_eq!(rng.count(3, 3), 3);
            assert!(rng.one_in(1));
            assert_eq!(rng.digits(4).len(), 4);
        }
        let mut entropy = Seeded(1);
        let mut rng = Rng::new(&mut entropy);
        let spread: std::collections::BTreeSet<i64> =
            (0..500).map(|_| rng.between(-2, 2)).collect();
        assert_eq!(spread.into_iter().collect::<Vec<_>>(), [-2, -1, 0, 1, 2]);
    }
}
