//! Generators of small crafted hostile files for nianbao's tests: PDFs and Word (.docx)
//! files that abort, panic, eat memory, run for ever or get a wrong message from a
//! reader that trusts them.
//!
//! Every generator is a plain function returning `(file name, bytes)`, deterministic (no
//! clock, no randomness), and needs no dependency: the PDF writer ([`pdf`]), a deflate
//! encoder for long periodic data ([`deflate`]), the zip writer ([`zip`]) and the
//! checksums ([`checksum`]) are here. Large outputs (megabytes) are generated, not
//! stored; what they inflate to (gigabytes) is never built in memory.
//!
//! [`GENERATORS`] lists them all with their class.

pub mod checksum;
pub mod deflate;
pub mod pdf;
pub mod zip;

// ---- Shared content ----------------------------------------------------------------------

/// The lines of a small annual report, used as the normal text of every file.
pub const REPORT: &[&str] = &[
    "某某市人民政府办公室2024年政府信息公开工作年度报告",
    "一、总体情况",
    "2024年，本机关坚持以公开为常态、不公开为例外，全面推进政府信息公开工作。",
    "二、主动公开政府信息情况",
    "本年新制发规章0件，现行有效规章3件。",
    "三、收到和处理政府信息公开申请情况",
    "本年新收政府信息公开申请12件，办理完毕12件。",
    "四、政府信息公开行政复议、行政诉讼情况",
    "本年未发生行政复议和行政诉讼。",
    "五、存在的主要问题及改进情况",
    "一是公开内容还不够全面，二是解读形式还不够丰富。",
    "六、其他需要报告的事项",
    "本机关未收取信息处理费。",
];

/// The report as plain text (Markdown-like lines).
pub fn report_text() -> String {
    let mut s = String::new();
    for line in REPORT {
        s.push_str(line);
        s.push('\n');
    }
    s
}

/// Adds a Chinese font (Type0, Identity-H, a CIDFontType2 descendant without an embedded
/// program, a ToUnicode map for the report's characters; `code = Unicode`) and returns
/// its number. `w` is the descendant's `/W` array, if any.
pub fn cjk_font(b: &mut pdf::Builder, w: Option<&str>) -> usize {
    let mut chars: Vec<char> = REPORT.iter().flat_map(|l| l.chars()).collect();
    chars.sort_unstable();
    chars.dedup();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in chars.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for &c in chunk {
            cmap.push_str(&format!("<{:04X}> <{:04X}>\n", c as u32, c as u32));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let to_unicode = b.flate_stream("", cmap.as_bytes());
    let descriptor = b.add(
        "<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] \
         /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 859 /StemV 80 >>",
    );
    let widths = w.map(|w| format!(" /W {w}")).unwrap_or_default();
    let descendant = b.add(format!(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> \
         /FontDescriptor {} /DW 1000{widths} /CIDToGIDMap /Identity >>",
        pdf::r(descriptor)
    ));
    b.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H \
         /DescendantFonts [{}] /ToUnicode {} >>",
        pdf::r(descendant),
        pdf::r(to_unicode)
    ))
}

/// A content stream showing the report with font `/F1` (from [`cjk_font`]), 12 points,
/// from the top left of a Letter page.
pub fn report_content() -> Vec<u8> {
    report_content_at(740)
}

/// [`report_content`] with the first baseline at `y`.
pub fn report_content_at(y: u64) -> Vec<u8> {
    let mut s = format!("BT /F1 12 Tf 14 TL 72 {y} Td\n");
    for line in REPORT {
        s.push('<');
        for c in line.chars() {
            s.push_str(&format!("{:04X}", c as u32));
        }
        s.push_str("> Tj T*\n");
    }
    s.push_str("ET\n");
    s.into_bytes()
}

const LETTER: &str = "[0 0 612 792]";

