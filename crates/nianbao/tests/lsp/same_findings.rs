//! `nianbao check` and `nianbao lsp` give the same findings — code, byte range, message,
//! fix title and edits — on every fixture: the CLI's JSON output against the server's
//! `publishDiagnostics` in UTF-8 positions, both turned into byte offsets.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

/// A finding as both sides can say it: (code, start, end, message, fix).
type Finding = (
    String,
    u64,
    u64,
    String,
    Option<(String, Vec<(u64, u64, String)>)>,
);

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files: Vec<PathBuf> = ["seeds", "valid"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("fixtures"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    files.sort();
    files
}

fn from_cli(path: &Path) -> Vec<Finding> {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("run nianbao check");
    let all: Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    all.as_array()
        .expect("a list")
        .iter()
        .map(|d| {
            let range = |v: &Value| (v["range"]["start"].as_u64(), v["range"]["end"].as_u64());
            let (start, end) = range(d);
            let fix = d["fix"].as_object().map(|f| {
                let edits = f["edits"]
                    .as_array()
                    .expect("edits")
                    .iter()
                    .map(|e| {
                        let (s, t) = range(e);
                        (
                            s.unwrap_or(0),
                            t.unwrap_or(0),
                            e["new_text"].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect();
                (f["title"].as_str().unwrap_or("").to_string(), edits)
            });
            (
                d["code"].as_str().unwrap_or("").to_string(),
                start.unwrap_or(0),
                end.unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_string(),
                fix,
            )
        })
        .collect()
}

fn from_server(text: &str) -> Vec<Finding> {
    let starts = nianbao_syntax::line_starts(text);
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap_or(0) as usize;
        starts.get(line).copied().unwrap_or(text.len()) as u64
            + p["character"].as_u64().unwrap_or(0)
    };
    let mut c = crate::spawn();
    c.initialize(
        &["utf-8"],
        json!({ "diagnosticsDelayMs": 0, "checkAllDocuments": true }),
    );
    let uri = "file:///tmp/fixture.txt";
    c.open(uri, text);
    let ds = c.diagnostics(uri, 1);
    c.shutdown_and_exit();
    ds.iter()
        .map(|d| {
            let fix = d.get("data").map(|data| {
                let edits = data["edits"]
                    .as_array()
                    .expect("edits")
                    .iter()
                    .map(|e| {
                        (
                            offset(&e["range"]["start"]),
                            offset(&e["range"]["end"]),
                            e["newText"].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect();
                (data["title"].as_str().unwrap_or("").to_string(), edits)
            });
            (
                d["code"].as_str().unwrap_or("").to_string(),
                offset(&d["range"]["start"]),
                offset(&d["range"]["end"]),
                d["message"].as_str().unwrap_or("").to_string(),
                fix,
            )
        })
        .collect()
}

#[test]
fn the_cli_and_the_server_give_the_same_findings_on_every_fixture() {
    let files = fixtures();
    assert!(files.len() >= 6, "{files:?}");
    let mut findings = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).expect("a fixture");
        let cli = from_cli(&path);
        let server = from_server(&text);
        assert_eq!(cli, server, "{}", path.display());
        findings += cli.len();
    }
    assert!(
        findings >= 15,
        "the fixtures have findings to compare: {findings}"
    );
}
