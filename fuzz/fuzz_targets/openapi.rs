//! OpenAPI 3 and Swagger 2 descriptions, in JSON or YAML: read as a document, then by the openapi reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use localpost_core::formats::{self, openapi};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(value) = formats::parse_document(text)
    {
        let _ = openapi::read("fuzz", &value);
    }
});