/// A one-page report whose `/Contents` is the report's text and then `extra` (a
/// reference); `more_fonts` is added to the `/Font` dictionary (after `/F1`) and
/// `extra_resources` to the resources.
fn report_pdf_with(
    mut b: pdf::Builder,
    font: usize,
    extra: Option<usize>,
    more_fonts: &str,
    extra_resources: &str,
    media_box: &str,
) -> Vec<u8> {
    let text = b.flate_stream("", &report_content());
    let contents = match extra {
        Some(e) => format!("[{} {}]", pdf::r(text), pdf::r(e)),
        None => pdf::r(text),
    };
    let resources = format!(
        "<< /Font << /F1 {}{more_fonts} >> {extra_resources} >>",
        pdf::r(font)
    );
    b.one_page(media_box, &resources, &contents)
}

/// The report page plus a second content stream with `dict` entries and `data`.
fn report_plus_stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut b = pdf::Builder::new();
    let font = cjk_font(&mut b, None);
    let extra = b.stream(dict, data);
    report_pdf_with(b, font, Some(extra), "", "", LETTER)
}

/// A FlateDecode content stream (`q Q`, harmless once decoded) with these
/// `/DecodeParms`, after the report's text.
fn predictor_pdf(name: &str, parms: &str) -> (String, Vec<u8>) {
    let data = deflate::zlib_bytes(b"q Q q Q q Q q Q\n");
    (
        name.to_string(),
        report_plus_stream(
            &format!("/Filter /FlateDecode /DecodeParms << {parms} >>"),
            &data,
        ),
    )
}

