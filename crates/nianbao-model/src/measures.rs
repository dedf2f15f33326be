//! The figures an auditor compares reports by, each from the template's rows and
//! columns (table 三's 总计 column unless said): applications, completions, carry-overs
//! and the shares evaluators rank by. A measure is `None` when a figure it needs was not
//! read as a count, and a rate is `None` when its denominator is 0. Rates are exact
//! decimals rounded half up to four places (`0.6667`), never floating point.

use crate::template::{Format, T3_CARRIED_IN, T3_CARRIED_OVER, T3_NEW, T3_ROWS, T3_TOTAL};
use crate::{Decimal, Report, Table3, Table4};

/// Template rows of table 三 the measures name.
const GRANTED: usize = 3; // （一）予以公开
const PARTLY: usize = 4; // （二）部分公开
const REFUSED: usize = 5; // （三）不予公开
const UNAVAILABLE: usize = 14; // （四）无法提供
const NOT_HANDLED: usize = 18; // （五）不予处理

/// A measure: its name (a column of the spreadsheet and the page) and its formula.
pub struct MeasureDef {
    pub name: &'static str,
    pub formula: &'static str,
}

/// Every measure, in the order [`Measures::values`] gives them.
pub const MEASURES: [MeasureDef; 12] = [
    MeasureDef {
        name: "申请总数",
        formula: "表三「一、本年新收」＋「二、上年结转」，总计列",
    },
    MeasureDef {
        name: "办结数",
        formula: "表三「（七）总计」，总计列",
    },
    MeasureDef {
        name: "结转数",
        formula: "表三「四、结转下年度继续办理」，总计列",
    },
    MeasureDef {
        name: "予以公开率",
        formula: "「（一）予以公开」÷「（七）总计」",
    },
    MeasureDef {
        name: "部分公开率",
        formula: "「（二）部分公开」÷「（七）总计」",
    },
    MeasureDef {
        name: "实质公开率",
        formula: "（「（一）予以公开」＋「（二）部分公开」）÷「（七）总计」",
    },
    MeasureDef {
        name: "不予公开率",
        formula: "「（三）不予公开」各项之和 ÷「（七）总计」",
    },
    MeasureDef {
        name: "无法提供率",
        formula: "「（四）无法提供」各项之和 ÷「（七）总计」",
    },
    MeasureDef {
        name: "不予处理率",
        formula: "「（五）不予处理」各项之和 ÷「（七）总计」",
    },
    MeasureDef {
        name: "行政复议纠错率",
        formula: "表四「行政复议·结果纠正」÷「行政复议·总计」",
    },
    MeasureDef {
        name: "行政诉讼纠错率",
        formula: "表四两组行政诉讼「结果纠正」之和 ÷ 两组「总计」之和",
    },
    MeasureDef {
        name: "自然人申请占比",
        formula: "表三「一、本年新收」自然人列 ÷ 总计列",
    },
];

/// A report's measures, in the order of [`MEASURES`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Measures {
    pub values: [Option<Decimal>; 12],
}

impl Measures {
    /// `a ÷ b` rounded half up to four decimal places; `None` when `b` is 0.
    pub fn rate(a: Decimal, b: Decimal) -> Option<Decimal> {
        let (a, b) = (a.as_int()?, b.as_int()?);
        if b <= 0 || a < 0 {
            return None;
        }
        let scaled = a.checked_mul(20_000)?.checked_div(b)?;
        Some(Decimal::from_scaled((scaled + 1) / 2, 4))
    }
}

/// A cell of table 三 as a count: template row `def`, standard column `col` (6 = 总计).
pub fn t3_count(table: &Table3, def: usize, col: usize) -> Option<Decimal> {
    if table.run_together {
        return None;
    }
    let (_, row) = table.row(def)?;
    if !table.is_mapped(row) {
        return None;
    }
    row.cells.get(table.cell_index(col))?.count()
}

/// The sum of a group's leaves (in `format`) in column `col`.
fn group(table: &Table3, group: usize, format: Format, col: usize) -> Option<Decimal> {
    let mut sum = Decimal::ZERO;
    for (d, def) in T3_ROWS.iter().enumerate() {
        if def.group == Some(group) && def.only.includes(format) {
            sum = sum.checked_add(t3_count(table, d, col)?)?;
        }
    }
    Some(sum)
}

