//! One source of truth for settings: every setting the server reads is declared by the VS
//! Code extension's `package.json` with the same default, and the extension declares no
//! server setting the server does not read (its own `server.*` and `trace.server` aside).

use std::collections::BTreeSet;

#[test]
fn package_json_declares_exactly_the_server_settings() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../editors/vscode/package.json");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("package.json")).expect("JSON");
    let properties = manifest["contributes"]["configuration"]["properties"]
        .as_object()
        .expect("properties");
    let client_only = ["server.path", "server.extraArgs", "trace.server"];
    let declared: BTreeSet<&str> = properties
        .keys()
        .filter_map(|k| k.strip_prefix("nianbao."))
        .filter(|k| !client_only.contains(k))
        .collect();
    let read: BTreeSet<&str> = nianbao_lsp::SETTINGS_KEYS.iter().copied().collect();
    assert_eq!(declared, read);

    let defaults = nianbao_ide::Settings::default();
    let default = |key: &str| &properties[&format!("nianbao.{key}")]["default"];
    assert_eq!(default("template"), "auto");
    assert_eq!(
        default("diagnosticsDelayMs").as_u64(),
        Some(defaults.diagnostics_delay_ms)
    );
    assert_eq!(
        default("checkAllDocuments").as_bool(),
        Some(defaults.check_all_documents)
    );
    assert_eq!(default("disabledChecks").as_array().map(Vec::len), Some(0));
    assert_eq!(default("severity").as_object().map(|o| o.len()), Some(0));
    // Every check code can be named in `severity`.
    let levels = &properties["nianbao.severity"]["additionalProperties"]["enum"];
    assert_eq!(
        levels,
        &serde_json::json!(["error", "warning", "info", "hint"])
    );
}
