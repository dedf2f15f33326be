//! Places in the files of a run as people read them: 1-based lines and character
//! columns, and the places of other files' cells that findings point into (last year's
//! report). Computed while the files are read (`run`), written by the emitters
//! (`output`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use nianbao_checks::{Diagnostic, Related};
use nianbao_syntax::{ColumnUnit, LineIndex, TextRange};

/// 1-based line and character column of a byte offset.
pub fn position(index: &LineIndex<'_>, offset: usize) -> (usize, usize) {
    let at = index.line_col(offset, ColumnUnit::Char);
    (at.line + 1, at.col + 1)
}

/// Where places in other files are (last year's report, `last-year-mismatch`): found
/// while the inputs were read, by their file's name in `Related::file` and their range.
#[derive(Default)]
pub struct Elsewhere {
    pub places: HashMap<(Arc<str>, TextRange), Place>,
}

impl Elsewhere {
    /// The related places of `d` in other files, with where they are.
    pub fn of<'d>(
        &'d self,
        d: &'d Diagnostic,
    ) -> impl Iterator<Item = (&'d Related, &'d Place)> + 'd {
        d.related.iter().filter_map(|r| {
            let file = r.file.clone()?;
            Some((r, self.places.get(&(file, r.range))?))
        })
    }
}

/// A place in another input: its path and 1-based lines and character columns.
#[derive(Clone, Debug)]
pub struct Place {
    pub path: PathBuf,
    pub start: (usize, usize),
    pub end: (usize, usize),
}

impl Place {
    pub fn new(path: &Path, index: &LineIndex<'_>, range: TextRange) -> Place {
        Place {
            path: path.to_path_buf(),
            start: position(index, range.start),
            end: position(index, range.end),
        }
    }
}
