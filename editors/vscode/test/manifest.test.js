// The packaged .vsix: its manifest declares what the extension needs, and `main` points at
// a file inside the package.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const yauzl = require("yauzl");

const root = path.join(__dirname, "..");

function readZip(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const entries = new Map();
      zip.on("entry", (entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const chunks = [];
          stream.on("data", (c) => chunks.push(c));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.readEntry();
    });
  });
}

test("the .vsix manifest declares activation, settings, commands and a main inside it", async () => {
  const vsix = fs.readdirSync(root).find((f) => /^nianbao-.*\.vsix$/.test(f));
  assert.ok(vsix, "run `npm run package` first");
  const entries = await readZip(path.join(root, vsix));
  const manifest = JSON.parse(entries.get("extension/package.json").toString("utf8"));

  assert.deepStrictEqual(manifest.activationEvents, ["onLanguage:nianbao-report"]);
  const language = manifest.contributes.languages.find((l) => l.id === "nianbao-report");
  assert.ok(language.filenamePatterns.includes("*年度报告*.md"));
  assert.ok(!language.extensions, "must not claim .md or .txt");

  const settings = Object.keys(manifest.contributes.configuration.properties).sort();
  assert.deepStrictEqual(settings, [
    "nianbao.checkAllDocuments",
    "nianbao.diagnosticsDelayMs",
    "nianbao.disabledChecks",
    "nianbao.server.extraArgs",
    "nianbao.server.path",
    "nianbao.severity",
    "nianbao.template",
    "nianbao.trace.server",
  ]);
  const commands = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepStrictEqual(commands, ["nianbao.fixAll", "nianbao.restartServer", "nianbao.showOutput"]);
  assert.strictEqual(manifest.contributes.commands.find((c) => c.command === "nianbao.fixAll").title, "重新计算全部合计");

  const main = path.posix.join("extension", manifest.main.replace(/^\.\//, ""));
  assert.ok(entries.has(main), `${main} is in the package`);
  assert.ok(entries.has("extension/node_modules/vscode-languageclient/package.json"), "the language client ships with it");
  assert.ok(entries.has("extension/language-configuration.json"));
  const pairs = JSON.parse(entries.get("extension/language-configuration.json").toString("utf8")).autoClosingPairs.map((p) => p.open + p.close);
  for (const pair of ["（）", "《》", "“”", "【】", "「」"]) {
    assert.ok(pairs.includes(pair), pair);
  }
  assert.ok(!Array.from(entries.keys()).some((k) => k.startsWith("extension/src/") || k.includes("node_modules/typescript/")));
});
