//! What a person sees while drafting, and what a hostile client sends, over stdio: each
//! test is a bug that the server had (issue 13), shown not to be there.

use nianbao_tests::lsp_client::{apply_edits, frame, Client};
use serde_json::{json, Value};

use crate::{find, range, seed, spawn};

fn code(d: &Value) -> &str {
    d["code"].as_str().unwrap_or("")
}

fn codes(ds: &[Value]) -> Vec<&str> {
    ds.iter().map(code).collect()
}

/// The first `publishDiagnostics` of `uri` at `version` (not a later one of the same
/// version).
fn first_publication(c: &mut Client, uri: &str, version: i64) -> Vec<Value> {
    c.diagnostics(uri, version)
}

/// Seed 004's line and UTF-16 column of the 自然人 cell of 「4.保护第三方合法权益」 (a 2).
fn cell(text: &str) -> (u64, u64) {
    let (line, content) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("保护第三方合法权益"))
        .unwrap();
    let at = content.find("\t2\t").unwrap() + 1;
    let col = content[..at].encode_utf16().count();
    (line as u64, col as u64)
}

#[test]
fn a_finding_on_screen_stays_while_its_numbers_change() {
    let uri = "file:///tmp/typing-004.txt";
    let text = seed("004");
    let cell = cell(&text);
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 300 }));
    c.open(uri, &text);
    // After didOpen nothing is being typed: every finding at once.
    let ds = first_publication(&mut c, uri, 1);
    assert_eq!(
        codes(&ds),
        [
            "row-total-mismatch",
            "column-total-mismatch",
            "unfilled-cell"
        ]
    );
    // 2 → 3 in the row whose total is already flagged: the first publication after the
    // edit carries the row's error with its new numbers, and the column's.
    c.notify(
        "textDocument/didChange",
        json!({
        "textDocument": { "uri": uri, "version": 2 },
        "contentChanges": [{ "range": range(cell.0, cell.1, cell.0, cell.1 + 1), "text": "3" }] }),
    );
    let ds = first_publication(&mut c, uri, 2);
    let row = find(&ds, "row-total-mismatch");
    assert_eq!(row.len(), 1, "{ds:?}");
    assert!(
        row[0]["message"]
            .as_str()
            .unwrap()
            .contains("「总计」应为 3（六类申请人之和），实为 0"),
        "{}",
        row[0]["message"]
    );
    let column = find(&ds, "column-total-mismatch");
    assert!(column[0]["message"].as_str().unwrap().contains("应为 54"));
    // A new finding about a place that had none waits for the pause: 四、结转's 自然人
    // cell made to break the balance.
    let carried = text
        .lines()
        .position(|l| l.starts_with("四、结转下年度继续办理"))
        .unwrap() as u64;
    let line = text.lines().nth(carried as usize).unwrap();
    let col = line
        .split('\t')
        .take(3)
        .map(|c| c.chars().count() + 1)
        .sum::<usize>() as u64;
    c.notify(
        "textDocument/didChange",
        json!({
        "textDocument": { "uri": uri, "version": 3 },
        "contentChanges": [{ "range": range(carried, col, carried, col), "text": "9" }] }),
    );
    // The whole publication waits (what is on screen stays meanwhile), then shows both.
    let later = first_publication(&mut c, uri, 3);
    assert!(!find(&later, "balance-mismatch").is_empty(), "{later:?}");
    assert!(!find(&later, "row-total-mismatch").is_empty());
    c.drain(std::time::Duration::from_millis(100));
    assert!(
        !c.seen.iter().any(|m| m["params"]["version"] == 3),
        "published twice"
    );
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn fix_all_on_every_seed_leaves_no_finding_that_was_not_there() {
    for name in ["000", "001", "002", "003", "004"] {
        let uri = format!("file:///tmp/fixall-{name}.txt");
        let text = seed(name);
        let mut c = spawn();
        c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
        c.open(&uri, &text);
        let before = c.diagnostics(&uri, 1);
        let actions = c.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range(0, 0, 0, 0),
                    "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
        );
        let edits = actions
            .as_array()
            .and_then(|a| a.first())
            .map(|a| a["edit"]["changes"][&uri].as_array().unwrap().clone())
            .unwrap_or_default();
        let fixed = apply_edits(&text, &edits, true);
        c.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": fixed }] }));
        let after = c.diagnostics(&uri, 2);
        let key = |d: &Value| (code(d).to_string(), d["range"]["start"]["line"].clone());
        for d in &after {
            assert!(
                before.iter().any(|b| key(b) == key(d)),
                "seed {name}: fix-all brought {d}"
            );
        }
        c.shutdown_and_exit();
    }
}

