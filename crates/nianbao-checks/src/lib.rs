//! The checks: one file per diagnostic code under `checks/`, each with its user doc, its
//! detection, its fix and its tests. Adding a check is a new file plus one line in
//! [`checks::ALL`].
//!
//! Checks read the [`Report`] of `nianbao-model` and report [`Diagnostic`]s with byte
//! ranges; they know nothing of LSP, JSON or terminals. Every expected value comes from
//! `nianbao_model::arith`.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod checks;
mod diagnostic;
mod labels;

use std::collections::{HashMap, HashSet};

pub use diagnostic::{Applicability, Diagnostic, Fix, Related, Severity, Subject, TextEdit};
use nianbao_model::Report;

/// A check: its code, its policies and its doc, and the function that runs it. This is
/// the only place a check's properties are written: the language server, the CLI and
/// `docs/checks.md` read them from here.
pub struct Check {
    /// Stable, kebab-case: never renamed once released.
    pub code: &'static str,
    pub severity: Severity,
    /// When an editor shows the check's new findings.
    pub timing: Timing,
    /// How far the check's fixes can be trusted; `None` when it offers none. Every fix the
    /// check reports gets this applicability (see [`Reported::fix`]).
    pub fix: Option<Applicability>,
    /// One line, in Chinese: what the check flags.
    pub summary: &'static str,
    /// Markdown, in Chinese: what it does, why it matters, an example, fix safety. The
    /// example's `diff` block is run as a test (see `docs_examples`).
    pub doc: &'static str,
    pub run: fn(&Report, &mut Sink<'_>),
}

/// When an editor shows a check's findings that were not on screen before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Timing {
    /// At once: how a cell or a row reads does not change while a number is typed.
    Immediate,
    /// After a pause in typing: sums and the structure of parts and tables are wrong
    /// while a number or a title is half typed, and would flicker.
    AfterPause,
}

/// Where a check reports its findings.
pub struct Sink<'a> {
    check: &'static Check,
    out: &'a mut Vec<Diagnostic>,
}

impl Sink<'_> {
    /// Reports a finding at `range`; chain `.related(..)` and `.fix(..)` on the result.
    pub fn report(
        &mut self,
        range: nianbao_syntax::TextRange,
        message: impl Into<std::sync::Arc<str>>,
    ) -> Reported<'_> {
        self.out.push(Diagnostic {
            code: self.check.code,
            severity: self.check.severity,
            subject: Subject::Report,
            range,
            message: message.into(),
            related: Vec::new(),
            fix: None,
        });
        let last = self.out.len() - 1;
        Reported {
            check: self.check,
            diagnostic: &mut self.out[last],
            said_about: false,
        }
    }
}

/// A finding just reported, to add related places and a fix to.
pub struct Reported<'s> {
    check: &'static Check,
    diagnostic: &'s mut Diagnostic,
    /// Whether [`Reported::about`] was called.
    said_about: bool,
}

impl Drop for Reported<'_> {
    fn drop(&mut self) {
        debug_assert!(
            self.said_about || self.check.timing == Timing::Immediate,
            "{} waits for a pause in typing, so its findings must say what they are about",
            self.check.code
        );
    }
}

impl Reported<'_> {
    /// Says what the finding is about (the default is the report as a whole). Checks whose
    /// new findings wait for a pause in typing must say it: it is how a finding already
    /// on screen is told from a new one.
    pub fn about(&mut self, subject: Subject) -> &mut Self {
        self.diagnostic.subject = subject;
        self.said_about = true;
        self
    }

    pub fn related(
        &mut self,
        range: nianbao_syntax::TextRange,
        message: impl Into<std::sync::Arc<str>>,
    ) -> &mut Self {
        self.push_related(None, range, message.into())
    }

    /// A related place in another file: `range` is a byte range of `file` (a
    /// `HandedOn::source`).
    pub fn related_in(
        &mut self,
        file: std::sync::Arc<str>,
        range: nianbao_syntax::TextRange,
        message: impl Into<std::sync::Arc<str>>,
    ) -> &mut Self {
        self.push_related(Some(file), range, message.into())
    }

    fn push_related(
        &mut self,
        file: Option<std::sync::Arc<str>>,
        range: nianbao_syntax::TextRange,
        message: std::sync::Arc<str>,
    ) -> &mut Self {
        self.diagnostic.related.push(Related {
            range,
            message,
            file,
        });
        self
    }

    /// Attaches a fix with the applicability its check declares. A check that declares
    /// no fix cannot attach one (a debug assertion; release builds drop the fix).
    pub fn fix(
        &mut self,
        title: impl Into<std::sync::Arc<str>>,
        edits: Vec<TextEdit>,
    ) -> &mut Self {
        debug_assert!(
            self.check.fix.is_some(),
            "{} offers a fix but declares none",
            self.check.code
        );
        if let Some(applicability) = self.check.fix {
            self.diagnostic.fix = Some(Fix {
                title: title.into(),
                applicability,
                edits,
            });
        }
        self
    }
}

