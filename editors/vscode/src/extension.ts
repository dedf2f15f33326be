// The nianbao extension: starts `nianbao lsp` for Markdown and plain-text documents and
// lets the server decide from the content which of them are 政府信息公开工作年度报告 (the
// title or first lines say 政府信息公开 … 年度报告): a report is checked whatever its file
// is called, and every other document gets nothing — no diagnostic, no outline, no fold.
// Files named like reports (年度报告, 年报) also get the language id `nianbao-report`, for
// its Chinese bracket pairs; they are sent to the server the same way.
//
// The server: `nianbao.server.path` when set; else the binary inside the extension (the
// platform .vsix carries one in `server/`); else `nianbao` on PATH.

import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import { DocumentSelector, LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

export const LANGUAGE_ID = "nianbao-report";
export const FIX_ALL_KIND = "source.fixAll.nianbao";
const INSTALL_HINT = "cargo install --locked --path crates/nianbao";

/** The settings the server reads (the rest are the extension's own). */
export const SERVER_SETTINGS = [
  "template",
  "disabledChecks",
  "severity",
  "diagnosticsDelayMs",
  "checkAllDocuments",
  "inlayHints.allTotals",
] as const;

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let missingReported = false;

/** Every Markdown and plain-text document, and those named like reports: the server decides. */
export function documentSelector(): DocumentSelector {
  const selector: { scheme: string; language: string }[] = [];
  for (const language of [LANGUAGE_ID, "markdown", "plaintext"]) {
    selector.push({ scheme: "file", language }, { scheme: "untitled", language });
  }
  return selector;
}

/** The binary a platform .vsix carries, if this one does. */
export function bundledServer(extensionPath: string): string | undefined {
  const file = path.join(extensionPath, "server", process.platform === "win32" ? "nianbao.exe" : "nianbao");
  if (!fs.existsSync(file)) {
    return undefined;
  }
  if (process.platform !== "win32") {
    // A .vsix does not always keep the executable bit.
    try {
      fs.chmodSync(file, 0o755);
    } catch {
      // Read-only installs keep the mode they have.
    }
  }
  return file;
}

/**
 * The command line: `nianbao.server.path` when set, else the bundled binary, else `nianbao`
 * on PATH; then `nianbao.server.extraArgs`, then `lsp`.
 */
export function serverCommand(config: vscode.WorkspaceConfiguration, bundled?: string): { command: string; args: string[] } {
  const command = config.get<string>("server.path") || bundled || "nianbao";
  const extra = config.get<string[]>("server.extraArgs") ?? [];
  return { command, args: [...extra.filter((a) => typeof a === "string"), "lsp"] };
}

/** The settings object sent as `initializationOptions` (the same keys the server reads). */
export function serverSettings(config: vscode.WorkspaceConfiguration): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const key of SERVER_SETTINGS) {
    settings[key] = config.get(key);
  }
  return settings;
}

function isExecutableFile(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      return false;
    }
    if (process.platform !== "win32") {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/** The executable `command` names: a path as given, or a name searched on PATH. */
export function findExecutable(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const exts = process.platform === "win32" ? ["", ".exe", ".cmd"] : [""];
  if (command.includes("/") || command.includes("\\")) {
    return exts.map((e) => command + e).find(isExecutableFile);
  }
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const found = exts.map((e) => path.join(dir, command + e)).find(isExecutableFile);
    if (found) {
      return found;
    }
  }
  return undefined;
}

export function missingMessage(command: string): string {
  return (
    `找不到 nianbao 语言服务器「${command}」。请安装带有服务器的平台版扩展（nianbao-linux-x64-*.vsix），` +
    `或在 nianbao 源码目录运行 ${INSTALL_HINT}，或在设置 nianbao.server.path 中填写 nianbao 可执行文件的完整路径。` +
    ` (nianbao language server not found: install it with \`${INSTALL_HINT}\` or set nianbao.server.path.)`
  );
}

let extensionPath = "";

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration("nianbao");
  const { command, args } = serverCommand(config, bundledServer(extensionPath));
  const resolved = findExecutable(command);
  if (!resolved) {
    // One clear notification, not a stack trace; said again only after a settings change.
    if (!missingReported) {
      missingReported = true;
      void vscode.window.showErrorMessage(missingMessage(command), "打开设置").then((choice) => {
        if (choice) {
          void vscode.commands.executeCommand("workbench.action.openSettings", "nianbao.server.path");
        }
      });
    }
    return;
  }
  // No `transport`: vscode-languageclient would append `--stdio` (which the server accepts,
  // but the command line stays as the user wrote it). The server speaks stdio only.
  const run = { command: resolved, args };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    synchronize: { configurationSection: "nianbao" },
    initializationOptions: serverSettings(config),
    outputChannel: output,
  };
  client = new LanguageClient("nianbao", "nianbao", serverOptions, clientOptions);
  await client.start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

/** 「重新计算全部合计」: applies the server's `source.fixAll.nianbao` action. */
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return;
  }
  const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    "vscode.executeCodeActionProvider",
    editor.document.uri,
    whole,
    FIX_ALL_KIND,
  );
  const action = actions?.find((a) => a.kind?.value === FIX_ALL_KIND && a.edit);
  if (!action?.edit) {
    void vscode.window.showInformationMessage("nianbao：没有需要重新计算的合计。");
    return;
  }
  await vscode.workspace.applyEdit(action.edit);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath ?? "";
  output = vscode.window.createOutputChannel("nianbao", { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("nianbao.fixAll", fixAll),
    vscode.commands.registerCommand("nianbao.restartServer", restart),
    vscode.commands.registerCommand("nianbao.showOutput", () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The server's own settings reach it through didChangeConfiguration (and it pulls
      // them); these change how it is started.
      if (e.affectsConfiguration("nianbao.server")) {
        missingReported = false;
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
