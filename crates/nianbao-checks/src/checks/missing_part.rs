//! `missing-part`: one of the six mandatory parts is not found.

use nianbao_model::template::PARTS;
use nianbao_model::Report;

use crate::{Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "missing-part",
    severity: Severity::Error,
    timing: Timing::AfterPause,
    fix: None,
    summary: "缺少六个必备部分之一",
    doc: r#"
### 作用
《政府信息公开条例》第五十条和年度报告格式要求报告包含六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。本检查报告找不到的部分。

标题可以是 Markdown 标题、加粗行或普通行，可以有空格、全角或半角标点，也接受格式通知中使用的较长标题。「（三）主动公开政府信息情况」这样的小标题不是部分标题。

### 原因
缺少必备部分的报告不符合法定要求，是评估中的扣分项。

### 示例
```diff
- ## 五、存在的主要问题及改进情况
+ ## 问题
```
报告缺少第五部分。按自己的章节体例编写、把三张表放在附件里的省级汇总报告，六个部分都会被报告为缺少：这类报告可以关闭本检查。

### 修复
没有自动修复：请按标准标题补上该部分。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for part in PARTS {
        if !report.parts.iter().any(|p| p.part == part) {
            sink.report(
                report.anchor,
                format!("缺少第{}部分「{}」", part.numeral(), part.full_title()),
            )
            .about(Subject::Part(part.number()));
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_each_missing_part() {
        let text = replace(VALID_2019, "## 五、存在的主要问题及改进情况", "## 问题");
        expect![[r#"
            1:1 error missing-part 缺少第五部分「五、存在的主要问题及改进情况」
        "#]]
        .assert_eq(&findings("missing-part", &text));
    }

    #[test]
    fn accepts_every_dress() {
        let text = replace(
            VALID_2019,
            "## 六、其他需要报告的事项",
            "**六、 其他需要报告的事项**",
        );
        let text = replace(
            &text,
            "## 五、存在的主要问题及改进情况",
            "五.政府信息公开工作存在的主要问题及改进情况",
        );
        assert_eq!(findings("missing-part", &text), "");
    }
}
