//! What a drafter tripped over in the editor (issue 26), each shown not to happen any
//! more, over stdio as an editor drives the server.

use std::time::{Duration, Instant};

use nianbao_model::Decimal;
use nianbao_tests::lsp_client::{apply_edits, position, Client};
use nianbao_tests::years::{carried_in, year_before};
use serde_json::{json, Value};

use crate::{find, range, seed, spawn, VALID};

fn codes(ds: &[Value]) -> Vec<&str> {
    ds.iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect()
}

fn change(c: &mut Client, uri: &str, version: i64, range: Value, text: &str) {
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": range, "text": text }] }),
    );
}

/// Whether a `publishDiagnostics` of `uri` at `version` arrives within `d`.
fn published_within(c: &mut Client, uri: &str, version: i64, d: Duration) -> bool {
    c.drain(d);
    c.seen.iter().any(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["version"] == version
    })
}

/// The line that holds `label`, and the UTF-16 columns of the cells after the label
/// (each starts after a tab).
fn row_cells(text: &str, label: &str) -> (u64, Vec<u64>) {
    let (line, content) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(label))
        .unwrap();
    let after = content.find(label).unwrap() + label.len();
    let mut columns = Vec::new();
    let mut col = 0u64;
    for (i, ch) in content.char_indices() {
        col += ch.len_utf16() as u64;
        if ch == '\t' && i >= after {
            columns.push(col);
        }
    }
    (line as u64, columns)
}

