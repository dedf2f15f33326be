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

function vsixes() {
  const files = fs.readdirSync(root).filter((f) => f.endsWith(".vsix"));
  const plain = files.find((f) => /^nianbao-\d[\d.]*\.vsix$/.test(f));
  const platform = files.find((f) => /^nianbao-linux-x64-.*\.vsix$/.test(f));
  assert.ok(plain, "run `npm run package` first");
  assert.ok(platform, "run `npm run package:platform` first");
  return { plain: path.join(root, plain), platform: path.join(root, platform) };
}

test("the .vsix manifest declares activation, settings, commands and a main inside it", async () => {
  const entries = await readZip(vsixes().plain);
  const manifest = JSON.parse(entries.get("extension/package.json").toString("utf8"));

  // Markdown and plain text start the server, which decides from the content.
  assert.deepStrictEqual(manifest.activationEvents, ["onLanguage:nianbao-report", "onLanguage:markdown", "onLanguage:plaintext"]);
  const language = manifest.contributes.languages.find((l) => l.id === "nianbao-report");
  assert.ok(language.filenamePatterns.includes("*年度报告*.md"));
  assert.ok(!language.extensions, "must not claim .md or .txt");
  assert.strictEqual(manifest.repository.url, "https://github.com/nianbao-dev/nianbao");
  assert.strictEqual(manifest.contributes.configuration.properties["nianbao.server.path"].default, "");

  const settings = Object.keys(manifest.contributes.configuration.properties).sort();
  assert.deepStrictEqual(settings, [
    "nianbao.checkAllDocuments",
    "nianbao.diagnosticsDelayMs",
    "nianbao.disabledChecks",
    "nianbao.inlayHints.allTotals",
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
  for (const dependency of ["vscode-languageclient", "vscode-languageserver-protocol", "vscode-jsonrpc"]) {
    assert.ok(entries.has(`extension/node_modules/${dependency}/package.json`), `${dependency} ships with it`);
  }
  assert.ok(entries.has("extension/language-configuration.json"));
  const pairs = JSON.parse(entries.get("extension/language-configuration.json").toString("utf8")).autoClosingPairs.map((p) => p.open + p.close);
  for (const pair of ["（）", "《》", "“”", "【】", "「」"]) {
    assert.ok(pairs.includes(pair), pair);
  }
  const names = Array.from(entries.keys());
  for (const left of ["extension/src/", "extension/test/", "extension/test-e2e/", "extension/scripts/", "extension/server/", "node_modules/typescript/"]) {
    assert.ok(!names.some((k) => k.includes(left)), `${left} is not packed`);
  }
});

test("the platform .vsix carries the server binary, executable, and nothing of the tests", async () => {
  const { platform } = vsixes();
  const entries = await readZip(platform);
  const binary = entries.get("extension/server/nianbao");
  assert.ok(binary && binary.length > 1000, "server/nianbao is in the package");
  assert.strictEqual(binary.subarray(1, 4).toString(), "ELF");
  const manifest = JSON.parse(entries.get("extension/package.json").toString("utf8"));
  assert.strictEqual(manifest.main, "./out/extension.js");
  const names = Array.from(entries.keys());
  assert.ok(!names.some((k) => k.includes("extension/test-e2e/") || k.includes("extension/test/")));
  const vsixManifest = entries.get("extension.vsixmanifest").toString("utf8");
  assert.match(vsixManifest, /TargetPlatform="linux-x64"/);
});

// Section names of an ELF64 little-endian file, from its section header table.
function elfSections(elf) {
  const shoff = Number(elf.readBigUInt64LE(0x28));
  const shentsize = elf.readUInt16LE(0x3a);
  const shnum = elf.readUInt16LE(0x3c);
  const shstrndx = elf.readUInt16LE(0x3e);
  const header = (i) => shoff + i * shentsize;
  const strtab = Number(elf.readBigUInt64LE(header(shstrndx) + 0x18));
  const names = [];
  for (let i = 0; i < shnum; i++) {
    const at = strtab + elf.readUInt32LE(header(i));
    names.push(elf.subarray(at, elf.indexOf(0, at)).toString());
  }
  return names;
}

test("the platform .vsix carries the binary users build: release, stripped, a few MB", async () => {
  const { platform } = vsixes();
  const size = fs.statSync(platform).size;
  assert.ok(size < 12 * 1024 * 1024, `the platform .vsix is ${(size / 1048576).toFixed(1)} MB`);
  const entries = await readZip(platform);
  const sections = elfSections(entries.get("extension/server/nianbao"));
  assert.ok(!sections.some((s) => s.startsWith(".debug_")), `debug info packed: ${sections}`);
  assert.ok(!sections.includes(".symtab"), "the binary is not stripped");
});
