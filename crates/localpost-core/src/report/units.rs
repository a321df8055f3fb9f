//! Sizes and durations written as newman writes them (`2.15kB`, `156ms`, `1.2s`).

/// Bytes in decimal units with up to two decimals: `523B`, `2.15kB`, `1.2MB`.
pub(crate) fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes}B");
    }
    let mut value = bytes as f64;
    let mut unit = "B";
    for u in UNITS {
        if value < 1000.0 {
            break;
        }
        value /= 1000.0;
        unit = u;
    }
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}{unit}")
}

/// A duration in whole milliseconds below a second, else seconds (and minutes).
pub(crate) fn duration(ms: f64) -> String {
    let ms = ms.max(0.0);
    if ms < 1000.0 {
        return format!("{}ms", ms.trunc() as u64);
    }
    let seconds = ms / 1000.0;
    if seconds < 60.0 {
        let text = format!("{seconds:.1}");
        return format!("{}s", text.trim_end_matches(".0"));
    }
    let minutes = (seconds / 60.0).trunc();
    let rest = format!("{:.1}", seconds - minutes * 60.0);
    format!("{}m {}s", minutes as u64, rest.trim_end_matches(".0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_durations() {
        assert_eq!(size(523), "523B");
        assert_eq!(size(2150), "2.15kB");
        assert_eq!(size(2000), "2kB");
        assert_eq!(size(1_234_567), "1.23MB");
        assert_eq!(duration(3.71), "3ms");
        assert_eq!(duration(1234.0), "1.2s");
        assert_eq!(duration(61_500.0), "1m 1.5s");
    }
}
