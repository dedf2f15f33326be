//! The format the tables' shape implies, and the cell or caption that shows it.

use crate::template::{self, Format, T3_ROWS};
use crate::ShapeEvidence;

use super::Tables;

/// The format the tables' shape implies: a 第二十条第（九）项 block or a header of one
pub(crate) fn shape_evidence(tables: &Tables) -> Option<ShapeEvidence> {
    for block in &tables.article20 {
        if block.item == Some(9) {
            return Some(ShapeEvidence {
                format: Format::F2019,
                range: block.caption_range,
                what: format!("「{}」", template::a20_caption(9)),
            });
        }
        if let (Some(item), Some(header)) = (block.item, &block.header) {
            if let Some(format) = header.format(item) {
                let names: Vec<&str> = header.cells.iter().map(|c| c.text.as_str()).collect();
                return Some(ShapeEvidence {
                    format,
                    range: header.range,
                    what: format!("表头「{}」", names.join("、")),
                });
            }
        }
    }
    for table in &tables.tables3 {
        if let Some(row) = table
            .rows
            .iter()
            .find(|r| template::T3_OTHER_LEAVES.contains(&r.def))
        {
            return Some(ShapeEvidence {
                format: Format::F2021,
                range: row.label_range,
                what: format!("表三的「{}」行", T3_ROWS[row.def].label),
            });
        }
        if let Some(row) = table
            .rows
            .iter()
            .find(|r| r.def == template::T3_OTHER && !r.subtotal)
        {
            return Some(ShapeEvidence {
                format: Format::F2019,
                range: row.label_range,
                what: "表三只有一行「（六）其他处理」".into(),
            });
        }
    }
    None
}