/// The parts of a Word document whose body is `body` (WordprocessingML inside `w:body`).
fn docx_entries(document: zip::Entry) -> Vec<zip::Entry> {
    vec![
        zip::Entry::stored(
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        zip::Entry::stored(
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        ),
        document,
    ]
}

const DOCUMENT_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
const DOCUMENT_END: &str = "</w:body></w:document>";

/// `word/document.xml` of the report: one paragraph a line.
pub fn report_document_xml() -> String {
    let mut s = String::from(DOCUMENT_START);
    for line in REPORT {
        s.push_str(&format!("<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"));
    }
    s.push_str(DOCUMENT_END);
    s
}

/// A valid Word document of the report, every part stored.
pub fn report_docx_bytes() -> Vec<u8> {
    zip::write(&docx_entries(zip::Entry::stored(
        "word/document.xml",
        report_document_xml().as_bytes(),
    )))
}

// ---- Controls ----------------------------------------------------------------------------

/// Control: the report as a normal PDF (what every hostile PDF starts from).
pub fn control_pdf() -> (String, Vec<u8>) {
    let mut b = pdf::Builder::new();
    let font = cjk_font(&mut b, None);
    (
        "control-report.pdf".into(),
        report_pdf_with(b, font, None, "", "", LETTER),
    )
}

/// Control: the report as a normal Word document.
pub fn control_docx() -> (String, Vec<u8>) {
    ("control-report.docx".into(), report_docx_bytes())
}

// ---- Aborts ------------------------------------------------------------------------------

/// 2⁴⁰ columns.
pub const COLUMNS_2TIB: u64 = 1 << 40;

/// The issue's file: a FlateDecode content stream with `/Predictor 12 /Columns 2⁴⁰` (a
/// PNG predictor row of 1 TiB at the default 8 bits × 1 colour).
pub fn predictor_columns_huge_png() -> (String, Vec<u8>) {
    predictor_pdf(
        "abort-predictor-png-columns-2e40.pdf",
        &format!("/Predictor 12 /Columns {COLUMNS_2TIB}"),
    )
}

/// A predictor row of 2 TiB that hayro allocates: TIFF predictor, 16 bits a component
/// (`/Predictor 2 /BitsPerComponent 16 /Columns 2⁴⁰`), so the general (not 8-bit PNG)
/// path zero-fills a 2 TiB previous row.
pub fn predictor_row_2tib() -> (String, Vec<u8>) {
    predictor_pdf(
        "abort-predictor-row-2tib.pdf",
        &format!("/Predictor 2 /BitsPerComponent 16 /Columns {COLUMNS_2TIB}"),
    )
}

/// The same through the PNG predictor: `/Predictor 12 /Colors 5 /Columns 2⁴⁰` (5 bytes
/// a pixel is no PNG pixel size, so the general path allocates a 5 TiB row).
pub fn predictor_row_5tib_png() -> (String, Vec<u8>) {
    predictor_pdf(
        "abort-predictor-png-colors5-row-5tib.pdf",
        &format!("/Predictor 12 /Colors 5 /Columns {COLUMNS_2TIB}"),
    )
}

/// A PostScript (Type 4) function nested `depth` braces deep, `{{{…}}}`, as the tint
/// transform of a Separation colour space that the page sets (`/CS0 cs 1 scn`) and fills
/// with.
pub fn type4_deep_nesting(depth: usize) -> (String, Vec<u8>) {
    let mut program = Vec::with_capacity(depth * 2 + 1);
    program.extend(std::iter::repeat_n(b'{', depth));
    program.extend(std::iter::repeat_n(b'}', depth));
    program.push(b'\n');
    let mut b = pdf::Builder::new();
    let font = cjk_font(&mut b, None);
    let function = b.stream("/FunctionType 4 /Domain [0 1] /Range [0 1]", &program);
    let fill = b.flate_stream("", b"q /CS0 cs 1 scn 72 72 100 100 re f Q\n");
    let resources = format!(
        "/ColorSpace << /CS0 [/Separation /Spot /DeviceGray {}] >>",
        pdf::r(function)
    );
    (
        format!("abort-type4-nesting-{depth}.pdf"),
        report_pdf_with(b, font, Some(fill), "", &resources, LETTER),
    )
}

// ---- Division by zero in the predictor ---------------------------------------------------

/// `/Predictor 2 /Columns 0`: a row of 0 bytes.
pub fn predictor_columns_zero() -> (String, Vec<u8>) {
    predictor_pdf("panic-predictor-columns0.pdf", "/Predictor 2 /Columns 0")
}

/// `/Predictor 2 /Colors 0`.
pub fn predictor_colors_zero() -> (String, Vec<u8>) {
    predictor_pdf(
        "panic-predictor-colors0.pdf",
        "/Predictor 2 /Colors 0 /Columns 8",
    )
}

/// `/Predictor 2 /BitsPerComponent 0`.
pub fn predictor_bpc_zero() -> (String, Vec<u8>) {
    predictor_pdf(
        "panic-predictor-bpc0.pdf",
        "/Predictor 2 /BitsPerComponent 0 /Columns 8",
    )
}

/// `/Predictor 2 /Colors 16 /BitsPerComponent 16`: 16 × 16 = 256 bits a pixel, 0 in
/// hayro's `u8`.
pub fn predictor_colors_bpc_256() -> (String, Vec<u8>) {
    predictor_pdf(
        "panic-predictor-colors-x-bpc-256.pdf",
        "/Predictor 2 /Colors 16 /BitsPerComponent 16 /Columns 8",
    )
}

/// The same four with the PNG predictor (`/Predictor 12`), for comparison.
pub fn predictor_zero_png() -> Vec<(String, Vec<u8>)> {
    [
        ("columns0", "/Columns 0"),
        ("colors0", "/Colors 0 /Columns 8"),
        ("bpc0", "/BitsPerComponent 0 /Columns 8"),
        (
            "colors-x-bpc-256",
            "/Colors 16 /BitsPerComponent 16 /Columns 8",
        ),
    ]
    .iter()
    .map(|(n, p)| {
        predictor_pdf(
            &format!("panic-predictor-png-{n}.pdf"),
            &format!("/Predictor 12 {p}"),
        )
    })
    .collect()
}

// ---- Unbounded memory --------------------------------------------------------------------

/// The report in a CID font whose `/W` array is `[0 4294967295 500]`: one width for
/// every CID there is.
pub fn cid_widths_all() -> (String, Vec<u8>) {
    let mut b = pdf::Builder::new();
    let font = cjk_font(&mut b, Some("[0 4294967295 500]"));
    (
        "memory-cid-widths-2e32.pdf".into(),
        report_pdf_with(b, font, None, "", "", LETTER),
    )
}

/// The report, then a FlateDecode content stream of `inflated` zero bytes (NUL is white
/// space in a content stream). 2,000,000,000 bytes deflate to about 1.9 MB.
pub fn flate_bomb(inflated: u64) -> (String, Vec<u8>) {
    let data = deflate::zlib(&[deflate::Piece::Repeat {
        pattern: &[0],
        len: inflated,
    }]);
    (
        format!("memory-flate-bomb-{}mb.pdf", inflated / 1_000_000),
        report_plus_stream("/Filter /FlateDecode", &data),
    )
}

/// The report, then a RunLengthDecode content stream of `runs` runs of 128 spaces (two
/// bytes each: 64 to 1) and the end-of-data byte.
pub fn runlength_bomb(runs: u64) -> (String, Vec<u8>) {
    let mut data = b"\x81 ".repeat(runs as usize);
    data.push(0x80);
    (
        format!("memory-runlength-bomb-{}mib.pdf", (runs * 128) >> 20),
        report_plus_stream("/Filter /RunLengthDecode", &data),
    )
}

/// Flate and run-length chained (`/Filter [/FlateDecode /RunLengthDecode]`): `runs` runs
/// of 128 spaces, deflated (2 bytes a run, then about 1,000 to 1): 64 × 1,000 to 1.
pub fn flate_runlength_bomb(runs: u64) -> (String, Vec<u8>) {
    let data = deflate::zlib(&[
        deflate::Piece::Repeat {
            pattern: b"\x81 ",
            len: runs * 2,
        },
        deflate::Piece::Bytes(&[0x80]),
    ]);
    (
        format!("memory-flate-runlength-bomb-{}mib.pdf", (runs * 128) >> 20),
        report_plus_stream("/Filter [/FlateDecode /RunLengthDecode]", &data),
    )
}

/// The report, then about `glyphs` glyphs of Helvetica `A`, 32 a `Tj`, in a deflated
/// content stream (about 6 bits for every 200 glyphs).
pub fn many_glyphs(glyphs: u64) -> (String, Vec<u8>) {
    const SHOW: &[u8] = b"(AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj\n";
    let shows = glyphs.div_ceil(32);
    let data = deflate::zlib(&[
        deflate::Piece::Bytes(b"BT /F2 1 Tf 72 100 Td\n"),
        deflate::Piece::Repeat {
            pattern: SHOW,
            len: shows * SHOW.len() as u64,
        },
        deflate::Piece::Bytes(b"ET\n"),
    ]);
    let mut b = pdf::Builder::new();
    let font = cjk_font(&mut b, None);
    let helvetica =
        b.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    let extra = b.stream("/Filter /FlateDecode", &data);
    (
        format!("memory-glyphs-{}m.pdf", shows * 32 / 1_000_000),
        report_pdf_with(
            b,
            font,
            Some(extra),
            &format!(" /F2 {}", pdf::r(helvetica)),
            "",
            LETTER,
        ),
    )
}

/// A Word document whose `word/document.xml` is the report's first paragraph and then
/// `<w:tbl><w:tr><w:tc>` repeated, never closed, to `size` bytes (deflated: about 5 bits
/// for every 258 bytes).
pub fn docx_deep_nest(size: u64) -> (String, Vec<u8>) {
    const NEST: &[u8] = b"<w:tbl><w:tr><w:tc>";
    let head = format!(
        "{DOCUMENT_START}<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
        REPORT[0]
    );
    let nest_len = size.saturating_sub(head.len() as u64) / NEST.len() as u64 * NEST.len() as u64;
    let document = zip::Entry::deflated(
        "word/document.xml",
        &[
            deflate::Piece::Bytes(head.as_bytes()),
            deflate::Piece::Repeat {
                pattern: NEST,
                len: nest_len,
            },
        ],
    );
    (
        format!("memory-docx-deep-nest-{}mib.docx", size >> 20),
        zip::write(&docx_entries(document)),
    )
}

// ---- Exponential work --------------------------------------------------------------------

/// `levels` form XObjects, each drawing the next twice (`/X Do /X Do`); the last strokes
/// a short line: 2^levels draws. The page shows the report and draws the first form.
pub fn exponential_forms(levels: usize) -> (String, Vec<u8>) {
    let mut b = pdf::Builder::new();
    let font = cjk_font(&mut b, None);
    let mut next = b.stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 612 792]",
        b"0 0 m 1 0 l S\n",
    );
    for _ in 1..levels {
        next = b.stream(
            &format!(
                "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X {} >> >>",
                pdf::r(next)
            ),
            b"/X Do /X Do\n",
        );
    }
    let draw = b.stream("", b"/X Do\n");
    (
        format!("exponential-forms-2e{levels}.pdf"),
        report_pdf_with(
            b,
            font,
            Some(draw),
            "",
            &format!("/XObject << /X {} >>", pdf::r(next)),
            LETTER,
        ),
    )
}

