//! Random edit sequences through the LSP position path (UTF-16 and UTF-8), compared with a
//! plain string and, at the end, with a full parse.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| nianbao_tests::lsp_edits(data));
