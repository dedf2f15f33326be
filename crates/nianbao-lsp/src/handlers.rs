//! What the server does for each request, on plain state. Conversions to and from LSP
//! types go through `to_proto` and `from_proto`; every request on a document starts from
//! [`open`], which finds the document, its analysis, the settings and the encoding.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use nianbao_ide::{fix_all, folding_ranges, outline, table_actions, Analysis, Settings};
use nianbao_syntax::LineIndex;
use serde_json::{json, Value};
use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::publish::{FindingKey, Publication};
use crate::state::{DocState, State};
use crate::to_proto::{self, DiagnosticData};
use crate::years::{self, Linked};
use crate::{from_proto, Encoding};

mod actions;
pub use actions::code_actions;

pub const FIX_ALL_KIND: &str = "source.fixAll.nianbao";

/// Whether the client cancelled the request being worked on (`$/cancelRequest`): set
/// when the request's future is dropped, read by the work between its steps.
#[derive(Clone, Default)]
pub struct Cancelled(Arc<std::sync::atomic::AtomicBool>);

/// Sets its flag when dropped: held by the future that awaits the work.
pub struct SetOnDrop(Cancelled);

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        self.0 .0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

impl Cancelled {
    pub fn is_set(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A guard that sets the flag when it is dropped.
    pub fn on_drop(&self) -> SetOnDrop {
        SetOnDrop(self.clone())
    }
}

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
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec!["#".to_string()]),
            ..Default::default()
        }),
        document_range_formatting_provider: Some(lsp::OneOf::Left(true)),
        inlay_hint_provider: Some(lsp::OneOf::Left(true)),
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

/// An open document with what every request on it needs.
pub struct Open<'s> {
    pub entry: &'s mut DocState,
    pub settings: &'s Settings,
    pub encoding: Encoding,
    /// The analysis of the document's current version.
    pub analysis: Arc<Analysis>,
}

impl Open<'_> {
    pub fn index(&self) -> LineIndex<'_> {
        LineIndex::new(self.entry.doc().rope())
    }
}

/// The document `uri` names, if it is open, analysed at its current version.
pub fn open<'s>(state: &'s mut State, uri: &Uri) -> Option<Open<'s>> {
    let State {
        docs,
        settings,
        encoding,
        ..
    } = state;
    let entry = docs.get_mut(uri)?;
    let analysis = entry.analysis(settings);
    Some(Open {
        entry,
        settings,
        encoding: *encoding,
        analysis,
    })
}

/// [`open`] for a request that answers with edits (formatting, code actions,
/// completion): `None` for a document whose text no longer follows the editor's (an edit
/// could not be applied). Edits computed from the old text would corrupt the document —
/// format-on-save applies them unseen.
pub fn open_for_edits<'s>(state: &'s mut State, uri: &Uri) -> Option<Open<'s>> {
    open(state, uri).filter(|o| !o.entry.diverged)
}

/// What to publish now for `uri`, with its version — `None` when the publication waits
/// for a pause in typing — and whether the full set is due after the delay.
///
/// A publication that would bring up a deferred finding about something that had none on
/// screen (by its key: report, code, subject) waits, whole, for the pause: what is on
/// screen stays as it is meanwhile, so that a number half typed neither shows a new error
/// nor hides one already shown (a digit deleted to be typed again makes a blank, and no
/// sum is evaluated on a blank). Otherwise everything is published at once, and findings
/// already shown follow every keystroke. Nothing waits in a document's first publication
/// or after a settings change.
pub fn diagnostics_now(state: &mut State, uri: &Uri) -> Option<(i32, Option<Publication>, bool)> {
    let Open {
        entry,
        settings,
        encoding,
        analysis,
    } = open(state, uri)?;
    if entry.diverged {
        // Out of step with the editor: nothing is shown rather than wrong squiggles.
        return Some((entry.version, Some(Publication::default()), false));
    }
    let reports = entry.published.update_with(
        &analysis,
        entry.buffer.document().rope(),
        encoding,
        &entry.last_years,
    );
    let publication = Publication { reports };
    if let Some(shown) = &entry.shown {
        let new = publication
            .all()
            .any(|(key, f)| nianbao_ide::is_deferred(f.code) && !shown.contains(&key));
        if new && settings.diagnostics_delay_ms > 0 {
            return Some((entry.version, None, true));
        }
    }
    entry.shown = Some(deferred_keys(&publication));
    Some((entry.version, Some(publication), false))
}

/// Every finding of `uri` if it is still at `version`.
pub fn diagnostics_full(state: &mut State, uri: &Uri, version: i32) -> Option<Publication> {
    let Open {
        entry,
        encoding,
        analysis,
        ..
    } = open_for_edits(state, uri).filter(|o| o.entry.version == version)?;
    let reports = entry.published.update_with(
        &analysis,
        entry.buffer.document().rope(),
        encoding,
        &entry.last_years,
    );
    let publication = Publication { reports };
    entry.shown = Some(deferred_keys(&publication));
    Some(publication)
}

