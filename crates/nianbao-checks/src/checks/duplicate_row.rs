//! `duplicate-row`: a template row of table 三 that appears twice.

use nianbao_model::Report;

use crate::{Check, Severity, Sink, Timing, labels};

pub static CHECK: Check = Check {
    code: "duplicate-row",
    severity: Severity::Warning,
    timing: Timing::Immediate,
    fix: None,
    summary: "表三中同一模板行出现了两次",
    doc: r#"
### 作用
同一张表三中，同一模板行（如「2.重复申请」）出现两次时报告第二次出现。

### 原因
重复的行多半是复制粘贴的残留或标签写错，会让合计无从判断。只有第一次出现的行参与合计校验。

### 示例
```diff
- 		2.其他法律行政法规禁止公开	0	0	0	0	0	0	0
+ 		1.属于国家秘密	0	0	0	0	0	0	0
```
两行都标为「1.属于国家秘密」：只有第一行参与合计校验。

### 修复
没有自动修复：删去多余的行或改正其标签。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for table in &report.tables3 {
        for row in table.rows.iter().filter(|r| r.duplicate) {
            let mut d = sink.report(
                row.label_range,
                format!(
                    "{}行在表三中重复出现；只有第一次出现的那一行参与合计校验",
                    labels::t3_row(row.def)
                ),
            );
            if let Some((_, first)) = table.row(row.def) {
                d.related(first.label_range, "第一次出现");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_the_second_occurrence() {
        let text = replace(
            VALID_2019,
            "\t\t2.其他法律行政法规禁止公开",
            "\t\t1.属于国家秘密",
        );
        expect![[r#"
            46:3 warning duplicate-row 「1.属于国家秘密」行在表三中重复出现；只有第一次出现的那一行参与合计校验
        "#]]
        .assert_eq(&findings("duplicate-row", &text));
    }

    #[test]
    fn no_finding_on_distinct_rows() {
        assert_eq!(findings("duplicate-row", VALID_2019), "");
    }
}
