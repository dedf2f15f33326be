//! Last year's report in the editor (`last-year-mismatch`): read from the document's
//! folder on disk when it is not open, from the editor when it is.

use nianbao_model::Decimal;
use nianbao_tests::lsp_client::Client;
use nianbao_tests::years::{carried_in, year_before};
use serde_json::{json, Value};

use crate::{seed, spawn};

/// The `last-year-mismatch` findings of the next publication of `uri` that satisfies
/// `pred` on them. Publications read while waiting for an earlier one are older than the
/// action this waits on: they are dropped first.
fn wait_mismatches(c: &mut Client, uri: &str, pred: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    wait_code(c, uri, "last-year-mismatch", pred)
}

/// The findings of `code` of the next publication of `uri` that satisfies `pred` on
/// them, publications received before dropped first (as [`wait_mismatches`]).
pub fn wait_code(
    c: &mut Client,
    uri: &str,
    code: &str,
    pred: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    c.seen.retain(|m| {
        !(m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
    });
    let m = c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && pred(&of_code(m, code))
    });
    of_code(&m, code)
}

fn of_code(m: &Value, code: &str) -> Vec<Value> {
    m["params"]["diagnostics"]
        .as_array()
        .map(|ds| ds.iter().filter(|d| d["code"] == code).cloned().collect())
        .unwrap_or_default()
}

/// Seed 004 as the report of the year before, carrying over `more` more in 商业企业 than
/// seed 004 carries in.
fn year_before_004(more: i64) -> String {
    let text = seed("004");
    let report = nianbao_model::build_text(&text, &Default::default()).remove(0);
    let mut carried = carried_in(&report).unwrap();
    carried[1] = carried[1].checked_add(Decimal::from_int(more)).unwrap();
    year_before(&text, &carried).unwrap()
}

#[test]
fn last_years_report_is_read_from_the_folder_and_from_the_editor() {
    let dir = std::env::temp_dir().join(format!("nianbao-lsp-years-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let this = dir.join("report-2020.txt");
    let last = dir.join("report-2019.txt");
    std::fs::write(&this, seed("004")).unwrap();
    std::fs::write(&last, year_before_004(3)).unwrap();
    let uri = format!("file://{}", this.display());
    let last_uri = format!("file://{}", last.display());

    let mut c = spawn();
    c.initialize(&["utf-16"], json!({}));
    c.open(&uri, &seed("004"));
    // Last year's file is not open: read from disk, and the finding points into it.
    let found = wait_mismatches(&mut c, &uri, |m| !m.is_empty());
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert!(
        d["message"].as_str().unwrap().contains("「商业企业」为 0"),
        "{d}"
    );
    let related = &d["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], last_uri.as_str());
    assert_eq!(
        related["range"]["start"],
        json!({ "line": 93, "character": 14 })
    );

    // Opened with the figures that agree: what the editor holds counts, not the disk.
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": last_uri, "languageId": "plaintext", "version": 1, "text": year_before_004(0) } }),
    );
    assert_eq!(
        wait_mismatches(&mut c, &uri, <[Value]>::is_empty),
        Vec::<Value>::new()
    );
    // Closed without saving: the disk's figures again.
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": last_uri } }),
    );
    assert_eq!(wait_mismatches(&mut c, &uri, |m| !m.is_empty()).len(), 1);
    // Changed on disk, then this document saved: the folder is read again.
    std::fs::write(&last, year_before_004(0)).unwrap();
    c.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(
        wait_mismatches(&mut c, &uri, <[Value]>::is_empty),
        Vec::<Value>::new()
    );
    assert_eq!(c.shutdown_and_exit(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn last_years_report_is_found_in_another_folder_of_the_workspace() {
    let root = std::env::temp_dir().join(format!("nianbao-lsp-workspace-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for year in ["2019", "2020", "node_modules"] {
        std::fs::create_dir_all(root.join(year)).unwrap();
    }
    let this = root.join("2020/report.txt");
    std::fs::write(&this, seed("004")).unwrap();
    std::fs::write(root.join("2019/report.txt"), year_before_004(3)).unwrap();
    let uri = format!("file://{}", this.display());
    let workspace = format!("file://{}", root.display());

    let mut c = spawn();
    c.request(
        "initialize",
        json!({
            "processId": null,
            "capabilities": { "general": { "positionEncodings": ["utf-16"] } },
            "workspaceFolders": [{ "uri": workspace, "name": "reports" }],
        }),
    );
    c.notify("initialized", json!({}));
    c.open(&uri, &seed("004"));
    let found = wait_mismatches(&mut c, &uri, |m| !m.is_empty());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0]["relatedInformation"][0]["location"]["uri"],
        format!("file://{}", root.join("2019/report.txt").display()).as_str()
    );
    assert_eq!(c.shutdown_and_exit(), Some(0));

    // Without the workspace folder, only the document's own folder is read: nothing.
    let mut c = spawn();
    c.initialize(&["utf-16"], json!({}));
    c.open(&uri, &seed("004"));
    let ds = c.diagnostics(&uri, 1);
    assert!(
        ds.iter().all(|d| d["code"] != "last-year-mismatch"),
        "{ds:?}"
    );
    assert_eq!(c.shutdown_and_exit(), Some(0));
    let _ = std::fs::remove_dir_all(&root);
}
