//! The `nianbao` binary end to end: exit codes, the three output formats, folders,
//! encodings and unreadable files. (Whole-report expectations on the seeds live in the
//! `tests/` package; these test the command line around them.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seeds() -> PathBuf {
    root().join("tests/fixtures/seeds")
}

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run nianbao")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_seeds_give_their_findings_and_exit_1() {
    let out = nianbao(&["check", "tests/fixtures/seeds"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    expect_test::expect_file!["../../../tests/fixtures/seeds/cli-human.expected"]
        .assert_eq(&stdout(&out));
}

#[test]
fn a_clean_report_exits_0() {
    let out = nianbao(&["check", "tests/fixtures/valid/示例市2020年度报告.md"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert_eq!(stdout(&out), "检查了 1 个文件，未发现问题。\n");
}

#[test]
fn a_missing_file_exits_2_with_a_clear_message() {
    let out = nianbao(&["check", "no/such/报告.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no/such/报告.md: 找不到文件或目录"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unreadable_file_is_reported_and_the_others_still_checked() {
    let dir = temp_dir("binary");
    std::fs::write(dir.join("报告.txt"), b"\x7fELF\x00\x00\x01binary").unwrap();
    std::fs::copy(
        seeds().join("004_2a4738e891b759f6.txt"),
        dir.join("004.txt"),
    )
    .unwrap();
    let out = nianbao(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("报告.txt: 不是文本文件"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("error[row-total-mismatch]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn gb18030_files_are_decoded_and_said_so() {
    let dir = temp_dir("gb18030");
    let text = std::fs::read_to_string(seeds().join("004_2a4738e891b759f6.txt")).unwrap();
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let path = dir.join("gb.txt");
    std::fs::write(&path, &bytes).unwrap();
    let out = nianbao(&["check", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("已按 GB18030 解码"),
        "{}",
        stderr(&out)
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(json
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "row-total-mismatch"));
}

#[test]
fn json_output_has_positions_ranges_and_fixes() {
    let out = nianbao(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/seeds/004_2a4738e891b759f6.txt",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let row = json
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "row-total-mismatch")
        .unwrap();
    assert_eq!(
        (row["line"].as_u64(), row["column"].as_u64()),
        (Some(78), Some(29))
    );
    assert_eq!(row["severity"], "error");
    assert!(row["message"].as_str().unwrap().contains("应为 2"));
    let start = row["range"]["start"].as_u64().unwrap() as usize;
    let text = std::fs::read_to_string(seeds().join("004_2a4738e891b759f6.txt")).unwrap();
    assert_eq!(&text[start..start + 1], "0");
    assert_eq!(row["fix"]["applicability"], "unsafe");
    assert_eq!(row["fix"]["edits"][0]["new_text"], "2");
    assert_eq!(row["related"].as_array().unwrap().len(), 6);
}

#[test]
fn sarif_output_is_sarif_2_1_0() {
    let out = nianbao(&["check", "--format", "sarif", "tests/fixtures/seeds"]);
    assert_eq!(out.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "nianbao");
    assert!(run["tool"]["driver"]["rules"].as_array().unwrap().len() >= 30);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 17);
    let first = &results[0];
    assert!(
        first["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .unwrap()
            >= 1
    );
    let rule_index = first["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(
        run["tool"]["driver"]["rules"][rule_index]["id"],
        first["ruleId"]
    );
}

#[test]
fn template_and_disable_options() {
    let out = nianbao(&[
        "check",
        "--template",
        "2021",
        "--format",
        "json",
        "tests/fixtures/valid/示例市2020年度报告.md",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(json
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "article20-other-format"));
    let out = nianbao(&[
        "check",
        "--disable",
        "missing-part,missing-table",
        "tests/fixtures/seeds/002_06f82d3c865ffb02.txt",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = nianbao(&[
        "check",
        "--disable",
        "no-such-check",
        "tests/fixtures/seeds",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-check"));
}

#[test]
fn wild_files_bom_empty_and_title_only() {
    let dir = temp_dir("wild");
    let report = std::fs::read(root().join("tests/fixtures/valid/示例市2020年度报告.md")).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&report);
    std::fs::write(dir.join("bom.md"), &bom).unwrap();
    let out = nianbao(&["check", dir.join("bom.md").to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a UTF-8 BOM changes nothing: {}",
        stdout(&out)
    );
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::write(dir.join("title.txt"), "某局2020年政府信息公开工作年度报告").unwrap();
    let out = nianbao(&[
        "check",
        "--format",
        "json",
        dir.join("empty.txt").to_str().unwrap(),
        dir.join("title.txt").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let per_file = |name: &str, code: &str| {
        json.as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"].as_str().unwrap().ends_with(name) && d["code"] == code)
            .count()
    };
    assert_eq!(per_file("empty.txt", "missing-part"), 6);
    assert_eq!(per_file("title.txt", "missing-table"), 3);
}
