//! Fuzz target: the dataset parser must never panic, whatever the bytes (a panic in WebAssembly
//! takes the whole page down). Run: `cargo +nightly fuzz run parse --fuzz-dir tests/fuzz`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = xephang::engine::validate::parse_dataset(data);
});
