//! Insomnia v4 exports and v5 collections, in JSON or YAML: read as a document, then by the insomnia reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use localpost_core::formats::{self, insomnia};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(value) = formats::parse_document(text)
    {
        let _ = insomnia::read("fuzz", &value);
    }
});
