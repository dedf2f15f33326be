//! `article20-unit-mismatch`: an amount whose unit contradicts its header's unit.

use nianbao_model::Report;

use super::article20::{cell_label, spec};
use crate::{Check, Severity, Sink, Timing};

pub static CHECK: Check = Check {
    code: "article20-unit-mismatch",
    severity: Severity::Warning,
    timing: Timing::Immediate,
    fix: None,
    summary: "第二十条金额单元格的单位与表头的单位不一致",
    doc: r#"
### 作用
金额可以在表头写单位（「采购总金额（万元）」「本年收费金额（单位：万元）」），也可以在单元格里写（`6834.335 元`）。两处都写了且不一致时，本检查给出警告。

### 原因
单位矛盾时金额相差一万倍，读者无法判断哪个是对的。

### 示例
```diff
- 政府集中采购	12	356.5	
+ 政府集中采购	12	3565000元	
```
表头的单位是万元，单元格却写「元」。

### 修复
没有自动修复：请统一单位并换算金额。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for block in &report.article20 {
        let (Some((_, spec)), Some(header)) = (spec(report, block), &block.header) else {
            continue;
        };
        for row in &block.rows {
            for (i, cell) in row.values.iter().enumerate() {
                let (Some(header_unit), Some(cell_unit)) = (
                    header.cells.get(i).and_then(|h| h.unit),
                    cell.number().and_then(|n| n.unit),
                ) else {
                    continue;
                };
                if header_unit != cell_unit {
                    sink.report(
                        cell.range,
                        format!(
                            "{}的单位「{}」与表头的单位「{}」不一致",
                            cell_label(row, spec, i),
                            cell_unit.as_str(),
                            header_unit.as_str()
                        ),
                    )
                    .related(header.cells[i].range, "表头");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_contradicting_units() {
        let text = replace(
            VALID_2019,
            "政府集中采购\t12\t356.5",
            "政府集中采购\t12\t3565000元",
        );
        expect![[r#"
            34:11 warning article20-unit-mismatch 「政府集中采购」行「采购总金额」列的单位「元」与表头的单位「万元」不一致
        "#]]
        .assert_eq(&findings("article20-unit-mismatch", &text));
    }

    #[test]
    fn the_same_unit_or_none_is_fine() {
        let text = replace(
            VALID_2019,
            "政府集中采购\t12\t356.5",
            "政府集中采购\t12\t356.5万元",
        );
        assert_eq!(findings("article20-unit-mismatch", &text), "");
        assert_eq!(findings("article20-unit-mismatch", VALID_2019), "");
    }
}
