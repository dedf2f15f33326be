//! The language server end to end: the real `nianbao lsp` over stdio with real JSON-RPC
//! framing.

mod drafter;
mod editor;
mod hostile;
mod same_findings;
mod text;
mod years;

use std::time::Duration;

use nianbao_tests::lsp_client::{apply_edits, position, Client};
use serde_json::{json, Value};

/// The server under test: this package's `nianbao` binary.
pub fn spawn() -> Client {
    Client::spawn(std::path::Path::new(env!("CARGO_BIN_EXE_nianbao")))
}

fn seed(name: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let f = p.file_name().unwrap().to_str().unwrap();
            f.starts_with(name) && f.ends_with(".txt")
        })
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

pub const VALID: &str = include_str!("../../../../tests/fixtures/valid/示例市2020年度报告.md");

fn code(d: &Value) -> &str {
    d["code"].as_str().unwrap_or("")
}

fn find<'a>(ds: &'a [Value], c: &str) -> Vec<&'a Value> {
    ds.iter().filter(|d| code(d) == c).collect()
}

fn range(sl: u64, sc: u64, el: u64, ec: u64) -> Value {
    json!({ "start": { "line": sl, "character": sc }, "end": { "line": el, "character": ec } })
}

#[test]
fn seed_004_diagnostics_quick_fix_and_exit() {
    let text = seed("004");
    let uri = "file:///tmp/%E6%B3%89%E6%B8%AF2020%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.txt";
    let mut c = crate::spawn();
    let init = c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    c.open(uri, &text);
    let ds = c.diagnostics(uri, 1);
    let row = find(&ds, "row-total-mismatch");
    assert_eq!(row.len(), 1);
    assert_eq!(row[0]["range"], range(77, 28, 77, 29));
    assert_eq!(row[0]["source"], "nianbao");
    assert!(row[0]["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .ends_with("docs/checks.md#row-total-mismatch"));
    assert_eq!(row[0]["relatedInformation"].as_array().unwrap().len(), 6);
    let column = find(&ds, "column-total-mismatch");
    assert_eq!(column[0]["range"], range(92, 7, 92, 9));
    assert!(column[0]["message"].as_str().unwrap().contains("应为 53"));

    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": row[0]["range"], "context": { "diagnostics": [row[0]] } }),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("a quick fix");
    // One cell explains this row total and the 自然人 column's: the fix changes it.
    assert!(row[0]["message"]
        .as_str()
        .unwrap()
        .contains("只需把「4.保护第三方合法权益」「自然人」由 2 改为 0"));
    assert!(column[0]["message"]
        .as_str()
        .unwrap()
        .contains("只需把「4.保护第三方合法权益」「自然人」由 2 改为 0"));
    assert_eq!(
        fix["title"],
        "将「4.保护第三方合法权益」「自然人」由 2 改为 0"
    );
    let edits = fix["edit"]["changes"][uri].as_array().unwrap().clone();
    let fixed = apply_edits(&text, &edits, true);
    assert!(fixed.contains("4. 保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0\t"));
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "range": edits[0]["range"], "text": edits[0]["newText"] }] }),
    );
    let ds = c.diagnostics(uri, 2);
    // No finding on table 三 is left.
    for code in [
        "row-total-mismatch",
        "column-total-mismatch",
        "balance-mismatch",
    ] {
        assert!(find(&ds, code).is_empty(), "{ds:?}");
    }
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn hover_and_inlay_hints_on_seed_004() {
    let text = seed("004");
    let uri = "file:///tmp/hover.txt";
    let mut c = crate::spawn();
    let init = c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    assert_eq!(init["capabilities"]["inlayHintProvider"], true);
    c.open(uri, &text);
    c.diagnostics(uri, 1);
    // The 总计 cell of 「4.保护第三方合法权益」 (line 78, UTF-16 column 28).
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 77, "character": 28 } }),
    );
    assert_eq!(hover["contents"]["kind"], "markdown");
    let md = hover["contents"]["value"].as_str().unwrap();
    for addend in [
        "自然人 2",
        "商业企业 0",
        "科研机构 0",
        "社会公益组织 0",
        "法律服务机构 0",
        "其他 0",
    ] {
        assert!(md.contains(addend), "{md}");
    }
    assert!(md.contains("= **2**，表中为 **0** ✗"), "{md}");
    assert_eq!(hover["range"], range(77, 28, 77, 29));
    // Inlay hints: the computed value beside each wrong total, and only there.
    let hints = c.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri }, "range": range(0, 0, 200, 0) }),
    );
    let got: Vec<(u64, u64, String)> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["position"]["line"].as_u64().unwrap(),
                h["position"]["character"].as_u64().unwrap(),
                h["label"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [(77, 29, "= 2".to_string()), (92, 9, "= 53".to_string())]
    );
    // With the setting, beside every total.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "nianbao": { "diagnosticsDelayMs": 0, "inlayHints": { "allTotals": true } } } }),
    );
    let hints = c.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri }, "range": range(0, 0, 200, 0) }),
    );
    assert!(hints.as_array().unwrap().len() > 20, "{hints}");
    // Nowhere in particular: no hover.
    let none = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(none.is_null() || none["contents"].is_object(), "{none}");
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn formatting_aligns_a_pipe_table_and_changes_no_cell() {
    let text = "# 某局2022年政府信息公开工作年度报告\n\n| 申请人情况 | 自然人 | 总计 |\n|---|---|---:|\n| 一、本年新收政府信息公开申请数量 | 40 | 45 |\n|（一）予以公开|20|22|\n";
    let uri = "file:///tmp/format.md";
    let mut c = crate::spawn();
    let init = c.initialize(&["utf-16"], json!({}));
    assert_eq!(init["capabilities"]["documentFormattingProvider"], true);
    assert_eq!(
        init["capabilities"]["documentRangeFormattingProvider"],
        true
    );
    c.open(uri, text);
    let edits = c.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    let edits = edits.as_array().unwrap().clone();
    assert_eq!(edits.len(), 4, "{edits:?}");
    let formatted = apply_edits(text, &edits, true);
    let rows: Vec<&str> = formatted.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(
        rows[2],
        "| 一、本年新收政府信息公开申请数量 | 40     |   45 |"
    );
    assert_eq!(
        rows[3],
        "| （一）予以公开                   | 20     |   22 |"
    );
    let cells = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with('|') && !l.contains("---"))
            .flat_map(|l| {
                l.split('|')
                    .map(|c| c.trim().to_string())
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    assert_eq!(cells(&formatted), cells(text));
    // Formatted again: nothing to do; a range before the table: nothing either.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": formatted }] }),
    );
    let again = c.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    assert_eq!(again, json!([]));
    let ranged = c.request(
        "textDocument/rangeFormatting",
        json!({ "textDocument": { "uri": uri }, "range": range(0, 0, 0, 3), "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    assert_eq!(ranged, json!([]));
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

/// A Markdown report with no tables at all, its part 三 empty.
fn report_without_tables(year: u16) -> String {
    format!(
        "# 某局{year}年政府信息公开工作年度报告\n\n## 一、总体情况\n\n本机关{year}年主动公开政府信息。\n\n## 二、主动公开政府信息情况\n\n见下表。\n\n## 三、收到和处理政府信息公开申请情况\n\n\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n无。\n\n## 五、存在的主要问题及改进情况\n\n无。\n\n## 六、其他需要报告的事项\n\n无。\n"
    )
}

#[test]
fn completion_inserts_the_official_table_three_of_the_reports_format() {
    let mut c = crate::spawn();
    let init = c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    assert!(init["capabilities"]["completionProvider"].is_object());
    for (year, label, rows) in [
        (2020, "插入表三（2019 年版）", 23),
        (2022, "插入表三（2021 年版）", 25),
    ] {
        let uri = format!("file:///tmp/skeleton{year}.md");
        let text = report_without_tables(year);
        c.open(&uri, &text);
        let before = c.diagnostics(&uri, 1);
        assert!(!find(&before, "missing-table").is_empty());
        let line = text.lines().position(|l| l.starts_with("## 三")).unwrap() as u64 + 2;
        let items = c.request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": 0 } }),
        );
        let item = items
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["label"] == label)
            .unwrap_or_else(|| panic!("no {label}: {items}"))
            .clone();
        let edit = item["textEdit"].clone();
        let done = apply_edits(&text, std::slice::from_ref(&edit), true);
        // In Markdown pipes: the document has no table to copy the style of.
        assert!(
            done.contains("| 一、本年新收政府信息公开申请数量 |  |  | 0 | 0 |"),
            "{done}"
        );
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "range": edit["range"], "text": edit["newText"] }] }),
        );
        let after = c.diagnostics(&uri, 2);
        for code in [
            "missing-row",
            "unknown-row",
            "wrong-cell-count",
            "other-format-row",
            "format-mismatch",
        ] {
            assert!(find(&after, code).is_empty(), "{year} {code}: {after:?}");
        }
        // Table 三 is there now; table 四 and the 第二十条 blocks are still missing.
        let missing: Vec<String> = find(&after, "missing-table")
            .iter()
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect();
        assert!(missing.iter().all(|m| !m.contains("表三")), "{missing:?}");
        // Every template row of the format, with numbers: its data rows.
        let data_rows = done
            .lines()
            .filter(|l| l.starts_with('|') && l.ends_with("| 0 |"))
            .count();
        assert_eq!(data_rows, rows, "{year}");
    }
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn outline_has_exactly_the_six_parts_in_order() {
    let mut c = crate::spawn();
    c.initialize(&["utf-16"], json!({}));
    let six = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ];
    for name in ["000", "001", "003", "004"] {
        let uri = format!("file:///tmp/{name}.txt");
        c.open(&uri, &seed(name));
        let symbols = c.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        );
        let names: Vec<&str> = symbols
            .as_array()
            .unwrap_or_else(|| panic!("{symbols}"))
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, six, "seed {name}");
        let requests = &symbols[2];
        assert!(
            requests["children"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["name"].as_str().unwrap().starts_with("表三")),
            "seed {name}"
        );
        let folds = c.request(
            "textDocument/foldingRange",
            json!({ "textDocument": { "uri": uri } }),
        );
        assert!(folds.as_array().unwrap().len() >= 8, "seed {name}");
    }
}

