//! `other-format-row`: table 三's （六）其他处理 written in the other format's shape.

use nianbao_model::template::{T3_OTHER, T3_OTHER_LEAVES};
use nianbao_model::{Format, Report};

use crate::{Check, Severity, Sink, Timing};

pub static CHECK: Check = Check {
    code: "other-format-row",
    severity: Severity::Warning,
    timing: Timing::Immediate,
    fix: None,
    summary: "表三「（六）其他处理」的写法属于另一版格式（2019 年版一行，2021 年版分三项）",
    doc: r#"
### 作用
2019 年版格式（2019、2020 年度报告）中「（六）其他处理」是一行；2021 年版格式（2021 年度起）把它分为三项：申请人无正当理由逾期不补正、申请人逾期未按收费通知要求缴纳费用、其他。本检查标出与报告所用格式不一致的写法。

### 原因
沿用旧格式或提前使用新格式都是格式偏差。合计仍照常计算：一行时作为一个末级项，三项时以三项为末级项。

### 示例
```diff 2021
- 	（六）其他处理	1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请	0	1	0	0	0	0	1
- 		2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请	0	0	0	0	0	0	0
- 		3.其他	0	0	0	0	0	0	0
+ 	（六）其他处理		0	1	0	0	0	0	1
```
2022 年度报告的表三只有一行「（六）其他处理」（2019 年版的写法）。

### 修复
没有自动修复：请按所用格式改写这一部分。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for table in &report.tables3 {
        let leaves: Vec<_> = table
            .rows
            .iter()
            .filter(|r| T3_OTHER_LEAVES.contains(&r.def))
            .collect();
        let single = table.rows.iter().find(|r| r.def == T3_OTHER && !r.subtotal);
        match report.format {
            Format::F2019 => {
                if let Some(first) = leaves.first() {
                    sink.report(
                        first.label_range,
                        "本报告适用 2019 年版格式，表三「（六）其他处理」应为一行，这里却分为三项（2021 年版格式）；合计仍按三项计算",
                    );
                }
            }
            Format::F2021 => {
                if let (Some(row), true) = (single, leaves.is_empty()) {
                    sink.report(
                        row.label_range,
                        "本报告适用 2021 年版格式，表三「（六）其他处理」应分为三项（逾期不补正、逾期未缴费、其他），这里只有一行（2019 年版格式）；合计仍按一行计算",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019, VALID_2021};

    #[test]
    fn flags_one_row_in_2021_and_three_in_2019() {
        let text = replace(VALID_2021, "\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t1\t0\t0\t0\t0\t1\n\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n\t\t3.其他\t0\t0\t0\t0\t0\t0\t0", "\t（六）其他处理\t\t0\t1\t0\t0\t0\t0\t1");
        expect![[r#"
            57:2 warning other-format-row 本报告适用 2021 年版格式，表三「（六）其他处理」应分为三项（逾期不补正、逾期未缴费、其他），这里只有一行（2019 年版格式）；合计仍按一行计算
        "#]]
        .assert_eq(&findings("other-format-row", &text));
        assert_eq!(findings("column-total-mismatch", &text), "");
    }

    #[test]
    fn no_finding_in_the_right_shape() {
        assert_eq!(findings("other-format-row", VALID_2019), "");
        assert_eq!(findings("other-format-row", VALID_2021), "");
    }
}