#[test]
fn a_document_that_is_no_report_gets_nothing() {
    let uri = "file:///tmp/notes.md";
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    c.open(
        uri,
        "# 会议纪要\n\n一、总体情况\n\n讨论了表格。\n\n二、主动公开\n\n总计 3 件。\n",
    );
    assert!(c.diagnostics(uri, 1).is_empty());
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(symbols, json!([]));
    let folds = c.request(
        "textDocument/foldingRange",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(folds, json!([]));
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn unfilled_cell_points_at_the_blank_cells() {
    for name in ["000", "004"] {
        let uri = format!("file:///tmp/blank-{name}.txt");
        let text = seed(name);
        let lines: Vec<&str> = text.split('\n').collect();
        let mut c = spawn();
        c.initialize(&["utf-8"], json!({ "diagnosticsDelayMs": 0 }));
        c.open(&uri, &text);
        let ds = c.diagnostics(&uri, 1);
        let blank = find(&ds, "unfilled-cell");
        assert_eq!(blank.len(), 1);
        let related = blank[0]["relatedInformation"].as_array().unwrap();
        assert_eq!(related.len(), 5);
        for r in std::iter::once(&blank[0]["range"])
            .chain(related.iter().map(|r| &r["location"]["range"]))
        {
            assert_eq!(r["start"], r["end"], "seed {name}: {r}");
            let line = lines[r["start"]["line"].as_u64().unwrap() as usize];
            let at = r["start"]["character"].as_u64().unwrap() as usize;
            // Between two separators (or at the line's start): no filled cell is covered.
            let before = line[..at].chars().last();
            let after = line[at..].chars().next();
            assert!(
                before.is_none_or(|c| c == '\t'),
                "seed {name}: {line:?} at {at}"
            );
            assert!(
                after.is_none_or(|c| c == '\t'),
                "seed {name}: {line:?} at {at}"
            );
        }
        c.shutdown_and_exit();
    }
}

#[test]
fn subsections_nest_under_their_parent_and_cover_their_section() {
    let uri = "file:///tmp/outline-000.txt";
    let text = seed("000");
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    c.open(uri, &text);
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let overview = &symbols[0];
    assert_eq!(overview["name"], "一、总体情况");
    let named = |list: &Value, name: &str| -> Value {
        list["children"]
            .as_array()
            .and_then(|cs| cs.iter().find(|s| s["name"] == name))
            .cloned()
            .unwrap_or_else(|| panic!("no {name} in {list}"))
    };
    let deployment = named(overview, "（二）政务公开工作部署和落实情况");
    let reading = named(&deployment, "1. 加强政策解读，主动引导预期");
    let children: Vec<&str> = reading["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        children,
        [
            "（1）深入解读重要政策措施",
            "（2）积极回应社会关切",
            "（3）增强解读回应效果"
        ]
    );
    // A section runs to the next one of its level, not just its heading line.
    let first = &reading["children"][0];
    assert!(first["range"]["end"]["line"].as_u64() > first["range"]["start"]["line"].as_u64());
    assert_eq!(
        first["range"]["end"]["line"].as_u64().unwrap() + 2,
        reading["children"][1]["range"]["start"]["line"]
            .as_u64()
            .unwrap()
    );
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn did_change_configuration_replaces_the_settings_and_names_unknown_codes() {
    let uri = "file:///tmp/settings-004.txt";
    let mut c = spawn();
    c.initialize(
        &["utf-16"],
        json!({ "diagnosticsDelayMs": 0, "disabledChecks": ["unfilled-cell"] }),
    );
    c.open(uri, &seed("004"));
    assert_eq!(c.diagnostics(uri, 1).len(), 2);
    // `disabledChecks` no longer sent: back to its default, every check on.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "nianbao": { "diagnosticsDelayMs": 0 } } }),
    );
    assert_eq!(c.diagnostics(uri, 1).len(), 3);
    // An unknown code is told to the person, once.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "nianbao": { "diagnosticsDelayMs": 0, "disabledChecks": ["no-such-check"] } } }),
    );
    let shown = c.wait_for(|m| m["method"] == "window/showMessage");
    assert!(shown["params"]["message"]
        .as_str()
        .unwrap()
        .contains("no-such-check"));
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn settings_are_pulled_from_a_client_that_answers_workspace_configuration() {
    let uri = "file:///tmp/pull-004.txt";
    let mut c = spawn();
    c.request(
        "initialize",
        json!({ "processId": null, "rootUri": null,
                "capabilities": { "workspace": { "configuration": true } } }),
    );
    c.notify("initialized", json!({}));
    let answer = |c: &mut Client, settings: Value| {
        let asked = c.wait_for(|m| m["method"] == "workspace/configuration");
        assert_eq!(asked["params"]["items"][0]["section"], "nianbao");
        c.send(json!({ "jsonrpc": "2.0", "id": asked["id"], "result": [settings] }));
    };
    answer(
        &mut c,
        json!({ "diagnosticsDelayMs": 0, "disabledChecks": ["unfilled-cell"] }),
    );
    c.open(uri, &seed("004"));
    assert_eq!(
        codes(&c.diagnostics(uri, 1)),
        ["row-total-mismatch", "column-total-mismatch"]
    );
    // VS Code sends `null` and expects the pull.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": null }),
    );
    answer(&mut c, json!({ "diagnosticsDelayMs": 0 }));
    // The document may have been published twice with the first settings (on `didOpen`,
    // and when the pull made on `initialized` was answered, whichever ran first): what
    // matters is that the new settings are followed, so wait for that publication.
    c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.len() == 3)
    });
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn any_uri_is_accepted_and_echoed_back_exactly() {
    let text = seed("004");
    let cell = cell(&text);
    for uri in [
        "file:///报告/2020年年度报告.md",
        "file:///tmp/my report 2020.md",
        "file:///tmp/100%zz%.md",
        "untitled:Untitled-1",
    ] {
        let mut c = spawn();
        c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
        c.open(uri, &text);
        let ds = c.diagnostics(uri, 1);
        assert_eq!(ds.len(), 3, "{uri}");
        assert_eq!(
            ds[0]["relatedInformation"][0]["location"]["uri"], uri,
            "related places name the document as sent"
        );
        let symbols = c.request_raw(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        );
        assert!(symbols.get("error").is_none(), "{uri}: {symbols}");
        c.notify("textDocument/didChange", json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": range(cell.0, cell.1, cell.0, cell.1 + 1), "text": "0" }] }));
        let ds = c.diagnostics(uri, 2);
        assert!(
            find(&ds, "row-total-mismatch").is_empty(),
            "{uri}: the edit applied"
        );
        // A quick fix echoes the diagnostics it is for and edits the document by its name.
        let ds_with_fix: Vec<Value> = ds
            .iter()
            .filter(|d| d.get("data").is_some())
            .cloned()
            .collect();
        let actions = c.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range(0, 0, 200, 0),
                    "context": { "diagnostics": ds_with_fix, "only": ["quickfix"] } }),
        );
        for a in actions.as_array().unwrap() {
            let changes = a["edit"]["changes"].as_object().unwrap();
            assert_eq!(changes.keys().collect::<Vec<_>>(), [uri]);
        }
        c.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        );
        let cleared = c.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"].get("version").is_none()
        });
        assert_eq!(cleared["params"]["diagnostics"], json!([]));
        c.shutdown_and_exit();
    }
}

