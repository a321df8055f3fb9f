//! Any bytes through format detection (ZIP dumps included), as `localpost import` reads a file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use localpost_core::formats;

fuzz_target!(|data: &[u8]| {
    let _ = formats::parse_any("fuzz", data);
});