/// What the user chose: checks switched off and severities changed.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub disabled: HashSet<String>,
    pub severity: HashMap<String, Severity>,
}

/// Runs every enabled check on `report`; the findings are sorted by position.
pub fn check(report: &Report, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for check in checks::ALL {
        if config.disabled.contains(check.code) {
            continue;
        }
        let from = out.len();
        (check.run)(
            report,
            &mut Sink {
                check,
                out: &mut out,
            },
        );
        if report.recovery.is_some() && !["ambiguous-cells", "flattened-text"].contains(&check.code)
        {
            // A row of a flattened report whose digits could not be cut into cells is
            // said once, by `ambiguous-cells`: what other checks make of the run is not.
            let mut kept = from;
            for i in from..out.len() {
                if !report.unread_at(out[i].range) {
                    out.swap(kept, i);
                    kept += 1;
                }
            }
            out.truncate(kept);
        }
        if let Some(&severity) = config.severity.get(check.code) {
            for d in &mut out[from..] {
                d.severity = severity;
            }
        }
    }
    out.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    out
}

/// The check with this code.
pub fn find_check(code: &str) -> Option<&'static Check> {
    static BY_CODE: std::sync::LazyLock<HashMap<&'static str, &'static Check>> =
        std::sync::LazyLock::new(|| checks::ALL.iter().map(|c| (c.code, *c)).collect());
    BY_CODE.get(code).copied()
}

/// Findings as text lines for snapshots and logs, `line:col severity code message` (1-based;
/// columns count characters, since carets do not line up under CJK), each fix on the line
/// after as `    fix (applicability) title: "old"→"new"`.
pub fn render(text: &str, diagnostics: &[Diagnostic]) -> String {
    let rope = nianbao_syntax::Rope::from_str(text);
    let index = nianbao_syntax::LineIndex::new(&rope);
    let mut out = String::new();
    for d in diagnostics {
        let at = index.line_col(d.range.start, nianbao_syntax::ColumnUnit::Char);
        out.push_str(&format!(
            "{}:{} {} {} {}\n",
            at.line + 1,
            at.col + 1,
            d.severity.as_str(),
            d.code,
            d.message
        ));
        if let Some(fix) = &d.fix {
            let edits: Vec<String> = fix
                .edits
                .iter()
                .map(|e| {
                    format!(
                        "{:?}→{:?}",
                        text.get(e.range.start..e.range.end).unwrap_or(""),
                        e.new_text
                    )
                })
                .collect();
            out.push_str(&format!(
                "    fix ({:?}) {}: {}\n",
                fix.applicability,
                fix.title,
                edits.join(", ")
            ));
        }
    }
    out
}

/// `docs/checks.md`, generated from the checks' docs (a test keeps the file in step).
pub fn docs_markdown() -> String {
    let mut md = String::from(
        "# nianbao 的检查项 / Checks\n\n\
         <!-- Generated from crates/nianbao-checks/src/checks/*.rs by `UPDATE_EXPECT=1 cargo test -p nianbao-checks docs`. Do not edit by hand. -->\n\n\
         每个诊断都有一个稳定的代码（code）。可以在编辑器设置或命令行中关闭某项检查或调整其级别。\
         「修复」一栏说明自动修复是否可以放心应用：*安全* 的修复不改变报告的意思；\
         *需核对* 的修复建立在一个前提上（例如重新计算合计时假定各加数无误），应用前请先核对。\
         「编辑器」一栏说明编辑时新出现的问题何时显示：*立即*，或 *停顿后*（等输入停顿，\
         以免数字或标题输入到一半时闪烁；已显示的问题始终立即更新）。\n\n\
         | 代码 | 默认级别 | 修复 | 编辑器 | 说明 |\n|---|---|---|---|---|\n",
    );
    for c in checks::ALL {
        md.push_str(&format!(
            "| [`{}`](#{}) | {} | {} | {} | {} |\n",
            c.code,
            c.code,
            c.severity.as_str(),
            fix_label(c.fix),
            timing_label(c.timing),
            c.summary
        ));
    }
    for c in checks::ALL {
        md.push_str(&format!(
            "\n## {}\n\n默认级别：{} · 修复：{} · 编辑器：{}\n\n{}\n",
            c.code,
            c.severity.as_str(),
            fix_label(c.fix),
            timing_label(c.timing),
            c.doc.trim()
        ));
    }
    md
}

