//! `prose-table-mismatch`: a figure the prose states (「共收到政府信息公开申请 21 件」)
//! that the table holding the same figure contradicts (table 三 says 27).

use nianbao_model::arith::{expected_total, CellAt};
use nianbao_model::prose::{Figure, Statement};
use nianbao_model::template::{T3_CARRIED_IN, T3_CARRIED_OVER, T3_NEW, T3_ROWS, T3_TOTAL};
use nianbao_model::{Decimal, Format, Report, Unit, ValueCell};

use crate::{Check, Severity, Sink, Subject, Timing};

pub static CHECK: Check = Check {
    code: "prose-table-mismatch",
    severity: Severity::Warning,
    timing: Timing::AfterPause,
    fix: None,
    summary: "正文中写明的数字与表格中的同一数字不一致",
    doc: r#"
### 作用
第一部分和各表前后的正文常常复述表中的数字：「共收到政府信息公开申请 2738 件」「结转下年度继续办理 58 件」「行政复议案件 2 件、行政诉讼案件 7 件」「本年度制发行政规范性文件 77 件」。本检查把这些明确的说法与表格比较：收到的申请（表三「一、本年新收」总计；正文把上年结转算在内时，也可以是一加二）、上年结转（二）、办结或答复（（七）总计）、结转下年度（四）、行政复议（表四「行政复议·总计」）、行政诉讼（表四两组行政诉讼总计之和）、制发的规范性文件（第二十条第（一）项）、行政事业性收费金额（2021 年版第二十条第（八）项，以万元计）。第六部分报告的信息处理费在各表中没有对应的单元格，不作比较。用中文数字写的（「二十一件」）同样识别。

只比较明确的说法：同一分句里，先有说明是哪个数字的词，紧接着是数字和「件」。说的是一部分或别的年份的分句（「其中」「累计」「历年」「同比」「占」「%」）不比较；表中对应的格子空白或无法读取时也不比较。

### 原因
正文与表格不一致，说明至少有一处写错了，审核时一眼就能看出，却最常见于已发布的报告。

### 示例
```diff 2021
- 2022 年，本机关共收到政府信息公开申请 49 件。
+ 2022 年，本机关共收到政府信息公开申请 51 件。
```
正文说收到 51 件，表三「一、本年新收政府信息公开申请数量」的总计是 49：两处都指出。

### 修复
没有自动修复：哪一处对，需要核对台账。
"#,
    run,
};

/// The table's value of a figure, where it stands, and how it is named.
struct Held<'r> {
    values: Vec<Decimal>,
    cell: &'r ValueCell,
    name: String,
    subject: Subject,
}

fn t3_total(report: &Report, def: usize) -> Option<(Decimal, &ValueCell)> {
    let table = report.tables3.first()?;
    let (i, row) = table.row(def)?;
    let at = CellAt {
        row: i,
        cell: table.cell_index(6),
    };
    Some((table.value(at)?, row.cells.get(at.cell)?))
}

fn held<'r>(report: &'r Report, figure: Figure) -> Option<Held<'r>> {
    let t3 = |def: usize| {
        let (value, cell) = t3_total(report, def)?;
        Some(Held {
            values: vec![value],
            cell,
            name: format!("表三「{}」的总计", T3_ROWS[def].label),
            subject: Subject::T3Cell {
                index: 0,
                row: def as u16,
                column: 6,
            },
        })
    };
    let t4 = |cells: &[usize], name: &str, group: u8| {
        let table = report.tables4.first()?;
        let row = table.row.as_ref()?;
        let value = expected_total(
            cells
                .iter()
                .map(|&c| table.value(CellAt { row: 0, cell: c })),
        )?;
        Some(Held {
            values: vec![value],
            cell: row.cells.get(cells[0])?,
            name: name.to_string(),
            subject: Subject::T4Group { index: 0, group },
        })
    };
    match figure {
        Figure::Received => {
            let mut h = t3(T3_NEW)?;
            // 「共收到 … 申请 N 件」 sometimes counts last year's too.
            if let Some((carried, _)) = t3_total(report, T3_CARRIED_IN) {
                if let Some(both) = h.values[0].checked_add(carried) {
                    h.values.push(both);
                }
            }
            Some(h)
        }
        Figure::CarriedIn => t3(T3_CARRIED_IN),
        Figure::Completed => t3(T3_TOTAL),
        Figure::CarriedOver => t3(T3_CARRIED_OVER),
        Figure::Reviews => t4(&[4], "表四「行政复议·总计」", 0),
        Figure::Lawsuits => t4(&[9, 14], "表四两组「行政诉讼·总计」之和", 1),
        Figure::DocumentsIssued => {
            let block = report.article20.iter().find(|b| b.item == Some(1))?;
            let row = block
                .rows
                .iter()
                .find(|r| r.label == "规范性文件" || r.label == "行政规范性文件")?;
            let cell = row.values.first()?;
            Some(Held {
                values: vec![cell.count()?],
                cell,
                name: format!("第二十条第（一）项「{}」的第一列", row.label_text.trim()),
                subject: Subject::A20Row { item: 1, row: 1 },
            })
        }
        Figure::Fees => {
            // The 2021 format's amount, in the header's 万元 (a cell in 元 is said by
            // `article20-unit-mismatch`, not compared).
            let block = report.article20.iter().find(|b| b.item == Some(8))?;
            if block.header.as_ref().and_then(|h| h.format(8)) != Some(Format::F2021) {
                return None;
            }
            let row = block.rows.iter().find(|r| r.label == "行政事业性收费")?;
            let cell = row.values.first()?;
            let number = cell.number()?;
            if !matches!(number.unit, None | Some(Unit::WanYuan)) {
                return None;
            }
            Some(Held {
                values: vec![number.value],
                cell,
                name: "第二十条第（八）项「行政事业性收费」的本年收费金额（万元）".to_string(),
                subject: Subject::A20Row { item: 8, row: 0 },
            })
        }
    }
}

