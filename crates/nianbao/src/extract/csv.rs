//! CSV: UTF-8 with a byte-order mark (without it Excel and WPS on Windows show Chinese as
//! mojibake), a header row of the fixed column names, then one row per cell or report.

use std::io::{self, Write};

use rayon::prelude::*;

use super::{cell_rows, report_columns, report_rows, Table, CELL_COLUMNS};
use crate::run::Run;

pub fn write(run: &Run, table: Table, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    match table {
        Table::Cells => {
            let mut w = ::csv::Writer::from_writer(&mut *out);
            w.write_record(CELL_COLUMNS)?;
            w.flush()?;
            drop(w);
            // Each file's rows written in parallel (placing every cell on its line and
            // column is most of the work), then put out in the order of the files.
            let files: Vec<_> = run.checked().collect();
            let parts: Vec<io::Result<Vec<u8>>> = files
                .par_iter()
                .map(|file| {
                    let mut part = ::csv::Writer::from_writer(Vec::new());
                    for row in cell_rows(file) {
                        row.write_to(&mut part)?;
                    }
                    part.into_inner().map_err(|e| e.into_error())
                })
                .collect();
            for part in parts {
                out.write_all(&part?)?;
            }
            Ok(())
        }
        Table::Reports => {
            let mut w = ::csv::Writer::from_writer(out);
            w.write_record(report_columns())?;
            for file in run.checked() {
                for row in report_rows(file) {
                    w.write_record(row.fields())?;
                }
            }
            w.flush()
        }
    }
}
