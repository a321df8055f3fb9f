//! Postman collections, environments and globals: any text either parses or fails with an
//! error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use localpost_core::formats::postman;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = postman::parse("fuzz", text);
    }
});
