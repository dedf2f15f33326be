//! `nianbao`: the command-line checker for 政府信息公开工作年度报告.
//!
//! `nianbao check PATH…` checks files and folders (text, PDF, Word) and prints findings as
//! text, JSON or SARIF; `nianbao text FILE` prints the text read from a PDF or Word file;
//! `nianbao lsp` runs the language server on stdio. Exit status: 0 when no error
//! or warning was found, 1 when some was, 2 when the checker could not run (bad
//! arguments, a file that cannot be read).
//!
//! Files are read once each and checked in parallel (`run`); PDF and Word files are read
//! in a child process with hard limits (`sandbox`); the findings are written in the order
//! of the files by one emitter a format (`output`).

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod cli;
mod input;
mod output;
mod places;
mod run;
mod sandbox;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use nianbao_ide::Settings;

use cli::{CheckArgs, Command};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    // The child that reads one PDF or Word file (see `sandbox`): no logging set up, no
    // argument parsing beyond its own.
    if args.get(1).map(String::as_str) == Some("__read") {
        return sandbox::child(&args[2..]);
    }
    // A test hook (debug builds only): a panic, to show what a person sees of one.
    #[cfg(debug_assertions)]
    let debug_panic = args.get(1).map(String::as_str) == Some("__debug_panic");
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("NIANBAO_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    set_panic_hook();
    #[cfg(debug_assertions)]
    if debug_panic {
        panic!("nianbao debug panic");
    }
    let command = match cli::parse() {
        Ok(command) => command,
        Err(code) => return code,
    };
    match command {
        Command::Check(args) => check(args),
        Command::Text(args) => text(&args),
        Command::Lsp(_) => {
            let code = nianbao_lsp::run();
            std::process::exit(code);
        }
    }
}

/// A panic says one line, not a Rust backtrace: where it happened and what it said only
/// with `NIANBAO_LOG=debug`. (A panic the code catches — a damaged page — is an error for
/// that file and never reaches the person.)
fn set_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if tracing::enabled!(tracing::Level::DEBUG) {
            tracing::debug!(at, what, "panic");
        } else {
            eprintln!("nianbao: 内部错误，已跳过出错的部分（设置 NIANBAO_LOG=debug 可查看详情）");
        }
    }));
}

fn check(args: CheckArgs) -> ExitCode {
    for code in &args.disable {
        if nianbao_checks::find_check(code).is_none() {
            eprintln!("nianbao: 没有代码为「{code}」的检查项（见 docs/checks.md）");
            return ExitCode::from(2);
        }
    }
    let settings = Settings {
        template: args.template.map(cli::Template::format),
        disabled_checks: args.disable.iter().cloned().collect(),
        ..Settings::default()
    };
    let options = run::Options {
        walk: input::Walk {
            follow_links: args.follow,
            ignore: !args.no_ignore,
            max_size: args.max_size_mib.saturating_mul(1 << 20),
        },
        limits: args.limits(),
        all: args.all,
    };
    let run = run::run(&args.paths, &settings, &options, &|| {});
    for message in run.failed_paths.iter().chain(&run.skipped_paths) {
        eprintln!("nianbao: {message}");
    }
    for (path, outcome) in &run.files {
        let shown = input::shown(path);
        match outcome {
            run::Outcome::NotAReport => eprintln!(
                "nianbao: {shown}: 不像政府信息公开工作年度报告，已跳过（用 --all 检查所有文件）"
            ),
            run::Outcome::Failed(message) => eprintln!("nianbao: {shown}: {message}"),
            run::Outcome::Checked(_) => {}
        }
    }
    let counts = output::Counts::of(&run);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let colour = std::io::stdout().is_terminal();
    let written = output::write(&mut out, &run, args.format, colour).and_then(|()| out.flush());
    if let Err(err) = written {
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("nianbao: 无法写出结果：{err}");
            return ExitCode::from(2);
        }
    }
    if let Some(kb) = peak_rss_kb() {
        tracing::debug!(peak_rss_kb = kb, files = counts.files, "done");
    }
    if counts.not_read > 0 || counts.files == 0 {
        ExitCode::from(2)
    } else if counts.findings() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The process's peak resident memory (Linux), for the memory benchmark's log line.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// `nianbao text FILE`: the text read from a file, as `nianbao check` reads it.
fn text(args: &cli::TextArgs) -> ExitCode {
    let shown = input::shown(&args.path);
    let max_size = args.max_size_mib.saturating_mul(1 << 20);
    match input::read(&args.path, max_size, &args.limits()) {
        Ok(decoded) => {
            if let Some(note) = &decoded.note {
                eprintln!("nianbao: {shown}: {note}");
            }
            let mut out = std::io::stdout().lock();
            match out
                .write_all(decoded.text.as_bytes())
                .and_then(|()| out.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("nianbao: 无法写出结果：{err}");
                    ExitCode::from(2)
                }
            }
        }
        Err(message) => {
            eprintln!("nianbao: {shown}: {message}");
            ExitCode::from(2)
        }
    }
}
