//! `unreadable-table`: table 三 is there, but most of its rows match no template row —
//! one finding for the table, instead of a missing row for each template row and an
//! unknown row for each of its own.

use nianbao_model::Report;

use crate::{Check, Severity, Sink, Subject, Timing, labels};

pub static CHECK: Check = Check {
    code: "unreadable-table",
    severity: Severity::Warning,
    timing: Timing::AfterPause,
    fix: None,
    summary: "表三在报告中，但大部分数据行无法对应到模板的行：整张表无法读取",
    doc: r#"
### 作用
表三的数据行中，能对应到模板行的少于无法对应的（标签是自拟的、被换成了编号，或版式无法还原）时，整张表只报告这一处，说明读到了多少行、哪些标签无法对应。此时不再报告 `missing-row` 和 `unknown-row`：表不是缺了行，而是没能读懂。

### 原因
nianbao 从不猜测一行属于哪里。读不懂的表不参与任何合计校验；能对应上的少数行仍各自做行合计校验。

### 示例
```diff
- 一、本年新收政府信息公开申请数量			40	5	1	0	2	1	49
- 二、上年结转政府信息公开申请数量			3	1	0	0	0	0	4
- 三、本年度办理结果	（一）予以公开		20	2	1	0	1	0	24
- 	（二）部分公开（区分处理的，只计这一情形，不计其他情形）		5	1	0	0	0	0	6
- 	（三）不予公开	1.属于国家秘密	1	0	0	0	0	0	1
- 		2.其他法律行政法规禁止公开	0	0	0	0	0	0	0
- 		3.危及“三安全一稳定”	0	0	0	0	0	0	0
- 		4.保护第三方合法权益	2	0	0	0	0	0	2
- 		5.属于三类内部事务信息	1	0	0	0	0	0	1
- 		6.属于四类过程性信息	1	0	0	0	0	0	1
- 		7.属于行政执法案卷	0	0	0	0	0	0	0
- 		8.属于行政查询事项	0	0	0	0	0	0	0
- 	（四）无法提供	1.本机关不掌握相关政府信息	5	1	0	0	1	1	8
- 		2.没有现成信息需要另行制作	1	0	0	0	0	0	1
- 		3.补正后申请内容仍不明确	0	0	0	0	0	0	0
- 	（五）不予处理	1.信访举报投诉类申请	1	0	0	0	0	0	1
- 		2.重复申请	1	0	0	0	0	0	1
- 		3.要求提供公开出版物	0	0	0	0	0	0	0
- 		4.无正当理由大量反复申请	0	0	0	0	0	0	0
- 		5.要求行政机关确认或重新出具已获取信息	0	0	0	0	0	0	0
- 	（六）其他处理		0	1	0	0	0	0	1
- 	（七）总计		38	5	1	0	2	1	47
- 四、结转下年度继续办理			5	1	0	0	0	0	6
+ 甲类申请			40	5	1	0	2	1	49
+ 乙类申请			3	1	0	0	0	0	4
+ 丙类申请			38	5	1	0	2	1	47
```
表三的三行数据都不是模板中的行：报告「表三无法读取」。

### 修复
没有自动修复：请按模板的行标签填写表三。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for (index, table) in report.tables3.iter().enumerate() {
        if !table.unreadable() {
            continue;
        }
        let unknown: Vec<String> = table
            .unmapped
            .iter()
            .map(|r| {
                if r.label.trim().is_empty() {
                    "（无标签）".to_string()
                } else {
                    format!("「{}」", r.label.trim())
                }
            })
            .collect();
        sink.report(
            table.first_row,
            format!(
                "表三无法读取：{} 行数据中只有 {} 行能对应到模板的行，无法对应的有{}；此表不参与合计校验（能对应的行仍校验行合计）",
                table.rows.len() + table.unmapped.len(),
                table.rows.len(),
                labels::list(&unknown, 5)
            ),
        )
        .about(Subject::Table {
            table: 3,
            index: Subject::index(index),
        });
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, VALID_2021};

    /// VALID_2021 with table 三's row labels replaced by numbering of its own.
    fn numbered() -> String {
        let mut n = 0;
        VALID_2021
            .split('\n')
            .map(|line| {
                let cells: Vec<&str> = line.split('\t').collect();
                let numbers = cells.iter().rev().take_while(|c| c.parse::<u32>().is_ok()).count();
                if numbers == 7 && !line.starts_with('第') {
                    n += 1;
                    format!("第{n}类\t{}", cells[cells.len() - 7..].join("\t"))
                } else {
                    line.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn one_finding_instead_of_a_cascade() {
        let text = numbered();
        expect![[r#"
            34:1 warning unreadable-table 表三无法读取：25 行数据中只有 0 行能对应到模板的行，无法对应的有「第1类」、「第2类」、「第3类」、「第4类」、「第5类」 等 25 处；此表不参与合计校验（能对应的行仍校验行合计）
        "#]]
        .assert_eq(&findings("unreadable-table", &text));
        assert_eq!(findings("missing-row", &text), "");
        assert_eq!(findings("unknown-row", &text), "");
    }
}