/// A cell of table 四 as a count (0 … 14: 行政复议, then the two 行政诉讼 groups).
pub fn t4_count(table: &Table4, cell: usize) -> Option<Decimal> {
    let row = table
        .row
        .as_ref()
        .filter(|r| r.is_mapped() && !r.run_together())?;
    row.cells.get(cell)?.count()
}

/// The measures of `report`, from its first tables 三 and 四.
pub fn measures(report: &Report) -> Measures {
    let mut m = Measures::default();
    const TOTAL: usize = 6;
    if let Some(t) = report.tables3.first() {
        let f = report.format;
        let total = t3_count(t, T3_TOTAL, TOTAL);
        let new = t3_count(t, T3_NEW, TOTAL);
        let rate = |a: Option<Decimal>| Measures::rate(a?, total?);
        m.values[0] = new
            .zip(t3_count(t, T3_CARRIED_IN, TOTAL))
            .and_then(|(a, b)| a.checked_add(b));
        m.values[1] = total;
        m.values[2] = t3_count(t, T3_CARRIED_OVER, TOTAL);
        let granted = t3_count(t, GRANTED, TOTAL);
        let partly = t3_count(t, PARTLY, TOTAL);
        m.values[3] = rate(granted);
        m.values[4] = rate(partly);
        m.values[5] = rate(granted.zip(partly).and_then(|(a, b)| a.checked_add(b)));
        m.values[6] = rate(group(t, REFUSED, f, TOTAL));
        m.values[7] = rate(group(t, UNAVAILABLE, f, TOTAL));
        m.values[8] = rate(group(t, NOT_HANDLED, f, TOTAL));
        m.values[11] = t3_count(t, T3_NEW, 0)
            .zip(new)
            .and_then(|(a, b)| Measures::rate(a, b));
    }
    if let Some(t) = report.tables4.first() {
        // Cells: 0 结果维持, 1 结果纠正, … 4 总计 of each group of five.
        m.values[9] = t4_count(t, 1)
            .zip(t4_count(t, 4))
            .and_then(|(a, b)| Measures::rate(a, b));
        let sum = |a: usize, b: usize| t4_count(t, a)?.checked_add(t4_count(t, b)?);
        m.values[10] = sum(6, 11)
            .zip(sum(9, 14))
            .and_then(|(a, b)| Measures::rate(a, b));
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: i64) -> Decimal {
        Decimal::from_int(v)
    }

    #[test]
    fn rates_round_half_up_and_are_empty_at_zero() {
        assert_eq!(Measures::rate(d(2), d(3)).unwrap().to_string(), "0.6667");
        assert_eq!(Measures::rate(d(1), d(8)).unwrap().to_string(), "0.125");
        assert_eq!(Measures::rate(d(0), d(5)).unwrap().to_string(), "0");
        assert_eq!(Measures::rate(d(5), d(5)).unwrap().to_string(), "1");
        assert_eq!(Measures::rate(d(5), d(0)), None);
        assert_eq!(Measures::rate(d(0), d(0)), None);
    }

    #[test]
    fn the_measures_of_a_report() {
        let text = include_str!("../../nianbao-checks/test_data/valid_2021.txt");
        let report = crate::build_text(text, &Default::default()).remove(0);
        let m = measures(&report);
        let shown: Vec<String> = MEASURES
            .iter()
            .zip(&m.values)
            .map(|(def, v)| {
                format!(
                    "{} {}",
                    def.name,
                    v.map_or("—".to_string(), |v| v.to_string())
                )
            })
            .collect();
        expect_test::expect![[r#"
            申请总数 53
            办结数 47
            结转数 6
            予以公开率 0.5106
            部分公开率 0.1277
            实质公开率 0.6383
            不予公开率 0.1064
            无法提供率 0.1915
            不予处理率 0.0426
            行政复议纠错率 0
            行政诉讼纠错率 0.5
            自然人申请占比 0.8163
        "#]]
        .assert_eq(&(shown.join("\n") + "\n"));
    }

    #[test]
    fn zero_denominators_give_no_rate() {
        let text = include_str!("../../nianbao-checks/test_data/valid_2021.txt");
        let mut report = crate::build_text(text, &Default::default()).remove(0);
        let t = &mut report.tables3[0];
        for row in &mut t.rows {
            for cell in &mut row.cells {
                cell.value = crate::CellValue::Number(crate::parse_number("0").unwrap());
            }
        }
        let m = measures(&report);
        assert_eq!(m.values[1], Some(d(0)));
        assert!(m.values[3..9].iter().all(Option::is_none), "{m:?}");
        assert_eq!(m.values[11], None);
    }
}
