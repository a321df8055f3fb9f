//! Server-Sent Events streams: parsed whole and in chunks, with the same events.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte says how many of the next bytes give chunk sizes; the rest is the stream.
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let (cuts, stream) = rest.split_at(usize::from(n % 16).min(rest.len()));
    localpost_core::fuzzing::event_stream(stream, cuts);
});
