//! `missing-table`: one of the three official tables is nowhere in the report.

use nianbao_model::{Part, Report};

use crate::{Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "missing-table",
    severity: Severity::Error,
    timing: Timing::AfterPause,
    fix: None,
    summary: "报告中找不到三张法定表格之一（第二十条各项、表三、表四）",
    doc: r#"
### 作用
年度报告格式规定了三张表格：第二部分的「第二十条第（N）项」各项主动公开情况，第三部分的「收到和处理政府信息公开申请情况」表（表三），第四部分的「政府信息公开行政复议、行政诉讼情况」表（表四）。本检查报告整份报告中都找不到的表格。诊断位于该部分的标题；没有该部分时位于报告标题。

表格在报告中但不在应在的部分内，由 `table-outside-part` 报告。

### 原因
这三张表是年度报告的法定内容，缺表即缺少相应的统计数据。

### 示例
```diff
- 行政复议					行政诉讼									
- 结果维持	结果纠正	其他结果	尚未审结	总计	未经复议直接起诉					复议后起诉				
- 					结果维持	结果纠正	其他结果	尚未审结	总计	结果维持	结果纠正	其他结果	尚未审结	总计
- 1	0	0	0	1	0	1	0	0	1	0	0	0	1	1
```
表四整张表被删去：报告找不到表四。只有文字、把表格放在另行发布的附件中的报告，三张表都会被报告为缺少。

### 修复
没有自动修复：请按模板补上表格。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    let tables = [
        (
            report.article20.is_empty(),
            Part::Proactive,
            "第二十条各项主动公开情况表（第二十条第（一）（五）（六）（八）等项）",
            2,
        ),
        (
            report.tables3.is_empty(),
            Part::Requests,
            "表三「收到和处理政府信息公开申请情况」",
            3,
        ),
        (
            report.tables4.is_empty(),
            Part::ReviewLitigation,
            "表四「政府信息公开行政复议、行政诉讼情况」",
            4,
        ),
    ];
    for (missing, part, name, table) in tables {
        if !missing {
            continue;
        }
        let heading = report.parts.iter().find(|p| p.part == part);
        let range = heading.map_or(report.anchor, |h| h.range);
        sink.report(range, format!("报告中找不到{name}"))
            .about(Subject::Table { table, index: 0 });
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, VALID_2019};

    #[test]
    fn flags_a_table_that_is_nowhere() {
        let start = VALID_2019.find("行政复议\t").unwrap();
        let end = VALID_2019.find("## 五").unwrap();
        let text = format!("{}{}", &VALID_2019[..start], &VALID_2019[end..]);
        expect![[r#"
            65:1 error missing-table 报告中找不到表四「政府信息公开行政复议、行政诉讼情况」
        "#]]
        .assert_eq(&findings("missing-table", &text));
    }

    #[test]
    fn no_finding_with_all_tables() {
        assert_eq!(findings("missing-table", VALID_2019), "");
    }
}
