//! `{{…}}` templates: nested and self-referring variables, dynamic variables, unclosed braces.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        localpost_core::fuzzing::template(text);
    }
});
