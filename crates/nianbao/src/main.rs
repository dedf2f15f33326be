//! `nianbao`: the command-line checker for 政府信息公开工作年度报告.
//!
//! `nianbao check PATH…` checks files and folders (text, PDF, Word) and prints findings as
//! text, JSON or SARIF; `nianbao text FILE` prints the text read from a PDF or Word file;
//! `nianbao lsp` runs the language server on stdio. Exit status: 0 when no error
//! or warning was found, 1 when some was, 2 when the checker could not run (bad
//! arguments, a file that cannot be read).
//!
//! Files are checked in parallel, in batches that keep memory bounded (a batch holds at
//! most the largest file's size in bytes, or 2 MiB of smaller files, and at most eight
//! files a thread), and each batch's findings are written out, in the order of the files,
//! before the next is read.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod cli;
mod input;
mod output;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use std::sync::Arc;

use nianbao_checks::{Diagnostic, Severity};
use nianbao_ide::{Document, Settings};
use nianbao_model::years::HandedOn;
use nianbao_syntax::TextRange;
use rayon::prelude::*;

use cli::{CheckArgs, Command};
use input::{Input, Problem};

/// What checking one file gave.
pub struct FileResult {
    pub path: std::path::PathBuf,
    /// The text, for lines and columns (the blocks are dropped once checked).
    pub rope: nianbao_syntax::Rope,
    pub diagnostics: Vec<Diagnostic>,
    /// For a PDF or Word file: where each line of the text read from it came from.
    pub map: Option<nianbao_formats::SourceMap>,
}

