//! curl command lines (bash, cmd and PowerShell quoting).
#![no_main]

use libfuzzer_sys::fuzz_target;
use localpost_core::formats::curl;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = curl::parse(text);
    }
});
