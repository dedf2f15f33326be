//! The command line (clap), in Chinese: help, argument errors and their usage lines;
//! commands, flags and check codes stay in English.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Parser, Subcommand, ValueEnum};
use nianbao_model::Format;

const HELP: &str = "\
{about}

用法：{usage}

{all-args}{after-help}";

#[derive(Parser)]
#[command(
    name = "nianbao",
    version,
    about = "政府信息公开工作年度报告检查工具（checker for government information disclosure annual reports）",
    help_template = HELP,
    subcommand_help_heading = "命令",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// 显示帮助
    #[arg(short = 'h', long, action = ArgAction::Help, global = true, help_heading = "选项", display_order = 1000)]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long, action = ArgAction::Version, help_heading = "选项", display_order = 1001)]
    version: Option<bool>,
}

#[derive(Subcommand)]
pub enum Command {
    /// 检查报告文件和文件夹（.md、.txt、.html、.htm、.pdf、.docx）
    #[command(help_template = HELP)]
    Check(CheckArgs),
    /// 把每份报告每张表格的每个单元格导出为数据（CSV、JSON Lines、XLSX），与 check 读法一致
    #[command(help_template = HELP)]
    Extract(ExtractArgs),
    /// 输出从 PDF 或 Word 文件中读出的文字（可在编辑器中打开，用语言服务器检查）
    #[command(help_template = HELP)]
    Text(TextArgs),
    /// 在标准输入输出上运行语言服务器（供编辑器使用）
    #[command(help_template = HELP)]
    Lsp(LspArgs),
}

#[derive(clap::Args)]
pub struct LspArgs {
    /// 为传入此参数的客户端（如 vscode-languageclient）保留：只支持 stdio
    #[arg(long, help_heading = "选项")]
    pub stdio: bool,
}

#[derive(clap::Args)]
pub struct TextArgs {
    /// PDF、Word（.docx）或文本文件
    #[arg(value_name = "文件", help_heading = "参数")]
    pub path: PathBuf,
    /// 文件大小上限（MiB，默认 64），超过的文件不读取
    #[arg(
        long = "max-size",
        value_name = "MiB",
        default_value_t = 64,
        hide_default_value = true,
        help_heading = "选项"
    )]
    pub max_size_mib: u64,
    #[command(flatten)]
    pub read: ReadLimits,
}

/// What to read, and how: shared by `check` and `extract` (one path reads both).
#[derive(clap::Args)]
pub struct Inputs {
    /// 要检查的文件或文件夹；文件夹中查找 .md、.txt、.html、.htm、.pdf、.docx 文件（.doc、.wps 会提示另存）
    #[arg(required = true, value_name = "路径", help_heading = "参数")]
    pub paths: Vec<PathBuf>,
    /// 不论报告年度，按此版本的格式检查：2019 或 2021
    #[arg(
        long,
        value_enum,
        value_name = "版本",
        hide_possible_values = true,
        help_heading = "选项"
    )]
    pub template: Option<Template>,
    /// 关闭某项检查（检查代码，可重复或用逗号分隔）
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "代码",
        help_heading = "选项"
    )]
    pub disable: Vec<String>,
    /// 文件夹中不像年度报告的文件也检查（默认跳过，逐个说明）
    #[arg(long, help_heading = "选项")]
    pub all: bool,
    /// 跟随指向文件夹的符号链接（会检测循环）
    #[arg(long, help_heading = "选项")]
    pub follow: bool,
    /// 不理会 .gitignore 等忽略文件，也检查隐藏文件
    #[arg(long, help_heading = "选项")]
    pub no_ignore: bool,
    /// 文件大小上限（MiB，默认 64），超过的文件不读取
    #[arg(
        long = "max-size",
        value_name = "MiB",
        default_value_t = 64,
        hide_default_value = true,
        help_heading = "选项"
    )]
    pub max_size_mib: u64,
    #[command(flatten)]
    pub read: ReadLimits,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// 输出格式：human（默认，每条一行）、json、sarif（代码扫描工具用）、html（一个可离线打开、转发、打印的网页，用 -o 写入文件）
    #[arg(long, value_enum, value_name = "格式", default_value_t = OutputFormat::Human, hide_default_value = true, hide_possible_values = true, help_heading = "选项")]
    pub format: OutputFormat,
    /// 写入此文件，而不是标准输出
    #[arg(
        short = 'o',
        long = "output",
        value_name = "文件",
        help_heading = "选项"
    )]
    pub output: Option<PathBuf>,
    /// 只报告基线文件中没有的问题（已复核的问题不再报告，除非报告内容变了）
    #[arg(long, value_name = "文件", help_heading = "选项")]
    pub baseline: Option<PathBuf>,
    /// 把本次发现的全部问题记为已复核，写入基线文件（已有的复核说明保留）
    #[arg(long = "write-baseline", value_name = "文件", help_heading = "选项")]
    pub write_baseline: Option<PathBuf>,
    /// 写入基线时给新记入的问题附上的复核说明，如「已核实：原表如此」
    #[arg(
        long,
        value_name = "说明",
        requires = "write_baseline",
        help_heading = "选项"
    )]
    pub note: Option<String>,
}

