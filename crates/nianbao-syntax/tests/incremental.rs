//! Incremental reparse must equal a full parse: random edits — CJK, 𠀀, emoji, CRLF,
//! lone CR, tabs, bars, HTML — applied one by one to a [`Document`], compared after each
//! edit with a fresh parse of the same text (through the rope and through `&str`).
//!
//! The number of cases follows `PROPTEST_CASES` (default 256, which CI runs); run
//! `PROPTEST_CASES=20000 cargo test -p nianbao-syntax --test incremental` for a long run.

use nianbao_syntax::{parse_str, Document, Edit};
use proptest::prelude::*;

const SEEDS: &[&str] = &[
    include_str!("../../../tests/fixtures/seeds/000_1054c5726d89645b.txt"),
    include_str!("../../../tests/fixtures/seeds/001_d96056d888965bac.txt"),
    include_str!("../../../tests/fixtures/seeds/003_adbb303f957dc0c3.txt"),
    include_str!("../../../tests/fixtures/seeds/004_2a4738e891b759f6.txt"),
    "一、总体情况\n\n第二十条第（一）项\t\t\t\n信息内容\t本年新制作数量\n规章\t0\t0\t0\n\n\n规范性文件\t1\t1\t1\n",
    "二、主动公开\r\n|\r\n信息内容\r\n|\r\n规章\r\n|\r\n0\r\n|\r\n\r\n三、收到\r行政许可  899  -310  589\r行政处罚 1 2 3\r",
    "<table><tr><td rowspan=2>一、</td><td>本年新收</td><td>51</td></tr>\n<tr><td>2</td></tr></table>\n后文",
    "<html><head><title>年报</title>\n<script>\nvar a = '<p>x</p>';\n</script></head>\n<body><p>一、总体情况<o:p></o:p></p><p>正文。</p>\n<p>跨行\n的段落</p>\n<!-- 注释\n -->\n<p><strong>二、主动公开政府信息情况</strong></p>\n</body></html>\n",
    "| 自然人 | 商业企业 |\n|---|---|\n| 1 | 2 |\n\n- 3 -\n\n| 3 | 4 |\n𠀀😀\u{2028}段落\u{85}\n",
    "",
];

const FRAGMENTS: &[&str] = &[
    "\t",
    "|",
    "\n",
    "\r\n",
    "\r",
    "\n\n\n",
    "一、总体情况",
    "𠀀",
    "😀",
    "0",
    "12",
    "-7",
    "<table>",
    "<tr><td>",
    "</td>",
    "</table>",
    "第二十条第（一）项",
    "  ",
    "\u{3000}",
    "\u{2028}",
    "\u{85}",
    "**",
    "## ",
    "---",
    "- 3 -",
    "信息内容",
    "a",
    "。",
    "\n|\n",
    "（七）总计\t1\t2\t3",
    "３",
    "<!--",
    "-->",
    "<p>",
    "</p>",
    "<p><strong>二、主动公开政府信息情况</strong></p>",
    "<script>",
    "</script>",
    "<div>",
    "<h2>",
    "<a href=x>",
    "&nbsp;",
];

fn edit_strategy() -> impl Strategy<Value = (f64, usize, Vec<usize>)> {
    (
        0.0..=1.0f64,
        0usize..12,
        prop::collection::vec(0..FRAGMENTS.len(), 0..4),
    )
}

/// Turns fractions into an edit on char boundaries of `text`.
fn make_edit(text: &str, (at, delete, inserts): &(f64, usize, Vec<usize>)) -> Edit {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let i = ((boundaries.len() - 1) as f64 * at).round() as usize;
    let j = (i + delete).min(boundaries.len() - 1);
    Edit {
        range: boundaries[i]..boundaries[j],
        text: inserts.iter().map(|&k| FRAGMENTS[k]).collect(),
    }
}

fn apply(text: &mut String, edit: &Edit) {
    text.replace_range(edit.range.clone(), &edit.text);
}

proptest! {
    #[test]
    fn incremental_equals_full(seed in 0..SEEDS.len(), edits in prop::collection::vec(edit_strategy(), 1..12)) {
        let mut text = SEEDS[seed].to_string();
        let mut doc = Document::new(&text);
        for raw in &edits {
            let edit = make_edit(&text, raw);
            doc.apply_edit(&edit).expect("edit on char boundaries");
            apply(&mut text, &edit);
            prop_assert_eq!(doc.text(), text.clone());
            let full = parse_str(&text);
            prop_assert_eq!(doc.blocks(), &full[..], "after {:?}", edit);
            let from_rope = Document::new(&text);
            prop_assert_eq!(from_rope.blocks(), &full[..]);
        }
    }
}

#[test]
fn an_edit_in_a_table_cell_reparses_only_nearby_blocks() {
    let text = SEEDS[0];
    let mut doc = Document::new(text);
    let at = text.find("2652").expect("seed 000 has 2652");
    let stats = doc
        .apply_edit(&Edit {
            range: at..at + 1,
            text: "3".into(),
        })
        .unwrap();
    assert!(stats.reparsed <= 12, "{stats:?}");
    assert!(stats.kept_before > 50 && stats.kept_after > 10, "{stats:?}");
    assert_eq!(doc.blocks(), &parse_str(&doc.text())[..]);
}

#[test]
fn bad_edits_are_refused_and_change_nothing() {
    let mut doc = Document::new("规章\t𠀀\t0");
    let before = doc.blocks().to_vec();
    let inside_char = "规章\t".len() + 1;
    assert!(doc
        .apply_edit(&Edit {
            range: inside_char..inside_char,
            text: "x".into()
        })
        .is_err());
    assert!(doc
        .apply_edit(&Edit {
            range: 0..1000,
            text: String::new()
        })
        .is_err());
    assert_eq!(doc.blocks(), &before[..]);
    assert_eq!(doc.text(), "规章\t𠀀\t0");
}

#[test]
fn a_line_that_starts_where_the_inserted_text_ends() {
    // Found by the lsp_edits fuzzer: U+2028 is not a line break, `\r` is. Before the edit
    // the table row's line started at 0; after it, at 1 — right where "\r" ends.
    let old = "\u{2028}\t0\0\u{85}\t\u{85}\u{2028}";
    let mut doc = Document::new(old);
    doc.apply_edit(&Edit {
        range: 0..3,
        text: "\r".into(),
    })
    .unwrap();
    assert_eq!(
        doc.blocks(),
        &parse_str("\r\t0\0\u{85}\t\u{85}\u{2028}")[..]
    );
}
