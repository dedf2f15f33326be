//! `article20-value-count`: a 第二十条 row with too few or too many values.

use nianbao_model::Report;

use super::article20::{has_its_cells, rows};
use crate::{Check, Severity, Sink, Timing};

pub static CHECK: Check = Check {
    code: "article20-value-count",
    severity: Severity::Error,
    timing: Timing::Immediate,
    fix: None,
    summary: "第二十条表格某行的数值个数与表头列数不符",
    doc: r#"
### 作用
第二十条表格每行在标签之后应有与表头相同个数的数值（如第（一）项 3 个，2019 年版第（八）项 2 个，2021 年版第（五）项 1 个）。末尾的空单元格不算数值（文本转换时常补齐到同一宽度）。

### 原因
少一个或多一个数值时，无法确定每个数字属于哪一列。

### 示例
```diff
- 规章	1	1	5
+ 规章	1	1
```
第（一）项应有 3 个数值。

### 修复
没有自动修复：请补齐或删去多余的数值。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for (_, spec, row) in
        rows(report).filter(|(_, spec, row)| !has_its_cells(row, spec) && !report.unread_at(row.range))
    {
        let names: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
        let label = if row.label_text.is_empty() {
            "（无标签）".to_string()
        } else {
            format!("「{}」", row.label_text)
        };
        sink.report(
            row.range,
            format!(
                "{label}行有 {} 个数值，应为 {} 个（{}）",
                row.values.len(),
                spec.columns.len(),
                names.join("、")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_short_and_long_rows() {
        let text = replace(VALID_2019, "规章\t1\t1\t5", "规章\t1\t1");
        let text = replace(&text, "行政事业性收费\t3\t0\t", "行政事业性收费\t3\t0\t7");
        expect![[r#"
            19:1 error article20-value-count 「规章」行有 2 个数值，应为 3 个（本年新制作数量、本年新公开数量、对外公开总数量）
            31:1 error article20-value-count 「行政事业性收费」行有 3 个数值，应为 2 个（上一年项目数量、本年增/减）
        "#]]
        .assert_eq(&findings("article20-value-count", &text));
    }

    #[test]
    fn an_empty_trailing_cell_is_not_a_value() {
        assert_eq!(findings("article20-value-count", VALID_2019), "");
    }
}
