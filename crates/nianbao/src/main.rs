//! `nianbao`: the command-line checker for 政府信息公开工作年度报告.
//!
//! `nianbao check PATH…` checks files and folders and prints findings as text, JSON or
//! SARIF; `nianbao lsp` runs the language server on stdio. Exit status: 0 when no error or warning was found, 1 when some was, 2 when the
//! checker could not run (bad arguments, a file that cannot be read).

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod input;
mod output;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use nianbao_checks::{Diagnostic, Severity};
use nianbao_ide::{Document, Settings};
use nianbao_model::Format;
use rayon::prelude::*;

#[derive(Parser)]
#[command(
    name = "nianbao",
    version,
    about = "政府信息公开工作年度报告检查工具 / checker for government information disclosure annual reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check report files and folders (.md, .txt, .html).
    Check(CheckArgs),
    /// Run the language server on stdin/stdout (for editors).
    Lsp(LspArgs),
}

#[derive(clap::Args)]
struct LspArgs {
    /// Accepted for clients that pass it (vscode-languageclient does): stdio is the only
    /// transport.
    #[arg(long)]
    stdio: bool,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or folders to check; folders are searched for .md, .txt and .html files.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Check against this template whatever the report's year says.
    #[arg(long, value_enum)]
    template: Option<Template>,
    /// Switch a check off (by code); may be repeated or comma-separated.
    #[arg(long, value_delimiter = ',')]
    disable: Vec<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum Template {
    #[value(name = "2019")]
    F2019,
    #[value(name = "2021")]
    F2021,
}

/// What checking one file gave.
pub struct FileResult {
    pub path: String,
    pub doc: Document,
    pub diagnostics: Vec<Diagnostic>,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("NIANBAO_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Lsp(_) => {
            let code = nianbao_lsp::run();
            std::process::exit(code);
        }
    }
}

fn check(args: CheckArgs) -> ExitCode {
    for code in &args.disable {
        if nianbao_checks::find_check(code).is_none() {
            eprintln!("nianbao: 没有代码为「{code}」的检查项（见 docs/checks.md）");
            return ExitCode::from(2);
        }
    }
    // The settings type of the language server: a finding here and in the editor is the
    // same finding, through the same analysis.
    let settings = Settings {
        template: args.template.map(|t| match t {
            Template::F2019 => Format::F2019,
            Template::F2021 => Format::F2021,
        }),
        disabled_checks: args.disable.iter().cloned().collect(),
        check_all_documents: true,
        ..Settings::default()
    };

    let (files, mut failed) = input::collect(&args.paths);
    let results: Vec<Result<FileResult, String>> = files
        .par_iter()
        .map(|path| {
            let shown = path.display().to_string();
            let decoded = input::read(path).map_err(|e| format!("{shown}: {e}"))?;
            if let Some(note) = &decoded.note {
                eprintln!("nianbao: {shown}: {note}");
            }
            let doc = Document::new(&decoded.text);
            drop(decoded);
            let diagnostics: Vec<Diagnostic> = nianbao_ide::analyze(&doc, &settings)
                .diagnostics()
                .map(std::borrow::Cow::into_owned)
                .collect();
            tracing::debug!(path = %shown, findings = diagnostics.len(), "checked");
            Ok(FileResult {
                path: shown,
                doc,
                diagnostics,
            })
        })
        .collect();
    let mut checked = Vec::new();
    for result in results {
        match result {
            Ok(r) => checked.push(r),
            Err(message) => {
                eprintln!("nianbao: {message}");
                failed += 1;
            }
        }
    }

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format {
        OutputFormat::Human => output::human(
            &mut out,
            &checked,
            std::io::IsTerminal::is_terminal(&std::io::stdout()),
        ),
        OutputFormat::Json => output::json(&mut out, &checked),
        OutputFormat::Sarif => output::sarif(&mut out, &checked),
    }
    .and_then(|()| out.flush());
    if let Err(err) = written {
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("nianbao: 无法写出结果：{err}");
            return ExitCode::from(2);
        }
    }

    let findings = checked
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| matches!(d.severity, Severity::Error | Severity::Warning));
    if failed > 0 {
        ExitCode::from(2)
    } else if findings {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
