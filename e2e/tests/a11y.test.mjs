// Accessibility: axe-core on every route in both languages and both colour schemes must find no
// violation, and a keyboard-only walk reaches a filled diagnosis and its copy button.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { openPage, useSite } from "../harness.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const ROUTES = [
  "#/",
  "#/guided",
  "#/guided/push",
  "#/d/manifest-list-blob-unknown?registry=registry.example.com&project_path=group/app&tag=1.0",
  "#/d/push-denied-insufficient-scope",
  "#/all",
  "#/task/migrate",
  "#/task/transfer",
  "#/manifest",
  "#/name",
  "#/setup",
  "#/not-found",
];

const site = useSite(before, after);

async function axe(page) {
  // Evaluated through DevTools, so the page's CSP (rightly) does not block the test tool.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  });
}

for (const scheme of ["light", "dark"]) {
  for (const lang of ["en", "ja"]) {
    test(`axe finds no violations on any route (${lang}, ${scheme})`, async () => {
      const { page, problems, context } = await openPage(site.browser, site.server.url, { colorScheme: scheme });
      const found = [];
      for (const route of ROUTES) {
        const sep = route.includes("?") ? "&" : "?";
        await page.goto(`${site.server.url}${route}${sep}lang=${lang}`);
        await page.waitForSelector("main#content");
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        for (const v of await axe(page)) found.push(`${route}: ${v}`);
      }
      assert.deepEqual(found, []);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test("keyboard only: from home to a filled diagnosis and its copy button", async () => {
  const { page, problems } = await openPage(site.browser, site.server.url, { clipboard: true });
  // The skip link comes first and moves focus to the main content.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip");
  // Tab to the paste box and type an error.
  for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement.id)) !== "paste-input"; i++) {
    await page.keyboard.press("Tab");
  }
  assert.equal(await page.evaluate(() => document.activeElement.id), "paste-input");
  await page.keyboard.type("denied: requested access to the resource is denied\n$ docker push registry.example.com/group/app:1.0\n");
  await page.getByTestId("diagnosis").first().waitFor();
  // Tab to the first diagnosis link and follow it with Enter.
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    const inCard = await page.evaluate(() => !!document.activeElement.closest("[data-testid=diagnosis] h3"));
    if (inCard) break;
  }
  await page.keyboard.press("Enter");
  await page.getByTestId("param-form").waitFor();
  assert.equal(await page.locator("input[data-param=registry]").inputValue(), "registry.example.com");
  // Tab on to the first copy button and press it.
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement.dataset.testid)) === "copy") break;
  }
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "copy");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement.textContent.trim() === "Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /group\/app/, "the copied command carries the values found in the paste");
  assert.deepEqual(problems, []);
});

test("keyboard only: the guided diagnosis reaches an entry, and back and restart work", async () => {
  const { page, problems } = await openPage(site.browser, `${site.server.url}#/guided`);
  await page.getByTestId("guided").waitFor();
  const option = page.locator(".options a").nth(2); // "Pushing an image"
  await option.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("[data-testid=guided]")?.dataset.node === "push");
  assert.match(page.url(), /#\/guided\/push/);
  assert.equal(await page.getByTestId("breadcrumbs").count(), 1);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector("[data-testid=guided]")?.dataset.node === "root");
  await page.goForward();
  await page.waitForFunction(() => document.querySelector("[data-testid=guided]")?.dataset.node === "push");
  const entry = page.locator(".options a[data-kind=entry]").first();
  await entry.focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("diagnosis").waitFor();
  assert.deepEqual(problems, []);
});
