//! Writing a run's findings, one emitter a format (as ruff's `message/`): for people
//! (`human`), JSON (`json`) and SARIF 2.1.0 for code-scanning tools (`sarif`). Lines and
//! columns are 1-based; columns count characters (Unicode scalar values), so a CJK
//! character is one column.
//!
//! For a PDF or Word file the place a person can find is said as well: the page
//! (`report.pdf:第3页: error[…] …`), or the Word table and row, or paragraph; JSON gives
//! `page`, `table` and `row`, or `paragraph`, and its lines and columns are those of the
//! text `nianbao text` prints; SARIF gives the place as a logical location (a region of
//! lines would be read as lines of the PDF itself), and no fix (it would edit the PDF).
//!
//! Every format carries every file that could not be read, with the reason: a person
//! reading the JSON or the SARIF alone must not lose a file silently.
//!
//! Paths are written so that nothing is lost or confused: escaped (`\n`, `\xff`) in human
//! output, as JSON strings (with `path_bytes` when a name is not UTF-8) in JSON, and
//! percent-encoded as SARIF `uri`s.

mod html;
mod human;
mod json;
mod sarif;

use std::io::{self, Write};
use std::path::Path;

use nianbao_checks::{Applicability, Severity};

use crate::cli::OutputFormat;
use crate::run::Run;

pub use crate::places::{position, Elsewhere, Place};

/// What a run found, for the summary and the exit status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Findings by severity (error, warning, info, hint).
    pub by_severity: [usize; 4],
    pub files: usize,
    pub not_read: usize,
    pub not_reports: usize,
    pub skipped_paths: usize,
    /// Findings reviewed before (`--baseline`): not counted above.
    pub reviewed: usize,
}

impl Counts {
    pub fn of(run: &Run) -> Counts {
        let mut counts = Counts {
            files: run.checked().count(),
            not_read: run.not_read().count(),
            not_reports: run.skipped(),
            skipped_paths: run.skipped_paths.len(),
            ..Counts::default()
        };
        for (d, reviewed) in run.checked().flat_map(|f| f.findings()) {
            match reviewed {
                Some(_) => counts.reviewed += 1,
                None => counts.by_severity[d.severity as usize] += 1,
            }
        }
        counts
    }

    /// Errors and warnings (info notes do not count).
    pub fn findings(&self) -> usize {
        self.by_severity[Severity::Error as usize] + self.by_severity[Severity::Warning as usize]
    }

    /// The summary line for people.
    pub fn summary(&self) -> String {
        let [errors, warnings, infos, hints] = self.by_severity;
        let mut line = if self.files == 0 {
            "没有检查任何文件".to_string()
        } else if errors + warnings + infos + hints == 0 && self.not_read == 0 {
            format!("检查了 {} 个文件，未发现问题", self.files)
        } else {
            format!(
                "检查了 {} 个文件：{errors} 个错误，{warnings} 个警告，{} 个提示",
                self.files,
                infos + hints
            )
        };
        if self.reviewed > 0 {
            line.push_str(&format!("；另有 {} 个已复核", self.reviewed));
        }
        if self.not_reports > 0 {
            line.push_str(&format!(
                "；跳过了 {} 个不像年度报告的文件",
                self.not_reports
            ));
        }
        if self.skipped_paths > 0 {
            line.push_str(&format!(
                "；跳过了 {} 个不是普通文件的路径",
                self.skipped_paths
            ));
        }
        if self.not_read > 0 {
            line.push_str(&format!("；{} 个文件无法读取，未检查", self.not_read));
        }
        if self.files == 0 && self.not_read == 0 && self.not_reports == 0 {
            line.push_str("：没有找到 .md、.txt、.html、.htm、.pdf、.docx 文件");
        }
        line.push('。');
        line
    }
}

/// Writes `run` in `format`.
pub fn write(
    out: &mut impl Write,
    run: &Run,
    format: OutputFormat,
    colour: bool,
) -> io::Result<()> {
    match format {
        OutputFormat::Human => human::write(out, run, colour),
        OutputFormat::Json => json::write(out, run),
        OutputFormat::Sarif => sarif::write(out, run),
        OutputFormat::Html => html::write(out, run),
    }
}

/// How a fix's applicability is named in JSON.
fn applicability(a: Applicability) -> &'static str {
    match a {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
        Applicability::DisplayOnly => "display-only",
    }
}

/// A path as a URI reference: `/` kept (`\` read as `/`), unreserved characters kept,
/// every other byte percent-encoded.
pub fn uri_reference(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'\\' | b'/' => out.push('/'),
            b if b.is_ascii_alphanumeric() || b"-._~".contains(&b) => out.push(char::from(b)),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    //! A small run made by hand, for the emitters' snapshot tests.

    use std::path::PathBuf;
    use std::sync::Arc;

    use nianbao_ide::{Document, Settings};

    use crate::run::{FileResult, Outcome, Run};

    /// Seed 004, a file that could not be read, and a file that is no report.
    pub fn run() -> Run {
        let text = include_str!("../../../../tests/fixtures/seeds/004_2a4738e891b759f6.txt");
        let doc = Document::read_only(text.into());
        let analysis = nianbao_ide::analyze(&doc, &Settings::default());
        let result = FileResult {
            path: PathBuf::from("年报/泉港区 2020.txt"),
            lines: nianbao_syntax::TextLines::new(text.into()),
            diagnostics: analysis.diagnostics().map(|d| d.into_owned()).collect(),
            map: None,
            analysis: Arc::new(analysis),
            states: None,
        };
        Run {
            files: vec![
                (result.path.clone(), Outcome::Checked(result)),
                (
                    PathBuf::from("年报/扫描件.pdf"),
                    Outcome::Failed("PDF 没有文字层（1 页中只有 1 幅图像，可能是扫描件），无法读取文字；请先做文字识别（OCR）或提供原始文件".into()),
                ),
                (PathBuf::from("年报/说明.md"), Outcome::NotAReport),
            ],
            failed_paths: vec!["年报/缺失.txt: 找不到文件或目录".into()],
            skipped_paths: Vec::new(),
            elsewhere: Default::default(),
            absent: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            uri_reference(Path::new("年报/a b#1.md")),
            "%E5%B9%B4%E6%8A%A5/a%20b%231.md"
        );
        assert_eq!(uri_reference(Path::new("dir\\x.md")), "dir/x.md");
    }

    #[test]
    fn summaries_say_what_was_and_was_not_checked() {
        let counts = Counts::of(&test_support::run());
        assert_eq!(
            counts.summary(),
            "检查了 1 个文件：2 个错误，1 个警告，0 个提示；跳过了 1 个不像年度报告的文件；2 个文件无法读取，未检查。"
        );
        let nothing = Counts {
            skipped_paths: 1,
            ..Counts::default()
        };
        assert_eq!(
            nothing.summary(),
            "没有检查任何文件；跳过了 1 个不是普通文件的路径：没有找到 .md、.txt、.html、.htm、.pdf、.docx 文件。"
        );
    }
}
