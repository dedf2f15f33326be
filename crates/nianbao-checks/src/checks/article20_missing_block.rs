//! `article20-missing-block`: a 第二十条 block the format requires is absent.

use nianbao_model::template::{a20_caption, a20_specs};
use nianbao_model::Report;

use crate::{Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "article20-missing-block",
    severity: Severity::Error,
    timing: Timing::AfterPause,
    fix: None,
    summary: "第二部分缺少格式要求的「第二十条第（N）项」表格",
    doc: r#"
### 作用
2019 年版格式要求第二十条第（一）（五）（六）（八）（九）项五块表格，2021 年版格式要求第（一）（五）（六）（八）项四块。有第二十条表格、但缺了其中某块时，本检查报告缺少的那一块。（完全没有第二十条表格时由 `missing-table` 报告。）

### 原因
每一块对应条例第二十条的一项法定主动公开内容，缺块即缺少相应的统计。

### 示例
```diff 2021
- 第二十条第（八）项	
- 信息内容	本年收费金额（单位：万元）
- 行政事业性收费	12.5
```
2022 年度报告中只有第（一）（五）（六）项：报告缺少「第二十条第（八）项」。

### 修复
没有自动修复：请按模板补上该块（没有发生的情况填 0）。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    let Some(first) = report.article20.first() else {
        return;
    };
    for spec in a20_specs(report.format) {
        if !report.article20.iter().any(|b| b.item == Some(spec.item)) {
            sink.report(
                first.caption_range,
                format!(
                    "缺少「{}」（{}要求的表格）",
                    a20_caption(spec.item),
                    report.format.label()
                ),
            )
            .about(Subject::A20Block { item: spec.item });
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, VALID_2021};

    #[test]
    fn flags_a_missing_block() {
        let start = VALID_2021.find("第二十条第（八）项").unwrap();
        let end = VALID_2021.find("\n\n## 三").unwrap();
        let text = format!("{}{}", &VALID_2021[..start], &VALID_2021[end + 1..]);
        expect![[r#"
            17:1 error article20-missing-block 缺少「第二十条第（八）项」（2021 年版格式要求的表格）
        "#]]
        .assert_eq(&findings("article20-missing-block", &text));
    }

    #[test]
    fn no_finding_with_every_block() {
        assert_eq!(findings("article20-missing-block", VALID_2021), "");
    }
}
