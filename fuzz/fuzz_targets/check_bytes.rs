//! Parse, model, every check, the outline and fix-all on arbitrary bytes, decoded as UTF-8
//! (lossy) and as GB18030.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| nianbao_tests::check_bytes(data));