/// A deterministic xorshift generator, so that failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "1",
    "0",
    "\t",
    "规",
    "𠀀",
    "😀",
    "\r\n",
    "\n",
    "一、总体情况\n",
    "|",
    "\u{2028}",
    "\r",
    " ",
];

/// Sends `count` random edits without waiting, after `version`, tracking the text
/// locally; returns the last version sent.
fn burst(
    c: &mut Client,
    uri: &str,
    text: &mut String,
    mut version: i64,
    count: usize,
    utf16: bool,
    seed: u64,
) -> i64 {
    let mut rng = Rng(seed);
    for _ in 0..count {
        let chars: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let a = chars[rng.below(chars.len())];
        let b = chars
            [(chars.iter().position(|&x| x == a).unwrap() + rng.below(3)).min(chars.len() - 1)];
        let insert = if rng.below(3) == 0 {
            ""
        } else {
            PIECES[rng.below(PIECES.len())]
        };
        // Never split a \r\n pair: the protocol's positions cannot point between them.
        let splits_crlf = |o: usize| {
            o > 0
                && o < text.len()
                && text.as_bytes()[o - 1] == b'\r'
                && text.as_bytes()[o] == b'\n'
        };
        if splits_crlf(a) || splits_crlf(b) {
            continue;
        }
        let change = json!({ "range": { "start": position(text, a, utf16), "end": position(text, b, utf16) }, "text": insert });
        text.replace_range(a..b, insert);
        version += 1;
        c.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] }));
    }
    version
}

