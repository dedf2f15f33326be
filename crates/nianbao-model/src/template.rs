//! The official format, as data: the six parts, the rows and columns of tables 三 and 四,
//! and the 第二十条 blocks of F2019 (国办公开办函〔2019〕60号, report years up to 2020) and
//! F2021 (国办公开办函〔2021〕30号, from 2021). Labels are verbatim from the notices.

use std::fmt;

mod article20;
pub use article20::*;

/// The template version a report follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    F2019,
    F2021,
}

impl Format {
    pub fn for_year(year: u16) -> Format {
        if year <= 2020 {
            Format::F2019
        } else {
            Format::F2021
        }
    }

    pub fn other(self) -> Format {
        match self {
            Format::F2019 => Format::F2021,
            Format::F2021 => Format::F2019,
        }
    }

    /// How the format is named to users.
    pub fn label(self) -> &'static str {
        match self {
            Format::F2019 => "2019 年版格式",
            Format::F2021 => "2021 年版格式",
        }
    }

    /// The year of the notice that set the format: `2019`, `2021`.
    pub fn label_short(self) -> &'static str {
        match self {
            Format::F2019 => "2019",
            Format::F2021 => "2021",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::F2019 => "2019",
            Format::F2021 => "2021",
        })
    }
}

// ---- The six parts ------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Overview = 1,
    Proactive = 2,
    Requests = 3,
    ReviewLitigation = 4,
    Problems = 5,
    Other = 6,
}

pub const PARTS: [Part; 6] = [
    Part::Overview,
    Part::Proactive,
    Part::Requests,
    Part::ReviewLitigation,
    Part::Problems,
    Part::Other,
];

impl Part {
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn numeral(self) -> &'static str {
        ["一", "二", "三", "四", "五", "六"][self as usize - 1]
    }

    /// The standard title, without its numeral.
    pub fn title(self) -> &'static str {
        match self {
            Part::Overview => "总体情况",
            Part::Proactive => "主动公开政府信息情况",
            Part::Requests => "收到和处理政府信息公开申请情况",
            Part::ReviewLitigation => "政府信息公开行政复议、行政诉讼情况",
            Part::Problems => "存在的主要问题及改进情况",
            Part::Other => "其他需要报告的事项",
        }
    }

    /// `四、政府信息公开行政复议、行政诉讼情况`
    pub fn full_title(self) -> String {
        format!("{}、{}", self.numeral(), self.title())
    }

    /// Longer titles the notices' own text uses; accepted silently.
    pub fn accepted_titles(self) -> &'static [&'static str] {
        match self {
            Part::ReviewLitigation => &[
                "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
            ],
            Part::Problems => &["政府信息公开工作存在的主要问题及改进情况"],
            _ => &[],
        }
    }

    /// Titles seen in published reports that deserve a warning, not an error.
    pub fn known_variants(self) -> &'static [&'static str] {
        match self {
            Part::ReviewLitigation => &[
                "政府信息公开行政复议与行政诉讼情况",
                "政府信息公开行政法复议、行政诉讼情况",
            ],
            Part::Problems => &["存在的主要问题及明年工作计划"],
            _ => &[],
        }
    }
}

// ---- Table 三 -----------------------------------------------------------------------

/// What a row of table 三 is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum T3Kind {
    /// 一 and 二: the inflow.
    Inflow,
    /// 三、本年度办理结果: a group label without numbers.
    ResultsHeader,
    /// A result that is counted once: a leaf of 三.
    Leaf,
    /// （三）（四）（五）, and （六） in F2021: a group label; numbers on it are a subtotal.
    Group,
    /// （七）总计
    Total,
    /// 四、结转下年度继续办理
    CarriedOver,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Only {
    Both,
    F2019,
    F2021,
}

impl Only {
    /// Whether a row marked so belongs to `format`'s template.
    pub fn includes(self, format: Format) -> bool {
        match self {
            Only::Both => true,
            Only::F2019 => format == Format::F2019,
            Only::F2021 => format == Format::F2021,
        }
    }
}

pub struct T3RowDef {
    /// As printed in the template.
    pub label: &'static str,
    /// The label without its enumerator, folded (see `normalize::fold`).
    pub core: &'static str,
    pub kind: T3Kind,
    /// The group a leaf belongs to (an index into [`T3_ROWS`]).
    pub group: Option<usize>,
    pub only: Only,
}

macro_rules! row {
    ($label:expr, $core:expr, $kind:ident, $group:expr, $only:ident) => {
        T3RowDef {
            label: $label,
            core: $core,
            kind: T3Kind::$kind,
            group: $group,
            only: Only::$only,
        }
    };
}

