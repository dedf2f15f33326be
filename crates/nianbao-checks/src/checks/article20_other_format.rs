//! `article20-other-format`: a 第二十条 block or header of the other format.

use nianbao_model::template::{a20_caption, a20_spec};
use nianbao_model::Report;

use crate::{Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "article20-other-format",
    severity: Severity::Warning,
    timing: Timing::AfterPause,
    fix: None,
    summary: "第二十条表格的项目或表头属于另一版格式",
    doc: r#"
### 作用
标出属于另一版格式的第二十条表格：2021 年度起的报告中出现「第二十条第（九）项」（2021 年版已取消），某块的表头是另一版格式的列名（如 2019 年度报告中出现「本年制发件数」，或 2021 年度报告仍用「本年新制作数量」）。（2021 年度报告中的行名「规范性文件」见 `article20-row-label`。）

### 原因
两版格式统计的内容不同：2021 年版统计制发、废止、现行有效件数和处理决定数量，2019 年版统计新制作、新公开和项目增减。用错格式的数字无法汇总比较。

### 示例
```diff 2021
- 信息内容	本年制发件数	本年废止件数	现行有效件数
+ 信息内容	本年新制作数量	本年新公开数量	对外公开总数量
```
2022 年度报告中使用了 2019 年版的表头。

### 修复
没有自动修复：请按应使用的格式重新填报。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    let format = report.format;
    let other = format.other();
    for block in &report.article20 {
        let Some(item) = block.item else { continue };
        if a20_spec(format, item).is_none() && a20_spec(other, item).is_some() {
            sink.report(
                block.caption_range,
                format!(
                    "「{}」是 {}的项目，本报告适用 {}，没有此项",
                    a20_caption(item),
                    other.label(),
                    format.label()
                ),
            )
            .about(Subject::A20Block { item });
            continue;
        }
        let (Some(header), Some(spec)) = (&block.header, a20_spec(format, item)) else {
            continue;
        };
        if header.format(item) == Some(other) {
            let written: Vec<&str> = header.cells.iter().map(|c| c.text.as_str()).collect();
            let expected: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
            sink.report(
                header.range,
                format!(
                    "「{}」的表头「{}」是 {}的列名；本报告适用 {}，表头应为「{}」",
                    a20_caption(item),
                    written.join("、"),
                    other.label(),
                    format.label(),
                    expected.join("、")
                ),
            )
            .about(Subject::A20Block { item });
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019, VALID_2021};

    #[test]
    fn flags_blocks_and_headers_of_the_other_format() {
        let text = replace(
            VALID_2019,
            "2020 年政府信息公开工作年度报告",
            "2021 年政府信息公开工作年度报告",
        );
        let found = findings("article20-other-format", &text);
        expect![[r#"
            18:1 warning article20-other-format 「第二十条第（一）项」的表头「本年新制作数量、本年新公开数量、对外公开总数量」是 2019 年版格式的列名；本报告适用 2021 年版格式，表头应为「本年制发件数、本年废止件数、现行有效件数」
            22:1 warning article20-other-format 「第二十条第（五）项」的表头「上一年项目数量、本年增/减、处理决定数量」是 2019 年版格式的列名；本报告适用 2021 年版格式，表头应为「本年处理决定数量」
            26:1 warning article20-other-format 「第二十条第（六）项」的表头「上一年项目数量、本年增/减、处理决定数量」是 2019 年版格式的列名；本报告适用 2021 年版格式，表头应为「本年处理决定数量」
            30:1 warning article20-other-format 「第二十条第（八）项」的表头「上一年项目数量、本年增/减」是 2019 年版格式的列名；本报告适用 2021 年版格式，表头应为「本年收费金额（单位：万元）」
            32:1 warning article20-other-format 「第二十条第（九）项」是 2019 年版格式的项目，本报告适用 2021 年版格式，没有此项
        "#]]
        .assert_eq(&found);
    }

    #[test]
    fn no_finding_in_the_right_format() {
        assert_eq!(findings("article20-other-format", VALID_2019), "");
        assert_eq!(findings("article20-other-format", VALID_2021), "");
    }
}