// ---- Wrong messages ----------------------------------------------------------------------

/// The report as a Word document whose `word/document.xml` has the "encrypted" bit (bit 0
/// of the general purpose flag) set in its local and central headers.
pub fn docx_encrypted_entry() -> (String, Vec<u8>) {
    let mut entries = docx_entries(zip::Entry::stored(
        "word/document.xml",
        report_document_xml().as_bytes(),
    ));
    for e in &mut entries {
        if e.name == "word/document.xml" {
            e.flags |= 1;
        }
    }
    (
        "wrong-docx-encrypted-entry.docx".into(),
        zip::write(&entries),
    )
}

/// A valid report .docx followed by `len` bytes of garbage (a zip reader looks for the
/// end record only in the last 64 KiB + 22 bytes, the longest archive comment).
pub fn docx_trailing_garbage(len: usize) -> (String, Vec<u8>) {
    let mut bytes = report_docx_bytes();
    let garbage = b"trailing garbage after the end of the zip\n";
    bytes.extend(garbage.iter().cycle().take(len));
    (
        format!("wrong-docx-trailing-garbage-{}kib.docx", len >> 10),
        bytes,
    )
}

/// A valid report .docx cut to 60% of its length (inside `word/document.xml`, before
/// the central directory).
pub fn docx_truncated() -> (String, Vec<u8>) {
    let mut bytes = report_docx_bytes();
    bytes.truncate(bytes.len() * 6 / 10);
    ("wrong-docx-truncated.docx".into(), bytes)
}