/// A request that answers at once (the state of a document not open: null).
fn probe(id: i64) -> String {
    json!({ "jsonrpc": "2.0", "id": id, "method": "nianbao/documentState",
            "params": { "uri": "file:///nothing.md" } })
    .to_string()
}

fn guarded() -> Client {
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({}));
    c
}

#[test]
fn the_guard_reads_a_valid_frame_right_after_a_bad_header() {
    let mut c = guarded();
    let mut bytes = b"Content-Type: application/json\r\n\r\n".to_vec();
    bytes.extend(frame(&probe(41)));
    c.send_raw(&bytes);
    assert!(c.wait_for(|m| m["id"] == 41).get("result").is_some());
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn the_guard_takes_the_length_from_content_length_alone() {
    let mut c = guarded();
    let body = probe(42);
    c.send_raw(
        format!(
            "Content-Length: {}\r\nX-Original-Content-Length: 3\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    );
    assert!(c.wait_for(|m| m["id"] == 42).get("result").is_some());
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn the_guard_reads_headers_ended_by_lf_alone() {
    let mut c = guarded();
    let body = probe(43);
    c.send_raw(format!("Content-Length: {}\n\n{body}", body.len()).as_bytes());
    assert!(c.wait_for(|m| m["id"] == 43).get("result").is_some());
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn an_undecodable_request_is_answered_with_its_own_id() {
    let mut c = guarded();
    c.send_raw(&frame(
        r#"{"jsonrpc":"2.0","id":44,"method":"x","params":{"#,
    ));
    let e = c.wait_for(|m| m["id"] == 44);
    assert_eq!(e["error"]["code"], -32700);
    c.send_raw(&frame(r#"{"jsonrpc":"1.0","id":"q-45","method":"x"}"#));
    let e = c.wait_for(|m| m["id"] == "q-45");
    assert_eq!(e["error"]["code"], -32600);
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn a_lone_surrogate_is_read_as_a_replacement_character_and_the_texts_stay_equal() {
    let uri = "file:///tmp/surrogate.md";
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    c.open(uri, "ab");
    // JSON with a lone surrogate escape, as a JavaScript client may send it.
    let body = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{uri}","version":2}},"contentChanges":[{{"range":{},"text":"\ud800"}}]}}}}"#,
        range(0, 1, 0, 1)
    );
    c.send_raw(&frame(&body));
    // The client's text is now a, U+D800, b: one UTF-16 unit each. An edit after it lands
    // where the client put it.
    c.notify(
        "textDocument/didChange",
        json!({
        "textDocument": { "uri": uri, "version": 3 },
        "contentChanges": [{ "range": range(0, 2, 0, 2), "text": "c" }] }),
    );
    let state = c.request("nianbao/documentState", json!({ "uri": uri }));
    assert_eq!(state["text"], "a\u{FFFD}cb");
    assert_eq!(state["version"], 3);
    assert_eq!(state["diverged"], false);
    assert_eq!(c.shutdown_and_exit(), Some(0));
}

#[test]
fn an_edit_that_cannot_be_applied_stops_the_squiggles_and_says_so() {
    let uri = "file:///tmp/diverged-004.txt";
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({ "diagnosticsDelayMs": 0 }));
    c.open(uri, &seed("004"));
    assert_eq!(c.diagnostics(uri, 1).len(), 3);
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": "nope" }),
    );
    let told = c.wait_for(|m| m["method"] == "window/showMessage");
    assert!(told["params"]["message"]
        .as_str()
        .unwrap()
        .contains("重新打开"));
    // Nothing wrong is shown: the squiggles are cleared and stay so.
    let cleared = c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    // Opened again, it is checked again.
    c.open(uri, &seed("004"));
    assert_eq!(c.diagnostics(uri, 1).len(), 3);
    assert_eq!(c.shutdown_and_exit(), Some(0));
}
