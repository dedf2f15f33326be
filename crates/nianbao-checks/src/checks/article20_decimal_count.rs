//! `article20-decimal-count`: a decimal in a 第二十条 column that counts things.

use nianbao_model::template::ValueKind;
use nianbao_model::Report;

use super::article20::{cell_label, values};
use crate::{Check, Severity, Sink, Timing};

pub static CHECK: Check = Check {
    code: "article20-decimal-count",
    severity: Severity::Error,
    timing: Timing::Immediate,
    fix: None,
    summary: "第二十条表格的件数列出现小数",
    doc: r#"
### 作用
第二十条表格中，金额列（「采购总金额」「本年收费金额（单位：万元）」）可以有小数，如 `24252.311082`；其余列是件数，只能是整数。

### 原因
件数带小数多半是把金额填到了件数列，或录入错误。

### 示例
```diff
- 行政处罚	50	4	120
+ 行政处罚	50	4	120.5
```
处理决定数量是件数，不能是 120.5。

### 修复
没有自动修复：请改正数字。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for (row, spec, i, cell) in values(report) {
        if spec.columns[i].kind == ValueKind::Amount
            || cell.number().is_none_or(|n| n.value.is_integer())
        {
            continue;
        }
        sink.report(
            cell.range,
            format!(
                "{}是件数，不能有小数（{}）",
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
    fn flags_decimals_in_counts() {
        let text = replace(VALID_2019, "行政处罚\t50\t4\t120", "行政处罚\t50\t4\t120.5");
        expect![[r#"
            27:11 error article20-decimal-count 「行政处罚」行「处理决定数量」列是件数，不能有小数（120.5）
        "#]]
        .assert_eq(&findings("article20-decimal-count", &text));
    }

    #[test]
    fn amounts_may_be_decimals() {
        assert_eq!(findings("article20-decimal-count", VALID_2019), "");
    }
}
