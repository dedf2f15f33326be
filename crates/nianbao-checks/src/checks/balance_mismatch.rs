//! `balance-mismatch` (T3-ID): a column of table 三 where 一 + 二 ≠ （七） + 四.

use nianbao_model::arith::balance_sides;
use nianbao_model::Report;

use super::culprit_says;
use crate::{Applicability, Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "balance-mismatch",
    severity: Severity::Error,
    timing: Timing::AfterPause,
    fix: Some(Applicability::Unsafe),
    summary: "表三某列不满足「第一项加第二项之和，等于第三项加第四项之和」（T3-ID）",
    doc: r#"
### 作用
对表三的**每一列**（不只是「总计」列）检查勾稽关系：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理。

### 原因
表三表头印有「本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和」（模板规则 T3-ID）。「本列」意味着每一列都要平衡：收到的申请要么办结，要么结转。某列不平衡，说明该类申请人的数字有误，即使「总计」列恰好平衡。

### 示例
```diff
- 四、结转下年度继续办理			5	1	0	0	0	0	6
+ 四、结转下年度继续办理			6	1	0	0	0	0	7
```
「自然人」列：40 + 3 = 43，而 38 + 6 = 44。诊断位于该列「四、结转下年度继续办理」单元格，其余三个单元格列为相关位置。

### 修复
一般没有自动修复：四个数字中哪个错了无法从一个等式判断，需要核对台账。

**唯一的错格。** 表内有两个以上等式不成立时，nianbao 寻找这样一个单元格：只改它一个，所有不成立的等式同时成立，成立的等式也不被破坏。恰有一个这样的单元格时，每条相关诊断都指出它（「只需把「4.保护第三方合法权益」「自然人」由 2 改为 0，……即同时成立」），修复改为改正这一格，「修复全部」也优先采用它；找不到或不止一个时照常处理。这同样是不安全的修复：它假定错的只有一格。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for (index, table) in report.tables3.iter().enumerate() {
        let mut culprit_cache = None;
        for b in table.balances() {
            let Some((lhs, rhs)) = balance_sides(&b, |a| table.value(a)) else {
                continue;
            };
            if lhs == rhs {
                continue;
            }
            let column = table.column_label(table.cell_index(b.column));
            let cell = |at: nianbao_model::arith::CellAt| &table.rows[at.row].cells[at.cell];
            let culprit = culprit_says(&mut culprit_cache, table, |c| c.explains_balance(b.column));
            let and = culprit.as_ref().map_or("", |c| c.0.as_str());
            let mut d = sink.report(
                cell(b.carried_over).range,
                format!(
                    "「{column}」列不平衡：第一项加第二项之和为 {lhs}，第三项（七）总计加第四项之和为 {rhs}；本列应满足「第一项加第二项之和，等于第三项加第四项之和」{and}"
                ),
            );
            d.about(Subject::T3Column {
                index: Subject::index(index),
                column: b.column as u8,
            });
            for (at, name) in [
                (b.new, "第一项（本年新收）"),
                (b.carried_in, "第二项（上年结转）"),
                (b.total, "第三项（七）总计"),
            ] {
                d.related(cell(at).range, format!("{name}：{}", cell(at).text.trim()));
            }
            if let Some((_, title, Some(edit))) = culprit {
                d.fix(title, vec![edit]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_each_column_that_does_not_balance() {
        // 自然人 and 总计 go off by one; the others still balance.
        let text = replace(
            VALID_2019,
            "一、本年新收政府信息公开申请数量\t\t\t40\t5\t1\t0\t2\t1\t49",
            "一、本年新收政府信息公开申请数量\t\t\t41\t5\t1\t0\t2\t1\t50",
        );
        expect![[r#"
            63:15 error balance-mismatch 「自然人」列不平衡：第一项加第二项之和为 44，第三项（七）总计加第四项之和为 43；本列应满足「第一项加第二项之和，等于第三项加第四项之和」
            63:27 error balance-mismatch 「总计」列不平衡：第一项加第二项之和为 54，第三项（七）总计加第四项之和为 53；本列应满足「第一项加第二项之和，等于第三项加第四项之和」
        "#]]
        .assert_eq(&findings("balance-mismatch", &text));
    }

    #[test]
    fn no_finding_when_balanced_or_blank() {
        assert_eq!(findings("balance-mismatch", VALID_2019), "");
        let text = replace(
            VALID_2019,
            "二、上年结转政府信息公开申请数量\t\t\t3",
            "二、上年结转政府信息公开申请数量\t\t\t/",
        );
        assert_eq!(findings("balance-mismatch", &text), "");
    }
}
