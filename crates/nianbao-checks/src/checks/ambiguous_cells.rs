//! `ambiguous-cells`: in a flattened report, a row's digits ran together and the row's
//! arithmetic leaves several ways (or none) to cut them into its cells.

use nianbao_model::Report;

use super::unread_message;
use crate::{Check, Severity, Sink, Timing};

pub static CHECK: Check = Check {
    code: "ambiguous-cells",
    severity: Severity::Warning,
    timing: Timing::Immediate,
    fix: None,
    summary: "表格一行的数字连在一起，无法唯一地分到各单元格",
    doc: r#"
### 作用
报告的表格分隔丢失后（见 `flattened-text`），一行的数字连成一串（「行政规范性文件12340」）。nianbao 试遍所有分法（每格不以 0 开头），只保留满足该行合计（表三：总计等于六类申请人之和；表四：各组总计等于其四项之和）和各列合计的分法。只剩一种时照常读取；剩几种时报告此行，列出可能的读法；一种也不成立时也报告此行：可能是合计本身有错，或少了一个单元格。

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
+ 根据《中华人民共和国政府信息公开条例》，现公布本机关 2022 年度政府信息公开工作年度报告。 一、总体情况 （一）主动公开情况2022 年，本机关主动公开政府信息 1200 条。（二）依申请公开情况2022 年，本机关共收到政府信息公开申请 49 件。本机关严格执行《条例》，按时答复每一件申请。本机关坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开，及时回应社会关切。全年召开新闻发布会 6 场，发布政策解读 35 篇，政务新媒体发布信息 820 条。依申请公开严格按照法定时限答复，答复前均经保密审查。各单位按照政府信息公开指南受理申请，做到件件有登记、事事有回音。各部门按照政府信息公开指南受理申请，做到件件有登记、事事有回音。 二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章105行政规范性文件12340 三、收到和处理政府信息公开申请情况 见下表。
```
「规章105」只能分成 1、0、5；「行政规范性文件12340」可以分成 1、2、340 或 12、3、40 等：报告此行无法确定。

### 修复
没有自动修复：请对照原始文件（Word、PDF）填回单元格之间的分隔。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    let Some(recovery) = &report.recovery else {
        return;
    };
    for row in &recovery.unread {
        sink.report(row.range, unread_message(row, "此行不参与校验"));
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::{findings, VALID_2021};

    #[test]
    fn a_tidy_report_has_none() {
        assert_eq!(findings("ambiguous-cells", VALID_2021), "");
    }
}
