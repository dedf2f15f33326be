//! The fuzz invariants on stable: property tests (bounded by `PROPTEST_CASES`, 256 by
//! default) and a replay of every saved fuzz finding and seed corpus file.

use proptest::prelude::*;

proptest! {
    #[test]
    fn any_bytes_are_checked_without_panic(data in prop::collection::vec(any::<u8>(), 0..600)) {
        nianbao_tests::check_bytes(&data);
    }

    #[test]
    fn text_from_report_pieces_is_checked_without_panic(pieces in prop::collection::vec(prop::sample::select(vec![
        "一、总体情况\n", "\t", "|", "\n", "\r\n", "0", "12", "-3", "1.5", "１２", "1,234", "—", "/", "（七）总计", "4.保护第三方合法权益",
        "第二十条第（一）项\n", "信息内容\t本年新制作数量\n", "<table><tr><td rowspan=2>", "</td></tr></table>", "行政复议\t行政诉讼\n", "𠀀", "😀", "\u{3000}",
    ]), 0..80)) {
        nianbao_tests::check_text(&pieces.concat());
    }

    #[test]
    fn lsp_edit_sequences_match_a_full_parse(data in prop::collection::vec(any::<u8>(), 0..200)) {
        nianbao_tests::lsp_edits(&data);
    }
}

#[test]
fn saved_fuzz_inputs_replay_cleanly() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut replayed = 0;
    for (dir, run) in [
        ("check_bytes", nianbao_tests::check_bytes as fn(&[u8])),
        ("lsp_edits", nianbao_tests::lsp_edits),
        ("read_pdf", nianbao_tests::read_pdf),
        ("read_docx", nianbao_tests::read_docx),
    ] {
        for kind in ["regressions", "seeds"] {
            let Ok(entries) = std::fs::read_dir(root.join(kind).join(dir)) else {
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                run(&std::fs::read(&path).unwrap());
                replayed += 1;
            }
        }
    }
    assert!(replayed > 0, "no fuzz inputs found under fuzz/");
}

/// The crafted hostile files that the readers bound by themselves (the others — streams
/// that inflate to gigabytes — are bounded by the child process `nianbao check` reads in:
/// `crates/nianbao/tests/hostile_files.rs`), read in this process: each ends, without a
/// panic, and none takes the test down.
#[test]
fn crafted_files_are_refused_or_read_in_process() {
    use nianbao_tests::hostile::GENERATORS;
    let mut read = 0;
    for generator in GENERATORS.iter().filter(|g| g.class != "memory") {
        for (name, bytes) in (generator.make)() {
            if name.ends_with(".pdf") {
                nianbao_tests::read_pdf(&bytes);
            } else {
                nianbao_tests::read_docx(&bytes);
            }
            read += 1;
        }
    }
    for (name, bytes) in [
        nianbao_tests::hostile::cid_widths_all(),
        nianbao_tests::hostile::many_glyphs(3_000_000),
        nianbao_tests::hostile::docx_deep_nest(8 << 20),
    ] {
        let kind = if name.ends_with(".pdf") {
            nianbao_formats::Kind::Pdf
        } else {
            nianbao_formats::Kind::Docx
        };
        let refused = nianbao_formats::convert(kind, bytes);
        assert!(refused.is_err(), "{name} was read");
        read += 1;
    }
    assert!(read > 20);
}
