// The first page load runs only the small first-paint shell; the full app comes with the first
// paste (or focus on the paste box, or another page) and takes over without losing what was typed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, useSite } from "../harness.mjs";

const site = useSite(before, after);
const shellWasm = (urls) => urls.filter((u) => /registry-doctor-shell-[0-9a-f]+_bg\.wasm$/.test(u));
const fullWasm = (urls) => urls.filter((u) => /registry-doctor-web-[0-9a-f]+_bg\.wasm$/.test(u));
const ERROR = "denied: requested access to the resource is denied\n$ docker push registry.example.com/group/app:1.0\n";

test("the home page loads the shell only; the first paste brings the full app and the diagnosis", async () => {
  const { page, problems, requests } = await openPage(site.browser, site.server.url);
  await page.waitForLoadState("networkidle");
  assert.equal(shellWasm(requests).length, 1, requests.join("\n"));
  assert.deepEqual(fullWasm(requests), [], "the full app is not part of the first load");
  assert.equal(await page.locator("#first-paint").count(), 1);
  await page.getByTestId("paste-input").fill(ERROR);
  const first = page.getByTestId("diagnosis").first();
  await first.waitFor();
  assert.equal(await first.getAttribute("data-catalog"), "ENT-B01");
  assert.equal(fullWasm(requests).length, 1);
  // The full app replaced the shell, kept the text and gave the paste box its focus back.
  assert.equal(await page.locator("#first-paint").count(), 0);
  assert.equal(await page.getByTestId("paste-input").inputValue(), ERROR);
  assert.equal(await page.evaluate(() => document.activeElement.id), "paste-input");
  assert.equal(await page.getByTestId("paste-input").count(), 1);
  assert.deepEqual(problems, []);
});

test("a link to another page loads the full app directly", async () => {
  const { page, problems, requests } = await openPage(site.browser, `${site.server.url}#/all?lang=ja`);
  await page.getByTestId("entry-list").waitFor();
  assert.deepEqual(shellWasm(requests), []);
  assert.equal(await page.locator("html").getAttribute("lang"), "ja");
  assert.deepEqual(problems, []);
});

test("when the rest of the app cannot be loaded, the shell says so and Try again works", async () => {
  const { page, problems, context } = await openPage(site.browser, site.server.url);
  await context.route(/registry-doctor-web-[0-9a-f]+_bg\.wasm$/, (route) => route.abort());
  await page.getByTestId("paste-input").fill(ERROR);
  const failed = page.getByTestId("load-failed");
  await failed.waitFor();
  assert.equal(await failed.getAttribute("role"), "alert");
  await context.unroute(/registry-doctor-web-[0-9a-f]+_bg\.wasm$/);
  await failed.getByRole("button").click();
  await page.getByTestId("diagnosis").first().waitFor();
  // The only problems are the blocked download's own reports.
  assert.deepEqual(problems.filter((p) => !/registry-doctor-web-[0-9a-f]+_bg\.wasm|ERR_FAILED/.test(p)), []);
});

test("typing while the rest of the app loads loses nothing", async () => {
  for (const delay of [0, 150, 400, 1500]) {
    const { page, problems, context } = await openPage(site.browser, site.server.url);
    await context.route(/registry-doctor-web-[0-9a-f]+_bg\.wasm$/, async (route) => {
      await new Promise((r) => setTimeout(r, delay));
      await route.continue();
    });
    await page.getByTestId("paste-input").focus();
    await page.keyboard.type(ERROR, { delay: 5 });
    const first = page.getByTestId("diagnosis").first();
    await first.waitFor({ timeout: 15000 }).catch(async () => {
      const value = await page.getByTestId("paste-input").inputValue();
      const state = await page.getByTestId("results").textContent();
      assert.fail(`delay ${delay}: no diagnosis; paste box holds ${JSON.stringify(value)}; results: ${state}`);
    });
    assert.equal(await page.getByTestId("paste-input").inputValue(), ERROR, `delay ${delay}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("pointing at the navigation starts loading the pages before the click", async () => {
  const { page, problems, requests } = await openPage(site.browser, site.server.url);
  await page.waitForLoadState("networkidle");
  assert.deepEqual(fullWasm(requests), []);
  await page.locator("header nav a").nth(4).hover();
  // The full app arrives and takes the home page over, looking the same.
  await page.waitForFunction(() => !document.getElementById("first-paint"));
  assert.equal(await page.getByTestId("paste-input").count(), 1);
  assert.equal(fullWasm(requests).length, 1);
  await page.locator("header nav a").nth(4).click();
  await page.getByTestId("entry-list").waitFor();
  assert.deepEqual(problems, []);
});