fn check_state(c: &mut Client, uri: &str, text: &str) {
    let state = c.request("nianbao/documentState", json!({ "uri": uri }));
    assert_eq!(state["text"].as_str().unwrap(), text);
    assert_eq!(
        state["blocks"].as_str().unwrap(),
        format!("{:?}", nianbao_syntax::parse_str(text)),
        "incremental parse differs from a full parse"
    );
}

#[test]
fn a_burst_of_edits_is_applied_in_order() {
    for (utf16, encodings) in [(true, vec!["utf-16"]), (false, vec!["utf-8", "utf-16"])] {
        let mut c = crate::spawn();
        let init = c.initialize(&encodings, json!({ "diagnosticsDelayMs": 0 }));
        assert_eq!(
            init["capabilities"]["positionEncoding"],
            if utf16 { "utf-16" } else { "utf-8" }
        );
        let uri = "file:///tmp/burst.md";
        let mut text = seed("004");
        c.open(uri, &text);
        let version = burst(&mut c, uri, &mut text, 1, 3000, utf16, 0x9e3779b97f4a7c15);
        check_state(&mut c, uri, &text);
        let burst_diagnostics = c.diagnostics(uri, version);
        // The same text opened fresh gives the same diagnostics.
        let fresh = "file:///tmp/fresh.md";
        c.open(fresh, &text);
        let fresh_diagnostics = c.diagnostics(fresh, 1);
        let strip = |ds: &[Value]| -> Vec<(Value, Value, Value)> {
            ds.iter()
                .map(|d| (d["code"].clone(), d["range"].clone(), d["message"].clone()))
                .collect()
        };
        assert_eq!(strip(&burst_diagnostics), strip(&fresh_diagnostics));
    }
}

