//! The `nianbao` binary end to end: exit codes, the three output formats, folders,
//! encodings and unreadable files. (Whole-report expectations on the seeds live in the
//! `tests/` package; these test the command line around them.)

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::{nianbao, root, stderr, stdout};

fn seeds() -> PathBuf {
    root().join("tests/fixtures/seeds")
}

/// The first finding of `code` in `nianbao check --format json` output.
fn json_finding(out: &Output, code: &str) -> serde_json::Value {
    json_findings(out, code)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no {code} finding"))
}

/// The findings of `code` in a run's JSON output.
fn json_findings(out: &Output, code: &str) -> Vec<serde_json::Value> {
    let json: serde_json::Value = serde_json::from_str(&stdout(out)).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .cloned()
        .collect()
}

fn temp_dir(name: &str) -> common::Scratch {
    common::temp_dir("cli", name)
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
    let row = json_finding(&out, "row-total-mismatch");
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
    // The one cell that explains this sum and the column's: 「自然人」 2 → 0.
    assert_eq!(row["fix"]["edits"][0]["new_text"], "0");
    let cell = row["fix"]["edits"][0]["range"]["start"].as_u64().unwrap() as usize;
    assert_eq!(&text[cell..cell + 1], "2");
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

/// Runs `nianbao ARGS` and fails the test if it does not end within 30 s (instead of
/// hanging the test run): the bugs below were hangs.
fn nianbao_within(args: &[&str]) -> Output {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run nianbao");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut o = Vec::new();
        let _ = out.read_to_end(&mut o);
        o
    });
    let err_reader = std::thread::spawn(move || {
        let mut e = Vec::new();
        let _ = err.read_to_end(&mut e);
        e
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("nianbao {args:?} did not end within 30 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Output {
        status,
        stdout: reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

fn seed_004() -> PathBuf {
    seeds().join("004_2a4738e891b759f6.txt")
}

#[cfg(unix)]
#[test]
fn two_parent_symlinks_do_not_make_the_walk_endless() {
    let dir = temp_dir("updirs");
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::copy(seed_004(), dir.join("a/b/r.txt")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("a/b/up1")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("a/b/up2")).unwrap();
    let out = nianbao_within(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out).matches("error[row-total-mismatch]").count(), 1);
    // Followed on request: each loop said once, the report still checked once.
    let out = nianbao_within(&["check", "--follow", dir.to_str().unwrap()]);
    assert_eq!(stdout(&out).matches("error[row-total-mismatch]").count(), 1);
    assert_eq!(
        stderr(&out).matches("符号链接形成循环").count(),
        2,
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_once() {
    let dir = temp_dir("loop");
    std::fs::copy(seed_004(), dir.join("r.txt")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("self")).unwrap();
    std::os::unix::fs::symlink("b.md", dir.join("a.md")).unwrap();
    std::os::unix::fs::symlink("a.md", dir.join("b.md")).unwrap();
    let out = nianbao_within(&["check", "--follow", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("self: 符号链接形成循环").count(), 1, "{err}");
    assert_eq!(err.matches("a.md: 符号链接形成循环").count(), 1, "{err}");
}

#[cfg(unix)]
#[test]
fn a_fifo_named_or_in_a_folder_is_skipped_not_opened() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    std::fs::copy(seed_004(), dir.join("r.txt")).unwrap();
    let out = nianbao_within(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("pipe.txt: 是命名管道（FIFO），不是普通文件，已跳过"));
    let out = nianbao_within(&["check", fifo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("是命名管道"));
    assert!(
        stdout(&out).contains("1 个文件无法读取"),
        "{}",
        stdout(&out)
    );
}

#[cfg(unix)]
#[test]
fn dev_zero_and_a_symlink_to_it_are_refused() {
    let dir = temp_dir("zero");
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.txt")).unwrap();
    let out = nianbao_within(&["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/dev/zero: 是设备文件"),
        "{}",
        stderr(&out)
    );
    let out = nianbao_within(&["check", dir.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("zero.txt: 是设备文件"),
        "{}",
        stderr(&out)
    );
    let out = nianbao_within(&["check", dir.join("zero.txt").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let dir = temp_dir("big");
    let big = dir.join("big.txt");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(65 << 20).unwrap();
    let out = nianbao_within(&["check", big.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("文件过大（65.0 MiB，上限 64 MiB）"),
        "{}",
        stderr(&out)
    );
    // The limit can be raised (the file is then read: it is all NUL bytes).
    let out = nianbao_within(&["check", "--max-size", "66", big.to_str().unwrap()]);
    assert!(stderr(&out).contains("不是文本文件"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn a_file_name_with_a_newline_or_invalid_utf8_is_written_without_loss() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir("names");
    let name = std::ffi::OsStr::from_bytes(b"a\nb\xff.txt");
    std::fs::copy(seed_004(), dir.join(name)).unwrap();
    let out = nianbao_within(&["check", dir.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(
        text.contains("a\\nb\\xff.txt:78:29: error[row-total-mismatch]"),
        "{text}"
    );
    assert_eq!(
        text.lines()
            .filter(|l| l.contains("row-total-mismatch"))
            .count(),
        1
    );
    let out = nianbao_within(&["check", "--format", "json", dir.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let first = &json[0];
    let bytes: Vec<u8> = first["path_bytes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_u64().unwrap() as u8)
        .collect();
    assert_eq!(bytes, dir.join(name).as_os_str().as_bytes());
    let out = nianbao_within(&["check", "--format", "sarif", dir.to_str().unwrap()]);
    let log: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(uri.ends_with("/a%0Ab%FF.txt"), "{uri}");
}

#[test]
fn a_folder_with_a_markdown_file_that_is_no_report() {
    let dir = temp_dir("notes");
    std::fs::write(
        dir.join("notes.md"),
        "# 会议纪要\n\n一、总体情况\n\n总计 3 件。\n",
    )
    .unwrap();
    std::fs::copy(seed_004(), dir.join("r.txt")).unwrap();
    let out = nianbao_within(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("notes.md: 不像政府信息公开工作年度报告，已跳过"));
    assert!(!stdout(&out).contains("notes.md"), "{}", stdout(&out));
    assert!(stdout(&out).contains("跳过了 1 个不像年度报告的文件"));
    // With --all it is checked; named, it is checked whatever it looks like.
    let out = nianbao_within(&["check", "--all", dir.to_str().unwrap()]);
    assert!(stdout(&out).contains("notes.md:1:1: error[missing-part]"));
    let out = nianbao_within(&["check", dir.join("notes.md").to_str().unwrap()]);
    assert!(stdout(&out).contains("notes.md:1:1: error[missing-part]"));
}

#[test]
fn a_missing_file_is_never_no_problems_found() {
    let out = nianbao_within(&["check", "no/such/报告.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!stdout(&out).contains("未发现问题"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("1 个文件无法读取"),
        "{}",
        stdout(&out)
    );
    let out = nianbao_within(&["check", "no/such/报告.md", "tests/fixtures/valid"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!stdout(&out).contains("未发现问题"), "{}", stdout(&out));
}

#[test]
fn help_and_argument_errors_are_in_chinese() {
    let out = nianbao_within(&["check", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("用法：nianbao check"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("--max-size"));
    let out = nianbao_within(&["check", "--format", "xml", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("的值「xml」无效，可选：human、json、sarif"),
        "{}",
        stderr(&out)
    );
    let out = nianbao_within(&["check", "--frob", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("不认识的参数「--frob」"));
}

#[test]
fn logs_carry_no_colour_codes_when_stderr_is_no_terminal() {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "tests/fixtures/seeds"])
        .env("NIANBAO_LOG", "debug")
        .current_dir(root())
        .output()
        .unwrap();
    assert!(stderr(&out).contains("checked"), "{}", stderr(&out));
    assert!(!stderr(&out).contains('\x1b'));
}

/// The fenced block after the HTML comment `<!-- {marker}` in the README.
fn readme_block(marker: &str) -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let at = readme
        .find(&format!("<!-- {marker}"))
        .unwrap_or_else(|| panic!("README has no <!-- {marker}"));
    let rest = &readme[at..];
    let open = rest.find("```").unwrap();
    let body = &rest[open..];
    let body = &body[body.find('\n').unwrap() + 1..];
    body[..body.find("```").unwrap()].to_string()
}

/// The README's sample output is exactly what its first command prints.
#[test]
fn the_readme_sample_output_is_what_the_command_prints() {
    let out = nianbao(&["check", "tests/fixtures/seeds/004_2a4738e891b759f6.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(readme_block("sample-output"), stdout(&out));
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.contains(
        "cargo install --locked --path crates/nianbao && nianbao check tests/fixtures/seeds/004_2a4738e891b759f6.txt"
    ));
    assert!(readme.contains("bash scripts/test-all.sh"));
}

/// The README's Neovim snippets are the files `scripts/nvim-test.sh` runs.
#[test]
fn the_readme_neovim_snippets_are_the_tested_files() {
    for version in ["0.7", "0.10"] {
        let file =
            std::fs::read_to_string(root().join(format!("editors/neovim/nianbao-{version}.lua")))
                .unwrap();
        assert_eq!(
            readme_block(&format!("neovim-{version}:")),
            file,
            "Neovim {version}"
        );
    }
}

fn converted(name: &str) -> String {
    format!("tests/fixtures/converted/{name}")
}

#[test]
fn a_pdf_is_read_and_its_findings_say_their_page() {
    let out = nianbao(&["check", &converted("004.pdf")]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("tests/fixtures/converted/004.pdf:第3页: error[row-total-mismatch] 「4.保护第三方合法权益」行「总计」应为 2"),
        "{text}"
    );
    assert!(
        text.contains("检查了 1 个文件：2 个错误，1 个警告"),
        "{text}"
    );
}

#[test]
fn a_word_file_is_read_and_its_findings_say_table_and_row() {
    let out = nianbao(&["check", &converted("004.docx")]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("004.docx:表格2第11行: error[row-total-mismatch]"),
        "{text}"
    );
}

#[test]
fn json_and_sarif_of_a_pdf_carry_the_page_and_no_text_edits() {
    let out = nianbao(&["check", "--format", "json", &converted("004.pdf")]);
    assert_eq!(out.status.code(), Some(1));
    let row = json_finding(&out, "row-total-mismatch");
    assert_eq!(row["page"], 3);
    // A fix is said, but a PDF is not edited: no edits to apply.
    assert_eq!(
        row["fix"]["title"],
        "将「4.保护第三方合法权益」「自然人」由 2 改为 0"
    );
    assert!(row["fix"].get("edits").is_none(), "{row}");

    let out = nianbao(&["check", "--format", "json", &converted("004.docx")]);
    let row = json_finding(&out, "row-total-mismatch");
    assert_eq!(
        (row["table"].as_u64(), row["row"].as_u64()),
        (Some(2), Some(11))
    );

    let out = nianbao(&["check", "--format", "sarif", &converted("004.pdf")]);
    let log: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let location = &log["runs"][0]["results"][0]["locations"][0];
    assert_eq!(location["logicalLocations"][0]["name"], "第3页");
    assert_eq!(location["properties"]["page"], 3);
    assert_eq!(
        location["physicalLocation"]["artifactLocation"]["uri"],
        "tests/fixtures/converted/004.pdf"
    );
    // No region: the lines of the converted text are not the PDF's.
    assert!(location["physicalLocation"].get("region").is_none());
}

#[test]
fn nianbao_text_prints_what_was_read_and_checking_it_gives_the_same_findings() {
    let out = nianbao(&["text", &converted("004.pdf")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("四、政府信息公开行政复议、行政诉讼情况"),
        "{text}"
    );
    let dir = temp_dir("text");
    let path = dir.join("004.txt");
    std::fs::write(&path, &text).unwrap();
    let from_text = nianbao(&["check", "--format", "json", path.to_str().unwrap()]);
    let from_pdf = nianbao(&["check", "--format", "json", &converted("004.pdf")]);
    let messages = |o: &Output| {
        let json: serde_json::Value = serde_json::from_str(&stdout(o)).unwrap();
        let mut m: Vec<String> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect();
        m.sort();
        m
    };
    assert_eq!(messages(&from_text), messages(&from_pdf));
}

#[test]
fn files_that_cannot_be_read_get_one_line_each_and_exit_2() {
    for (name, says) in [
        ("encrypted.pdf", "PDF 文件已加密"),
        ("damaged.pdf", "文件已损坏"),
        ("scanned.pdf", "可能是扫描件"),
        ("old-word.doc", "请另存为 .docx 或 PDF"),
        ("wps-writer.wps", "WPS 文字（.wps）文件"),
    ] {
        for command in ["check", "text"] {
            let out = nianbao(&[command, &converted(name)]);
            assert_eq!(out.status.code(), Some(2), "{command} {name}");
            let err = stderr(&out);
            let line = err
                .lines()
                .find(|l| l.contains(name))
                .unwrap_or_else(|| panic!("{command} {name}: {err}"));
            assert!(line.contains(says), "{command} {name}: {line}");
            assert!(!stdout(&out).contains("missing-part"), "{command} {name}");
        }
    }
}

#[test]
fn a_folder_of_pdf_and_word_files_is_walked_and_the_unreadable_ones_named() {
    let dir = temp_dir("formats");
    for name in ["004.pdf", "003.docx", "encrypted.pdf", "old-word.doc"] {
        std::fs::copy(root().join(converted(name)), dir.join(name)).unwrap();
    }
    let out = nianbao(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "an unreadable file: exit 2");
    let text = stdout(&out);
    assert!(
        text.contains("004.pdf:第3页: error[row-total-mismatch]"),
        "{text}"
    );
    assert!(text.contains("003.docx:"), "{text}");
    assert!(text.contains("检查了 2 个文件"), "{text}");
    assert!(text.contains("2 个文件无法读取"), "{text}");
    let err = stderr(&out);
    assert!(err.contains("encrypted.pdf: PDF 文件已加密"), "{err}");
    assert!(err.contains("old-word.doc: 这是旧版 Word"), "{err}");
}

/// Seed 004 and the same body's report of the year before, made from it, in one folder:
/// the year before carries over 3 more in 商业企业 than this year carries in.
fn seed_004_pair(name: &str) -> common::Scratch {
    let text = std::fs::read_to_string(seed_004()).unwrap();
    let report = nianbao_model::build_text(&text, &Default::default()).remove(0);
    let mut carried = nianbao_tests::years::carried_in(&report).unwrap();
    carried[1] = carried[1]
        .checked_add(nianbao_model::Decimal::from_int(3))
        .unwrap();
    let before = nianbao_tests::years::year_before(&text, &carried).unwrap();
    let dir = temp_dir(name);
    std::fs::write(dir.join("泉港区2020年报告.txt"), &text).unwrap();
    std::fs::write(dir.join("泉港区2019年报告.txt"), before).unwrap();
    dir
}

#[test]
fn reports_of_two_years_in_one_folder_are_compared() {
    let dir = seed_004_pair("years");
    let out = nianbao(&["check", "--format", "json", dir.to_str().unwrap()]);
    let found = json_findings(&out, "last-year-mismatch");
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert!(d["path"]
        .as_str()
        .unwrap()
        .ends_with("泉港区2020年报告.txt"));
    assert!(
        d["message"].as_str().unwrap().contains("「商业企业」为 0")
            && d["message"]
                .as_str()
                .unwrap()
                .contains("泉港区2019年报告.txt，2019 年"),
        "{d}"
    );
    let related = &d["related"][0];
    assert!(related["path"]
        .as_str()
        .unwrap()
        .ends_with("泉港区2019年报告.txt"));
    assert_eq!(
        (related["line"].as_u64(), related["column"].as_u64()),
        (Some(94), Some(15))
    );

    let out = nianbao(&["check", dir.to_str().unwrap()]);
    let human = stdout(&out);
    assert!(human.contains("参见 "), "{human}");
    assert!(
        human.contains(
            "泉港区2019年报告.txt:94:15：2019 年「四、结转下年度继续办理」「商业企业」：3"
        ),
        "{human}"
    );

    let out = nianbao(&["check", "--format", "sarif", dir.to_str().unwrap()]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "last-year-mismatch")
        .unwrap();
    let location = &result["relatedLocations"][0]["physicalLocation"];
    assert!(location["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("2019%E5%B9%B4%E6%8A%A5%E5%91%8A.txt"));
    assert_eq!(location["region"]["startLine"], 94);

    // One file alone, or the check switched off: no comparison.
    let out = nianbao(&[
        "check",
        "--format",
        "json",
        dir.join("泉港区2020年报告.txt").to_str().unwrap(),
    ]);
    assert!(!stdout(&out).contains("last-year-mismatch"));
    let out = nianbao(&[
        "check",
        "--format",
        "json",
        "--disable",
        "last-year-mismatch",
        dir.to_str().unwrap(),
    ]);
    assert!(!stdout(&out).contains("last-year-mismatch"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_part_kept_from_last_years_report_is_said_with_its_share() {
    let dir = seed_004_pair("copied");
    let before = dir.join("泉港区2019年报告.txt");
    let text = std::fs::read_to_string(&before).unwrap();
    // Last year's prose written anew but part 五.
    let kept = nianbao_tests::years::prose_rewritten(&text, &[nianbao_model::Part::Problems]);
    std::fs::write(&before, kept).unwrap();
    let out = nianbao(&["check", "--format", "json", dir.to_str().unwrap()]);
    let found = json_findings(&out, "copied-from-last-year");
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert!(d["path"]
        .as_str()
        .unwrap()
        .ends_with("泉港区2020年报告.txt"));
    assert!(
        d["message"].as_str().unwrap().starts_with("第五部分 ")
            && d["message"]
                .as_str()
                .unwrap()
                .contains("与 2019 年报告相同"),
        "{d}"
    );
    assert!(d["related"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("泉港区2019年报告.txt"));
    assert_eq!(d["related"][0]["message"], "2019 年报告的第五部分");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn years_are_paired_when_the_titles_start_with_the_year() {
    let text = std::fs::read_to_string(seed_004()).unwrap().replace(
        "泉港区人民政府 2020年政府信息公开工作年度报告",
        "2020年泉港区人民政府政府信息公开工作年度报告",
    );
    let report = nianbao_model::build_text(&text, &Default::default()).remove(0);
    let mut carried = nianbao_tests::years::carried_in(&report).unwrap();
    carried[1] = carried[1]
        .checked_add(nianbao_model::Decimal::from_int(3))
        .unwrap();
    let before = nianbao_tests::years::year_before(&text, &carried).unwrap();
    let dir = temp_dir("year-first");
    std::fs::write(dir.join("a.txt"), &text).unwrap();
    std::fs::write(dir.join("b.txt"), before).unwrap();
    let out = nianbao(&["check", "--format", "json", dir.to_str().unwrap()]);
    let d = json_finding(&out, "last-year-mismatch");
    assert!(
        d["message"].as_str().unwrap().contains("「商业企业」为 0"),
        "{d}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_readme_that_mentions_the_reports_is_no_report() {
    let dir = temp_dir("readme");
    std::fs::copy(root().join("README.md"), dir.join("README.md")).unwrap();
    std::fs::copy(seed_004(), dir.join("report.txt")).unwrap();
    let out = nianbao(&["check", dir.to_str().unwrap()]);
    let human = stdout(&out);
    assert!(!human.contains("README.md:"), "{human}");
    assert!(
        stderr(&out).contains("README.md: 不像政府信息公开工作年度报告，已跳过"),
        "{}",
        stderr(&out)
    );
    assert!(human.contains("检查了 1 个文件"), "{human}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_help_names_every_kind_and_ends_with_help() {
    let out = nianbao(&["check", "--help"]);
    let help = stdout(&out);
    assert!(help.contains(".htm、"), "{help}");
    let options: Vec<&str> = help
        .lines()
        .filter(|l| l.trim_start().starts_with('-'))
        .collect();
    assert!(
        options.last().is_some_and(|l| l.contains("--help")),
        "{options:?}"
    );
}

#[test]
fn a_panic_is_one_line_and_its_details_only_with_debug_logs() {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("__debug_panic")
        .env_remove("NIANBAO_LOG")
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("内部错误") && !err.contains("panicked"),
        "{err}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("__debug_panic")
        .env("NIANBAO_LOG", "debug")
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("nianbao debug panic"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn files_not_read_are_in_the_json_and_the_sarif() {
    let out = nianbao(&["check", "--format", "json", "no-such-report.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let d = json_finding(&out, "file-not-read");
    assert_eq!(d["path"], "no-such-report.txt");
    assert!(
        d["message"].as_str().unwrap().contains("找不到文件或目录"),
        "{d}"
    );
    let out = nianbao(&[
        "check",
        "--format",
        "sarif",
        "no-such-report.txt",
        "tests/fixtures/converted/scanned.pdf",
    ]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("scanned.pdf")
    );
}

#[test]
fn a_folder_with_nothing_to_check_says_so() {
    let dir = temp_dir("nothing");
    let out = nianbao(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let human = stdout(&out);
    assert!(human.contains("没有检查任何文件"), "{human}");
    assert!(!human.contains("未发现问题"), "{human}");
    #[cfg(unix)]
    {
        let fifo = dir.join("管道.txt");
        let made = Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let out = nianbao(&["check", dir.to_str().unwrap()]);
            assert_eq!(out.status.code(), Some(2));
            let human = stdout(&out);
            assert!(
                human.contains("没有检查任何文件；跳过了 1 个不是普通文件的路径"),
                "{human}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_huge_max_size_is_no_limit_at_all() {
    let pdf = converted("004.pdf");
    for args in [
        vec!["check", "--max-size", "17592186044416", pdf.as_str()],
        vec!["check", "--max-size", "18446744073709551615", pdf.as_str()],
        vec!["text", "--max-size", "17592186044416", pdf.as_str()],
    ] {
        let out = nianbao(&args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("损坏"), "{}", stderr(&out));
    }
}

#[test]
fn last_years_report_in_the_folder_cuts_a_flattened_row() {
    // A crawl of the 2021-format test report (「行政规范性文件12340」 has several cuts) and
    // the body's report of the year before (31 in force): checked together, the row is
    // cut 12、3、40 (31 + 12 − 3 = 40); checked alone, it is said to be ambiguous.
    let tidy = include_str!("../../nianbao-checks/test_data/valid_2021.txt");
    let (reports, _) = nianbao_tests::check_document(tidy);
    let flat = nianbao_tests::layouts::flatten(tidy, &reports[0], 1.0, 0);
    let last = tidy
        .replace("2022 年", "2021 年")
        .replacen("规章\t1\t0\t5", "规章\t1\t0\t4", 1)
        .replacen("行政规范性文件\t12\t3\t40", "行政规范性文件\t5\t1\t31", 1);
    let dir = temp_dir("flat-last-year");
    std::fs::write(dir.join("2022.txt"), &flat).unwrap();
    let alone = nianbao(&["check", "--format", "json", dir.to_str().unwrap()]);
    let ambiguous = json_findings(&alone, "ambiguous-cells");
    assert!(
        ambiguous
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("「12340」")),
        "{ambiguous:?}"
    );
    std::fs::write(dir.join("2021.txt"), &last).unwrap();
    let together = nianbao(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(
        json_findings(&together, "ambiguous-cells"),
        Vec::<serde_json::Value>::new()
    );
    assert_eq!(
        json_findings(&together, "last-year-in-force"),
        Vec::<serde_json::Value>::new()
    );
    let recovered = json_findings(&together, "recovered-cells");
    assert!(
        recovered.iter().any(|d| {
            let m = d["message"].as_str().unwrap();
            m.contains("「规章」等 2 行") && m.contains("按上年报告的现行有效件数确定")
        }),
        "{recovered:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
