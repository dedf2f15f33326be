//! The 第二十条 blocks: captions, headers (with the variants real reports use) and rows.

use nianbao_syntax::TextRange;

use crate::normalize::{chinese_numeral, fold};
use crate::number::Unit;
use crate::template::{Format, A20_F2019, A20_F2021};
use crate::{A20Block, A20Header, A20Row, CellValue, HeaderCell, ValueCell};

use super::rows::CellRef;
use super::{LogicalRow, Reader};

impl Reader {
    /// The block rows go to: the last captioned one, unless a header moved them.
    fn a20_block(&mut self) -> Option<&mut A20Block> {
        let i = self
            .a20_current
            .unwrap_or(self.out.article20.len().checked_sub(1)?);
        self.out.article20.get_mut(i)
    }

    pub(super) fn a20_row(&mut self, row: &LogicalRow<'_, '_>) {
        let Some(block) = self.a20_block() else {
            return;
        };
        block.range = block.range.cover(row.range);
        let Some(first) = row.cells.iter().position(|c| !c.is_empty()) else {
            return;
        };
        let labelled = row.classes[first] == CellValue::Text;
        let (label_cell, values_from) = if labelled {
            (Some(row.cells[first]), first + 1)
        } else {
            (None, first)
        };
        let mut values: Vec<ValueCell> = (values_from..row.cells.len())
            .map(|i| row.value_cell(i))
            .collect();
        let mut blank_tail = Vec::new();
        while values.last().is_some_and(|v| v.value == CellValue::Empty) {
            blank_tail.extend(values.pop());
        }
        blank_tail.reverse();
        block.rows.push(A20Row {
            label: if labelled {
                row.folded[first].to_string()
            } else {
                String::new()
            },
            label_text: label_cell.map(|c| c.text.into()).unwrap_or_default(),
            label_range: label_cell.map_or(TextRange::empty(row.range.start), |c| c.range),
            range: row.range,
            values,
            blank_tail,
        });
    }

    /// A `信息内容` header row. It belongs to the open block; but when its columns are
    /// another item's (a page put the header away from its caption: shanghai's
    /// 第二十条第（一）项), the rows after it go to that item's block.
    pub(super) fn a20_header_row(&mut self, row: &LogicalRow<'_, '_>, first: usize) {
        let header = a20_header(row, first);
        self.set_a20_header(header, row.range);
    }

    fn set_a20_header(&mut self, header: A20Header, range: TextRange) {
        let items: Vec<u8> = (1..=10u8).filter(|&i| header.format(i).is_some()).collect();
        let current = self.a20_block().and_then(|b| b.item);
        if let ([item], Some(now)) = (&items[..], current) {
            if *item != now {
                if let Some(i) = self
                    .out
                    .article20
                    .iter()
                    .position(|b| b.item == Some(*item) && b.rows.is_empty())
                {
                    self.a20_current = Some(i);
                }
            }
        }
        let Some(block) = self.a20_block() else {
            return;
        };
        block.range = block.range.cover(range);
        if block.header.is_none() {
            block.header = Some(header);
        }
    }

    /// A `信息内容` header written as one line with its column names run together
    /// (`信息内容本年处理决定数量`): read when the names split it exactly.
    pub(super) fn a20_header_line(&mut self, folded: &str, range: TextRange) {
        let Some(rest) = folded.strip_prefix("信息内容") else {
            return;
        };
        let mut cells = Vec::new();
        let mut rest = rest.trim_start_matches(['|', ' ']);
        while !rest.is_empty() {
            // The longest header name the rest starts with (with its remark, if any).
            let Some((name, len)) = TEMPLATE_HEADERS
                .iter()
                .filter_map(|(_, name, base)| {
                    let full = fold(name);
                    [full.to_string(), base.clone()]
                        .into_iter()
                        .find(|n| rest.starts_with(n.as_str()))
                        .map(|n| (*name, n.len()))
                })
                .max_by_key(|(_, len)| *len)
            else {
                return;
            };
            let (names, unit) = match_header(name);
            cells.push(HeaderCell {
                text: rest[..len].into(),
                range,
                names,
                unit,
            });
            rest = &rest[len..];
        }
        if !cells.is_empty() {
            self.set_a20_header(A20Header { range, cells }, range);
        }
    }
}

// ---- 第二十条 helpers ----

pub(super) fn caption_item(folded: &str) -> Option<u8> {
    let rest = folded
        .strip_prefix("第二十条")?
        .strip_prefix('第')
        .unwrap_or_else(|| folded.trim_start_matches("第二十条"));
    let rest = rest.strip_prefix('(')?;
    let (n, len) = chinese_numeral(rest)?;
    rest[len..].starts_with(')').then_some(n)
}

