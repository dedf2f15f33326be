//! For people: `path:line:col: severity[code] message`, a fix's title and places in other
//! files under it, then one summary line; colours only on a terminal. Files that could
//! not be read are said on stderr, as they are met (see `main`).

use std::io::{self, Write};

use nianbao_checks::{Applicability, Severity};

use super::{position, Counts, Elsewhere};
use crate::input::shown;
use crate::run::{FileResult, Run};

pub fn write(out: &mut impl Write, run: &Run, colour: bool) -> io::Result<()> {
    for file in run.checked() {
        write_file(out, file, colour, &run.elsewhere)?;
    }
    writeln!(out, "{}", Counts::of(run).summary())
}

fn write_file(
    out: &mut impl Write,
    file: &FileResult,
    colour: bool,
    elsewhere: &Elsewhere,
) -> io::Result<()> {
    let paint = |code: &str, text: &str| {
        if colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let index = file.lines.index();
    let path = shown(&file.path);
    for d in file.shown() {
        let place = match file.map.as_ref().and_then(|m| m.at(d.range.start)) {
            Some(origin) => origin.to_string(),
            None => {
                let (line, column) = position(&index, d.range.start);
                format!("{line}:{column}")
            }
        };
        let severity = match d.severity {
            Severity::Error => paint("1;31", "error"),
            Severity::Warning => paint("1;33", "warning"),
            Severity::Info => paint("1;36", "info"),
            Severity::Hint => paint("1;36", "hint"),
        };
        writeln!(
            out,
            "{}:{place}: {severity}[{}] {}",
            paint("1", &path),
            d.code,
            d.message
        )?;
        if let Some(fix) = &d.fix {
            let note = match fix.applicability {
                Applicability::Safe => "",
                Applicability::Unsafe => "（需先核对加数）",
                Applicability::DisplayOnly => "（仅供参考）",
            };
            writeln!(out, "    修复{note}：{}", fix.title)?;
        }
        for (r, place) in elsewhere.of(d) {
            let (line, column) = place.start;
            writeln!(
                out,
                "    参见 {}:{line}:{column}：{}",
                shown(&place.path),
                r.message
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::output::test_support;

    #[test]
    fn findings_then_the_summary() {
        let mut out = Vec::new();
        super::write(&mut out, &test_support::run(), false).unwrap();
        expect_test::expect![[r#"
            年报/泉港区 2020.txt:78:29: error[row-total-mismatch] 「4.保护第三方合法权益」行「总计」应为 2（六类申请人之和），实为 0；只需把「4.保护第三方合法权益」「自然人」由 2 改为 0，「4.保护第三方合法权益」行总计与「自然人」列（七）总计即同时成立
                修复（需先核对加数）：将「4.保护第三方合法权益」「自然人」由 2 改为 0
            年报/泉港区 2020.txt:93:8: error[column-total-mismatch] 「（七）总计」行「自然人」列应为 53（本年度办理结果各项之和），实为 51；只需把「4.保护第三方合法权益」「自然人」由 2 改为 0，「4.保护第三方合法权益」行总计与「自然人」列（七）总计即同时成立
                修复（需先核对加数）：将「4.保护第三方合法权益」「自然人」由 2 改为 0
            年报/泉港区 2020.txt:101:1: warning[unfilled-cell] 表四有 5 个单元格未填数字：「行政复议·结果维持」（空白）、「行政复议·结果纠正」（空白）、「行政复议·其他结果」（空白）、「行政复议·尚未审结」（空白）、「行政复议·总计」（空白）；没有发生的情况应填 0，这些单元格不参与合计校验
            检查了 1 个文件：2 个错误，1 个警告，0 个提示；跳过了 1 个不像年度报告的文件；2 个文件无法读取，未检查。
        "#]]
        .assert_eq(&String::from_utf8(out).unwrap());
    }
}