fn run(report: &Report, sink: &mut Sink<'_>) {
    // A figure stated twice the same way is said once.
    let mut said: Vec<(Figure, Decimal)> = Vec::new();
    for s in &report.statements {
        let Statement {
            figure,
            value,
            range,
            text,
        } = s;
        // (A cell of a row whose digits could not be cut is no value: `ambiguous-cells`.)
        let Some(h) = held(report, *figure).filter(|h| !report.unread_at(h.cell.range)) else {
            continue;
        };
        if h.values.contains(value) || said.contains(&(*figure, *value)) {
            continue;
        }
        said.push((*figure, *value));
        let stated = h.values[0];
        sink.report(
            *range,
            format!("正文写「{text}」（{value}），而{}为 {stated}：两处应当一致", h.name),
        )
        .about(h.subject)
        .related(h.cell.range, format!("{}：{stated}", h.name));
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019, VALID_2021};

    #[test]
    fn planted_disagreements_are_found() {
        let text = replace(VALID_2021, "共收到政府信息公开申请 49 件", "共收到政府信息公开申请二十一件");
        let text = replace(
            &text,
            "本年度未收取信息处理费。",
            "本年度未收取信息处理费。全年结转下年度继续办理 7 件，上年结转 4 件，办结申请 47 件。因政府信息公开被申请行政复议 2 件、提起行政诉讼 3 件，本年度制发行政规范性文件 13 件。本年度行政事业性收费 2.5 万元。",
        );
        expect![[r#"
            13:11 warning prose-table-mismatch 正文写「共收到政府信息公开申请二十一件」（21），而表三「一、本年新收政府信息公开申请数量」的总计为 49：两处应当一致
            76:15 warning prose-table-mismatch 正文写「结转下年度继续办理 7 件」（7），而表三「四、结转下年度继续办理」的总计为 6：两处应当一致
            76:58 warning prose-table-mismatch 正文写「行政复议 2 件」（2），而表四「行政复议·总计」为 1：两处应当一致
            76:69 warning prose-table-mismatch 正文写「行政诉讼 3 件」（3），而表四两组「行政诉讼·总计」之和为 2：两处应当一致
            76:81 warning prose-table-mismatch 正文写「制发行政规范性文件 13 件」（13），而第二十条第（一）项「行政规范性文件」的第一列为 12：两处应当一致
            76:99 warning prose-table-mismatch 正文写「行政事业性收费 2.5 万元」（2.5），而第二十条第（八）项「行政事业性收费」的本年收费金额（万元）为 12.5：两处应当一致
        "#]]
        .assert_eq(&findings("prose-table-mismatch", &text));
    }

    #[test]
    fn agreeing_figures_and_other_numbers_say_nothing() {
        assert_eq!(findings("prose-table-mismatch", VALID_2019), "");
        assert_eq!(findings("prose-table-mismatch", VALID_2021), "");
        let text = replace(
            VALID_2021,
            "本年度未收取信息处理费。",
            "本年度未收取信息处理费。全年结转下年度继续办理 6 件，上年结转 4 件，办结申请 47 件，其中予以公开 24 件。历年累计收到申请 300 件。",
        );
        assert_eq!(findings("prose-table-mismatch", &text), "");
    }
}
