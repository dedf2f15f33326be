//! `textDocument/codeAction`: the quick fixes the findings carry (one per culprit),
//! a table's recomputed totals, and fix-all — each only for a document the server is in
//! step with.

use super::*;

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
    cancelled: &Cancelled,
) -> Option<lsp::CodeActionResponse> {
    let uri = &params.text_document.uri;
    let open = open_for_edits(state, uri)?;
    if cancelled.is_set() {
        return None;
    }
    let (analysis, encoding) = (&open.analysis, open.encoding);
    let index = open.index();
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
                .and_then(DiagnosticData::from_value)
                .filter(|data| data.version == Some(open.entry.version));
            let fix: Option<(String, Vec<lsp::TextEdit>)> = match from_data {
                Some(data) => Some((data.title.into_owned(), data.edits.into_owned())),
                // Computed for another version: take the current finding at the same place.
                None => analysis
                    .diagnostics()
                    .find(|ours| {
                        Some(lsp::NumberOrString::String(ours.code.to_string())) == d.code
                            && to_proto::range(&index, ours.range, encoding) == d.range
                    })
                    .and_then(|ours| {
                        let fix = ours.fix.as_ref()?;
                        Some((
                            fix.title.to_string(),
                            fix.edits
                                .iter()
                                .map(|e| to_proto::text_edit(&index, e, encoding))
                                .collect(),
                        ))
                    }),
            };
            // A fix is preferred (applied by "fix this" at once) only when it is safe: one
            // that trusts its addends must be chosen knowingly.
            let safe = match &d.code {
                Some(lsp::NumberOrString::String(code)) => nianbao_checks::find_check(code)
                    .is_some_and(|c| c.fix == Some(nianbao_checks::Applicability::Safe)),
                _ => false,
            };
            let Some((title, edits)) = fix else {
                continue;
            };
            // One cell that explains several findings (the culprit) is one fix, offered
            // once, for all of them.
            let same = actions.iter_mut().find_map(|a| match a {
                lsp::CodeActionOrCommand::CodeAction(a)
                    if a.title == title
                        && a.edit.as_ref().and_then(|e| e.changes.as_ref()?.get(uri))
                            == Some(&edits) =>
                {
                    Some(a)
                }
                _ => None,
            });
            if let Some(action) = same {
                action
                    .diagnostics
                    .get_or_insert_with(Vec::new)
                    .push(d.clone());
                action.is_preferred = Some(action.is_preferred == Some(true) && safe);
                continue;
            }
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title,
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(to_proto::workspace_edit(uri, edits)),
                is_preferred: Some(safe),
                ..Default::default()
            }));
        }
    }
    if analysis.checked && wanted(only, lsp::CodeActionKind::REFACTOR_REWRITE.as_str()) {
        let offset = from_proto::offset_in(&index, params.range.start, encoding);
        if let Some(action) = table_actions(analysis, offset) {
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: action.title,
                kind: Some(lsp::CodeActionKind::REFACTOR_REWRITE),
                edit: Some(to_proto::workspace_edit(
                    uri,
                    action
                        .edits
                        .iter()
                        .map(|e| to_proto::text_edit(&index, e, encoding))
                        .collect(),
                )),
                ..Default::default()
            }));
        }
    }
    // Fix-all reads and checks the report again with its edits: the long step.
    if cancelled.is_set() {
        return None;
    }
    if analysis.checked && wanted(only, FIX_ALL_KIND) {
        let edits = fix_all(analysis, open.entry.doc(), open.settings);
        if !edits.is_empty() {
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: "重新计算全部合计".to_string(),
                kind: Some(lsp::CodeActionKind::from(FIX_ALL_KIND)),
                edit: Some(to_proto::workspace_edit(
                    uri,
                    edits
                        .iter()
                        .map(|e| to_proto::text_edit(&index, e, encoding))
                        .collect(),
                )),
                ..Default::default()
            }));
        }
    }
    Some(actions)
}
