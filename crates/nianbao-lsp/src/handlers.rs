//! What the server does for each request, on plain state: conversions to and from LSP
//! types happen here and in `convert`, nowhere else.

use std::collections::HashMap;
use std::sync::Arc;

use nianbao_ide::{fix_all, folding_ranges, outline, table_actions, Analysis, Symbol, SymbolKind};
use nianbao_syntax::Rope;
use serde_json::{json, Value};
use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::convert::{self, Encoding};
use crate::publish::Publication;
use crate::state::State;

/// Where each check's documentation lives; a diagnostic's `codeDescription` links to its
/// entry. (The repository's own `docs/checks.md`.)
pub const DOCS_URL: &str = "https://github.com/nianbao-dev/nianbao/blob/main/docs/checks.md";

pub const FIX_ALL_KIND: &str = "source.fixAll.nianbao";

pub fn server_capabilities(encoding: Encoding) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        folding_range_provider: Some(lsp::FoldingRangeProviderCapability::Simple(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::REFACTOR_REWRITE,
                    lsp::CodeActionKind::from(FIX_ALL_KIND),
                ]),
                resolve_provider: Some(false),
                ..Default::default()
            },
        )),
        ..Default::default()
    }
}

/// UTF-8 when the client offers it, else UTF-16.
pub fn negotiate(params: &lsp::InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    if offered.is_some_and(|kinds| kinds.contains(&lsp::PositionEncodingKind::UTF8)) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

fn edit(rope: &Rope, encoding: Encoding, e: &nianbao_checks::TextEdit) -> lsp::TextEdit {
    lsp::TextEdit {
        range: convert::range(rope, e.range, encoding),
        new_text: e.new_text.to_string(),
    }
}

/// What to publish now for `uri`, with its version, and whether deferred findings are
/// held back (to be published after the delay).
pub fn diagnostics_now(state: &mut State, uri: &Uri) -> Option<(i32, Publication, bool)> {
    let State {
        docs,
        settings,
        encoding,
        ..
    } = state;
    let (settings, encoding) = (&*settings, *encoding);
    let entry = docs.get_mut(uri)?;
    let analysis = entry.analysis(settings);
    let reports = entry
        .published
        .update(&analysis, entry.buffer.document().rope(), encoding);
    let mut publication = Publication {
        reports,
        hidden: Default::default(),
    };
    if settings.diagnostics_delay_ms == 0 {
        entry.shown = deferred_keys(&publication);
    } else {
        publication.hidden = publication
            .findings()
            .filter(|f| {
                nianbao_ide::is_deferred(f.code)
                    && !entry.shown.contains(&(f.code, f.message.clone()))
            })
            .map(|f| (f.code, f.message.clone()))
            .collect();
    }
    let held_back = !publication.hidden.is_empty();
    Some((entry.version, publication, held_back))
}

/// Every finding of `uri` if it is still at `version`.
pub fn diagnostics_full(state: &mut State, uri: &Uri, version: i32) -> Option<Publication> {
    let State {
        docs,
        settings,
        encoding,
        ..
    } = state;
    let (settings, encoding) = (&*settings, *encoding);
    let entry = docs.get_mut(uri).filter(|e| e.version == version)?;
    let analysis = entry.analysis(settings);
    let reports = entry
        .published
        .update(&analysis, entry.buffer.document().rope(), encoding);
    let publication = Publication {
        reports,
        hidden: Default::default(),
    };
    entry.shown = deferred_keys(&publication);
    Some(publication)
}

fn deferred_keys(publication: &Publication) -> std::collections::HashSet<(&'static str, Arc<str>)> {
    publication
        .findings()
        .filter(|f| nianbao_ide::is_deferred(f.code))
        .map(|f| (f.code, f.message.clone()))
        .collect()
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be spelled out.
fn symbol(s: &Symbol, rope: &Rope, encoding: Encoding) -> lsp::DocumentSymbol {
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
        range: convert::range(rope, s.range, encoding),
        selection_range: convert::range(rope, s.selection_range, encoding),
        children: (!s.children.is_empty()).then(|| {
            s.children
                .iter()
                .map(|c| symbol(c, rope, encoding))
                .collect()
        }),
    }
}

pub fn document_symbols(state: &mut State, uri: &Uri) -> Option<lsp::DocumentSymbolResponse> {
    let State {
        docs,
        settings,
        encoding,
        ..
    } = state;
    let (settings, encoding) = (&*settings, *encoding);
    let entry = docs.get_mut(uri)?;
    let analysis = entry.analysis(settings);
    let symbols = outline(&analysis, entry.doc());
    Some(lsp::DocumentSymbolResponse::Nested(
        symbols
            .iter()
            .map(|s| symbol(s, entry.doc().rope(), encoding))
            .collect(),
    ))
}

pub fn folding(state: &mut State, uri: &Uri) -> Option<Vec<lsp::FoldingRange>> {
    let State { docs, settings, .. } = state;
    let entry = docs.get_mut(uri)?;
    let analysis = entry.analysis(settings);
    let rope = entry.doc().rope();
    Some(
        folding_ranges(&analysis, entry.doc())
            .into_iter()
            .map(|r| (rope.byte_to_line(r.start), rope.byte_to_line(r.end)))
            .filter(|(a, b)| b > a)
            .map(|(a, b)| lsp::FoldingRange {
                start_line: a as u32,
                end_line: b as u32,
                kind: Some(lsp::FoldingRangeKind::Region),
                ..Default::default()
            })
            .collect(),
    )
}

fn workspace_edit(uri: &Uri, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

fn wanted(only: &Option<Vec<lsp::CodeActionKind>>, kind: &str) -> bool {
    only.as_ref().is_none_or(|kinds| {
        kinds
            .iter()
            .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str())))
    })
}

