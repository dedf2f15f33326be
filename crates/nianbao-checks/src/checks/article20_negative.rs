//! `article20-negative`: a negative number in a 第二十条 column other than 本年增/减.

use nianbao_model::template::ValueKind;
use nianbao_model::Report;

use super::article20::{cell_label, values};
use crate::{Check, Severity, Sink, Timing};

pub static CHECK: Check = Check {
    code: "article20-negative",
    severity: Severity::Error,
    timing: Timing::Immediate,
    fix: None,
    summary: "第二十条表格中除「本年增/减」外出现负数",
    doc: r#"
### 作用
第二十条表格中只有「本年增/减」一列可以为负（如 `-156`，表示事项减少）。其他列是件数或金额，不能为负。

### 原因
负的件数或金额不可能出现，多半是录入错误，或把「本年增/减」填到了别的列。

### 示例
```diff
- 行政许可	100	-3	860
+ 行政许可	-100	-3	860
```
「上一年项目数量」列不能为 -100（「本年增/减」可以为负）。

### 修复
没有自动修复：请改正数字。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for (row, spec, i, cell) in values(report) {
        if spec.columns[i].kind == ValueKind::Delta
            || !cell.number().is_some_and(|n| n.value.is_negative())
        {
            continue;
        }
        sink.report(
            cell.range,
            format!(
                "{}不能为负数（{}）；只有「本年增/减」可以为负",
                cell_label(row, spec, i),
                cell.text.trim()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_negatives_outside_the_delta_column() {
        let text = replace(
            VALID_2019,
            "行政许可\t100\t-3\t860",
            "行政许可\t-100\t-3\t860",
        );
        expect![[r#"
            23:6 error article20-negative 「行政许可」行「上一年项目数量」列不能为负数（-100）；只有「本年增/减」可以为负
        "#]]
        .assert_eq(&findings("article20-negative", &text));
    }

    #[test]
    fn the_delta_column_may_be_negative() {
        assert_eq!(findings("article20-negative", VALID_2019), "");
    }
}
