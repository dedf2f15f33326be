// The real `nianbao lsp` driven with vscode-languageserver-protocol, the JSON-RPC library
// vscode-languageclient itself uses: open a seed report, receive its diagnostics, hover on
// a wrong total, read the inlay hints, run the quick fix, apply its edit, see the
// diagnostics go away, insert the table 三 skeleton by completion, shut down and exit.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert");
const cp = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const proto = require("vscode-languageserver-protocol/node");

const repo = path.join(__dirname, "..", "..", "..");
const binary = process.env.NIANBAO_BIN || path.join(repo, "target", "debug", process.platform === "win32" ? "nianbao.exe" : "nianbao");
const seed = path.join(repo, "tests", "fixtures", "seeds", "004_2a4738e891b759f6.txt");

function offsetAt(text, { line, character }) {
  const lines = text.split("\n");
  let offset = 0;
  for (let i = 0; i < line; i++) offset += lines[i].length + 1;
  return offset + character; // the seed has no astral characters: UTF-16 units are JS units
}

function applyEdits(text, edits) {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  for (const e of sorted) {
    text = text.slice(0, offsetAt(text, e.range.start)) + e.newText + text.slice(offsetAt(text, e.range.end));
  }
  return text;
}

test("diagnostics, quick fix, and a clean exit over stdio", async () => {
  assert.ok(fs.existsSync(binary), `build the server first (cargo build): ${binary}`);
  const child = cp.spawn(binary, ["lsp"], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  const connection = proto.createProtocolConnection(new proto.StreamMessageReader(child.stdout), new proto.StreamMessageWriter(child.stdin));
  const published = [];
  const waiters = [];
  connection.onNotification(proto.PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    for (const w of [...waiters]) if (w.pred(params)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(params); }
  });
  const diagnosticsFor = (version) =>
    new Promise((resolve, reject) => {
      const found = published.find((p) => p.version === version);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version}`)), 20000);
      waiters.push({ pred: (p) => p.version === version, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  connection.listen();

  const init = await connection.sendRequest(proto.InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { general: { positionEncodings: ["utf-16"] } },
    initializationOptions: { diagnosticsDelayMs: 0 },
  });
  assert.strictEqual(init.capabilities.positionEncoding, "utf-16");
  await connection.sendNotification(proto.InitializedNotification.type, {});

  const uri = pathToFileURL(path.join(repo, "泉港区2020年度报告.txt")).href;
  let text = fs.readFileSync(seed, "utf8");
  await connection.sendNotification(proto.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "nianbao-report", version: 1, text },
  });
  const first = await diagnosticsFor(1);
  const row = first.diagnostics.find((d) => d.code === "row-total-mismatch");
  assert.ok(row, "T3-ROW diagnostic");
  assert.deepStrictEqual(row.range, { start: { line: 77, character: 28 }, end: { line: 77, character: 29 } });
  assert.match(row.message, /「4\.保护第三方合法权益」行「总计」应为 2/);

  // Hover on that cell: its equations written out, 2 computed against 0 stated.
  assert.ok(init.capabilities.hoverProvider, "hover offered");
  const hover = await connection.sendRequest(proto.HoverRequest.type, { textDocument: { uri }, position: row.range.start });
  assert.strictEqual(hover.contents.kind, "markdown");
  assert.match(hover.contents.value, /自然人 2 \+ 商业企业 0 \+ 科研机构 0 \+ 社会公益组织 0 \+ 法律服务机构 0 \+ 其他 0 = \*\*2\*\*，表中为 \*\*0\*\* ✗/);
  // Inlay hints beside the two wrong totals.
  const hints = await connection.sendRequest(proto.InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } });
  assert.deepStrictEqual(hints.map((h) => h.label), ["= 2", "= 53"]);

  const actions = await connection.sendRequest(proto.CodeActionRequest.type, {
    textDocument: { uri },
    range: row.range,
    context: { diagnostics: [row] },
  });
  const fix = actions.find((a) => a.kind === "quickfix");
  // One cell explains this row total and the 自然人 column total: the fix changes it.
  assert.strictEqual(fix.title, "将「4.保护第三方合法权益」「自然人」由 2 改为 0");
  const edits = fix.edit.changes[uri];
  text = applyEdits(text, edits);
  assert.match(text, /4\. 保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0\t/);
  await connection.sendNotification(proto.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
  });
  const second = await diagnosticsFor(2);
  assert.ok(!second.diagnostics.some((d) => d.code === "row-total-mismatch"), "the T3-ROW diagnostic is gone");
  assert.ok(!second.diagnostics.some((d) => d.code === "column-total-mismatch"), "the T3-SUM diagnostic is gone");

  // A report whose part 三 has no table: completion on its empty line inserts the
  // official skeleton (2021 format), after which no table-三 row is missing or unknown.
  const other = pathToFileURL(path.join(repo, "某局2022年度报告.md")).href;
  let report = "# 某局2022年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n\n## 三、收到和处理政府信息公开申请情况\n\n\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n无。\n";
  await connection.sendNotification(proto.DidOpenTextDocumentNotification.type, {
    textDocument: { uri: other, languageId: "nianbao-report", version: 1, text: report },
  });
  const line = report.split("\n").findIndex((l) => l.startsWith("## 三")) + 2;
  const items = await connection.sendRequest(proto.CompletionRequest.type, { textDocument: { uri: other }, position: { line, character: 0 } });
  const skeleton = (Array.isArray(items) ? items : items.items).find((i) => i.label === "插入表三（2021 年版）");
  assert.ok(skeleton, "the table 三 skeleton is offered");
  report = applyEdits(report, [skeleton.textEdit]);
  assert.match(report, /\| （七）总计 \|/);
  await connection.sendNotification(proto.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: other, version: 2 },
    contentChanges: [{ text: report }],
  });
  const filled = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no diagnostics for the skeleton")), 20000);
    const check = () => {
      const p = published.find((x) => x.uri === other && x.version === 2);
      if (p) { clearTimeout(timer); resolve(p); } else setTimeout(check, 50);
    };
    check();
  });
  for (const code of ["missing-row", "unknown-row", "wrong-cell-count"]) {
    assert.ok(!filled.diagnostics.some((d) => d.code === code), `${code} after the skeleton`);
  }

  await connection.sendRequest(proto.ShutdownRequest.type);
  await connection.sendNotification(proto.ExitNotification.type);
  assert.strictEqual(await exited, 0);
  connection.dispose();
});
