//! Settings from `initializationOptions`, `workspace/didChangeConfiguration` (the same
//! object, under the key `nianbao` in the latter) and `workspace/configuration` (the
//! `nianbao` section, pulled). Each replaces the settings: a key that is not sent has its
//! default. Unknown keys are logged and ignored; a value of the wrong type, and a check
//! code that names no check, are reported (once, by the caller) and ignored.

use nianbao_checks::Severity;
use nianbao_ide::Settings;
use nianbao_model::Format;
use serde_json::Value;

/// The settings the server reads, with their types: `package.json` of the VS Code
/// extension must declare the same (a test there keeps both in step).
pub const KEYS: [&str; 6] = [
    "template",
    "disabledChecks",
    "severity",
    "diagnosticsDelayMs",
    "checkAllDocuments",
    "inlayHints.allTotals",
];

/// Reads settings (a key that is not there has its default), returning them and, for each
/// bad value, a key to say it once by and the message.
pub fn parse(value: &Value) -> (Settings, Vec<(String, String)>) {
    let mut settings = Settings::default();
    let mut problems = Vec::new();
    let Some(object) = value.as_object() else {
        if !value.is_null() {
            problems.push(("nianbao".to_string(), "设置应为一个对象".to_string()));
        }
        return (settings, problems);
    };
    let bad = |problems: &mut Vec<(String, String)>, key: &str, why: &str| {
        problems.push((
            key.to_string(),
            format!("设置 nianbao.{key} 的值无效（{why}），已使用默认值"),
        ))
    };
    for (key, v) in object {
        match key.as_str() {
            "template" => match v.as_str() {
                Some("auto") => settings.template = None,
                Some("2019") => settings.template = Some(Format::F2019),
                Some("2021") => settings.template = Some(Format::F2021),
                _ => {
                    settings.template = None;
                    bad(&mut problems, key, "应为 \"auto\"、\"2019\" 或 \"2021\"");
                }
            },
            "disabledChecks" => match v.as_array().and_then(|a| {
                a.iter()
                    .map(|c| c.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
            }) {
                Some(codes) => {
                    for code in codes
                        .iter()
                        .filter(|c| nianbao_checks::find_check(c).is_none())
                    {
                        tracing::warn!(code, "disabledChecks names an unknown check");
                        problems.push(unknown_code("disabledChecks", code));
                    }
                    settings.disabled_checks = codes.into_iter().collect();
                }
                None => {
                    settings.disabled_checks.clear();
                    bad(&mut problems, key, "应为检查代码的列表");
                }
            },
            "severity" => {
                let parsed = v.as_object().and_then(|o| {
                    o.iter()
                        .map(|(code, s)| Some((code.clone(), Severity::parse(s.as_str()?)?)))
                        .collect::<Option<Vec<_>>>()
                });
                match parsed {
                    Some(pairs) => {
                        for (code, _) in &pairs {
                            if nianbao_checks::find_check(code).is_none() {
                                tracing::warn!(code, "severity names an unknown check");
                                problems.push(unknown_code("severity", code));
                            }
                        }
                        settings.severity = pairs.into_iter().collect();
                    }
                    None => {
                        settings.severity.clear();
                        bad(
                            &mut problems,
                            key,
                            "应为「检查代码 → \"error\"、\"warning\"、\"info\" 或 \"hint\"」的对象",
                        );
                    }
                }
            }
            "diagnosticsDelayMs" => match v.as_u64() {
                Some(ms) => settings.diagnostics_delay_ms = ms.min(10_000),
                None => {
                    settings.diagnostics_delay_ms = Settings::default().diagnostics_delay_ms;
                    bad(&mut problems, key, "应为非负整数（毫秒）");
                }
            },
            "checkAllDocuments" => match v.as_bool() {
                Some(b) => settings.check_all_documents = b,
                None => {
                    settings.check_all_documents = false;
                    bad(&mut problems, key, "应为 true 或 false");
                }
            },
            "inlayHints.allTotals" => match v.as_bool() {
                Some(b) => settings.inlay_all_totals = b,
                None => bad(&mut problems, key, "应为 true 或 false"),
            },
            // VS Code sends dotted keys as nested objects.
            "inlayHints" => match v.get("allTotals").map(Value::as_bool) {
                Some(Some(b)) => settings.inlay_all_totals = b,
                Some(None) => bad(&mut problems, "inlayHints.allTotals", "应为 true 或 false"),
                None => {}
            },
            other => tracing::info!(key = other, "ignoring unknown setting"),
        }
    }
    (settings, problems)
}

/// The message for a check code in `key` that names no check.
fn unknown_code(key: &str, code: &str) -> (String, String) {
    (
        format!("{key}:{code}"),
        format!("设置 nianbao.{key} 中的「{code}」不是检查代码（见 docs/checks.md），已忽略"),
    )
}

/// The settings object inside a `didChangeConfiguration` payload: under `nianbao`, or the
/// payload itself when a client sends the section alone.
pub fn section(settings: &Value) -> &Value {
    settings.get("nianbao").unwrap_or(settings)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_every_key_and_reports_bad_values() {
        let (s, problems) = parse(
            &json!({"template": "2019", "disabledChecks": ["missing-part"], "severity": {"unfilled-cell": "error"},
                    "diagnosticsDelayMs": 0, "checkAllDocuments": true, "colour": "red"}),
        );
        assert!(problems.is_empty());
        assert_eq!(s.template, Some(Format::F2019));
        assert!(s.disabled_checks.contains("missing-part"));
        assert_eq!(s.severity.get("unfilled-cell"), Some(&Severity::Error));
        assert_eq!((s.diagnostics_delay_ms, s.check_all_documents), (0, true));
        assert!(
            parse(&json!({"inlayHints": {"allTotals": true}}))
                .0
                .inlay_all_totals
        );
        assert!(
            parse(&json!({"inlayHints.allTotals": true}))
                .0
                .inlay_all_totals
        );
        let (s, problems) = parse(&json!({"template": 2021, "diagnosticsDelayMs": "fast"}));
        assert_eq!(problems.len(), 2);
        assert_eq!((s.template, s.diagnostics_delay_ms), (None, 300));
        let (s, problems) = parse(&json!({"disabledChecks": ["no-such-check", "missing-part"],
                                          "severity": {"nor-this": "info"}}));
        assert_eq!(
            problems.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            ["disabledChecks:no-such-check", "severity:nor-this"]
        );
        assert!(s.disabled_checks.contains("missing-part"));
        // Settings are replaced, not merged: what is not sent has its default.
        assert_eq!(
            parse(&json!({"template": "2019"})).0.diagnostics_delay_ms,
            300
        );
        assert_eq!(parse(&Value::Null).0, Settings::default());
    }
}
