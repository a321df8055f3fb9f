//! Dynamic variables (`{{$guid}}`, `{{$timestamp}}`, …): a fresh value per occurrence.
//!
//! The clock and the random source are injected through [`Entropy`] so output can be made
//! deterministic in tests.

/// The clock and random source behind dynamic variables.
pub trait Entropy {
    /// Milliseconds since the Unix epoch.
    fn now_millis(&self) -> i64;
    /// Fills `buf` with random bytes.
    fn fill(&mut self, buf: &mut [u8]);
}

/// The system clock and the operating system's random source.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemEntropy;

impl Entropy for SystemEntropy {
    fn now_millis(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    }

    fn fill(&mut self, buf: &mut [u8]) {
        // The OS random source does not fail on supported platforms; if it ever does, fall
        // back to the clock so a dynamic value is still produced (these are test data, not keys).
        if getrandom::fill(buf).is_err() {
            let seed = self.now_millis().to_le_bytes();
            for (i, b) in buf.iter_mut().enumerate() {
                *b = seed[i % seed.len()] ^ (i as u8);
            }
        }
    }
}

/// Generates dynamic variable values.
#[derive(Debug, Clone)]
pub struct Dynamic<E> {
    entropy: E,
}

const ALPHANUMERIC: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

impl<E: Entropy> Dynamic<E> {
    /// Dynamic values drawn from `entropy`.
    pub fn new(entropy: E) -> Self {
        Dynamic { entropy }
    }

    fn random_u32(&mut self) -> u32 {
        let mut buf = [0u8; 4];
        self.entropy.fill(&mut buf);
        u32::from_le_bytes(buf)
    }

    /// A number in `0..=max`.
    fn below(&mut self, max: u32) -> u32 {
        self.random_u32() % (max + 1)
    }

    fn uuid_v4(&mut self) -> String {
        let mut b = [0u8; 16];
        self.entropy.fill(&mut b);
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
        format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        )
    }

    /// The value of dynamic variable `name` (with its `$`), or `None` if it is not one.
    pub fn value(&mut self, name: &str) -> Option<String> {
        let value = match name {
            "$guid" | "$randomUUID" => self.uuid_v4(),
            "$timestamp" => (self.entropy.now_millis().div_euclid(1000)).to_string(),
            "$isoTimestamp" => iso_timestamp(self.entropy.now_millis()),
            "$randomInt" => self.below(1000).to_string(),
            "$randomBoolean" => (self.below(1) == 1).to_string(),
            "$randomAlphaNumeric" => {
                let i = self.below(ALPHANUMERIC.len() as u32 - 1) as usize;
                char::from(ALPHANUMERIC[i]).to_string()
            }
            _ => return None,
        };
        Some(value)
    }
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` for a Unix time in milliseconds (UTC), as JavaScript's
/// `Date.prototype.toISOString`.
pub(crate) fn iso_timestamp(millis: i64) -> String {
    let secs = millis.div_euclid(1000);
    let ms = millis.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Year, month, day of a count of days since 1970-01-01 (proleptic Gregorian).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_timestamps_match_javascript() {
        assert_eq!(iso_timestamp(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_timestamp(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso_timestamp(1_798_761_599_999), "2026-12-31T23:59:59.999Z");
    }

    #[test]
    fn system_values_have_the_right_shape_and_differ() {
        let mut d = Dynamic::new(SystemEntropy);
        let a = d.value("$guid").unwrap();
        let b = d.value("$guid").unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4", "version nibble");
        assert!(
            matches!(&a[19..20], "8" | "9" | "a" | "b"),
            "variant nibble in {a}"
        );
        let n: u32 = d.value("$randomInt").unwrap().parse().unwrap();
        assert!(n <= 1000);
        assert!(matches!(
            d.value("$randomBoolean").unwrap().as_str(),
            "true" | "false"
        ));
        assert_eq!(d.value("$randomAlphaNumeric").unwrap().len(), 1);
        assert_eq!(d.value("guid"), None);
    }
}
