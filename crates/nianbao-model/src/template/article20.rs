//! The 第二十条 blocks of both formats, as data: each item's caption, columns (their
//! kind of value) and row labels.

use super::*;

/// What a 第二十条 value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// A non-negative integer.
    Count,
    /// An integer that may be negative (`本年增/减`).
    Delta,
    /// A decimal amount, possibly with a unit.
    Amount,
}

pub struct A20Column {
    /// As printed in the template.
    pub name: &'static str,
    pub kind: ValueKind,
}

pub struct A20Spec {
    /// The item of Art. 20: `第二十条第（N）项`.
    pub item: u8,
    pub columns: &'static [A20Column],
    /// Row labels, folded.
    pub rows: &'static [&'static str],
}

macro_rules! col {
    ($name:expr, $kind:ident) => {
        A20Column {
            name: $name,
            kind: ValueKind::$kind,
        }
    };
}

const F2019_PROJECTS: &[A20Column] = &[
    col!("上一年项目数量", Count),
    col!("本年增/减", Delta),
    col!("处理决定数量", Count),
];

pub const A20_F2019: [A20Spec; 5] = [
    A20Spec {
        item: 1,
        columns: &[
            col!("本年新制作数量", Count),
            col!("本年新公开数量", Count),
            col!("对外公开总数量", Count),
        ],
        rows: &["规章", "规范性文件"],
    },
    A20Spec {
        item: 5,
        columns: F2019_PROJECTS,
        rows: &["行政许可", "其他对外管理服务事项"],
    },
    A20Spec {
        item: 6,
        columns: F2019_PROJECTS,
        rows: &["行政处罚", "行政强制"],
    },
    A20Spec {
        item: 8,
        columns: &[col!("上一年项目数量", Count), col!("本年增/减", Delta)],
        rows: &["行政事业性收费"],
    },
    A20Spec {
        item: 9,
        columns: &[col!("采购项目数量", Count), col!("采购总金额", Amount)],
        rows: &["政府集中采购"],
    },
];

pub const A20_F2021: [A20Spec; 4] = [
    A20Spec {
        item: 1,
        columns: &[
            col!("本年制发件数", Count),
            col!("本年废止件数", Count),
            col!("现行有效件数", Count),
        ],
        rows: &["规章", "行政规范性文件"],
    },
    A20Spec {
        item: 5,
        columns: &[col!("本年处理决定数量", Count)],
        rows: &["行政许可"],
    },
    A20Spec {
        item: 6,
        columns: &[col!("本年处理决定数量", Count)],
        rows: &["行政处罚", "行政强制"],
    },
    A20Spec {
        item: 8,
        columns: &[col!("本年收费金额（单位：万元）", Amount)],
        rows: &["行政事业性收费"],
    },
];

pub fn a20_specs(format: Format) -> &'static [A20Spec] {
    match format {
        Format::F2019 => &A20_F2019,
        Format::F2021 => &A20_F2021,
    }
}

pub fn a20_spec(format: Format, item: u8) -> Option<&'static A20Spec> {
    a20_specs(format).iter().find(|s| s.item == item)
}

/// `第二十条第（N）项` as printed.
pub fn a20_caption(item: u8) -> String {
    let numeral = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        .get(usize::from(item).wrapping_sub(1))
        .copied()
        .unwrap_or("?");
    format!("第二十条第（{numeral}）项")
}

/// Row labels that mean the same thing in both formats (F2019 `规范性文件`, F2021
/// `行政规范性文件`): either is accepted in either format.
pub fn a20_row_matches(spec_row: &str, folded: &str) -> bool {
    spec_row == folded
        || matches!(
            (spec_row, folded),
            ("规范性文件", "行政规范性文件") | ("行政规范性文件", "规范性文件")
        )
}
