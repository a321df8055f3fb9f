//! Iteration data files (`localpost run -d`): CSV with newman's parsing, or a JSON array.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = localpost_core::runner::data::parse(text);
    }
});
