//! `ambiguous-cells`: in a flattened report, a row's digits ran together and the row's
//! arithmetic leaves several ways (or none) to cut them into its cells.

use nianbao_model::flat::{RowReading, UnreadRow};
use nianbao_model::Report;

use super::unread_message;
use crate::{Check, Severity, Sink, Timing};

pub static CHECK: Check = Check {
    code: "ambiguous-cells",
    severity: Severity::Warning,
    timing: Timing::Immediate,
    fix: None,
    summary: "表格有几行的数字连在一起，无法唯一地分到各单元格",
    doc: r#"
### 作用
报告的表格分隔丢失后（见 `flattened-text`），一行的数字连成一串（「行政规范性文件12340」）。nianbao 试遍所有分法（每格不以 0 开头），先看满足该行合计（表三：总计等于六类申请人之和；表四：各组总计等于其四项之和）的分法，表三各行再一起按各列合计和勾稽关系取舍；没有一种能全部满足时，取使不成立的合计关系最少的唯一分法（见 `recovered-cells`）。剩几种同样好的分法时，报告这些行，列出可能的读法；任何分法都会使三个以上合计关系不成立时也报告：可能少了一个单元格。每张表（表三、表四、第二十条每一项）只报告一次，列出这张表无法确定的各行。

### 原因
nianbao 从不猜测单元格。分法不唯一的行不参与任何校验，以免在猜出的数字上报告错误。

### 示例
```diff 2021
- 根据《中华人民共和国政府信息公开条例》，现公布本机关 2022 年度政府信息公开工作年度报告。
- 
- ## 一、总体情况
- 
- （一）主动公开情况
- 
- 2022 年，本机关主动公开政府信息 1200 条。
- 
- （二）依申请公开情况
- 
- 2022 年，本机关共收到政府信息公开申请 49 件。
- 
- ## 二、主动公开政府信息情况
- 
- 第二十条第（一）项			
- 信息内容	本年制发件数	本年废止件数	现行有效件数
- 规章	1	0	5
- 行政规范性文件	12	3	40
+ 根据《中华人民共和国政府信息公开条例》，现公布本机关 2022 年度政府信息公开工作年度报告。 一、总体情况 （一）主动公开情况2022 年，本机关主动公开政府信息 1200 条。（二）依申请公开情况2022 年，本机关共收到政府信息公开申请 49 件。本机关严格执行《条例》，按时答复每一件申请。本机关坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开，及时回应社会关切。全年召开新闻发布会 6 场，发布政策解读 35 篇，政务新媒体发布信息 820 条。依申请公开严格按照法定时限答复，答复前均经保密审查。各单位按照政府信息公开指南受理申请，做到件件有登记、事事有回音。各部门按照政府信息公开指南受理申请，做到件件有登记、事事有回音。 二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章105行政规范性文件12341 三、收到和处理政府信息公开申请情况 见下表。
```
「规章105」只能分成 1、0、5；「行政规范性文件12341」可以分成 1、2、341 或 12、3、41 等：报告此行无法确定。（手头有本机关上一年度的报告时，今年的现行有效件数应等于上年的现行有效件数加本年制发、减本年废止：只有一种分法满足时照此读取。）

### 修复
没有自动修复：请对照原始文件（Word、PDF）填回单元格之间的分隔。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    let Some(recovery) = &report.recovery else {
        return;
    };
    // Once per table (表三, 表四, each 第二十条 item): the rows it could not read, listed.
    let mut tables: Vec<(&str, Vec<&UnreadRow>)> = Vec::new();
    for row in &recovery.unread {
        let table = row.what.split('「').next().unwrap_or_default();
        match tables.iter_mut().find(|(t, _)| *t == table) {
            Some((_, rows)) => rows.push(row),
            None => tables.push((table, vec![row])),
        }
    }
    for (table, rows) in tables {
        match rows.as_slice() {
            [row] => {
                sink.report(row.range, unread_message(row, "此行不参与校验"));
            }
            rows => {
                let listed: Vec<String> = rows.iter().take(MAX_LISTED).map(|r| row_says(r)).collect();
                let more = match rows.len() - listed.len() {
                    0 => String::new(),
                    n => format!("；另有 {n} 行"),
                };
                sink.report(
                    rows[0].range,
                    format!(
                        "{table}有 {} 行的数字连在一起，无法确定各单元格：{}{more}；这些行不参与校验",
                        rows.len(),
                        listed.join("；")
                    ),
                );
            }
        }
    }
}

/// The most rows a table's finding lists one by one.
const MAX_LISTED: usize = 6;

/// One row of a table's finding: its label, its digits and why they cannot be cut.
fn row_says(row: &UnreadRow) -> String {
    let label = row
        .what
        .find('「')
        .map_or(row.what.as_str(), |at| &row.what[at..]);
    let digits = match row.digits.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &row.digits[..at]),
        None => row.digits.clone(),
    };
    match &row.reading {
        RowReading::Ambiguous(readings) => {
            let shown: Vec<String> = readings.iter().take(2).map(|r| r.join("、")).collect();
            let more = if readings.len() > 2 { " 等" } else { "" };
            format!("{label}「{digits}」可分为 {}{more}", shown.join(" 或 "))
        }
        RowReading::Inconsistent => format!("{label}「{digits}」没有一种分法满足合计关系"),
        RowReading::TooLong => format!("{label}「{digits}」过长，无法逐一尝试"),
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, VALID_2021};

    #[test]
    fn a_tidy_report_has_none() {
        assert_eq!(findings("ambiguous-cells", VALID_2021), "");
    }

    /// The flattened report of the doc's example.
    fn example() -> String {
        let line = super::CHECK
            .doc
            .lines()
            .find_map(|l| l.strip_prefix("+ "))
            .expect("the example's flattened line");
        format!("{line}\n")
    }

    #[test]
    fn one_row_is_said_alone() {
        expect![[r#"
            1:385 warning ambiguous-cells 第二十条第（一）项「行政规范性文件」的数字「12341」连在一起，可以有多种分法（1、2、341；或 1、23、41；或 1、234、1 等），无法确定各单元格；此行不参与校验
        "#]]
        .assert_eq(&findings("ambiguous-cells", &example()));
    }

    #[test]
    fn the_rows_of_one_table_are_said_once() {
        let text = example().replace("规章105", "规章12340");
        assert!(text.contains("行政规范性文件12341"));
        expect![[r#"
            1:375 warning ambiguous-cells 第二十条第（一）项有 2 行的数字连在一起，无法确定各单元格：「规章」「12340」可分为 1、2、340 或 1、23、40 等；「行政规范性文件」「12341」可分为 1、2、341 或 1、23、41 等；这些行不参与校验
        "#]]
        .assert_eq(&findings("ambiguous-cells", &text));
    }
}
