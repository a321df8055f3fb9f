//! HTTP archives, in JSON or YAML: read as a document, then by the har reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use localpost_core::formats::{self, har};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(value) = formats::parse_document(text)
    {
        let _ = har::read("fuzz", &value, "fuzz");
    }
});
