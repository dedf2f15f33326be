// End to end in a real VS Code: the packaged .vsix installed into a fresh code-server
// (VS Code 1.100 for the browser), driven by headless Chromium through playwright-core.
// Needs `scripts/e2e-install.sh` first (`npm run test:e2e` does both). Screenshots of each
// step go to e2e-artifacts/.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert");
const cp = require("node:child_process");
const fs = require("node:fs");
const net = require("node:net");
const os = require("node:os");
const path = require("node:path");

const ext = path.join(__dirname, "..");
const repo = path.join(ext, "..", "..");
const E2E_HOME = process.env.NIANBAO_E2E_HOME || path.join(os.homedir(), ".cache", "nianbao-e2e");
const codeServer = path.join(E2E_HOME, "code-server", "node_modules", ".bin", "code-server");
const artifacts = path.join(ext, "e2e-artifacts");
// The bundled sample under its own name: nothing in it says "report" but its content.
const REPORT = "004_2a4738e891b759f6.txt";
const SKELETON = "某局2022年度报告.md";
const SIX = [
  "一、总体情况",
  "二、主动公开政府信息情况",
  "三、收到和处理政府信息公开申请情况",
  "四、政府信息公开行政复议、行政诉讼情况",
  "五、存在的主要问题及改进情况",
  "六、其他需要报告的事项",
];
const ROW_MESSAGE = "「4.保护第三方合法权益」行「总计」应为 2";

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

function findFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? findFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

