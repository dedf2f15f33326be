//! Crafted PDF and Word files (`nianbao_tests::hostile`: aborts, panics, memory and work
//! without bound, wrong messages) through `nianbao check`, as an auditor's folder holds
//! them: every one ends within 20 s, under 1 GiB, with exit 0, 1 or 2, no panic text, and
//! one line naming the file when it cannot be read; the good files beside them are still
//! checked and reported.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use nianbao_tests::hostile::GENERATORS;

mod common;

use common::root;

fn temp_dir(name: &str) -> common::Scratch {
    common::temp_dir("hostile", name)
}

/// `nianbao ARGS` under a 4 GiB address-space limit (`prlimit`, when the machine has it).
fn nianbao_limited(args: &[&str]) -> Output {
    let exe = env!("CARGO_BIN_EXE_nianbao");
    let mut command = if Path::new("/usr/bin/prlimit").exists() {
        let mut c = Command::new("/usr/bin/prlimit");
        c.args(["--as=4294967296", "--", exe]);
        c
    } else {
        Command::new(exe)
    };
    command
        .args(args)
        .current_dir(root())
        .env_remove("NIANBAO_LOG")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run nianbao")
}

/// The largest resident memory of any child that ended so far, in bytes.
#[cfg(unix)]
fn children_peak() -> u64 {
    use nix::sys::resource::{getrusage, UsageWho};
    let kb = getrusage(UsageWho::RUSAGE_CHILDREN).map_or(0, |u| u.max_rss());
    u64::try_from(kb).unwrap_or(0) * 1024
}

#[cfg(not(unix))]
fn children_peak() -> u64 {
    0
}

/// What each file must say (a fragment of its line), or that it is read (`None`).
fn expected(name: &str) -> Option<&'static str> {
    let table: &[(&str, Option<&str>)] = &[
        ("control-", None),
        ("abort-predictor", Some("数据流的解码参数无效")),
        ("abort-type4", Some("计算函数（FunctionType 4）嵌套超过")),
        ("panic-predictor", Some("数据流的解码参数无效")),
        ("memory-cid-widths", Some("字体的宽度表无效")),
        ("memory-flate-bomb", Some("超出内存限制（1 GiB）")),
        ("memory-runlength-bomb", Some("超出内存限制（1 GiB）")),
        ("memory-flate-runlength", Some("超出内存限制（1 GiB）")),
        ("memory-glyphs", Some("文字已超出上限")),
        ("memory-docx-deep-nest", Some("元素嵌套超过 256 层")),
        ("exponential-forms", Some("绘图操作已超出上限")),
        ("wrong-docx-encrypted", Some("Word 文档已加密（需要密码）")),
        ("wrong-docx-trailing", None),
        (
            "wrong-docx-truncated",
            Some("文件不完整（可能下载中断或被截断）"),
        ),
        ("wrong-text-named", None),
        (
            "wrong-mediabox-exponent",
            Some("有 1 个页面对象，但都无法解析"),
        ),
        ("wrong-mediabox", None),
    ];
    table
        .iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .unwrap_or_else(|| panic!("no expectation for {name}"))
        .1
}

#[test]
fn every_crafted_file_ends_in_bounds_with_one_line() {
    let dir = temp_dir("each");
    let mut report = Vec::new();
    for generator in GENERATORS {
        for (name, bytes) in (generator.make)() {
            let path = dir.join(&name);
            std::fs::write(&path, &bytes).unwrap();
            drop(bytes);
            let started = Instant::now();
            let out = nianbao_limited(&["check", "--format", "json", path.to_str().unwrap()]);
            let took = started.elapsed();
            let _ = std::fs::remove_file(&path);
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
            let code = out.status.code();
            report.push(format!(
                "{name}: exit {code:?}, {:.1} s, peak {} MiB: {}",
                took.as_secs_f64(),
                children_peak() >> 20,
                stderr.lines().next().unwrap_or("")
            ));
            assert!(
                matches!(code, Some(0..=2)),
                "{name}: exit {code:?}\n{stderr}"
            );
            assert!(took < Duration::from_secs(20), "{name}: {took:?}");
            assert!(
                children_peak() < 1 << 30,
                "{name}: {} MiB",
                children_peak() >> 20
            );
            for panic in [
                "panicked",
                "stack backtrace",
                "RUST_BACKTRACE",
                "overflowed",
            ] {
                assert!(!stderr.contains(panic), "{name}: {stderr}");
            }
            let json: serde_json::Value = serde_json::from_str(&stdout)
                .unwrap_or_else(|e| panic!("{name}: JSON: {e}\n{stdout}"));
            let naming: Vec<&str> = stderr.lines().filter(|l| l.contains(&name)).collect();
            match expected(&name) {
                Some(why) => {
                    assert_eq!(code, Some(2), "{name}: {stderr}");
                    assert_eq!(naming.len(), 1, "{name}: {stderr}");
                    assert!(naming[0].contains(why), "{name}: {stderr}");
                    let not_read = json[0]["code"] == "file-not-read"
                        && json[0]["message"].as_str().unwrap_or("").contains(why);
                    assert!(not_read, "{name}: {json}");
                }
                None => {
                    assert!(naming.is_empty(), "{name}: {stderr}");
                    assert!(
                        json.as_array()
                            .is_some_and(|a| a.iter().all(|d| d["code"] != "file-not-read")),
                        "{name}: {json}"
                    );
                }
            }
        }
    }
    eprintln!("{}", report.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hostile_files_beside_the_seeds_lose_none_of_the_seeds_findings() {
    let dir = temp_dir("folder");
    let seeds = root().join("tests/fixtures/seeds");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if name.ends_with(".txt") && names.len() < 3 {
            std::fs::copy(&path, dir.join(&name)).unwrap();
            names.push(name);
        }
    }
    use nianbao_tests::hostile as h;
    for (name, bytes) in [
        h::exponential_forms(45),
        h::flate_bomb(2_000_000_000),
        h::type4_deep_nesting(60_000),
    ] {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let out = nianbao_limited(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = json.as_array().unwrap();
    for name in &names {
        let alone = nianbao_limited(&[
            "check",
            "--format",
            "json",
            seeds.join(name).to_str().unwrap(),
        ]);
        let alone: serde_json::Value = serde_json::from_slice(&alone.stdout).unwrap();
        let codes = |items: &[serde_json::Value]| -> Vec<String> {
            items
                .iter()
                .filter(|d| {
                    d["path"]
                        .as_str()
                        .is_some_and(|p| p.ends_with(name.as_str()))
                })
                .map(|d| format!("{}:{} {}", d["line"], d["column"], d["code"]))
                .collect()
        };
        assert_eq!(codes(items), codes(alone.as_array().unwrap()), "{name}");
    }
    let not_read: Vec<&str> = items
        .iter()
        .filter(|d| d["code"] == "file-not-read")
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(not_read.len(), 3, "{not_read:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
