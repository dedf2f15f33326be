//! JSON Lines: one object per cell or report, its keys the column names; numbers as JSON
//! numbers written exactly (`0.6667`), nothing as `null`.

use std::io::{self, Write};

use serde_json::{Map, Value};

use super::{cell_rows, report_columns, report_rows, Table, CELL_COLUMNS};
use crate::run::Run;

/// A field as JSON: a number when it is one (an exact decimal, written as such).
fn value(field: String, numeric: bool) -> Value {
    if field.is_empty() {
        return Value::Null;
    }
    if numeric {
        if let Ok(n) = serde_json::from_str::<serde_json::Number>(&field) {
            return Value::Number(n);
        }
    }
    Value::String(field)
}

fn line(
    out: &mut dyn Write,
    names: &[&str],
    fields: Vec<String>,
    numeric: impl Fn(&str) -> bool,
) -> io::Result<()> {
    let object: Map<String, Value> = names
        .iter()
        .zip(fields)
        .map(|(name, field)| (name.to_string(), value(field, numeric(name))))
        .collect();
    serde_json::to_writer(&mut *out, &Value::Object(object))?;
    out.write_all(b"\n")
}

pub fn write(run: &Run, table: Table, out: &mut dyn Write) -> io::Result<()> {
    match table {
        Table::Cells => {
            let numeric = |n: &str| matches!(n, "page" | "line" | "column_no" | "year" | "value");
            for file in run.checked() {
                for row in cell_rows(file) {
                    line(out, &CELL_COLUMNS, row.fields().to_vec(), numeric)?;
                }
            }
        }
        Table::Reports => {
            let names = report_columns();
            let numeric = |n: &str| !matches!(n, "file" | "body" | "format");
            for file in run.checked() {
                for row in report_rows(file) {
                    line(out, &names, row.fields(), numeric)?;
                }
            }
        }
    }
    Ok(())
}