fn deferred_keys(publication: &Publication) -> HashSet<FindingKey> {
    publication
        .all()
        .filter(|(_, f)| nianbao_ide::is_deferred(f.code))
        .map(|(key, _)| key)
        .collect()
}

pub fn document_symbols(state: &mut State, uri: &Uri) -> Option<lsp::DocumentSymbolResponse> {
    let open = open(state, uri)?;
    let index = open.index();
    let symbols = outline(&open.analysis, open.entry.doc());
    Some(lsp::DocumentSymbolResponse::Nested(
        symbols
            .iter()
            .map(|s| to_proto::symbol(s, &index, open.encoding))
            .collect(),
    ))
}

pub fn folding(state: &mut State, uri: &Uri) -> Option<Vec<lsp::FoldingRange>> {
    let open = open(state, uri)?;
    let index = open.index();
    Some(
        folding_ranges(&open.analysis, open.entry.doc())
            .into_iter()
            .filter_map(|r| to_proto::folding_range(&index, r))
            .collect(),
    )
}

pub fn hover(state: &mut State, uri: &Uri, position: lsp::Position) -> Option<lsp::Hover> {
    let open = open(state, uri)?;
    let index = open.index();
    let offset = from_proto::offset_in(&index, position, open.encoding);
    let h = nianbao_ide::hover(&open.analysis, open.entry.doc(), offset)?;
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: h.markdown,
        }),
        range: Some(to_proto::range(&index, h.range, open.encoding)),
    })
}

pub fn inlay_hints(state: &mut State, uri: &Uri, range: lsp::Range) -> Option<Vec<lsp::InlayHint>> {
    let open = open(state, uri)?;
    let index = open.index();
    let start = from_proto::offset_in(&index, range.start, open.encoding);
    let end = from_proto::offset_in(&index, range.end, open.encoding);
    let all = open.settings.inlay_all_totals;
    let hints = nianbao_ide::inlay_hints(
        &open.analysis,
        nianbao_syntax::TextRange::new(start, end.max(start)),
        all,
    );
    Some(
        hints
            .into_iter()
            .map(|h| lsp::InlayHint {
                position: to_proto::position(&index, h.offset, open.encoding),
                label: lsp::InlayHintLabel::String(h.label),
                kind: None,
                text_edits: None,
                tooltip: Some(lsp::InlayHintTooltip::String(if h.mismatch {
                    "由加数算出的合计，与表中所填不同".to_string()
                } else {
                    "由加数算出的合计".to_string()
                })),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
            .collect(),
    )
}

pub fn completion(
    state: &mut State,
    uri: &Uri,
    position: lsp::Position,
    cancelled: &Cancelled,
) -> Option<lsp::CompletionResponse> {
    let open = open_for_edits(state, uri)?;
    if cancelled.is_set() {
        return None;
    }
    let index = open.index();
    let offset = from_proto::offset_in(&index, position, open.encoding);
    let items = nianbao_ide::completions(&open.analysis, open.entry.doc(), offset);
    Some(lsp::CompletionResponse::Array(
        items
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let kind = match c.kind {
                    nianbao_ide::CompletionKind::Skeleton => lsp::CompletionItemKind::SNIPPET,
                    nianbao_ide::CompletionKind::Heading => lsp::CompletionItemKind::KEYWORD,
                    nianbao_ide::CompletionKind::RowLabel => lsp::CompletionItemKind::ENUM_MEMBER,
                    nianbao_ide::CompletionKind::Sentence => lsp::CompletionItemKind::TEXT,
                };
                let edit = nianbao_checks::TextEdit {
                    range: c.range,
                    new_text: c.insert.as_str().into(),
                };
                lsp::CompletionItem {
                    label: c.label.clone(),
                    kind: Some(kind),
                    detail: Some(c.detail),
                    // The client filters by the text the edit replaces (a heading's `## `
                    // too): what is inserted begins the same way.
                    filter_text: Some(c.insert.lines().next().unwrap_or("").to_string()),
                    sort_text: Some(format!("{i:04}")),
                    insert_text_format: Some(lsp::InsertTextFormat::PLAIN_TEXT),
                    text_edit: Some(lsp::CompletionTextEdit::Edit(to_proto::text_edit(
                        &index,
                        &edit,
                        open.encoding,
                    ))),
                    ..Default::default()
                }
            })
            .collect(),
    ))
}

