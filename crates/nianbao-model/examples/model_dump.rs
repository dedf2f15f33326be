//! Prints what the model reads from a file: a debugging aid.
use nianbao_model::arith::{balance_sides, evaluate, Outcome};
use nianbao_model::template::T3_ROWS;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: model_dump FILE");
        std::process::exit(2);
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("{path}: cannot read");
        std::process::exit(2);
    };
    let blocks = nianbao_syntax::parse_str(&text);
    let r = nianbao_model::build(&blocks, &Default::default());
    eprintln!(
        "title {:?} format {:?} {:?} shape {:?}",
        r.title.as_ref().map(|t| (&t.text, t.year)),
        r.format,
        r.format_basis,
        r.shape.as_ref().map(|s| (s.format, &s.what))
    );
    for p in &r.parts {
        eprintln!(
            "part {:?} {:?} numeral {} {:?}",
            p.part, p.text, p.numeral, p.title
        );
    }
    for b in &r.article20 {
        eprintln!(
            "a20 {:?} part {:?} header {:?}",
            b.item,
            b.part,
            b.header.as_ref().map(|h| (
                h.cells
                    .iter()
                    .map(|c| (c.text.as_str(), c.names.clone()))
                    .collect::<Vec<_>>(),
                b.item.and_then(|i| h.format(i))
            ))
        );
        for row in &b.rows {
            eprintln!(
                "    {:?} {:?}",
                row.label,
                row.values
                    .iter()
                    .map(|v| v.text.as_str())
                    .collect::<Vec<_>>()
            );
        }
    }
    for t in &r.tables3 {
        eprintln!(
            "t3 part {:?} rows {} unmapped {:?} legal {}",
            t.part,
            t.rows.len(),
            t.unmapped.iter().map(|u| &u.label).collect::<Vec<_>>(),
            t.legal_person_column
        );
        for row in &t.rows {
            if std::env::var_os("ROWS").is_some() {
                let cells: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
                eprintln!(
                    "    {:?} {} {:?}",
                    row.placement, T3_ROWS[row.def].label, cells
                );
            }
            if !t.is_mapped(row) || row.duplicate || row.subtotal {
                eprintln!(
                    "    {} cells={} dup={} sub={}",
                    T3_ROWS[row.def].label,
                    row.cells.len(),
                    row.duplicate,
                    row.subtotal
                );
            }
        }
        for s in t.sums() {
            if let o @ Outcome::Mismatch { .. } = evaluate(&s, |a| t.value(a)) {
                eprintln!(
                    "    {:?} {} col {} {:?}",
                    s.rule,
                    T3_ROWS[t.rows[s.total.row].def].label,
                    t.column_label(s.total.cell),
                    o
                );
            }
        }
        for b in t.balances() {
            if let Some((l, rr)) = balance_sides(&b, |a| t.value(a)) {
                if l != rr {
                    eprintln!(
                        "    T3-ID col {} {} vs {}",
                        t.column_label(t.cell_index(b.column)),
                        l,
                        rr
                    );
                }
            }
        }
    }
    for t in &r.tables4 {
        eprintln!(
            "t4 part {:?} row {:?}",
            t.part,
            t.row
                .as_ref()
                .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>())
        );
        for s in t.sums() {
            if let o @ Outcome::Mismatch { .. } = evaluate(&s, |a| t.value(a)) {
                eprintln!("    T4 {:?} {:?}", s.total, o);
            }
        }
    }
}
