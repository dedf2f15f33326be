//! Word's table rows as grid rows: `w:gridSpan` and `w:vMerge` become column and row
//! spans, the text of continuing cells going to the cell they continue.

use super::*;

/// Word's rows as grid rows: each cell that starts a vertical merge spans the rows of
/// the cells that continue it (in the same grid column); continuing cells are not written
/// (any text they hold goes to the cell they continue).
pub(super) fn grid(t: Tbl) -> Vec<Vec<GridCell>> {
    // (grid column, cell) of each row.
    let placed: Vec<Vec<(usize, Tc)>> = t
        .rows
        .into_iter()
        .map(|row| {
            let mut col = row.before;
            row.cells
                .into_iter()
                .map(|c| {
                    let at = col;
                    col += c.span;
                    (at, c)
                })
                .collect()
        })
        .collect();
    let mut out: Vec<Vec<GridCell>> = Vec::with_capacity(placed.len());
    // For each open vertical merge: grid column → (row, index in that row's output).
    let mut open: HashMap<usize, (usize, usize)> = HashMap::new();
    for (r, row) in placed.into_iter().enumerate() {
        let mut cells = Vec::new();
        let mut continued = Vec::new();
        for (col, c) in row {
            match c.vmerge {
                VMerge::Continue if open.contains_key(&col) => {
                    if let Some(&(or, oi)) = open.get(&col) {
                        let anchor: &mut GridCell = &mut out[or][oi];
                        anchor.rowspan += 1;
                        join_into(&mut anchor.text, &c.text);
                    }
                    continued.push(col);
                }
                vmerge => {
                    if vmerge == VMerge::Restart {
                        open.insert(col, (r, cells.len()));
                    } else {
                        open.remove(&col);
                    }
                    cells.push(GridCell {
                        text: c.text,
                        rowspan: 1,
                        colspan: c.span,
                    });
                }
            }
        }
        // A merge ends where its column is not continued.
        open.retain(|col, (or, _)| *or == r || continued.contains(col));
        out.push(cells);
    }
    out
}
