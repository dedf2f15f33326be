// The page `nianbao check --format html` writes, opened in headless Chromium from a
// file:// URL, as an auditor opens a page forwarded to an offline machine: no console
// error, no network request at all, and a click on a column header sorts the table of
// reports. The folder: the five seeds, their PDF and Word copies and the unreadable files
// (tests/fixtures/converted). A screenshot goes to e2e-artifacts/html-page.png.
// Needs `scripts/e2e-install.sh` first (Chromium and playwright-core).
"use strict";
const { test } = require("node:test");
const assert = require("node:assert");
const cp = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ext = path.join(__dirname, "..");
const repo = path.join(ext, "..", "..");
const E2E_HOME = process.env.NIANBAO_E2E_HOME || path.join(os.homedir(), ".cache", "nianbao-e2e");
const artifacts = path.join(ext, "e2e-artifacts");
const binary = process.env.NIANBAO_BIN || path.join(repo, "target", "release", "nianbao");

test("the HTML page works offline: no error, no request, sortable", async () => {
  const { chromium } = require(path.join(E2E_HOME, "code-server", "node_modules", "playwright-core"));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-html-"));
  const page_file = path.join(work, "年报检查.html");
  const run = cp.spawnSync(binary, ["check", "--format", "html", "-o", page_file, "tests/fixtures/seeds", "tests/fixtures/converted"], { cwd: repo, encoding: "utf8" });
  assert.strictEqual(run.status, 2, "the unreadable files make it exit 2");
  assert.ok(fs.existsSync(page_file));

  const browser = await chromium.launchPersistentContext(path.join(work, "chromium"), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1300, height: 1000 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  try {
    const page = browser.pages()[0] || (await browser.newPage());
    const errors = [];
    const requests = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (r) => {
      if (!r.url().startsWith("file:")) requests.push(r.url());
    });
    const url = "file://" + page_file.split(path.sep).map(encodeURIComponent).join("/");
    await page.goto(url);
    await page.waitForSelector("#report-table");

    const column = async (index) =>
      page.$$eval("#report-table tbody tr", (rows, i) => rows.map((r) => r.cells[i].dataset.v ?? r.cells[i].textContent), index);
    const headers = await page.$$eval("#report-table thead th", (ths) => ths.map((t) => t.textContent));
    const errorsColumn = headers.indexOf("错误");
    assert.ok(errorsColumn > 0, headers.join(","));
    // Click 错误: ascending; again: descending.
    await page.click(`#report-table thead th:nth-child(${errorsColumn + 1})`);
    let values = (await column(errorsColumn)).map(Number);
    assert.deepStrictEqual(values, [...values].sort((a, b) => a - b), "ascending");
    await page.click(`#report-table thead th:nth-child(${errorsColumn + 1})`);
    values = (await column(errorsColumn)).map(Number);
    assert.deepStrictEqual(values, [...values].sort((a, b) => b - a), "descending");
    assert.ok(values[0] > values[values.length - 1]);
    // Sorting by 机关 (text) too.
    await page.click("#report-table thead th:nth-child(1)");
    const bodies = await column(0);
    assert.deepStrictEqual(bodies, [...bodies].sort((a, b) => a.localeCompare(b, "zh-CN")));
    // The filter keeps the rows that contain the text.
    await page.fill("#filter", "泉港区");
    const shown = await page.$$eval("#report-table tbody tr", (rows) => rows.filter((r) => r.style.display !== "none").length);
    assert.ok(shown >= 1 && shown < bodies.length, `${shown} rows shown`);
    await page.fill("#filter", "");
    // The unreadable files are listed with why, the wrong total highlighted.
    const text = await page.textContent("#summary");
    assert.match(text, /scanned\.pdf：PDF 没有文字层/);
    assert.ok(await page.$("td.bad .exp"));

    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, "html-page.png"), fullPage: false });
    assert.deepStrictEqual(errors, [], "console errors");
    assert.deepStrictEqual(requests, [], "network requests");
  } finally {
    await browser.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
});
