//! Servers' authentication challenges: a `WWW-Authenticate` value as digest reads it (text),
//! and the same bytes as an NTLM CHALLENGE message.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    localpost_core::fuzzing::ntlm_challenge(data);
    if let Ok(text) = std::str::from_utf8(data) {
        localpost_core::fuzzing::digest_challenge(text);
    }
});