#[test]
fn years_are_paired_when_the_title_starts_with_the_year() {
    let text = seed("004").replace(
        "泉港区人民政府 2020年政府信息公开工作年度报告",
        "2020年泉港区人民政府政府信息公开工作年度报告",
    );
    let report = nianbao_model::build_text(&text, &Default::default()).remove(0);
    let mut carried = carried_in(&report).unwrap();
    carried[1] = carried[1].checked_add(Decimal::from_int(3)).unwrap();
    let last = year_before(&text, &carried).unwrap();
    assert!(last.contains("2019年泉港区人民政府"), "the year is moved");
    let (uri, last_uri) = ("untitled:this-year", "untitled:last-year");
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    c.open(last_uri, &last);
    c.open(uri, &text);
    let m = c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|ds| ds.iter().any(|d| d["code"] == "last-year-mismatch"))
    });
    let ds = m["params"]["diagnostics"].as_array().unwrap();
    let found = find(ds, "last-year-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0]["message"]
        .as_str()
        .unwrap()
        .contains("「商业企业」"));
    assert_eq!(
        found[0]["relatedInformation"][0]["location"]["uri"],
        last_uri
    );
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn a_row_flagged_once_and_fixed_waits_for_the_pause_again() {
    let uri = "file:///tmp/flagged-once.txt";
    let text = seed("004");
    let (line, cells) = row_cells(&text, "4. 保护第三方合法权益");
    let natural = cells[0];
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 2000 }));
    c.open(uri, &text);
    let ds = c.diagnostics(uri, 1);
    assert_eq!(find(&ds, "row-total-mismatch").len(), 1);
    // Fixed (2 → 0): gone at once.
    change(&mut c, uri, 2, range(line, natural, line, natural + 1), "0");
    let ds = c.diagnostics(uri, 2);
    assert!(find(&ds, "row-total-mismatch").is_empty(), "{ds:?}");
    // Typing in the row again (0 → 5): the error is new again, and waits for the pause.
    change(&mut c, uri, 3, range(line, natural, line, natural + 1), "5");
    assert!(
        !published_within(&mut c, uri, 3, Duration::from_millis(1000)),
        "published before the pause"
    );
    let ds = c.diagnostics(uri, 3);
    assert_eq!(find(&ds, "row-total-mismatch").len(), 1, "{ds:?}");
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn retyping_a_cell_shows_no_blank_and_hides_no_error() {
    let uri = "file:///tmp/retyping.txt";
    let text = seed("004");
    let (line, cells) = row_cells(&text, "4. 保护第三方合法权益");
    // The 商业企业 cell of the flagged row: a 0.
    let cell = cells[1];
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 2000 }));
    c.open(uri, &text);
    let first = c.diagnostics(uri, 1);
    assert_eq!(
        codes(&first),
        [
            "row-total-mismatch",
            "column-total-mismatch",
            "unfilled-cell"
        ]
    );
    // Backspace over the 0, and type it again 120 ms later.
    change(&mut c, uri, 2, range(line, cell, line, cell + 1), "");
    std::thread::sleep(Duration::from_millis(120));
    change(&mut c, uri, 3, range(line, cell, line, cell), "0");
    let ds = c.diagnostics(uri, 3);
    assert_eq!(codes(&ds), codes(&first), "{ds:?}");
    // Nothing was published for the blank, then or after the pause.
    assert!(!published_within(
        &mut c,
        uri,
        2,
        Duration::from_millis(2500)
    ));
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn table_three_completion_offers_only_missing_rows_with_their_cells() {
    let uri = "file:///tmp/complete-rows.md";
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    c.open(uri, VALID);
    c.diagnostics(uri, 1);
    // On a number of a complete table: no row labels.
    let (line, cells) = row_cells(VALID, "1.属于国家秘密");
    for col in [cells[2], cells[2] + 1] {
        let items = c.request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": col } }),
        );
        let labels: Vec<&Value> = items
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == 20)
            .collect();
        assert!(labels.is_empty(), "{labels:?}");
    }
    // A row deleted and its label's start typed again: the row comes back with cells.
    let row = VALID
        .lines()
        .find(|l| l.contains("2.其他法律行政法规禁止公开"))
        .unwrap();
    let text = VALID.replace(&format!("{row}\n"), "\t\t2.其他\n");
    let at = text.find("\t\t2.其他\n").unwrap() + "\t\t2.其他".len();
    c.open(uri, &text);
    let before = c.diagnostics(uri, 1);
    assert!(!find(&before, "missing-row").is_empty(), "{before:?}");
    let items = c.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": position(&text, at, true) }),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == 20)
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["2.其他法律行政法规禁止公开"]);
    let item = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == 20)
        .unwrap();
    let done = apply_edits(&text, &[item["textEdit"].clone()], true);
    c.open(uri, &done);
    let after = c.diagnostics(uri, 1);
    assert!(find(&after, "missing-row").is_empty(), "{after:?}");
    assert!(find(&after, "wrong-cell-count").is_empty(), "{after:?}");
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn outline_names_are_plain_text() {
    let uri = "file:///tmp/outline-bold.md";
    let text = VALID.replacen(
        "## 一、总体情况\n",
        "## 一、总体情况\n\n**（一）主动公开情况**。全年主动公开政府信息 12 条。\n\n**2. 主要亮点和成效**\n",
        1,
    );
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({}));
    c.open(uri, &text);
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    fn names(symbols: &Value, out: &mut Vec<String>) {
        for s in symbols.as_array().into_iter().flatten() {
            out.push(s["name"].as_str().unwrap().to_string());
            names(&s["children"], out);
        }
    }
    let mut all = Vec::new();
    names(&symbols, &mut all);
    assert!(all.iter().any(|n| n == "（一）主动公开情况"), "{all:?}");
    assert!(all.iter().any(|n| n == "2. 主要亮点和成效"), "{all:?}");
    assert!(all.iter().all(|n| !n.contains('*')), "{all:?}");
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn hover_on_article20_values_headers_and_the_labels_without_numbers() {
    let uri = "file:///tmp/hover-gaps.md";
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({}));
    c.open(uri, VALID);
    let mut hover = |needle: &str, skip: usize| -> (Value, Value) {
        let at = VALID.match_indices(needle).nth(skip).unwrap().0 + needle.len() / 2;
        let at = (0..=at).rev().find(|&i| VALID.is_char_boundary(i)).unwrap();
        let h = c.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": position(VALID, at, true) }),
        );
        (h, position(VALID, at, true))
    };
    let inside = |h: &Value, p: &Value| {
        let (s, e) = (&h["range"]["start"], &h["range"]["end"]);
        let key = |v: &Value| {
            (
                v["line"].as_u64().unwrap(),
                v["character"].as_u64().unwrap(),
            )
        };
        key(s) <= key(p) && key(p) <= key(e)
    };
    // A 第二十条 value: its own range, its row and its column.
    let (h, p) = hover("规章\t1\t1\t5", 0);
    let (h, p) = if h["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .contains("本格")
    {
        (h, p)
    } else {
        // The cursor fell on the label: hover on the value 5 instead.
        hover("\t5\n", 0)
    };
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(inside(&h, &p), "{h}");
    assert!(md.contains("「规章」行") && md.contains("列"), "{md}");
    // 第二十条 headers.
    let (h, p) = hover("本年新制作数量", 0);
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.contains("「本年新制作数量」") && inside(&h, &p), "{md}");
    // Table 四's 未经复议直接起诉.
    let (h, _) = hover("未经复议直接起诉", 0);
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("行政诉讼（未经复议直接起诉）"),
        "{h}"
    );
    // 三、本年度办理结果 and （三）不予公开.
    let (h, _) = hover("三、本年度办理结果", 0);
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("「三、本年度办理结果」"),
        "{h}"
    );
    let (h, _) = hover("（三）不予公开", 0);
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(
        md.contains("「（三）不予公开」") && md.contains("1.属于国家秘密"),
        "{md}"
    );
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn one_cell_that_explains_two_findings_is_one_quick_fix() {
    let uri = "file:///tmp/culprit-once.txt";
    let text = seed("004");
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    c.open(uri, &text);
    let ds = c.diagnostics(uri, 1);
    let sums: Vec<Value> = ds
        .iter()
        .filter(|d| d["code"].as_str().unwrap().ends_with("total-mismatch"))
        .cloned()
        .collect();
    assert_eq!(sums.len(), 2);
    let table = text.find("申请人情况").unwrap();
    let end = text.find("四、结转下年度继续办理").unwrap();
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri },
                "range": { "start": position(&text, table, true), "end": position(&text, end, true) },
                "context": { "diagnostics": sums, "only": ["quickfix"] } }),
    );
    let fixes: Vec<&Value> = actions.as_array().unwrap().iter().collect();
    assert_eq!(fixes.len(), 1, "{fixes:?}");
    assert_eq!(
        fixes[0]["title"],
        "将「4.保护第三方合法权益」「自然人」由 2 改为 0"
    );
    assert_eq!(fixes[0]["diagnostics"].as_array().unwrap().len(), 2);
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn a_document_out_of_step_gets_no_edits() {
    let uri = "file:///tmp/stale.md";
    let misaligned =
        "| 申请人情况 | 总计 |\n|---|---|\n| 一、本年新收政府信息公开申请数量 | 45 |\n";
    let text = format!("{VALID}\n{misaligned}");
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    c.open(uri, &text);
    c.diagnostics(uri, 1);
    let formatting = json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 4, "insertSpaces": true } });
    let edits = c.request("textDocument/formatting", formatting.clone());
    assert!(!edits.as_array().unwrap().is_empty());
    // A repeated version: the server stops trusting its text.
    change(&mut c, uri, 1, range(0, 0, 0, 0), "x");
    c.wait_for(|m| m["method"] == "window/showMessage");
    let edits = c.request("textDocument/formatting", formatting);
    assert!(edits.is_null() || edits == json!([]), "{edits}");
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range(0, 0, 90, 0),
                "context": { "diagnostics": [] } }),
    );
    assert!(actions.is_null() || actions == json!([]), "{actions}");
    let items = c.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(items.is_null() || items == json!([]), "{items}");
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn the_server_exits_while_its_configuration_request_is_unanswered() {
    let mut c = spawn();
    c.request(
        "initialize",
        json!({ "processId": null, "rootUri": null,
                "capabilities": { "workspace": { "configuration": true } } }),
    );
    c.notify("initialized", json!({}));
    // The server asks; this client never answers.
    c.wait_for(|m| m["method"] == "workspace/configuration");
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn the_server_exits_when_stdin_closes_right_after_initialized() {
    for configuration in [false, true, false, true, false, true, false, true] {
        let mut c = spawn();
        c.request(
            "initialize",
            json!({ "processId": null, "rootUri": null,
                    "capabilities": { "workspace": { "configuration": configuration } },
                    "initializationOptions": { "disabledChecks": ["no-such-check"] } }),
        );
        c.notify("initialized", json!({}));
        c.close_stdin();
        let started = Instant::now();
        let code = c.wait_exit(Duration::from_secs(10));
        assert_eq!(code, Some(1), "no exit ({configuration})");
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}

#[test]
fn formatting_aligns_a_table_whose_header_holds_a_tab() {
    let uri = "file:///tmp/tab-header.md";
    let text = format!(
        "{VALID}\n| 申请人情况\t| 自然人 | 总计 |\n|---|---|---|\n| 一、本年新收 | 40 | 45 |\n"
    );
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({}));
    c.open(uri, &text);
    let edits = c.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    let done = apply_edits(&text, edits.as_array().unwrap(), true);
    assert!(
        done.ends_with(
            "| 申请人情况   | 自然人 | 总计 |\n| ------------ | ------ | ---- |\n| 一、本年新收 | 40     | 45   |\n"
        ),
        "{done}"
    );
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn a_cancelled_formatting_request_is_answered_as_cancelled() {
    let uri = "file:///tmp/cancel.md";
    // Many misaligned pipe tables: formatting takes a while in a debug build.
    let table = "| 申请人情况 | 自然人 | 总计 |\n|---|---|---|\n| 一、本年新收政府信息公开申请数量 | 40 | 45 |\n| 二、上年结转 | 1 | 1 |\n\n";
    let text = format!("{VALID}\n{}", table.repeat(20_000));
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({}));
    c.open(uri, &text);
    // The request and its cancellation, one right after the other.
    let id = 9001;
    c.send(json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/formatting",
                   "params": { "textDocument": { "uri": uri }, "options": { "tabSize": 4, "insertSpaces": true } } }));
    // Cancelled once the work has begun (before it began, the transport alone drops it).
    std::thread::sleep(Duration::from_millis(100));
    c.notify("$/cancelRequest", json!({ "id": id }));
    let answer = c.wait_for(|m| m["id"] == id && m.get("method").is_none());
    assert_eq!(answer["error"]["code"], -32800, "{answer}");
    // The server goes on serving.
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
    );
    let _ = h;
    assert_eq!(c.shutdown_and_exit(), Some(0));
}
