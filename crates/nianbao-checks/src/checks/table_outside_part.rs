//! `table-outside-part`: a table that is in the report but not in its part.

use nianbao_model::{Part, Report};
use nianbao_syntax::TextRange;

use crate::{Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "table-outside-part",
    severity: Severity::Warning,
    timing: Timing::AfterPause,
    fix: None,
    summary: "表格不在它所属的部分内（如表三不在第三部分）",
    doc: r#"
### 作用
第二十条各项应在第二部分，表三应在第三部分，表四应在第四部分。当该部分存在、表格也存在，但表格不在该部分内时，本检查报告该部分缺少表格。

### 原因
表格放错位置时，读者在对应部分找不到数据；也常说明某个部分标题写错了。

### 示例
```diff
- ## 三、收到和处理政府信息公开申请情况
+ ## 三、收到和处理政府信息公开申请情况
+ 
+ 见下表。
+ 
+ ## 四、政府信息公开行政复议、行政诉讼情况
```
第三部分只有文字，表三却出现在第四部分的标题之后。

### 修复
没有自动修复：请把表格移到对应部分，或改正部分标题。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    let a20: Vec<(Option<Part>, TextRange)> = report
        .article20
        .iter()
        .map(|b| (b.part, b.caption_range))
        .collect();
    let t3: Vec<(Option<Part>, TextRange)> = report
        .tables3
        .iter()
        .map(|t| (t.part, t.first_row))
        .collect();
    let t4: Vec<(Option<Part>, TextRange)> = report
        .tables4
        .iter()
        .map(|t| (t.part, t.first_row))
        .collect();
    for (found, part, name) in [
        (a20, Part::Proactive, "第二十条各项主动公开情况表"),
        (t3, Part::Requests, "表三"),
        (t4, Part::ReviewLitigation, "表四"),
    ] {
        let table = part.number() - 1;
        let Some(heading) = report.parts.iter().find(|p| p.part == part) else {
            continue;
        };
        if found.is_empty() || found.iter().any(|(p, _)| *p == Some(part)) {
            continue;
        }
        let mut d = sink.report(
            heading.range,
            format!(
                "第{}部分「{}」中没有{name}",
                part.numeral(),
                part.full_title()
            ),
        );
        d.about(Subject::Table { table, index: 0 });
        if let Some((_, range)) = found.first() {
            d.related(*range, format!("{name}在此"));
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_a_part_whose_table_is_elsewhere() {
        let text = replace(VALID_2019, "## 三、收到和处理政府信息公开申请情况\n", "## 三、收到和处理政府信息公开申请情况\n\n见下文。\n\n## 四、政府信息公开行政复议、行政诉讼情况\n");
        let text = text.replacen(
            "## 四、政府信息公开行政复议、行政诉讼情况\n\n行政复议",
            "行政复议",
            1,
        );
        expect![[r#"
            36:1 warning table-outside-part 第三部分「三、收到和处理政府信息公开申请情况」中没有表三
        "#]]
        .assert_eq(&findings("table-outside-part", &text));
    }

    #[test]
    fn no_finding_when_tables_are_in_place() {
        assert_eq!(findings("table-outside-part", VALID_2019), "");
    }
}
