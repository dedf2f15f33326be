//! Input from the wild: odd files must give sensible results and never a panic.

use nianbao_tests::check_document;

fn codes(text: &str) -> Vec<&'static str> {
    check_document(text).1.iter().map(|d| d.code).collect()
}

const VALID: &str = include_str!("../fixtures/valid/示例市2020年度报告.md");

#[test]
fn empty_and_title_only_files() {
    let empty = codes("");
    assert_eq!(empty.iter().filter(|c| **c == "missing-part").count(), 6);
    let title = codes("某某局2020年政府信息公开工作年度报告");
    assert_eq!(title.iter().filter(|c| **c == "missing-part").count(), 6);
    assert_eq!(title.iter().filter(|c| **c == "missing-table").count(), 3);
}

#[test]
fn crlf_mixed_endings_and_u3000_do_not_change_findings() {
    assert!(codes(VALID).is_empty());
    let crlf = VALID.replace('\n', "\r\n");
    assert!(codes(&crlf).is_empty(), "{:?}", codes(&crlf));
    let mixed: String = VALID
        .split('\n')
        .enumerate()
        .map(|(i, l)| format!("{l}{}", ["\n", "\r\n", "\r"][i % 3]))
        .collect();
    assert!(codes(&mixed).is_empty(), "{:?}", codes(&mixed));
    let spaced = VALID.replace("\t40\t", "\t\u{3000}40\u{3000}\t");
    assert!(codes(&spaced).is_empty(), "{:?}", codes(&spaced));
}

#[test]
fn a_table_ending_at_end_of_file_without_newline() {
    let start = VALID.find("## 五").unwrap();
    let truncated = VALID[..start].trim_end();
    let found = codes(truncated);
    assert!(found.iter().all(|c| *c == "missing-part"), "{found:?}");
}

#[test]
fn html_and_pipe_tables_read_like_tab_tables() {
    // Table 三 of the valid report rewritten as a Markdown pipe table and as HTML.
    let start = VALID.find("（本列数据").unwrap();
    let end = VALID.find("\n\n## 四").unwrap();
    let rows: Vec<Vec<&str>> = VALID[start..end]
        .lines()
        .map(|l| l.split('\t').collect())
        .collect();
    let pipes: String = rows
        .iter()
        .map(|r| format!("| {} |\n", r.join(" | ")))
        .collect();
    let with_pipes = format!(
        "{}{}{}",
        &VALID[..start],
        pipes.replacen('\n', "\n|---|---|\n", 1),
        &VALID[end..]
    );
    assert!(codes(&with_pipes).is_empty(), "{:?}", codes(&with_pipes));
    let html: String = rows
        .iter()
        .map(|r| {
            format!(
                "<tr>{}</tr>\n",
                r.iter()
                    .map(|c| format!("<td><p>{c}</p></td>"))
                    .collect::<String>()
            )
        })
        .collect();
    let with_html = format!(
        "{}<table border=\"1\">\n{html}</table>{}",
        &VALID[..start],
        &VALID[end..]
    );
    assert!(codes(&with_html).is_empty(), "{:?}", codes(&with_html));
    let broken = with_html.replace("<td><p>24</p></td>", "<td><p>23</p></td>");
    assert_eq!(
        codes(&broken),
        ["row-total-mismatch", "column-total-mismatch"]
    );
}

#[test]
fn space_separated_rows() {
    let start = VALID.find("第二十条第（一）项").unwrap();
    let end = VALID.find("\n\n## 三").unwrap();
    let spaced = VALID[start..end].replace('\t', "  ");
    let text = format!("{}{}{}", &VALID[..start], spaced.trim_end(), &VALID[end..]);
    assert!(codes(&text).is_empty(), "{:?}", codes(&text));
}

#[test]
fn hostile_text_never_panics() {
    let nasty = [
        "\u{feff}\r\r\n\n\t|\n|\n<table><tr><td rowspan=999999999 colspan=x>𠀀</td>",
        "<table><table><table>",
        "第二十条第（\n|\n|\n|\n",
        "一、\t\t\t\n（七）总计\t９９９９９９９９９９９９９９９９９９９９９９９９９\t-０\n",
        "\u{2028}\u{85}😀\u{0}\t\u{3000}",
        "&#xFFFFFFFF;<td>&#0;</td></table>",
    ];
    for text in nasty {
        let _ = codes(text);
        let _ = codes(&text.repeat(50));
    }
}
