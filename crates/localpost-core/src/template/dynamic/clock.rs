//! Values read from the clock: timestamps, random dates around now, month and weekday names.
//!
//! Dates are printed as JavaScript's `Date.prototype.toString` prints them (Postman turns the
//! faker `Date` into a string that way), always in UTC, since Localpost's output must not
//! depend on the machine's time zone.

use super::rng::Rng;

const SECOND_MS: i64 = 1000;
const DAY_MS: i64 = 86_400 * SECOND_MS;
const YEAR_MS: i64 = 365 * DAY_MS;

/// Month names, January first.
pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Weekday names, Sunday first (JavaScript's `getDay` order).
pub(super) const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// `$timestamp`: Unix seconds, rounded to the nearest second as Postman's `Math.round` does.
pub(super) fn timestamp(rng: &mut Rng<'_>) -> String {
    (rng.now_millis() + SECOND_MS / 2)
        .div_euclid(SECOND_MS)
        .to_string()
}

/// `$isoTimestamp`: now as `2020-06-09T21:10:36.177Z`.
pub(super) fn iso(rng: &mut Rng<'_>) -> String {
    iso_timestamp(rng.now_millis())
}

/// `$randomDatePast`: up to a year before now.
pub(super) fn past(rng: &mut Rng<'_>) -> String {
    let back = rng.between(SECOND_MS, YEAR_MS);
    js_date(rng.now_millis() - back)
}

/// `$randomDateFuture`: up to a year after now.
pub(super) fn future(rng: &mut Rng<'_>) -> String {
    let ahead = rng.between(SECOND_MS, YEAR_MS);
    js_date(rng.now_millis() + ahead)
}

/// `$randomDateRecent`: up to a day before now.
pub(super) fn recent(rng: &mut Rng<'_>) -> String {
    let back = rng.between(SECOND_MS, DAY_MS);
    js_date(rng.now_millis() - back)
}

/// `$randomMonth`: `February`.
pub(super) fn month(rng: &mut Rng<'_>) -> String {
    rng.pick(&MONTHS).to_string()
}

/// `$randomWeekday`: `Thursday`.
pub(super) fn weekday(rng: &mut Rng<'_>) -> String {
    rng.pick(&WEEKDAYS).to_string()
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` for a Unix time in milliseconds (UTC), as JavaScript's
/// `Date.prototype.toISOString`.
pub(crate) fn iso_timestamp(millis: i64) -> String {
    let t = Civil::from_millis(millis);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year, t.month, t.day, t.hour, t.minute, t.second, t.millis
    )
}

/// `Tue Nov 24 2026 10:12:03 GMT+0000 (Coordinated Universal Time)` for a Unix time in
/// milliseconds, as JavaScript's `Date.prototype.toString` in UTC.
pub(super) fn js_date(millis: i64) -> String {
    let t = Civil::from_millis(millis);
    format!(
        "{} {} {:02} {:04} {:02}:{:02}:{:02} GMT+0000 (Coordinated Universal Time)",
        &WEEKDAYS[t.weekday][..3],
        &MONTHS[t.month as usize - 1][..3],
        t.day,
        t.year,
        t.hour,
        t.minute,
        t.second
    )
}

/// A UTC calendar time broken into fields.
struct Civil {
    year: i64,
    /// 1 to 12.
    month: u32,
    day: u32,
    /// Index into [`WEEKDAYS`].
    weekday: usize,
    hour: i64,
    minute: i64,
    second: i64,
    millis: i64,
}

impl Civil {
    fn from_millis(millis: i64) -> Civil {
        let secs = millis.div_euclid(SECOND_MS);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            // 1970-01-01 was a Thursday.
            weekday: (days + 4).rem_euclid(7) as usize,
            hour: rem / 3600,
            minute: rem % 3600 / 60,
            second: rem % 60,
            millis: millis.rem_euclid(SECOND_MS),
        }
    }
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
    use super::super::rng::tests::Constant;
    use super::*;

    #[test]
    fn iso_timestamps_match_javascript() {
        assert_eq!(iso_timestamp(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_timestamp(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso_timestamp(1_798_761_599_999), "2026-12-31T23:59:59.999Z");
        assert_eq!(iso_timestamp(-1), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn date_strings_match_javascript() {
        // new Date(ms).toString() with TZ=UTC, in node.
        assert_eq!(
            js_date(0),
            "Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)"
        );
        assert_eq!(
            js_date(1_795_515_123_999),
            "Tue Nov 24 2026 10:12:03 GMT+0000 (Coordinated Universal Time)"
        );
        assert_eq!(
            js_date(951_868_799_000),
            "Tue Feb 29 2000 23:59:59 GMT+0000 (Coordinated Universal Time)"
        );
    }

    #[test]
    fn timestamps_round_to_the_nearest_second() {
        struct At(i64);
        impl super::super::Entropy for At {
            fn now_millis(&self) -> i64 {
                self.0
            }
            fn fill(&mut self, buf: &mut [u8]) {
                buf.fill(0);
            }
        }
        for (millis, want) in [(1_499, "1"), (1_500, "2"), (-500, "0"), (0, "0")] {
            let mut at = At(millis);
            assert_eq!(timestamp(&mut Rng::new(&mut at)), want, "{millis} ms");
        }
        let mut zero = Constant(0);
        assert_eq!(iso(&mut Rng::new(&mut zero)), "1970-01-01T00:00:00.000Z");
    }
}
