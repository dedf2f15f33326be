//! Prints the blocks of a file, one line per block and per table row: a debugging aid.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(err) => {
            eprintln!("{path}: {err}");
            std::process::exit(2);
        }
    };
    for block in nianbao_syntax::parse_str(&text) {
        match &block.kind {
            nianbao_syntax::BlockKind::Table(t) => {
                eprintln!(
                    "{:?} Table {:?} {} rows",
                    block.range,
                    t.encoding,
                    t.rows.len()
                );
                for row in &t.rows {
                    let cells: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
                    eprintln!("    {:?}", cells);
                }
            }
            other => eprintln!("{:?} {:?}", block.range, other),
        }
    }
}
