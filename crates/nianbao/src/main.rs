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

mod baseline;
mod cli;
mod extract;
mod input;
mod output;
mod places;
mod progress;
mod review;
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
        Command::Extract(args) => extract(&args),
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

/// The settings and the reading options the inputs ask for; `None` (after saying why)
/// when a check code is unknown.
fn prepare(inputs: &cli::Inputs) -> Option<(Settings, run::Options)> {
    for code in &inputs.disable {
        if nianbao_checks::find_check(code).is_none() {
            eprintln!("nianbao: 没有代码为「{code}」的检查项（见 docs/checks.md）");
            return None;
        }
    }
    let settings = Settings {
        template: inputs.template.map(cli::Template::format),
        disabled_checks: inputs.disable.iter().cloned().collect(),
        ..Settings::default()
    };
    let options = run::Options {
        walk: input::Walk {
            follow_links: inputs.follow,
            ignore: !inputs.no_ignore,
            max_size: inputs.max_size_mib.saturating_mul(1 << 20),
        },
        limits: inputs.limits(),
        all: inputs.all,
    };
    Some((settings, options))
}

/// Reads and checks the inputs, with a progress bar on a terminal, and says on stderr
/// what could not be read or was skipped.
fn read_all(inputs: &cli::Inputs, settings: &Settings, options: &run::Options) -> run::Run {
    let progress = progress::Progress::start();
    let run = run::run(
        &inputs.paths,
        settings,
        options,
        &|| progress.step(),
        &|n| progress.total(n),
    );
    progress.finish();
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
    run
}

/// Where output goes: the file `-o` names, else stdout.
fn output_to(path: Option<&std::path::Path>) -> Result<Box<dyn Write>, ExitCode> {
    match path {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Ok(Box::new(std::io::BufWriter::new(file))),
            Err(err) => {
                eprintln!(
                    "nianbao: 无法写入 {}：{}",
                    input::shown(path),
                    input::describe(&err)
                );
                Err(ExitCode::from(2))
            }
        },
        None => Ok(Box::new(std::io::BufWriter::new(std::io::stdout().lock()))),
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let Some((settings, options)) = prepare(&args.inputs) else {
        return ExitCode::from(2);
    };
    let mut run = read_all(&args.inputs, &settings, &options);
    let reviewed = match &args.baseline {
        Some(path) => match baseline::Baseline::read(path) {
            Ok(b) => Some(b),
            Err(message) => {
                eprintln!("nianbao: {message}");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    if let Some(path) = &args.write_baseline {
        let previous = baseline::Baseline::read(path).ok();
        let written = baseline::Baseline::of(&run, previous.as_ref(), args.note.as_deref());
        if let Err(message) = written.write(path) {
            eprintln!("nianbao: {message}");
            return ExitCode::from(2);
        }
        eprintln!(
            "nianbao: 已把 {} 个问题记为已复核，写入 {}",
            written.len(),
            input::shown(path)
        );
    }
    if let Some(b) = &reviewed {
        baseline::apply(&mut run, b);
    }
    let counts = output::Counts::of(&run);
    let mut out = match output_to(args.output.as_deref()) {
        Ok(out) => out,
        Err(code) => return code,
    };
    let colour = args.output.is_none() && std::io::stdout().is_terminal();
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

/// `nianbao extract`: exit 0 when every file was read, 2 when some could not be.
fn extract(args: &cli::ExtractArgs) -> ExitCode {
    let Some((settings, options)) = prepare(&args.inputs) else {
        return ExitCode::from(2);
    };
    if matches!(args.format, cli::ExtractFormat::Xlsx) && args.output.is_none() {
        eprintln!("nianbao: XLSX 是二进制文件，请用 -o 指定要写入的文件");
        return ExitCode::from(2);
    }
    let run = read_all(&args.inputs, &settings, &options);
    let counts = output::Counts::of(&run);
    let written = if matches!(args.format, cli::ExtractFormat::Xlsx) {
        extract::write(
            &run,
            args.format,
            args.table,
            &mut std::io::sink(),
            args.output.as_deref(),
        )
    } else {
        let mut out = match output_to(args.output.as_deref()) {
            Ok(out) => out,
            Err(code) => return code,
        };
        extract::write(&run, args.format, args.table, &mut out, None)
            .and_then(|()| out.flush().map_err(|e| e.to_string()))
    };
    if let Err(message) = written {
        if !message.contains("Broken pipe") {
            eprintln!("nianbao: 无法写出结果：{message}");
            return ExitCode::from(2);
        }
    }
    if counts.not_read > 0 || counts.files == 0 {
        ExitCode::from(2)
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
