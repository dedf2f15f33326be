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
    "server.path": "nianbao",
    "server.extraArgs": [],
    template: "auto",
    disabledChecks: [],
    severity: {},
    diagnosticsDelayMs: 300,
    checkAllDocuments: false,
  };
});

test("starts `nianbao [extraArgs] lsp` for report documents only", async () => {
  settings["server.path"] = fakeServer();
  settings["server.extraArgs"] = ["--verbose"];
  settings.template = "2021";
  const ext = freshExtension();
  await ext.activate({ subscriptions: [] });
  assert.strictEqual(calls.clients.length, 1);
  const { serverOptions, clientOptions } = calls.clients[0];
  assert.strictEqual(serverOptions.run.command, settings["server.path"]);
  assert.deepStrictEqual(serverOptions.run.args, ["--verbose", "lsp"]);
  assert.deepStrictEqual(clientOptions.documentSelector, [{ language: "nianbao-report" }]);
  assert.strictEqual(clientOptions.synchronize.configurationSection, "nianbao");
  assert.deepStrictEqual(clientOptions.initializationOptions, {
    template: "2021",
    disabledChecks: [],
    severity: {},
    diagnosticsDelayMs: 300,
    checkAllDocuments: false,
  });
  assert.deepStrictEqual([...calls.commands.keys()].sort(), ["nianbao.fixAll", "nianbao.restartServer", "nianbao.showOutput"]);
  assert.strictEqual(calls.errors.length, 0);
});

test("checkAllDocuments adds Markdown and plain text to the selector", async () => {
  settings["server.path"] = fakeServer();
  settings.checkAllDocuments = true;
  const ext = freshExtension();
  await ext.activate({ subscriptions: [] });
  const languages = calls.clients[0].clientOptions.documentSelector.map((s) => s.language);
  assert.deepStrictEqual([...new Set(languages)].sort(), ["markdown", "nianbao-report", "plaintext"]);
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
