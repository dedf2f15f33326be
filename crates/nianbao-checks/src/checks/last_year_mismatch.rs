//! `last-year-mismatch`: this year's 「二、上年结转政府信息公开申请数量」 is not what the same
//! body's report of the year before carried over (its 「四、结转下年度继续办理」), column by
//! column.

use nianbao_model::template::{T3_CARRIED_IN, T3_CARRIED_OVER, T3_ROWS};
use nianbao_model::Report;

use crate::{Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "last-year-mismatch",
    severity: Severity::Warning,
    timing: Timing::AfterPause,
    fix: None,
    summary: "本年「上年结转」与上一年度报告的「结转下年度继续办理」不一致",
    doc: r#"
### 作用
当同一机关上一年度的报告也在检查范围内时（命令行一并给出的文件，或编辑器中本文件所在的文件夹），逐列比较本年表三「二、上年结转政府信息公开申请数量」与上年表三「四、结转下年度继续办理」：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他和总计，不一致的每一列各报告一处，并指出上年报告中的对应单元格。

同一机关由标题识别：标题去掉年份和「政府信息公开工作年度报告」后的机关名称（「泉港区人民政府 2020年政府信息公开工作年度报告」→「泉港区人民政府」），年份相差一年。标题没有机关名称或年份时不比较；两边单元格有一边空白或不是数字时，该列不比较。

### 原因
上年结转到本年继续办理的申请，就是上一年报告中「结转下年度继续办理」的申请，两者必须相同。不一致说明其中一份报告填错，或有申请在两年之间「消失」了——这是审核机关跨年度核对时最常发现的问题之一。

### 示例
```diff
- 二、上年结转政府信息公开申请数量			3	1	0	0	0	0	4
+ 二、上年结转政府信息公开申请数量			2	1	0	0	0	0	3
```
上一年度报告结转下年度的是 3、1、0、0、0、0、4：「自然人」列与「总计」列不一致，各报告一处。

### 修复
没有自动修复：两份报告哪一份对，需要核对台账。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    let Some(last) = &report.last_year else {
        return;
    };
    let Some(table) = report.tables3.first() else {
        return;
    };
    let Some((_, row)) = table.row(T3_CARRIED_IN) else {
        return;
    };
    if !table.is_mapped(row) || table.run_together {
        return;
    }
    let name = source_name(&last.source);
    for (col, before) in last.carried_over.iter().enumerate() {
        let Some(before) = before else {
            continue;
        };
        let Some(cell) = row.cells.get(table.cell_index(col)) else {
            continue;
        };
        let Some(now) = cell.count().filter(|_| !report.unread_at(cell.range)) else {
            continue;
        };
        if now == before.value {
            continue;
        }
        let column = table.column_label(table.cell_index(col));
        sink.report(
            cell.range,
            format!(
                "本年「{}」「{column}」为 {now}，而上一年度报告（{name}，{} 年）「{}」为 {}：两者应当一致",
                T3_ROWS[T3_CARRIED_IN].label,
                last.year,
                T3_ROWS[T3_CARRIED_OVER].label,
                before.value
            ),
        )
        .about(Subject::T3Cell {
            index: 0,
            row: T3_CARRIED_IN as u16,
            column: col as u8,
        })
        .related_in(
            last.source.clone(),
            before.range,
            format!(
                "{} 年「{}」「{column}」：{}",
                last.year, T3_ROWS[T3_CARRIED_OVER].label, before.value
            ),
        );
    }
}

/// The file name of a source (a path or a URI), for messages.
pub(crate) fn source_name(source: &str) -> &str {
    source
        .rsplit(['/', '\\'])
        .find(|s| !s.is_empty())
        .unwrap_or(source)
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019, VALID_2021};

    const CARRIED_IN: &str = "二、上年结转政府信息公开申请数量\t\t\t3\t1\t0\t0\t0\t0\t4";

    #[test]
    fn each_column_that_differs_is_said() {
        let text = replace(
            VALID_2019,
            CARRIED_IN,
            "二、上年结转政府信息公开申请数量\t\t\t3\t0\t0\t0\t0\t2\t5",
        );
        expect![[r#"
            42:22 warning last-year-mismatch 本年「二、上年结转政府信息公开申请数量」「商业企业」为 0，而上一年度报告（last_year_2019.txt，2019 年）「四、结转下年度继续办理」为 1：两者应当一致
            42:30 warning last-year-mismatch 本年「二、上年结转政府信息公开申请数量」「其他」为 2，而上一年度报告（last_year_2019.txt，2019 年）「四、结转下年度继续办理」为 0：两者应当一致
            42:32 warning last-year-mismatch 本年「二、上年结转政府信息公开申请数量」「总计」为 5，而上一年度报告（last_year_2019.txt，2019 年）「四、结转下年度继续办理」为 4：两者应当一致
        "#]]
        .assert_eq(&findings("last-year-mismatch", &text));
    }

    #[test]
    fn agreeing_years_and_other_bodies_or_years_say_nothing() {
        assert_eq!(findings("last-year-mismatch", VALID_2019), "");
        assert_eq!(findings("last-year-mismatch", VALID_2021), "");
        let changed = |title_from: &str, title_to: &str| {
            let text = replace(VALID_2021, CARRIED_IN, "二、上年结转政府信息公开申请数量\t\t\t9\t1\t0\t0\t0\t0\t10");
            findings("last-year-mismatch", &replace(&text, title_from, title_to))
        };
        // Another body, or two years apart: not last year's report.
        assert_eq!(changed("示例市人民政府", "另一市人民政府"), "");
        assert_eq!(changed("2022 年政府信息公开", "2023 年政府信息公开"), "");
        // A blank cell is not compared.
        let text = replace(VALID_2021, CARRIED_IN, "二、上年结转政府信息公开申请数量\t\t\t\t1\t0\t0\t0\t0\t10");
        assert!(!findings("last-year-mismatch", &text).contains("「自然人」"));
        assert!(changed("示例市人民政府", "示例市人民政府").contains("「自然人」为 9"));
    }

    #[test]
    fn source_names() {
        assert_eq!(super::source_name("/a/b/某局2021年报告.md"), "某局2021年报告.md");
        assert_eq!(super::source_name(r"C:\a\b.txt"), "b.txt");
        assert_eq!(super::source_name("b.txt"), "b.txt");
    }
}
