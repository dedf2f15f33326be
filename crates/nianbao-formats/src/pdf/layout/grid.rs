//! Tables from a page's ruled lines: where rules meet (union-find of crossing segments,
//! bounded), the grid's undivided regions as cells, and each glyph in the cell its centre
//! is in.

use super::*;

pub(super) struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[b] = a;
        }
    }
}

pub(super) fn meets(h: &Rule, v: &Rule) -> bool {
    v.at >= h.from - MEET && v.at <= h.to + MEET && h.at >= v.from - MEET && h.at <= v.to + MEET
}

/// Positions within [`SAME_RULE`] of each other, as one (their mean), sorted.
pub(super) fn cluster(mut at: Vec<f64>) -> Vec<f64> {
    at.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for a in at {
        match out.last_mut() {
            Some((sum, n)) if a - *sum / *n as f64 <= SAME_RULE => {
                *sum += a;
                *n += 1;
            }
            _ => out.push((a, 1)),
        }
    }
    out.into_iter().map(|(sum, n)| sum / n as f64).collect()
}

/// A ruled table: the grid's lines and the rules that draw it.
pub(super) struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    h: Vec<Rule>,
    v: Vec<Rule>,
}

impl Grid {
    pub(super) fn contains(&self, x: f64, y: f64) -> bool {
        self.xs.first().is_some_and(|&x0| x >= x0)
            && self.xs.last().is_some_and(|&x1| x <= x1)
            && self.ys.first().is_some_and(|&y0| y >= y0)
            && self.ys.last().is_some_and(|&y1| y <= y1)
    }

    pub(super) fn top(&self) -> f64 {
        self.ys.first().copied().unwrap_or(0.0)
    }

    /// Whether a vertical line divides row band `r` at grid line `k` of x.
    fn divides_row(&self, k: usize, r: usize) -> bool {
        if k == 0 || k + 1 == self.xs.len() {
            return true;
        }
        let (x, mid) = (self.xs[k], (self.ys[r] + self.ys[r + 1]) / 2.0);
        self.v
            .iter()
            .any(|v| (v.at - x).abs() <= SAME_RULE && v.from - MEET <= mid && v.to + MEET >= mid)
    }

    /// Whether a horizontal line divides column band `c` at grid line `k` of y.
    fn divides_column(&self, k: usize, c: usize) -> bool {
        if k == 0 || k + 1 == self.ys.len() {
            return true;
        }
        let (y, mid) = (self.ys[k], (self.xs[c] + self.xs[c + 1]) / 2.0);
        self.h
            .iter()
            .any(|h| (h.at - y).abs() <= SAME_RULE && h.from - MEET <= mid && h.to + MEET >= mid)
    }
}

