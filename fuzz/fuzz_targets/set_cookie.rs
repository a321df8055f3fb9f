//! `Set-Cookie` values, one per line: stored in a cookie jar, sent back, listed and shown.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let values: Vec<String> = text.lines().map(str::to_owned).collect();
        localpost_core::fuzzing::set_cookie(&values);
    }
});
