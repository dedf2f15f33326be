//! `article20-not-a-number`: text where a 第二十条 number belongs.

use nianbao_model::{CellValue, Report};

use super::article20::{cell_label, values};
use crate::{Check, Severity, Sink, Timing};

pub static CHECK: Check = Check {
    code: "article20-not-a-number",
    severity: Severity::Error,
    timing: Timing::Immediate,
    fix: None,
    summary: "第二十条表格中应填数字的位置是文字",
    doc: r#"
### 作用
第二十条表格标签之后的每个单元格都应是数字（金额可带单位，如 `6834.335 元`）。本检查标出写成文字的单元格（如「十」「无」）；空白和 `/`、`—` 是未填的单元格，由 `unfilled-cell` 每张表报告一次。

### 原因
不是数字的单元格无法统计和比较；没有发生的情况应填 0。

### 示例
```diff
- 规章	1	1	5
+ 规章	无	1	5
```
「无」不是数字：没有应填 0。

### 修复
没有自动修复：请填入数字。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for (row, spec, i, cell) in
        values(report).filter(|(.., c)| {
            // Blank cells and `/`, `—` are unfilled cells (`unfilled-cell`, once a table).
            !matches!(
                c.value,
                CellValue::Number(_) | CellValue::Empty | CellValue::Marker
            )
        })
    {
        let range = if cell.range.is_empty() {
            row.range
        } else {
            cell.range
        };
        let shown = if cell.text.trim().is_empty() {
            "空白".to_string()
        } else {
            format!("「{}」", cell.text.trim())
        };
        sink.report(
            range,
            format!("{}应为数字，实为{shown}", cell_label(row, spec, i)),
        );
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_text_and_markers() {
        let text = replace(VALID_2019, "规章\t1\t1\t5", "规章\t无\t—\t5");
        expect![[r#"
            19:4 error article20-not-a-number 「规章」行「本年新制作数量」列应为数字，实为「无」
        "#]]
        .assert_eq(&findings("article20-not-a-number", &text));
    }

    #[test]
    fn amounts_with_units_are_numbers() {
        let text = replace(
            VALID_2019,
            "政府集中采购\t12\t356.5",
            "政府集中采购\t12\t356.5 万元",
        );
        assert_eq!(findings("article20-not-a-number", &text), "");
    }
}
