//! `recovered-cells`: a table some of whose rows had their cells run together
//! (`230 000023`) and were cut into cells by the arithmetic, one way only; said once per
//! table, as a note.

use nianbao_model::template::T3_ROWS;
use nianbao_model::{Report, ValueCell};
use nianbao_syntax::TextRange;

use crate::{Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "recovered-cells",
    severity: Severity::Info,
    timing: Timing::AfterPause,
    fix: None,
    summary: "表格有几行的数字连在一起，只有一种分法最符合合计关系，已照此读取",
    doc: r#"
### 作用
一行的数字失去了部分分隔符（`230 000023`，或网页转成的文本里整行连在一起）时，nianbao 试遍所有分法（每格不以 0 开头，保留原有的空格），先看满足本行合计（表三：总计等于六类申请人之和；表四：各组总计等于其四项之和）的分法；表三的几行还须一起满足各列合计和勾稽关系（即使只有一种分法）。只剩一种时，按这种分法读取并照常校验。

没有一种分法能满足全部合计关系时（表中有数字写错），nianbao 选使不成立的合计关系最少的分法：这样的分法只有一种、且不成立的不超过三个（写错一个单元格，会使它所在的行和列的合计、或该列勾稽关系不成立）时照此读取，不成立的合计关系由 `row-total-mismatch`、`column-total-mismatch`、`balance-mismatch` 照常报告（能确定是哪一格写错时指出它）。同样好的分法有几种时不读取（见 `cells-run-together`、`ambiguous-cells`）。本检查对每张这样读取的表提示一次，列出第一行的读法。网页转成的文本中，第二十条各表没有合计关系，只有数字本身只容一种分法时（如 `000`）才读取；2021 年版第二十条第（一）项的一行若有几种分法，而同一机关上一年度的报告也在检查之列，只有一种分法满足「上年现行有效件数 + 本年制发 − 本年废止 = 本年现行有效件数」时照此读取，并在提示中说明。

### 原因
恢复出的单元格不是猜测：算术只允许这一种读法（或这一种读法明显最好，其余的合计关系都成立）。但它毕竟不是原文写出的分隔，提示一次，便于对照原表核对。

### 示例
```diff
- 一、本年新收政府信息公开申请数量			40	5	1	0	2	1	49
+ 一、本年新收政府信息公开申请数量			40 51 021 49
```
七个数字只剩三处分隔：`40 51 021 49` 只有 40、5、1、0、2、1、49 一种分法满足本行合计，照此读取，并提示一次。

### 修复
没有自动修复：请在原表中补回单元格之间的分隔。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    let flat: &[TextRange] = report.recovery.as_ref().map_or(&[], |r| &r.recovered);
    let flat_errors: &[TextRange] = report
        .recovery
        .as_ref()
        .map_or(&[], |r| &r.recovered_with_errors);
    let flat_last_year: &[TextRange] = report.recovery.as_ref().map_or(&[], |r| &r.by_last_year);
    let within_of = |flat: &[TextRange], table: TextRange, own: &[TextRange]| {
        let mut all: Vec<TextRange> = own
            .iter()
            .chain(flat.iter().filter(|r| table.contains_range(**r)))
            .copied()
            .collect();
        all.sort_by_key(|r| r.start);
        all.dedup();
        all
    };
    let within = |table: TextRange, own: &[TextRange]| Recovered {
        rows: within_of(flat, table, own),
        how: How::Exact,
    };
    let with_errors = |r: Recovered, table: TextRange, own: &[TextRange]| Recovered {
        how: if within_of(flat_errors, table, own).is_empty() {
            r.how
        } else {
            How::WithErrors
        },
        ..r
    };
    for (i, table) in report.tables3.iter().enumerate() {
        let subject = Subject::Table {
            table: 3,
            index: Subject::index(i),
        };
        let recovered = with_errors(
            within(table.range, &table.recovered_rows),
            table.range,
            &table.recovered_with_errors,
        );
        let rows = table
            .rows
            .iter()
            .map(|r| (T3_ROWS[r.def].label, r.cells.as_slice()));
        say(sink, subject, "表三", recovered, rows);
    }
    for (i, table) in report.tables4.iter().enumerate() {
        let subject = Subject::Table {
            table: 4,
            index: Subject::index(i),
        };
        let recovered = with_errors(
            within(table.range, &table.recovered_rows),
            table.range,
            &table.recovered_with_errors,
        );
        let rows = table.row.iter().map(|r| ("", r.cells.as_slice()));
        say(sink, subject, "表四", recovered, rows);
    }
    for (i, block) in report.article20.iter().enumerate() {
        let subject = match block.item {
            Some(item) => Subject::A20Block { item },
            None => Subject::Table {
                table: 2,
                index: Subject::index(i),
            },
        };
        let mut recovered = within(block.range, &[]);
        if !within_of(flat_last_year, block.range, &[]).is_empty() {
            recovered.how = How::ByLastYear;
        }
        let rows = block
            .rows
            .iter()
            .map(|r| (r.label_text.as_str(), r.values.as_slice()));
        let caption = block.caption.to_string();
        say(sink, subject, &caption, recovered, rows);
    }
}