#[test]
fn random_edit_sequences_match_a_full_parse() {
    for seed_value in 1..=6u64 {
        let utf16 = seed_value % 2 == 0;
        let mut c = crate::spawn();
        c.initialize(
            &[if utf16 { "utf-16" } else { "utf-8" }],
            json!({ "diagnosticsDelayMs": 0 }),
        );
        let uri = "file:///tmp/random.md";
        let mut text = [VALID.to_string(), seed("001"), VALID.replace('\n', "\r\n")]
            [seed_value as usize % 3]
            .clone();
        c.open(uri, &text);
        let mut version = 1;
        for round in 0..5 {
            version = burst(
                &mut c,
                uri,
                &mut text,
                version,
                60,
                utf16,
                seed_value * 1000 + round,
            );
            check_state(&mut c, uri, &text);
        }
    }
}

#[test]
fn astral_characters_crlf_and_line_separators_on_the_edge() {
    // 𠀀 and 😀 on the same line as the wrong total; CRLF line ends; U+2028 in a paragraph.
    let text = VALID
        .replace(
            "4.保护第三方合法权益\t2\t0\t0\t0\t0\t0\t2",
            "𠀀😀4.保护第三方合法权益\t2\t0\t0\t0\t0\t0\t3",
        )
        .replace("本机关主动公开政府信息", "本机关\u{2028}主动公开政府信息")
        .replace('\n', "\r\n");
    let line = text
        .split("\r\n")
        .position(|l| l.contains("𠀀😀4.保护"))
        .unwrap() as u64;
    let cell_utf16 = "\t\t𠀀😀4.保护第三方合法权益\t2\t0\t0\t0\t0\t0\t"
        .encode_utf16()
        .count() as u64;
    let cell_utf8 = "\t\t𠀀😀4.保护第三方合法权益\t2\t0\t0\t0\t0\t0\t".len() as u64;
    for (encodings, col) in [(vec!["utf-16"], cell_utf16), (vec!["utf-8"], cell_utf8)] {
        let mut c = crate::spawn();
        c.initialize(&encodings, json!({ "diagnosticsDelayMs": 0 }));
        c.open("file:///tmp/edge.md", &text);
        let ds = c.diagnostics("file:///tmp/edge.md", 1);
        let row = find(&ds, "row-total-mismatch");
        assert_eq!(row.len(), 1, "{ds:?}");
        assert_eq!(
            row[0]["range"],
            range(line, col, line, col + 1),
            "{encodings:?}"
        );
    }
}

#[test]
fn exits_after_shutdown_and_exit_with_stdin_open_and_when_stdin_closes() {
    let mut c = crate::spawn();
    c.initialize(&["utf-16"], json!({}));
    assert_eq!(
        c.shutdown_and_exit(),
        Some(0),
        "exit code after shutdown + exit, stdin still open"
    );

    let mut c = crate::spawn();
    c.initialize(&["utf-16"], json!({}));
    c.close_stdin();
    assert_eq!(
        c.wait_exit(Duration::from_secs(10)),
        Some(1),
        "exit when stdin closes, without shutdown"
    );
}

#[test]
fn only_reports_are_checked_and_settings_apply_without_restart() {
    let mut c = crate::spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    c.open(
        "file:///tmp/notes.md",
        "# 会议纪要\n\n一、总体情况\n\n讨论了表格。\n",
    );
    assert!(c.diagnostics("file:///tmp/notes.md", 1).is_empty());
    c.notify("workspace/didChangeConfiguration", json!({ "settings": { "nianbao": { "checkAllDocuments": true, "diagnosticsDelayMs": 0 } } }));
    let ds = c.diagnostics("file:///tmp/notes.md", 1);
    assert!(!find(&ds, "missing-part").is_empty());
    // Disabling a check and changing a severity.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "nianbao": { "checkAllDocuments": true, "diagnosticsDelayMs": 0, "disabledChecks": ["missing-part"], "severity": { "missing-table": "hint" } } } }),
    );
    let ds = c.diagnostics("file:///tmp/notes.md", 1);
    assert!(find(&ds, "missing-part").is_empty());
    assert!(find(&ds, "missing-table")
        .iter()
        .all(|d| d["severity"] == 4));
}

#[test]
fn a_bad_setting_is_reported_once_and_its_default_used() {
    let mut c = crate::spawn();
    c.initialize(
        &["utf-16"],
        json!({ "diagnosticsDelayMs": "soon", "unknownKey": 1 }),
    );
    let m = c.wait_for(|m| m["method"] == "window/showMessage");
    assert!(m["params"]["message"]
        .as_str()
        .unwrap()
        .contains("diagnosticsDelayMs"));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "nianbao": { "diagnosticsDelayMs": "soon" } } }),
    );
    c.drain(Duration::from_millis(500));
    assert!(
        !c.seen.iter().any(|m| m["method"] == "window/showMessage"),
        "said twice"
    );
}