fn fix_label(fix: Option<Applicability>) -> &'static str {
    match fix {
        None => "无",
        Some(Applicability::Safe) => "安全",
        Some(Applicability::Unsafe) => "需核对",
        Some(Applicability::DisplayOnly) => "仅供参考",
    }
}

fn timing_label(timing: Timing) -> &'static str {
    match timing {
        Timing::Immediate => "立即",
        Timing::AfterPause => "停顿后",
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Fixtures and rendering shared by the checks' tests.

    use super::*;

    pub const VALID_2019: &str = include_str!("../test_data/valid_2019.txt");
    pub const VALID_2021: &str = include_str!("../test_data/valid_2021.txt");

    /// Parses, models and checks a whole text, as `nianbao_ide::analyze` does for a
    /// document (which this crate cannot call: the ide crate is built on it).
    /// The fixtures are checked with their report of the year before at hand (see
    /// [`last_years`]).
    pub fn check_text(text: &str) -> Vec<Diagnostic> {
        let options = nianbao_model::Options {
            last_years: last_years(),
            ..Default::default()
        };
        nianbao_model::build_text(text, &options)
            .iter()
            .flat_map(|r| check(r, &Config::default()))
            .collect()
    }

    /// The valid fixtures' reports of the year before, with which they agree: their year
    /// one less, carrying over what the fixture carries in, with the documents in force
    /// that the fixture's 第二十条第（一）项 follows from.
    pub fn last_years() -> Vec<std::sync::Arc<nianbao_model::years::HandedOn>> {
        static LAST_YEARS: std::sync::LazyLock<
            Vec<std::sync::Arc<nianbao_model::years::HandedOn>>,
        > = std::sync::LazyLock::new(|| {
            let carried = "四、结转下年度继续办理\t\t\t3\t1\t0\t0\t0\t0\t4";
            let y2019 = replace(VALID_2019, "2020 年政府信息公开", "2019 年政府信息公开");
            let y2019 = replace(
                &y2019,
                "四、结转下年度继续办理\t\t\t5\t1\t0\t0\t0\t0\t6",
                carried,
            );
            let y2021 = replace(VALID_2021, "2022 年政府信息公开", "2021 年政府信息公开");
            let y2021 = replace(
                &y2021,
                "四、结转下年度继续办理\t\t\t5\t1\t0\t0\t0\t0\t6",
                carried,
            );
            let y2021 = replace(&y2021, "规章\t1\t0\t5", "规章\t1\t0\t4");
            // Last year's problems were other ones (a part 五 copied is a finding).
            let problems =
                "一是公开内容不够全面；二是解读回应不够及时。下一步将加强培训，完善制度。";
            let last_problems = "一是政策解读形式比较单一；二是依申请公开答复质量有待提高。下一步将丰富解读形式，规范答复文书。";
            let y2019 = replace(&y2019, problems, last_problems);
            let y2021 = replace(&y2021, problems, last_problems);
            let y2021 = replace(
                &y2021,
                "行政规范性文件\t12\t3\t40",
                "行政规范性文件\t12\t3\t31",
            );
            [("last_year_2019.txt", y2019), ("last_year_2021.txt", y2021)]
                .into_iter()
                .map(|(name, text)| {
                    let report = nianbao_model::build_text(&text, &Default::default()).remove(0);
                    let handed = nianbao_model::years::handed_on(&report, name.into());
                    std::sync::Arc::new(
                        handed.expect("the fixture has a title with a body and year"),
                    )
                })
                .collect()
        });
        LAST_YEARS.clone()
    }

    /// Runs all checks on `text` and renders the findings of `code` as
    /// `line:col severity code message` lines (columns in characters, 1-based).
    pub fn findings(code: &str, text: &str) -> String {
        let mine: Vec<Diagnostic> = check_text(text)
            .into_iter()
            .filter(|d| d.code == code)
            .collect();
        render(text, &mine)
    }

    /// `text` with the first occurrence of `from` replaced; panics if absent so that a
    /// fixture change cannot silently make a test vacuous.
    pub fn replace(text: &str, from: &str, to: &str) -> String {
        assert!(text.contains(from), "fixture has no {from:?}");
        text.replacen(from, to, 1)
    }

    #[test]
    fn valid_fixtures_have_no_findings() {
        for text in [VALID_2019, VALID_2021] {
            assert_eq!(render(text, &check_text(text)), "");
        }
    }

    /// The `diff` block of a doc's 示例 and the fixture it applies to (`diff 2021`: the
    /// 2021 one, else the 2019 one).
    fn doc_example(doc: &str) -> Option<(&'static str, Vec<&str>)> {
        let example = &doc[doc.find("### 示例")?..doc.find("### 修复")?];
        let open = example.find("```diff")?;
        let info_end = open + example[open..].find('\n')?;
        let base = match example[open..info_end].trim() {
            "```diff 2021" => VALID_2021,
            _ => VALID_2019,
        };
        let body = &example[info_end + 1..];
        let body = &body[..body.find("```")?];
        Some((base, body.lines().collect()))
    }

    /// Applies diff lines to `base`: each run of `- ` lines is found in order, as whole
    /// lines after the previous run's, and replaced by the `+ ` lines that follow it.
    pub fn apply_diff(base: &str, diff: &[&str]) -> String {
        let mut lines: Vec<String> = base.split('\n').map(str::to_string).collect();
        let mut at = 0;
        let mut i = 0;
        while i < diff.len() {
            let minus: Vec<&str> = diff[i..]
                .iter()
                .take_while(|l| l.starts_with('-'))
                .map(|l| l.strip_prefix("- ").unwrap_or(""))
                .collect();
            i += minus.len();
            let plus: Vec<String> = diff[i..]
                .iter()
                .take_while(|l| l.starts_with('+'))
                .map(|l| l.strip_prefix("+ ").unwrap_or("").to_string())
                .collect();
            i += plus.len();
            assert!(
                !minus.is_empty(),
                "a diff hunk must remove a line: {diff:?}"
            );
            let found = (at..lines.len())
                .find(|&k| {
                    lines.len() >= k + minus.len()
                        && lines[k..k + minus.len()]
                            .iter()
                            .zip(&minus)
                            .all(|(a, b)| a == b)
                })
                .unwrap_or_else(|| panic!("the fixture has no lines {minus:?}"));
            at = found + plus.len();
            lines.splice(found..found + minus.len(), plus);
        }
        lines.join("\n")
    }

    /// Every check's 示例 runs: its diff, applied to a valid fixture, gives a finding of
    /// the check, which the fixture alone does not have.
    #[test]
    fn every_doc_example_gives_its_finding() {
        for c in checks::ALL {
            let (base, diff) = doc_example(c.doc)
                .unwrap_or_else(|| panic!("{}: 示例 has no ```diff block", c.code));
            let text = apply_diff(base, &diff);
            let found = check_text(&text);
            assert!(
                found.iter().any(|d| d.code == c.code),
                "{}: its example gives no finding of it:\n{}",
                c.code,
                render(&text, &found)
            );
            assert!(!check_text(base).iter().any(|d| d.code == c.code));
        }
    }

    #[test]
    fn docs_are_up_to_date() {
        expect_test::expect_file!["../../../docs/checks.md"].assert_eq(&docs_markdown());
    }

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let mut seen = HashSet::new();
        for c in checks::ALL {
            assert!(seen.insert(c.code), "duplicate code {}", c.code);
            assert!(
                c.code
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
                "{}",
                c.code
            );
            for section in ["### 作用", "### 原因", "### 示例", "### 修复"] {
                assert!(c.doc.contains(section), "{} doc lacks {section}", c.code);
            }
        }
    }
}