/// The ruled tables of a page: sets of horizontal and vertical rules that meet, with at
/// least two of each and more than one cell between them.
pub(super) fn grids(rules: &[Rule]) -> Vec<Grid> {
    if rules.len() > MAX_RULES {
        return Vec::new();
    }
    let mut uf = UnionFind::new(rules.len());
    for (i, a) in rules.iter().enumerate() {
        for (j, b) in rules.iter().enumerate().skip(i + 1) {
            let meet = match (a.horizontal, b.horizontal) {
                (true, false) => meets(a, b),
                (false, true) => meets(b, a),
                _ => false,
            };
            if meet {
                uf.union(i, j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Rule>> = Default::default();
    for (i, r) in rules.iter().enumerate() {
        groups.entry(uf.find(i)).or_default().push(*r);
    }
    let mut out: Vec<Grid> =
        groups
            .into_values()
            .filter_map(|group| {
                let (h, v): (Vec<Rule>, Vec<Rule>) = group.into_iter().partition(|r| r.horizontal);
                let ys = cluster(h.iter().map(|r| r.at).collect());
                let xs = cluster(v.iter().map(|r| r.at).collect());
                let cells = (ys.len().saturating_sub(1)) * (xs.len().saturating_sub(1));
                (ys.len() >= 2 && xs.len() >= 2 && cells > 1 && cells <= MAX_CELLS)
                    .then_some(Grid { xs, ys, h, v })
            })
            .collect();
    out.sort_by(|a, b| a.top().total_cmp(&b.top()));
    out
}

/// A grid's cells: regions no rule divides, as (row, column, rows, columns), each the
/// rectangle of grid cells it joins.
pub(super) fn regions(grid: &Grid) -> Vec<(usize, usize, usize, usize)> {
    let (rows, cols) = (grid.ys.len() - 1, grid.xs.len() - 1);
    let id = |r: usize, c: usize| r * cols + c;
    let mut uf = UnionFind::new(rows * cols);
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !grid.divides_row(c + 1, r) {
                uf.union(id(r, c), id(r, c + 1));
            }
            if r + 1 < rows && !grid.divides_column(r + 1, c) {
                uf.union(id(r, c), id(r + 1, c));
            }
        }
    }
    let mut bounds: std::collections::HashMap<usize, (usize, usize, usize, usize, usize)> =
        Default::default();
    for r in 0..rows {
        for c in 0..cols {
            let root = uf.find(id(r, c));
            let b = bounds.entry(root).or_insert((r, c, r, c, 0));
            b.0 = b.0.min(r);
            b.1 = b.1.min(c);
            b.2 = b.2.max(r);
            b.3 = b.3.max(c);
            b.4 += 1;
        }
    }
    let mut out = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            let root = uf.find(id(r, c));
            let (r0, c0, r1, c1, n) = bounds[&root];
            if n == (r1 - r0 + 1) * (c1 - c0 + 1) {
                if (r, c) == (r0, c0) {
                    out.push((r0, c0, r1 - r0 + 1, c1 - c0 + 1));
                }
            } else {
                // Not a rectangle (a rule missing in an odd place): its grid cells alone.
                out.push((r, c, 1, 1));
            }
        }
    }
    out
}

/// The centre of a glyph, for finding the cell it is in.
pub(super) fn centre(g: &PdfGlyph) -> (f64, f64) {
    (g.x + glyph_width(g) / 2.0, g.y - g.size * 0.35)
}

/// A grid's rows of cells, with the text of the glyphs inside each.
pub(super) fn table_rows(grid: &Grid, glyphs: &[&PdfGlyph]) -> Vec<Vec<GridCell>> {
    let cols = grid.xs.len() - 1;
    let regions = regions(grid);
    // Grid cell → region.
    let mut owner = vec![usize::MAX; (grid.ys.len() - 1) * cols];
    for (i, &(r, c, h, w)) in regions.iter().enumerate() {
        for rr in r..r + h {
            for cc in c..c + w {
                if owner[rr * cols + cc] == usize::MAX {
                    owner[rr * cols + cc] = i;
                }
            }
        }
    }
    let mut inside: Vec<Vec<&PdfGlyph>> = vec![Vec::new(); regions.len()];
    for g in glyphs {
        let (x, y) = centre(g);
        let c = grid
            .xs
            .partition_point(|&gx| gx <= x)
            .saturating_sub(1)
            .min(cols - 1);
        let r = grid
            .ys
            .partition_point(|&gy| gy <= y)
            .saturating_sub(1)
            .min(grid.ys.len() - 2);
        if let Some(&i) = owner.get(r * cols + c) {
            if i != usize::MAX {
                inside[i].push(g);
            }
        }
    }
    // Rows in which no cell starts (every column spans them) are not written, and the
    // spans across them shrink.
    let starts: Vec<bool> = (0..grid.ys.len() - 1)
        .map(|r| regions.iter().any(|&(r0, ..)| r0 == r))
        .collect();
    let mut rows: Vec<Vec<GridCell>> = Vec::new();
    let mut row_of = vec![0usize; starts.len()];
    for (r, &s) in starts.iter().enumerate() {
        if s {
            row_of[r] = rows.len();
            rows.push(Vec::new());
        }
    }
    for (i, &(r, _c, h, w)) in regions.iter().enumerate() {
        let mut text = String::new();
        for line in lines(&inside[i]) {
            join_into(&mut text, &line.text.replace('\t', " "));
        }
        let rowspan = starts[r..r + h].iter().filter(|&&s| s).count().max(1);
        rows[row_of[r]].push(GridCell {
            text,
            rowspan,
            colspan: w,
        });
    }
    rows
}