#[test]
fn new_sum_findings_wait_for_a_pause_and_fixed_ones_go_at_once() {
    let uri = "file:///tmp/typing.md";
    let mut c = crate::spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 400 }));
    c.open(uri, VALID);
    c.drain(Duration::from_millis(900));
    c.seen.clear();
    // Type a digit into a total: the mismatch is new, so it waits.
    let at = VALID.find("\t49\n").unwrap() + 3;
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "range": { "start": position(VALID, at, true), "end": position(VALID, at, true) }, "text": "1" }] }));
    // Nothing of version 2 before the pause (what is on screen stays), then the finding.
    c.drain(Duration::from_millis(200));
    assert!(
        !c.seen.iter().any(|m| m["params"]["version"] == 2),
        "published before the pause: {:?}",
        c.seen
    );
    let later = c.diagnostics(uri, 2);
    assert_eq!(find(&later, "row-total-mismatch").len(), 1);
    // Delete it again: the finding disappears at once.
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "range": { "start": position(VALID, at, true), "end": position(VALID, at + 1, true) }, "text": "" }] }));
    assert!(find(&c.diagnostics(uri, 3), "row-total-mismatch").is_empty());
}

#[test]
fn closing_clears_diagnostics_and_requests_on_closed_documents_fail_cleanly() {
    let uri = "file:///tmp/closing.txt";
    let mut c = crate::spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    c.open(uri, &seed("004"));
    assert!(!c.diagnostics(uri, 1).is_empty());
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    let cleared = c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["version"].is_null()
    });
    assert!(cleared["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .is_empty());
    let response = c.request_raw(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(response["error"]["code"], -32602);
    // A change to a document never opened, and one past the end of the text: no crash.
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": "file:///never", "version": 9 }, "contentChanges": [{ "text": "x" }] }));
    c.open("file:///tmp/short.md", "一、总体情况");
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": "file:///tmp/short.md", "version": 2 }, "contentChanges": [{ "range": range(40, 3, 99, 0), "text": "\n二" }] }));
    let state = c.request(
        "nianbao/documentState",
        json!({ "uri": "file:///tmp/short.md" }),
    );
    assert_eq!(state["text"], "一、总体情况\n二");
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn fix_all_and_table_actions() {
    let uri = "file:///tmp/fixall.txt";
    let text = seed("004");
    let mut c = crate::spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    c.open(uri, &text);
    let before: Vec<Value> = c.diagnostics(uri, 1);
    let fix_all = |c: &mut nianbao_tests::lsp_client::Client| {
        c.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range(0, 0, 0, 0), "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
        )
    };
    // Seed 004: recomputing its totals would break 一 + 二 = （七） + 四; fix-all changes
    // the one cell that explains both failing sums instead.
    let actions = fix_all(&mut c);
    let edits = actions[0]["edit"]["changes"][uri]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(edits.len(), 1, "{before:?}");
    assert_eq!(edits[0]["newText"], "0");
    let fixed = apply_edits(&text, &edits, true);
    assert!(fixed.contains("4. 保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0\t"));
    // A valid report with one wrong row total: fix-all repairs it, the rest untouched.
    let broken = VALID.replace(
        "2.重复申请\t1\t0\t0\t0\t0\t0\t1",
        "2.重复申请\t1\t0\t0\t0\t0\t0\t3",
    );
    assert_ne!(broken, VALID);
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": broken }] }));
    assert!(!c.diagnostics(uri, 2).is_empty());
    let actions = fix_all(&mut c);
    let all = actions.as_array().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["kind"], "source.fixAll.nianbao");
    let edits = all[0]["edit"]["changes"][uri].as_array().unwrap().clone();
    let fixed = apply_edits(&broken, &edits, true);
    assert_eq!(fixed, VALID);
    // Inside that table: "recompute every total in this table".
    let line = broken
        .lines()
        .position(|l| l.contains("（七）总计"))
        .unwrap() as u64;
    let actions = c.request("textDocument/codeAction", json!({ "textDocument": { "uri": uri }, "range": range(line, 2, line, 2), "context": { "diagnostics": [] } }));
    let table = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "重新计算本表全部合计")
        .expect("table action");
    assert!(!table["edit"]["changes"][uri].as_array().unwrap().is_empty());
    assert_eq!(c.shutdown_and_exit(), Some(0));
}
