// Activation with `vscode` and `vscode-languageclient/node` stubbed: the document selector,
// the server command line built from the settings, the commands, and the one clear message
// when the binary is missing.
"use strict";
const { test, beforeEach } = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const Module = require("node:module");

let calls;
let settings;

function makeVscode() {
  const disposable = { dispose() {} };
  return {
    window: {
      createOutputChannel: (name, opts) => ({ name, opts, show() {}, dispose() {} }),
      showErrorMessage: (message, ...items) => {
        calls.errors.push({ message, items });
        return Promise.resolve(undefined);
      },
      showInformationMessage: (message) => {
        calls.infos.push(message);
        return Promise.resolve(undefined);
      },
      activeTextEditor: undefined,
    },
    commands: {
      registerCommand: (id, fn) => {
        calls.commands.set(id, fn);
        return disposable;
      },
      executeCommand: (...args) => {
        calls.executed.push(args);
        return Promise.resolve(undefined);
      },
    },
    workspace: {
      getConfiguration: (section) => {
        assert.strictEqual(section, "nianbao");
        return { get: (key) => settings[key] };
      },
      onDidChangeConfiguration: () => disposable,
      applyEdit: () => Promise.resolve(true),
    },
    Range: class {},
  };
}

const languageclient = {
  TransportKind: { stdio: 0 },
  LanguageClient: class {
    constructor(id, name, serverOptions, clientOptions) {
      calls.clients.push({ id, name, serverOptions, clientOptions });
    }
    start() {
      return Promise.resolve();
    }
    stop() {
      return Promise.resolve();
    }
  },
};

const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "vscode") return makeVscode();
  if (request === "vscode-languageclient/node") return languageclient;
  return originalLoad.call(this, request, parent, isMain);
};

function freshExtension() {
  const file = require.resolve("../out/extension.js");
  delete require.cache[file];
  return require(file);
}

function fakeServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-ext-"));
  const bin = path.join(dir, "nianbao");
  fs.writeFileSync(bin, "#!/bin/sh\nexit 0\n");
  fs.chmodSync(bin, 0o755);
  return bin;
}

beforeEach(() => {
  calls = { errors: [], infos: [], commands: new Map(), executed: [], clients: [] };
  settings = {
    "server.path": "",
    "server.extraArgs": [],
    template: "auto",
    disabledChecks: [],
    severity: {},
    diagnosticsDelayMs: 300,
    checkAllDocuments: false,
    "inlayHints.allTotals": false,
  };
});

test("starts `nianbao [extraArgs] lsp` for Markdown and plain text, the server deciding", async () => {
  settings["server.path"] = fakeServer();
  settings["server.extraArgs"] = ["--verbose"];
  settings.template = "2021";
  const ext = freshExtension();
  await ext.activate({ subscriptions: [] });
  assert.strictEqual(calls.clients.length, 1);
  const { serverOptions, clientOptions } = calls.clients[0];
  assert.strictEqual(serverOptions.run.command, settings["server.path"]);
  assert.deepStrictEqual(serverOptions.run.args, ["--verbose", "lsp"]);
  const languages = clientOptions.documentSelector.map((s) => `${s.scheme}:${s.language}`).sort();
  assert.deepStrictEqual(languages, [
    "file:markdown", "file:nianbao-report", "file:plaintext",
    "untitled:markdown", "untitled:nianbao-report", "untitled:plaintext",
  ]);
  assert.strictEqual(clientOptions.synchronize.configurationSection, "nianbao");
  assert.deepStrictEqual(clientOptions.initializationOptions, {
    template: "2021",
    disabledChecks: [],
    severity: {},
    diagnosticsDelayMs: 300,
    checkAllDocuments: false,
    "inlayHints.allTotals": false,
  });
  assert.deepStrictEqual([...calls.commands.keys()].sort(), ["nianbao.fixAll", "nianbao.restartServer", "nianbao.showOutput"]);
  assert.strictEqual(calls.errors.length, 0);
});

test("without nianbao.server.path the bundled server is used, else nianbao on PATH", async () => {
  const extensionPath = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-extpath-"));
  const savedPath = process.env.PATH;
  process.env.PATH = "/nonexistent";
  let ext = freshExtension();
  try {
    await ext.activate({ subscriptions: [], extensionPath });
  } finally {
    process.env.PATH = savedPath;
  }
  // No bundled binary and none on this PATH: the one clear message names `nianbao`.
  assert.strictEqual(calls.clients.length, 0);
  assert.match(calls.errors[0].message, /「nianbao」/);
  fs.mkdirSync(path.join(extensionPath, "server"));
  const bundled = path.join(extensionPath, "server", "nianbao");
  fs.copyFileSync(fakeServer(), bundled);
  fs.chmodSync(bundled, 0o644); // as a .vsix may leave it
  ext = freshExtension();
  await ext.activate({ subscriptions: [], extensionPath });
  assert.strictEqual(calls.clients.length, 1);
  assert.strictEqual(calls.clients[0].serverOptions.run.command, bundled);
  assert.ok(fs.statSync(bundled).mode & 0o100, "made executable");
  // A path in the settings wins over the bundled binary.
  settings["server.path"] = fakeServer();
  assert.strictEqual(ext.serverCommand({ get: (k) => settings[k] }, bundled).command, settings["server.path"]);
});

test("finds the server on PATH", () => {
  const bin = fakeServer();
  const ext = freshExtension();
  assert.strictEqual(ext.findExecutable("nianbao", { PATH: `/nonexistent${path.delimiter}${path.dirname(bin)}` }), bin);
  assert.strictEqual(ext.findExecutable("nianbao", { PATH: "/nonexistent" }), undefined);
});

test("a missing binary gives one clear message with the install command", async () => {
  settings["server.path"] = "/nonexistent/bin/nianbao";
  const ext = freshExtension();
  await ext.activate({ subscriptions: [] });
  assert.strictEqual(calls.clients.length, 0, "no client started");
  assert.strictEqual(calls.errors.length, 1);
  assert.match(calls.errors[0].message, /找不到 nianbao 语言服务器/);
  assert.match(calls.errors[0].message, /cargo install --locked --path crates\/nianbao/);
  assert.match(calls.errors[0].message, /nianbao\.server\.path/);
  // A restart without a settings change does not say it again.
  await calls.commands.get("nianbao.restartServer")();
  assert.strictEqual(calls.errors.length, 1);
});