pub(super) fn a20_header(row: &LogicalRow<'_, '_>, first: usize) -> A20Header {
    let mut cells: Vec<CellRef<'_>> = row.cells[first + 1..].to_vec();
    while cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    let range = row.cells[first]
        .range
        .cover(cells.last().map_or(row.cells[first].range, |c| c.range));
    A20Header {
        range,
        cells: cells
            .into_iter()
            .map(|c| {
                let (names, unit) = match_header(c.text);
                HeaderCell {
                    text: c.text.into(),
                    range: c.range,
                    names,
                    unit,
                }
            })
            .collect(),
    }
}

/// The template columns a 第二十条 header cell names, and the unit it gives.
pub(crate) fn match_header(text: &str) -> (Vec<(Format, &'static str)>, Option<Unit>) {
    let folded = fold(text);
    let (base, unit) = strip_header_remark(&folded);
    let yearless = strip_year(base);
    let mut names = Vec::new();
    for (format, name, template_base) in TEMPLATE_HEADERS.iter() {
        if header_equivalent(template_base, base, yearless) && !names.contains(&(*format, *name)) {
            names.push((*format, *name));
        }
    }
    (names, unit)
}

/// Every column of every 第二十条 spec of both formats, with its folded base name.
pub(super) static TEMPLATE_HEADERS: std::sync::LazyLock<Vec<(Format, &'static str, String)>> =
    std::sync::LazyLock::new(|| {
        [
            (Format::F2019, &A20_F2019[..]),
            (Format::F2021, &A20_F2021[..]),
        ]
        .into_iter()
        .flat_map(|(format, specs)| {
            specs
                .iter()
                .flat_map(move |spec| spec.columns.iter().map(move |col| (format, col.name)))
        })
        .map(|(format, name)| (format, name, strip_header_remark(&fold(name)).0.to_string()))
        .collect()
    });

/// Drops a bracketed remark at the end of a header (`（2019年起）`, `（单位：万元）`),
/// keeping a unit it names.
fn strip_header_remark(folded: &str) -> (&str, Option<Unit>) {
    if let Some(open) = folded.rfind('(') {
        if folded.ends_with(')') {
            let inner = &folded[open + 1..folded.len() - 1];
            let unit = Unit::suffix_of(inner);
            return (&folded[..open], unit);
        }
    }
    (folded, None)
}

/// Header variants seen in real reports: a year for 本年 (`2019年新制作数量`), a year for
/// 上一年 (`2019年项目数量`), `本年增减` for `本年增/减`. `yearless` is
/// `strip_year(header)`.
fn header_equivalent(template: &str, header: &str, yearless: &str) -> bool {
    if template == header {
        return true;
    }
    match template {
        "上一年项目数量" => {
            matches!(yearless, "年项目数量" | "上年项目数量" | "上一年项目数量")
        }
        "本年增/减" => matches!(header, "本年增减" | "增/减" | "本年增/减"),
        t if t.starts_with("本年") => yearless == &t["本年".len()..] && yearless != header,
        _ => false,
    }
}

/// `2019年新制作数量` → `新制作数量`; `2019年项目数量` → `年项目数量`.
fn strip_year(header: &str) -> &str {
    let digits = header.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 4 {
        let rest = &header[4..];
        if rest.starts_with("年项目") {
            return rest;
        }
        if let Some(r) = rest.strip_prefix('年') {
            return r;
        }
    }
    header
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_variants() {
        let names = |s: &str| match_header(s).0;
        assert_eq!(
            names("2019年新\n制作数量"),
            vec![(Format::F2019, "本年新制作数量")]
        );
        assert_eq!(
            names("2019年项目数量"),
            vec![(Format::F2019, "上一年项目数量")]
        );
        assert_eq!(
            names("对外公开总数量（2019年起）"),
            vec![(Format::F2019, "对外公开总数量")]
        );
        assert_eq!(
            match_header("采购总金额（万元）"),
            (vec![(Format::F2019, "采购总金额")], Some(Unit::WanYuan))
        );
        assert_eq!(
            names("本年处理决定数量"),
            vec![(Format::F2021, "本年处理决定数量")]
        );
        assert!(names("本年新增数量").is_empty());
    }

    #[test]
    fn captions() {
        assert_eq!(caption_item(&fold("第二十条第（九）项")), Some(9));
        assert_eq!(caption_item(&fold("第二十条第(一)项")), Some(1));
        assert_eq!(caption_item(&fold("第二十条第项")), None);
    }
}
