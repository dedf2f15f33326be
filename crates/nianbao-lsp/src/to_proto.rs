//! Plain data turned into LSP types: byte offsets into positions in the negotiated
//! encoding (through the one `LineIndex`), findings' severities, text edits, outline
//! symbols, folding ranges, and the `data` a published diagnostic carries. This module
//! and `from_proto` are the only translators between the two worlds.

use std::borrow::Cow;
use std::collections::HashMap;

use nianbao_checks::Severity;
use nianbao_ide::{Symbol, SymbolKind};
use nianbao_syntax::{LineIndex, TextRange};
use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::Encoding;

/// Where each check's documentation lives; a diagnostic's `codeDescription` links to its
/// entry. (The repository's own `docs/checks.md`.)
pub const DOCS_URL: &str = "https://github.com/nianbao-dev/nianbao/blob/main/docs/checks.md";

pub fn position(index: &LineIndex<'_>, offset: usize, encoding: Encoding) -> lsp::Position {
    let at = index.line_col(offset, encoding.unit());
    lsp::Position::new(clamp_u32(at.line), clamp_u32(at.col))
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub fn range(index: &LineIndex<'_>, range: TextRange, encoding: Encoding) -> lsp::Range {
    lsp::Range::new(
        position(index, range.start, encoding),
        position(index, range.end, encoding),
    )
}

pub fn text_edit(
    index: &LineIndex<'_>,
    edit: &nianbao_checks::TextEdit,
    encoding: Encoding,
) -> lsp::TextEdit {
    lsp::TextEdit {
        range: range(index, edit.range, encoding),
        new_text: edit.new_text.to_string(),
    }
}

pub fn workspace_edit(uri: &Uri, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

/// The LSP `DiagnosticSeverity` number.
pub fn severity(s: Severity) -> u8 {
    match s {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Info => 3,
        Severity::Hint => 4,
    }
}

/// What a published diagnostic carries in `data`: its fix, and the document version the
/// fix's positions are for, so that a code action for it needs no recomputation. Written
/// by `publish` and read back by the code-action handler, through this one type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiagnosticData<'a> {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    pub edits: Cow<'a, [lsp::TextEdit]>,
}

impl DiagnosticData<'_> {
    /// The data of a diagnostic the client sends back, if it is ours.
    pub fn from_value(value: &serde_json::Value) -> Option<DiagnosticData<'_>> {
        DiagnosticData::deserialize(value).ok()
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be spelled out.
pub fn symbol(s: &Symbol, index: &LineIndex<'_>, encoding: Encoding) -> lsp::DocumentSymbol {
    lsp::DocumentSymbol {
        name: s.name.clone(),
        detail: s.detail.clone(),
        kind: match s.kind {
            SymbolKind::Report => lsp::SymbolKind::FILE,
            SymbolKind::Part => lsp::SymbolKind::MODULE,
            SymbolKind::Subsection => lsp::SymbolKind::NAMESPACE,
            SymbolKind::Table => lsp::SymbolKind::STRUCT,
        },
        tags: None,
        deprecated: None,
        range: range(index, s.range, encoding),
        selection_range: range(index, s.selection_range, encoding),
        children: (!s.children.is_empty()).then(|| {
            s.children
                .iter()
                .map(|c| symbol(c, index, encoding))
                .collect()
        }),
    }
}

/// A folding range over whole lines, when it spans more than one.
pub fn folding_range(index: &LineIndex<'_>, range: TextRange) -> Option<lsp::FoldingRange> {
    let (start, end) = (index.line_of(range.start), index.line_of(range.end));
    (end > start).then(|| lsp::FoldingRange {
        start_line: clamp_u32(start),
        end_line: clamp_u32(end),
        kind: Some(lsp::FoldingRangeKind::Region),
        ..Default::default()
    })
}