pub fn code_actions(
    state: &mut State,
    params: &lsp::CodeActionParams,
) -> Option<lsp::CodeActionResponse> {
    let State {
        docs,
        settings,
        encoding,
        ..
    } = state;
    let (settings, encoding) = (&*settings, *encoding);
    let uri = &params.text_document.uri;
    let entry = docs.get_mut(uri)?;
    let analysis: Arc<Analysis> = entry.analysis(settings);
    let rope = entry.doc().rope();
    let only = &params.context.only;
    let mut actions = Vec::new();

    if wanted(only, lsp::CodeActionKind::QUICKFIX.as_str()) {
        for d in params
            .context
            .diagnostics
            .iter()
            .filter(|d| d.source.as_deref() == Some("nianbao"))
        {
            let from_data = d
                .data
                .as_ref()
                .filter(|data| data["version"].as_i64() == Some(i64::from(entry.version)));
            let fix: Option<(String, Vec<lsp::TextEdit>)> = match from_data {
                Some(data) => {
                    let edits: Option<Vec<lsp::TextEdit>> =
                        serde_json::from_value(data["edits"].clone()).ok();
                    Some((data["title"].as_str().unwrap_or("修复").to_string(), edits?))
                }
                // Computed for another version: take the current finding at the same place.
                None => analysis
                    .diagnostics()
                    .find(|ours| {
                        Some(lsp::NumberOrString::String(ours.code.to_string())) == d.code
                            && convert::range(rope, ours.range, encoding) == d.range
                    })
                    .and_then(|ours| {
                        let fix = ours.fix.as_ref()?;
                        Some((
                            fix.title.to_string(),
                            fix.edits.iter().map(|e| edit(rope, encoding, e)).collect(),
                        ))
                    }),
            };
            if let Some((title, edits)) = fix {
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title,
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![d.clone()]),
                    edit: Some(workspace_edit(uri, edits)),
                    is_preferred: Some(true),
                    ..Default::default()
                }));
            }
        }
    }
    if analysis.checked && wanted(only, lsp::CodeActionKind::REFACTOR_REWRITE.as_str()) {
        let offset = convert::offset(rope, params.range.start, encoding);
        if let Some(action) = table_actions(&analysis, offset) {
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: action.title,
                kind: Some(lsp::CodeActionKind::REFACTOR_REWRITE),
                edit: Some(workspace_edit(
                    uri,
                    action
                        .edits
                        .iter()
                        .map(|e| edit(rope, encoding, e))
                        .collect(),
                )),
                ..Default::default()
            }));
        }
    }
    if analysis.checked && wanted(only, FIX_ALL_KIND) {
        let edits = fix_all(&analysis);
        if !edits.is_empty() {
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: "重新计算全部合计".to_string(),
                kind: Some(lsp::CodeActionKind::from(FIX_ALL_KIND)),
                edit: Some(workspace_edit(
                    uri,
                    edits.iter().map(|e| edit(rope, encoding, e)).collect(),
                )),
                ..Default::default()
            }));
        }
    }
    Some(actions)
}

/// `nianbao/documentState`: the server's view of a document, for tests and debugging.
pub fn document_state(state: &State, uri: &Uri) -> Value {
    match state.docs.get(uri) {
        Some(entry) => json!({
            "version": entry.version,
            "text": entry.doc().text(),
            "blocks": format!("{:?}", entry.doc().blocks()),
        }),
        None => Value::Null,
    }
}
