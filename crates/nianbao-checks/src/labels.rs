//! How cells, rows and tables are named in messages: by their template labels.

use nianbao_model::template::{self, T3_ROWS};
use nianbao_model::{Table3, ValueCell};

/// `「4.保护第三方合法权益」`
pub fn t3_row(def: usize) -> String {
    format!("「{}」", T3_ROWS[def].label)
}

/// `「4.保护第三方合法权益」行「总计」列`
pub fn t3_cell(table: &Table3, row: usize, cell: usize) -> String {
    format!(
        "{}行「{}」列",
        t3_row(table.rows[row].def),
        table.column_label(cell)
    )
}

/// `「行政复议·总计」`
pub fn t4_cell(cell: usize) -> String {
    format!("「{}」", template::t4_column_label(cell))
}

/// What a cell holds, for lists of unfilled cells: `（空白）`, `「/」`.
pub fn cell_content(cell: &ValueCell) -> String {
    if cell.text.trim().is_empty() {
        "（空白）".to_string()
    } else {
        format!("「{}」", cell.text)
    }
}

/// Lists at most `max` items, then `等 N 处`.
pub fn list(items: &[String], max: usize) -> String {
    if items.len() <= max {
        items.join("、")
    } else {
        format!("{} 等 {} 处", items[..max].join("、"), items.len())
    }
}