/// A table's rows cut by the arithmetic: their ranges, and how they were decided.
struct Recovered {
    rows: Vec<TextRange>,
    how: How,
}

enum How {
    /// One cut holds every sum.
    Exact,
    /// The way that breaks the fewest of the table's sums (none adding up).
    WithErrors,
    /// A 第二十条第（一）项 row cut by last year's 现行有效件数.
    ByLastYear,
}

/// The note for one table: its first recovered row, read, and how many there are.
fn say<'a>(
    sink: &mut Sink<'_>,
    subject: Subject,
    table: &str,
    recovered: Recovered,
    rows: impl Iterator<Item = (&'a str, &'a [ValueCell])>,
) {
    let Some(&first) = recovered.rows.first() else {
        return;
    };
    let row = rows
        .into_iter()
        .find(|(_, cells)| cells.first().is_some_and(|c| first.contains_range(c.range)));
    let (label, cells) = row.unwrap_or(("", &[]));
    let label = if label.is_empty() {
        String::new()
    } else {
        format!("「{label}」")
    };
    let others = match recovered.rows.len() {
        1 => String::new(),
        n => format!("等 {n} 行"),
    };
    let reading: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
    let (how, then) = match recovered.how {
        How::Exact => ("只有一种分法成立", "已照此读取并照常校验"),
        How::WithErrors => (
            "没有一种分法能满足全部合计关系，满足最多合计关系的分法只有一种",
            "已照此读取，仍不成立的合计关系另行报告",
        ),
        How::ByLastYear => (
            "只有一种分法成立（其中有的行按上年报告的现行有效件数确定：上年现行有效件数加本年制发、减本年废止，等于本年现行有效件数）",
            "已照此读取并照常校验",
        ),
    };
    sink.report(
        first,
        format!(
            "{table}{label}{others}的数字连在一起，{how}（{}），{then}；请对照原表核对",
            reading.join("、")
        ),
    )
    .about(subject);
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019, VALID_2021};

    #[test]
    fn one_note_per_table() {
        let text = replace(VALID_2019, "40\t5\t1\t0\t2\t1\t49", "40 51 021 49");
        let text = replace(&text, "20\t2\t1\t0\t1\t0\t24", "20 21 010 24");
        expect![[r#"
            41:20 info recovered-cells 表三「一、本年新收政府信息公开申请数量」等 2 行的数字连在一起，只有一种分法成立（40、5、1、0、2、1、49），已照此读取并照常校验；请对照原表核对
        "#]]
        .assert_eq(&findings("recovered-cells", &text));
        // The cells recovered take part in the sums, which hold.
        assert_eq!(findings("row-total-mismatch", &text), "");
        assert_eq!(findings("column-total-mismatch", &text), "");
        assert_eq!(findings("balance-mismatch", &text), "");
        assert_eq!(findings("cells-run-together", &text), "");
    }

    #[test]
    fn a_recovered_row_is_checked_like_any() {
        // 40、5、1、0、2、1、49 is the only cut of 「40 51 021 49」 whose row adds up; the
        // column sums then see its cells.
        let text = replace(VALID_2021, "40\t5\t1\t0\t2\t1\t49", "40 51 021 49");
        assert_ne!(findings("recovered-cells", &text), "");
        assert_eq!(findings("balance-mismatch", &text), "");
    }

    #[test]
    fn no_note_on_separated_cells() {
        assert_eq!(findings("recovered-cells", VALID_2019), "");
        assert_eq!(findings("recovered-cells", VALID_2021), "");
    }
}