/// How one file went.
enum Outcome {
    Checked(FileResult),
    /// Found in a folder and not a report: skipped, with one info line.
    NotAReport,
    /// Could not be read: the message.
    Failed(String),
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("NIANBAO_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
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

/// The most bytes of smaller files a batch holds; a larger file is a batch of its own.
const BATCH_BYTES: u64 = 2 << 20;

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
    let walk = input::Walk {
        follow_links: args.follow,
        ignore: !args.no_ignore,
        max_size: args.max_size_mib.saturating_mul(1 << 20),
    };
    let (inputs, problems) = input::collect(&args.paths, &walk);
    let mut failed = 0;
    for problem in problems {
        match problem {
            Problem::Failed(message) => {
                eprintln!("nianbao: {message}");
                failed += 1;
            }
            Problem::Note(message) => eprintln!("nianbao: {message}"),
        }
    }

    let (last_years, elsewhere) = last_years(&inputs, &settings, walk.max_size);
    let settings = Settings {
        last_years,
        ..settings
    };

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let colour = std::io::stdout().is_terminal();
    let mut writer = output::Writer::new(args.format, colour);
    writer.elsewhere = elsewhere;
    let mut skipped = 0;
    let mut written = writer.begin(&mut out);
    let budget = inputs
        .iter()
        .map(|i| i.size)
        .max()
        .unwrap_or(0)
        .max(BATCH_BYTES);
    let per_batch = 8 * rayon::current_num_threads();
    let mut rest: &[Input] = &inputs;
    while !rest.is_empty() && written.is_ok() {
        let mut bytes = 0;
        let n = rest
            .iter()
            .take(per_batch)
            .take_while(|i| {
                bytes += i.size;
                bytes <= budget
            })
            .count()
            .max(1);
        let (batch, tail) = rest.split_at(n);
        rest = tail;
        let outcomes: Vec<Outcome> = batch
            .par_iter()
            .map(|i| check_one(i, &args, &settings, walk.max_size))
            .collect();
        for (input, outcome) in batch.iter().zip(outcomes) {
            let shown = input::shown(&input.path);
            match outcome {
                Outcome::Checked(result) => {
                    written = written.and_then(|()| writer.file(&mut out, &result));
                }
                Outcome::NotAReport => {
                    skipped += 1;
                    eprintln!(
                        "nianbao: {shown}: 不像政府信息公开工作年度报告，已跳过（用 --all 检查所有文件）"
                    );
                }
                Outcome::Failed(message) => {
                    eprintln!("nianbao: {shown}: {message}");
                    failed += 1;
                }
            }
        }
        written = written.and_then(|()| out.flush());
    }
    written = written
        .and_then(|()| writer.end(&mut out, failed, skipped))
        .and_then(|()| out.flush());
    if let Err(err) = written {
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("nianbao: 无法写出结果：{err}");
            return ExitCode::from(2);
        }
    }
    if let Some(kb) = peak_rss_kb() {
        tracing::debug!(peak_rss_kb = kb, files = writer.files, "done");
    }
    if failed > 0 {
        ExitCode::from(2)
    } else if writer.counts[Severity::Error as usize] + writer.counts[Severity::Warning as usize]
        > 0
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What the inputs' reports hand on to the next year's (`last-year-mismatch`), and where
/// its cells are: every input is read once more first, in parallel, keeping only that.
/// Nothing when there is one input or the checks that use it are off.
fn last_years(
    inputs: &[Input],
    settings: &Settings,
    max_size: u64,
) -> (Vec<Arc<HandedOn>>, output::Elsewhere) {
    let wanted = ["last-year-mismatch", "last-year-in-force"]
        .iter()
        .any(|code| !settings.disabled_checks.contains(*code));
    if inputs.len() < 2 || !wanted {
        return Default::default();
    }
    let options = nianbao_model::Options {
        format: settings.template,
        ..Default::default()
    };
    type Found = (Arc<HandedOn>, Vec<(TextRange, output::Place)>);
    let found: Vec<Found> = inputs
        .par_iter()
        .flat_map_iter(|input| {
            // A file that cannot be read is said when it is checked.
            let text = input::read(&input.path, max_size)
                .map(|d| d.text)
                .unwrap_or_default();
            let source: Arc<str> = input::shown(&input.path).into();
            let handed: Vec<HandedOn> = nianbao_model::build_text(&text, &options)
                .iter()
                .filter_map(|r| nianbao_model::years::handed_on(r, source.clone()))
                .collect();
            let rope = nianbao_syntax::Rope::from_str(if handed.is_empty() { "" } else { &text });
            let index = nianbao_syntax::LineIndex::new(&rope);
            handed
                .into_iter()
                .map(|h| {
                    let places = h
                        .cells()
                        .map(|s| (s.range, output::Place::new(&input.path, &index, s.range)))
                        .collect();
                    (Arc::new(h), places)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut elsewhere = output::Elsewhere::default();
    let mut handed = Vec::with_capacity(found.len());
    for (h, places) in found {
        for (range, place) in places {
            elsewhere.places.insert((h.source.clone(), range), place);
        }
        handed.push(h);
    }
    (handed, elsewhere)
}

/// The process's peak resident memory (Linux), for the memory benchmark's log line.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn check_one(input: &Input, args: &CheckArgs, settings: &Settings, max_size: u64) -> Outcome {
    let decoded = match input::read(&input.path, max_size) {
        Ok(d) => d,
        Err(message) => return Outcome::Failed(message),
    };
    if let Some(note) = &decoded.note {
        eprintln!("nianbao: {}: {note}", input::shown(&input.path));
    }
    let input::Decoded { text, map, .. } = decoded;
    let doc = Document::new(&text);
    drop(text);
    // A file named on the command line is checked whatever it looks like; one found in a
    // folder only if it looks like a report (as the server decides), unless `--all`.
    let settings = Settings {
        check_all_documents: input.named || args.all,
        ..settings.clone()
    };
    let analysis = nianbao_ide::analyze(&doc, &settings);
    if !analysis.checked {
        return Outcome::NotAReport;
    }
    let diagnostics = analysis.into_diagnostics();
    let rope = doc.rope().clone();
    drop(doc);
    tracing::debug!(path = %input.path.display(), findings = diagnostics.len(), "checked");
    Outcome::Checked(FileResult {
        path: input.path.clone(),
        rope,
        diagnostics,
        map,
    })
}

/// `nianbao text FILE`: the text read from a file, as `nianbao check` reads it.
fn text(args: &cli::TextArgs) -> ExitCode {
    let shown = input::shown(&args.path);
    match input::read(&args.path, args.max_size_mib.saturating_mul(1 << 20)) {
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