/// `textDocument/formatting` (`range` `None`) and `rangeFormatting`: pipe tables aligned.
pub fn formatting(
    state: &mut State,
    uri: &Uri,
    range: Option<lsp::Range>,
    cancelled: &Cancelled,
) -> Option<Vec<lsp::TextEdit>> {
    let open = open_for_edits(state, uri)?;
    let index = open.index();
    let range = range.map(|r| {
        let start = from_proto::offset_in(&index, r.start, open.encoding);
        let end = from_proto::offset_in(&index, r.end, open.encoding);
        nianbao_syntax::TextRange::new(start, end.max(start))
    });
    let edits = nianbao_ide::format_tables(open.entry.doc(), range);
    if cancelled.is_set() {
        return None;
    }
    Some(
        edits
            .iter()
            .map(|e| to_proto::text_edit(&index, e, open.encoding))
            .collect(),
    )
}

/// `nianbao/documentState`: the server's view of a document, for tests and debugging.
pub fn document_state(state: &State, uri: &Uri) -> Value {
    match state.docs.get(uri) {
        Some(entry) => json!({
            "version": entry.version,
            "text": entry.doc().text(),
            "blocks": format!("{:?}", entry.doc().blocks()),
            "diverged": entry.diverged,
        }),
        None => Value::Null,
    }
}

// ---- Last year's reports (`years`) -------------------------------------------------

/// What linking a document found.
#[derive(Debug, Default)]
pub struct Linking {
    /// Its last year's reports changed: its analysis was dropped.
    pub changed: bool,
    /// Its workspace folder (or folder) should be read first (see `years`).
    pub scan: Option<years::Scope>,
}

/// The (body, year before) of each report of an analysis that names both.
fn wanted_years(analysis: &nianbao_ide::Analysis) -> Vec<(String, u16)> {
    let mut out: Vec<(String, u16)> = analysis
        .reports()
        .iter()
        .filter_map(|r| r.body_and_year())
        .filter_map(|(body, year)| Some((body, year.checked_sub(1)?)))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// What a document's reports hand on, for its current version (computed once a version).
fn handed_of(
    doc: &mut DocState,
    uri: &Uri,
    settings: &nianbao_ide::Settings,
    encoding: Encoding,
) -> Arc<Vec<Linked>> {
    if let Some((version, linked)) = &doc.handed {
        if *version == doc.version {
            return linked.clone();
        }
    }
    let analysis = doc.analysis(settings);
    let source = years::source_of(uri);
    let handed = analysis
        .reports()
        .iter()
        .filter_map(|r| r.handed_on(source.clone()))
        .collect();
    let linked = Arc::new(Linked::of_text(handed, uri, doc.doc().rope(), encoding));
    doc.handed = Some((doc.version, linked.clone()));
    linked
}

/// Finds the reports `uri`'s reports are compared with: among the other open documents
/// first, then among the files read from its folder that are not open. When they changed,
/// the document's analysis is dropped (it is checked again with them). With `may_scan`,
/// says when the folder is due to be read first.
pub fn link_years(state: &mut State, uri: &Uri, may_scan: bool) -> Linking {
    let State {
        docs,
        settings,
        library,
        encoding,
        workspace,
        ..
    } = state;
    let Some(doc) = docs.get_mut(uri) else {
        return Linking::default();
    };
    let wanted = wanted_years(&doc.analysis(settings));
    let folder = years::Scope::of(uri, workspace);
    let mut scan = None;
    if let Some(folder) = &folder {
        if may_scan && !wanted.is_empty() && doc.scanned_for.as_ref() != Some(&wanted) {
            doc.scanned_for = Some(wanted.clone());
            scan = Some(folder.clone());
        }
    }
    let mut found: Vec<Linked> = Vec::new();
    let take = |l: &Linked, found: &mut Vec<Linked>| {
        let key = (l.handed.body.clone(), l.handed.year);
        let taken = found
            .iter()
            .any(|f| f.handed.body == key.0 && f.handed.year == key.1);
        if !taken && wanted.contains(&key) {
            found.push(l.clone());
        }
    };
    if !wanted.is_empty() {
        let mut open_paths = Vec::new();
        for (other_uri, other) in docs.iter_mut() {
            if let Some(path) = years::file_path(other_uri) {
                open_paths.push(path);
            }
            if other_uri == uri || other.diverged {
                continue;
            }
            for l in handed_of(other, other_uri, settings, *encoding).iter() {
                take(l, &mut found);
            }
        }
        if let Some(folder) = &folder {
            let mut files: Vec<(&PathBuf, &years::Cached)> = library
                .files
                .iter()
                .filter(|(p, _)| folder.holds(p) && !open_paths.contains(p))
                .collect();
            files.sort_by_key(|(p, _)| *p);
            for (_, cached) in files {
                for l in &cached.found {
                    take(l, &mut found);
                }
            }
        }
    }
    let Some(doc) = docs.get_mut(uri) else {
        return Linking::default();
    };
    let changed = doc.last_years != found;
    if changed {
        tracing::debug!(
            uri = uri.as_str(),
            linked = found.len(),
            "last year's reports"
        );
        doc.last_years = found;
        doc.analysis = None;
    }
    Linking { changed, scan }
}