/// The rows of table 三 in template order. Index constants below name the ones the
/// arithmetic refers to.
pub const T3_ROWS: [T3RowDef; 30] = [
    row!(
        "一、本年新收政府信息公开申请数量",
        "本年新收政府信息公开申请数量",
        Inflow,
        None,
        Both
    ),
    row!(
        "二、上年结转政府信息公开申请数量",
        "上年结转政府信息公开申请数量",
        Inflow,
        None,
        Both
    ),
    row!(
        "三、本年度办理结果",
        "本年度办理结果",
        ResultsHeader,
        None,
        Both
    ),
    row!("（一）予以公开", "予以公开", Leaf, None, Both),
    row!(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "部分公开(区分处理的,只计这一情形,不计其他情形)",
        Leaf,
        None,
        Both
    ),
    row!("（三）不予公开", "不予公开", Group, None, Both),
    row!("1.属于国家秘密", "属于国家秘密", Leaf, Some(5), Both),
    row!(
        "2.其他法律行政法规禁止公开",
        "其他法律行政法规禁止公开",
        Leaf,
        Some(5),
        Both
    ),
    row!(
        "3.危及“三安全一稳定”",
        "危及“三安全一稳定”",
        Leaf,
        Some(5),
        Both
    ),
    row!(
        "4.保护第三方合法权益",
        "保护第三方合法权益",
        Leaf,
        Some(5),
        Both
    ),
    row!(
        "5.属于三类内部事务信息",
        "属于三类内部事务信息",
        Leaf,
        Some(5),
        Both
    ),
    row!(
        "6.属于四类过程性信息",
        "属于四类过程性信息",
        Leaf,
        Some(5),
        Both
    ),
    row!(
        "7.属于行政执法案卷",
        "属于行政执法案卷",
        Leaf,
        Some(5),
        Both
    ),
    row!(
        "8.属于行政查询事项",
        "属于行政查询事项",
        Leaf,
        Some(5),
        Both
    ),
    row!("（四）无法提供", "无法提供", Group, None, Both),
    row!(
        "1.本机关不掌握相关政府信息",
        "本机关不掌握相关政府信息",
        Leaf,
        Some(14),
        Both
    ),
    row!(
        "2.没有现成信息需要另行制作",
        "没有现成信息需要另行制作",
        Leaf,
        Some(14),
        Both
    ),
    row!(
        "3.补正后申请内容仍不明确",
        "补正后申请内容仍不明确",
        Leaf,
        Some(14),
        Both
    ),
    row!("（五）不予处理", "不予处理", Group, None, Both),
    row!(
        "1.信访举报投诉类申请",
        "信访举报投诉类申请",
        Leaf,
        Some(18),
        Both
    ),
    row!("2.重复申请", "重复申请", Leaf, Some(18), Both),
    row!(
        "3.要求提供公开出版物",
        "要求提供公开出版物",
        Leaf,
        Some(18),
        Both
    ),
    row!(
        "4.无正当理由大量反复申请",
        "无正当理由大量反复申请",
        Leaf,
        Some(18),
        Both
    ),
    row!(
        "5.要求行政机关确认或重新出具已获取信息",
        "要求行政机关确认或重新出具已获取信息",
        Leaf,
        Some(18),
        Both
    ),
    // A leaf in F2019, a group of the three rows below in F2021.
    row!("（六）其他处理", "其他处理", Leaf, None, Both),
    row!(
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人无正当理由逾期不补正.行政机关不再处理其政府信息公开申请",
        Leaf,
        Some(24),
        F2021
    ),
    row!(
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用.行政机关不再处理其政府信息公开申请",
        Leaf,
        Some(24),
        F2021
    ),
    row!("3.其他", "其他", Leaf, Some(24), F2021),
    row!("（七）总计", "总计", Total, None, Both),
    row!(
        "四、结转下年度继续办理",
        "结转下年度继续办理",
        CarriedOver,
        None,
        Both
    ),
];

pub const T3_NEW: usize = 0;
pub const T3_CARRIED_IN: usize = 1;
pub const T3_RESULTS: usize = 2;
pub const T3_OTHER: usize = 24;
pub const T3_OTHER_LEAVES: [usize; 3] = [25, 26, 27];
pub const T3_TOTAL: usize = 28;
pub const T3_CARRIED_OVER: usize = 29;

/// The enumerator each template row is written with.
pub fn t3_enumerator(row: usize) -> crate::normalize::Enumerator {
    T3_DERIVED[row].0.clone()
}

/// Whether template row `def` of table 三 holds numbers of its own in `format`: not
/// 三、本年度办理结果, nor a group whose leaves hold them (（六）其他处理 in 2021), nor a row of
/// the other format.
pub fn t3_holds_numbers(def: usize, format: Format) -> bool {
    T3_ROWS[def].only.includes(format)
        && T3_ROWS[def].kind != T3Kind::ResultsHeader
        && !T3_ROWS
            .iter()
            .any(|leaf| leaf.group == Some(def) && leaf.only.includes(format))
}

/// The number of characters of a template row's core label.
pub fn t3_core_chars(row: usize) -> usize {
    T3_DERIVED[row].1
}

/// What is read off each template row of table 三 once: its enumerator and the length
/// of its core label.
static T3_DERIVED: std::sync::LazyLock<Vec<(crate::normalize::Enumerator, usize)>> =
    std::sync::LazyLock::new(|| {
        use crate::normalize::{fold, split_enumerator, Enumerator};
        T3_ROWS
            .iter()
            .map(|def| {
                (
                    split_enumerator(&fold(def.label))
                        .0
                        .unwrap_or(Enumerator::Item(0)),
                    def.core.chars().count(),
                )
            })
            .collect()
    });

/// The columns of table 三, in order.
pub const T3_COLUMNS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];
/// The 法人或其他组织 subtotal column some reports add after 自然人.
pub const T3_LEGAL_PERSON_COLUMN: &str = "法人或其他组织";

// ---- Table 四 -----------------------------------------------------------------------

pub const T4_GROUPS: [&str; 3] = [
    "行政复议",
    "行政诉讼（未经复议直接起诉）",
    "行政诉讼（复议后起诉）",
];
pub const T4_RESULTS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
pub const T4_CELLS: usize = 15;

pub fn t4_column_label(col: usize) -> String {
    format!("{}·{}", T4_GROUPS[col / 5], T4_RESULTS[col % 5])
}
