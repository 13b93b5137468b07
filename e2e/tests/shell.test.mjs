// The site as a user first meets it: served from a sub-path under the strict CSP, the paste box,
// a first diagnosis, the language switch, and no errors or CSP violations along the way.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, useSite } from "../harness.mjs";

const site = useSite(before, after);

test("home loads under a sub-path with the strict CSP and shows the paste box", async () => {
  const { page, problems } = await openPage(site.browser, site.server.url);
  const box = page.getByTestId("paste-input");
  await box.waitFor();
  assert.equal(await page.getByLabel(/Paste an error message/).count(), 1, "the paste box is labelled");
  assert.equal(await page.locator("[data-testid=crash]").count(), 0);
  assert.deepEqual(problems, []);
});

test("pasting a registry error shows its diagnosis first, with the evidence highlighted", async () => {
  const { page, problems } = await openPage(site.browser, site.server.url);
  await page.getByTestId("paste-input").fill(
    "$ docker manifest push registry.example.com/g/app:1.0\nfailed to put manifest registry.example.com/g/app:1.0: errors:\nmanifest blob unknown: blob unknown to registry\n",
  );
  const first = page.getByTestId("diagnosis").first();
  await first.waitFor();
  assert.equal(await first.getAttribute("data-catalog"), "SEED-04");
  assert.equal(await first.locator("mark").first().textContent(), "manifest blob unknown: blob unknown to registry");
  assert.deepEqual(problems, []);
});

test("the language switch changes the page to Japanese and keeps it in the URL", async () => {
  const { page, problems } = await openPage(site.browser, site.server.url);
  await page.locator("[data-testid=language-switch] a[data-lang=ja]").click();
  await page.getByText("エラーメッセージ、CI ジョブのログ、またはマニフェストを貼り付けてください").waitFor();
  assert.match(page.url(), /lang=ja/);
  assert.equal(await page.locator("html").getAttribute("lang"), "ja");
  assert.deepEqual(problems, []);
});

test("a damaged link opens the home page with a notice, never a blank page", async () => {
  const { page, problems } = await openPage(site.browser, `${site.server.url}#/d/%ZZ?lang=xx&evil=<script>`);
  await page.getByTestId("paste-input").waitFor();
  assert.equal(await page.getByTestId("link-notice").count(), 1);
  assert.deepEqual(problems, []);
});

test("on a phone-sized screen no page scrolls sideways", async () => {
  const page = await site.browser.newPage({ viewport: { width: 390, height: 800 } });
  for (const route of ["#/", "#/d/manifest-list-blob-unknown", "#/task/migrate", "#/guided/push"]) {
    await page.goto(`${site.server.url}${route}`);
    await page.waitForSelector("main#content");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${route} is ${width}px wide`);
  }
  await page.close();
});