async function until(what, fn, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what} (last: ${last})`);
}

/** PATH without any folder that holds a `nianbao`: the extension must use its own. */
function pathWithoutNianbao() {
  return (process.env.PATH || "")
    .split(path.delimiter)
    .filter((dir) => dir && !fs.existsSync(path.join(dir, "nianbao")))
    .join(path.delimiter);
}

test("the platform .vsix in code-server, no nianbao on PATH: squiggle, hover, Problems, Outline, quick fix, fix-all, table skeleton by completion, notes.md untouched", { timeout: 300000 }, async () => {
  assert.ok(fs.existsSync(codeServer), `run scripts/e2e-install.sh first (${codeServer})`);
  const vsix = fs.readdirSync(ext).find((f) => /^nianbao-linux-x64-.*\.vsix$/.test(f));
  assert.ok(vsix, "run `npm run package:platform` first");
  const { chromium } = require(path.join(E2E_HOME, "code-server", "node_modules", "playwright-core"));

  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-e2e-"));
  const userData = path.join(work, "user-data");
  const extensions = path.join(work, "extensions");
  const folder = path.join(work, "workspace");
  const profile = path.join(work, "chromium");
  fs.mkdirSync(path.join(userData, "User"), { recursive: true });
  fs.mkdirSync(folder);
  fs.copyFileSync(path.join(repo, "tests", "fixtures", "seeds", "004_2a4738e891b759f6.txt"), path.join(folder, REPORT));
  fs.writeFileSync(path.join(folder, "notes.md"), "# 会议纪要\n\n一、总体情况\n\n今天讨论了表格，总计 3 件。\n");
  // A report whose part 三 (line 7 empty) has no table: completion inserts the skeleton.
  fs.writeFileSync(
    path.join(folder, SKELETON),
    "# 某局2022年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n\n## 三、收到和处理政府信息公开申请情况\n\n\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n无。\n",
  );
  fs.writeFileSync(
    path.join(userData, "User", "settings.json"),
    JSON.stringify({
      "workbench.startupEditor": "none",
      "security.workspace.trust.enabled": false,
      "telemetry.telemetryLevel": "off",
      "update.mode": "none",
      "extensions.autoUpdate": false,
      "extensions.autoCheckUpdates": false,
      "workbench.tips.enabled": false,
      "editor.minimap.enabled": false,
      "window.restoreWindows": "none",
    }),
  );
  const install = cp.spawnSync(codeServer, ["--install-extension", path.join(ext, vsix), "--extensions-dir", extensions, "--user-data-dir", userData], { encoding: "utf8" });
  assert.strictEqual(install.status, 0, install.stdout + install.stderr);

  const port = await freePort();
  const log = fs.openSync(path.join(artifacts, "code-server.log"), "w");
  const server = cp.spawn(
    codeServer,
    ["--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--user-data-dir", userData, "--extensions-dir", extensions,
      "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override", folder],
    { detached: true, stdio: ["ignore", log, log], env: { ...process.env, PATH: pathWithoutNianbao() } },
  );
  let browser;
  let page;
  let step = 0;
  try {
    await until("code-server /healthz", async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok);
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: "/usr/bin/chromium",
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    });
    page = browser.pages()[0] || (await browser.newPage());
    const shot = async (name) => page.screenshot({ path: path.join(artifacts, `${String(++step).padStart(2, "0")}-${name}.png`) });
    const quickInput = ".quick-input-widget .quick-input-box input";
    const palette = async (prefixAndText) => {
      await page.keyboard.press("Control+P");
      await page.waitForSelector(quickInput, { state: "visible" });
      await page.fill(quickInput, prefixAndText);
    };
    const command = async (title) => {
      await palette(`>${title}`);
      await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${title.replace(/"/g, '\\"')}")`, { timeout: 30000 });
      await page.keyboard.press("Enter");
    };
    const openFile = async (name) => {
      await palette(name);
      await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${name}")`, { timeout: 30000 });
      await page.keyboard.press("Enter");
      await page.waitForSelector(`.tab.active:has-text("${name}")`, { timeout: 30000 });
    };
    const gotoLine = async (line, column) => {
      await palette(`:${line}:${column}`);
      await page.keyboard.press("Enter");
    };
    const problemsText = async () => (await page.locator(".markers-panel").innerText().catch(() => "")) || "";

    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector(".monaco-workbench", { timeout: 60000 });
    await page.waitForSelector(`.explorer-folders-view .monaco-list-row:has-text("${REPORT}")`, { timeout: 60000 });
    await openFile(REPORT);
    // The two errors of seed 004 are further down: wait for them in the status bar.
    await until("2 errors in the status bar", async () => /^\D*2\b/.test(await page.locator('[id="status.problems"]').innerText()));
    await shot("report-open");

    // The red squiggle sits on the 总计 cell of 「4.保护第三方合法权益」 (line 78, column 29).
    await gotoLine(78, 29);
    const onCell = await until("a squiggle on the cursor's cell", () =>
      page.evaluate(() => {
        const cursor = document.querySelector(".editor-instance .monaco-editor .cursor");
        if (!cursor) return false;
        const c = cursor.getBoundingClientRect();
        return [...document.querySelectorAll(".editor-instance .monaco-editor .squiggly-error")].some((s) => {
          const r = s.getBoundingClientRect();
          return Math.abs(r.top - c.top) < c.height && r.left - 1 <= c.left && c.left <= r.right + 1;
        });
      }),
    );
    assert.ok(onCell);
    await page.keyboard.press("Control+K");
    await page.keyboard.press("Control+I");
    const hover = await page.waitForSelector(`.monaco-hover:has-text("${ROW_MESSAGE}")`, { timeout: 30000 });
    assert.ok(hover);
    // The server's hover: the row's equation written out, 2 computed against 0 stated.
    await page.waitForSelector('.monaco-hover:has-text("表中为 0 ✗")', { timeout: 30000 });
    await shot("hover");
    await page.keyboard.press("Escape");

    await page.keyboard.press("Control+Shift+M");
    await until("the message in the Problems panel", async () => (await problemsText()).includes(ROW_MESSAGE));
    await shot("problems");

    await command("Explorer: Focus on Outline View");
    // The tree is virtualised: give it room (fold the folder view, collapse every part).
    await page.locator(".pane-header", { hasText: "workspace" }).first().click();
    const outlineHeader = page.locator(".pane-header", { hasText: "outline" }).first();
    await outlineHeader.hover();
    await outlineHeader.locator(".codicon-collapse-all").first().click().catch(() => {});
    const outline = await until("six parts in the Outline", async () => {
      const text = await page.locator(".outline-pane").innerText().catch(() => "");
      return SIX.every((p) => text.includes(p)) ? text : false;
    });
    const order = SIX.map((p) => outline.indexOf(p));
    assert.deepStrictEqual([...order].sort((a, b) => a - b), order, "parts in order");
    await shot("outline");

    // Quick fix with Ctrl+. on the cell.
    await page.click(".editor-instance .monaco-editor .view-lines");
    await gotoLine(78, 29);
    await page.keyboard.press("Control+.");
    await page.waitForSelector('.action-widget .monaco-list-row.focused:has-text("将「4.保护第三方合法权益」「自然人」由 2 改为 0")', { timeout: 30000 });
    await shot("quick-fix-menu");
    await page.keyboard.press("Enter");
    const fixedLine = await until("the row reads 0 … 0", () =>
      page.evaluate(() => {
        const line = [...document.querySelectorAll(".editor-instance .monaco-editor .view-line")].map((l) => l.textContent.replace(/\s+/g, " ").trim()).find((t) => t.includes("保护第三方合法权益"));
        return line && /保护第三方合法权益 0 0 0 0 0 0 0$/.test(line) ? line : false;
      }),
    );
    assert.ok(fixedLine);
    await until("the row's error gone from Problems", async () => !(await problemsText()).includes(ROW_MESSAGE), 30000);
    // The one cell explained the column's total too: its error goes with it.
    await until("the column's error gone from Problems", async () => !(await problemsText()).includes("「（七）总计」行「自然人」列应为 53"), 30000);
    await shot("after-quick-fix");

    // Fix-all: every total now holds, so it changes nothing and says so.
    await command("nianbao: 重新计算全部合计");
    await page.waitForSelector('.notifications-toasts:has-text("没有需要重新计算的合计")', { timeout: 30000 });
    await shot("after-fix-all");

    // Completion on the empty line of a part 三 without table: the official skeleton.
    await openFile(SKELETON);
    // The server has read it once its findings are in Problems.
    await until("the skeleton report's findings", async () => (await problemsText()).includes("报告中找不到表三"));
    await gotoLine(9, 1);
    // Ctrl+Space right after the quick-open closes may reach no editor: ask again until
    // the suggestions show.
    const skeletonRow = '.suggest-widget .monaco-list-row:has-text("插入表三（2021 年版）")';
    await until("the table 三 skeleton among the suggestions", async () => {
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+Space");
      return page.waitForSelector(skeletonRow, { timeout: 3000 }).then(() => true).catch(() => false);
    });
    await shot("skeleton-completion");
    await page.keyboard.press("Enter");
    await until("the skeleton's （七）总计 row in the editor", () =>
      page.evaluate(() => [...document.querySelectorAll(".editor-instance .monaco-editor .view-line")].some((l) => l.textContent.includes("（七）总计"))),
    );
    await shot("skeleton-inserted");

    // A plain notes.md gets nothing.
    await openFile("notes.md");
    await new Promise((r) => setTimeout(r, 3000));
    const squiggles = await page.locator(".editor-instance .monaco-editor .squiggly-error, .editor-instance .monaco-editor .squiggly-warning").count();
    assert.strictEqual(squiggles, 0, "no diagnostics in notes.md");
    assert.ok(!(await problemsText()).includes("notes.md"), "notes.md not in Problems");
    const language = await page.locator('[id="status.editor.mode"]').innerText().catch(() => "");
    await shot("notes-md");
    assert.match(language, /Markdown/);
  } catch (err) {
    // Keep what shows why: the screen, and the extension host's log of the language client.
    if (page) await page.screenshot({ path: path.join(artifacts, "failure.png") }).catch(() => {});
    for (const file of findFiles(path.join(userData, "logs"))) {
      fs.copyFileSync(file, path.join(artifacts, file.slice(userData.length + 1).replace(/[\\/]/g, "_")));
    }
    throw err;
  } finally {
    if (browser) await browser.close().catch(() => {});
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {}
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