/// The report as UTF-8 text in a file named `.pdf`.
pub fn text_named_pdf() -> (String, Vec<u8>) {
    ("wrong-text-named.pdf".into(), report_text().into_bytes())
}

/// The normal report page with `/MediaBox [0 0 1000000000 1000000000]` (PDF has no
/// exponent notation).
pub fn mediabox_1e9() -> (String, Vec<u8>) {
    let mut b = pdf::Builder::new();
    let font = cjk_font(&mut b, None);
    (
        "wrong-mediabox-1e9.pdf".into(),
        report_pdf_with(b, font, None, "", "", "[0 0 1000000000 1000000000]"),
    )
}

/// The same with the text at the top of the huge page (first baseline at
/// y = 999,999,940), as a producer that writes from the top would place it.
pub fn mediabox_1e9_top() -> (String, Vec<u8>) {
    let mut b = pdf::Builder::new();
    let font = cjk_font(&mut b, None);
    let text = b.flate_stream("", &report_content_at(999_999_940));
    let resources = format!("<< /Font << /F1 {} >> >>", pdf::r(font));
    (
        "wrong-mediabox-1e9-top.pdf".into(),
        b.one_page("[0 0 1000000000 1000000000]", &resources, &pdf::r(text)),
    )
}

/// The normal report page with `/MediaBox [0 0 1e9 1e9]`: PDF numbers have no exponent,
/// so the page dictionary does not parse (a producer's bug seen in the wild).
pub fn mediabox_exponent() -> (String, Vec<u8>) {
    let mut b = pdf::Builder::new();
    let font = cjk_font(&mut b, None);
    (
        "wrong-mediabox-exponent.pdf".into(),
        report_pdf_with(b, font, None, "", "", "[0 0 1e9 1e9]"),
    )
}

