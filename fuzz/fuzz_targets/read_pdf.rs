//! Arbitrary bytes read as a PDF file, and the text read checked: no panic
//! escapes the reader, and its text and source map hold together (`nianbao_tests::read_pdf`).
//! A panic the PDF library raises on a damaged page is caught by the reader, as in
//! `nianbao check`, where it is an error for that file: the hook below keeps libFuzzer
//! from calling such a caught panic a crash (an uncaught one still is).
#![no_main]

static QUIET: std::sync::Once = std::sync::Once::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    nianbao_tests::read_pdf(data);
});
