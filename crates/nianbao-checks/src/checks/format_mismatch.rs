//! `format-mismatch`: the tables' shape belongs to the other format than the report year
//! calls for.

use nianbao_model::{FormatBasis, Report};

use crate::{Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "format-mismatch",
    severity: Severity::Warning,
    timing: Timing::AfterPause,
    fix: None,
    summary: "表格的样式属于另一版格式，与报告年度应使用的格式不符",
    doc: r#"
### 作用
2019、2020 年度报告应使用 2019 年版格式（国办公开办函〔2019〕60号），2021 年度起应使用 2021 年版格式（国办公开办函〔2021〕30号）。本检查比较标题中的年度与表格的样式（如有无「第二十条第（九）项」、第二十条表头的列名），两者矛盾时给出警告。

### 原因
用错格式的报告，各项数字的含义与要求不同，无法与其他报告汇总比较。其他检查按年度对应的格式进行，因此会同时出现若干格式不符的提示。

### 示例
```diff
- # 示例市人民政府 2020 年政府信息公开工作年度报告
+ # 示例市人民政府 2021 年政府信息公开工作年度报告
```
「2021 年政府信息公开工作年度报告」中出现「第二十条第（九）项」（2019 年版才有）。

### 修复
没有自动修复：请按应使用的格式重新填报表格，或用 `--template` 指定格式。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    let (Some(shape), FormatBasis::Year, Some(year)) =
        (&report.shape, report.format_basis, report.year())
    else {
        return;
    };
    if shape.format == report.format {
        return;
    }
    let mut d = sink.report(
        shape.range,
        format!(
            "这是 {year} 年度报告，应使用 {}，但{}属于 {}",
            report.format.label(),
            shape.what,
            shape.format.label()
        ),
    );
    d.about(Subject::Report);
    if let Some(title) = &report.title {
        d.related(title.range, format!("报告年度：{year}"));
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019, VALID_2021};

    #[test]
    fn flags_a_2021_report_in_the_2019_format() {
        let text = replace(
            VALID_2019,
            "2020 年政府信息公开工作年度报告",
            "2021 年政府信息公开工作年度报告",
        );
        expect![[r#"
            18:1 warning format-mismatch 这是 2021 年度报告，应使用 2021 年版格式，但表头「本年新制作数量、本年新公开数量、对外公开总数量」属于 2019 年版格式
        "#]]
        .assert_eq(&findings("format-mismatch", &text));
    }

    #[test]
    fn no_finding_when_year_and_shape_agree() {
        assert_eq!(findings("format-mismatch", VALID_2019), "");
        assert_eq!(findings("format-mismatch", VALID_2021), "");
    }
}
