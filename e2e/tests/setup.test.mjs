// "Check my setup" against the local GitLab stand-in: read-only checks, results with links to the
// entries, and the token kept in memory only (never in the URL, storage or the page text).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { launch, openPage, startServer } from "../harness.mjs";

const stubPath = fileURLToPath(new URL("../stub-gitlab.mjs", import.meta.url));
let stub, stubOrigin, server, browser;
before(async () => {
  stub = spawn("node", [stubPath, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise((resolve) => stub.stdout.once("data", (d) => resolve(JSON.parse(String(d)).port)));
  stubOrigin = `http://127.0.0.1:${port}`;
  server = await startServer({ extra: ["--connect", stubOrigin] });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.stop();
  stub?.kill();
});

const TOKEN = "glpat-developer";

/** The API's own 4xx answers are expected here (they are what the checks read); anything else is not. */
const unexpected = (problems) => problems.filter((p) => !p.includes(stubOrigin));

test("checks run read-only and the token stays in memory only", async () => {
  const { page, problems } = await openPage(browser, `${server.url}#/setup`);
  await page.locator("#setup-gitlab").fill(stubOrigin);
  await page.locator("#setup-project").fill("my-group/my-project");
  await page.getByTestId("setup-token").fill(TOKEN);
  await page.getByTestId("setup-run").click();
  await page.getByTestId("setup-done").waitFor({ timeout: 20000 });
  const token = page.locator("li.check[data-check=token]");
  assert.equal(await token.getAttribute("data-status"), "pass");
  assert.ok((await page.locator("li.check").count()) >= 4, "several checks are reported");
  // Nowhere but the password field.
  assert.ok(!page.url().includes(TOKEN));
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!stored.includes(TOKEN));
  assert.ok(!(await page.locator("main").innerText()).includes(TOKEN));
  await page.getByTestId("setup-forget").click();
  assert.equal(await page.getByTestId("setup-token").inputValue(), "");
  // Only GET (and the browser's CORS preflight) ever reached the API.
  const log = await (await fetch(`${stubOrigin}/__stub/log`)).json();
  const methods = new Set(log.map((r) => r.method));
  assert.ok([...methods].every((m) => m === "GET" || m === "OPTIONS"), `methods seen: ${[...methods]}`);
  assert.ok(log.every((r) => !String(r.url).includes(TOKEN)), "the token is never in a URL");
  assert.deepEqual(unexpected(problems), []);
});

test("a problem links to the entry that explains it", async () => {
  const { page, problems } = await openPage(browser, `${server.url}#/setup`);
  await page.locator("#setup-gitlab").fill(stubOrigin);
  await page.locator("#setup-project").fill("my-group/my-project");
  await page.getByTestId("setup-token").fill("glpat-expired");
  await page.getByTestId("setup-run").click();
  await page.getByTestId("setup-done").waitFor({ timeout: 20000 });
  const token = page.locator("li.check[data-check=token]");
  assert.equal(await token.getAttribute("data-status"), "problem");
  assert.match(await token.locator("a").first().getAttribute("href"), /#\/d\/login-http-basic-access-denied/);
  assert.deepEqual(unexpected(problems), []);
});

test("the tag list found by the checks feeds the transfer task", async () => {
  const { page, problems } = await openPage(browser, `${server.url}#/setup`);
  await page.locator("#setup-gitlab").fill(stubOrigin);
  await page.locator("#setup-project").fill("big/registry");
  await page.getByTestId("setup-token").fill("glpat-maintainer");
  await page.getByTestId("setup-run").click();
  await page.getByTestId("setup-tag-list").waitFor({ timeout: 30000 });
  await page.getByTestId("setup-open-transfer").click();
  await page.getByTestId("task").waitFor();
  const list = await page.locator("textarea[data-param=tag_list]").inputValue();
  assert.ok(list.length > 1000, "the tag list arrived with the task");
  assert.ok(!page.url().includes("tag_list"), "the list is not in the URL");
  await page.locator("input[data-param=new_project_path]").fill("new-group/registry");
  await page.locator("input[data-param=username]").fill("deploy-bot");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=command]").length > 100);
  const script = (await page.getByTestId("command").allTextContents()).join("\n");
  assert.ok((script.match(/docker pull /g) ?? []).length >= 1000, "the script pulls every one of the 1000 tags");
  assert.ok(!script.includes("<tag_list>"));
  assert.deepEqual(unexpected(problems), []);
});
