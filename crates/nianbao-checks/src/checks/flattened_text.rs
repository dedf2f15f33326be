//! `flattened-text`: the report's line breaks and table separators were lost (a web page
//! turned into text); it was read again by the template, and this says so once.

use nianbao_model::Report;

use crate::{Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "flattened-text",
    severity: Severity::Info,
    timing: Timing::AfterPause,
    fix: None,
    summary: "报告的换行和表格分隔已丢失：已按模板重新读取各部分和表格",
    doc: r#"
### 作用
网页转成文本时，报告常常变成一整行：各部分标题夹在正文中间，表格的单元格连在一起（「一、本年新收政府信息公开申请数量801000081二、上年结转…」）。nianbao 按模板找出六个部分的标题和各表的行标签，把每行的数字按该行的合计关系分到各单元格，然后照常检查。这一条提示说明报告是这样读出来的，以及有多少行的数字是由合计关系恢复的。

### 原因
这样读出的表格，只有在数字的分法唯一时才参与校验；分法不唯一或无一成立的行由 `ambiguous-cells` 报告，不参与合计校验。知道报告是被重新读取的，核对时才知道该信几分。

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
+ 根据《中华人民共和国政府信息公开条例》，现公布本机关 2022 年度政府信息公开工作年度报告。 一、总体情况 （一）主动公开情况2022 年，本机关主动公开政府信息 1200 条。（二）依申请公开情况2022 年，本机关共收到政府信息公开申请 49 件。本机关严格执行《条例》，按时答复每一件申请。本机关坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开，及时回应社会关切。全年召开新闻发布会 6 场，发布政策解读 35 篇，政务新媒体发布信息 820 条。依申请公开严格按照法定时限答复，答复前均经保密审查。各单位按照政府信息公开指南受理申请，做到件件有登记、事事有回音。各部门按照政府信息公开指南受理申请，做到件件有登记、事事有回音。 二、主动公开政府信息情况 本机关本年度主动公开的情况见下表。 三、收到和处理政府信息公开申请情况 见下表。
```
正文成了一整行，三个部分的标题都在行中：提示「报告的换行和表格分隔已丢失」。

### 修复
没有自动修复。要在编辑器里改，请先恢复报告的换行和表格（或用原始的 Word、PDF 文件）。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    let Some(recovery) = &report.recovery else {
        return;
    };
    let recovered = if !recovery.recovered.is_empty() {
        format!(
            "；{} 行的数字连在一起，已按合计关系唯一地分到各单元格",
            recovery.recovered.len()
        )
    } else {
        String::new()
    };
    let unread = if recovery.unread.is_empty() {
        String::new()
    } else {
        format!("；{} 行无法确定分法，不参与校验", recovery.unread.len())
    };
    sink.report(
        recovery.range,
        format!(
            "报告的换行和表格分隔已丢失（网页转成的文本）：已按模板重新读取各部分和表格{recovered}{unread}"
        ),
    )
    .about(Subject::Report);
}

#[cfg(test)]
mod tests {
    use crate::test_support::{findings, VALID_2021};

    #[test]
    fn a_tidy_report_gets_no_note() {
        assert_eq!(findings("flattened-text", VALID_2021), "");
    }
}
