//! The checks of the text in the editor: the fee statement of part 六 (and the sentence
//! completion offers for it), part 一's length, a part 五 that says nothing, and a part
//! copied from last year's report open beside it (with the hover that lists the
//! sentences).

use nianbao_tests::lsp_client::apply_edits;
use serde_json::{json, Value};

use crate::find;

const VALID_2021: &str = include_str!("../../../nianbao-checks/test_data/valid_2021.txt");
const PROBLEMS: &str = "一是公开内容不够全面；二是解读回应不够及时。下一步将加强培训，完善制度。";

fn messages(ds: &[Value], code: &str) -> Vec<String> {
    find(ds, code)
        .iter()
        .map(|d| d["message"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn fee_overview_and_problems_are_shown_and_the_fee_sentence_completed() {
    let mut c = crate::spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    let text = VALID_2021
        .replace("本年度未收取信息处理费。", "无其他需要报告的事项。\n")
        .replace(PROBLEMS, "无。")
        .replace(
            "2022 年，本机关主动公开政府信息 1200 条。",
            &format!(
                "2022 年，本机关主动公开政府信息 1200 条。{}",
                "政".repeat(1000)
            ),
        );
    let uri = "file:///tmp/text-checks-2022.md";
    c.open(uri, &text);
    let ds = c.diagnostics(uri, 1);
    let fee = messages(&ds, "fee-statement-missing");
    assert_eq!(fee.len(), 1, "{ds:?}");
    assert!(
        fee[0].starts_with("第六部分没有报告信息处理费的收取情况"),
        "{fee:?}"
    );
    let long = messages(&ds, "overview-too-long");
    assert_eq!(long.len(), 1, "{ds:?}");
    assert!(long[0].contains("正文 10"), "{long:?}");
    assert_eq!(find(&ds, "overview-too-long")[0]["severity"], 3, "info");
    let thin = messages(&ds, "problems-part-thin");
    assert_eq!(thin, ["第五部分「存在的主要问题及改进情况」只写了「无」：请如实写明本年度存在的主要问题和改进情况"]);
    // Each on its part's heading.
    let heading_line = |title: &str| text.lines().position(|l| l.contains(title)).unwrap() as u64;
    assert_eq!(
        find(&ds, "fee-statement-missing")[0]["range"]["start"]["line"],
        heading_line("六、其他需要报告的事项")
    );
    assert_eq!(
        find(&ds, "problems-part-thin")[0]["range"]["start"]["line"],
        heading_line("五、存在的主要问题")
    );

    // On the empty line of part 六: the sentence with its amount a placeholder.
    let line = heading_line("无其他需要报告的事项。") + 1;
    let items = c.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": 0 } }),
    );
    let item = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "信息处理费的收取情况（句式）")
        .unwrap_or_else(|| panic!("no fee sentence: {items}"))
        .clone();
    let edit = item["textEdit"].clone();
    let done = apply_edits(&text, std::slice::from_ref(&edit), true);
    assert!(
        done.contains("无其他需要报告的事项。\n本年度收取信息处理费（金额）元。"),
        "{done}"
    );
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "range": edit["range"], "text": edit["newText"] }] }),
    );
    let ds = c.diagnostics(uri, 2);
    assert_eq!(
        messages(&ds, "fee-statement-missing")
            .iter()
            .map(|m| m.split('，').next().unwrap_or(""))
            .collect::<Vec<_>>(),
        ["第六部分关于信息处理费只有占位文字「信息处理费（金额）」"]
    );
    // The amount filled in: said.
    let filled = done.replace("（金额）", " 0 ");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": filled }] }),
    );
    let ds = c.diagnostics(uri, 3);
    assert!(find(&ds, "fee-statement-missing").is_empty(), "{ds:?}");
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn a_part_copied_from_last_years_report_open_beside_it() {
    let mut c = crate::spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    // Last year's report of the body: its part 五 is this year's, the rest another text.
    let last = VALID_2021.replacen("2022 年", "2021 年", 1).replace(
        "本机关主动公开政府信息 1200 条。",
        "本机关主动公开政府信息 1100 条。",
    );
    let last_uri = "file:///tmp/copied/report-2021.md";
    let uri = "file:///tmp/copied/report-2022.md";
    c.open(last_uri, &last);
    c.open(uri, VALID_2021);
    let found = crate::years::wait_code(&mut c, uri, "copied-from-last-year", |m| !m.is_empty());
    let messages: Vec<&str> = found
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        ["第五部分 3 句中有 3 句与 2021 年报告相同（去掉年份后逐句比较）：年度报告应按本年度情况撰写，不得照抄上一年度"]
    );
    let five = VALID_2021
        .lines()
        .position(|l| l.contains("五、存在的主要问题"))
        .unwrap() as u64;
    assert_eq!(found[0]["range"]["start"]["line"], five);
    let related = &found[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], last_uri);
    assert_eq!(related["location"]["range"]["start"]["line"], five);
    assert_eq!(related["message"], "2021 年报告的第五部分");

    // Hover on the heading: the sentences, one by one.
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": five, "character": 5 } }),
    );
    let md = hover["contents"]["value"].as_str().unwrap_or("");
    assert!(
        md.contains("3 句中有 3 句与 2021 年报告的同一部分相同"),
        "{md}"
    );
    for sentence in [
        "一是公开内容不够全面；",
        "二是解读回应不够及时。",
        "下一步将加强培训，完善制度。",
    ] {
        assert!(md.contains(&format!("- {sentence}")), "{md}");
    }

    // Last year's part 五 rewritten in the editor: nothing copied.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": last_uri, "version": 2 }, "contentChanges": [{ "text": last.replace(PROBLEMS, "一是政策解读形式比较单一；二是依申请公开答复质量有待提高。下一步将丰富解读形式，规范答复文书。") }] }),
    );
    let found = crate::years::wait_code(&mut c, uri, "copied-from-last-year", <[Value]>::is_empty);
    assert!(found.is_empty());
    assert_eq!(c.shutdown_and_exit(), Some(0));
}