#[derive(clap::Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// 输出格式：csv（默认，UTF-8 带 BOM，Excel、WPS 可直接打开）、jsonl、xlsx（需用 -o 指定文件）
    #[arg(long, value_enum, value_name = "格式", default_value_t = ExtractFormat::Csv, hide_default_value = true, hide_possible_values = true, help_heading = "选项")]
    pub format: ExtractFormat,
    /// 输出什么：cells（默认，每个单元格一行）、reports（每份报告一行：关键数字、问题数、比率）
    #[arg(long, value_enum, value_name = "内容", default_value_t = ExtractTable::Cells, hide_default_value = true, hide_possible_values = true, help_heading = "选项")]
    pub table: ExtractTable,
    /// 写入此文件，而不是标准输出
    #[arg(
        short = 'o',
        long = "output",
        value_name = "文件",
        help_heading = "选项"
    )]
    pub output: Option<PathBuf>,
}

/// What `extract` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractTable {
    /// One row per cell.
    Cells,
    /// One row per report.
    Reports,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExtractFormat {
    Csv,
    Jsonl,
    Xlsx,
}

/// How a PDF or Word file may be read (see `sandbox`): options shared by `check` and
/// `text`.
#[derive(clap::Args, Clone, Copy)]
pub struct ReadLimits {
    /// 读取 PDF、Word 文件时的内存上限（MiB，默认 1024）
    #[arg(
        long = "max-memory",
        value_name = "MiB",
        default_value_t = 1024,
        hide_default_value = true,
        help_heading = "选项"
    )]
    pub max_memory_mib: u64,
    /// 读取一个 PDF、Word 文件的时间上限（秒，默认 20）
    #[arg(
        long = "timeout",
        value_name = "秒",
        default_value_t = 20,
        hide_default_value = true,
        help_heading = "选项"
    )]
    pub timeout_secs: u64,
}

impl ReadLimits {
    pub fn limits(&self) -> crate::sandbox::Limits {
        crate::sandbox::Limits {
            memory: self.max_memory_mib.saturating_mul(1 << 20),
            timeout: std::time::Duration::from_secs(self.timeout_secs.max(1)),
            ..crate::sandbox::Limits::default()
        }
    }
}

impl Inputs {
    pub fn limits(&self) -> crate::sandbox::Limits {
        self.read.limits()
    }
}

impl TextArgs {
    pub fn limits(&self) -> crate::sandbox::Limits {
        self.read.limits()
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Sarif,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Template {
    #[value(name = "2019")]
    F2019,
    #[value(name = "2021")]
    F2021,
}

impl Template {
    pub fn format(self) -> Format {
        match self {
            Template::F2019 => Format::F2019,
            Template::F2021 => Format::F2021,
        }
    }
}

/// The command, or the exit code after help, the version or an argument error has been
/// printed.
pub fn parse() -> Result<Command, ExitCode> {
    match Cli::try_parse() {
        Ok(cli) => Ok(cli.command),
        Err(err) => match err.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                let _ = err.print();
                Err(ExitCode::SUCCESS)
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
                let _ = err.print();
                Err(ExitCode::from(2))
            }
            _ => {
                eprintln!("nianbao: {}", message(&err));
                if let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) {
                    let usage = usage.to_string();
                    let usage = usage.trim_start_matches("Usage:").trim();
                    eprintln!(
                        "\n用法：{usage}\n\n运行 nianbao --help 或 nianbao check --help 查看说明。"
                    );
                }
                Err(ExitCode::from(2))
            }
        },
    }
}

/// An argument error in Chinese.
fn message(err: &clap::Error) -> String {
    let context = |kind: ContextKind| -> String {
        match err.get(kind) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join("、"),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            Some(other) => other.to_string(),
            None => String::new(),
        }
    };
    match err.kind() {
        ErrorKind::UnknownArgument => {
            format!("不认识的参数「{}」", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            format!(
                "不认识的命令「{}」（可用：check、extract、text、lsp）",
                context(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue);
            let mut m = format!(
                "参数 {} 的值「{}」无效",
                context(ContextKind::InvalidArg),
                context(ContextKind::InvalidValue)
            );
            if !valid.is_empty() {
                m.push_str(&format!("，可选：{valid}"));
            }
            m
        }
        ErrorKind::ValueValidation => format!(
            "参数 {} 的值「{}」无效",
            context(ContextKind::InvalidArg),
            context(ContextKind::InvalidValue)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数：{}", context(ContextKind::InvalidArg))
        }
        ErrorKind::TooManyValues | ErrorKind::ArgumentConflict => {
            format!("参数 {} 用法有误", context(ContextKind::InvalidArg))
        }
        _ => {
            let english = err.render().to_string();
            let first = english
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ");
            format!("命令行参数有误（{first}）")
        }
    }
}