// ---- The list ----------------------------------------------------------------------------

/// A generator and the class of misbehaviour its file provokes.
pub struct Generator {
    /// `control`, `abort`, `panic`, `memory`, `exponential` or `wrong-message`.
    pub class: &'static str,
    /// Makes the files (most make one).
    pub make: fn() -> Vec<(String, Vec<u8>)>,
}

macro_rules! one {
    ($class:literal, $e:expr) => {
        Generator {
            class: $class,
            make: || vec![$e],
        }
    };
}

/// Every generator with its default size.
pub const GENERATORS: &[Generator] = &[
    one!("control", control_pdf()),
    one!("control", control_docx()),
    one!("abort", predictor_columns_huge_png()),
    one!("abort", predictor_row_2tib()),
    one!("abort", predictor_row_5tib_png()),
    one!("abort", type4_deep_nesting(6_000)),
    one!("abort", type4_deep_nesting(60_000)),
    one!("panic", predictor_columns_zero()),
    one!("panic", predictor_colors_zero()),
    one!("panic", predictor_bpc_zero()),
    one!("panic", predictor_colors_bpc_256()),
    Generator {
        class: "panic",
        make: predictor_zero_png,
    },
    one!("memory", cid_widths_all()),
    one!("memory", flate_bomb(2_000_000_000)),
    one!("memory", runlength_bomb(1 << 23)),
    one!("memory", flate_runlength_bomb(1 << 25)),
    one!("memory", many_glyphs(30_000_000)),
    one!("memory", docx_deep_nest(64 << 20)),
    one!("memory", docx_deep_nest(240 << 20)),
    one!("exponential", exponential_forms(45)),
    one!("wrong-message", docx_encrypted_entry()),
    one!("wrong-message", docx_trailing_garbage(4 << 10)),
    one!("wrong-message", docx_trailing_garbage(128 << 10)),
    one!("wrong-message", docx_truncated()),
    one!("wrong-message", text_named_pdf()),
    one!("wrong-message", mediabox_1e9()),
    one!("wrong-message", mediabox_1e9_top()),
    one!("wrong-message", mediabox_exponent()),
];

#[cfg(test)]
mod tests {
    use super::*;
    use deflate::Piece;

    fn inflate(z: &[u8]) -> Vec<u8> {
        miniz_oxide::inflate::decompress_to_vec_zlib(z).expect("valid zlib")
    }

    #[test]
    fn adler_of_repeats_in_closed_form() {
        for (pattern, len) in [
            (&b"\x00"[..], 100_000u64),
            (b"\x81 ", 77_777),
            (b"<w:tbl><w:tr><w:tc>", 5_003),
        ] {
            let data: Vec<u8> = pattern.iter().copied().cycle().take(len as usize).collect();
            let mut direct = checksum::Adler32::new();
            direct.update(&data);
            let mut closed = checksum::Adler32::new();
            closed.update_repeat(pattern, len);
            assert_eq!(direct.finish(), closed.finish(), "{pattern:?} {len}");
        }
    }

