//! `unknown-row`: a row of table 三 with numbers whose label matches no template row.

use nianbao_model::Report;

use crate::{Check, Severity, Sink, Timing};

pub static CHECK: Check = Check {
    code: "unknown-row",
    severity: Severity::Warning,
    timing: Timing::Immediate,
    fix: None,
    summary: "表三中有数字的行无法对应到模板中的任何一行",
    doc: r#"
### 作用
表三的行标签会被宽容地匹配到模板行：忽略多余空格、全角半角差异、「、」与「.」、竖排分组标签残留的字（如行首的「果」）、断成两行的标签。仍无法确定对应哪一行的数据行，由本检查报告。

### 原因
nianbao 从不猜测一行属于哪里：无法确定的行不参与任何合计校验（有这样的行时，也不做「（七）总计」的列合计校验，因为它可能是某个分项）。标签不规范也会让读者和汇总工具困惑。

### 示例
```diff
- 		8.属于行政查询事项	0	0	0	0	0	0	0
+ 		8.属于行政查询事项	0	0	0	0	0	0	0
+ 	（三）其他不公开情形		1	0	0	0	0	0	1
```
模板中没有「（三）其他不公开情形」这一行。

### 修复
没有自动修复：请使用模板中的行标签。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for table in &report.tables3 {
        if table.unreadable() {
            continue; // `unreadable-table` says it once
        }
        for row in &table.unmapped {
            let range = if row.label_range.is_empty() {
                row.range
            } else {
                row.label_range
            };
            let label = if row.label.trim().is_empty() {
                "（无标签）".to_string()
            } else {
                format!("「{}」", row.label.trim())
            };
            let unchecked = if table.column_totals_checked() {
                ""
            } else {
                "，「（七）总计」行的列合计也未校验（此行可能是其中一项）"
            };
            sink.report(
                range,
                format!(
                    "表三中{label}行无法对应到模板中的任何一行；此行的数字不参与合计校验{unchecked}"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_rows_it_cannot_map() {
        let text = replace(
            VALID_2019,
            "\t\t8.属于行政查询事项",
            "\t\t9.其他不公开情形\t0\t0\t0\t0\t0\t0\t0\n\t\t8.属于行政查询事项",
        );
        expect![[r#"
            52:3 warning unknown-row 表三中「9.其他不公开情形」行无法对应到模板中的任何一行；此行的数字不参与合计校验，「（七）总计」行的列合计也未校验（此行可能是其中一项）
        "#]]
        .assert_eq(&findings("unknown-row", &text));
    }

    #[test]
    fn tolerates_stray_characters_and_broken_labels() {
        let text = replace(
            VALID_2019,
            "\t\t4.保护第三方合法权益",
            "果\t\t4. 保护第三方合法权益",
        );
        let text = replace(
            &text,
            "\t\t4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0",
            "\t\t4.无正当理由\t0\t0\t0\t0\t0\t0\t0\n\t\t由大量反复申请\t\t\t\t\t\t\t",
        );
        assert_eq!(findings("unknown-row", &text), "");
        assert_eq!(findings("missing-row", &text), "");
    }
}