    #[test]
    fn deflate_round_trips() {
        let cases: Vec<Vec<Piece<'_>>> = vec![
            vec![Piece::Bytes(b"")],
            vec![Piece::Bytes("一、总体情况 BT ET".as_bytes())],
            vec![Piece::Repeat {
                pattern: &[0],
                len: 1_000_003,
            }],
            vec![Piece::Repeat {
                pattern: b"\x81 ",
                len: 2,
            }],
            vec![
                Piece::Bytes(b"head "),
                Piece::Repeat {
                    pattern: b"<w:tbl><w:tr><w:tc>",
                    len: 123_457,
                },
                Piece::Bytes(b" tail"),
                Piece::Repeat {
                    pattern: b"(AAAA) Tj\n",
                    len: 9_999,
                },
            ],
        ];
        for pieces in cases {
            let mut expected = Vec::new();
            deflate::for_each_chunk(&pieces, |c| expected.extend_from_slice(c));
            assert_eq!(inflate(&deflate::zlib(&pieces)), expected);
            assert_eq!(deflate::crc32(&pieces), checksum::crc32(&expected));
        }
    }

    #[test]
    fn zeros_inflate_a_thousand_to_one() {
        let z = deflate::zlib(&[Piece::Repeat {
            pattern: &[0],
            len: 10_000_000,
        }]);
        assert!(z.len() < 10_000, "{}", z.len());
    }

    fn rfind(hay: &[u8], needle: &[u8]) -> usize {
        hay.windows(needle.len())
            .rposition(|w| w == needle)
            .unwrap()
    }

    #[test]
    fn pdf_xref_offsets_point_at_objects() {
        let (_, bytes) = control_pdf();
        let xref = rfind(&bytes, b"xref\n0 ");
        let tail = std::str::from_utf8(&bytes[xref..]).unwrap();
        let start: usize = tail[tail.find("startxref\n").unwrap() + 10..]
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(start, xref);
        let entries: Vec<&str> = tail
            .lines()
            .skip(3)
            .take_while(|l| l.ends_with(" n "))
            .collect();
        assert!(entries.len() > 5);
        for (i, line) in entries.iter().enumerate() {
            let off: usize = line[..10].parse().unwrap();
            assert!(bytes[off..].starts_with(format!("{} 0 obj\n", i + 1).as_bytes()));
        }
    }

    #[test]
    fn zip_entries_are_readable() {
        let (_, bytes) = docx_deep_nest(1 << 20);
        let le16 = |o: usize| usize::from(u16::from_le_bytes(bytes[o..o + 2].try_into().unwrap()));
        let le32 = |o: usize| u32::from_le_bytes(bytes[o..o + 4].try_into().unwrap());
        // Walk the local headers; each entry's data is what its header says.
        let mut at = 0;
        let mut names = Vec::new();
        while le32(at) == 0x0403_4b50 {
            let (method, crc, csize, size) = (
                le16(at + 8),
                le32(at + 14),
                le32(at + 18) as usize,
                le32(at + 22),
            );
            let name_len = le16(at + 26);
            let name = std::str::from_utf8(&bytes[at + 30..at + 30 + name_len]).unwrap();
            let data = &bytes[at + 30 + name_len..at + 30 + name_len + csize];
            let plain = if method == 8 {
                miniz_oxide::inflate::decompress_to_vec(data).unwrap()
            } else {
                data.to_vec()
            };
            assert_eq!(plain.len() as u32, size, "{name}");
            assert_eq!(checksum::crc32(&plain), crc, "{name}");
            if name == "word/document.xml" {
                assert!(plain.ends_with(b"<w:tbl><w:tr><w:tc>"));
            }
            names.push(name.to_string());
            at += 30 + name_len + csize;
        }
        assert_eq!(
            names,
            ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
        );
        assert_eq!(le32(at), 0x0201_4b50, "central directory follows");
    }

    #[test]
    fn generators_are_deterministic() {
        for g in GENERATORS.iter().filter(|g| g.class != "memory") {
            let a = (g.make)();
            let b = (g.make)();
            assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(&b) {
                assert_eq!(x.0, y.0);
                assert!(x.1 == y.1, "{} differs between runs", x.0);
            }
        }
        // The memory generators, small.
        type Make = fn() -> (String, Vec<u8>);
        let small: [Make; 5] = [
            || flate_bomb(10_000_000),
            || runlength_bomb(1_000),
            || flate_runlength_bomb(1_000),
            || many_glyphs(100_000),
            || docx_deep_nest(1 << 20),
        ];
        for make in small {
            let (a, b) = (make(), make());
            assert!(a == b, "{} differs between runs", a.0);
        }
    }
}
